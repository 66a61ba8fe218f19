"""
Time ``forecast`` over a seeded population of searches, 25 opportunities each.

Prints the median microseconds per search for ``forecast`` (what the risk
engine pays: the figures its rules read), for ``forecast`` plus the figures
computed on first read (the correlated variant and the first offer's timing),
and for ``search.states(as_of)`` (the replay every evaluation does anyway) as a
yardstick.

Run it:  python benchmarks/bench_outlook.py [searches] [repeats]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time

import pipeline_core as pc
from pipeline_core.outlook import forecast

AS_OF = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
ORGANIZATIONS = [f"Org {n}" for n in range(18)]
SOURCES = list(pc.Source)
PATH = ["screening", "interviewing", "final_round"]
P_INBOUND = 0.4  # chance of an inbound message after a stage move
P_SIGNAL = 0.3  # chance of a signal after a stage move
P_CLOSED = 0.25  # chance the opportunity has ended (rejected)
VERBAL_DEPTH, WRITTEN_DEPTH = 4, 5


def build_opportunity(rng: random.Random, number: int) -> pc.Opportunity:
    """One opportunity with a plausible history ending before AS_OF."""
    at = AS_OF - dt.timedelta(days=rng.uniform(5, 60))
    events: list[pc.Event] = [pc.Applied(at=at)]
    depth = rng.choices(range(6), weights=[40, 20, 15, 10, 8, 7])[0]
    for stage in PATH[: min(depth, 3)]:
        at += dt.timedelta(days=rng.uniform(1, 8))
        events.append(pc.Advanced(at=at, stage=stage))
        if rng.random() < P_INBOUND:
            events.append(pc.Contact(at=at, direction=pc.Direction.INBOUND))
        if rng.random() < P_SIGNAL:
            events.append(pc.Signal(at=at, polarity=rng.choice(list(pc.Polarity))))
    if depth >= VERBAL_DEPTH:
        at += dt.timedelta(days=rng.uniform(1, 5))
        events.append(pc.Offer(at=at, form=pc.OfferForm.VERBAL))
    if depth >= WRITTEN_DEPTH:
        at += dt.timedelta(days=rng.uniform(1, 5))
        events.append(pc.Offer(at=at, form=pc.OfferForm.WRITTEN))
    if rng.random() < P_CLOSED:
        at += dt.timedelta(days=rng.uniform(1, 5))
        events.append(pc.Closed(at=at, outcome=pc.Outcome.REJECTED))
    events = [event for event in events if event.at <= AS_OF]
    return pc.Opportunity(
        id=f"opp-{number}",
        organization=rng.choice(ORGANIZATIONS),
        title="Analyst",
        source=rng.choice(SOURCES),
        events=tuple(events),
    )


def build_population(count: int, seed: int = 20261102) -> list[pc.Search]:
    """``count`` searches of 25 opportunities each."""
    rng = random.Random(seed)
    return [
        pc.Search(opportunities=tuple(build_opportunity(rng, n) for n in range(25)))
        for _ in range(count)
    ]


def median_microseconds(work: list[pc.Search], call: object, repeats: int) -> float:
    """The median over searches of the best of ``repeats`` timings, in microseconds."""
    timings = []
    for search in work:
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            call(search)  # type: ignore[operator]
            best = min(best, time.perf_counter() - start)
        timings.append(best * 1e6)
    return statistics.median(timings)


def everything(search: pc.Search) -> None:
    """Forecast, then read the figures that are computed on first read."""
    outlook = forecast(search, as_of=AS_OF)
    _ = outlook.p_any_offer_correlated, outlook.expected_days_to_first_offer


def main() -> None:
    """Build the population, warm the caches, time, print."""
    arguments = [*sys.argv[1:], "", ""]
    count = int(arguments[0] or 200)
    repeats = int(arguments[1] or 5)
    population = build_population(count)
    forecast(population[0], as_of=AS_OF)  # the model's caches, built once
    states = median_microseconds(population, lambda s: s.states(AS_OF), repeats)
    outlook = median_microseconds(population, lambda s: forecast(s, as_of=AS_OF), repeats)
    derived = median_microseconds(population, everything, repeats)
    print(f"searches: {count} x 25 opportunities, best of {repeats}")
    print(f"search.states(as_of):          median {states:8.1f} us per search (yardstick)")
    print(f"forecast(search):              median {outlook:8.1f} us per search")
    print(f"  + correlated, first offer:   median {derived:8.1f} us per search")


if __name__ == "__main__":
    main()
