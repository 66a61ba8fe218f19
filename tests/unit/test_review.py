"""Review: the report with the next follow-ups, and the instant it will next change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.engine._review import REVIEW_PRECISION
from pipeline_core.testing import samples, strategies

UTC = dt.UTC
AS_OF = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)


def at(day: int, hour: int = 9, month: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=UTC)


def signature(report: pc.RiskReport) -> tuple[frozenset[str], pc.RiskLevel]:
    return frozenset(finding.rule_id for finding in report.findings), report.level


def due(search: pc.Search, when: dt.datetime) -> frozenset[tuple[str, pc.FollowUpKind]]:
    return frozenset(
        (item.opportunity_id, item.kind)
        for item in pc.follow_ups(search, as_of=when)
        if item.is_due(when)
    )


def interviewed(when: dt.datetime) -> pc.Search:
    """One live opportunity, interviewed at ``when`` after an application a week before."""
    opportunity = pc.Opportunity(
        id="acme",
        organization="Acme",
        title="Analyst",
        source="referral",
        events=(
            pc.Applied(at=when - dt.timedelta(days=7)),
            pc.Advanced(at=when, stage="interviewing"),
        ),
    )
    return pc.Search(opportunities=(opportunity,))


def test_a_review_is_the_assessment_with_the_next_follow_ups() -> None:
    """Score, level, findings and facts are assess's; the next actions are the plan's first."""
    search = samples.sample_search()
    reviewed = pc.review(search, as_of=AS_OF)
    assessed = pc.assess(search, as_of=AS_OF)
    assert (reviewed.score, reviewed.level, reviewed.findings, reviewed.facts) == (
        assessed.score,
        assessed.level,
        assessed.findings,
        assessed.facts,
    )
    assert pc.follow_ups(search, as_of=AS_OF)[: pc.report.MAX_NEXT_ACTIONS] == reviewed.next_actions
    assert reviewed.next_actions  # the sample has live opportunities to chase
    assert () == assessed.next_actions
    assert assessed.next_review_at is None


def test_a_thank_you_falling_due_is_the_next_change() -> None:
    """An hour after an interview the next change is the thank-you note, 24 hours after it."""
    interview = at(20, 10)
    search = interviewed(interview)
    reviewed = pc.review(search, as_of=interview + dt.timedelta(hours=1))
    (thank_you,) = reviewed.next_actions
    assert pc.FollowUpKind.THANK_YOU == thank_you.kind
    assert interview + dt.timedelta(hours=24) == thank_you.due
    assert thank_you.due == reviewed.next_review_at
    before = thank_you.due - dt.timedelta(seconds=1)
    assert due(search, before) == frozenset()
    assert due(search, thank_you.due) == {("acme", pc.FollowUpKind.THANK_YOU)}


def test_a_finding_that_appears_is_the_next_change_to_the_minute() -> None:
    """A silence that runs past its window is found by the sweep, to REVIEW_PRECISION."""
    search = samples.sample_search(variant=1)
    start = at(1, 12, month=9)
    reviewed = pc.review(search, as_of=start, look_ahead=dt.timedelta(days=90))
    changed = reviewed.next_review_at
    assert changed is not None
    base = signature(pc.assess(search, as_of=start))
    before = max(start, changed - REVIEW_PRECISION)
    assert signature(pc.assess(search, as_of=before)) == base
    assert due(search, before) == due(search, start)
    after = pc.assess(search, as_of=changed)
    assert signature(after) != base or due(search, changed) != due(search, start)
    # The same change, found in the last stretch of a look-ahead shorter than one step.
    near = pc.review(
        search, as_of=changed - dt.timedelta(hours=3), look_ahead=dt.timedelta(hours=5)
    )
    assert near.next_review_at is not None
    assert abs(near.next_review_at - changed) <= REVIEW_PRECISION


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(search=strategies.searches(), days=st.integers(min_value=0, max_value=400))
def test_at_the_next_review_the_report_has_changed(search: pc.Search, days: int) -> None:
    """At next_review_at the findings, the level or the due follow-ups differ from as_of's."""
    start = dt.datetime(2025, 1, 1, tzinfo=UTC) + dt.timedelta(days=days)
    reviewed = pc.review(search, as_of=start, look_ahead=dt.timedelta(days=14))
    changed = reviewed.next_review_at
    if changed is None:
        later = start + dt.timedelta(days=14)
        assert signature(pc.assess(search, as_of=later)) == signature(reviewed)
        assert due(search, later) == due(search, start)
        return
    assert start < changed <= start + dt.timedelta(days=14)
    after = pc.assess(search, as_of=changed)
    assert signature(after) != signature(reviewed) or due(search, changed) != due(search, start)


def test_nothing_changes_within_a_short_look_ahead() -> None:
    """Every follow-up of the sample is overdue and no finding moves within a minute."""
    search = samples.sample_search()
    reviewed = pc.review(search, as_of=AS_OF, look_ahead=dt.timedelta(minutes=1))
    assert reviewed.next_review_at is None
    assert all(item.is_due(AS_OF) for item in reviewed.next_actions)


