"""Bounds, approximations and abbreviated figures, in en, fr, de and es.

Crisis teams round on purpose: "more than 12,000 households", "rund 12.000
Haushalte", "unos 12.000 hogares", "12k customers", "1,2 millones". A word
before a number says how it relates to the true figure:

- ``over``: the figure is at least the number ("more than", "plus de",
  "über", "más de", "at least", "au moins", "mindestens", "al menos");
- ``under``: the figure is at most the number ("less than", "up to",
  "moins de", "jusqu'à", "weniger als", "bis zu", "menos de", "hasta");
- ``about``: the figure rounds to the number ("about", "environ", "rund",
  "unos", "nearly", "presque", "knapp", "casi").

A multiplier after a number ("k", "million", "Mio.", "millones", "mil",
"Tsd.") multiplies it, and makes it an approximation unless a word said
otherwise. Nothing here knows about plans.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

__all__ = ["Bound", "bound_before", "multiplier_after", "rounding_unit"]

#: How a written number relates to the figure: at least, at most, or about it.
Bound = str

_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "over": ("more than", "over", "above", "at least", "in excess of", "upwards of"),
        "under": ("less than", "fewer than", "under", "up to", "at most", "below"),
        "about": (
            "about",
            "around",
            "approximately",
            "approx.",
            "roughly",
            "nearly",
            "almost",
            "some",
            "circa",
            "close to",
            "~",
        ),
    },
    "fr": {
        "over": ("plus de", "au moins", "au-delà de", "plus d’", "plus d'"),
        "under": ("moins de", "jusqu’à", "jusqu'à", "au plus", "moins d’", "moins d'"),
        "about": (
            "environ",
            "env.",
            "près de",
            "quelque",
            "autour de",
            "presque",
            "approximativement",
            "~",
        ),
    },
    "de": {
        "over": ("mehr als", "über", "mindestens", "gut", "knapp über"),
        "under": ("weniger als", "unter", "bis zu", "höchstens", "knapp unter"),
        "about": ("rund", "etwa", "ca.", "circa", "ungefähr", "knapp", "fast", "beinahe", "~"),
    },
    "es": {
        "over": ("más de", "al menos", "por encima de", "como mínimo"),
        "under": ("menos de", "hasta", "como máximo", "por debajo de"),
        "about": (
            "unos",
            "unas",
            "cerca de",
            "aproximadamente",
            "alrededor de",
            "casi",
            "en torno a",
            "~",
        ),
    },
}

_MULTIPLIERS = re.compile(
    r"(?:(?P<k>[kK])|[ \u00a0\u202f](?:(?P<thousand>mil|Tsd\.|Tausend)"
    r"|(?P<million>millions?|millones|millón|Millionen|Million|Mio\.?|M)))(?![\w])"
)
_FACTORS = {"k": 1000, "thousand": 1000, "million": 1_000_000}


@functools.cache
def _last_words(language: str) -> frozenset[str]:
    return frozenset(
        word.split()[-1].casefold() for group in _WORDS[language].values() for word in group
    )


def _words_pattern(words: str) -> str:
    return re.escape(words).replace(r"\ ", r"\s+")


@functools.cache
def _pattern(language: str) -> re.Pattern[str]:
    words = sorted(
        ((word, bound) for bound, group in _WORDS[language].items() for word in group),
        key=lambda pair: -len(pair[0]),
    )
    alternatives = "|".join(
        f"(?P<{bound}{index}>{_words_pattern(word)})" for index, (word, bound) in enumerate(words)
    )
    return re.compile(r"(?i)(?<![\w])(?:" + alternatives + r")[\s\u00a0\u202f]*\Z")


def bound_before(text: str, start: int, language: str) -> Bound | None:
    """The bound the words right before `start` put on the number there.

    >>> bound_before("Más de 12.000 hogares", 7, "es"), bound_before("rund 3", 5, "de")
    ('over', 'about')
    >>> bound_before("12 clients", 0, "fr") is None
    True
    """
    if start == 0 or language not in _WORDS:
        return None
    # Only when the word right before is the last word of a phrase: most numbers are not.
    window = text[max(0, start - 24) : start]
    words = window.split()
    if not words or words[-1].casefold() not in _last_words(language):
        return None
    match = _pattern(language).search(text, max(0, start - 24), start)
    if match is None or match.lastgroup is None:
        return None
    return match.lastgroup.rstrip("0123456789")


def multiplier_after(text: str, end: int) -> tuple[int, int] | None:
    """The factor of the abbreviation right after a number at `end`, and where it ends.

    >>> multiplier_after("12k clients", 2), multiplier_after("1,2 millones", 3)
    ((1000, 3), (1000000, 12))
    """
    match = _MULTIPLIERS.match(text, end)
    if match is None or match.lastgroup is None:
        return None
    return _FACTORS[match.lastgroup], match.end()


def rounding_unit(value: Decimal) -> Decimal:
    """The unit a written number is rounded to: 1000 for 12000, 0.1 for 1.5.

    >>> rounding_unit(Decimal(12000)), rounding_unit(Decimal("1.5")), rounding_unit(Decimal(7))
    (Decimal('1E+3'), Decimal('0.1'), Decimal('1'))
    """
    if not value.is_finite() or value == 0:
        return Decimal(1)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a finite Decimal
    return Decimal((0, (1,), exponent))
