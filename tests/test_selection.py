"""Selection: the best valid pre-approved template for each stakeholder, channel and locale."""

from __future__ import annotations

import gc
import pickle
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    Finding,
    Gap,
    InputError,
    Level,
    LocaleMatch,
    MessageTemplate,
    NaiveDatetimeError,
    NoApprovedTemplate,
    Phase,
    Plan,
    RefusalReason,
    RefusedCandidate,
    ResponsePlan,
    Selection,
    Situation,
    approval_status,
    load_plan,
    select_response,
    select_responses,
)
from crisiscomms._selection._choosing import NEAREST
from crisiscomms._selection._index import INDEXES, index_of
from crisiscomms.samples import demo_plan, demo_situation

from .strategies import generated_plans, plan_document, situations, template

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _plan(*templates: dict[str, Any], **changes: Any) -> Plan:
    return load_plan(plan_document(list(templates), **changes))


def _situation(**changes: Any) -> Situation:
    return Situation.model_validate({**demo_situation().model_dump(), **changes})


def _pick(plan: Plan, stakeholder: str = "customers", channel: str = "x-fr", **kw: Any) -> str:
    kw.setdefault("now", NOW)
    situation = kw.pop("situation", demo_situation())
    return select_response(
        plan, situation, stakeholder=stakeholder, channel=channel, **kw
    ).template_id


class TestDemo:
    """The demo crisis: a data breach at severity high, initial phase."""

    def test_every_target_in_the_plans_order(self) -> None:
        """Targets are stakeholder x channel x locale, in the order the plan lists them."""
        plan = select_responses(demo_plan(), demo_situation(), now=NOW)
        targets = [s.target for s in plan.selections] + [g.target for g in plan.gaps]
        expected = [
            f"{s.id}/{c}/{loc}"
            for s in demo_plan().stakeholders
            for c in s.channels
            for loc in s.locales
        ]
        assert sorted(targets) == sorted(expected)
        selected = {s.target for s in plan.selections}
        assert [s.target for s in plan.selections] == [t for t in expected if t in selected]
        gapped = {g.target for g in plan.gaps}
        assert [g.target for g in plan.gaps] == [t for t in expected if t in gapped]
        assert plan.targets == len(expected) == 20

    @pytest.mark.parametrize(
        ("target", "template_id"),
        [
            ("customers/status-page/fr_FR", "breach-long-fr"),
            ("customers/sms/fr_FR", "breach-sms-fr"),
            ("customers/x-fr/fr_FR", "breach-social-fr"),
            ("media/press/en_GB", "breach-long-en"),
            ("media/x-fr/en_GB", "breach-social-en"),
            ("regulators/email/fr_FR", "breach-regulator-fr"),
            ("investors/email/en_GB", "breach-long-en"),
            ("partners/email/en_GB", "breach-long-en"),
        ],
    )
    def test_selected(self, target: str, template_id: str) -> None:
        """Each demo target gets the template its scope and approval call for."""
        plan = select_responses(demo_plan(), demo_situation(), now=NOW)
        chosen = {s.target: s.template_id for s in plan.selections}
        assert chosen[target] == template_id

    def test_the_expired_investor_template_is_passed_over(self) -> None:
        """The investors' own English template expired: the generic one is used, and why."""
        s = select_response(
            demo_plan(),
            demo_situation(),
            stakeholder="investors",
            channel="email",
            locale="en_GB",
            now=NOW,
        )
        assert s.template_id == "breach-long-en"
        assert [(c.template_id, c.reason) for c in s.refused] == [
            ("breach-investors-en", RefusalReason.EXPIRED)
        ]
        assert any(
            "passed over 'breach-investors-en'" in r and "expired on 2026-10-31" in r
            for r in s.reasons
        )

    def test_the_tampered_instagram_post_is_a_gap(self) -> None:
        """With nothing else for Instagram, the edited post leaves a gap naming it."""
        plan = select_responses(demo_plan(), demo_situation(), now=NOW)
        gaps = {g.target: g for g in plan.gaps}
        gap = gaps["customers/instagram/fr_FR"]
        assert gap.candidates[0].template_id == "breach-instagram-fr"
        assert gap.candidates[0].reason is RefusalReason.TAMPERED
        assert not plan.ok
        assert "APR006" in {f.code for f in plan.findings}

    def test_an_under_approved_note_is_a_gap(self) -> None:
        """At severity high a note with one approver of two leaves a gap naming it."""
        plan = _plan(
            template("filler", crisis_types=["service-outage"]),
            template("staff-note", stakeholders=["employees"], by=("amelie-durand",)),
        )
        with pytest.raises(NoApprovedTemplate) as caught:
            select_response(
                plan, demo_situation(), stakeholder="employees", channel="slack-crisis", now=NOW
            )
        assert caught.value.target == "employees/slack-crisis/fr_FR"
        first = caught.value.candidates[0]
        assert isinstance(first, RefusedCandidate)
        assert (first.template_id, first.reason) == ("staff-note", RefusalReason.INSUFFICIENT)
        assert "1 of the 2 approvers" in str(caught.value)

    def test_an_unscoped_template_fits_every_target(self) -> None:
        """An empty scope means any: a generic text stands in for a tampered specific one."""
        plan = _plan(
            template("a-instagram", channels=["instagram"], approved_text="before the edit"),
            template("b-generic"),
        )
        s = select_response(
            plan, demo_situation(), stakeholder="customers", channel="instagram", now=NOW
        )
        assert s.template_id == "b-generic"
        assert "scope: any crisis type; any stakeholder; any channel; any severity" in s.reasons
        assert [(c.template_id, c.reason) for c in s.refused] == [
            ("a-instagram", RefusalReason.TAMPERED)
        ]

    def test_the_demo_plan_is_not_changed(self) -> None:
        """Selection returns new values and leaves the plan as it was."""
        before = demo_plan().model_dump()
        select_responses(demo_plan(), demo_situation(), now=NOW)
        assert demo_plan().model_dump() == before


