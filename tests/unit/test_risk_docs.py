"""The rule catalog in the docs is generated from the code and covers it.

The pages' snippets run in tests/docs/test_snippets.py, with every other page.
"""

from __future__ import annotations

from pathlib import Path

import pipeline_core as pc

DOCS = Path(__file__).parents[2] / "docs"


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
