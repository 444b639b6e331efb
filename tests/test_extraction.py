"""Fact extraction: numbers, dates, times, zones, links, contacts, hashtags, status words."""

from __future__ import annotations

import contextlib
import itertools
import pickle
import re
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from babel import dates, numbers
from hypothesis import example, given, settings
from hypothesis import strategies as st

from crisiscomms import CrisisCommsError, InputError, UnsupportedLocaleError, render
from crisiscomms.samples import demo_plan
from crisiscomms.text._extraction import (
    _EMAIL_LOCAL,
    ExtractedValue,
    MonthDay,
    ValueKind,
    _email_local_start,
    extract_each,
    extract_values,
    normalize_phone,
    normalize_url,
    supported_locale,
)
from crisiscomms.text._zones import zone_tzinfo
from tests.strategies import (
    EXTRACTION_LOCALES,
    EXTRACTION_ZONES,
    extraction_instants,
    extraction_text,
)

NNBSP = "\u202f"
NBSP = "\u00a0"
THIN = "\u2009"
REF = date(2026, 11, 20)


def only(text: str, locale: str, **kwargs: object) -> ExtractedValue:
    """The single value of `text`, failing when there is not exactly one."""
    found = extract_values(text, locale, **kwargs)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


class TestLocales:
    @pytest.mark.parametrize("locale", ["it_IT", "zz", "", "fr_XX_YY_ZZ!", "ja"])
    def test_unsupported_locale_names_the_supported_ones(self, locale: str) -> None:
        """A locale outside en, fr, de, es is refused with the supported languages named."""
        with pytest.raises(UnsupportedLocaleError) as info:
            extract_values("12", locale)
        assert info.value.supported == ("de", "en", "es", "fr")
        assert "'fr'" in str(info.value)

    def test_locale_of_the_wrong_type_is_refused(self) -> None:
        """A locale that is not a str is an unsupported locale, not a crash."""
        with pytest.raises(UnsupportedLocaleError):
            extract_values("12", 12)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("given", "canonical"),
        [("fr-FR", "fr_FR"), ("de_AT", "de_AT"), ("es-MX", "es_MX"), ("en", "en")],
    )
    def test_regional_variants_are_supported(self, given: str, canonical: str) -> None:
        """Every regional variant of a supported language is accepted and canonicalised."""
        assert supported_locale(given) == canonical

    def test_text_must_be_a_string(self) -> None:
        """Anything but a str as text is an InputError."""
        with pytest.raises(InputError):
            extract_values(b"12", "fr")  # type: ignore[arg-type]

    def test_reference_must_be_a_date(self) -> None:
        """A reference that is no date is an InputError."""
        with pytest.raises(InputError):
            extract_values("le 24 novembre", "fr", reference="2026-11-24")  # type: ignore[arg-type]


class TestNumbers:
    @pytest.mark.parametrize(
        ("locale", "text", "value"),
        [
            ("fr_FR", f"12{NNBSP}000", Decimal(12000)),
            ("fr_FR", f"12{NBSP}000", Decimal(12000)),
            ("fr_FR", "12 000", Decimal(12000)),
            ("fr_FR", "3,5", Decimal("3.5")),
            ("fr_CA", f"1{NBSP}234{NBSP}567,25", Decimal("1234567.25")),
            ("en_GB", "12,000", Decimal(12000)),
            ("en_US", "3.5", Decimal("3.5")),
            ("en_IN", "12,34,567", Decimal(1234567)),
            ("de_DE", "12.000", Decimal(12000)),
            ("de_DE", "3,5", Decimal("3.5")),
            ("de_CH", "12’000", Decimal(12000)),
            ("de_CH", "12'000.5", Decimal("12000.5")),
            ("es_ES", "12.000", Decimal(12000)),
            ("es_MX", "12,000", Decimal(12000)),
            ("en_GB", "-42", Decimal(-42)),
            ("fr_FR", "−42", Decimal(-42)),
        ],
    )
    def test_numbers_in_the_locale_symbols(self, locale: str, text: str, value: Decimal) -> None:
        """Grouping and decimal symbols are the locale's, spaces of every width included."""
        item = only(f"{text} clients", locale)
        assert (item.kind, item.value, item.text) == (ValueKind.NUMBER, value, text)

    @pytest.mark.parametrize(
        ("locale", "text", "value"),
        [
            ("fr_FR", f"12{NBSP}%", Decimal("0.12")),
            ("fr_FR", f"12,5{NNBSP}%", Decimal("0.125")),
            ("en_GB", "12%", Decimal("0.12")),
            ("de_DE", "12 Prozent", Decimal("0.12")),
            ("es_ES", "12 por ciento", Decimal("0.12")),
            ("fr_FR", "12 pour cent", Decimal("0.12")),
        ],
    )
    def test_percentages_are_fractions(self, locale: str, text: str, value: Decimal) -> None:
        """A percentage reads as the fraction it stands for."""
        item = only(text, locale)
        assert (item.kind, item.value) == (ValueKind.PERCENT, value)

    @pytest.mark.parametrize(
        ("locale", "text"),
        [
            ("fr_FR", "10 à 12"),
            ("fr_FR", "entre 10 et 12"),
            ("en_GB", "10 to 12"),
            ("en_GB", "10-12"),
            ("en_GB", "10–12"),
            ("en_GB", "between 10 and 12"),
            ("de_DE", "10 bis 12"),
            ("es_ES", "de 10 a 12"),
        ],
    )
    def test_ranges(self, locale: str, text: str) -> None:
        """A range reads as its two ends."""
        item = next(v for v in extract_values(text, locale) if v.kind is ValueKind.RANGE)
        assert item.value == (Decimal(10), Decimal(12))

    def test_and_joins_two_numbers_without_between(self) -> None:
        """ "12 et 3" is two numbers; "et" makes a range only after "entre"."""
        found = extract_values("12 clients et 3 partenaires", "fr")
        assert [v.value for v in found] == [Decimal(12), Decimal(3)]

    @pytest.mark.parametrize("text", ["NIS2", "A320", "v2.1", "COVID-19"])
    def test_digits_inside_words_are_no_number(self, text: str) -> None:
        """Digits glued to letters belong to a name, not to a count."""
        assert [v for v in extract_values(text, "en") if v.kind.is_number] == []

    @pytest.mark.parametrize(
        ("locale", "text", "value"),
        [
            ("es_ES", "12 345 hogares afectados", Decimal(12345)),
            ("es_MX", f"1{NBSP}250{NBSP}000 usuarios", Decimal(1250000)),
            ("de_DE", f"12{NNBSP}345 Haushalte", Decimal(12345)),
            ("de_AT", "3 400 Kunden ohne Strom", Decimal(3400)),
            ("en_GB", "12 345 households", Decimal(12345)),
            ("en_US", f"2{THIN}500 customers", Decimal(2500)),
            ("fr_CH", "1000000'000 francs", Decimal(10**9)),
            ("de_CH", "12'500 Kunden", Decimal(12500)),
        ],
    )
    def test_space_grouping_in_every_language(
        self, locale: str, text: str, value: Decimal
    ) -> None:
        """Groups of three after a space (plain, no-break, narrow, thin) are one number."""
        assert [v.value for v in extract_values(text, locale) if v.kind.is_number] == [value]

    @pytest.mark.parametrize(
        ("locale", "text", "values"),
        [
            ("de_DE", "Im Jahr 2026 500 Haushalte", [Decimal(2026), Decimal(500)]),
            ("en_GB", "12 3456 items", [Decimal(12), Decimal(3456)]),
            ("es_ES", "de 12 a 15 calles", [(Decimal(12), Decimal(15))]),
        ],
    )
    def test_space_grouping_needs_groups_of_three(
        self, locale: str, text: str, values: list[object]
    ) -> None:
        """A space joins only a group of three digits to a leading group of at most three."""
        assert [v.value for v in extract_values(text, locale) if v.kind.is_number] == values

    def test_decimal_point_in_english_is_not_grouping(self) -> None:
        """In English "12.000" is twelve; in German it is twelve thousand."""
        assert only("12.000", "en").value == Decimal(12)
        assert only("12.000", "de").value == Decimal(12000)


