"""`score_exercise`: how a team did in a drill, against the scenario and the plan.

The score follows HSEEP's evaluation: each expected action of the scenario
is met (with its margin), late (with its lateness), missed, or still open
at the end of the drill; the messages the team sent are judged for
timeliness (`evaluate_timeliness`), approval at send time
(`approval_status`), consistency with the facts as they stood when each was
sent (`check_consistency`), coverage of the stakeholders, channels and
languages concerned, and exercise marking. Each part scores from 0 to 1;
the overall score out of 100 is their weighted mean (`SCORE_WEIGHTS`,
overridable), over the parts that apply.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import math
import types
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final, final

import attrs

from crisiscomms._arguments import plan_of
from crisiscomms._codes import Level
from crisiscomms._consistency import check_consistency
from crisiscomms._errors import CrisisCommsError, InputError
from crisiscomms._findings import Finding
from crisiscomms._message import Message
from crisiscomms._monitoring import match_claims, recommend_escalation
from crisiscomms._records import ActionRecord
from crisiscomms._selection import approval_status
from crisiscomms._tables import html_table
from crisiscomms._timeline import DeadlineStatus, TimelinessReport, evaluate_timeliness
from crisiscomms.model._base import Mode
from crisiscomms.model._elements import Exercise, MessageTemplate
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._scenario import (
    ActionKind,
    ExerciseLog,
    ExerciseMessage,
    ExpectedAction,
    InjectKind,
    Scenario,
)
from crisiscomms.text._platforms import RULES

__all__ = [
    "SCORE_WEIGHTS",
    "ActionResult",
    "ActionStatus",
    "ExerciseScore",
    "ScorePart",
    "score_exercise",
]

#: The default weight of each part of the score (they add up to 100).
SCORE_WEIGHTS: Final[Mapping[str, float]] = types.MappingProxyType(
    {
        "actions": 30.0,
        "timeliness": 20.0,
        "approvals": 15.0,
        "consistency": 10.0,
        "coverage": 10.0,
        "escalation": 5.0,
        "marking": 10.0,
    }
)

#: How long a channel outage inject keeps its channel down.
OUTAGE: Final = timedelta(minutes=30)


@final
class ActionStatus(enum.StrEnum):
    """Where an expected action stands at the end of the drill.

    ``met`` on time, ``late`` done after its deadline, ``missed`` not done and
    due within the drill, ``open`` not done and due after the drill's end
    (not scored).

    >>> ActionStatus("late").credit
    0.5
    """

    MET = "met"
    LATE = "late"
    MISSED = "missed"
    OPEN = "open"

    @property
    def credit(self) -> float | None:
        """1 for met, 0.5 for late, 0 for missed, None for open (not scored)."""
        return {"met": 1.0, "late": 0.5, "missed": 0.0, "open": None}[self.value]


@final
@attrs.frozen
class ActionResult:
    """One expected action and what the team did about it.

    Args:
        action: the expected action of the scenario.
        inject: the id of the inject that expects it.
        status: met, late, missed or open.
        done_at: when the team did it, if it did.
        done_by: what did it: a message's label, a rebuttal, a severity change.
        margin: for met actions, how early.
        lateness: for late actions, how late; for missed ones, how overdue at the end.
    """

    action: ExpectedAction
    inject: str
    status: ActionStatus
    done_at: datetime | None = None
    done_by: str | None = None
    margin: timedelta | None = None
    lateness: timedelta | None = None


@final
@attrs.frozen
class ScorePart:
    """One part of the score: its value from 0 to 1 (None: does not apply), weight, detail."""

    name: str
    score: float | None
    weight: float
    detail: str


@final
@attrs.frozen
class ExerciseScore:
    """How the team did in a drill: the overall score, its parts, each action, the findings.

    Args:
        scenario: the scenario scored.
        overall: the weighted mean of the parts that apply, out of 100.
        parts: each part of the score, in `SCORE_WEIGHTS` order.
        actions: each expected action of the scenario and its result.
        timeliness: the `evaluate_timeliness` report of the messages at the drill's end.
        findings: ``EXR`` findings on the actions, approvals, coverage and the
            log, with the ``CON``, ``TIM`` and marking findings of the messages.
        participants: the known people the log names.
        messages_scored: how many logged messages were scored (the others
            have an ``EXR009`` finding).
    """

    scenario: Scenario
    overall: float
    parts: tuple[ScorePart, ...]
    actions: tuple[ActionResult, ...]
    timeliness: TimelinessReport
    findings: tuple[Finding, ...]
    participants: tuple[str, ...] = ()
    messages_scored: int = 0

    def part(self, name: str, /) -> ScorePart:
        """The part of the score with this name (``"actions"``, ``"timeliness"``, ...).

        Raises:
            InputError: no part has this name.
        """
        for part in self.parts:
            if part.name == name:
                return part
        raise InputError.for_value(
            "name", "the name of a part of the score", name, hint=", ".join(SCORE_WEIGHTS)
        )

    @property
    def escalation_reactions(self) -> tuple[tuple[str, timedelta | None], ...]:
        """For each expected escalation, the time from the trigger to the team's change."""
        start = self.scenario.starts_at
        return tuple(
            (
                r.action.id,
                None if r.done_at is None else r.done_at - (start + r.action.counts_from),
            )
            for r in self.actions
            if r.action.kind is ActionKind.ESCALATION
        )

    def to_records(self) -> list[ActionRecord]:
        """One flat dict per expected action, all with the same keys: ``pandas.DataFrame(rows)``.

        Times are the instants of the drill (``starts_at`` plus the action's
        offset), durations ``timedelta``s.

        >>> from datetime import datetime, timezone
        >>> from crisiscomms import ExerciseLog, generate_scenario
        >>> from crisiscomms.samples import demo_plan
        >>> drill = generate_scenario(demo_plan(), seed=7, crisis_type="data-breach",
        ...                           starts_at=datetime(2026, 12, 3, 9, tzinfo=timezone.utc))
        >>> row = score_exercise(demo_plan(), drill, ExerciseLog()).to_records()[0]
        >>> row["status"], row["done_at"]
        ('missed', None)
        """
        start = self.scenario.starts_at
        return [
            ActionRecord(
                inject=r.inject,
                action=r.action.id,
                kind=r.action.kind.value,
                description=r.action.description,
                due_at=start + r.action.due,
                status=r.status.value,
                done_at=r.done_at,
                done_by=r.done_by,
                margin=r.margin,
                lateness=r.lateness,
            )
            for r in self.actions
        ]

    def to_exercise(self, label: str | None = None) -> Exercise:
        """The `Exercise` record of this drill, to append to ``plan.training.exercises``.

        >>> from datetime import datetime, timezone
        >>> from crisiscomms import ExerciseLog, generate_scenario
        >>> from crisiscomms.samples import demo_plan
        >>> drill = generate_scenario(demo_plan(), seed=7, crisis_type="data-breach",
        ...                           starts_at=datetime(2026, 12, 3, 9, tzinfo=timezone.utc))
        >>> score_exercise(demo_plan(), drill, ExerciseLog()).to_exercise().label
        'Drill drill-data-breach-7: 0.0/100'
        """
        return Exercise(
            held_at=self.scenario.starts_at,
            label=label or f"Drill {self.scenario.id}: {self.overall}/100",
            crisis_type=self.scenario.crisis_type,
            participants=self.participants,
        )

    def __repr__(self) -> str:
        """A short summary; `to_records` and the notebook tables show every action."""
        done = sum(r.status in {ActionStatus.MET, ActionStatus.LATE} for r in self.actions)
        return (
            f"<ExerciseScore of {self.scenario.id!r}: {self.overall}/100,"
            f" {done} of {len(self.actions)} actions done>"
        )

    def _repr_html_(self) -> str:
        """The overall score, its parts and the actions as HTML tables, every value escaped."""
        parts = html_table(
            [
                {
                    "part": p.name,
                    "score": "n/a" if p.score is None else f"{p.score:.2f}",
                    "weight": p.weight,
                    "detail": p.detail,
                }
                for p in self.parts
            ],
            caption=f"Drill {self.scenario.id}: {self.overall}/100",
        )
        actions = html_table(
            [
                {
                    "inject": row["inject"],
                    "action": row["action"],
                    "status": row["status"],
                    "due_at": row["due_at"],
                    "done_at": row["done_at"],
                    "done_by": row["done_by"],
                }
                for row in self.to_records()
            ],
            caption=f"{len(self.actions)} expected actions",
        )
        return f"<div>{parts}{actions}</div>"


