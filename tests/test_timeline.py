from __future__ import annotations

import json
import pickle
import runpy
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    CrisisCommsError,
    Deadline,
    DeadlineKind,
    DeadlineState,
    DeadlineStatus,
    InputError,
    ModelError,
    NaiveDatetimeError,
    Obligation,
    Phase,
    Plan,
    PlanError,
    SentMessage,
    Situation,
    TimelinessReport,
    evaluate_timeliness,
    load_plan,
    schedule,
)
from crisiscomms._timeline import _timeliness
from crisiscomms._timeline._calendar import add_business_days, add_months, elapsed
from crisiscomms.samples import demo_plan, demo_record, demo_situation
from crisiscomms.text._instants import instant, is_before
from tests.strategies import INSTANTS, NEAR_INSTANTS, SLUGS

PARIS = ZoneInfo("Europe/Paris")
LONDON = ZoneInfo("Europe/London")
ROOT = Path(__file__).resolve().parent.parent


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def situation(**changes: Any) -> Situation:
    return demo_situation().model_copy(update=changes)


def plan_with(**changes: Any) -> Plan:
    """The demo plan with some sections replaced, loaded like a user's plan."""
    document = demo_plan().model_dump(mode="json")
    document.update(changes)
    return load_plan(document)


def sent(stakeholder: str, at: datetime, **fields: Any) -> SentMessage:
    fields.setdefault("channel", demo_plan().stakeholder(stakeholder).channels[0])
    fields.setdefault("phase", "initial")
    return SentMessage(stakeholder=stakeholder, sent_at=at, **fields)


def obligation(**fields: Any) -> dict[str, Any]:
    return {"id": "o", "label": "Obligation", "stakeholder": "regulators", **fields}


def due(plan: Plan, situation_: Situation, deadline_id: str, **kwargs: Any) -> datetime:
    return schedule(plan, situation_, **kwargs).deadline(deadline_id).due_at


class TestFirstStatement:
    def test_every_concerned_stakeholder_gets_one_at_the_severity_target(self) -> None:
        """At high severity, all six demo stakeholders are due one hour after detection."""
        firsts = [
            d
            for d in schedule(demo_plan(), demo_situation())
            if d.kind is DeadlineKind.FIRST_STATEMENT
        ]
        assert {d.stakeholder for d in firsts} == {
            "customers",
            "employees",
            "media",
            "regulators",
            "investors",
            "partners",
        }
        assert {d.due_at for d in firsts} == {paris(2026, 11, 24, 9, 40)}
        assert all(d.counts_from == paris(2026, 11, 24, 8, 40) for d in firsts)

    @pytest.mark.parametrize(
        ("severity", "stakeholders", "within"),
        [
            ("low", {"employees"}, timedelta(hours=24)),
            ("moderate", {"employees", "customers", "regulators"}, timedelta(hours=4)),
            (
                "critical",
                {"employees", "customers", "regulators", "media", "investors", "partners"},
                timedelta(minutes=30),
            ),
        ],
    )
    def test_min_severity_decides_who_is_concerned(
        self, severity: str, stakeholders: set[str], within: timedelta
    ) -> None:
        """A stakeholder is concerned from its min_severity up; the target is the severity's."""
        firsts = [
            d
            for d in schedule(demo_plan(), situation(severity=severity))
            if d.kind is DeadlineKind.FIRST_STATEMENT
        ]
        assert {d.stakeholder for d in firsts} == stakeholders
        assert {d.period for d in firsts} == {within}

    def test_the_situation_can_restrict_the_stakeholders(self) -> None:
        """situation.stakeholders restricts first statements, never legal obligations."""
        result = schedule(demo_plan(), situation(stakeholders=("media",)))
        firsts = [d.stakeholder for d in result if d.kind is DeadlineKind.FIRST_STATEMENT]
        assert firsts == ["media"]
        assert "obligation/gdpr-art33" in {d.id for d in result}

    def test_deadline_says_why_and_where(self) -> None:
        """A deadline names its reason and the stakeholder's channels."""
        first = schedule(demo_plan(), demo_situation()).deadline("first-statement/customers")
        assert (
            first.reason == "severity 'high' (Grave): first statement within 1 hour of detection"
        )
        assert first.channels[0] == "status-page"
        assert first.obligation is None


