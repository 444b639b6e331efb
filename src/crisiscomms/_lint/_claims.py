"""Claims and escalation: rebuttals ready for the register, rules that can fire.

A false or misleading claim of the misinformation register needs an approved
template of its `rebuttal_key` in every language its patterns are written in,
or the team answers a viral rumour with a text written on the spot. An
escalation rule to the lowest severity never raises anything, and a rule that
counts matched false claims never fires when the register has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from crisiscomms._findings import Finding
from crisiscomms._selection import approver_roles, judge_approval
from crisiscomms.model._base import Verdict
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.model._plan import Plan

__all__ = ["claim_findings", "escalation_findings", "is_approved"]

_ESCALATING = frozenset({Verdict.FALSE, Verdict.MISLEADING})


def is_approved(plan: Plan, template: MessageTemplate, now: datetime) -> bool:
    """Whether the approval counts at `now` at the lowest severity the template serves."""
    ids = [s.id for s in plan.severities]
    scoped = [s for s in ids if s in template.severities] or ids
    level = plan.severity(scoped[0])
    return judge_approval(template, plan, level, now, approver_roles(plan, level)).is_approved


def claim_findings(plan: Plan, now: datetime) -> Iterator[Finding]:
    """PLN060: false or misleading claims without an approved rebuttal in each language."""
    for claim in plan.claims:
        if claim.verdict not in _ESCALATING:
            continue
        languages = list(claim.patterns) or [plan.default_locale.split("_")[0]]
        if claim.rebuttal_key is None:
            yield Finding.of(
                "PLN060",
                f"claim {claim.id!r} is {claim.verdict.value} but names no rebuttal_key: the"
                " answer would be written during the crisis; write and approve a rebuttal"
                f" template in {', '.join(languages)} and set rebuttal_key",
                subject=claim.id,
            )
            continue
        ready = {
            t.language
            for t in plan.templates
            if t.key == claim.rebuttal_key and is_approved(plan, t, now)
        }
        missing = [lang for lang in languages if lang not in ready]
        if missing:
            yield Finding.of(
                "PLN060",
                f"claim {claim.id!r} is {claim.verdict.value} and is matched in"
                f" {', '.join(languages)}, but no approved template of key"
                f" {claim.rebuttal_key!r} answers it in {', '.join(missing)}; write and"
                " approve one",
                subject=claim.id,
            )


def escalation_findings(plan: Plan) -> Iterator[Finding]:
    """PLN061: escalation rules that can never raise the severity."""
    lowest = plan.severities[0].id
    has_false = any(c.verdict in _ESCALATING for c in plan.claims)
    for rule in plan.escalation_rules:
        if rule.to_severity == lowest and not rule.allow_downgrade:
            yield Finding.of(
                "PLN061",
                f"rule {rule.id!r} escalates to {lowest!r}, the lowest severity: no crisis is"
                " below it, so the rule never raises anything; point it at a higher level",
                subject=rule.id,
            )
        elif rule.min_claim_matches is not None and not has_false:
            yield Finding.of(
                "PLN061",
                f"rule {rule.id!r} needs {rule.min_claim_matches} mentions repeating a false"
                " or misleading claim, but the register holds none: it never fires; add the"
                " claims or drop the condition",
                subject=rule.id,
            )
