"""The branches of a template: which plural, ordinal and select branches a locale can reach.

A branch is reached by a fact value: an exact ``=N`` by N, a plural
category by a number of that category in the template's locale (CLDR, through
babel), a select key by that key. Each branch gets one value: the widest
number of its category within the fact's width, so that the worst-case
length check renders every branch once at its longest.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterator, Mapping
from decimal import Decimal

import attrs

from crisiscomms.text._formatting import conventions_for
from crisiscomms.text._messageformat import Message, Plural, Select, Text

__all__ = [
    "Branch",
    "branches",
    "literal_texts",
    "reachable_categories",
    "walk",
    "widest_number",
]


@attrs.frozen
class Branch:
    """One branch of one plural or select argument, and the fact value that takes it."""

    name: str
    label: str
    value: int | Decimal | str | None  # None: no value of the locale takes it


def walk(parts: Message) -> Iterator[Plural | Select]:
    """Every plural, ordinal and select argument of `parts`, outermost first."""
    for part in parts:
        if isinstance(part, Plural):
            yield part
            for _, branch in (*part.exact, *part.categories):
                yield from walk(branch)
        elif isinstance(part, Select):
            yield part
            for _, branch in part.branches:
                yield from walk(branch)


def literal_texts(parts: Message) -> Iterator[Text]:
    """Every literal text of `parts`, in every branch."""
    for part in parts:
        if isinstance(part, Text):
            yield part
        elif isinstance(part, Plural):
            for _, branch in (*part.exact, *part.categories):
                yield from literal_texts(branch)
        elif isinstance(part, Select):
            for _, branch in part.branches:
                yield from literal_texts(branch)


@functools.lru_cache(maxsize=256)
def reachable_categories(locale: str, *, ordinal: bool) -> frozenset[str]:
    """The CLDR categories the locale's cardinal (or ordinal) rule can give, with 'other'.

    >>> sorted(reachable_categories("de", ordinal=False))
    ['one', 'other']
    """
    conventions = conventions_for(locale)
    rule = conventions.locale.ordinal_form if ordinal else conventions.locale.plural_form
    return frozenset(rule.tags) | {"other"}


@functools.lru_cache(maxsize=1024)
def widest_number(
    locale: str, width: int, category: str = "", ordinal: bool = False
) -> int | None:
    """The widest integer whose plain form in `locale` is at most `width` characters.

    With `category`, the widest one of that plural (or ordinal) category;
    None when no integer of that width has it (a category only fractions
    reach). The candidates are bounded: the 200 largest numbers of the
    widest digit count, a round million of it, and 0 to 199, which is where
    every CLDR category's integers show up.
    """
    if category:
        candidates = _candidates_by_category(locale, width, ordinal).get(category, ())
    else:
        candidates = _candidate_widths(locale, width)
    best: int | None = None
    best_width = -1
    for number, shown in candidates:
        if shown > best_width:
            best, best_width = number, shown
    return best


@functools.lru_cache(maxsize=256)
def _candidates_by_category(
    locale: str, width: int, ordinal: bool
) -> Mapping[str, tuple[tuple[int, int], ...]]:
    """`_candidate_widths` by plural (or ordinal) category, each in the candidates' order.

    Each candidate's category is found once for every category a message asks for.
    """
    conventions = conventions_for(locale)
    form = conventions.ordinal if ordinal else conventions.plural
    grouped: dict[str, list[tuple[int, int]]] = {}
    for number, shown in _candidate_widths(locale, width):
        grouped.setdefault(form(number), []).append((number, shown))
    return types.MappingProxyType({name: tuple(found) for name, found in grouped.items()})


@functools.lru_cache(maxsize=256)
def _candidate_widths(locale: str, width: int) -> tuple[tuple[int, int], ...]:
    """`widest_number`'s candidates in order, each with the length of its plain form.

    Formatted once per locale and width: each plural category of the same
    message only filters them (formatting was most of a first lint's time).
    A non-negative integer's plain form has as many characters as any other
    of its digit count (digits, group separators by position, the same
    symbols), so one number of each digit count is formatted.
    """
    conventions = conventions_for(locale)
    digits = width
    while digits > 1 and len(conventions.number(10**digits - 1, "")) > width:
        digits -= 1
    top = 10**digits - 1
    candidates = [top - j for j in range(min(200, top + 1))]
    if digits > 6:
        candidates.append((10 ** (digits - 6) - 1) * 10**6)
    candidates.extend(range(200))
    shown: dict[int, int] = {}
    widths: list[tuple[int, int]] = []
    for n in candidates:
        if n < 0:
            continue
        count = len(str(n))
        found = shown.get(count)
        if found is None:
            found = shown[count] = len(conventions.number(n, ""))
        widths.append((n, found))
    return tuple(widths)


def branches(parts: Message, locale: str, width: int) -> dict[str, list[Branch]]:
    """Each plural or select argument name and its branches, with the value that takes each."""
    found: dict[str, list[Branch]] = {}
    for part in walk(parts):
        listed = found.setdefault(part.name, [])
        seen = {b.label for b in listed}
        if isinstance(part, Select):
            for key, _ in part.branches:
                if key not in seen:
                    listed.append(Branch(part.name, key, key))
            continue
        for exact, _ in part.exact:
            label = f"={exact}"
            if label not in seen:
                value: int | Decimal = int(exact) if exact == exact.to_integral() else exact
                listed.append(Branch(part.name, label, value))
        reachable = reachable_categories(locale, ordinal=part.ordinal)
        for category, _ in part.categories:
            if category in seen:
                continue
            number = (
                widest_number(locale, width, category, part.ordinal)
                if category in reachable
                else None
            )
            listed.append(Branch(part.name, category, number))
    return found