class TestObligations:
    def test_demo_breach_has_gdpr_nis2_and_the_contract(self) -> None:
        """A high data breach triggers GDPR Art. 33, the three NIS2 stages and the contract."""
        result = schedule(demo_plan(), demo_situation())
        dues = {d.obligation: d.due_at for d in result if d.kind is DeadlineKind.OBLIGATION}
        assert dues == {
            "nis2-early-warning": paris(2026, 11, 25, 8, 40),
            "partner-contract": paris(2026, 11, 26, 8, 40),  # Tue -> Thu, 2 business days
            "gdpr-art33": paris(2026, 11, 27, 8, 40),
            "nis2-notification": paris(2026, 11, 27, 8, 40),
            "nis2-final-report": paris(2026, 12, 27, 8, 40),
        }
        gdpr = result.deadline("obligation/gdpr-art33")
        assert gdpr.reference == "RGPD / GDPR Art. 33"
        assert gdpr.reason == (
            "obligation 'gdpr-art33' (RGPD / GDPR Art. 33): within 72 hours of detection"
        )

    def test_crisis_type_scope(self) -> None:
        """A product recall has only the contract clause; GDPR and NIS2 do not apply."""
        result = schedule(demo_plan(), situation(crisis_type="product-recall"))
        assert [d.obligation for d in result if d.obligation] == ["partner-contract"]

    def test_min_severity_scope(self) -> None:
        """At moderate severity NIS2 (min high) does not apply; GDPR (no minimum) does."""
        result = schedule(demo_plan(), situation(severity="moderate"))
        assert sorted(d.obligation for d in result if d.obligation) == [
            "gdpr-art33",
            "partner-contract",
        ]

    def test_72_hours_across_the_october_change_is_elapsed_time(self) -> None:
        """72 h from Friday 12:00 CEST is Monday 11:00 CET: 72 real hours, to the minute."""
        detected = paris(2026, 10, 23, 12, 0)
        gdpr = due(demo_plan(), situation(detected_at=detected), "obligation/gdpr-art33")
        assert gdpr == paris(2026, 10, 26, 11, 0)
        assert gdpr.utcoffset() == timedelta(hours=1)
        assert gdpr.astimezone(UTC) - detected.astimezone(UTC) == timedelta(hours=72)

    def test_first_statement_across_the_change_night(self) -> None:
        """Detected at 02:10 CEST on the change night, 1 hour later is 02:10 CET."""
        detected = datetime(2026, 10, 25, 0, 10, tzinfo=UTC).astimezone(PARIS)
        first = due(demo_plan(), situation(detected_at=detected), "first-statement/media")
        assert first.astimezone(UTC) == datetime(2026, 10, 25, 1, 10, tzinfo=UTC)
        assert (first.hour, first.minute, first.fold) == (2, 10, 1)

    def test_business_days_across_the_october_change_keep_the_wall_clock(self) -> None:
        """2 business days from Friday 12:00 CEST is Tuesday 12:00 CET (calendar arithmetic)."""
        detected = paris(2026, 10, 23, 12, 0)
        contract = due(demo_plan(), situation(detected_at=detected), "obligation/partner-contract")
        assert contract == paris(2026, 10, 27, 12, 0)

    def test_business_days_skip_weekends_and_the_plans_holidays(self) -> None:
        """From Thursday 24 December, Christmas (a holiday) and the weekend are skipped."""
        detected = paris(2026, 12, 24, 10, 0)
        contract = due(demo_plan(), situation(detected_at=detected), "obligation/partner-contract")
        assert contract == paris(2026, 12, 29, 10, 0)

    def test_business_days_count_in_the_plans_zone(self) -> None:
        """Saturday 00:30 in Paris is still Friday in UTC: the plan's zone decides the day."""
        detected = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)  # Sat 28 Nov 00:30 in Paris
        contract = due(demo_plan(), situation(detected_at=detected), "obligation/partner-contract")
        assert contract == paris(2026, 12, 1, 0, 30)  # Mon (1), Tue (2)

    def test_months_are_calendar_months_clamped_to_the_month_end(self) -> None:
        """One month after 31 January is 28 February, at the same wall time."""
        plan = plan_with(obligations=[obligation(within_months=1)])
        detected = paris(2027, 1, 31, 15, 0)
        assert due(plan, situation(detected_at=detected), "obligation/o") == paris(
            2027, 2, 28, 15, 0
        )

    def test_months_across_the_change_keep_the_wall_clock(self) -> None:
        """One month after 12:00 CEST on 10 October is 12:00 CET on 10 November."""
        plan = plan_with(obligations=[obligation(within_months=1)])
        result = due(plan, situation(detected_at=paris(2026, 10, 10, 12, 0)), "obligation/o")
        assert result == paris(2026, 11, 10, 12, 0)
        assert result.utcoffset() == timedelta(hours=1)

    def test_a_wall_time_skipped_in_spring_takes_the_earlier_instant(self) -> None:
        """02:30 does not exist on 28 March 2027 in Paris: the deadline is 01:30 CET."""
        plan = plan_with(obligations=[obligation(within_months=1)])
        result = due(plan, situation(detected_at=paris(2027, 2, 28, 2, 30)), "obligation/o")
        assert result.astimezone(UTC) == datetime(2027, 3, 28, 0, 30, tzinfo=UTC)

    def test_a_wall_time_doubled_in_autumn_takes_the_first_one(self) -> None:
        """02:30 happens twice on 25 October 2026 in Paris: the first (CEST) one counts."""
        plan = plan_with(obligations=[obligation(within_months=1)])
        result = due(plan, situation(detected_at=paris(2026, 9, 25, 2, 30)), "obligation/o")
        assert result.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)

    def test_after_counts_from_the_other_deadline(self) -> None:
        """NIS2's final report is due one month after the notification's deadline."""
        result = schedule(demo_plan(), demo_situation())
        final = result.deadline("obligation/nis2-final-report")
        assert final.counts_from == result.deadline("obligation/nis2-notification").due_at
        assert "after obligation 'nis2-notification' (its deadline)" in final.reason

    def test_an_early_submission_brings_the_next_stage_forward(self) -> None:
        """The final report counts from the notification when it was sent before its deadline."""
        notified = paris(2026, 11, 25, 16, 0)
        messages = [sent("regulators", notified, obligations=["nis2-notification"])]
        final = schedule(demo_plan(), demo_situation(), sent=messages).deadline(
            "obligation/nis2-final-report"
        )
        assert final.due_at == paris(2026, 12, 25, 16, 0)
        assert "brought forward to its early submission" in final.reason

    def test_a_late_submission_never_pushes_the_next_stage_back(self) -> None:
        """A notification sent after its deadline leaves the final report where it was."""
        messages = [
            sent("regulators", paris(2026, 11, 30, 9, 0), obligations=["nis2-notification"])
        ]
        final = schedule(demo_plan(), demo_situation(), sent=messages).deadline(
            "obligation/nis2-final-report"
        )
        assert final.due_at == paris(2026, 12, 27, 8, 40)

    def test_after_chains_of_business_days(self) -> None:
        """An obligation after another chains their periods (3 business days, then 2)."""
        plan = plan_with(
            obligations=[
                obligation(id="a", within_business_days=3),
                obligation(id="b", within_business_days=2, after="a"),
            ]
        )
        result = schedule(plan, situation(detected_at=paris(2026, 11, 26, 9, 0)))  # Thursday
        assert result.deadline("obligation/a").due_at == paris(2026, 12, 1, 9, 0)
        assert result.deadline("obligation/b").due_at == paris(2026, 12, 3, 9, 0)

    def test_deadlines_beyond_year_9999_are_an_input_error(self) -> None:
        """A deadline out of the datetime range is refused with a clear error."""
        with pytest.raises(InputError, match="out of the datetime range"):
            schedule(demo_plan(), situation(detected_at=datetime(9999, 12, 31, tzinfo=UTC)))


