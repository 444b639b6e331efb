"""Hostile values reach no builtin error: datetimes at the range's ends, huge
integers, deep nesting, lone surrogates, strings for numbers, frozen models.

Every public entry point either works or raises `CrisisCommsError`; a checker
never raises for its text.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crisiscomms as cc
from crisiscomms.samples import demo_plan, demo_record, demo_situation
from crisiscomms.text._instants import in_zone, instant, same_instant, utc
from tests.strategies import (
    BOUND_DURATIONS,
    BOUND_ZONES,
    HUGE_INTEGERS,
    SURROGATE_TEXT,
    bound_datetimes,
    iso_near_bounds,
    nested,
)

_T = TypeVar("_T")

PLAN = demo_plan()
SITUATION = demo_situation()
_SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def works_or_library_error(call: Callable[[], _T]) -> _T | None:
    """The result of `call`, or None when it raised a CrisisCommsError (anything else fails)."""
    try:
        return call()
    except cc.CrisisCommsError:
        return None


def _message(text: str, zone: str | None = None) -> cc.Message:
    return cc.Message(text, "status-page", "fr_FR", stakeholder="customers", timezone=zone)


def _shifted(moment: datetime, by: timedelta) -> datetime:
    try:
        return moment + by
    except OverflowError:
        return moment


class TestInstants:
    @given(bound_datetimes(), bound_datetimes())
    def test_instant_orders_like_utc_where_utc_exists(self, a: datetime, b: datetime) -> None:
        """`instant` never overflows, and agrees with the UTC conversion wherever there is one."""
        ua, ub = utc(a), utc(b)
        if ua is not None and ub is not None:
            assert (instant(a) < instant(b)) == (ua < ub)
            assert same_instant(a, b) == (ua == ub)
        assert same_instant(a, a)

    @given(bound_datetimes(), BOUND_ZONES)
    def test_in_zone_is_none_only_beyond_the_range(self, moment: datetime, zone: Any) -> None:
        """`in_zone` gives the same instant, or None exactly when Python cannot hold it."""
        converted = in_zone(moment, zone)
        try:
            expected = moment.astimezone(zone)
        except OverflowError:
            assert converted is None
        else:
            assert converted == expected


class TestConsistencyNearTheEnds:
    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(iso_near_bounds(), min_size=1, max_size=3),
        st.sampled_from([None, "Pacific/Kiritimati", "Etc/GMT+12", "Asia/Tokyo"]),
        st.booleans(),
    )
    def test_datetimes_in_messages_never_raise(
        self, stamps: list[str], zone: str | None, with_plan: bool
    ) -> None:
        """A checker never raises for a date in its text, at year 1 or 9999 in any zone."""
        messages = [_message(f"Incident: {stamp}", zone) for stamp in stamps]
        messages.append(_message("Incident à 10:00", "Pacific/Kiritimati"))
        report = cc.check_consistency(messages, plan=PLAN if with_plan else None)
        assert isinstance(report, cc.ConsistencyReport)

    @settings(max_examples=40, deadline=None)
    @given(bound_datetimes(), st.sampled_from([None, "America/New_York", "Asia/Tokyo"]))
    def test_datetime_facts_near_the_ends_never_raise(
        self, detected: datetime, zone: str | None
    ) -> None:
        """A fact at the range's end, read in a far zone, is compared or skipped, never raised."""
        messages = [_message("Détecté le 31/12/9999 à 23h59 puis le 1er janvier 0001", zone)]
        report = cc.check_consistency(messages, facts={"detected_at": detected})
        assert isinstance(report, cc.ConsistencyReport)

    def test_the_issues_example(self) -> None:
        """The reported case: an ISO date-time at the end of 9999, five hours behind UTC."""
        messages = [
            _message("Incident: 9999-12-31T23:59-05:00"),
            _message("Incident 10:00", "Pacific/Kiritimati"),
        ]
        assert isinstance(cc.check_consistency(messages), cc.ConsistencyReport)


