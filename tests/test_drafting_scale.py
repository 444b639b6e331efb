"""`draft_responses` on the demo plan scaled up: each copy drafts what the demo drafts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crisiscomms import DraftSet, Plan, draft_responses
from crisiscomms.samples import demo_plan, demo_situation

from .scaled_plans import Shape, copy_id, scaled_plan

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
COPIES = 3


def _copy_target(target: str, k: int) -> str:
    stakeholder, channel, locale = target.split("/")
    return f"{copy_id(stakeholder, k)}/{copy_id(channel, k)}/{locale}"


def _summary(drafts: DraftSet, plan: Plan, target: str) -> tuple[object, ...]:
    draft = drafts.draft(target)
    return (
        plan.template(draft.selection.template_id).key,
        draft.message.text,
        draft.message.locale,
        draft.message.timezone,
        draft.measurement,
        tuple((f.code, f.level) for f in draft.findings),
    )


@pytest.mark.parametrize("shape", ["copies", "shared"])
class TestScaledPlan:
    def test_every_copy_drafts_the_demo_drafts(self, shape: Shape) -> None:
        """Copy k's draft of each target has the demo's template key, text, length, findings."""
        demo, situation = demo_plan(), demo_situation()
        expected = draft_responses(demo, situation, now=NOW)
        plan = scaled_plan(COPIES, shape)
        drafts = draft_responses(plan, situation, now=NOW)
        assert len(drafts.drafts) == COPIES * len(expected.drafts)
        for k in range(COPIES):
            for draft in expected.drafts:
                assert _summary(drafts, plan, _copy_target(draft.target, k)) == _summary(
                    expected, demo, draft.target
                )

    def test_every_copy_has_the_demo_gaps(self, shape: Shape) -> None:
        """The demo's gap (a tampered template) is a gap of every copy, and nothing else is."""
        situation = demo_situation()
        expected = draft_responses(demo_plan(), situation, now=NOW)
        drafts = draft_responses(scaled_plan(COPIES, shape), situation, now=NOW)
        assert expected.gaps
        assert sorted(g.target for g in drafts.gaps) == sorted(
            _copy_target(g.target, k) for k in range(COPIES) for g in expected.gaps
        )
        assert {g.finding.code for g in drafts.gaps} == {g.finding.code for g in expected.gaps}

    def test_scaled_plan_has_the_copies(self, shape: Shape) -> None:
        """The scaled plan holds N times the demo's stakeholders and channels, with new ids."""
        demo = demo_plan()
        plan = scaled_plan(COPIES, shape)
        assert len(plan.stakeholders) == COPIES * len(demo.stakeholders)
        assert len(plan.channels) == COPIES * len(demo.channels)
        assert {c.id for c in plan.channels}.isdisjoint(c.id for c in demo.channels)
        shared = len(plan.templates) == len(demo.templates)
        assert shared == (shape == "shared")
