"""The golden drills: `generate_scenario` cases whose JSON digests are held in a fixture.

`tests/data/drill_golden.json` holds the plans (the demo plan's document
and a bare plan, as they stood when the fixture was made, so that a later
change to the samples does not move the drills) and, for each case below,
the SHA-256 of the scenario's JSON. It was made by the code of
`generate_scenario` before its speed work, and `tests/test_exercises.py`
holds the current code to it: the same plan, seed and arguments give the
same drill, byte for byte, from one version to the next.

Regenerate it only when a change of the drills is meant (say so in the
CHANGELOG):

    .venv/bin/python -m tests.golden_drills
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from crisiscomms import Plan, generate_scenario, load_plan

FIXTURE = Path(__file__).parent / "data" / "drill_golden.json"

_SEEDS = (0, 1, 7, 12, 2411, -5, 10**30)
_STARTS = ("2026-12-03T08:00:00+00:00", "2026-03-29T00:30:00+01:00")


def _bare(document: dict[str, Any]) -> None:
    """No claims, rules, obligations, stakeholders, channels, roles or people."""
    for section in (
        "claims",
        "escalation_rules",
        "obligations",
        "stakeholders",
        "channels",
        "roles",
        "people",
    ):
        document[section] = []
    for severity in document["severities"]:
        severity["approver_roles"] = []
    document["templates"] = [
        {
            key: value
            for key, value in template.items()
            if key not in {"stakeholders", "channels", "approval", "digest"}
        }
        for template in document["templates"][:1]
    ]
    document["training"]["exercises"] = []


def _burst(mentions: int) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        for rule in document["escalation_rules"]:
            if rule["id"] == "viral-anger":
                rule["min_mentions"] = round(mentions / (1.05 * (1 + 1 / 3.3)))

    return change


#: Each plan variant: a change of the stored demo document.
VARIANTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "demo": lambda document: None,
    "no-claims": lambda document: document.update(claims=[]),
    "no-rules": lambda document: document.update(escalation_rules=[]),
    "no-facts": lambda document: document.update(facts=[]),
    "english": lambda document: document.update(default_locale="en_GB"),
    "bare": _bare,
    "burst-2500": _burst(2_500),
}


def plan(documents: dict[str, Any], variant: str) -> Plan:
    """The plan of `variant`, from the stored demo document."""
    document = copy.deepcopy(documents["demo"])
    VARIANTS[variant](document)
    return load_plan(document)


def cases() -> Iterator[dict[str, Any]]:
    """Every golden case: its plan variant and the arguments of `generate_scenario`."""
    for variant in VARIANTS:
        for seed in _SEEDS if variant == "demo" else _SEEDS[:3]:
            for crisis_type in (None, "data-breach", "false-rumour", "service-outage"):
                yield {"plan": variant, "seed": seed, "crisis_type": crisis_type,
                       "starts_at": _STARTS[seed % 2], "duration_s": 4 * 3600}  # fmt: skip
    for duration in (1800, 3 * 86400):
        yield {"plan": "demo", "seed": 3, "crisis_type": "data-breach",
               "starts_at": _STARTS[0], "duration_s": duration}  # fmt: skip


def digest(documents: dict[str, Any], case: dict[str, Any], plans: dict[str, Plan]) -> str:
    """The SHA-256 of the JSON of the case's scenario (`plans`: the variants loaded so far)."""
    if case["plan"] not in plans:
        plans[case["plan"]] = plan(documents, case["plan"])
    scenario = generate_scenario(
        plans[case["plan"]],
        seed=case["seed"],
        crisis_type=case["crisis_type"],
        starts_at=datetime.fromisoformat(case["starts_at"]),
        duration=timedelta(seconds=case["duration_s"]),
    )
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()


def main() -> None:  # pragma: no cover - run by hand to make the fixture
    """Write the fixture: the demo document, then each case and its digest."""
    from crisiscomms.samples import demo_plan

    documents = {"demo": demo_plan().model_dump(mode="json")}
    plans: dict[str, Plan] = {}
    golden = [{**case, "sha256": digest(documents, case, plans)} for case in cases()]
    FIXTURE.write_text(
        json.dumps({"plans": documents, "cases": golden}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":  # pragma: no cover
    main()
