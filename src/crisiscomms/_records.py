"""The rows of every ``to_records()``, as ``TypedDict``s, written in one place.

Every result value a user looks at gives ``to_records()``: a list of flat
dicts, the same keys in every row, ready for ``pandas.DataFrame(rows)`` or a
CSV writer. Its rows are one of the types below, and one rule holds for every
column, whichever table it is in:

- a column of the same name has the same type in every table (only whether
  it may be None differs: ``template_id`` is None in a gap's row);
- lists stay lists (``codes`` is the finding codes found, ``list[str]``,
  empty when there are none), never a joined string;
- ``level``, ``status``, ``kind`` and every other enumeration are its string
  value (``"error"``, ``"missed"``);
- instants are aware ``datetime``s in the zone the caller gave (the plan's
  zone for deadlines, the zone of ``now`` for monitoring windows), durations
  ``timedelta``s; a text that shows them is the ``_repr_html_`` table's work.

A value that is one row (a `Measurement`, a `Selection`, a `Gap`, `Signals`,
a `ClaimMatch`, a `TriageEntry`) gives a list of that one row, so that
``pandas.DataFrame(value.to_records())`` works for every result alike.

>>> sorted(TargetRecord.__annotations__)[:3]
['channel', 'codes', 'locale']
"""

# No ``from __future__ import annotations`` here: with it each column's type is
# a string that `TypedDict` turns into a compiled `ForwardRef`, which made this
# module a fifth of the command line's import of the library.
from datetime import datetime, timedelta
from typing import TypedDict

__all__ = [
    "ActionRecord",
    "CapInfoRecord",
    "ClaimMatchRecord",
    "CoverageRecord",
    "DeadlineRecord",
    "DeadlineStateRecord",
    "DraftRecord",
    "EvidenceRecord",
    "FindingRecord",
    "InjectRecord",
    "MeasurementRecord",
    "MetricRecord",
    "SignalsRecord",
    "StatedFactRecord",
    "TargetRecord",
    "TriageRecord",
]


class TargetRecord(TypedDict):
    """One target of `ResponsePlan.to_records` (and of `Selection` or `Gap`)."""

    target: str
    stakeholder: str
    channel: str
    locale: str
    template_id: str | None
    locale_match: str | None
    status: str
    codes: list[str]


class DraftRecord(TypedDict):
    """One target of `DraftSet.to_records`: a draft, a gap or a render failure."""

    target: str
    stakeholder: str
    channel: str
    locale: str
    render_locale: str | None
    template_id: str | None
    approved: bool
    locale_match: str | None
    length: int | None
    limit: int | None
    unit: str | None
    fits: bool | None
    remaining: int | None
    segments: int | None
    status: str
    errors: int
    warnings: int
    codes: list[str]
    text: str | None


class MeasurementRecord(TypedDict):
    """The one row of `Measurement.to_records`."""

    length: int
    limit: int | None
    unit: str
    fits: bool
    remaining: int | None
    over: int
    encoding: str | None
    segments: int | None
    rule: str
    recommended: int | None
    byte_length: int | None
    byte_limit: int | None


class StatedFactRecord(TypedDict):
    """One stated fact of `ConsistencyReport.to_records`, with the codes found at its span."""

    message: str
    fact: str | None
    kind: str
    value: str
    text: str
    start: int
    end: int
    expected: str | None
    agrees: bool | None
    codes: list[str]


class DeadlineRecord(TypedDict):
    """One row of `Schedule.to_records`."""

    id: str
    kind: str
    stakeholder: str
    label: str
    due_at: datetime
    counts_from: datetime
    reason: str
    channels: list[str]
    obligation: str | None
    reference: str


class DeadlineStateRecord(TypedDict):
    """One row of `TimelinessReport.to_records`."""

    id: str
    kind: str
    stakeholder: str
    due_at: datetime
    status: str
    met_by: str | None
    sent_at: datetime | None
    margin: timedelta | None
    lateness: timedelta | None
    codes: list[str]


class SignalsRecord(TypedDict):
    """The one row of `Signals.to_records`: the window, its figures and the feed's counts."""

    window_start: datetime
    window_end: datetime
    mentions: int
    baseline_mentions: int
    growth: float | None
    negative: int
    scored: int
    negative_share: float | None
    reach: int
    claim_matches: int
    claim_counts: dict[str, int]
    given: int
    duplicates: int
    empty: int
    out_of_order: int
    after_end: int
    without_locale: int


class ClaimMatchRecord(TypedDict):
    """The one row of `ClaimMatch.to_records`."""

    index: int
    mention_id: str
    claim: str
    verdict: str
    rebuttal_key: str | None
    language: str
    keywords: list[str]
    counts_for_escalation: bool


class TriageRecord(TypedDict):
    """One mention to answer, in order: `Escalation.to_records` and `TriageEntry.to_records`."""

    mention_id: str
    at: datetime
    author: str
    source: str
    locale: str | None
    reach: int
    sentiment: float | None
    claims: list[str]
    rebuttal_key: str | None
    text: str


class EvidenceRecord(TypedDict):
    """One condition of the rule that fired: ``Escalation.to_records("evidence")``."""

    condition: str
    threshold: float
    observed: float


class FindingRecord(TypedDict):
    """One finding: ``LintReport.to_records()``."""

    code: str
    level: str
    subject: str
    message: str


class CoverageRecord(TypedDict):
    """One cell of the coverage matrix: ``LintReport.to_records("coverage")``."""

    crisis_type: str
    severity: str
    stakeholder: str
    channel: str
    locale: str
    phase: str
    state: str
    template_id: str
    required: bool
    reason: str


class MetricRecord(TypedDict):
    """One metric of `Review.to_records`: as shown, and as a number to plot."""

    theme: str
    metric: str
    subject: str
    value: str
    target: str | None
    value_number: float | None
    target_number: float | None
    met: bool | None
    detail: str


class ActionRecord(TypedDict):
    """One expected action of `ExerciseScore.to_records`."""

    inject: str
    action: str
    kind: str
    description: str
    due_at: datetime
    status: str
    done_at: datetime | None
    done_by: str | None
    margin: timedelta | None
    lateness: timedelta | None


class InjectRecord(TypedDict):
    """One inject of `Scenario.to_records`, the Master Scenario Events List."""

    number: int
    id: str
    at: datetime
    after: timedelta
    kind: str
    to: str | None
    source: str | None
    description: str
    expected: str


class CapInfoRecord(TypedDict):
    """One ``info`` block of `crisiscomms.cap.Alert.to_records`."""

    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: str
    language: str
    categories: list[str]
    event: str
    urgency: str
    severity: str
    certainty: str
    expires: datetime | None
    headline: str | None
    areas: list[str]
    web: str | None
