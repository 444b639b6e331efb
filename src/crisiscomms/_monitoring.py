"""Monitoring as data in, values out: mentions, known claims, signals, escalation.

The caller's monitoring tool (a social listening service, a media watch, a
support inbox) turns what it sees into `Mention` values; crisiscomms does
not fetch anything. `match_claims` finds the mentions that repeat a claim of
the plan's misinformation register, `measure_signals` reads the volume
signals of a time window, and `recommend_escalation` applies the plan's
escalation rules to them and orders the mentions to answer first.

Claim matching is linear in the number of mentions and does not grow with the
number of claims: every keyword set is filed once under its *anchor*, the
keyword that the fewest keyword sets of its language share, and a mention is
only checked against the sets whose anchor is one of its words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated, final

import attrs
from pydantic import Field, NonNegativeInt

from crisiscomms._errors import InputError
from crisiscomms.model._base import LocaleId, Model, Verdict
from crisiscomms.model._elements import EscalationRule, KnownClaim
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._sent import Instant, check_aware
from crisiscomms.text._folding import word_list, words

__all__ = [
    "ClaimMatch",
    "Escalation",
    "Evidence",
    "Mention",
    "Signals",
    "TriageEntry",
    "match_claims",
    "measure_signals",
    "recommend_escalation",
]

_ESCALATING = frozenset({Verdict.FALSE, Verdict.MISLEADING})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@final
class Mention(Model):
    """One post, article or message about the organisation, as a monitoring tool saw it.

    Args:
        text: what it says; an empty text (a repost, an image) is kept and counted.
        at: when it was published (an aware datetime).
        source: where it was seen: a platform name (``"x"``, ``"facebook"``) or
            any source the tool names (``"news"``, ``"forum"``).
        locale: its language (``"fr"``, ``"fr_FR"``, ``"en-GB"``), if the tool
            detected one; claims are matched in this language only.
        author: who published it.
        reach: how many people it may reach (followers, audience), 0 if unknown.
        sentiment: the score of the caller's own sentiment tool, from -1 (most
            negative) to 1; below 0 counts as negative. None when not scored.
        id: the tool's id for it; two mentions with the same id are duplicates.

    >>> from datetime import datetime, timezone
    >>> m = Mention(text="Lumea vend nos données ?!", at=datetime(2026, 11, 24, 9, 5,
    ...             tzinfo=timezone.utc), source="x", locale="fr", reach=1200, sentiment=-0.7)
    >>> m.language, m.is_negative
    ('fr', True)
    """

    text: str
    at: Instant
    source: str = ""
    locale: LocaleId | None = None
    author: str = ""
    reach: NonNegativeInt = 0
    sentiment: Annotated[float, Field(ge=-1, le=1, allow_inf_nan=False)] | None = None
    id: str = ""

    @property
    def language(self) -> str | None:
        """The language part of the locale (``fr`` for ``fr_FR``), if any."""
        return None if self.locale is None else self.locale.split("_", 1)[0]

    @property
    def is_negative(self) -> bool:
        """True when the caller's sentiment score is below 0."""
        return self.sentiment is not None and self.sentiment < 0

    @property
    def label(self) -> str:
        """The id, or ``source/author/at`` when the mention has none."""
        return self.id or "/".join(p for p in (self.source, self.author, self.at.isoformat()) if p)


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


# -- claim index ---------------------------------------------------------------------


class _KeywordSet:
    """One keyword set of one claim, folded: what a mention must contain."""

    __slots__ = ("claim", "keywords", "language", "order", "phrases", "tokens")

    def __init__(
        self,
        claim: int,
        order: tuple[int, int],
        language: str,
        keywords: tuple[str, ...],
        folded: list[tuple[str, ...]],
    ) -> None:
        self.claim = claim
        self.order = order
        self.language = language
        self.keywords = keywords
        self.tokens = frozenset(token for keyword in folded for token in keyword)
        # Keywords of several words must appear as that run of words.
        self.phrases = tuple(keyword for keyword in folded if len(keyword) > 1)


