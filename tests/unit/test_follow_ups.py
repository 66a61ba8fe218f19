"""The follow-up planner: what is due, when, why, and what recording a step changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum
import pytest

import pipeline_core as pc
from pipeline_core.actions import (
    DEFAULT_CADENCE,
    add_business_days,
    plan_opportunity,
    subtract_business_days,
)

UTC = dt.UTC
TUE = dt.datetime(2026, 10, 20, 9, 0, tzinfo=UTC)  # a Tuesday


def at(day: int, hour: int = 9, month: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=UTC)


def opportunity(*events: pc.Event, id: str = "acme") -> pc.Opportunity:  # noqa: A002
    return pc.Opportunity(
        id=id, organization="Acme", title="Analyst", source="job_board", events=events
    )


def plan(*events: pc.Event, as_of: dt.datetime, **cadence: Any) -> tuple[pc.FollowUp, ...]:
    search = pc.Search(opportunities=(opportunity(*events),))
    return pc.follow_ups(search, as_of=as_of, cadence=pc.Cadence(**cadence) if cadence else None)


def outbound(when: dt.datetime) -> pc.Contact:
    return pc.Contact(at=when, direction="outbound", channel="email")


def test_an_application_is_chased_after_five_business_days() -> None:
    """Applied on a Tuesday: the check-in is due the next Tuesday, at the same time."""
    (follow_up,) = plan(pc.Applied(at=TUE), as_of=at(28))
    assert pc.FollowUpKind.CHASE == follow_up.kind
    assert at(27) == follow_up.due
    assert TUE == follow_up.since
    assert (
        "No answer since the application on Tue 20 Oct 2026; a polite check-in is due."
        == follow_up.reason
    )
    assert "Write to Acme: ask politely where things stand" in follow_up.action
    assert ("acme", "Acme", "Analyst", 1) == (
        follow_up.opportunity_id,
        follow_up.organization,
        follow_up.title,
        follow_up.ordinal,
    )


def test_a_follow_up_not_yet_due_is_planned_all_the_same() -> None:
    """Planning the day after applying gives the check-in, not due yet."""
    (follow_up,) = plan(pc.Applied(at=TUE), as_of=at(21))
    assert not follow_up.is_due(at(21))
    assert follow_up.is_due(pendulum.datetime(2026, 10, 27, 9, tz="UTC"))


def test_an_interview_calls_for_a_thank_you_within_24_hours() -> None:
    """After the final round, a thank-you note is due a day later."""
    events = (pc.Applied(at=at(1)), pc.Advanced(at=at(30, 15), stage="final_round"))
    (follow_up,) = plan(*events, as_of=at(30, 16))
    assert pc.FollowUpKind.THANK_YOU == follow_up.kind
    assert at(31, 15) == follow_up.due
    assert (
        "The final round was on Fri 30 Oct 2026; a thank-you note within 24 hours is due by "
        "Sat 31 Oct 2026 15:00 UTC." == follow_up.reason
    )
    assert 2 == follow_up.ordinal


def test_an_interview_round_is_named_in_the_reason() -> None:
    """Interview rounds read as "interview round 2"."""
    events = (
        pc.Applied(at=at(1)),
        pc.Advanced(at=at(5), stage="screening"),
        pc.Advanced(at=at(12), stage="interviewing", round=2),
        outbound(at(12, 18)),
    )
    (follow_up,) = plan(*events, as_of=at(30))
    assert "No answer since the interview round 2 on Mon 12 Oct 2026" in follow_up.reason


def test_the_steps_after_an_interview_follow_the_cadence() -> None:
    """Thank-you, check-in after 5 business days, last check-in at 10, then decide at 15."""
    interview = pc.Advanced(at=at(13, 15), stage="interviewing")
    steps: list[pc.Event] = [pc.Applied(at=at(1)), interview]
    seen = []
    for when in (at(13, 20), at(20, 15), at(27, 15), at(3, 15, month=11)):
        (follow_up,) = plan(*steps, as_of=when)
        seen.append((follow_up.kind, follow_up.due))
        steps.append(outbound(follow_up.due))
    assert [
        (pc.FollowUpKind.THANK_YOU, at(14, 15)),
        (pc.FollowUpKind.CHASE, at(20, 15)),
        (pc.FollowUpKind.LAST_CHASE, at(27, 15)),
        (pc.FollowUpKind.DECIDE, at(3, 15, month=11)),
    ] == seen
    assert () == plan(*steps, as_of=at(30, month=11))


def test_the_last_check_in_and_the_decision_name_the_messages() -> None:
    """The later steps say when the candidate last wrote."""
    steps = (pc.Applied(at=TUE), outbound(at(27)))
    (last,) = plan(*steps, as_of=at(30))
    assert pc.FollowUpKind.LAST_CHASE == last.kind
    assert (
        "Still no answer since the application on Tue 20 Oct 2026, nor to your message of "
        "Tue 27 Oct 2026; one last check-in is due." == last.reason
    )
    (decide,) = plan(*steps, outbound(at(3, month=11)), as_of=at(20, month=11))
    assert pc.FollowUpKind.DECIDE == decide.kind
    assert "despite your messages (the last on Tue 3 Nov 2026); it has gone cold." in decide.reason
    assert "Decide whether to let Acme go" in decide.action


def test_a_step_taken_late_pushes_the_next_one_back() -> None:
    """A check-in sent three weeks late: the last one is due 5 business days after it."""
    (follow_up,) = plan(pc.Applied(at=TUE), outbound(at(10, month=11)), as_of=at(11, month=11))
    assert pc.FollowUpKind.LAST_CHASE == follow_up.kind
    assert at(17, month=11) == follow_up.due


def test_a_step_taken_early_counts() -> None:
    """A check-in sent before it was due counts as the first check-in."""
    (follow_up,) = plan(pc.Applied(at=TUE), outbound(at(21)), as_of=at(22))
    assert pc.FollowUpKind.LAST_CHASE == follow_up.kind
    assert add_business_days(TUE.timestamp(), 10, frozenset()) == follow_up.due.timestamp()


def test_a_word_from_the_employer_starts_again() -> None:
    """An inbound message after two check-ins: a new first check-in, with a new ordinal."""
    steps = (
        pc.Applied(at=TUE),
        outbound(at(27)),
        outbound(at(3, month=11)),
        pc.Contact(at=at(4, month=11), direction="inbound", note="still deciding"),
    )
    (follow_up,) = plan(*steps, as_of=at(20, month=11))
    assert pc.FollowUpKind.CHASE == follow_up.kind
    assert 2 == follow_up.ordinal
    assert "No answer since their last message on Wed 4 Nov 2026" in follow_up.reason


def test_a_verbal_offer_is_chased_for_the_written_one() -> None:
    """A verbal offer is a word like any other: check in after 5 business days."""
    steps = (pc.Applied(at=at(1)), pc.Offer(at=TUE, form="verbal"))
    (follow_up,) = plan(*steps, as_of=at(30))
    assert (pc.FollowUpKind.CHASE, at(27)) == (follow_up.kind, follow_up.due)
    assert "since the verbal offer on Tue 20 Oct 2026" in follow_up.reason


def test_a_written_offer_is_answered_a_business_day_before_its_deadline() -> None:
    """A deadline on a Monday: the answer is due the Friday before, at the deadline's time."""
    offer = pc.Offer(at=at(2, 10, month=11), form="written", deadline=at(9, 17, month=11))
    (follow_up,) = plan(pc.Applied(at=at(1)), offer, as_of=at(3, month=11))
    assert pc.FollowUpKind.ANSWER_OFFER == follow_up.kind
    assert at(6, 17, month=11) == follow_up.due
    assert (
        "The written offer of Mon 2 Nov 2026 expires on Mon 9 Nov 2026 17:00 UTC; answer it by "
        "Fri 6 Nov 2026 17:00 UTC." == follow_up.reason
    )
    assert "Answer Acme's offer in writing" in follow_up.action


