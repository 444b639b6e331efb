"""Instants, not wall clocks: deadlines, timeliness and approvals at a DST fold.

Python compares two datetimes that share one ``ZoneInfo`` by their wall clock,
so in the repeated autumn hour 02:30 (fold=1) "equals" 02:30 (fold=0), an hour
earlier. Every time the library compares is compared as an instant: giving the
same instants in a real zone (with its folds) or in UTC gives the same answer.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

import crisiscomms as cc
from crisiscomms.samples import demo_plan, demo_situation
from crisiscomms.text._instants import instant, is_before

PLAN = demo_plan()
SITUATION = demo_situation()

#: Real zones with daylight saving time, north and south.
FOLD_ZONES = ("Europe/Paris", "America/New_York", "Europe/London", "Australia/Sydney")


@functools.cache
def fold_starts(zone_name: str) -> tuple[datetime, ...]:
    """The UTC instants at which `zone_name` sets its clocks back (a fold starts), 2024-2030."""
    zone = ZoneInfo(zone_name)
    starts = []
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    previous = moment.astimezone(zone).utcoffset()
    while moment.year < 2031:
        moment += timedelta(hours=1)
        offset = moment.astimezone(zone).utcoffset()
        assert offset is not None
        assert previous is not None
        if offset < previous:
            starts.append(moment)
        previous = offset
    return tuple(starts)


@st.composite
def folds(draw: st.DrawFn) -> tuple[ZoneInfo, datetime]:
    """A real zone and the UTC instant at which one of its folds starts."""
    name = draw(st.sampled_from(FOLD_ZONES))
    return ZoneInfo(name), draw(st.sampled_from(fold_starts(name)))


#: Minutes from the start of a fold: before it, inside the repeated hour, after it.
MINUTES = st.integers(min_value=-150, max_value=150)


def _in(zone: ZoneInfo, moment: datetime, minutes: int) -> datetime:
    return (moment + timedelta(minutes=minutes)).astimezone(zone)


class TestTheRepeatedHour:
    def test_python_compares_wall_clocks_in_one_zone(self) -> None:
        """The trap itself: one ZoneInfo, 45 minutes apart, yet ``==`` and no ``<``."""
        paris = ZoneInfo("Europe/Paris")
        start = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST, fold=0
        early, late = start.astimezone(paris), (start + timedelta(hours=1)).astimezone(paris)
        assert early.replace(tzinfo=None) == late.replace(tzinfo=None)
        assert early == late  # wall clocks: Python says equal
        assert is_before(early, late)  # instants: an hour apart
        assert instant(late) - instant(early) == timedelta(hours=1)

    @given(folds(), MINUTES, MINUTES)
    def test_instant_orders_as_utc(self, fold: tuple[ZoneInfo, datetime], a: int, b: int) -> None:
        """`instant` orders times in a fold as their UTC instants."""
        zone, start = fold
        x, y = _in(zone, start, a), _in(zone, start, b)
        assert is_before(x, y) == (a < b)
        assert instant(y) - instant(x) == timedelta(minutes=b - a)


def _situation(detected_at: datetime, severity: str) -> cc.Situation:
    return SITUATION.model_copy(update={"detected_at": detected_at, "severity": severity})


def _states(report: cc.TimelinessReport) -> list[tuple[object, ...]]:
    return [(s.deadline.id, s.status, s.margin, s.lateness, s.met_by) for s in report.states]


class TestTimelinessAtAFold:
    @settings(max_examples=150, deadline=None)
    @given(
        folds(),
        MINUTES,
        MINUTES,
        st.lists(MINUTES, max_size=3),
        st.sampled_from(["critical", "high"]),
    )
    def test_a_zone_and_utc_give_the_same_report(
        self,
        fold: tuple[ZoneInfo, datetime],
        detected: int,
        now: int,
        sent: list[int],
        severity: str,
    ) -> None:
        """The same instants in a DST zone or in UTC give the same deadline states."""
        zone, start = fold

        def report(where: ZoneInfo | None) -> cc.TimelinessReport:
            def at(minutes: int) -> datetime:
                moment = start + timedelta(minutes=minutes)
                return moment if where is None else moment.astimezone(where)

            messages = [
                cc.SentMessage(
                    stakeholder="customers",
                    channel="sms",
                    sent_at=at(m),
                    phase=cc.Phase.INITIAL,
                    id=f"message-{i}",
                )
                for i, m in enumerate(sent)
            ]
            return cc.evaluate_timeliness(
                PLAN, _situation(at(detected), severity), messages, now=at(now)
            )

        in_zone, in_utc = report(zone), report(None)
        assert _states(in_zone) == _states(in_utc)
        assert [f.code for f in in_zone.findings] == [f.code for f in in_utc.findings]

    def test_a_statement_sent_early_in_the_fold_is_met(self) -> None:
        """The issue's case: sent 45 min before the deadline, at a later wall clock, is met."""
        paris = ZoneInfo("Europe/Paris")
        fold = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)  # 03:00 CEST becomes 02:00 CET
        detected = (fold - timedelta(minutes=45)).astimezone(paris)  # 02:15 CEST, fold=0
        sent_at = (fold - timedelta(minutes=30)).astimezone(paris)  # 02:30 CEST, fold=0
        # Severity high: the first statement is due an hour later, 02:15 CET (fold=1).
        now = (fold + timedelta(minutes=30)).astimezone(paris)  # 02:30 CET, fold=1
        report = cc.evaluate_timeliness(
            PLAN,
            _situation(detected, "high"),
            [
                cc.SentMessage(
                    stakeholder="customers", channel="sms", sent_at=sent_at, phase=cc.Phase.INITIAL
                )
            ],
            now=now,
        )
        [state] = [s for s in report.states if s.deadline.id == "first-statement/customers"]
        assert sent_at.replace(tzinfo=None) > state.deadline.due_at.replace(tzinfo=None)
        assert state.status is cc.DeadlineStatus.MET
        assert state.margin == timedelta(minutes=45)

    def test_a_deadline_at_an_earlier_wall_clock_can_still_be_ahead(self) -> None:
        """At 02:30 (fold=0) a deadline at 02:15 (fold=1) is 45 minutes away: not missed."""
        paris = ZoneInfo("Europe/Paris")
        fold = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
        detected = (fold - timedelta(minutes=45)).astimezone(paris)  # 02:15 CEST
        now = (fold - timedelta(minutes=30)).astimezone(paris)  # 02:30 CEST, fold=0
        report = cc.evaluate_timeliness(PLAN, _situation(detected, "high"), [], now=now)
        [state] = [s for s in report.states if s.deadline.id == "first-statement/customers"]
        assert state.status is not cc.DeadlineStatus.MISSED
        assert state.margin == timedelta(minutes=45)

    @settings(max_examples=60, deadline=None)
    @given(folds(), MINUTES, st.lists(MINUTES, max_size=4))
    def test_schedules_order_deadlines_by_instant(
        self, fold: tuple[ZoneInfo, datetime], detected: int, sent: list[int]
    ) -> None:
        """A schedule's deadlines come earliest instant first, wherever the fold falls."""
        zone, start = fold
        messages = [
            cc.SentMessage(
                stakeholder="customers",
                channel="sms",
                sent_at=_in(zone, start, m),
                phase=cc.Phase.UPDATE if i else cc.Phase.INITIAL,
            )
            for i, m in enumerate(sorted(sent))
        ]
        plan_schedule = cc.schedule(
            PLAN, _situation(_in(zone, start, detected), "critical"), sent=messages
        )
        due = [instant(d.due_at) for d in plan_schedule.deadlines]
        assert due == sorted(due)


