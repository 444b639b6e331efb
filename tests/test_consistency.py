"""check_consistency: realistic sets with one planted problem each, and nothing else found."""

from __future__ import annotations

import contextlib
import pickle
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    ConsistencyReport,
    CrisisCommsError,
    InputError,
    InputValueError,
    Message,
    Plan,
    StatedFact,
    UnsupportedLocaleError,
    ValueKind,
    check_consistency,
    load_plan,
    render,
)
from crisiscomms._consistency import _rules, _tying
from crisiscomms._consistency._reading import Extractions
from crisiscomms.samples import demo_plan, demo_situation
from crisiscomms.text._extraction import extract_values
from crisiscomms.text._lookalike import same_site
from tests.strategies import EXTRACTION_LOCALES, extraction_text

PARIS = ZoneInfo("Europe/Paris")
STATUS_URL = "https://status.lumea.fr/incident/2411"


def plan_with(**channel_audiences: str) -> Plan:
    """The demo plan with some channels' audiences changed."""
    document: dict[str, Any] = demo_plan().model_dump()
    for channel in document["channels"]:
        if channel["id"] in channel_audiences:
            channel["audience"] = channel_audiences[channel["id"]]
    return load_plan(document)


def drafted(
    template_id: str, channel: str, *, stakeholder: str | None = None, facts: Any = None
) -> Message:
    """A message rendered from a demo template, as draft_responses would write it."""
    plan = demo_plan()
    template = plan.template(template_id)
    text = render(
        template,
        facts if facts is not None else demo_situation().facts,
        locale=template.locale,
        timezone=plan.stakeholder_timezone(stakeholder) if stakeholder else plan.timezone,
        channel=plan.channel(channel),
    )
    return Message(
        text,
        channel=channel,
        locale=template.locale,
        stakeholder=stakeholder,
        template_id=template_id,
    )


def breach_set() -> list[Message]:
    """The data breach announced in French and English on X, LinkedIn, SMS, e-mail and web."""
    return [
        drafted("breach-social-fr", "x-fr", stakeholder="customers"),
        drafted("breach-social-en", "linkedin", stakeholder="media"),
        drafted("breach-sms-fr", "sms", stakeholder="customers"),
        drafted("breach-long-en", "email", stakeholder="investors"),
        drafted("breach-long-fr", "status-page", stakeholder="customers"),
    ]


def edited(messages: list[Message], index: int, old: str, new: str) -> list[Message]:
    """The set with one message edited by hand."""
    message = messages[index]
    assert old in message.text, (old, message.text)
    result = list(messages)
    result[index] = attrs.evolve(message, text=message.text.replace(old, new))
    return result


def codes(report: ConsistencyReport) -> list[tuple[str, str]]:
    """(code, subject) of every finding."""
    return [(f.code, f.subject) for f in report.findings]


