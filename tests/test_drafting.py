"""`draft_responses`: select, render, measure and check every message of a situation."""

from __future__ import annotations

import json
import pickle
import re
import runpy
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    ConsistencyReport,
    Draft,
    DraftSet,
    InputError,
    Level,
    NaiveDatetimeError,
    Plan,
    Situation,
    check_consistency,
    check_message,
    draft_responses,
    load_plan,
    measure,
)
from crisiscomms.samples import demo_plan, demo_situation

from .conftest import ROOT
from .strategies import generated_plans, plan_document, situations, template

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*[},]")


def _demo(**kw: Any) -> DraftSet:
    return draft_responses(demo_plan(), demo_situation(), now=NOW, **kw)


def _situation(**facts: Any) -> Situation:
    """The demo situation with some facts changed, or removed when given None."""
    merged = {k: v for k, v in {**demo_situation().facts, **facts}.items() if v is not None}
    return Situation.model_validate({**demo_situation().model_dump(), "facts": merged})


def _plan_with(changes: dict[str, Any]) -> Plan:
    document = demo_plan().model_dump(mode="json")
    for one in document["templates"]:
        one.pop("digest")
    for section, edit in changes.items():
        edit(document[section])
    return load_plan(document)


class TestDemo:
    """The demo crisis drafted on the morning it was detected."""

    def test_every_target_is_accounted_for(self) -> None:
        """Drafts, gaps and render failures together cover the 20 targets."""
        drafts = _demo()
        assert len(drafts.drafts) + len(drafts.gaps) + len(drafts.unrendered) == 20
        assert drafts.unrendered == ()

    def test_messages_are_filled(self) -> None:
        """No draft contains a placeholder, and each says what its template says."""
        for draft in _demo().drafts:
            assert PLACEHOLDER.search(draft.message.text) is None, draft.message.text
            assert "https://status.lumea.fr/incident/2411" in draft.message.text

    def test_message_fields(self) -> None:
        """Each message names its channel, locale, stakeholder, template and zone."""
        draft = _demo().draft("partners/email/en_GB")
        m = draft.message
        assert (m.channel, m.locale, m.stakeholder, m.template_id, m.timezone) == (
            "email",
            "en_GB",
            "partners",
            "breach-long-en",
            "Europe/London",
        )
        assert m.label == "partners/email/en_GB" == draft.target

    def test_times_are_in_the_readers_zone(self) -> None:
        """The next update at 12:00 in Paris is 11:00 for London partners."""
        drafts = _demo()
        assert "Next update: 11:00" in drafts.draft("partners/email/en_GB").message.text
        assert "Next update: 12:00" in drafts.draft("media/press/en_GB").message.text
        assert "Prochain point : 12:00" in drafts.draft("customers/email/fr_FR").message.text

    def test_plural_and_numbers_in_the_readers_locale(self) -> None:
        """French and English drafts format 12,000 customers their own way."""
        drafts = _demo()
        assert (
            "12\u202f000 clients sont concernés"
            in drafts.draft("customers/x-fr/fr_FR").message.text
        )
        assert "12,000 customers are affected" in drafts.draft("media/x-fr/en_GB").message.text

    def test_markup_is_escaped_per_channel(self) -> None:
        """A fact with markup characters is escaped on HTML channels, not on SMS."""
        url = "https://status.lumea.fr/incident/2411?a=1&b=2"
        drafts = draft_responses(demo_plan(), _situation(status_url=url), now=NOW)
        assert "?a=1&amp;b=2" in drafts.draft("customers/status-page/fr_FR").message.text
        assert url in drafts.draft("customers/sms/fr_FR").message.text

    def test_measurement_is_the_channels(self) -> None:
        """Each draft is measured in its channel's unit."""
        plan = demo_plan()
        for draft in _demo().drafts:
            assert draft.measurement == measure(
                draft.message.text, plan.channel(draft.message.channel)
            )

    def test_findings_are_the_checks_about_the_target(self) -> None:
        """A draft's findings are the selection's, check_message's and consistency's about it."""
        plan = demo_plan()
        drafts = _demo()
        assert drafts.consistency is not None
        for draft in drafts.drafts:
            checked = check_message(
                draft.message.text, plan.channel(draft.message.channel), plan=plan
            )
            about = [f for f in drafts.consistency.findings if f.subject == draft.target]
            assert [f.code for f in draft.findings] == [
                *(f.code for f in draft.selection.findings),
                *(f.code for f in checked),
                *(f.code for f in about),
            ]
            assert all(f.subject == draft.target for f in draft.findings)

    def test_set_findings_gather_everything(self) -> None:
        """The set's findings are the gaps', the drafts' and the consistency report's, in order."""
        drafts = _demo()
        assert drafts.consistency is not None
        expected = [g.finding for g in drafts.gaps]
        for draft in drafts.drafts:
            expected.extend(f for f in draft.findings if not f.code.startswith("CON"))
        expected.extend(drafts.consistency.findings)
        assert list(drafts.findings) == expected

    def test_the_consistency_slot_holds_the_report_of_the_drafts(self) -> None:
        """The set carries check_consistency of its messages: the demo's drafts agree."""
        drafts = _demo()
        assert drafts.messages == tuple(d.message for d in drafts.drafts)
        assert isinstance(drafts.consistency, ConsistencyReport)
        assert len(drafts.consistency.messages) == len(drafts.drafts)
        assert drafts.consistency.ok
        assert {f.code for f in drafts.consistency.findings} <= {"CON007", "CON008"}

    def test_a_set_that_disagrees_is_not_ok(self) -> None:
        """`ok` is false when the consistency report has an error."""
        drafts = _demo()
        clean = attrs.evolve(
            drafts, gaps=(), unrendered=(), findings=(), consistency=drafts.consistency
        )
        assert clean.ok
        first = drafts.messages[0]
        edited = attrs.evolve(first, text=first.text.replace("12", "15", 1))
        report = check_consistency(
            [edited, *drafts.messages[1:]], facts=demo_situation().facts, plan=demo_plan()
        )
        assert not report.ok
        assert not attrs.evolve(clean, consistency=report).ok

    def test_unknown_target(self) -> None:
        """Asking for a draft that does not exist raises InputError listing the drafts."""
        with pytest.raises(InputError, match=r"no draft for it .*; drafts: customers/"):
            _demo().draft("nobody/sms/fr_FR")

    def test_the_inputs_are_not_changed(self) -> None:
        """Drafting returns new values and leaves the plan and situation as they were."""
        plan, situation = demo_plan(), demo_situation()
        before = (plan.model_dump(), situation.model_dump())
        draft_responses(plan, situation, now=NOW)
        assert (plan.model_dump(), situation.model_dump()) == before


