"""
An outlook's rows are the per-opportunity arithmetic, written out plainly, to the bit.

- the records come from a table cached per model and horizon, and the search-level
  figures from one grouping pass: checked bit for bit against the per-opportunity
  arithmetic written out plainly below, from the model's own chain of stages;
- ``with_applications(0)`` rebuilds the same rows from an outlook's own rows.
"""

from __future__ import annotations

import datetime as dt
import math
import pickle
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.outcomes import Outcome
from pipeline_core.outlook import OutlookModel, OutlookStatus, forecast
from pipeline_core.outlook import _math as _outlook_math
from pipeline_core.outlook._table import stage_chain
from pipeline_core.pipeline import StageKind
from pipeline_core.testing import instants, outlook_models, searches

horizons = st.floats(0.5, 400.0).map(lambda days: dt.timedelta(days=days))
DAY = 86_400.0


def created_ts(opportunity: pc.Opportunity) -> float | None:
    """When the opportunity was created, in epoch seconds (None when not said)."""
    return None if opportunity.created_at is None else opportunity.created_at.timestamp()


def exact(value: Any) -> Any:
    """The value with every float replaced by its hex form, so that == compares the bits."""
    if isinstance(value, float):
        return ("float", value.hex())
    if isinstance(value, tuple | list):
        return tuple(exact(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, exact(item)) for key, item in value.items())
    return value


def straight_record(
    opportunity: pc.Opportunity,
    state: Any,
    now: float,
    model: OutlookModel,
    grid: tuple[tuple[float, ...], ...],
) -> tuple[Any, ...]:
    """One opportunity's figures, before the search-level ones, computed step by step."""
    head = (opportunity.id, opportunity.organization, opportunity.source, state.stage)
    outcome = state.outcome
    if outcome is not None or state.stage_kind is StageKind.PROSPECT:
        if outcome is Outcome.ACCEPTED:
            status, chance, alive, days, on_time = OutlookStatus.WON, 1.0, 1.0, 0.0, 1.0
        elif outcome is not None:
            status, chance, alive, days, on_time = OutlookStatus.CLOSED, 0.0, 0.0, None, 0.0
        else:
            status, chance, alive, days, on_time = OutlookStatus.NOT_APPLIED, 0.0, 1.0, None, 0.0
        return (
            *head,
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
    row = stage_chain(model).row(state.stage_index, opportunity.source)
    entered, inbound = state.stage_entered_ts, state.last_inbound_ts
    start = entered if inbound is None or (entered is not None and entered > inbound) else inbound
    silence = 0.0 if start is None else max(0.0, (now - start) / DAY)
    chance = row.stage_chance if row.reachable else 0.0
    survival = math.exp(-row.rate * silence) if row.rate > 0.0 and chance < 1.0 else 1.0
    positive = min(state.positive_signals, model.max_signals)
    negative = min(state.negative_signals, model.max_signals)
    ratio = model.positive_signal_ratio**positive * model.negative_signal_ratio**negative
    prior = chance * row.rest_chance
    if survival == 1.0:
        if ratio == 1.0:
            p_offer, p_alive = prior, chance
        else:
            offer_weight = prior * ratio
            total = offer_weight + (1.0 - prior)
            p_offer = offer_weight / total
            p_alive = (offer_weight + (chance - prior)) / total
    else:
        offer_weight = prior * survival * ratio
        alive_weight = offer_weight + chance * survival * (1.0 - row.rest_chance)
        total = alive_weight + (1.0 - chance)
        p_offer, p_alive = offer_weight / total, alive_weight / total
    on_time = grid[row.phase][-1]
    return (
        *head,
        OutlookStatus.PENDING,
        None,
        False,
        p_offer,
        p_offer * on_time,
        p_alive,
        silence,
        row.expected_days if p_offer > 0.0 else None,
        prior,
        chance,
        row.rest_chance,
        on_time,
        ratio,
        positive,
        negative,
        row.application_factor,
        row.decision_factor,
    )


def straight_rows(
    search: pc.Search, as_of: dt.datetime, horizon_days: float, model: OutlookModel
) -> tuple[tuple[Any, ...], float, float]:
    """Every row of the outlook, P(no offer) and the expected offers, step by step."""
    rates = stage_chain(model).rates
    intervals = _outlook_math.grid_intervals(horizon_days, max(rates, default=0.0))
    grid = _outlook_math.hypoexponential_grid(rates, horizon_days, intervals)
    now = as_of.timestamp()
    records = [
        straight_record(opportunity, opportunity.state(as_of), now, model, grid)
        for opportunity in search.opportunities
    ]
    within = [record[8] for record in records]
    best: dict[str, int] = {}
    runner_up: dict[str, float] = {}
    for position, record in enumerate(records):
        if record[4] not in (OutlookStatus.PENDING, OutlookStatus.WON):
            continue
        key = " ".join(record[1].split()).casefold()
        if key not in best:
            best[key], runner_up[key] = position, 0.0
        elif within[position] > within[best[key]]:
            runner_up[key], best[key] = within[best[key]], position
        else:
            runner_up[key] = max(runner_up[key], within[position])
    chances = [within[position] for position in best.values()]
    p_none = 1.0
    for chance in chances:
        p_none *= 1.0 - chance
    contributions = [0.0] * len(records)
    for order, (key, position) in enumerate(best.items()):
        others = 1.0
        for before in chances[:order]:
            others *= 1.0 - before
        after = 1.0
        for later in reversed(chances[order + 1 :]):
            after *= 1.0 - later
        without = others * after * (1.0 - runner_up[key])
        contributions[position] = min(1.0, max(0.0, without - p_none))
    total = sum(within)
    rows = tuple(
        (
            *record,
            record[8] / total if total > 0.0 else 0.0,
            contributions[position],
            position in best.values(),
        )
        for position, record in enumerate(records)
    )
    return rows, p_none, sum(chances)


@given(st.data(), searches(max_size=8), instants(), horizons)
def test_the_outlook_is_the_straight_computation_to_the_bit(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime, horizon: dt.timedelta
) -> None:
    """Rows, P(no offer) and the expected offers equal the step-by-step arithmetic, bit for bit."""
    model = data.draw(st.none() | outlook_models(pipeline=search.pipeline))
    outlook = forecast(search, as_of=as_of, horizon=horizon, model=model)
    rows, p_none, expected = straight_rows(
        search, as_of, horizon.total_seconds() / DAY, outlook.model
    )
    assert exact(rows) == exact(outlook.rows)
    assert exact((p_none, 1.0 - p_none, expected)) == exact(
        (outlook.p_no_offer, outlook.p_any_offer, outlook.expected_offers)
    )


@given(st.data(), searches(max_size=8), instants(), horizons)
def test_the_safety_net_keeps_its_rows(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime, horizon: dt.timedelta
) -> None:
    """with_applications(0) rebuilds the same outlook from its own rows, bit for bit."""
    model = data.draw(st.none() | outlook_models(pipeline=search.pipeline))
    outlook = forecast(search, as_of=as_of, horizon=horizon, model=model)
    again = outlook.with_applications(0)
    assert exact(again.rows) == exact(outlook.rows)
    assert exact(again.p_no_offer) == exact(outlook.p_no_offer)


def test_a_pipeline_definition_keeps_its_hash_through_pickle() -> None:
    """The cached hash of a pipeline definition survives a pickle round trip, and equality holds."""
    pipeline = pc.DEFAULT_PIPELINE
    copy = pickle.loads(pickle.dumps(pipeline))  # noqa: S301 - our own bytes
    assert copy == pipeline
    assert hash(copy) == hash(pipeline)
