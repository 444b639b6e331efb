"""`CrisisRecord` and `SituationChange`: the history of a crisis as an application logs it."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from crisiscomms import (
    CrisisCommsError,
    CrisisRecord,
    Mention,
    ModelError,
    NaiveDatetimeError,
    SentMessage,
    SituationChange,
)
from crisiscomms.samples import demo_situation

PARIS = ZoneInfo("Europe/Paris")
START = demo_situation()


def at(minutes: int) -> datetime:
    return START.detected_at + timedelta(minutes=minutes)


def sent(minutes: int, stakeholder: str = "customers", **fields: object) -> SentMessage:
    return SentMessage.model_validate(
        {"stakeholder": stakeholder, "channel": "status-page", "phase": "update",
         "sent_at": at(minutes), **fields}
    )  # fmt: skip


class TestSituationOverTime:
    def record(self) -> CrisisRecord:
        return CrisisRecord(
            situation=START,
            changes=[
                SituationChange(at=at(60), facts={"affected_customers": 15000}),
                SituationChange(at=at(120), severity="critical", reason="viral anger"),
                SituationChange(at=at(300), phase="resolved"),
            ],
        )

    def test_facts_in_force_follow_the_changes(self) -> None:
        """The facts in force at an instant are the detection's, with the changes up to it."""
        record = self.record()
        assert record.facts_at(at(59))["affected_customers"] == 12000
        assert record.facts_at(at(60))["affected_customers"] == 15000
        assert record.facts_at(at(400))["status_url"] == START.facts["status_url"]

    def test_severity_and_phase_follow_the_changes(self) -> None:
        """Severity and phase change at their instants; the facts' version counts revisions."""
        record = self.record()
        assert record.situation_at(at(119)).severity == "high"
        assert record.situation_at(at(120)).severity == "critical"
        assert record.situation_at(at(300)).phase.value == "resolved"
        assert record.situation_at(at(400)).facts_version == START.facts_version + 1

    def test_before_detection_is_the_detected_situation(self) -> None:
        """Asking before detection gives the situation as detected."""
        assert self.record().situation_at(at(-60)) == START

    def test_escalations_are_the_severity_changes(self) -> None:
        """The declared escalations are the changes that set a severity."""
        assert [c.reason for c in self.record().escalations] == ["viral anger"]

    def test_situations_list_each_state_with_its_instant(self) -> None:
        """`situations()` gives detection then one state per change."""
        states = self.record().situations()
        assert [t for t, _ in states] == [START.detected_at, at(60), at(120), at(300)]

    def test_end_is_the_last_event(self) -> None:
        """The end of a record is its last change, message or mention."""
        record = CrisisRecord(
            situation=START,
            sent=[sent(30)],
            mentions=[Mention(text="?", at=at(45)), Mention(text="?", at=at(10))],
        )
        assert record.end == at(45)
        assert CrisisRecord(situation=START).end == START.detected_at

    def test_naive_instant_is_refused(self) -> None:
        """Asking for a naive instant raises the library's naive-datetime error."""
        with pytest.raises(NaiveDatetimeError):
            self.record().situation_at(datetime(2026, 11, 24, 9))


class TestBadRecords:
    def test_changes_out_of_order_name_the_change(self) -> None:
        """Changes out of order are refused, naming the change."""
        with pytest.raises(ModelError, match=r"changes\[1\] \(late-fix\)"):
            CrisisRecord(
                situation=START,
                changes=[
                    SituationChange(at=at(60), severity="critical"),
                    SituationChange(at=at(30), phase="update", id="late-fix"),
                ],
            )

    def test_message_before_detection_is_refused(self) -> None:
        """A message dated before detection is refused, naming it."""
        with pytest.raises(ModelError, match=r"sent\[0\] \(early\).*before the crisis"):
            CrisisRecord(situation=START, sent=[sent(-5, id="early")])

    def test_messages_out_of_order_are_refused(self) -> None:
        """Messages out of order are refused, naming the later one."""
        with pytest.raises(ModelError, match=r"sent\[1\]"):
            CrisisRecord(situation=START, sent=[sent(30), sent(20)])

    def test_empty_change_is_refused(self) -> None:
        """A change that changes nothing is refused."""
        with pytest.raises(ModelError, match="changes nothing"):
            SituationChange(at=at(5))

    def test_naive_change_is_refused(self) -> None:
        """A change dated with a naive datetime is refused."""
        with pytest.raises(CrisisCommsError, match="aware"):
            SituationChange(at=datetime(2026, 11, 24, 9), phase="update")

    def test_unknown_field_is_refused(self) -> None:
        """Extra fields are refused, as for every model."""
        with pytest.raises(ModelError):
            CrisisRecord.model_validate({"situation": START.model_dump(), "notes": "x"})


class TestSerialisation:
    def test_json_round_trip_and_pickle(self) -> None:
        """A full record survives JSON and pickle, equal to itself."""
        record = CrisisRecord(
            situation=START,
            changes=[SituationChange(at=at(60), facts={"next_update": at(200)})],
            sent=[sent(30, text="Point d’étape : 12 000 clients.")],
            mentions=[Mention(text="Lumea vend les données", at=at(3), locale="fr")],
            label="breach",
        )
        assert CrisisRecord.model_validate_json(record.model_dump_json()) == record
        assert pickle.loads(pickle.dumps(record)) == record

    def test_json_schema_validates_a_record(self) -> None:
        """The JSON Schema accepts the JSON of a record and refuses one without a situation."""
        schema = CrisisRecord.json_schema()
        record = CrisisRecord(situation=START, sent=[sent(30, text="ok")])
        jsonschema.validate(record.model_dump(mode="json"), schema)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"sent": []}, schema)