class TestStakeholdersConcerned:
    """Who is told depends on the severity and on the situation's restriction."""

    @pytest.mark.parametrize(
        ("severity", "expected"),
        [
            ("low", ("employees",)),
            ("moderate", ("customers", "employees", "regulators")),
            ("high", ("customers", "employees", "media", "regulators", "investors", "partners")),
        ],
    )
    def test_by_severity(self, severity: str, expected: tuple[str, ...]) -> None:
        """A stakeholder is told from its `min_severity` up; without one, always."""
        plan = select_responses(demo_plan(), _situation(severity=severity), now=NOW)
        assert plan.stakeholders == expected
        assert {s.stakeholder for s in plan.selections} | {
            g.stakeholder for g in plan.gaps
        } == set(expected)

    def test_restriction(self) -> None:
        """The situation's stakeholders restrict the targets, never widen them."""
        situation = _situation(severity="moderate", stakeholders=("partners", "regulators"))
        plan = select_responses(demo_plan(), situation, now=NOW)
        assert plan.stakeholders == ("regulators",)
        assert [s.target for s in plan.selections] == ["regulators/email/fr_FR"]


def _noted(selection: Selection) -> list[Finding]:
    """A selection's findings without the info that an approval is unsigned (APR010)."""
    return [f for f in selection.findings if f.level is not Level.INFO]


