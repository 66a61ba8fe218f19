"""The package surface: what importing it loads, and what it exports."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc


def test_import_loads_no_optional_dependency() -> None:
    """Importing the package loads no pandas, numpy, hypothesis or matplotlib."""
    code = (
        "import pipeline_core, sys; print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'pandas','numpy','hypothesis','matplotlib'}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_all_is_unique_and_complete() -> None:
    """__all__ has no duplicates (ruff keeps it sorted) and every name in it exists."""
    assert len(set(pc.__all__)) == len(pc.__all__)
    for name in pc.__all__:
        assert hasattr(pc, name), name


def test_public_names_are_documented() -> None:
    """Every exported class and function has a docstring."""
    for name in pc.__all__:
        value = getattr(pc, name)
        if isinstance(value, type) or callable(value):
            assert (value.__doc__ or "").strip(), name


@given(st.from_type(pc.Search), st.from_type(pc.Offer), st.from_type(pc.PipelineDefinition))
def test_the_kit_is_registered_with_hypothesis(
    search: pc.Search, offer: pc.Offer, pipeline: pc.PipelineDefinition
) -> None:
    """st.from_type works for domain types through the hypothesis entry point."""
    assert isinstance(search, pc.Search)
    assert isinstance(offer, pc.Offer)
    assert pipeline.stages[0].kind is pc.StageKind.PROSPECT


@given(st.from_type(pc.Stage), st.from_type(pc.Goals), st.from_type(pc.Opportunity))
def test_the_kit_draws_every_type(
    stage: pc.Stage, goals: pc.Goals, opportunity: pc.Opportunity
) -> None:
    """Stages, goals and opportunities are drawn valid."""
    assert stage.name
    assert goals.min_live is None or goals.min_live >= 0
    assert opportunity.state().events_seen == len(opportunity.events)
