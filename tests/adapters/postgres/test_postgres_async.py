"""
The async PostgreSQL store passes the whole kit, awaited, on one async connection and on a pool.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import pg_server
import psycopg
import pytest
from psycopg_pool import AsyncConnectionPool

import pipeline_core as pc
from pipeline_core.aio import AsyncSearchStore
from pipeline_core.exceptions import CorruptSearchError, StoreFailureError
from pipeline_core.testing.async_contract import AsyncStoreContract, AsyncStoreOpener, BlockingStore
from pipeline_core.testing.contract import sample_search
from pipeline_core_postgres import AsyncPostgresStore, migrate

_T = TypeVar("_T")


def _corrupt(url: str, store: pc.SearchStore, search_id: str, text: str) -> None:
    assert isinstance(store, BlockingStore)
    assert isinstance(store.store, AsyncPostgresStore)
    with pg_server.connect(url) as admin:
        admin.execute(
            f"UPDATE {store.store.statements.schema}.searches SET document = %s WHERE id = %s",
            (text, search_id),
        )


class TestAsyncPostgresOnOneConnection(AsyncStoreContract):
    """
    The async kit on one async connection: concurrent tasks take turns on it.
    """

    max_examples = 25  # a round trip to the server per call: the profile's 200 take minutes

    @pytest.fixture
    def open_async_store(self, postgres_url: str, schema: str) -> AsyncStoreOpener:
        self.url = postgres_url

        @contextlib.asynccontextmanager
        async def opened() -> AsyncIterator[AsyncSearchStore]:
            async with await psycopg.AsyncConnection.connect(
                postgres_url, autocommit=True
            ) as connection:
                yield await AsyncPostgresStore.open(connection, schema=schema)

        return opened

    def corrupt(self, store: pc.SearchStore, search_id: str, text: str) -> None:
        _corrupt(self.url, store, search_id, text)


class TestAsyncPostgresOnAPool(AsyncStoreContract):
    """
    The async kit on an async pool: concurrent tasks on connections of their own.
    """

    max_examples = 25  # a round trip to the server per call: the profile's 200 take minutes

    @pytest.fixture
    def open_async_store(self, postgres_url: str, schema: str) -> AsyncStoreOpener:
        self.url = postgres_url

        @contextlib.asynccontextmanager
        async def opened() -> AsyncIterator[AsyncSearchStore]:
            async with AsyncConnectionPool(
                postgres_url, min_size=2, max_size=8, open=False
            ) as pool:
                yield await AsyncPostgresStore.open(pool, schema=schema)

        return opened

    def corrupt(self, store: pc.SearchStore, search_id: str, text: str) -> None:
        _corrupt(self.url, store, search_id, text)


def _on_a_connection(url: str, test: Callable[[psycopg.AsyncConnection[Any]], Awaitable[_T]]) -> _T:
    async def run() -> _T:
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
            return await test(connection)

    return asyncio.run(run())


def test_the_async_store_names_its_schema(postgres_url: str, schema: str) -> None:
    async def test(connection: psycopg.AsyncConnection[Any]) -> str:
        return repr(await AsyncPostgresStore.open(connection, schema=schema))

    assert f"<AsyncPostgresStore schema={schema!r}>" == _on_a_connection(postgres_url, test)


def test_older_tables_are_refused_without_migrate(postgres_url: str, schema: str) -> None:
    with pg_server.connect(postgres_url) as connection:
        migrate(connection, schema=schema, target=1)

    async def test(connection: psycopg.AsyncConnection[Any]) -> None:
        with pytest.raises(StoreFailureError, match="schema version 1, this adapter needs"):
            await AsyncPostgresStore.open(connection, schema=schema, migrate=False)
        await AsyncPostgresStore.open(connection, schema=schema)

    _on_a_connection(postgres_url, test)


def test_async_errors_are_wrapped_and_corrupt_rows_named(postgres_url: str, schema: str) -> None:
    async def test(connection: psycopg.AsyncConnection[Any]) -> None:
        store = await AsyncPostgresStore.open(connection, schema=schema)
        await store.add("ada", sample_search())
        await connection.execute(f"UPDATE {schema}.searches SET document = '[]'")
        with pytest.raises(CorruptSearchError) as caught:
            await store.get("ada")
        assert "ada" == caught.value.search_id
        await connection.execute(f"DELETE FROM {schema}.sequence_counter")
        with pytest.raises(StoreFailureError, match="counter row is missing"):
            await store.last_sequence()
        await connection.execute(f"DROP TABLE {schema}.opportunities")
        with pytest.raises(StoreFailureError, match="finding opportunities") as wrapped:
            await store.find_opportunities()
        assert isinstance(wrapped.value.__cause__, psycopg.Error)

    _on_a_connection(postgres_url, test)
