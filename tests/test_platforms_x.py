"""X: twitter-text's own conformance suite, read in place from the shared data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import measure
from crisiscomms.text import _tlds, _twitter
from crisiscomms.text._twitter import (
    extract_hashtags,
    extract_mentions,
    extract_urls,
    invalid_characters,
    weighted_length,
)
from tests.conftest import PLATFORM_DATA

CONFORMANCE = PLATFORM_DATA / "twitter-text" / "conformance"


def _load(name: str) -> dict[str, Any]:
    with (CONFORMANCE / name).open(encoding="utf-8") as file:
        data: dict[str, Any] = yaml.safe_load(file)
    tests: dict[str, Any] = data["tests"]
    return tests


VALIDATE = _load("validate.yml")
EXTRACT = _load("extract.yml")
TLDS = _load("tlds.yml")
# The config each weighted section names (js/test/conformance.html, rb conformance_test.rb).
WEIGHTED_SECTIONS = {
    "WeightedTweetsCounterTest": 2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": 3,
    "UnicodeDirectionalMarkerCounterTest": 3,  # the default config, v3
}
WEIGHTED_CASES = [
    pytest.param(case, version, id=f"{section}-{i}-{case['description'][:50]}")
    for section, version in WEIGHTED_SECTIONS.items()
    for i, case in enumerate(VALIDATE[section])
]
# The URL sections of extract.yml: each URL found counts 23, so each bears on counting.
URL_SECTIONS = (
    "urls",
    "urls_with_indices",
    "urls_with_directional_markers",
    "tco_urls_with_params",
)
URL_CASES = [
    pytest.param(case, id=f"{section}-{i}-{case['description'][:60]}")
    for section in URL_SECTIONS
    for i, case in enumerate(EXTRACT[section])
]
TLD_CASES = [
    pytest.param(case, id=case["text"])
    for section in ("country", "generic")
    for case in TLDS[section]
]


def test_the_suite_has_the_expected_size() -> None:
    """44 weighted cases (20 + 22 + 2) and 108 URL cases are read, none skipped."""
    assert len(WEIGHTED_CASES) == 44
    assert len(URL_CASES) == 91 + 10 + 2 + 5


class TestWeightedLength:
    @pytest.mark.parametrize(("case", "version"), WEIGHTED_CASES)
    def test_conformance(self, case: dict[str, Any], version: int) -> None:
        """weightedLength and valid match validate.yml with the section's config."""
        expected = case["expected"]
        length = weighted_length(case["text"], version=version)
        valid = 0 < length <= 280 and not invalid_characters(case["text"])
        assert (length, valid) == (expected["weightedLength"], expected["valid"])

    @pytest.mark.parametrize("case", [c for c, v in (p.values for p in WEIGHTED_CASES) if v == 3])
    def test_measure_uses_config_v3(self, case: dict[str, Any]) -> None:
        """`measure(text, "x")` is the v3 weighted length against 280."""
        m = measure(case["text"], "x")
        assert m.length == case["expected"]["weightedLength"]
        assert m.fits == (m.length <= 280)
        assert (m.limit, m.remaining) == (280, 280 - m.length)

    def test_newer_emoji_count_two(self) -> None:
        """An Emoji 15.1 ZWJ sequence counts 2 (twitter-text's 2020 tables say 5)."""
        assert weighted_length("🐦‍🔥") == 2
        assert weighted_length("🙂‍↔️") == 2

    def test_a_combining_mark_after_an_emoji_counts_apart(self) -> None:
        """Only the emoji sequence counts 2; a mark glued to it weighs its own 1."""
        assert weighted_length("👨\u0301") == 3

    @pytest.mark.parametrize(
        "sequence", ["©", "©️", "1⃣", "#️⃣", "👁‍🗨", "👨‍👩‍👧‍👦", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "❤️‍🔥", "🐈‍©", "👍🏽"]
    )
    def test_an_emoji_sequence_counts_two_and_v2_weighs_its_code_points(
        self, sequence: str
    ) -> None:
        """v3 counts a whole sequence 2; v2 adds its code points' weights one by one."""
        assert weighted_length(sequence) == 2
        by_code_point = sum(
            1 if ord(c) <= 0x10FF or 0x2000 <= ord(c) <= 0x200D else 2 for c in sequence
        )
        assert weighted_length(sequence, version=2) == by_code_point

    def test_lone_surrogates_are_weighed_like_other_code_points(self) -> None:
        """A lone surrogate is outside the light ranges: it weighs 2 and never crashes."""
        assert weighted_length("a\ud800") == 3


