"""crisiscomms: an organisation's crisis communication plan as typed, executable logic.

>>> import crisiscomms
>>> crisiscomms.Level.ERROR
<Level.ERROR: 'error'>
"""

# General layout. Imports only go down, and nothing here does I/O:
#   crisiscomms       this face: explicit re-exports, one sorted __all__
#   capabilities      a folder per capability of several concepts (_selection/,
#                     _consistency/, _timeline/, _monitoring/, _lint/, _exercises/), a
#                     module for one of one (_rendering, _checking, _drafting, _marking);
#                     _arguments checks their inputs
#   model/            the plan and the situation as users write them (pydantic, frozen)
#   text/             string mechanics without domain knowledge (platform lengths,
#                     ICU MessageFormat, fact extraction, Unicode safety)
#   _errors, _codes, _findings  the error tree, the registry of finding codes and
#                     the Finding value, used by every floor

from crisiscomms._checking import check_message
from crisiscomms._codes import FINDING_CODES, FindingCode, FindingCodes
from crisiscomms._consistency import ConsistencyReport, StatedFact, check_consistency
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
from crisiscomms._exercises._generation import generate_scenario
from crisiscomms._exercises._scoring import (
    ActionResult,
    ActionStatus,
    ExerciseScore,
    ScorePart,
    score_exercise,
)
from crisiscomms._findings import Finding, Level, has_errors
from crisiscomms._lint import CellState, CoverageCell, LintReport, lint_plan
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
from crisiscomms._review import Lesson, Metric, Review, Theme, apply_lessons, review_crisis
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
from crisiscomms.model._marking import MarkerPlacement
from crisiscomms.model._mention import Mention
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._record import CrisisRecord, SituationChange
from crisiscomms.model._scenario import (
    ActionKind,
    ExerciseLog,
    ExerciseMessage,
    ExpectedAction,
    Inject,
    InjectKind,
    Rebuttal,
    Scenario,
    SeverityChange,
    TemplateApproval,
)
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
    "ActionKind",
    "ActionResult",
    "ActionStatus",
    "Approval",
    "ApprovalState",
    "ApprovalStatus",
    "Audience",
    "CapCategory",
    "CapSeverity",
    "CellState",
    "Channel",
    "ClaimMatch",
    "ConsistencyReport",
    "CoverageCell",
    "CrisisCommsError",
    "CrisisRecord",
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
    "ExerciseLog",
    "ExerciseMessage",
    "ExerciseScore",
    "ExpectedAction",
    "ExtractedValue",
    "FactKind",
    "FactSpec",
    "FactTypeError",
    "Finding",
    "FindingCode",
    "FindingCodes",
    "Gap",
    "Inject",
    "InjectKind",
    "InputError",
    "InputTypeError",
    "InputValueError",
    "KnownClaim",
    "Lesson",
    "Level",
    "LintReport",
    "LocaleMatch",
    "MarkerPlacement",
    "Markup",
    "Measurement",
    "Mention",
    "Message",
    "MessageTemplate",
    "Metric",
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
    "Rebuttal",
    "RefusalReason",
    "RefusedCandidate",
    "RenderError",
    "ResponsePlan",
    "Review",
    "Role",
    "Scenario",
    "Schedule",
    "ScorePart",
    "Selection",
    "SentMessage",
    "Severity",
    "SeverityChange",
    "Signals",
    "Signature",
    "Situation",
    "SituationChange",
    "Stakeholder",
    "StakeholderKind",
    "StatedFact",
    "TemplateApproval",
    "TemplateSyntaxError",
    "Theme",
    "TimelinessReport",
    "Training",
    "TriageEntry",
    "UnknownPlatformError",
    "UnsupportedLocaleError",
    "ValueKind",
    "Verdict",
    "apply_lessons",
    "approval_payload",
    "approval_status",
    "check_consistency",
    "check_message",
    "draft_responses",
    "evaluate_timeliness",
    "extract_values",
    "generate_scenario",
    "has_errors",
    "lint_plan",
    "load_plan",
    "match_claims",
    "measure",
    "measure_signals",
    "parse_message",
    "public_key_of",
    "recommend_escalation",
    "render",
    "review_crisis",
    "schedule",
    "score_exercise",
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
