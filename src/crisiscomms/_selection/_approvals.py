"""The `approval_status` capability: does a template's approval count, now, at this severity?

An approval counts when all of these hold at `now`:

- it exists, and was given at or before `now`;
- it carries the digest the template has today (`crisiscomms.template_digest`:
  text, key, locale, phase and scope; any edit of them revokes it);
- every approver it names is a person of the plan;
- every signature it carries verifies with a public key of its signer, and,
  when the plan requires signatures at this severity
  (`Plan.signatures_required_from`), enough approvers have signed;
- it has not expired (`expires_at` is after `now`);
- enough distinct approvers hold an approver role for the severity: the
  severity's `approver_roles`, or, when it names none, any role with
  `can_approve`; at least `approvals_required` of them.

Every problem found is reported, in words and as an ``APR`` finding; the
status is the most serious one. An approval that counts without
signatures, where the plan does not require them, gets an info ``APR010``.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import final

import attrs

from crisiscomms._errors import InputError, NaiveDatetimeError
from crisiscomms._findings import Finding
from crisiscomms._selection._kept import Kept, kept_for
from crisiscomms._selection._signatures import signature_holds
from crisiscomms.model._elements import Approval, MessageTemplate, Person, Severity, text_digest
from crisiscomms.model._plan import Plan
from crisiscomms.text._instants import is_before

__all__ = [
    "ApprovalState",
    "ApprovalStatus",
    "approval_status",
    "approver_roles",
    "check_now",
    "judge_approval",
]


@final
class ApprovalStatus(enum.StrEnum):
    """Whether a template's approval counts, and if not, why.

    >>> [s.value for s in ApprovalStatus]  # doctest: +NORMALIZE_WHITESPACE
    ['approved', 'missing', 'expired', 'tampered', 'insufficient', 'unknown_approver',
     'unsigned', 'bad_signature']
    >>> ApprovalStatus.TAMPERED.code
    'APR003'
    """

    APPROVED = "approved"
    #: No approval, or one given after `now`.
    MISSING = "missing"
    #: The approval expired at or before `now`.
    EXPIRED = "expired"
    #: The text or scope changed after it was approved: the digests differ.
    TAMPERED = "tampered"
    #: Fewer distinct approvers with an approver role than the severity requires.
    INSUFFICIENT = "insufficient"
    #: The approval names someone who is not a person of the plan.
    UNKNOWN_APPROVER = "unknown_approver"
    #: The plan requires signatures at this severity; too few approvers signed.
    UNSIGNED = "unsigned"
    #: A signature does not verify with any public key of its signer.
    BAD_SIGNATURE = "bad_signature"

    @property
    def code(self) -> str:
        """The finding code of this status (``""`` for approved); see docs/findings.md."""
        return _CODES[self]


_CODES = {
    ApprovalStatus.APPROVED: "",
    ApprovalStatus.MISSING: "APR001",
    ApprovalStatus.EXPIRED: "APR002",
    ApprovalStatus.TAMPERED: "APR003",
    ApprovalStatus.INSUFFICIENT: "APR004",
    ApprovalStatus.UNKNOWN_APPROVER: "APR005",
    ApprovalStatus.UNSIGNED: "APR008",
    ApprovalStatus.BAD_SIGNATURE: "APR009",
}

# The most serious problem names the status: a tampered text is void whatever
# else holds; a false signature or an unknown approver may be a forgery; then
# missing signatures; then time; then numbers.
_PRECEDENCE = (
    ApprovalStatus.MISSING,
    ApprovalStatus.TAMPERED,
    ApprovalStatus.BAD_SIGNATURE,
    ApprovalStatus.UNKNOWN_APPROVER,
    ApprovalStatus.UNSIGNED,
    ApprovalStatus.EXPIRED,
    ApprovalStatus.INSUFFICIENT,
)


@final
@attrs.frozen
class ApprovalState:
    """The verdict on one template's approval at one instant, for one severity.

    Args:
        template_id: the template judged.
        severity: the severity id the approval was judged for.
        status: approved, or the most serious problem found.
        reasons: every fact behind the status, in words.
        approvers: the distinct approvers that counted (known people holding an
            approver role for the severity), in the order the approval lists them.
        required: how many approvers the severity requires.
        findings: one ``APR`` finding per problem; when approved, none, or the
            info ``APR010`` when the approval is not signed.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> plan = demo_plan()
    >>> state = approval_status(plan.template("breach-sms-fr"), plan, severity="high",
    ...                         now=datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc))
    >>> state.status, state.approvers
    (<ApprovalStatus.APPROVED: 'approved'>, ('sophie-martin', 'thomas-leroy'))
    >>> state.is_approved
    True
    """

    template_id: str
    severity: str
    status: ApprovalStatus
    reasons: tuple[str, ...]
    approvers: tuple[str, ...] = ()
    required: int = 1
    findings: tuple[Finding, ...] = ()

    @property
    def is_approved(self) -> bool:
        """True when the approval counts."""
        return self.status is ApprovalStatus.APPROVED

    def __str__(self) -> str:
        return f"{self.template_id}: {self.status} ({'; '.join(self.reasons)})"


def check_now(now: object, what: str = "now") -> datetime:
    """`now` as an aware datetime, or the error that says what is wrong with it."""
    if not isinstance(now, datetime):
        raise InputError.for_type(
            what, "an aware datetime", now, hint="pass datetime.now(timezone.utc) or similar"
        )
    if now.tzinfo is None or now.utcoffset() is None:
        raise NaiveDatetimeError.for_value(what, now)
    return now


def approver_roles(plan: Plan, severity: Severity) -> frozenset[str]:
    """The roles whose holders may approve at `severity`: its own list, else every approver."""
    if severity.approver_roles:
        return frozenset(severity.approver_roles)
    return frozenset(role.id for role in plan.roles if role.can_approve)


def _instant(value: datetime) -> str:
    return value.isoformat(timespec="minutes")


def approval_status(
    template: MessageTemplate, plan: Plan, /, *, severity: str | Severity, now: datetime
) -> ApprovalState:
    """Judge whether `template`'s approval counts at `now` for a crisis of `severity`.

    The template need not be one of the plan's (judge a draft before adding
    it); the plan gives the people, their roles and the severity scale.

    Args:
        template: the template whose approval is judged.
        plan: the plan whose people, roles and severities apply.
        severity: the severity id (or `Severity`) of the crisis: it decides how
            many approvers are needed and which roles may approve.
        now: the instant of the judgement (aware).

    Returns:
        The state, with every problem found in words and as ``APR`` findings.

    Raises:
        NaiveDatetimeError: when `now` has no time zone.
        InputError: when an argument has the wrong type or `severity` is not
            a level of the plan.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> plan = demo_plan()
    >>> now = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
    >>> state = approval_status(plan.template("breach-instagram-fr"), plan,
    ...                         severity="high", now=now)
    >>> state.status.value
    'tampered'
    >>> print(state.findings[0])  # doctest: +ELLIPSIS
    error APR003 [breach-instagram-fr]: the template changed after it was approved: ...
    >>> approval_status(plan.template("breach-investors-en"), plan,
    ...                 severity="high", now=now).reasons[0]
    'the approval expired on 2026-10-31T12:00+01:00, before now (2026-11-24T09:00+00:00)'
    """
    if not isinstance(template, MessageTemplate):
        raise InputError.for_type("template", "a crisiscomms.MessageTemplate", template)
    if not isinstance(plan, Plan):
        raise InputError.for_type("plan", "a crisiscomms.Plan", plan)
    now = check_now(now)
    if isinstance(severity, Severity):
        level = plan.severity(severity.id)
    elif isinstance(severity, str):
        level = plan.severity(severity)
    else:
        raise InputError.for_argument("severity", "a severity id of the plan", severity)
    return judge_approval(template, plan, level, now, approver_roles(plan, level))


def judge_approval(
    template: MessageTemplate,
    plan: Plan,
    level: Severity,
    now: datetime,
    roles: frozenset[str],
) -> ApprovalState:
    """The judgement itself, on checked arguments (selection calls it directly).

    The checks that do not depend on `now` (digest, signatures, approvers,
    roles) are judged once per template, approval, plan and severity
    (`_fixed_of`, remembered by the plan); only the approval's dates are compared with `now`
    here. `_judge_slow` is the whole judgement at `now`, which tests hold
    this one to.
    """
    fixed = _fixed_of(template, plan, level, roles)
    approval = template.approval
    if fixed.state is not None:  # no approval: the state never depends on `now`
        return fixed.state
    assert approval is not None
    not_yet = is_before(now, approval.approved_at)  # instants: a fold repeats wall clocks
    expired = approval.expires_at is not None and not is_before(now, approval.expires_at)
    if not (not_yet or expired or fixed.head or fixed.tail):
        return fixed.approved
    problems: list[tuple[ApprovalStatus, str, Finding]] = []
    if not_yet:
        problems.append(_problem(ApprovalStatus.MISSING, template.id, *_not_yet(approval, now)))
    problems.extend(fixed.head)
    if expired:
        problems.append(_problem(ApprovalStatus.EXPIRED, template.id, *_expired(approval, now)))
    problems.extend(fixed.tail)
    status = min((p[0] for p in problems), key=_PRECEDENCE.index)
    return ApprovalState(
        template_id=template.id,
        severity=level.id,
        status=status,
        reasons=tuple(p[1] for p in problems),
        approvers=fixed.approved.approvers,
        required=level.approvals_required,
        findings=tuple(p[2] for p in problems),
    )


def _not_yet(approval: Approval, now: datetime) -> tuple[str, str]:
    return (
        f"the approval is dated {_instant(approval.approved_at)}, after now"
        f" ({_instant(now)}), so it does not count yet",
        "check the approval date or the time given as now",
    )


def _expired(approval: Approval, now: datetime) -> tuple[str, str]:
    assert approval.expires_at is not None
    return (
        f"the approval expired on {_instant(approval.expires_at)}, before now ({_instant(now)})",
        "have the template approved again",
    )


def _problem(
    status: ApprovalStatus, template_id: str, reason: str, todo: str
) -> tuple[ApprovalStatus, str, Finding]:
    return status, reason, _finding(status, template_id, reason, todo)


def _written(approval: Approval | None) -> tuple[str, ...]:
    """The approval's dates as written (offset and all), which its equality overlooks."""
    if approval is None:
        return ()
    dates = (approval.approved_at, approval.expires_at)
    return tuple(d.isoformat() for d in dates if d is not None)


