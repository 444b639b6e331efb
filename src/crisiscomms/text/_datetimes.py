"""Dates and times as a locale writes them, and as people type them.

One grammar per locale, built from babel's CLDR data (month and weekday
names, wide and abbreviated, in their format and stand-alone forms; the
order of the numeric short date; the AM/PM markers), covers every pattern
`babel.dates.format_date`/`format_time`/`format_datetime` produce in the
short, medium, long and full lengths, and the forms people type: ``14h30``,
``14 h 30``, ``14:30``, ``2:30 PM``, ``2.30pm``, ``14.30 Uhr``,
``le 24 novembre``, ``Monday 24 November``, ``November 24th``. ISO 8601
is read in every locale. Nothing here knows about plans.
"""

from __future__ import annotations

import functools
import unicodedata
from datetime import date, time

import regex
from babel import Locale

from crisiscomms.text._patterns import lazy_regex

__all__ = [
    "DatePatterns",
    "date_from_match",
    "date_patterns",
    "is_datetime_gap",
    "time_from_match",
    "two_digit_year",
]

_SPACE = r"[\s\u00a0\u202f]"
# "p.m." keeps its last dot; in "7 PM." the dot ends the sentence.
_AMPM = r"(?P<ampm>[aApP](?:\." + _SPACE + r"?[mM]\.|" + _SPACE + r"?[mM]))(?!\w)"
_HOUR_CUES = lazy_regex(
    r"(?i:\b(?:à|a|vers|dès|des|avant|après|apres|de|jusqu[’']à|entre|et|at|by|from|until|"
    r"um|ab|bis|gegen|las|la|desde|hasta|point|update|aktualisierung|actualización)"
    # A label's colon: "Prochain point : 15 h".
    r"|:)" + _SPACE + r"*$"
)
#: Before a bare hour that is a time in Spanish: "a las 12", "hasta la 1".
_LAS = regex.compile(
    r"(?i:\b(?:a|de|desde|hasta|sobre|hacia)" + _SPACE + r"+las?)" + _SPACE + r"*$"
)

#: What may stand between a date and a time of one date-time ("24 novembre 2026 à 10 h 30",
#: "November 24, 2026, 10:30 AM", "10:30 on 24 November", "24. November 2026 um 10:30").
_GAP = lazy_regex(
    r"[\s\u00a0\u202f]*(?:[,\-–]" + _SPACE + r"*)?"
    r"(?:(?i:à|a\sla|a\slas|at|um|on|the|le|el|am|de)" + _SPACE + r"+)?",
)


def is_datetime_gap(text: str) -> bool:
    """True when `text`, between a date and a time, joins them into one date-time."""
    return len(text) <= 10 and _GAP.fullmatch(text) is not None


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _names(context: object) -> dict[str, int]:
    """Name (case-folded, without its final dot, with and without accents) to number."""
    result: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for form in ("format", "stand-alone"):
            table = context[form][width]  # type: ignore[index]
            for number, name in table.items():
                key = str(name).casefold().rstrip(".")
                result.setdefault(key, int(number))
                result.setdefault(_strip_accents(key), int(number))
    return result


def _alternation(words: object) -> str:
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(regex.escape(w).replace(r"\ ", _SPACE) for w in items)


