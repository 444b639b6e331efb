"""The elements of a plan: severities, stakeholders, channels, people, templates, rules."""

import functools
import re
import unicodedata
from datetime import timedelta
from typing import Annotated, Any, Final, Self, final

from pydantic import (
    AfterValidator,
    AwareDatetime,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    computed_field,
    model_validator,
)

from crisiscomms.model._base import (
    Audience,
    Cadence,
    CapCategory,
    CapSeverity,
    FactKind,
    Frozen,
    LocaleId,
    Model,
    NonNegativeInt,
    Phase,
    PositiveDuration,
    PositiveInt,
    Slug,
    SlugRef,
    StakeholderKind,
    TimeZoneName,
    Verdict,
    shown,
)
from crisiscomms.model._calendars import CalendarName
from crisiscomms.model._digest import scope_digest
from crisiscomms.text._instants import is_before
from crisiscomms.text._markup import Markup
from crisiscomms.text._messageformat import ParsedMessage, parse_message
from crisiscomms.text._patterns import lazy_re
from crisiscomms.text._platforms import Platform, channel_type

__all__ = [
    "Approval",
    "Channel",
    "CrisisType",
    "EscalationRule",
    "Exercise",
    "FactSpec",
    "KnownClaim",
    "MessageTemplate",
    "Obligation",
    "Person",
    "Role",
    "Severity",
    "Signature",
    "Stakeholder",
    "Training",
    "text_digest",
]

_FACT_NAME = lazy_re(r"[a-z][a-z0-9_]*")


def _check_fact_name(value: str) -> str:
    if len(value) > 64 or _FACT_NAME.fullmatch(value) is None:
        raise ValueError(
            "expected a fact name usable in templates (lowercase letters, digits and '_',"
            f" starting with a letter, e.g. 'affected_customers'), got {shown(value)};"
            " rename it, and the placeholders that use it"
        )
    return value


#: The name of a fact, as templates refer to it: ``{affected_customers}``.
FactName = Annotated[
    str,
    AfterValidator(_check_fact_name),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": f"^{_FACT_NAME.pattern}$",
            "maxLength": 64,
            "description": "A fact name as templates use it, e.g. 'affected_customers'.",
        }
    ),
]

_LANGUAGE = lazy_re(r"[a-z]{2,3}")
_LANGUAGE_KEYS: dict[str, Any] = {"propertyNames": {"pattern": f"^{_LANGUAGE.pattern}$"}}


def _check_language_keys(value: dict[str, Any]) -> dict[str, Any]:
    for key in value:
        if _LANGUAGE.fullmatch(key) is None:
            raise ValueError(
                f"expected language codes as keys ('fr', 'en', ...), got {shown(key)};"
                " cues and patterns are given per language, not per locale"
            )
    return value


def _check_non_empty_words(value: tuple[str, ...]) -> tuple[str, ...]:
    for word in value:
        if not word.strip():
            raise ValueError("expected words, got an empty or blank string; remove it")
    return value


Words = Annotated[tuple[str, ...], AfterValidator(_check_non_empty_words)]
NonEmptyText = Annotated[str, Field(min_length=1)]


def _check_template_text(value: str, info: ValidationInfo) -> str:
    # TemplateSyntaxError is a ValueError: the loader reports it with the template's path.
    parsed = parse_message(value)
    kept = info.context.get(ARGUMENTS) if isinstance(info.context, dict) else None
    if kept is not None:  # the loader checks them against the facts without parsing again
        kept[value] = parsed
    return value


#: The key of the validation context under which `load_plan` keeps each
#: template text's parse (a dict from text to `ParsedMessage`).
ARGUMENTS = "template_arguments"


#: ICU MessageFormat text that parses (see `crisiscomms.parse_message`).
TemplateText = Annotated[str, Field(min_length=1), AfterValidator(_check_template_text)]


def text_digest(text: str) -> str:
    r"""The SHA-256 hex digest of the NFC-normalised `text` alone.

    An approval carries `crisiscomms.template_digest`, which binds the text
    and where the template may be sent; this digest of the text alone is the
    older form, which an approval no longer accepts.

    >>> text_digest("Caf\u00e9") == text_digest("Cafe\u0301")
    True
    >>> text_digest("ok")[:12]
    '2689367b205c'
    """
    import hashlib  # noqa: PLC0415  # only when a digest is computed: a slow import

    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


_HEX = re.compile(r"[0-9a-f]*")


