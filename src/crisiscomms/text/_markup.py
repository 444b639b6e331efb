"""The markup languages a channel can speak."""

from __future__ import annotations

import enum
from typing import final

__all__ = ["Markup"]


@final
class Markup(enum.StrEnum):
    """How a channel interprets the text it is given.

    Facts inserted into a template are escaped for this markup, so that a fact
    cannot inject formatting, links or mentions.

    >>> Markup("html")
    <Markup.HTML: 'html'>
    """

    PLAIN = "plain"
    MARKDOWN = "markdown"
    HTML = "html"
    SLACK = "slack"