class TestLanguageFirst:
    """The locale tier is decided before specificity: never English to a French reader."""

    def test_a_generic_french_template_beats_a_specific_english_one(self) -> None:
        """A French reader gets the generic French text over the exact English one."""
        plan = _plan(
            template("generic-fr", locale="fr_FR"),
            template(
                "exact-en",
                locale="en_GB",
                crisis_types=["data-breach"],
                stakeholders=["customers"],
                channels=["x-fr"],
            ),
        )
        s = select_response(
            plan, demo_situation(), stakeholder="customers", channel="x-fr", now=NOW
        )
        assert (s.template_id, s.locale_match) == ("generic-fr", LocaleMatch.EXACT)
        assert s.reasons[0] == "written in fr_FR, the reader's locale"

    def test_same_language_before_the_default(self) -> None:
        """A fr_CA reader gets fr_FR, reported as a fallback, and is formatted in fr_CA."""
        plan = _plan(
            template("fr", locale="fr_FR"), template("en", locale="en_GB"), default_locale="en_GB"
        )
        s = select_response(
            plan,
            demo_situation(),
            stakeholder="customers",
            channel="x-fr",
            locale="fr-CA",
            now=NOW,
        )
        assert (s.template_id, s.locale, s.locale_match) == ("fr", "fr_CA", LocaleMatch.LANGUAGE)
        assert s.render_locale == "fr_CA"
        assert "fr_FR is the closest locale of the same language" in s.reasons[0]
        assert [f.code for f in s.findings] == ["APR010"]  # approved, not signed

    def test_babel_negotiates_the_closest_region(self) -> None:
        """Among French locales, babel's choice for fr_CA (fr_FR) comes before the others."""
        plan = _plan(
            template("be", locale="fr_BE", at=NOW - timedelta(days=1)),
            template("fr", locale="fr_FR", at=NOW - timedelta(days=9)),
        )
        assert _pick(plan, locale="fr_CA") == "fr"

    def test_without_babels_choice_the_order_is_by_name(self) -> None:
        """Without babel's choice, the same-language locales are tried by name."""
        plan = _plan(
            template("filler", locale="fr_FR", crisis_types=["service-outage"]),
            template("ch", locale="fr_CH"),
            template("be", locale="fr_BE"),
        )
        assert _pick(plan, locale="fr_CA") == "be"

    def test_the_default_locale_is_the_last_resort(self) -> None:
        """A German reader gets the plan's default locale, with a warning to translate."""
        plan = demo_plan()
        s = select_response(
            plan, demo_situation(), stakeholder="customers", channel="sms", locale="de_DE", now=NOW
        )
        assert (s.template_id, s.locale_match) == ("breach-sms-fr", LocaleMatch.DEFAULT)
        assert s.render_locale == "fr_FR"
        assert "fell back to the plan's default locale fr_FR" in s.reasons[0]
        assert [(f.code, f.level) for f in s.findings] == [("APR007", Level.WARNING)]

    def test_an_invalid_french_template_falls_back_with_the_reason(self) -> None:
        """When the only French template expired, the default locale is used and says why."""
        plan = _plan(
            template("fr", locale="fr_FR", expires=NOW - timedelta(days=1)),
            template("en", locale="en_GB"),
            default_locale="en_GB",
        )
        s = select_response(
            plan, demo_situation(), stakeholder="customers", channel="x-fr", now=NOW
        )
        assert (s.template_id, s.locale_match) == ("en", LocaleMatch.DEFAULT)
        assert [c.template_id for c in s.refused] == ["fr"]
        assert s.refused[0].reason is RefusalReason.EXPIRED

    @pytest.mark.parametrize(
        ("changes", "code"),
        [
            ({"approved_text": "Message de: edited before approval"}, "APR003"),
            ({"expires": NOW - timedelta(days=1)}, "APR002"),
            ({"by": ["amelie-durand"]}, "APR004"),
            ({"approved": False}, "APR001"),
        ],
    )
    def test_a_refused_better_template_says_why(self, changes: dict[str, Any], code: str) -> None:
        """The fallback carries the refused reader-language template's own finding."""
        plan = _plan(
            template("fr", locale="fr_FR"),
            template("de", locale="de_DE", **changes),
        )
        s = select_response(
            plan,
            demo_situation(),
            stakeholder="customers",
            channel="x-fr",
            locale="de_DE",
            now=NOW,
        )
        assert (s.template_id, s.locale_match) == ("fr", LocaleMatch.DEFAULT)
        codes = [f.code for f in _noted(s)]
        assert codes == [code, "APR007"]
        refused = _noted(s)[0]
        assert refused.level is Level.ERROR
        assert refused.subject == "customers/x-fr/de_DE"
        assert "'de'" in refused.message
        assert "add and approve" not in _noted(s)[1].message
        assert "fix the approval of 'de'" in _noted(s)[1].message

    def test_a_tampered_better_template_gives_its_digests(self) -> None:
        """The APR003 beside a fallback names the digest approved and the digest now."""
        plan = _plan(
            template("fr", locale="fr_FR"),
            template("de", locale="de_DE", approved_text="Message de: an older text"),
        )
        s = select_response(
            plan,
            demo_situation(),
            stakeholder="customers",
            channel="x-fr",
            locale="de_DE",
            now=NOW,
        )
        tampered = _noted(s)[0]
        approval = plan.template("de").approval
        assert approval is not None
        assert plan.template("de").digest[:12] in tampered.message
        assert approval.digest[:12] in tampered.message

    def test_an_exact_selection_does_not_report_passed_over_templates(self) -> None:
        """Only a fallback carries the refused candidates' findings."""
        plan = _plan(
            template("fr", locale="fr_FR"),
            template("fr-x", locale="fr_FR", channels=["x-fr"], expires=NOW - timedelta(days=1)),
        )
        s = select_response(
            plan, demo_situation(), stakeholder="customers", channel="x-fr", now=NOW
        )
        assert s.template_id == "fr"
        assert [c.template_id for c in s.refused] == ["fr-x"]
        assert _noted(s) == []

    def test_another_language_is_never_used_but_the_default(self) -> None:
        """A template in a third language is not given; the gap names it as other locale."""
        plan = _plan(
            template("fr", locale="fr_FR", crisis_types=["service-outage"]),
            template("de", locale="de_DE"),
        )
        with pytest.raises(NoApprovedTemplate) as caught:
            select_response(
                plan,
                demo_situation(),
                stakeholder="customers",
                channel="x-fr",
                locale="en_GB",
                now=NOW,
            )
        reasons = {c.template_id: c.reason for c in caught.value.candidates}  # type: ignore[attr-defined]
        assert reasons == {"de": RefusalReason.OTHER_LOCALE}


