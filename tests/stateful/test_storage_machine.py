"""
The storage state machine: each of its checks catches the bug it is there for.

Rules are called directly on a machine driving a store with one deliberate bug,
so each test shows which check fails, and why.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.storage import OpportunityEntry, StoredSearch, Write
from pipeline_core.testing.stateful import StoreStateMachine


class VersionBlind(pc.InMemoryStore):
    """Saves whatever version it is told it replaces."""

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        current = {entry.id: entry.version for entry in self.list_searches()}
        fixed = [
            Write(
                search_id=w.search_id, search=w.search, expected_version=current.get(w.search_id, 0)
            )
            for w in writes
        ]
        return super().save_many(fixed)


class DeleteBlind(pc.InMemoryStore):
    """Deletes whatever version is stored, whatever the caller expected."""

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        del expected_version
        super().delete(search_id)


class SilentDelete(pc.InMemoryStore):
    """Deleting a missing search does nothing instead of raising."""

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        if search_id in {entry.id for entry in self.list_searches()}:
            super().delete(search_id, expected_version=expected_version)


class SilentGet(pc.InMemoryStore):
    """Reading a missing search returns an empty one."""

    def get(self, search_id: str) -> StoredSearch:
        try:
            return super().get(search_id)
        except pc.SearchNotFoundError:
            return StoredSearch(id=search_id, version=1, sequence=1, search=pc.Search())


class StaleIndex(pc.InMemoryStore):
    """Reports every opportunity at version 1, as if the index were never updated."""

    def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        found = super().find_opportunities(stage=stage, live_only=live_only)
        return tuple(
            OpportunityEntry(
                search_id=e.search_id,
                search_version=1,
                opportunity_id=e.opportunity_id,
                position=e.position,
                stage=e.stage,
                live=e.live,
            )
            for e in found
        )


class ReusedSequence(pc.InMemoryStore):
    """Stamps MAX(sequence) + 1, so a number comes back after the latest search is deleted."""

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        self._last_sequence = max((e.sequence for e in self.list_searches()), default=0)
        return super().save_many(writes)


class ForgetfulSequence(pc.InMemoryStore):
    """Reports last_sequence() as 0."""

    def last_sequence(self) -> int:
        return 0


class HidesTheLast(pc.InMemoryStore):
    """Lists every search but the last by id."""

    def list_searches(self) -> tuple[pc.SearchEntry, ...]:
        return super().list_searches()[:-1]


class MisorderedChanges(pc.InMemoryStore):
    """Lists changes newest first."""

    def changed_since(self, sequence: int) -> tuple[pc.SearchEntry, ...]:
        return tuple(reversed(super().changed_since(sequence)))


def test_a_correct_store_passes_every_rule() -> None:
    """
    The rules called by hand on the in-memory store raise nothing, and the model follows.
    """
    machine = StoreStateMachine(pc.InMemoryStore())
    machine.add(key="a", pick=1)
    machine.add(key="a", pick=2)
    machine.save(key="a", pick=2, how="fresh")
    machine.save(key="a", pick=3, how="stale")
    machine.save(key="b", pick=1, how="missing")
    machine.delete(key="a", how="stale")
    machine.get(key="a")
    machine.get(key="zz")
    machine.delete(key="a", how="any")
    machine.delete(key="a", how="fresh")
    machine.listing_matches_the_model()
    machine.sequence_never_goes_back()
    machine.teardown()
    assert {} == machine.model


def test_the_add_rule_catches_a_duplicate_add() -> None:
    """
    A store that lets an id be added twice fails the add rule.
    """
    machine = StoreStateMachine(VersionBlind())
    machine.add(key="a", pick=1)
    with pytest.raises(AssertionError, match=r"adding .* twice was not refused"):
        machine.add(key="a", pick=2)


def test_the_save_rule_catches_a_stale_save() -> None:
    """
    A store that accepts a stale save fails the save rule.
    """
    machine = StoreStateMachine(VersionBlind())
    machine.add(key="a", pick=1)
    machine.save(key="a", pick=2, how="fresh")
    with pytest.raises(AssertionError, match="expecting version 1 was not refused"):
        machine.save(key="a", pick=3, how="stale")


def test_the_delete_rule_catches_a_stale_delete() -> None:
    """
    A store that deletes whatever the expected version fails the delete rule.
    """
    machine = StoreStateMachine(DeleteBlind())
    machine.add(key="a", pick=1)
    machine.save(key="a", pick=2, how="fresh")
    with pytest.raises(AssertionError, match="was not refused"):
        machine.delete(key="a", how="stale")


def test_the_delete_rule_catches_a_silent_delete_of_nothing() -> None:
    """
    A store that deletes a missing search without a word fails the delete rule.
    """
    machine = StoreStateMachine(SilentDelete())
    with pytest.raises(AssertionError, match="expected SearchNotFoundError"):
        machine.delete(key="a", how="any")


def test_the_get_rule_catches_a_made_up_search() -> None:
    """
    A store that invents a search for a missing id fails the get rule.
    """
    machine = StoreStateMachine(SilentGet())
    with pytest.raises(AssertionError, match="expected SearchNotFoundError"):
        machine.get(key="a")


def test_the_listing_invariant_catches_a_hidden_search() -> None:
    """
    A listing that leaves out a search breaks the listing invariant.
    """
    machine = StoreStateMachine(HidesTheLast())
    machine.add(key="a", pick=1)
    with pytest.raises(AssertionError):
        machine.listing_matches_the_model()


def test_the_sequence_invariant_catches_a_sequence_going_back() -> None:
    """
    last_sequence() below a number already stamped breaks the sequence invariant.
    """
    machine = StoreStateMachine(ForgetfulSequence())
    machine.add(key="a", pick=1)
    with pytest.raises(AssertionError, match="is below"):
        machine.sequence_never_goes_back()


def test_every_write_checks_its_sequence_is_new() -> None:
    """
    A store that reuses the number of a deleted search fails the next write.
    """
    machine = StoreStateMachine(ReusedSequence())
    machine.add(key="a", pick=1)
    machine.add(key="b", pick=1)
    machine.delete(key="b", how="fresh")
    with pytest.raises(AssertionError, match="is not above"):
        machine.save(key="a", pick=2, how="fresh")


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_the_batch_rule_catches_a_stale_batch(data: st.DataObject) -> None:
    """
    A store that writes a batch holding a stale write fails the batch rule.
    """
    machine = StoreStateMachine(VersionBlind())
    machine.add(key="a", pick=1)
    with pytest.raises(AssertionError, match="a batch with a stale write was not refused"):
        machine.save_many(keys=["a"], data=data, stale=0)


class _Fixed:
    """
    A stand-in for hypothesis' data object that draws ``value`` whatever it is asked for.
    """

    def __init__(self, value: object) -> None:
        self.value = value

    def draw(self, strategy: object, label: object = None) -> object:
        del strategy, label
        return self.value


def test_the_query_rule_catches_a_stale_index() -> None:
    """
    An opportunity index left at an old version fails the query rule.
    """
    machine = StoreStateMachine(StaleIndex())
    machine.add(key="a", pick=1)
    machine.save(key="a", pick=2, how="fresh")
    with pytest.raises(AssertionError):
        machine.find_opportunities(data=_Fixed(None), live_only=False)


def test_the_changes_rule_catches_misordered_changes() -> None:
    """
    changed_since listing newest first fails the changes rule.
    """
    machine = StoreStateMachine(MisorderedChanges())
    machine.add(key="a", pick=1)
    machine.add(key="b", pick=1)
    with pytest.raises(AssertionError):
        machine.changed_since(data=_Fixed(0))  # position 0 of the cursors: the start


def test_bind_names_the_factory() -> None:
    """
    A bound machine class says which factory builds its stores.
    """
    assert "StoreStateMachine[InMemoryStore]" == StoreStateMachine.bind(pc.InMemoryStore).__name__


def test_machines_keep_to_their_own_ids() -> None:
    """
    Two machines on one store never see each other's searches.
    """
    store = pc.InMemoryStore()
    first, second = StoreStateMachine(store), StoreStateMachine(store)
    first.add(key="a", pick=1)
    second.listing_matches_the_model()
    assert 1 == len(store.list_searches())
