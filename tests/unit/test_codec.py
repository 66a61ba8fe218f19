"""The interchange format: the SPEC example, exact round trips, and errors with JSON paths."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import pipeline_core as pc
from pipeline_core.codec import pipeline_from_dict, pipeline_to_dict

SPEC_EXAMPLE: dict[str, Any] = {
    "schema": 1,
    "goals": {"min_live": 3, "weekly_applications": 5, "offer_by": "2027-01-31T00:00:00+00:00"},
    "opportunities": [
        {
            "id": "acme-pm",
            "organization": "Acme",
            "title": "Product Manager",
            "source": "agency_recruiter",
            "industry": "software",
            "location": "Chicago",
            "created_at": "2026-09-28T10:00:00+00:00",
            "events": [
                {"type": "applied", "at": "2026-10-01T09:00:00+00:00"},
                {"type": "advanced", "at": "2026-10-06T15:00:00+00:00", "stage": "screening"},
                {
                    "type": "advanced",
                    "at": "2026-10-13T15:00:00+00:00",
                    "stage": "interviewing",
                    "round": 1,
                },
                {
                    "type": "contact",
                    "at": "2026-10-14T11:00:00+00:00",
                    "direction": "inbound",
                    "note": "recruiter: they were very impressed",
                },
                {
                    "type": "signal",
                    "at": "2026-10-14T11:00:00+00:00",
                    "polarity": "positive",
                    "note": "you were the favourite",
                },
                {"type": "advanced", "at": "2026-10-20T15:00:00+00:00", "stage": "final_round"},
                {"type": "offer", "at": "2026-10-27T10:00:00+00:00", "form": "verbal"},
                {
                    "type": "offer",
                    "at": "2026-10-30T10:00:00+00:00",
                    "form": "written",
                    "deadline": "2026-11-06T17:00:00+00:00",
                },
                {"type": "closed", "at": "2026-11-02T10:00:00+00:00", "outcome": "accepted"},
            ],
        }
    ],
}


def spec_example() -> dict[str, Any]:
    return copy.deepcopy(SPEC_EXAMPLE)


def test_the_spec_example_is_the_spec_example() -> None:
    """The example above is byte for byte the one in SPEC.md, when SPEC.md is at hand."""
    spec = Path(__file__).parents[3] / "shared" / "SPEC.md"
    if not spec.exists():  # pragma: no cover - SPEC.md lives beside the repository, not in it
        pytest.skip("SPEC.md is not beside this checkout")
    text = spec.read_text(encoding="utf-8").split("```json")[1].split("```")[0]
    assert json.loads(text) == SPEC_EXAMPLE


def test_the_spec_example_round_trips_exactly() -> None:
    """Reading the SPEC's example and writing it gives the same dict."""
    search = pc.Search.from_dict(spec_example())
    assert search.to_dict() == SPEC_EXAMPLE
    assert search.get("acme-pm").outcome is pc.Outcome.ACCEPTED


def test_other_offsets_are_written_in_utc() -> None:
    """Instants are normalised to UTC: the output says +00:00 and reads back equal."""
    data = spec_example()
    data["opportunities"][0]["created_at"] = "2026-09-28T12:00:00+02:00"
    written = pc.Search.from_dict(data).to_dict()
    assert written["opportunities"][0]["created_at"] == "2026-09-28T10:00:00+00:00"
    assert pc.Search.from_dict(written).to_dict() == written


def test_optional_keys_are_optional() -> None:
    """A minimal document is a schema and opportunities with the required keys."""
    data = {
        "schema": 1,
        "opportunities": [
            {"id": "x", "organization": "X", "title": "T", "source": "other", "events": []}
        ],
    }
    search = pc.Search.from_dict(data)
    assert search.goals == pc.Goals()
    assert search.to_dict() == data


