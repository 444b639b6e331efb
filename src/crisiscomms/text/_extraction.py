"""Fact extraction: the values a message states, with their kind and span.

`extract_values` reads, from a text in one of the supported locales (``en``,
``fr``, ``de``, ``es`` and their regional variants): numbers (the locale's
grouping and decimal symbols), percentages, ranges, dates, times and
date-times (with their zone when one is written), URLs, e-mail addresses,
phone numbers, hashtags and status words. It never raises on any text;
only an unsupported locale is refused.

Items are found in a fixed order and a character belongs to one item only:
e-mail addresses, links, ISO 8601, phone numbers, dates and times,
percentages, ranges, numbers, hashtags, status words. So the ``2026`` of a
date is not also a number, and the digits of a phone number are not a count.
"""

from __future__ import annotations

import bisect
import collections
import enum
import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import NamedTuple, final

import attrs
import regex
from babel import Locale, UnknownLocaleError

from crisiscomms._errors import InputError, UnsupportedLocaleError
from crisiscomms.text._approximations import Bound, bound_before, multiplier_after
from crisiscomms.text._datetimes import (
    date_from_match,
    date_patterns,
    is_datetime_gap,
    time_from_match,
)
from crisiscomms.text._numbers import number_patterns, parse_number
from crisiscomms.text._patterns import lazy_re, lazy_regex
from crisiscomms.text._phones import (
    NATIONAL_CANDIDATE,
    PHONE_CANDIDATE,
    PHONE_WORDS,
    UNGROUPED_CANDIDATE,
    normalize_phone,
    phone_in,
    phone_region,
)
from crisiscomms.text._sentences import is_cut, sentence_starts
from crisiscomms.text._status import partial_before, status_words
from crisiscomms.text._zones import (
    offset_zone,
    zone_pattern,
    zone_starts,
    zone_tzinfo,
    zone_value,
)

__all__ = [
    "SUPPORTED_LANGUAGES",
    "ExtractedValue",
    "MonthDay",
    "ValueKind",
    "extract_each",
    "extract_values",
    "normalize_phone",
    "normalize_url",
    "supported_locale",
]

#: The languages extraction reads; each with every regional variant CLDR knows.
SUPPORTED_LANGUAGES = ("de", "en", "es", "fr")


@final
class ValueKind(enum.StrEnum):
    """What an extracted value is.

    >>> ValueKind("percent").is_number
    True
    """

    NUMBER = "number"
    PERCENT = "percent"
    RANGE = "range"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    URL = "url"
    EMAIL = "email"
    PHONE = "phone"
    HASHTAG = "hashtag"
    STATUS = "status"

    @property
    def is_number(self) -> bool:
        """True for numbers, percentages and ranges."""
        return self in _NUMBER_KINDS

    @property
    def is_temporal(self) -> bool:
        """True for dates, times and date-times."""
        return self in _TEMPORAL_KINDS


_NUMBER_KINDS = frozenset({ValueKind.NUMBER, ValueKind.PERCENT, ValueKind.RANGE})
_TEMPORAL_KINDS = frozenset({ValueKind.DATE, ValueKind.TIME, ValueKind.DATETIME})


@final
@attrs.frozen
class MonthDay:
    """A date written without a year ("le 24 novembre") when no reference date was given.

    >>> MonthDay(11, 24).in_year(2026)
    datetime.date(2026, 11, 24)
    """

    month: int
    day: int

    def in_year(self, year: int) -> date:
        """The date in `year`."""
        return date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"--{self.month:02d}-{self.day:02d}"


#: The normalised value of an extracted item, by kind: Decimal (number, percent
#: as a fraction), a pair of Decimal (range), date or MonthDay, time, datetime
#: (aware when a zone was written), str (URL, e-mail, phone, hashtag, status).
Value = Decimal | tuple[Decimal, Decimal] | date | MonthDay | time | datetime | str


@final
@attrs.frozen
class ExtractedValue:
    """One value a message states: its kind, normalised value, span and zone.

    Args:
        kind: what the value is.
        value: the normalised value (see `ValueKind`): ``Decimal("12000")``
            for "12 000", ``Decimal("0.12")`` for "12 %", an aware datetime
            for "24 novembre 2026 à 10 h 30 CET", ``"+33970809000"`` for
            "+33 9 70 80 90 00", ``"resolved"`` for "résolu".
        span: ``(start, end)`` character offsets in the text.
        text: the characters of the span, as written.
        zone: for times and date-times, the zone written with them
            (``"UTC"``, ``"+01:00"`` or an IANA name), else None.
        bound: for numbers and percentages, how the figure relates to the
            number written: ``"over"`` ("more than 12,000", "au moins"),
            ``"under"`` ("up to", "bis zu"), ``"about"`` ("rund 12.000",
            "unos 12.000", "12k"); None for a number stated as is.

    >>> from crisiscomms import extract_values
    >>> [v.value for v in extract_values("12 000 clients", "fr_FR")]
    [Decimal('12000')]
    """

    kind: ValueKind
    value: Value
    span: tuple[int, int]
    text: str
    zone: str | None = None
    bound: Bound | None = None


