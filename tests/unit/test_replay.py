"""Replaying a history: derived state, and the moves that are refused."""

from __future__ import annotations

import datetime as dt

import pytest

import pipeline_core as pc
from pipeline_core.pipeline import StageKind
from pipeline_core.replay import replay, stage_visits

T0 = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def ts(n: float) -> float:
    return day(n).timestamp()


def state_of(*events: pc.Event) -> pc.OpportunityState:
    return replay(events, pc.DEFAULT_PIPELINE)


def test_no_events_means_interested() -> None:
    """An opportunity without events is at the first stage, live, with nothing known."""
    state = replay((), pc.DEFAULT_PIPELINE, created_ts=ts(0))
    assert (state.stage, state.stage_kind, state.outcome, state.is_live) == (
        "interested",
        StageKind.PROSPECT,
        None,
        True,
    )
    assert state.stage_entered_ts == ts(0)
    assert state.last_contact_ts is None


def test_the_spec_example_history() -> None:
    """The SPEC's example history replays to a signed acceptance with every fact derived."""
    state = state_of(
        pc.Applied(at=day(0)),
        pc.Advanced(at=day(5), stage="screening"),
        pc.Advanced(at=day(12), stage="interviewing", round=1),
        pc.Contact(at=day(13), direction="inbound", note="they were very impressed"),
        pc.Signal(at=day(13), polarity="positive"),
        pc.Advanced(at=day(19), stage="final_round"),
        pc.Offer(at=day(26), form="verbal"),
        pc.Offer(at=day(29), form="written", deadline=day(36)),
        pc.Closed(at=day(32), outcome="accepted"),
    )
    assert state.stage == "accepted"
    assert state.outcome is pc.Outcome.ACCEPTED
    assert state.applied_ts == ts(0)
    assert state.verbal_offer_ts == ts(26)
    assert state.written_offer_ts == ts(29)
    assert state.offer_deadline_ts == ts(36)
    assert state.positive_signals == 1
    assert state.closed_ts == ts(32)
    assert state.events_seen == 9


def test_contact_times_distinguish_inbound_from_outbound() -> None:
    """An outbound follow-up is contact, but not word from the employer."""
    state = state_of(
        pc.Applied(at=day(0)),
        pc.Contact(at=day(3), direction="inbound"),
        pc.Contact(at=day(9), direction="outbound"),
        pc.Signal(at=day(10), polarity="negative"),
    )
    assert (state.last_contact_ts, state.last_inbound_ts) == (ts(9), ts(3))
    assert state.negative_signals == 1
    assert state.last_event_ts == ts(10)


def test_rounds_number_themselves_when_left_out() -> None:
    """A repeated interview stage without a round is the next round."""
    state = state_of(
        pc.Applied(at=day(0)),
        pc.Advanced(at=day(1), stage="interviewing"),
        pc.Advanced(at=day(2), stage="interviewing"),
        pc.Advanced(at=day(3), stage="interviewing"),
    )
    assert (state.round, state.stage_entered_ts) == (3, ts(3))


def test_a_repeated_stage_needs_a_later_round() -> None:
    """Round 2 after round 2 is refused."""
    with pytest.raises(pc.InvalidEventError, match="later round") as info:
        state_of(
            pc.Applied(at=day(0)),
            pc.Advanced(at=day(1), stage="interviewing", round=2),
            pc.Advanced(at=day(2), stage="interviewing", round=2),
        )
    assert info.value.path == "events[2].round"


def test_events_out_of_time_order_are_refused() -> None:
    """Events are in time order; equal instants are fine."""
    state_of(pc.Applied(at=day(1)), pc.Contact(at=day(1), direction="inbound"))
    with pytest.raises(pc.InvalidEventError, match="time order") as info:
        state_of(pc.Applied(at=day(1)), pc.Contact(at=day(0), direction="inbound"))
    assert info.value.path == "events[1].at"


