"""Fact extraction per message, and `check_consistency` of 20, 200 and 2,000 messages.

Extraction reads one 250-character message of the demo's breach, in French
and in English. `check_consistency` checks sets drafted from the demo's
breach templates (French and English, five channels) against a 10-fact
sheet with the demo plan. Each message of a set carries its own reference
number, so that every text is different and extraction is never answered
from memory ("cold"); the "re-check" case checks the same set again, as an
editor does after changing one post, when extraction of unchanged texts is
remembered. Goals (issue 4): 20 messages in at most 2 ms, and growth no
worse than linear. Figures are in docs/performance.md ("consistency").
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from crisiscomms import Message, check_consistency, render
from crisiscomms._consistency._reading import extract
from crisiscomms.samples import demo_plan, demo_situation
from crisiscomms.text._extraction import extract_values

PARIS = ZoneInfo("Europe/Paris")
FACTS = {
    **demo_situation().facts,
    "restored_at": datetime(2026, 11, 24, 15, 0, tzinfo=PARIS),
    "batch": "LB-2611",
    "status": "investigating",
}
MESSAGES = {
    "fr_FR": (
        "Le 24 novembre 2026 à 07:55, Lumea a détecté un accès non autorisé à son espace"
        " client. 12 000 clients sont concernés. Questions :"
        " securite@lumea.fr ou +33 9 70 80 90 00. Prochain point : 12:00. Suivi :"
        " https://status.lumea.fr/incident/2411 #Lumea"
    ),
    "en_GB": (
        "On 24 November 2026 at 07:55, Lumea detected unauthorised access to its customer"
        " area. 12,000 customers are affected. Questions:"
        " securite@lumea.fr or +33 9 70 80 90 00. Next update: 12:00 CET. Updates:"
        " https://status.lumea.fr/incident/2411 #Lumea"
    ),
}
#: (template, channel, stakeholder) of the drafts a set cycles through.
DRAFTS = (
    ("breach-social-fr", "x-fr", "customers"),
    ("breach-social-en", "linkedin", "media"),
    ("breach-sms-fr", "sms", "customers"),
    ("breach-long-en", "email", "investors"),
    ("breach-long-fr", "status-page", "customers"),
)


def drafted_set(size: int) -> list[Message]:
    """`size` different messages rendered from the demo's breach templates."""
    plan = demo_plan()
    messages = []
    for index in range(size):
        template_id, channel, stakeholder = DRAFTS[index % len(DRAFTS)]
        template = plan.template(template_id)
        text = render(template, FACTS, locale=template.locale, timezone=plan.timezone)
        messages.append(
            Message(
                f"{text} #ref{index}",
                channel=channel,
                locale=template.locale,
                stakeholder=stakeholder,
                template_id=template_id,
                id=f"m{index}",
            )
        )
    return messages


def test_the_sets_are_consistent() -> None:
    """The benchmarked sets are realistic: the drafts agree with the 10 facts."""
    assert len(FACTS) == 10
    for message in MESSAGES.values():
        assert 240 <= len(message) <= 260
    report = check_consistency(drafted_set(20), facts=FACTS, plan=demo_plan())
    assert report.findings == ()


@pytest.mark.parametrize("locale", ["fr_FR", "en_GB"])
def test_extraction(benchmark: BenchmarkFixture, locale: str) -> None:
    """One 250-character message."""
    text = MESSAGES[locale]
    found = benchmark(extract_values, text, locale)
    assert len(found) == 7


@pytest.mark.parametrize("size", [20, 200, 2000])
def test_check_consistency_cold(benchmark: BenchmarkFixture, size: int) -> None:
    """A set of different texts, none extracted before."""
    messages = drafted_set(size)
    plan = demo_plan()

    def check() -> object:
        extract.cache_clear()
        return check_consistency(messages, facts=FACTS, plan=plan)

    report = benchmark(check)
    assert report.ok


@pytest.mark.parametrize("size", [20, 200, 2000])
def test_check_consistency_recheck(benchmark: BenchmarkFixture, size: int) -> None:
    """The same set checked again, as after editing one post."""
    messages = drafted_set(size)
    plan = demo_plan()
    check_consistency(messages, facts=FACTS, plan=plan)
    report = benchmark(check_consistency, messages, facts=FACTS, plan=plan)
    assert report.ok
