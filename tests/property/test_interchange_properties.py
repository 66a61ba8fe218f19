"""Properties of the interchange format: exact round trips, and no crash on any input."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.testing import interchange_documents, json_values, opportunities, searches


@given(searches())
def test_a_search_round_trips(search: pc.Search) -> None:
    """from_dict(to_dict(s)) == s, through JSON text too."""
    assert search == pc.Search.from_dict(json.loads(json.dumps(search.to_dict())))


@given(searches(pipeline=pc.DEFAULT_PIPELINE, max_size=3))
def test_a_search_on_a_fixed_pipeline_round_trips(search: pc.Search) -> None:
    """The kit's pipeline option fixes the definition; such searches round trip too."""
    assert search.pipeline is pc.DEFAULT_PIPELINE
    assert search == pc.Search.from_dict(search.to_dict())


@given(interchange_documents())
def test_to_dict_output_round_trips_exactly(document: dict[str, Any]) -> None:
    """Writing what was read gives the same document."""
    assert document == pc.Search.from_dict(document).to_dict()


@given(opportunities())
def test_an_opportunity_round_trips(opportunity: pc.Opportunity) -> None:
    """Opportunity.from_dict(o.to_dict()) == o."""
    assert opportunity == pc.Opportunity.from_dict(opportunity.to_dict())


@given(json_values())
def test_any_json_value_is_refused_cleanly(data: object) -> None:
    """Random JSON-like data either decodes or raises a PipelineError, nothing else."""
    try:
        pc.Search.from_dict(data)
    except pc.PipelineError as error:
        assert isinstance(error, pc.DecodeError)


@given(json_values())
def test_any_json_value_as_an_opportunity_is_refused_cleanly(data: object) -> None:
    """The same holds for Opportunity.from_dict."""
    try:
        pc.Opportunity.from_dict(data)
    except pc.PipelineError as error:
        assert isinstance(error, pc.DecodeError)


def _locations(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a JSON document where a value sits, as a path of keys and indexes."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_locations(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_locations(item, (*path, index)))
    return found


def _json_path(path: tuple[object, ...]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


@given(interchange_documents(min_size=1), st.data())
def test_a_valid_document_with_one_field_broken(
    document: dict[str, Any], data: st.DataObject
) -> None:
    """Replacing any one value by random JSON decodes or raises a DecodeError on that path."""
    locations = _locations(document)
    path = data.draw(st.sampled_from(locations))
    replacement = data.draw(json_values(max_leaves=5))
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = replacement
    try:
        pc.Search.from_dict(document)
    except pc.DecodeError as error:
        # The error is at the broken value, inside it, or at a container whose
        # consistency it broke (an event order, an id that is now a duplicate).
        broken = _json_path(path)
        assert error.path.startswith(broken) or broken.startswith(error.path.split(".")[0])


@given(interchange_documents(), json_values(max_leaves=3))
def test_an_unknown_key_is_always_refused(document: dict[str, Any], value: object) -> None:
    """No key outside the format is ever accepted."""
    document["unexpected"] = value
    try:
        pc.Search.from_dict(document)
    except pc.DecodeError as error:
        assert error.path == "unexpected"
    else:  # pragma: no cover - reached only if the format stopped refusing unknown keys
        raise AssertionError("an unknown key was accepted")
