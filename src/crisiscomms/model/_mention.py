"""`Mention`: one post, article or message about the organisation, as a monitoring tool saw it.

The caller's monitoring tool turns what it sees into `Mention` values;
crisiscomms does not fetch anything.
"""

import contextlib
from typing import Annotated, ClassVar, Final, final

import babel
from pydantic import BeforeValidator, Field

from crisiscomms.model._base import LocaleId, Model, NonNegativeInt
from crisiscomms.model._sent import Instant

__all__ = ["UNDETERMINED_LANGUAGES", "Mention"]

#: ISO 639 codes that name no language: undetermined, no linguistic content,
#: multiple, uncoded; social APIs put them on posts (X's ``qme`` for media
#: only, ``qht`` for hashtags only, ``qam`` for mentions only, ``qst`` for very
#: short texts). With any of them a mention has no language: it is counted
#: but matches no claim. The ``qaa`` to ``qtz`` range is for private use.
UNDETERMINED_LANGUAGES: Final = frozenset({"und", "zxx", "mul", "mis"})


def _undetermined_is_none(value: object) -> object:
    if isinstance(value, str):
        language = value.replace("-", "_").split("_", 1)[0].casefold()
        private = len(language) == 3 and "qaa" <= language <= "qtz"
        if language in UNDETERMINED_LANGUAGES or private:
            return None
        # A monitoring tool's code is taken as CLDR reads it (en_UK as en_GB):
        # a plan's locale must be exact, a feed's need not stop a crisis.
        with contextlib.suppress(ValueError, TypeError, babel.UnknownLocaleError):
            return str(babel.Locale.parse(value.replace("-", "_")))
    return value


@final
class Mention(Model):
    """One post, article or message about the organisation, as a monitoring tool saw it.

    Args:
        text: what it says; an empty text (a repost, an image) is kept and counted.
        at: when it was published (an aware datetime).
        source: where it was seen: a platform name (``"x"``, ``"facebook"``) or
            any source the tool names (``"news"``, ``"forum"``).
        locale: its language (``"fr"``, ``"fr_FR"``, ``"en-GB"``), if the tool
            detected one; claims are matched in this language only. A code
            that names no language (``und``, ``zxx``, ``mul``, ``qme``, see
            `UNDETERMINED_LANGUAGES`) is None.
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

    #: What strangers post is read as it came: a lone surrogate (half an emoji cut by a
    #: feed) is text to check, not a plan's mistake to refuse.
    lone_surrogates_ok: ClassVar[bool] = True

    text: str
    at: Instant
    source: str = ""
    locale: Annotated[LocaleId | None, BeforeValidator(_undetermined_is_none)] = None
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
