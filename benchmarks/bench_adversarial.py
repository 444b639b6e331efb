"""Adversarial text shapes for every text function, at two sizes ten times apart.

Each shape of `tests.strategies.ADVERSARIAL_SHAPES` (long runs of one
character, of ``@``, ``.``, digits, links, emoji with joiners, alternating
scripts...) goes through each function of `tests.test_adversarial.TEXT_FUNCTIONS`
at 10,000 and 100,000 characters: ten times the text must take at most about
12 times the time (linear, with noise). The benchmark itself times the large
size; the check runs in `make bench` (`make benchcheck` runs each case once,
untimed). The unit tests run the same shapes at 2,000 and 20,000
characters with a more generous bound. The markup escapes and link checks
(`tests.test_adversarial.MARKUP_FUNCTIONS`) run on hostile markup
(`MARKUP_SHAPES`: thousands of user-info, IPv6, ``href`` and Markdown links,
long runs of ``](``, ``:``, CR, broadcasts). Figures are in
docs/performance.md ("Adversarial text").
"""

from __future__ import annotations

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from tests.strategies import ADVERSARIAL_SHAPES
from tests.test_adversarial import MARKUP_FUNCTIONS, MARKUP_SHAPES, TEXT_FUNCTIONS, growth

SMALL = 10_000
#: Linear with noise: 10 times the text, at most about 12 times the time.
BOUND = 12.0


@pytest.mark.parametrize("shape", sorted(ADVERSARIAL_SHAPES))
@pytest.mark.parametrize("function", sorted(TEXT_FUNCTIONS))
def test_adversarial(benchmark: BenchmarkFixture, function: str, shape: str) -> None:
    """The function stays linear on the shape; the large size is what is timed."""
    run, build = TEXT_FUNCTIONS[function], ADVERSARIAL_SHAPES[shape]
    if not benchmark.disabled:  # `make benchcheck` runs once; the unit tests cover that
        # The better of two measurements: a loaded machine slows one, rarely both.
        ratio = min(growth(run, build, SMALL) for _ in range(2))
        assert ratio <= BOUND, f"{function} on {shape}: {ratio:.1f} times for 10 times the text"
    benchmark(run, build(10 * SMALL))


@pytest.mark.parametrize("shape", sorted(MARKUP_SHAPES))
@pytest.mark.parametrize("function", sorted(MARKUP_FUNCTIONS))
def test_markup_adversarial(benchmark: BenchmarkFixture, function: str, shape: str) -> None:
    """Markup escapes and link checks stay linear on hostile markup; the large size is timed."""
    run, build = MARKUP_FUNCTIONS[function], MARKUP_SHAPES[shape]
    if not benchmark.disabled:
        ratio = min(growth(run, build, SMALL) for _ in range(2))
        assert ratio <= BOUND, f"{function} on {shape}: {ratio:.1f} times for 10 times the text"
    benchmark(run, build(10 * SMALL))
