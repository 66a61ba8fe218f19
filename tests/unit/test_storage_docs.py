"""
The storage pages' code runs as written, and the how-to's adapter really passes the kit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = ["how-to/storage-adapter.md", "reference/storage.md"]

pytest_plugins = ["pytester"]


def python_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", PAGES)
def test_the_page_runs(page: str) -> None:
    """
    Every python block of the page runs, in order, in one namespace.
    """
    namespace: dict[str, object] = {"__name__": f"docs_{Path(page).stem.replace('-', '_')}"}
    blocks = python_blocks(page)
    assert blocks
    for block in blocks:
        exec(compile(block, str(DOCS / page), "exec"), namespace)  # noqa: S102 - our own docs


def test_the_how_to_adapter_passes_the_whole_contract(pytester: pytest.Pytester) -> None:
    """
    The page's adapter and test class, saved as a test module, pass every test of the kit.
    """
    pytester.makepyfile(test_dict_store="\n\n".join(python_blocks(PAGES[0])))
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", timeout=600)
    outcomes = result.parseoutcomes()
    assert (0, 0) == (outcomes.get("failed", 0), outcomes.get("errors", 0))
    assert outcomes["passed"] >= 75
