"""
Review: the report with what to do next, and when to look again.

:func:`review` is :func:`~pipeline_core.assess` plus two answers an app needs to stop
polling: the follow-ups to send next (:attr:`RiskReport.next_actions
<pipeline_core.report.RiskReport.next_actions>`) and the earliest instant at which the
report would change if nothing new happened (:attr:`RiskReport.next_review_at
<pipeline_core.report.RiskReport.next_review_at>`).

The report *changes* when its set of findings or its level changes, or a follow-up falls
due; the score alone moves a little every hour (silences grow) and does not count. The
instant is found without knowing how any rule is written, so custom and declarative
rules are covered too: the follow-ups' due dates are known exactly; for the findings, one
:func:`~pipeline_core.risk_history` sweep over the look-ahead in steps of
:data:`REVIEW_STEP` finds the first step that differs, and bisection narrows it to
:data:`REVIEW_PRECISION`. A change that comes and goes again within one step can be
missed; that is the price of not reading the rules.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from pipeline_core import _checks
from pipeline_core.actions import Cadence, FollowUp, follow_ups
from pipeline_core.engine._assess import assess_checked, check_search
from pipeline_core.engine._options import DEFAULT_HORIZON, Options
from pipeline_core.engine._risk_history import risk_history
from pipeline_core.exceptions import InvalidValueError
from pipeline_core.instants import to_utc
from pipeline_core.outlook import OutlookModel
from pipeline_core.report import MAX_NEXT_ACTIONS, RiskReport
from pipeline_core.rules import RiskLevel, RuleSet
from pipeline_core.search import Search

__all__ = [
    "DEFAULT_LOOK_AHEAD",
    "MAX_LOOK_AHEAD",
    "REVIEW_PRECISION",
    "REVIEW_STEP",
    "review",
]

DEFAULT_LOOK_AHEAD: Final = dt.timedelta(days=30)
"""How far ahead :func:`review` looks for the next change, by default."""

MAX_LOOK_AHEAD: Final = dt.timedelta(days=366)
"""The longest look-ahead :func:`review` accepts."""

REVIEW_STEP: Final = dt.timedelta(hours=6)
"""The step of the sweep that looks for the next change of the findings."""

REVIEW_PRECISION: Final = dt.timedelta(minutes=1)
"""How closely the next change of the findings is pinned down."""

_Signature = tuple[frozenset[str], RiskLevel]
"""What counts as the report changing: the fired rules and the level."""


def review(
    search: Search,
    *,
    as_of: dt.datetime,
    horizon: dt.timedelta = DEFAULT_HORIZON,
    rules: RuleSet | None = None,
    model: OutlookModel | None = None,
    cadence: Cadence | None = None,
    look_ahead: dt.timedelta = DEFAULT_LOOK_AHEAD,
) -> RiskReport:
    """
    Assess a search, plan its follow-ups, and say when the report will next change.

    Pure, like :func:`~pipeline_core.assess`: no clock is read and events after
    ``as_of`` are ignored. It costs a risk history over the look-ahead (about a hundred
    assessments' worth of work for 30 days), so use :func:`~pipeline_core.assess` when
    only the score and the findings are needed.

    Args:
        search: The search.
        as_of: The instant to assess at (any aware datetime).
        horizon: The outlook's horizon, as for :func:`~pipeline_core.assess`.
        rules: The rule set; :func:`~pipeline_core.default_rules` when ``None``.
        model: The outlook model; ``None`` for the published figures.
        cadence: The follow-up timings; the default :class:`~pipeline_core.Cadence`
            when ``None``.
        look_ahead: How far ahead to look for the next change, in
            (0, :data:`MAX_LOOK_AHEAD`].

    Returns:
        The report of :func:`~pipeline_core.assess`, with ``next_actions`` (the
        soonest :data:`~pipeline_core.report.MAX_NEXT_ACTIONS` follow-ups, overdue
        ones first) and ``next_review_at`` (``None`` when nothing changes within the
        look-ahead).

    Raises:
        WrongTypeError: an argument has the wrong type (the path names it).
        NaiveDatetimeError: ``as_of`` has no time zone.
        InvalidValueError: the horizon or the look-ahead is out of range, or
            ``model`` was built for another pipeline definition.

    .. versionadded:: 0.1.0
    """
    checked = check_search(search)
    when = to_utc(as_of, field="as_of")
    options = Options(horizon=horizon, rules=rules, model=model)
    until = when + check_look_ahead(look_ahead)
    report = assess_checked(checked, when=when, options=options)
    planned = follow_ups(checked, as_of=when, cadence=cadence)
    return attrs.evolve(
        report,
        next_actions=planned[:MAX_NEXT_ACTIONS],
        next_review_at=next_change(checked, report, planned, options=options, until=until),
    )


def check_look_ahead(look_ahead: object) -> dt.timedelta:
    """
    Return ``look_ahead`` as a plain ``timedelta`` in (0, :data:`MAX_LOOK_AHEAD`].

    Raises:
        WrongTypeError: it is not a ``timedelta``.
        InvalidValueError: it is not positive, or longer than :data:`MAX_LOOK_AHEAD`.
    """
    checked = _checks.check_horizon(look_ahead, path="look_ahead")
    if checked > MAX_LOOK_AHEAD:
        raise InvalidValueError(
            "look-ahead too long",
            path="look_ahead",
            received=str(checked),
            allowed=f"at most {MAX_LOOK_AHEAD.days} days",
        )
    return checked


def next_change(
    search: Search,
    report: RiskReport,
    planned: tuple[FollowUp, ...],
    *,
    options: Options,
    until: dt.datetime,
) -> dt.datetime | None:
    """
    The earliest instant in (``report.as_of``, ``until``] at which the report changes.

    A follow-up falling due is a change at its due instant; a change of the findings
    or the level is found by a sweep and bisection (see the module). ``None`` when
    neither happens by ``until``.
    """
    when = report.as_of
    falls_due = min((item.due for item in planned if item.due > when), default=None)
    end = until if falls_due is None else min(until, falls_due)
    changed = _first_change(search, _signature(report), when, end, options)
    if changed is not None:
        return changed
    return falls_due if falls_due is not None and falls_due <= until else None


def _signature(report: RiskReport) -> _Signature:
    return frozenset(finding.rule_id for finding in report.findings), report.level


def _first_change(
    search: Search, base: _Signature, start: dt.datetime, end: dt.datetime, options: Options
) -> dt.datetime | None:
    """
    The first instant in (``start``, ``end``] whose signature is not ``base``, or ``None``.
    """
    history = risk_history(
        search,
        start=start,
        end=end,
        step=REVIEW_STEP,
        horizon=options.horizon,
        rules=options.rules,
        model=options.model,
    )
    previous = start
    for point in history.points:
        if (frozenset(point.findings), point.level) != base:
            return _bisect(search, base, previous, point.at, options)
        previous = point.at
    if previous < end and _signature_at(search, end, options) != base:
        return _bisect(search, base, previous, end, options)
    return None


def _bisect(
    search: Search, base: _Signature, same: dt.datetime, other: dt.datetime, options: Options
) -> dt.datetime:
    """
    Narrow (``same``, ``other``] down to :data:`REVIEW_PRECISION`; return its end.
    """
    while other - same > REVIEW_PRECISION:
        middle = same + (other - same) / 2
        if _signature_at(search, middle, options) == base:
            same = middle
        else:
            other = middle
    return other


def _signature_at(search: Search, when: dt.datetime, options: Options) -> _Signature:
    return _signature(assess_checked(search, when=when, options=options))
