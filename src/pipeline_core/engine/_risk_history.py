"""
Replay over time: the risk of a search at every step of a period, in one sweep.

:func:`risk_history` answers "how did my search's risk move over the last
weeks?". It gives, at each step between ``start`` and ``end``, exactly what
:func:`~pipeline_core.assess` would give at that instant — the score, the
level and the chance of at least one offer (``p_any_offer``) — without
assessing from scratch at each step:

1. each opportunity's history is replayed **once**, keeping its state after
   each instant that has events (its *change points*, epoch seconds);
2. the change points of all opportunities are merged in time order, and the
   steps move forward through them, so a step costs only the changes since
   the step before;
3. the outlook and the facts are computed from those states
   (:func:`~pipeline_core.forecast` and :func:`~pipeline_core.compute_facts`
   with ``states=``), and the rules run on the facts, as in ``assess``. The
   facts that depend on an opportunity's state only (its stage, organisation,
   signals, the instants its durations run from) are worked out once per
   state for the whole period (:func:`pipeline_core.facts.state_facts`), the
   counts of the opportunities known at a step once per set of states
   (:func:`pipeline_core.facts.census`, made again only when a state changes
   or an opportunity becomes known); a step adds only the durations to its
   instant (:func:`pipeline_core.facts.facts_from_census`).

The result, :class:`RiskHistory`, prints as a table, renders as HTML in
Jupyter, converts to plain rows (:meth:`RiskHistory.to_records`, no pandas
needed) and to JSON-safe data (:meth:`RiskHistory.to_dict`); see
:func:`pipeline_core.frames.history_frame` and
:func:`pipeline_core.plots.plot_risk_history`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Final, NamedTuple

import attrs

from pipeline_core._views import html_view, text_view
from pipeline_core.engine._assess import check_search
from pipeline_core.engine._options import (
    DEFAULT_HORIZON,
    DEFAULT_STEP,
    MAX_STEPS,
    Options,
    check_period,
    check_step,
    count_steps,
)
from pipeline_core.facts import (
    Census,
    StateFacts,
    census,
    facts_from_census,
    pipeline_layout,
    state_facts,
)
from pipeline_core.instants import SECONDS_PER_DAY, format_instant, to_utc
from pipeline_core.opportunity import Opportunity
from pipeline_core.outlook import OutlookModel
from pipeline_core.outlook._forecast import headline, outlook_rows, resolve_model
from pipeline_core.replay import OpportunityState, Replay
from pipeline_core.rules import RiskLevel, RuleSet
from pipeline_core.search import Search

__all__ = [
    "HISTORY_COLUMNS",
    "MAX_STEPS",
    "RiskHistory",
    "RiskPoint",
    "change_points",
    "risk_history",
]

HISTORY_COLUMNS: Final = ("at", "score", "level", "p_any_offer", "findings")
"""The columns of :meth:`RiskHistory.to_records`, in order."""

_NEG_INF: Final = float("-inf")


@attrs.frozen(kw_only=True)
class RiskPoint:
    """
    The risk of a search at one step: what :func:`~pipeline_core.assess` gives at that instant.

    .. versionadded:: 0.1.0
    """

    at: dt.datetime
    """The instant (UTC)."""
    score: float
    """The risk score, in [0, 100]."""
    level: RiskLevel
    """The score's band."""
    p_any_offer: float
    """The chance of at least one offer within the horizon, seen from ``at``."""
    findings: tuple[str, ...]
    """The ids of the rules that fired, strongest first."""

    def to_record(self) -> dict[str, Any]:
        """
        Return the point as one plain row (the columns of :data:`HISTORY_COLUMNS`).

        ``at`` stays a datetime and ``level`` becomes its text; ``findings``
        is the rule ids joined by ``", "``.
        """
        return {
            "at": self.at,
            "score": self.score,
            "level": self.level.value,
            "p_any_offer": self.p_any_offer,
            "findings": ", ".join(self.findings),
        }


