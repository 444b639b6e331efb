"""ICU MessageFormat: a small, strict parser for the template syntax of plans.

Templates use the subset of ICU MessageFormat that translators' tools speak:
simple arguments ``{name}``, ``{n, number}`` (with the ``integer`` and
``percent`` styles), ``{t, date, short|medium|long|full}``, ``{t, time, ...}``,
``{n, plural, =0 {...} one {...} other {...}}`` with ``#``,
``{n, selectordinal, ...}``, ``{x, select, a {...} other {...}}``, and ICU's
apostrophe quoting. Nothing else: no attribute access, no expressions, no
offsets, no skeletons. Parsing never evaluates anything; it only builds
immutable values, and every syntax error names its position.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar, Final, Literal, TypeAlias, cast, final

import attrs

from crisiscomms._errors import InputError, TemplateSyntaxError
from crisiscomms.text._patterns import lazy_re

__all__ = [
    "DATE_TIME_STYLES",
    "NUMBER_STYLES",
    "PLURAL_CATEGORIES",
    "Argument",
    "ParsedMessage",
    "Plural",
    "PluralNumber",
    "Select",
    "Text",
    "parse_message",
]

#: The styles of ``{n, number, <style>}``; the empty string is the plain number.
NUMBER_STYLES: Final = ("", "integer", "percent")
#: The lengths of ``{t, date, <style>}`` and ``{t, time, <style>}`` (CLDR's four).
DATE_TIME_STYLES: Final = ("short", "medium", "long", "full")
#: The CLDR plural categories, the only keywords a plural branch may use.
PLURAL_CATEGORIES: Final = ("zero", "one", "two", "few", "many", "other")

#: The deepest nesting of plural and select arguments a template may have.
MAX_DEPTH: Final = 12

ArgumentKind: TypeAlias = Literal["string", "number", "date", "time"]

# ICU's Pattern_White_Space, which may surround names, keywords and commas.
_WHITESPACE: Final = frozenset("\t\n\v\f\r \x85\u200e\u200f\u2028\u2029")
_NAME: Final = lazy_re(r"[A-Za-z_][A-Za-z0-9_-]*")
#: "{{ zone }}": the double braces of other template languages, after the first brace.
_DOUBLE_BRACED: Final = lazy_re(r"\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\s*\}")
#: How date, time and number patterns start ('HH:mm', 'yyyy', 'dd.MM'), to say so.
_PATTERN_LETTERS: Final = frozenset({"HH", "hh", "yy", "dd", "MM", "mm", "EE", "jm", "Hm", "yM"})
_KEYWORD: Final = lazy_re(r"[A-Za-z]+")
_SELECT_KEY: Final = lazy_re(r"[\w-]+")
_EXACT: Final = lazy_re(r"=(-?[0-9]+(?:\.[0-9]+)?)")
# What a reader would take for a placeholder: `{name}` or `{name, ...`.
_LOOKS_LIKE_PLACEHOLDER: Final = lazy_re(r"\{[\t\n\r ]*[A-Za-z_][A-Za-z0-9_-]*[\t\n\r ]*[,}]")

# The characters that end a run of plain text: quoting, arguments, and "#" in plurals.
_SPECIAL: Final = lazy_re(r"[{}']")
_SPECIAL_IN_PLURAL: Final = lazy_re(r"[{}'#]")
_ANY_CHARACTER: Final = lazy_re(r"(?s).")

# The common arguments in one match: `{name}`, `{n, number[, style]}`, `{t, date|time[,
# style]}`, and the head of `{n, plural|selectordinal|select,`. Anything else (and any
# error) takes the step-by-step way, which says what is wrong.
# Possessive (no backtracking): what follows whitespace or a name can never be part of it,
# so a failing match fails at once instead of retrying every shorter name.
_WS: Final = "[\t\n\x0b\x0c\r \x85\u200e\u200f\u2028\u2029]*+"
_SIMPLE_ARGUMENT: Final = lazy_re(
    rf"\{{{_WS}([A-Za-z_][A-Za-z0-9_-]*+){_WS}(?:,{_WS}(number|date|time){_WS}"
    rf"(?:,{_WS}(integer|percent|short|medium|long|full){_WS})?)?\}}"
    rf"|\{{{_WS}([A-Za-z_][A-Za-z0-9_-]*+){_WS},{_WS}(plural|selectordinal|select){_WS},"
)
_CATEGORY_BRANCH: Final = lazy_re(rf"{_WS}(zero|one|two|few|many|other){_WS}\{{")
_STYLE_KIND: Final = {"integer": "number", "percent": "number"}

_ARGUMENT_TYPES: Final = ("number", "date", "time", "plural", "selectordinal", "select")


@final
@attrs.frozen
class Text:
    """Literal text of a message, with the quoting already undone."""

    value: str


@final
@attrs.frozen
class Argument:
    """A placeholder filled with one fact: ``{name}``, ``{n, number}``, ``{t, date, long}``.

    `kind` is ``"string"`` for a bare ``{name}``; `style` is one of
    `NUMBER_STYLES` for numbers and of `DATE_TIME_STYLES` for dates and times.
    """

    name: str
    kind: ArgumentKind = "string"
    style: str = ""

    @property
    def format(self) -> str:
        """The argument's format as written in ICU, e.g. ``"date,long"``."""
        if self.kind == "string":
            return "string"
        return f"{self.kind},{self.style}" if self.style else self.kind


