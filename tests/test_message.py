from __future__ import annotations

import pickle

import attrs
import pytest

from crisiscomms import InputError, Message


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
