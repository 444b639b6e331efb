"""Sentence cuts: the parts of a text, read on their own, read as the whole text does."""

from __future__ import annotations

import itertools
import sys
import unicodedata
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from crisiscomms.text._extraction import (
    ExtractedValue,
    extract_each,
    extract_values,
    supported_locale,
)
from crisiscomms.text._sentences import _is_cut, is_cut, sentence_cuts, sentence_starts
from tests.strategies import EXTRACTION_LOCALES

REF = date(2026, 11, 20)

#: Words and values that a reader may join across a sentence end, in every case.
_WORDS = [
    "Suivi", "Nous", "Updates", "Next", "update", "Questions", "Infos", "Lumea", "We",
    "Call", "Contact", "Tel", "Hotline", "Direct", "llame", "At", "Um", "On", "De", "Of",
    "del", "the", "à", "a", "las", "Tue", "Tuesday", "Mardi", "Dienstag", "Martes",
    "November", "Nov", "Novembre", "nov", "Dezember", "Dez", "Noviembre", "Mai", "May",
    "St", "Pierre", "&", "Miquelon", "Time", "GMT", "CET", "MEZ", "Heure", "heure", "de",
    "Paris", "a.m", "p", "m", "P", "M", "am", "pm", "Uhr", "h", "heures", "noon", "Midi",
    "minuit", "Mio", "Tsd", "Million", "Approx", "approx", "Ca", "Env", "Not", "not", "pas",
    "nicht", "Resolved", "résolu", "Restored", "rétabli", "Partially", "For", "most",
    "en", "cours", "investigation", "Entre", "between", "et", "and", "to", "bis", "Pour",
    "cent", "Prozent", "Stunden", "horas", "Tag", "Article", "Z", "Zurich", "UTC",
]  # fmt: skip
_VALUES = [
    "24", "7", "12", "9", "3", "2026", "365", "12 000", "12,000", "12.000", "1,2", "0,5",
    "944123456", "+33 9 70 80 90 00", "09 70 80 90 00", "212 555 0100", "12:00", "10:30",
    "07:55", "24/11/2026", "2026-11-24", "10 h 30", "24/7", "%", "12 %", "k",
    "https://status.lumea.fr/incident/2411", "lumea.fr", "securite@lumea.fr", "#ref0",
    "#Lumea", "(", ")", "~", "-", "+", "’", "'", "»", "«",
]  # fmt: skip
_TOKENS = st.one_of(
    st.sampled_from(_WORDS).flatmap(
        lambda word: st.sampled_from([word, word.capitalize(), word.upper(), word.lower()])
    ),
    st.sampled_from(_VALUES),
)
_SEPARATORS = st.sampled_from(
    [" ", " ", " ", ". ", ". ", ". ", "! ", "? ", ", ", ": ", ".", " . ", "\n", "\u00a0", ". \n"]
)
#: Texts of sentences made of those words and values, cut by every kind of mark.
sentences = st.lists(st.tuples(_TOKENS, _SEPARATORS), max_size=30).map(
    lambda pairs: "".join(token + separator for token, separator in pairs)
)


def read_in_parts(text: str, locale: str) -> tuple[ExtractedValue, ...]:
    """The values of each part between the cuts, read alone and shifted into `text`."""
    canonical = supported_locale(locale)
    bounds = [0, *sentence_cuts(text, canonical), len(text)]
    values = []
    for start, end in itertools.pairwise(bounds):
        for value in extract_values(text[start:end], locale, reference=REF):
            begin, finish = value.span
            values.append(
                ExtractedValue(
                    value.kind,
                    value.value,
                    (begin + start, finish + start),
                    value.text,
                    value.zone,
                    value.bound,
                )
            )
    return tuple(values)