@final
@attrs.frozen
class PluralNumber:
    """The ``#`` of a plural branch: the plural's number, formatted for the locale."""


Part: TypeAlias = "Text | Argument | PluralNumber | Plural | Select"
Message: TypeAlias = "tuple[Part, ...]"


@final
@attrs.frozen
class Plural:
    """``{n, plural, ...}`` or, when `ordinal`, ``{n, selectordinal, ...}``.

    `exact` holds the ``=N`` branches, which win over the categories;
    `categories` maps CLDR categories to branches and always has ``other``.
    """

    name: str
    ordinal: bool
    exact: tuple[tuple[Decimal, Message], ...]
    categories: tuple[tuple[str, Message], ...]

    @property
    def format(self) -> str:
        """``"selectordinal"`` or ``"plural"``."""
        return "selectordinal" if self.ordinal else "plural"


@final
@attrs.frozen
class Select:
    """``{x, select, a {...} other {...}}``: a branch chosen by a text fact."""

    name: str
    branches: tuple[tuple[str, Message], ...]

    @property
    def format(self) -> str:
        """Always ``"select"``."""
        return "select"


@final
@attrs.frozen(repr=False)
class ParsedMessage:
    """A template text parsed as ICU MessageFormat, ready to be rendered many times.

    `arguments` maps every fact name the text refers to, in any branch, to
    the formats it is used with, spelt as in the template: ``"string"`` for a
    bare ``{name}``, ``"number"``, ``"number,integer"``, ``"number,percent"``,
    ``"date,short"`` ... ``"time,full"``, ``"plural"``, ``"selectordinal"``
    and ``"select"``. Every one of them is required to render the message.

    >>> message = parse_message("{n, plural, one {# client} other {# clients}} le {t, date, long}")
    >>> dict(message.arguments)
    {'n': frozenset({'plural'}), 't': frozenset({'date,long'})}
    >>> message
    ParsedMessage('{n, plural, one {# client} other {# clients}} le {t, date, long}')
    """

    text: str
    parts: Message = attrs.field(eq=False)
    _arguments: tuple[tuple[str, frozenset[str]], ...] = attrs.field(eq=False)

    @property
    def arguments(self) -> Mapping[str, frozenset[str]]:
        """Each argument name and the set of formats it is used with, sorted by name."""
        return types.MappingProxyType(dict(self._arguments))

    def __repr__(self) -> str:
        return f"ParsedMessage({self.text!r})"


