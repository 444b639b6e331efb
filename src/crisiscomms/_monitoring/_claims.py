"""`match_claims`: the mentions that repeat a claim of the plan's misinformation register.

Claim matching is linear in the number of mentions and does not grow with the
number of claims: every keyword set is filed once under its *anchor*, the
keyword that the fewest keyword sets of its language share, and a mention is
only checked against the sets whose anchor is one of its words.

Words are compared by their stems in the mention's language
(`crisiscomms.text._stemming`: ``bulos`` meets ``bulo``), and in languages
that write compounds the heads and tails of a long word count too
(``trinkwasser`` holds ``wasser``). A mention that denies the claim it
repeats ("NO tiene arsénico, dejad de difundir bulos") does not match it
(`crisiscomms.text._denial`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import reduce
from operator import or_
from typing import Any, TypeVar, final

import attrs

from crisiscomms._arguments import collection_of
from crisiscomms._errors import InputError
from crisiscomms._records import ClaimMatchRecord
from crisiscomms._tables import html_table
from crisiscomms.model._base import Verdict
from crisiscomms.model._elements import KnownClaim
from crisiscomms.model._mention import Mention
from crisiscomms.model._plan import Plan
from crisiscomms.text._denial import denial_signs, denies
from crisiscomms.text._folding import latin_1_words, word_list, words
from crisiscomms.text._stemming import COMPOUNDING, compound_parts, stems_of

__all__ = ["ClaimIndex", "ClaimMatch", "build_claim_index", "match_claims"]

_ESCALATING = frozenset({Verdict.FALSE, Verdict.MISLEADING})

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


@final
@attrs.frozen
class ClaimMatch:
    """A mention that repeats a claim of the register.

    Args:
        index: the position of the mention in the `mentions` given to `match_claims`.
        mention_id: the mention's id (empty when it has none).
        claim: the claim's id.
        verdict: what the organisation holds the claim to be.
        rebuttal_key: the key of the templates that answer it, if any.
        language: the language it was matched in.
        keywords: the keyword set that matched, as the plan writes it.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> at = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> [match] = match_claims([Mention(text="LUMEA vend vos DONNÉES", at=at, locale="fr")],
    ...                        demo_plan().claims)
    >>> match.claim, match.rebuttal_key, match.counts_for_escalation
    ('data-for-sale', 'rumour-rebuttal', True)
    """

    index: int
    mention_id: str
    claim: str
    verdict: Verdict
    rebuttal_key: str | None
    language: str
    keywords: tuple[str, ...]

    @property
    def counts_for_escalation(self) -> bool:
        """True for false and misleading claims, which escalation rules count."""
        return self.verdict in _ESCALATING

    def to_records(self) -> list[ClaimMatchRecord]:
        """The match as one row; ``[r for m in matches for r in m.to_records()]`` for many.

        >>> from datetime import datetime, timezone
        >>> from crisiscomms.samples import demo_plan
        >>> at = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
        >>> [match] = match_claims([Mention(text="LUMEA vend vos DONNÉES", at=at, locale="fr")],
        ...                        demo_plan().claims)
        >>> match.to_records()[0]["keywords"]
        ['lumea', 'vend', 'données']
        """
        return [
            ClaimMatchRecord(
                index=self.index,
                mention_id=self.mention_id,
                claim=self.claim,
                verdict=self.verdict.value,
                rebuttal_key=self.rebuttal_key,
                language=self.language,
                keywords=list(self.keywords),
                counts_for_escalation=self.counts_for_escalation,
            )
        ]

    def _repr_html_(self) -> str:
        """The match as a one-row table, every value escaped."""
        return html_table(
            [dict(r) for r in self.to_records()],
            caption=f"mention {self.index} repeats claim {self.claim} ({self.verdict.value})",
        )


# -- claim index ---------------------------------------------------------------------


class KeywordSet:
    """One keyword set of one claim, folded and stemmed: what a mention must contain.

    It carries what a match of it says about its claim, so that the matching
    core's results are read without going back to the register.
    """

    __slots__ = (
        "alone",
        "claim",
        "claim_id",
        "escalates",
        "keywords",
        "language",
        "order",
        "phrases",
        "rebuttal_key",
        "tokens",
        "verdict",
        "words",
    )

    def __init__(  # noqa: PLR0917 (built in one place, from the loop's values)
        self,
        claim: int,
        order: tuple[int, int],
        language: str,
        keywords: tuple[str, ...],
        folded: list[tuple[str, ...]],
        known: KnownClaim,
        *,
        stemmed: list[tuple[str, ...]],
    ) -> None:
        self.claim = claim
        self.claim_id = known.id
        self.verdict = known.verdict
        self.rebuttal_key = known.rebuttal_key
        self.escalates = known.verdict in _ESCALATING
        self.order = order
        self.language = language
        self.keywords = keywords
        # The words as written (folded), which are never a sign of denial; and their stems.
        self.words = frozenset(word for keyword in folded for word in keyword)
        self.tokens = frozenset(token for keyword in stemmed for token in keyword)
        # Keywords of several words must appear as that run of words (of stems).
        self.phrases = tuple(keyword for keyword in stemmed if len(keyword) > 1)
        # The result of a mention that matches this set only: made once, not per mention.
        self.alone: tuple[KeywordSet] = (self,)

    def match(self, index: int, mention_id: str) -> ClaimMatch:
        """The match of this set by the mention at `index`."""
        return ClaimMatch(
            index=index,
            mention_id=mention_id,
            claim=self.claim_id,
            verdict=self.verdict,
            rebuttal_key=self.rebuttal_key,
            language=self.language,
            keywords=self.keywords,
        )


def _has_phrase(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    first = phrase[0]
    return any(
        tokens[i : i + size] == list(phrase) for i, token in enumerate(tokens) if token == first
    )


class _Memo(dict[_Key, _Value]):
    """A value computed on its key's first lookup: a C-level lookup for a key met before.

    It forgets everything when full (a hostile feed of ever new words stays
    bounded); its values are a pure function of the key, so forgetting never
    changes an answer.
    """

    __slots__ = ("compute",)

    def __init__(self, compute: Callable[[_Key], _Value]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: _Key) -> _Value:
        if len(self) >= _REMEMBERED:
            self.clear()
        found = self[key] = self.compute(key)
        return found


_NOTHING: tuple[str, ...] = ()

#: What the mentions whose words give one set of keyword stems match: `matched`'s
#: result for them when they deny nothing (None for no keyword set), and the keyword
#: sets they may match when a set of them has a phrase to place (else None).
_Found = tuple[tuple["KeywordSet", ...] | None, tuple["KeywordSet", ...] | None]


class _Language:
    """The keyword sets of one language by anchor stem, and what its mentions' words give.

    A feed repeats its words: each distinct word, as written (folded), is
    stemmed and split once, the first time it is met (`mask_of`), to the
    keyword stems it gives, as the bits of an int. A mention whose words
    reach no anchor (`passing`) then costs one set lookup of its words, on
    its folded Latin-1 bytes when it has them, without decoding them; any
    other costs a lookup per word and one lookup of its words' bits together
    (`found_of`, what a mention giving those stems matches). Only a mention
    that may match a keyword set of several words, or holds a sign of denial,
    is decoded and read word by word (`_hits`).
    """

    __slots__ = (
        "anchored",
        "bits",
        "by_anchor",
        "code",
        "found_of",
        "held_of",
        "mask_of",
        "named",
        "parts",
        "passing",
        "sign_keys",
        "signs",
        "stems",
    )

    def __init__(self, code: str, by_anchor: dict[str, list[KeywordSet]]) -> None:
        self.code = code
        self.by_anchor = by_anchor
        self.stems = stems_of(code)
        # A mention without any of these words denies nothing: `denies` is not asked.
        # (`sign_keys`: also as the Latin-1 bytes a folded mention's words are.)
        self.signs = denial_signs(code)
        self.sign_keys = _with_bytes(self.signs)
        # Compounding languages: each keyword word as written (folded), to its stem.
        self.parts: dict[str, str] = {}
        if code in COMPOUNDING:
            for keyword_sets in by_anchor.values():
                for keyword_set in keyword_sets:
                    for word in keyword_set.words:
                        self.parts[word] = self.stem(word)  # a handful of words
        # One bit per stem a keyword set asks for (`named` from bit to stem), and the
        # bits of the anchors.
        self.named = sorted({t for sets in by_anchor.values() for k in sets for t in k.tokens})
        self.bits = {token: 1 << bit for bit, token in enumerate(self.named)}
        self.anchored = reduce(or_, map(self.bits.__getitem__, by_anchor), 0)
        # Learnt from the mentions, word by word: the keyword stems a word holds as a
        # compound (other than its own stem), and the bits of the keyword stems it
        # gives (a word as Latin-1 bytes or as text); and per bits of a mention's
        # words, what it matches.
        self.held_of: _Memo[str, tuple[str, ...]] = _Memo(self._held)
        self.mask_of: _Memo[bytes | str, int] = _Memo(self._mask)
        self.found_of: _Memo[int, _Found] = _Memo(self._found)
        # The words met that reach no anchor: most mentions have only such words, and
        # match nothing (every keyword set needs its anchor).
        self.passing: set[bytes | str] = set()

    def __reduce__(self) -> tuple[Any, ...]:
        # What was learnt from mentions stays behind: a worker learns its own.
        return _Language, (self.code, self.by_anchor)

    def stem(self, word: str) -> str:
        stems = self.stems
        return word if stems is None else stems[word]

    def stemmed(self, written: list[str]) -> list[str]:
        stems = self.stems
        return written if stems is None else list(map(stems.__getitem__, written))

    def _held(self, word: str) -> tuple[str, ...]:
        # Asked only in a compounding language (`parts` is then never empty).
        parts = self.parts
        held = {parts[p] for p in compound_parts(word) if p in parts} - {self.stem(word)}
        return tuple(held) if held else _NOTHING

    def _mask(self, key: bytes | str) -> int:
        word = key.decode("latin-1") if isinstance(key, bytes) else key
        bits = self.bits
        mask = bits.get(self.stem(word), 0)
        if self.parts:
            for held in self.held_of[word]:  # keyword stems by construction
                mask |= bits[held]
        if not mask & self.anchored:
            passing = self.passing
            if len(passing) >= _REMEMBERED:
                passing.clear()
            passing.add(key)
        return mask

    def _found(self, mask: int) -> _Found:
        present = set()
        named = self.named
        while mask:  # one step per stem given, whatever the register's size
            bit = mask & -mask
            present.add(named[bit.bit_length() - 1])
            mask ^= bit
        by_anchor = self.by_anchor
        hits = [
            keyword_set
            for token in present
            for keyword_set in by_anchor.get(token, ())
            if keyword_set.tokens <= present
        ]
        if not hits:
            return None, None
        found = hits[0].alone if len(hits) == 1 else _first_per_claim(hits)
        return found, tuple(hits) if any(keyword_set.phrases for keyword_set in hits) else None


#: The most distinct words a memo of the index remembers (a hostile feed of
#: unique words stays bounded).
_REMEMBERED = 200_000

Index = dict[str, _Language]


@final
@attrs.frozen
class ClaimIndex:
    """The register's keyword sets filed for matching: built once, shared, pickled.

    `match_claims`, `measure_signals`, `partial_signals` and `triage` take it
    in place of the register and skip building it again. It pickles (with
    its register), so a distributed engine can build it once on the client
    and ship it to every worker. Two indexes are equal when their registers are.

    Build it with `build_claim_index`.

    Args:
        claims: the register it was built from, in its order.

    >>> from crisiscomms.samples import demo_plan
    >>> index = build_claim_index(demo_plan().claims)
    >>> [claim.id for claim in index.claims], index.languages
    (['data-for-sale', 'bank-details-leaked'], ('en', 'fr'))
    """

    claims: tuple[KnownClaim, ...]
    _by_language: Index = attrs.field(eq=False, repr=False)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the register has keyword sets in, sorted."""
        return tuple(sorted(self._by_language))


