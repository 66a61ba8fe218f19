"""
Instants: timezone-aware points in time, normalised to UTC once, at the edge.

Every instant that enters `pipeline_core` passes through :func:`to_utc` (for
datetimes) or :func:`parse_instant` (for ISO 8601 text). Both refuse naive
values rather than guess a time zone. Inside the library instants are plain
:class:`datetime.datetime` objects in UTC, and hot paths work on
:func:`epoch_seconds` — plain floats — because arithmetic on pendulum objects
costs about 150 times the same on the standard library's.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

import pendulum

from pipeline_core.exceptions import InvalidValueError, NaiveDatetimeError, WrongTypeError

__all__ = [
    "SECONDS_PER_DAY",
    "days_between",
    "epoch_seconds",
    "format_instant",
    "humanize_days",
    "parse_instant",
    "to_utc",
]

SECONDS_PER_DAY = 86_400.0
"""Seconds in a day; durations in facts and reports are in (fractional) days."""

_ALLOWED = "an aware datetime (with tzinfo), such as datetime(2026, 10, 1, tzinfo=UTC)"
_ALLOWED_TEXT = "ISO 8601 text with an offset, such as '2026-10-01T09:00:00+00:00'"


def to_utc(value: object, *, field: str) -> dt.datetime:
    """
    Return ``value`` as a plain :class:`datetime.datetime` in UTC.

    Any aware datetime is accepted, pendulum's ``DateTime`` included; the
    result is always a standard-library datetime with ``tzinfo=UTC``, so equal
    instants compare and hash equal and print the same way.

    Args:
        value: The instant to normalise.
        field: The name of the field the value belongs to, for error messages.

    Returns:
        The same instant as a UTC datetime.

    Raises:
        WrongTypeError: ``value`` is not a datetime (a :class:`datetime.date`
            alone is refused too: it is not an instant).
        NaiveDatetimeError: ``value`` has no time zone.
        pipeline_core.exceptions.InvalidValueError: the instant is outside what a UTC
            datetime holds (years 1 to 9999).
    """
    if type(value) is dt.datetime and value.tzinfo is dt.UTC:
        return value  # the common case: already normalised
    if not isinstance(value, dt.datetime):
        raise WrongTypeError("expected a datetime", path=field, received=value, allowed=_ALLOWED)
    try:
        offset = value.utcoffset()
    except (TypeError, ValueError):  # a tzinfo whose offset is not a timedelta within a day
        raise InvalidValueError(
            "the time zone gives no valid offset", path=field, received=value, allowed=_ALLOWED
        ) from None
    if offset is None:
        raise NaiveDatetimeError(
            "naive datetime (no time zone); pipeline_core never assumes one",
            path=field,
            received=value,
            allowed=_ALLOWED,
        )
    try:
        naive = value.replace(tzinfo=None) - offset
    except OverflowError:  # 0001-01-01T00:00+01:00 is before the first UTC instant
        raise InvalidValueError(
            "out of range: the instant in UTC is before year 1 or after year 9999",
            path=field,
            received=value,
            allowed=f"{_ALLOWED}, between 0001-01-01 and 9999-12-31 in UTC",
        ) from None
    return dt.datetime(
        naive.year,
        naive.month,
        naive.day,
        naive.hour,
        naive.minute,
        naive.second,
        naive.microsecond,
        tzinfo=dt.UTC,
    )


def parse_instant(text: object, *, field: str) -> dt.datetime:
    """
    Parse ISO 8601 text with an offset into a UTC datetime.

    Args:
        text: The text to parse, such as ``"2026-10-01T09:00:00+02:00"``.
        field: The name or JSON path of the field, for error messages.

    Returns:
        The instant as a UTC datetime.

    Raises:
        WrongTypeError: ``text`` is not a string.
        NaiveDatetimeError: the text has no offset.
        pipeline_core.exceptions.InvalidValueError: the text is not ISO 8601, or its
            instant in UTC is before year 1 or after year 9999.

    Fractional seconds beyond microseconds (``09:00:00.123456789``) are read and cut
    to microseconds, which is all a :class:`datetime.datetime` holds; the cut never
    changes the order of two instants, only makes some equal.
    """
    if not isinstance(text, str):
        raise WrongTypeError("expected a string", path=field, received=text, allowed=_ALLOWED_TEXT)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValueError(
            "not an ISO 8601 timestamp", path=field, received=text, allowed=_ALLOWED_TEXT
        ) from None
    if parsed.tzinfo is dt.UTC:
        return parsed  # written in UTC, as this library writes: nothing to convert
    if parsed.utcoffset() is None:
        raise NaiveDatetimeError(
            "timestamp without an offset; pipeline_core never assumes one",
            path=field,
            received=text,
            allowed=_ALLOWED_TEXT,
        )
    try:
        return to_utc(parsed, field=field)
    except InvalidValueError as error:  # out of range: name the text that was read
        raise InvalidValueError(
            error.problem, path=field, received=text, allowed=_ALLOWED_TEXT
        ) from None


def format_instant(value: dt.datetime) -> str:
    """
    Return the interchange text of a UTC instant (ISO 8601 with ``+00:00``).

    Args:
        value: A UTC datetime, as produced by :func:`to_utc`.

    Returns:
        Text that :func:`parse_instant` reads back to an equal instant.
    """
    return value.isoformat()


def epoch_seconds(value: dt.datetime) -> float:
    """
    Return an aware datetime as seconds since the Unix epoch: the hot-path form.

    Args:
        value: An aware datetime.

    Returns:
        Seconds since 1970-01-01T00:00:00Z as a float.
    """
    return value.timestamp()


def days_between(start: dt.datetime, end: dt.datetime) -> float:
    """
    Return the (fractional) number of days from ``start`` to ``end``.

    Args:
        start: The earlier instant.
        end: The later instant.

    Returns:
        ``end - start`` in days; negative when ``end`` is earlier.
    """
    return (end.timestamp() - start.timestamp()) / SECONDS_PER_DAY


def humanize_days(days: float) -> str:
    """
    Return a duration in days as words a person reads at a glance.

    Args:
        days: A duration in days (fractions allowed).

    Returns:
        Text such as ``"3 weeks 2 days"`` or ``"5 hours"``; ``"just now"``
        below a minute.
    """
    seconds = round(abs(days) * SECONDS_PER_DAY)
    if seconds < 60:  # noqa: PLR2004 - one minute
        return "just now"
    duration = pendulum.duration(seconds=seconds)
    if seconds >= SECONDS_PER_DAY:
        duration = pendulum.duration(days=duration.in_days())
    elif seconds >= 3600:  # noqa: PLR2004 - one hour
        duration = pendulum.duration(hours=duration.in_hours())
    return duration.in_words(locale="en")
