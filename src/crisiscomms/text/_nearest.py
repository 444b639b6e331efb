"""The nearest name: what a user most likely meant by a name that does not exist."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["nearest"]


def nearest(name: str, known: Iterable[str], /) -> str | None:
    """The known name closest to `name`, or None when none is close.

    A known name that contains `name` whole (``households`` in
    ``affected_households``) or that it contains wins first, the shortest
    such (both at least three characters long); otherwise the closest by
    `difflib`'s ratio, ignoring case, when at least 0.6 alike.

    >>> nearest("households", ["affected_households", "status_url"])
    'affected_households'
    >>> nearest("stauts_url", ["affected_households", "status_url"])
    'status_url'
    >>> nearest("zzz", ["status_url"]) is None
    True
    """
    names = list(dict.fromkeys(known))
    if not name or not names:
        return None
    folded = name.casefold()
    # Containment only counts for names long enough to mean something.
    inside = [
        k
        for k in names
        if min(len(k), len(name)) >= 3 and (folded in k.casefold() or k.casefold() in folded)
    ]
    if inside:
        return min(inside, key=lambda k: (abs(len(k) - len(name)), k))
    import difflib  # noqa: PLC0415 (only for a misspelt name; not on every start-up)

    by_fold = {k.casefold(): k for k in names}
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None
