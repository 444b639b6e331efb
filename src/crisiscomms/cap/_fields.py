"""The form of each field of the CAP values, checked as they are built.

Each helper takes the field's CAP name (for the error) and the value given,
and returns it in the form the values hold (stripped text, a tuple, an
enumeration member, an aware datetime with a fixed offset), or raises a
`CapError` naming the field.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from crisiscomms._errors import CapError
from crisiscomms.cap._vocabulary import check_aware

__all__ = [
    "LANGUAGE",
    "Point",
    "ValuePair",
    "_choice",
    "_decimal",
    "_optional_time",
    "_pairs",
    "_point",
    "_required",
    "_ring",
    "_set",
    "_text",
    "_texts",
    "_tuple",
    "_values",
]

_E = TypeVar("_E", bound=enum.Enum)

#: A coordinate pair in WGS 84: (latitude, longitude), in degrees.
Point = tuple[float, float]
#: A ``<valueName>``/``<value>`` pair: event codes, parameters, geocodes.
ValuePair = tuple[str, str]

# xs:language (RFC 3066 tags), as the XSD types <language>.
LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*", re.ASCII)


def _set(instance: object, name: str, value: object) -> None:
    object.__setattr__(instance, name, value)


def _choice(field: str, enum_type: type[_E], value: object) -> _E:
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except (ValueError, TypeError):
        known = ", ".join(str(member.value) for member in enum_type)
        raise CapError.for_field(field, f"one of {known}", value) from None


def _text(field: str, value: object, *, required: bool = False) -> str | None:
    """Text stripped of the blanks around it; empty is None (or an error when required)."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise CapError.for_field(field, "a str", value)
    stripped = value.strip()
    if not stripped:
        if required:
            raise CapError.for_field(field, "some text (the element is required)", value)
        return None
    return stripped


def _required(field: str, value: object) -> str:
    text = _text(field, value, required=True)
    assert text is not None
    return text


def _tuple(field: str, value: object) -> tuple[Any, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise CapError.for_field(field, "a sequence", value)
    return tuple(value)


def _texts(field: str, value: object) -> tuple[str, ...]:
    items = _tuple(field, value)
    return tuple(_required(f"{field}[{i}]", item) for i, item in enumerate(items))


def _pairs(field: str, value: object) -> tuple[ValuePair, ...]:
    pairs = []
    for i, item in enumerate(_tuple(field, value)):
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise CapError.for_field(f"{field}[{i}]", "a (valueName, value) pair", item)
        name, text = item
        pairs.append(
            (
                _text(f"{field}[{i}].valueName", name) or "",
                _text(f"{field}[{i}].value", text) or "",
            )
        )
    return tuple(pairs)


def _degrees(field: str, value: object, limit: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise CapError.for_field(field, "a number of degrees", value)
    number = float(value)
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise CapError.for_field(field, f"degrees between -{limit:g} and {limit:g}", value)
    return number


def _point(field: str, value: object) -> Point:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise CapError.for_field(field, "a (latitude, longitude) pair", value)
    return (
        _degrees(f"{field} latitude", value[0], 90),
        _degrees(f"{field} longitude", value[1], 180),
    )


def _ring(field: str, value: object) -> tuple[Point, ...]:
    points = _tuple(field, value)
    # Fast path for what the reader builds: float pairs in range (NaN fails the test).
    if all(
        type(p) is tuple
        and len(p) == 2
        and type(p[0]) is float
        and type(p[1]) is float
        and -90.0 <= p[0] <= 90.0
        and -180.0 <= p[1] <= 180.0
        for p in points
    ):
        return points
    return tuple(_point(f"{field}[{j}]", p) for j, p in enumerate(points))


def _optional_time(field: str, value: object) -> datetime | None:
    return None if value is None else check_aware(field, value)


def _decimal(field: str, value: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise CapError.for_field(field, "a Decimal or an int (feet above mean sea level)", value)
    number = Decimal(value)
    if not number.is_finite():
        raise CapError.for_field(field, "a finite number", value)
    return number


def _values(field: str, value: object, expected: type[Any]) -> tuple[Any, ...]:
    items = _tuple(field, value)
    for i, item in enumerate(items):
        if not isinstance(item, expected):
            raise CapError.for_field(
                f"{field}[{i}]", f"a crisiscomms.cap.{expected.__name__}", item
            )
    return items
