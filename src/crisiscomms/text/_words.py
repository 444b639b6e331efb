"""Words next to a place in a text: the first after it, the last before it.

A word here is a run of letters (digits and ``_`` separate words), case-folded;
``"l’article 33"`` ends with the word ``"article"``. A sentence end (``.``,
``!``, ``?``, ``;`` or a line break) in a run of non-letters stops the search:
the word on the other side of it belongs to another sentence. For the folding
of whole texts into words, see `crisiscomms.text._folding`.

This module knows nothing of facts or plans.
"""

from __future__ import annotations

import re

__all__ = ["SENTENCE_END", "first_word", "is_word_char", "last_word", "lower_in_place"]

#: The characters that end a sentence (or a clause that stands alone).
SENTENCE_END = frozenset(".!?;\n")
_LETTERS = re.compile(r"[^\W\d_]+")


def first_word(text: str, /) -> str | None:
    """The first word of `text`, unless a sentence ends before it.

    >>> first_word(" 000 clients"), first_word(". Clients")
    ('clients', None)
    """
    for word in text.split():
        runs = _LETTERS.findall(word)
        if runs:
            return str(runs[0]).casefold()
        if not SENTENCE_END.isdisjoint(word):
            return None
    return None


def last_word(text: str, /) -> str | None:
    """The last word of `text` (``"l’article 33"`` gives ``"article"``).

    >>> last_word("selon l’Article "), last_word("Fin . 12 ")
    ('article', None)
    """
    for word in reversed(text.split()):
        runs = _LETTERS.findall(word)
        if runs:
            return str(runs[-1]).casefold()
        if not SENTENCE_END.isdisjoint(word):
            return None
    return None


def is_word_char(char: str, /) -> bool:
    """True for a character that continues a word: a letter, a digit or ``_``.

    >>> is_word_char("é"), is_word_char("_"), is_word_char("-")
    (True, True, False)
    """
    return char.isalnum() or char == "_"


def lower_in_place(text: str, /) -> str:
    """`text` in lower case, character for character (so offsets stay valid).

    A character whose lower case is longer (``İ`` gives two) is kept as it is.

    >>> lower_in_place("Prochain POINT"), len(lower_in_place("İstanbul"))
    ('prochain point', 8)
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
