"""Worst-case length: every template on every channel it may be sent on, at its longest.

Each fact takes its widest value: text, link, e-mail and phone facts their
`FactSpec.max_length` (GSM-7 letters; a link on the plan's longest allowed
domain), numbers the widest integer of that many characters in the locale,
dates and times the longest form of their pattern in the locale over a
whole year (the longest month and weekday names, both sides of a daylight
saving change) in the plan's or channel's time zone. Facts without a
`max_length` take `DEFAULT_WIDTHS`.

The renders are bounded, never every combination of branches: each branch
of each plural or select argument is rendered once, with every other
argument at its widest value, so a template costs one render per branch
(one when it has none) per channel markup and time zone. On SMS every
render is measured (a shorter branch may force UCS-2 and cost more parts);
elsewhere the unit grows with the characters, so only the render with the
most characters is measured, once per channel. Before any of that, an upper
bound computed from the parsed text (`_bound`) clears the channels the
template cannot exceed, which is most of them: those are not rendered.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

import attrs
from babel import Locale
from babel.dates import DateTimeFormat

from crisiscomms._errors import CrisisCommsError
from crisiscomms._findings import Finding
from crisiscomms._lint._bound import Bound, bound_of, may_exceed
from crisiscomms._lint._branches import Branch, branches, literal_texts, widest_number
from crisiscomms._rendering import render
from crisiscomms.model._base import FactKind
from crisiscomms.model._elements import Channel, FactSpec, MessageTemplate
from crisiscomms.model._plan import Plan
from crisiscomms.text._formatting import Conventions, Fact, conventions_for
from crisiscomms.text._markup import Markup
from crisiscomms.text._measure import Measurement, measure, resolve_rule
from crisiscomms.text._messageformat import ParsedMessage
from crisiscomms.text._patterns import lazy_re
from crisiscomms.text._platforms import PlatformRule, Unit
from crisiscomms.text._sms import SmsEncoding, non_gsm_characters

__all__ = ["DEFAULT_WIDTHS", "Reach", "WorstCase", "template_channels"]

#: The width assumed for a fact without `max_length`, by kind (characters; for
#: numbers, of the formatted number).
DEFAULT_WIDTHS: Final[Mapping[FactKind, int]] = {
    FactKind.TEXT: 60,
    FactKind.URL: 60,
    FactKind.EMAIL: 50,
    FactKind.PHONE: 20,
    FactKind.NUMBER: 11,
}
_CLOCK_KINDS = frozenset({FactKind.DATETIME, FactKind.DATE, FactKind.TIME})


class Reach:
    """`template_channels` for one plan, remembered by scope: templates share their scopes."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._known: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[Channel, ...]] = {}

    def channels(self, template: MessageTemplate) -> tuple[Channel, ...]:
        """The channels `template` may be sent on (see `template_channels`)."""
        key = (template.channels, template.stakeholders)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = template_channels(self.plan, template)
        return found


def template_channels(plan: Plan, template: MessageTemplate) -> tuple[Channel, ...]:
    """The plan's channels `template` may be sent on, in plan order.

    Its `channels` scope (ids or platform names); when empty, the channels of
    the stakeholders it is scoped to (every stakeholder when that is empty).
    """
    if template.channels:
        wanted = set(template.channels)
        return tuple(c for c in plan.channels if c.id in wanted or c.platform.value in wanted)
    holders = set(template.stakeholders)
    ids = {
        channel
        for holder in plan.stakeholders
        if not holders or holder.id in holders
        for channel in holder.channels
    }
    return tuple(c for c in plan.channels if c.id in ids)


@functools.lru_cache(maxsize=512)
def _longest_instant(locale: str, zone: str, formats: frozenset[str]) -> datetime:
    """The instant of 2027 at 22:59 local time whose forms in `formats` are longest."""
    days = _days_of(zone)
    columns = [_widths(locale, zone, fmt) for fmt in formats]
    best, best_width = days[0], -1
    for day, candidate in enumerate(days):
        width = sum(column[day] for column in columns)
        if width > best_width:
            best, best_width = candidate, width
    return best


