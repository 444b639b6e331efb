"""Roles and people: required roles held, deputies, approval chains that can be met.

Crisis doctrine asks for a named holder and a deputy for every role that
speaks or approves (CDC CERC, NIMS PIO guidance): a role held by one person
only is a single point of failure on the day that person is away.
"""

from __future__ import annotations

from collections.abc import Iterator

from crisiscomms._findings import Finding
from crisiscomms._selection import approver_roles
from crisiscomms.model._plan import Plan

__all__ = ["role_findings"]


def holders(plan: Plan) -> dict[str, list[str]]:
    """Each role id and the ids of the people who hold it, in plan order."""
    held: dict[str, list[str]] = {role.id: [] for role in plan.roles}
    for person in plan.people:
        for role in dict.fromkeys(person.roles):
            held.setdefault(role, []).append(person.id)
    return held


def role_findings(plan: Plan) -> Iterator[Finding]:
    """PLN001 to PLN004: roles nobody holds, single holders, unmeetable approvals."""
    if not plan.people:
        yield Finding.of(
            "PLN004",
            "the plan names no people: nobody can approve a message, speak for the"
            " organisation or hold a crisis role; add the crisis team under 'people'",
            subject="people",
        )
    held = holders(plan)
    approving = {r for s in plan.severities for r in approver_roles(plan, s)}
    for role in plan.roles:
        people = held.get(role.id, [])
        if role.required and not people:
            yield Finding.of(
                "PLN001",
                f"required role {role.id!r} ({role.label}) is held by nobody; name a holder"
                " and a deputy among the plan's people",
                subject=role.id,
            )
        elif len(people) == 1 and (role.required or role.id in approving):
            why = "required" if role.required else "approving"
            yield Finding.of(
                "PLN002",
                f"{why} role {role.id!r} ({role.label}) is held by {people[0]!r} only: a"
                " single point of failure; give the role to a deputy as well",
                subject=role.id,
            )
    for severity in plan.severities:
        roles = approver_roles(plan, severity)
        able = {p.id for p in plan.people if roles.intersection(p.roles)}
        if len(able) < severity.approvals_required:
            names = ", ".join(sorted(roles)) or "none: no role has can_approve"
            yield Finding.of(
                "PLN003",
                f"severity {severity.id!r} requires {severity.approvals_required} approvers"
                f" holding one of its approver roles ({names}), but only {len(able)}"
                f" {'person holds' if len(able) == 1 else 'people hold'} one: no message can"
                " ever be approved at this level; give these roles to more people or lower"
                " approvals_required",
                subject=severity.id,
            )
