"""
What the in-memory store adds to the contract (which tests/conformance runs on it).
"""

from __future__ import annotations

import subprocess
import sys

import pipeline_core as pc
from pipeline_core.testing.samples import sample_search


def test_in_memory_store_is_a_search_store() -> None:
    """
    It satisfies the SearchStore protocol (and so the SearchReader one).
    """
    store = pc.InMemoryStore()
    assert (True, True) == (isinstance(store, pc.SearchStore), isinstance(store, pc.SearchReader))


def test_repr_counts_searches_and_sequence() -> None:
    """
    The repr says how many searches it holds and its last sequence number.
    """
    store = pc.InMemoryStore()
    store.add("ada", sample_search())
    store.add("grace", sample_search())
    assert "<InMemoryStore: 2 searches, sequence 2>" == repr(store)


def test_get_returns_a_decoded_copy() -> None:
    """
    get decodes the stored interchange data: an equal search, not the object saved.
    """
    store = pc.InMemoryStore()
    search = sample_search()
    store.add("ada", search)
    loaded = store.get("ada").search
    assert (True, False) == (search == loaded, search is loaded)


def test_importing_the_library_loads_no_test_tools() -> None:
    """
    The storage modules need neither hypothesis nor pytest.
    """
    code = (
        "import sys, pipeline_core;"
        "print(sorted(m for m in ('hypothesis', 'pytest', 'sqlite3') if m in sys.modules))"
    )
    out = subprocess.run(  # noqa: S603 - a fixed snippet, run by this interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "[]" == out.stdout.strip()
