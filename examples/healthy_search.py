"""
A healthy search, for contrast with the article's: many irons in the fire, kept hot.

A candidate applies four or five times a week, at different employers, through
referrals and direct applications as well as agencies. Three processes are past
the application at three organisations, one of them at the final round; one
rejection came and went. The script prints the risk report, the outlook, and the
risk week by week over the search so far: low, and staying low.

Run it:  python examples/healthy_search.py
"""

from __future__ import annotations

import datetime as dt

import pipeline_core as pc

START = dt.datetime(2026, 9, 7, 9, 0, tzinfo=dt.UTC)  # a Monday
TODAY = START + dt.timedelta(days=49)


def on(day: float, hour: int = 0) -> dt.datetime:
    """The instant ``day`` days (and ``hour`` hours) after the search began."""
    return START + dt.timedelta(days=day, hours=hour)


def application(
    number: int, organization: str, source: str, day: float, *events: pc.Event
) -> pc.Opportunity:
    """One application, and whatever happened after it."""
    return pc.Opportunity(
        id=f"app-{number:02d}",
        organization=organization,
        title="Operations Analyst",
        source=source,
        events=(pc.Applied(at=on(day)), *events),
    )


def build_search() -> pc.Search:
    """Seven weeks of steady applications, three live processes at three employers."""
    processes = [
        application(
            1,
            "Northwind",
            "referral",
            1,
            pc.Advanced(at=on(9), stage="screening"),
            pc.Advanced(at=on(20), stage="interviewing", round=1),
            pc.Advanced(at=on(34), stage="interviewing", round=2),
            pc.Advanced(at=on(44), stage="final_round"),
            pc.Signal(at=on(45), polarity="positive", note="they are checking references"),
        ),
        application(
            2,
            "Contoso",
            "company_site",
            8,
            pc.Advanced(at=on(18), stage="screening"),
            pc.Advanced(at=on(38), stage="interviewing", round=1),
            pc.Contact(at=on(46), direction="inbound", note="second round being scheduled"),
        ),
        application(
            3,
            "Fabrikam",
            "network",
            22,
            pc.Advanced(at=on(32), stage="screening"),
            pc.Advanced(at=on(43), stage="interviewing", round=1),
        ),
        application(
            4,
            "Tailspin",
            "job_board",
            3,
            pc.Advanced(at=on(14), stage="screening"),
            pc.Closed(at=on(24), outcome="rejected", reason="went with an internal candidate"),
        ),
    ]
    employers = [
        ("Litware", "job_board"),
        ("Adatum", "company_site"),
        ("Proseware", "agency_recruiter"),
        ("Wingtip", "referral"),
        ("Lucerne", "job_board"),
        ("Margie", "company_site"),
        ("Trey", "job_board"),
        ("Coho", "network"),
        ("Woodgrove", "company_site"),
        ("Relecloud", "job_board"),
        ("Humongous", "company_site"),
        ("Alpine", "referral"),
        ("Bellows", "job_board"),
        ("Consolidated", "company_site"),
        ("Graphic", "job_board"),
        ("Southridge", "company_site"),
        ("Fourth", "network"),
        ("Blue Yonder", "job_board"),
    ]
    fresh = [
        application(5 + number, organization, source, 2 + number * 2.6)
        for number, (organization, source) in enumerate(employers)
    ]
    return pc.Search(
        opportunities=(*processes, *fresh), goals=pc.Goals(min_live=5, weekly_applications=4)
    )


def main() -> None:
    """Print the report, the outlook and the risk week by week."""
    search = build_search()
    report = pc.assess(search, as_of=TODAY)
    print(report)
    print()
    history = pc.risk_history(search, start=on(7), end=TODAY, step=dt.timedelta(days=7))
    print(history)
    print()
    worst = history.peak
    print(
        f"Over seven weeks the risk never went above {worst.score:.0f}/100 "
        f"({worst.level.value}); today it is {report.score:.0f}/100 ({report.level.value})."
    )
    chance = history.points[-1].p_any_offer  # today's step: the report's own outlook
    print(
        f"The chance of at least one offer in the next 30 days: {chance:.0%}, "
        "spread over three employers: no single 'no' can end this search."
    )


if __name__ == "__main__":
    main()
