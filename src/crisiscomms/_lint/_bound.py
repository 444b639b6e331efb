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
from crisiscomms.text._messageformat import Argument, Message, PluralNumber, Select, Text
from crisiscomms.text._platforms import PlatformRule, Unit

__all__ = ["Bound", "bound_of", "may_exceed"]


@attrs.frozen
class Bound:
    """Upper bounds of the characters, the X weight and the possible links of a text."""

    chars: int = 0
    weight: int = 0
    dots: int = 0


# Inside the walk a bound is a plain (chars, weight, dots) tuple: it is built per part.
_Triple = tuple[int, int, int]


@functools.lru_cache(maxsize=4096)
def _of_text(text: str) -> _Triple:
    weight = len(text) if text.isascii() else sum(1 if ord(c) <= 0x10FF else 2 for c in text)
    dots = 0
    if "." in text:
        dots = sum(
            1
            for i, c in enumerate(text)
            if c == "." and (i + 1 == len(text) or text[i + 1].isalnum())
        )
    return (len(text), weight, dots)


@functools.lru_cache(maxsize=4096)
def _of_argument(pattern: str, values: tuple[Fact, ...], locale: str, zone: str) -> _Triple:
    chars = weight = dots = 0
    for value in values:
        c, w, d = _of_text(render(pattern, {"v": value}, locale=locale, timezone=zone))
        chars, weight, dots = max(chars, c), max(weight, w), max(dots, d)
    return (chars, weight, dots)


def _pattern(part: Argument | PluralNumber) -> str:
    if isinstance(part, PluralNumber) or (part.kind == "number" and not part.style):
        return "{v, number}"
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
) -> Bound:
    """The bound of `parts` when each fact takes any of its candidate `values`.

    Facts are escaped for the channel's markup: `factor` 2 allows for an
    escape that doubles every character.
    """
    return Bound(*_walk(parts, values, (locale, zone, factor), ()))


def _walk(
    parts: Message,
    values: Mapping[str, tuple[Fact, ...]],
    where: tuple[str, str, int],
    number: tuple[Fact, ...],
) -> _Triple:
    locale, zone, factor = where
    chars = weight = dots = 0
    for part in parts:
        if isinstance(part, Text):
            c, w, d = _of_text(part.value)
        elif isinstance(part, Argument | PluralNumber):
            candidates = number if isinstance(part, PluralNumber) else values[part.name]
            c, w, d = _of_argument(_pattern(part), candidates, locale, zone)
            c, w = c * factor, w * factor
        else:
            branches: list[Message]
            if isinstance(part, Select):
                branches, inner = [b for _, b in part.branches], number
            else:
                branches = [b for _, b in (*part.exact, *part.categories)]
                inner = values[part.name]
            c = w = d = 0
            for branch in branches:
                bc, bw, bd = _walk(branch, values, where, inner)
                c, w, d = max(c, bc), max(w, bw), max(d, bd)
        chars, weight, dots = chars + c, weight + w, dots + d
    return (chars, weight, dots)


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