class TestRenderNearTheEnds:
    @settings(max_examples=60, deadline=None)
    @given(
        bound_datetimes(),
        st.sampled_from(["{d, time, short}", "{d, date, long}", "{d}", "{d, date, full}"]),
        st.sampled_from(["UTC", "Asia/Tokyo", "America/New_York", "Pacific/Kiritimati"]),
    )
    def test_datetime_facts_render_or_say_why(
        self, moment: datetime, text: str, zone: str
    ) -> None:
        """A datetime fact that does not exist in the reader's zone is the library's error."""
        if in_zone(moment, ZoneInfo(zone)) is None:
            with pytest.raises(cc.InputValueError, match="between the years 1 and 9999 in the"):
                cc.render(text, {"d": moment}, locale="fr_FR", timezone=zone)
        else:
            rendered = cc.render(text, {"d": moment}, locale="fr_FR", timezone=zone)
            assert isinstance(rendered, str)

    def test_tokyo_at_the_end_of_9999(self) -> None:
        """The last instant of 9999 in UTC is already year 10000 in Tokyo: said plainly."""
        end = datetime.max.replace(tzinfo=UTC)
        with pytest.raises(cc.InputValueError, match=r"fact 'd'.*Asia/Tokyo"):
            cc.render("{d, date, long}", {"d": end}, locale="fr_FR", timezone="Asia/Tokyo")


class TestTimeFunctionsNearTheEnds:
    @_SLOW
    @given(bound_datetimes(), BOUND_DURATIONS)
    def test_draft_responses(self, detected: datetime, after: timedelta) -> None:
        """Drafting a crisis detected at the range's end works or is the library's error."""
        situation = works_or_library_error(
            lambda: SITUATION.model_copy(update={"detected_at": detected})
        )
        if situation is None:
            return
        now = _shifted(detected, after)
        works_or_library_error(lambda: cc.draft_responses(PLAN, situation, now=now))

    @_SLOW
    @given(bound_datetimes(), BOUND_DURATIONS, st.booleans())
    def test_timeliness_and_schedule(
        self, moment: datetime, after: timedelta, moved_detection: bool
    ) -> None:
        """Deadlines near year 1 or 9999 are computed or refused in the library's words."""
        situation = SITUATION
        if moved_detection:
            moved = works_or_library_error(
                lambda: SITUATION.model_copy(update={"detected_at": moment})
            )
            assert moved is None or isinstance(moved, cc.Situation)
            situation = moved or SITUATION
        sent = works_or_library_error(
            lambda: [
                cc.SentMessage(
                    stakeholder="customers",
                    channel="sms",
                    sent_at=_shifted(moment, after),
                    phase=cc.Phase.INITIAL,
                )
            ]
        )
        works_or_library_error(lambda: cc.schedule(PLAN, situation, sent=sent or []))
        works_or_library_error(
            lambda: cc.evaluate_timeliness(PLAN, situation, sent or [], now=moment)
        )
        works_or_library_error(lambda: cc.evaluate_timeliness(PLAN, situation, [], now=moment))

    @_SLOW
    @given(bound_datetimes())
    def test_now_at_the_ends(self, now: datetime) -> None:
        """Every function taking `now` works or raises the library's error at the range's ends."""
        template = PLAN.templates[0]
        calls: list[Callable[[], object]] = [
            lambda: cc.lint_plan(PLAN, now=now),
            lambda: cc.approval_status(template, PLAN, severity="high", now=now),
            lambda: cc.select_response(
                PLAN, SITUATION, stakeholder="customers", channel="sms", now=now
            ),
            lambda: cc.recommend_escalation(PLAN, SITUATION, [], now=now),
            lambda: cc.generate_scenario(PLAN, seed=1, starts_at=now),
        ]
        for call in calls:
            works_or_library_error(call)

    def test_the_issues_timeliness_example(self) -> None:
        """`evaluate_timeliness` at the very end of the range."""
        end = datetime.max.replace(tzinfo=UTC)
        report = works_or_library_error(
            lambda: cc.evaluate_timeliness(PLAN, SITUATION, [], now=end)
        )
        assert report is None or isinstance(report, cc.TimelinessReport)

    def test_deadlines_beyond_9999_are_a_value_error(self) -> None:
        """A crisis detected hours before the end of 9999 has deadlines beyond it: a ValueError."""
        late = SITUATION.model_copy(update={"detected_at": datetime(9999, 12, 31, 23, tzinfo=UTC)})
        with pytest.raises(cc.InputValueError, match="between the years 1 and 9999"):
            cc.schedule(PLAN, late)


def _document() -> dict[str, Any]:
    return PLAN.model_dump(mode="json")


def _problems(document: object) -> tuple[cc.PlanProblem, ...] | None:
    """The problems `load_plan` finds in `document`, None when it loads."""
    try:
        cc.load_plan(document)  # type: ignore[arg-type]
    except cc.PlanError as err:
        return err.problems
    return None


