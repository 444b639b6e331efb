"""Formatting parsed messages with babel: a locale's numbers, dates, times and plurals.

Every formatting decision comes from CLDR through babel: the locale's number
symbols and patterns, its four date and time lengths, its plural and ordinal
rules. What babel would redo on every call (parse the locale identifier, look
up and parse the patterns) is done once per locale and kept in a
`Conventions` value, so rendering a template many times costs little more
than the string assembly.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from typing import Final, TypeAlias, TypeGuard, cast, final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
from babel import Locale, UnknownLocaleError, localedata
from babel.numbers import NumberPattern
from babel.plural import PluralRule

from crisiscomms._errors import (
    FactTypeError,
    InputError,
    MissingFactError,
    NaiveDatetimeError,
    UnsupportedLocaleError,
)
from crisiscomms.text._instants import in_zone
from crisiscomms.text._messageformat import (
    DATE_TIME_STYLES,
    Argument,
    Message,
    ParsedMessage,
    Plural,
    PluralNumber,
    Select,
    Text,
)
from crisiscomms.text._patterns import lazy_re
from crisiscomms.text._writers import DateWriters, NumberWriter, number_writer

__all__ = ["Conventions", "Fact", "conventions_for", "format_message", "resolve_timezone"]

#: The values a fact may hold (DESIGN.md, `Situation.facts`).
Fact: TypeAlias = int | Decimal | float | str | datetime | date | time

# language[_Script][_TERRITORY], with '_' or '-': what a plan writes (fr_FR, en-GB).
_LOCALE_SHAPE: Final = lazy_re(
    r"[A-Za-z]{2,3}(?:[_-][A-Za-z]{4})?(?:[_-](?:[A-Za-z]{2}|[0-9]{3}))?"
)
# Pseudo-locales that babel resolves by guessing (und -> en_US); refused.
_PSEUDO_LOCALES: Final = frozenset({"und", "root"})
# Numbers a message can state: babel formats them exactly below this magnitude.
_LARGEST: Final = 10**18
# Date-time pattern fields that show a time zone.
_ZONE_FIELD: Final = lazy_re(r"%\([zZvVOXx]+\)")


@final
@attrs.frozen(eq=False)
class Conventions:
    r"""One locale's number patterns, date and time patterns and plural rules, resolved once.

    >>> fr = conventions_for("fr_FR")
    >>> fr.number(12345.678, "")
    '12\u202f345,678'
    >>> fr.plural(0), conventions_for("en_GB").plural(0)
    ('one', 'other')
    """

    identifier: str
    locale: Locale
    # The number patterns with their symbols looked up (babel's apply, without the look-ups).
    _numbers: Mapping[str, NumberWriter]
    # The date and time patterns with their fields resolved (babel's apply, looked up once).
    _dates: DateWriters
    _times: DateWriters
    _datetimes: Mapping[str, str]
    _zoned_times: frozenset[str]
    # The locale's plural and ordinal rules, looked up in its data once
    # (`Locale.plural_form` is a look-up in the locale data on each access).
    _plural: PluralRule
    _ordinal: PluralRule

    def number(self, value: int | float | Decimal, style: str) -> str:
        """Format `value` with the locale's pattern for `style` ("", "integer", "percent")."""
        return self._numbers[style].write(value)

    def date(self, value: date, style: str, zone: tzinfo | None) -> str:
        """Format the day of `value`, in `zone` first if it is an aware datetime."""
        if isinstance(value, datetime):
            value = (value.astimezone(zone) if zone is not None else value).date()
        return self._dates[style].write(value)

    def time(self, value: datetime | time, style: str, zone: tzinfo | None) -> str:
        """Format the time of day of `value`, in `zone` first if it is an aware datetime."""
        if isinstance(value, datetime) and zone is not None:
            value = value.astimezone(zone)
        return self._times[style].write(value)

    def datetime(self, value: datetime, style: str, zone: tzinfo | None) -> str:
        """Format date and time of `value` joined as the locale joins them (babel's way)."""
        if zone is not None:
            value = value.astimezone(zone)
        return (
            self._datetimes[style]
            .replace("{0}", self._times[style].write(value))
            .replace("{1}", self._dates[style].write(value.date()))
        )

    def shows_zone(self, style: str) -> bool:
        """Whether the locale's time format of this length shows the time zone."""
        return style in self._zoned_times

    def plural(self, value: int | float | Decimal) -> str:
        """The CLDR plural category of `value` (cardinal: "1 client", "2 clients")."""
        return str(self._plural(value))

    def ordinal(self, value: int | float | Decimal) -> str:
        """The CLDR ordinal category of `value` ("1st", "2nd", "3rd", "4th")."""
        return str(self._ordinal(value))


