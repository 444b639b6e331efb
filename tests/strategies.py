"""Shared hypothesis strategies, one block per concept."""

from __future__ import annotations

from hypothesis import strategies as st

# -- platforms: any text a post could hold, including the hostile ------------------------

#: Any string at all: lone surrogates, controls, unassigned code points.
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400)

#: Text built from the pieces that stress the counters: bidi controls, joiners,
#: emoji parts, GSM extension characters, URLs, placeholders, mentions, CR LF.
_PIECES = [
    "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\ufffe", "\ud800", "\udfff",
    "👨‍👩‍👧‍👦", "🇫🇷", "🏳️‍🌈", "1\u20e3", "\ufe0f", "\U0001f3fd", "e\u0301", "नमस्ते", "故人",
    "{", "€", "’", "ç", "\r\n", "\t", " ", ".", "@ops", "@a@b.example", "#panne",
    "https://status.example.com/x", "example.com", "xn--80ak6aa92e.com", "pаypal.com",
    "{name}", "{{ fact }}", "%(x)s", "http://", "t.co/abc", "a" * 50,
]  # fmt: skip
hostile_text = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)

#: Either kind.
post_text = st.one_of(any_text, hostile_text)