@pytest.mark.parametrize(
    ("look_ahead", "error"),
    [
        (dt.timedelta(0), pc.InvalidValueError),
        (dt.timedelta(days=-1), pc.InvalidValueError),
        (dt.timedelta(days=367), pc.InvalidValueError),
        (30, pc.WrongTypeError),
    ],
)
def test_a_bad_look_ahead_is_refused(look_ahead: Any, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        pc.review(samples.sample_search(), as_of=AS_OF, look_ahead=look_ahead)
    assert "look_ahead" == info.value.path  # type: ignore[attr-defined]


def test_review_checks_its_other_arguments_as_assess_does() -> None:
    with pytest.raises(pc.WrongTypeError, match=r"^search: "):
        pc.review("search", as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(pc.NaiveDatetimeError, match=r"^as_of: "):
        pc.review(samples.sample_search(), as_of=dt.datetime(2026, 1, 1))  # noqa: DTZ001
    with pytest.raises(pc.InvalidValueError, match=r"^horizon: "):
        pc.review(samples.sample_search(), as_of=AS_OF, horizon=dt.timedelta(days=3_655))
    with pytest.raises(pc.WrongTypeError, match=r"^cadence: "):
        pc.review(samples.sample_search(), as_of=AS_OF, cadence="weekly")  # type: ignore[arg-type]


# -- the report's plain data and views -------------------------------------------------------


def test_a_reviewed_report_round_trips_through_its_dict() -> None:
    reviewed = pc.review(interviewed(at(20, 10)), as_of=at(20, 11))
    data = reviewed.to_dict()
    assert data["next_review_at"] == "2026-10-21T10:00:00+00:00"
    assert data["next_actions"][0]["kind"] == "thank_you"
    assert pc.RiskReport.from_dict(data) == reviewed


def test_a_report_written_before_planning_still_reads() -> None:
    """Reports written without the planning keys read back with none planned."""
    data = pc.assess(samples.sample_search(), as_of=AS_OF).to_dict()
    del data["next_actions"], data["next_review_at"]
    report = pc.RiskReport.from_dict(data)
    assert (report.next_actions, report.next_review_at) == ((), None)


@pytest.mark.parametrize(
    ("key", "value", "path"),
    [
        ("next_review_at", "tomorrow", "next_review_at"),
        ("next_actions", "soon", "next_actions"),
        ("next_actions", [{"kind": "thank_you"}], "next_actions[0].action"),
    ],
)
def test_bad_planning_keys_name_their_path(key: str, value: object, path: str) -> None:
    data = pc.review(interviewed(at(20, 10)), as_of=at(20, 11)).to_dict()
    data[key] = value
    with pytest.raises(pc.DecodeError) as info:
        pc.RiskReport.from_dict(data)
    assert info.value.path == path


def test_a_follow_up_round_trips_and_names_bad_values() -> None:
    (follow_up,) = pc.review(interviewed(at(20, 10)), as_of=at(20, 11)).next_actions
    assert pc.FollowUp.from_dict(follow_up.to_dict()) == follow_up
    data = follow_up.to_dict() | {"ordinal": 0}
    with pytest.raises(pc.DecodeError) as info:
        pc.FollowUp.from_dict(data, "next_actions[0]")
    assert info.value.path == "next_actions[0].ordinal"


def test_a_report_lists_at_most_five_follow_ups_and_only_follow_ups() -> None:
    reviewed = pc.review(samples.sample_search(), as_of=AS_OF)
    (first, *_) = reviewed.next_actions
    with pytest.raises(pc.InvalidValueError, match=r"^next_actions: too many"):
        pc.RiskReport(**{**_fields(reviewed), "next_actions": (first,) * 6})
    with pytest.raises(pc.WrongTypeError, match=r"^next_actions\[1\]: "):
        pc.RiskReport(**{**_fields(reviewed), "next_actions": (first, "call them")})


def _fields(report: pc.RiskReport) -> dict[str, Any]:
    return {field.name: getattr(report, field.name) for field in attrs.fields(pc.RiskReport)}


def test_the_text_and_html_list_the_next_actions_and_when_to_look_again() -> None:
    search = interviewed(at(20, 10))
    reviewed = pc.review(search, as_of=at(20, 11))
    text = " ".join(str(reviewed).split())  # the lines are wrapped
    assert "Next actions" in text
    assert "Send the people you met at Acme a short thank-you note. (due 2026-10-21" in text
    assert "Look again on 2026-10-21 10:00 UTC." in text
    html = reviewed._repr_html_()
    assert "<strong>Next actions</strong>" in html
    assert "Look again on 2026-10-21 10:00 UTC." in html
    overdue = pc.review(search, as_of=at(23, 11))
    assert "(overdue since 2026-10-21 10:00 UTC)" in " ".join(str(overdue).split())


def test_an_assessed_report_shows_no_plan() -> None:
    report = pc.assess(samples.sample_search(), as_of=AS_OF)
    assert "Next actions" not in str(report)
    assert "Look again" not in str(report)
    assert "Next actions" not in report._repr_html_()


def test_names_from_the_search_are_escaped_in_the_next_actions() -> None:
    opportunity = pc.Opportunity(
        id="x",
        organization="<b>Evil & Co</b>",
        title="Analyst",
        source="referral",
        events=(pc.Applied(at=at(1)), pc.Advanced(at=at(20, 10), stage="interviewing")),
    )
    reviewed = pc.review(pc.Search(opportunities=(opportunity,)), as_of=at(20, 11))
    html = reviewed._repr_html_()
    assert "<b>Evil" not in html
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in html
