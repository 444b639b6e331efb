"""From a plan, a situation and its drafts to a CAP 1.2 `Alert`.

The mapping, element by element, is documented in the how-to "Publish a CAP
alert". In short: the status follows the situation's mode, the category the
crisis type, the severity the level in force; each language of the public
drafts gives one ``<info>`` block, whose headline is the draft for the CAP
channel, else the shortest public draft (cut to its first sentence when it is
too long), and whose description is the longest public draft; ``<web>``
is the status link fact and ``<contact>`` the e-mail and phone facts.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

from crisiscomms._drafting import Draft, DraftSet
from crisiscomms._errors import CapError, InputError
from crisiscomms._rendering import render
from crisiscomms.cap._alert import Alert, Area, Info, Reference
from crisiscomms.cap._fields import _choice, _texts
from crisiscomms.cap._vocabulary import (
    Certainty,
    MessageType,
    Scope,
    Status,
    Urgency,
    check_aware,
)
from crisiscomms.model._base import Audience, FactKind, Mode, Phase
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.text._markup import Markup
from crisiscomms.text._measure import measure
from crisiscomms.text._platforms import RULES

__all__ = ["to_cap_alert", "to_cap_xml"]

_P = ParamSpec("_P")
_R = TypeVar("_R")

_STATUS = {Mode.ACTUAL: Status.ACTUAL, Mode.EXERCISE: Status.EXERCISE, Mode.TEST: Status.TEST}
_OVER = frozenset({Phase.RESOLVED, Phase.POST_CRISIS})
_HEADLINE = RULES["cap_headline"]
# A sentence ends with . ! ? or … followed by blanks (a URL's dots are not followed by one).
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")


def _language(locale: str) -> str:
    return locale.replace("_", "-")


def _for_locale(texts: Mapping[str, str] | None, locale: str, what: str) -> str | None:
    """The text of `texts` for `locale`: by ``fr_FR``, then ``fr-FR``, then ``fr``."""
    if texts is None:
        return None
    if not isinstance(texts, Mapping):
        raise InputError.for_type(what, "a mapping of locale to text", texts)
    for key in (locale, _language(locale), locale.split("_", maxsplit=1)[0]):
        if key in texts:
            return texts[key]
    return None


def _public(plan: Plan, draft: Draft) -> bool:
    channel = plan.channel(draft.message.channel)
    stakeholder = plan.stakeholder(draft.message.stakeholder or draft.selection.stakeholder)
    return channel.audience is Audience.PUBLIC and not stakeholder.internal


def _plain(plan: Plan, situation: Situation, draft: Draft) -> str:
    """The draft's text without markup: re-rendered plain for a channel with markup."""
    if plan.channel(draft.message.channel).markup is Markup.PLAIN:
        return draft.message.text
    return render(
        draft.selection.template,
        situation.facts,
        locale=draft.message.locale,
        timezone=draft.message.timezone,
    )


def _fits(text: str) -> bool:
    return measure(text, _HEADLINE).fits


def _first_sentence(text: str) -> str | None:
    """The first sentence of `text`, if it has more than one and it fits a headline."""
    end = _SENTENCE_END.search(text)
    if end is None:
        return None
    head = text[: end.start()]
    return head if _fits(head) else None


def _headline(field: str, own: str | None, candidates: Sequence[str]) -> str:
    if own is not None:
        if not _fits(own):
            raise CapError.for_field(
                field,
                f"at most {_HEADLINE.limit} characters (the cap_headline rule)",
                own,
                hint=f"the CAP channel's draft has {len(own)}; shorten its template",
            )
        return own
    by_length = sorted(candidates, key=len)
    if _fits(by_length[0]):
        return by_length[0]
    for text in by_length:
        head = _first_sentence(text)
        if head is not None:
            return head
    raise CapError.for_field(
        field,
        f"a public draft, or its first sentence, of at most {_HEADLINE.limit} characters",
        by_length[0],
        hint="add a template for the CAP channel (a channel of the plan whose id is"
        " headline_channel) with a short headline",
    )


def _web(plan: Plan, situation: Situation) -> str | None:
    """The status link: the first URL fact the situation gives, required ones first."""
    specs = sorted(
        (s for s in plan.facts if s.kind is FactKind.URL and s.name in situation.facts),
        key=lambda s: not s.required,
    )
    if not specs:
        return None
    value = situation.facts[specs[0].name]
    if not isinstance(value, str) or not _ABSOLUTE_URI.fullmatch(value):
        raise CapError.for_field(
            "info.web",
            "an absolute URI, such as https://status.example.org/incident/1",
            value,
            hint=f"from the fact {specs[0].name!r}",
        )
    return value


def _contact(plan: Plan, situation: Situation) -> str | None:
    kinds = (FactKind.EMAIL, FactKind.PHONE)
    found = [
        str(situation.facts[s.name])
        for s in plan.facts
        if s.kind in kinds and s.name in situation.facts
    ]
    return ", ".join(found) or None