def test_a_deadline_too_close_makes_the_answer_due_at_once() -> None:
    """A deadline the next morning: the answer is due when the offer came, not before it."""
    offer = pc.Offer(at=at(2, 10, month=11), form="written", deadline=at(3, 9, month=11))
    (follow_up,) = plan(pc.Applied(at=at(1)), offer, as_of=at(2, 11, month=11))
    assert at(2, 10, month=11) == follow_up.due


def test_a_written_offer_without_a_deadline_is_answered_within_the_first_wait() -> None:
    """No deadline: answer within 5 business days."""
    offer = pc.Offer(at=TUE, form="written")
    (follow_up,) = plan(pc.Applied(at=at(1)), offer, as_of=at(21))
    assert (pc.FollowUpKind.ANSWER_OFFER, at(27)) == (follow_up.kind, follow_up.due)
    assert "has no deadline; answer it within 5 business days" in follow_up.reason


def test_an_answered_offer_is_chased_next() -> None:
    """Answering the offer is a step; the next is a check-in."""
    offer = pc.Offer(at=TUE, form="written")
    (follow_up,) = plan(pc.Applied(at=at(1)), offer, outbound(at(21)), as_of=at(22))
    assert (pc.FollowUpKind.CHASE, at(28)) == (follow_up.kind, follow_up.due)


