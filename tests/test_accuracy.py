"""The project's own accuracy suite: check_consistency on labelled sets in four languages."""

from __future__ import annotations

import functools
from collections import Counter

import pytest

from tests.accuracy import CODES, LANGUAGES, Outcome, load_sets, run, score, table

#: The goal of the suite: exact-set accuracy and false errors on clean sets, per language.
GOAL_EXACT = 0.97
GOAL_FALSE_ERRORS = 0.03


@functools.cache
def outcomes() -> tuple[Outcome, ...]:
    """The suite checked once for all tests."""
    return tuple(run(load_sets()))


class TestTheSuite:
    def test_at_least_200_sets_with_unique_ids(self) -> None:
        """The suite holds at least 200 labelled sets, each named once."""
        sets = load_sets()
        assert len(sets) >= 200
        assert len({s.id for s in sets}) == len(sets)

    def test_every_code_is_planted_in_every_language(self) -> None:
        """Each CON code is planted at least three times in each language, beside clean sets."""
        planted = Counter((s.language, code) for s in load_sets() for code in s.expected)
        clean = Counter(s.language for s in load_sets() if not s.expected)
        for language in LANGUAGES:
            assert clean[language] >= 20
            for code in CODES:
                assert planted[(language, code)] >= 3, (language, code)

    def test_the_table_names_every_language_and_code(self) -> None:
        """The printed figures have a row per language and per code."""
        printed = table(outcomes())
        for name in (*LANGUAGES, *CODES):
            assert f"| {name} |" in printed


class TestTheScore:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_goal(self, language: str) -> None:
        """At least 97 % of sets exactly right and at most 3 % false errors, in every language."""
        result = score(outcomes())
        assert result.exact[language] >= GOAL_EXACT
        assert result.false_alarms[language] <= GOAL_FALSE_ERRORS
