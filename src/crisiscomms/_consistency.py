"""`check_consistency`: where a set of messages disagrees with itself or with the facts.

Every message is read with `extract_values` in its own locale. Each value
is then tied to a fact of the plan, and the values tied to one fact are
compared, after time zones, with the facts and with each other. The rules,
and their limits, are in ``docs/explanation/consistency.md``; in short:

- **Tying.** A value is tied to the fact whose cue (``FactSpec.cues`` in
  the message's language) stands next to it: within 40 characters, in the
  same sentence, with no other value of its family in between ("12 000
  clients", "Prochain point : 12:00"). A link, e-mail address or phone
  number without a cue is tied to the only fact of its kind (a link only
  when it is that fact's link or a look-alike of it). A number or a time
  without a cue is tied to a fact that holds exactly its value. Values of
  no fact are grouped by the word next to them ("clients") and compared
  within the language.
- **Times without a date** are placed on the date of the fact they are
  tied to, in the zone they are read in; else on the earliest date of the
  facts; else on the first full date the message, then the set, states.
  A time without a zone is read in its audience's zone: the message's
  ``timezone``, else its stakeholder's, else the plan's.
- **Public messages** are those whose channel (a channel id of the plan, or
  a platform name, which takes the audience of the plan's channels on that
  platform) has the audience ``public``. The phase of a message is its
  template's; a message without a known template counts in every phase.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from crisiscomms._consistency_report import ConsistencyReport, StatedFact, show_value
from crisiscomms._errors import InputError
from crisiscomms._findings import Finding, Level
from crisiscomms._message import Message
from crisiscomms.model._base import Audience, FactKind, Phase
from crisiscomms.model._facts import FactValue, decode_fact
from crisiscomms.model._plan import Plan
from crisiscomms.text._extraction import (
    ExtractedValue,
    ValueKind,
    extract_each,
    normalize_phone,
    normalize_url,
    supported_locale,
)
from crisiscomms.text._patterns import lazy_re
from crisiscomms.text._platforms import Platform
from crisiscomms.text._status import STAGES
from crisiscomms.text._zones import zone_tzinfo

__all__ = ["ConsistencyReport", "StatedFact", "check_consistency"]

#: The fact kinds each kind of extracted value may state.
_COMPATIBLE: dict[ValueKind, frozenset[FactKind]] = {
    ValueKind.NUMBER: frozenset({FactKind.NUMBER}),
    ValueKind.PERCENT: frozenset({FactKind.NUMBER}),
    ValueKind.RANGE: frozenset({FactKind.NUMBER}),
    ValueKind.DATE: frozenset({FactKind.DATETIME, FactKind.DATE}),
    ValueKind.TIME: frozenset({FactKind.DATETIME, FactKind.TIME}),
    ValueKind.DATETIME: frozenset({FactKind.DATETIME, FactKind.DATE, FactKind.TIME}),
    ValueKind.URL: frozenset({FactKind.URL}),
    ValueKind.EMAIL: frozenset({FactKind.EMAIL}),
    ValueKind.PHONE: frozenset({FactKind.PHONE}),
}

#: The finding code of a disagreement, by fact kind.
_CODES = {
    FactKind.NUMBER: "CON001",
    FactKind.DATETIME: "CON002",
    FactKind.DATE: "CON002",
    FactKind.TIME: "CON002",
    FactKind.URL: "CON003",
    FactKind.EMAIL: "CON004",
    FactKind.PHONE: "CON004",
}

#: How far (in characters) a cue may stand from its value.
_CUE_REACH = 40
_SENTENCE_END = frozenset(".!?;\n")
_STATUS = "status"
#: Words after which a number names a text or an item, not a quantity.
_REFERENCE_WORDS = frozenset(
    {"article", "articles", "art", "artículo", "artikel", "section", "chapitre", "chapter",
     "kapitel", "capítulo", "paragraphe", "paragraph", "absatz", "alinéa", "n", "no", "nr",
     "núm", "numéro", "number", "nummer", "número", "version", "v"}
)  # fmt: skip

#: Homoglyphs people (and attackers) put in domains: what each looks like.
_LOOKS_LIKE = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "і": "i",
        "ӏ": "l",
        "0": "o",
        "1": "l",
        "ı": "i",
        "-": "",
        "_": "",
    }
)


def _family(kind: ValueKind) -> str:
    if kind.is_number:
        return "number"
    if kind.is_temporal:
        return "time"
    return kind.value


_FAMILY = {kind: _family(kind) for kind in ValueKind}
_CONTACT_KINDS = frozenset({ValueKind.URL, ValueKind.EMAIL, ValueKind.PHONE})
_CLOCK_KINDS = frozenset({ValueKind.TIME, ValueKind.DATETIME})


# -- reading the inputs ---------------------------------------------------------------


@attrs.frozen
class _Spec:
    name: str
    kind: FactKind
    cues: Mapping[str, tuple[str, ...]]
    required: bool = False
    required_in: tuple[Phase, ...] = ()


def _inferred_kind(value: FactValue) -> FactKind:
    """The kind of a fact the plan does not describe, from its value."""
    if isinstance(value, datetime):
        return FactKind.DATETIME
    if isinstance(value, date):
        return FactKind.DATE
    if isinstance(value, time):
        return FactKind.TIME
    if isinstance(value, int | float | Decimal):
        return FactKind.NUMBER
    text = value.strip()
    if text.lower().startswith(("http://", "https://", "www.")):
        return FactKind.URL
    if "@" in text and " " not in text:
        return FactKind.EMAIL
    if normalize_phone(text) is not None and text.lstrip("+(").replace(" ", "")[:1].isdigit():
        return FactKind.PHONE
    return FactKind.TEXT


def _specs(plan: Plan | None, facts: Mapping[str, FactValue]) -> list[_Spec]:
    specs: list[_Spec] = []
    known: set[str] = set()
    if plan is not None:
        for spec in plan.facts:
            specs.append(
                _Spec(spec.name, spec.kind, spec.cues, spec.required, tuple(spec.required_in))
            )
            known.add(spec.name)
    specs.extend(
        _Spec(name, _inferred_kind(value), {})
        for name, value in facts.items()
        if name not in known
    )
    return specs


def _checked_facts(facts: object) -> dict[str, FactValue]:
    if facts is None:
        return {}
    if not isinstance(facts, Mapping):
        raise InputError.for_argument("facts", "a mapping of fact names to values, or None", facts)
    checked: dict[str, FactValue] = {}
    for name, value in facts.items():
        if not isinstance(name, str):
            raise InputError.for_argument("facts", "fact names as str", name)
        try:
            checked[name] = decode_fact(name, value)
        except ValueError as error:
            raise InputError.for_argument(
                f"facts[{name!r}]", "a fact value", value, hint=str(error)
            ) from None
    return checked


def _checked_messages(messages: object) -> list[Message]:
    if isinstance(messages, str | bytes) or not isinstance(messages, Iterable):
        raise InputError.for_argument("messages", "an iterable of crisiscomms.Message", messages)
    result = list(messages)
    for index, message in enumerate(result):
        if not isinstance(message, Message):
            raise InputError.for_argument(
                f"messages[{index}]",
                "a crisiscomms.Message",
                message,
                hint="build one with Message(text, channel=..., locale=...)",
            )
    return result


def _zone_name(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        zone_tzinfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InputError.for_argument(
            what, "an IANA time zone name such as 'Europe/Paris'", value
        ) from None
    return value


@attrs.define
class _Read:
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
    zone = _zone_name(message.timezone, "message.timezone")
    if zone is not None or plan is None:
        return zone
    if message.stakeholder is not None and message.stakeholder in stakeholders:
        return plan.stakeholder_timezone(message.stakeholder)
    return None


_Extracted = tuple[ExtractedValue, ...]


class _Extractions:
    """Extraction, remembered: a set is checked again after each edit of one message.

    The `maxsize` texts used last are kept, as ``functools.lru_cache`` keeps
    them; the texts not kept are read together with `extract_each`.
    """

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._kept: OrderedDict[tuple[str, str, date | None], _Extracted] = OrderedDict()
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
                    self._kept[key] = found[key]
                    self._kept.move_to_end(key)
                while len(self._kept) > self.maxsize:
                    self._kept.popitem(last=False)
        return [found[key] for key in keys]

    def cache_clear(self) -> None:
        """Forget every text read."""
        with self._lock:
            self._kept.clear()


_extract = _Extractions(maxsize=4096)


def _labels(messages: Sequence[Message]) -> list[str]:
    labels = [m.label or f"message {i + 1}" for i, m in enumerate(messages)]
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return [f"{label} #{i + 1}" if counts[label] > 1 else label for i, label in enumerate(labels)]


def _reference_date(facts: Mapping[str, FactValue]) -> date | None:
    days = [v.date() if isinstance(v, datetime) else v for v in facts.values()]
    dated = [d for d in days if isinstance(d, date)]
    return min(dated) if dated else None


# -- tying values to facts ------------------------------------------------------------


def _gap(value: ExtractedValue, cue: tuple[int, int]) -> tuple[int, int] | None:
    """The characters between a value and a cue, if the cue is before or after it."""
    if cue[1] <= value.span[0]:
        return cue[1], value.span[0]
    if cue[0] >= value.span[1]:
        return value.span[1], cue[0]
    return None


def _skeleton(host: str) -> str:
    host = host.casefold().removeprefix("www.")
    with contextlib.suppress(UnicodeError):
        host = host.encode("ascii").decode("idna") if "xn--" in host else host
    return host.replace("rn", "m").translate(_LOOKS_LIKE).replace(".", "")


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, for short host names."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@functools.lru_cache(maxsize=1024)
def _same_site(url: str, other: str) -> bool:
    """True when two links are on the same site or on look-alike sites."""
    a, b = _skeleton(_host(url)), _skeleton(_host(other))
    shorter, longer = sorted((a, b), key=len)
    # "lumea.fr.example.com" and "lumea-fr.com" carry the real name inside a longer one.
    return (len(shorter) >= 5 and shorter in longer) or _distance(a, b) <= 2


def _same_phone(a: str, b: str) -> bool:
    if a == b:
        return True
    international, national = (a, b) if a.startswith("+") else (b, a)
    return (
        international.startswith("+")
        and national.startswith("0")
        and not national.startswith("00")
        and international.endswith(national[1:])
        and len(international) - len(national) in {1, 2, 3}
    )


class _Checker:
    """One run of check_consistency."""

    def __init__(
        self, messages: list[Message], facts: dict[str, FactValue], plan: Plan | None
    ) -> None:
        self.facts = facts
        self.plan = plan
        self.specs = _specs(plan, facts)
        self.by_name = {spec.name: spec for spec in self.specs}
        self.reference = _reference_date(facts)
        self.sender_zone = plan.timezone if plan is not None else None
        self.stakeholder_ids = frozenset(s.id for s in plan.stakeholders) if plan else frozenset()
        self.template_ids = frozenset(t.id for t in plan.templates) if plan else frozenset()
        self.public: dict[str, bool] = {}
        self.cues_by_language: dict[str, list[tuple[str, list[_Spec]]]] = {}
        self.specs_by_kind = {
            kind: [spec for spec in self.specs if spec.kind in kinds]
            for kind, kinds in _COMPATIBLE.items()
        }
        labels = _labels(messages)
        locales = []
        audiences = []
        for message in messages:
            locales.append(supported_locale(message.locale))
            audiences.append(_audience_zone(message, plan, self.stakeholder_ids))
        # All texts at once: the ones not remembered are read together, which is faster.
        values = _extract.many(
            [(m.text, locale) for m, locale in zip(messages, locales, strict=True)],
            self.reference,
        )
        self.reads = [
            _Read(
                index,
                labels[index],
                message,
                locales[index].split("_")[0],
                audiences[index],
                audiences[index] or self.sender_zone,
                values[index],
            )
            for index, message in enumerate(messages)
        ]
        self.first_date = next(
            (d for read in self.reads if (d := self._stated_date(read)) is not None), None
        )
        self.findings: list[tuple[int, int, str, Finding]] = []
        self.rows: list[tuple[_Read, ExtractedValue, str | None]] = []
        self.agreement: dict[tuple[int, tuple[int, int]], bool] = {}
        self.missing_facts: list[tuple[str, str]] = []
        self.link_groups: list[tuple[str, str]] = []

    # -- tying ------------------------------------------------------------------------

    def _cues_of(self, language: str) -> list[tuple[str, list[_Spec]]]:
        """The cues of `language` in lower case, each with its facts (gathered once)."""
        if language not in self.cues_by_language:
            by_cue: dict[str, list[_Spec]] = {}
            for spec in self.specs:
                for cue in spec.cues.get(language, ()):
                    # Composed and decomposed accents: posts are typed both ways.
                    for form in {unicodedata.normalize(f, cue.lower()) for f in ("NFC", "NFD")}:
                        by_cue.setdefault(form, []).append(spec)
            self.cues_by_language[language] = list(by_cue.items())
        return self.cues_by_language[language]

    def tie(self, read: _Read) -> None:
        text = read.message.text
        candidates = [v for v in read.values if v.kind in _COMPATIBLE]
        if not candidates:
            return
        cues: list[tuple[_Spec, tuple[int, int]]] = []
        words = self._cues_of(read.language)
        if words:
            folded = _lower(text)
            length = len(folded)
            for word, specs in words:
                start = folded.find(word)
                while start != -1:
                    end = start + len(word)
                    if not (start and _is_word(folded[start - 1])) and not (
                        end < length and _is_word(folded[end])
                    ):
                        span = (start, end)
                        cues.extend([(spec, span) for spec in specs])
                    start = folded.find(word, start + 1)
        for position, value in enumerate(read.values):
            if value.kind not in _COMPATIBLE:
                continue
            name = (self._by_cue(read, value, cues, candidates) if cues else None) or (
                self._by_kind(read, value)
            )
            if name is not None:
                read.ties[position] = name

    def _by_cue(
        self,
        read: _Read,
        value: ExtractedValue,
        cues: list[tuple[_Spec, tuple[int, int]]],
        candidates: list[ExtractedValue],
    ) -> str | None:
        text = read.message.text
        family = _FAMILY[value.kind]
        compatible = _COMPATIBLE[value.kind]
        # Where the other values of the family start: a cue with one of them in between
        # is theirs. Gathered once per value, not once per cue.
        others = [
            other.span[0]
            for other in candidates
            if other is not value and _FAMILY[other.kind] == family
        ]
        nearest: list[_Spec] = []
        shortest = _CUE_REACH + 1
        for spec, cue in cues:
            if spec.kind not in compatible:
                continue
            gap = _gap(value, cue)
            if gap is None:
                continue
            low, high = gap
            if high - low > shortest:
                continue
            if not _SENTENCE_END.isdisjoint(text[low:high].rstrip(" :")):
                continue
            if any(low <= start < high for start in others):
                continue
            if high - low < shortest:
                shortest, nearest = high - low, []
            nearest.append(spec)
        if len(nearest) <= 1:
            return nearest[0].name if nearest else None
        # Cues at the same distance ("depuis" for two facts): the fact the value states,
        # else a fact the sheet holds, else the first in the plan.
        return min(
            nearest,
            key=lambda spec: (
                0 if self._agrees(read, value, spec) else 1 if spec.name in self.facts else 2
            ),
        ).name

    def _by_kind(self, read: _Read, value: ExtractedValue) -> str | None:
        specs = self.specs_by_kind[value.kind]
        if value.kind in _CONTACT_KINDS:
            if len(specs) != 1:
                return next((s.name for s in specs if self._agrees(read, value, s)), None)
            spec = specs[0]
            held = self.facts.get(spec.name)
            if value.kind is ValueKind.URL and isinstance(held, str):
                return spec.name if _same_site(str(value.value), _fact_url(held)) else None
            return spec.name
        return next((s.name for s in specs if self._agrees(read, value, s)), None)

    # -- comparing ----------------------------------------------------------------------

    def _stated_date(self, read: _Read) -> date | None:
        for value in read.values:
            if value.kind is ValueKind.DATE and isinstance(value.value, date):
                return value.value
            if value.kind is ValueKind.DATETIME and isinstance(value.value, datetime):
                return value.value.date()
        return None

    def _zone_of(self, read: _Read, value: ExtractedValue, held: object) -> tzinfo | None:
        if value.zone is not None:
            return zone_tzinfo(value.zone)
        if read.zone is not None:
            return zone_tzinfo(read.zone)
        if isinstance(held, datetime):
            return held.tzinfo
        return None

    def _day(self, read: _Read, zone: tzinfo | None, held: object) -> date | None:
        if isinstance(held, datetime):
            return held.astimezone(zone).date()
        return self.reference or self._stated_date(read) or self.first_date

    def canonical(self, read: _Read, value: ExtractedValue, held: object = None) -> object:
        """A value that compares equal for equal statements (instants for times)."""
        content = value.value
        if value.kind is ValueKind.DATETIME:
            assert isinstance(content, datetime)
            if content.tzinfo is None:
                zone = self._zone_of(read, value, held)
                return content if zone is None else content.replace(tzinfo=zone)
            return content
        if value.kind is ValueKind.TIME:
            assert isinstance(content, time)
            zone = self._zone_of(read, value, held)
            day = self._day(read, zone, held)
            if day is None:
                if zone is None or not isinstance(zone, ZoneInfo):
                    offset = zone.utcoffset(None) if zone is not None else None
                    return ("clock", content, offset)
                return ("clock", content, zone)
            moment = datetime.combine(day, content)
            return moment if zone is None else moment.replace(tzinfo=zone)
        return content

    def _agrees(self, read: _Read, value: ExtractedValue, spec: _Spec) -> bool:
        held = self.facts.get(spec.name)
        if held is None:
            return False
        return self.same(spec.kind, read, value, held) is not False

    def same(
        self, kind: FactKind, read: _Read, value: ExtractedValue, held: object
    ) -> bool | None:
        """Whether `value` states `held`; None when they cannot be compared."""
        content = value.value
        if kind is FactKind.NUMBER:
            if not isinstance(held, int | float | Decimal):
                return None
            number = Decimal(str(held)) if isinstance(held, float) else Decimal(held)
            if value.kind is ValueKind.RANGE:
                assert isinstance(content, tuple)
                return content[0] <= number <= content[1]
            return content == number
        if kind is FactKind.URL:
            return isinstance(held, str) and content == _fact_url(held)
        if kind is FactKind.EMAIL:
            return isinstance(held, str) and content == held.strip().lower()
        if kind is FactKind.PHONE:
            phone = _fact_phone(held) if isinstance(held, str) else None
            return phone is not None and _same_phone(str(content), phone)
        return self._same_time(read, value, held)

    def _same_time(self, read: _Read, value: ExtractedValue, held: object) -> bool | None:
        content = value.value
        if isinstance(held, datetime):
            if value.kind is ValueKind.DATE:
                assert isinstance(content, date)  # the facts give a reference year
                return held.astimezone(self._zone_of(read, value, held)).date() == content
            # A datetime fact gives the day and the zone: the statement is an instant.
            stated = self.canonical(read, value, held)
            assert isinstance(stated, datetime)
            return _same_instant(stated, held)
        if isinstance(held, date):
            if isinstance(content, datetime):
                return content.date() == held
            return content == held if isinstance(content, date) else None
        if isinstance(held, time):
            # A time fact is stated by a time or a date-time (never by a date alone).
            clock = content.time() if isinstance(content, datetime) else content
            return clock == held.replace(tzinfo=None)
        return None

    def same_statements(
        self,
        kind: FactKind | None,
        a: tuple[_Read, ExtractedValue],
        b: tuple[_Read, ExtractedValue],
    ) -> bool | None:
        """Whether two statements say the same; None when they cannot be compared."""
        (read_a, value_a), (read_b, value_b) = a, b
        if kind is FactKind.PHONE or value_a.kind is ValueKind.PHONE:
            return _same_phone(str(value_a.value), str(value_b.value))
        if value_a.kind.is_temporal and value_b.kind.is_temporal:
            x, y = self.canonical(read_a, value_a), self.canonical(read_b, value_b)
            if isinstance(x, datetime) and isinstance(y, datetime):
                if (x.tzinfo is None) != (y.tzinfo is None):
                    return None  # a wall-clock time and an instant: no zone to compare in
                return x == y if x.tzinfo is None else _same_instant(x, y)
            if type(x) is not type(y):
                return None
            if isinstance(x, tuple) and isinstance(y, tuple) and x[2] != y[2]:
                both_fixed = isinstance(x[2], timedelta) and isinstance(y[2], timedelta)
                if not both_fixed:
                    return None
                shift = y[2] - x[2]
                moved = datetime.combine(date(2000, 1, 3), x[1]) + shift
                return bool(moved.time() == y[1])
            return bool(x == y)
        if value_a.kind != value_b.kind:
            return None
        return value_a.value == value_b.value

    # -- findings -----------------------------------------------------------------------

    def add(self, read: _Read, span: tuple[int, int] | None, code: str, text: str) -> None:
        level = Level.WARNING if code in {"CON007", "CON008"} else Level.ERROR
        finding = Finding(code, level, text, subject=read.label, span=span)
        self.findings.append((read.index, span[0] if span else -1, code, finding))

    def compare_with_facts(self, name: str, stated: list[tuple[_Read, ExtractedValue]]) -> None:
        spec = self.by_name[name]
        held = self.facts[name]
        verdicts = [self.same(spec.kind, read, value, held) for read, value in stated]
        agreeing = next((s for s, v in zip(stated, verdicts, strict=True) if v), None)
        for (read, value), verdict in zip(stated, verdicts, strict=True):
            if verdict is None:
                continue
            self.agreement[(read.index, value.span)] = verdict
            if verdict:
                continue
            also = (
                f" (as {agreeing[0].label} says: '{agreeing[1].text}')"
                if agreeing is not None
                else ""
            )
            self.add(
                read,
                value.span,
                _CODES[spec.kind],
                f"{read.label} says '{value.text}'{self._read_as(read, value, held)} for {name}"
                f" at {value.span[0]}-{value.span[1]}, but the facts hold"
                f" {show_value(held)}{also}; correct the message",
            )

    def compare_with_each_other(
        self, name: str, kind: FactKind | None, stated: list[tuple[_Read, ExtractedValue]]
    ) -> None:
        clusters: list[list[tuple[_Read, ExtractedValue]]] = []
        for statement in stated:
            for cluster in clusters:
                if self.same_statements(kind, cluster[0], statement) is not False:
                    cluster.append(statement)
                    break
            else:
                clusters.append([statement])
        if len(clusters) < 2:
            for read, value in stated:
                if len(stated) > 1:
                    self.agreement[(read.index, value.span)] = True
            return
        main = max(clusters, key=len)
        (main_read, main_value) = main[0]
        for read, value in main:
            self.agreement[(read.index, value.span)] = True
        code = _CODES.get(kind) if kind is not None else None
        for cluster in clusters:
            if cluster is main:
                continue
            for read, value in cluster:
                self.agreement[(read.index, value.span)] = False
                self.add(
                    read,
                    value.span,
                    code or _code_of_value(value.kind),
                    f"{read.label} says '{value.text}'{self._read_as(read, value)} for {name}"
                    f" at {value.span[0]}-{value.span[1]}, but {main_read.label} says"
                    f" '{main_value.text}'{self._read_as(main_read, main_value)} at"
                    f" {main_value.span[0]}-{main_value.span[1]}; the facts do not give"
                    f" {name}: settle which is right and correct the other",
                )

    def _read_as(self, read: _Read, value: ExtractedValue, held: object = None) -> str:
        """How a time was understood, when that is not obvious from its text."""
        if not value.kind.is_temporal:
            return ""
        stated = self.canonical(read, value, held)
        if isinstance(stated, datetime) and stated.tzinfo is not None:
            return f" (read as {show_value(stated)})"
        return ""

    def zone_warnings(self, read: _Read) -> None:
        audience = read.audience
        if audience is None or self.sender_zone is None:
            return
        day: date | None = None
        for value in read.values:
            if value.kind not in _CLOCK_KINDS or value.zone is not None:
                continue
            if day is None:
                day = self._stated_date(read) or self.reference
            samples = [day] if day is not None else [date(2026, 1, 15), date(2026, 7, 15)]
            if any(
                _offset(audience, sample) != _offset(self.sender_zone, sample)
                for sample in samples
            ):
                self.add(
                    read,
                    value.span,
                    "CON008",
                    f"{read.label} gives '{value.text}' without a zone to readers in"
                    f" {audience}, while the plan keeps its times in {self.sender_zone};"
                    " name the zone (e.g. 'CET', 'heure de Paris') so no one reads it in theirs",
                )

    def missing(self, read: _Read) -> None:
        plan = self.plan
        if plan is None:
            return
        channel = read.message.channel
        if channel not in self.public:
            self.public[channel] = _is_public(plan, channel)
        if not self.public[channel]:
            return
        phase = None
        template_id = read.message.template_id
        if template_id is not None and template_id in self.template_ids:
            phase = plan.template(template_id).phase
        stated = set(read.ties.values())
        for spec in self.specs:
            if not spec.required or (phase is not None and phase not in spec.required_in):
                continue
            if spec.name in stated:
                continue
            held = self.facts.get(spec.name)
            if spec.kind is FactKind.TEXT and (
                not isinstance(held, str) or held.casefold() in read.message.text.casefold()
            ):
                continue
            self.missing_facts.append((read.label, spec.name))
            shown = f"; the facts hold {show_value(held)}" if held is not None else ""
            where = f" in the {phase.value} phase" if phase is not None else ""
            self.add(
                read,
                None,
                "CON005",
                f"{read.label} is public but does not state '{spec.name}', which every public"
                f" message must give{where}{shown}; add it",
            )

    def statuses(self) -> None:
        stated: list[tuple[_Read, ExtractedValue]] = []
        for read in self.reads:
            words = [v for v in read.values if v.kind is ValueKind.STATUS]
            if words:
                top = max(words, key=lambda v: STAGES.index(str(v.value)))
                stated.append((read, top))
                self.rows.extend((read, word, _STATUS) for word in words)
        if not stated:
            return
        held = self.facts.get(_STATUS)
        if isinstance(held, str) and held.strip().casefold() in STAGES:
            reference: str | None = held.strip().casefold()
            source = "the facts hold"
        else:
            reference, source = None, ""
        if reference is None:
            counts: dict[str, int] = {}
            for _, value in stated:
                counts[str(value.value)] = counts.get(str(value.value), 0) + 1
            reference = max(counts, key=lambda stage: counts[stage])
        example = next(((r, v) for r, v in stated if v.value == reference), None)
        for read, value in stated:
            agrees = value.value == reference
            if source or len(stated) > 1:
                self.agreement[(read.index, value.span)] = agrees
            if agrees:
                continue
            if source:
                other = f"the facts hold {reference!r}"
            else:
                assert example is not None
                other = f"{example[0].label} says '{example[1].text}' ({reference})"
            self.add(
                read,
                value.span,
                "CON006",
                f"{read.label} says '{value.text}' ({value.value}) at"
                f" {value.span[0]}-{value.span[1]}, but {other}; give every channel the same"
                " status",
            )

    def run(self) -> ConsistencyReport:
        by_fact: dict[str, list[tuple[_Read, ExtractedValue]]] = {}
        # Each step over every message before the next: the code of a step stays warm.
        for read in self.reads:
            self.tie(read)
        for read in self.reads:
            for position, value in enumerate(read.values):
                if value.kind not in _COMPATIBLE:
                    continue
                name = read.ties.get(position)
                if name is None and _names_a_text(read.message.text, value):
                    continue  # "article 33 du RGPD" names a text: it claims nothing
                if name is None:
                    name = self._group(read, value)
                    if name is None or self.specs:
                        self._unmatched(read, value)
                if name is not None:
                    by_fact.setdefault(name, []).append((read, value))
                self.rows.append((read, value, name))
        for name, stated in by_fact.items():
            spec = self.by_name.get(name)
            if spec is not None and name in self.facts:
                self.compare_with_facts(name, stated)
            else:
                self.compare_with_each_other(name, spec.kind if spec else None, stated)
        self.statuses()
        for read in self.reads:
            self.zone_warnings(read)
            self.missing(read)
        return self.report()

    def _group(self, read: _Read, value: ExtractedValue) -> str | None:
        """The word next to a value that no fact claims: its group among the messages."""
        if value.kind is ValueKind.URL:
            # Links on one site, or on look-alikes of it, are one group.
            url = str(value.value)
            for representative, name in self.link_groups:
                if _same_site(url, representative):
                    return name
            name = f"link {_host(url)}"
            self.link_groups.append((url, name))
            return name
        if value.kind in {ValueKind.EMAIL, ValueKind.PHONE}:
            return value.kind.value
        text = read.message.text
        after = _first_word(text[value.span[1] : value.span[1] + 30])
        before = _last_word(text[max(0, value.span[0] - 30) : value.span[0]])
        word = (after or before) if value.kind.is_number else (before or after)
        if word is None:
            return None
        return f"“{word}”"

    def _unmatched(self, read: _Read, value: ExtractedValue) -> None:
        if value.kind in {ValueKind.EMAIL, ValueKind.PHONE} or not self.specs:
            return
        what = {"number": "number", "time": "date or time"}.get(_family(value.kind), "link")
        self.add(
            read,
            value.span,
            "CON007",
            f"{read.label} states the {what} '{value.text}' at {value.span[0]}-{value.span[1]},"
            " which matches no fact; check it, then add it to the facts or remove it",
        )

    def report(self) -> ConsistencyReport:
        self.findings.sort(key=lambda item: item[:3])
        order: dict[str, int] = {spec.name: i for i, spec in enumerate(self.specs)}
        rows = []
        names: list[str] = []
        for read, value, name in self.rows:
            held = self.facts.get(name) if name is not None else None
            rows.append(
                StatedFact(
                    read.label,
                    name,
                    value.kind,
                    value.value,
                    value.text,
                    value.span,
                    held,
                    self.agreement.get((read.index, value.span)),
                )
            )
            if name is not None and name not in names:
                names.append(name)
        names.extend(name for _, name in self.missing_facts if name not in names)
        names.sort(key=lambda n: (order.get(n, len(order)), n == _STATUS))
        index = {read.label: read.index for read in self.reads}
        rows.sort(key=lambda r: (index[r.message], r.span))
        return ConsistencyReport(
            findings=tuple(item[3] for item in self.findings),
            facts_seen=tuple(rows),
            messages=tuple(read.label for read in self.reads),
            facts=tuple(names),
            expected=tuple((n, self.facts[n]) for n in names if n in self.facts),
            missing=tuple(self.missing_facts),
        )


_LETTERS = lazy_re(r"[^\W\d_]+")


def _first_word(text: str) -> str | None:
    """The first word of `text`, unless a sentence ends before it."""
    for word in text.split():
        runs = _LETTERS.findall(word)
        if runs:
            return str(runs[0]).casefold()
        if not _SENTENCE_END.isdisjoint(word):
            return None
    return None


def _last_word(text: str) -> str | None:
    """The last word of `text` ("l’article 33" gives "article")."""
    for word in reversed(text.split()):
        runs = _LETTERS.findall(word)
        if runs:
            return str(runs[-1]).casefold()
        if not _SENTENCE_END.isdisjoint(word):
            return None
    return None


def _names_a_text(text: str, value: ExtractedValue) -> bool:
    """True for a number right after "article", "§", "n°"...: a reference, not a quantity."""
    if value.kind is not ValueKind.NUMBER:
        return False
    before = text[max(0, value.span[0] - 16) : value.span[0]]
    return _last_word(before) in _REFERENCE_WORDS or before.rstrip().endswith("§")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _lower(text: str) -> str:
    """`text` in lower case, character for character (so offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _same_instant(a: datetime, b: datetime) -> bool:
    """Aware datetimes as instants: ``==`` across zones is False at an ambiguous hour."""
    return a.astimezone(UTC) == b.astimezone(UTC)


@functools.lru_cache(maxsize=256)
def _fact_url(held: str) -> str:
    return normalize_url(held.strip())


@functools.lru_cache(maxsize=256)
def _fact_phone(held: str) -> str | None:
    return normalize_phone(held)


@functools.lru_cache(maxsize=1024)
def _offset(zone: str, day: date) -> timedelta | None:
    return datetime.combine(day, time(12), zone_tzinfo(zone)).utcoffset()


def _code_of_value(kind: ValueKind) -> str:
    if kind.is_number:
        return "CON001"
    if kind.is_temporal:
        return "CON002"
    if kind is ValueKind.URL:
        return "CON003"
    return "CON004"


def _is_public(plan: Plan, channel: str) -> bool:
    if channel in {c.id for c in plan.channels}:
        return plan.channel(channel).audience is Audience.PUBLIC
    audiences = {c.audience for c in plan.channels if c.platform.value == channel}
    if audiences:
        return Audience.PUBLIC in audiences
    return channel in {p.value for p in Platform}


def check_consistency(
    messages: Iterable[Message],
    /,
    *,
    facts: Mapping[str, object] | None = None,
    plan: Plan | None = None,
) -> ConsistencyReport:
    """Find where a set of messages disagrees, with itself or with the facts.

    Each message is read in its own locale (numbers, dates, times with their
    zone, links, contacts, status words), each value is tied to a fact of
    the plan by the cue next to it, and the values of one fact are compared
    after time zones. The codes (``docs/findings.md``): ``CON001`` numbers,
    ``CON002`` instants, ``CON003`` links, ``CON004`` contacts, ``CON005`` a
    required fact missing from a public message, ``CON006`` status words,
    ``CON007`` a value that matches no fact (warning), ``CON008`` a time
    without a zone for readers in another zone (warning). How values are
    tied and compared, and the limits of it, are in the explanation page
    "How consistency is decided".

    Args:
        messages: the messages to check together (`Message`).
        facts: the facts they should state (a situation's ``facts``): each
            finding then says which value the facts hold.
        plan: the plan, for the facts' cues, kinds and requirements, the
            channels' audiences, the templates' phases and the time zones.

    Returns:
        A `ConsistencyReport`; an empty set gives an empty, ok report.

    Raises:
        UnsupportedLocaleError: when a message's locale is not supported.
        InputError: when an argument has the wrong shape.

    >>> from crisiscomms import Message
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> report = check_consistency(
    ...     [
    ...         Message("12 000 clients concernés. Suivi : https://status.lumea.fr/incident/2411",
    ...                 channel="x-fr", locale="fr_FR"),
    ...         Message("15,000 customers affected. Updates: https://status.lumea.fr/incident/2411",
    ...                 channel="linkedin", locale="en_GB"),
    ...     ],
    ...     facts=demo_situation().facts,
    ...     plan=demo_plan(),
    ... )
    >>> report.ok
    False
    >>> print(report.findings[0])
    error CON001 [linkedin/en_GB]: linkedin/en_GB says '15,000' for affected_customers at 0-6, \
but the facts hold 12000 (as x-fr/fr_FR says: '12 000'); correct the message
    """
    checked = _checked_messages(messages)
    fact_values = _checked_facts(facts)
    if plan is not None and not isinstance(plan, Plan):
        raise InputError.for_argument("plan", "a crisiscomms.Plan or None", plan)
    return _Checker(checked, fact_values, plan).run()
