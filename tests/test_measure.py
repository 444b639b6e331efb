"""`measure` and `Measurement`: every platform, channels, bad input, value laws."""

from __future__ import annotations

import inspect
import pickle
import types
from dataclasses import dataclass

import attrs
import pytest
from hypothesis import given, settings

import crisiscomms
from crisiscomms import (
    Channel,
    CrisisCommsError,
    InputError,
    Measurement,
    Platform,
    UnknownPlatformError,
    measure,
)
from crisiscomms.platforms import RULES, ChannelLike, PlatformRule, Unit
from crisiscomms.text import _measure
from tests.strategies import post_text


@dataclass(frozen=True)
class _Channel:
    """A channel that is not the model's: anything with platform and max_length works."""

    platform: Platform
    max_length: int | None = None


class TestRuleTable:
    def test_every_platform_has_a_rule(self) -> None:
        """Each `Platform` value is a key of RULES, with its platform set."""
        for platform in Platform:
            assert RULES[platform].platform is platform

    def test_every_rule_names_its_source(self) -> None:
        """Rules say where they come from and how sure they are."""
        for rule in RULES.values():
            assert rule.source
            assert rule.confidence in {"A", "B", "C"}

    @pytest.mark.parametrize(
        ("name", "limit", "unit"),
        [
            ("x", 280, Unit.WEIGHTED),
            ("bluesky", 300, Unit.GRAPHEMES),
            ("mastodon", 500, Unit.GRAPHEMES),
            ("threads", 500, Unit.CHARACTERS_EMOJI_AS_BYTES),
            ("linkedin", 3000, Unit.CHARACTERS),
            ("linkedin_comment", 1250, Unit.CHARACTERS),
            ("facebook", 63206, Unit.CHARACTERS),
            ("instagram", 2200, Unit.CHARACTERS),
            ("whatsapp", 4096, Unit.CHARACTERS),
            ("telegram", 4096, Unit.UTF16_UNITS),
            ("telegram_caption", 1024, Unit.UTF16_UNITS),
            ("slack", 40000, Unit.CHARACTERS),
            ("teams", 28000, Unit.UTF16_BYTES),
            ("discord", 2000, Unit.UTF16_UNITS),
            ("email_subject", 998, Unit.CHARACTERS),
            ("cap_headline", 160, Unit.CHARACTERS),
            ("email", None, Unit.CHARACTERS),
            ("web", None, Unit.CHARACTERS),
            ("press", None, Unit.CHARACTERS),
        ],
    )
    def test_limits_and_units(self, name: str, limit: int | None, unit: Unit) -> None:
        """The limits and units of channel_rules.md."""
        assert (RULES[name].limit, RULES[name].unit) == (limit, unit)

    def test_the_table_cannot_be_changed(self) -> None:
        """RULES is read-only; a different limit is a channel's max_length or a new rule."""
        with pytest.raises(TypeError):
            RULES["x"] = RULES["bluesky"]  # type: ignore[index]


class TestUnits:
    @pytest.mark.parametrize(
        ("platform", "text", "length"),
        [
            ("threads", "Alerte 🔥", 11),
            ("threads", "👨‍👩‍👧‍👦", 25),
            ("threads", "plain", 5),
            ("telegram", "😀a", 3),
            ("discord", "😀a", 3),
            ("teams", "😀a", 6),
            ("teams", "ab", 4),
            ("facebook", "😀a", 2),
            ("email_subject", "Panne 😀", 7),
        ],
    )
    def test_lengths(self, platform: str, text: str, length: int) -> None:
        """Each unit counts as channel_rules.md says."""
        assert measure(text, platform).length == length

    def test_utf8_byte_unit(self) -> None:
        """A rule counted in UTF-8 bytes (for a custom channel) counts bytes."""
        rule = attrs.evolve(RULES["web"], unit=Unit.UTF8_BYTES, limit=10)
        assert measure("é😀", rule).length == 6

    def test_recommended_length(self) -> None:
        """Over 78 an e-mail subject still fits but is over the recommended length."""
        m = measure("s" * 90, "email_subject")
        assert (m.fits, m.recommended, m.over, m.over_recommended) == (True, 78, 0, 12)

    def test_no_limit(self) -> None:
        """Web and press have no limit: everything fits, nothing remains to count."""
        m = measure("x" * 100_000, Platform.PRESS)
        assert (m.limit, m.remaining, m.fits, m.over) == (None, None, True, 0)

    def test_x_byte_cap(self) -> None:
        """X also caps 5,708 UTF-8 bytes: long links can break it while the weight fits."""
        url = "https://example.com/" + "a" * 3000
        m = measure(f"{url} {url}", "x")
        assert m.length == 47
        assert m.byte_length is not None
        assert m.byte_length > 5708
        assert m.fits is False