def build_claim_index(claims: Iterable[KnownClaim] | ClaimIndex, /) -> ClaimIndex:
    """The claim index of a register (usually `plan.claims`), to match many feeds against.

    Each keyword set is filed under its anchor (the keyword that the fewest
    sets of its language share), so that a mention is checked only against
    the sets filed under its own words. Given an index, returns it.

    Raises:
        InputError: a register of the wrong type, or a keyword with no letter
            or digit to match.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> index = build_claim_index(demo_plan().claims)
    >>> at = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> [m.claim for m in match_claims([Mention(text="Lumea selling our data", at=at,
    ...                                         locale="en")], index)]
    ['data-for-sale']
    """
    if isinstance(claims, ClaimIndex):
        return claims
    register, index = _build(claims)
    return ClaimIndex(register, index)


def claim_index(claims: object) -> tuple[tuple[KnownClaim, ...], Index]:
    """The register and its index, from a register or a `ClaimIndex`."""
    if isinstance(claims, ClaimIndex):
        return claims.claims, claims._by_language
    return _build(claims)


def _build(claims: object) -> tuple[tuple[KnownClaim, ...], Index]:
    if isinstance(claims, Plan):
        raise InputError.for_type(
            "claims",
            "an iterable of crisiscomms.KnownClaim",
            claims,
            hint="it is the whole plan: pass its register, plan.claims",
        )
    register = collection_of(claims, KnownClaim, "claims", fix="pass the register, plan.claims")
    sets: dict[str, list[KeywordSet]] = {}
    for position, claim in enumerate(register):
        for language, keyword_sets in claim.patterns.items():
            for set_position, keywords in enumerate(keyword_sets):
                folded = [words(keyword) for keyword in keywords]
                stems = stems_of(language)
                stemmed = [
                    keyword if stems is None else tuple(map(stems.__getitem__, keyword))
                    for keyword in folded
                ]
                for keyword, tokens in zip(keywords, folded, strict=True):
                    if not tokens:
                        raise InputError.for_argument(
                            f"claims[{position}].patterns[{language!r}]",
                            "keywords with at least one letter or digit",
                            keyword,
                            hint=f"claim {claim.id!r} can never match it; remove or fix it",
                        )
                order = (position, set_position)
                sets.setdefault(language, []).append(
                    KeywordSet(
                        position, order, language, tuple(keywords), folded, claim, stemmed=stemmed
                    )
                )
    index: Index = {}
    for language, language_sets in sets.items():
        frequency: dict[str, int] = {}
        for keyword_set in language_sets:
            for token in keyword_set.tokens:
                frequency[token] = frequency.get(token, 0) + 1
        by_anchor: dict[str, list[KeywordSet]] = {}
        for keyword_set in language_sets:
            anchor = min(keyword_set.tokens, key=lambda t: (frequency[t], -len(t), t))
            by_anchor.setdefault(anchor, []).append(keyword_set)
        index[language] = _Language(language, by_anchor)
    return register, index


