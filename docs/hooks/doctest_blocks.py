"""MkDocs hook: show the `>>>` examples of docstrings as code in the API reference.

The docstrings hold their examples as bare doctest lines (so that pytest runs
them); Markdown would read ``>>>`` as nested quotes. This adds a Markdown
preprocessor, also used by mkdocstrings, that fences each run of doctest
lines that is not already inside a fence.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_FENCE = re.compile(r"^\s*(```|~~~)")
_PROMPT = re.compile(r"^(\s*)>>> ")


class _DoctestBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fenced = False
        index = 0
        while index < len(lines):
            line = lines[index]
            if _FENCE.match(line):
                fenced = not fenced
            prompt = None if fenced else _PROMPT.match(line)
            if prompt is None:
                out.append(line)
                index += 1
                continue
            indent = prompt.group(1)
            out.append(f"{indent}```pycon")
            while index < len(lines) and lines[index].strip():
                out.append(lines[index])
                index += 1
            out.append(f"{indent}```")
        return out


class DoctestBlocks(Extension):
    """Fence bare doctest runs as ``pycon`` code."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.register(_DoctestBlocks(md), "doctest_blocks", 27)


def on_config(config: Any) -> Any:
    """Add the extension to the site's Markdown, which mkdocstrings reuses."""
    config.markdown_extensions.append(DoctestBlocks())
    return config
