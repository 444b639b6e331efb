"""The project's own accuracy suite for `check_consistency`, and its score.

``tests/data/accuracy_sets.yaml`` holds labelled message sets in English,
French, German and Spanish: clean sets (every figure right, written the many
ways people write it) and sets with one planted inconsistency per CON code.
Each set names the codes a careful reader would raise. Run::

    .venv/bin/python -m tests.accuracy

to print precision and recall per code, exact-set accuracy per language and
the false-alarm rate on clean sets. `tests/test_accuracy.py` holds the goal.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import yaml

from crisiscomms import Level, Message, Plan, check_consistency, load_plan
from crisiscomms.samples import demo_plan

_DATA = Path(__file__).resolve().parent / "data"
#: The sets: made from hand-written phrasing with varied formats, and written whole by hand.
SETS = (_DATA / "accuracy_sets.yaml", _DATA / "accuracy_sets_hand.yaml")
LANGUAGES = ("de", "en", "es", "fr")
CODES = tuple(f"CON00{i}" for i in range(1, 9))

#: The zone each language's organisation keeps its times in.
_ZONES = {
    "en": "Europe/London",
    "fr": "Europe/Paris",
    "de": "Europe/Berlin",
    "es": "Europe/Madrid",
}
#: The cues a plan written for all four languages gives its facts.
_CUES: dict[str, dict[str, list[str]]] = {
    "affected_customers": {
        "en": ["customers", "accounts", "households"],
        "fr": ["clients", "comptes", "foyers", "abonnés"],
        "de": ["Kunden", "Konten", "Haushalte"],
        "es": ["clientes", "cuentas", "hogares", "abonados"],
    },
    "next_update": {
        "en": ["next update"],
        "fr": ["prochain point", "prochaine mise à jour"],
        "de": ["nächste Aktualisierung", "nächstes Update"],
        "es": ["próxima actualización"],
    },
}


@functools.cache
def accuracy_plan(language: str) -> Plan:
    """The demo plan, kept in `language`'s zone, with cues in the four languages."""
    document: dict[str, Any] = demo_plan().model_dump(mode="json")
    document["timezone"] = _ZONES[language]
    for fact in document["facts"]:
        if fact["name"] in _CUES:
            fact["cues"] = _CUES[fact["name"]]
    return load_plan(document)


@attrs.frozen
class LabelledSet:
    """One set of messages with the facts and the codes due."""

    id: str
    language: str
    facts: Mapping[str, object]
    messages: tuple[Message, ...]
    expected: frozenset[str]


def _fact(value: object) -> object:
    """A fact as a situation holds it: ISO date-times as aware datetimes."""
    if isinstance(value, str) and value[:4].isdigit() and "T" in value:
        return datetime.fromisoformat(value)
    return value


def load_sets(paths: Sequence[Path] = SETS) -> list[LabelledSet]:
    """The labelled sets of the suite."""
    raw = [item for path in paths for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return [
        LabelledSet(
            item["id"],
            item["language"],
            {name: _fact(value) for name, value in item["facts"].items()},
            tuple(
                Message(
                    m["text"],
                    channel=m["channel"],
                    locale=m["locale"],
                    timezone=m.get("timezone"),
                )
                for m in item["messages"]
            ),
            frozenset(item["expect"]),
        )
        for item in raw
    ]


@attrs.frozen
class Outcome:
    """What the checker found on one labelled set."""

    labelled: LabelledSet
    found: frozenset[str]
    errors: frozenset[str]

    @property
    def exact(self) -> bool:
        """True when the codes found are exactly the codes due."""
        return self.found == self.labelled.expected

    @property
    def false_error(self) -> bool:
        """True for a clean set on which an error was raised."""
        return not self.labelled.expected and bool(self.errors)


def run(sets: Iterable[LabelledSet]) -> list[Outcome]:
    """Check each set with its language's plan."""
    outcomes = []
    for labelled in sets:
        report = check_consistency(
            labelled.messages, facts=labelled.facts, plan=accuracy_plan(labelled.language)
        )
        outcomes.append(
            Outcome(
                labelled,
                frozenset(f.code for f in report.findings),
                frozenset(f.code for f in report.findings if f.level is Level.ERROR),
            )
        )
    return outcomes


@attrs.frozen
class Score:
    """The suite's figures."""

    exact: Mapping[str, float]
    false_alarms: Mapping[str, float]
    precision: Mapping[str, float]
    recall: Mapping[str, float]
    overall_exact: float
    overall_false_alarms: float


def score(outcomes: Sequence[Outcome]) -> Score:
    """Exact-set accuracy and false-error rate by language, precision and recall by code."""
    exact: dict[str, float] = {}
    false_alarms: dict[str, float] = {}
    for language in LANGUAGES:
        mine = [o for o in outcomes if o.labelled.language == language]
        clean = [o for o in mine if not o.labelled.expected]
        exact[language] = sum(o.exact for o in mine) / len(mine) if mine else 1.0
        false_alarms[language] = sum(o.false_error for o in clean) / len(clean) if clean else 0.0
    precision: dict[str, float] = {}
    recall: dict[str, float] = {}
    for code in CODES:
        hits = sum(code in o.found and code in o.labelled.expected for o in outcomes)
        raised = sum(code in o.found for o in outcomes)
        due = sum(code in o.labelled.expected for o in outcomes)
        precision[code] = hits / raised if raised else 1.0
        recall[code] = hits / due if due else 1.0
    clean = [o for o in outcomes if not o.labelled.expected]
    return Score(
        exact,
        false_alarms,
        precision,
        recall,
        sum(o.exact for o in outcomes) / len(outcomes),
        sum(o.false_error for o in clean) / len(clean),
    )


def table(outcomes: Sequence[Outcome]) -> str:
    """The figures as Markdown tables, and the sets the checker got wrong."""
    result = score(outcomes)
    lines = [
        "| language | sets | exact set | false error on clean sets |",
        "| --- | --: | --: | --: |",
    ]
    for language in LANGUAGES:
        count = sum(o.labelled.language == language for o in outcomes)
        lines.append(
            f"| {language} | {count} | {result.exact[language]:.1%}"
            f" | {result.false_alarms[language]:.1%} |"
        )
    lines.append(
        f"| all | {len(outcomes)} | {result.overall_exact:.1%}"
        f" | {result.overall_false_alarms:.1%} |"
    )
    lines += ["", "| code | precision | recall |", "| --- | --: | --: |"]
    lines += [f"| {c} | {result.precision[c]:.1%} | {result.recall[c]:.1%} |" for c in CODES]
    wrong = [o for o in outcomes if not o.exact]
    if wrong:
        lines += ["", "Wrong sets:"]
        lines += [
            f"- {o.labelled.id}: due {sorted(o.labelled.expected)}, found {sorted(o.found)}"
            for o in wrong
        ]
    return "\n".join(lines)


def main() -> None:  # pragma: no cover - a script
    """Print the figures of the suite."""
    print(table(run(load_sets())))


if __name__ == "__main__":  # pragma: no cover
    main()
