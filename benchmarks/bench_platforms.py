"""`measure` against the baselines of issue 6, on the same strings.

* X: `crisiscomms.measure(text, "x")` against ``twitter_text.parse_tweet``
  (PyPI twitter-text-parser 3.0.0), with identical weighted lengths; goal at
  least 30 times faster.
* Bluesky: against ``len(regex.findall(r"\\X", text))``; goal at most 1.1 times
  that, and near ``len()`` for ASCII text.
* SMS: a 160-character GSM-7 message; goal at most 2 microseconds. UCS-2
  (issue 14): a 300-character Greek message and a 152-character French one
  with one typographic apostrophe, against ``smsutil.split`` (PyPI smsutil
  1.1.3) with the same number of parts; goal at least 5 times faster.

Figures are in docs/performance.md ("Platform rules").
"""

from __future__ import annotations

import pytest
import regex
from pytest_benchmark.fixture import BenchmarkFixture
from smsutil import split as smsutil_split
from twitter_text import parse_tweet

from crisiscomms import measure
from crisiscomms.platforms import count_graphemes
from crisiscomms.text._sms import _ucs2_segments_by_cluster

MESSAGES = {
    "ascii-url": (
        "Service update: card payments are failing for some customers since 09:30 UTC. "
        "Cash and bank transfers work. Follow https://status.example.com/incidents/42 for "
        "the next update at 11:00. We are so sorry"
    ),
    "french": (
        "Mise à jour : l’incident est résolu depuis 14 h 30. « Merci de votre patience », "
        "dit l’équipe. Les paiements par carte fonctionnent à nouveau ; un bilan détaillé "
        "suivra d’ici vendredi."
    ),
    "emoji-cjk": (
        "⚠️ 服务中断：支付系统故障 🔧 我们正在修复。💳 刷卡暂不可用 🙏 感谢耐心等待 "
        "👨‍👩‍👧‍👦 🇫🇷 下次更新：11:00 ✅"
    ),
}
SMS_160 = (
    "Lumea: card payments fail since 09:30. Cash and transfers work. Next update 11:00 "
    "on status.lumea.fr. We apologise for the trouble. Team Lumea, 24/11/2026. Thx!"
)
GRAPHEME = regex.compile(r"\X")
SMS_UCS2 = {
    "greek-300": (
        "Διακοπή ρεύματος στην Αθήνα από τις 09:30. Τα συνεργεία μας εργάζονται για την "
        "αποκατάσταση. Επόμενη ενημέρωση στις 11:00 στο status.lumea.gr. Ζητούμε συγγνώμη "
        "για την ταλαιπωρία. Για επείγοντα περιστατικά καλέστε το 1050. Ευχαριστούμε για "
        "την υπομονή σας. Ομάδα Lumea, 24/11/2026, Αθήνα, Ελλάδα. Τέλ"
    ),
    "french-152": (
        "Lumea : les paiements par carte échouent depuis 09:30. L’espèce et le virement "
        "fonctionnent. Prochaine mise à jour à 11:00 sur status.lumea.fr. Merci !!"
    ),
}


def test_the_messages_are_what_the_issue_names() -> None:
    """200 ASCII characters with one URL; French with accents and quotes; a 160-char SMS."""
    assert len(MESSAGES["ascii-url"]) == 200
    assert MESSAGES["ascii-url"].isascii()
    assert "’" in MESSAGES["french"]
    assert "«" in MESSAGES["french"]
    assert len(SMS_160) == 160
    assert measure(SMS_160, "sms").encoding == "GSM-7"


@pytest.mark.parametrize("name", list(MESSAGES))
def test_x_lengths_are_identical(name: str) -> None:
    """The baseline and measure agree on every message."""
    text = MESSAGES[name]
    assert measure(text, "x").length == parse_tweet(text).weightedLength


@pytest.mark.parametrize("name", list(MESSAGES))
def test_x_measure(benchmark: BenchmarkFixture, name: str) -> None:
    text = MESSAGES[name]
    result = benchmark(measure, text, "x")
    assert result.length == parse_tweet(text).weightedLength


@pytest.mark.parametrize("name", list(MESSAGES))
def test_x_baseline_parse_tweet(benchmark: BenchmarkFixture, name: str) -> None:
    text = MESSAGES[name]
    result = benchmark(parse_tweet, text)
    assert result.weightedLength == measure(text, "x").length


@pytest.mark.parametrize("name", list(MESSAGES))
def test_bluesky_measure(benchmark: BenchmarkFixture, name: str) -> None:
    text = MESSAGES[name]
    result = benchmark(measure, text, "bluesky")
    assert result.length == len(GRAPHEME.findall(text))


@pytest.mark.parametrize("name", list(MESSAGES))
def test_bluesky_baseline_regex(benchmark: BenchmarkFixture, name: str) -> None:
    text = MESSAGES[name]
    benchmark(lambda: len(GRAPHEME.findall(text)))


def test_bluesky_count_graphemes_ascii(benchmark: BenchmarkFixture) -> None:
    text = MESSAGES["ascii-url"]
    assert benchmark(count_graphemes, text) == len(text)


def test_bluesky_baseline_len_ascii(benchmark: BenchmarkFixture) -> None:
    text = MESSAGES["ascii-url"]
    benchmark(len, text)


def test_sms_measure_160_gsm(benchmark: BenchmarkFixture) -> None:
    result = benchmark(measure, SMS_160, "sms")
    assert (result.length, result.segments) == (160, 1)


def test_sms_ucs2_messages_are_what_the_issue_names() -> None:
    """300 Greek characters, and 152 French ones whose one apostrophe forces UCS-2."""
    assert len(SMS_UCS2["greek-300"]) == 300
    assert len(SMS_UCS2["french-152"]) == 152
    assert SMS_UCS2["french-152"].count("’") == 1
    assert measure(SMS_UCS2["french-152"].replace("’", "'"), "sms").encoding == "GSM-7"


@pytest.mark.parametrize("name", list(SMS_UCS2))
def test_sms_ucs2_measure(benchmark: BenchmarkFixture, name: str) -> None:
    text = SMS_UCS2[name]
    result = benchmark(measure, text, "sms")
    assert result.encoding == "UCS-2"
    # The same parts as smsutil's, and as segmenting the text cluster by cluster.
    assert result.segments == len(smsutil_split(text).parts) == _ucs2_segments_by_cluster(text)


@pytest.mark.parametrize("name", list(SMS_UCS2))
def test_sms_ucs2_baseline_smsutil(benchmark: BenchmarkFixture, name: str) -> None:
    text = SMS_UCS2[name]
    result = benchmark(smsutil_split, text)
    assert len(result.parts) == measure(text, "sms").segments
