"""Drills: the scenario model, generate_scenario, the exercise log and score_exercise."""

from __future__ import annotations

import importlib
import json
import pickle
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crisiscomms
from crisiscomms import (
    ActionStatus,
    CrisisCommsError,
    ExerciseLog,
    ExerciseMessage,
    ExpectedAction,
    Inject,
    InputError,
    InputValueError,
    ModelError,
    Plan,
    Rebuttal,
    Scenario,
    SentMessage,
    SeverityChange,
    TemplateApproval,
    draft_responses,
    generate_scenario,
    load_plan,
    match_claims,
    recommend_escalation,
    score_exercise,
)
from crisiscomms.samples import demo_plan
from tests import golden_drills
from tests.strategies import plan_document, template

START = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def _drill(seed: int = 7, **changes: Any) -> Scenario:
    return generate_scenario(
        demo_plan(), seed=seed, crisis_type="data-breach", starts_at=START, **changes
    )


def _sent(
    stakeholder: str, channel: str, minutes: float, text: str, **fields: Any
) -> ExerciseMessage:
    rebuts = fields.pop("rebuts", ())
    fields.setdefault("phase", "initial")
    sent = SentMessage(
        stakeholder=stakeholder,
        channel=channel,
        sent_at=START + timedelta(minutes=minutes),
        **fields,
    )
    return ExerciseMessage(sent=sent, text=text, rebuts=rebuts)


def _draft(scenario: Scenario, minutes: float, target: str, **fields: Any) -> ExerciseMessage:
    at = START + timedelta(minutes=minutes)
    draft = draft_responses(demo_plan(), scenario.situation_at(at), now=at).draft(target)
    stakeholder, channel, locale = target.split("/")
    return _sent(
        stakeholder,
        channel,
        minutes,
        draft.message.text,
        template_id=draft.message.template_id,
        locale=locale,
        id=f"{target}@{minutes}",
        **fields,
    )


class TestScenarioModel:
    def test_json_round_trip_and_schema(self) -> None:
        """A scenario survives JSON and pickle, equal, and has a JSON Schema."""
        drill = _drill()
        assert Scenario.model_validate_json(drill.model_dump_json()) == drill
        assert pickle.loads(pickle.dumps(drill)) == drill
        assert "injects" in Scenario.model_json_schema()["properties"]

    def test_generated_mentions_are_valid_mentions(self) -> None:
        """Every generated mention equals its validated form."""
        drill = _drill()
        assert drill.mentions
        for mention in drill.mentions[:50]:
            assert type(mention).model_validate(mention.model_dump()) == mention

    def test_situation_at_steps_through_the_injects(self) -> None:
        """situation_at applies the fact, severity and phase changes up to the offset."""
        drill = _drill()
        grow = next(i for i in drill.injects if i.kind.value == "fact_change")
        before = drill.situation_at(grow.at - timedelta(minutes=1))
        after = drill.situation_at(grow.at)
        (name,) = grow.facts
        assert before.facts[name] == drill.facts[name]
        assert after.facts[name] == grow.facts[name]
        assert after.facts_version == before.facts_version + 1
        assert drill.situation_at(START + grow.at) == after
        assert drill.situation_at(drill.duration).phase.value == "resolved"
        assert after.mode.value == "exercise"

    def test_situation_at_refuses_other_types(self) -> None:
        """An offset must be a timedelta or an aware datetime."""
        with pytest.raises(InputError, match="offset"):
            _drill().situation_at(3)  # type: ignore[arg-type]

    def test_injects_need_their_payload(self) -> None:
        """A fact change without facts, or a burst without mentions, is refused."""
        with pytest.raises(ModelError, match="facts"):
            Inject(id="i", at=timedelta(0), kind="fact_change", description="x")
        with pytest.raises(ModelError, match="mentions"):
            Inject(id="i", at=timedelta(0), kind="mention_burst", description="x")

    def test_actions_need_their_target_and_order(self) -> None:
        """A rebuttal needs its claim; an action cannot be due before it counts."""
        with pytest.raises(ModelError, match="claim"):
            ExpectedAction(
                id="a", kind="rebuttal", description="x", counts_from=timedelta(0),
                due=timedelta(1),
            )  # fmt: skip
        with pytest.raises(ModelError, match="before counts_from"):
            ExpectedAction(
                id="a", kind="rebuttal", description="x", claim="c",
                counts_from=timedelta(hours=2), due=timedelta(hours=1),
            )  # fmt: skip

    def test_injects_in_order_with_unique_ids(self) -> None:
        """A scenario refuses injects out of order or with repeated ids."""
        drill = _drill()
        data = drill.model_dump()
        with pytest.raises(ModelError, match="time order"):
            Scenario.model_validate({**data, "injects": data["injects"][::-1]})
        with pytest.raises(ModelError, match="unique"):
            Scenario.model_validate({**data, "injects": [data["injects"][0]] * 2})

    def test_records_and_html(self) -> None:
        """to_records lists every inject; the HTML escapes every value."""
        drill = _drill()
        rows = drill.to_records()
        assert [r["number"] for r in rows] == list(range(1, len(drill.injects) + 1))
        assert "<table>" in drill._repr_html_()
        hostile = drill.injects[1].model_copy(update={"description": "<script>x</script>"})
        shown = drill.model_copy(update={"injects": (drill.injects[0], hostile)})._repr_html_()
        assert "<script>" not in shown
        assert "&lt;script&gt;" in shown