def _hex_of(size: int, what: str) -> Any:
    def check(value: str) -> str:
        if len(value) != 2 * size or _HEX.fullmatch(value) is None:
            raise ValueError(
                f"expected {what} ({2 * size} lowercase hex digits), got {shown(value)};"
                " copy it as crisiscomms.sign_approval or the key's owner gave it"
            )
        return value

    return AfterValidator(check)


_KEY_SCHEMA = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
#: An Ed25519 public key: its 32 raw bytes as lowercase hex.
PublicKey = Annotated[str, _hex_of(32, "an Ed25519 public key"), WithJsonSchema(_KEY_SCHEMA)]
_SIGNATURE_SCHEMA = {"type": "string", "pattern": "^[0-9a-f]{128}$"}
SignatureValue = Annotated[
    str, _hex_of(64, "an Ed25519 signature"), WithJsonSchema(_SIGNATURE_SCHEMA)
]


@final
class Severity(Model):
    """One level of the plan's severity scale (the plan lists them lowest first).

    >>> from datetime import timedelta
    >>> s = Severity(id="high", label="High", first_statement_within=timedelta(hours=1),
    ...              update_every=timedelta(hours=2), cap_severity="Severe")
    >>> s.approvals_required
    1
    """

    id: Slug
    label: NonEmptyText
    first_statement_within: PositiveDuration
    update_every: PositiveDuration
    approvals_required: PositiveInt = 1
    approver_roles: tuple[SlugRef, ...] = ()
    cap_severity: CapSeverity = CapSeverity.UNKNOWN


@final
@channel_type
class Channel(Model):
    """A place the organisation publishes on: a platform, its audience, its markup.

    `max_length` overrides the platform's default limit (a Mastodon instance
    with 1,000 characters, say); `timezone` is the zone its readers expect.

    >>> Channel(id="x-main", platform="x").platform
    <Platform.X: 'x'>
    """

    id: Slug
    label: str = ""
    platform: Platform
    audience: Audience = Audience.PUBLIC
    max_length: PositiveInt | None = None
    markup: Markup = Markup.PLAIN
    timezone: TimeZoneName | None = None


@final
class Stakeholder(Model):
    """An audience of the plan: who they are, where and in which languages they read.

    `channels` are in order of preference; `min_severity` is the level from
    which they must be told (none: always); `crisis_types` the crises that
    concern them (empty: every one; a data-protection authority is told of a
    breach, not of a water contamination); `update_every` their update
    cadence, instead of the severity's (``"none"``: no cadence, e.g. a
    regulator notified once under its obligation); `timezone` defaults to the
    plan's.

    >>> Stakeholder(id="media", label="Media", kind="media", channels=["press"],
    ...             locales=["fr_FR"]).internal
    False
    """

    id: Slug
    label: NonEmptyText
    kind: StakeholderKind
    channels: Annotated[tuple[SlugRef, ...], Field(min_length=1)]
    locales: Annotated[tuple[LocaleId, ...], Field(min_length=1)]
    timezone: TimeZoneName | None = None
    min_severity: SlugRef | None = None
    crisis_types: tuple[SlugRef, ...] = ()
    update_every: Cadence | None = None
    internal: bool = False


@final
class Role(Model):
    """A crisis role: what it is responsible for, whether it approves messages.

    A required role must be held by at least one person for the plan to be ready.

    >>> Role(id="spokesperson", label="Spokesperson", required=True).can_approve
    False
    """

    id: Slug
    label: NonEmptyText
    responsibilities: tuple[NonEmptyText, ...] = ()
    can_approve: bool = False
    required: bool = False


@final
class Person(Model):
    """A member of the crisis team and the roles they hold.

    `public_keys` are the Ed25519 public keys (32 raw bytes as 64 lowercase
    hex digits) whose signatures on an approval prove that this person gave it.

    >>> Person(id="amelie", name="Amélie Durand", roles=["director"]).roles
    ('director',)
    """

    id: Slug
    name: NonEmptyText
    roles: Annotated[tuple[SlugRef, ...], Field(min_length=1)]
    public_keys: tuple[PublicKey, ...] = ()


@final
class CrisisType(Model):
    """A risk of the register: a kind of crisis with its default severity.

    >>> CrisisType(id="outage", label="Service outage", default_severity="high",
    ...            cap_category="Infra").cap_category
    <CapCategory.INFRA: 'Infra'>
    """

    id: Slug
    label: NonEmptyText
    default_severity: SlugRef
    cap_category: CapCategory = CapCategory.OTHER


