"""SMS length: GSM 03.38 septets or UCS-2 units, and how many parts a message takes.

Facts from 3GPP TS 23.038 (the GSM 7-bit default alphabet and its extension
table) and TS 23.040 (140 octets of user data; a 6-octet header in each part of
a concatenated message), as stated in ``channel_rules.md`` section 5 and checked
against the Twilio message-segment-calculator and smsutil test vectors:

* GSM-7 when every character is in the basic table (1 septet) or the extension
  table (2 septets: ESC + code); 160 septets in one message, 153 per part.
* Otherwise the whole message is UCS-2: UTF-16 code units, 70 in one message,
  67 per part.
* A part never splits an escape pair, a surrogate pair or a grapheme cluster
  (Twilio keeps clusters whole; so does CR LF here).
"""

from __future__ import annotations

import enum
import math
import re
from typing import Final, final

import attrs

from crisiscomms.text._graphemes import breaks_every, can_join
from crisiscomms.text._patterns import lazy_re, lazy_regex

__all__ = [
    "GSM_BASIC",
    "GSM_EXTENSION",
    "SmsEncoding",
    "SmsLength",
    "non_gsm_characters",
    "sms_counts",
    "sms_length",
    "split_sms",
]

#: The GSM 03.38 basic table (positions 0x00-0x7F without ESC 0x1B), one septet each.
GSM_BASIC: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: The default extension table, two septets each (ESC + code).
GSM_EXTENSION: Final = frozenset("\f^{}\\[~]|€")

_GSM_SINGLE: Final = 160
_GSM_PART: Final = 153
_UCS2_SINGLE: Final = 70
_UCS2_PART: Final = 67

_NON_GSM = lazy_re("[^" + "".join(re.escape(c) for c in sorted(GSM_BASIC | GSM_EXTENSION)) + "]")
_EXTENSION = lazy_re("[" + "".join(re.escape(c) for c in sorted(GSM_EXTENSION)) + "]")
_CLUSTER = lazy_regex(r"\X")
# For ASCII text two byte-level deletions decide faster than a regex scan.
_ASCII_BASIC = bytes(sorted(ord(c) for c in GSM_BASIC if c.isascii()))
_ASCII_EXTENSION = bytes(sorted(ord(c) for c in GSM_EXTENSION if c.isascii()))


@final
class SmsEncoding(enum.StrEnum):
    """The encoding an SMS is sent in.

    >>> str(SmsEncoding.UCS_2)
    'UCS-2'
    """

    GSM_7 = "GSM-7"
    UCS_2 = "UCS-2"


@final
@attrs.frozen
class SmsLength:
    """Length of one SMS: its encoding, its units (septets or UTF-16 units), its parts.

    >>> sms_length("Coupure réseau: retour prévu 18h")
    SmsLength(encoding=<SmsEncoding.GSM_7: 'GSM-7'>, units=32, segments=1)
    """

    encoding: SmsEncoding
    units: int
    segments: int


def _utf16_units(text: str) -> int:
    if text.isascii():
        return len(text)
    try:
        # The strict codec is the quicker; only a lone surrogate needs the other.
        return len(text.encode("utf-16-le")) // 2
    except UnicodeEncodeError:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _pack(sizes: list[int], part: int) -> int:
    """Parts needed to hold items of `sizes` in order, never splitting one."""
    parts = 1
    used = 0
    for size in sizes:
        if used + size > part and used:
            parts += 1
            used = 0
        used += size
    return parts


def _gsm_sizes(text: str) -> list[int]:
    sizes: list[int] = []
    previous_cr = False
    for char in text:
        size = 2 if char in GSM_EXTENSION else 1
        if previous_cr and char == "\n":
            sizes[-1] += 1  # CR LF is one grapheme: kept in one part
            previous_cr = False
            continue
        sizes.append(size)
        previous_cr = char == "\r"
    return sizes


def non_gsm_characters(text: str) -> tuple[int, ...]:
    """Offsets of the characters of `text` outside GSM-7: each forces UCS-2.

    >>> non_gsm_characters("l’école")
    (1,)
    """
    return tuple(match.start() for match in _NON_GSM.finditer(text))


