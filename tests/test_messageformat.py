"""The ICU MessageFormat parser: what it accepts, what it builds, how it refuses."""

from __future__ import annotations

import ast
import contextlib
import pickle
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crisiscomms
from crisiscomms import CrisisCommsError, InputError, ParsedMessage, TemplateSyntaxError
from crisiscomms.samples import demo_plan
from crisiscomms.text._messageformat import (
    MAX_DEPTH,
    Argument,
    Plural,
    PluralNumber,
    Select,
    Text,
    _parse,
    _parse_flat,
    _Parser,
    parse_message,
)

from .strategies import messageformat_templates


class TestSimpleArguments:
    def test_text_alone_is_one_text_part(self) -> None:
        """A template without arguments is a single literal."""
        message = parse_message("Service restored.")
        assert message.parts == (Text("Service restored."),)
        assert dict(message.arguments) == {}

    def test_empty_text_has_no_parts(self) -> None:
        """The empty template parses to nothing."""
        assert parse_message("").parts == ()

    @pytest.mark.parametrize("text", ["{name}", "{ name }", "{\tname\n}", "{\u200ename\u2028}"])
    def test_bare_argument_with_pattern_white_space(self, text: str) -> None:
        """ICU's pattern white space may surround the name."""
        assert parse_message(text).parts == (Argument("name"),)

    @pytest.mark.parametrize("name", ["a", "status_url", "site-2", "_x", "Customers"])
    def test_names_are_slugs_or_identifiers(self, name: str) -> None:
        """Names are letters, digits, '_' and '-', starting with a letter or '_'."""
        assert parse_message(f"{{{name}}}").arguments == {name: frozenset({"string"})}

    @pytest.mark.parametrize(
        ("text", "part"),
        [
            ("{n, number}", Argument("n", "number", "")),
            ("{n,number,integer}", Argument("n", "number", "integer")),
            ("{ n , number , percent }", Argument("n", "number", "percent")),
            ("{t, date}", Argument("t", "date", "medium")),
            ("{t, date, short}", Argument("t", "date", "short")),
            ("{t, date, full}", Argument("t", "date", "full")),
            ("{t, time}", Argument("t", "time", "medium")),
            ("{t, time, long}", Argument("t", "time", "long")),
        ],
    )
    def test_formats_and_styles(self, text: str, part: Argument) -> None:
        """Number, date and time arguments keep their style; dates default to medium."""
        assert parse_message(text).parts == (part,)

    def test_text_around_arguments(self) -> None:
        """Literal text before, between and after arguments is kept as it is."""
        message = parse_message("Hi {a}, at {t, time, short}!")
        assert message.parts == (
            Text("Hi "),
            Argument("a"),
            Text(", at "),
            Argument("t", "time", "short"),
            Text("!"),
        )


class TestArgumentsMapping:
    def test_every_name_with_every_format_it_is_used_with(self) -> None:
        """`arguments` lists names from every branch, each with all its formats, by name."""
        message = parse_message(
            "{t, date, long} {t, time, short} {n, plural, one {# {who}} other {{n, number}}}"
            " {s, select, a {{p, number, percent}} other {{x}}}"
            " {r, selectordinal, one {#st} other {#th}} {i, number, integer}"
        )
        assert dict(message.arguments) == {
            "i": frozenset({"number,integer"}),
            "n": frozenset({"plural", "number"}),
            "p": frozenset({"number,percent"}),
            "r": frozenset({"selectordinal"}),
            "s": frozenset({"select"}),
            "t": frozenset({"date,long", "time,short"}),
            "who": frozenset({"string"}),
            "x": frozenset({"string"}),
        }
        assert list(message.arguments) == sorted(message.arguments)

    def test_arguments_cannot_be_changed(self) -> None:
        """The mapping is read-only."""
        message = parse_message("{a}")
        with pytest.raises(TypeError):
            message.arguments["b"] = frozenset()  # type: ignore[index]


