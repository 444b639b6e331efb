from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from crisiscomms import (
    MessageTemplate,
    Phase,
    Plan,
    Platform,
    Situation,
    StakeholderKind,
    load_plan,
    template_digest,
)
from crisiscomms.samples import demo_plan, demo_situation

PLAN = demo_plan()
SITUATION = demo_situation()
NOW = SITUATION.detected_at


def approved(template: MessageTemplate, plan: Plan, severity: str) -> bool:
    """A deliberately small approval check: present, untampered, current, enough approvers."""
    approval = template.approval
    if approval is None or approval.digest != template.digest:
        return False
    if approval.expires_at is not None and approval.expires_at <= NOW:
        return False
    level = plan.severity(severity)
    roles = set(level.approver_roles) or {r.id for r in plan.roles if r.can_approve}
    people = {p.id: set(p.roles) for p in plan.people}
    qualified = [a for a in approval.approved_by if people.get(a, set()) & roles]
    return len(qualified) >= level.approvals_required


def fits(template: MessageTemplate, situation: Situation, stakeholder: str, channel: str) -> bool:
    """Whether a template's scope covers one target (empty lists mean any)."""
    platform = PLAN.channel(channel).platform.value
    return (
        template.phase is situation.phase
        and (not template.crisis_types or situation.crisis_type in template.crisis_types)
        and (not template.severities or situation.severity in template.severities)
        and (not template.stakeholders or stakeholder in template.stakeholders)
        and (not template.channels or bool({channel, platform} & set(template.channels)))
    )


class TestContents:
    def test_loads_through_load_plan(self) -> None:
        """The demo plan is an ordinary plan document, valid for load_plan."""
        assert load_plan(PLAN.to_json()) == PLAN

    def test_same_object_every_call(self) -> None:
        """The plan is immutable, so it is built once."""
        assert demo_plan() is PLAN

    def test_severities_with_targets(self) -> None:
        """Four levels, lowest first, each tighter than the one below."""
        assert [s.id for s in PLAN.severities] == ["low", "moderate", "high", "critical"]
        firsts = [s.first_statement_within for s in PLAN.severities]
        assert firsts == sorted(firsts, reverse=True)
        assert PLAN.severity("critical").first_statement_within == timedelta(minutes=30)
        assert all(s.update_every > timedelta(0) for s in PLAN.severities)

    def test_six_stakeholders_of_the_issue(self) -> None:
        """Customers, employees, media, regulators, investors and partners."""
        kinds = {s.kind for s in PLAN.stakeholders}
        assert kinds == {
            StakeholderKind.CUSTOMERS,
            StakeholderKind.EMPLOYEES,
            StakeholderKind.MEDIA,
            StakeholderKind.REGULATORS,
            StakeholderKind.INVESTORS,
            StakeholderKind.PARTNERS,
        }

    def test_gdpr_72_hour_obligation(self) -> None:
        """The regulators hold GDPR Art. 33's 72 hours for data breaches."""
        gdpr = next(o for o in PLAN.obligations if "Art. 33" in o.reference)
        assert gdpr.within == timedelta(hours=72)
        assert PLAN.stakeholder(gdpr.stakeholder).kind is StakeholderKind.REGULATORS
        assert gdpr.crisis_types == ("data-breach",)

    def test_nis2_is_staged(self) -> None:
        """The NIS2 final report counts from the notification."""
        final = next(o for o in PLAN.obligations if o.id == "nis2-final-report")
        assert final.after == "nis2-notification"
        assert final.within_months == 1

    def test_channels_over_the_platforms_of_the_issue(self) -> None:
        """At least nine channels, over every platform the issue names."""
        assert len(PLAN.channels) >= 9
        assert {c.platform for c in PLAN.channels} >= {
            Platform.X,
            Platform.LINKEDIN,
            Platform.FACEBOOK,
            Platform.INSTAGRAM,
            Platform.BLUESKY,
            Platform.SMS,
            Platform.EMAIL,
            Platform.WEB,
            Platform.SLACK,
        }

    def test_four_crisis_types(self) -> None:
        """Breach, outage, recall and a false rumour, each with a CAP category."""
        assert [c.id for c in PLAN.crisis_types] == [
            "data-breach",
            "service-outage",
            "product-recall",
            "false-rumour",
        ]

    def test_fact_cues_in_french_and_english(self) -> None:
        """The numeric and time facts have cues in both languages."""
        for name in ("affected_customers", "incident_start", "next_update"):
            assert {"fr", "en"} <= set(PLAN.fact(name).cues)

    def test_required_roles_are_held_and_most_have_a_backup(self) -> None:
        """Every required role has someone; all but one have two people."""
        holders = Counter(role for person in PLAN.people for role in person.roles)
        required = [r.id for r in PLAN.roles if r.required]
        assert all(holders[r] >= 1 for r in required)
        assert [r for r in required if holders[r] < 2] == ["dpo"]

    @pytest.mark.parametrize("locale", ["fr_FR", "en_GB"])
    @pytest.mark.parametrize("phase", [Phase.INITIAL, Phase.UPDATE, Phase.RESOLVED])
    def test_templates_in_both_locales_for_each_phase(self, locale: str, phase: Phase) -> None:
        """French and English templates exist for the initial, update and resolved phases."""
        assert any(t.locale == locale and t.phase is phase for t in PLAN.templates)

    def test_most_templates_have_valid_approvals(self) -> None:
        """Every template is approved, and all but the two listed gaps validly so."""
        invalid = [
            t.id
            for t in PLAN.templates
            if not approved(t, PLAN, PLAN.crisis_type(t.crisis_types[0]).default_severity)
        ]
        assert all(t.crisis_types for t in PLAN.templates)
        assert all(t.approval is not None for t in PLAN.templates)
        assert sorted(invalid) == ["breach-instagram-fr", "breach-investors-en"]

    def test_situation_fits_the_plan(self) -> None:
        """The demo situation uses the plan's ids and has the facts the templates need."""
        PLAN.check_situation(SITUATION)
        assert SITUATION.detected_at.isoformat() == "2026-11-24T08:40:00+01:00"
        assert SITUATION.phase is Phase.INITIAL


