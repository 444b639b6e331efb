"""Bluesky: graphemes and UTF-8 bytes, with atproto's own vectors read in place."""

from __future__ import annotations

import json
from typing import Any

import pytest

from crisiscomms import measure
from crisiscomms.platforms import count_graphemes
from crisiscomms.text._graphemes import graphemes
from tests.conftest import PLATFORM_DATA

VECTORS: list[dict[str, Any]] = json.loads(
    (PLATFORM_DATA / "bluesky" / "grapheme_vectors.json").read_text(encoding="utf-8")
)["vectors"]
LEXICON: dict[str, Any] = json.loads(
    (PLATFORM_DATA / "bluesky" / "app.bsky.feed.post.json").read_text(encoding="utf-8")
)


class TestGraphemeVectors:
    @pytest.mark.parametrize(
        "vector", VECTORS, ids=[f"{i}-{v['text']}" for i, v in enumerate(VECTORS)]
    )
    def test_conformance(self, vector: dict[str, Any]) -> None:
        """Graphemes (and UTF-8 bytes where given) match atproto's tests."""
        m = measure(vector["text"], "bluesky")
        assert m.length == vector["expected_graphemes"]
        assert count_graphemes(vector["text"]) == vector["expected_graphemes"]
        if "expected_utf8_bytes" in vector:
            assert m.byte_length == vector["expected_utf8_bytes"]

    def test_all_fifteen_vectors_are_read(self) -> None:
        """The data file holds the 15 vectors PROVENANCE.md lists."""
        assert len(VECTORS) == 15


class TestLimits:
    def test_limits_come_from_the_lexicon(self) -> None:
        """300 graphemes and 3,000 bytes are the post lexicon's maxGraphemes and maxLength."""
        text = LEXICON["defs"]["main"]["record"]["properties"]["text"]
        m = measure("", "bluesky")
        assert (m.limit, m.byte_limit) == (text["maxGraphemes"], text["maxLength"])

    def test_both_limits_hold(self) -> None:
        """300 family emoji are 300 graphemes but 7,500 bytes: they do not fit."""
        m = measure("👨‍👩‍👧‍👧" * 300, "bluesky")
        assert (m.length, m.byte_length, m.remaining, m.fits) == (300, 7500, 0, False)

    @pytest.mark.parametrize(("count", "fits"), [(300, True), (301, False)])
    def test_grapheme_limit(self, count: int, fits: bool) -> None:
        """300 graphemes fit, 301 do not."""
        assert measure("é" * count, "bluesky").fits is fits


class TestGraphemes:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", 0),
            ("a\r\nb", 3),
            ("\r\n\r\n", 2),
            ("e\u0301", 1),
            ("🇺🇸🇬🇧", 2),
            ("नमस्ते", 3),
            ("l’été « ok »", 12),
            ("한국어", 3),
            ("\u1100\u1161\u11a8", 1),
            ("\u0600a", 1),
        ],
    )
    def test_counts(self, text: str, expected: int) -> None:
        """The fast Latin-1 path and the regex path agree with UAX #29."""
        assert count_graphemes(text) == expected
        assert len(graphemes(text)) == expected

    def test_latin1_fast_path_matches_the_regex(self) -> None:
        """Every Latin-1 character, with CR LF pairs, counts as the regex engine counts."""
        text = "".join(chr(c) for c in range(256)) + "\r\n\r"
        assert count_graphemes(text) == len(graphemes(text))
