"""
DataFrames: a search's opportunities and events as tidy pandas tables.

The public home of these names (extra ``pandas``): import from here.
"""

from __future__ import annotations

from pipeline_core.render._frames import (
    activity_frame,
    activity_weeks_frame,
    events_frame,
    findings_frame,
    history_frame,
    opportunities_frame,
    outlook_frame,
)

__all__ = [
    "activity_frame",
    "activity_weeks_frame",
    "events_frame",
    "findings_frame",
    "history_frame",
    "opportunities_frame",
    "outlook_frame",
]
