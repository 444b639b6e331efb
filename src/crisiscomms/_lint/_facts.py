"""Required facts and time zones: what every message of a template would be told off for.

A public template of a phase in a required fact's `required_in` that lacks
the fact's placeholder gets ``CON005`` on every message it produces; a time
without a zone sent to readers in another zone gets ``CON008``. Both are
known from the template alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

from crisiscomms._findings import Finding
from crisiscomms._lint._length import Reach
from crisiscomms.model._base import Audience, FactKind
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.model._plan import Plan
from crisiscomms.text._formatting import conventions_for
from crisiscomms.text._messageformat import ParsedMessage
from crisiscomms.text._zones import zone_tzinfo

__all__ = ["FactRules"]

# Two days on either side of daylight saving time: zones that differ on one of them differ.
_SAMPLES = (date(2026, 1, 15), date(2026, 7, 15))
_CLOCKS = frozenset({FactKind.DATETIME, FactKind.TIME})


def _offsets(zone: str) -> tuple[object, ...]:
    return tuple(
        datetime.combine(day, time(12), zone_tzinfo(zone)).utcoffset() for day in _SAMPLES
    )


def _zoneless_times(plan: Plan, template: MessageTemplate, parsed: ParsedMessage) -> list[str]:
    conventions = conventions_for(template.locale)
    names = []
    for name, formats in parsed.arguments.items():
        for fmt in formats:
            kind, _, style = fmt.partition(",")
            bare_clock = (
                kind == "string" and plan.has_fact(name) and plan.fact(name).kind in _CLOCKS
            )
            if (kind == "time" and not conventions.shows_zone(style)) or bare_clock:
                names.append(name)
                break
    return names


class FactRules:
    """PLN040 (a required fact missing) and PLN041 (a time without a zone), per template."""

    def __init__(self, plan: Plan, reach: Reach) -> None:
        self.plan = plan
        self.reach = reach
        self.required = [spec for spec in plan.facts if spec.required]
        self.plan_offsets = _offsets(plan.timezone)
        self.offsets = {h.id: _offsets(plan.stakeholder_timezone(h.id)) for h in plan.stakeholders}

    def findings(self, template: MessageTemplate, parsed: ParsedMessage) -> Iterator[Finding]:
        """The findings of one template."""
        plan, required, plan_offsets = self.plan, self.required, self.plan_offsets
        channels = self.reach.channels(template)
        public = any(c.audience is Audience.PUBLIC for c in channels)
        arguments = parsed.arguments
        if public:
            for spec in required:
                if template.phase in spec.required_in and spec.name not in arguments:
                    yield Finding.of(
                        "PLN040",
                        f"the template is public and of the {template.phase.value} phase, in"
                        f" which fact {spec.name!r} is required, but its text has no"
                        f" {{{spec.name}}}: every message it produces would get CON005; add"
                        " the placeholder",
                        subject=template.id,
                    )
        names = _zoneless_times(plan, template, parsed)
        if not names:
            return
        ids = {c.id for c in channels}
        readers = [
            holder.id
            for holder in plan.stakeholders
            if (not template.stakeholders or holder.id in template.stakeholders)
            and ids.intersection(holder.channels)
            and any(loc.split("_")[0] == template.language for loc in holder.locales)
            and self.offsets[holder.id] != plan_offsets
        ]
        if readers:
            zones = ", ".join(f"{r} ({plan.stakeholder_timezone(r)})" for r in readers)
            yield Finding.of(
                "PLN041",
                f"{', '.join(repr(n) for n in names)} {'is' if len(names) == 1 else 'are'}"
                f" shown without a zone to {zones}, while the plan keeps its times in"
                f" {plan.timezone}: every such message would get CON008; use a time style that"
                " shows the zone ('long' or 'full') or name the zone in the text",
                subject=template.id,
            )
