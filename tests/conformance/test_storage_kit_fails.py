"""
The conformance kit can fail: run against deliberately broken stores, it catches each one.

A kit that passes everything proves nothing. Here the whole ``StoreContract`` runs,
through pytest's own ``pytester``, against stores that ignore versions, drop a field,
or write batches piecemeal, and the tests that must catch them fail; the state machine
alone catches them too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import Phase, settings
from hypothesis.stateful import run_state_machine_as_test
from storage_broken_stores import (
    FieldDroppingStore,
    NonAtomicBatchStore,
    UnencodedStore,
    VersionBlindStore,
)

from pipeline_core.memory import InMemoryStore
from pipeline_core.storage import SearchStore
from pipeline_core.testing.contract import sample_search
from pipeline_core.testing.faults import FaultNotInjectedError, FaultyStore
from pipeline_core.testing.stateful import StoreStateMachine

pytest_plugins = ["pytester"]

HERE = Path(__file__).parent

# Proving that a test fails needs no shrinking; derandomized, the proof is not flaky.
FIND_ONLY = settings(
    max_examples=100,
    derandomize=True,
    database=None,
    report_multiple_bugs=False,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
)

PROFILE = """
from hypothesis import Phase, settings

settings.register_profile(
    "find-only",
    max_examples=100,
    derandomize=True,
    database=None,
    report_multiple_bugs=False,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
)
settings.load_profile("find-only")
"""

CONTRACT_FOR = """
import pytest
from pipeline_core.testing.contract import StoreContract
from storage_broken_stores import {name}


class Test{name}(StoreContract):
    threads = 0

    @pytest.fixture
    def store(self):
        return {name}()
"""


def run_contract(pytester: pytest.Pytester, name: str, source: str = "") -> pytest.RunResult:
    """
    Run the whole contract against store class ``name`` in a separate pytest process.
    """
    pytester.makeconftest(PROFILE)
    pytester.makepyfile(
        storage_broken_stores=(HERE / "storage_broken_stores.py").read_text(encoding="utf-8"),
        **{f"test_{name.lower()}": source or CONTRACT_FOR.format(name=name)},
    )
    return pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", timeout=600)


def failed_tests(result: pytest.RunResult) -> set[str]:
    return {
        line.split("::")[-1].split(" - ")[0]
        for line in result.outlines
        if line.startswith("FAILED ")
    }


def test_contract_catches_a_store_that_ignores_versions(pytester: pytest.Pytester) -> None:
    """
    Stale saves, stale batches, stale deletes and duplicate adds all fail against it.
    """
    result = run_contract(pytester, "VersionBlindStore")
    assert {
        "test_add_of_a_taken_id_is_refused",
        "test_stale_save_is_refused",
        "test_stale_save_writes_nothing",
        "test_a_stale_write_keeps_the_whole_batch_out",
        "test_save_from_the_future_is_refused",
        "test_update_search_retries_after_a_conflict",
        "test_the_state_machine_finds_nothing_wrong",
    } <= failed_tests(result)


def test_contract_catches_a_store_that_drops_a_field(pytester: pytest.Pytester) -> None:
    """
    Round trips and the state machine fail against a store that loses the events' notes.
    """
    result = run_contract(pytester, "FieldDroppingStore")
    assert {
        "test_add_stores_version_one",
        "test_any_search_round_trips",
        "test_the_state_machine_finds_nothing_wrong",
    } <= failed_tests(result)


def test_contract_catches_a_batch_that_is_not_atomic(pytester: pytest.Pytester) -> None:
    """
    A batch written piecemeal fails the stale-batch and failed-batch tests.
    """
    result = run_contract(pytester, "NonAtomicBatchStore")
    assert {
        "test_a_stale_write_keeps_the_whole_batch_out",
        "test_a_missing_search_keeps_the_whole_batch_out",
        "test_failed_batch_writes_nothing[2]",
        "test_failed_batch_writes_nothing[3]",
    } <= failed_tests(result)


def test_contract_catches_a_store_that_never_encodes(pytester: pytest.Pytester) -> None:
    """
    A store that never calls to_dict() fails the failed-write tests with FaultNotInjectedError.
    """
    result = run_contract(pytester, "UnencodedStore")
    assert {
        "test_failed_add_stores_nothing",
        "test_failed_save_keeps_the_previous_version",
    } <= failed_tests(result)
    result.stdout.fnmatch_lines(["*FaultNotInjectedError*"])


def test_contract_passes_the_reference_store(pytester: pytest.Pytester) -> None:
    """
    The same harness, run on the in-memory store, fails nothing (the harness is fair).
    """
    source = CONTRACT_FOR.format(name="Reference").replace(
        "from storage_broken_stores import Reference",
        "from pipeline_core.memory import InMemoryStore as Reference",
    )
    result = run_contract(pytester, "Reference", source)
    assert (set(), 0) == (failed_tests(result), result.ret)


def test_contract_without_a_store_fixture_errors(pytester: pytest.Pytester) -> None:
    """
    Forgetting the fixture makes every test error with a message saying what to write.
    """
    pytester.makepyfile(
        test_forgot="""
from pipeline_core.testing.contract import StoreContract

class TestForgot(StoreContract):
    pass
"""
    )
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider", "-k", "empty_store")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*TestForgot must define a `store` fixture*"])


@pytest.mark.parametrize(
    "make_store", [VersionBlindStore, FieldDroppingStore, NonAtomicBatchStore, UnencodedStore]
)
def test_state_machine_catches_each_broken_store(make_store: type[SearchStore]) -> None:
    """
    The state machine alone, with a fresh broken store per run, finds a failing sequence.
    """
    with pytest.raises(AssertionError):  # FaultNotInjectedError is one too
        run_state_machine_as_test(StoreStateMachine.bind(make_store), settings=FIND_ONLY)


def test_state_machine_passes_a_fresh_in_memory_store_per_run() -> None:
    """
    Bound to a factory, the machine builds a fresh store per run and finds nothing wrong.
    """
    run_state_machine_as_test(StoreStateMachine.bind(InMemoryStore), settings=FIND_ONLY)


def test_faulty_store_reports_a_store_that_never_encodes() -> None:
    """
    FaultyStore raises FaultNotInjectedError when the store wrote without calling to_dict().
    """
    with pytest.raises(FaultNotInjectedError, match=r"search\.to_dict\(\)"):
        FaultyStore(UnencodedStore(), fail_at=1).add("ada", sample_search())
