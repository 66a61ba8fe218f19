"""Plain rows for tables and DataFrames."""

from __future__ import annotations

import datetime as dt

from hypothesis import given

import pipeline_core as pc
from pipeline_core.records import event_records, opportunity_records
from pipeline_core.testing import instants, searches

T0 = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)


def search() -> pc.Search:
    return pc.Search(
        opportunities=(
            pc.Opportunity(
                id="a",
                organization="A",
                title="Analyst",
                source="referral",
                industry="finance",
                events=(
                    pc.Applied(at=T0),
                    pc.Contact(at=T0 + dt.timedelta(days=2), direction="inbound", channel="email"),
                    pc.Offer(
                        at=T0 + dt.timedelta(days=9),
                        form="written",
                        deadline=T0 + dt.timedelta(days=16),
                    ),
                ),
            ),
        )
    )


def test_opportunity_records_hold_the_stage_and_durations_as_of_a_day() -> None:
    """One row per opportunity with its derived stage and durations in days."""
    (row,) = opportunity_records(search(), as_of=T0 + dt.timedelta(days=5))
    assert row["stage"] == "applied"
    assert row["live"] is True
    assert row["outcome"] is None
    assert row["days_in_stage"] == 5.0
    assert row["days_since_contact"] == 3.0
    assert row["days_since_inbound"] == 3.0
    assert row["applied_at"] == T0
    assert row["industry"] == "finance"


def test_event_records_hold_every_column_none_where_it_does_not_apply() -> None:
    """One row per event, with every column present and None where it does not apply."""
    rows = event_records(search())
    assert [row["type"] for row in rows] == ["applied", "contact", "offer"]
    assert rows[1]["channel"] == "email"
    assert rows[0]["channel"] is None
    assert rows[2]["deadline"] == T0 + dt.timedelta(days=16)
    assert set(rows[0]) == set(rows[2])


@given(searches(max_size=4), instants())
def test_a_row_per_opportunity_and_per_event(any_search: pc.Search, as_of: dt.datetime) -> None:
    """The row counts match the search, whatever it holds."""
    assert len(opportunity_records(any_search, as_of=as_of)) == len(any_search)
    assert len(event_records(any_search)) == sum(len(o.events) for o in any_search)