def parse_message(text: str, /) -> ParsedMessage:
    """Parse `text` as ICU MessageFormat, strictly.

    The parser evaluates nothing: a template can only name facts, never
    reach into them. Results are cached, so parsing the same text again is
    free.

    Args:
        text: The template text.

    Returns:
        The parsed message, with the argument names and their formats.

    Raises:
        TemplateSyntaxError: The text is not valid in the supported subset;
            the error names the position and shows it with a caret.
        InputError: `text` is not a string.

    >>> parse_message("Bonjour {name}").arguments["name"]
    frozenset({'string'})
    >>> parse_message("{n, plural, one {# client}}")
    Traceback (most recent call last):
    ...
    crisiscomms.TemplateSyntaxError: plural argument 'n' needs an 'other' branch, \
used for every number no other branch matches at position 0:
      {n, plural, one {# client}}
      ^
    """
    if not isinstance(text, str):
        raise InputError.for_type("text", "a template text (str)", text)
    return _parse(text)


@functools.lru_cache(maxsize=2048)
def _parse(text: str) -> ParsedMessage:
    return _parse_uncached(text)


def _parse_uncached(text: str) -> ParsedMessage:
    """Parse `text` once: the flat fast path, or the full parser when it defers."""
    found = _parse_flat(text)
    if found is None:
        parser = _Parser(text)
        parts = parser.parse()
        formats = parser.formats
        arguments = tuple((name, frozenset(formats[name])) for name in sorted(formats))
        return ParsedMessage(text, parts, arguments)
    return ParsedMessage(text, *found)


# The flat fast path: text, simple arguments, and plurals or selects whose branches hold
# only text, `#` and simple arguments (no quoting, nothing nested deeper). It cuts the
# text with a few splits and builds the parts the full parser builds; anything else, and
# anything the full parser would refuse, makes it defer (return None).
#: An apostrophe that quotes (or may: "'#" outside a plural is plain, but rare).
_FLAT_QUOTING: Final = lazy_re(r"'[{}'#]")
#: An argument at the top level: its branches may hold arguments, nested no deeper.
_FLAT_TOP: Final = lazy_re(r"(\{[^{}]*+(?:\{[^{}]*+(?:\{[^{}]*+\}[^{}]*+)*+\}[^{}]*+)*+\})")
# A branch key, and the text of a branch holding text and simple arguments only.
_FLAT_KEY: Final = r"=-?[0-9]++(?:\.[0-9]++)?|[\w-]++"
_FLAT_BODY: Final = r"(?:[^{}]++|\{[^{}]*+\})*+"
#: A whole flat plural or select: its head, then (group 3) its branches, then its '}'.
_FLAT_BRANCHED: Final = lazy_re(
    rf"\{{{_WS}([A-Za-z_][A-Za-z0-9_-]*+){_WS},{_WS}(plural|selectordinal|select){_WS},"
    rf"((?:{_WS}(?:{_FLAT_KEY}){_WS}\{{{_FLAT_BODY}\}})*+){_WS}\}}"
)
#: The branches of a flat plural or select, each as (key, body).
_FLAT_BRANCH: Final = lazy_re(rf"{_WS}({_FLAT_KEY}){_WS}\{{({_FLAT_BODY})\}}")
_FLAT_ARGUMENTS: Final = lazy_re(r"(\{[^{}]*+\})")
_PLURAL_NUMBER: Final = PluralNumber()
#: Text values by their string: plans repeat the same phrases around their arguments.
_text: Final = functools.lru_cache(maxsize=4096)(Text)

#: A name and one format it is used with, as the flat path collects them.
_Used: TypeAlias = "tuple[tuple[str, str], ...]"


