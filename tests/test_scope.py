"""Who a crisis concerns and how often they hear: `Stakeholder.crisis_types` and `update_every`.

One scope helper (`crisiscomms.model._scope`) decides it for selection,
drafting, the schedule, timeliness and the lint's coverage; these tests hold
each of them to it on the demo plan, changed the way a user would write it.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiscomms import (
    CrisisCommsError,
    DeadlineKind,
    Plan,
    PlanError,
    SentMessage,
    Stakeholder,
    draft_responses,
    evaluate_timeliness,
    lint_plan,
    load_plan,
    schedule,
    select_responses,
)
from crisiscomms.model._scope import cadence, concerned_stakeholders, concerns
from crisiscomms.samples import demo_plan, demo_situation

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


def _plan(**stakeholder_changes: dict[str, Any]) -> Plan:
    """The demo plan with some stakeholders changed, loaded like a user's plan."""
    document = demo_plan().model_dump(mode="json", exclude_unset=True)
    for holder in document["stakeholders"]:
        holder.update(stakeholder_changes.get(holder["id"], {}))
    return load_plan(document)


#: The regulator is told of data breaches only; the breach concerns it, the outage does not.
BREACHES_ONLY = _plan(regulators={"crisis_types": ["data-breach"]})
OUTAGE = demo_situation().model_copy(update={"crisis_type": "service-outage"})


class TestCrisisTypes:
    def test_an_empty_list_means_every_crisis_type(self) -> None:
        """A stakeholder without crisis types is concerned by every crisis (the default)."""
        plan = demo_plan()
        assert plan.stakeholder("regulators").crisis_types == ()
        assert "regulators" in {s.id for s in concerned_stakeholders(plan, OUTAGE)}

    def test_a_stakeholder_is_concerned_only_by_its_crisis_types(self) -> None:
        """The breach concerns the breach-only regulator; the outage does not."""
        regulator = BREACHES_ONLY.stakeholder("regulators")
        assert concerns(BREACHES_ONLY, regulator, "data-breach", "high")
        assert not concerns(BREACHES_ONLY, regulator, "service-outage", "critical")

    def test_no_selection_and_no_draft_for_a_crisis_that_does_not_concern_them(self) -> None:
        """select_responses and draft_responses leave the regulator out of the outage."""
        selected = select_responses(BREACHES_ONLY, OUTAGE, now=NOW)
        assert "regulators" not in selected.stakeholders
        drafts = draft_responses(BREACHES_ONLY, OUTAGE, now=NOW)
        assert all(d.message.stakeholder != "regulators" for d in drafts.drafts)
        assert all(g.stakeholder != "regulators" for g in drafts.gaps)
        breach = select_responses(BREACHES_ONLY, demo_situation(), now=NOW)
        assert "regulators" in breach.stakeholders

    def test_no_first_statement_or_obligation_deadline(self) -> None:
        """The schedule of an outage has no deadline for the breach-only regulator."""
        assert not schedule(BREACHES_ONLY, OUTAGE).for_stakeholder("regulators")
        assert "regulators" in {d.stakeholder for d in schedule(demo_plan(), OUTAGE)}

    def test_an_obligation_to_it_applies_only_to_its_crisis_types(self) -> None:
        """An obligation without crisis types is owed to the regulator only for its own."""
        document = BREACHES_ONLY.model_dump(mode="json", exclude_unset=True)
        document["obligations"].append(
            {"id": "any-crisis", "label": "Report", "stakeholder": "regulators", "within": "P1D"}
        )
        plan = load_plan(document)
        ids = {d.id for d in schedule(plan, demo_situation())}
        assert "obligation/any-crisis" in ids
        assert "obligation/any-crisis" not in {d.id for d in schedule(plan, OUTAGE)}

    def test_no_cadence_page_after_a_message_sent_to_them_anyway(self) -> None:
        """A message to a stakeholder the crisis does not concern sets no update, none overdue."""
        message = SentMessage(
            stakeholder="regulators",
            channel="email",
            phase="initial",
            sent_at=datetime(2026, 11, 24, 9, 20, tzinfo=PARIS),
        )
        assert not schedule(BREACHES_ONLY, OUTAGE, sent=[message]).for_stakeholder("regulators")
        later = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
        report = evaluate_timeliness(BREACHES_ONLY, OUTAGE, [message], now=later)
        assert all(s.deadline.stakeholder != "regulators" for s in report.states)

    def test_lint_does_not_ask_for_statements_they_never_get(self) -> None:
        """The coverage matrix marks the outage cells of the regulator as not told, and why."""
        cells = [
            c
            for c in lint_plan(BREACHES_ONLY, now=NOW).coverage
            if c.stakeholder == "regulators" and c.crisis_type == "service-outage"
        ]
        assert cells
        assert {c.state.value for c in cells} == {"not_told"}
        assert "told of 'data-breach' only" in cells[0].reason

    def test_an_unknown_crisis_type_is_a_plan_problem_with_its_path(self) -> None:
        """The loader checks the ids like every other reference."""
        with pytest.raises(PlanError, match=r"stakeholders\[3\]\.crisis_types\[0\]"):
            _plan(regulators={"crisis_types": ["water-contamination"]})


