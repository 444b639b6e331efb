"""Exercise marking: drill drafts carry the marker, and every check tells drills from real."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiscomms import (
    CrisisCommsError,
    InputError,
    Message,
    Mode,
    Plan,
    PlanError,
    check_consistency,
    check_message,
    draft_responses,
    load_plan,
)
from crisiscomms._marking import check_marking, is_marked, mark, marker_for
from crisiscomms.samples import demo_plan, demo_situation
from tests.strategies import post_text

NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)


def _plan(**changes: object) -> Plan:
    return load_plan({**demo_plan().model_dump(mode="json"), **changes})


def _codes(findings: object) -> list[str]:
    return [f.code for f in findings]  # type: ignore[attr-defined]


class TestMarkers:
    @pytest.mark.parametrize(
        ("locale", "marker"),
        [("fr_FR", "EXERCICE"), ("en_GB", "EXERCISE"), ("de_DE", "ÜBUNG"), ("es-MX", "SIMULACRO")],
    )
    def test_defaults_by_language(self, locale: str, marker: str) -> None:
        """Without markers of its own, a plan uses the built-in marker of each language."""
        assert marker_for(demo_plan(), locale) == marker

    def test_the_plan_overrides_a_language(self) -> None:
        """A plan's own marker for a language wins over the default."""
        plan = _plan(exercise_markers={"en": "EXERCISE EXERCISE EXERCISE"})
        assert marker_for(plan, "en_US") == "EXERCISE EXERCISE EXERCISE"
        assert marker_for(plan, "fr_FR") == "EXERCICE"

    def test_unknown_language_falls_back_to_the_default_language(self) -> None:
        """A language with no marker anywhere gets the plan's default language's marker."""
        assert marker_for(demo_plan(), "ja_JP") == "EXERCICE"
        assert marker_for(None, "ja_JP") == "EXERCISE"
        plan = _plan(exercise_markers={"fr": "EXERCICE DE CRISE"})
        assert marker_for(plan, "ja_JP") == "EXERCICE DE CRISE"

    @pytest.mark.parametrize("bad", ["", " EXERCICE", "<b>DRILL</b>", "123", "*DRILL*", "a" * 65])
    def test_markers_are_plain_words(self, bad: str) -> None:
        """A marker with markup, spaces at an end, no letter, or too long is refused."""
        with pytest.raises(PlanError):
            _plan(exercise_markers={"fr": bad})

    def test_markers_are_keyed_by_language(self) -> None:
        """Markers are given per language, not per locale."""
        with pytest.raises(PlanError, match="language codes"):
            _plan(exercise_markers={"fr_FR": "EXERCICE"})

    def test_plan_round_trips_with_markers(self) -> None:
        """Markers and their placement survive the plan's JSON."""
        plan = _plan(
            exercise_markers={"fr": "EXERCICE"}, exercise_marker_placement="start_and_end"
        )
        assert load_plan(plan.to_json()) == plan
        assert "exercise_markers" in Plan.json_schema()["properties"]


class TestDrafts:
    @pytest.mark.parametrize("mode", ["exercise", "test"])
    def test_every_drill_draft_starts_with_its_marker(self, mode: str) -> None:
        """In exercise and test mode each draft's text starts with the marker of its language."""
        situation = demo_situation().model_copy(update={"mode": mode})
        drafts = draft_responses(demo_plan(), situation, now=NOW)
        assert drafts.drafts
        for draft in drafts.drafts:
            marker = marker_for(demo_plan(), draft.message.locale)
            assert draft.message.text.startswith(f"{marker}: ")
            assert not [f for f in draft.findings if f.family == "EXR"]
        assert not [f for f in drafts.consistency.findings if f.family == "EXR"]  # type: ignore[union-attr]

    def test_nothing_else_of_the_drafts_changes(self) -> None:
        """A drill draft is the real draft with the marker in front; selection and target agree."""
        real = draft_responses(demo_plan(), demo_situation(), now=NOW)
        drill = draft_responses(
            demo_plan(), demo_situation().model_copy(update={"mode": "exercise"}), now=NOW
        )
        assert [d.target for d in real.drafts] == [d.target for d in drill.drafts]
        for r, d in zip(real.drafts, drill.drafts, strict=True):
            assert d.message.text == mark(r.message.text, r.message.locale, demo_plan())
            assert d.selection == r.selection
            assert d.measurement.length > r.measurement.length
        assert real.gaps == drill.gaps

    def test_real_drafts_carry_no_marker(self) -> None:
        """In a real crisis no draft carries a marker, and no EXR finding is reported."""
        drafts = draft_responses(demo_plan(), demo_situation(), now=NOW)
        assert not any(is_marked(d.message.text) for d in drafts.drafts)
        assert not [f for f in drafts.findings if f.family == "EXR"]

    def test_start_and_end_placement(self) -> None:
        """With `start_and_end` the marker also closes each drill draft."""
        plan = _plan(exercise_marker_placement="start_and_end")
        situation = demo_situation().model_copy(update={"mode": "exercise"})
        drafts = draft_responses(plan, situation, now=NOW)
        for draft in drafts.drafts:
            assert draft.message.text.endswith(" " + marker_for(plan, draft.message.locale))
            assert not [f for f in draft.findings if f.family == "EXR"]

    def test_overflow_caused_by_the_marker_says_so(self) -> None:
        """A draft that fits unmarked but not marked gets LEN001 and EXR004."""
        text = "a" * 275
        findings = check_message(text, "x", exercise=False)
        assert findings == ()
        marked = mark(text, "en", None)
        codes = _codes(check_message(marked, "x", exercise=True, locale="en"))
        assert codes == ["LEN001", "EXR004"]
        # Too long even without the marker: only the length error.
        assert _codes(check_message(mark("a" * 300, "en", None), "x", exercise=True)) == ["LEN001"]


