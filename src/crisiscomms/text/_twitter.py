"""X (Twitter) weighted length and the twitter-text URL extractor rules.

The rules are those of twitter-text 3.1 (github.com/twitter/twitter-text
@ 30e2430, Apache-2.0): ``config/v2.json`` and ``config/v3.json`` for the
weights, ``js/src/regexp/*.js`` and ``js/src/extractUrlsWithIndices.js`` for
what counts as a URL. They are re-stated here from those sources; the
conformance suite ``conformance/validate.yml`` and ``extract.yml`` is the
test (``tests/test_platforms_x.py``).

Counting, per ``parseTweet``:

1. normalise to NFC;
2. every URL the extractor finds (scheme optional, TLD on the list, labels of
   at most 63 characters after punycode, at most 4,096 characters with the
   scheme, t.co slugs of at most 40) counts 23;
3. with config v3, an emoji sequence counts 2 whatever its code points;
4. every other code point counts 1 in U+0000-U+10FF, U+2000-U+200D,
   U+2010-U+201F, U+2032-U+2037, and 2 elsewhere.

Emoji sequences (UTS #51: flags, keycaps, pictographs with their skin-tone
modifiers, tags and zero-width joiners) are found with the Unicode data of the
``regex`` module, which is newer than twitter-text's 2020 tables: an emoji
added since then counts 2 here and may count more on X until X updates them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Final

import regex  # type: ignore[import-untyped]  # no stubs in the dependency set

from crisiscomms.text._graphemes import EMOJI_SEQUENCE
from crisiscomms.text._tlds import COUNTRY_TLDS, GENERIC_TLDS

__all__ = [
    "INVALID_CHARACTERS",
    "MAX_WEIGHTED_LENGTH",
    "URL_LENGTH",
    "extract_hashtags",
    "extract_mentions",
    "extract_urls",
    "invalid_characters",
    "weighted_length",
]

#: config/v3.json maxWeightedTweetLength.
MAX_WEIGHTED_LENGTH: Final = 280
#: config/v3.json transformedURLLength: every URL counts this much.
URL_LENGTH: Final = 23
#: hasInvalidCharacters: a post holding one of these is refused.
INVALID_CHARACTERS: Final = frozenset("\ufffe\ufeff\uffff")
# extractUrlsWithIndices.js: MAX_URL_LENGTH, MAX_TCO_SLUG_LENGTH, DEFAULT_PROTOCOL;
# lib/idna.js: MAX_DOMAIN_LABEL_LENGTH.
_MAX_URL_LENGTH: Final = 4096
_MAX_TCO_SLUG_LENGTH: Final = 40
_DEFAULT_SCHEME_LENGTH: Final = len("https://")
_MAX_LABEL_LENGTH: Final = 63

# -- character classes (js/src/regexp/*.js) ---------------------------------------------
_SPACES = (
    "\\x09-\\x0D\\x20\\x85\\xA0\\u1680\\u180E\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
)
_INVALID = "\\uFFFE\\uFEFF\\uFFFF"
_DIRECTIONAL = "\\u202A-\\u202E\\u061C\\u200E\\u200F\\u2066\\u2067\\u2068\\u2069"
# punct.js lists these ASCII punctuation marks (the double quote is not among them).
_PUNCT = "!'#%&()*+,\\\\\\-./:;<=>?@\\[\\]^_{|}~$"
_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_LATIN_ACCENTS = (
    "\\xC0-\\xD6\\xD8-\\xF6\\xF8-\\xFF\\u0100-\\u024F\\u0253\\u0254\\u0256\\u0257\\u0259"
    "\\u025B\\u0263\\u0268\\u026F\\u0272\\u0289\\u028B\\u02BB\\u0300-\\u036F\\u1E00-\\u1EFF"
)
_CYRILLIC = "\\u0400-\\u04FF"


def _alternation(names: frozenset[str]) -> str:
    # Reverse order puts "community" before "com": the longest TLD is tried first,
    # as in the generated validGTLD.js / validCCTLD.js.
    return "|".join(re.escape(name) for name in sorted(names, reverse=True))


_TLD_END = "(?=[^0-9a-zA-Z@+-]|$)"
_GTLD = f"(?:(?:{_alternation(GENERIC_TLDS)}){_TLD_END})"
_CCTLD = f"(?:(?:{_alternation(COUNTRY_TLDS)}){_TLD_END})"
_PUNYCODE = "(?:xn--[-0-9a-z]+)"
_SUBDOMAIN = f"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN_NAME = f"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN = f"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}(?:{_GTLD}|{_CCTLD}|{_PUNYCODE}))"
_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\\u2013_~@|&{_LATIN_ACCENTS}]"
_BALANCED_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{_BALANCED_PARENS}))"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = "[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]"
_QUERY_END = "[a-z0-9\\-_&=#/]"
_PRECEDING = f"(?:[^A-Za-z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]|^)"

# extractUrl.js: before, url, scheme, domain, port, path, query.
_URL = re.compile(
    f"(?P<before>{_PRECEDING})"
    "(?P<url>"
    "(?P<scheme>https?://)?"
    f"(?P<domain>{_DOMAIN})"
    "(?::(?P<port>[0-9]+))?"
    f"(?P<path>/{_PATH}*)?"
    f"(?P<query>\\?{_QUERY_CHAR}*{_QUERY_END})?"
    ")",
    re.IGNORECASE,
)
_ASCII_DOMAIN = re.compile(
    f"(?:(?:[\\-a-z0-9{_LATIN_ACCENTS}]+)\\.)+(?:{_GTLD}|{_CCTLD}|{_PUNYCODE})", re.IGNORECASE
)
_TCO = re.compile(f"^https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHAR}*{_QUERY_END})?", re.IGNORECASE)
_NO_SCHEME_BAD_BEFORE = frozenset("-_./")
# Every URL holds a domain character, a dot and the first letter of its TLD; a text
# without one has no URL, and a URL never spans a space, so the extractor only runs
# on the space-free stretch around each candidate dot (a speed-up, same result).
_CANDIDATE = re.compile(f"{_DOMAIN_CHAR}\\.[^\\W\\d_]")
_SPACE_SET = frozenset(
    "\x09\x0a\x0b\x0c\x0d\x20\x85\xa0\u1680\u180e\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)

# config v2/v3 "ranges" of weight 100 (one character); every other code point weighs 200.
_LIGHT_RUN = re.compile("[\\u0000-\\u10FF\\u2000-\\u200D\\u2010-\\u201F\\u2032-\\u2037]+")
_EMOJI = EMOJI_SEQUENCE


def _label_ok(label: str) -> bool:
    """lib/idna.js: a label is 1 to 63 characters once punycode-encoded."""
    if label.isascii():
        return 0 < len(label) <= _MAX_LABEL_LENGTH
    encoded = label.encode("punycode")  # works on code points, lone surrogates too
    return len(encoded) + 4 <= _MAX_LABEL_LENGTH


def _host_ok(domain: str, url_length: int, has_scheme: bool) -> bool:
    """isValidUrl: punycode-valid labels, and at most 4,096 characters with the scheme."""
    if domain[:4].lower() == "xn--" and not domain.isascii():
        return False
    if not all(_label_ok(label) for label in domain.split(".")):
        return False
    scheme = 0 if has_scheme else _DEFAULT_SCHEME_LENGTH
    return scheme + url_length <= _MAX_URL_LENGTH


def _iter_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of the extractor's pattern, leftmost first, as a global scan finds them."""
    position = 0
    while (candidate := _CANDIDATE.search(text, position)) is not None:
        dot = candidate.start() + 1
        start = dot
        while start > position and text[start - 1] not in _SPACE_SET:
            start -= 1
        if start > position:
            start -= 1  # the space itself is the "preceding character"
        for attempt in range(start, dot):
            match = _URL.match(text, attempt)
            if match is not None:
                yield match
                position = match.end()
                break
        else:
            position = dot


