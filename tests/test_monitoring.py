from __future__ import annotations

import functools
import math
import pickle
import runpy
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms import (
    ClaimMatch,
    Evidence,
    InputError,
    KnownClaim,
    Mention,
    ModelError,
    NaiveDatetimeError,
    PartialSignals,
    Plan,
    PlanError,
    Situation,
    Verdict,
    build_claim_index,
    load_plan,
    match_claims,
    measure_signals,
    partial_signals,
    recommend_escalation,
    triage,
)
from crisiscomms._monitoring import _claims
from crisiscomms.model._elements import SIGNALS
from crisiscomms.samples import demo_plan, demo_situation
from crisiscomms.text import _folding
from crisiscomms.text._denial import denies
from crisiscomms.text._folding import word_list, words
from crisiscomms.text._stemming import stem
from tests.strategies import INSTANTS, MENTION_TEXTS, NEAR_INSTANTS

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 11, 0, tzinfo=PARIS)
HOUR = timedelta(hours=1)
ROOT = Path(__file__).resolve().parent.parent
CLAIMS = demo_plan().claims


def mention(text: str = "Lumea", minutes_ago: float = 1, **fields: Any) -> Mention:
    fields.setdefault("locale", "fr_FR")
    return Mention(text=text, at=NOW - timedelta(minutes=minutes_ago), **fields)


def claim(id: str, verdict: str = "false", **patterns: list[list[str]]) -> KnownClaim:
    return KnownClaim(id=id, statement=id, verdict=verdict, patterns=patterns)


def matched(mentions: Iterable[Mention], claims: Iterable[KnownClaim] = CLAIMS) -> list[str]:
    return [f"{m.index}:{m.claim}" for m in match_claims(mentions, claims)]


def situation(**changes: Any) -> Situation:
    return demo_situation().model_copy(update=changes)


def plan_with(**changes: Any) -> Plan:
    document = demo_plan().model_dump(mode="json")
    document.update(changes)
    return load_plan(document)


class TestMention:
    def test_locale_is_normalised_and_gives_the_language(self) -> None:
        """A locale written 'en-GB' becomes en_GB, language en."""
        m = mention(locale="en-GB")
        assert (m.locale, m.language) == ("en_GB", "en")
        assert mention(locale=None).language is None

    @pytest.mark.parametrize(
        ("fields", "match"),
        [
            ({"at": datetime(2026, 11, 24, 9)}, "expected an aware datetime"),
            ({"sentiment": 1.5}, "less than or equal to 1"),
            ({"sentiment": math.nan}, "finite number"),
            ({"reach": -1}, "greater than or equal to 0"),
            ({"locale": "xx_YY_ZZ"}, "expected a locale known to CLDR"),
        ],
    )
    def test_invalid_fields_are_refused(self, fields: dict[str, Any], match: str) -> None:
        """A mention validates its time, sentiment, reach and locale."""
        values = {"text": "x", "at": NOW, **fields}
        with pytest.raises(ModelError, match=match):
            Mention(**values)

    def test_label_and_negativity(self) -> None:
        """The label is the id, else source/author/time; below 0 is negative."""
        assert mention(id="42").label == "42"
        assert mention(source="x", author="@a", minutes_ago=0).label == (
            "x/@a/2026-11-24T11:00:00+01:00"
        )
        assert mention(sentiment=-0.01).is_negative
        assert not mention(sentiment=0.0).is_negative
        assert not mention().is_negative

    def test_json_round_trip_and_pickle(self) -> None:
        """Mentions travel as JSON and pickle, equal to themselves."""
        m = mention(text="Lumea vend vos données", sentiment=-0.5, reach=10, id="1")
        assert Mention.model_validate_json(m.model_dump_json()) == m
        assert pickle.loads(pickle.dumps(m)) == m


