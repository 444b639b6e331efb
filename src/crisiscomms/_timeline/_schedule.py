"""The deadlines of a crisis: `schedule` computes them from the plan and the messages sent.

Three kinds of deadline, each a `Deadline`: the first public statement to each
stakeholder concerned, every obligation of the plan that applies, and the next
update after each message sent (see the package docstring for the rules and
for how time is counted).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import final
from zoneinfo import ZoneInfo

import attrs

from crisiscomms._arguments import collection_of
from crisiscomms._errors import InputError, InputValueError
from crisiscomms._records import DeadlineRecord
from crisiscomms._tables import html_table
from crisiscomms._timeline._calendar import (
    add_business_days,
    add_months,
    after,
    elapsed,
    wall_instant,
)
from crisiscomms.model._base import Phase
from crisiscomms.model._calendars import holidays_between
from crisiscomms.model._elements import Obligation, Severity, Stakeholder
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._scope import cadence, concerned_stakeholders, concerns, in_scope, reaches
from crisiscomms.model._sent import SentMessage, check_aware
from crisiscomms.text._instants import instant, is_before
from crisiscomms.text._platforms import Platform

__all__ = [
    "Context",
    "Deadline",
    "DeadlineKind",
    "Schedule",
    "build",
    "context",
    "human",
    "schedule",
]

_PLATFORMS = frozenset(p.value for p in Platform)
_ENDING_PHASES = frozenset({Phase.RESOLVED, Phase.POST_CRISIS})


@final
class DeadlineKind(enum.StrEnum):
    """Why a deadline exists.

    >>> DeadlineKind("obligation")
    <DeadlineKind.OBLIGATION: 'obligation'>
    """

    FIRST_STATEMENT = "first_statement"
    OBLIGATION = "obligation"
    UPDATE = "update"


@final
@attrs.frozen
class Deadline:
    """One thing that must be said to one stakeholder by a given instant.

    Args:
        id: stable within a schedule: ``first-statement/<stakeholder>``,
            ``obligation/<obligation id>`` or ``update/<stakeholder>/<n>``
            (the update due after the n-th message sent to the stakeholder).
        kind: first statement, obligation or update.
        stakeholder: the stakeholder to tell.
        label: what is due, in words.
        due_at: the instant it is due, in the plan's time zone.
        counts_from: the instant the period counts from (detection, another
            obligation's deadline, or the previous message).
        reason: why it is due then, in words (severity target, obligation
            and its reference, cadence).
        channels: the stakeholder's channels, in order of preference; a
            message on any channel meets the deadline.
        obligation: the obligation's id, for obligations.
        reference: the legal or contractual reference, for obligations.
        follows: the label of the sent message an update follows.

    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> first = schedule(demo_plan(), demo_situation()).deadline("first-statement/media")
    >>> first.due_at.isoformat(), first.kind.value
    ('2026-11-24T09:40:00+01:00', 'first_statement')
    """

    id: str
    kind: DeadlineKind
    stakeholder: str
    label: str
    due_at: datetime
    counts_from: datetime
    reason: str
    channels: tuple[str, ...] = ()
    obligation: str | None = None
    reference: str = ""
    follows: str | None = None

    @property
    def period(self) -> timedelta:
        """The time from `counts_from` to `due_at`."""
        return elapsed(self.counts_from, self.due_at)


@final
@attrs.frozen
class Schedule:
    """Every deadline of a crisis, earliest first.

    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> plan_schedule = schedule(demo_plan(), demo_situation())
    >>> [d.id for d in plan_schedule][:3]
    ['first-statement/customers', 'first-statement/employees', 'first-statement/investors']
    >>> [d.due_at.strftime("%d %b %H:%M") for d in plan_schedule.for_stakeholder("regulators")]
    ['24 Nov 09:40', '25 Nov 08:40', '27 Nov 08:40', '27 Nov 08:40', '27 Dec 08:40']
    """

    deadlines: tuple[Deadline, ...]
    detected_at: datetime
    timezone: str

    def __iter__(self) -> Iterator[Deadline]:
        return iter(self.deadlines)

    def to_records(self) -> list[DeadlineRecord]:
        """One row per deadline, earliest first, times in the plan's zone: ``pandas.DataFrame``.

        >>> from crisiscomms import schedule
        >>> from crisiscomms.samples import demo_plan, demo_situation
        >>> rows = schedule(demo_plan(), demo_situation()).to_records()
        >>> rows[0]["id"], rows[0]["due_at"].isoformat()
        ('first-statement/customers', '2026-11-24T09:40:00+01:00')
        """
        return [
            DeadlineRecord(
                id=d.id,
                kind=d.kind.value,
                stakeholder=d.stakeholder,
                label=d.label,
                due_at=d.due_at,
                counts_from=d.counts_from,
                reason=d.reason,
                channels=list(d.channels),
                obligation=d.obligation,
                reference=d.reference,
            )
            for d in self.deadlines
        ]

    def __repr__(self) -> str:
        """A short summary; `to_records` and the notebook table list every deadline."""
        first = ""
        if self.deadlines:
            first = f", first due {self.deadlines[0].due_at:%Y-%m-%d %H:%M %Z}"
        return (
            f"<Schedule: {len(self.deadlines)} deadlines from"
            f" {self.detected_at:%Y-%m-%d %H:%M %Z}{first}>"
        )

    def _repr_html_(self) -> str:
        """The deadlines as a table, every value escaped."""
        return html_table(
            [dict(r) for r in self.to_records()],
            caption=f"{len(self.deadlines)} deadlines from {self.detected_at:%Y-%m-%d %H:%M %Z}",
        )

    def __len__(self) -> int:
        return len(self.deadlines)

    def for_stakeholder(self, stakeholder: str, /) -> tuple[Deadline, ...]:
        """The deadlines of one stakeholder, earliest first."""
        return tuple(d for d in self.deadlines if d.stakeholder == stakeholder)

    def deadline(self, id: str, /) -> Deadline:
        """The deadline with this id.

        Raises:
            InputError: when the schedule has no such deadline; the message lists them.
        """
        for candidate in self.deadlines:
            if candidate.id == id:
                return candidate
        known = ", ".join(repr(d.id) for d in self.deadlines) or "none"
        raise InputError.for_argument(
            "id", "the id of one of the schedule's deadlines", id, hint=f"known: {known}"
        )


def human(delta: timedelta) -> str:
    """A duration as people read it: ``3 d 2 h 05 min``, ``45 min``, ``30 s``."""
    seconds = int(abs(delta).total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} d")
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes:02d} min" if parts else f"{minutes} min")
    if not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)


def _duration_words(delta: timedelta) -> str:
    """A period as plans state it: ``72 hours``, ``30 minutes``, else `human`."""
    seconds = int(delta.total_seconds())
    if delta == timedelta(seconds=seconds) and seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'s' if hours != 1 else ''}"
    if delta == timedelta(seconds=seconds) and seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return human(delta)


def _period_words(obligation: Obligation) -> str:
    if obligation.within is not None:
        return f"within {_duration_words(obligation.within)}"
    if obligation.within_business_days is not None:
        n = obligation.within_business_days
        return f"within {n} business day{'s' if n > 1 else ''}"
    n = obligation.within_months or 0
    return f"within {n} month{'s' if n > 1 else ''}"


@attrs.frozen
class Context:
    """The checked inputs of one schedule, the messages in time order."""

    plan: Plan
    situation: Situation
    zone: ZoneInfo
    detected_at: datetime
    sent: tuple[SentMessage, ...]  # sorted by time, ties in the caller's order
    phases: tuple[Phase, ...]  # the phase of each sent message
    # Each instant converted once (`instant`): comparisons of UTC positions, folds counted.
    at: tuple[timedelta, ...]  # the position of each sent message on the UTC time line
    detected: timedelta  # the position of detected_at


def _check_sent(plan: Plan, sent: object) -> tuple[SentMessage, ...]:
    messages = collection_of(sent, SentMessage, "sent")
    problems: list[str] = []
    known_stakeholders = {s.id for s in plan.stakeholders}
    known_channels = {c.id for c in plan.channels} | _PLATFORMS
    known_templates = {t.id for t in plan.templates}
    known_obligations = {o.id for o in plan.obligations}
    for i, message in enumerate(messages):
        if not isinstance(message, SentMessage):
            raise InputError.for_type(f"sent[{i}]", "a crisiscomms.SentMessage", message)
        check_aware(message.sent_at, f"sent[{i}].sent_at")
        if message.stakeholder not in known_stakeholders:
            problems.append(f"sent[{i}].stakeholder: unknown stakeholder {message.stakeholder!r}")
        if message.channel not in known_channels:
            problems.append(
                f"sent[{i}].channel: {message.channel!r} is neither a channel of the plan"
                " nor a platform name"
            )
        if message.template_id is not None and message.template_id not in known_templates:
            problems.append(f"sent[{i}].template_id: unknown template {message.template_id!r}")
        problems.extend(
            f"sent[{i}].obligations: unknown obligation {o!r}"
            for o in message.obligations
            if o not in known_obligations
        )
    if problems:
        raise InputValueError(
            "the sent messages do not fit the plan: "
            + "; ".join(problems)
            + "; use the ids of the plan's stakeholders, channels, templates and obligations",
            argument="sent",
            value=messages,
        )
    return messages


def context(plan: Plan, situation: Situation, sent: object) -> Context:
    """Check the arguments of `schedule` and `evaluate_timeliness` and order the messages."""
    if not isinstance(plan, Plan):
        raise InputError.for_type("plan", "a crisiscomms.Plan", plan)
    plan.check_situation(situation)
    detected_at = check_aware(situation.detected_at, "situation.detected_at")
    messages = _check_sent(plan, sent)
    # Instants, not wall clocks: two times in one ZoneInfo compare by wall clock (a fold).
    moments = [instant(m.sent_at) for m in messages]
    order = sorted(range(len(messages)), key=lambda i: (moments[i], i))
    ordered = tuple(messages[i] for i in order)
    phases = tuple(
        m.phase if m.phase is not None else plan.template(m.template_id or "").phase
        for m in ordered
    )
    zone = ZoneInfo(plan.timezone)
    at = tuple(moments[i] for i in order)
    return Context(plan, situation, zone, detected_at, ordered, phases, at, instant(detected_at))


def _first_statements(ctx: Context) -> list[Deadline]:
    plan, situation = ctx.plan, ctx.situation
    severity = plan.severity(situation.severity)
    deadlines = []
    due = after(ctx.detected_at, severity.first_statement_within).astimezone(ctx.zone)
    for stakeholder in concerned_stakeholders(plan, situation):
        deadlines.append(
            Deadline(
                id=f"first-statement/{stakeholder.id}",
                kind=DeadlineKind.FIRST_STATEMENT,
                stakeholder=stakeholder.id,
                label=f"First public statement to {stakeholder.label}",
                due_at=due,
                counts_from=ctx.detected_at.astimezone(ctx.zone),
                reason=f"severity {severity.id!r} ({severity.label}): first statement within"
                f" {_duration_words(severity.first_statement_within)} of detection",
                channels=stakeholder.channels,
            )
        )
    return deadlines


def _applies(plan: Plan, situation: Situation, obligation: Obligation) -> bool:
    # An obligation is owed to its stakeholder only for the crises that concern it.
    return (
        in_scope(obligation.crisis_types, situation.crisis_type)
        and reaches(plan, obligation.min_severity, situation.severity)
        and in_scope(plan.stakeholder(obligation.stakeholder).crisis_types, situation.crisis_type)
    )


def _obligation_deadlines(ctx: Context) -> list[Deadline]:
    plan = ctx.plan
    by_id = {o.id: o for o in plan.obligations}
    holidays = frozenset(plan.holidays)

    # The first submission of each obligation since detection, found in one pass.
    first_sent: dict[str, datetime] = {}
    first_at: dict[str, timedelta] = {}
    for message, at in zip(ctx.sent, ctx.at, strict=True):
        if not at < ctx.detected:
            for sent_for in message.obligations:
                known = first_at.get(sent_for)
                if known is None or at < known:
                    first_sent[sent_for] = message.sent_at
                    first_at[sent_for] = at
    memo: dict[str, tuple[datetime, datetime, str]] = {}

    def compute(obligation: Obligation) -> tuple[datetime, datetime, str]:
        how = ""
        start = ctx.detected_at
        if obligation.after is not None:
            earlier_due = memo[obligation.after][0]
            start = earlier_due
            how = f"after obligation {obligation.after!r} (its deadline"
            met = first_sent.get(obligation.after)
            if met is not None and is_before(met, earlier_due):
                # The law counts from the submission (NIS2 Art. 23(4)(d)): an early
                # submission brings the next deadline forward, never back.
                start = met
                how += ", brought forward to its early submission"
            how += ")"
        if obligation.within is not None:
            due = after(start, obligation.within)
        else:
            local = start.astimezone(ctx.zone)
            wall = local.time().replace(fold=0)
            if obligation.within_business_days is not None:
                days = obligation.within_business_days
                # Business days never run past twice their count plus a month of holidays.
                span = min(timedelta(days=2 * days + 31), date.max - local.date())
                last = local.date() + span
                calendar = obligation.calendar or plan.calendar
                off = holidays | holidays_between(calendar, local.date(), last)
                day = add_business_days(local.date(), days, off)
            else:
                day = add_months(local.date(), obligation.within_months or 0)
            due = wall_instant(day, wall, ctx.zone)
        return due.astimezone(ctx.zone), start.astimezone(ctx.zone), how

    def due_and_start(obligation_id: str) -> tuple[datetime, datetime, str]:
        # Iteratively along the 'after' chain, each obligation computed once: a
        # chain of any length neither recurses nor repeats work.
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = obligation_id
        while current is not None and current not in memo:
            if current in on_chain:
                raise InputError.for_argument(
                    "plan", "obligations without a cycle through 'after'", obligation_id
                )
            on_chain.add(current)
            chain.append(current)
            current = by_id[current].after
        for pending in reversed(chain):
            memo[pending] = compute(by_id[pending])
        return memo[obligation_id]

    deadlines = []
    for obligation in plan.obligations:
        if not _applies(plan, ctx.situation, obligation):
            continue
        due, start, how = due_and_start(obligation.id)
        where = f" ({obligation.reference})" if obligation.reference else ""
        counted = how or "of detection"
        deadlines.append(
            Deadline(
                id=f"obligation/{obligation.id}",
                kind=DeadlineKind.OBLIGATION,
                stakeholder=obligation.stakeholder,
                label=obligation.label,
                due_at=due,
                counts_from=start,
                reason=f"obligation {obligation.id!r}{where}: {_period_words(obligation)}"
                f" {counted}",
                channels=plan.stakeholder(obligation.stakeholder).channels,
                obligation=obligation.id,
                reference=obligation.reference,
            )
        )
    return deadlines


def _update_deadlines(ctx: Context) -> list[Deadline]:
    plan, situation = ctx.plan, ctx.situation
    severity = plan.severity(situation.severity)
    counts: dict[str, int] = {}
    deadlines = []
    # What a stakeholder's updates share, worked out once per stakeholder of this call.
    cadences: dict[str, tuple[Stakeholder, timedelta, str] | None] = {}
    for message, phase, at in zip(ctx.sent, ctx.phases, ctx.at, strict=True):
        n = counts[message.stakeholder] = counts.get(message.stakeholder, 0) + 1
        if phase in _ENDING_PHASES or at < ctx.detected:
            continue
        if message.stakeholder not in cadences:
            cadences[message.stakeholder] = _update_cadence(ctx, message.stakeholder, severity)
        known = cadences[message.stakeholder]
        if known is None:
            continue
        stakeholder, every, words = known
        deadlines.append(
            Deadline(
                id=f"update/{stakeholder.id}/{n}",
                kind=DeadlineKind.UPDATE,
                stakeholder=stakeholder.id,
                label=f"Next update to {stakeholder.label}",
                due_at=after(message.sent_at, every).astimezone(ctx.zone),
                counts_from=message.sent_at.astimezone(ctx.zone),
                reason=f"{words} ({phase.value} message {message.label})",
                channels=stakeholder.channels,
                follows=message.label,
            )
        )
    return deadlines


def _update_cadence(
    ctx: Context, stakeholder_id: str, severity: Severity
) -> tuple[Stakeholder, timedelta, str] | None:
    """A stakeholder's update period and the reason's words, or None when it gets no update."""
    plan, situation = ctx.plan, ctx.situation
    stakeholder = plan.stakeholder(stakeholder_id)
    every = cadence(plan, stakeholder, severity.id)
    if every is None or not concerns(plan, stakeholder, situation.crisis_type, situation.severity):
        return None
    own = stakeholder.update_every is not None
    whose = (
        f"stakeholder {stakeholder.id!r}"
        if own
        else f"severity {severity.id!r} ({severity.label})"
    )
    return (
        stakeholder,
        every,
        f"{whose}: an update every {_duration_words(every)} after each message",
    )


_KIND_ORDER = {DeadlineKind.FIRST_STATEMENT: 0, DeadlineKind.OBLIGATION: 1, DeadlineKind.UPDATE: 2}


def build(ctx: Context) -> Schedule:
    """The schedule of checked inputs: every deadline, earliest first."""
    try:
        deadlines = [*_first_statements(ctx), *_obligation_deadlines(ctx), *_update_deadlines(ctx)]
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError.for_value(
            "situation",
            "deadlines that fall between the years 1 and 9999",
            ctx.situation.detected_at,
            hint=f"a deadline is out of the datetime range ({exc}); check detected_at and the"
            " sent messages' times",
        ) from None
    deadlines.sort(key=lambda d: (instant(d.due_at), _KIND_ORDER[d.kind], d.id))
    return Schedule(
        deadlines=tuple(deadlines),
        detected_at=ctx.detected_at.astimezone(ctx.zone),
        timezone=ctx.plan.timezone,
    )


def schedule(plan: Plan, situation: Situation, /, *, sent: Iterable[SentMessage] = ()) -> Schedule:
    """Every deadline of the crisis: first statements, obligations, next updates.

    - **First statement**: one per stakeholder concerned, i.e. whose
      `crisis_types` include the situation's (or name none) and whose
      `min_severity` is at or below the situation's severity (all of them
      when it is unset), among `situation.stakeholders` when the situation
      restricts them; due `first_statement_within` of the severity after
      `detected_at`.
    - **Obligations**: every obligation whose crisis types include the
      situation's (or that names none) and whose `min_severity` is reached.
      Legal obligations apply whoever the situation chooses to address, so
      `situation.stakeholders` does not remove them. `within` is elapsed
      time; `within_business_days` skips Saturdays, Sundays and the plan's
      holidays and `within_months` counts calendar months (clamped to the
      month's end), both on the wall clock of the plan's time zone. An
      obligation to a stakeholder whose `crisis_types` leave the situation's
      out does not apply. With
      `after`, the period counts from the other obligation's deadline, or
      from the message that fulfilled it when that came earlier.
    - **Updates**: after each message sent to a stakeholder concerned, the
      next one is due within the stakeholder's `update_every`, else the
      current severity's; a stakeholder with ``update_every="none"``, a
      message of the resolved or post-crisis phase, or one sent before
      detection, sets no update.

    Args:
        plan: the plan.
        situation: the crisis now.
        sent: the messages sent so far, in any order.

    Returns:
        The `Schedule`, earliest deadline first, times in the plan's zone.

    Raises:
        InputError: a situation or a sent message that refers to ids the plan
            does not have, or deadlines beyond the datetime range.
        NaiveDatetimeError: a datetime without a time zone.

    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> gdpr = schedule(demo_plan(), demo_situation()).deadline("obligation/gdpr-art33")
    >>> gdpr.due_at.isoformat(), gdpr.reference
    ('2026-11-27T08:40:00+01:00', 'RGPD / GDPR Art. 33')
    """
    return build(context(plan, situation, sent))
