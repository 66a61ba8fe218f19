"""
Goals: what the candidate aims for, which some rules measure the search against.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from pipeline_core import _checks
from pipeline_core.instants import to_utc

__all__ = ["Goals"]


def _check_min_live(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    if value is not None:
        _checks.check_count(value, field="min_live")


def _check_weekly(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    if value is not None:
        _checks.check_number(value, field="weekly_applications", maximum=1_000)


def _to_offer_by(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else to_utc(value, field="offer_by")


@attrs.frozen(kw_only=True)
class Goals:
    """
    The candidate's goals; every one is optional.

    Args:
        min_live: The fewest live opportunities the candidate wants at any time.
        weekly_applications: How many new applications a week the candidate aims for.
        offer_by: When the candidate wants an offer by (any aware datetime).

    Raises:
        InvalidValueError: a number is negative or absurd.
        NaiveDatetimeError: ``offer_by`` has no time zone.

    .. versionadded:: 0.1.0
    """

    min_live: int | None = attrs.field(default=None, validator=_check_min_live)
    weekly_applications: float | None = attrs.field(default=None, validator=_check_weekly)
    offer_by: dt.datetime | None = attrs.field(default=None, converter=_to_offer_by)

    @property
    def is_empty(self) -> bool:
        """
        Whether no goal is set.
        """
        return self.min_live is None and self.weekly_applications is None and self.offer_by is None
