"""CAP 1.2: alerts written from the demo plan valid against the OASIS XSD, real alerts read."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import attrs
import pytest
import xmlschema
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    CrisisCommsError,
    DraftSet,
    InputError,
    Mode,
    NaiveDatetimeError,
    Phase,
    Plan,
    Situation,
    draft_responses,
    load_plan,
)
from crisiscomms.cap import (
    NAMESPACE,
    Alert,
    Area,
    CapCategory,
    CapError,
    CapSeverity,
    Certainty,
    Circle,
    Info,
    MessageType,
    Reference,
    Resource,
    ResponseType,
    Scope,
    Status,
    Urgency,
    read_cap_xml,
    to_cap_alert,
    to_cap_xml,
)
from crisiscomms.samples import demo_plan, demo_situation
from tests.conftest import SHARED
from tests.strategies import plan_document, situations, template

CAP_DATA = SHARED / "data" / "cap"
EXAMPLES = sorted((CAP_DATA / "examples").glob("*.xml"))
INVALID = sorted((CAP_DATA / "examples" / "invalid").glob("*.xml"))
ALERT_TAG = f"{{{NAMESPACE}}}alert"

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=PARIS)
SENT = datetime(2026, 11, 24, 9, 5, 30, 123456, tzinfo=PARIS)
#: Every dateTime element of CAP 1.2.
DATETIME_ELEMENTS = ("sent", "effective", "onset", "expires")
CAP_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d")


@pytest.fixture(scope="session")
def schema() -> xmlschema.XMLSchema:
    """The official OASIS CAP 1.2 schema, read in place."""
    path = CAP_DATA / "CAP-v1.2.xsd"
    if not path.is_file():  # pragma: no cover - a broken checkout
        pytest.fail(f"CAP schema not found at {path}: clone beside ../shared")
    return xmlschema.XMLSchema(str(path))


def assert_valid(schema: xmlschema.XMLSchema, xml: str) -> None:
    """`xml` is a CAP alert (root checked: xmlschema accepts an xs:schema root) and valid."""
    assert ET.fromstring(xml).tag == ALERT_TAG
    schema.validate(xml)


def assert_named(error: CapError) -> None:
    """The error names a field, and its message starts with it."""
    assert error.field
    assert str(error).startswith(error.field)


@pytest.fixture(scope="module")
def demo_drafts() -> DraftSet:
    """The drafts of the demo crisis."""
    return draft_responses(demo_plan(), demo_situation(), now=NOW)


def demo_alert(drafts: DraftSet, situation: Situation | None = None, /, **options: Any) -> Alert:
    """The demo crisis as an alert, with the options changed."""
    arguments: dict[str, Any] = {
        "sender": "alerts@lumea.fr",
        "identifier": "lumea-2411-1",
        "sent": SENT,
        "expires": SENT + timedelta(hours=12),
        **options,
    }
    return to_cap_alert(demo_plan(), situation or demo_situation(), drafts, **arguments)


EARLIER = Reference("alerts@lumea.fr", "lumea-2411-0", datetime(2026, 11, 24, 7, 50, tzinfo=UTC))
PARIS_AREA = Area(
    "Paris et petite couronne",
    polygons=(((48.9, 2.2), (48.9, 2.5), (48.8, 2.5), (48.8, 2.2), (48.9, 2.2)),),
    circles=(Circle((48.8566, 2.3522), 15.5),),
    geocodes=(("INSEE", "75056"),),
    altitude=Decimal(0),
    ceiling=Decimal("1500.5"),
)


class TestDemoAlertsValidate:
    """Every alert written from the demo crisis is valid against the OASIS XSD."""

    @pytest.mark.parametrize("mode", list(Mode))
    @pytest.mark.parametrize(
        ("msg_type", "references"),
        [(None, ()), ("Update", (EARLIER,)), ("Cancel", (EARLIER,)), (None, (EARLIER,))],
    )
    @pytest.mark.parametrize("area", [None, "France", PARIS_AREA], ids=["none", "text", "shapes"])
    def test_mode_type_and_area(
        self,
        *,
        schema: xmlschema.XMLSchema,
        demo_drafts: DraftSet,
        mode: Mode,
        msg_type: str | None,
        references: tuple[Reference, ...],
        area: object,
    ) -> None:
        """Each mode, message type and area gives a valid alert that reads back equal."""
        situation = demo_situation().model_copy(update={"mode": mode})
        alert = demo_alert(
            demo_drafts, situation, msg_type=msg_type, references=references, area=area
        )
        xml = alert.to_xml()
        assert_valid(schema, xml)
        assert read_cap_xml(xml) == alert
        assert alert.status == {"actual": "Actual", "exercise": "Exercise", "test": "Test"}[mode]
        expected = msg_type or ("Update" if references else "Alert")
        assert alert.msg_type == expected
        assert ET.fromstring(xml).find(f"{{{NAMESPACE}}}status").text == alert.status.value  # type: ignore[union-attr]

    def test_one_language(self, schema: xmlschema.XMLSchema) -> None:
        """Customers only read French: one French block."""
        situation = demo_situation().model_copy(update={"stakeholders": ("customers",)})
        drafts = draft_responses(demo_plan(), situation, now=NOW)
        alert = demo_alert(drafts, situation)
        assert alert.languages == ("fr-FR",)
        assert_valid(schema, alert.to_xml())

    def test_two_languages_default_first(self, demo_drafts: DraftSet) -> None:
        """French (the plan's default) then English, written as fr-FR and en-GB."""
        alert = demo_alert(demo_drafts)
        assert alert.languages == ("fr-FR", "en-GB")
        xml = alert.to_xml()
        assert "<language>fr-FR</language>" in xml
        assert "fr_FR" not in xml

    def test_to_cap_xml_is_the_alert_written(self, demo_drafts: DraftSet) -> None:
        """`to_cap_xml` writes what `to_cap_alert` builds."""
        options: dict[str, Any] = {"sender": "alerts@lumea.fr", "identifier": "a1", "sent": SENT}
        plan, situation = demo_plan(), demo_situation()
        assert (
            to_cap_xml(plan, situation, demo_drafts, **options)
            == to_cap_alert(plan, situation, demo_drafts, **options).to_xml()
        )


class TestMapping:
    """What each element of the alert is taken from."""

    def test_blocks_follow_the_plan(self, demo_drafts: DraftSet) -> None:
        """Category, severity, event, web, contact and defaults come from the plan and facts."""
        plan, situation = demo_plan(), demo_situation()
        alert = demo_alert(demo_drafts)
        facts = situation.facts
        for info in alert.infos:
            assert info.categories == (plan.crisis_type("data-breach").cap_category,)
            assert info.severity == plan.severity(situation.severity).cap_severity
            assert info.event == plan.crisis_type("data-breach").label
            assert info.web == facts["status_url"]
            assert info.contact == f"{facts['contact_email']}, {facts['hotline']}"
            assert info.urgency is Urgency.IMMEDIATE
            assert info.certainty is Certainty.OBSERVED
            assert info.expires == SENT.replace(microsecond=0) + timedelta(hours=12)

    def test_description_is_the_longest_public_draft(self, demo_drafts: DraftSet) -> None:
        """The description is the longest public draft, the headline the shortest, cut."""
        plan = demo_plan()
        alert = demo_alert(demo_drafts)
        for info in alert.infos:
            locale = info.language.replace("-", "_")
            public = [
                d.message.text
                for d in demo_drafts.drafts
                if d.message.locale == locale
                and plan.channel(d.message.channel).audience == "public"
            ]
            assert info.description == max(public, key=len)
            shortest = min(public, key=len)
            assert info.headline is not None
            assert shortest.startswith(info.headline)
            assert len(info.headline) <= 160
            assert info.headline.endswith(".")

    def test_internal_and_direct_drafts_are_left_out(self, demo_drafts: DraftSet) -> None:
        """The staff Slack message and the regulator's e-mail never reach the alert."""
        xml = demo_alert(demo_drafts).to_xml()
        assert "Cellule de crise" not in xml
        assert "article 33" not in xml

    def test_resolved_phase_is_past(self, demo_drafts: DraftSet) -> None:
        """After the crisis, the urgency is Past unless the caller says otherwise."""
        resolved = demo_situation().model_copy(update={"phase": Phase.RESOLVED})
        assert demo_alert(demo_drafts, resolved).infos[0].urgency is Urgency.PAST
        chosen = demo_alert(demo_drafts, resolved, urgency="Expected", certainty="Likely")
        assert chosen.infos[0].urgency is Urgency.EXPECTED
        assert chosen.infos[0].certainty is Certainty.LIKELY

    def test_instructions_and_events_by_locale(self, demo_drafts: DraftSet) -> None:
        """Instructions and events are found by locale, language tag or language."""
        alert = demo_alert(
            demo_drafts,
            instructions={"fr": "Changez votre mot de passe.", "en-GB": "Change your password."},
            events={"en_GB": "Personal data breach"},
            sender_name="Lumea",
        )
        fr, en = alert.info("fr_FR"), alert.info("en-GB")
        assert (fr.instruction, en.instruction) == (
            "Changez votre mot de passe.",
            "Change your password.",
        )
        assert en.event == "Personal data breach"
        assert fr.event == "Violation de données personnelles"
        assert fr.sender_name == "Lumea"

    def test_headline_from_the_cap_channel(self, demo_drafts: DraftSet) -> None:
        """A draft on the headline channel is the headline as it is; elsewhere the fallback."""
        alert = demo_alert(demo_drafts, headline_channel="sms")
        sms = demo_drafts.draft("customers/sms/fr_FR").message.text
        assert alert.info("fr-FR").headline == sms
        assert alert.info("en-GB").headline == demo_alert(demo_drafts).info("en-GB").headline

    def test_headline_channel_too_long_is_an_error(self, demo_drafts: DraftSet) -> None:
        """The press release as a headline does not fit: the error names the headline."""
        with pytest.raises(CapError) as caught:
            demo_alert(demo_drafts, headline_channel="press")
        assert caught.value.field == "info[0].headline"
        assert "160" in str(caught.value)

    def test_markup_never_reaches_the_alert(self) -> None:
        """With only HTML channels, texts are rendered again, plain: no entity, no tag."""
        plan = demo_plan()
        html_plan = plan.model_copy(
            update={
                "channels": tuple(c.model_copy(update={"markup": "html"}) for c in plan.channels)
            }
        )
        situation = demo_situation().with_facts(
            status_url="https://status.lumea.fr/incident?id=2411&lang=fr"
        )
        drafts = draft_responses(html_plan, situation, now=NOW)
        assert any("&amp;" in d.message.text for d in drafts.drafts)
        alert = to_cap_alert(
            html_plan, situation, drafts, sender="a@lumea.fr", identifier="i", sent=SENT
        )
        for info in alert.infos:
            assert info.description is not None
            assert "&amp;" not in info.description
            assert "id=2411&lang=fr" in info.description
        xml = alert.to_xml()
        assert "id=2411&amp;lang=fr" in xml
        assert read_cap_xml(xml) == alert


def _small_plan(text: str, *, url: bool = True) -> Plan:
    """The demo plan with one public X template of `text` for data breaches."""
    document = plan_document(
        [
            template("t-fr", text=text, crisis_types=["data-breach"], channels=["x"]),
        ],
        stakeholders=[
            {
                "id": "public",
                "label": "Grand public",
                "kind": "public",
                "channels": ["x-fr"],
                "locales": ["fr_FR"],
            }
        ],
        obligations=[],
    )
    if not url:
        document["facts"] = [f for f in document["facts"] if f["kind"] != "url"]
    return load_plan(document)


class TestBadInput:
    """What cannot be made into a valid alert is a clear error."""

    def test_headline_that_cannot_fit(self) -> None:
        """One sentence of 200 characters cannot be cut: the error names the headline."""
        plan = _small_plan("Lumea " + "x" * 200 + " {status_url}")
        situation = demo_situation()
        drafts = draft_responses(plan, situation, now=NOW)
        with pytest.raises(CapError) as caught:
            to_cap_alert(plan, situation, drafts, sender="a", identifier="i", sent=SENT)
        assert caught.value.field == "info[0].headline"

    def test_short_draft_is_the_headline(self) -> None:
        """A public draft that fits is the headline whole."""
        plan = _small_plan("Incident en cours. Suivi : {status_url}")
        situation = demo_situation()
        drafts = draft_responses(plan, situation, now=NOW)
        alert = to_cap_alert(plan, situation, drafts, sender="a", identifier="i", sent=SENT)
        assert alert.infos[0].headline == drafts.drafts[0].message.text

    def test_status_link_that_is_not_a_uri(self) -> None:
        """A status link with spaces is refused, naming web and the fact."""
        plan = _small_plan("Incident en cours. Suivi : {status_url}")
        situation = demo_situation().with_facts(status_url="status page")
        drafts = draft_responses(plan, situation, now=NOW)
        with pytest.raises(CapError, match="status_url") as caught:
            to_cap_alert(plan, situation, drafts, sender="a", identifier="i", sent=SENT)
        assert caught.value.field == "info.web"

    def test_no_status_link_fact(self) -> None:
        """Without a URL fact, there is no web element."""
        plan = _small_plan("Incident en cours.", url=False)
        situation = demo_situation()
        drafts = draft_responses(plan, situation, now=NOW)
        alert = to_cap_alert(plan, situation, drafts, sender="a", identifier="i", sent=SENT)
        assert alert.infos[0].web is None

    def test_naive_sent(self, demo_drafts: DraftSet) -> None:
        """A naive sent is a NaiveDatetimeError naming sent."""
        with pytest.raises(NaiveDatetimeError, match="sent"):
            demo_alert(demo_drafts, sent=datetime(2026, 11, 24, 9))

    @pytest.mark.parametrize(
        ("option", "value", "field"),
        [
            ("urgency", "Soon", "urgency"),
            ("certainty", "Sure", "certainty"),
            ("msg_type", "Notice", "msgType"),
            ("scope", "Everyone", "scope"),
        ],
    )
    def test_unknown_cap_value(
        self, demo_drafts: DraftSet, option: str, value: str, field: str
    ) -> None:
        """A value outside CAP's code list is refused, naming the element and the choices."""
        with pytest.raises(CapError) as caught:
            demo_alert(demo_drafts, **{option: value})
        assert caught.value.field == field
        assert "expected one of" in str(caught.value)

    @pytest.mark.parametrize("area", ["", "  ", ["France", ""]])
    def test_area_without_description(self, demo_drafts: DraftSet, area: object) -> None:
        """An area must say where in words."""
        with pytest.raises(CapError) as caught:
            demo_alert(demo_drafts, area=area)
        assert caught.value.field == "area.areaDesc"

    def test_area_without_description_names_the_field(self) -> None:
        """Area('') names areaDesc."""
        with pytest.raises(CapError) as caught:
            Area("")
        assert caught.value.field == "area.areaDesc"

    def test_no_public_draft(self) -> None:
        """Only staff addressed: no public draft, no alert."""
        situation = demo_situation().model_copy(update={"stakeholders": ("employees",)})
        drafts = draft_responses(demo_plan(), situation, now=NOW)
        with pytest.raises(CapError) as caught:
            demo_alert(drafts, situation)
        assert caught.value.field == "info"

    @pytest.mark.parametrize(
        ("option", "value"),
        [("area", 3), ("references", "lumea,1,2026"), ("references", [3])],
    )
    def test_wrong_types(self, demo_drafts: DraftSet, option: str, value: object) -> None:
        """An area or reference of the wrong type is refused with the library's error."""
        with pytest.raises(CapError):
            demo_alert(demo_drafts, **{option: value})

    def test_wrong_arguments(self, demo_drafts: DraftSet) -> None:
        """A plan, situation or drafts of the wrong type is an InputError."""
        plan, situation = demo_plan(), demo_situation()
        with pytest.raises(InputError):
            to_cap_alert("plan", situation, demo_drafts, sender="a", identifier="i", sent=SENT)  # type: ignore[arg-type]
        with pytest.raises(InputError):
            to_cap_alert(plan, situation, [], sender="a", identifier="i", sent=SENT)  # type: ignore[arg-type]
        with pytest.raises(InputError):
            demo_alert(demo_drafts, instructions=["x"])
        with pytest.raises(InputError):
            demo_alert(demo_drafts, headline_channel=3)

    def test_alert_as_reference(self, demo_drafts: DraftSet) -> None:
        """An earlier Alert can be given as the reference itself."""
        first = demo_alert(demo_drafts)
        later = SENT + timedelta(hours=1)
        update = demo_alert(demo_drafts, identifier="lumea-2411-2", sent=later, references=first)
        assert update.references == (first.reference,)
        assert update.msg_type is MessageType.UPDATE


def _alert(**changes: Any) -> Alert:
    """A small valid alert, with some fields changed."""
    info = Info(
        language="fr-FR",
        categories=(CapCategory.SECURITY,),
        event="Violation de données",
        urgency=Urgency.IMMEDIATE,
        severity=CapSeverity.SEVERE,
        certainty=Certainty.OBSERVED,
        expires=datetime(2026, 11, 24, 20, tzinfo=UTC),
        areas=(PARIS_AREA,),
    )
    values: dict[str, Any] = {
        "identifier": "lumea-1",
        "sender": "alerts@lumea.fr",
        "sent": datetime(2026, 11, 24, 9, tzinfo=UTC),
        "status": Status.ACTUAL,
        "msg_type": MessageType.ALERT,
        "scope": Scope.PUBLIC,
        "infos": (info,),
        **changes,
    }
    return Alert(**values)


def _info(**changes: Any) -> Info:
    return attrs.evolve(_alert().infos[0], **changes)


class TestRules:
    """What the schema does not check is checked before any XML is written."""

    def test_the_small_alert_is_valid(self, schema: xmlschema.XMLSchema) -> None:
        """The base of these tests passes every rule and the schema."""
        assert_valid(schema, _alert().to_xml())

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"sender": "Lumea Paris"}, "sender"),
            ({"sender": "lumea,fr"}, "sender"),
            ({"identifier": "a&b"}, "identifier"),
            ({"scope": Scope.PRIVATE}, "addresses"),
            ({"scope": Scope.RESTRICTED}, "restriction"),
            ({"msg_type": MessageType.UPDATE}, "references"),
            ({"msg_type": MessageType.CANCEL}, "references"),
            (
                {
                    "msg_type": MessageType.UPDATE,
                    "references": (Reference("a b", "x", datetime(2026, 1, 1, tzinfo=UTC)),),
                },
                "references[0].sender",
            ),
            (
                {
                    "msg_type": MessageType.UPDATE,
                    "references": (Reference("a", "x,y", datetime(2026, 1, 1, tzinfo=UTC)),),
                },
                "references[0].identifier",
            ),
            (
                {
                    "msg_type": MessageType.UPDATE,
                    "references": (Reference("a", "x", datetime(2027, 1, 1, tzinfo=UTC)),),
                },
                "references[0].sent",
            ),
            ({"scope": Scope.PRIVATE, "addresses": ('a"b',)}, "addresses[0]"),
            ({"incidents": ('a"b',)}, "incidents[0]"),
        ],
    )
    def test_alert_rules(self, changes: dict[str, Any], field: str) -> None:
        """Each broken rule raises a CapError naming its field."""
        alert = _alert(**changes)
        with pytest.raises(CapError) as caught:
            alert.to_xml()
        assert caught.value.field == field

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"expires": datetime(2026, 11, 24, 8, tzinfo=UTC)}, "info[0].expires"),
            ({"expires": datetime(2026, 11, 24, 9, tzinfo=UTC)}, "info[0].expires"),
            (
                {"effective": datetime(2026, 11, 24, 21, tzinfo=UTC)},
                "info[0].expires",
            ),
            (
                {"areas": (Area("x", polygons=(((1, 1), (2, 2), (1, 1)),)),)},
                "info[0].area[0].polygon[0]",
            ),
            (
                {"areas": (Area("x", polygons=(((1, 1), (2, 2), (3, 1), (4, 4)),)),)},
                "info[0].area[0].polygon[0]",
            ),
            ({"areas": (Area("x", ceiling=Decimal(3)),)}, "info[0].area[0].ceiling"),
            ({"description": "bell \x07"}, "info[0].description"),
            ({"headline": "lone \ud800"}, "info[0].headline"),
        ],
    )
    def test_info_rules(self, changes: dict[str, Any], field: str) -> None:
        """Each broken rule of a block names the block and the element."""
        alert = _alert(infos=(_info(**changes),))
        with pytest.raises(CapError) as caught:
            alert.to_xml()
        assert caught.value.field == field

    def test_same_language_twice(self) -> None:
        """Two blocks in one language (whatever the case) are refused."""
        alert = _alert(infos=(_info(), _info(language="FR-fr")))
        with pytest.raises(CapError) as caught:
            alert.to_xml()
        assert caught.value.field == "info[1].language"

    def test_categories_differ(self) -> None:
        """Every block has the categories of the first."""
        alert = _alert(infos=(_info(), _info(language="en-GB", categories=("Infra",))))
        with pytest.raises(CapError) as caught:
            alert.to_xml()
        assert caught.value.field == "info[1].category"

    def test_rules_pass_when_kept(self, schema: xmlschema.XMLSchema) -> None:
        """Private with addresses, restricted with a restriction, update with references pass."""
        ok = [
            _alert(scope=Scope.PRIVATE, addresses=("ops@lumea.fr", "cellule de crise")),
            _alert(scope=Scope.RESTRICTED, restriction="Équipe de crise"),
            _alert(msg_type=MessageType.UPDATE, references=(EARLIER,), incidents=("i 1", "i2")),
            _alert(infos=(_info(), _info(language="en-GB"))),
        ]
        for alert in ok:
            xml = alert.to_xml()
            assert_valid(schema, xml)
            assert read_cap_xml(xml) == alert


