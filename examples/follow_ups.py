"""
What to send, to whom, and when: a search's follow-ups as a plan and as an iCalendar file.

Four opportunities at different points: a final round two days ago (a thank-you is due),
an application with a week of silence (a check-in), a written offer with a deadline on
Friday (answer a business day before), and one chased twice already (decide whether to let
it go). The script prints the plan, records the thank-you note as an outbound contact to
show the next step appear, and prints the calendar text (RFC 5545) an app would offer to
save as ``follow-ups.ics``. It writes no file; with ``--ics`` it prints the calendar alone,
for a redirect.

Run it:  python examples/follow_ups.py
         python examples/follow_ups.py --ics > follow-ups.ics
"""

from __future__ import annotations

import datetime as dt
import sys

import pipeline_core as pc

TODAY = dt.datetime(2026, 11, 9, 8, 0, tzinfo=dt.UTC)  # a Monday


def days_ago(days: float, hour: int = 9) -> dt.datetime:
    """The instant ``days`` days before today, at ``hour`` UTC."""
    return (TODAY - dt.timedelta(days=days)).replace(hour=hour)


def opportunity(
    id: str,  # noqa: A002 - the field is called id
    organization: str,
    title: str,
    *events: pc.Event,
) -> pc.Opportunity:
    """One opportunity, applied for three weeks ago, and what happened since."""
    return pc.Opportunity(
        id=id,
        organization=organization,
        title=title,
        source="company_site",
        events=(pc.Applied(at=days_ago(21)), *events),
    )


SEARCH = pc.Search(
    opportunities=(
        opportunity(
            "northwind",
            "Northwind Traders",
            "Operations Analyst",
            pc.Advanced(at=days_ago(10), stage="screening"),
            pc.Advanced(at=days_ago(3, 15), stage="final_round"),
        ),
        opportunity(
            "contoso",
            "Contoso, Ltd.",
            "Supply Planner",
            pc.Contact(at=days_ago(12), direction="inbound", channel="email"),
        ),
        opportunity(
            "fabrikam",
            "Fabrikam",
            "Logistics Lead",
            pc.Advanced(at=days_ago(14), stage="interviewing", round=1),
            pc.Contact(at=days_ago(13), direction="outbound", channel="email"),
            pc.Offer(at=days_ago(3), form="written", deadline=TODAY + dt.timedelta(days=4)),
        ),
        opportunity(
            "tailspin",
            "Tailspin Toys",
            "Analyst",
            pc.Contact(at=days_ago(14), direction="outbound", channel="email"),
            pc.Contact(at=days_ago(7), direction="outbound", channel="phone"),
        ),
    )
)


def show(plan: tuple[pc.FollowUp, ...]) -> None:
    """Print the plan, one follow-up a paragraph."""
    for follow_up in plan:
        due = "due" if follow_up.is_due(TODAY) else "next"
        print(f"{due} {follow_up.due:%a %d %b %H:%M} UTC  {follow_up.organization}")
        print(f"    {follow_up.reason}")
        print(f"    -> {follow_up.action}")


def main(argv: list[str]) -> int:
    """Print the plan, the plan after one thank-you note, and the calendar."""
    plan = pc.follow_ups(SEARCH, as_of=TODAY)
    calendar = pc.to_icalendar(plan, as_of=TODAY, calendar_name="Job search follow-ups")
    if "--ics" in argv:
        sys.stdout.write(calendar)
        return 0
    print(f"Follow-ups on {TODAY:%A %d %B %Y}:")
    show(plan)
    sent = SEARCH.record("northwind", pc.Contact(at=TODAY, direction="outbound"))
    (after,) = (f for f in pc.follow_ups(sent, as_of=TODAY) if f.opportunity_id == "northwind")
    print(f"\nAfter the thank-you note to Northwind: {after.kind.value} on {after.due:%a %d %b}.")
    print("\nThe calendar (save it as follow-ups.ics):\n")
    print(calendar, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
