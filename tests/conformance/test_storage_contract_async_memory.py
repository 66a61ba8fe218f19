"""
The async in-memory store passes the whole kit, awaited, and the async kit's own tests.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import attrs
import pytest

from pipeline_core.aio import AsyncInMemoryStore, AsyncSearchStore, update_search_async
from pipeline_core.exceptions import ConflictError, InvalidValueError
from pipeline_core.search import Search
from pipeline_core.storage import SearchStore, StoredSearch
from pipeline_core.testing.async_contract import (
    AsyncStoreContract,
    AsyncStoreOpener,
    BlockingStore,
    EventLoopThread,
)
from pipeline_core.testing.contract import sample_search


class TestAsyncInMemoryStore(AsyncStoreContract):
    @pytest.fixture
    def open_async_store(self) -> AsyncStoreOpener:
        @contextlib.asynccontextmanager
        async def opened() -> AsyncIterator[AsyncSearchStore]:
            yield AsyncInMemoryStore()

        return opened

    def corrupt(self, store: SearchStore, search_id: str, text: str) -> None:
        assert isinstance(store, BlockingStore)
        assert isinstance(store.store, AsyncInMemoryStore)
        memory = store.store.store
        with memory._lock:
            memory._rows[search_id] = attrs.evolve(memory._rows[search_id], document=text)


def test_the_async_store_shows_what_it_keeps() -> None:
    assert "<AsyncInMemoryStore of <InMemoryStore" in repr(AsyncInMemoryStore())


def test_update_search_async_gives_up_after_max_attempts() -> None:
    class AlwaysStale(AsyncInMemoryStore):
        async def save(
            self, search_id: str, search: Search, *, expected_version: int
        ) -> StoredSearch:
            del search
            raise ConflictError(search_id, expected_version=expected_version, actual_version=99)

    async def run() -> None:
        store = AlwaysStale()
        await store.add("ada", sample_search())
        with pytest.raises(ConflictError):
            await update_search_async(store, "ada", lambda search: search, max_attempts=3)
        with pytest.raises(InvalidValueError, match="max_attempts"):
            await update_search_async(store, "ada", lambda search: search, max_attempts=0)

    asyncio.run(run())


pytest_plugins = ["pytester"]


def test_the_blocking_store_shows_the_async_store() -> None:
    store = AsyncInMemoryStore()
    with EventLoopThread() as loop:
        assert f"<BlockingStore of {store!r}>" == repr(BlockingStore(store, loop))


def test_the_async_contract_without_its_fixture_errors(pytester: pytest.Pytester) -> None:
    """
    Forgetting ``open_async_store`` makes every test error with a message saying what to write.
    """
    pytester.makepyfile(
        test_forgot_async="""
from pipeline_core.testing.async_contract import AsyncStoreContract

class TestForgotAsync(AsyncStoreContract):
    pass
"""
    )
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider", "-k", "empty_store")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*TestForgotAsync must define an `open_async_store` fixture*"])
