from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms.text._folding import fold, word_list, words

WORD = re.compile(r"[^\W_]+")


def reference_words(text: str) -> list[str]:
    """Words as the definition states them: letters and digits of the folded text."""
    return WORD.findall(fold(text))


class TestFold:
    @pytest.mark.parametrize(
        ("text", "folded"),
        [
            ("Données", "donnees"),
            ("DONNÉES", "donnees"),
            ("donne\u0301es", "donnees"),  # a combining acute accent
            ("ÇA CoÛTe", "ca coute"),
            ("Straße", "strasse"),
            ("ﬁchier", "fichier"),  # the fi ligature (NFKC)
            ("\uff2c\uff35\uff2d\uff25\uff21", "lumea"),  # full-width capitals
            ("Ελληνικά", "ελληνικα"),
            ("Ёлка", "елка"),
            ("ø ł æ", "ø ł æ"),  # letters without a decomposition stay
            ("", ""),
        ],
    )
    def test_case_accents_and_compatibility_forms_fold(self, text: str, folded: str) -> None:
        """Case, accents and compatibility forms fold to one plain lowercase form."""
        assert fold(text) == folded

    def test_ascii_is_only_lowercased(self) -> None:
        """ASCII text keeps every character but its case."""
        assert fold("Lumea_FR #Data-2026!") == "lumea_fr #data-2026!"

    def test_marks_outside_the_latin_block_are_removed(self) -> None:
        """Nonspacing marks of other blocks (Hebrew points, Devanagari) are removed too."""
        assert fold("\u05e9\u05c1\u05dc\u05d5\u05b9\u05dd") == "\u05e9\u05dc\u05d5\u05dd"
        assert all(unicodedata.category(c) != "Mn" for c in fold("क\u093f\u0902"))

    @given(st.text())
    @settings(max_examples=300)
    def test_no_mark_survives(self, text: str) -> None:
        """Folded text holds no nonspacing mark that decomposition can reveal."""
        folded = fold(text)
        decomposed = unicodedata.normalize("NFKD", folded)
        assert all(unicodedata.category(c) != "Mn" for c in decomposed)

    @given(st.text(alphabet=st.characters(codec="latin-1")))
    @settings(max_examples=200)
    def test_latin_text_folds_like_its_uppercase(self, text: str) -> None:
        """Case never changes how Latin-1 text folds."""
        assert fold(text.upper()) == fold(text.lower()) == fold(text)


class TestWords:
    def test_punctuation_hashtags_and_handles_separate_words(self) -> None:
        """Only letters and digits make words; `#`, `@`, `_`, apostrophes split them."""
        assert words("L'IBAN de @Lumea_FR a fuité ?! #Lumea 5G") == (
            "l",
            "iban",
            "de",
            "lumea",
            "fr",
            "a",
            "fuite",
            "lumea",
            "5g",
        )

    def test_emoji_and_symbols_are_separators(self) -> None:
        """Emoji are not words."""
        assert words("Lumea🔥vend😡données") == ("lumea", "vend", "donnees")

    @given(st.text())
    @settings(max_examples=300)
    def test_any_string_gives_folded_alphanumeric_words(self, text: str) -> None:
        """Every word is non-empty, folded and made of letters and digits only."""
        result = words(text)
        assert list(result) == word_list(text)
        for word in result:
            assert word
            assert "_" not in word
            assert all(c.isalnum() for c in word)
            assert fold(word) == word


class TestFastPath:
    @pytest.mark.parametrize("code", range(256))
    def test_every_latin1_character_gives_the_words_of_its_fold(self, code: int) -> None:
        """The Latin-1 byte table agrees with folding, character by character."""
        text = f"a{chr(code)}b {chr(code)}"
        assert word_list(text) == reference_words(text)

    @given(
        st.text(
            alphabet=st.one_of(
                st.characters(max_codepoint=0xFF),
                st.sampled_from(["\u2019", "\u2026", "\u202f", "\u0301", "œ", "ß", "½"]),
            )
        )
    )
    @settings(max_examples=500)
    def test_the_fast_path_equals_the_definition(self, text: str) -> None:
        """Latin-1 text, with French typography or not, splits exactly as defined."""
        assert word_list(text) == reference_words(text)

    @given(st.text())
    @settings(max_examples=300)
    def test_any_text_splits_as_defined(self, text: str) -> None:
        """Any string at all splits exactly as defined."""
        assert word_list(text) == reference_words(text)
