"""
A seeded population of job searches for benchmarks: 25 opportunities each, a realistic mix.

Each search covers about ten weeks before ``AS_OF``. Opportunities are applied to over
that time (a few are only noted), most of them hear nothing back or are rejected, some
reach a screening or interviews (with contacts and signals along the way), a few get a
verbal or written offer, some end ghosted or withdrawn. Only the standard library's
``random`` is used, seeded, so every run builds the same population.

    python benchmarks/population.py   # prints a summary of the population
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pipeline_core as pc

AS_OF = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
"""The instant every search is assessed at: after every event of the population."""

OPPORTUNITIES_PER_SEARCH = 25
_DAY = dt.timedelta(days=1)
_ORGANIZATIONS = [f"Org {n}" for n in range(60)]
_INDUSTRIES = ["software", "finance", "health", "retail", "logistics", "education", None]
_LOCATIONS = ["Chicago", "Remote", "New York", "Austin", "Denver", None]
_SOURCES = list(pc.Source)
_SOURCE_WEIGHTS = [40, 20, 10, 12, 8, 8, 2]


def _later(rng: random.Random, at: dt.datetime, low: float, high: float) -> dt.datetime:
    return min(at + rng.uniform(low, high) * _DAY, AS_OF - dt.timedelta(minutes=1))


def _history(rng: random.Random, start: dt.datetime) -> list[pc.Event]:
    """Return a legal history for the default pipeline, following a rough funnel."""
    if rng.random() < 0.08:
        return []  # noted, not applied yet
    at = start
    events: list[pc.Event] = [pc.Applied(at=at)]
    stages = ["screening", "interviewing", "interviewing", "final_round"]
    reach = rng.choices([0, 1, 2, 3, 4], weights=[55, 17, 13, 8, 7])[0]
    for index, stage in enumerate(stages[:reach]):
        at = _later(rng, at, 2, 10)
        if rng.random() < 0.5:
            events.append(pc.Contact(at=at, direction=pc.Direction.INBOUND, channel="email"))
        round_ = 2 if index == 2 else (1 if stage == "interviewing" else None)
        events.append(pc.Advanced(at=at, stage=stage, round=round_))
        if rng.random() < 0.3:
            at = _later(rng, at, 0, 3)
            events.append(pc.Signal(at=at, polarity=rng.choice(list(pc.Polarity))))
        if rng.random() < 0.3:
            at = _later(rng, at, 0, 3)
            events.append(pc.Contact(at=at, direction=pc.Direction.OUTBOUND, note="thank you"))
    if reach == len(stages) and rng.random() < 0.5:
        at = _later(rng, at, 3, 10)
        events.append(pc.Offer(at=at, form=pc.OfferForm.VERBAL))
        if rng.random() < 0.6:
            at = _later(rng, at, 1, 8)
            deadline = at + rng.uniform(3, 14) * _DAY
            events.append(pc.Offer(at=at, form=pc.OfferForm.WRITTEN, deadline=deadline))
        return events
    ending = rng.random()
    at = _later(rng, at, 3, 20)
    if ending < 0.45:
        events.append(pc.Closed(at=at, outcome=pc.Outcome.REJECTED))
    elif ending < 0.55:
        events.append(pc.Closed(at=at, outcome=pc.Outcome.GHOSTED))
    elif ending < 0.6:
        events.append(pc.Closed(at=at, outcome=pc.Outcome.WITHDRAWN))
    return events


def make_search(rng: random.Random, *, size: int = OPPORTUNITIES_PER_SEARCH) -> pc.Search:
    """Return one search of ``size`` opportunities drawn from ``rng``."""
    opportunities = []
    first = AS_OF - rng.uniform(50, 80) * _DAY
    for number in range(size):
        start = first + rng.uniform(0, (AS_OF - first) / _DAY - 1) * _DAY
        events = _history(rng, start)
        opportunities.append(
            pc.Opportunity(
                id=f"opp-{number}",
                organization=rng.choice(_ORGANIZATIONS),
                title="Analyst",
                source=rng.choices(_SOURCES, weights=_SOURCE_WEIGHTS)[0],
                industry=rng.choice(_INDUSTRIES),
                location=rng.choice(_LOCATIONS),
                created_at=start,
                events=tuple(events),
            )
        )
    goals = pc.Goals(
        weekly_applications=rng.choice([None, 3, 5, 10]), min_live=rng.choice([None, 3])
    )
    return pc.Search(opportunities=tuple(opportunities), goals=goals)


def population(count: int, *, seed: int = 2026) -> list[pc.Search]:
    """Return ``count`` searches, the same ones for the same seed."""
    rng = random.Random(seed)
    return [make_search(rng) for _ in range(count)]


def main() -> None:
    """Print what the population looks like."""
    searches = population(200)
    stages: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    events = 0
    for search in searches:
        for opportunity in search:
            events += len(opportunity.events)
            stages[opportunity.stage] += 1
            outcomes[opportunity.outcome.value if opportunity.outcome else "live"] += 1
    total = sum(stages.values())
    print(
        f"{len(searches)} searches, {total} opportunities, {events} events "
        f"({events / total:.1f} per opportunity)"
    )
    print("stages:  ", ", ".join(f"{k} {v / total:.0%}" for k, v in stages.most_common()))
    print("outcomes:", ", ".join(f"{k} {v / total:.0%}" for k, v in outcomes.most_common()))


if __name__ == "__main__":
    main()
