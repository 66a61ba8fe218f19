"""
The in-memory store passes the whole conformance kit.
"""

from __future__ import annotations

import attrs
import pytest

import pipeline_core as pc
from pipeline_core.memory import InMemoryStore
from pipeline_core.testing.contract import StoreContract


class TestInMemoryStore(StoreContract):
    """
    The reference store, proven by the kit it is the reference for.
    """

    @pytest.fixture
    def store(self) -> InMemoryStore:
        return InMemoryStore()

    def corrupt(self, store: pc.SearchStore, search_id: str, text: str) -> None:
        assert isinstance(store, InMemoryStore)
        with store._lock:
            store._rows[search_id] = attrs.evolve(store._rows[search_id], document=text)
