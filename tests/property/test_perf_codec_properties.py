"""The codec's fast path decodes exactly what the slow path decodes, and fails the same way."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core import codec
from pipeline_core.testing import strategies as pst


def _slow(data: object) -> object:
    """The slow path's result, or the error it raises (class, path, message)."""
    try:
        return codec._opportunity_slow(data, pipeline=pc.DEFAULT_PIPELINE, path="")
    except pc.DecodeError as error:
        return (type(error), error.path, str(error))


def _fast(data: object) -> object:
    """The public decoder's result, or the error it raises (class, path, message)."""
    try:
        return codec.opportunity_from_dict(data)
    except pc.DecodeError as error:
        return (type(error), error.path, str(error))


@given(opportunity=pst.opportunities())
def test_fast_and_slow_paths_agree_on_valid_opportunities(opportunity: pc.Opportunity) -> None:
    """Every valid opportunity decodes to the same object on both paths."""
    data = opportunity.to_dict()
    assert _slow(data) == _fast(data)


@given(
    opportunity=pst.opportunities(),
    position=st.integers(min_value=0, max_value=20),
    key=st.sampled_from(["type", "at", "stage", "round", "note", "direction", "form", "x"]),
    value=pst.json_values(max_leaves=3),
)
def test_fast_and_slow_paths_agree_on_damaged_events(
    opportunity: pc.Opportunity, position: int, key: str, value: Any
) -> None:
    """An event with one key changed to any JSON value: the same result or the same error."""
    data = opportunity.to_dict()
    if data["events"]:
        event = data["events"][position % len(data["events"])]
        event[key] = value
    assert _slow(data) == _fast(data)


@given(
    opportunity=pst.opportunities(),
    key=st.sampled_from(["id", "source", "tags", "created_at", "events", "industry", "y"]),
    value=pst.json_values(max_leaves=3),
)
def test_fast_and_slow_paths_agree_on_damaged_opportunities(
    opportunity: pc.Opportunity, key: str, value: Any
) -> None:
    """An opportunity with one key changed to any JSON value: the same result or error."""
    data = opportunity.to_dict()
    data[key] = value
    assert _slow(data) == _fast(data)
