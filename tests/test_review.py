"""`review_crisis` and `apply_lessons`: a finished crisis measured, lessons as plan changes."""

from __future__ import annotations

import json
import pickle
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    FINDING_CODES,
    CrisisCommsError,
    CrisisRecord,
    InputTypeError,
    InputValueError,
    Lesson,
    Mention,
    Plan,
    PlanError,
    Review,
    SentMessage,
    SituationChange,
    Theme,
    apply_lessons,
    load_plan,
    render,
    review_crisis,
    select_response,
)
from crisiscomms.samples import demo_plan, demo_record, demo_situation
from tests.strategies import digest_of

PLAN = demo_plan()
START = demo_situation()
DETECTED = START.detected_at


def at(minutes: float) -> datetime:
    return DETECTED + timedelta(minutes=minutes)


def sent(
    minutes: float, stakeholder: str, channel: str, template: str | None = None, **fields: Any
) -> SentMessage:
    """A message as the demo's tools log it, rendered from its template when it has one."""
    text = fields.pop("text", None)
    if text is None and template is not None:
        target = PLAN.template(template)
        text = render(target, START.facts, locale=target.locale, timezone="Europe/Paris")
    phase = fields.pop("phase", None if template else "initial")
    return SentMessage(
        stakeholder=stakeholder, channel=channel, sent_at=at(minutes), template_id=template,
        phase=phase, text=text, **fields,
    )  # fmt: skip


def record(*messages: SentMessage, **fields: Any) -> CrisisRecord:
    """A record of these messages; by default it ends ten hours after detection."""
    fields.setdefault("changes", [SituationChange(at=at(600), phase="resolved", id="closed")])
    return CrisisRecord(situation=START, sent=messages, **fields)


def plan_with(change: Any) -> Plan:
    """The demo plan with its JSON document changed by `change(document)`."""
    document = json.loads(PLAN.to_json())
    change(document)
    return load_plan(document)


def codes(review: Review) -> set[str]:
    return {lesson.finding.code for lesson in review.lessons}


STATUS = sent(20, "customers", "status-page", "breach-long-fr")


@pytest.fixture(scope="module")
def demo() -> Review:
    return review_crisis(PLAN, demo_record())


class TestDemoReview:
    def test_first_statement_per_stakeholder_is_the_first_message_after_detection(
        self, demo: Review
    ) -> None:
        """A stakeholder's first statement is their first message's delay, against the target."""
        log = demo_record()
        target = PLAN.severity(START.severity).first_statement_within
        for stakeholder in ("customers", "media", "partners"):
            first = next(m for m in log.sent if m.stakeholder == stakeholder)
            metric = demo.metric(Theme.FIRST_STATEMENT, "first statement", stakeholder)
            assert metric.value == first.sent_at - DETECTED
            assert metric.met is (first.sent_at - DETECTED <= target)

    def test_a_stakeholder_never_told_is_missed_with_a_lesson(self, demo: Review) -> None:
        """Investors got nothing: no value, missed, and a REV001 points at them."""
        metric = demo.metric(Theme.FIRST_STATEMENT, "first statement", "investors")
        assert (metric.value, metric.met) == (None, False)
        lesson = demo.lesson("REV001 stakeholders[investors]")
        assert "breach-long-fr" in lesson.suggestion

    def test_the_contradicted_figure_is_found_and_corrected(self, demo: Review) -> None:
        """The hand-typed 1 200 is a CON001 against the facts, corrected by the next post."""
        wrong = demo.metric(Theme.ACCURACY, "message against the facts", "x-1")
        assert wrong.met is False
        assert "CON001" in wrong.detail
        assert demo.metric(Theme.ACCURACY, "corrections").value == 1
        assert "REV007" in codes(demo)

    def test_the_rebuttal_came_late_and_its_scope_is_the_lesson(self, demo: Review) -> None:
        """The first rebuttal counts from the claim's first mention; the lesson widens scope."""
        log = demo_record()
        rebuttal = next(m for m in log.sent if m.id == "rebuttal-1")
        first_mention = min(m.at for m in log.mentions if "vend" in m.text)
        metric = demo.metric(
            Theme.MISINFORMATION, "first mention to first rebuttal", "data-for-sale"
        )
        assert metric.value == rebuttal.sent_at - first_mention
        assert metric.met is False
        lesson = demo.lesson("REV010 templates[rumour-rebuttal-fr].crisis_types")
        assert lesson.has_patch

    def test_the_escalation_lag_is_against_the_rules_replayed(self, demo: Review) -> None:
        """The rules, replayed, fire before 11:30, when the team raised the severity."""
        metric = demo.metric(Theme.ESCALATION, "escalation", "critical")
        assert isinstance(metric.value, timedelta)
        assert timedelta(0) < metric.value < timedelta(hours=2)
        assert "viral-anger" in metric.detail

    def test_edited_template_sent_is_counted_and_reapproved(self, demo: Review) -> None:
        """The Instagram post went out from an edited template; the lesson re-approves it."""
        assert demo.metric(Theme.APPROVALS, "from lapsed or edited approvals").value == 1
        assert demo.metric(Theme.APPROVALS, "hand-written").value == 1
        lesson = demo.lesson("REV006 templates[breach-instagram-fr].approval")
        fixed = apply_lessons(PLAN, [lesson])
        template = fixed.template("breach-instagram-fr")
        assert template.approval is not None
        assert template.approval.digest == template.digest

    def test_language_fallback_names_the_translation_that_existed(self, demo: Review) -> None:
        """Partners read English and got French; the English template existed."""
        fallback = demo.metric(Theme.COVERAGE, "language fallback", "partners-1")
        assert fallback.value == "fr_FR"
        assert "breach-long-en" in demo.lesson("REV011 stakeholders[partners].locales").suggestion

    def test_promises_are_kept_or_broken(self, demo: Review) -> None:
        """press-1 promised 12:00; nothing reached the media until the resolution."""
        assert demo.metric(Theme.CADENCE, "promised update", "press-1").met is False
        assert demo.metric(Theme.CADENCE, "promised update", "x-1").met is True

    def test_every_lesson_has_a_registered_review_code(self, demo: Review) -> None:
        """Each lesson's finding is a REV code of the registry, with the path as subject."""
        assert demo.lessons
        for lesson in demo.lessons:
            assert lesson.finding.code in FINDING_CODES
            assert lesson.finding.family == "REV"
            assert lesson.finding.subject == lesson.path

    def test_every_demo_patch_applies_and_loads(self, demo: Review) -> None:
        """All the demo's lessons applied together give a plan that loads."""
        patched = [lesson for lesson in demo.lessons if lesson.has_patch]
        assert patched
        assert isinstance(apply_lessons(PLAN, demo.lessons), Plan)


