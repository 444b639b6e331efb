"""The demo plan at scale: N copies of its stakeholders and channels (issue 14, goal 3).

Two shapes, both made of the demo's own elements with new ids (``<id>-<k>``
for copy ``k``) and valid, signed approvals:

- ``"copies"``: every copy also has its own copies of the templates that
  name a demo stakeholder or channel id (scoped to that copy's ids), so
  each copy is the demo plan again beside the others; templates scoped
  only by crisis type, phase or platform stay shared by all copies;
- ``"shared"``: the templates are not copied; each template that names a
  demo stakeholder or channel id names that element in every copy, as a
  plan does when one text serves hundreds of regional stakeholders.

In both shapes, the draft of copy ``k``'s target ``s-k/c-k/locale`` is the
demo's draft for ``s/c/locale``: the same template key, text, measurement
and finding codes (`tests/test_drafting_scale.py` holds it).
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from crisiscomms import Plan, load_plan
from crisiscomms._selection._signatures import sign_approval
from crisiscomms.model._digest import scope_digest
from crisiscomms.model._elements import Approval
from crisiscomms.samples import demo_plan, demo_private_key

__all__ = ["Shape", "copy_id", "scaled_plan"]

Shape = Literal["copies", "shared"]

_SCOPE = ("key", "locale", "phase", "crisis_types", "severities", "stakeholders", "channels")


def copy_id(element_id: str, k: int, /) -> str:
    """The id of copy `k` of a demo stakeholder or channel."""
    return f"{element_id}-{k}"


def _signed(template: dict[str, Any]) -> dict[str, Any]:
    """`template` with its approval made again for its (new) scope, signed by the same people."""
    old = template["approval"]
    # A demo approval that does not hold (a tampered template) stays broken.
    tampered = old["digest"] != template["digest"]
    text = template["text"] + (" (before an edit)" if tampered else "")
    approval = Approval.model_validate(
        {
            "approved_by": old["approved_by"],
            "approved_at": old["approved_at"],
            "expires_at": old["expires_at"],
            "digest": scope_digest(text=text, **{f: template[f] for f in _SCOPE}),
        }
    )
    for person_id in old["approved_by"]:
        approval = sign_approval(approval, by=person_id, private_key=demo_private_key(person_id))
    out = {**template, "approval": approval.model_dump(mode="json")}
    out.pop("digest", None)
    return out


@functools.cache
def scaled_plan(copies: int, shape: Shape) -> Plan:
    """The demo plan with `copies` copies of its stakeholders and channels, in `shape`."""
    document = demo_plan().model_dump(mode="json")
    stakeholders = document["stakeholders"]
    channels = document["channels"]
    channel_ids = {c["id"] for c in channels}
    stakeholder_ids = {s["id"] for s in stakeholders}
    document["channels"] = [
        {**c, "id": copy_id(c["id"], k)} for k in range(copies) for c in channels
    ]
    document["stakeholders"] = [
        {**s, "id": copy_id(s["id"], k), "channels": [copy_id(c, k) for c in s["channels"]]}
        for k in range(copies)
        for s in stakeholders
    ]
    # Obligations name one stakeholder; they do not change what is drafted.
    document["obligations"] = [
        {**o, "stakeholder": copy_id(o["stakeholder"], 0)} for o in document["obligations"]
    ]

    platforms = {c["platform"]: c["id"] for c in channels}
    assert len(platforms) == len(channels)  # one channel per platform in the demo

    def scope_of(template: dict[str, Any], ks: range) -> dict[str, Any]:
        # A channel id names that channel of each copy; in "copies", a platform
        # names the copy's channel of that platform (in "shared" it stays a
        # platform, which every copy's channel of it matches).
        tokens = template["channels"]
        own = [c for c in tokens if c in channel_ids]
        if shape == "copies":
            own += [platforms[c] for c in tokens if c not in channel_ids]
        return {
            "stakeholders": [copy_id(s, k) for k in ks for s in template["stakeholders"]],
            "channels": [
                *(c for c in tokens if shape == "shared" and c not in channel_ids),
                *(copy_id(c, k) for k in ks for c in dict.fromkeys(own)),
            ],
        }

    templates = []
    for template in document["templates"]:
        assert not set(template["stakeholders"]) - stakeholder_ids
        if not template["stakeholders"] and not template["channels"]:
            templates.append(template)  # unscoped: every copy's
        elif shape == "shared":
            templates.append(_signed({**template, **scope_of(template, range(copies))}))
        else:
            templates.extend(
                _signed(
                    {
                        **template,
                        "id": copy_id(template["id"], k),
                        **scope_of(template, range(k, k + 1)),
                    }
                )
                for k in range(copies)
            )
    document["templates"] = templates
    return load_plan(document)
