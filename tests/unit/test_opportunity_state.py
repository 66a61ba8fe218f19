"""An opportunity's state as of any instant, its pickling, and decoding its values."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import pytest

import pipeline_core as pc
from pipeline_core.replay import replay

T0 = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
PARIS = dt.timezone(dt.timedelta(hours=2))


def opportunity() -> pc.Opportunity:
    """Applied, interviewed, then rejected."""
    return pc.Opportunity(
        id="a",
        organization="Org",
        title="Analyst",
        source="referral",
        events=(
            pc.Applied(at=T0),
            pc.Advanced(at=T0 + 5 * DAY, stage="interviewing", round=1),
            pc.Closed(at=T0 + 9 * DAY, outcome="rejected"),
        ),
    )


def test_state_as_of_another_time_zone_is_the_same_instant() -> None:
    """An as_of in another time zone gives the state of the same UTC instant."""
    subject = opportunity()
    utc = T0 + 6 * DAY
    assert subject.state(utc) == subject.state(utc.astimezone(PARIS))


def test_state_as_of_before_the_last_event_replays_only_the_earlier_ones() -> None:
    """As of a day between events, the state is the replay of the events up to it."""
    subject = opportunity()
    as_of = T0 + 6 * DAY
    expected = replay(subject.events[:2], subject.pipeline)
    assert expected == subject.state(as_of)


def test_state_as_of_the_last_event_is_the_whole_state() -> None:
    """As of the last event's instant, the state is the state after every event."""
    subject = opportunity()
    assert subject.state() == subject.state(T0 + 9 * DAY)


def test_an_opportunity_pickles_before_and_after_its_state_is_used() -> None:
    """The state replayed on first use does not change equality or pickling."""
    fresh = opportunity()
    used = opportunity()
    _ = used.stage
    assert fresh == used
    assert used == pickle.loads(pickle.dumps(used))  # noqa: S301 - our own data
    assert fresh == pickle.loads(pickle.dumps(fresh))  # noqa: S301 - our own data


def test_a_bad_history_is_still_refused_when_built() -> None:
    """Checking the history at construction is kept: an event after the outcome raises."""
    with pytest.raises(pc.InvalidEventError) as caught:
        pc.Opportunity(
            id="a",
            organization="Org",
            title="Analyst",
            source="referral",
            events=(
                pc.Applied(at=T0),
                pc.Closed(at=T0 + DAY, outcome="rejected"),
                pc.Applied(at=T0 + 2 * DAY),
            ),
        )
    assert "events[2].type" == caught.value.path


def test_decoding_an_offset_instant_gives_utc() -> None:
    """Decoding normalises an instant with an offset to UTC."""
    data = opportunity().to_dict()
    data["events"][0]["at"] = "2026-10-01T11:00:00+02:00"
    assert T0 == pc.Opportunity.from_dict(data).events[0].at


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"tags": "solo"}, "tags"),
        ({"events": "none"}, "events"),
        ({"created_at": "2026-10-01T09:00:00"}, "created_at"),
        ({"source": "carrier pigeon"}, "source"),
    ],
)
def test_decoding_errors_name_their_path(change: dict[str, object], path: str) -> None:
    """A problem in a value is reported with its JSON path."""
    data = {**opportunity().to_dict(), **change}
    with pytest.raises(pc.DecodeError) as caught:
        pc.Opportunity.from_dict(data)
    assert path == caught.value.path


def test_decoding_an_event_with_a_deadline() -> None:
    """A written offer's deadline is decoded, in UTC."""
    offer = pc.Offer(at=T0, form="written", deadline=T0 + 7 * DAY)
    subject = pc.Opportunity(
        id="a",
        organization="Org",
        title="Analyst",
        source="referral",
        events=(
            pc.Applied(at=T0 - 30 * DAY),
            pc.Advanced(at=T0 - 20 * DAY, stage="interviewing"),
            pc.Advanced(at=T0 - 10 * DAY, stage="final_round"),
            offer,
        ),
    )
    assert subject == pc.Opportunity.from_dict(subject.to_dict())


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda value: pc.Contact(at=T0, direction=value), "direction"),
        (lambda value: pc.Signal(at=T0, polarity=value), "polarity"),
        (lambda value: pc.Offer(at=T0, form=value), "form"),
        (lambda value: pc.Closed(at=T0, outcome=value), "outcome"),
        (
            lambda value: pc.Opportunity(id="a", organization="O", title="T", source=value),
            "source",
        ),
    ],
)
@pytest.mark.parametrize(
    ("value", "error"), [("sideways", pc.InvalidValueError), (3, pc.WrongTypeError)]
)
def test_enum_fields_refuse_unknown_values_and_other_types(
    build: Any, field: str, value: object, error: type[Exception]
) -> None:
    """An unknown value is an InvalidValueError and a non-string a WrongTypeError, on the field."""
    with pytest.raises(error) as caught:
        build(value)
    assert field == caught.value.path  # type: ignore[attr-defined]


class _Direction(str):
    """A str subclass: accepted by its value, like the enum's own members."""

    __slots__ = ()


def test_enum_fields_accept_members_and_str_subclasses() -> None:
    """A member, its value, or a str subclass of its value all give the member."""
    expected = pc.Direction.INBOUND
    assert expected == pc.Contact(at=T0, direction=pc.Direction.INBOUND).direction
    assert expected == pc.Contact(at=T0, direction="inbound").direction
    assert expected == pc.Contact(at=T0, direction=_Direction("inbound")).direction