class TestGenerate:
    def test_same_arguments_same_json(self) -> None:
        """The same plan, seed and arguments give the same JSON, byte for byte."""
        assert _drill(11).model_dump_json() == _drill(11).model_dump_json()

    def test_different_seeds_differ(self) -> None:
        """Different seeds give different scenarios."""
        assert len({_drill(seed).model_dump_json() for seed in range(5)}) == 5

    def test_built_from_the_plan(self) -> None:
        """Facts, claims, stakeholders, rules and obligations of the plan drive the injects."""
        plan = demo_plan()
        drill = _drill()
        kinds = [i.kind.value for i in drill.injects]
        for kind in ("mention_burst", "media_inquiry", "regulator_request", "channel_outage"):
            assert kind in kinds
        assert set(drill.facts) <= {f.name for f in plan.facts}
        first = [a for a in drill.expected_actions if a.kind.value == "first_statement"]
        assert {a.stakeholder for a in first} == {s.id for s in plan.stakeholders}
        assert all(a.due == plan.severity("high").first_statement_within for a in first)
        regulator = next(i for i in drill.injects if i.kind.value == "regulator_request")
        (notify,) = regulator.expected
        assert notify.obligation in {o.id for o in plan.obligations}

    def test_the_burst_repeats_the_claim_and_crosses_the_rule(self) -> None:
        """The burst's mentions repeat the claim, and the plan's rule fires on them."""
        plan = demo_plan()
        drill = _drill()
        burst = next(i for i in drill.injects if i.kind.value == "mention_burst")
        rebut = next(a for a in burst.expected if a.kind.value == "rebuttal")
        escalate = next(a for a in burst.expected if a.kind.value == "escalation")
        matches = match_claims(burst.mentions, plan.claims)
        assert {m.claim for m in matches} == {rebut.claim}
        at = START + escalate.counts_from
        call = recommend_escalation(
            plan, drill.situation_at(escalate.counts_from), burst.mentions, now=at
        )
        assert call is not None
        assert call.to_severity == escalate.severity
        assert call.rule == escalate.rule

    def test_a_rule_no_burst_can_drive_is_refused(self) -> None:
        """A rule needing more mentions than a drill's burst holds is refused, naming it."""
        document = json.loads(demo_plan().to_json())
        for rule in document["escalation_rules"]:
            if rule.get("min_mentions"):
                rule["min_mentions"] = 10**6
        plan = load_plan(document)
        with pytest.raises(InputValueError, match=r"escalation rule '[a-z-]+'.*1000000"):
            generate_scenario(plan, seed=7, crisis_type="data-breach", starts_at=START)

    def test_calm_rules_are_not_driven_by_a_burst(self) -> None:
        """A rule with a max_ condition never becomes the burst's expected escalation."""
        document = json.loads(demo_plan().to_json())
        for rule in document["escalation_rules"]:
            rule["max_negative_share"] = 1.0
        plan = load_plan(document)
        for seed in range(5):
            drill = generate_scenario(plan, seed=seed, crisis_type="data-breach", starts_at=START)
            kinds = {a.kind.value for a in drill.expected_actions}
            assert "escalation" not in kinds
            assert "rebuttal" in kinds

    def test_descriptions_in_the_default_language(self) -> None:
        """Inject descriptions are written in the plan's default language (French here)."""
        assert _drill().injects[0].description.startswith("STARTEX : incident détecté")

    def test_same_drills_as_the_golden_ones(self) -> None:
        """Each golden case gives the drill it gave when the fixture was made, byte for byte."""
        golden = json.loads(golden_drills.FIXTURE.read_text(encoding="utf-8"))
        assert len(golden["cases"]) == len(list(golden_drills.cases()))
        plans: dict[str, Plan] = {}
        for case in golden["cases"]:
            assert golden_drills.digest(golden["plans"], case, plans) == case["sha256"], case

    def test_crisis_type_drawn_when_not_given(self) -> None:
        """Without crisis_type, one of the plan's is drawn from the seed."""
        drill = generate_scenario(demo_plan(), seed=3, starts_at=START)
        assert drill.crisis_type in {c.id for c in demo_plan().crisis_types}

    @pytest.mark.parametrize(
        ("changes", "match"),
        [
            ({"seed": "7"}, "seed"),
            ({"seed": True}, "seed"),
            ({"starts_at": datetime(2026, 12, 3)}, "starts_at"),
            ({"duration": timedelta(0)}, "duration"),
            ({"duration": timedelta(days=30)}, "duration"),
            ({"duration": 4}, "duration"),
            ({"crisis_type": "flood"}, "crisis_type"),
            ({"starts_at": datetime(9999, 12, 30, tzinfo=UTC)}, "starts_at"),
        ],
    )
    def test_bad_arguments(self, changes: dict[str, Any], match: str) -> None:
        """Bad arguments raise the library's error naming the argument."""
        arguments: dict[str, Any] = {
            "seed": 1, "crisis_type": "data-breach", "starts_at": START, **changes,
        }  # fmt: skip
        with pytest.raises(CrisisCommsError, match=match):
            generate_scenario(demo_plan(), **arguments)

    def test_plan_without_crisis_types(self) -> None:
        """A plan with no crisis types cannot be drilled, and says so."""
        document = plan_document([template("only")], crisis_types=[], obligations=[])
        document["training"]["exercises"] = []
        plan = load_plan(document)
        with pytest.raises(InputError, match="crisis type"):
            generate_scenario(plan, seed=1, starts_at=START)