class TestMatchClaims:
    @pytest.mark.parametrize(
        "text",
        [
            "Lumea vend les données de ses clients",
            "LUMEA VEND LES DONNEES",
            "lumea vend les donne\u0301es",  # combining accent
            "#Lumea revend nos données !!!",
            "Données clients : @Lumea_FR les vend... non, Lumea VEND !",
            "\uff2c\uff55\uff4d\uff45\uff41 vend des données",  # full-width
        ],
    )
    def test_folded_variants_match(self, text: str) -> None:
        """Case, accents, Unicode forms and punctuation do not hide a claim."""
        assert matched([mention(text)]) == ["0:data-for-sale"]

    @pytest.mark.parametrize(
        "text",
        [
            "Lumea revendeur de données",  # 'revend' only inside a longer word
            "Lumea vend de l'électricité",  # a keyword missing
            "vend données",  # 'lumea' missing
            "",
            "   ",
        ],
    )
    def test_whole_words_of_one_set_are_needed(self, text: str) -> None:
        """Every keyword of a set must appear as a whole word."""
        assert matched([mention(text)]) == []

    def test_the_mentions_language_decides(self) -> None:
        """English words in a mention tagged French match no English pattern."""
        feed = [
            mention("Lumea is selling our data", locale="fr"),
            mention("Lumea is selling our data", locale="en_US"),
            mention("Lumea is selling our data", locale=None),
            mention("Lumea is selling our data", locale="de"),
        ]
        assert matched(feed) == ["1:data-for-sale"]

    def test_every_verdict_is_matched_and_reported(self) -> None:
        """An unverified claim matches too; only false and misleading count for escalation."""
        [match] = match_claims([mention("Lumea : mon IBAN a fuité")], CLAIMS)
        assert (match.claim, match.verdict, match.rebuttal_key) == (
            "bank-details-leaked",
            Verdict.UNVERIFIED,
            None,
        )
        assert not match.counts_for_escalation

    def test_one_match_per_claim_in_register_order_with_the_first_set(self) -> None:
        """A mention repeating two claims gives two matches, each with its first set."""
        text = "Lumea revend et vend les données, et l'IBAN aussi"
        matches = match_claims([mention(text, id="m")], CLAIMS)
        assert [(m.claim, m.keywords, m.mention_id, m.language) for m in matches] == [
            ("data-for-sale", ("lumea", "vend", "données"), "m", "fr"),
            ("bank-details-leaked", ("lumea", "iban"), "m", "fr"),
        ]

    def test_duplicates_match_as_often_as_given(self) -> None:
        """match_claims matches each mention it is given; signals count duplicates."""
        m = mention("Lumea vend les données", id="1")
        assert matched([m, m, mention("rien")]) == ["0:data-for-sale", "1:data-for-sale"]

    def test_a_keyword_of_several_words_needs_that_run_of_words(self) -> None:
        """'coordonnées bancaires' must appear as those two words in that order."""
        claims = [claim("bank", fr=[["lumea", "coordonnées bancaires"]])]
        assert matched([mention("Lumea : coordonnées bancaires volées")], claims) == ["0:bank"]
        assert matched([mention("Lumea : bancaires, coordonnées")], claims) == []
        assert matched([mention("Lumea : coordonnées très bancaires")], claims) == []

    def test_a_keyword_without_letters_is_refused(self) -> None:
        """A keyword that folds to no word could never match: InputError."""
        with pytest.raises(InputError, match=r"claims\[0\].patterns\['fr'\]"):
            match_claims([], [claim("odd", fr=[["lumea", "!!!"]])])

    @pytest.mark.parametrize(
        ("mentions", "claims", "match"),
        [
            ("text", CLAIMS, "mentions: expected an iterable"),
            ([42], CLAIMS, r"mentions\[0\]: expected a crisiscomms.Mention"),
            ([], 3, "claims: expected an iterable"),
            ([], ["lumea"], r"claims\[0\]: expected a crisiscomms.KnownClaim"),
        ],
    )
    def test_wrong_argument_types(self, mentions: Any, claims: Any, match: str) -> None:
        """Arguments of the wrong type raise InputError."""
        with pytest.raises(InputError, match=match):
            match_claims(mentions, claims)

    def test_any_iterable_is_accepted(self) -> None:
        """Generators of mentions and claims work like tuples."""
        feed = (mention(t) for t in ["x", "Lumea vend données"])
        assert matched(feed, iter(CLAIMS)) == ["1:data-for-sale"]

    def test_results_pickle(self) -> None:
        """Matches cross process boundaries."""
        matches = match_claims([mention("Lumea vend les données")], CLAIMS)
        assert pickle.loads(pickle.dumps(matches)) == matches
        assert isinstance(matches[0], ClaimMatch)

    def test_a_common_keyword_does_not_hide_rarer_sets(self) -> None:
        """Sets sharing a common word are all found, whatever word anchors them."""
        claims = [
            claim(f"c{n}", fr=[["lumea", f"mot{n}"], ["lumea", "panne", f"x{n}"]])
            for n in range(30)
        ]
        feed = [mention(f"Lumea mot{n}") for n in range(30)] + [mention("Lumea panne x7")]
        assert matched(feed, claims) == [f"{n}:c{n}" for n in range(30)] + ["30:c7"]


def brute_force(mentions: list[Mention], claims: list[KnownClaim]) -> list[tuple[int, str]]:
    """Every keyword set checked against every mention: the reference for the index."""
    found = []
    for index, m in enumerate(mentions):
        if m.language is None:
            continue
        language = m.language
        written = list(words(m.text))
        tokens = [stem(w, language) for w in written]
        for c in claims:
            for keywords in c.patterns.get(language, ()):
                runs = [tuple(stem(w, language) for w in words(k)) for k in keywords]
                if all(
                    any(tuple(tokens[i : i + len(r)]) == r for i in range(len(tokens)))
                    for r in runs
                ):
                    stems = {t for r in runs for t in r}
                    at = [i for i, t in enumerate(tokens) if t in stems]
                    own = {w for k in keywords for w in words(k)}
                    if not denies(written, at, language, claim_words=own):
                        found.append((index, c.id))
                    break
    return found


VOCABULARY = ["lumea", "vend", "données", "data", "sell", "panne", "iban", "gaz", "prix"]

CLAIM_STRATEGY = st.builds(
    lambda n, verdict, fr, en: KnownClaim(
        id=f"c{n}", statement="s", verdict=verdict, patterns={"fr": fr, "en": en}
    ),
    n=st.integers(0, 10**6),
    verdict=st.sampled_from(list(Verdict)),
    fr=st.lists(
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3), min_size=1, max_size=3
    ),
    en=st.lists(
        st.lists(st.sampled_from([*VOCABULARY, "lumea data"]), min_size=1, max_size=3),
        min_size=1,
        max_size=2,
    ),
)

MENTIONS = st.builds(
    Mention,
    text=MENTION_TEXTS
    | st.lists(st.sampled_from([*VOCABULARY, "DONNÉES", "Lumea,"]), max_size=8).map(" ".join),
    at=st.one_of(NEAR_INSTANTS, INSTANTS),
    source=st.sampled_from(["x", "facebook", "news", ""]),
    locale=st.sampled_from([None, "fr", "fr_FR", "en_GB", "de"]),
    author=st.sampled_from(["", "@a", "@b"]),
    reach=st.integers(0, 10**12),
    sentiment=st.none() | st.floats(-1, 1),
    id=st.sampled_from(["", "1", "2", "3"]) | st.text(max_size=4),
)


class TestMatchProperties:
    @given(
        mentions=st.lists(MENTIONS, max_size=8),
        claims=st.lists(CLAIM_STRATEGY, max_size=6, unique_by=lambda c: c.id),
    )
    @settings(max_examples=200)
    def test_the_index_finds_exactly_what_brute_force_finds(
        self, mentions: list[Mention], claims: list[KnownClaim]
    ) -> None:
        """Matching through the anchor index equals checking every set of every claim."""
        result = [(m.index, m.claim) for m in match_claims(mentions, claims)]
        assert result == brute_force(mentions, claims)


