"""Registrable domains from the Public Suffix List, and look-alikes of a link.

The *registrable domain* of a host is its public suffix and the one label
before it: ``lumea.co.uk`` for ``status.lumea.co.uk``, ``lumea.es`` for
``estado.lumea.es``. Who owns that domain owns every host under it, so two
links share an owner exactly when they share it. A link *looks like*
another when they do not share it but a reader takes one for the other: the
same name under another suffix (``estado.lumea.com`` for
``estado.lumea.es``, a classic phishing swap), or hosts the look-alike rules
of `crisiscomms.text._lookalike` call the same site.

The list is the copy the ``publicsuffixlist`` package ships (no network);
it is loaded on first use, never at import. Nothing here knows about plans.
"""

from __future__ import annotations

import functools
from typing import Protocol

from crisiscomms.text._lookalike import host, same_site, skeleton

__all__ = ["looks_like", "registrable_domain", "same_owner"]


class _List(Protocol):
    def privatesuffix(self, domain: str) -> str | None: ...  # pragma: no cover
    def publicsuffix(self, domain: str) -> str | None: ...  # pragma: no cover


@functools.cache
def _suffixes() -> _List:
    """The Public Suffix List, parsed on first use (about 200 ms)."""
    from publicsuffixlist import PublicSuffixList  # noqa: PLC0415 - lazy on purpose

    suffixes: _List = PublicSuffixList()
    return suffixes


@functools.lru_cache(maxsize=1024)
def registrable_domain(name: str, /) -> str:
    """The registrable domain of a host (or of a link's host); the host itself if none.

    >>> registrable_domain("status.lumea.co.uk"), registrable_domain("https://estado.lumea.es/x")
    ('lumea.co.uk', 'lumea.es')
    """
    found = host(name).casefold().rstrip(".")
    if not found.startswith("["):  # an IPv6 address keeps its colons
        found = found.split(":", 1)[0]
    try:
        private = _suffixes().privatesuffix(found)
    except (ValueError, TypeError, UnicodeError):  # pragma: no cover - the list refuses it
        private = None
    return private or found


def _name(domain: str) -> str:
    """The registrable domain without its public suffix: ``lumea`` for ``lumea.co.uk``."""
    try:
        suffix = _suffixes().publicsuffix(domain)
    except (ValueError, TypeError, UnicodeError):  # pragma: no cover - the list refuses it
        suffix = None
    if suffix and domain.endswith("." + suffix):
        return domain[: -len(suffix) - 1]
    return domain.split(".", 1)[0]


def same_owner(url: str, other: str, /) -> bool:
    """True when two links are under one registrable domain.

    >>> same_owner("https://status.lumea.fr/a", "www.lumea.fr/aide")
    True
    >>> same_owner("https://estado.lumea.es", "https://estado.lumea.com")
    False
    """
    return registrable_domain(url) == registrable_domain(other)


@functools.lru_cache(maxsize=1024)
def looks_like(url: str, other: str, /) -> bool:
    """True when `url` is under another registrable domain but passes for `other`'s.

    >>> looks_like("https://estado.lumea.com/x", "https://estado.lumea.es/x")
    True
    >>> looks_like("https://status.lumea-fr.com/x", "https://status.lumea.fr/x")
    True
    >>> looks_like("https://www.lumea.fr/aide", "https://status.lumea.fr/x")
    False
    >>> looks_like("https://example.org", "https://status.lumea.fr")
    False
    """
    mine, theirs = registrable_domain(url), registrable_domain(other)
    if mine == theirs:
        return False
    # The same name under another suffix ("lumea.com" for "lumea.es"), or a name that
    # carries it ("lumea-es.com").
    a, b = skeleton(_name(mine)), skeleton(_name(theirs))
    shorter, longer = sorted((a, b), key=len)
    if shorter and (a == b or (len(shorter) >= 4 and shorter in longer)):
        return True
    return same_site(url, other)
