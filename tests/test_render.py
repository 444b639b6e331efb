"""`render`: templates filled with facts, formatted by babel, escaped for the channel."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal, format_percent
from hypothesis import example, given, settings
from hypothesis import strategies as st

from crisiscomms import (
    Channel,
    CrisisCommsError,
    FactTypeError,
    InputError,
    Markup,
    MessageTemplate,
    MissingFactError,
    NaiveDatetimeError,
    Phase,
    Platform,
    TemplateSyntaxError,
    UnsupportedLocaleError,
    parse_message,
    render,
)
from crisiscomms.text._markup import as_read

from .strategies import AWARE_DATETIMES, NUMBERS, TEXT_FACTS, messageformat_templates

# The look-alikes the Slack escape writes, and the characters they read as.
_SLACK_LOOKALIKES_READ = str.maketrans(
    {"\u2217": "*", "\u02cd": "_", "\u223c": "~", "\u02cb": "`", "\uff20": "@", "\u02c3": ">"}
)

PARIS = ZoneInfo("Europe/Paris")
LONDON = ZoneInfo("Europe/London")
JULY = datetime(2026, 7, 14, 12, 0, tzinfo=UTC)
NOVEMBER = datetime(2026, 11, 14, 12, 0, tzinfo=UTC)
NNBSP = "\u202f"  # CLDR's narrow no-break space, French grouping


def channel(markup: Markup = Markup.PLAIN, timezone: str | None = None) -> Channel:
    """A plan's channel with this markup and zone."""
    return Channel(id="web", platform=Platform.WEB, markup=markup, timezone=timezone)


def template(id: str, text: str) -> MessageTemplate:
    """A plan's template with this id and text."""
    return MessageTemplate(id=id, key=id, locale="en_GB", phase=Phase.INITIAL, text=text)


@attrs.frozen
class DuckZoneChannel:
    """Has what `render` reads of a channel, with a zone the plan model would refuse."""

    timezone: str
    markup: Markup = Markup.PLAIN
    platform: Platform = Platform.WEB
    max_length: int | None = None


@attrs.frozen
class DuckChannel:
    """Not a plan's channel, but a `ChannelLike` with a markup (documented as enough)."""

    markup: Markup | str
    platform: Platform = Platform.WEB
    max_length: int | None = None


@attrs.frozen
class BareChannel:
    """A `ChannelLike` with no markup: facts are then written as plain text."""

    platform: Platform = Platform.SMS
    max_length: int | None = None


class TestNumbers:
    @pytest.mark.parametrize(
        ("locale", "expected"),
        [
            ("fr_FR", f"12{NNBSP}345,5"),
            ("en_GB", "12,345.5"),
            ("de_DE", "12.345,5"),
            ("es_ES", "12.345,5"),
            ("pl_PL", "12\xa0345,5"),
        ],
    )
    def test_number_uses_the_locale_symbols(self, locale: str, expected: str) -> None:
        """Grouping and decimal symbols are the locale's own."""
        assert render("{n, number}", {"n": 12345.5}, locale=locale) == expected

    @pytest.mark.parametrize("value", [0, -7, 1234567, 3.14159, Decimal("1234.5678"), 1e-7])
    @pytest.mark.parametrize("locale", ["fr_FR", "en_GB", "ar", "de"])
    def test_number_is_babels_format_decimal(self, value: float | Decimal, locale: str) -> None:
        """{n, number} is exactly babel's format_decimal for the locale."""
        assert render("{n, number}", {"n": value}, locale=locale) == format_decimal(
            value, locale=locale
        )

    @pytest.mark.parametrize(
        ("value", "expected"),
        [(2.5, "2"), (3.5, "4"), (Decimal("-2.5"), "-2"), (1234.4, "1,234"), (7, "7")],
    )
    def test_integer_rounds_half_even_without_decimals(
        self, value: float | Decimal, expected: str
    ) -> None:
        """{n, number, integer} shows a whole number, rounded half to even as ICU does."""
        assert render("{n, number, integer}", {"n": value}, locale="en_GB") == expected

    @pytest.mark.parametrize(("locale", "expected"), [("fr_FR", "25\xa0%"), ("en_GB", "25%")])
    def test_percent(self, locale: str, expected: str) -> None:
        """{n, number, percent} multiplies by 100 and uses the locale's percent pattern."""
        assert render("{n, number, percent}", {"n": 0.25}, locale=locale) == expected
        assert expected == format_percent(0.25, locale=locale)

    def test_bare_argument_formats_a_number(self) -> None:
        """A number in a bare {name} is formatted as a number, as ICU does."""
        assert render("{n}", {"n": 12345}, locale="fr_FR") == f"12{NNBSP}345"


