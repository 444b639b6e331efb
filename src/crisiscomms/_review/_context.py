"""The record read against the plan once: what every metric of the review shares."""

from __future__ import annotations

import functools
from datetime import datetime
from zoneinfo import ZoneInfo

import attrs

from crisiscomms._consistency import ConsistencyReport, check_consistency
from crisiscomms._errors import InputError, known_list
from crisiscomms._message import Message
from crisiscomms._timeline import DeadlineState, TimelinessReport, evaluate_timeliness
from crisiscomms.model._base import Audience, Phase
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._record import CrisisRecord
from crisiscomms.model._sent import SentMessage
from crisiscomms.text._platforms import Platform

__all__ = ["ENDING_PHASES", "Context", "read_record"]

_PLATFORMS = frozenset(p.value for p in Platform)
ENDING_PHASES = frozenset({Phase.RESOLVED, Phase.POST_CRISIS})


@attrs.frozen
class Context:
    """The plan, the record, and each sent message with what was in force when it went out."""

    plan: Plan
    record: CrisisRecord
    zone: ZoneInfo
    end: datetime
    sent: tuple[SentMessage, ...]
    #: For each sent message: its phase, the situation in force, its locale.
    phases: tuple[Phase, ...]
    situations: tuple[Situation, ...]
    locales: tuple[str, ...]
    #: The situation at detection and after each change, with their instants.
    states: tuple[tuple[datetime, Situation], ...]
    #: The fact whose value a message promises the next update by.
    promise_fact: str = "next_update"

    @functools.cached_property
    def timeliness(self) -> dict[str, TimelinessReport]:
        """`evaluate_timeliness` at the record's end, once per severity the crisis had."""
        reports = {}
        for _, situation in self.states:
            if situation.severity not in reports:
                as_detected = self.record.situation.model_copy(
                    update={"severity": situation.severity}
                )
                reports[situation.severity] = evaluate_timeliness(
                    self.plan, as_detected, self.sent, now=self.end
                )
        return reports

    @functools.cached_property
    def deadlines(self) -> dict[str, dict[str, DeadlineState]]:
        """For each report of `timeliness`, its deadline states by id.

        The first state of an id, as `TimelinessReport.state` finds it, read in one
        pass instead of a scan per look-up.
        """
        result: dict[str, dict[str, DeadlineState]] = {}
        for severity, report in self.timeliness.items():
            by_id = result[severity] = {}
            for state in report.states:
                by_id.setdefault(state.deadline.id, state)
        return result

    @functools.cached_property
    def audiences(self) -> dict[str, Audience]:
        """The audience of each channel of the plan, by id."""
        return {channel.id: channel.audience for channel in self.plan.channels}

    @functools.cached_property
    def by_stakeholder(self) -> dict[str, tuple[int, ...]]:
        """The positions of the sent messages to each stakeholder, in time order."""
        positions: dict[str, list[int]] = {}
        for position, message in enumerate(self.sent):
            positions.setdefault(message.stakeholder, []).append(position)
        return {sid: tuple(found) for sid, found in positions.items()}

    @functools.cached_property
    def checked(self) -> tuple[tuple[tuple[int, ...], ConsistencyReport], ...]:
        """`check_consistency` of the messages sent under the same facts, against those facts.

        One check per state of the situation: the positions of its messages, and the report.
        """
        groups: dict[int, list[int]] = {}
        versions = [situation for _, situation in self.states]
        index = {id(situation): i for i, situation in enumerate(versions)}
        for position, situation in enumerate(self.situations):
            if self.messages[position] is not None:
                groups.setdefault(index[id(situation)], []).append(position)
        result = []
        for state, positions in sorted(groups.items()):
            messages = [m for p in positions if (m := self.messages[p]) is not None]
            report = check_consistency(messages, facts=versions[state].facts, plan=self.plan)
            result.append((tuple(positions), report))
        return tuple(result)

    @functools.cached_property
    def highest_severity(self) -> str:
        """The highest severity the crisis reached."""
        return max((s.severity for _, s in self.states), key=self.plan.severity_rank)

    @functools.cached_property
    def messages(self) -> tuple[Message | None, ...]:
        """Each sent message as the consistency check reads it; None when its text was not kept."""
        return tuple(
            None
            if m.text is None
            else Message(
                m.text,
                channel=m.channel,
                locale=locale,
                stakeholder=m.stakeholder,
                template_id=m.template_id,
                timezone=self.plan.stakeholder_timezone(m.stakeholder),
                id=m.label,
            )
            for m, locale in zip(self.sent, self.locales, strict=True)
        )


def _problems(plan: Plan, record: CrisisRecord) -> list[str]:
    problems = []
    severities = {s.id for s in plan.severities}
    stakeholders = {s.id for s in plan.stakeholders}
    channels = {c.id for c in plan.channels} | _PLATFORMS
    templates = {t.id for t in plan.templates}
    obligations = {o.id for o in plan.obligations}
    situation = record.situation
    if situation.crisis_type not in {c.id for c in plan.crisis_types}:
        problems.append(
            f"situation.crisis_type: unknown crisis type {situation.crisis_type!r}"
            f" ({known_list(c.id for c in plan.crisis_types)})"
        )
    if situation.severity not in severities:
        problems.append(f"situation.severity: unknown severity {situation.severity!r}")
    problems.extend(
        f"situation.stakeholders: unknown stakeholder {sid!r}"
        for sid in situation.stakeholders or ()
        if sid not in stakeholders
    )
    for i, change in enumerate(record.changes):
        if change.severity is not None and change.severity not in severities:
            problems.append(
                f"changes[{i}] ({change.label}).severity: unknown severity {change.severity!r}"
                f" ({known_list(severities)})"
            )
    for i, m in enumerate(record.sent):
        where = f"sent[{i}] ({m.label})"
        if m.stakeholder not in stakeholders:
            problems.append(
                f"{where}.stakeholder: unknown stakeholder {m.stakeholder!r}"
                f" ({known_list(stakeholders)})"
            )
        if m.channel not in channels:
            problems.append(
                f"{where}.channel: {m.channel!r} is neither a channel of the plan nor a platform"
            )
        if m.template_id is not None and m.template_id not in templates:
            problems.append(f"{where}.template_id: unknown template {m.template_id!r}")
        problems.extend(
            f"{where}.obligations: unknown obligation {o!r}"
            for o in m.obligations
            if o not in obligations
        )
    return problems


def _locale(plan: Plan, message: SentMessage) -> str:
    if message.locale is not None:
        return message.locale
    if message.template_id is not None:
        return plan.template(message.template_id).locale
    return plan.stakeholder(message.stakeholder).locales[0]


def read_record(plan: Plan, record: CrisisRecord, promise_fact: str = "next_update") -> Context:
    """The record checked against the plan, each message with what was in force then.

    Raises:
        InputValueError: naming every event that refers to something the plan lacks.
    """
    problems = _problems(plan, record)
    if problems:
        raise InputError.for_value(
            "record",
            "a record whose events use the plan's ids",
            record.label or "the record",
            hint="; ".join(problems[:20]) + ("; ..." if len(problems) > 20 else ""),
        )
    sent = record.sent
    phases = tuple(
        m.phase if m.phase is not None else plan.template(m.template_id or "").phase for m in sent
    )
    return Context(
        plan=plan,
        record=record,
        zone=ZoneInfo(plan.timezone),
        end=record.end,
        sent=sent,
        phases=phases,
        situations=tuple(record.situation_at(m.sent_at) for m in sent),
        locales=tuple(_locale(plan, m) for m in sent),
        states=record.situations(),
        promise_fact=promise_fact,
    )
