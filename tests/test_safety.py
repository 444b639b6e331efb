"""Unicode safety: bidi controls, invisible characters, surrogates, look-alike links."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from crisiscomms import Finding, Level
from crisiscomms.platforms import check_links, check_unicode, link_domains
from crisiscomms.text._safety import BIDI_CONTROLS
from tests.strategies import post_text


def _codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


class TestBidiControls:
    @pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
    def test_each_control_is_an_error(self, char: str) -> None:
        """U+202A to U+202E and U+2066 to U+2069 are each reported as SEC001 errors."""
        (finding,) = check_unicode(f"Pay {char}here", subject="x")
        assert (finding.code, finding.level, finding.span, finding.subject) == (
            "SEC001",
            Level.ERROR,
            (4, 5),
            "x",
        )
        assert "delete it" in finding.message

    def test_a_run_is_one_finding(self) -> None:
        """Consecutive controls make one finding spanning the run."""
        (finding,) = check_unicode("a\u2066\u202a\u202cb")
        assert finding.span == (1, 4)
        assert "3 in a row" in finding.message


class TestInvisibleCharacters:
    @pytest.mark.parametrize("char", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u200e", "\x07"])
    def test_invisible_is_a_warning(self, char: str) -> None:
        """Zero-width spaces, word joiners, BOM, soft hyphens, marks, controls: SEC002."""
        assert _codes(check_unicode(f"12{char}000")) == ["SEC002"]

    @pytest.mark.parametrize(
        "text",
        [
            "👨‍👩‍👧‍👦 famille",
            "🏳️‍🌈",
            "स्\u200dक",
            "می\u200cخواهم",
            "©️",
            "tab\tand\r\nlines",
            "plain",
        ],
    )
    def test_legitimate_uses_are_not_reported(self, text: str) -> None:
        """Joiners inside emoji or between letters, variation selectors on emoji: fine."""
        assert check_unicode(text) == ()

    def test_joiner_at_the_edges_is_reported(self) -> None:
        """A joiner with no letter on one side shapes nothing: it is reported."""
        assert _codes(check_unicode("\u200dabc")) == ["SEC002"]
        assert _codes(check_unicode("abc\u200c")) == ["SEC002"]

    def test_variation_selector_on_a_digit_alone_is_reported(self) -> None:
        """A variation selector after a space selects nothing."""
        assert _codes(check_unicode("a \ufe0f")) == ["SEC002"]


class TestSurrogates:
    def test_lone_surrogates_are_errors(self) -> None:
        """A lone high or low surrogate is SEC003, with its position."""
        findings = check_unicode("ok\ud83d and \ude00")
        assert _codes(findings) == ["SEC003", "SEC003"]
        assert [f.span for f in findings] == [(2, 3), (8, 9)]


class TestLinks:
    def test_domains_are_found_with_spans(self) -> None:
        """link_domains reads the host of each link, lower-cased, without port or path."""
        text = "https://Status.Example.com:8443/x?y and www.lumea.fr/#z"
        assert [domain for domain, _ in link_domains(text)] == [
            "status.example.com",
            "www.lumea.fr",
        ]

    def test_punycode_domain(self) -> None:
        """A link in punycode is SEC004."""
        assert _codes(check_links("see http://xn--80ak6aa92e.com/login")) == ["SEC004"]

    @pytest.mark.parametrize("text", ["https://pаypal.com", "https://lumеa.fr/info"])
    def test_mixed_script_domain(self, text: str) -> None:
        """A Cyrillic letter among Latin ones is SEC005."""
        (finding,) = check_links(text)
        assert finding.code == "SEC005"
        assert "cyrillic, latin" in finding.message

    @pytest.mark.parametrize(
        "text",
        ["https://пример.рф", "http://foobar.みんな/", "https://日本語jp.example.jp", "a.com"],
    )
    def test_single_script_and_cjk_mixes_are_fine(self, text: str) -> None:
        """One script per label, or Latin with Han and kana, is not a look-alike."""
        assert check_links(text) == ()

    def test_allowed_domains(self) -> None:
        """Links outside the allowed domains are SEC006; subdomains are allowed."""
        text = "https://status.lumea.fr/1 lumea.fr https://evil.example/x https://notlumea.fr"
        findings = check_links(text, allowed_domains=["Lumea.fr."])
        assert _codes(findings) == ["SEC006", "SEC006"]
        assert [text[slice(*f.span)] for f in findings if f.span] == [
            "https://evil.example/x",
            "https://notlumea.fr",
        ]
        assert "add the domain to the plan" in findings[0].message

    def test_no_allowed_domains_means_no_check(self) -> None:
        """None or an empty list skips the allowed-domain check."""
        assert check_links("https://evil.example", allowed_domains=None) == ()
        assert check_links("https://evil.example", allowed_domains=()) == ()


class TestNeverRaises:
    @settings(max_examples=300)
    @given(text=post_text)
    def test_any_string(self, text: str) -> None:
        """The checks return findings for any str, with spans inside the text."""
        for finding in check_unicode(text) + check_links(text, allowed_domains=["example.com"]):
            assert finding.code.startswith("SEC")
            assert finding.span is not None
            assert finding.span[1] <= len(text)


class TestAllowListBypasses:
    """The links the hostile-input review got past `allowed_domains`."""

    @pytest.mark.parametrize(
        ("text", "host"),
        [
            ("https://status.lumea.fr:443@evil.com/x", "evil.com"),
            ("https://status.lumea.fr:x@evil.com/x", "evil.com"),
            ("http://1.2.3.4\\.lumea.fr/", "1.2.3.4"),
            ("Voir http://[::1]/x", "[::1]"),
            ("Voir ftp://evil.com/x", "evil.com"),
            ("Voir hxxp://evil.com/x", "evil.com"),
            ("Voir https:\\\\evil.com/x", "evil.com"),
            ("Voir http://0x7f.1/", "127.0.0.1"),
        ],
    )
    def test_the_host_a_browser_opens_is_checked(self, text: str, host: str) -> None:
        """User info, backslashes, IP literals and any scheme: SEC006 names the real host."""
        findings = check_links(text, allowed_domains=["lumea.fr"])
        assert "SEC006" in _codes(findings)
        assert any(repr(host) in f.message for f in findings if f.code == "SEC006")

    def test_a_scheme_link_wins_over_the_shorter_link_inside_it(self) -> None:
        """The whole link is one link, not the allowed prefix twitter-text stops at."""
        ((domain, span),) = link_domains("Log in: https://status.lumea.fr:443@evil.com/x.")
        assert (domain, span) == ("evil.com", (8, 46))

    def test_allowed_links_stay_allowed(self) -> None:
        """An ordinary link of the plan's domain, with port and path, has no finding."""
        text = "https://status.lumea.fr:443/x (ok)."
        assert check_links(text, allowed_domains=["lumea.fr"]) == ()


