"""`approval_status`: whether a template's approval counts, now, at a severity."""

from __future__ import annotations

import gc
import pickle
import weakref
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    ApprovalState,
    ApprovalStatus,
    InputError,
    Level,
    MessageTemplate,
    NaiveDatetimeError,
    Plan,
    approval_status,
    load_plan,
)
from crisiscomms._selection import _approvals
from crisiscomms.samples import demo_plan

from .strategies import INSTANTS, TIMELINE_ZONES, generated_plans, plan_document, template

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


def _one(plan_template: dict[str, object], **changes: object) -> tuple[MessageTemplate, Plan]:
    """A plan holding `plan_template` (plus a default-locale template) and that template."""
    filler = template("filler")
    plan = load_plan(plan_document([filler, plan_template], **changes))
    return plan.template(str(plan_template["id"])), plan


class TestDemoPlan:
    """The demo plan's templates, judged on the morning of the demo crisis."""

    @pytest.mark.parametrize(
        ("template_id", "severity", "status"),
        [
            ("breach-sms-fr", "high", ApprovalStatus.APPROVED),
            ("breach-instagram-fr", "high", ApprovalStatus.TAMPERED),
            ("breach-investors-en", "high", ApprovalStatus.EXPIRED),
            ("breach-staff-fr", "high", ApprovalStatus.APPROVED),
            ("outage-fr", "high", ApprovalStatus.INSUFFICIENT),
            ("outage-fr", "moderate", ApprovalStatus.APPROVED),
            ("outage-fr", "critical", ApprovalStatus.INSUFFICIENT),
            ("outage-fr", "low", ApprovalStatus.APPROVED),
        ],
    )
    def test_status(self, template_id: str, severity: str, status: ApprovalStatus) -> None:
        """Each demo template has the status its approval and the severity give it."""
        plan = demo_plan()
        state = approval_status(plan.template(template_id), plan, severity=severity, now=NOW)
        assert state.status is status
        assert state.template_id == template_id
        assert state.severity == severity
        assert state.is_approved is (status is ApprovalStatus.APPROVED)

    def test_approved_names_the_approvers_counted(self) -> None:
        """An approved state lists the approvers that counted and says so in words."""
        plan = demo_plan()
        state = approval_status(plan.template("breach-long-fr"), plan, severity="high", now=NOW)
        assert state.approvers == ("sophie-martin", "thomas-leroy")
        assert state.required == 2
        assert state.findings == ()
        assert "approved by 'sophie-martin' and 'thomas-leroy'" in state.reasons[0]
        assert "(2 of 2 required at severity 'high')" in state.reasons[0]

    def test_expired_says_when(self) -> None:
        """An expired approval names its expiry and the instant of the judgement."""
        plan = demo_plan()
        state = approval_status(
            plan.template("breach-investors-en"), plan, severity="high", now=NOW
        )
        assert state.reasons == (
            "the approval expired on 2026-10-31T12:00+01:00, before now (2026-11-24T09:00+00:00)",
        )
        assert [f.code for f in state.findings] == ["APR002"]

    def test_tampered_names_both_digests(self) -> None:
        """A tampered approval shows the approved and the current digests."""
        plan = demo_plan()
        tampered = plan.template("breach-instagram-fr")
        state = approval_status(tampered, plan, severity="high", now=NOW)
        assert tampered.approval is not None
        assert tampered.approval.digest[:12] in state.reasons[0]
        assert tampered.digest[:12] in state.reasons[0]
        assert state.findings[0].code == "APR003"
        assert state.findings[0].subject == "breach-instagram-fr"
        assert "approved again" in state.findings[0].message

    def test_insufficient_names_the_approver_without_a_role(self) -> None:
        """Counting only approver roles, the reason names who holds none."""
        doc = template("t", by=("sophie-martin", "julien-moreau"))
        one, plan = _one(doc)
        state = approval_status(one, plan, severity="high", now=NOW)
        assert state.status is ApprovalStatus.INSUFFICIENT
        assert state.approvers == ("sophie-martin",)
        assert "1 of the 2 approvers required at severity 'high'" in state.reasons[0]
        assert "'julien-moreau' holds none of them" in state.reasons[0]


