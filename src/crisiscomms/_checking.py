"""`check_message`: everything wrong with one message before it is posted.

Length in the platform's own unit (``LEN``), placeholders left by a template
(``TPL100``), unsafe Unicode and links (``SEC``). Every finding says what to
do; the codes are documented in ``docs/findings.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

from crisiscomms._errors import InputError, UnknownPlatformError
from crisiscomms._findings import Finding
from crisiscomms._marking import check_marking
from crisiscomms.model._elements import Channel
from crisiscomms.model._plan import Plan
from crisiscomms.text._markup import Markup, broadcasts
from crisiscomms.text._measure import (
    ChannelLike,
    Measurement,
    is_channel_like,
    measure,
    resolve_rule,
)
from crisiscomms.text._patterns import lazy_re
from crisiscomms.text._platforms import RULES, Platform, PlatformRule
from crisiscomms.text._safety import check_links, check_unicode
from crisiscomms.text._sms import SmsEncoding, non_gsm_characters, sms_length
from crisiscomms.text._substitutes import gsm_substitute, shown
from crisiscomms.text._twitter import (
    extract_hashtags,
    extract_mentions,
    extract_urls,
    invalid_characters,
)

__all__ = ["check_message", "measure_and_check"]

_PLACEHOLDER = lazy_re(
    r"\{\{\s*(?P<jinja>[A-Za-z_][\w.]*)\s*\}\}"
    r"|\{\s*(?P<icu>[A-Za-z_]\w*)\s*(?:,[^{}]*)?\}"
    r"|\{\s*(?P<choice>[A-Za-z_]\w*)\s*,\s*(?:plural|selectordinal|select)\s*,"
    r"|%\((?P<printf>[A-Za-z_]\w*)\)[sdifr]"
    r"|\$\{(?P<shell>[A-Za-z_]\w*)\}"
)
_MAX_LISTED = 10


def _target(
    channel: object, plan: Plan | None
) -> tuple[Channel | ChannelLike | PlatformRule | Platform, str]:
    """The thing to measure against, and the finding's subject."""
    if isinstance(channel, str) and not isinstance(channel, Platform):
        if plan is not None and plan.has_channel(channel):
            found = plan.channel(channel)
            return found, found.id
        if channel in RULES:
            return RULES[channel], channel
        if plan is not None:
            known = sorted({c.id for c in plan.channels} | set(RULES))
            raise InputError.for_argument(
                "channel",
                "a channel id of the plan or a platform name",
                channel,
                hint="known: " + ", ".join(repr(k) for k in known),
            )
        raise UnknownPlatformError.for_name(channel, RULES)
    if isinstance(channel, Platform):
        return channel, str(channel)
    if isinstance(channel, PlatformRule):
        return channel, channel.name
    if is_channel_like(channel):
        subject = getattr(channel, "id", None)
        return channel, subject if isinstance(subject, str) else str(channel.platform)
    resolve_rule(channel)  # raises the InputError that names what is accepted
    raise AssertionError  # pragma: no cover - resolve_rule raised


def _positions(positions: Iterable[int]) -> str:
    items = list(positions)
    shown = ", ".join(str(p) for p in items[:5])
    return shown + (f" and {len(items) - 5} more" if len(items) > 5 else "")


def _length_findings(text: str, m: Measurement, rule: PlatformRule, subject: str) -> list[Finding]:
    findings: list[Finding] = []
    unit = str(m.unit)
    where = f"on {rule.name}" if subject == rule.name else f"on {subject} ({rule.name})"
    if m.over:
        parts = f" ({m.segments} SMS parts)" if m.segments is not None else ""
        findings.append(
            Finding.of(
                "LEN001",
                f"{m.length} {unit} of {m.limit} {where}{parts}: {m.over} over; "
                f"shorten it by at least {m.over} {unit}",
                subject=subject,
            )
        )
    elif m.over_recommended:
        if m.segments is not None:
            message = (
                f"sent as {m.segments} SMS parts, each billed ({m.length} {unit}; one part "
                f"holds {m.recommended}); shorten it by {m.over_recommended} {unit} "
                "to send one"
            )
        else:
            message = (
                f"{m.length} {unit}, over the recommended {m.recommended} {where} by "
                f"{m.over_recommended}; shorten it so that readers see all of it"
            )
        findings.append(Finding.of("LEN002", message, subject=subject))
    if m.byte_limit is not None and m.byte_length is not None and m.byte_length > m.byte_limit:
        extra = m.byte_length - m.byte_limit
        findings.append(
            Finding.of(
                "LEN003",
                f"{m.byte_length} UTF-8 bytes of {m.byte_limit} {where}: {extra} over; "
                "shorten it or use fewer emoji and long links",
                subject=subject,
            )
        )
    if m.encoding is SmsEncoding.UCS_2:
        findings.append(_ucs2_finding(text, m, subject))
    return findings


