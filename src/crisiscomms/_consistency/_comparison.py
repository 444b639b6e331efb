"""Comparison of values: whether a statement states a fact, or another statement.

A value is compared in a canonical form: a time with its zone becomes an
instant, compared across zones as instants (``==`` across zones is False at
an ambiguous hour). A time without a date is placed on the date of the fact
it is compared with, in the zone it is read in; else on the earliest date of
the facts; else on the first full date the message, then the set, states. A
time without any date stays a clock time with its zone. Phone numbers agree
written nationally and internationally; links agree in their normalised form.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from crisiscomms._consistency._inputs import Spec
from crisiscomms._consistency._reading import Read, stated_date
from crisiscomms._consistency._report import show_value
from crisiscomms.model._base import FactKind
from crisiscomms.model._facts import FactValue
from crisiscomms.text._approximations import rounding_unit
from crisiscomms.text._extraction import ExtractedValue, ValueKind, normalize_phone, normalize_url
from crisiscomms.text._instants import in_zone, same_instant
from crisiscomms.text._zones import zone_tzinfo

__all__ = ["Comparison", "fact_url", "same_phone"]


def _same_instant(a: datetime, b: datetime) -> bool:
    """Aware datetimes as instants: ``==`` in one zone compares wall clocks (a fold)."""
    return same_instant(a, b)  # on the UTC time line, without overflow near year 1 or 9999


def same_phone(a: str, b: str) -> bool:
    """True for one number, written alike or once with its country code (``+33 9`` / ``09``)."""
    if a == b:
        return True
    international, national = (a, b) if a.startswith("+") else (b, a)
    return (
        international.startswith("+")
        and national.startswith("0")
        and not national.startswith("00")
        and international.endswith(national[1:])
        and len(international) - len(national) in {1, 2, 3}
    )


def states_number(written: Decimal, bound: str | None, figure: Decimal) -> bool:
    """Whether a number as written, with its bound, states `figure`.

    A bound that holds agrees ("more than 12,000" for 12,345); an
    approximation agrees within half its rounding unit ("about 12,000" for
    11,500 to 12,500). A number with decimals agrees with the figure rounded
    to as many decimals, half up or half even, as babel rounds ("62 %" for
    0.625); a whole number must be the figure.
    """
    if bound == "over":
        return figure >= written
    if bound == "under":
        return figure <= written
    if bound == "about":
        return abs(figure - written) * 2 <= rounding_unit(written)
    if written == figure:
        return True
    exponent = written.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0 or not figure.is_finite():
        return False
    unit = Decimal((0, (1,), exponent))
    try:
        return written in {
            figure.quantize(unit, rounding=ROUND_HALF_UP),
            figure.quantize(unit, rounding=ROUND_HALF_EVEN),
        }
    except InvalidOperation:  # more digits than the context holds: no rounding of it
        return False


@functools.lru_cache(maxsize=256)
def fact_url(held: str) -> str:
    """A link of the facts in the form extracted links take."""
    return normalize_url(held.strip())


@functools.lru_cache(maxsize=256)
def _fact_phone(held: str) -> str | None:
    return normalize_phone(held)


class Comparison:
    """The comparisons of one run: the facts, and the dates times without one take."""

    def __init__(
        self, facts: dict[str, FactValue], reference: date | None, first_date: date | None
    ) -> None:
        self.facts = facts
        self.reference = reference
        # `same` of equal statements: a set repeats its figures on every channel.
        self._same: dict[tuple[object, ...], bool | None] = {}
        self.first_date = first_date

    def _zone_of(self, read: Read, value: ExtractedValue, held: object) -> tzinfo | None:
        if value.zone is not None:
            return zone_tzinfo(value.zone)
        if read.zone is not None:
            return zone_tzinfo(read.zone)
        if isinstance(held, datetime):
            return held.tzinfo
        return None

    def _day(self, read: Read, zone: tzinfo | None, held: object) -> date | None:
        if isinstance(held, datetime):
            local = in_zone(held, zone)  # None beyond year 9999 or before year 1 there
            return None if local is None else local.date()
        return self.reference or stated_date(read) or self.first_date

    def canonical(self, read: Read, value: ExtractedValue, held: object = None) -> object:
        """A value that compares equal for equal statements (instants for times)."""
        content = value.value
        if value.kind is ValueKind.DATETIME:
            assert isinstance(content, datetime)
            if content.tzinfo is None:
                zone = self._zone_of(read, value, held)
                return content if zone is None else content.replace(tzinfo=zone)
            return content
        if value.kind is ValueKind.TIME:
            assert isinstance(content, time)
            zone = self._zone_of(read, value, held)
            day = self._day(read, zone, held)
            if day is None:
                if zone is None or not isinstance(zone, ZoneInfo):
                    offset = zone.utcoffset(None) if zone is not None else None
                    return ("clock", content, offset)
                return ("clock", content, zone)
            moment = datetime.combine(day, content)
            return moment if zone is None else moment.replace(tzinfo=zone)
        return content

    def agrees(self, read: Read, value: ExtractedValue, spec: Spec) -> bool:
        """True when the facts hold `spec`'s fact and `value` may state it."""
        held = self.facts.get(spec.name)
        if held is None:
            return False
        return self.same(spec.kind, read, value, held) is not False

    def same(self, kind: FactKind, read: Read, value: ExtractedValue, held: object) -> bool | None:
        """Whether `value` states `held`; None when they cannot be compared.

        The answer depends on the value as read, its zone and bound, the zone
        of its readers and the fact only (a time is compared with a date-time
        fact on that fact's day), so it is worked out once per run for each
        such statement and remembered.
        """
        # The text as written and the language keep apart what compares equal but
        # was written at another precision ("12 000" and "12 000,0"); the fact is
        # the very object of the facts (kept alive by the key, so its id is not reused).
        key = (
            kind,
            value.kind,
            value.text,
            value.value,
            value.bound,
            value.zone,
            read.zone,
            read.language,
            id(held),
            held,
        )
        try:
            return self._same[key]
        except KeyError:
            found = self._same[key] = self._compare(kind, read, value, held)
            return found

    def _compare(
        self, kind: FactKind, read: Read, value: ExtractedValue, held: object
    ) -> bool | None:
        content = value.value
        if kind is FactKind.NUMBER:
            if not isinstance(held, int | float | Decimal):
                return None
            number = Decimal(str(held)) if isinstance(held, float) else Decimal(held)
            if value.kind is ValueKind.RANGE:
                assert isinstance(content, tuple)
                return content[0] <= number <= content[1]
            assert isinstance(content, Decimal)
            return states_number(content, value.bound, number)
        if kind is FactKind.URL:
            return isinstance(held, str) and content == fact_url(held)
        if kind is FactKind.EMAIL:
            return isinstance(held, str) and content == held.strip().lower()
        if kind is FactKind.PHONE:
            phone = _fact_phone(held) if isinstance(held, str) else None
            return phone is not None and same_phone(str(content), phone)
        return self._same_time(read, value, held)

    def _same_time(self, read: Read, value: ExtractedValue, held: object) -> bool | None:
        content = value.value
        if isinstance(held, datetime):
            if value.kind is ValueKind.DATE:
                assert isinstance(content, date)  # the facts give a reference year
                local = in_zone(held, self._zone_of(read, value, held))
                return None if local is None else local.date() == content
            # A datetime fact gives the day and the zone: the statement is an instant.
            stated = self.canonical(read, value, held)
            if not isinstance(stated, datetime):
                return None  # the fact's day does not exist in the statement's zone
            return _same_instant(stated, held)
        if isinstance(held, date):
            if isinstance(content, datetime):
                return content.date() == held
            return content == held if isinstance(content, date) else None
        if isinstance(held, time):
            # A time fact is stated by a time or a date-time (never by a date alone).
            clock = content.time() if isinstance(content, datetime) else content
            return clock == held.replace(tzinfo=None)
        return None

    def same_statements(
        self,
        kind: FactKind | None,
        a: tuple[Read, ExtractedValue],
        b: tuple[Read, ExtractedValue],
    ) -> bool | None:
        """Whether two statements say the same; None when they cannot be compared."""
        (read_a, value_a), (read_b, value_b) = a, b
        if kind is FactKind.PHONE or value_a.kind is ValueKind.PHONE:
            return same_phone(str(value_a.value), str(value_b.value))
        if value_a.kind.is_temporal and value_b.kind.is_temporal:
            x, y = self.canonical(read_a, value_a), self.canonical(read_b, value_b)
            if isinstance(x, datetime) and isinstance(y, datetime):
                if (x.tzinfo is None) != (y.tzinfo is None):
                    return None  # a wall-clock time and an instant: no zone to compare in
                return x == y if x.tzinfo is None else _same_instant(x, y)
            if type(x) is not type(y):
                return None
            if isinstance(x, tuple) and isinstance(y, tuple) and x[2] != y[2]:
                both_fixed = isinstance(x[2], timedelta) and isinstance(y[2], timedelta)
                if not both_fixed:
                    return None
                shift = y[2] - x[2]
                moved = datetime.combine(date(2000, 1, 3), x[1]) + shift
                return bool(moved.time() == y[1])
            return bool(x == y)
        if value_a.kind != value_b.kind or value_a.bound or value_b.bound:
            return None  # "more than 12,000" and "12,345" do not contradict each other
        return value_a.value == value_b.value

    def read_as(self, read: Read, value: ExtractedValue, held: object = None) -> str:
        """How a time was understood, when that is not obvious from its text."""
        if not value.kind.is_temporal:
            return ""
        stated = self.canonical(read, value, held)
        if isinstance(stated, datetime) and stated.tzinfo is not None:
            return f" (read as {show_value(stated)})"
        return ""
