"""Hypothesis strategies shared by the test modules, one clearly named block each."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from crisiscomms import Phase, Plan, Situation, load_plan
from crisiscomms.model._elements import MessageTemplate
from crisiscomms.samples import demo_plan

# --- ICU MessageFormat templates and their facts (test_messageformat, test_render) ---

#: Literal template text: anything but ICU syntax characters, plus the quoted forms
#: (a quoted brace is kept apart from letters: the parser refuses a literal "{name}").
_PLAIN_TEXT = st.text(
    alphabet=st.characters(exclude_characters="{}'#", exclude_categories=["Cs"]), max_size=12
)
_LITERAL = st.one_of(
    _PLAIN_TEXT,
    st.sampled_from(["''", "'{'-", "-'}'", "l'heure", " '{}' ", "it''s"]),
)

#: Fact values by argument kind.
_ZONES = st.sampled_from([UTC, ZoneInfo("Europe/Paris"), ZoneInfo("America/New_York")])
AWARE_DATETIMES = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30), timezones=_ZONES
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=3),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
)
#: Text facts never contain braces, so a brace in the output comes from the template.
TEXT_FACTS = st.text(
    alphabet=st.characters(exclude_characters="{}", exclude_categories=["Cs"]), max_size=20
)


@st.composite
def messageformat_templates(
    draw: st.DrawFn, *, max_depth: int = 2
) -> tuple[str, dict[str, object]]:
    """A valid template text and facts for every argument it names.

    Each argument gets a fresh name (``arg_0``, ``arg_1`` ...) and a value of
    the type its format needs.
    """
    facts: dict[str, object] = {}

    def fresh() -> str:
        return f"arg_{len(facts)}"

    def message(depth: int, in_plural: bool) -> str:
        pieces: list[str] = []
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            choice = draw(st.integers(min_value=0, max_value=8 if depth < max_depth else 5))
            if choice <= 1:
                pieces.append(draw(_LITERAL))
            elif choice == 2:
                name = fresh()
                facts[name] = draw(st.one_of(TEXT_FACTS, NUMBERS, AWARE_DATETIMES))
                pieces.append(f"{{{name}}}")
            elif choice == 3:
                name = fresh()
                facts[name] = draw(NUMBERS)
                style = draw(st.sampled_from(["", ", integer", ", percent"]))
                pieces.append(f"{{ {name} , number{style} }}")
            elif choice == 4:
                name = fresh()
                facts[name] = draw(AWARE_DATETIMES)
                kind = draw(st.sampled_from(["date", "time"]))
                style = draw(st.sampled_from(["short", "medium", "long", "full"]))
                pieces.append(f"{{{name}, {kind}, {style}}}")
            elif choice == 5 and in_plural:
                pieces.append("#")
            elif choice in {6, 7}:
                name = fresh()
                ordinal = choice == 7
                facts[name] = draw(
                    st.integers(min_value=0, max_value=10**6) if ordinal else NUMBERS
                )
                keys = draw(
                    st.lists(
                        st.sampled_from(["=0", "=1", "=2", "zero", "one", "two", "few", "many"]),
                        unique=True,
                        max_size=4,
                    )
                )
                branches = "".join(
                    f" {key} {{{message(depth + 1, True)}}}" for key in [*keys, "other"]
                )
                kind = "selectordinal" if ordinal else "plural"
                pieces.append(f"{{{name}, {kind},{branches}}}")
            elif choice == 8:
                name = fresh()
                facts[name] = draw(st.sampled_from(["a", "b", "other", "zzz"]))
                keys = draw(st.lists(st.sampled_from(["a", "b", "c"]), unique=True, max_size=3))
                branches = "".join(
                    f" {key} {{{message(depth + 1, False)}}}" for key in [*keys, "other"]
                )
                pieces.append(f"{{{name}, select,{branches}}}")
        return "".join(pieces)

    text = message(0, False)
    return text, facts


# --- end of the ICU MessageFormat block ---


# --- deadlines and monitoring (test_timeline, test_monitoring) ---

#: Zones with DST changes, a zone without, a half-hour one, and fixed offsets.
TIMELINE_ZONES = st.sampled_from(
    [
        UTC,
        ZoneInfo("Europe/Paris"),
        ZoneInfo("Europe/London"),
        ZoneInfo("America/New_York"),
        ZoneInfo("Australia/Lord_Howe"),
        ZoneInfo("Asia/Kolkata"),
        timezone(timedelta(hours=-12)),
        timezone(timedelta(hours=14)),
    ]
)

#: Any aware datetime, from year 1 to 9999, in any of `TIMELINE_ZONES`.
INSTANTS = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=TIMELINE_ZONES
)

#: Aware datetimes around the demo crisis (November 2026), where most cases live.
NEAR_INSTANTS = st.datetimes(
    min_value=datetime(2026, 10, 20), max_value=datetime(2027, 1, 10), timezones=TIMELINE_ZONES
)

SLUGS = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)

#: Texts a monitoring tool may hand over, from clean French and English to anything.
MENTION_TEXTS = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(
            [
                "Lumea",
                "LUMEA",
                "vend",
                "revend",
                "données",
                "DONNEES",
                "sell",
                "selling",
                "data",
                "iban",
                "coordonnées",
                "bancaires",
                "bank",
                "details",
                "!!",
                "#Lumea",
                "\u202e",
                "\u200b",
                "\ud800",
                "é",
                "e\u0301",
            ]
        ),
        max_size=12,
    ).map(" ".join),
)

# --- end of the deadlines and monitoring block ---
# --- platforms: any text a post could hold, including the hostile (test_measure, ...) ---

#: Any string at all: lone surrogates, controls, unassigned code points.
any_post_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400)

#: Text built from the pieces that stress the counters: bidi controls, joiners,
#: emoji parts, GSM extension characters, URLs, placeholders, mentions, CR LF.
_PIECES = [
    "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\ufffe", "\ud800", "\udfff",
    "👨‍👩‍👧‍👦", "🇫🇷", "🏳️‍🌈", "1\u20e3", "\ufe0f", "\U0001f3fd", "e\u0301", "नमस्ते", "故人",
    "{", "€", "’", "ç", "\r\n", "\t", " ", ".", "@ops", "@a@b.example", "#panne",
    "https://status.example.com/x", "example.com", "xn--80ak6aa92e.com", "pаypal.com",
    "{name}", "{{ fact }}", "%(x)s", "http://", "t.co/abc", "a" * 50,
]  # fmt: skip
hostile_text = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)

#: Either kind.
post_text = st.one_of(any_post_text, hostile_text)

# --- end of the platforms block ---


# --- plan documents (test_load_plan, test_model) ---

#: Any Unicode text, lone surrogates included (hypothesis leaves them out by default).
any_text = st.text(st.characters(exclude_categories=()), max_size=30)

#: Strings a plan is made of: ids, locales, zones, durations, dates, and any text.
plan_like_text = st.one_of(
    any_text,
    st.sampled_from(
        [
            "",
            "low",
            "high",
            "Data Breach",
            "fr_FR",
            "fr-FR",
            "en_GB",
            "xx_YY",
            "Europe/Paris",
            "Europe",
            "Mars/Olympus",
            "../etc",
            "PT1H",
            "P3D",
            "PT0S",
            "-PT1H",
            "2026-11-24T08:40:00+01:00",
            "2026-11-24T08:40:00",
            "2026-02-30",
            "x",
            "sms",
            "email",
            "initial",
            "Severe",
            "0" * 64,
            "\ud800",
            "\u202e",
        ]
    ),
)

_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    plan_like_text,
)

#: JSON-like data: nested dicts and lists of scalars (floats may be NaN or infinite).
json_like = st.recursive(
    _json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(plan_like_text, children, max_size=4),
    ),
    max_leaves=20,
)


def _paths(value: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `value` (dict keys and list indexes)."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


@st.composite
def mutated_documents(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """`document` (a JSON-shaped plan) with a few fields dropped or replaced at random.

    A deep copy is changed; `document` itself is left alone.
    """
    mutated: dict[str, Any] = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(mutated)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(mutated, path)
        action = draw(st.sampled_from(["drop", "replace", "add"]))
        if action == "drop":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(json_like)
        elif isinstance(parent, dict):
            parent[draw(plan_like_text)] = draw(json_like)
        else:
            parent.append(draw(json_like))
    return mutated


# --- Plans with generated templates and approvals (test_approvals, test_selection) ---

#: Locales of the generated templates: the demo's two, a same-language pair, a stranger.
TEMPLATE_LOCALES = ("fr_FR", "fr_BE", "en_GB", "de_DE")
#: The instants around the demo crisis at which approvals are judged.
INSTANTS = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC)
)


def plan_document(templates: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    """The demo plan as a document, with `templates` in place of its own and `changes`."""
    document = demo_plan().model_dump(mode="json")
    for template in document["templates"]:
        template.pop("digest", None)
    document["templates"] = templates
    # The claims' rebuttals name the demo's template keys, which are gone.
    for claim in document["claims"]:
        claim["rebuttal_key"] = None
    document.update(changes)
    return document


def digest_of(document: dict[str, Any], text: str | None = None) -> str:
    """The digest an approval of the template `document` carries (with `text` if given)."""
    fields = {k: v for k, v in document.items() if k not in ("approval", "digest")}
    if text is not None:
        fields["text"] = text
    return MessageTemplate.model_validate(fields).digest


def approval(
    digest: str,
    *,
    by: tuple[str, ...] = ("amelie-durand", "sophie-martin"),
    at: datetime = datetime(2026, 9, 14, 10, tzinfo=UTC),
    expires: datetime | None = datetime(2027, 9, 30, tzinfo=UTC),
) -> dict[str, Any]:
    """An approval document of `digest` (see `digest_of`)."""
    return {
        "approved_by": list(by),
        "approved_at": at.isoformat(),
        "expires_at": None if expires is None else expires.isoformat(),
        "digest": digest,
    }


def template(
    id: str,
    *,
    locale: str = "fr_FR",
    phase: str = "initial",
    text: str | None = None,
    approved: bool = True,
    **scope_and_approval: Any,
) -> dict[str, Any]:
    """A template document; approved by the demo's two leads unless told otherwise."""
    body = text or f"Message {id}: {{status_url}}"
    approval_changes = {
        k: scope_and_approval.pop(k)
        for k in ("by", "at", "expires", "approved_text")
        if k in scope_and_approval
    }
    document: dict[str, Any] = {
        "id": id,
        "key": scope_and_approval.pop("key", id),
        "locale": locale,
        "phase": phase,
        "text": body,
        **scope_and_approval,
    }
    if approved:
        approved_text = approval_changes.pop("approved_text", None)
        document["approval"] = approval(digest_of(document, approved_text), **approval_changes)
    return document