class TestUpdateEvery:
    def test_the_stakeholders_cadence_replaces_the_severitys(self) -> None:
        """With update_every PT6H the media's next update is six hours out, not two."""
        plan = _plan(media={"update_every": "PT6H"})
        first = datetime(2026, 11, 24, 9, 20, tzinfo=PARIS)
        message = SentMessage(stakeholder="media", channel="press", phase="initial", sent_at=first)
        update = schedule(plan, demo_situation(), sent=[message]).deadline("update/media/1")
        assert update.due_at == first + timedelta(hours=6)
        assert "stakeholder 'media': an update every 6 hours" in update.reason
        default = schedule(demo_plan(), demo_situation(), sent=[message]).deadline(
            "update/media/1"
        )
        assert default.due_at == first + timedelta(hours=2)

    def test_none_means_no_cadence(self) -> None:
        """update_every 'none': the regulator is told once and paged for no update."""
        plan = _plan(regulators={"update_every": "none"})
        message = SentMessage(
            stakeholder="regulators",
            channel="email",
            phase="initial",
            sent_at=datetime(2026, 11, 24, 9, 20, tzinfo=PARIS),
        )
        deadlines = schedule(plan, demo_situation(), sent=[message]).for_stakeholder("regulators")
        assert deadlines
        assert DeadlineKind.UPDATE not in {d.kind for d in deadlines}
        report = evaluate_timeliness(
            plan, demo_situation(), [message], now=datetime(2026, 11, 24, 20, tzinfo=UTC)
        )
        assert not [s for s in report.states if s.deadline.id.startswith("update/regulators")]

    def test_cadence_helper(self) -> None:
        """Unset: the severity's cadence; a duration: its own; 'none': None."""
        plan = demo_plan()
        media = plan.stakeholder("media")
        assert cadence(plan, media, "critical") == plan.severity("critical").update_every
        assert cadence(plan, media.model_copy(update={"update_every": timedelta(hours=5)}), "low")
        assert cadence(plan, media.model_copy(update={"update_every": "none"}), "low") is None

    def test_json_round_trip_and_schema(self) -> None:
        """'none' and durations survive JSON; the schema offers both."""
        plan = _plan(media={"update_every": "PT6H"}, regulators={"update_every": "none"})
        again = load_plan(plan.to_json())
        assert again.stakeholder("media").update_every == timedelta(hours=6)
        assert again.stakeholder("regulators").update_every == "none"
        schema = Plan.json_schema()
        field = schema["$defs"]["Stakeholder"]["properties"]["update_every"]
        assert {"const": "none"} in field["anyOf"][0]["anyOf"]

    @pytest.mark.parametrize("value", [30, "30", "never", "PT0S", "-PT1H", "", True], ids=repr)
    def test_anything_else_is_refused_with_the_fix(self, value: object) -> None:
        """A number, another word, a zero or negative duration: refused, with the fix."""
        with pytest.raises(PlanError, match="'none' for no update cadence"):
            _plan(media={"update_every": value})

    @given(st.one_of(st.text(max_size=12), st.integers(), st.floats(), st.none()))
    def test_any_value_loads_or_raises_the_librarys_error(self, value: object) -> None:
        """Whatever update_every holds, the model accepts it or raises CrisisCommsError."""
        with contextlib.suppress(CrisisCommsError):
            Stakeholder.model_validate(
                {
                    "id": "s",
                    "label": "S",
                    "kind": "media",
                    "channels": ["x"],
                    "locales": ["en_GB"],
                    "update_every": value,
                }
            )