class TestApplyLessons:
    def test_the_rebuttal_becomes_selectable(self, demo: Review) -> None:
        """After the scope lesson, the rebuttal answers in a data breach."""
        lesson = demo.lesson("REV010 templates[rumour-rebuttal-fr].crisis_types")
        fixed = apply_lessons(PLAN, [lesson])
        assert "data-breach" in fixed.template("rumour-rebuttal-fr").crisis_types
        again = review_crisis(fixed, demo_record())
        assert "REV010 templates[rumour-rebuttal-fr].crisis_types" not in {
            x.id for x in again.lessons
        }

    def test_the_input_plan_is_unchanged(self, demo: Review) -> None:
        """Applying lessons returns a new plan and leaves the given one alone."""
        before = PLAN.to_json()
        apply_lessons(PLAN, demo.lessons)
        assert PLAN.to_json() == before

    def test_a_patch_for_another_plan_is_refused_naming_the_lesson(self, demo: Review) -> None:
        """The guarding test fails on a plan whose elements moved: a PlanError names the lesson."""
        lesson = demo.lesson("REV010 templates[rumour-rebuttal-fr].crisis_types")
        moved = plan_with(lambda d: d["templates"].reverse())
        with pytest.raises(PlanError) as caught:
            apply_lessons(moved, [lesson])
        assert caught.value.problems[0].path == f"lesson {lesson.id!r}"

    def test_a_patch_that_breaks_the_plan_is_refused_naming_the_lesson(self) -> None:
        """A patch whose result does not load raises PlanError with the lesson in each path."""
        bad = attrs.evolve(
            review_crisis(PLAN, demo_record()).lessons[0],
            id="handmade",
            patch=json.dumps(
                [{"op": "add", "path": "/stakeholders/0/channels/-", "value": "fax"}]
            ),
        )
        with pytest.raises(PlanError) as caught:
            apply_lessons(PLAN, [bad])
        assert all(p.path.startswith("lesson 'handmade'") for p in caught.value.problems)

    def test_lessons_without_patch_change_nothing(self, demo: Review) -> None:
        """Lessons in words only leave the plan equal."""
        words = [lesson for lesson in demo.lessons if not lesson.has_patch]
        assert words
        assert apply_lessons(PLAN, words) == PLAN

    def test_wrong_arguments(self) -> None:
        """A plan that is not a Plan, or lessons that are not lessons, are type errors."""
        with pytest.raises(InputTypeError):
            apply_lessons(PLAN.to_json(), [])  # type: ignore[arg-type]
        with pytest.raises(InputTypeError):
            apply_lessons(PLAN, ["REV001"])  # type: ignore[list-item]


