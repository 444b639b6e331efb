"""`lint_plan`: the PLN rules, the coverage matrix and the report value."""

from __future__ import annotations

import json
import pickle
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from babel import Locale, localedata
from babel.dates import parse_pattern
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    FINDING_CODES,
    CellState,
    CrisisCommsError,
    InputTypeError,
    InputValueError,
    LintReport,
    NaiveDatetimeError,
    Phase,
    Plan,
    PlanError,
    UnsupportedLocaleError,
    lint_plan,
    load_plan,
)
from crisiscomms._lint._branches import widest_number
from crisiscomms._lint._length import (
    _date_widths,
    _days_of,
    _longest_instant,
    _time_widths,
    _widths,
    _widths_by_field,
)
from crisiscomms.samples import demo_plan
from crisiscomms.text._formatting import conventions_for

from .strategies import (
    approval,
    digest_of,
    generated_plans,
    messageformat_templates,
    plan_document,
    template,
)

NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)


def _document() -> dict[str, Any]:
    """The demo plan as a document that load_plan reads back (digests dropped)."""
    document = demo_plan().model_dump(mode="json")
    for item in document["templates"]:
        item.pop("digest", None)
    return document


def _lint(document: dict[str, Any], **options: Any) -> LintReport:
    return lint_plan(load_plan(document), now=options.pop("now", NOW), **options)


@pytest.fixture(scope="module")
def demo() -> LintReport:
    """The report on the demo plan at the demo crisis."""
    return lint_plan(demo_plan(), now=NOW)


class TestDemo:
    def test_finds_the_three_deliberate_gaps(self, demo: LintReport) -> None:
        """The edited Instagram post, the expired investors update and the DPO alone."""
        assert [f.subject for f in demo.by_code("PLN021")] == ["breach-instagram-fr"]
        assert [f.subject for f in demo.by_code("PLN020")] == ["breach-investors-en"]
        assert [f.subject for f in demo.by_code("PLN002")] == ["dpo"]
        gap = demo.by_code("PLN010")[0]
        assert gap.subject == "data-breach/initial/fr_FR"
        assert "customers on instagram" in gap.message
        assert "breach-instagram-fr (tampered)" in gap.message

    def test_is_not_ok_and_counts_readiness(self, demo: LintReport) -> None:
        """Errors make the report not ok; readiness is covered over required initial cells."""
        assert not demo.ok
        required = [c for c in demo.coverage if c.required]
        covered = [c for c in required if c.covered]
        assert demo.readiness == len(covered) / len(required)
        assert 0 < demo.readiness < 1

    def test_the_matrix_shows_each_type_at_its_default_severity(self, demo: LintReport) -> None:
        """Cells are judged at the crisis type's default severity, for three phases."""
        plan = demo_plan()
        defaults = {c.id: c.default_severity for c in plan.crisis_types}
        assert {c.severity for c in demo.coverage if c.crisis_type == "data-breach"} == {"high"}
        assert all(cell.severity == defaults[cell.crisis_type] for cell in demo.coverage)
        assert {c.phase for c in demo.coverage} == {Phase.INITIAL, Phase.UPDATE, Phase.RESOLVED}
        cell = next(
            c
            for c in demo.coverage
            if c.target == "customers/instagram/fr_FR"
            and c.crisis_type == "data-breach"
            and c.phase is Phase.INITIAL
        )
        assert cell.state is CellState.GAP
        assert cell.template_id == ""
        sms = next(
            c
            for c in demo.coverage
            if c.target == "customers/sms/fr_FR"
            and c.crisis_type == "data-breach"
            and c.phase is Phase.INITIAL
        )
        assert sms.state is CellState.COVERED
        assert sms.template_id == "breach-sms-fr"

    def test_stakeholders_not_told_are_marked(self, demo: LintReport) -> None:
        """Below a stakeholder's min_severity the cell is not told, and not required."""
        outage = [c for c in demo.coverage if c.crisis_type == "service-outage"]
        media = [c for c in outage if c.stakeholder == "media"]
        assert media
        assert all(c.state is CellState.NOT_TOLD and not c.required for c in media)

    def test_every_code_found_is_registered_at_its_level(self, demo: LintReport) -> None:
        """Each finding's code is in the registry, at the registered level."""
        for finding in demo.findings:
            assert FINDING_CODES[finding.code].level is finding.level

    def test_findings_come_errors_first(self, demo: LintReport) -> None:
        """The report sorts its findings by level, errors first."""
        ranks = [f.level.rank for f in demo.findings]
        assert ranks == sorted(ranks, reverse=True)

    def test_worst_case_sms_reports_parts_and_ucs2(self, demo: LintReport) -> None:
        """Templates scoped to SMS by default get their worst parts and UCS-2 causes."""
        parts = {f.subject: f.message for f in demo.by_code("PLN031")}
        assert "3 SMS parts" in parts["breach-update-fr/sms"]
        ucs2 = {f.subject: f.message for f in demo.by_code("PLN032")}
        assert "'’'" in ucs2["breach-update-fr/sms"]
        assert "formats of the facts" in ucs2["breach-update-fr/sms"]

    def test_time_without_zone_to_london_readers(self, demo: LintReport) -> None:
        """English templates with short times reach the partners in London: PLN041."""
        subjects = {f.subject for f in demo.by_code("PLN041")}
        assert "breach-long-en" in subjects
        assert "partners (Europe/London)" in demo.by_code("PLN041")[0].message

    def test_training_is_stale(self, demo: LintReport) -> None:
        """The March drill is older than the 180-day cadence on 24 November."""
        assert "257 days old" in demo.by_code("PLN090")[0].message
        assert {f.subject for f in demo.by_code("PLN092")} == {
            "service-outage",
            "product-recall",
            "false-rumour",
        }


