"""Time zones as messages write them: abbreviations, offsets, CLDR names, "heure de Paris".

A zone read from a text is normalised to a short string that `zone_tzinfo`
turns back into a ``tzinfo``:

- ``"UTC"`` for UTC, GMT, Z, TU and their long names;
- a fixed offset ``"+01:00"`` when the text names one (``CET``, ``CEST``,
  ``BST``, ``+0100``, ``UTC+1``, "Central European Standard Time"): these
  say which offset is meant, whatever the date;
- an IANA name (``"Europe/Paris"``, ``"America/New_York"``) when the text
  names a place or a zone with daylight saving time (``ET``, ``PT``,
  "heure de Paris", "Central European Time"): the offset then depends on
  the date.

Names come from babel's CLDR data for the locale (every metazone and zone
name that `babel.dates.format_time` writes with ``z`` and ``zzzz``) plus the
abbreviations and phrases people type. Nothing here knows about plans.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import regex
from babel import Locale
from babel.core import get_global

from crisiscomms.text._patterns import lazy_regex

__all__ = [
    "dotted_words",
    "offset_zone",
    "zone_pattern",
    "zone_starts",
    "zone_tzinfo",
    "zone_value",
]

#: Abbreviations people type, case-sensitive (``ET`` is not the French "et").
_ABBREVIATIONS: dict[str, str] = {
    "UTC": "UTC",
    "GMT": "UTC",
    "TU": "UTC",
    "Z": "UTC",
    "WET": "+00:00",
    "WEST": "+01:00",
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "MEZ": "+01:00",
    "MESZ": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "ET": "America/New_York",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CT": "America/Chicago",
    "CST": "-06:00",
    "CDT": "-05:00",
    "MT": "America/Denver",
    "MST": "-07:00",
    "MDT": "-06:00",
    "PT": "America/Los_Angeles",
    "PST": "-08:00",
    "PDT": "-07:00",
}

#: Places people name in "heure de Paris", "Paris time", "Berliner Zeit", "hora de Madrid".
_CITIES: dict[str, str] = {
    "paris": "Europe/Paris",
    "france": "Europe/Paris",
    "londres": "Europe/London",
    "london": "Europe/London",
    "londra": "Europe/London",
    "berlin": "Europe/Berlin",
    "madrid": "Europe/Madrid",
    "españa": "Europe/Madrid",
    "espagne": "Europe/Madrid",
    "bruxelles": "Europe/Brussels",
    "brussels": "Europe/Brussels",
    "vienne": "Europe/Vienna",
    "vienna": "Europe/Vienna",
    "wien": "Europe/Vienna",
    "zurich": "Europe/Zurich",
    "zürich": "Europe/Zurich",
    "genève": "Europe/Zurich",
    "geneva": "Europe/Zurich",
    "new york": "America/New_York",
    "nueva york": "America/New_York",
    "montréal": "America/Toronto",
    "montreal": "America/Toronto",
    "toronto": "America/Toronto",
    "mexico": "America/Mexico_City",
    "méxico": "America/Mexico_City",
    "ciudad de méxico": "America/Mexico_City",
    # Regions that keep another clock than their country's capital.
    "canarias": "Atlantic/Canary",
    "las palmas": "Atlantic/Canary",
    "tenerife": "Atlantic/Canary",
    "lisboa": "Europe/Lisbon",
    "lisbonne": "Europe/Lisbon",
    "lisbon": "Europe/Lisbon",
    "azores": "Atlantic/Azores",
    "açores": "Atlantic/Azores",
    "madeira": "Atlantic/Madeira",
    "madère": "Atlantic/Madeira",
    "la réunion": "Indian/Reunion",
    "réunion": "Indian/Reunion",
    "martinique": "America/Martinique",
    "guadeloupe": "America/Guadeloupe",
    "guyane": "America/Cayenne",
    "mayotte": "Indian/Mayotte",
    "nouméa": "Pacific/Noumea",
    "tahiti": "Pacific/Tahiti",
    "hawaii": "Pacific/Honolulu",
    "honolulu": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
    "phoenix": "America/Phoenix",
    "chicago": "America/Chicago",
    "denver": "America/Denver",
    "los angeles": "America/Los_Angeles",
}

#: Adjectives and set phrases, lower case.
_PHRASES: dict[str, str] = {
    "heure française": "Europe/Paris",
    "heure de france": "Europe/Paris",
    "heure de la france": "Europe/Paris",
    "french time": "Europe/Paris",
    "uk time": "Europe/London",
    "british time": "Europe/London",
    "deutscher zeit": "Europe/Berlin",
    "deutsche zeit": "Europe/Berlin",
    "hora peninsular": "Europe/Madrid",
    "hora de españa": "Europe/Madrid",
    "hora española": "Europe/Madrid",
    "hora canaria": "Atlantic/Canary",
    "hora insular canaria": "Atlantic/Canary",
    "en canarias": "Atlantic/Canary",
    "heure des antilles": "America/Martinique",
    "heure de la réunion": "Indian/Reunion",
    "heure de métropole": "Europe/Paris",
    "heure métropolitaine": "Europe/Paris",
    "heure de paris": "Europe/Paris",
}

#: Zones preferred as the representative of a CLDR metazone (the rest: first by name).
_PREFERRED = (
    "Europe/Paris",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Mexico_City",
    "Asia/Tokyo",
    "Australia/Sydney",
)

_OFFSET = (
    r"(?:(?:UTC|GMT|TU)\s?(?P<sign>[+\-−])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?"
    r"|(?P<sign2>[+\-−])(?P<oh2>\d{2}):?(?P<om2>\d{2}))"
)


def _offset_text(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


@functools.cache
def _representatives() -> dict[str, str]:
    """Metazone to one IANA zone that belongs to it."""
    by_metazone: dict[str, list[str]] = {}
    for zone, metazone in get_global("meta_zones").items():
        by_metazone.setdefault(metazone, []).append(zone)
    result = {}
    for metazone, zones in by_metazone.items():
        preferred = [z for z in _PREFERRED if z in zones]
        result[metazone] = preferred[0] if preferred else sorted(zones)[0]
    return result


def _fixed(zone: str, *, daylight: bool) -> str | None:
    """The standard or daylight offset of an IANA zone in 2026, as ``+01:00``."""
    try:
        info = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - tzdata is complete
        return None
    for month in (1, 7):
        moment = datetime(2026, month, 15, 12, tzinfo=info)
        dst = moment.dst() or timedelta(0)
        offset = moment.utcoffset() or timedelta(0)
        if bool(dst) == daylight:
            return _offset_text(int(offset.total_seconds()))
    return None


def _add_names(names: dict[str, str], data: Mapping[str, Any], zone: str) -> None:
    for width in ("long", "short"):
        kinds = data.get(width)
        if not kinds:
            continue
        for kind, name in kinds.items():
            if kind == "generic":
                value: str | None = zone
            else:
                value = _fixed(zone, daylight=kind == "daylight")
            if value == "+00:00" and zone in {"Etc/UTC", "UTC"}:
                value = "UTC"
            if value is not None and isinstance(name, str) and name:
                names.setdefault(name.casefold(), value)


@functools.cache
def _locale_names(locale: str) -> dict[str, str]:
    """Every zone name the CLDR data of `locale` writes, case-folded, to its value."""
    data = Locale.parse(locale)
    names: dict[str, str] = {}
    for zone, info in data.time_zones.items():
        _add_names(names, info, "UTC" if zone == "Etc/UTC" else zone)
    representatives = _representatives()
    for metazone, info in data.meta_zones.items():
        zone = representatives.get(metazone)
        if zone is not None:
            _add_names(names, info, zone)
    # Abbreviations are matched case-sensitively on their own.
    for abbreviation in _ABBREVIATIONS:
        names.pop(abbreviation.casefold(), None)
    return names


def _alternation(words: object) -> str:
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(regex.escape(w).replace(r"\ ", r"\s") for w in items)


@functools.cache
def zone_pattern(locale: str) -> regex.Pattern[str]:
    """The compiled pattern of a zone written after a time, for `locale`.

    It matches at the position given to ``.match`` (a time's end), skipping
    blanks and an opening parenthesis.
    """
    names = _locale_names(locale)
    phrases = {**_PHRASES, **{f"heure de {c}": z for c, z in _CITIES.items()}}
    phrases |= {f"heure d’{c}": z for c, z in _CITIES.items() if c[0] in "aeiou"}
    phrases |= {f"heure d'{c}": z for c, z in _CITIES.items() if c[0] in "aeiou"}
    phrases |= {f"{c} time": z for c, z in _CITIES.items()}
    phrases |= {f"hora de {c}": z for c, z in _CITIES.items()}
    phrases |= {f"{c}er zeit": z for c, z in _CITIES.items()}
    phrases |= {f"{c} zeit": z for c, z in _CITIES.items()}
    long_names = {**names, **phrases}
    source = (
        r"[\s\u00a0\u202f]*(?P<open>\()?(?:"
        + _OFFSET
        + r"|(?P<abbr>"
        + _alternation(_ABBREVIATIONS)
        + r")|(?i:(?P<name>"
        + _alternation(long_names)
        + r")))(?!\w)(?(open)\))"
    )
    return regex.compile(source)


@functools.cache
def zone_starts(locale: str) -> frozenset[str]:
    """The characters other than letters and digits that may start a zone, after blanks.

    A time followed by anything else (``12:00.``, ``07:55,``) has no zone, and
    the large `zone_pattern` need not run. ``U+0345`` is among them, since it
    matches a Greek iota when case is ignored.
    """
    names = {**_locale_names(locale), **_PHRASES}
    return frozenset(
        {"(", "+", "-", "\u2212", "\u0345"} | {n[0] for n in names if not n[0].isalnum()}
    )


@functools.cache
def dotted_words(locale: str) -> frozenset[str]:
    """The words with a dot that a zone name of `locale` goes on after ("st" of "St. Pierre").

    Case-folded, without their dot: a sentence seems to end after them, yet
    the zone name goes on.

    >>> sorted(dotted_words("en_US")), sorted(dotted_words("fr_FR"))
    (['st'], [])
    """
    names = {**_locale_names(locale), **_PHRASES}
    return frozenset(
        word.rstrip(".") for name in names for word in name.split()[:-1] if "." in word
    )


#: Offsets in use run from UTC-12:00 to UTC+14:00; anything beyond is no zone.
_MAX_OFFSET = 14 * 3600


def offset_zone(sign: str, hours: int, minutes: int) -> str | None:
    """The normalised zone of an offset (``UTC`` for zero), None when no zone has it.

    >>> offset_zone("+", 1, 0), offset_zone("-", 0, 0), offset_zone("+", 30, 0)
    ('+01:00', 'UTC', None)
    """
    seconds = hours * 3600 + minutes * 60
    if minutes >= 60 or seconds > _MAX_OFFSET:
        return None
    if seconds == 0:
        return "UTC"
    return _offset_text(-seconds if sign in "-−" else seconds)


def zone_value(match: regex.Match[str], locale: str) -> str | None:
    """The normalised zone of a `zone_pattern` match; None for an impossible offset."""
    if match.group("abbr"):
        return _ABBREVIATIONS[match.group("abbr")]
    name = match.group("name")
    if name:
        key = " ".join(name.casefold().split())
        table = _locale_names(locale)
        if key in table:
            return table[key]
        return _phrase_value(key)
    sign = match.group("sign") or match.group("sign2")
    hours = int(match.group("oh") or match.group("oh2"))
    minutes = int(match.group("om") or match.group("om2") or 0)
    return offset_zone(sign, hours, minutes)


_PHRASE_FRAME = lazy_regex(r"^(?:heure d[e’'] ?|hora de )|(?:er)? (?:time|zeit)$")


def _phrase_value(key: str) -> str:
    if key in _PHRASES:
        return _PHRASES[key]
    key = _PHRASE_FRAME.sub("", key)
    return _CITIES[key]


@functools.cache
def zone_tzinfo(zone: str) -> tzinfo:
    """The ``tzinfo`` of a normalised zone (``"UTC"``, ``"+01:00"`` or an IANA name).

    >>> zone_tzinfo("+01:00")
    datetime.timezone(datetime.timedelta(seconds=3600))
    >>> zone_tzinfo("Europe/Paris")
    zoneinfo.ZoneInfo(key='Europe/Paris')
    """
    if zone == "UTC":
        return UTC
    if zone[:1] in "+-" and len(zone) == 6:
        sign = -1 if zone[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return ZoneInfo(zone)
