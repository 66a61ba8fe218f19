"""
The kit fails a broken adapter fast, with the default hypothesis settings, naming the promise.

Each broken store (one that loses every tenth save, one that ignores the expected version,
one whose reads are stale) runs through the whole ``StoreContract`` in a separate pytest
process with hypothesis' own defaults (no profile of ours): the run must end within a
minute, and the failed tests must include the ones whose names say which promise broke. The
kit keeps it fast by not shrinking (``StoreContract.shrink``): its deterministic tests run
first and name the promise; the property tests and the state machine add a failing example.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import Phase

from pipeline_core.testing.contract import StoreContract

pytest_plugins = ["pytester"]

HERE = Path(__file__).parent

CONTRACT_FOR = """
import pytest
from hypothesis import Phase

from pipeline_core.testing.contract import StoreContract
from pipeline_core.testing.contract import StoreContract
from storage_lossy_stores import {name}
from storage_broken_stores import VersionBlindStore


class Test{name}(StoreContract):
    threads = 0

    @pytest.fixture
    def store(self):
        return {name}()
"""


def run_contract(pytester: pytest.Pytester, name: str) -> tuple[set[str], float]:
    pytester.makepyfile(
        storage_broken_stores=(HERE / "storage_broken_stores.py").read_text(encoding="utf-8"),
        storage_lossy_stores=(HERE / "storage_lossy_stores.py").read_text(encoding="utf-8"),
        **{f"test_{name.lower()}": CONTRACT_FOR.format(name=name)},
    )
    started = time.monotonic()
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", timeout=300)
    elapsed = time.monotonic() - started
    failed = {
        line.split("::")[-1].split(" - ")[0]
        for line in result.outlines
        if line.startswith("FAILED ")
    }
    assert "PLEASE REPORT THIS" not in result.stdout.str()
    return failed, elapsed


@pytest.mark.parametrize(
    ("name", "promises"),
    [
        ("EveryTenthSaveLostStore", {"test_the_state_machine_finds_nothing_wrong"}),
        ("VersionBlindStore", {"test_stale_save_is_refused", "test_stale_save_writes_nothing"}),
        (
            "StaleReadStore",
            {
                "test_update_search_retries_after_a_conflict",
                "test_the_state_machine_finds_nothing_wrong",
            },
        ),
    ],
)
def test_a_broken_store_fails_the_kit_within_a_minute(
    pytester: pytest.Pytester, name: str, promises: set[str]
) -> None:
    failed, elapsed = run_contract(pytester, name)
    assert promises <= failed
    assert elapsed < 60, f"the kit took {elapsed:.0f} s to fail {name}"


def test_shrinking_and_the_example_cap_are_the_adapters_choice() -> None:
    class Debugging(StoreContract):
        shrink = True
        max_examples = 3

    class Default(StoreContract):
        pass

    debugging, default = Debugging()._settings(), Default()._settings()
    assert (True, 3) == (Phase.shrink in debugging.phases, debugging.max_examples)
    assert Phase.shrink not in default.phases