_PEOPLE = ("amelie-durand", "karim-benali", "sophie-martin", "thomas-leroy", "julien-moreau")
_CHANNEL_SCOPES = ("x-fr", "sms", "email", "linkedin", "instagram", "x", "email", "slack")


@st.composite
def approvals(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any] | None:
    """No approval, or one by known and unknown people, maybe tampered, maybe expiring.

    A tampered approval was given to the template before its text, locale,
    phase, key or scope was changed.
    """
    if draw(st.integers(0, 4)) == 0:
        return None
    by = draw(st.lists(st.sampled_from((*_PEOPLE, "ghost")), min_size=1, max_size=3).map(tuple))
    at = draw(INSTANTS)
    expires = draw(st.none() | st.timedeltas(timedelta(hours=1), timedelta(days=800)))
    approved = dict(document)
    if draw(st.integers(0, 4)) == 0:
        field = draw(st.sampled_from(["text", "locale", "phase", "key", "stakeholders"]))
        approved[field] = {
            "text": document["text"] + " (earlier)",
            "locale": "fr_BE" if document["locale"] != "fr_BE" else "fr_FR",
            "phase": "update" if document["phase"] != "update" else "initial",
            "key": document["key"] + "-earlier",
            "stakeholders": [*document["stakeholders"], "press"]
            if "press" not in document["stakeholders"]
            else [],
        }[field]
    return approval(
        digest_of(approved),
        by=by,
        at=at,
        expires=None if expires is None else at + expires,
    )