@pytest.mark.parametrize("outcome", ["rejected", "withdrawn", "ghosted", "cancelled"])
def test_closed_opportunities_get_none(outcome: str) -> None:
    """Whatever the outcome, a closed opportunity has nothing to follow up."""
    steps = (pc.Applied(at=TUE), pc.Closed(at=at(22), outcome=outcome))
    assert () == plan(*steps, as_of=at(30))


def test_a_ghosted_opportunity_that_comes_back_gets_one_again() -> None:
    """An inbound contact revives a ghosted opportunity, and its check-in is planned."""
    steps = (
        pc.Applied(at=TUE),
        pc.Closed(at=at(22), outcome="ghosted"),
        pc.Contact(at=at(2, month=11), direction="inbound"),
    )
    (follow_up,) = plan(*steps, as_of=at(20, month=11))
    assert (pc.FollowUpKind.CHASE, at(9, month=11)) == (follow_up.kind, follow_up.due)


def test_an_opportunity_not_applied_for_gets_none() -> None:
    """Interested but not applied: there is nobody to write to yet."""
    steps = (pc.Contact(at=TUE, direction="inbound"),)
    assert () == plan(*steps, as_of=at(30))


def test_events_after_as_of_are_ignored() -> None:
    """Planning a past day ignores what happened later (replay)."""
    steps = (pc.Applied(at=TUE), pc.Closed(at=at(30), outcome="rejected"))
    (follow_up,) = plan(*steps, as_of=at(28))
    assert pc.FollowUpKind.CHASE == follow_up.kind
    assert () == plan(*steps, as_of=at(30))


def test_follow_ups_are_sorted_soonest_first() -> None:
    """Sorted by due date, then opportunity id."""
    search = pc.Search(
        opportunities=(
            opportunity(pc.Applied(at=at(21)), id="late"),
            opportunity(pc.Applied(at=TUE), id="b"),
            opportunity(pc.Applied(at=TUE), id="a"),
        )
    )
    planned = pc.follow_ups(search, as_of=at(30))
    assert ["a", "b", "late"] == [follow_up.opportunity_id for follow_up in planned]


def test_holidays_are_skipped() -> None:
    """A holiday in the week moves the check-in one business day later."""
    cadence = {"holidays": {dt.date(2026, 10, 22)}}
    (follow_up,) = plan(pc.Applied(at=TUE), as_of=at(30), **cadence)
    assert at(28) == follow_up.due


def test_a_holidays_calendar_works_as_it_is() -> None:
    """A calendar of the holidays package (a dict of dates) is accepted as the holidays."""
    holidays = pytest.importorskip("holidays")
    us = holidays.country_holidays("US", years=2026)
    cadence = pc.Cadence(holidays=us)
    assert dt.date(2026, 11, 26) in cadence.holidays  # Thanksgiving
    wednesday = dt.datetime(2026, 11, 25, 9, tzinfo=UTC)
    assert dt.datetime(2026, 11, 27, 9, tzinfo=UTC).timestamp() == add_business_days(
        wednesday.timestamp(), 1, cadence.holiday_ordinals
    )


def test_a_custom_cadence_changes_the_timings() -> None:
    """Thank-you within 2 hours; first check-in after 3 business days."""
    events = (pc.Applied(at=at(1)), pc.Advanced(at=TUE, stage="screening"))
    (thanks,) = plan(*events, as_of=at(21), thank_you_hours=2)
    assert at(20, 11) == thanks.due
    (chase,) = plan(*events, outbound(at(20, 10)), as_of=at(30), first_chase_days=3)
    assert at(23) == chase.due


def test_business_days_skip_weekends_both_ways() -> None:
    """Five business days after a Saturday is the next Friday; one before a Monday a Friday."""
    saturday = dt.datetime(2026, 10, 24, 12, tzinfo=UTC).timestamp()
    friday = dt.datetime(2026, 10, 30, 12, tzinfo=UTC).timestamp()
    assert friday == add_business_days(saturday, 5, frozenset())
    monday = dt.datetime(2026, 11, 2, 8, tzinfo=UTC).timestamp()
    assert dt.datetime(2026, 10, 30, 8, tzinfo=UTC).timestamp() == subtract_business_days(
        monday, 1, frozenset()
    )
    assert monday == subtract_business_days(monday, 0, frozenset())