@final
@attrs.frozen
class _Fixed:
    """The judgement's parts that do not depend on `now`.

    `state` is the whole state when there is no approval; otherwise `approved`
    is the state when nothing is wrong at `now`, `head` the problems listed
    before the expiry (digest, signatures, unknown approvers) and `tail` those
    listed after it (missing signatures or approvers).
    """

    state: ApprovalState | None
    approved: ApprovalState
    head: tuple[tuple[ApprovalStatus, str, Finding], ...] = ()
    tail: tuple[tuple[ApprovalStatus, str, Finding], ...] = ()


#: How many now-independent judgements a plan keeps (all forgotten when it is full).
MEMO_SIZE = 1024

_Memo = dict[tuple[object, ...], tuple[Severity, _Fixed]]
#: Each living plan's memo (see `_kept`: nothing here keeps a plan alive).
MEMOS: Kept[_Memo] = {}


def _new_memo(plan: Plan) -> _Memo:
    return {}


def _fixed_of(
    template: MessageTemplate, plan: Plan, level: Severity, roles: frozenset[str]
) -> _Fixed:
    """The now-independent judgement, remembered by the plan while it lives.

    The memo lives and dies with its plan (a process that loads a plan per
    request keeps no judgement of the plans it has let go). Its key holds the
    template's id, text, digest and approval (frozen models, by equality),
    the approval's dates as written (equal instants written in other zones
    are quoted differently), the severity (by identity, checked on the
    entry) and the roles.
    """
    memo = kept_for(plan, MEMOS, _new_memo)
    approval = template.approval
    written = _written(approval)
    key = (template.id, template.text, template.digest, approval, written, id(level), roles)
    entry = memo.get(key)
    if entry is not None and entry[0] is level:
        return entry[1]
    fixed = _fixed(template, plan, level, roles)
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = (level, fixed)
    return fixed