def _approved(template: cc.MessageTemplate, approved_at: datetime, expires_at: datetime) -> object:
    assert template.approval is not None
    approval = template.approval.model_copy(
        update={"approved_at": approved_at, "expires_at": expires_at, "signatures": ()}
    )
    return template.model_copy(update={"approval": approval})


class TestApprovalsAtAFold:
    @settings(max_examples=100, deadline=None)
    @given(folds(), MINUTES, st.integers(min_value=1, max_value=200), MINUTES)
    def test_a_zone_and_utc_give_the_same_status(
        self, fold: tuple[ZoneInfo, datetime], approved: int, lasts: int, now: int
    ) -> None:
        """An approval's start and expiry are judged as instants, in a DST zone as in UTC."""
        zone, start = fold
        template = next(t for t in PLAN.templates if t.approval is not None)

        def status(where: ZoneInfo | None) -> object:
            def at(minutes: int) -> datetime:
                moment = start + timedelta(minutes=minutes)
                return moment if where is None else moment.astimezone(where)

            changed = _approved(template, at(approved), at(approved + lasts))
            state = cc.approval_status(changed, PLAN, severity="high", now=at(now))  # type: ignore[arg-type]
            return state.status  # the reasons show the times in their own zone

        in_zone, in_utc = status(zone), status(None)
        assert in_zone == in_utc
        expected_valid = approved <= now < approved + lasts
        assert (in_utc is cc.ApprovalStatus.APPROVED) == expected_valid

    def test_an_approval_45_minutes_in_the_future_does_not_count(self) -> None:
        """The issue's case: approved at 02:15 (fold=1), judged at 02:30 (fold=0), is not yet."""
        paris = ZoneInfo("Europe/Paris")
        fold = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
        approved_at = (fold + timedelta(minutes=15)).astimezone(paris)  # 02:15 CET, fold=1
        now = (fold - timedelta(minutes=30)).astimezone(paris)  # 02:30 CEST, fold=0
        assert now > approved_at  # the wall clocks would let it count
        template = next(t for t in PLAN.templates if t.approval is not None)
        changed = _approved(template, approved_at, approved_at + timedelta(days=30))
        state = cc.approval_status(changed, PLAN, severity="high", now=now)  # type: ignore[arg-type]
        assert state.status is not cc.ApprovalStatus.APPROVED
        assert any("after now" in reason for reason in state.reasons)

    def test_an_approval_expired_45_minutes_ago_does_not_count(self) -> None:
        """Expired at 02:15 (fold=0), judged at 02:00 (fold=1), 45 minutes later: expired."""
        paris = ZoneInfo("Europe/Paris")
        fold = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
        expires_at = (fold - timedelta(minutes=45)).astimezone(paris)  # 02:15 CEST, fold=0
        now = fold.astimezone(paris)  # 02:00 CET, fold=1
        assert now < expires_at  # the wall clocks would keep it valid
        template = next(t for t in PLAN.templates if t.approval is not None)
        changed = _approved(template, expires_at - timedelta(days=30), expires_at)
        state = cc.approval_status(changed, PLAN, severity="high", now=now)  # type: ignore[arg-type]
        assert state.status is cc.ApprovalStatus.EXPIRED
