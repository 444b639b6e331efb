"""Tying extracted values to facts: by the cue next to them, else by their kind.

A value is tied to the fact whose cue (``FactSpec.cues`` in the message's
language) stands next to it: within 40 characters, in the same sentence, with
no other value of its family in between ("12 000 clients", "Prochain point :
12:00"). A link, e-mail address or phone number without a cue is tied to the
only fact of its kind (a link only when it is that fact's link or a
look-alike of it). A number or a time without a cue is tied to a fact that
holds exactly its value. Values of no fact are grouped by the word next to
them ("clients"), links by their site (`Groups`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from crisiscomms._consistency._comparison import Comparison, fact_url
from crisiscomms._consistency._inputs import Spec
from crisiscomms._consistency._reading import Read
from crisiscomms.model._base import FactKind
from crisiscomms.model._facts import FactValue
from crisiscomms.text._domains import looks_like, same_owner
from crisiscomms.text._extraction import ExtractedValue, ValueKind
from crisiscomms.text._lookalike import host
from crisiscomms.text._sites import Sites
from crisiscomms.text._words import (
    SENTENCE_END,
    first_word,
    is_word_char,
    last_word,
    lower_in_place,
)

__all__ = ["COMPATIBLE", "FAMILY", "Groups", "Tying", "names_a_text"]

#: The fact kinds each kind of extracted value may state.
COMPATIBLE: dict[ValueKind, frozenset[FactKind]] = {
    ValueKind.NUMBER: frozenset({FactKind.NUMBER}),
    ValueKind.PERCENT: frozenset({FactKind.NUMBER}),
    ValueKind.RANGE: frozenset({FactKind.NUMBER}),
    ValueKind.DATE: frozenset({FactKind.DATETIME, FactKind.DATE}),
    ValueKind.TIME: frozenset({FactKind.DATETIME, FactKind.TIME}),
    ValueKind.DATETIME: frozenset({FactKind.DATETIME, FactKind.DATE, FactKind.TIME}),
    ValueKind.URL: frozenset({FactKind.URL}),
    ValueKind.EMAIL: frozenset({FactKind.EMAIL}),
    ValueKind.PHONE: frozenset({FactKind.PHONE}),
}

#: How far (in characters) a cue may stand from its value.
_CUE_REACH = 40
#: Words after which a number names a text or an item, not a quantity.
_REFERENCE_WORDS = frozenset(
    {"article", "articles", "art", "artículo", "artikel", "section", "chapitre", "chapter",
     "kapitel", "capítulo", "paragraphe", "paragraph", "absatz", "alinéa", "n", "no", "nr",
     "núm", "numéro", "number", "nummer", "número", "version", "v",
     # Laws and rules by their number: "Real Decreto 3/2023", "Ley 7/2022", "RD 3/2023".
     "decreto", "rd", "ley", "orgánica", "reglamento", "directiva", "orden", "apartado",
     "décret", "loi", "arrêté", "gesetz", "verordnung", "richtlinie", "act", "regulation",
     "directive", "rule"}
)  # fmt: skip
#: "3/2023", "2016/679": the number of a law or a regulation, by its year.
_NUMBERED_TEXT = re.compile(r"/\d{2,4}(?!\d)")


def _family(kind: ValueKind) -> str:
    if kind.is_number:
        return "number"
    if kind.is_temporal:
        return "time"
    return kind.value


#: The family of each kind of value: a cue with another value of its family in between
#: is that value's.
FAMILY = {kind: _family(kind) for kind in ValueKind}
_CONTACT_KINDS = frozenset({ValueKind.URL, ValueKind.EMAIL, ValueKind.PHONE})


#: Up to this many cues in a message, each value looks at all of them.
_FEW = 8


class _Near:
    """The cues of one message and where its values start, for finding what is near.

    A message can hold thousands of values and cues: each value looks only at
    the cues within reach of it, and finds another value between it and a
    cue by bisection, so that tying stays linear in the message.
    """

    def __init__(
        self, cues: list[tuple[Spec, tuple[int, int]]], candidates: list[ExtractedValue]
    ) -> None:
        self.cues = cues
        # A few cues (the usual case) are all looked at: sorting them costs more.
        order = sorted(range(len(cues)), key=lambda i: cues[i][1][0]) if len(cues) > _FEW else []
        self.by_start = order
        self.cue_starts = [cues[i][1][0] for i in order]
        self.longest = max(end - start for _, (start, end) in cues)
        self.starts: dict[str, list[int]] = {}
        for value in candidates:
            self.starts.setdefault(FAMILY[value.kind], []).append(value.span[0])
        for starts in self.starts.values():
            starts.sort()

    def cues_around(self, value: ExtractedValue) -> list[tuple[Spec, tuple[int, int]]]:
        """The cues that may be within reach of `value`, in the order they were found."""
        if len(self.cues) <= _FEW:
            return self.cues
        low = value.span[0] - _CUE_REACH - 1 - self.longest
        high = value.span[1] + _CUE_REACH + 1
        first = bisect.bisect_left(self.cue_starts, low)
        last = bisect.bisect_right(self.cue_starts, high)
        return [self.cues[i] for i in sorted(self.by_start[first:last])]

    def other_between(self, family: str, value: ExtractedValue, low: int, high: int) -> bool:
        """True when a value of `family` other than `value` starts in ``[low, high)``."""
        starts = self.starts[family]
        count = bisect.bisect_left(starts, high) - bisect.bisect_left(starts, low)
        return count - (low <= value.span[0] < high) > 0


class Tying:
    """The ties of one run: the facts' cues, gathered once per language."""

    def __init__(
        self, specs: list[Spec], facts: dict[str, FactValue], comparison: Comparison
    ) -> None:
        self.specs = specs
        self.facts = facts
        self.comparison = comparison
        self.cues_by_language: dict[str, list[tuple[str, list[Spec]]]] = {}
        self.specs_by_kind = {
            kind: [spec for spec in specs if spec.kind in kinds]
            for kind, kinds in COMPATIBLE.items()
        }

    def _cues_of(self, language: str) -> list[tuple[str, list[Spec]]]:
        """The cues of `language` in lower case, each with its facts (gathered once)."""
        if language not in self.cues_by_language:
            by_cue: dict[str, list[Spec]] = {}
            for spec in self.specs:
                for cue in spec.cues.get(language, ()):
                    # Composed and decomposed accents: posts are typed both ways.
                    for form in {unicodedata.normalize(f, cue.lower()) for f in ("NFC", "NFD")}:
                        by_cue.setdefault(form, []).append(spec)
            self.cues_by_language[language] = list(by_cue.items())
        return self.cues_by_language[language]

    def tie(self, read: Read) -> None:
        """Tie each value of `read` that may state a fact (in ``read.ties``)."""
        text = read.message.text
        candidates = [v for v in read.values if v.kind in COMPATIBLE]
        if not candidates:
            return
        cues: list[tuple[Spec, tuple[int, int]]] = []
        words = self._cues_of(read.language)
        if words:
            folded = lower_in_place(text)
            length = len(folded)
            for word, specs in words:
                start = folded.find(word)
                while start != -1:
                    end = start + len(word)
                    if not (start and is_word_char(folded[start - 1])) and not (
                        end < length and is_word_char(folded[end])
                    ):
                        span = (start, end)
                        cues.extend([(spec, span) for spec in specs])
                    start = folded.find(word, start + 1)
        near = _Near(cues, candidates) if cues else None
        for position, value in enumerate(read.values):
            if value.kind not in COMPATIBLE:
                continue
            name = (self._by_cue(read, value, near) if near else None) or (
                self._by_kind(read, value)
            )
            if name is not None:
                read.ties[position] = name

    def _by_cue(self, read: Read, value: ExtractedValue, near: _Near) -> str | None:
        text = read.message.text
        family = FAMILY[value.kind]
        compatible = COMPATIBLE[value.kind]
        nearest: list[Spec] = []
        shortest = _CUE_REACH + 1
        first, last = value.span
        # Most cues of a message stand far from a value: the distance is looked at first.
        for spec, (start, end) in near.cues_around(value):
            # The characters between the value and the cue, if the cue is before or after it.
            if end <= first:
                low, high = end, first
            elif start >= last:
                low, high = last, start
            else:
                continue
            if high - low > shortest or spec.kind not in compatible:
                continue
            if not SENTENCE_END.isdisjoint(text[low:high].rstrip(" :")):
                continue
            if near.other_between(family, value, low, high):
                continue  # a cue with another value of the family in between is theirs
            if high - low < shortest:
                shortest, nearest = high - low, []
            nearest.append(spec)
        if len(nearest) <= 1:
            return nearest[0].name if nearest else None
        # Cues at the same distance ("depuis" for two facts): the fact the value states,
        # else a fact the sheet holds, else the first in the plan.
        agrees = self.comparison.agrees
        return min(
            nearest,
            key=lambda spec: (
                0 if agrees(read, value, spec) else 1 if spec.name in self.facts else 2
            ),
        ).name

    def _by_kind(self, read: Read, value: ExtractedValue) -> str | None:
        specs = self.specs_by_kind[value.kind]
        agrees = self.comparison.agrees
        if value.kind in _CONTACT_KINDS:
            if len(specs) != 1:
                return next((s.name for s in specs if agrees(read, value, s)), None)
            spec = specs[0]
            held = self.facts.get(spec.name)
            if value.kind is ValueKind.URL and isinstance(held, str):
                # That page, or a look-alike of it; another page of the site is not it.
                url, fact = str(value.value), fact_url(held)
                # Whether a link looks like another depends on its host only: asking
                # by host answers every page of a site from memory.
                return spec.name if url == fact or looks_like(host(url), fact) else None
            return spec.name
        return next((s.name for s in specs if agrees(read, value, s)), None)

    def is_own_page(self, value: ExtractedValue) -> bool:
        """True for a link under the registrable domain of a link of the facts."""
        if value.kind is not ValueKind.URL:
            return False
        return any(
            isinstance(held, str) and same_owner(str(value.value), fact_url(held))
            for spec in self.specs_by_kind[ValueKind.URL]
            if (held := self.facts.get(spec.name)) is not None
        )