def _fixed(
    template: MessageTemplate, plan: Plan, level: Severity, roles: frozenset[str]
) -> _Fixed:
    approval = template.approval
    required = level.approvals_required
    if approval is None:
        reason = "the template has no approval"
        state = ApprovalState(
            template_id=template.id,
            severity=level.id,
            status=ApprovalStatus.MISSING,
            reasons=(reason,),
            required=required,
            findings=(_finding(ApprovalStatus.MISSING, template.id, reason, "have it approved"),),
        )
        return _Fixed(state=state, approved=state)
    head: list[tuple[ApprovalStatus, str, str]] = []
    tail: list[tuple[ApprovalStatus, str, str]] = []
    if approval.digest != template.digest:
        head.append((ApprovalStatus.TAMPERED, _what_changed(template, approval.digest), _AGAIN))
    signed, forged = _signers(approval, plan)
    if forged:
        head.append(_forged(forged))
    counted, unknown, without_role, unsigned = _approvers(approval, plan, level, roles, signed)
    if unknown:
        head.append(_unknown(unknown))
    if unsigned and len(counted) < required:
        tail.append(_unsigned(plan, level, counted, unsigned))
    elif len(counted) < required:
        tail.append(_insufficient(level, roles, counted, without_role))
    approved = _approved(template, approval, level, counted, required, signed)
    return _Fixed(
        state=None,
        approved=approved,
        head=tuple(_problem(s, template.id, r, t) for s, r, t in head),
        tail=tuple(_problem(s, template.id, r, t) for s, r, t in tail),
    )