@functools.cache
def _supported(locale: str) -> str | None:
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    if parsed.language not in SUPPORTED_LANGUAGES:
        return None
    return str(parsed)


def supported_locale(locale: object) -> str:
    """The canonical form of a supported locale (``fr-FR`` gives ``fr_FR``).

    >>> supported_locale("en-GB")
    'en_GB'

    Raises:
        UnsupportedLocaleError: naming the supported languages.
    """
    canonical = _supported(locale) if isinstance(locale, str) else None
    if canonical is None:
        raise UnsupportedLocaleError.for_locale(locale, SUPPORTED_LANGUAGES)
    return canonical


# Links and e-mail addresses use the standard `re`, which scans these simple patterns
# faster than `regex`; `\w` is Unicode-aware in both.
_EMAIL_LOCAL = lazy_re(r"(?<![\w.+\-@])[\w.+\-]+\Z")
_EMAIL_DOMAIN = lazy_re(r"(?:[\w\-]+\.)+[^\W\d_]{2,63}(?![\w@])")
_TLDS = (
    "com|org|net|info|io|co|eu|fr|de|es|uk|be|ch|at|ca|us|mx|lu|it|nl|pt|ie|gov|edu|app|dev"
    "|gouv\\.fr|co\\.uk|org\\.uk"
)
_URL = lazy_re(
    r"(?i)(?<![\w@.\-/])(?:https?://[^\s<>\"“”«»]+"
    r"|www\.[^\s<>\"“”«»]+"
    r"|(?:\w(?:[\w\-]*\w)?\.)+(?:" + _TLDS + r")(?![\w.\-])"
    r"(?:/[^\s<>\"“”«»]*)?)"
)
_URL_PARTS = lazy_re(r"(?i)(?:(?P<scheme>https?)://)?(?P<host>[^/?#]*)(?P<rest>.*)", re.S)
_DEFAULT_PORT = lazy_re(r":(?:80|443)$")
_NON_DIGIT = lazy_re(r"\D")
_URL_TRAIL = ".,;:!?'\"’»)]}"
_PHONE_AFTER = frozenset(".-()\u00a0\u202f")
#: What may follow the first group of a national number without a trunk 0.
_NATIONAL_AFTER = frozenset(" -\u00a0\u202f")
_HASHTAG = lazy_regex(r"(?<![\w#&])#(?P<tag>[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)")
#: Where numbers, dates, times and phone numbers may start: each run of digits.
_DIGITS = lazy_re(r"\d+")
_DOT = lazy_re(r"\.(?=\w)")
_URL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'*+,;=%"
_URL_CHAR_SET = frozenset(_URL_CHARS)
_RANGE_HINT = lazy_re(
    r"[ \u00a0\u202f]?(?:[–—-]|(?:à|a|to|bis|et|and|und|y)[ \u00a0\u202f])[ \u00a0\u202f]?[\d−-]",
    re.IGNORECASE,
)
#: Phrases that say a service is available, not a figure: "24/7", "24 h/24",
#: "7 jours sur 7", "las 24 horas", "24 Stunden am Tag". Their digits are no value.
_AVAILABLE = re.compile(
    r"(?i)(?<![\w/.,])(?:24\s?/\s?7|24\s?h?\s?/\s?24|7\s?j?\s?/\s?7"
    r"|24\s?h(?:eures)?\s+sur\s+24|7\s?j(?:ours)?\s+sur\s+7"
    r"|(?<=las\s)24\s+horas(?:\s+del\s+día)?|24\s+horas\s+al\s+día"
    r"|24\s+Stunden(?:\s+am\s+Tag|\s+täglich)?(?=\s+(?:am\s+Tag|täglich|erreichbar|für))"
    r"|24\s+Stunden\s+am\s+Tag|24\s+hours\s+a\s+day|7\s+days\s+a\s+week"
    r"|7\s+días\s+(?:a\s+la|por)\s+semana|7\s+Tage\s+die\s+Woche"
    r"|365\s+(?:days\s+a\s+year|jours\s+par\s+an|días\s+al\s+año|Tage\s+im\s+Jahr))(?![\w/]|[.,]\d)"
)
#: Words that name a time of day: noon and midnight.
_NOON = regex.compile(
    r"(?i)(?<!\w)(?:(?P<noon>noon|midday|midi|mediod[ií]a)|(?P<midnight>midnight|minuit"
    r"|medianoche|mitternacht))(?!\w)"
)
_NOON_HINTS = (
    "noon",
    "midday",
    "midi",
    "mediod",
    "medianoche",
    "midnight",
    "minuit",
    "itternacht",
)
#: What an abbreviation of thousands or millions starts with, after its number.
_MULTIPLIER_STARTS = frozenset("kK \u00a0\u202f")
#: What a percentage's sign or word starts with, after its number.
_PERCENT_STARTS = frozenset("% \u00a0\u202f")
_PERCENT_SECOND = frozenset("%pP")
_BLANKS = frozenset(" \u00a0\u202f\u2009")