class TestPlural:
    def test_exact_values_and_categories(self) -> None:
        """=N branches and category branches are kept apart, in order."""
        message = parse_message("{n, plural, =0 {none} one {# item} =1.5 {odd} other {# items}}")
        assert message.parts == (
            Plural(
                "n",
                ordinal=False,
                exact=((Decimal(0), (Text("none"),)), (Decimal("1.5"), (Text("odd"),))),
                categories=(
                    ("one", (PluralNumber(), Text(" item"))),
                    ("other", (PluralNumber(), Text(" items"))),
                ),
            ),
        )

    def test_selectordinal_is_an_ordinal_plural(self) -> None:
        """selectordinal parses like plural, marked ordinal."""
        (part,) = parse_message(
            "{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}"
        ).parts
        assert isinstance(part, Plural)
        assert part.ordinal
        assert [key for key, _ in part.categories] == ["one", "two", "few", "other"]

    def test_negative_exact_value(self) -> None:
        """=-1 is an exact value like any other."""
        (part,) = parse_message("{n, plural, =-1 {minus one} other {#}}").parts
        assert isinstance(part, Plural)
        assert part.exact[0][0] == Decimal(-1)

    def test_hash_is_literal_outside_plural(self) -> None:
        """# only means the number inside a plural branch."""
        assert parse_message("#outage {x}").parts == (Text("#outage "), Argument("x"))

    def test_hash_is_literal_in_a_select_nested_in_a_plural(self) -> None:
        """As in ICU, # belongs to the plural whose branch directly holds it."""
        (plural,) = parse_message("{n, plural, other {{s, select, other {#a}} #}}").parts
        assert isinstance(plural, Plural)
        select, space, number = plural.categories[0][1]
        assert isinstance(select, Select)
        assert select.branches == (("other", (Text("#a"),)),)
        assert (space, number) == (Text(" "), PluralNumber())

    def test_select_branches(self) -> None:
        """Select keys are words, Unicode included."""
        (part,) = parse_message("{s, select, résolu {done} in-progress {wip} other {?}}").parts
        assert isinstance(part, Select)
        assert [key for key, _ in part.branches] == ["résolu", "in-progress", "other"]


class TestQuoting:
    @pytest.mark.parametrize(
        ("text", "literal"),
        [
            ("l'heure", "l'heure"),
            ("it''s", "it's"),
            ("''", "'"),
            ("'{'", "{"),
            ("'}'", "}"),
            ("'{}'", "{}"),
            ("a '{' 1 '}' c", "a { 1 } c"),
            ("'{it''s}'", "{it's}"),
            ("'#'", "'#'"),
            ("don't'", "don't'"),
            ("'", "'"),
        ],
    )
    def test_icu_apostrophe_rules(self, text: str, literal: str) -> None:
        """'' is an apostrophe, ' before a brace quotes, any other ' is literal."""
        assert parse_message(text).parts == (Text(literal),)

    def test_quoted_hash_in_plural(self) -> None:
        """In a plural branch, '#' is a literal hash."""
        (part,) = parse_message("{n, plural, other {'#' #}}").parts
        assert isinstance(part, Plural)
        assert part.categories[0][1] == (Text("# "), PluralNumber())

    @pytest.mark.parametrize(
        ("text", "position"),
        [("l'{site} et d'{city}", 1), ("'{'name'}'", 0), ("x '{ n, number }'", 2)],
    )
    def test_a_quoted_placeholder_is_refused(self, text: str, position: int) -> None:
        """Quoting that would print "{name}" literally is the translator's trap: refused."""
        with pytest.raises(TemplateSyntaxError, match="placeholder") as info:
            parse_message(text)
        assert info.value.position == position

    def test_unclosed_quote_is_refused(self) -> None:
        """A quote opened before a brace and never closed is an error, not swallowed text."""
        with pytest.raises(TemplateSyntaxError, match="never closed") as info:
            parse_message("Voir l'{ ici")
        assert info.value.position == 6