class TestReportValue:
    def test_records_of_findings_and_coverage(self, demo: LintReport) -> None:
        """to_records gives one flat dict per finding, or per coverage cell."""
        records = demo.to_records()
        assert len(records) == len(demo.findings)
        assert set(records[0]) == {"code", "level", "subject", "message"}
        cells = demo.to_records("coverage")
        assert len(cells) == len(demo.coverage)
        assert cells[0]["phase"] in {"initial", "update", "resolved"}
        with pytest.raises(InputValueError):
            demo.to_records("cells")

    def test_html_escapes_and_str_summarises(self, demo: LintReport) -> None:
        """The notebook view escapes values; str starts with the counts and readiness."""
        from crisiscomms import Finding

        hostile = LintReport((Finding.of("PLN013", "<script>x</script>", subject="a&b"),))
        shown = hostile._repr_html_()
        assert "<script>" not in shown
        assert "&lt;script&gt;" in shown
        assert "a&amp;b" in shown
        assert "<table>" in demo._repr_html_()
        assert str(demo).startswith("lint: ")
        assert str(demo).count("\n") == len(demo.findings)

    def test_frozen_equal_and_picklable(self, demo: LintReport) -> None:
        """The report is a value: equal to its copy through pickle, and immutable."""
        assert pickle.loads(pickle.dumps(demo)) == demo
        with pytest.raises(AttributeError):
            demo.findings = ()  # type: ignore[misc]

    def test_an_empty_report_is_ready(self) -> None:
        """Without cells the readiness is 1.0 and the report is ok."""
        report = LintReport(())
        assert report.ok
        assert report.readiness == 1.0


class TestArguments:
    def test_a_mapping_is_refused_with_the_loader_named(self) -> None:
        """A plan document is not a plan: the error says to load it."""
        with pytest.raises(InputTypeError, match="load_plan"):
            lint_plan({"name": "x"}, now=NOW)  # type: ignore[arg-type]

    def test_a_naive_now_is_refused(self) -> None:
        """`now` must be aware."""
        with pytest.raises(NaiveDatetimeError):
            lint_plan(demo_plan(), now=datetime(2026, 11, 24, 9))

    @pytest.mark.parametrize("value", [30, timedelta(days=-1)])
    def test_expiring_within_is_checked(self, value: object) -> None:
        """A non-timedelta or a negative horizon raises the library's error."""
        with pytest.raises(CrisisCommsError):
            lint_plan(demo_plan(), now=NOW, expiring_within=value)  # type: ignore[arg-type]


