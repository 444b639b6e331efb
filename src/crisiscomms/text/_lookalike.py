"""Look-alike domains: hosts that a reader takes for the same site.

A host's *skeleton* is what it looks like: lower case, without ``www.``,
punycode decoded, and each character that Unicode's confusables data (UTS #39,
``confusables.txt``, as the ``confusable-homoglyphs`` package ships it) says
looks like a Latin letter replaced by that letter (Cyrillic ``а`` by ``a``,
Greek ``ο`` by ``o``, ``0`` by ``o``, ``rn`` by ``m``), with dots, hyphens
and underscores dropped. A label is a *whole-script look-alike* when it is
written in one other script, every letter of which passes for a Latin one
(``аррӏе``, all Cyrillic): no mix of scripts gives it away. Two links are on
the *same site* when one skeleton of at least five characters holds the other
(``lumea.fr.example.com`` and ``lumea-fr.com``) or when their skeletons are
at most two edits apart (Levenshtein distance).

This module knows nothing of facts or plans.
"""

from __future__ import annotations

import contextlib
import functools
import unicodedata

from crisiscomms.text._urls import url_host

__all__ = ["distance", "host", "same_site", "skeleton", "whole_script_lookalike"]

_SEPARATORS = str.maketrans("", "", "-_.")


@functools.cache
def _latin_lookalikes() -> tuple[dict[int, str], tuple[tuple[str, str], ...]]:
    """Unicode's confusables as a translation to Latin letters, loaded on first use.

    Each character (not itself a Latin letter) that the data says is confusable
    with one lower-case Latin letter maps to it; each run of Latin letters that
    passes for one letter (``rn`` for ``m``) is listed with it. About 0.3 s,
    once: the data is 9,000 entries of JSON.
    """
    from confusable_homoglyphs.confusables import (  # noqa: PLC0415 - lazy on purpose
        confusables_data,
    )

    single: dict[int, str] = {}
    runs: list[tuple[str, str]] = []
    for char, homoglyphs in confusables_data.items():
        if len(char) != 1:
            continue
        if char in _LATIN:
            runs.extend(
                (glyph["c"], char)
                for glyph in homoglyphs
                if len(glyph["c"]) > 1 and all(c in _LATIN for c in glyph["c"])
            )
            continue
        for glyph in homoglyphs:
            latin = glyph["c"].casefold()
            if len(latin) == 1 and latin in _LATIN:
                single[ord(char)] = latin
                break
    return single, tuple(runs)


_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")


def skeleton(host: str, /) -> str:
    """What `host` looks like, for comparing it with another host.

    >>> skeleton("www.Lumea-FR.com"), skeleton("1umea.fr")
    ('lumeafrcom', 'lumeafr')
    """
    host = host.casefold().removeprefix("www.")
    with contextlib.suppress(UnicodeError):
        host = host.encode("ascii").decode("idna") if "xn--" in host else host
    single, runs = _latin_lookalikes()
    for run, letter in runs:
        host = host.replace(run, letter)
    return host.translate(single).translate(_SEPARATORS)


def whole_script_lookalike(label: str, /) -> str | None:
    """The Latin name `label` passes for, when it is all in one other script; else None.

    A label of Latin letters, or one with a letter that imitates no Latin
    letter (most real words of Cyrillic, Greek, Arabic ...), is no look-alike.

    >>> whole_script_lookalike("аррӏе"), whole_script_lookalike("рау")
    ('appie', 'pay')
    >>> whole_script_lookalike("apple"), whole_script_lookalike("москва")
    (None, None)
    """
    if label.isascii():
        return None
    single, _ = _latin_lookalikes()
    scripts = set()
    for char in label:
        if char.isalpha():
            name = unicodedata.name(char, "")
            scripts.add(name.split(" ", 1)[0])
            if ord(char) not in single:
                return None
        elif not (char.isdigit() or char == "-"):
            return None
    if len(scripts) != 1 or "LATIN" in scripts:
        return None
    return label.casefold().translate(single)


def host(url: str, /) -> str:
    """The host a browser opens for `url` (`crisiscomms.text._urls.url_host`).

    A link with no host (``mailto:``) gives what stands between ``://`` and
    the first ``/``, as written.

    >>> host("https://status.lumea.fr/incident/2411"), host("lumea.fr")
    ('status.lumea.fr', 'lumea.fr')
    >>> host("https://status.lumea.fr:443@evil.com/x")
    'evil.com'
    """
    found = url_host(url)
    if found is not None:
        return found
    return url.split("://", 1)[-1].split("/", 1)[0]


def distance(a: str, b: str, /) -> int:
    """The Levenshtein distance of `a` and `b` (insertions, deletions, substitutions).

    Quadratic in time: meant for short strings such as host names.

    >>> distance("lumea", "lumaea"), distance("", "abc")
    (1, 3)
    """
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@functools.lru_cache(maxsize=1024)
def same_site(url: str, other: str, /) -> bool:
    """True when two links are on the same site or on look-alike sites.

    >>> same_site("https://status.lumea.fr/a", "https://status.1umea.fr/b")
    True
    >>> same_site("https://status.lumea.fr", "https://example.org")
    False
    """
    a, b = skeleton(host(url)), skeleton(host(other))
    shorter, longer = sorted((a, b), key=len)
    # "lumea.fr.example.com" and "lumea-fr.com" carry the real name inside a longer one.
    return (len(shorter) >= 5 and shorter in longer) or distance(a, b) <= 2
