"""
A store wrapper that makes the Nth write fail inside the store, to prove failures leave no trace.

A failure injected *before* a store is called proves nothing: the store never
saw the write. :class:`FaultyStore` injects it *inside* the store, at the
moment the store encodes the search it is writing. The Nth search handed to
the wrapped store for writing (counting every :meth:`~FaultyStore.add`,
:meth:`~FaultyStore.save` and every search of a
:meth:`~FaultyStore.save_many` batch) is replaced by an equal twin whose
``to_dict()`` raises :class:`InjectedFault` — standing for a full disk, a
dropped connection or a crash half-way through a batch. By then an adapter
may already have begun a transaction and written the batch's earlier
searches, so the store must roll back for the state to be intact.

That is why the protocol asks every store to encode with
``search.to_dict()`` (:func:`~pipeline_core.storage.encode_search` does).
A store that wrote the twin without encoding it, or that swallowed the
fault, makes the wrapper raise :class:`FaultNotInjectedError`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

import attrs

from pipeline_core.search import Search
from pipeline_core.storage import (
    OpportunityEntry,
    SearchEntry,
    SearchStore,
    StoredSearch,
    Write,
    check_writes,
)

__all__ = ["FaultNotInjectedError", "FaultyStore", "InjectedFault", "caused_by_fault"]


class InjectedFault(Exception):  # noqa: N818 - it is a fault, deliberately not an "Error"
    """
    The failure :class:`FaultyStore` injects into a write.

    It is not a :class:`~pipeline_core.PipelineError`: it stands for the
    failures a store does not expect. A store may let it propagate or chain
    it (``raise StoreError(...) from fault``); :func:`caused_by_fault` finds
    it either way.

    .. versionadded:: 0.1.0
    """


class FaultNotInjectedError(AssertionError):
    """
    The wrapped store completed a write that should have failed.

    Either it never encoded the search with ``search.to_dict()`` (so the
    fault could not be injected), or it caught :class:`InjectedFault` and
    carried on. Both break the storage protocol.

    .. versionadded:: 0.1.0
    """


class _FailingSearch(Search):
    """
    A search equal in content to another whose encoding fails.
    """

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """
        Fail, as a disk or a connection would half-way through a write.
        """
        msg = "injected fault: the store failed while writing this search"
        raise InjectedFault(msg)


def caused_by_fault(error: BaseException) -> bool:
    """
    Return whether ``error`` is an :class:`InjectedFault` or was caused by one.

    Follows ``__cause__`` and ``__context__``, so a store that wraps the
    fault in its own error still counts.

    Args:
        error: The error a write raised.

    Returns:
        ``True`` if an injected fault is in the chain.

    .. versionadded:: 0.1.0
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, InjectedFault):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


class FaultyStore:
    """
    Wrap a store so that the ``fail_at``-th search written fails inside the store.

    Reads and deletes pass straight through; deletes are not counted (they
    carry no search to fail on).

    Args:
        store: The store under test.
        fail_at: Which search to fail, counting from 1 over every search
            handed to the store for writing.

    Example::

        faulty = FaultyStore(store, fail_at=3)
        faulty.save_many([w1, w2, w3])  # the third search fails: none may be stored

    .. versionadded:: 0.1.0
    """

    def __init__(self, store: SearchStore, *, fail_at: int = 1) -> None:
        """
        Wrap ``store``; the ``fail_at``-th search written will fail.
        """
        if isinstance(fail_at, bool) or not isinstance(fail_at, int) or fail_at < 1:
            msg = f"fail_at must be an int >= 1, not {fail_at!r}"
            raise ValueError(msg)
        self.store = store
        """The wrapped store."""
        self.fail_at = fail_at
        """Which search written fails, counting from 1."""
        self.written = 0
        """How many searches have been handed to the store for writing so far."""

    def __repr__(self) -> str:
        """
        Show the wrapped store and where the fault is.
        """
        return f"<FaultyStore fail_at={self.fail_at} written={self.written} of {self.store!r}>"

    def _arm(self, search: Search) -> Search:
        self.written += 1
        if self.written != self.fail_at:
            return search
        return _FailingSearch(
            opportunities=search.opportunities, goals=search.goals, pipeline=search.pipeline
        )

    def _check(self, before: int) -> None:
        if before < self.fail_at <= self.written:
            self._not_injected()

    def _not_injected(self) -> NoReturn:
        msg = (
            f"{self.store!r} completed a write whose search fails to encode: it must encode "
            "every search it writes with search.to_dict() and let the failure propagate"
        )
        raise FaultNotInjectedError(msg)

    # -- writing, with the fault ------------------------------------------------------------

    def add(self, search_id: str, search: Search) -> StoredSearch:
        """
        Add through the wrapped store (the search may be the failing one).
        """
        before = self.written
        record = self.store.add(search_id, self._arm(search))
        self._check(before)
        return record

    def save(self, search_id: str, search: Search, *, expected_version: int) -> StoredSearch:
        """
        Save through the wrapped store (the search may be the failing one).
        """
        before = self.written
        record = self.store.save(search_id, self._arm(search), expected_version=expected_version)
        self._check(before)
        return record

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        """
        Save a batch through the wrapped store (one search may be the failing one).
        """
        before = self.written
        armed = tuple(
            attrs.evolve(write, search=self._arm(write.search)) for write in check_writes(writes)
        )
        records = self.store.save_many(armed)
        self._check(before)
        return records

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        """
        Delete through the wrapped store (never fails on purpose).
        """
        self.store.delete(search_id, expected_version=expected_version)

    # -- reading, untouched ----------------------------------------------------------------

    def get(self, search_id: str) -> StoredSearch:
        """
        Read from the wrapped store.
        """
        return self.store.get(search_id)

    def list_searches(self) -> tuple[SearchEntry, ...]:
        """
        List from the wrapped store.
        """
        return self.store.list_searches()

    def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        """
        Ask the wrapped store what changed.
        """
        return self.store.changed_since(sequence)

    def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        """
        Query the wrapped store's opportunities.
        """
        return self.store.find_opportunities(stage=stage, live_only=live_only)

    def last_sequence(self) -> int:
        """
        Ask the wrapped store for its last sequence number.
        """
        return self.store.last_sequence()
