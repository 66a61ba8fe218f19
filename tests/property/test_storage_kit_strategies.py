"""
The kit's strategies keep their options: what storage tests (ours and adapters') rely on.
"""

from __future__ import annotations

from hypothesis import given

import pipeline_core as pc
from pipeline_core.exceptions import InvalidValueError
from pipeline_core.testing import interchange_documents, opportunities, searches


@given(opportunity=opportunities(stage="interviewing"))
def test_opportunities_end_at_the_stage_asked_for(opportunity: pc.Opportunity) -> None:
    """
    opportunities(stage=...) ends live at that stage.
    """
    assert ("interviewing", True) == (opportunity.stage, opportunity.is_live)


@given(opportunity=opportunities(closed=True))
def test_closed_opportunities_have_an_outcome(opportunity: pc.Opportunity) -> None:
    """
    opportunities(closed=True) always ends with an outcome.
    """
    assert opportunity.outcome is not None


@given(search=searches(pipeline=pc.DEFAULT_PIPELINE, max_size=2))
def test_searches_keep_a_fixed_pipeline(search: pc.Search) -> None:
    """
    searches(pipeline=...) uses that definition.
    """
    assert pc.DEFAULT_PIPELINE == search.pipeline


@given(document=interchange_documents(max_size=2))
def test_interchange_documents_decode(document: dict[str, object]) -> None:
    """
    Every drawn document is valid interchange data that stores can decode.
    """
    assert document == pc.Search.from_dict(document).to_dict()


def test_an_error_at_an_empty_prefix_is_unchanged() -> None:
    """
    Prefixing an error's path with nothing returns the same error.
    """
    error = InvalidValueError("bad", path="id", received="", allowed="text")
    assert error is error.at("")