def _email_local_start(text: str, at: int) -> int | None:
    r"""Where the local part of an e-mail address before the "@" at `at` starts, if any.

    What ``_EMAIL_LOCAL.search(text, max(0, at - 64), at)`` finds, read backwards:
    the run of ``[\w.+\-]`` right before `at`, when it starts at most 64
    characters before it and no "@" stands right before it.
    """
    start = at
    least = max(0, at - 64)
    while start > least and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):
        start -= 1
    if start == at:
        return None
    if start:
        before = text[start - 1]
        # The run goes on before the window, or an "@" stands before it: no address.
        if before.isalnum() or before in "_.+-@":
            return None
    return start


def _digits_after_mark(text: str, end: int) -> bool:
    """True when the "," or "." at `end` is followed by a digit (",") or three digits (".")."""
    if text[end] == ",":
        return text[end + 1 : end + 2].isdecimal()
    return len(text) >= end + 4 and text[end + 1 : end + 4].isdecimal()


def normalize_url(url: str) -> str:
    """A link in one comparable form: scheme and host in lower case, https when absent.

    >>> normalize_url("Status.Lumea.FR/incident/2411/")
    'https://status.lumea.fr/incident/2411'
    """
    # A set gives the same link on every channel: the usual short links are remembered.
    return _normalized(url) if len(url) <= _REMEMBERED_URL else _normalize_url(url)


#: Links up to this long are remembered by `normalize_url` (2,048 of them at most).
_REMEMBERED_URL = 200


def _normalize_url(url: str) -> str:
    match = _URL_PARTS.match(url)
    assert match is not None  # the pattern matches every string
    scheme = (match.group("scheme") or "https").lower()
    host = _DEFAULT_PORT.sub("", match.group("host").lower())
    rest = match.group("rest").rstrip("/")
    return f"{scheme}://{host}{rest}"


_normalized = functools.lru_cache(maxsize=2048)(_normalize_url)


class _Claims:
    """Which characters of the text already belong to an item."""

    __slots__ = ("mask",)

    def __init__(self, length: int) -> None:
        self.mask = bytearray(length)

    def free(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) < 0

    def take(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)


def _resolve_year(month: int, day: int, reference: date | None) -> date | MonthDay:
    """A yearless date: the one nearest to `reference`, else a `MonthDay`."""
    if reference is None:
        return MonthDay(month, day)
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return MonthDay(month, day)
    return min(candidates, key=lambda d: (abs((d - reference).days), d))


def _combine(day: date, clock: time, zone: str | None) -> datetime:
    moment = datetime.combine(day, clock)
    if zone is not None:
        moment = moment.replace(tzinfo=zone_tzinfo(zone))
    return moment


def zone_value_from_offset(offset: str) -> str | None:
    """``+0100`` or ``+01:00`` as the normalised zone ``+01:00`` (``UTC`` for zero)."""
    digits = offset[1:].replace(":", "")
    return offset_zone(offset[0], int(digits[:2]), int(digits[2:]))


class _Piece(NamedTuple):
    """A date or a time found on its own, before dates and times are paired."""

    start: int
    end: int
    day: date | MonthDay | None
    clock: time | None
    zone: str | None


