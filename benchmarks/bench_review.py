"""`review_crisis` on the demo record and on scaled records of the demo crisis.

Goal (issue 13): a record with 1,000 sent messages and 100,000 mentions
reviewed in under 1 s on one core, linear in both (two sizes). The scaled
records repeat the demo's twelve messages (with their texts) over 48 hours
and add generated French mentions, about a fifth of them repeating a known
claim; `match_claims` alone on the same mentions is measured beside them, as
the floor the review cannot go below. Figures are in docs/performance.md
("Post-crisis review").
"""

from __future__ import annotations

import functools
import random
from datetime import timedelta

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from crisiscomms import (
    CrisisRecord,
    Mention,
    Review,
    approval_status,
    build_claim_index,
    match_claims,
    review_crisis,
)
from crisiscomms._review._context import read_record
from crisiscomms._review._timing import _first_later, _following
from crisiscomms._selection._approvals import _judge_slow, approver_roles
from crisiscomms.samples import demo_plan, demo_record

_WORDS = (
    "Lumea", "vend", "les", "données", "panne", "clients", "honteux", "facture", "iban",
    "coordonnées", "bancaires", "service", "ce", "matin", "espace", "client",
)  # fmt: skip


@functools.cache
def scaled(messages: int, mentions: int) -> CrisisRecord:
    """The demo crisis over 48 hours: its messages repeated, `mentions` generated mentions."""
    base = demo_record()
    start = base.detected_at
    span = timedelta(hours=48)
    sent = [
        base.sent[n % len(base.sent)].model_copy(
            update={"sent_at": start + span * (n + 1) / (messages + 1), "id": f"m{n}"}
        )
        for n in range(messages)
    ]
    rng = random.Random(13)
    feed = [
        Mention(
            text=" ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 16))),
            at=start + span * n / mentions,
            locale="fr",
            reach=rng.randint(0, 500),
            sentiment=rng.uniform(-1, 1),
            id=str(n),
        )
        for n in range(mentions)
    ]
    return CrisisRecord(situation=base.situation, changes=base.changes[:1], sent=sent,
                        mentions=feed)  # fmt: skip


def _review(benchmark: BenchmarkFixture, record: CrisisRecord, rounds: int) -> Review:
    benchmark.group = "review_crisis"
    plan = demo_plan()
    review: Review = benchmark.pedantic(  # type: ignore[no-untyped-call]
        review_crisis, args=(plan, record), rounds=rounds, iterations=1
    )
    benchmark.extra_info["messages"] = len(record.sent)
    benchmark.extra_info["mentions"] = len(record.mentions)
    benchmark.extra_info["metrics"] = len(review.metrics)
    return review


def test_review_demo_record(benchmark: BenchmarkFixture) -> None:
    """The demo record: 12 messages, 846 mentions, 3 changes."""
    review = _review(benchmark, demo_record(), rounds=10)
    assert review.lessons


def _reference_claims(record: CrisisRecord) -> dict[str, int]:
    """The slow reference of the review's claim counts: `match_claims`, mention by mention.

    The scaled records' mentions are distinct and all before the record's end,
    so each one is matched on its own, with the public function.
    """
    end = record.end
    assert all(m.at <= end for m in record.mentions)
    assert len({m.id for m in record.mentions}) == len(record.mentions)
    counts: dict[str, int] = {}
    index = build_claim_index(demo_plan().claims)
    for mention in record.mentions:
        for match in match_claims([mention], index):
            counts[match.claim] = counts.get(match.claim, 0) + 1
    return counts


@pytest.mark.parametrize(("messages", "mentions"), [(500, 50_000), (1_000, 100_000)])
def test_review_scaled(benchmark: BenchmarkFixture, messages: int, mentions: int) -> None:
    """The issue's case and half of it: time should halve with both sizes.

    The review's claim counts equal the slow reference's (one `match_claims` call
    per mention), so the shared, faster reading of the feed changed no result;
    the review's indexes of the messages equal the scans they replace, and each
    message's approval equals the judgement without the memo.
    """
    record = scaled(messages, mentions)
    review = _review(benchmark, record, rounds=3)
    assert len(review.metrics) > messages
    answered = {
        m.subject: int(m.detail.split(" of ")[1].split()[0])
        for m in review.metrics
        if m.name == "mentions answered"
    }
    assert answered == _reference_claims(record)
    _check_fast_paths(record)


def _check_fast_paths(record: CrisisRecord) -> None:
    """The review's indexes of the record give what the scans they replace give."""
    ctx = read_record(demo_plan(), record)
    assert _following(ctx) == [_first_later(ctx, p) for p in range(len(ctx.sent))]
    for severity, report in ctx.timeliness.items():
        for state in report.states:
            assert ctx.deadlines[severity][state.deadline.id] is report.state(state.deadline.id)
    # approval_status (its now-independent judgement memoised) equals the whole judgement.
    plan = ctx.plan
    for message, situation in zip(ctx.sent, ctx.situations, strict=True):
        if message.template_id is not None:
            template = plan.template(message.template_id)
            level = plan.severity(situation.severity)
            assert approval_status(
                template, plan, severity=level.id, now=message.sent_at
            ) == _judge_slow(template, plan, level, message.sent_at, approver_roles(plan, level))


@pytest.mark.parametrize("mentions", [50_000, 100_000])
def test_match_claims_floor(benchmark: BenchmarkFixture, mentions: int) -> None:
    """`match_claims` alone on the same mentions: the part of the review it shares."""
    benchmark.group = "review_crisis floor"
    feed = scaled(mentions // 100, mentions).mentions
    found = benchmark.pedantic(  # type: ignore[no-untyped-call]
        match_claims, args=(feed, demo_plan().claims), rounds=3, iterations=1
    )
    assert found
