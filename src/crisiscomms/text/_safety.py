"""Unicode safety: characters and links that must not be posted silently.

Each check returns `Finding` values (codes ``SEC001`` to ``SEC008``,
documented in ``docs/findings.md``) and never raises for any string.

* Bidirectional controls (U+202A to U+202E, U+2066 to U+2069) reorder how
  text is displayed: a link or a figure can read differently from what is
  sent (the "Trojan Source" trick).
* Zero-width and other invisible characters hide differences between texts
  that look the same, break copy-paste of figures and links, and defeat
  moderation filters. A zero-width joiner inside an emoji sequence, and
  ZWJ/ZWNJ between two letters (Indic and Arabic shaping) are legitimate.
* Lone surrogates are not characters at all: a platform refuses or mangles
  the message.
* A link whose domain is written in punycode (``xn--``), mixes scripts in
  one label (a Cyrillic ``а`` among Latin letters), or is written all in
  another script's look-alikes of Latin letters (``аррӏе.com``, Unicode's
  confusables data) is a look-alike risk.
* A link's host is the one a browser opens (WHATWG URL parsing: user info,
  backslashes, IP literals, any scheme), and a link whose scheme is not
  http or https (``javascript:`` in an ``href``) is not one to send.
* A link outside the plan's allowed domains is not one of ours.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Iterator

import regex

from crisiscomms._findings import Finding
from crisiscomms.text._graphemes import EMOJI_SEQUENCE
from crisiscomms.text._lookalike import whole_script_lookalike
from crisiscomms.text._markup import Markup, markup_links
from crisiscomms.text._patterns import lazy_regex
from crisiscomms.text._twitter import extract_urls
from crisiscomms.text._urls import scheme, url_host

__all__ = [
    "BIDI_CONTROLS",
    "INVISIBLE_CHARACTERS",
    "check_links",
    "check_unicode",
    "link_domains",
]

#: Explicit bidirectional embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Characters that show nothing (or nothing distinct) on screen.
INVISIBLE_CHARACTERS = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
    "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c"
    "\u206d\u206e\u206f\u3164\ufeff\uffa0\ufff9\ufffa\ufffb"
    + "".join(chr(c) for c in range(0x20))  # C0 controls, minus the three kept below
    + "\x7f"
    + "".join(chr(c) for c in range(0x80, 0xA0))
).difference("\t\n\r")
_JOINERS = frozenset("\u200c\u200d")
_SUSPECT = lazy_regex(
    "["
    + "".join(f"\\u{ord(c):04x}" for c in sorted(BIDI_CONTROLS | INVISIBLE_CHARACTERS))
    + "\\p{Cs}\\U000E0000-\\U000E007F\\uFE00-\\uFE0F]"
    # A carriage return without its line feed: some clients start a line, some
    # show nothing, some write over the line before (a line injected unseen).
    + "|\\r(?!\\n)"
)
# Chromium's IDN policy lets these scripts share a label (Japanese, Chinese, Korean).
_ALLOWED_MIXES = (
    frozenset({"LATIN", "CJK", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "CJK", "BOPOMOFO"}),
    frozenset({"LATIN", "CJK", "HANGUL"}),
)


def _name(char: str) -> str:
    if char == "\r":
        return "U+000D CARRIAGE RETURN (without a line feed)"
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


def _runs(positions: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Consecutive positions as ``(start, end)`` spans."""
    start = end = -1
    for position in positions:
        if position == end:
            end += 1
            continue
        if start >= 0:
            yield (start, end)
        start, end = position, position + 1
    if start >= 0:
        yield (start, end)


def _legitimate_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in EMOJI_SEQUENCE.finditer(text)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    # The spans are in order and do not overlap: only the last one starting before counts.
    index = bisect.bisect_left(spans, (position, -1)) - 1
    return index >= 0 and spans[index][0] < position < spans[index][1]


def _between_letters(text: str, position: int) -> bool:
    if position == 0 or position + 1 >= len(text):
        return False
    before = unicodedata.category(text[position - 1])[0]
    after = unicodedata.category(text[position + 1])[0]
    return before in "LM" and after in "LM"  # a letter or its mark (virama, vowel sign)


