"""Hypothesis strategies shared by the test modules, one block per capability."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

# -- timeline and monitoring (branch `timeline`) ---------------------------------------

#: Zones with DST changes, a zone without, a half-hour one, and fixed offsets.
ZONES = st.sampled_from(
    [
        UTC,
        ZoneInfo("Europe/Paris"),
        ZoneInfo("Europe/London"),
        ZoneInfo("America/New_York"),
        ZoneInfo("Australia/Lord_Howe"),
        ZoneInfo("Asia/Kolkata"),
        timezone(timedelta(hours=-12)),
        timezone(timedelta(hours=14)),
    ]
)

#: Any aware datetime, from year 1 to 9999, in any of `ZONES`.
AWARE_DATETIMES = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=ZONES
)

#: Aware datetimes around the demo crisis (November 2026), where most cases live.
NEAR_DATETIMES = st.datetimes(
    min_value=datetime(2026, 10, 20), max_value=datetime(2027, 1, 10), timezones=ZONES
)

SLUGS = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)

#: Texts a monitoring tool may hand over, from clean French and English to anything.
MENTION_TEXTS = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(
            [
                "Lumea",
                "LUMEA",
                "vend",
                "revend",
                "données",
                "DONNEES",
                "sell",
                "selling",
                "data",
                "iban",
                "coordonnées",
                "bancaires",
                "bank",
                "details",
                "!!",
                "#Lumea",
                "\u202e",
                "\u200b",
                "\ud800",
                "é",
                "e\u0301",
            ]
        ),
        max_size=12,
    ).map(" ".join),
)
