"""risk_history: the steps it takes, what it returns, its views and its errors."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any
from unittest import mock

import pendulum
import pytest

import pipeline_core as pc
from pipeline_core.engine import _risk_history as trajectory
from pipeline_core.engine._risk_history import HISTORY_COLUMNS, MAX_STEPS
from pipeline_core.facts import facts_from_census

UTC = dt.UTC


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 10, day, hour, tzinfo=UTC)


def _search(organization: str = "Acme") -> pc.Search:
    acme = pc.Opportunity(
        id="acme",
        organization=organization,
        title="Analyst",
        source=pc.Source.AGENCY_RECRUITER,
        events=(
            pc.Applied(at=_at(1)),
            pc.Advanced(at=_at(5), stage="interviewing", round=1),
            pc.Signal(at=_at(5), polarity=pc.Polarity.POSITIVE),
            pc.Advanced(at=_at(9), stage="interviewing", round=2),
        ),
    )
    beta = pc.Opportunity(
        id="beta",
        organization="Beta",
        title="Analyst",
        source=pc.Source.JOB_BOARD,
        events=(pc.Applied(at=_at(3)), pc.Closed(at=_at(12), outcome=pc.Outcome.REJECTED)),
    )
    return pc.Search(opportunities=(acme, beta))


def test_steps_run_from_start_to_end_inclusive() -> None:
    """A 10-day period with a daily step has 11 points, the first at start, the last at end."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(11))
    assert [_at(day) for day in range(1, 12)] == [point.at for point in history]


def test_end_off_the_grid_is_not_a_step() -> None:
    """An end between two steps stops at the last step before it."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(3, 20), step=dt.timedelta(days=1))
    assert [_at(1), _at(2), _at(3)] == [point.at for point in history]


def test_start_equal_to_end_gives_one_point() -> None:
    """A period of one instant has one point."""
    assert 1 == len(pc.risk_history(_search(), start=_at(4), end=_at(4)))


def test_points_equal_assess_at_each_step() -> None:
    """Each point carries assess's score, level, findings and p_any_offer at its instant."""
    search = _search()
    history = pc.risk_history(search, start=_at(1, 8), end=_at(20), step=dt.timedelta(hours=12))
    for point in history:
        report = pc.assess(search, as_of=point.at)
        assert report.outlook is not None
        assert (
            report.score,
            report.level,
            report.outlook.p_any_offer,
            tuple(finding.rule_id for finding in report.findings),
        ) == (point.score, point.level, point.p_any_offer, point.findings)


def test_a_step_on_an_event_instant_includes_every_event_at_that_instant() -> None:
    """Two events at one instant are both seen by a step at that instant, as assess sees them."""
    search = _search()
    point = pc.risk_history(search, start=_at(5), end=_at(5)).points[0]
    report = pc.assess(search, as_of=_at(5))
    assert (report.score, report.level) == (point.score, point.level)


def test_rules_and_horizon_are_those_given() -> None:
    """The history records the rule set's identity, its level cut points and the horizon."""
    rules = pc.default_rules().disable("momentum-drop")
    history = pc.risk_history(
        _search(), start=_at(1), end=_at(3), rules=rules, horizon=dt.timedelta(days=60)
    )
    assert (rules.identity, rules.scoring.levels, dt.timedelta(days=60)) == (
        history.rules_identity,
        history.levels,
        history.horizon,
    )
    assert all("momentum-drop" not in point.findings for point in history)


def test_peak_is_the_earliest_highest_score() -> None:
    """peak is the point with the highest score, the earliest on a tie."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(30))
    best = max(point.score for point in history)
    assert next(point for point in history if point.score == best) == history.peak


def test_records_have_the_documented_columns() -> None:
    """to_records gives one plain row per step with the columns of HISTORY_COLUMNS."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(4))
    records = history.to_records()
    assert [list(HISTORY_COLUMNS)] * 4 == [list(row) for row in records]
    assert history.points[1].level.value == records[1]["level"]
    assert ", ".join(history.points[1].findings) == records[1]["findings"]


def test_to_dict_is_json_safe() -> None:
    """to_dict survives a JSON round trip unchanged, with ISO instants and days."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(4))
    data = history.to_dict()
    assert data == json.loads(json.dumps(data))
    assert ("2026-10-01T09:00:00+00:00", 1.0, 30.0) == (
        data["points"][0]["at"],
        data["step_days"],
        data["horizon_days"],
    )


def test_text_has_a_line_per_step_and_the_peak() -> None:
    """str() prints a header, one line per step and the peak."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(4))
    lines = str(history).splitlines()
    assert 2 + 4 + 1 == len(lines)
    assert lines[-1].startswith("Peak: ")
    assert lines[2].startswith("2026-10-01 09:00")


def test_text_of_one_day_horizon_is_singular() -> None:
    """A one-day horizon is written '1 day'."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(1), horizon=dt.timedelta(days=1))
    assert "horizon 1 day)" in str(history)


def test_html_lists_the_steps_where_something_changed() -> None:
    """The table has the first and last steps and each change of level or findings."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(30))
    page = history._repr_html_()
    changes = [history.points[0]] + [
        point
        for previous, point in itertools.pairwise(history.points)
        if (point.level, set(point.findings)) != (previous.level, set(previous.findings))
    ]
    if changes[-1] is not history.points[-1]:
        changes.append(history.points[-1])
    assert len(changes) + 1 == page.count("<tr>")
    assert f"{len(changes)} of 30 steps shown" in page


