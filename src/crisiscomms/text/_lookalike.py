"""Look-alike domains: hosts that a reader takes for the same site.

A host's *skeleton* is what it looks like: lower case, without ``www.``,
punycode decoded, and each homoglyph people (and attackers) put in domains
replaced by the letter it imitates (Cyrillic ``а`` by ``a``, ``0`` by ``o``,
``rn`` by ``m``), with dots, hyphens and underscores dropped. Two links are on
the *same site* when one skeleton of at least five characters holds the other
(``lumea.fr.example.com`` and ``lumea-fr.com``) or when their skeletons are
at most two edits apart (Levenshtein distance).

This module knows nothing of facts or plans.
"""

from __future__ import annotations

import contextlib
import functools

__all__ = ["distance", "host", "same_site", "skeleton"]

#: Homoglyphs people (and attackers) put in domains: what each looks like.
_LOOKS_LIKE = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "і": "i",
        "ӏ": "l",
        "0": "o",
        "1": "l",
        "ı": "i",
        "-": "",
        "_": "",
    }
)


def skeleton(host: str, /) -> str:
    """What `host` looks like, for comparing it with another host.

    >>> skeleton("www.Lumea-FR.com"), skeleton("1umea.fr")
    ('lumeafrcom', 'lumeafr')
    """
    host = host.casefold().removeprefix("www.")
    with contextlib.suppress(UnicodeError):
        host = host.encode("ascii").decode("idna") if "xn--" in host else host
    return host.replace("rn", "m").translate(_LOOKS_LIKE).replace(".", "")


def host(url: str, /) -> str:
    """The host of `url`, as written: what stands between ``://`` and the first ``/``.

    >>> host("https://status.lumea.fr/incident/2411"), host("lumea.fr")
    ('status.lumea.fr', 'lumea.fr')
    """
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
