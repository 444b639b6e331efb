"""Choosing: the best valid pre-approved template for each target, or the gap.

`select_response` chooses for one target and `select_responses` for every
target of a situation; the rules are in the package docstring.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import final

import attrs

from crisiscomms._errors import InputError, NoApprovedTemplate
from crisiscomms._findings import Finding
from crisiscomms._records import TargetRecord
from crisiscomms._selection._approvals import ApprovalState, check_now, judge_approval
from crisiscomms._selection._index import LocaleMatch, ScopeKey, Target, index_of
from crisiscomms._tables import html_table
from crisiscomms.model._base import Phase, normalize_locale
from crisiscomms.model._elements import MessageTemplate, Stakeholder
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._scope import concerned_stakeholders, in_scope

__all__ = [
    "NEAREST",
    "Gap",
    "RefusalReason",
    "RefusedCandidate",
    "ResponsePlan",
    "Selection",
    "select_response",
    "select_responses",
]

#: How many refused candidates a gap names; the others are counted.
NEAREST = 10


@final
class RefusalReason(enum.StrEnum):
    """Why a template near a target was not selected.

    The first seven are the approval states other than approved.

    >>> RefusalReason("wrong_phase")
    <RefusalReason.WRONG_PHASE: 'wrong_phase'>
    """

    MISSING = "missing"
    EXPIRED = "expired"
    TAMPERED = "tampered"
    INSUFFICIENT = "insufficient"
    UNKNOWN_APPROVER = "unknown_approver"
    UNSIGNED = "unsigned"
    BAD_SIGNATURE = "bad_signature"
    #: The template is scoped to other severities.
    OTHER_SEVERITY = "other_severity"
    #: The template belongs to another phase of the crisis.
    WRONG_PHASE = "wrong_phase"
    #: The template is in a locale that none of the reader's tiers accepts.
    OTHER_LOCALE = "other_locale"


@final
@attrs.frozen
class RefusedCandidate:
    """A template near a target that was not selected, and why.

    >>> from crisiscomms import Phase
    >>> c = RefusedCandidate("breach-investors-en", "en_GB", Phase.INITIAL,
    ...                      RefusalReason.EXPIRED, "the approval expired on 2026-10-31")
    >>> print(c)
    'breach-investors-en' (en_GB, initial): expired: the approval expired on 2026-10-31
    """

    template_id: str
    locale: str
    phase: Phase
    reason: RefusalReason
    detail: str
    #: The approval errors of the candidate itself (APR001 to APR005, APR008, APR009).
    findings: tuple[Finding, ...] = ()

    def __str__(self) -> str:
        return f"{self.template_id!r} ({self.locale}, {self.phase}): {self.reason}: {self.detail}"


@final
@attrs.frozen
class Selection:
    """The template chosen for one target, with the reasons in words.

    Args:
        template: the selected template.
        stakeholder: the stakeholder addressed.
        channel: the channel id.
        locale: the reader's locale (the template's may differ: see `locale_match`).
        locale_match: exact, same language, or the plan's default locale.
        approval: the state of the template's approval at the time of selection.
        reasons: why this template, in words: locale, scope, ranking, approval.
        refused: better-ranked candidates that were passed over, and why.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> s = select_response(demo_plan(), demo_situation(), stakeholder="customers",
    ...                     channel="sms", now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
    >>> s.template_id, s.approved, s.render_locale
    ('breach-sms-fr', True, 'fr_FR')
    """

    template: MessageTemplate
    stakeholder: str
    channel: str
    locale: str
    locale_match: LocaleMatch
    approval: ApprovalState
    reasons: tuple[str, ...]
    refused: tuple[RefusedCandidate, ...] = ()

    @property
    def template_id(self) -> str:
        """The id of the selected template."""
        return self.template.id

    @property
    def approved(self) -> bool:
        """False only for a selection made with ``allow_unapproved=True``."""
        return self.approval.is_approved

    @property
    def target(self) -> str:
        """``stakeholder/channel/locale``, the name of the target in reports."""
        return f"{self.stakeholder}/{self.channel}/{self.locale}"

    @property
    def render_locale(self) -> str:
        """The locale to format facts in: the reader's if the template speaks their language.

        A ``fr_CA`` reader of a ``fr_FR`` template gets Canadian number
        formats; an English template given to a German reader is formatted
        in English, so that the text and its numbers agree.
        """
        if self.locale_match is LocaleMatch.DEFAULT:
            return self.template.locale
        return self.locale

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The approval findings of an unapproved selection, and a language fallback warning.

        A fallback (another locale than the reader's) also carries the own
        findings of the better candidates that were refused (a template in
        the reader's locale edited after approval is ``APR003`` with its
        digests), so the fix named is the one that is needed.
        """
        findings = list(self.approval.findings)
        if self.locale_match is LocaleMatch.EXACT:
            return tuple(findings)
        better = [c for c in self.refused if c.findings and c.locale != self.template.locale]
        for candidate in better:
            findings.extend(
                Finding.of(
                    f.code,
                    f"the {candidate.locale} template {candidate.template_id!r} fits"
                    f" {self.target} better but was refused, so {self.template.locale} is"
                    f" used: {f.message}",
                    subject=self.target,
                )
                for f in candidate.findings
            )
        if self.locale_match is LocaleMatch.DEFAULT:
            if better:
                names = ", ".join(f"{c.template_id!r} ({c.reason})" for c in better)
                fix = f"fix the approval of {names} (see the findings beside this one)"
            else:
                fix = f"add and approve a {self.locale} template of key {self.template.key!r}"
            findings.append(
                Finding.of(
                    "APR007",
                    f"no approved template in the reader's language ({self.locale}); the plan's"
                    f" default locale {self.template.locale} is used: {fix}",
                    subject=self.target,
                )
            )
        return tuple(findings)

    def to_records(self) -> list[TargetRecord]:
        """This target as the one row `ResponsePlan.to_records` gives it.

        >>> from datetime import datetime, timezone
        >>> from crisiscomms.samples import demo_plan, demo_situation
        >>> s = select_response(demo_plan(), demo_situation(), stakeholder="customers",
        ...                     channel="sms", now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
        >>> s.to_records()[0]["status"], s.to_records()[0]["codes"]
        ('approved', [])
        """
        return [
            TargetRecord(
                target=self.target,
                stakeholder=self.stakeholder,
                channel=self.channel,
                locale=self.locale,
                template_id=self.template_id,
                locale_match=self.locale_match.value,
                status="approved" if self.approved else "unapproved",
                codes=[f.code for f in self.findings],
            )
        ]

    def __repr__(self) -> str:
        """A short summary; `reasons` and `to_records` say the rest."""
        return (
            f"<Selection {self.target}: {self.template_id!r}, {self.locale_match.value},"
            f" {'approved' if self.approved else 'unapproved'}>"
        )

    def _repr_html_(self) -> str:
        """The target as a one-row table, the reasons in the caption, every value escaped."""
        return html_table(
            [dict(r) for r in self.to_records()],
            caption=f"{self.target}: {self.template_id}; " + "; ".join(self.reasons),
        )


@final
@attrs.frozen
class Gap:
    """A target for which no valid template exists, with the nearest candidates.

    Args:
        stakeholder: the stakeholder addressed.
        channel: the channel id.
        locale: the reader's locale.
        crisis_type: the situation's crisis type.
        severity: the situation's severity.
        phase: the situation's phase.
        candidates: the nearest templates and why each was refused, nearest first.
        omitted: how many more refused candidates there were.

    The demo plan has no template for the post-crisis phase of a breach:

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> from crisiscomms import Phase
    >>> later = demo_situation().model_copy(update={"phase": Phase.POST_CRISIS})
    >>> plan = select_responses(demo_plan(), later,
    ...                         now=datetime(2026, 12, 20, 9, tzinfo=timezone.utc))
    >>> gap = plan.gaps[0]
    >>> gap.target
    'customers/status-page/fr_FR'
    >>> print(gap.candidates[0])
    'breach-long-fr' (fr_FR, initial): wrong_phase: written for the initial phase, not post_crisis
    >>> gap.finding.code
    'APR006'
    """

    stakeholder: str
    channel: str
    locale: str
    crisis_type: str
    severity: str
    phase: Phase
    candidates: tuple[RefusedCandidate, ...] = ()
    omitted: int = 0

    @property
    def target(self) -> str:
        """``stakeholder/channel/locale``, the name of the target in reports."""
        return f"{self.stakeholder}/{self.channel}/{self.locale}"

    @property
    def message(self) -> str:
        """What is missing, the nearest candidates and what to do, in words."""
        head = (
            f"no approved template for stakeholder {self.stakeholder!r} on channel"
            f" {self.channel!r} in {self.locale} (crisis type {self.crisis_type!r}, severity"
            f" {self.severity!r}, phase {self.phase})"
        )
        if not self.candidates:
            return head + "; no template of the plan comes near: write and approve one"
        listed = "; ".join(str(c) for c in self.candidates)
        more = f" (and {self.omitted} more)" if self.omitted else ""
        return (
            f"{head}; nearest candidates{more}: {listed}; approve one of them again"
            " or write and approve a template for this target"
        )

    @property
    def finding(self) -> Finding:
        """The ``APR006`` error that reports this gap."""
        return Finding.of("APR006", self.message, subject=self.target)

    def to_records(self) -> list[TargetRecord]:
        """This gap as the one row `ResponsePlan.to_records` gives it (status ``"gap"``).

        >>> from crisiscomms import Phase
        >>> gap = Gap("customers", "sms", "fr_FR", "data-breach", "high", Phase.UPDATE)
        >>> gap.to_records()[0]["status"], gap.to_records()[0]["codes"]
        ('gap', ['APR006'])
        """
        return [
            TargetRecord(
                target=self.target,
                stakeholder=self.stakeholder,
                channel=self.channel,
                locale=self.locale,
                template_id=None,
                locale_match=None,
                status="gap",
                codes=[self.finding.code],
            )
        ]

    def __repr__(self) -> str:
        """A short summary; `message` says what is missing and what to do."""
        return (
            f"<Gap {self.target}: {self.crisis_type}, {self.severity}, {self.phase.value};"
            f" {len(self.candidates) + self.omitted} refused candidates>"
        )

    def _repr_html_(self) -> str:
        """The gap as a one-row table, what is missing in the caption, every value escaped."""
        return html_table([dict(r) for r in self.to_records()], caption=self.message)


@final
@attrs.frozen
class ResponsePlan:
    """Every target of a situation: its selection, or its gap.

    Targets are each stakeholder concerned at the situation's severity, times
    each of its channels, times each of its locales, in the plan's order.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> plan = select_responses(demo_plan(), demo_situation(),
    ...                         now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
    >>> plan.stakeholders
    ('customers', 'employees', 'media', 'regulators', 'investors', 'partners')
    >>> plan.targets, plan.targets == len(plan.selections) + len(plan.gaps)
    (20, True)
    """

    stakeholders: tuple[str, ...]
    selections: tuple[Selection, ...]
    gaps: tuple[Gap, ...]

    @property
    def targets(self) -> int:
        """The number of targets: selections and gaps."""
        return len(self.selections) + len(self.gaps)

    @property
    def ok(self) -> bool:
        """True when every target has an approved selection."""
        return not self.gaps and all(s.approved for s in self.selections)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every gap (``APR006``), unapproved selection and language fallback, as findings."""
        findings = [g.finding for g in self.gaps]
        for selection in self.selections:
            findings.extend(selection.findings)
        return tuple(findings)

    def to_records(self) -> list[TargetRecord]:
        """One row per target, selections then gaps, the same keys in every row.

        >>> from datetime import datetime, timezone
        >>> from crisiscomms.samples import demo_plan, demo_situation
        >>> now = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
        >>> rows = select_responses(demo_plan(), demo_situation(), now=now).to_records()
        >>> [(r["target"], r["status"]) for r in rows if r["status"] == "gap"]
        [('customers/instagram/fr_FR', 'gap')]
        """
        rows = [row for s in self.selections for row in s.to_records()]
        rows.extend(row for g in self.gaps for row in g.to_records())
        return rows

    def __repr__(self) -> str:
        """A short summary; `to_records` and the notebook table show every target."""
        unapproved = sum(not s.approved for s in self.selections)
        return (
            f"<ResponsePlan: {len(self.selections)} selections ({unapproved} unapproved),"
            f" {len(self.gaps)} gaps, ok={self.ok}>"
        )

    def _repr_html_(self) -> str:
        """The targets as a table, every value escaped."""
        return html_table(
            [dict(r) for r in self.to_records()],
            caption=f"{len(self.selections)} selections, {len(self.gaps)} gaps",
        )


# -- choosing ----------------------------------------------------------------

_Rank = tuple[int, int, int, int, float, str]


def _approval_rank(template: MessageTemplate) -> float:
    # Most recent approval first; templates without one come last.
    if template.approval is None:
        return math.inf
    return -template.approval.approved_at.timestamp()


class Chooser:
    """One selection run: a plan, a situation, an instant; approvals judged once each."""

    def __init__(
        self,
        plan: Plan,
        situation: Situation,
        now: datetime,
        *,
        allow_unapproved: bool,
        key: str | None = None,
    ) -> None:
        self.plan = plan
        self.situation = situation
        self.now = now
        self.allow_unapproved = allow_unapproved
        self.phase = situation.phase
        self.index = index_of(plan)
        # The ordinary templates, or only those of the key asked for (a rebuttal).
        self.buckets = self.index.keyed(key)
        self.level = plan.severity(situation.severity)
        self.roles = self.index.roles[self.level.id]
        self._states: dict[str, ApprovalState] = {}

    def state(self, template: MessageTemplate) -> ApprovalState:
        state = self._states.get(template.id)
        if state is None:
            state = judge_approval(template, self.plan, self.level, self.now, self.roles)
            self._states[template.id] = state
        return state

    def in_scope(
        self, buckets: dict[ScopeKey, list[MessageTemplate]], target: Target
    ) -> list[tuple[_Rank, MessageTemplate]]:
        """The templates of `buckets` whose key scope fits `target`, best first."""
        best: dict[str, tuple[_Rank, MessageTemplate]] = {}
        # The keys come most specific first, so a template met again (scoped to
        # both the channel id and its platform) keeps its first, best rank.
        for key, (ct, sh, ch) in target.lookup_keys(self.situation.crisis_type):
            for template in buckets.get(key, ()):
                if template.id not in best:
                    rank: _Rank = (0, ct, sh, ch, _approval_rank(template), template.id)
                    best[template.id] = (rank, template)
        return sorted(best.values(), key=lambda pair: pair[0])

    def fits_severity(self, template: MessageTemplate) -> bool:
        return in_scope(template.severities, self.situation.severity)

    def choose(self, target: Target) -> Selection | Gap:
        phase = self.phase
        refused: list[RefusedCandidate] = []
        other_severity: list[RefusedCandidate] = []
        unapproved: list[tuple[MessageTemplate, LocaleMatch, ApprovalState]] = []
        for locale, match in self.index.tiers(target.locale):
            buckets = self.buckets.by_phase_locale.get((phase, locale))
            if not buckets:
                continue
            candidates = self.in_scope(buckets, target)
            approved: list[tuple[_Rank, MessageTemplate, ApprovalState]] = []
            for rank, template in candidates:
                if not self.fits_severity(template):
                    other_severity.append(self._other_severity(template))
                    continue
                state = self.state(template)
                if state.is_approved:
                    approved.append((rank, template, state))
                    continue
                unapproved.append((template, match, state))
                if not approved:  # only what ranked above the winner was passed over
                    refused.append(_refused(template, state))
            if approved:
                rank, template, state = approved[0]
                return self._selection(
                    target,
                    template=template,
                    match=match,
                    state=state,
                    refused=refused,
                    approved_count=len(approved),
                )
        if self.allow_unapproved and unapproved:
            template, match, state = unapproved[0]
            others = [c for c in refused if c.template_id != template.id]
            return self._selection(
                target,
                template=template,
                match=match,
                state=state,
                refused=others,
                approved_count=0,
            )
        return self._gap(target, [*refused, *other_severity])

    def _other_severity(self, template: MessageTemplate) -> RefusedCandidate:
        return RefusedCandidate(
            template.id,
            template.locale,
            template.phase,
            RefusalReason.OTHER_SEVERITY,
            f"scoped to severities {', '.join(template.severities)}, not"
            f" {self.situation.severity!r}",
        )

    def _selection(
        self,
        target: Target,
        *,
        template: MessageTemplate,
        match: LocaleMatch,
        state: ApprovalState,
        refused: list[RefusedCandidate],
        approved_count: int,
    ) -> Selection:
        reasons = [_locale_reason(target.locale, template, match), _scope_reason(template)]
        if approved_count > 1:
            reasons.append(
                f"ranked first of {approved_count} approved candidates in {template.locale}"
                " (most specific scope, then most recent approval, then id)"
            )
        if state.is_approved:
            reasons.extend(state.reasons)
        else:
            reasons.append(
                f"NOT APPROVED ({state.status}): {'; '.join(state.reasons)};"
                " selected only because unapproved templates were allowed"
            )
        reasons.extend(f"passed over {c}" for c in refused)
        return Selection(
            template=template,
            stakeholder=target.stakeholder.id,
            channel=target.channel.id,
            locale=target.locale,
            locale_match=match,
            approval=state,
            reasons=tuple(reasons),
            refused=tuple(refused),
        )

    def _gap(self, target: Target, near: list[RefusedCandidate]) -> Gap:
        tiers = {loc for loc, _ in self.index.tiers(target.locale)}
        seen = {c.template_id for c in near}
        wrong_phase: list[tuple[_Rank, RefusedCandidate]] = []
        other_locale: list[tuple[_Rank, RefusedCandidate]] = []
        for rank, template in self.in_scope(self.buckets.by_scope, target):
            if template.id in seen or (template.phase is self.phase and template.locale in tiers):
                continue  # judged in its tier already: it is in `near`
            if template.phase is not self.phase:
                detail = f"written for the {template.phase} phase, not {self.phase}"
                wrong_phase.append(
                    (
                        (int(template.locale not in tiers), *rank[1:]),
                        RefusedCandidate(
                            template.id,
                            template.locale,
                            template.phase,
                            RefusalReason.WRONG_PHASE,
                            detail,
                        ),
                    )
                )
            else:
                accepted = ", ".join(loc for loc, _ in self.index.tiers(target.locale))
                detail = (
                    f"written in {template.locale}, which a {target.locale} reader is not"
                    f" given (accepted: {accepted})"
                )
                other_locale.append(
                    (
                        rank,
                        RefusedCandidate(
                            template.id,
                            template.locale,
                            template.phase,
                            RefusalReason.OTHER_LOCALE,
                            detail,
                        ),
                    )
                )
        near.extend(c for _, c in sorted(wrong_phase, key=lambda pair: pair[0]))
        near.extend(c for _, c in sorted(other_locale, key=lambda pair: pair[0]))
        return Gap(
            stakeholder=target.stakeholder.id,
            channel=target.channel.id,
            locale=target.locale,
            crisis_type=self.situation.crisis_type,
            severity=self.situation.severity,
            phase=self.phase,
            candidates=tuple(near[:NEAREST]),
            omitted=max(0, len(near) - NEAREST),
        )


def _refused(template: MessageTemplate, state: ApprovalState) -> RefusedCandidate:
    return RefusedCandidate(
        template.id,
        template.locale,
        template.phase,
        RefusalReason(state.status.value),
        "; ".join(state.reasons),
        # Why it was refused: its errors (an unsigned-approval note is no reason).
        tuple(f for f in state.findings if f.is_error),
    )


def _locale_reason(locale: str, template: MessageTemplate, match: LocaleMatch) -> str:
    if match is LocaleMatch.EXACT:
        return f"written in {locale}, the reader's locale"
    if match is LocaleMatch.LANGUAGE:
        return (
            f"no approved template in {locale}; {template.locale} is the closest locale of the"
            " same language (negotiated with babel)"
        )
    language = locale.split("_", 1)[0]
    return (
        f"no approved template in {locale} or another {language!r} locale; fell back to the"
        f" plan's default locale {template.locale}"
    )


def _scope_reason(template: MessageTemplate) -> str:
    def part(values: tuple[str, ...], what: str) -> str:
        return f"{what} {', '.join(values)}" if values else f"any {what}"

    return "scope: " + "; ".join(
        [
            part(template.crisis_types, "crisis type"),
            part(template.stakeholders, "stakeholder"),
            part(template.channels, "channel"),
            part(template.severities, "severity"),
        ]
    )


# -- the public functions ----------------------------------------------------


def _check_common(plan: object, situation: object, now: object, allow_unapproved: object) -> None:
    if not isinstance(plan, Plan):
        raise InputError.for_type("plan", "a crisiscomms.Plan", plan)
    plan.check_situation(situation)  # type: ignore[arg-type]
    check_now(now)
    if not isinstance(allow_unapproved, bool):
        raise InputError.for_type("allow_unapproved", "True or False", allow_unapproved)


def _check_key(plan: Plan, key: object) -> None:
    if not isinstance(key, str):
        raise InputError.for_type("key", "a template key of the plan, or None", key)
    keys = {t.key for t in plan.templates}
    if key not in keys:
        rebuttals = sorted(index_of(plan).rebuttal_keys)
        hint = (
            f"the claims' rebuttal keys are {', '.join(map(repr, rebuttals))}"
            if rebuttals
            else f"the plan's template keys are {', '.join(map(repr, sorted(keys)[:10]))}"
        )
        raise InputError.for_argument(
            "key", "the key of some of the plan's templates", key, hint=hint
        )


def _target(
    plan: Plan,
    stakeholder: object,
    channel: object,
    locale: object,
    *,
    other_channel_ok: bool = False,
) -> Target:
    if not isinstance(stakeholder, str):
        raise InputError.for_type("stakeholder", "a stakeholder id of the plan", stakeholder)
    if not isinstance(channel, str):
        raise InputError.for_type("channel", "a channel id of the plan", channel)
    holder = plan.stakeholder(stakeholder)
    where = plan.channel(channel)
    if channel not in holder.channels and not other_channel_ok:
        used = ", ".join(repr(c) for c in holder.channels) or "none"
        raise InputError.for_argument(
            "channel",
            f"a channel that stakeholder {stakeholder!r} is reached on",
            channel,
            hint=f"its channels are {used}: pick one of them, or add {channel!r} to the"
            f" stakeholder's channels in the plan",
        )
    if locale is None:
        return Target(holder, where, holder.locales[0])
    if not isinstance(locale, str):
        raise InputError.for_type("locale", "a locale such as 'fr_FR', or None", locale)
    try:
        canonical = normalize_locale(locale)
    except ValueError as exc:
        raise InputError.for_argument(
            "locale", "a locale known to CLDR such as 'fr_CA'", locale, hint=str(exc)
        ) from None
    return Target(holder, where, canonical)


def select_response(
    plan: Plan,
    situation: Situation,
    /,
    *,
    stakeholder: str,
    channel: str,
    locale: str | None = None,
    now: datetime,
    allow_unapproved: bool = False,
    other_channel_ok: bool = False,
    key: str | None = None,
) -> Selection:
    """The best valid pre-approved template for one stakeholder, channel and locale.

    The rules are in the docstring of `crisiscomms._selection` and in the
    reference page "Approvals and selection"; the returned `Selection` says in words which
    rule decided.

    Args:
        plan: the plan whose templates are candidates.
        situation: the crisis: its type, severity and phase decide the scope.
        stakeholder: a stakeholder id of the plan.
        channel: one of the stakeholder's channels (see `other_channel_ok`).
        locale: the reader's locale; by default the stakeholder's first.
        now: the instant at which approvals must hold (aware).
        allow_unapproved: accept the best unapproved template when no approved
            one exists; the selection is then marked unapproved.
        other_channel_ok: select for a channel the stakeholder is not reached on
            (to ask "would a template serve them there?"); without it, such a
            channel is an error.
        key: select among the templates of this key only: how a claim's
            rebuttal (its `rebuttal_key`) is selected. Without it, the
            templates that answer a claim are never candidates: a rebuttal is
            no one's ordinary statement.

    Returns:
        The selection, with its reasons and the better candidates passed over.

    Raises:
        NoApprovedTemplate: when no valid template exists; its `candidates`
            are the nearest templates (`RefusedCandidate`) and why each was refused.
        InputError: for an unknown stakeholder, channel or locale, or a
            situation that does not fit the plan.
        NaiveDatetimeError: when `now` has no time zone.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> now = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> s = select_response(demo_plan(), demo_situation(), stakeholder="media",
    ...                     channel="press", locale="fr_CA", now=now)
    >>> s.template_id, s.locale_match.value, s.render_locale
    ('breach-long-fr', 'language', 'fr_CA')
    >>> print(s.reasons[0])
    no approved template in fr_CA; fr_FR is the closest locale of the same language \
(negotiated with babel)
    >>> from crisiscomms import Phase
    >>> recall = demo_situation().model_copy(
    ...     update={"crisis_type": "product-recall", "phase": Phase.RESOLVED})
    >>> select_response(demo_plan(), recall, stakeholder="customers",
    ...                 channel="sms", now=now)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    crisiscomms.NoApprovedTemplate: no approved template for stakeholder 'customers' on channel \
'sms' in fr_FR (crisis type 'product-recall', severity 'high', phase resolved); nearest \
candidates: 'recall-fr' (fr_FR, initial): wrong_phase: ...
    """
    _check_common(plan, situation, now, allow_unapproved)
    target = _target(plan, stakeholder, channel, locale, other_channel_ok=other_channel_ok)
    if key is not None:
        _check_key(plan, key)
    chooser = Chooser(plan, situation, now, allow_unapproved=allow_unapproved, key=key)
    result = chooser.choose(target)
    if isinstance(result, Gap):
        raise NoApprovedTemplate(
            result.message, target=result.target, candidates=result.candidates
        )
    return result


def _targets(plan: Plan, stakeholders: Iterable[Stakeholder]) -> Iterator[Target]:
    for holder in stakeholders:
        for channel_id in holder.channels:
            channel = plan.channel(channel_id)
            for locale in holder.locales:
                yield Target(holder, channel, locale)


def select_responses(
    plan: Plan, situation: Situation, /, *, now: datetime, allow_unapproved: bool = False
) -> ResponsePlan:
    """A selection for every target of the situation, and a `Gap` for each it lacks.

    Targets are the stakeholders concerned (those whose `min_severity` is at
    or below the situation's severity, or who have none; only those the
    situation names when it restricts them), each on each of its channels,
    in each of its locales.

    Args:
        plan: the plan whose templates are candidates.
        situation: the crisis.
        now: the instant at which approvals must hold (aware).
        allow_unapproved: as for `select_response`.

    Raises:
        InputError: for a situation that does not fit the plan.
        NaiveDatetimeError: when `now` has no time zone.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> plan = select_responses(demo_plan(), demo_situation(),
    ...                         now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
    >>> [(s.target, s.template_id) for s in plan.selections][:2]
    [('customers/status-page/fr_FR', 'breach-long-fr'), ('customers/sms/fr_FR', 'breach-sms-fr')]
    """
    _check_common(plan, situation, now, allow_unapproved)
    chooser = Chooser(plan, situation, now, allow_unapproved=allow_unapproved)
    stakeholders = concerned_stakeholders(plan, situation)
    selections: list[Selection] = []
    gaps: list[Gap] = []
    for target in _targets(plan, stakeholders):
        result = chooser.choose(target)
        if isinstance(result, Gap):
            gaps.append(result)
        else:
            selections.append(result)
    return ResponsePlan(
        stakeholders=tuple(s.id for s in stakeholders),
        selections=tuple(selections),
        gaps=tuple(gaps),
    )
