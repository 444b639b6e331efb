"""The table of ratios that ``benchmarks/compare.sh`` prints, from its JSON saves.

``python benchmarks/compare_table.py build/compare`` reads every pair
``NAME.base.json`` / ``NAME.head.json`` and prints one Markdown row per
benchmark present on both sides: the minimum and median of each, and the
ratio of minima (this tree / base: below 1 is faster now).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _stats(path: Path) -> dict[str, tuple[float, float]]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        b["fullname"].split("::", 1)[1]: (b["stats"]["min"], b["stats"]["median"])
        for b in data["benchmarks"]
    }


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f}"


def table(folder: Path) -> str:
    """The Markdown table of every benchmark measured on both sides in `folder`."""
    lines = [
        "| benchmark | base min (µs) | head min (µs) | base median | head median | ratio (min) |",
        "|---|---|---|---|---|---|",
    ]
    alone: list[str] = []
    for base_file in sorted(folder.glob("*.base.json")):
        name = base_file.name.removesuffix(".base.json")
        base = _stats(base_file)
        head = _stats(folder / f"{name}.head.json")
        for test in sorted(base.keys() | head.keys()):
            if test not in base or test not in head:
                alone.append(f"{name}::{test} ({'base' if test in base else 'head'} only)")
                continue
            (bmin, bmed), (hmin, hmed) = base[test], head[test]
            lines.append(
                f"| `{name}::{test}` | {_us(bmin)} | {_us(hmin)} | {_us(bmed)} | {_us(hmed)}"
                f" | {hmin / bmin:.2f} |"
            )
    if alone:
        lines += ["", "Measured on one side only:", "", *(f"- `{a}`" for a in alone)]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(Path(sys.argv[1])))
