from __future__ import annotations

import codecs
import json
import re
import types
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    CrisisCommsError,
    InputError,
    MessageTemplate,
    ModelError,
    Plan,
    PlanError,
    PlanProblem,
    Situation,
    load_plan,
)
from crisiscomms.model._references import reference_problems
from crisiscomms.model._sections import SECTIONS
from crisiscomms.samples import demo_plan, demo_situation
from tests.strategies import any_text, json_like, mutated_documents

#: The demo plan as a JSON document, the base every test changes.
DEMO = json.loads(demo_plan().to_json())


@pytest.fixture
def doc() -> dict[str, Any]:
    """A fresh copy of the demo plan's JSON document."""
    copy: dict[str, Any] = json.loads(json.dumps(DEMO))
    return copy


def minimal(**changes: Any) -> dict[str, Any]:
    """The smallest valid plan: one level, one template in the default locale."""
    base: dict[str, Any] = {
        "name": "Demo",
        "default_locale": "fr_FR",
        "timezone": "Europe/Paris",
        "severities": [
            {"id": "low", "label": "Low", "first_statement_within": "PT4H", "update_every": "P1D"}
        ],
        "templates": [
            {"id": "t", "key": "t", "locale": "fr_FR", "phase": "initial", "text": "Bonjour"}
        ],
    }
    base.update(changes)
    return base


def problems(data: Any) -> tuple[PlanProblem, ...]:
    """The problems load_plan reports for `data` (which must fail)."""
    with pytest.raises(PlanError) as info:
        load_plan(data)
    return info.value.problems


def only(data: Any) -> PlanProblem:
    """The single problem load_plan reports for `data`."""
    found = problems(data)
    assert len(found) == 1, found
    return found[0]


def index_of(doc: dict[str, Any], section: str, key: str, value: str) -> int:
    return next(i for i, item in enumerate(doc[section]) if item[key] == value)


class TestInputs:
    def test_mapping(self) -> None:
        """A dict loads to a Plan."""
        assert isinstance(load_plan(minimal()), Plan)

    def test_other_mapping_types(self) -> None:
        """Any Mapping works, not only dict."""
        plan = load_plan(types.MappingProxyType(minimal()))
        assert plan == load_plan(minimal())

    @pytest.mark.parametrize("encode", [str, str.encode, lambda s: bytearray(s.encode())])
    def test_json_text_and_bytes(self, encode: Any) -> None:
        """JSON text, bytes and bytearray give the same plan as the mapping."""
        assert load_plan(encode(json.dumps(minimal()))) == load_plan(minimal())

    @pytest.mark.parametrize("data", [42, None, [minimal()], 3.5, object()])
    def test_wrong_type(self, data: Any) -> None:
        """Anything else is one PlanError about the document, naming the type."""
        problem = only(data)
        assert problem.path == ""
        assert problem.message.startswith("expected a mapping, a JSON string or JSON bytes")
        assert type(data).__name__ in problem.message

    @pytest.mark.parametrize("text", ["[1, 2]", '"plan"', "3", "null"])
    def test_json_that_is_not_an_object(self, text: str) -> None:
        """Valid JSON that is not an object is refused as a whole."""
        problem = only(text)
        assert problem.path == ""
        assert "expected a JSON object (a plan document)" in problem.message

    def test_plan_error_is_a_value_error(self) -> None:
        """Callers can catch ValueError or the library's root."""
        with pytest.raises(ValueError, match="the plan has 1 problem"):
            load_plan(minimal(name=""))
        with pytest.raises(CrisisCommsError):
            load_plan(minimal(name=""))


def _deep(depth: int = 50_000) -> list[Any]:
    """A list nested `depth` levels deep, deeper than Python's recursion limit."""
    top: list[Any] = []
    inner = top
    for _ in range(depth):
        inner.append([])
        inner = inner[0]
    return top


class TestHostileInput:
    @pytest.mark.parametrize("where", ["name", "allowed_domains", "severities", "training"])
    def test_deeply_nested_values(self, where: str) -> None:
        """A value nested deeper than the recursion limit is a problem, not a RecursionError."""
        problem = only(minimal(**{where: _deep()}))
        assert problem.path.startswith(where)
        assert "[[[[...]]]]" in problem.message

    def test_deeply_nested_digest(self) -> None:
        """Validators that show the received value cut it short too."""
        template = {**minimal()["templates"][0], "digest": _deep()}
        assert only(minimal(templates=[template])).message.startswith("digest [[[[...]]]]")

    def test_deeply_nested_json(self) -> None:
        """JSON text nested too deep is refused by the parser, with its position."""
        text = json.dumps(minimal())[:-1] + ', "x": ' + "[" * 5000 + "]" * 5000 + "}"
        message = only(text).message
        assert message.startswith("invalid JSON: lists or objects nested too deeply to read")
        assert "(at line 1 column " in message

    def test_huge_values_are_shown_short(self) -> None:
        """A megabyte of text in a field is shown in a few dozen characters."""
        problem = only(minimal(timezone="x" * 1_000_000))
        assert len(problem.message) < 200


class TestByteOrderMarks:
    def test_utf8_byte_order_mark_is_ignored(self) -> None:
        """Editors on Windows write a UTF-8 BOM; the loader ignores it, like json.loads."""
        text = json.dumps(minimal())
        assert load_plan(codecs.BOM_UTF8 + text.encode()) == load_plan(text)
        assert load_plan("\ufeff" + text) == load_plan(text)

    def test_utf8_byte_order_mark_with_problems(self) -> None:
        """Problems of a document with a BOM are reported as without it."""
        text = json.dumps(minimal(name="", timezone="Mars/Olympus"))
        found = problems(codecs.BOM_UTF8 + text.encode())
        assert [p.path for p in found] == ["name", "timezone"]

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
    def test_other_encodings_are_named(self, encoding: str) -> None:
        """UTF-16 or UTF-32 with a BOM is named as such, not as a syntax error."""
        data = json.dumps(minimal()).encode(encoding)
        if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
            data = codecs.BOM_UTF16_BE + data
        problem = only(data)
        assert problem.path == ""
        assert problem.message.startswith("expected JSON encoded as UTF-8")