class TestDeliberateGaps:
    def test_instagram_post_was_edited_after_approval(self) -> None:
        """Its approval holds the digest of another text."""
        template = PLAN.template("breach-instagram-fr")
        assert template.approval is not None
        assert template.approval.digest != template.digest
        before = template.model_copy(update={"text": template.text.replace("Toutes les i", "I")})
        assert template.approval.digest == template_digest(before)

    def test_english_investor_update_expired(self) -> None:
        """It expired at the end of October 2026, before the demo crisis."""
        approval = PLAN.template("breach-investors-en").approval
        assert approval is not None
        assert approval.expires_at is not None
        assert approval.expires_at < NOW
        assert approval.expires_at.date().isoformat() == "2026-10-31"

    def test_data_protection_officer_has_no_backup(self) -> None:
        """Only one person holds the dpo role."""
        assert [p.id for p in PLAN.people if "dpo" in p.roles] == ["claire-petit"]

    def test_no_other_gap_for_the_demo_crisis(self) -> None:
        """Every stakeholder told at this severity has a validly approved template for
        each channel and locale, except Instagram (the edited post)."""
        gaps = []
        rank = PLAN.severity_rank(SITUATION.severity)
        for stakeholder in PLAN.stakeholders:
            if stakeholder.min_severity and PLAN.severity_rank(stakeholder.min_severity) > rank:
                continue
            for channel in stakeholder.channels:
                for locale in stakeholder.locales:
                    if not any(
                        t.locale == locale
                        and fits(t, SITUATION, stakeholder.id, channel)
                        and approved(t, PLAN, SITUATION.severity)
                        for t in PLAN.templates
                    ):
                        gaps.append((stakeholder.id, channel, locale))
        assert gaps == [("customers", "instagram", "fr_FR")]
