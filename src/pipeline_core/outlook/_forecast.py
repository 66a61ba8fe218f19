"""
The outlook: the chance of an offer, and by when, for each opportunity and for the search.

The model (see :doc:`/explanation/outlook`) in brief:

- **Stages.** The pipeline is read as a chain in stage order. Each stage the
  employer decides has a chance of moving on (``p_advance``) and a response
  window (``response_days``); an opportunity's chance of an offer eventually is
  the product of the chances still ahead of it. The "offer" is one that holds:
  the written offer, times the chance it is not taken back before signature.
- **Source.** A referral multiplies the chance of getting past the application;
  an agency recruiter's fee multiplies the hiring decision by 0.8.
- **Signals.** Soft feedback multiplies the odds of the offer (1.5 for each
  positive signal, 0.5 for each negative one, three of each at most), so no
  amount of praise makes an offer certain.
- **Silence.** Bayes: alive-but-slow (the employer answers after an exponential
  wait whose quantile ``response_quantile`` is the stage's window) against dead
  (it never answers). More silence can only lower the chance it is alive.
- **Timing.** The waits still ahead are exponential, so the time to the offer
  is hypoexponential: that gives the chance of an offer *within the horizon*.
- **Search.** Opportunities at one organisation count once (the most promising
  one represents it); organisations are independent, or tied by one Gaussian
  factor with correlation ``correlation`` in the correlated variant.
- **Safety net.** How many fresh applications, sent now, bring the chance of
  no offer within the horizon down to a target.

Everything is pure: :func:`forecast` reads no clock, ignores events after
``as_of``, and returns immutable objects that convert to JSON-safe dicts and
back, print readably and render as HTML in Jupyter.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidValueError
from pipeline_core.instants import SECONDS_PER_DAY, to_utc
from pipeline_core.opportunity import Opportunity
from pipeline_core.outcomes import Outcome
from pipeline_core.outlook._model import OutlookModel, model_for
from pipeline_core.outlook._results import Outlook, assemble
from pipeline_core.outlook._rows import (
    OpportunityRecord,
    OutlookStatus,
    make_record,
    organizations,
    p_none,
)
from pipeline_core.outlook._table import PendingFigures, horizon_table
from pipeline_core.pipeline import StageKind
from pipeline_core.replay import OpportunityState
from pipeline_core.search import Search

__all__ = [
    "DEFAULT_HORIZON",
    "MAX_HORIZON_DAYS",
    "Outlook",
    "OutlookModel",
    "OutlookStatus",
    "Settled",
    "check_horizon_days",
    "forecast",
    "forecast_unchecked",
    "headline",
    "outlook_rows",
    "resolve_model",
    "settled_record",
]

DEFAULT_HORIZON = dt.timedelta(days=30)
"""How far ahead :func:`forecast` looks unless told otherwise: 30 days."""

MAX_HORIZON_DAYS = _checks.MAX_HORIZON_DAYS
"""The longest horizon accepted, in days (ten years): the one limit of every entry point."""

Settled = dict[int, tuple[OpportunityState, Any]]
"""
A memo of settled records for :func:`outlook_rows`: by an opportunity's position, the
state its record was computed from, and the record (an :class:`OpportunityRecord`; typed
loosely so that a caller's memo of plain tuples type-checks too).
"""

_PENDING = OutlookStatus.PENDING
_record = make_record
_PROSPECT = StageKind.PROSPECT


# -- checking the arguments -------------------------------------------------------------------


def check_horizon_days(horizon: object) -> float:
    """
    Return the horizon in days, checked by the one horizon check (``_checks.check_horizon``).

    Raises:
        WrongTypeError: ``horizon`` is not a ``timedelta``.
        InvalidValueError: it is not positive, or longer than :data:`MAX_HORIZON_DAYS`.
    """
    return _checks.check_horizon(horizon, path="horizon").total_seconds() / SECONDS_PER_DAY


def resolve_model(search: Search, model: object) -> OutlookModel:
    """
    Return ``model``, or the published figures of the search's pipeline when it is ``None``.

    Raises:
        WrongTypeError: ``model`` is not an :class:`OutlookModel`.
        InvalidValueError: it was built for another pipeline definition.
    """
    if model is None:
        return model_for(search.pipeline)
    model = _checks.check_instance(
        model, OutlookModel, path="model", allowed="an OutlookModel or None"
    )
    if not model.matches(search.pipeline):
        raise InvalidValueError(
            "the model was built for another pipeline definition",
            path="model.stages",
            received=[figures.name for figures in model.stages],
            allowed=f"the stages of the search's pipeline {search.pipeline.name!r} "
            "(use OutlookModel.for_pipeline(search.pipeline))",
        )
    return model


def _states_of(
    search: Search, when: dt.datetime, states: Sequence[OpportunityState] | None
) -> Sequence[OpportunityState]:
    if states is None:
        return search.states(when)
    if len(states) != len(search.opportunities):
        raise InvalidValueError(
            "expected one state per opportunity",
            path="states",
            received=f"{len(states)} states",
            allowed=f"{len(search.opportunities)} states, in the search's order",
        )
    return states


def forecast(
    search: Search,
    *,
    as_of: dt.datetime,
    horizon: dt.timedelta = DEFAULT_HORIZON,
    model: OutlookModel | None = None,
    states: Sequence[OpportunityState] | None = None,
) -> Outlook:
    """
    Return the outlook of a search: the chance of an offer within the horizon, and why.

    Pure: reads no clock, ignores events after ``as_of``, changes nothing. The
    work per opportunity is a handful of float operations on its replayed
    state; the figures that depend only on the model are computed once and cached.

    Args:
        search: The search.
        as_of: The instant to look from (any aware datetime, pendulum's included).
        horizon: How far ahead to look (a :class:`datetime.timedelta`; pendulum's
            ``Duration`` is one), up to ten years; 30 days by default.
        model: The parameters; ``None`` for the published figures of the
            search's pipeline (:meth:`OutlookModel.for_pipeline`).
        states: The opportunities' states as of ``as_of``, one per
            opportunity in the search's order, when the caller already has
            them (as :func:`~pipeline_core.risk_history` does); ``None`` to
            replay them. They are trusted to be the states as of ``as_of``.

    Returns:
        The outlook.

    Raises:
        WrongTypeError: an argument has the wrong type.
        NaiveDatetimeError: ``as_of`` has no time zone.
        InvalidValueError: the horizon is not positive or is absurd, the
            model was built for another pipeline definition, or ``states``
            does not hold one state per opportunity.
    """
    search = _checks.check_instance(search, Search, path="search", allowed="a Search")
    when = to_utc(as_of, field="as_of")
    horizon_days = check_horizon_days(horizon)
    chosen = resolve_model(search, model)
    replayed = _states_of(search, when, states)
    return forecast_unchecked(
        search, when=when, horizon_days=horizon_days, model=chosen, states=replayed
    )


def forecast_unchecked(
    search: Search,
    *,
    when: dt.datetime,
    horizon_days: float,
    model: OutlookModel,
    states: Sequence[OpportunityState],
) -> Outlook:
    """
    The work of :func:`forecast`, on checked arguments and the states as of ``when``.
    """
    records = outlook_rows(search, when=when, horizon_days=horizon_days, model=model, states=states)
    return assemble(
        records=records,
        as_of=when,
        horizon_days=horizon_days,
        model=model,
        p_fresh_application=horizon_table(model, horizon_days).p_fresh_application,
    )


def headline(records: Sequence[OpportunityRecord]) -> tuple[dict[str, float], float]:
    """
    Each opportunity's chance within the horizon by id, and P(no offer), from the records.

    The same arithmetic, in the same order, as :func:`~._rows.combine` (so the same
    bits): :func:`~pipeline_core.risk_history` needs only these at each step.
    """
    by_id = {record.id: record.p_offer_within_horizon for record in records}
    return by_id, p_none([group[1] for group in organizations(records).values()])


# -- one record per opportunity ---------------------------------------------------------------


def outlook_rows(
    search: Search,
    *,
    when: dt.datetime,
    horizon_days: float,
    model: OutlookModel,
    states: Sequence[OpportunityState],
    settled: Settled | None = None,
) -> list[OpportunityRecord]:
    """
    One record per opportunity: its chances as of ``when``, before the search-level figures.

    :func:`~pipeline_core.risk_history` calls it at every step with arguments it
    checked once for the whole period, and a ``settled`` memo: the record of a
    signed, closed or not-applied opportunity depends on its state only, not on
    the instant, so it is reused while the opportunity keeps the same state object.
    """
    # Everything that depends on the model and the horizon only is looked up, not computed.
    pending = horizon_table(model, horizon_days).pending
    now = when.timestamp()
    tails = _SETTLED_TAILS
    records: list[OpportunityRecord] = []
    append = records.append
    for position, (opportunity, state) in enumerate(zip(search.opportunities, states, strict=True)):
        if state.outcome is not None or state.stage_kind is _PROSPECT:
            if settled is None:  # settled_record, inlined: most opportunities have ended
                head = (opportunity.id, opportunity.organization, opportunity.source, state.stage)
                append(_record(head + tails[state.outcome]))
            else:
                append(_memo_settled(settled, position, opportunity, state))
        else:
            figures = pending[opportunity.source][state.stage_index]
            append(_pending_record(opportunity, state, figures, now, model))
    return records


def _pending_record(
    opportunity: Opportunity,
    state: OpportunityState,
    figures: PendingFigures,
    now: float,
    model: OutlookModel,
) -> OpportunityRecord:
    """
    The record of a pending opportunity: its prior, weighed by its silence and its signals.

    Silence runs from the employer's last word, or from the stage's start if later.
    """
    chance, rest, prior, rate, on_time, expected_days, application, decision = figures
    entered = state.stage_entered_ts
    inbound = state.last_inbound_ts
    start = entered if inbound is None or (entered is not None and entered > inbound) else inbound
    silence = 0.0 if start is None else (now - start) / SECONDS_PER_DAY
    if not silence > 0.0:  # max(0.0, silence), without the call
        silence = 0.0
    survival = math.exp(-rate * silence) if rate > 0.0 else 1.0
    positive = state.positive_signals
    negative = state.negative_signals
    if positive or negative:  # signals are rare: count them (capped) when there are some
        positive = min(positive, model.max_signals)
        negative = min(negative, model.max_signals)
        ratio = model.positive_signal_ratio**positive * model.negative_signal_ratio**negative
    else:
        ratio = 1.0
    if survival == 1.0:
        # No silence to weigh: the posterior depends on the prior chance and the
        # signals only, so equal priors give equal chances, to the last bit (a stage
        # is never a worse place to be than the one before it).
        if ratio == 1.0:
            p_offer, p_alive = prior, chance
        else:
            offer_weight = prior * ratio
            total = offer_weight + (1.0 - prior)
            p_offer = offer_weight / total
            p_alive = (offer_weight + (chance - prior)) / total
    else:
        # Bayes over offer / alive-but-no-offer / dead; a sum of non-negative terms.
        offer_weight = prior * survival * ratio
        alive_weight = offer_weight + chance * survival * (1.0 - rest)
        total = alive_weight + (1.0 - chance)
        p_offer, p_alive = offer_weight / total, alive_weight / total
    return _record(
        (
            opportunity.id,
            opportunity.organization,
            opportunity.source,
            state.stage,
            _PENDING,
            None,
            False,
            p_offer,
            p_offer * on_time,
            p_alive,
            silence,
            expected_days if p_offer > 0.0 else None,
            prior,
            chance,
            rest,
            on_time,
            ratio,
            positive,
            negative,
            application,
            decision,
        )
    )


# -- settled opportunities: signed, closed, not applied ---------------------------------------


def _settled_tail(outcome: Outcome | None) -> tuple[object, ...]:
    """
    The figures of a record that is not pending, after its first four (id to stage).
    """
    if outcome is Outcome.ACCEPTED:
        status, chance, alive, days, on_time = OutlookStatus.WON, 1.0, 1.0, 0.0, 1.0
    elif outcome is not None:
        status, chance, alive, days, on_time = OutlookStatus.CLOSED, 0.0, 0.0, None, 0.0
    else:
        status, chance, alive, days, on_time = OutlookStatus.NOT_APPLIED, 0.0, 1.0, None, 0.0
    return (
        status,
        outcome,
        False,
        chance,
        chance,
        alive,
        None,
        days,
        chance,
        chance,
        chance,
        on_time,
        1.0,
        0,
        0,
        1.0,
        1.0,
    )


_SETTLED_TAILS: Mapping[Outcome | None, tuple[object, ...]] = {
    outcome: _settled_tail(outcome) for outcome in (None, *Outcome)
}
"""The tail of a settled record, for each outcome (``None``: not applied yet)."""


def settled_record(
    opportunity: Opportunity, stage: str, outcome: Outcome | None
) -> OpportunityRecord:
    """
    The record of an opportunity that is not pending: signed, closed, or not applied.
    """
    return _record(
        (opportunity.id, opportunity.organization, opportunity.source, stage)
        + _SETTLED_TAILS[outcome]
    )


def _memo_settled(
    settled: Settled, position: int, opportunity: Opportunity, state: OpportunityState
) -> OpportunityRecord:
    """
    The settled record of the opportunity at ``position``, reused while its state is the same.
    """
    known = settled.get(position)
    if known is None or known[0] is not state:
        known = (state, settled_record(opportunity, state.stage, state.outcome))
        settled[position] = known
    record: OpportunityRecord = known[1]
    return record
