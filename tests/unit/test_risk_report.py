"""The report and assess(): text, HTML, plain data, and the entry point's checks."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pendulum
import pytest

import pipeline_core as pc
from pipeline_core._views import html_view, text_view
from pipeline_core.exceptions import InputError

MONDAY = dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def agency_story() -> pc.Search:
    """One agency opportunity at interview round two, a positive signal, nothing else."""
    company_x = pc.Opportunity(
        id="company-x",
        organization="Company X",
        title="Operations Analyst",
        source="agency_recruiter",
        events=(
            pc.Applied(at=MONDAY),
            pc.Advanced(at=MONDAY + 7 * DAY, stage="interviewing", round=1),
            pc.Signal(at=MONDAY + 8 * DAY, polarity="positive", note="you were the favourite"),
            pc.Advanced(at=MONDAY + 14 * DAY, stage="interviewing", round=2),
        ),
    )
    return pc.Search(opportunities=(company_x,), goals=pc.Goals(weekly_applications=5))


@attrs.frozen
class FakeOutlook:
    """Stands in for the outlook model's result: the members the report needs."""

    p_any_offer: float = 0.42

    def to_dict(self) -> dict[str, Any]:
        return {"p_any_offer": self.p_any_offer}

    def __str__(self) -> str:
        return f"P(offer within 30 days) = {self.p_any_offer:.0%}"

    def _repr_html_(self) -> str:
        return f"<p>outlook {self.p_any_offer}</p>"


def report_at(days: float, **options: Any) -> pc.RiskReport:
    return pc.assess(agency_story(), as_of=MONDAY + days * DAY, **options)


# -- assess -----------------------------------------------------------------------------------


def test_the_story_grows_worse_as_the_weeks_pass() -> None:
    """Critical already the day after the second interview (one basket), and worse weeks later."""
    early, late = report_at(16), report_at(43)
    assert (pc.RiskLevel.CRITICAL, pc.RiskLevel.CRITICAL) == (early.level, late.level)
    assert early.score < late.score


def test_keeping_applying_lowers_the_risk() -> None:
    """Four new applications and an interview elsewhere bring the score down."""
    today = MONDAY + 43 * DAY
    others = [
        pc.Opportunity(
            id=f"new-{n}",
            organization=f"Org {n}",
            title="Analyst",
            source="company_site",
            events=(pc.Applied(at=today - n * DAY),),
        )
        for n in range(4)
    ]
    second = pc.Opportunity(
        id="elsewhere",
        organization="Elsewhere",
        title="Analyst",
        source="referral",
        events=(
            pc.Applied(at=today - 10 * DAY),
            pc.Advanced(at=today - DAY, stage="interviewing", round=1),
        ),
    )
    busier = agency_story()
    for opportunity in (*others, second):
        busier = busier.add(opportunity)
    assert pc.assess(busier, as_of=today).score < report_at(43).score


def test_assess_is_pure() -> None:
    """The same inputs give equal reports."""
    assert report_at(16) == report_at(16)


def test_events_after_as_of_are_ignored() -> None:
    """Assessing a past day of a longer history is assessing the shorter history."""
    early = MONDAY + 10 * DAY
    shorter = pc.Search(
        opportunities=(
            attrs.evolve(
                agency_story().opportunities[0], events=agency_story().opportunities[0].events[:3]
            ),
        ),
        goals=pc.Goals(weekly_applications=5),
    )
    assert pc.assess(shorter, as_of=early) == pc.assess(agency_story(), as_of=early)


def test_a_pendulum_instant_and_duration_are_accepted() -> None:
    """pendulum's DateTime and Duration are a datetime and a timedelta."""
    when = pendulum.datetime(2026, 10, 21, 4, 0, tz="America/Chicago")
    report = pc.assess(agency_story(), as_of=when, horizon=pendulum.duration(days=14))
    assert (dt.timedelta(days=14), dt.UTC, 14) == (
        report.horizon,
        report.as_of.tzinfo,
        report.facts.horizon_days,
    )


def test_a_custom_rule_set_is_used_and_named() -> None:
    """The report carries the identity of the rules that made it."""
    rules = pc.default_rules().disable("agency-fee-drag")
    report = report_at(16, rules=rules)
    assert (rules.identity, None) == (report.rules_identity, report.finding("agency-fee-drag"))