class TestInvalidJson:
    def test_line_and_column(self) -> None:
        """A syntax error names its line and column."""
        problem = only('{\n  "name": "Demo",\n  "timezone": ,\n}')
        assert problem.path == ""
        assert "line 3 column 15" in problem.message
        assert problem.message.endswith("fix the JSON syntax there")

    def test_invalid_utf8_bytes(self) -> None:
        """Bytes that are not UTF-8 are a JSON problem, not a crash."""
        assert "Invalid JSON" in only(b'{"name": "\xff"}').message

    def test_lone_surrogate_escape(self) -> None:
        """A JSON escape of a lone surrogate is refused where it stands."""
        assert "line 1" in only('{"name": "\\ud800"}').message

    def test_lone_surrogate_in_a_mapping(self) -> None:
        """A Python string with a lone surrogate is refused with its path."""
        problem = only(minimal(name="Lumea \ud800"))
        assert problem.path == "name"
        assert "lone surrogate" in problem.message


class TestReferences:
    @pytest.mark.parametrize(
        ("section", "item", "reference"),
        [
            ("stakeholders", 0, ("channels", ["fax"], "channel")),
            ("stakeholders", 0, ("min_severity", "severe", "severity")),
            ("templates", 0, ("stakeholders", ["investor"], "stakeholder")),
            ("templates", 0, ("channels", ["myspace"], "channel or platform")),
            ("templates", 0, ("severities", ["huge"], "severity")),
            ("templates", 0, ("crisis_types", ["flood"], "crisis type")),
            ("people", 0, ("roles", ["ceo"], "role")),
            ("severities", 2, ("approver_roles", ["ceo"], "role")),
            ("crisis_types", 0, ("default_severity", "huge", "severity")),
            ("obligations", 0, ("stakeholder", "cnil", "stakeholder")),
            ("obligations", 0, ("crisis_types", ["flood"], "crisis type")),
            ("obligations", 0, ("min_severity", "huge", "severity")),
            ("obligations", 0, ("after", "gdpr", "obligation")),
            ("claims", 0, ("rebuttal_key", "rebuttal", "template key")),
            ("escalation_rules", 0, ("to_severity", "huge", "severity")),
            ("escalation_rules", 0, ("crisis_types", ["flood"], "crisis type")),
        ],
    )
    def test_unknown_reference(
        self, doc: dict[str, Any], section: str, item: int, reference: tuple[str, Any, str]
    ) -> None:
        """Each kind of broken reference is reported with its path, the known ids and a fix."""
        field, value, kind = reference
        doc[section][item][field] = value
        # A written digest binds a template's scope too: a stale one is its own problem.
        doc[section][item].pop("digest", None)
        problem = only(doc)
        wanted = value[0] if isinstance(value, list) else value
        suffix = "[0]" if isinstance(value, list) else ""
        assert problem.path == f"{section}[{item}].{field}{suffix}"
        assert problem.message.startswith(f"unknown {kind} {wanted!r}; known: ")
        assert problem.message.endswith(f"fix the id or add the {kind}")

    def test_known_ids_are_listed(self, doc: dict[str, Any]) -> None:
        """The message lists the ids that do exist."""
        doc["people"][0]["roles"] = ["ceo"]
        message = only(doc).message
        assert "'crisis-lead'" in message
        assert "'dpo'" in message

    def test_long_lists_of_known_ids_are_cut(self, doc: dict[str, Any]) -> None:
        """With more than 15 known ids, the rest is counted."""
        doc["templates"][0]["channels"] = ["myspace"]
        del doc["templates"][0]["digest"]
        message = only(doc).message
        assert re.search(r"'bluesky', .*and \d+ more; fix the id", message)

    def test_exercise_crisis_type(self, doc: dict[str, Any]) -> None:
        """The crisis type of a past exercise must be in the register."""
        doc["training"]["exercises"][0]["crisis_type"] = "ransomware"
        problem = only(doc)
        assert problem.path == "training.exercises[0].crisis_type"
        assert "unknown crisis type 'ransomware'" in problem.message

    def test_platform_names_are_valid_template_channels(self, doc: dict[str, Any]) -> None:
        """A template's channels may name platforms as well as channel ids."""
        doc["templates"][0]["channels"] = ["mastodon", "x-fr"]
        doc["templates"][0].pop("digest")
        assert load_plan(doc).templates[0].channels == ("mastodon", "x-fr")

    def test_approvers_are_not_checked(self, doc: dict[str, Any]) -> None:
        """An approver who left the team is approval_status's business, not the loader's."""
        doc["templates"][0]["approval"]["approved_by"] = ["someone-who-left"]
        assert load_plan(doc).templates[0].approval is not None

    def test_exercise_participants_are_not_checked(self, doc: dict[str, Any]) -> None:
        """Past participants may have left the team: the record stays as it was."""
        doc["training"]["exercises"][0]["participants"] = ["someone-who-left"]
        assert load_plan(doc).training.exercises[0].participants == ("someone-who-left",)

    def test_obligation_cycle(self, doc: dict[str, Any]) -> None:
        """Obligations that count from each other in a circle are refused, each once."""
        first = index_of(doc, "obligations", "id", "nis2-notification")
        final = index_of(doc, "obligations", "id", "nis2-final-report")
        doc["obligations"][first]["after"] = "nis2-final-report"
        found = problems(doc)
        assert [p.path for p in found] == [
            f"obligations[{first}].after",
            f"obligations[{final}].after",
        ]
        assert "(nis2-notification -> nis2-final-report -> nis2-notification)" in str(found[0])
        assert found[0].message.endswith("break the cycle")

    def test_cycle_further_on_is_reported_by_its_members_only(self) -> None:
        """An obligation that leads into a cycle is not itself reported."""
        obligations = [
            {"id": "a", "label": "A", "stakeholder": "s", "within": "P1D", "after": "b"},
            {"id": "b", "label": "B", "stakeholder": "s", "within": "P1D", "after": "c"},
            {"id": "c", "label": "C", "stakeholder": "s", "within": "P1D", "after": "b"},
        ]
        stakeholders = [
            {"id": "s", "label": "S", "kind": "regulators", "channels": ["e"], "locales": ["fr"]}
        ]
        document = minimal(
            obligations=obligations,
            stakeholders=stakeholders,
            channels=[{"id": "e", "platform": "email"}],
        )
        assert [p.path for p in problems(document)] == [
            "obligations[1].after",
            "obligations[2].after",
        ]

    def test_reference_to_an_invalid_element_is_not_reported_twice(
        self, doc: dict[str, Any]
    ) -> None:
        """A channel that fails validation still exists for the references to it."""
        doc["channels"][0]["platform"] = "myspace"
        problem = only(doc)
        assert problem.path == "channels[0].platform"

    def test_reference_that_is_not_an_id_is_reported_once(self) -> None:
        """A reference that is not a slug is one problem (its form), not also 'unknown'."""
        people = [{"id": "p", "name": "P", "roles": ["Crisis Lead", "ceo"]}]
        found = problems(minimal(people=people))
        assert [p.path for p in found] == ["people[0].roles[0]", "people[0].roles[1]"]
        assert found[0].message.startswith("expected the id of an element, a slug")
        assert "use 'crisis-lead'" in found[0].message
        assert found[1].message.startswith("unknown role 'ceo'")

    def test_unreadable_section_does_not_cascade(self, doc: dict[str, Any]) -> None:
        """When a section is not a list, references into it are not all reported too."""
        doc["severities"] = {"low": "Low"}
        doc["templates"] = "all of them"
        found = problems(doc)
        assert [p.path for p in found] == ["severities", "templates"]

    def test_problems_with_invalid_elements_and_references_together(
        self, doc: dict[str, Any]
    ) -> None:
        """Field problems and reference problems are reported in one error."""
        doc["name"] = ""
        doc["stakeholders"][0]["channels"] = ["fax"]
        assert [p.path for p in problems(doc)] == ["name", "stakeholders[0].channels[0]"]

    def test_references_in_json_text_are_reported_with_field_problems(
        self, doc: dict[str, Any]
    ) -> None:
        """From JSON text too, both kinds come together."""
        doc["name"] = ""
        doc["people"][0]["roles"] = ["ceo"]
        assert [p.path for p in problems(json.dumps(doc))] == ["name", "people[0].roles[0]"]

    def test_plan_constructor_refuses_broken_references(self, doc: dict[str, Any]) -> None:
        """Building a Plan directly also checks references, in pydantic's form."""
        doc["people"][0]["roles"] = ["ceo"]
        with pytest.raises(ModelError, match="unknown role 'ceo'"):
            Plan.model_validate(doc)


