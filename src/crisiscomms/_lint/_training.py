"""Training: exercises on a cadence, for the people in required roles and every risk.

UK Emergency Preparedness (chapter 5) and ISO 22361 ask for exercises at a
set interval; a team that has not drilled within it, a person in a required
role who took part in none, and a risk never exercised are reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from crisiscomms._findings import Finding
from crisiscomms._lint._roles import holders
from crisiscomms.model._plan import Plan

__all__ = ["training_findings"]


def training_findings(plan: Plan, now: datetime) -> Iterator[Finding]:
    """PLN090 to PLN093."""
    training = plan.training
    held = [e for e in training.exercises if e.held_at <= now]
    every = training.every
    if every is None:
        yield Finding.of(
            "PLN093",
            "the plan sets no training cadence: nothing says when the next exercise is due;"
            " set training.every (e.g. 180 days)",
            subject="training",
        )
    if not held:
        yield Finding.of(
            "PLN090",
            "no exercise is recorded: the plan has never been tried; hold one and record it"
            " under training.exercises",
            subject="training",
        )
    else:
        last = max(held, key=lambda e: e.held_at)
        if every is not None and now - last.held_at > every:
            yield Finding.of(
                "PLN090",
                f"the last exercise ({last.label!r}, {last.held_at.date().isoformat()}) is"
                f" {(now - last.held_at).days} days old, more than the cadence of"
                f" {every.days} days; hold the next one",
                subject="training",
            )
    if every is not None:
        recent = {p for e in held if now - e.held_at <= every for p in e.participants}
        required = {r.id for r in plan.roles if r.required}
        people = dict.fromkeys(
            person for role, ids in holders(plan).items() if role in required for person in ids
        )
        absent = [p for p in people if p not in recent]
        if absent:
            yield Finding.of(
                "PLN091",
                f"{', '.join(repr(p) for p in absent)} hold{'s' if len(absent) == 1 else ''}"
                f" a required role but took part in no exercise within the last {every.days}"
                " days; include them in the next one",
                subject="training",
            )
    exercised = {e.crisis_type for e in held}
    for crisis_type in plan.crisis_types:
        if crisis_type.id not in exercised:
            yield Finding.of(
                "PLN092",
                f"crisis type {crisis_type.id!r} ({crisis_type.label}) has never been"
                " exercised; plan a drill on it",
                subject=crisis_type.id,
            )
