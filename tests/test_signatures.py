"""Approvals that bind what was approved (template digest) and who approved it (signatures)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    Approval,
    ApprovalStatus,
    InputError,
    MessageTemplate,
    ModelError,
    Person,
    PlanError,
    Signature,
    approval_payload,
    approval_status,
    load_plan,
    public_key_of,
    select_response,
    select_responses,
    sign_approval,
    template_digest,
)
from crisiscomms.model._elements import text_digest
from crisiscomms.samples import demo_plan, demo_private_key, demo_situation

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
PLAN = demo_plan()


def _with(template: MessageTemplate, **changes: Any) -> MessageTemplate:
    return template.model_copy(update=changes)


def _status(template: MessageTemplate, plan: Any = PLAN, severity: str = "high") -> Any:
    return approval_status(template, plan, severity=severity, now=NOW)


def _oracle(template: MessageTemplate) -> str:
    """The documented recipe, written again from the docs."""
    canonical = {
        "form": "crisiscomms.template/1",
        "text": unicodedata.normalize("NFC", template.text),
        "key": template.key,
        "locale": template.locale,
        "phase": template.phase.value,
        **{
            name: sorted(set(getattr(template, name)))
            for name in ("crisis_types", "severities", "stakeholders", "channels")
        },
    }
    data = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class TestTemplateDigest:
    """The digest covers the text and everything that decides where a template goes."""

    def test_follows_the_documented_recipe(self) -> None:
        """For every demo template, the digest is the documented canonical form's SHA-256."""
        for template in PLAN.templates:
            assert template_digest(template) == template.digest == _oracle(template)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("text", "Autre texte : {status_url}"),
            ("key", "another-key"),
            ("locale", "en_GB"),
            ("phase", "update"),
            ("crisis_types", ("service-outage",)),
            ("severities", ("low",)),
            ("stakeholders", ("employees", "customers")),
            ("channels", ("sms",)),
        ],
    )
    def test_a_change_of_any_bound_field_is_tampering(self, field: str, value: object) -> None:
        """Changing the text, key, locale, phase or any scope list voids the approval (APR003)."""
        staff = PLAN.template("breach-staff-fr")
        assert _status(staff).is_approved
        state = _status(_with(staff, **{field: value}))
        assert state.status is ApprovalStatus.TAMPERED
        assert [f.code for f in state.findings] == ["APR003"]
        assert "where it may be sent" in state.reasons[0]

    def test_order_and_repeats_in_a_scope_list_are_not_changes(self) -> None:
        """Reordering or repeating ids does not change where the template may go."""
        social = PLAN.template("breach-social-fr")
        shuffled = _with(social, channels=(*reversed(social.channels), social.channels[0]))
        assert shuffled.digest == social.digest
        assert _status(shuffled).is_approved

    def test_the_staff_briefing_is_not_sent_to_customers_by_sms(self) -> None:
        """The issue's case: an internal briefing widened to customers is refused, not selected."""
        document = PLAN.model_dump(mode="json")
        for template in document["templates"]:
            del template["digest"]
            if template["id"] == "breach-staff-fr":
                template["stakeholders"] = ["employees", "customers"]
                template["channels"] = []
        plan = load_plan(document)
        chosen = select_response(
            plan, demo_situation(), stakeholder="customers", channel="sms", now=NOW
        )
        assert chosen.template_id != "breach-staff-fr"
        every = select_responses(plan, demo_situation(), now=NOW)
        assert all(s.template_id != "breach-staff-fr" for s in every.selections[1:])
        assert _status(plan.template("breach-staff-fr")).status is ApprovalStatus.TAMPERED

    def test_a_relabelled_locale_is_no_exact_match(self) -> None:
        """The issue's case: a French text relabelled en_GB does not count as approved."""
        relabelled = _with(PLAN.template("breach-social-fr"), locale="en_GB")
        assert _status(relabelled).status is ApprovalStatus.TAMPERED

    def test_a_digest_of_the_text_alone_does_not_count(self) -> None:
        """An approval in the older, text-only form binds no scope: it is refused, and said so."""
        sms = PLAN.template("breach-sms-fr")
        assert sms.approval is not None
        old = sms.approval.model_copy(update={"digest": text_digest(sms.text), "signatures": ()})
        state = _status(_with(sms, approval=old))
        assert state.status is ApprovalStatus.TAMPERED
        assert "covers the text only" in state.reasons[0]

    def test_wrong_argument(self) -> None:
        """template_digest takes a template."""
        with pytest.raises(InputError, match="MessageTemplate"):
            template_digest("text")  # type: ignore[arg-type]


