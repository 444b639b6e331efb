"""Every example runs as a user would run it, and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

#: What each example must print; an example not listed must print something.
EXPECTED: dict[str, tuple[str, ...]] = {
    "lengths.py": (
        "breach-social-fr [fr_FR, initial]: rendered",
        "    x-fr          176/280 weighted characters: fits",
        "    sms           145/1600 UTF-16 code units, UCS-2, 3 part(s): fits"
        "  findings: LEN002, LEN004",
        "recall-fr [fr_FR, initial]: raw text (no demo value for batch)",
    ),
    "quickstart.py": (
        "Lumea — plan de communication de crise",
        "  critical  Critique  30 min  every 1 h",
        "CNIL (autorité de contrôle) (regulators, from moderate)",
        "    channels: email [email]",
        "  initial            5/6      9/10",
        "  not usable now: breach-instagram-fr, breach-investors-en",
        # The other parts of the demo, each from its own example.
        "    sms           145/1600 UTF-16 code units, UCS-2, 3 part(s): fits",
        "customers    instagram     fr_FR   -                              GAP      -",
        # The partners' email gives times without a zone (CON008): its status says so.
        "partners     email         en_GB   372 characters (no limit)      warning  breach-long",
        "escalate moderate -> high (rule 'rumour-spreading'):",
        "  error CON001 [media/linkedin/en_GB]: media/linkedin/en_GB says '15,000' for"
        " affected_customers at 61-67, but the facts hold 12000",
        "  error   TIM001 first-statement/investors",
    ),
}


def test_there_are_examples() -> None:
    """The examples folder is found and holds the quickstart."""
    assert "quickstart.py" in [path.name for path in EXAMPLES]


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_runs(path: Path) -> None:
    """The example exits with 0 and prints its expected lines."""
    result = subprocess.run(
        [sys.executable, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for line in EXPECTED.get(path.name, ()):
        assert line in result.stdout, line
    assert result.stdout.strip()
