from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pydantic
import pytest
from hypothesis import given, settings

from crisiscomms import (
    Approval,
    Audience,
    CapCategory,
    CapSeverity,
    Channel,
    CrisisType,
    EscalationRule,
    Exercise,
    FactKind,
    FactSpec,
    FrozenInstanceError,
    KnownClaim,
    Markup,
    MessageTemplate,
    Mode,
    ModelError,
    Obligation,
    Person,
    Phase,
    Plan,
    Platform,
    Role,
    Severity,
    Situation,
    Stakeholder,
    StakeholderKind,
    Training,
    Verdict,
    template_digest,
)
from crisiscomms.model._base import FrozenDict, normalize_locale
from crisiscomms.samples import demo_plan, demo_situation
from tests.strategies import any_text


def _instances() -> list[pydantic.BaseModel]:
    """One instance of every model, taken from the demo plan where it has one."""
    plan = demo_plan()
    return [
        plan,
        demo_situation(),
        plan.severities[2],
        plan.stakeholders[0],
        plan.channels[6],
        plan.roles[0],
        plan.people[1],
        plan.crisis_types[0],
        plan.facts[0],
        plan.templates[0],
        plan.templates[0].approval,  # type: ignore[list-item]
        plan.obligations[3],
        plan.claims[0],
        plan.escalation_rules[1],
        plan.training,
        plan.training.exercises[0],
    ]


INSTANCES = _instances()
IDS = [type(m).__name__ for m in INSTANCES]


def _ok(model: type[pydantic.BaseModel], **fields: Any) -> pydantic.BaseModel:
    return model(**fields)


def _refused(model: type[pydantic.BaseModel], fragment: str, **fields: Any) -> None:
    with pytest.raises(ModelError, match=fragment):
        model(**fields)


SEVERITY: dict[str, Any] = {
    "id": "high",
    "label": "High",
    "first_statement_within": timedelta(hours=1),
    "update_every": timedelta(hours=2),
}


class TestValueLaws:
    @pytest.mark.parametrize("model", INSTANCES, ids=IDS)
    def test_frozen(self, model: pydantic.BaseModel) -> None:
        """No field can be assigned or deleted: the library's error, also an AttributeError."""
        name = next(iter(type(model).model_fields))
        with pytest.raises(FrozenInstanceError, match="frozen") as info:
            setattr(model, name, getattr(model, name))
        assert isinstance(info.value, AttributeError | TypeError)
        assert info.value.attribute == name
        assert "model_copy(update=" in str(info.value)
        with pytest.raises(FrozenInstanceError, match="cannot delete"):
            delattr(model, name)

    @pytest.mark.parametrize("model", INSTANCES, ids=IDS)
    def test_equal_and_hashable(self, model: pydantic.BaseModel) -> None:
        """A rebuilt model equals the original and hashes the same."""
        again = type(model).model_validate(model.model_dump())
        assert again == model
        assert hash(again) == hash(model)
        assert again is not model

    @pytest.mark.parametrize("model", INSTANCES, ids=IDS)
    def test_pickles(self, model: pydantic.BaseModel) -> None:
        """Models cross process boundaries unchanged."""
        assert pickle.loads(pickle.dumps(model)) == model

    @pytest.mark.parametrize("model", INSTANCES, ids=IDS)
    def test_json_round_trip(self, model: pydantic.BaseModel) -> None:
        """model_validate_json(model_dump_json()) gives back an equal model."""
        assert type(model).model_validate_json(model.model_dump_json()) == model

    @pytest.mark.parametrize("model", INSTANCES, ids=IDS)
    def test_copies_are_equal(self, model: pydantic.BaseModel) -> None:
        """copy, deepcopy and model_copy keep the value."""
        assert copy.copy(model) == model
        assert copy.deepcopy(model) == model
        assert model.model_copy() == model

    @pytest.mark.parametrize("model", INSTANCES, ids=IDS)
    def test_repr_names_the_class(self, model: pydantic.BaseModel) -> None:
        """The repr starts with the class name and shows the fields."""
        assert repr(model).startswith(f"{type(model).__name__}(")

    def test_different_values_are_not_equal(self) -> None:
        """Equality is by value."""
        low, moderate = demo_plan().severities[:2]
        assert low != moderate

    def test_cached_values_do_not_change_equality(self) -> None:
        """A plan whose indexes were built equals one whose were not."""
        plan = demo_plan()
        plan.severity("low")
        fresh = Plan.model_validate_json(plan.to_json())
        assert fresh == plan
        assert hash(fresh) == hash(plan)


