"""Building blocks of the model: the frozen base class and validated scalar types."""

import enum
import functools
import re
import zoneinfo
from collections.abc import Mapping
from datetime import timedelta
from typing import Annotated, Any, ClassVar, Final, NoReturn, Self, TypeVar, final

import babel
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
)

from crisiscomms._errors import FrozenInstanceError, ModelError
from crisiscomms.model._problems import model_error, shown, surrogate_problems
from crisiscomms.text._patterns import lazy_re

_K = TypeVar("_K")
_V = TypeVar("_V")
_T = TypeVar("_T")

__all__ = [
    "NO_CADENCE",
    "Audience",
    "Cadence",
    "CapCategory",
    "CapSeverity",
    "FactKind",
    "Frozen",
    "FrozenDict",
    "LocaleId",
    "Mode",
    "Model",
    "NonNegativeInt",
    "Phase",
    "PositiveDuration",
    "PositiveInt",
    "Slug",
    "SlugRef",
    "StakeholderKind",
    "TimeZoneName",
    "Verdict",
    "as_slug",
    "is_slug",
    "normalize_locale",
    "shown",
]


class Model(BaseModel):
    """The base of every model: frozen, no unknown fields, validated on assignment.

    Models are values: equal when their fields are equal, hashable, picklable,
    and never changed in place (`model_copy(update=...)` makes a new, validated one).
    Floats must be finite: JSON has no infinity, so an infinite value could not
    travel through `to_json` and back.
    """

    #: Whether strings may hold lone surrogates (text as strangers wrote it, a `Mention`).
    lone_surrogates_ok: ClassVar[bool] = False

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=False,
        validate_default=True,
        use_enum_values=False,
        ser_json_timedelta="iso8601",
        allow_inf_nan=False,
        defer_build=True,
    )

    # Bad values raise ModelError, a CrisisCommsError, with every problem in our words.
    def __init__(self, /, **data: Any) -> None:
        _refuse_surrogates(type(self), data)
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise model_error(type(self), exc) from None

    # Tell pydantic this __init__ only wraps its own (as pydantic's RootModel does), so
    # that nested models are still validated by pydantic's core, not through this method.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    # A frozen model refuses a change in the library's words, not pydantic's ValidationError.
    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise FrozenInstanceError.for_attribute(self, name)

    def __delattr__(self, name: str) -> NoReturn:
        raise FrozenInstanceError.for_attribute(self, name, deleting=True)

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate a mapping (or object) into this model; `ModelError` when it does not fit."""
        if isinstance(obj, Mapping):
            _refuse_surrogates(cls, obj)
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as exc:
            raise model_error(cls, exc) from None

    @classmethod
    def model_validate_json(cls, json_data: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate JSON text into this model; `ModelError` when it does not fit."""
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except ValidationError as exc:
            raise model_error(cls, exc) from None

    @classmethod
    def model_validate_strings(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate a mapping of strings into this model; `ModelError` when it does not fit."""
        if isinstance(obj, Mapping):
            _refuse_surrogates(cls, obj)
        try:
            return super().model_validate_strings(obj, *args, **kwargs)
        except ValidationError as exc:
            raise model_error(cls, exc) from None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with the fields in `update` changed, validated like a new model.

        Unlike pydantic's own `model_copy`, the changed fields are validated,
        and values cached from the old fields (a template's digest, a plan's
        indexes) are not carried over, so a copy never holds stale ones.

        >>> from crisiscomms import Role
        >>> Role(id="dpo", label="DPO").model_copy(update={"can_approve": True}).can_approve
        True
        """
        if not update:
            copied = super().model_copy(deep=deep)
            # Cached values (functools.cached_property) live in __dict__ beside the fields.
            for name in set(copied.__dict__) - set(type(self).model_fields):
                del copied.__dict__[name]
            return copied
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self).model_validate({**fields, **update})


def _refuse_surrogates(model: type[Model], data: Mapping[str, Any]) -> None:
    # JSON cannot carry a lone surrogate; a mapping can, and the model could not be written.
    if model.lone_surrogates_ok:
        return
    problems = surrogate_problems(data)
    if problems:
        raise ModelError(model.__name__, problems)


