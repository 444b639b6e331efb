"""`measure_signals`: the volume signals of a window of monitoring data.

Mentions per window, growth against the previous window, share of negative
mentions, total reach and claim matches; duplicates, out-of-order, empty and
late mentions are counted, never dropped silently.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import final

import attrs

from crisiscomms._errors import InputError
from crisiscomms._monitoring._claims import (
    ClaimIndex,
    Index,
    KeywordSet,
    check_mentions,
    claim_index,
    matched,
)
from crisiscomms.model._elements import KnownClaim
from crisiscomms.model._mention import Mention
from crisiscomms.model._sent import check_aware

__all__ = ["Signals", "measure_signals"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def micros(value: datetime) -> int:
    return (value - _EPOCH) // MICROSECOND


def _instant(micros: int) -> datetime:
    try:
        return _EPOCH + timedelta(microseconds=micros)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if micros < 0 else datetime.max.replace(tzinfo=UTC)


def _in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """`moment` shown in the caller's zone (the zone of their `now`), the same instant."""
    try:
        return moment.astimezone(zone)
    except OverflowError:  # at the ends of the range, the zone cannot be applied
        return moment


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
        out_of_order: mentions that step against the feed's own direction
            (oldest first, or newest first as social APIs return it: whichever
            most steps follow); the feed is sorted, so they count normally.
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
class Feed:
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


def read_feed(mentions: Sequence[Mention], now_us: int) -> Feed:
    seen_ids: set[str] = set()
    seen_keys: set[tuple[str, str, int]] = set()
    kept: list[tuple[int, int, Mention]] = []
    duplicates = empty = after_end = without_locale = 0
    # Steps to an earlier and to a later mention: a feed may come oldest first
    # or newest first (as social APIs return it); only steps against the
    # direction most of them follow are out of order.
    earlier = later = 0
    previous: int | None = None
    for position, mention in enumerate(mentions):
        at = mention.at
        try:
            at_us = (at - _EPOCH) // MICROSECOND
        except TypeError:
            # Only a constructed (not validated) Mention can have a naive time: the
            # path of the message is worded only then.
            check_aware(at, f"mentions[{position}].at")
            raise
        if previous is not None:
            if at_us < previous:
                earlier += 1
            elif at_us > previous:
                later += 1
        previous = at_us
        text = mention.text
        key = (text, mention.author, at_us)
        identifier = mention.id
        if identifier:
            if identifier in seen_ids or key in seen_keys:
                duplicates += 1
                continue
            seen_ids.add(identifier)
        elif key in seen_keys:
            duplicates += 1
            continue
        seen_keys.add(key)
        if not text or text.isspace():
            empty += 1
        if mention.locale is None:
            without_locale += 1
        if at_us > now_us:
            after_end += 1
            continue
        kept.append((at_us, position, mention))
    if earlier:
        # By time, then position: positions differ, so the mentions are never compared.
        # (A feed already in time order, the common case, needs no sort.)
        kept.sort()
    times, positions, kept_mentions = zip(*kept, strict=True) if kept else ((), (), ())
    return Feed(
        mentions=kept_mentions,
        times=times,
        positions=positions,
        given=len(mentions),
        duplicates=duplicates,
        empty=empty,
        out_of_order=min(earlier, later),
        after_end=after_end,
        without_locale=without_locale,
    )


def first_after(times: Sequence[int], value: int) -> int:
    """The position of the first time strictly after `value` (times ascending)."""
    low, high = 0, len(times)
    while low < high:
        middle = (low + high) // 2
        if times[middle] <= value:
            low = middle + 1
        else:
            high = middle
    return low


def window_signals(
    feed: Feed,
    now_us: int,
    window: timedelta,
    matches: Mapping[int, Sequence[KeywordSet]],
    *,
    zone: tzinfo = UTC,
    end: int | None = None,
) -> tuple[Signals, range]:
    """The signals of the window ending at `now_us`, its times shown in `zone`.

    `matches` are the feed's matches by feed position (`matches_in`). The
    feed is read up to `end` (its length by default; a review replaying the
    feed gives the position of the first mention after `now_us`).
    """
    window_us = window // MICROSECOND
    start_us = now_us - window_us
    times = feed.times
    stop = len(times) if end is None else end
    first = first_after(times, start_us)
    baseline_first = first_after(times, start_us - window_us)
    count = stop - first
    baseline = first - baseline_first
    growth = count / baseline if baseline else (math.inf if count else None)
    negative = scored = reach = claim_matches = 0
    per_claim: dict[int, tuple[str, int]] = {}
    get = matches.get
    for position in range(first, stop):
        mention = feed.mentions[position]
        reach += mention.reach
        sentiment = mention.sentiment
        if sentiment is not None:
            scored += 1
            negative += sentiment < 0
        found = get(position)
        if found:
            claim_matches += any(k.escalates for k in found)
            for keyword_set in found:
                seen = per_claim.get(keyword_set.claim)
                per_claim[keyword_set.claim] = (
                    keyword_set.claim_id,
                    1 if seen is None else seen[1] + 1,
                )
    signals = Signals(
        start=_in_zone(_instant(start_us), zone),
        end=_in_zone(_instant(now_us), zone),
        mentions=count,
        baseline_mentions=baseline,
        growth=growth,
        negative=negative,
        scored=scored,
        negative_share=negative / scored if scored else None,
        reach=reach,
        claim_matches=claim_matches,
        claims=tuple(per_claim[claim] for claim in sorted(per_claim)),
        given=feed.given,
        duplicates=feed.duplicates,
        empty=feed.empty,
        out_of_order=feed.out_of_order,
        after_end=feed.after_end,
        without_locale=feed.without_locale,
    )
    return signals, range(first, stop)


def _window(value: object) -> timedelta:
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise InputError.for_argument("window", "a positive duration (timedelta)", value)
    return value


def matches_in(feed: Feed, first: int, index: Index) -> dict[int, list[KeywordSet]]:
    """The keyword sets matched by the feed's mentions from `first` on, by feed position."""
    return dict(matched(feed.mentions, index, first))


def measure_signals(
    mentions: Iterable[Mention],
    /,
    *,
    now: datetime,
    window: timedelta,
    claims: Iterable[KnownClaim] | ClaimIndex = (),
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
        claims: the register to count claim matches against (`plan.claims`),
            or its `ClaimIndex`.

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
    _, index = claim_index(claims)
    given = check_mentions(mentions)
    now_us = micros(now)
    feed = read_feed(given, now_us)
    first = first_after(feed.times, now_us - length // MICROSECOND)
    matches = matches_in(feed, first, index)
    zone = now.tzinfo if now.tzinfo is not None else UTC
    return window_signals(feed, now_us, length, matches, zone=zone)[0]