def _ucs2_finding(text: str, m: Measurement, subject: str) -> Finding:
    positions = non_gsm_characters(text)
    by_char: dict[str, list[int]] = {}
    for position in positions:
        by_char.setdefault(text[position], []).append(position)
    first = positions[0]
    span = (first, first + 1)
    if len(by_char) > _MAX_LISTED:
        return Finding.of(
            "LEN010",
            f"{len(by_char)} different characters outside GSM-7 (the first"
            f" {shown(text[first])} at {first}): the message is sent as UCS-2, in"
            f" {_parts(m.segments or 0)}; "
            "keep it under 70 UTF-16 units to send one part",
            subject=subject,
            span=span,
        )
    # The nearest GSM-7 text for each (text/_substitutes); a letter without one is kept.
    near = {char: gsm_substitute(char) for char in by_char}
    after = {
        char: sub if sub is not None else (char if char.isalpha() else "")
        for char, sub in near.items()
    }
    without = "".join(after.get(char, char) for char in text)
    cost = sms_length(without)
    listed = "; ".join(f"{shown(char)} at {_positions(where)}" for char, where in by_char.items())
    fixes = [
        f"remove {shown(char)}" if sub == "" else f"replace {shown(char)} with {sub!r}"
        for char, sub in near.items()
        if sub is not None
    ]
    kept = [shown(c) for c, sub in near.items() if sub is None and c.isalpha()]
    dropped = [shown(c) for c, sub in near.items() if sub is None and not c.isalpha()]
    advice = []
    if fixes:
        advice.append(", ".join(fixes))
    if dropped:
        advice.append("remove " + ", ".join(dropped))
    if kept:
        advice.append(
            f"{', '.join(kept)} {'has' if len(kept) == 1 else 'have'} no GSM-7 equivalent:"
            f" keep {'it' if len(kept) == 1 else 'them'} and accept UCS-2, or reword"
        )
    segments = m.segments or 0
    if cost.segments < segments:
        cost_note = f"{_parts(segments)} instead of {cost.segments} without them"
        code = "LEN004"
    else:
        cost_note = f"it takes {_parts(segments)} either way"
        code = "LEN010"
    return Finding.of(
        code,
        f"{listed} force UCS-2 for the whole message: {cost_note}; " + " and ".join(advice),
        subject=subject,
        span=span,
    )


def _parts(count: int) -> str:
    return f"{count} part" if count == 1 else f"{count} parts"


def _count_findings(text: str, rule: PlatformRule, subject: str) -> list[Finding]:
    findings: list[Finding] = []
    if rule.max_urls is not None:
        urls = extract_urls(text)
        count = len({text[s:e] for s, e in urls}) if rule.name == "threads" else len(urls)
        if count > rule.max_urls:
            findings.append(
                Finding.of(
                    "LEN006",
                    f"{count} links, {rule.name} accepts at most {rule.max_urls}; "
                    f"remove {count - rule.max_urls}",
                    subject=subject,
                )
            )
    for code, cap, spans, what in (
        ("LEN007", rule.max_mentions, extract_mentions, "mentions"),
        ("LEN008", rule.max_hashtags, extract_hashtags, "hashtags"),
    ):
        if cap is None:
            continue
        found = spans(text)
        if len(found) > cap:
            start = found[cap][0]
            findings.append(
                Finding.of(
                    code,
                    f"{len(found)} {what}, {rule.name} accepts at most {cap}; "
                    f"remove {len(found) - cap} (the first one over the cap is at {start})",
                    subject=subject,
                    span=found[cap],
                )
            )
    return findings


def _placeholder_findings(text: str, subject: str) -> list[Finding]:
    if "{" not in text and "%(" not in text:
        return []
    findings = []
    for match in _PLACEHOLDER.finditer(text):
        name = next(group for group in match.groups() if group is not None)
        findings.append(
            Finding.of(
                "TPL100",
                f"placeholder {match.group()!r} left in the text at {match.start()}: render "
                f"the template with the fact {name!r}, or remove the placeholder",
                subject=subject,
                span=match.span(),
            )
        )
    return findings


def _broadcast_findings(text: str, subject: str) -> list[Finding]:
    return [
        Finding.of(
            "SEC009",
            f"{written!r} at {span[0]} notifies every member of the Slack channel, at any "
            "hour; remove it unless the whole channel must act on this message now",
            subject=subject,
            span=span,
        )
        for written, span in broadcasts(text)
    ]


