"""Numbers as a locale writes them: grouping, decimals, percentages and ranges.

The symbols come from babel's CLDR data for the locale. Where the locale
groups with a space (French, Austrian German...), every space people type
is accepted: the narrow no-break space U+202F that CLDR uses, the no-break
space U+00A0, the thin space U+2009 and a plain space. Every other locale
reads space grouping too ("12 345 hogares"), beside its own symbol. The patterns need
nothing beyond the standard `re`, which matches them faster than `regex`.
Nothing here knows about plans.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from babel import numbers

from crisiscomms.text._patterns import lazy_re

__all__ = ["NumberPatterns", "number_patterns", "parse_number"]

_SPACES = " \u00a0\u202f\u2009"
_MINUS = "-\u2212"
_SPACE_CLASS = "[" + "".join(re.escape(c) for c in _SPACES) + "]"
_NON_DIGIT = lazy_re(r"\D")


def _group_class(symbol: str) -> str:
    if symbol in _SPACES or symbol.isspace():
        return _SPACE_CLASS
    chars = "’'" if symbol in "’'" else symbol
    return "[" + "".join(re.escape(c) for c in chars) + "]"


class NumberPatterns:
    """The compiled number, percentage and range patterns of one locale."""

    __slots__ = (
        "decimal",
        "group",
        "number",
        "percent_suffix",
        "range",
        "range_prefix",
        "range_words",
    )

    def __init__(self, locale: str) -> None:
        self.group = numbers.get_group_symbol(locale)
        self.decimal = numbers.get_decimal_symbol(locale)
        group = _group_class(self.group)
        decimal = re.escape(self.decimal)
        # A group is 3 digits; Indian-style groups of 2 before the last 3 are accepted.
        # The leading group may be of any length: babel writes 10**9 in fr_CH as
        # "1000000'000" (CLDR's minimum grouping leaves the millions ungrouped).
        grouped = rf"\d+(?:{group}\d{{2,3}})*{group}\d{{3}}(?!\d)"
        if group != _SPACE_CLASS:
            # Space grouping is read in every language: the RAE recommends it for
            # Spanish, DIN 5008 allows it, SI style uses it ("12 345 hogares").
            grouped += rf"|\d{{1,3}}(?:{_SPACE_CLASS}\d{{3}})+(?!\d)"
        body = rf"(?:{grouped}|\d+)(?:{decimal}\d+(?!\d))?"
        before = r"(?<![\w.,’'/:@#+\-−])"
        # "12k": a k of thousands may follow; any other letter makes a name ("A320").
        after = r"(?!(?![kK]\b)\w|[.,’']\d)"
        number = rf"(?P<sign>[{_MINUS}])?(?P<n>{body})"
        self.number = re.compile(before + number + after)
        self.percent_suffix = re.compile(
            r"(?:[ \u00a0\u202f]?%|[ \u00a0\u202f](?i:pour\s?cent|per\s?cent|percent|prozent"
            r"|por\s?ciento))(?!\w)"
        )
        second = rf"(?P<sign2>[{_MINUS}])?(?P<n2>{body})"
        self.range = re.compile(
            before
            + number
            + r"[ \u00a0\u202f]?(?:[–—-]|(?i:à|to|bis|a))[ \u00a0\u202f]?"
            + second
            + after
        )
        # "entre 10 et 12": "et" joins a range only after "entre" (else "12 et 3" is two).
        self.range_words = re.compile(
            before + number + r"\s+(?i:et|and|und|y)\s+" + second + after
        )
        self.range_prefix = re.compile(r"(?<!\w)(?i:entre|between|zwischen)\s+$")


@functools.cache
def number_patterns(locale: str) -> NumberPatterns:
    """The number patterns of `locale`, compiled once."""
    return NumberPatterns(locale)


def parse_number(patterns: NumberPatterns, sign: str | None, digits: str) -> Decimal:
    """The value of a matched number: group symbols dropped, decimal made a point."""
    integer, _, fraction = digits.partition(patterns.decimal)
    if not integer.isdecimal():  # isdecimal is exactly what \d matches
        integer = _NON_DIGIT.sub("", integer)
    text = integer + ("." + fraction if fraction else "")
    value = Decimal(text)
    return -value if sign else value
