"""The `draft_responses` capability: the main job, from a plan and a crisis to drafts.

For every target of the situation, `draft_responses` selects the valid
pre-approved template (`select_responses`), renders it with the situation's
facts in the reader's locale and time zone (the stakeholder's, else the
channel's, else the plan's), measures it against the channel, and checks it
(`check_message`); the consistency check's findings about a draft are its
own. What cannot be drafted is reported, never dropped: gaps
(``APR006``) and templates that could not be rendered (``TPL201`` to
``TPL203``) are findings of the set.
"""

from __future__ import annotations

from datetime import datetime
from typing import final

import attrs

from crisiscomms._checking import measure_and_check
from crisiscomms._consistency import ConsistencyReport, check_consistency
from crisiscomms._errors import CrisisCommsError, FactTypeError, InputError, MissingFactError
from crisiscomms._findings import Finding, Level
from crisiscomms._marking import drill_text
from crisiscomms._message import Message
from crisiscomms._records import DraftRecord
from crisiscomms._rendering import percent_findings, render
from crisiscomms._selection import Gap, Selection, select_responses
from crisiscomms._tables import html_table
from crisiscomms.model._elements import Channel
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.text._measure import Measurement

__all__ = ["Draft", "DraftSet", "draft_responses"]


def _worst(findings: tuple[Finding, ...]) -> str:
    if any(f.level is Level.ERROR for f in findings):
        return "error"
    if any(f.level is Level.WARNING for f in findings):
        return "warning"
    return "ok"


@final
@attrs.frozen
class Draft:
    """One rendered message for one target, measured and checked.

    Args:
        message: the text, with its channel, locale, stakeholder, template and zone.
        selection: why this template (see `Selection.reasons`).
        measurement: its length in the channel's unit, against the limit.
        findings: what is wrong with it (length, safety, links, approval,
            language fallback, and the consistency check's findings about it),
            each about this draft's target.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> drafts = draft_responses(demo_plan(), demo_situation(),
    ...                          now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
    >>> sms = drafts.draft("customers/sms/fr_FR")
    >>> sms.message.template_id, sms.measurement.fits, sms.status
    ('breach-sms-fr', True, 'ok')
    """

    message: Message
    selection: Selection
    measurement: Measurement
    findings: tuple[Finding, ...] = ()

    @property
    def target(self) -> str:
        """``stakeholder/channel/locale``, the name of the draft in reports."""
        return self.selection.target

    @property
    def status(self) -> str:
        """``"error"``, ``"warning"`` or ``"ok"``: the worst level among the findings."""
        return _worst(self.findings)

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return self.status != "error"


