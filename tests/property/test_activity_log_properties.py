"""The activity log's invariants, for any search the kit can draw."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.testing import strategies

_DAYS = st.dates(dt.date(2019, 6, 1), dt.date(2031, 6, 1))


@given(
    search=strategies.searches(max_size=5),
    start=_DAYS,
    length=st.integers(0, 400),
    required=st.none() | st.integers(0, 10),
)
def test_weeks_cover_the_window_and_count_every_row(
    search: pc.Search, start: dt.date, length: int, required: int | None
) -> None:
    """Every row is in the window; the weeks are consecutive Mondays whose counts sum up."""
    end = start + dt.timedelta(days=length)
    log = pc.activity_log(search, start=start, end=end, required_per_week=required)
    assert all(start <= row.date <= end for row in log.rows)
    assert [row.at for row in log.rows] == sorted(row.at for row in log.rows)
    assert len(log.rows) == sum(week.count for week in log.weeks)
    assert all(week.start.weekday() == 0 for week in log.weeks)
    assert log.weeks[0].start <= start < log.weeks[0].start + dt.timedelta(days=7)
    assert log.weeks[-1].start <= end < log.weeks[-1].start + dt.timedelta(days=7)
    for earlier, later in zip(log.weeks, log.weeks[1:], strict=False):
        assert dt.timedelta(days=7) == later.start - earlier.start
    for week in log.weeks:
        assert week.short_by == (None if required is None else max(0, required - week.count))
    assert len(log.rows) == len(log.to_rows())