class TestLessonKinds:
    def test_no_channel_with_a_template_adds_a_channel(self) -> None:
        """Investors reachable only by SMS, where nothing fits them: the lesson adds a channel."""

        def linkedin_only(document: dict[str, Any]) -> None:
            investors = next(s for s in document["stakeholders"] if s["id"] == "investors")
            investors["channels"] = ["sms"]

        plan = plan_with(linkedin_only)
        review = review_crisis(
            plan, record(sent(20, "customers", "status-page", "breach-long-fr"))
        )
        lesson = review.lesson("REV001 stakeholders[investors].channels")
        fixed = apply_lessons(plan, [lesson])
        added = fixed.stakeholder("investors").channels[-1]
        select_response(fixed, START, stakeholder="investors", channel=added, now=DETECTED)

    def test_whole_team_late_reviews_the_target(self) -> None:
        """Nothing public within the hour: REV002 replaces the target by the observed delay."""
        review = review_crisis(
            PLAN, record(sent(100, "customers", "status-page", "breach-long-fr"))
        )
        lesson = review.lesson("REV002 severities[high].first_statement_within")
        fixed = apply_lessons(PLAN, [lesson])
        assert fixed.severity("high").first_statement_within >= timedelta(minutes=100)
        again = review_crisis(
            fixed, record(sent(100, "customers", "status-page", "breach-long-fr"))
        )
        assert "REV002" not in codes(again)

    def test_missed_obligation_is_an_error_lesson(self) -> None:
        """GDPR Art. 33 past its 72 hours with nothing sent: REV005 on the obligation."""
        late = sent(73 * 60, "customers", "status-page", "breach-update-fr")
        review = review_crisis(PLAN, record(late))
        metric = review.metric(Theme.OBLIGATIONS, "obligation", "gdpr-art33")
        assert metric.met is False
        assert review.lesson("REV005 obligations[gdpr-art33]").finding.is_error

    def test_needed_lapsed_template_is_reapproved(self) -> None:
        """With only the expired English investor template, the gap asks to re-approve it."""

        def english_only(document: dict[str, Any]) -> None:
            investors = next(s for s in document["stakeholders"] if s["id"] == "investors")
            investors["locales"] = ["en_GB"]
            investors["channels"] = ["sms"]

        plan = plan_with(english_only)
        review = review_crisis(
            plan, record(sent(20, "customers", "status-page", "breach-long-fr"))
        )
        lesson = review.lesson("REV006 templates[breach-investors-en].approval")
        fixed = apply_lessons(plan, [lesson])
        template = fixed.template("breach-investors-en")
        assert template.approval is not None
        assert template.approval.expires_at is not None
        assert template.approval.expires_at > review.end

    def test_uncued_value_adds_the_cue(self) -> None:
        """'3 000 personnes' is tied to no fact: 'personnes' becomes a cue of the one number."""
        text = "Lumea : 3 000 personnes concernées. Suivi : https://status.lumea.fr/incident/2411"
        review = review_crisis(PLAN, record(sent(10, "customers", "x-fr", text=text)))
        lesson = review.lesson("REV009 facts[affected_customers].cues")
        fixed = apply_lessons(PLAN, [lesson])
        assert "personnes" in fixed.fact("affected_customers").cues["fr"]

    def test_fallback_without_translation_adds_a_draft_template(self) -> None:
        """Without an English template, the lesson adds an unapproved translation draft."""

        def no_english(document: dict[str, Any]) -> None:
            document["templates"] = [
                t for t in document["templates"] if not t["locale"].startswith("en")
            ]

        plan = plan_with(no_english)
        message = sent(20, "partners", "email", "breach-long-fr")
        review = review_crisis(plan, record(message))
        lesson = next(x for x in review.lessons if x.finding.code == "REV011")
        assert lesson.has_patch
        fixed = apply_lessons(plan, [lesson])
        draft = fixed.template(lesson.path.removeprefix("templates[").removesuffix("]"))
        assert (draft.locale, draft.key, draft.approval) == ("en_GB", "breach-initial-long", None)

    def test_team_ahead_of_the_rules_lowers_thresholds(self) -> None:
        """Raised to critical on 100 angry mentions, the rule's 500 becomes what was seen."""
        feed = [
            Mention(text="Lumea, honteux", at=at(n / 2), locale="fr", sentiment=-0.9, id=str(n))
            for n in range(100)
        ]
        log = record(
            sent(20, "customers", "status-page", "breach-long-fr"),
            changes=[SituationChange(at=at(50), severity="critical")],
            mentions=feed,
        )
        review = review_crisis(PLAN, log)
        lesson = review.lesson("REV012 escalation_rules[viral-anger]")
        fixed = apply_lessons(PLAN, [lesson])
        rule = next(r for r in fixed.escalation_rules if r.id == "viral-anger")
        assert rule.min_mentions == 100

    def test_widening_a_rebuttal_voids_its_approval(self, demo: Review) -> None:
        """The approval binds the scope: once widened, the rebuttal must be approved again."""
        lesson = demo.lesson("REV010 templates[rumour-rebuttal-fr].crisis_types")
        widened = apply_lessons(PLAN, [lesson])
        again = review_crisis(widened, demo_record())
        reapprove = again.lesson("REV010 templates[rumour-rebuttal-fr].approval")
        assert reapprove.has_patch
        assert "REV010 templates[rumour-rebuttal-fr].crisis_types" not in {
            x.id for x in again.lessons
        }

    def test_unapproved_rebuttal_is_reapproved(self) -> None:
        """A rebuttal in scope whose approval expired gets a re-approval patch."""

        def expired(document: dict[str, Any]) -> None:
            for template in document["templates"]:
                if template["key"] == "rumour-rebuttal":
                    template["crisis_types"] = []
                    template.pop("digest", None)
                    template["approval"]["digest"] = digest_of(template)
                    template["approval"].pop("signatures", None)
                    template["approval"]["expires_at"] = "2026-10-01T00:00:00+02:00"

        plan = plan_with(expired)
        feed = [Mention(text="Lumea vend les données", at=at(5), locale="fr", id="1")]
        review = review_crisis(plan, record(STATUS, mentions=feed))
        lesson = next(x for x in review.lessons if x.path.endswith("].approval"))
        assert lesson.finding.code == "REV010"
        fixed = apply_lessons(plan, [lesson])
        template = fixed.template(lesson.path.split("[")[1].split("]")[0])
        assert template.approval is not None
        assert template.approval.expires_at is not None
        assert template.approval.expires_at > review.end

    def test_escalation_to_a_severity_without_rule(self) -> None:
        """Raised from low to moderate, where no rule leads: a lesson to add one."""
        low = START.model_copy(update={"severity": "low"})
        feed = [Mention(text="Lumea ?", at=at(n), locale="fr", id=str(n)) for n in range(5)]
        log = CrisisRecord(
            situation=low,
            changes=[SituationChange(at=at(30), severity="moderate", id="up")],
            sent=[STATUS],
            mentions=feed,
        )
        review = review_crisis(PLAN, log)
        assert review.lesson("REV012 escalation_rules").path == "escalation_rules"
        newly = review.metric(Theme.FIRST_STATEMENT, "first statement after escalation", "up")
        assert newly.value is None

    def test_newly_concerned_stakeholders_after_escalation(self) -> None:
        """From moderate to high, the media become concerned: their first statement counts."""
        moderate = START.model_copy(update={"severity": "moderate"})
        log = CrisisRecord(
            situation=moderate,
            changes=[SituationChange(at=at(30), severity="high", id="up")],
            sent=[STATUS, sent(50, "media", "press", "breach-long-fr")],
        )
        review = review_crisis(PLAN, log)
        media = review.metric(
            Theme.FIRST_STATEMENT, "first statement after escalation", "up/media"
        )
        assert (media.value, media.met) == (timedelta(minutes=20), True)


