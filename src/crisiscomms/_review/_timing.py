"""Timing metrics: the first public statement, the update cadence and its promises, obligations."""

from __future__ import annotations

import itertools
import math
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from crisiscomms._errors import NoApprovedTemplate
from crisiscomms._review._context import ENDING_PHASES, Context
from crisiscomms._review._lessons import duration_json, element, lesson
from crisiscomms._review._values import Lesson, Metric, Theme, show
from crisiscomms._selection import select_response
from crisiscomms._timeline import DeadlineKind, DeadlineStatus
from crisiscomms.model._base import Audience
from crisiscomms.model._scope import concerned_stakeholders
from crisiscomms.model._sent import SentMessage

__all__ = ["cadence", "first_statements", "obligations"]

_T = Theme.FIRST_STATEMENT


def _is_public(ctx: Context, channel: str) -> bool:
    audience = ctx.audiences.get(channel)
    return audience is None or audience is Audience.PUBLIC


def first_statements(ctx: Context) -> tuple[list[Metric], list[Lesson]]:
    """Time to the first public statement: overall, per stakeholder, after each escalation."""
    plan, record = ctx.plan, ctx.record
    detected = record.detected_at
    severity = plan.severity(record.situation.severity)
    target = severity.first_statement_within
    metrics: list[Metric] = []
    lessons: list[Lesson] = []
    public = [m for m in ctx.sent if _is_public(ctx, m.channel)]
    first = public[0] if public else None
    delay = None if first is None else first.sent_at - detected
    missed_overall = delay is None or delay > target
    metrics.append(
        Metric(
            _T,
            "first public statement",
            "",
            delay,
            target,
            None if delay is None and ctx.end - detected <= target else not missed_overall,
            "nothing public was sent" if first is None else f"{first.label}",
        )
    )
    if missed_overall and (delay is not None or ctx.end - detected > target):
        path, pointer, guard = element(plan, "severities", severity.id)
        observed = delay if delay is not None else ctx.end - detected
        quarter = 15 * 60
        rounded = timedelta(seconds=math.ceil(observed.total_seconds() / quarter) * quarter)
        lessons.append(
            lesson(
                "REV002",
                f"the first public statement came {show(observed)} after detection, against a"
                f" target of {show(target)} at severity {severity.id!r}: no stakeholder heard in"
                " time",
                _T,
                f"{path}.first_statement_within",
                f"review the target or the approval chain ({severity.approvals_required}"
                f" approval(s) required at {severity.id!r}): either keep {show(target)} and"
                " pre-approve what the first hour needs, or set the target the team can hold"
                f" ({show(rounded)}, the patch)",
                [
                    *guard,
                    {
                        "op": "replace",
                        "path": f"{pointer}/first_statement_within",
                        "value": duration_json(rounded),
                    },
                ],
            )
        )
    report = ctx.timeliness[record.situation.severity]
    for state in report.states:
        deadline = state.deadline
        if deadline.kind is not DeadlineKind.FIRST_STATEMENT:
            continue
        sid = deadline.stakeholder
        met = state.status is DeadlineStatus.MET
        open_ = state.status.is_open
        sent_delay = None if state.sent_at is None else state.sent_at - detected
        metrics.append(
            Metric(
                _T,
                "first statement",
                sid,
                sent_delay,
                target,
                None if open_ else met,
                state.met_by or "nothing was sent",
            )
        )
        if not met and not open_:
            lessons.extend(_unreached(ctx, sid, sent_delay, target))
    metrics.extend(_after_escalations(ctx))
    return metrics, lessons


