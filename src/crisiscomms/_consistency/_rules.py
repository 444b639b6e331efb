"""The CON rules: each adds its findings and marks which statements agree.

``CON001`` to ``CON004`` compare the values tied to one fact with the facts
(`Rules.compare_with_facts`) or, when the facts do not hold it, with each
other (`Rules.compare_with_each_other`, the largest group taken as right);
``CON005`` a required fact a public message does not state; ``CON006`` status
words; ``CON007`` a value that matches no fact; ``CON008`` a time without a
zone for readers in another zone. The codes are documented in
``docs/findings.md``.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta

from babel.dates import get_timezone_name

from crisiscomms._consistency._comparison import Comparison
from crisiscomms._consistency._inputs import Spec
from crisiscomms._consistency._reading import Read, stated_date
from crisiscomms._consistency._report import show_value
from crisiscomms._consistency._tying import FAMILY
from crisiscomms._errors import InputError
from crisiscomms._findings import Finding
from crisiscomms.model._base import Audience, FactKind
from crisiscomms.model._facts import FactValue
from crisiscomms.model._plan import Plan
from crisiscomms.text._extraction import ExtractedValue, ValueKind
from crisiscomms.text._platforms import Platform
from crisiscomms.text._status import STAGES, stage_of
from crisiscomms.text._zones import zone_tzinfo

__all__ = ["STATUS", "Rules"]

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
#: The fact the status words state.
STATUS = "status"
_CLOCK_KINDS = frozenset({ValueKind.TIME, ValueKind.DATETIME})

#: A statement: the message as read, and the value it states.
_Statement = tuple[Read, ExtractedValue]


def _code_of_value(kind: ValueKind) -> str:
    if kind.is_number:
        return "CON001"
    if kind.is_temporal:
        return "CON002"
    if kind is ValueKind.URL:
        return "CON003"
    return "CON004"


@functools.lru_cache(maxsize=1024)
def _offset(zone: str, day: date) -> timedelta | None:
    return datetime.combine(day, time(12), zone_tzinfo(zone)).utcoffset()


def _is_public(plan: Plan, channel: str) -> bool:
    if plan.has_channel(channel):
        return plan.channel(channel).audience is Audience.PUBLIC
    audiences = {c.audience for c in plan.channels if c.platform.value == channel}
    if audiences:
        return Audience.PUBLIC in audiences
    return channel in {p.value for p in Platform}


def _zone_example(zone: str, read: Read) -> str:
    """How the message's readers would name `zone`, in its language ("'CET'", "'MEZ'")."""
    return _zone_names(zone, read.message.locale)


@functools.lru_cache(maxsize=256)
def _zone_names(zone: str, locale: str) -> str:
    info = zone_tzinfo(zone)
    try:
        generic = get_timezone_name(info, "long", locale=locale, zone_variant="generic")
        short = get_timezone_name(datetime(2026, 1, 15, 12, tzinfo=info), "short", locale=locale)
    except (LookupError, ValueError, TypeError):  # pragma: no cover - CLDR names every zone
        return f"'{zone}'"
    names = [f"'{short}'"] if short and short[0].isalpha() else []
    names.append(f"'{generic}'")
    return ", ".join(names)


def _clusters_by_value(
    kind: FactKind | None, stated: list[_Statement]
) -> list[list[_Statement]] | None:
    """`Rules.clusters` when equal values are exactly what may be equal; else None.

    That holds for statements of one kind of value, neither a time nor a
    phone number, none with a bound: `Comparison.same_statements` then
    compares their values with ``==``.
    """
    if kind is FactKind.PHONE or not stated:
        return None
    first = stated[0][1].kind
    if first is ValueKind.PHONE or first.is_temporal:
        return None
    clusters: dict[object, list[_Statement]] = {}
    for statement in stated:
        value = statement[1]
        if value.kind is not first or value.bound is not None:
            return None
        try:
            clusters.setdefault(value.value, []).append(statement)
        except TypeError:  # pragma: no cover - every value read is hashable
            return None
    return list(clusters.values())


