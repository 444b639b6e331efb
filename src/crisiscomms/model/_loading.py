"""`load_plan`: from a mapping, JSON text or bytes to a `Plan`, or every problem at once."""

from __future__ import annotations

import codecs
import contextlib
import json
from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import pydantic

from crisiscomms._errors import ModelError, PlanError, PlanProblem
from crisiscomms.model._base import is_slug, normalize_locale
from crisiscomms.model._elements import ARGUMENTS
from crisiscomms.model._placeholders import placeholder_problems
from crisiscomms.model._plan import Plan
from crisiscomms.model._problems import (
    in_document_order,
    independent,
    problem,
    surrogate_problems,
)
from crisiscomms.model._references import reference_problems
from crisiscomms.model._sections import SECTIONS, Section
from crisiscomms.text._messageformat import ParsedMessage
from crisiscomms.text._patterns import lazy_re

__all__ = ["load_plan"]

Arguments = dict[str, ParsedMessage]


def _context(arguments: Arguments) -> dict[str, Any]:
    # The template texts' arguments are kept as they are parsed, for the fact checks.
    return {"skip_references": True, ARGUMENTS: arguments}


def _validate_json(source: str | bytes | bytearray, arguments: Arguments) -> Plan:
    # pydantic's own error, not ModelError: the loader words and completes it itself.
    plan: Plan = Plan.__pydantic_validator__.validate_json(source, context=_context(arguments))
    return plan


def _validate_python(source: Mapping[str, Any], arguments: Arguments) -> Plan:
    plan: Plan = Plan.__pydantic_validator__.validate_python(source, context=_context(arguments))
    return plan


def load_plan(data: Mapping[str, Any] | str | bytes, /) -> Plan:
    """Load a plan from a mapping, a JSON string or JSON bytes.

    Every problem of the document is reported at once, each with its path:
    fields of the wrong type or form, naive datetimes, unknown locales and
    time zones, ids that are not slugs, duplicate ids, and references to
    elements that do not exist (a stakeholder's channels, a template's scope,
    a person's roles, an obligation's stakeholder, a claim's rebuttal key, an
    escalation rule's severity, ...), a default locale without templates.
    Each problem says what was expected, what was received and what to do.
    Problems that only follow from another one (references into a section
    that is not a list at all) are left out, so each entry is worth fixing.

    Two kinds of ids are deliberately not checked: the people of an approval
    (``approved_by``) and of a past exercise (``participants``). They record
    the past, and someone may have left the team since; whether an approval
    still counts is `approval_status`'s question ("unknown approver").

    A top-level ``"$schema"`` string (the link editors use to find
    `Plan.json_schema`) is accepted and ignored, and so is a UTF-8 byte
    order mark at the start of JSON text or bytes.

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
    crisiscomms.PlanError: the plan has 2 problems:
      timezone: expected an IANA time zone name such as 'Europe/Paris' or 'UTC', got 'Mars/Olympus'; see the tz database's zone names
      severities: expected at least 1 item, got 0; add the plan's levels, lowest first
    """  # noqa: E501
    document: object
    source = _without_byte_order_mark(data)
    if isinstance(source, str) and _FILE_NAME.fullmatch(source.strip()):
        raise PlanError(
            [
                PlanProblem(
                    "",
                    f"expected the plan's JSON text, got {source.strip()!r}, which looks like a"
                    " file name; load_plan reads no files: pass the file's text, e.g."
                    f" load_plan(Path({source.strip()!r}).read_text(encoding='utf-8'))",
                )
            ]
        )
    arguments: Arguments = {}
    # A mapping can hold a lone surrogate, which no JSON text can: the plan could not be written.
    surrogates = surrogate_problems(source) if isinstance(source, Mapping) else []
    try:
        if isinstance(source, str | bytes | bytearray):
            plan = _validate_json(source, arguments)
        elif isinstance(source, Mapping):
            plan = _validate_python(source, arguments)
        else:
            raise PlanError(
                [
                    PlanProblem(
                        "",
                        "expected a mapping, a JSON string or JSON bytes,"
                        f" got {type(source).__name__}; pass the parsed document or its text",
                    )
                ]
            )
    except pydantic.ValidationError as exc:
        problems = [problem(error) for error in independent(exc.errors(include_url=False))]
        if isinstance(source, str | bytes | bytearray):
            try:
                document = json.loads(source)
            except (ValueError, RecursionError):
                # pydantic already reported the JSON error with its line and column.
                raise PlanError(problems) from None
        else:
            document = source
        problems.extend(_reference_problems_of_document(document, arguments))
        raise PlanError(in_document_order(_unique([*surrogates, *problems]), document)) from None
    problems = [*surrogates, *reference_problems(plan)]
    problems.extend(placeholder_problems(plan.templates, plan.facts, parsed_of=arguments.get))
    if problems:
        document = source if isinstance(source, Mapping) else json.loads(source)
        raise PlanError(in_document_order(problems, document))
    return plan