class TestDuplicates:
    @pytest.mark.parametrize(
        ("section", "key"),
        [
            ("severities", "id"),
            ("stakeholders", "id"),
            ("channels", "id"),
            ("roles", "id"),
            ("people", "id"),
            ("crisis_types", "id"),
            ("facts", "name"),
            ("templates", "id"),
            ("obligations", "id"),
            ("claims", "id"),
            ("escalation_rules", "id"),
        ],
    )
    def test_duplicate_id(self, doc: dict[str, Any], section: str, key: str) -> None:
        """A repeated id is reported at the second one, pointing at the first."""
        doc[section].append(doc[section][0])
        last = len(doc[section]) - 1
        problem = only(doc)
        assert problem.path == f"{section}[{last}].{key}"
        value = doc[section][0][key]
        assert problem.message == (
            f"duplicate {key} {value!r} (first at {section}[0]); each {key} must be unique:"
            " rename one"
        )


class TestFieldForms:
    @pytest.mark.parametrize(
        ("section", "field"),
        [
            ("severities", "id"),
            ("stakeholders", "id"),
            ("channels", "id"),
            ("templates", "key"),
            ("people", "id"),
        ],
    )
    def test_id_that_is_not_a_slug(self, doc: dict[str, Any], section: str, field: str) -> None:
        """Ids must be slugs; the message shows the form and what to do."""
        doc[section][0][field] = "Data Breach"
        doc[section][0].pop("digest", None)
        [found] = [p for p in problems(doc) if p.path == f"{section}[0].{field}"]
        assert found.message.startswith("expected a slug (lowercase letters")
        assert "got 'Data Breach'; rename it" in found.message

    def test_too_long_slug(self) -> None:
        """A slug has at most 64 characters."""
        problem = only(minimal(templates=[{**minimal()["templates"][0], "key": "a" * 65}]))
        assert problem.path == "templates[0].key"
        assert "at most 64 characters" in problem.message

    @pytest.mark.parametrize(
        ("where", "value"),
        [
            (("templates", 0, "approval", "approved_at"), "2026-09-14T10:00:00"),
            (("templates", 0, "approval", "expires_at"), "2027-09-30T18:00:00"),
            (("training", "exercises", 0, "held_at"), "2026-03-12T09:00:00"),
        ],
    )
    def test_naive_datetime(self, doc: dict[str, Any], where: tuple[Any, ...], value: str) -> None:
        """A datetime without an offset is refused wherever it stands."""
        target: Any = doc
        for part in where[:-1]:
            target = target[part]
        target[where[-1]] = value
        problem = only(doc)
        assert problem.path == ".".join(str(p) for p in where).replace(".0", "[0]")
        assert problem.message == (
            f"expected an aware datetime with a UTC offset, got the naive {value!r};"
            " add an offset such as +01:00 or Z"
        )

    def test_naive_python_datetime(self) -> None:
        """A naive datetime object in a mapping is refused the same way."""
        template = {
            **minimal()["templates"][0],
            "approval": {
                "approved_by": ["amelie"],
                "approved_at": datetime(2026, 9, 14, 10),
                "digest": "0" * 64,
            },
        }
        problem = only(minimal(templates=[template]))
        assert problem.path == "templates[0].approval.approved_at"
        assert "naive" in problem.message

    @pytest.mark.parametrize(
        "where",
        [
            ("default_locale",),
            ("stakeholders", 0, "locales", 0),
            ("templates", 0, "locale"),
        ],
    )
    def test_unknown_locale(self, doc: dict[str, Any], where: tuple[Any, ...]) -> None:
        """A locale CLDR does not know is refused with its path."""
        target: Any = doc
        for part in where[:-1]:
            target = target[part]
        target[where[-1]] = "xx_YY"
        found = problems(doc)
        message = next(p.message for p in found if p.message.startswith("expected a locale"))
        assert "got 'xx_YY'" in message
        assert message.endswith("language in lowercase, region in uppercase")

    def test_locale_with_a_hyphen_is_normalised(self) -> None:
        """'fr-FR' is read as 'fr_FR'."""
        plan = load_plan(minimal(default_locale="fr-FR"))
        assert plan.default_locale == "fr_FR"

    @pytest.mark.parametrize("zone", ["Mars/Olympus", "Europe", "America", "../etc", "", "UTC/"])
    def test_unknown_time_zone(self, zone: str) -> None:
        """Names that are not IANA zones, folders of the database included, are refused."""
        problem = only(minimal(timezone=zone))
        assert problem.path == "timezone"
        assert problem.message == (
            f"expected an IANA time zone name such as 'Europe/Paris' or 'UTC', got {zone!r};"
            " see the tz database's zone names"
        )

    def test_unknown_time_zone_of_a_channel(self, doc: dict[str, Any]) -> None:
        """Channel and stakeholder zones are checked too."""
        doc["channels"][0]["timezone"] = "Europe/Pariss"
        doc["stakeholders"][0]["timezone"] = "Paris"
        assert [p.path for p in problems(doc)] == [
            "stakeholders[0].timezone",
            "channels[0].timezone",
        ]

    def test_empty_severity_scale(self) -> None:
        """A plan needs at least one severity level."""
        problem = only(minimal(severities=[]))
        assert problem.path == "severities"
        assert problem.message == (
            "expected at least 1 item, got 0; add the plan's levels, lowest first"
        )

    def test_default_locale_without_template(self) -> None:
        """The default locale is the last resort of selection: it needs templates."""
        template = {**minimal()["templates"][0], "locale": "en_GB"}
        problem = only(minimal(templates=[template]))
        assert problem.path == "default_locale"
        assert problem.message.startswith(
            "no template is written in the default locale 'fr_FR' (templates: 1)"
        )
        assert problem.message.endswith(
            "the templates are written in en_GB (1): set default_locale to 'en_GB',"
            " or add templates in 'fr_FR'"
        )

    def test_missing_and_unknown_fields(self) -> None:
        """A missing field and a misspelt one are both reported with what to do."""
        document = minimal(nmae="Demo")
        del document["name"]
        found = {p.path: p.message for p in problems(document)}
        assert found == {
            "name": "required field is missing; add it",
            "nmae": "unknown field; remove it or fix its spelling (see Plan.json_schema())",
        }

    @pytest.mark.parametrize(
        ("field", "value", "expected", "hint"),
        [
            ("first_statement_within", "soon", "expected an ISO 8601 duration", "'PT30M'"),
            ("first_statement_within", "PT0S", "expected a positive duration", "greater than"),
            ("cap_severity", "severe", "expected 'Extreme', 'Severe'", "spelled exactly"),
            ("approvals_required", 0, "expected a value greater than 0", "change the value"),
            ("approvals_required", "two", "expected a whole number", "whole number"),
            ("label", "", "expected at least 1 character", "fill it in"),
            ("approver_roles", "crisis-lead", "expected a list (JSON array)", "write a list"),
        ],
    )
    def test_messages_say_expected_received_and_what_to_do(
        self, field: str, value: Any, expected: str, hint: str
    ) -> None:
        """Every field problem says what was expected, what came, and what to do."""
        severity = {**minimal()["severities"][0], field: value}
        problem = only(minimal(severities=[severity]))
        assert problem.path == f"severities[0].{field}"
        assert problem.message.startswith(expected)
        assert repr(value) in problem.message or str(value) in problem.message
        assert hint in problem.message

    def test_keys_that_are_not_strings(self) -> None:
        """A mapping with a non-string key is reported, with a pointer to the schema."""
        problem = only({**minimal(), 1: "one"})
        assert problem.message.startswith("keys should be strings, got 1")
        assert problem.message.endswith("see Plan.json_schema() for the expected form")

    def test_infinite_numbers_are_refused(self, doc: dict[str, Any]) -> None:
        """JSON has no infinity, so a plan cannot hold one."""
        doc["escalation_rules"][1]["min_growth"] = float("inf")
        problem = only(doc)
        assert problem.path == "escalation_rules[1].min_growth"
        assert "finite number" in problem.message

    def test_digest_that_does_not_match(self, doc: dict[str, Any]) -> None:
        """A written digest must be the text's: an edited text is caught."""
        doc["templates"][0]["text"] += " (edited)"
        problem = only(doc)
        assert problem.path == "templates[0]"
        assert problem.message.startswith(f"digest {doc['templates'][0]['digest']!r}")
        assert "remove 'digest' (it is computed) or restore them" in problem.message

    @pytest.mark.parametrize(
        ("field", "value"),
        [("locale", "en_GB"), ("stakeholders", ["customers"]), ("channels", ["sms"])],
    )
    def test_digest_that_does_not_match_the_scope(
        self, doc: dict[str, Any], field: str, value: object
    ) -> None:
        """A written digest binds the scope too: a relabelled template is caught."""
        doc["templates"][0][field] = value
        problem = only(doc)
        assert problem.path == "templates[0]"
        assert "the text, key, locale, phase or scope changed" in problem.message


