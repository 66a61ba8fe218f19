"""
The SQLite adapter fails in the library's terms: driver errors become StoreFailureError.

A locked database (retryable), a file that is not a database, corrupt bookkeeping rows
and corrupt columns of one search each raise an error of the ``pc.PipelineError`` family,
and one corrupt row never hides the healthy ones from a listing.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_store import SQLiteStore

import pipeline_core as pc
from pipeline_core.testing.contract import sample_search


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "searches.db"


@pytest.fixture
def store(path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(path, timeout=0.01) as opened:
        yield opened


def _raw(path: Path, sql: str, *parameters: object) -> None:
    with sqlite3.connect(path) as db:
        db.execute(sql, parameters)
    db.close()


def test_a_locked_database_is_a_retryable_store_failure(store: SQLiteStore) -> None:
    """A write that meets another connection's lock raises a retryable StoreFailureError."""
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(pc.StoreFailureError, match="locked") as caught:
            store.add("ada", sample_search())
    finally:
        other.execute("ROLLBACK")
        other.close()
    error = caught.value
    assert (True, "ada", sqlite3.OperationalError) == (
        error.retryable,
        error.search_id,
        type(error.__cause__),
    )
    assert "retryable" in str(error)
    assert () == store.list_searches()
    assert store.add("ada", sample_search()).version == 1  # the retry succeeds


def test_opening_a_locked_database_is_retryable(store: SQLiteStore) -> None:
    """Opening a store while another connection holds the write lock is retryable too."""
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(pc.StoreFailureError) as caught:
            SQLiteStore(store.path, timeout=0.01)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.retryable


def test_a_file_that_is_not_a_database_is_a_store_failure(path: Path) -> None:
    """A file of something else is refused with a StoreFailureError that is not retryable."""
    path.write_bytes(b"this is not a database, just some text " * 100)
    with pytest.raises(pc.StoreFailureError, match="not a database") as caught:
        SQLiteStore(path)
    assert (False, sqlite3.DatabaseError) == (caught.value.retryable, type(caught.value.__cause__))
    assert caught.value.search_id is None


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE meta SET value = 'abc' WHERE key = 'last_sequence'",
        "UPDATE meta SET value = 2.5 WHERE key = 'last_sequence'",
        "DELETE FROM meta WHERE key = 'last_sequence'",
    ],
    ids=["text", "float", "missing"],
)
def test_a_corrupt_sequence_counter_is_a_store_failure(store: SQLiteStore, sql: str) -> None:
    """A broken ``last_sequence`` row fails reads of it and writes, writing nothing."""
    ada = store.add("ada", sample_search())
    _raw(store.path, sql)
    with pytest.raises(pc.StoreFailureError, match="last_sequence"):
        store.last_sequence()
    with pytest.raises(pc.StoreFailureError):
        store.add("grace", sample_search())
    assert [ada.entry] == list(store.list_searches())


def test_a_counter_that_collides_is_a_store_failure(store: SQLiteStore) -> None:
    """A counter set back (so the next sequence is taken) fails the write; nothing is written."""
    ada = store.add("ada", sample_search())
    _raw(store.path, "UPDATE meta SET value = 0 WHERE key = 'last_sequence'")
    with pytest.raises(pc.StoreFailureError) as caught:
        store.add("grace", sample_search())
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert [ada.entry] == list(store.list_searches())


@pytest.mark.parametrize(
    ("value", "match"),
    [(2, "table layout 2"), ("one", "'layout_version' record is corrupt")],
)
def test_an_unknown_or_corrupt_layout_is_a_store_failure(
    path: Path, value: object, match: str
) -> None:
    """A database of another layout, or a corrupt layout row, is refused when opened."""
    SQLiteStore(path).close()
    _raw(path, "UPDATE meta SET value = ? WHERE key = 'layout_version'", value)
    with pytest.raises(pc.StoreFailureError, match=match):
        SQLiteStore(path)


@pytest.mark.parametrize(
    ("sql", "shown"),
    [
        ("UPDATE searches SET version = 'x' WHERE id = 'broken'", "broken"),
        ("UPDATE searches SET sequence = 1.5 WHERE id = 'broken'", "broken"),
        ("UPDATE searches SET id = X'62726f6bff' WHERE id = 'broken'", "brok\\\\xff"),
    ],
    ids=["version", "sequence", "id-not-utf-8"],
)
def test_a_corrupt_row_is_reported_and_the_healthy_ones_listed(
    store: SQLiteStore, sql: str, shown: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The listing returns every healthy row; the corrupt one is logged and reported by id."""
    ada = store.add("ada", sample_search())
    store.add("broken", sample_search())
    zed = store.add("zed", sample_search(variant=1))
    _raw(store.path, sql)
    with caplog.at_level(logging.WARNING, logger="sqlite_store"):
        listed = store.list_searches()
    assert [ada.entry, zed.entry] == list(listed)
    assert [ada.entry, zed.entry] == list(store.changed_since(0))
    assert shown in caplog.text
    (problem,) = store.corrupt_rows()
    assert shown in str(problem)


def test_a_row_without_an_id_is_reported(store: SQLiteStore) -> None:
    """A row whose id is NULL (SQLite allows it in a TEXT key) is reported as such."""
    ada = store.add("ada", sample_search())
    store.add("broken", sample_search())
    _raw(store.path, "UPDATE searches SET id = NULL WHERE id = 'broken'")
    assert [ada.entry] == list(store.list_searches())
    (problem,) = store.corrupt_rows()
    assert "has no id" in str(problem)


def test_reading_a_corrupt_row_names_its_search(store: SQLiteStore) -> None:
    """``get`` of a row with a corrupt version raises DecodeError naming the search and column."""
    store.add("broken", sample_search())
    _raw(store.path, "UPDATE searches SET version = 'x' WHERE id = 'broken'")
    with pytest.raises(pc.DecodeError, match="stored search 'broken'") as caught:
        store.get("broken")
    assert caught.value.path == "version"


def test_a_document_that_is_not_utf_8_is_a_decode_error(store: SQLiteStore) -> None:
    """A stored document of bytes that are not UTF-8 is a DecodeError, not a driver error."""
    store.add("broken", sample_search())
    _raw(store.path, "UPDATE searches SET document = X'7bff7d' WHERE id = 'broken'")
    with pytest.raises(pc.DecodeError, match="broken"):
        store.get("broken")


def test_a_closed_store_fails_in_the_librarys_terms(store: SQLiteStore) -> None:
    """Using a connection closed under the store raises a StoreFailureError, not a raw one."""
    store.add("ada", sample_search())
    store._connection().close()  # the thread's connection, closed behind the store's back
    for call in (store.list_searches, store.last_sequence, lambda: store.get("ada")):
        with pytest.raises(pc.StoreFailureError):
            call()
    with pytest.raises(pc.StoreFailureError):
        store.delete("ada")
    with pytest.raises(pc.StoreFailureError):
        store.find_opportunities()
    with pytest.raises(pc.StoreFailureError):
        store.changed_since(0)