# A path or file name rather than JSON text: no JSON value starts this way.
_FILE_NAME = lazy_re(r"[^\s{}\[\]\"]{0,1000}\.(?:json|ya?ml|toml|txt)|[.~]?[/\\][^\n{}]{0,1000}")

_UTF16_OR_32 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


def _without_byte_order_mark(data: object) -> object:
    """The document without a leading UTF-8 byte order mark.

    JSON text must not start with one, but parsers may ignore it (RFC 8259,
    section 8.1), and editors on Windows often write it; like `json.loads`
    for bytes, the loader ignores it. A UTF-16 or UTF-32 mark means the text
    is not UTF-8 at all, which is said plainly rather than as a syntax error.
    """
    if isinstance(data, bytes | bytearray):
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :]
        if data.startswith(_UTF16_OR_32):
            raise PlanError(
                [
                    PlanProblem(
                        "",
                        "expected JSON encoded as UTF-8, got bytes that start with a UTF-16 or"
                        " UTF-32 byte order mark; save the document as UTF-8",
                    )
                ]
            )
    elif isinstance(data, str) and data.startswith("\ufeff"):
        return data[1:]
    return data


def _unique(problems: list[PlanProblem]) -> list[PlanProblem]:
    return list(dict.fromkeys(problems))


def _reference_problems_of_document(document: object, arguments: Arguments) -> list[PlanProblem]:
    """Reference problems among the elements that are valid on their own.

    Elements that failed validation are already reported; their ids still
    count as known, so that references to them are not reported twice.
    """
    if not isinstance(document, Mapping):
        return []
    parts: dict[str, tuple[Any, ...]] = {}
    extra: dict[str, list[str]] = {}
    unreadable: set[str] = set()
    for section in SECTIONS:
        raw = document.get(section.name, ())
        if not isinstance(raw, list | tuple):
            unreadable.add(section.name)
            parts[section.name] = ()
            continue
        valid: list[object] = []
        for item in raw:
            try:
                valid.append(section.model.model_validate(item))
            except ModelError:
                view = _reference_view(section, item)
                if view is not None:
                    # Invalid elements still count, with the references they hold.
                    valid.append(view)
                    extra.setdefault(section.name, []).append(getattr(view, section.key))
                else:
                    extra.setdefault(section.name, [])
        parts[section.name] = tuple(valid)
    locale = document.get("default_locale")
    checked_locale: str | None = None
    if isinstance(locale, str):
        with contextlib.suppress(ValueError):  # an invalid one is already reported
            checked_locale = normalize_locale(locale)
    # The elements that validated on their own; invalid ones stand as views of their references.
    required_from = document.get("signatures_required_from")
    shape = SimpleNamespace(
        default_locale=checked_locale,
        training=_training_view(document),
        signatures_required_from=required_from if isinstance(required_from, str) else None,
        **parts,
    )
    problems = reference_problems(
        shape,
        extra_ids=extra,
        unreadable=unreadable,
    )
    if "facts" not in unreadable and "templates" not in unreadable:
        problems.extend(
            placeholder_problems(parts["templates"], parts["facts"], parsed_of=arguments.get)
        )
    return problems


def _training_view(document: Mapping[Any, Any]) -> SimpleNamespace:
    """The references of the training record: the crisis type of each exercise."""
    training = document.get("training")
    raw = training.get("exercises") if isinstance(training, Mapping) else None
    exercises = [
        # One view per item, so that paths keep their index; None: nothing to check.
        SimpleNamespace(
            crisis_type=item.get("crisis_type")
            if isinstance(item, Mapping) and isinstance(item.get("crisis_type"), str)
            else None
        )
        for item in (raw if isinstance(raw, list | tuple) else ())
    ]
    return SimpleNamespace(exercises=tuple(exercises))


def _reference_view(section: Section, item: object) -> SimpleNamespace | None:
    """The id and the well-formed references of an element that did not validate.

    A reference that is not even an id (not a slug) is already reported as
    such; it stands as None, so that it is not reported a second time as
    unknown, and the other references keep their index.
    """
    key = section.key
    if not isinstance(item, Mapping) or not isinstance(item.get(key), str):
        return None
    view = SimpleNamespace(**{key: item[key]})
    for name in section.defines:
        # A template's key and locale define, they do not refer: any string counts.
        value = item.get(name)
        setattr(view, name, value if isinstance(value, str) else None)
    for reference in section.references:
        value = item.get(reference.field)
        if not reference.many:
            setattr(view, reference.field, value if is_slug(value) else None)
        elif isinstance(value, list | tuple):
            setattr(view, reference.field, tuple(v if is_slug(v) else None for v in value))
        else:
            setattr(view, reference.field, ())
    if "locale" in section.defines and view.locale is not None:
        try:
            view.locale = normalize_locale(view.locale)
        except ValueError:
            view.locale = None
    return view