@final
class FactSpec(Model):
    """A fact of a crisis that messages state: its kind, the words that introduce it.

    `cues` are given by language (``{"fr": ["clients"], "en": ["customers"]}``)
    and tie a number in a message to this fact. A `required` fact must appear
    in every public message of the phases in `required_in`. `max_length` is
    the longest the rendered value can be, for worst-case length checks.

    >>> FactSpec(name="customers", kind="number", cues={"fr": ["clients"]}).cues["fr"]
    ('clients',)
    """

    name: FactName
    label: str = ""
    kind: FactKind
    cues: Annotated[Frozen[dict[str, Words]], AfterValidator(_check_language_keys)] = Field(
        default_factory=dict, json_schema_extra=_LANGUAGE_KEYS
    )
    required: bool = False
    required_in: tuple[Phase, ...] = (Phase.INITIAL, Phase.UPDATE, Phase.RESOLVED)
    max_length: PositiveInt | None = None


_DIGEST = lazy_re(r"[0-9a-f]{64}")


def _check_digest(value: str) -> str:
    if _DIGEST.fullmatch(value) is None:
        raise ValueError(
            f"expected a SHA-256 hex digest (64 lowercase hex digits), got {shown(value)};"
            " take it from the template's digest"
        )
    return value


_DIGEST_SCHEMA = {
    "type": "string",
    "pattern": f"^{_DIGEST.pattern}$",
    "description": "The SHA-256 hex digest of the template's canonical form (text and scope).",
}
Digest = Annotated[str, AfterValidator(_check_digest), WithJsonSchema(_DIGEST_SCHEMA)]


def _template_schema(schema: dict[str, Any]) -> None:
    # `to_json` writes the computed digest and `load_plan` reads it back (and checks
    # it): the schema editors validate against must allow it too.
    schema["properties"]["digest"] = {
        **_DIGEST_SCHEMA,
        "readOnly": True,
        "description": "Computed from the text; when present it must match the text.",
    }


@final
class Signature(Model):
    """One approver's Ed25519 signature of an approval (made by `crisiscomms.sign_approval`).

    `value` signs the approval's canonical form for `by` (its digest, the
    approver, `approved_at` and `expires_at`; see `crisiscomms.approval_payload`),
    as 64 raw bytes in lowercase hex.

    >>> Signature(by="amelie", value="00" * 64).by
    'amelie'
    """

    by: SlugRef
    value: SignatureValue


@final
class Approval(Model):
    """Who approved a template's text, when, until when, and which text exactly.

    The approval holds the digest of the template it approved
    (`crisiscomms.template_digest`: its text, key, locale, phase and scope):
    an edit of any of them after approval no longer matches, and the approval
    no longer counts. `signatures` (optional, see `crisiscomms.sign_approval`)
    prove who approved it.

    >>> from datetime import datetime, timezone
    >>> template = MessageTemplate(id="ok", key="ok", locale="en_GB", phase="initial", text="OK")
    >>> a = Approval(approved_by=["amelie"], approved_at=datetime(2026, 1, 5, tzinfo=timezone.utc),
    ...              digest=template.digest)
    >>> a.expires_at is None, a.signatures
    (True, ())
    """

    approved_by: Annotated[tuple[SlugRef, ...], Field(min_length=1)]
    approved_at: AwareDatetime
    expires_at: AwareDatetime | None = None
    digest: Digest
    signatures: tuple[Signature, ...] = ()

    @model_validator(mode="after")
    def _expiry_after_approval(self) -> Self:
        if self.expires_at is not None and not is_before(self.approved_at, self.expires_at):
            raise ValueError(
                f"expires_at ({self.expires_at.isoformat()}) must be after approved_at"
                f" ({self.approved_at.isoformat()}); fix one of the two dates"
            )
        return self