class TestDates:
    @pytest.mark.parametrize(
        ("locale", "text", "value"),
        [
            ("fr_FR", "le 24 novembre", date(2026, 11, 24)),
            ("fr_FR", "mardi 24 novembre", date(2026, 11, 24)),
            ("fr_FR", "1er décembre", date(2026, 12, 1)),
            ("fr_FR", "24 nov.", date(2026, 11, 24)),
            ("fr_FR", "24 decembre", date(2026, 12, 24)),
            ("en_GB", "Monday 24 November", date(2026, 11, 24)),
            ("en_GB", "24th of November", date(2026, 11, 24)),
            ("en_US", "November 24th", date(2026, 11, 24)),
            ("de_DE", "24. November", date(2026, 11, 24)),
            ("es_ES", "24 de noviembre", date(2026, 11, 24)),
        ],
    )
    def test_hand_written_dates_take_the_year_near_the_reference(
        self, locale: str, text: str, value: date
    ) -> None:
        """A date without a year gets the year that puts it nearest to the reference."""
        item = only(text, locale, reference=REF)
        assert (item.kind, item.value) == (ValueKind.DATE, value)

    def test_the_nearest_year_may_be_the_next(self) -> None:
        """On 30 December, "2 janvier" is the 2nd of January of the next year."""
        assert only("2 janvier", "fr", reference=date(2026, 12, 30)).value == date(2027, 1, 2)

    def test_a_datetime_reference_counts_by_its_date(self) -> None:
        """A datetime reference is used by its date."""
        moment = datetime(2026, 11, 20, 23, tzinfo=UTC)
        assert only("le 24 novembre", "fr", reference=moment).value == date(2026, 11, 24)

    def test_without_reference_a_yearless_date_is_a_month_day(self) -> None:
        """Without a reference nothing is guessed: the value is a MonthDay."""
        item = only("le 24 novembre", "fr")
        assert item.value == MonthDay(11, 24)
        assert str(item.value) == "--11-24"

    def test_the_sentence_dot_is_not_part_of_a_full_month(self) -> None:
        """ "le 24 novembre." keeps its full stop out of the span."""
        assert only("le 24 novembre.", "fr", reference=REF).text == "24 novembre"

    @pytest.mark.parametrize(
        ("locale", "text", "value"),
        [
            ("en_US", "11/24/26", date(2026, 11, 24)),
            ("en_GB", "24/11/2026", date(2026, 11, 24)),
            ("fr_FR", "24/11/2026", date(2026, 11, 24)),
            ("de_DE", "24.11.26", date(2026, 11, 24)),
            ("es_ES", "24/11/26", date(2026, 11, 24)),
            ("fr_CA", "2026-11-24", date(2026, 11, 24)),
        ],
    )
    def test_numeric_dates_follow_the_locale_order(
        self, locale: str, text: str, value: date
    ) -> None:
        """Numeric dates read in the order of the locale's short date pattern."""
        assert only(text, locale).value == value

    def test_impossible_dates_are_no_dates(self) -> None:
        """ "31/02/2026" is no date."""
        assert all(v.kind is not ValueKind.DATE for v in extract_values("31/02/2026", "fr"))