class TestRealisticSets:
    def test_the_drafted_breach_set_is_consistent(self) -> None:
        """The demo's drafts of the breach, in two languages on five channels, agree."""
        report = check_consistency(breach_set(), facts=demo_situation().facts, plan=demo_plan())
        assert report.findings == ()
        assert report.ok
        stated = {(row.message, row.fact) for row in report.facts_seen}
        assert ("media/linkedin/en_GB", "affected_customers") in stated
        assert ("customers/status-page/fr_FR", "incident_start") in stated
        assert ("investors/email/en_GB", "hotline") in stated

    def test_one_post_says_15000(self) -> None:
        """LinkedIn says 15,000 where the facts and the other posts say 12 000: CON001 only."""
        messages = edited(breach_set(), 1, "12,000", "15,000")
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        assert codes(report) == [("CON001", "media/linkedin/en_GB")]
        finding = report.findings[0]
        assert finding.span is not None
        assert messages[1].text[finding.span[0] : finding.span[1]] == "15,000"
        assert "15,000" in finding.message
        assert "the facts hold 12000" in finding.message
        assert "customers/x-fr/fr_FR" in finding.message

    def test_without_facts_the_posts_are_compared_with_each_other(self) -> None:
        """Without a fact sheet the odd post out is found against the others."""
        messages = edited(breach_set(), 1, "12,000", "15,000")
        report = check_consistency(messages, plan=demo_plan())
        assert codes(report) == [("CON001", "media/linkedin/en_GB")]
        assert "the facts do not give affected_customers" in report.findings[0].message

    def test_german_cues_tie_numbers_too(self) -> None:
        """ "12.000 Kunden" states the same fact as "12 000 clients"."""
        messages = [
            Message(f"12 000 clients concernés. {STATUS_URL}", channel="x-fr", locale="fr_FR"),
            Message(f"13.000 Kunden sind betroffen. {STATUS_URL}", channel="x", locale="de_DE"),
        ]
        report = check_consistency(messages, plan=demo_plan())
        assert codes(report) == [("CON001", "x/de_DE")]

    @pytest.mark.parametrize(("month", "consistent"), [(11, True), (7, False)])
    def test_paris_time_and_gmt(self, month: int, consistent: bool) -> None:
        """ "10 h 30" in Paris and "9:30 AM GMT" agree in November, not in July (CON002)."""
        facts = {
            "next_update": datetime(2026, month, 24, 10, 30, tzinfo=PARIS),
            "status_url": STATUS_URL,
        }
        messages = [
            Message(
                f"Prochain point à 10 h 30. Suivi : {STATUS_URL}",
                channel="x-fr",
                locale="fr_FR",
                stakeholder="customers",
            ),
            Message(
                f"Next update at 9:30 AM GMT. Updates: {STATUS_URL}",
                channel="linkedin",
                locale="en_GB",
                stakeholder="media",
            ),
        ]
        report = check_consistency(messages, facts=facts, plan=demo_plan())
        if consistent:
            assert report.findings == ()
        else:
            assert codes(report) == [("CON002", "media/linkedin/en_GB")]
            assert "08:30" in report.findings[0].message or "10:30" in report.findings[0].message

    def test_same_instant_across_zones_without_facts(self) -> None:
        """Two dated times in different zones compare as instants among themselves."""
        messages = [
            Message(
                f"Prochain point le 24 novembre 2026 à 10 h 30 heure de Paris. {STATUS_URL}",
                channel="x-fr",
                locale="fr_FR",
            ),
            Message(
                f"Next update: 9:30 AM UTC on 24 November 2026. {STATUS_URL}",
                channel="linkedin",
                locale="en_GB",
            ),
            Message(
                f"Next update: 10:30 UTC on 24 November 2026. {STATUS_URL}",
                channel="x",
                locale="en_GB",
            ),
        ]
        report = check_consistency(messages, plan=demo_plan())
        assert codes(report) == [("CON002", "x/en_GB")]

    def test_cet_and_utc_are_not_the_same(self) -> None:
        """10:30 CET and 10:30 UTC are different instants, even without a date."""
        messages = [
            Message(f"Next update: 10:30 CET. {STATUS_URL}", channel="x", locale="en_GB"),
            Message(f"Next update: 10:30 UTC. {STATUS_URL}", channel="linkedin", locale="en_GB"),
            Message(f"Next update: 9:30 UTC. {STATUS_URL}", channel="bluesky", locale="en_GB"),
        ]
        report = check_consistency(messages, plan=demo_plan())
        assert codes(report) == [("CON002", "linkedin/en_GB")]

    def test_status_page_resolved_while_sms_investigating(self) -> None:
        """ "résolu" on the status page and "investigating" by SMS: CON006 only."""
        messages = [
            Message(
                f"Incident résolu : l’accès est clos. Suivi : {STATUS_URL}",
                channel="status-page",
                locale="fr_FR",
            ),
            Message(
                f"Lumea: we are investigating unauthorised access. Info: {STATUS_URL}",
                channel="sms",
                locale="en_GB",
            ),
        ]
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        assert codes(report) == [("CON006", "sms/en_GB")]
        assert "résolu" in report.findings[0].message

    def test_status_in_the_facts_is_the_reference(self) -> None:
        """With a status fact, the message that differs from it is the one found."""
        messages = [
            Message("Incident résolu.", channel="status-page", locale="fr_FR"),
            Message("We are investigating.", channel="sms", locale="en_GB"),
        ]
        report = check_consistency(messages, facts={"status": "investigating"})
        assert codes(report) == [("CON006", "status-page/fr_FR")]

    def test_sms_drops_the_status_url(self) -> None:
        """A public SMS without the required status page link: CON005 only."""
        messages = edited(breach_set(), 2, f" Infos: {STATUS_URL}", "")
        report = check_consistency(
            messages, facts=demo_situation().facts, plan=plan_with(sms="public")
        )
        assert codes(report) == [("CON005", "customers/sms/fr_FR")]
        assert "'status_url'" in report.findings[0].message
        assert report.findings[0].span is None

    def test_a_direct_sms_need_not_carry_required_facts(self) -> None:
        """Required facts are for public messages; the demo's SMS is direct."""
        messages = edited(breach_set(), 2, f" Infos: {STATUS_URL}", "")
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        assert report.findings == ()

    @pytest.mark.parametrize(
        "fake",
        [
            "https://status.lumea-fr.com/incident/2411",
            "https://status.lumеa.fr/incident/2411",  # Cyrillic е
            "https://status.1umea.fr/incident/2411",
            "https://status.lumea.fr.incident-2411.com/",
        ],
    )
    def test_look_alike_link(self, fake: str) -> None:
        """A look-alike of the status page link: CON003 only."""
        messages = edited(breach_set(), 0, STATUS_URL, fake)
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        assert codes(report) == [("CON003", "customers/x-fr/fr_FR")]
        assert STATUS_URL in report.findings[0].message

    def test_an_unrelated_link_is_unverified(self) -> None:
        """A link to another site matches no fact: a CON007 warning, the set stays ok."""
        messages = edited(breach_set(), 4, "informé la CNIL", "informé la CNIL (www.cnil.fr)")
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        assert codes(report) == [("CON007", "customers/status-page/fr_FR")]
        assert report.ok

    def test_a_wrong_phone_number(self) -> None:
        """A hotline that differs from the facts: CON004."""
        messages = edited(breach_set(), 3, "+33 9 70 80 90 00", "+33 9 70 80 90 01")
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        assert codes(report) == [("CON004", "investors/email/en_GB")]

    def test_a_national_phone_number_is_the_same_number(self) -> None:
        """ "09 70 80 90 00" is the hotline +33 9 70 80 90 00 written nationally."""
        messages = edited(breach_set(), 4, "+33 9 70 80 90 00", "09 70 80 90 00")
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        assert report.findings == ()

    def test_a_wrong_email_address(self) -> None:
        """A contact address that differs from the facts: CON004."""
        messages = edited(breach_set(), 4, "securite@lumea.fr", "securite@lumea.com")
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        assert codes(report) == [("CON004", "customers/status-page/fr_FR")]

    def test_a_number_of_no_fact(self) -> None:
        """A count no fact holds is unverified: CON007, a warning."""
        messages = edited(breach_set(), 0, "Nous les prévenons", "300 techniciens les préviennent")
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        assert codes(report) == [("CON007", "customers/x-fr/fr_FR")]
        assert report.findings[0].level == "warning"

    def test_time_without_zone_to_readers_elsewhere(self) -> None:
        """Partners in London get a time without a zone: CON008, a warning."""
        message = drafted("breach-long-en", "email", stakeholder="partners")
        report = check_consistency([message], facts=demo_situation().facts, plan=demo_plan())
        assert {code for code, _ in codes(report)} == {"CON008"}
        assert report.ok

    def test_time_with_zone_to_readers_elsewhere_is_fine(self) -> None:
        """A time with its zone is clear wherever it is read."""
        message = Message(
            f"Next update: 11:00 GMT. Updates: {STATUS_URL}",
            channel="email",
            locale="en_GB",
            stakeholder="partners",
        )
        report = check_consistency([message], facts=demo_situation().facts, plan=demo_plan())
        assert report.findings == ()

    def test_phase_of_the_template_decides_what_is_required(self) -> None:
        """A post-crisis message need not carry what the earlier phases require."""
        plan = demo_plan()
        document: dict[str, Any] = plan.model_dump()
        for fact in document["facts"]:
            if fact["name"] == "status_url":
                fact["required_in"] = ["initial"]
        plan = load_plan(document)
        message = Message(
            "Incident résolu. Merci de votre patience.",
            channel="x-fr",
            locale="fr_FR",
            template_id="breach-resolved-fr",
        )
        assert check_consistency([message], plan=plan).findings == ()
        unknown = attrs.evolve(message, template_id=None)
        assert codes(check_consistency([unknown], plan=plan)) == [("CON005", "x-fr/fr_FR")]

    def test_platform_names_take_the_audience_of_their_channels(self) -> None:
        """A message on "sms" (a platform name) is direct like the plan's SMS channel."""
        message = Message("Lumea : incident en cours.", channel="whatsapp", locale="fr_FR")
        report = check_consistency([message], plan=demo_plan())
        assert codes(report) == [("CON005", "whatsapp/fr_FR")]
        direct = attrs.evolve(message, channel="email")
        assert check_consistency([direct], plan=demo_plan()).findings == ()