class TestModelCopy:
    def test_update_is_validated(self) -> None:
        """A changed field is validated like a new model."""
        role = demo_plan().roles[0]
        with pytest.raises(ModelError, match="expected a slug"):
            role.model_copy(update={"id": "Crisis Lead"})

    def test_digest_follows_the_text(self) -> None:
        """An edited copy of a template has the digest of its new text and scope."""
        template = demo_plan().templates[0]
        assert template.digest == template_digest(template)
        edited = template.model_copy(update={"text": "Edited after approval"})
        assert edited.digest == template_digest(edited) != template.digest
        assert edited.model_dump()["digest"] != template.digest
        moved = template.model_copy(update={"locale": "en_GB"})
        assert moved.digest not in {template.digest, edited.digest}

    def test_copy_without_update_drops_cached_values(self) -> None:
        """A plain copy recomputes its cached values when asked."""
        plan = demo_plan()
        plan.severity("low")
        copied = plan.model_copy()
        assert "_severity_index" not in copied.__dict__
        assert copied.severity("low") == plan.severity("low")

    def test_update_of_a_plan_checks_references(self) -> None:
        """A copy of a plan with a broken reference is refused."""
        plan = demo_plan()
        with pytest.raises(ModelError, match="unknown channel"):
            plan.model_copy(update={"channels": plan.channels[1:]})


class TestScalars:
    @pytest.mark.parametrize("slug", ["a", "data-breach", "x_1", "0day", "a" * 64])
    def test_slugs(self, slug: str) -> None:
        """Lowercase letters, digits, '-' and '_', starting with a letter or digit."""
        assert _ok(Role, id=slug, label="R").id == slug  # type: ignore[attr-defined]

    @pytest.mark.parametrize("slug", ["", "-a", "_a", "A", "a b", "é", "a" * 65, "a\n"])
    def test_not_slugs(self, slug: str) -> None:
        """Anything else is refused with the rule and an example."""
        _refused(Role, "expected a slug", id=slug, label="R")

    @pytest.mark.parametrize(
        ("given", "canonical"),
        [("fr_FR", "fr_FR"), ("fr-FR", "fr_FR"), ("en", "en"), ("zh-Hant-TW", "zh_Hant_TW")],
    )
    def test_locales_are_normalised(self, given: str, canonical: str) -> None:
        """Locales are checked against CLDR and written the babel way."""
        assert normalize_locale(given) == canonical

    @pytest.mark.parametrize("locale", ["xx", "fr_XX", "", "fr__FR", "12", "\ud800", "a" * 200])
    def test_unknown_locales(self, locale: str) -> None:
        """A locale CLDR does not know is a ValueError saying what to fix."""
        with pytest.raises(ValueError, match="expected a locale known to CLDR"):
            normalize_locale(locale)

    @settings(max_examples=200)
    @given(any_text)
    def test_any_locale_text_is_a_locale_or_a_value_error(self, text: str) -> None:
        """babel never leaks another exception through the locale check."""
        try:
            normalize_locale(text)
        except ValueError as err:
            message = str(err)
        else:
            return
        assert "expected a locale known to CLDR" in message

    @settings(max_examples=200)
    @given(any_text)
    def test_any_zone_text_is_a_zone_or_a_validation_error(self, text: str) -> None:
        """zoneinfo never leaks another exception (folders, paths) through the zone check."""
        try:
            Channel(id="c", platform="x", timezone=text)
        except ModelError as err:
            message = str(err)
        else:
            return
        assert "IANA time zone name" in message or "lone surrogate" in message

    def test_positive_durations(self) -> None:
        """Zero and negative durations are refused, shown in ISO 8601."""
        _refused(Severity, r"got '-PT1H'", **{**SEVERITY, "update_every": timedelta(hours=-1)})
        _refused(Severity, r"got 'PT0S'", **{**SEVERITY, "update_every": timedelta(0)})

    def test_frozen_dict(self) -> None:
        """FrozenDict refuses every change and pickles."""
        d: FrozenDict[str, int] = FrozenDict({"a": 1})
        changes: list[Callable[[], object]] = [
            lambda: d.update(b=2),
            lambda: d.pop("a"),
            d.clear,
            lambda: d.setdefault("b", 2),
            d.popitem,
            lambda: d.__delitem__("a"),
        ]
        for change in changes:
            with pytest.raises(FrozenInstanceError, match="immutable"):
                change()
        with pytest.raises(TypeError, match="immutable"):
            d |= {"b": 2}
        assert pickle.loads(pickle.dumps(d)) == d
        assert type(pickle.loads(pickle.dumps(d))) is FrozenDict
        assert repr(d) == "FrozenDict({'a': 1})"

    def test_frozen_dict_cannot_be_initialised_again(self) -> None:
        """Calling __init__ again changes neither the facts of a situation nor their hash."""
        situation = demo_situation()
        facts = situation.facts
        before, hashed = dict(facts), hash(situation)
        facts.__init__({"affected_customers": 1})  # type: ignore[misc]
        facts.__init__(affected_customers=1)  # type: ignore[misc]
        assert dict(situation.facts) == before
        assert hash(situation) == hashed
        copied = copy.copy(facts)
        assert copied == facts
        assert type(copied) is FrozenDict