class TestTimes:
    @pytest.mark.parametrize(
        ("locale", "text", "value"),
        [
            ("fr_FR", "14h30", time(14, 30)),
            ("fr_FR", "14 h 30", time(14, 30)),
            ("fr_FR", "14:30", time(14, 30)),
            ("fr_FR", "à 14 h", time(14)),
            ("en_GB", "2:30 PM", time(14, 30)),
            ("en_GB", "2.30pm", time(14, 30)),
            ("en_GB", "12 am", time(0)),
            ("en_GB", "12:15 p.m.", time(12, 15)),
            ("es_ES", "4:30 p. m.", time(16, 30)),
            ("de_DE", "14.30 Uhr", time(14, 30)),
            ("de_DE", "14 Uhr", time(14)),
            ("fr_CA", "10 h 30 min 15 s", time(10, 30, 15)),
        ],
    )
    def test_hand_written_times(self, locale: str, text: str, value: time) -> None:
        """Times as people type them."""
        item = next(v for v in extract_values(text, locale) if v.kind is ValueKind.TIME)
        assert item.value == value

    @pytest.mark.parametrize(
        ("locale", "text"),
        [("en_GB", "2.30 litres"), ("fr_FR", "dans 2 h"), ("en_GB", "25:00"), ("en_GB", "13 PM")],
    )
    def test_what_is_not_a_time(self, locale: str, text: str) -> None:
        """A decimal, a duration and an impossible hour are no times."""
        assert all(v.kind is not ValueKind.TIME for v in extract_values(text, locale))


class TestWordsOfTime:
    @pytest.mark.parametrize(
        ("locale", "text", "value", "written"),
        [
            ("es_ES", "Próxima actualización a mediodía.", time(12), "mediodía"),
            ("es_ES", "Próxima actualización a las 12.", time(12), "12"),
            ("es_MX", "Le informaremos hasta las 9, hora del centro.", time(9), "9"),
            ("en_GB", "Next update at noon.", time(12), "noon"),
            ("en_US", "We will post again at midnight.", time(0), "midnight"),
            ("fr_FR", "Prochain point à midi.", time(12), "midi"),
            ("fr_FR", "Prochain point : 15 h. Suivi sur le site.", time(15), "15 h"),
            ("fr_BE", "Prochain point 11 h. Merci.", time(11), "11 h"),
            ("de_DE", "Nächste Aktualisierung um Mitternacht.", time(0), "Mitternacht"),
            ("en_GB", "Next update at 7 AM.", time(7), "7 AM"),
            ("en_US", "Next update at 7 a.m. tomorrow.", time(7), "7 a.m."),
        ],
    )
    def test_times_in_words_and_bare_hours(
        self, locale: str, text: str, value: time, written: str
    ) -> None:
        """Noon and midnight, and an hour alone after "las" or a label, are times."""
        item = next(v for v in extract_values(text, locale) if v.kind is ValueKind.TIME)
        assert (item.value, item.text) == (value, written)

    def test_noon_takes_its_zone(self) -> None:
        """ "at noon CET" is noon in that zone."""
        item = only("Next update at noon CET.", "en_GB")
        assert (item.value, item.zone) == (time(12), "+01:00")

    @pytest.mark.parametrize(
        ("locale", "text"),
        [
            ("es_ES", "de 12 a 15 calles"),
            ("es_ES", "las 3 calles cortadas"),
            ("en_GB", "3 PMs attended"),
        ],
    )
    def test_an_hour_alone_is_no_time_elsewhere(self, locale: str, text: str) -> None:
        """A bare number is a time only after "a las" and its kin."""
        assert all(v.kind is not ValueKind.TIME for v in extract_values(text, locale))


class TestAvailability:
    @pytest.mark.parametrize(
        ("locale", "text"),
        [
            ("en_GB", "Our helpline is open 24/7."),
            ("en_US", "Agents answer 24 hours a day, 7 days a week."),
            ("fr_FR", "Service client joignable 24 h/24 et 7 j/7."),
            ("fr_FR", "Un numéro d’urgence, 24 heures sur 24, 7 jours sur 7."),
            ("de_DE", "Die Hotline ist 24 Stunden am Tag erreichbar, 7 Tage die Woche."),
            ("es_ES", "Nuestro teléfono de atención funciona las 24 horas."),
            ("es_MX", "Atención 24 horas al día, 7 días a la semana, 365 días al año."),
        ],
    )
    def test_opening_hours_state_no_figure(self, locale: str, text: str) -> None:
        """ "24/7", "24 h/24", "las 24 horas" say when help is there, not a number."""
        assert extract_values(text, locale) == ()

    def test_a_date_of_the_same_digits_stays_a_date(self) -> None:
        """ "24/7/01" is a date, not "24/7"."""
        assert only("24/7/01", "es").kind is ValueKind.DATE

    def test_within_24_hours_is_still_a_figure(self) -> None:
        """ "dans les 24 heures" promises a delay: its number is read."""
        assert only("dans les 24 heures", "fr").value == Decimal(24)