class TestSpecificity:
    """Within the locale, the most specific wins, then the latest approval, then the id."""

    @pytest.mark.parametrize(
        ("winner", "loser"),
        [
            (
                {"crisis_types": ["data-breach"]},
                {"stakeholders": ["customers"], "channels": ["x-fr"]},
            ),
            ({"stakeholders": ["customers"]}, {"channels": ["x-fr"]}),
            ({"channels": ["x-fr"]}, {"channels": ["x"]}),
            ({"channels": ["x"]}, {}),
            ({"channels": ["x-fr", "sms"]}, {"channels": ["x", "bluesky"]}),
        ],
    )
    def test_more_specific_wins(self, winner: dict[str, Any], loser: dict[str, Any]) -> None:
        """Crisis type, then stakeholder, then channel over platform over any."""
        plan = _plan(
            template("b-loser", **loser, at=NOW - timedelta(days=1)),
            template("a-winner", **winner, at=NOW - timedelta(days=30)),
        )
        assert _pick(plan) == "a-winner"

    def test_most_recent_approval(self) -> None:
        """Of two equally specific templates, the most recently approved wins."""
        plan = _plan(
            template("a-old", at=NOW - timedelta(days=30)),
            template("b-new", at=NOW - timedelta(days=2)),
        )
        s = select_response(
            plan, demo_situation(), stakeholder="customers", channel="x-fr", now=NOW
        )
        assert s.template_id == "b-new"
        assert "ranked first of 2 approved candidates in fr_FR" in " ".join(s.reasons)

    def test_then_the_id(self) -> None:
        """Everything else equal, the smallest id wins: the choice is deterministic."""
        plan = _plan(template("b"), template("a"), template("c"))
        assert _pick(plan) == "a"

    def test_severity_scope(self) -> None:
        """A template scoped to other severities is not a candidate."""
        plan = _plan(template("a-critical", severities=["critical"]), template("b-any"))
        assert _pick(plan) == "b-any"
        assert _pick(plan, situation=_situation(severity="critical")) == "a-critical"

    def test_phase(self) -> None:
        """Only templates of the situation's phase are candidates."""
        plan = _plan(template("a-update", phase="update"), template("b-initial"))
        assert _pick(plan) == "b-initial"
        assert _pick(plan, situation=_situation(phase="update")) == "a-update"

    def test_a_template_scoped_to_the_channel_and_its_platform(self) -> None:
        """Scoped to both the channel id and its platform, a template ranks as exact."""
        plan = _plan(
            template("a-platform", channels=["x"], at=NOW - timedelta(days=1)),
            template("b-both", channels=["x", "x-fr"], at=NOW - timedelta(days=9)),
        )
        assert _pick(plan) == "b-both"

    def test_a_channel_named_like_its_platform(self) -> None:
        """A channel whose id is its platform's name matches as exactly as can be."""
        plan = _plan(template("a-any"), template("b-sms", channels=["sms"]))
        assert _pick(plan, channel="sms") == "b-sms"


