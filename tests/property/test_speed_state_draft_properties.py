"""Replayed states are frozen from a slotted draft: the same objects attrs would build."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given

import pipeline_core as pc
from pipeline_core import replay as history
from pipeline_core.replay import OpportunityState
from pipeline_core.testing import instants, searches


def test_the_state_draft_has_exactly_the_slots_of_the_state() -> None:
    """A draft can only become a state if their slots are the same: one per attrs field."""
    fields = {field.name for field in attrs.fields(OpportunityState)}
    slots = set(vars(history._StateDraft)["__slots__"])
    assert (fields, fields) == (slots, set(vars(OpportunityState)["__slots__"]))


@given(searches(max_size=5), instants())
def test_a_state_frozen_from_a_draft_equals_one_built_by_attrs(
    search: pc.Search, when: dt.datetime
) -> None:
    """Every replayed state equals the state attrs builds from the same values, and is frozen."""
    for state in search.states(when):
        assert type(state) is OpportunityState
        rebuilt = OpportunityState(**attrs.asdict(state, recurse=False))
        assert rebuilt == state
        assert hash(rebuilt) == hash(state)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            state.stage = "elsewhere"  # type: ignore[misc]