class TestZones:
    @pytest.mark.parametrize(
        ("text", "zone"),
        [
            ("9:30 AM UTC", "UTC"),
            ("9:30 AM GMT", "UTC"),
            ("10:30 CET", "+01:00"),
            ("10:30 CEST", "+02:00"),
            ("10:30 BST", "+01:00"),
            ("4:30 AM ET", "America/New_York"),
            ("1:30 AM PT", "America/Los_Angeles"),
            ("10:30 +02:00", "+02:00"),
            ("10:30 -0500", "-05:00"),
            ("10:30 UTC+1", "+01:00"),
            ("10:30 GMT-3", "-03:00"),
            ("10:30 UTC+0", "UTC"),
            ("10:30 Paris time", "Europe/Paris"),
            ("10:30 (London time)", "Europe/London"),
        ],
    )
    def test_english_zones(self, text: str, zone: str) -> None:
        """Abbreviations, offsets and place names give the zone of a time."""
        assert only(text, "en_GB").zone == zone

    @pytest.mark.parametrize(
        ("locale", "text", "zone"),
        [
            ("fr_FR", "10 h 30 heure de Paris", "Europe/Paris"),
            ("fr_FR", "10 h 30 (heure de Paris)", "Europe/Paris"),
            ("fr_FR", "10 h 30 heure française", "Europe/Paris"),
            ("fr_FR", "10 h 30 heure normale d’Europe centrale", "+01:00"),
            ("fr_FR", "10 h 30 heure d’Europe centrale", "Europe/Paris"),
            ("de_DE", "10:30 MESZ", "+02:00"),
            ("de_DE", "10:30 Berliner Zeit", "Europe/Berlin"),
            ("es_ES", "10:30 hora peninsular", "Europe/Madrid"),
            ("es_ES", "10:30 hora de Madrid", "Europe/Madrid"),
        ],
    )
    def test_zones_by_language(self, locale: str, text: str, zone: str) -> None:
        """Each language's zone phrases and CLDR names are read."""
        assert only(text, locale).zone == zone

    def test_french_et_is_not_eastern_time(self) -> None:
        """Abbreviations are case-sensitive: "et" stays a conjunction."""
        found = extract_values("à 10 h 30 et 11 h", "fr")
        assert [(v.value, v.zone) for v in found] == [(time(10, 30), None), (time(11), None)]

    @pytest.mark.parametrize(
        ("zone", "info"),
        [
            ("UTC", UTC),
            ("+01:00", timezone(timedelta(hours=1))),
            ("-05:30", timezone(-timedelta(hours=5, minutes=30))),
            ("Europe/Paris", ZoneInfo("Europe/Paris")),
        ],
    )
    def test_zone_tzinfo(self, zone: str, info: object) -> None:
        """Normalised zones turn back into tzinfo objects."""
        assert zone_tzinfo(zone) == info


class TestDateTimes:
    @pytest.mark.parametrize(
        ("locale", "text", "value"),
        [
            (
                "fr_FR",
                "le 24 novembre à 10 h 30 heure de Paris",
                datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo("Europe/Paris")),
            ),
            (
                "en_GB",
                "9:30 AM UTC on 24 November",
                datetime(2026, 11, 24, 9, 30, tzinfo=UTC),
            ),
            (
                "de_DE",
                "am 24. November 2026 um 10:30 MEZ",
                datetime(2026, 11, 24, 10, 30, tzinfo=timezone(timedelta(hours=1))),
            ),
            ("en_GB", "2026-11-24T09:30:00Z", datetime(2026, 11, 24, 9, 30, tzinfo=UTC)),
            (
                "en_GB",
                "2026-11-24T10:30+01:00",
                datetime(2026, 11, 24, 10, 30, tzinfo=timezone(timedelta(hours=1))),
            ),
            ("en_GB", "2026-11-24 10:30", datetime(2026, 11, 24, 10, 30)),
        ],
    )
    def test_date_and_time_together(self, locale: str, text: str, value: datetime) -> None:
        """A date and a time side by side are one date-time, aware when a zone is written."""
        item = only(text, locale, reference=REF)
        assert item.kind is ValueKind.DATETIME
        assert item.value == value
        assert (item.value.utcoffset() is None) == (value.utcoffset() is None)  # type: ignore[union-attr]

    def test_instants_compare_across_zones(self) -> None:
        """10 h 30 in Paris and 9:30 AM UTC on 24 November are the same instant."""
        paris = only("le 24 novembre 2026 à 10 h 30 heure de Paris", "fr").value
        london = only("9:30 AM UTC on 24 November 2026", "en_GB").value
        assert paris == london

    def test_a_yearless_date_without_reference_stays_apart_from_its_time(self) -> None:
        """Without a year a date cannot make an instant: date and time stay two items."""
        kinds = [v.kind for v in extract_values("le 24 novembre à 10 h 30", "fr")]
        assert kinds == [ValueKind.DATE, ValueKind.TIME]

    def test_bad_iso_dates_are_skipped(self) -> None:
        """ "2026-13-45" is no date."""
        assert all(not v.kind.is_temporal for v in extract_values("2026-13-45", "en"))


