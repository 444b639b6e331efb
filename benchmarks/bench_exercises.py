"""Drills: `generate_scenario` on the demo plan, `score_exercise` of a busy 4-hour drill.

Goals (issue 12): `generate_scenario` on the demo plan in under 5 ms;
`score_exercise` of a 4-hour drill with 200 sent messages and 5,000 mentions
in under 50 ms; both growing linearly (two sizes each). Figures are in
docs/performance.md ("Drills").
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from crisiscomms import (
    Draft,
    ExerciseLog,
    ExerciseMessage,
    InjectKind,
    Plan,
    Scenario,
    SentMessage,
    SeverityChange,
    draft_responses,
    generate_scenario,
    load_plan,
    score_exercise,
)
from crisiscomms.samples import demo_plan

START = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


@functools.cache
def plan_with_burst(mentions: int) -> Plan:
    """The demo plan, its viral rule set so that the generated burst holds about `mentions`."""
    document = demo_plan().model_dump(mode="json")
    for rule in document["escalation_rules"]:
        if rule["id"] == "viral-anger":
            # The burst holds the threshold + 5 %, and a baseline of 1 / (3 x 1.1) of it.
            rule["min_mentions"] = round(mentions / (1.05 * (1 + 1 / 3.3)))
    return load_plan(document)


@functools.cache
def drill(mentions: int) -> Scenario:
    return generate_scenario(
        plan_with_burst(mentions), seed=12, crisis_type="data-breach", starts_at=START
    )


@functools.cache
def team_log(messages: int, mentions: int) -> ExerciseLog:
    """`messages` drafts sent through the drill: the drafts of ten moments, in turn."""
    scenario, plan = drill(mentions), plan_with_burst(mentions)
    moments = [START + scenario.duration * i / 10 for i in range(10)]
    pool: list[Draft] = []
    for at in moments:
        drafts = draft_responses(plan, scenario.situation_at(at), now=at)
        pool.extend(drafts.drafts)
    logged = []
    for i in range(messages):
        draft = pool[i % len(pool)]
        at = START + scenario.duration * i / messages
        sent = SentMessage(
            stakeholder=draft.selection.stakeholder,
            channel=draft.selection.channel,
            locale=draft.message.locale,
            template_id=draft.message.template_id,
            sent_at=at,
            id=f"m{i}",
        )
        logged.append(ExerciseMessage(sent=sent, text=draft.message.text))
    return ExerciseLog(
        messages=tuple(logged),
        severity_changes=(SeverityChange(severity="critical", at=START + timedelta(hours=2)),),
    )


def test_generate_demo_plan(benchmark: BenchmarkFixture) -> None:
    """The issue's case: the demo plan's data breach (a burst of 684 mentions)."""
    benchmark.group = "generate_scenario"
    result = benchmark(
        generate_scenario, demo_plan(), seed=7, crisis_type="data-breach", starts_at=START
    )
    assert result == generate_scenario(
        demo_plan(), seed=7, crisis_type="data-breach", starts_at=START
    )
    benchmark.extra_info["mentions"] = len(result.mentions)


@pytest.mark.parametrize("mentions", [2_500, 5_000])
def test_generate_linear_in_mentions(benchmark: BenchmarkFixture, mentions: int) -> None:
    """A burst twice as large takes about twice as long."""
    benchmark.group = "generate_scenario"
    plan = plan_with_burst(mentions)
    result = benchmark(
        generate_scenario, plan, seed=12, crisis_type="data-breach", starts_at=START
    )
    assert abs(len(result.mentions) - mentions) < mentions * 0.02
    benchmark.extra_info["mentions"] = len(result.mentions)


@pytest.mark.parametrize(("messages", "mentions"), [(100, 2_500), (200, 5_000)])
def test_score(benchmark: BenchmarkFixture, messages: int, mentions: int) -> None:
    """The issue's case (200 messages, 5,000 mentions, 4 hours), and half of it."""
    benchmark.group = "score_exercise"
    scenario, log = drill(mentions), team_log(messages, mentions)
    assert any(i.kind is InjectKind.MENTION_BURST for i in scenario.injects)
    assert abs(len(scenario.mentions) - mentions) < mentions * 0.02
    score = benchmark.pedantic(  # type: ignore[no-untyped-call]
        score_exercise, args=(plan_with_burst(mentions), scenario, log), rounds=10, iterations=1
    )
    assert score.messages_scored == messages
    benchmark.extra_info["overall"] = score.overall
