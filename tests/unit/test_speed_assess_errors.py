"""
``assess`` checks its arguments once, then runs the unchecked work: its errors are unchanged.
"""

from __future__ import annotations

import datetime as dt

import pytest

import pipeline_core as pc
from pipeline_core.testing.samples import sample_search

AS_OF = dt.datetime(2026, 11, 3, tzinfo=dt.UTC)


def other_pipeline() -> pc.PipelineDefinition:
    """The default pipeline without its final round: another definition."""
    stages = tuple(stage for stage in pc.DEFAULT_PIPELINE.stages if stage.name != "final_round")
    transitions = tuple(
        pair for pair in pc.DEFAULT_PIPELINE.transitions if "final_round" not in pair
    )
    return pc.PipelineDefinition(name="short", stages=stages, transitions=transitions)


def test_a_horizon_beyond_the_outlooks_range_is_refused() -> None:
    """A horizon of 3655 days passes assess's own check but not the outlook's: refused."""
    with pytest.raises(pc.InvalidValueError) as info:
        pc.assess(sample_search(), as_of=AS_OF, horizon=dt.timedelta(days=3655))
    assert info.value.path == "horizon"


def test_a_model_of_another_type_is_refused() -> None:
    """A model that is not an OutlookModel is refused, naming the model."""
    with pytest.raises(pc.WrongTypeError) as info:
        pc.assess(sample_search(), as_of=AS_OF, model="default")  # type: ignore[arg-type]
    assert info.value.path == "model"


def test_a_model_for_another_pipeline_is_refused() -> None:
    """A model built for another pipeline definition is refused, naming its stages."""
    model = pc.OutlookModel.for_pipeline(other_pipeline())
    with pytest.raises(pc.InvalidValueError) as info:
        pc.assess(sample_search(), as_of=AS_OF, model=model)
    assert info.value.path == "model.stages"