BAD_VALUES: list[tuple[Any, str]] = [
    (lambda: _info(language="fr_FR"), "info.language"),
    (lambda: _info(categories=()), "info.category"),
    (lambda: _info(categories="Geo"), "info.category"),
    (lambda: _info(event=" "), "info.event"),
    (lambda: _info(event=3), "info.event"),
    (lambda: _info(severity="Bad"), "info.severity"),
    (lambda: _info(resources=("x",)), "info.resource[0]"),
    (lambda: _info(event_codes=(("a",),)), "info.eventCode[0]"),
    (lambda: Area("x", polygons=(((91, 0),),)), "area.polygon[0][0] latitude"),
    (lambda: Area("x", polygons=(((0, "1"),),)), "area.polygon[0][0] longitude"),  # type: ignore[arg-type]
    (lambda: Area("x", polygons=((1,),)), "area.polygon[0][0]"),  # type: ignore[arg-type]
    (lambda: Area("x", altitude=1.5), "area.altitude"),  # type: ignore[arg-type]
    (lambda: Area("x", altitude=Decimal("NaN")), "area.altitude"),
    (lambda: Circle((0, 0), -1), "circle.radius"),
    (lambda: Circle((0, 0), "1"), "circle.radius"),  # type: ignore[arg-type]
    (lambda: Resource("x", ""), "resource.mimeType"),
    (lambda: Resource("x", "image/png", size=True), "resource.size"),
    (lambda: _alert(codes=("",)), "code[0]"),
    (lambda: _alert(status="Live"), "status"),
]


