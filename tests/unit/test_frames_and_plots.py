"""DataFrames and plots: what they hold and what they draw, checked on the objects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

import pipeline_core as pc
from pipeline_core.frames import events_frame, opportunities_frame
from pipeline_core.plots import plot_funnel, plot_timeline

T0 = dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC)


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def search() -> pc.Search:
    return pc.Search(
        opportunities=(
            pc.Opportunity(
                id="x",
                organization="Company X",
                title="Analyst",
                source="agency_recruiter",
                events=(
                    pc.Applied(at=day(0)),
                    pc.Contact(at=day(2), direction="inbound"),
                    pc.Advanced(at=day(8), stage="interviewing", round=1),
                    pc.Advanced(at=day(15), stage="interviewing", round=2),
                ),
            ),
            pc.Opportunity(
                id="b",
                organization="Beta",
                title="Analyst",
                source="referral",
                events=(
                    pc.Applied(at=day(1)),
                    pc.Advanced(at=day(4), stage="screening"),
                    pc.Closed(at=day(10), outcome="rejected"),
                ),
            ),
            pc.Opportunity(id="c", organization="Gamma", title="Lead", source="network"),
        )
    )


def bars(ax: Axes) -> list[Rectangle]:
    return [patch for patch in ax.patches if isinstance(patch, Rectangle)]


def test_opportunities_frame_is_indexed_by_id() -> None:
    """One row per opportunity, indexed by id, with derived columns."""
    frame = opportunities_frame(search(), as_of=day(20))
    assert list(frame.index) == ["x", "b", "c"]
    assert frame.loc["x", "stage"] == "interviewing"
    assert frame.loc["b", "outcome"] == "rejected"
    assert frame.loc["x", "days_since_contact"] == 5.0


def test_empty_frames_keep_their_columns() -> None:
    """An empty search still gives frames with the documented columns."""
    assert "stage" in opportunities_frame(pc.Search(), as_of=T0).columns
    assert list(events_frame(pc.Search()).columns)[:4] == [
        "opportunity_id",
        "organization",
        "type",
        "at",
    ]


def test_events_frame_is_tidy() -> None:
    """One row per event, with timezone-aware timestamps."""
    frame = events_frame(search())
    assert len(frame) == 7
    assert frame["type"].tolist()[:4] == ["applied", "contact", "advanced", "advanced"]
    assert isinstance(frame["at"].dtype, pd.DatetimeTZDtype)


def test_funnel_draws_a_bar_per_stage_with_counts() -> None:
    """Bars count the opportunities that reached each stage or later."""
    ax = plot_funnel(search())
    heights = [patch.get_height() for patch in bars(ax)]
    assert heights == [2, 2, 1, 0, 0, 0, 0]
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == [
        "applied",
        "screening",
        "interviewing",
    ]
    assert ax.get_ylabel() == "reached this stage or later"
    assert isinstance(ax.figure, Figure)


def test_funnel_as_of_the_past_and_on_given_axes() -> None:
    """As of day 3 only applications exist; the plot uses the axes it is given."""
    ax = Figure().add_subplot()
    assert plot_funnel(search(), as_of=day(3), ax=ax) is ax
    assert [patch.get_height() for patch in bars(ax)][:2] == [2, 0]


def test_timeline_draws_each_stay_and_marks() -> None:
    """Each stage visit is a bar; the last bar of an open opportunity runs to as_of."""
    ax = plot_timeline(search(), as_of=day(43))
    drawn = bars(ax)
    # x: applied, interviewing r1, interviewing r2; b: applied, screening
    assert len(drawn) == 5
    last = max(drawn, key=lambda bar: bar.get_x() + bar.get_width())
    assert (last.get_x(), last.get_x() + last.get_width()) == (15.0, 43.0)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Company X — Analyst",
        "Beta — Analyst",
        "Gamma — Lead",
    ]
    markers = [str(line.get_marker()) for line in ax.get_lines()]
    assert sorted(markers) == ["o", "x"]
    assert ax.get_xlabel() == "days since the first event"


def test_timeline_without_as_of_ends_at_the_last_event() -> None:
    """Without as_of the open stays end at the search's last event."""
    ax = plot_timeline(search())
    right = max(bar.get_x() + bar.get_width() for bar in bars(ax))
    assert right == 15.2  # the last visit starts at day 15 and gets the minimum width


def test_plots_render_to_png(tmp_path: Path) -> None:
    """Both plots render to PNG with the Agg backend, events after as_of left out."""
    for ax in (plot_funnel(search()), plot_timeline(search(), as_of=day(9))):
        figure = ax.figure
        assert isinstance(figure, Figure)
        target = tmp_path / f"{ax.get_title()}.png"
        figure.savefig(target)
        assert target.stat().st_size > 1000
