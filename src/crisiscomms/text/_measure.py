"""`measure`: the length of a message in its platform's own unit, against its limit."""

from __future__ import annotations

import re
from typing import Final, Protocol, TypeGuard, final, runtime_checkable

import attrs

from crisiscomms._errors import InputError, UnknownPlatformError
from crisiscomms._records import MeasurementRecord
from crisiscomms._tables import html_table
from crisiscomms.text._graphemes import EMOJI_SEQUENCE, count_graphemes
from crisiscomms.text._patterns import lazy_re
from crisiscomms.text._platforms import CHANNEL_TYPES, RULES, Platform, PlatformRule, Unit
from crisiscomms.text._sms import SmsEncoding, sms_counts
from crisiscomms.text._twitter import extract_urls, weighted_length

__all__ = [
    "ChannelLike",
    "Measurement",
    "is_channel_like",
    "mastodon_length",
    "measure",
    "resolve_rule",
]


@runtime_checkable
class ChannelLike(Protocol):
    """Anything with a `platform` and an optional `max_length`, like a plan's `Channel`.

    `max_length`, when not None, replaces the platform's default limit (a
    Mastodon instance with 1,000 characters, an SMS channel that accepts two
    parts).

    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Feed:
    ...     platform: Platform
    ...     max_length: int | None = None
    >>> isinstance(Feed(Platform.MASTODON, 1000), ChannelLike)
    True
    >>> measure("a" * 600, Feed(Platform.MASTODON, 1000)).fits
    True
    """

    @property
    def platform(self) -> Platform:
        """The platform the channel publishes to."""
        ...

    @property
    def max_length(self) -> int | None:
        """The channel's own limit, in the platform's unit; None for the default."""
        ...


@final
@attrs.frozen
class Measurement:
    """The length of a message in its platform's unit, and whether it fits.

    Args:
        length: the length in `unit`.
        limit: the hard limit in `unit` (None: no limit).
        unit: what was counted.
        fits: the length is within the limit, and within `byte_limit` if any.
        remaining: ``limit - length`` (negative when over), None without a limit.
        encoding: for SMS, GSM-7 or UCS-2; None elsewhere.
        segments: for SMS, the number of parts it is sent in; None elsewhere.
        rule: the name of the rule applied (``"x"``, ``"telegram_caption"``, ...).
        recommended: the softer length to stay under, if the platform has one
            (for SMS: one part in the message's encoding, 160 or 70).
        byte_length: UTF-8 bytes, when the platform also limits bytes (Bluesky, X).
        byte_limit: that second limit.

    >>> m = measure("Outage fixed 🎉", "bluesky")
    >>> m.length, m.limit, m.remaining, m.fits, m.byte_length
    (14, 300, 286, True, 17)
    """

    length: int
    limit: int | None
    unit: Unit
    fits: bool
    remaining: int | None
    encoding: SmsEncoding | None = None
    segments: int | None = None
    rule: str = ""
    recommended: int | None = None
    byte_length: int | None = None
    byte_limit: int | None = None

    @property
    def over(self) -> int:
        """How much is over the limit in `unit` (0 when it fits the limit).

        >>> measure("x" * 290, "x").over
        10
        """
        if self.limit is None or self.length <= self.limit:
            return 0
        return self.length - self.limit

    @property
    def over_recommended(self) -> int:
        """How much is over the recommended length (0 when under it or none is set)."""
        if self.recommended is None or self.length <= self.recommended:
            return 0
        return self.length - self.recommended

    def to_records(self) -> list[MeasurementRecord]:
        """The measurement as one row: ``pandas.DataFrame(m.to_records())``.

        >>> measure("x" * 290, "x").to_records()[0]["over"]
        10
        """
        return [
            MeasurementRecord(
                length=self.length,
                limit=self.limit,
                unit=str(self.unit),
                fits=self.fits,
                remaining=self.remaining,
                over=self.over,
                encoding=None if self.encoding is None else str(self.encoding),
                segments=self.segments,
                rule=self.rule,
                recommended=self.recommended,
                byte_length=self.byte_length,
                byte_limit=self.byte_limit,
            )
        ]

    def _repr_html_(self) -> str:
        """The measurement as a one-row table, whether it fits in the caption."""
        limit = "no limit" if self.limit is None else f"{self.limit}"
        verdict = "fits" if self.fits else f"over by {self.over}" if self.over else "does not fit"
        return html_table(
            [dict(r) for r in self.to_records()],
            caption=f"{self.rule}: {self.length} / {limit} {self.unit}, {verdict}",
        )