class TestFiveProblems:
    def test_five_independent_problems_give_five_entries(self, doc: dict[str, Any]) -> None:
        """One PlanError lists every problem of the document, in document order."""
        doc["timezone"] = "Europe/Pariss"
        doc["stakeholders"][1]["channels"] = ["teams-crisis"]
        doc["channels"].append(dict(doc["channels"][0]))
        doc["people"][2]["id"] = "Sophie Martin"
        doc["templates"][3]["approval"]["approved_at"] = "2026-09-14T11:00:00"
        with pytest.raises(PlanError) as info:
            load_plan(json.dumps(doc))
        err = info.value
        assert [p.path for p in err.problems] == [
            "timezone",
            "stakeholders[1].channels[0]",
            f"channels[{len(doc['channels']) - 1}].id",
            "people[2].id",
            "templates[3].approval.approved_at",
        ]
        assert list(doc).index("stakeholders") < list(doc).index("channels")
        assert str(err).startswith("the plan has 5 problems:\n  timezone: expected an IANA")


class TestSchemaLink:
    def test_dollar_schema_is_accepted_and_ignored(self) -> None:
        """A top-level "$schema" for editors does not change the plan."""
        plan = load_plan(minimal(**{"$schema": "./plan.schema.json"}))
        assert plan == load_plan(minimal())
        assert "$schema" not in plan.to_json()

    def test_dollar_schema_must_be_a_string(self) -> None:
        """Anything else under "$schema" is reported."""
        problem = only(minimal(**{"$schema": 3}))
        assert problem.path == "$schema"
        assert problem.message.startswith("expected the URL or path of the plan's JSON Schema")

    def test_dollar_schema_inside_elements_is_unknown(self) -> None:
        """Only the document's top level may carry the link."""
        severity = {**minimal()["severities"][0], "$schema": "x"}
        assert only(minimal(severities=[severity])).path == "severities[0].$schema"


