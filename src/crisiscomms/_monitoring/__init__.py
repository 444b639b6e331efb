"""Monitoring: the mentions of a crisis, read against the plan.

Three modules, each built on the one before: `_claims` (which mentions repeat
a claim of the misinformation register: `match_claims`), `_signals` (the
volume signals of a time window: `measure_signals`) and `_escalation` (the
plan's escalation rules applied to those signals: `recommend_escalation`).
"""

from crisiscomms._monitoring._claims import ClaimMatch, match_claims
from crisiscomms._monitoring._escalation import (
    Escalation,
    Evidence,
    TriageEntry,
    recommend_escalation,
)
from crisiscomms._monitoring._signals import Signals, measure_signals

__all__ = [
    "ClaimMatch",
    "Escalation",
    "Evidence",
    "Signals",
    "TriageEntry",
    "match_claims",
    "measure_signals",
    "recommend_escalation",
]