class _Reader:
    """One pass over one text: the claims so far and what was found."""

    __slots__ = (
        "claims",
        "dates",
        "items",
        "language",
        "locale",
        "numbers",
        "pieces",
        "reference",
        "region",
        "text",
        "zone_starts",
        "zones",
    )

    def __init__(self, text: str, locale: str, reference: date | None) -> None:
        self.text = text
        self.locale = locale
        self.language = locale.split("_", maxsplit=1)[0]
        self.reference = reference
        self.region = phone_region(locale)
        self.claims = _Claims(len(text))
        self.dates = date_patterns(locale)
        self.numbers = number_patterns(locale)
        self.zones = zone_pattern(locale)
        self.zone_starts = zone_starts(locale)
        self.items: list[ExtractedValue] = []
        self.pieces: list[_Piece] = []

    def add(
        self,
        kind: ValueKind,
        value: Value,
        start: int,
        end: int,
        zone: str | None = None,
        *,
        bound: Bound | None = None,
    ) -> None:
        self.claims.take(start, end)
        text = self.text[start:end]
        self.items.append(ExtractedValue(kind, value, (start, end), text, zone, bound))

    def zone_after(self, end: int) -> tuple[str | None, int]:
        text = self.text
        # Only a letter, a digit, a sign or "(" after the blanks may start a zone.
        first = end
        while first < len(text) and text[first].isspace():
            first += 1
        if first == len(text) or not (text[first].isalnum() or text[first] in self.zone_starts):
            return None, end
        match = self.zones.match(text, end)
        if match is None or not self.claims.free(end, match.end()):
            return None, end
        zone = zone_value(match, self.locale)
        if zone is None:  # "+30:00" is no offset: the time stands without a zone
            return None, end
        return zone, match.end()

    # -- links and contacts -------------------------------------------------

    def links_and_contacts(self) -> None:
        text = self.text
        at = text.find("@")
        while at != -1:
            # From each "@": the domain after it, then the local part before it.
            domain = _EMAIL_DOMAIN.match(text, at + 1)
            start = _email_local_start(text, at) if domain is not None else None
            if domain is not None and start is not None:
                end = domain.end()
                self.add(ValueKind.EMAIL, text[start:end].lower(), start, end)
            at = text.find("@", at + 1)
        # A link has a dot followed by a letter or digit: only around those is the
        # link pattern tried, from the start of the token the dot is in.
        tried = -1
        # The token of the previous dot, remembered so that each character is
        # scanned once (a copy of the prefix at every dot was quadratic).
        scanned, scanned_token = 0, 0
        for dot in _DOT.finditer(text):
            token = dot.start()
            if token < tried:  # a dot of the link just read
                continue
            # The token starts after the last character before the dot that no link has.
            position = token
            while position > scanned and text[position - 1] in _URL_CHAR_SET:
                position -= 1
            token = scanned_token if position == scanned else position
            scanned, scanned_token = dot.start(), token
            if token <= tried or not self.claims.free(token, dot.end()):
                continue
            tried = token
            found = _URL.match(text, token)
            if found is not None:
                start = found.start()
                raw = found[0]
                while raw and raw[-1] in _URL_TRAIL:
                    if raw[-1] == ")" and raw.count("(") >= raw.count(")"):
                        break
                    raw = raw[:-1]
                end = start + len(raw)
                if raw and self.claims.free(start, end):
                    self.add(ValueKind.URL, normalize_url(raw), start, end)
                    tried = end

    # -- what is not a value ------------------------------------------------------

    def availability(self) -> None:
        """Claim "24/7", "7 jours sur 7"...: they state opening hours, not a figure."""
        text = self.text
        # Tried only where such a phrase can start: at a "24", a "7" or a "365".
        for digits in ("24", "7", "365"):
            position = text.find(digits)
            while position != -1:
                match = _AVAILABLE.match(text, position)
                if match is not None and self.claims.free(*match.span()):
                    self.claims.take(*match.span())
                position = text.find(digits, position + 1)

    # -- words of time -------------------------------------------------------------

    def noon(self) -> None:
        """Noon and midnight in words ("at noon", "à midi", "a mediodía"), with their zone."""
        folded = self.text.casefold()
        if not any(hint in folded for hint in _NOON_HINTS):
            return
        for match in _NOON.finditer(self.text):
            start, end = match.span()
            if not self.claims.free(start, end):
                continue
            clock = time(12) if match["noon"] else time(0)
            zone, end = self.zone_after(end)
            self.claims.take(start, end)
            self.pieces.append(_Piece(start, end, None, clock, zone))

    # -- at each run of digits ------------------------------------------------

    def runs_of_digits(self) -> None:
        """Numbers, dates, times and phone numbers: what starts at each free run of digits."""
        claimed = self.claims.mask
        text = self.text
        for digits in _DIGITS.finditer(text):
            start = digits.start()
            if claimed[start]:  # the digits of a link, a phone number or a date just read
                continue
            # Right after a letter ("#ref3", "LB2611", "COVID19") no number, date, time or
            # phone number starts: each of their patterns refuses a word character there.
            if start and (text[start - 1].isalpha() or text[start - 1] == "_"):
                continue
            self.at_digits(start, digits.end())

    def at_digits(self, start: int, end: int) -> None:
        """Read what starts at (or just before) the run of digits ``text[start:end]``.

        Cheap looks at the characters around the run decide which patterns
        can match at all, so most runs try one or two patterns, not six.
        The run is free: `runs_of_digits` skips the runs an item holds.
        """
        text = self.text
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        length = end - start
        if before in "+(" and self.phone(start - 1):
            return
        if length == 4 and after == "-" and self.iso(start):
            return
        # A national number starting here has six digits or more, or a separator after
        # its first group ("09 70...", "(0)9", "0970809000"): not "07:55".
        if (
            (
                text[start] == "0"
                and (
                    length >= 6
                    or after.isspace()
                    or after in _PHONE_AFTER
                    or (after == "/" and length >= 3)
                )
            )
            or (length == 3 and after in ".-")
        ) and self.phone(start):
            return
        # Without a trunk 0 ("944 123 456" in Spain, "212 555 0100"): a phone number only
        # when the region's numbering plan says so, never a count of its digit groups.
        if (
            text[start] != "0"
            and 2 <= length <= 4
            and after in _NATIONAL_AFTER
            and self.phone(start, national=True)
        ):
            return
        if (
            9 <= length <= 11
            and text[start] != "0"
            and PHONE_WORDS.search(text, max(0, start - 40), start) is not None
            and self.phone(start, national=True, ungrouped=True)
        ):
            return
        # What follows the run says whether a date or a time can start here: "24/11",
        # "24 nov", "24th", "14:30", "14 h", "2 PM"; "12 000 clients" is neither.
        after_next = text[end + 1] if end + 1 < len(text) else " "
        spaced = after in _BLANKS
        wordy = after.isalpha() or (spaced and after_next.isalpha())
        short = length <= 2 or (length == 4 and self.dates.numeric_order[0] == "y")
        if short:
            named = before.isspace() and self.named_before(start)
            if (wordy or after in "/.-º" or named) and self.date(start, named=named):
                return
        # "12,000" and "12.000" are no times: after a comma a digit, after a dot three
        # digits, rule out every way a time can go on (a clock has two after its dot).
        if (
            length <= 2
            and (wordy or after == ":" or (after in ".," and not _digits_after_mark(text, end)))
            and self.time(start)
        ):
            return
        self.number(start - 1 if before in "-−" else start)

    def phone(self, start: int, *, national: bool = False, ungrouped: bool = False) -> bool:
        """A phone number at `start`: a `national` one only when the region's metadata knows it."""
        pattern = (
            UNGROUPED_CANDIDATE
            if ungrouped
            else NATIONAL_CANDIDATE
            if national
            else PHONE_CANDIDATE
        )
        match = pattern.match(self.text, start)
        if match is None:
            return False
        found = phone_in(match[0], self.region, national=national)
        if found is None:
            return False
        end = start + found[0]
        if not self.claims.free(start, end):
            return False
        self.add(ValueKind.PHONE, found[1], start, end)
        return True

    def iso(self, start: int) -> bool:
        match = self.dates.iso.match(self.text, start)
        if match is None:
            return False
        try:
            day = date(int(match["Y"]), int(match["M"]), int(match["D"]))
            clock = (
                time(int(match["h"]), int(match["mi"]), int(match["s"] or 0))
                if match["h"]
                else None
            )
        except ValueError:
            return False
        # Only digits, "-", "T" and ":" from a free run of digits: nothing claims them yet.
        end = match.end()
        if clock is None:
            # A date alone may be the first half of a date-time ("2026-11-24 04 h 30").
            self.claims.take(start, end)
            self.pieces.append(_Piece(start, end, day, None, None))
            return True
        zone: str | None = None
        if match["z"]:
            zone = "UTC" if match["z"] == "Z" else zone_value_from_offset(match["z"])
            if zone is None:
                return False  # "2026-11-24T10:30+30:00" is no ISO 8601 instant
        else:
            zone, end = self.zone_after(end)
        self.add(ValueKind.DATETIME, _combine(day, clock, zone), start, end, zone)
        return True

    def named_before(self, start: int) -> bool:
        """True when a month or weekday name stands right before `start`."""
        window = self.text[max(0, start - 16) : start]
        if not window[-1:].isspace():
            return False
        words = window.split()
        return bool(words) and words[-1].rstrip(".,").casefold() in self.dates.names

    def date(self, start: int, *, named: bool) -> bool:
        """A date at `start`; `named` when a month or weekday name stands right before it."""
        patterns = self.dates
        text = self.text
        match = None
        # A weekday or a month right before the day ("mardi 24", "November 24"):
        # only then is the slower backward search worth running.
        if named:
            # The name is a word of its own, so no link or address has claimed it.
            prefix = patterns.prefix.search(text, max(0, start - 40), start)
            if prefix is not None:
                match = patterns.date.match(text, prefix.start())
        if match is None:
            match = patterns.date.match(text, start)
        if match is None:
            return False
        begin, end = match.span()
        parts = date_from_match(patterns, match)
        if parts is None or not self.claims.free(begin, end):
            return False
        # "le 24 novembre." ends a sentence: the dot belongs to an abbreviation only.
        if (
            text[end - 1] == "."
            and match.end("mon") == end - 1
            and match["mon"].casefold() in patterns.wide_months
        ):
            end -= 1
        year, month, day = parts
        value = (
            date(year, month, day)
            if year is not None
            else _resolve_year(month, day, self.reference)
        )
        self.claims.take(begin, end)
        self.pieces.append(_Piece(begin, end, value, None, None))
        return True

    def time(self, start: int) -> bool:
        match = self.dates.time.match(self.text, start)
        if match is None:
            return False
        clock = time_from_match(self.dates, self.text, match)
        if not self.claims.free(*match.span()):
            return False
        zone, end = self.zone_after(match.end())
        if clock is None and zone is not None and match.end() - start > 2:
            # "9 h heure des Antilles": a zone after an hour makes it a time of day.
            clock = time_from_match(self.dates, self.text, match, zoned=True)
        if clock is None:
            return False
        self.claims.take(start, end)
        self.pieces.append(_Piece(start, end, None, clock, zone))
        return True

    def number(self, start: int) -> None:
        patterns = self.numbers
        text = self.text
        match = patterns.number.match(text, start)
        if match is None:
            return
        # A range only where a connector follows the first number ("10 à 12", "10-12").
        if _RANGE_HINT.match(text, match.end()) and self.range(start):
            return
        if not self.claims.free(*match.span()):
            return
        value = parse_number(patterns, match["sign"], match["n"])
        end = match.end()
        bound = bound_before(text, start, self.language) if start else None
        # A sign or word of percent is "%" or starts with "%" or "p" after one blank.
        if end < len(text) and (
            text[end] == "%"
            or (text[end] in _PERCENT_STARTS and text[end + 1 : end + 2] in _PERCENT_SECOND)
        ):
            suffix = patterns.percent_suffix.match(text, end)
            if suffix is not None:
                self.add(ValueKind.PERCENT, value / 100, start, suffix.end(), bound=bound)
                return
        if end < len(text) and text[end] in _MULTIPLIER_STARTS:
            # "12k", "1,2 millones", "3 Mio.": the figure, rounded on purpose.
            multiplied = multiplier_after(text, end)
            if multiplied is not None:
                factor, end = multiplied
                value *= factor
                if value == value.to_integral_value():
                    value = value.to_integral_value()
                bound = bound or "about"
        self.add(ValueKind.NUMBER, value, start, end, bound=bound)

    def range(self, start: int) -> bool:
        patterns = self.numbers
        text = self.text
        match = patterns.range.match(text, start)
        if match is None and patterns.range_prefix.search(text, max(0, start - 12), start):
            match = patterns.range_words.match(text, start)
        if match is None or not self.claims.free(*match.span()):
            return False
        low = parse_number(patterns, match["sign"], match["n"])
        high = parse_number(patterns, match["sign2"], match["n2"])
        if low >= high:
            return False
        self.add(ValueKind.RANGE, (low, high), *match.span())
        return True

    # -- dates and times together -----------------------------------------------

    def pair_dates_and_times(self) -> None:
        """Join a date and a time that stand together into one date-time."""
        found = self.pieces
        if len(found) > 1:
            found = sorted(found, key=lambda piece: piece.start)
        text = self.text
        index = 0
        while index < len(found):
            piece = found[index]
            if index + 1 < len(found):
                after = found[index + 1]
                joined = piece.day if piece.day is not None else after.day
                clock = piece.clock if piece.clock is not None else after.clock
                if (
                    isinstance(joined, date)
                    and clock is not None
                    and (piece.day is None) != (after.day is None)
                    and is_datetime_gap(text[piece.end : after.start])
                ):
                    zone = piece.zone if piece.clock is not None else after.zone
                    moment = _combine(joined, clock, zone)
                    self.add(ValueKind.DATETIME, moment, piece.start, after.end, zone)
                    index += 2
                    continue
            if piece.day is not None:
                self.add(ValueKind.DATE, piece.day, piece.start, piece.end)
            else:
                assert piece.clock is not None  # a piece is a date or a time
                self.add(ValueKind.TIME, piece.clock, piece.start, piece.end, piece.zone)
            index += 1

    # -- words -------------------------------------------------------------------

    def hashtags(self) -> None:
        # A hashtag starts at a "#" and holds none, so matching at each "#" finds what
        # a scan of the whole text finds, without the scan.
        text = self.text
        mark = text.find("#")
        while mark != -1:
            match = _HASHTAG.match(text, mark)
            if match is not None and self.claims.free(*match.span()):
                self.add(ValueKind.HASHTAG, match[1], *match.span())  # 1: the tag
            mark = text.find("#", mark + 1)

    def folded(self) -> str:
        """The text in lower case, character for character (so offsets stay valid)."""
        text = self.text
        folded = text.lower()
        if len(folded) != len(text):  # a few characters change length in lower case
            folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        return folded

    def status_at(
        self,
        start: int,
        phrases: tuple[tuple[regex.Pattern[str], str], ...],
        negation: regex.Pattern[str],
    ) -> None:
        text = self.text
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            return
        for phrase, stage in phrases:
            match = phrase.match(text, start)
            if match is None or not self.claims.free(*match.span()):
                continue
            if negation.search(text, max(0, start - 24), start) is not None:
                return
            # "partially restored", "zu 62 % wiederhergestellt": the incident goes on.
            if stage == "resolved" and partial_before(text, start, match.end()):
                return
            self.add(ValueKind.STATUS, stage, *match.span())
            return