class TestWithoutPlan:
    def test_same_words_are_compared(self) -> None:
        """Without a plan, values next to the same word are compared."""
        messages = [
            Message("12 000 clients concernés.", channel="x", locale="fr_FR"),
            Message("15 000 clients concernés.", channel="sms", locale="fr_FR"),
            Message("12 000 clients concernés !", channel="web", locale="fr_FR"),
        ]
        report = check_consistency(messages)
        assert codes(report) == [("CON001", "sms/fr_FR")]
        assert "“clients”" in report.findings[0].message

    def test_different_languages_are_not_compared_without_cues(self) -> None:
        """Without cues "clients" and "customers" are different words: nothing is found."""
        messages = [
            Message("12 000 clients concernés.", channel="x", locale="fr_FR"),
            Message("15,000 customers affected.", channel="x", locale="en_GB"),
        ]
        assert check_consistency(messages).findings == ()

    def test_facts_without_plan_tie_by_value_and_kind(self) -> None:
        """Facts alone tie links and contacts by kind and numbers by value."""
        facts = {"customers": 12000, "url": STATUS_URL, "hotline": "+33 9 70 80 90 00"}
        messages = [
            Message(f"12 000 clients. {STATUS_URL} ou 09 70 80 90 00", channel="x", locale="fr"),
            Message("Appelez le +33 9 70 80 90 01.", channel="sms", locale="fr"),
        ]
        report = check_consistency(messages, facts=facts)
        assert codes(report) == [("CON004", "sms/fr")]


class TestReport:
    def test_empty_set_is_an_empty_valid_report(self) -> None:
        """No messages: an ok report with nothing in it."""
        report = check_consistency([], facts=demo_situation().facts, plan=demo_plan())
        assert report.ok
        assert (report.findings, report.facts_seen, report.messages) == ((), (), ())
        assert report.to_records() == []
        assert "consistent" in report._repr_html_()

    def test_records_carry_the_codes_at_each_span(self) -> None:
        """to_records gives one plain row per stated value, with the codes found there."""
        messages = edited(breach_set(), 1, "12,000", "15,000")
        report = check_consistency(messages, facts=demo_situation().facts, plan=demo_plan())
        rows = [r for r in report.to_records() if r["codes"]]
        assert rows == [
            {
                "message": "media/linkedin/en_GB",
                "fact": "affected_customers",
                "kind": "number",
                "value": "15000",
                "text": "15,000",
                "start": rows[0]["start"],
                "end": rows[0]["end"],
                "expected": "12000",
                "agrees": False,
                "codes": ["CON001"],
            }
        ]

    def test_facts_seen_says_who_states_what(self) -> None:
        """facts_seen rows are StatedFact values with the facts' value and the verdict."""
        report = check_consistency(breach_set(), facts=demo_situation().facts, plan=demo_plan())
        row = next(
            r
            for r in report.facts_seen
            if r.message == "customers/x-fr/fr_FR" and r.fact == "affected_customers"
        )
        assert isinstance(row, StatedFact)
        assert (row.kind, row.value, row.expected, row.agrees) == (
            ValueKind.NUMBER,
            Decimal(12000),
            12000,
            True,
        )
        assert report.facts[0] == "affected_customers"

    def test_matrix_marks_disagreements_and_escapes_text(self) -> None:
        """The HTML matrix marks the disagreement and escapes every text."""
        messages = [
            Message("12 000 clients <b>x</b>", channel="x-fr", locale="fr_FR", id="<script>"),
            Message("15 000 clients", channel="linkedin", locale="fr_FR"),
        ]
        report = check_consistency(messages, facts={"affected_customers": 12000}, plan=demo_plan())
        page = report._repr_html_()
        assert "<script>" not in page
        assert "&lt;script&gt;" in page
        assert "✗ 15 000" in page
        assert "CON001" in page

    def test_matrix_marks_missing_required_facts(self) -> None:
        """A required fact missing from a public message shows as missing."""
        message = Message("Incident en cours.", channel="x-fr", locale="fr_FR")
        report = check_consistency(
            [message, Message(STATUS_URL, channel="x", locale="fr")], plan=demo_plan()
        )
        assert "✗ missing" in report._repr_html_()

    def test_matrix_lists_values_of_no_fact(self) -> None:
        """Unverified values get a row of their own, marked as warnings."""
        message = Message(f"Tarif : 42. {STATUS_URL}", channel="x-fr", locale="fr_FR")
        page = check_consistency([message], plan=demo_plan())._repr_html_()
        assert "⚠ 42" in page

    def test_labels_are_unique(self) -> None:
        """Two messages with the same label are told apart by their position."""
        same = Message("12 000 clients", channel="x", locale="fr")
        report = check_consistency([same, same])
        assert report.messages == ("x/fr #1", "x/fr #2")

    def test_report_value_laws(self) -> None:
        """A report is frozen, equal to an identical one, and picklable."""
        report = check_consistency(breach_set(), facts=demo_situation().facts, plan=demo_plan())
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            report.findings = ()  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(report)) == report


