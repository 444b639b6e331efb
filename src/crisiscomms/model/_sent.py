"""`SentMessage`: the record of one message that went out, as the caller logs it.

A sent message is written by users and their tools (a chat bot, a social
media scheduler), stored in logs and passed between processes, so it is a
pydantic model like the plan: validated, frozen, JSON round-trippable, with
a JSON Schema. Deadlines are evaluated against these records.
"""

from datetime import datetime
from typing import Annotated, Self, final

from pydantic import AfterValidator, model_validator

from crisiscomms._errors import InputError, NaiveDatetimeError
from crisiscomms.model._base import LocaleId, Model, Phase, Slug

__all__ = ["Instant", "SentMessage", "check_aware"]


def check_aware(value: datetime, what: str) -> datetime:
    """`value` itself when it is aware; `NaiveDatetimeError` otherwise.

    >>> from datetime import timezone
    >>> check_aware(datetime(2026, 1, 1, tzinfo=timezone.utc), "now").year
    2026
    >>> check_aware(datetime(2026, 1, 1), "now")
    Traceback (most recent call last):
    ...
    crisiscomms.NaiveDatetimeError: now: expected an aware datetime (with tzinfo), ...
    """
    if not isinstance(value, datetime):
        raise InputError.for_type(what, "an aware datetime", value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError.for_value(what, value)
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        # pydantic reports ValueErrors with the field's path; the wording is the
        # NaiveDatetimeError's, so a naive datetime reads the same everywhere.
        raise ValueError(str(NaiveDatetimeError.for_value("value", value)).split(": ", 1)[1])
    return value


#: An aware datetime; a naive one is refused with the `NaiveDatetimeError` wording.
Instant = Annotated[datetime, AfterValidator(_aware)]


@final
class SentMessage(Model):
    """One message that went out: to whom, on which channel, when, from which template.

    Deadlines are met by sent messages: the first message to a stakeholder
    meets its first-statement deadline, the next one meets the update due
    after the previous one, and a message that names an obligation in
    `obligations` meets that obligation (one message may meet several, such
    as a notification that answers both GDPR Art. 33 and NIS2).

    Args:
        stakeholder: the id of the stakeholder it addressed.
        channel: the channel id of the plan, or a platform name, it went out on.
        sent_at: when it went out (an aware datetime).
        phase: the phase it belongs to; a message of the resolved or
            post-crisis phase ends the update cadence of its stakeholder. When
            omitted, it is the phase of the template named by `template_id`.
        template_id: the template it was rendered from, if any.
        obligations: the ids of the plan's obligations it fulfils.
        locale: the locale it was written in, if known.
        id: a name for reports; defaults to ``stakeholder/channel/sent_at``.
        text: what it said, as it went out, when the log kept it; the
            post-crisis review (`crisiscomms.review_crisis`) checks it
            against the facts in force when it was sent.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> m = SentMessage(stakeholder="regulators", channel="email",
    ...                 sent_at=datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("Europe/Paris")),
    ...                 template_id="breach-regulator-fr", obligations=["gdpr-art33"])
    >>> m.label
    'regulators/email/2026-11-24T15:00:00+01:00'
    >>> SentMessage.model_validate_json(m.model_dump_json()) == m
    True
    """

    stakeholder: Slug
    channel: Slug
    sent_at: Instant
    phase: Phase | None = None
    template_id: Slug | None = None
    obligations: tuple[Slug, ...] = ()
    locale: LocaleId | None = None
    id: str = ""
    text: str | None = None

    @model_validator(mode="after")
    def _phase_or_template(self) -> Self:
        if self.phase is None and self.template_id is None:
            raise ValueError(
                "expected 'phase' or 'template_id' (the phase is then the template's), got"
                " neither; say which phase the message belongs to, e.g. phase='update'"
            )
        return self

    @property
    def label(self) -> str:
        """The id, or ``stakeholder/channel/sent_at`` when the message has none."""
        return self.id or f"{self.stakeholder}/{self.channel}/{self.sent_at.isoformat()}"