class TestUrlExtraction:
    @pytest.mark.parametrize("case", URL_CASES)
    def test_conformance(self, case: dict[str, Any]) -> None:
        """The URLs (and indices where given) are those of extract.yml."""
        spans = extract_urls(case["text"])
        found = [case["text"][start:end] for start, end in spans]
        expected = case["expected"]
        if expected and isinstance(expected[0], dict):
            assert found == [item["url"] for item in expected]
            assert [list(span) for span in spans] == [item["indices"] for item in expected]
        else:
            assert found == expected

    @pytest.mark.parametrize("case", TLD_CASES)
    def test_every_tld_is_recognised(self, case: dict[str, Any]) -> None:
        """Each TLD case of tlds.yml extracts its URL."""
        found = [case["text"][s:e] for s, e in extract_urls(case["text"])]
        assert found == case["expected"]

    def test_scheme_only_mode(self) -> None:
        """With without_scheme=False, as Mastodon counts, bare domains are not links."""
        text = "see example.com and https://example.org/x"
        assert [text[s:e] for s, e in extract_urls(text, without_scheme=False)] == [
            "https://example.org/x"
        ]

    def test_host_with_a_lone_surrogate_is_still_a_link(self) -> None:
        """Punycode works on code points, as in twitter-text: such a host counts 23."""
        assert extract_urls("http://a\ud800b.com") == ((0, 14),)
        assert weighted_length("http://a\ud800b.com") == 23

    def test_a_label_over_63_characters_after_punycode_is_not_a_link(self) -> None:
        """lib/idna.js: a non-ASCII label of 60 characters is longer than 63 once encoded."""
        text = "http://" + "é" * 60 + ".com"
        assert extract_urls(text) == ()

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("voir\u3000example.com\u3000ok", ["example.com"]),
            ("a\u2003b\u00a0http://t.co/x", ["http://t.co/x"]),
            ("site.İstanbul x.com", ["x.com"]),
        ],
    )
    def test_other_spaces_and_long_lower_cases(self, text: str, expected: list[str]) -> None:
        """Other spaces end a URL; a letter whose lower case is longer is no TLD."""
        assert [text[s:e] for s, e in extract_urls(text)] == expected
        found = [
            text[m.start("url") : m.end("url")]
            for m in ORACLE.finditer(text)
            if m["scheme"] or m["before"] not in "-_./"
        ]
        assert found == expected

    def test_a_bare_domain_without_ascii_labels_is_not_a_link(self) -> None:
        """Without a scheme only ASCII (and Latin-accented) domains are links."""
        assert extract_urls("ああ.com") == ()
        assert extract_urls("http://ああ.com") == ((0, 13),)

    def test_a_url_over_4096_characters_is_not_a_link(self) -> None:
        """isValidUrl: the URL with its scheme must fit in 4,096 characters."""
        text = "http://example.com/" + "a" * 4100
        assert extract_urls(text) == ()
        assert weighted_length(text) == len(text)


class TestTldModule:
    @pytest.mark.parametrize("section", ["country", "generic"])
    def test_generated_module_matches_tlds_yml(self, section: str) -> None:
        """text/_tlds.py holds exactly the TLDs of tlds.yml (regenerate it when it changes)."""
        listed = {case["text"].removeprefix("https://twitter.") for case in TLDS[section]}
        module = _tlds.COUNTRY_TLDS if section == "country" else _tlds.GENERIC_TLDS
        assert module == listed

    def test_generated_module_matches_tld_lib(self, platform_data: Path) -> None:
        """tld_lib.yml, the list the regexes are built from, agrees with tlds.yml."""
        with (CONFORMANCE / "tld_lib.yml").open(encoding="utf-8") as file:
            lib = yaml.safe_load(file)
        assert set(lib["country"]) == _tlds.COUNTRY_TLDS
        assert set(lib["generic"]) == _tlds.GENERIC_TLDS


