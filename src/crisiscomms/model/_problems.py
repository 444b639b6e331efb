"""pydantic's validation errors in the project's words.

Each error becomes a `PlanProblem`: its path in the document (such as
``templates[3].stakeholders[0]``) and a message that says what was expected,
what was received and what to do. `load_plan` and every model's constructor
use the same wording.
"""

from __future__ import annotations

import json
import reprlib
from collections.abc import Mapping
from typing import Any

import pydantic

from crisiscomms._errors import ModelError, PlanProblem
from crisiscomms.text._patterns import lazy_re

__all__ = [
    "in_document_order",
    "model_error",
    "problem",
    "problems_of",
    "shown",
    "surrogate_problems",
]

_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = 70
_REPR.maxother = 70


def shown(value: object, limit: int = 80) -> str:
    """A short repr of a received value, for messages, whatever its size or depth.

    >>> len(shown("x" * 1000))
    70
    >>> shown(10**5000)
    '<a number of about 5,000 digits>'
    """
    try:
        text = _REPR.repr(value)
    except ValueError:  # an int beyond 4,300 digits has no decimal repr
        text = f"<a number of about {int(value.bit_length() * 0.30103):,} digits>"  # type: ignore[attr-defined]
    return text if len(text) <= limit else text[: limit - 3] + "..."


_SURROGATE = lazy_re("[\ud800-\udfff]")


def surrogate_problems(value: object) -> list[PlanProblem]:
    r"""Every string of `value` (a mapping or list, at any depth) with a lone surrogate.

    A lone surrogate (``"\ud800"``) is not Unicode: Python strings can hold
    one, but no JSON or UTF-8 text can, so a model holding one could not be
    written out (`Plan.to_json`). JSON text never yields one; a mapping can.
    The quick test encodes everything at once; only a failure walks the value.

    >>> [problem] = surrogate_problems({"claims": [{"patterns": {"fr": [["lu\ud800mea"]]}}]})
    >>> print(problem.path, problem.message[-87:])
    claims[0].patterns.fr[0][0] U+D800 at position 2; fix the text's encoding (a lone surrogate is half of a character)
    """  # noqa: E501
    try:
        # Values that are not JSON (models, datetimes) were validated already: not walked.
        json.dumps(value, ensure_ascii=False, default=_opaque, check_circular=False).encode()
    except (UnicodeEncodeError, TypeError, ValueError, RecursionError):
        pass
    else:
        return []
    found: list[PlanProblem] = []
    _find_surrogates(value, (), found, 0)
    return found


def _opaque(value: object) -> None:
    return None


def _surrogate_problem(path: str, value: str) -> PlanProblem:
    match = _SURROGATE.search(value)
    assert match is not None
    return PlanProblem(
        path,
        f"expected Unicode text, got {shown(value)}, which holds the lone surrogate"
        f" U+{ord(match.group()):04X} at position {match.start()}; fix the text's"
        " encoding (a lone surrogate is half of a character)",
    )


def _find_surrogates(
    value: object, location: tuple[int | str, ...], found: list[PlanProblem], depth: int
) -> None:
    if depth > 100 or len(found) >= 100:  # deeper than any plan; the first hundred say it
        return
    if isinstance(value, str):
        if _SURROGATE.search(value) is not None:
            found.append(_surrogate_problem(_path(location), value))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str) and _SURROGATE.search(key):
                _find_surrogates(key, (*location, key), found, depth + 1)
            _find_surrogates(item, (*location, str(key)), found, depth + 1)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _find_surrogates(item, (*location, index), found, depth + 1)


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


_PART = lazy_re(r"\[(\d+)\]|([^.\[\]]+)")


def in_document_order(problems: list[PlanProblem], document: object) -> list[PlanProblem]:
    """`problems` in the order of their paths in `document`, as a reader meets them.

    A problem of the document itself comes first, a field before the fields
    inside it; a field the document lacks (a required one) comes after its
    siblings. Problems at one path keep their order.

    >>> document = {"name": "x", "severities": [], "timezone": "Mars/Olympus"}
    >>> [p.path for p in in_document_order(
    ...     [PlanProblem("timezone", "..."), PlanProblem("default_locale", "..."),
    ...      PlanProblem("severities", "..."), PlanProblem("", "...")], document)]
    ['', 'severities', 'timezone', 'default_locale']
    """
    positions: dict[int, dict[str, int]] = {}

    def key(path: str) -> tuple[int, ...]:
        node: object = document
        place: list[int] = []
        for index, name in _PART.findall(path):
            if index and isinstance(node, list | tuple):
                place.append(int(index))
                node = node[int(index)] if int(index) < len(node) else None
            elif name and isinstance(node, Mapping):
                order = positions.get(id(node))
                if order is None:
                    order = positions[id(node)] = {str(k): i for i, k in enumerate(node)}
                place.append(order.get(name, len(order)))
                node = node.get(name)
            else:
                place.append(int(index) if index else 0)
                node = None
        return tuple(place)

    return sorted(problems, key=lambda problem: key(problem.path))


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


#: pydantic's names of types, in the words of a JSON document's author.
_OUR_WORDS = (
    ("a valid tuple", "a list (JSON array)"),
    ("a valid list", "a list (JSON array)"),
    ("a valid array", "a list (JSON array)"),
    ("a valid dictionary", "an object"),
    ("a valid string", "a string"),
    ("a valid integer", "a whole number"),
    ("a valid number", "a number"),
    ("a valid boolean", "true or false"),
    ("a valid ", "a "),
)


def _expected(message: str) -> str:
    """Pydantic's 'Input should be X' as 'expected X'."""
    if message.startswith("Input should be "):
        rest = message.removeprefix("Input should be ")
        for pydantic_words, ours in _OUR_WORDS:
            rest = rest.replace(pydantic_words, ours)
        if rest.startswith(("greater", "less")):
            rest = "a value " + rest
        return "expected " + rest
    if message.startswith("String should have "):
        return "expected " + message.removeprefix("String should have ")
    return message[:1].lower() + message[1:]


#: JSON errors of the parser that are not syntax, in the project's words.
_JSON_LIMITS = (
    (
        "number out of range",
        "a number too large to read (no count of a plan has more than 15 digits);"
        " check the number there",
    ),
    (
        "recursion limit exceeded",
        "lists or objects nested too deeply to read (a plan nests a few levels);"
        " check the document's structure there",
    ),
    ("hex escape", "an invalid \\u escape (a lone surrogate is half of a character); fix it"),
)


def _json_problem(message: str) -> str:
    """Pydantic's ``Invalid JSON: <reason> at line L column C`` with what to do."""
    for reason, advice in _JSON_LIMITS:
        if reason in message:
            at = message[message.rfind(" at line ") + 1 :] if " at line " in message else ""
            return f"invalid JSON: {advice}{' (' + at + ')' if at else ''}"
    return f"{message}; fix the JSON syntax there"


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
        return PlanProblem("", _json_problem(message))
    if kind == "string_unicode":
        if isinstance(value, str) and location:
            return _surrogate_problem(path, value)  # worded as the loader's own scan
        return PlanProblem(
            "",
            "expected JSON text in Unicode, got a str that holds a lone surrogate (half of a"
            " character); fix the text's encoding, or pass the file's bytes",
        )
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
