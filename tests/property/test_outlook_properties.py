"""
Invariants of the outlook, for any search the shipped strategies can build.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.outlook import (
    MAX_APPLICATIONS,
    MIN_TRIALS_FOR_COMPARISON,
    Outlook,
    forecast,
)
from pipeline_core.outlook import _math as _outlook_math
from pipeline_core.outlook._table import stage_chain
from pipeline_core.testing import instants, opportunities, outlook_models, pipelines, searches

horizons = st.floats(0.5, 400.0).map(lambda days: dt.timedelta(days=days))
CHANCES = (
    "p_offer",
    "p_offer_within_horizon",
    "p_alive",
    "share",
    "contribution",
    "prior_chance",
    "stage_chance",
    "rest_chance",
    "p_on_time",
)


ROUNDING = 1e-12
"""
Where two chances are mathematically equal or differ by less than double precision
(a stage chance of 0.9999999999999999 and one second of silence), two formulas may
round them either way; the properties that compare such chances allow this much.
"""


def last_instant(search: pc.Search) -> dt.datetime:
    stamps = [event.at for opportunity in search for event in opportunity.events]
    return max(stamps, default=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


@given(st.data(), searches(), instants(), horizons)
def test_every_chance_is_in_the_unit_interval(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime, horizon: dt.timedelta
) -> None:
    """Every chance of every opportunity, and of the search, is in [0, 1], whatever the model."""
    model = data.draw(outlook_models(pipeline=search.pipeline))
    outlook = forecast(search, as_of=as_of, horizon=horizon, model=model)
    values = [getattr(item, name) for item in outlook.opportunities for name in CHANCES]
    values += [
        outlook.p_any_offer,
        outlook.p_no_offer,
        outlook.p_any_offer_correlated,
        outlook.p_fresh_application,
    ]
    assert all(0.0 <= value <= 1.0 for value in values)


@given(st.data(), searches(), instants(), horizons)
def test_within_the_horizon_never_exceeds_eventually(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime, horizon: dt.timedelta
) -> None:
    """An offer within the horizon is an offer eventually."""
    model = data.draw(outlook_models(pipeline=search.pipeline))
    outlook = forecast(search, as_of=as_of, horizon=horizon, model=model)
    assert all(item.p_offer_within_horizon <= item.p_offer for item in outlook.opportunities)


@given(searches(), instants())
def test_shares_split_the_whole(search: pc.Search, as_of: dt.datetime) -> None:
    """Shares sum to one when anything is expected, and are all zero otherwise."""
    outlook = forecast(search, as_of=as_of)
    total = sum(outlook.shares.values())
    expected = 1.0 if any(outlook.by_opportunity.values()) else 0.0
    assert expected == pytest.approx(total)


@given(st.data(), searches(max_size=5))
def test_adding_an_opportunity_never_lowers_the_chance_of_an_offer(
    data: st.DataObject, search: pc.Search
) -> None:
    """One more opportunity can only help: P(any offer), its correlated variant, expected offers."""
    added = data.draw(opportunities(id="added-opportunity", pipeline=search.pipeline))
    as_of = data.draw(instants())
    model = data.draw(outlook_models(pipeline=search.pipeline))
    before = forecast(search, as_of=as_of, model=model)
    after = forecast(search.add(added), as_of=as_of, model=model)
    assert (True, True, True) == (
        after.p_any_offer >= before.p_any_offer,
        after.p_any_offer_correlated >= before.p_any_offer_correlated,
        after.expected_offers >= before.expected_offers,
    )


def move_into(stage: pc.Stage, at: dt.datetime) -> pc.Event:
    """The event that moves an opportunity into ``stage`` (a different, later stage)."""
    if stage.kind is pc.StageKind.APPLIED:
        return pc.Applied(at=at)
    if stage.kind is pc.StageKind.VERBAL_OFFER:
        return pc.Offer(at=at, form="verbal")
    if stage.kind is pc.StageKind.WRITTEN_OFFER:
        return pc.Offer(at=at, form="written")
    if stage.kind is pc.StageKind.SIGNED:
        return pc.Closed(at=at, outcome="accepted")
    return pc.Advanced(at=at, stage=stage.name)


@given(st.data(), st.one_of(st.just(pc.DEFAULT_PIPELINE), pipelines()))
def test_moving_to_a_later_stage_never_lowers_the_chance_of_an_offer(
    data: st.DataObject, pipeline: pc.PipelineDefinition
) -> None:
    """Seen at the moment of the move, a later stage is never a worse place to be.

    (Up to ROUNDING: the move switches from the silence formula to the exact one.)
    """
    opportunity = data.draw(opportunities(pipeline=pipeline, closed=False))
    state = opportunity.state()
    assume(state.is_live)
    later = sorted(
        name
        for name in pipeline.next_stages(state.stage)
        if pipeline.index(name) > state.stage_index
    )
    assume(later)
    target = pipeline.stage(data.draw(st.sampled_from(later)))
    start = (
        opportunity.events[-1].at
        if opportunity.events
        else opportunity.created_at or dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    when = start + dt.timedelta(seconds=data.draw(st.integers(0, 60 * 86_400)))
    moved = opportunity.with_event(move_into(target, when))
    model = data.draw(outlook_models(pipeline=pipeline))
    before = forecast(
        pc.Search(opportunities=(opportunity,), pipeline=pipeline), as_of=when, model=model
    )
    after = forecast(pc.Search(opportunities=(moved,), pipeline=pipeline), as_of=when, model=model)
    assert after.opportunities[0].p_offer >= before.opportunities[0].p_offer - ROUNDING


@given(st.data(), st.one_of(st.just(pc.DEFAULT_PIPELINE), pipelines()), st.sampled_from(pc.Source))
def test_prior_chance_grows_along_the_chain(
    data: st.DataObject, pipeline: pc.PipelineDefinition, source: pc.Source
) -> None:
    """Before silence and signals, each stage's chance is at least the previous stage's."""
    model = data.draw(outlook_models(pipeline=pipeline))
    kinds = [stage.kind for stage in pipeline.stages]
    first, last = kinds.index(pc.StageKind.APPLIED), kinds.index(pc.StageKind.SIGNED)
    priors = []
    for position in range(first, last):
        row = stage_chain(model).row(position, source)
        priors.append(row.stage_chance * row.rest_chance)
    assert priors == sorted(priors)


@given(st.data(), opportunities(), st.integers(0, 90 * 86_400), st.integers(0, 90 * 86_400))
def test_more_silence_never_raises_the_chance_it_is_alive(
    data: st.DataObject, opportunity: pc.Opportunity, first: int, more: int
) -> None:
    """Waiting longer without news can only lower P(alive), P(offer) and P(offer in time).

    (Up to ROUNDING: no silence at all and one second of it use different formulas.)
    """
    model = data.draw(outlook_models())
    start = (
        opportunity.events[-1].at if opportunity.events else dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    search = pc.Search(opportunities=(opportunity,))
    early = forecast(search, as_of=start + dt.timedelta(seconds=first), model=model)
    late = forecast(search, as_of=start + dt.timedelta(seconds=first + more), model=model)
    early_item, late_item = early.opportunities[0], late.opportunities[0]
    assert (True, True, True) == (
        late_item.p_alive <= early_item.p_alive + ROUNDING,
        late_item.p_offer <= early_item.p_offer + ROUNDING,
        late_item.p_offer_within_horizon <= early_item.p_offer_within_horizon + ROUNDING,
    )


@given(st.data(), searches(), st.floats(0.5, 300.0), st.floats(0.01, 300.0))
def test_a_longer_horizon_never_lowers_the_chance_of_an_offer(
    data: st.DataObject, search: pc.Search, days: float, extra: float
) -> None:
    """Looking further ahead can only find more offers (both variants)."""
    as_of = last_instant(search)
    model = data.draw(outlook_models(pipeline=search.pipeline))
    short = forecast(search, as_of=as_of, horizon=dt.timedelta(days=days), model=model)
    long = forecast(search, as_of=as_of, horizon=dt.timedelta(days=days + extra), model=model)
    assert (True, True) == (
        long.p_any_offer >= short.p_any_offer,
        long.p_any_offer_correlated >= short.p_any_offer_correlated,
    )


@given(st.data(), searches(), instants())
def test_the_correlated_variant_is_never_above_independence(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime
) -> None:
    """A shared factor never makes an offer likelier than independence."""
    model = data.draw(outlook_models(pipeline=search.pipeline))
    outlook = forecast(search, as_of=as_of, model=model)
    assert outlook.p_any_offer_correlated <= outlook.p_any_offer


@given(st.lists(st.floats(0.0, 1.0), max_size=12), st.floats(0.0, 0.99))
def test_the_quadrature_stays_above_independence(chances: list[float], rho: float) -> None:
    """Before any clamping, P(none) with a shared factor is at least the independent product.

    (Up to the quadrature's documented accuracy of 1e-5.)
    """
    product = 1.0
    for chance in chances:
        product *= 1.0 - chance
    assert _outlook_math.p_none_correlated(chances, rho) >= product - 1e-5


@given(
    searches(pipeline=pc.DEFAULT_PIPELINE, max_size=4),
    st.floats(0.05, 0.95),
    st.integers(7, 120),
    st.sampled_from([None, *pc.Source]),
    st.booleans(),
)
def test_applications_needed_is_the_smallest_number_that_meets_the_target(
    search: pc.Search,
    target: float,
    days: int,
    source: pc.Source | None,
    correlated: bool,  # noqa: FBT001 - hypothesis passes what it draws positionally
) -> None:
    """k applications meet the target and k - 1 do not; None means even the cap does not."""
    outlook = forecast(search, as_of=last_instant(search), horizon=dt.timedelta(days=days))

    def p_none(count: int) -> float:
        what_if = outlook.with_applications(count, source=source)
        return 1.0 - what_if.p_any_offer_correlated if correlated else what_if.p_no_offer

    needed = outlook.applications_needed(target, source=source, correlated=correlated)
    if needed is None:
        assert p_none(MAX_APPLICATIONS) > target
    elif needed == 0:
        assert p_none(0) <= target
    else:
        assert (True, True) == (p_none(needed) <= target, p_none(needed - 1) > target)


@given(st.data(), searches(), instants(), horizons)
def test_outlook_round_trips_through_a_dict(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime, horizon: dt.timedelta
) -> None:
    """from_dict(to_dict()) is equal, and writes the same dict again."""
    model = data.draw(outlook_models(pipeline=search.pipeline))
    outlook = forecast(search, as_of=as_of, horizon=horizon, model=model)
    written = outlook.to_dict()
    back = Outlook.from_dict(written)
    assert (outlook, written) == (back, back.to_dict())


@given(searches(), instants())
def test_events_after_as_of_are_ignored(search: pc.Search, as_of: dt.datetime) -> None:
    """The outlook of a past day is the outlook of the history cut at that day."""
    cut = pc.Search(
        opportunities=tuple(
            attrs.evolve(
                opportunity,
                events=tuple(event for event in opportunity.events if event.at <= as_of),
            )
            for opportunity in search
        ),
        goals=search.goals,
        pipeline=search.pipeline,
    )
    assert forecast(cut, as_of=as_of) == forecast(search, as_of=as_of)


@given(st.integers(0, 200), st.data(), st.floats(0.001, 0.999), st.floats(0.5, 500))
def test_calibrated_chance_lies_between_the_prior_and_the_persons_rate(
    trials: int, data: st.DataObject, prior: float, strength: float
) -> None:
    """The Beta mean is a weighted average of the prior and the observed rate."""
    successes = data.draw(st.integers(0, trials))
    item = pc.StageEvidence(
        stage="applied", prior=prior, prior_strength=strength, trials=trials, successes=successes
    )
    rate = item.observed_rate if item.observed_rate is not None else prior
    low, high = min(prior, rate), max(prior, rate)
    assert low - 1e-12 <= item.posterior <= high + 1e-12


@given(st.integers(0, MIN_TRIALS_FOR_COMPARISON - 1), st.data())
def test_no_comparison_is_claimed_below_the_documented_count(
    trials: int, data: st.DataObject
) -> None:
    """With fewer trials than the documented minimum, the evidence makes no claim."""
    successes = data.draw(st.integers(0, trials))
    item = pc.StageEvidence(
        stage="applied", prior=0.06, prior_strength=20, trials=trials, successes=successes
    )
    assert item.comparison is None
