"""
Properties of the storage helpers and the kit's storage strategies.
"""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.storage import (
    StoredSearch,
    Write,
    check_search_id,
    check_versions,
    decode_search,
    encode_search,
)
from pipeline_core.testing import json_values, search_ids, searches, stored_searches, writes


@given(search=searches())
def test_encode_then_decode_is_the_identity(search: pc.Search) -> None:
    """
    decode_search(encode_search(s)) == s for every valid search.
    """
    assert search == decode_search(encode_search(search), search_id="s")


@given(search=searches())
def test_encoding_is_deterministic(search: pc.Search) -> None:
    """
    Equal searches encode to the same text (stores may compare documents).
    """
    assert encode_search(search) == encode_search(
        decode_search(encode_search(search), search_id="s")
    )


@given(data=json_values())
def test_decoding_any_json_raises_only_decode_error(data: object) -> None:
    """
    Whatever JSON a store holds, decoding either succeeds or raises DecodeError.
    """
    text = json.dumps(data)
    with contextlib.suppress(pc.DecodeError):
        decode_search(text, search_id="s")


@given(text=st.text(max_size=60))
def test_decoding_any_text_raises_only_decode_error(text: str) -> None:
    """
    Any text at all, even not JSON, decodes or raises DecodeError.
    """
    with pytest.raises(pc.DecodeError):
        decode_search(text, search_id="s")


@given(search_id=search_ids(prefix="user-"))
def test_search_ids_are_valid_ids(search_id: str) -> None:
    """
    Every id the kit draws passes check_search_id, with the prefix in front.
    """
    assert (search_id, True) == (check_search_id(search_id), search_id.startswith("user-"))


@given(record=stored_searches(max_size=2))
def test_stored_searches_are_validoutlook_rows(record: StoredSearch) -> None:
    """
    Drawn records rebuild equal through their own validators.
    """
    assert record == StoredSearch(
        id=record.id, version=record.version, sequence=record.sequence, search=record.search
    )


@given(write=writes(search_id="ada", expected_version=0, max_size=1))
def test_writes_take_fixed_options(write: Write) -> None:
    """
    writes(search_id=, expected_version=) fixes those fields.
    """
    assert ("ada", 0) == (write.search_id, write.expected_version)


@given(record=st.from_type(StoredSearch), write=st.from_type(Write))
def test_storage_types_are_registered_with_hypothesis(record: StoredSearch, write: Write) -> None:
    """
    st.from_type knows StoredSearch and Write through the entry point.
    """
    assert (StoredSearch, Write) == (type(record), type(write))


@given(expected=st.none() | st.integers(0, 4), actual=st.integers(0, 4))
def test_check_versions_passes_exactly_when_the_write_may_go_ahead(
    expected: int | None, actual: int
) -> None:
    """
    A write goes ahead iff it expects the stored version (or any, for a stored search).
    """
    allowed = expected == actual or (expected is None and actual > 0)
    try:
        check_versions("s", expected_version=expected, actual_version=actual)
    except pc.StorageError:
        assert not allowed
    else:
        assert allowed


@given(ids=st.lists(search_ids(), min_size=1, max_size=8, unique=True))
def test_in_memory_listing_is_in_code_point_order(ids: list[str]) -> None:
    """
    The in-memory store lists ids in code point order, as SQLite's BINARY collation does.
    """
    store = pc.InMemoryStore()
    for search_id in ids:
        store.add(search_id, pc.Search())
    assert sorted(ids) == [entry.id for entry in store.list_searches()]


@given(record=stored_searches(id="ada", search=pc.Search()))
def test_stored_searches_take_fixed_options(record: StoredSearch) -> None:
    """
    stored_searches(id=, search=) fixes those fields.
    """
    assert ("ada", pc.Search()) == (record.id, record.search)