def _parse_flat(text: str) -> tuple[Message, tuple[tuple[str, frozenset[str]], ...]] | None:
    """The parts and sorted argument formats of a flat template, or None to defer."""
    if "'" in text and _FLAT_QUOTING.search(text):
        return None
    if "{" not in text:
        if "}" in text:
            return None
        return ((_text(text),) if text else ()), ()
    pieces = _FLAT_TOP.split(text)
    parts: list[Part] = []
    append = parts.append
    used: list[tuple[str, str]] = []
    # Even pieces are text, odd ones arguments; text holding a brace is not flat.
    first = pieces[0]
    if first:
        if "{" in first or "}" in first:
            return None
        append(_text(first))
    for written, after in zip(pieces[1::2], pieces[2::2], strict=True):
        if written.count("{") == 1:
            argument = _flat_argument(written)
            if argument is None:
                return None
            append(argument[0])
            used.append(argument[1])
        else:
            branched = _flat_branched(written)
            if branched is None:
                return None
            append(branched[0])
            used.extend(branched[1])
        if after:
            if "{" in after or "}" in after:
                return None
            append(_text(after))
    return tuple(parts), _arguments_of(tuple(used))


@functools.lru_cache(maxsize=1024)
def _arguments_of(used: _Used) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each name in `used` with the set of its formats, sorted by name.

    Kept: templates use the same few facts, and one shared tuple is less for
    the memory (and its garbage collector) to hold than one per template.
    """
    formats: dict[str, frozenset[str]] = {}
    for name, format_ in used:
        known = formats.get(name)
        formats[name] = frozenset((format_,)) if known is None else known | {format_}
    return tuple(sorted(formats.items()))


@functools.lru_cache(maxsize=1024)
def _flat_branched(written: str) -> tuple[Plural | Select, _Used] | None:
    """The plural or select written ``{n, plural, one {...} other {...}}``, or None.

    With it, the name and format of each argument it uses, itself included.
    Kept, like simple arguments: plans repeat the same plural in many templates.
    """
    whole = _FLAT_BRANCHED.fullmatch(written)
    if whole is None:
        return None
    name, kind = whole.group(1, 2)
    in_plural = kind != "select"
    used: list[tuple[str, str]] = [(name, kind)]
    keyed: list[tuple[str, Message]] = []
    exact: list[tuple[Decimal, Message]] = []
    seen: set[str | Decimal] = set()
    for key, body in _FLAT_BRANCH.findall(written, whole.start(3), whole.end(3)):
        branch = _flat_branch(key, body, in_plural)
        if branch is None:
            return None
        pair, inner = branch
        used.extend(inner)
        value = pair[0]
        if value in seen:
            return None
        seen.add(value)
        if isinstance(value, Decimal):
            exact.append(cast("tuple[Decimal, Message]", pair))
        else:
            keyed.append(cast("tuple[str, Message]", pair))
    if "other" not in seen:
        return None
    part: Plural | Select
    if in_plural:
        part = Plural(name, kind == "selectordinal", tuple(exact), tuple(keyed))
    else:
        part = Select(name, tuple(keyed))
    return part, tuple(used)


@functools.lru_cache(maxsize=4096)
def _flat_branch(
    key: str, body: str, in_plural: bool
) -> tuple[tuple[str | Decimal, Message], _Used] | None:
    """One branch ``key {body}`` as the plural or select holds it, or None.

    With it, the name and format of each argument its body uses. Kept: plans
    repeat the same branches (``other {# clients}``) in plurals that differ.
    """
    message: Message
    used: list[tuple[str, str]] = []
    if "{" in body:
        found = _flat_body(body, in_plural, used)
        if found is None:  # a brace that is not a simple argument
            return None
        message = found
    elif in_plural and "#" in body:
        message = _numbered(body)
    else:
        message = (_text(body),) if body else ()
    if key[0] == "=":
        if not in_plural:
            return None
        return (Decimal(key[1:]), message), tuple(used)
    if in_plural and key not in PLURAL_CATEGORIES:
        return None
    return (key, message), tuple(used)


def _numbered(body: str) -> Message:
    """The parts of a plural branch's text holding ``#`` and no argument."""
    chunks = body.split("#")
    first = chunks[0]
    message: list[Part] = [_text(first)] if first else []
    for chunk in chunks[1:]:
        message.append(_PLURAL_NUMBER)
        if chunk:
            message.append(_text(chunk))
    return tuple(message)


def _flat_body(body: str, in_plural: bool, used: list[tuple[str, str]]) -> Message | None:
    """The parts of a branch's text holding simple arguments, or None when one is not."""
    message: list[Part] = []
    pieces = _FLAT_ARGUMENTS.split(body)
    for index, piece in enumerate(pieces):
        if index % 2:
            argument = _flat_argument(piece)
            if argument is None:
                return None
            message.append(argument[0])
            used.append(argument[1])
        elif piece:
            if in_plural and "#" in piece:
                message.extend(_numbered(piece))
            else:
                message.append(_text(piece))
    return tuple(message)


@functools.lru_cache(maxsize=1024)
def _flat_argument(written: str) -> tuple[Argument, tuple[str, str]] | None:
    """The simple argument written ``{...}`` and its (name, format), or None."""
    found = _SIMPLE_ARGUMENT.fullmatch(written)
    if found is None:
        return None
    # A fullmatch is never the head of a plural or select, which ends at its ','.
    name, kind, style = found.groups()[:3]
    kind = cast("ArgumentKind | None", kind)
    if kind is None:
        argument = Argument(name)
    elif style is None:
        argument = Argument(name, kind, "" if kind == "number" else "medium")
    elif (_STYLE_KIND.get(style, "date") == "number") is not (kind == "number"):
        return None
    else:
        argument = Argument(name, kind, style)
    return argument, (name, argument.format)


class _Parser:
    """Recursive descent over the text.

    Plain text is skipped to the next character that means something, and the
    common arguments and plural branches are read in one match each. With
    `jumps` false (a test's reference), it reads one character at a time and
    every argument step by step: the two give the same parts and errors.
    """

    jumps: ClassVar[bool] = True

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        #: Each argument name and the formats it is used with, in any branch.
        self.formats: dict[str, set[str]] = {}

    def error(self, reason: str, position: int | None = None) -> TemplateSyntaxError:
        return TemplateSyntaxError.at(
            self.text, self.pos if position is None else position, reason
        )

    def parse(self) -> Message:
        # At the top level, message() reads to the end or raises on a stray '}'.
        return self.message(depth=0, in_plural=False)

    def message(self, *, depth: int, in_plural: bool) -> Message:
        """Parse message text up to an unmatched '}' (nested) or the end (top level)."""
        text = self.text
        size = len(text)
        # Jump over plain text to the next character that means something here.
        if not self.jumps:
            special = _ANY_CHARACTER.search
        else:
            special = (_SPECIAL_IN_PLURAL if in_plural else _SPECIAL).search
        parts: list[Part] = []
        literal: list[str] = []
        literal_start = pos = self.pos
        while pos < size:
            found = special(text, pos)
            end = size if found is None else found.start()
            if end > pos:
                if not literal:
                    literal_start = pos
                literal.append(text[pos:end])
                pos = end
                if found is None:
                    break
            char = text[end]
            if char == "{":
                if literal:
                    self.flush(literal, literal_start, parts)
                self.pos = pos
                part = self.argument(depth=depth)
                pos = self.pos
                self.formats.setdefault(part.name, set()).add(part.format)
                parts.append(part)
            elif char == "}":
                if depth == 0:
                    self.pos = pos
                    raise self.error("unmatched '}'; to write a literal brace, quote it: '}'")
                break
            elif char == "'":
                if not literal:
                    literal_start = pos
                self.pos = pos
                self.apostrophe(literal, in_plural=in_plural)
                pos = self.pos
            elif char == "#" and in_plural:
                if literal:
                    self.flush(literal, literal_start, parts)
                parts.append(PluralNumber())
                pos += 1
            else:  # plain text (only when stepping one character at a time)
                if not literal:
                    literal_start = pos
                literal.append(char)
                pos += 1
        self.pos = pos
        if literal:
            self.flush(literal, literal_start, parts)
        return tuple(parts)

    def flush(self, literal: list[str], start: int, parts: list[Part]) -> None:
        """Append the pending literal text as a `Text`, refusing a literal placeholder."""
        if not literal:
            return
        value = literal[0] if len(literal) == 1 else "".join(literal)
        literal.clear()
        # Only quoted text can hold a brace: plain runs stop at every one.
        if "{" in value and _LOOKS_LIKE_PLACEHOLDER.search(value):
            raise self.error(
                f"the quoted text makes {value!r}, which would print a placeholder "
                "literally; quote only the braces you mean to show",
                start,
            )
        parts.append(Text(value))

    def apostrophe(self, literal: list[str], *, in_plural: bool) -> None:
        """ICU quoting: '' is an apostrophe, '{...' quotes, any other ' is literal."""
        text = self.text
        start = self.pos
        following = text[start + 1 : start + 2]
        if following == "'":
            literal.append("'")
            self.pos += 2
            return
        if not (following in {"{", "}"} or (following == "#" and in_plural)):
            literal.append("'")
            self.pos += 1
            return
        quoted: list[str] = []
        position = start + 1
        while True:
            end = text.find("'", position)
            if end == -1:
                raise self.error(
                    "quoted text is never closed; an apostrophe before '{', '}' or '#' "
                    "starts quoting in ICU MessageFormat: close it with another apostrophe, "
                    "or double the apostrophe ('') to write one",
                    start,
                )
            quoted.append(text[position:end])
            if text[end + 1 : end + 2] == "'":
                quoted.append("'")
                position = end + 2
                continue
            break
        value = "".join(quoted)
        if _LOOKS_LIKE_PLACEHOLDER.search(value):
            raise self.error(
                f"quoted text {value!r} would print a placeholder literally; an apostrophe "
                "before '{' starts quoting in ICU MessageFormat: to write an apostrophe "
                "before an argument, double it (l''{name}) or use the typographic \u2019",
                start,
            )
        literal.append(value)
        self.pos = end + 1

    def skip_whitespace(self) -> None:
        text = self.text
        while self.pos < len(text) and text[self.pos] in _WHITESPACE:
            self.pos += 1

    def expect(self, char: str, reason: str) -> None:
        self.skip_whitespace()
        if self.text[self.pos : self.pos + 1] != char:
            raise self.error(reason)
        self.pos += 1

    def argument(self, *, depth: int) -> Argument | Plural | Select:
        """Parse from the '{' of an argument to its closing '}'."""
        start = self.pos
        if depth >= MAX_DEPTH:
            raise self.error(
                f"arguments are nested more than {MAX_DEPTH} deep; split the template", start
            )
        found = _SIMPLE_ARGUMENT.match(self.text, start) if self.jumps else None
        if found is not None:
            name, kind, style, head, branched = found.groups()
            kind = cast("ArgumentKind | None", kind)
            if head is not None:
                self.pos = found.end()
                if branched == "select":
                    return self.select(head, start, depth=depth)
                return self.plural(head, start, ordinal=branched == "selectordinal", depth=depth)
            if kind is None:
                self.pos = found.end()
                return Argument(name)
            if style is None:
                self.pos = found.end()
                return Argument(name, kind, "" if kind == "number" else "medium")
            if (_STYLE_KIND.get(style, "date") == "number") is (kind == "number"):
                self.pos = found.end()
                return Argument(name, kind, style)
        self.pos += 1
        self.skip_whitespace()
        name = self.name()
        self.skip_whitespace()
        char = self.text[self.pos : self.pos + 1]
        if char == "}":
            self.pos += 1
            return Argument(name)
        if char != ",":
            raise self.unexpected_after_name(name, char)
        self.pos += 1
        self.skip_whitespace()
        kind_at = self.pos
        kind = self.keyword()
        if kind not in _ARGUMENT_TYPES:
            raise self.error(
                f"unsupported argument type {kind!r}; expected one of "
                + ", ".join(repr(k) for k in _ARGUMENT_TYPES),
                kind_at,
            )
        if kind == "number":
            return Argument(name, "number", self.style(name, NUMBER_STYLES, default=""))
        if kind in {"date", "time"}:
            style = self.style(name, DATE_TIME_STYLES, default="medium")
            return Argument(name, "date" if kind == "date" else "time", style)
        self.expect(",", f"expected ',' and the branches after {kind!r}")
        if kind == "select":
            return self.select(name, start, depth=depth)
        return self.plural(name, start, ordinal=kind == "selectordinal", depth=depth)

    def name(self) -> str:
        match = _NAME.match(self.text, self.pos)
        if match is None:
            char = self.text[self.pos : self.pos + 1]
            if char.isdigit():
                reason = (
                    "numbered arguments like {0} are not supported; "
                    "name the fact, e.g. {customers}"
                )
            elif not char:
                reason = "the template ends inside an argument; expected a fact name and '}'"
            elif char == "{":
                inner = _DOUBLE_BRACED.match(self.text, self.pos)
                example = f"{{{inner.group(1)}}}" if inner else "{name}"
                reason = (
                    f"ICU MessageFormat uses single braces: write {example}, not"
                    f" {{{example}}} (double braces belong to other template languages);"
                    " to write a literal brace, quote it: '{'"
                )
            else:
                reason = (
                    f"expected a fact name (letters, digits, '_' or '-', starting with a "
                    f"letter or '_'), got {char!r}; to write a literal brace, quote it: '{{'"
                )
            raise self.error(reason)
        self.pos = match.end()
        return match.group()

    def unexpected_after_name(self, name: str, char: str) -> TemplateSyntaxError:
        if char == ".":
            return self.error(
                f"attribute access is not supported: {{{name}.…}}; "
                "templates only name facts: use a fact of its own"
            )
        if char in {"[", "("}:
            return self.error(
                f"expressions are not supported after {name!r}; templates only name facts"
            )
        if not char:
            return self.error(f"the template ends inside argument {name!r}; expected '}}'")
        return self.error(f"expected '}}' or ',' after the fact name {name!r}, got {char!r}")

    def keyword(self) -> str:
        match = _KEYWORD.match(self.text, self.pos)
        if match is None:
            raise self.error(
                "expected a keyword such as 'number', 'date', 'time', 'plural' or 'select'"
            )
        self.pos = match.end()
        return match.group()

    def style(self, name: str, allowed: tuple[str, ...], *, default: str) -> str:
        """Parse ``[, style] }`` after a number, date or time type."""
        self.skip_whitespace()
        char = self.text[self.pos : self.pos + 1]
        if char == "}":
            self.pos += 1
            return default
        if char != ",":
            raise self.error(f"expected ',' and a style, or '}}', in argument {name!r}")
        self.pos += 1
        self.skip_whitespace()
        style_at = self.pos
        match = _KEYWORD.match(self.text, self.pos)
        style = match.group() if match else ""
        shown = [s for s in allowed if s]
        # The style as written, up to the argument's closing brace ('HH:mm', not 'HH').
        close = self.text.find("}", style_at, style_at + 60)
        written = self.text[style_at:close].rstrip() if close >= 0 else ""
        if any(c in _WHITESPACE for c in written):
            written = ""  # words after the style: the closing brace is missing
        if style not in shown or (written and written != style):
            got = repr(written or style or self.text[style_at : style_at + 10])
            as_written = written or style
            if as_written.lower() in shown:
                hint = f"; styles are lowercase: {as_written.lower()!r}"
            elif any(c in as_written for c in ":#0/'. -") or as_written[:2] in _PATTERN_LETTERS:
                hint = (
                    "; patterns and skeletons are not supported: choose a style, and the"
                    " locale gives the pattern"
                )
            else:
                hint = ""
            raise self.error(
                f"unsupported style {got} for argument {name!r}; expected one of "
                + ", ".join(repr(s) for s in shown)
                + hint,
                style_at,
            )
        self.pos = style_at + len(style)
        self.expect("}", f"expected '}}' to close argument {name!r}")
        return style

    def branch(self, key: str, *, depth: int, in_plural: bool) -> Message:
        """Parse ``{message}`` after a branch key."""
        self.expect("{", f"expected '{{' to open the branch {key!r}")
        return self.branch_body(key, depth=depth, in_plural=in_plural)

    def branch_body(self, key: str, *, depth: int, in_plural: bool) -> Message:
        """Parse ``message}`` after the '{' of a branch."""
        parts = self.message(depth=depth + 1, in_plural=in_plural)
        if self.pos >= len(self.text):
            raise self.error(f"the branch {key!r} is never closed; expected '}}'")
        self.pos += 1
        return parts

    def plural(self, name: str, start: int, *, ordinal: bool, depth: int) -> Plural:
        kind = "selectordinal" if ordinal else "plural"
        exact: dict[Decimal, Message] = {}
        categories: dict[str, Message] = {}
        while True:
            # The common branch, `one {...`, in one match; the rest step by step.
            found = _CATEGORY_BRANCH.match(self.text, self.pos) if self.jumps else None
            if found is not None and (key := found.group(1)) not in categories:
                self.pos = found.end()
                categories[key] = self.branch_body(key, depth=depth, in_plural=True)
                continue
            self.skip_whitespace()
            key_at = self.pos
            char = self.text[self.pos : self.pos + 1]
            if char == "}":
                self.pos += 1
                break
            if not char:
                raise self.error(f"the {kind} argument {name!r} is never closed; expected '}}'")
            if char == "=":
                match = _EXACT.match(self.text, self.pos)
                if match is None:
                    raise self.error("expected a number after '=', e.g. =0")
                self.pos = match.end()
                value = Decimal(match.group(1))
                if value in exact:
                    raise self.error(f"the branch {match.group()!r} appears twice", key_at)
                exact[value] = self.branch(match.group(), depth=depth, in_plural=True)
                continue
            match = _KEYWORD.match(self.text, self.pos)
            if match is None:
                raise self.error(
                    f"expected a branch key ({', '.join(PLURAL_CATEGORIES)} or =N) or '}}', "
                    f"got {char!r}"
                )
            key = match.group()
            if key == "offset":
                raise self.error("plural offsets are not supported; give the number itself")
            if key not in PLURAL_CATEGORIES:
                raise self.error(
                    f"unknown plural category {key!r}; expected one of "
                    + ", ".join(PLURAL_CATEGORIES)
                    + " or =N"
                )
            if key in categories:
                raise self.error(f"the branch {key!r} appears twice")
            self.pos = match.end()
            categories[key] = self.branch(key, depth=depth, in_plural=True)
        if "other" not in categories:
            raise self.error(
                f"{kind} argument {name!r} needs an 'other' branch, used for every number "
                "no other branch matches",
                start,
            )
        return Plural(name, ordinal, tuple(exact.items()), tuple(categories.items()))

    def select(self, name: str, start: int, *, depth: int) -> Select:
        branches: dict[str, Message] = {}
        while True:
            self.skip_whitespace()
            char = self.text[self.pos : self.pos + 1]
            if char == "}":
                self.pos += 1
                break
            if not char:
                raise self.error(f"the select argument {name!r} is never closed; expected '}}'")
            match = _SELECT_KEY.match(self.text, self.pos)
            if match is None:
                raise self.error(f"expected a branch key (a word) or '}}', got {char!r}")
            key = match.group()
            if key in branches:
                raise self.error(f"the branch {key!r} appears twice")
            self.pos = match.end()
            branches[key] = self.branch(key, depth=depth, in_plural=False)
        if "other" not in branches:
            raise self.error(
                f"select argument {name!r} needs an 'other' branch, used for every value "
                "no other branch names",
                start,
            )
        return Select(name, tuple(branches.items()))
