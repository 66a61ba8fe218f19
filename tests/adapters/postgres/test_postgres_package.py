"""
The ``pipeline-core-postgres`` store passes the whole conformance kit against a real server.

The kit runs twice: on a pool (threads write in parallel on their own connections) and on
one shared connection. Beside it, what only a real server shows: the isolation level,
migrations, corrupt rows, psycopg's errors wrapped, a connection dropped mid-transaction,
the change feed under concurrent writers, and many threads and processes on one search.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from typing import Any

import pg_server
import psycopg
import pytest
from concurrency import (
    EXIT_CODE,
    FULL,
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
from psycopg_pool import ConnectionPool

import pipeline_core as pc
from pipeline_core.exceptions import (
    CorruptSearchError,
    InvalidValueError,
    StorageError,
    StoreFailureError,
)
from pipeline_core.storage import Write
from pipeline_core.testing.contract import StoreContract, sample_search
from pipeline_core_postgres import (
    MIGRATIONS,
    SCHEMA_VERSION,
    PostgresStore,
    migrate,
    schema_version,
)


@pytest.fixture
def pool(postgres_url: str) -> Iterator[ConnectionPool[psycopg.Connection[Any]]]:
    with ConnectionPool(postgres_url, min_size=2, max_size=8, open=True) as opened:
        yield opened


@pytest.fixture
def pg_store(connection: psycopg.Connection[Any], schema: str) -> PostgresStore:
    return PostgresStore(connection, schema=schema)


def _corrupt(url: str, store: pc.SearchStore, search_id: str, text: str) -> None:
    assert isinstance(store, PostgresStore)
    with pg_server.connect(url) as admin:
        admin.execute(
            f"UPDATE {store.statements.schema}.searches SET document = %s WHERE id = %s",
            (text, search_id),
        )


class TestPostgresOnAPool(StoreContract):
    """
    The kit on a connection pool: eight writer threads, each on its own connection.
    """

    max_examples = 50  # a round trip to the server per call: the profile's 200 take minutes

    threads = 8

    @pytest.fixture
    def store(
        self, pool: ConnectionPool[psycopg.Connection[Any]], schema: str, postgres_url: str
    ) -> PostgresStore:
        self.url = postgres_url
        return PostgresStore(pool, schema=schema)

    def corrupt(self, store: pc.SearchStore, search_id: str, text: str) -> None:
        _corrupt(self.url, store, search_id, text)


class TestPostgresOnOneConnection(StoreContract):
    """
    The kit on one connection, shared by every thread (the store takes turns on it).
    """

    max_examples = 50  # a round trip to the server per call: the profile's 200 take minutes

    @pytest.fixture
    def store(self, pg_store: PostgresStore, postgres_url: str) -> PostgresStore:
        self.url = postgres_url
        return pg_store

    def corrupt(self, store: pc.SearchStore, search_id: str, text: str) -> None:
        _corrupt(self.url, store, search_id, text)


def test_the_store_is_a_search_store(pg_store: PostgresStore, schema: str) -> None:
    store: pc.SearchStore = pg_store
    assert isinstance(store, pc.SearchStore)
    assert f"<PostgresStore schema={schema!r}>" == repr(pg_store)


def test_every_transaction_is_read_committed(
    connection: psycopg.Connection[Any], schema: str
) -> None:
    connection.execute("ALTER ROLE CURRENT_USER SET default_transaction_isolation = 'serializable'")
    try:
        with psycopg.connect(connection.info.dsn, autocommit=True) as strict:
            store = PostgresStore(strict, schema=schema)
            with store._transaction("asking") as inside:
                level = inside.execute("SHOW transaction_isolation").fetchone()
    finally:
        connection.execute("ALTER ROLE CURRENT_USER RESET default_transaction_isolation")
    assert ("read committed",) == level


# -- migrations ---------------------------------------------------------------------------


@pytest.mark.usefixtures("pg_store")
def test_new_tables_are_at_the_adapters_schema_version(
    connection: psycopg.Connection[Any], schema: str
) -> None:
    assert (SCHEMA_VERSION, len(MIGRATIONS)) == (schema_version(connection, schema), 2)
    assert 0 == schema_version(connection, "no_such_schema")


def test_older_tables_are_migrated_forward(
    connection: psycopg.Connection[Any], schema: str
) -> None:
    assert 0 == migrate(connection, schema=schema, target=1)
    with pytest.raises(StoreFailureError, match="schema version 1, this adapter needs 2"):
        PostgresStore(connection, schema=schema, migrate=False)
    store = PostgresStore(connection, schema=schema)
    store.add("ada", sample_search())
    indexes = connection.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = %s", (schema,)
    ).fetchall()
    assert ("opportunities_by_stage",) in indexes
    assert (SCHEMA_VERSION, SCHEMA_VERSION) == (
        schema_version(connection, schema),
        migrate(connection, schema=schema),
    )


@pytest.mark.usefixtures("pg_store")
def test_newer_tables_are_refused(connection: psycopg.Connection[Any], schema: str) -> None:
    connection.execute(f"UPDATE {schema}.schema_version SET version = 99")
    with pytest.raises(StoreFailureError, match="schema version 99, newer than 2"):
        PostgresStore(connection, schema=schema)


def test_a_bad_schema_name_is_refused(connection: psycopg.Connection[Any]) -> None:
    with pytest.raises(InvalidValueError, match="schema"):
        PostgresStore(connection, schema="x; DROP TABLE y")


def test_two_stores_migrating_at_once_migrate_once(postgres_url: str, schema: str) -> None:
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            pg_server.open_store(postgres_url, schema).source.close()  # type: ignore[union-attr]
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    openers = [threading.Thread(target=open_one) for _ in range(4)]
    for opener in openers:
        opener.start()
    for opener in openers:
        opener.join()
    assert [] == errors


# -- corrupt rows and wrapped errors ------------------------------------------------------


def test_a_corrupt_row_is_a_storage_error_naming_the_search(
    pg_store: PostgresStore, postgres_url: str
) -> None:
    pg_store.add("ada", sample_search())
    healthy = pg_store.add("grace", sample_search(variant=1))
    _corrupt(postgres_url, pg_store, "ada", "{not json")
    with pytest.raises(CorruptSearchError) as caught:
        pg_store.get("ada")
    assert ("ada", True) == (caught.value.search_id, isinstance(caught.value, StorageError))
    assert ["ada", "grace"] == [entry.id for entry in pg_store.list_searches()]
    assert healthy == pg_store.get("grace")


def test_an_unreachable_server_is_a_storage_error(pool: ConnectionPool[Any], schema: str) -> None:
    store = PostgresStore(pool, schema=schema)
    pool.close()
    with pytest.raises(StoreFailureError, match="reading search 'ada'"):
        store.get("ada")


def test_every_read_wraps_the_drivers_errors(
    pg_store: PostgresStore, connection: psycopg.Connection[Any], schema: str
) -> None:
    connection.execute(f"DROP TABLE {schema}.opportunities, {schema}.searches")
    for read in (
        pg_store.list_searches,
        lambda: pg_store.changed_since(0),
        pg_store.find_opportunities,
    ):
        with pytest.raises(StoreFailureError) as caught:
            read()
        assert isinstance(caught.value.__cause__, psycopg.Error)
    connection.execute(f"DELETE FROM {schema}.sequence_counter")
    with pytest.raises(StoreFailureError, match="counter row is missing"):
        pg_store.last_sequence()


def test_a_server_error_half_way_through_a_batch_is_wrapped_and_rolled_back(
    pg_store: PostgresStore, connection: psycopg.Connection[Any], schema: str
) -> None:
    ada = pg_store.add("ada", sample_search())
    connection.execute(
        f"ALTER TABLE {schema}.searches ADD CONSTRAINT no_poison CHECK (id <> 'poison')"
    )
    with pytest.raises(StoreFailureError, match="no_poison") as caught:
        pg_store.save_many(
            [
                Write(search_id="ada", search=sample_search(variant=1), expected_version=1),
                Write(search_id="grace", search=sample_search(), expected_version=0),
                Write(search_id="poison", search=sample_search(), expected_version=0),
            ]
        )
    assert isinstance(caught.value.__cause__, psycopg.errors.CheckViolation)
    assert ([ada.entry], ada, ada.sequence) == (
        list(pg_store.list_searches()),
        pg_store.get("ada"),
        pg_store.last_sequence(),
    )


def test_a_connection_dropped_mid_transaction_leaves_the_previous_state(
    pool: ConnectionPool[Any], schema: str, postgres_url: str
) -> None:
    store = PostgresStore(pool, schema=schema)
    ada = store.add("ada", sample_search())
    with pg_server.connect(postgres_url) as admin:

        class DroppingSearch(pc.Search):
            __slots__ = ()

            def to_dict(self) -> dict[str, object]:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE state LIKE 'idle in transaction%%' AND pid <> pg_backend_pid()"
                )
                return sample_search(variant=1).to_dict()

        with pytest.raises(StoreFailureError) as caught:
            store.save_many(
                [
                    Write(search_id="grace", search=sample_search(), expected_version=0),
                    Write(search_id="ada", search=DroppingSearch(), expected_version=1),
                ]
            )
    assert isinstance(caught.value.__cause__, psycopg.OperationalError)
    assert ([ada.entry], ada) == (list(store.list_searches()), store.get("ada"))
    assert 2 == store.save("ada", sample_search(variant=1), expected_version=1).version


# -- many writers -------------------------------------------------------------------------


def test_threads_lose_no_update(pool: ConnectionPool[Any], schema: str) -> None:
    """
    8 threads x 200 read-modify-write updates through update_search, on a pool.

    Every retry reads the whole (growing) search again, so the default run does 8 x 100
    to stay near 15 seconds; PIPELINE_CORE_FULL_CONCURRENCY=1 runs the full 8 x 200.
    """
    updates = UPDATES_PER_THREAD if FULL else UPDATES_PER_THREAD // 2
    store = PostgresStore(pool, schema=schema)
    store.add("shared", sample_search())
    tally = in_threads(store, "shared", threads=THREADS, updates=updates)
    found = tags(store, "shared")
    assert expected_tags("t", THREADS, updates) == set(found)
    assert (len(found), 1 + tally.saves) == (tally.saves, store.get("shared").version)
    assert tally.retries > 0


def test_processes_lose_no_update(pg_store: PostgresStore, postgres_url: str, schema: str) -> None:
    """
    4 processes x 100 updates, each on its own connection.
    """
    pg_store.add("shared", sample_search())
    factory = functools.partial(pg_server.open_store, postgres_url, schema)
    tally = in_processes(factory, "shared", processes=PROCESSES, updates=UPDATES_PER_PROCESS)
    found = tags(pg_store, "shared")
    assert expected_tags("p", PROCESSES, UPDATES_PER_PROCESS) == set(found)
    assert (len(found), 1 + tally.saves) == (tally.saves, pg_store.get("shared").version)


def test_a_process_killed_mid_transaction_leaves_the_previous_state(
    pg_store: PostgresStore, postgres_url: str, schema: str
) -> None:
    before = pg_store.add("shared", sample_search())
    factory = functools.partial(pg_server.open_store, postgres_url, schema)
    assert EXIT_CODE == killed_mid_write(factory, "shared")
    assert ([before.entry], before, before.sequence) == (
        list(pg_store.list_searches()),
        pg_store.get("shared"),
        pg_store.last_sequence(),
    )
    assert 2 == pg_store.save("shared", sample_search(variant=1), expected_version=1).version


def test_the_change_feed_misses_nothing_under_concurrent_writers(
    pool: ConnectionPool[Any], schema: str
) -> None:
    """
    A reader polls changed_since from the highest number it has seen while 8 threads add
    searches: every write reaches the reader, whatever order the writers commit in.
    """
    store = PostgresStore(pool, schema=schema)
    done = threading.Event()
    seen: dict[str, int] = {}

    def writer(number: int) -> None:
        for step in range(25):
            store.add(f"w{number}-{step}", sample_search())

    def reader() -> None:
        last = 0
        while True:
            finished = done.is_set()
            for entry in store.changed_since(last):
                seen[entry.id] = entry.sequence
                last = max(last, entry.sequence)
            if finished:
                return

    polling = threading.Thread(target=reader)
    polling.start()
    writers = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    polling.join()
    assert {f"w{n}-{s}" for n in range(8) for s in range(25)} == set(seen)
