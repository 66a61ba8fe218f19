"""
Risk histories as text for terminals and HTML for Jupyter: a table, a sparkline, the turns.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import html
import itertools

from pipeline_core._views import html_view, text_view
from pipeline_core.engine import RiskHistory, RiskPoint
from pipeline_core.instants import SECONDS_PER_DAY
from pipeline_core.render._domain import STYLE
from pipeline_core.rules import RiskLevel

__all__ = ["history_html", "history_text"]


@text_view.register
def history_text(history: RiskHistory, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the views' signature
    """
    Return the history as a table for a terminal, one line per step.
    """
    first, last = history.points[0], history.points[-1]
    title = (
        f"Risk from {first.at:%Y-%m-%d} to {last.at:%Y-%m-%d} ({len(history)} steps, "
        f"horizon {_days(history.horizon)})"
    )
    lines = [
        title,
        f"{'date':<16}  {'score':>5}  {'level':<8}  {'P(offer)':>8}  findings",
    ]
    lines.extend(
        f"{point.at:%Y-%m-%d %H:%M}  {point.score:5.0f}  {point.level.value:<8}  "
        f"{point.p_any_offer:8.0%}  {', '.join(point.findings) or '-'}"
        for point in history.points
    )
    peak = history.peak
    lines.append(f"Peak: {peak.score:.0f} ({peak.level.value}) on {peak.at:%Y-%m-%d}")
    return "\n".join(lines)


def _turning_points(history: RiskHistory) -> list[RiskPoint]:
    """
    The first and last steps, and each step where the level or the set of fired rules changed.
    """
    points = history.points
    chosen = [points[0]]
    for previous, point in itertools.pairwise(points):
        if (point.level, frozenset(point.findings)) != (
            previous.level,
            frozenset(previous.findings),
        ):
            chosen.append(point)
    if chosen[-1] is not points[-1]:
        chosen.append(points[-1])
    return chosen


def _sparkline(history: RiskHistory) -> str:
    """
    An inline SVG of the score over the steps, on the bands of the four levels.
    """
    width, height = 320.0, 64.0
    cuts = [0.0, *history.levels, 100.0]
    bands = "".join(
        f'<rect class="pc-{level.value}" x="0" width="{width:g}" '
        f'y="{height * (1 - cuts[index + 1] / 100):.1f}" '
        f'height="{height * (cuts[index + 1] - cuts[index]) / 100:.1f}" opacity="0.25"/>'
        for index, level in enumerate(RiskLevel)
    )
    count = len(history.points)
    spread = max(count - 1, 1)
    line = " ".join(
        f"{width * index / spread:.1f},{height * (1 - point.score / 100):.1f}"
        for index, point in enumerate(history.points)
    )
    return (
        f'<svg width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" '
        'role="img" aria-label="risk score over time">'
        f'{bands}<polyline points="{line}" fill="none" stroke="currentColor" '
        'stroke-width="1.5"/></svg>'
    )


@html_view.register
def history_html(history: RiskHistory, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the views' signature
    """
    Return the history as HTML for Jupyter: a sparkline and the steps where things changed.

    The table lists the first and last steps and each step where the level
    or the fired rules changed (``to_records()`` has every step); every
    string is escaped.
    """
    first, last = history.points[0], history.points[-1]
    shown = _turning_points(history)
    rows = "".join(
        "<tr>"
        f'<td class="pc-nowrap">{point.at:%Y-%m-%d %H:%M}</td>'
        f'<td class="pc-num">{point.score:.0f}</td>'
        f'<td><span class="pc-badge pc-{point.level.value}">{point.level.value}</span></td>'
        f'<td class="pc-num">{point.p_any_offer:.0%}</td>'
        f"<td>{html.escape(', '.join(point.findings)) or '&ndash;'}</td>"
        "</tr>"
        for point in shown
    )
    peak = history.peak
    note = (
        ""
        if len(shown) == len(history.points)
        else f'<p class="pc-muted">{len(shown)} of {len(history)} steps shown: the first, the '
        "last and each change of level or findings.</p>"
    )
    return (
        f'{STYLE}<div class="pc-view">'
        f"<p><strong>Risk from {first.at:%Y-%m-%d} to {last.at:%Y-%m-%d}</strong> "
        f"({len(history)} steps, horizon {html.escape(_days(history.horizon))}); peak "
        f"<strong>{peak.score:.0f}</strong> ({peak.level.value}) on {peak.at:%Y-%m-%d}</p>"
        f"{_sparkline(history)}"
        "<table><thead><tr><th>date</th><th>score</th><th>level</th>"
        "<th>P(offer)</th><th>findings</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{note}</div>"
    )


def _days(span: dt.timedelta) -> str:
    days = span.total_seconds() / SECONDS_PER_DAY
    return f"{days:g} day" + ("" if days == 1 else "s")
