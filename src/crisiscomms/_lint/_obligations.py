"""Obligations: a legal deadline needs a pre-approved message on a channel of its addressee.

For each crisis type an obligation covers, at its `min_severity` (else the
type's default severity, else the stakeholder's own threshold when that is
higher), selection must find an approved initial template for one of the
stakeholder's channels and locales; otherwise the deadline can only be met
by writing and approving a text while the clock runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from crisiscomms._findings import Finding
from crisiscomms._selection import Chooser, Selection, Target
from crisiscomms.model._base import Phase
from crisiscomms.model._plan import Plan, Situation

__all__ = ["obligation_findings"]


def obligation_findings(plan: Plan, now: datetime) -> Iterator[Finding]:
    """PLN070 for each obligation and crisis type without an approved template."""
    for obligation in plan.obligations:
        holder = plan.stakeholder(obligation.stakeholder)
        types = obligation.crisis_types or tuple(c.id for c in plan.crisis_types)
        missing: list[str] = []
        for crisis_type in types:
            levels = [plan.crisis_type(crisis_type).default_severity]
            if obligation.min_severity is not None:
                levels = [obligation.min_severity]
            if holder.min_severity is not None:
                levels.append(holder.min_severity)
            severity = max(levels, key=plan.severity_rank)
            situation = Situation(
                crisis_type=crisis_type, severity=severity, phase=Phase.INITIAL, detected_at=now
            )
            chooser = Chooser(plan, situation, now, allow_unapproved=False)
            if not any(
                isinstance(chooser.choose(Target(holder, plan.channel(c), loc)), Selection)
                for c in holder.channels
                for loc in holder.locales
            ):
                missing.append(f"{crisis_type} at {severity}")
        if missing:
            yield Finding.of(
                "PLN070",
                f"obligation {obligation.id!r} ({obligation.reference or obligation.label})"
                f" must reach {holder.id!r}, but none of its channels"
                f" ({', '.join(holder.channels)}) has an approved initial template for"
                f" {'; '.join(missing)}: the deadline cannot be met with a pre-approved"
                f" message; write and approve one scoped to stakeholder {holder.id!r}",
                subject=obligation.id,
            )
