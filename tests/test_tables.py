"""The HTML of every result table escapes whatever text it holds."""

from __future__ import annotations

import html
import re

from hypothesis import example, given
from hypothesis import strategies as st

from crisiscomms._tables import cell, html_table


@given(st.lists(st.text(), min_size=1, max_size=5), st.text())
@example(["<", "<td>"], "<")
def test_no_value_appears_unescaped(values: list[str], caption: str) -> None:
    """Any text in a cell or the caption is written escaped, never as markup."""
    rows = [{f"c{i}": value for i, value in enumerate(values)}]
    table = html_table(rows, caption=caption)
    for value in [*values, caption]:
        assert html.escape(cell(value)) in table
    # Once the table's own tags are taken out, no tag is left: no value made one.
    bare = re.sub(r"</?(?:table|caption|thead|tbody|tr|th|td)>", "", table)
    assert not set(bare) & set("<>")


def test_rows_keep_their_order_and_heading() -> None:
    """The first row's keys are the heading; each row a line of cells."""
    table = html_table([{"a": 1, "b": None}, {"a": 2, "b": ["x", "y"]}], caption="t")
    assert "<th>a</th><th>b</th>" in table
    assert "<tr><td>2</td><td>x, y</td></tr>" in table