class TestCalendarArithmetic:
    @given(
        start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
        days=st.integers(1, 400),
        holidays=st.sets(
            st.dates(min_value=date(2000, 1, 1), max_value=date(2102, 1, 1)), max_size=40
        ),
    )
    @settings(max_examples=200)
    def test_business_days_match_counting_day_by_day(
        self, start: date, days: int, holidays: set[date]
    ) -> None:
        """The week-jumping count gives the same day as counting one day at a time."""
        current, remaining = start, days
        while remaining:
            current += timedelta(days=1)
            if current.weekday() < 5 and current not in holidays:
                remaining -= 1
        assert add_business_days(start, days, frozenset(holidays)) == current

    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            (date(2026, 1, 31), 1, date(2026, 2, 28)),
            (date(2028, 1, 31), 1, date(2028, 2, 29)),
            (date(2026, 11, 30), 3, date(2027, 2, 28)),
            (date(2026, 12, 15), 1, date(2027, 1, 15)),
            (date(2026, 5, 31), 12, date(2027, 5, 31)),
        ],
    )
    def test_months_clamp_to_the_end_of_the_month(
        self, start: date, months: int, expected: date
    ) -> None:
        """Adding months keeps the day, or the month's last day when it is shorter."""
        assert add_months(start, months) == expected

    def test_months_beyond_9999_overflow(self) -> None:
        """Months past year 9999 raise OverflowError (turned into InputError by schedule)."""
        with pytest.raises(OverflowError):
            add_months(date(9999, 12, 1), 1)


class TestUpdates:
    def test_an_update_is_due_after_each_message_at_the_current_cadence(self) -> None:
        """At high severity, the next update is due two hours after each message."""
        first = paris(2026, 11, 24, 9, 20)
        messages = [sent("customers", first), sent("customers", first + timedelta(hours=1))]
        updates = [
            d
            for d in schedule(demo_plan(), demo_situation(), sent=messages)
            if d.kind is DeadlineKind.UPDATE
        ]
        assert [(d.id, d.due_at) for d in updates] == [
            ("update/customers/1", paris(2026, 11, 24, 11, 20)),
            ("update/customers/2", paris(2026, 11, 24, 12, 20)),
        ]
        assert updates[0].follows == messages[0].label

    def test_no_update_after_a_resolved_message(self) -> None:
        """A message of the resolved or post-crisis phase ends the cadence."""
        messages = [
            sent("customers", paris(2026, 11, 24, 9, 20)),
            sent("customers", paris(2026, 11, 24, 15, 0), phase="resolved"),
            sent("media", paris(2026, 11, 25, 9, 0), phase="post_crisis"),
        ]
        updates = [
            d.id
            for d in schedule(demo_plan(), demo_situation(), sent=messages)
            if d.kind is DeadlineKind.UPDATE
        ]
        assert updates == ["update/customers/1"]

    def test_the_phase_comes_from_the_template_when_not_given(self) -> None:
        """A message rendered from a resolved template sets no update."""
        message = SentMessage(
            stakeholder="customers",
            channel="x-fr",
            sent_at=paris(2026, 11, 24, 15, 0),
            template_id="breach-resolved-fr",
        )
        result = schedule(demo_plan(), demo_situation(), sent=[message])
        assert not [d for d in result if d.kind is DeadlineKind.UPDATE]

    def test_update_across_the_october_change_is_elapsed_time(self) -> None:
        """Two hours after 01:30 CEST on the change night is 02:30 CET, not 03:30."""
        at = paris(2026, 10, 25, 1, 30)
        update = schedule(demo_plan(), situation(detected_at=at), sent=[sent("media", at)])
        result = update.deadline("update/media/1").due_at
        assert result.astimezone(UTC) - at.astimezone(UTC) == timedelta(hours=2)
        assert (result.hour, result.minute, result.utcoffset()) == (2, 30, timedelta(hours=1))

    def test_messages_in_any_order_and_zone(self) -> None:
        """Messages are ordered by instant whatever their order and zones."""
        late = sent("partners", datetime(2026, 11, 24, 10, 0, tzinfo=LONDON))  # 11:00 Paris
        early = sent("partners", paris(2026, 11, 24, 10, 30))
        updates = schedule(demo_plan(), demo_situation(), sent=[late, early]).for_stakeholder(
            "partners"
        )
        assert [d.follows for d in updates if d.kind is DeadlineKind.UPDATE] == [
            early.label,
            late.label,
        ]


