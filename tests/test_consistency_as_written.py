"""check_consistency on posts as people write them, in en, fr, de and es (issue 18's classes)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiscomms import (
    CrisisCommsError,
    InputValueError,
    Message,
    ValueKind,
    check_consistency,
    extract_values,
    render,
)
from crisiscomms._consistency._comparison import states_number
from crisiscomms.text._approximations import bound_before, multiplier_after, rounding_unit
from crisiscomms.text._domains import looks_like, registrable_domain, same_owner
from crisiscomms.text._markup import Markup, as_read
from crisiscomms.text._phones import normalize_phone, phone_in, phone_region
from crisiscomms.text._zones import zone_pattern, zone_tzinfo, zone_value
from tests.accuracy import accuracy_plan
from tests.strategies import EXTRACTION_LOCALES

MADRID = ZoneInfo("Europe/Madrid")
URLS = {
    "en": "https://status.lumea.co.uk/incident/2411",
    "fr": "https://status.lumea.fr/incident/2411",
    "de": "https://status.lumea.de/stoerung/2411",
    "es": "https://estado.lumea.es/incidencia/2411",
}
LOCALES = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE", "es": "es_ES"}


def found(texts: list[str], language: str, channel: str = "email", **facts: object) -> list[str]:
    """The codes found on `texts`, one message each, with the language's accuracy plan."""
    messages = [Message(t, channel=channel, locale=LOCALES[language]) for t in texts]
    report = check_consistency(messages, facts=facts, plan=accuracy_plan(language))
    return [f.code for f in report.findings]


class TestSpaceGrouping:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("es", "12 345 hogares afectados en Bilbao."),
            ("es", "Afecta a 12\u00a0345 clientes de la zona norte."),
            ("de", "12\u202f345 Haushalte sind ohne Strom."),
            ("en", "12 345 households are without power."),
            ("fr", "12 345 foyers sont privés de courant."),
        ],
    )
    def test_one_number(self, language: str, text: str) -> None:
        """A number grouped with a space agrees with the fact, in every language."""
        assert found([text], language, affected_customers=12345) == []

    def test_a_wrong_grouped_number_is_found(self) -> None:
        """ "12 435 hogares" against 12,345 is CON001."""
        assert found(["12 435 hogares afectados."], "es", affected_customers=12345) == ["CON001"]


class TestPhones:
    @pytest.mark.parametrize(
        ("language", "text", "fact"),
        [
            ("es", "Llame al 944 123 456 para cualquier duda.", "+34 944 123 456"),
            ("es", "Atención al cliente: 944123456.", "+34 944 123 456"),
            ("en", "Call (212) 555-0100 for help.", "+1 212 555 0100"),
            ("de", "Hotline: 0800/1234567 (kostenlos).", "+49 800 1234567"),
            ("fr", "Appelez le 09 70 80 90 00.", "+33 9 70 80 90 00"),
        ],
    )
    def test_the_same_number_agrees(self, language: str, text: str, fact: str) -> None:
        """A number written nationally agrees with the fact written internationally."""
        locale = "en_US" if "(212)" in text else LOCALES[language]
        report = check_consistency(
            [Message(text, channel="sms", locale=locale)],
            facts={"hotline": fact},
            plan=accuracy_plan(language),
        )
        assert report.findings == ()

    def test_a_wrong_spanish_number_is_found(self) -> None:
        """ "944 123 465" for 944 123 456 is CON004, and its groups are no numbers."""
        codes = found(["Llame al 944 123 465."], "es", hotline="+34 944 123 456")
        assert codes == ["CON004"]

    def test_normalize_phone_with_a_region(self) -> None:
        """A region reads national numbers; without one, the digits are kept."""
        assert normalize_phone("944 123 456", "ES") == "+34944123456"
        assert normalize_phone("944 123 456") == "944123456"
        assert normalize_phone("0044 20 7946 0958") == "+442079460958"
        assert phone_region("de") == "DE"
        assert phone_region("xx_invalid!") is None

    @given(
        text=st.text(alphabet="0123456789 +()-./", max_size=30),
        region=st.sampled_from([None, "ES", "US", "DE", "FR", "GB", "CH"]),
    )
    def test_phone_parsing_never_raises(self, text: str, region: str | None) -> None:
        """Any run of digits and separators is a phone number or none, never an error."""
        normalize_phone(text, region)
        for national in (True, False):
            result = phone_in(text, region, national=national)
            assert result is None or result[0] <= len(text)


