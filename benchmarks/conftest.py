"""Collect ``bench_*.py`` files: `make bench` runs ``pytest benchmarks``."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import pytest


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    """Benchmarks live in ``bench_<concept>.py``, which pytest does not collect by default."""
    if file_path.suffix != ".py" or not file_path.name.startswith("bench_"):
        return None
    patterns = parent.config.getini("python_files")
    if any(fnmatch(file_path.name, pattern) for pattern in patterns):
        return None  # already collected by pytest's own rule
    return pytest.Module.from_parent(parent, path=file_path)