class TestNamespace:
    """`crisiscomms.cap` is a public namespace, imported on its own."""

    def test_exports_show_the_namespace(self) -> None:
        """Reprs and docs say `crisiscomms.cap.Alert`, not the private module."""
        from crisiscomms import cap

        own = [getattr(cap, name) for name in cap.__all__]
        wrong = [
            obj
            for obj in own
            if getattr(obj, "__module__", "crisiscomms.cap").startswith("crisiscomms.cap.")
        ]
        assert wrong == []
        assert CapError.__module__ == "crisiscomms.cap"
        assert issubclass(CapError, CrisisCommsError)
        assert issubclass(CapError, ValueError)

    def test_not_imported_by_the_top_level(self) -> None:
        """`import crisiscomms` loads neither the CAP namespace nor defusedxml."""
        code = (
            "import sys, crisiscomms; "
            "print('crisiscomms.cap' in sys.modules, 'defusedxml' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.split() == ["False", "False"]

    def test_public_classes_are_final(self) -> None:
        """The values and code lists are not meant to be subclassed."""
        for value in (Alert, Info, Area, Circle, Resource, Reference, Status, Urgency):
            assert getattr(value, "__final__", False), value


class TestValues:
    """The values are frozen, equal, hashable, picklable, and check their own form."""

    def test_value_laws(self) -> None:
        """Equal when built equal, hashable, pickled unchanged, never changed in place."""
        alert = _alert()
        assert alert == _alert()
        assert hash(alert) == hash(_alert())
        assert pickle.loads(pickle.dumps(alert)) == alert
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            alert.identifier = "x"  # type: ignore[misc]
        assert repr(alert).startswith("Alert(identifier='lumea-1'")

    def test_datetimes_lose_fractions_and_keep_the_instant(self) -> None:
        """A sent with microseconds becomes whole seconds; a naive one is refused."""
        alert = _alert(sent=datetime(2026, 11, 24, 9, 0, 0, 999999, tzinfo=UTC))
        assert alert.sent == datetime(2026, 11, 24, 9, tzinfo=UTC)
        with pytest.raises(NaiveDatetimeError):
            _alert(sent=datetime(2026, 11, 24, 9))
        with pytest.raises(CapError):
            _alert(sent="2026-11-24")

    def test_strings_become_codes(self) -> None:
        """Code-list values may be given as their text."""
        info = _info(urgency="Past", response_types=("AllClear", ResponseType.MONITOR))
        assert info.urgency is Urgency.PAST
        assert info.response_types == (ResponseType.ALL_CLEAR, ResponseType.MONITOR)

    @pytest.mark.parametrize(
        ("build", "field"), BAD_VALUES, ids=[f"{i}-{f}" for i, (_, f) in enumerate(BAD_VALUES)]
    )
    def test_bad_values(self, build: Any, field: str) -> None:
        """A value of the wrong form is a CapError naming the field."""
        with pytest.raises(CapError) as caught:
            build()
        assert caught.value.field == field

    def test_records_and_html(self, demo_drafts: DraftSet) -> None:
        """One record per block with the same keys; the HTML escapes every value."""
        alert = demo_alert(demo_drafts, area="Paris <centre> & banlieue")
        records = alert.to_records()
        assert [r["language"] for r in records] == ["fr-FR", "en-GB"]
        assert len({tuple(r) for r in records}) == 1
        assert records[0]["severity"] == "Severe"
        assert records[0]["expires"] is not None
        assert records[0]["expires"].isoformat() == "2026-11-24T21:05:30+01:00"
        page = alert._repr_html_()
        assert "Paris &lt;centre&gt; &amp; banlieue" in page
        assert "<centre>" not in page
        assert page.count("<tr>") == 3
        assert _alert(infos=(_info(expires=None, areas=()),)).to_records()[0]["areas"] == []

    def test_info_by_language(self) -> None:
        """`Alert.info` finds a block by tag or locale, and names the languages otherwise."""
        alert = _alert()
        assert alert.info("fr_FR") is alert.infos[0]
        with pytest.raises(CapError, match="fr-FR"):
            alert.info("de-DE")

    def test_resources_round_trip(self, schema: xmlschema.XMLSchema) -> None:
        """Resources, parameters and event codes are written and read back."""
        info = _info(
            resources=(
                Resource(
                    "Carte",
                    "image/png",
                    size=17296,
                    uri="https://status.lumea.fr/carte.png",
                    deref_uri="aGVsbG8=",
                    digest="a" * 40,
                ),
            ),
            parameters=(("incident", "2411"),),
            event_codes=(("profile:lumea", "breach"),),
            response_types=(ResponseType.MONITOR,),
            audience="clients",
            onset=datetime(2026, 11, 24, 7, 55, tzinfo=PARIS),
            effective=datetime(2026, 11, 24, 9, tzinfo=UTC),
        )
        alert = _alert(infos=(info,), source="cellule", note="essai", codes=("profile",))
        xml = alert.to_xml()
        assert_valid(schema, xml)
        assert read_cap_xml(xml) == alert


class TestDateTimes:
    """Every dateTime has whole seconds and a numeric offset; UTC is -00:00."""

    @pytest.mark.parametrize(
        ("sent", "text"),
        [
            (datetime(2026, 11, 24, 9, 0, 1, 5, tzinfo=PARIS), "2026-11-24T09:00:01+01:00"),
            (datetime(2026, 7, 1, 9, tzinfo=PARIS), "2026-07-01T09:00:00+02:00"),
            (datetime(2026, 11, 24, 9, tzinfo=UTC), "2026-11-24T09:00:00-00:00"),
            (
                datetime(2026, 11, 24, 9, tzinfo=ZoneInfo("America/St_Johns")),
                "2026-11-24T09:00:00-03:30",
            ),
            # Local mean time has seconds in its offset: written as the instant in UTC.
            (datetime(1900, 1, 1, 12, tzinfo=PARIS), "1900-01-01T11:50:39-00:00"),
            (datetime(1, 1, 1, 0, 0, tzinfo=UTC), "0001-01-01T00:00:00-00:00"),
        ],
    )
    def test_written_form(self, sent: datetime, text: str) -> None:
        """The sent element is written in CAP's form."""
        assert f"<sent>{text}</sent>" in _alert(sent=sent, infos=()).to_xml()

    def test_an_offset_that_cannot_be_moved(self) -> None:
        """An instant before year 1 in UTC is a CapError, not an overflow."""
        far = timezone(timedelta(hours=5, seconds=1))
        with pytest.raises(CapError) as caught:
            _alert(sent=datetime(1, 1, 1, 0, 0, tzinfo=far), infos=())
        assert caught.value.field == "sent"

    def test_values_keep_the_offset_only(self) -> None:
        """A zone becomes its offset then: what is written reads back with the same tzinfo."""
        sent = datetime(1938, 5, 9, 0, 0, tzinfo=ZoneInfo("America/St_Johns"))
        alert = _alert(sent=sent, infos=())
        offset = sent.utcoffset()
        assert offset is not None
        assert alert.sent.tzinfo == timezone(offset)
        assert alert.sent.timestamp() == sent.timestamp()
        back = read_cap_xml(alert.to_xml())
        assert back == alert
        assert back.sent.tzinfo == alert.sent.tzinfo

    def test_demo_alert_has_no_z_and_no_fractions(self, demo_drafts: DraftSet) -> None:
        """No dateTime of the demo alert ends in Z or holds a fraction."""
        root = ET.fromstring(demo_alert(demo_drafts, effective=SENT).to_xml())
        found = [e.text or "" for e in root.iter() if e.tag.split("}")[1] in DATETIME_ELEMENTS]
        assert len(found) == 5  # sent, and effective and expires in two blocks
        assert all(CAP_DATETIME.fullmatch(text) for text in found)


def _unprefixed(value: Any) -> Any:
    """xmlschema's decoding with the ``cap:`` prefix of prefixed documents dropped."""
    if isinstance(value, dict):
        return {k.split(":")[-1]: _unprefixed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unprefixed(v) for v in value]
    return value


def _dict_of(path: Path, schema: xmlschema.XMLSchema) -> dict[str, Any]:
    decoded = _unprefixed(schema.to_dict(str(path)))
    assert isinstance(decoded, dict)
    return decoded


class TestReadingRealAlerts:
    """Every real alert of the shared data is read, and agrees with xmlschema's decoding."""

    def test_there_are_examples(self) -> None:
        """The examples are found in place."""
        assert len(EXAMPLES) >= 12
        assert len(INVALID) == 6

    @pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
    def test_reads_as_xmlschema_decodes(self, path: Path, schema: xmlschema.XMLSchema) -> None:
        """Identifiers, codes, languages, texts and areas are those the schema decodes."""
        alert = read_cap_xml(path.read_bytes())
        expected = _dict_of(path, schema)
        assert alert.identifier == expected["identifier"].strip()
        assert alert.sender == expected["sender"].strip()
        assert alert.status == expected["status"]
        assert alert.msg_type == expected["msgType"]
        assert alert.scope == expected["scope"]
        infos = expected.get("info", [])
        assert len(alert.infos) == len(infos)
        for info, decoded in zip(alert.infos, infos, strict=True):
            assert info.language == decoded.get("language", "en-US")
            assert [c.value for c in info.categories] == decoded["category"]
            assert info.event == decoded["event"].strip()
            assert info.headline == (decoded.get("headline") or "").strip() or None
            areas = decoded.get("area", [])
            assert [a.description for a in info.areas] == [a["areaDesc"].strip() for a in areas]
            for area, decoded_area in zip(info.areas, areas, strict=True):
                polygons = decoded_area.get("polygon", [])
                assert [len(p) for p in area.polygons] == [len(p.split()) for p in polygons]

    @pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
    def test_rewritten_valid_and_equal(self, path: Path, schema: xmlschema.XMLSchema) -> None:
        """A real alert read and written again is valid and reads back the same."""
        alert = read_cap_xml(path.read_text(encoding="utf-8"))
        xml = alert.to_xml()
        assert_valid(schema, xml)
        assert read_cap_xml(xml) == alert

    def test_utc_written_minus_zero(self) -> None:
        """-00:00 (Iceland) and +00:00 (Australia) are both UTC."""
        iceland = read_cap_xml(
            (CAP_DATA / "examples" / "iceland-met-office-wind-is-en.cap.xml").read_bytes()
        )
        australia = read_cap_xml(
            (CAP_DATA / "examples" / "australia-bom-thunderstorm-prefixed-ns.cap.xml").read_bytes()
        )
        assert iceland.sent.utcoffset() == australia.sent.utcoffset() == timedelta(0)
        assert iceland.sent == datetime(2021, 9, 10, 13, 30, 26, tzinfo=UTC)
        assert iceland.languages == ("is-IS", "en-US")

    def test_signed_cancel(self) -> None:
        """The signed IPAWS cancellation reads, with its reference; the signature is skipped."""
        alert = read_cap_xml(
            (CAP_DATA / "examples" / "ipaws-nevada-cancel-signed.xml").read_bytes()
        )
        assert alert.msg_type is MessageType.CANCEL
        assert alert.references == (
            Reference(
                "bbrundage@dps.state.nv.us",
                "AS-NV-e18921c7-1b35-4a81-9705-42d25c265ddd",
                datetime(2019, 4, 18, 12, 2, 32, tzinfo=timezone(timedelta(hours=-6))),
            ),
        )
        assert alert.codes == ("IPAWSv1.0",)

    def test_circle_and_update(self) -> None:
        """The spec's earthquake update has a circle of radius 0 and a reference."""
        alert = read_cap_xml(
            (CAP_DATA / "examples" / "oasis-A3-earthquake-update.xml").read_bytes()
        )
        assert alert.infos[0].areas[0].circles == (Circle((32.9525, -115.5527), 0),)
        assert alert.infos[0].parameters[0] == ("EventID", "13970876")
        assert (
            str(alert.references[0])
            == "trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00"
        )


@pytest.fixture
def no_io() -> Iterator[list[str]]:
    """Record every file opened and every connection tried while the test runs."""
    events: list[str] = []
    active = [True]

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if active[0] and event in {
            "open",
            "socket.connect",
            "urllib.Request",
            "socket.getaddrinfo",
        }:
            events.append(f"{event} {args[0]!r}")

    sys.addaudithook(hook)  # audit hooks cannot be removed: this one switches off
    try:
        yield events
    finally:
        active[0] = False


class TestRefusals:
    """What is not a CAP 1.2 alert is refused with the library's error, unread."""

    FIELDS: ClassVar[dict[str, str]] = {
        "gotcha-xsd-document-as-root-wmo-sc.xml": "(document)",
        "invalid-missing-scope.cap.xml": "scope",
        "invalid-sweden-nonstandard-area-children.cap.xml": "info[0]",
        "invalid-wrong-namespace.cap.xml": "(document)",
        "schema-valid-but-semantic-errors-canada.cap.xml": "references",
        "security-xxe-xinclude-payload.cap.xml": "(document)",
    }

    @pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
    def test_invalid_examples(self, path: Path) -> None:
        """Each invalid fixture raises a CapError naming where it is wrong."""
        with pytest.raises(CapError) as caught:
            read_cap_xml(path.read_bytes())
        assert caught.value.field == self.FIELDS[path.name]

    def test_xxe_reads_no_file_and_opens_no_connection(self, no_io: list[str]) -> None:
        """The XXE and XInclude payload is refused before any entity is resolved."""
        payload = (
            CAP_DATA / "examples" / "invalid" / "security-xxe-xinclude-payload.cap.xml"
        ).read_bytes()
        no_io.clear()
        with pytest.raises(CapError, match="DOCTYPE"):
            read_cap_xml(payload)
        assert no_io == []

    def test_local_file_entity(self, tmp_path: Path, no_io: list[str]) -> None:
        """An external entity naming a local file is refused, and the file stays unread."""
        secret = tmp_path / "secret.txt"
        secret.write_text("the secret", encoding="utf-8")
        xml = (
            _alert()
            .to_xml()
            .replace(
                '<?xml version="1.0" encoding="UTF-8"?>',
                f'<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY s SYSTEM "{secret.as_uri()}">]>',
            )
            .replace("<event>Violation de données</event>", "<event>&s;</event>")
        )
        no_io.clear()
        with pytest.raises(CapError) as caught:
            read_cap_xml(xml)
        assert "the secret" not in str(caught.value)
        assert no_io == []

    def test_billion_laughs(self) -> None:
        """Internal entities are refused too: no exponential expansion."""
        lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        xml = (
            f'<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY l0 "lol">{lol}]>'
            f'<alert xmlns="{NAMESPACE}"><identifier>&l9;</identifier></alert>'
        )
        with pytest.raises(CapError, match="DOCTYPE"):
            read_cap_xml(xml)

    def test_xinclude_is_not_processed(self) -> None:
        """An XInclude element without a DTD is an element out of place, not an inclusion."""
        xml = (
            _alert()
            .to_xml()
            .replace(
                "<event>",
                '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/><event>',
            )
        )
        with pytest.raises(CapError) as caught:
            read_cap_xml(xml)
        assert caught.value.field == "info[0]"

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            (("<sent>2026-11-24T09:00:00-00:00", "<sent>2026-11-24T09:00:00Z"), "sent"),
            (("<sent>2026-11-24T09:00:00-00:00", "<sent>2026-11-24T09:00:00.5-00:00"), "sent"),
            (("<sent>2026-11-24T09:00:00-00:00", "<sent>2026-02-30T09:00:00-00:00"), "sent"),
            (("<sent>2026-11-24T09:00:00-00:00", "<sent>2026-11-24T09:00:00+15:00"), "sent"),
            (("<status>Actual", "<status>Live"), "status"),
            (("<urgency>Immediate", "<urgency>Soon"), "info[0].urgency"),
            (("<event>Violation de données</event>", "<event> </event>"), "info[0].event"),
            (("<language>fr-FR", "<language>fr_FR"), "info[0].language"),
            (("<areaDesc>", "<areaDesc><b>x</b>"), "info[0].area[0].areaDesc"),
            (("<scope>Public</scope>", "<scope>Public</scope><scope>Public</scope>"), "scope"),
            (("<identifier>", "text<identifier>"), "alert"),
            (("</identifier>", "</identifier>tail"), "alert"),
            (("<polygon>48.9,2.2", "<polygon>48.9;2.2"), "info[0].area[0].polygon[0][0]"),
            (("<polygon>48.9,2.2", "<polygon>98.9,2.2"), "info[0].area[0].polygon[0][0] latitude"),
            (
                ("<circle>48.8566,2.3522 15.5", "<circle>48.8566,2.3522"),
                "info[0].area[0].circle[0]",
            ),
            (
                ("<circle>48.8566,2.3522 15.5", "<circle>48.8566,2.3522 -1"),
                "info[0].area[0].circle[0].radius",
            ),
            (("<altitude>0", "<altitude>1e3"), "info[0].area[0].altitude"),
            (
                ("<value>75056</value>", "<value>75056</value><value>1</value>"),
                "info[0].area[0].geocode[0].value",
            ),
            (("<valueName>INSEE</valueName>", ""), "info[0].area[0].geocode[0].valueName"),
            (("<valueName>INSEE", "<valueName><b/>INSEE"), "info[0].area[0].geocode[0].valueName"),
            (
                ("<valueName>INSEE</valueName>", "<valueName>INSEE</valueName>x"),
                "info[0].area[0].geocode[0]",
            ),
            (("<msgType>Alert", "<msgType>Update"), None),
            (
                ("<scope>Public</scope>", "<scope>Public</scope><references>a,b</references>"),
                "references[0]",
            ),
            (
                ("<scope>Public</scope>", "<scope>Public</scope><references>a,b,c</references>"),
                "references[0].sent",
            ),
        ],
    )
    def test_bad_values_are_named(self, change: tuple[str, str], field: str | None) -> None:
        """A value of the wrong form is refused, naming its element; rules are not applied."""
        xml = _alert().to_xml()
        assert change[0] in xml
        changed = xml.replace(change[0], change[1], 1)
        if field is None:
            # An update without references breaks a rule, not the schema: read as sent.
            assert read_cap_xml(changed).msg_type is MessageType.UPDATE
            return
        with pytest.raises(CapError) as caught:
            read_cap_xml(changed)
        assert caught.value.field == field

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "<",
            "not xml",
            "<alert/>",
            b"\xff\xfe<",
            b'<?xml version="1.0" encoding="no-such-codec"?><alert/>',
            b'<?xml version="1.0" encoding="utf-32"?><alert/>',
            "<alert>\ud800</alert>",
            "<a>" * 10_000,
        ],
    )
    def test_not_xml_or_not_cap(self, text: str | bytes) -> None:
        """Broken XML and foreign roots are CapErrors of the document."""
        with pytest.raises(CapError) as caught:
            read_cap_xml(text)
        assert caught.value.field == "(document)"

    def test_not_text(self) -> None:
        """Neither str nor bytes is an InputError."""
        with pytest.raises(InputError):
            read_cap_xml(3)  # type: ignore[arg-type]

    def test_resource_size_must_be_an_integer(self) -> None:
        """A size that is not an integer names the resource."""
        xml = _alert(infos=(_info(resources=(Resource("x", "text/plain", size=3),)),)).to_xml()
        with pytest.raises(CapError) as caught:
            read_cap_xml(xml.replace("<size>3", "<size>3.5"))
        assert caught.value.field == "info[0].resource[0].size"