def _weights(value: object) -> dict[str, float]:
    if value is None:
        return dict(SCORE_WEIGHTS)
    if not isinstance(value, Mapping):
        raise InputError.for_type("weights", "a mapping of part name to weight", value)
    weights = dict(SCORE_WEIGHTS)
    for name, weight in value.items():
        if name not in SCORE_WEIGHTS:
            raise InputError.for_value(
                "weights", "the names of parts of the score", name, hint=", ".join(SCORE_WEIGHTS)
            )
        if (
            isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not math.isfinite(weight)
            or weight < 0
        ):
            raise InputError.for_value(f"weights[{name!r}]", "a finite number >= 0", weight)
        weights[name] = float(weight)
    return weights


@attrs.define
class _Scorer:
    plan: Plan
    scenario: Scenario
    log: ExerciseLog
    findings: list[Finding] = attrs.Factory(list)

    def problem(self, subject: str, what: str) -> None:
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


def _severity_at(scenario: Scenario, changes: Sequence[Any], when: datetime, plan: Plan) -> str:
    severity = scenario.situation_at(
        when if when >= scenario.starts_at else scenario.starts_at
    ).severity
    declared = [c.severity for c in changes if c.at <= when]
    return declared[-1] if declared else severity


def _template_at(
    plan: Plan, template_id: str, when: datetime, approvals: Sequence[Any]
) -> MessageTemplate:
    template = plan.template(template_id)
    given = [
        a.approval
        for a in approvals
        if a.template_id == template_id and a.approval.approved_at <= when
    ]
    if given:
        template = template.model_copy(update={"approval": given[-1]})
    return template


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
    weighting = _weights(weights)
    initial = scenario.situation_at(timedelta(0))
    plan.check_situation(initial)
    scorer = _Scorer(plan, scenario, log)
    messages = scorer.messages()
    changes = scorer.timed(
        "severity_changes", log.severity_changes, {s.id for s in plan.severities}, "severity"
    )
    rebuttals = scorer.timed("rebuttals", log.rebuttals, {c.id for c in plan.claims}, "claim")
    known_templates = {t.id for t in plan.templates}
    approvals = []
    for i, given in enumerate(log.approvals):
        if given.template_id in known_templates:
            approvals.append(given)
        else:
            scorer.problem("approvals", f"approvals[{i}]: unknown template {given.template_id!r}")
    approvals.sort(key=lambda a: a.approval.approved_at)
    participants = scorer.participants()
    findings = scorer.findings
    start, end = scenario.starts_at, scenario.ends_at

    # -- expected actions --------------------------------------------------
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
                        f" T+{_clock(action.due)} and was not done in the drill; train this step",
                        subject=action.id,
                    )
                )
            elif result.status is ActionStatus.LATE:
                findings.append(
                    Finding.of(
                        "EXR006",
                        f"{action.description} (inject {inject.id}) was due at"
                        f" T+{_clock(action.due)}; {result.done_by} came"
                        f" {_clock(result.lateness or timedelta(0))} late",
                        subject=action.id,
                    )
                )

    # -- evidence for rebuttals and escalations -----------------------------
    for result in results:
        action = result.action
        if action.kind is ActionKind.REBUTTAL and not _repeated(scenario, action, plan):
            findings.append(
                Finding.of(
                    "EXR009",
                    f"expected action {action.id}: no mention of the scenario repeats claim"
                    f" {action.claim!r}; the scenario does not support it",
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
            findings.append(
                Finding.of(
                    "EXR009",
                    f"expected action {action.id}: the plan's rules do not call for"
                    f" {action.severity!r} at T+{_clock(action.counts_from)} on the"
                    " scenario's mentions; the scenario does not support it",
                    subject=action.id,
                )
            )

    # -- the messages: timeliness, approvals, consistency, marking ----------
    report = evaluate_timeliness(plan, initial, [e.sent for e in messages], now=end)
    findings.extend(f for f in report.findings if f.code != "TIM003")
    scored_deadlines = [
        s
        for s in report.states
        if s.status is DeadlineStatus.MET or s.status is DeadlineStatus.MISSED
    ]
    timeliness = (
        sum(
            1.0 if s.status is DeadlineStatus.MET else (0.5 if s.met_by else 0.0)
            for s in scored_deadlines
        )
        / len(scored_deadlines)
        if scored_deadlines
        else None
    )

    templated = approved = 0
    for entry in messages:
        sent_message = entry.sent
        if sent_message.template_id is None:
            findings.append(
                Finding.of(
                    "EXR008",
                    f"{sent_message.label} was written by hand: it is counted apart from"
                    " approvals",
                    subject=sent_message.label,
                )
            )
            continue
        templated += 1
        template = _template_at(plan, sent_message.template_id, sent_message.sent_at, approvals)
        severity = _severity_at(scenario, changes, sent_message.sent_at, plan)
        state = approval_status(template, plan, severity=severity, now=sent_message.sent_at)
        if state.is_approved:
            approved += 1
        else:
            findings.append(
                Finding.of(
                    "EXR007",
                    f"{sent_message.label} was sent from template {template.id!r}, whose"
                    f" approval did not count at send time ({state.status.value}:"
                    f" {'; '.join(state.reasons)})",
                    subject=sent_message.label,
                )
            )

    by_version: dict[int, tuple[Situation, list[Message]]] = {}
    for entry in messages:
        sent_message = entry.sent
        state_then = scenario.situation_at(sent_message.sent_at)
        locale = sent_message.locale
        if locale is None and sent_message.template_id is not None:
            locale = plan.template(sent_message.template_id).locale
        if locale is None:
            locale = plan.stakeholder(sent_message.stakeholder).locales[0]
        message = Message(
            entry.text,
            channel=sent_message.channel,
            locale=locale,
            stakeholder=sent_message.stakeholder,
            template_id=sent_message.template_id,
            id=sent_message.label,
        )
        by_version.setdefault(state_then.facts_version, (state_then, []))[1].append(message)
    inconsistent: set[str] = set()
    unmarked: set[str] = set()
    for state_then, group in by_version.values():
        try:
            checked = check_consistency(
                group, facts=state_then.facts, plan=plan, exercise=Mode.EXERCISE
            )
        except CrisisCommsError as error:
            for message in group:
                scorer.problem(message.label, f"{message.label} could not be checked: {error}")
                inconsistent.add(message.label)
            continue
        for finding in checked.findings:
            findings.append(finding)
            if finding.family == "CON" and finding.level is Level.ERROR:
                inconsistent.add(finding.subject)
            if finding.code == "EXR001":
                unmarked.add(finding.subject)

    # Channel outages: a message posted where the channel was down did not reach anyone there.
    outages = [
        (i.channel, start + i.at, start + i.at + OUTAGE)
        for i in scenario.injects
        if i.kind is InjectKind.CHANNEL_OUTAGE
    ]
    reached_channels: set[str] = set()
    for entry in messages:
        s = entry.sent
        down = [o for o in outages if o[0] == s.channel and o[1] <= s.sent_at < o[2]]
        if down:
            findings.append(
                Finding.of(
                    "EXR011",
                    f"{s.label} went out on {s.channel}, which was down in the drill from"
                    f" T+{_clock(down[0][1] - start)} to T+{_clock(down[0][2] - start)};"
                    " use another of the stakeholder's channels during an outage",
                    subject=s.label,
                )
            )
        else:
            reached_channels.add(s.channel)

    # -- coverage ----------------------------------------------------------
    ranks = [plan.severity_rank(scenario.situation_at(i.at).severity) for i in scenario.injects]
    ranks.append(plan.severity_rank(initial.severity))
    ranks.extend(plan.severity_rank(c.severity) for c in changes)
    top = max(ranks)
    concerned = [
        s
        for s in plan.stakeholders
        if s.min_severity is None or plan.severity_rank(s.min_severity) <= top
    ]
    reached = {e.sent.stakeholder for e in messages}
    languages_reached = {
        m.locale.replace("-", "_").split("_")[0] for _, group in by_version.values() for m in group
    }
    wanted_channels = {c for s in concerned for c in s.channels}
    wanted_languages = {loc.split("_")[0] for s in concerned for loc in s.locales}
    for stakeholder in concerned:
        if stakeholder.id not in reached:
            findings.append(
                Finding.of(
                    "EXR012",
                    f"stakeholder {stakeholder.id!r} ({stakeholder.label}) is concerned and was"
                    " never told in the drill",
                    subject=stakeholder.id,
                )
            )
    missing_channels = sorted(wanted_channels - reached_channels)
    missing_languages = sorted(wanted_languages - languages_reached)
    if missing_channels:
        findings.append(
            Finding.of(
                "EXR012",
                "channels of the concerned stakeholders never used: "
                + ", ".join(missing_channels),
                subject="channels",
            )
        )
    if missing_languages:
        findings.append(
            Finding.of(
                "EXR012",
                "languages of the concerned stakeholders never used: "
                + ", ".join(missing_languages),
                subject="languages",
            )
        )
    shares = [
        len(reached & {s.id for s in concerned}) / len(concerned) if concerned else None,
        len(reached_channels & wanted_channels) / len(wanted_channels)
        if wanted_channels
        else None,
        len(languages_reached & wanted_languages) / len(wanted_languages)
        if wanted_languages
        else None,
    ]
    counted = [share for share in shares if share is not None]
    coverage = sum(counted) / len(counted) if counted else None

    # -- parts and overall -------------------------------------------------
    def credit(results_of: list[ActionResult]) -> float | None:
        credits = [c for r in results_of if (c := r.status.credit) is not None]
        return sum(credits) / len(credits) if credits else None

    actions_part = credit([r for r in results if r.action.kind is not ActionKind.ESCALATION])
    escalation_part = credit([r for r in results if r.action.kind is ActionKind.ESCALATION])
    total = len(messages)
    values: dict[str, tuple[float | None, str]] = {
        "actions": (
            actions_part,
            _count(results, lambda r: r.action.kind is not ActionKind.ESCALATION),
        ),
        "timeliness": (timeliness, f"{len(scored_deadlines)} deadlines due by the end"),
        "approvals": (
            approved / templated if templated else None,
            f"{approved} of {templated} messages from templates approved at send time;"
            f" {total - templated} hand-written",
        ),
        "consistency": (
            (total - len(inconsistent)) / total if total else None,
            f"{total - len(inconsistent)} of {total} messages consistent with the facts then",
        ),
        "coverage": (
            coverage,
            f"{len(reached & {s.id for s in concerned})} of {len(concerned)} stakeholders,"
            f" {len(reached_channels & wanted_channels)} of {len(wanted_channels)} channels,"
            f" {len(languages_reached & wanted_languages)} of {len(wanted_languages)} languages",
        ),
        "escalation": (
            escalation_part,
            _count(results, lambda r: r.action.kind is ActionKind.ESCALATION),
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
        timeliness=report,
        findings=tuple(findings),
        participants=participants,
        messages_scored=total,
    )


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


_CHUNK = 64


def _count(results: list[ActionResult], keep: Any) -> str:
    chosen = [r for r in results if keep(r)]
    counts = {status: sum(r.status is status for r in chosen) for status in ActionStatus}
    return ", ".join(f"{n} {status.value}" for status, n in counts.items())


def _clock(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"
