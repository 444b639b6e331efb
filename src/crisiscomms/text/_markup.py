"""The markup languages a channel can speak, and how to escape text for each."""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Callable
from typing import Final, final

from crisiscomms.text._patterns import lazy_re

__all__ = ["Markup", "as_read", "broadcasts", "markup_links"]

# CommonMark inline syntax: emphasis, code, links and images (with the brackets
# of a link destination), raw HTML and entities, GFM tables and strikethrough,
# and the "@" of GFM's e-mail autolinks. A backslash makes each one literal.
_MARKDOWN_INLINE: Final = str.maketrans({c: "\\" + c for c in "\\`*_[]()<>&~|@"})
# GFM's extended autolinks start at "www." or at a scheme's colon ("https://",
# "mailto:", "xmpp:"), and renderers with linkify also link a bare domain
# ("lumea.al"): a backslash before the dot (one between a letter or digit and
# a letter, so "12.5" stays) or the colon stops them.
_MARKDOWN_AUTOLINK: Final = lazy_re(
    r"(?i)(?<![a-z0-9])(www)(\.)|(:)(?=//)|(?<![a-z0-9])(mailto|xmpp)(:)"
    r"|(?<=[^\W_])(\.)(?=[^\W\d_])"
)
# CommonMark line endings (a lone "\r" is one), with the spaces and blank lines
# around them: in a fact they become one space (what CommonMark shows for a
# soft line break), so that a fact starts no line, paragraph, indented code
# block or hard line break, and puts none of the template's text at a line start.
_MARKDOWN_LINE_END: Final = lazy_re(r"[ \t]*(?:\r\n?|\n)[ \t\r\n]*")
# Block syntax acts only at the start of a line and only when followed by a
# space or the end of the line ("#outage" and "12.5" stay as they are):
# headings, bullet and ordered lists ("1." or "1)"), and the lines of "-" or
# "=" that make thematic breaks and setext headings. (">" is escaped inline.)
_MARKDOWN_LINE_START: Final = lazy_re(
    r"(?m)^(?:(#{1,6}|[-+])(?=[ \t]|$)|([0-9]{1,9})([.)])(?=[ \t]|$)|([-=])(?=[-= \t]*$))"
)
_SLACK: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Slack defines no escape for its formatting characters, and mrkdwn reads
# "@channel", "@here" and "@everyone" as broadcasts: in a fact each becomes the
# character that looks the same and means nothing to Slack.
_SLACK_LOOKALIKES: Final = {"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"}
_SLACK_FORMATTING: Final = str.maketrans(_SLACK_LOOKALIKES)
_SLACK_BROADCAST: Final = lazy_re(r"(?i)@(?=(?:channel|here|everyone)\b)")
_SLACK_AT: Final = "\uff20"
# A quote starts where a line starts with ">" (which Slack receives as "&gt;").
_SLACK_QUOTE: Final = lazy_re(r"(?m)^&gt;")
_SLACK_QUOTE_LOOKALIKE: Final = "\u02c3"
_SLACK_READ: Final = {
    **{lookalike: char for char, lookalike in _SLACK_LOOKALIKES.items()},
    _SLACK_AT: "@",
    _SLACK_QUOTE_LOOKALIKE: ">",
}
# What readers see in place of a character reference, and of a Markdown escape.
_ENTITY: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SLACK_ENTITY: Final = re.compile(r"&(?:amp|lt|gt);|[\u2217\u02cd\u223c\u02cb\uff20\u02c3]")
_MARKDOWN_ESCAPE: Final = re.compile(r"\\([!-/:-@\[-`{-~])")


