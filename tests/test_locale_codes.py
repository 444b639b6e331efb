"""Locale codes: rewritten ones refused in plans, undetermined ones mean no language in feeds."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import babel
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import Mention, ModelError, PlanError, load_plan, match_claims
from crisiscomms.model._base import normalize_locale
from crisiscomms.samples import demo_plan

AT = datetime(2026, 11, 24, 9, 5, tzinfo=UTC)


def _document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(demo_plan().to_json())
    return document


class TestRewrittenLocales:
    """A locale that CLDR reads as another one is a plan problem that says so."""

    @pytest.mark.parametrize(("written", "read"), [("en_UK", "en_GB"), ("und", "en_US")])
    def test_a_stakeholder_locale(self, written: str, read: str) -> None:
        """en_UK is not written en_GB behind the user's back: the problem names both."""
        document = _document()
        document["stakeholders"][0]["locales"] = [written]
        with pytest.raises(PlanError) as caught:
            load_plan(document)
        (problem,) = [p for p in caught.value.problems if "stakeholders[0]" in p.path]
        assert f"'{written}', which CLDR reads as '{read}'; write '{read}'" in problem.message

    def test_a_template_locale(self) -> None:
        """A template written in en_UK is refused with the fix."""
        document = _document()
        document["templates"][0].pop("digest")
        document["templates"][0]["locale"] = "en_UK"
        with pytest.raises(PlanError, match="write 'en_GB'"):
            load_plan(document)

    @pytest.mark.parametrize("written", ["fr-FR", "fr_fr", "en_GB", "de", "zh_Hant_TW"])
    def test_spellings_of_the_same_locale_are_accepted(self, written: str) -> None:
        """A hyphen or the case of a part is not a rewrite."""
        assert normalize_locale(written).casefold() == written.replace("-", "_").casefold()

    def test_an_unknown_locale_says_its_point_once(self) -> None:
        """The message does not repeat babel's own 'unknown locale' after ours."""
        with pytest.raises(ValueError, match="locale known to CLDR") as caught:
            normalize_locale("xx_YY")
        assert "unknown locale" not in str(caught.value)


class TestUndeterminedMentions:
    """Codes that name no language make a mention languageless, never en_US or an error."""

    @pytest.mark.parametrize("code", ["und", "zxx", "mul", "mis", "qme", "qht", "qam", "und-Latn"])
    def test_no_language(self, code: str) -> None:
        """The mention is kept, with no locale."""
        assert Mention(text="Lumea", at=AT, locale=code).locale is None

    def test_counted_and_matched_to_nothing(self) -> None:
        """A feed with undetermined codes is read whole; those mentions match no claim."""
        plan = demo_plan()
        claim = plan.claims[0]
        language, sets = next(iter(claim.patterns.items()))
        text = " ".join(sets[0])
        feed = [
            Mention(text=text, at=AT, locale="und", id="a"),
            Mention(text=text, at=AT, locale=language, id="b"),
        ]
        matches = match_claims(feed, plan.claims)
        assert [m.mention_id for m in matches] == ["b"]

    def test_a_feed_code_that_cldr_rewrites_is_taken_as_read(self) -> None:
        """A monitoring tool's en_UK is en_GB: a feed does not stop on it."""
        assert Mention(text="x", at=AT, locale="en_UK").locale == "en_GB"


class TestProperties:
    """Any locale code either loads as itself or raises a library error."""

    @settings(max_examples=60, deadline=None)
    @given(st.from_regex(r"[a-z]{2,3}([_-][A-Z]{2})?", fullmatch=True))
    def test_plan_locale(self, code: str) -> None:
        """normalize_locale returns the code itself (up to hyphen and case) or refuses it."""
        try:
            result = normalize_locale(code)
        except ValueError:
            return
        assert result.casefold() == code.replace("-", "_").casefold()

    @settings(max_examples=60, deadline=None)
    @given(st.from_regex(r"[a-z]{2,3}([_-][A-Za-z]{2,4})?", fullmatch=True))
    def test_mention_locale(self, code: str) -> None:
        """A mention's locale is None, a CLDR locale, or a ModelError."""
        try:
            mention = Mention(text="x", at=AT, locale=code)
        except ModelError:
            return
        if mention.locale is not None:
            babel.Locale.parse(mention.locale)
