"""crisiscomms: an organisation's crisis communication plan as typed, executable logic.

>>> import crisiscomms
>>> crisiscomms.Level.ERROR
<Level.ERROR: 'error'>
"""

# General layout. Imports only go down, and nothing here does I/O:
#   crisiscomms       this face: explicit re-exports, one sorted __all__
#   capabilities      _selection, _rendering, _drafting, _consistency, ... one module each
#   model/            the plan and the situation as users write them (pydantic, frozen)
#   text/             string mechanics without domain knowledge (platform lengths,
#                     ICU MessageFormat, fact extraction, Unicode safety)
#   _errors, _findings  the error tree and the Finding value, used by every floor
# Names are imported on first use (module __getattr__), so that `import crisiscomms`
# costs little more than its dependencies: a command line or a serverless function
# pays only for what it calls.

from __future__ import annotations

import importlib
import sys
import typing as _typing

if _typing.TYPE_CHECKING:
    from crisiscomms._approvals import ApprovalState, ApprovalStatus, approval_status
    from crisiscomms._checking import check_message
    from crisiscomms._claims import ClaimMatch, match_claims
    from crisiscomms._consistency import check_consistency
    from crisiscomms._consistency_report import ConsistencyReport, StatedFact
    from crisiscomms._drafting import Draft, DraftSet, draft_responses
    from crisiscomms._errors import (
        CrisisCommsError,
        FactTypeError,
        InputError,
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
    from crisiscomms._escalation import Escalation, Evidence, TriageEntry, recommend_escalation
    from crisiscomms._findings import Finding, Level, has_errors
    from crisiscomms._message import Message
    from crisiscomms._rendering import render
    from crisiscomms._selection import (
        Gap,
        LocaleMatch,
        RefusalReason,
        RefusedCandidate,
        ResponsePlan,
        Selection,
        select_response,
        select_responses,
    )
    from crisiscomms._signals import Signals, measure_signals
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
        Stakeholder,
        Training,
    )
    from crisiscomms.model._loading import load_plan
    from crisiscomms.model._mention import Mention
    from crisiscomms.model._plan import Plan, Situation
    from crisiscomms.model._sent import SentMessage
    from crisiscomms.text._extraction import ExtractedValue, MonthDay, ValueKind, extract_values
    from crisiscomms.text._markup import Markup
    from crisiscomms.text._measure import Measurement, measure
    from crisiscomms.text._messageformat import ParsedMessage, parse_message
    from crisiscomms.text._platforms import Platform

__all__ = [
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
    "Gap",
    "InputError",
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
    "recommend_escalation",
    "render",
    "schedule",
    "select_response",
    "select_responses",
]

#: Where each exported name lives (tests/test_public_api.py holds it to the imports above).
_EXPORTS: _typing.Final = {
    "crisiscomms._approvals": ("ApprovalState", "ApprovalStatus", "approval_status"),
    "crisiscomms._checking": ("check_message",),
    "crisiscomms._claims": ("ClaimMatch", "match_claims"),
    "crisiscomms._consistency": ("check_consistency",),
    "crisiscomms._consistency_report": ("ConsistencyReport", "StatedFact"),
    "crisiscomms._drafting": ("Draft", "DraftSet", "draft_responses"),
    "crisiscomms._errors": (
        "CrisisCommsError",
        "FactTypeError",
        "InputError",
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
    "crisiscomms._escalation": ("Escalation", "Evidence", "TriageEntry", "recommend_escalation"),
    "crisiscomms._findings": ("Finding", "Level", "has_errors"),
    "crisiscomms._message": ("Message",),
    "crisiscomms._rendering": ("render",),
    "crisiscomms._selection": (
        "Gap",
        "LocaleMatch",
        "RefusalReason",
        "RefusedCandidate",
        "ResponsePlan",
        "Selection",
        "select_response",
        "select_responses",
    ),
    "crisiscomms._signals": ("Signals", "measure_signals"),
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
        "Stakeholder",
        "Training",
    ),
    "crisiscomms.model._loading": ("load_plan",),
    "crisiscomms.model._mention": ("Mention",),
    "crisiscomms.model._plan": ("Plan", "Situation"),
    "crisiscomms.model._sent": ("SentMessage",),
    "crisiscomms.text._extraction": ("ExtractedValue", "MonthDay", "ValueKind", "extract_values"),
    "crisiscomms.text._markup": ("Markup",),
    "crisiscomms.text._measure": ("Measurement", "measure"),
    "crisiscomms.text._messageformat": ("ParsedMessage", "parse_message"),
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
                getattr(module, name).__module__ = __name__


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
