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

from collections.abc import Iterable, Sequence
from typing import Any, Final, final

import attrs

from crisiscomms._arguments import collection_of
from crisiscomms._errors import InputError
from crisiscomms._records import ClaimMatchRecord
from crisiscomms._tables import html_table
from crisiscomms.model._base import Verdict
from crisiscomms.model._elements import KnownClaim
from crisiscomms.model._mention import Mention
from crisiscomms.model._plan import Plan
from crisiscomms.text._denial import denies
from crisiscomms.text._folding import word_list, words
from crisiscomms.text._stemming import COMPOUNDING, compound_parts, stem, stems_of

__all__ = ["ClaimMatch", "match_claims"]

_ESCALATING = frozenset({Verdict.FALSE, Verdict.MISLEADING})


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
        ['vend', 'données']
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


class _KeywordSet:
    """One keyword set of one claim, folded: what a mention must contain."""

    __slots__ = ("claim", "keywords", "language", "order", "phrases", "tokens", "words")

    def __init__(
        self,
        claim: int,
        order: tuple[int, int],
        language: str,
        keywords: tuple[str, ...],
        folded: list[tuple[str, ...]],
        *,
        stemmed: list[tuple[str, ...]],
    ) -> None:
        self.claim = claim
        self.order = order
        self.language = language
        self.keywords = keywords
        self.words = frozenset(word for keyword in folded for word in keyword)
        self.tokens = frozenset(token for keyword in stemmed for token in keyword)
        # Keywords of several words must appear as that run of words.
        self.phrases = tuple(keyword for keyword in stemmed if len(keyword) > 1)


def _has_phrase(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    first = phrase[0]
    return any(
        tokens[i : i + size] == list(phrase) for i, token in enumerate(tokens) if token == first
    )


class _Language:
    """The keyword sets of one language by anchor stem, and what its mentions' words stem to."""

    __slots__ = ("by_anchor", "code", "parts", "reach", "stems")

    def __init__(self, code: str, by_anchor: dict[str, list[_KeywordSet]]) -> None:
        self.code = code
        self.by_anchor = by_anchor
        # Compounding languages: each keyword word as written (folded), to its stem.
        self.parts: dict[str, str] = {}
        if code in COMPOUNDING:
            for keyword_sets in by_anchor.values():
                for keyword_set in keyword_sets:
                    for word in keyword_set.words:
                        self.parts[word] = stem(word, code)  # a handful of words
        # A feed repeats its words: each is stemmed once, then looked up.
        self.stems = stems_of(code)
        self.reach = _Reach(self)

    def stemmed(self, words: list[str]) -> list[str]:
        stems = self.stems
        return words if stems is None else list(map(stems.__getitem__, words))

    def present(self, distinct: set[str], compounds: dict[str, list[int]]) -> set[str]:
        """The stems of a mention's distinct words, and of its compounds' parts."""
        stems = self.stems
        found = distinct if stems is None else set(map(stems.__getitem__, distinct))
        return found | compounds.keys() if compounds else found

    def compounds(self, words: list[str]) -> dict[str, list[int]]:
        """The stems of keyword words found as a head or tail of a mention's word."""
        found: dict[str, list[int]] = {}
        parts = self.parts
        for position, word in enumerate(words):
            for part in compound_parts(word):
                if part in parts:
                    found.setdefault(parts[part], []).append(position)
        return found


class _Reach(dict[str, "list[_KeywordSet] | None"]):
    """A word of a mention, as written, to the keyword sets filed under its stem.

    One dictionary lookup per distinct word, as without stemming: a word is
    stemmed the first time it is met.
    """

    __slots__ = ("language",)

    def __init__(self, language: _Language) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> list[_KeywordSet] | None:
        language = self.language
        stems = language.stems
        found = language.by_anchor.get(word if stems is None else stems[word])
        if len(self) < _REMEMBERED:
            self[word] = found
        return found


#: The most words a `_Reach` remembers (a hostile feed of unique words stays bounded).
_REMEMBERED = 200_000
#: What `_Reach.get` answers for a word not met yet.
_UNSEEN: Final[Any] = object()

_Index = dict[str, _Language]


def claim_index(claims: object) -> tuple[tuple[KnownClaim, ...], _Index]:
    if isinstance(claims, Plan):
        raise InputError.for_type(
            "claims",
            "an iterable of crisiscomms.KnownClaim",
            claims,
            hint="it is the whole plan: pass its register, plan.claims",
        )
    register = collection_of(claims, KnownClaim, "claims", fix="pass the register, plan.claims")
    sets: dict[str, list[_KeywordSet]] = {}
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
                    _KeywordSet(
                        position, order, language, tuple(keywords), folded, stemmed=stemmed
                    )
                )
    index: _Index = {}
    for language, language_sets in sets.items():
        frequency: dict[str, int] = {}
        for keyword_set in language_sets:
            for token in keyword_set.tokens:
                frequency[token] = frequency.get(token, 0) + 1
        by_anchor: dict[str, list[_KeywordSet]] = {}
        for keyword_set in language_sets:
            anchor = min(keyword_set.tokens, key=lambda t: (frequency[t], -len(t), t))
            by_anchor.setdefault(anchor, []).append(keyword_set)
        index[language] = _Language(language, by_anchor)
    return register, index