class TestEmptyPlans:
    def test_zero_templates_people_and_stakeholders_give_findings(self) -> None:
        """An almost empty plan lints, and says what it lacks."""
        # load_plan refuses a plan without a default-locale template; a Plan still exists.
        plan = Plan.model_validate(
            {
                "name": "Empty",
                "default_locale": "fr_FR",
                "timezone": "Europe/Paris",
                "severities": [
                    {
                        "id": "low",
                        "label": "Low",
                        "first_statement_within": "PT4H",
                        "update_every": "PT4H",
                    }
                ],
            },
            context={"skip_references": True},
        )
        report = lint_plan(plan, now=NOW)
        assert {"PLN004", "PLN013", "PLN014", "PLN003", "PLN090", "PLN093"} <= set(report.codes)
        assert report.coverage == ()

    def test_no_crisis_types_is_said(self) -> None:
        """Stakeholders but no crisis type: PLN014 names the crisis types."""
        document = _document()
        document["crisis_types"] = []
        document["obligations"] = []
        document["training"] = {"exercises": []}
        for item in document["templates"]:
            item["crisis_types"] = []
        report = lint_plan(
            Plan.model_validate(document, context={"skip_references": True}), now=NOW
        )
        assert report.by_code("PLN014")[0].subject == "crisis_types"


class TestRoles:
    def test_a_required_role_without_holder(self) -> None:
        """PLN001 when nobody holds a required role."""
        document = _document()
        document["people"] = [p for p in document["people"] if "dpo" not in p["roles"]]
        assert [f.subject for f in _lint(document).by_code("PLN001")] == ["dpo"]

    def test_approvals_that_cannot_be_met(self) -> None:
        """PLN003 when a severity needs more approvers than hold its roles."""
        document = _document()
        document["severities"][3]["approvals_required"] = 9
        assert [f.subject for f in _lint(document).by_code("PLN003")] == ["critical"]


class TestApprovals:
    def test_expiring_soon_unknown_and_idle_approvers(self) -> None:
        """PLN022 with the date, PLN023 for a person without an approving role, PLN024."""
        soon = NOW + timedelta(days=10)
        templates = [
            template("filler"),
            template("soon", expires=soon),
            template("idle", by=("julien-moreau", "amelie-durand")),
            template("draft", approved=False),
            template("ghost", by=("ghost",)),
        ]
        report = _lint(plan_document(templates))
        assert report.by_code("PLN022")[0].subject == "soon"
        assert soon.date().isoformat() in report.by_code("PLN022")[0].message
        assert {f.subject for f in report.by_code("PLN023")} == {"idle", "ghost"}
        assert [f.subject for f in report.by_code("PLN024")] == ["draft"]
        later = _lint(plan_document(templates), expiring_within=timedelta(days=1))
        assert later.by_code("PLN022") == ()


def _declare(document: dict[str, Any], facts: dict[str, object]) -> dict[str, Any]:
    """`document` with a fact spec for each of `facts` it lacks, of the kind its value has."""
    known = {fact["name"] for fact in document["facts"]}
    for name, value in facts.items():
        if name in known:
            continue
        kind = (
            "datetime" if isinstance(value, datetime)
            else "date" if isinstance(value, date)
            else "time" if isinstance(value, time)
            else "text" if isinstance(value, str)
            else "number"
        )  # fmt: skip
        document["facts"].append({"name": name, "kind": kind})
    return document


def _supported(locale: str) -> bool:
    try:
        conventions_for(locale)
    except UnsupportedLocaleError:
        return False
    return True


#: Any locale babel has data for that the library supports.
_ANY_LOCALE = st.sampled_from(sorted(localedata.locale_identifiers())).filter(_supported)