def test_html_of_a_history_that_changes_at_every_step_shows_every_step() -> None:
    """When every step is a change, every step is shown and no note is needed."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(1))
    page = history._repr_html_()
    assert (2, False) == (page.count("<tr>"), "steps shown" in page)


def test_html_draws_a_sparkline_through_every_step() -> None:
    """The sparkline's polyline has one point per step, and four level bands."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(12))
    page = history._repr_html_()
    points = page.split('<polyline points="')[1].split('"')[0].split()
    assert (12, 4) == (len(points), page.count("<rect "))


def test_len_and_iter_agree_with_points() -> None:
    """len() and iteration follow points."""
    history = pc.risk_history(_search(), start=_at(1), end=_at(3))
    assert (3, list(history.points)) == (len(history), list(history))


def test_pendulum_instants_and_durations_are_accepted() -> None:
    """pendulum's DateTime and Duration work like the standard types."""
    history = pc.risk_history(
        _search(),
        start=pendulum.datetime(2026, 10, 1, 9, tz="Europe/Paris"),
        end=pendulum.datetime(2026, 10, 3, 9, tz="Europe/Paris"),
        step=pendulum.duration(days=1),
    )
    assert dt.datetime(2026, 10, 1, 7, tzinfo=UTC) == history.points[0].at


def test_end_before_start_is_refused() -> None:
    """An end before the start raises InvalidValueError naming 'end'."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.risk_history(_search(), start=_at(5), end=_at(4))
    assert "end" == caught.value.path


@pytest.mark.parametrize("step", [dt.timedelta(0), dt.timedelta(days=-1)])
def test_a_step_that_is_not_positive_is_refused(step: dt.timedelta) -> None:
    """A zero or negative step raises InvalidValueError naming 'step'."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.risk_history(_search(), start=_at(1), end=_at(4), step=step)
    assert "step" == caught.value.path


def test_a_step_that_is_not_a_timedelta_is_refused() -> None:
    """A number as the step raises WrongTypeError (also a TypeError)."""
    with pytest.raises(TypeError) as caught:
        pc.risk_history(_search(), start=_at(1), end=_at(4), step=1)  # type: ignore[arg-type]
    assert isinstance(caught.value, pc.WrongTypeError)


def test_too_many_steps_are_refused() -> None:
    """More than MAX_STEPS steps raises InvalidValueError before any work."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.risk_history(
            _search(),
            start=_at(1),
            end=_at(1) + dt.timedelta(seconds=MAX_STEPS),
            step=dt.timedelta(seconds=1),
        )
    assert "too many steps" in str(caught.value)


def test_a_search_of_the_wrong_type_is_refused() -> None:
    """A dict instead of a Search raises WrongTypeError."""
    with pytest.raises(pc.WrongTypeError):
        pc.risk_history({}, start=_at(1), end=_at(2))  # type: ignore[arg-type]


def test_rules_of_the_wrong_type_are_refused() -> None:
    """A list instead of a RuleSet raises WrongTypeError naming 'rules'."""
    with pytest.raises(pc.WrongTypeError) as caught:
        pc.risk_history(_search(), start=_at(1), end=_at(2), rules=[])  # type: ignore[arg-type]
    assert "rules" == caught.value.path


def test_a_naive_start_is_refused() -> None:
    """A start without a time zone raises NaiveDatetimeError."""
    with pytest.raises(pc.NaiveDatetimeError):
        pc.risk_history(_search(), start=dt.datetime(2026, 10, 1), end=_at(2))  # noqa: DTZ001


def test_forecast_refuses_states_of_the_wrong_length() -> None:
    """forecast(states=) with one state too few raises InvalidValueError naming 'states'."""
    search = _search()
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.forecast(search, as_of=_at(10), states=search.states(_at(10))[:1])
    assert "states" == caught.value.path


def test_compute_facts_refuses_states_of_the_wrong_length() -> None:
    """compute_facts(states=) with one state too many raises InvalidValueError naming 'states'."""
    search = _search()
    states = search.states(_at(10))
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.compute_facts(search, as_of=_at(10), states=(*states, states[0]))
    assert "states" == caught.value.path


def test_an_opportunity_settled_in_two_different_states_is_followed() -> None:
    """A prospect that gets a contact then is withdrawn: each settled state is used in turn."""
    prospect = pc.Opportunity(
        id="maybe",
        organization="Maybe",
        title="Analyst",
        source=pc.Source.NETWORK,
        created_at=_at(1),
        events=(
            pc.Contact(at=_at(3), direction=pc.Direction.OUTBOUND),
            pc.Closed(at=_at(5), outcome=pc.Outcome.WITHDRAWN),
        ),
    )
    search = _search().add(prospect)
    history = pc.risk_history(search, start=_at(1), end=_at(7))
    expected = [pc.assess(search, as_of=point.at) for point in history]
    assert [(report.score, report.level) for report in expected] == [
        (point.score, point.level) for point in history
    ]


def test_an_opportunity_noted_during_the_period_counts_from_its_creation() -> None:
    """One created mid-period, with no event, is counted from then on: the facts are assess's."""
    noted = pc.Opportunity(
        id="noted",
        organization="Gamma",
        title="Analyst",
        source=pc.Source.REFERRAL,
        created_at=_at(6, 12),
    )
    search = pc.Search(opportunities=(*_search().opportunities, noted))
    seen: list[pc.Facts] = []
    compute = facts_from_census

    def recording(search: pc.Search, **options: Any) -> pc.Facts:
        seen.append(compute(search, **options))
        return seen[-1]

    with mock.patch.object(trajectory, "facts_from_census", recording):
        history = pc.risk_history(search, start=_at(4), end=_at(8), step=dt.timedelta(hours=6))
    assert [facts.opportunities_known for facts in seen] == [2] * 9 + [3] * 8
    for point, facts in zip(history, seen, strict=True):
        assert facts == pc.assess(search, as_of=point.at).facts