def _unreached(ctx: Context, sid: str, delay: timedelta | None, target: timedelta) -> list[Lesson]:
    """The lesson of a stakeholder told too late: a channel, a template, or the team."""
    plan, situation = ctx.plan, ctx.record.situation
    stakeholder = plan.stakeholder(sid)
    when = "never got a message" if delay is None else f"got the first message {show(delay)}"
    what = f"{sid} {when} after detection, against a target of {show(target)}"
    at = ctx.record.detected_at
    ready = []
    for channel in stakeholder.channels:
        try:
            ready.append(
                select_response(plan, situation, stakeholder=sid, channel=channel, now=at)
            )
        except NoApprovedTemplate:
            continue
    path, pointer, guard = element(plan, "stakeholders", sid)
    if ready:
        first = ready[0]
        return [
            lesson(
                "REV001",
                what,
                _T,
                path,
                f"the plan had {first.template.id!r} approved for them on {first.channel!r}:"
                " put them on the first-hour list of the crisis team and rehearse it",
            )
        ]
    for other in plan.channels:
        if other.id in stakeholder.channels:
            continue
        try:
            select_response(
                plan, situation, stakeholder=sid, channel=other.id, now=at, other_channel_ok=True
            )
        except NoApprovedTemplate:
            continue
        return [
            lesson(
                "REV001",
                what + "; none of their channels had an approved template",
                _T,
                f"{path}.channels",
                f"add the channel {other.id!r}, where an approved template exists for them",
                [*guard, {"op": "add", "path": f"{pointer}/channels/-", "value": other.id}],
            )
        ]
    return [
        lesson(
            "REV001",
            what + "; no channel of the plan had an approved template for them",
            _T,
            "templates",
            f"add and approve a {situation.crisis_type!r} template for {sid!r} on"
            f" {stakeholder.channels[0]!r} in {stakeholder.locales[0]}",
        )
    ]


def _after_escalations(ctx: Context) -> list[Metric]:
    plan = ctx.plan
    metrics = []
    previous = ctx.record.situation.severity
    for change in ctx.record.changes:
        if change.severity is None:
            continue
        raised = plan.severity_rank(change.severity) > plan.severity_rank(previous)
        before = previous
        previous = change.severity
        if not raised:
            continue
        severity = plan.severity(change.severity)
        after = next(
            (m for m in ctx.sent if m.sent_at >= change.at and _is_public(ctx, m.channel)), None
        )
        delay = None if after is None else after.sent_at - change.at
        open_ = after is None and ctx.end - change.at <= severity.first_statement_within
        metrics.append(
            Metric(
                _T,
                "first statement after escalation",
                change.label,
                delay,
                severity.first_statement_within,
                None
                if open_
                else (delay is not None and delay <= severity.first_statement_within),
                f"{before} -> {change.severity}; "
                + ("nothing public was sent after it" if after is None else after.label),
            )
        )
        newly = {
            s.id
            for s in concerned_stakeholders(plan, ctx.record.situation_at(change.at))
            if s.min_severity is not None
            and plan.severity_rank(s.min_severity) > plan.severity_rank(before)
        }
        for sid in sorted(newly):
            theirs = (ctx.sent[p] for p in ctx.by_stakeholder.get(sid, ()))
            told = next((m for m in theirs if m.sent_at >= change.at), None)
            wait = None if told is None else told.sent_at - change.at
            metrics.append(
                Metric(
                    _T,
                    "first statement after escalation",
                    f"{change.label}/{sid}",
                    wait,
                    severity.first_statement_within,
                    wait is not None and wait <= severity.first_statement_within,
                    "nothing was sent" if told is None else told.label,
                )
            )
    return metrics


# -- cadence -------------------------------------------------------------------------

_C = Theme.CADENCE


