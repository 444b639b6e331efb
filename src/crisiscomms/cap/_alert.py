"""The values of a CAP 1.2 alert: `Alert`, its `Info` blocks, `Area`, `Resource`, `Reference`.

They hold what the XML holds, in Python types: enumerations for the code
lists, aware datetimes (whole seconds) for dateTimes, floats for
coordinates. Building one checks each value's form (a `CapError` names the
field); the rules across fields (`expires` after `sent`, one block per
language, ...) are checked by `Alert.to_xml`, before anything is written,
because a received alert is read as it is, even when it breaks them.
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from typing import final

import attrs

from crisiscomms._errors import CapError
from crisiscomms._records import CapInfoRecord
from crisiscomms._tables import html_table
from crisiscomms.cap._fields import (
    LANGUAGE,
    Point,
    ValuePair,
    _choice,
    _decimal,
    _optional_time,
    _pairs,
    _point,
    _required,
    _ring,
    _set,
    _text,
    _texts,
    _tuple,
    _values,
)
from crisiscomms.cap._rules import check_alert
from crisiscomms.cap._vocabulary import (
    Certainty,
    MessageType,
    ResponseType,
    Scope,
    Status,
    Urgency,
    check_aware,
    format_datetime,
)
from crisiscomms.cap._writer import write_alert
from crisiscomms.model._base import CapCategory, CapSeverity

__all__ = ["Alert", "Area", "Circle", "Info", "Point", "Reference", "Resource", "ValuePair"]


@final
@attrs.frozen
class Reference:
    """An earlier alert an update or cancellation refers to: ``sender,identifier,sent``.

    >>> from datetime import datetime, timezone
    >>> ref = Reference("alerts@lumea.fr", "lumea-2411-1",
    ...                 datetime(2026, 11, 24, 8, 50, tzinfo=timezone.utc))
    >>> str(ref)
    'alerts@lumea.fr,lumea-2411-1,2026-11-24T08:50:00-00:00'
    """

    sender: str
    identifier: str
    sent: datetime

    def __attrs_post_init__(self) -> None:
        _set(self, "sender", _required("references.sender", self.sender))
        _set(self, "identifier", _required("references.identifier", self.identifier))
        _set(self, "sent", check_aware("references.sent", self.sent))

    def __str__(self) -> str:
        return f"{self.sender},{self.identifier},{format_datetime('references.sent', self.sent)}"


@final
@attrs.frozen
class Circle:
    """A circular area: its centre and its radius in kilometres.

    >>> Circle((32.9525, -115.5527), 0).radius
    0.0
    """

    centre: Point
    radius: float

    def __attrs_post_init__(self) -> None:
        _set(self, "centre", _point("circle.centre", self.centre))
        if isinstance(self.radius, bool) or not isinstance(self.radius, int | float | Decimal):
            raise CapError.for_field("circle.radius", "a number of kilometres", self.radius)
        radius = float(self.radius)
        if not math.isfinite(radius) or radius < 0:
            raise CapError.for_field("circle.radius", "a finite number of kilometres >= 0", radius)
        _set(self, "radius", radius)


@final
@attrs.frozen
class Area:
    """Where an alert applies (``<area>``): a description, and shapes or codes if known.

    Args:
        description: ``<areaDesc>``, required: the area in words.
        polygons: closed rings of (latitude, longitude) points, first point last too.
        circles: centres and radii.
        geocodes: (valueName, value) pairs, such as ``("INSEE", "75056")``.
        altitude: the floor of the area, in feet above mean sea level.
        ceiling: its top, in feet (with `altitude` only).

    >>> Area("Paris").description
    'Paris'
    """

    description: str
    polygons: tuple[tuple[Point, ...], ...] = ()
    circles: tuple[Circle, ...] = ()
    geocodes: tuple[ValuePair, ...] = ()
    altitude: Decimal | None = None
    ceiling: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        _set(self, "description", _required("area.areaDesc", self.description))
        _set(
            self,
            "polygons",
            tuple(
                _ring(f"area.polygon[{i}]", r)
                for i, r in enumerate(_tuple("area.polygon", self.polygons))
            ),
        )
        _set(self, "circles", _values("area.circle", self.circles, Circle))
        _set(self, "geocodes", _pairs("area.geocode", self.geocodes))
        _set(self, "altitude", _decimal("area.altitude", self.altitude))
        _set(self, "ceiling", _decimal("area.ceiling", self.ceiling))


@final
@attrs.frozen
class Resource:
    """A file that goes with an alert (``<resource>``): an image, a map, a recording.

    >>> Resource("Carte", "image/png", uri="https://status.lumea.fr/carte.png").mime_type
    'image/png'
    """

    description: str
    mime_type: str
    size: int | None = None
    uri: str | None = None
    deref_uri: str | None = None
    digest: str | None = None

    def __attrs_post_init__(self) -> None:
        _set(self, "description", _required("resource.resourceDesc", self.description))
        _set(self, "mime_type", _required("resource.mimeType", self.mime_type))
        if self.size is not None and (
            isinstance(self.size, bool) or not isinstance(self.size, int)
        ):
            raise CapError.for_field("resource.size", "an int (bytes)", self.size)
        _set(self, "uri", _text("resource.uri", self.uri))
        _set(self, "deref_uri", _text("resource.derefUri", self.deref_uri))
        _set(self, "digest", _text("resource.digest", self.digest))


@final
@attrs.frozen
class Info:
    """One ``<info>`` block: the alert in one language.

    Field names follow CAP's elements in snake case (`sender_name` is
    ``<senderName>``); repeated elements are tuples in the plural
    (`categories`, `areas`, ...).

    >>> from crisiscomms import CapCategory, CapSeverity
    >>> info = Info(language="fr-FR", categories=(CapCategory.SECURITY,),
    ...             event="Violation de données", urgency="Immediate",
    ...             severity=CapSeverity.SEVERE, certainty="Observed")
    >>> info.urgency
    <Urgency.IMMEDIATE: 'Immediate'>
    """

    categories: tuple[CapCategory, ...]
    event: str
    urgency: Urgency
    severity: CapSeverity
    certainty: Certainty
    language: str = "en-US"
    response_types: tuple[ResponseType, ...] = ()
    audience: str | None = None
    event_codes: tuple[ValuePair, ...] = ()
    effective: datetime | None = None
    onset: datetime | None = None
    expires: datetime | None = None
    sender_name: str | None = None
    headline: str | None = None
    description: str | None = None
    instruction: str | None = None
    web: str | None = None
    contact: str | None = None
    parameters: tuple[ValuePair, ...] = ()
    resources: tuple[Resource, ...] = ()
    areas: tuple[Area, ...] = ()

    def __attrs_post_init__(self) -> None:
        language = _required("info.language", self.language)
        if not LANGUAGE.fullmatch(language):
            raise CapError.for_field(
                "info.language", "a language tag such as fr-FR (RFC 3066)", self.language
            )
        _set(self, "language", language)
        categories = _tuple("info.category", self.categories)
        if not categories:
            raise CapError.for_field("info.category", "at least one category", self.categories)
        _set(
            self, "categories", tuple(_choice("info.category", CapCategory, c) for c in categories)
        )
        _set(self, "event", _required("info.event", self.event))
        _set(self, "urgency", _choice("info.urgency", Urgency, self.urgency))
        _set(self, "severity", _choice("info.severity", CapSeverity, self.severity))
        _set(self, "certainty", _choice("info.certainty", Certainty, self.certainty))
        _set(
            self,
            "response_types",
            tuple(
                _choice("info.responseType", ResponseType, r)
                for r in _tuple("info.responseType", self.response_types)
            ),
        )
        for name, element in (
            ("audience", "audience"),
            ("sender_name", "senderName"),
            ("headline", "headline"),
            ("description", "description"),
            ("instruction", "instruction"),
            ("web", "web"),
            ("contact", "contact"),
        ):
            _set(self, name, _text(f"info.{element}", getattr(self, name)))
        for name in ("effective", "onset", "expires"):
            _set(self, name, _optional_time(f"info.{name}", getattr(self, name)))
        _set(self, "event_codes", _pairs("info.eventCode", self.event_codes))
        _set(self, "parameters", _pairs("info.parameter", self.parameters))
        _set(self, "resources", _values("info.resource", self.resources, Resource))
        _set(self, "areas", _values("info.area", self.areas, Area))


@final
@attrs.frozen
class Alert:
    """A CAP 1.2 alert: who sends it, when, how to handle it, and one `Info` per language.

    Build one with `to_cap_alert` from a plan and its drafts, or with
    `read_cap_xml` from a received alert; `to_xml` writes it. Field names
    follow CAP's elements in snake case (`msg_type` is ``<msgType>``);
    repeated elements are tuples in the plural (`codes`, `infos`, ...).

    >>> from datetime import datetime, timezone
    >>> alert = Alert(identifier="lumea-2411-1", sender="alerts@lumea.fr",
    ...               sent=datetime(2026, 11, 24, 9, 0, 12, 345, tzinfo=timezone.utc),
    ...               status="Exercise", msg_type="Alert", scope="Public")
    >>> alert.sent.isoformat(), alert.status
    ('2026-11-24T09:00:12+00:00', <Status.EXERCISE: 'Exercise'>)
    >>> str(alert.reference)
    'alerts@lumea.fr,lumea-2411-1,2026-11-24T09:00:12-00:00'
    """

    identifier: str
    sender: str
    sent: datetime
    status: Status
    msg_type: MessageType
    scope: Scope
    source: str | None = None
    restriction: str | None = None
    addresses: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    note: str | None = None
    references: tuple[Reference, ...] = ()
    incidents: tuple[str, ...] = ()
    infos: tuple[Info, ...] = ()

    def __attrs_post_init__(self) -> None:
        _set(self, "identifier", _required("identifier", self.identifier))
        _set(self, "sender", _required("sender", self.sender))
        _set(self, "sent", check_aware("sent", self.sent))
        _set(self, "status", _choice("status", Status, self.status))
        _set(self, "msg_type", _choice("msgType", MessageType, self.msg_type))
        _set(self, "scope", _choice("scope", Scope, self.scope))
        for name in ("source", "restriction", "note"):
            _set(self, name, _text(name, getattr(self, name)))
        _set(self, "addresses", _texts("addresses", self.addresses))
        _set(self, "codes", _texts("code", self.codes))
        _set(self, "incidents", _texts("incidents", self.incidents))
        _set(self, "references", _values("references", self.references, Reference))
        _set(self, "infos", _values("info", self.infos, Info))

    @property
    def reference(self) -> Reference:
        """This alert as an update or a cancellation cites it."""
        return Reference(self.sender, self.identifier, self.sent)

    @property
    def languages(self) -> tuple[str, ...]:
        """The language of each `Info` block, in order."""
        return tuple(info.language for info in self.infos)

    def info(self, language: str, /) -> Info:
        """The block in `language` (``fr-FR``; ``fr_FR`` and any case work too).

        Raises:
            CapError: when the alert has no block in that language.
        """
        wanted = language.replace("_", "-").lower() if isinstance(language, str) else language
        for info in self.infos:
            if info.language.lower() == wanted:
                return info
        raise CapError.for_field(
            "info.language",
            f"one of the alert's languages ({', '.join(self.languages) or 'none'})",
            language,
        )

    def to_records(self) -> list[CapInfoRecord]:
        """One flat dict per `Info` block, all with the same keys: ``pandas.DataFrame(rows)``.

        Instants are ``datetime``s as the alert holds them (`to_xml` writes
        them in CAP's form), categories and areas lists.

        >>> from datetime import datetime, timezone
        >>> from crisiscomms import CapCategory
        >>> alert = Alert(identifier="a1", sender="alerts@lumea.fr",
        ...               sent=datetime(2026, 11, 24, 9, tzinfo=timezone.utc),
        ...               status="Actual", msg_type="Alert", scope="Public",
        ...               infos=[Info(categories=[CapCategory.INFRA], event="Panne",
        ...                           urgency="Immediate", severity="Moderate",
        ...                           certainty="Observed", language="fr-FR")])
        >>> alert.to_records()[0]["language"], alert.to_records()[0]["categories"]
        ('fr-FR', ['Infra'])
        """
        return [
            CapInfoRecord(
                identifier=self.identifier,
                sender=self.sender,
                sent=self.sent,
                status=self.status.value,
                msg_type=self.msg_type.value,
                language=info.language,
                categories=[c.value for c in info.categories],
                event=info.event,
                urgency=info.urgency.value,
                severity=info.severity.value,
                certainty=info.certainty.value,
                expires=info.expires,
                headline=info.headline,
                areas=[a.description for a in info.areas],
                web=info.web,
            )
            for info in self.infos
        ]

    def __repr__(self) -> str:
        """A short summary; `to_xml` writes the whole alert, `to_records` its blocks."""
        return (
            f"Alert(identifier={self.identifier!r}, sender={self.sender!r},"
            f" sent={self.sent.isoformat()!r}, {self.status.value} {self.msg_type.value},"
            f" {len(self.infos)} info blocks: {', '.join(self.languages) or 'none'})"
        )

    def _repr_html_(self) -> str:
        """An HTML table for notebooks: one row per block, every value escaped."""
        rows = [
            {
                "language": r["language"],
                "event": r["event"],
                "severity": r["severity"],
                "urgency": r["urgency"],
                "headline": r["headline"],
                "areas": "; ".join(r["areas"]),
                "expires": None
                if r["expires"] is None
                else format_datetime("expires", r["expires"]),
            }
            for r in self.to_records()
        ]
        return html_table(
            rows,
            caption=f"CAP {self.msg_type.value} {self.identifier} from {self.sender},"
            f" {self.status.value}, sent {format_datetime('sent', self.sent)}",
        )

    def to_xml(self) -> str:
        """The alert as CAP 1.2 XML, after checking the rules the schema does not.

        The rules (see the how-to "Publish a CAP alert"): `sender` and
        `identifier` without spaces, commas, ``<`` or ``&``; `addresses` with
        a ``Private`` scope and a `restriction` with a ``Restricted`` one;
        `references` for an update, a cancellation, an acknowledgement or an
        error, each to an alert sent before this one; no two blocks in the
        same language; the same categories in every block; `expires` after
        `sent` and after `effective`; polygons closed, with at least four
        points.

        Every dateTime is written with whole seconds and a numeric offset
        (``-00:00`` for UTC), never ``Z``; every text is escaped.

        Raises:
            CapError: naming the first field that breaks a rule, or a text
                that holds a character XML 1.0 cannot carry.
        """
        check_alert(self)
        return write_alert(self)