@functools.lru_cache(maxsize=64)
def _days_of(zone: str) -> tuple[datetime, ...]:
    """The 365 instants of 2027 at 22:59 local time in `zone`."""
    tz = ZoneInfo(zone)
    start = datetime(2027, 1, 1, 22, 59, tzinfo=tz)
    return tuple((start + timedelta(days=day)).replace(tzinfo=tz) for day in range(365))


@functools.lru_cache(maxsize=512)
def _widths(locale: str, zone: str, fmt: str) -> tuple[int, ...]:
    """The length of each of `_days_of(zone)` in one format ("date,long", "time,short").

    Formatted once per locale, zone and format: templates that show other sets
    of the same formats only add them up (formatting was a first lint's cost).
    """
    conventions = conventions_for(locale)
    tz = ZoneInfo(zone)
    kind, _, style = fmt.partition(",")
    if kind == "date":
        shared = _date_widths(conventions, style, _days_of(zone))
        if shared is not None:
            return shared
        return tuple(len(conventions.date(d, style, tz)) for d in _days_of(zone))
    if kind == "time":
        pattern = conventions.locale.time_formats.get(style)
        if pattern is not None:
            shared = _time_widths(
                pattern.format, _days_of(zone), lambda d: conventions.time(d, style, tz)
            )
            if shared is not None:
                return shared
        return tuple(len(conventions.time(d, style, tz)) for d in _days_of(zone))
    return tuple(len(conventions.datetime(d, "short", tz)) for d in _days_of(zone))


#: The fields of a CLDR time pattern that read only the time of day and the zone
#: (hours, minutes, seconds, day periods; zone names and offsets).
_TIME_FIELDS: Final = frozenset("hHkKmsSAabBzZvVOXx")
_FIELD: Final = lazy_re(r"%\((\w+)\)s")


def _time_widths(
    filled: str, days: tuple[datetime, ...], show: Callable[[datetime], str]
) -> tuple[int, ...] | None:
    """The width of each day's time, `show` called once per zone state; None for other fields.

    Every day is 22:59 local: a time of day made only of time and zone fields
    (`filled`, a babel pattern's ``%`` form) differs between days only by the
    offset, the daylight saving and the zone's name, so each of those is
    formatted once.
    """
    if not _TIME_FIELDS.issuperset(name[0] for name in _FIELD.findall(filled)):
        return None
    shown: dict[tuple[object, ...], int] = {}
    widths: list[int] = []
    for moment in days:
        key = (moment.utcoffset(), moment.dst(), moment.tzname())
        found = shown.get(key)
        if found is None:
            found = shown[key] = len(show(moment))
        widths.append(found)
    return tuple(widths)


#: The fields of a CLDR date pattern that each read one part of the day, and that part.
_DATE_PARTS: Final[Mapping[str, Callable[[date], int]]] = {
    "G": lambda day: day.year,
    "y": lambda day: day.year,
    "M": lambda day: day.month,
    "L": lambda day: day.month,
    "d": lambda day: day.day,
    "E": lambda day: day.weekday(),
}


def _date_widths(
    conventions: Conventions, style: str, days: tuple[datetime, ...]
) -> tuple[int, ...] | None:
    """The width of each day's date from its fields' widths; None for other fields.

    babel fills a pattern's fields into its literal text (``"%(d)s %(MMMM)s"``
    with ``%`` filling), so a date is as wide as the literal text and its
    fields together; each field here reads one part of the day (the weekday,
    the month), so it is formatted once per value of that part, not per day.
    """
    pattern = conventions.locale.date_formats.get(style)
    if pattern is None:
        return None
    return _widths_by_field(conventions.locale, pattern.format, days)


