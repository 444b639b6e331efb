"""Draft every message of the demo crisis, and explain what the demo plan lacks.

Run it with ``python examples/drafts.py``. It drafts the responses to the demo
situation (a data breach at Lumea, detected on 24 November 2026 at 08:40 in
Paris) twenty minutes after detection, and prints:

1. a table of the targets: stakeholder, channel, locale, length against the
   channel's limit, status;
2. each drafted message, with every finding about it;
3. the gaps, and the templates the selection refused on the way, explained:
   the demo plan holds some mistakes on purpose (see `crisiscomms.samples`).
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from zoneinfo import ZoneInfo

from crisiscomms import Draft, DraftSet, Gap, RefusalReason, RefusedCandidate, draft_responses
from crisiscomms.samples import demo_plan, demo_situation

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))

#: What each refusal means for the team, in plain words.
EXPLAINED = {
    RefusalReason.MISSING: "nobody approved this text yet: it cannot go out as it is.",
    RefusalReason.EXPIRED: (
        "its approval has lapsed: the text must be approved again before it is used."
    ),
    RefusalReason.TAMPERED: (
        "someone edited the text after it was approved, so the approval no longer covers"
        " it: have the new text approved, or restore the approved one."
    ),
    RefusalReason.INSUFFICIENT: (
        "at this severity more people in an approver role must sign it off."
    ),
    RefusalReason.UNKNOWN_APPROVER: (
        "its approval names someone who is not in the crisis team: check the approval."
    ),
    RefusalReason.OTHER_SEVERITY: "it is meant for crises of another severity.",
    RefusalReason.WRONG_PHASE: "it belongs to another phase of the crisis.",
    RefusalReason.OTHER_LOCALE: "it is written in a language this reader is not sent.",
}


def _length(draft: Draft) -> str:
    m = draft.measurement
    parts = f", {m.segments} SMS" if m.segments else ""
    if m.limit is None:
        return f"{m.length} {m.unit} (no limit)"
    return f"{m.length}/{m.limit} {m.unit}{parts}"


def table(drafts: DraftSet) -> str:
    """The targets as a fixed-width table."""
    rows = [("stakeholder", "channel", "locale", "length / limit", "status", "template")]
    for draft in drafts.drafts:
        s = draft.selection
        rows.append(
            (s.stakeholder, s.channel, s.locale, _length(draft), draft.status, s.template_id)
        )
    rows.extend((g.stakeholder, g.channel, g.locale, "-", "GAP", "-") for g in drafts.gaps)
    rows.extend(
        (s.stakeholder, s.channel, s.locale, "-", "UNRENDERED", s.template_id)
        for s in drafts.unrendered
    )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=indent)


def messages(drafts: DraftSet) -> str:
    """Each drafted message and every finding about it."""
    blocks = []
    for draft in drafts.drafts:
        lines = [
            f"== {draft.target}  ({draft.selection.template_id}, {_length(draft)}, {draft.status})"
        ]
        lines.extend(_wrap(paragraph) for paragraph in draft.message.text.splitlines() or [""])
        lines.extend(_wrap(f"- {finding}") for finding in draft.findings)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _explain(candidate: RefusedCandidate) -> str:
    return f"{candidate.template_id} ({candidate.locale}): {EXPLAINED[candidate.reason]}"


def gaps_and_refusals(drafts: DraftSet) -> str:
    """The gaps, and every better template the selection passed over, explained."""
    lines = []
    for gap in drafts.gaps:
        lines.append(
            textwrap.fill(
                f"GAP {gap.target}: no approved template fits, so nothing can be sent there"
                " until one does. The nearest candidates:",
                width=96,
                subsequent_indent="    ",
            )
        )
        lines.extend(_wrap(_explain(c)) for c in _nearest(gap))
        lines.append(_wrap(f"(in the library's words: {gap.candidates[0].detail})"))
    for draft in drafts.drafts:
        for candidate in draft.selection.refused:
            lines.append(
                f"{draft.target}: {draft.selection.template_id} is used instead of"
                f" {candidate.template_id}, because"
            )
            lines.append(_wrap(_explain(candidate)))
            lines.append(_wrap(f"(in the library's words: {candidate.detail})"))
        if draft.selection.refused and not draft.selection.template.crisis_types:
            lines.append(
                _wrap(
                    f"Note: {draft.selection.template_id} names no crisis type, so it fits"
                    " every crisis; if it should not stand in here, scope it to its crisis"
                    " types and this target becomes a gap to fill."
                )
            )
    if not lines:
        return "Every target has its most specific approved template."
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _nearest(gap: Gap) -> tuple[RefusedCandidate, ...]:
    return gap.candidates[:3]


def main() -> None:
    """Draft the demo crisis and print the report."""
    plan, situation = demo_plan(), demo_situation()
    drafts = draft_responses(plan, situation, now=NOW)
    print(f"{plan.name}")
    print(
        f"Crisis: {situation.crisis_type}, severity {situation.severity}, phase"
        f" {situation.phase}, detected {situation.detected_at:%Y-%m-%d %H:%M %Z};"
        f" drafted at {NOW:%H:%M %Z}."
    )
    errors = sum(f.is_error for f in drafts.findings)
    print(
        f"{_count(len(drafts.drafts), 'draft')}, {_count(len(drafts.gaps), 'gap')},"
        f" {len(drafts.unrendered)} unrendered, {_count(errors, 'error')}:"
        f" {'ready to send' if drafts.ok else 'NOT ready to send as a whole'}."
    )
    print()
    print(table(drafts))
    print()
    print(messages(drafts))
    print()
    print("What the plan lacks, and why")
    print("----------------------------")
    print(gaps_and_refusals(drafts))


if __name__ == "__main__":
    main()