def extract_values(
    text: str, /, locale: str, *, reference: date | datetime | None = None
) -> tuple[ExtractedValue, ...]:
    """Every value `text` states, in the order they appear.

    Args:
        text: the message.
        locale: the locale it is written in (``fr_FR``, ``en-GB``, ``de``, ...).
        reference: the date a date without a year ("le 24 novembre") is near:
            the year is the one that puts the date nearest to `reference`.
            Without it such a date is a `MonthDay`. The clock is never read.

    Returns:
        The extracted values, sorted by their start.

    Raises:
        UnsupportedLocaleError: for a locale outside ``de``, ``en``, ``es``, ``fr``.
        InputError: when `text` is not a str.

    >>> [(v.kind.value, str(v.value)) for v in extract_values(
    ...     "Prochain point : 10 h 30 heure de Paris. 12 000 clients.", "fr_FR")]
    [('time', '10:30:00'), ('number', '12000')]
    >>> extract_values("Next update: 9:30 AM GMT", "en_GB")[0].zone
    'UTC'
    """
    return extract_each([(text, locale)], reference=reference)[0]


def extract_each(
    texts: Sequence[tuple[str, str]], /, *, reference: date | datetime | None = None
) -> list[tuple[ExtractedValue, ...]]:
    """`extract_values` of each ``(text, locale)``, read together: the same values, sooner.

    Each text is read on its own, exactly as `extract_values` reads it; only
    the order of the work changes: one step (links, digits, hashtags, status
    words...) runs over every text before the next step starts, so the
    patterns and code of a step are still in the processor's caches for the
    next text. For a set of messages this is about a fifth faster than
    reading them one after the other. A sentence that several texts share
    (drafts of one template) is read once: a text is cut only at sentence
    starts that no reader crosses (`crisiscomms.text._sentences`), and the
    values of each part are given back at their place in the text.

    Raises:
        UnsupportedLocaleError: for the first locale outside ``de``, ``en``, ``es``, ``fr``.
        InputError: for the first text that is not a str, or a wrong `reference`.
    """
    canonical = []
    for text, locale in texts:
        canonical.append(supported_locale(locale))
        if not isinstance(text, str):
            raise InputError.for_type("text", "a str", text)
    if isinstance(reference, datetime):
        reference = reference.date()
    elif reference is not None and not isinstance(reference, date):
        raise InputError.for_argument("reference", "a date, a datetime or None", reference)
    readers: dict[tuple[str, str], _Reader] = {}
    # Each text as its parts: (reader, offset) of each, and the NFC offsets when decomposed.
    plans: list[tuple[list[tuple[_Reader, int]], list[int] | None]] = []
    normal = [unicodedata.is_normalized("NFC", text) for text, _ in texts]
    # Several texts: cut into sentences, so that one the set repeats is read once.
    split = _shared_parts(texts, canonical, normal) if len(texts) > 1 else None
    for index, ((text, _), locale) in enumerate(zip(texts, canonical, strict=True)):
        if normal[index]:
            pieces = split[index] if split is not None else [(text, 0)]
            plans.append(
                ([(_reader_of(readers, part, locale, reference), at) for part, at in pieces], None)
            )
        else:
            # Decomposed accents ("re\u0301solu", as some keyboards type them) are read in
            # NFC; spans and texts are given back in the text as written.
            composed, moved = _composed(text)
            plans.append(([(_Reader(composed, locale, reference), 0)], moved))
    everyone = list(readers.values())
    everyone.extend(plan[0][0][0] for plan in plans if plan[1] is not None)
    found = dict(zip(map(id, everyone), _read_all(everyone), strict=True))
    results = []
    for (text, _), (read, offsets) in zip(texts, plans, strict=True):
        if len(read) == 1:
            items = found[id(read[0][0])]
        else:
            items = tuple(
                value if at == 0 else _shifted(value, at)
                for reader, at in read
                for value in found[id(reader)]
            )
        results.append(items if offsets is None else _as_written(text, items, offsets))
    return results


