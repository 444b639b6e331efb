"""Number patterns applied with their symbols looked up once: babel's own output, always."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel import Locale, UnknownLocaleError, localedata
from babel.dates import DateTimePattern
from babel.dates import parse_pattern as parse_date_pattern
from babel.numbers import NumberPattern, parse_pattern
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms.text._formatting import conventions_for
from crisiscomms.text._writers import NumberWriter, date_writer, number_writer


def _locales() -> list[Locale]:
    found = []
    for identifier in localedata.locale_identifiers():
        try:
            found.append(Locale.parse(identifier))
        except (UnknownLocaleError, ValueError):  # pragma: no cover - babel's own data
            continue
    return found


LOCALES = _locales()
SAMPLE = ["fr_FR", "en_GB", "de_CH", "ar_EG", "hi_IN", "es_ES", "pl_PL", "fa_IR", "ja_JP"]


def _writers(locale: Locale) -> list[NumberWriter]:
    patterns: list[NumberPattern] = [
        locale.decimal_formats[None],
        locale.percent_formats[None],
        locale.scientific_formats[None],
    ]
    return [number_writer(pattern, locale) for pattern in patterns]


NUMBERS = st.one_of(
    st.integers(-(10**18) + 1, 10**18 - 1),
    st.integers(),
    st.decimals(allow_nan=False, places=None).filter(lambda d: abs(d.adjusted()) < 17),
    st.floats(allow_nan=False, allow_infinity=True),
    st.sampled_from([0, -0.0, Decimal("-0"), Decimal("1.000"), Decimal("Infinity"), 0.5]),
)


class TestAgainstBabel:
    @settings(max_examples=400)
    @given(NUMBERS, st.sampled_from(SAMPLE), st.integers(0, 2))
    def test_any_number_is_written_as_babel_writes_it(
        self, value: int | float | Decimal, identifier: str, which: int
    ) -> None:
        """Ints, Decimals and floats of any size, in decimal, percent and scientific."""
        writer = _writers(Locale.parse(identifier))[which]
        try:
            expected = writer.pattern.apply(value, writer.locale)
        except (ArithmeticError, ValueError) as error:
            with pytest.raises(type(error)):
                writer.write(value)
        else:
            assert writer.write(value) == expected

    def test_every_locale_with_the_values_of_messages(self) -> None:
        """Each of babel's locales, its decimal and percent patterns, typical facts."""
        values: list[int | float | Decimal] = [
            0, 7, -12, 12500, 1234567, -(10**17), 0.625, 3.7, -1.5, Decimal("3.70"),
            Decimal("1234.5678"), Decimal("-0.0005"),
        ]  # fmt: skip
        for locale in LOCALES:
            for writer in _writers(locale)[:2]:
                for value in values:
                    assert writer.write(value) == writer.pattern.apply(value, locale), (
                        locale,
                        writer.pattern.pattern,
                        value,
                    )

    @given(
        st.integers(-(10**18) + 1, 10**18 - 1)
        | st.decimals(places=3, min_value=-(10**18) + 1, max_value=10**18 - 1)
    )
    def test_the_integer_style_of_the_conventions(self, value: int | Decimal) -> None:
        """The integer pattern the conventions derive (no decimals) is babel's too."""
        writer = conventions_for("fr_FR")._numbers["integer"]
        assert writer.write(value) == writer.pattern.apply(value, writer.locale)


class TestWhatGoesToBabel:
    def test_patterns_with_an_exponent_digits_or_quotes_take_babel_s_path(self) -> None:
        """Scientific, significant-digit and quoted patterns go to babel; odd ones agree."""
        en = Locale.parse("en_GB")
        for pattern in ("#E0", "@@#", "#,##0 'units'", "#,##0.00", "00000.00", "%", "x"):
            writer = number_writer(parse_pattern(pattern), en)
            for value in (1234.5, 3, Decimal("0.5")):
                assert writer.write(value) == parse_pattern(pattern).apply(value, en), pattern
        assert not number_writer(parse_pattern("#E0"), en)._direct
        assert number_writer(parse_pattern("#,##0.00"), en)._direct

    def test_a_group_symbol_that_is_a_quote_takes_babel_s_path(self) -> None:
        """Where the group symbol is an apostrophe, babel's quote removal applies."""
        locale = Locale.parse("de_CH")
        writer = number_writer(locale.decimal_formats[None], locale)
        assert not writer._direct
        assert writer.write(1234567) == "1234567"  # babel drops the quoted groups
        assert writer.write(1234567) == locale.decimal_formats[None].apply(1234567, locale)


