"""A plan's templates against its facts: every placeholder names a fact and fits its kind.

Checked when the plan is loaded, so that a misspelt placeholder
(``{households}`` for the fact ``affected_households``) or a format that
cannot show the fact (``{status_url, number}``) is a plan problem with the
template's path, not a render failure in the middle of a crisis.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

from crisiscomms._errors import PlanProblem
from crisiscomms.model._base import FactKind
from crisiscomms.text._messageformat import ParsedMessage, parse_message
from crisiscomms.text._nearest import nearest
from crisiscomms.text._patterns import lazy_re

__all__ = ["FORMATS_OF_KIND", "fact_name_for", "placeholder_problems"]

_FACT_NAME: Final = lazy_re(r"[a-z][a-z0-9_]{0,63}")

#: The argument types (the part of a format before its comma) that can show
#: a fact of each kind: a number is counted, a date is formatted as a date,
#: a link or a name is text (which ``select`` chooses on).
FORMATS_OF_KIND: Final[Mapping[FactKind, tuple[str, ...]]] = {
    FactKind.NUMBER: ("string", "number", "plural", "selectordinal"),
    FactKind.DATETIME: ("string", "date", "time"),
    FactKind.DATE: ("string", "date"),
    FactKind.TIME: ("string", "time"),
    FactKind.URL: ("string", "select"),
    FactKind.EMAIL: ("string", "select"),
    FactKind.PHONE: ("string", "select"),
    FactKind.TEXT: ("string", "select"),
}

_WRITTEN: Final = {
    "string": "{name}",
    "number": "{name, number}",
    "plural": "{name, plural, ...}",
    "selectordinal": "{name, selectordinal, ...}",
    "date": "{name, date, medium}",
    "time": "{name, time, short}",
    "select": "{name, select, ...}",
}


def fact_name_for(name: str, /) -> str | None:
    """The fact name a placeholder that can never be one most likely means, or None.

    >>> fact_name_for("Affected-Households")
    'affected_households'
    >>> fact_name_for("_") is None
    True
    """
    fixed = re.sub(r"[^a-z0-9_]", "_", name.lower()).strip("_")
    fixed = re.sub(r"_+", "_", fixed)[:64]
    return fixed if _FACT_NAME.fullmatch(fixed) else None


def _spelt(name: str, fmt: str) -> str:
    kind, _, style = fmt.partition(",")
    if kind == "string":
        return f"{{{name}}}"
    if kind in {"plural", "selectordinal", "select"}:
        return f"{{{name}, {kind}, ...}}"
    return f"{{{name}, {kind}{', ' + style if style else ''}}}"


def placeholder_problems(
    templates: Sequence[Any],
    facts: Iterable[Any],
    /,
    *,
    parsed_of: Callable[[str], ParsedMessage | None] | None = None,
) -> list[PlanProblem]:
    """The placeholders of `templates` that name no fact or do not fit their fact's kind.

    Three kinds of problem, each with the template's path, in template order:

    - a name that can never be a fact name (``{Households}``, ``{a-b}``): the
      fact names it could mean;
    - a name that is no fact of the plan, when the plan declares facts: the
      nearest fact name (``{households}``: did you mean
      ``{affected_households}``?);
    - every format that cannot show its fact's kind (``{status_url, number}``
      for a url), each one, with the formats that fit.

    `templates` are the plan's (items without a ``text`` are skipped: they did
    not validate); `facts` are FactSpecs or views with ``name`` and ``kind``.
    `parsed_of` gives the parse of a text made already (the loader's own),
    else the text is parsed again. Templates using the same arguments are
    checked once (the messages depend on nothing else), each with its path.
    """
    kinds: dict[str, FactKind | None] = {}
    for spec in facts:
        name = getattr(spec, "name", None)
        if isinstance(name, str):
            kind = getattr(spec, "kind", None)
            kinds[name] = kind if isinstance(kind, FactKind) else None
    problems: list[PlanProblem] = []
    messages_of: dict[tuple[tuple[str, frozenset[str]], ...], list[str]] = {}
    for i, template in enumerate(templates):
        text = getattr(template, "text", None)
        if not isinstance(text, str):
            continue
        parsed = parsed_of(text) if parsed_of is not None else None
        if parsed is None:
            parsed = parse_message(text)
        arguments = parsed._arguments  # the sorted pairs, hashable
        messages = messages_of.get(arguments)
        if messages is None:
            messages = messages_of[arguments] = _messages(arguments, kinds)
        if messages:
            path = f"templates[{i}].text"
            problems.extend(PlanProblem(path, message) for message in messages)
    return problems


def _messages(
    arguments: tuple[tuple[str, frozenset[str]], ...], kinds: Mapping[str, FactKind | None]
) -> list[str]:
    """What is wrong with each placeholder of `arguments`, in order (see placeholder_problems)."""
    messages: list[str] = []
    for name, formats in arguments:
        if name in kinds:
            _check_formats(name, formats, kinds[name], messages)
        elif _FACT_NAME.fullmatch(name) is None:
            fixed = fact_name_for(name)
            near = nearest(fixed or name, kinds) if kinds else None
            hint = f"write {{{near or fixed}}}" if near or fixed else "name a fact"
            messages.append(
                f"the placeholder {{{name}}} can never name a fact (fact names are"
                " lowercase letters, digits and '_', starting with a letter, at most"
                f" 64 characters); {hint}"
            )
        elif kinds:
            near = nearest(name, kinds)
            if near is not None:
                hint = (
                    f"did you mean {{{near}}}? rename the placeholder, or add a fact"
                    f" named {name!r} to the plan's facts"
                )
            else:
                known = ", ".join(sorted(kinds)[:10])
                more = f" and {len(kinds) - 10} more" if len(kinds) > 10 else ""
                hint = (
                    f"the facts are {known}{more}; name one of them, or add a fact named"
                    f" {name!r} to the plan's facts"
                )
            messages.append(f"the placeholder {{{name}}} is no fact of the plan; {hint}")
    return messages


def _check_formats(
    name: str,
    formats: frozenset[str],
    kind: FactKind | None,
    messages: list[str],
) -> None:
    if kind is None:
        return  # the fact itself did not validate: it is reported already
    fits = FORMATS_OF_KIND[kind]
    for fmt in sorted(formats):
        if fmt.partition(",")[0] in fits:
            continue
        written = ", ".join(_WRITTEN[f].replace("name", name) for f in fits)
        messages.append(
            f"{_spelt(name, fmt)} cannot show the fact {name!r}, which is a {kind} fact;"
            f" write it as {written}"
        )
