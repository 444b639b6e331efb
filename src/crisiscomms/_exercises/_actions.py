"""The expected actions of a drill: each met (with its margin), late (with its lateness) or missed.

An action is done by the first thing the team did for it at or after the
time it counts from: a message to the stakeholder (first statements,
answers), a message naming the obligation (notifications), a rebuttal, a
message that rebuts the claim or comes from its rebuttal template
(rebuttals), a severity change to the level or above (escalations). A
missed action has an ``EXR005`` finding, a late one ``EXR006``; an action
the scenario's own mentions do not support has an ``EXR009`` finding.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import datetime, timedelta

from crisiscomms._exercises._log import ReadLog
from crisiscomms._exercises._score import ActionResult, ActionStatus, clock
from crisiscomms._findings import Finding
from crisiscomms._monitoring import match_claims, recommend_escalation
from crisiscomms.model._plan import Plan
from crisiscomms.model._scenario import ActionKind, ExpectedAction, Scenario

__all__ = ["judge_actions"]

#: How many mentions are searched at a time for a rumour's repetitions.
_CHUNK = 64


def judge_actions(
    plan: Plan, scenario: Scenario, read: ReadLog, findings: list[Finding]
) -> tuple[list[ActionResult], frozenset[str]]:
    """The result of each expected action of `scenario`, in inject order; findings appended.

    Also returns the ids of the actions left out of the score, each with its
    ``EXR009`` finding: those that name a stakeholder, obligation, claim or
    severity the plan does not know (no message of the team could meet
    them), and those the scenario's own mentions do not support.
    """
    messages, changes, rebuttals = read.messages, read.changes, read.rebuttals
    start = scenario.starts_at
    to_stakeholder: dict[str, list[tuple[datetime, str]]] = {}
    for_obligation: dict[str, list[tuple[datetime, str]]] = {}
    rebutting: dict[str, list[tuple[datetime, str]]] = {}
    key_claims: dict[str, list[str]] = {}
    for claim in plan.claims:
        if claim.rebuttal_key is not None:
            key_claims.setdefault(claim.rebuttal_key, []).append(claim.id)
    for entry in messages:
        sent = entry.sent
        done = (sent.sent_at, sent.label)
        to_stakeholder.setdefault(sent.stakeholder, []).append(done)
        for obligation in sent.obligations:
            for_obligation.setdefault(obligation, []).append(done)
        claims = set(entry.rebuts)
        if sent.template_id is not None:
            claims.update(key_claims.get(plan.template(sent.template_id).key, ()))
        for claim_id in claims:
            rebutting.setdefault(claim_id, []).append(done)
    for rebuttal in rebuttals:
        rebutting.setdefault(rebuttal.claim, []).append(
            (rebuttal.at, rebuttal.message or f"rebuttal of {rebuttal.claim}")
        )
    for done_list in rebutting.values():
        done_list.sort()
    results = []
    for inject in scenario.injects:
        for action in inject.expected:
            since = start + action.counts_from
            found: tuple[datetime, str] | None = None
            if action.kind in {ActionKind.FIRST_STATEMENT, ActionKind.ANSWER}:
                found = _first(to_stakeholder.get(action.stakeholder or "", []), since)
            elif action.kind is ActionKind.NOTIFICATION:
                found = _first(for_obligation.get(action.obligation or "", []), since)
            elif action.kind is ActionKind.REBUTTAL:
                found = _first(rebutting.get(action.claim or "", []), since)
            elif action.severity in {s.id for s in plan.severities}:
                wanted = plan.severity_rank(action.severity or "")
                raised = [
                    (c.at, f"severity {c.severity} declared")
                    for c in changes
                    if plan.severity_rank(c.severity) >= wanted
                ]
                found = _first(raised, since)
            result = _result(action, inject.id, found, scenario)
            results.append(result)
            if result.status is ActionStatus.MISSED:
                findings.append(
                    Finding.of(
                        "EXR005",
                        f"{action.description} (inject {inject.id}) was due at"
                        f" T+{clock(action.due)} and was not done in the drill; train this step",
                        subject=action.id,
                    )
                )
            elif result.status is ActionStatus.LATE:
                findings.append(
                    Finding.of(
                        "EXR006",
                        f"{action.description} (inject {inject.id}) was due at"
                        f" T+{clock(action.due)}; {result.done_by} came"
                        f" {clock(result.lateness or timedelta(0))} late",
                        subject=action.id,
                    )
                )

    # -- targets the plan knows, evidence for rebuttals and escalations ------
    left_out: set[str] = set()
    for result in results:
        action = result.action
        unknown = _unknown_targets(plan, action)
        if unknown:
            left_out.add(action.id)
            findings.append(
                Finding.of(
                    "EXR009",
                    f"expected action {action.id} names {unknown}, unknown to the plan: no"
                    " message of the team could meet it; the scenario does not fit the plan,"
                    " it is left out of the score",
                    subject=action.id,
                )
            )
            continue
        if action.kind is ActionKind.REBUTTAL and not _repeated(scenario, action, plan):
            left_out.add(action.id)
            findings.append(
                Finding.of(
                    "EXR009",
                    f"expected action {action.id}: no mention of the scenario repeats claim"
                    f" {action.claim!r}; the scenario does not support it, it is left out"
                    " of the score",
                    subject=action.id,
                )
            )
        # The rules' evidence is recomputed where the team did not raise the level in
        # time: that is where the finding must show the scenario supports the call.
        if (
            action.kind is ActionKind.ESCALATION
            and result.status is not ActionStatus.MET
            and not _escalation_supported(plan, scenario, action)
        ):
            left_out.add(action.id)
            findings.append(
                Finding.of(
                    "EXR009",
                    f"expected action {action.id}: the plan's rules do not call for"
                    f" {action.severity!r} at T+{clock(action.counts_from)} on the"
                    " scenario's mentions; the scenario does not support it, it is left out"
                    " of the score",
                    subject=action.id,
                )
            )

    return results, frozenset(left_out)


def _unknown_targets(plan: Plan, action: ExpectedAction) -> str:
    """What the action names that the plan does not know, in words ("" when all is known)."""
    named = (
        ("stakeholder", action.stakeholder, {s.id for s in plan.stakeholders}),
        ("obligation", action.obligation, {o.id for o in plan.obligations}),
        ("claim", action.claim, {c.id for c in plan.claims}),
        ("severity", action.severity, {s.id for s in plan.severities}),
    )
    return ", ".join(
        f"{kind} {value!r}"
        for kind, value, known in named
        if value is not None and value not in known
    )


def _result(
    action: ExpectedAction, inject: str, done: tuple[datetime, str] | None, scenario: Scenario
) -> ActionResult:
    due = scenario.starts_at + action.due
    if done is not None:
        at, by = done
        if at <= due:
            return ActionResult(action, inject, ActionStatus.MET, at, by, margin=due - at)
        return ActionResult(action, inject, ActionStatus.LATE, at, by, lateness=at - due)
    if due <= scenario.ends_at:
        return ActionResult(action, inject, ActionStatus.MISSED, lateness=scenario.ends_at - due)
    return ActionResult(action, inject, ActionStatus.OPEN)


def _first(
    candidates: Sequence[tuple[datetime, str]], since: datetime
) -> tuple[datetime, str] | None:
    times = [c[0] for c in candidates]
    index = bisect.bisect_left(times, since)
    return candidates[index] if index < len(candidates) else None


def _repeated(scenario: Scenario, action: ExpectedAction, plan: Plan) -> bool:
    """Whether a mention of the scenario repeats the action's claim (read a chunk at a time).

    The search starts at the first mention the action counts from (the burst's),
    so a rumour is found in the first chunk however long the feed.
    """
    mentions = scenario.mentions
    since = scenario.starts_at + action.counts_from
    ordered = sorted(mentions, key=lambda m: m.at)
    first = bisect.bisect_left([m.at for m in ordered], since)
    mentions = (*ordered[first:], *ordered[:first])
    for begin in range(0, len(mentions), _CHUNK):
        chunk = mentions[begin : begin + _CHUNK]
        if any(m.claim == action.claim for m in match_claims(chunk, plan.claims)):
            return True
    return False


def _escalation_supported(plan: Plan, scenario: Scenario, action: ExpectedAction) -> bool:
    """Whether the plan's rules call for the action's severity on the mentions seen by then."""
    at = scenario.starts_at + action.counts_from
    seen = [m for m in scenario.mentions if m.at <= at]
    if not seen:
        return False
    call = recommend_escalation(plan, scenario.situation_at(action.counts_from), seen, now=at)
    return call is not None and plan.severity_rank(call.to_severity) >= plan.severity_rank(
        action.severity or ""
    )
