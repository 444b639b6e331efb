"""The registry of finding codes, held to docs/findings.md and to the findings made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiscomms import FINDING_CODES, Finding, InputError, Level

FINDINGS_DOC = Path(__file__).parents[1] / "docs" / "findings.md"
_ROW = re.compile(r"^\| `([A-Z]{3}\d{3})` \| (\w+) \|", re.M)
_HEADING = re.compile(r"^### ([A-Z]{3}\d{3}): .*?(?:\((\w+)\))?$", re.M)


def _documented() -> dict[str, set[str]]:
    """Each code documented in docs/findings.md, with the levels the doc gives it."""
    text = FINDINGS_DOC.read_text(encoding="utf-8")
    documented: dict[str, set[str]] = {}
    for code, level in _ROW.findall(text):
        documented.setdefault(code, set()).add(level)
    for code, level in _HEADING.findall(text):
        documented.setdefault(code, set()).update({level} if level else set())
    return documented


class TestRegistry:
    def test_the_doc_documents_exactly_the_registered_codes(self) -> None:
        """docs/findings.md names every registered code, and no other."""
        assert set(_documented()) == set(FINDING_CODES)

    def test_the_doc_gives_each_code_its_registered_level(self) -> None:
        """Where the doc states a level, it is the registry's."""
        wrong = {
            code: levels
            for code, levels in _documented().items()
            if levels and levels != {FINDING_CODES[code].level.value}
        }
        assert wrong == {}

    def test_codes_are_well_formed_and_in_family_order(self) -> None:
        """Codes are three letters and three digits, grouped by family."""
        codes = list(FINDING_CODES)
        assert all(re.fullmatch(r"[A-Z]{3}\d{3}", code) for code in codes)
        families = [code[:3] for code in codes]
        assert families == sorted(families, key=FINDING_CODES.families().index)
        assert all(FINDING_CODES[code].code == code for code in codes)

    def test_every_family_lists_its_own_rules(self) -> None:
        """`family` gives each family's rules and nothing for an unknown one."""
        for family in FINDING_CODES.families():
            rules = FINDING_CODES.family(family)
            assert rules
            assert {rule.family for rule in rules} == {family}
        assert FINDING_CODES.family("XYZ") == ()


class TestFindingOf:
    @pytest.mark.parametrize("code", list(FINDING_CODES))
    def test_takes_the_level_from_the_registry(self, code: str) -> None:
        """`Finding.of` gives every code its registered level."""
        assert Finding.of(code, "m").level is FINDING_CODES[code].level

    def test_an_unknown_code_is_refused(self) -> None:
        """A code outside the registry raises the library's error, naming the docs."""
        with pytest.raises(InputError, match="FINDING_CODES"):
            Finding.of("LEN999", "m")

    def test_a_registered_code_at_another_level_is_refused(self) -> None:
        """A finding cannot give a registered code a level of its own."""
        with pytest.raises(InputError, match=r"'error', the registered level of LEN001") as err:
            Finding("LEN001", Level.INFO, "m")
        assert isinstance(err.value, ValueError)

    def test_an_unregistered_code_keeps_its_level(self) -> None:
        """An integration's own codes are free to choose their level."""
        assert Finding("ACME01", "info", "m").level is Level.INFO

    @pytest.mark.parametrize(
        ("span", "builtin"), [((3, 1), ValueError), ("0-1", TypeError), ((1,), TypeError)]
    )
    def test_a_bad_span_raises_the_library_error(self, span: object, builtin: type) -> None:
        """Span problems are the library's errors: TypeError for a type, ValueError for a value."""
        with pytest.raises(InputError) as err:
            Finding("ACME01", "info", "m", span=span)  # type: ignore[arg-type]
        assert isinstance(err.value, builtin)

    @given(st.from_type(object))
    def test_any_level_is_a_level_or_the_library_error(self, level: object) -> None:
        """Whatever is given as a level, it is a Level or an InputError."""
        try:
            finding = Finding("ACME01", level, "m")
        except InputError:
            return
        assert isinstance(finding.level, Level)