def cadence(ctx: Context, promise_fact: str) -> tuple[list[Metric], list[Lesson]]:
    """The share of updates on time, the longest silences, and the promises of an update."""
    plan = ctx.plan
    metrics: list[Metric] = []
    lessons: list[Lesson] = []
    # The update after the n-th message to a stakeholder is due by the cadence of the
    # severity in force when that message went out.
    counts: dict[str, int] = {}
    severity_of: dict[str, str] = {}
    for message, situation in zip(ctx.sent, ctx.situations, strict=True):
        n = counts[message.stakeholder] = counts.get(message.stakeholder, 0) + 1
        severity_of[f"update/{message.stakeholder}/{n}"] = situation.severity
    met: dict[str, int] = {}
    late: dict[str, int] = {}
    for deadline_id, severity in severity_of.items():
        state = ctx.deadlines[severity].get(deadline_id)
        if state is None:
            continue  # an ending message, or one sent before detection, sets no update
        if state.status.is_open:
            continue
        sid = state.deadline.stakeholder
        bucket = met if state.status is DeadlineStatus.MET else late
        bucket[sid] = bucket.get(sid, 0) + 1
    total_met, total = sum(met.values()), sum(met.values()) + sum(late.values())
    metrics.append(
        Metric(
            _C,
            "updates on time",
            "",
            total_met / total if total else None,
            1.0,
            None if not total else total_met == total,
            f"{total_met} of {total} updates due were sent in time",
        )
    )
    for sid in sorted(set(met) | set(late)):
        on_time, due = met.get(sid, 0), met.get(sid, 0) + late.get(sid, 0)
        metrics.append(
            Metric(_C, "updates on time", sid, on_time / due, 1.0, on_time == due,
                   f"{on_time} of {due}")
        )  # fmt: skip
    if late:
        path, _, _ = element(plan, "severities", ctx.highest_severity)
        behind = ", ".join(f"{sid} ({n})" for sid, n in sorted(late.items()))
        lessons.append(
            lesson(
                "REV003",
                f"{total - total_met} of {total} updates due came after the cadence: {behind}",
                _C,
                f"{path}.update_every",
                "plan the updates on the clock: book the next one when each goes out, or set"
                " a cadence the team can hold",
            )
        )
    metrics.extend(_silences(ctx))
    found, broken = _promises(ctx, promise_fact)
    metrics.extend(found)
    lessons.extend(broken)
    return metrics, lessons


def _silences(ctx: Context) -> list[Metric]:
    metrics = []
    detected = ctx.record.detected_at
    for sid, positions in sorted(ctx.by_stakeholder.items()):
        points = [detected]
        ended = False
        for position in positions:
            message, phase = ctx.sent[position], ctx.phases[position]
            points.append(max(message.sent_at, detected))
            if phase in ENDING_PHASES:
                ended = True
                break
        if not ended:
            points.append(ctx.end)
        gaps = [(b - a, a) for a, b in itertools.pairwise(points)]
        longest, since = max(gaps, key=lambda gap: gap[0])
        metrics.append(
            Metric(
                _C,
                "longest silence",
                sid,
                longest,
                None,
                None,
                f"from {show(since.astimezone(ctx.zone))}",
            )
        )
    return metrics


def _promised_instant(value: object, sent_at: datetime, zone: str) -> datetime | None:
    tz = ZoneInfo(zone)
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, time):
        local = sent_at.astimezone(tz)
        promised = datetime.combine(local.date(), value.replace(tzinfo=None), tzinfo=tz)
        try:
            if promised < sent_at:
                promised += timedelta(days=1)
        except OverflowError:  # at the end of the calendar: no later day to promise
            return None
        return promised
    return None


def _promises(ctx: Context, fact: str) -> tuple[list[Metric], list[Lesson]]:
    """Each update promised in a message ("next update at 12:00") and whether it was kept."""
    metrics: list[Metric] = []
    lessons: list[Lesson] = []
    if not ctx.plan.has_fact(fact):
        return metrics, lessons
    by_label = {m.label: (i, m) for i, m in enumerate(ctx.sent)}
    stated = _stated(ctx)
    following = _following(ctx)
    broken = 0
    for row_message, value in stated:
        if row_message not in by_label:
            continue  # two messages with the same id: the check told them apart
        position, message = by_label[row_message]
        zone = ctx.plan.stakeholder_timezone(message.stakeholder)
        promised = _promised_instant(value, message.sent_at, zone)
        if promised is None:
            continue
        kept = following[position]
        if kept is not None and kept.sent_at <= promised:
            verdict: bool | None = True
            detail = f"kept by {kept.label}"
        elif promised > ctx.end and kept is None:
            verdict, detail = None, "due after the end of the record"
        else:
            verdict = False
            detail = (
                "nothing followed"
                if kept is None
                else f"{kept.label} came {show(kept.sent_at - promised)} late"
            )
            broken += 1
        metrics.append(
            Metric(_C, "promised update", message.label, show(promised.astimezone(ZoneInfo(zone))),
                   None, verdict, detail)
        )  # fmt: skip
    if broken:
        path, _, _ = element(ctx.plan, "facts", fact)
        lessons.append(
            lesson(
                "REV004",
                f"{broken} update(s) promised in a message ({fact}) did not come by the time"
                " promised",
                _C,
                path,
                f"set {fact} in the fact sheet only to a time the team has booked, and send"
                " the update, even to say there is nothing new, when it falls due",
            )
        )
    return metrics, lessons


