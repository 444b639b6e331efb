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


def html_table(
    rows: Sequence[Mapping[str, object] | Sequence[object]],
    *,
    caption: str,
    heads: Sequence[str] | None = None,
) -> str:
    """An HTML table of `rows` (their keys as the heading), every value escaped.

    With `heads`, each row is a sequence of cells in that order: for tables
    whose headings are data (message labels) and may repeat a column name.

    >>> table = html_table([{"code": "<b>"}], caption="1 row")
    >>> "<td>&lt;b&gt;</td>" in table, "<b>" in table
    (True, False)
    >>> html_table([["x", 1]], caption="", heads=["fact", "fact"]).count("<th>fact</th>")
    2
    """
    if heads is None:
        mappings = [row for row in rows if isinstance(row, Mapping)]
        heads = list(mappings[0]) if mappings else []
        cells = [[row.get(h) for h in heads] for row in mappings]
    else:
        cells = [list(row.values()) if isinstance(row, Mapping) else list(row) for row in rows]
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in heads)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell(value))}</td>" for value in row) + "</tr>"
        for row in cells
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )
