"""Instants: aware datetimes in, UTC out; naive ones refused."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

import pipeline_core as pc
from pipeline_core.instants import (
    days_between,
    epoch_seconds,
    format_instant,
    humanize_days,
    parse_instant,
    to_utc,
)


def test_to_utc_keeps_a_utc_datetime_as_it_is() -> None:
    """A stdlib datetime already in UTC is returned unchanged (the fast path)."""
    value = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
    assert to_utc(value, field="at") is value


def test_to_utc_normalises_another_zone() -> None:
    """An aware datetime in another zone becomes the same instant in UTC."""
    paris = dt.timezone(dt.timedelta(hours=2))
    value = dt.datetime(2026, 10, 1, 11, 30, 15, 7, tzinfo=paris)
    assert dt.datetime(2026, 10, 1, 9, 30, 15, 7, tzinfo=dt.UTC) == to_utc(value, field="at")


def test_to_utc_turns_pendulum_into_a_plain_datetime() -> None:
    """Pendulum's DateTime is accepted and the result is a plain stdlib datetime."""
    value = pendulum.datetime(2026, 1, 1, tz="Europe/Paris")
    result = to_utc(value, field="at")
    assert type(result) is dt.datetime
    assert dt.datetime(2025, 12, 31, 23, tzinfo=dt.UTC) == result


def test_to_utc_refuses_a_naive_datetime_naming_the_field() -> None:
    """A naive datetime raises NaiveDatetimeError (a ValueError) that names the field."""
    with pytest.raises(pc.NaiveDatetimeError, match=r"^created_at: naive") as info:
        to_utc(dt.datetime(2026, 1, 1), field="created_at")  # noqa: DTZ001 - the point of the test
    assert isinstance(info.value, ValueError)
    assert info.value.path == "created_at"


def test_to_utc_refuses_a_date() -> None:
    """A date is not an instant: WrongTypeError, also a TypeError."""
    with pytest.raises(pc.WrongTypeError) as info:
        to_utc(dt.date(2026, 1, 1), field="at")
    assert isinstance(info.value, TypeError)


def test_parse_instant_reads_offsets_and_z() -> None:
    """ISO 8601 text with an offset or Z parses to the UTC instant."""
    expected = dt.datetime(2026, 10, 1, 7, tzinfo=dt.UTC)
    assert expected == parse_instant("2026-10-01T09:00:00+02:00", field="at")
    assert expected == parse_instant("2026-10-01T07:00:00Z", field="at")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("2026-10-01T09:00:00", pc.NaiveDatetimeError),
        ("yesterday", pc.InvalidValueError),
        (20261001, pc.WrongTypeError),
    ],
)
def test_parse_instant_refuses_bad_text(text: object, error: type[Exception]) -> None:
    """Text without an offset, non-ISO text and non-text are refused with typed errors."""
    with pytest.raises(error, match=r"^events\[0\]\.at: "):
        parse_instant(text, field="events[0].at")


def test_format_instant_round_trips() -> None:
    """format_instant writes text that parse_instant reads back to an equal instant."""
    value = dt.datetime(2026, 10, 1, 9, 0, 0, 123, tzinfo=dt.UTC)
    assert value == parse_instant(format_instant(value), field="at")
    assert format_instant(value).endswith("+00:00")


def test_epoch_seconds_and_days_between() -> None:
    """Hot-path helpers work in plain floats."""
    start = dt.datetime(1970, 1, 2, tzinfo=dt.UTC)
    assert epoch_seconds(start) == 86_400.0
    assert days_between(start, start + dt.timedelta(days=2, hours=12)) == 2.5


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0.0, "just now"),
        (0.3, "7 hours"),
        (0.01, "14 minutes 24 seconds"),
        (23.4, "3 weeks 2 days"),
        (-2.0, "2 days"),
    ],
)
def test_humanize_days(days: float, text: str) -> None:
    """Durations read as words, rounded to the unit that matters."""
    assert text == humanize_days(days)
