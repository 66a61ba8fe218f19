"""
The contract class itself: its thread test can skip, and it reports what threads raised.
"""

from __future__ import annotations

import pytest

import pipeline_core as pc
from pipeline_core.testing.contract import StoreContract


class SingleThreaded(StoreContract):
    threads = 0


class Exploding(pc.InMemoryStore):
    """Every save fails."""

    def save(self, search_id: str, search: pc.Search, *, expected_version: int) -> pc.StoredSearch:
        del search_id, search, expected_version
        raise RuntimeError("disk on fire")


def test_the_thread_test_skips_when_threads_is_zero() -> None:
    """
    threads = 0 skips the thread test, for stores not meant to be shared.
    """
    with pytest.raises(pytest.skip.Exception, match="not meant to be shared"):
        SingleThreaded().test_concurrent_updates_are_never_lost(pc.InMemoryStore())


def test_the_thread_test_reports_what_the_threads_raised() -> None:
    """
    An error raised inside a writer thread fails the test, instead of vanishing with the thread.
    """
    with pytest.raises(AssertionError, match="disk on fire"):
        StoreContract().test_concurrent_updates_are_never_lost(Exploding())


def test_the_corrupt_hook_skips_unless_overridden() -> None:
    """
    Without a `corrupt` override, the corrupt-data tests are skipped, not failed.
    """
    with pytest.raises(pytest.skip.Exception, match="does not provide the `corrupt` hook"):
        StoreContract().corrupt(pc.InMemoryStore(), "ada", "{")
