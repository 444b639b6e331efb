"""Phone numbers as libphonenumber reads them, in the reader's region.

A cheap pattern finds the candidates (a ``+`` or ``00`` and a country code,
a trunk ``0``, ``(212)``, or three digit groups and more); Google's
libphonenumber metadata (the ``phonenumberslite`` package) then decides
whether the candidate is a number of the reader's region and gives it in
E.164 (``+34944123456`` for "944 123 456" read in Spain). The metadata is
loaded on the first candidate, never at import. Nothing here knows about
plans.
"""

from __future__ import annotations

import functools
import re
from types import ModuleType

from babel import Locale, UnknownLocaleError
from babel.core import get_global

__all__ = ["NATIONAL_CANDIDATE", "PHONE_CANDIDATE", "normalize_phone", "phone_region"]

_NON_DIGIT = re.compile(r"\D")
_SEPARATORS = r"[\s.\-\u00a0\u202f]"
#: A number as people write it: international, with a trunk 0, or US style.
PHONE_CANDIDATE = re.compile(
    r"(?<![\w+])(?<!\d[\s\u00a0\u202f])(?:(?P<intl>(?:\+|00)[1-9])[\d\s.\-()\u00a0\u202f]{6,22}\d"
    r"|\(?0\d{1,4}\)?(?:" + _SEPARATORS + r"?\d{2,4}){2,5}"
    # German style, the area code before a slash: "0800/1234567", "089/123 456".
    r"|0\d{2,4}/\d{3,8}(?:-\d{1,5})?"
    r"|\(\d{3}\)[\s.\-]?\d{3}[\s.\-]\d{4}"
    r"|\d{3}[.\-]\d{3}[.\-]\d{4})(?![\w])"
)
#: A national number without a trunk 0, in groups ("944 123 456", "212 555 0100"):
#: read as a phone number only when the region's metadata says it is one. A run of
#: digits without a separator is a count ("260000000", as babel writes it in de_CH).
NATIONAL_CANDIDATE = re.compile(
    r"(?<![\w+.,’'])[1-9]\d{1,3}(?:" + _SEPARATORS + r"\d{2,4}){2,4}(?![\w])"
)


#: A national number in one run of digits ("944123456"): a phone number only after a
#: word that announces one (`PHONE_WORDS`), since babel writes counts that way too.
UNGROUPED_CANDIDATE = re.compile(r"(?<![\w+.,’'])[1-9]\d{8,10}(?![\w])")
#: What stands before a phone number in one run of digits: "llame al", "Tel.", "Hotline:",
#: or an e-mail address and "or" ("info@lumea.es o 944123456").
PHONE_WORDS = re.compile(
    r"(?i)(?:\b(?:llame|llamar|llámenos|teléfono|telefono|tel|tél|tlf|tfno|móvil|movil|whatsapp"
    r"|call|phone|ring|dial|appelez|appeler|téléphone|telephone|numéro|rufen|telefon|hotline"
    r"|helpline|ayuda|help|hilfe|aide|atención|contacto|kontakt|contact|sms|fax)\b\.?"
    r"(?:\s+[^\W\d]+\.?){0,2}"
    r"|@[\w.\-]+\.[a-z]{2,}\s+(?:o|or|ou|oder|y|and|et|und))[\s:\u00a0]*\Z"
)


@functools.cache
def _library() -> ModuleType:
    """libphonenumber, imported on first use: its metadata costs about 100 ms to load."""
    import phonenumbers  # noqa: PLC0415 - lazy on purpose

    return phonenumbers


@functools.cache
def phone_region(locale: str) -> str | None:
    """The region whose numbers a reader of `locale` dials without a country code.

    The locale's territory, else the one CLDR finds likeliest for its language.

    >>> phone_region("es_ES"), phone_region("en"), phone_region("fr_CA")
    ('ES', 'US', 'CA')
    """
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    if parsed.territory:
        return str(parsed.territory)
    likely = get_global("likely_subtags").get(parsed.language, "")
    parts = [part for part in likely.split("_") if len(part) == 2 and part.isupper()]
    return parts[0] if parts else None


@functools.lru_cache(maxsize=4096)
def parsed_phone(text: str, region: str | None) -> str | None:
    """`text` in E.164 when libphonenumber finds a valid number in it, else None.

    >>> parsed_phone("944 123 456", "ES"), parsed_phone("123 456 789", "ES")
    ('+34944123456', None)
    """
    library = _library()
    try:
        number = library.parse(text, region)
    except library.NumberParseException:
        return None
    if not library.is_valid_number(number):
        return None
    return str(library.format_number(number, library.PhoneNumberFormat.E164))


def _digits_only(number: str) -> str | None:
    """The digits of a number no metadata knows: ``+`` and the country code when written."""
    text = number.strip()
    international = text.startswith(("+", "00"))
    digits = _NON_DIGIT.sub("", text.replace("(0)", "") if international else text)
    if international:
        if text.startswith("00"):
            digits = digits[2:]
        return f"+{digits}" if 8 <= len(digits) <= 15 else None
    return digits if 9 <= len(digits) <= 11 else None


def _valid(text: str, region: str | None) -> str | None:
    """`parsed_phone` of a number as written: ``00`` is ``+``, ``(0)`` after a code is dropped."""
    text = text.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+"):
        text = text.replace("(0)", "")
    elif region is None:
        return None
    return parsed_phone(text, region)


def normalize_phone(number: str, region: str | None = None) -> str | None:
    """A phone number in one comparable form.

    In E.164 (``+`` and the country code) when libphonenumber reads a valid
    number, in `region` when the number is written without a country code.
    Otherwise (a made-up number, an unknown region) the digits, with ``+``
    and the country code when written internationally: ``(0)`` after a
    country code is dropped and ``00`` becomes ``+``. None when the digits
    are too few or too many to be a phone number.

    >>> normalize_phone("+33 (0)9 70 80 90 00"), normalize_phone("09.70.80.90.00")
    ('+33970809000', '0970809000')
    >>> normalize_phone("09.70.80.90.00", "FR"), normalize_phone("(212) 555-0100", "US")
    ('+33970809000', '+12125550100')
    """
    return _valid(number, region) or _digits_only(number)


def phone_in(candidate: str, region: str | None, *, national: bool) -> tuple[int, str] | None:
    """The longest valid number at the start of `candidate`: its length and value.

    A pattern's candidate may run on into the next figure ("+34 944 12 34 56
    120 técnicos"): groups are dropped from its end until the metadata finds
    a valid number. A `national` candidate (no ``+``, no trunk 0) counts only
    when valid; the others fall back to their digits as written.
    """
    # Written without a country code, a number has 9 digits or more: "02.01.2001" and
    # "03.01.01" are dates, though some plans hold numbers that short.
    least = 8 if candidate.startswith(("+", "00")) else 9
    if len(_NON_DIGIT.sub("", candidate)) < least:
        return None
    end: int | None = len(candidate)
    while end is not None:
        found = _valid(candidate[:end], region)
        if found is not None:
            return end, found
        end = _shorter(candidate, end, least)
    if national:
        return None
    loose = _digits_only(candidate)
    return (len(candidate), loose) if loose is not None else None


def _shorter(candidate: str, end: int, least: int) -> int | None:
    """The end of `candidate` without its last group of digits, if `least` digits remain."""
    index = end
    while index > 0 and candidate[index - 1].isdigit():
        index -= 1
    while index > 0 and not candidate[index - 1].isdigit():
        index -= 1
    if len(_NON_DIGIT.sub("", candidate[:index])) < least:
        return None
    return index