class TestSeverity:
    def test_defaults(self) -> None:
        """One approval from any approving role; CAP severity Unknown."""
        severity = Severity(**SEVERITY)
        assert severity.approvals_required == 1
        assert severity.approver_roles == ()
        assert severity.cap_severity is CapSeverity.UNKNOWN

    def test_durations_from_iso_text(self) -> None:
        """Durations are read from ISO 8601 text."""
        severity = Severity.model_validate(
            {**SEVERITY, "first_statement_within": "PT30M", "update_every": "P1D"}
        )
        assert severity.first_statement_within == timedelta(minutes=30)
        assert severity.update_every == timedelta(days=1)

    @pytest.mark.parametrize("count", [0, -1])
    def test_approvals_required_is_positive(self, count: int) -> None:
        """At least one approval."""
        _refused(Severity, "greater than 0", **{**SEVERITY, "approvals_required": count})

    def test_cap_severity_is_case_sensitive(self) -> None:
        """CAP spells 'Severe' with a capital; 'severe' is refused."""
        _refused(Severity, "Severe", **{**SEVERITY, "cap_severity": "severe"})

    def test_label_is_required_text(self) -> None:
        """An empty label is refused."""
        _refused(Severity, "at least 1 character", **{**SEVERITY, "label": ""})

    def test_unknown_field(self) -> None:
        """Unknown fields are refused, not ignored."""
        _refused(
            Severity,
            "colour: unknown field; remove it or fix its spelling",
            **{**SEVERITY, "colour": "red"},
        )


class TestChannel:
    def test_defaults(self) -> None:
        """Public, plain text, the platform's own limit."""
        channel = Channel(id="x-main", platform="x")
        assert channel.audience is Audience.PUBLIC
        assert channel.markup is Markup.PLAIN
        assert channel.max_length is None
        assert channel.timezone is None

    def test_unknown_platform(self) -> None:
        """Only the known platforms."""
        _refused(Channel, "'x'", id="c", platform="myspace")

    def test_max_length_is_positive(self) -> None:
        """A limit of 0 is refused."""
        _refused(Channel, "greater than 0", id="c", platform="mastodon", max_length=0)

    def test_time_zone_is_checked(self) -> None:
        """A channel's zone must be an IANA name."""
        _refused(Channel, "IANA", id="c", platform="x", timezone="CET+1")


class TestStakeholder:
    def test_needs_a_channel_and_a_locale(self) -> None:
        """Channels and locales may not be empty."""
        fields = {"id": "s", "label": "S", "kind": "media", "channels": ["x"], "locales": ["fr"]}
        _refused(Stakeholder, "at least 1 item", **{**fields, "channels": []})
        _refused(Stakeholder, "at least 1 item", **{**fields, "locales": []})

    def test_locales_are_normalised(self) -> None:
        """'en-GB' becomes 'en_GB'."""
        stakeholder = Stakeholder(
            id="s", label="S", kind="partners", channels=["email"], locales=["en-GB"]
        )
        assert stakeholder.locales == ("en_GB",)
        assert stakeholder.kind is StakeholderKind.PARTNERS


class TestRolesAndPeople:
    def test_role_defaults(self) -> None:
        """Roles neither approve nor are required unless they say so."""
        role = Role(id="r", label="R")
        assert (role.can_approve, role.required, role.responsibilities) == (False, False, ())

    def test_empty_responsibility(self) -> None:
        """A responsibility is text."""
        _refused(Role, "at least 1 character", id="r", label="R", responsibilities=[""])

    def test_person_needs_a_role(self) -> None:
        """A person without a role is refused."""
        _refused(Person, "at least 1 item", id="p", name="P", roles=[])


