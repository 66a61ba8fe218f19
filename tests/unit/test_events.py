"""Events: immutable facts with validated fields."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import pipeline_core as pc

AT = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)


def test_events_are_immutable() -> None:
    """Assigning to an event's field fails: events are facts."""
    event = pc.Applied(at=AT)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.at = AT  # type: ignore[misc]


def test_event_types_match_the_interchange_names() -> None:
    """Each class carries the "type" it has in the interchange format."""
    classes = (pc.Applied, pc.Advanced, pc.Contact, pc.Signal, pc.Offer, pc.Closed)
    assert [c.type.value for c in classes] == [
        "applied",
        "advanced",
        "contact",
        "signal",
        "offer",
        "closed",
    ]


def test_enum_fields_accept_their_values() -> None:
    """Enum fields accept the member or its string value."""
    assert pc.Contact(at=AT, direction="inbound").direction is pc.Direction.INBOUND
    assert pc.Signal(at=AT, polarity="negative").polarity is pc.Polarity.NEGATIVE
    assert pc.Offer(at=AT, form="written").form is pc.OfferForm.WRITTEN
    assert pc.Closed(at=AT, outcome="ghosted").outcome is pc.Outcome.GHOSTED


def test_unknown_enum_value_lists_the_allowed_ones() -> None:
    """An unknown value names the field and every allowed value."""
    with pytest.raises(pc.InvalidValueError, match="direction: unknown value") as info:
        pc.Contact(at=AT, direction="sideways")
    assert "'inbound', 'outbound'" in info.value.allowed


def test_enum_of_wrong_type_is_a_type_error() -> None:
    """A number where an enum value belongs is a WrongTypeError."""
    with pytest.raises(pc.WrongTypeError, match="polarity"):
        pc.Signal(at=AT, polarity=1)  # type: ignore[arg-type]


def test_naive_at_is_refused() -> None:
    """A naive timestamp is refused, naming the field."""
    with pytest.raises(pc.NaiveDatetimeError, match=r"^at: "):
        pc.Applied(at=dt.datetime(2026, 10, 1))  # noqa: DTZ001 - the point of the test


def test_offer_deadline_before_the_offer_is_refused() -> None:
    """A written offer cannot expire before it is made."""
    with pytest.raises(pc.InvalidEventError, match="deadline"):
        pc.Offer(at=AT, form="written", deadline=AT - dt.timedelta(seconds=1))


@pytest.mark.parametrize("round_", [0, -1])
def test_round_must_be_positive(round_: int) -> None:
    """Interview rounds count from 1."""
    with pytest.raises(pc.InvalidValueError, match="round"):
        pc.Advanced(at=AT, stage="interviewing", round=round_)


def test_round_must_be_an_int() -> None:
    """A boolean is not a round number."""
    with pytest.raises(pc.WrongTypeError, match="round"):
        pc.Advanced(at=AT, stage="interviewing", round=True)


@pytest.mark.parametrize("note", ["", "   ", "x" * 10_001])
def test_notes_are_not_blank_or_huge(note: str) -> None:
    """Free text is refused when blank or absurdly long."""
    with pytest.raises(pc.InvalidValueError, match="note"):
        pc.Applied(at=AT, note=note)


def test_stage_must_be_text() -> None:
    """The stage of an advanced event is a string."""
    with pytest.raises(pc.WrongTypeError, match="stage"):
        pc.Advanced(at=AT, stage=3)  # type: ignore[arg-type]