class TestSchedule:
    def test_deadlines_are_sorted_by_due_time(self) -> None:
        """The schedule lists the earliest deadline first."""
        result = schedule(demo_plan(), demo_situation())
        dues = [d.due_at for d in result]
        assert dues == sorted(dues)
        assert len(result) == 11

    def test_all_times_are_in_the_plans_zone(self) -> None:
        """Due times are shown in the plan's time zone, whatever the input zones."""
        result = schedule(
            demo_plan(), situation(detected_at=datetime(2026, 11, 24, 7, 40, tzinfo=UTC))
        )
        assert {d.due_at.tzinfo for d in result} == {PARIS}
        assert result.timezone == "Europe/Paris"

    def test_unknown_deadline_id(self) -> None:
        """Asking for a deadline the schedule does not have names the known ones."""
        with pytest.raises(InputError, match="known: 'first-statement/customers'"):
            schedule(demo_plan(), demo_situation()).deadline("nope")

    def test_value_laws(self) -> None:
        """Schedules are frozen, equal by value, hashable and picklable."""
        a = schedule(demo_plan(), demo_situation())
        b = schedule(demo_plan(), demo_situation())
        assert a == b
        assert hash(a) == hash(b)
        assert pickle.loads(pickle.dumps(a)) == a
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            a.deadlines[0].label = "x"  # type: ignore[misc]
        assert repr(a.deadlines[0]).startswith("Deadline(id='first-statement/customers'")


class TestBadInput:
    def test_naive_now_is_refused(self) -> None:
        """evaluate_timeliness refuses a naive now."""
        with pytest.raises(NaiveDatetimeError, match="now: expected an aware datetime"):
            evaluate_timeliness(demo_plan(), demo_situation(), (), now=datetime(2026, 11, 24))

    def test_naive_sent_at_is_refused_by_the_model(self) -> None:
        """A SentMessage with a naive time does not validate, with the same wording."""
        with pytest.raises(ModelError, match="expected an aware datetime"):
            SentMessage(
                stakeholder="media",
                channel="press",
                phase="update",
                sent_at=datetime(2026, 11, 24, 9),
            )

    def test_naive_time_that_bypassed_validation_is_refused(self) -> None:
        """A message built without validation and a naive time is still refused."""
        message = SentMessage.model_construct(
            stakeholder="media",
            channel="press",
            phase=Phase.UPDATE,
            sent_at=datetime(2026, 11, 24, 9),
            obligations=(),
            template_id=None,
        )
        with pytest.raises(NaiveDatetimeError, match=r"sent\[0\].sent_at"):
            schedule(demo_plan(), demo_situation(), sent=[message])

    def test_a_message_needs_a_phase_or_a_template(self) -> None:
        """Without phase or template, the message cannot say whether it ends the cadence."""
        with pytest.raises(ModelError, match="expected 'phase' or 'template_id'"):
            SentMessage(stakeholder="media", channel="press", sent_at=paris(2026, 11, 24, 9))

    def test_every_unknown_reference_is_named(self) -> None:
        """Unknown stakeholders, channels, templates and obligations are all reported at once."""
        message = SentMessage(
            stakeholder="press",
            channel="telex",
            sent_at=paris(2026, 11, 24, 9),
            template_id="nope",
            obligations=["gdpr"],
            phase="update",
        )
        with pytest.raises(InputError) as error:
            schedule(demo_plan(), demo_situation(), sent=[message])
        text = str(error.value)
        for part in (
            "unknown stakeholder 'press'",
            "'telex' is neither",
            "unknown template 'nope'",
            "unknown obligation 'gdpr'",
        ):
            assert part in text

    def test_a_platform_name_is_a_valid_channel(self) -> None:
        """A message may name a platform instead of a channel id."""
        message = sent("media", paris(2026, 11, 24, 9), channel="mastodon")
        assert len(schedule(demo_plan(), demo_situation(), sent=[message])) == 12

    @pytest.mark.parametrize(
        ("arguments", "keywords", "match"),
        [
            (("plan", demo_situation()), {}, "plan: expected a crisiscomms.Plan"),
            ((demo_plan(), "situation"), {}, "situation: expected a crisiscomms.Situation"),
            ((demo_plan(), demo_situation()), {"sent": 3}, "sent: expected an iterable"),
            ((demo_plan(), demo_situation()), {"sent": "abc"}, "sent: expected an iterable"),
            ((demo_plan(), demo_situation()), {"sent": [3]}, r"sent\[0\]: expected"),
            ((demo_plan(), situation(crisis_type="flood")), {}, "crisis_type 'flood'"),
        ],
    )
    def test_wrong_arguments(
        self, arguments: tuple[Any, ...], keywords: dict[str, Any], match: str
    ) -> None:
        """Arguments of the wrong type or ids the plan lacks raise InputError."""
        with pytest.raises(InputError, match=match):
            schedule(*arguments, **keywords)

    def test_now_must_be_a_datetime(self) -> None:
        """A now that is not a datetime at all is an InputError."""
        with pytest.raises(InputError, match="now: expected an aware datetime"):
            evaluate_timeliness(demo_plan(), demo_situation(), (), now="2026-11-24")  # type: ignore[arg-type]

    def test_a_cycle_of_after_that_bypassed_validation_is_refused(self) -> None:
        """Obligations that count from each other cannot be scheduled: InputError."""
        a, b = (
            Obligation(id=i, label=i, stakeholder="regulators", within=timedelta(hours=1), after=j)
            for i, j in (("a", "b"), ("b", "a"))
        )
        fields = {name: getattr(demo_plan(), name) for name in Plan.model_fields}
        broken = Plan.model_construct(**{**fields, "obligations": (a, b)})
        with pytest.raises(InputError, match="without a cycle through 'after'"):
            schedule(broken, demo_situation())

    @pytest.mark.parametrize("window", [timedelta(minutes=-1), 15])
    def test_bad_at_risk_window(self, window: object) -> None:
        """at_risk_within must be a duration of zero or more."""
        with pytest.raises(InputError, match="at_risk_within"):
            evaluate_timeliness(
                demo_plan(),
                demo_situation(),
                (),
                now=paris(2026, 11, 24, 9),
                at_risk_within=window,  # type: ignore[arg-type]
            )


