"""The nearest GSM-7 text for a character outside it, and how a message shows a character."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiscomms.text._sms import GSM_BASIC, GSM_EXTENSION, non_gsm_characters
from crisiscomms.text._substitutes import gsm_substitute, is_invisible, shown

GSM = GSM_BASIC | GSM_EXTENSION


class TestSubstitute:
    @pytest.mark.parametrize(
        ("char", "near"),
        [
            ("ú", "u"),
            ("á", "a"),
            ("í", "i"),
            ("ó", "o"),
            ("ê", "e"),
            ("ç", "c"),
            ("Á", "A"),
            ("ł", "l"),
            ("œ", "oe"),
            ("²", "2"),
            ("½", "1/2"),
            ("ﬁ", "fi"),
            ("\u2019", "'"),
            ("\u2014", "-"),
            ("\u00a0", " "),
        ],
    )
    def test_the_nearest_gsm_text(self, char: str, near: str) -> None:
        """Accented letters lose their accent (NFKD), typography has its table."""
        assert char not in GSM
        assert gsm_substitute(char) == near

    @pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u2060", "\ufe0f", "\u0301", "\u00ad"])
    def test_invisible_characters_are_dropped(self, char: str) -> None:
        """Zero-width characters, joiners, variation selectors, combining marks: nothing."""
        assert gsm_substitute(char) == ""

    @pytest.mark.parametrize("char", ["д", "λ", "中", "😀", "€\u20dd"[1]])
    def test_no_equivalent(self, char: str) -> None:
        """Cyrillic, Greek lowercase, CJK and emoji have no GSM-7 equivalent."""
        result = gsm_substitute(char)
        assert result is None or result == ""

    @given(st.characters(exclude_categories=["Cs"]))
    def test_a_substitute_is_gsm_7(self, char: str) -> None:
        """Whatever the character, a substitute is all GSM-7 (or empty, or none)."""
        result = gsm_substitute(char)
        assert result is None or all(c in GSM for c in result)

    @given(st.text(max_size=30))
    def test_substituting_every_character_outside_gsm_leaves_gsm_or_letters(
        self, text: str
    ) -> None:
        """After the substitutions, only letters without an equivalent and symbols stay out."""

        def after(c: str) -> str:
            sub = gsm_substitute(c)
            return c if c in GSM or sub is None else sub

        out = "".join(after(c) for c in text)
        for position in non_gsm_characters(out):
            assert gsm_substitute(out[position]) is None


class TestShown:
    def test_a_visible_character_with_its_code(self) -> None:
        """'ú' (U+00FA)."""
        assert shown("ú") == "'ú' (U+00FA)"

    @given(st.characters(exclude_categories=["Cs"]))
    def test_never_an_invisible_character_raw(self, char: str) -> None:
        """An invisible, control or combining character is shown by code and name."""
        text = shown(char)
        assert f"U+{ord(char):04X}" in text
        if is_invisible(char) or not char.isprintable():
            assert char not in text
            assert unicodedata.name(char, "unnamed character") in text
