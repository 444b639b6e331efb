"""Errors that point at the fix: file names, one object for a list, the default locale."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from crisiscomms import (
    InputTypeError,
    Message,
    PlanError,
    SentMessage,
    check_consistency,
    evaluate_timeliness,
    load_plan,
    match_claims,
    recommend_escalation,
    schedule,
)
from crisiscomms.samples import demo_plan, demo_situation

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class TestFileNames:
    """A file name given to load_plan says so, with the way to pass the text."""

    @pytest.mark.parametrize("name", ["plan.json", "./plans/es.yaml", "/srv/plan", "C:\\p.json"])
    def test_a_file_name(self, name: str) -> None:
        """load_plan reads no files: the problem says it looks like a file name."""
        with pytest.raises(PlanError, match="looks like a file name") as caught:
            load_plan(name)
        assert "read_text" in str(caught.value)

    def test_json_text_is_not_a_file_name(self) -> None:
        """A JSON string is read as JSON, not taken for a file name."""
        with pytest.raises(PlanError) as caught:
            load_plan('"plan.json"')
        assert "file name" not in str(caught.value)


class TestOneObjectForAList:
    """One object where a collection is expected says so, with the fix."""

    def _sent(self) -> SentMessage:
        return SentMessage(
            stakeholder="customers", channel="sms", sent_at=NOW, template_id="breach-sms-fr"
        )

    def test_timeliness(self) -> None:
        """evaluate_timeliness(plan, situation, SentMessage(...)) asks for a list."""
        with pytest.raises(InputTypeError, match=r"it is one SentMessage: pass a list"):
            evaluate_timeliness(demo_plan(), demo_situation(), self._sent(), now=NOW)  # type: ignore[arg-type]

    def test_schedule(self) -> None:
        """schedule's sent messages likewise."""
        with pytest.raises(InputTypeError, match=r"it is one SentMessage"):
            schedule(demo_plan(), demo_situation(), sent=self._sent())  # type: ignore[arg-type]

    def test_claims_given_the_plan(self) -> None:
        """match_claims([], plan) names plan.claims."""
        with pytest.raises(InputTypeError, match=r"plan\.claims"):
            match_claims([], demo_plan())  # type: ignore[arg-type]

    def test_claims_given_one_claim(self) -> None:
        """One KnownClaim is not the register."""
        with pytest.raises(InputTypeError, match=r"it is one KnownClaim: pass a list"):
            match_claims([], demo_plan().claims[0])  # type: ignore[arg-type]

    def test_one_mention(self) -> None:
        """One Mention is not a feed."""
        from crisiscomms import Mention

        mention = Mention(text="x", at=NOW)
        with pytest.raises(InputTypeError, match=r"it is one Mention"):
            match_claims(mention, demo_plan().claims)  # type: ignore[arg-type]
        with pytest.raises(InputTypeError, match=r"it is one Mention"):
            recommend_escalation(demo_plan(), demo_situation(), mention, now=NOW)  # type: ignore[arg-type]

    def test_one_message(self) -> None:
        """check_consistency(Message(...)) asks for a list."""
        with pytest.raises(InputTypeError, match=r"it is one Message: pass a list"):
            check_consistency(Message("x", channel="x", locale="fr"))  # type: ignore[arg-type]


class TestChannelOfTheStakeholder:
    """select_response refuses a channel the stakeholder is not reached on."""

    def test_refused_with_its_channels(self) -> None:
        """The regulator is told by email only: LinkedIn is refused, naming email."""
        from crisiscomms import InputValueError, select_response

        with pytest.raises(InputValueError, match=r"its channels are 'email'"):
            select_response(
                demo_plan(),
                demo_situation(),
                stakeholder="regulators",
                channel="linkedin",
                now=NOW,
            )


class TestDefaultLocale:
    """The default-locale problem names the templates' locales and the nearest."""

    def _document(self, default: str) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(demo_plan().to_json())
        document["default_locale"] = default
        return document

    @pytest.mark.parametrize(("default", "near"), [("fr_BE", "fr_FR"), ("de_DE", "fr_FR")])
    def test_the_nearest_is_suggested(self, default: str, near: str) -> None:
        """Same language first, else the locale most templates are written in."""
        with pytest.raises(PlanError) as caught:
            load_plan(self._document(default))
        (problem,) = [p for p in caught.value.problems if p.path == "default_locale"]
        assert "the templates are written in fr_FR (" in problem.message
        assert "en_GB (" in problem.message
        assert f"set default_locale to {near!r}" in problem.message
