"""Every result a user looks at gives typed rows and an escaped table.

The rows of every ``to_records()`` are ``TypedDict``s of ``crisiscomms._records``;
a column of the same name has the same type in every table; every public
result type is walked (a new one with ``to_records`` must be built here too);
and no text a user gave appears unescaped in a ``_repr_html_``.
"""

from __future__ import annotations

import html
import types
import typing
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crisiscomms
from crisiscomms import (
    ClaimMatch,
    ExerciseLog,
    Finding,
    Gap,
    LintReport,
    Mention,
    Message,
    Phase,
    TriageEntry,
    Verdict,
    _records,
    cap,
    check_consistency,
    draft_responses,
    evaluate_timeliness,
    generate_scenario,
    lint_plan,
    match_claims,
    measure,
    measure_signals,
    recommend_escalation,
    review_crisis,
    schedule,
    score_exercise,
    select_responses,
)
from crisiscomms.samples import demo_plan, demo_record, demo_situation

NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


def _public_types() -> set[type]:
    """Every public class of the package and its namespaces that has `to_records`."""
    found = set()
    for module in (crisiscomms, cap):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and hasattr(value, "to_records"):
                found.add(value)
    return found


def _row_types(annotation: object) -> Iterator[type]:
    """The TypedDicts named anywhere in a return annotation (``list[A] | list[B]``)."""
    if typing.is_typeddict(annotation):
        yield typing.cast(type, annotation)
    for argument in typing.get_args(annotation):
        yield from _row_types(argument)


def _returned(cls: type) -> list[type]:
    return list(_row_types(typing.get_type_hints(cls.to_records)["return"]))  # type: ignore[attr-defined]


def _without_none(annotation: object) -> object:
    """``str | None`` as ``str``: a column may be empty in one table and not another."""
    arguments = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        kept = tuple(a for a in arguments if a is not type(None))
        return kept[0] if len(kept) == 1 else kept
    return annotation