class TestLinksAndContacts:
    @pytest.mark.parametrize(
        ("text", "url", "written"),
        [
            (
                "Suivi : https://status.lumea.fr/incident/2411.",
                "https://status.lumea.fr/incident/2411",
                "https://status.lumea.fr/incident/2411",
            ),
            ("(voir www.lumea.fr)", "https://www.lumea.fr", "www.lumea.fr"),
            ("Infos: status.lumea.fr/x, merci", "https://status.lumea.fr/x", "status.lumea.fr/x"),
            ("HTTP://Lumea.FR/", "http://lumea.fr", "HTTP://Lumea.FR/"),
            (
                "https://fr.wikipedia.org/wiki/Foo_(bar)",
                "https://fr.wikipedia.org/wiki/Foo_(bar)",
                "https://fr.wikipedia.org/wiki/Foo_(bar)",
            ),
        ],
    )
    def test_links(self, text: str, url: str, written: str) -> None:
        """Links lose trailing punctuation; scheme and host are lower-cased; https if absent."""
        item = only(text, "fr")
        assert (item.kind, item.value, item.text) == (ValueKind.URL, url, written)

    def test_email(self) -> None:
        """An address reads in lower case, and its domain is not also a link."""
        item = only("Écrivez à Securite@Lumea.fr.", "fr")
        assert (item.kind, item.value) == (ValueKind.EMAIL, "securite@lumea.fr")

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("+33 9 70 80 90 00", "+33970809000"),
            ("+33 (0)9 70 80 90 00", "+33970809000"),
            ("0033 9 70 80 90 00", "+33970809000"),
            ("09 70 80 90 00", "+33970809000"),
            ("09.70.80.90.00", "+33970809000"),
            ("+44 20 7946 0958", "+442079460958"),
            ("(555) 123-4567", "5551234567"),
            ("555-123-4567", "5551234567"),
        ],
    )
    def test_phone_numbers(self, text: str, value: str) -> None:
        """Phone numbers are E.164 when valid in the reader's region, else their digits."""
        item = only(f"Appelez le {text} !", "fr")
        assert (item.kind, item.value) == (ValueKind.PHONE, value)

    @pytest.mark.parametrize(
        ("locale", "text", "value"),
        [
            ("es_ES", "Llame al 944 123 456 hoy mismo.", "+34944123456"),
            ("es_ES", "Teléfono gratuito 900 100 200.", "+34900100200"),
            ("es_MX", "Llame al 55 1234 5678.", "+525512345678"),
            ("en_US", "Call (212) 555-0100 any time.", "+12125550100"),
            ("en_US", "Call 212 555 0100 any time.", "+12125550100"),
            ("en_GB", "Ring 0800 123 4567 free.", "+448001234567"),
            ("de_DE", "Hotline: 0800/1234567.", "+498001234567"),
            ("de_DE", "Hotline 0800 123 45 67 (kostenlos).", "+498001234567"),
            ("de_AT", "Störungsnummer 0800 500 600.", "+43800500600"),
            ("fr_FR", "Appelez le 09 70 80 90 00.", "+33970809000"),
            ("fr_BE", "Appelez le 078 15 15 15.", "+3278151515"),
        ],
    )
    def test_phone_numbers_in_the_readers_region(self, locale: str, text: str, value: str) -> None:
        """A national number is read in the locale's region, trunk 0 or none, in E.164."""
        phones = [v for v in extract_values(text, locale) if v.kind is ValueKind.PHONE]
        assert [p.value for p in phones] == [value]
        assert not [v for v in extract_values(text, locale) if v.kind.is_number]

    @pytest.mark.parametrize(
        ("locale", "text", "numbers"),
        [
            ("es_ES", "12 345 678 clientes", [Decimal(12345678)]),
            ("es_ES", "123 456 789 euros", [Decimal(123456789)]),
            ("en_GB", "12 345 households", [Decimal(12345)]),
            ("de_CH", "260000000 Franken", [Decimal(260000000)]),
        ],
    )
    def test_groups_that_are_no_number_of_the_region_stay_numbers(
        self, locale: str, text: str, numbers: list[Decimal]
    ) -> None:
        """Digit groups that no numbering plan of the region holds are a count."""
        found = extract_values(text, locale)
        assert [v.value for v in found] == numbers
        assert all(v.kind is ValueKind.NUMBER for v in found)

    def test_a_phone_number_stops_before_the_next_figure(self) -> None:
        """ "+34 944 12 34 56 120 técnicos": the phone number, then the count."""
        found = extract_values("Llame al +34 944 12 34 56 120 técnicos en la zona.", "es_ES")
        assert [(v.kind, v.value) for v in found] == [
            (ValueKind.PHONE, "+34944123456"),
            (ValueKind.NUMBER, Decimal(120)),
        ]

    def test_phone_normalisation_refuses_wrong_lengths(self) -> None:
        """Too few or too many digits make no phone number."""
        assert normalize_phone("+33 12") is None
        assert normalize_phone("0123") is None

    def test_normalize_url_strips_default_port(self) -> None:
        """The default port is no part of the comparable link."""
        assert normalize_url("https://lumea.fr:443/a/") == "https://lumea.fr/a"

    def test_hashtags(self) -> None:
        """Hashtags read without their #; a number after # is none."""
        found = extract_values("#Lumea #2024 #panne_électrique", "fr")
        assert [(v.kind, v.value) for v in found] == [
            (ValueKind.HASHTAG, "Lumea"),
            (ValueKind.HASHTAG, "panne_électrique"),
        ]


class TestStatusWords:
    @pytest.mark.parametrize(
        ("locale", "text", "stage"),
        [
            ("en_GB", "We are investigating.", "investigating"),
            ("en_GB", "The cause has been identified.", "identified"),
            ("en_GB", "We are monitoring the fix.", "monitoring"),
            ("en_GB", "Resolved: all good.", "resolved"),
            ("fr_FR", "Incident résolu.", "resolved"),
            ("fr_FR", "Enquête en cours.", "investigating"),
            ("fr_FR", "L’enquête se poursuit.", "investigating"),
            ("fr_FR", "Cause identifiée.", "identified"),
            ("fr_FR", "Service sous surveillance.", "monitoring"),
            ("de_DE", "Der Fehler ist behoben.", "resolved"),
            ("de_DE", "Das Problem wird untersucht.", "investigating"),
            ("es_ES", "Incidente resuelto.", "resolved"),
            ("es_ES", "Estamos investigando.", "investigating"),
        ],
    )
    def test_status_words(self, locale: str, text: str, stage: str) -> None:
        """Each language's words name one of the four stages."""
        item = only(text, locale)
        assert (item.kind, item.value) == (ValueKind.STATUS, stage)

    @pytest.mark.parametrize(
        ("locale", "text"),
        [
            ("en_GB", "The issue is not resolved yet."),
            ("en_GB", "It is not yet resolved."),
            ("fr_FR", "L’incident n’est pas encore résolu."),
            ("de_DE", "Der Fehler ist noch nicht behoben."),
            ("es_ES", "El problema no está resuelto."),
        ],
    )
    def test_negated_status_words_say_no_stage(self, locale: str, text: str) -> None:
        """ "not resolved" does not say resolved."""
        assert [v for v in extract_values(text, locale) if v.kind is ValueKind.STATUS] == []


