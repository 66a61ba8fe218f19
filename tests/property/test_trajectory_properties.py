"""Replay over time equals a fresh assessment at every step, over generated searches."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.testing import instants, outlook_models, searches


@st.composite
def windows(draw: st.DrawFn, search: pc.Search) -> tuple[dt.datetime, dt.timedelta, int]:
    """A start, a step and a number of steps, often starting on or near an event's instant."""
    moments = [event.at for opportunity in search.opportunities for event in opportunity.events]
    near_an_event = draw(st.booleans())
    if moments and near_an_event:
        anchor = draw(st.sampled_from(moments))
        start = anchor - dt.timedelta(seconds=draw(st.sampled_from([0, 1, 3_600, 86_400 * 3])))
    else:
        start = draw(instants())
    step = dt.timedelta(seconds=draw(st.integers(1, 6 * 86_400)))
    return start, step, draw(st.integers(1, 6))


@given(data=st.data(), search=searches(max_size=5))
def test_each_point_equals_assess_at_its_instant(data: st.DataObject, search: pc.Search) -> None:
    """Score, level, findings and p_any_offer at each step are assess's at that instant."""
    start, step, count = data.draw(windows(search))
    end = start + step * (count - 1)
    history = pc.risk_history(search, start=start, end=end, step=step)
    expected = []
    for index in range(count):
        report = pc.assess(search, as_of=start + step * index)
        assert report.outlook is not None
        expected.append(
            (
                report.as_of,
                report.score,
                report.level,
                report.outlook.p_any_offer,
                tuple(finding.rule_id for finding in report.findings),
            )
        )
    actual = [
        (point.at, point.score, point.level, point.p_any_offer, point.findings) for point in history
    ]
    assert expected == actual


@given(data=st.data(), search=searches(max_size=4, pipeline=pc.DEFAULT_PIPELINE))
def test_points_equal_assess_with_a_custom_model_and_horizon(
    data: st.DataObject, search: pc.Search
) -> None:
    """With a drawn outlook model and horizon, the points still equal per-step assess."""
    model = data.draw(outlook_models())
    horizon = dt.timedelta(days=data.draw(st.integers(1, 120)))
    start, step, count = data.draw(windows(search))
    end = start + step * (count - 1)
    history = pc.risk_history(search, start=start, end=end, step=step, horizon=horizon, model=model)
    expected = []
    for point in history:
        report = pc.assess(search, as_of=point.at, horizon=horizon, model=model)
        assert report.outlook is not None
        expected.append((report.score, report.level, report.outlook.p_any_offer))
    assert expected == [(point.score, point.level, point.p_any_offer) for point in history]


@given(search=searches(max_size=5), when=instants())
def test_states_given_to_forecast_and_facts_change_nothing(
    search: pc.Search, when: dt.datetime
) -> None:
    """forecast and compute_facts with states= give what they give when they replay."""
    states = search.states(when)
    assert pc.forecast(search, as_of=when) == pc.forecast(search, as_of=when, states=states)
    assert pc.compute_facts(search, as_of=when) == pc.compute_facts(
        search, as_of=when, states=states
    )