class TestRules:
    """Each rule of a valid approval, one at a time."""

    def test_missing(self) -> None:
        """A template without an approval is missing one."""
        one, plan = _one(template("t", approved=False))
        state = approval_status(one, plan, severity="low", now=NOW)
        assert state.status is ApprovalStatus.MISSING
        assert state.reasons == ("the template has no approval",)
        assert [f.code for f in state.findings] == ["APR001"]

    def test_approved_after_now_does_not_count_yet(self) -> None:
        """An approval dated after `now` is missing at `now`."""
        one, plan = _one(template("t", at=NOW + timedelta(minutes=1)))
        state = approval_status(one, plan, severity="low", now=NOW)
        assert state.status is ApprovalStatus.MISSING
        assert "after now" in state.reasons[0]

    def test_approved_exactly_at_now_counts(self) -> None:
        """An approval given at `now` counts at `now`."""
        one, plan = _one(template("t", at=NOW))
        assert approval_status(one, plan, severity="low", now=NOW).is_approved

    def test_expiring_exactly_at_now_has_expired(self) -> None:
        """An approval expiring at `now` no longer counts at `now`."""
        one, plan = _one(template("t", expires=NOW))
        state = approval_status(one, plan, severity="low", now=NOW)
        assert state.status is ApprovalStatus.EXPIRED
        before = approval_status(one, plan, severity="low", now=NOW - timedelta(seconds=1))
        assert before.is_approved

    def test_without_expiry(self) -> None:
        """An approval without expiry counts for ever and says so."""
        one, plan = _one(template("t", expires=None))
        state = approval_status(one, plan, severity="low", now=datetime(2099, 1, 1, tzinfo=UTC))
        assert state.is_approved
        assert "without expiry" in state.reasons[0]

    def test_unknown_approver(self) -> None:
        """An approval naming someone outside the plan's people does not count."""
        one, plan = _one(template("t", by=("amelie-durand", "sophie-martin", "ghost")))
        state = approval_status(one, plan, severity="high", now=NOW)
        assert state.status is ApprovalStatus.UNKNOWN_APPROVER
        assert "'ghost', who is not among the plan's people" in state.reasons[0]
        assert state.approvers == ("amelie-durand", "sophie-martin")

    def test_distinct_approvers(self) -> None:
        """The same person twice counts once."""
        one, plan = _one(template("t", by=("sophie-martin", "sophie-martin")))
        state = approval_status(one, plan, severity="high", now=NOW)
        assert state.status is ApprovalStatus.INSUFFICIENT
        assert state.approvers == ("sophie-martin",)

    def test_any_role_that_can_approve_when_the_severity_names_none(self) -> None:
        """A severity without approver roles accepts every role with `can_approve`."""
        one, plan = _one(template("t", by=("thomas-leroy",)))
        assert plan.severity("low").approver_roles == ()
        assert approval_status(one, plan, severity="low", now=NOW).is_approved
        staff, plan = _one(template("t", by=("julien-moreau",)))
        state = approval_status(staff, plan, severity="low", now=NOW)
        assert state.status is ApprovalStatus.INSUFFICIENT
        assert "(comms-director, crisis-lead, legal-counsel)" in state.reasons[0]

    def test_the_severity_roles_restrict_who_counts(self) -> None:
        """When a severity names approver roles, other approving roles do not count."""
        doc = plan_document([template("t", by=("thomas-leroy", "ines-garcia"))])
        doc["severities"][2]["approver_roles"] = ["crisis-lead", "comms-director"]
        plan = load_plan(doc)
        state = approval_status(plan.template("t"), plan, severity="high", now=NOW)
        assert state.status is ApprovalStatus.INSUFFICIENT
        assert state.approvers == ()
        assert "(comms-director, crisis-lead)" in state.reasons[0]

    def test_unicode_normal_form_is_not_an_edit(self) -> None:
        """Approving the NFD form of the same text still counts (digests are NFC)."""
        text = "Caf\u00e9 ferm\u00e9 : {status_url}"
        nfd = "Cafe\u0301 ferme\u0301 : {status_url}"
        one, plan = _one(template("t", text=text, approved_text=nfd))
        assert approval_status(one, plan, severity="low", now=NOW).is_approved

    def test_any_edit_revokes(self) -> None:
        """One character changed after approval revokes it."""
        one, plan = _one(
            template("t", text="Infos : {status_url}", approved_text="Infos: {status_url}")
        )
        assert approval_status(one, plan, severity="low", now=NOW).status is (
            ApprovalStatus.TAMPERED
        )

    def test_every_problem_is_reported_and_the_worst_names_the_status(self) -> None:
        """Tampered, unknown, expired and insufficient together: all four findings."""
        doc = template(
            "t",
            text="new text {status_url}",
            approved_text="old text {status_url}",
            by=("ghost",),
            expires=NOW - timedelta(days=1),
        )
        one, plan = _one(doc)
        state = approval_status(one, plan, severity="high", now=NOW)
        assert state.status is ApprovalStatus.TAMPERED
        assert [f.code for f in state.findings] == ["APR003", "APR005", "APR002", "APR004"]
        assert all(f.level is Level.ERROR for f in state.findings)
        assert len(state.reasons) == 4

    def test_a_template_outside_the_plan_can_be_judged(self) -> None:
        """A draft template not yet in the plan is judged against the plan's team."""
        plan = demo_plan()
        draft = MessageTemplate.model_validate(
            template("draft", by=("karim-benali", "ines-garcia"))
        )
        assert approval_status(draft, plan, severity="critical", now=NOW).is_approved

    def test_a_severity_object_is_accepted(self) -> None:
        """`severity` may be the level itself rather than its id."""
        plan = demo_plan()
        state = approval_status(
            plan.template("breach-sms-fr"), plan, severity=plan.severity("high"), now=NOW
        )
        assert state.severity == "high"

    def test_now_in_any_zone(self) -> None:
        """The same instant in another zone gives the same verdict."""
        plan = demo_plan()
        investors = plan.template("breach-investors-en")
        expiry = datetime(2026, 10, 31, 12, 0, tzinfo=PARIS)
        just_before = (expiry - timedelta(seconds=1)).astimezone(ZoneInfo("Asia/Tokyo"))
        assert approval_status(investors, plan, severity="low", now=just_before).is_approved
        assert not approval_status(investors, plan, severity="low", now=expiry).is_approved


