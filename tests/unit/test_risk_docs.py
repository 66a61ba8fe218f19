"""The risk engine's documentation pages run as written, and its catalog covers the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pipeline_core as pc

DOCS = Path(__file__).parents[2] / "docs"
PAGES = ["explanation/risk-model.md", "how-to/custom-rules.md", "reference/rules.md"]
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", PAGES)
def test_page_snippets_run_in_order(page: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each page's python blocks run top to bottom in one namespace, like a reader typing."""
    namespace: dict[str, object] = {"__name__": "snippets"}
    for number, block in enumerate(BLOCK.findall((DOCS / page).read_text("utf-8")), start=1):
        exec(compile(block, f"{page} block {number}", "exec"), namespace)  # noqa: S102
    capsys.readouterr()


def test_the_reference_renders_the_generated_catalog() -> None:
    """The reference page uses the directives that build the tables from the code."""
    text = (DOCS / "reference" / "rules.md").read_text("utf-8")
    for directive in ("risk-rule-catalog", "risk-rule-parameters", "risk-fact-registry"):
        assert f"```{{{directive}}}" in text


def test_every_parameter_names_the_source_of_its_default() -> None:
    """No default without a source: a publication and year, the SPEC, or a judgment call."""
    missing = [
        (rule.id, spec.name)
        for rule in pc.BUILTIN_RULES.values()
        for spec in rule.parameter_specs()
        if not spec.source.strip()
    ]
    assert [] == missing
