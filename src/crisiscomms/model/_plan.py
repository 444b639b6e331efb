"""`Plan`: the aggregate of a crisis communication plan, and the `Situation` it meets."""

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Self, TypeVar, final

from pydantic import AwareDatetime, Field, ValidationInfo, model_validator

from crisiscomms._errors import InputError, known_list
from crisiscomms.model._base import (
    LocaleId,
    Mode,
    Model,
    Phase,
    PositiveInt,
    SlugRef,
    TimeZoneName,
)
from crisiscomms.model._calendars import CalendarName
from crisiscomms.model._domains import DomainName, SchemeName
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
from crisiscomms.model._facts import Facts
from crisiscomms.model._marking import ExerciseMarkers, MarkerPlacement
from crisiscomms.model._references import reference_problems

__all__ = ["Plan", "Situation"]

_E = TypeVar("_E")


def _by_id(items: Sequence[_E], key: Callable[[_E], str]) -> dict[str, _E]:
    return {key(item): item for item in items}


def _lookup(index: Mapping[str, _E], wanted: str, what: str, argument: str) -> _E:
    try:
        return index[wanted]
    except (KeyError, TypeError):
        raise InputError.for_argument(
            argument, f"the id of one of the plan's {what}", wanted, hint=known_list(index)
        ) from None