class TestPlatformArgument:
    def test_platform_name_and_enum_agree(self) -> None:
        """ "x" and Platform.X are the same rule."""
        assert measure("hello", "x") == measure("hello", Platform.X)

    def test_unknown_name_lists_the_known_ones(self) -> None:
        """An unknown name raises UnknownPlatformError naming every rule."""
        with pytest.raises(UnknownPlatformError) as info:
            measure("hello", "myspace")
        assert info.value.name == "myspace"
        assert set(info.value.known) == set(RULES)
        assert "'bluesky'" in str(info.value)

    def test_model_channel_overrides_the_limit(self) -> None:
        """A plan's Channel with max_length measures against it."""
        channel = Channel(id="sms-2", platform="sms", max_length=306)
        m = measure("a" * 300, channel)
        assert (m.limit, m.fits, m.segments) == (306, True, 2)

    def test_model_channel_without_max_length_keeps_the_default(self) -> None:
        """max_length None means the platform's limit."""
        assert measure("a", Channel(id="b", platform="bluesky")).limit == 300

    def test_any_channel_like_object(self) -> None:
        """The ChannelLike protocol is structural: a dataclass works too."""
        channel = _Channel(Platform.X, 100)
        assert isinstance(channel, ChannelLike)
        assert measure("a" * 150, channel).over == 50

    def test_a_rule_value(self) -> None:
        """A modified rule (attrs.evolve) is accepted as it is."""
        rule = attrs.evolve(RULES["bluesky"], limit=10)
        assert measure("a" * 12, rule).over == 2

    @pytest.mark.parametrize("wrong", [None, 3, object(), ["x"]])
    def test_wrong_platform_type(self, wrong: object) -> None:
        """Anything else is an InputError saying what is accepted."""
        with pytest.raises(InputError, match="a Platform, a platform name"):
            measure("hello", wrong)  # type: ignore[arg-type]

    @pytest.mark.parametrize("wrong", [None, b"bytes", 42])
    def test_text_must_be_a_string(self, wrong: object) -> None:
        """Text that is not a str is an InputError."""
        with pytest.raises(InputError, match="text: expected a str"):
            measure(wrong, "x")  # type: ignore[arg-type]


class TestMeasurementValue:
    def test_frozen(self) -> None:
        """A measurement cannot be changed in place."""
        m = measure("hello", "x")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            m.length = 3  # type: ignore[misc]

    def test_equal_hashable_picklable(self) -> None:
        """Equal inputs give equal, hashable values that survive pickling."""
        a, b = measure("hello", "sms"), measure("hello", "sms")
        assert a == b
        assert hash(a) == hash(b)
        assert pickle.loads(pickle.dumps(a)) == a

    def test_repr_names_the_public_class(self) -> None:
        """The repr reads as the public name with its fields."""
        assert repr(measure("hi", "x")).startswith("Measurement(length=2, limit=280")
        assert crisiscomms.Measurement.__module__ == "crisiscomms"

    def test_rule_value_and_namespace(self) -> None:
        """PlatformRule is final, frozen and shown in its public namespace."""
        assert PlatformRule.__module__ == "crisiscomms.platforms"
        assert getattr(PlatformRule, "__final__", False)
        assert pickle.loads(pickle.dumps(RULES["x"])) == RULES["x"]

    def test_remaining_is_negative_when_over(self) -> None:
        """remaining = limit - length, negative over the limit."""
        m = measure("a" * 301, "bluesky")
        assert (m.remaining, m.over, m.fits) == (-1, 1, False)


