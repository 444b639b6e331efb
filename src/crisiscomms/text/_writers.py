"""A locale's number, date and time patterns applied as babel applies them, looked up once.

`babel.numbers.NumberPattern.apply` looks up the locale's decimal and group
symbols in its data on every call (each through `Locale.parse`) and runs a
regular expression over the result to drop quotes. For a pattern without an
exponent, significant digits or quotes, the same steps are a few `Decimal`
operations and string joins once the symbols are known: `NumberWriter` keeps
them, does those steps, and hands every other pattern to babel unchanged.
`babel.dates.DateTimePattern.apply` likewise builds a formatter and looks the
month, day and period names up in the locale data for each field of each
call; `DateWriter` resolves each field of the pattern once (the names as
tables) and hands a pattern with any other field (zones, eras, weeks...) to
babel. Nothing here knows about plans.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time
from decimal import Decimal, getcontext
from typing import Final, TypeAlias, final

import attrs
from babel import Locale
from babel.dates import DateTimePattern, get_day_names, get_month_names, get_period_names
from babel.numbers import NumberPattern, get_decimal_symbol, get_group_symbol

from crisiscomms.text._patterns import lazy_re

__all__ = ["DateWriter", "DateWriters", "NumberWriter", "date_writer", "number_writer"]

# babel's default numbering system for `apply`.
_LATN: Final = "latn"
# Below this magnitude, with at most `_INT_SHIFT` digits of scale and fraction, an int is
# written without `Decimal`: within `_INT_PRECISION` digits babel's steps are exact.
_INT_LIMIT: Final = 10**18
_INT_SHIFT: Final = 10
_INT_PRECISION: Final = 28


@final
@attrs.frozen(eq=False)
class NumberWriter:
    r"""One number pattern of one locale, applied exactly as `NumberPattern.apply` does.

    >>> from babel import Locale
    >>> fr = Locale.parse("fr_FR")
    >>> writer = number_writer(fr.decimal_formats[None], fr)
    >>> writer.write(12500), writer.write(Decimal("-3.70")), writer.write(0.5)
    ('12\u202f500', '-3,7', '0,5')
    """

    pattern: NumberPattern
    locale: Locale
    # False: the pattern needs babel's general path (exponent, "@", quotes).
    _direct: bool
    # Whether an int may skip `Decimal` (a small enough scale and fraction).
    _int_direct: bool
    _prefix: tuple[str, str]
    _suffix: tuple[str, str]
    _scale: int
    _int_min: int
    _first_group: int
    _other_group: int
    _group: str
    _decimal: str
    _frac_min: int
    _frac_max: int
    _quantum: Decimal
    # What an int shows after its digits: nothing, or the decimal symbol and zeros.
    _int_tail: str
    _shows_number: bool

    def write(self, value: int | float | Decimal) -> str:
        """`value` as ``pattern.apply(value, locale)`` writes it."""
        if not self._direct:
            return str(self.pattern.apply(value, self.locale))
        if (
            type(value) is int
            and self._int_direct
            and -_INT_LIMIT < value < _INT_LIMIT
            and getcontext().prec >= _INT_PRECISION
        ):
            negative = value < 0
            digits = str(-value if negative else value)
            if self._scale and value:
                digits += "0" * self._scale
            number = self._grouped(digits) + self._int_tail
        else:
            # babel's steps (apply, _quantize_value), in the same decimal context.
            if not isinstance(value, Decimal):
                value = Decimal(str(value))
            if not value.is_finite():
                return str(self.pattern.apply(value, self.locale))
            value = value.scaleb(self._scale)
            negative = value.is_signed()
            value = abs(value).normalize()
            integer, _, fraction = f"{value.quantize(self._quantum):f}".partition(".")
            number = self._grouped(integer) + self._fraction(fraction or "0")
        if not self._shows_number:
            number = ""
        return self._prefix[negative] + number + self._suffix[negative]

    def _grouped(self, digits: str) -> str:
        if len(digits) < self._int_min:
            digits = "0" * (self._int_min - len(digits)) + digits
        size = self._first_group
        if len(digits) <= size:
            return digits
        pieces: list[str] = []
        while len(digits) > size:
            pieces.append(digits[-size:])
            digits = digits[:-size]
            size = self._other_group
        pieces.append(digits)
        return self._group.join(reversed(pieces))

    def _fraction(self, digits: str) -> str:
        # Quantized to the most digits, `digits` has at least the fewest (babel pads here).
        low = self._frac_min
        if self._frac_max == 0 or (low == 0 and int(digits) == 0):
            return ""
        while len(digits) > low and digits[-1] == "0":
            digits = digits[:-1]
        return self._decimal + digits


def number_writer(pattern: NumberPattern, locale: Locale, /) -> NumberWriter:
    r"""The writer of `pattern` in `locale`, its symbols looked up now.

    >>> from babel import Locale
    >>> en = Locale.parse("en_GB")
    >>> number_writer(en.percent_formats[None], en).write(0.625)
    '62%'
    """
    group = get_group_symbol(locale, numbering_system=_LATN)
    decimal = get_decimal_symbol(locale, numbering_system=_LATN)
    pieces = (*pattern.prefix, *pattern.suffix, group, decimal)
    direct = (
        not pattern.exp_prec
        and "@" not in pattern.pattern
        and "'" not in "".join(pieces)
        and pattern.scale >= 0
    )
    frac_min, frac_max = pattern.frac_prec
    return NumberWriter(
        pattern,
        locale,
        direct,
        pattern.scale + frac_max <= _INT_SHIFT,
        pattern.prefix,
        pattern.suffix,
        pattern.scale,
        pattern.int_prec[0],
        pattern.grouping[0],
        pattern.grouping[1],
        group,
        decimal,
        frac_min,
        frac_max,
        Decimal(10) ** (-frac_max),
        decimal + "0" * frac_min if frac_min else "",
        pattern.number_pattern != "",
    )


#: One field of a date or time pattern, resolved: the value in, the text out.
_Field: TypeAlias = Callable[[date | time], str]
# babel's DateTimePattern.format: "%(name)s" fields, "%%" for a percent sign, text.
_PIECE: Final = lazy_re(r"%\(([^)]*)\)s|%%|[^%]+")
_NAME_WIDTHS: Final = {3: "abbreviated", 4: "wide", 5: "narrow", 6: "short"}


@final
@attrs.frozen(eq=False)
class DateWriter:
    """One date or time pattern of one locale, applied exactly as `DateTimePattern.apply` does.

    >>> from babel import Locale
    >>> fr = Locale.parse("fr_FR")
    >>> date_writer(fr.date_formats["full"], fr).write(date(2026, 11, 24))
    'mardi 24 novembre 2026'
    """

    pattern: DateTimePattern
    locale: Locale
    # The text and the resolved fields in order; None: babel applies the pattern.
    _pieces: tuple[str | _Field, ...] | None

    def write(self, value: date | time) -> str:
        """`value` as ``pattern.apply(value, locale)`` writes it."""
        pieces = self._pieces
        if pieces is None:
            return str(self.pattern.apply(value, self.locale))
        return "".join([piece if isinstance(piece, str) else piece(value) for piece in pieces])


@final
class DateWriters(dict[str, DateWriter]):
    """The writers of a locale's date (or time) patterns by length, each made on first use.

    A locale's conventions hold eight patterns; a message uses one or two, so
    resolving them all up front would be wasted work.

    >>> from babel import Locale
    >>> fr = Locale.parse("fr_FR")
    >>> DateWriters(fr.date_formats, fr)["long"].write(date(2026, 7, 14))
    '14 juillet 2026'
    """

    __slots__ = ("_locale", "_patterns")

    def __init__(self, patterns: Mapping[str, DateTimePattern], locale: Locale, /) -> None:
        super().__init__()
        self._patterns = patterns
        self._locale = locale

    def __missing__(self, style: str) -> DateWriter:
        writer = self[style] = date_writer(self._patterns[style], self._locale)
        return writer


def date_writer(pattern: DateTimePattern, locale: Locale, /) -> DateWriter:
    """The writer of `pattern` in `locale`, its fields resolved now.

    >>> from babel import Locale
    >>> en = Locale.parse("en_GB")
    >>> date_writer(en.time_formats["short"], en).write(time(9, 5))
    '09:05'
    """
    text = str(pattern.format)  # babel annotates it as its formatter; it is the %-string
    pieces: list[str | _Field] = []
    position = 0
    for found in _PIECE.finditer(text):
        if found.start() != position:
            return DateWriter(pattern, locale, None)  # pragma: no cover - babel's own syntax
        position = found.end()
        name = found[1]
        if name is None:
            pieces.append("%" if found[0] == "%%" else found[0])
            continue
        field = _field(name[0], len(name), locale)
        if field is None:
            return DateWriter(pattern, locale, None)
        pieces.append(field)
    if position != len(text):
        return DateWriter(pattern, locale, None)  # pragma: no cover - babel's own syntax
    return DateWriter(pattern, locale, tuple(pieces))


def _field(char: str, num: int, locale: Locale) -> _Field | None:
    """The field `char` repeated `num` times, as babel's DateTimeFormat writes it; or None."""
    # babel writes numbers as "%0*d" % (num, n): at least `num` digits, zeros in front.
    digits = f"0{num}d"
    if char == "d":
        return lambda value: format(value.day, digits)  # type: ignore[union-attr]
    if char == "y":
        if num == 2:
            return lambda value: format(value.year, digits)[-2:]  # type: ignore[union-attr]
        return lambda value: format(value.year, digits)  # type: ignore[union-attr]
    if char in "ML" and num <= 2:
        return lambda value: format(value.month, digits)  # type: ignore[union-attr]
    if char in "ML" and num in (3, 4, 5):
        context = "format" if char == "M" else "stand-alone"
        names = get_month_names(_NAME_WIDTHS[num], context, locale)  # type: ignore[arg-type]
        if any(month not in names for month in range(1, 13)):
            return None  # pragma: no cover - every CLDR locale names its months
        months = {month: str(names[month]) for month in range(1, 13)}
        return lambda value: months[value.month]  # type: ignore[union-attr]
    if char in "Ece" and (num >= 3 or char == "E") and num <= 6:
        context = "stand-alone" if char == "c" else "format"
        names = get_day_names(_NAME_WIDTHS[max(num, 3)], context, locale)  # type: ignore[arg-type]
        if any(day not in names for day in range(7)):
            return None  # pragma: no cover - every CLDR locale names its days
        days = {day: str(names[day]) for day in range(7)}
        return lambda value: days[value.weekday()]  # type: ignore[union-attr]
    hours = _HOURS.get(char)
    if hours is not None:
        return lambda value: format(hours(value.hour), digits)  # type: ignore[union-attr]
    if char == "m":
        return lambda value: format(value.minute, digits)  # type: ignore[union-attr]
    if char == "s":
        return lambda value: format(value.second, digits)  # type: ignore[union-attr]
    if char == "a" and num <= 5:
        am, pm = _period_name("am", num, locale), _period_name("pm", num, locale)
        if am is None or pm is None:
            return None  # pragma: no cover - every CLDR locale names am and pm
        return lambda value: pm if value.hour >= 12 else am  # type: ignore[union-attr]
    return None


# The hour fields: 0-23, 1-12, 0-11 and 1-24.
_HOURS: Final[dict[str, Callable[[int], int]]] = {
    "H": lambda hour: hour,
    "h": lambda hour: hour % 12 or 12,
    "K": lambda hour: hour % 12,
    "k": lambda hour: hour or 24,
}


def _period_name(period: str, num: int, locale: Locale) -> str | None:
    """As babel's format_period for "a": the first width, then the others, that names it."""
    first = _NAME_WIDTHS[max(3, num)]
    for width in (first, "wide", "narrow", "abbreviated"):
        names = get_period_names(context="format", width=width, locale=locale)  # type: ignore[arg-type]
        if period in names:
            return str(names[period])
    return None  # pragma: no cover - as above
