"""
:class:`AsyncPostgresStore`: the PostgreSQL store for asyncio, on psycopg's async connections.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol, Self

import psycopg
from psycopg.abc import Params

from pipeline_core.exceptions import SearchNotFoundError
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
from pipeline_core_postgres import rows
from pipeline_core_postgres.schema import migrate_async, schema_version_async
from pipeline_core_postgres.store import refuse_older

__all__ = ["AsyncConnectionPool", "AsyncPostgresStore"]


class AsyncConnectionPool(Protocol):
    """
    What the store needs of an async pool: ``psycopg_pool.AsyncConnectionPool`` is one.
    """

    def connection(self) -> AbstractAsyncContextManager[psycopg.AsyncConnection[Any]]:
        """
        Lend a connection for the ``async with`` block, and take it back after.
        """
        ...


class AsyncPostgresStore:
    """
    An :class:`~pipeline_core.aio.AsyncSearchStore` in PostgreSQL, on an async connection or pool.

    It keeps every promise of :class:`~pipeline_core_postgres.PostgresStore`
    (the same tables, READ COMMITTED transactions, writers serialised on the
    counter row, migrations, wrapped errors), awaited. One
    ``psycopg.AsyncConnection`` serves one task at a time (the store holds an
    :class:`asyncio.Lock` around each operation); a
    ``psycopg_pool.AsyncConnectionPool`` lets tasks run in parallel. Build
    it with :meth:`open`, which checks (and migrates) the tables.

    Args:
        source: A psycopg async connection, or an async pool.
        schema: The PostgreSQL schema that holds the tables.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        source: psycopg.AsyncConnection[Any] | AsyncConnectionPool,
        *,
        schema: str = "pipeline_core",
    ) -> None:
        """
        Wrap the source; nothing is read until :meth:`open` or the first call.
        """
        self.source = source
        self.statements = rows.Statements(schema)
        self._lock = asyncio.Lock()

    @classmethod
    async def open(
        cls,
        source: psycopg.AsyncConnection[Any] | AsyncConnectionPool,
        *,
        schema: str = "pipeline_core",
        migrate: bool = True,
    ) -> Self:
        """
        Return a store on ``source`` after checking (and by default migrating) its tables.

        Args:
            source: A psycopg async connection, or an async pool.
            schema: The PostgreSQL schema that holds the tables.
            migrate: Whether to create or bring forward the tables.

        Returns:
            The store.

        Raises:
            StoreFailureError: the server cannot be reached, or the
                tables are newer than this adapter, or older and ``migrate``
                is false.
        """
        store = cls(source, schema=schema)
        name = store.statements.schema
        with rows.driver_errors("opening the store"):
            async with store._lease() as connection, connection.transaction():
                found = await schema_version_async(connection, name)
                refuse_older(name, found, migrate=migrate)
                await migrate_async(connection, schema=name)
        return store

    def __repr__(self) -> str:
        """
        Name the schema.
        """
        return f"<AsyncPostgresStore schema={self.statements.schema!r}>"

    @contextlib.asynccontextmanager
    async def _lease(self) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        if isinstance(self.source, psycopg.AsyncConnection):
            async with self._lock:
                yield self.source
        else:
            async with self.source.connection() as connection:
                yield connection

    @contextlib.asynccontextmanager
    async def _transaction(self, operation: str) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        with rows.driver_errors(operation):
            async with self._lease() as connection, connection.transaction():
                await connection.execute(rows.ISOLATION)
                yield connection

    async def _fetchone(
        self, connection: psycopg.AsyncConnection[Any], query: str, parameters: Params | None = None
    ) -> tuple[Any, ...] | None:
        return await (await connection.execute(query, parameters)).fetchone()

    async def _fetchall(
        self, connection: psycopg.AsyncConnection[Any], query: str, parameters: Params | None = None
    ) -> list[tuple[Any, ...]]:
        return await (await connection.execute(query, parameters)).fetchall()

    # -- reading ---------------------------------------------------------------------------

    async def get(self, search_id: str) -> StoredSearch:
        """
        Return the stored search with this id.

        Raises:
            SearchNotFoundError: no search has this id.
            CorruptSearchError: its stored document cannot be decoded.
        """
        check_search_id(search_id)
        async with self._transaction(f"reading search {search_id!r}") as connection:
            row = await self._fetchone(connection, self.statements.get, (search_id,))
        if row is None:
            raise SearchNotFoundError(search_id)
        return rows.to_stored(search_id, row)

    async def list_searches(self) -> tuple[SearchEntry, ...]:
        """
        Return an entry per stored search, by id; never decodes a document.
        """
        async with self._transaction("listing searches") as connection:
            return rows.to_entries(await self._fetchall(connection, self.statements.list_searches))

    async def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        """
        Return the searches written after change ``sequence``, by sequence number.
        """
        check_sequence(sequence)
        async with self._transaction("listing changes") as connection:
            found = await self._fetchall(connection, self.statements.changed_since, (sequence,))
            return rows.to_entries(found)

    async def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        """
        Return the opportunities of every stored search, by search id and place.
        """
        check_opportunity_filter(stage=stage, live_only=live_only)
        parameters = {"stage": stage, "live_only": live_only}
        async with self._transaction("finding opportunities") as connection:
            found = await self._fetchall(connection, self.statements.find_opportunities, parameters)
            return rows.to_opportunities(found)

    async def last_sequence(self) -> int:
        """
        Return the highest change sequence number stamped so far (``0`` for none).
        """
        async with self._transaction("reading the sequence counter") as connection:
            return rows.counter(await self._fetchone(connection, self.statements.last_sequence))

    # -- writing ---------------------------------------------------------------------------

    async def add(self, search_id: str, search: Search) -> StoredSearch:
        """
        Store a new search at version 1.
        """
        write = Write(search_id=search_id, search=search, expected_version=0)
        return (await self.save_many([write]))[0]

    async def save(self, search_id: str, search: Search, *, expected_version: int) -> StoredSearch:
        """
        Replace the stored search if it is still at ``expected_version``.
        """
        write = Write(search_id=search_id, search=search, expected_version=expected_version)
        return (await self.save_many([write]))[0]

    async def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        """
        Write a batch in one transaction: every search, or none.
        """
        batch = check_writes(writes)
        if not batch:
            return ()
        records = []
        async with self._transaction(f"writing {len(batch)} search(es)") as connection:
            last = rows.counter(await self._fetchone(connection, self.statements.lock_counter))
            for write in batch:
                check_versions(
                    write.search_id,
                    expected_version=write.expected_version,
                    actual_version=await self._version(connection, write.search_id),
                )
                last += 1
                prepared = rows.prepare_write(self.statements, write, last)
                await connection.execute(prepared.statement, prepared.parameters)
                async with connection.cursor() as cursor:
                    await cursor.executemany(
                        self.statements.insert_opportunity, prepared.opportunities
                    )
                records.append(prepared.record)
            await connection.execute(self.statements.set_counter, (last,))
        return tuple(records)

    async def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        """
        Delete a stored search if it is still at ``expected_version`` (any, if ``None``).
        """
        check_search_id(search_id)
        if expected_version is not None:
            check_expected_version(expected_version, minimum=1)
        async with self._transaction(f"deleting search {search_id!r}") as connection:
            await connection.execute(self.statements.lock_counter)
            check_versions(
                search_id,
                expected_version=expected_version,
                actual_version=await self._version(connection, search_id),
            )
            await connection.execute(self.statements.delete, (search_id,))

    async def _version(self, connection: psycopg.AsyncConnection[Any], search_id: str) -> int:
        row = await self._fetchone(connection, self.statements.version_of, (search_id,))
        return 0 if row is None else int(row[0])