class TestRoundTrip:
    def test_to_json_and_back(self) -> None:
        """to_json and load_plan give back an equal plan."""
        plan = demo_plan()
        assert load_plan(plan.to_json()) == plan
        assert load_plan(plan.to_json(indent=2)) == plan
        assert load_plan(plan.to_json().encode()) == plan

    def test_to_json_is_stable(self) -> None:
        """Writing a reloaded plan gives the same JSON."""
        text = demo_plan().to_json()
        assert load_plan(text).to_json() == text

    def test_python_dump_and_back(self) -> None:
        """model_dump's Python form loads too."""
        assert load_plan(demo_plan().model_dump()) == demo_plan()

    def test_to_json_writes_the_digest(self) -> None:
        """Each template's digest is in the JSON, so authors can copy it into approvals."""
        first = json.loads(demo_plan().to_json())["templates"][0]
        assert first["digest"] == demo_plan().templates[0].digest


# -- JSON Schema -------------------------------------------------------------


def _matches(schema: Mapping[str, Any], value: Any, root: Mapping[str, Any]) -> bool:
    """A small JSON Schema checker for the keywords Plan.json_schema uses."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        if not _matches(root["$defs"][name], value, root):
            return False
    if "anyOf" in schema and not any(_matches(s, value, root) for s in schema["anyOf"]):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    kinds: dict[str, type | tuple[type, ...]] = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "null": type(None),
    }
    kind = schema.get("type")
    if kind is not None:
        if not isinstance(value, kinds[kind]):
            return False
        if kind in {"integer", "number"} and isinstance(value, bool):
            return False
    if isinstance(value, str):
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            return False
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 1e9):
            return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return False
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            return False
        if "maximum" in schema and value > schema["maximum"]:
            return False
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            return False
        if "items" in schema and not all(_matches(schema["items"], v, root) for v in value):
            return False
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        if any(name not in value for name in schema.get("required", ())):
            return False
        for name, item in value.items():
            if "propertyNames" in schema and not _matches(schema["propertyNames"], name, root):
                return False
            rule = properties.get(name, schema.get("additionalProperties", True))
            if rule is False or (isinstance(rule, dict) and not _matches(rule, item, root)):
                return False
    return True


class TestJsonSchema:
    def test_is_plain_json_of_draft_2020_12(self) -> None:
        """The schema is plain JSON and names its dialect."""
        schema = Plan.json_schema()
        assert json.loads(json.dumps(schema)) == schema
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False

    def test_names_every_field_of_every_model(self) -> None:
        """Each model has a definition whose properties are exactly its fields."""
        schema = Plan.json_schema()
        assert set(schema["properties"]) == {"$schema", *Plan.model_fields}
        for name, model in _models_of_plan().items():
            properties = set(schema["$defs"][name]["properties"])
            extra = {"digest"} if model is MessageTemplate else set()
            assert properties == set(model.model_fields) | extra, name
            assert schema["$defs"][name]["additionalProperties"] is False
            required = {n for n, f in model.model_fields.items() if f.is_required()}
            assert set(schema["$defs"][name].get("required", [])) == required, name

    def test_enumerations_use_cap_values(self) -> None:
        """CAP's severity and category are spelled as the standard spells them."""
        defs = Plan.json_schema()["$defs"]
        assert defs["CapSeverity"]["enum"] == ["Extreme", "Severe", "Moderate", "Minor", "Unknown"]
        assert "CBRNE" in defs["CapCategory"]["enum"]
        assert "Infra" in defs["CapCategory"]["enum"]

    def test_ids_carry_the_slug_pattern(self) -> None:
        """Editors can flag a bad id as it is typed."""
        severity = Plan.json_schema()["$defs"]["Severity"]["properties"]["id"]
        assert severity["pattern"] == "^[a-z0-9][a-z0-9_-]*$"

    def test_demo_document_validates_against_the_schema(self) -> None:
        """What to_json writes is valid for an editor using the schema, $schema included."""
        schema = Plan.json_schema()
        document = {"$schema": "./plan.schema.json", **json.loads(demo_plan().to_json())}
        assert _matches(schema, document, schema)

    @pytest.mark.parametrize(
        "change",
        [
            lambda d: d.update(nmae="x"),
            lambda d: d["severities"][0].update(id="Low"),
            lambda d: d["severities"][0].update(cap_severity="severe"),
            lambda d: d["templates"][0].pop("text"),
            lambda d: d["facts"][0]["cues"].update(FR=["x"]),
        ],
        ids=["typo", "bad-id", "enum-case", "missing-text", "locale-as-cue-key"],
    )
    def test_schema_refuses_what_the_loader_refuses(self, change: Any) -> None:
        """A typo, a bad id, a wrong enum value, a missing field: the schema sees them too."""
        schema = Plan.json_schema()
        document = json.loads(demo_plan().to_json())
        change(document)
        assert not _matches(schema, document, schema)
        with pytest.raises(PlanError):
            load_plan(document)


