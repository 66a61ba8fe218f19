"""Decoding builds what the checked constructors build, and refuses damage with a DecodeError."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.exceptions import InputError
from pipeline_core.replay import check_history, replay
from pipeline_core.testing import strategies as pst

_EVENT_KEYS = "type at stage round note direction channel polarity form deadline outcome reason x"
_OPPORTUNITY_KEYS = "id organization title source location industry tags created_at events salary y"
_EVENT_CLASSES = (pc.Applied, pc.Advanced, pc.Contact, pc.Signal, pc.Offer, pc.Closed)


def _decode(data: object) -> object:
    """``Search.from_dict``'s result, or the error it raises (class, path, message)."""
    try:
        return pc.Search.from_dict(data)
    except pc.DecodeError as error:
        return (type(error), error.path, str(error))


def _decoded_or_refused(data: dict[str, Any], path: str) -> None:
    """
    A damaged document decodes to a search equal to its own round trip, or is refused.

    A refusal is a DecodeError (never another exception) whose path is inside ``path``
    (or the search's own, for a problem between opportunities such as a repeated id).
    """
    result = _decode(data)
    if isinstance(result, pc.Search):
        assert result == pc.Search.from_dict(result.to_dict())
    else:
        assert isinstance(result, tuple)
        assert result[0] is pc.DecodeError
        assert result[1].startswith(path) or result[1].startswith("opportunities[")


def _rebuilt(event: pc.Event) -> pc.Event:
    """The same event built again by its public, validating constructor."""
    return type(event)(**attrs.asdict(event, recurse=False))


@given(search=pst.searches())
def test_decoding_equals_the_checked_constructors(search: pc.Search) -> None:
    """A decoded search equals the original and every object is its public class, rebuilt equal."""
    decoded = pc.Search.from_dict(search.to_dict())
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
def test_every_valid_document_decodes(document: dict[str, Any]) -> None:
    """Every valid document decodes, and its search writes the same document back."""
    decoded = pc.Search.from_dict(document)
    assert decoded == pc.Search.from_dict(decoded.to_dict())


@given(
    document=pst.interchange_documents(min_size=1),
    which=st.integers(min_value=0, max_value=20),
    position=st.integers(min_value=0, max_value=20),
    key=st.sampled_from(_EVENT_KEYS.split()),
    value=pst.json_values(max_leaves=3),
)
def test_a_damaged_event_decodes_or_is_refused_by_its_path(
    document: dict[str, Any], which: int, position: int, key: str, value: Any
) -> None:
    """One event key of one opportunity set to any JSON value: a search or a DecodeError."""
    opportunities = document["opportunities"]
    events = opportunities[which % len(opportunities)]["events"]
    if events:
        events[position % len(events)][key] = value
    _decoded_or_refused(document, f"opportunities[{which % len(opportunities)}]")


@given(
    document=pst.interchange_documents(min_size=1),
    which=st.integers(min_value=0, max_value=20),
    key=st.sampled_from(_OPPORTUNITY_KEYS.split()),
    value=pst.json_values(max_leaves=3),
)
def test_a_damaged_opportunity_decodes_or_is_refused_by_its_path(
    document: dict[str, Any], which: int, key: str, value: Any
) -> None:
    """One key of one opportunity set to any JSON value: a search or a DecodeError."""
    opportunities = document["opportunities"]
    opportunities[which % len(opportunities)][key] = value
    _decoded_or_refused(document, f"opportunities[{which % len(opportunities)}]")


@given(
    document=pst.interchange_documents(min_size=2),
    data=st.data(),
)
def test_swapped_events_decode_or_are_refused(
    document: dict[str, Any], data: st.DataObject
) -> None:
    """Two events of one opportunity swapped (out of order, broken moves): a search or an error."""
    opportunities = document["opportunities"]
    events = data.draw(st.sampled_from(opportunities))["events"]
    if len(events) >= 2:
        i = data.draw(st.integers(0, len(events) - 1))
        j = data.draw(st.integers(0, len(events) - 1))
        events[i], events[j] = events[j], events[i]
    _decoded_or_refused(document, "opportunities[")


# -- the history check ------------------------------------------------------------------------

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
    """The replay's verdict: None, or the error it raises (class, path, message)."""
    try:
        replay(events, pipeline)
    except InputError as error:
        return (type(error), error.path, str(error))
    return None


def _checked(events: tuple[pc.Event, ...], pipeline: pc.PipelineDefinition) -> object:
    try:
        check_history(events, pipeline)
    except InputError as error:
        return (type(error), error.path, str(error))
    return None


def _built(events: tuple[pc.Event, ...], pipeline: pc.PipelineDefinition) -> object:
    try:
        pc.Opportunity(
            id="a", organization="O", title="T", source="referral", events=events, pipeline=pipeline
        )
    except InputError as error:
        return (type(error), error.path, str(error))
    return None


@given(history=_any_histories())
def test_the_history_check_is_the_replay(
    history: tuple[pc.PipelineDefinition, tuple[pc.Event, ...]],
) -> None:
    """check_history and an Opportunity accept what the replay accepts and raise its errors."""
    pipeline, events = history
    verdict = _replayed(events, pipeline)
    assert (verdict, verdict) == (_checked(events, pipeline), _built(events, pipeline))


@given(data=st.data())
def test_the_history_check_accepts_every_legal_history(data: st.DataObject) -> None:
    """Every legal history passes the check."""
    pipeline = data.draw(st.just(pc.DEFAULT_PIPELINE) | pst.pipelines())
    events = data.draw(pst.event_histories(pipeline=pipeline))
    assert _checked(events, pipeline) is None


@given(
    opportunity=pst.opportunities(),
    key=st.sampled_from(["id", "source", "tags", "created_at", "events", "industry", "y"]),
    value=pst.json_values(max_leaves=3),
)
def test_a_damaged_opportunity_document_decodes_or_is_refused(
    opportunity: pc.Opportunity, key: str, value: Any
) -> None:
    """Opportunity.from_dict, one key set to any JSON value: an equal round trip or an error."""
    data = opportunity.to_dict()
    data[key] = value
    try:
        decoded = pc.Opportunity.from_dict(data)
    except pc.DecodeError as error:
        assert error.path.startswith(key) or error.path.startswith("events")
    else:
        assert decoded == pc.Opportunity.from_dict(decoded.to_dict())
