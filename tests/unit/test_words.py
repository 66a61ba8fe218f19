"""The shared words of the views: dates, durations, numbers, chances, plurals and labels."""

from __future__ import annotations

import datetime as dt

import pytest

import pipeline_core as pc
from pipeline_core.render import _words as words

MONDAY = dt.datetime(2026, 10, 5, 9, 30, tzinfo=dt.UTC)


def test_a_date_reads_as_its_day_and_a_moment_to_the_minute_in_utc() -> None:
    """Days are ISO dates; instants are shown to the minute and say UTC."""
    assert words.date(MONDAY) == "2026-10-05"
    assert words.moment(MONDAY) == "2026-10-05 09:30 UTC"
    assert words.date_at(MONDAY.timestamp()) == "2026-10-05"


def test_an_unknown_date_or_duration_shows_a_dash() -> None:
    """A missing instant reads as the same dash everywhere."""
    assert words.date_at(None) == words.MISSING == "—"
    assert words.since(None, MONDAY.timestamp()) == "—"
    assert words.since(MONDAY.timestamp(), None) == "—"


def test_a_duration_reads_in_words_as_the_documented_helper_says() -> None:
    """Durations in words are pipeline_core.instants.humanize_days."""
    assert words.duration(16) == pc.instants.humanize_days(16) == "2 weeks 2 days"
    start = MONDAY.timestamp()
    assert words.since(start, start + 3 * 86_400) == "3 days"


def test_epoch_seconds_become_utc_instants_and_elapsed_days() -> None:
    """Plain rows carry instants as UTC datetimes and durations as days."""
    start = MONDAY.timestamp()
    assert words.instant(start) == MONDAY
    assert words.instant(None) is None
    assert words.elapsed_days(start, start + 36 * 3_600) == 1.5
    assert words.elapsed_days(None, start) is None


@pytest.mark.parametrize(
    ("count", "text"), [(1, "1 day"), (1.0, "1 day"), (30, "30 days"), (2.5, "2.5 days")]
)
def test_a_number_of_days_agrees_with_its_count(count: float, text: str) -> None:
    """One day is singular; any other count, fractions included, is plural."""
    assert words.days(count) == text
    assert words.horizon(dt.timedelta(days=count)) == text


def test_a_noun_agrees_with_its_count() -> None:
    """The plural is the singular and an s, unless one is given."""
    assert words.noun(1, "application") == "application"
    assert words.noun(3, "application") == "applications"
    assert words.noun(0, "opportunity", "opportunities") == "opportunities"


def test_numbers_and_chances_read_as_the_rule_messages_print_them() -> None:
    """Values as rule messages print them; chances as percentages; scores as whole numbers."""
    assert words.number(2.50) == pc.rules.format_value(2.5) == "2.5"
    assert words.whole(41.6) == "42"
    assert words.decimals(0.5) == "0.50"
    assert words.percent(0.425) == "42%"
    assert words.percent(0.425, 1) == "42.5%"


def test_identifiers_read_as_words_and_long_identities_are_cut() -> None:
    """Stage and source names lose their underscores; a rule set's identity is cut to a glance."""
    assert words.label("final_round") == "final round"
    assert words.short_identity("sha256:0123456789abcdef") == "sha256:0123456789ab…"
    assert words.short_identity("custom-rules") == "custom-rules"


def test_user_text_is_escaped_quotes_included() -> None:
    """Markup and both quotes are escaped."""
    assert words.escape("<b>\"Tom\" & 'Jerry'</b>") == (
        "&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;"
    )