class TestBadInput:
    def test_unsupported_locale(self) -> None:
        """A message in an unsupported locale is a clear error naming the supported ones."""
        with pytest.raises(UnsupportedLocaleError, match="'de', 'en', 'es', 'fr'"):
            check_consistency([Message("Ciao", channel="x", locale="it_IT")])

    @pytest.mark.parametrize("messages", ["text", 42, [42], [None]])
    def test_messages_must_be_messages(self, messages: Any) -> None:
        """Anything but an iterable of Message is an InputError."""
        with pytest.raises(InputError):
            check_consistency(messages)

    @pytest.mark.parametrize(
        "facts", [42, {"n": object()}, {"at": datetime(2026, 1, 1)}, {1: "x"}]
    )
    def test_facts_must_be_fact_values(self, facts: Any) -> None:
        """Facts must be a mapping of names to fact values (aware datetimes)."""
        with pytest.raises(InputError):
            check_consistency([], facts=facts)

    def test_plan_must_be_a_plan(self) -> None:
        """A plan that is no Plan is an InputError."""
        with pytest.raises(InputError):
            check_consistency([], plan={"name": "x"})  # type: ignore[arg-type]

    def test_message_timezone_must_exist(self) -> None:
        """An unknown time zone on a message is an InputError."""
        message = Message("10:30", channel="x", locale="en", timezone="Mars/Olympus")
        with pytest.raises(InputError):
            check_consistency([message])

    def test_facts_as_json_tags_are_accepted(self) -> None:
        """Facts in their tagged JSON form are decoded like a situation's."""
        report = check_consistency(
            [Message("Next update: 10:30 UTC", channel="x", locale="en")],
            facts={"next_update": {"datetime": "2026-11-24T10:30:00+00:00"}},
        )
        assert report.findings == ()
        assert report.facts_seen[0].agrees is True


@st.composite
def message_sets(draw: st.DrawFn) -> list[Message]:
    """Sets of messages of any text, in any supported locale, on demo channels."""
    count = draw(st.integers(0, 4))
    channels = st.sampled_from(["x-fr", "sms", "linkedin", "status-page", "x", "email", "web"])
    stakeholders = st.sampled_from([None, "customers", "partners", "unknown"])
    return [
        Message(
            draw(extraction_text),
            channel=draw(channels),
            locale=draw(st.sampled_from(EXTRACTION_LOCALES)),
            stakeholder=draw(stakeholders),
        )
        for _ in range(count)
    ]


class TestNeverRaises:
    @settings(max_examples=150)
    @given(messages=message_sets(), with_plan=st.booleans(), with_facts=st.booleans())
    def test_any_texts_in_any_supported_locales(
        self, messages: list[Message], with_plan: bool, with_facts: bool
    ) -> None:
        """Any texts give a report whose findings point into the messages they name."""
        plan = demo_plan()
        known = {s.id for s in plan.stakeholders} | {None}
        if with_plan and any(m.stakeholder not in known for m in messages):
            # An id the plan does not know is a wrong argument, said before any text is read.
            with pytest.raises(InputValueError, match=r"messages\[\d+\]\.(stakeholder|channel)"):
                check_consistency(messages, plan=plan)
            return
        report = check_consistency(
            messages,
            facts=demo_situation().facts if with_facts else None,
            plan=demo_plan() if with_plan else None,
        )
        assert report.messages == tuple(
            label for label in report.messages
        )  # labels are stable strings
        texts = dict(zip(report.messages, (m.text for m in messages), strict=True))
        for finding in report.findings:
            assert finding.code.startswith("CON")
            if finding.span is not None:
                assert finding.span[1] <= len(texts[finding.subject])
        report._repr_html_()
        report.to_records()

    @settings(max_examples=40)
    @given(text=extraction_text, locale=st.text(max_size=8))
    def test_any_locale_works_or_is_refused(self, text: str, locale: str) -> None:
        """Any locale is either supported or a CrisisCommsError."""
        with contextlib.suppress(CrisisCommsError):
            check_consistency([Message(text, channel="x", locale=locale)])


def test_instants_in_facts_may_be_in_any_zone() -> None:
    """A fact in UTC and a message in Paris time compare as instants."""
    facts = {"next_update": datetime(2026, 11, 24, 9, 30, tzinfo=UTC)}
    message = Message(f"Prochain point : 10 h 30. {STATUS_URL}", channel="x-fr", locale="fr_FR")
    assert check_consistency([message], facts=facts, plan=demo_plan()).findings == ()


def test_an_ambiguous_hour_compares_as_an_instant() -> None:
    """02:30 in Paris on the night clocks go back is still 00:30 UTC (fold 0)."""
    facts = {"next_update": datetime(2026, 10, 25, 2, 30, tzinfo=PARIS)}
    message = Message(
        f"Next update: 00:30 UTC on 25 October 2026. {STATUS_URL}", channel="x", locale="en_GB"
    )
    assert check_consistency([message], facts=facts, plan=demo_plan()).findings == ()


