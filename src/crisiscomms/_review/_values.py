"""What a post-crisis review returns: metrics by theme, lessons, and the review itself."""

from __future__ import annotations

import enum
import json
from datetime import datetime, timedelta
from typing import Any, final

import attrs

from crisiscomms._findings import Finding
from crisiscomms._records import MetricRecord

__all__ = ["Lesson", "Metric", "Theme", "show"]


@final
class Theme(enum.StrEnum):
    """The themes of a post-crisis review, in the order the report gives them.

    >>> from crisiscomms import Theme
    >>> [theme.value for theme in Theme][:3]
    ['first_statement', 'cadence', 'obligations']
    """

    FIRST_STATEMENT = "first_statement"
    CADENCE = "cadence"
    OBLIGATIONS = "obligations"
    ACCURACY = "accuracy"
    MISINFORMATION = "misinformation"
    COVERAGE = "coverage"
    APPROVALS = "approvals"
    ESCALATION = "escalation"

    @property
    def heading(self) -> str:
        """The theme's heading in reports."""
        return _TITLES[self]


_TITLES = {
    Theme.FIRST_STATEMENT: "First public statement",
    Theme.CADENCE: "Update cadence",
    Theme.OBLIGATIONS: "Obligations",
    Theme.ACCURACY: "Accuracy",
    Theme.MISINFORMATION: "Misinformation",
    Theme.COVERAGE: "Coverage",
    Theme.APPROVALS: "Approvals",
    Theme.ESCALATION: "Escalation",
}

#: What a metric's value or target can be.
Value = timedelta | float | int | str | None


def _human(delta: timedelta) -> str:
    seconds = int(abs(delta).total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [f"{days} d"] if days else []
    if hours:
        parts.append(f"{hours} h")
    if minutes or not parts:
        parts.append(f"{minutes:02d} min" if parts else f"{minutes} min")
    return ("-" if delta < timedelta(0) else "") + " ".join(parts)


def show(value: Value | datetime) -> str:
    """A metric's value as a report shows it.

    >>> show(timedelta(hours=1, minutes=5)), show(0.5), show(None)
    ('1 h 05 min', '50 %', '—')
    """
    if value is None:
        return "—"
    if isinstance(value, timedelta):
        return _human(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z").strip()
    if isinstance(value, float):
        return f"{value:.0%}".replace("%", " %")
    return str(value)


@final
@attrs.frozen
class Metric:
    """One measurement of a review: what was measured, on what, against which target.

    Args:
        theme: the theme it belongs to.
        name: what it measures (``"first statement"``, ``"updates on time"``, ...);
            each is defined in the how-to "Review a crisis and update the plan".
        subject: what it was measured on: a stakeholder, a message, a claim,
            an obligation, a severity; empty for the crisis as a whole.
        value: the measurement: a duration, a share (0 to 1), a count or a word.
        target: what the plan asked for, when it asks for something.
        met: whether the target was met; None when there is no target, or
            the question stayed open at the end of the record.
        detail: the evidence in words (which message, when).

    >>> from datetime import timedelta
    >>> from crisiscomms import Metric, Theme
    >>> m = Metric(Theme.FIRST_STATEMENT, "first statement", "media",
    ...            timedelta(minutes=75), timedelta(hours=1), False, "press-1 at 09:55")
    >>> print(m)
    first statement [media]: 1 h 15 min (target 1 h) missed; press-1 at 09:55
    """

    theme: Theme
    name: str
    subject: str
    value: Value
    target: Value = None
    met: bool | None = None
    detail: str = ""

    def __str__(self) -> str:
        where = f" [{self.subject}]" if self.subject else ""
        target = "" if self.target is None else f" (target {show(self.target)})"
        verdict = {True: " met", False: " missed", None: ""}[self.met]
        detail = f"; {self.detail}" if self.detail else ""
        return f"{self.name}{where}: {show(self.value)}{target}{verdict}{detail}"

    def to_record(self) -> MetricRecord:
        """The metric as a flat dict: as the report shows it, and as a number to plot.

        ``value_number`` and ``target_number`` are seconds for durations, the
        number itself for counts and shares, None for a text or no value.
        """

        def number(value: Value) -> float | None:
            if isinstance(value, timedelta):
                return value.total_seconds()
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            return None

        return MetricRecord(
            theme=self.theme.value,
            metric=self.name,
            subject=self.subject,
            value=show(self.value),
            target=None if self.target is None else show(self.target),
            value_number=number(self.value),
            target_number=number(self.target),
            met=self.met,
            detail=self.detail,
        )


@final
@attrs.frozen
class Lesson:
    """What went wrong, the plan element it points at, and the change that follows.

    Args:
        id: unique within a review: the finding's code and the path
            (``REV006 templates[breach-investors-en].approval``).
        finding: what happened, with the metric and the evidence (a ``REV`` finding).
        theme: the theme of the metric it comes from.
        path: the plan element, as `crisiscomms.PlanProblem` paths read
            (``stakeholders[investors].channels``, ``severities[high].first_statement_within``).
        suggestion: what to change, in words.
        patch: the change as RFC 6902 JSON Patch operations on the plan's JSON
            document (`Plan.to_json`), as JSON text; ``"[]"`` when no concrete
            change follows. Each patch starts with a ``test`` of the element's
            id, so that it never applies to another element.

    >>> from crisiscomms import Finding, Lesson, Theme
    >>> lesson = Lesson("REV010 claims[x].rebuttal_key",
    ...                 Finding.of("REV010", "never rebutted"), Theme.MISINFORMATION,
    ...                 "claims[x].rebuttal_key", "write a rebuttal")
    >>> lesson.operations(), lesson.has_patch
    ([], False)
    """

    id: str
    finding: Finding
    theme: Theme
    path: str
    suggestion: str
    patch: str = "[]"

    @property
    def has_patch(self) -> bool:
        """True when a concrete change follows (the patch has operations)."""
        return self.patch != "[]"

    def operations(self) -> list[dict[str, Any]]:
        """The JSON Patch operations, as a new list of dicts."""
        result: list[dict[str, Any]] = json.loads(self.patch)
        return result

    def __str__(self) -> str:
        change = f"; patch: {self.patch}" if self.has_patch else ""
        return f"{self.finding}\n  -> {self.path}: {self.suggestion}{change}"