class TestLinks:
    @pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
    def test_another_page_of_the_own_site_claims_nothing(self, language: str) -> None:
        """A help page of the organisation's own site is not a wrong status link."""
        site = URLS[language].split("/")[2].split(".", 1)[1]
        text = f"Infos: {URLS[language]} — FAQ: https://www.{site}/aide"
        assert found([text], language, status_url=URLS[language]) == []

    @pytest.mark.parametrize(
        ("language", "fake"),
        [
            ("es", "https://estado.lumea.com/incidencia/2411"),
            ("de", "status.lumea.com/stoerung/2411"),
            ("en", "status.lumea-uk.com/incident/2411"),
            ("fr", "https://status.lurnea.fr/incident/2411"),
        ],
    )
    @pytest.mark.parametrize("channel", ["sms", "x-fr", "email"])
    def test_a_look_alike_is_con003_on_every_channel(
        self, language: str, fake: str, channel: str
    ) -> None:
        """The same name under another suffix, or a homoglyph, is a wrong status link."""
        assert found([f"Info: {fake}"], language, channel, status_url=URLS[language]) == ["CON003"]

    def test_registrable_domains(self) -> None:
        """The Public Suffix List decides the registrable domain."""
        assert registrable_domain("https://status.lumea.co.uk/x") == "lumea.co.uk"
        assert registrable_domain("localhost") == "localhost"
        assert same_owner("status.lumea.fr", "https://www.lumea.fr/aide")
        assert not looks_like("https://example.org", URLS["fr"])
        assert looks_like("https://lumea.de", URLS["fr"])


class TestPrecision:
    @pytest.mark.parametrize("locale", ["fr_FR", "en_GB", "de_DE", "es_ES"])
    def test_a_rendered_percentage_agrees_with_its_fact(self, locale: str) -> None:
        """ "{p, number, percent}" of 0.625 is "62 %" or "63 %": it states 0.625."""
        text = render("Rétablissement : {p, number, percent}.", {"p": 0.625}, locale=locale)
        report = check_consistency(
            [Message(text, channel="email", locale=locale)], facts={"p": 0.625}
        )
        assert report.findings == ()

    def test_a_decimal_rounded_from_the_fact_agrees(self) -> None:
        """ "3,5 %" states 0.0349; "3,7 %" does not, and without a cue it is no fact's."""
        facts = {"p": Decimal("0.0349")}
        ok = Message("Taux : 3,5 %.", channel="email", locale="fr_FR")
        wrong = Message("Taux : 3,7 %.", channel="email", locale="fr_FR")
        assert check_consistency([ok], facts=facts).findings == ()
        assert [f.code for f in check_consistency([wrong], facts=facts).findings] == ["CON007"]
        assert states_number(Decimal("0.035"), None, Decimal("0.0349"))
        assert not states_number(Decimal("0.037"), None, Decimal("0.0349"))
        assert not states_number(Decimal("1E-30"), None, Decimal("1E+30"))

    def test_a_whole_number_must_be_the_figure(self) -> None:
        """ "12,000" for 12,345 is no rounding that the writer said: CON001."""
        assert found(["12,000 customers affected."], "en", affected_customers=12345) == ["CON001"]


class TestApproximations:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("es", "Más de 12.000 hogares afectados."),
            ("es", "Unos 12.000 clientes siguen sin suministro."),
            ("en", "More than 12,000 households are affected."),
            ("en", "Around 12k customers are affected."),
            ("de", "Über 12.000 Haushalte sind betroffen."),
            ("de", "Rund 12.000 Kunden sind ohne Strom."),
            ("fr", "Plus de 12 000 foyers sont concernés."),
            ("fr", "Environ 12 000 clients restent privés de courant."),
        ],
    )
    def test_a_bound_or_approximation_that_holds_agrees(self, language: str, text: str) -> None:
        """Rounded on purpose and true: no finding."""
        assert found([text], language, affected_customers=12345) == []

    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("es", "Más de 15.000 hogares afectados."),
            ("en", "Fewer than 10,000 customers are affected."),
            ("de", "Rund 20.000 Kunden sind ohne Strom."),
            ("fr", "Environ 13 000 clients concernés."),
        ],
    )
    def test_one_that_does_not_hold_is_con001(self, language: str, text: str) -> None:
        """A bound that fails, or an approximation off by more than its rounding: CON001."""
        assert found([text], language, affected_customers=12345) == ["CON001"]

    def test_the_pieces(self) -> None:
        """Words, multipliers and rounding units, read on their own."""
        assert bound_before("hasta 3", 6, "es") == "under"
        assert bound_before("3", 0, "es") is None
        assert bound_before("x 3", 2, "xx") is None
        assert multiplier_after("3 Mio. Kunden", 1) == (1_000_000, 6)
        assert multiplier_after("3 Kunden", 1) is None
        assert rounding_unit(Decimal(0)) == Decimal(1)

    @given(text=st.text(max_size=40), start=st.integers(0, 45))
    def test_bound_reading_never_raises(self, text: str, start: int) -> None:
        """Any text and position gives a bound or None."""
        for language in ("en", "fr", "de", "es"):
            assert bound_before(text, min(start, len(text)), language) in {
                None,
                "over",
                "under",
                "about",
            }
        multiplier_after(text, min(start, len(text)))


