"""Every demo template, rendered with the demo facts, measured on each channel it is for.

A template whose facts the demo crisis does not have (a recall's batch, an
outage's restoration time) is measured on its raw text instead, and says so.
Run it with ``python examples/lengths.py``.
"""

from __future__ import annotations

from crisiscomms import (
    Channel,
    MessageTemplate,
    MissingFactError,
    Plan,
    check_message,
    measure,
    render,
)
from crisiscomms.samples import demo_plan, demo_situation


def channels_for(plan: Plan, template: MessageTemplate) -> list[Channel]:
    """The channels a template is meant for: its scope, else its stakeholders' channels."""
    if template.channels:
        return [
            c
            for c in plan.channels
            if c.id in template.channels or c.platform in template.channels
        ]
    if template.stakeholders:
        ids = {c for s in template.stakeholders for c in plan.stakeholder(s).channels}
        return [c for c in plan.channels if c.id in ids]
    return list(plan.channels)


def show_lengths(plan: Plan) -> None:
    facts = demo_situation().facts
    print("Template lengths on the channels they are meant for (demo facts)")
    print("----------------------------------------------------------------")
    for template in plan.templates:
        try:
            text = render(template, facts, locale=template.locale, timezone=plan.timezone)
            source = "rendered"
        except MissingFactError as error:
            text = template.text
            source = f"raw text (no demo value for {', '.join(error.names)})"
        print(f"{template.id} [{template.locale}, {template.phase.value}]: {source}")
        for channel in channels_for(plan, template):
            m = measure(text, channel)
            limit = "no limit" if m.limit is None else f"{m.length}/{m.limit} {m.unit.value}"
            sms = f", {m.encoding.value}, {m.segments} part(s)" if m.encoding else ""
            status = "fits" if m.fits else f"OVER by {m.over}"
            codes = sorted({f.code for f in check_message(text, channel, plan=plan)})
            found = f"  findings: {', '.join(codes)}" if codes else ""
            print(f"    {channel.id:<13} {limit}{sms}: {status}{found}")


if __name__ == "__main__":
    show_lengths(demo_plan())
