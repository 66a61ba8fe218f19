"""
Plots: a search's funnel and timeline, its outlook, and its risk over time, with matplotlib.

Needs the ``plot`` extra (``pip install 'pipeline_core[plot]'``); matplotlib
is imported when a function here is first called. Every function draws on the
``ax`` it is given, or on a new :class:`matplotlib.figure.Figure` (no pyplot
state), and returns the :class:`matplotlib.axes.Axes` so the caller can adjust
or save it (``ax.figure.savefig(...)``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipeline_core import _checks
from pipeline_core.engine import RiskHistory
from pipeline_core.events import Closed, Contact, Direction
from pipeline_core.exceptions import WrongTypeError
from pipeline_core.instants import SECONDS_PER_DAY, to_utc
from pipeline_core.opportunity import Opportunity
from pipeline_core.outlook import Outlook
from pipeline_core.pipeline import PipelineDefinition
from pipeline_core.render import _words as words
from pipeline_core.replay import stage_visits
from pipeline_core.rules import RiskLevel
from pipeline_core.search import Search

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "LEVEL_COLOURS",
    "SAFETY_TARGET",
    "plot_funnel",
    "plot_outlook",
    "plot_risk_history",
    "plot_timeline",
]

SAFETY_TARGET = 0.8
"""The chance of an offer the safety-net line aims at (P(no offer) at most 20 %)."""

LEVEL_COLOURS = {
    RiskLevel.LOW: "#2e7d32",
    RiskLevel.MODERATE: "#f9a825",
    RiskLevel.HIGH: "#ef6c00",
    RiskLevel.CRITICAL: "#c62828",
}
"""The colour of each risk level's band (the HTML views use the same)."""


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - optional, imported on first use
    except ImportError as error:  # pragma: no cover - exercised only without the extra
        msg = "plots need matplotlib: pip install 'pipeline_core[plot]'"
        raise ImportError(msg) from error
    return Figure(figsize=size, layout="constrained").add_subplot()


def _until(as_of: dt.datetime | None) -> float | None:
    return None if as_of is None else to_utc(as_of, field="as_of").timestamp()


