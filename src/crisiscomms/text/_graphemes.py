r"""Extended grapheme clusters (UAX #29) and emoji sequences (UTS #51), counted fast.

Python's standard library has no grapheme segmentation before 3.15, so this
uses the ``regex`` module's ``\X``, which follows Unicode 17 (including the
Indic conjunct rule GB9c that Bluesky's tests need: ``"नमस्ते"`` is 3).
"""

from __future__ import annotations

import regex  # type: ignore[import-untyped]  # no stubs in the dependency set

__all__ = ["EMOJI_SEQUENCE", "count_graphemes", "graphemes"]

_CLUSTER = regex.compile(r"\X")

_EMOJI_ELEMENT = (
    r"\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*"
    r"(?:[\U000E0020-\U000E007E]+\U000E007F)?"
)
#: One emoji sequence (UTS #51): a flag, a keycap (with or without U+FE0F), or
#: pictographs with their modifiers, tags and zero-width joiners.
EMOJI_SEQUENCE = regex.compile(
    r"\p{Regional_Indicator}{2}"
    r"|[0-9#*]\uFE0F?\u20E3"
    rf"|{_EMOJI_ELEMENT}(?:\u200D{_EMOJI_ELEMENT})*"
)


def count_graphemes(text: str) -> int:
    r"""The number of extended grapheme clusters in `text`.

    Latin-1 text has no combining characters, so there every code point is a
    cluster except that CR LF is one: counted without the regex engine.

    >>> count_graphemes("e\u0301te"), count_graphemes("👨‍👩‍👧‍👧🇺🇸"), count_graphemes("a\r\nb")
    (3, 2, 3)
    """
    if not text:
        return 0
    if max(text) < "\u0100":
        return len(text) - text.count("\r\n")
    return len(_CLUSTER.findall(text))


def graphemes(text: str) -> list[str]:
    r"""The extended grapheme clusters of `text`, in order.

    >>> graphemes("🏳️‍🌈ok")
    ['🏳️\u200d🌈', 'o', 'k']
    """
    return _CLUSTER.findall(text)  # type: ignore[no-any-return]