class TestSyntaxErrors:
    @pytest.mark.parametrize(
        ("text", "position", "reason"),
        [
            ("Hello {name", 11, "ends inside argument 'name'"),
            ("Hello {", 7, "ends inside an argument"),
            ("oops }", 5, "unmatched '}'"),
            ("{}", 1, "expected a fact name"),
            ("{0}", 1, "numbered arguments"),
            ("{user.name}", 5, "attribute access is not supported"),
            ("{items[0]}", 6, "expressions are not supported"),
            ("{f()}", 2, "expressions are not supported"),
            ("{a b}", 3, "expected '}' or ','"),
            ("{n, choice, 0#none}", 4, "unsupported argument type 'choice'"),
            ("{n, spellout}", 4, "unsupported argument type 'spellout'"),
            ("{n,}", 3, "expected a keyword"),
            ("{n, number, currency}", 12, "unsupported style 'currency'"),
            ("{n, number, ::percent}", 12, "unsupported style"),
            ("{t, date, iso}", 10, "unsupported style 'iso'"),
            ("{t, time, short extra}", 16, "expected '}' to close argument 't'"),
            ("{t, date short}", 9, "expected ',' and a style"),
            ("{n, plural one {x}}", 11, "expected ','"),
            ("{n, plural, one {x}}", 0, "needs an 'other' branch"),
            ("{n, selectordinal, one {x}}", 0, "selectordinal argument 'n' needs an 'other'"),
            ("{s, select, a {x}}", 0, "select argument 's' needs an 'other'"),
            ("{n, plural, offset:1 other {#}}", 12, "offsets are not supported"),
            ("{n, plural, lots {x} other {y}}", 12, "unknown plural category 'lots'"),
            ("{n, plural, =x {x} other {y}}", 12, "expected a number after '='"),
            ("{n, plural, one {a} one {b} other {c}}", 20, "'one' appears twice"),
            ("{n, plural, =1 {a} =1.0 {b} other {c}}", 19, "'=1.0' appears twice"),
            ("{s, select, a {x} a {y} other {z}}", 18, "'a' appears twice"),
            ("{s, select, ! {x} other {z}}", 12, "expected a branch key"),
            ("{n, plural, other x}", 18, "expected '{' to open the branch 'other'"),
            ("{n, plural, other {x", 20, "branch 'other' is never closed"),
            ("{n, plural, other {x}", 21, "plural argument 'n' is never closed"),
            ("{s, select, other {x}", 21, "select argument 's' is never closed"),
            ("{n, plural, ? {x}}", 12, "expected a branch key"),
        ],
    )
    def test_error_names_position_and_reason(self, text: str, position: int, reason: str) -> None:
        """Each syntax error says what is wrong and where, with a caret under the spot."""
        with pytest.raises(TemplateSyntaxError) as info:
            parse_message(text)
        error = info.value
        assert reason in error.reason
        assert error.position == position
        assert error.text == text
        assert str(error).splitlines()[-1].index("^") - 2 == position

    def test_nesting_has_a_limit(self) -> None:
        """Arguments nested deeper than the limit are refused instead of exhausting the stack."""
        text = "{s, select, other {" * (MAX_DEPTH + 1) + "x" + "}}" * (MAX_DEPTH + 1)
        with pytest.raises(TemplateSyntaxError, match="nested more than"):
            parse_message(text)

    def test_nesting_up_to_the_limit_is_fine(self) -> None:
        """The limit leaves room for any template a person writes."""
        text = "{s, select, other {" * MAX_DEPTH + "x" + "}}" * MAX_DEPTH
        assert parse_message(text).arguments == {"s": frozenset({"select"})}

    def test_not_a_string(self) -> None:
        """Anything but a str is an input error, not a crash."""
        with pytest.raises(InputError, match="text: expected a template text"):
            parse_message(b"{x}")  # type: ignore[arg-type]