def _shared_parts(
    texts: Sequence[tuple[str, str]], canonical: list[str], normal: list[bool]
) -> list[list[tuple[str, int]]]:
    """Each text's parts, each with its offset: the text cut where what the set repeats changes.

    The texts are split at every `sentence_starts`; a text is cut only at
    the ends of a run of sentences that other texts of the set have too
    (`_cuts_around_shared`: "s1 s2 s3 #ref1" and "s1 s2 s3 #ref2" are each
    cut once, before their last sentence), and only where `is_cut` says no
    reader crosses. Leaving a sound cut out never changes what is read.
    """
    whole = [[(text, 0)] for text, _ in texts]
    # A first look, in C: a set that repeats no sentence ending with ". " is not cut.
    sentences = collections.Counter(
        itertools.chain.from_iterable(
            text.split(". ") for (text, _), ok in zip(texts, normal, strict=True) if ok
        )
    )
    if len(sentences) == sentences.total():
        return whole
    starts_of = [
        sentence_starts(text) if ok else [] for (text, _), ok in zip(texts, normal, strict=True)
    ]
    pieces_of = [
        [text[begin:end] for begin, end in itertools.pairwise((0, *starts, len(text)))]
        for (text, _), starts in zip(texts, starts_of, strict=True)
    ]
    # How often each sentence comes in the set (in any locale: this only says where a
    # cut may pay; the parts are read in their own locale).
    counts = collections.Counter(itertools.chain.from_iterable(pieces_of))
    if len(counts) == counts.total():  # no sentence repeats: no text is cut
        return whole
    result = []
    for (text, _), locale, starts, pieces in zip(
        texts, canonical, starts_of, pieces_of, strict=True
    ):
        kept = _cuts_around_shared(text, locale, starts, [counts[piece] > 1 for piece in pieces])
        if not kept:
            result.append([(text, 0)])
            continue
        bounds = [0, *kept, len(text)]
        # The parts of a text in NFC are in NFC: each cut is before a capital letter,
        # which no character composes with and which has no combining class.
        result.append([(text[start:end], start) for start, end in itertools.pairwise(bounds)])
    return result


