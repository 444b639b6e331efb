"""What the messages said and to whom: accuracy, coverage, approvals."""

from __future__ import annotations

from collections.abc import Iterable

from crisiscomms._consistency import StatedFact, check_consistency
from crisiscomms._errors import NoApprovedTemplate
from crisiscomms._findings import Finding
from crisiscomms._review._context import Context
from crisiscomms._review._lessons import element, lesson, reapproval
from crisiscomms._review._values import Lesson, Metric, Theme
from crisiscomms._selection import (
    ApprovalStatus,
    RefusalReason,
    approval_status,
    select_response,
    select_responses,
)
from crisiscomms.model._base import FactKind
from crisiscomms.model._scope import concerned_stakeholders
from crisiscomms.text._extraction import ValueKind

__all__ = ["accuracy", "approvals", "coverage"]

_A = Theme.ACCURACY
#: Disagreements between a message and the facts, or between messages.
_DISAGREE = frozenset({"CON001", "CON002", "CON003", "CON004", "CON006"})
_KINDS: dict[ValueKind, frozenset[FactKind]] = {
    ValueKind.NUMBER: frozenset({FactKind.NUMBER}),
    ValueKind.PERCENT: frozenset({FactKind.NUMBER}),
    ValueKind.DATE: frozenset({FactKind.DATE, FactKind.DATETIME}),
    ValueKind.TIME: frozenset({FactKind.TIME, FactKind.DATETIME}),
    ValueKind.DATETIME: frozenset({FactKind.DATETIME}),
    ValueKind.URL: frozenset({FactKind.URL}),
    ValueKind.EMAIL: frozenset({FactKind.EMAIL}),
    ValueKind.PHONE: frozenset({FactKind.PHONE}),
}


def _fact_of(finding: Finding, facts: Iterable[str]) -> str | None:
    return next((name for name in facts if f" for {name} " in finding.message), None)


def accuracy(ctx: Context) -> tuple[list[Metric], list[Lesson]]:
    """Each message against the facts in force, the corrections, same-day contradictions."""
    plan = ctx.plan
    metrics: list[Metric] = []
    lessons: list[Lesson] = []
    names = [f.name for f in plan.facts]
    wrong: dict[tuple[str, str], str] = {}  # (stakeholder, fact) -> the wrong message
    corrections: dict[str, int] = {}
    contradicted: set[tuple[str | None, str | None]] = set()
    for positions, report in ctx.checked:
        by_label: dict[str, list[Finding]] = {}
        for finding in report.findings:
            by_label.setdefault(finding.subject, []).append(finding)
        rows: dict[str, list[StatedFact]] = {}
        for row in report.facts_seen:
            rows.setdefault(row.message, []).append(row)
        for position, label in zip(positions, report.messages, strict=False):
            message = ctx.sent[position]
            found = [f for f in by_label.get(label, []) if f.is_error]
            codes = sorted({f.code for f in found})
            metrics.append(
                Metric(_A, "message against the facts", message.label, len(found), 0,
                       not found, ", ".join(codes) or "agrees with the facts in force")
            )  # fmt: skip
            for row in rows.get(label, []):
                if row.fact is None or row.fact not in names:
                    continue
                key = (message.stakeholder, row.fact)
                if row.agrees is False:
                    wrong.setdefault(key, message.label)
                elif row.agrees and key in wrong:
                    corrections[row.fact] = corrections.get(row.fact, 0) + 1
                    del wrong[key]
            for finding in found:
                fact = _fact_of(finding, names)
                # The lesson's id follows from the template and the fact: the review keeps
                # the first lesson of an id (`unique`), so later ones are not written.
                taught = (message.template_id, fact)
                if finding.code in _DISAGREE and fact is not None and taught not in contradicted:
                    contradicted.add(taught)
                    lessons.append(_contradicted(ctx, message.template_id, fact, finding))
            lessons.extend(_uncued(ctx, rows.get(label, []), ctx.locales[position]))
    metrics.append(
        Metric(_A, "corrections", "", sum(corrections.values()), None, None,
               ", ".join(f"{k}: {v}" for k, v in sorted(corrections.items())) or "none")
    )  # fmt: skip
    same_day, contradictions = _same_day(ctx, names)
    metrics.extend(same_day)
    lessons.extend(contradictions)
    return metrics, lessons


