"""Every ```python block in the README and the docs runs as written.

Blocks on one page run in order, in one namespace, like a reader typing them in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
PAGES = [page for page in PAGES if "_build" not in page.parts]
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_there_are_pages_with_snippets() -> None:
    """The collection below is not silently empty."""
    assert sum(len(BLOCK.findall(page.read_text(encoding="utf-8"))) for page in PAGES) >= 5


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_page_snippets_run(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each page's python blocks run top to bottom without an error."""
    namespace: dict[str, object] = {"__name__": f"snippets_{page.stem}"}
    for number, block in enumerate(BLOCK.findall(page.read_text(encoding="utf-8")), start=1):
        code = compile(block, f"{page.relative_to(ROOT)} block {number}", "exec")
        exec(code, namespace)  # noqa: S102 - executing our own documentation is the point
    capsys.readouterr()
