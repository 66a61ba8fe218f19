"""The article's example prints the risk report, and shows what keeping on applying changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parents[2] / "examples" / "after_the_interview.py"


def _output() -> str:
    result = subprocess.run(  # noqa: S603 - runs our own example with our own interpreter
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, check=False, timeout=300
    )
    assert (0, "") == (result.returncode, result.stderr)
    return result.stdout


def test_the_story_prints_reports_that_worsen_then_improve() -> None:
    """Critical after the tour, worse four weeks on, lower had the candidate kept going."""
    output = _output()
    for line in (
        "Search risk 77/100: CRITICAL",
        "Search risk 89/100: CRITICAL",
        "Search risk 74/100: HIGH",
        "Risk on 27 October: 89/100 (critical) waiting, 74/100 (high) still searching.",
        "Counting on an unsigned offer [unsigned-certainty]",
        "Company X, Operations Analyst",
    ):
        assert line in output
