"""
Writers that hammer one search from threads and processes, and writers that die half-way.

Shared by the SQLite and PostgreSQL tests. Every writer goes through
``update_search``, so a conflict is a ``ConflictError`` that ``update_search``
retries; the tally counts the successful saves and how often a change had
to be applied again.

``PIPELINE_CORE_FULL_CONCURRENCY=1`` runs the full counts (8 threads x 200
updates, 4 processes x 100); the default run uses what keeps each test
under about 30 seconds on a shared 2-core machine.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any

import attrs

import pipeline_core as pc
from pipeline_core.storage import SearchStore, Write, update_search
from pipeline_core.testing.contract import sample_search

FULL = os.environ.get("PIPELINE_CORE_FULL_CONCURRENCY", "") not in {"", "0"}
THREADS = 8
UPDATES_PER_THREAD = 200
PROCESSES = 4
UPDATES_PER_PROCESS = 100
EXIT_CODE = 7

StoreFactory = Callable[[], SearchStore]


@attrs.frozen
class Tally:
    """
    What a crowd of writers did: successful saves, and how many changes had to be re-applied.
    """

    saves: int
    retries: int


class _Counter:
    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.calls = 0

    def __call__(self, search: pc.Search) -> pc.Search:
        self.calls += 1
        opportunity = search.get("acme-pm")
        return search.replace(attrs.evolve(opportunity, tags=(*opportunity.tags, self.tag)))


def update_many(store: SearchStore, search_id: str, *, prefix: str, updates: int) -> Tally:
    """
    Tag the search ``updates`` times through ``update_search``; return the tally.
    """
    saves = retries = 0
    for step in range(updates):
        change = _Counter(f"{prefix}-{step}")
        update_search(store, search_id, change, max_attempts=100_000)
        saves += 1
        retries += change.calls - 1
    return Tally(saves, retries)


def in_threads(store: SearchStore, search_id: str, *, threads: int, updates: int) -> Tally:
    """
    Run ``threads`` writers sharing ``store``, each tagging the search ``updates`` times.
    """
    tallies: list[Tally] = []
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            tallies.append(update_many(store, search_id, prefix=f"t{number}", updates=updates))
        except BaseException as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [] == errors
    return Tally(sum(t.saves for t in tallies), sum(t.retries for t in tallies))


def _process_writer(factory: StoreFactory, search_id: str, number: int, updates: int) -> Tally:
    store = factory()
    try:
        return update_many(store, search_id, prefix=f"p{number}", updates=updates)
    finally:
        close = getattr(store, "close", None)
        if close is not None:
            close()


def in_processes(factory: StoreFactory, search_id: str, *, processes: int, updates: int) -> Tally:
    """
    Run ``processes`` writers, each opening its own store with ``factory`` (picklable).
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        tallies = pool.starmap(
            _process_writer, [(factory, search_id, n, updates) for n in range(processes)]
        )
    return Tally(sum(t.saves for t in tallies), sum(t.retries for t in tallies))


def expected_tags(prefix: str, writers: int, updates: int) -> set[str]:
    """
    The tags the writers of ``in_threads`` (``t``) or ``in_processes`` (``p``) add.
    """
    return {f"{prefix}{n}-{step}" for n in range(writers) for step in range(updates)}


def tags(store: SearchStore, search_id: str) -> list[str]:
    """
    The tags of the shared search's tagged opportunity.
    """
    return list(store.get(search_id).search.get("acme-pm").tags)


class ExitingSearch(pc.Search):
    """
    A search whose encoding ends the process at once, as a kill would mid-transaction.
    """

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """
        Exit without unwinding: no rollback, no close, no ``finally``.
        """
        os._exit(EXIT_CODE)


def _exit_mid_write(factory: StoreFactory, search_id: str) -> None:
    store = factory()
    current = store.get(search_id)
    dying = ExitingSearch(opportunities=(), goals=current.search.goals)
    store.save_many(
        [
            Write(search_id=search_id, search=sample_search(variant=1), expected_version=1),
            Write(search_id="newcomer", search=sample_search(), expected_version=0),
            Write(search_id="dying", search=dying, expected_version=0),
        ]
    )


def killed_mid_write(factory: StoreFactory, search_id: str) -> int | None:
    """
    Run a batch in another process that exits on its third write; return its exit code.
    """
    process = multiprocessing.get_context("spawn").Process(
        target=_exit_mid_write, args=(factory, search_id)
    )
    process.start()
    process.join(120)
    return process.exitcode
