"""Calendar arithmetic for deadlines: elapsed time, business days, calendar months.

Durations are elapsed time, computed in UTC. Business days and months are
calendar arithmetic on a zone's wall clock; a wall time that a clock change
skips or doubles is read as the earlier instant, so a deadline is never later
than the law's.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from crisiscomms.text._instants import instant

__all__ = ["add_business_days", "add_months", "after", "elapsed", "wall_instant"]

# Python adds a timedelta to an aware datetime on its wall clock, and subtracts two
# datetimes of the same zone on their wall clocks too: across a DST change both are
# an hour off. Elapsed time is therefore always computed in UTC.


def after(start: datetime, elapsed: timedelta) -> datetime:
    """The instant `elapsed` real time after `start` (in UTC)."""
    return start.astimezone(UTC) + elapsed


def elapsed(start: datetime, end: datetime) -> timedelta:
    """The real time from `start` to `end`, whatever their zones and folds (never overflows)."""
    return instant(end) - instant(start)


def wall_instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The instant `day` at `wall` in `zone`; the earlier one when it is skipped or doubled."""
    readings = (datetime.combine(day, wall, tzinfo=zone).replace(fold=f) for f in (0, 1))
    return min(r.astimezone(UTC) for r in readings).astimezone(zone)


def add_business_days(start: date, days: int, holidays: frozenset[date]) -> date:
    """The date `days` business days after `start` (weekends and `holidays` skipped).

    >>> add_business_days(date(2026, 12, 24), 2, frozenset({date(2026, 12, 25)}))
    datetime.date(2026, 12, 29)
    """
    current, remaining = start, days
    while remaining > 0:
        if remaining > 10:
            # Any 7 consecutive days hold exactly 5 weekdays: jump whole weeks,
            # then give back the holidays that fell on weekdays inside the jump.
            weeks = (remaining - 5) // 5
            end = current + timedelta(weeks=weeks)
            lost = sum(1 for h in holidays if current < h <= end and h.weekday() < 5)
            remaining -= weeks * 5 - lost
            current = end
        else:
            current += timedelta(days=1)
            if current.weekday() < 5 and current not in holidays:
                remaining -= 1
    return current


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the month's end.

    >>> add_months(date(2027, 1, 31), 1)
    datetime.date(2027, 2, 28)
    """
    years, month0 = divmod(start.month - 1 + months, 12)
    year = start.year + years
    if year > date.max.year:
        raise OverflowError("date beyond year 9999")
    return date(year, month0 + 1, min(start.day, calendar.monthrange(year, month0 + 1)[1]))