class TestWorstCase:
    def test_overflow_names_the_branch(self) -> None:
        """PLN030 when the worst branch is over the platform limit; others are not."""
        text = "{n, plural, one {ok} other {" + "long " * 60 + "#}} {status_url}"
        document = plan_document(
            [template("filler"), template("x-post", text=text, channels=["x-fr"])]
        )
        _declare(document, {"n": 1})
        finding = _lint(document).by_code("PLN030")[0]
        assert finding.subject == "x-post/x-fr"
        assert "branch 'other' of 'n'" in finding.message

    def test_facts_without_max_length_are_said_once(self) -> None:
        """PLN033 once per fact, however many templates use it."""
        document = plan_document(
            [
                template("filler"),
                template("a", text="{service} {status_url}", channels=["sms"]),
                template("b", text="{service} {status_url}", channels=["sms"]),
            ]
        )
        for fact in document["facts"]:
            if fact["name"] == "service":
                fact["max_length"] = None
        report = _lint(document)
        assert [f.subject for f in report.by_code("PLN033")] == ["service"]

    @pytest.mark.parametrize(
        "text", ["{service} {mystery} {status_url}", "{affected_customers, date, long}"]
    )
    def test_a_placeholder_the_facts_cannot_fill_is_refused_at_load(self, text: str) -> None:
        """An unknown fact or a format that does not fit its kind never reaches the lint."""
        document = plan_document([template("filler"), template("bad", text=text)])
        with pytest.raises(PlanError, match=r"templates\[1\]\.text"):
            load_plan(document)

    def test_select_and_exact_branches_are_tried(self) -> None:
        """Every select key and =N branch is rendered; a long one overflows SMS limits."""
        text = (
            "{batch, select, a {short} other {" + "word " * 400 + "}}"
            " {affected_customers, plural, =0 {none} other {#}}"
        )
        document = plan_document([template("filler"), template("s", text=text, channels=["sms"])])
        finding = _lint(document).by_code("PLN030")[0]
        assert "branch 'other' of 'batch'" in finding.message

    def test_widest_number_per_category(self) -> None:
        """The widest integer of a category fits the width and has that category."""
        assert widest_number("en_GB", 9) == 9_999_999
        assert widest_number("fr_FR", 11, "many") == 999_000_000
        assert widest_number("fr_FR", 9, "one") in {0, 1}

    @settings(max_examples=25, deadline=None)
    @given(
        locale=st.sampled_from(["en_GB", "fr_FR", "ar_EG", "de_CH", "ja"]),
        zone=st.sampled_from(["Europe/Paris", "UTC", "America/Santiago", "Asia/Kolkata"]),
        formats=st.frozensets(
            st.sampled_from(
                [
                    *("date,short", "date,medium", "date,long", "date,full"),
                    *("time,short", "time,long", "datetime,short"),
                ]
            ),
            max_size=3,
        ),
    )
    def test_longest_instant_is_the_days_longest(
        self, locale: str, zone: str, formats: frozenset[str]
    ) -> None:
        """Widths formatted once per format give the day that formatting every day gives."""
        conventions = conventions_for(locale)
        tz = ZoneInfo(zone)
        start = datetime(2027, 1, 1, 22, 59, tzinfo=tz)

        def width(moment: datetime) -> int:
            shown = {
                "date": lambda style: conventions.date(moment, style, tz),
                "time": lambda style: conventions.time(moment, style, tz),
                "datetime": lambda style: conventions.datetime(moment, "short", tz),
            }
            return sum(len(shown[f.split(",")[0]](f.split(",")[1])) for f in formats)

        days = [(start + timedelta(days=d)).replace(tzinfo=tz) for d in range(365)]
        assert _longest_instant(locale, zone, formats) == max(days, key=width)

    @settings(max_examples=40, deadline=None)
    @given(
        locale=st.sampled_from(["en_GB", "fr_FR", "ar_EG", "pl_PL", "hi_IN", "de_CH", "cy"]),
        width=st.integers(min_value=1, max_value=14),
        category=st.sampled_from(["", "zero", "one", "two", "few", "many", "other"]),
        ordinal=st.booleans(),
    )
    def test_widest_number_is_the_candidates_widest(
        self, locale: str, width: int, category: str, ordinal: bool
    ) -> None:
        """The widths formatted once per locale give what formatting each candidate gives."""
        conventions = conventions_for(locale)
        form = conventions.ordinal if ordinal else conventions.plural
        digits = width
        while digits > 1 and len(conventions.number(10**digits - 1, "")) > width:
            digits -= 1
        top = 10**digits - 1
        candidates = [top - j for j in range(min(200, top + 1))]
        candidates += [(10 ** (digits - 6) - 1) * 10**6] if digits > 6 else []
        matching = [n for n in [*candidates, *range(200)] if not category or form(n) == category]
        # The first of the widest, in the candidates' order.
        expected = max(matching, key=lambda n: len(conventions.number(n, "")), default=None)
        assert widest_number(locale, width, category, ordinal) == expected

    @settings(max_examples=60, deadline=None)
    @given(
        locale=_ANY_LOCALE,
        zone=st.sampled_from(sorted(zoneinfo.available_timezones())),
        fmt=st.sampled_from(
            [
                *("time,short", "time,medium", "time,long", "time,full"),
                *("date,short", "date,medium", "date,long", "date,full", "datetime,short"),
            ]
        ),
    )
    def test_widths_are_each_days_formatted_width(self, locale: str, zone: str, fmt: str) -> None:
        """The widths of a format over the year are what formatting each day gives."""
        conventions = conventions_for(locale)
        tz = ZoneInfo(zone)
        kind, _, style = fmt.partition(",")

        def shown(moment: datetime) -> str:
            if kind == "date":
                return conventions.date(moment, style, tz)
            if kind == "time":
                return conventions.time(moment, style, tz)
            return conventions.datetime(moment, "short", tz)

        start = datetime(2027, 1, 1, 22, 59, tzinfo=tz)
        days = [(start + timedelta(days=d)).replace(tzinfo=tz) for d in range(365)]
        assert _widths(locale, zone, fmt) == tuple(len(shown(day)) for day in days)

    def test_a_time_pattern_with_a_date_field_is_formatted_every_day(self) -> None:
        """Only time-of-day and zone fields let a day's time width be shared."""
        days = _days_of("Europe/Paris")
        assert _time_widths("%(HH)s:%(mm)s %(d)s", days, str) is None
        calls: list[datetime] = []

        def zone_name(moment: datetime) -> str:
            calls.append(moment)
            return str(moment.tzname())

        widths = _time_widths("%(HH)s:%(mm)s %(zzzz)s", days, zone_name)
        assert widths == tuple(len(str(day.tzname())) for day in days)
        assert len(calls) == 2  # CET and CEST
        with pytest.raises(KeyError):
            _widths("fr_FR", "UTC", "time,no-such-style")
        assert _date_widths(conventions_for("fr_FR"), "no-such-style", days) is None

    def test_a_date_pattern_of_other_fields_is_formatted_day_by_day(self) -> None:
        """Finnish full dates show a stand-alone weekday: each day is formatted whole."""
        conventions = conventions_for("fi")
        assert _date_widths(conventions, "full", _days_of("Europe/Helsinki")) is None
        tz = ZoneInfo("Europe/Helsinki")
        assert _widths("fi", "Europe/Helsinki", "date,full") == tuple(
            len(conventions.date(day, "full", tz)) for day in _days_of("Europe/Helsinki")
        )

    @pytest.mark.parametrize(
        ("cldr", "shared"),
        [
            ("EEEE d MMMM % y G", True),
            ("dd/LL/yy", True),
            ("D MMMM", False),
            ("EEEE w", False),
        ],
    )
    def test_date_widths_by_field_are_the_formatted_widths(self, cldr: str, shared: bool) -> None:
        """Fields of one part of the day add up to the date's width; other fields are refused."""
        locale = Locale.parse("fr_FR")
        days = _days_of("Europe/Paris")
        pattern = parse_pattern(cldr)
        found = _widths_by_field(locale, str(pattern.format), days)  # (babel types it oddly)
        if not shared:
            assert found is None
            return
        assert found == tuple(len(pattern.apply(day.date(), locale)) for day in days)

    @settings(max_examples=150, deadline=None)
    @given(
        locale=_ANY_LOCALE,
        number=st.integers(min_value=0, max_value=10**15),
    )
    def test_a_numbers_width_is_its_digit_counts(self, locale: str, number: int) -> None:
        """Any integer's plain form in any locale is as wide as 10**(digits - 1)'s."""
        conventions = conventions_for(locale)
        first = 10 ** (len(str(number)) - 1) if number >= 10 else 0
        assert len(conventions.number(number, "")) == len(conventions.number(first, ""))


