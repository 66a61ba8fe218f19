"""
Score every user's search overnight on a Dask cluster.

A synthetic population stands in for the users' searches (the same ones for the
same seed, whatever the number of workers): each search is built on a worker
from its number, as a job would read it from a database, assessed with a
picklable :class:`pipeline_core.Assessor`, and boiled down to a small row (its
score, level and the rules that fired). The client collects the rows and prints
the throughput and what a person wants to know the next morning.

    pip install 'pipeline_core[dask]'
    python examples/nightly_batch_dask.py                      # 200,000 searches
    python examples/nightly_batch_dask.py --searches 20000 --workers 4
    python examples/nightly_batch_dask.py --address tcp://scheduler:8786

Without ``--address`` a ``LocalCluster`` of worker processes (one thread each)
is started and closed on this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import random
import statistics
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from dask.distributed import Client, LocalCluster, as_completed

import pipeline_core as pc

AS_OF = dt.datetime(2026, 11, 2, 6, 0, tzinfo=dt.UTC)
"""The instant the nightly run assesses every search at."""

SEED = 2026
CHUNK = 500  # searches per task: big enough to hide the scheduling cost
ORGANIZATIONS = [f"Org {n}" for n in range(300)]
SOURCES = [source.value for source in pc.Source]
SOURCE_WEIGHTS = [40, 20, 10, 12, 8, 8, 2]
Row = tuple[int, float, str, tuple[str, ...]]
"""One scored search: its number, score, level and the ids of the rules that fired."""


# -- a seeded synthetic population (plain `random`; examples run standalone) ---------------


def _instant(at: dt.datetime) -> str:
    return at.isoformat()


def _history(rng: random.Random, start: dt.datetime) -> list[dict[str, Any]]:
    """A legal history in the interchange format, following a rough funnel."""
    if rng.random() < 0.08:  # noqa: PLR2004 - the share only noted, not applied to
        return []
    latest = AS_OF - dt.timedelta(minutes=1)
    at = start
    events: list[dict[str, Any]] = [{"type": "applied", "at": _instant(at)}]
    stages = ["screening", "interviewing", "interviewing", "final_round"]
    reach = rng.choices([0, 1, 2, 3, 4], weights=[55, 17, 13, 8, 7])[0]
    for index, stage in enumerate(stages[:reach]):
        at = min(at + dt.timedelta(days=rng.uniform(2, 10)), latest)
        event: dict[str, Any] = {"type": "advanced", "at": _instant(at), "stage": stage}
        if stage == "interviewing":
            event["round"] = index
        events.append(event)
        if rng.random() < 0.3:  # noqa: PLR2004 - the chance of soft feedback
            at = min(at + dt.timedelta(days=rng.uniform(0, 3)), latest)
            polarity = rng.choice(["positive", "negative"])
            events.append({"type": "signal", "at": _instant(at), "polarity": polarity})
    at = min(at + dt.timedelta(days=rng.uniform(3, 12)), latest)
    if reach == len(stages) and rng.random() < 0.5:  # noqa: PLR2004
        events.append({"type": "offer", "at": _instant(at), "form": "verbal"})
    elif rng.random() < 0.5:  # noqa: PLR2004 - about half the others end in a rejection
        events.append({"type": "closed", "at": _instant(at), "outcome": "rejected"})
    return events


def search_dict(number: int, *, seed: int = SEED) -> dict[str, Any]:
    """Return search ``number`` of the population, in the interchange format."""
    rng = random.Random(seed * 1_000_003 + number)  # noqa: S311 - seeded and reproducible
    first = AS_OF - dt.timedelta(days=rng.uniform(20, 90))
    opportunities = []
    for index in range(rng.randint(1, 30)):
        span = (AS_OF - first).total_seconds() - 86_400
        start = first + dt.timedelta(seconds=rng.uniform(0, span))
        opportunities.append(
            {
                "id": f"opp-{index}",
                "organization": rng.choice(ORGANIZATIONS),
                "title": "Analyst",
                "source": rng.choices(SOURCES, weights=SOURCE_WEIGHTS)[0],
                "created_at": _instant(start),
                "events": _history(rng, start),
            }
        )
    goals = {"weekly_applications": rng.choice([3, 5, 10])}
    return {"schema": 1, "goals": goals, "opportunities": opportunities}


# -- the work of one task ---------------------------------------------------------------------


def score_range(start: int, stop: int, assessor: pc.Assessor, seed: int = SEED) -> list[Row]:
    """Build searches ``start`` to ``stop - 1`` and score them: one task's work."""
    rows = []
    for number in range(start, stop):
        report = assessor.report(search_dict(number, seed=seed))
        fired = tuple(finding.rule_id for finding in report.findings)
        rows.append((number, report.score, report.level.value, fired))
    return rows