def _plan_variants() -> st.SearchStrategy[Plan]:
    """The demo plan without some of its claims, rules, obligations, facts, channels."""

    @st.composite
    def build(draw: st.DrawFn) -> Plan:
        document = plan_document([template("only", text="Incident: {status_url}")])
        document["templates"][0]["text"] = "Incident."
        document["templates"][0]["approval"]["digest"] = (
            demo_plan().templates[0].approval.digest  # type: ignore[union-attr]
        )
        document["templates"][0].pop("approval")
        for section in ("claims", "escalation_rules", "obligations", "facts", "roles"):
            if draw(st.booleans()):
                document[section] = []
        if not document["roles"]:
            document["people"] = []
            for severity in document["severities"]:
                severity["approver_roles"] = []
        if draw(st.booleans()):
            document["stakeholders"] = []
            document["obligations"] = []
            if draw(st.booleans()):
                document["channels"] = []
        kept = draw(st.integers(1, len(document["crisis_types"])))
        document["crisis_types"] = document["crisis_types"][:kept]
        types = {c["id"] for c in document["crisis_types"]}
        document["obligations"] = [
            o for o in document["obligations"] if set(o["crisis_types"]) <= types
        ]
        document["default_locale"] = draw(st.sampled_from(["fr_FR"]))
        return load_plan(document)

    return build()