#: Texts for the Latin-1 path of matching: typographic separators, characters that
#: fold to several (ß, ½), letters without a decomposition, and anything else.
LATIN_1_TEXTS = (
    MENTION_TEXTS
    | st.text(alphabet=st.characters(max_codepoint=0x2100))
    | st.lists(
        st.sampled_from(
            ["l\u2019eau", "\u201cfaux\u201d", "Stra\u00dfe", "\u00bd", "\u00c6", "\u00f8",
             "\u2026", "\u2014", "\u202f", "DONN\u00c9ES", "\u00ff", "\u00b5", "vend", "data"]
        ),
        max_size=8,
    ).map(" ".join)
)  # fmt: skip

GERMAN = ["trinkwasser", "wasser", "arsen", "arsenbelastung", "nicht", "falsch", "im", "lumea"]

GERMAN_CLAIMS = st.lists(
    st.builds(
        lambda n, keywords: KnownClaim(
            id=f"g{n}", statement="s", verdict="false", patterns={"de": keywords}
        ),
        n=st.integers(0, 10**6),
        keywords=st.lists(
            st.lists(st.sampled_from([*GERMAN[:4], "lumea", "im wasser"]), min_size=1, max_size=2),
            min_size=1,
            max_size=2,
        ),
    ),
    max_size=4,
    unique_by=lambda c: c.id,
)


#: Words of many different stems, for registers wider than a machine word.
WIDE = [f"mot{n}" for n in range(150)] + ["données", "vend", "iban", "coordonnées bancaires"]


class TestMatchFastPath:
    @given(LATIN_1_TEXTS)
    @settings(max_examples=300)
    def test_the_latin_1_words_are_the_words(self, text: str) -> None:
        """The bytes read by the matching core are the words of the general path, or None."""
        folded = _folding.latin_1_words(text)
        if folded is None:
            assert not text.isascii(), "an ASCII text always takes the Latin-1 path"
        else:
            general = _folding._WORD.findall(_folding.fold(text))
            assert folded.decode("latin-1").split() == general == word_list(text)

    @given(
        feeds=st.lists(
            st.lists(MENTIONS | st.builds(mention, LATIN_1_TEXTS), max_size=6), max_size=4
        ),
        claims=st.lists(CLAIM_STRATEGY, max_size=6, unique_by=lambda c: c.id),
        bound=st.sampled_from([1, 4, 200_000]),
    )
    @settings(max_examples=150)
    def test_an_index_shared_by_feeds_finds_what_brute_force_finds(
        self, feeds: list[list[Mention]], claims: list[KnownClaim], bound: int
    ) -> None:
        """What an index learns from one feed (bounded or not) never changes the next's matches."""
        index = build_claim_index(claims)
        with mock.patch.object(_claims, "_REMEMBERED", bound):
            for feed in feeds:
                result = [(m.index, m.claim) for m in match_claims(feed, index)]
                assert result == brute_force(feed, claims)

    @given(
        feeds=st.lists(
            st.lists(st.lists(st.sampled_from(GERMAN), max_size=6).map(" ".join), max_size=5),
            max_size=3,
        ),
        claims=GERMAN_CLAIMS,
        bound=st.sampled_from([1, 4, 200_000]),
    )
    @settings(max_examples=100)
    def test_compounds_read_through_a_shared_index_as_alone(
        self, feeds: list[list[str]], claims: list[KnownClaim], bound: int
    ) -> None:
        """German compounds and denials: a shared index matches each mention as a fresh one."""
        index = build_claim_index(claims)
        with mock.patch.object(_claims, "_REMEMBERED", bound):
            for texts in feeds:
                feed = [mention(text, locale="de_DE") for text in texts]
                alone = [
                    (position, m.claim)
                    for position, one in enumerate(feed)
                    for m in match_claims([one], claims)
                ]
                assert [(m.index, m.claim) for m in match_claims(feed, index)] == alone

    @given(
        claims=st.lists(
            st.lists(
                st.lists(st.sampled_from(WIDE), min_size=1, max_size=3), min_size=1, max_size=2
            ),
            min_size=30,
            max_size=60,
        ),
        feed=st.lists(st.lists(st.sampled_from([*WIDE, "faux", "pas"]), max_size=9), max_size=12),
    )
    @settings(max_examples=60)
    def test_a_register_of_more_stems_than_a_machine_word_finds_what_brute_force_finds(
        self, claims: list[list[list[str]]], feed: list[list[str]]
    ) -> None:
        """Registers whose stems need more than 64 bits: matches equal checking every set."""
        register = [
            KnownClaim(id=f"w{n}", statement="s", verdict="false", patterns={"fr": sets})
            for n, sets in enumerate(claims)
        ]
        mentions = [mention(" ".join(words), locale="fr_FR") for words in feed]
        result = [(m.index, m.claim) for m in match_claims(mentions, register)]
        assert result == brute_force(mentions, register)


