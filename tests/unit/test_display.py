"""Text and HTML views of searches and opportunities."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

import pipeline_core as pc
from pipeline_core._views import html_view, text_view
from pipeline_core.render._domain import STYLE, opportunity_html, search_html
from pipeline_core.testing import searches

T0 = dt.datetime(2026, 9, 14, 15, tzinfo=dt.UTC)
HOSTILE = "<script>alert('x')</script> & \"${x}\" {0.__class__}"


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def article_search() -> pc.Search:
    opportunity = pc.Opportunity(
        id="company-x",
        organization="Company X",
        title="Operations Analyst",
        source="agency_recruiter",
        events=(
            pc.Applied(at=day(0)),
            pc.Advanced(at=day(8), stage="interviewing", round=1),
            pc.Advanced(at=day(15), stage="interviewing", round=2, note="tour"),
        ),
    )
    closed = pc.Opportunity(
        id="old",
        organization="Old Co",
        title="Clerk",
        source="job_board",
        events=(pc.Applied(at=day(0)), pc.Closed(at=day(3), outcome="rejected")),
    )
    return pc.Search(opportunities=(opportunity, closed))


def test_search_text_without_a_date_shows_dates() -> None:
    """str(search) summarises and lists each opportunity with its stage and dates."""
    text = str(article_search())
    assert text.splitlines()[0] == "Search: 2 opportunities, 1 live"
    assert "stage: interviewing (round 2) (since 2026-09-29)" in text
    assert "stage: applied, rejected" in text
    assert "since last contact" not in text


def test_search_text_with_a_date_shows_durations() -> None:
    """describe(as_of=...) adds how long in stage and since the last contact."""
    text = article_search().describe(as_of=day(43))
    assert "as of 2026-10-27 15:00 UTC" in text
    assert "in stage for 4 weeks" in text
    assert "since last contact: 4 weeks" in text


def test_opportunity_text_names_it_its_stage_and_its_source() -> None:
    """str(opportunity) names it, its stage and its source."""
    text = str(article_search().get("company-x"))
    assert text.startswith("Company X — Operations Analyst [company-x]")
    assert "source: agency recruiter" in text


def test_search_html_has_a_row_per_opportunity() -> None:
    """The HTML table has one row per opportunity and the silence columns with as_of."""
    markup = article_search().to_html(as_of=day(43))
    assert markup.startswith(STYLE)
    assert markup.count("<tr><td>") == 2
    assert "<th>Silence</th>" in markup
    assert "<th>Silence</th>" not in article_search()._repr_html_()


def test_opportunity_html_lists_the_history_up_to_the_day() -> None:
    """An opportunity's HTML shows its events, only those up to as_of."""
    opportunity = article_search().get("company-x")
    assert opportunity._repr_html_().count("<td>advanced</td>") == 2
    assert opportunity.to_html(as_of=day(10)).count("<td>advanced</td>") == 1
    assert "note: tour" in opportunity_html(opportunity)


def test_user_strings_are_escaped() -> None:
    """Hostile organisation names and notes appear only escaped."""
    opportunity = pc.Opportunity(
        id="x",
        organization=HOSTILE,
        title=HOSTILE,
        source="other",
        events=(pc.Applied(at=T0, note=HOSTILE),),
    )
    for markup in (search_html(pc.Search(opportunities=(opportunity,))), opportunity.to_html()):
        assert "<script>" not in markup
        assert "&lt;script&gt;" in markup


@given(searches(max_size=3))
def test_any_search_renders_without_raw_user_markup(search: pc.Search) -> None:
    """Every search renders; the hostile strings the kit draws never appear unescaped."""
    markup = search.to_html()
    assert "<script>" not in markup
    assert str(search).startswith("Search:")


class Printer:
    """A stand-in for IPython's pretty printer."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self, value: str) -> None:
        self.parts.append(value)


def test_repr_pretty_prints_the_text_view() -> None:
    """IPython's terminal shows the text view, or the repr on a cycle."""
    search = article_search()
    printer = Printer()
    search._repr_pretty_(printer, cycle=False)
    search.get("old")._repr_pretty_(printer, cycle=True)
    assert printer.parts == [str(search), repr(search.get("old"))]


def test_unknown_durations_show_a_dash() -> None:
    """An opportunity not yet contacted has no silence to show."""
    fresh = pc.Opportunity(id="f", organization="F", title="Role", source="network")
    text = fresh.describe(as_of=T0)
    assert "since last contact: —" in text
    assert "last contact: —" in text


def test_an_object_without_a_registered_view_is_refused() -> None:
    """Only the classes a render module registered can be shown; others get a TypeError."""
    with pytest.raises(TypeError, match="no text view is registered for object"):
        text_view(object())
    with pytest.raises(TypeError, match="no HTML view is registered for object"):
        html_view(object())
