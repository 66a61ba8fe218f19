"""
A real storage adapter for pipeline_core, on the standard library's sqlite3.

Run it:  python examples/sqlite_store.py

It saves a search to a database in a temporary directory, reloads it, and
shows a stale save being refused.

Writing an adapter of your own (Postgres, a document store) with the kit
========================================================================

1. **Implement the protocol** :class:`pipeline_core.storage.SearchStore`:
   ``add``, ``get``, ``save(..., expected_version=)``, ``save_many``,
   ``delete``, ``list_searches``, ``changed_since``, ``find_opportunities``
   and ``last_sequence``. Route ``add`` and ``save`` through ``save_many``,
   as this file does, and the rules live in one place.
2. **Keep three things per search**: the id, the version and the change
   sequence number in columns of their own, and the document as interchange
   data (``encode_search(search)``: JSON text; a document store may keep
   ``search.to_dict()`` as it is). Keep each opportunity's stage and liveness
   beside it (``opportunity_entries(record)``), so the queries never decode
   a document and one corrupt document cannot stop a listing.
3. **Check versions inside the transaction** that writes: read the stored
   version, call ``check_versions`` (it raises the protocol's errors), then
   write. In SQLite, ``BEGIN IMMEDIATE`` takes the write lock first, so two
   writers cannot both pass the check; in Postgres use ``SELECT ... FOR
   UPDATE`` or ``UPDATE ... WHERE version = %s`` and count the rows; in a
   document store, a conditional write on the version field.
4. **Stamp sequence numbers from a counter** kept in the database and
   bumped in the same transaction (here a ``meta`` row; in Postgres a
   ``SEQUENCE`` is fine: gaps are allowed, reuse is not). Never compute
   ``MAX(sequence) + 1``: a delete would let a number come back.
5. **Roll back on any exception** and let it propagate: the kit injects a
   failure half-way through a batch and checks that nothing was written.
6. **Fail in the library's terms**: wrap every driver error in
   :class:`pipeline_core.StoreFailureError` (``retryable=True`` when the
   database was busy or locked), with the driver's error as ``__cause__``; a
   row whose columns are corrupt raises ``DecodeError`` naming its search id
   when read, and is left out of a listing (logged, and returned by
   ``corrupt_rows()``) so the healthy rows are still listed.
7. **Prove it**: subclass the contract and write one fixture::

       import pytest
       from pipeline_core.testing.contract import StoreContract

       class TestPostgresStore(StoreContract):
           @pytest.fixture
           def store(self, postgresql):
               return PostgresStore(postgresql)  # a fresh, empty database

   Override ``corrupt`` (see ``tests/conformance/test_storage_contract_sqlite.py``) to
   also prove that corrupt rows raise ``DecodeError`` without stopping a
   listing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Self

import pipeline_core as pc
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
    decode_search,
    encode_search,
    opportunity_entries,
)

LAYOUT_VERSION = 1
"""The version of the table layout below (not of the interchange format, which is in each row)."""

log = logging.getLogger("sqlite_store")
"""Where a corrupt row left out of a listing is reported (a warning naming its search id)."""

_BUSY = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED: another connection holds the lock
_BAD_ROW = (pc.InvalidValueError, pc.WrongTypeError)


@contextlib.contextmanager
def driver_errors(search_id: str | None = None) -> Iterator[None]:
    """
    Turn every sqlite3 error into a StoreFailureError, retryable when the database was busy.
    """
    try:
        yield
    except sqlite3.Error as error:
        code = getattr(error, "sqlite_errorcode", None)
        busy = code is not None and code & 0xFF in _BUSY
        raise pc.StoreFailureError(
            f"SQLite: {error}", retryable=busy, search_id=search_id
        ) from error


def _row_id(raw: object) -> str:
    """
    Return a row's id column (read as bytes, so bad UTF-8 cannot stop a listing) as text.
    """
    if isinstance(raw, bytes):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode("utf-8")
        shown = raw.decode("utf-8", "backslashreplace")
        raise pc.DecodeError(
            f"the id of stored search {shown!r} is not UTF-8 text",
            path="id",
            received=raw,
            allowed="UTF-8 text",
        )
    raise pc.DecodeError("a stored search has no id", path="id", received=raw, allowed="UTF-8 text")


def _entry(raw_id: object, version: object, sequence: object) -> SearchEntry:
    """
    Build a row's SearchEntry; a corrupt column raises DecodeError naming the search id.
    """
    search_id = _row_id(raw_id)
    try:
        return SearchEntry(id=search_id, version=version, sequence=sequence)  # type: ignore[arg-type]
    except _BAD_ROW as error:
        raise pc.DecodeError(
            f"{error.problem} (in the row of stored search {search_id!r})",
            path=error.path,
            received=error.received,
            allowed=error.allowed,
        ) from error


def _healthy(rows: Iterable[tuple[Any, ...]]) -> tuple[SearchEntry, ...]:
    """
    Return the entries of the healthy rows; log each corrupt one, naming its search id.
    """
    entries = []
    for row in rows:
        try:
            entries.append(_entry(*row))
        except pc.DecodeError as error:
            log.warning("left out of the listing: %s", error)
    return tuple(entries)


def _counter(row: tuple[Any, ...] | None, key: str) -> int:
    """
    Return the integer of a ``meta`` row; a missing or corrupt one is a StoreFailureError.
    """
    if row is None or type(row[0]) is not int:
        shown = "missing" if row is None else f"corrupt ({row[0]!r})"
        msg = f"the store's {key!r} record is {shown}"
        raise pc.StoreFailureError(msg)
    return row[0]


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('layout_version', 1), ('last_sequence', 0);
CREATE TABLE IF NOT EXISTS searches (
    id       TEXT PRIMARY KEY,
    version  INTEGER NOT NULL CHECK (version >= 1),
    sequence INTEGER NOT NULL UNIQUE CHECK (sequence >= 1),
    document TEXT NOT NULL              -- the interchange format, as JSON text
);
CREATE TABLE IF NOT EXISTS opportunities (
    search_id      TEXT NOT NULL REFERENCES searches (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    opportunity_id TEXT NOT NULL,
    stage          TEXT NOT NULL,
    live           INTEGER NOT NULL CHECK (live IN (0, 1)),
    PRIMARY KEY (search_id, position)
);
CREATE INDEX IF NOT EXISTS opportunities_by_stage ON opportunities (stage, live);
"""