def _models_of_plan() -> dict[str, type[pydantic.BaseModel]]:
    import crisiscomms

    return {
        name: getattr(crisiscomms, name)
        for name in Plan.json_schema()["$defs"]
        if isinstance(getattr(crisiscomms, name), type)
        and issubclass(getattr(crisiscomms, name), pydantic.BaseModel)
    }


class TestLookups:
    @pytest.mark.parametrize(
        ("method", "wanted", "attribute", "expected"),
        [
            ("severity", "critical", "label", "Critique"),
            ("stakeholder", "partners", "timezone", "Europe/London"),
            ("channel", "sms", "platform", "sms"),
            ("template", "breach-sms-fr", "key", "breach-initial-sms"),
            ("crisis_type", "product-recall", "cap_category", "Safety"),
            ("role", "dpo", "required", True),
            ("person", "claire-petit", "roles", ("dpo",)),
            ("fact", "status_url", "kind", "url"),
        ],
    )
    def test_lookup_by_id(self, method: str, wanted: str, attribute: str, expected: Any) -> None:
        """Each lookup finds the element with that id."""
        found = getattr(demo_plan(), method)(wanted)
        assert getattr(found, attribute) == expected

    @pytest.mark.parametrize(
        "method",
        [
            "severity",
            "severity_rank",
            "stakeholder",
            "channel",
            "template",
            "crisis_type",
            "role",
            "person",
            "fact",
        ],
    )
    def test_unknown_id(self, method: str) -> None:
        """An unknown id is an InputError that lists the known ones."""
        with pytest.raises(InputError, match="known: '") as info:
            getattr(demo_plan(), method)("nope")
        assert info.value.value == "nope"

    def test_unhashable_id(self) -> None:
        """A list instead of an id is an InputError, not a TypeError."""
        with pytest.raises(InputError):
            demo_plan().severity(["low"])  # type: ignore[arg-type]

    def test_severity_rank_follows_the_list(self) -> None:
        """The scale is ordered as written, lowest first."""
        plan = demo_plan()
        assert [plan.severity_rank(s.id) for s in plan.severities] == [0, 1, 2, 3]

    def test_has_fact(self) -> None:
        """has_fact says whether the plan specifies a fact."""
        assert demo_plan().has_fact("affected_customers")
        assert not demo_plan().has_fact("weather")

    def test_stakeholder_timezone(self) -> None:
        """A stakeholder reads in their own zone, else the plan's."""
        plan = demo_plan()
        assert plan.stakeholder_timezone("partners") == "Europe/London"
        assert plan.stakeholder_timezone("media") == "Europe/Paris"

    def test_lookups_on_a_copy_see_the_copy(self) -> None:
        """Indexes are built per plan: a changed copy does not reuse the old ones."""
        plan = load_plan(minimal())
        assert plan.severity("low").label == "Low"
        mid = {
            "id": "mid",
            "label": "Mid",
            "first_statement_within": "PT1H",
            "update_every": "PT2H",
        }
        other = plan.model_copy(update={"severities": [mid]})
        assert other.severity("mid").label == "Mid"
        with pytest.raises(InputError, match="known: 'mid'"):
            other.severity("low")


