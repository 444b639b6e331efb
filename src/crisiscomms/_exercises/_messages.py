"""Each message the team sent: timeliness, approval at send time, consistency, marking, outages.

- timeliness: the plan's deadlines due by the end of the drill
  (`evaluate_timeliness` at the end, at the starting severity);
- approvals: a message from a template counts when the template's approval
  counted at send time (`approval_status`, with the approvals the log gives
  from their time, at the severity then); a hand-written one is counted
  apart (``EXR008``), an unapproved one reported (``EXR007``);
- consistency and marking: the messages are checked (`check_consistency`,
  as exercise messages) against the facts as they stood when each was sent,
  grouped by the facts' version; a ``CON`` error makes a message
  inconsistent, an ``EXR001`` unmarked;
- outages: a message posted on a channel while a channel outage inject held
  it down reached no one there (``EXR011``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Final, final

import attrs

from crisiscomms._codes import Level
from crisiscomms._consistency import check_consistency
from crisiscomms._errors import CrisisCommsError
from crisiscomms._exercises._log import LogReader, ReadLog
from crisiscomms._exercises._score import clock
from crisiscomms._findings import Finding
from crisiscomms._message import Message
from crisiscomms._selection import approval_status
from crisiscomms._timeline import DeadlineStatus, TimelinessReport, evaluate_timeliness
from crisiscomms.model._base import Mode
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._scenario import InjectKind, Scenario

__all__ = ["OUTAGE", "Judged", "judge_messages"]

#: How long a channel outage inject keeps its channel down.
OUTAGE: Final = timedelta(minutes=30)


@final
@attrs.frozen
class Judged:
    """What the messages sent came to, for the parts of the score."""

    report: TimelinessReport
    scored_deadlines: int
    timeliness: float | None
    templated: int
    approved: int
    inconsistent: frozenset[str]
    unmarked: frozenset[str]
    locales: frozenset[str]
    reached_channels: frozenset[str]


def judge_messages(
    plan: Plan, scenario: Scenario, initial: Situation, reader: LogReader, read: ReadLog
) -> Judged:
    """Judge each message of `read`; the findings go to the reader's."""
    findings = reader.findings
    messages, changes, approvals = read.messages, read.changes, read.approvals
    start, end = scenario.starts_at, scenario.ends_at
    report = evaluate_timeliness(plan, initial, [e.sent for e in messages], now=end)
    findings.extend(f for f in report.findings if f.code != "TIM003")
    scored_deadlines = [
        s
        for s in report.states
        if s.status is DeadlineStatus.MET or s.status is DeadlineStatus.MISSED
    ]
    timeliness = (
        sum(
            1.0 if s.status is DeadlineStatus.MET else (0.5 if s.met_by else 0.0)
            for s in scored_deadlines
        )
        / len(scored_deadlines)
        if scored_deadlines
        else None
    )

    templated = approved = 0
    for entry in messages:
        sent_message = entry.sent
        if sent_message.template_id is None:
            findings.append(
                Finding.of(
                    "EXR008",
                    f"{sent_message.label} was written by hand: it is counted apart from"
                    " approvals",
                    subject=sent_message.label,
                )
            )
            continue
        templated += 1
        template = _template_at(plan, sent_message.template_id, sent_message.sent_at, approvals)
        severity = _severity_at(scenario, changes, sent_message.sent_at, plan)
        # approval_status judges what does not depend on the time once (its memo).
        state = approval_status(template, plan, severity=severity, now=sent_message.sent_at)
        if state.is_approved:
            approved += 1
        else:
            findings.append(
                Finding.of(
                    "EXR007",
                    f"{sent_message.label} was sent from template {template.id!r}, whose"
                    f" approval did not count at send time ({state.status.value}:"
                    f" {'; '.join(state.reasons)})",
                    subject=sent_message.label,
                )
            )

    by_version: dict[int, tuple[Situation, list[Message]]] = {}
    for entry in messages:
        sent_message = entry.sent
        state_then = scenario.situation_at(sent_message.sent_at)
        locale = sent_message.locale
        if locale is None and sent_message.template_id is not None:
            locale = plan.template(sent_message.template_id).locale
        if locale is None:
            locale = plan.stakeholder(sent_message.stakeholder).locales[0]
        message = Message(
            entry.text,
            channel=sent_message.channel,
            locale=locale,
            stakeholder=sent_message.stakeholder,
            template_id=sent_message.template_id,
            id=sent_message.label,
        )
        by_version.setdefault(state_then.facts_version, (state_then, []))[1].append(message)
    inconsistent: set[str] = set()
    unmarked: set[str] = set()
    for state_then, group in by_version.values():
        try:
            checked = check_consistency(
                group, facts=state_then.facts, plan=plan, exercise=Mode.EXERCISE
            )
        except CrisisCommsError as error:
            for message in group:
                reader.problem(message.label, f"{message.label} could not be checked: {error}")
                inconsistent.add(message.label)
            continue
        for finding in checked.findings:
            findings.append(finding)
            if finding.family == "CON" and finding.level is Level.ERROR:
                inconsistent.add(finding.subject)
            if finding.code == "EXR001":
                unmarked.add(finding.subject)

    # Channel outages: a message posted where the channel was down did not reach anyone there.
    outages = [
        (i.channel, start + i.at, start + i.at + OUTAGE)
        for i in scenario.injects
        if i.kind is InjectKind.CHANNEL_OUTAGE
    ]
    reached_channels: set[str] = set()
    for entry in messages:
        s = entry.sent
        down = [o for o in outages if o[0] == s.channel and o[1] <= s.sent_at < o[2]]
        if down:
            findings.append(
                Finding.of(
                    "EXR011",
                    f"{s.label} went out on {s.channel}, which was down in the drill from"
                    f" T+{clock(down[0][1] - start)} to T+{clock(down[0][2] - start)};"
                    " use another of the stakeholder's channels during an outage",
                    subject=s.label,
                )
            )
        else:
            reached_channels.add(s.channel)
    return Judged(
        report=report,
        scored_deadlines=len(scored_deadlines),
        timeliness=timeliness,
        templated=templated,
        approved=approved,
        inconsistent=frozenset(inconsistent),
        unmarked=frozenset(unmarked),
        locales=frozenset(m.locale for _, group in by_version.values() for m in group),
        reached_channels=frozenset(reached_channels),
    )


def _severity_at(scenario: Scenario, changes: Sequence[Any], when: datetime, plan: Plan) -> str:
    severity = scenario.situation_at(
        when if when >= scenario.starts_at else scenario.starts_at
    ).severity
    declared = [c.severity for c in changes if c.at <= when]
    return declared[-1] if declared else severity


def _template_at(
    plan: Plan, template_id: str, when: datetime, approvals: Sequence[Any]
) -> MessageTemplate:
    template = plan.template(template_id)
    given = [
        a.approval
        for a in approvals
        if a.template_id == template_id and a.approval.approved_at <= when
    ]
    if given:
        template = template.model_copy(update={"approval": given[-1]})
    return template
