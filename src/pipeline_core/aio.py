"""
The storage protocols for asyncio applications, and an async in-memory store.

:class:`AsyncSearchStore` makes the promises of
:class:`~pipeline_core.storage.SearchStore` — versions, all-or-nothing
batches, the change sequence, listings that never decode — with every method
a coroutine, for FastAPI, Starlette, Litestar and any other asyncio code.
:func:`update_search_async` is the read-modify-write loop, awaited.
:class:`AsyncInMemoryStore` is the reference store; the async conformance kit
(:class:`pipeline_core.testing.async_contract.AsyncStoreContract`) proves any
other.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from pipeline_core import _checks
from pipeline_core.exceptions import ConflictError
from pipeline_core.memory import InMemoryStore
from pipeline_core.search import Search
from pipeline_core.storage import OpportunityEntry, SearchEntry, StoredSearch, Write

__all__ = ["AsyncInMemoryStore", "AsyncSearchReader", "AsyncSearchStore", "update_search_async"]


@runtime_checkable
class AsyncSearchReader(Protocol):
    """
    The reading half of an async store: :class:`~pipeline_core.storage.SearchReader`, awaited.

    .. versionadded:: 0.1.0
    """

    async def get(self, search_id: str) -> StoredSearch:
        """
        Return the stored search with this id (see :meth:`SearchReader.get`).
        """
        ...

    async def list_searches(self) -> tuple[SearchEntry, ...]:
        """
        Return an entry for every stored search, ordered by id; never decodes.
        """
        ...

    async def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        """
        Return the stored searches written after change ``sequence``, by sequence number.
        """
        ...

    async def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        """
        Return the opportunities of every stored search, optionally filtered.
        """
        ...

    async def last_sequence(self) -> int:
        """
        Return the highest change sequence number stamped so far (``0`` for none).
        """
        ...


@runtime_checkable
class AsyncSearchStore(AsyncSearchReader, Protocol):
    """
    An async store with optimistic concurrency: ``SearchStore``, awaited.

    It makes every promise of :class:`~pipeline_core.storage.SearchStore`.

    .. versionadded:: 0.1.0
    """

    async def add(self, search_id: str, search: Search) -> StoredSearch:
        """
        Store a new search at version 1 (see :meth:`SearchStore.add`).
        """
        ...

    async def save(self, search_id: str, search: Search, *, expected_version: int) -> StoredSearch:
        """
        Replace the stored search if it is still at ``expected_version``.
        """
        ...

    async def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        """
        Write a batch of searches: all of them, or none.
        """
        ...

    async def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        """
        Delete a stored search if it is still at ``expected_version`` (any, if ``None``).
        """
        ...


async def update_search_async(
    store: AsyncSearchStore,
    search_id: str,
    change: Callable[[Search], Search],
    *,
    max_attempts: int = 10,
) -> StoredSearch:
    """
    Read a search, apply ``change`` and save it, reading again after every conflict.

    The awaited twin of :func:`~pipeline_core.storage.update_search`.
    ``change`` may run more than once, so it must not have side effects.

    Args:
        store: The async store.
        search_id: The search to change.
        change: A function from the stored search to the new one.
        max_attempts: How many times to try before giving up.

    Returns:
        The stored search after the successful save.

    Raises:
        ConflictError: every attempt met a newer version (the last conflict).
        SearchNotFoundError: no search has this id.
        InvalidValueError: ``max_attempts`` is below 1.

    .. versionadded:: 0.1.0
    """
    _checks.check_count(max_attempts, field="max_attempts", minimum=1)
    attempt = 1
    while True:
        current = await store.get(search_id)
        try:
            return await store.save(
                search_id, change(current.search), expected_version=current.version
            )
        except ConflictError:
            if attempt >= max_attempts:
                raise
            attempt += 1


class AsyncInMemoryStore:
    """
    An :class:`AsyncSearchStore` that keeps everything in memory: the async reference store.

    It keeps an :class:`~pipeline_core.memory.InMemoryStore` and answers
    every call from it without waiting on anything, so a call never yields
    to the event loop half-way: each one is atomic, like a transaction.

    Example::

        store = AsyncInMemoryStore()
        record = await store.add("ada", search)

    .. versionadded:: 0.1.0
    """

    def __init__(self) -> None:
        """
        Start empty, at sequence number 0.
        """
        self.store = InMemoryStore()

    def __repr__(self) -> str:
        """
        Show the store it keeps.
        """
        return f"<AsyncInMemoryStore of {self.store!r}>"

    async def get(self, search_id: str) -> StoredSearch:
        """
        Return the stored search with this id.
        """
        return self.store.get(search_id)

    async def list_searches(self) -> tuple[SearchEntry, ...]:
        """
        Return an entry for every stored search, ordered by id.
        """
        return self.store.list_searches()

    async def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        """
        Return the stored searches written after change ``sequence``.
        """
        return self.store.changed_since(sequence)

    async def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        """
        Return the opportunities of every stored search, optionally filtered.
        """
        return self.store.find_opportunities(stage=stage, live_only=live_only)

    async def last_sequence(self) -> int:
        """
        Return the highest change sequence number stamped so far.
        """
        return self.store.last_sequence()

    async def add(self, search_id: str, search: Search) -> StoredSearch:
        """
        Store a new search at version 1.
        """
        return self.store.add(search_id, search)

    async def save(self, search_id: str, search: Search, *, expected_version: int) -> StoredSearch:
        """
        Replace the stored search if it is still at ``expected_version``.
        """
        return self.store.save(search_id, search, expected_version=expected_version)

    async def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        """
        Write a batch of searches: all of them, or none.
        """
        return self.store.save_many(writes)

    async def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        """
        Delete a stored search if it is still at ``expected_version``.
        """
        self.store.delete(search_id, expected_version=expected_version)
