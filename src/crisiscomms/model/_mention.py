"""`Mention`: one post, article or message about the organisation, as a monitoring tool saw it.

The caller's monitoring tool turns what it sees into `Mention` values;
crisiscomms does not fetch anything.
"""

from __future__ import annotations

from typing import Annotated, final

from pydantic import Field

from crisiscomms.model._base import LocaleId, Model, NonNegativeInt
from crisiscomms.model._sent import Instant

__all__ = ["Mention"]


@final
class Mention(Model):
    """One post, article or message about the organisation, as a monitoring tool saw it.

    Args:
        text: what it says; an empty text (a repost, an image) is kept and counted.
        at: when it was published (an aware datetime).
        source: where it was seen: a platform name (``"x"``, ``"facebook"``) or
            any source the tool names (``"news"``, ``"forum"``).
        locale: its language (``"fr"``, ``"fr_FR"``, ``"en-GB"``), if the tool
            detected one; claims are matched in this language only.
        author: who published it.
        reach: how many people it may reach (followers, audience), 0 if unknown.
        sentiment: the score of the caller's own sentiment tool, from -1 (most
            negative) to 1; below 0 counts as negative. None when not scored.
        id: the tool's id for it; two mentions with the same id are duplicates.

    >>> from datetime import datetime, timezone
    >>> m = Mention(text="Lumea vend nos données ?!", at=datetime(2026, 11, 24, 9, 5,
    ...             tzinfo=timezone.utc), source="x", locale="fr", reach=1200, sentiment=-0.7)
    >>> m.language, m.is_negative
    ('fr', True)
    """

    text: str
    at: Instant
    source: str = ""
    locale: LocaleId | None = None
    author: str = ""
    reach: NonNegativeInt = 0
    sentiment: Annotated[float, Field(ge=-1, le=1, allow_inf_nan=False)] | None = None
    id: str = ""

    @property
    def language(self) -> str | None:
        """The language part of the locale (``fr`` for ``fr_FR``), if any."""
        return None if self.locale is None else self.locale.split("_", 1)[0]

    @property
    def is_negative(self) -> bool:
        """True when the caller's sentiment score is below 0."""
        return self.sentiment is not None and self.sentiment < 0

    @property
    def label(self) -> str:
        """The id, or ``source/author/at`` when the mention has none."""
        return self.id or "/".join(p for p in (self.source, self.author, self.at.isoformat()) if p)