def _areas(area: object) -> tuple[Area, ...]:
    if area is None:
        return ()
    items = area if isinstance(area, Sequence) and not isinstance(area, str) else (area,)
    areas = []
    for item in items:
        one = Area(item) if isinstance(item, str) else item
        if not isinstance(one, Area):
            raise CapError.for_field(
                "area", "a crisiscomms.cap.Area or its description (str)", one
            )
        areas.append(one)
    return tuple(areas)


def _references(references: object) -> tuple[Reference, ...]:
    if isinstance(references, Reference | Alert):
        references = (references,)
    if isinstance(references, str) or not isinstance(references, Sequence):
        raise CapError.for_field(
            "references", "a sequence of crisiscomms.cap.Reference or Alert", references
        )
    found = []
    for i, item in enumerate(references):
        one = item.reference if isinstance(item, Alert) else item
        if not isinstance(one, Reference):
            raise CapError.for_field(
                f"references[{i}]", "a crisiscomms.cap.Reference or Alert", one
            )
        found.append(one)
    return tuple(found)


def _locales(plan: Plan, drafts: Sequence[Draft]) -> list[str]:
    seen = list(dict.fromkeys(d.message.locale for d in drafts))
    return sorted(seen, key=lambda locale: locale != plan.default_locale)


def to_cap_alert(
    plan: Plan,
    situation: Situation,
    drafts: DraftSet,
    /,
    *,
    sender: str,
    identifier: str,
    sent: datetime,
    msg_type: MessageType | str | None = None,
    references: Sequence[Reference | Alert] = (),
    urgency: Urgency | str | None = None,
    certainty: Certainty | str = Certainty.OBSERVED,
    area: Area | str | Sequence[Area | str] | None = None,
    expires: datetime | None = None,
    effective: datetime | None = None,
    scope: Scope | str = Scope.PUBLIC,
    addresses: Sequence[str] = (),
    restriction: str | None = None,
    note: str | None = None,
    sender_name: str | None = None,
    instructions: Mapping[str, str] | None = None,
    events: Mapping[str, str] | None = None,
    headline_channel: str = "cap",
) -> Alert:
    """The CAP 1.2 alert of a situation: one `Info` block per language of the public drafts.

    Public drafts are those on a channel of ``public`` audience to a
    stakeholder who is not internal. For each of their locales, in the
    plan's default locale first, the block holds:

    - `headline`: the draft on the channel `headline_channel` in that
      locale, if there is one; else the shortest public draft, or its first
      sentence when it is longer than the ``cap_headline`` rule's 160
      characters; always plain text (a draft of a channel with markup is
      rendered again without it);
    - `description`: the longest public draft;
    - `event`: `events` for the locale, else the crisis type's label;
    - `instruction`: `instructions` for the locale (``fr_FR``, ``fr-FR`` or
      ``fr``), if given;
    - `categories`, `severity`: the crisis type's ``cap_category`` and the
      ``cap_severity`` of the severity in force;
    - `urgency`: the argument, else ``Past`` once the crisis is resolved and
      ``Immediate`` before; `certainty`: the argument, ``Observed`` by default;
    - `web`: the situation's status link (its first URL fact, required ones
      first); `contact`: its e-mail and phone facts;
    - `areas`, `effective`, `expires`, `sender_name` from the arguments.

    The alert's `status` follows the situation's mode (actual, exercise,
    test); `msg_type` is the argument, else ``Update`` with `references` and
    ``Alert`` without.

    Args:
        plan: the plan the drafts come from.
        situation: the crisis.
        drafts: `draft_responses` of the plan and the situation.
        sender: who sends the alert, without spaces or commas (``alerts@lumea.fr``).
        identifier: this alert's id, unique for the sender.
        sent: when the alert is issued (aware).
        msg_type: ``Alert``, ``Update``, ``Cancel``, ``Ack`` or ``Error``.
        references: the earlier alerts an update or a cancellation answers.
        urgency: a CAP urgency; by default from the situation's phase.
        certainty: a CAP certainty.
        area: where the alert applies: an `Area`, its description, or several.
        expires: when the information stops being valid (after `sent`).
        effective: when it starts being valid (by CAP's default, `sent`).
        scope: ``Public``, ``Restricted`` (with `restriction`) or ``Private``
            (with `addresses`).
        addresses: the recipients of a private alert.
        restriction: who may see a restricted alert.
        note: a note on the alert (for a test, a cancellation, an error).
        sender_name: the organisation's name as readers know it.
        instructions: the recommended action, by locale.
        events: the event's name, by locale (the crisis type's label otherwise).
        headline_channel: the id of the plan's channel for CAP feeds, whose
            drafts are the headlines.

    Raises:
        CapError: naming the field that cannot be made valid: no public
            draft, a headline that cannot fit, an unknown CAP value, an area
            without a description, a status link that is not a URI, or a
            rule of `Alert.to_xml` broken.
        NaiveDatetimeError: when `sent`, `expires` or `effective` has no time zone.
        InputError: for a situation that does not fit the plan, or arguments
            of the wrong type.

    >>> from datetime import datetime, timedelta, timezone
    >>> from crisiscomms import draft_responses
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> plan, situation = demo_plan(), demo_situation()
    >>> now = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> alert = to_cap_alert(plan, situation, draft_responses(plan, situation, now=now),
    ...                      sender="alerts@lumea.fr", identifier="lumea-2411-1", sent=now,
    ...                      area="France", expires=now + timedelta(hours=12))
    >>> alert.languages, alert.status, alert.msg_type
    (('fr-FR', 'en-GB'), <Status.ACTUAL: 'Actual'>, <MessageType.ALERT: 'Alert'>)
    >>> print(alert.info("fr-FR").headline)
    Lumea a détecté un accès non autorisé à l’espace client.
    """
    if not isinstance(plan, Plan):
        raise InputError.for_type("plan", "a crisiscomms.Plan", plan)
    plan.check_situation(situation)
    if not isinstance(drafts, DraftSet):
        raise InputError.for_type("drafts", "a crisiscomms.DraftSet", drafts)
    sent = check_aware("sent", sent)
    if not isinstance(headline_channel, str):
        raise InputError.for_type("headline_channel", "a channel id (str)", headline_channel)
    refs = _references(references)
    kind = _choice(
        "msgType",
        MessageType,
        msg_type if msg_type is not None else (MessageType.UPDATE if refs else MessageType.ALERT),
    )
    if urgency is None:
        urgency = Urgency.PAST if situation.phase in _OVER else Urgency.IMMEDIATE
    urgency = _choice("urgency", Urgency, urgency)
    certainty = _choice("certainty", Certainty, certainty)
    crisis = plan.crisis_type(situation.crisis_type)
    severity = plan.severity(situation.severity).cap_severity
    areas = _areas(area)
    public = [d for d in drafts.drafts if _public(plan, d)]
    if not public:
        raise CapError.for_field(
            "info",
            "at least one public draft (a public channel, a stakeholder not internal)",
            f"{len(drafts.drafts)} draft(s), none public",
            hint="a CAP alert is for the public; add a public channel to a stakeholder",
        )
    web = _web(plan, situation)
    contact = _contact(plan, situation)
    infos = []
    for i, locale in enumerate(_locales(plan, public)):
        mine = [d for d in public if d.message.locale == locale]
        plain = [
            d.message.text for d in mine if plan.channel(d.message.channel).markup is Markup.PLAIN
        ]
        texts = plain or [_plain(plan, situation, d) for d in mine]
        own = next(
            (
                _plain(plan, situation, d)
                for d in drafts.drafts
                if d.message.channel == headline_channel and d.message.locale == locale
            ),
            None,
        )
        infos.append(
            Info(
                language=_language(locale),
                categories=(crisis.cap_category,),
                event=_for_locale(events, locale, "events") or crisis.label,
                urgency=urgency,
                severity=severity,
                certainty=certainty,
                effective=effective,
                expires=expires,
                sender_name=sender_name,
                headline=_headline(f"info[{i}].headline", own, texts),
                description=max(texts, key=len),
                instruction=_for_locale(instructions, locale, "instructions"),
                web=web,
                contact=contact,
                areas=areas,
            )
        )
    return Alert(
        identifier=identifier,
        sender=sender,
        sent=sent,
        status=_STATUS[situation.mode],
        msg_type=kind,
        scope=_choice("scope", Scope, scope),
        restriction=restriction,
        addresses=_texts("addresses", addresses),
        note=note,
        references=refs,
        infos=tuple(infos),
    )