def check_mentions(mentions: object) -> Sequence[Mention]:
    return collection_of(mentions, Mention, "mentions")


def match_claims(
    mentions: Iterable[Mention], claims: Iterable[KnownClaim] | ClaimIndex, /
) -> tuple[ClaimMatch, ...]:
    """The mentions that repeat a claim of the register, with the rebuttal to use.

    A mention repeats a claim when, in the mention's language, it contains
    every keyword of at least one of the claim's keyword sets, as whole
    words, after case folding, accent folding and NFKC normalisation (see
    `crisiscomms.text._folding`); a keyword of several words must appear as
    that run of words. Words are compared by their stems in the mention's
    language (``selling`` meets ``sell``), and in German, Dutch and the
    Nordic languages a keyword word may be the head or tail of a compound
    (``Trinkwasser`` holds ``wasser``). A mention that denies the claim it
    repeats ("this is fake", "das stimmt nicht") does not match it. Claims
    of every verdict are matched, and each match
    says its verdict: escalation rules count the false and misleading ones
    (`ClaimMatch.counts_for_escalation`).

    Every mention is matched on its own: duplicates match as often as they
    are given, empty texts and mentions without a locale match nothing
    (`measure_signals` counts them). A mention may repeat several claims: one
    match per claim, with the first keyword set that matched.

    The function is pure and everything it takes and returns pickles, so it
    runs unchanged in worker processes over chunks of a large feed; build
    the register's index once with `build_claim_index` and pass it instead
    of the register to skip building it on every call.

    Args:
        mentions: the mentions, in any order.
        claims: the register, usually `plan.claims`, or its `ClaimIndex`.

    Returns:
        The matches, by mention position, then in the register's order.

    Raises:
        InputError: an argument of the wrong type, or a keyword with no
            letter or digit to match.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> at = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> feed = [Mention(text="Is Lumea selling our data?", at=at, locale="en_GB", id="a"),
    ...         Mention(text="Lumea sells gas", at=at, locale="en", id="b"),
    ...         Mention(text="Lumea sell data", at=at, locale="fr", id="c")]
    >>> [(m.mention_id, m.claim, m.verdict.value) for m in match_claims(feed, demo_plan().claims)]
    [('a', 'data-for-sale', 'false')]
    """
    _, index = claim_index(claims)
    given = check_mentions(mentions)
    return tuple(
        keyword_set.match(position, given[position].id)
        for position, found in matched(given, index).items()
        for keyword_set in found
    )


