from __future__ import annotations

import pickle

import attrs
import pytest

from crisiscomms import (
    InputError,
    InputTypeError,
    InputValueError,
    Message,
    Phase,
    Plan,
    check_consistency,
    load_plan,
)
from crisiscomms.samples import demo_plan


class TestMessage:
    def test_label_prefers_the_id(self) -> None:
        """A message with an id is named by it in reports."""
        assert Message("t", channel="sms", locale="fr_FR", id="sms-1").label == "sms-1"

    def test_label_without_id_joins_what_is_known(self) -> None:
        """Without an id the label is stakeholder/channel/locale."""
        m = Message("t", channel="sms", locale="fr_FR", stakeholder="customers")
        assert m.label == "customers/sms/fr_FR"

    @pytest.mark.parametrize("field", ["text", "channel", "locale", "id"])
    def test_required_text_fields_refuse_other_types(self, field: str) -> None:
        """A text field given something else is an InputError naming the field."""
        values: dict[str, object] = {"text": "t", "channel": "x", "locale": "en_GB", field: 3}
        with pytest.raises(InputError, match=f"^{field}: expected a str, got int 3"):
            Message(**values)  # type: ignore[arg-type]

    @pytest.mark.parametrize("field", ["stakeholder", "template_id", "timezone"])
    def test_optional_fields_refuse_other_types(self, field: str) -> None:
        """An optional field takes a str or None, nothing else."""
        with pytest.raises(InputError, match=f"^{field}: expected a str or None"):
            Message("t", channel="x", locale="en_GB", **{field: b"x"})  # type: ignore[arg-type]

    def test_value_laws(self) -> None:
        """Messages are frozen, equal by value, hashable and picklable."""
        a = Message("t", channel="x", locale="en_GB", timezone="Europe/London")
        assert a == Message("t", channel="x", locale="en_GB", timezone="Europe/London")
        assert len({a, pickle.loads(pickle.dumps(a))}) == 1
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            a.text = "other"  # type: ignore[misc]


class TestPhase:
    @pytest.mark.parametrize("phase", list(Phase))
    def test_a_phase_or_its_value(self, phase: Phase) -> None:
        """phase takes a Phase or its value and keeps the Phase."""
        assert Message("t", channel="x", locale="en_GB", phase=phase.value).phase is phase
        assert Message("t", channel="x", locale="en_GB", phase=phase).phase is phase

    def test_none_by_default(self) -> None:
        """A message says no phase unless told."""
        assert Message("t", channel="x", locale="en_GB").phase is None

    @pytest.mark.parametrize("value", ["Resolved", "closed", ""])
    def test_an_unknown_phase_names_the_phases(self, value: str) -> None:
        """A text that is no phase is an InputValueError listing the phases."""
        with pytest.raises(InputValueError, match="'initial', 'update', 'resolved'"):
            Message("t", channel="x", locale="en_GB", phase=value)

    def test_another_type_is_a_type_error(self) -> None:
        """A phase of another type is an InputTypeError."""
        with pytest.raises(InputTypeError, match=r"^phase: expected a crisiscomms\.Phase"):
            Message("t", channel="x", locale="en_GB", phase=3)


def _next_update_required() -> Plan:
    """The demo plan with next_update required in the initial and update phases."""
    document = demo_plan().model_dump(mode="json", exclude_unset=True)
    for fact in document["facts"]:
        if fact["name"] == "next_update":
            fact["required"] = True
    return load_plan(document)


class TestPhaseInConsistency:
    RESOLVED = "Résolu : le service fonctionne de nouveau. Détails : https://status.lumea.fr/"

    def test_a_hand_written_resolved_post_is_not_held_to_the_next_update(self) -> None:
        """With phase='resolved', the post need not state next_update (no CON005)."""
        plan = _next_update_required()
        post = Message(self.RESOLVED, channel="x-fr", locale="fr_FR", phase="resolved")
        report = check_consistency([post], plan=plan)
        assert not [
            f for f in report.findings if f.code == "CON005" and "next_update" in f.message
        ]

    def test_without_a_phase_it_is_held_to_every_phase(self) -> None:
        """The same post without a phase (and no template) still lacks next_update."""
        plan = _next_update_required()
        post = Message(self.RESOLVED, channel="x-fr", locale="fr_FR")
        report = check_consistency([post], plan=plan)
        assert [f for f in report.findings if f.code == "CON005" and "next_update" in f.message]

    def test_an_update_post_is_held_to_it(self) -> None:
        """phase='update' keeps the rule of the update phase, and says so."""
        plan = _next_update_required()
        post = Message(self.RESOLVED, channel="x-fr", locale="fr_FR", phase="update")
        found = [f for f in check_consistency([post], plan=plan).findings if f.code == "CON005"]
        assert any("in the update phase" in f.message for f in found)

    def test_the_messages_phase_wins_over_its_templates(self) -> None:
        """A message from an initial template, marked resolved, is read as resolved."""
        plan = _next_update_required()
        post = Message(
            self.RESOLVED,
            channel="x-fr",
            locale="fr_FR",
            template_id="breach-social-fr",
            phase=Phase.RESOLVED,
        )
        report = check_consistency([post], plan=plan)
        assert not [
            f for f in report.findings if f.code == "CON005" and "next_update" in f.message
        ]
