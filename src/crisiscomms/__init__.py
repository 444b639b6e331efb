"""crisiscomms: an organisation's crisis communication plan as typed, executable logic.

>>> import crisiscomms
>>> crisiscomms.Level.ERROR
<Level.ERROR: 'error'>
"""

# General layout. Imports only go down, and nothing here does I/O:
#   crisiscomms       this face: explicit re-exports, one sorted __all__
#   capabilities      _rendering, _drafting, _consistency, ... one module each, and a
#                     folder per capability of several concepts: _selection/, _timeline/,
#                     _monitoring/
#   model/            the plan and the situation as users write them (pydantic, frozen)
#   text/             string mechanics without domain knowledge (platform lengths,
#                     ICU MessageFormat, fact extraction, Unicode safety)
#   _errors, _codes, _findings  the error tree, the registry of finding codes and
#                     the Finding value, used by every floor

from crisiscomms._checking import check_message
from crisiscomms._codes import FINDING_CODES, FindingCode, FindingCodes
from crisiscomms._consistency import check_consistency
from crisiscomms._consistency_report import ConsistencyReport, StatedFact
from crisiscomms._drafting import Draft, DraftSet, draft_responses
from crisiscomms._errors import (
    CrisisCommsError,
    FactTypeError,
    InputError,
    InputTypeError,
    InputValueError,
    MissingFactError,
    ModelError,
    NaiveDatetimeError,
    NoApprovedTemplate,
    PlanError,
    PlanProblem,
    RenderError,
    TemplateSyntaxError,
    UnknownPlatformError,
    UnsupportedLocaleError,
)
from crisiscomms._findings import Finding, Level, has_errors
from crisiscomms._message import Message
from crisiscomms._monitoring import (
    ClaimMatch,
    Escalation,
    Evidence,
    Signals,
    TriageEntry,
    match_claims,
    measure_signals,
    recommend_escalation,
)
from crisiscomms._rendering import render
from crisiscomms._selection import (
    ApprovalState,
    ApprovalStatus,
    Gap,
    LocaleMatch,
    RefusalReason,
    RefusedCandidate,
    ResponsePlan,
    Selection,
    approval_payload,
    approval_status,
    public_key_of,
    select_response,
    select_responses,
    sign_approval,
)
from crisiscomms._timeline import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    DeadlineStatus,
    Schedule,
    TimelinessReport,
    evaluate_timeliness,
    schedule,
)
from crisiscomms.model._base import (
    Audience,
    CapCategory,
    CapSeverity,
    FactKind,
    Mode,
    Phase,
    StakeholderKind,
    Verdict,
)
from crisiscomms.model._elements import (
    Approval,
    Channel,
    CrisisType,
    EscalationRule,
    Exercise,
    FactSpec,
    KnownClaim,
    MessageTemplate,
    Obligation,
    Person,
    Role,
    Severity,
    Signature,
    Stakeholder,
    Training,
)
from crisiscomms.model._loading import load_plan
from crisiscomms.model._mention import Mention
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._sent import SentMessage
from crisiscomms.model._template_digest import template_digest
from crisiscomms.text._extraction import ExtractedValue, MonthDay, ValueKind, extract_values
from crisiscomms.text._markup import Markup
from crisiscomms.text._measure import Measurement, measure
from crisiscomms.text._messageformat import ParsedMessage, parse_message
from crisiscomms.text._platforms import Platform

__version__ = "0.1.0.dev0"

__all__ = [
    "FINDING_CODES",
    "Approval",
    "ApprovalState",
    "ApprovalStatus",
    "Audience",
    "CapCategory",
    "CapSeverity",
    "Channel",
    "ClaimMatch",
    "ConsistencyReport",
    "CrisisCommsError",
    "CrisisType",
    "Deadline",
    "DeadlineKind",
    "DeadlineState",
    "DeadlineStatus",
    "Draft",
    "DraftSet",
    "Escalation",
    "EscalationRule",
    "Evidence",
    "Exercise",
    "ExtractedValue",
    "FactKind",
    "FactSpec",
    "FactTypeError",
    "Finding",
    "FindingCode",
    "FindingCodes",
    "Gap",
    "InputError",
    "InputTypeError",
    "InputValueError",
    "KnownClaim",
    "Level",
    "LocaleMatch",
    "Markup",
    "Measurement",
    "Mention",
    "Message",
    "MessageTemplate",
    "MissingFactError",
    "Mode",
    "ModelError",
    "MonthDay",
    "NaiveDatetimeError",
    "NoApprovedTemplate",
    "Obligation",
    "ParsedMessage",
    "Person",
    "Phase",
    "Plan",
    "PlanError",
    "PlanProblem",
    "Platform",
    "RefusalReason",
    "RefusedCandidate",
    "RenderError",
    "ResponsePlan",
    "Role",
    "Schedule",
    "Selection",
    "SentMessage",
    "Severity",
    "Signals",
    "Signature",
    "Situation",
    "Stakeholder",
    "StakeholderKind",
    "StatedFact",
    "TemplateSyntaxError",
    "TimelinessReport",
    "Training",
    "TriageEntry",
    "UnknownPlatformError",
    "UnsupportedLocaleError",
    "ValueKind",
    "Verdict",
    "approval_payload",
    "approval_status",
    "check_consistency",
    "check_message",
    "draft_responses",
    "evaluate_timeliness",
    "extract_values",
    "has_errors",
    "load_plan",
    "match_claims",
    "measure",
    "measure_signals",
    "parse_message",
    "public_key_of",
    "recommend_escalation",
    "render",
    "schedule",
    "select_response",
    "select_responses",
    "sign_approval",
    "template_digest",
]

# Show `crisiscomms.Plan`, not `crisiscomms.model._plan.Plan`, in reprs and docs.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) or callable(_obj):
        _obj.__module__ = "crisiscomms"
del _name, _obj