@final
class MessageTemplate(Model):
    """A pre-approved message: ICU MessageFormat text, its scope and its approval.

    `key` groups the translations of one message. An empty scope list means
    "any": a template with no `stakeholders` fits every stakeholder. `channels`
    holds channel ids or platform names. `digest` is computed from the text,
    key, locale, phase and scope (`crisiscomms.template_digest`).

    >>> t = MessageTemplate(id="outage-fr", key="outage", locale="fr_FR", phase="initial",
    ...                     text="Incident en cours : {service} est indisponible.")
    >>> len(t.digest), t.language
    (64, 'fr')
    """

    model_config = ConfigDict(json_schema_extra=_template_schema)

    id: Slug
    key: Slug
    locale: LocaleId
    phase: Phase
    text: TemplateText
    crisis_types: tuple[SlugRef, ...] = ()
    severities: tuple[SlugRef, ...] = ()
    stakeholders: tuple[SlugRef, ...] = ()
    channels: tuple[SlugRef, ...] = ()
    approval: Approval | None = None

    @model_validator(mode="wrap")
    @classmethod
    def _accept_matching_digest(cls, data: Any, handler: Any) -> Any:
        # `to_json` writes the computed digest; reading it back checks it.
        written = None
        if isinstance(data, dict) and "digest" in data:
            data = dict(data)
            written = data.pop("digest")
        template = handler(data)
        if written is not None and written != template.digest:
            raise ValueError(
                f"digest {shown(written)} does not match the template (its digest is"
                f" {template.digest!r}): the text, key, locale, phase or scope changed after"
                " the digest was written; remove 'digest' (it is computed) or restore them"
            )
        return template

    @computed_field  # type: ignore[prop-decorator]
    @functools.cached_property
    def digest(self) -> str:
        """SHA-256 of the text and scope in canonical form (see `crisiscomms.template_digest`)."""
        return scope_digest(
            text=self.text,
            key=self.key,
            locale=self.locale,
            phase=self.phase.value,
            crisis_types=self.crisis_types,
            severities=self.severities,
            stakeholders=self.stakeholders,
            channels=self.channels,
        )

    @model_validator(mode="after")
    def _keep_parsed(self) -> Self:
        # The text was parsed a moment ago by its field's check; keep that parse with
        # the template (a cache hit, not a second parse), so that selecting and
        # rendering never parse it again, however many templates the plan holds.
        self.__dict__["parsed"] = parse_message(self.text)
        return self

    @functools.cached_property
    def parsed(self) -> ParsedMessage:
        """The parsed text: its arguments and the formats each is used with.

        Parsed once, when the template is validated, and kept with it.

        >>> t = MessageTemplate(id="t", key="t", locale="en_GB", phase="update",
        ...                     text="{n, plural, one {# customer} other {# customers}}")
        >>> dict(t.parsed.arguments)
        {'n': frozenset({'plural'})}
        """
        return parse_message(self.text)

    @property
    def language(self) -> str:
        """The language part of the locale (``fr`` for ``fr_FR``)."""
        return self.locale.split("_", 1)[0]


@final
class Obligation(Model):
    """A legal or contractual deadline: notify someone within a time of detection.

    Exactly one of `within` (a duration), `within_business_days` (weekends and
    holidays skipped) or `within_months` (calendar months) is set. Business
    days follow the plan's `calendar` and `holidays`, or this obligation's own
    `calendar` (a contract governed by another jurisdiction's holidays).
    With `after`, the time counts from that other obligation's deadline rather
    than from detection (NIS2's final report, a month after the notification).

    >>> from datetime import timedelta
    >>> Obligation(id="gdpr-33", label="Notify the supervisory authority", stakeholder="cnil",
    ...            within=timedelta(hours=72), reference="GDPR Art. 33").within
    datetime.timedelta(days=3)
    """

    id: Slug
    label: NonEmptyText
    stakeholder: SlugRef
    crisis_types: tuple[SlugRef, ...] = ()
    min_severity: SlugRef | None = None
    within: PositiveDuration | None = None
    within_business_days: PositiveInt | None = None
    within_months: PositiveInt | None = None
    after: SlugRef | None = None
    reference: str = ""
    calendar: CalendarName | None = None

    @model_validator(mode="after")
    def _exactly_one_period(self) -> Self:
        given = [
            name
            for name in ("within", "within_business_days", "within_months")
            if getattr(self, name) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "expected exactly one of 'within', 'within_business_days' or 'within_months',"
                f" got {', '.join(repr(g) for g in given) or 'none'}; keep the one the law gives"
            )
        return self


def _check_pattern_sets(value: dict[str, Any]) -> dict[str, Any]:
    for language, sets in value.items():
        if not sets:
            raise ValueError(
                f"patterns[{language!r}]: expected at least one keyword set, got none;"
                " add one or remove the language"
            )
        for keywords in sets:
            if not keywords:
                raise ValueError(
                    f"patterns[{language!r}]: expected keyword sets with at least one word,"
                    " got an empty set; remove it"
                )
    return value


