"""Errors a user meets speak the library's words and point at the fix that fits.

No pydantic phrase leaks from `load_plan` or a model; advice fits the place
(a reference is corrected, an id renamed); ICU errors name the construct;
plan problems come in document order; messages checked with a plan name
stakeholders and channels the plan knows.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crisiscomms as cc
from crisiscomms.samples import demo_plan, demo_situation
from tests.strategies import _paths, json_like, mutated_documents

PLAN = demo_plan()
DOCUMENT = PLAN.model_dump(mode="json")

#: pydantic's own wording, which says nothing a plan's author can act on.
PYDANTIC_PHRASES = re.compile(
    r"valid tuple|day identifier|invalid character in year|Input should|Value error,"
    r"|validation error|pydantic|\[type=|For further information|should be a valid"
    r"|Field required|Extra inputs|Assertion failed|unable to parse raw data",
    re.IGNORECASE,
)


def _problems_of(call: Any) -> tuple[cc.PlanProblem, ...]:
    try:
        call()
    except (cc.PlanError, cc.ModelError) as err:
        return err.problems
    return ()


class TestNoPydanticWording:
    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated_documents(DOCUMENT), st.booleans())
    def test_generated_bad_documents(self, document: dict[str, Any], as_json: bool) -> None:
        """No problem of a mutated plan, as a mapping or as JSON text, uses pydantic's words."""
        source: Any = json.dumps(document, allow_nan=True) if as_json else document
        for problem in _problems_of(lambda: cc.load_plan(source)):
            assert not PYDANTIC_PHRASES.search(problem.message), problem

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("first_statement_within", "P1X"),
            ("first_statement_within", "PT1H30"),
            ("first_statement_within", 30),
            ("label", ["a", "b"]),
            ("id", ("a",)),
            ("approvals_required", "1000"),
            pytest.param("approvals_required", 10**5000, id="approvals_required-huge"),
        ],
    )
    def test_severity_fields(self, field: str, value: object) -> None:
        """Durations, ids and counts of the wrong form are worded by the library."""
        document = json.loads(json.dumps(DOCUMENT))
        document["severities"][0][field] = value
        problems = _problems_of(lambda: cc.load_plan(document))
        assert problems
        for problem in problems:
            assert not PYDANTIC_PHRASES.search(problem.message), problem

    @pytest.mark.parametrize(
        "value", ["2026-13-01T00:00Z", "2026-11-24T25:00Z", "yesterday", "2026-11-24", 3.5]
    )
    def test_datetimes_in_json_and_mapping_say_the_same(self, value: object) -> None:
        """A bad datetime is one message, the same from a mapping and from JSON text."""
        document = json.loads(json.dumps(DOCUMENT))
        template = next(t for t in document["templates"] if t.get("approval"))
        template["approval"]["approved_at"] = value
        from_mapping = _problems_of(lambda: cc.load_plan(document))
        from_json = _problems_of(lambda: cc.load_plan(json.dumps(document)))
        assert from_mapping == from_json
        for problem in from_mapping:
            assert not PYDANTIC_PHRASES.search(problem.message), problem

    @settings(max_examples=80, deadline=None)
    @given(
        st.sampled_from(
            [cc.Severity, cc.Stakeholder, cc.Channel, cc.Mention, cc.KnownClaim, cc.Situation]
        ),
        st.dictionaries(
            st.sampled_from(
                ["id", "label", "channels", "at", "text", "severity", "patterns", "detected_at"]
            ),
            json_like,
            max_size=4,
        ),
    )
    def test_models_built_from_bad_values(self, model: type[Any], fields: dict[str, Any]) -> None:
        """A model built directly from generated values is a ModelError in the library's words."""
        for problem in _problems_of(lambda: model.model_validate(fields)):
            assert not PYDANTIC_PHRASES.search(problem.message), problem


class TestAdviceFitsThePlace:
    def test_a_situations_severity_is_corrected_not_renamed(self) -> None:
        """``severity="High"`` says to use 'high', not to rename it and its references."""
        with pytest.raises(cc.ModelError) as info:
            demo_situation().model_copy(update={"severity": "High"})
        [problem] = info.value.problems
        assert problem.path == "severity"
        assert "use 'high'" in problem.message
        assert "rename" not in problem.message

    @pytest.mark.parametrize(
        ("section", "field", "value", "meant"),
        [
            ("stakeholders", "channels", ["Status Page"], "status-page"),
            ("templates", "stakeholders", ["Customers"], "customers"),
            ("escalation_rules", "to_severity", "Critical", "critical"),
        ],
    )
    def test_a_reference_is_corrected(
        self, section: str, field: str, value: object, meant: str
    ) -> None:
        """A reference that is not an id proposes the id it most likely means."""
        document = json.loads(json.dumps(DOCUMENT))
        document[section][0][field] = value
        document[section][0].pop("digest", None)
        problems = _problems_of(lambda: cc.load_plan(document))
        [problem] = [p for p in problems if p.path.startswith(f"{section}[0].{field}")]
        assert f"use {meant!r}" in problem.message
        assert "rename" not in problem.message

    def test_an_id_is_renamed(self) -> None:
        """An element's own id that is not a slug: rename it, and every reference to it."""
        document = json.loads(json.dumps(DOCUMENT))
        document["severities"][0]["id"] = "Low Level"
        problems = _problems_of(lambda: cc.load_plan(document))
        [problem] = [p for p in problems if p.path == "severities[0].id"]
        assert "rename it, and every reference to it" in problem.message


