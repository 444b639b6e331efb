"""`crisiscomms lint` on the demo plan as a whole process (issue 17: under 0.6 s).

The console script runs in a fresh interpreter, as a CI job runs it: the
import of the command line, click, the library and its dependencies counts,
and so does reading the plan file, loading and linting it. The plan file is
written as `make demo` writes ``build/demo-plan.json``. Beside it, an
interpreter that only starts (``python -c pass``) shows the floor.

``python benchmarks/bench_cli.py [runs]`` alternates both run by run and
prints the medians of wall-clock and CPU time (user + system of the child).
Figures are in docs/performance.md ("Command line").
"""

from __future__ import annotations

import functools
import json
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from bench_import import _ENV, run
from pytest_benchmark.fixture import BenchmarkFixture

NOW = "2026-11-24T09:00+01:00"


@functools.cache
def demo_plan_file() -> Path:
    """The demo plan as `make demo` writes it (a JSON file, indented)."""
    from crisiscomms.samples import demo_plan

    path = Path(tempfile.mkdtemp()) / "demo-plan.json"
    path.write_text(demo_plan().to_json(indent=2) + "\n", encoding="utf-8")
    return path


def lint_code() -> str:
    """The command line run as the console script runs it, with the demo plan file."""
    args = ["lint", str(demo_plan_file()), "--now", NOW]
    return (
        "import sys; from crisiscomms._cli import main; "
        f"sys.argv = ['crisiscomms', *{args!r}]; sys.stdout = open('/dev/null', 'w')\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 1, e.code"
    )


def test_lint_runs() -> None:
    """The measured process lints the demo plan (exit status 1: the demo has an error)."""
    assert run(lint_code())[1] > 0


def test_lint_prints_what_lint_plan_finds() -> None:
    """The measured command's findings are `lint_plan`'s, in the same process shape."""
    from crisiscomms import lint_plan, load_plan

    path = demo_plan_file()
    done = subprocess.run(
        [sys.executable, "-c", lint_code().replace("open('/dev/null', 'w')", "sys.__stdout__")],
        capture_output=True,
        text=True,
        check=True,
        env=_ENV,
        timeout=120,
    )
    report = lint_plan(
        load_plan(json.loads(path.read_text(encoding="utf-8"))),
        now=datetime.fromisoformat(NOW),
    )
    printed = [
        line.split(": ", 1)[1] if line.startswith(str(path)) else line
        for line in done.stdout.splitlines()[:-1]
    ]
    assert printed == [str(f) for f in report.findings]


def test_lint_demo_plan(benchmark: BenchmarkFixture) -> None:
    """`crisiscomms lint build/demo-plan.json` in a fresh interpreter."""
    code = lint_code()
    run(code)  # bytecode caches written
    benchmark.pedantic(run, args=(code,), rounds=10, iterations=1)  # type: ignore[no-untyped-call]


def main(runs: int) -> None:
    """Print the medians of the lint process and of a bare interpreter."""
    codes = {"lint the demo plan": lint_code(), "python -c pass": "pass"}
    for code in codes.values():
        run(code)
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in codes}
    for _ in range(runs):
        for name, code in codes.items():
            found[name].append(run(code))
    for name, times in found.items():
        wall = statistics.median(w for w, _ in times)
        cpu = statistics.median(c for _, c in times)
        print(
            f"{name:20} wall {wall * 1e3:7.1f} ms  cpu {cpu * 1e3:7.1f} ms  (min wall"
            f" {min(w for w, _ in times) * 1e3:.1f}, min cpu {min(c for _, c in times) * 1e3:.1f})"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