class TestParts:
    """Reading the parts gives what reading the whole text gives, on any text."""

    @settings(max_examples=600, deadline=None)
    @given(text=sentences, locale=st.sampled_from(EXTRACTION_LOCALES))
    @example(text="Il est 12:00. Suivi : https://status.lumea.fr/incident/2411 #ref0", locale="fr")
    def test_parts_read_as_the_whole(self, text: str, locale: str) -> None:
        """Each part read alone, shifted by its offset, states what the whole text states."""
        assert read_in_parts(text, locale) == extract_values(text, locale, reference=REF)

    @settings(max_examples=300, deadline=None)
    @given(
        texts=st.lists(st.tuples(sentences, st.sampled_from(EXTRACTION_LOCALES)), max_size=5),
        shared=sentences,
    )
    def test_sets_that_share_sentences(self, texts: list[tuple[str, str]], shared: str) -> None:
        """Texts read together, sharing sentences, give what each gives read alone."""
        drafts = [(shared + text, locale) for text, locale in texts] + texts
        together = extract_each(drafts, reference=REF)
        assert together == [extract_values(t, loc, reference=REF) for t, loc in drafts]

    def test_a_capital_composes_with_nothing_before_it(self) -> None:
        """The parts of a text in NFC are in NFC: no capital letter is combining or composes.

        A cut is always before a capital (`sentence_starts`); a character that
        composes with the one before it is the second of a canonical
        decomposition pair, or a Hangul vowel or trailing consonant.
        """
        seconds = set()
        for point in range(sys.maxunicode + 1):
            decomposition = unicodedata.decomposition(chr(point)).split()
            if len(decomposition) == 2 and not decomposition[0].startswith("<"):
                seconds.add(chr(int(decomposition[1], 16)))
        hangul = {chr(p) for p in range(0x1161, 0x1176)} | {chr(p) for p in range(0x11A8, 0x11C3)}
        capitals = [chr(p) for p in range(sys.maxunicode + 1) if chr(p).isupper()]
        assert len(capitals) > 1000
        assert not [c for c in capitals if c in seconds | hangul or unicodedata.combining(c)]


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the extraction readers are made for, in order, as the test goes on."""
    module = sys.modules["crisiscomms.text._extraction"]
    made: list[str] = []
    original = module._Reader.__init__

    def counting(self: object, text: str, locale: str, reference: date | None) -> None:
        made.append(text)
        original(self, text, locale, reference)

    monkeypatch.setattr(module._Reader, "__init__", counting)
    return made


class TestCuts:
    """Where a text is cut, and where a reader would cross the sentence end."""

    def test_drafts_are_cut_at_their_sentences(self) -> None:
        """A drafted message is cut before each sentence that no reader reaches into."""
        text = (
            "12\u202f000 clients sont concernés. Nous les prévenons directement. "
            "Prochain point : 12:00. Suivi : https://status.lumea.fr/incident/2411 #ref0"
        )
        cuts = sentence_cuts(text, "fr_FR")
        assert [text[cut : cut + 5] for cut in cuts] == ["Nous ", "Suivi"]

    @pytest.mark.parametrize(
        ("text", "locale"),
        [
            ("Frist: 24. November um 10 Uhr.", "de_DE"),  # a day and its dot
            ("Back at 9 a.m. Central European Time.", "en_GB"),  # a zone after a.m.
            ("Back at 9 p. M. Central European Time.", "en_GB"),  # the same, spaced
            ("Open from Tue. November 24 on.", "en_GB"),  # a weekday before the month
            ("Need help? Contact. Direct 944123456 now.", "es_ES"),  # a phone word
            ("Done 24 Nov. At noon we reopen.", "en_GB"),  # a date and its time
            ("Back at 10:00 St. Pierre & Miquelon Time.", "en_US"),  # a zone name
        ],
    )
    def test_no_cut_where_a_reader_crosses(self, text: str, locale: str) -> None:
        """Where reading the sentences alone would differ, the text is not cut there."""
        dot = text.index(". ") + 2
        whole = extract_values(text, locale, reference=REF)
        alone = extract_values(text[:dot], locale, reference=REF) + tuple(
            ExtractedValue(v.kind, v.value, (v.span[0] + dot, v.span[1] + dot), v.text, v.zone)
            for v in extract_values(text[dot:], locale, reference=REF)
        )
        assert alone != whole  # the sentences read alone would say something else
        assert dot not in sentence_cuts(text, supported_locale(locale))

    def test_one_text_is_read_whole(self) -> None:
        """A text read alone is not cut: nothing would be read once for two texts."""
        text = "12 000 clients. Suivi : https://lumea.fr"
        assert sentence_cuts(text, "fr_FR") == [16]
        assert extract_values(text, "fr") == extract_each([(text, "fr")])[0]

    def test_a_shared_sentence_is_read_once(self, read: list[str]) -> None:
        """Two drafts that share their first sentence read it once."""
        shared = "Lumea a détecté un accès à l’espace client. 12 000 clients sont concernés. "
        extract_each([(shared + "Suivi : #x", "fr"), (shared + "Infos : #y", "fr")])
        assert read == [shared, "Suivi : #x", "Infos : #y"]
        read.clear()
        texts = [("Alerte. " + shared + "Suivi : #x", "fr"), ("Info. " + shared + "Fin.", "fr")]
        found = extract_each(texts)
        assert read == ["Alerte. ", shared, "Suivi : #x", "Info. ", "Fin."]
        assert found == [extract_values(text, locale) for text, locale in texts]

    def test_a_short_shared_sentence_is_read_in_its_texts(self, read: list[str]) -> None:
        """A shared sentence too short to pay for a reader of its own is not cut off."""
        texts = ["12 000 clients. Merci. Suivi : #x", "15 000 clients. Merci. Infos : #y"]
        extract_each([(text, "fr") for text in texts])
        assert read == texts

    def test_a_set_that_repeats_nothing_is_read_whole(self, read: list[str]) -> None:
        """Texts that share no sentence are each read whole, as one part."""
        texts = ["12 000 clients. Suivi : #x", "15 000 clients. Infos : #y"]
        extract_each([(text, "fr") for text in texts])
        assert read == texts


class TestRememberedCuts:
    """`is_cut` answers from the short context its answer depends on."""

    @settings(max_examples=400, deadline=None)
    @given(text=sentences, locale=st.sampled_from(EXTRACTION_LOCALES))
    @example(text="At 9 " + "x" * 40 + "a.m. Central European Time.", locale="en_GB")
    @example(text="Il est 12:00. " + "S" + "u" * 60 + " 24", locale="fr")
    def test_the_remembered_answer_is_the_answer(self, text: str, locale: str) -> None:
        """At every sentence start, the answer from the context is the answer from the text."""
        canonical = supported_locale(locale)
        for cut in sentence_starts(text):
            assert is_cut(text, cut, canonical) == _is_cut(text, cut, canonical)
