"""Status words: investigating, identified, monitoring, resolved, in en, fr, de, es.

The four stages are the ones status pages use. Each language has the words
and set phrases that say a stage; a word right after a negation ("not
resolved", "pas encore résolu", "nicht behoben", "no resuelto") says no
stage and is not read. Nothing here knows about plans.
"""

from __future__ import annotations

import functools

import regex

__all__ = ["STAGES", "partial_before", "stage_of", "status_words"]

#: The stages, in the order an incident goes through them.
STAGES = ("investigating", "identified", "monitoring", "resolved")

_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "investigating": (
            "investigating",
            "under investigation",
            "investigation continues",
            "investigation is ongoing",
            "investigation ongoing",
        ),
        "identified": ("identified", "cause found", "root cause found"),
        "monitoring": ("monitoring", "under observation"),
        "resolved": ("resolved", "fixed", "restored", "back to normal", "fully operational"),
    },
    "fr": {
        "investigating": (
            "en cours d’investigation",
            "en cours d'investigation",
            "enquête en cours",
            "investigation en cours",
            "analyse en cours",
            "l’enquête se poursuit",
            "l'enquête se poursuit",
            "nous enquêtons",
        ),
        "identified": ("identifié", "identifiée", "identifiés", "identifiées", "cause trouvée"),
        "monitoring": ("sous surveillance", "sous observation", "nous surveillons"),
        "resolved": (
            "résolu",
            "résolue",
            "résolus",
            "résolues",
            "resolu",
            "rétabli",
            "rétablie",
            "rétablis",
            "rétablies",
            "retabli",
        ),
    },
    "de": {
        "investigating": (
            "wird untersucht",
            "werden untersucht",
            "untersuchen",
            "in Untersuchung",
        ),
        "identified": ("identifiziert", "Ursache gefunden", "Ursache ermittelt"),
        "monitoring": ("beobachten", "unter Beobachtung", "wird überwacht", "überwachen"),
        "resolved": ("behoben", "gelöst", "wiederhergestellt"),
    },
    "es": {
        "investigating": ("investigando", "en investigación", "bajo investigación"),
        "identified": ("identificado", "identificada", "causa encontrada"),
        "monitoring": ("monitorizando", "supervisando", "en observación", "monitoreando"),
        "resolved": (
            "resuelto",
            "resuelta",
            "solucionado",
            "solucionada",
            "restablecido",
            "restablecida",
        ),
    },
}

#: Words that make a restoration partial: the incident goes on ("partially restored",
#: "parcialmente restablecido", "zu 62 % wiederhergestellt", "en partie rétabli").
_PARTIAL = regex.compile(
    r"(?i)(?<!\w)(?:partially|partly|mostly|largely|in\s+part|not\s+fully|partiellement"
    r"|en\s+partie|majoritairement|progressivement|teilweise|größtenteils|grösstenteils"
    r"|weitgehend|schrittweise|parcialmente|en\s+parte|mayoritariamente|progresivamente"
    r"|\d+(?:[.,]\d+)?\s?%(?:\s+(?:restored|rétabli|rétablie|restablecido|restablecida))?"
    r")(?:\s+\w+)?\s+$"
)
_PARTIAL_AFTER = regex.compile(
    r"(?i)\s+(?:for|to|pour|à|für|bei|para|a)\s+(?:most|some|part|la\s+plupart|une\s+partie"
    r"|einen\s+Teil|die\s+meisten|la\s+mayoría|parte|\d+(?:[.,]\d+)?\s?%)"
)

_NEGATIONS = {
    "en": r"(?:not|never|no longer|not yet|yet to be)",
    "fr": r"(?:pas|jamais|pas encore|non|plus)",
    "de": r"(?:nicht|noch nicht|nie|kein)",
    "es": r"(?:no|todavía no|aún no|nunca)",
}


@functools.cache
def status_words(
    language: str,
) -> tuple[dict[str, tuple[tuple[regex.Pattern[str], str], ...]], regex.Pattern[str]]:
    """The status words of `language` by their first word, and its negation pattern.

    Each first word (case-folded) maps to the phrases that start with it,
    longest first, as ``(compiled phrase, stage)``; the negation pattern
    matches at the end of the text before a word.
    """
    by_first: dict[str, list[tuple[str, str]]] = {}
    for stage, words in _WORDS[language].items():
        for word in words:
            first = word.lower().split(maxsplit=1)[0]
            by_first.setdefault(first, []).append((word, stage))
    table = {
        first: tuple(
            (
                regex.compile(
                    r"(?i)" + regex.escape(word).replace(r"\ ", r"[\s\u00a0]+") + r"(?!\w)"
                ),
                stage,
            )
            for word, stage in sorted(phrases, key=lambda p: -len(p[0]))
        )
        for first, phrases in by_first.items()
    }
    negation = regex.compile(r"(?i)(?<!\w)" + _NEGATIONS[language] + r"(?:\s+\w+)?\s+$")
    return table, negation


def partial_before(text: str, start: int, end: int) -> bool:
    """True when the words around a restoration word make it partial: no end of incident.

    >>> partial_before("Supply partially restored", 17, 25)
    True
    >>> partial_before("Supply restored", 7, 15)
    False
    """
    return (
        _PARTIAL.search(text, max(0, start - 32), start) is not None
        or _PARTIAL_AFTER.match(text, end) is not None
    )


@functools.cache
def stage_of(text: str) -> str | None:
    """The stage a status fact names: a stage, or a status word of en, fr, de or es.

    >>> stage_of("Investigando"), stage_of("résolu"), stage_of("monitoring"), stage_of("?")
    ('investigating', 'resolved', 'monitoring', None)
    """
    folded = text.strip().casefold()
    if folded in STAGES:
        return folded
    for words in _WORDS.values():
        for stage, phrases in words.items():
            if folded in {phrase.casefold() for phrase in phrases}:
                return stage
    return None
