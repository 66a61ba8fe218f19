"""The fast paths behind risk_history give what the checked paths give (issue 7)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.engine._risk_history import _change_points
from pipeline_core.facts import _business_days_to, _week_position, business_days
from pipeline_core.rules._catalog import BUILTIN_RULES
from pipeline_core.testing import instants, rule_configs, searches

_TIMESTAMPS = st.floats(-1e10, 1e10, allow_nan=False)


@given(st.data(), searches(max_size=5), instants())
def test_scoring_without_findings_equals_evaluate(
    data: st.DataObject, search: pc.Search, when: dt.datetime
) -> None:
    """A rule set's score-only path gives evaluate's score, level and finding ids, in order."""
    rules = pc.RuleSet.from_dict(data.draw(rule_configs()))
    report = pc.assess(search, as_of=when, rules=rules)
    score, level, ids = rules.score(report.facts)
    assert (report.score, report.level) == (score, level)
    assert tuple(finding.rule_id for finding in report.findings) == ids


@given(st.data(), searches(max_size=5), instants())
def test_a_built_in_rules_strength_is_its_firings(
    data: st.DataObject, search: pc.Search, when: dt.datetime
) -> None:
    """Each built-in rule's strength, given first, is the strength of the firing it builds."""
    rules = pc.RuleSet.from_dict(data.draw(rule_configs()))
    facts = pc.assess(search, as_of=when, rules=rules).facts
    for rule in rules.rules:
        if rule.id not in BUILTIN_RULES:
            continue
        lazy = rule.fire_lazily(facts)  # type: ignore[attr-defined]
        firing = rule.evaluate(facts)
        if lazy is None:
            assert firing is None
        else:
            strength, build = lazy
            assert firing == build()
            assert firing is not None
            assert strength == firing.strength


@st.composite
def windows(draw: st.DrawFn, search: pc.Search) -> tuple[dt.datetime, dt.timedelta, int]:
    """A start (often on or near an event), a step and a number of steps."""
    moments = [event.at for opportunity in search.opportunities for event in opportunity.events]
    near_an_event = draw(st.booleans())
    if moments and near_an_event:
        anchor = draw(st.sampled_from(moments))
        start = anchor - dt.timedelta(seconds=draw(st.sampled_from([0, 1, 3_600, 86_400 * 3])))
    else:
        start = draw(instants())
    step = dt.timedelta(seconds=draw(st.integers(1, 6 * 86_400)))
    return start, step, draw(st.integers(1, 6))


@given(st.data(), searches(max_size=4))
def test_history_with_a_drawn_rule_set_equals_assess(
    data: st.DataObject, search: pc.Search
) -> None:
    """With any rule set (configured, disabled, declarative rules), each point is assess's."""
    rules = pc.RuleSet.from_dict(data.draw(rule_configs()))
    start, step, count = data.draw(windows(search))
    history = pc.risk_history(
        search, start=start, end=start + step * (count - 1), step=step, rules=rules
    )
    for point in history:
        report = pc.assess(search, as_of=point.at, rules=rules)
        assert report.outlook is not None
        assert (report.score, report.level, report.outlook.p_any_offer) == (
            point.score,
            point.level,
            point.p_any_offer,
        )
        assert tuple(finding.rule_id for finding in report.findings) == point.findings


@given(st.data(), searches(max_size=4))
def test_change_points_hold_the_state_at_every_instant_from_the_start(
    data: st.DataObject, search: pc.Search
) -> None:
    """The states kept from the first step on are the opportunity's states at those instants."""
    start, step, count = data.draw(windows(search))
    for opportunity in search.opportunities:
        times, states = _change_points(opportunity, start.timestamp())
        assert times[0] == float("-inf")
        assert all(start.timestamp() < ts for ts in times[1:])
        instants_ = [start + step * index for index in range(count)]
        instants_ += [dt.datetime.fromtimestamp(ts, dt.UTC) for ts in times[1:]]
        for when in instants_:
            position = max(i for i, ts in enumerate(times) if ts <= when.timestamp())
            assert states[position] == opportunity.state(when)


@given(_TIMESTAMPS, _TIMESTAMPS)
def test_business_days_to_a_placed_end_equal_business_days(start: float, end: float) -> None:
    """Placing the end in its week once changes no business-day count."""
    assert _business_days_to(start, *_week_position(end)) == business_days(start, end)
