"""A false rumour spreads: monitoring data in, an escalation and the rebuttal out.

Run it with ``python examples/monitoring.py``. The feed below is what a social
listening tool could hand over on 24 November 2026: an ordinary morning, then
the claim that Lumea sells its customers' data, in French and English. The
plan's register knows that claim (false, with a rebuttal), and its rule
``rumour-spreading`` moves a moderate crisis to high when 50 mentions in an
hour include 20 that repeat a false claim.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from crisiscomms import Escalation, Mention, Situation, recommend_escalation, render
from crisiscomms.samples import demo_plan

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 11, 0, tzinfo=PARIS)

RUMOUR_FR = [
    "Lumea vend les données de ses clients, c'est scandaleux",
    "Vous saviez que LUMEA revend nos DONNÉES ? #boycott",
    "lumea vend nos donnees perso à des pubs ?!",
]
RUMOUR_EN = [
    "Lumea is selling customer data to advertisers",
    "So @Lumea_FR sell our data now?",
]
ORDINARY = [
    "Mon compteur Lumea affiche une drôle de conso",
    "Merci au service client Lumea, très réactif",
    "Lumea tariffs for 2027 are out",
    "Une panne de l'espace client Lumea ce matin ?",
]


def feed() -> list[Mention]:
    mentions = []
    # 08:50 to 09:50: ordinary chatter, one mention every 4 minutes.
    for n in range(15):
        mentions.append(
            Mention(
                id=f"calm-{n}",
                text=ORDINARY[n % 4],
                source="x",
                locale="fr_FR",
                author=f"@client{n}",
                reach=150 + 10 * n,
                sentiment=0.1,
                at=NOW - timedelta(minutes=130 - 4 * n),
            )
        )
    # 10:00 to 11:00: the rumour takes off.
    for n in range(48):
        english = n % 4 == 3
        texts = RUMOUR_EN if english else RUMOUR_FR
        mentions.append(
            Mention(
                id=f"rumour-{n}",
                text=texts[n % len(texts)],
                source="bluesky" if english else "x",
                locale="en_GB" if english else "fr",
                author=f"@user{n}",
                reach=200 + 37 * n,
                sentiment=-0.6,
                at=NOW - timedelta(minutes=59 - n),
            )
        )
    for n in range(12):
        mentions.append(
            Mention(
                id=f"other-{n}",
                text=ORDINARY[n % 4],
                source="facebook",
                locale="fr_FR",
                author=f"@fan{n}",
                reach=80,
                sentiment=0.2,
                at=NOW - timedelta(minutes=55 - 4 * n),
            )
        )
    # What real feeds do: a repost without text, a duplicate, a late delivery.
    mentions.append(
        Mention(
            id="repost-1",
            text="",
            source="x",
            locale="fr",
            reach=5000,
            at=NOW - timedelta(minutes=3),
        )
    )
    mentions.append(mentions[20])
    mentions.append(
        Mention(
            id="late-1",
            text=RUMOUR_FR[0],
            source="x",
            locale="fr",
            author="@late",
            reach=40,
            at=NOW - timedelta(minutes=45),
        )
    )
    return mentions


def main() -> Escalation:
    plan = demo_plan()
    situation = Situation(
        crisis_type="false-rumour",
        severity="moderate",
        phase="initial",
        detected_at=NOW - timedelta(hours=1),
        facts={"status_url": "https://status.lumea.fr/rumeur"},
    )
    escalation = recommend_escalation(plan, situation, feed(), now=NOW)
    assert escalation is not None, "the rumour should trigger the rule"
    signals = escalation.signals
    print(f"{plan.name}: monitoring at {NOW:%d %b %Y %H:%M %Z}")
    print(
        f"  last hour: {signals.mentions} mentions (previous hour {signals.baseline_mentions},"
        f" growth x{signals.growth:.1f}), reach {signals.reach:,},"
        f" negative {signals.negative_share:.0%}"
    )
    print(
        f"  repeating a false or misleading claim: {signals.claim_matches} {dict(signals.claims)}"
    )
    print(
        f"  feed: {signals.given} given, {signals.duplicates} duplicate,"
        f" {signals.out_of_order} out of order, {signals.empty} without text"
    )
    print(
        f"escalate {escalation.from_severity} -> {escalation.to_severity}"
        f" (rule {escalation.rule!r}):"
    )
    for evidence in escalation.evidence:
        print(f"  {evidence.condition} {evidence.threshold:g}: observed {evidence.observed:g}")
    print("answer first:")
    for entry in escalation.triage[:5]:
        mention = entry.mention
        print(f"  {mention.label:<10} reach {mention.reach:>5}  {mention.text}")
        if entry.rebuttal_key:
            language = mention.language
            template = next(
                t for t in plan.templates if t.key == entry.rebuttal_key and t.language == language
            )
            text = render(template, situation.facts, locale=template.locale)
            print(f"      -> {template.id}: {text}")
    return escalation


if __name__ == "__main__":
    main()
