"""Whether a text denies what it mentions: "NO tiene arsénico", "das ist falsch", "this is fake".

A post that repeats a claim's words to deny it ("NO tiene arsénico, dejad de
difundir bulos") is not spreading the claim. `denies` reads two signs, in
the words of the post (folded: `crisiscomms.text._folding`):

- a **denial word** anywhere: ``falso``, ``bulo``, ``falsch``, ``faux``,
  ``fake``, ``hoax`` ... or a denial phrase (``no es cierto``, ``stimmt
  nicht``, ``pas vrai``, ``not true``, ``stop spreading``);
- a **negation next to the claim's words**: ``no``, ``nicht``, ``kein``,
  ``ne``, ``not`` ... within two words before one of them (``no tiene
  arsénico``), or ``nicht`` / ``pas`` within three words after
  (``Lumea verkauft die Daten nicht``).

A denial word that is itself one of the claim's words ("the vaccine is
fake") is no sign. The reading is deliberately simple: irony and reported
speech are read as they are written.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from typing import Final

__all__ = ["denial_signs", "denies"]

#: Words that call what they speak of false, by language (folded).
_DENIAL_WORDS: Final[dict[str, frozenset[str]]] = {
    "es": frozenset(
        {"falso", "falsa", "falsos", "falsas", "bulo", "bulos", "mentira", "mentiras", "fake"}
        | {"desmentido", "desmiente", "desmentimos", "infundado", "infundada", "hoax"}
    ),
    "de": frozenset(
        {"falsch", "falsche", "falscher", "falschmeldung", "falschmeldungen", "fake", "unwahr"}
        | {"gelogen", "luge", "lugen", "quatsch", "unsinn", "dementi", "hoax"}
    ),
    "fr": frozenset(
        {"faux", "fausse", "fausses", "fake", "intox", "infox", "mensonge", "mensonges"}
        | {"dementi", "dement", "dementons", "infonde", "infondee", "hoax"}
    ),
    "en": frozenset(
        {"fake", "false", "hoax", "untrue", "debunked", "misinformation", "disinformation"}
        | {"lie", "lies", "bogus", "baseless", "unfounded", "myth", "denies", "denied"}
    ),
}

#: Runs of words that deny, by language (folded).
_DENIAL_PHRASES: Final[dict[str, tuple[tuple[str, ...], ...]]] = {
    "es": (
        ("no", "es", "cierto"),
        ("no", "es", "verdad"),
        ("dejad", "de", "difundir"),
        ("dejen", "de", "difundir"),
        ("deja", "de", "difundir"),
        ("no", "difundais"),
        ("no", "compartais"),
    ),
    "de": (("stimmt", "nicht"), ("nicht", "wahr"), ("nicht", "weiterleiten")),
    "fr": (("pas", "vrai"), ("ne", "partagez", "pas"), ("arretez", "de", "partager")),
    "en": (("not", "true"), ("stop", "spreading"), ("stop", "sharing"), ("no", "truth")),
}

#: Words that negate the word after them, by language (folded).
_NEGATORS: Final[dict[str, frozenset[str]]] = {
    "es": frozenset({"no", "nunca", "jamas", "ningun", "ninguna", "ni", "sin"}),
    "de": frozenset({"nicht", "kein", "keine", "keinen", "keinem", "keiner", "nie", "niemals"}),
    "fr": frozenset({"ne", "n", "pas", "jamais", "aucun", "aucune", "sans"}),
    "en": frozenset({"not", "no", "never", "doesn", "don", "isn", "aren", "didn", "without"}),
}

#: Words that negate the words before them (German, French word order).
_AFTER: Final[dict[str, frozenset[str]]] = {
    "de": frozenset({"nicht", "nie", "niemals"}),
    "fr": frozenset({"pas", "jamais"}),
}

_BEFORE: Final = 2
_BEHIND: Final = 3


def denies(
    words: Sequence[str], at: Collection[int], language: str, *, claim_words: Collection[str] = ()
) -> bool:
    """True when the folded `words` deny what the words at positions `at` say.

    Args:
        words: the text's words, folded.
        at: the positions of the claim's words in `words`.
        language: the text's language (``"es"``); a language without denial
            data denies nothing.
        claim_words: the claim's own words, which are never a sign of denial.

    >>> from crisiscomms.text._folding import words
    >>> said = words("NO tiene arsénico, dejad de difundir bulos")
    >>> denies(said, [2], "es")
    True
    >>> denies(words("El agua tiene arsénico"), [3], "es")
    False
    >>> denies(words("Lumea verkauft die Daten nicht"), [1, 3], "de")
    True
    """
    cues = _DENIAL_WORDS.get(language)
    if cues is None:
        return False
    own = set(claim_words)
    said = set(words)
    if not cues.isdisjoint(said) and not cues.intersection(said) <= own:
        return True
    for phrase in _DENIAL_PHRASES.get(language, ()):
        if said.issuperset(phrase) and _has_run(words, phrase):
            return True
    negators = _NEGATORS[language] - own
    after = _AFTER.get(language, frozenset()) - own
    if negators.isdisjoint(said) and after.isdisjoint(said):
        return False
    for position in at:
        before = words[max(0, position - _BEFORE) : position]
        behind = words[position + 1 : position + 1 + _BEHIND]
        if any(w in negators for w in before) or any(w in after for w in behind):
            return True
    return False


@functools.cache
def denial_signs(language: str, /) -> frozenset[str]:
    """Every word of which a text needs one to deny anything in `language` (folded).

    A text whose words avoid them all is read as it is written, without
    calling `denies`; a language without denial data has none.

    >>> "falso" in denial_signs("es"), "nicht" in denial_signs("de"), denial_signs("pt")
    (True, True, frozenset())
    """
    if language not in _DENIAL_WORDS:
        return frozenset()
    phrases = _DENIAL_PHRASES.get(language, ())
    return (
        _DENIAL_WORDS[language]
        | {word for phrase in phrases for word in phrase}
        | _NEGATORS[language]
        | _AFTER.get(language, frozenset())
    )


def _has_run(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    first = phrase[0]
    return any(tuple(words[i : i + size]) == phrase for i, w in enumerate(words) if w == first)
