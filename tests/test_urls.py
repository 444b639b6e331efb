"""The host of a link as a browser reads it: WHATWG URL vectors written from the standard."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms.text._lookalike import host, skeleton, whole_script_lookalike
from crisiscomms.text._urls import scheme, url_host

# Each vector follows a step of the URL standard's "basic URL parser"
# (url.spec.whatwg.org, 4.4): the authority ends at the last "@" before the
# path; "\" is "/" in special schemes; hosts are IPv4-parsed with 0x and 0
# prefixes; IPv6 literals are serialised compressed; tabs and newlines are
# removed; leading and trailing C0 controls and spaces are stripped.
VECTORS = [
    ("https://status.lumea.fr:443@evil.com/x", "evil.com"),
    ("https://status.lumea.fr:x@evil.com/x", "evil.com"),
    ("https://example.es@evil.com/", "evil.com"),
    ("https://a@b@evil.com/", "evil.com"),
    ("http://1.2.3.4\\.lumea.fr/", "1.2.3.4"),
    ("https:\\\\evil.com\\x", "evil.com"),
    ("https:/\\evil.com", "evil.com"),
    ("http://0x7f.1/", "127.0.0.1"),
    ("http://0177.0.0.1/", "127.0.0.1"),
    ("http://2130706433/", "127.0.0.1"),
    ("http://[::1]/", "[::1]"),
    ("http://[0:0:0:0:0:0:0:1]:80/", "[::1]"),
    ("HTTPS://STATUS.Lumea.FR/", "status.lumea.fr"),
    ("https://%65vil.com/", "evil.com"),
    ("https://ev\til\n.com/", "evil.com"),
    ("  https://evil.com  ", "evil.com"),
    ("ftp://evil.com/file", "evil.com"),
    ("hxxp://evil.com/", "evil.com"),
    ("hxxps://evil.com:8443/", "evil.com"),
    ("lumea.fr/aide", "lumea.fr"),
    ("www.lumea.fr", "www.lumea.fr"),
    ("https://lumеa.fr/", "lumеa.fr"),
    ("https://xn--lma-bpa.fr/", "xn--lma-bpa.fr"),
]


class TestUrlHost:
    @pytest.mark.parametrize(("url", "expected"), VECTORS)
    def test_the_host_a_browser_opens(self, url: str, expected: str) -> None:
        """User info, backslashes, IP literals and any scheme: the standard's host."""
        assert url_host(url) == expected

    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            "mailto:a@b.example",
            "data:text/html,x",
            "http://",
            "",
            "file:///x",
        ],
    )
    def test_links_without_a_host(self, url: str) -> None:
        """A link that opens no host has none."""
        assert url_host(url) is None

    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("JavaScript:x", "javascript"),
            (" \x01java\tscript:x", "javascript"),
            ("data:,x", "data"),
            ("/relative", None),
            ("#top", None),
            ("1http:x", None),
        ],
    )
    def test_scheme_as_the_standard_reads_it(self, url: str, expected: str | None) -> None:
        """Leading controls and inner tabs do not hide a scheme."""
        assert scheme(url) == expected

    @settings(max_examples=300)
    @given(st.text())
    def test_any_text_has_a_host_or_none(self, url: str) -> None:
        """Never raises: a host in lower case, or None."""
        found = url_host(url)
        assert found is None or found == found.lower() or not found.isascii()

    def test_host_of_the_look_alike_rules_is_the_browsers(self) -> None:
        """The look-alike rules compare the host a browser opens, not the one written first."""
        assert host("https://status.lumea.fr:443@evil.com/") == "evil.com"
        assert host("mailto:x") == "mailto:x"


class TestConfusablesData:
    @pytest.mark.parametrize(
        ("written", "expected"),
        [("ѕtatuѕ.lumea.fr", "statuslumeafr"), ("ѕοѕ.fr", "sosfr"), ("ｌumea.fr", "lumeafr")],
    )
    def test_skeletons_come_from_unicodes_data(self, written: str, expected: str) -> None:
        """Cyrillic dze, Greek omicron, a full-width l: letters the old hand table did not know."""
        assert skeleton(written) == expected

    @pytest.mark.parametrize(
        ("label", "latin"), [("аррӏе", "appie"), ("рау", "pay"), ("ѕсоре", "scope")]
    )
    def test_whole_script_look_alikes(self, label: str, latin: str) -> None:
        """A label all in Cyrillic letters that pass for Latin ones reads as that Latin name."""
        assert whole_script_lookalike(label) == latin

    @pytest.mark.parametrize("label", ["apple", "москва", "αθήνα", "lumеa", "日本", "аο"])
    def test_real_words_and_mixes_are_not_whole_script(self, label: str) -> None:
        """Latin, real Cyrillic or Greek words, mixed labels and Han are no forgery."""
        assert whole_script_lookalike(label) is None

    @settings(max_examples=200)
    @given(st.text(max_size=20))
    def test_any_label_is_judged(self, label: str) -> None:
        """Never raises; a reading is all Latin letters, digits and hyphens."""
        found = whole_script_lookalike(label)
        assert found is None or all(c.isascii() for c in found)


def test_the_url_parser_and_confusables_load_lazily() -> None:
    """`import crisiscomms` and a check of a plain message load neither package."""
    import subprocess
    import sys

    code = (
        "import sys, crisiscomms; crisiscomms.check_message('Service restored.', 'x'); "
        "print(sorted(m for m in ('ada_url', 'confusable_homoglyphs') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
