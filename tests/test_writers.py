"""Number patterns applied with their symbols looked up once: babel's own output, always."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel import Locale, UnknownLocaleError, localedata
from babel.numbers import NumberPattern, parse_pattern
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms.text._formatting import conventions_for
from crisiscomms.text._writers import NumberWriter, number_writer


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
