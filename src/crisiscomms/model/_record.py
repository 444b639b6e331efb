"""`CrisisRecord`: the history of one finished crisis, as an application logs it.

A record is what the post-crisis review reads: the situation as it was
detected, every change of it afterwards (severity, phase, facts, each with
the instant it took effect), the messages that went out with their text,
the mentions a monitoring tool saw, and so the escalations declared (the
changes that raised the severity). It is a pydantic model like the plan:
validated, frozen, JSON round-trippable, with a JSON Schema.
"""

import bisect
import functools
import json
from datetime import datetime
from typing import Any, Self, final

from pydantic import Field, model_validator

from crisiscomms.model._base import Model, Phase, Slug
from crisiscomms.model._facts import Facts, FactValue
from crisiscomms.model._mention import Mention
from crisiscomms.model._plan import Situation
from crisiscomms.model._sent import Instant, SentMessage, check_aware

__all__ = ["CrisisRecord", "SituationChange"]


@final
class SituationChange(Model):
    """One change of the situation during a crisis, and the instant it took effect.

    Only what changed is given: a new `severity`, a new `phase`, and the
    `facts` added or changed (the others stay as they were).

    Args:
        at: when the change took effect (an aware datetime).
        severity: the new severity id, if it changed.
        phase: the new phase, if it changed.
        facts: the facts added or changed, by name.
        reason: why, in words (an escalation's rule, a corrected figure).
        id: a name for reports; defaults to ``change/<at>``.

    >>> from datetime import datetime, timezone
    >>> change = SituationChange(at=datetime(2026, 11, 24, 10, 5, tzinfo=timezone.utc),
    ...                          facts={"affected_customers": 15000})
    >>> change.label
    'change/2026-11-24T10:05:00+00:00'
    """

    at: Instant
    severity: Slug | None = None
    phase: Phase | None = None
    facts: Facts = Field(default_factory=dict)
    reason: str = ""
    id: str = ""

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if self.severity is None and self.phase is None and not self.facts:
            raise ValueError(
                "expected a new 'severity', a new 'phase' or changed 'facts', got none of them;"
                " a change that changes nothing is not part of the record: remove it"
            )
        return self

    @property
    def label(self) -> str:
        """The id, or ``change/<at>`` when the change has none."""
        return self.id or f"change/{self.at.isoformat()}"


def _out_of_order(what: str, times: list[datetime], labels: list[str]) -> str | None:
    for position in range(1, len(times)):
        if times[position] < times[position - 1]:
            return (
                f"{what}[{position}] ({labels[position]}) is dated"
                f" {times[position].isoformat()}, before {what}[{position - 1}]"
                f" ({labels[position - 1]}, {times[position - 1].isoformat()}); a record lists"
                f" its {what} in the order they happened: sort them by time"
            )
    return None


@final
class CrisisRecord(Model):
    """The history of one crisis: its changes, the messages sent, the mentions seen.

    Build it from the values the other functions already take: the
    `Situation` as detected, the `SentMessage`s (with their `text` when the
    log kept it) and the `Mention`s of the monitoring tool. Changes and sent
    messages are listed in the order they happened, none before detection;
    mentions may come in any order, as monitoring feeds do.

    Args:
        situation: the situation as it was detected (its severity, phase and
            facts then, and `detected_at`).
        changes: every later change of the situation, in time order.
        sent: the messages that went out, in time order.
        mentions: what monitoring saw (optional).
        label: a name for the crisis in reports.

    >>> from datetime import timedelta
    >>> from crisiscomms.samples import demo_situation
    >>> start = demo_situation()
    >>> record = CrisisRecord(situation=start, changes=[SituationChange(
    ...     at=start.detected_at + timedelta(hours=2), severity="critical",
    ...     facts={"affected_customers": 15000})])
    >>> record.situation_at(start.detected_at + timedelta(hours=3)).severity
    'critical'
    >>> record.facts_at(start.detected_at)["affected_customers"]
    12000
    >>> [change.label[:6] for change in record.escalations]
    ['change']
    >>> CrisisRecord.model_validate_json(record.model_dump_json()) == record
    True
    """

    situation: Situation
    changes: tuple[SituationChange, ...] = ()
    sent: tuple[SentMessage, ...] = ()
    mentions: tuple[Mention, ...] = ()
    label: str = ""

    @model_validator(mode="after")
    def _in_order_after_detection(self) -> Self:
        detected = self.situation.detected_at
        problems = []
        for what, events in (("changes", self.changes), ("sent", self.sent)):
            times = [_time(event) for event in events]
            labels = [event.label for event in events]
            early = next((i for i, t in enumerate(times) if t < detected), None)
            if early is not None:
                problems.append(
                    f"{what}[{early}] ({labels[early]}) is dated {times[early].isoformat()},"
                    f" before the crisis was detected ({detected.isoformat()}); check its time"
                    " or the situation's detected_at"
                )
            disorder = _out_of_order(what, times, labels)
            if disorder is not None:
                problems.append(disorder)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- the situation over time ---------------------------------------------

    @functools.cached_property
    def _states(self) -> tuple[tuple[datetime, ...], tuple[Situation, ...]]:
        situations = [self.situation]
        current = self.situation.model_dump()
        for change in self.changes:
            if change.severity is not None:
                current["severity"] = change.severity
            if change.phase is not None:
                current["phase"] = change.phase
            if change.facts:
                current["facts"] = {**current["facts"], **change.facts}
                current["facts_version"] += 1
            situations.append(Situation.model_validate(current))
        times = (self.situation.detected_at, *(change.at for change in self.changes))
        return times, tuple(situations)

    def situation_at(self, at: datetime, /) -> Situation:
        """The situation in force at `at`: the changes dated at or before it applied.

        Before detection, the situation as detected.

        Raises:
            NaiveDatetimeError: when `at` has no time zone.
        """
        check_aware(at, "at")
        times, situations = self._states
        return situations[max(bisect.bisect_right(times, at) - 1, 0)]

    def facts_at(self, at: datetime, /) -> dict[str, FactValue]:
        """The facts in force at `at` (a new dict each call)."""
        return dict(self.situation_at(at).facts)

    def situations(self) -> tuple[tuple[datetime, Situation], ...]:
        """Each situation of the crisis with the instant it took effect, detection first."""
        times, situations = self._states
        return tuple(zip(times, situations, strict=True))

    @property
    def detected_at(self) -> datetime:
        """When the crisis was detected."""
        return self.situation.detected_at

    @property
    def escalations(self) -> tuple[SituationChange, ...]:
        """The changes that raised the severity, as declared: those whose severity is new.

        Which of them raised rather than lowered it depends on the plan's
        scale; the review tells them apart.
        """
        return tuple(change for change in self.changes if change.severity is not None)

    @property
    def end(self) -> datetime:
        """The instant of the last event: change, message or mention; detection when none."""
        times = [self.situation.detected_at]
        if self.changes:
            times.append(self.changes[-1].at)
        if self.sent:
            times.append(self.sent[-1].sent_at)
        if self.mentions:
            times.append(max(m.at for m in self.mentions))
        return max(times)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of a record document (draft 2020-12), for other languages.

        >>> CrisisRecord.json_schema()["required"]
        ['situation']
        """
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **cls.model_json_schema(mode="validation"),
        }
        result: dict[str, Any] = json.loads(json.dumps(schema))
        return result


def _time(event: SituationChange | SentMessage) -> datetime:
    return event.at if isinstance(event, SituationChange) else event.sent_at