# --- property tests ---------------------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
#: Text for required elements: never blank.
_REQUIRED = _TEXT.map(lambda text: text if text.strip() else text + "x")
#: Senders and identifiers: mostly well formed, sometimes anything.
_WELL_FORMED = st.from_regex(r"[A-Za-z0-9@.:_-]{1,20}", fullmatch=True)
_TOKEN = st.one_of(_WELL_FORMED, _WELL_FORMED, _WELL_FORMED, _REQUIRED)
_ZONES = st.sampled_from(
    [
        UTC,
        PARIS,
        ZoneInfo("America/St_Johns"),
        timezone(timedelta(hours=-14)),
        ZoneInfo("Asia/Kathmandu"),
    ]
)
_TIMES = st.datetimes(
    min_value=datetime(1800, 1, 2), max_value=datetime(2200, 12, 30), timezones=_ZONES
)
_DEGREES = st.floats(min_value=-90, max_value=90, allow_nan=False)
_RING = st.lists(st.tuples(_DEGREES, _DEGREES), min_size=3, max_size=6).map(
    lambda points: (*points, points[0])
)
_AREAS = st.builds(
    Area,
    description=_REQUIRED,
    polygons=st.lists(_RING, max_size=2).map(tuple),
    circles=st.lists(
        st.builds(Circle, st.tuples(_DEGREES, _DEGREES), st.floats(0, 1e4)), max_size=2
    ).map(tuple),
    geocodes=st.lists(st.tuples(_TEXT, _TEXT), max_size=2).map(tuple),
)
_INFOS = st.builds(
    Info,
    categories=st.lists(st.sampled_from(list(CapCategory)), min_size=1, max_size=2).map(tuple),
    event=_REQUIRED,
    urgency=st.sampled_from(list(Urgency)),
    severity=st.sampled_from(list(CapSeverity)),
    certainty=st.sampled_from(list(Certainty)),
    language=st.sampled_from(["fr-FR", "en-GB", "en-US", "es-419", "zh-tw"]),
    headline=st.none() | _TEXT,
    description=st.none() | st.text(max_size=200),
    expires=st.none() | _TIMES,
    areas=st.lists(_AREAS, max_size=2).map(tuple),
)
_ANSWERS = (MessageType.UPDATE, MessageType.CANCEL, MessageType.ACK, MessageType.ERROR)