def _approved(  # noqa: PLR0917 (the parts of one judgement)
    template: MessageTemplate,
    approval: Approval,
    level: Severity,
    counted: list[str],
    required: int,
    signed: set[str],
) -> ApprovalState:
    """The approved state of a judgement with no problem, with its reason."""
    until = (
        f", valid until {_instant(approval.expires_at)}"
        if approval.expires_at is not None
        else ", without expiry"
    )
    reason = (
        f"approved by {_names(counted)} on {_instant(approval.approved_at)}{until}"
        f" ({len(counted)} of {required} required at severity {level.id!r})"
    )
    return ApprovalState(
        template_id=template.id,
        severity=level.id,
        status=ApprovalStatus.APPROVED,
        reasons=(reason,),
        approvers=tuple(counted),
        required=required,
        findings=_unsigned_note(template.id, counted, signed),
    )


def _approvers(
    approval: Approval, plan: Plan, level: Severity, roles: frozenset[str], signed: set[str]
) -> tuple[list[str], list[str], list[str], list[str]]:
    """The distinct approvers: counted, unknown, without an approver role, unsigned."""
    required_signed = _signatures_required(plan, level)
    seen: set[str] = set()
    counted: list[str] = []
    unknown: list[str] = []
    without_role: list[str] = []
    unsigned: list[str] = []
    for person_id in approval.approved_by:
        if person_id in seen:
            continue
        seen.add(person_id)
        person = _person(plan, person_id)
        if person is None:
            unknown.append(person_id)
        elif not roles.intersection(person.roles):
            without_role.append(person_id)
        elif required_signed and person_id not in signed:
            unsigned.append(person_id)
        else:
            counted.append(person_id)
    return counted, unknown, without_role, unsigned


def _forged(forged: list[str]) -> tuple[ApprovalStatus, str, str]:
    return (
        ApprovalStatus.BAD_SIGNATURE,
        f"the signature of {_names(forged)} does not verify with any public key"
        " the plan gives for the signer (or the signer is not an approver named)",
        "sign the approval again with the approver's key, or fix the person's"
        " public_keys; never count a signature that does not verify",
    )


def _unknown(unknown: list[str]) -> tuple[ApprovalStatus, str, str]:
    return (
        ApprovalStatus.UNKNOWN_APPROVER,
        f"the approval names {_names(unknown)}, who {_is_are(unknown)} not among the"
        " plan's people",
        "fix the person id or add the person to the plan, then approve again",
    )


def _unsigned(
    plan: Plan, level: Severity, counted: list[str], unsigned: list[str]
) -> tuple[ApprovalStatus, str, str]:
    required = level.approvals_required
    return (
        ApprovalStatus.UNSIGNED,
        f"severity {level.id!r} requires signed approvals (from"
        f" {plan.signatures_required_from!r} up) and {_names(unsigned)}"
        f" {_has_have(unsigned)} not signed: {len(counted)} of the {required}"
        " approvers required signed",
        "have the approvers sign with crisiscomms.sign_approval",
    )


def _insufficient(
    level: Severity, roles: frozenset[str], counted: list[str], without_role: list[str]
) -> tuple[ApprovalStatus, str, str]:
    role_names = ", ".join(sorted(roles)) or "(no role can approve)"
    detail = ""
    if without_role:
        detail = f"; {_names(without_role)} {_hold_holds(without_role)} none of them"
    return (
        ApprovalStatus.INSUFFICIENT,
        f"{len(counted)} of the {level.approvals_required} approvers required at severity"
        f" {level.id!r} hold an approver role ({role_names}){detail}",
        "add approvers who hold one of these roles",
    )


