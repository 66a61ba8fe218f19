"""The decoder's fast paths equal the checked constructors: same objects, same errors."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import attrs
from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core import _checks, codec
from pipeline_core.exceptions import InputError
from pipeline_core.replay import Replay, check_history, history_fits
from pipeline_core.testing import strategies as pst

_EVENT_KEYS = "type at stage round note direction channel polarity form deadline outcome reason x"
_OPPORTUNITY_KEYS = "id organization title source location industry tags created_at events salary y"
_EVENT_CLASSES = (pc.Applied, pc.Advanced, pc.Contact, pc.Signal, pc.Offer, pc.Closed)


def _decode(data: object) -> object:
    """``search_from_dict``'s result, or the error it raises (class, path, message)."""
    try:
        return codec.search_from_dict(data)
    except pc.DecodeError as error:
        return (type(error), error.path, str(error))


def _decode_slowly(data: object) -> object:
    """As :func:`_decode`, with every opportunity decoded by the checked slow path."""
    with mock.patch.object(codec, "_opportunity_quick", return_value=None):
        return _decode(data)


def _rebuilt(event: pc.Event) -> pc.Event:
    """The same event built again by its public, validating constructor."""
    return type(event)(**attrs.asdict(event, recurse=False))


@given(search=pst.searches())
def test_fast_decoding_equals_the_checked_constructors(search: pc.Search) -> None:
    """A decoded search equals the original and every object is its public class, rebuilt equal."""
    decoded = codec.search_from_dict(search.to_dict())
    assert search == decoded
    for opportunity in decoded.opportunities:
        assert type(opportunity) is pc.Opportunity
        fields = attrs.asdict(opportunity, recurse=False)
        fields.pop("_state")
        assert pc.Opportunity(**fields) == opportunity
        for event in opportunity.events:
            assert type(event) in _EVENT_CLASSES
            assert _rebuilt(event) == event


@given(document=pst.interchange_documents())
def test_fast_and_slow_decoding_agree_on_valid_documents(document: dict[str, Any]) -> None:
    """Every valid document decodes to the same search on the fast and the slow path."""
    assert _decode_slowly(document) == _decode(document)


@given(
    document=pst.interchange_documents(min_size=1),
    which=st.integers(min_value=0, max_value=20),
    position=st.integers(min_value=0, max_value=20),
    key=st.sampled_from(_EVENT_KEYS.split()),
    value=pst.json_values(max_leaves=3),
)
def test_fast_and_slow_decoding_agree_on_a_damaged_event(
    document: dict[str, Any], which: int, position: int, key: str, value: Any
) -> None:
    """One event key of one opportunity set to any JSON value: the same search or error."""
    opportunities = document["opportunities"]
    events = opportunities[which % len(opportunities)]["events"]
    if events:
        events[position % len(events)][key] = value
    assert _decode_slowly(document) == _decode(document)


@given(
    document=pst.interchange_documents(min_size=1),
    which=st.integers(min_value=0, max_value=20),
    key=st.sampled_from(_OPPORTUNITY_KEYS.split()),
    value=pst.json_values(max_leaves=3),
)
def test_fast_and_slow_decoding_agree_on_a_damaged_opportunity(
    document: dict[str, Any], which: int, key: str, value: Any
) -> None:
    """One key of one opportunity set to any JSON value: the same search or the same error."""
    opportunities = document["opportunities"]
    opportunities[which % len(opportunities)][key] = value
    assert _decode_slowly(document) == _decode(document)


@given(
    document=pst.interchange_documents(min_size=2),
    data=st.data(),
)
def test_fast_and_slow_decoding_agree_on_swapped_events(
    document: dict[str, Any], data: st.DataObject
) -> None:
    """Two events of one opportunity swapped (out of order, broken moves): same result or error."""
    opportunities = document["opportunities"]
    events = data.draw(st.sampled_from(opportunities))["events"]
    if len(events) >= 2:
        i = data.draw(st.integers(0, len(events) - 1))
        j = data.draw(st.integers(0, len(events) - 1))
        events[i], events[j] = events[j], events[i]
    assert _decode_slowly(document) == _decode(document)


# -- the quick history check -------------------------------------------------------------------

_BASE = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)


@st.composite
def _any_histories(draw: st.DrawFn) -> tuple[pc.PipelineDefinition, tuple[pc.Event, ...]]:
    """
    A pipeline and events of any kind that may or may not replay through it.

    Stage names come from the pipeline (and one it does not have), instants from a few
    close ones, so moves, rounds, revivals and time order are right or wrong by turns.
    """
    pipeline = draw(st.just(pc.DEFAULT_PIPELINE) | pst.pipelines())
    names = st.sampled_from([*pipeline.names, "nowhere"])
    at = st.integers(0, 5).map(lambda hours: _BASE + dt.timedelta(hours=hours))
    event = st.one_of(
        st.builds(pc.Applied, at=at),
        st.builds(pc.Advanced, at=at, stage=names, round=st.none() | st.integers(1, 4)),
        st.builds(pc.Contact, at=at, direction=st.sampled_from(pc.Direction)),
        st.builds(pc.Signal, at=at, polarity=st.sampled_from(pc.Polarity)),
        st.builds(pc.Offer, at=at, form=st.sampled_from(pc.OfferForm)),
        st.builds(pc.Closed, at=at, outcome=st.sampled_from(pc.Outcome)),
    )
    events = draw(st.lists(event, max_size=8))
    if draw(st.booleans()):
        events.sort(key=lambda item: item.at)  # mostly in order: the rules beyond time
    return pipeline, tuple(events)


def _replayed(events: tuple[pc.Event, ...], pipeline: pc.PipelineDefinition) -> object:
    """The replay's verdict, written as the check was before the quick path: None or the error."""
    state = Replay(pipeline, None)
    try:
        for position, event in enumerate(events):
            state.step(event, event.at.timestamp(), f"events[{position}]")
    except InputError as error:
        return (type(error), error.path, str(error))
    return None


def _checked(events: tuple[pc.Event, ...], pipeline: pc.PipelineDefinition) -> object:
    try:
        check_history(events, pipeline)
    except InputError as error:
        return (type(error), error.path, str(error))
    return None


@given(history=_any_histories())
def test_the_quick_check_accepts_only_what_the_replay_accepts(
    history: tuple[pc.PipelineDefinition, tuple[pc.Event, ...]],
) -> None:
    """
    history_fits says yes exactly when the replay accepts; check_history's errors are unchanged.

    (It may also say "not sure" to a valid history, for event subclasses or instants that
    tie as epoch seconds; neither occurs here, so here it is exact.)
    """
    pipeline, events = history
    verdict = _replayed(events, pipeline)
    assert (verdict is None, verdict) == (
        history_fits(events, pipeline),
        _checked(events, pipeline),
    )


@given(data=st.data())
def test_the_quick_check_accepts_every_legal_history(data: st.DataObject) -> None:
    """Every legal history takes the quick path: the replay is only for the doubtful ones."""
    pipeline = data.draw(st.just(pc.DEFAULT_PIPELINE) | pst.pipelines())
    events = data.draw(pst.event_histories(pipeline=pipeline))
    assert history_fits(events, pipeline)


@given(value=st.text(max_size=12) | pst.json_values(max_leaves=2), longest=st.integers(0, 8))
def test_is_text_answers_as_check_text(value: object, longest: int) -> None:
    """The decoder's yes/no text check accepts exactly the str values check_text accepts."""
    try:
        _checks.check_text(value, field="x", max_length=longest)
    except InputError:
        accepted = False
    else:
        accepted = type(value) is str
    assert accepted == _checks.is_text(value, longest)
