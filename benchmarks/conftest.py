"""Collect ``bench_*.py`` files: `make bench` runs ``pytest benchmarks``."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    """Benchmarks live in ``bench_<concept>.py``, which pytest does not collect by default."""
    if file_path.suffix == ".py" and file_path.name.startswith("bench_"):
        return pytest.Module.from_parent(parent, path=file_path)
    return None
