"""
The proof-of-search activity log: what the candidate did, week by week, for a form.

Unemployment offices ask for a weekly work-search log (US states: date, employer,
position, how, contact, result; Washington asks for three activities a week), and
Germany's job centres for a *Bewerbungsnachweis*. The log lists the candidate's own
activities in a window of days: applications, interviews and outbound contacts (the
follow-ups sent), each with the result so far (as of the window's last day), and counts
them per week (weeks start on Monday) against an optional weekly requirement. Days are
UTC days.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from pipeline_core import _checks
from pipeline_core._views import Views
from pipeline_core.events import Advanced, Applied, Channel, Contact, Direction, Event
from pipeline_core.exceptions import InvalidValueError, WrongTypeError
from pipeline_core.instants import to_utc
from pipeline_core.opportunity import Opportunity
from pipeline_core.outcomes import Outcome
from pipeline_core.pipeline import StageKind
from pipeline_core.replay import OpportunityState
from pipeline_core.search import Search

__all__ = [
    "ACTIVITY_COLUMNS",
    "MAX_LOG_DAYS",
    "MAX_REQUIRED_PER_WEEK",
    "WEEK_COLUMNS",
    "Activity",
    "ActivityKind",
    "ActivityLog",
    "ActivityMethod",
    "ActivityWeek",
    "activity_log",
]

MAX_LOG_DAYS = 731
"""The longest window a log covers, in days (two years: longer than any claim period)."""

MAX_REQUIRED_PER_WEEK = 100
"""The most activities a week a requirement may ask for (more is surely a mistake)."""

ACTIVITY_COLUMNS = (
    "date",
    "organization",
    "position",
    "activity",
    "method",
    "contact",
    "result",
    "opportunity_id",
)
"""The keys of :meth:`ActivityLog.to_rows`, in order."""

WEEK_COLUMNS = ("week_start", "count", "required", "short_by")
"""The keys of :meth:`ActivityLog.week_rows`, in order."""


class ActivityKind(enum.StrEnum):
    """
    What the candidate did.

    .. versionadded:: 0.1.0
    """

    APPLIED = "applied"
    INTERVIEW = "interview"
    """A screening, an interview round, a final round (a stage move)."""
    CONTACT = "contact"
    """A message, call or visit the candidate made: a follow-up, a thank-you note."""


class ActivityMethod(enum.StrEnum):
    """
    How the candidate did it, as work-search forms ask.

    .. versionadded:: 0.1.0
    """

    ONLINE_APPLICATION = "online_application"
    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    VIDEO = "video"
    MESSAGE = "message"
    OTHER = "other"


_METHODS = {channel: ActivityMethod(channel.value) for channel in Channel}


@attrs.frozen(kw_only=True)
class Activity:
    """
    One row of the log: one thing the candidate did.

    .. versionadded:: 0.1.0
    """

    date: dt.date
    """The (UTC) day."""
    at: dt.datetime
    """The instant, in UTC."""
    opportunity_id: str
    """The opportunity it concerns."""
    organization: str
    """The employer."""
    position: str
    """The role."""
    kind: ActivityKind
    """What was done."""
    method: ActivityMethod | None
    """How, when known (an interview's format is not recorded)."""
    contact: str | None
    """Whom to ask at the employer, from the opportunity's contact details."""
    result: str
    """The result so far, as of the log's last day: ``"rejected"``, ``"interviewing"``, …"""


@attrs.frozen(kw_only=True)
class ActivityWeek:
    """
    One week of the log: how many activities, against the requirement.

    .. versionadded:: 0.1.0
    """

    start: dt.date
    """The Monday the week starts on (it may start before the log's window)."""
    count: int
    """The activities of the week inside the window."""
    required: int | None
    """The activities required a week, or ``None`` without a requirement."""
    short_by: int | None
    """How many activities are missing (0 when the week is met), or ``None``."""


@attrs.frozen(kw_only=True)
class ActivityLog(Views):
    """
    The candidate's activities in a window of days, and their count per week.

    Shows itself as a form (``str()``, ``to_html()``, Jupyter); :meth:`to_rows` gives
    plain dicts for a CSV the caller writes, and :func:`pipeline_core.frames.activity_frame`
    a DataFrame (extra ``pandas``).

    .. versionadded:: 0.1.0
    """

    start: dt.date
    """The first day of the window."""
    end: dt.date
    """The last day of the window (included)."""
    required_per_week: int | None
    """The activities required a week, or ``None``."""
    rows: tuple[Activity, ...]
    """The activities, in time order."""
    weeks: tuple[ActivityWeek, ...]
    """Every week that overlaps the window, in order."""

    @property
    def short_weeks(self) -> tuple[ActivityWeek, ...]:
        """
        The weeks with fewer activities than required (none without a requirement).
        """
        return tuple(week for week in self.weeks if week.short_by)

    def to_rows(self) -> list[dict[str, Any]]:
        """
        Return the activities as plain dicts (the keys of :data:`ACTIVITY_COLUMNS`).

        The values are text (the day as ISO 8601, the kind and the method by their
        values) or ``None``, ready for :class:`csv.DictWriter`.
        """
        return [
            {
                "date": row.date.isoformat(),
                "organization": row.organization,
                "position": row.position,
                "activity": row.kind.value,
                "method": None if row.method is None else row.method.value,
                "contact": row.contact,
                "result": row.result,
                "opportunity_id": row.opportunity_id,
            }
            for row in self.rows
        ]

    def week_rows(self) -> list[dict[str, Any]]:
        """
        Return the weeks as plain dicts (the keys of :data:`WEEK_COLUMNS`).
        """
        return [
            {
                "week_start": week.start.isoformat(),
                "count": week.count,
                "required": week.required,
                "short_by": week.short_by,
            }
            for week in self.weeks
        ]


def _to_day(value: object, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return to_utc(value, field=field).date()
    if not isinstance(value, dt.date):
        raise WrongTypeError(
            "expected a date",
            path=field,
            received=value,
            allowed="a datetime.date, or an aware datetime (its UTC day)",
        )
    return value


def _check_window(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise InvalidValueError(
            "the window ends before it starts",
            path="end",
            received=end.isoformat(),
            allowed=f"a day on or after start ({start.isoformat()})",
        )
    if (end - start).days + 1 > MAX_LOG_DAYS:
        raise InvalidValueError(
            "the window is too long",
            path="end",
            received=end.isoformat(),
            allowed=f"at most {MAX_LOG_DAYS} days from start ({start.isoformat()})",
        )


def _check_required(value: object) -> int | None:
    if value is None:
        return None
    required = _checks.check_count(value, field="required_per_week")
    if required > MAX_REQUIRED_PER_WEEK:
        raise InvalidValueError(
            "absurdly many",
            path="required_per_week",
            received=required,
            allowed=f"an integer in [0, {MAX_REQUIRED_PER_WEEK}]",
        )
    return required


def activity_log(
    search: Search,
    *,
    start: dt.date,
    end: dt.date,
    required_per_week: int | None = None,
) -> ActivityLog:
    """
    Return the candidate's activities from ``start`` to ``end`` (both included), by week.

    Pure: events after the window are ignored, so the result so far of each activity is
    as of the end of ``end``.

    Args:
        search: The search.
        start: The first day (a date, or an aware datetime: its UTC day).
        end: The last day, on or after ``start``, at most :data:`MAX_LOG_DAYS` days on.
        required_per_week: Activities required a week (Washington asks for 3), or
            ``None``; at most :data:`MAX_REQUIRED_PER_WEEK`.

    Returns:
        The log.

    Raises:
        WrongTypeError: ``search`` is not a Search, a day not a date, the requirement
            not an integer.
        InvalidValueError: ``end`` is before ``start`` or too far after it, or the
            requirement is negative or absurd (each error names the option).
        NaiveDatetimeError: a day given as a datetime has no time zone.

    .. versionadded:: 0.1.0
    """
    search = _checks.check_instance(search, Search, path="search", allowed="Search")
    first, last = _to_day(start, "start"), _to_day(end, "end")
    _check_window(first, last)
    required = _check_required(required_per_week)
    until = dt.datetime.combine(last, dt.time.max, tzinfo=dt.UTC)
    rows = sorted(
        (row for opportunity in search.opportunities for row in _rows(opportunity, first, until)),
        key=lambda row: (row.at, row.organization, row.opportunity_id),
    )
    return ActivityLog(
        start=first,
        end=last,
        required_per_week=required,
        rows=tuple(rows),
        weeks=_weeks(rows, first, last, required),
    )


def _rows(opportunity: Opportunity, first: dt.date, until: dt.datetime) -> list[Activity]:
    chosen = [
        (event, kind)
        for event in opportunity.events
        if first <= event.at.date() and event.at <= until
        if (kind := _kind(event)) is not None
    ]
    if not chosen:
        return []
    result = _result(opportunity.state(until))
    contact = None if opportunity.contact is None else opportunity.contact.text
    return [
        Activity(
            date=event.at.date(),
            at=event.at,
            opportunity_id=opportunity.id,
            organization=opportunity.organization,
            position=opportunity.title,
            kind=kind,
            method=_method(event),
            contact=contact,
            result=result,
        )
        for event, kind in chosen
    ]


def _kind(event: Event) -> ActivityKind | None:
    if isinstance(event, Applied):
        return ActivityKind.APPLIED
    if isinstance(event, Advanced):
        return ActivityKind.INTERVIEW
    if isinstance(event, Contact) and event.direction is Direction.OUTBOUND:
        return ActivityKind.CONTACT
    return None


def _method(event: Event) -> ActivityMethod | None:
    if isinstance(event, Applied):
        return ActivityMethod.ONLINE_APPLICATION
    if isinstance(event, Contact):
        return ActivityMethod.OTHER if event.channel is None else _METHODS[event.channel]
    return None


_OUTCOME_RESULTS = {
    Outcome.ACCEPTED: "offer accepted",
    Outcome.REJECTED: "rejected",
    Outcome.WITHDRAWN: "withdrew",
    Outcome.GHOSTED: "no answer (ghosted)",
    Outcome.CANCELLED: "position cancelled",
    Outcome.RESCINDED: "offer rescinded",
    Outcome.DECLINED: "offer declined",
}
_STAGE_RESULTS = {
    StageKind.PROSPECT: "not applied yet",
    StageKind.APPLIED: "awaiting an answer",
    StageKind.VERBAL_OFFER: "verbal offer",
    StageKind.WRITTEN_OFFER: "written offer",
}


def _result(state: OpportunityState) -> str:
    if state.outcome is not None:
        return _OUTCOME_RESULTS[state.outcome]
    words = _STAGE_RESULTS.get(state.stage_kind)
    if words is not None:
        return words
    stage = state.stage.replace("_", " ")
    return stage if state.round is None else f"{stage} (round {state.round})"


def _weeks(
    rows: list[Activity], first: dt.date, last: dt.date, required: int | None
) -> tuple[ActivityWeek, ...]:
    monday = first - dt.timedelta(days=first.weekday())
    counts: dict[dt.date, int] = {}
    for row in rows:
        week = row.date - dt.timedelta(days=row.date.weekday())
        counts[week] = counts.get(week, 0) + 1
    weeks = []
    while monday <= last:
        count = counts.get(monday, 0)
        short = None if required is None else max(0, required - count)
        weeks.append(ActivityWeek(start=monday, count=count, required=required, short_by=short))
        monday += dt.timedelta(days=7)
    return tuple(weeks)