class SQLiteStore:
    """
    A pipeline_core SearchStore in one SQLite database file.

    Every thread gets its own connection (sqlite3 connections are not meant
    to be shared); the database is in WAL mode, so readers never block the
    writer. Each write is one ``BEGIN IMMEDIATE`` transaction: it takes the
    write lock, checks the versions, writes, and commits, or rolls back on
    any error.
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # SQLite has one writer at a time anyway: this process's writers queue on a lock
        # instead of polling SQLite's busy handler (other processes still meet SQLite's lock).
        self._writer = threading.Lock()
        try:
            self._check_layout()
        except BaseException:
            self.close()
            raise

    def _check_layout(self) -> None:
        with driver_errors(), self._transaction() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'layout_version'").fetchone()
        layout = _counter(row, "layout_version")
        if layout != LAYOUT_VERSION:
            msg = f"{self.path}: table layout {layout}, this adapter reads {LAYOUT_VERSION}"
            raise pc.StoreFailureError(msg)

    def __repr__(self) -> str:
        return f"<SQLiteStore {str(self.path)!r}>"

    # -- connections and transactions ------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            # isolation_level=None: no implicit transactions; we BEGIN and COMMIT ourselves.
            # Each connection serves one thread; check_same_thread=False only lets close()
            # (in whichever thread calls it) close them all.
            db = sqlite3.connect(
                self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
            try:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")  # durable at each commit in WAL mode
                db.execute("PRAGMA foreign_keys = ON")
                db.executescript(f"BEGIN IMMEDIATE; {SCHEMA} COMMIT;")
            except BaseException:
                db.close()  # not a database, or locked: this connection is not kept
                raise
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """
        One write transaction: the write lock is taken at BEGIN, released at COMMIT/ROLLBACK.
        """
        db = self._connection()
        with self._writer:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def close(self) -> None:
        """
        Close every connection the store opened.
        """
        with self._lock:
            connections, self._connections = self._connections, []
        for db in connections:
            db.close()
        self._local = threading.local()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def get(self, search_id: str) -> StoredSearch:
        check_search_id(search_id)
        with driver_errors(search_id):
            # Read as bytes, so a document that is not UTF-8 is a DecodeError, not a driver one.
            row = (
                self._connection()
                .execute(
                    "SELECT CAST(id AS BLOB), version, sequence, CAST(document AS BLOB)"
                    " FROM searches WHERE id = ?",
                    (search_id,),
                )
                .fetchone()
            )
        if row is None:
            raise pc.SearchNotFoundError(search_id)
        raw_id, version, sequence, document = row
        entry = _entry(raw_id, version, sequence)
        return StoredSearch(
            id=entry.id,
            version=entry.version,
            sequence=entry.sequence,
            search=decode_search(document, search_id=search_id),
        )

    def list_searches(self) -> tuple[SearchEntry, ...]:
        """
        List every healthy row; a corrupt one is left out, logged and kept for corrupt_rows().
        """
        with driver_errors():
            rows = self._connection().execute(
                "SELECT CAST(id AS BLOB), version, sequence FROM searches ORDER BY id"
            )
            return _healthy(rows.fetchall())

    def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        check_sequence(sequence)
        with driver_errors():
            rows = self._connection().execute(
                "SELECT CAST(id AS BLOB), version, sequence FROM searches"
                " WHERE sequence > ? ORDER BY sequence",
                (sequence,),
            )
            return _healthy(rows.fetchall())

    def corrupt_rows(self) -> tuple[pc.DecodeError, ...]:
        """
        Return an error for each row whose id, version or sequence is corrupt, naming its id.
        """
        with driver_errors():
            rows = self._connection().execute(
                "SELECT CAST(id AS BLOB), version, sequence FROM searches ORDER BY id"
            )
            found = []
            for row in rows.fetchall():
                try:
                    _entry(*row)
                except pc.DecodeError as error:
                    found.append(error)
        return tuple(found)

    def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        check_opportunity_filter(stage=stage, live_only=live_only)
        query = (
            "SELECT o.search_id, s.version, o.opportunity_id, o.position, o.stage, o.live"
            " FROM opportunities AS o JOIN searches AS s ON s.id = o.search_id"
            " WHERE (:stage IS NULL OR o.stage = :stage) AND (o.live OR NOT :live_only)"
            " ORDER BY o.search_id, o.position"
        )
        with driver_errors():
            cursor = self._connection().execute(query, {"stage": stage, "live_only": live_only})
            rows = cursor.fetchall()
        return tuple(
            OpportunityEntry(
                search_id=search_id,
                search_version=version,
                opportunity_id=opportunity_id,
                position=position,
                stage=found_stage,
                live=bool(live),
            )
            for search_id, version, opportunity_id, position, found_stage, live in rows
        )

    def last_sequence(self) -> int:
        with driver_errors():
            row = (
                self._connection()
                .execute("SELECT value FROM meta WHERE key = 'last_sequence'")
                .fetchone()
            )
        return _counter(row, "last_sequence")

    # -- writing ---------------------------------------------------------------------------

    def add(self, search_id: str, search: pc.Search) -> StoredSearch:
        return self.save_many([Write(search_id=search_id, search=search, expected_version=0)])[0]

    def save(self, search_id: str, search: pc.Search, *, expected_version: int) -> StoredSearch:
        write = Write(search_id=search_id, search=search, expected_version=expected_version)
        return self.save_many([write])[0]

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        batch = check_writes(writes)
        if not batch:
            return ()
        records = []
        with (
            driver_errors(batch[0].search_id if len(batch) == 1 else None),
            self._transaction() as db,
        ):
            for write in batch:
                row = db.execute(
                    "SELECT version FROM searches WHERE id = ?", (write.search_id,)
                ).fetchone()
                check_versions(
                    write.search_id,
                    expected_version=write.expected_version,
                    actual_version=0 if row is None else row[0],
                )
                records.append(self._write(db, write))
        return tuple(records)

    def _write(self, db: sqlite3.Connection, write: Write) -> StoredSearch:
        """
        Write one search whose version was checked, with a new sequence number.
        """
        sequence = _counter(
            db.execute(
                "UPDATE meta SET value = value + 1 WHERE key = 'last_sequence' RETURNING value"
            ).fetchone(),
            "last_sequence",
        )
        record = StoredSearch(
            id=write.search_id,
            version=write.expected_version + 1,
            sequence=sequence,
            search=write.search,
        )
        values: dict[str, Any] = {
            "id": record.id,
            "version": record.version,
            "sequence": record.sequence,
            "document": encode_search(record.search),
        }
        if write.expected_version == 0:
            db.execute(
                "INSERT INTO searches (id, version, sequence, document)"
                " VALUES (:id, :version, :sequence, :document)",
                values,
            )
        else:
            db.execute(
                "UPDATE searches SET version = :version, sequence = :sequence,"
                " document = :document WHERE id = :id",
                values,
            )
            db.execute("DELETE FROM opportunities WHERE search_id = ?", (record.id,))
        db.executemany(
            "INSERT INTO opportunities (search_id, position, opportunity_id, stage, live)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (e.search_id, e.position, e.opportunity_id, e.stage, e.live)
                for e in opportunity_entries(record)
            ],
        )
        return record

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        check_search_id(search_id)
        if expected_version is not None:
            check_expected_version(expected_version, minimum=1)
        with driver_errors(search_id), self._transaction() as db:
            row = db.execute("SELECT version FROM searches WHERE id = ?", (search_id,)).fetchone()
            check_versions(
                search_id,
                expected_version=expected_version,
                actual_version=0 if row is None else row[0],
            )
            db.execute("DELETE FROM searches WHERE id = ?", (search_id,))


# -- the demonstration ------------------------------------------------------------------------

DEMO = {
    "schema": 1,
    "goals": {"min_live": 3, "weekly_applications": 5},
    "opportunities": [
        {
            "id": "company-x",
            "organization": "Company X",
            "title": "Operations Analyst",
            "source": "agency_recruiter",
            "events": [
                {"type": "applied", "at": "2026-09-14T15:00:00+00:00"},
                {"type": "advanced", "at": "2026-09-22T15:00:00+00:00", "stage": "interviewing"},
                {
                    "type": "signal",
                    "at": "2026-09-23T16:00:00+00:00",
                    "polarity": "positive",
                    "note": "they were very impressed",
                },
            ],
        },
        {
            "id": "acme-ops",
            "organization": "Acme",
            "title": "Ops Lead",
            "source": "job_board",
            "events": [{"type": "applied", "at": "2026-09-15T15:00:00+00:00"}],
        },
    ],
}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "demo.db") as store:
        print(f"A SQLite store in {store.path.name} (WAL mode, one row per search).\n")

        record = store.add("ada", pc.Search.from_dict(DEMO))
        print(
            f"Saved search 'ada': version {record.version}, change #{record.sequence}, "
            f"{len(record.search)} opportunities."
        )

        # A fresh connection reads it back: what was saved is what comes back.
        with SQLiteStore(store.path) as other:
            loaded = other.get("ada")
        print(
            f"Reloaded it from disk: version {loaded.version}, equal to what was saved: "
            f"{loaded.search == record.search}."
        )
        for entry in store.find_opportunities(live_only=True):
            print(f"  live: {entry.opportunity_id:<10} at {entry.stage}")

        # Two tabs of the same app read version 1; the first one saves...
        tab_one = tab_two = store.get("ada")
        screened = pc.Advanced(at=dt.datetime(2026, 9, 21, 15, tzinfo=dt.UTC), stage="screening")
        moved = tab_one.search.record("acme-ops", screened)
        saved = store.save("ada", moved, expected_version=tab_one.version)
        print(f"\nTab one saved a change: now version {saved.version}, change #{saved.sequence}.")

        # ...and the second one, still holding version 1, is refused.
        try:
            store.save(
                "ada",
                tab_two.search.with_goals(pc.Goals(min_live=5)),
                expected_version=tab_two.version,
            )
        except pc.ConflictError as conflict:
            print(f"Tab two's save was refused: {conflict}")
        print(f"Stored version is still {store.get('ada').version}; nothing was overwritten.")

        print(
            f"\nChanged since #{record.sequence}: "
            f"{[entry.id for entry in store.changed_since(record.sequence)]}"
        )


if __name__ == "__main__":
    main()
