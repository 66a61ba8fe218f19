"""The Dask example: distributed scoring gives the serial results, search by search."""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("dask.distributed")

from dask.distributed import Client, LocalCluster

SCRIPT = Path(__file__).parents[2] / "examples" / "nightly_batch_dask.py"


@pytest.fixture(scope="module")
def example() -> ModuleType:
    """The example script, loaded as a module (examples are not a package)."""
    spec = importlib.util.spec_from_file_location("nightly_batch_dask", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def client(example: ModuleType) -> Iterator[Client]:
    """A cluster of two worker processes that can import the example, for these tests."""
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as connected,  # type: ignore[no-untyped-call]
    ):
        connected.upload_file(str(SCRIPT))  # the workers import it as the client does
        assert example.__name__ == SCRIPT.stem
        yield connected


def test_distributed_scores_equal_serial_scores(example: ModuleType, client: Client) -> None:
    """2,000 searches scored on two workers give the serial rows, search by search."""
    expected = example.score_serial(2_000)
    actual = example.score_distributed(client, 2_000)
    assert 2_000 == len(actual)
    assert expected == actual


def test_the_population_is_seeded(example: ModuleType) -> None:
    """The same number and seed give the same search; another seed another one."""
    assert example.search_dict(7) == example.search_dict(7)
    assert example.search_dict(7) != example.search_dict(7, seed=1)


def test_the_script_runs_on_an_existing_cluster_by_address(client: Client) -> None:
    """``--address`` joins a running cluster instead of starting one."""
    address = str(client.scheduler_info()["address"])
    result = subprocess.run(  # noqa: S603 - our own example with our own interpreter
        [sys.executable, str(SCRIPT), "--searches", "600", "--address", address],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (0, "") == (result.returncode, result.stderr)
    assert "Scored 600 searches in " in result.stdout
    assert " on 2 workers: " in result.stdout
