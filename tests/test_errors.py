from __future__ import annotations

import pickle
from datetime import datetime

import pytest

import crisiscomms
from crisiscomms import (
    CrisisCommsError,
    FactTypeError,
    InputError,
    InputTypeError,
    InputValueError,
    MissingFactError,
    NaiveDatetimeError,
    NoApprovedTemplate,
    PlanError,
    PlanProblem,
    RenderError,
    TemplateSyntaxError,
    UnknownPlatformError,
    UnsupportedLocaleError,
)


def _drawn_tree() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The tree drawn in the errors module's docstring: name -> (parent, builtins)."""
    import re

    from crisiscomms import _errors

    drawn: dict[str, tuple[str, tuple[str, ...]]] = {}
    stack: list[tuple[int, str]] = []
    for line in (_errors.__doc__ or "").splitlines():
        match = re.match(r"^(\s*(?:[│ ]*[├└]── )?)([A-Z]\w+)(?: \(([\w, ]+)\))?", line)
        if match is None or not match.group(2).endswith(("Error", "Template")):
            continue
        depth = len(match.group(1))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack else ""
        builtins = tuple(b.strip() for b in (match.group(3) or "").split(",") if b.strip())
        drawn[match.group(2)] = (parent, builtins)
        stack.append((depth, match.group(2)))
    return drawn


class TestDrawnTree:
    def test_the_drawn_tree_names_every_error(self) -> None:
        """Every error class of the module is drawn, and nothing else."""
        from crisiscomms import _errors

        classes = {
            name
            for name in _errors.__all__
            if isinstance(getattr(_errors, name), type)
            and issubclass(getattr(_errors, name), BaseException)
        }
        assert set(_drawn_tree()) == classes

    def test_the_drawn_tree_is_the_real_bases(self) -> None:
        """Each drawn parent and builtin is a real base of the class."""
        import builtins

        from crisiscomms import _errors

        for name, (parent, extra) in _drawn_tree().items():
            cls = getattr(_errors, name)
            if parent:
                assert getattr(_errors, parent) in cls.__bases__, name
            for builtin in extra:
                assert issubclass(cls, getattr(builtins, builtin)), (name, builtin)
            real = {b.__name__ for b in cls.__bases__} - {parent}
            assert real <= set(extra) | {"Exception"}, (name, real)


class TestTree:
    @pytest.mark.parametrize(
        ("error", "builtin"),
        [
            (PlanError, ValueError),
            (UnknownPlatformError, ValueError),
            (UnsupportedLocaleError, ValueError),
            (NaiveDatetimeError, ValueError),
            (TemplateSyntaxError, ValueError),
            (RenderError, ValueError),
            (MissingFactError, LookupError),
            (FactTypeError, TypeError),
            (NoApprovedTemplate, LookupError),
            (InputValueError, ValueError),
            (InputTypeError, TypeError),
        ],
    )
    def test_each_error_is_a_crisiscomms_error_and_its_builtin(
        self, error: type[Exception], builtin: type[Exception]
    ) -> None:
        """Callers can catch either the library's root or the builtin that fits."""
        assert issubclass(error, CrisisCommsError)
        assert issubclass(error, builtin)

    def test_tree_in_docstring_names_every_error(self) -> None:
        """The drawn tree in the module docstring lists every error class."""
        from crisiscomms import _errors

        doc = _errors.__doc__ or ""
        for name in crisiscomms.__all__:
            obj = getattr(crisiscomms, name)
            if isinstance(obj, type) and issubclass(obj, CrisisCommsError):
                assert name in doc, name