class TestTimeliness:
    NOW = paris(2026, 11, 24, 11, 0)

    def messages(self) -> list[SentMessage]:
        return [
            sent("customers", paris(2026, 11, 24, 9, 25), id="cust-1"),
            sent("media", paris(2026, 11, 24, 9, 55), id="press-1"),  # 15 min late
            sent("employees", paris(2026, 11, 24, 9, 0), id="staff-1"),
            sent(
                "regulators",
                paris(2026, 11, 24, 9, 30),
                id="cnil-1",
                obligations=["gdpr-art33", "nis2-early-warning"],
            ),
        ]

    def test_statuses_margins_and_lateness(self) -> None:
        """Each deadline is met with a margin, missed with a lateness, or open."""
        report = evaluate_timeliness(demo_plan(), demo_situation(), self.messages(), now=self.NOW)
        customers = report.state("first-statement/customers")
        assert (customers.status, customers.met_by, customers.margin) == (
            DeadlineStatus.MET,
            "cust-1",
            timedelta(minutes=15),
        )
        media = report.state("first-statement/media")
        assert (media.status, media.met_by, media.lateness) == (
            DeadlineStatus.MISSED,
            "press-1",
            timedelta(minutes=15),
        )
        investors = report.state("first-statement/investors")
        assert (investors.status, investors.met_by, investors.lateness) == (
            DeadlineStatus.MISSED,
            None,
            timedelta(minutes=80),
        )
        assert report.state("obligation/gdpr-art33").status is DeadlineStatus.MET
        assert report.state("obligation/nis2-early-warning").status is DeadlineStatus.MET
        notification = report.state("obligation/nis2-notification")
        assert (notification.status, notification.margin) == (
            DeadlineStatus.PENDING,
            timedelta(days=2, hours=21, minutes=40),
        )
        update = report.state("update/customers/1")  # due 11:25
        assert (update.status, update.margin) == (DeadlineStatus.AT_RISK, timedelta(minutes=25))

    def test_findings(self) -> None:
        """Missed with nothing sent is an error; late and at-risk are warnings."""
        report = evaluate_timeliness(demo_plan(), demo_situation(), self.messages(), now=self.NOW)
        by_subject = {f.subject: f for f in report.findings}
        assert by_subject["first-statement/investors"].code == "TIM001"
        assert by_subject["first-statement/investors"].is_error
        assert "80 min overdue" not in by_subject["first-statement/investors"].message
        assert "1 h 20 min overdue; send it now" in by_subject["first-statement/investors"].message
        assert by_subject["first-statement/media"].code == "TIM002"
        assert "press-1 came 15 min late" in by_subject["first-statement/media"].message
        assert by_subject["update/customers/1"].code == "TIM003"
        assert [f.level.rank for f in report.findings] == sorted(
            (f.level.rank for f in report.findings), reverse=True
        )
        assert "first-statement/customers" not in by_subject

    def test_summary_views(self) -> None:
        """The report groups states by status and names what to send now."""
        report = evaluate_timeliness(demo_plan(), demo_situation(), self.messages(), now=self.NOW)
        assert {s.deadline.id for s in report.overdue} == {
            "first-statement/investors",
            "first-statement/partners",
        }
        assert len(report.met) + len(report.missed) + len(report.at_risk) + len(
            report.pending
        ) == len(report.states)
        assert not report.is_on_time
        assert report.next_due is not None
        assert report.next_due.deadline.id == "update/employees/1"  # due 11:00, now
        assert report.next_due.status is DeadlineStatus.AT_RISK

    def test_an_obligation_is_met_only_by_a_message_that_names_it(self) -> None:
        """A message to the regulator that names no obligation meets no obligation."""
        messages = [sent("regulators", paris(2026, 11, 24, 9, 30))]
        report = evaluate_timeliness(
            demo_plan(), demo_situation(), messages, now=paris(2026, 11, 28, 9, 0)
        )
        assert report.state("first-statement/regulators").status is DeadlineStatus.MET
        assert report.state("obligation/gdpr-art33").status is DeadlineStatus.MISSED

    def test_an_update_is_met_by_the_next_message_to_the_stakeholder(self) -> None:
        """The next message to the same stakeholder meets the update; others do not."""
        messages = [
            sent("customers", paris(2026, 11, 24, 9, 0)),
            sent("media", paris(2026, 11, 24, 10, 0)),
            sent("customers", paris(2026, 11, 24, 10, 30), id="cust-2"),
        ]
        report = evaluate_timeliness(
            demo_plan(), demo_situation(), messages, now=paris(2026, 11, 24, 12, 0)
        )
        update = report.state("update/customers/1")
        assert (update.status, update.met_by, update.margin) == (
            DeadlineStatus.MET,
            "cust-2",
            timedelta(minutes=30),
        )

    def test_messages_after_now_are_ignored_and_reported(self) -> None:
        """A message dated after now meets nothing and gets a TIM004 note."""
        messages = [sent("customers", paris(2026, 11, 24, 9, 30), id="future")]
        report = evaluate_timeliness(
            demo_plan(), demo_situation(), messages, now=paris(2026, 11, 24, 9, 0)
        )
        assert report.ignored_messages == ("future",)
        assert report.state("first-statement/customers").status is DeadlineStatus.PENDING
        assert [f.code for f in report.findings if f.subject == "future"] == ["TIM004"]

    def test_messages_before_detection_are_reported(self) -> None:
        """A message sent before detection counts for no first statement (TIM005)."""
        messages = [sent("customers", paris(2026, 11, 24, 8, 0), id="early")]
        report = evaluate_timeliness(
            demo_plan(), demo_situation(), messages, now=paris(2026, 11, 24, 9, 45)
        )
        assert report.state("first-statement/customers").status is DeadlineStatus.MISSED
        assert [f.code for f in report.findings if f.subject == "early"] == ["TIM005"]

    @pytest.mark.parametrize(
        ("window", "status"),
        [
            (None, DeadlineStatus.PENDING),
            (timedelta(minutes=30), DeadlineStatus.AT_RISK),
            (timedelta(0), DeadlineStatus.PENDING),
        ],
    )
    def test_at_risk_window(self, window: timedelta | None, status: DeadlineStatus) -> None:
        """By default the last quarter of the period is at risk; a caller may choose."""
        report = evaluate_timeliness(
            demo_plan(),
            demo_situation(),
            (),
            now=paris(2026, 11, 24, 9, 20),
            at_risk_within=window,
        )
        assert report.state("first-statement/media").status is status

    def test_due_exactly_now_is_at_risk_not_missed(self) -> None:
        """At the due instant itself nothing is missed yet."""
        report = evaluate_timeliness(
            demo_plan(), demo_situation(), (), now=paris(2026, 11, 24, 9, 40)
        )
        assert report.state("first-statement/media").status is DeadlineStatus.AT_RISK

    def test_unknown_state(self) -> None:
        """Asking for a deadline the report does not have is an InputError."""
        report = evaluate_timeliness(demo_plan(), demo_situation(), (), now=self.NOW)
        with pytest.raises(InputError, match="deadline_id"):
            report.state("update/customers/9")

    def test_value_laws(self) -> None:
        """Reports are frozen, equal by value, hashable and picklable."""
        a = evaluate_timeliness(demo_plan(), demo_situation(), self.messages(), now=self.NOW)
        b = evaluate_timeliness(demo_plan(), demo_situation(), self.messages(), now=self.NOW)
        assert a == b
        assert hash(a) == hash(b)
        assert pickle.loads(pickle.dumps(a)) == a


