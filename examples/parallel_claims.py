"""`match_claims` runs unchanged in worker processes over chunks of a large feed.

Run it with ``python examples/parallel_claims.py``. The function is pure and
everything it takes (mentions, claims) and returns (matches) pickles, so a
`concurrent.futures.ProcessPoolExecutor` can split a feed into chunks, match
them on every core, and put the results back together: the same matches as
one call over the whole feed. The only change is the position of each match,
which is relative to its chunk and is shifted back.

The feed and the register are generated (French and English, 200 claims);
`benchmarks/bench_monitoring.py` measures the same data at full size.
"""

from __future__ import annotations

import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta

import attrs

from crisiscomms import ClaimMatch, KnownClaim, Mention, match_claims

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


def chunks(mentions: list[Mention], size: int) -> list[list[Mention]]:
    return [mentions[i : i + size] for i in range(0, len(mentions), size)]


def match_in_parallel(
    mentions: list[Mention],
    claims: tuple[KnownClaim, ...],
    pool: ProcessPoolExecutor,
    *,
    size: int,
) -> tuple[ClaimMatch, ...]:
    """match_claims over chunks in the pool, positions shifted back to the whole feed."""
    parts = list(chunks(mentions, size))
    results = pool.map(match_claims, parts, [claims] * len(parts))
    merged: list[ClaimMatch] = []
    for number, part in enumerate(results):
        merged.extend(attrs.evolve(m, index=m.index + number * size) for m in part)
    return tuple(merged)


def main(count: int = 20_000, workers: int = 2) -> float:
    claims = generate_claims(200)
    mentions = generate_mentions(count, claims)

    started = time.perf_counter()
    serial = match_claims(mentions, claims)
    serial_seconds = time.perf_counter() - started

    with ProcessPoolExecutor(max_workers=workers) as pool:
        pool.submit(len, ()).result()  # the workers are up before the clock starts
        started = time.perf_counter()
        parallel = match_in_parallel(mentions, claims, pool, size=count // (4 * workers) + 1)
        parallel_seconds = time.perf_counter() - started

    assert parallel == serial, "the parallel run must find exactly the same matches"
    speed_up = serial_seconds / parallel_seconds
    print(f"{count:,} mentions, {len(claims)} claims, {len(serial):,} matches")
    print(f"  one process: {serial_seconds:.2f} s ({count / serial_seconds:,.0f} mentions/s)")
    print(
        f"  {workers} processes: {parallel_seconds:.2f} s"
        f" ({count / parallel_seconds:,.0f} mentions/s), speed-up x{speed_up:.2f}"
        f" on {os.cpu_count()} cores"
    )
    return speed_up


if __name__ == "__main__":
    main()
