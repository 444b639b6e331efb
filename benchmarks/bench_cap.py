"""CAP 1.2: write the demo crisis's alert, read each real alert of the shared data.

Goals (issue 16): writing the demo alert under 1 ms; reading each example
alert under 2 ms.

- `to_xml` checks the rules the schema does not and writes the demo alert
  (two info blocks, an area); `to_cap_alert` maps the plan, the situation and
  its drafts (drafted once, outside the timed loop) to that alert, and the
  "from drafts" case does both.
- `read_cap_xml` reads each file of ``../shared/data/cap/examples`` from its
  bytes (parsing with defusedxml, the schema's sequence, every value).
- For scale, xmlschema validating the same bytes against the OASIS XSD (what
  the tests do) is measured too; it is not a baseline to beat.

Each benchmark first checks what it times: the alert written reads back
equal, each example reads as the schema decodes it (its identifier).
Figures are in docs/performance.md ("CAP alerts").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import xmlschema
from pytest_benchmark.fixture import BenchmarkFixture

from crisiscomms import draft_responses
from crisiscomms.cap import Area, read_cap_xml, to_cap_alert
from crisiscomms.samples import demo_plan, demo_situation

CAP_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cap"
EXAMPLES = sorted((CAP_DATA / "examples").glob("*.xml"))
NOW = datetime(2026, 11, 24, 9, 20, tzinfo=ZoneInfo("Europe/Paris"))
PLAN, SITUATION = demo_plan(), demo_situation()
DRAFTS = draft_responses(PLAN, SITUATION, now=NOW)
OPTIONS: dict[str, Any] = {
    "sender": "alertes@lumea.fr",
    "identifier": "lumea-2411-1",
    "sent": NOW,
    "area": Area("France métropolitaine", geocodes=(("ISO 3166-1", "FR"),)),
    "expires": NOW + timedelta(hours=3),
    "instructions": {"fr": "Changez votre mot de passe.", "en": "Change your password."},
}
ALERT = to_cap_alert(PLAN, SITUATION, DRAFTS, **OPTIONS)


def test_write_demo_alert(benchmark: BenchmarkFixture) -> None:
    xml = ALERT.to_xml()
    assert read_cap_xml(xml) == ALERT
    assert benchmark(ALERT.to_xml) == xml


def test_demo_alert_from_drafts(benchmark: BenchmarkFixture) -> None:
    assert benchmark(to_cap_alert, PLAN, SITUATION, DRAFTS, **OPTIONS) == ALERT


def test_write_demo_alert_from_drafts(benchmark: BenchmarkFixture) -> None:
    def write() -> str:
        return to_cap_alert(PLAN, SITUATION, DRAFTS, **OPTIONS).to_xml()

    assert benchmark(write) == ALERT.to_xml()


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_read_example(benchmark: BenchmarkFixture, path: Path) -> None:
    data = path.read_bytes()
    alert = benchmark(read_cap_xml, data)
    assert alert.identifier in data.decode("utf-8")


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(CAP_DATA / "CAP-v1.2.xsd"))


@pytest.mark.parametrize("path", EXAMPLES[:3], ids=[p.name for p in EXAMPLES[:3]])
def test_xmlschema_validates_example(
    benchmark: BenchmarkFixture, schema: xmlschema.XMLSchema, path: Path
) -> None:
    data = path.read_text(encoding="utf-8")
    assert benchmark(schema.is_valid, data)
