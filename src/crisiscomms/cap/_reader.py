"""Read CAP 1.2 XML into an `Alert`, safely, checking what the XSD checks.

Parsing goes through ``defusedxml`` with ``forbid_dtd=True``: a document with
a DOCTYPE (and so any entity declaration, internal or external) is refused
before anything in it is resolved, so neither an entity bomb nor an external
entity can cost memory, read a file or open a connection. XInclude is never
processed (ElementTree only does it when asked). Then each element is held to
the schema's sequence: the known CAP children, in order, as often as allowed;
a signature (XML-DSig) may close the alert and is not verified.

The rules the schema does not check (`Alert.to_xml` does) are not applied
here: a received alert is read as it was sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar, final
from xml.etree.ElementTree import Element, ParseError

from crisiscomms._errors import CapError, InputError
from crisiscomms.cap._alert import (
    Alert,
    Area,
    Circle,
    Info,
    Point,
    Reference,
    Resource,
    ValuePair,
)
from crisiscomms.cap._fields import _choice
from crisiscomms.cap._vocabulary import NAMESPACE, MessageType, Scope, Status, parse_datetime

__all__ = ["read_cap_xml"]

_T = TypeVar("_T")
_CAP = "{" + NAMESPACE + "}"
_DSIG = "{http://www.w3.org/2000/09/xmldsig#}"
_MANY = 1 << 62


@final
class _Sequence:
    """The children an element may hold, as the XSD's sequence: (name, min, max) each."""

    def __init__(self, *children: tuple[str, int, int]) -> None:
        self.children = children
        self.names = tuple(name for name, _, _ in children)
        #: Full tag to (position, name, most): one look-up per child read.
        self.by_tag = {_CAP + name: (i, name, most) for i, (name, _, most) in enumerate(children)}


# Each element's children as the XSD's sequence: (name, min, max).
_ALERT = _Sequence(
    ("identifier", 1, 1),
    ("sender", 1, 1),
    ("sent", 1, 1),
    ("status", 1, 1),
    ("msgType", 1, 1),
    ("source", 0, 1),
    ("scope", 1, 1),
    ("restriction", 0, 1),
    ("addresses", 0, 1),
    ("code", 0, _MANY),
    ("note", 0, 1),
    ("references", 0, 1),
    ("incidents", 0, 1),
    ("info", 0, _MANY),
)
_INFO = _Sequence(
    ("language", 0, 1),
    ("category", 1, _MANY),
    ("event", 1, 1),
    ("responseType", 0, _MANY),
    ("urgency", 1, 1),
    ("severity", 1, 1),
    ("certainty", 1, 1),
    ("audience", 0, 1),
    ("eventCode", 0, _MANY),
    ("effective", 0, 1),
    ("onset", 0, 1),
    ("expires", 0, 1),
    ("senderName", 0, 1),
    ("headline", 0, 1),
    ("description", 0, 1),
    ("instruction", 0, 1),
    ("web", 0, 1),
    ("contact", 0, 1),
    ("parameter", 0, _MANY),
    ("resource", 0, _MANY),
    ("area", 0, _MANY),
)
_RESOURCE = _Sequence(
    ("resourceDesc", 1, 1),
    ("mimeType", 1, 1),
    ("size", 0, 1),
    ("uri", 0, 1),
    ("derefUri", 0, 1),
    ("digest", 0, 1),
)
_AREA = _Sequence(
    ("areaDesc", 1, 1),
    ("polygon", 0, _MANY),
    ("circle", 0, _MANY),
    ("geocode", 0, _MANY),
    ("altitude", 0, 1),
    ("ceiling", 0, 1),
)
_PAIR = _Sequence(("valueName", 1, 1), ("value", 1, 1))
_VALUE_NAME, _VALUE = _CAP + "valueName", _CAP + "value"
#: The children that hold elements, not text.
_CONTAINERS = frozenset({"info", "eventCode", "parameter", "resource", "area", "geocode"})

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_DECIMAL = re.compile(_NUMBER, re.ASCII)
_POINT = re.compile(f"({_NUMBER}),({_NUMBER})", re.ASCII)
_POLYGON = re.compile(rf"\s*{_NUMBER},{_NUMBER}(?:\s+{_NUMBER},{_NUMBER})*\s*", re.ASCII)
_NUMBERS = re.compile(_NUMBER, re.ASCII)
_INTEGER = re.compile(r"[-+]?\d+", re.ASCII)
_LIST_ITEM = re.compile(r'"([^"]*)"|(\S+)')


