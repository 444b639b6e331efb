"""The platforms crisiscomms knows, by the names users write in plans."""

from __future__ import annotations

import enum
from typing import final

__all__ = ["Platform"]


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
