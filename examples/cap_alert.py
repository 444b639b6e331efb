"""The demo crisis as an OASIS CAP 1.2 alert, as public-alert feeds receive it.

Run it with ``python examples/cap_alert.py``. It drafts the responses to the
demo situation (a data breach at Lumea), turns the public drafts into a CAP
alert with one ``<info>`` block in French and one in English, prints the XML,
reads it back, and shows the update that follows an hour later. Signing the
alert and sending it to a feed are left to the caller.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from crisiscomms import draft_responses
from crisiscomms.cap import Area, read_cap_xml, to_cap_alert
from crisiscomms.samples import demo_plan, demo_situation

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=PARIS)
SENT = datetime(2026, 11, 24, 9, 20, tzinfo=PARIS)

#: Where the alert applies: all of Lumea's customers, in metropolitan France.
FRANCE = Area("France métropolitaine", geocodes=(("ISO 3166-1", "FR"),))
#: The recommended action, by locale (the plan has no element for it).
INSTRUCTIONS = {
    "fr": "Par précaution, changez le mot de passe de votre espace client Lumea.",
    "en": "As a precaution, change the password of your Lumea customer account.",
}


def main() -> None:
    plan, situation = demo_plan(), demo_situation()
    drafts = draft_responses(plan, situation, now=NOW)
    # The information holds until the next update the drafts announce.
    next_update = situation.facts["next_update"]
    assert isinstance(next_update, datetime)
    alert = to_cap_alert(
        plan,
        situation,
        drafts,
        sender="alertes@lumea.fr",
        identifier="lumea-2411-1",
        sent=SENT,
        area=FRANCE,
        expires=next_update,
        sender_name="Lumea",
        instructions=INSTRUCTIONS,
        events={"en": "Personal data breach"},
    )
    xml = alert.to_xml()
    print(xml, end="")
    assert read_cap_xml(xml) == alert, "the alert reads back unchanged"
    print()
    print(f"{len(alert.infos)} info blocks: {', '.join(alert.languages)}; reads back unchanged")

    later = SENT + timedelta(hours=1)
    update = to_cap_alert(
        plan,
        situation,
        drafts,
        sender="alertes@lumea.fr",
        identifier="lumea-2411-2",
        sent=later,
        references=[alert],
        area=FRANCE,
        expires=later + timedelta(hours=2),
    )
    print(f"then an update: msgType {update.msg_type}, references {update.references[0]}")


if __name__ == "__main__":
    main()
