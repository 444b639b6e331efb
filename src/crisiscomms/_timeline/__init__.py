"""Deadlines of a crisis: `schedule` computes them, `evaluate_timeliness` judges them.

Three kinds of deadline, each a `Deadline`:

- the **first public statement** to each stakeholder concerned (the crisis
  type is in its `crisis_types`, the severity reaches its `min_severity`),
  within the severity's `first_statement_within` of detection;
- every **obligation** of the plan that applies (its crisis types, its
  minimum severity, a stakeholder the crisis concerns): GDPR Art. 33, NIS2's
  staged reports, contract clauses;
- the **next update** to a stakeholder after each message sent to them,
  within the stakeholder's `update_every`, else the current severity's; none
  for a stakeholder without a cadence (``update_every="none"``), none after a
  message of the resolved or post-crisis phase.

Time arithmetic is deliberate. Durations (`within`, `first_statement_within`,
`update_every`) are **elapsed time**: 72 hours are 72 real hours even across
a daylight-saving change, so the wall clock may show 11:00 where it showed
12:00 three days before. Business days and months are **calendar
arithmetic in the plan's time zone**: the deadline falls on the same wall
time of the target day. When that wall time does not exist (the hour skipped
in spring) or exists twice (the hour repeated in autumn), the earlier
instant is taken, so that the deadline is never later than the law's.

Three modules: `_schedule` (the deadlines), `_timeliness` (where they stand at
`now`) and `_calendar` (elapsed time, business days, calendar months).
"""

from crisiscomms._timeline._schedule import Deadline, DeadlineKind, Schedule, schedule
from crisiscomms._timeline._timeliness import (
    DeadlineState,
    DeadlineStatus,
    TimelinessReport,
    evaluate_timeliness,
)

__all__ = [
    "Deadline",
    "DeadlineKind",
    "DeadlineState",
    "DeadlineStatus",
    "Schedule",
    "TimelinessReport",
    "evaluate_timeliness",
    "schedule",
]
