"""The lint capability: `lint_plan` finds, before a crisis, what would fail during it.

One module per concern, each yielding ``PLN`` findings: roles, coverage,
approvals, worst-case length, required facts, template text safety, claims
and escalation, obligations, templates and the scale, training; `_report`
holds the `LintReport` value and its coverage cells.
"""

from __future__ import annotations

from crisiscomms._lint._lint import lint_plan
from crisiscomms._lint._report import CellState, CoverageCell, LintReport

__all__ = ["CellState", "CoverageCell", "LintReport", "lint_plan"]
