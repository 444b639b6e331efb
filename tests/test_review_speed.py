"""The review's fast paths against the slow readings they replace, on any record."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import CrisisCommsError, CrisisRecord, Lesson, approval_status
from crisiscomms._review._content import (
    _DISAGREE,
    _contradicted,
    _fact_of,
    _reapprove,
    accuracy,
    approvals,
)
from crisiscomms._review._context import Context, read_record
from crisiscomms._review._lessons import unique
from crisiscomms._review._timing import _first_later, _following, _is_public
from crisiscomms.model._base import Audience
from crisiscomms.samples import demo_plan, demo_record
from tests.test_review import START, at, generated_records

PLAN = demo_plan()
_STAKEHOLDERS = tuple(s.id for s in PLAN.stakeholders)
_CHANNELS = (*(c.id for c in PLAN.channels), "x", "mastodon")  # plan channels, platforms


_PARIS = ZoneInfo("Europe/Paris")
#: The night the clocks go back in Paris: wall times of the fold, twice, and UTC times
#: between them, so that Python's comparison of times (wall clocks within one zone,
#: instants across zones) is not the instants' order.
_FOLD_NIGHT = [
    datetime(2026, 10, 25, 2, minute, fold=fold, tzinfo=_PARIS)
    for fold in (0, 1)
    for minute in (10, 40)
] + [datetime(2026, 10, 25, 0, minute, tzinfo=UTC) for minute in (55, 25)]


@st.composite
def crowded_records(draw: st.DrawFn) -> CrisisRecord:
    """Records whose messages often share an instant and a stakeholder, some in a fold."""
    fold = draw(st.booleans())
    if fold:
        times = draw(st.lists(st.sampled_from(_FOLD_NIGHT), max_size=10))
        situation = START.model_copy(update={"detected_at": min(_FOLD_NIGHT)})
    else:
        minutes = draw(st.lists(st.integers(min_value=0, max_value=8), max_size=14))
        times = sorted(at(30 * minute) for minute in minutes)
        situation = START
    messages: list[dict[str, Any]] = [
        {
            "stakeholder": draw(st.sampled_from(_STAKEHOLDERS)),
            "channel": draw(st.sampled_from(_CHANNELS)),
            "sent_at": sent_at,
            "phase": draw(st.sampled_from(["initial", "update", "resolved"])),
            "text": "Incident en cours.",
        }
        for sent_at in times
    ]
    return CrisisRecord.model_validate({"situation": situation, "sent": messages})


def _twice(record: CrisisRecord) -> CrisisRecord:
    """`record` with each message sent twice at once: lessons that repeat."""
    sent = [
        copy
        for m in record.sent
        for copy in (m, m.model_copy(update={"id": f"{m.label} (again)"}))
    ]
    return record.model_copy(update={"sent": sent})


TWICE = _twice(demo_record())


def _context(data: st.DataObject) -> Context | None:
    """The context of a drawn record; None when the record or its reading is refused."""
    try:
        record = data.draw(
            st.one_of(
                crowded_records(), generated_records(), st.sampled_from([demo_record(), TWICE])
            )
        )
        return read_record(PLAN, record)
    except CrisisCommsError:
        return None


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
        assert found == [_first_later(ctx, p) for p in range(len(ctx.sent))]

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


def _every_reapproval(ctx: Context) -> list[Lesson]:
    """The REV006 lessons of `approvals`, one per message sent without a valid approval."""
    lessons = []
    for message, situation in zip(ctx.sent, ctx.situations, strict=True):
        if message.template_id is None:
            continue
        template = PLAN.template(message.template_id)
        state = approval_status(template, PLAN, severity=situation.severity, now=message.sent_at)
        if not state.is_approved:
            why = f"{message.label} was sent from it"
            lessons.append(_reapprove(ctx, template.id, why, state.status))
    return lessons


def _every_contradiction(ctx: Context) -> list[Lesson]:
    """The REV007 lessons of `accuracy`, one per disagreeing finding of each message."""
    names = [f.name for f in PLAN.facts]
    lessons = []
    for positions, report in ctx.checked:
        for position, label in zip(positions, report.messages, strict=False):
            for finding in report.findings:
                fact = _fact_of(finding, names)
                if (
                    finding.subject == label
                    and finding.is_error
                    and finding.code in _DISAGREE
                    and fact is not None
                ):
                    lessons.append(
                        _contradicted(ctx, ctx.sent[position].template_id, fact, finding)
                    )
    return lessons


class TestLessonsWrittenOnce:
    @settings(max_examples=40)
    @given(st.data())
    def test_reapprovals_are_the_first_of_each_id(self, data: st.DataObject) -> None:
        """`approvals` writes the first REV006 lesson of each id that one per message gives."""
        ctx = _context(data)
        if ctx is None:
            return
        written = [lesson for lesson in approvals(ctx)[1] if lesson.finding.code == "REV006"]
        per_message = unique(_every_reapproval(ctx))
        assert unique(written)[: len(per_message)] == per_message

    @settings(max_examples=40)
    @given(st.data())
    def test_contradictions_are_the_first_of_each_id(self, data: st.DataObject) -> None:
        """`accuracy` writes the first REV007 lesson of each id that one per finding gives."""
        ctx = _context(data)
        if ctx is None:
            return
        written = [lesson for lesson in accuracy(ctx)[1] if lesson.finding.code == "REV007"]
        assert unique(written) == unique(_every_contradiction(ctx))

    def test_the_demo_record_repeats_lessons_that_are_written_once(self) -> None:
        """The demo sent twice repeats REV006 and REV007 lessons: the tests above see repeats."""
        ctx = read_record(PLAN, TWICE)
        assert len(_every_reapproval(ctx)) > len(unique(_every_reapproval(ctx)))
        assert len(_every_contradiction(ctx)) > len(unique(_every_contradiction(ctx)))


def test_a_fold_of_the_clocks_keeps_the_scan() -> None:
    """In the fold, where a zone's times compare by wall clock, the next message is scanned."""
    paris_first, paris_again = (
        datetime(2026, 10, 25, 2, 40, tzinfo=_PARIS),
        datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=_PARIS),
    )
    between = datetime(2026, 10, 25, 0, 55, tzinfo=UTC)
    situation = START.model_copy(update={"detected_at": min(_FOLD_NIGHT)})
    sent = [
        {"stakeholder": "customers", "channel": "email", "sent_at": t, "phase": "update"}
        for t in (paris_first, between, paris_again)
    ]
    ctx = read_record(PLAN, CrisisRecord.model_validate({"situation": situation, "sent": sent}))
    assert paris_again < paris_first  # one zone: wall clocks, although it came later
    assert _following(ctx) == [_first_later(ctx, p) for p in range(3)]
    assert _following(ctx)[0] is ctx.sent[1]
