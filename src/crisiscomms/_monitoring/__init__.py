"""Monitoring: the mentions of a crisis, read against the plan.

Three modules, each built on the one before: `_claims` (which mentions repeat
a claim of the misinformation register: `match_claims`), `_signals` (the
volume signals of a time window: `measure_signals`) and `_escalation` (the
plan's escalation rules applied to those signals: `recommend_escalation`).
"""

from crisiscomms._monitoring._claims import (
    ClaimIndex,
    ClaimMatch,
    build_claim_index,
    match_claims,
)
from crisiscomms._monitoring._escalation import (
    Escalation,
    Evidence,
    TriageEntry,
    recommend_escalation,
    triage,
)
from crisiscomms._monitoring._signals import (
    PartialSignals,
    Signals,
    measure_signals,
    partial_signals,
)

__all__ = [
    "ClaimIndex",
    "ClaimMatch",
    "Escalation",
    "Evidence",
    "PartialSignals",
    "Signals",
    "TriageEntry",
    "build_claim_index",
    "match_claims",
    "measure_signals",
    "partial_signals",
    "recommend_escalation",
    "triage",
]
