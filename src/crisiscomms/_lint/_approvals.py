"""Approvals kept current: void, expired, expiring soon, signed by the wrong people.

The verdict on each approval is `crisiscomms.approval_status`'s (through
`judge_approval`), judged at the lowest severity the template is scoped to;
the lint adds what only matters before a crisis: the approvals that will
expire within the horizon, and approvers who hold no approving role today.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from crisiscomms._findings import Finding
from crisiscomms._selection import approver_roles, judge_approval
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.model._plan import Plan
from crisiscomms.text._instants import instant

__all__ = ["approval_findings"]

# The APR code of approval_status and the lint code that reports it before a crisis.
_CODES = {"APR001": "PLN024", "APR002": "PLN020", "APR003": "PLN021", "APR005": "PLN023"}


def _level_of(plan: Plan, template: MessageTemplate) -> str:
    ids = {s.id for s in plan.severities}
    scoped = [s for s in template.severities if s in ids]
    return min(scoped, key=plan.severity_rank) if scoped else plan.severities[0].id


def approval_findings(plan: Plan, now: datetime, expiring_within: timedelta) -> Iterator[Finding]:
    """PLN020 to PLN024, one finding per problem of each template's approval."""
    approving = {r for s in plan.severities for r in approver_roles(plan, s)}
    roles_of = {p.id: set(p.roles) for p in plan.people}
    roles = {s.id: approver_roles(plan, s) for s in plan.severities}
    for template in plan.templates:
        level = plan.severity(_level_of(plan, template))
        state = judge_approval(template, plan, level, now, roles[level.id])
        for finding in state.findings:
            code = _CODES.get(finding.code)
            if code is not None:
                yield Finding.of(code, finding.message, subject=template.id)
        approval = template.approval
        if approval is None:
            continue
        expires = approval.expires_at
        # On the UTC time line: no overflow near year 9999, no wall clocks in a fold.
        if (
            expires is not None
            and timedelta(0) < instant(expires) - instant(now) <= expiring_within
        ):
            days = (expires - now).days
            yield Finding.of(
                "PLN022",
                f"the approval expires on {expires.date().isoformat()}"
                f" ({expires.isoformat(timespec='minutes')}), in {days} day"
                f"{'' if days == 1 else 's'}; have the template approved again before then",
                subject=template.id,
            )
        idle = [
            person
            for person in dict.fromkeys(approval.approved_by)
            if person in roles_of and not roles_of[person] & approving
        ]
        if idle:
            yield Finding.of(
                "PLN023",
                f"the approval names {', '.join(repr(p) for p in idle)}, who no longer"
                f" {'holds' if len(idle) == 1 else 'hold'} an approving role"
                f" ({', '.join(sorted(approving)) or 'none in the plan'}); have an approver"
                " approve the template again",
                subject=template.id,
            )
