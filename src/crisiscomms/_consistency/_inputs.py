"""The inputs of `check_consistency`, checked, and the specs of the facts.

The arguments are checked before anything is read (`InputError` names the
argument and what it expected). The facts a run knows are the plan's
(`FactSpec`: kind, cues, requirements), then those of the fact sheet the
plan does not describe, whose kind is inferred from their value.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfoNotFoundError

import attrs

from crisiscomms._arguments import collection_of
from crisiscomms._errors import InputError
from crisiscomms._message import Message
from crisiscomms.model._base import FactKind, Phase
from crisiscomms.model._facts import FactValue, decode_fact
from crisiscomms.model._plan import Plan
from crisiscomms.text._extraction import normalize_phone
from crisiscomms.text._zones import zone_tzinfo

__all__ = ["Spec", "checked_facts", "checked_messages", "checked_plan", "specs_of", "zone_name"]


@attrs.frozen
class Spec:
    """A fact as a run knows it: its name, kind, cues by language and requirements."""

    name: str
    kind: FactKind
    cues: Mapping[str, tuple[str, ...]]
    required: bool = False
    required_in: tuple[Phase, ...] = ()


def _inferred_kind(value: FactValue) -> FactKind:
    """The kind of a fact the plan does not describe, from its value."""
    if isinstance(value, datetime):
        return FactKind.DATETIME
    if isinstance(value, date):
        return FactKind.DATE
    if isinstance(value, time):
        return FactKind.TIME
    if isinstance(value, int | float | Decimal):
        return FactKind.NUMBER
    text = value.strip()
    if text.lower().startswith(("http://", "https://", "www.")):
        return FactKind.URL
    if "@" in text and " " not in text:
        return FactKind.EMAIL
    if normalize_phone(text) is not None and text.lstrip("+(").replace(" ", "")[:1].isdigit():
        return FactKind.PHONE
    return FactKind.TEXT


def specs_of(plan: Plan | None, facts: Mapping[str, FactValue]) -> list[Spec]:
    """The plan's facts in its order, then the fact sheet's others."""
    found: list[Spec] = []
    known: set[str] = set()
    if plan is not None:
        for spec in plan.facts:
            found.append(
                Spec(spec.name, spec.kind, spec.cues, spec.required, tuple(spec.required_in))
            )
            known.add(spec.name)
    found.extend(
        Spec(name, _inferred_kind(value), {}) for name, value in facts.items() if name not in known
    )
    return found


def checked_facts(facts: object) -> dict[str, FactValue]:
    """The fact sheet, each value decoded (JSON tags included); None gives no facts."""
    if facts is None:
        return {}
    if not isinstance(facts, Mapping):
        raise InputError.for_type("facts", "a mapping of fact names to values, or None", facts)
    checked: dict[str, FactValue] = {}
    for name, value in facts.items():
        if not isinstance(name, str):
            raise InputError.for_type("facts", "fact names as str", name)
        try:
            checked[name] = decode_fact(name, value)
        except ValueError as error:
            raise InputError.for_argument(
                f"facts[{name!r}]", "a fact value", value, hint=str(error)
            ) from None
    return checked


def checked_messages(messages: object) -> list[Message]:
    """The messages as a list, each a `Message`."""
    return list(
        collection_of(
            messages,
            Message,
            "messages",
            fix="build each with Message(text, channel=..., locale=...)",
        )
    )


def checked_plan(plan: object) -> Plan | None:
    """The plan, or None."""
    if plan is not None and not isinstance(plan, Plan):
        raise InputError.for_argument("plan", "a crisiscomms.Plan or None", plan)
    return plan


def zone_name(value: str | None, what: str) -> str | None:
    """`value` when it names a time zone (or is None); `what` names it in the error."""
    if value is None:
        return None
    try:
        zone_tzinfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InputError.for_argument(
            what, "an IANA time zone name such as 'Europe/Paris'", value
        ) from None
    return value
