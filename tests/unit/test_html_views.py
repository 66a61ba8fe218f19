"""The HTML views a notebook user sees: what they show at a glance, and that they escape."""

from __future__ import annotations

import datetime as dt
import html
import re

import attrs
import pytest
from hypothesis import given

import pipeline_core as pc
from pipeline_core.render._domain import STYLE
from pipeline_core.testing import hostile_texts

MONDAY = dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
HOSTILE = (
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "${__import__('os')}",
    "{0.__class__}",
    'Tom & Jerry\'s "firm"',
)


def search_of(organization: str = "Company X", title: str = "Analyst") -> pc.Search:
    """An agency opportunity at interview round two, silent for weeks, and a fresh application."""
    company_x = pc.Opportunity(
        id="company-x",
        organization=organization,
        title=title,
        source="agency_recruiter",
        events=(
            pc.Applied(at=MONDAY),
            pc.Advanced(at=MONDAY + 7 * DAY, stage="interviewing", round=1),
            pc.Signal(at=MONDAY + 8 * DAY, polarity="positive", note=title),
            pc.Advanced(at=MONDAY + 14 * DAY, stage="interviewing", round=2),
        ),
    )
    fresh = pc.Opportunity(
        id="fresh",
        organization="Beta",
        title=title,
        source="job_board",
        events=(pc.Applied(at=MONDAY + 40 * DAY),),
    )
    return pc.Search(opportunities=(company_x, fresh), goals=pc.Goals(weekly_applications=5))


def views(search: pc.Search) -> dict[str, str]:
    """Every HTML view of a search, as of six weeks in."""
    when = MONDAY + 43 * DAY
    report = pc.assess(search, as_of=when)
    history = pc.risk_history(search, start=MONDAY, end=when, step=7 * DAY)
    return {
        "search": search._repr_html_(),
        "opportunity": search.opportunities[0]._repr_html_(),
        "report": report._repr_html_(),
        "outlook": pc.forecast(search, as_of=when)._repr_html_(),
        "history": history._repr_html_(),
    }


def without_style(page: str) -> str:
    """The page without the shared stylesheet (whose braces are CSS, not user text)."""
    return page.replace(STYLE, "")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_view_escapes_a_hostile_organisation(hostile: str) -> None:
    """A hostile organisation name appears escaped in every view, never raw."""
    for name, page in views(search_of(organization=hostile)).items():
        if name == "history":
            continue  # the history shows no organisation
        escaped = html.escape(hostile)
        raw = hostile != escaped and hostile in page
        assert (name, False, True) == (name, raw, escaped in page)


@pytest.mark.parametrize("hostile", ["${top_organization}", "{0.__class__}", "{title}"])
def test_placeholders_in_user_text_are_shown_as_typed(hostile: str) -> None:
    """Braces and dollar placeholders a person typed are never formatted or substituted."""
    page = views(search_of(organization=hostile))["report"]
    assert html.escape(hostile) in page
    assert "<class" not in page


@given(text=hostile_texts())
def test_report_html_never_carries_raw_markup_from_user_text(text: str) -> None:
    """Whatever an organisation and a title say, the report holds no tag they opened."""
    page = without_style(
        pc.assess(search_of(organization=text, title=text), as_of=MONDAY + 43 * DAY)._repr_html_()
    )
    tags = set(re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", page))
    assert set() == tags - {
        "div", "span", "code", "p", "strong", "br", "small", "table", "thead", "tbody", "tr",
        "th", "td", "details", "summary", "pre", "h4",
    }  # fmt: skip


def test_report_shows_score_and_level_first() -> None:
    """The score and a level badge come before anything else in the report."""
    report = pc.assess(search_of(), as_of=MONDAY + 43 * DAY)
    page = without_style(report._repr_html_())
    score = page.index(f">{report.score:.0f}</span>")
    badge = page.index(f'class="pc-badge pc-{report.level.value}">{report.level.value}<')
    assert score < badge < page.index("<table")


def test_report_shows_the_outlook_headline_and_safety_net() -> None:
    """The chance of an offer within the horizon and the safety net are on the first lines."""
    report = pc.assess(search_of(), as_of=MONDAY + 43 * DAY)
    assert report.outlook is not None
    page = report._repr_html_()
    assert f"within 30 days: <strong>{report.outlook.p_any_offer:.0%}</strong>" in page
    assert "Safety net:" in page


def test_report_lists_findings_with_their_actions() -> None:
    """Each finding's title and action are in the report."""
    report = pc.assess(search_of(), as_of=MONDAY + 43 * DAY)
    page = report._repr_html_()
    assert report.findings
    assert all(
        html.escape(finding.title) in page and html.escape(finding.action) in page
        for finding in report.findings
    )


def test_report_shows_each_live_opportunitys_stage_and_silence() -> None:
    """One row per live opportunity with its stage; an overlong silence is flagged."""
    page = pc.assess(search_of(), as_of=MONDAY + 43 * DAY)._repr_html_()
    assert "<td>Company X</td><td>interviewing</td>" in page
    assert "<td>Beta</td><td>applied</td>" in page
    assert '<span class="pc-warn">21 business days (usual: 5)</span>' in page


def test_report_without_live_opportunities_has_no_opportunity_table() -> None:
    """An empty search shows no opportunity table and says no rule fired."""
    page = pc.assess(pc.Search(), as_of=MONDAY)._repr_html_()
    assert "Employer silent" not in page


def test_report_without_an_outlook_has_no_outlook_lines() -> None:
    """A report built without an outlook shows neither the headline chance nor the outlook."""
    report = attrs.evolve(pc.assess(search_of(), as_of=MONDAY + 43 * DAY), outlook=None)
    page = report._repr_html_()
    assert ("Chance of at least one offer" in page, "<summary>Outlook</summary>" in page) == (
        False,
        False,
    )


def test_views_use_the_theme_variables() -> None:
    """Every view carries the stylesheet of JupyterLab variables, with fallbacks."""
    assert all(
        STYLE in page and "var(--jp-content-font-color1,inherit)" in page
        for page in views(search_of()).values()
    )
