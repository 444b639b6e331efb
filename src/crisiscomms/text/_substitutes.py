"""The nearest GSM-7 text for a character that forces an SMS into UCS-2, and how to show it.

`gsm_substitute` proposes what reads the same in the GSM 03.38 alphabet:
typographic quotes, dashes and spaces by a table (the substitutions SMS
gateways' "smart encoding" makes), accented letters by their Unicode
decomposition (NFKD: ``ú`` is ``u`` with a combining acute; ``²`` is ``2``),
invisible characters by nothing. A letter with no such equivalent (Cyrillic,
Greek, CJK) has none: advice keeps it, never deletes a letter.

`shown` names a character for a message: an invisible or combining one by
its code point and Unicode name, never raw.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from crisiscomms.text._sms import GSM_BASIC, GSM_EXTENSION

__all__ = ["gsm_substitute", "is_invisible", "shown"]

_GSM: Final = GSM_BASIC | GSM_EXTENSION

# Characters outside GSM-7 and the GSM-7 text that reads the same.
_TABLE: Final = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...", "\u2022": "-", "\u00b7": ".", "\u2044": "/",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2002": " ", "\u2003": " ", "\t": " ",
    "\u0153": "oe", "\u0152": "OE", "\u00e6": "ae", "\u00c6": "AE",
    "\u0131": "i", "\u0142": "l", "\u0141": "L", "\u00f0": "d", "\u00d0": "D", "\u00fe": "th",
}  # fmt: skip

#: General categories that show nothing on their own: format and control
#: characters, combining marks, separators other than the space.
_INVISIBLE: Final = frozenset({"Cf", "Cc", "Co", "Cn", "Cs", "Mn", "Me", "Zl", "Zp", "Zs"})


def is_invisible(char: str, /) -> bool:
    r"""True when `char` shows nothing on its own (zero-width, control, combining, odd space).

    >>> is_invisible("\u200b"), is_invisible("\u0301"), is_invisible("ú")
    (True, True, False)
    """
    return char != " " and unicodedata.category(char) in _INVISIBLE


def gsm_substitute(char: str, /) -> str | None:
    r"""The GSM-7 text nearest to `char`, ``""`` to drop an invisible one, None for none.

    >>> gsm_substitute("ú"), gsm_substitute("\u2019"), gsm_substitute("\u200b")
    ('u', "'", '')
    >>> gsm_substitute("ł"), gsm_substitute("д") is None, gsm_substitute("😀") is None
    ('l', True, True)
    """
    if char in _TABLE:
        return _TABLE[char]
    if unicodedata.category(char) in {"Cf", "Mn", "Me"}:
        return ""  # zero-width, joiner, variation selector, lone combining mark
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed == char:
        return None
    # The decomposition without its combining marks, each part by the table.
    near = "".join(
        _TABLE.get(c, c) for c in decomposed if unicodedata.category(c) not in {"Mn", "Me"}
    )
    return near if near and all(c in _GSM for c in near) else None


def shown(char: str, /) -> str:
    r"""`char` for a message: ``'ú' (U+00FA)``, or ``U+200B ZERO WIDTH SPACE`` when invisible.

    >>> shown("ú"), shown("\u200b")
    ("'ú' (U+00FA)", 'U+200B ZERO WIDTH SPACE')
    """
    code = f"U+{ord(char):04X}"
    if is_invisible(char) or not char.isprintable():
        return f"{code} {unicodedata.name(char, 'unnamed character')}"
    return f"{char!r} ({code})"