@st.composite
def _alerts(draw: st.DrawFn) -> Alert:
    """An alert of any form, mostly one that keeps the rules (to reach the schema)."""
    sent = draw(_TIMES)
    msg_type = draw(st.sampled_from([MessageType.ALERT] * 4 + list(MessageType)))
    earlier = st.builds(
        Reference,
        _TOKEN,
        _TOKEN,
        st.timedeltas(timedelta(0), timedelta(days=30)).map(lambda ago: sent - ago),
    )
    wanted = msg_type in _ANSWERS and draw(st.integers(0, 4)) > 0
    references = draw(st.lists(earlier, min_size=int(wanted), max_size=2))
    scope = draw(st.sampled_from([Scope.PUBLIC] * 4 + list(Scope)))
    infos = draw(st.lists(_INFOS, max_size=3, unique_by=lambda info: info.language))
    # The same categories in every block, most of the time.
    blocks = []
    for info in infos:
        same = draw(st.integers(0, 4)) > 0
        blocks.append(attrs.evolve(info, categories=infos[0].categories) if same else info)
    return Alert(
        identifier=draw(_TOKEN),
        sender=draw(_TOKEN),
        sent=sent,
        status=draw(st.sampled_from(list(Status))),
        msg_type=msg_type,
        scope=scope,
        addresses=tuple(draw(st.lists(_REQUIRED, min_size=scope is Scope.PRIVATE, max_size=2))),
        restriction=draw(_REQUIRED if scope is Scope.RESTRICTED else st.none() | _TEXT),
        note=draw(st.none() | _TEXT),
        references=tuple(references),
        infos=tuple(blocks),
    )


