"""An upper bound of a template's worst-case length on a channel, without rendering it.

Most templates are far below most limits (an e-mail has none, a LinkedIn post
3,000 characters); measuring them at their worst would cost a render and a
measurement each for nothing. The bound adds, along the longest branch of
every plural and select, the characters of the literal text and of each
fact's widest formatted value; on X each character weighs at most 2 (1 up to
U+10FF, config v3) and each link counts 23 in place of its characters, and a
link needs a dot followed by a letter or digit, so ``weight + 23 * dots``
bounds the weighted length. Only the channels the bound cannot clear are
rendered and measured.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from crisiscomms._rendering import render
from crisiscomms.text._formatting import Fact
from crisiscomms.text._messageformat import Argument, Message, Plural, PluralNumber, Select, Text
from crisiscomms.text._platforms import PlatformRule, Unit

__all__ = ["Bound", "bound_of", "may_exceed"]


@attrs.frozen
class Bound:
    """Upper bounds of the characters, the X weight and the possible links of a text."""

    chars: int = 0
    weight: int = 0
    dots: int = 0

    def __add__(self, other: Bound) -> Bound:
        return Bound(self.chars + other.chars, self.weight + other.weight, self.dots + other.dots)

    def widest(self, other: Bound) -> Bound:
        """Each bound the larger of the two."""
        return Bound(
            max(self.chars, other.chars),
            max(self.weight, other.weight),
            max(self.dots, other.dots),
        )

    def scaled(self, factor: int) -> Bound:
        """Every bound times `factor` (escaping for a markup at most doubles a value)."""
        return Bound(self.chars * factor, self.weight * factor, self.dots)


@functools.lru_cache(maxsize=4096)
def _of_text(text: str) -> Bound:
    weight = sum(1 if ord(c) <= 0x10FF else 2 for c in text)
    dots = sum(
        1 for i, c in enumerate(text) if c == "." and (i + 1 == len(text) or text[i + 1].isalnum())
    )
    return Bound(len(text), weight, dots)


@functools.lru_cache(maxsize=4096)
def _shown(pattern: str, value: Fact, locale: str, zone: str) -> str:
    return render(pattern, {"v": value}, locale=locale, timezone=zone)


def _pattern(part: Argument) -> str:
    if part.kind == "string":
        return "{v}"
    return f"{{v, {part.kind}, {part.style}}}" if part.style else f"{{v, {part.kind}}}"


def bound_of(
    parts: Message,
    values: Mapping[str, tuple[Fact, ...]],
    *,
    locale: str,
    zone: str,
    factor: int = 1,
    number: tuple[Fact, ...] = (),
) -> Bound:
    """The bound of `parts` when each fact takes any of its candidate `values`."""
    total = Bound()
    for part in parts:
        if isinstance(part, Text):
            total += _of_text(part.value)
        elif isinstance(part, Argument | PluralNumber):
            pattern = "{v, number}" if isinstance(part, PluralNumber) else _pattern(part)
            candidates = number if isinstance(part, PluralNumber) else values[part.name]
            widest = Bound()
            for value in candidates:
                widest = widest.widest(_of_text(_shown(pattern, value, locale, zone)))
            total += widest.scaled(factor)
        else:
            branches = (
                part.branches if isinstance(part, Select) else (*part.exact, *part.categories)
            )
            inner = values[part.name] if isinstance(part, Plural) else number
            widest = Bound()
            for _, branch in branches:
                widest = widest.widest(
                    bound_of(branch, values, locale=locale, zone=zone, factor=factor, number=inner)
                )
            total += widest
    return total


def may_exceed(rule: PlatformRule, bound: Bound) -> bool:
    """False when the bound proves the text within the rule's limits and recommended length."""
    if rule.unit is Unit.SEPTETS:
        return True
    limits = [x for x in (rule.limit, rule.recommended) if x is not None]
    if rule.byte_limit is not None and 4 * bound.chars > rule.byte_limit:
        return True
    if not limits:
        return False
    if rule.unit is Unit.WEIGHTED:
        length = bound.weight + 23 * bound.dots
    elif rule.url_length is not None:
        length = bound.chars + rule.url_length * bound.dots
    elif rule.unit in {Unit.CHARACTERS, Unit.GRAPHEMES}:
        length = bound.chars
    elif rule.unit is Unit.UTF16_UNITS:
        length = 2 * bound.chars
    else:
        length = 4 * bound.chars
    return length > min(limits)
