"""How the plan's scopes read: what applies to a situation, and who is concerned.

Two rules that several capabilities apply, written once:

- an **empty scope list means any**: a template, obligation or escalation
  rule that names no crisis type (severity, stakeholder, channel) applies to
  every one;
- a stakeholder is **concerned** at a severity when it has no `min_severity`
  or one at or below the situation's, and the situation does not restrict
  its stakeholders to others.
"""

from __future__ import annotations

from collections.abc import Collection

from crisiscomms.model._elements import Stakeholder
from crisiscomms.model._plan import Plan, Situation

__all__ = ["concerned_stakeholders", "in_scope", "reaches"]


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


def concerned_stakeholders(plan: Plan, situation: Situation) -> tuple[Stakeholder, ...]:
    """The stakeholders told at the situation's severity, within its restriction, in plan order.

    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> [s.id for s in concerned_stakeholders(demo_plan(), demo_situation())][:3]
    ['customers', 'employees', 'media']
    """
    restriction = None if situation.stakeholders is None else set(situation.stakeholders)
    return tuple(
        s
        for s in plan.stakeholders
        if (restriction is None or s.id in restriction)
        and reaches(plan, s.min_severity, situation.severity)
    )
