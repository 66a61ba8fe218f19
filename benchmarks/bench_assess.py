"""
How fast is ``assess``? Per search, in events per second, and against a bare pass.

The bare pass reads each event's timestamp and type from the same objects and does
nothing else: the least any assessment must do. Everything is measured in one run, on
the seeded population of ``population.py`` (searches of 25 opportunities), so the ratio
does not depend on the machine. Target: ``assess`` at most 8 times the bare pass.

    python benchmarks/bench_assess.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from population import AS_OF, population

import pipeline_core as pc

SEARCHES = 200
REPEATS = 15
TARGET_RATIO = 8.0


def bare_pass(search: pc.Search) -> float:
    """Read every event's timestamp and type: the floor of any assessment."""
    total = 0.0
    for opportunity in search.opportunities:
        for event in opportunity.events:
            total += event.at.timestamp()
            _ = event.type
    return total


def median_microseconds(
    searches: list[pc.Search], work: Callable[[pc.Search], object]
) -> tuple[float, float]:
    """Return the median time per search, and the total time of the best repeat (µs)."""
    per_search: list[list[int]] = [[] for _ in searches]
    totals = []
    clock = time.perf_counter_ns
    for _ in range(REPEATS):
        started_all = clock()
        for index, search in enumerate(searches):
            started = clock()
            work(search)
            per_search[index].append(clock() - started)
        totals.append(clock() - started_all)
    medians = [statistics.median(times) for times in per_search]
    return statistics.median(medians) / 1_000, min(totals) / 1_000


def main() -> None:
    """Time assess and the bare pass on the population; print the figures."""
    searches = population(SEARCHES)
    events = sum(len(o.events) for search in searches for o in search.opportunities)
    for search in searches:  # warm up: caches, lazy imports
        pc.assess(search, as_of=AS_OF)
        bare_pass(search)
    bare, _ = median_microseconds(searches, bare_pass)
    assess, assess_total = median_microseconds(searches, lambda s: pc.assess(s, as_of=AS_OF))
    print(
        f"population: {SEARCHES} searches x 25 opportunities, {events / SEARCHES:.0f} events "
        "per search"
    )
    print(f"assess:     {assess:8.1f} µs per search (median)")
    print(f"bare pass:  {bare:8.1f} µs per search (median)")
    print(f"throughput: {events / (assess_total / 1e6):,.0f} events per second through assess")
    ratio = assess / bare
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(f"ratio:      {ratio:8.1f} x the bare pass ({verdict} the {TARGET_RATIO:g} x target)")


if __name__ == "__main__":
    main()
