"""Templates and the scale: branches no reader reaches, duplicates, an upside-down scale.

- a plural branch whose category the template's locale never gives (``few``
  in German) is dead text, usually a branch copied from another language;
- two templates with the same key, locale, phase and scope tie: which one is
  sent depends on the approval dates and the ids, not on the plan;
- severities are listed lowest first, so the first-statement target should
  shorten as severity rises; a longer one is a scale listed the wrong way;
- a fact not `required` whose `required_in` differs from the default was
  meant to be required: as written, it is required nowhere.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from crisiscomms._findings import Finding
from crisiscomms._lint._branches import reachable_categories, walk
from crisiscomms.model._elements import FactSpec, MessageTemplate
from crisiscomms.model._plan import Plan
from crisiscomms.text._messageformat import ParsedMessage, Plural

__all__ = ["dead_branches", "template_findings"]

# A fact that is not required but names other phases than the default meant to be required.
_DEFAULT_REQUIRED_IN = FactSpec.model_fields["required_in"].default


def dead_branches(template: MessageTemplate, parsed: ParsedMessage) -> Iterator[Finding]:
    """PLN080 for the plural branches of `template` its locale never selects."""
    for part in walk(parsed.parts):
        if not isinstance(part, Plural):
            continue
        reachable = reachable_categories(template.locale, ordinal=part.ordinal)
        dead = [c for c, _ in part.categories if c not in reachable]
        if dead:
            kind = "ordinal" if part.ordinal else "plural"
            yield Finding.of(
                "PLN080",
                f"the {part.format} of {part.name!r} has {', '.join(repr(d) for d in dead)}"
                f" branches, which {template.locale} never selects (its {kind} categories:"
                f" {', '.join(sorted(reachable))}); remove them or fix the locale",
                subject=template.id,
            )


def template_findings(plan: Plan) -> Iterator[Finding]:
    """PLN081 to PLN083: duplicates, the scale, required_in without required."""
    groups: dict[tuple[object, ...], list[str]] = {}
    for template in plan.templates:
        scope = tuple(
            tuple(sorted(values))
            for values in (
                template.crisis_types,
                template.severities,
                template.stakeholders,
                template.channels,
            )
        )
        groups.setdefault((template.key, template.locale, template.phase, scope), []).append(
            template.id
        )
    for (key, locale, phase, _), ids in groups.items():
        if len(ids) > 1:
            yield Finding.of(
                "PLN081",
                f"templates {', '.join(repr(i) for i in ids)} share key {key!r}, locale"
                f" {locale}, phase {phase} and scope: which one is sent depends on approval"
                " dates and ids; remove one or narrow its scope",
                subject=ids[0],
            )
    levels = plan.severities
    for lower, higher in itertools.pairwise(levels):
        if higher.first_statement_within > lower.first_statement_within:
            yield Finding.of(
                "PLN082",
                f"severity {higher.id!r} gives {higher.first_statement_within} for the first"
                f" statement, longer than {lower.id!r} below it"
                f" ({lower.first_statement_within}): severities are listed lowest first;"
                " reverse the list or fix the targets",
                subject=higher.id,
            )
    for spec in plan.facts:
        if not spec.required and spec.required_in != _DEFAULT_REQUIRED_IN:
            yield Finding.of(
                "PLN083",
                f"fact {spec.name!r} lists required_in"
                f" ({', '.join(p.value for p in spec.required_in)}) but is not required, so"
                " no phase requires it; set required: true or drop required_in",
                subject=spec.name,
            )