@final
class Markup(enum.StrEnum):
    """How a channel interprets the text it is given.

    Facts inserted into a template are escaped for this markup, so that a fact
    cannot inject formatting, links or mentions.

    >>> Markup("html")
    <Markup.HTML: 'html'>
    """

    PLAIN = "plain"
    MARKDOWN = "markdown"
    HTML = "html"
    SLACK = "slack"

    def escape(self, text: str, /) -> str:
        r"""Return `text` made literal for this markup: it shows as written, no more.

        A fact is data, never markup: whatever it holds, the text it yields
        has no element, link, mention or line of its own. In every markup a
        lone carriage return (which some clients show as a new line, others
        not at all) becomes a line feed, so readers and checks see one text.

        - ``plain``: nothing else changes.
        - ``html``: ``&``, ``<``, ``>``, ``"`` and ``'`` become character
          references, so the text is safe in element content and in quoted
          attribute values. (A fact in an ``href`` can still name a
          ``javascript:`` link: `check_message` reports it, ``SEC008``.)
        - ``markdown`` (CommonMark and GitHub's extensions): a backslash before
          each character of inline syntax (``\ ` * _ [ ] ( ) < > & ~ | @``),
          before the dot of ``www.`` and of a bare domain (``lumea.al``: a dot
          between a letter or digit and a letter) and the colon of
          ``https://``, ``mailto:`` and ``xmpp:`` (autolinks), and before block
          syntax (``#`` headings, ``-``/``+``/``1.`` list items,
          ``---``/``===`` rules) where it starts a line: the start of the text
          counts, since a template may place it there. Line breaks with the
          spaces and blank lines around them become one space (as CommonMark
          shows a soft line break), and spaces at the start and end are
          dropped, so a fact starts no line, paragraph, code block or hard
          line break. Hashtags and numbers such as
          ``#outage`` or ``12.5`` are left alone. A link from a fact is
          written by the template: ``[status page]({url})``.
        - ``slack`` (mrkdwn): ``&``, ``<`` and ``>`` become ``&amp;``, ``&lt;``
          and ``&gt;``, the only escapes Slack defines; they stop links,
          mentions and ``<!channel>`` broadcasts. Slack has no escape for its
          formatting, so ``*``, ``_``, ``~`` and the backtick become the
          characters that look the same (U+2217, U+02CD, U+223C, U+02CB), the
          ``@`` of ``@channel``, ``@here`` and ``@everyone`` a full-width
          ``@`` (U+FF20) and a ``>`` that starts a line (a quote) U+02C3.
          `as_read` reads them back as the characters they stand for.

        >>> Markup.HTML.escape('<b>"AT&T"</b>')
        '&lt;b&gt;&quot;AT&amp;T&quot;&lt;/b&gt;'
        >>> print(Markup.MARKDOWN.escape("# [click](https://evil.example) *now*"))
        \# \[click\]\(https\://evil\.example\) \*now\*
        >>> print(Markup.MARKDOWN.escape("ok\r# Official: call www.evil.example"))
        ok # Official: call www\.evil\.example
        >>> Markup.SLACK.escape("<!channel> R&D")
        '&lt;!channel&gt; R&amp;D'
        >>> print(Markup.SLACK.escape("@here *free* refunds"))
        ＠here ∗free∗ refunds
        >>> Markup.PLAIN.escape("<b>")
        '<b>'
        """
        if "\r" in text:
            # str methods, not a pattern: no match object per character of a long run.
            text = "\r\n".join(part.replace("\r", "\n") for part in text.split("\r\n"))
        if self is Markup.HTML:
            return html.escape(text, quote=True)
        if self is Markup.MARKDOWN:
            return _escape_markdown(text)
        if self is Markup.SLACK:
            text = text.translate(_SLACK).translate(_SLACK_FORMATTING)
            if "@" in text:
                text = _SLACK_BROADCAST.sub(_SLACK_AT, text)
            if "&gt;" in text:
                text = _SLACK_QUOTE.sub(_SLACK_QUOTE_LOOKALIKE, text)
            return text
        return text


def _escape_markdown(text: str) -> str:
    text = text.strip(" \t\r\n")
    if "\n" in text or "\r" in text:
        text = _MARKDOWN_LINE_END.sub(" ", text)
    text = text.translate(_MARKDOWN_INLINE)
    if ":" in text or "." in text:
        text = _MARKDOWN_AUTOLINK.sub(_escape_autolink, text)
    return _MARKDOWN_LINE_START.sub(_escape_line_start, text)


def _escape_autolink(match: re.Match[str]) -> str:
    www, dot, colon, scheme, scheme_colon, domain_dot = match.groups()
    if domain_dot is not None:
        return "\\."
    if www is not None:
        return f"{www}\\{dot}"
    if colon is not None:
        return "\\:"
    return f"{scheme}\\{scheme_colon}"


def _escape_line_start(match: re.Match[str]) -> str:
    marker, digits, delimiter, rule = match.groups()
    if digits is not None:
        return f"{digits}\\{delimiter}"
    return f"\\{marker or rule}"


def as_read(text: str, markup: Markup, /) -> tuple[str, list[int]] | None:
    r"""`text` as its readers see it, and for each offset the offset in `text` it comes from.

    HTML and Slack character references are decoded (``12&#x27;500`` reads
    ``12'500``), Markdown backslash escapes dropped (``1\.`` reads ``1.``);
    tags are left in place. None when the text has nothing to decode.

    >>> as_read("12&#x27;500 Kunden", Markup.HTML)[0]
    "12'500 Kunden"
    >>> as_read("12 clients", Markup.HTML) is None
    True
    """
    decode: Callable[[str], str]
    if markup is Markup.HTML:
        pattern, decode = _ENTITY, html.unescape
    elif markup is Markup.SLACK:
        pattern, decode = _SLACK_ENTITY, _unescape_slack
    elif markup is Markup.MARKDOWN:
        pattern, decode = _MARKDOWN_ESCAPE, _unescape_markdown
    else:
        return None
    if markup is Markup.MARKDOWN:
        if "\\" not in text:
            return None
    elif markup is Markup.HTML:
        if "&" not in text:
            return None
    elif text.isascii() and "&" not in text:
        return None
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        parts.append(text[position:start])
        offsets.extend(range(position, start))
        shown = decode(match[0])
        parts.append(shown)
        # Every character shown stands for the whole reference.
        offsets.extend([start] * len(shown))
        position = end
    if not parts:
        return None
    parts.append(text[position:])
    offsets.extend(range(position, len(text) + 1))
    return "".join(parts), offsets


