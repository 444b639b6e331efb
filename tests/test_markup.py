"""Facts are data, never markup: what each markup's real parser makes of a rendered fact."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from crisiscomms import Channel, Markup, Platform, render
from crisiscomms.text._markup import as_read, broadcasts, markup_links

#: Templates that place the fact where each kind of syntax could start: at the
#: start of the text, after a heading and a blank line, in a list item, inside
#: emphasis, in a link's text and in its destination.
MARKDOWN_TEMPLATES = (
    "{x}",
    "# Outage\n\n{x}\n\nMore soon.",
    "- Status: {x}",
    "Update: *{x}* now.",
    "See [{x}](https://status.lumea.fr/).",
    "See [the status page]({x}).",
)
SLACK_TEMPLATES = ("{x}", "*Outage*: {x}", "Status <https://status.lumea.fr|page>: {x}\n{x}")
HTML_TEMPLATES = ("<p>{x}</p>", '<p title="{x}">Outage</p>', "<b>{x}</b><br>{x}")
HOSTILE_FACTS = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(
            [
                "\r",
                "\n",
                "\r\n",
                "  ",
                "    ",
                "# ",
                "- ",
                "1. ",
                "---",
                "===",
                "> ",
                "*",
                "_",
                "~",
                "`",
                "```",
                "[x]",
                "(https://evil.example)",
                "<https://evil.example>",
                "https://evil.example",
                "www.evil.com",
                "mailto:a@evil.example",
                "a@evil.com",
                "@channel",
                "@here",
                "@everyone",
                "<!channel>",
                "<@U123>",
                "&amp;",
                "&#60;",
                '"',
                "'",
                "javascript:alert(1)",
                "word",
                " ",
                "|",
                "\\",
            ]
        ),
        max_size=12,
    ).map("".join),
)


def _channel(markup: Markup) -> Channel:
    return Channel(id="c", platform=Platform.WEB, markup=markup)


def _filled(template: str, fact: str, markup: Markup) -> str:
    return render(template, {"x": fact}, locale="en_GB", channel=_channel(markup))


class _Elements(HTMLParser):
    """Every start tag and every attribute name an HTML parser sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[tag] += 1
        for name, value in attrs:
            self.found[f"{tag}@{name}"] += 1
            if name == "href" and value is not None:
                self.found[f"href={value}"] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.found["<!--"] += 1

    def handle_decl(self, decl: str) -> None:
        self.found["<!"] += 1  # pragma: no cover - a fact never brings one


def html_elements(text: str) -> Counter[str]:
    """The elements, attributes and link targets a browser's parser finds in `text`."""
    parser = _Elements()
    parser.feed(text)
    parser.close()
    return parser.found


_GFM = MarkdownIt("gfm-like")


def markdown_elements(text: str) -> Counter[str]:
    """What a GitHub-flavoured Markdown renderer (with autolinks) makes of `text`."""
    found = html_elements(_GFM.render(text))
    # The destination of a link is the template's; only its shape counts here.
    return Counter({k: v for k, v in found.items() if not k.startswith("href=")})


# Slack's mrkdwn, from its documentation ("Formatting text for app surfaces"):
# links, mentions and broadcasts in angle brackets, broadcasts written out when
# names are linked, formatting between a pair of markers at word boundaries,
# and a quote where a line starts with ">" (received as "&gt;").
_SLACK_ELEMENTS = re.compile(
    r"(?P<angle><[^<>]*>)"
    r"|(?P<broadcast>(?i:@(?:channel|here|everyone))\b)"
    r"|(?P<format>(?<![\w*_~`])(?P<marker>[*_~`])(?=\S)[^\n]*?(?<=\S)(?P=marker)(?![\w*_~`]))"
    r"|(?P<quote>(?m:^&gt;))"
)


def slack_elements(text: str) -> Counter[str]:
    """The links, mentions, broadcasts, formatting and quotes Slack reads in `text`."""
    return Counter(
        f"{match.lastgroup}:{match[0][:1] if match.lastgroup == 'format' else ''}"
        for match in _SLACK_ELEMENTS.finditer(text)
    )


class TestRealParsers:
    @settings(max_examples=150)
    @given(HOSTILE_FACTS, st.sampled_from(MARKDOWN_TEMPLATES))
    def test_a_markdown_fact_brings_no_element(self, fact: str, template: str) -> None:
        """GitHub-flavoured Markdown finds only the template's elements, whatever the fact."""
        got = markdown_elements(_filled(template, fact, Markup.MARKDOWN))
        assert not got - markdown_elements(_filled(template, "word", Markup.MARKDOWN))

    @settings(max_examples=150)
    @given(HOSTILE_FACTS, st.sampled_from(SLACK_TEMPLATES))
    def test_a_slack_fact_brings_no_element(self, fact: str, template: str) -> None:
        """Slack's rules find only the template's links, mentions and formatting."""
        got = slack_elements(_filled(template, fact, Markup.SLACK))
        assert not got - slack_elements(_filled(template, "word", Markup.SLACK))

    @settings(max_examples=150)
    @given(HOSTILE_FACTS, st.sampled_from(HTML_TEMPLATES))
    def test_an_html_fact_brings_no_element(self, fact: str, template: str) -> None:
        """A browser's parser finds only the template's elements and attributes."""
        got = html_elements(_filled(template, fact, Markup.HTML))
        assert not got - html_elements(_filled(template, "word", Markup.HTML))