class TestSentMessage:
    def test_json_round_trip_and_schema(self) -> None:
        """A sent message travels as JSON and has a JSON Schema."""
        message = sent("regulators", paris(2026, 11, 24, 9), obligations=["gdpr-art33"])
        assert SentMessage.model_validate_json(message.model_dump_json()) == message
        assert "sent_at" in SentMessage.model_json_schema()["properties"]

    def test_label(self) -> None:
        """A message without id is labelled by stakeholder, channel and time."""
        assert sent("media", paris(2026, 11, 24, 9), id="p1").label == "p1"
        assert sent("media", paris(2026, 11, 24, 9)).label == (
            "media/press/2026-11-24T09:00:00+01:00"
        )


# -- property tests ------------------------------------------------------------------

PLAN = demo_plan()
STAKEHOLDERS = [s.id for s in PLAN.stakeholders]


@st.composite
def situations(draw: st.DrawFn, *, near: bool = False) -> Situation:
    return Situation(
        crisis_type=draw(st.sampled_from([c.id for c in PLAN.crisis_types])),
        severity=draw(st.sampled_from([s.id for s in PLAN.severities])),
        phase=draw(st.sampled_from(["initial", "update", "resolved", "post_crisis"])),
        detected_at=draw(NEAR_INSTANTS if near else st.one_of(NEAR_INSTANTS, INSTANTS)),
        stakeholders=draw(
            st.none() | st.lists(st.sampled_from(STAKEHOLDERS), max_size=3).map(tuple)
        ),
    )


#: Messages that refer to what the plan has: the whole computation runs.
VALID_SENT = st.builds(
    SentMessage,
    stakeholder=st.sampled_from(STAKEHOLDERS),
    channel=st.sampled_from(["email", "press", "x", "sms", "x-fr", "mastodon"]),
    sent_at=st.one_of(NEAR_INSTANTS, INSTANTS),
    phase=st.none() | st.sampled_from(["initial", "update", "resolved", "post_crisis"]),
    template_id=st.sampled_from([t.id for t in PLAN.templates]),
    obligations=st.lists(st.sampled_from([o.id for o in PLAN.obligations]), max_size=2).map(tuple),
    id=st.text(max_size=5),
)

#: Messages that may also name what the plan lacks.
SENT = st.builds(
    SentMessage,
    stakeholder=st.sampled_from(STAKEHOLDERS) | SLUGS,
    channel=st.sampled_from(["email", "press", "x", "sms", "x-fr"]) | SLUGS,
    sent_at=st.one_of(NEAR_INSTANTS, INSTANTS),
    phase=st.sampled_from(["initial", "update", "resolved", "post_crisis"]),
    obligations=st.lists(st.sampled_from([o.id for o in PLAN.obligations]), max_size=2).map(tuple),
    id=st.text(max_size=5),
)


@st.composite
def obligation_lists(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 4))
    result = []
    for n in range(count):
        period = draw(st.sampled_from(["within", "within_business_days", "within_months"]))
        value: object = {
            "within": draw(
                st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=4000))
            ),
            "within_business_days": draw(st.integers(1, 5000)),
            "within_months": draw(st.integers(1, 400)),
        }[period]
        result.append(
            obligation(
                id=f"o{n}",
                stakeholder=draw(st.sampled_from(STAKEHOLDERS)),
                after=draw(st.sampled_from([None, *(f"o{i}" for i in range(n))])),
                min_severity=draw(st.none() | st.sampled_from([s.id for s in PLAN.severities])),
                **{period: value},
            )
        )
    return result