class TestParsedMessageValue:
    def test_equal_hashable_and_picklable(self) -> None:
        """Parsed messages are values: equal by text, hashable, picklable."""
        text = "{n, plural, =0 {none} other {# at {t, time, short}}}"
        message = parse_message(text)
        copy = pickle.loads(pickle.dumps(message))
        assert copy == message
        assert hash(copy) == hash(message)
        assert copy.parts == message.parts
        assert dict(copy.arguments) == dict(message.arguments)
        assert message != parse_message("{x}")

    def test_immutable(self) -> None:
        """Fields cannot be reassigned."""
        message = parse_message("{x}")
        with pytest.raises(AttributeError):
            message.text = "{y}"  # type: ignore[misc]

    def test_repr_shows_the_text(self) -> None:
        """The repr is short and shows the template."""
        assert repr(parse_message("a {b}")) == "ParsedMessage('a {b}')"

    def test_parsing_is_cached(self) -> None:
        """The same text parses once; the value is shared."""
        text = "cached {once}"
        assert parse_message(text) is parse_message(text)

    def test_public_names(self) -> None:
        """The parser's entry point and value are exported from the package."""
        assert crisiscomms.parse_message is parse_message
        assert crisiscomms.ParsedMessage is ParsedMessage


class TestAnyInput:
    @settings(max_examples=400)
    @given(st.text())
    def test_any_text_parses_or_raises_syntax_error(self, text: str) -> None:
        """On any string, the parser returns a message or raises TemplateSyntaxError."""
        try:
            message: ParsedMessage | TemplateSyntaxError = parse_message(text)
        except TemplateSyntaxError as error:
            message = error
        if isinstance(message, TemplateSyntaxError):
            assert 0 <= message.position <= len(text)
        else:
            assert isinstance(message, ParsedMessage)

    @settings(max_examples=300)
    @given(
        st.lists(
            st.sampled_from([*"{}',#=a1 ", "number", "plural", "select", "other", "one"]),
            max_size=30,
        ).map("".join)
    )
    def test_syntax_soup_parses_or_raises_syntax_error(self, text: str) -> None:
        """Strings made of ICU syntax pieces never raise anything else."""
        with contextlib.suppress(TemplateSyntaxError):
            assert isinstance(parse_message(text), ParsedMessage)

    @settings(max_examples=200)
    @given(messageformat_templates())
    def test_generated_templates_parse_with_their_arguments(
        self, template: tuple[str, dict[str, object]]
    ) -> None:
        """Every generated valid template parses and names exactly the arguments used."""
        text, facts = template
        assert set(parse_message(text).arguments) == set(facts)

    @pytest.mark.parametrize(
        "text",
        [
            "lone \ud800 surrogate {x}",
            "bidi \u202e{x}\u2066 controls",
            ("Texte {x} " * 10_000)[:100_000],
            "{x, select, a {" + "l'heure " * 12_000 + "} other {}}",
        ],
        ids=["surrogate", "bidi", "100kB", "100kB-branch"],
    )
    def test_unusual_and_large_texts_parse(self, text: str) -> None:
        """Lone surrogates, bidi controls and 100 kB templates parse like any text."""
        assert set(parse_message(text).arguments) == {"x"}

    def test_errors_are_crisiscomms_errors(self) -> None:
        """A syntax error can be caught as the library's root error or as ValueError."""
        with pytest.raises(CrisisCommsError):
            parse_message("{")
        with pytest.raises(ValueError, match="at position"):
            parse_message("}")


class _StepByStep(_Parser):
    """The parser without its jumps: one character at a time, every argument step by step."""

    jumps = False


def _outcome(parser: type[_Parser], text: str) -> object:
    instance = parser(text)
    try:
        return instance.parse(), instance.formats
    except TemplateSyntaxError as error:
        return str(error), error.position