def sms_length(text: str) -> SmsLength:
    """The encoding, units and number of parts of `text` sent as one SMS.

    >>> sms_length("Coupure réseau : l’équipe est mobilisée " * 2)
    SmsLength(encoding=<SmsEncoding.UCS_2: 'UCS-2'>, units=80, segments=2)
    """
    return SmsLength(*sms_counts(text))


def sms_counts(text: str) -> tuple[SmsEncoding, int, int]:
    """`sms_length` as a tuple (encoding, units, segments), without building the value.

    >>> sms_counts("Bonjour")
    (<SmsEncoding.GSM_7: 'GSM-7'>, 7, 1)
    """
    if text.isascii():
        rest = text.encode("ascii").translate(None, _ASCII_BASIC)
        gsm = not rest or not rest.translate(None, _ASCII_EXTENSION)
        extension = len(rest)
    else:
        gsm = _NON_GSM.search(text) is None
        extension = len(_EXTENSION.findall(text)) if gsm else 0
    if not gsm:
        return _ucs2_counts(text)
    units = len(text) + extension
    if units <= _GSM_SINGLE:
        return SmsEncoding.GSM_7, units, 1 if units else 0
    if units == len(text) and "\r\n" not in text:
        return SmsEncoding.GSM_7, units, math.ceil(units / _GSM_PART)
    return SmsEncoding.GSM_7, units, _pack(_gsm_sizes(text), _GSM_PART)


def _ucs2_counts(text: str) -> tuple[SmsEncoding, int, int]:
    units = _utf16_units(text)
    if units <= _UCS2_SINGLE:
        return SmsEncoding.UCS_2, units, 1
    if units == len(text):
        # One UTF-16 unit per code point. With a cluster boundary at each multiple of
        # a part, every part but the last is full: the parts follow, and only the
        # characters around those offsets are looked at, whatever the length.
        if breaks_every(text, _UCS2_PART):
            return SmsEncoding.UCS_2, units, math.ceil(units / _UCS2_PART)
    elif "\r\n" not in text and not can_join(text):
        # Every code point is a cluster of its own (two units outside the plane).
        return SmsEncoding.UCS_2, units, _pack(_code_point_sizes(text), _UCS2_PART)
    return SmsEncoding.UCS_2, units, _ucs2_segments_by_cluster(text)


def _code_point_sizes(text: str) -> list[int]:
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def _ucs2_segments_by_cluster(text: str) -> int:
    """Parts of a UCS-2 `text`, segmenting it into grapheme clusters (the general way)."""
    sizes = [_utf16_units(cluster) for cluster in _CLUSTER.findall(text)]
    if max(sizes) > _UCS2_PART:
        # A cluster longer than a part (a pathological run of combining marks) is
        # split between code points, keeping surrogate pairs whole.
        sizes = _code_point_sizes(text)
    return _pack(sizes, _UCS2_PART)


def _gsm_items(text: str) -> list[str]:
    items: list[str] = []
    for char in text:
        if char == "\n" and items and items[-1] == "\r":
            items[-1] = "\r\n"
        else:
            items.append(char)
    return items


def split_sms(text: str) -> tuple[str, ...]:
    """The parts `text` is sent in, as the rules above split it.

    >>> [len(part) for part in split_sms("1" * 152 + "{" + "1" * 12)]
    [152, 13]
    """
    length = sms_length(text)
    if length.segments <= 1:
        return (text,) if text else ()
    if length.encoding is SmsEncoding.GSM_7:
        items = _gsm_items(text)
        part = _GSM_PART
        sizes = [sum(2 if c in GSM_EXTENSION else 1 for c in item) for item in items]
    else:
        items = _CLUSTER.findall(text)
        part = _UCS2_PART
        sizes = [_utf16_units(item) for item in items]
        if max(sizes) > part:
            items = list(text)
            sizes = _code_point_sizes(text)
    parts: list[str] = []
    current: list[str] = []
    used = 0
    for item, size in zip(items, sizes, strict=True):
        if used + size > part and used:
            parts.append("".join(current))
            current = []
            used = 0
        current.append(item)
        used += size
    parts.append("".join(current))
    return tuple(parts)
