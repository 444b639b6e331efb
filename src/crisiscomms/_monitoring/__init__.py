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

# Package-internal: what the post-crisis review builds on, not public API.
# A capability imports another only through its package, never its modules.
from crisiscomms._monitoring._claims import KeywordSet as KeywordSet
from crisiscomms._monitoring._claims import claim_index as claim_index
from crisiscomms._monitoring._escalation import (
    Escalation,
    Evidence,
    TriageEntry,
    recommend_escalation,
    triage,
)
from crisiscomms._monitoring._escalation import rule_evidence as rule_evidence
from crisiscomms._monitoring._signals import MICROSECOND as MICROSECOND
from crisiscomms._monitoring._signals import Feed as Feed
from crisiscomms._monitoring._signals import (
    PartialSignals,
    Signals,
    measure_signals,
    partial_signals,
)
from crisiscomms._monitoring._signals import first_after as first_after
from crisiscomms._monitoring._signals import matches_in as matches_in
from crisiscomms._monitoring._signals import micros as micros
from crisiscomms._monitoring._signals import read_feed as read_feed
from crisiscomms._monitoring._signals import window_signals as window_signals

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
