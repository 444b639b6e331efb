"""Patterns compiled on first use behave as the compiled patterns they stand for."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from crisiscomms.text._patterns import lazy_re, lazy_regex


class TestLazyPatterns:
    def test_nothing_is_compiled_before_first_use(self) -> None:
        """Creating one and reading its source compiles nothing."""
        word = lazy_re(r"\w+")
        assert word.pattern == r"\w+"
        assert "_compiled" not in vars(word)
        assert repr(word) == r"lazy('\\w+', flags=0)"
        word.findall("a b")
        assert vars(word)["_compiled"] == re.compile(r"\w+")

    def test_special_names_are_not_forwarded(self) -> None:
        """Copy and pickle protocols see a plain object, not the compiled pattern's methods."""
        with pytest.raises(AttributeError):
            lazy_re("a").__reduce_ex_missing__  # type: ignore[attr-defined]  # noqa: B018

    @given(st.text(max_size=40))
    def test_same_matches_as_compiled(self, text: str) -> None:
        """On any text the lazy patterns find what `re` and `regex` find."""
        assert lazy_re(r"\w+|\s").findall(text) == re.findall(r"\w+|\s", text)
        assert lazy_regex(r"\X").findall(text) == regex.findall(r"\X", text)
        assert lazy_re("[a-c]+", re.IGNORECASE).sub("-", text) == re.sub(
            "[a-c]+", "-", text, flags=re.IGNORECASE
        )
