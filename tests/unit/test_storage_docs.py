"""
The how-to's adapter really passes the kit (tests/docs runs every page's snippets).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
HOW_TO = "how-to/storage-adapter.md"

pytest_plugins = ["pytester"]


def python_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def test_the_how_to_adapter_passes_the_whole_contract(pytester: pytest.Pytester) -> None:
    """
    The page's adapter and test class, saved as a test module, pass every test of the kit.
    """
    pytester.makepyfile(test_dict_store="\n\n".join(python_blocks(HOW_TO)))
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", timeout=600)
    outcomes = result.parseoutcomes()
    assert (0, 0) == (outcomes.get("failed", 0), outcomes.get("errors", 0))
    assert outcomes["passed"] >= 75