def _following(ctx: Context) -> list[SentMessage | None]:
    """For each sent message, the first later one to its stakeholder, sent strictly after it.

    One backward pass per stakeholder: the record lists its messages in time order,
    so the answer for a message is the next one to the stakeholder when that came
    later, else (the same instant) the next one's own answer. Python compares two
    times of one zone by their wall clocks, so in a fold that order is not the
    instants' order: a record with such a time is scanned message by message.
    """
    if not all(_unambiguous(m.sent_at) for m in ctx.sent):
        return [_first_later(ctx, position) for position in range(len(ctx.sent))]
    following: list[SentMessage | None] = [None] * len(ctx.sent)
    for positions in ctx.by_stakeholder.values():
        after: SentMessage | None = None  # the answer for `head`
        head: SentMessage | None = None  # the next message to the stakeholder
        for position in reversed(positions):
            message = ctx.sent[position]
            if head is not None and head.sent_at > message.sent_at:
                after = head
            following[position] = after
            head = message
    return following


def _unambiguous(at: datetime) -> bool:
    """True when `at`'s wall clock names one instant (no fold, no gap)."""
    return at.utcoffset() == at.replace(fold=1 - at.fold).utcoffset()


def _first_later(ctx: Context, position: int) -> SentMessage | None:
    """The first later message to the stakeholder sent after the one at `position`: a scan."""
    message = ctx.sent[position]
    return next(
        (
            later
            for later in ctx.sent[position + 1 :]
            if later.stakeholder == message.stakeholder and later.sent_at > message.sent_at
        ),
        None,
    )


def _stated(ctx: Context) -> list[tuple[str, object]]:
    return [
        (row.message, row.value)
        for _, report in ctx.checked
        for row in report.facts_seen
        if row.fact == ctx.promise_fact
    ]


# -- obligations ---------------------------------------------------------------------

_O = Theme.OBLIGATIONS


def obligations(ctx: Context) -> tuple[list[Metric], list[Lesson]]:
    """Each obligation that applied: met or missed, with the margin or the lateness."""
    metrics: list[Metric] = []
    lessons: list[Lesson] = []
    report = ctx.timeliness[ctx.highest_severity]
    for state in report.states:
        deadline = state.deadline
        if deadline.kind is not DeadlineKind.OBLIGATION or deadline.obligation is None:
            continue
        if state.status.is_open:
            metrics.append(
                Metric(_O, "obligation", deadline.obligation, state.margin, None, None,
                       f"open at the end of the record, due {show(deadline.due_at)}")
            )  # fmt: skip
            continue
        met = state.status is DeadlineStatus.MET
        value = state.margin if met else state.lateness
        detail = (
            f"{state.met_by}, {show(value or timedelta(0))} early"
            if met
            else (
                f"{state.met_by} came {show(value or timedelta(0))} late"
                if state.met_by
                else "nothing was sent"
            )
        )
        reference = f" ({deadline.reference})" if deadline.reference else ""
        metrics.append(
            Metric(_O, "obligation", deadline.obligation, value, None, met, detail + reference)
        )
        if not met:
            path, _, _ = element(ctx.plan, "obligations", deadline.obligation)
            lessons.append(
                lesson(
                    "REV005",
                    f"{deadline.label}{reference} was due {show(deadline.due_at)}: {detail}",
                    _O,
                    path,
                    "prepare and pre-approve the notification, name who sends it in the"
                    " plan's roles, and track the deadline from detection",
                )
            )
    return metrics, lessons
