"""The consistency matrix of the demo's drafts, and one hand-edited post that breaks it.

Run it with ``.venv/bin/python examples/consistency.py``. It renders the
demo's first messages about the data breach (French and English, on X,
LinkedIn, SMS, e-mail and the status page) from the demo plan's templates
and the demo situation's facts, checks them together, and prints the matrix
of facts by messages. Then a community manager edits the LinkedIn post by
hand before it goes out, typing 15,000 where the facts say 12,000, and the
check finds it.
"""

from __future__ import annotations

import attrs

from crisiscomms import ConsistencyReport, Message, check_consistency, render
from crisiscomms.samples import demo_plan, demo_situation

#: (template, channel, stakeholder): the breach's first messages, one per channel.
DRAFTS = (
    ("breach-social-fr", "x-fr", "customers"),
    ("breach-social-en", "linkedin", "media"),
    ("breach-sms-fr", "sms", "customers"),
    ("breach-long-en", "email", "investors"),
    ("breach-long-fr", "status-page", "customers"),
)


def drafts() -> list[Message]:
    """The demo's drafts, rendered from the plan's templates and the situation's facts."""
    plan, situation = demo_plan(), demo_situation()
    messages = []
    for template_id, channel, stakeholder in DRAFTS:
        template = plan.template(template_id)
        text = render(
            template,
            situation.facts,
            locale=template.locale,
            timezone=plan.stakeholder_timezone(stakeholder),
            channel=plan.channel(channel),
        )
        messages.append(
            Message(
                text,
                channel=channel,
                locale=template.locale,
                stakeholder=stakeholder,
                template_id=template_id,
                id=f"{channel} ({template.locale})",
            )
        )
    return messages


def matrix(report: ConsistencyReport) -> str:
    """The facts-by-messages matrix as text: what each message states, ✗ where it disagrees."""
    cells: dict[tuple[str | None, str], list[str]] = {}
    for row in report.facts_seen:
        mark = "✗ " if row.agrees is False else ""
        cells.setdefault((row.fact, row.message), []).append(mark + row.text)
    missing = set(report.missing)
    width = 26
    lines = [" " * 20 + "".join(label[: width - 1].ljust(width) for label in report.messages)]
    for fact in report.facts:
        line = (fact or "")[:19].ljust(20)
        for label in report.messages:
            text = " / ".join(cells.get((fact, label), [])) or "·"
            if (label, fact) in missing:
                text = "✗ missing"
            line += text[: width - 1].ljust(width)
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    plan, situation = demo_plan(), demo_situation()
    messages = drafts()

    print("The demo's drafts, checked together against the fact sheet:\n")
    report = check_consistency(messages, facts=situation.facts, plan=plan)
    print(matrix(report))
    print(f"\nconsistent: {report.ok}, findings: {len(report.findings)}\n")

    # A community manager edits the LinkedIn post by hand before it goes out.
    linkedin = messages[1]
    edited = attrs.evolve(linkedin, text=linkedin.text.replace("12,000", "15,000"))
    messages[1] = edited
    print("The LinkedIn post, edited by hand:\n")
    print(f"  {edited.text}\n")
    report = check_consistency(messages, facts=situation.facts, plan=plan)
    print(matrix(report))
    print(f"\nconsistent: {report.ok}")
    for finding in report.findings:
        print(f"  {finding}")
        assert finding.span is not None
        start, end = finding.span
        print(f"  the text at {start}-{end}: {edited.text[start:end]!r}")
    print(
        "\nThe edited post says 15,000 customers while the fact sheet, and the French post"
        "\non X, say 12 000: the English 'customers' and the French 'clients' are both cues"
        "\nof the fact affected_customers in the plan, so the two posts are compared even"
        "\nthough they are in different languages and write the number differently."
    )


if __name__ == "__main__":
    main()