class TestProperties:
    @settings(max_examples=40)
    @given(plan=_plan_variants(), seed=st.integers(-(10**30), 10**30))
    def test_any_valid_plan_gives_a_scenario(self, plan: Plan, seed: int) -> None:
        """generate_scenario on any valid plan returns a scenario (or the library's error)."""
        try:
            drill = generate_scenario(plan, seed=seed, starts_at=START)
        except CrisisCommsError:  # pragma: no cover - allowed, never seen
            return
        assert Scenario.model_validate_json(drill.model_dump_json()) == drill
        score = score_exercise(plan, drill, ExerciseLog())
        assert 0 <= score.overall <= 100

    @settings(max_examples=40)
    @given(
        entries=st.lists(
            st.tuples(
                st.sampled_from(["customers", "media", "ghost", "regulators"]),
                st.sampled_from(["x-fr", "email", "press", "nowhere"]),
                st.floats(-60, 400, allow_nan=False),
                st.sampled_from(["EXERCICE: ok", "ok", "", "EXERCICE: 999 clients"]),
                st.sampled_from([None, "breach-sms-fr", "missing-template"]),
            ),
            max_size=12,
        )
    )
    def test_any_log_gives_a_score_that_says_what_was_wrong(self, entries: list[Any]) -> None:
        """Any log (empty, out of order, unknown ids, before the start) gives a score."""
        drill = _drill()
        messages = [
            _sent(s, c, m, text, template_id=t, id=f"m{i}")
            for i, (s, c, m, text, t) in enumerate(entries)
        ]
        score = score_exercise(demo_plan(), drill, ExerciseLog(messages=tuple(messages)))
        assert 0 <= score.overall <= 100
        bad = [
            m
            for m in messages
            if m.sent.stakeholder == "ghost"
            or m.sent.channel == "nowhere"
            or m.sent.template_id == "missing-template"
            or m.sent.sent_at < START
        ]
        flagged = {f.subject for f in score.findings if f.code == "EXR009"}
        assert {m.sent.label for m in bad} <= flagged
        assert score.messages_scored == len(messages) - len(bad)

    @settings(max_examples=25, deadline=None)
    @given(
        changes=st.lists(
            st.tuples(st.sampled_from(["critical", "high", "apocalyptic"]), st.integers(-90, 400)),
            max_size=6,
        ),
        rebuttals=st.lists(
            st.tuples(st.sampled_from(["data-for-sale", "unknown-claim"]), st.integers(-90, 400)),
            max_size=6,
        ),
        approvals=st.lists(st.sampled_from(["breach-sms-fr", "nope"]), max_size=4),
        people=st.lists(st.sampled_from(["amelie-durand", "karim-benali", "nobody"]), max_size=4),
    )
    def test_any_other_entry_of_the_log_is_scored_or_reported(
        self,
        changes: list[tuple[str, int]],
        rebuttals: list[tuple[str, int]],
        approvals: list[str],
        people: list[str],
    ) -> None:
        """Severity changes, rebuttals, approvals, participants: each bad one has its finding."""
        plan, drill = demo_plan(), _drill()
        digest = plan.template("breach-sms-fr").digest
        log = ExerciseLog(
            severity_changes=tuple(
                SeverityChange(severity=s, at=START + timedelta(minutes=m)) for s, m in changes
            ),
            rebuttals=tuple(
                Rebuttal(claim=c, at=START + timedelta(minutes=m)) for c, m in rebuttals
            ),
            approvals=tuple(
                TemplateApproval(
                    template_id=t,
                    approval={
                        "approved_by": ["amelie-durand"],
                        "approved_at": START,
                        "digest": digest,
                    },
                )
                for t in approvals
            ),
            participants=tuple(people),
        )
        assert ExerciseLog.model_validate_json(log.model_dump_json()) == log
        score = score_exercise(plan, drill, log)
        assert 0 <= score.overall <= 100
        reported = [f.subject for f in score.findings if f.code == "EXR009"]
        expected = {
            "severity_changes": sum(s == "apocalyptic" or m < 0 for s, m in changes),
            "rebuttals": sum(c == "unknown-claim" or m < 0 for c, m in rebuttals),
            "approvals": approvals.count("nope"),
            "participants": people.count("nobody"),
        }
        assert {what: reported.count(what) for what in expected} == expected
        disordered = {
            what
            for what, times in (("severity_changes", changes), ("rebuttals", rebuttals))
            if [m for _, m in times] != sorted(m for _, m in times)
        }
        assert {f.subject for f in score.findings if f.code == "EXR010"} == disordered
        assert score.participants == tuple(p for p in people if p != "nobody")