class TestChecks:
    def test_unmarked_drill_message_is_an_error(self) -> None:
        """check_message with exercise=True reports EXR001 for a message without the marker."""
        findings = check_message("Incident en cours.", "x", exercise=True, locale="fr_FR")
        assert _codes(findings) == ["EXR001"]
        assert findings[0].is_error

    def test_the_marker_of_another_language_does_not_count(self) -> None:
        """A French drill message marked only in English misses its marker."""
        assert _codes(check_message("EXERCISE: incident.", "x", exercise=True, locale="fr")) == [
            "EXR001"
        ]
        assert check_message("EXERCISE: incident.", "x", exercise=True) == ()

    def test_marked_real_message_is_an_error(self) -> None:
        """A real message with a marker is EXR002, with the marker's span."""
        text = "Incident en cours. EXERCICE"
        (finding,) = check_message(text, "x", exercise=demo_situation())
        assert finding.code == "EXR002"
        assert finding.span == (19, 27)

    def test_lowercase_word_is_not_a_marker(self) -> None:
        """'exercise caution' in a real message is not a marker: markers are case-sensitive."""
        assert check_message("Please exercise caution.", "x", exercise=False) == ()
        assert check_message("EXERCISES at noon", "x", exercise=False) == ()

    def test_marker_not_at_the_start_is_a_warning(self) -> None:
        """A drill message whose marker comes late gets EXR003."""
        findings = check_message("Incident en cours. EXERCICE", "x", exercise=True, locale="fr")
        assert _codes(findings) == ["EXR003"]
        assert not findings[0].is_error
        assert check_message("<p>EXERCICE: ok</p>", "email", exercise=True, locale="fr") == ()

    def test_missing_end_marker_with_start_and_end(self) -> None:
        """A plan that wants the marker at both ends reports a message that lacks the last."""
        plan = _plan(exercise_marker_placement="start_and_end")
        assert _codes(check_marking("EXERCICE: ok", "fr", exercise=True, plan=plan)) == ["EXR003"]
        assert check_marking("EXERCICE: ok EXERCICE", "fr", exercise=True, plan=plan) == []

    def test_mode_and_situation_decide(self) -> None:
        """A Situation or Mode passed as `exercise` decides by its mode."""
        drill = demo_situation().model_copy(update={"mode": "test"})
        assert _codes(check_message("ok", "x", exercise=drill)) == ["EXR001"]
        assert _codes(check_message("EXERCICE ok", "x", exercise=Mode.ACTUAL)) == ["EXR002"]
        assert check_message("ok", "x") == ()

    def test_a_wrong_flag_is_refused(self) -> None:
        """`exercise` must be a bool, None, a Situation or a Mode."""
        with pytest.raises(InputError, match="exercise"):
            check_message("ok", "x", exercise="yes")

    def test_consistency_reports_each_unmarked_message(self) -> None:
        """check_consistency with exercise=True reports EXR001 for each unmarked message."""
        messages = [
            Message("EXERCICE: 12 000 clients concernés.", channel="x-fr", locale="fr_FR"),
            Message("12 000 clients concernés.", channel="facebook", locale="fr_FR"),
        ]
        report = check_consistency(messages, plan=demo_plan(), exercise=True)
        marking = [f for f in report.findings if f.family == "EXR"]
        assert [(f.code, f.subject) for f in marking] == [("EXR001", "facebook/fr_FR")]
        assert not report.ok
        real = check_consistency(messages, plan=demo_plan(), exercise=False)
        assert [(f.code, f.subject) for f in real.findings if f.family == "EXR"] == [
            ("EXR002", "x-fr/fr_FR")
        ]
        assert not [
            f for f in check_consistency(messages, plan=demo_plan()).findings if f.family == "EXR"
        ]


class TestProperties:
    @given(text=post_text, exercise=st.sampled_from([True, False, None]))
    def test_any_text_is_checked_without_crashing(self, text: str, exercise: bool | None) -> None:
        """Marking checks never crash on any string, and marking is always found again."""
        try:
            findings = check_message(text, "x", exercise=exercise, locale="fr")
        except CrisisCommsError:  # pragma: no cover - not expected, but allowed
            return
        assert all(f.family != "EXR" for f in findings) or exercise is not None
        marked = mark(text, "fr", demo_plan())
        assert is_marked(marked)
        assert "EXR001" not in _codes(check_marking(marked, "fr", exercise=True))

    @given(text=post_text)
    def test_a_marked_text_never_passes_as_real(self, text: str) -> None:
        """Whatever the text, once marked, a real-mode check reports it (EXR002)."""
        for locale in ("fr_FR", "en_GB", "de_DE", "es_ES", "ja_JP"):
            marked = mark(text, locale, demo_plan())
            assert "EXR002" in _codes(check_marking(marked, locale, exercise=False))