_SLUG = lazy_re(r"[a-z0-9][a-z0-9_-]*")
_SLUG_MAX = 64


def is_slug(value: object) -> bool:
    """Whether `value` is a well-formed id (see `Slug`).

    >>> is_slug("data-breach"), is_slug("Data Breach"), is_slug(3)
    (True, False, False)
    """
    return isinstance(value, str) and len(value) <= _SLUG_MAX and bool(_SLUG.fullmatch(value))


_SLUG_FORM = (
    "a slug (lowercase letters, digits, '-' and '_', starting with a letter"
    f" or digit, at most {_SLUG_MAX} characters, e.g. 'data-breach')"
)


def _check_slug(value: str) -> str:
    # The id of an element: renaming it means renaming what refers to it.
    if len(value) > _SLUG_MAX or _SLUG.fullmatch(value) is None:
        raise ValueError(
            f"expected {_SLUG_FORM}, got {shown(value)}; rename it, and every reference to it"
        )
    return value


def as_slug(value: str) -> str | None:
    """The slug a person most likely meant by `value`, or None when there is none.

    >>> as_slug("High"), as_slug("Data Breach"), as_slug("  Média_FR "), as_slug("!!")
    ('high', 'data-breach', 'média_fr', None)
    """
    candidate = _NOT_SLUG.sub("-", value.strip().lower()).strip("-_")[:_SLUG_MAX]
    return candidate if candidate else None


_NOT_SLUG = lazy_re(r"[^\w-]+|\s+")


def _check_slug_reference(value: str) -> str:
    # A reference to an element: the fix is the id as the plan spells it, not a rename.
    if len(value) > _SLUG_MAX or _SLUG.fullmatch(value) is None:
        meant = as_slug(value)
        hint = (
            f"use {meant!r}, or the id of the element as the plan spells it"
            if meant is not None and is_slug(meant)
            else "use the id of the element as the plan spells it"
        )
        raise ValueError(
            f"expected the id of an element, {_SLUG_FORM}, got {shown(value)}; {hint}"
        )
    return value


_SLUG_SCHEMA = WithJsonSchema(
    {
        "type": "string",
        "pattern": f"^{_SLUG.pattern}$",
        "maxLength": _SLUG_MAX,
        "description": "An id: lowercase letters, digits, '-' and '_' (e.g. 'data-breach').",
    }
)

#: A short identifier such as ``data-breach``: ``[a-z0-9][a-z0-9_-]*``.
Slug = Annotated[str, AfterValidator(_check_slug), _SLUG_SCHEMA]
#: A reference to an element by its id: a `Slug`, with the advice that fits a reference.
SlugRef = Annotated[str, AfterValidator(_check_slug_reference), _SLUG_SCHEMA]


@functools.lru_cache(maxsize=512)
def _parse_locale(value: str) -> str:
    written = value.replace("-", "_")
    try:
        parsed = str(babel.Locale.parse(written))
    except (ValueError, TypeError, babel.UnknownLocaleError):
        raise ValueError(
            f"expected a locale known to CLDR such as 'fr_FR' or 'en_GB', got {shown(value)};"
            " check the spelling: language in lowercase, region in uppercase"
        ) from None
    if parsed.casefold() != written.casefold():
        # babel reads some identifiers as others (en_UK as en_GB, und as en_US):
        # a plan must say the locale it means, not rely on the rewrite.
        raise ValueError(
            f"expected a locale known to CLDR as written, got {shown(value)}, which CLDR reads as"
            f" {parsed!r}; write {parsed!r} if that is the one meant"
        )
    return parsed


def normalize_locale(value: str) -> str:
    """The canonical form of a locale identifier (``fr-FR`` -> ``fr_FR``).

    >>> normalize_locale("en-GB")
    'en_GB'

    Raises:
        ValueError: when CLDR does not know the locale.
    """
    return _parse_locale(value)


#: A locale identifier known to CLDR, in babel's form (``fr_FR``); ``fr-FR`` is accepted.
LocaleId = Annotated[
    str,
    AfterValidator(normalize_locale),
    WithJsonSchema(
        {
            "type": "string",
            "description": "A locale known to CLDR, such as 'fr_FR' or 'en_GB'.",
            "examples": ["fr_FR", "en_GB"],
        }
    ),
]


