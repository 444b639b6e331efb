"""Word forms: the stem of a folded word in its language, and the parts of a compound.

Claim patterns must match the usual forms of a word (``bulo`` and
``bulos``, ``sell`` and ``selling``, ``Wasser`` and ``Wassers``) without a
hand-written suffix rule per language: the Snowball stemmers
(`snowballstemmer`, from the Snowball project) do it for some thirty
languages. It is imported on first use, so loading the library does not pay
for it. A language without a stemmer keeps its words as they are.

Compounds (German, Dutch, the Nordic languages) write one word for two:
``Trinkwasser``, ``Arsenbelastung``. `compound_parts` gives the heads and
tails of a long word, so that a keyword ``wasser`` is found in
``trinkwasser`` and ``arsen`` in ``arsenbelastung``.

Words come in folded (`crisiscomms.text._folding`: case and accents folded),
and both sides of a comparison go through the same steps, so the stems meet.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Final

__all__ = ["COMPOUNDING", "Stems", "compound_parts", "stem", "stemmer_of", "stems_of"]

#: ISO 639-1 codes and the Snowball algorithm for each.
_ALGORITHMS: Final = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
}

#: The languages that write compounds as one word.
COMPOUNDING: Final = frozenset({"de", "nl", "da", "sv", "nb", "nn", "no"})

#: The shortest part of a compound worth matching, and the longest word split.
_PART: Final = 4
_LONGEST: Final = 40


@functools.cache
def stemmer_of(language: str, /) -> Callable[[str], str] | None:
    """The stemmer of a language (``"de"``), or None when Snowball has none for it.

    >>> stemmer_of("es")("bulos"), stemmer_of("xx") is None
    ('bul', True)
    """
    algorithm = _ALGORITHMS.get(language)
    if algorithm is None:
        return None
    import snowballstemmer  # noqa: PLC0415 (lazily: only claim matching needs it)

    stem_word: Callable[[str], str] = snowballstemmer.stemmer(algorithm).stemWord
    return stem_word


def stem(word: str, language: str, /) -> str:
    """The stem of a folded `word` in `language`; the word itself without a stemmer.

    A "word" longer than any word (more than 40 letters) is kept as it is.

    >>> stem("selling", "en"), stem("sells", "en"), stem("wassers", "de"), stem("bulo", "zz")
    ('sell', 'sell', 'wass', 'bulo')
    """
    stemmer = stemmer_of(language)
    # No word is that long: a hostile run of letters is not worth the stemmer's time.
    return word if stemmer is None or len(word) > _LONGEST else stemmer(word)


#: The most words a `Stems` table remembers before it starts again (a hostile feed
#: of unique words must not grow it without end).
_REMEMBERED: Final = 200_000


class Stems(dict[str, str]):
    """Folded word to stem in one language, each word stemmed on its first lookup.

    A plain `dict` lookup for a word seen before, so that a feed's words are
    stemmed at the speed of a dictionary.

    >>> stems = stems_of("en")
    >>> [stems[w] for w in ("selling", "sells")]
    ['sell', 'sell']
    """

    __slots__ = ("language",)

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> str:
        if len(self) >= _REMEMBERED:
            self.clear()
        found = self[word] = stem(word, self.language)
        return found


@functools.cache
def stems_of(language: str, /) -> Stems | None:
    """The table of stems of a language, None when it has no stemmer."""
    return None if stemmer_of(language) is None else Stems(language)


def compound_parts(word: str, /) -> Iterator[str]:
    """Every head and tail of at least four letters of a long word: where its parts may be.

    A word shorter than two parts, or longer than any word (a hostile run of
    letters), gives nothing, so the work stays linear in the text.

    >>> sorted(p for p in compound_parts("trinkwasser") if p in {"trink", "wasser"})
    ['trink', 'wasser']
    >>> list(compound_parts("wasser"))
    []
    """
    size = len(word)
    if size < 2 * _PART or size > _LONGEST:
        return
    for cut in range(_PART, size - _PART + 1):
        yield word[:cut]
        yield word[cut:]
