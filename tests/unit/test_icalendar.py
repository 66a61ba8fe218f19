"""The calendar export: RFC 5545 text that a real parser reads, folded and escaped."""

from __future__ import annotations

import datetime as dt

import attrs
import icalendar
import pytest

import pipeline_core as pc
from pipeline_core.actions import escape_text, fold, follow_up_sequence, follow_up_uid, unfold

UTC = dt.UTC
AS_OF = dt.datetime(2026, 11, 9, 12, 30, tzinfo=UTC)


def search(organization: str = "Acme", title: str = "Analyst") -> pc.Search:
    return pc.Search(
        opportunities=(
            pc.Opportunity(
                id="acme pm/1",
                organization=organization,
                title=title,
                source="job_board",
                events=(
                    pc.Applied(at=dt.datetime(2026, 10, 1, 9, tzinfo=UTC)),
                    pc.Advanced(at=dt.datetime(2026, 10, 30, 15, tzinfo=UTC), stage="final_round"),
                ),
            ),
            pc.Opportunity(
                id="beta",
                organization="Beta",
                title="Engineer",
                source="referral",
                events=(pc.Applied(at=dt.datetime(2026, 10, 20, 9, tzinfo=UTC)),),
            ),
        )
    )


def export(planned: tuple[pc.FollowUp, ...] | None = None, **options: object) -> str:
    if planned is None:
        planned = pc.follow_ups(search(), as_of=AS_OF)
    return pc.to_icalendar(planned, as_of=AS_OF, **options)  # type: ignore[arg-type]


def test_the_parser_reads_every_follow_up_as_a_to_do() -> None:
    """Each follow-up is a VTODO with its UID, DUE, SUMMARY, status and an alarm at DUE."""
    planned = pc.follow_ups(search(), as_of=AS_OF)
    calendar = icalendar.Calendar.from_ical(export(planned))
    todos = calendar.walk("VTODO")
    assert [follow_up_uid(f) for f in planned] == [str(todo["UID"]) for todo in todos]
    assert [f.due for f in planned] == [todo.decoded("DUE") for todo in todos]
    assert ["Check in: Beta, Engineer", "Thank-you note: Acme, Analyst"] == [
        str(todo["SUMMARY"]) for todo in todos
    ]
    assert {"NEEDS-ACTION"} == {str(todo["STATUS"]) for todo in todos}
    assert [AS_OF, AS_OF] == [todo.decoded("DTSTAMP") for todo in todos]
    alarm = todos[0].walk("VALARM")[0]
    assert "DISPLAY" == str(alarm["ACTION"])
    assert dt.timedelta(0) == alarm.decoded("TRIGGER")
    assert planned[0].reason + "\n\n" + planned[0].action == str(todos[0]["DESCRIPTION"])


def test_the_calendar_has_its_header_and_name() -> None:
    """VERSION 2.0, a PRODID, and the name given."""
    calendar = icalendar.Calendar.from_ical(export(calendar_name="Mia's search; 2026"))
    assert "2.0" == str(calendar["VERSION"])
    assert "-//pipeline_core//follow-ups//EN" == str(calendar["PRODID"])
    # The parser keeps X- properties as written: the name is there, escaped as TEXT.
    assert b"Mia's search\\; 2026" == calendar["X-WR-CALNAME"].to_ical()
    assert "Job search follow-ups" == str(icalendar.Calendar.from_ical(export())["X-WR-CALNAME"])


def test_lines_end_in_crlf_and_fit_in_75_octets() -> None:
    """Every line ends with CRLF, no bare LF, and none is longer than 75 octets."""
    text = export()
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # the descriptions are folded


def test_an_empty_plan_is_an_empty_calendar() -> None:
    """No follow-ups: a valid calendar with no to-do."""
    calendar = icalendar.Calendar.from_ical(export(()))
    assert [] == calendar.walk("VTODO")