def test_the_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/consistency.py shows the drafts' matrix, then finds the hand-edited post."""
    import runpy
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "consistency.py"
    runpy.run_path(str(example), run_name="__main__")
    output = capsys.readouterr().out
    assert "The demo's 19 drafts" in output
    assert "consistent: True" in output
    assert "✗ 15,000" in output
    assert "error CON001 [media/linkedin/en_GB]" in output


def with_status_cue() -> Plan:
    """The demo plan where the word "incident" is a cue of the status page link."""
    document: dict[str, Any] = demo_plan().model_dump()
    for fact in document["facts"]:
        if fact["name"] == "status_url":
            fact["cues"] = {"fr": ["incident"]}
    return load_plan(document)


class TestComparisonRules:
    """The rules of docs/explanation/consistency.md, one by one."""

    def test_facts_of_every_kind_without_a_plan(self) -> None:
        """Facts alone: dates, times and numbers tie by value; a wrong date is unverified."""
        facts = {"day": date(2026, 11, 24), "at": time(10, 30), "count": Decimal("12.5")}
        message = Message("Le 24 novembre 2026 à 10:30 : 12,5 %… le 25 novembre 2026.", "x", "fr")
        report = check_consistency([message], facts=facts)
        assert codes(report) == [("CON007", "x/fr"), ("CON007", "x/fr")]
        tied = {row.fact for row in report.facts_seen}
        assert "day" in tied

    def test_time_and_date_facts(self) -> None:
        """A date fact agrees with a date-time on its day; a time fact with the clock time."""
        facts = {"day": date(2026, 11, 24), "at": time(10, 30)}
        same = Message("Réunion le 24 novembre 2026 ; 10:30", "x", "fr")
        report = check_consistency([same], facts=facts)
        assert report.findings == ()
        assert {row.fact for row in report.facts_seen} == {"day", "at"}

    def test_a_valid_message_zone_is_the_readers_zone(self) -> None:
        """A message's own time zone is the zone its times are read in."""
        message = Message(
            f"Next update: 11:00. {STATUS_URL}",
            channel="email",
            locale="en_GB",
            timezone="Europe/London",
        )
        report = check_consistency([message], facts=demo_situation().facts, plan=demo_plan())
        assert codes(report) == [("CON008", "email/en_GB")]

    def test_a_cue_inside_a_link_is_not_next_to_it(self) -> None:
        """A cue word that is part of a value does not tie it."""
        report = check_consistency(
            [Message(f"Suivi : {STATUS_URL}", "x-fr", "fr_FR")],
            facts=demo_situation().facts,
            plan=with_status_cue(),
        )
        assert report.findings == ()

    def test_a_value_between_cue_and_value_blocks_the_cue(self) -> None:
        """A value between a cue and another value keeps the cue from the farther one."""
        message = Message(f"Prochain point : 12:00 ou à 13 h. {STATUS_URL}", "x-fr", "fr_FR")
        report = check_consistency([message], facts=demo_situation().facts, plan=demo_plan())
        assert codes(report) == [("CON007", "x-fr/fr_FR")]
        assert "'13 h'" in report.findings[0].message

    def test_equally_near_cues_prefer_the_stated_fact(self) -> None:
        """ "depuis" introduces two facts: the one whose value is stated wins."""
        facts = {
            **demo_situation().facts,
            "restored_at": datetime(2026, 11, 24, 15, 0, tzinfo=PARIS),
        }
        message = Message(f"Service rétabli depuis 15:00. {STATUS_URL}", "x-fr", "fr_FR")
        report = check_consistency([message], facts=facts, plan=demo_plan())
        assert report.findings == ()
        assert [r.fact for r in report.facts_seen if r.kind is ValueKind.TIME] == ["restored_at"]

    def test_dates_stated_in_the_messages_place_their_times(self) -> None:
        """Without facts, a time is put on the date its message states."""
        november = [
            Message(
                f"Incident détecté le 24 novembre 2026. Prochain point : 10 h 30. {STATUS_URL}",
                "x-fr",
                "fr_FR",
            ),
            Message(
                f"Incident detected on 24 November 2026. Next update: 9:30 AM GMT. {STATUS_URL}",
                "linkedin",
                "en_GB",
            ),
        ]
        assert check_consistency(november, plan=demo_plan()).findings == ()
        july = [
            attrs.evolve(m, text=m.text.replace("novembre", "juillet").replace("November", "July"))
            for m in november
        ]
        assert [f.code for f in check_consistency(july, plan=demo_plan()).findings] == ["CON002"]

    def test_times_without_date_or_zone_compare_as_clock_times(self) -> None:
        """With nothing to place them, "12:00" and "13:00" still differ."""
        messages = [
            Message("Next update: 12:00", "x", "en"),
            Message("Next update: 13:00", "sms", "en"),
            Message("Next update: 12:00", "web", "en"),
        ]
        assert codes(check_consistency(messages)) == [("CON002", "sms/en")]

    def test_times_in_a_zone_with_summer_time_need_a_date(self) -> None:
        """Without a date, Paris time and GMT cannot be compared: nothing is reported."""
        messages = [
            Message(f"Prochain point : 10 h 30. {STATUS_URL}", "x-fr", "fr_FR"),
            Message(f"Next update: 11:30 GMT. {STATUS_URL}", "linkedin", "en_GB"),
        ]
        assert check_consistency(messages, plan=demo_plan()).findings == ()

    def test_a_wall_clock_and_an_instant_are_not_compared(self) -> None:
        """A date-time without a zone and one with a zone: no reader zone, no comparison."""
        messages = [
            Message("Next update: 12:00 UTC on 24 November 2026", "x", "en"),
            Message("Next update: 13:00 on 24 November 2026", "sms", "en"),
            Message("Next update: 24 November 2026", "web", "en"),
        ]
        assert check_consistency(messages).findings == ()

    def test_dates_of_one_fact_compare(self) -> None:
        """Two detection dates of one incident differ: CON002."""
        messages = [
            Message(f"Incident détecté le 24 novembre 2026. {STATUS_URL}", "x-fr", "fr_FR"),
            Message(f"Incident detected on 25 November 2026. {STATUS_URL}", "x", "en_GB"),
            Message(f"Incident détecté le 24 novembre 2026 ! {STATUS_URL}", "bluesky", "fr_FR"),
        ]
        assert codes(check_consistency(messages, plan=demo_plan())) == [("CON002", "x/en_GB")]

    def test_a_date_against_a_datetime_fact(self) -> None:
        """A date agrees with a date-time fact on that day, in the reader's zone."""
        facts = demo_situation().facts
        good = Message(f"Incident détecté le 24 novembre 2026. {STATUS_URL}", "x-fr", "fr_FR")
        bad = Message(f"Incident détecté le 23 novembre 2026. {STATUS_URL}", "x-fr", "fr_FR")
        assert check_consistency([good], facts=facts, plan=demo_plan()).findings == ()
        assert codes(check_consistency([bad], facts=facts, plan=demo_plan())) == [
            ("CON002", "x-fr/fr_FR")
        ]

    def test_a_fact_of_the_wrong_type_is_not_compared(self) -> None:
        """A count given as text cannot be compared with "12 000": nothing is claimed."""
        facts = {"affected_customers": "douze mille", "status_url": STATUS_URL}
        message = Message(f"12 000 clients. {STATUS_URL}", "x-fr", "fr_FR")
        report = check_consistency([message], facts=facts, plan=demo_plan())
        assert report.findings == ()
        assert report.facts_seen[0].agrees is None

    def test_a_range_agrees_with_a_fact_inside_it(self) -> None:
        """ "10 000 à 12 000 clients" agrees with 12000, and shows as a range."""
        message = Message(f"10 000 à 12 000 clients. {STATUS_URL}", "x-fr", "fr_FR")
        report = check_consistency([message], facts=demo_situation().facts, plan=demo_plan())
        assert report.findings == ()
        assert report.to_records()[0]["value"] == "10000–12000"

    def test_contacts_without_facts_compare_across_messages(self) -> None:
        """Without facts, the addresses the messages give are compared."""
        messages = [
            Message("Écrivez à securite@lumea.fr", "x", "fr"),
            Message("Écrivez à securite@lumea.com", "sms", "fr"),
            Message("Écrivez à securite@lumea.fr !", "web", "fr"),
        ]
        assert codes(check_consistency(messages)) == [("CON004", "sms/fr")]

    def test_an_address_of_no_fact_is_no_unverified_claim(self) -> None:
        """With two address facts, another address ties to none and is not a CON007."""
        facts = {"press": "presse@lumea.fr", "dpo": "dpo@lumea.fr"}
        message = Message("Écrivez à contact@lumea.fr", "x", "fr")
        assert check_consistency([message], facts=facts).findings == ()

    def test_a_plain_number_without_a_word(self) -> None:
        """A number alone ("42") has no word to group by, and no fact: it is left alone."""
        assert check_consistency([Message("42", "x", "fr")]).findings == ()


