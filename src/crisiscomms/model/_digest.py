"""What an approval binds: the canonical form of a template's text and of where it may go.

The canonical form (documented in docs/reference/approvals-and-selection.md)
is a JSON object with these keys, sorted, no spaces (separators ``,`` and
``:``), non-ASCII characters written as themselves, encoded as UTF-8:

- ``form``: ``"crisiscomms.template/1"`` (names this recipe);
- ``text``: the text, NFC-normalised;
- ``key``, ``locale``, ``phase``: as validated (the locale normalised, e.g. ``fr_FR``);
- ``crisis_types``, ``severities``, ``stakeholders``, ``channels``: each a
  list of ids, sorted and without repeats (an empty list means "any").

The digest is the SHA-256 of those bytes, as 64 lowercase hex digits. Order
and repetition in a scope list do not change where a template may go, so
they do not change the digest; anything else does.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable

__all__ = ["BOUND_FIELDS", "canonical_template", "scope_digest"]

#: The form named in every canonical template: a new recipe gets a new name.
FORM = "crisiscomms.template/1"
#: The fields of a template an approval binds, in the order messages list them.
BOUND_FIELDS = (
    "text",
    "key",
    "locale",
    "phase",
    "crisis_types",
    "severities",
    "stakeholders",
    "channels",
)


def canonical_template(
    *,
    text: str,
    key: str,
    locale: str,
    phase: str,
    crisis_types: Iterable[str],
    severities: Iterable[str],
    stakeholders: Iterable[str],
    channels: Iterable[str],
) -> bytes:
    """The canonical bytes of a template's bound fields (see the module docstring)."""
    document = {
        "channels": sorted(set(channels)),
        "crisis_types": sorted(set(crisis_types)),
        "form": FORM,
        "key": key,
        "locale": locale,
        "phase": phase,
        "severities": sorted(set(severities)),
        "stakeholders": sorted(set(stakeholders)),
        "text": unicodedata.normalize("NFC", text),
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def scope_digest(
    *,
    text: str,
    key: str,
    locale: str,
    phase: str,
    crisis_types: Iterable[str],
    severities: Iterable[str],
    stakeholders: Iterable[str],
    channels: Iterable[str],
) -> str:
    """SHA-256 (lowercase hex) of `canonical_template` of the given fields."""
    canonical = canonical_template(
        text=text,
        key=key,
        locale=locale,
        phase=phase,
        crisis_types=crisis_types,
        severities=severities,
        stakeholders=stakeholders,
        channels=channels,
    )
    return hashlib.sha256(canonical).hexdigest()
