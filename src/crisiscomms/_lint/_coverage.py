"""Coverage: a pre-written, approved statement for every reader, channel, language and phase.

Each cell is decided by selection itself (`crisiscomms.select_response`'s
chooser, with its locale tiers and its approval judgement), for a situation
of each crisis type, at each severity, in the initial, update and resolved
phases, detected at `now`. The matrix shows each type's default severity;
the findings cover every severity at which a stakeholder must be told, and
group the cells that one template would fill, so forty gaps read as a short
list of templates to write.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import attrs

from crisiscomms._findings import Finding
from crisiscomms._lint._report import CellState, CoverageCell
from crisiscomms._selection import Chooser, Gap, LocaleMatch, Selection, Target
from crisiscomms.model._base import Phase
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._scope import concerns, in_scope

__all__ = ["PHASES", "Coverage", "coverage_of"]

#: The phases a plan must have statements for, in the order the matrix lists them.
PHASES = (Phase.INITIAL, Phase.UPDATE, Phase.RESOLVED)

#: How many refused candidates a grouped finding names.
_NEAREST = 3


@attrs.frozen
class _Cell:
    crisis_type: str
    severity: str
    phase: Phase
    stakeholder: str
    channel: str
    locale: str
    result: Selection | Gap


@attrs.frozen
class Coverage:
    """The matrix and its findings."""

    cells: tuple[CoverageCell, ...]
    findings: tuple[Finding, ...]


def _cell(plan: Plan, cell: _Cell) -> CoverageCell:
    result = cell.result
    if isinstance(result, Gap):
        state, template_id = CellState.GAP, ""
        reason = result.message
    else:
        template_id = result.template_id
        if result.locale_match is LocaleMatch.DEFAULT:
            state = CellState.FALLBACK
        else:
            state = CellState.COVERED
        reason = "; ".join(result.reasons[:2])
    return CoverageCell(
        cell.crisis_type,
        cell.severity,
        cell.stakeholder,
        cell.channel,
        cell.locale,
        cell.phase,
        state,
        template_id,
        reason,
    )


def _not_told(plan: Plan, crisis_type: str, severity: str, phase: Phase) -> Iterator[CoverageCell]:
    for holder in plan.stakeholders:
        if concerns(plan, holder, crisis_type, severity):
            continue
        reason = (
            f"told from severity {holder.min_severity!r}, above {severity!r}"
            if in_scope(holder.crisis_types, crisis_type)
            else f"told of {', '.join(map(repr, holder.crisis_types))} only"
        )
        for channel in holder.channels:
            for locale in holder.locales:
                yield CoverageCell(
                    crisis_type,
                    severity,
                    holder.id,
                    channel,
                    locale,
                    phase,
                    CellState.NOT_TOLD,
                    "",
                    reason,
                )


def coverage_of(plan: Plan, now: datetime) -> Coverage:
    """Every cell at `now`; the matrix at each type's default severity; the findings."""
    findings: list[Finding] = []
    if not plan.templates:
        findings.append(
            Finding.of(
                "PLN013",
                "the plan has no templates: no message can be sent without being written and"
                " approved during the crisis; write an approved initial statement per crisis"
                " type and stakeholder",
                subject="templates",
            )
        )
    if not plan.stakeholders or not plan.crisis_types:
        missing = "stakeholders" if not plan.stakeholders else "crisis types"
        findings.append(
            Finding.of(
                "PLN014",
                f"the plan has no {missing}, so nothing can be checked for coverage; add"
                f" the {missing} of the plan",
                subject="stakeholders" if not plan.stakeholders else "crisis_types",
            )
        )
    cells: list[_Cell] = []
    matrix: list[CoverageCell] = []
    for crisis_type in plan.crisis_types:
        for severity in plan.severities:
            told = [h for h in plan.stakeholders if concerns(plan, h, crisis_type.id, severity.id)]
            default = severity.id == crisis_type.default_severity
            for phase in PHASES:
                situation = Situation(
                    crisis_type=crisis_type.id, severity=severity.id, phase=phase, detected_at=now
                )
                chooser = Chooser(plan, situation, now, allow_unapproved=False)
                for holder in told:
                    for channel_id in holder.channels:
                        channel = plan.channel(channel_id)
                        for locale in holder.locales:
                            result = chooser.choose(Target(holder, channel, locale))
                            cell = _Cell(
                                crisis_type.id,
                                severity.id,
                                phase,
                                holder.id,
                                channel_id,
                                locale,
                                result,
                            )
                            cells.append(cell)
                            if default:
                                matrix.append(_cell(plan, cell))
                if default:
                    matrix.extend(_not_told(plan, crisis_type.id, severity.id, phase))
    findings.extend(_gap_findings(plan, cells))
    order = {h.id: i for i, h in enumerate(plan.stakeholders)}
    phases = {p: i for i, p in enumerate(PHASES)}
    types = {c.id: i for i, c in enumerate(plan.crisis_types)}
    matrix.sort(key=lambda c: (types[c.crisis_type], order[c.stakeholder], phases[c.phase]))
    return Coverage(tuple(matrix), tuple(findings))