def _same_arguments(source: Callable[_P, Any]) -> Callable[[Callable[..., _R]], Callable[_P, _R]]:
    """Give the decorated function the signature of `source` (for type checkers and help)."""

    def apply(target: Callable[..., _R]) -> Callable[_P, _R]:
        signature = inspect.signature(source)
        target.__signature__ = signature.replace(  # type: ignore[attr-defined]
            return_annotation=inspect.signature(target).return_annotation
        )
        return target

    return apply


@_same_arguments(to_cap_alert)
def to_cap_xml(*args: Any, **kwargs: Any) -> str:
    """The CAP 1.2 XML of a situation: ``to_cap_alert(...).to_xml()``.

    Takes the same arguments as `to_cap_alert`; the rules of `Alert.to_xml`
    are checked before anything is written.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms import draft_responses
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> plan, situation = demo_plan(), demo_situation()
    >>> now = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    >>> xml = to_cap_xml(plan, situation, draft_responses(plan, situation, now=now),
    ...                  sender="alerts@lumea.fr", identifier="lumea-2411-1", sent=now)
    >>> for line in xml.splitlines()[:3]:
    ...     print(line)
    <?xml version="1.0" encoding="UTF-8"?>
    <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
      <identifier>lumea-2411-1</identifier>
    """
    return to_cap_alert(*args, **kwargs).to_xml()