class TestCrisisType:
    def test_cap_category(self) -> None:
        """CAP's categories, exactly as spelled; Other by default."""
        assert CrisisType(id="c", label="C", default_severity="low").cap_category is (
            CapCategory.OTHER
        )
        _refused(CrisisType, "CBRNE", id="c", label="C", default_severity="low", cap_category="x")


class TestFactSpec:
    def test_cues_are_frozen_by_language(self) -> None:
        """Cues map languages to word tuples and cannot change."""
        spec = FactSpec(name="customers", kind="number", cues={"fr": ["clients"]})
        assert spec.cues == {"fr": ("clients",)}
        assert isinstance(spec.cues, FrozenDict)
        assert spec.kind is FactKind.NUMBER
        assert spec.required_in == (Phase.INITIAL, Phase.UPDATE, Phase.RESOLVED)

    @pytest.mark.parametrize("key", ["fr_FR", "FR", "f", "french"])
    def test_cue_keys_are_languages(self, key: str) -> None:
        """Cues are per language, not per locale."""
        _refused(FactSpec, "expected language codes", name="n", kind="text", cues={key: ["x"]})

    def test_blank_cue(self) -> None:
        """A blank word is refused."""
        _refused(FactSpec, "blank", name="n", kind="text", cues={"fr": [" "]})

    @pytest.mark.parametrize("name", ["Customers", "1st", "a-b", "", "a" * 65])
    def test_fact_names(self, name: str) -> None:
        """Fact names are usable as placeholders."""
        _refused(FactSpec, "expected a fact name", name=name, kind="text")


class TestApprovalAndTemplate:
    TEMPLATE: ClassVar[dict[str, Any]] = {
        "id": "t",
        "key": "k",
        "locale": "fr_FR",
        "phase": "initial",
        "text": "Bonjour {name}",
    }

    def approval(self, **changes: Any) -> dict[str, Any]:
        return {
            "approved_by": ["amelie"],
            "approved_at": datetime(2026, 1, 5, tzinfo=UTC),
            "digest": MessageTemplate.model_validate(self.TEMPLATE).digest,
            **changes,
        }

    def test_digest_is_sha256_of_nfc_text(self) -> None:
        """The digest is computed, and equal for NFC and NFD forms of the same text."""
        nfc = MessageTemplate(**{**self.TEMPLATE, "text": "Café"})
        nfd = MessageTemplate(**{**self.TEMPLATE, "text": "Cafe\u0301"})
        assert nfc.digest == nfd.digest
        assert len(nfc.digest) == 64
        assert nfc.language == "fr"

    def test_written_digest_must_match(self) -> None:
        """A digest given with the text is checked, then dropped (it is computed)."""
        digest = MessageTemplate.model_validate(self.TEMPLATE).digest
        good = MessageTemplate.model_validate({**self.TEMPLATE, "digest": digest})
        assert good.digest == digest
        with pytest.raises(ModelError, match="does not match the template"):
            MessageTemplate.model_validate({**self.TEMPLATE, "digest": "0" * 64})

    def test_lone_surrogate_text_with_a_digest(self) -> None:
        """Text that is not Unicode is refused as text, not as a digest mismatch."""
        with pytest.raises(ModelError) as info:
            MessageTemplate.model_validate({**self.TEMPLATE, "text": "\ud800", "digest": "x"})
        assert [p.path for p in info.value.problems] == ["text"]

    def test_approval_digest_form(self) -> None:
        """An approval's digest is 64 lowercase hex digits."""
        with pytest.raises(ModelError, match="SHA-256 hex digest"):
            Approval(**self.approval(digest="ABC"))

    def test_expiry_after_approval(self) -> None:
        """An approval cannot expire before it was given."""
        with pytest.raises(ModelError, match="must be after approved_at"):
            Approval(**self.approval(expires_at=datetime(2026, 1, 4, tzinfo=UTC)))

    def test_naive_approval_time(self) -> None:
        """Approval times must be aware."""
        with pytest.raises(ModelError, match="expected an aware datetime with a UTC offset"):
            Approval(**self.approval(approved_at=datetime(2026, 1, 5)))

    def test_approval_needs_an_approver(self) -> None:
        """Someone approved it."""
        with pytest.raises(ModelError, match="at least 1 item"):
            Approval(**self.approval(approved_by=[]))

    def test_empty_text(self) -> None:
        """A template has text."""
        with pytest.raises(ModelError, match="at least 1 character"):
            MessageTemplate(**{**self.TEMPLATE, "text": ""})

    def test_scope_defaults_to_any(self) -> None:
        """Empty scope lists mean any; no approval by default."""
        template = MessageTemplate(**self.TEMPLATE)
        assert (template.crisis_types, template.severities, template.stakeholders) == ((), (), ())
        assert template.channels == ()
        assert template.approval is None
        assert template.phase is Phase.INITIAL