def test_salary_tags_and_channel_round_trip() -> None:
    """The documented optional keys beyond SPEC's example survive the round trip."""
    data = spec_example()
    opportunity = data["opportunities"][0]
    opportunity["salary"] = {"min": 90000, "max": 110000.5, "currency": "USD"}
    opportunity["tags"] = ["remote", "dream job"]
    opportunity["events"][3]["channel"] = "phone"
    opportunity["events"][8]["reason"] = "great team"
    opportunity["events"][0]["note"] = "sent CV"
    assert pc.Search.from_dict(data).to_dict() == data


@pytest.mark.parametrize("salary", [{"max": 80000, "currency": "EUR"}, {"min": 50000}])
def test_a_salary_with_one_bound_round_trips(salary: dict[str, Any]) -> None:
    """A salary may give only its minimum or only its maximum."""
    data = spec_example()
    data["opportunities"][0]["salary"] = salary
    assert pc.Search.from_dict(data).to_dict() == data


def test_opportunity_round_trip_alone() -> None:
    """Opportunity.from_dict / to_dict work on one opportunity."""
    data = spec_example()["opportunities"][0]
    opportunity = pc.Opportunity.from_dict(data)
    assert opportunity.to_dict() == data


def _error(data: object) -> pc.DecodeError:
    with pytest.raises(pc.DecodeError) as info:
        pc.Search.from_dict(data)
    return info.value


def _broken(path: list[str | int], value: object) -> dict[str, Any]:
    data = spec_example()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "error_path"),
    [
        (
            ["opportunities", 0, "events", 0, "at"],
            "2026-10-01T09:00:00",
            "opportunities[0].events[0].at",
        ),
        (["opportunities", 0, "events", 2, "round"], "1", "opportunities[0].events[2].round"),
        (
            ["opportunities", 0, "events", 1, "stage"],
            "phone_screen",
            "opportunities[0].events[1].stage",
        ),
        (
            ["opportunities", 0, "events", 7, "deadline"],
            "soon",
            "opportunities[0].events[7].deadline",
        ),
        (
            ["opportunities", 0, "events", 5, "type"],
            "teleported",
            "opportunities[0].events[5].type",
        ),
        (["opportunities", 0, "events", 5], "advanced", "opportunities[0].events[5]"),
        (["opportunities", 0, "events"], {}, "opportunities[0].events"),
        (["opportunities", 0, "source"], 7, "opportunities[0].source"),
        (
            ["opportunities", 0, "created_at"],
            "2026-10-02T00:00:00+00:00",
            "opportunities[0].events[0].at",
        ),
        (["opportunities", 0, "salary"], [1, 2], "opportunities[0].salary"),
        (["opportunities", 0, "tags"], "remote", "opportunities[0].tags"),
        (["goals", "min_live"], -3, "goals.min_live"),
        (["goals", "offer_by"], "2027-01-31", "goals.offer_by"),
        (["schema"], "1", "schema"),
        (["schema"], True, "schema"),
        (["opportunities"], None, "opportunities"),
    ],
)
def test_one_broken_field_is_named_by_its_path(
    path: list[str | int], value: object, error_path: str
) -> None:
    """A document with one broken field raises DecodeError naming that field's JSON path."""
    assert error_path == _error(_broken(path, value)).path


def test_unknown_keys_are_refused_everywhere() -> None:
    """Keys that are not part of the format are refused, at any depth."""
    assert _error({**spec_example(), "extra": 1}).path == "extra"
    data = spec_example()
    data["opportunities"][0]["events"][0]["colour"] = "red"
    error = _error(data)
    assert error.path == "opportunities[0].events[0].colour"
    assert "at, note, type" in error.allowed


def test_missing_keys_are_named() -> None:
    """A required key that is missing is named by its path."""
    data = spec_example()
    del data["opportunities"][0]["title"]
    assert _error(data).path == "opportunities[0].title"


def test_an_illegal_history_is_a_decode_error_caused_by_the_domain_error() -> None:
    """A history the pipeline refuses is reported as a DecodeError, chained to the cause."""
    data = spec_example()
    data["opportunities"][0]["events"].append(
        {"type": "contact", "at": "2026-12-01T00:00:00+00:00", "direction": "inbound"}
    )
    error = _error(data)
    assert error.path == "opportunities[0].events[9].type"
    assert isinstance(error.__cause__, pc.InvalidEventError)


def test_duplicate_ids_are_a_decode_error() -> None:
    """Two opportunities with one id are refused with the path of the second."""
    data = spec_example()
    data["opportunities"].append(copy.deepcopy(data["opportunities"][0]))
    assert _error(data).path == "opportunities[1].id"


def test_not_an_object_at_all() -> None:
    """Data that is not an object is refused at the root."""
    assert _error([1, 2]).path == ""


CUSTOM_PIPELINE: dict[str, Any] = {
    "name": "academic",
    "stages": [
        {"name": "interested", "kind": "prospect"},
        {"name": "applied", "kind": "applied", "p_advance": 0.1, "response_days": 30},
        {"name": "first_round", "kind": "process", "p_advance": 0.3, "response_days": 21},
        {
            "name": "campus_visit",
            "kind": "process",
            "p_advance": 0.4,
            "response_days": 14,
            "reference": "a guess",
        },
        {"name": "offer", "kind": "written_offer", "p_advance": 0.95, "response_days": 14},
        {"name": "signed", "kind": "signed"},
    ],
    "transitions": {
        "applied": ["campus_visit", "first_round"],
        "campus_visit": ["offer"],
        "first_round": ["campus_visit"],
        "interested": ["applied"],
        "offer": ["signed"],
    },
}


def test_a_custom_pipeline_travels_in_the_pipeline_key() -> None:
    """A custom definition is written under "pipeline" and read back equal."""
    data = {
        "schema": 1,
        "pipeline": CUSTOM_PIPELINE,
        "opportunities": [
            {
                "id": "u1",
                "organization": "State University",
                "title": "Assistant Professor",
                "source": "job_board",
                "events": [
                    {"type": "applied", "at": "2026-10-01T09:00:00+00:00"},
                    {
                        "type": "advanced",
                        "at": "2026-11-01T09:00:00+00:00",
                        "stage": "campus_visit",
                    },
                ],
            }
        ],
    }
    search = pc.Search.from_dict(data)
    assert search.pipeline.name == "academic"
    assert search.get("u1").stage == "campus_visit"
    assert search.to_dict() == data
    assert pipeline_to_dict(pipeline_from_dict(CUSTOM_PIPELINE)) == CUSTOM_PIPELINE


def test_the_default_pipeline_is_not_written() -> None:
    """Documents on the default pipeline carry no "pipeline" key."""
    assert "pipeline" not in pc.Search().to_dict()


@pytest.mark.parametrize(
    ("change", "error_path"),
    [
        (lambda p: p.update(colour=1), "pipeline.colour"),
        (lambda p: p.update(stages={}), "pipeline.stages"),
        (lambda p: p["stages"][1].update(p_advance=2), "pipeline.stages[1].p_advance"),
        (lambda p: p["stages"][1].update(speed=2), "pipeline.stages[1].speed"),
        (lambda p: p.update(transitions=[]), "pipeline.transitions"),
        (lambda p: p["transitions"].update(offer="signed"), "pipeline.transitions.offer"),
        (lambda p: p["transitions"].update(offer=["applied"]), "pipeline.transitions"),
    ],
)
def test_broken_pipelines_are_named_by_path(change: Any, error_path: str) -> None:
    """Errors inside a custom pipeline definition carry their JSON path."""
    pipeline = copy.deepcopy(CUSTOM_PIPELINE)
    change(pipeline)
    assert error_path == _error({"schema": 1, "pipeline": pipeline, "opportunities": []}).path