class TestScore:
    def test_a_score_survives_pickle_from_its_former_home_too(self) -> None:
        """A score pickles equal, and the names pickles made before the split hold resolve."""
        score = score_exercise(demo_plan(), _drill(), ExerciseLog())
        assert pickle.loads(pickle.dumps(score)) == score
        former = importlib.import_module("crisiscomms._exercises._scoring")
        for name in ("ActionResult", "ActionStatus", "ExerciseScore", "ScorePart"):
            assert getattr(former, name) is getattr(crisiscomms, name)
            # A pickle that names the class by its former module (protocol 0's GLOBAL):
            written = f"c{former.__name__}\n{name}\n.".encode()
            assert pickle.loads(written) is getattr(crisiscomms, name)

    def test_empty_log_scores_zero_and_lists_every_missed_action(self) -> None:
        """With nothing done, every action due in the drill is missed."""
        drill = _drill()
        score = score_exercise(demo_plan(), drill, ExerciseLog())
        assert score.overall == 0.0
        missed = {r.action.id for r in score.actions if r.status is ActionStatus.MISSED}
        due = {a.id for a in drill.expected_actions if a.due <= drill.duration}
        assert missed == due
        assert {f.subject for f in score.findings if f.code == "EXR005"} == due
        assert score.part("approvals").score is None

    def test_met_late_missed_with_margin_and_lateness(self) -> None:
        """An action done on time has a margin, one done late its lateness."""
        drill = _drill()
        log = ExerciseLog(
            messages=(
                _draft(drill, 20, "customers/status-page/fr_FR"),
                _draft(drill, 75, "employees/slack-crisis/fr_FR"),
            )
        )
        score = score_exercise(demo_plan(), drill, log)
        by_id = {r.action.id: r for r in score.actions}
        on_time = by_id["first-statement-customers"]
        late = by_id["first-statement-employees"]
        assert on_time.status is ActionStatus.MET
        assert on_time.margin == timedelta(minutes=40)
        assert late.status is ActionStatus.LATE
        assert late.lateness == timedelta(minutes=15)
        assert "EXR006" in [f.code for f in score.findings if f.subject == late.action.id]
        assert score.part("marking").score == 1.0
        assert score.part("approvals").score == 1.0

    def test_rebuttal_by_entry_or_by_template_key(self) -> None:
        """A rebuttal counts from the burst on: logged, or sent from the rebuttal template."""
        drill = _drill()
        burst = next(i for i in drill.injects if i.kind.value == "mention_burst")
        rebut = next(a for a in burst.expected if a.kind.value == "rebuttal")
        at = START + burst.at + timedelta(minutes=5)
        early = START + burst.at - timedelta(minutes=5)
        log = ExerciseLog(rebuttals=(Rebuttal(claim=rebut.claim or "", at=early),))
        results = {r.action.id: r for r in score_exercise(demo_plan(), drill, log).actions}
        assert results[rebut.id].status is ActionStatus.MISSED  # before the burst: no credit
        log = ExerciseLog(rebuttals=(Rebuttal(claim=rebut.claim or "", at=at),))
        results = {r.action.id: r for r in score_exercise(demo_plan(), drill, log).actions}
        assert results[rebut.id].status is ActionStatus.MET
        rumour = next(t for t in demo_plan().templates if t.key == "rumour-rebuttal")
        minutes = (burst.at + timedelta(minutes=10)).total_seconds() / 60
        message = _sent("customers", "x-fr", minutes, "EXERCICE: faux", template_id=rumour.id)
        log = ExerciseLog(messages=(message,))
        results = {r.action.id: r for r in score_exercise(demo_plan(), drill, log).actions}
        assert results[rebut.id].status is ActionStatus.MET

    def test_escalation_reaction_time(self) -> None:
        """The declared severity meets the escalation; the reaction time is measured."""
        drill = _drill()
        (escalate,) = [a for a in drill.expected_actions if a.kind.value == "escalation"]
        at = START + escalate.counts_from + timedelta(minutes=12)
        log = ExerciseLog(severity_changes=(SeverityChange(severity="critical", at=at),))
        score = score_exercise(demo_plan(), drill, log)
        assert dict(score.escalation_reactions)[escalate.id] == timedelta(minutes=12)
        assert score.part("escalation").score == 1.0

    def test_unmarked_and_unapproved_messages(self) -> None:
        """An unmarked message is EXR001; one from an unapproved template EXR007."""
        drill = _drill()
        tampered = demo_plan().template("breach-instagram-fr")
        log = ExerciseLog(
            messages=(
                _sent("customers", "x-fr", 10, "Pas de marqueur.", id="plain"),
                _sent(
                    "customers", "instagram", 12, "EXERCICE: post", template_id=tampered.id,
                    id="insta",
                ),
            )
        )  # fmt: skip
        score = score_exercise(demo_plan(), drill, log)
        codes = {(f.code, f.subject) for f in score.findings}
        assert ("EXR001", "plain") in codes
        assert ("EXR007", "insta") in codes
        assert ("EXR008", "plain") in codes
        assert score.part("marking").score == 0.5
        assert score.part("approvals").score == 0.0

    def test_an_approval_given_in_the_drill_counts_from_then(self) -> None:
        """A template approved during the drill counts for messages sent after the approval."""
        drill = _drill()
        plan = demo_plan()
        tampered = plan.template("breach-instagram-fr")
        fresh = TemplateApproval(
            template_id=tampered.id,
            approval={
                "approved_by": ["amelie-durand", "thomas-leroy"],
                "approved_at": START + timedelta(minutes=5),
                "digest": tampered.digest,
            },
        )
        message = _sent("customers", "instagram", 12, "EXERCICE: post", template_id=tampered.id)
        score = score_exercise(plan, drill, ExerciseLog(messages=(message,), approvals=(fresh,)))
        assert score.part("approvals").score == 1.0

    def test_consistency_against_the_facts_then(self) -> None:
        """A message is checked against the facts as they stood when it was sent."""
        drill = _drill()
        grow = next(i for i in drill.injects if i.kind.value == "fact_change")
        old = drill.facts["affected_customers"]
        before = (grow.at - timedelta(minutes=5)).total_seconds() / 60
        after = (grow.at + timedelta(minutes=5)).total_seconds() / 60
        text = f"EXERCICE: {old} clients concernés."
        log = ExerciseLog(
            messages=(
                _sent("customers", "x-fr", before, text, locale="fr_FR", id="before"),
                _sent("customers", "facebook", after, text, locale="fr_FR", id="after"),
            )
        )
        score = score_exercise(demo_plan(), drill, log)
        con = {f.subject for f in score.findings if f.code == "CON001"}
        assert con == {"after"}

    def test_outage_and_out_of_order_and_unknown_entries(self) -> None:
        """Outage posts, disorder and unknown entries each have their finding."""
        drill = _drill()
        outage = next(i for i in drill.injects if i.kind.value == "channel_outage")
        minutes = (outage.at + timedelta(minutes=5)).total_seconds() / 60
        log = ExerciseLog(
            messages=(
                _sent("customers", outage.channel or "", minutes, "EXERCICE: ok", id="down"),
                _sent("customers", "x-fr", 5, "EXERCICE: ok", id="early"),
            ),
            severity_changes=(SeverityChange(severity="apocalyptic", at=START),),
            rebuttals=(Rebuttal(claim="unknown-claim", at=START),),
            approvals=(
                TemplateApproval(
                    template_id="nope",
                    approval={
                        "approved_by": ["amelie-durand"],
                        "approved_at": START,
                        "digest": "0" * 64,
                    },
                ),
            ),
            participants=("amelie-durand", "nobody"),
        )
        score = score_exercise(demo_plan(), drill, log)
        codes = [(f.code, f.subject) for f in score.findings]
        assert ("EXR011", "down") in codes
        assert ("EXR010", "messages") in codes
        assert {s for c, s in codes if c == "EXR009"} >= {
            "severity_changes", "rebuttals", "approvals", "participants",
        }  # fmt: skip
        assert score.participants == ("amelie-durand",)

    def test_weights_are_overridable_and_checked(self) -> None:
        """Weights merge over the defaults; unknown names and bad values are refused."""
        drill = _drill()
        log = ExerciseLog(messages=(_draft(drill, 20, "customers/status-page/fr_FR"),))
        only_marking = dict.fromkeys(("actions", "timeliness", "coverage", "escalation"), 0.0)
        score = score_exercise(
            demo_plan(), drill, log, weights={**only_marking, "approvals": 0, "consistency": 0}
        )
        assert score.overall == 100.0
        with pytest.raises(InputError, match="weights"):
            score_exercise(demo_plan(), drill, log, weights={"speed": 1})
        with pytest.raises(InputError, match="weights"):
            score_exercise(demo_plan(), drill, log, weights={"actions": -1})
        with pytest.raises(InputError, match="weights"):
            score_exercise(demo_plan(), drill, log, weights=[1])  # type: ignore[arg-type]
        with pytest.raises(InputError, match="part"):
            score.part("speed")

    def test_bad_arguments(self) -> None:
        """The plan, scenario and log must be of their types."""
        drill = _drill()
        with pytest.raises(InputError):
            score_exercise({}, drill, ExerciseLog())  # type: ignore[arg-type]
        with pytest.raises(InputError, match="scenario"):
            score_exercise(demo_plan(), {}, ExerciseLog())  # type: ignore[arg-type]
        with pytest.raises(InputError, match="log"):
            score_exercise(demo_plan(), drill, [])  # type: ignore[arg-type]

    def test_records_html_and_exercise_record(self) -> None:
        """to_records has one row per action; to_exercise fits plan.training."""
        drill = _drill()
        log = ExerciseLog(participants=("amelie-durand",))
        score = score_exercise(demo_plan(), drill, log)
        rows = score.to_records()
        assert len(rows) == len(drill.expected_actions)
        assert len({tuple(row) for row in rows}) == 1
        assert score._repr_html_().count("<table>") == 2
        record = score.to_exercise("Exercice fuite de données")
        assert record.held_at == START
        assert record.participants == ("amelie-durand",)
        training = demo_plan().training
        updated = training.model_copy(update={"exercises": (*training.exercises, record)})
        assert updated.exercises[-1].label == "Exercice fuite de données"