def _conforms(value: object, annotation: object) -> bool:
    """Whether `value` is of the (simple) type `annotation`: unions, lists, dicts, classes."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or origin is typing.Union:
        return any(_conforms(value, a) for a in arguments)
    if annotation is type(None):
        return value is None
    if origin is list:
        return isinstance(value, list) and all(_conforms(v, arguments[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            _conforms(k, arguments[0]) and _conforms(v, arguments[1]) for k, v in value.items()
        )
    if annotation is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    assert isinstance(annotation, type)
    return isinstance(value, annotation)


def _feed() -> list[Mention]:
    at = datetime(2026, 11, 24, 11, 0, tzinfo=PARIS)
    return [
        Mention(
            text=f"Lumea vend les données de ses clients #{n}",
            locale="fr",
            at=at - timedelta(minutes=n),
            reach=100 + n,
            id=str(n),
        )
        for n in range(60)
    ]


def _values() -> list[tuple[object, str | None]]:
    """One value of each public result type, with the `what` of each table it gives."""
    plan, situation = demo_plan(), demo_situation()
    later = situation.model_copy(update={"phase": Phase.POST_CRISIS})
    gaps = select_responses(plan, later, now=datetime(2026, 12, 20, 9, tzinfo=UTC))
    responses = select_responses(plan, situation, now=NOW)
    drafts = draft_responses(plan, situation, now=NOW)
    moderate = situation.model_copy(update={"severity": "moderate"})
    feed = _feed()
    now = datetime(2026, 11, 24, 11, 0, tzinfo=PARIS)
    escalation = recommend_escalation(plan, moderate, feed, now=now)
    assert escalation is not None
    drill = generate_scenario(plan, seed=7, crisis_type="data-breach", starts_at=NOW)
    lint = lint_plan(plan, now=NOW)
    alert = cap.to_cap_alert(
        plan, situation, drafts, sender="alerts@lumea.fr", identifier="a1", sent=NOW
    )
    return [
        (responses, None),
        (responses.selections[0], None),
        (gaps.gaps[0], None),
        (drafts, None),
        (measure("Panne résolue 🎉", "sms"), None),
        (check_consistency(drafts.messages, plan=plan), None),
        (schedule(plan, situation), None),
        (evaluate_timeliness(plan, situation, [], now=NOW), None),
        (measure_signals(feed, now=now, window=timedelta(hours=1)), None),
        (match_claims(feed, plan.claims)[0], None),
        (escalation, "triage"),
        (escalation, "evidence"),
        (escalation.triage[0], None),
        (lint, "findings"),
        (lint, "coverage"),
        (review_crisis(plan, demo_record()), None),
        (drill, None),
        (score_exercise(plan, drill, ExerciseLog()), None),
        (alert, None),
    ]


VALUES = _values()
IDS = [
    f"{type(value).__name__}-{what}" if what else type(value).__name__ for value, what in VALUES
]


class TestRowTypes:
    def test_every_public_result_type_is_walked(self) -> None:
        """The values below cover every public class with `to_records`, and no other."""
        assert {type(value) for value, _ in VALUES} == _public_types()

    @pytest.mark.parametrize("cls", sorted(_public_types(), key=str))
    def test_rows_are_typed_dicts_of_the_one_module(self, cls: type) -> None:
        """`to_records` is annotated with TypedDict rows, all defined in `_records`."""
        returned = _returned(cls)
        assert returned
        assert {t.__module__ for t in returned} == {"crisiscomms._records"}

    def test_every_row_type_is_used(self) -> None:
        """Each TypedDict of `_records` is the row of some `to_records`."""
        used = {t for cls in _public_types() for t in _returned(cls)}
        assert {getattr(_records, name) for name in _records.__all__} == used

    def test_a_column_has_one_type_in_every_table(self) -> None:
        """The same column name has the same type everywhere (only None may differ)."""
        seen: dict[str, dict[object, list[str]]] = {}
        for name in _records.__all__:
            for column, annotation in typing.get_type_hints(getattr(_records, name)).items():
                kind = _without_none(annotation)
                seen.setdefault(column, {}).setdefault(kind, []).append(name)
        disagreeing = {column: kinds for column, kinds in seen.items() if len(kinds) > 1}
        assert disagreeing == {}
        assert seen["codes"] == {list[str]: ["DeadlineStateRecord", "DraftRecord",
                                             "StatedFactRecord", "TargetRecord"]}  # fmt: skip
        assert set(seen["level"]) == {str}

    @pytest.mark.parametrize(("value", "what"), VALUES, ids=IDS)
    def test_rows_hold_what_their_type_says(self, value: object, what: str | None) -> None:
        """Every row has exactly the TypedDict's keys, each value of its declared type."""
        rows = value.to_records() if what is None else value.to_records(what)  # type: ignore[attr-defined]
        assert rows
        candidates = _returned(type(value))
        row_type = next(t for t in candidates if set(rows[0]) == set(typing.get_type_hints(t)))
        hints = typing.get_type_hints(row_type)
        for row in rows:
            assert list(row) == list(hints)
            wrong = {k: v for k, v in row.items() if not _conforms(v, hints[k])}
            assert wrong == {}

    def test_lists_stay_lists(self) -> None:
        """A gap's row lists its code, as every table does (no joined string)."""
        drafts = draft_responses(demo_plan(), demo_situation(), now=NOW)
        gap = next(r for r in drafts.to_records() if r["status"] == "gap")
        assert gap["codes"] == ["APR006"]

    def test_monitoring_times_show_in_the_zone_of_now(self) -> None:
        """Signals and the triage show their times in the zone of the `now` given."""
        now = datetime(2026, 11, 24, 11, 0, tzinfo=PARIS)
        signals = measure_signals(_feed(), now=now, window=timedelta(hours=1))
        assert signals.to_records()[0]["window_start"].utcoffset() == timedelta(hours=1)
        moderate = demo_situation().model_copy(update={"severity": "moderate"})
        escalation = recommend_escalation(demo_plan(), moderate, _feed(), now=now)
        assert escalation is not None
        assert {r["at"].utcoffset() for r in escalation.to_records()} == {timedelta(hours=1)}


class TestRepr:
    @pytest.mark.parametrize(("value", "what"), VALUES, ids=IDS)
    def test_reprs_are_concise(self, value: object, what: str | None) -> None:
        """Every result's repr fits on a few lines, whatever the number of rows."""
        assert len(repr(value)) < 1200

    @pytest.mark.parametrize(("value", "what"), VALUES, ids=IDS)
    def test_html_is_tables_without_script_or_style(self, value: object, what: str | None) -> None:
        """The notebook view is plain table markup: nothing a sanitising viewer strips."""
        page = value._repr_html_()  # type: ignore[attr-defined]
        tags = _Tags.of(page)
        assert tags.names <= ALLOWED
        assert tags.attributes == set()
        assert "<table>" in page