class TestSignals:
    def test_window_baseline_growth_reach(self) -> None:
        """The window and the baseline window count distinct mentions; growth is the ratio."""
        feed = [mention(minutes_ago=m, reach=10) for m in (0.5, 1, 20, 59, 60, 61, 119, 120.5)]
        s = measure_signals(feed, now=NOW, window=HOUR)
        assert (s.mentions, s.baseline_mentions, s.growth, s.reach) == (4, 3, 4 / 3, 40)
        assert (s.start, s.end, s.window) == (NOW - HOUR, NOW, HOUR)

    def test_growth_from_nothing_is_infinite_and_nothing_is_none(self) -> None:
        """An empty baseline gives infinite growth; two empty windows give none."""
        assert measure_signals([mention()], now=NOW, window=HOUR).growth == math.inf
        assert measure_signals([], now=NOW, window=HOUR).growth is None

    def test_negative_share_counts_scored_mentions_only(self) -> None:
        """The share of negative mentions is over the mentions that have a score."""
        feed = [
            mention(sentiment=-0.5),
            mention(sentiment=0.2, minutes_ago=2),
            mention(minutes_ago=3),
            mention(sentiment=-1, minutes_ago=4),
        ]
        s = measure_signals(feed, now=NOW, window=HOUR)
        assert (s.negative, s.scored, s.negative_share) == (2, 3, 2 / 3)
        assert measure_signals([mention()], now=NOW, window=HOUR).negative_share is None

    def test_claim_matches_count_false_and_misleading_mentions(self) -> None:
        """claim_matches counts mentions repeating a false or misleading claim; claims all."""
        feed = [
            mention("Lumea vend les données et l'IBAN", minutes_ago=1),
            mention("Lumea : IBAN volé", minutes_ago=2),
            mention("Lumea revend les données", minutes_ago=3),
            mention("Lumea vend les données", minutes_ago=90),  # baseline: not counted
        ]
        s = measure_signals(feed, now=NOW, window=HOUR, claims=CLAIMS)
        assert s.claim_matches == 2
        assert s.claims == (("data-for-sale", 2), ("bank-details-leaked", 2))
        assert measure_signals(feed, now=NOW, window=HOUR).claims == ()

    def test_duplicates_are_counted_once_and_reported(self) -> None:
        """Same id, or same text, author and instant (in any zone), is a duplicate."""
        at = NOW - timedelta(minutes=5)
        feed = [
            Mention(text="a", at=at, id="1", author="@x", locale="fr"),
            Mention(text="b", at=at, id="1", author="@y", locale="fr"),  # same id
            Mention(text="a", at=at.astimezone(UTC), author="@x", locale="fr"),  # same content
            Mention(text="a", at=at, author="@z", locale="fr"),  # another author
        ]
        s = measure_signals(feed, now=NOW, window=HOUR)
        assert (s.given, s.mentions, s.duplicates) == (4, 2, 2)

    def test_out_of_order_after_now_empty_and_unknown_language_are_counted(self) -> None:
        """Every oddity of the feed is counted, never dropped silently."""
        feed = [
            mention(minutes_ago=5),
            mention("older", minutes_ago=30),
            mention("later", minutes_ago=-5),  # after now; against the feed's newest-first order
            mention("", minutes_ago=7),
            mention("  ", minutes_ago=8, locale=None),
        ]
        s = measure_signals(feed, now=NOW, window=HOUR)
        assert (s.out_of_order, s.after_end, s.empty, s.without_locale) == (1, 1, 2, 1)
        assert s.mentions == 4  # empty texts still count as volume

    @pytest.mark.parametrize("newest_first", [True, False])
    def test_a_feed_in_either_direction_is_in_order(self, newest_first: bool) -> None:
        """Newest first (as social APIs return it) or oldest first: nothing is out of order."""
        feed = [mention(f"m{i}", minutes_ago=i) for i in range(1, 9)]
        s = measure_signals(feed if newest_first else feed[::-1], now=NOW, window=HOUR)
        assert s.out_of_order == 0
        shuffled = [feed[0], feed[3], feed[1], feed[2], *feed[4:]]
        assert measure_signals(shuffled, now=NOW, window=HOUR).out_of_order == 1

    def test_the_window_end_is_included_and_its_start_excluded(self) -> None:
        """A mention at now counts; one exactly a window ago belongs to the baseline."""
        s = measure_signals(
            [mention(minutes_ago=0), mention(minutes_ago=60)], now=NOW, window=HOUR
        )
        assert (s.mentions, s.baseline_mentions) == (1, 1)

    @pytest.mark.parametrize("window", [timedelta(0), timedelta(minutes=-5), 60])
    def test_window_must_be_a_positive_duration(self, window: Any) -> None:
        """The window is a positive timedelta."""
        with pytest.raises(InputError, match="window"):
            measure_signals([], now=NOW, window=window)

    def test_naive_now_is_refused(self) -> None:
        """measure_signals refuses a naive now."""
        with pytest.raises(NaiveDatetimeError):
            measure_signals([], now=datetime(2026, 11, 24), window=HOUR)

    def test_a_mention_that_bypassed_validation_with_a_naive_time_is_refused(self) -> None:
        """Naive times are refused even on mentions built without validation."""
        naive = Mention.model_construct(
            text="x",
            at=datetime(2026, 11, 24),
            locale="fr",
            source="",
            author="",
            reach=0,
            sentiment=None,
            id="",
        )
        with pytest.raises(NaiveDatetimeError, match=r"mentions\[0\].at"):
            measure_signals([naive], now=NOW, window=HOUR)


def rumour(count: int, *, minutes: float = 50, start: int = 0, **fields: Any) -> list[Mention]:
    """`count` mentions repeating the false claim, spread over the last `minutes`."""
    return [
        mention(
            f"Lumea vend les données de ses clients ({n})",
            minutes_ago=minutes * n / count,
            id=f"r{start + n}",
            **fields,
        )
        for n in range(count)
    ]


