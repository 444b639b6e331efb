"""Cross-reference checks of a plan: every id a plan element names must exist.

The checks run on anything shaped like a plan (the `Plan` itself, or the
elements of a document that validated one by one), so that `load_plan` can
report broken references together with every other problem of the document.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from crisiscomms._errors import PlanProblem, known_list
from crisiscomms.model._sections import CHANNELS_OR_PLATFORMS, SECTIONS, TEMPLATE_KEYS
from crisiscomms.text._platforms import Platform

if TYPE_CHECKING:
    from crisiscomms.model._elements import Obligation, Training

__all__ = ["PlanShape", "reference_problems"]

_PLATFORMS = frozenset(p.value for p in Platform)


class PlanShape(Protocol):
    """What the checks read besides the sections of `SECTIONS` (read by name)."""

    @property
    def default_locale(self) -> str | None: ...
    @property
    def training(self) -> Training: ...
    @property
    def signatures_required_from(self) -> str | None: ...


class _Known:
    """The ids of one kind of element, for the checks and their messages.

    When the section of the document that defines them is unreadable (not a
    list), the ids cannot be known: every reference passes, since the section
    itself is already reported and guessing would only add false problems.
    """

    def __init__(
        self, kind: str, ids: Iterable[str], extra: Iterable[str] = (), *, unknowable: bool = False
    ) -> None:
        self.kind = kind
        self.ids = frozenset(ids) | frozenset(extra)
        self.unknowable = unknowable

    def problem(self, path: str, wanted: str, *, also: Iterable[str] = ()) -> PlanProblem:
        known = known_list(self.ids | frozenset(also))
        return PlanProblem(
            path, f"unknown {self.kind} {wanted!r}; {known}; fix the id or add the {self.kind}"
        )


def _duplicates(
    section: str, items: Sequence[object], key: str, problems: list[PlanProblem]
) -> None:
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        value = getattr(item, key)
        if value in first:
            problems.append(
                PlanProblem(
                    f"{section}[{index}].{key}",
                    f"duplicate {key} {value!r} (first at {section}[{first[value]}]);"
                    f" each {key} must be unique: rename one",
                )
            )
        else:
            first[value] = index


def _refs(
    known: _Known,
    path: str,
    wanted: Iterable[str | None],
    problems: list[PlanProblem],
) -> None:
    # None stands for a reference of an invalid element that is not even an id.
    for index, value in enumerate(wanted):
        if value is not None and value not in known.ids and not known.unknowable:
            problems.append(known.problem(f"{path}[{index}]", value))


def _ref(known: _Known, path: str, wanted: str | None, problems: list[PlanProblem]) -> None:
    if wanted is not None and wanted not in known.ids and not known.unknowable:
        problems.append(known.problem(path, wanted))


def reference_problems(
    plan: PlanShape,
    *,
    extra_ids: Mapping[str, Iterable[str]] | None = None,
    unreadable: Collection[str] = (),
) -> list[PlanProblem]:
    """Every broken reference and duplicate id of `plan`, with its path.

    `extra_ids` names ids of elements that exist in the document but did not
    validate (by section name): references to them are not reported again.
    `unreadable` names the sections that are not lists at all: references to
    their elements are not checked (the section itself is reported).

    Not checked on purpose: the people of an approval (`approved_by`) and of
    an exercise (`participants`). They are records of the past; someone who
    approved a text or took part in a drill may have left the team since.
    Whether an approval still counts is `approval_status`'s question.
    """
    extra = extra_ids or {}
    problems: list[PlanProblem] = []
    items_of = {section.name: getattr(plan, section.name) for section in SECTIONS}
    for section in SECTIONS:
        _duplicates(section.name, items_of[section.name], section.key, problems)

    known: dict[str, _Known] = {
        section.name: _Known(
            section.kind,
            (getattr(item, section.key) for item in items_of[section.name]),
            extra.get(section.name, ()),
            unknowable=section.name in unreadable,
        )
        for section in SECTIONS
    }
    # Templates that did not validate stand in plan.templates with their key.
    known[TEMPLATE_KEYS] = _Known(
        "template key",
        (t.key for t in items_of["templates"] if t.key is not None),
        unknowable="templates" in unreadable,
    )
    known[CHANNELS_OR_PLATFORMS] = _Known(
        "channel or platform",
        known["channels"].ids | _PLATFORMS,
        unknowable="channels" in unreadable,
    )
    for section in SECTIONS:
        # Each reference with the ids it may name; a path is only spelt for a problem.
        checks = [(reference, known[reference.target]) for reference in section.references]
        for i, item in enumerate(items_of[section.name]):
            for reference, target in checks:
                wanted = getattr(item, reference.field)
                if target.unknowable:
                    continue
                if reference.many:
                    if not target.ids.issuperset(wanted):
                        path = f"{section.name}[{i}].{reference.field}"
                        _refs(target, path, wanted, problems)
                elif wanted is not None and wanted not in target.ids:
                    _ref(target, f"{section.name}[{i}].{reference.field}", wanted, problems)
        if section.name == "obligations":
            problems.extend(_after_cycles(items_of["obligations"]))
    _ref(known["severities"], "signatures_required_from", plan.signatures_required_from, problems)
    crisis_types = known["crisis_types"]
    for i, exercise in enumerate(plan.training.exercises):
        _ref(
            crisis_types,
            f"training.exercises[{i}].crisis_type",
            exercise.crisis_type,
            problems,
        )

    locale = plan.default_locale
    # A plan being written has no templates yet: it loads, and lint says so (PLN013).
    if (
        locale is not None
        and "templates" not in unreadable
        and items_of["templates"]
        and not any(t.locale == locale for t in items_of["templates"])
    ):
        problems.append(PlanProblem("default_locale", _default_locale_message(locale, items_of)))
    return problems


def _after_cycles(obligations: Sequence[Obligation]) -> list[PlanProblem]:
    """Each obligation on a cycle through 'after', with the cycle from it.

    Linear: each obligation is walked once (a walk stops at an obligation
    already placed), and a cycle is shown in at most `_SHOWN` ids.
    """
    after = {o.id: o.after for o in obligations}
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    cycle_of: dict[str, tuple[list[str], int]] = {}
    for obligation in obligations:
        walk: list[str] = []
        current: str | None = obligation.id
        while current is not None and current in after and current not in state:
            state[current] = 1
            walk.append(current)
            current = after[current]
        if current is not None and state.get(current) == 1:
            cycle = walk[walk.index(current) :]
            for position, member in enumerate(cycle):
                cycle_of[member] = (cycle, position)
        for member in walk:
            state[member] = 2
    problems = []
    for i, obligation in enumerate(obligations):
        found = cycle_of.get(obligation.id)
        if found is None:
            continue
        cycle, position = found
        size = len(cycle)
        shown = [cycle[(position + k) % size] for k in range(min(size, _SHOWN))]
        if size > _SHOWN:
            shown.append(f"... {size - _SHOWN} more")
        shown.append(obligation.id)
        problems.append(
            PlanProblem(
                f"obligations[{i}].after",
                f"obligation {obligation.id!r} counts from itself through 'after'"
                f" ({' -> '.join(shown)}); break the cycle",
            )
        )
    return problems


#: The most ids of a cycle a message shows.
_SHOWN = 12


def _default_locale_message(locale: str, items_of: Mapping[str, Sequence[Any]]) -> str:
    """No template in the default locale: the locales there are, and the nearest."""
    templates = items_of["templates"]
    counts: dict[str, int] = {}
    for template in templates:
        written = getattr(template, "locale", None)
        if isinstance(written, str):
            counts[written] = counts.get(written, 0) + 1
    head = (
        f"no template is written in the default locale {locale!r}"
        f" (templates: {len(templates)}); the default locale is the last resort of every"
        " selection"
    )
    if not counts:
        return f"{head}: add its templates or choose another default"
    language = locale.split("_", 1)[0]
    # The same language first, then the locale most templates are written in.
    near = min(counts, key=lambda c: (c.split("_", 1)[0] != language, -counts[c], c))
    shown_locales = ", ".join(
        f"{c} ({n})" for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    )
    return (
        f"{head}; the templates are written in {shown_locales}: set default_locale to"
        f" {near!r}, or add templates in {locale!r}"
    )
