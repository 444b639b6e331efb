"""`match_claims` runs unchanged in worker processes over chunks of a large feed.

Run it with ``python examples/parallel_claims.py``. The function is pure and
everything it takes (mentions, claims) and returns (matches) pickles, so a
`concurrent.futures.ProcessPoolExecutor` can split a feed into chunks, match
them on every core, and put the results back together: the same matches as
one call over the whole feed. The only change is the position of each match,
which is relative to its chunk and is shifted back.

Two ways to feed the workers are timed. Pickling `Mention` objects to them
works, but a pydantic model costs more to pickle and unpickle than to match,
so on few cores the pool is slower than one process. Sending the feed as the
monitoring tool delivered it (JSON lines) and reading the mentions in the
workers moves that cost to the workers too, and the pool pays off.

The feed and the register are generated (French and English, 200 claims);
`benchmarks/bench_monitoring.py` measures the same data at full size.
"""

from __future__ import annotations

import gc
import os
import random
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import attrs

from crisiscomms import ClaimMatch, KnownClaim, Mention, match_claims

T = TypeVar("T")
START = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
FRENCH = (
    "le la les de des un une et est pas que qui pour sur avec dans ce nous vous ils mais"
    " tout plus très bien encore aujourd’hui facture compteur client clients électricité"
)
ENGLISH = (
    "the a an of and is not that who for on with in this we you they but all more very"
    " well still today bill meter customer customers electricity"
)
COMMON = {"fr": FRENCH.split(), "en": ENGLISH.split()}
BRAND = "Lumea"


def vocabulary(seed: int, size: int) -> list[str]:
    """Made-up words (with accents, half of them) standing for a real vocabulary."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvéèàç"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(size)]


def generate_claims(count: int, *, seed: int = 1) -> tuple[KnownClaim, ...]:
    """A register of `count` claims, two keyword sets per language, brand name in each."""
    rng = random.Random(seed)
    words = vocabulary(seed, 3 * count)
    verdicts = ["false", "misleading", "unverified", "true"]
    claims = []
    for n in range(count):
        patterns = {
            language: [[BRAND.lower(), *rng.sample(words, rng.randint(1, 2))] for _ in range(2)]
            for language in ("fr", "en")
        }
        claims.append(
            KnownClaim(
                id=f"claim-{n}", statement=f"Claim {n}", verdict=verdicts[n % 4], patterns=patterns
            )
        )
    return tuple(claims)


def generate_mentions(
    count: int, claims: tuple[KnownClaim, ...], *, seed: int = 2, claim_share: float = 0.05
) -> list[Mention]:
    """`count` mentions of 12 to 30 words; about `claim_share` of them repeat a claim."""
    rng = random.Random(seed)
    filler = vocabulary(seed + 1, 5000)
    mentions = []
    for n in range(count):
        language = "fr" if n % 2 else "en"
        text = [
            rng.choice(COMMON[language]) if rng.random() < 0.6 else rng.choice(filler)
            for _ in range(rng.randint(12, 30))
        ]
        text.insert(rng.randrange(len(text)), BRAND)
        if rng.random() < claim_share:
            keywords = rng.choice(rng.choice(claims).patterns[language])
            for keyword in keywords[1:]:
                text.insert(rng.randrange(len(text)), keyword.upper())
        mentions.append(
            Mention(
                id=str(n),
                text=" ".join(text),
                locale="fr_FR" if n % 2 else "en_GB",
                source="x",
                author=f"@u{n % 997}",
                reach=n % 5000,
                at=START + timedelta(seconds=n),
            )
        )
    return mentions


def chunks(items: list[T], size: int) -> list[list[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def in_pool(
    pool: ProcessPoolExecutor,
    task: Callable[[list[T], tuple[KnownClaim, ...]], tuple[ClaimMatch, ...]],
    items: list[T],
    claims: tuple[KnownClaim, ...],
    *,
    size: int,
) -> tuple[ClaimMatch, ...]:
    """`task` over chunks of `items` in the pool, positions shifted back to the whole feed."""
    parts = chunks(items, size)
    merged: list[ClaimMatch] = []
    for number, part in enumerate(pool.map(task, parts, [claims] * len(parts))):
        merged.extend(attrs.evolve(m, index=m.index + number * size) for m in part)
    return tuple(merged)


def read_and_match(lines: list[str], claims: tuple[KnownClaim, ...]) -> tuple[ClaimMatch, ...]:
    """What a worker does with its shard of the raw feed: read the mentions, match them."""
    return match_claims([Mention.model_validate_json(line) for line in lines], claims)


def in_fresh_pool(
    task: Callable[[list[T], tuple[KnownClaim, ...]], tuple[ClaimMatch, ...]],
    items: list[T],
    claims: tuple[KnownClaim, ...],
    workers: int,
    size: int,
) -> tuple[float, tuple[ClaimMatch, ...]]:
    """The time and result of `task` over chunks of `items`, in a pool started for it."""
    # Forked workers inherit this process's objects; frozen, the workers' garbage
    # collector leaves them alone instead of walking (and copying) them all.
    gc.freeze()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pool.submit(len, ()).result()  # the workers are up before the clock starts
        return timed(lambda: in_pool(pool, task, items, claims, size=size))


def timed(run: Callable[[], tuple[ClaimMatch, ...]]) -> tuple[float, tuple[ClaimMatch, ...]]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def main(count: int = 20_000, workers: int = 2) -> tuple[float, float]:
    claims = generate_claims(200)
    mentions = generate_mentions(count, claims)
    lines = [m.model_dump_json() for m in mentions]  # the feed as a tool delivers it
    size = count // (4 * workers) + 1

    serial_objects, expected = timed(lambda: match_claims(mentions, claims))
    serial_lines, from_lines = timed(lambda: read_and_match(lines, claims))
    pool_objects, parallel = in_fresh_pool(match_claims, mentions, claims, workers, size)
    pool_lines, parallel_lines = in_fresh_pool(read_and_match, lines, claims, workers, size)
    assert expected == from_lines == parallel == parallel_lines, "the same matches every way"

    print(
        f"{count:,} mentions, {len(claims)} claims, {len(expected):,} matches"
        f" (the same in every run); {workers} worker processes, {os.cpu_count()} cores"
    )
    print(
        f"  Mention objects, pickled to the workers:"
        f"  one process {serial_objects:.2f} s, pool {pool_objects:.2f} s,"
        f" speed-up x{serial_objects / pool_objects:.2f}"
    )
    print(
        f"  raw JSON lines, read in the workers:    "
        f"  one process {serial_lines:.2f} s, pool {pool_lines:.2f} s,"
        f" speed-up x{serial_lines / pool_lines:.2f}"
    )
    return serial_objects / pool_objects, serial_lines / pool_lines


if __name__ == "__main__":
    main()
