"""The planner's and the calendar's invariants, for any search the kit can draw."""

from __future__ import annotations

import datetime as dt

import icalendar
from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.actions import (
    MAX_LINE_OCTETS,
    escape_text,
    fold,
    follow_up_sequence,
    follow_up_uid,
    unfold,
)
from pipeline_core.testing import strategies

_LATER = st.integers(0, 120 * 86_400)


def _after_everything(search: pc.Search, seconds: int) -> dt.datetime:
    latest = max(
        (event.at for opportunity in search for event in opportunity.events),
        default=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    return latest + dt.timedelta(seconds=seconds)


@given(
    search=strategies.searches(max_size=5),
    later=_LATER,
    cadence=st.none() | strategies.cadences(),
)
def test_recording_every_due_follow_up_leaves_none_due(
    search: pc.Search, later: int, cadence: pc.Cadence | None
) -> None:
    """Plan, record each due follow-up as an outbound contact, plan again: nothing is due."""
    as_of = _after_everything(search, later)
    planned = pc.follow_ups(search, as_of=as_of, cadence=cadence)
    due = [follow_up for follow_up in planned if follow_up.is_due(as_of)]
    for follow_up in due:
        search = search.record(follow_up.opportunity_id, pc.Contact(at=as_of, direction="outbound"))
    again = pc.follow_ups(search, as_of=as_of, cadence=cadence)
    assert [] == [follow_up for follow_up in again if follow_up.is_due(as_of)]
    untouched = {follow_up.opportunity_id for follow_up in due}
    assert [f for f in planned if f.opportunity_id not in untouched] == [
        f for f in again if f.opportunity_id not in untouched
    ]


@given(search=strategies.searches(max_size=5), later=_LATER)
def test_only_live_applied_opportunities_get_one_each(search: pc.Search, later: int) -> None:
    """At most one follow-up per opportunity, none for closed or not-applied ones, sorted."""
    as_of = _after_everything(search, later)
    planned = pc.follow_ups(search, as_of=as_of)
    ids = [follow_up.opportunity_id for follow_up in planned]
    assert len(set(ids)) == len(ids)
    for follow_up in planned:
        state = search.get(follow_up.opportunity_id).state(as_of)
        assert state.outcome is None
        assert state.stage_kind is not pc.StageKind.PROSPECT
        assert follow_up.due >= follow_up.since
    assert [f.due for f in planned] == sorted(f.due for f in planned)


@given(search=strategies.searches(max_size=5), later=_LATER, more=_LATER)
def test_uids_are_stable_across_exports(search: pc.Search, later: int, more: int) -> None:
    """With no new events, a later export lists the same UIDs, SEQUENCEs and due dates."""
    first_at = _after_everything(search, later)
    second_at = first_at + dt.timedelta(seconds=more)
    first = pc.follow_ups(search, as_of=first_at)
    second = pc.follow_ups(search, as_of=second_at)
    assert [follow_up_uid(f) for f in first] == [follow_up_uid(f) for f in second]
    assert [follow_up_sequence(f) for f in first] == [follow_up_sequence(f) for f in second]
    parsed = icalendar.Calendar.from_ical(pc.to_icalendar(second, as_of=second_at))
    assert [follow_up_uid(f) for f in first] == [str(t["UID"]) for t in parsed.walk("VTODO")]


@given(st.from_type(pc.Cadence))
def test_the_kit_draws_valid_cadences(cadence: pc.Cadence) -> None:
    """The shipped strategy, registered for st.from_type, draws cadences in increasing order."""
    assert cadence.first_chase_days < cadence.second_chase_days < cadence.cold_days
    assert len(cadence.holidays) == len(cadence.holiday_ordinals)


@given(
    search=strategies.searches(max_size=4),
    later=_LATER,
    holidays=st.sets(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)), max_size=40),
)
def test_holidays_only_push_waits_later(
    search: pc.Search, later: int, holidays: set[dt.date]
) -> None:
    """Adding holidays keeps every UID; a wait moves later, so its SEQUENCE does not fall."""
    as_of = _after_everything(search, later)
    plain = {follow_up_uid(f): f for f in pc.follow_ups(search, as_of=as_of)}
    cadence = pc.Cadence(holidays=holidays)
    shifted = {follow_up_uid(f): f for f in pc.follow_ups(search, as_of=as_of, cadence=cadence)}
    assert plain.keys() == shifted.keys()
    for uid, follow_up in plain.items():
        if follow_up.kind is not pc.FollowUpKind.ANSWER_OFFER:  # counted back from a deadline
            assert follow_up_sequence(shifted[uid]) >= follow_up_sequence(follow_up)


@given(st.text(max_size=400))
def test_folded_lines_unfold_to_the_original(text: str) -> None:
    """Any escaped TEXT value folds into lines of at most 75 octets that unfold back."""
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold(line)
    assert line == unfold(folded)
    assert all(len(piece.encode("utf-8")) <= MAX_LINE_OCTETS for piece in folded.split("\r\n"))


@given(search=strategies.searches(min_size=1, max_size=4), later=_LATER)
def test_the_parser_reads_every_export(search: pc.Search, later: int) -> None:
    """Every export parses, every line fits, and each summary comes back as written."""
    as_of = _after_everything(search, later)
    planned = pc.follow_ups(search, as_of=as_of)
    text = pc.to_icalendar(planned, as_of=as_of)
    assert all(len(line.encode("utf-8")) <= MAX_LINE_OCTETS for line in text.split("\r\n"))
    todos = icalendar.Calendar.from_ical(text).walk("VTODO")
    assert len(planned) == len(todos)
    for follow_up, todo in zip(planned, todos, strict=True):
        assert follow_up.due == todo.decoded("DUE")
        summary = f"{follow_up.organization}, {follow_up.title}"
        assert str(todo["SUMMARY"]).endswith(_as_text_value(summary))


def _as_text_value(text: str) -> str:
    """What a TEXT value holds of ``text``: line breaks as LF, other controls as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        " " if (char < " " and char not in "\t\n") or char == "\x7f" else char for char in text
    )
