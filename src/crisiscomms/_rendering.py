"""The `render` capability: a template and the facts, as the text to send."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from decimal import Decimal

import babel.numbers

from crisiscomms._errors import InputError
from crisiscomms._findings import Finding
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.text._formatting import (
    Fact,
    conventions_for,
    format_message,
    resolve_timezone,
)
from crisiscomms.text._markup import Markup
from crisiscomms.text._measure import ChannelLike, is_channel_like
from crisiscomms.text._messageformat import ParsedMessage, parse_message

__all__ = ["percent_findings", "render"]


def render(
    template: str | MessageTemplate,
    facts: Mapping[str, Fact],
    /,
    *,
    locale: str,
    timezone: str | tzinfo | None = None,
    channel: ChannelLike | None = None,
) -> str:
    """Fill a template with the facts, formatted for a locale and escaped for a channel.

    The template is ICU MessageFormat (see the how-to "Write templates").
    Numbers, dates, times and plural categories follow the CLDR data of
    `locale`, through babel. Aware datetimes are shown in `timezone`; without
    one, in the channel's ``timezone`` if it has one set; else in their own
    zone. Every fact value inserted is escaped for the channel's markup (the
    template text itself is trusted); without a channel the text is plain.

    Every argument the template names is required, in whichever branch it
    appears, so a missing fact is found whatever the other facts are. The
    result never contains a placeholder of the template.

    Args:
        template: The template text, or a `MessageTemplate` (any object with
            ``id`` and ``text`` will do), whose id errors then name.
        facts: Fact name to value: int, Decimal, float, str, aware datetime,
            date or time. Facts the template does not use are ignored.
        locale: The target locale, such as ``fr_FR`` or ``en-GB``.
        timezone: An IANA time zone name or a tzinfo for the dates and times.
        channel: A `Channel`, or any `crisiscomms.platforms.ChannelLike`
            (the protocol `measure` and `check_message` take too); its
            optional ``markup`` (a `Markup`, plain when absent) says how facts
            are escaped, its optional ``timezone`` where times are shown.

    Returns:
        The message text.

    Raises:
        TemplateSyntaxError: The template text does not parse.
        MissingFactError: Facts are missing; every missing name is given.
        FactTypeError: A fact does not fit the format it is used with (text
            where a number is formatted, a number for a select ...).
        NaiveDatetimeError: A datetime fact without a time zone.
        UnsupportedLocaleError: `locale` is not a locale with CLDR data.
        InputError: Any other argument of the wrong shape: an unknown time
            zone, a channel whose markup is not a `Markup`, a number that is not finite or
            not below 10**18.

    >>> from datetime import datetime, UTC
    >>> text = (
    ...     "{n, plural, =0 {Aucun client touché} one {# client touché}"
    ...     " other {# clients touchés}} depuis le {t, date, long} à {t, time, short}."
    ... )
    >>> facts = {"n": 125, "t": datetime(2026, 7, 14, 7, 30, tzinfo=UTC)}
    >>> print(render(text, facts, locale="fr_FR", timezone="Europe/Paris"))
    125 clients touchés depuis le 14 juillet 2026 à 09:30.
    >>> print(render(text, {"n": 0, "t": facts["t"]}, locale="fr_FR", timezone="Europe/Paris"))
    Aucun client touché depuis le 14 juillet 2026 à 09:30.
    >>> render("{who} is down", {}, locale="en_GB")
    Traceback (most recent call last):
    ...
    crisiscomms.MissingFactError: the template needs facts that were not given: 'who'; \
add them to the facts
    """
    message, template_id = _message_of(template)
    if not isinstance(facts, Mapping):
        raise InputError.for_type(
            "facts", "a mapping of fact name to value", facts, hint="pass a dict"
        )
    conventions = conventions_for(locale)
    markup = Markup.PLAIN
    zone = resolve_timezone(timezone)
    if channel is not None:
        markup = _markup_of(channel)
        if zone is None:
            zone = resolve_timezone(
                getattr(channel, "timezone", None), argument="channel.timezone"
            )
    return format_message(
        message,
        facts,
        conventions=conventions,
        zone=zone,
        escape=markup.escape,
        template=template_id,
    )


def _message_of(template: object) -> tuple[ParsedMessage, str]:
    if isinstance(template, str):
        return parse_message(template), ""
    text = getattr(template, "text", None)
    if not isinstance(text, str):
        raise InputError.for_type(
            "template",
            "a template text (str) or a template with .id and .text",
            template,
        )
    template_id = getattr(template, "id", "")
    # A plan's template keeps the parse of its text (MessageTemplate.parsed).
    parsed = getattr(template, "parsed", None)
    if not isinstance(parsed, ParsedMessage) or parsed.text != text:
        parsed = parse_message(text)
    return parsed, template_id if isinstance(template_id, str) else ""


def _markup_of(channel: object) -> Markup:
    if not is_channel_like(channel):
        raise InputError.for_type(
            "channel",
            "a channel: a crisiscomms.Channel or a crisiscomms.platforms.ChannelLike"
            " (platform, max_length, optional markup and timezone)",
            channel,
        )
    markup = getattr(channel, "markup", Markup.PLAIN)
    if isinstance(markup, str) and markup in Markup.__members__.values():
        return Markup(markup)
    raise InputError.for_argument(
        "channel",
        "a channel whose markup is one of " + ", ".join(repr(m.value) for m in Markup),
        channel,
    )


def percent_findings(
    template: MessageTemplate, facts: Mapping[str, Fact], /, *, locale: str, subject: str = ""
) -> tuple[Finding, ...]:
    """``TPL204``: each fact shown as a percent that holds more than 1 (62.5 for 62.5 %).

    A percent format multiplies by 100 (ICU, CLDR): 0.625 shows as 62.5 %,
    so 62.5 shows as 6,250 %. The fact is rendered as given; the finding says
    so and gives the two fixes.

    >>> from crisiscomms import MessageTemplate
    >>> t = MessageTemplate(id="t", key="t", locale="en_GB", phase="update",
    ...                     text="{restored, number, percent} of homes have water again")
    >>> print(percent_findings(t, {"restored": 62.5}, locale="en_GB")[0].message)
    template 't' shows 'restored' as a percent, which multiplies by 100: 62.5 gives \
'6,250%'; give the fraction (0.625), or write '{restored, number} %'
    >>> percent_findings(t, {"restored": 0.625}, locale="en_GB")
    ()
    """
    found = []
    for name, formats in template.parsed.arguments.items():
        value = facts.get(name)
        if "number,percent" not in formats or isinstance(value, bool):
            continue
        if not isinstance(value, int | float | Decimal):
            continue
        if not abs(float(value)) > 1:
            continue
        # The draft rendered: the value is a finite number, the locale known.
        shown = babel.numbers.format_percent(value, locale=locale)
        fraction = format(Decimal(str(value)) / 100, "f")
        found.append(
            Finding.of(
                "TPL204",
                f"template {template.id!r} shows {name!r} as a percent, which multiplies by"
                f" 100: {value} gives {shown!r}; give the fraction ({fraction}), or write"
                f" '{{{name}, number}} %'",
                subject=subject,
            )
        )
    return tuple(found)
