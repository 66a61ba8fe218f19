"""
Two more broken stores, for the fail-fast test: one loses every tenth save, one reads stale.

Both wrap the in-memory store (through ``storage_broken_stores``) and break one promise
the way a real adapter might: a write acknowledged but dropped, a read cache that lags.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from storage_broken_stores import VersionBlindStore

from pipeline_core.storage import StoredSearch, Write


class EveryTenthSaveLostStore(VersionBlindStore):
    """
    Acknowledges every tenth write without storing it (versions are checked as they should be).
    """

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        batch = tuple(writes)
        self.writes += len(batch)
        if batch and self.writes % 10 < len(batch):
            current = {entry.id: entry for entry in self.inner.list_searches()}
            sequence = self.inner.last_sequence()
            return tuple(
                StoredSearch(
                    id=write.search_id,
                    version=write.expected_version + 1,
                    sequence=sequence + number,
                    search=write.search,
                )
                for number, write in enumerate(batch, 1)
                if write.search_id in current or write.expected_version == 0
            )
        return self.inner.save_many(batch)


class StaleReadStore(VersionBlindStore):
    """
    Reads come from a cache filled on the first read of each search and never refreshed.
    """

    def __init__(self) -> None:
        super().__init__()
        self.cache: dict[str, StoredSearch] = {}

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        return self.inner.save_many(writes)

    def get(self, search_id: str) -> StoredSearch:
        if search_id not in self.cache:
            self.cache[search_id] = self.inner.get(search_id)
        return attrs.evolve(self.cache[search_id])
