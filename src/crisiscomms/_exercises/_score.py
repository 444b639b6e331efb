"""The score of a drill: `ExerciseScore`, its parts, each expected action's result, the weights.

These are the values `score_exercise` returns (`crisiscomms._exercises._scoring`);
how each part is reckoned lives beside them: `_log` (reading the team's log),
`_actions` (the expected actions: met, late, missed), `_messages` (each message
sent: timeliness, approval, consistency, marking, outages) and `_coverage`.
"""

from __future__ import annotations

import enum
import math
import types
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Final, final

import attrs

from crisiscomms._errors import InputError
from crisiscomms._findings import Finding
from crisiscomms._records import ActionRecord
from crisiscomms._tables import html_table
from crisiscomms._timeline import TimelinessReport
from crisiscomms.model._elements import Exercise
from crisiscomms.model._scenario import ActionKind, ExpectedAction, Scenario

__all__ = [
    "SCORE_WEIGHTS",
    "ActionResult",
    "ActionStatus",
    "ExerciseScore",
    "ScorePart",
    "clock",
    "weights_of",
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
        >>> from crisiscomms import ExerciseLog, generate_scenario, score_exercise
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
        >>> from crisiscomms import ExerciseLog, generate_scenario, score_exercise
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


def weights_of(value: object) -> dict[str, float]:
    """`SCORE_WEIGHTS` with the weights given merged over them, each checked."""
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


def clock(offset: timedelta) -> str:
    """An offset as hours and minutes, as a Master Scenario Events List writes it (1:05)."""
    minutes = int(offset.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"
