"""
The cadence of follow-ups, and counting business days.

The defaults are the advice that job-search trackers and career guides give: a thank-you
note within 24 hours of an interview, a first polite check-in after about a week of
silence (5 business days), a second after about two weeks (10), and then letting it go
cold. Business days skip Saturdays, Sundays and the holidays given; days are counted on
the UTC calendar, so an instant keeps its time of day and moves by whole days.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import cast

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidValueError, WrongTypeError
from pipeline_core.instants import SECONDS_PER_DAY

__all__ = [
    "MAX_BUSINESS_DAYS",
    "MAX_HOLIDAYS",
    "MAX_THANK_YOU_HOURS",
    "Cadence",
    "add_business_days",
    "subtract_business_days",
]

MAX_BUSINESS_DAYS = 120
"""The longest wait a cadence accepts, in business days (about six months)."""

MAX_THANK_YOU_HOURS = 168
"""The latest a thank-you note may be planned after an interview, in hours (a week)."""

MAX_HOLIDAYS = 10_000
"""The most holidays a cadence accepts (decades of any country's public holidays)."""

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_SATURDAY = 5


def _check_days(field: str, minimum: int) -> Callable[[object, object, object], None]:
    def validate(_instance: object, _attribute: object, value: object) -> None:
        _checks.check_count(value, field=field, minimum=minimum)
        if isinstance(value, int) and value > MAX_BUSINESS_DAYS:
            raise InvalidValueError(
                "absurdly long",
                path=field,
                received=value,
                allowed=f"an integer in [{minimum}, {MAX_BUSINESS_DAYS}] business days",
            )

    return validate


def _check_hours(_instance: object, _attribute: object, value: object) -> None:
    _checks.check_count(value, field="thank_you_hours", minimum=1)
    if isinstance(value, int) and value > MAX_THANK_YOU_HOURS:
        raise InvalidValueError(
            "absurdly long",
            path="thank_you_hours",
            received=value,
            allowed=f"an integer in [1, {MAX_THANK_YOU_HOURS}] hours",
        )


def _to_holidays(value: Iterable[dt.date] | object) -> frozenset[dt.date]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongTypeError(
            "expected a collection of dates",
            path="holidays",
            received=value,
            allowed="a set of datetime.date (a `holidays` calendar is one)",
        )
    days: frozenset[object] = frozenset(value)
    if len(days) > MAX_HOLIDAYS:
        raise InvalidValueError(
            "too many holidays",
            path="holidays",
            received=f"{len(days)} dates",
            allowed=f"at most {MAX_HOLIDAYS}",
        )
    for day in days:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise WrongTypeError(
                "expected a date",
                path="holidays",
                received=day,
                allowed="datetime.date values (days, not instants)",
            )
    return cast("frozenset[dt.date]", days)


@attrs.frozen(kw_only=True)
class Cadence:
    """
    When each follow-up falls due, in business days.

    Args:
        thank_you_hours: A thank-you note is due this many hours after an interview
            (default 24: the advice of every career guide and tracker).
        first_chase_days: A first check-in is due after this many business days without
            an answer (default 5, about a week).
        second_chase_days: The last check-in is due after this many (default 10, about
            two weeks); more than ``first_chase_days``.
        cold_days: After this many business days without an answer (default 15), the
            opportunity has gone cold and the follow-up is to decide whether to let it go;
            more than ``second_chase_days``.
        offer_answer_days: A written offer is answered this many business days before
            its deadline (default 1: a day before).
        holidays: Days that are not business days, as :class:`datetime.date` values;
            any collection of dates works, a calendar of the ``holidays`` package
            (extra ``holidays``) included.

    Raises:
        InvalidValueError: a number is negative, zero where it may not be, absurdly
            large, or the waits are not in increasing order (the error names the option).
        WrongTypeError: a value has the wrong type.

    .. versionadded:: 0.1.0
    """

    thank_you_hours: int = attrs.field(default=24, validator=_check_hours)
    first_chase_days: int = attrs.field(default=5, validator=_check_days("first_chase_days", 1))
    second_chase_days: int = attrs.field(default=10, validator=_check_days("second_chase_days", 2))
    cold_days: int = attrs.field(default=15, validator=_check_days("cold_days", 3))
    offer_answer_days: int = attrs.field(default=1, validator=_check_days("offer_answer_days", 0))
    holidays: frozenset[dt.date] = attrs.field(factory=frozenset, converter=_to_holidays)
    _holiday_ordinals: frozenset[int] = attrs.field(init=False, eq=False, repr=False, hash=False)

    @_holiday_ordinals.default
    def _ordinals(self) -> frozenset[int]:
        return frozenset(day.toordinal() for day in self.holidays)

    def __attrs_post_init__(self) -> None:
        for earlier, later in (
            ("first_chase_days", "second_chase_days"),
            ("second_chase_days", "cold_days"),
        ):
            if getattr(self, later) <= getattr(self, earlier):
                raise InvalidValueError(
                    "the waits are not in increasing order",
                    path=later,
                    received=getattr(self, later),
                    allowed=f"more than {earlier} ({getattr(self, earlier)})",
                )

    @property
    def holiday_ordinals(self) -> frozenset[int]:
        """
        The holidays as proleptic Gregorian ordinals (:meth:`datetime.date.toordinal`).
        """
        return self._holiday_ordinals


def _is_business_day(ordinal: int, holidays: frozenset[int]) -> bool:
    # date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday (Monday 0).
    return (ordinal - 1) % 7 < _SATURDAY and ordinal not in holidays


def add_business_days(ts: float, days: int, holidays: frozenset[int]) -> float:
    """
    Return the instant ``days`` business days after ``ts``, at the same time of day (UTC).

    Counting starts on the day after ``ts``'s day: five business days after a Tuesday is
    the next Tuesday; after a Saturday, the next Friday.

    Args:
        ts: Epoch seconds.
        days: Business days to add (0 gives ``ts``).
        holidays: Days to skip, as ordinals (see :attr:`Cadence.holiday_ordinals`).

    Returns:
        Epoch seconds.
    """
    ordinal = start = _EPOCH_ORDINAL + int(ts // SECONDS_PER_DAY)
    left = days
    while left > 0:
        ordinal += 1
        if _is_business_day(ordinal, holidays):
            left -= 1
    return ts + (ordinal - start) * SECONDS_PER_DAY


def subtract_business_days(ts: float, days: int, holidays: frozenset[int]) -> float:
    """
    Return the instant ``days`` business days before ``ts``, at the same time of day (UTC).

    Args:
        ts: Epoch seconds.
        days: Business days to go back (0 gives ``ts``).
        holidays: Days to skip, as ordinals.

    Returns:
        Epoch seconds.
    """
    ordinal = start = _EPOCH_ORDINAL + int(ts // SECONDS_PER_DAY)
    left = days
    while left > 0:
        ordinal -= 1
        if _is_business_day(ordinal, holidays):
            left -= 1
    return ts - (start - ordinal) * SECONDS_PER_DAY
