"""Shared hypothesis strategies, one block per concept."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

# -- extraction and consistency (branch `consistency`) ----------------------------------

#: Every supported language with regional variants whose CLDR data differ.
EXTRACTION_LOCALES = (
    "en", "en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_IN",
    "fr", "fr_FR", "fr_CA", "fr_CH", "fr_BE",
    "de", "de_DE", "de_AT", "de_CH",
    "es", "es_ES", "es_MX", "es_US", "es_AR",
)  # fmt: skip

#: Zones with and without daylight saving time, on both sides of UTC.
EXTRACTION_ZONES = (
    "UTC", "Europe/Paris", "Europe/London", "Europe/Berlin", "Europe/Madrid",
    "America/New_York", "America/Los_Angeles", "America/Mexico_City", "America/Toronto",
    "Asia/Tokyo",
)  # fmt: skip


def extraction_instants() -> st.SearchStrategy[datetime]:
    """Aware instants, to the second, over the years messages are written in."""
    return st.datetimes(
        min_value=datetime(2001, 1, 1), max_value=datetime(2098, 12, 31), timezones=st.just(UTC)
    ).map(lambda moment: moment.replace(microsecond=0))


#: Pieces of messages that stress extraction: numbers and dates in every shape, zones,
#: links, contacts, status words, and hostile code points.
_EXTRACTION_PIECES = [
    "12", "000", " ", "\u202f", "\u00a0", ",", ".", ":", "-", "−", "%", "h", " h ", "à",
    "le 24 novembre", "24/11/2026", "2026-11-24T", "10:30", "10 h 30", "2.30pm", "PM", "UTC",
    "CET", "+01:00", "heure de Paris", "(", ")", "+33", "0033", "(0)", "https://", "www.",
    "lumea.fr", "@", "#", "résolu", "not ", "investigating", "Uhr", "de ", "entre ", " et ",
    "\ud800", "\u202e", "\u200b", "e\u0301", "👨‍👩‍👧", "\r\n", "9" * 30,
]  # fmt: skip
extraction_text = st.one_of(
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300),
    st.lists(st.sampled_from(_EXTRACTION_PIECES), max_size=40).map("".join),
)

# -- end of the extraction and consistency block ----------------------------------------