_SOUP = st.lists(
    st.sampled_from(
        [
            *"{}',#=a1 \t",
            "number",
            "date",
            "time",
            "plural",
            "select",
            "selectordinal",
            "other",
            "one",
            "few",
            "integer",
            "percent",
            "short",
            "long",
            "=0",
            "{x}",
            "l’",
            "{n, plural, ",
            "one {",
            "}",
            "''",
            "'{",
            "# ",
        ]
    ),
    max_size=40,
).map("".join)


class TestFastPathsAgreeWithStepByStep:
    @settings(max_examples=400)
    @given(st.one_of(st.text(), _SOUP))
    def test_same_parts_or_same_error_on_any_text(self, text: str) -> None:
        """Skipping plain text and reading common arguments in one match changes nothing."""
        assert _outcome(_Parser, text) == _outcome(_StepByStep, text)

    @settings(max_examples=200)
    @given(messageformat_templates())
    def test_same_parts_on_generated_templates(
        self, template: tuple[str, dict[str, object]]
    ) -> None:
        """Every generated valid template gives the same parts and formats both ways."""
        assert _outcome(_Parser, template[0]) == _outcome(_StepByStep, template[0])


def _full(text: str) -> object:
    return _outcome(_Parser, text)


def _full_sorted(text: str) -> object:
    """The full parser's parts and formats as the flat path gives them: sorted by name."""
    instance = _Parser(text)
    try:
        parts = instance.parse()
    except TemplateSyntaxError as error:
        return str(error), error.position
    formats = instance.formats
    return parts, tuple((name, frozenset(formats[name])) for name in sorted(formats))


_FLAT_SOUP = st.lists(
    st.sampled_from(
        [
            "Message ",
            " : ",
            "é",
            "l\u2019",
            "l'",
            "''",
            "'{",
            "#",
            " ",
            "{",
            "}",
            ",",
            "{name}",
            "{ n , number , integer }",
            "{n, number, short}",
            "{t, date}",
            "{t, time, short}",
            "{t, date, integer}",
            "{n, plural, ",
            "{n, selectordinal,",
            "{x, select, ",
            "one {",
            "other {",
            "offset {",
            "=0 {",
            "=0.0 {",
            "a {",
            "# clients",
            "}}",
        ]
    ),
    max_size=30,
).map("".join)


class TestFlatPathAgreesWithFullParser:
    @settings(max_examples=500)
    @given(st.one_of(st.text(), _FLAT_SOUP))
    def test_same_parts_or_defers_on_any_text(self, text: str) -> None:
        """On any text the flat path gives the full parser's parts and formats, or defers."""
        flat = _parse_flat(text)
        assert flat is None or flat == _full_sorted(text)

    @settings(max_examples=300)
    @given(
        st.lists(
            st.one_of(
                st.text(st.characters(blacklist_characters="{}'"), min_size=1),
                st.from_regex(r"\A\{ ?[a-z_][a-z0-9_-]{0,8} ?\}\Z"),
                st.sampled_from(["{n, number}", "{t, time, short}", "{d, date, long}"]),
            ),
            max_size=12,
        ).map("".join)
    )
    def test_name_rich_templates_take_the_flat_path(self, text: str) -> None:
        """Plain text with `{name}` arguments never defers and matches the full parser."""
        flat = _parse_flat(text)
        assert flat is not None
        assert flat == _full_sorted(text)

    @settings(max_examples=200)
    @given(messageformat_templates())
    def test_generated_templates_agree(self, template: tuple[str, dict[str, object]]) -> None:
        """Every generated valid template: the flat path agrees with the full parser or defers."""
        flat = _parse_flat(template[0])
        assert flat is None or flat == _full_sorted(template[0])

    @pytest.mark.parametrize(
        "text",
        [
            "Bonjour {name}, l'équipe # {n, number, percent}",
            "{n, plural, =0 {rien} one {# client} other {# {who} clients}} le {t, date, long}",
            "{n, selectordinal, one {#st} other {#th}}",
            "{x, select, a {A {y}} other {B}}",
            "{x, select, a {# {y}} other {b}}",
        ],
    )
    def test_common_templates_take_the_flat_path(self, text: str) -> None:
        """Common templates, plurals and selects included, are read by the flat path."""
        assert _parse_flat(text) == _full_sorted(text)

    @pytest.mark.parametrize(
        "text",
        [
            "l''{name}",
            "'{name}'",
            "{n, plural, one {a} other {b} one {c}}",
            "{n, plural, =1 {a} =1.0 {b} other {c}}",
            "{x, select, =1 {a} other {b}}",
            "{n, plural, few {a}}",
            "{n, plural, offset {a} other {b}}",
            "{n, plural, one {a} other {b} x}",
            "{n, plural, one {a} x other {b}}",
            "{n, plural, other {{m, plural, other {#}}}}",
            "{n, plural, other {{x, number, short}}}",
            "{t, date, integer}",
            "{a.b}",
            "{n, frobnicate, x {y}}",
            "a } b",
        ],
    )
    def test_the_flat_path_defers_on_what_it_does_not_read(self, text: str) -> None:
        """Quoting, duplicate or unknown keys, deeper nesting and every error go to the parser."""
        assert _parse_flat(text) is None