class TestBadRecords:
    def test_empty_record_gives_a_review(self) -> None:
        """A record with no message, change or mention is reviewed, not refused."""
        review = review_crisis(PLAN, CrisisRecord(situation=START))
        assert review.metric(Theme.FIRST_STATEMENT, "first public statement").value is None
        assert review.metric(Theme.CADENCE, "updates on time").value is None

    def test_unknown_stakeholder_names_the_event(self) -> None:
        """A message to a stakeholder the plan lacks is refused, naming the message."""
        with pytest.raises(InputValueError, match=r"sent\[0\] \(oops\)\.stakeholder"):
            review_crisis(PLAN, record(sent(5, "press", "email", id="oops")))

    def test_unknown_template_and_severity_name_the_event(self) -> None:
        """Unknown templates and severities are refused with the event's name."""
        bad = record(
            sent(5, "media", "press", text="x"),
            changes=[SituationChange(at=at(3), severity="apocalyptic", id="boom")],
        )
        with pytest.raises(InputValueError, match=r"changes\[0\] \(boom\)\.severity"):
            review_crisis(PLAN, bad)
        ghost = SentMessage(stakeholder="media", channel="press", sent_at=at(5), template_id="no")
        with pytest.raises(InputValueError, match="unknown template"):
            review_crisis(PLAN, record(ghost))

    @pytest.mark.parametrize("year", [1, 9999])
    def test_the_ends_of_the_calendar_give_a_review_or_the_librarys_error(self, year: int) -> None:
        """A crisis at the first or last days of the datetime range never crashes."""
        detected = datetime(year, 1 if year == 1 else 12, 1 if year == 1 else 31, 12, tzinfo=UTC)
        start = START.model_copy(update={"detected_at": detected})
        log = CrisisRecord(
            situation=start,
            sent=[sent(0, "customers", "x-fr", text="12 000 clients. Prochain point : 23:00")
                  .model_copy(update={"sent_at": detected + timedelta(hours=1)})],
            mentions=[Mention(text="Lumea vend les données", at=detected, locale="fr")],
        )  # fmt: skip
        try:
            review = review_crisis(PLAN, log)
        except CrisisCommsError:
            return
        assert _applies_or_names(PLAN, list(review.lessons))

    def test_every_unknown_id_is_named(self) -> None:
        """Unknown crisis type, channel and obligation are each named with their event."""
        odd = START.model_copy(update={"crisis_type": "alien-invasion"})
        message = sent(5, "media", "fax", text="x", obligations=["treaty"], id="m")
        with pytest.raises(InputValueError) as caught:
            review_crisis(PLAN, CrisisRecord(situation=odd, sent=[message]))
        for part in ("situation.crisis_type", "sent[0] (m).channel", "sent[0] (m).obligations"):
            assert part in str(caught.value)

    def test_wrong_types(self) -> None:
        """A plan or record of the wrong type is a type error."""
        with pytest.raises(InputTypeError):
            review_crisis(PLAN, START)  # type: ignore[arg-type]
        with pytest.raises(InputTypeError):
            review_crisis({}, demo_record())  # type: ignore[arg-type]


