"""Lessons: paths into the plan as `PlanProblem` reads them, and JSON Patch operations.

A lesson's path names elements by id (``stakeholders[investors].channels``);
its patch addresses the plan's JSON document (`Plan.to_json`) by list index
(``/stakeholders/4/channels/-``), and starts with a ``test`` operation on the
element's id, so that a patch computed for one plan never changes another
element of a different plan: it fails instead, and `apply_lessons` says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from crisiscomms._findings import Finding
from crisiscomms._review._values import Lesson, Theme
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.model._plan import Plan

__all__ = ["duration_json", "element", "lesson", "reapproval", "unique"]

#: The field that identifies the elements of each section (``id`` unless listed).
_KEYS = {"facts": "name"}


def element(plan: Plan, section: str, ident: str) -> tuple[str, str, list[dict[str, Any]]]:
    """The path, the JSON pointer and the guarding ``test`` operation of one element.

    >>> from crisiscomms.samples import demo_plan
    >>> path, pointer, guard = element(demo_plan(), "stakeholders", "investors")
    >>> path, pointer, guard[0]["path"]
    ('stakeholders[investors]', '/stakeholders/4', '/stakeholders/4/id')
    """
    key = _KEYS.get(section, "id")
    items: Sequence[Any] = getattr(plan, section)
    index = next(i for i, item in enumerate(items) if getattr(item, key) == ident)
    pointer = f"/{section}/{index}"
    guard = [{"op": "test", "path": f"{pointer}/{key}", "value": ident}]
    return f"{section}[{ident}]", pointer, guard


def lesson(  # noqa: PLR0917 (the parts of a lesson, in the order it reads)
    code: str,
    message: str,
    theme: Theme,
    path: str,
    suggestion: str,
    patch: Iterable[dict[str, Any]] = (),
) -> Lesson:
    """A lesson with its ``REV`` finding; `patch` empty when no concrete change follows."""
    operations = list(patch)
    return Lesson(
        id=f"{code} {path}",
        finding=Finding.of(code, message, subject=path),
        theme=theme,
        path=path,
        suggestion=suggestion,
        patch=json.dumps(operations, ensure_ascii=False, sort_keys=True) if operations else "[]",
    )


def duration_json(value: timedelta) -> str:
    """A duration as the plan's JSON writes it (ISO 8601, ``PT1H30M``)."""
    seconds = int(value.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n)
    return "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "") or "PT0S"


def reapproval(template: MessageTemplate, at: datetime) -> dict[str, Any] | None:
    """The approval of the template's current text by its last approvers, given at `at`.

    The same validity period as before; None when the template was never
    approved (there is nobody to name).
    """
    previous = template.approval
    if previous is None:
        return None
    expires = None
    if previous.expires_at is not None:
        try:
            expires = (at + (previous.expires_at - previous.approved_at)).isoformat()
        except OverflowError:  # a record at the end of the calendar: no patch to give
            return None
    return {
        "approved_by": list(previous.approved_by),
        "approved_at": at.isoformat(),
        "expires_at": expires,
        "digest": template.digest,
    }


def unique(lessons: Iterable[Lesson]) -> tuple[Lesson, ...]:
    """The lessons without repeats of an id (the first stays), in order."""
    seen: dict[str, Lesson] = {}
    for item in lessons:
        seen.setdefault(item.id, item)
    return tuple(seen.values())
