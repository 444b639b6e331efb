"""Coverage: the stakeholders, channels and languages reached, against those concerned.

Those concerned are the stakeholders the plan tells at the highest severity
the drill reached (the scenario's or the team's), with their channels and
languages. Each one never reached has an ``EXR012`` finding; the part is
the mean of the three shares that apply.
"""

from __future__ import annotations

from typing import final

import attrs

from crisiscomms._exercises._log import LogReader, ReadLog
from crisiscomms._exercises._messages import Judged
from crisiscomms._findings import Finding
from crisiscomms.model._plan import Situation

__all__ = ["Coverage", "coverage_of"]


@final
@attrs.frozen
class Coverage:
    """The coverage part (None: nothing concerned) and its detail."""

    score: float | None
    detail: str


def coverage_of(reader: LogReader, read: ReadLog, judged: Judged, initial: Situation) -> Coverage:
    """The coverage of the messages sent; an ``EXR012`` finding for each gap, to the reader's."""
    plan, scenario, findings = reader.plan, reader.scenario, reader.findings
    messages, changes = read.messages, read.changes
    reached_channels = judged.reached_channels
    ranks = [plan.severity_rank(scenario.situation_at(i.at).severity) for i in scenario.injects]
    ranks.append(plan.severity_rank(initial.severity))
    ranks.extend(plan.severity_rank(c.severity) for c in changes)
    top = max(ranks)
    concerned = [
        s
        for s in plan.stakeholders
        if s.min_severity is None or plan.severity_rank(s.min_severity) <= top
    ]
    reached = {e.sent.stakeholder for e in messages}
    languages_reached = {locale.replace("-", "_").split("_")[0] for locale in judged.locales}
    wanted_channels = {c for s in concerned for c in s.channels}
    wanted_languages = {loc.split("_")[0] for s in concerned for loc in s.locales}
    for stakeholder in concerned:
        if stakeholder.id not in reached:
            findings.append(
                Finding.of(
                    "EXR012",
                    f"stakeholder {stakeholder.id!r} ({stakeholder.label}) is concerned and was"
                    " never told in the drill",
                    subject=stakeholder.id,
                )
            )
    missing_channels = sorted(wanted_channels - reached_channels)
    missing_languages = sorted(wanted_languages - languages_reached)
    if missing_channels:
        findings.append(
            Finding.of(
                "EXR012",
                "channels of the concerned stakeholders never used: "
                + ", ".join(missing_channels),
                subject="channels",
            )
        )
    if missing_languages:
        findings.append(
            Finding.of(
                "EXR012",
                "languages of the concerned stakeholders never used: "
                + ", ".join(missing_languages),
                subject="languages",
            )
        )
    shares = [
        len(reached & {s.id for s in concerned}) / len(concerned) if concerned else None,
        len(reached_channels & wanted_channels) / len(wanted_channels)
        if wanted_channels
        else None,
        len(languages_reached & wanted_languages) / len(wanted_languages)
        if wanted_languages
        else None,
    ]
    counted = [share for share in shares if share is not None]
    coverage = sum(counted) / len(counted) if counted else None
    return Coverage(
        coverage,
        f"{len(reached & {s.id for s in concerned})} of {len(concerned)} stakeholders,"
        f" {len(reached_channels & wanted_channels)} of {len(wanted_channels)} channels,"
        f" {len(languages_reached & wanted_languages)} of {len(wanted_languages)} languages",
    )
