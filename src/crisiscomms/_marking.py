"""Exercise marking: a drill message must never pass for a real one, nor a real one for a drill.

In ``exercise`` and ``test`` mode every draft carries the plan's marker in
its language (`mark`), and the checks (`check_marking`, called by
`check_message`, `check_consistency` and `draft_responses`) report:

- ``EXR001`` (error): a drill message without its marker;
- ``EXR002`` (error): a real message that carries a marker;
- ``EXR003`` (warning): a drill message whose marker is not where the plan
  puts it (start, or start and end);
- ``EXR004`` (warning): a drill message that overflows the channel only
  because of the marker.

Markers are matched as whole words, case-sensitively: ``EXERCISE`` marks a
message, "exercise caution" does not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from crisiscomms._errors import InputError
from crisiscomms._findings import Finding
from crisiscomms.model._base import Mode
from crisiscomms.model._marking import DEFAULT_EXERCISE_MARKERS, MarkerPlacement
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.text._measure import Measurement, measure

__all__ = [
    "check_marking",
    "drill_text",
    "exercise_flag",
    "is_marked",
    "mark",
    "marker_for",
]

_FALLBACK = "EXERCISE"
_TAGS = re.compile(r"<[^<>]*>")
_WORD = re.compile(r"\w")


def _language(locale: str) -> str:
    return locale.replace("-", "_").split("_", 1)[0].lower()


def marker_for(plan: Plan | None, locale: str, /) -> str:
    """The exercise marker of `locale`'s language in `plan`.

    The plan's own marker for the language, else the built-in default for
    it (`DEFAULT_EXERCISE_MARKERS`), else the marker of the plan's default
    language, else ``EXERCISE``.

    >>> from crisiscomms.samples import demo_plan
    >>> marker_for(demo_plan(), "fr_FR"), marker_for(demo_plan(), "de_AT")
    ('EXERCICE', 'ÜBUNG')
    >>> marker_for(demo_plan(), "ja_JP")
    'EXERCICE'
    """
    markers = plan.exercise_markers if plan is not None else {}
    language = _language(locale)
    found = markers.get(language) or DEFAULT_EXERCISE_MARKERS.get(language)
    if found:
        return found
    if plan is not None:
        default = _language(plan.default_locale)
        found = markers.get(default) or DEFAULT_EXERCISE_MARKERS.get(default)
    return found or _FALLBACK


def _placement(plan: Plan | None) -> MarkerPlacement:
    return plan.exercise_marker_placement if plan is not None else MarkerPlacement.START


def mark(text: str, locale: str, plan: Plan | None, /) -> str:
    """`text` with the exercise marker of its language where the plan puts it.

    ``MARKER: text`` at the start, and `` MARKER`` at the end too when the plan
    says ``start_and_end``. Markers hold no markup characters, so the marked
    text is valid on every channel.

    >>> from crisiscomms.samples import demo_plan
    >>> mark("Incident en cours.", "fr_FR", demo_plan())
    'EXERCICE: Incident en cours.'
    """
    marker = marker_for(plan, locale)
    marked = f"{marker}: {text}"
    if _placement(plan) is MarkerPlacement.START_AND_END:
        marked = f"{marked} {marker}"
    return marked


def exercise_flag(value: object, argument: str = "exercise") -> bool | None:
    """`exercise` as a flag: True for a drill, False for a real message, None for no check.

    A `Situation` or a `Mode` says it by its mode (``exercise`` and ``test`` are drills).
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Situation):
        value = value.mode
    if isinstance(value, Mode):
        return value is not Mode.ACTUAL
    raise InputError.for_type(
        argument, "True, False, None, a crisiscomms.Situation or a crisiscomms.Mode", value
    )


def drill_text(text: str, situation: Situation, /, *, locale: str, plan: Plan) -> str:
    """The text to send in `situation`: marked in a drill, unchanged in a real crisis."""
    return mark(text, locale, plan) if exercise_flag(situation) else text


@functools.lru_cache(maxsize=64)
def _pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so that "EXERCISE EXERCISE EXERCISE" wins over "EXERCISE".
    ordered = sorted(set(markers), key=lambda m: (-len(m), m))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(m) for m in ordered) + r")(?!\w)")


def _known_markers(plan: Plan | None) -> tuple[str, ...]:
    own = tuple(plan.exercise_markers.values()) if plan is not None else ()
    return (*own, *DEFAULT_EXERCISE_MARKERS.values(), _FALLBACK)