def _first_per_claim(hits: list[KeywordSet]) -> tuple[KeywordSet, ...]:
    """The first keyword set of each claim among `hits`, in the register's order."""
    first: dict[int, KeywordSet] = {}
    for keyword_set in hits:
        current = first.get(keyword_set.claim)
        if current is None or keyword_set.order < current.order:
            first[keyword_set.claim] = keyword_set
    return tuple(first[claim] for claim in sorted(first))


def matched(
    mentions: Sequence[Mention], index: Index, start: int = 0
) -> dict[int, tuple[KeywordSet, ...]]:
    """The matching core: per matching mention from `start` on, its keyword sets.

    One keyword set per claim repeated (the first in the register's order
    that matched) and not denied, in the register's order. Review, signals
    and escalation share it and build `ClaimMatch` values only where they
    need them.
    """
    # Positions ascend. Most matches are of one set: its `alone` tuple is shared, so
    # that no object per match lives on (to keep the garbage collector away).
    result: dict[int, tuple[KeywordSet, ...]] = {}
    # Per locale: its language, whether words all reach no anchor, what the bits
    # of a mention's words match, the bits of a word, the signs of denial (as text and
    # as Latin-1 bytes).
    by_locale: dict[str, tuple[_Language, Any, Any, Any, frozenset[bytes | str]] | None] = {}
    for position in range(start, len(mentions)):
        mention = mentions[position]
        locale = mention.locale
        text = mention.text
        if locale is None or not text:
            continue
        try:
            tables = by_locale[locale]
        except KeyError:
            language = index.get(locale.split("_", 1)[0])
            tables = by_locale[locale] = (
                None
                if language is None
                else (
                    language,
                    language.passing.issuperset,
                    language.found_of.__getitem__,
                    language.mask_of.__getitem__,
                    language.sign_keys,
                )
            )
        if tables is None:
            continue
        language, passes, found_of, mask_of, signs = tables
        # Most mentions' words are looked up as Latin-1 bytes, never decoded.
        folded = latin_1_words(text)
        if folded is None:
            written = word_list(text)
            keys: list[bytes] | list[str] = written
        else:
            keys = folded.split()
        if passes(keys):
            continue
        found, phrased = found_of(reduce(or_, map(mask_of, keys), 0))
        if found is None:
            continue
        if phrased is not None or not signs.isdisjoint(keys):
            # A phrase to place or a sign of denial: the words in order decide.
            if folded is not None:
                written = folded.decode("latin-1").split()
            found = _hits(language, written, found if phrased is None else phrased)
            if found is None:
                continue
        result[position] = found
    return result


