"""The proof-of-search log: the candidate's own activities, week by week, as a form."""

from __future__ import annotations

import datetime as dt

import pytest

import pipeline_core as pc
from pipeline_core import frames

UTC = dt.UTC
START, END = dt.date(2026, 10, 1), dt.date(2026, 10, 14)


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 10, day, hour, tzinfo=UTC)


def search() -> pc.Search:
    acme = pc.Opportunity(
        id="acme",
        organization="Acme <Corp>",
        title="Product Manager",
        source="referral",
        contact=pc.ContactDetails(name="Dana Reyes", email="dana@acme.example"),
        events=(
            pc.Applied(at=at(1)),
            pc.Contact(at=at(2), direction="inbound", channel="phone"),
            pc.Signal(at=at(2), polarity="positive"),
            pc.Advanced(at=at(6, 15), stage="interviewing", round=1),
            pc.Contact(at=at(7), direction="outbound", channel="email"),
            pc.Contact(at=at(13), direction="outbound"),
            pc.Advanced(at=at(20), stage="final_round"),
        ),
    )
    beta = pc.Opportunity(
        id="beta",
        organization="Beta",
        title="Analyst",
        source="job_board",
        events=(
            pc.Applied(at=dt.datetime(2026, 9, 30, 9, tzinfo=UTC)),
            pc.Contact(at=at(5), direction="outbound", channel="video"),
            pc.Closed(at=at(9), outcome="rejected"),
        ),
    )
    return pc.Search(opportunities=(acme, beta))


def test_the_rows_are_the_candidates_own_activities_in_the_window() -> None:
    """Applications, interviews and outbound contacts; not inbound word, not later events."""
    log = pc.activity_log(search(), start=START, end=END)
    assert [
        (
            dt.date(2026, 10, 1),
            "acme",
            pc.ActivityKind.APPLIED,
            pc.ActivityMethod.ONLINE_APPLICATION,
        ),
        (dt.date(2026, 10, 5), "beta", pc.ActivityKind.CONTACT, pc.ActivityMethod.VIDEO),
        (dt.date(2026, 10, 6), "acme", pc.ActivityKind.INTERVIEW, None),
        (dt.date(2026, 10, 7), "acme", pc.ActivityKind.CONTACT, pc.ActivityMethod.EMAIL),
        (dt.date(2026, 10, 13), "acme", pc.ActivityKind.CONTACT, pc.ActivityMethod.OTHER),
    ] == [(row.date, row.opportunity_id, row.kind, row.method) for row in log.rows]


def test_the_result_is_as_of_the_windows_last_day() -> None:
    """The final round after the window is not known yet; the rejection within it is."""
    log = pc.activity_log(search(), start=START, end=END)
    results = {row.opportunity_id: row.result for row in log.rows}
    assert {"acme": "interviewing (round 1)", "beta": "rejected"} == results
    later = pc.activity_log(search(), start=START, end=dt.date(2026, 10, 20))
    assert "final round" == later.rows[-1].result


@pytest.mark.parametrize(
    ("events", "result"),
    [
        ((pc.Applied(at=at(1)),), "awaiting an answer"),
        ((pc.Contact(at=at(1), direction="outbound"),), "not applied yet"),
        ((pc.Applied(at=at(1)), pc.Offer(at=at(2), form="verbal")), "verbal offer"),
        ((pc.Applied(at=at(1)), pc.Offer(at=at(2), form="written")), "written offer"),
        ((pc.Applied(at=at(1)), pc.Closed(at=at(2), outcome="ghosted")), "no answer (ghosted)"),
        ((pc.Applied(at=at(1)), pc.Closed(at=at(2), outcome="withdrawn")), "withdrew"),
        ((pc.Applied(at=at(1)), pc.Closed(at=at(2), outcome="cancelled")), "position cancelled"),
    ],
)
def test_every_stage_and_outcome_reads_as_a_result(
    events: tuple[pc.Event, ...], result: str
) -> None:
    """The result column speaks the form's language."""
    one = pc.Opportunity(id="a", organization="A", title="T", source="other", events=events)
    log = pc.activity_log(pc.Search(opportunities=(one,)), start=START, end=END)
    assert result == log.rows[0].result


def test_the_weeks_start_on_monday_and_count_against_the_requirement() -> None:
    """Three weeks overlap 1-14 October; two activities short in the first and the last."""
    log = pc.activity_log(search(), start=START, end=END, required_per_week=3)
    assert [
        (dt.date(2026, 9, 28), 1, 3, 2),
        (dt.date(2026, 10, 5), 3, 3, 0),
        (dt.date(2026, 10, 12), 1, 3, 2),
    ] == [(w.start, w.count, w.required, w.short_by) for w in log.weeks]
    assert (log.weeks[0], log.weeks[2]) == log.short_weeks


def test_without_a_requirement_no_week_is_short() -> None:
    """required and short_by are None; no week is short."""
    log = pc.activity_log(search(), start=START, end=END)
    assert {(None, None)} == {(w.required, w.short_by) for w in log.weeks}
    assert () == log.short_weeks


