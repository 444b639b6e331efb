"""The posts of a drill's burst: mentions written from a claim's keyword sets, drawn from a seed.

A mention says the claim (its keyword sets, joined, with a filler of its
language: "?!", "is this true?", "#scandal") or, without a claim, an angry
line about the organisation; its language, text, source, author and reach
come from one 64-bit draw of the scenario's seeded generator. Nothing here
reads the clock: the same generator state gives the same posts.
"""

from __future__ import annotations

import functools
import itertools
import operator
import random
import struct
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final

from pydantic import BaseModel

from crisiscomms.model._elements import KnownClaim
from crisiscomms.model._mention import Mention

__all__ = ["MILD", "NEGATIVE", "posts", "texts_of"]

# Words added around a claim's keywords in a generated mention, by language.
_FILLERS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("?!", "is this true?", "unbelievable", "read this", "#scandal", "wow", "share!"),
    "fr": ("?!", "c'est vrai ?", "incroyable", "lisez ça", "#scandale", "honteux", "partagez !"),
    "de": ("?!", "stimmt das?", "unglaublich", "lest das", "#Skandal", "krass", "teilen!"),
    "es": (
        "?!",
        "¿es verdad?",
        "increíble",
        "lean esto",
        "#escándalo",
        "vergüenza",
        "¡compartid!",
    ),
}
_ANGER: Final[dict[str, str]] = {
    "en": "{org}: still nothing? this is a disgrace",
    "fr": "{org} : toujours rien ? c'est une honte",
    "de": "{org}: immer noch nichts? eine Schande",
    "es": "{org}: ¿todavía nada? es una vergüenza",
}
_SOURCES: Final = ("x", "bluesky", "facebook", "instagram", "forum", "news")


_MENTION_FIELDS: Final = frozenset(Mention.model_fields)


# A burst's mentions are negative (-0.5 to -0.99, in turn); the baseline's mild.
NEGATIVE: Final = tuple(-0.5 - j / 100 for j in range(50))
MILD: Final = (0.2,)

# The slots every pydantic model has beside its __dict__, set as `model_construct` does.
_MENTION_SLOTS: Final = tuple(
    BaseModel.__dict__[slot].__set__
    for slot in ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
)


@functools.cache
def _padded() -> tuple[str, ...]:
    """``"000"`` to ``"999"``: an author's number is written from two of them."""
    return tuple(f"{n:03d}" for n in range(1_000))


def texts_of(
    languages: Sequence[str], claim: KnownClaim | None, org: str
) -> dict[tuple[str, bool], tuple[str, ...]]:
    """The texts a mention may say, by language and whether it repeats the claim."""
    texts: dict[tuple[str, bool], tuple[str, ...]] = {}
    for language in languages:
        anger = _ANGER.get(language, _ANGER["en"]).format(org=org)
        texts[language, False] = (anger,)
        if claim is not None and language in claim.patterns:
            fillers = _FILLERS.get(language, _FILLERS["en"])
            texts[language, True] = tuple(
                f"{' '.join(words)} {filler}"
                for words in claim.patterns[language]
                for filler in fillers
            )
    return texts


def posts(
    rng: random.Random,
    count: int,
    *,
    first: datetime,
    step: timedelta,
    prefix: str,
    width: int,
    texts: Sequence[tuple[str, tuple[str, ...]]],
    sentiments: Sequence[float],
    reach: int,
) -> list[Mention]:
    """`count` mentions from `first`, one every `step`, in time order.

    Each says one of the `texts` of its language (a language and its texts,
    each pair), has the id `prefix` + its number (`width` digits at least),
    the next of the `sentiments` in turn, and a reach of `reach` + 50 to
    `reach` + 4,999.

    A burst holds hundreds of mentions, so this loop is written for speed:
    one draw of the seeded generator a mention, split into its choices (its
    language, its text and source, its author, its reach), and a `Mention`
    built from values valid by construction without pydantic's validation
    (what `model_construct` does, at a fraction of its cost). The tests hold
    every generated mention equal to its validated JSON round trip, and the
    drills to golden digests.
    """
    # A draw picks the language (mod the languages), then the text (mod the texts
    # of that language) and the source (mod the sources): the two latter at once,
    # from a table of each (text, source) pair, the text varying fastest.
    choices = []
    for language, said in texts:
        pairs = [(text, source) for source in _SOURCES for text in said]
        choices.append((language, len(pairs), pairs))
    n_languages = len(choices)
    new = object.__new__
    set_dict = object.__setattr__
    set_fields, set_extra, set_private = _MENTION_SLOTS
    fields_set = _MENTION_FIELDS
    padded = _padded()
    # One 64-bit draw a mention, all drawn at once: `getrandbits(64 * n)` is the
    # n draws of `getrandbits(64)`, the first in the lowest bits, and leaves the
    # generator where they would. The times, ids and sentiments are built by C loops.
    draws = struct.unpack(f"<{count}Q", rng.getrandbits(64 * count).to_bytes(8 * count, "little"))
    times = itertools.accumulate(itertools.repeat(step, count - 1), operator.add, initial=first)
    ids = map(prefix.__add__, map(str.zfill, map(str, range(count)), itertools.repeat(width)))
    moods = itertools.cycle(sentiments)
    mentions = []
    # The moods repeat without end, and the times hold one more than none when
    # count is 0: the draws set the length.
    for draw, when, mention_id, sentiment in zip(draws, times, ids, moods, strict=False):
        bits, pick = divmod(draw, n_languages)
        language, n_pairs, pairs = choices[pick]
        bits, pick = divmod(bits, n_pairs)
        text, source = pairs[pick]
        bits, author = divmod(bits, 1_000_000)
        high, low = divmod(author, 1_000)
        mention = new(Mention)
        set_dict(
            mention,
            "__dict__",
            {
                "text": text,
                "at": when,
                "source": source,
                "locale": language,
                "author": "user" + padded[high] + padded[low],
                "reach": reach + 50 + bits % 4_950,
                "sentiment": sentiment,
                "id": mention_id,
            },
        )
        set_fields(mention, fields_set)
        set_extra(mention, None)
        set_private(mention, None)
        mentions.append(mention)
    return mentions
