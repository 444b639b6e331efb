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

The domain part of the URL pattern is matched by hand over the text's dotted
labels rather than by the regex (whose backtracking is quadratic on long
dotted runs); a differential property test checks it against the regex.

Emoji sequences (UTS #51: flags, keycaps, pictographs with their skin-tone
modifiers, tags and zero-width joiners) are found with the Unicode data of the
``regex`` module, which is newer than twitter-text's 2020 tables: an emoji
added since then counts 2 here and may count more on X until X updates them.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Final, NamedTuple

from crisiscomms.text._graphemes import EMOJI_SEQUENCE
from crisiscomms.text._patterns import lazy_re, lazy_regex

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


_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\\u2013_~@|&{_LATIN_ACCENTS}]"
_BALANCED_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{_BALANCED_PARENS}))"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = "[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]"
_QUERY_END = "[a-z0-9\\-_&=#/]"

# extractUrl.js reads: before, then the URL: an optional scheme, the domain, an
# optional port, path and query. The domain part is matched by hand below (the
# regex's backtracking over every label with a 1,574-way TLD alternation is
# quadratic on long dotted runs such as "a.a.a.a..."); the rest is this pattern.
_TAIL = lazy_re(
    f"(?::(?P<port>[0-9]+))?(?P<path>/{_PATH}*)?(?P<query>\\?{_QUERY_CHAR}*{_QUERY_END})?",
    re.IGNORECASE,
)
_TCO = lazy_re(f"https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHAR}*{_QUERY_END})?", re.IGNORECASE)
_NO_SCHEME_BAD_BEFORE = frozenset("-_./")
# validUrlPrecedingChars: anything but these (directional marks are allowed).
_BAD_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@＠$#＃")
_BAD_BEFORE |= frozenset("\ufffe\ufeff\uffff")
# A run of domain characters, "-" and "_": what sits between two dots of a domain.
_LABEL_RUN = lazy_re(f"(?:{_DOMAIN_CHAR}|[-_])+")
# validAsciiDomain's labels: ASCII letters and digits, "-", and Latin accented letters.
_ASCII_LABEL_RUN = lazy_re(f"[\\-a-z0-9{_LATIN_ACCENTS}]+", re.IGNORECASE)
_PUNYCODE_TAIL = lazy_re("[-0-9a-z]+", re.IGNORECASE)
_TLD_FOLLOW = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@+-")
_ASCII_ALNUM_RUN = lazy_re("[0-9A-Za-z]+")
_SPACE = lazy_re(f"[{_SPACES}]")
# Every URL holds a domain character, a dot and the first letter of its TLD; a text
# without one has no URL, and a URL never spans a space, so the extractor only runs
# on the space-free stretch around each candidate dot (a speed-up, same result).
_CANDIDATE = lazy_re(f"{_DOMAIN_CHAR}\\.[^\\W\\d_]")
_SPACE_SET = frozenset(
    "\x09\x0a\x0b\x0c\x0d\x20\x85\xa0\u1680\u180e\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)

# config v2/v3 "ranges" of weight 100 (one character); every other code point weighs 200.
_LIGHT_RUN = lazy_re("[\\u0000-\\u10FF\\u2000-\\u200D\\u2010-\\u201F\\u2032-\\u2037]+")
_EMOJI = EMOJI_SEQUENCE


def _label_ok(label: str) -> bool:
    """lib/idna.js: a label is 1 to 63 characters once punycode-encoded."""
    if label.isascii():
        return 0 < len(label) <= _MAX_LABEL_LENGTH
    # Punycode writes at least one character per code point, after "xn--": a
    # longer label can never fit, and encoding it would cost quadratic time.
    if len(label) + 4 > _MAX_LABEL_LENGTH:
        return False
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


@functools.cache
def _tld_table() -> tuple[frozenset[str], frozenset[str], int]:
    """The generic and country TLDs and the longest's length, read on first use.

    The table is 1,574 names: importing the library does not build it.
    """
    from crisiscomms.text._tlds import COUNTRY_TLDS, GENERIC_TLDS  # noqa: PLC0415

    return GENERIC_TLDS, COUNTRY_TLDS, max(len(name) for name in GENERIC_TLDS | COUNTRY_TLDS)


def _tld_end(text: str, at: int) -> int:
    """Where the TLD at `at` ends (validGTLD, validCCTLD, validPunycode), or -1.

    The generated alternations list each TLD before its prefixes ("community"
    before "com"), generic before country, so the first TLD followed by
    something other than [0-9a-zA-Z@+-] wins, trying the longest first.
    """
    generic, country, longest = _tld_table()
    size = len(text)
    run = _ASCII_ALNUM_RUN.match(text, at)
    if run is not None and (run.end() == size or text[run.end()].isascii()):
        # Followed by ASCII, a TLD must end where the run of ASCII letters and
        # digits ends (the lookahead refuses a letter or digit after it): one
        # candidate. ("vermögensberatung" and "comてすと" take the long way.)
        end = run.end()
        name = run.group().lower()
        if (name in generic or name in country) and (end == size or text[end] not in _TLD_FOLLOW):
            return end
        if name == "xn" and text[end : end + 2] == "--":
            tail = _PUNYCODE_TAIL.match(text, at + 4)
            return -1 if tail is None else tail.end()
        return -1
    window = text[at : at + longest]
    lowered = window.lower()
    if len(lowered) != len(window):  # a character whose lower case is longer (rare)
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in window)
    for names in (generic, country):
        for length in range(len(window), 0, -1):
            end = at + length
            if lowered[:length] in names and (end == size or text[end] not in _TLD_FOLLOW):
                return end
    return -1  # punycode starts with ASCII "xn--": decided above