# Mastodon's user part, [a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?, nests three quantifiers
# over the same characters and backtracks in cubic time on a long name with no
# second "@". The same language without backtracking: one character, then a
# possessive run that must end with a letter, digit or "_".
_MENTION = lazy_re(
    r"(?<![=/\w])@([a-z0-9_](?:[a-z0-9_.-]*+(?<=[a-z0-9_]))?)@([\w.-]+\w)", re.IGNORECASE
)
_MASTODON_URL_PLACEHOLDER = "x" * 23


def is_channel_like(value: object, /) -> TypeGuard[ChannelLike]:
    """``isinstance(value, ChannelLike)``, by type for the registered channel types."""
    return type(value) in CHANNEL_TYPES or isinstance(value, ChannelLike)


def _domain_ok(domain: str) -> bool:
    return len(domain) <= 253 and all(0 < len(label) <= 63 for label in domain.split("."))


def mastodon_length(text: str, content_warning: str = "") -> int:
    """Mastodon's length: graphemes of the content warning plus the text, links 23.

    In the text, every ``http(s)://`` link the twitter-text extractor finds
    counts 23 and every remote mention ``@user@domain`` counts as ``@user``
    (status_length_validator.rb). A mention whose domain is not a valid DNS
    name (a label over 63 characters) is counted in full.

    >>> mastodon_length("Read https://example.com/a/very/long/path/indeed @ops@social.example")
    33
    """
    entities: list[tuple[int, int, str]] = [
        (start, end, _MASTODON_URL_PLACEHOLDER)
        for start, end in extract_urls(text, without_scheme=False)
    ]
    if "@" in text:
        for match in _MENTION.finditer(text):
            if _domain_ok(match[2]):
                entities.append((match.start(), match.end(), "@" + match[1]))
    entities.sort()
    pieces: list[str] = []
    position = 0
    for start, end, replacement in entities:
        if start < position:  # overlapping entities: the earlier one wins
            continue
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return count_graphemes(content_warning) + count_graphemes("".join(pieces))


def _threads_length(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text) + sum(
        len(sequence.encode("utf-8", "surrogatepass")) - len(sequence)
        for sequence in EMOJI_SEQUENCE.findall(text)
    )


