"""Unsafe template text: the text floor's ``SEC`` checks on each template's own text.

Facts are checked when a message is drafted; the text of the template is
known now, so its bidirectional controls, invisible characters, look-alike
links, links outside the plan's `allowed_domains` and links of schemes outside
its `allowed_schemes` are found before, in each markup the template's channels
write (an ``href="javascript:..."`` is a link only in HTML).
"""

from __future__ import annotations

from collections.abc import Iterator

from crisiscomms._findings import Finding
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.model._plan import Plan
from crisiscomms.text._markup import Markup
from crisiscomms.text._safety import check_links, check_unicode

__all__ = ["safety_findings"]

# Each SEC code of the text floor and the lint code that reports it in a template.
_CODES = {"SEC002": "PLN051", "SEC006": "PLN052"}


def safety_findings(plan: Plan, template: MessageTemplate) -> Iterator[Finding]:
    """PLN050 to PLN052 for the text of `template`, each naming the SEC code found."""
    allowed = plan.allowed_domains or None
    text = template.text
    found = list(check_unicode(text, subject=template.id))
    seen: set[tuple[str, str, tuple[int, int] | None]] = set()
    for markup in _markups(plan, template):
        for finding in check_links(
            text,
            allowed_domains=allowed,
            subject=template.id,
            markup=markup,
            schemes=plan.allowed_schemes,
        ):
            key = (finding.code, finding.message, finding.span)
            if key not in seen:
                seen.add(key)
                found.append(finding)
    for finding in found:
        yield Finding.of(
            _CODES.get(finding.code, "PLN050"),
            f"{finding.code}: {finding.message}",
            subject=template.id,
            span=finding.span,
        )


def _markups(plan: Plan, template: MessageTemplate) -> list[Markup]:
    """The markups the template's channels write (all the plan's when it names none), sorted."""
    names = set(template.channels) if template.channels else None
    markups = {c.markup for c in plan.channels if names is None or c.id in names}
    return sorted(markups or {Markup.PLAIN}, key=lambda m: m.value)