class TestTemplateRules:
    def test_required_fact_unsafe_text_and_links(self) -> None:
        """PLN040, PLN050, PLN051 and PLN052 from a template's own text."""
        templates = [
            template("filler"),
            template("no-url", text="Incident en cours."),
            template("bidi", text="Infos \u202e{status_url}"),
            template("zwsp", text="Infos\u200b {status_url}"),
            template("link", text="Voir https://evil.example/x {status_url}"),
        ]
        report = _lint(plan_document(templates))
        assert "no-url" in {f.subject for f in report.by_code("PLN040")}
        assert report.by_code("PLN050")[0].message.startswith("SEC001")
        assert report.by_code("PLN051")[0].subject == "zwsp"
        assert report.by_code("PLN052")[0].subject == "link"

    def test_links_read_in_the_markup_of_the_templates_channels(self) -> None:
        """A javascript: href is PLN050 (SEC008) for an HTML channel's template only."""
        text = '<a href="javascript:alert(1)">{status_url}</a>'
        document = plan_document(
            [
                template("filler"),
                template("html", text=text, channels=["email"]),
                template("plain", text=text, channels=["sms"]),
            ]
        )
        for channel in document["channels"]:
            if channel["id"] == "email":
                channel["markup"] = "html"
        report = _lint(document)
        flagged = {f.subject for f in report.by_code("PLN050") if "SEC008" in f.message}
        assert "html" in flagged
        assert "plain" not in flagged

    def test_links_of_schemes_the_plan_does_not_allow(self) -> None:
        """An ftp link in a template is PLN050 (SEC008) unless the plan allows ftp."""
        templates = [
            template("filler"),
            template("ftp", text="ftp://files.example/a {status_url}"),
        ]
        document = plan_document(templates)
        assert "ftp" in {f.subject for f in _lint(document).by_code("PLN050")}
        document["allowed_schemes"] = ["http", "https", "ftp"]
        assert "ftp" not in {f.subject for f in _lint(document).by_code("PLN050")}

    def test_dead_plural_branch_duplicates_scale_and_required_in(self) -> None:
        """PLN080 for 'few' in German, PLN081, PLN082 and PLN083."""
        text = "{affected_customers, plural, one {# Kunde} few {# Kunden} other {# Kunden}}"
        templates = [
            template("filler"),
            template("de", locale="de_DE", text=text + " {status_url}"),
            template("twin-a", key="twin"),
            template("twin-b", key="twin"),
        ]
        document = plan_document(templates)
        document["severities"][3]["first_statement_within"] = "PT48H"
        report = _lint(document)
        assert "'few'" in report.by_code("PLN080")[0].message
        assert "'twin-a', 'twin-b'" in report.by_code("PLN081")[0].message
        assert report.by_code("PLN082")[0].subject == "critical"
        assert report.by_code("PLN083")[0].subject == "next_update"