def _iter_urls(text: str, *, without_scheme: bool) -> Iterator[tuple[int, int]]:
    for match in _iter_matches(text):
        start, end = match.span("url")
        domain = match["domain"]
        if not _host_ok(domain, end - start, match["scheme"] is not None):
            continue
        if match["scheme"] is None:
            if not without_scheme or match["before"] in _NO_SCHEME_BAD_BEFORE:
                continue
            # Without a scheme only the ASCII part of a domain is a link
            # ("exampleこれは.com" is not; "ELPAÍS.com" is, Latin accents included).
            spans = [
                (start + found.start(), start + found.end())
                for found in _ASCII_DOMAIN.finditer(domain)
            ]
            if not spans:
                continue
            if match["path"]:
                spans[-1] = (spans[-1][0], end)
            yield from spans
            continue
        tco = _TCO.match(match["url"])
        if tco is not None:
            if len(tco[1]) > _MAX_TCO_SLUG_LENGTH:
                continue
            end = start + tco.end()
        yield (start, end)


def extract_urls(text: str, *, without_scheme: bool = True) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` spans of the URLs twitter-text finds in `text`.

    Offsets are code points of `text` as given (X normalises to NFC first:
    :func:`weighted_length` does). With ``without_scheme=False`` only
    ``http://`` and ``https://`` links count, as Mastodon's server does.

    >>> text = "Go to example.com/status now"
    >>> [text[s:e] for s, e in extract_urls(text)]
    ['example.com/status']
    """
    if "." not in text:
        return ()
    return tuple(_iter_urls(text, without_scheme=without_scheme))


def _code_point_weight(text: str) -> int:
    return len(text) + len(_LIGHT_RUN.sub("", text))


def _sequence_weight(sequence: str) -> int:
    """What the code points of an emoji sequence weigh one by one (v2 counting)."""
    # The only light code points an emoji sequence holds are ZWJ, a keycap's base
    # character and the pictographs (C) and (R); count the rest as heavy.
    if "\u00a9" in sequence[1:] or "\u00ae" in sequence[1:]:
        return _code_point_weight(sequence)
    return 2 * len(sequence) - sequence.count("\u200d") - (sequence[0] < "\u1100")


def _segment_weight(text: str, *, emoji: bool) -> int:
    if text.isascii():
        return len(text)
    heavy = _LIGHT_RUN.sub("", text)
    weight = len(text) + len(heavy)
    # An emoji sequence holds at least one heavy code point, or (C) or (R).
    if emoji and (heavy or "\u00a9" in text or "\u00ae" in text):
        # Each emoji sequence counts 2, whatever its code points weigh one by one.
        for sequence in _EMOJI.findall(text):
            weight += 2 - _sequence_weight(sequence)
    return weight


def weighted_length(text: str, *, version: int = 3) -> int:
    """The weighted length of `text` in X characters, with config `version` 2 or 3.

    >>> weighted_length("Hi http://test.co")
    26
    >>> weighted_length("👨‍👩‍👧‍👦"), weighted_length("👨‍👩‍👧‍👦", version=2)
    (2, 11)
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    emoji = version >= 3
    urls = extract_urls(text)
    if not urls:
        return _segment_weight(text, emoji=emoji)
    total = 0
    position = 0
    for start, end in urls:
        total += _segment_weight(text[position:start], emoji=emoji) + URL_LENGTH
        position = end
    return total + _segment_weight(text[position:], emoji=emoji)


def invalid_characters(text: str) -> tuple[int, ...]:
    r"""Offsets of the characters X refuses (U+FFFE, U+FEFF, U+FFFF) in `text`.

    >>> invalid_characters("ok\ufeff")
    (2,)
    """
    if text.isascii():
        return ()
    return tuple(i for i, char in enumerate(text) if char in INVALID_CHARACTERS)


# validMentionOrList.js / validHashtag.js, simplified to what counting needs: a mention
# is @ and 1-20 of [A-Za-z0-9_] not glued to a word (so e-mail addresses are not
# mentions); a hashtag is # and letters, marks, digits or _ with at least one letter.
_MENTION = re.compile(r"(?<![A-Za-z0-9_!#$%&*@＠])[@＠]([A-Za-z0-9_]{1,20})(?![@＠]|://)")
_HASHTAG = regex.compile(
    r"(?<![\p{L}\p{M}\p{Nd}_&#＃])[#＃]([\p{L}\p{M}\p{Nd}_]*\p{L}[\p{L}\p{M}\p{Nd}_]*)"
)


def extract_mentions(text: str) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` spans of the ``@mentions`` of `text`.

    >>> extract_mentions("Thanks @ops_team, write to help@example.com")
    ((7, 16),)
    """
    if "@" not in text and "＠" not in text:
        return ()
    return tuple(match.span() for match in _MENTION.finditer(text))


def extract_hashtags(text: str) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` spans of the ``#hashtags`` of `text` (``#1`` is not one).

    >>> extract_hashtags("#panne #1 #Paris2026")
    ((0, 6), (10, 20))
    """
    if "#" not in text and "＃" not in text:
        return ()
    return tuple(match.span() for match in _HASHTAG.finditer(text))
