"""SMS: GSM-7 septets or UCS-2 units, and parts, with Twilio's and smsutil's vectors."""

from __future__ import annotations

import json
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import Channel, Platform, measure
from crisiscomms.platforms import SmsEncoding, Unit, non_gsm_characters, split_sms
from crisiscomms.text import _measure
from crisiscomms.text._graphemes import can_join, count_graphemes
from crisiscomms.text._sms import (
    GSM_BASIC,
    GSM_EXTENSION,
    SmsLength,
    _ucs2_segments_by_cluster,
    sms_length,
)
from tests.conftest import PLATFORM_DATA

SMS = PLATFORM_DATA / "sms"
TWILIO: list[dict[str, Any]] = json.loads(
    (SMS / "twilio_segment_vectors.json").read_text(encoding="utf-8")
)["vectors"]
SMSUTIL: list[dict[str, Any]] = json.loads(
    (SMS / "smsutil_split_vectors.json").read_text(encoding="utf-8")
)["vectors"]
ALPHABET: dict[str, Any] = json.loads((SMS / "gsm0338_alphabet.json").read_text(encoding="utf-8"))
UDH_BITS = 48


def _bits(units: int, encoding: SmsEncoding) -> int:
    return units * (7 if encoding is SmsEncoding.GSM_7 else 16)


class TestTwilioVectors:
    def test_all_53_vectors_are_read(self) -> None:
        """PROVENANCE.md: 53 vectors extracted from the calculator's tests."""
        assert len(TWILIO) == 53

    @pytest.mark.parametrize(
        "vector", TWILIO, ids=[f"{i}-{v['description']}" for i, v in enumerate(TWILIO)]
    )
    def test_conformance(self, vector: dict[str, Any]) -> None:
        """Every field the vector gives holds: encoding, parts, sizes, characters, text."""
        text = vector["text"]
        expected = vector["expected"]
        m = measure(text, "sms")
        assert m.encoding is not None
        assert m.segments is not None
        if "encoding" in expected:
            assert m.encoding == expected["encoding"]
        if "segments" in expected:
            assert m.segments == expected["segments"]
        if "message_size_bits" in expected:
            assert _bits(m.length, m.encoding) == expected["message_size_bits"]
        if "total_size_bits" in expected:
            headers = UDH_BITS * m.segments if m.segments > 1 else 0
            assert _bits(m.length, m.encoding) + headers == expected["total_size_bits"]
        if "characters" in expected:
            # Twilio's "characters": septets in GSM-7, grapheme clusters in UCS-2.
            characters = m.length if m.encoding is SmsEncoding.GSM_7 else count_graphemes(text)
            assert characters == expected["characters"]
        if "unicode_scalars" in expected:
            assert len(text) == expected["unicode_scalars"]
        if "last_segment_text" in expected:
            assert split_sms(text)[-1] == expected["last_segment_text"]
        if "udh_octets_per_segment" in expected:
            assert expected["udh_octets_per_segment"] * 8 == UDH_BITS


class TestSmsutilVectors:
    @pytest.mark.parametrize("vector", SMSUTIL, ids=[v["description"] for v in SMSUTIL])
    def test_conformance(self, vector: dict[str, Any]) -> None:
        """Parts (characters and septets each) and encoded sizes match smsutil's tests."""
        text = vector["text"]
        expected = vector["expected"]
        if "parts" in expected:
            parts = split_sms(text)
            assert [len(part) for part in parts] == [p["chars"] for p in expected["parts"]]
            assert [sms_length(part).units for part in parts] == [
                p["septets"] for p in expected["parts"]
            ]
            assert measure(text, "sms").segments == len(expected["parts"])
        if "gsm7_bytes_hex" in expected:
            m = measure(text, "sms")
            assert m.encoding is SmsEncoding.GSM_7
            assert m.length == len(bytes.fromhex(expected["gsm7_bytes_hex"]))
        if "ucs2_bytes_hex" in expected:
            m = measure(text, "sms")
            assert m.encoding is SmsEncoding.UCS_2
            assert text.encode("utf-16-be").hex() == expected["ucs2_bytes_hex"]
            assert 2 * m.length == len(bytes.fromhex(expected["ucs2_bytes_hex"]))