def _path(field: str, name: str) -> str:
    return f"{field}.{name}" if field else name


def _blank(text: str | None) -> bool:
    return not text or text.isspace()


def _children(
    element: Element,
    sequence: _Sequence,
    field: str,
    *,
    signature: bool = False,
) -> dict[str, list[Element]]:
    """The children of `element` by name, held to the schema's `sequence`."""
    if not _blank(element.text):
        raise CapError.for_field(field or "alert", "elements only, no text", element.text)
    found: dict[str, list[Element]] = {name: [] for name in sequence.names}
    by_tag = sequence.by_tag
    position = 0
    for child in element:
        if not _blank(child.tail):
            raise CapError.for_field(field or "alert", "elements only, no text", child.tail)
        tag = child.tag
        entry = by_tag.get(tag)
        if entry is None or entry[0] < position:
            if signature and tag.startswith(_DSIG):
                position = len(sequence.names)  # a signature closes the alert
                continue
            expected = ", ".join(sequence.names[position:]) or "nothing more"
            raise CapError.for_field(
                field or "alert",
                f"the CAP 1.2 elements in the schema's order (next: {expected})",
                f"<{tag[len(_CAP) :]}>" if tag.startswith(_CAP) else tag,
                hint="an element out of place, or not of CAP 1.2's namespace",
            )
        position, name, most = entry
        siblings = found[name]
        if len(siblings) == most:
            raise CapError.for_field(_path(field, name), "at most one", f"another <{name}>")
        if len(child) and name not in _CONTAINERS:
            raise CapError.for_field(_path(field, name), "text only", "child elements")
        siblings.append(child)
    for name, least, _ in sequence.children:
        if len(found[name]) < least:
            raise CapError.for_field(_path(field, name), f"a <{name}> (it is required)", None)
    return found


def _text(elements: list[Element]) -> str | None:
    return (elements[0].text or "") if elements else None


def _value(elements: list[Element], field: str, parse: Callable[[str, str], _T]) -> _T | None:
    text = _text(elements)
    return None if text is None else parse(field, text.strip())


def _list(field: str, text: str) -> tuple[str, ...]:
    return tuple(quoted or bare for quoted, bare in _LIST_ITEM.findall(text))


def _pairs(elements: list[Element], field: str) -> tuple[ValuePair, ...]:
    pairs = []
    for i, element in enumerate(elements):
        if len(element) == 2:
            name, value = element
            if (
                name.tag == _VALUE_NAME
                and value.tag == _VALUE
                and not len(name)
                and not len(value)
                and _blank(element.text)
                and _blank(name.tail)
                and _blank(value.tail)
            ):
                pairs.append((name.text or "", value.text or ""))
                continue
        # Not a valueName and a value: the full check says what is wrong, and raises.
        _children(element, _PAIR, f"{field}[{i}]")
        raise AssertionError(f"{field}[{i}] passed the check of a pair it failed")
    return tuple(pairs)


def _references(field: str, text: str) -> tuple[Reference, ...]:
    triplets = text.split()
    if not triplets:
        raise CapError.for_field(
            field, "one or more sender,identifier,sent triplets", text, hint="it is empty"
        )
    references = []
    for i, triplet in enumerate(triplets):
        parts = triplet.split(",")
        if len(parts) != 3:
            raise CapError.for_field(f"{field}[{i}]", "sender,identifier,sent", triplet)
        sender, identifier, sent = parts
        references.append(
            Reference(sender, identifier, parse_datetime(f"{field}[{i}].sent", sent))
        )
    return tuple(references)


