from __future__ import annotations

import pickle

import attrs
import pytest

from crisiscomms import Finding, InputError, Level, has_errors


class TestFinding:
    def test_level_is_converted_from_its_value(self) -> None:
        """A plain string level becomes the Level member."""
        assert Finding("SEC002", "warning", "m").level is Level.WARNING

    def test_unknown_level_is_refused(self) -> None:
        """A level outside error, warning and info is a ValueError."""
        with pytest.raises(ValueError, match="'fatal'"):
            Finding("SEC001", "fatal", "m")

    @pytest.mark.parametrize("span", [(3, 1), (-1, 2), (1,), "0-1", (0.0, 1)])
    def test_bad_span_is_refused(self, span: object) -> None:
        """A span must be (start, end) with 0 <= start <= end: the library's error."""
        with pytest.raises(InputError, match="span: expected"):
            Finding("SEC001", "error", "m", span=span)  # type: ignore[arg-type]

    def test_value_laws(self) -> None:
        """Findings are frozen, equal by value, hashable and picklable."""
        a = Finding("LEN001", Level.ERROR, "too long", subject="x", span=(0, 4))
        b = Finding("LEN001", "error", "too long", subject="x", span=(0, 4))
        assert a == b
        assert hash(a) == hash(b)
        assert pickle.loads(pickle.dumps(a)) == a
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            a.code = "LEN002"  # type: ignore[misc]
        assert attrs.evolve(a, code="LEN002", level="warning").level is Level.WARNING
        assert repr(a).startswith("Finding(code='LEN001'")

    def test_str_without_subject(self) -> None:
        """The subject is left out of the one-line form when empty."""
        assert str(Finding.of("TIM004", "hello")) == "info TIM004: hello"


class TestLevels:
    def test_rank_orders_by_seriousness(self) -> None:
        """Errors rank above warnings, warnings above info."""
        assert Level.INFO.rank < Level.WARNING.rank < Level.ERROR.rank

    def test_has_errors(self) -> None:
        """has_errors is true only with an error among the findings."""
        warning = Finding("LEN002", "warning", "w")
        error = Finding("LEN001", "error", "e")
        assert not has_errors([warning])
        assert has_errors([warning, error])