class TestHugeIntegers:
    @settings(max_examples=30, deadline=None)
    @given(
        HUGE_INTEGERS,
        st.sampled_from(
            [
                ("severities", "approvals_required"),
                ("channels", "max_length"),
                ("escalation_rules", "min_mentions"),
                ("escalation_rules", "min_reach"),
            ]
        ),
    )
    def test_a_huge_count_is_a_plan_problem(self, big: int, where: tuple[str, str]) -> None:
        """A count beyond 10**15 is refused at load, with its path, quickly and in our words."""
        section, field = where
        document = _document()
        document[section][0][field] = big
        started = time.perf_counter()
        with pytest.raises(cc.PlanError) as info:
            cc.load_plan(document)
        assert time.perf_counter() - started < 5
        [problem] = [p for p in info.value.problems if p.path == f"{section}[0].{field}"]
        assert "expected a whole number up to 1,000,000,000,000,000" in problem.message
        assert len(problem.message) < 250

    def test_a_4400_digit_integer_in_json(self) -> None:
        """JSON text with a 4,400-digit number is a PlanError, not int()'s ValueError."""
        text = json.dumps(_document())[:-1] + ', "x": ' + "9" * 4400 + "}"
        started = time.perf_counter()
        with pytest.raises(cc.PlanError) as info:
            cc.load_plan(text)
        assert time.perf_counter() - started < 5
        assert "a number too large to read" in str(info.value)

    def test_a_huge_approvals_required_never_reaches_selection(self) -> None:
        """The issue's case: a huge approvals_required no longer loads to crash selection later."""
        document = _document()
        document["severities"][2]["approvals_required"] = 10**5000
        with pytest.raises(cc.PlanError, match=r"severities\[2\].approvals_required"):
            cc.load_plan(document)

    def test_the_largest_count_loads_and_travels(self) -> None:
        """10**15 itself loads and survives to_json and back."""
        document = _document()
        document["severities"][0]["approvals_required"] = 10**15
        plan = cc.load_plan(document)
        assert cc.load_plan(plan.to_json()) == plan


class TestDeepNesting:
    @pytest.mark.parametrize("depth", [1_000, 100_000])
    @pytest.mark.parametrize("as_list", [True, False])
    def test_deep_json_text(self, depth: int, as_list: bool) -> None:
        """A document nested 1,000 or 100,000 deep is a PlanError, quickly."""
        inner = "[" * depth + "]" * depth if as_list else '{"x":' * depth + "1" + "}" * depth
        text = json.dumps(_document())[:-1] + ', "templates_extra": ' + inner + "}"
        started = time.perf_counter()
        with pytest.raises(cc.PlanError, match="nested too deeply"):
            cc.load_plan(text)
        assert time.perf_counter() - started < 5

    @pytest.mark.parametrize("field", ["templates", "facts", "name", "x"])
    @pytest.mark.parametrize("as_list", [True, False])
    def test_deep_python_mapping(self, field: str, as_list: bool) -> None:
        """A 1,000-deep Python value anywhere in a mapping is a PlanError, not a RecursionError."""
        document = _document()
        document[field] = nested(1_000, as_list=as_list)
        with pytest.raises(cc.PlanError):
            cc.load_plan(document)

    @settings(max_examples=20, deadline=None)
    @given(st.integers(min_value=1, max_value=3_000), st.booleans())
    def test_any_depth_in_a_template(self, depth: int, as_list: bool) -> None:
        """Nesting of any depth inside a template's fields is reported with its path."""
        document = _document()
        document["templates"][0]["channels"] = nested(depth, "sms", as_list=as_list)
        problems = _problems(document)
        assert problems is None or any(p.path.startswith("templates[0]") for p in problems)