class TestBadInput:
    """Wrong arguments raise errors of the library, with what to do."""

    def test_naive_now(self) -> None:
        """A naive `now` raises NaiveDatetimeError."""
        plan = demo_plan()
        with pytest.raises(NaiveDatetimeError, match="now: expected an aware datetime"):
            approval_status(
                plan.template("breach-sms-fr"), plan, severity="high", now=datetime(2026, 11, 24)
            )

    @pytest.mark.parametrize("now", ["2026-11-24T09:00Z", 1764000000, None])
    def test_now_of_another_type(self, now: object) -> None:
        """A `now` that is not a datetime raises InputError."""
        plan = demo_plan()
        with pytest.raises(InputError, match="now: expected an aware datetime"):
            approval_status(plan.template("breach-sms-fr"), plan, severity="high", now=now)  # type: ignore[arg-type]

    def test_unknown_severity(self) -> None:
        """A severity the plan lacks raises InputError listing the known ones."""
        plan = demo_plan()
        with pytest.raises(InputError, match="known: 'critical', 'high'"):
            approval_status(plan.template("breach-sms-fr"), plan, severity="severe", now=NOW)

    @pytest.mark.parametrize(
        ("argument", "wrong"), [("template", "breach-sms-fr"), ("plan", {}), ("severity", 2)]
    )
    def test_wrong_types(self, argument: str, wrong: object) -> None:
        """A template, plan or severity of the wrong type raises InputError naming it."""
        plan = demo_plan()
        args: dict[str, Any] = {
            "template": plan.template("breach-sms-fr"),
            "plan": plan,
            "severity": "high",
            argument: wrong,
        }
        with pytest.raises(InputError) as caught:
            approval_status(args["template"], args["plan"], severity=args["severity"], now=NOW)
        assert caught.value.argument == argument


