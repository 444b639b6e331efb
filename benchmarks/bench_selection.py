"""`select_responses` on generated plans of 1,000 to 100,000 templates; `draft_responses`.

Goal (issue 3): the time per target stays flat; 100,000 templates at most
1.5 times 1,000.

The generated plans keep the demo plan's people, stakeholders and channels
(20 targets at severity high) and grow the way a real plan grows: by crisis
types. Each crisis type has 50 templates (4 phases, 2 locales, a generic text
and texts scoped to one channel, one platform or one stakeholder); a fixed set
of 20 unscoped templates (any crisis type) stands beside them, and one
template in ten has an expired or tampered approval. The situation is a crisis
of the first type, severity high, initial phase. The index is built once per
plan outside the timed loop (its build time is measured separately).

`draft_responses` drafts the demo situation (20 targets: select, render,
measure, check), with the plan's index built and the demo's facts already
formatted once, as in a session that drafts again after each fact change.

Figures are in docs/performance.md ("Selection and drafting").
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from crisiscomms import Plan, Situation, draft_responses, load_plan, select_responses
from crisiscomms._selection._index import index_of
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.samples import demo_plan, demo_situation

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
PER_CRISIS_TYPE = 50
GENERIC = 20
SIZES = (1_000, 10_000, 100_000)

_PHASES = ("initial", "update", "resolved", "post_crisis")
_LOCALES = ("fr_FR", "en_GB")
# Scopes beside the crisis type: generic, a channel id, a platform, a stakeholder...
_SCOPES: tuple[dict[str, list[str]], ...] = (
    {},
    {"channels": ["sms"]},
    {"channels": ["x"]},
    {"channels": ["email", "press"]},
    {"stakeholders": ["customers"]},
    {"stakeholders": ["investors"], "channels": ["email"]},
)


def _approval(template: dict[str, Any], index: int) -> dict[str, Any]:
    at = datetime(2026, 9, 1, tzinfo=UTC) + timedelta(seconds=index)
    expires = datetime(2027, 9, 30, tzinfo=UTC)
    if index % 10 == 3:
        expires = datetime(2026, 10, 31, tzinfo=UTC)
    text = template["text"]
    signed = text + " (before an edit)" if index % 10 == 7 else text
    return {
        "approved_by": ["amelie-durand", "sophie-martin"],
        "approved_at": at.isoformat(),
        "expires_at": expires.isoformat(),
        "digest": MessageTemplate.model_validate({**template, "text": signed}).digest,
    }


def _template(
    index: int, crisis_type: str | None, phase: str, locale: str, scope: dict[str, Any]
) -> dict[str, Any]:
    text = f"Message {index} ({phase}, {locale}). Suivi : {{status_url}}"
    template = {
        "id": f"t{index}",
        "key": f"k{index // 12}",
        "locale": locale,
        "phase": phase,
        "text": text,
        "crisis_types": [crisis_type] if crisis_type else [],
        **scope,
    }
    return {**template, "approval": _approval(template, index)}


@functools.cache
def generated_plan(size: int) -> Plan:
    """A plan of `size` templates (see the module docstring)."""
    document = demo_plan().model_dump(mode="json")
    for claim in document["claims"]:
        claim["rebuttal_key"] = None
    types = (size - GENERIC) // PER_CRISIS_TYPE
    document["crisis_types"] = [
        {"id": f"type-{i}", "label": f"Crisis type {i}", "default_severity": "high"}
        for i in range(types)
    ]
    document["obligations"] = []
    document["escalation_rules"] = []
    document["training"] = {}
    combos = [(p, loc, s) for p in _PHASES for loc in _LOCALES for s in _SCOPES]
    templates = []
    for i in range(GENERIC):
        phase, locale, scope = combos[i % len(combos)]
        templates.append(
            _template(
                i, None, phase, locale, {k: v for k, v in scope.items() if k != "stakeholders"}
            )
        )
    index = GENERIC
    for t in range(types):
        for j in range(PER_CRISIS_TYPE):
            phase, locale, scope = combos[j % len(combos)]
            templates.append(_template(index, f"type-{t}", phase, locale, scope))
            index += 1
    if index < size:  # the remainder: one more, smaller crisis type
        document["crisis_types"].append(
            {"id": "type-extra", "label": "Crisis type extra", "default_severity": "high"}
        )
    for j in range(size - index):
        phase, locale, scope = combos[j % len(combos)]
        templates.append(_template(index + j, "type-extra", phase, locale, scope))
    document["templates"] = templates
    plan = load_plan(document)
    assert len(plan.templates) == size
    return plan


SITUATION = Situation(
    crisis_type="type-0",
    severity="high",
    phase="initial",
    detected_at=datetime(2026, 11, 24, 7, 40, tzinfo=UTC),
)


@pytest.mark.parametrize("size", SIZES)
def test_select_responses(benchmark: BenchmarkFixture, size: int) -> None:
    plan = generated_plan(size)
    index_of(plan)  # built once per plan, as in use
    result = benchmark(select_responses, plan, SITUATION, now=NOW)
    assert result.targets == 20
    assert result.selections
    benchmark.extra_info["templates"] = size
    benchmark.extra_info["targets"] = result.targets
    benchmark.extra_info["gaps"] = len(result.gaps)


@pytest.mark.parametrize("size", SIZES)
def test_index_build(benchmark: BenchmarkFixture, size: int) -> None:
    plan = generated_plan(size)
    from crisiscomms._selection._index import Index

    index = benchmark(Index, plan)
    assert index.by_phase_locale


def test_draft_responses_demo(benchmark: BenchmarkFixture) -> None:
    plan, situation = demo_plan(), demo_situation()
    draft_responses(plan, situation, now=NOW)  # index built, facts formatted once
    result = benchmark(draft_responses, plan, situation, now=NOW)
    assert len(result.drafts) + len(result.gaps) == 20
