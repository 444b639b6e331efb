"""Look-alike domains: skeletons, edit distance and links on the same site."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiscomms.text._lookalike import distance, host, same_site, skeleton

SHORT = st.text(alphabet="abcrnm0o1l-", max_size=8)
HOST_LABEL = st.text(alphabet="abcdefghijklmopqstuvwxyz", min_size=1, max_size=10)


def reference_distance(a: str, b: str) -> int:
    """Levenshtein distance as its definition states it, by recursion."""

    @functools.cache
    def d(i: int, j: int) -> int:
        if i == 0 or j == 0:
            return i + j
        return min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] != b[j - 1]))

    return d(len(a), len(b))


class TestDistance:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [("lumea", "lumea", 0), ("kitten", "sitting", 3), ("", "lumea", 5), ("lumea", "lmuea", 2)],
    )
    def test_known_pairs(self, a: str, b: str, expected: int) -> None:
        """Classic pairs give their textbook distance."""
        assert distance(a, b) == expected

    @given(SHORT, SHORT)
    def test_matches_the_definition(self, a: str, b: str) -> None:
        """The distance equals the recursive definition of Levenshtein's distance."""
        assert distance(a, b) == reference_distance(a, b)

    @given(SHORT, SHORT, SHORT)
    def test_is_a_metric(self, a: str, b: str, c: str) -> None:
        """Symmetric, zero only for equal strings, and the triangle inequality holds."""
        assert distance(a, b) == distance(b, a)
        assert (distance(a, b) == 0) == (a == b)
        assert distance(a, c) <= distance(a, b) + distance(b, c)


class TestSkeleton:
    @pytest.mark.parametrize(
        ("written", "looks_like"),
        [
            ("www.lumea.fr", "lumeafr"),
            ("LUMEA.FR", "lumeafr"),
            ("1umea.fr", "lumeafr"),  # digit one for l
            ("lum\u0435a.fr", "lumeafr"),  # Cyrillic e
            ("lumea-fr.com", "lumeafrcom"),
            ("rnodern.fr", "modemfr"),  # rn for m
            ("xn--luma-x4d.fr", "lumeafr"),  # punycode of a Cyrillic e, decoded
        ],
    )
    def test_homoglyphs_are_read_as_what_they_imitate(self, written: str, looks_like: str) -> None:
        """Case, www., homoglyphs, hyphens and punycode do not change the skeleton."""
        assert skeleton(written) == looks_like

    @given(st.text())
    def test_any_text_has_a_skeleton_without_separators(self, text: str) -> None:
        """Any string gives a skeleton, never with a dot, hyphen or underscore."""
        result = skeleton(text)
        assert not {".", "-", "_"} & set(result)

    @given(st.lists(HOST_LABEL, min_size=1, max_size=4))
    def test_cyrillic_look_alikes_share_the_skeleton(self, labels: list[str]) -> None:
        """Swapping Latin a, e, o, c for their Cyrillic twins keeps the skeleton."""
        plain = ".".join(labels)
        forged = plain.translate(str.maketrans("aeoc", "\u0430\u0435\u043e\u0441"))
        assert skeleton(forged) == skeleton(plain) == skeleton(plain.upper())


class TestHost:
    @given(st.lists(HOST_LABEL, min_size=1, max_size=4), st.text(max_size=20))
    def test_host_is_between_scheme_and_path(self, labels: list[str], path: str) -> None:
        """The host of scheme://host/path is the host, with or without the scheme."""
        name = ".".join(labels)
        assert host(f"https://{name}/{path}") == name
        assert host(f"{name}/{path}") == name


class TestSameSite:
    @pytest.mark.parametrize(
        ("url", "other", "same"),
        [
            ("https://status.lumea.fr/a", "https://status.lumea.fr/b", True),
            ("https://status.lumea.fr", "https://status.1umea.fr", True),
            ("https://lumea.fr", "https://lumea-fr.com", True),  # the name inside a longer one
            ("https://lumea.fr.example.com", "https://lumea.fr", True),
            ("https://status.lumea.fr", "https://example.org", False),
            ("https://lumea.fr", "https://nordbank.de", False),
        ],
    )
    def test_known_pairs(self, url: str, other: str, same: bool) -> None:
        """Same site, look-alikes and names carried inside longer ones; others differ."""
        assert same_site(url, other) is same

    @given(st.text(max_size=30), st.text(max_size=30))
    def test_symmetric_and_reflexive_for_any_text(self, url: str, other: str) -> None:
        """Any two strings can be compared, in either order, and a link is on its own site."""
        assert same_site(url, other) is same_site(other, url)
        assert same_site(url, url) is True