def _gap_findings(plan: Plan, cells: list[_Cell]) -> Iterator[Finding]:
    groups: dict[tuple[str, str, Phase, str], list[_Cell]] = {}
    for cell in cells:
        result = cell.result
        if isinstance(result, Gap):
            code = "PLN010" if cell.phase is Phase.INITIAL else "PLN011"
        elif result.locale_match is LocaleMatch.DEFAULT:
            code = "PLN012"
        else:
            continue
        groups.setdefault((code, cell.crisis_type, cell.phase, cell.locale), []).append(cell)
    for (code, crisis_type, phase, locale), group in groups.items():
        yield Finding.of(
            code,
            _group_message(plan, code, crisis_type, phase, locale=locale, group=group),
            subject=f"{crisis_type}/{phase.value}/{locale}",
        )


def _group_message(
    plan: Plan, code: str, crisis_type: str, phase: Phase, *, locale: str, group: list[_Cell]
) -> str:
    targets: dict[str, list[str]] = {}
    severities: list[str] = []
    for cell in group:
        channels = targets.setdefault(cell.stakeholder, [])
        if cell.channel not in channels:
            channels.append(cell.channel)
        if cell.severity not in severities:
            severities.append(cell.severity)
    where = "; ".join(f"{s} on {', '.join(chs)}" for s, chs in targets.items())
    levels = _levels(plan, severities)
    cells = f"{len(group)} cell{'s' if len(group) != 1 else ''}"
    if code == "PLN012":
        used = dict.fromkeys(
            c.result.template_id for c in group if isinstance(c.result, Selection)
        )
        return (
            f"{locale} readers get only the default locale {plan.default_locale} for"
            f" crisis type {crisis_type!r}, {phase.value} phase ({levels}; {cells}: {where});"
            f" templates used: {', '.join(used)}; write and approve {locale} translations"
        )
    refused: dict[str, str] = {}
    for cell in group:
        assert isinstance(cell.result, Gap)
        for candidate in cell.result.candidates:
            if candidate.reason.value in {"wrong_phase", "other_locale", "other_severity"}:
                continue
            refused.setdefault(candidate.template_id, f"{candidate.reason.value}")
    near = ""
    if refused:
        listed = ", ".join(f"{t} ({r})" for t, r in list(refused.items())[:_NEAREST])
        more = f" and {len(refused) - _NEAREST} more" if len(refused) > _NEAREST else ""
        near = f"; refused: {listed}{more}, approve one again or"
    else:
        near = ";"
    scope = f"crisis_types [{crisis_type!r}]"
    if len(targets) == 1:
        scope += f", stakeholders [{next(iter(targets))!r}]"
    return (
        f"no valid approved {phase.value} template for crisis type {crisis_type!r} in"
        f" {locale} ({levels}; {cells}: {where}){near} write and approve a {locale}"
        f" {phase.value} template with {scope}"
    )


def _levels(plan: Plan, severities: list[str]) -> str:
    ids = [s.id for s in plan.severities]
    chosen = sorted(severities, key=ids.index)
    if len(chosen) > 1 and chosen == ids[ids.index(chosen[0]) :]:
        return f"severity {chosen[0]} and above"
    return f"severit{'y' if len(chosen) == 1 else 'ies'} {', '.join(chosen)}"
