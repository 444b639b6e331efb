"""The deadlines of the demo crisis at 11:00 in Paris: what was met, what is due, what is late.

Run it with ``python examples/timeline.py``. The messages below are what the
crisis team sent since the breach was detected at 08:40; crisiscomms computes
every deadline (severity targets, GDPR Art. 33, NIS2's three stages, the
distributors' contract, the update cadence) and where each one stands.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from crisiscomms import SentMessage, TimelinessReport, evaluate_timeliness
from crisiscomms.samples import demo_plan, demo_situation

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 11, 0, tzinfo=PARIS)


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 24, hour, minute, tzinfo=PARIS)


SENT = [
    SentMessage(
        id="staff-1",
        stakeholder="employees",
        channel="slack-crisis",
        sent_at=at(9, 0),
        template_id="breach-staff-fr",
    ),
    SentMessage(
        id="status-1",
        stakeholder="customers",
        channel="status-page",
        sent_at=at(9, 25),
        template_id="breach-long-fr",
    ),
    SentMessage(
        id="cnil-1",
        stakeholder="regulators",
        channel="email",
        sent_at=at(9, 30),
        template_id="breach-regulator-fr",
        obligations=["gdpr-art33", "nis2-early-warning"],
    ),
    SentMessage(
        id="press-1",
        stakeholder="media",
        channel="press",
        sent_at=at(9, 55),
        template_id="breach-long-fr",
    ),
]


def span(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta(0)).total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    text = f"{minutes // 60} h {minutes % 60:02d}"
    return f"{days} d {text}" if days else text


SYMBOLS = {"met": "met    ", "missed": "LATE   ", "at_risk": "DUE    ", "pending": "pending"}


def main() -> TimelinessReport:
    plan, situation = demo_plan(), demo_situation()
    report = evaluate_timeliness(plan, situation, SENT, now=NOW)
    print(f"{plan.name}: deadlines at {NOW:%d %b %Y %H:%M %Z}")
    for state in report.states:
        deadline = state.deadline
        if state.met_by and state.lateness:
            how = f"{state.met_by} came {span(state.lateness)} late"
        elif state.met_by:
            how = f"{state.met_by}, {span(state.margin)} early"
        elif state.lateness:
            how = f"nothing sent, {span(state.lateness)} overdue"
        else:
            how = f"{span(state.margin)} left"
        print(
            f"  {SYMBOLS[state.status.value]} {deadline.due_at:%d %b %H:%M}"
            f"  {deadline.stakeholder:<11} {deadline.label[:44]:<44}  {how}"
        )
    print("findings:")
    for finding in report.findings:
        print(f"  {finding.level.value:<7} {finding.code} {finding.subject}")
    return report


if __name__ == "__main__":
    main()
