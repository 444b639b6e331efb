"""`recommend_escalation`: the plan's escalation rules applied to monitoring signals.

It returns the severity to move to, the rule that fired, the figures that made
it fire, and the order in which to answer the mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Literal, final, overload

import attrs

from crisiscomms._errors import InputError
from crisiscomms._monitoring._claims import (
    ClaimIndex,
    ClaimMatch,
    KeywordSet,
    check_mentions,
    claim_index,
)
from crisiscomms._monitoring._signals import (
    MICROSECOND,
    Feed,
    Signals,
    first_after,
    matches_in,
    micros,
    read_feed,
    window_signals,
)
from crisiscomms._records import EvidenceRecord, TriageRecord
from crisiscomms._tables import html_table
from crisiscomms.model._elements import SIGNALS, EscalationRule, KnownClaim
from crisiscomms.model._mention import Mention
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._scope import in_scope
from crisiscomms.model._sent import check_aware

__all__ = ["Escalation", "Evidence", "TriageEntry", "recommend_escalation", "triage"]


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

    def to_records(self) -> list[TriageRecord]:
        """The entry as one row: the mention, the claims it repeats, the rebuttal.

        >>> from datetime import datetime, timezone
        >>> entry = TriageEntry(Mention(text="?", at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        >>> entry.to_records()[0]["claims"]
        []
        """
        return [self._record(None)]

    def _record(self, zone: tzinfo | None) -> TriageRecord:
        mention = self.mention
        return TriageRecord(
            mention_id=mention.id,
            at=mention.at if zone is None else mention.at.astimezone(zone),
            author=mention.author,
            source=mention.source,
            locale=mention.locale,
            reach=mention.reach,
            sentiment=mention.sentiment,
            claims=[m.claim for m in self.claims],
            rebuttal_key=self.rebuttal_key,
            text=mention.text,
        )

    def _repr_html_(self) -> str:
        """The entry as a one-row table, every value escaped."""
        return html_table(
            [dict(r) for r in self.to_records()],
            caption=f"answer with {self.rebuttal_key}" if self.rebuttal_key else "no rebuttal",
        )

    @property
    def priority(self) -> tuple[int, int, float, datetime]:
        """Its place in the order to answer: sort entries by it, smallest first.

        Mentions repeating a claim that has a rebuttal first, then by reach
        (largest first), negativity (most negative first) and age (oldest
        first). Python's sort is stable: sorting the entries of the parts of
        a feed, concatenated in the feed's order, gives the order of `triage`
        over the whole feed.
        """
        mention = self.mention
        sentiment = mention.sentiment
        return (
            0 if self.rebuttal_key is not None else 1,
            -mention.reach,
            sentiment if sentiment is not None else 0.0,
            mention.at,
        )


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
            (oldest first). A read-only sequence that equals, slices, iterates
            and prints as the tuple of its entries (`tuple(escalation.triage)`
            for a tuple); each entry is made when read.
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
    triage: Sequence[TriageEntry] = attrs.field(repr=False)
    is_downgrade: bool = False

    @overload
    def to_records(self, what: Literal["triage"] = "triage") -> list[TriageRecord]: ...
    @overload
    def to_records(self, what: Literal["evidence"]) -> list[EvidenceRecord]: ...
    @overload
    def to_records(self, what: str) -> list[TriageRecord] | list[EvidenceRecord]: ...

    def to_records(self, what: str = "triage") -> list[TriageRecord] | list[EvidenceRecord]:
        """The triage (default), one row per mention in the order to answer, or the evidence.

        The mentions' times are shown in the zone of the `now` given.

        Raises:
            InputValueError: `what` is neither ``"triage"`` nor ``"evidence"``.

        >>> from datetime import datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> from crisiscomms.samples import demo_plan, demo_situation
        >>> now = datetime(2026, 11, 24, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))
        >>> feed = [Mention(text=f"Lumea vend les données de ses clients #{n}", locale="fr",
        ...                 at=now - timedelta(minutes=n), reach=100 + n, id=str(n))
        ...         for n in range(60)]
        >>> situation = demo_situation().model_copy(update={"severity": "moderate"})
        >>> escalation = recommend_escalation(demo_plan(), situation, feed, now=now)
        >>> [r["condition"] for r in escalation.to_records("evidence")]
        ['min_mentions', 'min_claim_matches']
        >>> first = escalation.to_records()[0]
        >>> first["mention_id"], first["claims"], first["at"].isoformat()
        ('59', ['data-for-sale'], '2026-11-24T10:01:00+01:00')
        """
        if what == "evidence":
            return [
                EvidenceRecord(condition=e.condition, threshold=e.threshold, observed=e.observed)
                for e in self.evidence
            ]
        if what != "triage":
            raise InputError.for_value("what", "'triage' or 'evidence'", what)
        zone = self.signals.end.tzinfo
        return [entry._record(zone) for entry in self.triage]

    def _repr_html_(self) -> str:
        """The evidence and the triage as two tables, every value escaped."""
        change = "downgrade" if self.is_downgrade else "escalate"
        evidence = html_table(
            [dict(r) for r in self.to_records("evidence")],
            caption=f"{change} from {self.from_severity} to {self.to_severity}"
            f" (rule {self.rule}; fired: {', '.join(self.fired)})",
        )
        triage = html_table(
            [dict(r) for r in self.to_records()],
            caption=f"{len(self.triage)} mentions to answer, in order",
        )
        return f"<div>{evidence}{triage}</div>"


def rule_evidence(rule: EscalationRule, signals: Signals) -> tuple[Evidence, ...] | None:
    """The evidence of every condition the rule sets, or None when one does not hold.

    A ``min_`` condition holds when the signal reaches it; a ``max_`` one
    (calm) when the signal stays at or below it, a signal with nothing to
    measure (no growth of an empty feed, no share of no scored mention)
    counting as 0.
    """
    observed: list[Evidence] = []
    values: dict[str, float | None] = {
        "mentions": signals.mentions,
        "growth": signals.growth,
        "negative_share": signals.negative_share,
        "reach": signals.reach,
        "claim_matches": signals.claim_matches,
    }
    for signal in SIGNALS:
        value = values[signal]
        low: float | None = getattr(rule, f"min_{signal}")
        if low is not None:
            if value is None or value < low:
                return None
            observed.append(Evidence(f"min_{signal}", low, value))
        high: float | None = getattr(rule, f"max_{signal}")
        if high is not None:
            calm = 0.0 if value is None else value
            if calm > high:
                return None
            observed.append(Evidence(f"max_{signal}", high, calm))
    return tuple(observed)


def triage_order(
    feed: Feed, window: range, matches: Mapping[int, Sequence[KeywordSet]]
) -> list[int]:
    """The feed positions of `window` in the order to answer them (see `Escalation.triage`).

    Ties keep the feed's order (time, then position given): the sorts are stable,
    the last one by the first criterion (answerable first).
    """
    stretch = feed.mentions[window.start : window.stop]
    # Sort keys as lists read by index (a C call), not a Python function per mention.
    sentiments = [0.0 if (s := m.sentiment) is None else s for m in stretch]
    reaches = [-m.reach for m in stretch]
    order = list(range(len(stretch)))
    order.sort(key=sentiments.__getitem__)
    order.sort(key=reaches.__getitem__)
    start = window.start
    order = [start + i for i in order]
    answerable = {
        position
        for position, found in matches.items()
        if position in window and any(k.rebuttal_key for k in found)
    }
    if answerable:
        # A stable sort by "answerable first" is this partition.
        order = [p for p in order if p in answerable] + [p for p in order if p not in answerable]
    return order


def triage_entries(
    feed: Feed, order: Iterable[int], matches: Mapping[int, Sequence[KeywordSet]]
) -> tuple[TriageEntry, ...]:
    """The triage entries of the feed positions in `order`.

    Their matches carry, as `ClaimMatch.index`, the position in the caller's sequence.
    """
    mentions, positions = feed.mentions, feed.positions
    order = list(order)
    ordered = list(map(mentions.__getitem__, order))
    # One entry per mention made by `map` (no Python step per mention), those that
    # repeat a claim made again with their matches: most mentions repeat none.
    entries = list(map(TriageEntry, ordered))
    for at, found in enumerate(map(matches.get, order)):
        if found:
            mention = ordered[at]
            where = positions[order[at]]
            entries[at] = TriageEntry(mention, tuple(k.match(where, mention.id) for k in found))
    return tuple(entries)


@final
class TriageEntries(Sequence[TriageEntry]):
    """The triage entries of feed positions, each made when read (`Escalation.triage`).

    Equal to, hashed, sliced (a tuple) and shown as the tuple of its entries:
    most triages are read in part (the first to answer), and one object per
    mention of a large feed would cost more than matching it.

    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> now = datetime(2026, 11, 24, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))
    >>> feed = [Mention(text=f"Lumea vend les données de ses clients #{n}", locale="fr",
    ...                 at=now - timedelta(minutes=n), reach=100 + n, id=str(n))
    ...         for n in range(60)]
    >>> situation = demo_situation().model_copy(update={"severity": "moderate"})
    >>> entries = recommend_escalation(demo_plan(), situation, feed, now=now).triage
    >>> len(entries), entries == tuple(entries), [e.mention.id for e in entries[:3]]
    (60, True, ['59', '58', '57'])
    """

    __slots__ = ("_feed", "_matches", "_order")

    def __init__(
        self, feed: Feed, order: Sequence[int], matches: Mapping[int, Sequence[KeywordSet]]
    ) -> None:
        self._feed = feed
        self._order = tuple(order)
        self._matches = matches

    def _entry(self, position: int) -> TriageEntry:
        mention = self._feed.mentions[position]
        found = self._matches.get(position)
        if not found:
            return TriageEntry(mention)
        where = self._feed.positions[position]
        return TriageEntry(mention, tuple(k.match(where, mention.id) for k in found))

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> TriageEntry: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[TriageEntry, ...]: ...

    def __getitem__(self, index: int | slice) -> TriageEntry | tuple[TriageEntry, ...]:
        if isinstance(index, slice):
            return tuple(map(self._entry, self._order[index]))
        return self._entry(self._order[index])

    def __iter__(self) -> Iterator[TriageEntry]:
        return map(self._entry, self._order)

    def __reversed__(self) -> Iterator[TriageEntry]:
        return map(self._entry, reversed(self._order))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TriageEntries):
            if (
                self._feed is other._feed
                and self._matches is other._matches
                and self._order == other._order
            ):
                return True
            return tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return len(self) == len(other) and tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def triage(
    mentions: Iterable[Mention],
    /,
    *,
    now: datetime,
    window: timedelta,
    claims: Iterable[KnownClaim] | ClaimIndex = (),
    limit: int | None = None,
) -> tuple[TriageEntry, ...]:
    """The distinct mentions of the window ending at `now`, in the order to answer them.

    The order of `Escalation.triage` (see `TriageEntry.priority`): those
    repeating a claim that has a rebuttal first, then by reach, negativity
    and age. The matches carry, as `ClaimMatch.index`, the position of the
    mention in `mentions`. Over the parts of a feed, keep each part's first
    `limit` entries and sort them together by `TriageEntry.priority`.

    Args:
        mentions: the feed, in any order (duplicates count once, as in `measure_signals`).
        now: the end of the window (aware).
        window: the window's length.
        claims: the register (`plan.claims`) or its `ClaimIndex`.
        limit: at most this many entries (the first to answer); None for all.

    Raises:
        NaiveDatetimeError: when `now` has no time zone.
        InputError: an argument of the wrong type, a window that is not
            positive or a negative limit.

    >>> from datetime import datetime, timedelta, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> at = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> feed = [Mention(text="panne ?", at=at, locale="fr", reach=900, id="loud"),
    ...         Mention(text="Lumea vend vos données", at=at, locale="fr", reach=5, id="rumour")]
    >>> [(e.mention.id, e.rebuttal_key) for e in triage(feed, now=at,
    ...                                                 window=timedelta(hours=1),
    ...                                                 claims=demo_plan().claims)]
    [('rumour', 'rumour-rebuttal'), ('loud', None)]
    """
    check_aware(now, "now")
    if not isinstance(window, timedelta) or window <= timedelta(0):
        raise InputError.for_argument("window", "a positive duration (timedelta)", window)
    if limit is not None and (type(limit) is not int or limit < 0):
        raise InputError.for_argument("limit", "a count of entries (int, 0 or more)", limit)
    _, index = claim_index(claims)
    given = check_mentions(mentions)
    now_us = micros(now)
    feed = read_feed(given, now_us)
    first = first_after(feed.times, now_us - window // MICROSECOND)
    matches = matches_in(feed, first, index)
    order = triage_order(feed, range(first, len(feed.times)), matches)
    return triage_entries(feed, order[:limit] if limit is not None else order, matches)


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
        raise InputError.for_type("plan", "a crisiscomms.Plan", plan)
    plan.check_situation(situation)
    given = check_mentions(mentions)
    rules = [
        rule
        for rule in plan.escalation_rules
        if in_scope(rule.crisis_types, situation.crisis_type)
    ]
    if not rules:
        return None
    now_us = micros(now)
    feed = read_feed(given, now_us)
    longest = max(rule.window for rule in rules)
    matches = matches_in(
        feed, first_after(feed.times, now_us - longest // MICROSECOND), claim_index(plan.claims)[1]
    )
    current = plan.severity_rank(situation.severity)

    measured: dict[timedelta, tuple[Signals, range]] = {}
    fired: list[tuple[EscalationRule, tuple[Evidence, ...]]] = []
    for rule in rules:
        if rule.window not in measured:
            measured[rule.window] = window_signals(
                feed, now_us, rule.window, matches, zone=now.tzinfo or UTC
            )
        evidence = rule_evidence(rule, measured[rule.window][0])
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
        triage=TriageEntries(feed, triage_order(feed, window, matches), matches),
        is_downgrade=best < current,
    )
