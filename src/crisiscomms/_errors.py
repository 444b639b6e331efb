"""The errors crisiscomms raises.

Every error has one root, `CrisisCommsError`, and also inherits the builtin
exception a caller would naturally catch, so ``except ValueError`` keeps
working in code that does not know this library::

    CrisisCommsError (Exception)
     ├── PlanError (ValueError)              load_plan: every problem, with its path
     ├── ModelError (ValueError)             a model built from invalid values: every problem
     ├── UnknownPlatformError (ValueError)   a platform name that is not known
     ├── UnsupportedLocaleError (ValueError) a locale outside the supported set
     ├── NaiveDatetimeError (ValueError)     a datetime without a time zone
     ├── TemplateSyntaxError (ValueError)    ICU MessageFormat that does not parse
     ├── RenderError (ValueError)            a template cannot be filled
     │    ├── MissingFactError (LookupError) facts the template needs are absent
     │    └── FactTypeError (TypeError)      a fact of the wrong type for its format
     ├── NoApprovedTemplate (LookupError)    no valid approved template for a target
     ├── CapError (ValueError)               a CAP alert that cannot be written or read
     ├── FrozenInstanceError (AttributeError, TypeError)  a frozen value changed in place
     └── InputError                          any other argument that does not fit
          ├── InputTypeError (TypeError)     an argument of the wrong type
          └── InputValueError (ValueError)   an argument of the right type, a wrong value

Messages say what was expected, what was received and what to do; the
offending values stay on the exception as attributes. Each message is worded
once, in a classmethod of its error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar, final

import attrs

__all__ = [
    "CapError",
    "CrisisCommsError",
    "FactTypeError",
    "FrozenInstanceError",
    "InputError",
    "InputTypeError",
    "InputValueError",
    "MissingFactError",
    "ModelError",
    "NaiveDatetimeError",
    "NoApprovedTemplate",
    "PlanError",
    "PlanProblem",
    "RenderError",
    "TemplateSyntaxError",
    "UnknownPlatformError",
    "UnsupportedLocaleError",
]


def _repr(value: object) -> str:
    """``repr(value)``, even for an int beyond 4,300 digits or a too deeply nested value."""
    try:
        return repr(value)
    except (ValueError, RecursionError):
        return f"<{type(value).__name__} too large to show>"


def _quoted_list(names: Iterable[str], *, limit: int = 10, ordered: bool = False) -> str:
    """Join names as ``'a', 'b', 'c'``, cut after `limit` with a count of the rest.

    Every "known: ..." list of an error message is worded here, so that a plan
    of 3,000 templates gives a short message, not all 3,000 ids.

    >>> _quoted_list(f"t{i}" for i in range(3000))[-40:]
    "'t1003', 't1004', 't1005' and 2,990 more"
    """
    items = list(dict.fromkeys(names)) if ordered else sorted(set(names))
    shown = ", ".join(repr(n) for n in items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit:,} more"
    return shown or "(none)"


def known_list(names: Iterable[str], *, ordered: bool = False) -> str:
    """The ``known: ...`` hint of an unknown id: the first ten, then a count.

    Sorted, unless `ordered` keeps an order that means something (a severity scale).
    """
    return "known: " + _quoted_list(names, ordered=ordered)


def _problem_list(heading: str, problems: Sequence[PlanProblem]) -> str:
    """``heading N problem(s):`` then one indented line per problem."""
    noun = "problem" if len(problems) == 1 else "problems"
    lines = [f"{heading} {len(problems)} {noun}:"]
    # A multi-line message (a template excerpt) stays under its problem.
    lines.extend("  " + str(problem).replace("\n", "\n    ") for problem in problems)
    return "\n".join(lines)


class CrisisCommsError(Exception):
    """The root of every error raised by crisiscomms.

    >>> import crisiscomms
    >>> issubclass(crisiscomms.PlanError, crisiscomms.CrisisCommsError)
    True
    """

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries (process pools); their constructors
        # take keyword-only values, so rebuild from the state instead.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(
    cls: type[CrisisCommsError], args: tuple[object, ...], state: dict[str, object]
) -> CrisisCommsError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


@final
@attrs.frozen
class PlanProblem:
    """One problem found in a plan: where it is and what is wrong.

    `path` uses the plan's own field names, like
    ``templates[3].stakeholders[0]``; an empty path means the document itself.

    >>> PlanProblem("severities", "the scale is empty; add at least one level")
    PlanProblem(path='severities', message='the scale is empty; add at least one level')
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(document)'}: {self.message}"


