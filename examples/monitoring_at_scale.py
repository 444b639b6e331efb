"""Monitoring at scale: claims, signals and triage over a partitioned feed with Dask.

Run it with ``python examples/monitoring_at_scale.py`` (Dask is in the
project's test dependencies, not its runtime ones). The feed is JSON lines as
a monitoring tool delivers them; a `dask.bag` splits it into partitions and
each worker reads its mentions and runs, on its partition only:

- `match_claims` against a `ClaimIndex` built once on the client
  (`build_claim_index`) and shipped to the workers with the task;
- `partial_signals`, the counts of `measure_signals` for its part;
- `triage` with a limit, its first mentions to answer.

The client then puts the parts together: match positions shifted by the
partitions' offsets, `PartialSignals.merge` in the feed's order, and the
parts' triage entries sorted by `TriageEntry.priority`. The result equals
the single-process run (the script checks it; tests/test_monitoring.py
checks it on a small feed). The same code runs on a real cluster: give
`compute` a `dask.distributed` client's scheduler instead of the local one.

The generators of the feed and the register are those of
``examples/parallel_claims.py`` (200 claims, French and English).
"""

from __future__ import annotations

import os
import pickle
import runpy
import time
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs

from crisiscomms import (
    ClaimIndex,
    ClaimMatch,
    Mention,
    PartialSignals,
    Signals,
    TriageEntry,
    build_claim_index,
    match_claims,
    partial_signals,
    triage,
)

_GENERATORS = runpy.run_path(str(Path(__file__).with_name("parallel_claims.py")), run_name="g")
REGISTER = _GENERATORS["generate_claims"](200)
START = _GENERATORS["START"]
WINDOW = timedelta(hours=1)
TOP = 25  # the first mentions to answer

Result = tuple[tuple[ClaimMatch, ...], Signals, tuple[TriageEntry, ...]]
Part = tuple[int, tuple[ClaimMatch, ...], PartialSignals, tuple[TriageEntry, ...]]


def generate_feed(count: int) -> list[str]:
    """`count` mentions, one a second from `START`, as JSON lines."""
    return [m.model_dump_json() for m in _GENERATORS["generate_mentions"](count, REGISTER)]


def now_of(lines: Sequence[str]) -> Any:
    """The end of the window: the time of the last mention (they are one a second)."""
    return START + timedelta(seconds=len(lines) - 1)


def measure_part(lines: Sequence[str], index: ClaimIndex, now: Any) -> Part:
    """A worker's job on its partition: read the mentions, match, count, triage."""
    mentions = [Mention.model_validate_json(line) for line in lines]
    return (
        len(mentions),
        match_claims(mentions, index),
        partial_signals(mentions, now=now, window=WINDOW, claims=index),
        triage(mentions, now=now, window=WINDOW, claims=index, limit=TOP),
    )


def _shifted(match: ClaimMatch, offset: int) -> ClaimMatch:
    return attrs.evolve(match, index=match.index + offset)


def combine(parts: Sequence[Part]) -> Result:
    """The parts, in the feed's order, put together as one run over the whole feed."""
    matches: list[ClaimMatch] = []
    entries: list[TriageEntry] = []
    merged: PartialSignals | None = None
    offset = 0
    for size, found, counts, first in parts:
        matches.extend(_shifted(m, offset) for m in found)
        entries.extend(
            attrs.evolve(e, claims=tuple(_shifted(m, offset) for m in e.claims)) for e in first
        )
        merged = counts if merged is None else merged.merge(counts)
        offset += size
    assert merged is not None, "a feed has at least one partition"
    # A stable sort of the parts' entries, in the feed's order, by priority.
    entries.sort(key=lambda e: e.priority)
    return tuple(matches), merged.signals, tuple(entries[:TOP])


def in_one_process(lines: Sequence[str], index: ClaimIndex) -> Result:
    """The same work in this process, over the whole feed at once."""
    _, matches, counts, first = measure_part(lines, index, now_of(lines))
    return matches, counts.signals, first


def on_dask(
    lines: Sequence[str],
    index: ClaimIndex,
    *,
    partitions: int,
    scheduler: str = "processes",
    pool: Executor | None = None,
) -> Result:
    """The work over `partitions` partitions of a `dask.bag`, put together on the client.

    Dask's local process scheduler starts its worker processes for every
    `compute` unless it is given a `pool` to keep.
    """
    import dask.bag as db  # noqa: PLC0415 (a test and example dependency)

    now = now_of(lines)
    bag = db.from_sequence(lines, npartitions=partitions)  # type: ignore[no-untyped-call]
    work = bag.map_partitions(lambda part: [measure_part(list(part), index, now)])
    options: dict[str, Any] = {"pool": pool} if pool is not None else {}
    return combine(work.compute(scheduler=scheduler, **options))


def _timed(what: str, run: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - started
    print(f"  {what}: {elapsed:.2f} s")
    return elapsed, result


def main(count: int = 20_000, partitions: int = 4, workers: int = 2) -> float:
    """Both runs on a generated feed of `count` mentions; returns the speed-up."""
    lines = generate_feed(count)
    print(f"{count:,} mentions, {len(REGISTER)} claims, {partitions} partitions,"
          f" {workers} worker processes, {os.cpu_count()} cores")  # fmt: skip
    _, index = _timed("building the claim index once", lambda: build_claim_index(REGISTER))
    shipped = pickle.dumps(index)
    _timed(
        f"pickling and unpickling it ({len(shipped) / 1024:.0f} KiB, once per task)",
        lambda: pickle.loads(pickle.dumps(index)),
    )
    single, expected = _timed("one process", lambda: in_one_process(lines, index))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        _timed("Dask, first run (starts the worker processes and their imports)",
               lambda: on_dask(lines[:100], index, partitions=workers, pool=pool))  # fmt: skip
        spread, result = _timed(
            "Dask", lambda: on_dask(lines, index, partitions=partitions, pool=pool)
        )
    assert result == expected, "the partitioned run gives the single-process results"
    matches, signals, entries = result
    print(f"  the same results both ways: {len(matches):,} matches,"
          f" {signals.mentions:,} mentions in the last {WINDOW},"
          f" {signals.claim_matches:,} repeating a false or misleading claim,"
          f" first to answer: {entries[0].mention.id}")  # fmt: skip
    print(f"  speed-up x{single / spread:.2f}")
    return single / spread


if __name__ == "__main__":
    main()