def test_rows_are_plain_dicts_for_a_csv() -> None:
    """to_rows and week_rows give text, numbers and None only."""
    log = pc.activity_log(search(), start=START, end=END, required_per_week=3)
    assert {
        "date": "2026-10-01",
        "organization": "Acme <Corp>",
        "position": "Product Manager",
        "activity": "applied",
        "method": "online_application",
        "contact": "Dana Reyes <dana@acme.example>",
        "result": "interviewing (round 1)",
        "opportunity_id": "acme",
    } == log.to_rows()[0]
    assert None is log.to_rows()[2]["method"]
    assert {"week_start": "2026-09-28", "count": 1, "required": 3, "short_by": 2} == (
        log.week_rows()[0]
    )


def test_dataframes_have_the_rows_columns() -> None:
    """The pandas extra gives the same rows and weeks as DataFrames."""
    log = pc.activity_log(search(), start=START, end=END, required_per_week=3)
    activities = frames.activity_frame(log)
    weeks = frames.activity_weeks_frame(log)
    assert list(pc.actions.ACTIVITY_COLUMNS) == list(activities.columns)
    assert 5 == len(activities)
    assert [2, 0, 2] == list(weeks["short_by"])


def test_the_text_reads_like_the_form() -> None:
    """A title with the window and requirement, a table, the weeks and a summary."""
    text = str(pc.activity_log(search(), start=START, end=END, required_per_week=3))
    assert text.startswith(
        "Work-search log, Thu 1 Oct 2026 to Wed 14 Oct 2026 (3 activities a week required)"
    )
    assert "date        employer     position         activity   method" in text
    assert "Dana Reyes <dana@acme.example>  interviewing (round 1)" in text
    assert "2026-10-05           3         3         0" in text
    assert text.endswith("5 activities in 3 weeks; 2 short.")


def test_long_cells_are_cut_on_one_line() -> None:
    """A long title is cut to 32 characters in the text form (names hold no line breaks)."""
    one = pc.Opportunity(
        id="a",
        organization="A",
        title="Senior Principal Staff Product Manager, Platform",
        source="other",
        events=(pc.Applied(at=at(1)),),
    )
    text = str(pc.activity_log(pc.Search(opportunities=(one,)), start=START, end=END))
    assert "Senior Principal Staff Product …" in text


def test_the_text_says_when_there_is_nothing_to_show() -> None:
    """An empty window, one week, no requirement."""
    log = pc.activity_log(search(), start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 2))
    text = log.describe()
    assert "(no activities in this window)" in text
    assert text.endswith("0 activities in 1 week.")
    met = pc.activity_log(
        search(), start=dt.date(2026, 10, 5), end=dt.date(2026, 10, 11), required_per_week=1
    )
    assert "(1 activity a week required)" in str(met)
    assert str(met).endswith("every week meets the requirement.")


def test_the_html_escapes_what_a_person_typed() -> None:
    """The employer's name reaches HTML escaped; short weeks are marked."""
    html = pc.activity_log(search(), start=START, end=END, required_per_week=3).to_html()
    assert "Acme &lt;Corp&gt;" in html
    assert "<Corp>" not in html
    assert 'class="pc-num pc-warn">2</td>' in html
    empty = pc.activity_log(search(), start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 2))
    assert "no activities in this window" in empty._repr_html_()
    assert '<td class="pc-num">—</td>' in empty.to_html()


def test_aware_datetimes_give_their_utc_day() -> None:
    """A window given as aware datetimes uses their UTC days."""
    chicago = dt.timezone(dt.timedelta(hours=-5))
    log = pc.activity_log(
        search(),
        start=dt.datetime(2026, 9, 30, 22, tzinfo=chicago),
        end=dt.datetime(2026, 10, 14, 12, tzinfo=UTC),
    )
    assert (START, END) == (log.start, log.end)


@pytest.mark.parametrize(
    ("options", "error", "named"),
    [
        ({"end": dt.date(2026, 9, 30)}, pc.InvalidValueError, "end"),
        ({"end": dt.date(2029, 1, 1)}, pc.InvalidValueError, "end"),
        ({"required_per_week": -1}, pc.InvalidValueError, "required_per_week"),
        ({"required_per_week": 1_000}, pc.InvalidValueError, "required_per_week"),
        ({"required_per_week": 2.5}, pc.WrongTypeError, "required_per_week"),
        ({"required_per_week": True}, pc.WrongTypeError, "required_per_week"),
        ({"start": "2026-10-01"}, pc.WrongTypeError, "start"),
        ({"start": dt.datetime(2026, 10, 1)}, pc.NaiveDatetimeError, "start"),  # noqa: DTZ001
    ],
)
def test_bad_options_are_refused_naming_the_option(
    options: dict[str, object], error: type[Exception], named: str
) -> None:
    """A window that ends before it starts or is too long, a bad requirement: typed errors."""
    arguments: dict[str, object] = {"start": START, "end": END, **options}
    with pytest.raises(error, match=named) as raised:
        pc.activity_log(search(), **arguments)  # type: ignore[arg-type]
    assert isinstance(raised.value, pc.PipelineError)


def test_the_search_is_checked() -> None:
    """Anything but a Search is refused."""
    with pytest.raises(pc.WrongTypeError, match="search"):
        pc.activity_log([], start=START, end=END)  # type: ignore[arg-type]