@final
class KnownClaim(Model):
    """An entry of the misinformation register: a claim seen online and its verdict.

    `patterns` are keyword sets by language: a mention repeats the claim when
    it contains every word of at least one set. `rebuttal_key` is the key of the
    templates that answer it.

    >>> KnownClaim(id="free-data", statement="Customer data is for sale", verdict="false",
    ...            patterns={"en": [["data", "sale"]]}).patterns["en"]
    (('data', 'sale'),)
    """

    id: Slug
    statement: NonEmptyText
    verdict: Verdict
    patterns: Annotated[
        Frozen[dict[str, tuple[Words, ...]]],
        AfterValidator(_check_language_keys),
        AfterValidator(_check_pattern_sets),
    ] = Field(default_factory=dict, json_schema_extra=_LANGUAGE_KEYS)
    rebuttal_key: SlugRef | None = None


#: The signals an escalation rule has conditions on, each as ``min_<signal>`` and ``max_<signal>``.
SIGNALS: Final = ("mentions", "growth", "negative_share", "reach", "claim_matches")


@final
class EscalationRule(Model):
    """When monitoring signals call for another severity.

    The rule fires when every condition that is set holds over the last
    `window` of mentions. Conditions of alarm: at least `min_mentions`, a
    growth of at least `min_growth` times the previous window, a share of
    negative mentions of at least `min_negative_share`, a total reach of at
    least `min_reach`, at least `min_claim_matches` mentions repeating a known
    false or misleading claim. Conditions of calm, for a rule that lowers the
    severity: at most `max_mentions` (0: an empty window), `max_growth`,
    `max_negative_share`, `max_reach`, `max_claim_matches`; a window with
    nothing to measure (no mentions, none scored) is calm. A rule never lowers
    the severity unless `allow_downgrade` is set.

    >>> from datetime import timedelta
    >>> EscalationRule(id="viral", to_severity="high", window=timedelta(hours=1),
    ...                min_mentions=500).min_growth is None
    True
    >>> EscalationRule(id="calm", to_severity="low", window=timedelta(hours=6),
    ...                max_mentions=0, allow_downgrade=True).max_mentions
    0
    """

    id: Slug
    to_severity: SlugRef
    window: PositiveDuration = timedelta(hours=1)
    crisis_types: tuple[SlugRef, ...] = ()
    min_mentions: PositiveInt | None = None
    min_growth: Annotated[float, Field(gt=0)] | None = None
    min_negative_share: Annotated[float, Field(ge=0, le=1)] | None = None
    min_reach: PositiveInt | None = None
    min_claim_matches: PositiveInt | None = None
    max_mentions: NonNegativeInt | None = None
    max_growth: Annotated[float, Field(ge=0)] | None = None
    max_negative_share: Annotated[float, Field(ge=0, le=1)] | None = None
    max_reach: NonNegativeInt | None = None
    max_claim_matches: NonNegativeInt | None = None
    allow_downgrade: bool = False

    @model_validator(mode="after")
    def _at_least_one_condition(self) -> Self:
        conditions = [f"{bound}_{signal}" for signal in SIGNALS for bound in ("min", "max")]
        if all(getattr(self, c) is None for c in conditions):
            raise ValueError(
                f"expected at least one condition ({', '.join(conditions)}), got none;"
                " a rule without conditions would always fire"
            )
        for signal in SIGNALS:
            low, high = getattr(self, f"min_{signal}"), getattr(self, f"max_{signal}")
            if low is not None and high is not None and low > high:
                raise ValueError(
                    f"expected min_{signal} at most max_{signal}, got {low} above {high}:"
                    " no window can hold both, so the rule would never fire; lower one or"
                    " raise the other"
                )
        return self


@final
class Exercise(Model):
    """A drill the team held: when, on which crisis type.

    >>> from datetime import datetime, timezone
    >>> Exercise(held_at=datetime(2026, 3, 2, 9, tzinfo=timezone.utc), label="Breach drill").label
    'Breach drill'
    """

    held_at: AwareDatetime
    label: NonEmptyText
    crisis_type: SlugRef | None = None
    participants: tuple[SlugRef, ...] = ()


@final
class Training(Model):
    """The exercise cadence of the plan and the record of past exercises.

    >>> from datetime import timedelta
    >>> Training(every=timedelta(days=180)).exercises
    ()
    """

    every: PositiveDuration | None = None
    exercises: tuple[Exercise, ...] = ()
