"""Sentence ends that no reader of `extract_values` crosses: where a text may be cut.

A set of messages drafted from one template shares most of its sentences;
read sentence by sentence, a sentence repeated across the set is read once.
That gives the same values as reading each whole text only where nothing
read on one side of the cut depends on the other side. A cut is taken after
``". "``, ``"! "`` or ``"? "`` (one plain space) before a capitalised word,
and only where the words around it rule out every way a reader reaches
across a sentence end:

- forwards, a value that goes on after the dot: a day with its dot before a
  month ("24. November", "24. de noviembre"), "a.m." or "p. m." and the
  zone after them ("9 a.m. GMT"), an abbreviated month and the time it
  pairs with ("24 Nov. At 10:00"), a zone name with a dot in it
  ("St. Pierre & Miquelon Time");
- backwards, the words a reader looks for before a run of digits, which may
  hold a dot: a weekday before a month ("Tue. November 24"), the word
  before a phone number ("Contact. Call 944123456"). They stand within 40
  characters of the digits, in words, blanks, dots, commas and colons: a
  cut with a digit that near after it, in such words only, is not taken.

Every other reader keeps within a sentence: links, addresses and hashtags
hold no blank; numbers, dates, times, ranges and phone numbers go on across
a blank only to more digits or to words without a dot; status words,
negations, bounds and the words of a date-time gap hold no dot; a zone is
only looked for after a time when a letter, a digit or a sign follows it.
The property tests read random texts both ways and compare. Nothing here
knows about plans.
"""

from __future__ import annotations

import functools

from crisiscomms.text._datetimes import date_patterns
from crisiscomms.text._patterns import lazy_re
from crisiscomms.text._zones import dotted_words, zone_starts

__all__ = ["is_cut", "sentence_cuts", "sentence_starts"]

#: The sentence ends looked for, each with its one blank.
_ENDS = (". ", "! ", "? ")
#: A digit within 41 characters after a cut, with only words, blanks, dots, commas and
#: colons before it: a reader of the digits may look back across the cut (40 characters,
#: and the character before them).
_DIGITS_NEAR = lazy_re(r"[\w\s.,:]{0,40}?\d")
_DIGIT_REACH = 41
#: A token before the mark up to this long is remembered with the answer of `is_cut`.
_REMEMBERED_TOKEN = 32
#: The letters a word starts with, and the letters a token ends with.
_WORD = lazy_re(r"[^\W\d_]+")
_LETTERS = lazy_re(r"[^\W\d_]+\Z")
#: Words between a day with its dot and its month ("24. de noviembre", "24. of May").
_LINKS = frozenset({"de", "del", "of"})


@functools.cache
def _words(locale: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], int]:
    """The words and characters that decide a cut in `locale`.

    Month and weekday names, the dotted words of zone names, what starts a
    zone, and how many characters after a cut decide it (41, or more for a
    longer name).
    """
    names = date_patterns(locale).names
    longest = max(len(word) for word in names | _LINKS)
    return names, dotted_words(locale), zone_starts(locale), max(_DIGIT_REACH, longest + 1)


def sentence_starts(text: str) -> list[int]:
    """Where a sentence may start: after ". ", "! " or "? ", at a capitalised word.

    A cut is only ever taken at one of these (`sentence_cuts`); they are
    cheap to find, so a set can see which of its sentences repeat before
    asking, at a few of them, whether a cut there is sound (`is_cut`).

    >>> sentence_starts("Lumea. Nous. GMT. Suivi")
    [7, 18]
    """
    found = []
    for end in _ENDS:
        at = text.find(end, 1)
        while at != -1:
            # A capitalised word: no acronym ("GMT", "MEZ"), no letter alone ("M." of "P. M.").
            if text[at + 2 : at + 3].isupper() and text[at + 3 : at + 4].islower():
                found.append(at + 2)
            at = text.find(end, at + 1)
    if len(found) > 1:
        found.sort()
    return found


def is_cut(text: str, cut: int, locale: str) -> bool:
    """True when no reader crosses the sentence start `cut` (one of `sentence_starts`).

    `locale` is the canonical locale `text` is read in.

    >>> is_cut("Il est 12:00. Suivi : lumea.fr", 14, "fr_FR")
    True
    >>> is_cut("Am 24. November um 10 Uhr.", 7, "de_DE")
    False
    """
    dot = cut - 2
    begin = min(text.rfind(" ", 0, dot) + 1, dot - 1)
    reach = _words(locale)[3]
    if dot - begin > _REMEMBERED_TOKEN:
        return _is_cut(text, cut, locale)
    # The answer depends only on the token before the mark and the characters within
    # reach after the cut: a set asks again at each draft of one template.
    return _remembered(text[begin : cut + reach], cut - begin, locale)


def _is_cut(text: str, cut: int, locale: str) -> bool:
    names, dotted, starts, _ = _words(locale)
    mark = text[cut - 2]
    if mark in starts or _DIGITS_NEAR.match(text, cut) is not None:
        return False
    return mark != "." or _ends_sentence(text, cut, names, dotted)


#: The answers of `is_cut` for the contexts asked last (4,096 of them, each short).
_remembered = functools.lru_cache(maxsize=4096)(_is_cut)


def sentence_cuts(text: str, locale: str) -> list[int]:
    """The offsets where `text` may be cut into parts that read as the whole text does.

    Each offset is the start of a sentence; reading the parts between them on
    their own and shifting what each part states by its offset gives what
    reading the whole text gives (`locale` is the canonical locale it is
    read in). Any of them may be left out: the parts still read as the whole.

    >>> sentence_cuts("12 000 clients sont concernés. Suivi : https://lumea.fr", "fr_FR")
    [31]
    >>> sentence_cuts("Am 24. November um 10 Uhr.", "de_DE")
    []
    """
    return [cut for cut in sentence_starts(text) if is_cut(text, cut, locale)]


def _ends_sentence(text: str, cut: int, names: frozenset[str], dotted: frozenset[str]) -> bool:
    """True when the dot before `cut` ends a sentence, not a value or a name."""
    dot = cut - 2
    before = text[dot - 1]
    if before.isdecimal():
        # "24. November", "24. de noviembre": a day with its dot, then its month.
        word = _WORD.match(text, cut)
        assert word is not None  # a capitalised word follows every cut
        first = word[0].casefold()
        return first not in names and first not in _LINKS
    if not before.isalpha():
        return True
    # The token before the dot; "a.m." and "p.m." hold a dot: a time that a zone may follow.
    token = text[text.rfind(" ", 0, dot) + 1 : dot]
    if "." in token:
        return False
    word = _LETTERS.search(token)
    assert word is not None  # the token ends with a letter
    last = word[0].casefold()
    # "p. m.", "Tue.", "Nov.", "St." of a zone name: a value or a name goes on.
    return len(last) >= 2 and last not in names and last not in dotted
