"""Every text function takes linear time on adversarial shapes of text (small sizes).

The benchmark `benchmarks/bench_adversarial.py` runs the same shapes at larger
sizes with the issue's bound (at most about 12 times the time for 10 times the
text). Here the sizes are small and the bound generous (60 times, where a
quadratic function takes 100 and a cubic one 1,000), so that a loaded machine
does not fail the test while a super-linear function still does.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from crisiscomms import check_message, extract_values, measure
from crisiscomms.samples import demo_plan
from crisiscomms.text._safety import link_domains

from .strategies import ADVERSARIAL_SHAPES

PLAN = demo_plan()

#: The text functions, each applied to one text.
TEXT_FUNCTIONS: dict[str, Callable[[str], object]] = {
    "measure mastodon": lambda text: measure(text, "mastodon"),
    "measure x": lambda text: measure(text, "x"),
    "measure bluesky": lambda text: measure(text, "bluesky"),
    "measure sms": lambda text: measure(text, "sms"),
    "check_message": lambda text: check_message(text, "x", plan=PLAN),
    "link_domains": link_domains,
    "extract_values": lambda text: extract_values(text, "en_GB"),
}

SMALL, BOUND = 2_000, 60.0


def _best(function: Callable[[str], object], text: str, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return best


def growth(function: Callable[[str], object], shape: Callable[[int], str], n: int) -> float:
    """How many times longer `function` takes on the shape at 10 `n` than at `n`."""
    function(shape(n))  # warm caches (CLDR data, compiled patterns)
    small, large = _best(function, shape(n)), _best(function, shape(10 * n))
    # A floor on the small time keeps timer resolution from inflating the ratio.
    return large / max(small, 2e-4)


@pytest.mark.parametrize("shape", sorted(ADVERSARIAL_SHAPES))
@pytest.mark.parametrize("function", sorted(TEXT_FUNCTIONS))
def test_linear_time(function: str, shape: str) -> None:
    """Ten times the text takes at most about ten times the time (generous bound)."""
    ratio = growth(TEXT_FUNCTIONS[function], ADVERSARIAL_SHAPES[shape], SMALL)
    assert ratio < BOUND, f"{function} on {shape}: {ratio:.1f} times for 10 times the text"
