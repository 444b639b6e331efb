"""Where the deadlines stand at `now`: `evaluate_timeliness` and its `TimelinessReport`.

A deadline is met, missed, at risk or pending; each missed or endangered one,
and each message that cannot count, is a ``TIM`` finding.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import final
from zoneinfo import ZoneInfo

import attrs

from crisiscomms._errors import InputError
from crisiscomms._findings import Finding
from crisiscomms._records import DeadlineStateRecord
from crisiscomms._tables import html_table
from crisiscomms._timeline._schedule import Context, Deadline, build, context, human
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._sent import SentMessage, check_aware
from crisiscomms.text._instants import instant

__all__ = [
    "DeadlineState",
    "DeadlineStatus",
    "TimelinessReport",
    "evaluate_timeliness",
]


@final
class DeadlineStatus(enum.StrEnum):
    """Where a deadline stands at `now`.

    - ``met``: a message met it in time (see `DeadlineState.margin`);
    - ``missed``: it passed before a message met it, whether one was sent
      late or none yet (see `DeadlineState.lateness`);
    - ``at_risk``: still open and due within the warning window;
    - ``pending``: still open, due later.

    >>> DeadlineStatus("at_risk").is_open
    True
    """

    MET = "met"
    MISSED = "missed"
    AT_RISK = "at_risk"
    PENDING = "pending"

    @property
    def is_open(self) -> bool:
        """True for at risk and pending: nothing meets the deadline yet and it has not passed."""
        return self in {DeadlineStatus.AT_RISK, DeadlineStatus.PENDING}


@final
@attrs.frozen
class DeadlineState:
    """One deadline and where it stands.

    Args:
        deadline: the deadline.
        status: met, missed, at risk or pending.
        met_by: the label of the message that met it (late or not), if any.
        sent_at: when that message went out.
        margin: for met deadlines, how early the message came; for open ones,
            the time left.
        lateness: for missed deadlines, how late the message came, or how
            overdue it is at `now` when nothing was sent.

    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> from datetime import datetime, timezone
    >>> report = evaluate_timeliness(demo_plan(), demo_situation(), (),
    ...                              now=datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc))
    >>> state = report.state("first-statement/customers")
    >>> state.status, state.lateness
    (<DeadlineStatus.MISSED: 'missed'>, datetime.timedelta(seconds=3000))
    """

    deadline: Deadline
    status: DeadlineStatus
    met_by: str | None = None
    sent_at: datetime | None = None
    margin: timedelta | None = None
    lateness: timedelta | None = None


@final
@attrs.frozen
class TimelinessReport:
    """Every deadline of the crisis at `now`, with the `TIM` findings.

    Args:
        now: the instant of the evaluation.
        states: one `DeadlineState` per deadline, earliest due first.
        findings: ``TIM`` findings, most serious first.
        ignored_messages: labels of the messages dated after `now`, which
            meet no deadline yet (each also has a ``TIM004`` finding).

    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> from datetime import datetime, timezone
    >>> report = evaluate_timeliness(demo_plan(), demo_situation(), (),
    ...                              now=datetime(2026, 11, 24, 8, 30, tzinfo=timezone.utc))
    >>> len(report.missed), len(report.at_risk), report.findings[0].code
    (0, 6, 'TIM003')
    """

    now: datetime
    states: tuple[DeadlineState, ...]
    findings: tuple[Finding, ...] = ()
    ignored_messages: tuple[str, ...] = ()

    def to_records(self) -> list[DeadlineStateRecord]:
        """One row per deadline with its state and the codes found about it.

        >>> from datetime import datetime, timezone
        >>> from crisiscomms import evaluate_timeliness
        >>> from crisiscomms.samples import demo_plan, demo_situation
        >>> now = datetime(2026, 11, 24, 10, tzinfo=timezone.utc)
        >>> row = evaluate_timeliness(demo_plan(), demo_situation(), [], now=now).to_records()[0]
        >>> row["id"], row["status"], row["codes"]
        ('first-statement/customers', 'missed', ['TIM001'])
        """
        codes: dict[str, list[str]] = {}
        for finding in self.findings:
            codes.setdefault(finding.subject, []).append(finding.code)
        return [
            DeadlineStateRecord(
                id=state.deadline.id,
                kind=state.deadline.kind.value,
                stakeholder=state.deadline.stakeholder,
                due_at=state.deadline.due_at,
                status=state.status.value,
                met_by=state.met_by,
                sent_at=state.sent_at,
                margin=state.margin,
                lateness=state.lateness,
                codes=codes.get(state.deadline.id, []),
            )
            for state in self.states
        ]

    def __repr__(self) -> str:
        """A short summary; `to_records` and the notebook table list every deadline."""
        return (
            f"<TimelinessReport at {self.now:%Y-%m-%d %H:%M %Z}: {len(self.missed)} missed,"
            f" {len(self.at_risk)} at risk, {len(self.met)} met, {len(self.pending)} pending>"
        )

    def _repr_html_(self) -> str:
        """The deadlines and their states as a table, every value escaped."""
        return html_table(
            [dict(r) for r in self.to_records()],
            caption=f"at {self.now:%Y-%m-%d %H:%M %Z}: {len(self.missed)} missed,"
            f" {len(self.at_risk)} at risk, {len(self.met)} met, {len(self.pending)} pending",
        )

    def _with(self, status: DeadlineStatus) -> tuple[DeadlineState, ...]:
        return tuple(s for s in self.states if s.status is status)

    @property
    def met(self) -> tuple[DeadlineState, ...]:
        """The deadlines met in time."""
        return self._with(DeadlineStatus.MET)

    @property
    def missed(self) -> tuple[DeadlineState, ...]:
        """The deadlines missed, sent late or not at all."""
        return self._with(DeadlineStatus.MISSED)

    @property
    def at_risk(self) -> tuple[DeadlineState, ...]:
        """The open deadlines due within the warning window."""
        return self._with(DeadlineStatus.AT_RISK)

    @property
    def pending(self) -> tuple[DeadlineState, ...]:
        """The open deadlines due later."""
        return self._with(DeadlineStatus.PENDING)

    @property
    def overdue(self) -> tuple[DeadlineState, ...]:
        """The missed deadlines that nothing has met yet: what to send now."""
        return tuple(s for s in self.missed if s.met_by is None)

    @property
    def next_due(self) -> DeadlineState | None:
        """The open deadline due first, if any."""
        return next((s for s in self.states if s.status.is_open), None)

    @property
    def is_on_time(self) -> bool:
        """True when no deadline was missed."""
        return not self.missed

    def state(self, deadline_id: str, /) -> DeadlineState:
        """The state of the deadline with this id.

        Raises:
            InputError: when no deadline has this id; the message lists them.
        """
        for candidate in self.states:
            if candidate.deadline.id == deadline_id:
                return candidate
        known = ", ".join(repr(s.deadline.id) for s in self.states) or "none"
        raise InputError.for_argument(
            "deadline_id",
            "the id of one of the report's deadlines",
            deadline_id,
            hint=f"known: {known}",
        )


def _meeting_messages(ctx: Context) -> dict[str, tuple[SentMessage, timedelta]]:
    """For each deadline id, the message that meets it (and its instant): the first in time order.

    One pass over the time-ordered messages: a first statement is met by the first
    message to its stakeholder sent at or after detection, an obligation by the
    first such message that names it, the update set by the n-th message to a
    stakeholder by the (n+1)-th.
    """
    meeting: dict[str, tuple[SentMessage, timedelta]] = {}
    counts: dict[str, int] = {}
    for message, at in zip(ctx.sent, ctx.at, strict=True):
        stakeholder = message.stakeholder
        n = counts[stakeholder] = counts.get(stakeholder, 0) + 1
        if n > 1:
            meeting[f"update/{stakeholder}/{n - 1}"] = (message, at)
        if at < ctx.detected:
            continue
        meeting.setdefault(f"first-statement/{stakeholder}", (message, at))
        for obligation in message.obligations:
            meeting.setdefault(f"obligation/{obligation}", (message, at))
    return meeting


def _state(
    deadline: Deadline,
    meeting: tuple[SentMessage, timedelta] | None,
    now: timedelta,
    at_risk_within: timedelta | None,
) -> DeadlineState:
    """Where `deadline` stands; `now` and the meeting message's time as UTC positions."""
    due = instant(deadline.due_at)
    if meeting is not None:
        message, sent = meeting
        if not due < sent:
            return DeadlineState(
                deadline,
                DeadlineStatus.MET,
                met_by=message.label,
                sent_at=message.sent_at,
                margin=due - sent,
            )
        return DeadlineState(
            deadline,
            DeadlineStatus.MISSED,
            met_by=message.label,
            sent_at=message.sent_at,
            lateness=sent - due,
        )
    if due < now:
        return DeadlineState(deadline, DeadlineStatus.MISSED, lateness=now - due)
    window = at_risk_within if at_risk_within is not None else deadline.period / 4
    left = due - now
    status = DeadlineStatus.AT_RISK if left <= window else DeadlineStatus.PENDING
    return DeadlineState(deadline, status, margin=left)


