"""Linting a large plan: `lint_plan` against `load_plan` of the same document.

The plan is the one of the load benchmark (`bench_load_plan.generated_plan`):
the demo plan with 10,000 generated templates added, each scoped to a crisis
type, a severity, a stakeholder and a channel, and approved. Goal of issue
11: `lint_plan` at most 3 times `load_plan` of the same document, measured
in one run, and no faster than linear growth with the number of templates
(1,000 against 10,000). Figures: docs/performance.md.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bench_load_plan import generated_plan
from pytest_benchmark.fixture import BenchmarkFixture

from crisiscomms import LintReport, Plan, lint_plan, load_plan

NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def documents() -> dict[int, bytes]:
    """The generated plans of 1,000 and 10,000 templates, as JSON bytes, built once."""
    return {count: generated_plan(count) for count in (1_000, 10_000)}


@pytest.fixture(scope="module")
def plans(documents: dict[int, bytes]) -> dict[int, Plan]:
    """The same plans, loaded once."""
    return {count: load_plan(data) for count, data in documents.items()}


def _lint(plan: Plan) -> LintReport:
    report = lint_plan(plan, now=NOW)
    # The generated templates add no gap of their own: the demo's findings remain.
    assert report.by_code("PLN021")
    return report


@pytest.mark.benchmark(group="lint vs load, 10k templates", min_rounds=3)
def test_load_plan_10k(benchmark: BenchmarkFixture, documents: dict[int, bytes]) -> None:
    """Baseline: load_plan of the 10,000-template document."""
    plan = benchmark(load_plan, documents[10_000])
    assert len(plan.templates) > 10_000


@pytest.mark.benchmark(group="lint vs load, 10k templates", min_rounds=3)
def test_lint_plan_10k(benchmark: BenchmarkFixture, plans: dict[int, Plan]) -> None:
    """lint_plan of the loaded 10,000-template plan."""
    report = benchmark(_lint, plans[10_000])
    assert report.coverage


@pytest.mark.benchmark(group="lint growth", min_rounds=3)
def test_lint_plan_1k(benchmark: BenchmarkFixture, plans: dict[int, Plan]) -> None:
    """lint_plan of the loaded 1,000-template plan, to compare with 10,000."""
    report = benchmark(_lint, plans[1_000])
    assert report.coverage
