"""What monitoring saw: known claims and their rebuttals, and the escalation rules replayed."""

from __future__ import annotations

import bisect
from datetime import UTC, datetime, timedelta
from typing import Any

from crisiscomms._monitoring import (
    MICROSECOND,
    Feed,
    KeywordSet,
    Signals,
    claim_index,
    first_after,
    matches_in,
    micros,
    read_feed,
    rule_evidence,
    window_signals,
)
from crisiscomms._review._context import Context
from crisiscomms._review._lessons import element, lesson, reapproval
from crisiscomms._review._values import Lesson, Metric, Theme, show
from crisiscomms._selection import approval_status
from crisiscomms.model._elements import EscalationRule, KnownClaim
from crisiscomms.model._sent import SentMessage

__all__ = ["Monitoring", "escalation", "misinformation"]

_M = Theme.MISINFORMATION
_E = Theme.ESCALATION
_HOUR = timedelta(hours=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Monitoring:
    """The record's mentions read once: the feed in time order and its claim matches."""

    def __init__(self, ctx: Context) -> None:
        self.feed: Feed = read_feed(ctx.record.mentions, micros(ctx.end))
        self.matches: dict[int, tuple[KeywordSet, ...]] = (
            matches_in(self.feed, 0, claim_index(ctx.plan.claims)[1]) if ctx.plan.claims else {}
        )

    def signals(self, at_us: int, window: timedelta) -> Signals:
        """The signals of the window ending at `at_us`, as monitoring saw them then.

        `window_signals` reads the feed up to the first mention after `at_us`.
        """
        end = first_after(self.feed.times, at_us)
        return window_signals(self.feed, at_us, window, self.matches, end=end)[0]

    def cannot_fire(self, rule: EscalationRule, at_us: int) -> bool:
        """True when the counts alone (found by bisection) rule the rule out at `at_us`.

        The same counts as `window_signals`: mentions in the window ending at
        `at_us`, and in the window before it for the growth.
        """
        times = self.feed.times
        window_us = rule.window // MICROSECOND
        end = first_after(times, at_us)
        start = first_after(times, at_us - window_us)
        count = end - start
        if count == 0:
            return True
        if rule.min_mentions is not None and count < rule.min_mentions:
            return True
        if rule.min_claim_matches is not None and count < rule.min_claim_matches:
            return True
        if rule.min_growth is not None:
            baseline = start - first_after(times, at_us - 2 * window_us)
            if baseline and count / baseline < rule.min_growth:
                return True
        return False


def _instant(us: int, ctx: Context) -> datetime:
    instant = _EPOCH + timedelta(microseconds=us)
    try:
        return instant.astimezone(ctx.zone)
    except OverflowError:  # within hours of the calendar's ends: keep it in UTC
        return instant


def _by_key(ctx: Context) -> dict[str, list[SentMessage]]:
    """The messages sent from a template, by the template's key, in time order."""
    found: dict[str, list[SentMessage]] = {}
    for m in ctx.sent:
        if m.template_id is not None:
            found.setdefault(ctx.plan.template(m.template_id).key, []).append(m)
    return found


def _peak(times: list[int], window_us: int) -> int:
    best = start = 0
    for end, at in enumerate(times):
        while times[start] <= at - window_us:
            start += 1
        best = max(best, end - start + 1)
    return best


def misinformation(ctx: Context, seen: Monitoring) -> tuple[list[Metric], list[Lesson]]:
    """Per known claim: first mention to first rebuttal, share answered, peak volume."""
    plan = ctx.plan
    metrics: list[Metric] = []
    lessons: list[Lesson] = []
    windows = [r.window for r in plan.escalation_rules]
    window = min(windows) if windows else _HOUR
    by_claim: dict[str, list[int]] = {}
    for position in sorted(seen.matches):
        for keyword_set in seen.matches[position]:
            by_claim.setdefault(keyword_set.claim_id, []).append(seen.feed.times[position])
    by_key = _by_key(ctx)
    for claim in plan.claims:
        times = by_claim.get(claim.id)
        if not times:
            continue
        first_at = _instant(times[0], ctx)
        target = plan.severity(ctx.record.situation_at(first_at).severity).first_statement_within
        rebuttals = [] if claim.rebuttal_key is None else by_key.get(claim.rebuttal_key, [])
        after = [m for m in rebuttals if m.sent_at >= first_at]
        delay = after[0].sent_at - first_at if after else None
        last = micros(rebuttals[-1].sent_at) if rebuttals else None
        answered = 0 if last is None else bisect.bisect_right(times, last)
        metrics.extend(
            [
                Metric(_M, "first mention to first rebuttal", claim.id, delay, target,
                       delay is not None and delay <= target,
                       f"first mention {show(first_at)}; "
                       + (after[0].label if after else "never rebutted")),
                Metric(_M, "mentions answered", claim.id, answered / len(times), None, None,
                       f"{answered} of {len(times)} mentions came before a rebuttal"),
                Metric(_M, "peak volume", claim.id, _peak(times, window // MICROSECOND), None,
                       None, f"mentions in {show(window)}"),
            ]
        )  # fmt: skip
        if delay is None or delay > target:
            lessons.append(_rebuttal_lesson(ctx, claim, delay, target, first_at))
    return metrics, lessons


def _rebuttal_lesson(
    ctx: Context, claim: KnownClaim, delay: timedelta | None, target: timedelta, first: datetime
) -> Lesson:
    plan = ctx.plan
    claim_id = claim.id
    what = (
        f"the claim {claim_id!r} ({claim.verdict.value}) was "
        + ("never rebutted" if delay is None else f"rebutted {show(delay)} after it appeared")
        + f", against {show(target)}"
    )
    path, _, _ = element(plan, "claims", claim_id)
    if claim.rebuttal_key is None:
        return lesson(
            "REV010",
            what,
            _M,
            f"{path}.rebuttal_key",
            "write and approve a rebuttal template and name its key here",
        )
    crisis = ctx.record.situation.crisis_type
    templates = [t for t in plan.templates if t.key == claim.rebuttal_key]
    narrow = [t for t in templates if t.crisis_types and crisis not in t.crisis_types]
    if narrow:
        ops: list[dict[str, Any]] = []
        for template in narrow:
            _, pointer, guard = element(plan, "templates", template.id)
            ops += [*guard, {"op": "add", "path": f"{pointer}/crisis_types/-", "value": crisis}]
        tpath, _, _ = element(plan, "templates", narrow[0].id)
        names = ", ".join(repr(t.id) for t in narrow)
        return lesson(
            "REV010",
            what + f"; its rebuttal {names} is scoped to other crisis types",
            _M,
            f"{tpath}.crisis_types",
            f"let {names} answer the claim in a {crisis!r} crisis too",
            ops,
        )
    situation = ctx.record.situation_at(first)
    for template in templates:
        state = approval_status(template, plan, severity=situation.severity, now=first)
        if not state.is_approved:
            tpath, pointer, guard = element(plan, "templates", template.id)
            approval = reapproval(template, ctx.end)
            patch: list[dict[str, Any]] = (
                []
                if approval is None
                else [*guard, {"op": "replace", "path": f"{pointer}/approval", "value": approval}]
            )
            return lesson(
                "REV010",
                what + f"; its rebuttal {template.id!r} was not approved ({state.status.value})",
                _M,
                f"{tpath}.approval",
                "approve the rebuttal before the next crisis",
                patch,
            )
    return lesson(
        "REV010",
        what,
        _M,
        path,
        "the rebuttal was ready: watch the register's claims from detection and answer"
        " within the first-statement target",
    )


# -- escalation ----------------------------------------------------------------------


def _fires(
    rule: EscalationRule, seen: Monitoring, at_us: int, cache: dict[tuple[timedelta, int], Signals]
) -> bool:
    if seen.cannot_fire(rule, at_us):
        return False
    key = (rule.window, at_us)
    if key not in cache:
        cache[key] = seen.signals(at_us, rule.window)
    return rule_evidence(rule, cache[key]) is not None


def _first_firing(rule: EscalationRule, seen: Monitoring, end_us: int) -> int | None:
    """The first instant the rule holds: checked every quarter window, then at each mention.

    Conditions that hold only between two checks a quarter window apart are not seen.
    """
    times = seen.feed.times
    if not times:
        return None
    step = max(rule.window // MICROSECOND // 4, 1)
    cache: dict[tuple[timedelta, int], Signals] = {}
    at = times[0]
    previous = at - step
    while True:
        if _fires(rule, seen, at, cache):
            low = first_after(times, previous)
            high = first_after(times, at) - 1
            # The first mention in (previous, at] at whose arrival the rule holds.
            while low < high:
                middle = (low + high) // 2
                if _fires(rule, seen, times[middle], cache):
                    high = middle
                else:
                    low = middle + 1
            return times[low] if _fires(rule, seen, times[low], cache) else at
        if at >= end_us:
            return None
        following = first_after(times, at)
        if following == len(times):
            return None
        previous = at
        # Skip silent stretches: the next check is at the next mention, at the latest.
        at = min(at + step, end_us) if times[following] <= at + step else times[following]


def escalation(ctx: Context, seen: Monitoring) -> tuple[list[Metric], list[Lesson]]:
    """When the rules, replayed on the mentions, would have raised the severity; when it was."""
    plan, record = ctx.plan, ctx.record
    metrics: list[Metric] = []
    lessons: list[Lesson] = []
    crisis = record.situation.crisis_type
    rules = [r for r in plan.escalation_rules if not r.crisis_types or crisis in r.crisis_types]
    detected_rank = plan.severity_rank(record.situation.severity)
    end_us = micros(ctx.end)
    firing = {rule.id: _first_firing(rule, seen, end_us) for rule in rules}
    targets = sorted(
        {r.to_severity for r in rules} | {c.severity for c in record.escalations if c.severity},
        key=plan.severity_rank,
    )
    for severity in targets:
        rank = plan.severity_rank(severity)
        if rank <= detected_rank:
            continue
        raised = next((t for t, s in ctx.states if plan.severity_rank(s.severity) >= rank), None)
        candidates = [
            (at, rule)
            for rule in rules
            if plan.severity_rank(rule.to_severity) >= rank and (at := firing[rule.id]) is not None
        ]
        rules_at = min(candidates, key=lambda c: c[0]) if candidates else None
        rules_instant = None if rules_at is None else _instant(rules_at[0], ctx)
        lag = None if raised is None or rules_instant is None else raised - rules_instant
        detail = (
            f"rules: {show(rules_instant) if rules_instant else 'never'}"
            + (f" ({rules_at[1].id})" if rules_at else "")
            + f"; raised: {show(raised.astimezone(ctx.zone)) if raised else 'never'}"
        )
        met = (
            None
            if rules_instant is None and raised is None
            else (lag is not None and lag <= timedelta(0))
        )
        metrics.append(Metric(_E, "escalation", severity, lag, timedelta(0), met, detail))
        targeted = [r for r in rules if r.to_severity == severity]
        if (
            rules_at is not None
            and rules_instant is not None
            and (raised is None or raised > rules_instant)
        ):
            rule = rules_at[1]
            path, _, _ = element(plan, "escalation_rules", rule.id)
            late = "never raised" if lag is None else f"raised {show(lag)} later"
            lessons.append(
                lesson(
                    "REV012",
                    f"rule {rule.id!r} called for {severity!r} at {show(rules_instant)}; the"
                    f" severity was {late}",
                    _E,
                    path,
                    "make the rule's alert reach the crisis lead, who decides the severity, and"
                    " rehearse acting on it",
                )
            )
        elif (
            raised is not None
            and record.mentions
            and (rules_instant is None or raised < rules_instant)
        ):
            lessons.append(_thresholds(ctx, seen, severity, raised, targeted))
    return metrics, lessons


def _thresholds(
    ctx: Context, seen: Monitoring, severity: str, raised: datetime, rules: list[EscalationRule]
) -> Lesson:
    plan = ctx.plan
    what = f"the team raised the severity to {severity!r} at {show(raised.astimezone(ctx.zone))}"
    if not rules:
        return lesson(
            "REV012",
            what + "; no escalation rule leads there",
            _E,
            "escalation_rules",
            f"add a rule to {severity!r} with the signals the team saw when it decided",
        )
    rule = rules[0]
    path, pointer, guard = element(plan, "escalation_rules", rule.id)
    signals = seen.signals(micros(raised), rule.window)
    observed: dict[str, int | float | None] = {
        "min_mentions": signals.mentions,
        "min_growth": None if signals.growth in (None, float("inf")) else signals.growth,
        "min_negative_share": signals.negative_share,
        "min_reach": signals.reach,
        "min_claim_matches": signals.claim_matches,
    }
    ops: list[dict[str, Any]] = []
    for condition, value in observed.items():
        threshold = getattr(rule, condition)
        if threshold is None or value is None or value >= threshold or value <= 0:
            continue
        lowered: int | float = int(value) if isinstance(threshold, int) else round(float(value), 2)
        if lowered > 0:
            ops.append({"op": "replace", "path": f"{pointer}/{condition}", "value": lowered})
    return lesson(
        "REV012",
        what + f", before rule {rule.id!r} would have (its thresholds were not reached)",
        _E,
        path,
        "review the rule's thresholds: the patch lowers each to what was observed over its"
        " window when the team decided",
        [*guard, *ops] if ops else [],
    )