class TestReviewValue:
    def test_records_html_markdown_and_str(self, demo: Review) -> None:
        """Every view lists every metric; HTML escapes; Markdown has the AAR sections."""
        records = demo.to_records()
        assert len(records) == len(demo.metrics)
        assert {r["theme"] for r in records} == {t.value for t in Theme}
        page = demo._repr_html_()
        assert "<script" not in page
        metrics, lessons = page.split("</table>")[:2]
        assert metrics.count("<tr") == len(demo.metrics) + 1
        assert lessons.count("<tr") == len(demo.lessons) + 1
        text = demo.to_markdown()
        sections = ("Summary", "Timeline", "Strengths", "Areas for improvement",
                    "Lessons and improvement plan")  # fmt: skip
        for section in sections:
            assert f"## {section}" in text
        assert str(demo).count("REV") == len(demo.lessons)

    def test_html_escapes_what_the_record_says(self) -> None:
        """A record label with markup is escaped in the notebook view."""
        log = CrisisRecord(situation=START, label="<b>x</b>")
        assert "&lt;b&gt;" in review_crisis(PLAN, log)._repr_html_()

    def test_review_is_a_frozen_picklable_value(self, demo: Review) -> None:
        """A review cannot be changed, pickles, and equals its copy."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            demo.plan = "x"  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(demo)) == demo

    def test_unknown_metric_and_lesson_are_value_errors(self, demo: Review) -> None:
        """Asking for a metric or lesson the review lacks lists what it has."""
        with pytest.raises(InputValueError, match="known"):
            demo.metric(Theme.COVERAGE, "nope")
        with pytest.raises(InputValueError, match="known"):
            demo.lesson("REV999 x")

    def test_findings_and_records_hold_the_values(self, demo: Review) -> None:
        """`findings` are the lessons' findings, errors first; records show and count values."""
        assert sorted(demo.findings, key=str) == sorted((x.finding for x in demo.lessons), key=str)
        assert demo.findings[0].is_error
        record = demo.metric(Theme.FIRST_STATEMENT, "first statement", "media").to_record()
        assert record["value_number"] == timedelta(hours=1, minutes=15).total_seconds()
        assert record["value"] == "1 h 15 min"
        assert record["met"] is False

    def test_lesson_operations_are_a_fresh_list(self, demo: Review) -> None:
        """`operations()` parses the patch; each patch starts with a guarding test."""
        for lesson in demo.lessons:
            if lesson.has_patch:
                operations = lesson.operations()
                assert operations[0]["op"] == "test"
                operations.clear()
                assert lesson.operations()