class TestMessages:
    def test_plan_error_lists_every_problem(self) -> None:
        """A PlanError shows all its problems, one a line, with their paths."""
        problems = [PlanProblem(f"templates[{i}].id", "not a slug") for i in range(5)]
        err = PlanError(problems)
        assert str(err).splitlines()[0] == "the plan has 5 problems:"
        assert len(str(err).splitlines()) == 6
        assert err.problems == tuple(problems)

    def test_plan_problem_without_path_names_the_document(self) -> None:
        """A problem of the whole document says so instead of an empty path."""
        assert str(PlanProblem("", "invalid JSON")) == "(document): invalid JSON"

    def test_unknown_platform_cuts_a_long_list(self) -> None:
        """A long list of known names is cut with a count of the rest."""
        err = UnknownPlatformError.for_name("zz", [f"p{i:02}" for i in range(60)])
        assert "and 10 more" in str(err)
        assert err.name == "zz"
        assert len(err.known) == 60

    def test_unsupported_locale_keeps_values(self) -> None:
        """The offending locale and the supported set stay as attributes."""
        err = UnsupportedLocaleError.for_locale("it", ["fr", "en"])
        assert err.locale == "it"
        assert err.supported == ("en", "fr")

    def test_naive_datetime_names_the_argument(self) -> None:
        """The message names the argument and shows the naive value."""
        err = NaiveDatetimeError.for_value("detected_at", datetime(2026, 1, 2, 3, 4))
        assert str(err).startswith("detected_at: expected an aware datetime")
        assert "2026-01-02T03:04:00" in str(err)
        assert err.what == "detected_at"

    def test_naive_datetime_with_a_value_without_isoformat(self) -> None:
        """A value that is not a datetime at all is shown by its repr."""
        assert "'noon'" in str(NaiveDatetimeError.for_value("at", "noon"))

    def test_template_syntax_error_points_at_the_position(self) -> None:
        """The caret stands under the offending character, on its own line."""
        text = "Line one\nHello {name, plural}\nthree"
        err = TemplateSyntaxError.at(text, 15, "expected a style")
        lines = str(err).splitlines()
        assert lines[1] == "  Hello {name, plural}"
        assert lines[2].index("^") - 2 == 15 - len("Line one\n")

    def test_template_syntax_error_excerpt_is_bounded(self) -> None:
        """A long template shows 60 characters either side of the position."""
        text = "a" * 500
        err = TemplateSyntaxError.at(text, 250, "boom")
        assert len(str(err).splitlines()[1]) == 2 + 120

    def test_missing_fact_error_is_not_quoted_like_key_error(self) -> None:
        """Unlike KeyError, the message is shown as written."""
        err = MissingFactError.for_names(["b", "a"])
        assert str(err).startswith("the template needs facts")
        assert err.names == ("a", "b")

    def test_fact_type_error_says_what_was_expected(self) -> None:
        """The expected types and the received value are in the message."""
        err = FactTypeError.for_fact("t", "date", 3)
        assert "expects date or aware datetime" in str(err)
        assert err.value == 3

    def test_no_approved_template_keeps_candidates(self) -> None:
        """The nearest candidates travel with the error."""
        err = NoApprovedTemplate(
            "none for media/x/fr_FR", target="media/x/fr_FR", candidates=["a", "b"]
        )
        assert str(err) == "none for media/x/fr_FR"
        assert err.candidates == ("a", "b")

    def test_input_error_truncates_long_values(self) -> None:
        """A huge value is shown cut, with the hint after it."""
        err = InputError.for_argument("text", "a str", b"x" * 500, hint="decode it first")
        assert "..." in str(err)
        assert str(err).endswith("; decode it first")


class TestPickling:
    @pytest.mark.parametrize(
        "err",
        [
            PlanError([PlanProblem("a", "b")]),
            UnknownPlatformError.for_name("zz", ["x"]),
            UnsupportedLocaleError.for_locale("it", ["fr"]),
            TemplateSyntaxError.at("{", 1, "eof"),
            MissingFactError.for_names(["a"]),
            InputError.for_argument("a", "b", 1),
        ],
    )
    def test_errors_survive_pickle_for_process_pools(self, err: Exception) -> None:
        """Errors cross process boundaries with their message."""
        # Keyword-only constructors do not unpickle by default; they need no state.
        try:
            again = pickle.loads(pickle.dumps(err))
        except TypeError:
            pytest.fail(f"{type(err).__name__} does not pickle")
        assert str(again) == str(err)


class TestHugeValues:
    def test_deeply_nested_value_is_shown_as_too_large(self) -> None:
        """A value too deep for repr still gives a message, not a RecursionError."""
        value: list[object] = []
        for _ in range(100_000):
            value = [value]
        err = InputError.for_argument("severity", "a severity id", value)
        assert "list too large to show" in str(err)
