"""A locale's number patterns applied as babel applies them, with the symbols looked up once.

`babel.numbers.NumberPattern.apply` looks up the locale's decimal and group
symbols in its data on every call (each through `Locale.parse`) and runs a
regular expression over the result to drop quotes. For a pattern without an
exponent, significant digits or quotes, the same steps are a few `Decimal`
operations and string joins once the symbols are known: `NumberWriter` keeps
them, does those steps, and hands every other pattern to babel unchanged.
Nothing here knows about plans.
"""

from __future__ import annotations

from decimal import Decimal, getcontext
from typing import Final, final

import attrs
from babel import Locale
from babel.numbers import NumberPattern, get_decimal_symbol, get_group_symbol

__all__ = ["NumberWriter", "number_writer"]

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
