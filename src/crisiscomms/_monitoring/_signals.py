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
from crisiscomms._records import SignalsRecord
from crisiscomms._tables import html_table
from crisiscomms.model._elements import KnownClaim
from crisiscomms.model._mention import Mention
from crisiscomms.model._sent import check_aware

__all__ = ["PartialSignals", "Signals", "measure_signals", "partial_signals"]

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

    def to_records(self) -> list[SignalsRecord]:
        """The signals as one row, the window's times in the zone of the `now` given.

        >>> from datetime import datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> now = datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Europe/Paris"))
        >>> row = measure_signals([], now=now, window=timedelta(hours=1)).to_records()[0]
        >>> row["window_start"].isoformat(), row["mentions"], row["growth"]
        ('2026-11-24T09:00:00+01:00', 0, None)
        """
        return [
            SignalsRecord(
                window_start=self.start,
                window_end=self.end,
                mentions=self.mentions,
                baseline_mentions=self.baseline_mentions,
                growth=self.growth,
                negative=self.negative,
                scored=self.scored,
                negative_share=self.negative_share,
                reach=self.reach,
                claim_matches=self.claim_matches,
                claim_counts=dict(self.claims),
                given=self.given,
                duplicates=self.duplicates,
                empty=self.empty,
                out_of_order=self.out_of_order,
                after_end=self.after_end,
                without_locale=self.without_locale,
            )
        ]

    def _repr_html_(self) -> str:
        """The signals as a one-row table, the window in the caption, every value escaped."""
        return html_table(
            [dict(r) for r in self.to_records()],
            caption=f"{self.mentions} mentions from {self.start:%Y-%m-%d %H:%M}"
            f" to {self.end:%Y-%m-%d %H:%M %Z}",
        )