def conventions_for(locale: str, /) -> Conventions:
    """The conventions of `locale` (``fr_FR``, ``en-GB``, ``pl``), cached per identifier.

    Raises:
        UnsupportedLocaleError: `locale` is not a locale babel has CLDR data for.
        InputError: `locale` is not a string.
    """
    if not isinstance(locale, str):
        raise InputError.for_type("locale", "a locale identifier such as 'fr_FR'", locale)
    return _conventions(locale)


@functools.lru_cache(maxsize=256)
def _conventions(identifier: str) -> Conventions:
    if _LOCALE_SHAPE.fullmatch(identifier) is None or identifier.lower() in _PSEUDO_LOCALES:
        raise _unsupported(identifier)
    try:
        locale = Locale.parse(identifier.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as error:
        raise _unsupported(identifier) from error
    decimal = locale.decimal_formats[None]
    integer = NumberPattern(
        decimal.pattern,
        decimal.prefix,
        decimal.suffix,
        decimal.grouping,
        decimal.int_prec,
        (0, 0),
        decimal.exp_prec,
        decimal.exp_plus,
        decimal.number_pattern,
    )
    times = {style: locale.time_formats[style] for style in DATE_TIME_STYLES}
    return Conventions(
        identifier,
        locale,
        {
            "": number_writer(decimal, locale),
            "integer": number_writer(integer, locale),
            "percent": number_writer(locale.percent_formats[None], locale),
        },
        DateWriters(locale.date_formats, locale),
        DateWriters(locale.time_formats, locale),
        # babel drops the quotes of the joining pattern ("{1} 'à' {0}") the same way.
        {
            style: str(locale.datetime_formats[style]).replace("'", "")
            for style in DATE_TIME_STYLES
        },
        frozenset(s for s, p in times.items() if _ZONE_FIELD.search(p.format)),
        locale.plural_form,
        locale.ordinal_form,
    )


def _unsupported(identifier: str) -> UnsupportedLocaleError:
    languages = {name for name in localedata.locale_identifiers() if "_" not in name}
    return UnsupportedLocaleError.for_locale(identifier, languages - _PSEUDO_LOCALES)


def resolve_timezone(
    value: str | tzinfo | None, /, *, argument: str = "timezone"
) -> tzinfo | None:
    """The zone named by `value`: an IANA name, a tzinfo (kept as is), or None.

    Raises:
        InputError: `value` names no IANA time zone, or is of another type.

    >>> resolve_timezone("Europe/Paris")
    zoneinfo.ZoneInfo(key='Europe/Paris')
    """
    if value is None or isinstance(value, tzinfo):
        return value
    if isinstance(value, str):
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise InputError.for_argument(
        argument,
        "an IANA time zone name such as 'Europe/Paris', or a ZoneInfo",
        value,
        hint="the names are those of the tz database (zoneinfo.available_timezones())",
    )


def format_message(
    message: ParsedMessage,
    facts: Mapping[str, object],
    *,
    conventions: Conventions,
    zone: tzinfo | None,
    escape: Callable[[str], str],
    template: str = "",
) -> str:
    """Fill `message` with `facts`, every inserted value passed through `escape`.

    Every argument the message names is required, whichever branch is
    taken, and each fact is checked against every format it is used with
    before anything is formatted.

    Raises:
        MissingFactError: Facts are missing; all of them are named.
        FactTypeError: A fact of the wrong type for a format it is used with.
        NaiveDatetimeError: A datetime fact without a time zone.
        InputError: A number that is not finite or not below 10**18, or a
            time of day where the locale's format shows the zone.
    """
    # The private tuple, not the public read-only view, which copies on each call.
    arguments = message._arguments
    missing = [name for name, _ in arguments if name not in facts]
    if missing:
        raise MissingFactError.for_names(missing, template=template)
    for name, formats in arguments:
        value = facts[name]
        for fmt in sorted(formats):
            _check(name, fmt, value, conventions)
        if zone is not None and isinstance(value, datetime):
            _check_in_range(name, value, zone)
    out: list[str] = []
    _Filler(facts, conventions, zone, escape).fill(message.parts, out, None)
    return "".join(out)


def _check(name: str, fmt: str, value: object, conventions: Conventions) -> None:
    kind, style = _KIND_AND_STYLE.get(fmt) or _split_format(fmt)
    cls = type(value)
    # An exact int or str is neither a datetime nor a time: two checks fewer.
    plain = cls is int or cls is str
    if not plain and isinstance(value, datetime) and value.utcoffset() is None:
        raise NaiveDatetimeError.for_value(f"fact {name!r}", value)
    ok = _FITS.get((kind, cls))
    if ok is None:
        ok = _fits(kind, value)
        if len(_FITS) < _FITS_MAX:
            _FITS[kind, cls] = ok
    if not ok:
        raise FactTypeError.for_fact(name, kind, value)
    if cls is int:
        stateable = -_LARGEST < value < _LARGEST  # type: ignore[operator]
    else:
        stateable = not _is_number(value) or _is_stateable(value)
    if not stateable:
        raise InputError.for_argument(
            f"fact {name!r}",
            "a finite number smaller than 10**18 in magnitude",
            value,
            hint="state the number itself",
        )
    if not plain and isinstance(value, time) and conventions.shows_zone(style):
        raise InputError.for_argument(
            f"fact {name!r}",
            f"an aware datetime, since the {style} time format of "
            f"{conventions.identifier} shows the time zone",
            value,
            hint="a time of day alone has no zone; pass the full instant",
        )


# No zone is a day or more from UTC: a wall clock inside these is inside the range anywhere.
_SAFE_FROM: Final = datetime(1, 1, 3)
_SAFE_UNTIL: Final = datetime(9999, 12, 29)


def _check_in_range(name: str, value: datetime, zone: tzinfo) -> None:
    """A datetime fact that cannot be shown in the reader's zone (beyond year 9999 there)."""
    # A year strictly between 1 and 9999 is inside the safe range: no wall clock is built.
    if 1 < value.year < 9999 or _SAFE_FROM <= value.replace(tzinfo=None) <= _SAFE_UNTIL:
        return
    if in_zone(value, zone) is not None:
        return
    raise InputError.for_value(
        f"fact {name!r}",
        f"an instant that lies between the years 1 and 9999 in the reader's zone ({zone})",
        value,
        hint="at the ends of the datetime range the zone cannot be applied: check the fact",
    )


#: Each format's kind and the style whose time format a bare time is checked against.
_KIND_AND_STYLE: dict[str, tuple[str, str]] = {}
#: Whether a fact of a type fits a kind: it depends on the type alone, so it is
#: remembered (bounded: a caller could pass facts of ever new types).
_FITS: dict[tuple[str, type], bool] = {}
_FITS_MAX: Final = 1024


def _split_format(fmt: str) -> tuple[str, str]:
    kind, _, style = fmt.partition(",")
    if kind == "string":
        style = "short"  # what a bare {name} shows of a time of day
    if len(_KIND_AND_STYLE) < _FITS_MAX:
        _KIND_AND_STYLE[fmt] = (kind, style)
    return kind, style


def _fits(kind: str, value: object) -> bool:
    if kind == "string":
        return isinstance(value, str | date | time) or _is_number(value)
    if kind in {"number", "plural"}:
        return _is_number(value)
    if kind == "selectordinal":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "select":
        return isinstance(value, str)
    if kind == "date":
        return isinstance(value, date)
    return isinstance(value, datetime | time)  # time


def _is_stateable(value: int | float | Decimal) -> bool:
    # Beyond 10**18, babel's decimal arithmetic (28 digits) and str(int) limits
    # fail; no fact of a crisis message is that large.
    if isinstance(value, float):
        return math.isfinite(value) and abs(value) < _LARGEST
    if isinstance(value, Decimal):
        return value.is_finite() and abs(value) < _LARGEST
    return abs(value) < _LARGEST


def _is_number(value: object) -> TypeGuard[int | float | Decimal]:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


@final
@attrs.frozen
class _Filler:
    """The facts and conventions of one rendering, walking the parts into `out`."""

    facts: Mapping[str, object]
    conventions: Conventions
    zone: tzinfo | None
    escape: Callable[[str], str]

    def fill(self, parts: Message, out: list[str], number: object) -> None:
        conventions, zone, escape, facts = self.conventions, self.zone, self.escape, self.facts
        for part in parts:
            # The part classes are final: comparing types is exact, and quicker.
            kind = type(part)
            if kind is Text:
                out.append(cast("Text", part).value)
            elif kind is Argument:
                argument = cast("Argument", part)
                value = facts[argument.name]
                if argument.kind == "string" and isinstance(value, str):
                    out.append(escape(value))
                else:
                    formatted = _formatted(conventions, argument.kind, argument.style, zone, value)
                    out.append(escape(formatted))
            elif kind is PluralNumber:
                out.append(escape(_formatted(conventions, "number", "", None, number)))
            elif isinstance(part, Plural):
                value = facts[part.name]
                self.fill(self.plural_branch(part, value), out, value)
            else:
                select = cast("Select", part)
                self.fill(_branch(select.branches, facts[select.name]), out, number)

    def plural_branch(self, part: Plural, value: object) -> Message:
        # The facts were checked: a plural's value is an int, float or Decimal.
        if part.exact:
            # A Decimal equals an int exactly: only other numbers need converting.
            exact: object = value
            if isinstance(value, float):
                exact = Decimal(repr(value))
            elif type(value) is not int:
                exact = Decimal(value)  # type: ignore[arg-type]
            for key, branch in part.exact:
                if key == exact:
                    return branch
        form = "ordinal" if part.ordinal else "plural"
        category = _formatted(self.conventions, form, "", None, value)
        return _branch(part.categories, category)


def _branch(branches: tuple[tuple[str, Message], ...], key: object) -> Message:
    """The branch named `key`, else the "other" branch (which the parser made sure exists)."""
    other: Message = ()
    for name, branch in branches:
        if name == key:
            return branch
        if name == "other":
            other = branch
    return other


def _formatted(
    conventions: Conventions, kind: str, style: str, zone: tzinfo | None, value: object
) -> str:
    """`value` formatted as `kind` and `style`, remembered across renders.

    Crisis messages repeat the same facts in many templates, languages and
    channels, so each formatted fact is kept (in a bounded cache). Values that
    are equal in Python but format differently are told apart: 1, 1.0 and
    Decimal("1.00") (CLDR counts visible decimals), and the same instant in
    two zones (different wall clocks).
    """
    cls = type(value)
    if cls is int:
        spelling: object = None
    elif isinstance(value, datetime | time):
        spelling = (value.tzinfo, value.tzname())
    elif isinstance(value, float | Decimal):
        spelling = repr(value)
    else:
        spelling = None
    identity: tuple[object, object] = (cls, spelling)
    return _format(conventions, (kind, style, zone), identity, value)


@functools.lru_cache(maxsize=8192)
def _format(
    conventions: Conventions,
    spec: tuple[str, str, tzinfo | None],
    identity: tuple[object, object],
    value: object,
) -> str:
    del identity  # only part of the cache key
    kind, style, zone = spec
    if kind == "number":
        return conventions.number(value, style)  # type: ignore[arg-type]
    if kind == "date":
        return conventions.date(value, style, zone)  # type: ignore[arg-type]
    if kind == "time":
        return conventions.time(value, style, zone)  # type: ignore[arg-type]
    if kind == "plural":
        return conventions.plural(value)  # type: ignore[arg-type]
    if kind == "ordinal":
        return conventions.ordinal(value)  # type: ignore[arg-type]
    # A bare {name} that is not text: as ICU formats it, in the short form.
    if isinstance(value, datetime):
        return conventions.datetime(value, "short", zone)
    if isinstance(value, date):
        return conventions.date(value, "short", zone)
    if isinstance(value, time):
        return conventions.time(value, "short", zone)
    return conventions.number(value, "")  # type: ignore[arg-type]
