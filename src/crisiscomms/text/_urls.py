"""The host of a link as a browser reads it (the WHATWG URL standard).

A reader's eye stops at the first name it knows (``status.lumea.fr`` in
``https://status.lumea.fr:443@evil.com/``), a browser does not: everything
before the last ``@`` of the authority is a user name and password, a
backslash is a slash in ``http`` and ``https`` links, ``0x7f.1`` is the IPv4
address ``127.0.0.1``, percent escapes in a host are decoded. Checks of a
link's domain must check the host the browser opens, so the parsing is the
standard's own: the ``ada-url`` package (the WHATWG parser Node.js uses),
imported on first use.

A link written without a scheme (``lumea.fr/aide``, as platforms auto-link
it) is read as ``http``; a scheme the browser does not know as special
(``hxxp://``, the "defanged" spelling) as the ``http`` link a reader would
retype. Nothing here knows about plans.
"""

from __future__ import annotations

import functools
from typing import Final

from crisiscomms.text._patterns import lazy_re

__all__ = ["SPECIAL_SCHEMES", "scheme", "url_host"]

#: The schemes whose links have a host (and where "\" is "/"): WHATWG's special schemes.
SPECIAL_SCHEMES: Final = frozenset({"http", "https", "ftp", "ws", "wss", "file"})
# A scheme, as the standard reads it, after leading C0 controls and spaces.
_SCHEME: Final = lazy_re(r"[\x00-\x20]*([A-Za-z][A-Za-z0-9+.\-]*):")
# The standard removes every tab and line break from a URL before parsing.
_TAB_OR_NEWLINE: Final = str.maketrans("", "", "\t\n\r")
#: A host is at most 253 characters; links longer than this are not parsed whole.
_LONGEST: Final = 4096


def scheme(url: str, /) -> str | None:
    r"""The scheme of `url` as the standard reads it, in lower case; None when it has none.

    Leading spaces and control characters, and tabs and line breaks anywhere,
    are ignored as a browser ignores them (``java\tscript:`` is ``javascript``).

    >>> scheme(" JavaScript:alert(1)"), scheme("https://lumea.fr"), scheme("/aide")
    ('javascript', 'https', None)
    """
    match = _SCHEME.match(url.translate(_TAB_OR_NEWLINE)[:64])
    return match[1].lower() if match else None


@functools.lru_cache(maxsize=4096)
def url_host(url: str, /) -> str | None:
    r"""The host a browser opens for the link `url`, in lower case; None when it has none.

    Unicode labels come back as written (``lumеa.fr``), punycode as punycode;
    IPv4 addresses in dotted decimal, IPv6 ones in brackets.

    >>> url_host("https://status.lumea.fr:443@evil.com/x")
    'evil.com'
    >>> url_host("http://1.2.3.4\\.lumea.fr/"), url_host("http://0x7f.1/")
    ('1.2.3.4', '127.0.0.1')
    >>> url_host("https://[0:0::1]/"), url_host("hxxp://evil.com/"), url_host("lumea.fr/aide")
    ('[::1]', 'evil.com', 'lumea.fr')
    >>> url_host("javascript:alert(1)") is None
    True
    """
    from ada_url import URL  # noqa: PLC0415 - lazy on purpose: checks without links skip it

    text = url.strip("\x00\x20")[:_LONGEST]
    found = scheme(text)
    rest = text[len(found) + 1 :] if found is not None else ""
    if found is None or rest.lstrip("\t\n\r")[:1] not in ("/", "\\"):
        if found in SPECIAL_SCHEMES:
            text = f"{found}://{rest}"  # "https:evil.com" opens evil.com
        elif found is not None and "." not in found:
            return None  # "javascript:", "mailto:": no host to open
        else:
            text = "http://" + text.lstrip("/\\")
    elif found not in SPECIAL_SCHEMES:
        text = "http" + text[text.index(":") :]
    try:
        parsed = URL(text)
    except ValueError:
        return None
    host = parsed.hostname
    if not host:
        return None
    if "xn--" in host and "xn--" not in text.lower():
        host = ".".join(_unicode(label) for label in host.split("."))
    return host


def _unicode(label: str) -> str:
    """A punycode label the writer wrote in Unicode, back in Unicode."""
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode")
    except UnicodeError:  # pragma: no cover - ada only writes valid punycode
        return label