_ALERTS = _alerts()


class TestProperties:
    """Any input either works or raises the library's error."""

    @settings(max_examples=150)
    @given(alert=_ALERTS)
    def test_any_alert_is_written_valid_or_refused(
        self, alert: Alert, schema: xmlschema.XMLSchema
    ) -> None:
        """An alert either breaks a named rule or is written valid and reads back equal."""
        try:
            xml = alert.to_xml()
        except CapError as error:
            assert_named(error)
            return
        assert_valid(schema, xml)
        assert read_cap_xml(xml) == alert

    @settings(max_examples=40)
    @given(
        data=st.data(),
        mode=st.sampled_from(list(Mode)),
        service=st.text(max_size=30),
        url=st.sampled_from(
            ["https://status.lumea.fr/incident/2411", "https://status.lumea.fr/?a=1&b=<2>"]
        ),
        customers=st.integers(0, 10**7),
        languages=st.sampled_from([None, ("customers",), ("media", "partners")]),
    )
    def test_any_demo_situation(
        self,
        *,
        schema: xmlschema.XMLSchema,
        data: st.DataObject,
        mode: Mode,
        service: str,
        url: str,
        customers: int,
        languages: tuple[str, ...] | None,
    ) -> None:
        """Any situation of the demo plan gives a valid alert or the library's error."""
        plan = demo_plan()
        situation = data.draw(situations(plan))
        # The demo plan drafts most for its data breach: draw it more often.
        crisis = data.draw(st.sampled_from(["data-breach", "data-breach", situation.crisis_type]))
        situation = situation.model_copy(
            update={"mode": mode, "stakeholders": languages, "crisis_type": crisis}
        )
        facts = {**demo_situation().facts, "service": service, "status_url": url}
        situation = situation.with_facts(**{**facts, "affected_customers": customers})
        drafts = draft_responses(plan, situation, now=NOW)
        try:
            alert = demo_alert(drafts, situation)
            xml = alert.to_xml()
        except CrisisCommsError:
            return
        assert_valid(schema, xml)
        assert read_cap_xml(xml) == alert

    @given(text=st.one_of(st.text(max_size=300), st.binary(max_size=300)))
    def test_any_text_reads_or_is_refused(self, text: str | bytes) -> None:
        """Arbitrary text is an Alert or a CapError, never anything else."""
        try:
            read_cap_xml(text)
        except CapError as error:
            assert_named(error)

    @given(
        encoding=st.one_of(
            st.from_regex(r"[A-Za-z][A-Za-z0-9._-]{0,15}", fullmatch=True),
            st.sampled_from(["utf-8", "UTF-16", "latin-1", "cp1252", "ascii", "utf-32", "idna"]),
        )
    )
    def test_any_declared_encoding(self, encoding: str) -> None:
        """Whatever encoding the prolog declares, the alert reads or is a CapError."""
        body = _alert().to_xml().split("?>", 1)[1]
        prolog = f'<?xml version="1.0" encoding="{encoding}"?>'
        for text in (prolog + body, (prolog + body).encode("utf-8")):
            try:
                read_cap_xml(text)
            except CapError as error:
                assert_named(error)

    @settings(max_examples=150)
    @given(data=st.data(), path=st.sampled_from(EXAMPLES))
    def test_mutated_real_alerts(self, data: st.DataObject, path: Path) -> None:
        """A real alert with a piece cut out or changed reads or is refused cleanly."""
        xml = path.read_text(encoding="utf-8")
        start = data.draw(st.integers(0, len(xml)))
        end = data.draw(st.integers(start, min(len(xml), start + 40)))
        filler = data.draw(st.sampled_from(["", "<", "&", "x", "</info>", "<info>", " "]))
        try:
            read_cap_xml(xml[:start] + filler + xml[end:])
        except CapError as error:
            assert_named(error)