def _key(seed: int) -> bytes:
    return hashlib.sha256(f"test key {seed}".encode()).digest()


def _signed_plan(*, required_from: str | None = None) -> Any:
    """The demo with its SMS template, unsigned; optionally requiring signatures."""
    changes: dict[str, Any] = {"signatures_required_from": required_from}
    return PLAN.model_copy(update=changes)


def _unsigned(template_id: str = "breach-sms-fr") -> MessageTemplate:
    template = PLAN.template(template_id)
    assert template.approval is not None
    return _with(template, approval=template.approval.model_copy(update={"signatures": ()}))


def _signed_by(template: MessageTemplate, *people: str) -> MessageTemplate:
    approval = template.approval
    assert approval is not None
    for person in people:
        approval = sign_approval(approval, by=person, private_key=demo_private_key(person))
    return _with(template, approval=approval)


class TestSignatures:
    """Signatures prove who approved; the plan may require them from a severity up."""

    def test_the_demo_is_signed_by_every_approver(self) -> None:
        """Every demo approval carries a signature of each approver that verifies."""
        for template in PLAN.templates:
            assert template.approval is not None
            assert [s.by for s in template.approval.signatures] == list(
                template.approval.approved_by
            )
        strict = _signed_plan(required_from="low")
        verdicts = {t.id: _status(t, strict).status for t in PLAN.templates}
        assert verdicts == {t.id: _status(t).status for t in PLAN.templates}
        assert not any(f.code == "APR010" for t in PLAN.templates for f in _status(t).findings)

    def test_unsigned_is_approved_with_an_info_when_not_required(self) -> None:
        """Without the requirement, behaviour is as before, plus an info APR010."""
        state = _status(_unsigned())
        assert state.is_approved
        assert [(f.code, f.level.value) for f in state.findings] == [("APR010", "info")]

    @pytest.mark.parametrize(
        ("required_from", "severity", "status"),
        [
            ("high", "high", ApprovalStatus.UNSIGNED),
            ("high", "critical", ApprovalStatus.UNSIGNED),
            ("high", "moderate", ApprovalStatus.APPROVED),
            ("low", "low", ApprovalStatus.UNSIGNED),
        ],
    )
    def test_required_from_a_severity_up(
        self, required_from: str, severity: str, status: ApprovalStatus
    ) -> None:
        """Signatures are required at the named severity and above, not below."""
        plan = _signed_plan(required_from=required_from)
        assert _status(_unsigned(), plan, severity).status is status

    def test_one_signature_of_two_required_is_not_enough(self) -> None:
        """Only signed approvers count when signatures are required."""
        plan = _signed_plan(required_from="high")
        half = _signed_by(_unsigned(), "sophie-martin")
        state = _status(half, plan)
        assert state.status is ApprovalStatus.UNSIGNED
        assert state.approvers == ("sophie-martin",)
        assert "'thomas-leroy' has not signed" in state.reasons[0]
        assert _status(_signed_by(half, "thomas-leroy"), plan).is_approved

    def test_wrong_key(self) -> None:
        """A signature made with someone else's key is a bad signature, required or not."""
        wrong = _unsigned().approval
        assert wrong is not None
        wrong = sign_approval(wrong, by="thomas-leroy", private_key=demo_private_key("sophie"))
        state = _status(_with(_unsigned(), approval=wrong))
        assert state.status is ApprovalStatus.BAD_SIGNATURE
        assert "APR009" in {f.code for f in state.findings}

    @pytest.mark.parametrize(
        "change",
        [
            {"approved_at": datetime(2026, 9, 14, 8, 0, tzinfo=UTC)},
            {"expires_at": datetime(2030, 1, 1, tzinfo=UTC)},
            {"expires_at": None},
        ],
    )
    def test_an_edited_approval_no_longer_verifies(self, change: dict[str, Any]) -> None:
        """Moving the approval date or the expiry after signing breaks the signatures."""
        sms = PLAN.template("breach-sms-fr")
        assert sms.approval is not None
        edited = _with(sms, approval=sms.approval.model_copy(update=change))
        assert _status(edited).status is ApprovalStatus.BAD_SIGNATURE

    def test_a_signature_moved_to_another_template_does_not_verify(self) -> None:
        """A signature binds its digest: copied onto another template's approval it fails."""
        sms, social = PLAN.template("breach-sms-fr"), PLAN.template("breach-social-fr")
        assert sms.approval is not None
        assert social.approval is not None
        stolen = sms.approval.model_copy(update={"digest": social.digest})
        assert _status(_with(social, approval=stolen)).status is ApprovalStatus.BAD_SIGNATURE

    def test_a_signer_the_approval_does_not_name(self) -> None:
        """A signature by someone who is not among approved_by is refused."""
        approval = _unsigned().approval
        assert approval is not None
        outsider = Signature(by="karim-benali", value="00" * 64)
        forged = approval.model_copy(update={"signatures": (outsider,)})
        assert _status(_with(_unsigned(), approval=forged)).status is (
            ApprovalStatus.BAD_SIGNATURE
        )

    def test_a_person_without_keys_cannot_have_signed(self) -> None:
        """Without public keys in the plan, a signature cannot verify."""
        people = tuple(p.model_copy(update={"public_keys": ()}) for p in PLAN.people)
        plan = PLAN.model_copy(update={"people": people})
        assert _status(PLAN.template("breach-sms-fr"), plan).status is (
            ApprovalStatus.BAD_SIGNATURE
        )

    def test_any_of_several_keys_verifies(self) -> None:
        """A person may hold several keys (a new one and the one it replaces)."""
        key = Ed25519PrivateKey.from_private_bytes(_key(1))
        people = tuple(
            p.model_copy(update={"public_keys": (public_key_of(key), *p.public_keys)})
            for p in PLAN.people
        )
        plan = PLAN.model_copy(update={"people": people, "signatures_required_from": "low"})
        assert _status(PLAN.template("breach-sms-fr"), plan).is_approved
        approval = _unsigned().approval
        assert approval is not None
        by_new = sign_approval(approval, by="sophie-martin", private_key=key)
        by_new = sign_approval(by_new, by="thomas-leroy", private_key=key)
        assert _status(_with(_unsigned(), approval=by_new), plan).is_approved

    def test_signing_again_replaces_the_signature(self) -> None:
        """One signature per approver: signing twice keeps the newest."""
        approval = PLAN.template("breach-sms-fr").approval
        assert approval is not None
        again = sign_approval(
            approval, by="sophie-martin", private_key=demo_private_key("sophie-martin")
        )
        assert sorted(s.by for s in again.signatures) == ["sophie-martin", "thomas-leroy"]

    def test_the_payload_is_the_same_instant_in_any_zone(self) -> None:
        """The signed bytes name instants, so writing a date in another zone changes nothing."""
        approval = PLAN.template("breach-sms-fr").approval
        assert approval is not None
        tokyo = approval.model_copy(
            update={"approved_at": approval.approved_at.astimezone(ZoneInfo("Asia/Tokyo"))}
        )
        assert approval_payload(tokyo, "sophie-martin") == approval_payload(
            approval, "sophie-martin"
        )
        assert _status(_with(PLAN.template("breach-sms-fr"), approval=tokyo)).is_approved

    def test_payload_at_the_ends_of_the_datetime_range(self) -> None:
        """Dates near year 1 and 9999 in any offset give a payload, never an OverflowError."""
        approval = Approval(
            approved_by=["a"],
            approved_at=datetime.min.replace(tzinfo=ZoneInfo("Asia/Tokyo")),
            expires_at=datetime.max.replace(tzinfo=ZoneInfo("America/Los_Angeles")),
            digest="0" * 64,
        )
        assert b'"approver":"a"' in approval_payload(approval, "a")

    def test_signed_plan_round_trips_through_json(self) -> None:
        """Keys and signatures survive to_json and load_plan, and still verify."""
        again = load_plan(PLAN.to_json())
        assert again == PLAN
        strict = again.model_copy(update={"signatures_required_from": "low"})
        assert _status(again.template("breach-sms-fr"), strict).is_approved


