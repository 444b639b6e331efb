"""CAP 1.2: a crisis as an OASIS Common Alerting Protocol alert, and alerts read back.

This is a documented public namespace, imported on its own
(``from crisiscomms import cap``); the top level does not import it.
`to_cap_alert` maps a plan, a situation and its drafts to an `Alert` (one
`Info` block per language), `Alert.to_xml` checks the rules the OASIS schema
leaves out and writes XML valid against it, `to_cap_xml` does both, and
`read_cap_xml` reads any CAP 1.2 alert, safely, into the same values.

>>> from datetime import datetime, timezone
>>> from crisiscomms import cap, draft_responses
>>> from crisiscomms.samples import demo_plan, demo_situation
>>> plan, situation = demo_plan(), demo_situation()
>>> now = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
>>> drafts = draft_responses(plan, situation, now=now)
>>> alert = cap.to_cap_alert(plan, situation, drafts, sender="alerts@lumea.fr",
...                          identifier="lumea-2411-1", sent=now, area="France")
>>> cap.read_cap_xml(alert.to_xml()) == alert
True
>>> [(info.language, info.severity.value) for info in alert.infos]
[('fr-FR', 'Severe'), ('en-GB', 'Severe')]
"""

# Layout: _vocabulary (code lists, dateTime), _fields (the form of each value),
# _alert (the values), _rules (what the XSD does not check), _writer and _reader
# (XML both ways), _export (from a plan and its drafts). Capabilities below it:
# drafting and rendering.

from __future__ import annotations

from crisiscomms._errors import CapError
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
from crisiscomms.cap._export import to_cap_alert, to_cap_xml
from crisiscomms.cap._reader import read_cap_xml
from crisiscomms.cap._vocabulary import (
    NAMESPACE,
    Certainty,
    MessageType,
    ResponseType,
    Scope,
    Status,
    Urgency,
)
from crisiscomms.model._base import CapCategory, CapSeverity

__all__ = [
    "NAMESPACE",
    "Alert",
    "Area",
    "CapCategory",
    "CapError",
    "CapSeverity",
    "Certainty",
    "Circle",
    "Info",
    "MessageType",
    "Point",
    "Reference",
    "Resource",
    "ResponseType",
    "Scope",
    "Status",
    "Urgency",
    "ValuePair",
    "read_cap_xml",
    "to_cap_alert",
    "to_cap_xml",
]

# Show `crisiscomms.cap.Alert`, not the private module, in reprs and docs.
for _name in __all__:
    _obj = globals()[_name]
    if getattr(_obj, "__module__", "").startswith(("crisiscomms.cap.", "crisiscomms._errors")):
        _obj.__module__ = __name__
del _name, _obj
