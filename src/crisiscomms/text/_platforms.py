"""The platforms crisiscomms knows, by the names users write in plans, and their rules.

Every limit below comes from ``channel_rules.md`` (the project's survey of the
platforms' own sources, late 2026); each rule names its source and how sure it
is: **A** read in the platform's source code or reference docs, **B** official
docs seen indirectly or an announcement, **C** third-party statements only
(treat as a configurable default; a channel's ``max_length`` overrides it).
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from typing import Literal, TypeVar, final

import attrs

__all__ = ["CHANNEL_TYPES", "RULES", "Platform", "PlatformRule", "Unit", "channel_type"]


@final
class Platform(enum.StrEnum):
    """A publishing platform, each with its own length rules.

    >>> Platform("bluesky")
    <Platform.BLUESKY: 'bluesky'>
    >>> str(Platform.EMAIL_SUBJECT)
    'email_subject'
    """

    X = "x"
    BLUESKY = "bluesky"
    MASTODON = "mastodon"
    THREADS = "threads"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    TELEGRAM = "telegram"
    SLACK = "slack"
    TEAMS = "teams"
    DISCORD = "discord"
    EMAIL_SUBJECT = "email_subject"
    EMAIL = "email"
    WEB = "web"
    PRESS = "press"


@final
class Unit(enum.StrEnum):
    """What a platform counts when it measures a message.

    >>> str(Unit.GRAPHEMES)
    'graphemes'
    """

    #: X: weighted code points after NFC (1 or 2 each), links 23, an emoji sequence 2.
    WEIGHTED = "weighted characters"
    #: Extended grapheme clusters (UAX #29): what a reader sees as one character.
    GRAPHEMES = "graphemes"
    #: Unicode code points, Python's ``len()``.
    CHARACTERS = "characters"
    #: Code points, but an emoji sequence counts its UTF-8 bytes (Threads).
    CHARACTERS_EMOJI_AS_BYTES = "characters (emoji as UTF-8 bytes)"
    #: UTF-16 code units: a character outside the BMP (most emoji) counts 2.
    UTF16_UNITS = "UTF-16 code units"
    #: Bytes of the text encoded as UTF-16 (Teams payloads): 2 per UTF-16 unit.
    UTF16_BYTES = "UTF-16 bytes"
    #: Bytes of the text encoded as UTF-8.
    UTF8_BYTES = "UTF-8 bytes"
    #: SMS in the GSM 7-bit alphabet; extension-table characters count 2.
    SEPTETS = "GSM-7 septets"


Confidence = Literal["A", "B", "C"]


@final
@attrs.frozen
class PlatformRule:
    """The length rules of one platform, or of one kind of post on it.

    A rule is a value: ``attrs.evolve(rule, limit=1000)`` gives a modified copy
    (a Mastodon instance with a higher limit, say), and `measure` accepts it
    where it accepts a platform.

    Args:
        name: the rule's key in `RULES`: a `Platform` value or a variant such as
            ``linkedin_comment``.
        platform: the platform it belongs to (None for the CAP headline).
        limit: the hard limit in `unit`, None when there is none.
        unit: what is counted.
        recommended: a softer length to stay under (a warning above it).
        byte_limit: a second, simultaneous limit in UTF-8 bytes.
        url_length: what each link counts (X, Mastodon), None when links count
            as typed. With `Unit.GRAPHEMES` it also means that a remote mention
            ``@user@domain`` counts as ``@user``, as Mastodon does.
        max_urls: the most links a post may hold.
        max_mentions: the most ``@`` mentions.
        max_hashtags: the most ``#`` hashtags.
        source: where the rule comes from.
        confidence: A, B or C, as described in this module.
        note: what else to know.

    >>> RULES["bluesky"].limit, RULES["bluesky"].byte_limit, str(RULES["bluesky"].unit)
    (300, 3000, 'graphemes')
    """

    name: str
    platform: Platform | None
    limit: int | None
    unit: Unit
    source: str
    confidence: Confidence
    recommended: int | None = None
    byte_limit: int | None = None
    url_length: int | None = None
    max_urls: int | None = None
    max_mentions: int | None = None
    max_hashtags: int | None = None
    note: str = ""


def _rules(*rules: PlatformRule) -> Mapping[str, PlatformRule]:
    return types.MappingProxyType({rule.name: rule for rule in rules})


_TWITTER_TEXT = (
    "twitter/twitter-text config/v3.json, js/src/parseTweet.js @30e2430; "
    "twitter/the-algorithm tweetypie TweetText.scala (server caps)"
)

#: Every rule by name: one per `Platform`, plus the variants ``linkedin_comment``,
#: ``telegram_caption``, ``whatsapp_template`` and ``cap_headline``.
RULES: Mapping[str, PlatformRule] = _rules(
    PlatformRule(
        "x",
        Platform.X,
        280,
        Unit.WEIGHTED,
        _TWITTER_TEXT,
        "A",
        byte_limit=5708,
        url_length=23,
        max_urls=10,
        max_mentions=50,
        max_hashtags=50,
        note="config v3: NFC; 1 for U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F, "
        "U+2032-U+2037, 2 otherwise; every URL 23; an emoji sequence 2; "
        "U+FFFE, U+FEFF, U+FFFF refused",
    ),
    PlatformRule(
        "bluesky",
        Platform.BLUESKY,
        300,
        Unit.GRAPHEMES,
        "bluesky-social/atproto lexicons/app/bsky/feed/post.json @d6296a1",
        "A",
        byte_limit=3000,
        note="300 graphemes and 3,000 UTF-8 bytes, both; links count as stored in the text",
    ),
    PlatformRule(
        "mastodon",
        Platform.MASTODON,
        500,
        Unit.GRAPHEMES,
        "mastodon/mastodon app/validators/status_length_validator.rb, spec @d5e278d",
        "A",
        url_length=23,
        note="content warning and text together; each http(s) URL 23; @user@domain as "
        "@user; 500 is the default, instances change it (set the channel's max_length)",
    ),
    PlatformRule(
        "threads",
        Platform.THREADS,
        500,
        Unit.CHARACTERS_EMOJI_AS_BYTES,
        "developers.facebook.com/documentation/threads/posts (2026-04-14)",
        "B",
        max_urls=5,
        note="emoji count their UTF-8 bytes; at most 5 links",
    ),
    PlatformRule(
        "linkedin",
        Platform.LINKEDIN,
        3000,
        Unit.CHARACTERS,
        "third parties (Ayrshare, Upload-Post, PostSyncer); little text format docs",
        "C",
        note="reserved characters of the little format must be backslash-escaped",
    ),
    PlatformRule(
        "linkedin_comment",
        Platform.LINKEDIN,
        1250,
        Unit.CHARACTERS,
        "third parties (Ayrshare, Upload-Post, PostSyncer)",
        "C",
    ),
    PlatformRule(
        "facebook",
        Platform.FACEBOOK,
        63206,
        Unit.CHARACTERS,
        "third-party consensus; the Graph API docs give no number",
        "C",
        note='"See more" folds after about 477 characters on desktop, 125 on mobile',
    ),
    PlatformRule(
        "instagram",
        Platform.INSTAGRAM,
        2200,
        Unit.CHARACTERS,
        "Meta IG Media docs (via third parties); Instagram announcement 2025-12",
        "B",
        max_mentions=20,
        max_hashtags=5,
        note="5 hashtags since December 2025 (30 before); links are not clickable",
    ),
    PlatformRule(
        "sms",
        Platform.SMS,
        1600,
        Unit.SEPTETS,
        "3GPP TS 23.038 / 23.040; Twilio message-segment-calculator; Twilio API body limit",
        "A",
        recommended=160,
        note="GSM-7 160 / 153 per part; UCS-2 (UTF-16 units) 70 / 67 as soon as one "
        "character is outside GSM-7; the recommended length is one part",
    ),
    PlatformRule(
        "whatsapp",
        Platform.WHATSAPP,
        4096,
        Unit.CHARACTERS,
        "Meta Cloud API messages reference (via 360dialog, whatsapp-api-js)",
        "B",
    ),
    PlatformRule(
        "whatsapp_template",
        Platform.WHATSAPP,
        1024,
        Unit.CHARACTERS,
        "Meta Cloud API message templates (via 360dialog, whatsapp-api-js)",
        "B",
    ),
    PlatformRule(
        "telegram",
        Platform.TELEGRAM,
        4096,
        Unit.UTF16_UNITS,
        "core.telegram.org/bots/api sendMessage; core.telegram.org/api/entities",
        "A",
        note="counted after entities parsing: measure the visible text, without markup",
    ),
    PlatformRule(
        "telegram_caption",
        Platform.TELEGRAM,
        1024,
        Unit.UTF16_UNITS,
        "core.telegram.org/bots/api sendPhoto",
        "A",
    ),
    PlatformRule(
        "slack",
        Platform.SLACK,
        40000,
        Unit.CHARACTERS,
        "api.slack.com/changelog/2018-04-truncating-really-long-messages; chat.postMessage",
        "A",
        recommended=4000,
        note="truncated above 40,000; & < > are sent as &amp; &lt; &gt;",
    ),
    PlatformRule(
        "teams",
        Platform.TEAMS,
        28000,
        Unit.UTF16_BYTES,
        "learn.microsoft.com/connectors/teams (known limits); "
        "format-your-bot-messages (bots: 100 KB, keep under 80 KB)",
        "A",
        note="the whole payload counts (HTML, mentions): leave room for the markup",
    ),
    PlatformRule(
        "discord",
        Platform.DISCORD,
        2000,
        Unit.UTF16_UNITS,
        "discord/discord-api-docs developers/resources/message.mdx @c98d64b",
        "A",
        note="unit not stated; UTF-16 units are never fewer than code points",
    ),
    PlatformRule(
        "email_subject",
        Platform.EMAIL_SUBJECT,
        998,
        Unit.CHARACTERS,
        "RFC 5322 section 2.1.1",
        "A",
        recommended=78,
        note="phones show about 35 to 48 characters: put the key fact first",
    ),
    PlatformRule("email", Platform.EMAIL, None, Unit.CHARACTERS, "no platform limit", "A"),
    PlatformRule("web", Platform.WEB, None, Unit.CHARACTERS, "no platform limit", "A"),
    PlatformRule("press", Platform.PRESS, None, Unit.CHARACTERS, "no platform limit", "A"),
    PlatformRule(
        "cap_headline",
        None,
        160,
        Unit.CHARACTERS,
        "OASIS CAP 1.2 section 3.2.2 (headline SHOULD be under 160 characters)",
        "A",
    ),
)


# Types every instance of which has `platform` and `max_length` (a plan's
# `Channel`): `is_channel_like` recognises them by their type, without the
# runtime protocol's scan of the attributes on each call (a few microseconds,
# paid several times per draft).
CHANNEL_TYPES: set[type] = set()
_T = TypeVar("_T", bound=type)


def channel_type(cls: _T, /) -> _T:
    """Register `cls` as a type whose every instance is a channel (class decorator)."""
    CHANNEL_TYPES.add(cls)
    return cls