class TestCheckSituation:
    def test_demo_situation_fits(self) -> None:
        """The demo situation refers only to the demo plan's ids."""
        demo_plan().check_situation(demo_situation())  # raises if it does not fit

    def test_every_unknown_id_is_named(self) -> None:
        """Unknown crisis type, severity and stakeholders are reported together."""
        situation = demo_situation().model_copy(
            update={
                "crisis_type": "flood",
                "severity": "huge",
                "stakeholders": ("media", "aliens"),
            }
        )
        with pytest.raises(InputError) as info:
            demo_plan().check_situation(situation)
        message = str(info.value)
        assert "crisis_type 'flood' is not in the plan" in message
        assert (
            "severity 'huge' is not in the plan (known: 'low', 'moderate', 'high', 'critical')"
            in (message)
        )
        assert "stakeholders: 'aliens' is not in the plan" in message
        assert "'media' is not in the plan" not in message
        assert message.endswith("use the plan's ids")

    def test_not_a_situation(self) -> None:
        """Anything but a Situation is an InputError."""
        with pytest.raises(InputError, match=r"expected a crisiscomms\.Situation"):
            demo_plan().check_situation({"crisis_type": "data-breach"})  # type: ignore[arg-type]


class TestFacts:
    def test_tagged_json_form(self) -> None:
        """Types JSON lacks travel tagged; strings and numbers travel as they are."""
        situation = demo_situation().with_facts(
            rate=Decimal("12.50"),
            day=date(2026, 11, 25),
            at=time(14, 30),
            share=0.25,
        )
        facts = json.loads(situation.model_dump_json())["facts"]
        assert facts["rate"] == {"decimal": "12.50"}
        assert facts["day"] == {"date": "2026-11-25"}
        assert facts["at"] == {"time": "14:30:00"}
        assert facts["incident_start"] == {"datetime": "2026-11-24T07:55:00+01:00"}
        assert facts["affected_customers"] == 12000
        assert facts["share"] == 0.25
        assert facts["status_url"] == "https://status.lumea.fr/incident/2411"

    def test_round_trip(self) -> None:
        """Facts come back from JSON with their types."""
        situation = demo_situation().with_facts(rate=Decimal("12.50"), day=date(2026, 11, 25))
        again = Situation.model_validate_json(situation.model_dump_json())
        assert again == situation
        assert isinstance(again.facts["rate"], Decimal)
        assert isinstance(again.facts["incident_start"], datetime)

    def test_a_string_is_never_guessed_to_be_a_date(self) -> None:
        """An ISO-looking string stays text."""
        situation = Situation.model_validate_json(
            '{"crisis_type": "x", "severity": "y", "detected_at": "2026-11-24T08:40:00Z",'
            ' "facts": {"when": "2026-11-24"}}'
        )
        assert situation.facts["when"] == "2026-11-24"

    @pytest.mark.parametrize(
        ("value", "fragment"),
        [
            (True, "a yes/no fact is text"),
            (datetime(2026, 1, 1), "expected an aware datetime"),
            (float("nan"), "use a finite number"),
            (Decimal("Infinity"), "use a finite number"),
            ([1, 2], "write the fact in one of these forms"),
            ({"decimal": "abc"}, "expected decimal in ISO 8601 form"),
            ({"datetime": "2026-11-24T08:40:00"}, "with a UTC offset"),
            ({"decimal": "NaN"}, "not finite"),
            ({"weight": "3"}, "write the fact in one of these forms"),
            (["x" * 100], "xxx...; write the fact in one of these forms"),
            ({"time": "25:00"}, "expected time in ISO 8601 form"),
        ],
    )
    def test_refused_values(self, value: object, fragment: str) -> None:
        """Each refused fact says what it expected."""
        with pytest.raises(ModelError, match=re.escape(fragment)):
            demo_situation().with_facts(bad=value)

    def test_facts_must_be_a_mapping(self) -> None:
        """Facts given as a list are refused."""
        with pytest.raises(ModelError, match=r"facts: expected an object, got \[1, 2\]"):
            demo_situation().model_copy(update={"facts": [1, 2]})

    def test_time_facts(self) -> None:
        """A tagged time is read as a time."""
        situation = demo_situation().model_copy(update={"facts": {"at": {"time": "14:30"}}})
        assert situation.facts["at"] == time(14, 30)

    def test_fact_names_must_be_non_empty(self) -> None:
        """An empty fact name is refused."""
        with pytest.raises(ModelError, match="non-empty strings"):
            Situation(
                crisis_type="x",
                severity="y",
                detected_at=datetime(2026, 1, 1, tzinfo=UTC),
                facts={"": 1},
            )

    def test_facts_are_frozen(self) -> None:
        """The facts mapping of a situation cannot change in place."""
        with pytest.raises(TypeError, match="immutable"):
            demo_situation().facts["affected_customers"] = 1


# -- bad input ---------------------------------------------------------------


def _assert_whole(result: Plan) -> None:
    """A plan that load_plan returned is whole: no broken reference, round-trips."""
    assert reference_problems(result) == []
    assert load_plan(result.to_json()) == result


def _outcome(data: Any) -> Plan | PlanError:
    """What load_plan gives for `data`: a plan or its PlanError (anything else propagates)."""
    try:
        return load_plan(data)
    except PlanError as err:
        return err


def _load(data: Any) -> None:
    result = _outcome(data)
    if isinstance(result, Plan):
        _assert_whole(result)
    else:
        assert result.problems
        assert all(isinstance(p.path, str) and p.message for p in result.problems)


