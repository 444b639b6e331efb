"""Fact values: what a crisis fact can be, and how it travels in JSON.

In Python a fact is an ``int``, ``float``, ``Decimal``, ``str``, aware
``datetime``, ``date`` or ``time``. JSON has numbers and strings only, so the
types JSON lacks travel tagged, and a JSON string is always text::

    12000                                  int
    0.5                                    float
    {"decimal": "12.50"}                   Decimal
    {"datetime": "2026-11-24T10:30:00+01:00"}  aware datetime
    {"date": "2026-11-24"}                 date
    {"time": "10:30:00"}                   time
    "https://status.example.com"           str

Nothing is guessed from the shape of a string.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, SerializationInfo

from crisiscomms.model._base import FrozenDict
from crisiscomms.model._problems import shown

__all__ = ["FactValue", "Facts", "decode_fact", "encode_fact"]

#: One fact of a crisis.
FactValue = int | float | Decimal | str | datetime | date | time

_TAGS = ("decimal", "datetime", "date", "time")


def _expected(name: str, value: object) -> str:
    received = shown(value, 60)
    return (
        f"fact {name!r}: expected a number, a string, an aware datetime, a date or a time"
        f" (in JSON: a number, a string, or an object with one key among"
        f" {', '.join(repr(t) for t in _TAGS)}), got {type(value).__name__} {received}"
    )


def decode_fact(name: str, value: object) -> FactValue:
    """Validate one fact value, decoding the tagged JSON forms.

    >>> decode_fact("rate", {"decimal": "12.50"})
    Decimal('12.50')
    >>> decode_fact("at", {"datetime": "2026-11-24T10:30:00+01:00"}).utcoffset()
    datetime.timedelta(seconds=3600)

    Raises:
        ValueError: with what was expected and what was received.
    """
    if isinstance(value, bool):
        raise ValueError(_expected(name, value) + "; a yes/no fact is text: 'yes' or 'no'")
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError(
                f"fact {name!r}: expected an aware datetime, got the naive {value.isoformat()};"
                " attach a zone with tzinfo"
            )
        return value
    if isinstance(value, int | float | Decimal | str | date | time):
        if isinstance(value, float | Decimal) and not math.isfinite(value):
            raise ValueError(_expected(name, value) + "; use a finite number")
        return value
    if isinstance(value, Mapping) and len(value) == 1:
        ((tag, raw),) = value.items()
        if tag in _TAGS and isinstance(raw, str):
            return _decode_tagged(name, tag, raw)
    raise ValueError(_expected(name, value) + "; write the fact in one of these forms")


def _decode_tagged(name: str, tag: str, raw: str) -> FactValue:
    try:
        if tag == "decimal":
            number = Decimal(raw)
            if not number.is_finite():
                raise ValueError("not finite")
            return number
        if tag == "datetime":
            moment = datetime.fromisoformat(raw)
            if moment.utcoffset() is None:
                raise ValueError("no UTC offset")
            return moment
        if tag == "date":
            return date.fromisoformat(raw)
        return time.fromisoformat(raw)
    except (ValueError, InvalidOperation) as exc:
        raise ValueError(
            f"fact {name!r}: expected {tag} in ISO 8601 form"
            f"{' with a UTC offset' if tag == 'datetime' else ''}, got {shown(raw)} ({exc});"
            " fix the value"
        ) from None


def encode_fact(value: FactValue) -> object:
    """The JSON form of a fact value (see the module docstring).

    >>> encode_fact(Decimal("12.50"))
    {'decimal': '12.50'}
    >>> encode_fact(12000)
    12000
    """
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    return value


def _decode_facts(value: object) -> object:
    if not isinstance(value, Mapping):
        return value  # the dict[str, ...] type below reports it
    problems = []
    decoded: dict[str, FactValue] = {}
    for name, raw in value.items():
        if not isinstance(name, str) or not name:
            problems.append(f"expected fact names as non-empty strings, got {shown(name)}")
            continue
        try:
            decoded[name] = decode_fact(name, raw)
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise ValueError("; ".join(problems))
    return decoded


def _encode_facts(value: dict[str, FactValue], info: SerializationInfo) -> dict[str, Any]:
    if info.mode_is_json():
        return {name: encode_fact(v) for name, v in value.items()}
    return dict(value)


def _frozen_facts(value: dict[str, Any]) -> FrozenDict[str, Any]:
    # A function, not the class: pydantic reads a validator's signature, and
    # FrozenDict's (*args, **kwargs) says nothing it understands.
    return FrozenDict(value)


#: The facts of a situation, by name; validated, and tagged in JSON.
Facts = Annotated[
    dict[str, Any],
    BeforeValidator(_decode_facts),
    AfterValidator(_frozen_facts),
    PlainSerializer(_encode_facts),
]
