"""
FaultyStore and its helpers: where the fault goes, and how it is recognised.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

import pipeline_core as pc
from pipeline_core.storage import StoredSearch, Write
from pipeline_core.testing.faults import (
    FaultNotInjectedError,
    FaultyStore,
    InjectedFault,
    caused_by_fault,
)
from pipeline_core.testing.samples import sample_search


def test_the_fault_counts_searches_across_calls() -> None:
    """
    fail_at counts every search written: the third fails, the first two are stored.
    """
    store = pc.InMemoryStore()
    faulty = FaultyStore(store, fail_at=3)
    faulty.add("a", sample_search())
    faulty.save("a", sample_search(variant=1), expected_version=1)
    with pytest.raises(InjectedFault):
        faulty.save_many([Write(search_id="b", search=sample_search(), expected_version=0)])
    assert (["a"], 3) == ([e.id for e in store.list_searches()], faulty.written)


def test_writes_after_the_fault_succeed() -> None:
    """
    Only one search fails; the wrapper passes later writes through.
    """
    store = pc.InMemoryStore()
    faulty = FaultyStore(store, fail_at=1)
    with pytest.raises(InjectedFault):
        faulty.add("a", sample_search())
    assert 1 == faulty.add("a", sample_search()).version


def test_reads_and_deletes_pass_through() -> None:
    """
    Reads answer from the wrapped store; deletes reach it and are not counted.
    """
    store = pc.InMemoryStore()
    record = store.add("a", sample_search())
    faulty = FaultyStore(store, fail_at=5)
    assert (record, [record.entry], [record.entry], 3, record.sequence) == (
        faulty.get("a"),
        list(faulty.list_searches()),
        list(faulty.changed_since(0)),
        len(faulty.find_opportunities()),
        faulty.last_sequence(),
    )
    faulty.delete("a", expected_version=1)
    assert ((), 0) == (store.list_searches(), faulty.written)


def test_the_failing_twin_equals_nothing_but_itself() -> None:
    """
    The search handed to the store has the same content, so the store validates it as usual.
    """
    seen: list[tuple[pc.Opportunity, ...]] = []

    class Spy(pc.InMemoryStore):
        def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
            batch = tuple(writes)
            seen.extend(w.search.opportunities for w in batch)
            return super().save_many(batch)

    with pytest.raises(InjectedFault):
        FaultyStore(Spy(), fail_at=1).add("a", sample_search())
    assert [sample_search().opportunities] == seen


@pytest.mark.parametrize("fail_at", [0, -1, True, 1.5])
def test_fail_at_must_be_a_positive_int(fail_at: object) -> None:
    """
    fail_at counts from 1.
    """
    with pytest.raises(ValueError, match="fail_at must be an int >= 1"):
        FaultyStore(pc.InMemoryStore(), fail_at=fail_at)  # type: ignore[arg-type]


def test_repr_shows_the_fault_and_the_store() -> None:
    """
    The repr says where the fault is and what it wraps.
    """
    faulty = FaultyStore(pc.InMemoryStore(), fail_at=2)
    assert repr(faulty).startswith("<FaultyStore fail_at=2 written=0 of <InMemoryStore")


def test_a_wrapped_fault_is_recognised() -> None:
    """
    A store error raised from the fault (or while handling it) still counts.
    """
    error = RuntimeError("disk full")
    error.__cause__ = InjectedFault()
    context = RuntimeError("while rolling back")
    context.__context__ = error
    assert (True, True) == (caused_by_fault(error), caused_by_fault(context))


def test_an_unrelated_error_is_not_a_fault() -> None:
    """
    An error with no injected fault in its chain is not one.
    """
    assert not caused_by_fault(RuntimeError("other"))


def test_a_cyclic_chain_ends() -> None:
    """
    A chain that loops back on itself is walked once.
    """
    first, second = RuntimeError("a"), RuntimeError("b")
    first.__cause__, second.__cause__ = second, first
    assert not caused_by_fault(first)


def test_a_store_that_swallows_the_fault_is_reported() -> None:
    """
    A store that catches the fault and carries on makes FaultyStore raise FaultNotInjectedError.
    """

    class Swallowing(pc.InMemoryStore):
        def save(self, search_id: str, search: pc.Search, *, expected_version: int) -> StoredSearch:
            try:
                return super().save(search_id, search, expected_version=expected_version)
            except InjectedFault:
                return super().save(search_id, pc.Search(), expected_version=expected_version)

    with pytest.raises(FaultNotInjectedError, match="let the failure propagate"):
        FaultyStore(Swallowing()).save("a", sample_search(), expected_version=0)


def test_a_batch_before_the_fault_is_written() -> None:
    """
    A batch whose searches all come before fail_at is written as usual.
    """
    store = pc.InMemoryStore()
    records = FaultyStore(store, fail_at=3).save_many(
        [
            Write(search_id="a", search=sample_search(), expected_version=0),
            Write(search_id="b", search=sample_search(), expected_version=0),
        ]
    )
    assert [r.entry for r in records] == list(store.list_searches())


def test_faulty_store_is_a_search_store() -> None:
    """
    The wrapper is itself a SearchStore, so anything that takes a store takes it.
    """
    store: pc.SearchStore = FaultyStore(pc.InMemoryStore())
    assert isinstance(store, pc.SearchStore)