class TestApprovalsDecide:
    """Only templates whose approval counts are selected, unless unapproved ones are allowed."""

    def test_a_tampered_template_is_never_selected(self) -> None:
        """The edited Instagram post is refused."""
        with pytest.raises(NoApprovedTemplate, match="tampered"):
            select_response(
                demo_plan(),
                demo_situation(),
                stakeholder="customers",
                channel="instagram",
                now=NOW,
            )

    def test_allow_unapproved_marks_the_selection(self) -> None:
        """With the opt-in the best unapproved template is selected and marked."""
        s = select_response(
            demo_plan(),
            demo_situation(),
            stakeholder="customers",
            channel="instagram",
            now=NOW,
            allow_unapproved=True,
        )
        assert s.template_id == "breach-instagram-fr"
        assert not s.approved
        assert s.approval.status.value == "tampered"
        assert any(r.startswith("NOT APPROVED (tampered)") for r in s.reasons)
        assert [f.code for f in s.findings] == ["APR003"]

    def test_an_approved_template_still_wins_with_the_opt_in(self) -> None:
        """The opt-in changes nothing when an approved template exists."""
        plan = _plan(template("a-exact", channels=["x-fr"], approved=False), template("b-any"))
        assert _pick(plan, allow_unapproved=True) == "b-any"

    def test_only_what_ranked_above_the_winner_was_passed_over(self) -> None:
        """An unapproved template ranked below the winner is not reported as passed over."""
        plan = _plan(
            template("a-expired", channels=["x-fr"], expires=NOW - timedelta(days=1)),
            template("b-approved", channels=["x"]),
            template("c-unapproved", approved=False),
        )
        s = select_response(
            plan, demo_situation(), stakeholder="customers", channel="x-fr", now=NOW
        )
        assert s.template_id == "b-approved"
        assert [c.template_id for c in s.refused] == ["a-expired"]

    def test_the_opt_in_keeps_language_first(self) -> None:
        """An unapproved French template comes before an unapproved English one."""
        plan = _plan(
            template("en", locale="en_GB", channels=["x-fr"], approved=False),
            template("fr", locale="fr_FR", approved=False),
        )
        s = select_response(
            plan,
            demo_situation(),
            stakeholder="customers",
            channel="x-fr",
            now=NOW,
            allow_unapproved=True,
        )
        assert s.template_id == "fr"
        assert s.refused == ()

    def test_response_plan_with_the_opt_in(self) -> None:
        """`select_responses` with the opt-in turns approval gaps into marked selections."""
        plan = select_responses(demo_plan(), demo_situation(), now=NOW, allow_unapproved=True)
        unapproved = {s.target for s in plan.selections if not s.approved}
        assert "customers/instagram/fr_FR" in unapproved
        assert not plan.ok
        codes = {f.code for f in plan.findings}
        assert "APR003" in codes
        assert "APR006" not in codes

    def test_an_approval_that_expires_later_is_selected_before(self) -> None:
        """Selection at an instant uses the approval as it stands at that instant."""
        plan = _plan(
            template("a", channels=["x-fr"], expires=NOW + timedelta(hours=1)), template("b")
        )
        assert _pick(plan) == "a"
        assert _pick(plan, now=NOW + timedelta(hours=2)) == "b"


class TestGaps:
    """A target without a valid template names the nearest candidates and why."""

    def test_order_of_the_candidates(self) -> None:
        """Approval refusals first, then other severities, then wrong phase, then other locale."""
        plan = _plan(
            template("filler", crisis_types=["service-outage"]),
            template("z-expired", expires=NOW - timedelta(days=3)),
            template("y-critical", severities=["critical"]),
            template("x-update", phase="update"),
            template("w-english", locale="en_GB"),
        )
        with pytest.raises(NoApprovedTemplate) as caught:
            select_response(
                plan, demo_situation(), stakeholder="customers", channel="x-fr", now=NOW
            )
        found = [(c.template_id, c.reason) for c in caught.value.candidates]  # type: ignore[attr-defined]
        assert found == [
            ("z-expired", RefusalReason.EXPIRED),
            ("y-critical", RefusalReason.OTHER_SEVERITY),
            ("x-update", RefusalReason.WRONG_PHASE),
            ("w-english", RefusalReason.OTHER_LOCALE),
        ]
        message = str(caught.value)
        assert (
            "no approved template for stakeholder 'customers' on channel 'x-fr' in fr_FR"
            in message
        )
        assert "scoped to severities critical, not 'high'" in message
        assert "written for the update phase, not initial" in message
        assert "written in en_GB, which a fr_FR reader is not given (accepted: fr_FR)" in message

    def test_nothing_near(self) -> None:
        """A gap with no candidate at all says so."""
        plan = _plan(template("filler", crisis_types=["service-outage"]))
        with pytest.raises(NoApprovedTemplate, match="no template of the plan comes near"):
            select_response(
                plan, demo_situation(), stakeholder="customers", channel="x-fr", now=NOW
            )

    def test_the_nearest_are_named_and_the_others_counted(self) -> None:
        """At most NEAREST candidates are named; the rest are counted, not dropped."""
        expired = [
            template(f"t{i:02}", expires=NOW - timedelta(days=1)) for i in range(NEAREST + 3)
        ]
        plan = _plan(template("filler", crisis_types=["service-outage"]), *expired)
        response = select_responses(plan, _situation(stakeholders=("customers",)), now=NOW)
        gap = response.gaps[0]
        assert len(gap.candidates) == NEAREST
        assert gap.omitted == 3
        assert "(and 3 more)" in gap.message

    def test_finding(self) -> None:
        """A gap is an APR006 error about its target."""
        later = _situation(phase="post_crisis")
        gap = select_responses(demo_plan(), later, now=NOW).gaps[0]
        assert gap.finding.code == "APR006"
        assert gap.finding.level is Level.ERROR
        assert gap.finding.subject == gap.target
        assert gap.finding.message == gap.message