class TestBeforeTheFix:
    """The injections the hostile-input review found, one by one."""

    @pytest.mark.parametrize(
        ("fact", "found"),
        [
            ("ok\r# Official", "h1"),
            ("ok\r---", "hr"),
            ("www.evil.com", "a"),
            ("https://evil.example", "a"),
            ("help@evil.com", "a"),
            ("lumea-help.al", "a"),
            ("x\n\n    code", "pre"),
            ("a  \nb", "br"),
            ("\r# Official", "h1"),
            ("\n   # Official", "h1"),
        ],
    )
    def test_markdown(self, fact: str, found: str) -> None:
        """None of these makes an element in Markdown any more."""
        template = "Status: [page](https://status.lumea.fr/x) {x}"
        got = markdown_elements(_filled(template, fact, Markup.MARKDOWN))
        expected = markdown_elements(_filled(template, "word", Markup.MARKDOWN))
        assert not got - expected
        assert got[found] <= expected[found]

    @pytest.mark.parametrize(
        "fact", ["@channel", "@here", "@Everyone", "*bold*", "~strike~", "> quoted"]
    )
    def test_slack(self, fact: str) -> None:
        """Broadcasts and formatting from a fact lose their meaning in Slack."""
        assert slack_elements(_filled("Status: {x}", fact, Markup.SLACK)) == Counter()

    def test_slack_reads_back_as_written(self) -> None:
        """The look-alike characters read back as the fact's own (for the checks)."""
        from crisiscomms.text._markup import as_read

        got = _filled("{x}", "> *a_b* ~c~ `d` @here", Markup.SLACK)
        assert got != "> *a_b* ~c~ `d` @here"
        read = as_read(got, Markup.SLACK)
        assert read is not None
        assert read[0] == "> *a_b* ~c~ `d` @here"


class TestMarkupLinks:
    @pytest.mark.parametrize(
        ("text", "markup"),
        [
            ("no tags here", Markup.HTML),
            ("no links here", Markup.MARKDOWN),
            ("no links here", Markup.SLACK),
            ('<a href="x">', Markup.PLAIN),
        ],
    )
    def test_text_without_markup_links_has_none(self, text: str, markup: Markup) -> None:
        """Without the markup's link syntax, no link target."""
        assert markup_links(text, markup) == []

    def test_each_markdown_form(self) -> None:
        """Inline destinations (escapes decoded), autolinks and reference definitions."""
        text = (
            "[a](<https://x.example/a b>) <ftp://y.example> [c](https\\://z.example)\n[r]: data:x"
        )
        assert [url for url, _ in markup_links(text, Markup.MARKDOWN)] == [
            "https://x.example/a b",
            "ftp://y.example",
            "https://z.example",
            "data:x",
        ]

    def test_html_attributes_in_any_quoting(self) -> None:
        """Double, single and no quotes; only URL attributes count."""
        text = "<a title=\"https://t.example\" href='https://a.example' x=1><img src=https://i.example>"
        assert [url for url, _ in markup_links(text, Markup.HTML)] == [
            "https://a.example",
            "https://i.example",
        ]

    def test_slack_links_not_mentions(self) -> None:
        """<url|label> is a link; <@U1>, <#C1> and <!here> are not."""
        text = "<https://a.example|a> <@U1> <#C1> <!here>"
        assert markup_links(text, Markup.SLACK) == [("https://a.example", (0, 21))]

    def test_no_broadcast_in_plain_words(self) -> None:
        """Text without @ or <! has no broadcast."""
        assert broadcasts("channel here everyone") == []


class TestAsRead:
    def test_plain_is_read_as_written(self) -> None:
        """Plain text has nothing to decode."""
        assert as_read("a &amp; b", Markup.PLAIN) is None

    @pytest.mark.parametrize(
        ("text", "markup"),
        [
            ("ascii only", Markup.SLACK),
            ("é sans entité", Markup.SLACK),
            ("no escape", Markup.MARKDOWN),
        ],
    )
    def test_nothing_to_decode(self, text: str, markup: Markup) -> None:
        """Text without references, escapes or look-alikes reads as written."""
        assert as_read(text, markup) is None