class TestGapsAndApprovals:
    """What cannot be drafted from an approved template is reported."""

    def test_gaps(self) -> None:
        """The tampered Instagram post leaves a gap, an APR006 error of the set."""
        drafts = draft_responses(demo_plan(), demo_situation(), now=NOW)
        gaps = {g.target for g in drafts.gaps}
        assert "customers/instagram/fr_FR" in gaps
        assert not drafts.ok
        assert {f.subject for f in drafts.findings if f.code == "APR006"} == gaps

    def test_allow_unapproved(self) -> None:
        """With the opt-in, the Instagram post is drafted and carries its APR003 error."""
        drafts = draft_responses(demo_plan(), demo_situation(), now=NOW, allow_unapproved=True)
        draft = drafts.draft("customers/instagram/fr_FR")
        assert draft.message.template_id == "breach-instagram-fr"
        assert not draft.selection.approved
        assert draft.status == "error"
        assert not draft.ok
        assert "APR003" in [f.code for f in draft.findings]

    def test_language_fallback_warning(self) -> None:
        """A German-reading stakeholder gets the French default text, with APR007."""

        def german(stakeholders: list[dict[str, Any]]) -> None:
            stakeholders[3]["locales"] = ["de_DE"]  # regulators

        plan = _plan_with({"stakeholders": german})
        draft = draft_responses(plan, demo_situation(), now=NOW).draft("regulators/email/de_DE")
        assert draft.message.locale == "fr_FR"
        assert draft.message.text.startswith("Objet : notification de violation")
        assert draft.status == "warning"
        assert [f.code for f in draft.findings][:1] == ["APR007"]

    def test_the_channels_zone_when_the_stakeholder_has_none(self) -> None:
        """Without a stakeholder zone, the channel's zone applies, before the plan's."""

        def tokyo(channels: list[dict[str, Any]]) -> None:
            for channel in channels:
                if channel["id"] == "press":
                    channel["timezone"] = "Asia/Tokyo"

        plan = _plan_with({"channels": tokyo})
        drafts = draft_responses(plan, demo_situation(), now=NOW)
        assert drafts.draft("media/press/en_GB").message.timezone == "Asia/Tokyo"
        assert "Next update: 20:00" in drafts.draft("media/press/en_GB").message.text
        assert drafts.draft("customers/sms/fr_FR").message.timezone == "Europe/Paris"


