"""Reading the team's log: what fits the plan and the scenario is scored, the rest reported.

An entry that names an unknown stakeholder, channel, template, obligation,
claim, severity or person, or comes before the drill started, is left out
of the score with an ``EXR009`` finding that says why; entries out of time
order are scored in time order, with an ``EXR010`` finding. Nothing is
dropped silently.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from typing import Any, final

import attrs

from crisiscomms._findings import Finding
from crisiscomms.model._plan import Plan
from crisiscomms.model._scenario import (
    ExerciseLog,
    ExerciseMessage,
    Rebuttal,
    Scenario,
    SeverityChange,
    TemplateApproval,
)
from crisiscomms.text._platforms import RULES

__all__ = ["LogReader", "ReadLog"]


@final
@attrs.frozen
class ReadLog:
    """The entries of a log that are scored, each list in time order."""

    messages: list[ExerciseMessage]
    changes: list[SeverityChange]
    rebuttals: list[Rebuttal]
    approvals: list[TemplateApproval]
    participants: tuple[str, ...]


@final
@attrs.define
class LogReader:
    """Reads a log against the plan and the scenario, gathering the findings about it."""

    plan: Plan
    scenario: Scenario
    log: ExerciseLog
    findings: list[Finding] = attrs.Factory(list)

    def read(self) -> ReadLog:
        """The entries that are scored; the findings about the others are in `findings`."""
        plan, log = self.plan, self.log
        messages = self.messages()
        changes = self.timed(
            "severity_changes", log.severity_changes, {s.id for s in plan.severities}, "severity"
        )
        rebuttals = self.timed("rebuttals", log.rebuttals, {c.id for c in plan.claims}, "claim")
        known_templates = {t.id for t in plan.templates}
        approvals = []
        for i, given in enumerate(log.approvals):
            if given.template_id in known_templates:
                approvals.append(given)
            else:
                self.problem(
                    "approvals", f"approvals[{i}]: unknown template {given.template_id!r}"
                )
        approvals.sort(key=lambda a: a.approval.approved_at)
        return ReadLog(messages, changes, rebuttals, approvals, self.participants())

    def problem(self, subject: str, what: str) -> None:
        """Report an entry left out of the score (`EXR009`)."""
        self.findings.append(
            Finding.of("EXR009", f"{what}; it is left out of the score", subject=subject)
        )

    # -- the log -------------------------------------------------------------

    def messages(self) -> list[ExerciseMessage]:
        plan, start = self.plan, self.scenario.starts_at
        stakeholders = {s.id for s in plan.stakeholders}
        channels = {c.id for c in plan.channels} | set(RULES)
        templates = {t.id for t in plan.templates}
        obligations = {o.id for o in plan.obligations}
        claims = {c.id for c in plan.claims}
        kept = []
        for i, entry in enumerate(self.log.messages):
            sent = entry.sent
            subject = sent.label
            problems = []
            if sent.stakeholder not in stakeholders:
                problems.append(f"unknown stakeholder {sent.stakeholder!r}")
            if sent.channel not in channels:
                problems.append(f"{sent.channel!r} is neither a channel nor a platform")
            if sent.template_id is not None and sent.template_id not in templates:
                problems.append(f"unknown template {sent.template_id!r}")
            problems.extend(
                f"unknown obligation {o!r}" for o in sent.obligations if o not in obligations
            )
            problems.extend(f"rebuts unknown claim {c!r}" for c in entry.rebuts if c not in claims)
            if sent.sent_at < start:
                problems.append(f"sent at {sent.sent_at.isoformat()}, before the drill started")
            if problems:
                self.problem(subject, f"messages[{i}] ({subject}): " + "; ".join(problems))
            else:
                kept.append(entry)
        self.order("messages", [e.sent.sent_at for e in self.log.messages])
        return sorted(kept, key=lambda e: e.sent.sent_at)

    def order(self, what: str, times: Sequence[datetime]) -> None:
        if any(later < earlier for earlier, later in itertools.pairwise(times)):
            self.findings.append(
                Finding.of(
                    "EXR010",
                    f"the log's {what} are not in time order; they are scored in time order",
                    subject=what,
                )
            )

    def timed(self, what: str, entries: Sequence[Any], known: set[str], field: str) -> list[Any]:
        kept = []
        for i, entry in enumerate(entries):
            value = getattr(entry, field)
            if value not in known:
                self.problem(what, f"{what}[{i}]: unknown {field} {value!r}")
            elif entry.at < self.scenario.starts_at:
                self.problem(
                    what, f"{what}[{i}]: at {entry.at.isoformat()}, before the drill started"
                )
            else:
                kept.append(entry)
        self.order(what, [e.at for e in entries])
        return sorted(kept, key=lambda e: e.at)

    def participants(self) -> tuple[str, ...]:
        people = {p.id for p in self.plan.people}
        for i, person in enumerate(self.log.participants):
            if person not in people:
                self.problem("participants", f"participants[{i}]: unknown person {person!r}")
        return tuple(p for p in self.log.participants if p in people)