def test_illegal_transition_lists_the_allowed_moves() -> None:
    """Moving backwards is an InvalidTransitionError that lists where one may go."""
    with pytest.raises(pc.InvalidTransitionError) as info:
        state_of(
            pc.Applied(at=day(0)),
            pc.Advanced(at=day(1), stage="final_round"),
            pc.Advanced(at=day(2), stage="screening"),
        )
    assert info.value.path == "events[2]"
    assert info.value.allowed == "moves to verbal_offer, written_offer"


def test_advanced_only_reaches_process_stages() -> None:
    """Offers and signatures have events of their own; 'advanced' cannot fake them."""
    with pytest.raises(pc.InvalidEventError, match="process stage") as info:
        state_of(pc.Applied(at=day(0)), pc.Advanced(at=day(1), stage="written_offer"))
    assert info.value.path == "events[1].stage"


def test_advanced_to_an_unknown_stage() -> None:
    """An unknown stage is refused with the process stages as the allowed values."""
    with pytest.raises(pc.InvalidEventError) as info:
        state_of(pc.Applied(at=day(0)), pc.Advanced(at=day(1), stage="tour"))
    assert info.value.allowed == "screening, interviewing, final_round"


def test_nothing_before_applying_but_contact_signals_and_withdrawal() -> None:
    """Before applying, an interview or an offer is an illegal move."""
    with pytest.raises(pc.InvalidTransitionError):
        state_of(pc.Advanced(at=day(0), stage="screening"))
    with pytest.raises(pc.InvalidTransitionError):
        state_of(pc.Offer(at=day(0), form="verbal"))
    state = state_of(
        pc.Contact(at=day(0), direction="outbound"), pc.Closed(at=day(1), outcome="withdrawn")
    )
    assert state.outcome is pc.Outcome.WITHDRAWN


@pytest.mark.parametrize("outcome", ["rejected", "ghosted"])
def test_rejection_and_ghosting_need_an_application(outcome: str) -> None:
    """An employer cannot reject or ghost an application never sent."""
    with pytest.raises(pc.InvalidTransitionError, match="needs an application"):
        state_of(pc.Closed(at=day(0), outcome=outcome))


@pytest.mark.parametrize("outcome", ["rescinded", "declined", "accepted"])
def test_offer_outcomes_need_an_offer(outcome: str) -> None:
    """Rescinding, declining or accepting needs an offer on the table."""
    with pytest.raises(pc.InvalidTransitionError):
        state_of(pc.Applied(at=day(0)), pc.Closed(at=day(1), outcome=outcome))


def test_accepting_a_verbal_offer_is_refused() -> None:
    """Nothing is certain until the written offer is signed."""
    with pytest.raises(pc.InvalidTransitionError, match="accepted"):
        state_of(
            pc.Applied(at=day(0)),
            pc.Offer(at=day(1), form="verbal"),
            pc.Closed(at=day(2), outcome="accepted"),
        )


def test_a_verbal_offer_can_be_rescinded() -> None:
    """The article's fear: the verbal offer is taken back."""
    state = state_of(
        pc.Applied(at=day(0)),
        pc.Offer(at=day(1), form="verbal"),
        pc.Closed(at=day(2), outcome="rescinded", reason="an old employee came back"),
    )
    assert (state.stage, state.outcome) == ("verbal_offer", pc.Outcome.RESCINDED)


def test_nothing_follows_a_terminal_outcome() -> None:
    """After a rejection every event is refused."""
    with pytest.raises(pc.InvalidEventError, match="after the outcome 'rejected'") as info:
        state_of(
            pc.Applied(at=day(0)),
            pc.Closed(at=day(1), outcome="rejected"),
            pc.Contact(at=day(2), direction="inbound"),
        )
    assert info.value.allowed == "nothing: the opportunity has ended"


def test_an_inbound_contact_revives_a_ghosted_opportunity() -> None:
    """Ghosted is not forever: the employer calling back revives it at its last stage."""
    state = state_of(
        pc.Applied(at=day(0)),
        pc.Advanced(at=day(3), stage="interviewing"),
        pc.Closed(at=day(30), outcome="ghosted"),
        pc.Contact(at=day(40), direction="inbound", note="sorry for the delay"),
        pc.Advanced(at=day(45), stage="final_round"),
    )
    assert (state.stage, state.outcome, state.revivals) == ("final_round", None, 1)
    assert state.closed_ts is None