class TestEscalation:
    def test_a_spreading_rumour_escalates_moderate_to_high(self) -> None:
        """50 mentions, 20 repeating a false claim, within an hour: rumour-spreading fires."""
        feed = rumour(30) + [mention(f"avis {n}", id=f"o{n}") for n in range(25)]
        escalation = recommend_escalation(
            demo_plan(), situation(severity="moderate"), feed, now=NOW
        )
        assert escalation is not None
        assert (escalation.from_severity, escalation.to_severity, escalation.rule) == (
            "moderate",
            "high",
            "rumour-spreading",
        )
        assert escalation.evidence == (
            Evidence("min_mentions", 50, 55),
            Evidence("min_claim_matches", 20, 30),
        )
        assert escalation.fired == ("rumour-spreading",)
        assert not escalation.is_downgrade
        assert escalation.signals.mentions == 55

    def test_below_a_threshold_nothing_fires(self) -> None:
        """19 matching mentions are one short of the rule."""
        feed = rumour(19) + [mention(f"avis {n}", id=f"o{n}") for n in range(40)]
        assert (
            recommend_escalation(demo_plan(), situation(severity="moderate"), feed, now=NOW)
            is None
        )

    def test_the_highest_severity_among_fired_rules_wins(self) -> None:
        """When both demo rules fire, viral-anger's critical wins over high."""
        feed = rumour(600, sentiment=-0.8) + rumour(100, minutes=50, start=10_000)
        for m in rumour(100, start=20_000):
            feed.append(m.model_copy(update={"at": m.at - HOUR}))
        escalation = recommend_escalation(
            demo_plan(), situation(severity="moderate"), feed, now=NOW
        )
        assert escalation is not None
        assert (escalation.to_severity, escalation.rule) == ("critical", "viral-anger")
        assert escalation.fired == ("rumour-spreading", "viral-anger")
        assert [e.condition for e in escalation.evidence] == [
            "min_mentions",
            "min_growth",
            "min_negative_share",
        ]

    def test_never_down_without_allow_downgrade(self) -> None:
        """At critical, a rule to high that fires changes nothing."""
        assert (
            recommend_escalation(demo_plan(), situation(severity="critical"), rumour(60), now=NOW)
            is None
        )

    def test_a_downgrade_rule_can_lower_the_severity(self) -> None:
        """A rule with allow_downgrade lowers the severity when the storm has passed."""
        rules = [
            {
                "id": "calm",
                "to_severity": "moderate",
                "min_negative_share": 0.0,
                "allow_downgrade": True,
                "window": "PT6H",
            }
        ]
        plan = plan_with(escalation_rules=rules)
        escalation = recommend_escalation(
            plan, situation(severity="critical"), [mention(sentiment=0.5)], now=NOW
        )
        assert escalation is not None
        assert (escalation.to_severity, escalation.is_downgrade) == ("moderate", True)
        assert escalation.signals.window == timedelta(hours=6)

    def test_a_rule_that_holds_the_current_severity_blocks_a_downgrade(self) -> None:
        """The highest fired severity wins, even when it is the current one."""
        rules = [
            {"id": "calm", "to_severity": "low", "min_mentions": 1, "allow_downgrade": True},
            {"id": "hold", "to_severity": "high", "min_mentions": 1},
        ]
        plan = plan_with(escalation_rules=rules)
        assert recommend_escalation(plan, situation(severity="high"), [mention()], now=NOW) is None

    def test_rules_apply_to_their_crisis_types_only(self) -> None:
        """A rule scoped to outages does not fire on a data breach."""
        rules = [
            {
                "id": "outage-noise",
                "to_severity": "critical",
                "min_mentions": 1,
                "crisis_types": ["service-outage"],
            }
        ]
        plan = plan_with(escalation_rules=rules)
        assert recommend_escalation(plan, demo_situation(), [mention()], now=NOW) is None
        scoped = recommend_escalation(
            plan, situation(crisis_type="service-outage"), [mention()], now=NOW
        )
        assert scoped is not None
        assert scoped.to_severity == "critical"

    def test_a_plan_without_rules_recommends_nothing(self) -> None:
        """No rule, no escalation."""
        plan = plan_with(escalation_rules=[])
        assert recommend_escalation(plan, demo_situation(), rumour(100), now=NOW) is None

    def test_triage_order(self) -> None:
        """Claims with a rebuttal first, then reach, negativity, then the oldest first."""
        feed = [
            mention("gros compte", id="big", reach=50_000, minutes_ago=5),
            mention("Lumea vend les données", id="claim-small", reach=10, minutes_ago=4),
            mention("Lumea vend les données", id="claim-big", reach=900, minutes_ago=3),
            mention("Lumea : IBAN ?", id="unverified", reach=60_000, minutes_ago=2),
            mention("furieux", id="angry", reach=100, sentiment=-0.9, minutes_ago=6),
            mention("content", id="happy", reach=100, sentiment=0.9, minutes_ago=7),
            mention("neutre ancien", id="old", reach=100, minutes_ago=30),
            mention("neutre récent", id="new", reach=100, minutes_ago=10),
        ]
        rules = [{"id": "any", "to_severity": "critical", "min_mentions": 1}]
        escalation = recommend_escalation(
            plan_with(escalation_rules=rules), demo_situation(), feed, now=NOW
        )
        assert escalation is not None
        assert [e.mention.id for e in escalation.triage] == [
            "claim-big",
            "claim-small",
            "unverified",
            "big",
            "angry",
            "old",
            "new",
            "happy",
        ]
        first = escalation.triage[0]
        assert first.rebuttal_key == "rumour-rebuttal"
        assert first.claims[0].index == 2  # the position in the mentions given
        assert escalation.triage[2].rebuttal_key is None

    def test_value_laws(self) -> None:
        """Escalations and signals are frozen, equal by value, hashable and picklable."""
        a = recommend_escalation(demo_plan(), situation(severity="moderate"), rumour(60), now=NOW)
        b = recommend_escalation(demo_plan(), situation(severity="moderate"), rumour(60), now=NOW)
        assert a is not None
        assert a == b
        assert hash(a) == hash(b)
        assert hash(a.signals) == hash(b.signals)
        assert pickle.loads(pickle.dumps(a)) == a
        with pytest.raises(AttributeError):
            a.rule = "other"  # type: ignore[misc]
        assert repr(a).startswith("Escalation(from_severity='moderate', to_severity='high'")
        assert "triage" not in repr(a)

    def test_bad_arguments(self) -> None:
        """A naive now, a plan of the wrong type or a foreign situation are refused."""
        with pytest.raises(NaiveDatetimeError):
            recommend_escalation(demo_plan(), demo_situation(), [], now=datetime(2026, 1, 1))
        with pytest.raises(InputError, match="plan: expected"):
            recommend_escalation("plan", demo_situation(), [], now=NOW)  # type: ignore[arg-type]
        with pytest.raises(InputError, match="severity 'extreme'"):
            recommend_escalation(demo_plan(), situation(severity="extreme"), [], now=NOW)


