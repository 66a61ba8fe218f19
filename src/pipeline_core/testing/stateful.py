"""
A hypothesis state machine that drives any store and checks it against a plain dict.

:class:`StoreStateMachine` adds, saves (with fresh and stale versions),
writes batches (some with a stale version, some failing half-way through
with :class:`~pipeline_core.testing.faults.FaultyStore`), deletes and reads,
in random order, and after every step compares the store with a model: a
dict from search id to ``(version, sequence, search)``. It proves that
nothing is lost, nothing is corrupted, every stale write is refused, every
failed write leaves no trace, and the change sequence misses nothing.

Run it against a store of yours::

    from hypothesis.stateful import run_state_machine_as_test
    from pipeline_core.testing.stateful import StoreStateMachine

    def test_my_store_keeps_its_promises():
        run_state_machine_as_test(StoreStateMachine.bind(MyStore))

or let :class:`~pipeline_core.testing.contract.StoreContract` run it for you.

Each machine works under its own id prefix and checks only the ids under it,
so the same store can serve many runs (the contract hands one store to all
of them); a store built afresh for every run works just as well.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import attrs
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from pipeline_core.exceptions import (
    ConflictError,
    DuplicateSearchError,
    SearchNotFoundError,
    StorageError,
)
from pipeline_core.search import Search
from pipeline_core.storage import OpportunityEntry, SearchEntry, SearchStore, StoredSearch, Write
from pipeline_core.testing.faults import FaultNotInjectedError, FaultyStore, caused_by_fault
from pipeline_core.testing.samples import sample_search
from pipeline_core.testing.strategies import searches

__all__ = ["StoreStateMachine"]

# A few keys, so that adds collide, saves find their search and batches overlap.
_KEYS = ("a", "b", "c", "dé", "😀")
_keys = st.sampled_from(_KEYS)
# The searches written are picked from a pool: small fixed ones (cheap to shrink and
# to print) and a few random ones drawn once per run (random searches are costly to draw).
_SAMPLES = (Search(), *(sample_search(variant=variant) for variant in range(3)))
_picks = st.integers(0, 15)
_expectations = st.sampled_from(["fresh", "stale", "zero", "missing"])


@attrs.frozen(kw_only=True)
class _Held:
    """
    What the model says the store holds for one id.
    """

    version: int
    sequence: int
    search: Search


class StoreStateMachine(RuleBasedStateMachine):
    """
    Drive a store through random writes and reads, checked against a dict model.

    Args:
        store: The store to drive.

    .. versionadded:: 0.1.0
    """

    _runs = itertools.count(1)

    def __init__(self, store: SearchStore) -> None:
        """
        Drive ``store``, under an id prefix of this run's own.
        """
        super().__init__()
        self.store = store
        self.prefix = f"machine-{next(self._runs)}-"
        self.model: dict[str, _Held] = {}
        self.start = store.last_sequence()
        self.highest = self.start
        self.pool: tuple[Search, ...] = _SAMPLES

    @classmethod
    def bind(cls, make_store: Callable[[], SearchStore]) -> type[StoreStateMachine]:
        """
        Return a machine class that builds its store with ``make_store`` for every run.

        Hypothesis builds a machine per run without arguments; the returned
        class does, and has the usual ``TestCase`` attribute for unittest.

        Args:
            make_store: Returns the store to drive (a fresh one, or a shared one).

        Returns:
            A subclass of :class:`StoreStateMachine`.
        """

        class Bound(cls):  # type: ignore[valid-type,misc]
            def __init__(self) -> None:
                super().__init__(make_store())

        name = getattr(make_store, "__qualname__", type(make_store).__qualname__)
        Bound.__name__ = Bound.__qualname__ = f"{cls.__name__}[{name}]"
        return Bound

    # -- helpers ---------------------------------------------------------------------------

    @initialize(randoms=st.lists(searches(max_size=2, max_events=3), max_size=3))
    def draw_searches(self, randoms: list[Search]) -> None:
        """
        Add a few random searches (custom pipelines, notes in any script) to the pool.
        """
        self.pool = (*_SAMPLES, *randoms)

    def _search(self, pick: int) -> Search:
        return self.pool[pick % len(self.pool)]

    def _id(self, key: str) -> str:
        return self.prefix + key

    def _mine(self, search_id: str) -> bool:
        return search_id.startswith(self.prefix)

    def _expected_version(self, search_id: str, how: str) -> int:
        """
        The version a write claims to replace: right, stale, 0 (an add) or a made-up one.
        """
        held = self.model.get(search_id)
        actual = 0 if held is None else held.version
        if how == "fresh":
            return actual
        if how == "zero":
            return 0
        if how == "missing":
            return actual + 7
        return actual + 1 if actual <= 1 else actual - 1

    def _refusal(self, search_id: str, expected: int) -> type[StorageError] | None:
        """
        The error a write expecting ``expected`` must raise, or ``None`` if it must succeed.
        """
        held = self.model.get(search_id)
        actual = 0 if held is None else held.version
        if expected == actual:
            return None
        if expected == 0:
            return DuplicateSearchError
        if actual == 0:
            return SearchNotFoundError
        return ConflictError

    def _accept(self, records: tuple[StoredSearch, ...], writes: tuple[Write, ...]) -> None:
        """
        Check what a successful write returned, and record it in the model.
        """
        assert len(writes) == len(records), "save_many must return one record per write"
        for write, record in zip(writes, records, strict=True):
            assert write.search_id == record.id
            assert write.expected_version + 1 == record.version, "a write adds 1 to the version"
            assert write.search == record.search
            assert record.sequence > self.highest, (
                f"sequence {record.sequence} of {record.id!r} is not above {self.highest}, "
                "a number the store stamped before"
            )
            self.highest = record.sequence
            self.model[record.id] = _Held(
                version=record.version, sequence=record.sequence, search=record.search
            )

    @contextmanager
    def _refused(self, error: type[BaseException]) -> Iterator[None]:
        """
        Expect ``error`` (exactly the protocol's class, or a subclass of it).
        """
        try:
            yield
        except error:
            return
        msg = f"expected {error.__name__}, but the write succeeded"
        raise AssertionError(msg)

    def _check_refusal(self, search_id: str, error: StorageError) -> None:
        """
        Check that a refusal names the search and, for a conflict, both versions.
        """
        assert isinstance(error, ConflictError | SearchNotFoundError), repr(error)
        assert search_id == error.search_id
        if isinstance(error, ConflictError):
            held = self.model.get(search_id)
            assert (0 if held is None else held.version) == error.actual_version

    # -- rules: writes ---------------------------------------------------------------------

    @rule(key=_keys, pick=_picks)
    def add(self, key: str, pick: int) -> None:
        """
        Add a search; an id already taken must be refused with DuplicateSearchError.
        """
        search = self._search(pick)
        search_id = self._id(key)
        held = self.model.get(search_id)
        if held is not None:
            try:
                self.store.add(search_id, search)
            except DuplicateSearchError as error:
                assert search_id == error.search_id
                assert held.version == error.actual_version
                return
            msg = f"adding {search_id!r} twice was not refused"
            raise AssertionError(msg)
        record = self.store.add(search_id, search)
        self._accept((record,), (Write(search_id=search_id, search=search, expected_version=0),))

    @rule(key=_keys, pick=_picks, how=_expectations)
    def save(self, key: str, pick: int, how: str) -> None:
        """
        Save with a fresh, stale, zero or made-up expected version.
        """
        search = self._search(pick)
        search_id = self._id(key)
        expected = self._expected_version(search_id, how)
        refusal = self._refusal(search_id, expected)
        if refusal is None:
            record = self.store.save(search_id, search, expected_version=expected)
            self._accept(
                (record,),
                (Write(search_id=search_id, search=search, expected_version=expected),),
            )
            return
        try:
            self.store.save(search_id, search, expected_version=expected)
        except refusal as error:
            self._check_refusal(search_id, error)
            assert expected == getattr(error, "expected_version", expected)
            return
        msg = f"a save of {search_id!r} expecting version {expected} was not refused"
        raise AssertionError(msg)

    @rule(
        keys=st.lists(_keys, min_size=1, max_size=4, unique=True),
        data=st.data(),
        stale=st.none() | st.integers(0, 3),
    )
    def save_many(self, keys: list[str], data: st.DataObject, stale: int | None) -> None:
        """
        Write a batch; one stale write in it must keep every write of it out.
        """
        writes = []
        for position, key in enumerate(keys):
            search_id = self._id(key)
            how = "fresh" if stale != position else data.draw(_expectations.filter("fresh".__ne__))
            writes.append(
                Write(
                    search_id=search_id,
                    search=self._search(data.draw(_picks)),
                    expected_version=self._expected_version(search_id, how),
                )
            )
        batch = tuple(writes)
        refusals = [self._refusal(w.search_id, w.expected_version) for w in batch]
        if not any(refusals):
            self._accept(self.store.save_many(batch), batch)
            return
        try:
            self.store.save_many(batch)
        except StorageError as error:
            assert any(isinstance(error, r) for r in refusals if r is not None), repr(error)
            self._check_refusal(error.search_id, error)  # type: ignore[attr-defined]
            return
        msg = "a batch with a stale write was not refused"
        raise AssertionError(msg)

    @rule(
        keys=st.lists(_keys, min_size=1, max_size=4, unique=True),
        data=st.data(),
        method=st.sampled_from(["save_many", "save"]),
    )
    def failed_write(self, keys: list[str], data: st.DataObject, method: str) -> None:
        """
        A write that fails inside the store (the Nth search of it) must leave no trace.
        """
        batch = tuple(
            Write(
                search_id=self._id(key),
                search=self._search(data.draw(_picks)),
                expected_version=self._expected_version(self._id(key), "fresh"),
            )
            for key in keys
        )
        if method == "save":
            batch = batch[:1]
        fail_at = data.draw(st.integers(1, len(batch)), label="fail_at")
        faulty = FaultyStore(self.store, fail_at=fail_at)
        try:
            if method == "save":
                write = batch[0]
                faulty.save(write.search_id, write.search, expected_version=write.expected_version)
            else:
                faulty.save_many(batch)
        except FaultNotInjectedError:
            raise
        except Exception as error:  # noqa: BLE001 - any failure will do, if the fault caused it
            assert caused_by_fault(error), f"the write failed, but not from the fault: {error!r}"

    @rule(key=_keys, how=st.sampled_from(["fresh", "stale", "any"]))
    def delete(self, key: str, how: str) -> None:
        """
        Delete with a fresh, stale or no expected version.
        """
        search_id = self._id(key)
        held = self.model.get(search_id)
        expected = None if how == "any" else self._expected_version(search_id, how)
        if held is None:
            with self._refused(SearchNotFoundError):
                self.store.delete(search_id, expected_version=None if expected is None else 3)
            return
        if expected is not None and expected != held.version:
            try:
                self.store.delete(search_id, expected_version=expected)
            except ConflictError as error:
                assert held.version == error.actual_version
                return
            msg = f"deleting {search_id!r} expecting version {expected} was not refused"
            raise AssertionError(msg)
        self.store.delete(search_id, expected_version=expected)
        del self.model[search_id]

    # -- rules: reads ----------------------------------------------------------------------

    @rule(key=_keys)
    def get(self, key: str) -> None:
        """
        Read one search: exactly what the model holds, or SearchNotFoundError.
        """
        search_id = self._id(key)
        held = self.model.get(search_id)
        if held is None:
            with self._refused(SearchNotFoundError):
                self.store.get(search_id)
            return
        self._check_record(search_id, held)

    @rule(data=st.data())
    def changed_since(self, data: st.DataObject) -> None:
        """
        Ask what changed after a sequence number seen before: exactly the later writes.
        """
        # Draw a position, not a number: the numbers themselves depend on the store.
        held = [self.model[search_id] for search_id in sorted(self.model)]
        points = [self.start, self.highest]
        points += [h.sequence for h in held] + [h.sequence - 1 for h in held]
        cursor = points[data.draw(st.integers(0, len(points) - 1), label="cursor position")]
        actual = [entry for entry in self.store.changed_since(cursor) if self._mine(entry.id)]
        expected = sorted(
            (
                SearchEntry(id=search_id, version=held.version, sequence=held.sequence)
                for search_id, held in self.model.items()
                if held.sequence > cursor
            ),
            key=lambda entry: entry.sequence,
        )
        assert expected == actual

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data(), live_only=st.booleans())
    def find_opportunities(self, data: st.DataObject, live_only: bool) -> None:  # noqa: FBT001
        """
        Query opportunities by stage and liveness: exactly the model's.
        """
        stages = sorted(
            {o.stage for held in self.model.values() for o in held.search.opportunities}
        )
        stage = data.draw(st.sampled_from([None, "no-such-stage", *stages]), label="stage")
        actual = [
            entry
            for entry in self.store.find_opportunities(stage=stage, live_only=live_only)
            if self._mine(entry.search_id)
        ]
        expected = [
            OpportunityEntry(
                search_id=search_id,
                search_version=held.version,
                opportunity_id=opportunity.id,
                position=position,
                stage=opportunity.stage,
                live=opportunity.is_live,
            )
            for search_id, held in sorted(self.model.items())
            for position, opportunity in enumerate(held.search.opportunities)
            if (stage is None or opportunity.stage == stage)
            and (opportunity.is_live or not live_only)
        ]
        assert expected == actual

    # -- invariants ------------------------------------------------------------------------

    @invariant()
    def listing_matches_the_model(self) -> None:
        """
        The listing holds exactly the model's ids, versions and sequence numbers, by id.
        """
        actual = [entry for entry in self.store.list_searches() if self._mine(entry.id)]
        expected = [
            SearchEntry(id=search_id, version=held.version, sequence=held.sequence)
            for search_id, held in sorted(self.model.items())
        ]
        assert expected == actual

    @invariant()
    def sequence_never_goes_back(self) -> None:
        """
        The last sequence number is at least every number stamped so far.
        """
        last = self.store.last_sequence()
        assert last >= self.highest, f"last_sequence() {last} is below {self.highest}, seen before"
        self.highest = last

    def teardown(self) -> None:
        """
        Read every search the model holds: nothing lost, nothing corrupted.
        """
        for search_id, held in self.model.items():
            self._check_record(search_id, held)

    def _check_record(self, search_id: str, held: _Held) -> None:
        expected = StoredSearch(
            id=search_id, version=held.version, sequence=held.sequence, search=held.search
        )
        assert expected == self.store.get(search_id)