class TestObligation:
    BASE: ClassVar[dict[str, Any]] = {"id": "o", "label": "O", "stakeholder": "cnil"}

    @pytest.mark.parametrize(
        "period",
        [
            {"within": timedelta(hours=72)},
            {"within_business_days": 2},
            {"within_months": 1},
        ],
    )
    def test_one_period(self, period: dict[str, Any]) -> None:
        """Exactly one of the three ways to give the period."""
        assert Obligation(**self.BASE, **period).id == "o"

    @pytest.mark.parametrize(
        "period",
        [{}, {"within": timedelta(hours=1), "within_months": 1}],
    )
    def test_not_exactly_one_period(self, period: dict[str, Any]) -> None:
        """None or two are refused."""
        with pytest.raises(ModelError, match="exactly one of"):
            Obligation(**self.BASE, **period)


class TestKnownClaim:
    def test_patterns(self) -> None:
        """Patterns are keyword sets by language, frozen."""
        claim = KnownClaim(
            id="c", statement="S", verdict="false", patterns={"fr": [["a", "b"], ["c"]]}
        )
        assert claim.patterns == {"fr": (("a", "b"), ("c",))}
        assert claim.verdict is Verdict.FALSE

    @pytest.mark.parametrize(
        ("patterns", "fragment"),
        [
            ({"fr": []}, "at least one keyword set"),
            ({"fr": [[]]}, "at least one word"),
            ({"FR": [["a"]]}, "expected language codes"),
            ({"fr": [["a", ""]]}, "blank"),
        ],
    )
    def test_bad_patterns(self, patterns: dict[str, Any], fragment: str) -> None:
        """Empty sets, empty words and locale keys are refused."""
        with pytest.raises(ModelError, match=fragment):
            KnownClaim(id="c", statement="S", verdict="false", patterns=patterns)


class TestEscalationRule:
    def test_needs_a_condition(self) -> None:
        """A rule without conditions would always fire."""
        with pytest.raises(ModelError, match="at least one condition"):
            EscalationRule(id="r", to_severity="high")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("min_negative_share", 1.5),
            ("min_negative_share", -0.1),
            ("min_growth", 0),
            ("min_growth", float("inf")),
            ("min_growth", float("nan")),
            ("min_mentions", 0),
        ],
    )
    def test_bounds(self, field: str, value: float) -> None:
        """Shares are within 0..1, growth positive and finite, counts positive."""
        with pytest.raises(ModelError):
            EscalationRule(id="r", to_severity="high", **{field: value})


class TestTraining:
    def test_exercise_time_is_aware(self) -> None:
        """An exercise happened at an instant."""
        with pytest.raises(ModelError, match="expected an aware datetime with a UTC offset"):
            Exercise(held_at=datetime(2026, 3, 2, 9), label="Drill")

    def test_defaults(self) -> None:
        """No cadence and no record by default."""
        assert Training() == Training(every=None, exercises=())


