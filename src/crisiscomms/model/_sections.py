"""The plan's element sections, in one table: what the loader and the checks derive.

A section is a list of a plan (``severities``, ``templates``, ...): its
element model, the field that identifies an element, what one element is
called in messages, and the fields that refer to other sections. The loader
validates each section's elements with the model, the reference checks
follow the references, and neither writes the list again.
"""

from __future__ import annotations

from typing import Final, final

import attrs
import pydantic

from crisiscomms.model._elements import (
    Channel,
    CrisisType,
    EscalationRule,
    FactSpec,
    KnownClaim,
    MessageTemplate,
    Obligation,
    Person,
    Role,
    Severity,
    Stakeholder,
)

__all__ = ["CHANNELS_OR_PLATFORMS", "SECTIONS", "TEMPLATE_KEYS", "Reference", "Section"]

#: A reference target that is not a section: the keys that templates define.
TEMPLATE_KEYS: Final = "templates.key"
#: A reference target that is not a section: a channel id or a platform name.
CHANNELS_OR_PLATFORMS: Final = "channels|platforms"


@final
@attrs.frozen
class Reference:
    """A field of an element that names elements of another section."""

    field: str
    target: str  # a section's name, TEMPLATE_KEYS or CHANNELS_OR_PLATFORMS
    many: bool = False  # a list of ids rather than one


@final
@attrs.frozen
class Section:
    """One list of a plan, with its element model, its key and its references."""

    name: str
    model: type[pydantic.BaseModel]
    key: str
    kind: str  # one element, in messages: "crisis type"
    references: tuple[Reference, ...] = ()
    # Fields that define names others refer to (a template's key and locale).
    defines: tuple[str, ...] = ()


def _one(field: str, target: str) -> Reference:
    return Reference(field, target)


def _many(field: str, target: str) -> Reference:
    return Reference(field, target, many=True)


SECTIONS: Final[tuple[Section, ...]] = (
    Section("severities", Severity, "id", "severity", (_many("approver_roles", "roles"),)),
    Section(
        "stakeholders",
        Stakeholder,
        "id",
        "stakeholder",
        (
            _many("channels", "channels"),
            _one("min_severity", "severities"),
            _many("crisis_types", "crisis_types"),
        ),
    ),
    Section("channels", Channel, "id", "channel"),
    Section("roles", Role, "id", "role"),
    Section("people", Person, "id", "person", (_many("roles", "roles"),)),
    Section(
        "crisis_types",
        CrisisType,
        "id",
        "crisis type",
        (_one("default_severity", "severities"),),
    ),
    Section("facts", FactSpec, "name", "fact"),
    Section(
        "templates",
        MessageTemplate,
        "id",
        "template",
        (
            _many("crisis_types", "crisis_types"),
            _many("severities", "severities"),
            _many("stakeholders", "stakeholders"),
            _many("channels", CHANNELS_OR_PLATFORMS),
        ),
        defines=("key", "locale"),
    ),
    Section(
        "obligations",
        Obligation,
        "id",
        "obligation",
        (
            _one("stakeholder", "stakeholders"),
            _many("crisis_types", "crisis_types"),
            _one("min_severity", "severities"),
            _one("after", "obligations"),
        ),
    ),
    Section("claims", KnownClaim, "id", "claim", (_one("rebuttal_key", TEMPLATE_KEYS),)),
    Section(
        "escalation_rules",
        EscalationRule,
        "id",
        "escalation rule",
        (_one("to_severity", "severities"), _many("crisis_types", "crisis_types")),
    ),
)