def _unescape_markdown(escape: str) -> str:
    return escape[1:]


def _unescape_slack(escape: str) -> str:
    return _SLACK_READ.get(escape) or html.unescape(escape)


# The attributes whose value a browser opens or loads as a URL.
_URL_ATTRIBUTES: Final = frozenset(
    {"href", "src", "action", "formaction", "cite", "background", "poster", "data", "ping"}
    | {"xlink:href", "longdesc", "manifest", "codebase", "icon"}
)
_HTML_TAG: Final = lazy_re(r"<[A-Za-z][^<>]*>")
_HTML_ATTRIBUTE: Final = lazy_re(
    # An attribute name starts only where a name can start (the lookbehind), and
    # is taken whole (possessive), so a long name without "=" is tried once.
    r"""(?<![^\s"'<>/=])([^\s"'<>/=]++)\s*+=\s*+(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]++))"""
)
# A Markdown link or image destination, an autolink, a link reference definition.
_MARKDOWN_LINK: Final = lazy_re(
    r"\]\([ \t]*(?:<([^<>\n]*)>|((?:\\.|[^\s()\\])*))"
    r"|<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>"
    r"|(?m:^ {0,3}\[[^\]\n]{1,999}\]:[ \t]*<?([^\s<>]+))"
)
_SLACK_LINK: Final = lazy_re(r"<([^<>|@#!\s][^<>|\s]*)(?:\|[^<>]*)?>")
_SLACK_BROADCASTS: Final = lazy_re(
    r"<!(?:channel|here|everyone)(?:\|[^<>]*)?>|(?<![\w@])@(?:channel|here|everyone)\b",
    re.IGNORECASE,
)


def markup_links(text: str, markup: Markup, /) -> list[tuple[str, tuple[int, int]]]:
    r"""The link targets the markup of `text` writes, decoded as its readers' clients decode them.

    For ``html`` the URL attributes of tags (``href``, ``src``, ``action``
    ...), character references decoded; for ``markdown`` link and image
    destinations (backslash escapes and references decoded), autolinks and
    link reference definitions; for ``slack`` the ``<url|label>`` links.
    Each comes with the span of what holds it. Plain text writes none (its
    links are what platforms auto-link, `crisiscomms.platforms.link_domains`).

    >>> markup_links('<a href="java&#115;cript:alert(1)">x</a>', Markup.HTML)
    [('javascript:alert(1)', (0, 35))]
    >>> markup_links("[status](https://status.lumea.fr/)", Markup.MARKDOWN)
    [('https://status.lumea.fr/', (7, 33))]
    """
    found: list[tuple[str, tuple[int, int]]] = []
    if markup is Markup.HTML:
        if "<" not in text:
            return found
        for tag in _HTML_TAG.finditer(text):
            for attribute in _HTML_ATTRIBUTE.finditer(tag[0]):
                if attribute[1].lower() in _URL_ATTRIBUTES:
                    value = next(v for v in attribute.groups()[1:] if v is not None)
                    found.append((html.unescape(value), tag.span()))
    elif markup is Markup.MARKDOWN:
        if "](" not in text and "<" not in text and "]:" not in text:
            return found
        for match in _MARKDOWN_LINK.finditer(text):
            inline = match[1] if match[1] is not None else match[2]
            if inline is not None:
                found.append((html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", inline)), match.span()))
            elif match[3] is not None:
                found.append((match[3], match.span()))
            else:
                found.append((html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", match[4])), match.span()))
    elif markup is Markup.SLACK and "<" in text:
        for match in _SLACK_LINK.finditer(text):
            found.append((html.unescape(match[1]), match.span()))
    return found


def broadcasts(text: str, /) -> list[tuple[str, tuple[int, int]]]:
    """The Slack broadcasts of `text` (``<!channel>``, ``@here`` ...) with their spans.

    >>> broadcasts("Ops: <!here> and @channel, not team@channel.example")
    [('<!here>', (5, 12)), ('@channel', (17, 25))]
    """
    if "@" not in text and "<!" not in text:
        return []
    return [(match[0], match.span()) for match in _SLACK_BROADCASTS.finditer(text)]
