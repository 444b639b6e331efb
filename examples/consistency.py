"""The consistency matrix of the demo's drafts, and one hand-edited post that breaks it.

Run it with ``.venv/bin/python examples/consistency.py``. It drafts every
message of the demo's data breach with `draft_responses` (French and English,
on X, LinkedIn, SMS, e-mail, the press release and the status page), and
prints the consistency report the draft set carries: which message states
which fact, and whether it agrees. Then a community manager edits the English
LinkedIn post by hand before it goes out, typing 15,000 where the facts say
12,000, and the check finds it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import attrs

from crisiscomms import ConsistencyReport, check_consistency, draft_responses
from crisiscomms.samples import demo_plan, demo_situation

#: The instant the drafts are made at (approvals are checked at this time).
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
#: Width of a fact's column.
WIDTH = 15


def matrix(report: ConsistencyReport) -> str:
    """Messages by facts: ✓ where a message agrees, ✗ where it disagrees or misses one."""
    facts = [fact for fact in report.facts if not fact.startswith("“")]
    cells: dict[tuple[str, str], str] = {}
    for row in report.facts_seen:
        if row.fact in facts:
            mark = {True: "✓ ", False: "✗ ", None: ""}[row.agrees]
            cells.setdefault((row.message, row.fact), mark + row.text)
    for label, fact in report.missing:
        cells[(label, fact)] = "✗ missing"
    width = max(len(label) for label in report.messages) + 2
    lines = [" " * width + "".join(fact[: WIDTH - 1].ljust(WIDTH) for fact in facts)]
    for label in report.messages:
        line = label.ljust(width)
        for fact in facts:
            line += cells.get((label, fact), "·")[: WIDTH - 1].ljust(WIDTH)
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    plan, situation = demo_plan(), demo_situation()
    drafts = draft_responses(plan, situation, now=NOW)
    report = drafts.consistency
    assert report is not None

    print(f"The demo's {len(drafts.drafts)} drafts, checked together against the fact sheet:\n")
    print(matrix(report))
    print(f"\nconsistent: {report.ok}")
    for finding in report.findings:
        print(f"  {finding}")

    # A community manager edits the English LinkedIn post by hand before it goes out.
    messages = list(drafts.messages)
    index = report.messages.index("media/linkedin/en_GB")
    post = messages[index]
    edited = attrs.evolve(post, text=post.text.replace("12,000", "15,000"))
    messages[index] = edited
    print("\nThe English LinkedIn post, edited by hand:\n")
    print(f"  {edited.text}\n")
    report = check_consistency(messages, facts=situation.facts, plan=plan)
    print(matrix(report))
    print(f"\nconsistent: {report.ok}")
    for finding in report.findings:
        if finding.code == "CON008":
            continue  # the partners' warnings, as above
        print(f"  {finding}")
        assert finding.span is not None
        start, end = finding.span
        print(f"  the text at {start}-{end}: {edited.text[start:end]!r}")
    print(
        "\nThe edited post says 15,000 customers while the fact sheet and every other post"
        "\nsay 12 000: the English 'customers' and the French 'clients' are both cues of the"
        "\nfact affected_customers in the plan, so the posts are compared even though they"
        "\nare in different languages and write the number differently. The partners'"
        "\ne-mail keeps its two warnings: its times are in London time, for readers in"
        "\nLondon, without saying so."
    )


if __name__ == "__main__":
    main()
