"""Opportunities: validated fields, derived state, and changes that return new objects."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import pipeline_core as pc

T0 = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def make(**changes: object) -> pc.Opportunity:
    fields: dict[str, object] = {
        "id": "acme-pm",
        "organization": "Acme",
        "title": "Product Manager",
        "source": "agency_recruiter",
    }
    fields.update(changes)
    return pc.Opportunity(**fields)  # type: ignore[arg-type]


def test_derived_state_after_the_whole_history() -> None:
    """Stage, round, outcome, liveness and contact times come from the events."""
    opportunity = make(
        events=(
            pc.Applied(at=day(0)),
            pc.Advanced(at=day(7), stage="interviewing", round=2),
        )
    )
    assert (opportunity.stage, opportunity.round, opportunity.outcome) == ("interviewing", 2, None)
    assert opportunity.is_live
    assert opportunity.last_contact == day(7)
    assert opportunity.stage_entered == day(7)
    assert opportunity.source is pc.Source.AGENCY_RECRUITER


def test_time_in_stage_and_silence_as_of_a_day() -> None:
    """Durations are measured in days as of the given instant."""
    opportunity = make(events=(pc.Applied(at=day(0)), pc.Contact(at=day(2), direction="inbound")))
    assert opportunity.days_in_stage(day(10)) == 10.0
    assert opportunity.days_since_contact(day(10)) == 8.0


def test_state_as_of_the_past_ignores_later_events() -> None:
    """Any day can be replayed: later events are ignored."""
    opportunity = make(events=(pc.Applied(at=day(0)), pc.Closed(at=day(20), outcome="rejected")))
    assert opportunity.state(day(10)).is_live
    assert opportunity.days_in_stage(day(10)) == 10.0
    assert opportunity.state(day(30)) is opportunity.state()
    assert not opportunity.state(day(30)).is_live


def test_nothing_known_yet_gives_none() -> None:
    """Without events or a creation date there is no time in stage and no contact."""
    opportunity = make()
    assert opportunity.days_in_stage(day(1)) is None
    assert opportunity.days_since_contact(day(1)) is None
    assert opportunity.last_contact is None


def test_created_at_starts_the_clock_of_the_first_stage() -> None:
    """An interested opportunity has been interesting since it was created."""
    assert make(created_at=day(0)).days_in_stage(day(3)) == 3.0


def test_an_event_before_creation_is_refused() -> None:
    """No event happens before the opportunity was created."""
    with pytest.raises(pc.InvalidEventError, match="before the opportunity was created") as info:
        make(created_at=day(1), events=(pc.Applied(at=day(0)),))
    assert info.value.path == "events[0].at"


def test_with_event_returns_a_new_opportunity() -> None:
    """Adding an event leaves the original untouched."""
    original = make(events=(pc.Applied(at=day(0)),))
    changed = original.with_event(pc.Advanced(at=day(1), stage="screening"))
    assert (original.stage, changed.stage) == ("applied", "screening")
    assert len(original.events) == 1


def test_with_events_is_all_or_nothing() -> None:
    """When one of several events is refused, nothing is added."""
    original = make(events=(pc.Applied(at=day(0)),))
    with pytest.raises(pc.InvalidTransitionError):
        original.with_events(pc.Advanced(at=day(1), stage="screening"), pc.Applied(at=day(2)))
    assert original.events == (pc.Applied(at=day(0)),)


def test_opportunities_are_immutable_and_compare_by_value() -> None:
    """Frozen, hashable, equal when their fields are equal."""
    first = make(tags=("remote",))
    assert first == make(tags=["remote"])
    assert hash(first) == hash(make(tags=("remote",)))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.title = "CEO"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "error", "path"),
    [
        ({"id": ""}, pc.InvalidValueError, "id"),
        ({"organization": None}, pc.WrongTypeError, "organization"),
        ({"source": "carrier_pigeon"}, pc.InvalidValueError, "source"),
        ({"tags": "remote"}, pc.WrongTypeError, "tags"),
        ({"tags": ("a", "a")}, pc.InvalidValueError, "tags[1]"),
        ({"salary": {"min": 1}}, pc.WrongTypeError, "salary"),
        ({"events": [pc.Applied(at=T0), "interview"]}, pc.WrongTypeError, "events[1]"),
        ({"pipeline": "default"}, pc.WrongTypeError, "pipeline"),
        ({"created_at": dt.datetime(2026, 1, 1)}, pc.NaiveDatetimeError, "created_at"),  # noqa: DTZ001
    ],
)
def test_bad_fields_name_themselves(
    changes: dict[str, object], error: type[pc.InvalidValueError | pc.WrongTypeError], path: str
) -> None:
    """Each bad field raises a typed error whose path is the field."""
    with pytest.raises(error) as info:
        make(**changes)
    assert info.value.path == path


def test_salary_range_is_ordered() -> None:
    """The maximum of a salary range is not below its minimum."""
    assert pc.SalaryRange(minimum=1, maximum=1).maximum == 1
    assert pc.SalaryRange(currency="USD").minimum is None
    with pytest.raises(pc.InvalidValueError, match="maximum"):
        pc.SalaryRange(minimum=2, maximum=1)
    with pytest.raises(pc.InvalidValueError, match="minimum"):
        pc.SalaryRange(minimum=-1)