def _contradicted(ctx: Context, template_id: str | None, fact: str, finding: Finding) -> Lesson:
    plan = ctx.plan
    if template_id is not None and "{" + fact not in plan.template(template_id).text:
        path, _, _ = element(plan, "templates", template_id)
        return lesson(
            "REV007",
            finding.message,
            _A,
            f"{path}.text",
            f"the template states {fact} as written text: state it with the placeholder"
            f" {{{fact}}}, so that every message says what the fact sheet holds",
        )
    path, pointer, guard = element(plan, "facts", fact)
    spec = plan.fact(fact)
    patch = []
    if not spec.required:
        patch = [*guard, {"op": "replace", "path": f"{pointer}/required", "value": True}]
    return lesson(
        "REV007",
        finding.message,
        _A,
        f"{path}.required",
        f"make {fact} a required fact, so that every public message is checked to state it,"
        " and draft messages from templates rather than by hand",
        patch,
    )


def _uncued(ctx: Context, rows: list[StatedFact], locale: str) -> list[Lesson]:
    """A value tied to no fact, next to a word: the cue the plan's fact lacks."""
    plan = ctx.plan
    lessons = []
    language = locale.split("_", 1)[0]
    for row in rows:
        if row.fact is None or not row.fact.startswith("“"):
            continue
        word = row.fact.strip("“”")
        kinds = _KINDS.get(row.kind, frozenset())
        candidates = [f for f in plan.facts if f.kind in kinds]
        if len(candidates) != 1 or not word:
            continue
        spec = candidates[0]
        path, pointer, guard = element(plan, "facts", spec.name)
        op: dict[str, object]
        if language in spec.cues:
            op = {"op": "add", "path": f"{pointer}/cues/{language}/-", "value": word}
        else:
            op = {"op": "add", "path": f"{pointer}/cues/{language}", "value": [word]}
        lessons.append(
            lesson(
                "REV009",
                f"{row.message} states {row.text!r} next to {word!r}, which is no cue of"
                f" {spec.name}: the check could not compare it with the facts",
                _A,
                f"{path}.cues",
                f"add {word!r} to the {language} cues of {spec.name}",
                [*guard, op],
            )
        )
    return lessons


def _same_day(ctx: Context, names: list[str]) -> tuple[list[Metric], list[Lesson]]:
    """Messages sent under the same facts, on the same day, that contradict each other."""
    metrics = []
    lessons = []
    groups: dict[tuple[str, int], list[int]] = {}
    index = {id(s): i for i, (_, s) in enumerate(ctx.states)}
    for position, message in enumerate(ctx.sent):
        if ctx.messages[position] is None:
            continue
        day = message.sent_at.astimezone(ctx.zone).date().isoformat()
        groups.setdefault((day, index[id(ctx.situations[position])]), []).append(position)
    by_day: dict[str, list[str]] = {}
    for (day, _), positions in sorted(groups.items()):
        if len(positions) < 2:
            continue
        messages = [m for p in positions if (m := ctx.messages[p]) is not None]
        report = check_consistency(messages, plan=ctx.plan)
        for finding in report.findings:
            if finding.code not in _DISAGREE:
                continue
            by_day.setdefault(day, []).append(str(finding))
            fact = _fact_of(finding, names)
            if fact is not None:
                path, _, _ = element(ctx.plan, "facts", fact)
                lessons.append(
                    lesson(
                        "REV008",
                        f"on {day}: {finding.message}",
                        _A,
                        path,
                        f"give every channel {fact} from one fact sheet, and check the day's"
                        " messages together before they go out (check_consistency)",
                    )
                )
    for day in sorted({day for day, _ in groups}):
        found = by_day.get(day, [])
        metrics.append(
            Metric(_A, "contradictions on the same day", day, len(found), 0, not found,
                   found[0] if found else "none")
        )  # fmt: skip
    return metrics, lessons


