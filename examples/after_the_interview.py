"""
The article's story, told with pipeline_core.

A candidate, beaten low by months of searching, gets a call from an agency
recruiter: Company X wants to interview them. The interview goes well — "they
were very impressed", "you were the favourite" — and a second interview with a
tour follows. Then the candidate stops searching and waits for the offer.

The script prints the search and its risk report the day after the tour and
four weeks later, then the report of the same search had the candidate kept
applying (four new applications and a second interview elsewhere).

Run it:  python examples/after_the_interview.py
"""

from __future__ import annotations

import pendulum

import pipeline_core as pc
from pipeline_core.instants import humanize_days

TZ = "America/Chicago"  # the candidate's own time zone: pipeline_core stores UTC


def when(text: str) -> pendulum.DateTime:
    """Parse a local date and time the way a person writes it."""
    return pendulum.parse(text, tz=TZ)  # type: ignore[return-value]


def build_search() -> pc.Search:
    """The candidate's search: one opportunity, and weeks without a new application."""
    company_x = pc.Opportunity(
        id="company-x",
        organization="Company X",
        title="Operations Analyst",
        source=pc.Source.AGENCY_RECRUITER,
        industry="logistics",
        location="Chicago",
        created_at=when("2026-09-14 09:00"),
        events=(
            pc.Applied(at=when("2026-09-14 10:00"), note="the recruiter sent my CV"),
            pc.Contact(
                at=when("2026-09-16 15:30"),
                direction=pc.Direction.INBOUND,
                channel="phone",
                note="recruiter: Company X wants to set up an interview",
            ),
            pc.Advanced(at=when("2026-09-22 10:00"), stage="interviewing", round=1),
            pc.Contact(
                at=when("2026-09-23 11:00"),
                direction=pc.Direction.INBOUND,
                channel="phone",
                note="recruiter: they were very impressed",
            ),
            pc.Signal(
                at=when("2026-09-23 11:00"),
                polarity=pc.Polarity.POSITIVE,
                note="out of the pool you were the favourite; they want to give you a tour",
            ),
            pc.Advanced(
                at=when("2026-09-29 14:00"),
                stage="interviewing",
                round=2,
                note="second interview and a tour of the company",
            ),
        ),
    )
    return pc.Search(opportunities=(company_x,), goals=pc.Goals(weekly_applications=5))


def describe(search: pc.Search, today: pendulum.DateTime) -> str:
    """What a person wants to see: where each opportunity stands, and for how long."""
    lines = [f"Your search on {today.format('dddd D MMMM YYYY')}:"]
    live = [o for o in search if o.state(today).is_live]
    lines.append(f"  {len(search)} opportunity(ies), {len(live)} live")
    for opportunity in search:
        state = opportunity.state(today)
        in_stage = opportunity.days_in_stage(today)
        silent = opportunity.days_since_contact(today)
        round_text = f" (round {state.round})" if state.round else ""
        lines.append(f"  - {opportunity.organization}, {opportunity.title}")
        lines.append(f"      stage:               {state.stage}{round_text}")
        lines.append(f"      time in stage:       {humanize_days(in_stage or 0)}")
        lines.append(f"      since last contact:  {humanize_days(silent or 0)}")
        lines.append(f"      came through:        {opportunity.source.value.replace('_', ' ')}")
    applied = [s.applied_ts for s in search.states(today) if s.applied_ts is not None]
    if applied:
        idle = (today.timestamp() - max(applied)) / 86_400
        lines.append(f"  Last new application: {humanize_days(idle)} ago.")
    return "\n".join(lines)


def keep_applying(search: pc.Search) -> pc.Search:
    """The search had the candidate kept applying: four new roles, an interview elsewhere."""
    northwind = pc.Opportunity(
        id="northwind",
        organization="Northwind",
        title="Supply Chain Analyst",
        source=pc.Source.REFERRAL,
        industry="retail",
        location="Chicago",
        events=(
            pc.Applied(at=when("2026-10-05 09:00"), note="a former colleague referred me"),
            pc.Advanced(at=when("2026-10-13 14:00"), stage="screening"),
            pc.Advanced(at=when("2026-10-23 10:00"), stage="interviewing", round=1),
        ),
    )
    fresh = [
        pc.Opportunity(
            id=f"new-{number}",
            organization=organization,
            title="Operations Analyst",
            source=pc.Source.COMPANY_SITE,
            industry=industry,
            events=(pc.Applied(at=when(day)),),
        )
        for number, (organization, industry, day) in enumerate(
            [
                ("Contoso", "manufacturing", "2026-10-19 10:00"),
                ("Fabrikam", "logistics", "2026-10-20 11:00"),
                ("Tailspin", "travel", "2026-10-22 16:00"),
                ("Litware", "software", "2026-10-26 09:30"),
            ]
        )
    ]
    for opportunity in (northwind, *fresh):
        search = search.add(opportunity)
    return search


def main() -> None:
    """Print the search and its risk report the day after the tour, and four weeks later."""
    search = build_search()
    for today in (when("2026-09-30 09:00"), when("2026-10-27 09:00")):
        print(describe(search, today))
        print()
        print(pc.assess(search, as_of=today))
        print()
    later = when("2026-10-27 09:00")
    before = pc.assess(search, as_of=later)
    after = pc.assess(keep_applying(search), as_of=later)
    print("=" * 88)
    print("If the candidate had kept applying: four new applications in the last week")
    print("and a second interview elsewhere (Northwind, through a referral).")
    print("=" * 88)
    print()
    print(after)
    print()
    print(
        f"Risk on {later.format('D MMMM')}: {before.score:.0f}/100 ({before.level.value}) "
        f"waiting, {after.score:.0f}/100 ({after.level.value}) still searching."
    )
    print("Nothing is certain until the ink is drying on the offer: keep applying.")


if __name__ == "__main__":
    main()