@final
class Plan(Model):
    """A crisis communication plan: who is told what, where, by when, by whom.

    Build one with `crisiscomms.load_plan`, which reports every problem at
    once with its path; constructing `Plan(...)` directly also refuses broken
    references, but in pydantic's error form. References between elements are
    by id. Lookups by id (`severity`, `stakeholder`, ...) use indexes built
    once per plan.

    >>> from crisiscomms.samples import demo_plan
    >>> plan = demo_plan()
    >>> plan.severity_rank(plan.severities[-1].id) == len(plan.severities) - 1
    True
    """

    name: Annotated[str, Field(min_length=1)]
    default_locale: LocaleId
    timezone: TimeZoneName
    severities: Annotated[tuple[Severity, ...], Field(min_length=1)]
    stakeholders: tuple[Stakeholder, ...] = ()
    channels: tuple[Channel, ...] = ()
    roles: tuple[Role, ...] = ()
    people: tuple[Person, ...] = ()
    crisis_types: tuple[CrisisType, ...] = ()
    facts: tuple[FactSpec, ...] = ()
    templates: tuple[MessageTemplate, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    claims: tuple[KnownClaim, ...] = ()
    escalation_rules: tuple[EscalationRule, ...] = ()
    allowed_domains: tuple[DomainName, ...] = ()
    #: The URL schemes links in messages may use (SEC008 for others); add ``mailto`` or ``tel``.
    allowed_schemes: tuple[SchemeName, ...] = ("http", "https")
    holidays: tuple[date, ...] = ()
    calendar: CalendarName | None = None
    training: Training = Field(default_factory=Training)
    exercise_markers: ExerciseMarkers = Field(default_factory=dict)
    exercise_marker_placement: MarkerPlacement = MarkerPlacement.START
    #: Approvals at this severity or above count only when signed (`crisiscomms.sign_approval`).
    signatures_required_from: SlugRef | None = None

    @model_validator(mode="before")
    @classmethod
    def _ignore_schema_link(cls, data: Any) -> Any:
        # Editors find a document's JSON Schema through a top-level "$schema" key;
        # it says where the schema is, not what the plan is, so it is not kept.
        if isinstance(data, Mapping) and isinstance(data.get("$schema"), str):
            return {key: value for key, value in data.items() if key != "$schema"}
        return data

    @model_validator(mode="after")
    def _check_references(self, info: ValidationInfo) -> Self:
        # load_plan runs the same checks itself to report them with their paths.
        if isinstance(info.context, Mapping) and info.context.get("skip_references"):
            return self
        problems = reference_problems(self)
        if problems:
            raise ValueError("; ".join(str(p) for p in problems))
        return self

    # -- lookups -------------------------------------------------------------

    @functools.cached_property
    def _severity_index(self) -> dict[str, Severity]:
        return _by_id(self.severities, lambda s: s.id)

    @functools.cached_property
    def _severity_ranks(self) -> dict[str, int]:
        return {s.id: rank for rank, s in enumerate(self.severities)}

    @functools.cached_property
    def _stakeholder_index(self) -> dict[str, Stakeholder]:
        return _by_id(self.stakeholders, lambda s: s.id)

    @functools.cached_property
    def _channel_index(self) -> dict[str, Channel]:
        return _by_id(self.channels, lambda c: c.id)

    @functools.cached_property
    def _template_index(self) -> dict[str, MessageTemplate]:
        return _by_id(self.templates, lambda t: t.id)

    @functools.cached_property
    def _crisis_type_index(self) -> dict[str, CrisisType]:
        return _by_id(self.crisis_types, lambda c: c.id)

    @functools.cached_property
    def _role_index(self) -> dict[str, Role]:
        return _by_id(self.roles, lambda r: r.id)

    @functools.cached_property
    def _person_index(self) -> dict[str, Person]:
        return _by_id(self.people, lambda p: p.id)

    @functools.cached_property
    def _fact_index(self) -> dict[str, FactSpec]:
        return _by_id(self.facts, lambda f: f.name)

    def severity(self, id: str, /) -> Severity:
        """The severity level with this id.

        >>> from crisiscomms.samples import demo_plan
        >>> demo_plan().severity("critical").cap_severity
        <CapSeverity.EXTREME: 'Extreme'>

        Raises:
            InputError: when the plan has no such level; the message lists the known ones.
        """
        return _lookup(self._severity_index, id, "severities", "severity")

    def severity_rank(self, id: str, /) -> int:
        """The position of a level on the scale, 0 for the lowest.

        >>> from crisiscomms.samples import demo_plan
        >>> demo_plan().severity_rank("low")
        0

        Raises:
            InputError: when the plan has no such level.
        """
        return _lookup(self._severity_ranks, id, "severities", "severity")

    def stakeholder(self, id: str, /) -> Stakeholder:
        """The stakeholder with this id (`InputError` if unknown)."""
        return _lookup(self._stakeholder_index, id, "stakeholders", "stakeholder")

    def channel(self, id: str, /) -> Channel:
        """The channel with this id (`InputError` if unknown)."""
        return _lookup(self._channel_index, id, "channels", "channel")

    def template(self, id: str, /) -> MessageTemplate:
        """The template with this id (`InputError` if unknown)."""
        return _lookup(self._template_index, id, "templates", "template")

    def crisis_type(self, id: str, /) -> CrisisType:
        """The crisis type with this id (`InputError` if unknown)."""
        return _lookup(self._crisis_type_index, id, "crisis types", "crisis_type")

    def role(self, id: str, /) -> Role:
        """The role with this id (`InputError` if unknown)."""
        return _lookup(self._role_index, id, "roles", "role")

    def person(self, id: str, /) -> Person:
        """The person with this id (`InputError` if unknown)."""
        return _lookup(self._person_index, id, "people", "person")

    def fact(self, name: str, /) -> FactSpec:
        """The fact spec with this name (`InputError` if unknown)."""
        return _lookup(self._fact_index, name, "facts", "fact")

    def has_channel(self, id: str, /) -> bool:
        """True when the plan has a channel with this id (a dictionary look-up).

        >>> from crisiscomms.samples import demo_plan
        >>> demo_plan().has_channel("sms"), demo_plan().has_channel("x")
        (True, False)
        """
        return id in self._channel_index

    def has_fact(self, name: str, /) -> bool:
        """True when the plan specifies a fact of this name."""
        return name in self._fact_index

    def stakeholder_timezone(self, id: str, /) -> str:
        """The time zone a stakeholder reads in: theirs, else the plan's."""
        return self.stakeholder(id).timezone or self.timezone

    # -- situations ----------------------------------------------------------

    def check_situation(self, situation: "Situation", /) -> None:
        """Check that a situation refers only to what this plan defines.

        >>> from crisiscomms.samples import demo_plan, demo_situation
        >>> demo_plan().check_situation(demo_situation())

        Raises:
            InputError: naming every unknown crisis type, severity or stakeholder.
        """
        if not isinstance(situation, Situation):
            raise InputError.for_type("situation", "a crisiscomms.Situation", situation)
        problems = []
        if situation.crisis_type not in self._crisis_type_index:
            problems.append(
                f"crisis_type {situation.crisis_type!r} is not in the plan"
                f" ({known_list(self._crisis_type_index)})"
            )
        if situation.severity not in self._severity_index:
            problems.append(
                f"severity {situation.severity!r} is not in the plan"
                f" ({known_list((s.id for s in self.severities), ordered=True)})"
            )
        problems.extend(
            f"stakeholders: {sid!r} is not in the plan ({known_list(self._stakeholder_index)})"
            for sid in situation.stakeholders or ()
            if sid not in self._stakeholder_index
        )
        if problems:
            raise InputError(
                "the situation does not fit the plan: "
                + "; ".join(problems)
                + "; use the plan's ids",
                argument="situation",
                value=situation,
            )

    # -- serialisation -------------------------------------------------------

    def __repr__(self) -> str:
        """A short summary (name and counts); `to_json` gives the whole plan.

        >>> from crisiscomms.samples import demo_plan
        >>> demo_plan()
        Plan('Lumea — plan de communication de crise': 4 severities, 6 stakeholders, ...)
        """
        counts = ", ".join(
            f"{len(getattr(self, name))} {name.replace('_', ' ')}"
            for name in (
                "severities",
                "stakeholders",
                "channels",
                "templates",
                "crisis_types",
                "obligations",
                "claims",
            )
        )
        return f"Plan({self.name!r}: {counts}, ...)"

    def to_json(self, *, indent: int | None = None) -> str:
        """The plan as JSON that `load_plan` reads back to an equal plan.

        >>> from crisiscomms import load_plan
        >>> from crisiscomms.samples import demo_plan
        >>> load_plan(demo_plan().to_json()) == demo_plan()
        True
        """
        return self.model_dump_json(indent=indent)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of a plan document, for editors and other languages.

        The schema is JSON Schema draft 2020-12. It allows a top-level
        ``"$schema"`` key (the link editors follow to find the schema), which
        `load_plan` accepts and ignores, and the computed ``digest`` of each
        template, which `Plan.to_json` writes and `load_plan` checks.

        >>> schema = Plan.json_schema()
        >>> schema["title"], schema["required"]
        ('Plan', ['name', 'default_locale', 'timezone', 'severities'])

        Cross-references (a stakeholder's channels must be channel ids, ...)
        are beyond JSON Schema: `load_plan` checks them.
        """
        schema = cls.model_json_schema(mode="validation")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **schema,
            "properties": {
                "$schema": {
                    "type": "string",
                    "description": "Where editors find this schema; ignored when loading.",
                },
                **schema["properties"],
            },
        }
        # Round-trip with json so that callers get plain JSON types only.
        result: dict[str, Any] = json.loads(json.dumps(schema))
        return result


@final
class Situation(Model):
    """The crisis now: its type, severity and phase, when it was detected, its facts.

    `facts` map names to values (see `crisiscomms.model._facts` for their JSON
    form); `stakeholders`, when given, restricts who is addressed;
    `facts_version` counts the revisions of the fact sheet.

    >>> from datetime import datetime, timezone
    >>> s = Situation(crisis_type="outage", severity="high", phase="initial",
    ...               detected_at=datetime(2026, 11, 24, 8, 30, tzinfo=timezone.utc),
    ...               facts={"service": "Espace client"})
    >>> s.mode
    <Mode.ACTUAL: 'actual'>
    """

    crisis_type: SlugRef
    severity: SlugRef
    phase: Phase = Phase.INITIAL
    detected_at: AwareDatetime
    facts: Facts = Field(default_factory=dict)
    mode: Mode = Mode.ACTUAL
    stakeholders: tuple[SlugRef, ...] | None = None
    facts_version: PositiveInt = 1

    def with_facts(self, **facts: object) -> "Situation":
        """A copy with some facts added or changed, and `facts_version` increased.

        >>> from crisiscomms.samples import demo_situation
        >>> s = demo_situation().with_facts(affected_customers=15000)
        >>> s.facts["affected_customers"], s.facts_version
        (15000, 2)
        """
        merged = {**self.facts, **facts}
        return Situation.model_validate(
            {**self.model_dump(), "facts": merged, "facts_version": self.facts_version + 1}
        )