class TestStatus:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("en", "Supply partially restored; our investigation is ongoing."),
            ("es", "Suministro parcialmente restablecido. Estamos investigando la causa."),
            ("de", "Die Versorgung ist zu 62 % wiederhergestellt, wir untersuchen die Ursache."),
            ("fr", "Alimentation rétablie pour la plupart des clients, analyse en cours."),
        ],
    )
    def test_a_partial_restoration_ends_no_incident(self, language: str, text: str) -> None:
        """A qualified restoration word says no "resolved" against "investigating"."""
        assert "CON006" not in found([text], language, status="investigating")

    @pytest.mark.parametrize(
        ("language", "held", "text"),
        [
            ("es", "investigando", "La incidencia está resuelta."),
            ("fr", "en cours d’investigation", "L’incident est résolu."),
            ("de", "wird untersucht", "Die Störung ist behoben."),
        ],
    )
    def test_a_status_fact_in_the_plans_language_is_read(
        self, language: str, held: str, text: str
    ) -> None:
        """ "investigando" in the facts and "resuelta" in a post: CON006."""
        assert found([text], language, status=held) == ["CON006"]

    def test_an_unknown_status_fact_is_refused(self) -> None:
        """A status no reader knows is an error that names the stages."""
        with pytest.raises(InputValueError, match="investigating"):
            found(["La incidencia está resuelta."], "es", status="en pausa técnica")


class TestTimes:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("es", "Próxima actualización a mediodía."),
            ("es", "Próxima actualización a las 12."),
            ("en", "Next update at noon."),
            ("fr", "Prochain point à midi."),
            ("de", "Nächste Aktualisierung um 12 Uhr."),
        ],
    )
    def test_noon_in_words_states_the_time(self, language: str, text: str) -> None:
        """Noon agrees with a 12:00 fact in the plan's zone; 13:00 does not."""
        zone = ZoneInfo(accuracy_plan(language).timezone)
        noon = datetime(2026, 11, 24, 12, tzinfo=zone)
        assert found([text], language, next_update=noon) == []
        late = datetime(2026, 11, 24, 13, tzinfo=zone)
        assert found([text], language, next_update=late) == ["CON002"]

    @pytest.mark.parametrize(
        ("locale", "text", "quoted", "names"),
        [
            ("en_GB", "Next update at 7 AM.", "'7 AM'", "'CET'"),
            ("de_DE", "Nächste Aktualisierung um 7 Uhr.", "'7 Uhr'", "'MEZ'"),
            ("fr_FR", "Prochain point à 7 h.", "'7 h'", "heure d’Europe centrale"),
            ("es_ES", "Próxima actualización a las 7:00.", "'7:00'", "hora de Europa central"),
        ],
    )
    def test_the_zone_advice_speaks_the_readers_language(
        self, locale: str, text: str, quoted: str, names: str
    ) -> None:
        """CON008 names the plan's zone as the reader's locale does, and quotes no full stop."""
        message = Message(text, channel="email", locale=locale, timezone="America/New_York")
        report = check_consistency([message], plan=accuracy_plan("fr"))
        assert [f.code for f in report.findings] == ["CON008"]
        assert names in report.findings[0].message
        assert quoted in report.findings[0].message


class TestNotClaims:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("es", "Según el Real Decreto 3/2023 y la Ley 7/2022, le informamos."),
            ("es", "Notificación conforme al RD 3/2023."),
            ("de", "Gemäß § 4 TrinkwV und Art. 33 DSGVO informieren wir Sie."),
            ("fr", "Conformément à l’article 33 du RGPD et au décret 2021/1234."),
            ("en", "Under section 4 of the Regulation 2016/679."),
            ("en", "Our helpline is open 24/7."),
            ("fr", "Service client joignable 24 h/24 et 7 j/7."),
            ("de", "Die Hotline ist 24 Stunden am Tag erreichbar."),
            ("es", "Atención telefónica las 24 horas, 7 días a la semana."),
        ],
    )
    def test_laws_and_opening_hours_state_no_figure(self, language: str, text: str) -> None:
        """Numbered texts and availability phrases are no CON007."""
        assert found([text], language, affected_customers=12345) == []