def _judge_slow(
    template: MessageTemplate,
    plan: Plan,
    level: Severity,
    now: datetime,
    roles: frozenset[str],
) -> ApprovalState:
    """The whole judgement at `now`, in one pass without the memo: `judge_approval`'s reference.

    It words its problems with the same helpers; what it checks independently
    is which problems hold at `now` and in which order they are listed.
    """
    approval = template.approval
    required = level.approvals_required
    if approval is None:
        reason = "the template has no approval"
        return ApprovalState(
            template_id=template.id,
            severity=level.id,
            status=ApprovalStatus.MISSING,
            reasons=(reason,),
            required=required,
            findings=(_finding(ApprovalStatus.MISSING, template.id, reason, "have it approved"),),
        )

    problems: list[tuple[ApprovalStatus, str, str]] = []
    if is_before(now, approval.approved_at):  # instants: a fold repeats wall clocks
        problems.append((ApprovalStatus.MISSING, *_not_yet(approval, now)))
    if approval.digest != template.digest:
        problems.append(
            (ApprovalStatus.TAMPERED, _what_changed(template, approval.digest), _AGAIN)
        )
    signed, forged = _signers(approval, plan)
    if forged:
        problems.append(_forged(forged))
    counted, unknown, without_role, unsigned = _approvers(approval, plan, level, roles, signed)
    if unknown:
        problems.append(_unknown(unknown))
    if approval.expires_at is not None and not is_before(now, approval.expires_at):
        problems.append((ApprovalStatus.EXPIRED, *_expired(approval, now)))
    if unsigned and len(counted) < required:
        problems.append(_unsigned(plan, level, counted, unsigned))
    elif len(counted) < required:
        problems.append(_insufficient(level, roles, counted, without_role))

    if not problems:
        return _approved(template, approval, level, counted, required, signed)

    status = min((p[0] for p in problems), key=_PRECEDENCE.index)
    return ApprovalState(
        template_id=template.id,
        severity=level.id,
        status=status,
        reasons=tuple(p[1] for p in problems),
        approvers=tuple(counted),
        required=required,
        findings=tuple(_finding(s, template.id, reason, todo) for s, reason, todo in problems),
    )


_AGAIN = "have the current template approved again, or restore what was approved"


def _what_changed(template: MessageTemplate, approved: str) -> str:
    """What a digest mismatch means, as precisely as the approved digest lets us say."""
    if approved == text_digest(template.text):
        return (
            "the approval's digest covers the text only (the older form): where the template"
            " may be sent (key, locale, phase, crisis types, severities, stakeholders,"
            " channels) is not bound, so the approval does not count (approved digest"
            f" {approved[:12]}..., template digest {template.digest[:12]}...)"
        )
    return (
        "the template changed after it was approved: its text or where it may be sent"
        " (key, locale, phase, crisis types, severities, stakeholders, channels) is not what"
        f" was approved (approved digest {approved[:12]}..., template digest"
        f" {template.digest[:12]}...)"
    )


def _signers(approval: Approval, plan: Plan) -> tuple[set[str], list[str]]:
    """The approvers whose signature verifies, and those whose signature does not."""
    signed: set[str] = set()
    forged: list[str] = []
    for signature in approval.signatures:
        person = _person(plan, signature.by)
        if (
            person is not None
            and signature.by in approval.approved_by
            and signature_holds(approval, signature, person)
        ):
            signed.add(signature.by)
        else:
            forged.append(signature.by)
    return signed, [f for f in dict.fromkeys(forged) if f not in signed]


def _signatures_required(plan: Plan, level: Severity) -> bool:
    threshold = plan.signatures_required_from
    if threshold is None:
        return False
    # Both are levels of the plan: the level was looked up in it, the threshold checked on loading.
    return plan.severity_rank(level.id) >= plan.severity_rank(threshold)


def _unsigned_note(template_id: str, counted: list[str], signed: set[str]) -> tuple[Finding, ...]:
    missing = [p for p in counted if p not in signed]
    if not missing:
        return ()
    return (
        Finding.of(
            "APR010",
            f"the approval counts, but {_names(missing)} did not sign it: nothing proves"
            " who approved it; sign it with crisiscomms.sign_approval (and require"
            " signatures with the plan's signatures_required_from)",
            subject=template_id,
        ),
    )


def _person(plan: Plan, person_id: str) -> Person | None:
    try:
        return plan.person(person_id)
    except InputError:
        return None


def _finding(status: ApprovalStatus, template_id: str, reason: str, todo: str) -> Finding:
    return Finding.of(status.code, f"{reason}; {todo}", subject=template_id)


def _names(ids: list[str]) -> str:
    quoted = [repr(i) for i in ids]
    if len(quoted) <= 1:
        return "".join(quoted) or "nobody"
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _is_are(ids: list[str]) -> str:
    return "is" if len(ids) == 1 else "are"


def _has_have(ids: list[str]) -> str:
    return "has" if len(ids) == 1 else "have"


def _hold_holds(ids: list[str]) -> str:
    return "holds" if len(ids) == 1 else "hold"