class TestClaimsEscalationObligations:
    def test_rebuttals_rules_and_obligations(self) -> None:
        """PLN060 without a rebuttal, PLN061 for a rule to the lowest level, PLN070."""
        document = plan_document([template("filler", crisis_types=["false-rumour"])])
        document["escalation_rules"][0]["to_severity"] = "low"
        report = _lint(document)
        assert "data-for-sale" in {f.subject for f in report.by_code("PLN060")}
        assert report.by_code("PLN061")[0].subject == "rumour-spreading"
        assert "gdpr-art33" in {f.subject for f in report.by_code("PLN070")}

    def test_a_rebuttal_missing_in_one_language(self) -> None:
        """A rebuttal in French only leaves the English patterns unanswered."""
        document = _document()
        document["templates"] = [
            t for t in document["templates"] if t["id"] != "rumour-rebuttal-en"
        ]
        finding = _lint(document).by_code("PLN060")[0]
        assert "answers it in en" in finding.message

    def test_a_claim_rule_without_claims(self) -> None:
        """A rule that counts claim matches never fires when no claim is false."""
        document = plan_document([template("filler")], claims=[])
        assert "never fires" in _lint(document).by_code("PLN061")[0].message


class TestTraining:
    def test_no_exercise_and_everyone_absent(self) -> None:
        """PLN090 when nothing is recorded; every crisis type is never exercised."""
        document = _document()
        document["training"]["exercises"] = []
        report = _lint(document)
        assert "no exercise is recorded" in report.by_code("PLN090")[0].message
        assert len(report.by_code("PLN092")) == len(document["crisis_types"])

    def test_a_recent_exercise_meets_the_cadence(self) -> None:
        """A drill a month ago with the whole team leaves no PLN090 or PLN091."""
        document = _document()
        everyone = [p["id"] for p in document["people"]]
        document["training"]["exercises"].append(
            {
                "held_at": (NOW - timedelta(days=30)).isoformat(),
                "label": "Drill",
                "crisis_type": "service-outage",
                "participants": everyone,
            }
        )
        report = _lint(document)
        assert report.by_code("PLN090") == ()
        assert report.by_code("PLN091") == ()


