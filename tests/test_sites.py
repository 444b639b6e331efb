"""Sites: the first kept link on a link's site, found as the one-by-one loop finds it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crisiscomms.text._lookalike import distance, same_site
from crisiscomms.text._sites import Sites, within_edits

#: Hosts that are look-alikes of each other, hold each other, or are far apart.
HOSTS = st.sampled_from(
    [
        "status.lumea.fr",
        "status.1umea.fr",
        "status.lumea-fr.com",
        "lumea.fr.example.com",
        "lumea.fr",
        "www.lumea.fr",
        "lumaea.fr",
        "xn--lumea-1ua.fr",
        "example.org",
        "examp1e.org",
        "ex.org",
        "a.io",
        "b.io",
        "estado.lumea.es",
        "estado.lumea.com",
        "site12.example5.com",
        "site13.example6.com",
    ]
)
LINKS = st.lists(
    st.one_of(
        st.builds(lambda h, p: f"https://{h}/{p}", HOSTS, st.integers(0, 3)),
        st.builds(
            lambda s: f"https://{s}.com/x",
            st.text(alphabet="abcdl1o0rnm-.", min_size=1, max_size=9),
        ),
    ),
    max_size=30,
)


def one_by_one(links: list[str]) -> list[str]:
    """The group of each link as the loop over every kept link gives it (the reference)."""
    kept: list[tuple[str, str]] = []
    names = []
    for url in links:
        name = next((n for k, n in kept if same_site(url, k)), None)
        if name is None:
            name = url
            kept.append((url, name))
        names.append(name)
    return names


def with_sites(links: list[str]) -> list[str]:
    """The group of each link as `Sites` gives it."""
    sites = Sites()
    names = []
    for url in links:
        name = sites.first_same(url)
        if name is None:
            name = url
            sites.keep(url, name)
        names.append(name)
    return names


class TestSites:
    def test_look_alikes_join_the_first_kept(self) -> None:
        """A look-alike and another page of a kept site take the kept link's name."""
        links = [
            "https://status.lumea.fr/a",
            "https://example.org/",
            "https://status.1umea.fr/b",
            "https://example.org/other",
        ]
        assert with_sites(links) == [links[0], links[1], links[0], links[1]]

    @given(LINKS)
    def test_same_groups_as_the_loop(self, links: list[str]) -> None:
        """Every link gets the group the one-by-one comparison gives it."""
        assert with_sites(links) == one_by_one(links)

    def test_numbered_hosts_group_as_the_loop_does(self) -> None:
        """Hundreds of hosts of one pattern with a counter are grouped as the loop groups them."""
        links = [f"https://site{i}.example{i % 7}.com/p{i}" for i in range(300)]
        assert with_sites(links) == one_by_one(links)


class TestWithinEdits:
    @given(st.text("abc1", max_size=10), st.text("abc1", max_size=10), st.integers(0, 4))
    def test_is_the_distance_bounded(self, a: str, b: str, edits: int) -> None:
        """`within_edits` says exactly whether the Levenshtein distance is at most `edits`."""
        assert within_edits(a, b, edits) is (distance(a, b) <= edits)
