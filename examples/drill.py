"""A drill on Lumea: a scenario generated from the plan, a scripted team, and its score.

The scenario is generated with a fixed seed, so the same injects come every
time. The team's log is scripted: most actions on time, the investors told
late, no rebuttal of the rumour, and one hand-written message to the
partners sent without its exercise marker.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from crisiscomms import (
    ExerciseLog,
    ExerciseMessage,
    ExerciseScore,
    Plan,
    Scenario,
    SentMessage,
    SeverityChange,
    draft_responses,
    generate_scenario,
    score_exercise,
)
from crisiscomms.samples import demo_plan

PARIS = ZoneInfo("Europe/Paris")
STARTS_AT = datetime(2026, 12, 3, 9, 0, tzinfo=PARIS)
SEED = 2411


def drafted(
    plan: Plan,
    scenario: Scenario,
    minutes: int,
    target: str,
    *,
    obligations: tuple[str, ...] = (),
) -> ExerciseMessage:
    """The draft for `target` as the drill stands at T+`minutes`, logged as sent then."""
    at = scenario.starts_at + timedelta(minutes=minutes)
    situation = scenario.situation_at(at)
    draft = draft_responses(plan, situation, now=at).draft(target)
    stakeholder, channel, locale = target.split("/")
    sent = SentMessage(
        stakeholder=stakeholder,
        channel=channel,
        locale=locale,
        sent_at=at,
        template_id=draft.message.template_id,
        obligations=obligations,
        id=f"{stakeholder}-{channel}-{minutes}",
    )
    return ExerciseMessage(sent=sent, text=draft.message.text)


def team_log(plan: Plan, scenario: Scenario) -> ExerciseLog:
    """What the scripted team did, minute by minute."""
    partners = SentMessage(
        stakeholder="partners",
        channel="email",
        locale="en_GB",
        sent_at=scenario.starts_at + timedelta(minutes=58),
        phase="initial",
        id="partners-by-hand",
    )
    return ExerciseLog(
        messages=(
            drafted(plan, scenario, 35, "customers/status-page/fr_FR"),
            drafted(plan, scenario, 40, "employees/slack-crisis/fr_FR"),
            drafted(plan, scenario, 50, "media/press/fr_FR"),
            drafted(
                plan, scenario, 55, "regulators/email/fr_FR", obligations=("nis2-early-warning",)
            ),
            # Written by hand, in a hurry: no exercise marker.
            ExerciseMessage(
                sent=partners,
                text="Dear partners, we are handling a security incident and will update you.",
            ),
            drafted(plan, scenario, 85, "investors/email/fr_FR"),  # late: due at T+1:00
            drafted(plan, scenario, 105, "media/press/en_GB"),  # answers the journalist
            drafted(plan, scenario, 160, "partners/email/en_GB"),  # answers the partners
        ),
        severity_changes=(
            SeverityChange(
                severity="critical", at=scenario.starts_at + timedelta(minutes=110), by="karim"
            ),
        ),
        # No rebuttal of the rumour: the team missed it.
        participants=("amelie-durand", "sophie-martin", "thomas-leroy", "lucas-bernard"),
    )


def show_injects(scenario: Scenario) -> None:
    """The Master Scenario Events List."""
    print(
        f"Scenario {scenario.id} (seed {scenario.seed}), starts {scenario.starts_at:%d %b %H:%M}"
    )
    for row in scenario.to_records():
        after = _clock(row["after"])
        print(f"  {row['number']:>2}  T+{after:>5}  {row['kind']:<20}  {row['description']}")
        for action in scenario.injects[row["number"] - 1].expected:
            print(f"        expected: {action.description}, by T+{_clock(action.due)}")


def show_score(score: ExerciseScore) -> None:
    """The overall score, its parts, each action, the findings."""
    print(f"Score: {score.overall}/100")
    for part in score.parts:
        value = "n/a" if part.score is None else f"{part.score:.2f}"
        print(f"  {part.name:<12} {value:>5}  x{part.weight:>4.0f}  {part.detail}")
    print("Expected actions:")
    for row in score.to_records():
        print(f"  {row['status']:<7} {row['action']:<40} {row['done_by'] or '-'}")
    print("Findings (EXR):")
    for finding in score.findings:
        if finding.family == "EXR" and finding.code not in {"EXR012"}:
            print(f"  {finding.level.value:<7} {finding.code} [{finding.subject}]")


def _clock(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def main() -> None:
    plan = demo_plan()
    scenario = generate_scenario(plan, seed=SEED, crisis_type="data-breach", starts_at=STARTS_AT)
    show_injects(scenario)
    print()
    score = score_exercise(plan, scenario, team_log(plan, scenario))
    show_score(score)
    print(f"Recorded as: {score.to_exercise().label}")


if __name__ == "__main__":
    main()