class TestWholeTruth:
    """A draft's status includes what the consistency check found about it."""

    def _required_start(self) -> DraftSet:
        def required(facts: list[dict[str, Any]]) -> None:
            facts[1].update(required=True, required_in=["initial", "update"])  # incident_start

        return draft_responses(_plan_with({"facts": required}), demo_situation(), now=NOW)

    def test_a_consistency_error_is_on_its_draft(self) -> None:
        """A post that leaves out the required start time is an error draft, not ok."""
        drafts = self._required_start()
        assert drafts.consistency is not None
        missing = {f.subject for f in drafts.consistency.findings if f.code == "CON005"}
        assert "customers/x-fr/fr_FR" in missing
        for target in missing:
            draft = drafts.draft(target)
            assert "CON005" in [f.code for f in draft.findings]
            assert draft.status == "error"
            assert not draft.ok
        gate = {d.target for d in drafts.drafts if d.ok}
        assert not gate & missing

    def test_the_set_holds_every_finding(self) -> None:
        """Every finding of the consistency report is among the set's findings."""
        drafts = self._required_start()
        assert drafts.consistency is not None
        assert set(drafts.consistency.findings) <= set(drafts.findings)

    def test_records_and_html_agree(self) -> None:
        """The records count the consistency errors, and the caption sums them."""
        drafts = self._required_start()
        rows = {r["target"]: r for r in drafts.to_records()}
        sms = drafts.draft("customers/x-fr/fr_FR")
        assert rows[sms.target]["status"] == "error"
        assert rows[sms.target]["errors"] == sum(f.level is Level.ERROR for f in sms.findings)
        assert "CON005" in rows[sms.target]["codes"]
        errors = sum(f.level is Level.ERROR for f in drafts.findings)
        assert errors >= sum(r["errors"] for r in rows.values() if r["status"] == "error")
        assert f" {errors} errors" in drafts._repr_html_()

    def test_a_fallback_is_labelled_by_its_target(self) -> None:
        """A draft in the default locale for German readers is named by its target."""

        def german(stakeholders: list[dict[str, Any]]) -> None:
            stakeholders[3]["locales"] = ["fr_FR", "de_DE"]  # regulators

        drafts = draft_responses(_plan_with({"stakeholders": german}), demo_situation(), now=NOW)
        assert drafts.consistency is not None
        assert "regulators/email/de_DE" in drafts.consistency.messages
        assert not any("#" in label for label in drafts.consistency.messages)


