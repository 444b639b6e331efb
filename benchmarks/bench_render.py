"""`render` against babel called directly, for a typical template in fr_FR and en_GB.

The template has a plural with `#`, a number and a date-time. The baseline
writes the same text by calling babel's `format_decimal`, `format_datetime`
and `Locale.plural_form` each time, as code without a template engine would.
Both must give identical output; the goal is `render` at least 2x faster.
`render` remembers formatted facts (a crisis repeats the same facts in every
template, language and channel); the "cold" case empties that cache before
each call, to show the cost of facts seen for the first time.
Issue 14 adds a second baseline, the same babel calls with a `Locale` parsed
once, and asks for the cold case at most 1.2 times that.

Figures are in docs/performance.md ("render").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import format_datetime
from babel.numbers import format_decimal
from pytest_benchmark.fixture import BenchmarkFixture

from crisiscomms import render
from crisiscomms.text import _formatting

CUSTOMERS = 12500
SHARE = Decimal("3.7")
NEXT_UPDATE = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
FACTS: dict[str, int | Decimal | datetime] = {
    "customers": CUSTOMERS,
    "share": SHARE,
    "next_update": NEXT_UPDATE,
}
ZONES = {"fr_FR": "Europe/Paris", "en_GB": "Europe/London"}
TEMPLATES = {
    "fr_FR": (
        "Mise à jour : {customers, plural, =0 {aucun client n’est touché}"
        " one {# client est touché} other {# clients sont touchés}}"
        " ({share, number} % du parc). Prochain point : {next_update, date, medium},"
        " {next_update, time, medium}."
    ),
    "en_GB": (
        "Update: {customers, plural, =0 {no customer is affected}"
        " one {# customer is affected} other {# customers are affected}}"
        " ({share, number}% of accounts). Next update: {next_update, date, medium},"
        " {next_update, time, medium}."
    ),
}
PHRASES = {
    "fr_FR": ("aucun client n’est touché", "{} client est touché", "{} clients sont touchés"),
    "en_GB": ("no customer is affected", "{} customer is affected", "{} customers are affected"),
}
SHAPES = {
    "fr_FR": "Mise à jour : {} ({} % du parc). Prochain point : {}.",
    "en_GB": "Update: {} ({}% of accounts). Next update: {}.",
}


def by_hand(locale: str) -> str:
    """The same message by calling babel directly, as code without templates does."""
    none, one, other = PHRASES[locale]
    if CUSTOMERS == 0:
        phrase = none
    elif Locale.parse(locale).plural_form(CUSTOMERS) == "one":
        phrase = one.format(format_decimal(CUSTOMERS, locale=locale))
    else:
        phrase = other.format(format_decimal(CUSTOMERS, locale=locale))
    share = format_decimal(SHARE, locale=locale)
    when = format_datetime(NEXT_UPDATE, "medium", tzinfo=ZoneInfo(ZONES[locale]), locale=locale)
    return SHAPES[locale].format(phrase, share, when)


_LOCALES = {identifier: Locale.parse(identifier) for identifier in ZONES}
_ZONE_INFOS = {identifier: ZoneInfo(zone) for identifier, zone in ZONES.items()}


def by_hand_locale_parsed_once(locale: str) -> str:
    """The same calls with the `Locale` and the zone made once (issue 14's baseline)."""
    parsed = _LOCALES[locale]
    none, one, other = PHRASES[locale]
    if CUSTOMERS == 0:
        phrase = none
    elif parsed.plural_form(CUSTOMERS) == "one":
        phrase = one.format(format_decimal(CUSTOMERS, locale=parsed))
    else:
        phrase = other.format(format_decimal(CUSTOMERS, locale=parsed))
    share = format_decimal(SHARE, locale=parsed)
    when = format_datetime(NEXT_UPDATE, "medium", tzinfo=_ZONE_INFOS[locale], locale=parsed)
    return SHAPES[locale].format(phrase, share, when)


def with_render(locale: str) -> str:
    """The message rendered from its template."""
    return render(TEMPLATES[locale], FACTS, locale=locale, timezone=ZONES[locale])


@pytest.mark.parametrize("locale", ["fr_FR", "en_GB"])
def test_outputs_are_identical(locale: str) -> None:
    """Every way writes the same text, so the timing compares like with like."""
    assert with_render(locale) == by_hand(locale) == by_hand_locale_parsed_once(locale)


@pytest.mark.parametrize("locale", ["fr_FR", "en_GB"])
@pytest.mark.parametrize(
    "way",
    [with_render, by_hand, by_hand_locale_parsed_once],
    ids=["render", "babel_each_time", "babel_locale_parsed_once"],
)
def test_render_typical_template(
    benchmark: BenchmarkFixture, way: Callable[[str], str], locale: str
) -> None:
    """Time one message, rendered or written with babel calls."""
    benchmark.group = f"render {locale}"
    result = benchmark(way, locale)
    assert result == by_hand(locale)


@pytest.mark.parametrize("locale", ["fr_FR", "en_GB"])
def test_render_typical_template_cold(benchmark: BenchmarkFixture, locale: str) -> None:
    """Time one message whose facts were never formatted before (cache emptied)."""
    benchmark.group = f"render {locale}"
    result = benchmark.pedantic(  # type: ignore[no-untyped-call]
        with_render, args=(locale,), setup=_formatting._format.cache_clear, rounds=3000
    )
    assert result == by_hand(locale)