class TestPlural:
    TEMPLATE = "{n, plural, zero {Z} one {O} two {T} few {F} many {M} other {X}}"

    @pytest.mark.parametrize(
        ("locale", "cases"),
        [
            ("fr_FR", {0: "O", 1: "O", Decimal("1.5"): "O", 2: "X", 10**6: "M", 1500000: "X"}),
            ("es_ES", {1: "O", 0: "X", 2: "X", 10**6: "M", 2 * 10**6: "M"}),
            ("en_GB", {0: "X", 1: "O", 2: "X", Decimal("1.5"): "X", 21: "X"}),
            ("pl_PL", {1: "O", 2: "F", 4: "F", 5: "M", 12: "M", 22: "F", 25: "M", 1.5: "X"}),
            ("ru_RU", {1: "O", 21: "O", 2: "F", 24: "F", 5: "M", 11: "M", 111: "M", 1.5: "X"}),
            ("ar_EG", {0: "Z", 1: "O", 2: "T", 3: "F", 10: "F", 11: "M", 99: "M", 100: "X"}),
        ],
    )
    def test_categories_follow_cldr_for_the_locale(
        self, locale: str, cases: dict[float | Decimal, str]
    ) -> None:
        """French 0 and 1 are "one"; Polish and Russian have few and many; Arabic zero and two."""
        got = {value: render(self.TEMPLATE, {"n": value}, locale=locale) for value in cases}
        assert got == cases

    @pytest.mark.parametrize(("value", "expected"), [(0, "aucun"), (1, "un seul"), (2, "2 x")])
    def test_exact_values_win_over_categories(self, value: int, expected: str) -> None:
        """=0 and =1 are chosen before French's "one" category, which covers both."""
        text = "{n, plural, =0 {aucun} =1 {un seul} one {# one} other {# x}}"
        assert render(text, {"n": value}, locale="fr_FR") == expected

    @pytest.mark.parametrize("value", [1.0, Decimal("1.00"), 1])
    def test_exact_value_matches_any_numeric_type(self, value: float | Decimal) -> None:
        """=1 matches 1, 1.0 and Decimal("1.00") alike."""
        assert render("{n, plural, =1 {one!} other {#}}", {"n": value}, locale="en") == "one!"

    def test_visible_decimals_are_not_singular_in_english(self) -> None:
        """CLDR counts visible decimals: "1.0" is "other" in English, unlike 1."""
        text = "{n, plural, one {O} other {X}}"
        assert render(text, {"n": Decimal("1.0")}, locale="en") == "X"
        assert render(text, {"n": 1}, locale="en") == "O"

    def test_missing_category_falls_back_to_other(self) -> None:
        """A Polish "few" number with no few branch takes "other"."""
        text = "{n, plural, one {# plik} other {# plików}}"
        assert render(text, {"n": 3}, locale="pl_PL") == "3 plików"

    @pytest.mark.parametrize(
        ("locale", "expected"), [("fr_FR", f"12{NNBSP}500 clients"), ("en_GB", "12,500 clients")]
    )
    def test_hash_formats_the_number_in_the_locale(self, locale: str, expected: str) -> None:
        """# is the plural's number with the locale's symbols."""
        text = "{n, plural, one {# client} other {# clients}}"
        assert render(text, {"n": 12500}, locale=locale) == expected

    def test_hash_belongs_to_the_innermost_plural(self) -> None:
        """In nested plurals, # is the number of the plural whose branch holds it."""
        text = "{a, plural, other {# a, {b, plural, other {# b}}, # a}}"
        assert render(text, {"a": 1, "b": 2}, locale="en") == "1 a, 2 b, 1 a"

    @pytest.mark.parametrize(
        ("value", "expected"),
        [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
         (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th")],
    )  # fmt: skip
    def test_selectordinal_in_english(self, value: int, expected: str) -> None:
        """Ordinals follow CLDR's English ordinal rules."""
        text = "{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}"
        assert render(text, {"n": value}, locale="en_GB") == expected

    @pytest.mark.parametrize(("value", "expected"), [(1, "1re"), (2, "2e"), (11, "11e")])
    def test_selectordinal_in_french(self, value: int, expected: str) -> None:
        """French ordinals only single out one ("1re")."""
        text = "{n, selectordinal, one {#re} other {#e}}"
        assert render(text, {"n": value}, locale="fr_FR") == expected


class TestSelect:
    TEMPLATE = "{s, select, resolved {Résolu} investigating {En cours} other {Statut : {s}}}"

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("resolved", "Résolu"), ("investigating", "En cours"), ("paused", "Statut : paused")],
    )
    def test_branch_by_value_else_other(self, value: str, expected: str) -> None:
        """The branch named by the value is taken, else "other"."""
        assert render(self.TEMPLATE, {"s": value}, locale="fr_FR") == expected