def _decimal(field: str, text: str) -> Decimal:
    if not _DECIMAL.fullmatch(text):
        raise CapError.for_field(field, "a decimal number", text)
    return Decimal(text)


def _integer(field: str, text: str) -> int:
    if not _INTEGER.fullmatch(text) or len(text) > 40:
        raise CapError.for_field(field, "an integer", text)
    return int(text)


def _point(field: str, text: str) -> Point:
    match = _POINT.fullmatch(text)
    if match is None:
        raise CapError.for_field(field, "latitude,longitude in degrees", text)
    return (float(match.group(1)), float(match.group(2)))


def _polygon(field: str, text: str) -> tuple[Point, ...]:
    if _POLYGON.fullmatch(text):
        numbers = iter(map(float, _NUMBERS.findall(text)))
        return tuple(zip(numbers, numbers, strict=True))
    # Not well formed: find the point at fault.
    return tuple(_point(f"{field}[{i}]", p) for i, p in enumerate(text.split()))


def _circle(field: str, text: str) -> Circle:
    parts = text.split()
    if len(parts) != 2 or not _DECIMAL.fullmatch(parts[1]):
        raise CapError.for_field(field, "'latitude,longitude radius'", text)
    return _located(field, Circle, {"centre": _point(field, parts[0]), "radius": float(parts[1])})


def _area(element: Element, field: str) -> Area:
    c = _children(element, _AREA, field)
    values = dict(  # noqa: C408 (the keyword names are the value's)
        description=_text(c["areaDesc"]) or "",
        polygons=tuple(
            _polygon(f"{field}.polygon[{i}]", e.text or "") for i, e in enumerate(c["polygon"])
        ),
        circles=tuple(
            _circle(f"{field}.circle[{i}]", (e.text or "").strip())
            for i, e in enumerate(c["circle"])
        ),
        geocodes=_pairs(c["geocode"], f"{field}.geocode"),
        altitude=_value(c["altitude"], f"{field}.altitude", _decimal),
        ceiling=_value(c["ceiling"], f"{field}.ceiling", _decimal),
    )
    return _located(field, Area, values)


def _resource(element: Element, field: str) -> Resource:
    c = _children(element, _RESOURCE, field)
    values = dict(  # noqa: C408 (the keyword names are the value's)
        description=_text(c["resourceDesc"]) or "",
        mime_type=_text(c["mimeType"]) or "",
        size=_value(c["size"], f"{field}.size", _integer),
        uri=_text(c["uri"]),
        deref_uri=_text(c["derefUri"]),
        digest=_text(c["digest"]),
    )
    return _located(field, Resource, values)


def _info(element: Element, field: str) -> Info:
    c = _children(element, _INFO, field)
    values: dict[str, Any] = {
        "categories": tuple((e.text or "").strip() for e in c["category"]),
        "event": _text(c["event"]),
        "urgency": (_text(c["urgency"]) or "").strip(),
        "severity": (_text(c["severity"]) or "").strip(),
        "certainty": (_text(c["certainty"]) or "").strip(),
        "response_types": tuple((e.text or "").strip() for e in c["responseType"]),
        "event_codes": _pairs(c["eventCode"], f"{field}.eventCode"),
        "parameters": _pairs(c["parameter"], f"{field}.parameter"),
        "resources": tuple(
            _resource(e, f"{field}.resource[{i}]") for i, e in enumerate(c["resource"])
        ),
        "areas": tuple(_area(e, f"{field}.area[{i}]") for i, e in enumerate(c["area"])),
    }
    language = _text(c["language"])
    if language is not None:
        values["language"] = language
    for name in ("effective", "onset", "expires"):
        values[name] = _value(c[name], f"{field}.{name}", parse_datetime)
    for name, element_name in (
        ("audience", "audience"),
        ("sender_name", "senderName"),
        ("headline", "headline"),
        ("description", "description"),
        ("instruction", "instruction"),
        ("web", "web"),
        ("contact", "contact"),
    ):
        values[name] = _text(c[element_name])
    return _located(field, Info, values)


