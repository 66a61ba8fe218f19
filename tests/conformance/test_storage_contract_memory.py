"""
The in-memory store passes the whole conformance kit.
"""

from __future__ import annotations

import pytest

from pipeline_core.memory import InMemoryStore
from pipeline_core.testing.contract import StoreContract


class TestInMemoryStore(StoreContract):
    """
    The reference store, proven by the kit it is the reference for.
    """

    @pytest.fixture
    def store(self) -> InMemoryStore:
        return InMemoryStore()
