"""The loader and the plan's JSON Schema accept the same field values."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import ModelError, Plan, PlanError, Severity, load_plan
from crisiscomms.model._base import parse_duration
from crisiscomms.samples import demo_plan

_SCHEMA = Plan.json_schema()
_VALIDATOR = jsonschema.Draft202012Validator(_SCHEMA)
_DOCUMENT: dict[str, Any] = json.loads(demo_plan().to_json())

# Where each family of values goes in the document.
_DURATION_FIELDS: list[Callable[[dict[str, Any]], dict[str, Any]]] = [
    lambda d: d["severities"][0],
    lambda d: d["escalation_rules"][0],
]
_INT_FIELDS: list[tuple[Callable[[dict[str, Any]], dict[str, Any]], str]] = [
    (lambda d: d["severities"][0], "approvals_required"),
    (lambda d: d["channels"][0], "max_length"),
]

durations = st.one_of(
    st.integers(-5, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.from_regex(r"-?P(\d{1,3}[YMWD]){0,2}(T(\d{1,3}(\.\d)?[HMS]){0,3})?", fullmatch=True),
    st.sampled_from(["PT30M", "P1D", "PT1H30M", "P1W", "pt1h", "1:00:00", "1 day", "P", "PT"]),
    st.text(max_size=12),
)
integers = st.one_of(
    st.integers(-3, 10**6),
    st.integers(1, 999).map(str),
    # Within what a count can be: past 2**63 pydantic refuses what JSON Schema allows.
    st.floats(-1e6, 1e6),
    st.integers(1, 999).map(float),
    st.booleans(),
    st.text(max_size=5),
)


def _agree(document: dict[str, Any]) -> None:
    schema_ok = _VALIDATOR.is_valid(document)
    try:
        load_plan(document)
        loader_ok = True
    except PlanError:
        loader_ok = False
    assert schema_ok == loader_ok, document


class TestAgreement:
    """A generated value is accepted by the schema exactly when load_plan accepts it."""

    def test_the_demo_is_valid_for_both(self) -> None:
        """The demo's own document passes both."""
        _VALIDATOR.validate(_DOCUMENT)
        load_plan(_DOCUMENT)

    @settings(max_examples=30, deadline=None)
    @given(durations, st.sampled_from(range(len(_DURATION_FIELDS))))
    def test_durations(self, value: object, where: int) -> None:
        """Durations: ISO 8601 text only, never a number."""
        document = copy.deepcopy(_DOCUMENT)
        part = _DURATION_FIELDS[where](document)
        part["update_every" if "update_every" in part else "window"] = value
        _agree(document)

    @settings(max_examples=30, deadline=None)
    @given(integers, st.sampled_from(range(len(_INT_FIELDS))))
    def test_integers(self, value: object, where: int) -> None:
        """Whole numbers: a JSON integer, never text such as "1000"."""
        document = copy.deepcopy(_DOCUMENT)
        part, field = _INT_FIELDS[where]
        part(document)[field] = value
        _agree(document)


class TestDurations:
    """Durations are ISO 8601 text or a timedelta, nothing else."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("PT30M", timedelta(minutes=30)),
            ("P1DT2H", timedelta(days=1, hours=2)),
            ("P1W", timedelta(weeks=1)),
            ("PT0.5S", timedelta(milliseconds=500)),
            ("-PT1H", -timedelta(hours=1)),
        ],
    )
    def test_iso_text(self, text: str, expected: timedelta) -> None:
        """The ISO 8601 forms plans write."""
        assert parse_duration(text) == expected

    @pytest.mark.parametrize(
        ("value", "hint"),
        [
            (30, "'PT30S' for 30 seconds"),
            ("pt1h", "uppercase: 'PT1H'"),
            ("P1M", "years and months have no fixed length"),
            ("1 day", "P<days>DT<hours>H"),
        ],
    )
    def test_refused_with_the_fix(self, value: object, hint: str) -> None:
        """A number, lowercase letters, months: refused, saying what to write."""
        with pytest.raises(ModelError, match=hint):
            Severity(id="s", label="S", first_statement_within=value, update_every="PT1H")

    def test_a_timedelta_in_python(self) -> None:
        """In Python a timedelta is the duration itself."""
        s = Severity(
            id="s", label="S", first_statement_within=timedelta(hours=1), update_every="PT2H"
        )
        assert s.update_every == timedelta(hours=2)
        assert json.loads(s.model_dump_json())["first_statement_within"] == "PT1H"

    def test_a_string_integer_is_refused(self) -> None:
        """ "1000" is not a whole number: it is text."""
        with pytest.raises(ModelError, match="without quotes"):
            Severity(
                id="s",
                label="S",
                first_statement_within="PT1H",
                update_every="PT2H",
                approvals_required="2",
            )

    @given(st.timedeltas(min_value=timedelta(seconds=1)))
    def test_round_trip(self, value: timedelta) -> None:
        """Every positive timedelta goes to JSON and back unchanged."""
        s = Severity(id="s", label="S", first_statement_within=value, update_every=value)
        again = Severity.model_validate_json(s.model_dump_json())
        assert again == s