class TestValue:
    """ApprovalState is a value: immutable, equal, hashable, picklable, readable."""

    def _state(self) -> ApprovalState:
        plan = demo_plan()
        return approval_status(
            plan.template("breach-instagram-fr"), plan, severity="high", now=NOW
        )

    def test_immutable(self) -> None:
        """Fields cannot be set."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            self._state().status = ApprovalStatus.APPROVED  # type: ignore[misc]

    def test_equal_hashable_picklable(self) -> None:
        """Two judgements of the same thing are equal, hash alike and survive pickling."""
        state = self._state()
        assert state == self._state()
        assert hash(state) == hash(self._state())
        assert pickle.loads(pickle.dumps(state)) == state

    def test_str(self) -> None:
        """The string form names the template, the status and the reasons."""
        assert str(self._state()).startswith("breach-instagram-fr: tampered (the template changed")

    @pytest.mark.parametrize("status", list(ApprovalStatus))
    def test_codes(self, status: ApprovalStatus) -> None:
        """Each status but approved has its own APR code."""
        codes = {s.code for s in ApprovalStatus}
        assert len(codes) == len(ApprovalStatus)
        assert (status.code == "") is (status is ApprovalStatus.APPROVED)


class TestProperties:
    """For any generated plan and instant, the verdict follows the rules and never crashes."""

    @settings(max_examples=40)
    @given(data=st.data())
    def test_verdict_matches_the_rules(self, data: st.DataObject) -> None:
        """Approved exactly when every rule holds; otherwise one finding per broken rule."""
        plan = data.draw(generated_plans(max_templates=6))
        now = data.draw(INSTANTS)
        severity = data.draw(st.sampled_from(plan.severities))
        roles = set(severity.approver_roles) or {r.id for r in plan.roles if r.can_approve}
        people = {p.id: set(p.roles) for p in plan.people}
        for one in plan.templates:
            state = approval_status(one, plan, severity=severity.id, now=now)
            a = one.approval
            expected = (
                a is not None
                and a.approved_at <= now
                and a.digest == one.digest
                and all(p in people for p in a.approved_by)
                and (a.expires_at is None or now < a.expires_at)
                and len({p for p in a.approved_by if people.get(p, set()) & roles})
                >= severity.approvals_required
            )
            assert state.is_approved is expected
            errors = [f for f in state.findings if f.level is Level.ERROR]
            assert (errors == []) is expected
            # No generated approval is signed: an approved one says so, and only that.
            assert [f.code for f in state.findings if f not in errors] == (
                ["APR010"] if expected else []
            )
            assert state.reasons
            if not expected:
                assert state.status.code in {f.code for f in state.findings}


_PARIS = ZoneInfo("Europe/Paris")


@st.composite
def _judged(draw: st.DrawFn) -> tuple[MessageTemplate, Plan, str, datetime]:
    """A template (of the demo plan, signed, or a generated one, maybe edited), a plan, a time."""
    base = demo_plan()
    plan = draw(
        st.one_of(
            st.just(base),
            st.sampled_from([s.id for s in base.severities]).map(
                lambda s: base.model_copy(update={"signatures_required_from": s})
            ),
            generated_plans(max_templates=4),
        )
    )
    one = draw(st.sampled_from(plan.templates))
    approval = one.approval
    if approval is not None and draw(st.booleans()):
        changes: dict[str, Any] = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "signatures": st.just(approval.signatures[:1]),
                    "approved_by": st.permutations(
                        [*approval.approved_by, "nobody-here", approval.approved_by[0]]
                    ).map(tuple),
                    "expires_at": st.none(),
                    "approved_at": TIMELINE_ZONES.map(approval.approved_at.astimezone),
                },
            )
        )
        one = one.model_copy(update={"approval": approval.model_copy(update=changes)})
    if draw(st.booleans()):
        one = one.model_copy(update={"text": one.text + " !"})
    severity = draw(st.sampled_from([s.id for s in plan.severities]))
    bounds = [b for b in (approval.approved_at, approval.expires_at) if b] if approval else []
    near = st.sampled_from(bounds or [NOW]).flatmap(
        lambda b: st.sampled_from([-60, -1, 0, 1, 60, 3600]).map(
            lambda s: (b + timedelta(seconds=s)).astimezone(_PARIS)
        )
    )
    now = draw(st.one_of(INSTANTS, near, near.map(lambda t: t.replace(fold=1))))
    return one, plan, severity, now


class TestMemo:
    """The memoised judgement gives what the whole judgement at `now` gives."""

    @settings(max_examples=150)
    @given(case=_judged())
    def test_same_as_the_slow_path(
        self, case: tuple[MessageTemplate, Plan, str, datetime]
    ) -> None:
        """Any template, plan, severity and time (bounds and folds too): identical states."""
        one, plan, severity, now = case
        level = plan.severity(severity)
        roles = _approvals.approver_roles(plan, level)
        slow = _approvals._judge_slow(one, plan, level, now, roles)
        # The plan's own template first: an edited `one` must not be served its judgement.
        approval_status(plan.template(one.id), plan, severity=severity, now=now)
        assert approval_status(one, plan, severity=severity, now=now) == slow
        # The second time from the memo, and with an equal copy of the template.
        assert approval_status(one, plan, severity=severity, now=now) == slow
        assert approval_status(one.model_copy(), plan, severity=severity, now=now) == slow

    def test_an_edit_is_never_served_from_the_memo(self) -> None:
        """A template edited after a judgement, or another plan, is judged afresh."""
        plan = demo_plan()
        one = plan.template("breach-sms-fr")
        assert approval_status(one, plan, severity="high", now=NOW).is_approved
        edited = one.model_copy(update={"text": one.text + "!"})
        assert approval_status(edited, plan, severity="high", now=NOW).status.value == "tampered"
        strict = plan.model_copy(update={"signatures_required_from": "low"})
        people = tuple(p.model_copy(update={"public_keys": ()}) for p in plan.people)
        unkeyed = strict.model_copy(update={"people": people})
        state = approval_status(one, unkeyed, severity="high", now=NOW)
        assert state == _approvals._judge_slow(
            one,
            unkeyed,
            unkeyed.severity("high"),
            NOW,
            _approvals.approver_roles(plan, plan.severity("high")),
        )
        assert not state.is_approved

    def test_an_equal_approval_written_in_another_zone_keeps_its_own_dates(self) -> None:
        """Equal datetimes in other zones are another key: the reasons quote each as written."""
        plan = demo_plan()
        one = plan.template("breach-sms-fr")
        assert one.approval is not None
        tokyo = ZoneInfo("Asia/Tokyo")
        moved = one.approval.model_copy(
            update={
                "approved_at": one.approval.approved_at.astimezone(tokyo),
                "expires_at": one.approval.expires_at
                and one.approval.expires_at.astimezone(tokyo),
            }
        )
        assert moved == one.approval
        other = one.model_copy(update={"approval": moved})
        first = approval_status(one, plan, severity="high", now=NOW)
        second = approval_status(other, plan, severity="high", now=NOW)
        level = plan.severity("high")
        roles = _approvals.approver_roles(plan, level)
        assert second == _approvals._judge_slow(other, plan, level, NOW, roles)
        assert first.reasons != second.reasons

    def test_the_memo_is_bounded(self) -> None:
        """A plan's memo keeps at most MEMO_SIZE judgements, and still judges right."""
        plan = demo_plan()
        one = plan.template("breach-sms-fr")
        level = plan.severity("high")
        roles = _approvals.approver_roles(plan, level)
        for n in range(_approvals.MEMO_SIZE + 10):
            copy = one.model_copy(update={"id": f"t{n}"})
            state = approval_status(copy, plan, severity="high", now=NOW)
            assert len(_approvals.MEMOS[id(plan)][1]) <= _approvals.MEMO_SIZE
        assert state == _approvals._judge_slow(copy, plan, level, NOW, roles)

    def test_the_memo_dies_with_its_plan(self) -> None:
        """A plan let go takes its judgements with it: nothing keeps it alive."""
        plan = demo_plan().model_copy()
        approval_status(plan.template("breach-sms-fr"), plan, severity="high", now=NOW)
        key, alive = id(plan), weakref.ref(plan)
        assert key in _approvals.MEMOS
        del plan
        gc.collect()
        assert alive() is None
        assert key not in _approvals.MEMOS
