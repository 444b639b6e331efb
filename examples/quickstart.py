"""The crisiscomms demo: the built-in plan of Lumea, and the data breach it answers.

Run it with ``make demo`` (or ``python examples/quickstart.py``). It prints, in
order: a summary of the plan; the length of every template on each channel it
is meant for (``lengths.py``); the drafts of the demo crisis with their
findings and the plan's gaps (``drafts.py``); whether the drafts agree with
each other and with the facts, and a hand-edited post that does not
(``consistency.py``); the deadlines of the crisis at
11:00 (``timeline.py``); and a false rumour that spreads and calls for an
escalation (``monitoring.py``). Each of those examples also runs on its own.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import consistency
import drafts
import lengths
import monitoring
import timeline

from crisiscomms import MessageTemplate, Phase, Plan, load_plan
from crisiscomms.samples import demo_plan

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


def part(title: str) -> None:
    print()
    print("=" * 78)
    print(title)
    print("=" * 78)


if __name__ == "__main__":
    main()
