"""`draft_responses` on the demo plan and on 300 copies of its stakeholders and channels.

Goal (issue 14, goal 3): the time per draft at 300 copies is at most 1.1
times the demo's, in both plan shapes of `tests/scaled_plans.py`: each copy
with its own copies of the templates (``copies``), and every copy sharing
the demo's templates (``shared``). Each copy drafts exactly what the demo
drafts (`tests/test_drafting_scale.py`), so the work per draft is the same
and only what grows with the plan shows.

Every plan's index is built and the demo's facts formatted by one draft
before timing, as in a session that drafts again after each change. The time
per draft is the benchmark's time divided by ``extra_info["drafts"]``.
Figures are in docs/performance.md ("Drafting at scale").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from tests.scaled_plans import Shape, scaled_plan

from crisiscomms import Plan, draft_responses
from crisiscomms.samples import demo_plan, demo_situation

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
COPIES = 300


def _bench(benchmark: BenchmarkFixture, plan: Plan, rounds: int) -> None:
    situation = demo_situation()
    expected = len(draft_responses(plan, situation, now=NOW).drafts)
    result = benchmark.pedantic(  # type: ignore[no-untyped-call]
        draft_responses, args=(plan, situation), kwargs={"now": NOW}, rounds=rounds
    )
    assert len(result.drafts) == expected
    benchmark.extra_info["drafts"] = expected


def test_draft_demo(benchmark: BenchmarkFixture) -> None:
    _bench(benchmark, demo_plan(), rounds=100)


@pytest.mark.parametrize("shape", ["copies", "shared"])
def test_draft_scaled(benchmark: BenchmarkFixture, shape: Shape) -> None:
    _bench(benchmark, scaled_plan(COPIES, shape), rounds=5)