class TestBadInput:
    """Wrong arguments raise errors of the library, with what to do."""

    @pytest.mark.parametrize(
        ("changes", "argument"),
        [
            ({"stakeholder": "journalists"}, "stakeholder"),
            ({"channel": "myspace"}, "channel"),
            ({"stakeholder": 3}, "stakeholder"),
            ({"channel": None}, "channel"),
            ({"locale": "xx_YY"}, "locale"),
            ({"locale": 5}, "locale"),
            ({"allow_unapproved": "yes"}, "allow_unapproved"),
            ({"now": "2026-11-24"}, "now"),
        ],
    )
    def test_select_response(self, changes: dict[str, Any], argument: str) -> None:
        """An unknown or ill-typed target raises InputError naming the argument."""
        kwargs: dict[str, Any] = {
            "stakeholder": "customers",
            "channel": "sms",
            "now": NOW,
            **changes,
        }
        with pytest.raises(InputError) as caught:
            select_response(demo_plan(), demo_situation(), **kwargs)
        assert caught.value.argument == argument

    def test_naive_now(self) -> None:
        """A naive `now` raises NaiveDatetimeError."""
        with pytest.raises(NaiveDatetimeError):
            select_responses(demo_plan(), demo_situation(), now=datetime(2026, 11, 24, 9))

    def test_situation_outside_the_plan(self) -> None:
        """A situation naming an unknown crisis type raises InputError."""
        with pytest.raises(InputError, match="crisis_type 'flood' is not in the plan"):
            select_responses(demo_plan(), _situation(crisis_type="flood"), now=NOW)

    def test_not_a_plan(self) -> None:
        """A plan of the wrong type raises InputError."""
        with pytest.raises(InputError, match=r"plan: expected a crisiscomms\.Plan"):
            select_responses({}, demo_situation(), now=NOW)  # type: ignore[arg-type]

    def test_not_a_situation(self) -> None:
        """A situation of the wrong type raises InputError."""
        with pytest.raises(InputError, match=r"situation: expected a crisiscomms\.Situation"):
            select_response(demo_plan(), {}, stakeholder="customers", channel="sms", now=NOW)  # type: ignore[arg-type]


class TestIndex:
    """The templates are indexed once per plan, by identity."""

    def test_built_once_per_plan(self) -> None:
        """The same plan object reuses its index; an equal copy gets its own."""
        plan = demo_plan()
        assert index_of(plan) is index_of(plan)
        copy = load_plan(plan.to_json())
        assert index_of(copy) is not index_of(plan)

    def test_dropped_with_its_plan(self) -> None:
        """When a plan is collected its index goes too."""
        plan = load_plan(demo_plan().to_json())
        key = id(plan)
        index_of(plan)
        assert key in INDEXES
        del plan
        gc.collect()
        assert key not in INDEXES