def _with_bytes(words: frozenset[str]) -> frozenset[bytes | str]:
    """`words` and those of them that Latin-1 encodes, encoded."""
    as_bytes = set()
    for word in words:
        try:
            as_bytes.add(word.encode("latin-1"))
        except UnicodeEncodeError:
            continue  # never a word of a Latin-1 mention
    return frozenset((*words, *as_bytes))


def _hits(
    language: _Language, written: list[str], candidates: tuple[KeywordSet, ...]
) -> tuple[KeywordSet, ...] | None:
    """The keyword sets of `candidates` (their stems all given) matched and not denied."""
    tokens = language.stemmed(written)
    hits = [
        keyword_set
        for keyword_set in candidates
        if all(_has_phrase(tokens, phrase) for phrase in keyword_set.phrases)
    ]
    if not hits:
        return None
    if language.signs.isdisjoint(written):
        return hits[0].alone if len(hits) == 1 else _first_per_claim(hits)
    # Compounding languages: the keyword stems a word holds, with their positions.
    compounds: dict[str, list[int]] = {}
    if language.parts:
        held_of = language.held_of
        for at, word in enumerate(written):
            for held in held_of[word]:
                compounds.setdefault(held, []).append(at)
    if len(hits) == 1:
        return None if _denied(written, tokens, compounds, hits[0]) else hits[0].alone
    kept = tuple(k for k in _first_per_claim(hits) if not _denied(written, tokens, compounds, k))
    return kept or None


def _denied(
    written: list[str],
    tokens: list[str],
    compounds: dict[str, list[int]],
    keyword_set: KeywordSet,
) -> bool:
    """Whether the mention denies the claim it repeats (`crisiscomms.text._denial`)."""
    at = [i for i, token in enumerate(tokens) if token in keyword_set.tokens]
    for token in keyword_set.tokens:
        at.extend(compounds.get(token, ()))
    return denies(written, at, keyword_set.language, claim_words=keyword_set.words)