def check_mentions(mentions: object) -> Sequence[Mention]:
    return collection_of(mentions, Mention, "mentions")


def match_claims(
    mentions: Iterable[Mention], claims: Iterable[KnownClaim], /
) -> tuple[ClaimMatch, ...]:
    """The mentions that repeat a claim of the register, with the rebuttal to use.

    A mention repeats a claim when, in the mention's language, it contains
    every keyword of at least one of the claim's keyword sets, as whole
    words, after case folding, accent folding and NFKC normalisation (see
    `crisiscomms.text._folding`); a keyword of several words must appear as
    that run of words. Claims of every verdict are matched, and each match
    says its verdict: escalation rules count the false and misleading ones
    (`ClaimMatch.counts_for_escalation`).

    Every mention is matched on its own: duplicates match as often as they
    are given, empty texts and mentions without a locale match nothing
    (`measure_signals` counts them). A mention may repeat several claims: one
    match per claim, with the first keyword set that matched.

    The function is pure and everything it takes and returns pickles, so it
    runs unchanged in worker processes over chunks of a large feed.

    Args:
        mentions: the mentions, in any order.
        claims: the register, usually `plan.claims`.

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
    register, index = claim_index(claims)
    given = check_mentions(mentions)
    matches: list[ClaimMatch] = []
    by_locale: dict[str, _Language | None] = {}
    for position, mention in enumerate(given):
        locale = mention.locale
        text = mention.text
        if locale is None or not text:
            continue
        try:
            language = by_locale[locale]
        except KeyError:
            language = by_locale[locale] = index.get(locale.split("_", 1)[0])
        if language is None:
            continue
        reach = language.reach
        written = word_list(text)
        compounds = language.compounds(written) if language.parts else {}
        distinct = set(written)
        # Stems are needed only for a mention that reaches a keyword set.
        present: set[str] | None = None
        best: dict[int, _KeywordSet] | None = None
        by_anchor = language.by_anchor
        seen = reach.get
        for word in distinct | compounds.keys() if compounds else distinct:
            # A word as written is stemmed on first use; a compound's part is a stem already.
            candidates = seen(word, _UNSEEN)
            if candidates is _UNSEEN or (compounds and word in compounds):
                candidates = by_anchor.get(word) if word in compounds else reach[word]
            if candidates is None:
                continue
            if present is None:
                present = language.present(distinct, compounds)
            for keyword_set in candidates:
                if keyword_set.tokens <= present and (
                    not keyword_set.phrases
                    or all(
                        _has_phrase(language.stemmed(written), phrase)
                        for phrase in keyword_set.phrases
                    )
                ):
                    if best is None:
                        best = {}
                    current = best.get(keyword_set.claim)
                    if current is None or keyword_set.order < current.order:
                        best[keyword_set.claim] = keyword_set
        if best:
            for claim_position in sorted(best):
                keyword_set = best[claim_position]
                if _denied(written, language.stemmed(written), compounds, keyword_set):
                    continue
                claim = register[claim_position]
                matches.append(
                    ClaimMatch(
                        index=position,
                        mention_id=mention.id,
                        claim=claim.id,
                        verdict=claim.verdict,
                        rebuttal_key=claim.rebuttal_key,
                        language=keyword_set.language,
                        keywords=keyword_set.keywords,
                    )
                )
    return tuple(matches)


def _denied(
    written: list[str],
    tokens: list[str],
    compounds: dict[str, list[int]],
    keyword_set: _KeywordSet,
) -> bool:
    """The hook of denial reading: whether the mention denies the claim it repeats."""
    at = [i for i, token in enumerate(tokens) if token in keyword_set.tokens]
    for token in keyword_set.tokens:
        at.extend(compounds.get(token, ()))
    return denies(written, at, keyword_set.language, claim_words=keyword_set.words)