class TestSchemes:
    @pytest.mark.parametrize(
        ("text", "markup"),
        [
            ('<a href="javascript:alert(1)">x</a>', "html"),
            ("<a href='JaVa&#x53;cript:alert(1)'>x</a>", "html"),
            ('<img src="data:image/svg+xml,x">', "html"),
            ('<a href="//evil.com/x">x</a>', "html"),
            ("[status](javascript:alert(1))", "markdown"),
            ("<javascript:alert(1)>", "markdown"),
            ("[s]: data:text/html,x", "markdown"),
            ("<javascript:alert(1)|status>", "slack"),
            ("ftp://status.lumea.fr/x", "plain"),
        ],
    )
    def test_links_that_are_not_http_are_sec008(self, text: str, markup: str) -> None:
        """javascript:, data:, relative and ftp links in the markup are errors."""
        findings = check_links(text, markup=markup)
        assert "SEC008" in _codes(findings)
        assert all(f.level is Level.ERROR for f in findings)

    @pytest.mark.parametrize(
        ("text", "markup"),
        [
            ('<a href="https://status.lumea.fr/x">x</a>', "html"),
            ("[status](https://status.lumea.fr/x)", "markdown"),
            ("<https://status.lumea.fr/x|status>", "slack"),
            ("javascript:alert(1) as text", "plain"),
        ],
    )
    def test_https_links_and_text_are_fine(self, text: str, markup: str) -> None:
        """An https link of an allowed domain, or a scheme in plain prose, has no finding."""
        assert check_links(text, markup=markup, allowed_domains=["lumea.fr"]) == ()

    def test_a_markup_link_is_held_to_the_allowed_domains(self) -> None:
        """An entity-encoded href opens another host: SEC006 for it."""
        text = '<a href="https&#58;//status.lumea.fr&#64;evil.com/">x</a>'
        assert _codes(check_links(text, markup="html", allowed_domains=["lumea.fr"])) == ["SEC006"]


class TestWholeScriptLookAlikes:
    def test_an_all_cyrillic_domain_is_sec007(self) -> None:
        """аррӏе.com has no mix of scripts, but every letter passes for Latin."""
        (finding,) = check_links("https://аррӏе.com")
        assert (finding.code, finding.level) == ("SEC007", Level.ERROR)
        assert "cyrillic" in finding.message

    def test_a_real_cyrillic_domain_is_fine(self) -> None:
        """A real Russian name is no forgery."""
        assert check_links("https://москва.рф") == ()


class TestLoneCarriageReturn:
    def test_a_lone_cr_is_sec002(self) -> None:
        """A CR without LF can hide a line: reported; a CRLF is an ordinary line break."""
        (finding,) = check_unicode("ok\rCall 0800\r\nbye")
        assert (finding.code, finding.span) == ("SEC002", (2, 3))
        assert "CARRIAGE RETURN" in finding.message


class TestMarkupOnlyLinks:
    def test_a_link_only_the_markup_writes_is_held_to_the_allowed_domains(self) -> None:
        """An href whose dots are references is no link in the text, but its host is checked."""
        text = '<a href="&#104;ttps://evil&#46;com/">x</a>'
        findings = check_links(text, markup="html", allowed_domains=["lumea.fr"])
        assert any(f.code == "SEC006" and "'evil.com'" in f.message for f in findings)

    def test_a_link_no_browser_parses_keeps_its_written_host(self) -> None:
        """An unclosed IPv6 literal opens nothing: the host is what is written before the path."""
        assert link_domains("see http://[::1 now") == (("[::1", (4, 15)),)

    @pytest.mark.parametrize("text", ['<a href="mailto:crise@lumea.fr">', '<a href="tel:+33100">'])
    def test_schemes_the_caller_accepts(self, text: str) -> None:
        """mailto: and tel: are refused by default and accepted when the caller says so."""
        assert _codes(check_links(text, markup="html")) == ["SEC008"]
        accepted = ("https", "mailto", "tel")
        assert check_links(text, markup="html", schemes=accepted, allowed_domains=["x.fr"]) == ()

    def test_an_http_link_without_a_host(self) -> None:
        """An href of "https:" alone opens nothing known: SEC008."""
        assert _codes(check_links('<a href="https:">x</a>', markup="html")) == ["SEC008"]