class _Labels:
    """The dot-separated label runs of one space-free stretch of text.

    validDomain is ``subdomain* domainName TLD`` where a subdomain label may
    hold "_" and a domain-name label may not. The regex takes as many
    subdomains as it can and backs off one label at a time, so the domain name
    is the last label of the dotted chain that is followed by a TLD. With the
    chain's end and the last good label precomputed for every run, each start
    position is answered in constant time.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.first = start
        self.stop = end
        runs = [match.span() for match in _LABEL_RUN.finditer(text, start, end)]
        self.starts = [run[0] for run in runs]
        self.ends = [run[1] for run in runs]
        count = len(runs)
        size = len(text)
        dotted = [
            e < size and text[e] == "." and text[s] not in "-_" and text[e - 1] not in "-_"
            for s, e in runs
        ]
        self.chain_end = [-1] * count
        for index in range(count - 1, -1, -1):
            if not dotted[index]:
                continue
            follows = (
                index + 1 < count
                and dotted[index + 1]
                and self.starts[index + 1] == self.ends[index] + 1
            )
            self.chain_end[index] = self.chain_end[index + 1] if follows else index
        self.last_good = [-1] * count
        self.tld_ends = [-1] * count
        last = -1
        for index, (s, e) in enumerate(runs):
            if dotted[index] and "_" not in text[s:e]:
                self.tld_ends[index] = _tld_end(text, e + 1)
                if self.tld_ends[index] >= 0:
                    last = index
            self.last_good[index] = last

    def domain_end(self, start: int) -> int:
        """Where the domain starting at `start` ends, or -1 when none starts there."""
        text = self.text
        index = bisect.bisect_right(self.starts, start) - 1
        if index < 0 or start >= self.ends[index] or text[start] in "-_":
            return -1
        end = self.ends[index]
        if end >= len(text) or text[end] != "." or text[end - 1] in "-_":
            return -1
        following = index + 1
        if (
            following < len(self.starts)
            and self.starts[following] == end + 1
            and self.chain_end[following] >= 0
        ):
            best = self.last_good[self.chain_end[following]]
            if best > index:
                return self.tld_ends[best]
        if "_" in text[start:end]:
            return -1
        return _tld_end(text, end + 1)


class _UrlMatch(NamedTuple):
    before: str
    start: int
    end: int
    has_scheme: bool
    domain: str
    has_path: bool


def _match_at(text: str, position: int, labels: _Labels) -> _UrlMatch | None:
    """extractUrl.js anchored at `position` (its "preceding character" or the start)."""
    options: list[tuple[str, int]] = []
    if position < len(text) and text[position] not in _BAD_BEFORE:
        options.append((text[position], position + 1))
    if position == 0:
        options.append(("", 0))
    for before, url_start in options:
        head = text[url_start : url_start + 8].lower()
        scheme = 8 if head == "https://" else 7 if head.startswith("http://") else 0
        for domain_start in (url_start + scheme, url_start) if scheme else (url_start,):
            domain_end = labels.domain_end(domain_start)
            if domain_end < 0:
                continue
            tail = _TAIL.match(text, domain_end)
            assert tail is not None  # every part of the tail is optional
            return _UrlMatch(
                before,
                url_start,
                tail.end(),
                domain_start > url_start,
                text[domain_start:domain_end],
                tail["path"] is not None,
            )
    return None


def _iter_matches(text: str) -> Iterator[_UrlMatch]:
    """The matches of the extractor's pattern, leftmost first, as a global scan finds them."""
    position = 0
    labels: _Labels | None = None
    while (candidate := _CANDIDATE.search(text, position)) is not None:
        dot = candidate.start() + 1
        # Back to the space before the candidate (the "preceding character"), not
        # before `position`; most spaces are U+0020, the others are rare.
        space = text.rfind(" ", position, dot)
        start = space if space >= 0 else position
        if _SPACE.search(text, start + 1, dot) is not None:
            start = dot
            while text[start - 1] not in _SPACE_SET:  # stops at the space just found
                start -= 1
            start -= 1
        if labels is None or not labels.first <= start < dot < labels.stop:
            after = _SPACE.search(text, dot)
            labels = _Labels(text, start, len(text) if after is None else after.start())
        for attempt in range(start, dot):
            match = _match_at(text, attempt, labels)
            if match is not None:
                yield match
                position = match.end
                break
        else:
            position = dot


