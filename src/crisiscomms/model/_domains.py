"""The host names a plan allows in links: host names only, with the fix for anything else."""

from __future__ import annotations

import re
from typing import Annotated, Final
from urllib.parse import urlsplit

from pydantic import AfterValidator, WithJsonSchema

from crisiscomms.model._problems import shown

__all__ = ["DomainName", "check_domain"]

_LABEL: Final = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST: Final = re.compile(rf"(?=.{{1,253}}$)(?:{_LABEL}\.)+{_LABEL}\.?")
_PATTERN: Final = rf"^(?=.{{1,253}}$)(?:{_LABEL}\.)+{_LABEL}\.?$(?!\n)"


def _host_in(value: str) -> str | None:
    """The host name a URL, an address with a path or a port, or a wildcard holds."""
    text = value.strip()
    if text.startswith("*."):
        text = text[2:]
    try:
        host = urlsplit(text if "//" in text else "//" + text).hostname
    except ValueError:
        return None
    return host if host and _HOST.fullmatch(host) else None


def check_domain(value: str) -> str:
    """A host name of the plan's `allowed_domains`, in lowercase; anything else is refused.

    A host name covers its subdomains (``example.es`` allows
    ``status.example.es``), so a wildcard is never needed; a URL, a path or a
    port is refused with the host name to write instead.

    >>> check_domain("Example.es")
    'example.es'
    >>> check_domain("https://example.es/")
    Traceback (most recent call last):
    ...
    ValueError: expected a host name such as 'example.es', got 'https://example.es/'; write \
'example.es' (a host name, without scheme, path or port)
    """
    if _HOST.fullmatch(value) and not value.startswith("*"):
        return value.lower().rstrip(".")
    host = _host_in(value)
    if value.strip().startswith("*.") and host is not None:
        fix = (
            f"write {host.lower()!r}: a host name covers its subdomains already"
            " (it allows www. and status. ones)"
        )
    elif host is not None:
        fix = f"write {host.lower()!r} (a host name, without scheme, path or port)"
    elif any(ord(c) > 127 for c in value):
        fix = "write an internationalised name in its ASCII form (xn--...)"
    else:
        fix = "write a host name: labels of letters, digits and '-', joined by dots"
    raise ValueError(f"expected a host name such as 'example.es', got {shown(value)}; {fix}")


#: A host name allowed in links (``example.es``; it covers its subdomains).
DomainName = Annotated[
    str,
    AfterValidator(check_domain),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _PATTERN,
            "description": "A host name allowed in links, e.g. 'example.es'; it covers"
            " its subdomains.",
            "examples": ["example.es"],
        }
    ),
]


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{0,31}")


def check_scheme(value: str) -> str:
    """A URL scheme of the plan's `allowed_schemes`, in lowercase; anything else is refused.

    >>> check_scheme("MailTo")
    'mailto'
    >>> check_scheme("https://")
    Traceback (most recent call last):
    ...
    ValueError: expected a URL scheme such as 'https' or 'mailto', got 'https://'; write 'https' \
(the scheme alone, without ':' or '//')
    """
    lowered = value.strip().lower()
    if _SCHEME.fullmatch(lowered):
        return lowered
    bare = lowered.split(":", 1)[0]
    fix = (
        f"write {bare!r} (the scheme alone, without ':' or '//')"
        if _SCHEME.fullmatch(bare)
        else "write a letter followed by letters, digits, '+', '-' or '.'"
    )
    raise ValueError(
        f"expected a URL scheme such as 'https' or 'mailto', got {shown(value)}; {fix}"
    )


#: A URL scheme links in messages may use (``https``, ``mailto``).
SchemeName = Annotated[
    str,
    AfterValidator(check_scheme),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Za-z][A-Za-z0-9+.-]{0,31}$",
            "description": "A URL scheme links in messages may use, e.g. 'https' or 'mailto'.",
            "examples": ["https", "mailto"],
        }
    ),
]
