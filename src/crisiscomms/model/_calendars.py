"""Regional holiday calendars, from the `holidays` package.

A plan, or one of its obligations, names the calendar its business days
follow as a country code and an optional subdivision: ``"FR"``, ``"AT"``,
``"ES-PV"`` (the Basque Country). The holidays themselves come from the
`holidays` package for the years a deadline spans; nothing is typed by hand.
The package is imported when a calendar is first checked or used, not with
the library.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, WithJsonSchema

from crisiscomms.model._base import shown

__all__ = ["CalendarName", "holidays_between"]


@functools.cache
def _supported() -> Mapping[str, Sequence[str]]:
    import holidays  # noqa: PLC0415 (heavy: only when a plan names a calendar)

    supported: Mapping[str, Sequence[str]] = holidays.list_supported_countries()
    return supported


def _nearest(wanted: str, known: Sequence[str]) -> str:
    import difflib  # noqa: PLC0415 (only for an unknown calendar; not on every start-up)

    close = difflib.get_close_matches(wanted, known, n=5, cutoff=0.3)
    return ", ".join(repr(code) for code in close) if close else "none close"


@functools.lru_cache(maxsize=256)
def _check_calendar(value: str) -> str:
    country, _, subdivision = value.partition("-")
    supported = _supported()
    if country not in supported:
        raise ValueError(
            f"expected a country code of the holidays package such as 'FR' or 'ES-PV',"
            f" got {shown(value)}; nearest: {_nearest(country.upper(), list(supported))}"
        )
    if subdivision and subdivision not in supported[country]:
        raise ValueError(
            f"expected a subdivision of {country} such as"
            f" {', '.join(repr(f'{country}-{s}') for s in list(supported[country])[:3])},"
            f" got {shown(value)}; nearest: "
            f"{_nearest(subdivision.upper(), list(supported[country]))}"
        )
    return value


#: A holiday calendar: a country code, optionally with a subdivision (``ES-PV``).
CalendarName = Annotated[
    str,
    AfterValidator(_check_calendar),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Z]{2,3}(-[A-Za-z0-9]+)?$",
            "description": (
                "A holiday calendar of the holidays package: a country code and an optional"
                " subdivision, such as 'FR', 'AT' or 'ES-PV'."
            ),
            "examples": ["FR", "ES-PV", "AT"],
        }
    ),
]


@functools.lru_cache(maxsize=64)
def _holidays_of_years(calendar: str, years: tuple[int, ...]) -> frozenset[date]:
    import holidays  # noqa: PLC0415 (heavy: only when a deadline counts business days)

    country, _, subdivision = calendar.partition("-")
    found: Any = holidays.country_holidays(country, subdiv=subdivision or None, years=years)
    return frozenset(found)


def holidays_between(calendar: str | None, start: date, end: date) -> frozenset[date]:
    """The holidays of `calendar` from the year of `start` to the year of `end`.

    >>> from datetime import date
    >>> date(2026, 4, 6) in holidays_between("ES-PV", date(2026, 3, 30), date(2026, 4, 30))
    True
    >>> date(2026, 4, 6) in holidays_between("ES-MD", date(2026, 3, 30), date(2026, 4, 30))
    False
    >>> holidays_between(None, date(2026, 1, 1), date(2026, 12, 31))
    frozenset()
    """
    if calendar is None:
        return frozenset()
    return _holidays_of_years(calendar, tuple(range(start.year, end.year + 1)))