class TestProperties:
    @given(situation_=situations(), messages=st.lists(SENT, max_size=6), now=INSTANTS)
    @settings(max_examples=100)
    def test_any_valid_input_works_or_raises_a_crisiscomms_error(
        self, situation_: Situation, messages: list[SentMessage], now: datetime
    ) -> None:
        """schedule and evaluate_timeliness raise nothing but CrisisCommsError."""
        try:
            result = schedule(PLAN, situation_, sent=messages)
            report = evaluate_timeliness(PLAN, situation_, messages, now=now)
        except CrisisCommsError:
            return
        assert all(isinstance(d, Deadline) for d in result)
        assert len(report.states) <= len(result)

    @given(
        situation_=situations(near=True),
        messages=st.lists(VALID_SENT, max_size=8),
        now=NEAR_INSTANTS,
    )
    @settings(max_examples=150)
    def test_consistent_input_is_always_evaluated(
        self, situation_: Situation, messages: list[SentMessage], now: datetime
    ) -> None:
        """With ids the plan has and times near the crisis, every deadline gets a state."""
        messages = [m for m in messages if abs(m.sent_at - now) < timedelta(days=3000)]
        result = schedule(PLAN, situation_, sent=messages)
        report = evaluate_timeliness(PLAN, situation_, messages, now=now)
        counted = [m for m in messages if m.sent_at <= now]
        assert len(report.states) == len(schedule(PLAN, situation_, sent=counted))
        assert len(report.ignored_messages) == len(messages) - len(counted)
        assert len(result) >= len(report.states)
        for state in report.states:
            assert (state.margin is None) != (state.lateness is None)
            assert state.status.is_open == (state.met_by is None and state.lateness is None)

    @given(obligations=obligation_lists(), situation_=situations())
    @settings(max_examples=100)
    def test_any_obligations_work_or_raise_a_crisiscomms_error(
        self, obligations: list[dict[str, Any]], situation_: Situation
    ) -> None:
        """Arbitrary obligation periods and chains never crash the schedule."""
        plan = plan_with(obligations=obligations)
        try:
            result = schedule(plan, situation_)
        except CrisisCommsError:
            return
        for deadline in result:
            assert deadline.due_at > deadline.counts_from

    @given(situation_=situations(), messages=st.lists(SENT, max_size=6))
    @settings(max_examples=100)
    def test_deadlines_never_come_before_what_they_count_from(
        self, situation_: Situation, messages: list[SentMessage]
    ) -> None:
        """Every deadline is due after the instant it counts from."""
        try:
            result = schedule(PLAN, situation_, sent=messages)
        except CrisisCommsError:
            return
        assert all(d.due_at > d.counts_from for d in result)


def test_example_runs() -> None:
    """examples/timeline.py prints the demo schedule with met, due and late deadlines."""
    namespace = runpy.run_path(str(ROOT / "examples" / "timeline.py"), run_name="example")
    report = namespace["main"]()
    statuses = {s.status for s in report.states}
    assert {DeadlineStatus.MET, DeadlineStatus.MISSED, DeadlineStatus.AT_RISK} <= statuses