@pytest.mark.parametrize(
    ("options", "error", "path"),
    [
        ({"search": {}}, pc.WrongTypeError, "search"),
        ({"horizon": 30}, pc.WrongTypeError, "horizon"),
        ({"horizon": dt.timedelta(0)}, pc.InvalidValueError, "horizon"),
        ({"horizon": dt.timedelta(days=4000)}, pc.InvalidValueError, "horizon"),
        ({"rules": {}}, pc.WrongTypeError, "rules"),
        ({"model": object()}, pc.WrongTypeError, "model"),
        ({"as_of": dt.datetime(2026, 10, 5)}, pc.NaiveDatetimeError, "as_of"),  # noqa: DTZ001
    ],
)
def test_assess_checks_its_arguments(
    options: dict[str, Any], error: type[InputError], path: str
) -> None:
    """Bad arguments raise errors of the family naming the argument."""
    arguments: dict[str, Any] = {"search": agency_story(), "as_of": MONDAY, **options}
    search = arguments.pop("search")
    with pytest.raises(error) as caught:
        pc.assess(search, **arguments)
    assert path == caught.value.path


# -- the report's contents --------------------------------------------------------------------


def test_findings_come_strongest_first_and_four_are_principal() -> None:
    """Shares never increase down the list, and the principal ones lead."""
    report = report_at(43)
    shares = [f.share for f in report.findings]
    assert (sorted(shares, reverse=True), 4, report.findings[:4]) == (
        shares,
        len(report.principal),
        report.principal,
    )


def test_the_outlook_fills_the_slot_and_feeds_the_facts() -> None:
    """assess puts the outlook in the report, and its chances into the facts the rules read."""
    report = report_at(16)
    assert isinstance(report.outlook, pc.Outlook)
    assert report.outlook.p_no_offer == report.facts.p_no_offer
    assert 1.0 == report.facts.top_offer_share
    assert "single-basket" == report.findings[0].rule_id


def test_finding_finds_a_fired_rule() -> None:
    """report.finding(id) returns that rule's finding."""
    finding = report_at(16).finding("unsigned-certainty")
    assert finding is not None
    assert "unsigned-certainty" == finding.rule_id


def test_text_of_a_finding_without_evidence_has_no_evidence_line() -> None:
    """A custom rule may fire without evidence; the text then has no empty evidence line."""

    @attrs.frozen
    class Bare:
        id: str = "bare"
        title: str = "Bare"
        weight: float = 1.0
        overlaps: frozenset[str] = frozenset()

        def evaluate(self, facts: pc.Facts) -> pc.Firing:  # noqa: ARG002
            return pc.Firing(strength=1.0, message="Bare message.", action="Bare action.")

    text = str(report_at(16, rules=pc.RuleSet(rules=(Bare(),))))
    assert (True, False) == ("Bare message." in text, "evidence:" in text)


def test_finding_of_a_rule_that_did_not_fire_is_none() -> None:
    """Only fired rules have findings."""
    assert report_at(16).finding("offer-deadline") is None


# -- text -------------------------------------------------------------------------------------


def test_text_has_the_headline_findings_actions_and_facts() -> None:
    """str(report) reads top to bottom: score and level, principal findings, the rest, facts."""
    text = str(report_at(43))
    for part in (
        "Search risk 8",
        "CRITICAL",
        "Principal findings",
        "Also",
        "covered by search-stalled",
        "-> ",
        "evidence: ",
        "Facts: 1 live",
    ):
        assert part in text


def test_text_of_a_quiet_search_says_nothing_fired() -> None:
    """A signed offer leaves nothing to report but the facts."""
    search = pc.Search(
        opportunities=(
            pc.Opportunity(
                id="x",
                organization="X",
                title="T",
                source="referral",
                events=(
                    pc.Applied(at=MONDAY),
                    pc.Offer(at=MONDAY + DAY, form="written"),
                    pc.Closed(at=MONDAY + 2 * DAY, outcome="accepted"),
                ),
            ),
        )
    )
    report = pc.assess(search, as_of=MONDAY + 3 * DAY)
    assert (True, True, True) == (
        "No rule fired" in str(report),
        "1 signed" in str(report),
        "No rule fired" in report._repr_html_(),
    )


def test_text_of_an_empty_search_says_no_application_yet() -> None:
    """The facts line says what is missing."""
    text = " ".join(str(pc.assess(pc.Search(), as_of=MONDAY)).split())
    assert "no application yet" in text


def test_a_horizon_of_one_day_is_singular() -> None:
    """'1 day', not '1 days'."""
    assert "horizon 1 day," in str(report_at(16, horizon=DAY))


# -- HTML -------------------------------------------------------------------------------------


def test_html_escapes_user_strings() -> None:
    """An organisation called <script> is shown, never run."""
    story = agency_story()
    hostile = attrs.evolve(story.opportunities[0], organization="<script>alert('x')</script>")
    html = pc.assess(
        attrs.evolve(story, opportunities=(hostile,)), as_of=MONDAY + 43 * DAY
    )._repr_html_()
    assert (True, True) == (
        "<script>" not in html,
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html,
    )