class TestMoreRules:
    def test_a_fact_zone_is_the_zone_without_plan_or_reader(self) -> None:
        """Without a plan or a reader zone, a time is read in the zone of the fact."""
        facts = {"next_update": datetime(2026, 11, 24, 12, 0, tzinfo=PARIS)}
        report = check_consistency([Message("Next update: 12:00", "x", "en")], facts=facts)
        assert report.findings == ()
        assert report.facts_seen[0].fact == "next_update"

    def test_a_time_fact_and_a_datetime(self) -> None:
        """A time fact agrees with a date-time at that clock time."""
        facts = {"at": time(10, 30)}
        report = check_consistency(
            [Message("le 24 novembre 2026 à 10:30", "x", "fr")], facts=facts
        )
        assert report.findings == ()
        assert report.facts_seen[0].fact == "at"

    def test_a_datetime_fact_given_as_a_number_is_not_compared(self) -> None:
        """A fact of the wrong type for its kind is not compared."""
        facts = {"next_update": 5, "status_url": STATUS_URL}
        message = Message(f"Prochain point : 12:00. {STATUS_URL}", "x-fr", "fr_FR")
        report = check_consistency([message], facts=facts, plan=demo_plan())
        assert report.findings == ()

    def test_a_required_text_fact(self) -> None:
        """A required text fact is present when its value is in the text."""
        document: dict[str, Any] = demo_plan().model_dump()
        for fact in document["facts"]:
            if fact["name"] == "service":
                fact["required"] = True
        plan = load_plan(document)
        facts = {**demo_situation().facts, "service": "L’espace client"}
        stated = Message(f"L’espace client est indisponible. {STATUS_URL}", "x-fr", "fr_FR")
        missing = Message(f"Service indisponible. {STATUS_URL}", "x-fr", "fr_FR")
        assert check_consistency([stated], facts=facts, plan=plan).findings == ()
        assert codes(check_consistency([missing], facts=facts, plan=plan)) == [
            ("CON005", "x-fr/fr_FR")
        ]

    def test_links_on_one_site_without_facts(self) -> None:
        """Without facts, links on the same site are compared."""
        messages = [
            Message("Infos : https://lumea.fr/a", "x", "fr"),
            Message("Infos : https://lumea.fr/b", "sms", "fr"),
            Message("Infos : https://lumea.fr/a !", "web", "fr"),
        ]
        assert codes(check_consistency(messages)) == [("CON003", "sms/fr")]