class TestAlphabet:
    def test_basic_table_matches_the_data(self) -> None:
        """The 127 basic characters are those of gsm0338_alphabet.json (ESC excluded)."""
        basic = {v["char"] for v in ALPHABET["basic"].values() if v["char"] is not None}
        assert basic == GSM_BASIC

    def test_extension_table_matches_the_data(self) -> None:
        """The 10 extension characters are those of the data file."""
        assert {v["char"] for v in ALPHABET["extension"].values()} == GSM_EXTENSION

    def test_lower_case_c_cedilla_forces_ucs2(self) -> None:
        """Only capital Ç is in GSM-7: one ç makes the whole message UCS-2."""
        assert measure("Ça va", "sms").encoding is SmsEncoding.GSM_7
        assert measure("ça va", "sms").encoding is SmsEncoding.UCS_2
        assert non_gsm_characters("ça va") == (0,)


class TestParts:
    def test_empty_message_has_no_part(self) -> None:
        """Nothing to send: zero parts, and no text to split."""
        m = measure("", "sms")
        assert (m.length, m.segments, split_sms("")) == (0, 0, ())

    def test_crlf_stays_in_one_part(self) -> None:
        """CR LF is one grapheme: it moves whole to the next part."""
        text = "a" * 152 + "\r\n" + "b" * 20
        parts = split_sms(text)
        assert parts[0] == "a" * 152
        assert parts[1].startswith("\r\n")
        assert measure(text, "sms").segments == len(parts) == 2

    def test_escape_pairs_after_many_plain_characters(self) -> None:
        """Extension characters count 2 and never straddle two parts."""
        text = "{" * 100
        assert (measure(text, "sms").length, measure(text, "sms").segments) == (200, 2)
        assert [len(p) for p in split_sms(text)] == [76, 24]

    def test_a_grapheme_longer_than_a_part_is_split_by_code_points(self) -> None:
        """A pathological cluster (a letter with 100 marks) is cut, surrogate pairs kept."""
        text = "a" + "\u0301" * 100
        parts = split_sms(text)
        assert [len(p) for p in parts] == [67, 34]
        assert measure(text, "sms").segments == 2

    def test_ucs2_unit_and_recommended_length(self) -> None:
        """UCS-2 is counted in UTF-16 units and one part holds 70."""
        m = measure("😀" * 40, "sms")
        assert (m.unit, m.length, m.recommended, m.segments) == (Unit.UTF16_UNITS, 80, 70, 2)
        gsm = measure("hello", "sms")
        assert (gsm.unit, gsm.recommended) == (Unit.SEPTETS, 160)

    @pytest.mark.parametrize("text", ["a" * 400, "é" * 300 + "[", "’" * 200, "😀" * 90 + "x"])
    def test_split_and_measure_agree(self, text: str) -> None:
        """The number of parts split_sms makes is the number measure reports."""
        parts = split_sms(text)
        assert "".join(parts) == text
        assert len(parts) == measure(text, "sms").segments


#: Text that UCS-2 SMS really carry: Greek, Arabic, French with typographic
#: marks, CJK, emoji (with and without joiners and modifiers), combining marks,
#: CR LF, characters outside the Basic Multilingual Plane and lone surrogates.
_UCS2_PIECES = st.sampled_from(
    [
        "Ελλάδα ",
        "السلام عليكم ",
        "l’équipe ",
        "« oui » ",
        "停电 ",
        "😀",
        "👍🏽",
        "👨‍👩‍👧",
        "🇫🇷",
        "e\u0301",
        "\u0651",
        "\r\n",
        "\r",
        "\n",
        "𝒜",
        "\ud800",
        "a",
        " ",
        "{",
        "ç",
    ]
)
ucs2_text = st.one_of(
    st.lists(_UCS2_PIECES, max_size=120).map("".join),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=300),
)