@final
class PlanError(CrisisCommsError, ValueError):
    """A plan that cannot be loaded, with **every** problem found at once.

    >>> err = PlanError((PlanProblem("name", "expected a string, got 3"),))
    >>> print(err)
    the plan has 1 problem:
      name: expected a string, got 3
    >>> err.problems[0].path
    'name'
    """

    problems: tuple[PlanProblem, ...]

    def __init__(self, problems: Sequence[PlanProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(_problem_list("the plan has", self.problems))


@final
class ModelError(CrisisCommsError, ValueError):
    """A model (a `Mention`, a `Situation`, a `Severity`, ...) built from invalid values.

    Like `PlanError`, it lists every problem at once, each with its path
    inside the model, in `problems`.

    >>> err = ModelError("Mention", [PlanProblem("at", "expected an aware datetime")])
    >>> print(err)
    invalid Mention: 1 problem:
      at: expected an aware datetime
    >>> err.model
    'Mention'
    """

    model: str
    problems: tuple[PlanProblem, ...]

    def __init__(self, model: str, problems: Sequence[PlanProblem]) -> None:
        self.model = model
        self.problems = tuple(problems)
        super().__init__(_problem_list(f"invalid {model}:", self.problems))


@final
class UnknownPlatformError(CrisisCommsError, ValueError):
    """A platform or channel name that crisiscomms does not know.

    >>> print(UnknownPlatformError.for_name("myspace", ["x", "sms"]))
    unknown platform 'myspace'; expected one of 'sms', 'x'
    """

    name: str
    known: tuple[str, ...]

    def __init__(self, message: str, *, name: str, known: Iterable[str]) -> None:
        super().__init__(message)
        self.name = name
        self.known = tuple(sorted(known))

    @classmethod
    def for_name(cls, name: object, known: Iterable[str]) -> UnknownPlatformError:
        """The error for `name`, listing the `known` names."""
        known = tuple(known)
        return cls(
            f"unknown platform {name!r}; expected one of {_quoted_list(known, limit=50)}",
            name=str(name),
            known=known,
        )


@final
class UnsupportedLocaleError(CrisisCommsError, ValueError):
    """A locale that is not valid, or outside the set a function supports.

    >>> print(UnsupportedLocaleError.for_locale("it_IT", ["en", "fr"]))
    unsupported locale 'it_IT'; supported: 'en', 'fr' (and their regional variants)
    """

    locale: str
    supported: tuple[str, ...]

    def __init__(self, message: str, *, locale: str, supported: Iterable[str]) -> None:
        super().__init__(message)
        self.locale = locale
        self.supported = tuple(sorted(supported))

    @classmethod
    def for_locale(cls, locale: object, supported: Iterable[str]) -> UnsupportedLocaleError:
        """The error for `locale`, naming the `supported` languages."""
        supported = tuple(supported)
        return cls(
            f"unsupported locale {locale!r}; supported: {_quoted_list(supported)}"
            " (and their regional variants)",
            locale=str(locale),
            supported=supported,
        )


@final
class NaiveDatetimeError(CrisisCommsError, ValueError):
    """A datetime without a time zone where an instant is needed.

    >>> from datetime import datetime
    >>> print(NaiveDatetimeError.for_value("now", datetime(2026, 11, 24, 9, 30)))
    now: expected an aware datetime (with tzinfo), got the naive 2026-11-24T09:30:00; \
attach a zone, e.g. value.replace(tzinfo=ZoneInfo('Europe/Paris'))
    """

    what: str

    def __init__(self, message: str, *, what: str) -> None:
        super().__init__(message)
        self.what = what

    @classmethod
    def for_value(cls, what: str, value: object) -> NaiveDatetimeError:
        """The error for the naive `value` given as `what`."""
        shown = value.isoformat() if hasattr(value, "isoformat") else _repr(value)
        return cls(
            f"{what}: expected an aware datetime (with tzinfo), got the naive {shown}; "
            "attach a zone, e.g. value.replace(tzinfo=ZoneInfo('Europe/Paris'))",
            what=what,
        )


@final
class TemplateSyntaxError(CrisisCommsError, ValueError):
    """ICU MessageFormat text that does not parse, with the position.

    >>> err = TemplateSyntaxError.at("Hello {name", 11, "expected '}' to close the argument")
    >>> print(err)
    expected '}' to close the argument at position 11:
      Hello {name
                 ^
    >>> err.position
    11
    """

    text: str
    position: int
    reason: str

    def __init__(self, message: str, *, text: str, position: int, reason: str) -> None:
        super().__init__(message)
        self.text = text
        self.position = position
        self.reason = reason

    @classmethod
    def at(cls, text: str, position: int, reason: str) -> TemplateSyntaxError:
        """The error for `reason` at `position` of `text`, with a caret excerpt."""
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        if line_end == -1:
            line_end = len(text)
        # Keep the excerpt readable for long templates: 60 characters either side.
        start = max(line_start, position - 60)
        end = min(line_end, position + 60)
        excerpt = text[start:end]
        caret = " " * (position - start) + "^"
        return cls(
            f"{reason} at position {position}:\n  {excerpt}\n  {caret}",
            text=text,
            position=position,
            reason=reason,
        )


class RenderError(CrisisCommsError, ValueError):
    """A template that cannot be filled with the facts given."""


@final
class MissingFactError(RenderError, LookupError):
    """Facts that a template needs and that were not given, all of them at once.

    >>> err = MissingFactError.for_names(["customers", "status_url"], template="breach-fr")
    >>> print(err)
    template 'breach-fr' needs facts that were not given: 'customers', 'status_url'; \
add them to the facts
    >>> err.names
    ('customers', 'status_url')
    """

    names: tuple[str, ...]
    template: str

    def __init__(self, message: str, *, names: Iterable[str], template: str) -> None:
        super().__init__(message)
        self.names = tuple(sorted(names))
        self.template = template

    def __str__(self) -> str:
        # LookupError would otherwise show the message in quotes, like KeyError.
        return str(self.args[0])

    @classmethod
    def for_names(cls, names: Iterable[str], *, template: str = "") -> MissingFactError:
        """The error for the missing fact `names` of `template`."""
        names = tuple(names)
        who = f"template {template!r}" if template else "the template"
        return cls(
            f"{who} needs facts that were not given: {_quoted_list(names, limit=50)}; "
            "add them to the facts",
            names=names,
            template=template,
        )


@final
class FactTypeError(RenderError, TypeError):
    """A fact whose type does not fit the format the template asks for.

    >>> print(FactTypeError.for_fact("customers", "number", "12 000"))
    fact 'customers' is formatted as number, which expects int, float or Decimal; \
got str '12 000'; pass the value itself, not formatted text
    """

    name: str
    expected: str
    value: object

    def __init__(self, message: str, *, name: str, expected: str, value: object) -> None:
        super().__init__(message)
        self.name = name
        self.expected = expected
        self.value = value

    _EXPECTED: ClassVar[dict[str, str]] = {
        "number": "int, float or Decimal",
        "plural": "int, float or Decimal",
        "selectordinal": "int",
        "date": "date or aware datetime",
        "time": "time or aware datetime",
        "select": "str",
        "string": "str, int, float, Decimal, date, time or aware datetime",
    }

    @classmethod
    def for_fact(cls, name: str, style: str, value: object) -> FactTypeError:
        """The error for fact `name` formatted as `style` with the wrong `value`."""
        expected = cls._EXPECTED.get(style, style)
        return cls(
            f"fact {name!r} is formatted as {style}, which expects {expected}; "
            f"got {type(value).__name__} {_repr(value)}; "
            "pass the value itself, not formatted text",
            name=name,
            expected=expected,
            value=value,
        )


@final
class NoApprovedTemplate(CrisisCommsError, LookupError):  # noqa: N818 (DESIGN.md's name)
    """No valid, approved template for a stakeholder, channel and locale.

    `candidates` holds the nearest templates and why each was refused, in the
    form the selection module gives them.
    """

    target: str
    candidates: tuple[object, ...]

    def __init__(self, message: str, *, target: str, candidates: Iterable[object] = ()) -> None:
        super().__init__(message)
        self.target = target
        self.candidates = tuple(candidates)

    def __str__(self) -> str:
        return str(self.args[0])


class InputError(CrisisCommsError):
    """An argument of a function of crisiscomms that does not fit.

    Never raised itself: a wrong type raises `InputTypeError` (also a
    ``TypeError``), a wrong value `InputValueError` (also a ``ValueError``);
    catch `InputError` for both.

    >>> err = InputError.for_type("mentions", "a sequence of Mention", 42)
    >>> print(err)
    mentions: expected a sequence of Mention, got int 42
    >>> isinstance(err, TypeError), err.argument
    (True, 'mentions')
    """

    argument: str
    value: object

    def __init__(self, message: str, *, argument: str, value: object) -> None:
        super().__init__(message)
        self.argument = argument
        self.value = value

    @staticmethod
    def _message(argument: str, expected: str, value: object, hint: str) -> str:
        shown = _repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        message = f"{argument}: expected {expected}, got {type(value).__name__} {shown}"
        if hint:
            message += f"; {hint}"
        return message

    @classmethod
    def for_type(
        cls, argument: str, expected: str, value: object, *, hint: str = ""
    ) -> InputTypeError:
        """The error for `argument`, which should be `expected` and is of another type."""
        message = cls._message(argument, expected, value, hint)
        return InputTypeError(message, argument=argument, value=value)

    @classmethod
    def for_value(
        cls, argument: str, expected: str, value: object, *, hint: str = ""
    ) -> InputValueError:
        """The error for `argument`, of the right type but not an `expected` value."""
        message = cls._message(argument, expected, value, hint)
        return InputValueError(message, argument=argument, value=value)

    @classmethod
    def for_argument(
        cls, argument: str, expected: str, value: object, *, hint: str = ""
    ) -> InputError:
        """`for_type` when `value` is not even a str or number, else `for_value`.

        >>> isinstance(InputError.for_argument("channel", "a channel id", "nope"), ValueError)
        True
        """
        if value is None or isinstance(value, str | int | float | bytes):
            return cls.for_value(argument, expected, value, hint=hint)
        return cls.for_type(argument, expected, value, hint=hint)


@final
class InputTypeError(InputError, TypeError):
    """An argument of the wrong type: also a ``TypeError``.

    >>> print(InputError.for_type("now", "an aware datetime", "09:00"))
    now: expected an aware datetime, got str '09:00'
    """


@final
class InputValueError(InputError, ValueError):
    """An argument of the right type with a value that does not fit: also a ``ValueError``.

    >>> print(InputError.for_value("window", "a positive duration", "-PT1H"))
    window: expected a positive duration, got str '-PT1H'
    """


@final
class FrozenInstanceError(CrisisCommsError, AttributeError, TypeError):
    """A frozen value (a model of the plan, a `FrozenDict`) changed in place.

    Plans, situations and every other model are values: a change is a new,
    validated copy (``model_copy(update=...)``). Also an ``AttributeError``
    (like a frozen dataclass's or attrs class's) and a ``TypeError`` (like
    an item assigned to a tuple).

    >>> from crisiscomms import Role
    >>> role = Role(id="dpo", label="DPO")
    >>> role.label = "Data protection officer"
    Traceback (most recent call last):
    ...
    crisiscomms.FrozenInstanceError: Role is frozen: cannot set 'label'; make a changed copy: role.model_copy(update={'label': ...})
    >>> isinstance(FrozenInstanceError.for_attribute(role, "label"), AttributeError)
    True
    """  # noqa: E501

    what: str
    attribute: str

    def __init__(self, message: str, *, what: str, attribute: str) -> None:
        super().__init__(message)
        self.what = what
        self.attribute = attribute

    def __str__(self) -> str:
        return str(self.args[0])

    @classmethod
    def for_attribute(
        cls, value: object, attribute: str, *, deleting: bool = False
    ) -> FrozenInstanceError:
        """The error for setting (or deleting) `attribute` of the frozen `value`."""
        what = type(value).__name__
        verb = "delete" if deleting else "set"
        variable = what[:1].lower() + what[1:]
        return cls(
            f"{what} is frozen: cannot {verb} {attribute!r}; make a changed copy:"
            f" {variable}.model_copy(update={{{attribute!r}: ...}})",
            what=what,
            attribute=attribute,
        )

    @classmethod
    def for_mapping(cls, value: object) -> FrozenInstanceError:
        """The error for changing the items of the frozen mapping `value`."""
        what = type(value).__name__
        return cls(f"{what} is immutable; build a new mapping instead", what=what, attribute="")


@final
class CapError(CrisisCommsError, ValueError):
    """A CAP 1.2 alert that cannot be written or read, naming the element at fault.

    `field` is the path of the element in CAP's own names, like
    ``info[1].expires``; ``(document)`` for the XML as a whole.

    >>> err = CapError.for_field("sender", "no spaces or commas", "Lumea, Paris")
    >>> print(err)
    sender: expected no spaces or commas, got 'Lumea, Paris'
    >>> err.field
    'sender'
    """

    field: str

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field

    @classmethod
    def for_field(cls, field: str, expected: str, value: object, *, hint: str = "") -> CapError:
        """The error for the CAP element `field`, which should be `expected` and is `value`."""
        shown = _repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        # Most values come from XML text: their type says nothing; show it for the others.
        got = shown if isinstance(value, str) else f"{type(value).__name__} {shown}"
        message = f"{field}: expected {expected}, got {'nothing' if value is None else got}"
        if hint:
            message += f"; {hint}"
        return cls(message, field=field)
