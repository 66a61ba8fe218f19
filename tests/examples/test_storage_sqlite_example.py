"""
``examples/sqlite_store.py`` runs as a script and tells its story.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "sqlite_store.py"


def run_script() -> str:
    result = subprocess.run(  # noqa: S603 - our own example, run by this interpreter
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True, timeout=120
    )
    assert "" == result.stderr
    return result.stdout


def test_the_script_saves_reloads_and_refuses_a_stale_save() -> None:
    """
    The output shows the save, the reload, the live opportunities and the refused save.
    """
    out = run_script()
    for line in (
        "Saved search 'ada': version 1, change #1, 2 opportunities.",
        "Reloaded it from disk: version 1, equal to what was saved: True.",
        "  live: company-x  at interviewing",
        "Tab one saved a change: now version 2, change #2.",
        (
            "Tab two's save was refused: search 'ada': expected version 1, but the store holds "
            "version 2"
        ),
        "Stored version is still 2; nothing was overwritten.",
        "Changed since #1: ['ada']",
    ):
        assert line in out
