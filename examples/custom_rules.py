"""
Your own rules: change a threshold, switch a rule off, add a rule written as data.

A career coach keeps a stricter rule book than the library's defaults: an
employer counts as silent after half its usual answer time (the ``scale`` of
``silent-employer`` at 0.5), agencies' fees are her own business
(``agency-fee-drag`` off), and she adds a rule of her own, "no interview lined
up", written as plain data (as an app would keep it in TOML or a database).
The script scores the same search under both rule books, today and week by
week, and prints what changed and why.

Run it:  python examples/custom_rules.py
"""

from __future__ import annotations

import datetime as dt

import pipeline_core as pc

TODAY = dt.datetime(2026, 10, 27, 9, 0, tzinfo=dt.UTC)

SEARCH = {
    "schema": 1,
    "goals": {"weekly_applications": 5},
    "opportunities": [
        {
            "id": "company-x",
            "organization": "Company X",
            "title": "Operations Analyst",
            "source": "agency_recruiter",
            "events": [
                {"type": "applied", "at": "2026-09-14T10:00:00+00:00"},
                {
                    "type": "advanced",
                    "at": "2026-09-22T10:00:00+00:00",
                    "stage": "interviewing",
                    "round": 1,
                },
                {"type": "signal", "at": "2026-09-23T11:00:00+00:00", "polarity": "positive"},
                {
                    "type": "advanced",
                    "at": "2026-09-29T14:00:00+00:00",
                    "stage": "interviewing",
                    "round": 2,
                },
            ],
        },
        {
            "id": "acme",
            "organization": "Acme",
            "title": "Analyst",
            "source": "job_board",
            "events": [{"type": "applied", "at": "2026-10-12T09:00:00+00:00"}],
        },
        {
            "id": "globex",
            "organization": "Globex",
            "title": "Analyst",
            "source": "company_site",
            "events": [{"type": "applied", "at": "2026-10-19T09:00:00+00:00"}],
        },
    ],
}

COACH_RULES = {
    "builtin": {
        "agency-fee-drag": {"enabled": False},
        "silent-employer": {"scale": 0.5},
    },
    "rules": [
        {
            "id": "no-interview-lined-up",
            "title": "No interview lined up",
            "weight": 2,
            "when": {
                "all": [
                    {"fact": "live", "op": ">=", "value": 1},
                    {"fact": "live_advanced", "op": "<", "value": 2},
                ]
            },
            "message": "${live} live applications, only ${live_advanced} past the application.",
            "action": "Ask two contacts this week for an introduction at employers you applied to.",
        }
    ],
}


def findings(report: pc.RiskReport) -> str:
    """The fired rules, strongest first, with their share of the score."""
    return "\n".join(
        f"  {finding.share:4.0%}  {finding.title} [{finding.rule_id}]"
        + ("" if finding.covered_by is None else f" (counted in {finding.covered_by})")
        for finding in report.findings
    )


def main() -> None:
    """Score the search under the default rules and the coach's, today and week by week."""
    search = pc.Search.from_dict(SEARCH)
    coach = pc.RuleSet.from_dict(COACH_RULES)
    default = pc.assess(search, as_of=TODAY)
    custom = pc.assess(search, as_of=TODAY, rules=coach)
    print(f"Default rules: {default.score:.0f}/100 ({default.level.value})")
    print(findings(default))
    print()
    print(f"The coach's rules: {custom.score:.0f}/100 ({custom.level.value})")
    print(findings(custom))
    added = custom.finding("no-interview-lined-up")
    if added is not None:
        print()
        print(f"Her rule says: {added.message}")
        print(f"            -> {added.action}")
    print()
    start = dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC)
    week = dt.timedelta(days=7)
    before = pc.risk_history(search, start=start, end=TODAY, step=week)
    after = pc.risk_history(search, start=start, end=TODAY, step=week, rules=coach)
    print("Week by week        default   coach")
    for old, new in zip(before, after, strict=True):
        print(
            f"  {old.at:%a %d %b %Y}   {old.score:3.0f} {old.level.value:<8} "
            f"{new.score:3.0f} {new.level.value}"
        )
    print()
    print(f"Rule sets: default {default.rules_identity[:19]}…, coach {coach.identity[:19]}…")


if __name__ == "__main__":
    main()
