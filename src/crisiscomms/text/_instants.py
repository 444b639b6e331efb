"""Instants on the UTC time line, at the ends of the datetime range too.

Python compares two datetimes that share one ``tzinfo`` by their wall clock:
in the repeated autumn hour of Europe/Paris, 02:30 (fold=1, after the clocks
went back) is "equal" to 02:30 (fold=0), an hour earlier. And converting a
datetime near year 1 or 9999 to UTC or another zone raises ``OverflowError``.
`instant` places an aware datetime on the UTC time line as a ``timedelta``
since 0001-01-01T00:00Z: it orders and compares instants across zones and
folds, and never overflows. `in_zone` converts, or says it cannot.

>>> from datetime import UTC, datetime
>>> from zoneinfo import ZoneInfo
>>> paris = ZoneInfo("Europe/Paris")
>>> first = datetime(2026, 10, 25, 2, 30, tzinfo=paris)
>>> second = first.replace(fold=1)
>>> first == second, instant(first) == instant(second)
(True, False)
>>> instant(first) < instant(second)
True
>>> in_zone(datetime(9999, 12, 31, 23, tzinfo=UTC), ZoneInfo("Asia/Tokyo")) is None
True
>>> in_zone(first, None) is first
True
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

__all__ = ["in_zone", "instant", "is_before", "same_instant", "utc"]

_EPOCH = datetime.min


def instant(moment: datetime, /) -> timedelta:
    """The position of the aware `moment` on the UTC time line (its fold counts).

    A ``timedelta`` since 0001-01-01T00:00 UTC, negative for an instant before
    it (0001-01-01T00:00+05:00): it never overflows.
    """
    offset = moment.utcoffset()
    assert offset is not None, "instant() takes aware datetimes"
    return (moment.replace(tzinfo=None) - _EPOCH) - offset


def same_instant(a: datetime, b: datetime, /) -> bool:
    """True when the aware `a` and `b` are one instant (not merely one wall clock)."""
    return instant(a) == instant(b)


def is_before(a: datetime, b: datetime, /) -> bool:
    """True when the aware `a` is an earlier instant than `b`."""
    return instant(a) < instant(b)


def in_zone(moment: datetime, zone: tzinfo | None, /) -> datetime | None:
    """`moment` in `zone` (the local zone is never used: None keeps `moment`'s own).

    None when the result would lie outside the years 1 to 9999
    (9999-12-31T23:00Z in Tokyo, 0001-01-01T01:00Z in New York).
    """
    if zone is None:
        return moment
    try:
        return moment.astimezone(zone)
    except OverflowError:
        return None


def utc(moment: datetime, /) -> datetime | None:
    """`moment` in UTC, or None when that lies outside the years 1 to 9999."""
    return in_zone(moment, UTC)
