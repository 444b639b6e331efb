"""Loading a large plan: `load_plan` against pydantic's own validation of the same JSON.

The plan is the demo plan with 10,000 generated templates added (JSON bytes of
about 6 MB). The baseline is `Plan.model_validate_json` with the reference
checks switched off: the cost of parsing and validating the fields alone.
`load_plan` adds the cross-reference checks, duplicate ids, the default
locale check and the templates' placeholders against the facts. Goal: ratio
at most 1.1. Figures: docs/performance.md.

Issue 14: parsing the templates' texts (each once, as loading does, without
the cache) against ``json.loads`` of the whole document; goal at most 2.5
times. The generated texts (a plural with flat branches, a time and a name)
take the flat fast path; the full parser alone is timed beside it, and so are
texts whose plurals all differ (and whose branches all differ too), each
checked first to parse exactly as the full parser reads it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from crisiscomms import Plan, load_plan
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.samples import demo_plan
from crisiscomms.text._messageformat import _parse, _Parser

TEMPLATES = 10_000


def generated_plan(count: int = TEMPLATES) -> bytes:
    """The demo plan with `count` more templates, each scoped and approved, as JSON bytes."""
    document: dict[str, Any] = json.loads(demo_plan().to_json())
    crisis_types = [c["id"] for c in document["crisis_types"]]
    severities = [s["id"] for s in document["severities"]]
    stakeholders = [s["id"] for s in document["stakeholders"]]
    channels = [c["id"] for c in document["channels"]]
    phases = ["initial", "update", "resolved"]
    locales = ["fr_FR", "en_GB"]
    for i in range(count):
        text = (
            f"Message {i} : {{affected_customers, plural, one {{# client est concerné}}"
            f" other {{# clients sont concernés}}}}. Prochain point : {{next_update, time,"
            f" short}}. Suivi : {{status_url}}"
        )
        template: dict[str, Any] = {
            "id": f"generated-{i}",
            "key": f"generated-{i // 2}",
            "locale": locales[i % 2],
            "phase": phases[i % 3],
            "text": text,
            "crisis_types": [crisis_types[i % len(crisis_types)]],
            "severities": [severities[i % len(severities)]],
            "stakeholders": [stakeholders[i % len(stakeholders)]],
            "channels": [channels[i % len(channels)], "x"],
        }
        template["approval"] = {
            "approved_by": ["amelie-durand", "sophie-martin"],
            "approved_at": "2026-09-14T10:00:00+02:00",
            "expires_at": "2027-09-30T18:00:00+02:00",
            "digest": MessageTemplate.model_validate(template).digest,
        }
        document["templates"].append(template)
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.fixture(scope="module")
def data() -> bytes:
    """The generated plan, built once; both ways of reading it agree on it."""
    generated = generated_plan()
    plan = load_plan(generated)
    assert len(plan.templates) == TEMPLATES + len(demo_plan().templates)
    assert plan == Plan.model_validate_json(generated, context={"skip_references": True})
    return generated


@pytest.mark.benchmark(group="load_plan 10k templates", min_rounds=15)
def test_load_plan(benchmark: BenchmarkFixture, data: bytes) -> None:
    """load_plan: validation and every cross-reference check."""
    plan = benchmark(load_plan, data)
    assert len(plan.templates) > TEMPLATES


@pytest.mark.benchmark(group="load_plan 10k templates", min_rounds=15)
def test_pydantic_baseline(benchmark: BenchmarkFixture, data: bytes) -> None:
    """Baseline: pydantic's model_validate_json without the reference checks."""
    plan = benchmark(Plan.model_validate_json, data, context={"skip_references": True})
    assert len(plan.templates) > TEMPLATES


@pytest.fixture(scope="module")
def texts(data: bytes) -> list[str]:
    """The text of every template of the generated plan."""
    return [template["text"] for template in json.loads(data)["templates"]]


def _parse_each(texts: list[str]) -> int:
    uncached = _parse.__wrapped__
    return len([uncached(text) for text in texts])


@pytest.mark.benchmark(group="template texts of the 10k plan", min_rounds=15)
def test_parse_templates(benchmark: BenchmarkFixture, texts: list[str]) -> None:
    """Parsing every template text once, without the cache."""
    assert benchmark(_parse_each, texts) == len(texts) > TEMPLATES


def _parse_each_with_full_parser(texts: list[str]) -> int:
    return len([_Parser(text).parse() for text in texts])


@pytest.mark.benchmark(group="template texts of the 10k plan", min_rounds=15)
def test_parse_templates_full_parser(benchmark: BenchmarkFixture, texts: list[str]) -> None:
    """The same texts read by the full parser alone, without the flat fast path."""
    assert benchmark(_parse_each_with_full_parser, texts) == len(texts)


def _same_as_full_parser(texts: list[str]) -> bool:
    """Every text parses to the full parser's parts and argument formats."""
    for text in texts:
        parsed = _parse.__wrapped__(text)
        parser = _Parser(text)
        parts = parser.parse()
        formats = tuple((name, frozenset(parser.formats[name])) for name in sorted(parser.formats))
        if (parsed.parts, tuple(parsed.arguments.items())) != (parts, formats):
            return False
    return True


@pytest.fixture(scope="module")
def distinct_texts(texts: list[str]) -> list[str]:
    """The same texts with a different plural in each: no parse of a plural is reused."""
    distinct = [text.replace("# client ", f"# client ({i}) ") for i, text in enumerate(texts)]
    assert len(set(distinct)) == len(distinct)
    assert _same_as_full_parser(texts)
    assert _same_as_full_parser(distinct)
    return distinct


@pytest.fixture(scope="module")
def distinct_branches(distinct_texts: list[str]) -> list[str]:
    """The same texts with every branch of every plural different: no branch is reused."""
    distinct = [
        text.replace("# clients ", f"# clients ({i}) ") for i, text in enumerate(distinct_texts)
    ]
    assert _same_as_full_parser(distinct)
    return distinct


@pytest.mark.benchmark(group="template texts of the 10k plan", min_rounds=15)
def test_parse_distinct_plurals(benchmark: BenchmarkFixture, distinct_texts: list[str]) -> None:
    """Parsing texts whose plurals all differ (the kept plurals never help)."""
    assert benchmark(_parse_each, distinct_texts) == len(distinct_texts)


@pytest.mark.benchmark(group="template texts of the 10k plan", min_rounds=15)
def test_parse_distinct_branches(
    benchmark: BenchmarkFixture, distinct_branches: list[str]
) -> None:
    """Parsing texts whose plurals share no branch either (the kept branches never help)."""
    assert benchmark(_parse_each, distinct_branches) == len(distinct_branches)


@pytest.mark.benchmark(group="template texts of the 10k plan", min_rounds=15)
def test_json_loads_baseline(benchmark: BenchmarkFixture, data: bytes) -> None:
    """Baseline: json.loads of the whole document."""
    assert len(benchmark(json.loads, data)["templates"]) > TEMPLATES
