"""`check_message`: every LEN, TPL and SEC finding, channels and plans, bad input."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    Channel,
    CrisisCommsError,
    Finding,
    InputError,
    Level,
    Plan,
    PlanError,
    Platform,
    UnknownPlatformError,
    check_message,
    load_plan,
    render,
)
from crisiscomms.platforms import RULES
from crisiscomms.samples import demo_plan
from crisiscomms.text._substitutes import is_invisible
from tests.strategies import post_text


def _codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


@dataclass(frozen=True)
class _Channel:
    id: str
    platform: Platform
    max_length: int | None = None


class TestLength:
    def test_a_good_message_has_no_finding(self) -> None:
        """A short, clean post gives nothing."""
        assert check_message("Service restored at 14:30. Thank you.", Platform.X) == ()

    def test_over_the_limit_says_by_how_much(self) -> None:
        """LEN001 is an error with the length, the limit and how much to cut."""
        (finding,) = check_message("a" * 290, "x")
        assert (finding.code, finding.level, finding.subject) == ("LEN001", Level.ERROR, "x")
        assert "290 weighted characters of 280" in finding.message
        assert "shorten it by at least 10" in finding.message

    def test_over_the_recommended_length(self) -> None:
        """LEN002 is a warning when the hard limit holds but the advice does not."""
        (finding,) = check_message("Panne " * 15, "email_subject")
        assert (finding.code, finding.level) == ("LEN002", Level.WARNING)
        assert "over the recommended 78" in finding.message

    def test_over_the_byte_limit(self) -> None:
        """LEN003: 300 family emoji fit Bluesky's graphemes, not its bytes."""
        assert _codes(check_message("👨‍👩‍👧‍👧" * 300, "bluesky")) == ["LEN003"]

    def test_channel_limit_and_subject(self) -> None:
        """A channel's max_length is the limit; its id is the subject."""
        channel = Channel(id="masto-big", platform="mastodon", max_length=1000)
        assert check_message("a" * 900, channel) == ()
        (finding,) = check_message("a" * 1001, channel)
        assert finding.subject == "masto-big"
        assert "on masto-big (mastodon)" in finding.message

    def test_empty_message(self) -> None:
        """LEN009: nothing (or only spaces) to post is an error."""
        assert _codes(check_message("", "sms")) == ["LEN009"]
        (finding,) = check_message("  \n", "x")
        assert "only spaces" in finding.message

    def test_x_invalid_characters(self) -> None:
        """LEN005: X refuses U+FFFE, U+FEFF and U+FFFF."""
        findings = check_message("ok\ufffe", "x")
        assert _codes(findings) == ["LEN005"]
        assert findings[0].span == (2, 3)


class TestSms:
    def test_curly_apostrophe_costs_a_part(self) -> None:
        """LEN004 names ’, its positions, and the cost without it: 3 parts instead of 2."""
        text = "Coupure d’électricité : l’équipe intervient, retour prévu à 18h. " * 3
        findings = check_message(text, "sms")
        assert _codes(findings) == ["LEN002", "LEN004"]
        ucs2 = findings[1]
        assert ucs2.level is Level.WARNING
        assert "'’' (U+2019) at 9, 25, 74, 90, 139 and 1 more" in ucs2.message
        assert "3 parts instead of 2 without them" in ucs2.message
        assert "replace '’' (U+2019) with \"'\"" in ucs2.message
        assert ucs2.span == (9, 10)
        assert "sent as 3 SMS parts" in findings[0].message

    def test_ucs2_that_costs_nothing_more_is_info(self) -> None:
        """A short UCS-2 message costs one part either way: LEN010, only info."""
        (finding,) = check_message("Retour à 18h 🙏", "sms")
        assert (finding.code, finding.level) == ("LEN010", Level.INFO)
        assert "remove '🙏' (U+1F64F)" in finding.message

    def test_accented_letters_get_their_nearest_gsm_letter(self) -> None:
        """'ú', 'á', 'í' are replaced by 'u', 'a', 'i', never deleted (NFKD)."""
        text = "Atención: agua no apta para el consumo. Más información: aguas.es/aviso" * 2
        ucs2 = next(f for f in check_message(text, "sms") if f.code in {"LEN004", "LEN010"})
        assert "replace 'ó' (U+00F3) with 'o'" in ucs2.message
        assert "replace 'á' (U+00E1) with 'a'" in ucs2.message
        assert "remove 'ó'" not in ucs2.message
        assert "remove 'á'" not in ucs2.message

    def test_a_letter_without_an_equivalent_is_kept(self) -> None:
        """A Cyrillic word among Latin text is kept: the advice says UCS-2 stays."""
        (finding,) = [f for f in check_message("Agua: вода", "sms") if f.code == "LEN010"]
        assert "no GSM-7 equivalent" in finding.message
        assert "remove 'в'" not in finding.message

    @pytest.mark.parametrize("char", ["\u200b", "\u00ad", "\u2060", "\ufe0f", "\u0301"])
    def test_an_invisible_character_is_named_never_printed(self, char: str) -> None:
        """The advice shows U+200B by code and name, and the raw character never."""
        text = f"Corte de agua{char} en Sevilla, información en la web"
        ucs2 = [f for f in check_message(text, "sms") if f.code in {"LEN004", "LEN010"}]
        assert ucs2
        assert char not in ucs2[0].message
        assert f"U+{ord(char):04X}" in ucs2[0].message

    @given(st.text(max_size=40))
    def test_the_advice_never_shows_an_invisible_character(self, text: str) -> None:
        """Whatever the text, no SMS finding prints a zero-width or combining character."""
        for finding in check_message(text, "sms"):
            if finding.code in {"LEN004", "LEN010"}:
                assert not any(is_invisible(c) for c in finding.message)

    def test_a_text_in_another_script_is_summarised(self) -> None:
        """Greek or Cyrillic text is UCS-2 by nature: one info finding, no list."""
        findings = check_message("Восстановление электроснабжения ожидается к вечеру", "sms")
        assert _codes(findings) == ["LEN010"]
        assert "different characters outside GSM-7" in findings[0].message

    def test_over_the_channel_limit_names_the_parts(self) -> None:
        """An SMS channel that accepts one part: LEN001 says how many parts it takes."""
        channel = _Channel("sms-one", Platform.SMS, 160)
        (finding,) = check_message("a" * 170, channel)
        assert finding.code == "LEN001"
        assert "(2 SMS parts)" in finding.message
        assert finding.subject == "sms-one"