class TestValues:
    """Selections, gaps and response plans are values."""

    def test_laws(self) -> None:
        """Immutable, equal, hashable and picklable."""
        first = select_responses(demo_plan(), demo_situation(), now=NOW)
        second = select_responses(demo_plan(), demo_situation(), now=NOW)
        assert first == second
        assert hash(first) == hash(second)
        assert pickle.loads(pickle.dumps(first)) == first
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            first.selections[0].channel = "sms"  # type: ignore[misc]
        gap = select_responses(demo_plan(), _situation(phase="post_crisis"), now=NOW).gaps[0]
        assert pickle.loads(pickle.dumps(gap)) == gap
        assert isinstance(gap, Gap)
        assert isinstance(first, ResponsePlan)
        assert isinstance(first.selections[0], Selection)

    def test_no_approved_template_pickles(self) -> None:
        """The error crosses process boundaries with its candidates."""
        with pytest.raises(NoApprovedTemplate) as caught:
            select_response(
                demo_plan(),
                _situation(phase="post_crisis"),
                stakeholder="customers",
                channel="sms",
                now=NOW,
            )
        again = pickle.loads(pickle.dumps(caught.value))
        assert again.candidates == caught.value.candidates
        assert str(again) == str(caught.value)


# -- properties ------------------------------------------------------------------


def _fits(
    one: MessageTemplate, situation: Situation, stakeholder: str, channel: str, platform: str
) -> bool:
    return (
        one.phase is situation.phase
        and (not one.crisis_types or situation.crisis_type in one.crisis_types)
        and (not one.severities or situation.severity in one.severities)
        and (not one.stakeholders or stakeholder in one.stakeholders)
        and (not one.channels or channel in one.channels or platform in one.channels)
    )


def _specificity(one: MessageTemplate, channel: str) -> tuple[int, int, int]:
    ch = 2 if not one.channels else (0 if channel in one.channels else 1)
    return (int(not one.crisis_types), int(not one.stakeholders), ch)


def _check_target(
    plan: Plan,
    situation: Situation,
    *,
    stakeholder: str,
    channel: str,
    locale: str,
    result: Selection | Gap,
    allow_unapproved: bool,
) -> None:
    """The result agrees with a brute-force scan of every template."""
    platform = plan.channel(channel).platform.value
    rebuttals = {c.rebuttal_key for c in plan.claims}
    fitting = [
        t
        for t in plan.templates
        if _fits(t, situation, stakeholder, channel, platform) and t.key not in rebuttals
    ]

    def valid(t: MessageTemplate) -> bool:
        return approval_status(t, plan, severity=situation.severity, now=NOW).is_approved

    language = locale.split("_", maxsplit=1)[0]
    exact = [t for t in fitting if t.locale == locale]
    same = [t for t in fitting if t.language == language]
    accepted = same + [t for t in fitting if t.locale == plan.default_locale]
    if isinstance(result, Gap):
        assert not any(valid(t) for t in accepted)
        if allow_unapproved:
            assert accepted == []
        return
    chosen = result.template
    assert chosen in accepted
    assert _fits(chosen, situation, stakeholder, channel, platform)
    assert result.approved is valid(chosen)
    if not result.approved:
        assert allow_unapproved
        assert not any(valid(t) for t in accepted)
        return
    if result.locale_match is not LocaleMatch.EXACT:
        assert not any(valid(t) for t in exact)
    if result.locale_match is LocaleMatch.DEFAULT:
        assert chosen.language != language
        assert not any(valid(t) for t in same)
    rivals = [t for t in fitting if t.locale == chosen.locale and valid(t)]
    best = min(
        rivals,
        key=lambda t: (
            _specificity(t, channel),
            -t.approval.approved_at.timestamp() if t.approval else 0,
            t.id,
        ),
    )
    assert best == chosen


class TestProperties:
    """On generated plans, selection never returns an invalid template and agrees with a scan."""

    @settings(max_examples=60)
    @given(data=st.data())
    def test_select_responses(self, data: st.DataObject) -> None:
        """Every selection is valid (or marked) and is the one a full scan would pick."""
        plan = data.draw(generated_plans())
        situation = data.draw(situations(plan))
        allow = data.draw(st.booleans())
        response = select_responses(plan, situation, now=NOW, allow_unapproved=allow)
        results: list[Selection | Gap] = [*response.selections, *response.gaps]
        for result in results:
            _check_target(
                plan,
                situation,
                stakeholder=result.stakeholder,
                channel=result.channel,
                locale=result.locale,
                result=result,
                allow_unapproved=allow,
            )
        assert response.ok is (not response.gaps and all(s.approved for s in response.selections))

    @settings(max_examples=40)
    @given(data=st.data())
    def test_select_response_any_locale(self, data: st.DataObject) -> None:
        """For any reader locale, the selection is valid or the error says no valid one exists."""
        plan = data.draw(generated_plans())
        situation = data.draw(situations(plan))
        stakeholder = data.draw(
            st.sampled_from([s for s in plan.stakeholders if s.channels] or plan.stakeholders)
        )
        if not stakeholder.channels:
            return
        channel = data.draw(st.sampled_from(stakeholder.channels))
        locale = data.draw(
            st.sampled_from(["fr_FR", "fr_CA", "fr_BE", "en_GB", "en_US", "de_AT", "es_ES"])
        )
        allow = data.draw(st.booleans())
        try:
            result: Selection | Gap = select_response(
                plan,
                situation,
                stakeholder=stakeholder.id,
                channel=channel,
                locale=locale,
                now=NOW,
                allow_unapproved=allow,
            )
        except NoApprovedTemplate as error:
            result = Gap(
                stakeholder.id,
                channel,
                locale,
                situation.crisis_type,
                situation.severity,
                situation.phase,
                tuple(c for c in error.candidates if isinstance(c, RefusedCandidate)),
            )
        _check_target(
            plan,
            situation,
            stakeholder=stakeholder.id,
            channel=channel,
            locale=locale,
            result=result,
            allow_unapproved=allow,
        )