class TestFactsInTheirJsonForm:
    """check_consistency takes facts as a situation holds them, JSON tags included."""

    @pytest.mark.parametrize(
        ("raw", "text"),
        [
            ({"decimal": "12000"}, "12 000 clients"),
            ({"date": "2026-11-24"}, "le 24 novembre 2026"),
            ({"time": "10:30:00"}, "à 10 h 30"),
            ({"datetime": "2026-11-24T10:30:00+01:00"}, "le 24 novembre 2026 à 10 h 30"),
            (12000.0, "12 000 clients"),
        ],
    )
    def test_tagged_values_are_decoded(self, raw: object, text: str) -> None:
        """Each JSON form of a fact compares like the Python value it stands for."""
        report = check_consistency(
            [Message(text, channel="x", locale="fr_FR", timezone="Europe/Paris")],
            facts={"fact": raw},
        )
        assert report.findings == ()
        assert [row.agrees for row in report.facts_seen] == [True]

    @pytest.mark.parametrize(
        "raw",
        [
            True,
            float("nan"),
            {"decimal": "douze"},
            {"decimal": "NaN"},
            {"datetime": "2026-11-24T10:30"},
            {"date": "24/11/2026"},
            {"bogus": "1"},
            [1, 2],
        ],
    )
    def test_bad_values_are_input_errors(self, raw: object) -> None:
        """A fact value that is no fact is refused, naming the fact."""
        with pytest.raises(InputError, match="facts\\['fact'\\]"):
            check_consistency([], facts={"fact": raw})

    @pytest.mark.parametrize(
        "fields",
        [
            {"text": 42, "channel": "x", "locale": "fr"},
            {"text": "x", "channel": "x", "locale": "fr", "stakeholder": 3},
        ],
    )
    def test_messages_of_the_wrong_shape_are_refused_when_built(
        self, fields: dict[str, Any]
    ) -> None:
        """A Message with a field of the wrong type cannot be built."""
        with pytest.raises(InputError):
            Message(**fields)


@pytest.mark.parametrize(
    "reference", ["l’article 33 du RGPD", "Art. 33 GDPR", "§ 42 BDSG", "le n° 12", "version 2"]
)
def test_numbers_that_name_a_text_are_no_claims(reference: str) -> None:
    """A number after "article", "§" or "n°" names a text: no CON007."""
    message = Message(f"Selon {reference}. {STATUS_URL}", "x-fr", "fr_FR")
    assert (
        check_consistency([message], facts=demo_situation().facts, plan=demo_plan()).findings == ()
    )


def test_a_number_after_a_full_stop_has_no_word() -> None:
    """A word in the previous sentence does not name a number: no group."""
    report = check_consistency([Message("Voilà . 42", "x", "fr")])
    assert [row.fact for row in report.facts_seen] == [None]


def test_cues_are_found_in_text_that_grows_in_lower_case() -> None:
    """ "İ" is two characters in lower case; cues and spans stay right."""
    message = Message(f"İstanbul : 15 000 clients. {STATUS_URL}", "x-fr", "fr_FR")
    report = check_consistency([message], facts=demo_situation().facts, plan=demo_plan())
    assert codes(report) == [("CON001", "x-fr/fr_FR")]
    span = report.findings[0].span
    assert span is not None
    assert message.text[span[0] : span[1]] == "15 000"


def test_a_fact_no_message_states_still_has_its_row() -> None:
    """A required fact missing everywhere is listed in `missing` and in the matrix."""
    message = Message("Incident en cours.", channel="x-fr", locale="fr_FR")
    report = check_consistency([message], facts=demo_situation().facts, plan=demo_plan())
    assert report.missing == (("x-fr/fr_FR", "status_url"),)
    assert report.facts == ("status_url",)
    assert "✗ missing" in report._repr_html_()


def test_decomposed_accents_in_cues_and_words() -> None:
    """A post typed with decomposed accents ties "de\u0301tecte\u0301" like "détecté"."""
    message = Message(
        f"Incident de\u0301tecte\u0301 le 23 novembre 2026. {STATUS_URL}", "x-fr", "fr_FR"
    )
    report = check_consistency([message], facts=demo_situation().facts, plan=demo_plan())
    assert codes(report) == [("CON002", "x-fr/fr_FR")]


def test_look_alike_links_without_plan_or_facts() -> None:
    """Without plan or facts, a look-alike link differs from the other messages' link."""
    messages = [
        Message(f"Suivi : {STATUS_URL}", "x", "fr"),
        Message("Suivi : https://status.lumea-fr.com/incident/2411", "sms", "fr"),
        Message(f"Updates: {STATUS_URL}", "linkedin", "en"),
        Message("CNIL : https://www.cnil.fr", "web", "fr"),
    ]
    assert codes(check_consistency(messages)) == [("CON003", "sms/fr")]


def test_a_cue_inside_a_longer_word_is_no_cue() -> None:
    """ "décomptes" holds "comptes" but is another word: 15 000 is not the customers."""
    message = Message(f"15 000 décomptes envoyés. {STATUS_URL}", "x-fr", "fr_FR")
    report = check_consistency([message], facts=demo_situation().facts, plan=demo_plan())
    assert codes(report) == [("CON007", "x-fr/fr_FR")]


