"""
Records: a search as plain rows (lists of dicts), for tables, CSV writers and DataFrames.

The public home of these names: import from here.
"""

from __future__ import annotations

from pipeline_core.render._records import (
    EVENT_COLUMNS,
    FINDING_COLUMNS,
    OPPORTUNITY_COLUMNS,
    OUTLOOK_COLUMNS,
    event_records,
    finding_records,
    opportunity_records,
    outlook_records,
)

__all__ = [
    "EVENT_COLUMNS",
    "FINDING_COLUMNS",
    "OPPORTUNITY_COLUMNS",
    "OUTLOOK_COLUMNS",
    "event_records",
    "finding_records",
    "opportunity_records",
    "outlook_records",
]