@final
@attrs.frozen
class PartialSignals:
    """The counts of `measure_signals` over one part of a feed: merged, they give `Signals`.

    Made by `partial_signals`; `merge` adds the part that follows in the
    feed's order, and `signals` gives the signals of all the parts merged.
    Every field pickles, so a distributed engine returns it from a worker.

    Args:
        end: the end of the window (the `now` of the measure).
        window: the window's length.
        mentions, baseline_mentions, negative, scored, reach, claim_matches,
            given, duplicates, empty, after_end, without_locale: as in
            `Signals`, over the parts merged so far.
        claims: per claim repeated: its position in the register, its id and
            the mentions in the window that repeat it, in the register's order.
        earlier, later: steps from one mention given to the next that go
            back or forward in time (`Signals.out_of_order` is the fewer).
        first_at, last_at: the times of the first and last mention given,
            None when none was (a step between two parts is counted on merging).

    >>> from datetime import datetime, timedelta, timezone
    >>> at = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> part = partial_signals([Mention(text="panne", at=at, locale="fr")], now=at,
    ...                        window=timedelta(hours=1))
    >>> part.merge(part).signals.mentions, part.merge(part).signals.out_of_order
    (2, 0)
    """

    end: datetime
    window: timedelta
    mentions: int
    baseline_mentions: int
    negative: int
    scored: int
    reach: int
    claim_matches: int
    claims: tuple[tuple[int, str, int], ...]
    given: int
    duplicates: int
    empty: int
    after_end: int
    without_locale: int
    earlier: int
    later: int
    first_at: datetime | None
    last_at: datetime | None

    def merge(self, following: PartialSignals, /) -> PartialSignals:
        """These counts and those of the part that follows this one in the feed.

        Raises:
            InputError: a part that is not a `PartialSignals`, or one measured
                with another `now` or `window`.
        """
        if not isinstance(following, PartialSignals):
            raise InputError.for_type("following", "a crisiscomms.PartialSignals", following)
        if following.end != self.end or following.window != self.window:
            raise InputError.for_value(
                "following",
                f"the counts of a window of {self.window} ending at {self.end.isoformat()}",
                f"a window of {following.window} ending at {following.end.isoformat()}",
                hint="measure every part of the feed with the same now and window",
            )
        earlier, later = self.earlier + following.earlier, self.later + following.later
        if self.last_at is not None and following.first_at is not None:
            earlier += following.first_at < self.last_at
            later += following.first_at > self.last_at
        claims: dict[int, tuple[str, int]] = {p: (c, n) for p, c, n in self.claims}
        for position, claim, count in following.claims:
            before = claims.get(position)
            claims[position] = (claim, count + (0 if before is None else before[1]))
        return PartialSignals(
            end=self.end,
            window=self.window,
            mentions=self.mentions + following.mentions,
            baseline_mentions=self.baseline_mentions + following.baseline_mentions,
            negative=self.negative + following.negative,
            scored=self.scored + following.scored,
            reach=self.reach + following.reach,
            claim_matches=self.claim_matches + following.claim_matches,
            claims=tuple((p, *claims[p]) for p in sorted(claims)),
            given=self.given + following.given,
            duplicates=self.duplicates + following.duplicates,
            empty=self.empty + following.empty,
            after_end=self.after_end + following.after_end,
            without_locale=self.without_locale + following.without_locale,
            earlier=earlier,
            later=later,
            first_at=self.first_at if self.first_at is not None else following.first_at,
            last_at=following.last_at if following.last_at is not None else self.last_at,
        )

    @property
    def signals(self) -> Signals:
        """The `Signals` of the parts merged, as `measure_signals` gives them for the feed."""
        count, baseline, scored = self.mentions, self.baseline_mentions, self.scored
        zone = self.end.tzinfo if self.end.tzinfo is not None else UTC
        return Signals(
            start=_in_zone(_instant(micros(self.end) - self.window // MICROSECOND), zone),
            end=self.end,
            mentions=count,
            baseline_mentions=baseline,
            growth=count / baseline if baseline else (math.inf if count else None),
            negative=self.negative,
            scored=scored,
            negative_share=self.negative / scored if scored else None,
            reach=self.reach,
            claim_matches=self.claim_matches,
            claims=tuple((claim, count) for _, claim, count in self.claims),
            given=self.given,
            duplicates=self.duplicates,
            empty=self.empty,
            out_of_order=min(self.earlier, self.later),
            after_end=self.after_end,
            without_locale=self.without_locale,
        )


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
    # Steps to an earlier and to a later mention, and the first and last time given
    # (None for an empty feed): what merging the parts of a feed needs.
    earlier: int = 0
    later: int = 0
    first_us: int | None = None
    last_us: int | None = None


def read_feed(mentions: Sequence[Mention], now_us: int) -> Feed:
    seen_ids: set[str] = set()
    by_time: dict[int, Mention | list[Mention]] = {}
    # Kept as three lists of what exists already (no tuple per mention): objects
    # that live on would set off the garbage collector, which walks the whole feed.
    kept_times: list[int] = []
    kept_positions: list[int] = []
    kept_mentions: list[Mention] = []
    duplicates = empty = after_end = without_locale = 0
    # Steps to an earlier and to a later mention: a feed may come oldest first
    # or newest first (as social APIs return it); only steps against the
    # direction most of them follow are out of order.
    earlier = later = 0
    previous: int | None = None
    first_us: int | None = None
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
        else:
            first_us = at_us
        previous = at_us
        text = mention.text
        identifier = mention.id
        if identifier and identifier in seen_ids:
            duplicates += 1
            continue
        # Same text, author and time: only mentions of the same time can be such
        # duplicates, so they are filed by time (most times are unique).
        prior = by_time.get(at_us)
        if prior is None:
            by_time[at_us] = mention
        else:
            author = mention.author
            earlier_given = prior if isinstance(prior, list) else [prior]
            if any(m.text == text and m.author == author for m in earlier_given):
                duplicates += 1
                continue
            by_time[at_us] = [*earlier_given, mention]
        if identifier:
            seen_ids.add(identifier)
        if not text or text.isspace():
            empty += 1
        if mention.locale is None:
            without_locale += 1
        if at_us > now_us:
            after_end += 1
            continue
        kept_times.append(at_us)
        kept_positions.append(position)
        kept_mentions.append(mention)
    if earlier:
        # By time, then position: the sort is stable and positions ascend. (A feed
        # already in time order, the common case, needs no sort.)
        order = sorted(range(len(kept_times)), key=kept_times.__getitem__)
        kept_times = [kept_times[i] for i in order]
        kept_positions = [kept_positions[i] for i in order]
        kept_mentions = [kept_mentions[i] for i in order]
    return Feed(
        mentions=tuple(kept_mentions),
        times=tuple(kept_times),
        positions=tuple(kept_positions),
        given=len(mentions),
        duplicates=duplicates,
        empty=empty,
        out_of_order=min(earlier, later),
        after_end=after_end,
        without_locale=without_locale,
        earlier=earlier,
        later=later,
        first_us=first_us,
        last_us=previous,
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


def matches_in(feed: Feed, first: int, index: Index) -> dict[int, tuple[KeywordSet, ...]]:
    """The keyword sets matched by the feed's mentions from `first` on, by feed position."""
    return matched(feed.mentions, index, first)


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
    return partial_signals(mentions, now=now, window=window, claims=claims).signals


def partial_signals(
    mentions: Iterable[Mention],
    /,
    *,
    now: datetime,
    window: timedelta,
    claims: Iterable[KnownClaim] | ClaimIndex = (),
) -> PartialSignals:
    """What `measure_signals` counts, for one part of a feed, to merge with the others.

    Split a feed too large for one process into parts (partitions of a
    distributed engine), measure each part with the same `now`, `window` and
    register, and merge the parts in the feed's order with
    `PartialSignals.merge`; `PartialSignals.signals` of the result is what
    `measure_signals` gives for the whole feed, provided that a mention
    given twice is given twice within one part (duplicates are recognised
    within a part; split by time or by `Mention.id` to keep them together).

    Raises:
        NaiveDatetimeError: when `now` has no time zone.
        InputError: an argument of the wrong type or a window that is not positive.

    >>> from datetime import datetime, timedelta, timezone
    >>> at = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> feed = [Mention(text="panne ?", at=at - timedelta(minutes=m), locale="fr", reach=10)
    ...         for m in (5, 10, 70)]
    >>> hour = timedelta(hours=1)
    >>> parts = [partial_signals(part, now=at, window=hour) for part in (feed[:1], feed[1:])]
    >>> parts[0].merge(parts[1]).signals == measure_signals(feed, now=at, window=hour)
    True
    """
    check_aware(now, "now")
    length = _window(window)
    register, index = claim_index(claims)
    given = check_mentions(mentions)
    now_us = micros(now)
    feed = read_feed(given, now_us)
    first = first_after(feed.times, now_us - length // MICROSECOND)
    matches = matches_in(feed, first, index)
    zone = now.tzinfo if now.tzinfo is not None else UTC
    signals, _ = window_signals(feed, now_us, length, matches, zone=zone)
    positions = {claim.id: position for position, claim in enumerate(register)}
    return PartialSignals(
        end=signals.end,
        window=length,
        mentions=signals.mentions,
        baseline_mentions=signals.baseline_mentions,
        negative=signals.negative,
        scored=signals.scored,
        reach=signals.reach,
        claim_matches=signals.claim_matches,
        claims=tuple((positions[claim], claim, count) for claim, count in signals.claims),
        given=feed.given,
        duplicates=feed.duplicates,
        empty=feed.empty,
        after_end=feed.after_end,
        without_locale=feed.without_locale,
        earlier=feed.earlier,
        later=feed.later,
        first_at=None if feed.first_us is None else _instant(feed.first_us),
        last_at=None if feed.last_us is None else _instant(feed.last_us),
    )
