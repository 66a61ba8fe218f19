"""Properties of derived state: it is a replay of the events, for any day."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.pipeline import StageKind
from pipeline_core.replay import OpportunityState
from pipeline_core.testing import instants, opportunities, pipelines, searches


def straightforward_replay(opportunity: pc.Opportunity, as_of: dt.datetime) -> dict[str, object]:
    """
    The obvious, unoptimised reading of a history, written independently of the library.
    """
    pipeline = opportunity.pipeline
    by_kind = {stage.kind: stage.name for stage in reversed(pipeline.stages)}
    stage = pipeline.stages[0].name
    outcome = None
    last_contact = None
    applied = None
    positives = 0
    for event in opportunity.events:
        if event.at > as_of:
            break
        if isinstance(event, pc.Applied):
            stage, applied, last_contact = by_kind[StageKind.APPLIED], event.at, event.at
        elif isinstance(event, pc.Advanced):
            stage, last_contact = event.stage, event.at
        elif isinstance(event, pc.Offer):
            kind = StageKind.VERBAL_OFFER if event.form == "verbal" else StageKind.WRITTEN_OFFER
            stage, last_contact = by_kind[kind], event.at
        elif isinstance(event, pc.Contact):
            last_contact = event.at
            if event.direction == "inbound":
                outcome = None
        elif isinstance(event, pc.Signal):
            positives += event.polarity == "positive"
        elif isinstance(event, pc.Closed):
            outcome = event.outcome
            if outcome == "accepted":
                stage = by_kind[StageKind.SIGNED]
    return {
        "stage": stage,
        "outcome": outcome,
        "last_contact": None if last_contact is None else last_contact.timestamp(),
        "applied": None if applied is None else applied.timestamp(),
        "positives": positives,
    }


def derived(state: pc.OpportunityState) -> dict[str, object]:
    return {
        "stage": state.stage,
        "outcome": state.outcome,
        "last_contact": state.last_contact_ts,
        "applied": state.applied_ts,
        "positives": state.positive_signals,
    }


@given(opportunities(max_events=14), instants())
def test_derived_state_is_a_straightforward_replay(
    opportunity: pc.Opportunity, as_of: dt.datetime
) -> None:
    """For any history and any day, the derived state equals the obvious replay."""
    assert straightforward_replay(opportunity, as_of) == derived(opportunity.state(as_of))


@given(st.data())
def test_the_same_holds_on_custom_pipelines(data: st.DataObject) -> None:
    """Custom pipeline definitions replay the same way."""
    pipeline = data.draw(pipelines())
    opportunity = data.draw(opportunities(pipeline=pipeline))
    as_of = data.draw(instants())
    assert straightforward_replay(opportunity, as_of) == derived(opportunity.state(as_of))


@given(opportunities(max_events=14), st.data())
def test_state_as_of_equals_the_truncated_history(
    opportunity: pc.Opportunity, data: st.DataObject
) -> None:
    """The state as of an instant is the state of the history cut at that instant."""
    as_of = data.draw(instants())
    kept = tuple(event for event in opportunity.events if event.at <= as_of)
    truncated = pc.Opportunity(
        id=opportunity.id,
        organization=opportunity.organization,
        title=opportunity.title,
        source=opportunity.source,
        created_at=opportunity.created_at,
        events=kept,
        pipeline=opportunity.pipeline,
    )
    assert truncated.state() == opportunity.state(as_of)


@given(st.sampled_from(pc.DEFAULT_PIPELINE.names[:-1]), st.data())
def test_the_stage_option_of_the_kit_is_honoured(stage: str, data: st.DataObject) -> None:
    """opportunities(stage=...) always ends live at that stage (the kit keeps its promise)."""
    example = data.draw(opportunities(stage=stage))
    assert (example.stage, example.is_live) == (stage, True)


@given(st.data())
def test_closed_true_always_ends_with_an_outcome(data: st.DataObject) -> None:
    """opportunities(closed=True) always has an outcome; closed=False never has one."""
    assert data.draw(opportunities(closed=True)).outcome is not None
    assert data.draw(opportunities(closed=False)).outcome is None


@given(searches(max_size=5), instants())
def test_a_replayed_state_is_a_frozen_state_equal_to_one_built_from_its_values(
    search: pc.Search, when: dt.datetime
) -> None:
    """Every replayed state is an OpportunityState, equal (and hash-equal) to a rebuilt one."""
    for state in search.states(when):
        assert type(state) is OpportunityState
        rebuilt = OpportunityState(**attrs.asdict(state, recurse=False))
        assert rebuilt == state
        assert hash(rebuilt) == hash(state)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            state.stage = "elsewhere"  # type: ignore[misc]