class TestDatesAndTimes:
    @pytest.mark.parametrize(
        ("instant", "zone", "expected"),
        [
            (JULY, "Europe/Paris", "14:00"),
            (JULY, "Europe/London", "13:00"),
            (NOVEMBER, "Europe/Paris", "13:00"),
            (NOVEMBER, "Europe/London", "12:00"),
        ],
    )
    def test_time_in_the_target_zone_with_daylight_saving(
        self, instant: datetime, zone: str, expected: str
    ) -> None:
        """The same instant shows Paris and London wall clocks, summer and winter."""
        assert (
            render("{t, time, short}", {"t": instant}, locale="en_GB", timezone=zone) == expected
        )

    @pytest.mark.parametrize(
        ("instant", "zone", "locale", "expected"),
        [
            (JULY, "Europe/London", "en_GB", "13:00:00 British Summer Time"),
            (NOVEMBER, "Europe/London", "en_GB", "12:00:00 Greenwich Mean Time"),
            (JULY, "Europe/Paris", "fr_FR", "14:00:00 heure d’été d’Europe centrale"),
            (NOVEMBER, "Europe/Paris", "fr_FR", "13:00:00 heure normale d’Europe centrale"),
            (JULY, "Europe/Paris", "en_GB", "14:00:00 CEST"),
        ],
    )
    def test_zone_names_follow_daylight_saving(
        self, instant: datetime, zone: str, locale: str, expected: str
    ) -> None:
        """Long and full times name the zone as it is on that date."""
        style = "full" if expected.count(" ") > 1 else "long"
        text = f"{{t, time, {style}}}"
        assert render(text, {"t": instant}, locale=locale, timezone=zone) == expected

    @pytest.mark.parametrize(
        ("style", "expected"),
        [
            ("short", "14/07/2026"),
            ("medium", "14 Jul 2026"),
            ("long", "14 July 2026"),
            ("full", "Tuesday, 14 July 2026"),
        ],
    )
    def test_date_lengths(self, style: str, expected: str) -> None:
        """The four CLDR date lengths of en_GB."""
        text = f"{{t, date, {style}}}"
        assert render(text, {"t": JULY}, locale="en_GB", timezone=LONDON) == expected

    @pytest.mark.parametrize(
        ("zone", "expected"),
        [("Europe/Paris", "15/07/2026"), ("Europe/London", "15/07/2026"), ("UTC", "14/07/2026"),
         ("America/New_York", "14/07/2026")],
    )  # fmt: skip
    def test_date_is_taken_after_conversion_to_the_zone(self, zone: str, expected: str) -> None:
        """Late on the 14th in UTC is already the 15th in Paris and London."""
        late = datetime(2026, 7, 14, 23, 30, tzinfo=UTC)
        assert render("{t, date, short}", {"t": late}, locale="fr_FR", timezone=zone) == expected

    @pytest.mark.parametrize("style", ["short", "medium", "long", "full"])
    @pytest.mark.parametrize("locale", ["fr_FR", "en_GB", "de_DE", "es_ES"])
    def test_agrees_with_babel(self, locale: str, style: str) -> None:
        """Dates and times are babel's format_date and format_time in the target zone."""
        text = f"{{t, date, {style}}} | {{t, time, {style}}}"
        got = render(text, {"t": JULY}, locale=locale, timezone=PARIS)
        expected_date = format_date(JULY.astimezone(PARIS), style, locale=locale)
        expected_time = format_time(JULY, style, tzinfo=PARIS, locale=locale)
        assert got == f"{expected_date} | {expected_time}"

    def test_date_fact_is_shown_as_is(self) -> None:
        """A date has no zone: it is shown as given, whatever the target zone."""
        got = render(
            "{d, date, long}", {"d": date(2026, 3, 29)}, locale="fr", timezone="Asia/Tokyo"
        )
        assert got == "29 mars 2026"

    def test_time_of_day_is_shown_as_is_in_short_and_medium(self) -> None:
        """A time of day is a wall-clock time: no conversion."""
        facts = {"h": time(9, 5)}
        got = render("{h, time, short} {h, time}", facts, locale="fr_FR", timezone="Asia/Tokyo")
        assert got == "09:05 09:05:00"

    @pytest.mark.parametrize("style", ["long", "full"])
    def test_time_of_day_is_refused_where_the_format_shows_a_zone(self, style: str) -> None:
        """Long and full times name a zone, which a time of day cannot give."""
        with pytest.raises(InputError, match="shows the time zone"):
            render(f"{{h, time, {style}}}", {"h": time(9, 5)}, locale="en_GB")

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (JULY, "14/07/2026 14:00"),
            (date(2026, 7, 14), "14/07/2026"),
            (time(9, 5), "09:05"),
        ],
    )
    def test_bare_argument_formats_dates_and_times_short(
        self, value: date | time, expected: str
    ) -> None:
        """A bare {name} shows dates and times in the locale's short format, as ICU does."""
        assert render("{v}", {"v": value}, locale="fr_FR", timezone=PARIS) == expected

    def test_bare_datetime_is_babels_short_datetime(self) -> None:
        """... joined exactly as babel's format_datetime joins date and time."""
        got = render("{v}", {"v": JULY}, locale="en_GB", timezone=PARIS)
        assert got == format_datetime(JULY, "short", tzinfo=PARIS, locale="en_GB")


