"""
The in-memory store: the reference implementation of the storage protocols.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

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
    decode_search,
    opportunity_entries,
)

__all__ = ["InMemoryStore"]


@attrs.frozen(kw_only=True)
class _Row:
    """
    What the store keeps per search: the entry, the document and the opportunity index.
    """

    entry: SearchEntry
    # The interchange dict; JSON text decodes too (the kit's corrupt-data tests store some).
    document: Mapping[str, Any] | str
    opportunities: tuple[OpportunityEntry, ...]


class InMemoryStore:
    """
    A :class:`~pipeline_core.storage.SearchStore` that keeps everything in memory.

    It is the reference the conformance kit is checked against, and a handy
    store for tests, notebooks and scripts. Like a real adapter, it keeps
    each search as interchange data (``search.to_dict()``) and decodes it on
    :meth:`get`, so what it hands back is exactly what a database would.

    One :class:`threading.Lock` guards its state: share one store between
    threads freely. Searches are encoded before the lock is taken, and the
    state is replaced only after every check of a write has passed, so a
    failed write leaves the store as it was.

    Example::

        store = InMemoryStore()
        record = store.add("ada", search)
        store.save("ada", search.with_goals(goals), expected_version=record.version)

    .. versionadded:: 0.1.0
    """

    def __init__(self) -> None:
        """
        Start empty, at sequence number 0.
        """
        self._lock = threading.Lock()
        self._rows: dict[str, _Row] = {}
        self._last_sequence = 0

    def __repr__(self) -> str:
        """
        Show how many searches the store holds.
        """
        with self._lock:
            return f"<InMemoryStore: {len(self._rows)} searches, sequence {self._last_sequence}>"

    # -- reading ---------------------------------------------------------------------------

    def get(self, search_id: str) -> StoredSearch:
        """
        Return the stored search with this id.

        Raises:
            SearchNotFoundError: no search has this id.
            InvalidValueError: ``search_id`` is not a valid id.
        """
        check_search_id(search_id)
        with self._lock:
            row = self._rows.get(search_id)
        if row is None:
            raise SearchNotFoundError(search_id)
        return StoredSearch(
            id=search_id,
            version=row.entry.version,
            sequence=row.entry.sequence,
            search=decode_search(row.document, search_id=search_id),
        )

    def list_searches(self) -> tuple[SearchEntry, ...]:
        """
        Return an entry for every stored search, ordered by id.
        """
        with self._lock:
            return tuple(self._rows[key].entry for key in sorted(self._rows))

    def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        """
        Return the searches written after change sequence number ``sequence``, in order.

        Raises:
            InvalidValueError: ``sequence`` is negative.
        """
        check_sequence(sequence)
        with self._lock:
            entries = [row.entry for row in self._rows.values() if row.entry.sequence > sequence]
        return tuple(sorted(entries, key=lambda entry: entry.sequence))

    def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        """
        Return the opportunities of every stored search, optionally filtered.

        Raises:
            InvalidValueError: ``stage`` is blank.
        """
        check_opportunity_filter(stage=stage, live_only=live_only)
        with self._lock:
            rows = [self._rows[key] for key in sorted(self._rows)]
        return tuple(
            entry
            for row in rows
            for entry in row.opportunities
            if (stage is None or entry.stage == stage) and (entry.live or not live_only)
        )

    def last_sequence(self) -> int:
        """
        Return the highest change sequence number stamped so far (``0`` for none).
        """
        with self._lock:
            return self._last_sequence

    # -- writing ---------------------------------------------------------------------------

    def add(self, search_id: str, search: Search) -> StoredSearch:
        """
        Store a new search at version 1.

        Raises:
            DuplicateSearchError: a search with this id is already stored.
        """
        return self.save_many([Write(search_id=search_id, search=search, expected_version=0)])[0]

    def save(self, search_id: str, search: Search, *, expected_version: int) -> StoredSearch:
        """
        Replace the stored search, if it is still at ``expected_version``.

        Raises:
            ConflictError: the stored version is another one; nothing was written.
            SearchNotFoundError: no search has this id.
        """
        write = Write(search_id=search_id, search=search, expected_version=expected_version)
        return self.save_many([write])[0]

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        """
        Write a batch of searches: all of them, or none.

        Raises:
            ConflictError: a write's expected version is stale; nothing was written.
        """
        batch = check_writes(writes)
        documents = [write.search.to_dict() for write in batch]
        with self._lock:
            for write in batch:
                row = self._rows.get(write.search_id)
                check_versions(
                    write.search_id,
                    expected_version=write.expected_version,
                    actual_version=0 if row is None else row.entry.version,
                )
            records = []
            rows = {}
            sequence = self._last_sequence
            for write, document in zip(batch, documents, strict=True):
                sequence += 1
                record = StoredSearch(
                    id=write.search_id,
                    version=write.expected_version + 1,
                    sequence=sequence,
                    search=write.search,
                )
                rows[write.search_id] = _Row(
                    entry=record.entry, document=document, opportunities=opportunity_entries(record)
                )
                records.append(record)
            self._rows.update(rows)
            self._last_sequence = sequence
        return tuple(records)

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        """
        Delete a stored search, if it is still at ``expected_version``.

        Raises:
            SearchNotFoundError: no search has this id.
            ConflictError: the stored version is another one; nothing was deleted.
        """
        check_search_id(search_id)
        if expected_version is not None:
            check_expected_version(expected_version, minimum=1)
        with self._lock:
            row = self._rows.get(search_id)
            actual = 0 if row is None else row.entry.version
            check_versions(search_id, expected_version=expected_version, actual_version=actual)
            del self._rows[search_id]