def check_unicode(text: str, *, subject: str = "") -> tuple[Finding, ...]:
    r"""Bidirectional controls, invisible characters and lone surrogates in `text`.

    >>> for finding in check_unicode("Pay at \u202eexample.com"):
    ...     print(finding.code, finding.span)
    SEC001 (7, 8)
    """
    if text.isascii() and text.isprintable():
        return ()
    suspects = [match.start() for match in _SUSPECT.finditer(text)]
    if not suspects:
        return ()
    emoji_spans: list[tuple[int, int]] | None = None
    bidi: list[int] = []
    invisible: list[int] = []
    surrogates: list[int] = []
    for position in suspects:
        char = text[position]
        if "\ud800" <= char <= "\udfff":
            surrogates.append(position)
        elif char in BIDI_CONTROLS:
            bidi.append(position)
        elif char == "\r":
            invisible.append(position)
        else:
            if emoji_spans is None:
                emoji_spans = _legitimate_spans(text)
            if _inside(position, emoji_spans) or (
                char in _JOINERS and _between_letters(text, position)
            ):
                continue
            if "\ufe00" <= char <= "\ufe0f" and position and text[position - 1].isalpha():
                continue  # a variation selector on a letter (CJK ideograph variants)
            invisible.append(position)
    findings: list[Finding] = []
    for start, end in _runs(bidi):
        findings.append(
            Finding.of(
                "SEC001",
                f"bidirectional control {_name(text[start])} at {start}"
                + (f" ({end - start} in a row)" if end - start > 1 else "")
                + ": it can reorder how the text displays; delete it",
                subject=subject,
                span=(start, end),
            )
        )
    for start, end in _runs(invisible):
        findings.append(
            Finding.of(
                "SEC002",
                f"invisible character {_name(text[start])} at {start}"
                + (f" ({end - start} in a row)" if end - start > 1 else "")
                + ": readers cannot see it and copied links or figures break; delete it",
                subject=subject,
                span=(start, end),
            )
        )
    for start, end in _runs(surrogates):
        findings.append(
            Finding.of(
                "SEC003",
                f"lone surrogate U+{ord(text[start]):04X} at {start}: it is not a character "
                "and platforms refuse or garble it; fix the text's encoding at its source",
                subject=subject,
                span=(start, end),
            )
        )
    return tuple(findings)


# Any link written with a scheme, whatever its scheme or TLD: safety checks must
# not miss a link that X would not auto-link (a TLD newer than twitter-text's
# list, an IPv6 address, a backslash, "ftp://" or the "defanged" "hxxp://").
# The lookbehind lets a scheme start only where a word starts, so a long run of
# letters is tried once, not at every position.
_SCHEME_LINK = lazy_regex(
    r"(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]{0,31}:[/\\]{2}[^\s<>\"'`]+", regex.IGNORECASE
)
_TRAILING = ".,;:!?'\""


def _host(url: str) -> str:
    """The host a browser opens for `url`; what stands before the path when it has none."""
    found = url_host(url)
    if found is not None:
        return found.rstrip(".")
    scheme = url.find("://")
    rest = url[scheme + 3 :] if scheme >= 0 else url
    for separator in "/?#\\" if rest.startswith("[") else "/?#:\\":
        cut = rest.find(separator)
        if cut >= 0:
            rest = rest[:cut]
    return rest.rstrip(".,;!)").lower()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A link's span without the punctuation that ends the sentence around it."""
    balanced = "(" in text[start:end]
    while end > start + 1 and (
        text[end - 1] in _TRAILING or (text[end - 1] == ")" and not balanced)
    ):
        end -= 1
    return start, end


