"""How the plan's scopes read: what applies to a situation, and who is concerned.

Two rules that several capabilities apply, written once:

- an **empty scope list means any**: a template, obligation or escalation
  rule that names no crisis type (severity, stakeholder, channel) applies to
  every one;
- a stakeholder is **concerned** by a situation when the situation's crisis
  type is among its `crisis_types` (or it names none), it has no
  `min_severity` or one at or below the situation's, and the situation does
  not restrict its stakeholders to others; a stakeholder not concerned gets
  no draft, no first-statement, obligation or update deadline;
- a stakeholder's **update cadence** is its own `update_every`, else the
  severity's; ``"none"`` means no cadence (no update deadline).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from crisiscomms.model._elements import Stakeholder
from crisiscomms.model._plan import Plan, Situation

__all__ = ["cadence", "concerned_stakeholders", "concerns", "in_scope", "reaches"]


def in_scope(scope: Collection[str], value: str) -> bool:
    """True when `scope` names `value`, or names nothing: an empty scope list means any.

    >>> in_scope((), "data-breach"), in_scope(("data-breach",), "data-breach")
    (True, True)
    >>> in_scope(("service-outage",), "data-breach")
    False
    """
    return not scope or value in scope


def reaches(plan: Plan, min_severity: str | None, severity: str) -> bool:
    """True when `severity` is at or above `min_severity` on the plan's scale (None: always).

    >>> from crisiscomms.samples import demo_plan
    >>> reaches(demo_plan(), "high", "critical"), reaches(demo_plan(), "high", "moderate")
    (True, False)
    """
    return min_severity is None or plan.severity_rank(min_severity) <= plan.severity_rank(severity)


def concerns(plan: Plan, stakeholder: Stakeholder, crisis_type: str, severity: str) -> bool:
    """True when a crisis of this type and severity concerns `stakeholder` (its scope and level).

    >>> from crisiscomms.samples import demo_plan
    >>> plan = demo_plan()
    >>> concerns(plan, plan.stakeholder("investors"), "data-breach", "moderate")
    False
    >>> media = plan.stakeholder("media")
    >>> only_breaches = media.model_copy(update={"crisis_types": ("data-breach",)})
    >>> concerns(plan, only_breaches, "data-breach", "high")
    True
    >>> concerns(plan, only_breaches, "service-outage", "critical")
    False
    """
    return in_scope(stakeholder.crisis_types, crisis_type) and reaches(
        plan, stakeholder.min_severity, severity
    )


def cadence(plan: Plan, stakeholder: Stakeholder, severity: str) -> timedelta | None:
    """The time between updates to `stakeholder` at `severity`: its own, else the severity's.

    None when the stakeholder has no cadence (``update_every="none"``).

    >>> from crisiscomms.samples import demo_plan
    >>> plan = demo_plan()
    >>> cadence(plan, plan.stakeholder("media"), "high")
    datetime.timedelta(seconds=7200)
    >>> once = plan.stakeholder("media").model_copy(update={"update_every": "none"})
    >>> cadence(plan, once, "high") is None
    True
    """
    own = stakeholder.update_every
    if own is None:
        return plan.severity(severity).update_every
    # The only text update_every takes is NO_CADENCE.
    return own if isinstance(own, timedelta) else None


def concerned_stakeholders(plan: Plan, situation: Situation) -> tuple[Stakeholder, ...]:
    """The stakeholders the situation concerns (`concerns`), within its restriction, in plan order.

    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> [s.id for s in concerned_stakeholders(demo_plan(), demo_situation())][:3]
    ['customers', 'employees', 'media']
    """
    restriction = None if situation.stakeholders is None else set(situation.stakeholders)
    return tuple(
        s
        for s in plan.stakeholders
        if (restriction is None or s.id in restriction)
        and concerns(plan, s, situation.crisis_type, situation.severity)
    )