def test_plan_opportunity_is_the_planner_of_one() -> None:
    """The planner's per-opportunity step gives what follow_ups lists for it."""
    one = opportunity(pc.Applied(at=TUE))
    assert (plan_opportunity(one, at(30), DEFAULT_CADENCE),) == pc.follow_ups(
        pc.Search(opportunities=(one,)), as_of=at(30)
    )


def test_as_of_is_required_to_be_aware() -> None:
    """No clock is read, and a naive instant is refused."""
    search = pc.Search(opportunities=(opportunity(pc.Applied(at=TUE)),))
    with pytest.raises(pc.NaiveDatetimeError, match="as_of"):
        pc.follow_ups(search, as_of=dt.datetime(2026, 10, 30))  # noqa: DTZ001
    with pytest.raises(TypeError):
        pc.follow_ups(search)  # type: ignore[call-arg]


def test_the_search_and_the_cadence_are_checked() -> None:
    """A wrong type for the search or the cadence names the argument."""
    with pytest.raises(pc.WrongTypeError, match="search"):
        pc.follow_ups({"schema": 1}, as_of=TUE)  # type: ignore[arg-type]
    with pytest.raises(pc.WrongTypeError, match="cadence"):
        pc.follow_ups(pc.Search(), as_of=TUE, cadence={"first_chase_days": 3})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "error", "named"),
    [
        ({"first_chase_days": -1}, pc.InvalidValueError, "first_chase_days"),
        ({"first_chase_days": 0}, pc.InvalidValueError, "first_chase_days"),
        ({"second_chase_days": 10_000}, pc.InvalidValueError, "second_chase_days"),
        ({"cold_days": 1.5}, pc.WrongTypeError, "cold_days"),
        ({"offer_answer_days": -2}, pc.InvalidValueError, "offer_answer_days"),
        ({"thank_you_hours": 0}, pc.InvalidValueError, "thank_you_hours"),
        ({"thank_you_hours": 1_000}, pc.InvalidValueError, "thank_you_hours"),
        ({"first_chase_days": 10}, pc.InvalidValueError, "second_chase_days"),
        ({"second_chase_days": 20}, pc.InvalidValueError, "cold_days"),
        ({"holidays": "2026-12-25"}, pc.WrongTypeError, "holidays"),
        ({"holidays": 2026}, pc.WrongTypeError, "holidays"),
        ({"holidays": [TUE]}, pc.WrongTypeError, "holidays"),
        ({"holidays": ["2026-12-25"]}, pc.WrongTypeError, "holidays"),
    ],
)
def test_a_bad_cadence_is_refused_naming_the_option(
    options: dict[str, object], error: type[Exception], named: str
) -> None:
    """Negative, absurd or out-of-order timings raise a typed error with the option's name."""
    with pytest.raises(error, match=named) as raised:
        pc.Cadence(**options)  # type: ignore[arg-type]
    assert isinstance(raised.value, pc.PipelineError)


def test_too_many_holidays_are_refused() -> None:
    """More holidays than decades of calendars hold is a mistake."""
    days = {dt.date(2000, 1, 1) + dt.timedelta(days=n) for n in range(10_001)}
    with pytest.raises(pc.InvalidValueError, match="holidays"):
        pc.Cadence(holidays=days)


def test_a_follow_up_checks_its_fields() -> None:
    """FollowUp is a validated value: a bad kind or ordinal is refused."""
    fields = {
        "opportunity_id": "acme",
        "organization": "Acme",
        "title": "Analyst",
        "kind": "chase",
        "ordinal": 1,
        "due": TUE,
        "since": TUE,
        "reason": "r",
        "action": "a",
    }
    assert pc.FollowUpKind.CHASE == pc.FollowUp(**fields).kind  # type: ignore[arg-type]
    with pytest.raises(pc.InvalidValueError, match="kind"):
        pc.FollowUp(**{**fields, "kind": "nag"})  # type: ignore[arg-type]
    with pytest.raises(pc.InvalidValueError, match="ordinal"):
        pc.FollowUp(**{**fields, "ordinal": 0})  # type: ignore[arg-type]