def _dating_findings(
    later: Iterable[SentMessage],
    early: Iterable[SentMessage],
    now: datetime,
    detected_at: datetime,
) -> list[Finding]:
    """TIM004 for each message dated after `now`, TIM005 for each sent before detection."""
    findings = [
        Finding.of(
            "TIM004",
            f"message {m.label} is dated {m.sent_at.isoformat()}, after now"
            f" ({now.isoformat()}); it meets no deadline yet: check the clock of the tool"
            " that logged it",
            subject=m.label,
        )
        for m in later
    ]
    findings.extend(
        Finding.of(
            "TIM005",
            f"message {m.label} was sent at {m.sent_at.isoformat()}, before the crisis was"
            f" detected ({detected_at.isoformat()}); it meets no deadline and sets no update:"
            " check detected_at",
            subject=m.label,
        )
        for m in early
    )
    return findings


def _finding(state: DeadlineState, zone: ZoneInfo) -> Finding | None:
    deadline = state.deadline
    due = deadline.due_at.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
    why = f" ({deadline.reference})" if deadline.reference else ""
    if state.status is DeadlineStatus.MISSED and state.met_by is None:
        return Finding.of(
            "TIM001",
            f"{deadline.label}{why} was due at {due} and nothing has been sent:"
            f" {human(state.lateness or timedelta(0))} overdue; send it now",
            subject=deadline.id,
        )
    if state.status is DeadlineStatus.MISSED:
        return Finding.of(
            "TIM002",
            f"{deadline.label}{why} was due at {due}; {state.met_by} came"
            f" {human(state.lateness or timedelta(0))} late; record the reason for the review",
            subject=deadline.id,
        )
    if state.status is DeadlineStatus.AT_RISK:
        return Finding.of(
            "TIM003",
            f"{deadline.label}{why} is due at {due}, in {human(state.margin or timedelta(0))},"
            " and nothing has been sent yet; prepare and approve it now",
            subject=deadline.id,
        )
    return None


