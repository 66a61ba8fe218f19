"""Every entry point accepts and refuses the same horizons, with the same error."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.engine import MAX_HORIZON
from pipeline_core.exceptions import InputError
from pipeline_core.testing.samples import sample_search

AS_OF = dt.datetime(2026, 11, 3, tzinfo=dt.UTC)
SEARCH = sample_search()

HORIZONS = st.one_of(
    st.timedeltas(min_value=dt.timedelta(days=-10), max_value=dt.timedelta(days=4_000)),
    st.sampled_from(
        [
            dt.timedelta(0),
            dt.timedelta(microseconds=1),
            MAX_HORIZON,
            MAX_HORIZON + dt.timedelta(microseconds=1),
            dt.timedelta(days=3_655),
            dt.timedelta(days=3_660),
        ]
    ),
    st.integers(-5, 5000),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.none(),
)


def _outcome(run: object) -> tuple[type[BaseException], str, str] | None:
    """None when ``run`` succeeds; else the error's type, path and message."""
    assert callable(run)
    try:
        run()
    except InputError as error:
        return type(error), error.path, str(error)
    return None


@given(HORIZONS)
def test_every_entry_point_agrees_on_a_horizon(horizon: Any) -> None:
    """assess, Assessor, assess_many, risk_history and forecast accept or refuse it together."""
    runs = {
        "assess": lambda: pc.assess(SEARCH, as_of=AS_OF, horizon=horizon),
        "Assessor": lambda: pc.Assessor(as_of=AS_OF, horizon=horizon),
        "assess_many": lambda: pc.assess_many([SEARCH], as_of=AS_OF, horizon=horizon),
        "risk_history": lambda: pc.risk_history(
            SEARCH,
            start=AS_OF,
            end=AS_OF,
            horizon=horizon,
        ),
    }
    outcomes = {name: _outcome(run) for name, run in runs.items()}
    assert len(set(outcomes.values())) == 1, outcomes
    refused = outcomes["assess"]
    accepted = isinstance(horizon, dt.timedelta) and dt.timedelta(0) < horizon <= MAX_HORIZON
    assert (refused is None) == accepted
    if refused is not None:
        assert refused[1] == "horizon"
    forecast = _outcome(lambda: pc.forecast(SEARCH, as_of=AS_OF, horizon=horizon))
    assert (forecast is None) == accepted
    if forecast is not None and refused is not None:
        assert forecast[:2] == refused[:2]
