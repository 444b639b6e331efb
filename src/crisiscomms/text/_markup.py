"""The markup languages a channel can speak, and how to escape text for each."""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Callable
from typing import Final, final

from crisiscomms.text._patterns import lazy_re

__all__ = ["Markup", "as_read"]

# CommonMark inline syntax: emphasis, code, links and images, raw HTML and
# entities, GFM tables and strikethrough. A backslash makes each one literal.
_MARKDOWN_INLINE: Final = lazy_re(r"([\\`*_\[\]<>&~|])")
# Block syntax acts only at the start of a line and only when followed by a
# space or the end of the line ("#outage" and "12.5" stay as they are):
# headings, bullet and ordered lists ("1." or "1)"), and the lines of "-" or
# "=" that make thematic breaks and setext headings. (">" is escaped inline.)
_MARKDOWN_LINE_START: Final = lazy_re(
    r"(?m)^([ \t]*)(?:(#{1,6}|[-+])(?=[ \t]|$)|([0-9]{1,9})([.)])(?=[ \t]|$)|([-=])(?=[-= \t]*$))"
)
_SLACK: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# What readers see in place of a character reference, and of a Markdown escape.
_ENTITY: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SLACK_ENTITY: Final = re.compile(r"&(?:amp|lt|gt);")
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

        - ``plain``: unchanged.
        - ``html``: ``&``, ``<``, ``>``, ``"`` and ``'`` become character
          references, so the text is safe in element content and in quoted
          attribute values.
        - ``markdown`` (CommonMark and GitHub's extensions): a backslash before
          each character of inline syntax (``\ ` * _ [ ] < > & ~ |``), and
          before block syntax (``#`` headings, ``-``/``+``/``1.`` list items,
          ``---``/``===`` rules) where it starts a line: the start of the text
          counts, since a template may place it there. Hashtags and numbers
          such as ``#outage`` or ``12.5`` are left alone.
        - ``slack`` (mrkdwn): ``&``, ``<`` and ``>`` become ``&amp;``, ``&lt;``
          and ``&gt;``, the only escapes Slack defines; they stop links,
          mentions and ``<!channel>`` broadcasts.

        >>> Markup.HTML.escape('<b>"AT&T"</b>')
        '&lt;b&gt;&quot;AT&amp;T&quot;&lt;/b&gt;'
        >>> print(Markup.MARKDOWN.escape("# [click](https://evil.example) *now*"))
        \# \[click\](https://evil.example) \*now\*
        >>> Markup.SLACK.escape("<!channel> R&D")
        '&lt;!channel&gt; R&amp;D'
        >>> Markup.PLAIN.escape("<b>")
        '<b>'
        """
        if self is Markup.HTML:
            return html.escape(text, quote=True)
        if self is Markup.MARKDOWN:
            text = _MARKDOWN_INLINE.sub(r"\\\1", text)
            return _MARKDOWN_LINE_START.sub(_escape_line_start, text)
        if self is Markup.SLACK:
            return text.translate(_SLACK)
        return text


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker, digits, delimiter, rule = match.groups()
    if digits is not None:
        return f"{indent}{digits}\\{delimiter}"
    return f"{indent}\\{marker or rule}"


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
        pattern, decode = _SLACK_ENTITY, html.unescape
    elif markup is Markup.MARKDOWN:
        pattern, decode = _MARKDOWN_ESCAPE, _unescape_markdown
    else:
        return None
    if ("\\" if markup is Markup.MARKDOWN else "&") not in text:
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