def _ascii_domains(domain: str) -> Iterator[tuple[int, int]]:
    """ValidAsciiDomain over `domain`, as a global scan: ASCII labels, a dot, a TLD."""
    position = 0
    size = len(domain)
    while position < size:
        run = _ASCII_LABEL_RUN.search(domain, position)
        if run is None:
            return
        # A match starting inside this run has the same chain as one at its start.
        best = -1
        end = run.end()
        while end < size and domain[end] == ".":
            tld = _tld_end(domain, end + 1)
            if tld >= 0:
                best = tld
            following = _ASCII_LABEL_RUN.match(domain, end + 1)
            if following is None:
                break
            end = following.end()
        if best >= 0:
            yield (run.start(), best)
            position = best
        else:
            position = run.end()


def _iter_urls(text: str, *, without_scheme: bool) -> Iterator[tuple[int, int]]:
    for match in _iter_matches(text):
        start, end = match.start, match.end
        if not _host_ok(match.domain, end - start, match.has_scheme):
            continue
        if not match.has_scheme:
            if not without_scheme or match.before in _NO_SCHEME_BAD_BEFORE:
                continue
            # Without a scheme only the ASCII part of a domain is a link
            # ("exampleこれは.com" is not; "ELPAÍS.com" is, Latin accents included).
            spans = [(start + s, start + e) for s, e in _ascii_domains(match.domain)]
            if not spans:
                continue
            if match.has_path:
                spans[-1] = (spans[-1][0], end)
            yield from spans
            continue
        tco = _TCO.match(text, start, end)
        if tco is not None:
            if len(tco[1]) > _MAX_TCO_SLUG_LENGTH:
                continue
            end = tco.end()
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
_MENTION = lazy_re(r"(?<![A-Za-z0-9_!#$%&*@＠])[@＠]([A-Za-z0-9_]{1,20})(?![@＠]|://)")
_HASHTAG = lazy_regex(
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