@functools.lru_cache(maxsize=512)
def _check_time_zone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    # A folder of the tz database ('Europe') is an OSError (IsADirectoryError), not a key.
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"expected an IANA time zone name such as 'Europe/Paris' or 'UTC', got {shown(value)};"
            " see the tz database's zone names"
        ) from None
    return value


#: An IANA time zone name known to zoneinfo, such as ``Europe/Paris``.
TimeZoneName = Annotated[
    str,
    AfterValidator(_check_time_zone),
    WithJsonSchema(
        {
            "type": "string",
            "description": "An IANA time zone name, such as 'Europe/Paris' or 'UTC'.",
            "examples": ["Europe/Paris", "Europe/London", "UTC"],
        }
    ),
]


def _iso_duration(value: timedelta) -> str:
    """A duration as ISO 8601 (``PT1H30M``, ``-P1D``), the way plans write them."""
    sign = "-" if value < timedelta(0) else ""
    rest = abs(value)
    hours, seconds = divmod(rest.seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    second_text = f"{seconds}.{rest.microseconds:06d}".rstrip("0").rstrip(".")
    time_part = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n) + (
        f"{second_text}S" if seconds or rest.microseconds else ""
    )
    day_part = f"{rest.days}D" if rest.days else ""
    if not day_part and not time_part:
        return "PT0S"
    return f"{sign}P{day_part}{'T' + time_part if time_part else ''}"


def _check_positive(value: timedelta) -> timedelta:
    if value <= timedelta(0):
        raise ValueError(
            f"expected a positive duration such as 'PT1H', got {_iso_duration(value)!r};"
            " give a duration greater than zero"
        )
    return value


# ASCII digits, at least one component; the schema's pattern is the same rule
# (its `$(?!\n)` ends the text in ECMA 262 and in Python alike).
_ISO_DURATION = re.compile(
    r"(?P<sign>-)?P(?=[0-9]|T[0-9])(?:(?P<weeks>[0-9]+)W)?(?:(?P<days>[0-9]+)D)?"
    r"(?:T(?=[0-9])(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?"
    r"(?:(?P<seconds>[0-9]+(?:[.,][0-9]+)?)S)?)?"
)
# Positive: no sign, and some digit other than zero.
_DURATION_PATTERN = (
    r"^P(?=.*[1-9])(?=[0-9]|T[0-9])(?:[0-9]+W)?(?:[0-9]+D)?"
    r"(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:[.,][0-9]+)?S)?)?$(?!\n)"
)
_DURATION_EXAMPLE = "an ISO 8601 duration such as 'PT30M', 'PT2H' or 'P3D'"


def parse_duration(value: object) -> timedelta:
    """A duration from a `timedelta` or ISO 8601 text (``PT1H30M``, ``P3D``, ``P1W``), strictly.

    A number is refused (30 what?), and so are years and months, which have
    no fixed length, and every other text form: the loader and the plan's
    JSON Schema accept the same durations.

    >>> parse_duration("PT1H30M")
    datetime.timedelta(seconds=5400)
    >>> parse_duration(30)
    Traceback (most recent call last):
    ...
    ValueError: expected an ISO 8601 duration such as 'PT30M', 'PT2H' or 'P3D', got 30 (...
    """
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"expected {_DURATION_EXAMPLE}, got {shown(value)}")
    if not isinstance(value, str):
        raise ValueError(
            f"expected {_DURATION_EXAMPLE}, got {shown(value)} (a number, whose unit nobody can"
            f" tell); write 'PT{value}S' for {value} seconds or 'PT{value}M' for {value} minutes"
        )
    match = _ISO_DURATION.fullmatch(value)
    if match is None:
        hint = "write it as P<days>DT<hours>H<minutes>M<seconds>S, e.g. 'P1DT2H'"
        date_part = value.partition("T")[0]
        if _ISO_DURATION.fullmatch(value.upper()):
            hint = f"ISO 8601 letters are uppercase: {value.upper()!r}"
        elif date_part.startswith(("P", "-P")) and ("Y" in date_part or "M" in date_part):
            hint = "years and months have no fixed length: count the days instead (P30D)"
        raise ValueError(f"expected {_DURATION_EXAMPLE}, got {shown(value)}; {hint}")
    parts = match.groupdict()
    try:
        duration = timedelta(
            weeks=int(parts["weeks"] or 0),
            days=int(parts["days"] or 0),
            hours=int(parts["hours"] or 0),
            minutes=int(parts["minutes"] or 0),
            seconds=float((parts["seconds"] or "0").replace(",", ".")),
        )
    except OverflowError:
        raise ValueError(
            f"expected {_DURATION_EXAMPLE}, got {shown(value)}, which is longer than any"
            " duration can be; give a shorter one"
        ) from None
    return -duration if parts["sign"] else duration