class TestIcuErrorsNameTheConstruct:
    @pytest.mark.parametrize(
        ("text", "style"),
        [
            ("{t, time, HH:mm}", "'HH:mm'"),
            ("{t, date, yyyy-MM-dd}", "'yyyy-MM-dd'"),
            ("{n, number, #,##0}", "'#,##0'"),
        ],
    )
    def test_a_pattern_is_an_unsupported_style(self, text: str, style: str) -> None:
        """A pattern in place of a style is named whole, with the supported styles."""
        with pytest.raises(cc.TemplateSyntaxError) as info:
            cc.render(text, {"t": datetime(2026, 1, 1, tzinfo=UTC), "n": 1}, locale="fr_FR")
        message = str(info.value)
        assert f"unsupported style {style}" in message
        assert "patterns and skeletons are not supported" in message
        assert "expected one of" in message

    def test_a_capitalised_style_says_lowercase(self) -> None:
        """``Short`` is the style 'short' written with a capital."""
        with pytest.raises(cc.TemplateSyntaxError, match="styles are lowercase: 'short'"):
            cc.render("{t, time, Short}", {"t": datetime(2026, 1, 1, tzinfo=UTC)}, locale="fr_FR")

    @pytest.mark.parametrize("text", ["Zone : {{ zone }}", "{{zone}}", "{{ zone}}"])
    def test_double_braces_hint_at_single_ones(self, text: str) -> None:
        """``{{ zone }}`` says that ICU uses single braces, and shows ``{zone}``."""
        with pytest.raises(cc.TemplateSyntaxError) as info:
            cc.render(text, {"zone": "Paris"}, locale="fr_FR")
        assert "ICU MessageFormat uses single braces: write {zone}" in str(info.value)


_PLAIN_PATH = re.compile(r"[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*|\[\d+\])*", re.ASCII)


def _document_order(document: object) -> dict[str, int]:
    """Each path of `document` (as PlanProblem writes it) and its rank in reading order."""
    order: dict[str, int] = {"": -1}
    for rank, path in enumerate(_paths(document)):
        text = ""
        for part in path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        order.setdefault(text, rank)
    return order


class TestDocumentOrder:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated_documents(DOCUMENT))
    def test_problems_follow_the_document(self, document: dict[str, Any]) -> None:
        """The problems whose paths are in the document come in the document's order."""
        order = _document_order(document)
        # Paths made of field names and indexes (a generated key may hold '.' or be empty).
        ranks = [
            order[p.path]
            for p in _problems_of(lambda: cc.load_plan(document))
            if p.path in order and _PLAIN_PATH.fullmatch(p.path)
        ]
        assert ranks == sorted(ranks)

    def test_reference_and_field_problems_interleave(self) -> None:
        """A reference problem early in the document comes before a field problem late in it."""
        document = json.loads(json.dumps(DOCUMENT))
        document["stakeholders"][0]["channels"] = ["fax"]
        document["templates"][-1]["locale"] = "xx_QQ"
        document["templates"][-1].pop("digest", None)
        paths = [p.path for p in _problems_of(lambda: cc.load_plan(document))]
        assert paths.index("stakeholders[0].channels[0]") < paths.index(
            f"templates[{len(document['templates']) - 1}].locale"
        )


class TestMessagesCheckedAgainstThePlan:
    def test_an_unknown_stakeholder_names_the_known_ones(self) -> None:
        """check_consistency with a plan refuses a stakeholder id the plan lacks."""
        message = cc.Message("Incident.", "sms", "fr_FR", stakeholder="custmers")
        with pytest.raises(cc.InputValueError) as info:
            cc.check_consistency([message], plan=PLAN)
        assert str(info.value).startswith("messages[0].stakeholder: expected the id of one")
        assert "known: 'customers'" in str(info.value)

    def test_an_unknown_channel_names_the_known_ones(self) -> None:
        """A channel neither of the plan nor a platform is refused, with the plan's channels."""
        message = cc.Message("Incident.", "status", "fr_FR", stakeholder="customers")
        with pytest.raises(cc.InputValueError, match=r"messages\[0\].channel.*'status-page'"):
            cc.check_consistency([message], plan=PLAN)

    @pytest.mark.parametrize("channel", ["sms", "x", "status-page"])
    def test_known_ids_and_platform_names_pass(self, channel: str) -> None:
        """A plan's channel or a platform name, and no stakeholder at all, are accepted."""
        messages = [
            cc.Message("Incident.", channel, "fr_FR", stakeholder="customers"),
            cc.Message("Incident.", channel, "fr_FR"),
        ]
        assert isinstance(cc.check_consistency(messages, plan=PLAN), cc.ConsistencyReport)

    def test_without_a_plan_any_id_is_read(self) -> None:
        """Without a plan there is nothing to check the ids against."""
        message = cc.Message("Incident.", "status", "fr_FR", stakeholder="custmers")
        assert isinstance(cc.check_consistency([message]), cc.ConsistencyReport)
