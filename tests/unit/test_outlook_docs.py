"""
The outlook's documentation pages: every ```python block runs, in order, in one namespace per page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = ["explanation/outlook.md", "how-to/calibrate.md"]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("page", PAGES)
def test_page_snippets_run(page: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each snippet of the page runs as written after the ones before it."""
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    namespace: dict[str, object] = {"__name__": f"docs_{page}"}
    for number, block in enumerate(blocks):
        code = compile(block, f"{page} block {number}", "exec")
        exec(code, namespace)  # noqa: S102 - running our own documentation is the point
    capsys.readouterr()
    assert len(blocks) > 3