class TestUcs2FastPath:
    @given(ucs2_text)
    def test_parts_equal_the_cluster_by_cluster_count(self, text: str) -> None:
        """On any text the arithmetic count of UCS-2 parts is the segmenting one."""
        length = sms_length(text)
        if length.encoding is SmsEncoding.UCS_2 and length.units > 70:
            assert length.segments == _ucs2_segments_by_cluster(text)
        assert length.segments == len(split_sms(text))

    @pytest.mark.parametrize("vector", [*TWILIO, *SMSUTIL], ids=lambda v: v["description"])
    def test_conformance_vectors_take_either_path_alike(self, vector: dict[str, Any]) -> None:
        """Every conformance vector in UCS-2 gets the same count both ways."""
        text = vector["text"]
        length = sms_length(text)
        if length.encoding is SmsEncoding.UCS_2 and length.units > 70:
            assert length.segments == _ucs2_segments_by_cluster(text)

    @settings(max_examples=300)
    @given(
        st.sampled_from(["Ελλάδα ", "l’équipe ", "السلام ", "停电 ", "ç"]),
        st.lists(st.integers(60, 210), max_size=3),
        _UCS2_PIECES,
        st.integers(71, 280),
    )
    def test_a_cluster_on_a_part_boundary_is_counted_as_segmenting_does(
        self, filler: str, offsets: list[int], piece: str, length: int
    ) -> None:
        """Pieces put on and around the offsets 67, 134, 201: both counts agree."""
        text = (filler * (length // len(filler) + 1))[:length]
        for offset in sorted(offsets, reverse=True):
            text = text[:offset] + piece + text[offset:]
        length_ = sms_length(text)
        assert length_.encoding is SmsEncoding.UCS_2
        assert length_.segments == _ucs2_segments_by_cluster(text) == len(split_sms(text))

    def test_a_mark_on_the_boundary_moves_the_cluster_to_the_next_part(self) -> None:
        """134 Greek letters fill two parts; a mark on the 67th letter needs a third."""
        text = "α" * 134
        assert sms_length(text).segments == 2
        marked = text[:67] + "\u0301" + text[67:]
        assert sms_length(marked).segments == _ucs2_segments_by_cluster(marked) == 3

    def test_the_fast_path_covers_the_common_alphabets(self) -> None:
        """Greek, Arabic, CJK and French with an apostrophe need no segmenting."""
        for text in ("Ελλάδα " * 50, "السلام عليكم " * 30, "停电" * 40, "l’école " * 30):
            assert not can_join(text)
        assert can_join("e\u0301")
        assert can_join("👍🏽")
        assert not can_join("abc")


class TestMeasurementsKept:
    def test_texts_of_the_same_counts_share_an_equal_measurement(self) -> None:
        """Two texts with the same length and parts measure equal; other limits differ."""
        first = measure("Ελλάδα " * 20, "sms")
        second = measure("l’école " * 17 + "abcd", "sms")
        assert (first.length, first.segments) == (second.length, second.segments) == (140, 3)
        assert first == second
        channel = Channel(id="sms-main", platform=Platform.SMS, max_length=100)
        wider = measure("Ελλάδα " * 20, channel)
        assert (wider.limit, wider.fits, wider.remaining) == (100, False, -40)
        limit = measure("x", "sms").limit
        assert limit is not None
        assert (first.limit, first.remaining) == (limit, limit - 140)

    def test_the_memory_is_bounded(self) -> None:
        """However many distinct lengths are measured, a bounded number is kept."""
        for n in range(_measure._MEASUREMENTS_MAX + 10):
            assert measure("é" * n, "sms").length == n
        assert 0 < len(_measure._MEASUREMENTS) <= _measure._MEASUREMENTS_MAX


class TestSmsLengthValue:
    def test_is_a_frozen_value(self) -> None:
        """Equal when equal, hashable, immutable and picklable, like every result."""
        length = sms_length("l’école " * 20)
        assert length == SmsLength(SmsEncoding.UCS_2, 160, 3)
        assert hash(length) == hash(SmsLength(SmsEncoding.UCS_2, 160, 3))
        assert pickle.loads(pickle.dumps(length)) == length
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            length.units = 1  # type: ignore[misc]
