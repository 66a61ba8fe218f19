"""
The storage contract: a test class that proves a store keeps every promise of the protocols.

Subclass :class:`StoreContract` in your test suite and give it one pytest
fixture, ``store``, that returns a fresh, empty store::

    import pytest
    from pipeline_core.testing.contract import StoreContract

    class TestMyStore(StoreContract):
        @pytest.fixture
        def store(self, tmp_path):
            return MyStore(tmp_path / "searches.db")

pytest then runs every test below against it: adds, reads, saves with
fresh and stale versions, batches, deletes, the change sequence, the
opportunity queries, bad arguments, failures injected half-way through a
write (:class:`~pipeline_core.testing.faults.FaultyStore`), property tests
over random searches, writers in several threads, and the
:class:`~pipeline_core.testing.stateful.StoreStateMachine`.

Three optional hooks widen the contract:

* override :meth:`StoreContract.corrupt` to write raw text in place of a
  stored document, and the contract proves that corrupt data raises
  :class:`~pipeline_core.exceptions.DecodeError` on read without stopping
  the listing (skipped otherwise);
* override :meth:`StoreContract.corrupt_row` to write a raw value into a stored
  search's version or sequence, and the contract proves that the row raises
  :class:`~pipeline_core.exceptions.DecodeError` naming its search when read,
  while the healthy rows are still listed (skipped otherwise);
* set :attr:`StoreContract.threads` to ``0`` if your store must not be shared
  between threads (the thread test is skipped then).

The hypothesis tests reuse the fixture's store for all their examples (each
example writes its own ids), so the fixture may be as slow as opening a
database.

The class is not named ``Test…``, so pytest does not collect it on its own.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import run_state_machine_as_test

from pipeline_core.events import Advanced
from pipeline_core.exceptions import (
    ConflictError,
    DecodeError,
    DuplicateSearchError,
    InvalidValueError,
    PipelineError,
    SearchNotFoundError,
    StorageError,
    WrongTypeError,
)
from pipeline_core.goals import Goals
from pipeline_core.search import Search
from pipeline_core.storage import (
    OpportunityEntry,
    SearchEntry,
    SearchStore,
    StoredSearch,
    Write,
    update_search,
)
from pipeline_core.testing.faults import FaultyStore, caused_by_fault
from pipeline_core.testing.samples import sample_search
from pipeline_core.testing.stateful import StoreStateMachine
from pipeline_core.testing.strategies import search_ids, searches

__all__ = ["StoreContract", "sample_search"]

_SCREENED = dt.datetime(2026, 10, 10, 9, 0, tzinfo=dt.UTC)
_CORRUPT_ID = (
    '{"schema": 1, "opportunities": [{"id": 7, "organization": "A", "title": "B",'
    ' "source": "referral", "events": []}]}'
)
_CORRUPT_INSTANT = (
    '{"schema": 1, "opportunities": [{"id": "a", "organization": "A", "title": "B",'
    ' "source": "referral", "events": [{"type": "applied", "at": 5}]}]}'
)


class StoreContract:
    """
    Every behaviour the storage protocols promise, as tests: subclass it, add a ``store`` fixture.

    .. versionadded:: 0.1.0
    """

    threads: ClassVar[int] = 4
    """How many writer threads the thread test runs (``0`` skips it)."""

    updates_per_thread: ClassVar[int] = 25
    """How many updates each of those threads applies."""

    shrink: ClassVar[bool] = False
    """Whether hypothesis shrinks a failing example of the property tests and the state machine.

    Off by default: on a broken store shrinking can take minutes per test, and the
    deterministic tests (which run first) already name the promise that broke. Turn it on
    to get the smallest failing history while debugging."""

    max_examples: ClassVar[int | None] = None
    """At most this many examples per property test and state machine run (``None``: the
    loaded hypothesis profile's); a store that takes milliseconds per call can lower it."""

    _ids: ClassVar[itertools.count[int]] = itertools.count(1)

    @pytest.fixture
    def store(self) -> SearchStore:
        """
        Return a fresh, empty store: every subclass overrides this fixture.
        """
        msg = f"{type(self).__name__} must define a `store` fixture returning a fresh store"
        raise NotImplementedError(msg)

    def corrupt(self, store: SearchStore, search_id: str, text: str) -> None:
        """
        Replace a stored search's document with ``text``, bypassing every check.

        Override it to run the corrupt-data tests; the default skips them.

        Args:
            store: The store (from the fixture).
            search_id: A stored search.
            text: What to store in place of its JSON document.
        """
        del store, search_id, text
        pytest.skip("the store does not provide the `corrupt` hook")

    def corrupt_row(self, store: SearchStore, search_id: str, column: str, value: object) -> None:
        """
        Write ``value`` into a stored search's ``column`` (``version`` or ``sequence``) raw.

        Override it to run the corrupt-row tests; the default skips them.

        Args:
            store: The store (from the fixture).
            search_id: A stored search.
            column: ``"version"`` or ``"sequence"``.
            value: What to store there, bypassing every check (text, a float, ``None``).

        .. versionadded:: 0.1.0
        """
        del store, search_id, column, value
        pytest.skip("the store does not provide the `corrupt_row` hook")

    @classmethod
    def _fresh_id(cls, hint: str = "search") -> str:
        return f"{hint}-{next(cls._ids)}"

    def _settings(self) -> settings:
        """
        The hypothesis settings of the kit's property tests: the profile's, capped.
        """
        profile = settings.default
        assert profile is not None  # hypothesis always has a default profile
        limit = profile.max_examples
        if self.max_examples is not None:
            limit = min(limit, self.max_examples)
        phases = [phase for phase in profile.phases if self.shrink or phase is not Phase.shrink]
        return settings(
            parent=profile,
            max_examples=limit,
            phases=phases,
            report_multiple_bugs=False,
            suppress_health_check=list(HealthCheck),
        )

    def _given(
        self, *strategies: st.SearchStrategy[Any], **named: st.SearchStrategy[Any]
    ) -> Callable[[Callable[..., None]], Callable[[], None]]:
        """
        Decorate an inner check with ``@given``, with the settings loaded now.
        """

        def decorate(check: Callable[..., None]) -> Callable[[], None]:
            runner: Callable[[], None] = self._settings()(given(*strategies, **named)(check))
            return runner

        return decorate

    # -- add and get -----------------------------------------------------------------------

    def test_empty_store_lists_nothing(self, store: SearchStore) -> None:
        """
        A fresh store lists no search, no opportunity, and has stamped no sequence number.
        """
        assert ((), (), (), 0) == (
            store.list_searches(),
            store.find_opportunities(),
            store.changed_since(0),
            store.last_sequence(),
        )

    def test_add_stores_version_one(self, store: SearchStore) -> None:
        """
        An added search is stored at version 1 and read back equal.
        """
        search = sample_search()
        record = store.add("ada", search)
        assert (1, search) == (record.version, record.search)
        assert record == store.get("ada")

    def test_add_stamps_a_sequence_number(self, store: SearchStore) -> None:
        """
        An add stamps a sequence number above 0, which last_sequence reports.
        """
        record = store.add("ada", sample_search())
        assert record.sequence >= 1
        assert record.sequence == store.last_sequence()

    def test_add_returns_a_stored_search(self, store: SearchStore) -> None:
        """
        Add returns a StoredSearch naming the id it was given.
        """
        record = store.add("ada", sample_search())
        assert (StoredSearch, "ada") == (type(record), record.id)

    def test_add_of_a_taken_id_is_refused(self, store: SearchStore) -> None:
        """
        Adding an id twice raises DuplicateSearchError naming the id and the stored version.
        """
        store.add("ada", sample_search())
        with pytest.raises(DuplicateSearchError) as caught:
            store.add("ada", sample_search(variant=1))
        assert (
            caught.value.search_id,
            caught.value.expected_version,
            caught.value.actual_version,
        ) == ("ada", 0, 1)

    def test_refused_add_keeps_the_stored_search(self, store: SearchStore) -> None:
        """
        A refused add leaves the first search as it was.
        """
        first = store.add("ada", sample_search())
        with pytest.raises(DuplicateSearchError):
            store.add("ada", sample_search(variant=1))
        assert first == store.get("ada")

    def test_get_of_an_unknown_id_raises_not_found(self, store: SearchStore) -> None:
        """
        Reading an id never stored raises SearchNotFoundError, a LookupError, naming the id.
        """
        with pytest.raises(SearchNotFoundError) as caught:
            store.get("nobody")
        assert (caught.value.search_id, isinstance(caught.value, LookupError)) == ("nobody", True)

    def test_searches_are_kept_apart(self, store: SearchStore) -> None:
        """
        Two searches under two ids are each read back as written.
        """
        first = store.add("ada", sample_search())
        second = store.add("grace", sample_search(variant=2))
        assert (first, second) == (store.get("ada"), store.get("grace"))

    def test_ids_are_case_and_accent_sensitive(self, store: SearchStore) -> None:
        """
        Ids that differ only in case or accents are different searches.
        """
        ids = ("rene", "René", "RENE", "rené")
        for variant, search_id in enumerate(ids):
            store.add(search_id, sample_search(variant=variant))
        assert sorted(ids) == [entry.id for entry in store.list_searches()]
        assert [sample_search(variant=v) for v in range(4)] == [store.get(i).search for i in ids]

    # -- save ------------------------------------------------------------------------------

    def test_save_with_the_stored_version_adds_one(self, store: SearchStore) -> None:
        """
        A save that names the stored version stores the new search at the next version.
        """
        store.add("ada", sample_search())
        changed = sample_search(variant=1)
        record = store.save("ada", changed, expected_version=1)
        assert (2, changed) == (record.version, record.search)
        assert record == store.get("ada")

    def test_save_stamps_a_higher_sequence_number(self, store: SearchStore) -> None:
        """
        Every save stamps a sequence number above the one before.
        """
        first = store.add("ada", sample_search())
        second = store.save("ada", sample_search(variant=1), expected_version=1)
        assert second.sequence > first.sequence

    def test_stale_save_is_refused(self, store: SearchStore) -> None:
        """
        A save naming an older version raises ConflictError with the id and both versions.
        """
        store.add("ada", sample_search())
        store.save("ada", sample_search(variant=1), expected_version=1)
        with pytest.raises(ConflictError) as caught:
            store.save("ada", sample_search(variant=2), expected_version=1)
        assert (
            caught.value.search_id,
            caught.value.expected_version,
            caught.value.actual_version,
        ) == ("ada", 1, 2)

    def test_stale_save_writes_nothing(self, store: SearchStore) -> None:
        """
        A refused save leaves the stored search, its version and its sequence number as they were.
        """
        store.add("ada", sample_search())
        current = store.save("ada", sample_search(variant=1), expected_version=1)
        with pytest.raises(ConflictError):
            store.save("ada", sample_search(variant=2), expected_version=1)
        assert current == store.get("ada")
        assert [current.entry] == list(store.list_searches())

    def test_save_from_the_future_is_refused(self, store: SearchStore) -> None:
        """
        A save naming a version the store never reached is a conflict too.
        """
        store.add("ada", sample_search())
        with pytest.raises(ConflictError) as caught:
            store.save("ada", sample_search(variant=1), expected_version=5)
        assert (caught.value.expected_version, caught.value.actual_version) == (5, 1)

    def test_conflict_is_not_a_value_error(self, store: SearchStore) -> None:
        """
        ConflictError is a StorageError and a PipelineError, not a ValueError (see its docs).
        """
        store.add("ada", sample_search())
        with pytest.raises(ConflictError) as caught:
            store.save("ada", sample_search(), expected_version=2)
        error = caught.value
        assert (
            isinstance(error, StorageError),
            isinstance(error, PipelineError),
            isinstance(error, ValueError),
        ) == (True, True, False)

    def test_save_of_an_unknown_id_raises_not_found(self, store: SearchStore) -> None:
        """
        Saving over an id never stored raises SearchNotFoundError and stores nothing.
        """
        with pytest.raises(SearchNotFoundError):
            store.save("nobody", sample_search(), expected_version=1)
        assert () == store.list_searches()

    def test_save_expecting_version_zero_adds(self, store: SearchStore) -> None:
        """
        expected_version=0 means "no search yet": the save adds at version 1.
        """
        record = store.save("ada", sample_search(), expected_version=0)
        assert 1 == record.version
        assert record == store.get("ada")

    def test_save_expecting_version_zero_of_a_taken_id_is_refused(self, store: SearchStore) -> None:
        """
        expected_version=0 on a taken id raises DuplicateSearchError, like add.
        """
        store.add("ada", sample_search())
        with pytest.raises(DuplicateSearchError):
            store.save("ada", sample_search(variant=1), expected_version=0)

    def test_a_record_read_before_a_save_keeps_its_search(self, store: SearchStore) -> None:
        """
        A record read before a save still holds the old search after it (records are snapshots).
        """
        store.add("ada", sample_search())
        before = store.get("ada")
        store.save("ada", sample_search(variant=1), expected_version=1)
        assert (1, sample_search()) == (before.version, before.search)

    def test_update_search_retries_after_a_conflict(self, store: SearchStore) -> None:
        """
        update_search reads again and re-applies the change when another writer got there first.
        """
        store.add("ada", sample_search())
        calls = []

        def change(search: Search) -> Search:
            calls.append(search.goals.min_live)
            if len(calls) == 1:  # another writer saves while we are changing
                store.save("ada", search.with_goals(Goals(min_live=7)), expected_version=1)
            return search.with_goals(Goals(min_live=(search.goals.min_live or 0) + 1))

        record = update_search(store, "ada", change)
        assert (calls, record.version, record.search.goals.min_live) == ([3, 7], 3, 8)

    # -- delete ----------------------------------------------------------------------------

    def test_delete_removes_the_search(self, store: SearchStore) -> None:
        """
        After a delete with the stored version, the search cannot be read or listed.
        """
        store.add("ada", sample_search())
        store.delete("ada", expected_version=1)
        with pytest.raises(SearchNotFoundError):
            store.get("ada")
        assert (store.list_searches(), store.find_opportunities()) == ((), ())

    def test_delete_without_a_version_removes_any_version(self, store: SearchStore) -> None:
        """
        A delete without an expected version removes whatever version is stored.
        """
        store.add("ada", sample_search())
        store.save("ada", sample_search(variant=1), expected_version=1)
        store.delete("ada")
        assert () == store.list_searches()

    def test_stale_delete_is_refused_and_deletes_nothing(self, store: SearchStore) -> None:
        """
        A delete naming an older version raises ConflictError and keeps the search.
        """
        store.add("ada", sample_search())
        current = store.save("ada", sample_search(variant=1), expected_version=1)
        with pytest.raises(ConflictError) as caught:
            store.delete("ada", expected_version=1)
        assert (caught.value.expected_version, caught.value.actual_version) == (1, 2)
        assert current == store.get("ada")

    def test_delete_of_an_unknown_id_raises_not_found(self, store: SearchStore) -> None:
        """
        Deleting an id never stored raises SearchNotFoundError.
        """
        with pytest.raises(SearchNotFoundError):
            store.delete("nobody")

    def test_delete_leaves_the_other_searches(self, store: SearchStore) -> None:
        """
        Deleting one search leaves every other one as it was.
        """
        store.add("ada", sample_search())
        grace = store.add("grace", sample_search(variant=1))
        store.delete("ada", expected_version=1)
        assert ([grace.entry], grace) == (list(store.list_searches()), store.get("grace"))

    def test_an_id_can_be_added_again_after_a_delete(self, store: SearchStore) -> None:
        """
        After a delete, the id is free: an add stores version 1 again.
        """
        store.add("ada", sample_search())
        store.save("ada", sample_search(variant=1), expected_version=1)
        store.delete("ada", expected_version=2)
        record = store.add("ada", sample_search(variant=2))
        assert (1, sample_search(variant=2)) == (record.version, store.get("ada").search)

    # -- batches ---------------------------------------------------------------------------

    def test_save_many_writes_every_search(self, store: SearchStore) -> None:
        """
        A batch of adds and saves stores every search, returning records in batch order.
        """
        store.add("ada", sample_search())
        records = store.save_many(
            [
                Write(search_id="grace", search=sample_search(variant=2), expected_version=0),
                Write(search_id="ada", search=sample_search(variant=1), expected_version=1),
            ]
        )
        assert [(r.id, r.version) for r in records] == [("grace", 1), ("ada", 2)]
        assert list(records) == [store.get("grace"), store.get("ada")]

    def test_save_many_stamps_increasing_sequence_numbers(self, store: SearchStore) -> None:
        """
        The searches of a batch get increasing sequence numbers, in batch order.
        """
        before = store.add("zed", sample_search()).sequence
        records = store.save_many(
            Write(search_id=name, search=sample_search(), expected_version=0)
            for name in ("c", "a", "b")
        )
        sequences = [record.sequence for record in records]
        assert sorted(set(sequences)) == sequences
        assert sequences[0] > before

    def test_save_many_of_nothing_writes_nothing(self, store: SearchStore) -> None:
        """
        An empty batch returns no record and stamps no sequence number.
        """
        assert (store.save_many([]), store.last_sequence()) == ((), 0)

    def test_a_stale_write_keeps_the_whole_batch_out(self, store: SearchStore) -> None:
        """
        One stale write in a batch raises ConflictError and none of the batch is written.
        """
        ada = store.add("ada", sample_search())
        grace = store.save("grace", sample_search(variant=1), expected_version=0)
        with pytest.raises(ConflictError):
            store.save_many(
                [
                    Write(search_id="ada", search=sample_search(variant=3), expected_version=1),
                    Write(search_id="new", search=sample_search(), expected_version=0),
                    Write(search_id="grace", search=sample_search(variant=3), expected_version=7),
                ]
            )
        assert ([ada.entry, grace.entry], ada, grace) == (
            list(store.list_searches()),
            store.get("ada"),
            store.get("grace"),
        )

    def test_a_missing_search_keeps_the_whole_batch_out(self, store: SearchStore) -> None:
        """
        A write expecting a search that is not there raises SearchNotFoundError; none is written.
        """
        with pytest.raises(SearchNotFoundError):
            store.save_many(
                [
                    Write(search_id="ada", search=sample_search(), expected_version=0),
                    Write(search_id="nobody", search=sample_search(), expected_version=1),
                ]
            )
        assert () == store.list_searches()

    def test_a_batch_naming_one_id_twice_is_refused(self, store: SearchStore) -> None:
        """
        Two writes of one id in a batch are bad input (InvalidValueError); nothing is written.
        """
        write = Write(search_id="ada", search=sample_search(), expected_version=0)
        with pytest.raises(InvalidValueError):
            store.save_many([write, write])
        assert () == store.list_searches()

    def test_a_batch_of_something_else_is_refused(self, store: SearchStore) -> None:
        """
        A batch holding something other than Write objects raises WrongTypeError.
        """
        with pytest.raises(WrongTypeError):
            store.save_many([("ada", sample_search(), 0)])  # type: ignore[list-item]

    # -- change sequence -------------------------------------------------------------------

    def test_changed_since_zero_lists_every_search_by_sequence(self, store: SearchStore) -> None:
        """
        changed_since(0) lists every stored search, ordered by sequence number.
        """
        store.add("b", sample_search())
        store.add("a", sample_search())
        store.save("b", sample_search(variant=1), expected_version=1)
        assert [entry.id for entry in store.changed_since(0)] == ["a", "b"]

    def test_changed_since_lists_only_later_writes(self, store: SearchStore) -> None:
        """
        changed_since(n) lists exactly the searches whose stored version was written after n.
        """
        store.add("a", sample_search())
        cursor = store.add("b", sample_search()).sequence
        c = store.add("c", sample_search())
        a = store.save("a", sample_search(variant=1), expected_version=1)
        assert [c.entry, a.entry] == list(store.changed_since(cursor))

    def test_changed_since_the_last_sequence_is_empty(self, store: SearchStore) -> None:
        """
        Nothing changed after the last sequence number.
        """
        store.add("a", sample_search())
        assert () == store.changed_since(store.last_sequence())

    def test_sequence_numbers_are_not_reused_after_a_delete(self, store: SearchStore) -> None:
        """
        A write after deleting the latest search still gets a number above the deleted one's.
        """
        store.add("a", sample_search())
        b = store.add("b", sample_search())
        store.delete("b")
        a = store.save("a", sample_search(variant=1), expected_version=1)
        assert a.sequence > b.sequence
        assert [a.entry] == list(store.changed_since(b.sequence))

    def test_deleted_searches_are_not_listed_as_changed(self, store: SearchStore) -> None:
        """
        changed_since does not list a deleted search.
        """
        store.add("a", sample_search())
        store.add("b", sample_search())
        store.delete("a")
        assert [entry.id for entry in store.changed_since(0)] == ["b"]

    # -- listing and queries ---------------------------------------------------------------

    def test_list_searches_is_ordered_by_id(self, store: SearchStore) -> None:
        """
        list_searches orders entries by id, in code point order, whatever the order of writing.
        """
        ids = ["b", "a", "Z", "é", "ab", "😀"]
        for search_id in ids:
            store.add(search_id, sample_search())
        assert sorted(ids) == [entry.id for entry in store.list_searches()]

    def test_list_searches_shows_versions_and_sequences(self, store: SearchStore) -> None:
        """
        Each listed entry carries the stored version and the sequence number of its write.
        """
        store.add("a", sample_search())
        saved = store.save("a", sample_search(variant=1), expected_version=1)
        assert (SearchEntry(id="a", version=2, sequence=saved.sequence),) == store.list_searches()

    def test_find_opportunities_lists_every_opportunity(self, store: SearchStore) -> None:
        """
        Without filters, every opportunity of every search, by search id then place.
        """
        store.add("b", sample_search())
        store.add("a", sample_search())
        found = store.find_opportunities()
        assert [(entry.search_id, entry.position) for entry in found] == [
            ("a", 0),
            ("a", 1),
            ("a", 2),
            ("b", 0),
            ("b", 1),
            ("b", 2),
        ]

    def test_find_opportunities_describes_each_opportunity(self, store: SearchStore) -> None:
        """
        An entry names the search, its version, the opportunity, its stage and liveness.
        """
        store.add("a", sample_search())
        expected = (
            OpportunityEntry(
                search_id="a",
                search_version=1,
                opportunity_id="acme-pm",
                position=0,
                stage="interviewing",
                live=True,
            ),
            OpportunityEntry(
                search_id="a",
                search_version=1,
                opportunity_id="globex-analyst",
                position=1,
                stage="applied",
                live=True,
            ),
            OpportunityEntry(
                search_id="a",
                search_version=1,
                opportunity_id="initech-ops",
                position=2,
                stage="applied",
                live=False,
            ),
        )
        assert expected == store.find_opportunities()

    def test_find_opportunities_by_stage(self, store: SearchStore) -> None:
        """
        stage= keeps the opportunities whose current stage has that name.
        """
        store.add("a", sample_search())
        found = store.find_opportunities(stage="applied")
        assert [entry.opportunity_id for entry in found] == ["globex-analyst", "initech-ops"]

    def test_find_opportunities_live_only(self, store: SearchStore) -> None:
        """
        live_only=True drops the closed opportunities.
        """
        store.add("a", sample_search())
        found = store.find_opportunities(live_only=True)
        assert [entry.opportunity_id for entry in found] == ["acme-pm", "globex-analyst"]

    def test_find_opportunities_by_stage_and_live_only(self, store: SearchStore) -> None:
        """
        Both filters together keep the live opportunities at that stage.
        """
        store.add("a", sample_search())
        found = store.find_opportunities(stage="applied", live_only=True)
        assert [entry.opportunity_id for entry in found] == ["globex-analyst"]

    def test_find_opportunities_of_an_unknown_stage_is_empty(self, store: SearchStore) -> None:
        """
        A stage no opportunity is at finds nothing (stores know no pipeline).
        """
        store.add("a", sample_search())
        assert () == store.find_opportunities(stage="verbal_offer")

    def test_find_opportunities_follows_saves(self, store: SearchStore) -> None:
        """
        After a save moves an opportunity on, the queries see its new stage and version.
        """
        store.add("a", sample_search())
        moved = sample_search().record("globex-analyst", Advanced(at=_SCREENED, stage="screening"))
        store.save("a", moved, expected_version=1)
        found = store.find_opportunities(stage="screening")
        assert [(e.opportunity_id, e.search_version) for e in found] == [("globex-analyst", 2)]

    # -- bad input -------------------------------------------------------------------------

    @pytest.mark.parametrize("search_id", ["", "   ", "x" * 201, "tab\there", "nul\x00", "\ud800"])
    def test_invalid_ids_are_refused(self, store: SearchStore, search_id: str) -> None:
        """
        A blank, too long or unprintable id raises InvalidValueError (a ValueError) naming it.
        """
        with pytest.raises(InvalidValueError) as caught:
            store.add(search_id, sample_search())
        assert search_id == caught.value.received
        assert () == store.list_searches()

    @pytest.mark.parametrize("method", ["get", "delete", "save"])
    @pytest.mark.parametrize("search_id", ["\ud800", "a\udfff", "nul\x00"])
    def test_every_call_refuses_an_id_no_database_can_hold(
        self, store: SearchStore, method: str, search_id: str
    ) -> None:
        """
        A lone surrogate or a NUL in an id is refused (InvalidValueError) before the database.
        """
        call: dict[str, Callable[[], object]] = {
            "get": lambda: store.get(search_id),
            "delete": lambda: store.delete(search_id),
            "save": lambda: store.save(search_id, sample_search(), expected_version=1),
        }
        with pytest.raises(InvalidValueError) as caught:
            call[method]()
        assert search_id == caught.value.received

    @pytest.mark.parametrize("method", ["get", "delete"])
    def test_reads_and_deletes_check_the_id(self, store: SearchStore, method: str) -> None:
        """
        Get and delete refuse an id that is not a string with WrongTypeError (a TypeError).
        """
        with pytest.raises(WrongTypeError):
            getattr(store, method)(42)

    def test_a_non_search_is_refused(self, store: SearchStore) -> None:
        """
        Adding something that is not a Search raises WrongTypeError and stores nothing.
        """
        with pytest.raises(WrongTypeError):
            store.add("ada", sample_search().to_dict())  # type: ignore[arg-type]
        assert () == store.list_searches()

    @pytest.mark.parametrize(
        ("version", "error"), [(-1, InvalidValueError), (True, WrongTypeError)]
    )
    def test_bad_expected_versions_are_refused(
        self, store: SearchStore, version: object, error: type[Exception]
    ) -> None:
        """
        A negative or non-int expected version is bad input, for saves and deletes alike.
        """
        store.add("ada", sample_search())
        with pytest.raises(error):
            store.save("ada", sample_search(), expected_version=version)  # type: ignore[arg-type]
        with pytest.raises(error):
            store.delete("ada", expected_version=version)  # type: ignore[arg-type]
        assert 1 == store.get("ada").version

    def test_delete_expecting_version_zero_is_refused(self, store: SearchStore) -> None:
        """
        A delete expecting version 0 (no search) makes no sense: InvalidValueError.
        """
        store.add("ada", sample_search())
        with pytest.raises(InvalidValueError):
            store.delete("ada", expected_version=0)

    def test_a_negative_sequence_is_refused(self, store: SearchStore) -> None:
        """
        changed_since(-1) raises InvalidValueError.
        """
        with pytest.raises(InvalidValueError):
            store.changed_since(-1)

    def test_a_blank_stage_filter_is_refused(self, store: SearchStore) -> None:
        """
        find_opportunities(stage=" ") raises InvalidValueError.
        """
        with pytest.raises(InvalidValueError):
            store.find_opportunities(stage=" ")

    # -- failures half-way through a write -------------------------------------------------

    def test_failed_add_stores_nothing(self, store: SearchStore) -> None:
        """
        An add that fails inside the store leaves no search behind.
        """
        with pytest.raises(Exception) as caught:
            FaultyStore(store, fail_at=1).add("ada", sample_search())
        assert caused_by_fault(caught.value)
        assert (store.list_searches(), store.find_opportunities()) == ((), ())

    def test_failed_save_keeps_the_previous_version(self, store: SearchStore) -> None:
        """
        A save that fails inside the store leaves the previous version as it was.
        """
        before = store.add("ada", sample_search())
        with pytest.raises(Exception) as caught:
            FaultyStore(store).save("ada", sample_search(variant=1), expected_version=1)
        assert caused_by_fault(caught.value)
        assert (before, [before.entry]) == (store.get("ada"), list(store.list_searches()))

    @pytest.mark.parametrize("fail_at", [1, 2, 3])
    def test_failed_batch_writes_nothing(self, store: SearchStore, fail_at: int) -> None:
        """
        A batch whose first, middle or last search fails inside the store writes none of them.
        """
        ada = store.add("ada", sample_search())
        grace = store.add("grace", sample_search(variant=1))
        before = (store.list_searches(), store.find_opportunities())
        with pytest.raises(Exception) as caught:
            FaultyStore(store, fail_at=fail_at).save_many(
                [
                    Write(search_id="ada", search=sample_search(variant=2), expected_version=1),
                    Write(search_id="new", search=sample_search(), expected_version=0),
                    Write(search_id="grace", search=sample_search(variant=3), expected_version=1),
                ]
            )
        assert caused_by_fault(caught.value)
        assert before == (store.list_searches(), store.find_opportunities())
        assert (ada, grace) == (store.get("ada"), store.get("grace"))

    def test_the_store_works_after_a_failed_write(self, store: SearchStore) -> None:
        """
        After a failed write, the same write succeeds with the same expected versions.
        """
        store.add("ada", sample_search())
        writes = [
            Write(search_id="ada", search=sample_search(variant=1), expected_version=1),
            Write(search_id="new", search=sample_search(), expected_version=0),
        ]
        with pytest.raises(Exception):  # noqa: B017 - checked in the tests above
            FaultyStore(store, fail_at=2).save_many(writes)
        records = store.save_many(writes)
        assert [record.version for record in records] == [2, 1]
        assert records[0].sequence > 0

    # -- corrupt data (needs the `corrupt` hook) -------------------------------------------

    @pytest.mark.parametrize(
        ("text", "path"),
        [
            ('{"schema": 1, "opportunities": [{"id": "acme"', ""),
            (_CORRUPT_ID, "opportunities[0].id"),
            (_CORRUPT_INSTANT, "opportunities[0].events[0].at"),
            ('{"schema": 1, "opportunities": "none"}', "opportunities"),
            ('{"schema": 99, "opportunities": []}', "schema"),
            ("[]", ""),
        ],
        ids=[
            "truncated",
            "wrong-type",
            "wrong-type-deep",
            "not-a-list",
            "unknown-schema",
            "not-an-object",
        ],
    )
    def test_corrupt_data_raises_decode_error_with_its_path(
        self, store: SearchStore, text: str, path: str
    ) -> None:
        """
        Reading a search whose stored data is not interchange data raises DecodeError with the path.
        """
        store.add("broken", sample_search())
        self.corrupt(store, "broken", text)
        with pytest.raises(DecodeError) as caught:
            store.get("broken")
        assert path == caught.value.path
        assert "broken" in str(caught.value)

    def test_corrupt_data_does_not_stop_the_listing(self, store: SearchStore) -> None:
        """
        One corrupt search is still listed, and the others are listed and read as before.
        """
        ada = store.add("ada", sample_search())
        broken = store.add("broken", sample_search())
        zed = store.add("zed", sample_search(variant=1))
        self.corrupt(store, "broken", '{"schema": 1, "opportunities": [')
        assert [ada.entry, broken.entry, zed.entry] == list(store.list_searches())
        assert [ada.entry, broken.entry, zed.entry] == list(store.changed_since(0))
        assert 9 == len(store.find_opportunities())
        assert (ada, zed) == (store.get("ada"), store.get("zed"))

    @pytest.mark.parametrize(
        ("column", "value"), [("version", "x"), ("version", 2.5), ("sequence", 1.5)]
    )
    def test_a_corrupt_row_does_not_hide_the_healthy_ones(
        self, store: SearchStore, column: str, value: object
    ) -> None:
        """
        A corrupt version or sequence is a DecodeError naming the search; others still list.

        Reading the broken row raises it; the healthy rows are still listed and read.
        """
        ada = store.add("ada", sample_search())
        store.add("broken", sample_search())
        zed = store.add("zed", sample_search(variant=1))
        self.corrupt_row(store, "broken", column, value)
        with pytest.raises(DecodeError, match="broken"):
            store.get("broken")
        listed = store.list_searches()
        assert {ada.entry, zed.entry} <= set(listed)
        assert {ada.entry, zed.entry} <= set(store.changed_since(0))
        assert (ada, zed) == (store.get("ada"), store.get("zed"))

    # -- properties over random searches ---------------------------------------------------

    def test_any_search_round_trips(self, store: SearchStore) -> None:
        """
        Any valid search (custom pipelines, goals, notes in any script) is read back equal.
        """

        @self._given(search=searches(max_size=4))
        def check(search: Search) -> None:
            search_id = self._fresh_id()
            record = store.add(search_id, search)
            assert record == store.get(search_id)
            assert search == record.search

        check()

    def test_any_id_round_trips(self, store: SearchStore) -> None:
        """
        Any valid id (accents, CJK, emoji, spaces) stores and reads back under itself.
        """

        @self._given(suffix=search_ids(max_size=30))
        def check(suffix: str) -> None:
            search_id = f"{self._fresh_id('id')}-{suffix}"
            store.add(search_id, sample_search())
            assert search_id == store.get(search_id).id
            assert search_id in {entry.id for entry in store.list_searches()}

        check()

    def test_versions_count_the_saves(self, store: SearchStore) -> None:
        """
        After an add and n saves, the version is n + 1 and the last search is stored.
        """

        @self._given(history=st.lists(searches(max_size=2), min_size=1, max_size=5))
        def check(history: list[Search]) -> None:
            search_id = self._fresh_id()
            record = store.add(search_id, history[0])
            for search in history[1:]:
                record = store.save(search_id, search, expected_version=record.version)
            assert (len(history), history[-1]) == (store.get(search_id).version, record.search)

        check()

    def test_the_state_machine_finds_nothing_wrong(self, store: SearchStore) -> None:
        """
        Random adds, saves, batches, failed writes, deletes and reads all match a dict model.
        """
        run_state_machine_as_test(StoreStateMachine.bind(lambda: store), settings=self._settings())

    # -- threads ---------------------------------------------------------------------------

    def test_concurrent_updates_are_never_lost(self, store: SearchStore) -> None:
        """
        Writers in several threads, retrying on conflict, lose no update of one shared search.
        """
        if not self.threads:
            pytest.skip("the store is not meant to be shared between threads")
        base = sample_search()
        store.add("shared", base)
        saves = [0] * self.threads
        errors: list[BaseException] = []

        def writer(number: int) -> None:
            try:
                for step in range(self.updates_per_thread):
                    update_search(
                        store, "shared", _tagger(f"t{number}-{step}"), max_attempts=10_000
                    )
                    saves[number] += 1
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        workers = [threading.Thread(target=writer, args=(n,)) for n in range(self.threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert [] == errors
        final = store.get("shared")
        expected_tags = {
            f"t{n}-{step}" for n in range(self.threads) for step in range(self.updates_per_thread)
        }
        assert expected_tags == set(final.search.get("acme-pm").tags)
        assert 1 + sum(saves) == final.version


def _tagger(tag: str) -> Callable[[Search], Search]:
    """
    Return a change that adds ``tag`` to the first opportunity of a sample search.
    """

    def change(search: Search) -> Search:
        opportunity = search.get("acme-pm")
        return search.replace(attrs.evolve(opportunity, tags=(*opportunity.tags, tag)))

    return change
