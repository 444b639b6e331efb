"""Write an `Alert` as CAP 1.2 XML text, element by element in the schema's order.

The XML is built as text, not through pydantic's JSON or an XML library:
CAP wants its own dateTime form (whole seconds, ``-00:00`` for UTC), and
the order of the XSD's sequences. Every text is escaped; a character that
XML 1.0 cannot carry at all (most control characters, lone surrogates) is
an error naming the field, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from crisiscomms._errors import CapError
from crisiscomms.cap._vocabulary import NAMESPACE, format_datetime

if TYPE_CHECKING:
    from crisiscomms.cap._alert import Alert, Area, Info, Point, Resource, ValuePair

__all__ = ["format_number", "join_list", "write_alert"]

# The characters XML 1.0 allows (section 2.2, Char), negated.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _escape(field: str, text: str) -> str:
    bad = _NOT_XML.search(text)
    if bad:
        raise CapError.for_field(
            field,
            "text that XML 1.0 can carry",
            text,
            hint=f"U+{ord(bad.group()):04X} at position {bad.start()} cannot be written;"
            " remove it",
        )
    return text.translate(_ESCAPES)


def format_number(value: float | Decimal) -> str:
    """A number without an exponent, as short as reads back the same: ``-115.5527``.

    >>> format_number(1e-05), format_number(21.0), format_number(Decimal("1E+3"))
    ('0.00001', '21', '1000')
    """
    if isinstance(value, float):
        value = Decimal(repr(value))
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def join_list(field: str, items: Iterable[str]) -> str:
    """CAP's space-separated list; an item holding a space goes in double quotes."""
    return " ".join(f'"{item}"' if any(c.isspace() for c in item) else item for item in items)


def _point(point: Point) -> str:
    return f"{format_number(point[0])},{format_number(point[1])}"


class _Out:
    """The lines of the document, indented by depth."""

    def __init__(self) -> None:
        self.lines: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>']
        self.depth = 0

    def leaf(self, name: str, field: str, text: str | None) -> None:
        if text is not None:
            self.lines.append(f"{'  ' * self.depth}<{name}>{_escape(field, text)}</{name}>")

    def start(self, name: str, attributes: str = "") -> None:
        self.lines.append(f"{'  ' * self.depth}<{name}{attributes}>")
        self.depth += 1

    def end(self, name: str) -> None:
        self.depth -= 1
        self.lines.append(f"{'  ' * self.depth}</{name}>")

    def pairs(self, name: str, field: str, pairs: tuple[ValuePair, ...]) -> None:
        for i, (value_name, value) in enumerate(pairs):
            self.start(name)
            self.leaf("valueName", f"{field}[{i}].valueName", value_name)
            self.leaf("value", f"{field}[{i}].value", value)
            self.end(name)


def write_alert(alert: Alert) -> str:
    """The XML text of `alert` (the rules are checked by `Alert.to_xml` before)."""
    out = _Out()
    out.start("alert", f' xmlns="{NAMESPACE}"')
    out.leaf("identifier", "identifier", alert.identifier)
    out.leaf("sender", "sender", alert.sender)
    out.leaf("sent", "sent", format_datetime("sent", alert.sent))
    out.leaf("status", "status", alert.status.value)
    out.leaf("msgType", "msgType", alert.msg_type.value)
    out.leaf("source", "source", alert.source)
    out.leaf("scope", "scope", alert.scope.value)
    out.leaf("restriction", "restriction", alert.restriction)
    if alert.addresses:
        out.leaf("addresses", "addresses", join_list("addresses", alert.addresses))
    for i, code in enumerate(alert.codes):
        out.leaf("code", f"code[{i}]", code)
    out.leaf("note", "note", alert.note)
    if alert.references:
        out.leaf("references", "references", " ".join(str(r) for r in alert.references))
    if alert.incidents:
        out.leaf("incidents", "incidents", join_list("incidents", alert.incidents))
    for i, info in enumerate(alert.infos):
        _info(out, f"info[{i}]", info)
    out.end("alert")
    return "\n".join(out.lines) + "\n"


def _info(out: _Out, field: str, info: Info) -> None:
    out.start("info")
    out.leaf("language", f"{field}.language", info.language)
    for category in info.categories:
        out.leaf("category", f"{field}.category", category.value)
    out.leaf("event", f"{field}.event", info.event)
    for response in info.response_types:
        out.leaf("responseType", f"{field}.responseType", response.value)
    out.leaf("urgency", f"{field}.urgency", info.urgency.value)
    out.leaf("severity", f"{field}.severity", info.severity.value)
    out.leaf("certainty", f"{field}.certainty", info.certainty.value)
    out.leaf("audience", f"{field}.audience", info.audience)
    out.pairs("eventCode", f"{field}.eventCode", info.event_codes)
    for name in ("effective", "onset", "expires"):
        value = getattr(info, name)
        if value is not None:
            out.leaf(name, f"{field}.{name}", format_datetime(f"{field}.{name}", value))
    out.leaf("senderName", f"{field}.senderName", info.sender_name)
    out.leaf("headline", f"{field}.headline", info.headline)
    out.leaf("description", f"{field}.description", info.description)
    out.leaf("instruction", f"{field}.instruction", info.instruction)
    out.leaf("web", f"{field}.web", info.web)
    out.leaf("contact", f"{field}.contact", info.contact)
    out.pairs("parameter", f"{field}.parameter", info.parameters)
    for j, resource in enumerate(info.resources):
        _resource(out, f"{field}.resource[{j}]", resource)
    for j, area in enumerate(info.areas):
        _area(out, f"{field}.area[{j}]", area)
    out.end("info")


def _resource(out: _Out, field: str, resource: Resource) -> None:
    out.start("resource")
    out.leaf("resourceDesc", f"{field}.resourceDesc", resource.description)
    out.leaf("mimeType", f"{field}.mimeType", resource.mime_type)
    if resource.size is not None:
        out.leaf("size", f"{field}.size", str(resource.size))
    out.leaf("uri", f"{field}.uri", resource.uri)
    out.leaf("derefUri", f"{field}.derefUri", resource.deref_uri)
    out.leaf("digest", f"{field}.digest", resource.digest)
    out.end("resource")


def _area(out: _Out, field: str, area: Area) -> None:
    out.start("area")
    out.leaf("areaDesc", f"{field}.areaDesc", area.description)
    for k, ring in enumerate(area.polygons):
        out.leaf("polygon", f"{field}.polygon[{k}]", " ".join(_point(p) for p in ring))
    for k, circle in enumerate(area.circles):
        text = f"{_point(circle.centre)} {format_number(circle.radius)}"
        out.leaf("circle", f"{field}.circle[{k}]", text)
    out.pairs("geocode", f"{field}.geocode", area.geocodes)
    if area.altitude is not None:
        out.leaf("altitude", f"{field}.altitude", format_number(area.altitude))
    if area.ceiling is not None:
        out.leaf("ceiling", f"{field}.ceiling", format_number(area.ceiling))
    out.end("area")
