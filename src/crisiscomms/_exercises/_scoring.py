"""`score_exercise`: how a team did in a drill, against the scenario and the plan.

The score follows HSEEP's evaluation: each expected action of the scenario
is met (with its margin), late (with its lateness), missed, or still open
at the end of the drill (`_actions`); the messages the team sent are judged
for timeliness (`evaluate_timeliness`), approval at send time
(`approval_status`), consistency with the facts as they stood when each was
sent (`check_consistency`), exercise marking and channel outages
(`_messages`), and coverage of the stakeholders, channels and languages
concerned (`_coverage`); what in the log does not fit is reported (`_log`).
Each part scores from 0 to 1; the overall score out of 100 is their
weighted mean (`SCORE_WEIGHTS`, overridable), over the parts that apply. The
values returned are in `_score`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta

from crisiscomms._arguments import plan_of
from crisiscomms._errors import InputError
from crisiscomms._exercises._actions import judge_actions
from crisiscomms._exercises._coverage import coverage_of
from crisiscomms._exercises._log import LogReader
from crisiscomms._exercises._messages import judge_messages

# The values of the score are defined in `_score`; they are also reachable here,
# where they were defined before, so that what was pickled from here still loads.
from crisiscomms._exercises._score import (
    SCORE_WEIGHTS,
    ActionResult,
    ActionStatus,
    ExerciseScore,
    ScorePart,
    weights_of,
)
from crisiscomms.model._plan import Plan
from crisiscomms.model._scenario import ActionKind, ExerciseLog, Scenario

__all__ = [
    "SCORE_WEIGHTS",
    "ActionResult",
    "ActionStatus",
    "ExerciseScore",
    "ScorePart",
    "score_exercise",
]


def score_exercise(
    plan: Plan,
    scenario: Scenario,
    log: ExerciseLog,
    /,
    *,
    weights: Mapping[str, float] | None = None,
) -> ExerciseScore:
    """Score a drill: what the team did (`log`) against the `scenario` and the `plan`.

    The parts, each from 0 to 1 (None when it does not apply), and their
    default weights (`SCORE_WEIGHTS`, overridable with `weights`):

    - ``actions`` (30): the expected actions other than escalations; met 1,
      late 0.5, missed 0; open ones (due after the end) are not scored;
    - ``timeliness`` (20): the plan's deadlines due by the end of the drill
      (`evaluate_timeliness` at the end, at the scenario's starting
      severity), met 1, met late 0.5, missed 0;
    - ``approvals`` (15): the share of messages sent from a template whose
      approval counted at send time (`approval_status`, with the approvals
      the log gives); hand-written messages are counted apart (``EXR008``);
    - ``consistency`` (10): the share of messages without a ``CON`` error,
      each checked against the facts as they stood when it was sent;
    - ``coverage`` (10): the mean of the shares of stakeholders, channels and
      languages reached among those concerned at the highest severity the
      drill reached (the scenario's or the team's);
    - ``escalation`` (5): the expected escalations, met 1, late 0.5, missed 0;
    - ``marking`` (10): the share of messages that carry their exercise marker.

    The overall score is 100 times the weighted mean of the parts that
    apply (0 when none does). Log entries that do not fit the plan or the
    scenario are reported (``EXR009``), never dropped silently.

    Args:
        plan: the plan the drill exercised.
        scenario: the drill (`generate_scenario`).
        log: what the team did.
        weights: part name to weight, merged over `SCORE_WEIGHTS`.

    Raises:
        InputError: arguments of the wrong type, or weights that are not
            finite numbers >= 0 for named parts.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms import ExerciseLog, generate_scenario
    >>> from crisiscomms.samples import demo_plan
    >>> drill = generate_scenario(demo_plan(), seed=7, crisis_type="data-breach",
    ...                           starts_at=datetime(2026, 12, 3, 9, tzinfo=timezone.utc))
    >>> score = score_exercise(demo_plan(), drill, ExerciseLog())
    >>> score.overall, score.findings[0].code
    (0.0, 'EXR005')
    """
    plan = plan_of(plan)
    if not isinstance(scenario, Scenario):
        raise InputError.for_type("scenario", "a crisiscomms.Scenario", scenario)
    if not isinstance(log, ExerciseLog):
        raise InputError.for_type("log", "a crisiscomms.ExerciseLog", log)
    weighting = weights_of(weights)
    initial = scenario.situation_at(timedelta(0))
    plan.check_situation(initial)
    reader = LogReader(plan, scenario, log)
    read = reader.read()
    findings = reader.findings
    results, left_out = judge_actions(plan, scenario, read, findings)
    judged = judge_messages(plan, scenario, initial, reader, read)
    coverage = coverage_of(reader, read, judged, initial)

    def credit(results_of: list[ActionResult]) -> float | None:
        credits = [c for r in results_of if (c := r.status.credit) is not None]
        return sum(credits) / len(credits) if credits else None

    scored = [r for r in results if r.action.id not in left_out]
    actions_part = credit([r for r in scored if r.action.kind is not ActionKind.ESCALATION])
    escalation_part = credit([r for r in scored if r.action.kind is ActionKind.ESCALATION])
    total = len(read.messages)
    templated, approved = judged.templated, judged.approved
    inconsistent, unmarked = judged.inconsistent, judged.unmarked
    values: dict[str, tuple[float | None, str]] = {
        "actions": (
            actions_part,
            _count(results, left_out, lambda r: r.action.kind is not ActionKind.ESCALATION),
        ),
        "timeliness": (judged.timeliness, f"{judged.scored_deadlines} deadlines due by the end"),
        "approvals": (
            approved / templated if templated else None,
            f"{approved} of {templated} messages from templates approved at send time;"
            f" {total - templated} hand-written",
        ),
        "consistency": (
            (total - len(inconsistent)) / total if total else None,
            f"{total - len(inconsistent)} of {total} messages consistent with the facts then",
        ),
        "coverage": (coverage.score, coverage.detail),
        "escalation": (
            escalation_part,
            _count(results, left_out, lambda r: r.action.kind is ActionKind.ESCALATION),
        ),
        "marking": (
            (total - len(unmarked)) / total if total else None,
            f"{total - len(unmarked)} of {total} messages marked as an exercise",
        ),
    }
    parts = tuple(
        ScorePart(name, values[name][0], weighting[name], values[name][1])
        for name in SCORE_WEIGHTS
    )
    applying = [(p.score, p.weight) for p in parts if p.score is not None]
    weight_sum = sum(w for _, w in applying)
    overall = round(100 * sum(s * w for s, w in applying) / weight_sum, 1) if weight_sum else 0.0
    findings.sort(key=lambda f: -f.level.rank)
    return ExerciseScore(
        scenario=scenario,
        overall=overall,
        parts=parts,
        actions=tuple(results),
        timeliness=judged.report,
        findings=tuple(findings),
        participants=read.participants,
        messages_scored=total,
    )


def _count(
    results: list[ActionResult], left_out: frozenset[str], keep: Callable[[ActionResult], bool]
) -> str:
    chosen = [r for r in results if keep(r) and r.action.id not in left_out]
    counts = {status: sum(r.status is status for r in chosen) for status in ActionStatus}
    words = ", ".join(f"{n} {status.value}" for status, n in counts.items())
    apart = sum(1 for r in results if keep(r) and r.action.id in left_out)
    return f"{words}; {apart} left out (EXR009)" if apart else words