class TestMeasurementsKept:
    @settings(max_examples=150)
    @given(text=post_text)
    def test_a_kept_measurement_is_the_one_built_for_the_text(self, text: str) -> None:
        """On every rule, the measurement kept for a length is the one built afresh."""
        for name in RULES:
            rule = RULES[name]
            kept = measure(text, name)
            if rule.unit is Unit.SEPTETS:
                continue  # SMS rules build theirs in the SMS path
            built = _measure._built(rule, kept.length, kept.byte_length)
            assert kept == built
            assert (kept.limit, kept.unit, kept.rule) == (rule.limit, rule.unit, rule.name)

    def test_a_channel_limit_is_another_measurement(self) -> None:
        """A channel's own limit or byte limit never gets the platform's kept value."""
        plain = measure("a" * 300, "bluesky")
        narrow = measure("a" * 300, _Channel(Platform.BLUESKY, 200))
        assert (plain.fits, plain.limit) == (True, 300)
        assert (narrow.fits, narrow.limit, narrow.remaining) == (False, 200, -100)

    def test_the_memory_is_bounded(self) -> None:
        """However many distinct lengths are measured, a bounded number is kept."""
        for n in range(_measure._MEASUREMENTS_MAX + 10):
            assert measure("a" * n, "bluesky").length == n
        assert 0 < len(_measure._MEASUREMENTS) <= _measure._MEASUREMENTS_MAX


class TestNeverRaises:
    @settings(max_examples=150)
    @given(text=post_text)
    def test_any_string_on_every_rule(self, text: str) -> None:
        """measure returns a Measurement for any str on every rule."""
        for name in RULES:
            m = measure(text, name)
            assert isinstance(m, Measurement)
            assert m.length >= 0

    @pytest.mark.parametrize("name", sorted(RULES))
    def test_large_inputs(self, name: str) -> None:
        """100 kB of emoji, bidi controls and lone surrogates are measured."""
        for text in ("👨‍👩‍👧‍👦" * 4000, "\u202e\ud800" * 50_000, ""):
            assert measure(text, name).length >= 0

    def test_errors_are_crisiscomms_errors(self) -> None:
        """Bad arguments raise CrisisCommsError subclasses only."""
        with pytest.raises(CrisisCommsError):
            measure("a", "nope")


class TestPlatformsNamespace:
    def test_all_is_sorted_unique_and_complete(self) -> None:
        """`crisiscomms.platforms.__all__` names every public object of the namespace once."""
        import crisiscomms.platforms as namespace

        public = {
            name
            for name, value in vars(namespace).items()
            if not name.startswith("_") and not isinstance(value, types.ModuleType)
        } - {"annotations"}
        assert set(namespace.__all__) == public
        assert len(namespace.__all__) == len(set(namespace.__all__))

    def test_every_name_is_documented_with_an_example(self) -> None:
        """Each class and function of the namespace has a docstring with a `>>>` example."""
        import crisiscomms.platforms as namespace

        missing = [
            name
            for name in namespace.__all__
            if callable(getattr(namespace, name))
            and ">>>" not in (inspect.getdoc(getattr(namespace, name)) or "")
        ]
        assert missing == []

    def test_classes_are_final(self) -> None:
        """Public classes of the namespace are final (the protocol aside)."""
        import crisiscomms.platforms as namespace

        classes = [getattr(namespace, n) for n in namespace.__all__]
        not_final = [
            c.__name__
            for c in classes
            if isinstance(c, type) and c is not ChannelLike and not getattr(c, "__final__", False)
        ]
        assert not_final == []
