"""`apply_lessons`: the chosen lessons' JSON Patches applied to the plan, and the plan reloaded."""

from __future__ import annotations

import json
from collections.abc import Iterable

from crisiscomms._arguments import collection_of, plan_of
from crisiscomms._errors import PlanError, PlanProblem
from crisiscomms._review._values import Lesson
from crisiscomms.model._loading import load_plan
from crisiscomms.model._plan import Plan

__all__ = ["apply_lessons"]


def apply_lessons(plan: Plan, lessons: Iterable[Lesson], /) -> Plan:
    """The plan with the lessons' changes applied, one lesson after the other, reloaded.

    Each lesson's JSON Patch (RFC 6902) is applied to the plan's JSON
    document (`Plan.to_json`), in the order given; the result is loaded with
    `load_plan`, so it is a valid plan or an error. Lessons without a patch
    change nothing. The plan given is not changed.

    Raises:
        PlanError: a patch that does not apply (its ``test`` of the element's
            id fails, or a path is missing), or a result that does not load;
            each problem's path starts with the lesson that broke it
            (``lesson 'REV006 templates[x].approval'``).
        InputTypeError: a plan or lessons of the wrong type.

    >>> from crisiscomms import review_crisis
    >>> from crisiscomms.samples import demo_plan, demo_record
    >>> plan = demo_plan()
    >>> review = review_crisis(plan, demo_record())
    >>> scope = [x for x in review.lessons if x.path.endswith(".crisis_types")]
    >>> apply_lessons(plan, scope).template("rumour-rebuttal-fr").crisis_types
    ('false-rumour', 'data-breach')
    """
    import jsonpatch  # noqa: PLC0415 (lazily: only applying lessons needs it)

    plan = plan_of(plan)
    chosen = collection_of(lessons, Lesson, "lessons")
    document = json.loads(plan.to_json())
    # A template's `digest` is computed from its text and scope: a lesson that changes
    # them changes it, so the document carries none and the loader computes it again.
    # An approval keeps the digest it signed, and so stops counting until re-approved.
    for template in document.get("templates", ()):
        template.pop("digest", None)
    for lesson in chosen:
        if not lesson.has_patch:
            continue
        where = f"lesson {lesson.id!r}"
        try:
            document = jsonpatch.apply_patch(document, lesson.operations())
        except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
            raise PlanError(
                (
                    PlanProblem(
                        where,
                        f"its patch does not apply to this plan ({exc}); review the plan"
                        " again, or leave the lesson out",
                    ),
                )
            ) from None
        try:
            load_plan(document)
        except PlanError as exc:
            raise PlanError(
                tuple(PlanProblem(f"{where}: {p.path}", p.message) for p in exc.problems)
            ) from None
    return load_plan(document)
