"""Words next to a place in a text: first, last, word characters, lower case in place."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiscomms.text._words import first_word, is_word_char, last_word, lower_in_place

LETTERS = st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=1, max_size=8)


class TestFirstAndLastWord:
    @pytest.mark.parametrize(
        ("text", "first", "last"),
        [
            (" 000 clients concernés", "clients", "concernés"),
            ("l’article 33", "l", "article"),
            ("12 000", None, None),
            ("Fin . Début", "fin", "début"),
            (" . Début", None, "début"),
            ("Fin . 12", "fin", None),
            ("", None, None),
        ],
    )
    def test_known_texts(self, text: str, first: str | None, last: str | None) -> None:
        """Letters only, case-folded; a sentence end before the word stops the search."""
        assert first_word(text) == first
        assert last_word(text) == last

    @given(LETTERS, st.text())
    def test_a_word_at_the_edge_is_found(self, word: str, text: str) -> None:
        """A word of letters at the start is the first word, at the end the last."""
        assert first_word(f"{word} {text}") == word.casefold()
        assert last_word(f"{text} {word}") == word.casefold()

    @given(st.text())
    def test_a_sentence_end_stops_the_search(self, text: str) -> None:
        """Behind a lone full stop, no word is found."""
        assert first_word(f". {text}") is None
        assert last_word(f"{text} .") is None


class TestWordCharacters:
    @given(st.characters())
    def test_word_characters_are_those_of_regex_w(self, char: str) -> None:
        """A word character is what ``\\w`` matches: letters, digits and the underscore."""
        assert is_word_char(char) == bool(re.fullmatch(r"\w", char))


class TestLowerInPlace:
    @given(st.text())
    def test_offsets_stay_valid(self, text: str) -> None:
        """The lowered text has the length of the text, and equals str.lower when it can."""
        lowered = lower_in_place(text)
        assert len(lowered) == len(text)
        if len(text.lower()) == len(text):
            assert lowered == text.lower()

    def test_a_letter_that_grows_is_kept(self) -> None:
        """İ lowers to two characters, so it stays as written; the rest is lowered."""
        assert lower_in_place("İSTANBUL") == "İstanbul"