def evaluate_timeliness(
    plan: Plan,
    situation: Situation,
    sent: Iterable[SentMessage],
    /,
    *,
    now: datetime,
    at_risk_within: timedelta | None = None,
) -> TimelinessReport:
    """Where every deadline of the crisis stands at `now`: met, missed, at risk, pending.

    A first statement is met by the first message sent to its stakeholder at
    or after detection; an obligation by the first message that names it in
    `SentMessage.obligations`; an update by the next message to the same
    stakeholder after the one that set it. Messages dated after `now` meet
    nothing yet: they are listed in `TimelinessReport.ignored_messages`.

    Findings (see ``docs/findings.md``): ``TIM001`` a deadline passed with
    nothing sent (error); ``TIM002`` met late (warning); ``TIM003`` at risk
    (warning); ``TIM004`` a message dated after `now` (info); ``TIM005`` a
    message sent before the crisis was detected (info).

    Args:
        plan: the plan.
        situation: the crisis now.
        sent: the messages sent so far, in any order.
        now: the instant of the evaluation (aware).
        at_risk_within: an open deadline due within this time is at risk;
            by default, the last quarter of its period (15 minutes of a
            one-hour target, 18 hours of a 72-hour obligation).

    Raises:
        NaiveDatetimeError: when `now` or another datetime has no time zone.
        InputError: ids the plan does not have, or an `at_risk_within` that
            is not a positive duration.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from crisiscomms import SentMessage
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> paris = ZoneInfo("Europe/Paris")
    >>> sent = [SentMessage(stakeholder="customers", channel="status-page", phase="initial",
    ...                     sent_at=datetime(2026, 11, 24, 9, 25, tzinfo=paris))]
    >>> report = evaluate_timeliness(demo_plan(), demo_situation(), sent,
    ...                              now=datetime(2026, 11, 24, 10, 0, tzinfo=paris))
    >>> report.state("first-statement/customers").status.value
    'met'
    >>> print(report.findings[0])  # doctest: +ELLIPSIS
    error TIM001 [first-statement/employees]: First public statement to Collaborateurs was \
due at 2026-11-24 09:40 CET and nothing has been sent: 20 min overdue; send it now
    """
    check_aware(now, "now")
    if at_risk_within is not None and (
        not isinstance(at_risk_within, timedelta) or at_risk_within < timedelta(0)
    ):
        raise InputError.for_argument(
            "at_risk_within", "a duration of zero or more, or None", at_risk_within
        )
    ctx = context(plan, situation, sent)
    # Instants, not wall clocks: in a fold, 02:30 (fold=1) is an hour after 02:30 (fold=0).
    # Each is converted once (`Context.at`); the rest compares UTC positions.
    now_at = instant(now)
    kept = [i for i, at in enumerate(ctx.at) if not now_at < at]
    later = tuple(m for m, at in zip(ctx.sent, ctx.at, strict=True) if now_at < at)
    ctx = attrs.evolve(
        ctx,
        sent=tuple(ctx.sent[i] for i in kept),
        phases=tuple(ctx.phases[i] for i in kept),
        at=tuple(ctx.at[i] for i in kept),
    )
    plan_schedule = build(ctx)

    meeting = _meeting_messages(ctx)
    states = [_state(d, meeting.get(d.id), now_at, at_risk_within) for d in plan_schedule]
    findings = [f for s in states if (f := _finding(s, ctx.zone)) is not None]
    early = [m for m, at in zip(ctx.sent, ctx.at, strict=True) if at < ctx.detected]
    findings.extend(_dating_findings(later, early, now, ctx.detected_at))
    findings.sort(key=lambda f: (-f.level.rank, f.code))
    return TimelinessReport(
        now=now,
        states=tuple(states),
        findings=tuple(findings),
        ignored_messages=tuple(m.label for m in later),
    )