class TestRememberedExtraction:
    """Texts read once are remembered, the last ones used first kept, as an LRU cache."""

    def test_a_text_is_read_once(self) -> None:
        """The same text, twice in a set or in a later set, gives the values read first."""
        memory = Extractions(max_chars=100)
        first, again = memory.many([("12 000 clients", "fr_FR")] * 2, None)
        assert first is again
        assert memory.many([("12 000 clients", "fr_FR")], None)[0] is first
        assert first == extract_values("12 000 clients", "fr_FR")

    def test_the_least_recently_used_is_forgotten(self) -> None:
        """Beyond `max_chars` characters, the text used longest ago is read again."""
        memory = Extractions(max_chars=6)
        kept, forgotten = memory.many([("1 a", "fr_FR"), ("2 b", "fr_FR")], None)
        memory.many([("1 a", "fr_FR"), ("3 c", "fr_FR")], None)
        assert memory.many([("1 a", "fr_FR")], None)[0] is kept
        read_again = memory.many([("2 b", "fr_FR")], None)[0]
        assert read_again == forgotten
        assert read_again is not forgotten

    def test_the_memory_is_bounded_by_the_size_of_the_texts(self) -> None:
        """Large texts do not pile up: what is kept never exceeds the character budget."""
        memory = Extractions(max_chars=25_000)
        for i in range(12):
            memory.many([(f"{i} " + "a" * 10_000, "en_GB")], None)
            assert memory.kept_chars <= 25_000
        assert memory.kept_chars > 10_000

    def test_a_text_over_the_whole_budget_is_read_and_not_kept(self) -> None:
        """A text longer than the budget is read each time and keeps nothing."""
        memory = Extractions(max_chars=10)
        first = memory.many([("12 000 clients affectés", "fr_FR")], None)[0]
        assert memory.kept_chars == 0
        assert memory.many([("12 000 clients affectés", "fr_FR")], None)[0] is not first

    def test_cache_clear_forgets_everything(self) -> None:
        """After `cache_clear`, every text is read again."""
        memory = Extractions(max_chars=100)
        before = memory.many([("12 000 clients", "fr_FR")], date(2026, 11, 24))[0]
        memory.cache_clear()
        after = memory.many([("12 000 clients", "fr_FR")], date(2026, 11, 24))[0]
        assert after == before
        assert after is not before


class _LoopSites:
    """The grouping of links as it was: each link compared with every link kept."""

    def __init__(self) -> None:
        self.kept: list[tuple[str, str]] = []

    def first_same(self, url: str) -> str | None:
        return next((name for kept, name in self.kept if same_site(url, kept)), None)

    def keep(self, url: str, name: str) -> None:
        self.kept.append((url, name))


def _every_cue(self: Any, value: Any) -> list[Any]:
    """Every cue of the message, as tying looked at them before."""
    return list(self.cues)


def _other_between(self: Any, family: str, value: Any, low: int, high: int) -> bool:
    """Another value of the family in between, found by looking at every value."""
    inside = sum(low <= start < high for start in self.starts[family])
    return bool(inside - (low <= value.span[0] < high) > 0)


_PIECES = st.sampled_from(
    [
        "Suivi : https://status.lumea.fr/incident/2411",
        "https://status.1umea.fr/incident/2411",
        "https://example.org/a",
        "https://example.org/b",
        "https://examp1e.org/b",
        "https://lumea-fr.com/x",
        "https://www.lumea.fr/aide",
        "12 000 clients",
        "15 000 clients",
        "12 000 clients concernés.",
        "environ 12 000 foyers",
        "plus de 300 agences",
        "300 agences",
        "Prochain point : 12:00.",
        "Prochain point : 13:00.",
        "Suivi :",
        "clients",
    ]
)


def _one_by_one(messages: list[Message], facts: Any) -> ConsistencyReport:
    """The report as the loops over every link, statement and cue gave it."""
    with (
        mock.patch.object(_tying, "Sites", _LoopSites),
        mock.patch.object(_rules, "_clusters_by_value", return_value=None),
        mock.patch.object(_tying._Near, "cues_around", _every_cue),
        mock.patch.object(_tying._Near, "other_between", _other_between),
    ):
        return check_consistency(messages, facts=facts, plan=demo_plan())


class TestLinearPaths:
    def test_a_message_with_many_cues(self) -> None:
        """A post with dozens of cues and values ties each value as looking at every cue does."""
        text = " ".join(
            f"Suivi : https://example.org/{i} {12_000 + i} clients, prochain point : {i % 12}:00."
            for i in range(30)
        )
        messages = [Message(text, channel="x-fr", locale="fr_FR")]
        for facts in (demo_situation().facts, None):
            fast = check_consistency(messages, facts=facts, plan=demo_plan())
            assert fast.findings
            assert fast == _one_by_one(messages, facts)

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(st.lists(_PIECES, min_size=1, max_size=6), min_size=1, max_size=6),
        st.booleans(),
    )
    def test_same_findings_as_the_one_by_one_loops(
        self, texts: list[list[str]], with_facts: bool
    ) -> None:
        """Grouping links by index, clustering by value and cues by bisection change no finding."""
        messages = [
            Message(" ".join(pieces), channel=("x-fr", "sms", "email")[i % 3], locale="fr_FR")
            for i, pieces in enumerate(texts)
        ]
        facts = demo_situation().facts if with_facts else None
        plan = demo_plan()
        fast = check_consistency(messages, facts=facts, plan=plan)
        slow = _one_by_one(messages, facts)
        assert fast == slow


def test_one_text_in_two_zones_is_judged_in_each() -> None:
    """A comparison remembered for one message is not given to the same text read elsewhere."""
    facts = {"next_update": datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))}
    paris = Message("Prochain point : 12:00.", channel="email", locale="fr_FR")
    martinique = attrs.evolve(paris, timezone="America/Martinique")
    for messages in ([paris, martinique], [martinique, paris]):
        report = check_consistency(messages, facts=facts, plan=demo_plan())
        agrees = {row.message: row.agrees for row in report.facts_seen}
        assert sorted(map(bool, agrees.values())) == [False, True]
        assert None not in agrees.values()
        wrong = next(label for label, ok in agrees.items() if not ok)
        assert messages[report.messages.index(wrong)].timezone == "America/Martinique"
        assert {f.code for f in report.findings if f.subject == wrong} >= {"CON002"}