class TestOrderAndOwnership:
    def test_one_character_belongs_to_one_item(self) -> None:
        """The year of a date is not also a number; the digits of a link are not a count."""
        text = "Le 24 novembre 2026 : https://status.lumea.fr/incident/2411, +33 9 70 80 90 00"
        found = extract_values(text, "fr")
        assert [v.kind for v in found] == [ValueKind.DATE, ValueKind.URL, ValueKind.PHONE]

    def test_values_come_in_text_order_with_their_spans(self) -> None:
        """Spans point at the text as written."""
        text = "12 000 clients ; prochain point à 12 h 30 ; résolu"
        found = extract_values(text, "fr")
        assert [text[v.span[0] : v.span[1]] for v in found] == [v.text for v in found]
        assert [v.span[0] for v in found] == sorted(v.span[0] for v in found)


class TestValueLaws:
    def test_extracted_values_are_immutable_hashable_and_picklable(self) -> None:
        """An extracted value is a frozen, hashable, picklable value with a readable repr."""
        item = only("12 000 clients", "fr")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            item.text = "x"  # type: ignore[misc]
        assert hash(item) == hash(only("12 000 clients", "fr"))
        assert pickle.loads(pickle.dumps(item)) == item
        assert repr(item).startswith("ExtractedValue(kind=<ValueKind.NUMBER")

    def test_kind_families(self) -> None:
        """Numbers, percentages and ranges are numeric; dates and times temporal."""
        assert ValueKind.RANGE.is_number
        assert not ValueKind.URL.is_number
        assert ValueKind.TIME.is_temporal
        assert not ValueKind.NUMBER.is_temporal


FORMATS = ("short", "medium", "long", "full")


class TestRoundTripThroughBabel:
    """Whatever babel writes for a value, extraction reads back the same value."""

    @settings(max_examples=150)
    @given(
        locale=st.sampled_from(EXTRACTION_LOCALES),
        value=st.decimals(
            min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False
        ),
    )
    # babel leaves the leading group long in fr_CH: "1000000'000", "1000000".
    @example(locale="fr_CH", value=Decimal(10**9))
    @example(locale="fr_CH", value=Decimal(10**6))
    @example(locale="de_CH", value=Decimal("-1234567.5"))
    def test_decimal(self, locale: str, value: Decimal) -> None:
        """format_decimal, every locale: the same number back."""
        text = numbers.format_decimal(value, locale=locale)
        item = only(text, locale)
        assert item.kind is ValueKind.NUMBER
        assert item.value == value

    @settings(max_examples=100)
    @given(locale=st.sampled_from(EXTRACTION_LOCALES), hundredths=st.integers(-(10**6), 10**6))
    def test_percent(self, locale: str, hundredths: int) -> None:
        """format_percent, every locale: the same fraction back."""
        value = Decimal(hundredths) / 100
        item = only(numbers.format_percent(value, locale=locale), locale)
        assert (item.kind, item.value) == (ValueKind.PERCENT, value)

    @settings(max_examples=200)
    @given(
        locale=st.sampled_from(EXTRACTION_LOCALES),
        moment=extraction_instants(),
        length=st.sampled_from(FORMATS),
    )
    def test_date(self, locale: str, moment: datetime, length: str) -> None:
        """format_date, every length: the same date back."""
        item = only(dates.format_date(moment, length, locale=locale), locale)
        assert (item.kind, item.value) == (ValueKind.DATE, moment.date())

    @settings(max_examples=300)
    @given(
        locale=st.sampled_from(EXTRACTION_LOCALES),
        moment=extraction_instants(),
        length=st.sampled_from(FORMATS),
        zone=st.sampled_from(EXTRACTION_ZONES),
    )
    def test_time(self, locale: str, moment: datetime, length: str, zone: str) -> None:
        """format_time, every length and zone: the same time, and for long and full the instant."""
        local = moment.astimezone(ZoneInfo(zone))
        text = dates.format_time(local, length, tzinfo=ZoneInfo(zone), locale=locale)
        item = only(text, locale)
        expected = local.time().replace(tzinfo=None)
        if length == "short":
            expected = expected.replace(second=0)
        assert (item.kind, item.value) == (ValueKind.TIME, expected)
        if length in {"long", "full"}:
            assert item.zone is not None
            instant = datetime.combine(local.date(), expected, zone_tzinfo(item.zone))
            # As instants: == across zones is False at an ambiguous hour (PEP 495).
            assert instant.astimezone(UTC) == local.astimezone(UTC)

    @settings(max_examples=300)
    @given(
        locale=st.sampled_from(EXTRACTION_LOCALES),
        moment=extraction_instants(),
        length=st.sampled_from(FORMATS),
        zone=st.sampled_from(EXTRACTION_ZONES),
    )
    def test_datetime(self, locale: str, moment: datetime, length: str, zone: str) -> None:
        """format_datetime, every length and zone: the same date-time, the instant when zoned."""
        local = moment.astimezone(ZoneInfo(zone))
        text = dates.format_datetime(local, length, tzinfo=ZoneInfo(zone), locale=locale)
        item = only(text, locale)
        assert item.kind is ValueKind.DATETIME
        assert isinstance(item.value, datetime)
        expected = local.replace(second=0) if length == "short" else local
        if item.value.tzinfo is None:
            assert length in {"short", "medium"}
            assert item.value == expected.replace(tzinfo=None)
        else:
            assert item.value.astimezone(UTC) == expected.astimezone(UTC)


class TestNeverRaises:
    @settings(max_examples=300)
    @given(text=extraction_text, locale=st.sampled_from(EXTRACTION_LOCALES))
    def test_any_text_in_any_supported_locale(self, text: str, locale: str) -> None:
        """Any string gives values whose spans point at what they say they read."""
        found = extract_values(text, locale, reference=REF)
        for item in found:
            start, end = item.span
            assert 0 <= start < end <= len(text)
            assert text[start:end] == item.text
        spans = [v.span for v in found]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))

    @settings(max_examples=50)
    @given(locale=st.text(max_size=12))
    def test_any_locale_is_supported_or_refused(self, locale: str) -> None:
        """Any locale string either works or raises a CrisisCommsError."""
        with contextlib.suppress(CrisisCommsError):
            extract_values("12 000", locale)