class TestTimeZoneChoice:
    TEXT = "{t, time, short}"

    def test_explicit_zone_beats_the_channel_zone(self) -> None:
        """`timezone` wins over the channel's."""
        london = channel(timezone="Europe/London")
        got = render(self.TEXT, {"t": JULY}, locale="fr", timezone="Europe/Paris", channel=london)
        assert got == "14:00"

    def test_channel_zone_when_none_given(self) -> None:
        """Without `timezone`, the channel's zone is used."""
        got = render(self.TEXT, {"t": JULY}, locale="fr", channel=channel(timezone="Asia/Tokyo"))
        assert got == "21:00"

    @pytest.mark.parametrize("target", [None, channel(), DuckChannel(Markup.PLAIN)])
    def test_own_zone_otherwise(self, target: Channel | DuckChannel | None) -> None:
        """Without any zone, an aware datetime is shown in its own zone."""
        in_tokyo = JULY.astimezone(ZoneInfo("Asia/Tokyo"))
        assert render(self.TEXT, {"t": in_tokyo}, locale="fr", channel=target) == "21:00"

    def test_unknown_channel_zone_names_the_channel(self) -> None:
        """A bad zone on the channel is reported as the channel's."""
        with pytest.raises(InputError, match=r"^channel\.timezone: expected an IANA"):
            render(self.TEXT, {"t": JULY}, locale="fr", channel=DuckZoneChannel("Mars/Base"))

    @pytest.mark.parametrize("zone", [PARIS, timezone(timedelta(hours=2))])
    def test_zone_objects_are_accepted(self, zone: ZoneInfo | timezone) -> None:
        """A ZoneInfo or a fixed offset works as the target zone."""
        assert render(self.TEXT, {"t": JULY}, locale="fr", timezone=zone) == "14:00"

    @pytest.mark.parametrize("zone", ["Europe/Pariss", "", "../etc/passwd", "Europe", 42])
    def test_unknown_zone_is_a_clear_error(self, zone: object) -> None:
        """An unknown zone name says what was expected."""
        with pytest.raises(InputError, match="IANA time zone name"):
            render(self.TEXT, {"t": JULY}, locale="fr", timezone=zone)  # type: ignore[arg-type]


class TestMissingFacts:
    def test_every_missing_name_in_every_branch(self) -> None:
        """All missing names are given at once, even those in branches not taken."""
        text = "{n, plural, =0 {none} other {# at {t, time, short} by {who}}} {url}"
        with pytest.raises(MissingFactError) as info:
            render(text, {"n": 0}, locale="en_GB")
        assert info.value.names == ("t", "url", "who")
        assert "'t', 'url', 'who'" in str(info.value)

    def test_names_the_template_object(self) -> None:
        """With a template object, the error names its id."""
        outage = template("outage-en", "{customers} customers affected")
        with pytest.raises(MissingFactError, match="template 'outage-en'") as info:
            render(outage, {}, locale="en_GB")
        assert info.value.template == "outage-en"

    def test_extra_facts_are_ignored(self) -> None:
        """Facts the template does not use do no harm."""
        assert render("{a}", {"a": "x", "b": object()}, locale="en") == "x"  # type: ignore[dict-item]


