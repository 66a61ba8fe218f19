"""
The words of every view: how dates, durations, numbers, chances, plurals and labels read.

One vocabulary for the text, HTML, plain rows and plots that
:mod:`pipeline_core.render` draws, so a date or a chance reads the same in every
view. Values a rule's message also prints go through the rules' own
:func:`~pipeline_core.rules.format_value`, and durations in words through
:func:`~pipeline_core.instants.humanize_days`: a view and a message never disagree.
"""

from __future__ import annotations

import datetime as dt
import html

from pipeline_core.facts import Scalar
from pipeline_core.instants import SECONDS_PER_DAY, humanize_days
from pipeline_core.replay import OpportunityState
from pipeline_core.rules import Finding, format_value

__all__ = [
    "MISSING",
    "date",
    "date_at",
    "days",
    "decimals",
    "duration",
    "elapsed_days",
    "escape",
    "evidence_text",
    "horizon",
    "instant",
    "label",
    "moment",
    "noun",
    "number",
    "percent",
    "short_identity",
    "since",
    "stage_text",
    "whole",
]

MISSING = "—"
"""What a view shows for a date or a duration that does not exist (yet)."""

_SHORT_IDENTITY = 20
"""Rule-set identities longer than this are cut to their first 19 characters and "…"."""


def escape(text: str) -> str:
    """
    Return ``text`` safe inside HTML, quotes included: every user string goes through it.
    """
    return html.escape(text, quote=True)


# -- numbers ----------------------------------------------------------------------------------


def number(value: Scalar | tuple[Scalar, ...]) -> str:
    """
    Return a value as short text, as rule messages print it (two decimals at most).
    """
    return format_value(value)


def whole(value: float) -> str:
    """
    Return a number rounded to a whole one: ``"42"``.
    """
    return f"{value:.0f}"


def decimals(value: float, digits: int = 2) -> str:
    """
    Return a number with exactly ``digits`` decimals: ``"0.50"``.
    """
    return f"{value:.{digits}f}"


def percent(value: float, digits: int = 0) -> str:
    """
    Return a chance or a share in [0, 1] as a percentage with ``digits`` decimals: ``"42%"``.
    """
    return f"{value:.{digits}%}"


def noun(count: float, singular: str, plural: str | None = None) -> str:
    """
    Return the noun that agrees with ``count``: ``singular`` for exactly one, else the plural.

    Args:
        count: How many.
        singular: The noun for one, such as ``"day"``.
        plural: The noun for any other count; ``singular + "s"`` when ``None``.
    """
    if count == 1:
        return singular
    return singular + "s" if plural is None else plural


# -- instants and durations -------------------------------------------------------------------


def instant(ts: float | None) -> dt.datetime | None:
    """
    Return epoch seconds as a UTC datetime; ``None`` stays ``None``.
    """
    return None if ts is None else dt.datetime.fromtimestamp(ts, tz=dt.UTC)


def elapsed_days(since_ts: float | None, now_ts: float) -> float | None:
    """
    Return the days from ``since_ts`` to ``now_ts`` (epoch seconds); ``None`` without a start.
    """
    return None if since_ts is None else (now_ts - since_ts) / SECONDS_PER_DAY


def date(when: dt.datetime) -> str:
    """
    Return the day of an instant: ``"2026-10-05"``.
    """
    return f"{when:%Y-%m-%d}"


def date_at(ts: float | None) -> str:
    """
    Return the UTC day of epoch seconds, or :data:`MISSING` for ``None``.
    """
    when = instant(ts)
    return MISSING if when is None else date(when)


def moment(when: dt.datetime) -> str:
    """
    Return a UTC instant to the minute: ``"2026-10-05 09:00 UTC"``.
    """
    return f"{when:%Y-%m-%d %H:%M} UTC"


def duration(days_count: float) -> str:
    """
    Return a duration in days as words: ``"3 weeks 2 days"``, ``"5 hours"``, ``"just now"``.
    """
    return humanize_days(days_count)


def since(ts: float | None, now_ts: float | None) -> str:
    """
    Return the time from ``ts`` to ``now_ts`` in words, or :data:`MISSING` if either is unknown.
    """
    if ts is None or now_ts is None:
        return MISSING
    return duration((now_ts - ts) / SECONDS_PER_DAY)


def days(count: float) -> str:
    """
    Return a number of days: ``"1 day"``, ``"30 days"``, ``"2.5 days"``.
    """
    return f"{number(count)} {noun(count, 'day')}"


def horizon(span: dt.timedelta) -> str:
    """
    Return a horizon as a number of days (see :func:`days`).
    """
    return days(span.total_seconds() / SECONDS_PER_DAY)


# -- labels -----------------------------------------------------------------------------------


def label(name: str) -> str:
    """
    Return an identifier (a stage, a source) as words: ``"final_round"`` reads ``"final round"``.
    """
    return name.replace("_", " ")


def stage_text(state: OpportunityState) -> str:
    """
    Return where an opportunity stands: its stage, its round and its outcome, if any.

    Such as ``"interviewing (round 2)"`` or ``"applied, rejected"``.
    """
    text = label(state.stage)
    if state.round:
        text += f" (round {state.round})"
    if state.outcome is not None:
        text += f", {state.outcome.value}"
    return text


def short_identity(identity: str) -> str:
    """
    Return a rule set's identity cut to a glance: its first 19 characters and "…".
    """
    if len(identity) > _SHORT_IDENTITY:
        return identity[: _SHORT_IDENTITY - 1] + "…"
    return identity


def evidence_text(finding: Finding) -> str:
    """
    Return a finding's evidence as one text, its reasons ``"; "``-separated.
    """
    return "; ".join(str(item) for item in finding.evidence)