class TestExtractEach:
    """Texts read together give exactly what each gives read alone."""

    @settings(max_examples=100)
    @given(
        texts=st.lists(st.tuples(extraction_text, st.sampled_from(EXTRACTION_LOCALES)), max_size=6)
    )
    def test_same_values_as_one_by_one(self, texts: list[tuple[str, str]]) -> None:
        """Each text's values, spans included, are those `extract_values` gives it."""
        together = extract_each(texts, reference=REF)
        assert together == [extract_values(t, locale, reference=REF) for t, locale in texts]

    def test_decomposed_accents_among_composed_texts(self) -> None:
        """A text typed with decomposed accents keeps its own spans among others."""
        texts = [("Incident re\u0301solu a\u0300 10 h 30.", "fr_FR"), ("12 000 clients", "fr")]
        first, second = extract_each(texts)
        assert [(v.kind, v.text) for v in first] == [
            (ValueKind.STATUS, "re\u0301solu"),
            (ValueKind.TIME, "10 h 30"),
        ]
        assert [v.value for v in second] == [Decimal("12000")]

    @pytest.mark.parametrize(
        ("texts", "reference", "error"),
        [
            ([("12", "fr"), ("12", "it")], None, UnsupportedLocaleError),
            ([("12", "fr"), (12, "fr")], None, InputError),
            ([("12", "fr")], "2026-11-24", InputError),
        ],
    )
    def test_wrong_arguments(self, texts: list[Any], reference: Any, error: type) -> None:
        """An unsupported locale, a text that is no str or a wrong reference is refused."""
        with pytest.raises(error):
            extract_each(texts, reference=reference)


class TestRoundTripThroughRender:
    """Whatever `render` writes for a fact, extraction reads back the same value."""

    @settings(max_examples=150)
    @given(
        locale=st.sampled_from(EXTRACTION_LOCALES),
        value=st.one_of(
            st.integers(-(10**9), 10**9),
            st.decimals(
                min_value=-(10**6),
                max_value=10**6,
                places=3,
                allow_nan=False,
                allow_infinity=False,
            ),
        ),
        style=st.sampled_from(["{n}", "{n, number}"]),
    )
    def test_numbers(self, locale: str, value: int | Decimal, style: str) -> None:
        """Numbers, plain or as ICU number arguments."""
        item = only(render(style, {"n": value}, locale=locale), locale)
        assert (item.kind, item.value) == (ValueKind.NUMBER, Decimal(value))

    @settings(max_examples=100)
    @given(locale=st.sampled_from(EXTRACTION_LOCALES), value=st.integers(-(10**6), 10**6))
    def test_integers_and_percentages(self, locale: str, value: int) -> None:
        """``number, integer`` and ``number, percent``."""
        item = only(render("{n, number, integer}", {"n": value}, locale=locale), locale)
        assert item.value == Decimal(value)
        fraction = Decimal(value) / 100
        item = only(render("{n, number, percent}", {"n": fraction}, locale=locale), locale)
        assert (item.kind, item.value) == (ValueKind.PERCENT, fraction)

    @settings(max_examples=200)
    @given(
        locale=st.sampled_from(EXTRACTION_LOCALES),
        moment=extraction_instants(),
        length=st.sampled_from(FORMATS),
        zone=st.sampled_from(EXTRACTION_ZONES),
    )
    def test_dates_and_times(self, locale: str, moment: datetime, length: str, zone: str) -> None:
        """``date`` and ``time`` in every length and zone: the same date, time and instant."""
        local = moment.astimezone(ZoneInfo(zone))
        day = only(
            render(f"{{t, date, {length}}}", {"t": moment}, locale=locale, timezone=zone), locale
        )
        assert day.value == local.date()
        clock = only(
            render(f"{{t, time, {length}}}", {"t": moment}, locale=locale, timezone=zone), locale
        )
        expected = local.time().replace(tzinfo=None)
        assert clock.value == (expected.replace(second=0) if length == "short" else expected)
        if length in {"long", "full"}:
            assert clock.zone is not None
            instant = datetime.combine(local.date(), expected, zone_tzinfo(clock.zone))
            assert instant.astimezone(UTC) == local.astimezone(UTC)

    @settings(max_examples=100)
    @given(
        locale=st.sampled_from(EXTRACTION_LOCALES),
        moment=extraction_instants(),
        zone=st.sampled_from(EXTRACTION_ZONES),
    )
    def test_date_and_time_of_one_fact(self, locale: str, moment: datetime, zone: str) -> None:
        """ "{t, date, long} {t, time, full}" reads back as the instant itself."""
        text = render(
            "{t, date, long} {t, time, full}", {"t": moment}, locale=locale, timezone=zone
        )
        item = only(text, locale)
        assert item.kind is ValueKind.DATETIME
        assert isinstance(item.value, datetime)
        assert item.value.astimezone(UTC) == moment

    @pytest.mark.parametrize("locale", ["en_GB", "fr_FR", "de_DE", "es_ES", "fr_CA", "es_MX"])
    @pytest.mark.parametrize(
        ("fact", "kind", "value"),
        [
            (
                "https://status.lumea.fr/incident/2411",
                ValueKind.URL,
                "https://status.lumea.fr/incident/2411",
            ),
            ("securite@lumea.fr", ValueKind.EMAIL, "securite@lumea.fr"),
            ("+33 9 70 80 90 00", ValueKind.PHONE, "+33970809000"),
        ],
    )
    def test_links_and_contacts(self, locale: str, fact: str, kind: ValueKind, value: str) -> None:
        """Links, addresses and phone numbers come back normalised, in every markup."""
        for markup_channel in (None, *demo_plan().channels):
            text = render("{x}", {"x": fact}, locale=locale, channel=markup_channel)
            item = only(text, locale)
            assert (item.kind, item.value) == (kind, value)