def calm(**conditions: Any) -> Plan:
    """The demo plan with one downgrade rule to moderate over six hours."""
    rule = {"id": "calm", "to_severity": "moderate", "window": "PT6H", "allow_downgrade": True}
    return plan_with(escalation_rules=[{**rule, **conditions}])


class TestCalm:
    """max_* conditions: a downgrade rule fires on a quiet feed, not on the storm."""

    CRITICAL = situation(severity="critical")

    def test_an_empty_feed_is_calm(self) -> None:
        """max_mentions 0 fires on an empty feed, with its evidence."""
        escalation = recommend_escalation(calm(max_mentions=0), self.CRITICAL, [], now=NOW)
        assert escalation is not None
        assert (escalation.to_severity, escalation.is_downgrade) == ("moderate", True)
        assert escalation.evidence == (Evidence("max_mentions", 0, 0),)

    def test_one_neutral_mention_is_not_an_empty_feed(self) -> None:
        """max_mentions 0 does not fire on one neutral mention."""
        feed = [mention(sentiment=0.0)]
        assert recommend_escalation(calm(max_mentions=0), self.CRITICAL, feed, now=NOW) is None

    def test_a_few_friendly_mentions_are_calm_an_angry_storm_is_not(self) -> None:
        """max_negative_share 0.2 with max_mentions 10: calm on friendly, not on angry."""
        plan = calm(max_mentions=10, max_negative_share=0.2)
        friendly = [mention(sentiment=0.5, id=str(n), minutes_ago=n) for n in range(3)]
        angry = [mention(sentiment=-0.8, id=str(n), minutes_ago=n) for n in range(3)]
        assert recommend_escalation(plan, self.CRITICAL, friendly, now=NOW) is not None
        assert recommend_escalation(plan, self.CRITICAL, angry, now=NOW) is None
        many = [mention(sentiment=0.5, id=str(n), minutes_ago=n) for n in range(11)]
        assert recommend_escalation(plan, self.CRITICAL, many, now=NOW) is None

    def test_nothing_to_measure_counts_as_zero(self) -> None:
        """No scored mention is no negative share; an empty feed has no growth."""
        plan = calm(max_negative_share=0.0, max_growth=1.0)
        escalation = recommend_escalation(plan, self.CRITICAL, [], now=NOW)
        assert escalation is not None
        assert {(e.condition, e.observed) for e in escalation.evidence} == {
            ("max_growth", 0.0),
            ("max_negative_share", 0.0),
        }

    def test_growth_from_nothing_is_not_calm(self) -> None:
        """A first mention after a silent window is infinite growth: above any max_growth."""
        assert (
            recommend_escalation(calm(max_growth=5.0), self.CRITICAL, [mention()], now=NOW) is None
        )

    @pytest.mark.parametrize("signal", ["mentions", "reach", "claim_matches"])
    def test_every_count_has_its_max(self, signal: str) -> None:
        """max_reach and max_claim_matches fire at or below the bound like max_mentions."""
        feed = rumour(3, reach=100)
        fired = recommend_escalation(
            calm(**{f"max_{signal}": 10**6}), self.CRITICAL, feed, now=NOW
        )
        assert fired is not None
        assert (
            recommend_escalation(calm(**{f"max_{signal}": 0}), self.CRITICAL, feed, now=NOW)
            is None
        )

    def test_min_above_max_is_a_plan_problem(self) -> None:
        """min_mentions above max_mentions can never hold: refused with the fix."""
        with pytest.raises(PlanError, match="min_mentions at most max_mentions, got 5 above 2"):
            calm(min_mentions=5, max_mentions=2)

    @pytest.mark.parametrize("bad", [{"max_mentions": -1}, {"max_negative_share": 1.5}])
    def test_out_of_range_bounds_are_refused(self, bad: dict[str, Any]) -> None:
        """A negative count or a share above 1 is refused."""
        with pytest.raises(PlanError, match=next(iter(bad))):
            calm(**bad)

    def test_the_schema_has_the_max_conditions(self) -> None:
        """Plan.json_schema lists every max_* condition of a rule."""
        properties = Plan.json_schema()["$defs"]["EscalationRule"]["properties"]
        assert {f"max_{s}" for s in SIGNALS} <= set(properties)


PLAN = demo_plan()


class TestProperties:
    @given(
        mentions=st.lists(MENTIONS, max_size=12),
        now=INSTANTS,
        window=st.timedeltas(min_value=timedelta(microseconds=1)),
        severity=st.sampled_from([s.id for s in PLAN.severities]),
    )
    @settings(max_examples=150)
    def test_any_valid_input_works_or_raises_a_crisiscomms_error(
        self, mentions: list[Mention], now: datetime, window: timedelta, severity: str
    ) -> None:
        """Monitoring functions never raise on valid types (not even CrisisCommsError)."""
        matches = match_claims(mentions, PLAN.claims)
        signals = measure_signals(mentions, now=now, window=window, claims=PLAN.claims)
        escalation = recommend_escalation(PLAN, situation(severity=severity), mentions, now=now)
        assert all(0 <= m.index < len(mentions) for m in matches)
        assert signals.given == len(mentions)
        assert signals.mentions + signals.baseline_mentions <= len(mentions) - signals.duplicates
        if escalation is not None:
            assert len(escalation.triage) == escalation.signals.mentions