class TestRenderFailures:
    """A template that cannot be rendered is a finding of the set, not a crash."""

    def test_missing_fact(self) -> None:
        """Without a status URL every draft fails with TPL201 naming it."""
        drafts = draft_responses(demo_plan(), _situation(status_url=None), now=NOW)
        assert drafts.drafts == ()
        assert len(drafts.unrendered) == 20 - len(drafts.gaps)
        tpl = [f for f in drafts.findings if f.code == "TPL201"]
        assert len(tpl) == len(drafts.unrendered)
        assert all("'status_url'" in f.message and f.level is Level.ERROR for f in tpl)
        assert {f.subject for f in tpl} == {s.target for s in drafts.unrendered}
        assert not drafts.ok

    def test_wrong_fact_type(self) -> None:
        """A count given as text fails the templates that format it as a number (TPL202)."""
        drafts = draft_responses(demo_plan(), _situation(affected_customers="beaucoup"), now=NOW)
        codes = {f.code for f in drafts.findings}
        assert "TPL202" in codes
        assert drafts.draft("customers/sms/fr_FR").ok  # the SMS does not state the count
        failed = {s.template_id for s in drafts.unrendered}
        assert "breach-long-fr" in failed

    def test_other_render_errors(self) -> None:
        """A fact render refuses for another reason (a count past 10**18) is TPL203."""
        drafts = draft_responses(demo_plan(), _situation(affected_customers=10**19), now=NOW)
        tpl = [f for f in drafts.findings if f.code == "TPL203"]
        assert tpl
        assert all("could not be rendered in" in f.message for f in tpl)
        assert drafts.draft("customers/sms/fr_FR").ok

    def test_unrendered_rows(self) -> None:
        """Render failures are rows of the records, with their codes."""
        drafts = draft_responses(demo_plan(), _situation(status_url=None), now=NOW)
        rows = [r for r in drafts.to_records() if r["status"] == "unrendered"]
        assert len(rows) == len(drafts.unrendered)
        assert all("TPL201" in r["codes"] and r["text"] is None for r in rows)


class TestRecords:
    """Records and HTML for notebooks."""

    def test_records_are_flat_and_uniform(self) -> None:
        """One row per target, same keys, plain values that JSON accepts."""
        drafts = draft_responses(demo_plan(), demo_situation(), now=NOW)
        rows = drafts.to_records()
        assert len(rows) == 20
        assert len({tuple(r) for r in rows}) == 1
        json.dumps(rows)
        statuses = {r["status"] for r in rows}
        assert "gap" in statuses
        sms = next(r for r in rows if r["target"] == "customers/sms/fr_FR")
        assert sms["unit"] == str(drafts.draft("customers/sms/fr_FR").measurement.unit)
        assert sms["segments"] is not None
        assert sms["fits"] is True

    def test_html_is_escaped(self) -> None:
        """Every value in the HTML table is escaped."""
        drafts = draft_responses(
            demo_plan(), _situation(status_url="https://lumea.fr/<b>&"), now=NOW
        )
        table = drafts._repr_html_()
        assert table.startswith("<table><caption>")
        assert "<b>" not in table
        assert "&lt;b&gt;&amp;" in table
        assert table.count("<tr>") == 21


class TestBadInput:
    """Wrong arguments raise errors of the library."""

    def test_naive_now(self) -> None:
        """A naive `now` raises NaiveDatetimeError."""
        with pytest.raises(NaiveDatetimeError):
            draft_responses(demo_plan(), demo_situation(), now=datetime(2026, 11, 24))

    def test_situation_outside_the_plan(self) -> None:
        """A situation of another plan raises InputError."""
        other = Situation.model_validate({**demo_situation().model_dump(), "severity": "sev1"})
        with pytest.raises(InputError, match="severity 'sev1' is not in the plan"):
            draft_responses(demo_plan(), other, now=NOW)


class TestValues:
    """Drafts and draft sets are values."""

    def test_laws(self) -> None:
        """Immutable, equal, hashable and picklable."""
        first, second = _demo(), _demo()
        assert first == second
        assert hash(first) == hash(second)
        assert pickle.loads(pickle.dumps(first)) == first
        assert isinstance(first.drafts[0], Draft)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            first.consistency = None  # type: ignore[misc]

    def test_the_consistency_slot_takes_a_report(self) -> None:
        """A set checked again (after an edit) gets its new report with `attrs.evolve`."""
        drafts = _demo()
        again = check_consistency(drafts.messages[:2], plan=demo_plan())
        filled = attrs.evolve(drafts, consistency=again)
        assert filled.consistency is again


