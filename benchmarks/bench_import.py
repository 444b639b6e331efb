"""`import crisiscomms` in a fresh interpreter, against one that imports only its dependencies.

Goal (issue 14): at most 1.35 times the baseline, an interpreter that imports
only pydantic, attrs, babel and regex. Each figure starts a new interpreter
(``python -c``) with bytecode allowed, after one run that writes the bytecode
caches. A second reference imports the dependencies *and* pydantic's
`BaseModel`, which any pydantic model needs: pydantic's own package is lazy, so
``import pydantic`` alone does not load its model machinery.

``python benchmarks/bench_import.py [runs]`` alternates the interpreters run
by run (so that each sees the same load on a shared machine) and prints the
medians of wall-clock and CPU time and their ratios to the baseline. Figures
are in docs/performance.md ("Import").
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

IMPORTS = {
    "dependencies": "import pydantic, attrs, babel, regex",
    "dependencies+BaseModel": "import attrs, babel, regex; from pydantic import BaseModel",
    "crisiscomms": "import crisiscomms",
    "load_plan": "from crisiscomms import load_plan",
    "every name": "from crisiscomms import *",
}
# Bytecode caches are written and read (a shell may forbid writing them).
_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run(code: str) -> tuple[float, float]:
    """Start an interpreter running `code`; its wall-clock and CPU (user + system) seconds."""
    start = os.times()
    process = subprocess.Popen([sys.executable, "-c", code], env=_ENV)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = os.times().elapsed - start.elapsed
    if process.returncode:
        raise RuntimeError(f"{code!r} exited with {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def compare(runs: int) -> dict[str, tuple[float, float]]:
    """Median wall-clock and CPU seconds of each import, the interpreters alternating."""
    for code in IMPORTS.values():
        run(code)  # write the bytecode caches
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in IMPORTS}
    for _ in range(runs):
        for name, code in IMPORTS.items():
            times[name].append(run(code))
    return {
        name: (statistics.median(w for w, _ in found), statistics.median(c for _, c in found))
        for name, found in times.items()
    }


def test_the_imports_run() -> None:
    """Every measured interpreter imports what it names, and crisiscomms leaves out its extras."""
    code = (
        "import sys, crisiscomms; "
        "assert 'crisiscomms.text._tlds' not in sys.modules; "
        "assert 'crisiscomms.text._extraction' not in sys.modules"
    )
    assert run(code)[0] > 0
    for code in IMPORTS.values():
        assert run(code)[1] > 0


@pytest.mark.parametrize("name", list(IMPORTS))
def test_import(benchmark: BenchmarkFixture, name: str) -> None:
    """A fresh interpreter importing `name` (seconds include starting the interpreter)."""
    code = IMPORTS[name]
    run(code)
    benchmark.pedantic(run, args=(code,), rounds=15, iterations=1)  # type: ignore[no-untyped-call]


def main(runs: int) -> None:
    """Print the medians and their ratios to the dependencies alone."""
    found = compare(runs)
    base_wall, base_cpu = found["dependencies"]
    for name, (wall, cpu) in found.items():
        print(
            f"{name:24} wall {wall * 1e3:7.1f} ms ({wall / base_wall:.2f})"
            f"  cpu {cpu * 1e3:7.1f} ms ({cpu / base_cpu:.2f})"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 21)