def test_monitoring_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/monitoring.py escalates the demo rumour and prints the rebuttal."""
    namespace = runpy.run_path(str(ROOT / "examples" / "monitoring.py"), run_name="example")
    escalation = namespace["main"]()
    assert (escalation.rule, escalation.to_severity) == ("rumour-spreading", "high")
    out = capsys.readouterr().out
    assert "rumour-rebuttal-fr: Faux : Lumea ne vend pas" in out
    assert "rumour-rebuttal-en: False: Lumea does not sell" in out


class TestTimesInTheCallersZone:
    def test_signals_show_their_window_in_the_zone_of_now(self) -> None:
        """`Signals.start` and `end` are in the zone the caller's `now` is in, same instants."""
        from zoneinfo import ZoneInfo

        from crisiscomms import measure_signals

        paris = ZoneInfo("Europe/Paris")
        now = datetime(2026, 11, 24, 10, 0, tzinfo=paris)
        signals = measure_signals([], now=now, window=timedelta(hours=1), claims=())
        assert signals.end == now
        assert signals.end.tzinfo is paris
        assert signals.start.isoformat() == "2026-11-24T09:00:00+01:00"


class TestTables:
    def test_every_report_gives_rows_and_an_escaped_table(self) -> None:
        """Schedule, timeliness and selections: the same keys in every row, HTML escaped."""
        from crisiscomms import evaluate_timeliness, schedule, select_responses
        from crisiscomms.samples import demo_plan, demo_situation

        plan, situation = demo_plan(), demo_situation()
        now = datetime(2026, 11, 24, 10, tzinfo=UTC)
        for value in (
            schedule(plan, situation),
            evaluate_timeliness(plan, situation, [], now=now),
            select_responses(plan, situation, now=now),
        ):
            rows = value.to_records()
            assert rows
            assert len({tuple(row) for row in rows}) == 1
            table = value._repr_html_()
            assert table.count("<tr>") == len(rows) + 1
            assert "<script" not in table


# -- at scale: a claim index built once, signals and triage merged over parts -----------


def _parts_feed(
    sizes: list[int], texts: list[str], reaches: list[int], offsets: list[int]
) -> list[list[Mention]]:
    """Parts of a feed; a duplicate (same id) repeats a mention of its own part only."""
    parts: list[list[Mention]] = []
    n = 0
    for number, size in enumerate(sizes):
        part: list[Mention] = []
        for _ in range(size):
            k = n % len(texts)
            if part and offsets[k % len(offsets)] % 5 == 0:
                part.append(part[-1])  # given again, within its part
            else:
                part.append(
                    mention(
                        texts[k],
                        minutes_ago=offsets[k % len(offsets)],
                        reach=reaches[k % len(reaches)],
                        sentiment=(reaches[k % len(reaches)] % 21 - 10) / 10,
                        id=f"{number}-{n}",
                        author=f"@part{number}",  # so never a duplicate of another part's
                    )
                )
            n += 1
        parts.append(part)
    return parts


PARTS = st.builds(
    _parts_feed,
    st.lists(st.integers(0, 8), min_size=1, max_size=5),
    st.lists(MENTION_TEXTS, min_size=1, max_size=6),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=6),
    st.lists(st.integers(-30, 200), min_size=1, max_size=6),
)


def test_claim_index_pickles_and_matches_as_the_register() -> None:
    """A `ClaimIndex` survives pickling and matches exactly as the register it was built from."""
    index = build_claim_index(CLAIMS)
    shipped = pickle.loads(pickle.dumps(index))
    assert shipped == index
    assert build_claim_index(index) is index
    feed = [mention("LUMEA vend vos DONNÉES", id="a"), mention("iban de Lumea", id="b")]
    assert match_claims(feed, shipped) == match_claims(feed, CLAIMS)
    assert match_claims(feed, shipped)
    assert measure_signals(feed, now=NOW, window=HOUR, claims=shipped) == measure_signals(
        feed, now=NOW, window=HOUR, claims=CLAIMS
    )


def test_claim_index_refuses_what_the_register_refuses() -> None:
    """`build_claim_index` refuses a plan and a keyword without letters, as `match_claims` does."""
    with pytest.raises(InputError, match=r"plan\.claims"):
        build_claim_index(demo_plan())  # type: ignore[arg-type]
    with pytest.raises(InputError, match="letter or digit"):
        build_claim_index([claim("c", fr=[["lumea", "!!"]])])


@given(PARTS, st.sampled_from([HOUR, timedelta(minutes=7), timedelta(days=1)]))
@settings(max_examples=60, deadline=None)
def test_merged_partial_signals_are_the_signals_of_the_whole_feed(
    parts: list[list[Mention]], window: timedelta
) -> None:
    """Parts measured on their own and merged in order give `measure_signals` of the feed."""
    index = build_claim_index(CLAIMS)
    whole = [m for part in parts for m in part]
    measured = [partial_signals(part, now=NOW, window=window, claims=index) for part in parts]
    merged = functools.reduce(PartialSignals.merge, measured)
    assert merged.signals == measure_signals(whole, now=NOW, window=window, claims=CLAIMS)
    # Merging is associative: a tree of merges (as an engine does it) gives the same.
    if len(measured) >= 3:
        assert measured[0].merge(measured[1].merge(measured[2])) == measured[0].merge(
            measured[1]
        ).merge(measured[2])
    assert pickle.loads(pickle.dumps(merged)) == merged


@given(PARTS, st.integers(0, 6))
@settings(max_examples=60, deadline=None)
def test_triage_of_parts_sorted_together_is_the_triage_of_the_feed(
    parts: list[list[Mention]], limit: int
) -> None:
    """Each part's first entries, sorted together by priority, are the feed's first entries."""
    whole = [m for part in parts for m in part]
    expected = triage(whole, now=NOW, window=HOUR, claims=CLAIMS, limit=limit)
    pieces = [triage(part, now=NOW, window=HOUR, claims=CLAIMS, limit=limit) for part in parts]
    merged = sorted((e for piece in pieces for e in piece), key=lambda e: e.priority)[:limit]
    assert [e.mention for e in merged] == [e.mention for e in expected]
    assert [[m.claim for m in e.claims] for e in merged] == [
        [m.claim for m in e.claims] for e in expected
    ]


