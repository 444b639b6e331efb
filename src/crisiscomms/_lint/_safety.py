"""Unsafe template text: the text floor's ``SEC`` checks on each template's own text.

Facts are checked when a message is drafted; the text of the template is
known now, so its bidirectional controls, invisible characters, look-alike
links and links outside the plan's `allowed_domains` are found before.
"""

from __future__ import annotations

from collections.abc import Iterator

from crisiscomms._findings import Finding
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.model._plan import Plan
from crisiscomms.text._safety import check_links, check_unicode

__all__ = ["safety_findings"]

# Each SEC code of the text floor and the lint code that reports it in a template.
_CODES = {"SEC002": "PLN051", "SEC006": "PLN052"}


def safety_findings(plan: Plan, template: MessageTemplate) -> Iterator[Finding]:
    """PLN050 to PLN052 for the text of `template`, each naming the SEC code found."""
    allowed = plan.allowed_domains or None
    text = template.text
    found = (
        *check_unicode(text, subject=template.id),
        *check_links(text, allowed_domains=allowed, subject=template.id),
    )
    for finding in found:
        yield Finding.of(
            _CODES.get(finding.code, "PLN050"),
            f"{finding.code}: {finding.message}",
            subject=template.id,
            span=finding.span,
        )
