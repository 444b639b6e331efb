"""`review_crisis`: the communication metrics of a finished crisis, and its lessons."""

from __future__ import annotations

from datetime import datetime

from crisiscomms._arguments import plan_of
from crisiscomms._errors import InputError
from crisiscomms._review._content import accuracy, approvals, coverage
from crisiscomms._review._context import Context, read_record
from crisiscomms._review._lessons import unique
from crisiscomms._review._monitoring import Monitoring, escalation, misinformation
from crisiscomms._review._report import Review
from crisiscomms._review._timing import cadence, first_statements, obligations
from crisiscomms._review._values import Metric, show
from crisiscomms.model._plan import Plan
from crisiscomms.model._record import CrisisRecord

__all__ = ["review_crisis"]


def _timeline(ctx: Context) -> tuple[tuple[datetime, str], ...]:
    events: list[tuple[datetime, int, str]] = [
        (ctx.record.detected_at, 0, f"detected: {ctx.record.situation.crisis_type},"
         f" severity {ctx.record.situation.severity}")
    ]  # fmt: skip
    for change in ctx.record.changes:
        what = [f"severity {change.severity}"] if change.severity else []
        what += [f"phase {change.phase.value}"] if change.phase else []
        what += [f"facts {', '.join(sorted(change.facts))}"] if change.facts else []
        reason = f" ({change.reason})" if change.reason else ""
        events.append((change.at, 1, f"{change.label}: {'; '.join(what)}{reason}"))
    for message in ctx.sent:
        source = message.template_id or "hand-written"
        events.append(
            (message.sent_at, 2, f"sent {message.label} to {message.stakeholder} on"
             f" {message.channel} ({source})")
        )  # fmt: skip
    events.sort(key=lambda e: (e[0], e[1]))
    return tuple((at.astimezone(ctx.zone), text) for at, _, text in events)


def _strengths(metrics: list[Metric]) -> tuple[str, ...]:
    strengths = []
    for metric in metrics:
        if metric.met is True and metric.target is not None:
            where = f" for {metric.subject}" if metric.subject else ""
            strengths.append(
                f"{metric.theme.heading}: {metric.name}{where} within target"
                f" ({show(metric.value)} against {show(metric.target)})"
            )
    return tuple(strengths)


def review_crisis(
    plan: Plan, record: CrisisRecord, /, *, promise_fact: str = "next_update"
) -> Review:
    """The communication metrics of a finished crisis, and the lessons for the plan.

    Every metric is defined in the how-to "Review a crisis and update the
    plan". In short, by theme: the time to the first public statement
    (overall, per stakeholder, after each escalation) against the severity's
    target; the share of updates on time, the longest silence per
    stakeholder and the updates promised in a message (the fact
    `promise_fact`, read by `check_consistency`) and not kept; each
    obligation met or missed; each message against the facts in force when
    it was sent, the corrections and the same-day contradictions; per known
    claim, the time to the first rebuttal, the share of its mentions
    answered and its peak volume; the stakeholders, channels and languages
    reached, and the language fallbacks; the messages from approved,
    lapsed or edited templates and those written by hand; and when the
    escalation rules, replayed on the mentions, would have raised the
    severity, against when it was raised.

    Each `Lesson` points at a plan element and, where a concrete change
    follows, carries it as a JSON Patch for `apply_lessons`.

    Args:
        plan: the plan the crisis was handled with.
        record: what happened (`CrisisRecord`).
        promise_fact: the fact by which messages promise the next update.

    Returns:
        The `Review`; a record without messages gives a review too.

    Raises:
        InputValueError: an event of the record that names something the plan
            does not have (an unknown stakeholder, channel, template,
            obligation, severity or crisis type), naming the event.
        InputTypeError: a plan or record of the wrong type.

    >>> from crisiscomms.samples import demo_plan, demo_record
    >>> review = review_crisis(demo_plan(), demo_record())
    >>> sorted({lesson.finding.code for lesson in review.lessons})[:3]
    ['REV001', 'REV003', 'REV004']
    """
    plan = plan_of(plan)
    if not isinstance(record, CrisisRecord):
        raise InputError.for_type("record", "a crisiscomms.CrisisRecord", record)
    if not isinstance(promise_fact, str):
        raise InputError.for_type("promise_fact", "a fact name (str)", promise_fact)
    ctx = read_record(plan, record, promise_fact)
    try:
        return _review(ctx)
    except OverflowError:
        raise InputError.for_value(
            "record",
            "events at least a few days from the ends of the datetime range",
            record.end.isoformat(),
            hint="a deadline or a time zone conversion of the record falls outside the years"
            " 1 to 9999; check the record's times",
        ) from None


def _review(ctx: Context) -> Review:
    plan, record, promise_fact = ctx.plan, ctx.record, ctx.promise_fact
    seen = Monitoring(ctx)
    metrics: list[Metric] = []
    lessons = []
    for found, learned in (
        first_statements(ctx),
        cadence(ctx, promise_fact),
        obligations(ctx),
        accuracy(ctx),
        misinformation(ctx, seen),
        coverage(ctx),
        approvals(ctx),
        escalation(ctx, seen),
    ):
        metrics.extend(found)
        lessons.extend(learned)
    return Review(
        plan=plan.name,
        crisis=record.label or record.situation.crisis_type,
        detected_at=record.detected_at.astimezone(ctx.zone),
        end=ctx.end.astimezone(ctx.zone),
        timeline=_timeline(ctx),
        metrics=tuple(metrics),
        strengths=_strengths(metrics),
        lessons=unique(lessons),
    )