def test_html_has_a_table_of_findings_and_the_facts() -> None:
    """One row per finding, the facts in a collapsible table."""
    report = report_at(43)
    html = report._repr_html_()
    assert all(
        f"[{finding.rule_id}]" in html or finding.rule_id in html for finding in report.findings
    )
    assert "<details>" in html
    assert "critical" in html


# -- the outlook slot -------------------------------------------------------------------------


def test_an_outlook_is_shown_written_and_read_back() -> None:
    """Any object of the OutlookLike protocol fits the slot."""
    report = attrs.evolve(report_at(16), outlook=FakeOutlook())
    data = json.loads(json.dumps(report.to_dict()))
    back = pc.RiskReport.from_dict(data, outlook_from_dict=lambda d: FakeOutlook(**d))
    assert (True, True, {"p_any_offer": 0.42}, report) == (
        "P(offer within 30 days) = 42%" in str(report),
        "<p>outlook 0.42</p>" in report._repr_html_(),
        data["outlook"],
        back,
    )


def test_a_foreign_outlook_needs_its_own_reader() -> None:
    """By default the outlook is read as an Outlook; a foreign one fails on its path."""
    data = attrs.evolve(report_at(16), outlook=FakeOutlook()).to_dict()
    with pytest.raises(pc.DecodeError) as caught:
        pc.RiskReport.from_dict(data)
    assert caught.value.path.startswith("outlook.")


def test_an_assessed_report_round_trips_with_its_outlook() -> None:
    """The default reader rebuilds the Outlook that assess put in the report."""
    report = report_at(43)
    assert report == pc.RiskReport.from_dict(json.loads(json.dumps(report.to_dict())))


def test_the_outlook_slot_refuses_other_things() -> None:
    """A float is not an outlook."""
    with pytest.raises(pc.WrongTypeError):
        attrs.evolve(report_at(16), outlook=0.42)  # type: ignore[arg-type]


# -- plain data -------------------------------------------------------------------------------


def test_a_report_round_trips_through_json() -> None:
    """to_dict is JSON-safe and from_dict reads it back to an equal report."""
    report = report_at(43, horizon=dt.timedelta(days=45, hours=6))
    assert report == pc.RiskReport.from_dict(json.loads(json.dumps(report.to_dict())))


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"schema": 2}, "schema"),
        ({"schema": True}, "schema"),
        ({"as_of": "2026-10-05T09:00:00"}, "as_of"),
        ({"as_of": 5}, "as_of"),
        ({"horizon_days": -1}, "horizon_days"),
        ({"level": "severe"}, "level"),
        ({"score": 101}, "score"),
        ({"findings": {}}, "findings"),
        ({"rules_identity": ""}, "rules_identity"),
        ({"facts": []}, "facts"),
    ],
)
def test_bad_report_data_names_the_path(change: dict[str, Any], path: str) -> None:
    """Each problem is a DecodeError at its path."""
    data = report_at(16).to_dict() | change
    with pytest.raises(pc.DecodeError) as caught:
        pc.RiskReport.from_dict(data)
    assert path == caught.value.path


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda f: f.update(strength=2), "findings[0].strength"),
        (lambda f: f.update(principal="yes"), "findings[0].principal"),
        (lambda f: f.update(opportunity_ids=[1]), "findings[0].opportunity_ids[0]"),
        (lambda f: f.update(evidence=[{}]), "findings[0].evidence[0].fact"),
        (lambda f: f.update(covered_by=""), "findings[0].covered_by"),
        (lambda f: f.pop("title"), "findings[0].title"),
    ],
)
def test_bad_finding_data_names_the_path(change: Any, path: str) -> None:
    """Findings are checked field by field."""
    data = report_at(16).to_dict()
    change(data["findings"][0])
    with pytest.raises(pc.DecodeError) as caught:
        pc.RiskReport.from_dict(data)
    assert path == caught.value.path


def test_a_report_without_an_outlook_reads_and_prints() -> None:
    """A report built without an outlook round-trips and prints no outlook section."""
    report = attrs.evolve(report_at(16), outlook=None)
    assert report == pc.RiskReport.from_dict(report.to_dict())
    assert "Outlook as of" not in str(report)
    assert "Outlook as of" in str(report_at(16))


def test_the_report_is_drawn_by_the_views_the_render_layer_registers() -> None:
    """str() and _repr_html_() are the registered text and HTML views of a report."""
    report = report_at(30)
    assert str(report) == text_view(report)
    assert report._repr_html_() == html_view(report)
