"""
How stores encode searches, and how corrupt stored data is reported.
"""

from __future__ import annotations

import json

import pytest

import pipeline_core as pc
from pipeline_core.exceptions import CorruptSearchError
from pipeline_core.storage import decode_search, encode_search, stored_from_row
from pipeline_core.testing.samples import sample_search


def test_encode_search_writes_compact_ascii_json() -> None:
    """
    The JSON text is compact and ASCII only (non-ASCII is escaped).
    """
    search = pc.Search.from_dict(
        {
            "schema": 1,
            "opportunities": [
                {
                    "id": "zürich",
                    "organization": "Café",
                    "title": "Lead",
                    "source": "other",
                    "events": [],
                }
            ],
        }
    )
    text = encode_search(search)
    assert (True, False, True) == (text.isascii(), ", " in text, "\\u00fc" in text)


def test_encode_search_is_the_interchange_format() -> None:
    """
    The text parses back to exactly search.to_dict().
    """
    assert sample_search().to_dict() == json.loads(encode_search(sample_search()))


def test_encode_search_refuses_a_non_search() -> None:
    """
    Encoding something that is not a Search raises WrongTypeError.
    """
    with pytest.raises(pc.WrongTypeError):
        encode_search({"schema": 1})  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["text", "bytes", "document"])
def test_decode_search_reads_text_bytes_and_documents(kind: str) -> None:
    """
    JSON text, UTF-8 bytes and an already parsed document all decode to the search.
    """
    text = encode_search(sample_search())
    data = {"text": text, "bytes": text.encode(), "document": json.loads(text)}[kind]
    assert sample_search() == decode_search(data, search_id="ada")


def test_truncated_json_is_a_decode_error_at_the_root() -> None:
    """
    Truncated JSON raises DecodeError at path "" naming the search.
    """
    with pytest.raises(pc.DecodeError) as caught:
        decode_search('{"schema": 1, "opport', search_id="ada")
    assert ("", True) == (
        caught.value.path,
        "stored search 'ada' is not valid JSON" in str(caught.value),
    )


def test_bytes_that_are_not_utf8_are_a_decode_error() -> None:
    """
    Bytes that are not text raise DecodeError, not UnicodeDecodeError.
    """
    with pytest.raises(pc.DecodeError):
        decode_search(b'{"schema": "\xff"}', search_id="ada")


def test_absurd_nesting_is_a_decode_error() -> None:
    """
    JSON nested past the parser's depth raises DecodeError, not RecursionError.
    """
    with pytest.raises(pc.DecodeError):
        decode_search("[" * 100_000, search_id="ada")


def test_wrong_types_keep_their_json_path() -> None:
    """
    A wrong type deep in the document raises DecodeError with its JSON path and the search id.
    """
    document = sample_search().to_dict()
    document["opportunities"][1]["events"][0]["at"] = 20261001
    with pytest.raises(pc.DecodeError) as caught:
        decode_search(document, search_id="ada")
    assert "opportunities[1].events[0].at" == caught.value.path
    assert "(in stored search 'ada')" in str(caught.value)


def test_an_unknown_schema_version_is_a_decode_error() -> None:
    """
    Data written by a newer library (schema 2) raises DecodeError at "schema".
    """
    document = {**sample_search().to_dict(), "schema": 2}
    with pytest.raises(pc.DecodeError) as caught:
        decode_search(json.dumps(document), search_id="ada")
    assert ("schema", 2) == (caught.value.path, caught.value.received)


def test_stored_from_row_names_the_corrupt_search() -> None:
    """An adapter's row with a bad document is a CorruptSearchError naming the search and path."""
    good = stored_from_row("ada", 2, 7, pc.Search().to_dict())
    assert (good.id, good.version, good.sequence, good.search) == ("ada", 2, 7, pc.Search())
    with pytest.raises(CorruptSearchError) as caught:
        stored_from_row("ada", 2, 7, '{"schema": 1, "opportunities": 3}')
    assert caught.value.search_id == "ada"
    assert caught.value.path == "opportunities"
