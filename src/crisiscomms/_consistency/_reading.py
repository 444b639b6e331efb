"""The messages of a run as read: their values, language and readers' zone.

Every message is read with `extract_each` in its own locale; a set is checked
again after each edit of one message, so the texts read are remembered
(`extract`, least recently used forgotten first). A time without a zone is
read in its audience's zone: the message's ``timezone``, else its
stakeholder's, else the plan's.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import date, datetime

import attrs

from crisiscomms._consistency._inputs import zone_name
from crisiscomms._message import Message
from crisiscomms.model._facts import FactValue
from crisiscomms.model._plan import Plan
from crisiscomms.text._extraction import (
    ExtractedValue,
    ValueKind,
    extract_each,
    supported_locale,
)
from crisiscomms.text._markup import as_read

__all__ = ["Extractions", "Read", "extract", "read_messages", "reference_date", "stated_date"]


@attrs.define
class Read:
    """One message as read: its values and where its readers are."""

    index: int
    label: str
    message: Message
    language: str
    audience: str | None
    zone: str | None
    values: tuple[ExtractedValue, ...]
    ties: dict[int, str] = attrs.field(factory=dict)


def _audience_zone(
    message: Message, plan: Plan | None, stakeholders: frozenset[str]
) -> str | None:
    """The zone the message's readers are in: its own, its stakeholder's, else None."""
    zone = zone_name(message.timezone, "message.timezone")
    if zone is not None or plan is None:
        return zone
    if message.stakeholder is not None and message.stakeholder in stakeholders:
        return plan.stakeholder_timezone(message.stakeholder)
    return None


_Extracted = tuple[ExtractedValue, ...]


class Extractions:
    """Extraction, remembered: a set is checked again after each edit of one message.

    The texts used last are kept, least recently used first out, while their
    lengths add up to at most `max_chars` characters: the memory is bounded by
    the size of the texts (what a value list grows with), not by their number,
    so 100 kB posts cannot fill it with gigabytes. A text longer than the
    whole budget is read and not kept. The texts not kept are read together
    with `extract_each`.
    """

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self._kept: OrderedDict[tuple[str, str, date | None], _Extracted] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def many(self, texts: Sequence[tuple[str, str]], reference: date | None) -> list[_Extracted]:
        """The values of each ``(text, canonical locale)``, read with `reference`."""
        keys = [(text, locale, reference) for text, locale in texts]
        found: dict[tuple[str, str, date | None], _Extracted] = {}
        with self._lock:
            for key in keys:
                if key in self._kept:
                    self._kept.move_to_end(key)
                    found[key] = self._kept[key]
        missing = list(dict.fromkeys(key for key in keys if key not in found))
        if missing:
            read = extract_each(
                [(text, locale) for text, locale, _ in missing], reference=reference
            )
            found.update(zip(missing, read, strict=True))
            with self._lock:
                for key in missing:
                    if len(key[0]) > self.max_chars or key in self._kept:
                        continue
                    self._kept[key] = found[key]
                    self._chars += len(key[0])
                while self._chars > self.max_chars:
                    (text, _, _), _ = self._kept.popitem(last=False)
                    self._chars -= len(text)
        return [found[key] for key in keys]

    def cache_clear(self) -> None:
        """Forget every text read."""
        with self._lock:
            self._kept.clear()
            self._chars = 0

    @property
    def kept_chars(self) -> int:
        """How many characters of text are kept now (at most `max_chars`)."""
        return self._chars


#: About 2 million characters: a few thousand ordinary posts, or twenty 100 kB texts.
extract = Extractions(max_chars=2_000_000)


def _as_written(
    text: str, values: tuple[ExtractedValue, ...], offsets: list[int]
) -> tuple[ExtractedValue, ...]:
    """Values read in the decoded form of `text`, with their spans and texts in `text`."""
    moved = []
    for value in values:
        start, end = offsets[value.span[0]], offsets[value.span[1]]
        moved.append(attrs.evolve(value, span=(start, end), text=text[start:end]))
    return tuple(moved)


def _labels(messages: Sequence[Message]) -> list[str]:
    labels = [m.label or f"message {i + 1}" for i, m in enumerate(messages)]
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return [f"{label} #{i + 1}" if counts[label] > 1 else label for i, label in enumerate(labels)]


def reference_date(facts: Mapping[str, FactValue]) -> date | None:
    """The earliest date of the facts: the year and day of times read without them."""
    days = [v.date() if isinstance(v, datetime) else v for v in facts.values()]
    dated = [d for d in days if isinstance(d, date)]
    return min(dated) if dated else None


def stated_date(read: Read) -> date | None:
    """The first full date the message states."""
    for value in read.values:
        if value.kind is ValueKind.DATE and isinstance(value.value, date):
            return value.value
        if value.kind is ValueKind.DATETIME and isinstance(value.value, datetime):
            return value.value.date()
    return None


def read_messages(
    messages: Sequence[Message],
    plan: Plan | None,
    reference: date | None,
    sender_zone: str | None,
) -> list[Read]:
    """Each message read in its locale, with its label made unique in the set."""
    stakeholder_ids = frozenset(s.id for s in plan.stakeholders) if plan else frozenset()
    labels = _labels(messages)
    locales = []
    audiences = []
    for message in messages:
        locales.append(supported_locale(message.locale))
        audiences.append(_audience_zone(message, plan, stakeholder_ids))
    # HTML, Markdown and Slack are read as their readers see them ("12&#x27;500" is
    # "12'500"); the spans are given back in the text as written.
    markups = {c.id: c.markup for c in plan.channels} if plan is not None else {}
    shown = [
        as_read(m.text, markups[m.channel]) if m.channel in markups else None for m in messages
    ]
    # All texts at once: the ones not remembered are read together, which is faster.
    values = extract.many(
        [
            (m.text if seen is None else seen[0], locale)
            for m, seen, locale in zip(messages, shown, locales, strict=True)
        ],
        reference,
    )
    values = [
        found if seen is None else _as_written(m.text, found, seen[1])
        for m, seen, found in zip(messages, shown, values, strict=True)
    ]
    return [
        Read(
            index,
            labels[index],
            message,
            locales[index].split("_")[0],
            audiences[index],
            audiences[index] or sender_zone,
            values[index],
        )
        for index, message in enumerate(messages)
    ]
