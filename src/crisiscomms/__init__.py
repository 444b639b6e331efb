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
#   _errors, _codes, _findings, _records, _tables  the error tree, the registry of
#                     finding codes, the Finding value, result rows and tables: every floor
# Names are imported on first use (module __getattr__), so that `import crisiscomms`
# costs little more than its dependencies: a command line or a serverless function
# pays only for what it calls.

from __future__ import annotations

import importlib
import sys
import typing as _typing

if _typing.TYPE_CHECKING:
    from crisiscomms._checking import check_message
    from crisiscomms._codes import FINDING_CODES, FindingCode, FindingCodes
    from crisiscomms._consistency import ConsistencyReport, StatedFact, check_consistency
    from crisiscomms._drafting import Draft, DraftSet, draft_responses
    from crisiscomms._errors import (
        CrisisCommsError,
        FactTypeError,
        FrozenInstanceError,
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
    from crisiscomms._exercises._score import (
        ActionResult,
        ActionStatus,
        ExerciseScore,
        ScorePart,
    )
    from crisiscomms._exercises._scoring import score_exercise
    from crisiscomms._findings import Finding, Level, has_errors
    from crisiscomms._lint import CellState, CoverageCell, LintReport, lint_plan
    from crisiscomms._message import Message
    from crisiscomms._monitoring import (
        ClaimIndex,
        ClaimMatch,
        Escalation,
        Evidence,
        PartialSignals,
        Signals,
        TriageEntry,
        build_claim_index,
        match_claims,
        measure_signals,
        partial_signals,
        recommend_escalation,
        triage,
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
    "ClaimIndex",
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
    "FrozenInstanceError",
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
    "PartialSignals",
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
    "build_claim_index",
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
    "partial_signals",
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
    "triage",
]

#: Where each exported name lives (tests/test_public_api.py holds it to the imports above).
_EXPORTS: _typing.Final = {
    "crisiscomms._checking": ("check_message",),
    "crisiscomms._codes": (
        "FINDING_CODES",
        "FindingCode",
        "FindingCodes",
    ),
    "crisiscomms._consistency": (
        "ConsistencyReport",
        "StatedFact",
        "check_consistency",
    ),
    "crisiscomms._drafting": (
        "Draft",
        "DraftSet",
        "draft_responses",
    ),
    "crisiscomms._errors": (
        "CrisisCommsError",
        "FactTypeError",
        "FrozenInstanceError",
        "InputError",
        "InputTypeError",
        "InputValueError",
        "MissingFactError",
        "ModelError",
        "NaiveDatetimeError",
        "NoApprovedTemplate",
        "PlanError",
        "PlanProblem",
        "RenderError",
        "TemplateSyntaxError",
        "UnknownPlatformError",
        "UnsupportedLocaleError",
    ),
    "crisiscomms._exercises._generation": ("generate_scenario",),
    "crisiscomms._exercises._score": (
        "ActionResult",
        "ActionStatus",
        "ExerciseScore",
        "ScorePart",
    ),
    "crisiscomms._exercises._scoring": ("score_exercise",),
    "crisiscomms._findings": (
        "Finding",
        "Level",
        "has_errors",
    ),
    "crisiscomms._lint": (
        "CellState",
        "CoverageCell",
        "LintReport",
        "lint_plan",
    ),
    "crisiscomms._message": ("Message",),
    "crisiscomms._monitoring": (
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
    ),
    "crisiscomms._rendering": ("render",),
    "crisiscomms._review": (
        "Lesson",
        "Metric",
        "Review",
        "Theme",
        "apply_lessons",
        "review_crisis",
    ),
    "crisiscomms._selection": (
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
    ),
    "crisiscomms._timeline": (
        "Deadline",
        "DeadlineKind",
        "DeadlineState",
        "DeadlineStatus",
        "Schedule",
        "TimelinessReport",
        "evaluate_timeliness",
        "schedule",
    ),
    "crisiscomms.model._base": (
        "Audience",
        "CapCategory",
        "CapSeverity",
        "FactKind",
        "Mode",
        "Phase",
        "StakeholderKind",
        "Verdict",
    ),
    "crisiscomms.model._elements": (
        "Approval",
        "Channel",
        "CrisisType",
        "EscalationRule",
        "Exercise",
        "FactSpec",
        "KnownClaim",
        "MessageTemplate",
        "Obligation",
        "Person",
        "Role",
        "Severity",
        "Signature",
        "Stakeholder",
        "Training",
    ),
    "crisiscomms.model._loading": ("load_plan",),
    "crisiscomms.model._marking": ("MarkerPlacement",),
    "crisiscomms.model._mention": ("Mention",),
    "crisiscomms.model._plan": (
        "Plan",
        "Situation",
    ),
    "crisiscomms.model._record": (
        "CrisisRecord",
        "SituationChange",
    ),
    "crisiscomms.model._scenario": (
        "ActionKind",
        "ExerciseLog",
        "ExerciseMessage",
        "ExpectedAction",
        "Inject",
        "InjectKind",
        "Rebuttal",
        "Scenario",
        "SeverityChange",
        "TemplateApproval",
    ),
    "crisiscomms.model._sent": ("SentMessage",),
    "crisiscomms.model._template_digest": ("template_digest",),
    "crisiscomms.text._extraction": (
        "ExtractedValue",
        "MonthDay",
        "ValueKind",
        "extract_values",
    ),
    "crisiscomms.text._markup": ("Markup",),
    "crisiscomms.text._measure": (
        "Measurement",
        "measure",
    ),
    "crisiscomms.text._messageformat": (
        "ParsedMessage",
        "parse_message",
    ),
    "crisiscomms.text._platforms": ("Platform",),
}
_HOME: _typing.Final = {name: module for module, names in _EXPORTS.items() for name in names}


def _show_at_home() -> None:
    # Show `crisiscomms.Plan`, not `crisiscomms.model._plan.Plan`, in reprs, docs and
    # pickles: every exported object of a module imported so far says it is ours.
    for module_name, names in _EXPORTS.items():
        module = sys.modules.get(module_name)
        if module is not None and module_name not in _SHOWN:
            _SHOWN.add(module_name)
            for name in names:
                value = getattr(module, name)
                if isinstance(value, type) or callable(value):
                    value.__module__ = __name__


_SHOWN: set[str] = set()


def __getattr__(name: str) -> _typing.Any:
    """Import an exported name on first use; `__version__` from the installed metadata."""
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415  # slow import, rarely read

        return version(__name__)
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    _show_at_home()
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})