def test_phase_values_are_the_models() -> None:
    """Gaps and refusals speak of the model's phases."""
    gap = select_responses(demo_plan(), _situation(phase="post_crisis"), now=NOW).gaps[0]
    assert gap.phase is Phase.POST_CRISIS


class TestRebuttals:
    """A template that answers a claim is selected for that claim only, never as a statement."""

    RUMOUR = _situation(crisis_type="false-rumour")
    STATEMENT = template(
        "rumour-statement", text="Lumea examine une rumeur : {status_url}", key="statement"
    )
    # Scoped to the exact stakeholder: the most specific template, were it a candidate.
    REBUTTAL = template(
        "rumour-rebuttal-fr",
        key="rumour-rebuttal",
        stakeholders=["customers"],
        text="Faux : Lumea ne vend pas de données. {status_url}",
    )

    def _plan(self, *templates: dict[str, Any]) -> Plan:
        claims = demo_plan().model_dump(mode="json")["claims"]
        return _plan(*templates, claims=claims)

    def test_a_more_specific_rebuttal_does_not_beat_the_statement(self) -> None:
        """The exact-stakeholder rebuttal loses to the any-stakeholder statement."""
        plan = self._plan(self.STATEMENT, self.REBUTTAL)
        assert _pick(plan, situation=self.RUMOUR) == "rumour-statement"

    def test_a_rebuttal_alone_leaves_a_gap(self) -> None:
        """With only the rebuttal, the stakeholder has no ordinary statement: a gap."""
        plan = self._plan(
            self.REBUTTAL, template("other", locale="fr_FR", crisis_types=["data-breach"])
        )
        with pytest.raises(NoApprovedTemplate):
            _pick(plan, situation=self.RUMOUR)
        selected = select_responses(plan, self.RUMOUR, now=NOW)
        assert all(s.template.key != "rumour-rebuttal" for s in selected.selections)

    def test_the_rebuttal_is_selected_by_its_key(self) -> None:
        """key='rumour-rebuttal' selects among that key's templates only."""
        plan = self._plan(self.STATEMENT, self.REBUTTAL)
        assert _pick(plan, situation=self.RUMOUR, key="rumour-rebuttal") == "rumour-rebuttal-fr"
        assert _pick(plan, situation=self.RUMOUR, key="statement") == "rumour-statement"

    def test_without_the_claim_the_template_is_ordinary(self) -> None:
        """A key no claim names is an ordinary template: the most specific wins."""
        plan = _plan(self.STATEMENT, self.REBUTTAL)
        assert _pick(plan, situation=self.RUMOUR) == "rumour-rebuttal-fr"

    @pytest.mark.parametrize("key", ["no-such-key", 3])
    def test_an_unknown_key_is_refused_with_the_rebuttal_keys(self, key: object) -> None:
        """A key that no template has names the claims' rebuttal keys."""
        plan = self._plan(self.STATEMENT, self.REBUTTAL)
        with pytest.raises(InputError, match=r"rumour-rebuttal|template key"):
            _pick(plan, situation=self.RUMOUR, key=key)


def test_a_key_asked_twice_uses_the_same_buckets() -> None:
    """The templates of a key are filed once per plan, then reused."""
    index = index_of(demo_plan())
    assert index.keyed("rumour-rebuttal") is index.keyed("rumour-rebuttal")
    assert index.keyed(None) is index
