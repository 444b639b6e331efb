"""Mastodon: graphemes of content warning and text, links 23, remote mentions shortened."""

from __future__ import annotations

import json
from typing import Any

import pytest

from crisiscomms import Channel, Platform, measure
from crisiscomms.platforms import mastodon_length
from tests.conftest import PLATFORM_DATA

DATA: dict[str, Any] = json.loads(
    (PLATFORM_DATA / "mastodon" / "status_length_vectors.json").read_text(encoding="utf-8")
)
VECTORS: list[dict[str, Any]] = DATA["vectors"]


class TestStatusLengthVectors:
    @pytest.mark.parametrize("vector", VECTORS, ids=[v["description"] for v in VECTORS])
    def test_conformance(self, vector: dict[str, Any]) -> None:
        """Valid exactly when the spec says (content warning and text counted together)."""
        length = mastodon_length(vector["text"], vector["spoiler_text"])
        assert (length <= DATA["max_chars"]) is vector["expected_valid"]

    @pytest.mark.parametrize(
        "vector", [v for v in VECTORS if not v["spoiler_text"]], ids=lambda v: v["description"]
    )
    def test_measure_agrees_without_content_warning(self, vector: dict[str, Any]) -> None:
        """`measure(text, "mastodon")` fits exactly when the spec says the text is valid."""
        assert measure(vector["text"], "mastodon").fits is vector["expected_valid"]

    def test_the_stated_arithmetic(self) -> None:
        """The spec's sums hold exactly: 476 + 1 + 23 = 500 and 475 + 1 + 6 = 482."""
        by_description = {v["description"]: v for v in VECTORS}
        url = by_description["space-separated auto-linkable URL counts 23 (476 + 1 + 23 = 500)"]
        mention = by_description["remote mention counts only @user (475 + 1 + 6 = 482)"]
        assert mastodon_length(url["text"]) == 500
        assert mastodon_length(mention["text"]) == 482


class TestInstanceLimit:
    def test_channel_max_length_overrides_500(self) -> None:
        """A channel of an instance with 1,000 characters measures against 1,000."""
        channel = Channel(id="masto", platform=Platform.MASTODON, max_length=1000)
        m = measure("a" * 600, channel)
        assert (m.limit, m.fits, m.remaining) == (1000, True, 400)

    def test_url_and_mention_overlap(self) -> None:
        """A mention inside a link is part of the link: it is not shortened twice."""
        text = "https://example.com/a,@ops@social.example"
        assert mastodon_length(text) == 23
