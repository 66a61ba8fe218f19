"""
Equivalence tests between each accelerated path and the plain path it stands for.

Each section belongs to the area that keeps the accelerated path.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.facts import compute_facts
from pipeline_core.outlook import forecast
from pipeline_core.outlook._rows import (
    OpportunityRecord,
    OpportunityRow,
    make_record,
    make_row,
)
from pipeline_core.replay import replay
from pipeline_core.report import RiskReport
from pipeline_core.testing import instants, outlook_models, searches

# -- the outlook: named rows built at tuple cost, assess's unchecked work, kept states -------

horizons = st.floats(0.5, 400.0).map(lambda days: dt.timedelta(days=days))
DAY = 86_400.0


def exact(value: Any) -> Any:
    """The value with every float replaced by its hex form, so that == compares the bits."""
    if isinstance(value, float):
        return ("float", value.hex())
    if isinstance(value, tuple | list):
        return tuple(exact(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, exact(item)) for key, item in value.items())
    return value


@given(st.data(), searches(max_size=8), instants(), horizons)
def test_rows_built_at_tuple_cost_equal_the_named_tuple_constructors(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime, horizon: dt.timedelta
) -> None:
    """make_record and make_row build what the keyword constructors build, of the same type."""
    model = data.draw(st.none() | outlook_models(pipeline=search.pipeline))
    outlook = forecast(search, as_of=as_of, horizon=horizon, model=model)
    for row in outlook.rows:
        checked = OpportunityRow(**row._asdict())
        assert type(row) is OpportunityRow
        assert exact(row) == exact(checked)
        assert exact(make_row(tuple(row))) == exact(checked)
        record = make_record(tuple(row)[: len(OpportunityRecord._fields)])
        assert type(record) is OpportunityRecord
        assert record == OpportunityRecord(**record._asdict()) == row.record()


@given(searches(max_size=8), st.data())
def test_the_kept_states_are_the_replayed_states(search: pc.Search, data: st.DataObject) -> None:
    """search.states(as_of) equals a fresh replay up to as_of, the states kept or not yet."""
    stamps = sorted(event.at for opportunity in search for event in opportunity.events)
    choices = [instants(), st.sampled_from(stamps)] if stamps else [instants()]
    as_of = data.draw(st.one_of(*choices))
    if data.draw(st.booleans(), label="kept"):
        for opportunity in search:
            opportunity.state()
    expected = tuple(
        replay(
            opportunity.events,
            opportunity.pipeline,
            created_ts=None
            if opportunity.created_at is None
            else opportunity.created_at.timestamp(),
            until_ts=as_of.timestamp(),
        )
        for opportunity in search
    )
    assert search.states(as_of) == expected
    assert search.states(as_of) == tuple(opportunity.state(as_of) for opportunity in search)


@given(st.data(), searches(max_size=8), instants(), horizons)
def test_assess_equals_the_checked_path(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime, horizon: dt.timedelta
) -> None:
    """assess gives the report the public, checking functions give, to the bit."""
    model = data.draw(st.none() | outlook_models(pipeline=search.pipeline))
    report = pc.assess(search, as_of=as_of, horizon=horizon, model=model)
    outlook = forecast(search, as_of=as_of, horizon=horizon, model=model)
    facts = compute_facts(
        search,
        as_of=as_of,
        horizon_days=horizon.total_seconds() / DAY,
        offer_chances=outlook.by_opportunity,
        p_no_offer=outlook.p_no_offer,
    )
    rules = pc.default_rules()
    score, level, findings = rules.evaluate(facts)
    expected = RiskReport(
        score=score,
        level=level,
        findings=findings,
        facts=facts,
        as_of=as_of,
        horizon=horizon,
        rules_identity=rules.identity,
        outlook=outlook,
    )
    assert report == expected
    assert exact(report.to_dict()) == exact(expected.to_dict())