def link_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the links of `text`, in order (see `link_domains`)."""
    spans = list(extract_urls(text))
    if ":" in text:
        # A link with a scheme wins over the shorter links twitter-text finds in
        # it ("https://status.lumea.fr:443" of "https://status.lumea.fr:443@evil.com").
        # Both lists are in order and their spans do not overlap, so the only
        # scheme link that can overlap a span is the last one starting before its end.
        scheme_spans = [_trimmed(text, *match.span()) for match in _SCHEME_LINK.finditer(text)]
        if scheme_spans:
            starts = [s for s, _ in scheme_spans]
            kept = []
            for start, end in spans:
                index = bisect.bisect_left(starts, end) - 1
                if index < 0 or scheme_spans[index][1] <= start:
                    kept.append((start, end))
            spans = sorted(kept + scheme_spans)
    return spans


def link_domains(text: str) -> tuple[tuple[str, tuple[int, int]], ...]:
    """Each link of `text` with the host a browser opens for it, lower-cased, in order.

    The links are those twitter-text finds (with or without a scheme) and any
    other link written with a scheme (``ftp://``, ``hxxp://``, an IPv6
    address ...). The host is read as the WHATWG URL standard reads it: after
    the user name and password (``https://lumea.fr:443@evil.com`` opens
    ``evil.com``), with backslashes as slashes and IPv4 numbers in any base.

    >>> link_domains("See https://Status.Example.com/x and example.org")
    (('status.example.com', (4, 32)), ('example.org', (37, 48)))
    >>> link_domains("Log in: https://status.lumea.fr:x@evil.com/x")
    (('evil.com', (8, 44)),)
    """
    return tuple((_host(text[start:end]), (start, end)) for start, end in link_spans(text))


def _scripts(label: str) -> set[str]:
    scripts: set[str] = set()
    for char in label:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        word = name.split(" ", 1)[0] if name else "UNKNOWN"
        scripts.add("CJK" if word in {"CJK", "IDEOGRAPHIC"} else word)
    return scripts


def _mixed(label: str) -> bool:
    if label.isascii():
        return False
    scripts = _scripts(label)
    if len(scripts) <= 1:
        return False
    return not any(scripts <= allowed for allowed in _ALLOWED_MIXES)


def _allowed(domain: str, allowed_domains: Iterable[str]) -> bool:
    for entry in allowed_domains:
        allowed = entry.lower().strip().rstrip(".")
        if domain == allowed or domain.endswith("." + allowed):
            return True
    return False


def _scheme_finding(url: str, found: str | None, span: tuple[int, int], subject: str) -> Finding:
    shown = url if len(url) <= 60 else url[:57] + "..."
    what = f"scheme {found!r}" if found is not None else "no scheme (a relative link)"
    return Finding.of(
        "SEC008",
        f"link {shown!r} at {span[0]} has {what}: readers' clients may run it, download "
        "it or resolve it against a page we do not control; link with an https:// address "
        "of the plan's domains",
        subject=subject,
        span=span,
    )


def check_links(
    text: str,
    *,
    allowed_domains: Iterable[str] | None = None,
    subject: str = "",
    markup: Markup | str = Markup.PLAIN,
    schemes: Iterable[str] = ("http", "https"),
) -> tuple[Finding, ...]:
    """Look-alike domains in the links of `text`, links outside `allowed_domains`, odd schemes.

    `allowed_domains` None (or empty) skips the allowed-domain check; a domain
    is allowed when it is one of them or a subdomain of one. The host checked
    is the one a browser opens (see `link_domains`). A link written with a
    scheme other than ``http`` or ``https`` (``ftp://``, ``hxxp://``) is
    ``SEC008``; so are the links the `markup` writes (``href``, Markdown link
    destinations, Slack ``<url|label>``) when they are not absolute ``http``
    or ``https`` links (``javascript:``, ``data:``, relative ones), and their
    hosts are checked as well. `schemes` widens what is accepted (``mailto``
    and ``tel`` for an e-mail channel, say); a link of a scheme without a host
    (``mailto:``) is then not held to `allowed_domains`.

    >>> findings = check_links("Info: https://status.examp1e.com", allowed_domains=["example.com"])
    >>> [f.code for f in findings]
    ['SEC006']
    >>> [f.code for f in check_links('<a href="javascript:alert(1)">status</a>', markup="html")]
    ['SEC008']
    """
    allowed = tuple(allowed_domains or ())
    accepted = frozenset(str(s).lower() for s in schemes)
    findings: list[Finding] = []
    seen: set[str] = set()
    for domain, span in link_domains(text):
        seen.add(domain)
        findings.extend(_domain_findings(domain, span, allowed, subject))
        written = text[span[0] : span[1]]
        found = scheme(written)
        if found is not None and found not in accepted and "." not in found:
            findings.append(_scheme_finding(written, found, span, subject))
    chosen = Markup(markup) if markup in Markup.__members__.values() else Markup.PLAIN
    for url, span in markup_links(text, chosen):
        found = scheme(url)
        if found not in accepted:
            findings.append(_scheme_finding(url, found, span, subject))
            continue
        if url_host(url) is None:
            if found in _WEB_SCHEMES:  # "http:" alone, "https:///": opens nothing we know
                findings.append(_scheme_finding(url, found, span, subject))
            continue
        domain = (url_host(url) or "").rstrip(".")
        if domain not in seen:
            seen.add(domain)
            findings.extend(_domain_findings(domain, span, allowed, subject))
    return tuple(sorted(findings, key=lambda f: f.span or (0, 0)))


_WEB_SCHEMES = frozenset({"http", "https"})


def _domain_findings(
    domain: str, span: tuple[int, int], allowed: tuple[str, ...], subject: str
) -> list[Finding]:
    findings: list[Finding] = []
    labels = domain.split(".")
    if any(label.startswith("xn--") for label in labels):
        findings.append(
            Finding.of(
                "SEC004",
                f"link domain {domain!r} is written in punycode, which hides what it "
                "looks like; use the organisation's plain domain",
                subject=subject,
                span=span,
            )
        )
    elif any(_mixed(label) for label in labels):
        scripts = sorted(set().union(*(_scripts(label) for label in labels)))
        findings.append(
            Finding.of(
                "SEC005",
                f"link domain {domain!r} mixes scripts ({', '.join(scripts).lower()}) "
                "and may imitate another domain; retype it from the plan",
                subject=subject,
                span=span,
            )
        )
    else:
        for label in labels:
            latin = whole_script_lookalike(label)
            if latin is not None:
                script = _scripts(label).pop().lower()
                findings.append(
                    Finding.of(
                        "SEC007",
                        f"link domain {domain!r} is written in {script} letters that all "
                        f"look like Latin ones (it reads {latin!r}) and may imitate another "
                        "domain; retype it from the plan",
                        subject=subject,
                        span=span,
                    )
                )
                break
    if allowed and not _allowed(domain, allowed):
        findings.append(
            Finding.of(
                "SEC006",
                f"link to {domain!r} is outside the plan's allowed domains "
                f"({', '.join(allowed)}); link to one of them or add the domain to the plan",
                subject=subject,
                span=span,
            )
        )
    return findings