# -- coverage ------------------------------------------------------------------------

_V = Theme.COVERAGE


def coverage(ctx: Context) -> tuple[list[Metric], list[Lesson]]:
    """Stakeholders, channels and languages reached against those concerned; fallbacks."""
    plan = ctx.plan
    metrics: list[Metric] = []
    lessons: list[Lesson] = []
    concerned: dict[str, None] = {}
    for _, situation in ctx.states:
        for s in concerned_stakeholders(plan, situation):
            concerned.setdefault(s.id, None)
    reached = {m.stakeholder for m in ctx.sent}
    got = [sid for sid in concerned if sid in reached]
    missing = [sid for sid in concerned if sid not in reached]
    metrics.append(
        Metric(_V, "stakeholders reached", "", len(got) / len(concerned) if concerned else None,
               1.0, None if not concerned else not missing,
               f"{len(got)} of {len(concerned)}" + (f"; not reached: {', '.join(missing)}"
                                                   if missing else ""))
    )  # fmt: skip
    for sid in concerned:
        stakeholder = plan.stakeholder(sid)
        positions = ctx.by_stakeholder.get(sid, ())
        channels = {ctx.sent[i].channel for i in positions}
        used = [c for c in stakeholder.channels if c in channels]
        metrics.append(
            Metric(_V, "channels reached", sid, len(used) / len(stakeholder.channels), None,
                   None, ", ".join(used) or "none")
        )  # fmt: skip
        languages = list(dict.fromkeys(loc.split("_", 1)[0] for loc in stakeholder.locales))
        spoken = {ctx.locales[i].split("_", 1)[0] for i in positions}
        heard = [lang for lang in languages if lang in spoken]
        metrics.append(
            Metric(_V, "languages reached", sid, len(heard) / len(languages), 1.0,
                   len(heard) == len(languages), ", ".join(heard) or "none")
        )  # fmt: skip
    for position, message in enumerate(ctx.sent):
        stakeholder = plan.stakeholder(message.stakeholder)
        locale = ctx.locales[position]
        readable = {loc.split("_", 1)[0] for loc in stakeholder.locales}
        if locale.split("_", 1)[0] in readable:
            continue
        metrics.append(
            Metric(_V, "language fallback", message.label, locale, None, False,
                   f"{message.stakeholder} reads {', '.join(stakeholder.locales)}")
        )  # fmt: skip
        lessons.append(_translation(ctx, position))
    return metrics, lessons


def _translation(ctx: Context, position: int) -> Lesson:
    plan = ctx.plan
    message = ctx.sent[position]
    stakeholder = plan.stakeholder(message.stakeholder)
    wanted = stakeholder.locales[0]
    what = (
        f"{message.label} went to {message.stakeholder} in {ctx.locales[position]}; they read"
        f" {', '.join(stakeholder.locales)}"
    )
    try:
        chosen = select_response(
            plan, ctx.situations[position], stakeholder=message.stakeholder,
            channel=message.channel if message.channel in {c.id for c in plan.channels}
            else stakeholder.channels[0], locale=wanted, now=message.sent_at,
            other_channel_ok=True,
        )  # fmt: skip
        if chosen.template.language == wanted.split("_", 1)[0]:
            path, _, _ = element(plan, "stakeholders", message.stakeholder)
            return lesson(
                "REV011",
                what,
                _V,
                f"{path}.locales",
                f"{chosen.template.id!r} was approved in {chosen.template.locale}: send it;"
                " drafting picks the reader's language first",
            )
    except NoApprovedTemplate:
        pass
    source = plan.template(message.template_id) if message.template_id is not None else None
    if source is None:
        return lesson(
            "REV011",
            what,
            _V,
            "templates",
            f"add and approve templates in {wanted} for what was written by hand",
        )
    new_id = f"{source.id}-{wanted.lower().replace('_', '-')}"
    if new_id in {t.id for t in plan.templates}:
        path, _, _ = element(plan, "templates", new_id)
        return lesson(
            "REV011", what, _V, f"{path}.approval", f"approve {new_id!r}, the translation"
        )
    draft = {
        "id": new_id,
        "key": source.key,
        "locale": wanted,
        "phase": source.phase.value,
        "text": source.text,
        "crisis_types": list(source.crisis_types),
        "severities": list(source.severities),
        "stakeholders": list(source.stakeholders),
        "channels": list(source.channels),
    }
    return lesson(
        "REV011",
        what,
        _V,
        f"templates[{new_id}]",
        f"add the translation of {source.id!r} into {wanted}: the patch adds it with the"
        " source text, unapproved, for the translator to write and the approvers to approve",
        [{"op": "add", "path": "/templates/-", "value": draft}],
    )


