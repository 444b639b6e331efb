"""Values computed from a plan and kept while the plan lives.

A frozen plan is hashed by every field, which is slow for a big plan, so the
values are found by the plan's identity. A finalizer drops a value when its
plan dies, before the id can be reused, and nothing here holds the plan
itself: a process that loads a plan per request keeps nothing of the plans
it has let go.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from crisiscomms.model._plan import Plan

__all__ = ["Kept", "kept_for"]

T = TypeVar("T")

#: Values by the id of their plan, with a weak reference that tells a reused id.
Kept = dict[int, tuple[weakref.ref[Plan], T]]


def kept_for(plan: Plan, kept: Kept[T], build: Callable[[Plan], T], /) -> T:
    """The value `kept` holds for `plan`, built by `build` on first use."""
    key = id(plan)
    entry = kept.get(key)
    if entry is not None and entry[0]() is plan:
        return entry[1]
    value = build(plan)
    kept[key] = (weakref.ref(plan), value)
    weakref.finalize(plan, kept.pop, key, None)
    return value
