"""pydantic's validation errors in the project's words.

Each error becomes a `PlanProblem`: its path in the document (such as
``templates[3].stakeholders[0]``) and a message that says what was expected,
what was received and what to do. `load_plan` and every model's constructor
use the same wording.
"""

from __future__ import annotations

import reprlib
from typing import Any

import pydantic

from crisiscomms._errors import ModelError, PlanProblem

__all__ = ["model_error", "problem", "problems_of", "shown"]

_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = 70
_REPR.maxother = 70


def shown(value: object, limit: int = 80) -> str:
    """A short repr of a received value, for messages, whatever its size or depth.

    >>> len(shown("x" * 1000))
    70
    """
    text = _REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def independent(errors: list[Any]) -> list[Any]:
    """The errors without those that only follow from others.

    pydantic checks a list's minimum length on the items that validated, so a
    list whose only item is invalid is also "too short": that is the item's
    problem, already reported, not a second one.
    """
    # Every location that some error lies strictly inside: linear in the errors.
    inner = {tuple(error["loc"])[:depth] for error in errors for depth in range(len(error["loc"]))}
    return [
        error
        for error in errors
        if error["type"] != "too_short" or tuple(error["loc"]) not in inner
    ]


def _path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


#: What to do, by pydantic error type (or its prefix), after what was expected and received.
_HINTS: tuple[tuple[str, str], ...] = (
    ("enum", "use one of these values, spelled exactly"),
    ("literal_error", "use one of these values, spelled exactly"),
    ("bool", "write true or false"),
    ("time_delta", "write an ISO 8601 duration such as 'PT1H', 'PT30M' or 'P3D'"),
    ("datetime", "write an ISO 8601 datetime with an offset, such as '2026-11-24T08:40:00+01:00'"),
    ("date", "write an ISO 8601 date such as '2026-12-25'"),
    ("string_too_short", "fill it in, or leave the field out if it is optional"),
    ("string_unicode", "the text holds a lone surrogate, which is not Unicode: fix its encoding"),
    ("greater_than", "change the value"),
    ("less_than", "change the value"),
    ("int", "write a whole number"),
    ("float", "write a finite number"),
    ("finite_number", "write a finite number (JSON has no infinity or NaN)"),
    ("string", "write it as a string"),
    ("tuple", "write a list (JSON array)"),
    ("list", "write a list (JSON array)"),
    ("dict", "write an object with the fields of the schema (see {schema})"),
    ("model", "write an object with the fields of the schema (see {schema})"),
)


def _hint(kind: str, schema: str) -> str:
    for prefix, hint in _HINTS:
        if kind.startswith(prefix):
            return hint.format(schema=schema)
    return f"see {schema} for the expected form"


def _expected(message: str) -> str:
    """Pydantic's 'Input should be X' as 'expected X'."""
    if message.startswith("Input should be "):
        rest = message.removeprefix("Input should be ")
        if rest.startswith(("greater", "less")):
            rest = "a value " + rest
        return "expected " + rest
    if message.startswith("String should have "):
        return "expected " + message.removeprefix("String should have ")
    return message[:1].lower() + message[1:]


def problem(error: Any, *, schema: str = "Plan.json_schema()") -> PlanProblem:
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
        if location == ("$schema",):
            return PlanProblem(
                path,
                f"expected the URL or path of the plan's JSON Schema as a string,"
                f" got {shown(value)}; fix it or remove the key",
            )
        return PlanProblem(path, f"unknown field; remove it or fix its spelling (see {schema})")
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
            f"expected an aware datetime with a UTC offset, got the naive {shown(value)};"
            " add an offset such as +01:00 or Z",
        )
    if kind == "int_type" and isinstance(value, str):
        hint = (
            "write the number without quotes"
            if value.strip().lstrip("+-").isdigit()
            else "write a whole number"
        )
        return PlanProblem(path, f"expected a whole number, not text, got {shown(value)}; {hint}")
    if kind.startswith(("datetime", "date", "time_delta")) and kind != "datetime_from_date":
        # pydantic's own wording ("day identifier", "invalid character in year") differs
        # between JSON and Python input and names its parser's internals: say it once.
        what = {
            "datetime": "an ISO 8601 datetime with an offset",
            "date": "an ISO 8601 date",
            "time_delta": "an ISO 8601 duration",
        }[next(k for k in ("datetime", "date", "time_delta") if kind.startswith(k))]
        return PlanProblem(path, f"expected {what}, got {shown(value)}; {_hint(kind, schema)}")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        if not location:
            return PlanProblem(
                path,
                f"expected a JSON object (a plan document), got {shown(value)};"
                " write the plan as an object with 'name', 'default_locale', 'timezone',"
                " 'severities', ...",
            )
        # pydantic words this differently for JSON and for Python input; say it once.
        message = "Input should be an object"
    return PlanProblem(path, f"{_expected(message)}, got {shown(value)}; {_hint(kind, schema)}")


def problems_of(
    exc: pydantic.ValidationError, *, schema: str = "Plan.json_schema()"
) -> list[PlanProblem]:
    """Every independent problem of a validation error, in the project's words."""
    errors = independent(exc.errors(include_url=False))
    problems = [problem(error, schema=schema) for error in errors]
    return list(dict.fromkeys(problems))


def model_error(model: type[pydantic.BaseModel], exc: pydantic.ValidationError) -> ModelError:
    """The `ModelError` for a model that did not validate."""
    schema = f"crisiscomms.{model.__name__}.model_json_schema()"
    return ModelError(model.__name__, problems_of(exc, schema=schema))