# -- approvals -----------------------------------------------------------------------

_P = Theme.APPROVALS
_LAPSED = {ApprovalStatus.EXPIRED, ApprovalStatus.TAMPERED}


def approvals(ctx: Context) -> tuple[list[Metric], list[Lesson]]:
    """Messages from approved templates, from lapsed or edited ones, and hand-written."""
    plan = ctx.plan
    metrics: list[Metric] = []
    lessons: list[Lesson] = []
    approved = lapsed = other = hand = 0
    # A template's lesson is written once: the review keeps the first lesson of an id
    # (`unique`), and only this theme writes REV006 lessons.
    taught: set[str] = set()
    for message, situation in zip(ctx.sent, ctx.situations, strict=True):
        if message.template_id is None:
            hand += 1
            continue
        template = plan.template(message.template_id)
        state = approval_status(template, plan, severity=situation.severity, now=message.sent_at)
        if state.is_approved:
            approved += 1
            continue
        if state.status in _LAPSED:
            lapsed += 1
        else:
            other += 1
        metrics.append(
            Metric(_P, "sent without a valid approval", message.label, state.status.value,
                   None, False, f"{template.id}: {'; '.join(state.reasons)}")
        )  # fmt: skip
        if template.id not in taught:
            taught.add(template.id)
            lessons.append(
                _reapprove(ctx, template.id, f"{message.label} was sent from it", state.status)
            )
    total = len(ctx.sent)
    for name, count in (
        ("from approved templates", approved),
        ("from lapsed or edited approvals", lapsed),
        ("from templates never validly approved", other),
        ("hand-written", hand),
    ):
        metrics.append(
            Metric(_P, name, "", count, None, None,
                   f"{count} of {total} messages" if total else "no message")
        )  # fmt: skip
    # Templates that were needed: a target of the crisis had no valid template, and a
    # candidate was refused only because its approval lapsed.
    plan_at_detection = select_responses(plan, ctx.record.situation, now=ctx.record.detected_at)
    for gap in plan_at_detection.gaps:
        for candidate in gap.candidates:
            if candidate.reason in {RefusalReason.EXPIRED, RefusalReason.TAMPERED}:
                lessons.append(
                    _reapprove(
                        ctx,
                        candidate.template_id,
                        f"{gap.stakeholder} on {gap.channel} in {gap.locale} had no valid"
                        " template at detection",
                        ApprovalStatus(candidate.reason.value),
                    )
                )
    return metrics, lessons


def _reapprove(ctx: Context, template_id: str, why: str, status: ApprovalStatus) -> Lesson:
    plan = ctx.plan
    template = plan.template(template_id)
    path, pointer, guard = element(plan, "templates", template_id)
    approval = reapproval(template, ctx.end)
    state = "was edited after approval" if status is ApprovalStatus.TAMPERED else "had lapsed"
    patch = (
        []
        if approval is None
        else [*guard, {"op": "replace", "path": f"{pointer}/approval", "value": approval}]
    )
    return lesson(
        "REV006",
        f"the approval of {template_id} {state} and it was needed: {why}",
        _P,
        f"{path}.approval",
        "have its approvers review and approve the current text again; apply the patch only"
        " once they have (it records their approval at the end of the crisis)",
        patch,
    )
