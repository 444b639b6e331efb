"""Result values as tables: the rows of `to_records` and the HTML a notebook shows.

Every result a user looks at gives ``to_records()`` (flat dicts, the same
keys in every row, typed as a ``TypedDict``) and ``_repr_html_`` (a table of
those rows). This module writes that HTML once: every value escaped, no
script or style that a sanitising notebook viewer would strip, and a caption
that also reads as the plain-text summary.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

__all__ = ["cell", "html_table"]


def cell(value: object) -> str:
    """A value as a table cell reads it: ISO instants, lists joined, None empty.

    >>> cell(None), cell(["CON001", "CON005"]), cell(True)
    ('', 'CON001, CON005', 'True')
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(cell(item) for item in value)
    return str(value)


def html_table(rows: Sequence[Mapping[str, object]], *, caption: str) -> str:
    """An HTML table of `rows` (their keys as the heading), every value escaped.

    >>> table = html_table([{"code": "<b>"}], caption="1 row")
    >>> "<td>&lt;b&gt;</td>" in table, "<b>" in table
    (True, False)
    """
    heads = list(rows[0]) if rows else []
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in heads)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell(row.get(h)))}</td>" for h in heads) + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )
