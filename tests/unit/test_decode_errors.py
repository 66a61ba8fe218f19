"""Decoding builds ordinary frozen objects and names every problem by its JSON path."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import pipeline_core as pc
from pipeline_core import codec
from pipeline_core import replay as history
from pipeline_core.replay import check_history

AT = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)


def test_a_decoded_event_is_frozen() -> None:
    """A decoded event (alone or in a search) is an ordinary frozen event."""
    decoded = codec.event_from_dict({"type": "applied", "at": AT.isoformat()})
    search = pc.Search.from_dict(
        {
            "schema": 1,
            "opportunities": [
                {
                    "id": "a",
                    "organization": "Acme",
                    "title": "Analyst",
                    "source": "referral",
                    "events": [{"type": "applied", "at": AT.isoformat()}],
                }
            ],
        }
    )
    event = search.opportunities[0].events[0]
    assert (decoded, pc.Applied) == (event, type(event))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.note = "changed"  # type: ignore[misc,union-attr]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        search.opportunities[0].title = "changed"  # type: ignore[misc]


def test_an_empty_history_is_accepted() -> None:
    """No events: nothing to check."""
    check_history((), pc.DEFAULT_PIPELINE)


class _LateApplied(pc.Applied):
    """A subclass of an event class: valid, replayed as its class."""


def test_a_subclassed_event_is_accepted() -> None:
    """An event subclass replays as the class it extends."""
    check_history((_LateApplied(at=AT),), pc.DEFAULT_PIPELINE)  # no error
    built = pc.Opportunity(id="a", organization="Acme", title="Analyst", source="referral")
    assert "applied" == built.with_event(_LateApplied(at=AT)).stage


def test_a_pipeline_tabulates_its_moves_once() -> None:
    """The replay's lookup tables are built with the definition, and equal for equal ones."""
    copy = pc.PipelineDefinition(
        name="default",
        stages=pc.DEFAULT_PIPELINE.stages,
        transitions=pc.DEFAULT_PIPELINE.transitions,
    )
    assert pc.DEFAULT_PIPELINE.moves is pc.DEFAULT_PIPELINE.moves
    assert attrs.asdict(copy.moves) == attrs.asdict(pc.DEFAULT_PIPELINE.moves)
    assert "applied" == copy.moves.applied


def test_a_repeated_stage_needs_a_later_round() -> None:
    """A round that does not increase is refused, and named by its path."""
    moves = (
        pc.Applied(at=AT),
        pc.Advanced(at=AT, stage="interviewing", round=2),
        pc.Advanced(at=AT, stage="interviewing", round=2),
    )
    with pytest.raises(pc.InvalidEventError, match="later round") as error:
        check_history(moves, pc.DEFAULT_PIPELINE)
    assert "events[2].round" == error.value.path


def _document(**event: object) -> dict[str, object]:
    """A valid one-opportunity document whose last event is ``event``."""
    return {
        "schema": 1,
        "opportunities": [
            {
                "id": "a",
                "organization": "Acme",
                "title": "Analyst",
                "source": "referral",
                "location": "Austin",
                "industry": "software",
                "tags": ["x", "y"],
                "created_at": AT.isoformat(),
                "events": [
                    {"type": "applied", "at": AT.isoformat(), "note": "sent"},
                    {"type": "advanced", "at": AT.isoformat(), "stage": "screening"},
                    {"type": "advanced", "at": AT.isoformat(), "stage": "interviewing"},
                    {"type": "advanced", "at": AT.isoformat(), "stage": "interviewing"},
                    {"type": "contact", "at": AT.isoformat(), "direction": "inbound"},
                    {"type": "signal", "at": AT.isoformat(), "polarity": "positive"},
                    {"type": "offer", "at": AT.isoformat(), "form": "written"},
                    event,
                ],
            }
        ],
    }


_LAST = "opportunities[0].events[7]"
_BROKEN_EVENTS = [
    ({"type": "applied", "at": "2026-10-01T09:00:00+00:00", "note": " "}, f"{_LAST}.note"),
    ({"type": "advanced", "at": "2026-10-01T09:00:00+00:00", "stage": ""}, f"{_LAST}.stage"),
    (
        {"type": "advanced", "at": "2026-10-01T09:00:00+00:00", "stage": "final", "round": 0},
        f"{_LAST}.round",
    ),
    (
        {"type": "advanced", "at": "2026-10-01T09:00:00+00:00", "stage": "final", "note": 1},
        f"{_LAST}.note",
    ),
    ({"type": "contact", "at": "2026-10-01T09:00:00+00:00", "direction": 1}, f"{_LAST}.direction"),
    (
        {"type": "contact", "at": "2026-10-01T09:00:00+00:00", "direction": "x"},
        f"{_LAST}.direction",
    ),
    (
        {
            "type": "contact",
            "at": "2026-10-01T09:00:00+00:00",
            "direction": "inbound",
            "channel": "",
        },
        f"{_LAST}.channel",
    ),
    (
        {
            "type": "contact",
            "at": "2026-10-01T09:00:00+00:00",
            "direction": "inbound",
            "channel": "carrier pigeon",
        },
        f"{_LAST}.channel",
    ),
    (
        {"type": "contact", "at": "2026-10-01T09:00:00+00:00", "direction": "inbound", "note": ""},
        f"{_LAST}.note",
    ),
    ({"type": "signal", "at": "2026-10-01T09:00:00+00:00", "polarity": None}, f"{_LAST}.polarity"),
    (
        {"type": "signal", "at": "2026-10-01T09:00:00+00:00", "polarity": "good", "note": "x"},
        f"{_LAST}.polarity",
    ),
    (
        {"type": "signal", "at": "2026-10-01T09:00:00+00:00", "polarity": "positive", "note": ""},
        f"{_LAST}.note",
    ),
    ({"type": "offer", "at": "2026-10-01T09:00:00+00:00", "form": 2}, f"{_LAST}.form"),
    (
        {
            "type": "offer",
            "at": "2026-10-01T09:00:00+00:00",
            "form": "written",
            "deadline": "2026-09-01T09:00:00+00:00",
        },
        f"{_LAST}.deadline",
    ),
    (
        {"type": "offer", "at": "2026-10-01T09:00:00+00:00", "form": "written", "note": ""},
        f"{_LAST}.note",
    ),
    ({"type": "closed", "at": "2026-10-01T09:00:00+00:00", "outcome": []}, f"{_LAST}.outcome"),
    (
        {"type": "closed", "at": "2026-10-01T09:00:00+00:00", "outcome": "won", "reason": "x"},
        f"{_LAST}.outcome",
    ),
    (
        {"type": "closed", "at": "2026-10-01T09:00:00+00:00", "outcome": "rejected", "reason": ""},
        f"{_LAST}.reason",
    ),
    ({"type": "applied", "at": "2026-10-01T09:00:00", "note": "x"}, f"{_LAST}.at"),
    ({"type": "applied", "at": "2026-10-01T08:00:00+00:00"}, f"{_LAST}.at"),
    ({"type": "applied", "at": "2026-10-01T09:00:00+00:00", "x": 1}, f"{_LAST}.x"),
    ({"type": "applied"}, f"{_LAST}.at"),
    ({"type": "advanced", "at": "2026-10-01T09:00:00+00:00"}, f"{_LAST}.stage"),
    ({"type": "hired", "at": "2026-10-01T09:00:00+00:00"}, f"{_LAST}.type"),
]


@pytest.mark.parametrize(("event", "path"), _BROKEN_EVENTS)
def test_a_broken_event_is_named_by_its_path(event: dict[str, object], path: str) -> None:
    """Every check of an event's values names the value by its JSON path."""
    with pytest.raises(pc.DecodeError) as error:
        pc.Search.from_dict(_document(**event))
    assert path == error.value.path


def test_a_valid_document_decodes_in_utc() -> None:
    """A repeat without a round and an instant with an offset: decoded, normalised to UTC."""
    search = pc.Search.from_dict(
        _document(type="offer", at="2026-10-01T15:00:00+05:00", form="written", note="terms")
    )
    offer = search.opportunities[0].events[7]
    assert (dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC), dt.UTC) == (offer.at, offer.at.tzinfo)
    first_four = search.opportunities[0].events[:4]
    assert 2 == history.replay(first_four, pc.DEFAULT_PIPELINE).round


_BROKEN_OPPORTUNITIES = [
    ("id", " ", "opportunities[0].id"),
    ("organization", "", "opportunities[0].organization"),
    ("title", 3, "opportunities[0].title"),
    ("location", "", "opportunities[0].location"),
    ("industry", "x" * 201, "opportunities[0].industry"),
    ("source", 1, "opportunities[0].source"),
    ("source", "fax", "opportunities[0].source"),
    ("tags", "x", "opportunities[0].tags"),
    ("tags", ["x", "x"], "opportunities[0].tags[1]"),
    ("tags", ["x", ""], "opportunities[0].tags[1]"),
    ("created_at", "2026-10-02T09:00:00+00:00", "opportunities[0].events[0].at"),
    ("created_at", "yesterday", "opportunities[0].created_at"),
    ("events", {}, "opportunities[0].events"),
    ("url", "ftp://acme.example/jobs", "opportunities[0].url"),
    ("url", "acme.example/jobs", "opportunities[0].url"),
    ("url", "https://", "opportunities[0].url"),
    ("url", "https://[::1/jobs", "opportunities[0].url"),
    ("url", "https://acme.example/a job", "opportunities[0].url"),
    ("url", 42, "opportunities[0].url"),
    ("contact", "dana@acme.example", "opportunities[0].contact"),
    ("contact", {"mail": "dana@acme.example"}, "opportunities[0].contact.mail"),
    ("contact", {}, "opportunities[0].contact.name"),
    ("contact", {"email": "dana.acme.example"}, "opportunities[0].contact.email"),
    ("contact", {"email": "dana@"}, "opportunities[0].contact.email"),
    ("contact", {"email": "da na@acme.example"}, "opportunities[0].contact.email"),
    ("contact", {"phone": "call me"}, "opportunities[0].contact.phone"),
    ("contact", {"phone": "12"}, "opportunities[0].contact.phone"),
    ("contact", {"name": ""}, "opportunities[0].contact.name"),
]


@pytest.mark.parametrize(("key", "value", "path"), _BROKEN_OPPORTUNITIES)
def test_a_broken_opportunity_is_named_by_its_path(key: str, value: object, path: str) -> None:
    """Every check of an opportunity's values names the value by its JSON path."""
    document = _document(type="signal", at=AT.isoformat(), polarity="negative")
    document["opportunities"][0][key] = value  # type: ignore[index]
    with pytest.raises(pc.DecodeError) as error:
        pc.Search.from_dict(document)
    assert path == error.value.path