class TestPlanAndSituation:
    def test_plan_defaults(self) -> None:
        """Everything but the name, locale, zone and scale has an empty default."""
        plan = Plan(
            name="P",
            default_locale="fr",
            timezone="UTC",
            severities=[Severity(**SEVERITY)],
            templates=[MessageTemplate(id="t", key="t", locale="fr", phase="initial", text="x")],
        )
        assert plan.stakeholders == ()
        assert plan.holidays == ()
        assert plan.training == Training()

    def test_holidays_are_dates(self) -> None:
        """Holidays are dates, as JSON text or date objects."""
        assert demo_plan().holidays == (date(2026, 12, 25), date(2027, 1, 1))

    def test_situation_defaults(self) -> None:
        """A situation is actual, in its initial phase, at version 1, for everyone."""
        situation = Situation(
            crisis_type="c", severity="s", detected_at=datetime(2026, 1, 1, tzinfo=UTC)
        )
        assert situation.mode is Mode.ACTUAL
        assert situation.phase is Phase.INITIAL
        assert situation.facts_version == 1
        assert situation.stakeholders is None
        assert situation.facts == {}

    def test_situation_detected_at_is_aware(self) -> None:
        """A naive detection time is refused."""
        with pytest.raises(ModelError, match="expected an aware datetime with a UTC offset"):
            Situation(crisis_type="c", severity="s", detected_at=datetime(2026, 1, 1))

    def test_with_facts_makes_a_new_version(self) -> None:
        """with_facts returns a new situation and leaves the old one alone."""
        before = demo_situation()
        after = before.with_facts(affected_customers=15000, restored_at=before.detected_at)
        assert after.facts["affected_customers"] == 15000
        assert before.facts["affected_customers"] == 12000
        assert after.facts_version == before.facts_version + 1

    def test_facts_version_is_positive(self) -> None:
        """Versions start at 1."""
        with pytest.raises(ModelError, match="greater than 0"):
            demo_situation().model_copy(update={"facts_version": 0})


class TestEnumerations:
    def test_cap_values(self) -> None:
        """CAP 1.2's severity and category values, exactly."""
        assert [s.value for s in CapSeverity] == [
            "Extreme",
            "Severe",
            "Moderate",
            "Minor",
            "Unknown",
        ]
        assert [c.value for c in CapCategory] == [
            "Geo",
            "Met",
            "Safety",
            "Security",
            "Rescue",
            "Fire",
            "Health",
            "Env",
            "Transport",
            "Infra",
            "CBRNE",
            "Other",
        ]

    def test_platforms_of_the_design(self) -> None:
        """The platforms DESIGN.md names."""
        assert {p.value for p in Platform} >= {"x", "bluesky", "sms", "email", "web", "slack"}


class TestReferenceDocs:
    DOC = (Path(__file__).parent.parent / "docs" / "reference" / "model.md").read_text("utf-8")

    MODELS = sorted({type(m) for m in INSTANCES}, key=lambda m: m.__name__)

    @pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
    def test_every_field_is_documented(self, model: type[pydantic.BaseModel]) -> None:
        """docs/reference/model.md has a section per model with a row per field."""
        sections = [
            s for s in self.DOC.split("\n## ") if f"`{model.__name__}`" in s.split("\n")[0]
        ]
        assert len(sections) == 1, model.__name__
        missing = [name for name in model.model_fields if f"| `{name}` |" not in sections[0]]
        assert missing == []


class TestModelError:
    """Every way of building a model raises ModelError, a CrisisCommsError, with every problem."""

    def test_constructor(self) -> None:
        """A model built directly lists every problem with its path."""
        with pytest.raises(ModelError) as info:
            Role(id="Bad Id", label="")
        assert [p.path for p in info.value.problems] == ["id", "label"]
        assert info.value.model == "Role"
        assert isinstance(info.value, ValueError)

    def test_json(self) -> None:
        """model_validate_json reports invalid JSON and invalid fields alike."""
        with pytest.raises(ModelError, match="invalid Role: 1 problem"):
            Role.model_validate_json('{"id": "dpo", "label": "DPO", "can_approve": "maybe"}')
        with pytest.raises(ModelError, match="Invalid JSON"):
            Role.model_validate_json('{"id": ')

    def test_strings(self) -> None:
        """model_validate_strings reads strings and refuses what does not fit."""
        role = Role.model_validate_strings({"id": "dpo", "label": "DPO", "can_approve": "true"})
        assert role.can_approve is True
        with pytest.raises(ModelError, match="can_approve"):
            Role.model_validate_strings({"id": "dpo", "label": "DPO", "can_approve": "maybe"})


def test_models_hold_field_types_as_objects() -> None:
    """Every model of the plan holds its field types evaluated: pydantic compiles no string."""
    import importlib

    names = ("_base", "_elements", "_plan", "_scenario", "_record", "_sent", "_mention")
    models = [
        value
        for name in names
        for value in vars(importlib.import_module(f"crisiscomms.model.{name}")).values()
        if isinstance(value, type)
        and issubclass(value, pydantic.BaseModel)
        and value.__module__.startswith("crisiscomms")
    ]
    assert Plan in models
    strings = {
        f"{model.__name__}.{field}"
        for model in models
        for field, annotation in vars(model).get("__annotations__", {}).items()
        if isinstance(annotation, str)
    }
    assert not strings, strings
