"""
Records: a search as plain rows (lists of dicts), for tables, CSV writers and DataFrames.

Dependency-free: the optional :mod:`pipeline_core.frames` turns the same rows
into pandas DataFrames.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline_core.codec import event_to_dict
from pipeline_core.events import Offer
from pipeline_core.instants import to_utc
from pipeline_core.outlook import Outlook
from pipeline_core.render import _words as words
from pipeline_core.report import RiskReport
from pipeline_core.search import Search

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

OPPORTUNITY_COLUMNS = (
    "id",
    "organization",
    "title",
    "source",
    "industry",
    "location",
    "stage",
    "round",
    "outcome",
    "live",
    "applied_at",
    "last_contact_at",
    "days_in_stage",
    "days_since_contact",
    "days_since_inbound",
    "positive_signals",
    "negative_signals",
)
"""The columns of :func:`opportunity_records`, in order."""

_EVENT_DETAILS = (
    "stage",
    "round",
    "direction",
    "channel",
    "polarity",
    "form",
    "deadline",
    "outcome",
    "note",
    "reason",
)
EVENT_COLUMNS = ("opportunity_id", "organization", "type", "at", *_EVENT_DETAILS)
"""The columns of :func:`event_records`, in order."""


FINDING_COLUMNS = (
    "rank",
    "rule_id",
    "title",
    "principal",
    "share",
    "points",
    "strength",
    "weight",
    "covered_by",
    "message",
    "action",
    "evidence",
    "opportunity_ids",
)
"""The columns of :func:`finding_records`, in order."""

OUTLOOK_COLUMNS = (
    "id",
    "organization",
    "source",
    "stage",
    "status",
    "outcome",
    "p_offer_within_horizon",
    "p_offer",
    "p_alive",
    "share",
    "contribution",
    "silence_days",
    "expected_days_to_offer",
    "represents_organization",
)
"""The columns of :func:`outlook_records`, in order."""


def opportunity_records(search: Search, *, as_of: dt.datetime) -> list[dict[str, Any]]:
    """
    Return one row per opportunity: who, where it stands as of ``as_of``, and for how long.

    Columns: ``id``, ``organization``, ``title``, ``source``, ``industry``,
    ``location``, ``stage``, ``round``, ``outcome`` (``None`` while live),
    ``live``, ``applied_at``, ``last_contact_at``, ``days_in_stage``,
    ``days_since_contact``, ``days_since_inbound``, ``positive_signals``,
    ``negative_signals``. Instants are UTC datetimes; durations are days.

    Args:
        search: The search.
        as_of: The day to look at; later events are ignored.

    Returns:
        The rows, in the search's order.

    Raises:
        NaiveDatetimeError: ``as_of`` has no time zone.

    .. versionadded:: 0.1.0
    """
    when = to_utc(as_of, field="as_of")
    now = when.timestamp()
    rows = []
    for opportunity, state in zip(search.opportunities, search.states(when), strict=True):
        rows.append(
            {
                "id": opportunity.id,
                "organization": opportunity.organization,
                "title": opportunity.title,
                "source": opportunity.source.value,
                "industry": opportunity.industry,
                "location": opportunity.location,
                "stage": state.stage,
                "round": state.round,
                "outcome": None if state.outcome is None else state.outcome.value,
                "live": state.is_live,
                "applied_at": words.instant(state.applied_ts),
                "last_contact_at": words.instant(state.last_contact_ts),
                "days_in_stage": words.elapsed_days(state.stage_entered_ts, now),
                "days_since_contact": words.elapsed_days(state.last_contact_ts, now),
                "days_since_inbound": words.elapsed_days(state.last_inbound_ts, now),
                "positive_signals": state.positive_signals,
                "negative_signals": state.negative_signals,
            }
        )
    return rows


def event_records(search: Search) -> list[dict[str, Any]]:
    """
    Return one row per event of every opportunity, in each history's order.

    Columns: ``opportunity_id``, ``organization``, ``type``, ``at`` (a UTC
    datetime), then ``stage``, ``round``, ``direction``, ``channel``,
    ``polarity``, ``form``, ``deadline``, ``outcome``, ``note`` and ``reason``
    (``None`` where the event type has no such field).

    .. versionadded:: 0.1.0
    """
    rows = []
    for opportunity in search.opportunities:
        for event in opportunity.events:
            data = event_to_dict(event)
            row: dict[str, Any] = {
                "opportunity_id": opportunity.id,
                "organization": opportunity.organization,
                "type": data["type"],
                "at": event.at,
            }
            for column in _EVENT_DETAILS:
                row[column] = data.get(column)
            if isinstance(event, Offer):
                row["deadline"] = event.deadline  # the datetime, not its text
            rows.append(row)
    return rows


def finding_records(report: RiskReport) -> list[dict[str, Any]]:
    """
    Return one row per finding of a report, strongest first.

    Columns: ``rank`` (1 for the strongest), ``rule_id``, ``title``,
    ``principal`` (one of the at most four principal findings), ``share``
    (of the score, in [0, 1]), ``points``, ``strength``, ``weight``,
    ``covered_by`` (the rule that counts instead, or ``None``), ``message``,
    ``action``, ``evidence`` (the reasons as one text, ``"; "``-separated)
    and ``opportunity_ids`` (``", "``-separated).

    .. versionadded:: 0.1.0
    """
    return [
        {
            "rank": rank,
            "rule_id": finding.rule_id,
            "title": finding.title,
            "principal": finding.principal,
            "share": finding.share,
            "points": finding.points,
            "strength": finding.strength,
            "weight": finding.weight,
            "covered_by": finding.covered_by,
            "message": finding.message,
            "action": finding.action,
            "evidence": words.evidence_text(finding),
            "opportunity_ids": ", ".join(finding.opportunity_ids),
        }
        for rank, finding in enumerate(report.findings, start=1)
    ]


def outlook_records(outlook: Outlook) -> list[dict[str, Any]]:
    """
    Return one row per opportunity of an outlook, in the search's order.

    Columns: ``id``, ``organization``, ``source``, ``stage``, ``status``
    (``pending``, ``won``, ``closed``, ``not_applied``), ``outcome``
    (``None`` unless closed or won), ``p_offer_within_horizon``, ``p_offer``
    (eventually), ``p_alive``, ``share`` (of the expected offers),
    ``contribution`` (what the search would lose without it),
    ``silence_days`` (``None`` unless pending), ``expected_days_to_offer``
    and ``represents_organization`` (it is the one its organisation is
    counted by). Chances are in [0, 1]; enums are their text values.

    .. versionadded:: 0.1.0
    """
    return [
        {
            "id": item.id,
            "organization": item.organization,
            "source": item.source.value,
            "stage": item.stage,
            "status": item.status.value,
            "outcome": None if item.outcome is None else item.outcome.value,
            "p_offer_within_horizon": item.p_offer_within_horizon,
            "p_offer": item.p_offer,
            "p_alive": item.p_alive,
            "share": item.share,
            "contribution": item.contribution,
            "silence_days": item.silence_days,
            "expected_days_to_offer": item.expected_days_to_offer,
            "represents_organization": item.represents_organization,
        }
        for item in outlook.opportunities
    ]