@final
@attrs.frozen(repr=False)
class DraftSet:
    """Every draft of a situation, the targets left without one, and every finding.

    Args:
        drafts: one per target that has a valid template that rendered.
        gaps: the targets without a valid template (each also an ``APR006`` finding).
        unrendered: selections whose template could not be rendered with the
            facts (each also a ``TPL201`` to ``TPL203`` finding).
        findings: every finding of the drafts, the gaps, the render
            failures and the consistency report, each with the target as its
            subject.
        consistency: the report of `check_consistency` on the drafts' messages,
            against the situation's facts and the plan (None for a set built
            by hand).

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> drafts = draft_responses(demo_plan(), demo_situation(),
    ...                          now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
    >>> len(drafts.drafts) + len(drafts.gaps) + len(drafts.unrendered)
    20
    >>> drafts.to_records()[1]["template_id"], drafts.to_records()[1]["status"]
    ('breach-sms-fr', 'ok')
    """

    drafts: tuple[Draft, ...]
    gaps: tuple[Gap, ...] = ()
    unrendered: tuple[Selection, ...] = ()
    findings: tuple[Finding, ...] = ()
    consistency: ConsistencyReport | None = None

    @property
    def ok(self) -> bool:
        """True when there is no gap, no render failure, no error finding, and the drafts agree.

        The drafts agree when their consistency report has no error: they give
        the same numbers, instants, links, contacts and status as each other
        and as the facts, and every public one states the required facts.
        """
        return (
            not self.gaps
            and not self.unrendered
            and not any(f.level is Level.ERROR for f in self.findings)
            and (self.consistency is None or self.consistency.ok)
        )

    @property
    def messages(self) -> tuple[Message, ...]:
        """The drafts' messages, in order: what the consistency check reads."""
        return tuple(d.message for d in self.drafts)

    def draft(self, target: str, /) -> Draft:
        """The draft for ``stakeholder/channel/locale``.

        Raises:
            InputError: when the set has no draft for that target (a gap, or
                unknown); the message lists the drafts there are.
        """
        for one in self.drafts:
            if one.target == target:
                return one
        known = ", ".join(d.target for d in self.drafts) or "(none)"
        raise InputError.for_argument(
            "target",
            "the 'stakeholder/channel/locale' of a draft of this set",
            target,
            hint=f"no draft for it (a gap, or not a target); drafts: {known}",
        )

    def to_records(self) -> list[DraftRecord]:
        """One flat dict per target, all with the same keys: ``pandas.DataFrame(rows)``.

        Drafts, then gaps (status ``"gap"``), then render failures (status
        ``"unrendered"``); ``codes`` lists the finding codes of each target.

        >>> from datetime import datetime, timezone
        >>> from crisiscomms.samples import demo_plan, demo_situation
        >>> rows = draft_responses(demo_plan(), demo_situation(),
        ...                        now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc)).to_records()
        >>> sorted(rows[0])[:5]
        ['approved', 'channel', 'codes', 'errors', 'fits']
        """
        rows = [_draft_record(d) for d in self.drafts]
        rows.extend(_gap_record(g) for g in self.gaps)
        rows.extend(_unrendered_record(s, self.findings) for s in self.unrendered)
        return rows

    def __repr__(self) -> str:
        """A short summary; `to_records` and the notebook table show every draft."""
        errors = sum(f.level is Level.ERROR for f in self.findings)
        return (
            f"<DraftSet: {len(self.drafts)} drafts, {len(self.gaps)} gaps,"
            f" {len(self.unrendered)} unrendered, {errors} errors, ok={self.ok}>"
        )

    def _repr_html_(self) -> str:
        """An HTML table for notebooks: one row per target, every value escaped."""
        rows = []
        for record in self.to_records():
            limit = "" if record["limit"] is None else f" / {record['limit']}"
            length = "" if record["length"] is None else f"{record['length']}{limit}"
            rows.append(
                {
                    "target": record["target"],
                    "template": record["template_id"],
                    "length / limit": length,
                    "status": record["status"],
                    "findings": record["codes"],
                    "text": record["text"],
                }
            )
        errors = sum(f.level is Level.ERROR for f in self.findings)
        return html_table(
            rows,
            caption=f"{len(self.drafts)} drafts, {len(self.gaps)} gaps,"
            f" {len(self.unrendered)} unrendered, {errors} errors",
        )


def _codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


def _draft_record(draft: Draft) -> DraftRecord:
    m = draft.measurement
    s = draft.selection
    return DraftRecord(
        target=draft.target,
        stakeholder=s.stakeholder,
        channel=s.channel,
        locale=s.locale,
        render_locale=draft.message.locale,
        template_id=s.template_id,
        approved=s.approved,
        locale_match=s.locale_match.value,
        length=m.length,
        limit=m.limit,
        unit=str(m.unit),
        fits=m.fits,
        remaining=m.remaining,
        segments=m.segments,
        status=draft.status,
        errors=sum(f.level is Level.ERROR for f in draft.findings),
        warnings=sum(f.level is Level.WARNING for f in draft.findings),
        codes=_codes(draft.findings),
        text=draft.message.text,
    )


def _undrafted_record(
    selection: Selection | Gap, status: str, findings: tuple[Finding, ...]
) -> DraftRecord:
    chosen = selection if isinstance(selection, Selection) else None
    return DraftRecord(
        target=selection.target,
        stakeholder=selection.stakeholder,
        channel=selection.channel,
        locale=selection.locale,
        render_locale=None if chosen is None else chosen.render_locale,
        template_id=None if chosen is None else chosen.template_id,
        approved=False if chosen is None else chosen.approved,
        locale_match=None if chosen is None else chosen.locale_match.value,
        length=None,
        limit=None,
        unit=None,
        fits=None,
        remaining=None,
        segments=None,
        status=status,
        errors=sum(f.level is Level.ERROR for f in findings),
        warnings=sum(f.level is Level.WARNING for f in findings),
        codes=_codes(findings),
        text=None,
    )


def _gap_record(gap: Gap) -> DraftRecord:
    return _undrafted_record(gap, "gap", (gap.finding,))


def _unrendered_record(selection: Selection, findings: tuple[Finding, ...]) -> DraftRecord:
    own = tuple(f for f in findings if f.subject == selection.target)
    return _undrafted_record(selection, "unrendered", own)


def _timezone(plan: Plan, selection: Selection, channel: Channel) -> str:
    stakeholder = plan.stakeholder(selection.stakeholder)
    return stakeholder.timezone or channel.timezone or plan.timezone


