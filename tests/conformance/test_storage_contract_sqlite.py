"""
The SQLite adapter of ``examples/sqlite_store.py`` passes the whole conformance kit.

Against a real database file in a temporary directory, plus what only a real
database can show: many threads writing one search, data surviving a new
connection, corrupt rows, and a failure raised by the database itself half-way
through a batch.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs
import pytest
from sqlite_store import SQLiteStore

import pipeline_core as pc
from pipeline_core.storage import Write, check_versions, check_writes
from pipeline_core.testing.contract import StoreContract, sample_search

THREADS = 8
UPDATES = 200


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "searches.db") as store:
        yield store


class TestSQLiteStore(StoreContract):
    """
    The kit, run against a fresh database file for every test.
    """

    threads = THREADS

    @pytest.fixture
    def store(self, sqlite_store: SQLiteStore) -> SQLiteStore:
        return sqlite_store

    def corrupt(self, store: pc.SearchStore, search_id: str, text: str) -> None:
        assert isinstance(store, SQLiteStore)
        with sqlite3.connect(store.path) as db:
            db.execute("UPDATE searches SET document = ? WHERE id = ?", (text, search_id))

    def corrupt_row(
        self, store: pc.SearchStore, search_id: str, column: str, value: object
    ) -> None:
        assert isinstance(store, SQLiteStore)
        assert column in {"version", "sequence"}
        with sqlite3.connect(store.path) as db:
            db.execute(f"UPDATE searches SET {column} = ? WHERE id = ?", (value, search_id))  # noqa: S608 - a column of two


def _tagger(tag: str) -> Callable[[pc.Search], pc.Search]:
    def change(search: pc.Search) -> pc.Search:
        opportunity = search.get("acme-pm")
        return search.replace(attrs.evolve(opportunity, tags=(*opportunity.tags, tag)))

    return change


def hammer(store: pc.SearchStore, *, threads: int, updates: int) -> tuple[list[int], list[int]]:
    """
    Run ``threads`` writers that each tag the shared search ``updates`` times, retrying on
    conflict; return the successful saves and the conflicts of each.
    """
    saves = [0] * threads
    conflicts = [0] * threads
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            for step in range(updates):
                change = _tagger(f"t{number}-{step}")
                while True:
                    current = store.get("shared")
                    try:
                        store.save(
                            "shared", change(current.search), expected_version=current.version
                        )
                    except pc.ConflictError:
                        conflicts[number] += 1
                        continue
                    saves[number] += 1
                    break
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [] == errors
    return saves, conflicts


def test_eight_threads_lose_no_update(sqlite_store: SQLiteStore) -> None:
    """
    8 threads x 200 updates of one search, retrying on conflict: all 1,600 are there,
    and the version is the number of successful saves (plus the add).
    """
    sqlite_store.add("shared", sample_search())
    saves, _ = hammer(sqlite_store, threads=THREADS, updates=UPDATES)
    final = sqlite_store.get("shared")
    tags = final.search.get("acme-pm").tags
    expected = {f"t{n}-{step}" for n in range(THREADS) for step in range(UPDATES)}
    assert (expected, len(expected)) == (set(tags), len(tags))
    assert (THREADS * UPDATES, 1 + sum(saves)) == (sum(saves), final.version)


def test_the_threads_meet_conflicts(sqlite_store: SQLiteStore) -> None:
    """
    The writers really do collide: some saves are refused and retried (the test above
    is not passing because the threads happened to run one after another).
    """
    sqlite_store.add("shared", sample_search())
    _, conflicts = hammer(sqlite_store, threads=THREADS, updates=25)
    assert sum(conflicts) > 0


class RacySQLiteStore(SQLiteStore):
    """
    A broken adapter: it checks versions in one transaction and writes in another.
    """

    def save_many(self, writes: Iterable[Write]) -> tuple[pc.StoredSearch, ...]:
        batch = check_writes(writes)
        with self._transaction() as db:
            for write in batch:
                row = db.execute(
                    "SELECT version FROM searches WHERE id = ?", (write.search_id,)
                ).fetchone()
                check_versions(
                    write.search_id,
                    expected_version=write.expected_version,
                    actual_version=0 if row is None else row[0],
                )
        time.sleep(0.001)  # the window in which another writer slips in
        with self._transaction() as db:
            return tuple(self._write(db, write) for write in batch)


def test_the_thread_test_catches_a_check_then_write_race(tmp_path: Path) -> None:
    """
    Against an adapter that checks the version outside the writing transaction, the same
    threads lose updates: the version no longer counts the saves.
    """
    with RacySQLiteStore(tmp_path / "racy.db") as store:
        store.add("shared", sample_search())
        saves, _ = hammer(store, threads=THREADS, updates=30)
        final = store.get("shared")
    assert 1 + sum(saves) > final.version
    assert len(final.search.get("acme-pm").tags) < THREADS * 30


def test_the_sqlite_adapter_satisfies_the_protocol(sqlite_store: SQLiteStore) -> None:
    """
    SQLiteStore is a SearchStore, for mypy (structurally) and for isinstance.
    """
    store: pc.SearchStore = sqlite_store
    assert isinstance(store, pc.SearchStore)


def test_data_survives_a_new_connection(tmp_path: Path) -> None:
    """
    What one store object wrote, another opened on the same file reads, versions included.
    """
    with SQLiteStore(tmp_path / "kept.db") as first:
        written = first.add("ada", sample_search())
        first.save("ada", sample_search(variant=1), expected_version=1)
    with SQLiteStore(tmp_path / "kept.db") as second:
        read = second.get("ada")
        assert (2, sample_search(variant=1), 2) == (
            read.version,
            read.search,
            second.last_sequence(),
        )
        assert written.sequence < read.sequence


def test_a_database_error_half_way_through_a_batch_rolls_it_back(
    sqlite_store: SQLiteStore,
) -> None:
    """
    When SQLite itself refuses the third row of a batch (a trigger here), the two rows
    already written in the transaction are rolled back.
    """
    ada = sqlite_store.add("ada", sample_search())
    sqlite_store._connection().execute(
        "CREATE TEMP TRIGGER refuse_poison BEFORE INSERT ON searches WHEN NEW.id = 'poison'"
        " BEGIN SELECT RAISE(ABORT, 'refused by the database'); END"
    )
    with pytest.raises(pc.StoreFailureError, match="refused by the database") as caught:
        sqlite_store.save_many(
            [
                Write(search_id="ada", search=sample_search(variant=1), expected_version=1),
                Write(search_id="grace", search=sample_search(), expected_version=0),
                Write(search_id="poison", search=sample_search(), expected_version=0),
            ]
        )
    assert (sqlite3.IntegrityError, False) == (type(caught.value.__cause__), caught.value.retryable)
    assert ([ada.entry], ada, ada.sequence) == (
        list(sqlite_store.list_searches()),
        sqlite_store.get("ada"),
        sqlite_store.last_sequence(),
    )