class DatePatterns:
    """The compiled date and time patterns of one locale, and its name tables."""

    __slots__ = (
        "date",
        "date_groups",
        "iso",
        "months",
        "names",
        "numeric_order",
        "prefix",
        "time",
        "time_groups",
        "wide_months",
    )

    def __init__(self, locale: str) -> None:
        data = Locale.parse(locale)
        self.months = _names(data.months)
        self.wide_months = frozenset(
            str(name).casefold()
            for form in ("format", "stand-alone")
            for name in data.months[form]["wide"].values()
        )
        weekdays = _names(data.days)
        #: Month and weekday names (case-folded, without final dot): a date may start with one.
        self.names = frozenset(self.months) | frozenset(weekdays)
        short = data.date_formats["short"].pattern
        positions = {c: short.find(c) for c in "dMy"}
        self.numeric_order = "".join(sorted("dMy", key=lambda c: positions[c]))
        months = _alternation(self.months)
        days = _alternation(weekdays)
        weekday = r"(?:(?i:" + days + r")\.?,?" + _SPACE + r"+)"
        day = r"(?P<d>[0-3]?\d)(?!\d)(?:st|nd|rd|th|er|ᵉʳ|º|\.)?"
        month = r"(?i:(?P<mon>" + months + r"))(?!\w)\.?"
        year = r"(?P<y>\d{4})(?!\d)"
        day_first = (
            weekday
            + r"?"
            + day
            + _SPACE
            + r"+(?:(?i:de|of)"
            + _SPACE
            + r"+)?"
            + month
            + r"(?:,?"
            + _SPACE
            + r"+(?:(?i:de|del)"
            + _SPACE
            + r"+)?"
            + year
            + r")?"
        )
        month_first = (
            weekday
            + r"?"
            + month
            + _SPACE
            + r"+"
            + day.replace(r"|\.", "")
            + r"(?:,?"
            + _SPACE
            + r"+"
            + year
            + r")?"
        )
        parts = {
            "d": r"(?P<nd>[0-3]?\d)",
            "M": r"(?P<nm>[01]?\d)",
            "y": r"(?P<ny>\d{4}|\d{2})",
        }
        separator = r"(?P<sep>[/.\-])"
        numeric = (
            parts[self.numeric_order[0]]
            + separator
            + parts[self.numeric_order[1]]
            + r"(?P=sep)"
            + parts[self.numeric_order[2]]
        )
        # The words a date may start with before its first digit ("Tuesday, November 24"):
        # dates are looked for at digits, and this finds where they really start.
        self.prefix = regex.compile(
            r"(?<!\w)(?:" + weekday + r"(?:" + month + _SPACE + r"+)?|" + month + _SPACE + r"+)$"
        )
        self.date = regex.compile(
            r"(?<![\w/.\-:])(?:"
            + day_first
            + r"|"
            + month_first
            + r"|"
            + numeric
            + r")(?![\w/\-]|\.\d)"
        )
        self.iso = regex.compile(
            r"(?<![\w/.\-:])(?P<Y>\d{4})-(?P<M>\d{2})-(?P<D>\d{2})"
            r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
            r"(?P<z>Z|[+\-]\d{2}:?\d{2})?)?(?![\w:]|[.,]\d)"
        )
        h = r"(?P<h>[0-2]?\d)"
        mm = r"(?P<m>[0-5]\d)"
        ss = r"(?P<s>[0-5]\d)"
        clock = (
            h
            + r"(?P<sep>[:.])"
            + mm
            + r"(?:[:.]"
            + ss
            + r")?(?!\d)(?:"
            + _SPACE
            + r"?"
            + _AMPM
            + r"|"
            + _SPACE
            + r"?(?P<suffix>Uhr|h|hrs|horas)(?!\w))?"
        )
        french = (
            h
            + _SPACE
            + r"?h(?:"
            + _SPACE
            + r"?"
            + mm
            + r"(?:"
            + _SPACE
            + r"?min(?:"
            + _SPACE
            + r"?"
            + ss
            + _SPACE
            + r"?s)?)?)?(?!\w)"
        )
        bare = h + _SPACE + r"?(?:" + _AMPM + r"|(?P<suffix>Uhr)(?!\w))"
        # "a las 12.": an hour alone, a time only after "las" (see time_from_match).
        alone = h + r"(?![\w:]|[.,]\d|" + _SPACE + r"\d)"
        self.time = regex.compile(
            r"(?<![\w:.,/+\-])(?:" + clock + r"|" + french + r"|" + bare + r"|" + alone + r")"
        )
        # The numbers of the groups read from a match: `regex` looks a group up by
        # number several times faster than by name.
        self.date_groups = tuple(
            self.date.groupindex[name] for name in ("nd", "ny", "nm", "mon", "d", "y")
        )
        self.time_groups = tuple(
            self.time.groupindex[name] for name in ("h", "m", "s", "ampm", "sep", "suffix")
        )


@functools.cache
def date_patterns(locale: str) -> DatePatterns:
    """The date and time patterns of `locale`, compiled once."""
    return DatePatterns(locale)


def two_digit_year(value: int) -> int:
    """A two-digit year of a short date: ``26`` is 2026 (CLDR short dates use ``yy``)."""
    return 2000 + value


def date_from_match(
    patterns: DatePatterns, match: regex.Match[str]
) -> tuple[int | None, int, int] | None:
    """``(year or None, month, day)`` of a date match, None when it is no real date."""
    year: int | None
    numeric_day, raw_year, numeric_month, name, named_day, named_year = match.group(
        *patterns.date_groups
    )
    if numeric_day is not None:
        year = int(raw_year) if len(raw_year) == 4 else two_digit_year(int(raw_year))
        month, day = int(numeric_month), int(numeric_day)
    else:
        name = name.casefold().rstrip(".")
        month = patterns.months.get(name) or patterns.months[_strip_accents(name)]
        year = None
        day = int(named_day)
        if named_year:
            year = int(named_year)
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return year, month, day


def time_from_match(
    patterns: DatePatterns, text: str, match: regex.Match[str], *, zoned: bool = False
) -> time | None:
    """The time of a time match, None when it is no real time of day.

    A dot between hours and minutes is a time only with a marker after it
    (``2.30pm``, ``14.30 Uhr``) or seconds (``10.30:00 h``), since ``2.30``
    is a number. An hour alone (``14h``) is a time only after a word such as
    "à", "at" or "um", since "2 h" is also a duration, or when a zone
    follows it (`zoned`: "9 h heure des Antilles").
    """
    # One call for all the groups: each call into the match costs more than its work.
    hours, minutes, seconds, ampm, sep, suffix = match.group(*patterns.time_groups)
    hour = int(hours)
    minute = int(minutes or 0)
    second = int(seconds or 0)
    if sep == "." and not (ampm or suffix or seconds):
        return None
    if minutes is None and not ampm and suffix is None and not zoned:
        start = match.start()
        before = text[max(0, start - 16) : start]
        if match.end() - start <= 2:  # the hour alone: "a las 12"
            if _LAS.search(before) is None:
                return None
        elif _HOUR_CUES.search(before) is None:
            return None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        pm = ampm[0] in "pP"
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23:
        return None
    return time(hour, minute, second)
