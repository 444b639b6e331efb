"""`lint_plan`: every rule of the linter, run on one plan at one instant."""

from __future__ import annotations

from datetime import datetime, timedelta

from crisiscomms._arguments import aware, plan_of
from crisiscomms._errors import InputError
from crisiscomms._findings import Finding
from crisiscomms._lint._approvals import approval_findings
from crisiscomms._lint._claims import claim_findings, escalation_findings
from crisiscomms._lint._coverage import coverage_of
from crisiscomms._lint._facts import FactRules
from crisiscomms._lint._length import Reach, WorstCase
from crisiscomms._lint._obligations import obligation_findings
from crisiscomms._lint._report import LintReport
from crisiscomms._lint._roles import role_findings
from crisiscomms._lint._safety import safety_findings
from crisiscomms._lint._templates import dead_branches, template_findings
from crisiscomms._lint._training import training_findings
from crisiscomms.model._plan import Plan

__all__ = ["lint_plan"]


def lint_plan(
    plan: Plan, /, *, now: datetime, expiring_within: timedelta = timedelta(days=30)
) -> LintReport:
    """Everything in `plan` that would fail during a crisis, found at `now`, before it.

    The rules have stable ``PLN`` codes (``docs/findings.md``): roles nobody
    holds or one person holds, approval chains that cannot be met, coverage
    gaps (no approved initial, update or resolved statement for a reader, a
    channel, a language), approvals void, expired or expiring within
    `expiring_within`, worst-case lengths over a channel's limits, required
    facts missing from a template, unsafe template text, claims without an
    approved rebuttal, escalation rules that never raise, obligations no
    template meets, duplicate templates, a scale listed the wrong way round,
    and stale training. It never raises for a finding.

    Args:
        plan: the plan to lint.
        now: the instant at which approvals and training are judged (aware).
        expiring_within: how far ahead an approval's expiry is reported.

    Returns:
        The findings and the coverage matrix.

    Raises:
        InputTypeError: `plan` is not a `Plan`, `now` not a datetime or
            `expiring_within` not a timedelta.
        NaiveDatetimeError: `now` has no time zone.
        InputValueError: `expiring_within` is negative.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> report = lint_plan(demo_plan(), now=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
    >>> [str(f) for f in report.by_code("PLN021")]  # doctest: +ELLIPSIS
    ['error PLN021 [breach-instagram-fr]: the template changed after it was approved...']
    >>> print(report.by_code("PLN002")[0])
    warning PLN002 [dpo]: required role 'dpo' (Délégué à la protection des données) is held by \
'claire-petit' only: a single point of failure; give the role to a deputy as well
    """
    plan = plan_of(plan)
    now = aware(now)
    if not isinstance(expiring_within, timedelta):
        raise InputError.for_type("expiring_within", "a datetime.timedelta", expiring_within)
    if expiring_within < timedelta(0):
        raise InputError.for_value(
            "expiring_within", "a duration of zero or more", expiring_within
        )
    findings: list[Finding] = []
    findings.extend(role_findings(plan))
    coverage = coverage_of(plan, now)
    findings.extend(coverage.findings)
    findings.extend(approval_findings(plan, now, expiring_within))
    # One pass over the templates, each parsed once for every rule that reads it.
    reach = Reach(plan)
    worst_case = WorstCase(plan, reach)
    facts = FactRules(plan, reach)
    for template in plan.templates:
        parsed = template.parsed
        findings.extend(worst_case.findings(template, parsed))
        findings.extend(facts.findings(template, parsed))
        findings.extend(safety_findings(plan, template))
        findings.extend(dead_branches(template, parsed))
    findings.extend(worst_case.defaulted())
    findings.extend(claim_findings(plan, now))
    findings.extend(escalation_findings(plan))
    findings.extend(obligation_findings(plan, now))
    findings.extend(template_findings(plan))
    findings.extend(training_findings(plan, now))
    return LintReport(tuple(findings), coverage.cells)
