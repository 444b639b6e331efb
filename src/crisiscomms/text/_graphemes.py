r"""Extended grapheme clusters (UAX #29) and emoji sequences (UTS #51), counted fast.

Python's standard library has no grapheme segmentation before 3.15, so this
uses the ``regex`` module's ``\X``, which follows Unicode 17 (including the
Indic conjunct rule GB9c that Bluesky's tests need: ``"नमस्ते"`` is 3).
"""

from __future__ import annotations

from crisiscomms.text._joiners import BMP_JOINER_RANGES
from crisiscomms.text._patterns import lazy_re, lazy_regex

__all__ = [
    "EMOJI_SEQUENCE",
    "breaks_every",
    "can_join",
    "count_graphemes",
    "graphemes",
]

_CLUSTER = lazy_regex(r"\X")

_EMOJI_ELEMENT = (
    r"\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*"
    r"(?:[\U000E0020-\U000E007E]+\U000E007F)?"
)
#: One emoji sequence (UTS #51): a flag, a keycap (with or without U+FE0F), or
#: pictographs with their skin-tone modifiers, tags and zero-width joiners. The
#: lookahead lets the engine skip quickly over text without any.
EMOJI_SEQUENCE = lazy_regex(
    r"(?=[\p{Extended_Pictographic}\p{Regional_Indicator}0-9#*])"
    r"(?:\p{Regional_Indicator}{2}"
    r"|[0-9#*]\uFE0F?\u20E3"
    rf"|{_EMOJI_ELEMENT}(?:\u200D{_EMOJI_ELEMENT})*)"
)
# A character that can join the one before or after it into a cluster (UAX #29
# GB6-GB9c, GB11-GB13); CR LF aside, a text without one is one cluster per code point.
_JOINER = lazy_regex(
    r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}"
    r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=Regional_Indicator}]"
)
# The same characters in the Basic Multilingual Plane, and every character outside
# it: the standard `re` scans this class (a bitmap) many times faster than `regex`
# looks the properties up, and only a character outside the plane needs them.
_MAY_JOIN = lazy_re(
    "["
    + "".join(f"\\u{first:04X}-\\u{last:04X}" for first, last in BMP_JOINER_RANGES)
    + "\\U00010000-\\U0010FFFF]"
)
# The same and CR (CR LF is one cluster): where counting must look at neighbours.
_ISLAND_SEEDS = lazy_re(
    "[\\r"
    + "".join(f"\\u{first:04X}-\\u{last:04X}" for first, last in BMP_JOINER_RANGES)
    + "\\U00010000-\\U0010FFFF]+"
)
# One such character: a cluster may go on across a side of it.
_ISLAND_SEED = lazy_re(
    "[\\r"
    + "".join(f"\\u{first:04X}-\\u{last:04X}" for first, last in BMP_JOINER_RANGES)
    + "\\U00010000-\\U0010FFFF]"
)


def can_join(text: str) -> bool:
    r"""Whether a character of `text` can join a neighbour into one cluster (CR LF aside).

    Without one, each code point of `text` is a grapheme cluster of its own.

    >>> can_join("Ελλάδα"), can_join("e\u0301"), can_join("👍🏽")
    (False, True, True)
    """
    if text.isascii():
        return False
    found = _MAY_JOIN.search(text)
    if found is None:
        return False
    # Before `found` there is no joiner; a joiner of the plane is one for sure.
    return found.group() <= "\uffff" or _JOINER.search(text, found.start()) is not None


def breaks_every(text: str, step: int, /) -> bool:
    r"""Whether `text` surely has a cluster boundary at each multiple of `step` inside it.

    Every rule of UAX #29 that keeps two code points together has, on one
    side, a character that may join (see `can_join`), a character outside the
    plane or CR (CR LF): where neither neighbour of an offset is one, the
    offset is a boundary. Only the two characters around each multiple are
    looked at, so the answer costs a few look-ups whatever the length; False
    means "not sure", not "no boundary". `step` is a positive int.

    >>> breaks_every("Ελλάδα" * 30, 67), breaks_every("e\u0301" * 40, 3)
    (True, False)
    """
    search = _ISLAND_SEED.search
    # A loop, not all() over a generator: this is on measure's path, the loop is quicker.
    for at in range(step, len(text), step):  # noqa: SIM110
        if search(text, at - 1, at + 1) is not None:
            return False
    return True


def count_graphemes(text: str) -> int:
    r"""The number of extended grapheme clusters in `text`.

    A text without a character that joins clusters (combining marks, joiners,
    Hangul jamo, regional indicators, ...) has one cluster per code point, CR
    LF aside: that common case is counted without segmenting.

    >>> count_graphemes("e\u0301te"), count_graphemes("👨‍👩‍👧‍👧🇺🇸"), count_graphemes("a\r\nb")
    (3, 2, 3)
    """
    if not text:
        return 0
    if not can_join(text):
        return len(text) - text.count("\r\n")
    return _count_around_joiners(text)


def _count_around_joiners(text: str) -> int:
    """Segment only the stretches around characters that may join; count the rest.

    Every rule of UAX #29 that keeps two code points together has, on one side,
    a character of `_MAY_JOIN` or CR (the table's properties, anything outside
    the plane, CR LF). So between two other characters there is always a break,
    and the clusters are those of the stretches made of each such character and
    its two neighbours, one cluster per code point elsewhere. The stretches are
    segmented in one call, joined by a control character (a break on both sides).
    """
    stretches: list[str] = []
    start = end = 0
    covered = 0
    for found in _ISLAND_SEEDS.finditer(text):
        at = found.start()
        low = at - 1 if at else 0
        if low < end:
            end = found.end() + 1
            continue
        if end:
            stretches.append(text[start:end])
            covered += end - start
        start, end = low, found.end() + 1
    end = min(end, len(text))
    stretches.append(text[start:end])
    covered += end - start
    # subn counts the clusters without building the list findall would.
    clusters: int = _CLUSTER.subn("", "\x00".join(stretches))[1] - (len(stretches) - 1)
    return len(text) - covered + clusters


def graphemes(text: str) -> list[str]:
    r"""The extended grapheme clusters of `text`, in order.

    >>> graphemes("🏳️‍🌈ok")
    ['🏳️\u200d🌈', 'o', 'k']
    """
    found: list[str] = _CLUSTER.findall(text)
    return found
