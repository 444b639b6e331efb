"""The plan's allowed_domains: host names only, each refusal with the fix."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import Plan, PlanError, check_message, load_plan
from crisiscomms.model._domains import check_domain
from crisiscomms.samples import demo_plan

_DOCUMENT: dict[str, Any] = json.loads(demo_plan().to_json())
_VALIDATOR = jsonschema.Draft202012Validator(Plan.json_schema())


def _with_domains(*domains: object) -> dict[str, Any]:
    document = copy.deepcopy(_DOCUMENT)
    document["allowed_domains"] = list(domains)
    return document


class TestRefused:
    """What is not a host name is a plan problem that names the host name to write."""

    @pytest.mark.parametrize(
        ("value", "fix"),
        [
            ("https://status.example.es/", "write 'status.example.es'"),
            ("*.example.es", "write 'example.es': a host name covers its subdomains"),
            ("example.es:8443", "write 'example.es'"),
            ("example.es/incident", "write 'example.es'"),
            ("münchen.de", "ASCII form"),
            ("not a host", "labels of letters"),
        ],
    )
    def test_the_fix_is_named(self, value: str, fix: str) -> None:
        """Each mistaken entry is refused at load with its path and fix."""
        with pytest.raises(PlanError) as caught:
            load_plan(_with_domains("lumea.fr", value))
        (problem,) = caught.value.problems
        assert problem.path == "allowed_domains[1]"
        assert fix in problem.message


class TestAccepted:
    """A host name is kept in lowercase and covers its subdomains."""

    def test_case_and_trailing_dot(self) -> None:
        """'Lumea.FR.' is the host name 'lumea.fr'."""
        plan = load_plan(_with_domains("Lumea.FR.", "status.lumea.fr"))
        assert plan.allowed_domains == ("lumea.fr", "status.lumea.fr")

    def test_subdomains_are_covered(self) -> None:
        """A link to a subdomain of an allowed host is no SEC006."""
        plan = load_plan(_with_domains("lumea.fr"))
        channel = plan.channel("x-fr")
        codes = [f.code for f in check_message("https://status.lumea.fr/x", channel, plan=plan)]
        assert "SEC006" not in codes


class TestProperties:
    """Any entry loads as a host name or is a PlanError; the schema agrees."""

    @settings(max_examples=60, deadline=None)
    @given(
        st.one_of(
            st.text(max_size=30),
            st.from_regex(r"(\*\.|https?://)?[a-zA-Z0-9-]{1,10}(\.[a-z]{2,5}){1,2}(:\d+)?/?"),
        )
    )
    def test_any_entry(self, value: str) -> None:
        """check_domain returns a host name or raises ValueError; load_plan and schema agree."""
        try:
            host = check_domain(value)
        except ValueError:
            host = None
        if host is not None:
            assert host == host.lower()
            assert "/" not in host
        document = _with_domains(value)
        try:
            load_plan(document)
            loaded = True
        except PlanError:
            loaded = False
        assert loaded == (host is not None)
        assert loaded == _VALIDATOR.is_valid(document)