class TestCaps:
    def test_instagram_hashtags(self) -> None:
        """LEN008: Instagram takes 5 hashtags; the sixth is pointed at."""
        text = "#a #b #c #d #e #f"
        (finding,) = check_message(text, "instagram")
        assert finding.code == "LEN008"
        assert finding.span == (15, 17)

    def test_instagram_mentions(self) -> None:
        """LEN007: Instagram takes 20 mentions."""
        text = " ".join(f"@user{i}" for i in range(21))
        assert _codes(check_message(text, "instagram")) == ["LEN007"]

    def test_x_links(self) -> None:
        """LEN006: X takes 10 links."""
        text = " ".join(f"https://lumea.fr/{i}" for i in range(11))
        assert "LEN006" in _codes(check_message(text, "x"))

    def test_threads_counts_unique_links(self) -> None:
        """Threads caps 5 unique links: the same link six times is fine."""
        assert check_message("https://lumea.fr/a " * 6, "threads") == ()
        text = " ".join(f"https://lumea.fr/{i}" for i in range(6))
        assert _codes(check_message(text, "threads")) == ["LEN006"]


class TestPlaceholders:
    @pytest.mark.parametrize(
        ("text", "left"),
        [
            ("Bonjour {name}, ", "{name}"),
            ("{{ customers }} clients", "{{ customers }}"),
            ("%(count)s clients", "%(count)s"),
            ("Voir ${url}", "${url}"),
            ("{n, number} clients", "{n, number}"),
            ("{n, plural, one {# client} other {# clients}}", "{n, plural,"),
        ],
    )
    def test_placeholder_left(self, text: str, left: str) -> None:
        """TPL100 names the placeholder, the fact to give, and where it is."""
        (finding,) = check_message(text, "linkedin")
        assert (finding.code, finding.level) == ("TPL100", Level.ERROR)
        assert finding.span is not None
        assert text[slice(*finding.span)] == left

    def test_braces_that_are_not_placeholders(self) -> None:
        """JSON-ish or empty braces are not reported."""
        assert check_message("Code {} and { 3 } and 100%", "linkedin") == ()


class TestSafety:
    def test_unsafe_unicode_is_reported(self) -> None:
        """Bidi controls and invisible characters come through as SEC findings."""
        assert _codes(check_message("Paiement\u202e rétabli\u200b", "linkedin")) == [
            "SEC001",
            "SEC002",
        ]

    def test_allowed_domains_come_from_the_plan(self) -> None:
        """With the demo plan, a link outside lumea.fr is SEC006; without a plan, no check."""
        plan = demo_plan()
        text = "Infos : https://status.lumea.fr/incident et https://lumea-help.com"
        assert _codes(check_message(text, "x-fr", plan=plan)) == ["SEC006"]
        assert check_message(text, "x") == ()


class TestChannelArgument:
    def test_channel_id_with_a_plan(self) -> None:
        """With a plan, a channel id is looked up and is the subject."""
        (finding,) = check_message("a" * 300, "x-fr", plan=demo_plan())
        assert finding.subject == "x-fr"

    def test_platform_name_with_a_plan(self) -> None:
        """A platform name still works with a plan when no channel has that id."""
        assert _codes(check_message("a" * 600, "threads", plan=demo_plan())) == ["LEN001"]

    def test_unknown_with_a_plan_lists_ids_and_platforms(self) -> None:
        """An unknown name with a plan is an InputError listing both kinds."""
        with pytest.raises(InputError, match="'x-fr'") as info:
            check_message("hi", "nowhere", plan=demo_plan())
        assert "'telegram'" in str(info.value)

    def test_unknown_without_a_plan(self) -> None:
        """Without a plan an unknown name is an UnknownPlatformError."""
        with pytest.raises(UnknownPlatformError):
            check_message("hi", "nowhere")

    def test_rule_value(self) -> None:
        """A PlatformRule is accepted, its name is the subject."""
        (finding,) = check_message("a" * 200, RULES["cap_headline"])
        assert (finding.code, finding.subject) == ("LEN001", "cap_headline")

    @pytest.mark.parametrize("wrong", [None, 3])
    def test_wrong_types(self, wrong: object) -> None:
        """Neither text nor channel may be of another type: InputError."""
        with pytest.raises(InputError):
            check_message("hi", wrong)  # type: ignore[arg-type]
        with pytest.raises(InputError):
            check_message(wrong, "x")  # type: ignore[arg-type]


