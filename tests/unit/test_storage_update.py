"""
update_search: the read-modify-write loop with retries.
"""

from __future__ import annotations

import pytest

import pipeline_core as pc
from pipeline_core.testing.samples import sample_search


def test_update_search_applies_the_change() -> None:
    """
    Without competition, one read, one change, one save.
    """
    store = pc.InMemoryStore()
    store.add("ada", sample_search())
    record = pc.update_search(store, "ada", lambda s: s.with_goals(pc.Goals(min_live=9)))
    assert (2, 9) == (record.version, record.search.goals.min_live)


def test_update_search_gives_up_after_max_attempts() -> None:
    """
    When every attempt meets a newer version, the last ConflictError propagates.
    """
    store = pc.InMemoryStore()
    store.add("ada", sample_search())
    attempts = []

    def always_beaten(search: pc.Search) -> pc.Search:
        attempts.append(1)
        current = store.get("ada")
        store.save("ada", search, expected_version=current.version)  # a rival wins every time
        return search

    with pytest.raises(pc.ConflictError):
        pc.update_search(store, "ada", always_beaten, max_attempts=3)
    assert 3 == len(attempts)


def test_update_search_of_a_missing_search_raises_not_found() -> None:
    """
    There is nothing to update: SearchNotFoundError.
    """
    with pytest.raises(pc.SearchNotFoundError):
        pc.update_search(pc.InMemoryStore(), "ada", lambda s: s)


def test_update_search_needs_one_attempt_at_least() -> None:
    """
    max_attempts=0 is bad input.
    """
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.update_search(pc.InMemoryStore(), "ada", lambda s: s, max_attempts=0)
    assert "max_attempts" == caught.value.path
