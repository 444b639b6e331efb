"""`template_digest`: the digest an approval of a template must carry."""

from __future__ import annotations

from crisiscomms._errors import InputError
from crisiscomms.model._elements import MessageTemplate

__all__ = ["template_digest"]


def template_digest(template: MessageTemplate, /) -> str:
    r"""The digest an approval of `template` must carry: its text and its scope, bound.

    SHA-256, as 64 lowercase hex digits, of the template's canonical form: a
    JSON object of ``form`` (``"crisiscomms.template/1"``), the NFC text, the
    key, locale and phase, and the sorted, deduplicated lists of crisis types,
    severities, stakeholders and channels, keys sorted, no spaces, UTF-8
    (docs/reference/approvals-and-selection.md gives the recipe). Any change
    of text, key, locale, phase or scope changes it, and so revokes an
    approval; a change of Unicode normal form, or of the order of a scope
    list, does not.

    >>> from crisiscomms import MessageTemplate
    >>> t = MessageTemplate(id="t", key="closed", locale="fr_FR", phase="initial",
    ...                     text="Caf\u00e9 ferm\u00e9", channels=["sms", "email"])
    >>> template_digest(t) == t.digest
    True
    >>> template_digest(t.model_copy(update={"channels": ("email", "sms")})) == t.digest
    True
    >>> template_digest(t.model_copy(update={"locale": "fr_BE"})) == t.digest
    False
    """
    if not isinstance(template, MessageTemplate):
        raise InputError.for_argument("template", "a crisiscomms.MessageTemplate", template)
    return template.digest
