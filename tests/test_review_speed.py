"""The review's fast paths against the slow readings they replace, on any record."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import CrisisCommsError, CrisisRecord, SentMessage
from crisiscomms._review._context import Context, read_record
from crisiscomms._review._timing import _following, _is_public
from crisiscomms.model._base import Audience
from crisiscomms.samples import demo_plan, demo_record
from tests.test_review import START, at, generated_records

PLAN = demo_plan()
_STAKEHOLDERS = tuple(s.id for s in PLAN.stakeholders)
_CHANNELS = (*(c.id for c in PLAN.channels), "x", "mastodon")  # plan channels, platforms


@st.composite
def crowded_records(draw: st.DrawFn) -> CrisisRecord:
    """Records whose messages often share an instant and a stakeholder: the ties."""
    minutes = draw(st.lists(st.integers(min_value=0, max_value=8), max_size=14))
    messages: list[dict[str, Any]] = [
        {
            "stakeholder": draw(st.sampled_from(_STAKEHOLDERS)),
            "channel": draw(st.sampled_from(_CHANNELS)),
            "sent_at": at(30 * minute),
            "phase": draw(st.sampled_from(["initial", "update", "resolved"])),
            "text": "Incident en cours.",
        }
        for minute in sorted(minutes)
    ]
    return CrisisRecord.model_validate({"situation": START, "sent": messages})


def _context(data: st.DataObject) -> Context | None:
    """The context of a drawn record; None when the record or its reading is refused."""
    try:
        record = data.draw(
            st.one_of(crowded_records(), generated_records(), st.just(demo_record()))
        )
        return read_record(PLAN, record)
    except CrisisCommsError:
        return None


def _slow_following(ctx: Context, position: int) -> SentMessage | None:
    """The reading `_following` replaces: a scan of every later message."""
    message = ctx.sent[position]
    return next(
        (
            later
            for later in ctx.sent[position + 1 :]
            if later.stakeholder == message.stakeholder and later.sent_at > message.sent_at
        ),
        None,
    )


class TestFastPaths:
    @settings(max_examples=80)
    @given(st.data())
    def test_following_is_the_first_later_message_to_the_stakeholder(
        self, data: st.DataObject
    ) -> None:
        """`_following` gives, for each message, what a scan of the later messages finds."""
        ctx = _context(data)
        if ctx is None:
            return
        found = _following(ctx)
        assert found == [_slow_following(ctx, p) for p in range(len(ctx.sent))]

    @settings(max_examples=60)
    @given(st.data())
    def test_deadlines_by_id_equal_the_reports_own_lookup(self, data: st.DataObject) -> None:
        """`Context.deadlines` holds what `TimelinessReport.state` returns, and only that."""
        ctx = _context(data)
        if ctx is None:
            return
        for severity, report in ctx.timeliness.items():
            by_id = ctx.deadlines[severity]
            asked = {s.deadline.id for s in report.states}
            asked |= {f"update/{m.stakeholder}/{n}" for n in (1, 2, 99) for m in ctx.sent}
            for deadline_id in sorted(asked):
                try:
                    expected = report.state(deadline_id)
                except CrisisCommsError:
                    assert deadline_id not in by_id
                else:
                    assert by_id[deadline_id] is expected

    @settings(max_examples=60)
    @given(st.data())
    def test_messages_by_stakeholder_are_the_filtered_positions(self, data: st.DataObject) -> None:
        """`Context.by_stakeholder` lists, in order, the positions a filter of the record finds."""
        ctx = _context(data)
        if ctx is None:
            return
        stakeholders = {m.stakeholder for m in ctx.sent}
        assert set(ctx.by_stakeholder) == stakeholders
        for sid in stakeholders:
            expected = tuple(p for p, m in enumerate(ctx.sent) if m.stakeholder == sid)
            assert ctx.by_stakeholder[sid] == expected


@pytest.mark.parametrize("channel", [*_CHANNELS, "nowhere"])
def test_public_channels_as_the_plan_reads_them(channel: str) -> None:
    """A channel is public when the plan's channel is, and when the plan does not have it."""
    ctx = read_record(PLAN, demo_record())
    known = {c.id: c for c in PLAN.channels}
    expected = channel not in known or known[channel].audience is Audience.PUBLIC
    assert _is_public(ctx, channel) is expected