ALLOWED = {"div", "table", "caption", "thead", "tbody", "tr", "th", "td"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @classmethod
    def of(cls, page: str) -> _Tags:
        parser = cls()
        parser.feed(page)
        parser.close()
        return parser


_HOSTILE = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'"),
    min_size=1,
    max_size=30,
)


class TestEscaping:
    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(_HOSTILE, _HOSTILE, _HOSTILE)
    def test_no_input_string_appears_unescaped(self, text: str, author: str, code: str) -> None:
        """Text a user gave is shown as text in every table: no tag or attribute comes of it."""
        at = datetime(2026, 11, 24, 9, tzinfo=UTC)
        mention = Mention(text=text, at=at, author=author, id=code, locale="fr")
        match = ClaimMatch(0, code, text, Verdict.FALSE, author, "fr", (text, author))
        gap = Gap(text, author, code, "data-breach", "high", Phase.UPDATE)
        report = LintReport((Finding.of("PLN013", text, subject=author),))
        consistency = check_consistency([Message(text, channel="x", locale="fr", id=code)])
        for value, shown in (
            (TriageEntry(mention, (match,)), [text, author, code]),
            (match, [text, author, code]),
            (gap, [text, author, code]),
            (report, [text, author]),
            (consistency, [code]),
        ):
            page = value._repr_html_()
            tags = _Tags.of(page)
            assert tags.names <= ALLOWED
            assert tags.attributes == set()
            data = "".join(tags.text)
            for given_text in shown:
                assert given_text in data
                assert html.escape(given_text) in page


class TestOneRowValues:
    def test_a_measurement_says_how_far_over_it_is(self) -> None:
        """The caption of a measurement says it fits, or by how much it is over."""
        assert "fits" in measure("ok", "x")._repr_html_()
        assert "over by 10" in measure("x" * 290, "x")._repr_html_()
        assert measure("x" * 290, "x").to_records()[0]["over"] == 10

    def test_escalation_tables_are_named(self) -> None:
        """`Escalation.to_records` gives the triage or the evidence, and refuses anything else."""
        now = datetime(2026, 11, 24, 11, 0, tzinfo=PARIS)
        moderate = demo_situation().model_copy(update={"severity": "moderate"})
        escalation = recommend_escalation(demo_plan(), moderate, _feed(), now=now)
        assert escalation is not None
        assert len(escalation.to_records()) == len(escalation.triage)
        assert escalation.to_records("evidence")[0]["condition"] == "min_mentions"
        with pytest.raises(crisiscomms.InputValueError):
            escalation.to_records("mentions")
        assert "escalate from moderate to high" in escalation._repr_html_()

    def test_reprs_name_the_target_and_the_count(self) -> None:
        """A selection, a gap and an alert say what they are about in one line."""
        plan = demo_plan()
        later = demo_situation().model_copy(update={"phase": Phase.POST_CRISIS})
        gap = select_responses(plan, later, now=datetime(2026, 12, 20, 9, tzinfo=UTC)).gaps[0]
        assert repr(gap).startswith("<Gap customers/status-page/fr_FR: data-breach")
        selection = select_responses(plan, demo_situation(), now=NOW).selections[0]
        assert repr(selection).startswith(f"<Selection {selection.target}: ")
        drafts = draft_responses(plan, demo_situation(), now=NOW)
        alert = cap.to_cap_alert(
            plan, demo_situation(), drafts, sender="a@lumea.fr", identifier="a1", sent=NOW
        )
        assert repr(alert).endswith(f"{len(alert.infos)} info blocks: fr-FR, en-GB)")

    def test_an_empty_schedule_says_so(self) -> None:
        """A schedule without deadlines says how many there are and names no first one."""
        empty = crisiscomms.Schedule((), NOW, "UTC")
        assert repr(empty) == "<Schedule: 0 deadlines from 2026-11-24 09:00 UTC>"
        assert empty.to_records() == []
