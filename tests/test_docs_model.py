"""The plan model reference cannot drift from the models it documents.

Each field table of ``docs/reference/model.md`` is held to the pydantic
model it names: the same fields, and "required" exactly where the model
requires a value. A field added to a model without its row fails here.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pydantic
import pytest

import crisiscomms

PAGE = Path(__file__).parents[1] / "docs" / "reference" / "model.md"
_HEADING = re.compile(r"^## `(\w+)`", re.M)
_HEADER = re.compile(r"^\| (?:`(\w+)` )?field \| type \| default \| meaning \|$")
_ROW = re.compile(r"^\| `(\w+)` \|[^|]*\|([^|]*)\|")


def _tables() -> dict[str, dict[str, str]]:
    """Model name -> {field: default column}, from every field table of the page."""
    tables: dict[str, dict[str, str]] = {}
    section = ""
    current: dict[str, str] | None = None
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        if heading := _HEADING.match(line):
            section, current = heading.group(1), None
        elif header := _HEADER.match(line):
            current = tables.setdefault(header.group(1) or section, {})
        elif current is not None and (row := _ROW.match(line)):
            current[row.group(1)] = row.group(2).strip()
        elif not line.startswith("|"):
            current = None
    return tables


def _model(name: str) -> type[pydantic.BaseModel]:
    model = getattr(crisiscomms, name)
    assert isinstance(model, type)
    assert issubclass(model, pydantic.BaseModel)
    return model


def test_the_page_has_a_table_for_each_plan_model() -> None:
    """The plan, the situation and every element of the plan have their table."""
    assert {"Plan", "Situation", "Severity", "Stakeholder", "MessageTemplate"} <= set(_tables())


@pytest.mark.parametrize("name", sorted(_tables()))
def test_a_table_lists_exactly_the_fields_of_its_model(name: str) -> None:
    """Every field of the model has its row, and every row is a field (or computed)."""
    model = _model(name)
    documented = set(_tables()[name])
    fields = set(model.model_fields) | set(model.model_computed_fields)
    assert documented == fields


@pytest.mark.parametrize("name", sorted(_tables()))
def test_required_is_written_exactly_where_the_model_requires(name: str) -> None:
    """'required' in the default column means the model has no default for it."""
    model = _model(name)
    wrong = {
        field: default
        for field, default in _tables()[name].items()
        if field in model.model_fields
        and default.startswith("required") != model.model_fields[field].is_required()
    }
    assert wrong == {}


def _smallest_plan() -> str:
    """The JSON block of the page's `Plan` section: the smallest plan."""
    section = PAGE.read_text(encoding="utf-8").split("## `Plan`", 1)[1].split("\n## ", 1)[0]
    return section.split("```json\n", 1)[1].split("```", 1)[0]


def test_the_smallest_plan_the_page_shows_loads() -> None:
    """The plan of the page, with only the required fields and no templates, loads."""
    plan = crisiscomms.load_plan(_smallest_plan())
    assert plan.templates == ()
    assert plan.default_locale == "es_ES"


def test_the_smallest_plan_has_exactly_the_required_fields() -> None:
    """The smallest plan sets exactly the fields the table marks 'required'."""
    required = {f for f, default in _tables()["Plan"].items() if default.startswith("required")}
    assert set(json.loads(_smallest_plan())) == required
    assert len(required) == 4  # "Only the first four fields are required"


def test_lint_reports_what_a_plan_being_written_lacks() -> None:
    """lint_plan on the smallest plan says it has no templates and no stakeholders."""
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    report = crisiscomms.lint_plan(crisiscomms.load_plan(_smallest_plan()), now=now)
    assert {"PLN013", "PLN014"} <= {f.code for f in report.findings}
    assert not report.ok