def _subset(values: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), max_size=2, unique=True)


@st.composite
def generated_templates(draw: st.DrawFn, index: int) -> dict[str, Any]:
    """One template of a generated plan: any phase, locale, scope and approval."""
    plan = demo_plan()
    text = f"Message {index}: {{status_url}}"
    document: dict[str, Any] = {
        "id": f"t{index}",
        "key": f"k{draw(st.integers(0, 3))}",
        # The first template keeps the plan valid: one in the default locale.
        "locale": "fr_FR" if index == 0 else draw(st.sampled_from(TEMPLATE_LOCALES)),
        "phase": draw(st.sampled_from([p.value for p in Phase])),
        "text": text,
        "crisis_types": draw(_subset(tuple(c.id for c in plan.crisis_types))),
        "severities": draw(_subset(tuple(s.id for s in plan.severities))),
        "stakeholders": draw(_subset(tuple(s.id for s in plan.stakeholders))),
        "channels": draw(_subset(_CHANNEL_SCOPES)),
    }
    found = draw(approvals(document))
    if found is not None:
        document["approval"] = found
    return document


@st.composite
def generated_plans(draw: st.DrawFn, *, max_templates: int = 25) -> Plan:
    """The demo plan's people, stakeholders and channels with generated templates."""
    count = draw(st.integers(1, max_templates))
    templates = [draw(generated_templates(i)) for i in range(count)]
    return load_plan(plan_document(templates))