def chunks(count: int, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """The ranges of search numbers, ``size`` at a time."""
    for start in range(0, count, size):
        yield start, min(start + size, count)


def score_serial(count: int, *, seed: int = SEED) -> list[Row]:
    """Score the population in this process, for comparison."""
    return score_range(0, count, pc.Assessor(as_of=AS_OF), seed)


def score_distributed(client: Client, count: int, *, seed: int = SEED) -> list[Row]:
    """Score the population on the cluster behind ``client``; rows in search order."""
    assessor = client.scatter(pc.Assessor(as_of=AS_OF), broadcast=True)  # type: ignore[no-untyped-call]
    futures = [
        client.submit(score_range, start, stop, assessor, seed, pure=False)
        for start, stop in chunks(count)
    ]
    rows: list[Row] = []
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        rows.extend(future.result())
    rows.sort()
    return rows


# -- the morning summary ----------------------------------------------------------------------


def summary(rows: Sequence[Row], seconds: float, workers: int) -> str:
    """What the run did and what it found, for a person to read."""
    count = len(rows)
    levels = Counter(level for _, _, level, _ in rows)
    fired = Counter(rule for *_, rules in rows for rule in rules)
    scores = sorted(score for _, score, _, _ in rows)
    quartiles = statistics.quantiles(scores, n=4) if count > 1 else [scores[0]] * 3
    lines = [
        (
            f"Scored {count:,} searches in {seconds:.1f} s on {workers} workers: "
            f"{count / seconds:,.0f} searches per second."
        ),
        (
            f"Scores: median {quartiles[1]:.0f}, middle half {quartiles[0]:.0f} to "
            f"{quartiles[2]:.0f}, highest {scores[-1]:.0f}."
        ),
        "By level:",
    ]
    lines.extend(
        f"  {level:9} {levels[level]:>9,}  ({levels[level] / count:5.1%})"
        for level in ("critical", "high", "moderate", "low")
    )
    lines.append("Most common findings:")
    for rule, times in fired.most_common(5):
        lines.append(f"  {rule:22} {times:>9,} searches ({times / count:5.1%})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the options, start or join a cluster, score, print."""
    parser = argparse.ArgumentParser(description="Score a synthetic population on Dask.")
    parser.add_argument("--searches", type=int, default=200_000, help="how many searches")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes")
    parser.add_argument("--address", help="a running scheduler, such as tcp://host:8786")
    options = parser.parse_args(argv)
    if options.searches < 1 or options.workers < 1:
        parser.error("--searches and --workers must be at least 1")
    if options.address:
        with Client(options.address) as client:  # type: ignore[no-untyped-call]
            run(client, options.searches, len(client.scheduler_info()["workers"]))
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=options.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        run(client, options.searches, options.workers)


def run(client: Client, count: int, workers: int) -> None:
    """Score ``count`` searches on the cluster and print the summary."""
    started = time.perf_counter()
    rows = score_distributed(client, count)
    print(summary(rows, time.perf_counter() - started, workers))


if __name__ == "__main__":
    main()