def plot_funnel(
    search: Search, *, as_of: dt.datetime | None = None, ax: Axes | None = None
) -> Axes:
    """
    Draw how many opportunities reached each stage, with the conversion between stages.

    Stages never go backwards, so an opportunity "reached" every stage up to
    the one it is at (or closed at). The first stage (not yet applied) is
    left out; each bar after the first is labelled with its count and the
    share of the previous bar that reached it.

    Args:
        search: The search.
        as_of: Count only events up to this day; ``None`` for all.
        ax: Axes to draw on; a new figure when ``None``.

    Returns:
        The axes, with one bar per stage after the first.

    Raises:
        ImportError: matplotlib is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    axes = _axes(ax, (7.0, 3.5))
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 - optional, imported on first use

    pipeline = search.pipeline
    when = None if as_of is None else to_utc(as_of, field="as_of")
    furthest = [state.stage_index for state in search.states(when)]
    stages = pipeline.stages[1:]
    counts = [
        sum(index >= position for index in furthest) for position in range(1, len(pipeline.stages))
    ]
    names = [words.label(stage.name) for stage in stages]
    bars = axes.bar(names, counts, color="#4c72b0")
    labels = []
    for position, count in enumerate(counts):
        previous = counts[position - 1] if position else 0
        share = f"\n{words.percent(count / previous)}" if position and previous else ""
        labels.append(f"{count}{share}")
    axes.bar_label(bars, labels=labels, padding=2, fontsize=8)
    axes.set_ylabel("reached this stage or later")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("stage")
    axes.set_title("Funnel")
    axes.set_ylim(0, max([*counts, 1]) * 1.3)
    axes.tick_params(axis="x", labelrotation=30)
    return axes


def plot_timeline(
    search: Search, *, as_of: dt.datetime | None = None, ax: Axes | None = None
) -> Axes:
    """
    Draw each opportunity through its stages over time: one row per opportunity.

    Each stay in a stage is a bar from when it began to when the next began
    (or to ``as_of`` while it lasts), so the wait after each interview shows
    as the length of the last bar. Inbound contacts are dots, outcomes are
    crosses. Days are counted from the search's first event.

    Args:
        search: The search.
        as_of: Draw up to this day (open stays end here); ``None`` to end at
            the last event.
        ax: Axes to draw on; a new figure when ``None``.

    Returns:
        The axes, with one bar per stage visit.

    Raises:
        ImportError: matplotlib is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    axes = _axes(ax, (8.0, 0.6 * max(len(search), 2) + 1.2))
    until = _until(as_of)
    times = [
        e.at.timestamp()
        for o in search
        for e in o.events
        if until is None or e.at.timestamp() <= until
    ]
    span = (min(times, default=0.0), until if until is not None else max(times, default=0.0))
    palette = _stage_palette(search)
    for row, opportunity in enumerate(search):
        _draw_stays(
            axes,
            row,
            opportunity,
            pipeline=search.pipeline,
            palette=palette,
            span=span,
            until=until,
        )
        _draw_marks(axes, row, opportunity, span[0], until)
    labels = [f"{opportunity.organization} — {opportunity.title}"[:40] for opportunity in search]
    axes.set_yticks(range(len(labels)), labels=labels, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel("days since the first event")
    axes.set_title("Timeline")
    from matplotlib.patches import Patch  # noqa: PLC0415 - optional, imported on first use

    axes.legend(
        handles=[
            Patch(color=palette[s.name], label=words.label(s.name))
            for s in search.pipeline.stages[1:]
        ],
        fontsize=7,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    return axes


_STAGE_COLOURS = (
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#fdae6b",
    "#e6550d",
    "#31a354",
)
"""The timeline's colours of the stages, in the pipeline's order (they repeat past eight)."""


def _stage_palette(search: Search) -> dict[str, str]:
    return {
        stage.name: _STAGE_COLOURS[position % len(_STAGE_COLOURS)]
        for position, stage in enumerate(search.pipeline.stages)
    }


def _draw_stays(
    axes: Axes,
    row: int,
    opportunity: Opportunity,
    *,
    pipeline: PipelineDefinition,
    palette: dict[str, str],
    span: tuple[float, float],
    until: float | None,
) -> None:
    """
    Draw a bar for each stay of one opportunity in a stage; an open stay ends at ``span[1]``.
    """
    origin, end = span
    for visit in stage_visits(opportunity.events, pipeline, until_ts=until):
        stop = visit.end_ts if visit.end_ts is not None else end
        left = (visit.start_ts - origin) / SECONDS_PER_DAY
        width = max((stop - visit.start_ts) / SECONDS_PER_DAY, 0.2)
        axes.barh(row, width, left=left, height=0.6, color=palette[visit.stage], edgecolor="white")


def _draw_marks(
    axes: Axes, row: int, opportunity: Opportunity, origin: float, until: float | None
) -> None:
    """
    Mark one opportunity's inbound contacts (dots) and its outcome (a cross) up to ``until``.
    """
    for event in opportunity.events:
        ts = event.at.timestamp()
        if until is not None and ts > until:
            break
        day = (ts - origin) / SECONDS_PER_DAY
        if isinstance(event, Contact) and event.direction is Direction.INBOUND:
            axes.plot(day, row, "o", color="black", markersize=3)
        elif isinstance(event, Closed):
            axes.plot(day, row, "x", color="#b22222", markersize=7)


def _extra_counts(outlook: Outlook, extra: int | Sequence[int] | None) -> list[int]:
    if extra is None:
        needed = outlook.applications_needed(1.0 - SAFETY_TARGET)
        return [] if not needed else [needed]
    if isinstance(extra, Sequence):
        counts = list(extra)
    elif isinstance(extra, int) and not isinstance(extra, bool):
        counts = [extra]
    else:
        raise WrongTypeError(
            "expected a count or a list of counts",
            path="extra_applications",
            received=extra,
            allowed="None, an int or a sequence of ints",
        )
    return [
        _checks.check_count(count, field=f"extra_applications[{index}]")
        for index, count in enumerate(counts)
        if count != 0
    ]


def plot_outlook(
    outlook: Outlook,
    *,
    extra_applications: int | Sequence[int] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """
    Draw the chance of at least one offer by each day of the horizon, with and without a safety net.

    The solid line is the search as it stands (:meth:`Outlook.offer_curve`,
    ending at ``p_any_offer``); each dashed line adds fresh applications sent
    now (:meth:`Outlook.with_applications`). A dotted horizontal line marks
    the safety-net target, an 80 % chance of an offer (P(no offer) at most 20 %).

    Args:
        outlook: The outlook, from :func:`~pipeline_core.forecast` or ``report.outlook``.
        extra_applications: How many fresh applications to add: a count, a
            list of counts (one dashed line each), or ``None`` for the safety
            net's own count (:meth:`Outlook.applications_needed`), when some
            number of applications reaches it. 0 draws no extra line.
        ax: Axes to draw on; a new figure when ``None``.

    Returns:
        The axes: one line for the search, one per extra count, and the target line.

    Raises:
        WrongTypeError: ``extra_applications`` is not a count or a list of counts.
        InvalidValueError: a count is negative or above
            :data:`~pipeline_core.outlook.MAX_APPLICATIONS`.
        ImportError: matplotlib is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    counts = _extra_counts(outlook, extra_applications)
    axes = _axes(ax, (7.0, 3.5))
    from matplotlib.ticker import PercentFormatter  # noqa: PLC0415 - optional, imported on first use

    days, chances = zip(*outlook.offer_curve(), strict=True)
    axes.plot(days, chances, color="#4c72b0", linewidth=2, label="as things stand")
    extra_colours = ("#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860")
    for position, count in enumerate(counts):
        more = outlook.with_applications(count)
        extra_days, extra_chances = zip(*more.offer_curve(), strict=True)
        axes.plot(
            extra_days,
            extra_chances,
            linestyle="--",
            linewidth=1.5,
            color=extra_colours[position % len(extra_colours)],
            label=f"with {count} more {words.noun(count, 'application')} sent now",
        )
    axes.axhline(SAFETY_TARGET, color="grey", linestyle=":", linewidth=1, label="safety-net target")
    axes.set_xlim(0, outlook.horizon_days)
    axes.set_ylim(0, 1)
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_xlabel(f"days from {words.date(outlook.as_of)}")
    axes.set_ylabel("P(at least one offer by then)")
    axes.set_title("Chance of an offer")
    axes.legend(fontsize=8, loc="upper left")
    return axes


def plot_risk_history(history: RiskHistory, *, ax: Axes | None = None) -> Axes:
    """
    Draw the risk score over time on the bands of the four levels.

    The bands are the rule set's own cut points (``history.levels``), in the
    colours of :data:`LEVEL_COLOURS`; the line is the score at each step
    (:func:`~pipeline_core.risk_history`), with a dot at each step when there
    are few of them.

    Args:
        history: The risk history.
        ax: Axes to draw on; a new figure when ``None``.

    Returns:
        The axes: one line, and one band per level.

    Raises:
        ImportError: matplotlib is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    axes = _axes(ax, (8.0, 3.5))
    cuts = [0.0, *history.levels, 100.0]
    for position, level in enumerate(RiskLevel):
        low, high = cuts[position], cuts[position + 1]
        axes.axhspan(low, high, color=LEVEL_COLOURS[level], alpha=0.15, linewidth=0)
        axes.text(
            1.01,
            (low + high) / 200.0,
            level.value,
            transform=axes.transAxes,
            fontsize=8,
            va="center",
            color=LEVEL_COLOURS[level],
        )
    from matplotlib.dates import date2num  # noqa: PLC0415 - optional, imported on first use

    times = date2num([point.at for point in history])  # type: ignore[no-untyped-call]
    scores = [point.score for point in history]
    marker = "o" if len(times) <= 60 else ""  # noqa: PLR2004 - dots stay readable up to ~60
    axes.plot(times, scores, color="#333333", linewidth=1.8, marker=marker, markersize=3)
    axes.xaxis_date()
    axes.set_ylim(0, 100)
    axes.set_ylabel("risk score")
    axes.set_xlabel("date (UTC)")
    axes.set_title("Risk over time")
    axes.figure.autofmt_xdate()
    return axes