# -- generated records ---------------------------------------------------------------

_STAKEHOLDERS = [s.id for s in PLAN.stakeholders] + ["nobody"]
_CHANNELS = [c.id for c in PLAN.channels] + ["x", "carrier-pigeon"]
_TEMPLATES = [None, *(t.id for t in PLAN.templates), "ghost"]
OBLIGATIONS = ["gdpr-art33", "nis2-notification"]
_TEXTS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "12 000 clients concernés. Prochain point : 12:00.",
            "15 000 clients. Prochain point : 09:00. https://status.lumea.fr/x",
            "Incident résolu.",
            "",
        ]
    ),
    st.text(max_size=60),
)


@st.composite
def generated_records(draw: st.DrawFn) -> CrisisRecord:
    """Records of any shape: empty, out of order, unknown ids, odd texts."""
    minutes = st.integers(min_value=-120, max_value=5000)
    messages: list[dict[str, Any]] = [
        {
            "stakeholder": draw(st.sampled_from(_STAKEHOLDERS)),
            "channel": draw(st.sampled_from(_CHANNELS)),
            "sent_at": at(draw(minutes)),
            "template_id": draw(st.sampled_from(_TEMPLATES)),
            "phase": draw(st.sampled_from(["initial", "update", "resolved"])),
            "text": draw(_TEXTS),
            "obligations": draw(
                st.lists(st.sampled_from(["gdpr-art33", "nis2-notification"]), max_size=1)
            ),
        }
        for _ in range(draw(st.integers(min_value=0, max_value=6)))
    ]
    if draw(st.booleans()):
        messages.sort(key=lambda m: m["sent_at"])
    changes: list[dict[str, Any]] = [
        {
            "at": at(draw(minutes)),
            "severity": draw(st.sampled_from([None, "low", "critical", "moderate"])),
            "facts": draw(st.sampled_from([{}, {"affected_customers": 15000}])),
            "phase": "update",
        }
        for _ in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    changes.sort(key=lambda c: c["at"])
    mentions = [
        {
            "text": draw(st.sampled_from(["Lumea vend les données", "Lumea IBAN", "?"])),
            "at": at(draw(minutes)),
            "locale": "fr",
            "sentiment": draw(st.sampled_from([None, -0.9, 0.5])),
        }
        for _ in range(draw(st.integers(min_value=0, max_value=30)))
    ]
    return CrisisRecord.model_validate(
        {"situation": START, "sent": messages, "changes": changes, "mentions": mentions}
    )


def _applies_or_names(plan: Plan, lessons: list[Lesson]) -> bool:
    """True when the lessons give a plan, or a PlanError whose every path names a lesson."""
    try:
        return isinstance(apply_lessons(plan, lessons), Plan)
    except PlanError as exc:
        ids = tuple(f"lesson {lesson.id!r}" for lesson in lessons)
        return all(problem.path.startswith(ids) for problem in exc.problems)


class TestAnyRecord:
    @settings(max_examples=60)
    @given(st.data())
    def test_any_record_gives_a_review_or_the_librarys_error(self, data: st.DataObject) -> None:
        """Generated records give a Review, or a CrisisCommsError; never anything else."""
        try:
            log = data.draw(generated_records())
        except CrisisCommsError:
            return
        try:
            review = review_crisis(PLAN, log)
        except CrisisCommsError:
            return
        assert isinstance(review, Review)
        review.to_markdown()
        for lesson in review.lessons:
            assert _applies_or_names(PLAN, [lesson])

    @settings(max_examples=30)
    @given(st.lists(st.integers(min_value=0, max_value=40), max_size=6))
    def test_chosen_lessons_apply_or_name_the_lesson(self, picks: list[int]) -> None:
        """Any selection of the demo's lessons, in any order, loads or names its lesson."""
        lessons = review_crisis(PLAN, demo_record()).lessons
        chosen: list[Lesson] = [lessons[i % len(lessons)] for i in picks]
        assert _applies_or_names(PLAN, chosen)