def _cuts_around_shared(
    text: str, locale: str, starts: list[int], shared: list[bool]
) -> list[int]:
    """The cuts at both ends of each run of shared sentences that pays for a reader of its own.

    `shared` says, for the sentence at each of `starts` (and the first one,
    at 0), whether another text of the set has it too. A run of shared
    sentences is read as one part, once for every text that has it; a run
    shorter than `_SHARED_PART` characters costs more as a reader of its own
    than it saves, and stays with the sentences around it.
    """
    bounds = [0, *starts, len(text)]
    kept = []
    first, count = 0, len(shared)
    while first < count:
        if not shared[first]:
            first += 1
            continue
        last = first
        while last < count and shared[last]:
            last += 1
        begin, end = bounds[first], bounds[last]
        if end - begin >= _SHARED_PART:
            if first > 0 and is_cut(text, begin, locale):
                kept.append(begin)
            if last < count and is_cut(text, end, locale):
                kept.append(end)
        first = last
    return kept


#: The shortest run of shared sentences read as a part of its own: a reader costs
#: about as much as reading 30 to 60 more characters.
_SHARED_PART = 64


def _reader_of(
    readers: dict[tuple[str, str], _Reader], text: str, locale: str, reference: date | None
) -> _Reader:
    """The reader of `text` in `locale`: one for each text, however often it is given."""
    key = (text, locale)
    reader = readers.get(key)
    if reader is None:
        reader = readers[key] = _Reader(text, locale, reference)
    return reader


