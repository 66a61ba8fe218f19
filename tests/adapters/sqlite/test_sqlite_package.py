"""
The ``pipeline-core-sqlite`` package passes the whole conformance kit against a real database file.

Plus what only a real database shows: schema versions and migrations, data surviving a
new connection, corrupt rows reported by search id while healthy rows are still listed,
SQLite's own errors wrapped in the library's storage errors, many threads and processes
writing one search, and a writer killed half-way through a transaction.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from concurrency import (
    EXIT_CODE,
    PROCESSES,
    THREADS,
    UPDATES_PER_PROCESS,
    UPDATES_PER_THREAD,
    expected_tags,
    in_processes,
    in_threads,
    killed_mid_write,
    tags,
)

import pipeline_core as pc
from pipeline_core.exceptions import CorruptSearchError, StorageError, StoreFailureError
from pipeline_core.storage import Write, encode_search
from pipeline_core.testing.contract import StoreContract, sample_search
from pipeline_core_sqlite import MIGRATIONS, SCHEMA_VERSION, SQLiteStore, migrate, schema_version


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "searches.db") as store:
        yield store


class TestSQLitePackage(StoreContract):
    """
    The kit, run against a fresh database file for every test.
    """

    threads = 8

    @pytest.fixture
    def store(self, sqlite_store: SQLiteStore) -> SQLiteStore:
        return sqlite_store

    def corrupt(self, store: pc.SearchStore, search_id: str, text: str) -> None:
        assert isinstance(store, SQLiteStore)
        with sqlite3.connect(store.path) as db:
            db.execute("UPDATE searches SET document = ? WHERE id = ?", (text, search_id))


def test_the_store_is_a_search_store(sqlite_store: SQLiteStore) -> None:
    store: pc.SearchStore = sqlite_store
    assert isinstance(store, pc.SearchStore)
    assert repr(sqlite_store).startswith("<SQLiteStore '")


def test_the_database_is_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db", timeout=2.5) as store:
        db = store._connection()
        assert ("wal", 2500) == (
            db.execute("PRAGMA journal_mode").fetchone()[0],
            db.execute("PRAGMA busy_timeout").fetchone()[0],
        )


def test_data_survives_a_new_connection(tmp_path: Path) -> None:
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


# -- schema versions and migrations -------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_a_new_database_is_at_the_adapters_schema_version(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "s.db").close()
    db = _connect(tmp_path / "s.db")
    assert (SCHEMA_VERSION, len(MIGRATIONS)) == (schema_version(db), SCHEMA_VERSION)
    db.close()


def test_migrate_false_refuses_an_older_database(tmp_path: Path) -> None:
    db = _connect(tmp_path / "old.db")
    migrate(db, target=1)
    db.close()
    with pytest.raises(StoreFailureError, match="schema version 1, this adapter needs 2"):
        SQLiteStore(tmp_path / "old.db", migrate=False)


def test_opening_an_older_database_migrates_it(tmp_path: Path) -> None:
    db = _connect(tmp_path / "old.db")
    migrate(db, target=1)
    db.execute("BEGIN")
    db.execute("UPDATE sequence_counter SET last_sequence = 1")
    db.execute(
        "INSERT INTO searches (id, version, sequence, document) VALUES ('ada', 1, 1, ?)",
        (encode_search(sample_search()),),
    )
    db.execute("COMMIT")
    db.close()
    with SQLiteStore(tmp_path / "old.db") as store:
        assert (SCHEMA_VERSION, sample_search()) == (
            schema_version(store._connection()),
            store.get("ada").search,
        )
    db = _connect(tmp_path / "old.db")
    indexes = db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    assert ("opportunities_by_stage",) in indexes
    db.close()


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "new.db").close()
    db = _connect(tmp_path / "new.db")
    db.execute("UPDATE schema_version SET version = 99")
    db.close()
    with pytest.raises(StoreFailureError, match="schema version 99, newer than 2"):
        SQLiteStore(tmp_path / "new.db")


def test_a_failed_migration_leaves_the_version_it_had(tmp_path: Path) -> None:
    db = _connect(tmp_path / "half.db")
    migrate(db, target=1)
    db.execute("CREATE INDEX opportunities_by_stage ON opportunities (stage)")  # in the way
    with pytest.raises(sqlite3.OperationalError, match="already exists"):
        migrate(db)
    assert 1 == schema_version(db)
    db.close()
    with pytest.raises(StoreFailureError, match="opening the database failed"):
        SQLiteStore(tmp_path / "half.db")


# -- corrupt rows and wrapped errors ------------------------------------------------------


def test_a_corrupt_row_is_a_storage_error_naming_the_search(sqlite_store: SQLiteStore) -> None:
    sqlite_store.add("ada", sample_search())
    healthy = sqlite_store.add("grace", sample_search(variant=1))
    with sqlite3.connect(sqlite_store.path) as db:
        db.execute("UPDATE searches SET document = '{\"schema\": 1, \"bad\": 1}' WHERE id = 'ada'")
    with pytest.raises(CorruptSearchError) as caught:
        sqlite_store.get("ada")
    error = caught.value
    assert ("ada", True, True) == (
        error.search_id,
        isinstance(error, StorageError),
        isinstance(error, pc.DecodeError),
    )
    assert "'ada'" in str(error)
    assert ["ada", "grace"] == [entry.id for entry in sqlite_store.list_searches()]
    assert healthy == sqlite_store.get("grace")


def test_an_unopenable_file_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StoreFailureError, match="opening the database failed") as caught:
        SQLiteStore(tmp_path)  # a directory
    assert isinstance(caught.value.__cause__, sqlite3.Error)


def test_a_database_error_half_way_through_a_batch_is_wrapped_and_rolled_back(
    sqlite_store: SQLiteStore,
) -> None:
    ada = sqlite_store.add("ada", sample_search())
    sqlite_store._connection().execute(
        "CREATE TEMP TRIGGER refuse_poison BEFORE INSERT ON searches WHEN NEW.id = 'poison'"
        " BEGIN SELECT RAISE(ABORT, 'refused by the database'); END"
    )
    with pytest.raises(StoreFailureError, match="refused by the database") as caught:
        sqlite_store.save_many(
            [
                Write(search_id="ada", search=sample_search(variant=1), expected_version=1),
                Write(search_id="grace", search=sample_search(), expected_version=0),
                Write(search_id="poison", search=sample_search(), expected_version=0),
            ]
        )
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert ([ada.entry], ada, ada.sequence) == (
        list(sqlite_store.list_searches()),
        sqlite_store.get("ada"),
        sqlite_store.last_sequence(),
    )


def test_every_read_wraps_the_drivers_errors(sqlite_store: SQLiteStore) -> None:
    sqlite_store.add("ada", sample_search())
    sqlite_store._connection().execute("DROP TABLE opportunities")
    sqlite_store._connection().execute("DROP TABLE sequence_counter")
    with pytest.raises(StoreFailureError, match="finding opportunities"):
        sqlite_store.find_opportunities()
    with pytest.raises(StoreFailureError, match="sequence counter"):
        sqlite_store.last_sequence()
    sqlite_store._connection().execute("DROP TABLE searches")
    for read in (sqlite_store.list_searches, lambda: sqlite_store.get("ada")):
        with pytest.raises(StoreFailureError):
            read()


def test_a_connection_closed_mid_write_leaves_the_previous_state(
    sqlite_store: SQLiteStore,
) -> None:
    ada = sqlite_store.add("ada", sample_search())

    class ClosingSearch(pc.Search):
        __slots__ = ()

        def to_dict(self) -> dict[str, object]:
            sqlite_store._connection().close()  # the connection drops under the transaction
            return sample_search().to_dict()

    with pytest.raises(StoreFailureError):
        sqlite_store.save("ada", ClosingSearch(), expected_version=1)
    sqlite_store.close()
    assert ada == sqlite_store.get("ada")
    assert 2 == sqlite_store.save("ada", sample_search(variant=1), expected_version=1).version


def test_a_delete_checks_its_version_in_the_transaction(sqlite_store: SQLiteStore) -> None:
    sqlite_store.add("ada", sample_search())
    with pytest.raises(pc.ConflictError):
        sqlite_store.delete("ada", expected_version=2)
    sqlite_store.delete("ada", expected_version=1)
    assert () == sqlite_store.list_searches()


# -- many writers -------------------------------------------------------------------------


def test_threads_lose_no_update(sqlite_store: SQLiteStore) -> None:
    """
    8 threads x 200 read-modify-write updates through update_search: every one is there.
    """
    sqlite_store.add("shared", sample_search())
    tally = in_threads(sqlite_store, "shared", threads=THREADS, updates=UPDATES_PER_THREAD)
    found = tags(sqlite_store, "shared")
    assert expected_tags("t", THREADS, UPDATES_PER_THREAD) == set(found)
    assert (len(found), 1 + tally.saves) == (tally.saves, sqlite_store.get("shared").version)
    assert tally.retries > 0  # the writers did collide, and update_search retried


def test_processes_lose_no_update(tmp_path: Path) -> None:
    """
    4 processes x 100 updates against one file: no lost update, no "database is locked".
    """
    path = tmp_path / "shared.db"
    with SQLiteStore(path) as store:
        store.add("shared", sample_search())
    updates = UPDATES_PER_PROCESS
    tally = in_processes(
        functools.partial(SQLiteStore, path), "shared", processes=PROCESSES, updates=updates
    )
    with SQLiteStore(path) as store:
        found = tags(store, "shared")
        assert expected_tags("p", PROCESSES, updates) == set(found)
        assert (len(found), 1 + tally.saves) == (tally.saves, store.get("shared").version)


def test_a_process_killed_mid_transaction_leaves_the_previous_state(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    with SQLiteStore(path) as store:
        before = store.add("shared", sample_search())
    assert EXIT_CODE == killed_mid_write(functools.partial(SQLiteStore, path), "shared")
    with SQLiteStore(path, timeout=5) as store:
        assert ([before.entry], before, before.sequence) == (
            list(store.list_searches()),
            store.get("shared"),
            store.last_sequence(),
        )
        assert 2 == store.save("shared", sample_search(variant=1), expected_version=1).version


def test_a_locked_database_is_a_retryable_store_failure(tmp_path: Path) -> None:
    """Another writer holding the lock past the busy timeout: retryable, nothing written."""
    store = SQLiteStore(tmp_path / "locked.db", timeout=0.05)
    try:
        store.add("ada", sample_search())
        other = sqlite3.connect(store.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreFailureError) as caught:
                store.save("ada", sample_search(), expected_version=1)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert caught.value.retryable
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
        assert store.get("ada").version == 1
    finally:
        store.close()


def test_a_broken_file_is_a_store_failure_that_is_not_retryable(tmp_path: Path) -> None:
    path = tmp_path / "not-a-database.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreFailureError) as caught:
        SQLiteStore(path)
    assert not caught.value.retryable