def test_text_is_escaped_and_unicode_survives() -> None:
    """Commas, semicolons, backslashes and multi-byte characters come back as they were."""
    organization = "Ünïcødé, Ltd; \\ 東京支社 " * 3
    planned = pc.follow_ups(search(organization=organization.strip()), as_of=AS_OF)
    text = export(planned)
    assert max(len(line.encode("utf-8")) for line in text.split("\r\n")) <= 75
    todo = icalendar.Calendar.from_ical(text).walk("VTODO")[1]
    assert f"Thank-you note: {organization.strip()}, Analyst" == str(todo["SUMMARY"])


def test_escape_text_escapes_what_rfc_5545_asks() -> None:
    """Backslash first, then semicolon, comma and newlines; other controls become spaces."""
    assert "a\\\\b\\;c\\,d\\ne\\nf\\ng h" == escape_text("a\\b;c,d\ne\r\nf\rg\x07h")
    assert "tab\tkept" == escape_text("tab\tkept")
    assert "lone ? surrogate" == escape_text("lone \ud800 surrogate")


def test_fold_never_splits_a_character() -> None:
    """A line of 3-octet characters folds between characters, at most 75 octets a line."""
    line = "SUMMARY:" + "東" * 60
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert [74, 73, 43] == [len(piece.encode("utf-8")) for piece in pieces]
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert line == unfold(folded)
    assert "SHORT:line" == fold("SHORT:line")
    assert "X:" + "a" * 73 == fold("X:" + "a" * 73)


def test_uid_and_sequence_are_pure() -> None:
    """The UID names the kind, the ordinal and the (percent-encoded) opportunity id."""
    planned = pc.follow_ups(search(), as_of=AS_OF)
    thank_you = next(f for f in planned if f.opportunity_id == "acme pm/1")
    assert "thank_you-2-acme%20pm%2F1@pipeline-core" == follow_up_uid(thank_you)
    assert int(thank_you.due.timestamp() // 60) == follow_up_sequence(thank_you)


def test_a_moved_due_date_keeps_its_uid_and_raises_its_sequence() -> None:
    """A holiday in the wait moves the check-in later: same UID, higher SEQUENCE."""
    before = pc.follow_ups(search(), as_of=AS_OF)
    holiday = pc.Cadence(holidays={dt.date(2026, 10, 22)})
    after = pc.follow_ups(search(), as_of=AS_OF, cadence=holiday)
    old, new = before[0], after[0]
    assert follow_up_uid(old) == follow_up_uid(new)
    assert new.due > old.due
    assert follow_up_sequence(new) > follow_up_sequence(old)
    parsed = icalendar.Calendar.from_ical(export(after)).walk("VTODO")[0]
    assert follow_up_sequence(new) == parsed.decoded("SEQUENCE")


def test_a_due_date_before_1970_has_sequence_zero() -> None:
    """SEQUENCE is never negative."""
    planned = pc.follow_ups(search(), as_of=AS_OF)[0]
    old = attrs.evolve(planned, due=dt.datetime(1960, 1, 1, tzinfo=UTC))
    assert 0 == follow_up_sequence(old)


def test_bad_arguments_are_refused() -> None:
    """Wrong types, a duplicate follow-up, a blank name or a naive as_of raise typed errors."""
    planned = pc.follow_ups(search(), as_of=AS_OF)
    with pytest.raises(pc.WrongTypeError, match=r"follow_ups\[1\]"):
        pc.to_icalendar([planned[0], "chase"], as_of=AS_OF)  # type: ignore[list-item]
    with pytest.raises(pc.WrongTypeError, match="follow_ups"):
        pc.to_icalendar("chase", as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(pc.InvalidValueError, match=r"follow_ups\[1\]"):
        pc.to_icalendar([planned[0], planned[0]], as_of=AS_OF)
    with pytest.raises(pc.InvalidValueError, match="calendar_name"):
        pc.to_icalendar(planned, as_of=AS_OF, calendar_name=" ")
    with pytest.raises(pc.NaiveDatetimeError, match="as_of"):
        pc.to_icalendar(planned, as_of=dt.datetime(2026, 11, 9))  # noqa: DTZ001
