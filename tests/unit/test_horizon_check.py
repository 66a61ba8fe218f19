"""The one horizon check: a timedelta in (0, ten years], refused with the same error and path."""

from __future__ import annotations

import datetime as dt

import pytest

import pipeline_core as pc
from pipeline_core import _checks


def test_a_horizon_within_ten_years_is_a_plain_timedelta() -> None:
    """A timedelta subclass comes back as a plain timedelta of the same length."""

    class _Days(dt.timedelta):
        """A timedelta subclass, as pendulum's Duration is."""

    assert dt.timedelta(days=30) == _checks.check_horizon(dt.timedelta(days=30))
    converted = _checks.check_horizon(_Days(days=3_650))
    assert (dt.timedelta, dt.timedelta(days=3_650)) == (type(converted), converted)


@pytest.mark.parametrize(
    ("horizon", "error"),
    [
        (dt.timedelta(days=3_655), pc.InvalidValueError),
        (dt.timedelta(0), pc.InvalidValueError),
        (30, pc.WrongTypeError),
    ],
)
def test_a_horizon_out_of_range_is_refused(horizon: object, error: type[Exception]) -> None:
    """Too long, not positive, or not a timedelta: refused on the path given."""
    with pytest.raises(error) as caught:
        _checks.check_horizon(horizon, path="options.horizon")
    assert "options.horizon" == caught.value.path  # type: ignore[attr-defined]
