"""Sites: the first of a growing list of links that is on the same site as a link.

`same_site` (in `crisiscomms.text._lookalike`) compares two links; a set of
messages with *n* distinct links compared one by one with every link kept so
far takes *n²* comparisons (800 links took seconds). `Sites` answers the same
question, "which kept link is the first on the same site as this one?", by
looking only at the kept links that can be: those whose skeleton (what the
host looks like) is the same, holds the new one or is held by it (found by
the five-letter runs they share), or is at most two edits away (found by the
pigeonhole rule: with at most two edits, three of five pieces of the kept
skeleton are intact in the new one, each at most two characters from its
place). Each candidate is tested first with a cheap form of the same rule
(containment, and an edit distance that stops past two edits).
Each candidate is then confirmed with `same_site` itself, in the order the
links were kept, so the answer is exactly that of the one-by-one loop.

This module knows nothing of facts or plans.
"""

from __future__ import annotations

import functools
import itertools
from typing import final

from crisiscomms.text._lookalike import host, same_site, skeleton

__all__ = ["Sites", "within_edits"]

#: The length of the runs shared by a skeleton and one that holds it: the shortest
#: skeleton `same_site` finds inside another.
_RUN = 5
#: The edits `same_site` allows between two skeletons.
_EDITS = 2
#: The pieces a kept skeleton is cut into; with two edits, three stay intact.
_PIECES = 5
_INTACT = _PIECES - _EDITS


@functools.lru_cache(maxsize=512)
def _pieces(length: int) -> tuple[tuple[int, int], ...]:
    """Where the pieces of a skeleton of `length` characters start and end."""
    cuts = [length * i // _PIECES for i in range(_PIECES + 1)]
    return tuple(itertools.pairwise(cuts))


def within_edits(a: str, b: str, edits: int, /) -> bool:
    """True when `a` and `b` are at most `edits` edits apart (Levenshtein), in linear time.

    Only the diagonals at most `edits` from the middle are computed: the
    answer of `distance(a, b) <= edits` for the cost of a few passes.

    >>> within_edits("lumea", "1umaea", 2), within_edits("lumea", "example", 2)
    (True, False)
    """
    if abs(len(a) - len(b)) > edits:
        return False
    over = edits + 1
    previous = [j if j <= edits else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        low, high = max(1, i - edits), min(len(b), i + edits)
        current = [over] * (len(b) + 1)
        current[0] = i if i <= edits else over
        best = current[0]
        for j in range(low, high + 1):
            cost = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != b[j - 1]), over
            )
            current[j] = cost
            best = min(best, cost)
        if best > edits:
            return False
        previous = current
    return previous[-1] <= edits


@final
class Sites:
    """Links kept in order, each with a name; `first_same` finds the first on a link's site.

    >>> sites = Sites()
    >>> sites.keep("https://status.lumea.fr/a", "lumea")
    >>> sites.first_same("https://status.1umea.fr/b"), sites.first_same("https://example.org")
    ('lumea', None)
    """

    def __init__(self) -> None:
        self._links: list[tuple[str, str, str]] = []
        #: The answer for a skeleton already asked about: the same, whatever the path.
        self._known: dict[str, str | None] = {}
        #: (length, piece, text of the piece) -> the kept links with that piece.
        self._by_piece: dict[tuple[int, int, str], dict[int, None]] = {}
        #: A run of five characters -> the kept links whose skeleton holds it.
        self._by_run: dict[str, list[int]] = {}
        #: A run of five characters -> the kept links whose skeleton starts with it.
        self._by_start: dict[str, list[int]] = {}

    def first_same(self, url: str, /) -> str | None:
        """The name of the first kept link on the same site as `url`, or None."""
        shape = skeleton(host(url))
        if shape in self._known:
            return self._known[shape]
        for index in sorted(self._candidates(shape)):
            kept, name, other = self._links[index]
            shorter, longer = sorted((shape, other), key=len)
            near = (len(shorter) >= _RUN and shorter in longer) or within_edits(
                shape, other, _EDITS
            )
            # The cheap test above is `same_site`'s rule; `same_site` has the last word.
            if near and same_site(url, kept):
                self._known[shape] = name
                return name
        return None

    def keep(self, url: str, name: str, /) -> None:
        """Keep `url` under `name`, after the links kept before it.

        Keep only a link for which `first_same` found no site: the answers
        remembered per skeleton rely on it.
        """
        shape = skeleton(host(url))
        index = len(self._links)
        self._links.append((url, name, shape))
        self._known.setdefault(shape, name)
        length = len(shape)
        for piece, (start, end) in enumerate(_pieces(length)):
            self._by_piece.setdefault((length, piece, shape[start:end]), {})[index] = None
        if length >= _RUN:
            for run in dict.fromkeys(shape[i : i + _RUN] for i in range(length - _RUN + 1)):
                self._by_run.setdefault(run, []).append(index)
            self._by_start.setdefault(shape[:_RUN], []).append(index)

    def _candidates(self, shape: str) -> set[int]:
        """The kept links that may be on the same site: a superset of those that are."""
        found: set[int] = set()
        size = len(shape)
        for length in range(max(0, size - _EDITS), size + _EDITS + 1):
            # A kept skeleton of `length` characters on the same site has three of its
            # five pieces intact here, so it is among the links of any three pieces:
            # the three rarest pieces (a common ending such as "com" is skipped).
            by_piece = []
            for piece, (start, end) in enumerate(_pieces(length)):
                lists = [
                    found_here
                    for shift in range(-_EDITS, _EDITS + 1)
                    if start + shift >= 0
                    and end + shift <= size
                    and (
                        found_here := self._by_piece.get(
                            (length, piece, shape[start + shift : end + shift])
                        )
                    )
                ]
                by_piece.append((sum(map(len, lists)), lists))
            seeds: set[int] = set()
            for _, lists in sorted(by_piece, key=lambda item: item[0])[: _PIECES - _INTACT + 1]:
                for indices in lists:
                    seeds.update(indices)
            found.update(
                index
                for index in seeds
                if sum(any(index in indices for indices in lists) for _, lists in by_piece)
                >= _INTACT
            )
        if size >= _RUN:
            runs = {shape[i : i + _RUN] for i in range(size - _RUN + 1)}
            # Kept skeletons that hold this one hold each of its runs: the rarest will do.
            rarest: list[int] = min((self._by_run.get(run, []) for run in runs), key=len)
            found.update(rarest)
            # Kept skeletons that this one holds start with one of its runs.
            for run in runs:
                found.update(self._by_start.get(run, ()))
        return found