def test_an_approval_helper_of_the_strategies_is_used() -> None:
    """The shared approval builder carries the digest it is given, the one the lint checks."""
    template = json.loads(demo_plan().to_json())["templates"][0]
    digest = digest_of(template)
    assert approval(digest)["digest"] == digest
    assert len(digest) == 64


@settings(max_examples=25)
@given(generated_plans(max_templates=12))
def test_any_generated_plan_lints(plan: Plan) -> None:
    """Any plan lints without raising; findings carry registered codes."""
    report = lint_plan(plan, now=NOW)
    assert all(f.code in FINDING_CODES for f in report.findings)
    assert 0.0 <= report.readiness <= 1.0


class TestBound:
    def test_the_bound_hides_no_finding(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Linting with every channel measured finds exactly what the bound lets through."""
        plan = demo_plan()
        bounded = lint_plan(plan, now=NOW)
        monkeypatch.setattr("crisiscomms._lint._length.may_exceed", lambda rule, bound: True)
        measured = lint_plan(plan, now=NOW)
        assert measured.findings == bounded.findings

    @settings(max_examples=15)
    @given(generated_plans(max_templates=8))
    def test_the_bound_is_above_every_measurement(self, plan: Plan) -> None:
        """For generated plans, the bound never clears a channel a measurement would flag."""
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("crisiscomms._lint._length.may_exceed", lambda rule, bound: True)
            measured = lint_plan(plan, now=NOW)
        assert lint_plan(plan, now=NOW).findings == measured.findings

    def test_a_long_x_post_is_not_cleared(self) -> None:
        """A post whose bound passes X's limit is measured, and flagged when over."""
        text = "Lumea " * 50 + "{status_url}"
        document = plan_document(
            [template("filler"), template("long", text=text, channels=["x-fr", "email"])]
        )
        assert [f.subject for f in _lint(document).by_code("PLN030")] == ["long/x-fr"]


@pytest.mark.parametrize(
    ("rule", "chars", "expected"),
    [
        ("bluesky", 299, False),
        ("bluesky", 301, True),
        ("mastodon", 400, True),
        ("telegram", 2000, False),
        ("telegram", 2100, True),
        ("teams", 7000, False),
        ("teams", 7001, True),
        ("email", 10**6, False),
        ("sms", 1, True),
    ],
)
def test_may_exceed_per_unit(rule: str, chars: int, expected: bool) -> None:
    """The bound clears a channel only when every unit of its rule is within the limits."""
    from crisiscomms._lint._bound import Bound, may_exceed
    from crisiscomms.text._platforms import RULES

    assert may_exceed(RULES[rule], Bound(chars, chars, 5)) is expected


@settings(max_examples=30)
@given(messageformat_templates())
def test_any_template_text_lints(generated: tuple[str, dict[str, object]]) -> None:
    """Any valid ICU template, on every channel, lints without raising."""
    text, facts = generated
    document = _declare(plan_document([template("filler"), template("any", text=text)]), facts)
    report = _lint(document)
    assert all(f.code in FINDING_CODES for f in report.findings)
