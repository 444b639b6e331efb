"""The checks of arguments that public functions share, each worded once.

Every public function of the capability floor checks what it is given the
same way: a `Plan`, an aware `now`, a collection of records, an id the plan
knows. A wrong type raises `InputTypeError` (also a ``TypeError``), a wrong
value `InputValueError` (also a ``ValueError``), both `InputError`s.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import TypeVar

from crisiscomms._errors import InputError, NaiveDatetimeError, known_list
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.text._platforms import Platform

__all__ = [
    "addressed_in_plan",
    "aware",
    "collection_of",
    "known_id",
    "plan_of",
    "situation_of",
]

_T = TypeVar("_T")


def plan_of(value: object, argument: str = "plan") -> Plan:
    """`value` if it is a `Plan`, else the error that says how to get one.

    >>> plan_of({"name": "x"})
    Traceback (most recent call last):
    ...
    crisiscomms.InputTypeError: plan: ...; load it with crisiscomms.load_plan
    """
    if isinstance(value, Plan):
        return value
    hint = "load it with crisiscomms.load_plan" if isinstance(value, Mapping | str | bytes) else ""
    raise InputError.for_type(argument, "a crisiscomms.Plan", value, hint=hint)


def situation_of(value: object, argument: str = "situation") -> Situation:
    """`value` if it is a `Situation`, else the library's error."""
    if isinstance(value, Situation):
        return value
    raise InputError.for_type(argument, "a crisiscomms.Situation", value)


def aware(value: object, argument: str = "now") -> datetime:
    """`value` if it is an aware datetime; a naive one is a `NaiveDatetimeError`.

    >>> aware("2026-11-24T09:00")
    Traceback (most recent call last):
    ...
    crisiscomms.InputTypeError: now: expected an aware datetime, got str '2026-11-24T09:00'
    """
    if not isinstance(value, datetime):
        raise InputError.for_type(argument, "an aware datetime", value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError.for_value(argument, value)
    return value


def collection_of(
    value: object, item: type[_T], argument: str, *, what: str = "", fix: str = ""
) -> tuple[_T, ...]:
    """The items of an iterable `value`, each checked to be an `item`.

    One `item` passed where a collection is expected, a string, or a mapping
    each say so, with `fix` (what to pass instead) when given.

    >>> from crisiscomms import Mention
    >>> collection_of([], Mention, "mentions")
    ()
    >>> collection_of(42, Mention, "mentions")
    Traceback (most recent call last):
    ...
    crisiscomms.InputTypeError: mentions: expected an iterable of crisiscomms.Mention, got int 42
    """
    name = what or f"crisiscomms.{item.__name__}"
    expected = f"an iterable of {name}"
    if isinstance(value, item):
        hint = f"it is one {item.__name__}: pass a list, [{argument[:-1] or 'item'}]"
        raise InputError.for_type(argument, expected, value, hint=_join(hint, fix))
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InputError.for_type(argument, expected, value, hint=fix)
    items = tuple(value)
    for position, element in enumerate(items):
        if not isinstance(element, item):
            raise InputError.for_type(f"{argument}[{position}]", f"a {name}", element, hint=fix)
    return items


def known_id(value: object, known: Collection[str], *, argument: str, kind: str) -> str:
    """`value` if it is one of the `known` ids, else an error listing a few of them.

    >>> known_id("press", ["customers", "media"], argument="stakeholder", kind="stakeholder")
    Traceback (most recent call last):
    ...
    crisiscomms.InputValueError: stakeholder: ... got str 'press'; known: 'customers', 'media'
    """
    if not isinstance(value, str):
        raise InputError.for_type(argument, f"a {kind} id (str)", value)
    if value not in known:
        raise InputError.for_value(
            argument, f"the id of one of the plan's {kind}s", value, hint=known_list(known)
        )
    return value


def addressed_in_plan(items: Sequence[object], plan: Plan, *, argument: str) -> None:
    """Check that each item's ``stakeholder`` and ``channel`` are ids of `plan`.

    A channel may also be a platform name (``"x"``, ``"sms"``); a stakeholder
    of None addresses no one in particular. The first unknown id raises,
    with a few of the known ones.

    >>> from types import SimpleNamespace
    >>> from crisiscomms.samples import demo_plan
    >>> addressed_in_plan([SimpleNamespace(stakeholder="press", channel="sms")], demo_plan(),
    ...                   argument="messages")
    Traceback (most recent call last):
    ...
    crisiscomms.InputValueError: messages[0].stakeholder: expected the id of one of the plan's stakeholders, got str 'press'; known: 'customers', ...
    """  # noqa: E501
    stakeholders = {s.id for s in plan.stakeholders}
    channels = {c.id for c in plan.channels}
    platforms = {p.value for p in Platform}
    for position, item in enumerate(items):
        stakeholder = getattr(item, "stakeholder", None)
        if stakeholder is not None:
            known_id(
                stakeholder,
                stakeholders,
                argument=f"{argument}[{position}].stakeholder",
                kind="stakeholder",
            )
        channel = getattr(item, "channel", None)
        if channel not in channels and channel not in platforms:
            raise InputError.for_value(
                f"{argument}[{position}].channel",
                "the id of one of the plan's channels, or a platform name",
                channel,
                hint=known_list(channels) + "; or a platform name such as 'x' or 'sms'",
            )


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)