def _widths_by_field(
    locale: Locale, filled: str, days: tuple[datetime, ...]
) -> tuple[int, ...] | None:
    """`_date_widths` for one babel pattern's ``%`` form (`DateTimePattern.format`)."""
    names = _FIELD.findall(filled)
    if not all(name[0] in _DATE_PARTS for name in names):
        return None
    literal = len(_FIELD.sub("", filled).replace("%%", "%"))
    shown: dict[tuple[str, int], int] = {}
    widths: list[int] = []
    for moment in days:
        day = moment.date()
        width = literal
        for name in names:
            key = (name, _DATE_PARTS[name[0]](day))
            found = shown.get(key)
            if found is None:
                found = shown[key] = len(DateTimeFormat(day, locale)[name])
            width += found
        widths.append(width)
    return tuple(widths)


def _padded(prefix: str, width: int, suffix: str = "") -> str:
    return prefix + "x" * max(1, width - len(prefix) - len(suffix)) + suffix


@attrs.frozen
class _Worst:
    facts: dict[str, Fact]
    described: tuple[str, ...]
    branches: dict[str, list[Branch]]


class _Widths:
    """The widest value of each fact, and the PLN033/PLN034 findings met on the way."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.defaulted: dict[str, Finding] = {}
        self.values: dict[
            tuple[str, str, object],
            tuple[dict[str, Fact], tuple[str, ...], tuple[str, ...], int],
        ] = {}
        domains = sorted(plan.allowed_domains, key=len, reverse=True)
        self.domain = domains[0].strip().rstrip(".") if domains else "example.com"

    def width(self, spec: FactSpec) -> int:
        if spec.max_length is not None:
            return spec.max_length
        width = DEFAULT_WIDTHS[spec.kind]
        if spec.name not in self.defaulted:
            self.defaulted[spec.name] = Finding.of(
                "PLN033",
                f"fact {spec.name!r} ({spec.kind.value}) has no max_length: worst-case lengths"
                f" assume {width} characters; set max_length to the longest value it can take",
                subject=spec.name,
            )
        return width

    def worst(
        self, template: MessageTemplate, parsed: ParsedMessage, zone: str
    ) -> tuple[_Worst, list[str]]:
        locale = template.locale
        # Templates share their facts: the widest values are worked out once per set.
        key = (locale, zone, parsed._arguments)
        if key not in self.values:
            self.values[key] = self._values(locale, zone, parsed)
        base, described, unknown, width = self.values[key]
        facts = dict(base)
        found = branches(parsed.parts, locale, width)
        for name, listed in found.items():
            reachable = [b for b in listed if b.value is not None]
            if reachable and isinstance(reachable[0].value, str):
                facts[name] = reachable[0].value
        return _Worst(facts, described, found), list(unknown)

    def _values(
        self, locale: str, zone: str, parsed: ParsedMessage
    ) -> tuple[dict[str, Fact], tuple[str, ...], tuple[str, ...], int]:
        facts: dict[str, Fact] = {}
        described: list[str] = []
        unknown: list[str] = []
        numbers: dict[str, int] = {}
        for name, formats in parsed.arguments.items():
            spec = self.plan.fact(name) if self.plan.has_fact(name) else None
            if spec is None:
                unknown.append(name)
            kind = spec.kind if spec is not None else _kind_of(formats)
            if kind in _CLOCK_KINDS:
                facts[name] = _longest_instant(locale, zone, formats)
                described.append(f"{name} in its longest {locale} form")
            elif kind is FactKind.NUMBER:
                width = self.width(spec) if spec is not None else DEFAULT_WIDTHS[kind]
                numbers[name] = width
                facts[name] = widest_number(locale, width) or 0
                described.append(f"{name}={facts[name]}")
            else:
                width = self.width(spec) if spec is not None else DEFAULT_WIDTHS[FactKind.TEXT]
                facts[name] = self._text(kind, width)
                described.append(f"{name} at {width} characters")
        width = max(numbers.values(), default=DEFAULT_WIDTHS[FactKind.NUMBER])
        return facts, tuple(described), tuple(unknown), width

    def _text(self, kind: FactKind, width: int) -> str:
        if kind is FactKind.URL:
            return _padded(f"https://{self.domain}/", width)
        if kind is FactKind.EMAIL:
            return _padded("", width, f"@{self.domain}")
        if kind is FactKind.PHONE:
            return "+" + "9" * max(1, width - 1)
        return "x" * width


def _kind_of(formats: frozenset[str]) -> FactKind:
    kinds = {fmt.partition(",")[0] for fmt in formats}
    if kinds & {"date", "time"}:
        return FactKind.DATETIME
    if kinds & {"number", "plural", "selectordinal"}:
        return FactKind.NUMBER
    return FactKind.TEXT


@attrs.frozen
class _Render:
    label: str
    text: str


def _bound(
    template: MessageTemplate, parsed: ParsedMessage, worst: _Worst, zone: str, factor: int
) -> Bound | None:
    """The bound of the template at its worst, or None when a fact does not fit its format."""
    values: dict[str, tuple[Fact, ...]] = {}
    for name, value in worst.facts.items():
        listed = worst.branches.get(name, ())
        values[name] = (value, *(b.value for b in listed if b.value is not None))
    try:
        return bound_of(parsed.parts, values, locale=template.locale, zone=zone, factor=factor)
    except CrisisCommsError:
        return None  # rendering will say what does not fit (PLN034)


def _renders(
    template: MessageTemplate, worst: _Worst, channel: Channel, zone: str
) -> list[_Render]:
    """One render per reachable branch, every other argument at its first widest branch."""
    variants: list[tuple[str, dict[str, Fact]]] = []
    for name, listed in worst.branches.items():
        for branch in listed:
            if branch.value is None:
                continue
            facts = dict(worst.facts)
            facts[name] = branch.value
            variants.append((f"branch {branch.label!r} of {name!r}", facts))
    if not variants:
        variants.append(("", worst.facts))
    return [
        _Render(
            label, render(template, facts, locale=template.locale, timezone=zone, channel=channel)
        )
        for label, facts in variants
    ]


class WorstCase:
    """The worst-case length rules of one plan, applied template by template."""

    def __init__(self, plan: Plan, reach: Reach) -> None:
        self.plan = plan
        self.reach = reach
        self.widths = _Widths(plan)
        self.rules = {c.id: resolve_rule(c) for c in plan.channels}

    def findings(self, template: MessageTemplate, parsed: ParsedMessage) -> Iterator[Finding]:
        """PLN030 to PLN032 and PLN034 for `template` on every channel it may go to."""
        plan = self.plan
        channels = self.reach.channels(template)
        if not channels:
            return
        zones = dict.fromkeys(c.timezone or plan.timezone for c in channels)
        worsts: dict[str, _Worst] = {}
        unknown: list[str] = []
        for zone in zones:
            worsts[zone], unknown = self.widths.worst(template, parsed, zone)
        if unknown:
            yield Finding.of(
                "PLN034",
                f"the text names {', '.join(repr(n) for n in unknown)}, which the plan's facts"
                " do not specify: its worst case is guessed and consistency checks cannot tie"
                " it; add a FactSpec or fix the name",
                subject=template.id,
            )
        cache: dict[tuple[str, str], list[_Render]] = {}
        bounds: dict[tuple[str, int], Bound | None] = {}
        for channel in channels:
            zone = channel.timezone or plan.timezone
            worst = worsts[zone]
            rule = self.rules[channel.id]
            factor = 1 if channel.markup is Markup.PLAIN else 2
            if (zone, factor) not in bounds:
                bounds[zone, factor] = _bound(template, parsed, worst, zone, factor)
            bound = bounds[zone, factor]
            if bound is not None and not may_exceed(rule, bound):
                continue  # proved within every limit of the channel without rendering
            key = (zone, channel.markup.value)
            if key not in cache:
                try:
                    cache[key] = _renders(template, worst, channel, zone)
                except CrisisCommsError as error:
                    cache[key] = []
                    yield Finding.of(
                        "PLN034",
                        f"no worst case can be rendered: {error}; make the placeholders fit"
                        " the plan's facts",
                        subject=template.id,
                    )
            yield from _judge(
                template, parsed, channel, rule=rule, worst=worst, renders=cache[key]
            )

    def defaulted(self) -> Iterator[Finding]:
        """PLN033, once for each fact whose default width was used."""
        yield from self.widths.defaulted.values()


def _judge(
    template: MessageTemplate,
    parsed: ParsedMessage,
    channel: Channel,
    *,
    rule: PlatformRule,
    worst: _Worst,
    renders: list[_Render],
) -> Iterator[Finding]:
    if not renders:
        return
    if rule.unit is Unit.SEPTETS:
        # An SMS branch with fewer characters may cost more parts (UCS-2): measure each.
        measured = [(measure(r.text, rule), r) for r in renders]
        m, longest = max(measured, key=lambda pair: (pair[0].segments or 0, pair[0].length))
    else:
        # Elsewhere the unit grows with the characters: measure the longest branch only.
        longest = max(renders, key=lambda r: len(r.text))
        m = measure(longest.text, rule)
        measured = [(m, longest)]
    subject = f"{template.id}/{channel.id}"
    unit = m.unit.value.replace("_", " ")
    facts = ", ".join(worst.described) or "no facts"
    branch = f" ({longest.label})" if longest.label else ""
    over_bytes = (
        m.byte_limit is not None and m.byte_length is not None and m.byte_length > m.byte_limit
    )
    if m.over or over_bytes:
        if m.over:
            amount = f"{m.length} {unit} of {m.limit}: {m.over} over"
        else:
            amount = f"{m.byte_length} UTF-8 bytes of {m.byte_limit}"
        yield Finding.of(
            "PLN030",
            f"at its worst{branch} the message is {amount} on {channel.id}"
            f" ({channel.platform.value}), with {facts}; shorten the text or lower the facts'"
            " max_length",
            subject=subject,
        )
    elif m.over_recommended:
        if m.segments is not None:
            what = f"{m.segments} SMS parts ({m.length} {unit}; one part holds {m.recommended})"
        else:
            what = f"{m.length} {unit}, over the recommended {m.recommended}"
        yield Finding.of(
            "PLN031",
            f"at its worst{branch} the message is {what} on {channel.id}, with {facts};"
            " shorten it so that readers see all of it in one go",
            subject=subject,
        )
    if m.encoding is SmsEncoding.UCS_2:
        yield _ucs2(
            template, parsed, channel, segments=m.segments or 0, measured=measured, longest=longest
        )


def _ucs2(
    template: MessageTemplate,
    parsed: ParsedMessage,
    channel: Channel,
    *,
    segments: int,
    measured: list[tuple[Measurement, _Render]],
    longest: _Render,
) -> Finding:
    literal = "".join(t.value for t in literal_texts(parsed.parts))
    chars = dict.fromkeys(longest.text[p] for p in non_gsm_characters(longest.text))
    own = [c for c in chars if c in literal]
    from_facts = [c for c in chars if c not in literal]
    forcing = [r.label for mm, r in measured if mm.encoding is SmsEncoding.UCS_2 and r.label]
    some_gsm = any(mm.encoding is SmsEncoding.GSM_7 for mm, _ in measured)
    causes = []
    if own:
        where = f"the {', '.join(forcing)}" if some_gsm and forcing else "the template's text"
        causes.append(f"{where} holds {', '.join(repr(c) for c in own)}")
    if from_facts:
        causes.append(
            f"the {template.locale} formats of the facts put"
            f" {', '.join(repr(c) for c in from_facts)}"
        )
    return Finding.of(
        "PLN032",
        f"{' and '.join(causes)}, which force UCS-2: {segments} SMS part"
        f"{'s' if segments != 1 else ''} at worst on {channel.id}; use GSM-7 characters"
        " (straight quotes, no typographic spaces or dashes) to send about twice as much per"
        " part",
        subject=f"{template.id}/{channel.id}",
    )
