"""Claim patterns meet the forms of their words; a mention that denies a claim is no repeat.

The stems come from the Snowball stemmers (`snowballstemmer`), the compound
parts and the denial signs from `crisiscomms.text._stemming` and
`crisiscomms.text._denial`; `match_claims` reads both.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiscomms import KnownClaim, Mention, match_claims
from crisiscomms.samples import demo_plan
from crisiscomms.text._denial import denial_signs, denies
from crisiscomms.text._folding import words
from crisiscomms.text._stemming import compound_parts, stem, stemmer_of

AT = datetime(2026, 11, 24, 9, tzinfo=UTC)

#: A water utility's claim, written once per language with the words' base forms.
ARSENIC = KnownClaim(
    id="arsenic",
    statement="El agua del grifo tiene arsénico",
    verdict="false",
    patterns={
        "es": [["agua", "arsénico"]],
        "de": [["wasser", "arsen"]],
        "fr": [["eau", "arsenic"]],
        "en": [["water", "arsenic"]],
    },
    rebuttal_key="arsenic-rebuttal",
)


def _matched(text: str, locale: str, *claims: KnownClaim) -> list[str]:
    mention = Mention(text=text, at=AT, locale=locale)
    return [m.claim for m in match_claims([mention], claims or (ARSENIC,))]


class TestWordForms:
    @pytest.mark.parametrize(
        ("text", "locale"),
        [
            ("Las aguas de Sevilla tienen arsénico", "es_ES"),
            ("¿Arsénicos en el agua?", "es_ES"),
            ("Arsen im Wasser des Kreises", "de_DE"),
            ("Des Wassers wegen: Arsen!", "de_DE"),
            ("arsenic in the waters of Seville", "en_US"),
            ("De l'arsenic dans les eaux", "fr_FR"),
        ],
    )
    def test_plural_and_inflected_forms_match(self, text: str, locale: str) -> None:
        """A plural or an inflected form matches the base form the pattern gives."""
        assert _matched(text, locale) == ["arsenic"]

    @pytest.mark.parametrize(
        "text",
        ["Arsenbelastung im Trinkwasser!", "Trinkwasser mit Arsenwerten", "Leitungswasser: Arsen"],
    )
    def test_german_compounds_hold_their_parts(self, text: str) -> None:
        """'Trinkwasser' holds 'wasser', 'Arsenbelastung' holds 'arsen'."""
        assert _matched(text, "de_DE") == ["arsenic"]

    def test_compounds_only_in_compounding_languages(self) -> None:
        """Spanish does not split words: 'aguardiente' does not hold 'agua'."""
        assert _matched("Aguardiente con arsénico", "es_ES") == []

    def test_other_words_still_do_not_match(self) -> None:
        """Stemming joins forms of one word, not different words."""
        assert _matched("El agua tiene cloro", "es_ES") == []
        assert _matched("Wasserball und Arsenal", "de_DE") == []

    def test_the_demo_claims_still_match_as_before(self) -> None:
        """'Lumea vend les données' and 'Is Lumea selling our data?' still match."""
        claims = demo_plan().claims
        assert _matched("Lumea vend les données de ses clients", "fr_FR", *claims)
        assert _matched("Is Lumea selling our data?", "en_GB", *claims)
        assert _matched("Lumea sells our data", "en_GB", *claims)


class TestDenial:
    @pytest.mark.parametrize(
        ("text", "locale"),
        [
            ("El agua NO tiene arsénico, dejad de difundir bulos", "es_ES"),
            ("Lo del arsénico en el agua es falso", "es_ES"),
            ("Arsen im Wasser? Das ist falsch.", "de_DE"),
            ("Das Wasser enthält kein Arsen", "de_DE"),
            ("De l'arsenic dans l'eau ? C'est faux.", "fr_FR"),
            ("L'eau ne contient pas d'arsenic", "fr_FR"),
            ("Arsenic in the water? This is fake.", "en_US"),
            ("The water has no arsenic, stop spreading this", "en_US"),
        ],
    )
    def test_a_denial_does_not_count_as_spreading(self, text: str, locale: str) -> None:
        """A mention that denies the claim repeats its words but does not match it."""
        assert _matched(text, locale) == []

    @pytest.mark.parametrize(
        ("text", "locale"),
        [
            ("¡El agua del grifo tiene arsénico!", "es_ES"),
            ("Arsen im Trinkwasser, sagt mein Nachbar", "de_DE"),
            ("Il y a de l'arsenic dans l'eau", "fr_FR"),
            ("There is arsenic in the water, no joke, share it", "en_US"),
        ],
    )
    def test_a_repeat_still_counts(self, text: str, locale: str) -> None:
        """Spreading the claim matches it, a 'no' far from its words included."""
        assert _matched(text, locale) == ["arsenic"]

    def test_a_denial_word_that_is_the_claim_is_no_denial(self) -> None:
        """A claim that something is fake is repeated when a post says it is fake."""
        claim = KnownClaim(
            id="fake-vaccine",
            statement="the vaccine is fake",
            verdict="false",
            patterns={"en": [["vaccine", "fake"]]},
        )
        assert _matched("The vaccine is fake!", "en_GB", claim) == ["fake-vaccine"]

    def test_a_language_without_denial_data_denies_nothing(self) -> None:
        """Denial is read in the languages it knows; others are taken as written."""
        assert not denies(("nao", "tem", "arsenico"), [2], "pt")

    @given(st.lists(st.text(max_size=8), max_size=30), st.sampled_from(["es", "de", "fr", "en"]))
    def test_any_words_are_read(self, said: list[str], language: str) -> None:
        """denies takes any words and positions and answers True or False."""
        folded = [w for s in said for w in words(s)]
        positions = list(range(0, len(folded), 3))
        assert denies(folded, positions, language) in {True, False}


class TestStemming:
    def test_a_language_without_a_stemmer_keeps_its_words(self) -> None:
        """No stemmer for 'xx': the word as it is."""
        assert stemmer_of("xx") is None
        assert stem("bulos", "xx") == "bulos"

    @pytest.mark.parametrize(
        ("language", "forms"),
        [
            ("es", ("bulo", "bulos")),
            ("en", ("sell", "sells", "selling")),
            ("de", ("wasser", "wassers")),
            ("fr", ("donnee", "donnees")),
        ],
    )
    def test_forms_of_one_word_share_a_stem(self, language: str, forms: tuple[str, ...]) -> None:
        """Snowball joins the plural and inflected forms of a word."""
        assert len({stem(f, language) for f in forms}) == 1

    def test_a_hostile_word_is_neither_split_nor_stemmed(self) -> None:
        """A run of letters longer than any word gives no parts and keeps its letters."""
        assert list(compound_parts("a" * 100_000)) == []
        hostile = "wasser" * 20_000
        assert stem(hostile, "de") == hostile
        assert match_claims([Mention(text=hostile, at=AT, locale="de")], [ARSENIC]) == ()

    @given(st.text(max_size=60))
    def test_parts_are_heads_and_tails(self, word: str) -> None:
        """Every part is a head or a tail of the word, at least four characters long."""
        for part in compound_parts(word):
            assert len(part) >= 4
            assert word.startswith(part) or word.endswith(part)


class TestBoundedMemory:
    def test_the_tables_start_again_when_full(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A feed of ever new words does not grow the stem and reach tables without end."""
        import crisiscomms._monitoring._claims as claims_module
        import crisiscomms.text._stemming as stemming

        monkeypatch.setattr(stemming, "_REMEMBERED", 3)
        monkeypatch.setattr(claims_module, "_REMEMBERED", 3)
        feed = [
            Mention(text=f"agua{n} arsénico mot{n} otro{n}", at=AT, locale="es") for n in range(5)
        ]
        feed.append(Mention(text="El agua tiene arsénico", at=AT, locale="es"))
        assert [m.index for m in match_claims(feed, [ARSENIC])] == [5]
        stems = stemming.stems_of("es")
        assert stems is not None
        assert len(stems) <= 3


class TestDenialSigns:
    @given(st.lists(st.text(max_size=8), max_size=30), st.sampled_from(["es", "de", "fr", "en"]))
    def test_words_without_a_sign_deny_nothing(self, said: list[str], language: str) -> None:
        """A text with none of the language's denial signs is never read as a denial."""
        signs = denial_signs(language)
        folded = [w for s in said for w in words(s) if w not in signs]
        assert signs
        assert not denies(folded, range(len(folded)), language)