class TestBadInput:
    """Keys, signatures and settings of the wrong form are the library's errors."""

    @pytest.mark.parametrize("key", ["ab" * 31, "AB" * 32, "zz" * 32, ""])
    def test_public_key_form(self, key: str) -> None:
        """A public key is 64 lowercase hex digits."""
        with pytest.raises(ModelError, match="Ed25519 public key"):
            Person(id="p", name="P", roles=["r"], public_keys=[key])

    @pytest.mark.parametrize("value", ["ab" * 63, "AB" * 64])
    def test_signature_form(self, value: str) -> None:
        """A signature is 128 lowercase hex digits."""
        with pytest.raises(ModelError, match="Ed25519 signature"):
            Signature(by="p", value=value)

    @pytest.mark.parametrize("key", [b"short", "a" * 32, 42, None])
    def test_private_key_form(self, key: object) -> None:
        """A private key is cryptography's Ed25519PrivateKey or its 32 raw bytes."""
        approval = PLAN.template("breach-sms-fr").approval
        assert approval is not None
        with pytest.raises(InputError, match="Ed25519 private key"):
            sign_approval(approval, by="sophie-martin", private_key=key)  # type: ignore[arg-type]
        with pytest.raises(InputError, match="Ed25519 private key"):
            public_key_of(key)  # type: ignore[arg-type]

    def test_signer_must_be_an_approver(self) -> None:
        """sign_approval refuses a signer the approval does not name."""
        approval = PLAN.template("breach-sms-fr").approval
        assert approval is not None
        with pytest.raises(InputError, match="one of the approvers"):
            sign_approval(approval, by="karim-benali", private_key=_key(2))

    @pytest.mark.parametrize("argument", ["approval", "approver"])
    def test_payload_arguments(self, argument: str) -> None:
        """approval_payload takes an Approval and a person id."""
        approval = PLAN.template("breach-sms-fr").approval
        args: dict[str, Any] = {"approval": approval, "approver": "sophie-martin"}
        args[argument] = 42
        with pytest.raises(InputError):
            approval_payload(args["approval"], args["approver"])

    def test_unknown_severity_in_the_setting(self) -> None:
        """load_plan reports a signatures_required_from that is not a severity, with its path."""
        document = PLAN.model_dump(mode="json")
        document["signatures_required_from"] = "huge"
        with pytest.raises(PlanError) as info:
            load_plan(document)
        assert [p.path for p in info.value.problems] == ["signatures_required_from"]

    def test_cryptography_is_imported_lazily(self) -> None:
        """Importing crisiscomms and loading a plan without signatures never loads it."""
        code = (
            "import sys, crisiscomms\n"
            "crisiscomms.load_plan({'name': 'n', 'default_locale': 'fr_FR',"
            " 'timezone': 'Europe/Paris', 'severities': [{'id': 'low', 'label': 'L',"
            " 'first_statement_within': 'PT1H', 'update_every': 'PT1H'}],"
            " 'templates': [{'id': 't', 'key': 't', 'locale': 'fr_FR', 'phase': 'initial',"
            " 'text': 'ok'}]})\n"
            "print('cryptography' in sys.modules)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "False"


class TestProperties:
    """No change to a signed approval, and no other key, keeps its signatures valid."""

    @settings(max_examples=60, deadline=None)
    @given(
        shift=st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=900)),
        field=st.sampled_from(["approved_at", "expires_at", "digest", "key"]),
        seed=st.integers(0, 2**32),
    )
    def test_tampering_never_verifies(self, shift: timedelta, field: str, seed: int) -> None:
        """Shifting a date, changing the digest or signing with another key is refused."""
        sms = PLAN.template("breach-sms-fr")
        approval = sms.approval
        assert approval is not None
        if field == "key":
            approval = sign_approval(approval, by="thomas-leroy", private_key=_key(seed))
        elif field == "digest":
            digest = hashlib.sha256(str(seed).encode()).hexdigest()
            approval = approval.model_copy(update={"digest": digest})
        else:
            # Earlier approval, later expiry: the approval stays well-formed.
            sign = -1 if field == "approved_at" else 1
            value = getattr(approval, field)
            approval = approval.model_copy(update={field: value + sign * shift})
        assert _status(_with(sms, approval=approval)).status in {
            ApprovalStatus.BAD_SIGNATURE,
            ApprovalStatus.TAMPERED,
        }
