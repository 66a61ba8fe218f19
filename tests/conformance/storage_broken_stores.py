"""
Deliberately broken stores: the conformance kit must fail each of them.

Each one wraps the in-memory store and breaks one promise of the protocols, the
way a real adapter might by mistake.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

import pipeline_core as pc
from pipeline_core.storage import OpportunityEntry, SearchEntry, StoredSearch, Write


class _Wrapper:
    """
    Forwards everything to an in-memory store; subclasses break one thing.
    """

    def __init__(self) -> None:
        self.inner = pc.InMemoryStore()

    def get(self, search_id: str) -> StoredSearch:
        return self.inner.get(search_id)

    def list_searches(self) -> tuple[SearchEntry, ...]:
        return self.inner.list_searches()

    def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        return self.inner.changed_since(sequence)

    def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        return self.inner.find_opportunities(stage=stage, live_only=live_only)

    def last_sequence(self) -> int:
        return self.inner.last_sequence()

    def add(self, search_id: str, search: pc.Search) -> StoredSearch:
        return self.save_many([Write(search_id=search_id, search=search, expected_version=0)])[0]

    def save(self, search_id: str, search: pc.Search, *, expected_version: int) -> StoredSearch:
        write = Write(search_id=search_id, search=search, expected_version=expected_version)
        return self.save_many([write])[0]

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        return self.inner.save_many(writes)

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        self.inner.delete(search_id, expected_version=expected_version)


class VersionBlindStore(_Wrapper):
    """
    Ignores expected versions: the last writer wins (the classic lost update).
    """

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        current = {entry.id: entry.version for entry in self.inner.list_searches()}
        return self.inner.save_many(
            attrs.evolve(write, expected_version=current.get(write.search_id, 0))
            for write in writes
        )


def _without_notes(document: Any) -> Any:
    if isinstance(document, dict):
        return {key: _without_notes(value) for key, value in document.items() if key != "note"}
    if isinstance(document, list):
        return [_without_notes(item) for item in document]
    return document


class FieldDroppingStore(_Wrapper):
    """
    Drops the events' notes on the way in, like a table that forgot a column.
    """

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        return self.inner.save_many(
            attrs.evolve(write, search=pc.Search.from_dict(_without_notes(write.search.to_dict())))
            for write in writes
        )


class NonAtomicBatchStore(_Wrapper):
    """
    Writes a batch one search at a time, so a failure half-way leaves the first ones written.
    """

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        return tuple(self.inner.save_many([write])[0] for write in writes)


class UnencodedStore(_Wrapper):
    """
    Keeps Search objects without ever calling to_dict(): faults cannot be injected into it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[str, pc.Search] = {}

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        batch = tuple(writes)
        for write in batch:
            self.kept[write.search_id] = write.search
        empty = [attrs.evolve(write, search=pc.Search()) for write in batch]
        return tuple(
            attrs.evolve(record, search=write.search)
            for record, write in zip(self.inner.save_many(empty), batch, strict=True)
        )