def _find(text: str, markers: Iterable[str]) -> list[tuple[int, int]]:
    return [m.span() for m in _pattern(tuple(markers)).finditer(text)]


def is_marked(text: str, /, *, plan: Plan | None = None) -> bool:
    """True when `text` carries any exercise marker (the plan's or a default one).

    >>> is_marked("EXERCICE: Incident en cours."), is_marked("Please exercise caution.")
    (True, False)
    """
    return bool(_find(text, _known_markers(plan))) if isinstance(text, str) else False


def _only_markup(text: str) -> bool:
    return _WORD.search(_TAGS.sub("", text)) is None


def check_marking(
    text: str,
    locale: str | None,
    /,
    *,
    exercise: object,
    plan: Plan | None = None,
    subject: str = "",
    measurement: Measurement | None = None,
    channel: object = None,
) -> list[Finding]:
    """The ``EXR`` findings of `text` as a drill message (`exercise` True) or a real one.

    A drill message needs the marker of its language (of any of the plan's
    languages when `locale` is None) at the start, and at the end too when
    the plan says ``start_and_end``; a real message must carry no marker at
    all. With the `measurement` of the text on `channel`, a drill message that
    overflows only because of its marker gets ``EXR004``. `exercise` None
    checks nothing.

    >>> from crisiscomms.samples import demo_plan
    >>> [f.code for f in check_marking("Incident en cours.", "fr_FR", exercise=True,
    ...                                plan=demo_plan())]
    ['EXR001']
    >>> [f.code for f in check_marking("EXERCICE: incident.", "fr", exercise=False)]
    ['EXR002']
    """
    flag = exercise_flag(exercise)
    if flag is None or not isinstance(text, str):
        return []
    if not flag:
        found = _find(text, _known_markers(plan))
        if not found:
            return []
        start, end = found[0]
        return [
            Finding.of(
                "EXR002",
                f"this real message carries the exercise marker {text[start:end]!r} at"
                f" {start}-{end}: readers would take a real crisis for a drill; remove the"
                " marker, or check that the situation's mode is right",
                subject=subject,
                span=(start, end),
            )
        ]
    if locale is None:
        wanted: tuple[str, ...] = _known_markers(plan)
        named = "an exercise marker"
    else:
        wanted = (marker_for(plan, locale),)
        named = f"the exercise marker {wanted[0]!r}"
    found = _find(text, wanted)
    if not found:
        return [
            Finding.of(
                "EXR001",
                f"this drill message does not carry {named}: readers could take it for a real"
                f" one; start it with {marker_for(plan, locale or '')!r}"
                " (draft_responses does it in exercise and test mode)",
                subject=subject,
            )
        ]
    findings: list[Finding] = []
    start, _ = found[0]
    if not _only_markup(text[:start]):
        findings.append(
            Finding.of(
                "EXR003",
                f"the exercise marker comes at {start}, not at the start: a reader who stops"
                " at the first words could take the drill for real; move it to the start",
                subject=subject,
                span=found[0],
            )
        )
    _, end = found[-1]
    if _placement(plan) is MarkerPlacement.START_AND_END and (
        len(found) < 2 or not _only_markup(text[end:])
    ):
        findings.append(
            Finding.of(
                "EXR003",
                "the plan puts the exercise marker at the start and the end, and this drill"
                " message does not end with it; add it at the end",
                subject=subject,
            )
        )
    if measurement is not None and measurement.over and channel is not None:
        findings.extend(_overflow(text, found, measurement, channel, subject))
    return findings


def _overflow(
    text: str,
    found: list[tuple[int, int]],
    measurement: Measurement,
    channel: object,
    subject: str,
) -> list[Finding]:
    unmarked = text
    for start, end in reversed(found):
        tail = unmarked[end:]
        unmarked = unmarked[:start] + (tail[2:] if tail.startswith(": ") else tail)
    unmarked = unmarked.strip()
    if not measure(unmarked, channel).fits:  # type: ignore[arg-type]
        return []
    return [
        Finding.of(
            "EXR004",
            f"the drill message overflows only because of its exercise marker ({measurement.over}"
            f" {measurement.unit} over with it, it fits without): shorten the text by"
            f" {measurement.over}; never drop the marker",
            subject=subject,
        )
    ]
