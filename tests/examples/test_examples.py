"""Every script in examples/ runs as it is and prints something worth reading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[2] / "examples"


def run(name: str) -> str:
    result = subprocess.run(  # noqa: S603 - runs our own example with our own interpreter
        [sys.executable, str(EXAMPLES / name), *ARGUMENTS.get(name, [])],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_every_example_has_a_test() -> None:
    """A new example script needs a test here (this list is checked against the folder)."""
    scripts = sorted(path.name for path in EXAMPLES.glob("*.py"))
    assert scripts == sorted(TESTED)


def test_after_the_interview_tells_the_story() -> None:
    """The article's story: one agency opportunity at round 2, silence, no new applications."""
    output = run("after_the_interview.py")
    assert "Company X, Operations Analyst" in output
    assert "interviewing (round 2)" in output
    assert "3 weeks 6 days" in output
    assert "came through:        agency recruiter" in output


TESTED = ["after_the_interview.py", "nightly_batch_dask.py"]
ARGUMENTS = {"nightly_batch_dask.py": ["--searches", "2000", "--workers", "2"]}
"""Options that keep a script's run short in the test suite."""


def test_nightly_batch_dask_prints_throughput_and_levels() -> None:
    """The Dask example scores every search and prints the throughput and the levels."""
    output = run("nightly_batch_dask.py")
    assert "Scored 2,000 searches in " in output
    assert " on 2 workers: " in output
    assert "searches per second." in output
    for level in ("critical", "high", "moderate", "low"):
        assert f"\n  {level} " in output
    assert "Most common findings:" in output


@pytest.mark.parametrize("name", TESTED)
def test_examples_are_quiet_on_stderr(name: str) -> None:
    """No example prints warnings or tracebacks."""
    run(name)
