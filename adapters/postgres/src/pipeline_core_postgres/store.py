"""
:class:`PostgresStore`: a pipeline_core ``SearchStore`` in PostgreSQL, on psycopg 3.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

import psycopg

from pipeline_core.exceptions import SearchNotFoundError, StoreFailureError
from pipeline_core.search import Search
from pipeline_core.storage import (
    OpportunityEntry,
    SearchEntry,
    StoredSearch,
    Write,
    check_expected_version,
    check_opportunity_filter,
    check_search_id,
    check_sequence,
    check_versions,
    check_writes,
)
from pipeline_core_postgres import rows, schema

__all__ = ["ConnectionPool", "PostgresStore", "refuse_older"]


class ConnectionPool(Protocol):
    """
    What the store needs of a pool: ``psycopg_pool.ConnectionPool`` is one.
    """

    def connection(self) -> AbstractContextManager[psycopg.Connection[Any]]:
        """
        Lend a connection for the ``with`` block, and take it back after.
        """
        ...


class PostgresStore:
    """
    A :class:`~pipeline_core.storage.SearchStore` in PostgreSQL, on a connection or a pool.

    * **Your connection or pool.** Pass a ``psycopg.Connection`` (used by
      one thread at a time: the store holds a lock around each operation) or
      a pool such as ``psycopg_pool.ConnectionPool`` (each operation borrows
      a connection, so threads run in parallel). The store never closes what
      you pass in. A connection must not be inside a transaction of yours:
      ``autocommit=True`` is simplest.
    * **One transaction per operation, READ COMMITTED.** Every operation is
      one transaction whose first statement sets the isolation level to
      READ COMMITTED, whatever the server's default.
    * **Compare-and-set, writers in commit order.** A write first locks the
      one row of the sequence counter (``SELECT ... FOR UPDATE``); the next
      writer waits there until the first commits, then reads the committed
      versions, checks them with
      :func:`~pipeline_core.storage.check_versions` and stamps the next
      numbers. Writers are serialised, so sequence numbers become visible in
      increasing order: a reader that has seen number ``n`` never later
      meets a write numbered below ``n``, and :meth:`changed_since` misses
      nothing under any number of concurrent writers. (A plain ``SEQUENCE``
      would not promise that: numbers are handed out at ``nextval``, not at
      commit.) Readers never wait.
    * **Migrations.** The tables live in their own PostgreSQL schema
      (``schema``, by default ``pipeline_core``) with a schema version;
      opening the store brings them forward (``migrate=False`` refuses old
      tables instead).
    * **Corrupt rows** raise :class:`~pipeline_core.exceptions.CorruptSearchError`
      from :meth:`get`, naming the search; the listings still list it.
    * **Wrapped errors.** Every psycopg error is raised as
      :class:`~pipeline_core.exceptions.StoreFailureError` (its cause);
      the transaction was rolled back.

    Args:
        source: A psycopg connection, or a pool.
        schema: The PostgreSQL schema that holds the tables.
        migrate: Whether to create or bring forward the tables on opening.

    Raises:
        StoreFailureError: the server cannot be reached, or the tables
            are newer than this adapter, or older and ``migrate`` is false.
        InvalidValueError: ``schema`` is not a valid schema name.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        source: psycopg.Connection[Any] | ConnectionPool,
        *,
        schema: str = "pipeline_core",
        migrate: bool = True,
    ) -> None:
        """
        Check (and by default migrate) the tables.
        """
        self.source = source
        self.statements = rows.Statements(schema)
        self._lock = threading.Lock()
        with rows.driver_errors("opening the store"), self._lease() as connection:
            _check_schema(connection, self.statements.schema, migrate=migrate)

    def __repr__(self) -> str:
        """
        Name the schema.
        """
        return f"<PostgresStore schema={self.statements.schema!r}>"

    @contextlib.contextmanager
    def _lease(self) -> Iterator[psycopg.Connection[Any]]:
        if isinstance(self.source, psycopg.Connection):
            with self._lock:
                yield self.source
        else:
            with self.source.connection() as connection:
                yield connection

    @contextlib.contextmanager
    def _transaction(self, operation: str) -> Iterator[psycopg.Connection[Any]]:
        with (
            rows.driver_errors(operation),
            self._lease() as connection,
            connection.transaction(),
        ):
            connection.execute(rows.ISOLATION)
            yield connection

    # -- reading ---------------------------------------------------------------------------

    def get(self, search_id: str) -> StoredSearch:
        """
        Return the stored search with this id (see :meth:`SearchReader.get`).

        Raises:
            SearchNotFoundError: no search has this id.
            CorruptSearchError: its stored document cannot be decoded.
        """
        check_search_id(search_id)
        with self._transaction(f"reading search {search_id!r}") as connection:
            row = connection.execute(self.statements.get, (search_id,)).fetchone()
        if row is None:
            raise SearchNotFoundError(search_id)
        return rows.to_stored(search_id, row)

    def list_searches(self) -> tuple[SearchEntry, ...]:
        """
        Return an entry per stored search, by id; never decodes a document.
        """
        with self._transaction("listing searches") as connection:
            return rows.to_entries(connection.execute(self.statements.list_searches))

    def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        """
        Return the searches written after change ``sequence``, by sequence number.
        """
        check_sequence(sequence)
        with self._transaction("listing changes") as connection:
            return rows.to_entries(connection.execute(self.statements.changed_since, (sequence,)))

    def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        """
        Return the opportunities of every stored search, by search id and place.
        """
        check_opportunity_filter(stage=stage, live_only=live_only)
        parameters = {"stage": stage, "live_only": live_only}
        with self._transaction("finding opportunities") as connection:
            found = connection.execute(self.statements.find_opportunities, parameters)
            return rows.to_opportunities(found)

    def last_sequence(self) -> int:
        """
        Return the highest change sequence number stamped so far (``0`` for none).
        """
        with self._transaction("reading the sequence counter") as connection:
            return rows.counter(connection.execute(self.statements.last_sequence).fetchone())

    # -- writing ---------------------------------------------------------------------------

    def add(self, search_id: str, search: Search) -> StoredSearch:
        """
        Store a new search at version 1.
        """
        return self.save_many([Write(search_id=search_id, search=search, expected_version=0)])[0]

    def save(self, search_id: str, search: Search, *, expected_version: int) -> StoredSearch:
        """
        Replace the stored search if it is still at ``expected_version``.
        """
        write = Write(search_id=search_id, search=search, expected_version=expected_version)
        return self.save_many([write])[0]

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        """
        Write a batch in one transaction: every search, or none.
        """
        batch = check_writes(writes)
        if not batch:
            return ()
        records = []
        with self._transaction(f"writing {len(batch)} search(es)") as connection:
            last = rows.counter(connection.execute(self.statements.lock_counter).fetchone())
            for write in batch:
                check_versions(
                    write.search_id,
                    expected_version=write.expected_version,
                    actual_version=self._version(connection, write.search_id),
                )
                last += 1
                prepared = rows.prepare_write(self.statements, write, last)
                connection.execute(prepared.statement, prepared.parameters)
                with connection.cursor() as cursor:
                    cursor.executemany(self.statements.insert_opportunity, prepared.opportunities)
                records.append(prepared.record)
            connection.execute(self.statements.set_counter, (last,))
        return tuple(records)

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        """
        Delete a stored search if it is still at ``expected_version`` (any, if ``None``).
        """
        check_search_id(search_id)
        if expected_version is not None:
            check_expected_version(expected_version, minimum=1)
        with self._transaction(f"deleting search {search_id!r}") as connection:
            connection.execute(self.statements.lock_counter)
            check_versions(
                search_id,
                expected_version=expected_version,
                actual_version=self._version(connection, search_id),
            )
            connection.execute(self.statements.delete, (search_id,))

    def _version(self, connection: psycopg.Connection[Any], search_id: str) -> int:
        row = connection.execute(self.statements.version_of, (search_id,)).fetchone()
        return 0 if row is None else int(row[0])


def _check_schema(connection: psycopg.Connection[Any], name: str, *, migrate: bool) -> None:
    with connection.transaction():
        found = schema.schema_version(connection, name)
        refuse_older(name, found, migrate=migrate)
        schema.migrate(connection, schema=name)


def refuse_older(name: str, found: int, *, migrate: bool) -> None:
    """
    Raise the error of a store opened with ``migrate=False`` on tables older than the adapter.

    Args:
        name: The PostgreSQL schema.
        found: The schema version of its tables.
        migrate: Whether the store may migrate them.

    Raises:
        StoreFailureError: the tables are older and ``migrate`` is false.
    """
    if found < schema.SCHEMA_VERSION and not migrate:
        raise StoreFailureError(
            f"PostgreSQL schema {name!r}: schema version {found}, this adapter needs "
            f"{schema.SCHEMA_VERSION}; open it with migrate=True to bring it forward"
        )
