"""
Every entry point checks its options once, the same way: the same errors, types and paths.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable
from typing import Any

import pytest

import pipeline_core as pc
from pipeline_core.engine import MAX_HORIZON
from pipeline_core.exceptions import InputError
from pipeline_core.testing.samples import sample_search

AS_OF = dt.datetime(2026, 11, 3, tzinfo=dt.UTC)


def other_pipeline() -> pc.PipelineDefinition:
    """The default pipeline without its final round: another definition."""
    stages = tuple(stage for stage in pc.DEFAULT_PIPELINE.stages if stage.name != "final_round")
    transitions = tuple(
        pair for pair in pc.DEFAULT_PIPELINE.transitions if "final_round" not in pair
    )
    return pc.PipelineDefinition(name="short", stages=stages, transitions=transitions)


def test_a_horizon_beyond_ten_years_is_refused() -> None:
    """A horizon of 3655 days is longer than the longest, 3650 days: refused, naming the horizon."""
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


# -- every entry point: the same options, the same checks --------------------------------------

Run = Callable[..., object]

ENTRY_POINTS: dict[str, Run] = {
    "assess": lambda **options: pc.assess(sample_search(), as_of=AS_OF, **options),
    "Assessor": lambda **options: pc.Assessor(as_of=AS_OF, **options),
    "assess_many": lambda **options: pc.assess_many([sample_search()], as_of=AS_OF, **options),
    "risk_history": lambda **options: pc.risk_history(
        sample_search(), start=AS_OF, end=AS_OF, **options
    ),
    "forecast": lambda **options: pc.forecast(sample_search(), as_of=AS_OF, **options),
}
"""Each entry point, called with the given options (``Assessor``: only built, never called)."""

ENGINE = ("assess", "Assessor", "assess_many", "risk_history")
"""The entry points that take every option (``forecast`` takes no rules)."""

BAD_OPTIONS: list[tuple[str, object, type[InputError]]] = [
    ("horizon", dt.timedelta(days=3655), pc.InvalidValueError),
    ("horizon", MAX_HORIZON + dt.timedelta(microseconds=1), pc.InvalidValueError),
    ("horizon", dt.timedelta(0), pc.InvalidValueError),
    ("horizon", dt.timedelta(days=-1), pc.InvalidValueError),
    ("horizon", 30, pc.WrongTypeError),
    ("horizon", "30 days", pc.WrongTypeError),
    ("rules", "default", pc.WrongTypeError),
    ("rules", pc.default_rules().rules, pc.WrongTypeError),
    ("model", "default", pc.WrongTypeError),
    ("model", {"stages": []}, pc.WrongTypeError),
]


def _refusal(run: Run, name: str, value: object) -> InputError:
    with pytest.raises(InputError) as caught:
        run(**{name: value})
    return caught.value


@pytest.mark.parametrize(("name", "value", "error"), BAD_OPTIONS)
@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_every_entry_point_refuses_a_bad_option_with_the_same_error(
    entry: str, name: str, value: object, error: type[InputError]
) -> None:
    """A bad horizon, rule set or model: the same error type and path from every entry point."""
    if entry == "forecast" and name == "rules":
        pytest.skip("forecast takes no rules")
    refused = _refusal(ENTRY_POINTS[entry], name, value)
    assert type(refused) is error
    assert refused.path == name


@pytest.mark.parametrize(("name", "value", "error"), BAD_OPTIONS)
def test_the_engine_entry_points_give_one_message_for_a_bad_option(
    name: str, value: object, error: type[InputError]
) -> None:
    """assess, Assessor, assess_many and risk_history refuse an option with the same message."""
    messages = {entry: str(_refusal(ENTRY_POINTS[entry], name, value)) for entry in ENGINE}
    assert len(set(messages.values())) == 1, messages
    assert type(_refusal(ENTRY_POINTS["assess"], name, value)) is error


def test_the_longest_horizon_is_accepted_everywhere() -> None:
    """Exactly ten years (3650 days) is accepted by every entry point, and the Assessor runs."""
    for entry in sorted(ENTRY_POINTS):
        ENTRY_POINTS[entry](horizon=MAX_HORIZON)
    assessor = pc.Assessor(as_of=AS_OF, horizon=MAX_HORIZON)
    assert assessor(sample_search())["horizon_days"] == 3650


def test_the_assessor_refuses_a_bad_horizon_when_built() -> None:
    """Assessor(as_of=..., horizon=3655 days) fails at once, not on every call."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Assessor(as_of=AS_OF, horizon=dt.timedelta(days=3655))
    assert caught.value.path == "horizon"


def test_assess_dict_refuses_a_horizon_beyond_ten_years_in_days() -> None:
    """assess_dict takes days: 3650 is accepted, 3655 refused, naming horizon_days."""
    data = sample_search().to_dict()
    assert pc.assess_dict(data, as_of=AS_OF.isoformat(), horizon_days=3650)["horizon_days"] == 3650
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.assess_dict(data, as_of=AS_OF.isoformat(), horizon_days=3655)
    assert caught.value.path == "horizon_days"


def test_the_assessors_options_are_its_own_and_survive_pickling() -> None:
    """An Assessor holds its checked options; a pickled copy holds equal ones."""
    rules = pc.default_rules()
    assessor = pc.Assessor(as_of=AS_OF, horizon=dt.timedelta(days=7), rules=rules)
    options: Any = assessor.options
    assert (options.horizon, options.rules, options.model) == (
        dt.timedelta(days=7),
        rules,
        None,
    )
    copy = pickle.loads(pickle.dumps(assessor))  # noqa: S301 - our own object
    assert copy == assessor
    assert copy.options == options