@st.composite
def situations(draw: st.DrawFn, plan: Plan) -> Situation:
    """A situation of `plan`: any crisis type, severity and phase."""
    return Situation(
        crisis_type=draw(st.sampled_from([c.id for c in plan.crisis_types])),
        severity=draw(st.sampled_from([s.id for s in plan.severities])),
        phase=draw(st.sampled_from(list(Phase))),
        detected_at=datetime(2026, 11, 24, 7, 40, tzinfo=UTC),
    )


# --- end of the plans-with-templates block ---


# -- extraction and consistency (branch `consistency`) ----------------------------------

#: Every supported language with regional variants whose CLDR data differ.
EXTRACTION_LOCALES = (
    "en", "en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_IN",
    "fr", "fr_FR", "fr_CA", "fr_CH", "fr_BE",
    "de", "de_DE", "de_AT", "de_CH",
    "es", "es_ES", "es_MX", "es_US", "es_AR",
)  # fmt: skip

#: Zones with and without daylight saving time, on both sides of UTC.
EXTRACTION_ZONES = (
    "UTC", "Europe/Paris", "Europe/London", "Europe/Berlin", "Europe/Madrid",
    "America/New_York", "America/Los_Angeles", "America/Mexico_City", "America/Toronto",
    "Asia/Tokyo",
)  # fmt: skip


def extraction_instants() -> st.SearchStrategy[datetime]:
    """Aware instants, to the second, over the years messages are written in."""
    return st.datetimes(
        min_value=datetime(2001, 1, 1), max_value=datetime(2098, 12, 31), timezones=st.just(UTC)
    ).map(lambda moment: moment.replace(microsecond=0))


#: Pieces of messages that stress extraction: numbers and dates in every shape, zones,
#: links, contacts, status words, and hostile code points.
_EXTRACTION_PIECES = [
    "12", "000", " ", "\u202f", "\u00a0", ",", ".", ":", "-", "−", "%", "h", " h ", "à",
    "le 24 novembre", "24/11/2026", "2026-11-24T", "10:30", "10 h 30", "2.30pm", "PM", "UTC",
    "CET", "+01:00", "heure de Paris", "(", ")", "+33", "0033", "(0)", "https://", "www.",
    "lumea.fr", "@", "#", "résolu", "not ", "investigating", "Uhr", "de ", "entre ", " et ",
    "\ud800", "\u202e", "\u200b", "e\u0301", "👨‍👩‍👧", "\r\n", "9" * 30, "-3000", "+99",
    "UTC+", "GMT-", "İ", "ß", "article ", "§", "novembre, ", "a.m.", "T10:30",
]  # fmt: skip
extraction_text = st.one_of(
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300),
    st.lists(st.sampled_from(_EXTRACTION_PIECES), max_size=40).map("".join),
)