class TestBadInput:
    @settings(max_examples=150)
    @given(json_like)
    def test_any_json_like_data(self, data: Any) -> None:
        """Arbitrary data gives a Plan or a PlanError, never anything else."""
        _load(data)

    @settings(max_examples=100)
    @given(st.dictionaries(st.sampled_from(sorted(Plan.model_fields)), json_like, max_size=6))
    def test_any_values_under_the_plan_fields(self, data: dict[str, Any]) -> None:
        """The plan's own field names with arbitrary values are handled too."""
        _load(data)

    @settings(max_examples=100)
    @given(st.one_of(any_text, st.binary(max_size=60), json_like.map(json.dumps)))
    def test_any_text_or_bytes(self, data: str | bytes) -> None:
        """Any text or bytes gives a Plan or a PlanError."""
        _load(data)

    @settings(max_examples=150)
    @given(mutated_documents(DEMO))
    def test_mutations_of_the_demo_plan(self, document: dict[str, Any]) -> None:
        """The demo plan with fields dropped, replaced or added loads or fails cleanly."""
        _load(document)

    @settings(max_examples=60)
    @given(mutated_documents(DEMO))
    def test_mutations_from_json_text_agree_with_the_mapping(
        self, document: dict[str, Any]
    ) -> None:
        """JSON text and the mapping of the same document give the same result."""
        try:
            text = json.dumps(document, allow_nan=False, ensure_ascii=False).encode()
        except ValueError:
            return  # NaN, infinity and lone surrogates cannot be written as JSON
        from_mapping, from_text = _outcome(document), _outcome(text)
        if isinstance(from_mapping, PlanError) and isinstance(from_text, PlanError):
            assert [p.path for p in from_text.problems] == [p.path for p in from_mapping.problems]
        else:
            assert from_text == from_mapping


def test_demo_timedeltas_read_as_iso_durations() -> None:
    """Durations are ISO 8601 in JSON, timedeltas in Python."""
    severity = json.loads(demo_plan().to_json())["severities"][3]
    assert severity["first_statement_within"] == "PT30M"
    assert demo_plan().severities[3].first_statement_within == timedelta(minutes=30)


class TestTemplatesParsedOnce:
    def test_no_template_text_is_parsed_twice_in_a_process(
        self, doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Loading parses each text once; selecting, rendering and drafting parse none again.

        The plan holds more templates than the parse cache, so a template read
        back through the cache after loading would be parsed a second time.
        """
        from crisiscomms import draft_responses, render
        from crisiscomms.text import _messageformat

        document = doc
        cache_size = _messageformat._parse.cache_info().maxsize
        assert cache_size is not None
        extra = cache_size + 500
        for i in range(extra):
            document["templates"].append(
                {
                    "id": f"extra-{i}",
                    "key": f"extra-{i}",
                    "locale": "fr_FR",
                    "phase": "update",
                    "text": f"Point {i} : {{status_url}} ({{next_update, time, short}})",
                    "crisis_types": [DEMO["crisis_types"][0]["id"]],
                }
            )
        calls: list[str] = []
        parse = _messageformat._parse_uncached

        def counted(text: str) -> Any:
            calls.append(text)
            return parse(text)

        _messageformat._parse.cache_clear()
        monkeypatch.setattr(_messageformat, "_parse_uncached", counted)
        plan = load_plan(document)
        texts = {template.text for template in plan.templates}
        assert len(calls) == len(texts) > cache_size
        situation = demo_situation()
        facts: dict[str, str | datetime] = {
            "status_url": "https://status.lumea.fr",
            "next_update": situation.detected_at,
        }
        for template in plan.templates[-extra:]:
            assert template.parsed.text == template.text
            render(template, facts, locale="fr_FR", timezone="Europe/Paris")
        draft_responses(plan, situation, now=situation.detected_at + timedelta(hours=1))
        assert len(calls) == len(texts)
        assert sorted(calls) == sorted(texts)

    def test_a_template_without_its_parse_is_parsed_when_needed(self) -> None:
        """A constructed template, or any object with a text, is parsed on first use."""
        from types import SimpleNamespace

        from crisiscomms import MessageTemplate, Phase, render

        built = MessageTemplate.model_construct(
            id="t", key="t", locale="en_GB", phase=Phase.UPDATE, text="Hi {who}"
        )
        assert "parsed" not in built.__dict__
        assert dict(built.parsed.arguments) == {"who": frozenset({"string"})}
        duck = SimpleNamespace(id="d", text="Hi {who}")
        assert render(duck, {"who": "all"}, locale="en_GB") == "Hi all"  # type: ignore[arg-type]


@settings(max_examples=100)
@given(
    st.lists(st.sampled_from(["service-outage", "data-breach", "outage", "x-unknown"]), max_size=6)
)
def test_each_unknown_reference_of_a_list_is_reported_at_its_index(values: list[str]) -> None:
    """Every id of a list that names no element is a problem at its own index, no other."""
    plan = demo_plan()
    known = {c.id for c in plan.crisis_types}
    template = plan.templates[0].model_copy(update={"crisis_types": tuple(values)})
    # The plan's shape with the changed template (a Plan would refuse the unknown ids).
    changed = types.SimpleNamespace(
        **{section.name: getattr(plan, section.name) for section in SECTIONS},
        default_locale=plan.default_locale,
        training=plan.training,
        signatures_required_from=plan.signatures_required_from,
    )
    changed.templates = (template, *plan.templates[1:])
    paths = [
        p.path
        for p in reference_problems(changed)
        if p.path.startswith("templates[0].crisis_types")
    ]
    expected = [f"templates[0].crisis_types[{j}]" for j, v in enumerate(values) if v not in known]
    assert paths == expected