_ROOT = Path(__file__).resolve().parents[1]
# A string literal of Python, JSON or YAML as the docs and examples write templates.
_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def _written_texts() -> list[str]:
    """Every template text of the sample plans, and every quoted text with a brace in the docs."""
    texts = {template.text for template in demo_plan().templates}
    sources = [_ROOT / "README.md", *sorted((_ROOT / "docs").rglob("*.md"))]
    sources += sorted((_ROOT / "examples").glob("*.py"))
    sources += [_ROOT / "docs" / "notebooks" / "walkthrough.ipynb"]
    for source in sources:
        for literal in _LITERAL.findall(source.read_text(encoding="utf-8")):
            if "{" in literal or "}" in literal:
                texts.add(literal)
                # The same text as Python or JSON would read it (escapes undone).
                with contextlib.suppress(ValueError, SyntaxError):
                    texts.add(str(ast.literal_eval(f'"{literal}"')))
    return sorted(texts)


_WRITTEN = _written_texts()


class TestFlatPathOnWrittenTemplates:
    def test_every_written_text_agrees(self) -> None:
        """Every template of the sample plan, docs and examples: the flat path agrees or defers."""
        valid = flat = 0
        for text in _WRITTEN:
            found = _parse_flat(text)
            full = _full_sorted(text)
            assert found is None or found == full, text
            valid += not isinstance(full[0], str)  # type: ignore[index]
            flat += found is not None
        # The flat path is the common way: nearly every valid written template takes it.
        assert valid > 50
        assert flat >= 0.9 * valid

    @settings(max_examples=400)
    @given(
        st.sampled_from(_WRITTEN),
        st.integers(min_value=0),
        st.integers(min_value=0, max_value=3),
        st.sampled_from(["", "{", "}", "#", "'", "'{", " ", "{x}", "=1 {a} ", "one {", "}}"]),
    )
    def test_written_texts_changed_agree(self, text: str, at: int, cut: int, insert: str) -> None:
        """A written template with characters cut or added: the flat path agrees or defers."""
        at %= len(text) + 1
        changed = text[:at] + insert + text[at + cut :]
        found = _parse_flat(changed)
        assert found is None or found == _full_sorted(changed)

    def test_parse_message_is_the_full_parsers_result(self) -> None:
        """`parse_message` gives the full parser's parts and arguments, or its error."""
        for text in _WRITTEN:
            assert _outcome_of_parse(text) == _full_sorted(text), text


def _outcome_of_parse(text: str) -> object:
    try:
        parsed = _parse.__wrapped__(text)
    except TemplateSyntaxError as error:
        return str(error), error.position
    return parsed.parts, tuple(parsed.arguments.items())