class TestHandWrittenScenario:
    def test_unsupported_actions_and_unreadable_messages_are_reported(self) -> None:
        """Actions the scenario's mentions cannot back, and unreadable messages, say so."""
        start = {
            "id": "inject-01",
            "at": timedelta(0),
            "kind": "phase_change",
            "phase": "initial",
            "description": "STARTEX",
            "expected": [
                {"id": "rebut", "kind": "rebuttal", "claim": "data-for-sale",
                 "description": "Rebut", "counts_from": timedelta(0), "due": timedelta(hours=1)},
                {"id": "raise", "kind": "escalation", "severity": "critical",
                 "description": "Raise", "counts_from": timedelta(0), "due": timedelta(hours=1)},
                {"id": "notify", "kind": "notification", "obligation": "gdpr-art33",
                 "stakeholder": "regulators", "description": "Notify",
                 "counts_from": timedelta(0), "due": timedelta(hours=2)},
            ],
        }  # fmt: skip
        drill = Scenario(
            id="by-hand",
            seed=0,
            crisis_type="data-breach",
            starts_at=START,
            severity="high",
            injects=[start],
        )
        log = ExerciseLog(
            messages=(
                _sent(
                    "regulators", "email", 30, "EXERCICE: 12 000", locale="ja_JP",
                    obligations=("gdpr-art33",), id="notice",
                ),
            ),
            severity_changes=(SeverityChange(severity="critical", at=START - timedelta(1)),),
        )  # fmt: skip
        score = score_exercise(demo_plan(), drill, log)
        codes = {(f.code, f.subject) for f in score.findings}
        assert ("EXR009", "rebut") in codes
        assert ("EXR009", "raise") in codes
        assert ("EXR009", "notice") in codes
        assert ("EXR009", "severity_changes") in codes
        results = {r.action.id: r.status for r in score.actions}
        assert results["notify"] is ActionStatus.MET
        assert results["raise"] is ActionStatus.MISSED
        assert score.part("consistency").score == 0.0
        # The unsupported rebuttal and escalation are left out: the notification alone counts.
        assert score.part("actions").score == 1.0
        assert score.part("escalation").score is None
        assert "1 left out (EXR009)" in score.part("actions").detail

    def test_actions_naming_what_the_plan_does_not_know_are_left_out(self) -> None:
        """An action for an unknown stakeholder, obligation, claim or severity is reported."""
        expected = [
            {"id": "tell-ghosts", "kind": "first_statement", "stakeholder": "ghosts",
             "description": "Tell", "counts_from": timedelta(0), "due": timedelta(hours=1)},
            {"id": "notify", "kind": "notification", "obligation": "no-such-law",
             "stakeholder": "regulators", "description": "Notify",
             "counts_from": timedelta(0), "due": timedelta(hours=1)},
            {"id": "rebut", "kind": "rebuttal", "claim": "no-such-claim",
             "description": "Rebut", "counts_from": timedelta(0), "due": timedelta(hours=1)},
            {"id": "raise", "kind": "escalation", "severity": "apocalyptic",
             "description": "Raise", "counts_from": timedelta(0), "due": timedelta(hours=1)},
            {"id": "tell-customers", "kind": "first_statement", "stakeholder": "customers",
             "description": "Tell", "counts_from": timedelta(0), "due": timedelta(hours=1)},
        ]  # fmt: skip
        drill = Scenario(
            id="by-hand", seed=0, crisis_type="data-breach", starts_at=START, severity="high",
            injects=[{"id": "inject-01", "at": timedelta(0), "kind": "phase_change",
                      "phase": "initial", "description": "STARTEX", "expected": expected}],
        )  # fmt: skip
        log = ExerciseLog(messages=(_sent("customers", "x-fr", 10, "EXERCICE: ok", id="ok"),))
        score = score_exercise(demo_plan(), drill, log)
        reported = {f.subject: f.message for f in score.findings if f.code == "EXR009"}
        for action, named in (
            ("tell-ghosts", "stakeholder 'ghosts'"),
            ("notify", "obligation 'no-such-law'"),
            ("rebut", "claim 'no-such-claim'"),
            ("raise", "severity 'apocalyptic'"),
        ):
            assert named in reported[action]
        assert "tell-customers" not in reported
        assert score.part("actions").score == 1.0
        assert score.part("escalation").score is None
        assert score.part("escalation").detail.endswith("1 left out (EXR009)")

    def test_dates_times_reach_and_the_top_severity(self) -> None:
        """Date and time facts are set, a reach threshold is crossed, the top level stays."""
        document = demo_plan().model_dump(mode="json")
        for template_document in document["templates"]:
            template_document.pop("digest", None)
        document["facts"] += [{"name": "day", "kind": "date"}, {"name": "hour", "kind": "time"}]
        for rule in document["escalation_rules"]:
            rule["min_reach"] = 2_000_000
        plan = load_plan(document)
        drill = generate_scenario(plan, seed=5, crisis_type="data-breach", starts_at=START)
        assert drill.facts["day"] == START.astimezone(drill.facts["incident_start"].tzinfo).date()
        assert "hour" in drill.facts
        burst = next(i for i in drill.injects if i.kind.value == "mention_burst")
        assert sum(m.reach for m in burst.mentions if m.at >= START + burst.at) >= 2_000_000
        for crisis in document["crisis_types"]:
            crisis["default_severity"] = "critical"
        top = generate_scenario(load_plan(document), seed=5, starts_at=START)
        assert not [i for i in top.injects if i.kind.value == "severity_change"]
