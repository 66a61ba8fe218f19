"""
Next actions and past ones: the follow-ups a search calls for, and the proof of search.

``_cadence`` (:class:`Cadence`: the timings, and counting business days), ``_follow_ups``
(:func:`follow_ups`, :class:`FollowUp`, :class:`FollowUpKind`), ``_icalendar``
(:func:`to_icalendar`: the plan as RFC 5545 text) and ``_activity`` (:func:`activity_log`:
what the candidate did, week by week, for a work-search form). Pure functions of the
search and an instant or a window: no clock is read and nothing is written.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from pipeline_core.actions._activity import (
    ACTIVITY_COLUMNS,
    MAX_LOG_DAYS,
    MAX_REQUIRED_PER_WEEK,
    WEEK_COLUMNS,
    Activity,
    ActivityKind,
    ActivityLog,
    ActivityMethod,
    ActivityWeek,
    activity_log,
)
from pipeline_core.actions._cadence import (
    MAX_BUSINESS_DAYS,
    MAX_HOLIDAYS,
    MAX_THANK_YOU_HOURS,
    Cadence,
    add_business_days,
    subtract_business_days,
)
from pipeline_core.actions._follow_ups import (
    DEFAULT_CADENCE,
    FollowUp,
    FollowUpKind,
    follow_ups,
    plan_opportunity,
)
from pipeline_core.actions._icalendar import (
    DEFAULT_CALENDAR_NAME,
    MAX_LINE_OCTETS,
    escape_text,
    fold,
    follow_up_sequence,
    follow_up_uid,
    to_icalendar,
    unfold,
)

__all__ = [
    "ACTIVITY_COLUMNS",
    "DEFAULT_CADENCE",
    "DEFAULT_CALENDAR_NAME",
    "MAX_BUSINESS_DAYS",
    "MAX_HOLIDAYS",
    "MAX_LINE_OCTETS",
    "MAX_LOG_DAYS",
    "MAX_REQUIRED_PER_WEEK",
    "MAX_THANK_YOU_HOURS",
    "WEEK_COLUMNS",
    "Activity",
    "ActivityKind",
    "ActivityLog",
    "ActivityMethod",
    "ActivityWeek",
    "Cadence",
    "FollowUp",
    "FollowUpKind",
    "activity_log",
    "add_business_days",
    "escape_text",
    "fold",
    "follow_up_sequence",
    "follow_up_uid",
    "follow_ups",
    "plan_opportunity",
    "subtract_business_days",
    "to_icalendar",
    "unfold",
]