class TestEdges:
    def test_29_february_without_a_leap_year_near(self) -> None:
        """A 29 February with no leap year next to the reference stays a MonthDay."""
        assert only("le 29 février", "fr", reference=date(2026, 1, 1)).value == MonthDay(2, 29)

    def test_iso_with_a_zero_offset_is_utc(self) -> None:
        """ "+00:00" is UTC."""
        assert only("2026-11-24T10:30+00:00", "en").zone == "UTC"

    def test_an_address_inside_a_link_keeps_its_characters(self) -> None:
        """Addresses are read first; a link over one is not read again."""
        found = extract_values("https://lumea.fr/contact@lumea.fr", "fr")
        assert [v.kind for v in found] == [ValueKind.EMAIL]

    def test_too_few_digits_for_a_phone_are_numbers(self) -> None:
        """ "01 23 45" is no phone number: three numbers."""
        found = extract_values("01 23 45", "fr")
        assert [v.kind for v in found] == [ValueKind.NUMBER] * 3

    def test_a_weekday_inside_a_link_does_not_start_a_date(self) -> None:
        """The weekday of a date must be free text, not part of a link."""
        found = extract_values("https://lumea.fr/mardi 24 novembre 2026", "fr")
        assert [(v.kind, v.text) for v in found] == [
            (ValueKind.URL, "https://lumea.fr/mardi"),
            (ValueKind.DATE, "24 novembre 2026"),
        ]

    def test_a_hash_inside_a_link_is_no_hashtag(self) -> None:
        """ "#top" at the end of a link belongs to the link."""
        assert [v.kind for v in extract_values("https://lumea.fr/#top", "fr")] == [ValueKind.URL]

    def test_spans_survive_characters_that_grow_in_lower_case(self) -> None:
        """ "İ" is two characters in lower case; status spans still point at the text."""
        text = "İstanbul : incident résolu"
        item = only(text, "fr")
        assert text[item.span[0] : item.span[1]] == "résolu"

    def test_a_month_followed_by_a_comma_starts_no_date(self) -> None:
        """ "novembre, 24 clients": the month is not the start of a date."""
        found = extract_values("fin novembre, 24 clients", "fr")
        assert [(v.kind, v.text) for v in found] == [(ValueKind.NUMBER, "24")]

    def test_a_number_running_into_an_address_is_not_read(self) -> None:
        """Addresses come first; digits glued to one are not also a count."""
        assert [v.kind for v in extract_values("1 234@lumea.fr", "fr")] == [ValueKind.EMAIL]
        found = extract_values("10 à 12@lumea.fr", "fr")
        assert [(v.kind, v.text) for v in found] == [
            (ValueKind.NUMBER, "10"),
            (ValueKind.EMAIL, "12@lumea.fr"),
        ]

    @pytest.mark.parametrize("text", ["0:00-3000", "10:30 UTC+99", "10:30 +01:75"])
    def test_impossible_offsets_are_no_zones(self, text: str) -> None:
        """An offset beyond ±14 hours, or with 60 minutes or more, is no zone."""
        found = extract_values(text, "en")
        assert (found[0].kind, found[0].zone) == (ValueKind.TIME, None)

    def test_an_iso_instant_with_an_impossible_offset_is_no_instant(self) -> None:
        """ "2026-11-24T10:30+30:00" is not read as a date-time."""
        found = extract_values("2026-11-24T10:30+30:00", "en")
        assert all(v.kind is not ValueKind.DATETIME for v in found)

    def test_decomposed_accents_are_read_with_spans_in_the_text_as_written(self) -> None:
        """ "re\u0301solu" and "fe\u0301vrier" (NFD) read like their composed forms."""
        text = "Incident re\u0301solu le 3 fe\u0301vrier 2026."
        found = extract_values(text, "fr")
        assert [(v.kind, v.value) for v in found] == [
            (ValueKind.STATUS, "resolved"),
            (ValueKind.DATE, date(2026, 2, 3)),
        ]
        assert [text[v.span[0] : v.span[1]] for v in found] == [v.text for v in found]
        assert found[0].text == "re\u0301solu"


@pytest.mark.parametrize("length", [20, 200, 201, 2000])
def test_links_short_and_long_are_normalised_alike(length: int) -> None:
    """A link of any length gets the same normal form, remembered or not."""
    path = ("/" + "a" * length)[:length]
    link = f"HTTPS://Status.Lumea.FR:443{path}/"
    found = extract_values(f"Suivi : {link} #Lumea", "fr_FR")
    urls = [value.value for value in found if value.kind is ValueKind.URL]
    assert urls == [f"https://status.lumea.fr{path}"]
    assert extract_values(f"Suivi : {link}", "fr_FR")[0].value == urls[0]


class TestFastPaths:
    """Each shortcut of extraction finds exactly what the slower way it bypasses finds."""

    @settings(max_examples=300)
    @given(text=extraction_text, at=st.integers(0, 400))
    @example(text="x" * 70, at=66)
    @example(text="@" + "x" * 64, at=65)
    @example(text=" " + "x" * 64, at=65)
    def test_local_part_read_backwards(self, text: str, at: int) -> None:
        """The local part before an "@" starts where the e-mail pattern's search says."""
        at = min(at, len(text))
        text = text[:at] + "@" + text[at:]
        match = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        assert _email_local_start(text, at) == (None if match is None else match.start())

    def test_word_characters_are_those_of_the_pattern(self) -> None:
        """A letter, digit, "_", ".", "+" or "-" is what the local-part pattern takes."""
        local = re.compile(r"[\w.+\-]")
        for code in range(sys.maxunicode + 1):
            char = chr(code)
            assert (char.isalnum() or char in "_.+-") == (local.match(char) is not None), hex(code)