def _render_failure(selection: Selection, error: CrisisCommsError) -> Finding:
    target = selection.target
    template = selection.template_id
    if isinstance(error, MissingFactError):
        return Finding.of(
            "TPL201",
            f"template {template!r} needs facts the situation lacks:"
            f" {', '.join(repr(n) for n in error.names)}; add them to the situation's facts"
            " (Situation.with_facts) and draft again",
            subject=target,
        )
    if isinstance(error, FactTypeError):
        return Finding.of(
            "TPL202",
            f"template {template!r}: {error}",
            subject=target,
        )
    return Finding.of(
        "TPL203",
        f"template {template!r} could not be rendered in {selection.render_locale}: {error}",
        subject=target,
    )


def _about(findings: tuple[Finding, ...], target: str) -> tuple[Finding, ...]:
    # In a set, "which message" matters more than the channel a check names.
    return tuple(f if f.subject == target else attrs.evolve(f, subject=target) for f in findings)


def draft_responses(
    plan: Plan,
    situation: Situation,
    /,
    *,
    now: datetime,
    allow_unapproved: bool = False,
) -> DraftSet:
    """Draft every message a situation calls for: select, render, measure, check.

    Args:
        plan: the plan: stakeholders, channels, templates, allowed link domains.
        situation: the crisis and its facts.
        now: the instant at which approvals must hold (aware).
        allow_unapproved: draft from the best unapproved template where no
            approved one exists; those drafts carry the approval's ``APR`` errors.

    Returns:
        The drafts, the gaps, the selections that could not be rendered,
        every finding, and in `consistency` the report of `check_consistency`
        on the drafts' messages (each named by its target); its ``CON``
        findings are also on the drafts they are about and in the set's
        findings, so a gate on `Draft.ok` sends nothing the check flagged.

    Raises:
        InputError: for a situation that does not fit the plan.
        NaiveDatetimeError: when `now` has no time zone.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> drafts = draft_responses(demo_plan(), demo_situation(),
    ...                          now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
    >>> print(drafts.draft("customers/sms/fr_FR").message.text)
    Lumea: acces non autorise a l'espace client detecte. Par precaution, changez votre mot \
de passe. Infos: https://status.lumea.fr/incident/2411
    """
    response = select_responses(plan, situation, now=now, allow_unapproved=allow_unapproved)
    facts = situation.facts
    rendered: dict[tuple[str, str, str, str], str] = {}
    drafts: list[Draft] = []
    unrendered: list[Selection] = []
    findings: list[Finding] = [g.finding for g in response.gaps]
    for selection in response.selections:
        channel = plan.channel(selection.channel)
        zone = _timezone(plan, selection, channel)
        locale = selection.render_locale
        # The same text, locale, zone and markup renders once (one text, many channels).
        key = (selection.template_id, locale, zone, str(channel.markup))
        text = rendered.get(key)
        if text is None:
            try:
                text = render(
                    selection.template, facts, locale=locale, timezone=zone, channel=channel
                )
            except CrisisCommsError as error:
                unrendered.append(selection)
                findings.extend(_about(selection.findings, selection.target))
                findings.append(_render_failure(selection, error))
                continue
            rendered[key] = text
        text = drill_text(text, situation, locale=locale, plan=plan)
        message = Message(
            text,
            channel=channel.id,
            locale=locale,
            stakeholder=selection.stakeholder,
            template_id=selection.template_id,
            timezone=zone,
            # Named by its target, so a fallback's findings say whose draft it is.
            id=selection.target,
        )
        measurement, checked = measure_and_check(
            text, channel, plan=plan, exercise=situation, locale=locale
        )
        percent = percent_findings(selection.template, facts, locale=locale)
        own = _about((*selection.findings, *percent, *checked), selection.target)
        drafts.append(
            Draft(message=message, selection=selection, measurement=measurement, findings=own)
        )
        findings.extend(own)
    consistency = check_consistency(
        [d.message for d in drafts], facts=facts, plan=plan, exercise=situation
    )
    return DraftSet(
        drafts=tuple(_with_consistency(drafts, consistency)),
        gaps=response.gaps,
        unrendered=tuple(unrendered),
        findings=(*findings, *consistency.findings),
        consistency=consistency,
    )


def _with_consistency(drafts: list[Draft], report: ConsistencyReport) -> list[Draft]:
    # A draft's status tells the whole truth: what the consistency check found
    # about it is among its own findings (a gate on `Draft.ok` must not send it).
    about: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if finding.subject:
            about.setdefault(finding.subject, []).append(finding)
    return [
        attrs.evolve(d, findings=(*d.findings, *about[d.target])) if d.target in about else d
        for d in drafts
    ]