class TestNeverRaises:
    @settings(max_examples=150)
    @given(text=post_text)
    def test_any_string_on_every_rule(self, text: str) -> None:
        """Findings, never an exception, for any str on every rule."""
        for name in RULES:
            for finding in check_message(text, name):
                assert finding.message
                assert finding.subject == name

    @pytest.mark.parametrize("name", ["x", "sms", "bluesky", "mastodon", "threads"])
    def test_large_hostile_inputs(self, name: str) -> None:
        """100 kB of emoji, bidi controls and surrogates give findings, not errors."""
        for text in ("🚨" * 25_000, "\u202e\ud800{x}" * 20_000):
            assert isinstance(check_message(text, name), tuple)

    def test_errors_are_crisiscomms_errors(self) -> None:
        """Bad arguments raise CrisisCommsError only."""
        with pytest.raises(CrisisCommsError):
            check_message("a", "nope")


class TestMarkupOfTheChannel:
    def test_an_html_channel_checks_its_hrefs(self) -> None:
        """A javascript: href on an HTML channel is SEC008."""
        web = Channel(id="web", platform="web", markup="html")
        findings = check_message('<a href="javascript:alert(1)">Status</a>', web)
        assert [f.code for f in findings] == ["SEC008"]

    def test_the_same_text_on_a_plain_channel_is_prose(self) -> None:
        """Without markup the href is text: no link, no finding."""
        assert check_message('<a href="javascript:alert(1)">Status</a>', "x") == ()

    @pytest.mark.parametrize("text", ["<!channel> outage", "@here outage", "<!everyone|all> x"])
    def test_a_slack_broadcast_is_sec009(self, text: str) -> None:
        """A broadcast notifies everyone: a warning on a Slack channel."""
        ops = Channel(id="ops", platform="slack", audience="internal", markup="slack")
        (finding,) = check_message(text, ops)
        assert (finding.code, finding.level, finding.subject) == ("SEC009", Level.WARNING, "ops")

    def test_a_rendered_url_fact_is_checked(self) -> None:
        """A fact that is a javascript: URL, rendered into an href, is caught before posting."""
        web = Channel(id="web", platform="web", markup="html")
        facts = {"url": "javascript:alert(1)"}
        text = render('<a href="{url}">Status</a>', facts, locale="en", channel=web)
        assert "SEC008" in [f.code for f in check_message(text, web)]


class TestAllowedSchemes:
    """The plan's `allowed_schemes` decides which link schemes pass (SEC008 for the rest)."""

    LINK = "Le détail : ftp://fichiers.lumea.fr/avis.pdf"

    @staticmethod
    def _plan(schemes: list[str]) -> Plan:
        document = json.loads(demo_plan().to_json())
        document["allowed_schemes"] = schemes
        return load_plan(document)

    def test_http_and_https_by_default(self) -> None:
        """Without the field, an ftp link in a message is SEC008."""
        assert demo_plan().allowed_schemes == ("http", "https")
        assert "SEC008" in {f.code for f in check_message(self.LINK, "email", plan=demo_plan())}

    def test_the_plan_widens_the_schemes(self) -> None:
        """A plan that lists ftp accepts the ftp link; an https link still passes."""
        plan = self._plan(["https", "ftp"])
        assert "SEC008" not in {f.code for f in check_message(self.LINK, "email", plan=plan)}

    def test_the_plan_narrows_the_schemes(self) -> None:
        """A plan that lists only https refuses a plain http link."""
        plan = self._plan(["https"])
        text = "Suivi : http://statut.lumea.fr/incident"
        assert "SEC008" in {f.code for f in check_message(text, "email", plan=plan)}

    def test_a_scheme_written_as_a_url_is_refused_with_the_fix(self) -> None:
        """'https://' is a plan problem that says to write 'https'."""
        with pytest.raises(PlanError, match=r"allowed_schemes\[0\].*write 'https'"):
            self._plan(["https://"])

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=40))
    def test_any_scheme_text_loads_lowercased_or_is_a_plan_problem(self, text: str) -> None:
        """Any text either loads as a lowercase scheme or is a PlanError, never another error."""
        try:
            plan = self._plan([text])
        except PlanError:
            return
        (scheme,) = plan.allowed_schemes
        assert scheme == scheme.lower()
        assert scheme == text.strip().lower()
