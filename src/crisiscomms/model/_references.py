"""Cross-reference checks of a plan: every id a plan element names must exist.

The checks run on anything shaped like a plan (the `Plan` itself, or the
elements of a document that validated one by one), so that `load_plan` can
report broken references together with every other problem of the document.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from crisiscomms._errors import PlanProblem, known_list
from crisiscomms.text._platforms import Platform

if TYPE_CHECKING:
    from crisiscomms.model._elements import (
        Channel,
        CrisisType,
        EscalationRule,
        FactSpec,
        KnownClaim,
        MessageTemplate,
        Obligation,
        Person,
        Role,
        Severity,
        Stakeholder,
        Training,
    )

__all__ = ["PlanShape", "reference_problems"]

_PLATFORMS = frozenset(p.value for p in Platform)


class PlanShape(Protocol):
    """What the checks read: the element lists of a plan, as validated so far."""

    @property
    def default_locale(self) -> str | None: ...
    @property
    def severities(self) -> Sequence[Severity]: ...
    @property
    def stakeholders(self) -> Sequence[Stakeholder]: ...
    @property
    def channels(self) -> Sequence[Channel]: ...
    @property
    def roles(self) -> Sequence[Role]: ...
    @property
    def people(self) -> Sequence[Person]: ...
    @property
    def crisis_types(self) -> Sequence[CrisisType]: ...
    @property
    def facts(self) -> Sequence[FactSpec]: ...
    @property
    def templates(self) -> Sequence[MessageTemplate]: ...
    @property
    def obligations(self) -> Sequence[Obligation]: ...
    @property
    def claims(self) -> Sequence[KnownClaim]: ...
    @property
    def escalation_rules(self) -> Sequence[EscalationRule]: ...
    @property
    def training(self) -> Training: ...


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
    sections: tuple[tuple[str, Sequence[object], str], ...] = (
        ("severities", plan.severities, "id"),
        ("stakeholders", plan.stakeholders, "id"),
        ("channels", plan.channels, "id"),
        ("roles", plan.roles, "id"),
        ("people", plan.people, "id"),
        ("crisis_types", plan.crisis_types, "id"),
        ("facts", plan.facts, "name"),
        ("templates", plan.templates, "id"),
        ("obligations", plan.obligations, "id"),
        ("claims", plan.claims, "id"),
        ("escalation_rules", plan.escalation_rules, "id"),
    )
    for section, items, key in sections:
        _duplicates(section, items, key, problems)

    def known(kind: str, section: str, ids: Iterable[str]) -> _Known:
        return _Known(kind, ids, extra.get(section, ()), unknowable=section in unreadable)

    severities = known("severity", "severities", (s.id for s in plan.severities))
    stakeholders = known("stakeholder", "stakeholders", (s.id for s in plan.stakeholders))
    channels = known("channel", "channels", (c.id for c in plan.channels))
    roles = known("role", "roles", (r.id for r in plan.roles))
    crisis_types = known("crisis type", "crisis_types", (c.id for c in plan.crisis_types))
    obligations = known("obligation", "obligations", (o.id for o in plan.obligations))
    # Templates that did not validate stand in plan.templates with their key.
    template_keys = _Known(
        "template key",
        (t.key for t in plan.templates if t.key is not None),
        unknowable="templates" in unreadable,
    )
    scope_channels = _Known(
        "channel or platform",
        channels.ids | _PLATFORMS,
        unknowable="channels" in unreadable,
    )

    for i, severity in enumerate(plan.severities):
        _refs(roles, f"severities[{i}].approver_roles", severity.approver_roles, problems)
    for i, stakeholder in enumerate(plan.stakeholders):
        _refs(channels, f"stakeholders[{i}].channels", stakeholder.channels, problems)
        _ref(severities, f"stakeholders[{i}].min_severity", stakeholder.min_severity, problems)
    for i, person in enumerate(plan.people):
        _refs(roles, f"people[{i}].roles", person.roles, problems)
    for i, crisis_type in enumerate(plan.crisis_types):
        _ref(
            severities,
            f"crisis_types[{i}].default_severity",
            crisis_type.default_severity,
            problems,
        )
    for i, template in enumerate(plan.templates):
        _refs(crisis_types, f"templates[{i}].crisis_types", template.crisis_types, problems)
        _refs(severities, f"templates[{i}].severities", template.severities, problems)
        _refs(stakeholders, f"templates[{i}].stakeholders", template.stakeholders, problems)
        _refs(scope_channels, f"templates[{i}].channels", template.channels, problems)
    for i, obligation in enumerate(plan.obligations):
        _ref(stakeholders, f"obligations[{i}].stakeholder", obligation.stakeholder, problems)
        _refs(crisis_types, f"obligations[{i}].crisis_types", obligation.crisis_types, problems)
        _ref(severities, f"obligations[{i}].min_severity", obligation.min_severity, problems)
        _ref(obligations, f"obligations[{i}].after", obligation.after, problems)
    problems.extend(_after_cycles(plan.obligations))
    for i, claim in enumerate(plan.claims):
        _ref(template_keys, f"claims[{i}].rebuttal_key", claim.rebuttal_key, problems)
    for i, rule in enumerate(plan.escalation_rules):
        _ref(severities, f"escalation_rules[{i}].to_severity", rule.to_severity, problems)
        _refs(crisis_types, f"escalation_rules[{i}].crisis_types", rule.crisis_types, problems)
    for i, exercise in enumerate(plan.training.exercises):
        _ref(
            crisis_types,
            f"training.exercises[{i}].crisis_type",
            exercise.crisis_type,
            problems,
        )

    locale = plan.default_locale
    if (
        locale is not None
        and "templates" not in unreadable
        and not any(t.locale == locale for t in plan.templates)
    ):
        problems.append(
            PlanProblem(
                "default_locale",
                f"no template is written in the default locale {locale!r}"
                f" (templates: {len(plan.templates)}); the default locale is the last resort"
                " of every selection: add its templates or choose another default",
            )
        )
    return problems


def _after_cycles(obligations: Sequence[Obligation]) -> list[PlanProblem]:
    after = {o.id: o.after for o in obligations}
    problems = []
    for i, obligation in enumerate(obligations):
        chain = [obligation.id]
        current = obligation.after
        while current is not None and current in after:
            if current == obligation.id:
                problems.append(
                    PlanProblem(
                        f"obligations[{i}].after",
                        f"obligation {obligation.id!r} counts from itself through 'after'"
                        f" ({' -> '.join([*chain, obligation.id])}); break the cycle",
                    )
                )
                break
            if current in chain:  # a cycle further on: reported from its own members
                break
            chain.append(current)
            current = after[current]
    return problems
