"""The crisiscomms demo: the built-in plan of Lumea, and the data breach it answers.

Run it with ``make demo`` (or ``python examples/quickstart.py``). It prints, in
order: a summary of the plan; the length of every template on each channel it
is meant for (``lengths.py``); the drafts of the demo crisis with their
findings and the plan's gaps (``drafts.py``); whether the drafts agree with
each other and with the facts, and a hand-edited post that does not
(``consistency.py``); the deadlines of the crisis at
11:00 (``timeline.py``); a false rumour that spreads and calls for an
escalation (``monitoring.py``); a drill scored (``drill.py``); the crisis as
a CAP 1.2 alert (``cap_alert.py``). Each of those examples also runs on its
own. In this file: before any crisis, is the plan ready? (``lint_plan``);
and after it, its record is reviewed, the lessons are printed, and one
lesson is applied to the plan.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import cap_alert
import consistency
import drafts
import drill
import lengths
import monitoring
import timeline

from crisiscomms import (
    CellState,
    MessageTemplate,
    Phase,
    Plan,
    Theme,
    apply_lessons,
    lint_plan,
    load_plan,
    review_crisis,
)
from crisiscomms.samples import demo_plan, demo_record

#: The moment the demo looks at the plan: shortly after the demo crisis was detected.
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))


def heading(title: str) -> None:
    print()
    print(title)
    print("-" * len(title))


def duration(value: timedelta) -> str:
    """A duration as people say it: '30 min', '4 h', '3 d'."""
    minutes = int(value.total_seconds() // 60)
    if minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)} d"
    if minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes} min"


def is_approved(template: MessageTemplate, now: datetime) -> bool:
    """Approved for the demo's purpose: an approval of this very template, not expired.

    (`approval_status` gives the full answer: approvers, their roles, how many.)
    """
    approval = template.approval
    return (
        approval is not None
        and approval.digest == template.digest
        and (approval.expires_at is None or approval.expires_at > now)
    )


def show_plan(plan: Plan) -> None:
    print(plan.name)
    print("=" * len(plan.name))
    print(
        f"default locale {plan.default_locale}, time zone {plan.timezone};"
        f" {len(plan.stakeholders)} stakeholders, {len(plan.channels)} channels,"
        f" {len(plan.templates)} templates"
    )


def show_severities(plan: Plan) -> None:
    heading("Severities (lowest first): first statement within, then updates every")
    for severity in plan.severities:
        approvals = f"{severity.approvals_required} approval(s)"
        first = duration(severity.first_statement_within)
        print(
            f"  {severity.id:<9} {severity.label:<9} {first:>6}"
            f"  every {duration(severity.update_every):<6} {approvals:<14}"
            f" CAP {severity.cap_severity.value}"
        )


def show_stakeholders(plan: Plan) -> None:
    heading("Stakeholders: channels in order of preference, locales")
    for stakeholder in plan.stakeholders:
        told = f"from {stakeholder.min_severity}" if stakeholder.min_severity else "always"
        print(f"  {stakeholder.label} ({stakeholder.id}, {told})")
        channels = ", ".join(
            f"{c} [{plan.channel(c).platform.value}]" for c in stakeholder.channels
        )
        print(f"    channels: {channels}")
        print(
            f"    locales:  {', '.join(stakeholder.locales)}"
            f"  (time zone {plan.stakeholder_timezone(stakeholder.id)})"
        )


def show_approved_templates(plan: Plan, now: datetime) -> None:
    heading(f"Approved templates per phase and locale on {now:%Y-%m-%d %H:%M %Z}")
    approved = Counter((t.phase, t.locale) for t in plan.templates if is_approved(t, now))
    total = Counter((t.phase, t.locale) for t in plan.templates)
    locales = sorted({t.locale for t in plan.templates})
    print("  " + "phase".ljust(12) + "".join(locale.rjust(10) for locale in locales))
    for phase in Phase:
        if not any(total[phase, locale] for locale in locales):
            continue
        cells = "".join(
            f"{approved[phase, locale]}/{total[phase, locale]}".rjust(10) for locale in locales
        )
        print(f"  {phase.value.ljust(12)}{cells}")
    refused = [t.id for t in plan.templates if not is_approved(t, now)]
    print(f"  not usable now: {', '.join(refused) or 'none'}")


def main() -> None:
    # The demo plan goes through load_plan like any plan document would.
    plan = load_plan(demo_plan().to_json())
    show_plan(plan)
    show_severities(plan)
    show_stakeholders(plan)
    show_approved_templates(plan, NOW)
    part("Every template measured on the channels it is meant for")
    lengths.show_lengths(plan)
    part("The drafts of the demo crisis")
    drafts.main()
    part("Do the drafts agree? The consistency matrix, and a hand-edited post")
    consistency.main()
    part("Deadlines")
    timeline.main()
    part("Monitoring: a false rumour spreads")
    monitoring.main()
    part("Is the plan ready? lint_plan, before any crisis")
    show_readiness(plan, NOW)
    part("A drill: a scenario from the plan, a scripted team, its score")
    drill.main()
    part("After the crisis: the review, its lessons, and one lesson applied")
    show_review()
    part("The demo crisis as a CAP 1.2 alert (French and English blocks)")
    cap_alert.main()


def part(title: str) -> None:
    print()
    print("=" * 78)
    print(title)
    print("=" * 78)


# --- lint: is the plan ready? --------------------------------------------------------
# lint_plan finds, before a crisis, what would fail during one. The demo plan holds
# three gaps on purpose: the edited Instagram post, the expired investors update and the
# data protection officer without a backup; the lint finds them, and the rest.

#: The three gaps the demo plan holds on purpose, by finding code and subject.
DELIBERATE_GAPS = (
    ("PLN021", "breach-instagram-fr", "the Instagram post was edited after approval"),
    ("PLN020", "breach-investors-en", "the investors update expired"),
    ("PLN002", "dpo", "the data protection officer has no backup"),
)


def show_readiness(plan: Plan, now: datetime) -> None:
    report = lint_plan(plan, now=now)
    heading(f"Readiness on {now:%Y-%m-%d %H:%M %Z}")
    required = [cell for cell in report.coverage if cell.required]
    covered = sum(cell.covered for cell in required)
    print(
        f"  readiness {report.readiness:.0%}: {covered} of {len(required)} initial-phase"
        " cells (crisis type x stakeholder x channel x locale, at the type's default"
        " severity) have an approved statement"
    )
    heading("The three deliberate gaps")
    for code, subject, what in DELIBERATE_GAPS:
        found = [f for f in report.by_code(code) if f.subject == subject]
        print(f"  {what}: {found[0] if found else 'NOT FOUND'}")
    gap = next(f for f in report.by_code("PLN010") if f.subject == "data-breach/initial/fr_FR")
    print(f"  and so a coverage gap: {gap}")
    heading("Data breach, first statement: who gets which template")
    for cell in report.coverage:
        if cell.crisis_type == "data-breach" and cell.phase is Phase.INITIAL:
            shown = cell.template_id or cell.state.value.upper()
            if cell.state is CellState.NOT_TOLD:
                shown = "(not told)"
            print(f"  {cell.stakeholder:<12} {cell.channel:<13} {cell.locale:<7} {shown}")
    heading(f"Everything else the lint finds ({len(report.findings)} findings)")
    by_code: dict[str, list[str]] = {}
    for finding in report.findings:
        by_code.setdefault(finding.code, []).append(finding.subject)
    for code, subjects in by_code.items():
        level = report.by_code(code)[0].level.value
        listed = ", ".join(subjects[:3]) + (
            f" and {len(subjects) - 3} more" if len(subjects) > 3 else ""
        )
        print(f"  {level:<7} {code} x{len(subjects)}: {listed}")
    print("  (print(report) gives every finding in full; report.to_records() a table)")


# -- post-crisis review (issue 13) ---------------------------------------------------
# The demo crisis as its tools recorded it (crisiscomms.samples.demo_record), reviewed
# against the plan; the lessons are printed, and one of them is applied to the plan.


def show_review() -> None:
    plan, log = demo_plan(), demo_record()
    review = review_crisis(plan, log)
    print(
        f"{review.crisis}: {len(log.sent)} messages, {len(log.mentions)} mentions,"
        f" {len(log.changes)} changes; {len(review.metrics)} metrics,"
        f" {len(review.strengths)} strengths, {len(review.lessons)} lessons"
    )
    for theme in Theme:
        missed = [m for m in review.of(theme) if m.met is False]
        print(f"  {theme.heading}: {len(review.of(theme))} metric(s), {len(missed)} missed")
        for metric in missed[:3]:
            print(f"    {metric}")
    heading("Lessons (plan element, suggestion, change)")
    for lesson in review.lessons:
        change = "JSON Patch" if lesson.has_patch else "in words"
        print(f"  {lesson.finding.code} {lesson.path} [{change}]")
        print(f"    {lesson.suggestion}")
    lesson = review.lesson("REV010 templates[rumour-rebuttal-fr].crisis_types")
    heading(f"Applying {lesson.id}")
    print(f"  patch: {lesson.patch}")
    fixed = apply_lessons(plan, [lesson])
    print(
        "  rumour-rebuttal-fr now answers in: "
        + ", ".join(fixed.template("rumour-rebuttal-fr").crisis_types)
    )
    again = review_crisis(fixed, log)
    still = lesson.id in {x.id for x in again.lessons}
    print(f"  reviewed again with the new plan: lesson {lesson.id} reported: {still}")


if __name__ == "__main__":
    main()
