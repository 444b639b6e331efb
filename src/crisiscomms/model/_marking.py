"""How a plan marks its drill messages: the markers by language and where they go.

A drill message must never pass for a real one (a drill alert sent as real,
or a real one read as a drill, is the failure drills exist to prevent). The
plan declares, per language, the word that marks an exercise message
(``EXERCICE``, ``EXERCISE``) and whether it goes at the start, or at the
start and the end as in HSEEP's "EXERCISE EXERCISE EXERCISE".
"""

from __future__ import annotations

import enum
import types
from typing import Annotated, Any, Final, final

from pydantic import AfterValidator, Field

from crisiscomms.model._base import Frozen, shown
from crisiscomms.text._patterns import lazy_re

__all__ = ["DEFAULT_EXERCISE_MARKERS", "ExerciseMarkers", "MarkerPlacement", "MarkerText"]

#: The marker of each language when the plan gives none: the word used for a
#: civil-protection or incident-response exercise in that language, upper case.
#: A language neither here nor in the plan uses the plan's default language's
#: marker, and ``EXERCISE`` when that has none either.
DEFAULT_EXERCISE_MARKERS: Final = types.MappingProxyType(
    {
        "ca": "SIMULACRE",
        "cs": "CVIČENÍ",
        "da": "ØVELSE",
        "de": "ÜBUNG",
        "en": "EXERCISE",
        "es": "SIMULACRO",
        "fi": "HARJOITUS",
        "fr": "EXERCICE",
        "it": "ESERCITAZIONE",
        "nb": "ØVELSE",
        "nl": "OEFENING",
        "pl": "ĆWICZENIA",
        "pt": "EXERCÍCIO",
        "sv": "ÖVNING",
    }
)


@final
class MarkerPlacement(enum.StrEnum):
    """Where the exercise marker goes in a drill message.

    >>> MarkerPlacement("start_and_end")
    <MarkerPlacement.START_AND_END: 'start_and_end'>
    """

    START = "start"
    START_AND_END = "start_and_end"


# Letters, digits, spaces, '!', '.' and '-' only: no markup (HTML, Markdown, Slack)
# changes such a marker, so it reads the same and is found the same on every channel.
_MARKER = lazy_re(r"[^\W_](?:[\w !.-]{0,62}[\w!.])?")


def _check_marker(value: str) -> str:
    if _MARKER.fullmatch(value) is None or not any(char.isalpha() for char in value):
        raise ValueError(
            "expected a marker such as 'EXERCICE' or 'EXERCISE EXERCISE EXERCISE' (1 to 64"
            " letters, digits, spaces, '!', '.' or '-', starting with a letter or digit, with"
            f" at least one letter), got {shown(value)}; write the word readers must see"
        )
    return value


#: The text of one marker, e.g. ``EXERCICE`` or ``EXERCISE EXERCISE EXERCISE``.
MarkerText = Annotated[str, AfterValidator(_check_marker)]


def _check_languages(value: dict[str, Any]) -> dict[str, Any]:
    for key in value:
        if not (2 <= len(key) <= 3 and key.isascii() and key.isalpha() and key.islower()):
            raise ValueError(
                f"expected language codes as keys ('fr', 'en', ...), got {shown(key)};"
                " markers are given per language, not per locale"
            )
    return value


#: The plan's markers by language (``{"fr": "EXERCICE"}``).
ExerciseMarkers = Annotated[
    Frozen[dict[str, MarkerText]],
    AfterValidator(_check_languages),
    Field(json_schema_extra={"propertyNames": {"pattern": "^[a-z]{2,3}$"}}),
]
