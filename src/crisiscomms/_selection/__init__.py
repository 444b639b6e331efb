"""The selection capability: the best valid pre-approved template for each target.

A target is one stakeholder, on one channel, in one locale. Selection is
deterministic (DESIGN.md, "Selection is deterministic"):

1. Candidates are the templates of the situation's phase whose scope fits
   (crisis types, severities, stakeholders, channels by id or platform name;
   an empty scope list means any).
2. Language first: the locale tier is decided before anything else: the
   reader's exact locale, then the other locales of the same language (the
   one babel negotiates first), then the plan's default locale. A reader
   never gets another language while a valid template in theirs exists.
3. Within the best tier that has a valid candidate, the most specific wins:
   exact crisis type over any, then exact stakeholder over any, then exact
   channel over platform over any; then the most recent approval; then the id.
4. Only templates whose approval counts (`approval_status`) are selected,
   unless the caller passes ``allow_unapproved=True``: the selection is then
   marked unapproved.

Four modules: `_signatures` (signing an approval and checking a signature),
then `_index` (the templates of a plan indexed once, by phase,
locale and scope keys, so that a selection looks at a handful of buckets,
never at every template), `_approvals` (whether an approval counts:
`approval_status`) and `_choosing` (the rules above: `select_response`,
`select_responses`).
"""

from crisiscomms._selection._approvals import ApprovalState, ApprovalStatus, approval_status

# Package-internal: what other capabilities (plan lint) build on, not public API.
# A capability imports another only through its package, never its modules.
from crisiscomms._selection._approvals import approver_roles as approver_roles
from crisiscomms._selection._approvals import judge_approval as judge_approval
from crisiscomms._selection._choosing import Chooser as Chooser
from crisiscomms._selection._choosing import (
    Gap,
    RefusalReason,
    RefusedCandidate,
    ResponsePlan,
    Selection,
    select_response,
    select_responses,
)
from crisiscomms._selection._index import LocaleMatch
from crisiscomms._selection._index import Target as Target
from crisiscomms._selection._signatures import approval_payload, public_key_of, sign_approval

__all__ = [
    "ApprovalState",
    "ApprovalStatus",
    "Gap",
    "LocaleMatch",
    "RefusalReason",
    "RefusedCandidate",
    "ResponsePlan",
    "Selection",
    "approval_payload",
    "approval_status",
    "public_key_of",
    "select_response",
    "select_responses",
    "sign_approval",
]