class TestMentionsAndHashtags:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("@alice and @bob_2", ["@alice", "@bob_2"]),
            ("mail me: team@example.com", []),
            ("@@twice", []),
            ("＠fullwidth", ["＠fullwidth"]),
        ],
    )
    def test_mentions(self, text: str, expected: list[str]) -> None:
        """Mentions start a word and are not e-mail addresses."""
        assert [text[s:e] for s, e in extract_mentions(text)] == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("#panne #Paris2026 #1", ["#panne", "#Paris2026"]),
            ("no hashtags", []),
            ("a#b &#39; #été", ["#été"]),
        ],
    )
    def test_hashtags(self, text: str, expected: list[str]) -> None:
        """Hashtags hold at least one letter and start a word."""
        assert [text[s:e] for s, e in extract_hashtags(text)] == expected


# -- the extractor against the plain twitter-text regex ----------------------------------
# The extractor matches the domain by hand (the regex is quadratic on long dotted
# runs). The oracle below is the regex of extractUrl.js, built from the same
# character classes and TLD lists, scanned globally as JavaScript does.


def _alternation(names: frozenset[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, reverse=True))


_DC = _twitter._DOMAIN_CHAR
_TLD_END = "(?=[^0-9a-zA-Z@+-]|$)"
_TLD = (
    f"(?:(?:{_alternation(_tlds.GENERIC_TLDS)}){_TLD_END}"
    f"|(?:{_alternation(_tlds.COUNTRY_TLDS)}){_TLD_END}|xn--[-0-9a-z]+)"
)
_DOMAIN = f"(?:(?:{_DC}(?:[_-]|{_DC})*)?{_DC}\\.)*(?:(?:{_DC}(?:-|{_DC})*)?{_DC}\\.){_TLD}"
_BEFORE = f"(?:[^A-Za-z0-9@＠$#＃{_twitter._INVALID}]|[{_twitter._DIRECTIONAL}]|^)"
ORACLE = re.compile(
    f"(?P<before>{_BEFORE})(?P<url>(?P<scheme>https?://)?(?P<domain>{_DOMAIN})"
    f"(?::[0-9]+)?(?P<path>/{_twitter._PATH}*)?(?:\\?{_twitter._QUERY_CHAR}*{_twitter._QUERY_END})?)",
    re.IGNORECASE,
)
ORACLE_ASCII = re.compile(f"(?:[\\-a-z0-9{_twitter._LATIN_ACCENTS}]+\\.)+{_TLD}", re.IGNORECASE)
URLISH = st.lists(
    st.sampled_from(
        [
            "a", "b", "é", "ö", "1", "com", "co", "jp", "io", "xn--", "XN--ls8h", "みんな", "日本",
            "vermögensberater", "vermögensberatung", "ELPAÍS", "Com",
            "рус", ".", ".", "-", "_", "/", "?", "#", "@", "$", ":", "=", "&", "(", ")",
            "'", ",", "!", "+", " ", "\u3002", "\u202a", "http://", "https://", "t.co/",
        ]
    ),
    max_size=30,
).map("".join)  # fmt: skip


class TestExtractorAgainstTheRegex:
    @settings(max_examples=1500)
    @given(text=URLISH)
    def test_same_matches_as_the_regex(self, text: str) -> None:
        """Each match (preceding character, span, scheme, domain, path) is the regex's."""
        expected = [
            (
                m["before"],
                m.start("url"),
                m.end("url"),
                m["scheme"] is not None,
                m["domain"],
                m["path"] is not None,
            )
            for m in ORACLE.finditer(text)
        ]
        assert [tuple(m) for m in _twitter._iter_matches(text)] == expected

    @settings(max_examples=1500)
    @given(text=URLISH)
    def test_same_ascii_domains_as_the_regex(self, text: str) -> None:
        """validAsciiDomain finds the same domains in any string."""
        expected = [m.span() for m in ORACLE_ASCII.finditer(text)]
        assert list(_twitter._ascii_domains(text)) == expected

    def test_long_dotted_runs_take_linear_time(self) -> None:
        """A 100 kB run of "a." (quadratic for the regex) is counted at once."""
        assert weighted_length("a." * 50_000) == 100_000
        assert extract_urls("a." * 50_000 + "com") == ()  # longer than 4,096: no link
