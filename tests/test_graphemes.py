"""Grapheme clusters: the table of joining characters and the test built on it."""

from __future__ import annotations

import itertools

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms.text._graphemes import breaks_every, can_join, count_graphemes
from crisiscomms.text._joiners import BMP_JOINER_RANGES

_PROPERTIES = regex.compile(
    r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}"
    r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=Regional_Indicator}]"
)
_CLUSTER = regex.compile(r"\X")


class TestJoinerTable:
    def test_the_table_is_what_regex_reports_on_every_character_of_the_plane(self) -> None:
        """Every code point up to U+FFFF is in the table exactly when its property joins."""
        plane = "".join(map(chr, range(0x10000)))
        reported = {ord(found.group()) for found in _PROPERTIES.finditer(plane)}
        listed = {c for first, last in BMP_JOINER_RANGES for c in range(first, last + 1)}
        assert listed == reported

    def test_ranges_are_sorted_and_apart(self) -> None:
        """Closed ranges in order, none touching the next (the table is minimal)."""
        ends = [edge for pair in BMP_JOINER_RANGES for edge in pair]
        assert all(first <= last for first, last in BMP_JOINER_RANGES)
        assert all(
            last + 1 < first for (_, last), (first, _) in itertools.pairwise(BMP_JOINER_RANGES)
        )
        assert max(ends) <= 0xFFFF


class TestCanJoin:
    @given(st.text(st.characters(codec=None, exclude_categories=()), max_size=60))
    def test_agrees_with_the_property_search(self, text: str) -> None:
        """On any text, including outside the plane, it is the search of the properties."""
        assert can_join(text) is (_PROPERTIES.search(text) is not None)

    @given(st.text(st.characters(codec=None, exclude_categories=()), max_size=60))
    def test_counting_agrees_with_segmenting(self, text: str) -> None:
        """count_graphemes is the number of clusters `\\X` finds, on any text."""
        assert count_graphemes(text) == len(_CLUSTER.findall(text))

    def test_a_joiner_outside_the_plane_is_found_after_other_characters(self) -> None:
        """An emoji without a modifier does not join; a skin tone or a flag pair does."""
        assert not can_join("é😀x")
        assert can_join("é😀\U0001f3fd")
        assert can_join("\U0001f1eb\U0001f1f7")


_CLUSTER_PIECES = st.sampled_from(
    [
        "a",
        " ",
        "é",
        "e\u0301",
        "\u0301",
        "\r",
        "\n",
        "\r\n",
        "\x00",
        "👍",
        "\U0001f3fd",
        "\u200d",
        "\ufe0f",
        "👨‍👩‍👧",
        "🇫",
        "🇷",
        "🇫🇷",
        "क",
        "्",
        "ष",
        "क्ष",
        "\u1100",
        "\u1161",
        "\u11a8",
        "가",
        "각",
        "\u0600",
        "\u0903",
        "服",
        "😀",
        "𝒜",
        "\ud800",
    ]
)


class TestCountAroundJoiners:
    @settings(max_examples=500)
    @given(st.lists(_CLUSTER_PIECES, max_size=40).map("".join))
    def test_counting_only_around_joiners_equals_segmenting_everything(self, text: str) -> None:
        """Emoji, flags, Hangul, Indic conjuncts, prepends, CR LF: the same count as `\\X`."""
        assert count_graphemes(text) == len(_CLUSTER.findall(text))


def _boundaries(text: str) -> set[int]:
    """The offsets between two clusters of `text`, as `\\X` segments it."""
    ends = set()
    for found in _CLUSTER.finditer(text):
        ends.add(found.end())
    return ends


class TestBreaksEvery:
    @settings(max_examples=500)
    @given(st.lists(_CLUSTER_PIECES, max_size=60).map("".join), st.integers(1, 9))
    def test_a_sure_boundary_is_one_where_regex_segments(self, text: str, step: int) -> None:
        """When it answers True, `\\X` ends a cluster at every multiple of `step`."""
        if breaks_every(text, step):
            assert set(range(step, len(text), step)) <= _boundaries(text)

    @given(st.text(st.characters(codec=None, exclude_categories=()), max_size=80))
    def test_on_any_text_true_means_a_boundary(self, text: str) -> None:
        """Any code point, outside the plane and lone surrogates included: never wrong."""
        if breaks_every(text, 3):
            assert set(range(3, len(text), 3)) <= _boundaries(text)

    def test_only_the_neighbours_of_each_multiple_count(self) -> None:
        """A joiner away from the multiples leaves the answer True; on one, False."""
        assert breaks_every("ab\u0301" + "x" * 10, 4)
        assert not breaks_every("abc\u0301" + "x" * 10, 4)
        assert not breaks_every("abcd\u0301" + "x" * 10, 4)
        assert not breaks_every("abc\r\nxxxx", 4)
        assert not breaks_every("abc😀xxxx", 4)
        assert breaks_every("abc", 4)