class TestProperties:
    """On generated plans drafting never crashes and never leaves a placeholder."""

    @settings(max_examples=30)
    @given(data=st.data())
    def test_any_plan(self, data: st.DataObject) -> None:
        """Every target is drafted, a gap, or a reported render failure."""
        plan = data.draw(generated_plans(max_templates=12))
        situation = data.draw(situations(plan))
        facts = dict(demo_situation().facts) if data.draw(st.booleans()) else {}
        situation = Situation.model_validate({**situation.model_dump(), "facts": facts})
        drafts = draft_responses(
            plan, situation, now=NOW, allow_unapproved=data.draw(st.booleans())
        )
        for draft in drafts.drafts:
            assert PLACEHOLDER.search(draft.message.text) is None
        if not facts:
            assert drafts.drafts == ()
        assert len(drafts.to_records()) == len(drafts.drafts) + len(drafts.gaps) + len(
            drafts.unrendered
        )


def test_the_example_prints_the_table_messages_and_explanations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """examples/drafts.py prints every target, each message and the refusals explained."""
    runpy.run_path(str(ROOT / "examples" / "drafts.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "stakeholder  channel" in out
    assert out.count("== ") == len(_demo().drafts)
    assert "141/1600 GSM-7 septets, 1 SMS" in out
    assert "19 drafts, 1 gap, 0 unrendered, 1 error: NOT ready to send as a whole." in out
    assert "GAP customers/instagram/fr_FR: no approved template fits" in out
    assert "breach-instagram-fr (fr_FR): someone edited the text after it was approved" in out
    assert "breach-investors-en (en_GB): its approval has lapsed" in out


def _percent_plan() -> Plan:
    """The demo plan with a 'restored' share fact and a template that shows it as a percent."""
    facts = [*demo_plan().model_dump(mode="json")["facts"], {"name": "restored", "kind": "number"}]
    text = "{restored, number, percent} des clients ont retrouvé le service. {status_url}"
    return load_plan(plan_document([template("share", text=text)], facts=facts))


class TestPercent:
    """TPL204: a percent fact above 1 is rendered as given, with a warning that says so."""

    @pytest.mark.parametrize("value", [62.5, 2, "62.5"], ids=repr)
    def test_a_fact_above_one_is_a_warning_on_the_draft(self, value: object) -> None:
        """62.5 renders as 6 250 % and the draft carries TPL204 with the fraction."""
        shown = Decimal(value) if isinstance(value, str) else value
        drafts = draft_responses(_percent_plan(), _situation(restored=shown), now=NOW)
        draft = drafts.drafts[0]
        found = [f for f in draft.findings if f.code == "TPL204"]
        assert len(found) == 1
        assert found[0].level is Level.WARNING
        assert found[0].subject == draft.target
        assert "'restored'" in found[0].message
        assert "{restored, number} %" in found[0].message
        assert found[0] in drafts.findings
        assert draft.status in {"warning", "error"}

    @pytest.mark.parametrize("value", [0.625, 1, 0, -0.5], ids=repr)
    def test_a_fraction_is_no_finding(self, value: float) -> None:
        """0.625 (62.5 %), 1 (100 %) and 0 are what a percent format expects."""
        drafts = draft_responses(_percent_plan(), _situation(restored=value), now=NOW)
        assert not [f for f in drafts.findings if f.code == "TPL204"]

    def test_the_demo_drafts_have_none(self) -> None:
        """The demo's templates format no percent: its drafts are unchanged."""
        assert not [f for f in _demo().findings if f.code == "TPL204"]


def test_percent_findings_skip_what_is_not_a_number() -> None:
    """A percent placeholder given text or a flag is left to render's TPL202."""
    from crisiscomms._rendering import percent_findings

    template = _percent_plan().template("share")
    for value in ("beaucoup", True):
        assert percent_findings(template, {"restored": value}, locale="fr_FR") == ()