class TestRegionalCalendars:
    """Business days follow a calendar of the `holidays` package, checked against its own data."""

    def _plan(self, **changes: object) -> Plan:
        document = json.loads(demo_plan().to_json())
        document.update(changes)
        return load_plan(document)

    def test_the_basque_easter_monday_is_skipped(self) -> None:
        """Two business days from Thursday 2 April 2026: ES-PV skips Easter Monday, ES-MD not."""
        import holidays

        basque = holidays.country_holidays("ES", subdiv="PV", years=2026)
        madrid = holidays.country_holidays("ES", subdiv="MD", years=2026)
        assert date(2026, 4, 6) in basque
        assert date(2026, 4, 6) not in madrid
        detected = datetime(2026, 4, 2, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
        situation = demo_situation().model_copy(update={"detected_at": detected})
        dues = {}
        for calendar in ("ES-PV", "ES-MD"):
            plan = self._plan(calendar=calendar, holidays=[])
            (deadline,) = [
                d
                for d in schedule(plan, situation).deadlines
                if d.obligation == "partner-contract"
            ]
            dues[calendar] = deadline.due_at.date()
        # Both skip Good Friday (3 April) and the weekend; only the Basque Country also
        # skips Easter Monday (6 April): Tue 7 and Wed 8 there, Mon 6 and Tue 7 in Madrid.
        assert dues == {"ES-PV": date(2026, 4, 8), "ES-MD": date(2026, 4, 7)}

    def test_an_obligation_may_follow_its_own_calendar(self) -> None:
        """An obligation's calendar overrides the plan's."""
        document = json.loads(demo_plan().to_json())
        document["calendar"] = "ES-MD"
        for obligation in document["obligations"]:
            if obligation["id"] == "partner-contract":
                obligation["calendar"] = "ES-PV"
        detected = datetime(2026, 4, 2, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
        situation = demo_situation().model_copy(update={"detected_at": detected})
        (deadline,) = [
            d
            for d in schedule(load_plan(document), situation).deadlines
            if d.obligation == "partner-contract"
        ]
        assert deadline.due_at.date() == date(2026, 4, 8)

    @pytest.mark.parametrize(
        ("calendar", "says"),
        [("XX", "nearest"), ("ES-ZZ", "subdivision of ES"), ("fr", "nearest: 'FR'")],
    )
    def test_an_unknown_calendar_is_a_plan_problem(self, calendar: str, says: str) -> None:
        """An unknown country or subdivision names the nearest codes."""
        with pytest.raises(PlanError) as err:
            self._plan(calendar=calendar)
        (problem,) = err.value.problems
        assert problem.path == "calendar"
        assert says in problem.message


def _slow_evaluation(
    plan: Plan,
    situation_: Situation,
    messages: list[SentMessage],
    now: datetime,
    at_risk_within: timedelta | None,
) -> TimelinessReport:
    """The former evaluation: `is_before` and `elapsed` on datetimes at each comparison."""
    ordered = [
        m for _, m in sorted(enumerate(messages), key=lambda p: (instant(p[1].sent_at), p[0]))
    ]
    past = [m for m in ordered if not is_before(now, m.sent_at)]
    later = [m for m in ordered if is_before(now, m.sent_at)]
    detected = situation_.detected_at
    meeting: dict[str, SentMessage] = {}
    counts: dict[str, int] = {}
    for message in past:
        n = counts[message.stakeholder] = counts.get(message.stakeholder, 0) + 1
        if n > 1:
            meeting[f"update/{message.stakeholder}/{n - 1}"] = message
        if is_before(message.sent_at, detected):
            continue
        meeting.setdefault(f"first-statement/{message.stakeholder}", message)
        for obligation_id in message.obligations:
            meeting.setdefault(f"obligation/{obligation_id}", message)
    states = []
    for deadline in schedule(plan, situation_, sent=past):
        met = meeting.get(deadline.id)
        if met is not None and not is_before(deadline.due_at, met.sent_at):
            state = DeadlineState(
                deadline,
                DeadlineStatus.MET,
                met_by=met.label,
                sent_at=met.sent_at,
                margin=elapsed(met.sent_at, deadline.due_at),
            )
        elif met is not None:
            state = DeadlineState(
                deadline,
                DeadlineStatus.MISSED,
                met_by=met.label,
                sent_at=met.sent_at,
                lateness=elapsed(deadline.due_at, met.sent_at),
            )
        elif is_before(deadline.due_at, now):
            state = DeadlineState(
                deadline, DeadlineStatus.MISSED, lateness=elapsed(deadline.due_at, now)
            )
        else:
            window = at_risk_within if at_risk_within is not None else deadline.period / 4
            left = elapsed(now, deadline.due_at)
            status = DeadlineStatus.AT_RISK if left <= window else DeadlineStatus.PENDING
            state = DeadlineState(deadline, status, margin=left)
        states.append(state)
    zone = ZoneInfo(plan.timezone)
    findings = [f for s in states if (f := _timeliness._finding(s, zone)) is not None]
    early = [m for m in past if is_before(m.sent_at, detected)]
    findings.extend(_timeliness._dating_findings(later, early, now, detected))
    findings.sort(key=lambda f: (-f.level.rank, f.code))
    return TimelinessReport(
        now=now,
        states=tuple(states),
        findings=tuple(findings),
        ignored_messages=tuple(m.label for m in later),
    )


class TestOneConversionPerInstant:
    """`evaluate_timeliness` converts each instant once; the result is the former one."""

    @given(
        situation_=situations(near=True),
        messages=st.lists(VALID_SENT, max_size=8),
        now=NEAR_INSTANTS,
        fold=st.booleans(),
        on_a_deadline=st.none() | st.integers(0, 50),
        at_risk_within=st.none()
        | st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
    )
    @settings(max_examples=150)
    def test_same_report_as_the_slow_path(
        self,
        *,
        situation_: Situation,
        messages: list[SentMessage],
        now: datetime,
        fold: bool,
        on_a_deadline: int | None,
        at_risk_within: timedelta | None,
    ) -> None:
        """Any messages and times (folds, ties, due times, before detection, after now): same."""
        if fold:  # the repeated hour: wall clocks equal, instants an hour apart
            messages = [
                m.model_copy(update={"sent_at": m.sent_at.replace(fold=1)}) for m in messages
            ]
        messages = [
            m for m in messages if abs(instant(m.sent_at) - instant(now)) < timedelta(days=3000)
        ]
        due = [d.due_at for d in schedule(PLAN, situation_, sent=messages)]
        if due and on_a_deadline is not None:  # the boundaries: sent or judged at a due time
            at = due[on_a_deadline % len(due)]
            if on_a_deadline % 2 and messages:
                messages[0] = messages[0].model_copy(update={"sent_at": at})
            else:
                now = at
        report = evaluate_timeliness(
            PLAN, situation_, messages, now=now, at_risk_within=at_risk_within
        )
        assert report == _slow_evaluation(PLAN, situation_, messages, now, at_risk_within)

    def test_the_demo_record_in_the_fold(self) -> None:
        """The demo's messages moved into the autumn fold of Paris give the former report."""
        record = demo_record()
        paris = ZoneInfo("Europe/Paris")
        start = datetime(2026, 10, 25, 2, 0, tzinfo=paris)
        situation_ = record.situation.model_copy(update={"detected_at": start})
        sent = [
            m.model_copy(
                update={"sent_at": (start + timedelta(minutes=7 * n)).replace(fold=n % 2)}
            )
            for n, m in enumerate(record.sent)
        ]
        now = datetime(2026, 10, 25, 2, 45, fold=1, tzinfo=paris)
        report = evaluate_timeliness(PLAN, situation_, sent, now=now)
        assert report == _slow_evaluation(PLAN, situation_, sent, now, None)
        assert report.ignored_messages