class TestFactTypes:
    @pytest.mark.parametrize(
        ("text", "value", "style"),
        [
            ("{n, number}", "12 000", "number"),
            ("{n, number, percent}", True, "number"),
            ("{n, plural, other {#}}", "3", "plural"),
            ("{n, selectordinal, other {#}}", 2.0, "selectordinal"),
            ("{s, select, other {x}}", 3, "select"),
            ("{t, date, long}", time(9), "date"),
            ("{t, date, long}", "2026-07-14", "date"),
            ("{t, time, short}", date(2026, 7, 14), "time"),
            ("{v}", [1, 2], "string"),
            ("{v}", None, "string"),
            ("{v}", False, "string"),
        ],
    )
    def test_wrong_type_for_the_format(self, text: str, value: object, style: str) -> None:
        """A fact that does not fit its format raises FactTypeError naming fact and format."""
        with pytest.raises(FactTypeError) as info:
            render(text, {"n": value, "s": value, "t": value, "v": value}, locale="en_GB")  # type: ignore[dict-item]
        assert f"formatted as {style}" in str(info.value)
        assert info.value.value == value

    def test_every_format_of_a_name_is_checked(self) -> None:
        """A name used as a select and as a number must fit both, whichever branch is taken."""
        with pytest.raises(FactTypeError, match="formatted as number"):
            render("{s, select, a {x} other {{s, number}}}", {"s": "a"}, locale="en")

    @pytest.mark.parametrize("text", ["{t}", "{t, date, short}", "{t, time, short}"])
    def test_naive_datetimes_are_refused(self, text: str) -> None:
        """A datetime without zone is an error, never guessed to be UTC or local."""
        with pytest.raises(NaiveDatetimeError, match="fact 't'"):
            render(text, {"t": datetime(2026, 7, 14, 12)}, locale="en_GB")

    @pytest.mark.parametrize(
        "value",
        [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity"), Decimal("sNaN")],
    )
    @pytest.mark.parametrize("text", ["{n, number}", "{n, plural, other {#}}", "{n}"])
    def test_non_finite_numbers_are_refused(self, text: str, value: float | Decimal) -> None:
        """NaN and infinities are not numbers a message can state."""
        with pytest.raises(InputError, match="a finite number smaller than"):
            render(text, {"n": value}, locale="en_GB")

    @pytest.mark.parametrize(
        "value",
        [10**18, -(10**18), 1e18, Decimal("1E+18"), 10**5000],
        ids=["int", "negative", "float", "Decimal", "huge"],
    )
    def test_numbers_too_large_to_state_are_refused(self, value: float | Decimal) -> None:
        """Beyond 10**18 a number is refused plainly, even one too long to print."""
        with pytest.raises(InputError, match="smaller than 10\\*\\*18") as info:
            render("{n, number}", {"n": value}, locale="en_GB")
        assert info.value.value == value

    def test_a_number_just_below_the_limit_is_formatted(self) -> None:
        """The largest stateable numbers are formatted in full."""
        got = render("{n, number}", {"n": 10**18 - 1}, locale="en_GB")
        assert got == "999,999,999,999,999,999"

    def test_an_int_subclass_is_checked_and_formatted_as_an_int(self) -> None:
        """A subclass of int takes the general checks: formatted, or refused past 10**18."""

        class Count(int):
            pass

        assert render("{n, number}", {"n": Count(12500)}, locale="en_GB") == "12,500"
        with pytest.raises(InputError, match="smaller than 10\\*\\*18"):
            render("{n, number}", {"n": Count(10**18)}, locale="en_GB")

    def test_wrong_type_error_survives_a_huge_int(self) -> None:
        """Even an int too long for str() gets a readable FactTypeError."""
        with pytest.raises(FactTypeError, match="too large to show"):
            render("{s, select, other {x}}", {"s": 10**5000}, locale="en_GB")


class TestRepeatedRenders:
    @pytest.mark.parametrize(
        "values",
        [
            (1, Decimal("1.0"), 1.0, Decimal("1.00"), Decimal(1)),
            (Decimal("1.0"), 1, Decimal("1.00"), 1.0),
        ],
    )
    def test_equal_numbers_that_count_differently_are_kept_apart(
        self, values: tuple[float | Decimal, ...]
    ) -> None:
        """1 and Decimal("1.0") are equal in Python but not in CLDR; order does not matter."""
        text = "{n, plural, one {one} other {other}}"
        got = [render(text, {"n": value}, locale="en") for value in values]
        expected = [
            "other" if isinstance(v, Decimal) and v.as_tuple().exponent else "one" for v in values
        ]
        assert got == expected

    def test_one_instant_in_two_zones_keeps_each_wall_clock(self) -> None:
        """Equal instants with different zones show their own zone when no target is given."""
        paris = JULY.astimezone(PARIS)
        fixed = JULY.astimezone(timezone(timedelta(hours=2)))
        got = [
            render("{t, time, full}", {"t": t}, locale="en_GB") for t in (JULY, paris, fixed, JULY)
        ]
        assert got == [
            "12:00:00 Coordinated Universal Time",
            "14:00:00 Central European Summer Time",
            "14:00:00 GMT+02:00",
            "12:00:00 Coordinated Universal Time",
        ]

    def test_same_facts_in_many_targets(self) -> None:
        """One fact rendered for several zones and locales gives each its own text."""
        text = "{t, date, short} {t, time, short} {n, number}"
        facts: dict[str, datetime | float] = {"t": JULY, "n": 1234.5}
        got = {
            (locale, zone): render(text, facts, locale=locale, timezone=zone)
            for locale in ("fr_FR", "en_GB")
            for zone in ("Europe/Paris", "America/New_York")
        }
        assert got == {
            ("fr_FR", "Europe/Paris"): f"14/07/2026 14:00 1{NNBSP}234,5",
            ("fr_FR", "America/New_York"): f"14/07/2026 08:00 1{NNBSP}234,5",
            ("en_GB", "Europe/Paris"): "14/07/2026 14:00 1,234.5",
            ("en_GB", "America/New_York"): "14/07/2026 08:00 1,234.5",
        }


class TestEscaping:
    EVIL = '<a href="x">AT&T</a> *now* [go](http://evil.example) <!channel>'

    @pytest.mark.parametrize(
        ("markup", "expected"),
        [
            (Markup.PLAIN, EVIL),
            (
                Markup.HTML,
                "&lt;a href=&quot;x&quot;&gt;AT&amp;T&lt;/a&gt; *now* [go](http://evil.example)"
                " &lt;!channel&gt;",
            ),
            (
                Markup.MARKDOWN,
                '\\<a href="x"\\>AT\\&T\\</a\\> \\*now\\* \\[go\\]\\(http\\://evil\\.example\\)'
                " \\<!channel\\>",
            ),
            (
                Markup.SLACK,
                '&lt;a href="x"&gt;AT&amp;T&lt;/a&gt; \u2217now\u2217 [go](http://evil.example)'
                " &lt;!channel&gt;",
            ),
        ],
    )
    def test_facts_are_escaped_for_the_channel(self, markup: Markup, expected: str) -> None:
        """Fact values cannot inject markup; the trusted template text is left alone."""
        got = render("<b>{x}</b>", {"x": self.EVIL}, locale="en", channel=channel(markup))
        assert got == f"<b>{expected}</b>"

    @pytest.mark.parametrize("markup", list(Markup))
    def test_lone_surrogates_pass_through_every_markup(self, markup: Markup) -> None:
        """Text that is not valid Unicode is not lost or mangled (safety checks report it)."""
        got = render("a{x}b", {"x": "\ud800"}, locale="en", channel=channel(markup))
        assert got == "a\ud800b"

    def test_markup_given_as_text(self) -> None:
        """A channel whose markup is the plain string "html" works too."""
        assert render("{x}", {"x": "<"}, locale="en", channel=DuckChannel("html")) == "&lt;"

    def test_a_channel_without_markup_is_plain(self) -> None:
        """The one channel protocol serves render too: no markup means plain text."""
        text = render("{x}", {"x": "<b>*a*</b>"}, locale="en_GB", channel=BareChannel())
        assert text == "<b>*a*</b>"

    def test_something_that_is_no_channel_is_refused(self) -> None:
        """An object with no platform is no channel: a TypeError of the library."""
        with pytest.raises(InputError, match="ChannelLike") as err:
            render("{x}", {"x": "a"}, locale="en_GB", channel=object())  # type: ignore[arg-type]
        assert isinstance(err.value, TypeError)

    @pytest.mark.parametrize("target", [DuckChannel("HTML"), DuckChannel("")])
    def test_unknown_markup_is_refused(self, target: object) -> None:
        """A channel without a known markup is an input error."""
        with pytest.raises(InputError, match="markup is one of"):
            render("{x}", {"x": "a"}, locale="en", channel=target)  # type: ignore[arg-type]

    def test_markdown_leaves_hashtags_and_numbers(self) -> None:
        """Ordinary hashtags and decimal numbers are not block syntax."""
        got = render(
            "{tag} {n}",
            {"tag": "#outage", "n": 12.5},
            locale="en",
            channel=channel(Markup.MARKDOWN),
        )
        assert got == "#outage 12.5"

    @pytest.mark.parametrize(
        ("fact", "expected"),
        [("# Title", "\\# Title"), ("1. step", "1\\. step"), ("- item", "\\- item"),
         ("a\n---", "a ---"), ("a\n  + b", "a + b"), ("---", "\\---"), ("===", "\\===")],
    )  # fmt: skip
    def test_markdown_block_syntax_at_line_start(self, fact: str, expected: str) -> None:
        """Headings, list items and rules in a fact are made literal."""
        assert Markup.MARKDOWN.escape(fact) == expected

    @settings(max_examples=200)
    @given(TEXT_FACTS)
    def test_html_escaping_is_never_bypassed(self, fact: str) -> None:
        """In HTML, a fact never brings a tag or quote, and unescapes to itself."""
        got = render("<p>{x}</p>", {"x": fact}, locale="en", channel=channel(Markup.HTML))
        inner = got.removeprefix("<p>").removesuffix("</p>")
        assert not set(inner) & set("<>\"'")
        assert html.unescape(inner) == re.sub(r"\r(?!\n)", "\n", fact)

    @settings(max_examples=200)
    @given(st.text())
    @example("a \u223c b \uff20here\n\u02c3 quote")
    def test_slack_escaping_is_never_bypassed(self, fact: str) -> None:
        """In Slack, a fact never brings a link, mention, broadcast or formatting."""
        got = render("{x}", {"x": fact}, locale="en", channel=channel(Markup.SLACK))
        assert not set(got) & set("<>*_~`")
        assert re.sub(r"&(amp|lt|gt);", "", got).count("&") == 0
        assert not re.search(r"(?i)@(channel|here|everyone)\b", got)
        read = as_read(got, Markup.SLACK)
        # A reader cannot tell a fact's own look-alike (say U+223C) from one that
        # stands for an escaped character, so both read as the character.
        folded = fact.translate(_SLACK_LOOKALIKES_READ)
        assert (read[0] if read else got) == re.sub(r"\r(?!\n)", "\n", folded)

    @settings(max_examples=200)
    @given(st.text())
    def test_markdown_escaping_is_never_bypassed(self, fact: str) -> None:
        """In Markdown, every inline syntax character of a fact is backslash-escaped."""
        got = Markup.MARKDOWN.escape(fact)
        shown = re.sub(r"[ \t]*(?:\r\n?|\n)[ \t\r\n]*", " ", fact.strip(" \t\r\n"))
        assert re.sub(r"\\(.)", r"\1", got, flags=re.DOTALL) == shown
        unescaped = re.sub(r"\\.", "", got, flags=re.DOTALL)
        assert not set(unescaped) & set("\\`*_[]()<>&~|@\r\n")
        assert not re.search(r"(?i)(www\.|://|mailto:|xmpp:)", unescaped)

    @pytest.mark.parametrize("markup", list(Markup))
    def test_a_lone_carriage_return_becomes_a_line_feed(self, markup: Markup) -> None:
        """A lone CR cannot hide a line from the checks: readers and checks see one text."""
        got = render("{x}", {"x": "ok\r# Call 0800"}, locale="en", channel=channel(markup))
        assert "\r" not in got
        assert ("\n" in got) is (markup is not Markup.MARKDOWN)

    def test_crlf_stays_one_line_break(self) -> None:
        """A CRLF is one line ending, never two."""
        assert Markup.PLAIN.escape("a\r\nb") == "a\r\nb"
        assert Markup.MARKDOWN.escape("a\r\nb") == "a b"


class TestArguments:
    def test_template_object(self) -> None:
        """A MessageTemplate renders its text."""
        assert render(template("t1", "Hello {n}"), {"n": "Ada"}, locale="en") == "Hello Ada"

    @pytest.mark.parametrize("wrong", [None, 3, b"{x}", object()])
    def test_template_of_the_wrong_shape(self, wrong: object) -> None:
        """Neither text nor a template object: an input error."""
        with pytest.raises(InputError, match="template: expected"):
            render(wrong, {}, locale="en")  # type: ignore[arg-type]

    def test_facts_of_the_wrong_shape(self) -> None:
        """Facts must be a mapping."""
        with pytest.raises(InputError, match="facts: expected a mapping"):
            render("{x}", [("x", 1)], locale="en")  # type: ignore[arg-type]

    def test_syntax_errors_surface(self) -> None:
        """A template that does not parse raises TemplateSyntaxError."""
        with pytest.raises(TemplateSyntaxError, match="position 11"):
            render("Hello {name", {"name": "x"}, locale="en")

    @pytest.mark.parametrize("locale", ["en-GB", "en_GB", "en_gb", "EN"])
    def test_locale_spellings(self, locale: str) -> None:
        """Underscore or hyphen, any case: the same locale."""
        assert render("{n, number}", {"n": 1234.5}, locale=locale) == "1,234.5"

    @pytest.mark.parametrize(
        "locale", ["xx_YY", "fr_XX", "und", "root", "", "fr_FR@euro", "12", "français", "x" * 50]
    )
    def test_unknown_locales_are_refused(self, locale: str) -> None:
        """A locale without CLDR data, or a pseudo-locale, is refused with the supported ones."""
        with pytest.raises(UnsupportedLocaleError, match="supported: ") as info:
            render("{x}", {"x": "a"}, locale=locale)
        assert info.value.locale == locale
        assert "fr" in info.value.supported

    @pytest.mark.parametrize("locale", [None, 1, ("fr", "FR")])
    def test_locale_of_the_wrong_type(self, locale: object) -> None:
        """A locale that is not a string is an input error."""
        with pytest.raises(InputError, match="locale"):
            render("{x}", {"x": "a"}, locale=locale)  # type: ignore[arg-type]

    def test_inputs_are_not_modified(self) -> None:
        """Rendering leaves the facts as they were."""
        facts: dict[str, datetime | int] = {"t": JULY, "n": 3}
        before = dict(facts)
        render("{n, plural, other {#}} {t, time, short}", facts, locale="fr", timezone=PARIS)
        assert facts == before


_PLACEHOLDER = re.compile(r"\{\s*[A-Za-z_][\w-]*\s*[,}]")


class TestAnyInput:
    @settings(max_examples=250)
    @given(
        messageformat_templates(),
        st.sampled_from(["fr_FR", "en_GB", "pl_PL", "ar", "de_DE", "es_ES", "ru"]),
        st.sampled_from([None, "Europe/Paris", "America/New_York"]),
    )
    def test_output_never_has_an_unfilled_placeholder(
        self, template: tuple[str, dict[str, object]], locale: str, zone: str | None
    ) -> None:
        """Generated templates with their facts render, and no placeholder is left."""
        text, facts = template
        try:
            got = render(text, facts, locale=locale, timezone=zone)  # type: ignore[arg-type]
        except InputError as error:
            # Only a time of day in a zone-showing format may be refused; none is generated.
            pytest.fail(str(error))
        for name in parse_message(text).arguments:
            assert re.search(r"\{\s*" + re.escape(name) + r"\s*[,}]", got) is None
        if "'{'" not in text and "'{}'" not in text:
            assert _PLACEHOLDER.search(got) is None

    @settings(max_examples=150)
    @given(messageformat_templates(), st.sampled_from(list(Markup)))
    def test_generated_templates_never_pass_a_fact_unescaped(
        self, template: tuple[str, dict[str, object]], markup: Markup
    ) -> None:
        """Whatever the template, a text fact reaches the output only escaped for the markup."""
        text, facts = template
        evil = "<i>&*x*</i>"
        arguments = parse_message(text).arguments
        facts = {
            name: evil if arguments[name] == {"string"} and isinstance(value, str) else value
            for name, value in facts.items()
        }
        got = render(text, facts, locale="en_GB", channel=channel(markup))  # type: ignore[arg-type]
        if markup is not Markup.PLAIN:
            assert evil not in got
            assert "<i>" not in got

    @settings(max_examples=200)
    @given(
        st.dictionaries(
            st.sampled_from(["n", "t", "s", "x"]),
            st.one_of(NUMBERS, AWARE_DATETIMES, TEXT_FACTS, st.none(), st.booleans(),
                      st.datetimes(), st.dates(), st.times(), st.floats(), st.integers(),
                      st.decimals(), st.just(10**5000)),
        ),
        st.sampled_from(["fr_FR", "en_GB", "xx", "ar"]),
    )  # fmt: skip
    def test_any_facts_render_or_raise_a_crisiscomms_error(
        self, facts: dict[str, object], locale: str
    ) -> None:
        """Whatever the facts, render returns text or raises a CrisisCommsError."""
        text = (
            "{n, plural, =0 {none} one {# one} other {# many}} {t, date, long}"
            " {t, time, medium} {s, select, a {A} other {{s}}} {x}"
        )
        try:
            got = render(text, facts, locale=locale, timezone="Europe/Paris")  # type: ignore[arg-type]
        except CrisisCommsError:
            return
        assert "{" not in got


class TestColdRenderAgreesWithBabel:
    @settings(max_examples=200, deadline=None)
    @given(
        st.integers(min_value=0, max_value=10**6),
        AWARE_DATETIMES,
        st.sampled_from(["fr_FR", "en_GB", "pl_PL", "ar", "ru", "cy"]),
        st.sampled_from(["short", "medium", "long"]),
    )
    @example(0, datetime(1998, 10, 25, 18, tzinfo=ZoneInfo("America/New_York")), "fr_FR", "long")
    def test_facts_seen_for_the_first_time_format_as_babel_does(
        self, n: int, moment: datetime, locale: str, style: str
    ) -> None:
        """Facts formatted for the first time: plural, ordinal, number, date, time as babel's."""
        from babel import Locale

        from crisiscomms.text import _formatting

        _formatting._format.cache_clear()
        parsed = Locale.parse(locale)
        got = render(
            "{n, plural, zero {Z} one {O} two {T} few {F} many {M} other {X}}|"
            "{n, selectordinal, zero {z} one {o} two {t} few {f} many {m} other {x}}|{n, number}|"
            f"{{t, date, {style}}}|{{t, time, {style}}}",
            {"n": n, "t": moment},
            locale=locale,
            timezone="Europe/Paris",
        )
        category = {"zero": "Z", "one": "O", "two": "T", "few": "F", "many": "M"}
        ordinal = {k: v.lower() for k, v in category.items()}
        paris = ZoneInfo("Europe/Paris")
        assert got == "|".join(
            [
                category.get(parsed.plural_form(n), "X"),
                ordinal.get(parsed.ordinal_form(n), "x"),
                format_decimal(n, locale=parsed),
                format_date(moment.astimezone(paris).date(), style, locale=parsed),
                # Given in Paris: babel writes the offset of the moment's own date as
                # its zone gave it (1998-10-25 18:00 in New York is 00:00 on the 26th in
                # Paris, +0100, which babel wrote +0200, the offset of the 25th).
                format_time(moment.astimezone(paris), style, tzinfo=paris, locale=parsed),
            ]
        )