def names_a_text(text: str, value: ExtractedValue) -> bool:
    """True for a number right after "article", "§", "n°"...: a reference, not a quantity."""
    if value.kind is not ValueKind.NUMBER:
        return False
    before = text[max(0, value.span[0] - 16) : value.span[0]]
    return (
        last_word(before) in _REFERENCE_WORDS
        or before.rstrip().endswith("§")
        or _NUMBERED_TEXT.match(text, value.span[1]) is not None
    )


class Groups:
    """The groups of the values no fact claims, among the messages of one run."""

    def __init__(self) -> None:
        self.links = Sites()

    def of(self, read: Read, value: ExtractedValue) -> str | None:
        """The word next to a value that no fact claims: its group among the messages."""
        if value.kind is ValueKind.URL:
            # Links on one site, or on look-alikes of it, are one group.
            url = str(value.value)
            name = self.links.first_same(url)
            if name is None:
                name = f"link {host(url)}"
                self.links.keep(url, name)
            return name
        if value.kind in {ValueKind.EMAIL, ValueKind.PHONE}:
            return value.kind.value
        text = read.message.text
        after = first_word(text[value.span[1] : value.span[1] + 30])
        before = last_word(text[max(0, value.span[0] - 30) : value.span[0]])
        word = (after or before) if value.kind.is_number else (before or after)
        if word is None:
            return None
        return f"“{word}”"