def check_message(
    text: str,
    channel: Channel | ChannelLike | Platform | PlatformRule | str,
    *,
    plan: Plan | None = None,
    exercise: object = None,
    locale: str | None = None,
) -> tuple[Finding, ...]:
    """Everything wrong with `text` as a post on `channel`, as findings.

    Checks the length in the platform's own unit against the channel's limit
    (``LEN001``), the recommended length or SMS parts (``LEN002``), the byte
    limit (``LEN003``), the characters that force an SMS into UCS-2 and what
    the message would cost without them (``LEN004``, or ``LEN010`` when they
    cost no extra part), characters X refuses (``LEN005``), the caps on links,
    mentions and hashtags (``LEN006`` to ``LEN008``), an empty message
    (``LEN009``), placeholders a template left (``TPL100``), and unsafe
    Unicode and links (``SEC001`` to ``SEC008``: the host a browser opens,
    the links the channel's markup writes, schemes other than http and https,
    or than the plan's ``allowed_schemes``) and, on a Slack channel,
    broadcasts (``SEC009``).
    Links are checked against the plan's ``allowed_domains`` only when a plan
    is given and lists some. It never raises for a finding, and never for any
    string `text`.

    Args:
        text: the message as it will be posted.
        channel: a plan's `Channel`, a `Platform`, a platform name, a
            `crisiscomms.platforms.PlatformRule`, or (with `plan`) a channel id.
        plan: the plan, for channel ids, the allowed link domains and
            schemes, and the exercise markers.
        exercise: True for a drill message, which must carry the exercise
            marker (``EXR001``, ``EXR003``, ``EXR004``); False for a real one,
            which must carry none (``EXR002``); a `Situation` or `Mode` says it
            by its mode; None (the default) does not check the marking.
        locale: the language of the message, for the marker it needs; None
            accepts the marker of any language.

    Returns:
        The findings, errors first in the order of the checks; empty when the
        message is fine.

    Raises:
        UnknownPlatformError: a name that is neither a platform nor (with a plan)
            a channel id; without a plan.
        InputError: the same with a plan, or an argument of the wrong type.

    >>> for finding in check_message("Paiement rétabli, l’équipe reste mobilisée. " * 4, "sms"):
    ...     print(finding.code, finding.level)
    LEN002 warning
    LEN004 warning
    >>> check_message("Service restored at 14:30. Thank you for your patience.", "x")
    ()
    """
    return measure_and_check(text, channel, plan=plan, exercise=exercise, locale=locale)[1]


def measure_and_check(
    text: str,
    channel: Channel | ChannelLike | Platform | PlatformRule | str,
    *,
    plan: Plan | None = None,
    exercise: object = None,
    locale: str | None = None,
) -> tuple[Measurement, tuple[Finding, ...]]:
    """The `measure` of `text` on `channel` and the findings of `check_message`.

    One measurement serves both, so callers that need the two (drafting) do
    not measure each message twice.
    """
    if not isinstance(text, str):
        raise InputError.for_type("text", "a str", text)
    target, subject = _target(channel, plan)
    rule = resolve_rule(target)
    m = measure(text, target)
    if not text.strip():
        return m, (
            Finding.of(
                "LEN009",
                f"the message is empty{' (only spaces)' if text else ''}; write the message "
                "or leave this channel out",
                subject=subject,
            ),
        )
    findings = _length_findings(text, m, rule, subject)
    if rule.name == "x":
        invalid = invalid_characters(text)
        if invalid:
            findings.append(
                Finding.of(
                    "LEN005",
                    "X refuses posts holding U+FFFE, U+FEFF or U+FFFF "
                    f"(at {_positions(invalid)}); delete them",
                    subject=subject,
                    span=(invalid[0], invalid[0] + 1),
                )
            )
    findings.extend(_count_findings(text, rule, subject))
    findings.extend(_placeholder_findings(text, subject))
    findings.extend(check_unicode(text, subject=subject))
    allowed = plan.allowed_domains if plan is not None else None
    markup = getattr(target, "markup", Markup.PLAIN)
    schemes = plan.allowed_schemes if plan is not None else ("http", "https")
    findings.extend(
        check_links(text, allowed_domains=allowed, subject=subject, markup=markup, schemes=schemes)
    )
    if markup == Markup.SLACK:
        findings.extend(_broadcast_findings(text, subject))
    findings.extend(
        check_marking(
            text,
            locale,
            exercise=exercise,
            plan=plan,
            subject=subject,
            measurement=m,
            channel=target,
        )
    )
    return m, tuple(findings)