def _positive_duration(value: object) -> timedelta:
    return _check_positive(parse_duration(value))


#: A duration greater than zero (ISO 8601 such as ``PT1H`` or ``P3D`` in JSON,
#: a `timedelta` in Python; never a number).
PositiveDuration = Annotated[
    timedelta,
    PlainValidator(_positive_duration),
    PlainSerializer(_iso_duration, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "format": "duration",
            "pattern": _DURATION_PATTERN,
            "description": "An ISO 8601 duration greater than zero, such as 'PT30M' or 'P3D'.",
            "examples": ["PT30M", "PT2H", "P3D"],
        }
    ),
]


#: The word a stakeholder's `update_every` takes for "no cadence".
NO_CADENCE: Final = "none"


def _cadence(value: object) -> timedelta | str:
    if value == NO_CADENCE:
        return NO_CADENCE
    try:
        return _positive_duration(value)
    except ValueError as exc:
        raise ValueError(f"{exc}; or 'none' for no update cadence") from None


def _cadence_json(value: timedelta | str) -> str:
    return value if isinstance(value, str) else _iso_duration(value)


#: An update cadence: a `PositiveDuration`, or ``"none"`` (updates are not
#: due on a cadence: one message, under its obligation, is enough).
Cadence = Annotated[
    timedelta | str,
    PlainValidator(_cadence),
    PlainSerializer(_cadence_json, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "format": "duration",
                    "pattern": _DURATION_PATTERN,
                },
                {"const": NO_CADENCE},
            ],
            "description": "An ISO 8601 duration greater than zero such as 'PT4H', or 'none'"
            " for no update cadence.",
            "examples": ["PT4H", "none"],
        }
    ),
]


def _not_text(value: object) -> object:
    # JSON Schema's integer: 3 and 3.0, never "3" or true (pydantic would take both).
    if isinstance(value, str):
        hint = (
            "write the number without quotes"
            if value.strip().lstrip("+-").isdigit()
            else "write a whole number"
        )
        raise ValueError(f"expected a whole number, not text, got {shown(value)}; {hint}")
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}; write a whole number")
    if isinstance(value, int) and abs(value) > LARGEST_COUNT:
        raise ValueError(
            f"expected a whole number up to {LARGEST_COUNT:,}, got {shown(value)};"
            " no count of a plan is that large: check the value"
        )
    return value


#: The largest count a plan holds (approvals, a length, a number of days or mentions):
#: far above any real one, and below 2**53, so that every JSON reader keeps it exact.
LARGEST_COUNT = 10**15

#: A whole number above zero, never from text (``"1000"`` is refused).
PositiveInt = Annotated[int, Field(gt=0, le=LARGEST_COUNT), BeforeValidator(_not_text)]
#: A whole number zero or above, never from text.
NonNegativeInt = Annotated[int, Field(ge=0, le=LARGEST_COUNT), BeforeValidator(_not_text)]


@final
class Phase(enum.StrEnum):
    """The phase of a crisis a message belongs to.

    >>> [p.value for p in Phase]
    ['initial', 'update', 'resolved', 'post_crisis']
    """

    INITIAL = "initial"
    UPDATE = "update"
    RESOLVED = "resolved"
    POST_CRISIS = "post_crisis"


