"""
Activity logs as the form a person hands in: text for a terminal, HTML for Jupyter.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

from pipeline_core._views import html_view, text_view
from pipeline_core.actions import Activity, ActivityLog
from pipeline_core.render import _words as words
from pipeline_core.render._domain import STYLE

__all__ = ["activity_html", "activity_text"]

_HEADERS = ("date", "employer", "position", "activity", "method", "contact", "result")
_WIDEST = 32
"""Text columns longer than this are cut with "…" (the HTML shows everything)."""


def _title(log: ActivityLog) -> str:
    count = log.required_per_week
    required = (
        ""
        if count is None
        else f" ({count} {words.noun(count, 'activity', 'activities')} a week required)"
    )
    return f"Work-search log, {_day(log.start)} to {_day(log.end)}{required}"


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _cells(row: Activity) -> tuple[str, ...]:
    return (
        row.date.isoformat(),
        row.organization,
        row.position,
        words.label(row.kind.value),
        words.MISSING if row.method is None else words.label(row.method.value),
        row.contact or words.MISSING,
        row.result,
    )


def _cut(text: str) -> str:
    text = " ".join(text.split())  # a form has one line per activity
    return text if len(text) <= _WIDEST else text[: _WIDEST - 1] + "…"


def _summary(log: ActivityLog) -> str:
    total = f"{len(log.rows)} {words.noun(len(log.rows), 'activity', 'activities')}"
    weeks = f"{len(log.weeks)} {words.noun(len(log.weeks), 'week')}"
    if log.required_per_week is None:
        return f"{total} in {weeks}."
    short = len(log.short_weeks)
    met = "every week meets the requirement" if not short else f"{short} short"
    return f"{total} in {weeks}; {met}."


@text_view.register
def activity_text(log: ActivityLog, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the views' signature
    """
    Return the log as a form for a terminal: the activities, then the weeks.
    """
    table = [_HEADERS, *(tuple(_cut(cell) for cell in _cells(row)) for row in log.rows)]
    widths = [max(len(line[column]) for line in table) for column in range(len(_HEADERS))]
    lines = [_title(log), ""]
    lines.extend(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in table
    )
    if not log.rows:
        lines.append("(no activities in this window)")
    lines.extend(["", f"{'week of':<10}  {'activities':>10}  {'required':>8}  {'short by':>8}"])
    lines.extend(
        f"{week.start.isoformat():<10}  {week.count:>10}  "
        f"{words.MISSING if week.required is None else week.required:>8}  "
        f"{words.MISSING if week.short_by is None else week.short_by:>8}"
        for week in log.weeks
    )
    lines.extend(["", _summary(log)])
    return "\n".join(lines)


@html_view.register
def activity_html(log: ActivityLog, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the views' signature
    """
    Return the log as an HTML form for Jupyter; every string a person typed is escaped.
    """
    head = "".join(f"<th>{header}</th>" for header in _HEADERS)
    body = (
        "".join(
            "<tr>" + "".join(f"<td>{words.escape(cell)}</td>" for cell in _cells(row)) + "</tr>"
            for row in log.rows
        )
        or f'<tr><td colspan="{len(_HEADERS)}" class="pc-muted">no activities in this window'
        "</td></tr>"
    )
    weeks = "".join(
        "<tr>"
        f'<td class="pc-nowrap">{week.start.isoformat()}</td>'
        f'<td class="pc-num">{week.count}</td>'
        f'<td class="pc-num">{words.MISSING if week.required is None else week.required}</td>'
        f'<td class="pc-num{" pc-warn" if week.short_by else ""}">'
        f"{words.MISSING if week.short_by is None else week.short_by}</td>"
        "</tr>"
        for week in log.weeks
    )
    return (
        f'{STYLE}<div class="pc-view"><p><strong>{words.escape(_title(log))}</strong></p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "<table><thead><tr><th>week of</th><th>activities</th><th>required</th>"
        f"<th>short by</th></tr></thead><tbody>{weeks}</tbody></table>"
        f'<p class="pc-muted">{words.escape(_summary(log))}</p></div>'
    )