def _to_points(value: tuple[RiskPoint, ...] | list[RiskPoint]) -> tuple[RiskPoint, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class RiskHistory:
    """
    A search's risk at each step of a period, oldest first (see :func:`risk_history`).

    Attributes:
        points: One :class:`RiskPoint` per step, in time order.
        horizon: The outlook's horizon at every step.
        step: The time between two steps.
        rules_identity: The identity of the rule set (``"sha256:…"``).
        levels: The scores at which ``moderate``, ``high`` and ``critical``
            begin in that rule set (for drawing the bands).

    .. versionadded:: 0.1.0
    """

    points: tuple[RiskPoint, ...] = attrs.field(converter=_to_points)
    horizon: dt.timedelta
    step: dt.timedelta
    rules_identity: str
    levels: tuple[float, ...]

    def __len__(self) -> int:
        """
        Return the number of steps.
        """
        return len(self.points)

    def __iter__(self) -> Iterator[RiskPoint]:
        """
        Iterate over the points, oldest first.
        """
        return iter(self.points)

    @property
    def peak(self) -> RiskPoint:
        """
        The riskiest step (the earliest, when several share the highest score).
        """
        return max(self.points, key=lambda point: point.score)

    def to_records(self) -> list[dict[str, Any]]:
        """
        Return one plain row per step (columns :data:`HISTORY_COLUMNS`); no pandas needed.
        """
        return [point.to_record() for point in self.points]

    def to_dict(self) -> dict[str, Any]:
        """
        Return the history as JSON-safe primitives (instants in ISO 8601, durations in days).
        """
        return {
            "horizon_days": self.horizon.total_seconds() / SECONDS_PER_DAY,
            "step_days": self.step.total_seconds() / SECONDS_PER_DAY,
            "rules_identity": self.rules_identity,
            "levels": list(self.levels),
            "points": [
                {
                    "at": format_instant(point.at),
                    "score": point.score,
                    "level": point.level.value,
                    "p_any_offer": point.p_any_offer,
                    "findings": list(point.findings),
                }
                for point in self.points
            ],
        }

    def __str__(self) -> str:
        """
        Return the history as a table for a terminal, one line per step.
        """
        return text_view(self)

    def _repr_html_(self) -> str:
        """
        Return the history as HTML for Jupyter: a sparkline and the steps where things changed.

        The table lists the first and last steps and each step where the level
        or the fired rules changed (``to_records()`` has every step); every
        string is escaped.
        """
        return html_view(self)


class _Track(NamedTuple):
    """
    One opportunity over a period: the instants its state changes, its states and their facts.

    Attributes:
        times: The change points, in epoch seconds: ``-inf`` (the state at the
            first step), then one per distinct event instant after the first step.
        states: The state from each change point on.
        parts: Each state's :class:`~pipeline_core.facts.StateFacts`.
    """

    times: list[float]
    states: list[OpportunityState]
    parts: list[StateFacts]


def change_points(
    opportunity: Opportunity, start_ts: float
) -> tuple[list[float], list[OpportunityState]]:
    """
    Replay one opportunity once; return the instants at which its state changes, and the states.

    The first change point is ``-inf``, holding the state at ``start_ts`` (the
    first step); then one per distinct event instant after it, holding the
    state after every event at that instant (``replay`` with ``until_ts``
    includes events *at* the instant). States before the first step are never
    read, so they are not built.

    Args:
        opportunity: The opportunity.
        start_ts: The first step, in epoch seconds.

    Returns:
        The change points and the state from each on.
    """
    events = opportunity.events
    if not events or events[-1].at.timestamp() <= start_ts:
        # Nothing changes during the period (most opportunities of a search have ended): the
        # state at every step is the one after all events, which the opportunity keeps once
        # replayed (assess reads the same one).
        return [_NEG_INF], [opportunity.state()]
    created = opportunity.created_at
    replaying = Replay(opportunity.pipeline, None if created is None else created.timestamp())
    times = [_NEG_INF]
    states: list[OpportunityState] = []
    instants = [event.at.timestamp() for event in events]
    count = len(events)
    for position, event in enumerate(events):
        ts = instants[position]
        if ts > start_ts and not states:
            states.append(replaying.freeze())  # every event so far is at or before the start
        replaying.step(event, ts, position)
        if ts <= start_ts or (position + 1 < count and instants[position + 1] == ts):
            continue
        times.append(ts)
        states.append(replaying.freeze())
    return times, states


def _tracks(search: Search, start_ts: float) -> list[_Track]:
    """
    Each opportunity's :class:`_Track` from ``start_ts`` on: replayed once, facts once per state.
    """
    stages = pipeline_layout(search.pipeline).stages
    tracks = []
    for opportunity in search.opportunities:
        times, states = change_points(opportunity, start_ts)
        parts = [state_facts(opportunity, state, stages) for state in states]
        tracks.append(_Track(times, states, parts))
    return tracks


# A later change of state: (instant, opportunity's position, its state, that state's facts).
_Change = tuple[float, int, OpportunityState, StateFacts]


def _steps(
    tracks: list[_Track], first: dt.datetime, stride: dt.timedelta, count: int
) -> Iterator[tuple[dt.datetime, tuple[OpportunityState, ...], tuple[StateFacts, ...]]]:
    """
    Yield each step's instant, and every opportunity's state and its facts at that instant.

    The steps move forward through every later change of state, in time order, so a
    step costs only the changes since the step before. (The instants of one opportunity
    differ, so the sort never compares states.)
    """
    states = [track.states[0] for track in tracks]
    parts = [track.parts[0] for track in tracks]
    changes: list[_Change] = sorted(
        (ts, position, state, part)
        for position, track in enumerate(tracks)
        for ts, state, part in zip(track.times[1:], track.states[1:], track.parts[1:], strict=True)
    )
    applied = 0
    frozen, frozen_parts = tuple(states), tuple(parts)
    for index in range(count):
        when = first + index * stride
        now = when.timestamp()
        if applied < len(changes) and changes[applied][0] <= now:
            while applied < len(changes) and changes[applied][0] <= now:
                _, position, states[position], parts[position] = changes[applied]
                applied += 1
            frozen, frozen_parts = tuple(states), tuple(parts)
        yield when, frozen, frozen_parts


def risk_history(
    search: Search,
    *,
    start: dt.datetime,
    end: dt.datetime,
    step: dt.timedelta = DEFAULT_STEP,
    horizon: dt.timedelta = DEFAULT_HORIZON,
    rules: RuleSet | None = None,
    model: OutlookModel | None = None,
) -> RiskHistory:
    """
    Return the search's risk at each step from ``start`` to ``end``, in one sweep over the events.

    The steps are ``start``, ``start + step``, … up to ``end`` (included when
    it falls on a step). Steps are exact durations on the UTC time line, so a
    daily step keeps the same UTC hour across a daylight-saving change. Each point equals what
    ``assess(search, as_of=point.at, horizon=horizon, rules=rules, model=model)``
    gives — the same score, level, findings and ``p_any_offer`` — but each
    opportunity's events are replayed once for the whole period rather than
    once per step (see the module's documentation).

    Args:
        search: The search.
        start: The first instant (any aware datetime; pendulum's too).
        end: The last instant; not before ``start``.
        step: The time between steps (one day by default).
        horizon: The outlook's horizon, as in :func:`~pipeline_core.assess`.
        rules: The rule set; :func:`~pipeline_core.default_rules` when ``None``.
        model: The outlook model; ``None`` for the published figures.

    Returns:
        The :class:`RiskHistory`.

    Raises:
        WrongTypeError: an argument has the wrong type.
        NaiveDatetimeError: ``start`` or ``end`` has no time zone.
        InvalidValueError: ``end`` is before ``start``, the step is not
            positive, there would be more than :data:`MAX_STEPS` steps, the
            horizon is out of range, or the model is for another pipeline.

    .. versionadded:: 0.1.0
    """
    checked = check_search(search)
    first = to_utc(start, field="start")
    last = to_utc(end, field="end")
    check_period(first, last)
    stride = check_step(step)
    options = Options(horizon=horizon, rules=rules, model=model)
    count = count_steps(first, last, stride)
    model_ = resolve_model(checked, options.model)
    tracks = _tracks(checked, first.timestamp())
    points = _points(checked, _steps(tracks, first, stride, count), options, model_)
    rules_ = options.rules
    return RiskHistory(
        points=points,
        horizon=options.horizon,
        step=stride,
        rules_identity=rules_.identity,
        levels=rules_.scoring.levels,
    )


def _points(
    search: Search,
    steps: Iterator[tuple[dt.datetime, tuple[OpportunityState, ...], tuple[StateFacts, ...]]],
    options: Options,
    model: OutlookModel,
) -> list[RiskPoint]:
    """
    Score the search at each step, from the states and their facts at that step.

    The options were checked once for the whole period; only the outlook's headline
    figures are needed at a step (no Outlook object is built), and a point needs the
    score and the rule ids, not the findings' messages and evidence.
    """
    horizon_days = options.horizon_days
    score = options.rules.score
    names = pipeline_layout(search.pipeline).names
    settled: dict[int, tuple[OpportunityState, tuple[Any, ...]]] = {}
    counted: Census | None = None
    counted_parts: tuple[StateFacts, ...] = ()
    points = []
    for when, states, parts in steps:
        records = outlook_rows(
            search,
            when=when,
            horizon_days=horizon_days,
            model=model,
            states=states,
            settled=settled,
        )
        chances, p_none = headline(records)
        now = when.timestamp()
        # The census holds while no state changes and no opportunity becomes known.
        if counted is None or parts is not counted_parts or now >= counted.changes_at:
            counted, counted_parts = census(parts, names, now), parts
        facts = facts_from_census(
            search,
            when=when,
            horizon_days=horizon_days,
            chances=chances,
            p_no_offer=p_none,
            counted=counted,
        )
        value, level, fired = score(facts)
        points.append(
            RiskPoint(at=when, score=value, level=level, p_any_offer=1.0 - p_none, findings=fired)
        )
    return points
