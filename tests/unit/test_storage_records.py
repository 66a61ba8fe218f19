"""
The storage records and the helpers adapters use to check their input and versions.
"""

from __future__ import annotations

import pytest

import pipeline_core as pc
from pipeline_core.exceptions import InputError
from pipeline_core.storage import (
    OpportunityEntry,
    SearchEntry,
    StoredSearch,
    Write,
    check_expected_version,
    check_opportunity_filter,
    check_search_id,
    check_sequence,
    check_versions,
    check_writes,
    opportunity_entries,
)
from pipeline_core.testing.samples import sample_search


def test_stored_search_entry_drops_the_search() -> None:
    """
    A record's entry keeps its id, version and sequence.
    """
    record = StoredSearch(id="ada", version=2, sequence=7, search=pc.Search())
    assert SearchEntry(id="ada", version=2, sequence=7) == record.entry


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("id", "", pc.InvalidValueError),
        ("version", 0, pc.InvalidValueError),
        ("sequence", 0, pc.InvalidValueError),
        ("version", 1.0, pc.WrongTypeError),
        ("search", {}, pc.WrongTypeError),
    ],
)
def test_stored_search_checks_its_fields(
    field: str, value: object, error: type[InputError]
) -> None:
    """
    A record refuses a bad id, a version or sequence below 1, or a non-Search, naming the field.
    """
    fields: dict[str, object] = {"id": "ada", "version": 1, "sequence": 1, "search": pc.Search()}
    fields[field] = value
    with pytest.raises(error) as caught:
        StoredSearch(**fields)  # type: ignore[arg-type]
    assert field == caught.value.path


def test_opportunity_entries_follow_the_search() -> None:
    """
    One entry per opportunity, in order, with the current stage and liveness.
    """
    record = StoredSearch(id="ada", version=3, sequence=9, search=sample_search())
    assert [
        ("acme-pm", 0, "interviewing", True),
        ("globex-analyst", 1, "applied", True),
        ("initech-ops", 2, "applied", False),
    ] == [(e.opportunity_id, e.position, e.stage, e.live) for e in opportunity_entries(record)]
    assert {("ada", 3)} == {(e.search_id, e.search_version) for e in opportunity_entries(record)}


def test_opportunity_entry_checks_live_is_a_bool() -> None:
    """
    live must be a real bool (a database's 0/1 must be converted).
    """
    with pytest.raises(pc.WrongTypeError) as caught:
        OpportunityEntry(
            search_id="a",
            search_version=1,
            opportunity_id="o",
            position=0,
            stage="applied",
            live=1,  # type: ignore[arg-type]
        )
    assert "live" == caught.value.path


def test_write_checks_its_expected_version() -> None:
    """
    A write refuses a negative expected version.
    """
    with pytest.raises(pc.InvalidValueError) as caught:
        Write(search_id="ada", search=pc.Search(), expected_version=-1)
    assert "expected_version" == caught.value.path


@pytest.mark.parametrize(
    "search_id", ["ada", "René", "東京-search", "😀", "a b", "x" * 200, "no\xa0break"]
)
def test_printable_ids_are_accepted(search_id: str) -> None:
    """
    Ids in any script, with spaces or emoji, up to 200 characters, are valid.
    """
    assert search_id == check_search_id(search_id)


@pytest.mark.parametrize(
    "search_id", ["", " ", "x" * 201, "a\nb", "a\x00", "a\x7f", "a\x85", "\udc00"]
)
def test_unprintable_blank_or_long_ids_are_refused(search_id: str) -> None:
    """
    Blank, too long, control characters and lone surrogates raise InvalidValueError.
    """
    with pytest.raises(pc.InvalidValueError) as caught:
        check_search_id(search_id)
    assert ("search_id", search_id) == (caught.value.path, caught.value.received)


def test_a_non_string_id_is_a_wrong_type() -> None:
    """
    An id that is not a string raises WrongTypeError (also a TypeError).
    """
    with pytest.raises(TypeError):
        check_search_id(7, field="id")


def test_sequence_zero_is_allowed() -> None:
    """
    0 is the sequence to ask from for everything.
    """
    assert 0 == check_sequence(0)


def test_expected_version_minimum_is_checked() -> None:
    """
    A delete's expected version starts at 1.
    """
    with pytest.raises(pc.InvalidValueError):
        check_expected_version(0, minimum=1)


def test_opportunity_filter_checks_live_only() -> None:
    """
    live_only must be a bool.
    """
    with pytest.raises(pc.WrongTypeError) as caught:
        check_opportunity_filter(stage=None, live_only="yes")
    assert "live_only" == caught.value.path


def test_opportunity_filter_returns_its_values() -> None:
    """
    Valid filters come back unchanged.
    """
    assert ("applied", True) == check_opportunity_filter(stage="applied", live_only=True)


@pytest.mark.parametrize(
    ("expected", "actual", "error"),
    [
        (0, 2, pc.DuplicateSearchError),
        (1, 0, pc.SearchNotFoundError),
        (None, 0, pc.SearchNotFoundError),
        (1, 2, pc.ConflictError),
        (3, 2, pc.ConflictError),
    ],
)
def test_check_versions_raises_the_protocol_error(
    expected: int | None, actual: int, error: type[pc.StorageError]
) -> None:
    """
    Each mismatch of expected and stored version maps to exactly one error class.
    """
    with pytest.raises(error) as caught:
        check_versions("ada", expected_version=expected, actual_version=actual)
    assert (error, "ada") == (type(caught.value), caught.value.search_id)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("expected", "actual"), [(0, 0), (2, 2), (None, 5)])
def test_check_versions_passes_matching_versions(expected: int | None, actual: int) -> None:
    """
    Equal versions, or no expectation on a stored search, pass.
    """
    check_versions("ada", expected_version=expected, actual_version=actual)


def test_check_writes_names_the_position_of_a_stranger() -> None:
    """
    A batch item that is not a Write is refused with its position.
    """
    write = Write(search_id="ada", search=pc.Search(), expected_version=0)
    with pytest.raises(pc.WrongTypeError) as caught:
        check_writes([write, "grace"])  # type: ignore[list-item]
    assert "writes[1]" == caught.value.path


def test_check_writes_names_a_repeated_id() -> None:
    """
    A repeated search id is refused with the path of the second write.
    """
    write = Write(search_id="ada", search=pc.Search(), expected_version=0)
    with pytest.raises(pc.InvalidValueError) as caught:
        check_writes(iter([write, write]))
    assert ("writes[1].search_id", "ada") == (caught.value.path, caught.value.received)


def test_check_writes_refuses_a_string() -> None:
    """
    A string is not a batch.
    """
    with pytest.raises(pc.WrongTypeError):
        check_writes("ada")  # type: ignore[arg-type]
