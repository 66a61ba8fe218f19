"""
Storage figures: the in-memory store against the SQLite example, and 8 writers on one search.

Run it:  python benchmarks/storage_stores.py

Prints per-operation times for both stores (measured in this one run, so the ratio is
meaningful even on a busy machine) and what the 8-thread test of the conformance suite
costs: saves, conflicts, retries per save and elapsed time.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import attrs

import pipeline_core as pc
from pipeline_core.testing import sample_search

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
from sqlite_store import SQLiteStore

N = 300
THREADS, UPDATES = 8, 200


def per_op(action: Callable[[int], object], count: int = N) -> float:
    start = time.perf_counter()
    for number in range(count):
        action(number)
    return (time.perf_counter() - start) / count * 1e6


def operations(store: pc.SearchStore) -> dict[str, float]:
    search = sample_search(variant=2)
    changed = sample_search(variant=1)
    return {
        "add": per_op(lambda n: store.add(f"s{n}", search)),
        "get": per_op(lambda n: store.get(f"s{n}")),
        "save": per_op(lambda n: store.save(f"s{n}", changed, expected_version=1)),
        "list_searches": per_op(lambda _: store.list_searches(), 20),
        "find_opportunities(stage)": per_op(
            lambda _: store.find_opportunities(stage="interviewing"), 20
        ),
    }


def tagger(tag: str) -> Callable[[pc.Search], pc.Search]:
    def change(search: pc.Search) -> pc.Search:
        opportunity = search.get("acme-pm")
        return search.replace(attrs.evolve(opportunity, tags=(*opportunity.tags, tag)))

    return change


def hammer(store: pc.SearchStore) -> tuple[int, int, float, int]:
    store.add("shared", sample_search())
    saves = [0] * THREADS
    conflicts = [0] * THREADS

    def writer(number: int) -> None:
        for step in range(UPDATES):
            change = tagger(f"t{number}-{step}")
            while True:
                current = store.get("shared")
                try:
                    store.save("shared", change(current.search), expected_version=current.version)
                except pc.ConflictError:
                    conflicts[number] += 1
                    continue
                saves[number] += 1
                break

    start = time.perf_counter()
    workers = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - start
    return sum(saves), sum(conflicts), elapsed, store.get("shared").version


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        memory = operations(pc.InMemoryStore())
        with SQLiteStore(Path(folder) / "bench.db") as sqlite:
            on_disk = operations(sqlite)
        print(
            f"{'operation (3-opportunity search)':<34}{'in-memory':>12}{'SQLite':>12}{'ratio':>8}"
        )
        for name, micros in memory.items():
            print(
                f"{name:<34}{micros:>10.0f}us{on_disk[name]:>10.0f}us{on_disk[name] / micros:>8.1f}"
            )
        print()
        for label, store in (
            ("in-memory", pc.InMemoryStore()),
            ("SQLite", SQLiteStore(Path(folder) / "hammer.db")),
        ):
            saves, conflicts, elapsed, version = hammer(store)
            print(
                f"{THREADS} threads x {UPDATES} updates, {label}: {saves} saves, "
                f"{conflicts} conflicts ({conflicts / saves:.2f} retries per save), "
                f"{elapsed:.1f} s, final version {version}"
            )
            if isinstance(store, SQLiteStore):
                store.close()


if __name__ == "__main__":
    main()
