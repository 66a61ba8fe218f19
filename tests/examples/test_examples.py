"""Every script in examples/ runs as it is and prints something worth reading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

EXAMPLES = Path(__file__).parents[2] / "examples"


def run(name: str, *arguments: str) -> str:
    result = subprocess.run(  # noqa: S603 - runs our own example with our own interpreter
        [sys.executable, str(EXAMPLES / name), *ARGUMENTS.get(name, []), *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_every_example_has_a_test() -> None:
    """A new example script needs a test here (this list is checked against the folder)."""
    scripts = sorted(path.name for path in EXAMPLES.glob("*.py"))
    assert scripts == sorted(TESTED)


def test_after_the_interview_tells_the_story() -> None:
    """The article's story: one agency opportunity at round 2, silence, no new applications."""
    output = run("after_the_interview.py")
    assert "Company X, Operations Analyst" in output
    assert "interviewing (round 2)" in output
    assert "3 weeks 6 days" in output
    assert "came through:        agency recruiter" in output


def test_follow_ups_prints_the_plan_and_a_calendar_a_parser_reads() -> None:
    """The plan names each step with its date; the printed calendar parses, lines fit."""
    output = run("follow_ups.py")
    assert "Follow-ups on Monday 09 November 2026:" in output
    assert "The final round was on Fri 6 Nov 2026; a thank-you note within 24 hours" in output
    assert "After the thank-you note to Northwind: chase on Fri 13 Nov." in output
    calendar = output.split("The calendar (save it as follow-ups.ics):\n\n")[1]
    todos = icalendar.Calendar.from_ical(calendar).walk("VTODO")
    assert ["chase", "thank_you", "decide", "answer_offer"] == [
        str(todo["UID"]).split("-")[0] for todo in todos
    ]
    raw = subprocess.run(  # noqa: S603 - our own example, our own interpreter; bytes keep CRLF
        [sys.executable, str(EXAMPLES / "follow_ups.py"), "--ics"], capture_output=True, check=True
    ).stdout
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.decode("utf-8").replace("\r\n", "\n") == calendar
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_healthy_search_stays_low() -> None:
    """The healthy search: a low risk today, a weekly history, offers spread over employers."""
    output = run("healthy_search.py")
    assert "Search risk 22/100: LOW" in output
    assert "Risk from 2026-09-14 to 2026-10-26 (7 steps, horizon 30 days)" in output
    assert "Over seven weeks the risk never went above 41/100 (moderate)" in output
    assert "next 30 days: 57%" in output


def test_custom_rules_compares_two_rule_books() -> None:
    """The coach's rules: her own rule fires, the agency rule is off, week by week side by side."""
    output = run("custom_rules.py")
    assert "Default rules: 87/100 (critical)" in output
    assert "The coach's rules: 89/100 (critical)" in output
    assert "Her rule says: 3 live applications, only 1 past the application." in output
    coach = output.split("The coach's rules")[1].split("Her rule says")[0]
    assert "[agency-fee-drag]" not in coach
    assert "Tue 15 Sep 2026    50 high      64 high" in output


# sqlite_store.py's own output is checked in tests/examples/test_storage_sqlite_example.py.
TESTED = [
    "after_the_interview.py",
    "async_handler.py",
    "custom_rules.py",
    "follow_ups.py",
    "healthy_search.py",
    "nightly_batch_dask.py",
    "sqlite_package.py",
    "sqlite_store.py",
]
ARGUMENTS = {"nightly_batch_dask.py": ["--searches", "2000", "--workers", "2"]}
"""Options that keep a script's run short in the test suite."""


def test_nightly_batch_dask_prints_throughput_and_levels() -> None:
    """The Dask example scores every search and prints the throughput and the levels."""
    output = run("nightly_batch_dask.py")
    assert "Scored 2,000 searches in " in output
    assert " on 2 workers: " in output
    assert "searches per second." in output
    for level in ("critical", "high", "moderate", "low"):
        assert f"\n  {level} " in output
    assert "Most common findings:" in output


@pytest.mark.parametrize("name", TESTED)
def test_examples_are_quiet_on_stderr(name: str) -> None:
    """No example prints warnings or tracebacks."""
    run(name)


def test_sqlite_package_saves_reloads_and_refuses_a_stale_save() -> None:
    """The installed SQLite adapter: saved, reloaded by a second store, a stale save refused."""
    output = run("sqlite_package.py")
    assert "Saved 'ada': version 1, change #1." in output
    assert "Reloaded by a second store: equal to what was saved: True." in output
    assert "update_search saved version 2, change #2." in output
    assert "A save from the stale copy was refused: search 'ada': expected version 1" in output
    assert "Changed since #1: ['ada']" in output


def test_async_handler_answers_two_requests_on_one_search() -> None:
    """Two async requests change one search; both changes are stored."""
    output = run("async_handler.py")
    assert "200 OK {'search': 'ada', 'version': 2, 'opportunities': 1}" in output
    assert "Stored: version 3, ['acme-pm', 'globex-ops']" in output
