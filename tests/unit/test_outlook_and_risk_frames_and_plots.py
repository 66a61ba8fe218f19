"""The offer curve, and the frames and plots of findings, outlooks and risk: what they show."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")

import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Polygon, Rectangle

import pipeline_core as pc
from pipeline_core.engine import HISTORY_COLUMNS
from pipeline_core.frames import findings_frame, history_frame, outlook_frame
from pipeline_core.plots import LEVEL_COLOURS, SAFETY_TARGET, plot_outlook, plot_risk_history
from pipeline_core.records import FINDING_COLUMNS, OUTLOOK_COLUMNS, finding_records

T0 = dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC)


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def search() -> pc.Search:
    """An agency interview gone quiet, a referral at screening, a rejection and a prospect."""
    return pc.Search(
        opportunities=(
            pc.Opportunity(
                id="x",
                organization="Company X",
                title="Analyst",
                source="agency_recruiter",
                events=(
                    pc.Applied(at=day(0)),
                    pc.Advanced(at=day(8), stage="interviewing", round=1),
                    pc.Advanced(at=day(15), stage="interviewing", round=2),
                ),
            ),
            pc.Opportunity(
                id="n",
                organization="Northwind",
                title="Analyst",
                source="referral",
                events=(pc.Applied(at=day(20)), pc.Advanced(at=day(25), stage="screening")),
            ),
            pc.Opportunity(
                id="b",
                organization="Beta",
                title="Analyst",
                source="job_board",
                events=(pc.Applied(at=day(1)), pc.Closed(at=day(10), outcome="rejected")),
            ),
            pc.Opportunity(id="c", organization="Gamma", title="Lead", source="network"),
        ),
        goals=pc.Goals(weekly_applications=5),
    )


def won() -> pc.Search:
    """A search with a signed offer."""
    return pc.Search(
        opportunities=(
            pc.Opportunity(
                id="w",
                organization="Won",
                title="Analyst",
                source="referral",
                events=(
                    pc.Applied(at=day(0)),
                    pc.Offer(at=day(5), form="written"),
                    pc.Closed(at=day(6), outcome="accepted"),
                ),
            ),
        )
    )


# -- the outlook curve ------------------------------------------------------------------------


def test_offer_curve_starts_at_zero_and_ends_at_the_headline() -> None:
    """The curve runs from day 0 (chance 0) to the horizon (chance p_any_offer)."""
    outlook = pc.forecast(search(), as_of=day(30))
    curve = outlook.offer_curve()
    assert ((0.0, 0.0), (30.0, outlook.p_any_offer)) == (curve[0], curve[-1])


def test_offer_curve_never_decreases() -> None:
    """The chance of an offer by a day never falls as the day moves on."""
    chances = [chance for _, chance in pc.forecast(search(), as_of=day(30)).offer_curve()]
    assert all(a <= b for a, b in itertools.pairwise(chances))


def test_offer_curve_matches_a_forecast_with_a_shorter_horizon() -> None:
    """The chance at a day of the curve is the forecast's p_any_offer with that horizon."""
    outlook = pc.forecast(search(), as_of=day(30))
    middle_day, middle = outlook.offer_curve()[8]
    shorter = pc.forecast(search(), as_of=day(30), horizon=dt.timedelta(days=middle_day))
    assert shorter.p_any_offer == pytest.approx(middle, abs=1e-9)


def test_offer_curve_of_a_won_search_is_certain() -> None:
    """Once an offer is signed the chance is 1 on every day."""
    assert {1.0} == {chance for _, chance in pc.forecast(won(), as_of=day(10)).offer_curve()}


def test_offer_curve_skips_an_opportunity_that_cannot_become_an_offer() -> None:
    """A pending opportunity with no chance of an offer leaves the curve at 0."""
    model = pc.OutlookModel.default().with_stage("screening", p_advance=0.0)
    only_screening = pc.Search(opportunities=(search().get("n"),))
    outlook = pc.forecast(only_screening, as_of=day(30), model=model)
    assert {0.0} == {chance for _, chance in outlook.offer_curve()}


def test_offer_curve_with_applications_ends_at_their_headline() -> None:
    """The curve of with_applications(k) ends at that outlook's p_any_offer."""
    more = pc.forecast(search(), as_of=day(30)).with_applications(4)
    assert more.p_any_offer == more.offer_curve()[-1][1]


# -- records and frames -----------------------------------------------------------------------


def test_finding_records_rank_findings_with_their_actions() -> None:
    """One row per finding, ranked from 1, with the documented columns."""
    report = pc.assess(search(), as_of=day(40))
    rows = finding_records(report)
    assert [finding.rule_id for finding in report.findings] == [row["rule_id"] for row in rows]
    assert list(range(1, len(rows) + 1)) == [row["rank"] for row in rows]
    assert [list(FINDING_COLUMNS)] * len(rows) == [list(row) for row in rows]


def test_findings_frame_holds_shares_that_add_up() -> None:
    """The findings frame's shares add up to 1 when the score is above 0."""
    frame = findings_frame(pc.assess(search(), as_of=day(40)))
    assert list(FINDING_COLUMNS) == list(frame.columns)
    assert 1.0 == pytest.approx(frame["share"].sum())


def test_findings_frame_of_a_report_without_findings_is_empty() -> None:
    """No finding, no row, the same columns."""
    frame = findings_frame(pc.assess(won(), as_of=day(10)))
    assert (0, list(FINDING_COLUMNS)) == (len(frame), list(frame.columns))


