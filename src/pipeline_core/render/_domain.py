"""
Display: searches and opportunities as text for terminals and HTML for Jupyter.

Every string a person typed (organisations, titles, notes) is escaped with
:func:`html.escape` before it reaches HTML. The HTML uses the notebook's own
theme colours (JupyterLab's CSS variables, falling back to ``inherit``), so it
reads in light and dark themes alike.

A search has no "now" of its own: without ``as_of`` the views show dates;
with ``as_of`` they also show how long each opportunity has sat in its stage
and how long since the last contact.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

from pipeline_core._views import html_view, text_view
from pipeline_core.codec import event_to_dict
from pipeline_core.events import Event
from pipeline_core.instants import to_utc
from pipeline_core.opportunity import Opportunity
from pipeline_core.render import _words as words
from pipeline_core.replay import OpportunityState
from pipeline_core.search import Search

__all__ = ["STYLE", "opportunity_html", "opportunity_text", "search_html", "search_text"]

STYLE = """<style>
.pc-view{font-family:var(--jp-ui-font-family,system-ui,sans-serif);font-size:13px;
color:var(--jp-content-font-color1,inherit);max-width:60em}
.pc-view table{border-collapse:collapse;margin:.3em 0}
.pc-view th,.pc-view td{padding:.2em .7em;text-align:left;
border-bottom:1px solid var(--jp-border-color2,rgba(127,127,127,.3))}
.pc-view th{font-weight:600}
.pc-view .pc-muted{opacity:.7}
.pc-view .pc-live{color:var(--jp-success-color1,#2e7d32)}
.pc-view .pc-ended{opacity:.6}
.pc-view .pc-num{text-align:right;font-variant-numeric:tabular-nums}
.pc-view .pc-nowrap{white-space:nowrap}
.pc-view .pc-head{display:flex;align-items:baseline;gap:.6em;flex-wrap:wrap;margin:.2em 0 .4em}
.pc-view .pc-score{font-size:2.2em;font-weight:700;line-height:1}
.pc-view .pc-badge{padding:.1em .6em;border-radius:1em;font-weight:600;
text-transform:uppercase;letter-spacing:.05em;color:#fff}
.pc-view .pc-low{background:#2e7d32;fill:#2e7d32}
.pc-view .pc-moderate{background:#f9a825;fill:#f9a825;color:#000}
.pc-view .pc-high{background:#ef6c00;fill:#ef6c00}
.pc-view .pc-critical{background:#c62828;fill:#c62828}
.pc-view .pc-warn{color:var(--jp-warn-color1,#ef6c00)}
.pc-view details{margin:.3em 0}
.pc-view summary{cursor:pointer;font-weight:600}
.pc-view small{opacity:.75}
</style>"""
"""The shared, theme-aware stylesheet of every HTML view."""


def _as_of(as_of: dt.datetime | None) -> tuple[dt.datetime | None, float | None]:
    if as_of is None:
        return None, None
    when = to_utc(as_of, field="as_of")
    return when, when.timestamp()


@text_view.register
def opportunity_text(opportunity: Opportunity, *, as_of: dt.datetime | None = None) -> str:
    """
    Return a few lines about one opportunity, for a terminal.

    Args:
        opportunity: The opportunity.
        as_of: The day to look at; ``None`` for the whole history, without durations.

    .. versionadded:: 0.1.0
    """
    when, now = _as_of(as_of)
    state = opportunity.state(when)
    lines = [
        f"{opportunity.organization} — {opportunity.title} [{opportunity.id}]",
        f"  stage: {words.stage_text(state)} (since {words.date_at(state.stage_entered_ts)})",
        f"  source: {words.label(opportunity.source.value)}",
        f"  last contact: {words.date_at(state.last_contact_ts)}",
    ]
    if now is not None:
        lines.append(f"  in stage for {words.since(state.stage_entered_ts, now)}")
        lines.append(f"  since last contact: {words.since(state.last_contact_ts, now)}")
    if opportunity.contact is not None:
        lines.append(f"  contact: {opportunity.contact.text}")
    if opportunity.url is not None:
        lines.append(f"  posting: {opportunity.url}")
    return "\n".join(lines)


@text_view.register
def search_text(search: Search, *, as_of: dt.datetime | None = None) -> str:
    """
    Return a search as lines of text: a summary line, then each opportunity.

    .. versionadded:: 0.1.0
    """
    when, _ = _as_of(as_of)
    states = search.states(when)
    live = sum(state.is_live for state in states)
    heading = f"Search: {len(search)} opportunities, {live} live"
    if when is not None:
        heading += f", as of {words.moment(when)}"
    parts = [heading]
    parts.extend(opportunity_text(opportunity, as_of=when) for opportunity in search)
    return "\n".join(parts)


def _row(opportunity: Opportunity, state: OpportunityState, now: float | None) -> str:
    css = "pc-live" if state.is_live else "pc-ended"
    cells = [
        words.escape(opportunity.organization),
        words.escape(opportunity.title),
        f'<span class="{css}">{words.escape(words.stage_text(state))}</span>',
        words.escape(words.label(opportunity.source.value)),
        words.date_at(state.last_contact_ts),
    ]
    if now is not None:
        cells.append(words.since(state.stage_entered_ts, now))
        cells.append(words.since(state.last_contact_ts, now))
    # Dates and durations never wrap; names and titles may.
    return (
        "<tr>"
        + "".join(
            f'<td class="pc-nowrap">{cell}</td>' if position >= 4 else f"<td>{cell}</td>"  # noqa: PLR2004
            for position, cell in enumerate(cells)
        )
        + "</tr>"
    )


def _table(search: Search, when: dt.datetime | None, now: float | None) -> str:
    headers = ["Organisation", "Role", "Stage", "Source", "Last contact"]
    if now is not None:
        headers += ["In stage", "Silence"]
    head = "".join(f"<th>{header}</th>" for header in headers)
    rows = "".join(
        _row(opportunity, state, now)
        for opportunity, state in zip(search.opportunities, search.states(when), strict=True)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


@html_view.register
def search_html(search: Search, *, as_of: dt.datetime | None = None) -> str:
    """
    Return a search as a compact HTML table, escaped and theme-aware.

    Args:
        search: The search.
        as_of: The day to look at; ``None`` shows dates only.

    .. versionadded:: 0.1.0
    """
    when, now = _as_of(as_of)
    live = sum(state.is_live for state in search.states(when))
    summary = f"<strong>Search</strong>: {len(search)} opportunities, {live} live"
    if when is not None:
        summary += f' <span class="pc-muted">as of {words.moment(when)}</span>'
    return f'{STYLE}<div class="pc-view"><div>{summary}</div>{_table(search, when, now)}</div>'


@html_view.register
def opportunity_html(opportunity: Opportunity, *, as_of: dt.datetime | None = None) -> str:
    """
    Return one opportunity as HTML: its stage and its history, escaped and theme-aware.

    .. versionadded:: 0.1.0
    """
    when, now = _as_of(as_of)
    state = opportunity.state(when)
    title = (
        f"<strong>{words.escape(opportunity.organization)}</strong> — "
        f"{words.escape(opportunity.title)} "
        f'<span class="pc-muted">[{words.escape(opportunity.id)}]</span>'
    )
    table = f"<table><tbody>{_row(opportunity, state, now)}</tbody></table>"
    events = "".join(
        f"<tr><td>{words.date(event.at)}</td><td>{words.escape(event.type.value)}</td>"
        f"<td>{words.escape(_event_detail(event))}</td></tr>"
        for event in opportunity.events
        if when is None or event.at <= when
    )
    history = f"<table><tbody>{events}</tbody></table>" if events else ""
    return (
        f'{STYLE}<div class="pc-view"><div>{title}</div>{_reach(opportunity)}{table}{history}</div>'
    )


def _reach(opportunity: Opportunity) -> str:
    """The contact and the posting (a link: its scheme is http or https), escaped."""
    parts = []
    if opportunity.contact is not None:
        parts.append(f"contact: {words.escape(opportunity.contact.text)}")
    if opportunity.url is not None:
        url = words.escape(opportunity.url)
        parts.append(f'<a href="{url}" rel="noopener noreferrer">posting</a>')
    return f'<div class="pc-muted">{" · ".join(parts)}</div>' if parts else ""


def _event_detail(event: Event) -> str:
    data = event_to_dict(event)
    skip = {"type", "at"}
    return ", ".join(f"{key}: {value}" for key, value in data.items() if key not in skip)