def _has_phrase(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    first = phrase[0]
    return any(
        tokens[i : i + size] == list(phrase) for i, token in enumerate(tokens) if token == first
    )


_Index = dict[str, dict[str, list[_KeywordSet]]]


def _claim_index(claims: object) -> tuple[tuple[KnownClaim, ...], _Index]:
    if isinstance(claims, str | bytes) or not isinstance(claims, Iterable):
        raise InputError.for_argument("claims", "an iterable of crisiscomms.KnownClaim", claims)
    register = tuple(claims)
    sets: dict[str, list[_KeywordSet]] = {}
    for position, claim in enumerate(register):
        if not isinstance(claim, KnownClaim):
            raise InputError.for_argument(f"claims[{position}]", "a crisiscomms.KnownClaim", claim)
        for language, keyword_sets in claim.patterns.items():
            for set_position, keywords in enumerate(keyword_sets):
                folded = [words(keyword) for keyword in keywords]
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
                    _KeywordSet(position, order, language, tuple(keywords), folded)
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
        index[language] = by_anchor
    return register, index


def _check_mentions(mentions: object) -> Sequence[Mention]:
    if isinstance(mentions, str | bytes) or not isinstance(mentions, Iterable):
        raise InputError.for_argument("mentions", "an iterable of crisiscomms.Mention", mentions)
    given = mentions if isinstance(mentions, list | tuple) else tuple(mentions)
    for position, mention in enumerate(given):
        if not isinstance(mention, Mention):
            raise InputError.for_argument(
                f"mentions[{position}]", "a crisiscomms.Mention", mention
            )
    return given


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
    register, index = _claim_index(claims)
    given = _check_mentions(mentions)
    matches: list[ClaimMatch] = []
    by_locale: dict[str, dict[str, list[_KeywordSet]] | None] = {}
    for position, mention in enumerate(given):
        locale = mention.locale
        text = mention.text
        if locale is None or not text:
            continue
        try:
            language_index = by_locale[locale]
        except KeyError:
            language_index = by_locale[locale] = index.get(locale.split("_", 1)[0])
        if not language_index:
            continue
        tokens = word_list(text)
        present = set(tokens)
        best: dict[int, _KeywordSet] | None = None
        for token in present:
            candidates = language_index.get(token)
            if candidates is None:
                continue
            for keyword_set in candidates:
                if keyword_set.tokens <= present and all(
                    _has_phrase(tokens, phrase) for phrase in keyword_set.phrases
                ):
                    if best is None:
                        best = {}
                    current = best.get(keyword_set.claim)
                    if current is None or keyword_set.order < current.order:
                        best[keyword_set.claim] = keyword_set
        if best:
            for claim_position in sorted(best):
                keyword_set = best[claim_position]
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


# -- signals -------------------------------------------------------------------------


def _micros(value: datetime) -> int:
    return (value - _EPOCH) // _MICROSECOND


def _instant(micros: int) -> datetime:
    try:
        return _EPOCH + timedelta(microseconds=micros)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if micros < 0 else datetime.max.replace(tzinfo=UTC)


@final
@attrs.frozen
class Signals:
    """The volume signals of a monitoring feed over one window ending at `end`.

    Window figures count the distinct mentions published in ``(start, end]``;
    the baseline is the window just before, ``(start - window, start]``.
    Feed figures count what was given, so that nothing is dropped silently.

    Args:
        start: the window's start (excluded).
        end: the window's end (included): the `now` of the measure.
        mentions: distinct mentions in the window.
        baseline_mentions: distinct mentions in the previous window.
        growth: `mentions` / `baseline_mentions`; ``inf`` when the baseline
            is empty and the window is not; None when both are empty.
        negative: mentions in the window whose sentiment is below 0.
        scored: mentions in the window with a sentiment score.
        negative_share: `negative` / `scored`, None when nothing is scored.
        reach: the total reach of the window's mentions.
        claim_matches: mentions in the window that repeat a false or
            misleading claim.
        claims: per claim id (every verdict), the mentions in the window that
            repeat it, in the register's order; claims without any are left out.
        given: mentions given.
        duplicates: mentions given again (same id, or same text, author and
            time); counted once in the figures.
        empty: distinct mentions with an empty or blank text; they count in
            volume and reach but repeat no claim.
        out_of_order: mentions given earlier in time than the one before them
            (the feed is sorted, so they count normally).
        after_end: distinct mentions published after `end`; outside every window.
        without_locale: distinct mentions without a locale, so never matched.

    >>> from datetime import datetime, timedelta, timezone
    >>> at = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> feed = [Mention(text="panne ?", at=at - timedelta(minutes=m), locale="fr", reach=10)
    ...         for m in (5, 10, 70)]
    >>> s = measure_signals(feed, now=at, window=timedelta(hours=1))
    >>> s.mentions, s.baseline_mentions, s.growth, s.reach
    (2, 1, 2.0, 20)
    """

    start: datetime
    end: datetime
    mentions: int
    baseline_mentions: int
    growth: float | None
    negative: int
    scored: int
    negative_share: float | None
    reach: int
    claim_matches: int
    claims: tuple[tuple[str, int], ...]
    given: int
    duplicates: int
    empty: int
    out_of_order: int
    after_end: int
    without_locale: int

    @property
    def window(self) -> timedelta:
        """The length of the window."""
        return self.end - self.start


@attrs.frozen
class _Feed:
    """The feed as measured: distinct mentions up to `now`, in time order."""

    mentions: tuple[Mention, ...]
    times: tuple[int, ...]  # microseconds since the epoch, ascending
    positions: tuple[int, ...]  # positions in the caller's sequence
    given: int
    duplicates: int
    empty: int
    out_of_order: int
    after_end: int
    without_locale: int


def _feed(mentions: Sequence[Mention], now_us: int) -> _Feed:
    seen_ids: set[str] = set()
    seen_keys: set[tuple[str, str, int]] = set()
    kept: list[tuple[int, int, Mention]] = []
    duplicates = empty = out_of_order = after_end = without_locale = 0
    previous: int | None = None
    for position, mention in enumerate(mentions):
        check_aware(mention.at, f"mentions[{position}].at")
        at_us = _micros(mention.at)
        if previous is not None and at_us < previous:
            out_of_order += 1
        previous = at_us
        key = (mention.text, mention.author, at_us)
        if (mention.id and mention.id in seen_ids) or key in seen_keys:
            duplicates += 1
            continue
        if mention.id:
            seen_ids.add(mention.id)
        seen_keys.add(key)
        if not mention.text.strip():
            empty += 1
        if mention.locale is None:
            without_locale += 1
        if at_us > now_us:
            after_end += 1
            continue
        kept.append((at_us, position, mention))
    kept.sort(key=lambda item: (item[0], item[1]))
    return _Feed(
        mentions=tuple(m for _, _, m in kept),
        times=tuple(t for t, _, _ in kept),
        positions=tuple(p for _, p, _ in kept),
        given=len(mentions),
        duplicates=duplicates,
        empty=empty,
        out_of_order=out_of_order,
        after_end=after_end,
        without_locale=without_locale,
    )


def _first_after(times: Sequence[int], value: int) -> int:
    """The position of the first time strictly after `value` (times ascending)."""
    low, high = 0, len(times)
    while low < high:
        middle = (low + high) // 2
        if times[middle] <= value:
            low = middle + 1
        else:
            high = middle
    return low


def _signals(
    feed: _Feed,
    now_us: int,
    window: timedelta,
    matches: dict[int, list[ClaimMatch]],
    claim_order: dict[str, int],
) -> tuple[Signals, range]:
    """The signals of the window ending at `now_us`; `matches` are by feed position."""
    window_us = window // _MICROSECOND
    start_us = now_us - window_us
    first = _first_after(feed.times, start_us)
    baseline_first = _first_after(feed.times, start_us - window_us)
    end = len(feed.times)
    count = end - first
    baseline = first - baseline_first
    growth = count / baseline if baseline else (math.inf if count else None)
    negative = scored = reach = claim_matches = 0
    per_claim: dict[str, int] = {}
    for position in range(first, end):
        mention = feed.mentions[position]
        reach += mention.reach
        if mention.sentiment is not None:
            scored += 1
            negative += mention.sentiment < 0
        found = matches.get(position)
        if found:
            claim_matches += any(m.counts_for_escalation for m in found)
            for match in found:
                per_claim[match.claim] = per_claim.get(match.claim, 0) + 1
    signals = Signals(
        start=_instant(start_us),
        end=_instant(now_us),
        mentions=count,
        baseline_mentions=baseline,
        growth=growth,
        negative=negative,
        scored=scored,
        negative_share=negative / scored if scored else None,
        reach=reach,
        claim_matches=claim_matches,
        claims=tuple(sorted(per_claim.items(), key=lambda item: claim_order[item[0]])),
        given=feed.given,
        duplicates=feed.duplicates,
        empty=feed.empty,
        out_of_order=feed.out_of_order,
        after_end=feed.after_end,
        without_locale=feed.without_locale,
    )
    return signals, range(first, end)


def _window(value: object) -> timedelta:
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise InputError.for_argument("window", "a positive duration (timedelta)", value)
    return value


def _matches_in(
    feed: _Feed, first: int, claims: tuple[KnownClaim, ...]
) -> dict[int, list[ClaimMatch]]:
    """Claim matches of the feed's mentions from `first` on, by feed position."""
    found: dict[int, list[ClaimMatch]] = {}
    for match in match_claims(feed.mentions[first:], claims):
        found.setdefault(first + match.index, []).append(match)
    return found


def measure_signals(
    mentions: Iterable[Mention],
    /,
    *,
    now: datetime,
    window: timedelta,
    claims: Iterable[KnownClaim] = (),
) -> Signals:
    """The volume signals of the window of length `window` that ends at `now`.

    Slide the window by calling it again with another `now`. Mentions may
    come in any order; duplicates (same id, or same text, author and time)
    count once; mentions after `now` are outside every window. Each of these
    is counted in the result.

    Args:
        mentions: the feed, in any order.
        now: the end of the window (aware).
        window: the window's length; the baseline is the window before it.
        claims: the register to count claim matches against (`plan.claims`).

    Raises:
        NaiveDatetimeError: when `now` has no time zone.
        InputError: an argument of the wrong type or a window that is not positive.

    >>> from datetime import datetime, timedelta, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> at = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> rumour = Mention(text="Lumea revend vos données !", at=at, locale="fr_FR", id="1")
    >>> s = measure_signals([rumour, rumour], now=at, window=timedelta(hours=1),
    ...                     claims=demo_plan().claims)
    >>> s.mentions, s.duplicates, s.claim_matches, s.claims
    (1, 1, 1, (('data-for-sale', 1),))
    """
    check_aware(now, "now")
    length = _window(window)
    register, _ = _claim_index(claims)
    given = _check_mentions(mentions)
    now_us = _micros(now)
    feed = _feed(given, now_us)
    first = _first_after(feed.times, now_us - length // _MICROSECOND)
    matches = _matches_in(feed, first, register)
    order = {claim.id: position for position, claim in enumerate(register)}
    return _signals(feed, now_us, length, matches, order)[0]


# -- escalation ----------------------------------------------------------------------


@final
@attrs.frozen
class Evidence:
    """One condition of an escalation rule, its threshold and what was observed.

    >>> Evidence("min_mentions", 50, 64)
    Evidence(condition='min_mentions', threshold=50, observed=64)
    """

    condition: str
    threshold: float
    observed: float


@final
@attrs.frozen
class TriageEntry:
    """A mention to answer, with the claims it repeats and the rebuttal to use.

    >>> from datetime import datetime, timezone
    >>> TriageEntry(Mention(text="?", at=datetime(2026, 1, 1, tzinfo=timezone.utc))).rebuttal_key
    """

    mention: Mention
    claims: tuple[ClaimMatch, ...] = ()

    @property
    def rebuttal_key(self) -> str | None:
        """The rebuttal template key of the first claim repeated that has one."""
        return next((m.rebuttal_key for m in self.claims if m.rebuttal_key), None)


@final
@attrs.frozen
class Escalation:
    """A change of severity that the plan's escalation rules call for, with the evidence.

    Args:
        from_severity: the situation's severity.
        to_severity: the severity to move to.
        rule: the id of the rule that decided (the highest severity among
            the rules that fired; the first in the plan on a tie).
        evidence: each condition of that rule, its threshold and the figure
            observed over the rule's window.
        signals: the signals of that rule's window.
        fired: the ids of every rule that fired, in the plan's order.
        triage: the distinct mentions of that window, in the order to answer
            them: those repeating a claim that has a rebuttal first, then by
            reach (largest first), negativity (most negative first), age
            (oldest first).
        is_downgrade: True when the rule lowers the severity (only rules with
            `allow_downgrade` may).

    >>> from crisiscomms.samples import demo_plan
    >>> [rule.id for rule in demo_plan().escalation_rules]
    ['rumour-spreading', 'viral-anger']
    """

    from_severity: str
    to_severity: str
    rule: str
    evidence: tuple[Evidence, ...]
    signals: Signals
    fired: tuple[str, ...]
    triage: tuple[TriageEntry, ...] = attrs.field(repr=False)
    is_downgrade: bool = False


def _evidence(rule: EscalationRule, signals: Signals) -> tuple[Evidence, ...] | None:
    """The evidence of every condition the rule sets, or None when one does not hold."""
    observed: list[Evidence] = []
    checks: tuple[tuple[str, float | None, float | None], ...] = (
        ("min_mentions", rule.min_mentions, signals.mentions),
        ("min_growth", rule.min_growth, signals.growth),
        ("min_negative_share", rule.min_negative_share, signals.negative_share),
        ("min_reach", rule.min_reach, signals.reach),
        ("min_claim_matches", rule.min_claim_matches, signals.claim_matches),
    )
    for condition, threshold, value in checks:
        if threshold is None:
            continue
        if value is None or value < threshold:
            return None
        observed.append(Evidence(condition, threshold, value))
    return tuple(observed)


def _triage(
    feed: _Feed, window: range, matches: dict[int, list[ClaimMatch]]
) -> tuple[TriageEntry, ...]:
    def key(position: int) -> tuple[int, int, float, int, int]:
        mention = feed.mentions[position]
        answerable = any(m.rebuttal_key for m in matches.get(position, ()))
        return (
            0 if answerable else 1,
            -mention.reach,
            mention.sentiment if mention.sentiment is not None else 0.0,
            feed.times[position],
            feed.positions[position],
        )

    entries = []
    for position in sorted(window, key=key):
        # Matches were made on the feed; the caller knows positions in `mentions`.
        found = tuple(
            attrs.evolve(m, index=feed.positions[position]) for m in matches.get(position, ())
        )
        entries.append(TriageEntry(feed.mentions[position], found))
    return tuple(entries)


def recommend_escalation(
    plan: Plan, situation: Situation, mentions: Iterable[Mention], /, *, now: datetime
) -> Escalation | None:
    """The severity the plan's escalation rules call for, with the evidence, or None.

    A rule applies when its crisis types include the situation's (or it
    names none). It fires when every condition it sets holds over its window
    ending at `now` (see `measure_signals`): at least `min_mentions`, a growth
    of at least `min_growth` against the previous window, a share of
    negative mentions of at least `min_negative_share`, a total reach of at
    least `min_reach`, at least `min_claim_matches` mentions repeating a
    false or misleading claim of `plan.claims`. Among the rules that fired,
    those that would lower the severity count only with `allow_downgrade`;
    the highest severity among the rest wins. None is returned when no rule
    fired or the winner is the current severity.

    The matches in `Escalation.triage` carry, as `ClaimMatch.index`, the
    position of the mention in `mentions`.

    Raises:
        NaiveDatetimeError: when `now` has no time zone.
        InputError: a situation that does not fit the plan, or arguments of
            the wrong type.

    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> now = datetime(2026, 11, 24, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))
    >>> feed = [Mention(text=f"Lumea vend les données de ses clients #{n}", locale="fr",
    ...                 at=now - timedelta(minutes=n), reach=100 + n, id=str(n))
    ...         for n in range(60)]
    >>> situation = demo_situation().model_copy(update={"severity": "moderate"})
    >>> escalation = recommend_escalation(demo_plan(), situation, feed, now=now)
    >>> escalation.to_severity, escalation.rule
    ('high', 'rumour-spreading')
    >>> escalation.evidence[1]
    Evidence(condition='min_claim_matches', threshold=20, observed=60)
    >>> escalation.triage[0].mention.id, escalation.triage[0].rebuttal_key
    ('59', 'rumour-rebuttal')
    """
    check_aware(now, "now")
    if not isinstance(plan, Plan):
        raise InputError.for_argument("plan", "a crisiscomms.Plan", plan)
    plan.check_situation(situation)
    given = _check_mentions(mentions)
    rules = [
        rule
        for rule in plan.escalation_rules
        if not rule.crisis_types or situation.crisis_type in rule.crisis_types
    ]
    if not rules:
        return None
    now_us = _micros(now)
    feed = _feed(given, now_us)
    longest = max(rule.window for rule in rules)
    matches = _matches_in(
        feed, _first_after(feed.times, now_us - longest // _MICROSECOND), plan.claims
    )
    order = {claim.id: position for position, claim in enumerate(plan.claims)}
    current = plan.severity_rank(situation.severity)

    measured: dict[timedelta, tuple[Signals, range]] = {}
    fired: list[tuple[EscalationRule, tuple[Evidence, ...]]] = []
    for rule in rules:
        if rule.window not in measured:
            measured[rule.window] = _signals(feed, now_us, rule.window, matches, order)
        evidence = _evidence(rule, measured[rule.window][0])
        if evidence is not None:
            fired.append((rule, evidence))
    candidates = [
        (rule, evidence)
        for rule, evidence in fired
        if plan.severity_rank(rule.to_severity) >= current or rule.allow_downgrade
    ]
    if not candidates:
        return None
    best = max(plan.severity_rank(rule.to_severity) for rule, _ in candidates)
    rule, evidence = next(c for c in candidates if plan.severity_rank(c[0].to_severity) == best)
    if best == current:
        return None
    signals, window = measured[rule.window]
    return Escalation(
        from_severity=situation.severity,
        to_severity=rule.to_severity,
        rule=rule.id,
        evidence=evidence,
        signals=signals,
        fired=tuple(r.id for r, _ in fired),
        triage=_triage(feed, window, matches),
        is_downgrade=best < current,
    )