def _located(field: str, build: Callable[..., _T], values: dict[str, Any]) -> _T:
    """Build a value; a `CapError` of a block says which block (``info[1].event``)."""
    try:
        return build(**values)
    except CapError as error:
        located = f"{field}.{error.field.split('.', 1)[-1]}"
        # Every CapError message starts with its field: put the block's path in its place.
        message = located + str(error)[len(error.field) :]
        raise CapError(message, field=located) from None


def _parse(text: str | bytes) -> Element:
    # Imported here: only readers of alerts pay for defusedxml's import.
    from defusedxml import DefusedXmlException  # noqa: PLC0415
    from defusedxml.ElementTree import fromstring  # noqa: PLC0415

    try:
        root: Element = fromstring(text, forbid_dtd=True)
    except DefusedXmlException as error:
        raise CapError.for_field(
            "(document)",
            "an alert without a DOCTYPE or entities",
            type(error).__name__,
            hint="DTDs and entities are refused unresolved, so a document cannot make the"
            " reader fetch a file or a URL",
        ) from None
    except (ParseError, ValueError, LookupError) as error:  # LookupError: unknown encoding
        raise CapError.for_field("(document)", "well-formed XML", str(error)) from None
    return root


def read_cap_xml(text: str | bytes, /) -> Alert:
    """The `Alert` of a CAP 1.2 XML document.

    Reads every form agencies send: a default or a prefixed namespace, one
    ``<info>`` per language, UTC as ``-00:00`` or ``+00:00``, an enveloped
    XML-DSig signature (ignored: verifying it is the caller's part). Texts
    come back stripped of the blanks around them; a missing ``<language>``
    is CAP's default, ``en-US``.

    >>> from datetime import datetime, timezone
    >>> alert = read_cap_xml(Alert(identifier="lumea-2411-1", sender="alerts@lumea.fr",
    ...     sent=datetime(2026, 11, 24, 9, tzinfo=timezone.utc), status="Test",
    ...     msg_type="Alert", scope="Public").to_xml())
    >>> alert.identifier, alert.status, alert.sent.isoformat()
    ('lumea-2411-1', <Status.TEST: 'Test'>, '2026-11-24T09:00:00+00:00')

    Raises:
        CapError: for a document that is not a CAP 1.2 alert valid against the
            OASIS schema (wrong root or namespace, an element missing or out
            of place, a value of the wrong form), and for any DOCTYPE or
            entity declaration, refused unread.
        InputError: when `text` is neither str nor bytes.
    """
    if not isinstance(text, str | bytes):
        raise InputError.for_type("text", "CAP XML as str or bytes", text)
    root = _parse(text)
    if root.tag != _CAP + "alert":
        raise CapError.for_field(
            "(document)",
            f"the root element {{{NAMESPACE}}}alert",
            root.tag,
            hint="not a CAP 1.2 alert (another namespace, or another kind of document)",
        )
    c = _children(root, _ALERT, "", signature=True)
    references = _value(c["references"], "references", _references) or ()
    return Alert(
        identifier=_text(c["identifier"]) or "",
        sender=_text(c["sender"]) or "",
        sent=parse_datetime("sent", (_text(c["sent"]) or "").strip()),
        status=_choice("status", Status, (_text(c["status"]) or "").strip()),
        msg_type=_choice("msgType", MessageType, (_text(c["msgType"]) or "").strip()),
        source=_text(c["source"]),
        scope=_choice("scope", Scope, (_text(c["scope"]) or "").strip()),
        restriction=_text(c["restriction"]),
        addresses=_value(c["addresses"], "addresses", _list) or (),
        codes=tuple(e.text or "" for e in c["code"]),
        note=_text(c["note"]),
        references=references,
        incidents=_value(c["incidents"], "incidents", _list) or (),
        infos=tuple(_info(e, f"info[{i}]") for i, e in enumerate(c["info"])),
    )
