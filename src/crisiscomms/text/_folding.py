"""Text folding: case, accents and Unicode forms, then words.

Two texts that a reader takes for the same words should fold to the same
words: ``"Données"``, ``"DONNEES"`` and ``"donne\u0301es"`` (a combining
accent) all give ``"donnees"``. Folding is, in order:

1. NFKC normalisation (compatibility forms: full-width letters, ligatures
   such as ``ﬁ``, superscripts become their plain letters);
2. case folding (`str.casefold`: ``ß`` becomes ``ss``);
3. accent folding: NFKD decomposition, then every nonspacing mark (Unicode
   category ``Mn``) is removed, then NFC recomposes what is left.

Words are the maximal runs of letters and digits of the folded text; every
other character (spaces, punctuation, apostrophes, ``#``, ``@``, ``_``,
emoji) separates words. Letters without a decomposition (``ø``, ``ł``,
``æ``) are kept as they are. Accent folding removes every nonspacing mark,
so it suits scripts whose marks are accents (Latin, Greek, Cyrillic); it
is applied in the same way to both sides of a comparison, so it never
makes two folded texts differ that were equal.

This module knows nothing of claims or plans.
"""

from __future__ import annotations

import unicodedata

from crisiscomms.text._patterns import lazy_re

__all__ = ["fold", "latin_1_words", "word_list", "words"]

#: Combining Diacritical Marks (U+0300 to U+036F, all of category Mn): the accents of
#: Latin scripts once decomposed. Removed with one fast substitution; any other mark
#: left is removed character by character.
_COMMON_MARKS = lazy_re("[\u0300-\u036f]+")
# Letters and digits only: `\w` without the underscore.
_WORD = lazy_re(r"[^\W_]+")


def _strip_marks(text: str) -> str:
    text = _COMMON_MARKS.sub("", text)
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def fold(text: str, /) -> str:
    """The case-, accent- and compatibility-folded form of `text`.

    >>> fold("Les DONNÉES des clients")
    'les donnees des clients'
    >>> fold("Stra\u00dfe") == fold("STRASSE") == "strasse"
    True
    >>> fold("\uff2c\uff55\uff4d\uff45\uff41")  # full-width letters
    'lumea'
    """
    if text.isascii():
        # NFKC and accent folding leave ASCII alone, and casefold is lower here.
        return text.lower()
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _strip_marks(unicodedata.normalize("NFKD", folded))
    return unicodedata.normalize("NFC", folded)


def _latin1_tables() -> tuple[bytes, bytes]:
    """The byte tables of the Latin-1 fast path of `word_list`.

    Every Latin-1 character whose folded form is one Latin-1 character is
    *simple*; the word table maps it to its folded form when that is a letter
    or digit, and to a space (a separator) otherwise. Latin-1 holds no
    combining mark and no decomposition starts with one, so folding a text of
    simple characters is folding each character: the table gives exactly
    what `fold` gives.
    """
    table = bytearray(b" " * 256)
    simple = bytearray()
    for code in range(256):
        folded = fold(chr(code))
        if len(folded) == 1 and ord(folded) < 256:
            simple.append(code)
            if _WORD.fullmatch(folded):
                table[code] = ord(folded)
    return bytes(table), bytes(simple)


_WORD_TABLE, _SIMPLE = _latin1_tables()

#: Typographic separators of French and English text outside Latin-1: each folds to
#: separators only, so a space in its place gives the same words (and keeps the text
#: on the fast path).
_TYPOGRAPHY = ("\u2019", "\u2018", "\u201c", "\u201d", "\u2026", "\u2013", "\u2014", "\u202f")


def words(text: str, /) -> tuple[str, ...]:
    """The words of `text` after folding, in order.

    A word is a run of letters and digits; everything else separates words.

    >>> words("L'IBAN de @Lumea_FR a fuité ?! #Lumea")
    ('l', 'iban', 'de', 'lumea', 'fr', 'a', 'fuite', 'lumea')
    >>> words("")
    ()
    """
    return tuple(word_list(text))


def word_list(text: str, /) -> list[str]:
    """Like `words`, as a list (the hot path of claim matching avoids the copy)."""
    folded = latin_1_words(text)
    if folded is None:
        # A character outside Latin-1, or one such as ß or ½ that folds to several.
        return _WORD.findall(fold(text))
    return folded.decode("latin-1").split()


def latin_1_words(text: str, /) -> bytes | None:
    """`word_list`'s Latin-1 path: the folded text as bytes, words between spaces.

    None when the text needs the general path (a character outside Latin-1 and
    the typographic separators, or one that folds to several); else
    ``latin_1_words(text).decode("latin-1").split() == word_list(text)``. Claim
    matching looks the words up as bytes and decodes only the mentions that
    reach a keyword.

    >>> latin_1_words("L'IBAN a fuité"), latin_1_words("Straße") is None
    (b'l iban a fuite', True)
    """
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        for mark in _TYPOGRAPHY:
            if mark in text:
                text = text.replace(mark, " ")
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            return None
    if raw.translate(None, _SIMPLE):
        return None
    return raw.translate(_WORD_TABLE)