# -- end of the extraction and consistency block ----------------------------------------


# --- Adversarial text shapes (test_adversarial, benchmarks/bench_adversarial) ---

_FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"

#: Text shapes that make naive text code backtrack or rescan, by name: each
#: builds a text of about `n` characters. Every text function must stay linear.
ADVERSARIAL_SHAPES: dict[str, Callable[[int], str]] = {
    "one letter": lambda n: "a" * n,
    "at signs": lambda n: "@" * n,
    "remote mention without a domain": lambda n: "@" + "a" * n,
    "mentions back to back": lambda n: "@a" * (n // 2),
    "dots": lambda n: "." * n,
    "dotted letters": lambda n: "a." * (n // 2),
    "digits": lambda n: "1" * n,
    "dotted digits": lambda n: "1." * (n // 2),
    "links": lambda n: "https://status.example.com/a " * (n // 29),
    "bare domains": lambda n: "example.com " * (n // 12),
    "one long link label": lambda n: "https://" + "é" * n + ".com",
    "family emoji": lambda n: _FAMILY * (n // len(_FAMILY)),
    "emoji and zero-width spaces": lambda n: (_FAMILY + "\u200b") * (n // 8),
    "alternating scripts": lambda n: "aа" * (n // 2),
    "e-mail local parts": lambda n: "a@" * (n // 2),
}


# --- Hostile values: the ends of the datetime range, huge integers, deep nesting,
# --- lone surrogates (test_overflow, test_errors_wording) ---

#: Zones with the largest offsets either way, DST zones, UTC and fixed offsets.
BOUND_ZONES = st.sampled_from(
    [
        UTC,
        ZoneInfo("Pacific/Kiritimati"),  # +14:00
        ZoneInfo("Etc/GMT+12"),  # -12:00
        ZoneInfo("Asia/Tokyo"),
        ZoneInfo("America/New_York"),
        ZoneInfo("Europe/Paris"),
        timezone(timedelta(hours=23, minutes=59)),
        timezone(-timedelta(hours=23, minutes=59)),
    ]
)


def bound_datetimes() -> st.SearchStrategy[datetime]:
    """Aware datetimes within three days of year 1 or year 9999, in far zones."""
    early = st.datetimes(
        min_value=datetime(1, 1, 1), max_value=datetime(1, 1, 4), timezones=BOUND_ZONES
    )
    late = st.datetimes(
        min_value=datetime(9999, 12, 28), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999),
        timezones=BOUND_ZONES,
    )  # fmt: skip
    return st.one_of(early, late)


#: Durations from nothing to more than the whole datetime range, either sign.
BOUND_DURATIONS = st.one_of(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
    st.sampled_from([timedelta(days=3_652_059), timedelta.max, timedelta.resolution]),
    st.timedeltas(min_value=-timedelta(days=3), max_value=timedelta(0)),
)


def iso_near_bounds() -> st.SearchStrategy[str]:
    """Datetimes near the range's ends written as messages write them (ISO, with offset)."""
    return st.builds(
        lambda moment, offset: moment.replace(tzinfo=None).isoformat(timespec="minutes") + offset,
        bound_datetimes(),
        st.sampled_from(["Z", "+14:00", "-12:00", "+05:00", "-05:00", "+23:59", ""]),
    )


#: Integers far beyond any count: around 2**63, and past the 4,300 digits of int().
HUGE_INTEGERS = st.one_of(
    st.integers(min_value=2**53, max_value=2**70),
    st.integers(min_value=10**4299, max_value=10**4301),
    st.just(-(10**4400)),
)


def nested(depth: int, leaf: object = None, *, as_list: bool = True) -> object:
    """`leaf` inside `depth` lists (or objects), built without recursion."""
    value: object = leaf
    for _ in range(depth):
        value = [value] if as_list else {"x": value}
    return value


#: Texts with lone surrogates among ordinary letters.
SURROGATE_TEXT = (
    st.lists(
        st.one_of(
            st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
            st.text(alphabet="abcé ", min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(lambda text: any("\ud800" <= c <= "\udfff" for c in text))
)
