"""Templates checked against the plan's facts when the plan is loaded."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import PlanError, load_plan, parse_message
from crisiscomms.model._base import FactKind
from crisiscomms.model._placeholders import FORMATS_OF_KIND, fact_name_for, placeholder_problems
from crisiscomms.samples import demo_plan
from crisiscomms.text._nearest import nearest

_FORMATS = {
    "string": "{name}",
    "number": "{name, number}",
    "number,percent": "{name, number, percent}",
    "plural": "{name, plural, other {#}}",
    "selectordinal": "{name, selectordinal, other {#}}",
    "select": "{name, select, other {x}}",
    "date": "{name, date, long}",
    "time": "{name, time, short}",
}


def _document(text: str, index: int = 0) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(demo_plan().to_json())
    template = document["templates"][index]
    template.pop("digest")
    template.pop("approval", None)
    template["text"] = text
    return document


def _problems(text: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(_document(text))
    assert all(p.path == "templates[0].text" for p in caught.value.problems)
    return [p.message for p in caught.value.problems]


class TestUnknownFacts:
    """A placeholder that is no fact of the plan is a plan problem at load."""

    def test_the_nearest_fact_is_suggested(self) -> None:
        """{customers} when the fact is affected_customers: did you mean it."""
        (message,) = _problems("{customers, plural, other {# clients}} {status_url}")
        assert "{customers} is no fact of the plan" in message
        assert "did you mean {affected_customers}?" in message

    def test_a_typo_is_suggested(self) -> None:
        """A misspelt name gets the fact it is closest to."""
        (message,) = _problems("Suivi : {stauts_url}")
        assert "did you mean {status_url}?" in message

    def test_without_a_near_name_the_facts_are_listed(self) -> None:
        """Nothing close: the message lists the plan's facts and how to add one."""
        (message,) = _problems("{zzz}")
        assert "the facts are affected_customers," in message
        assert "add a fact named 'zzz'" in message

    def test_the_mapping_and_the_json_text_agree(self) -> None:
        """The same problems whether the plan comes as a mapping or as JSON text."""
        document = _document("{households} {status_url, number}")
        with pytest.raises(PlanError) as as_mapping:
            load_plan(document)
        with pytest.raises(PlanError) as as_text:
            load_plan(json.dumps(document))
        assert as_mapping.value.problems == as_text.value.problems

    def test_templates_with_the_same_placeholders_each_get_their_problems(self) -> None:
        """Two templates with the same wrong placeholders: the same problems, each at its path."""
        document = _document("{households} {status_url, number}")
        document["templates"][1]["text"] = "{households} {status_url, number}"
        document["templates"][1].pop("digest")
        document["templates"][1].pop("approval", None)
        with pytest.raises(PlanError) as caught:
            load_plan(document)
        first = [p.message for p in caught.value.problems if p.path == "templates[0].text"]
        second = [p.message for p in caught.value.problems if p.path == "templates[1].text"]
        assert len(first) == 2
        assert first == second

    def test_the_same_problems_without_the_loaders_parse(self) -> None:
        """Checked without the loader's parse, the texts are parsed again: same problems."""
        texts = ["{households} {status_url, number}", "{zzz}", "{status_url, number}", "{a-b}"]
        templates = [SimpleNamespace(text=text) for text in texts]
        facts = demo_plan().facts
        parsed = {text: parse_message(text) for text in texts}
        without = placeholder_problems(templates, facts)
        assert [p.path for p in without] == [f"templates[{i}].text" for i in (0, 0, 1, 2, 3)]
        assert without == placeholder_problems(templates, facts, parsed_of=parsed.get)

    def test_reported_beside_other_problems(self) -> None:
        """A plan with another broken section still reports the placeholders."""
        document = _document("{households}")
        document["severities"] = 3
        with pytest.raises(PlanError) as caught:
            load_plan(document)
        paths = [p.path for p in caught.value.problems]
        assert "severities" in paths
        assert "templates[0].text" in paths


class TestKinds:
    """A format that cannot show its fact's kind is a problem, every one of them."""

    def test_every_mismatch_is_reported(self) -> None:
        """A url used as a number and as a date: two problems, not the first only."""
        messages = _problems("{status_url, number} {status_url, date, short}")
        assert len(messages) == 2
        assert all("which is a url fact" in m for m in messages)
        assert any(m.startswith("{status_url, number}") for m in messages)
        assert any(m.startswith("{status_url, date, short}") for m in messages)

    @pytest.mark.parametrize("kind", list(FactKind))
    @pytest.mark.parametrize("fmt", list(_FORMATS))
    def test_each_kind_and_format(self, kind: FactKind, fmt: str) -> None:
        """A format loads exactly when it fits the fact's kind."""
        document = _document(_FORMATS[fmt].replace("name", "probe"))
        document["facts"].append({"name": "probe", "kind": str(kind)})
        fits = fmt.partition(",")[0] in FORMATS_OF_KIND[kind]
        if fits:
            load_plan(document)
        else:
            with pytest.raises(PlanError, match=f"which is a {kind} fact"):
                load_plan(document)


class TestImpossibleNames:
    """A placeholder that can never be a fact name says which fact it could mean."""

    @pytest.mark.parametrize(
        ("name", "fix"),
        [("Status-Url", "{status_url}"), ("STATUS_URL", "{status_url}"), ("_x", "{x}")],
    )
    def test_the_fix_is_named(self, name: str, fix: str) -> None:
        """Uppercase, hyphens or a leading underscore: the fact name to write."""
        (message,) = _problems(f"{{{name}}}")
        assert "can never name a fact" in message
        assert f"write {fix}" in message


class TestProperties:
    """Any placeholder name either loads or is a PlanError with the template's path."""

    @settings(max_examples=60, deadline=None)
    @given(st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,70}", fullmatch=True))
    def test_any_name(self, name: str) -> None:
        """A placeholder loads only when it names a fact of the plan."""
        facts = {f.name for f in demo_plan().facts}
        document = _document(f"{{{name}}}")
        if name in facts:
            load_plan(document)
            return
        with pytest.raises(PlanError) as caught:
            load_plan(document)
        assert [p.path for p in caught.value.problems] == ["templates[0].text"]

    @given(st.text(max_size=30))
    def test_fact_name_for_gives_a_fact_name_or_none(self, name: str) -> None:
        """The suggested name is always a valid fact name."""
        fixed = fact_name_for(name)
        if fixed is not None:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", fixed)
            assert len(fixed) <= 64

    @given(st.text(max_size=20), st.lists(st.text(max_size=20), max_size=5))
    def test_nearest_is_one_of_the_known(self, name: str, known: list[str]) -> None:
        """The nearest name is None or one of the names given."""
        found = nearest(name, known)
        assert found is None or found in known


_TEXTS = st.sampled_from(
    [
        "{households}",
        "{status_url, number}",
        "{affected_customers, plural, other {#}} {zzz}",
        "{a-b} {status_url}",
        "Bonjour",
        "{next_update, time, short}",
    ]
)


class TestEachTemplateAlone:
    @settings(max_examples=100)
    @given(st.lists(_TEXTS, max_size=12))
    def test_checked_together_or_alone_the_same_problems(self, texts: list[str]) -> None:
        """Templates sharing placeholders get the problems each would get checked alone."""
        templates = [SimpleNamespace(text=text) for text in texts]
        facts = demo_plan().facts
        together = placeholder_problems(templates, facts)
        alone = [
            (f"templates[{i}].text", problem.message)
            for i, template in enumerate(templates)
            for problem in placeholder_problems([template], facts)
        ]
        assert [(p.path, p.message) for p in together] == alone
