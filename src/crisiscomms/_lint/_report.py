"""`LintReport`: the findings of `lint_plan` and the plan's coverage matrix."""

from __future__ import annotations

import enum
from collections import Counter
from typing import Literal, final, overload

import attrs

from crisiscomms._codes import Level
from crisiscomms._errors import InputError
from crisiscomms._findings import Finding
from crisiscomms._records import CoverageRecord, FindingRecord
from crisiscomms._tables import html_table
from crisiscomms.model._base import Phase

__all__ = ["CellState", "CoverageCell", "LintReport"]


@final
class CellState(enum.StrEnum):
    """What a reader of one coverage cell would get at the crisis type's default severity.

    >>> [s.value for s in CellState]
    ['covered', 'fallback', 'gap', 'not_told']
    """

    #: A valid approved template in the reader's language.
    COVERED = "covered"
    #: Only a template in the plan's default locale, in another language.
    FALLBACK = "fallback"
    #: No valid approved template: nothing could be sent.
    GAP = "gap"
    #: The stakeholder is not told at this severity (below their `min_severity`).
    NOT_TOLD = "not_told"


@final
@attrs.frozen
class CoverageCell:
    """One cell of the coverage matrix: a reader, a channel, a phase, and what they would get.

    Args:
        crisis_type: the crisis type of the register.
        severity: the type's default severity, at which the cell is judged.
        stakeholder: the stakeholder addressed.
        channel: one of the stakeholder's channels.
        locale: one of the stakeholder's locales.
        phase: initial, update or resolved.
        state: covered, fallback, gap or not told.
        template_id: the template that would be selected ("" when none).
        reason: why this template, or why none, in words.

    >>> cell = CoverageCell("data-breach", "high", "customers", "sms", "fr_FR",
    ...                     Phase.INITIAL, CellState.COVERED, "breach-sms-fr", "")
    >>> cell.required, cell.target
    (True, 'customers/sms/fr_FR')
    """

    crisis_type: str
    severity: str
    stakeholder: str
    channel: str
    locale: str
    phase: Phase
    state: CellState
    template_id: str
    reason: str

    @property
    def required(self) -> bool:
        """True for an initial-phase cell of a stakeholder told at this severity."""
        return self.phase is Phase.INITIAL and self.state is not CellState.NOT_TOLD

    @property
    def covered(self) -> bool:
        """True when a template in the reader's language or the fallback would be sent."""
        return self.state in {CellState.COVERED, CellState.FALLBACK}

    @property
    def target(self) -> str:
        """``stakeholder/channel/locale``, as selections and gaps name their targets."""
        return f"{self.stakeholder}/{self.channel}/{self.locale}"

    def to_record(self) -> CoverageRecord:
        """The cell as a flat dict, one row of `LintReport.to_records` ``("coverage")``."""
        return CoverageRecord(
            crisis_type=self.crisis_type,
            severity=self.severity,
            stakeholder=self.stakeholder,
            channel=self.channel,
            locale=self.locale,
            phase=self.phase.value,
            state=self.state.value,
            template_id=self.template_id,
            required=self.required,
            reason=self.reason,
        )


def _sorted(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (-f.level.rank, f.code)))


@final
@attrs.frozen
class LintReport:
    """Everything `lint_plan` found: ``PLN`` findings, errors first, and the coverage matrix.

    Args:
        findings: the findings, errors first, then by code, each group in plan order.
        coverage: one `CoverageCell` per crisis type, stakeholder, channel,
            locale and phase (initial, update, resolved), in plan order.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms import lint_plan
    >>> from crisiscomms.samples import demo_plan
    >>> report = lint_plan(demo_plan(), now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
    >>> report.ok, f"{report.readiness:.0%}"
    (False, '98%')
    >>> print(str(report).splitlines()[0])  # doctest: +ELLIPSIS
    lint: ... errors, ... warnings, ... infos; readiness 98% (57 of 58 initial cells covered)
    """

    findings: tuple[Finding, ...] = attrs.field(converter=_sorted)
    coverage: tuple[CoverageCell, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not any(f.level is Level.ERROR for f in self.findings)

    @property
    def readiness(self) -> float:
        """The share of required initial-phase cells covered (1.0 when there are none).

        A fallback to the default locale counts as covered: something would
        be sent, and ``PLN012`` says it is in another language.
        """
        required = [cell for cell in self.coverage if cell.required]
        if not required:
            return 1.0
        return sum(cell.covered for cell in required) / len(required)

    @property
    def codes(self) -> tuple[str, ...]:
        """The distinct codes found, in the order of `findings`."""
        return tuple(dict.fromkeys(f.code for f in self.findings))

    def by_code(self, code: str, /) -> tuple[Finding, ...]:
        """The findings of one code (``"PLN010"``)."""
        return tuple(f for f in self.findings if f.code == code)

    @overload
    def to_records(self, what: Literal["findings"] = "findings") -> list[FindingRecord]: ...
    @overload
    def to_records(self, what: Literal["coverage"]) -> list[CoverageRecord]: ...
    @overload
    def to_records(self, what: str) -> list[FindingRecord] | list[CoverageRecord]: ...

    def to_records(self, what: str = "findings") -> list[FindingRecord] | list[CoverageRecord]:
        """The findings (default) or the coverage matrix (``"coverage"``) as flat dicts.

        One dict per row, ready for ``pandas.DataFrame``.

        Raises:
            InputValueError: `what` is neither ``"findings"`` nor ``"coverage"``.
        """
        if what == "coverage":
            return [cell.to_record() for cell in self.coverage]
        if what != "findings":
            raise InputError.for_value("what", "'findings' or 'coverage'", what)
        return [
            FindingRecord(code=f.code, level=f.level.value, subject=f.subject, message=f.message)
            for f in self.findings
        ]

    def _counts(self) -> Counter[Level]:
        return Counter(f.level for f in self.findings)

    def _summary(self) -> str:
        counts = self._counts()
        required = [cell for cell in self.coverage if cell.required]
        covered = sum(cell.covered for cell in required)
        return (
            f"lint: {counts[Level.ERROR]} errors, {counts[Level.WARNING]} warnings,"
            f" {counts[Level.INFO]} infos; readiness {self.readiness:.0%}"
            f" ({covered} of {len(required)} initial cells covered)"
        )

    def __str__(self) -> str:
        return "\n".join([self._summary(), *(f"  {f}" for f in self.findings)])

    def __repr__(self) -> str:
        """The summary line; `str` lists every finding, `to_records` gives the rows."""
        return f"<LintReport {self._summary()}>"

    def _repr_html_(self) -> str:
        """The findings as a table, the summary as its caption, every value escaped."""
        rows = [
            {
                "level": r["level"],
                "code": r["code"],
                "subject": r["subject"],
                "message": r["message"],
            }
            for r in self.to_records()
        ]
        return html_table(rows, caption=self._summary())
