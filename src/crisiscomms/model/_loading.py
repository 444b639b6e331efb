"""`load_plan`: from a mapping, JSON text or bytes to a `Plan`, or every problem at once."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any, final

import attrs
import pydantic

from crisiscomms._errors import PlanError, PlanProblem
from crisiscomms.model._base import normalize_locale
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
)
from crisiscomms.model._plan import Plan
from crisiscomms.model._references import reference_problems

__all__ = ["load_plan"]

_NO_REFERENCES = {"skip_references": True}

#: The element sections of a plan document, with their model and their key field.
_SECTIONS: dict[str, tuple[type[pydantic.BaseModel], str]] = {
    "severities": (Severity, "id"),
    "stakeholders": (Stakeholder, "id"),
    "channels": (Channel, "id"),
    "roles": (Role, "id"),
    "people": (Person, "id"),
    "crisis_types": (CrisisType, "id"),
    "facts": (FactSpec, "name"),
    "templates": (MessageTemplate, "id"),
    "obligations": (Obligation, "id"),
    "claims": (KnownClaim, "id"),
    "escalation_rules": (EscalationRule, "id"),
}


def load_plan(data: Mapping[str, Any] | str | bytes, /) -> Plan:
    """Load a plan from a mapping, a JSON string or JSON bytes.

    Every problem of the document is reported at once, each with its path:
    fields of the wrong type or form, naive datetimes, unknown locales and
    time zones, ids that are not slugs, duplicate ids, and references to
    elements that do not exist (a stakeholder's channels, a template's scope,
    a person's roles, an obligation's stakeholder, a claim's rebuttal key, an
    escalation rule's severity, ...).

    Args:
        data: the plan document. A ``str`` or ``bytes`` is parsed as JSON.

    Returns:
        The validated, frozen plan.

    Raises:
        PlanError: listing every problem; `PlanError.problems` holds them.

    >>> plan = load_plan('''{"name": "Demo", "default_locale": "fr_FR",
    ...   "timezone": "Europe/Paris",
    ...   "severities": [{"id": "low", "label": "Low",
    ...                   "first_statement_within": "PT4H", "update_every": "P1D"}],
    ...   "templates": [{"id": "t", "key": "t", "locale": "fr_FR", "phase": "initial",
    ...                  "text": "Bonjour"}]}''')
    >>> plan.severities[0].first_statement_within
    datetime.timedelta(seconds=14400)
    >>> load_plan({"name": "Demo", "default_locale": "fr_FR", "timezone": "Mars/Olympus",
    ...            "severities": []})
    Traceback (most recent call last):
    ...
    crisiscomms.PlanError: the plan has 3 problems:
      timezone: expected an IANA time zone name such as 'Europe/Paris' or 'UTC', got 'Mars/Olympus'; see the tz database's zone names
      severities: expected at least 1 item, got 0; add the plan's levels, lowest first
      default_locale: no template is written in the default locale 'fr_FR' (templates: 0); the default locale is the last resort of every selection: add its templates or choose another default
    """  # noqa: E501
    document: object
    try:
        if isinstance(data, str | bytes | bytearray):
            plan = Plan.model_validate_json(data, context=_NO_REFERENCES)
        elif isinstance(data, Mapping):
            plan = Plan.model_validate(data, context=_NO_REFERENCES)
        else:
            raise PlanError(
                [
                    PlanProblem(
                        "",
                        "expected a mapping, a JSON string or JSON bytes,"
                        f" got {type(data).__name__}; pass the parsed document or its text",
                    )
                ]
            )
    except pydantic.ValidationError as exc:
        problems = [_problem(error) for error in exc.errors(include_url=False)]
        if isinstance(data, str | bytes | bytearray):
            try:
                document = json.loads(data)
            except (ValueError, RecursionError):
                # pydantic already reported the JSON error with its line and column.
                raise PlanError(problems) from None
        else:
            document = data
        problems.extend(_reference_problems_of_document(document))
        raise PlanError(_unique(problems)) from None
    problems = reference_problems(plan)
    if problems:
        raise PlanError(problems)
    return plan


def _unique(problems: list[PlanProblem]) -> list[PlanProblem]:
    return list(dict.fromkeys(problems))


@final
@attrs.frozen
class _Parts:
    """The elements of a document that validated on their own."""

    # Elements that did not validate stand here as namespaces of their references.
    default_locale: str | None
    severities: tuple[Any, ...]
    stakeholders: tuple[Any, ...]
    channels: tuple[Any, ...]
    roles: tuple[Any, ...]
    people: tuple[Any, ...]
    crisis_types: tuple[Any, ...]
    facts: tuple[Any, ...]
    templates: tuple[Any, ...]
    obligations: tuple[Any, ...]
    claims: tuple[Any, ...]
    escalation_rules: tuple[Any, ...]


def _reference_problems_of_document(document: object) -> list[PlanProblem]:
    """Reference problems among the elements that are valid on their own.

    Elements that failed validation are already reported; their ids still
    count as known, so that references to them are not reported twice.
    """
    if not isinstance(document, Mapping):
        return []
    parts: dict[str, tuple[Any, ...]] = {}
    extra: dict[str, list[str]] = {}
    for section, (model, key) in _SECTIONS.items():
        raw = document.get(section, ())
        if not isinstance(raw, list | tuple):
            extra[section] = []
            parts[section] = ()
            continue
        valid: list[object] = []
        for item in raw:
            try:
                valid.append(model.model_validate(item))
            except pydantic.ValidationError:
                view = _reference_view(section, key, item)
                if view is not None:
                    # Invalid elements still count, with the references they hold.
                    valid.append(view)
                    extra.setdefault(section, []).append(getattr(view, key))
                else:
                    extra.setdefault(section, [])
        parts[section] = tuple(valid)
    locale = document.get("default_locale")
    checked_locale: str | None = None
    if isinstance(locale, str):
        with contextlib.suppress(ValueError):  # an invalid one is already reported
            checked_locale = normalize_locale(locale)
    return reference_problems(
        _Parts(default_locale=checked_locale, **parts),
        extra_ids=extra,
    )


#: The reference fields each section's checks read: single ids, and lists of ids.
_REFERENCE_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "severities": ((), ("approver_roles",)),
    "stakeholders": (("min_severity",), ("channels",)),
    "channels": ((), ()),
    "roles": ((), ()),
    "people": ((), ("roles",)),
    "crisis_types": (("default_severity",), ()),
    "facts": ((), ()),
    "templates": (("key", "locale"), ("crisis_types", "severities", "stakeholders", "channels")),
    "obligations": (("stakeholder", "min_severity", "after"), ("crisis_types",)),
    "claims": (("rebuttal_key",), ()),
    "escalation_rules": (("to_severity",), ("crisis_types",)),
}


def _reference_view(section: str, key: str, item: object) -> SimpleNamespace | None:
    """The id and the well-formed references of an element that did not validate."""
    if not isinstance(item, Mapping) or not isinstance(item.get(key), str):
        return None
    singles, lists = _REFERENCE_FIELDS[section]
    view = SimpleNamespace(**{key: item[key]})
    for name in singles:
        value = item.get(name)
        setattr(view, name, value if isinstance(value, str) else None)
    for name in lists:
        value = item.get(name)
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            setattr(view, name, tuple(value))
        else:
            setattr(view, name, ())
    if section == "templates" and view.locale is not None:
        try:
            view.locale = normalize_locale(view.locale)
        except ValueError:
            view.locale = None
    return view


def _path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _problem(error: Any) -> PlanProblem:
    """A pydantic error in our words: what was expected, what came, what to do."""
    kind: str = error["type"]
    location: tuple[int | str, ...] = tuple(error["loc"])
    # Errors inside tagged unions and validators add technical loc parts; drop them.
    location = tuple(p for p in location if not (isinstance(p, str) and "[" in p))
    path = _path(location)
    value = error.get("input")
    message: str = error["msg"]
    if kind == "json_invalid":
        return PlanProblem("", f"{message}; fix the JSON syntax there")
    if kind == "value_error":
        return PlanProblem(path, message.removeprefix("Value error, "))
    if kind == "missing":
        return PlanProblem(path, "required field is missing; add it")
    if kind == "extra_forbidden":
        return PlanProblem(
            path, "unknown field; remove it or fix its spelling (see Plan.json_schema())"
        )
    if kind == "too_short":
        context = error.get("ctx") or {}
        hint = (
            "add the plan's levels, lowest first"
            if location == ("severities",)
            else "add at least one"
        )
        return PlanProblem(
            path,
            f"expected at least {context.get('min_length', 1)} item,"
            f" got {context.get('actual_length', 0)}; {hint}",
        )
    if kind == "timezone_aware":
        return PlanProblem(
            path,
            f"expected an aware datetime with a UTC offset, got the naive {_shown(value)};"
            " add an offset such as +01:00 or Z",
        )
    return PlanProblem(path, f"{message[:1].lower()}{message[1:]}; got {_shown(value)}")
