"""Every example runs as a user would run it, and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

#: What each example must print; an example not listed must print something.
EXPECTED: dict[str, tuple[str, ...]] = {
    "lengths.py": (
        "breach-social-fr [fr_FR, initial]: rendered",
        "    x-fr          176/280 weighted characters: fits",
        "    sms           145/1600 UTF-16 code units, UCS-2, 3 part(s): fits"
        "  findings: LEN002, LEN004",
        "recall-fr [fr_FR, initial]: raw text (no demo value for batch)",
    ),
    "quickstart.py": (
        "Lumea — plan de communication de crise",
        "  critical  Critique  30 min  every 1 h",
        "CNIL (autorité de contrôle) (regulators, from moderate)",
        "    channels: email [email]",
        "  initial            6/7     10/11",
        "  not usable now: breach-instagram-fr, breach-investors-en",
        # The other parts of the demo, each from its own example.
        "    sms           145/1600 UTF-16 code units, UCS-2, 3 part(s): fits",
        "customers    instagram     fr_FR   -                              GAP      -",
        # The partners' email gives times without a zone (CON008): its status says so.
        "partners     email         en_GB   372 characters (no limit)      warning  breach-long",
        "escalate moderate -> high (rule 'rumour-spreading'):",
        "  error CON001 [media/linkedin/en_GB]: media/linkedin/en_GB says '15,000' for"
        " affected_customers at 61-67, but the facts hold 12000",
        "  error   TIM001 first-statement/investors",
        # The review of the recorded crisis, and the lesson applied.
        "Fuite 2411: 12 messages, 846 mentions, 3 changes;",
        "    first statement [media]: 1 h 15 min (target 1 h) missed; press-1",
        "  REV010 templates[rumour-rebuttal-fr].crisis_types [JSON Patch]",
        "  rumour-rebuttal-fr now answers in: false-rumour, data-breach",
        "  reviewed again with the new plan: lesson REV010 templates[rumour-rebuttal-fr]"
        ".crisis_types reported: False",
        # The lint section, last: the three deliberate gaps and the coverage figure.
        "  readiness 98%: 57 of 58 initial-phase cells",
        "  the Instagram post was edited after approval: error PLN021 [breach-instagram-fr]:",
        "  the investors update expired: error PLN020 [breach-investors-en]:",
        "  the data protection officer has no backup: warning PLN002 [dpo]:",
        "  customers    instagram     fr_FR   GAP",
        "The demo crisis as a CAP 1.2 alert (French and English blocks)",
        # The drill at the end.
        "   3  T+ 1:00  mention_burst         525 messages relaient",
        "  late    first-statement-investors                investors-email-85",
        "  missed  rebut-data-for-sale                      -",
        "  error   EXR001 [partners-by-hand]",
    ),
    "cap_alert.py": (
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
        "    <language>fr-FR</language>",
        "    <language>en-GB</language>",
        "    <category>Security</category>",
        "    <severity>Severe</severity>",
        "    <expires>2026-11-24T12:00:00+01:00</expires>",
        "    <headline>Lumea a détecté un accès non autorisé à l’espace client.</headline>",
        "    <web>https://status.lumea.fr/incident/2411</web>",
        "2 info blocks: fr-FR, en-GB; reads back unchanged",
        "then an update: msgType Update, references"
        " alertes@lumea.fr,lumea-2411-1,2026-11-24T09:20:00+01:00",
    ),
}


def test_there_are_examples() -> None:
    """The examples folder is found and holds the quickstart."""
    assert "quickstart.py" in [path.name for path in EXAMPLES]


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_runs(path: Path) -> None:
    """The example exits with 0 and prints its expected lines."""
    result = subprocess.run(
        [sys.executable, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for line in EXPECTED.get(path.name, ()):
        assert line in result.stdout, line
    assert result.stdout.strip()