class TestMarkup:
    def test_an_escaped_swiss_grouping_is_one_number(self) -> None:
        """ "12&#x27;500" in an HTML e-mail reads 12'500; its span is the text as written."""
        text = "<p>12&#x27;500 Kunden sind betroffen.</p>"
        report = check_consistency(
            [Message(text, channel="email", locale="de_CH")],
            facts={"affected_customers": 12500},
            plan=accuracy_plan("de"),
        )
        assert report.findings == ()
        (row,) = report.facts_seen
        assert (row.text, text[row.span[0] : row.span[1]]) == ("12&#x27;500", "12&#x27;500")

    def test_markdown_and_slack_escapes(self) -> None:
        """Markdown backslashes and Slack's three entities are read as shown."""
        shown = as_read(r"\#incident 1\. 12 000 clients", Markup.MARKDOWN)
        assert shown is not None
        assert shown[0] == "#incident 1. 12 000 clients"
        slack = as_read("R&amp;D &lt;3", Markup.SLACK)
        assert slack is not None
        assert slack[0] == "R&D <3"
        assert as_read("plain & simple", Markup.PLAIN) is None
        assert as_read("no escape", Markup.MARKDOWN) is None
        assert as_read("R & D", Markup.HTML) is None

    @given(text=st.text(max_size=60), markup=st.sampled_from(list(Markup)))
    def test_offsets_point_into_the_text_as_written(self, text: str, markup: Markup) -> None:
        """Every offset of the decoded text is an offset of the text as written."""
        shown = as_read(text, markup)
        if shown is not None:
            decoded, offsets = shown
            assert len(offsets) == len(decoded) + 1
            assert offsets == sorted(offsets)
            assert offsets[-1] == len(text)


@given(
    text=st.text(max_size=80),
    locale=st.sampled_from(EXTRACTION_LOCALES),
    channel=st.sampled_from(["email", "sms", "x-fr", "slack-crisis"]),
)
def test_any_text_on_any_channel_never_raises(text: str, locale: str, channel: str) -> None:
    """Whatever the text, locale and markup, the check gives a report or a library error."""
    with contextlib.suppress(CrisisCommsError):
        check_consistency(
            [Message(text, channel=channel, locale=locale)],
            facts={"affected_customers": 12345, "hotline": "+34 944 123 456"},
            plan=accuracy_plan("es"),
        )


def test_the_phone_and_suffix_data_load_lazily() -> None:
    """`import crisiscomms` loads neither libphonenumber nor the Public Suffix List."""
    code = (
        "import sys, crisiscomms; "
        "print(sorted(m for m in ('phonenumbers', 'publicsuffixlist') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


class TestZonesOnTheirOwn:
    @given(
        text=st.text(
            alphabet=st.sampled_from(list("UTCGMESTBPhoraedPris +-:0123456789()")), max_size=24
        ),
        locale=st.sampled_from(EXTRACTION_LOCALES),
    )
    def test_any_zone_text_reads_as_a_zone_or_none(self, text: str, locale: str) -> None:
        """The zone parser alone: a match gives a zone that has a tzinfo, or None."""
        match = zone_pattern(locale).match(text)
        if match is not None:
            zone = zone_value(match, locale)
            if zone is not None:
                assert zone_tzinfo(zone) is not None

    @pytest.mark.parametrize(
        ("locale", "text", "zone"),
        [
            ("es_ES", "a las 14:00 hora canaria", "Atlantic/Canary"),
            ("es_ES", "a las 13:00 hora de Canarias", "Atlantic/Canary"),
            ("fr_FR", "à 10 h heure des Antilles", "America/Martinique"),
            ("en_US", "at 9 AM ET", "America/New_York"),
        ],
    )
    def test_zones_of_regions(self, locale: str, text: str, zone: str) -> None:
        """A region that keeps another clock than its capital is read in its own zone."""
        (item,) = [v for v in extract_values(text, locale) if v.kind is ValueKind.TIME]
        assert item.zone == zone


@pytest.mark.parametrize(
    "text",
    [
        "Próxima actualización a las 14:00 (13:00 en Canarias).",
        "Next update at 2 PM CET (8 AM ET).",
        "Prochain point à 14 h heure de Paris, 9 h heure des Antilles.",
    ],
)
def test_one_time_in_two_zones_agrees(text: str) -> None:
    """A sentence that gives the update in two zones states one instant."""
    locale = {"P": "es_ES", "N": "en_GB"}.get(text[0], "fr_FR")
    update = datetime(2026, 11, 24, 14, tzinfo=MADRID)
    report = check_consistency(
        [Message(text, channel="email", locale=locale)],
        facts={"next_update": update},
        plan=accuracy_plan("es"),
    )
    assert report.findings == ()


def test_region_of_a_language_without_territory() -> None:
    """A locale without a territory takes CLDR's likeliest; a national number needs a region."""
    assert phone_region("fr") == "FR"
    assert phone_in("944 123 456", None, national=True) is None