def test_triage_is_the_order_of_the_escalation() -> None:
    """`triage` over the rule's window orders the mentions as `Escalation.triage` does."""
    feed = [
        mention(f"Lumea vend les données de ses clients #{n}", minutes_ago=n, reach=n % 7,
                sentiment=(n % 5 - 2) / 2, id=str(n))
        for n in range(70)
    ] + [mention("panne ?", minutes_ago=3, reach=900, id="loud")]  # fmt: skip
    escalation = recommend_escalation(demo_plan(), situation(severity="moderate"), feed, now=NOW)
    assert escalation is not None
    assert triage(feed, now=NOW, window=escalation.signals.window, claims=CLAIMS) == (
        escalation.triage
    )


def test_partial_signals_of_other_windows_do_not_merge() -> None:
    """Parts measured with another `now` or window are refused, saying what to do."""
    part = partial_signals([mention()], now=NOW, window=HOUR)
    with pytest.raises(InputError, match="same now and window"):
        part.merge(partial_signals([mention()], now=NOW, window=2 * HOUR))
    with pytest.raises(InputError, match="same now and window"):
        part.merge(partial_signals([mention()], now=NOW + HOUR, window=HOUR))
    with pytest.raises(InputError, match="PartialSignals"):
        part.merge(part.signals)  # type: ignore[arg-type]


@pytest.mark.parametrize("limit", [-1, 1.5, True])
def test_triage_refuses_a_limit_that_is_not_a_count(limit: object) -> None:
    """A negative, fractional or boolean limit is refused; so is a window that is not positive."""
    with pytest.raises(InputError, match="limit"):
        triage([mention()], now=NOW, window=HOUR, limit=limit)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="window"):
        triage([mention()], now=NOW, window=timedelta(0))


def test_monitoring_at_scale_example_equals_one_process() -> None:
    """The Dask example (a local process scheduler) gives the single-process results."""
    pytest.importorskip("dask.bag")
    namespace = runpy.run_path(str(ROOT / "examples" / "monitoring_at_scale.py"), run_name="t")
    feed = namespace["generate_feed"](3_000)
    index = build_claim_index(namespace["REGISTER"])
    distributed = namespace["on_dask"](feed, index, partitions=4, scheduler="processes")
    single = namespace["in_one_process"](feed, index)
    assert distributed == single
    matches, signals, entries = single
    assert matches
    assert signals.claim_matches > 0
    assert entries


@given(
    mentions=st.lists(MENTIONS, max_size=12),
    claims=st.lists(CLAIM_STRATEGY, max_size=4, unique_by=lambda c: c.id),
    now=st.one_of(st.just(NOW), INSTANTS),
    window=st.sampled_from([HOUR, timedelta(minutes=7), timedelta(days=400)]),
    cut=st.slices(14),
)
@settings(max_examples=150, deadline=None)
def test_lazy_triage_is_the_tuple_of_its_entries(
    mentions: list[Mention], claims: list[KnownClaim], now: datetime, window: timedelta, cut: slice
) -> None:
    """`Escalation.triage` made when read equals, slices and prints as the tuple built at once."""
    from crisiscomms._monitoring import _escalation, _signals

    index = _claims.claim_index(claims)[1]
    now_us = _signals.micros(now)
    feed = _signals.read_feed(tuple(mentions), now_us)
    first = _signals.first_after(feed.times, now_us - window // _signals.MICROSECOND)
    matches = _signals.matches_in(feed, first, index)
    order = _escalation.triage_order(feed, range(first, len(feed.times)), matches)
    eager = _escalation.triage_entries(feed, order, matches)
    lazy = _escalation.TriageEntries(feed, order, matches)
    again = _escalation.TriageEntries(feed, list(order), dict(matches))
    assert lazy == eager
    assert eager == lazy
    assert (lazy != eager) is False
    assert lazy == again
    assert lazy == _escalation.TriageEntries(feed, order, matches)
    assert hash(lazy) == hash(eager)
    assert (len(lazy), repr(lazy), tuple(lazy), list(reversed(lazy))) == (
        len(eager), repr(eager), eager, list(reversed(eager)),
    )  # fmt: skip
    span = range(-len(eager), len(eager))
    assert [lazy[i] for i in span] == [eager[i] for i in span]
    assert lazy[cut] == eager[cut]
    assert type(lazy[cut]) is tuple
    assert lazy != list(eager)
    assert lazy != (*eager, None)
    if eager:
        assert lazy != eager[:-1]
        assert lazy != _escalation.TriageEntries(feed, order[:-1], matches)
    with pytest.raises(IndexError):
        lazy[len(eager)]
    assert pickle.loads(pickle.dumps(lazy)) == eager


@functools.cache
def _always_escalating() -> Plan:
    """The demo plan with a rule up on any mention and a downgrade on calm."""
    return plan_with(
        escalation_rules=[
            {"id": "any", "to_severity": "critical", "window": "PT2H", "min_mentions": 1},
            {"id": "calm", "to_severity": "low", "window": "P1D", "allow_downgrade": True,
             "max_mentions": 10**6},
        ]
    )  # fmt: skip


@given(
    mentions=st.lists(MENTIONS, max_size=12),
    now=st.one_of(st.just(NOW), INSTANTS),
    severity=st.sampled_from([s.id for s in PLAN.severities]),
)
@settings(max_examples=80, deadline=None)
def test_escalation_triage_is_the_triage_of_its_window(
    mentions: list[Mention], now: datetime, severity: str
) -> None:
    """The escalation's triage, records and value laws are those of the tuple `triage` gives."""
    always = _always_escalating()
    escalation = recommend_escalation(always, situation(severity=severity), mentions, now=now)
    if escalation is None:
        return
    expected = triage(mentions, now=now, window=escalation.signals.window, claims=always.claims)
    assert escalation.triage == expected
    eager = attrs.evolve(escalation, triage=expected)
    assert eager == escalation
    assert hash(eager) == hash(escalation)
    assert eager.to_records() == escalation.to_records()
    assert eager._repr_html_() == escalation._repr_html_()
