"""The CAP 1.2 code lists, and its dateTime form, both ways.

The enumerations are the XSD's own, value for value; `CapSeverity` and
`CapCategory` live in the model (a plan's severities and crisis types carry
them) and are reused here.
"""

from __future__ import annotations

import enum
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Final, final

from crisiscomms._errors import CapError, NaiveDatetimeError

__all__ = [
    "NAMESPACE",
    "Certainty",
    "MessageType",
    "ResponseType",
    "Scope",
    "Status",
    "Urgency",
    "format_datetime",
    "parse_datetime",
]

#: The XML namespace of CAP 1.2 alerts.
NAMESPACE: Final = "urn:oasis:names:tc:emergency:cap:1.2"


@final
class Status(enum.StrEnum):
    """The handling of an alert (``<status>``); the writer takes it from `Situation.mode`.

    >>> Status("Exercise")
    <Status.EXERCISE: 'Exercise'>
    """

    ACTUAL = "Actual"
    EXERCISE = "Exercise"
    SYSTEM = "System"
    TEST = "Test"
    DRAFT = "Draft"


@final
class MessageType(enum.StrEnum):
    """The nature of an alert (``<msgType>``): a first alert, an update, a cancellation.

    >>> MessageType("Update")
    <MessageType.UPDATE: 'Update'>
    """

    ALERT = "Alert"
    UPDATE = "Update"
    CANCEL = "Cancel"
    ACK = "Ack"
    ERROR = "Error"


@final
class Scope(enum.StrEnum):
    """Who may receive an alert (``<scope>``).

    >>> Scope("Private")
    <Scope.PRIVATE: 'Private'>
    """

    PUBLIC = "Public"
    RESTRICTED = "Restricted"
    PRIVATE = "Private"


@final
class Urgency(enum.StrEnum):
    """How soon readers should act (``<urgency>``).

    >>> Urgency("Immediate")
    <Urgency.IMMEDIATE: 'Immediate'>
    """

    IMMEDIATE = "Immediate"
    EXPECTED = "Expected"
    FUTURE = "Future"
    PAST = "Past"
    UNKNOWN = "Unknown"


@final
class Certainty(enum.StrEnum):
    """How sure the sender is of the event (``<certainty>``).

    >>> Certainty("Observed")
    <Certainty.OBSERVED: 'Observed'>
    """

    OBSERVED = "Observed"
    LIKELY = "Likely"
    POSSIBLE = "Possible"
    UNLIKELY = "Unlikely"
    UNKNOWN = "Unknown"


@final
class ResponseType(enum.StrEnum):
    """The action recommended to readers (``<responseType>``).

    >>> ResponseType("AllClear")
    <ResponseType.ALL_CLEAR: 'AllClear'>
    """

    SHELTER = "Shelter"
    EVACUATE = "Evacuate"
    PREPARE = "Prepare"
    EXECUTE = "Execute"
    AVOID = "Avoid"
    MONITOR = "Monitor"
    ASSESS = "Assess"
    ALL_CLEAR = "AllClear"
    NONE = "None"


# CAP 1.2 section 3.3.2: whole seconds, a numeric offset, never "Z". The XSD's
# pattern also lets a comma stand for the sign; that is a typo of the schema.
_DATETIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([-+])(\d\d):(\d\d)", re.ASCII)
_MAX_OFFSET = timedelta(hours=14)


def check_aware(field: str, value: object) -> datetime:
    """`value` as CAP can carry it: aware, whole seconds, a fixed offset of whole minutes.

    A CAP dateTime holds an offset, not a zone, so the value keeps only the
    offset in force (``Europe/Paris`` in November becomes ``+01:00``): what is
    written is what reads back, equal and with the same ``tzinfo``. An offset
    CAP cannot write (seconds in it, as in local mean time before 1911, or
    beyond 14 hours) becomes the same instant in UTC.

    >>> from zoneinfo import ZoneInfo
    >>> check_aware("sent", datetime(2026, 11, 24, 8, 40, 30, 999,
    ...                              tzinfo=ZoneInfo("Europe/Paris"))).isoformat()
    '2026-11-24T08:40:30+01:00'
    """
    if not isinstance(value, datetime):
        raise CapError.for_field(field, "an aware datetime", value)
    offset = value.utcoffset()
    if offset is None:
        raise NaiveDatetimeError.for_value(field, value)
    value = value.replace(microsecond=0)
    if offset % timedelta(minutes=1) or abs(offset) > _MAX_OFFSET:
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise CapError.for_field(
                field,
                "an instant between the years 1 and 9999 in UTC",
                value.isoformat(),
                hint="give it in a zone with a whole-minute offset",
            ) from None
    return value.replace(tzinfo=timezone(offset))


def format_datetime(field: str, value: datetime) -> str:
    """`value` in CAP's form: ``2026-11-24T08:40:00+01:00``; UTC is ``-00:00``.

    >>> format_datetime("sent", datetime(2026, 11, 24, 7, 40, tzinfo=UTC))
    '2026-11-24T07:40:00-00:00'
    """
    value = check_aware(field, value)
    offset = value.utcoffset()
    assert offset is not None  # check_aware refused naive values
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes > 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}T"
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}{sign}{hours:02d}:{minutes:02d}"
    )


def parse_datetime(field: str, text: str) -> datetime:
    """The aware datetime of a CAP dateTime, with its own offset.

    >>> parse_datetime("sent", "2011-09-02T11:36:50-00:00").isoformat()
    '2011-09-02T11:36:50+00:00'

    Raises:
        CapError: for any other form (``Z``, fractions, no offset, a date that
            does not exist).
    """
    match = _DATETIME.fullmatch(text)
    if match is None:
        raise CapError.for_field(
            field,
            "a CAP dateTime such as 2026-11-24T08:40:00+01:00 (whole seconds, numeric offset)",
            text,
        )
    year, month, day, hour, minute, second, sign, off_h, off_m = match.groups()
    offset = timedelta(hours=int(off_h), minutes=int(off_m))
    try:
        if offset > _MAX_OFFSET or int(off_m) > 59:
            raise ValueError
        zone = timezone(-offset if sign == "-" else offset)
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=zone
        )
    except ValueError:
        raise CapError.for_field(field, "a date and time that exist", text) from None
