"""The report of `check_consistency`: the findings and the table of stated facts.

`ConsistencyReport` is what integrations read: `ok`, the ``CON`` findings,
`facts_seen` (which message states which fact with which value, a
`StatedFact` each), `to_records()` for data frames and `_repr_html_` for
notebooks, a matrix of facts by messages with the disagreements marked.
"""

from __future__ import annotations

from datetime import datetime
from typing import final

import attrs

from crisiscomms._findings import Finding, Level, has_errors
from crisiscomms._records import StatedFactRecord
from crisiscomms._tables import html_table
from crisiscomms.model._facts import FactValue
from crisiscomms.text._extraction import Value, ValueKind

__all__ = ["ConsistencyReport", "StatedFact", "show_value"]


def show_value(value: object) -> str:
    """A value as a reader expects it in a report."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat(sep=" ", timespec="minutes")
        name = getattr(value.tzinfo, "key", None) or value.tzname()
        text = value.isoformat(sep=" ", timespec="minutes")
        return f"{text} {name}" if name else text
    if isinstance(value, tuple):
        return "–".join(str(v) for v in value)
    return str(value)


@final
@attrs.frozen
class StatedFact:
    """One value a message states, the fact it was tied to, and whether the facts agree.

    Args:
        message: the label of the message (`Message.label`, made unique in the set).
        fact: the fact's name; for values tied to no fact, the word next to
            them in quotes (``"“clients”"``) or ``None`` when there is none.
        kind: what the value is (a `ValueKind`).
        value: the normalised value read (`ExtractedValue.value`).
        text: the characters of the message that state it.
        span: ``(start, end)`` in the message's text.
        expected: the value the facts hold for this fact, when they hold one.
        agrees: True or False when compared with the facts or the other
            messages, None when there was nothing to compare with.

    >>> from crisiscomms import Message, check_consistency
    >>> report = check_consistency([Message("12 000 clients", channel="x", locale="fr_FR")])
    >>> row = report.facts_seen[0]
    >>> row.fact, row.value, row.text
    ('“clients”', Decimal('12000'), '12 000')
    """

    message: str
    fact: str | None
    kind: ValueKind
    value: Value
    text: str
    span: tuple[int, int]
    expected: FactValue | None = None
    agrees: bool | None = None


@final
@attrs.frozen
class ConsistencyReport:
    """What `check_consistency` found: the findings and the table of stated facts.

    Args:
        findings: ``CON`` findings, by message then position.
        facts_seen: which message states which fact with which value.
        messages: the labels of the messages checked, in order.
        facts: the names of the facts (and word groups) stated or missing, in
            the plan's order.
        expected: ``(fact, value)`` for each of `facts` the fact sheet holds.
        missing: ``(message, fact)`` for each required fact a public message
            does not state (the ``CON005`` findings).

    >>> report = ConsistencyReport(findings=(), facts_seen=(), messages=(), facts=())
    >>> report.ok, report.to_records()
    (True, [])
    """

    findings: tuple[Finding, ...]
    facts_seen: tuple[StatedFact, ...]
    messages: tuple[str, ...]
    facts: tuple[str, ...]
    expected: tuple[tuple[str, FactValue], ...] = ()
    missing: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        """True when no finding is an error (warnings allowed)."""
        return not has_errors(self.findings)

    def _codes(self) -> dict[tuple[str, tuple[int, int] | None], list[Finding]]:
        by_place: dict[tuple[str, tuple[int, int] | None], list[Finding]] = {}
        for finding in self.findings:
            by_place.setdefault((finding.subject, finding.span), []).append(finding)
        return by_place

    def to_records(self) -> list[StatedFactRecord]:
        """One plain dict per stated fact, with the codes found at its span.

        Ready for ``pandas.DataFrame(report.to_records())`` or a CSV writer.

        >>> from crisiscomms import Message, check_consistency
        >>> report = check_consistency([Message("12 000 clients", channel="x", locale="fr")])
        >>> report.to_records()[0]["value"]
        '12000'
        """
        by_place = self._codes()
        return [
            StatedFactRecord(
                message=row.message,
                fact=row.fact,
                kind=row.kind.value,
                value=show_value(row.value),
                text=row.text,
                start=row.span[0],
                end=row.span[1],
                expected=None if row.expected is None else show_value(row.expected),
                agrees=row.agrees,
                codes=[f.code for f in by_place.get((row.message, row.span), [])],
            )
            for row in self.facts_seen
        ]

    def __repr__(self) -> str:
        """A short summary; `to_records` and the notebook matrix show every fact."""
        errors = sum(f.level is Level.ERROR for f in self.findings)
        warnings = sum(f.level is Level.WARNING for f in self.findings)
        return (
            f"<ConsistencyReport: {len(self.messages)} messages, {len(self.facts_seen)} stated"
            f" facts, {errors} errors, {warnings} warnings, ok={self.ok}>"
        )

    def _repr_html_(self) -> str:
        """The matrix of facts by messages, disagreements marked with their codes, escaped.

        A cell reads ``✗ 15 000 (CON001)`` for an error, ``⚠`` for a warning:
        marks in the text, not colours, so that a sanitising viewer keeps them.
        """
        by_place = self._codes()
        cells: dict[tuple[str | None, str], list[StatedFact]] = {}
        for row in self.facts_seen:
            cells.setdefault((row.fact, row.message), []).append(row)
        missing = set(self.missing)
        expected = dict(self.expected)
        errors = sum(f.level is Level.ERROR for f in self.findings)
        warnings = sum(f.level is Level.WARNING for f in self.findings)
        verdict = "consistent" if self.ok else "inconsistent"
        facts: list[str | None] = [*self.facts]
        if any(row.fact is None for row in self.facts_seen):
            facts.append(None)
        rows: list[list[object]] = []
        for fact in facts:
            held = expected.get(fact or "")
            line: list[object] = [
                "(matches no fact)" if fact is None else fact,
                None if held is None else show_value(held),
            ]
            for label in self.messages:
                stated = cells.get((fact, label), [])
                found = [f for row in stated for f in by_place.get((label, row.span), [])]
                if (label, fact) in missing:
                    found += [
                        f
                        for f in by_place.get((label, None), [])
                        if f.code == "CON005" and f"'{fact}'" in f.message
                    ]
                text = " / ".join(row.text for row in stated)
                if found:
                    mark = "✗" if any(f.is_error for f in found) else "⚠"
                    codes = ", ".join(dict.fromkeys(f.code for f in found))
                    line.append(f"{mark} {text or 'missing'} ({codes})")
                else:
                    line.append(text)
            rows.append(line)
        return html_table(
            rows,
            caption=f"{verdict}: {errors} error(s), {warnings} warning(s)",
            heads=["fact", "facts", *self.messages],
        )