@final
class Mode(enum.StrEnum):
    """Whether a situation is real, a drill, or a technical test (CAP's status).

    >>> Mode("exercise")
    <Mode.EXERCISE: 'exercise'>
    """

    ACTUAL = "actual"
    EXERCISE = "exercise"
    TEST = "test"


@final
class StakeholderKind(enum.StrEnum):
    """The kind of audience a stakeholder is.

    >>> StakeholderKind("regulators").value
    'regulators'
    """

    CUSTOMERS = "customers"
    EMPLOYEES = "employees"
    INVESTORS = "investors"
    REGULATORS = "regulators"
    MEDIA = "media"
    PARTNERS = "partners"
    PUBLIC = "public"
    AUTHORITIES = "authorities"
    OTHER = "other"


@final
class Audience(enum.StrEnum):
    """Who can read what a channel carries.

    Public channels carry the statements that must state every required fact.

    >>> Audience("direct")
    <Audience.DIRECT: 'direct'>
    """

    PUBLIC = "public"
    INTERNAL = "internal"
    DIRECT = "direct"


@final
class CapSeverity(enum.StrEnum):
    """CAP 1.2 ``severity`` values, spelled exactly as the standard does.

    >>> CapSeverity("Severe")
    <CapSeverity.SEVERE: 'Severe'>
    """

    EXTREME = "Extreme"
    SEVERE = "Severe"
    MODERATE = "Moderate"
    MINOR = "Minor"
    UNKNOWN = "Unknown"


@final
class CapCategory(enum.StrEnum):
    """CAP 1.2 ``category`` values, spelled exactly as the standard does.

    >>> CapCategory("Infra")
    <CapCategory.INFRA: 'Infra'>
    """

    GEO = "Geo"
    MET = "Met"
    SAFETY = "Safety"
    SECURITY = "Security"
    RESCUE = "Rescue"
    FIRE = "Fire"
    HEALTH = "Health"
    ENV = "Env"
    TRANSPORT = "Transport"
    INFRA = "Infra"
    CBRNE = "CBRNE"
    OTHER = "Other"


@final
class FactKind(enum.StrEnum):
    """The kind of value a fact holds, which decides how it is read and compared.

    >>> FactKind("datetime")
    <FactKind.DATETIME: 'datetime'>
    """

    NUMBER = "number"
    DATETIME = "datetime"
    DATE = "date"
    TIME = "time"
    URL = "url"
    EMAIL = "email"
    PHONE = "phone"
    TEXT = "text"


@final
class Verdict(enum.StrEnum):
    """What the organisation holds a monitored claim to be.

    >>> Verdict("misleading")
    <Verdict.MISLEADING: 'misleading'>
    """

    FALSE = "false"
    MISLEADING = "misleading"
    TRUE = "true"
    UNVERIFIED = "unverified"


class FrozenDict(dict[_K, _V]):
    """A dict that cannot change and can be hashed, for mappings inside frozen models.

    >>> from crisiscomms import FrozenInstanceError  # shown as crisiscomms.FrozenInstanceError
    >>> d = FrozenDict({"fr": ("clients",)})
    >>> hash(d) == hash(FrozenDict({"fr": ("clients",)}))
    True
    >>> d["en"] = ("customers",)
    Traceback (most recent call last):
    ...
    crisiscomms.FrozenInstanceError: FrozenDict is immutable; build a new mapping instead
    """

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        # The contents are set here, once: dict's own __init__ would refill the
        # mapping in place (d.__init__({...})) and change a frozen model's hash.
        self = super().__new__(cls)
        dict.__init__(self, *args, **kwargs)
        return self

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Nothing: the mapping was filled by `__new__` and never changes."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def _immutable(self, *args: object, **kwargs: object) -> NoReturn:
        raise FrozenInstanceError.for_mapping(self)

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _immutable
    __ior__ = _immutable

    def __reduce__(self) -> tuple[object, ...]:
        return (FrozenDict, (dict(self),))

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"


def _freeze(value: dict[_K, _V]) -> FrozenDict[_K, _V]:
    return FrozenDict(value)


#: The frozen form of ``dict[K, V]`` inside a model.
Frozen = Annotated[_T, AfterValidator(_freeze)]