def _shifted(value: ExtractedValue, offset: int) -> ExtractedValue:
    """`value` read in a part of a text, with its span in the whole text."""
    start, end = value.span
    return ExtractedValue(
        value.kind,
        value.value,
        (start + offset, end + offset),
        value.text,
        value.zone,
        value.bound,
    )


def _as_written(
    text: str, items: tuple[ExtractedValue, ...], offsets: list[int]
) -> tuple[ExtractedValue, ...]:
    """Items read in the NFC form of `text`, with their spans and texts in `text`."""
    return tuple(
        attrs.evolve(
            item,
            span=(offsets[item.span[0]], offsets[item.span[1]]),
            text=text[offsets[item.span[0]] : offsets[item.span[1]]],
        )
        for item in items
    )


def _read_all(readers: list[_Reader]) -> list[tuple[ExtractedValue, ...]]:
    """Run each step over every reader, in the order that decides which item a character is."""
    for reader in readers:
        reader.links_and_contacts()
    for reader in readers:
        reader.availability()
        reader.runs_of_digits()
        reader.noon()
    for reader in readers:
        if reader.pieces:
            reader.pair_dates_and_times()
    for reader in readers:
        reader.hashtags()
    _statuses(readers)
    for reader in readers:
        reader.items.sort(key=lambda item: item.span)
    return [tuple(reader.items) for reader in readers]


def _statuses(readers: list[_Reader]) -> None:
    """Status words, looked for in the texts of one language joined into one string.

    Each text sees the same calls, in the same order (by first word, then by
    position), as when it is searched alone; a first word never holds the
    NUL that joins the texts, so no match spans two of them.
    """
    by_language: dict[str, list[_Reader]] = {}
    for reader in readers:
        by_language.setdefault(reader.locale.split("_")[0], []).append(reader)
    for language, group in by_language.items():
        first_words, negation = status_words(language)
        starts = []
        position = 0
        for reader in group:
            starts.append(position)
            position += len(reader.text) + 1
        joined = "\x00".join(reader.folded() for reader in group)
        for first, phrases in first_words.items():
            position = joined.find(first)
            while position != -1:
                index = bisect.bisect_right(starts, position) - 1
                group[index].status_at(position - starts[index], phrases, negation)
                position = joined.find(first, position + 1)


_SEGMENT = lazy_regex(r"\P{M}\p{M}*|\p{M}+", regex.S)


def _composed(text: str) -> tuple[str, list[int]]:
    """`text` in NFC, and for each of its offsets the offset in `text` it comes from."""
    parts: list[str] = []
    offsets: list[int] = []
    for segment in _SEGMENT.finditer(text):
        composed = unicodedata.normalize("NFC", segment[0])
        parts.append(composed)
        offsets.extend([segment.start()] * len(composed))
    offsets.append(len(text))
    return "".join(parts), offsets