def _utf16_units(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf8_bytes(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def _limit_of(max_length: object) -> int:
    """A channel's `max_length`, strictly a positive int (``"280"`` is refused, not read)."""
    if isinstance(max_length, bool) or not isinstance(max_length, int):
        hint = (
            f"write max_length={max_length.strip()} (a number), not the text {max_length!r}"
            if isinstance(max_length, str) and max_length.strip().isdigit()
            else "give the channel's limit in characters as an int, or None for the platform's"
        )
        raise InputError.for_type(
            "channel.max_length", "a positive int or None", max_length, hint=hint
        )
    if max_length < 1:
        raise InputError.for_value(
            "channel.max_length",
            "a positive int or None",
            max_length,
            hint="give the channel's limit in characters, or None for the platform's",
        )
    return max_length


def resolve_rule(platform_or_channel: object) -> PlatformRule:
    """The rule for a `Platform`, a rule name, a `PlatformRule` or a channel.

    Raises:
        UnknownPlatformError: a name that is no rule's; the error lists them all.
        InputError: anything else.

    >>> resolve_rule("telegram_caption").limit
    1024
    """
    if isinstance(platform_or_channel, str):
        rule = RULES.get(str(platform_or_channel))
        if rule is None:
            raise UnknownPlatformError.for_name(platform_or_channel, RULES)
        return rule
    if isinstance(platform_or_channel, PlatformRule):
        return platform_or_channel
    if is_channel_like(platform_or_channel):
        rule = resolve_rule(platform_or_channel.platform)
        max_length = platform_or_channel.max_length
        if max_length is not None:
            rule = attrs.evolve(rule, limit=_limit_of(max_length))
        return rule
    raise InputError.for_argument(
        "platform_or_channel",
        "a Platform, a platform name, a PlatformRule or a channel",
        platform_or_channel,
        hint="pass e.g. Platform.X, 'sms' or a plan's Channel",
    )


#: Measurements kept by all they hold: building the frozen value (eleven fields) costs
#: as much as counting, and texts of one length share one. Other rules key theirs by the
#: rule (a frozen value, hashed and compared by all its fields), the length and the byte
#: length where the rule limits bytes; SMS by the rule's name and limit, the encoding, the
#: length and the parts (a 5-tuple, never equal to the 3-tuples).
_MEASUREMENTS: dict[tuple[object, ...], Measurement] = {}
_MEASUREMENTS_MAX: Final = 4096


def _keep(key: tuple[object, ...], measurement: Measurement) -> Measurement:
    """Keep `measurement` under `key` (the memory is emptied when full)."""
    if len(_MEASUREMENTS) >= _MEASUREMENTS_MAX:
        _MEASUREMENTS.clear()
    _MEASUREMENTS[key] = measurement
    return measurement


def _measurement(
    rule: PlatformRule, length: int, *, byte_length: int | None = None
) -> Measurement:
    if rule.byte_limit is None:
        byte_length = None
    key = (rule, length, byte_length)
    found = _MEASUREMENTS.get(key)
    if found is None:
        found = _keep(key, _built(rule, length, byte_length))
    return found


def _built(rule: PlatformRule, length: int, byte_length: int | None) -> Measurement:
    limit = rule.limit
    fits = limit is None or length <= limit
    byte_limit = rule.byte_limit
    if byte_limit is not None and byte_length is not None and byte_length > byte_limit:
        fits = False
    # Positional arguments: building the frozen value is most of measure's cost.
    return Measurement(
        length,
        limit,
        rule.unit,
        fits,
        None if limit is None else limit - length,
        None,
        None,
        rule.name,
        rule.recommended,
        byte_length if byte_limit is not None else None,
        byte_limit,
    )


def _measure_sms(text: str, rule: PlatformRule) -> Measurement:
    encoding, length, segments = sms_counts(text)
    limit = rule.limit
    gsm = encoding is SmsEncoding.GSM_7
    # The encoding as a bool: an enum member hashes in Python, a bool in C.
    key = (rule.name, limit, gsm, length, segments)
    found = _MEASUREMENTS.get(key)
    if found is not None:
        return found
    return _keep(
        key,
        Measurement(
            length,
            limit,
            Unit.SEPTETS if gsm else Unit.UTF16_UNITS,
            limit is None or length <= limit,
            None if limit is None else limit - length,
            encoding,
            segments,
            rule.name,
            160 if gsm else 70,
        ),
    )


def measure(
    text: str, platform_or_channel: Platform | str | PlatformRule | ChannelLike, /
) -> Measurement:
    """Measure `text` the way its platform does, against the platform's limit.

    The platform is a `Platform`, a rule name (a platform name or a variant such
    as ``"telegram_caption"``; see `RULES`), a `PlatformRule`, or a channel (any
    object with ``platform`` and ``max_length``, like a plan's `Channel`): a
    channel's ``max_length`` replaces the default limit. It never raises for
    any string, including lone surrogates and control characters.

    Args:
        text: the message as it will be posted (after rendering).
        platform_or_channel: where it will be posted.

    Returns:
        The `Measurement`: length, limit, unit, whether it fits, and for SMS
        the encoding and the number of parts.

    Raises:
        UnknownPlatformError: a platform name that is not known; it lists them.
        InputError: `text` is not a string, or the platform is of a wrong type.

    >>> measure("Outage fixed: https://status.example.com/incidents/2026-11-24", "x").length
    37
    >>> m = measure("Service rétabli à 14h30. Merci de votre patience.", "sms")
    >>> m.encoding, m.segments, m.length
    (<SmsEncoding.GSM_7: 'GSM-7'>, 1, 49)
    """
    if not isinstance(text, str):
        raise InputError.for_type("text", "a str", text)
    rule = resolve_rule(platform_or_channel)
    unit = rule.unit
    if unit is Unit.SEPTETS:
        return _measure_sms(text, rule)
    if unit is Unit.WEIGHTED:
        return _measurement(rule, weighted_length(text), byte_length=_utf8_bytes(text))
    if unit is Unit.GRAPHEMES:
        if rule.url_length is not None:
            return _measurement(rule, mastodon_length(text))
        return _measurement(rule, count_graphemes(text), byte_length=_utf8_bytes(text))
    if unit is Unit.CHARACTERS:
        return _measurement(rule, len(text))
    if unit is Unit.UTF16_UNITS:
        return _measurement(rule, _utf16_units(text))
    if unit is Unit.UTF16_BYTES:
        return _measurement(rule, 2 * _utf16_units(text))
    if unit is Unit.UTF8_BYTES:
        return _measurement(rule, _utf8_bytes(text))
    return _measurement(rule, _threads_length(text))
