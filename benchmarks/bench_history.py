"""
How much does one sweep save? ``risk_history`` over K steps against K times one ``assess``.

Measured in one run on the seeded population of ``population.py`` (searches of 25
opportunities): the median time of ``risk_history`` over K = 60 daily steps ending at the
population's instant, against K times the median time of one ``assess`` at that instant
(the baseline) and at the middle of the period (where assess must replay history).
Target: at most 0.3 x K x one ``assess``.

    python benchmarks/bench_history.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable

from population import AS_OF, population

import pipeline_core as pc

SEARCHES = 40
REPEATS = 5
STEPS = 60
TARGET_RATIO = 0.3


def median_microseconds(searches: list[pc.Search], work: Callable[[pc.Search], object]) -> float:
    """Return the median over searches of the best time of REPEATS runs (µs)."""
    clock = time.perf_counter_ns
    best = []
    for search in searches:
        times = []
        for _ in range(REPEATS):
            started = clock()
            work(search)
            times.append(clock() - started)
        best.append(min(times))
    return statistics.median(best) / 1_000


def main() -> None:
    """Time risk_history and assess on the population; print the figures and the ratio."""
    searches = population(SEARCHES)
    start = AS_OF - dt.timedelta(days=STEPS - 1)
    middle = AS_OF - dt.timedelta(days=STEPS // 2)
    for search in searches[:5]:  # warm up: caches, lazy imports
        pc.assess(search, as_of=AS_OF)
        pc.risk_history(search, start=start, end=AS_OF)
    history = median_microseconds(searches, lambda s: pc.risk_history(s, start=start, end=AS_OF))
    assess = median_microseconds(searches, lambda s: pc.assess(s, as_of=AS_OF))
    assess_middle = median_microseconds(searches, lambda s: pc.assess(s, as_of=middle))
    ratio = history / (STEPS * assess)
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(f"population:    {SEARCHES} searches x 25 opportunities, K = {STEPS} daily steps")
    print(f"risk_history:  {history:10.1f} µs per search ({history / STEPS:.1f} µs per step)")
    print(f"assess (end):  {assess:10.1f} µs per search")
    print(f"assess (mid):  {assess_middle:10.1f} µs per search (replays the history)")
    print(f"ratio:         {ratio:10.2f} x K x assess at the end ({verdict} {TARGET_RATIO:g})")
    print(f"               {history / (STEPS * assess_middle):10.2f} x K x assess mid-period")


if __name__ == "__main__":
    main()