class Rules:
    """The rules of one run, with what they found.

    `findings` holds ``(message index, start, code, finding)``, `rows` each
    statement with the fact it states, `agreement` whether the statement at
    ``(message index, span)`` agrees, `missing_facts` ``(message, fact)``.
    """

    def __init__(
        self,
        facts: dict[str, FactValue],
        plan: Plan | None,
        specs: list[Spec],
        comparison: Comparison,
    ) -> None:
        self.facts = facts
        self.plan = plan
        self.specs = specs
        self.by_name = {spec.name: spec for spec in specs}
        self.comparison = comparison
        self.reference = comparison.reference
        self.sender_zone = plan.timezone if plan is not None else None
        self.template_ids = frozenset(t.id for t in plan.templates) if plan else frozenset()
        self.public: dict[str, bool] = {}
        self.findings: list[tuple[int, int, str, Finding]] = []
        self.rows: list[tuple[Read, ExtractedValue, str | None]] = []
        self.agreement: dict[tuple[int, tuple[int, int]], bool] = {}
        self.missing_facts: list[tuple[str, str]] = []

    def add(self, read: Read, span: tuple[int, int] | None, code: str, text: str) -> None:
        """Record a finding about `read` at `span`."""
        finding = Finding.of(code, text, subject=read.label, span=span)
        self.findings.append((read.index, span[0] if span else -1, code, finding))

    def compare_with_facts(self, name: str, stated: list[_Statement]) -> None:
        """CON001-CON004: each statement of `name` against the value the facts hold."""
        spec = self.by_name[name]
        held = self.facts[name]
        same = self.comparison.same
        verdicts = [same(spec.kind, read, value, held) for read, value in stated]
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
                f"{read.label} says '{value.text}'{self.comparison.read_as(read, value, held)}"
                f" for {name} at {value.span[0]}-{value.span[1]}, but the facts hold"
                f" {show_value(held)}{also}; correct the message",
            )

    def compare_with_each_other(
        self, name: str, kind: FactKind | None, stated: list[_Statement]
    ) -> None:
        """CON001-CON004 without facts: the statements outside the largest group of equals."""
        clusters = self.clusters(kind, stated)
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
        read_as = self.comparison.read_as
        for cluster in clusters:
            if cluster is main:
                continue
            for read, value in cluster:
                self.agreement[(read.index, value.span)] = False
                self.add(
                    read,
                    value.span,
                    code or _code_of_value(value.kind),
                    f"{read.label} says '{value.text}'{read_as(read, value)} for {name}"
                    f" at {value.span[0]}-{value.span[1]}, but {main_read.label} says"
                    f" '{main_value.text}'{read_as(main_read, main_value)} at"
                    f" {main_value.span[0]}-{main_value.span[1]}; the facts do not give"
                    f" {name}: settle which is right and correct the other",
                )

    def clusters(self, kind: FactKind | None, stated: list[_Statement]) -> list[list[_Statement]]:
        """The statements in groups: each joins the first group whose first it may equal.

        Values of one kind that only equality compares (links, numbers
        without a bound, words) are grouped by value, in linear time; the
        others (times, phone numbers, bounds, mixed kinds) one by one.
        """
        by_value = _clusters_by_value(kind, stated)
        if by_value is not None:
            return by_value
        return self.clusters_by_comparison(kind, stated)

    def clusters_by_comparison(
        self, kind: FactKind | None, stated: list[_Statement]
    ) -> list[list[_Statement]]:
        """`clusters`, comparing each statement with the first of every group so far."""
        clusters: list[list[_Statement]] = []
        for statement in stated:
            for cluster in clusters:
                if self.comparison.same_statements(kind, cluster[0], statement) is not False:
                    cluster.append(statement)
                    break
            else:
                clusters.append([statement])
        return clusters

    def zone_warnings(self, read: Read) -> None:
        """CON008: clock times without a zone, for readers whose offset is not the plan's."""
        audience = read.audience
        if audience is None or self.sender_zone is None:
            return
        day: date | None = None
        for value in read.values:
            if value.kind not in _CLOCK_KINDS or value.zone is not None:
                continue
            if day is None:
                day = stated_date(read) or self.reference
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
                    f" name the zone (e.g. {_zone_example(self.sender_zone, read)}) so no one"
                    " reads it in theirs",
                )

    def missing(self, read: Read) -> None:
        """CON005: the required facts (of its phase) a public message does not state."""
        plan = self.plan
        if plan is None:
            return
        channel = read.message.channel
        if channel not in self.public:
            self.public[channel] = _is_public(plan, channel)
        if not self.public[channel]:
            return
        # The message's own phase, else its template's (a hand-written post has none).
        phase = read.message.phase
        template_id = read.message.template_id
        if phase is None and template_id is not None and template_id in self.template_ids:
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

    def statuses(self, reads: list[Read]) -> None:
        """CON006: the highest status word of each message, against the facts or the most said."""
        stated: list[_Statement] = []
        for read in reads:
            words = [v for v in read.values if v.kind is ValueKind.STATUS]
            if words:
                top = max(words, key=lambda v: STAGES.index(str(v.value)))
                stated.append((read, top))
                self.rows.extend((read, word, STATUS) for word in words)
        if not stated:
            return
        held = self.facts.get(STATUS)
        reference: str | None = None
        source = ""
        if isinstance(held, str):
            # Read with the messages' own words: "investigando", "résolu", "behoben".
            reference = stage_of(held)
            if reference is None:
                raise InputError.for_value(
                    "facts['status']",
                    f"a status stage ({', '.join(STAGES)}) or a status word in en, fr, de or es",
                    held,
                )
            source = "the facts hold"
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

    def unmatched(self, read: Read, value: ExtractedValue) -> None:
        """CON007: a number, time or link that no fact claims, when the run knows facts."""
        if value.kind in {ValueKind.EMAIL, ValueKind.PHONE} or not self.specs:
            return
        what = {"number": "number", "time": "date or time"}.get(FAMILY[value.kind], "link")
        self.add(
            read,
            value.span,
            "CON007",
            f"{read.label} states the {what} '{value.text}' at {value.span[0]}-{value.span[1]},"
            " which matches no fact; check it, then add it to the facts or remove it",
        )