@pytest.mark.parametrize(
    "event",
    [
        pc.Contact(at=day(40), direction="outbound"),
        pc.Advanced(at=day(40), stage="final_round"),
    ],
)
def test_only_an_inbound_contact_revives(event: pc.Event) -> None:
    """Anything else after ghosting is refused, and the error says what would revive it."""
    with pytest.raises(pc.InvalidEventError, match="ghosted") as info:
        state_of(
            pc.Applied(at=day(0)),
            pc.Advanced(at=day(3), stage="interviewing"),
            pc.Closed(at=day(30), outcome="ghosted"),
            event,
        )
    assert "inbound contact" in info.value.allowed


def test_a_pipeline_without_a_verbal_stage_refuses_verbal_offers() -> None:
    """Custom pipelines may have no verbal offer; a verbal offer event then has nowhere to go."""
    pipeline = pc.PipelineDefinition.from_stages(
        "contract",
        (
            pc.Stage(name="prospect", kind=StageKind.PROSPECT),
            pc.Stage(name="submitted", kind=StageKind.APPLIED),
            pc.Stage(name="offer", kind=StageKind.WRITTEN_OFFER),
            pc.Stage(name="signed", kind=StageKind.SIGNED),
        ),
        {"prospect": ["submitted"], "submitted": ["offer"], "offer": ["signed"]},
    )
    with pytest.raises(pc.InvalidEventError, match="no verbal offer stage"):
        replay((pc.Applied(at=day(0)), pc.Offer(at=day(1), form="verbal")), pipeline)
    with pytest.raises(pc.InvalidEventError, match="none: this pipeline has none"):
        replay((pc.Applied(at=day(0)), pc.Advanced(at=day(1), stage="interview")), pipeline)


def test_until_ignores_later_events() -> None:
    """Replaying up to an instant gives the state of that day."""
    events = (
        pc.Applied(at=day(0)),
        pc.Advanced(at=day(5), stage="screening"),
        pc.Closed(at=day(9), outcome="rejected"),
    )
    state = replay(events, pc.DEFAULT_PIPELINE, until_ts=ts(6))
    assert (state.stage, state.outcome, state.events_seen) == ("screening", None, 2)


def test_stage_visits_until_ignores_later_events() -> None:
    """Visits up to an instant leave the current stay open."""
    events = (
        pc.Applied(at=day(0)),
        pc.Advanced(at=day(5), stage="screening"),
        pc.Closed(at=day(9), outcome="rejected"),
    )
    visits = stage_visits(events, pc.DEFAULT_PIPELINE, until_ts=ts(6))
    assert [(v.stage, v.start_ts, v.end_ts) for v in visits] == [
        ("applied", ts(0), ts(5)),
        ("screening", ts(5), None),
    ]
    assert stage_visits(events, pc.DEFAULT_PIPELINE)[-1].end_ts == ts(9)


def test_stage_visits_start_again_after_a_revival() -> None:
    """Rounds are visits of their own, and a revival after ghosting opens a new one."""
    events = (
        pc.Applied(at=day(0)),
        pc.Advanced(at=day(3), stage="interviewing"),
        pc.Advanced(at=day(5), stage="interviewing"),
        pc.Closed(at=day(9), outcome="ghosted"),
        pc.Contact(at=day(20), direction="inbound"),
    )
    visits = stage_visits(events, pc.DEFAULT_PIPELINE)
    assert [(v.stage, v.round, v.start_ts, v.end_ts) for v in visits] == [
        ("applied", None, ts(0), ts(3)),
        ("interviewing", None, ts(3), ts(5)),
        ("interviewing", 2, ts(5), ts(9)),
        ("interviewing", 2, ts(20), None),
    ]