def test_outlook_frame_has_a_row_per_opportunity() -> None:
    """One row per opportunity, indexed by id, chances as floats and statuses as text."""
    outlook = pc.forecast(search(), as_of=day(30))
    frame = outlook_frame(outlook)
    assert ["x", "n", "b", "c"] == list(frame.index)
    assert list(OUTLOOK_COLUMNS[1:]) == list(frame.columns)
    assert ["pending", "pending", "closed", "not_applied"] == frame["status"].tolist()
    assert outlook.get("x").p_offer_within_horizon == frame.loc["x", "p_offer_within_horizon"]


def test_history_frame_is_indexed_by_instant() -> None:
    """One row per step, indexed by a tz-aware instant, with score, level and chance."""
    history = pc.risk_history(search(), start=day(0), end=day(40), step=dt.timedelta(days=5))
    frame = history_frame(history)
    assert list(HISTORY_COLUMNS[1:]) == list(frame.columns)
    assert isinstance(frame.index, pd.DatetimeIndex)
    assert [point.score for point in history] == frame["score"].tolist()
    assert str(frame.index.tz) == "UTC"


# -- plots ------------------------------------------------------------------------------------


def test_plot_outlook_draws_the_search_and_its_safety_net() -> None:
    """Without a count, the safety net's own count of applications is drawn as a second line."""
    outlook = pc.forecast(search(), as_of=day(30))
    needed = outlook.applications_needed(1.0 - SAFETY_TARGET)
    assert needed
    ax = plot_outlook(outlook)
    labels = [line.get_label() for line in ax.get_lines()]
    assert [
        "as things stand",
        f"with {needed} more applications sent now",
        "safety-net target",
    ] == labels
    assert (0.0, 30.0, 0.0, 1.0) == (*ax.get_xlim(), *ax.get_ylim())


def test_plot_outlook_lines_end_at_the_headline_figures() -> None:
    """The solid line ends at p_any_offer, each dashed one at its with_applications figure."""
    outlook = pc.forecast(search(), as_of=day(30))
    ax = plot_outlook(outlook, extra_applications=[2, 8])
    ends = [list(line.get_ydata())[-1] for line in ax.get_lines()[:3]]  # type: ignore[arg-type]
    assert [
        outlook.p_any_offer,
        outlook.with_applications(2).p_any_offer,
        outlook.with_applications(8).p_any_offer,
    ] == ends


def test_plot_outlook_with_zero_extra_draws_one_curve() -> None:
    """extra_applications=0 draws the search's curve and the target only, on the given axes."""
    ax = Figure().add_subplot()
    assert plot_outlook(pc.forecast(search(), as_of=day(30)), extra_applications=0, ax=ax) is ax
    assert ["as things stand", "safety-net target"] == [line.get_label() for line in ax.get_lines()]


def test_plot_outlook_of_a_won_search_has_no_safety_net_line() -> None:
    """A won search needs no safety net: no extra line."""
    ax = plot_outlook(pc.forecast(won(), as_of=day(10)))
    assert 2 == len(ax.get_lines())


def test_plot_outlook_refuses_a_count_of_the_wrong_type() -> None:
    """A float count raises WrongTypeError naming extra_applications."""
    with pytest.raises(pc.WrongTypeError) as caught:
        plot_outlook(pc.forecast(search(), as_of=day(30)), extra_applications=2.5)  # type: ignore[arg-type]
    assert "extra_applications" == caught.value.path


def test_plot_outlook_refuses_a_negative_count() -> None:
    """A negative count in a list raises InvalidValueError naming its position."""
    with pytest.raises(pc.InvalidValueError) as caught:
        plot_outlook(pc.forecast(search(), as_of=day(30)), extra_applications=[1, -3])
    assert "extra_applications[1]" == caught.value.path


def test_plot_risk_history_draws_the_score_on_four_bands() -> None:
    """One line with a point per step, four level bands at the rule set's cut points."""
    history = pc.risk_history(search(), start=day(0), end=day(40), step=dt.timedelta(days=4))
    ax = plot_risk_history(history)
    (line,) = ax.get_lines()
    bands = [patch for patch in ax.patches if isinstance(patch, (Polygon, Rectangle))]
    assert [point.score for point in history] == list(line.get_ydata())  # type: ignore[arg-type]
    assert 4 == len(bands)
    assert (0.0, 100.0) == ax.get_ylim()
    assert ["low", "moderate", "high", "critical"] == [text.get_text() for text in ax.texts]
    assert [LEVEL_COLOURS[level] for level in pc.RiskLevel] == [t.get_color() for t in ax.texts]


def test_plot_risk_history_of_many_steps_has_no_dots() -> None:
    """Beyond 60 steps the line has no markers."""
    history = pc.risk_history(search(), start=day(0), end=day(40), step=dt.timedelta(hours=12))
    assert "" == str(plot_risk_history(history).get_lines()[0].get_marker())


def test_outlook_and_risk_plots_render_to_png(tmp_path: Path) -> None:
    """The outlook and risk-history plots render to PNG with the Agg backend."""
    outlook = pc.forecast(search(), as_of=day(30))
    history = pc.risk_history(search(), start=day(0), end=day(40))
    for ax in (plot_outlook(outlook), plot_risk_history(history)):
        target = tmp_path / f"{ax.get_title()}.png"
        ax.figure.savefig(target)  # type: ignore[union-attr]
        assert target.stat().st_size > 1000
