"""`Message`: one text for one channel, drafted by the library or typed by a person."""

from __future__ import annotations

from typing import final

import attrs

from crisiscomms._errors import InputError
from crisiscomms.model._base import Phase

__all__ = ["Message"]


def _text(instance: Message, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InputError.for_type(attribute.name, "a str", value)


def _optional_text(
    instance: Message, attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None and not isinstance(value, str):
        raise InputError.for_argument(attribute.name, "a str or None", value)


_PHASES = frozenset(p.value for p in Phase)


def _phase(value: object) -> Phase | None:
    if value is None or isinstance(value, Phase):
        return value
    if isinstance(value, str) and value in _PHASES:
        return Phase(value)
    phases = ", ".join(repr(p.value) for p in Phase)
    if isinstance(value, str):
        raise InputError.for_argument("phase", f"a phase ({phases}) or None", value)
    raise InputError.for_type("phase", f"a crisiscomms.Phase ({phases}) or None", value)


@final
@attrs.frozen
class Message:
    """One message for one channel: what consistency and length checks read.

    Build one to check a hand-written post; `draft_responses` builds them from
    templates.

    Args:
        text: the message as it will be posted.
        channel: a channel id of the plan, or a platform name (``"x"``, ``"sms"``).
        locale: the locale it is written in (``"fr_FR"``).
        stakeholder: the stakeholder it addresses, if any.
        template_id: the template it was rendered from, if any.
        timezone: the time zone its readers are in (IANA name), if known.
        id: a name for reports; defaults to the channel and locale.
        phase: the phase of the crisis it belongs to (``"update"``,
            ``"resolved"``, ...): a `Phase` or its value. The checks read a
            message's phase from it, else from its template; a message with
            neither is held to the rules of every phase.

    >>> m = Message("Incident résolu.", channel="x", locale="fr_FR", phase="resolved")
    >>> m.label, m.phase
    ('x/fr_FR', <Phase.RESOLVED: 'resolved'>)
    """

    text: str = attrs.field(validator=_text)
    channel: str = attrs.field(validator=_text)
    locale: str = attrs.field(validator=_text)
    stakeholder: str | None = attrs.field(default=None, validator=_optional_text)
    template_id: str | None = attrs.field(default=None, validator=_optional_text)
    timezone: str | None = attrs.field(default=None, validator=_optional_text)
    id: str = attrs.field(default="", validator=_text)
    phase: Phase | None = attrs.field(default=None, converter=_phase)

    @property
    def label(self) -> str:
        """The id, or ``stakeholder/channel/locale`` when the message has none."""
        if self.id:
            return self.id
        parts = [self.stakeholder, self.channel, self.locale]
        return "/".join(p for p in parts if p)
