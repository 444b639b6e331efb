"""Shared hypothesis strategies. Each block belongs to one part of the library."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

# -- plan documents (load_plan) ---------------------------------------------

#: Any Unicode text, lone surrogates included (hypothesis leaves them out by default).
any_text = st.text(st.characters(exclude_categories=()), max_size=30)

#: Strings a plan is made of: ids, locales, zones, durations, dates, and any text.
plan_like_text = st.one_of(
    any_text,
    st.sampled_from(
        [
            "",
            "low",
            "high",
            "Data Breach",
            "fr_FR",
            "fr-FR",
            "en_GB",
            "xx_YY",
            "Europe/Paris",
            "Europe",
            "Mars/Olympus",
            "../etc",
            "PT1H",
            "P3D",
            "PT0S",
            "-PT1H",
            "2026-11-24T08:40:00+01:00",
            "2026-11-24T08:40:00",
            "2026-02-30",
            "x",
            "sms",
            "email",
            "initial",
            "Severe",
            "0" * 64,
            "\ud800",
            "\u202e",
        ]
    ),
)

_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    plan_like_text,
)

#: JSON-like data: nested dicts and lists of scalars (floats may be NaN or infinite).
json_like = st.recursive(
    _json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(plan_like_text, children, max_size=4),
    ),
    max_leaves=20,
)


def _paths(value: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `value` (dict keys and list indexes)."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


@st.composite
def mutated_documents(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """`document` (a JSON-shaped plan) with a few fields dropped or replaced at random.

    A deep copy is changed; `document` itself is left alone.
    """
    mutated: dict[str, Any] = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(mutated)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(mutated, path)
        action = draw(st.sampled_from(["drop", "replace", "add"]))
        if action == "drop":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(json_like)
        elif isinstance(parent, dict):
            parent[draw(plan_like_text)] = draw(json_like)
        else:
            parent.append(draw(json_like))
    return mutated
