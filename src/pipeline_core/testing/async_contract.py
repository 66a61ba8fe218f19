"""
The async storage contract: every promise of the kit, proven of an async store.

Subclass :class:`AsyncStoreContract` and give it one fixture,
``open_async_store``: a function returning an *async context manager* that
opens a fresh, empty store (and closes what it opened)::

    import contextlib
    import pytest
    from pipeline_core.testing.async_contract import AsyncStoreContract

    class TestMyAsyncStore(AsyncStoreContract):
        @pytest.fixture
        def open_async_store(self, tmp_path):
            @contextlib.asynccontextmanager
            async def opened():
                async with MyAsyncStore(tmp_path / "searches.db") as store:
                    yield store

            return opened

The kit runs an asyncio event loop in a thread of its own, opens the store
there, and runs every test of
:class:`~pipeline_core.testing.contract.StoreContract` against it through
:class:`BlockingStore`, which awaits each call on that loop: the same
behaviours, awaited. Its writer threads become concurrent tasks on the one
loop. Beside them, tests of its own run tasks directly:
:func:`~pipeline_core.aio.update_search_async` retrying conflicts, and many
tasks writing one search. Plain asyncio: no pytest plugin is needed.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterable, Iterator
from contextlib import AbstractAsyncContextManager
from typing import Any, Self, TypeVar

import attrs
import pytest

from pipeline_core.aio import AsyncSearchStore, update_search_async
from pipeline_core.exceptions import ConflictError
from pipeline_core.search import Search
from pipeline_core.storage import OpportunityEntry, SearchEntry, StoredSearch, Write
from pipeline_core.testing.contract import StoreContract
from pipeline_core.testing.samples import sample_search

__all__ = ["AsyncStoreContract", "BlockingStore", "EventLoopThread"]

_T = TypeVar("_T")

AsyncStoreOpener = Callable[[], AbstractAsyncContextManager[AsyncSearchStore]]
"""What the ``open_async_store`` fixture returns."""


class EventLoopThread:
    """
    An asyncio event loop running in a thread of its own, for code that is not async.

    Use it as a context manager: the loop starts on entry and stops (and
    closes) on exit.

    .. versionadded:: 0.1.0
    """

    def __init__(self) -> None:
        """
        Make the loop; it runs from ``__enter__``.
        """
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> Self:
        """
        Start the loop's thread.
        """
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        """
        Stop the loop, wait for its thread, close it.
        """
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()

    def run(self, coroutine: Coroutine[Any, Any, _T]) -> _T:
        """
        Run ``coroutine`` on the loop and wait for its result (or its exception), from any thread.

        Args:
            coroutine: The coroutine.

        Returns:
            What it returned.
        """
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()


class BlockingStore:
    """
    A :class:`~pipeline_core.storage.SearchStore` that awaits each call of an async store.

    Args:
        store: The async store.
        loop: The running loop the store belongs to.

    .. versionadded:: 0.1.0
    """

    def __init__(self, store: AsyncSearchStore, loop: EventLoopThread) -> None:
        """
        Wrap ``store``, whose calls run on ``loop``.
        """
        self.store = store
        self.loop = loop

    def __repr__(self) -> str:
        """
        Show the async store.
        """
        return f"<BlockingStore of {self.store!r}>"

    def get(self, search_id: str) -> StoredSearch:
        """Await :meth:`AsyncSearchStore.get`."""
        return self.loop.run(self.store.get(search_id))

    def list_searches(self) -> tuple[SearchEntry, ...]:
        """Await :meth:`AsyncSearchStore.list_searches`."""
        return self.loop.run(self.store.list_searches())

    def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        """Await :meth:`AsyncSearchStore.changed_since`."""
        return self.loop.run(self.store.changed_since(sequence))

    def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        """Await :meth:`AsyncSearchStore.find_opportunities`."""
        return self.loop.run(self.store.find_opportunities(stage=stage, live_only=live_only))

    def last_sequence(self) -> int:
        """Await :meth:`AsyncSearchStore.last_sequence`."""
        return self.loop.run(self.store.last_sequence())

    def add(self, search_id: str, search: Search) -> StoredSearch:
        """Await :meth:`AsyncSearchStore.add`."""
        return self.loop.run(self.store.add(search_id, search))

    def save(self, search_id: str, search: Search, *, expected_version: int) -> StoredSearch:
        """Await :meth:`AsyncSearchStore.save`."""
        return self.loop.run(self.store.save(search_id, search, expected_version=expected_version))

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        """Await :meth:`AsyncSearchStore.save_many`."""
        return self.loop.run(self.store.save_many(writes))

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        """Await :meth:`AsyncSearchStore.delete`."""
        self.loop.run(self.store.delete(search_id, expected_version=expected_version))


def _tag(tag: str) -> Callable[[Search], Search]:
    def change(search: Search) -> Search:
        opportunity = search.get("acme-pm")
        return search.replace(attrs.evolve(opportunity, tags=(*opportunity.tags, tag)))

    return change


class AsyncStoreContract(StoreContract):
    """
    The whole :class:`~pipeline_core.testing.contract.StoreContract`, awaited, plus async tests.

    Subclass it and define the ``open_async_store`` fixture (see the module).

    .. versionadded:: 0.1.0
    """

    tasks: int = 8
    """How many concurrent tasks the async writers test runs."""

    @pytest.fixture
    def open_async_store(self) -> AsyncStoreOpener:
        """
        Return a function opening a fresh, empty async store: every subclass overrides this.
        """
        msg = f"{type(self).__name__} must define an `open_async_store` fixture"
        raise NotImplementedError(msg)

    @pytest.fixture
    def store(self, open_async_store: AsyncStoreOpener) -> Iterator[BlockingStore]:
        """
        The async store, opened on the kit's loop, behind a :class:`BlockingStore`.
        """
        with EventLoopThread() as loop:
            opened = open_async_store()
            async_store = loop.run(opened.__aenter__())
            try:
                yield BlockingStore(async_store, loop)
            finally:
                loop.run(opened.__aexit__(None, None, None))

    def test_the_store_is_an_async_search_store(self, store: BlockingStore) -> None:
        """
        The store is an AsyncSearchStore, for isinstance (and so for mypy, structurally).
        """
        assert isinstance(store.store, AsyncSearchStore)

    def test_update_search_async_retries_after_a_conflict(self, store: BlockingStore) -> None:
        """
        update_search_async reads again and re-applies the change after another writer's save.
        """
        inner = store.store

        async def race() -> StoredSearch:
            await inner.add("ada", sample_search())
            first = await inner.get("ada")
            await inner.save("ada", sample_search(variant=1), expected_version=first.version)
            with pytest.raises(ConflictError):
                await inner.save("ada", sample_search(), expected_version=first.version)
            return await update_search_async(inner, "ada", _tag("after"))

        record = store.loop.run(race())
        assert (record.version, record.search.get("acme-pm").tags[-1:]) == (3, ("after",))

    def test_concurrent_tasks_lose_no_update(self, store: BlockingStore) -> None:
        """
        Tasks on one loop, each updating one search through update_search_async, lose nothing.
        """
        inner = store.store
        updates = self.updates_per_thread

        async def writer(number: int) -> int:
            for step in range(updates):
                await update_search_async(
                    inner, "shared", _tag(f"a{number}-{step}"), max_attempts=10_000
                )
            return updates

        async def crowd() -> list[int]:
            await inner.add("shared", sample_search())
            return list(await asyncio.gather(*(writer(n) for n in range(self.tasks))))

        saves = store.loop.run(crowd())
        final = store.get("shared")
        expected = {f"a{n}-{s}" for n in range(self.tasks) for s in range(updates)}
        assert expected == set(final.search.get("acme-pm").tags)
        assert 1 + sum(saves) == final.version