class TestSurrogates:
    @settings(max_examples=40, deadline=None)
    @given(
        SURROGATE_TEXT,
        st.sampled_from(
            [
                ("claims", 0, "patterns"),
                ("claims", 0, "statement"),
                ("templates", 0, "text"),
                ("facts", 0, "cues"),
                ("stakeholders", 0, "label"),
            ]
        ),
    )
    def test_a_lone_surrogate_never_loads(self, text: str, where: tuple[str, int, str]) -> None:
        """A plan with a lone surrogate anywhere is refused at load, never at `to_json`."""
        section, index, field = where
        document = _document()
        element = document[section][index]
        if field == "patterns":
            element["patterns"] = {"fr": [[text]]}
        elif field == "cues":
            element["cues"] = {"fr": [text]}
        else:
            element[field] = text
        element.pop("digest", None)
        problems = _problems(document)
        assert problems is not None, "a plan with a lone surrogate loaded"
        assert any("lone surrogate" in p.message for p in problems)
        assert any(p.path.startswith(f"{section}[{index}]") for p in problems)

    def test_the_issues_claim_keyword(self) -> None:
        """The reported case: a surrogate in a claim's keyword, with the keyword's path."""
        document = _document()
        document["claims"][0]["patterns"]["fr"][0][0] = "lu\ud800mea"
        with pytest.raises(cc.PlanError) as info:
            cc.load_plan(document)
        assert [p.path for p in info.value.problems] == ["claims[0].patterns.fr[0][0]"]

    @given(SURROGATE_TEXT)
    def test_models_refuse_them_too(self, text: str) -> None:
        """A model built directly with a surrogate in a mapping field is a ModelError."""
        with pytest.raises(cc.ModelError, match="lone surrogate"):
            cc.KnownClaim(id="c", statement="s", verdict="false", patterns={"fr": [[text]]})

    def test_in_a_key_and_a_hundred_at_most(self) -> None:
        """A surrogate in a mapping's key is found; a flood of them is cut at a hundred."""
        from crisiscomms.model._problems import surrogate_problems

        [problem] = surrogate_problems({"facts": [{"cues": {"f\ud800r": ["x"]}}]})
        assert problem.path == "facts[0].cues.f\ud800r"
        assert len(surrogate_problems({"x": ["\udfff"] * 500})) == 100
        assert surrogate_problems({"x": nested(150, "\ud800")}) == []  # deeper than any plan
        assert surrogate_problems({"x": nested(50, "\ud800")})[0].path.startswith("x[0][0]")

    @given(SURROGATE_TEXT)
    def test_a_mention_keeps_them(self, text: str) -> None:
        """What strangers post is read as it came: a Mention keeps a lone surrogate."""
        mention = cc.Mention(text=text, at=datetime(2026, 11, 24, tzinfo=UTC))
        assert mention.text == text

    def test_json_text_with_a_surrogate_escape(self) -> None:
        """A ``\\ud800`` escape in JSON text is an invalid escape, said so."""
        text = PLAN.to_json().replace('"lumea"', '"lu\\ud800mea"', 1)
        with pytest.raises(cc.PlanError, match="invalid \\\\u escape"):
            cc.load_plan(text)


class _ChannelWithTextLimit:
    platform = "x"
    max_length: object = "280"
    markup = "plain"
    timezone = None


class TestStrictChannels:
    @pytest.mark.parametrize(
        "call",
        [lambda ch: cc.measure("hello", ch), lambda ch: cc.check_message("hello", ch)],
        ids=["measure", "check_message"],
    )
    def test_a_max_length_written_as_text_is_refused(
        self, call: Callable[[object], object]
    ) -> None:
        """``max_length="280"`` is not read as 280 (strict): a TypeError of the library's."""
        with pytest.raises(cc.InputTypeError, match=r"write max_length=280 \(a number\)"):
            call(_ChannelWithTextLimit())

    @pytest.mark.parametrize("limit", [0, -5, True, 2.5, None, 280])
    def test_other_limits(self, limit: object) -> None:
        """Zero, negative, bool and float limits are refused; None and an int are used."""
        channel = _ChannelWithTextLimit()
        channel.max_length = limit
        result = works_or_library_error(lambda: cc.measure("hello", channel))  # type: ignore[arg-type]
        if limit is None or limit == 280:
            assert isinstance(result, cc.Measurement)
        else:
            assert result is None

    def test_a_plan_channel_refuses_it_too(self) -> None:
        """The model refuses the text at load, with its path."""
        document = _document()
        document["channels"][0]["max_length"] = "280"
        with pytest.raises(cc.PlanError, match=r"channels\[0\].max_length.*without quotes"):
            cc.load_plan(document)


class TestFrozen:
    @pytest.mark.parametrize(
        "value", [PLAN, SITUATION, PLAN.templates[0], demo_record()], ids=type
    )
    def test_setattr_is_the_librarys_error(self, value: Any) -> None:
        """Setting a field raises FrozenInstanceError (also AttributeError), not pydantic's."""
        name = next(iter(type(value).model_fields))
        with pytest.raises(cc.FrozenInstanceError) as info:
            setattr(value, name, None)
        assert isinstance(info.value, AttributeError)
        assert isinstance(info.value, TypeError)

    def test_frozen_dict(self) -> None:
        """A situation's facts cannot change: the library's error, also a TypeError."""
        with pytest.raises(cc.FrozenInstanceError, match="immutable"):
            SITUATION.facts["affected_customers"] = 1
