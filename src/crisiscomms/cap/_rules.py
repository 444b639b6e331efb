"""The rules of CAP 1.2 that its XML Schema does not check, checked before writing.

Each of these passes the OASIS XSD and is still wrong; Google's CAP
validator and the WMO's alert composer refuse them. The first rule broken
raises a `CapError` naming the field, in CAP's element names with indexes
(``info[1].expires``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crisiscomms._errors import CapError
from crisiscomms.cap._vocabulary import MessageType, Scope, format_datetime

if TYPE_CHECKING:
    from crisiscomms.cap._alert import Alert, Area, Info

__all__ = ["check_alert"]

# CAP 1.2 section 3.2.1: identifier and sender "MUST NOT include spaces, commas
# or restricted characters (< and &)".
_RESTRICTED = re.compile(r"[\s,<&]")
#: The message types that answer earlier alerts, which <references> names.
_ANSWERS = frozenset({MessageType.UPDATE, MessageType.CANCEL, MessageType.ACK, MessageType.ERROR})
_MIN_POLYGON_POINTS = 4


def _check_token(field: str, value: str) -> None:
    found = _RESTRICTED.search(value)
    if found:
        raise CapError.for_field(
            field,
            "no spaces, commas, '<' or '&' (CAP 1.2 section 3.2.1)",
            value,
            hint=f"{found.group()!r} at position {found.start()}",
        )


def check_alert(alert: Alert) -> None:
    """Raise a `CapError` for the first rule of CAP 1.2 that `alert` breaks."""
    _check_token("identifier", alert.identifier)
    _check_token("sender", alert.sender)
    if alert.scope is Scope.PRIVATE and not alert.addresses:
        raise CapError.for_field(
            "addresses", "the recipients of an alert of Private scope", alert.addresses
        )
    if alert.scope is Scope.RESTRICTED and not alert.restriction:
        raise CapError.for_field(
            "restriction", "who may see an alert of Restricted scope", alert.restriction
        )
    for i, address in enumerate(alert.addresses):
        if '"' in address:
            raise CapError.for_field(f"addresses[{i}]", "an address without '\"'", address)
    for i, incident in enumerate(alert.incidents):
        if '"' in incident:
            raise CapError.for_field(f"incidents[{i}]", "an incident without '\"'", incident)
    if alert.msg_type in _ANSWERS and not alert.references:
        raise CapError.for_field(
            "references",
            f"the earlier alert(s) a message of type {alert.msg_type} answers",
            alert.references,
            hint="pass references=[earlier.reference]",
        )
    for i, reference in enumerate(alert.references):
        _check_token(f"references[{i}].sender", reference.sender)
        _check_token(f"references[{i}].identifier", reference.identifier)
        if reference.sent > alert.sent:
            raise CapError.for_field(
                f"references[{i}].sent",
                f"an alert sent before this one ({format_datetime('sent', alert.sent)})",
                format_datetime("references.sent", reference.sent),
            )
    _check_infos(alert)


def _check_infos(alert: Alert) -> None:
    seen: dict[str, int] = {}
    categories = set(alert.infos[0].categories) if alert.infos else set()
    for i, info in enumerate(alert.infos):
        language = info.language.lower()
        if language in seen:
            raise CapError.for_field(
                f"info[{i}].language",
                "one block per language",
                info.language,
                hint=f"info[{seen[language]}] is in the same language; merge the two",
            )
        seen[language] = i
        if set(info.categories) != categories:
            raise CapError.for_field(
                f"info[{i}].category",
                f"the categories of info[0] ({', '.join(sorted(categories))})",
                ", ".join(info.categories),
                hint="every block describes the same event in another language",
            )
        _check_times(i, alert, info)
        for j, area in enumerate(info.areas):
            _check_area(f"info[{i}].area[{j}]", area)


def _check_times(i: int, alert: Alert, info: Info) -> None:
    if info.expires is None:
        return
    if info.expires <= alert.sent:
        raise CapError.for_field(
            f"info[{i}].expires",
            f"a time after sent ({format_datetime('sent', alert.sent)})",
            format_datetime("expires", info.expires),
        )
    if info.effective is not None and info.expires <= info.effective:
        raise CapError.for_field(
            f"info[{i}].expires",
            f"a time after effective ({format_datetime('effective', info.effective)})",
            format_datetime("expires", info.expires),
        )


def _check_area(field: str, area: Area) -> None:
    for k, ring in enumerate(area.polygons):
        if len(ring) < _MIN_POLYGON_POINTS:
            raise CapError.for_field(
                f"{field}.polygon[{k}]",
                f"at least {_MIN_POLYGON_POINTS} points (a closed ring ends on its first point)",
                f"{len(ring)} point(s)",
            )
        if ring[0] != ring[-1]:
            raise CapError.for_field(
                f"{field}.polygon[{k}]",
                "a closed ring: the last point the same as the first",
                f"first {ring[0]}, last {ring[-1]}",
            )
    if area.ceiling is not None and area.altitude is None:
        raise CapError.for_field(
            f"{field}.ceiling", "an altitude with the ceiling (CAP 1.2 section 3.2.4)", None
        )