STYLES = ["short", "medium", "long", "full"]
ZONES = st.sampled_from([UTC, ZoneInfo("Europe/Paris"), ZoneInfo("Asia/Kolkata")])
DAYS = st.dates()
INSTANTS = st.one_of(
    st.times(),
    st.datetimes(timezones=ZONES, min_value=datetime(2, 1, 1), max_value=datetime(9998, 1, 1)),
)


class TestDatesAgainstBabel:
    @settings(max_examples=300)
    @given(DAYS, st.sampled_from(SAMPLE), st.sampled_from(STYLES))
    def test_any_day_is_written_as_babel_writes_it(
        self, value: date, identifier: str, style: str
    ) -> None:
        """The four date lengths of the sample locales, on any day of the calendar."""
        locale = Locale.parse(identifier)
        pattern = locale.date_formats[style]
        assert date_writer(pattern, locale).write(value) == pattern.apply(value, locale)

    @settings(max_examples=300)
    @given(INSTANTS, st.sampled_from(SAMPLE), st.sampled_from(STYLES))
    def test_any_time_is_written_as_babel_writes_it(
        self, value: time | datetime, identifier: str, style: str
    ) -> None:
        """The four time lengths (zones in the long ones), times of day and aware instants."""
        locale = Locale.parse(identifier)
        pattern = locale.time_formats[style]
        assert date_writer(pattern, locale).write(value) == pattern.apply(value, locale)

    def test_every_locale_and_length(self) -> None:
        """Each of babel's locales, its eight date and time patterns, a few values."""
        days = [date(2026, 11, 24), date(1, 1, 1), date(2024, 2, 29)]
        times = [time(0, 0), time(12, 0), time(23, 59, 59), time(9, 5, 7)]
        for locale in LOCALES:
            for style in STYLES:
                day_pattern = locale.date_formats[style]
                time_pattern = locale.time_formats[style]
                for day in days:
                    got = date_writer(day_pattern, locale).write(day)
                    assert got == day_pattern.apply(day, locale), (locale, day_pattern, day)
                for moment in times:
                    got = date_writer(time_pattern, locale).write(moment)
                    assert got == time_pattern.apply(moment, locale), (locale, time_pattern)


class TestDateFields:
    @pytest.mark.parametrize(
        "pattern",
        [
            "d/M/yy", "dd.MM.yyyy", "y", "LLL LLLL LLLLL", "MMMMM", "E EE EEE EEEE EEEEE EEEEEE",
            "ccc cccc", "eee", "h:mm a", "hh a aaaa aaaaa", "K k kk", "H:mm:ss '%' 'o''clock'",
        ],
    )  # fmt: skip
    def test_each_resolved_field_is_babel_s(self, pattern: str) -> None:
        """Every field the writer resolves, in every length babel knows, at noon and midnight."""
        parsed = parse_date_pattern(pattern)
        for identifier in SAMPLE:
            locale = Locale.parse(identifier)
            writer = date_writer(parsed, locale)
            assert writer._pieces is not None
            for value in (datetime(2026, 1, 4, 0, 7, 9), datetime(2026, 12, 31, 12, 30)):
                assert writer.write(value) == parsed.apply(value, locale)

    @pytest.mark.parametrize("pattern", ["G y", "HH:mm z", "B h", "e", "c", "w", "QQQ", "S"])
    def test_other_fields_take_babel_s_path(self, pattern: str) -> None:
        """Eras, zones, day periods, local weekdays, weeks, quarters: babel applies them."""
        parsed = parse_date_pattern(pattern)
        locale = Locale.parse("fr_FR")
        writer = date_writer(parsed, locale)
        assert writer._pieces is None
        value = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
        assert writer.write(value) == parsed.apply(value, locale)

    def test_a_field_babel_refuses_is_refused_alike(self) -> None:
        """Seven E's, six M's: babel raises when applying; so does the writer, through babel."""
        for field in ("EEEEEEE", "MMMMMM", "aaaaaa"):
            parsed = DateTimePattern(field, f"%({field})s")  # type: ignore[arg-type]
            writer = date_writer(parsed, Locale.parse("en_GB"))
            with pytest.raises(KeyError):
                parsed.apply(date(2026, 1, 1), Locale.parse("en_GB"))
            with pytest.raises(KeyError):
                writer.write(date(2026, 1, 1))
