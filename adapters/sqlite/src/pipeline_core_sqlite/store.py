"""
:class:`SQLiteStore`: a pipeline_core ``SearchStore`` in one SQLite database file.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Self

from pipeline_core.exceptions import (
    SearchNotFoundError,
    StoreFailureError,
)
from pipeline_core.search import Search
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
    encode_search,
    opportunity_entries,
    stored_from_row,
)
from pipeline_core_sqlite import schema

__all__ = ["SQLiteStore"]

_FIND = (
    "SELECT o.search_id, s.version, o.opportunity_id, o.position, o.stage, o.live"
    " FROM opportunities AS o JOIN searches AS s ON s.id = o.search_id"
    " WHERE (:stage IS NULL OR o.stage = :stage) AND (o.live OR NOT :live_only)"
    " ORDER BY o.search_id, o.position"
)


class SQLiteStore:
    """
    A :class:`~pipeline_core.storage.SearchStore` in one SQLite database file.

    * **WAL mode**: readers never block the writer, nor the writer them.
    * **Busy timeout**: a writer waits up to ``timeout`` seconds for another
      process's write lock instead of failing with "database is locked".
    * **Schema version and migrations**: opening a database brings it
      forward to :data:`~pipeline_core_sqlite.schema.SCHEMA_VERSION`
      (``migrate=False`` refuses an older one instead).
    * **Compare-and-set in a transaction**: each write is one ``BEGIN
      IMMEDIATE`` transaction that takes the write lock, reads the stored
      versions, checks them, writes and commits, or rolls back on any error.
    * **Corrupt rows**: :meth:`get` of a search whose stored document cannot
      be decoded raises :class:`~pipeline_core.exceptions.CorruptSearchError`
      naming the search id and the JSON path; the listings never decode, so
      they still list it and every healthy search.
    * **Wrapped errors**: every ``sqlite3`` error is raised as
      :class:`~pipeline_core.exceptions.StoreFailureError`, with the
      driver's exception as its cause.

    Every thread gets its own connection; one store may be shared by any
    number of threads, and any number of processes may open the same file.

    Args:
        path: The database file (created if missing).
        timeout: How long a writer waits for the write lock, in seconds.
        migrate: Whether to bring an older database forward on opening.

    Raises:
        StoreFailureError: the file cannot be opened, its schema is
            newer than this adapter, or older and ``migrate`` is false.

    .. versionadded:: 0.1.0
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0, migrate: bool = True) -> None:
        """
        Open (or create) the database and check its schema version.
        """
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # One writer at a time in this process queues on a lock instead of polling SQLite's
        # busy handler; other processes still meet SQLite's own lock (and the busy timeout).
        self._writer = threading.Lock()
        try:
            with self._driver_errors("opening the database"):
                self._open(migrate=migrate)
        except BaseException:
            self.close()
            raise

    def _open(self, *, migrate: bool) -> None:
        db = self._connection()
        found = schema.schema_version(db)
        if found < schema.SCHEMA_VERSION and not migrate:
            raise StoreFailureError(
                f"SQLite {str(self.path)!r}: schema version {found}, this adapter needs "
                f"{schema.SCHEMA_VERSION}; open it with migrate=True to bring it forward"
            )
        schema.migrate(db)

    def __repr__(self) -> str:
        """
        Name the database file.
        """
        return f"<SQLiteStore {str(self.path)!r}>"

    # -- connections and transactions ------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            # isolation_level=None: no implicit transactions; BEGIN and COMMIT are explicit.
            # Each connection serves one thread; check_same_thread=False only lets close()
            # (in whichever thread calls it) close them all.
            db = sqlite3.connect(
                self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
            with self._lock:
                self._connections.append(db)
            db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # durable at each commit in WAL mode
            db.execute("PRAGMA foreign_keys = ON")
            self._local.db = db
        return db

    @contextlib.contextmanager
    def _driver_errors(self, operation: str) -> Iterator[None]:
        """
        Raise every sqlite3 error of the block as a StoreFailureError.
        """
        try:
            yield
        except sqlite3.Error as error:
            # A busy or locked database may let the same call through later.
            busy = isinstance(error, sqlite3.OperationalError) and (
                "locked" in str(error) or "busy" in str(error)
            )
            raise StoreFailureError(
                f"SQLite {str(self.path)!r}: {operation} failed ({type(error).__name__}: {error})",
                retryable=busy,
            ) from error

    @contextlib.contextmanager
    def _transaction(self, operation: str) -> Iterator[sqlite3.Connection]:
        """
        One write transaction: the write lock is taken at BEGIN, released at COMMIT/ROLLBACK.
        """
        with self._driver_errors(operation):
            db = self._connection()
            with self._writer:
                db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                    db.execute("COMMIT")
                except BaseException:
                    # No transaction is left to roll back if the connection itself was lost.
                    with contextlib.suppress(sqlite3.Error):
                        db.execute("ROLLBACK")
                    raise

    def close(self) -> None:
        """
        Close every connection the store opened (in any thread).
        """
        with self._lock:
            connections, self._connections = self._connections, []
        for db in connections:
            db.close()
        self._local = threading.local()

    def __enter__(self) -> Self:
        """
        Use the store in a ``with`` block that closes it.
        """
        return self

    def __exit__(self, *exc_info: object) -> None:
        """
        Close the store.
        """
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def get(self, search_id: str) -> StoredSearch:
        """
        Return the stored search with this id (see :meth:`SearchReader.get`).

        Raises:
            SearchNotFoundError: no search has this id.
            CorruptSearchError: its stored document cannot be decoded.
        """
        check_search_id(search_id)
        with self._driver_errors(f"reading search {search_id!r}"):
            row = (
                self._connection()
                .execute(
                    "SELECT version, sequence, document FROM searches WHERE id = ?", (search_id,)
                )
                .fetchone()
            )
        if row is None:
            raise SearchNotFoundError(search_id)
        version, sequence, document = row
        return stored_from_row(search_id, version, sequence, document)

    def _entries(self, query: str, *parameters: object) -> tuple[SearchEntry, ...]:
        with self._driver_errors("listing searches"):
            rows = self._connection().execute(query, parameters).fetchall()
        return tuple(SearchEntry(id=i, version=v, sequence=s) for i, v, s in rows)

    def list_searches(self) -> tuple[SearchEntry, ...]:
        """
        Return an entry per stored search, by id; never decodes a document.
        """
        return self._entries("SELECT id, version, sequence FROM searches ORDER BY id")

    def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        """
        Return the searches written after change ``sequence``, by sequence number.
        """
        check_sequence(sequence)
        return self._entries(
            "SELECT id, version, sequence FROM searches WHERE sequence > ? ORDER BY sequence",
            sequence,
        )

    def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        """
        Return the opportunities of every stored search, by search id and place.
        """
        check_opportunity_filter(stage=stage, live_only=live_only)
        with self._driver_errors("finding opportunities"):
            rows = (
                self._connection()
                .execute(_FIND, {"stage": stage, "live_only": live_only})
                .fetchall()
            )
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
        """
        Return the highest change sequence number stamped so far (``0`` for none).
        """
        with self._driver_errors("reading the sequence counter"):
            row = self._connection().execute("SELECT last_sequence FROM sequence_counter")
            return int(row.fetchone()[0])

    # -- writing ---------------------------------------------------------------------------

    def add(self, search_id: str, search: Search) -> StoredSearch:
        """
        Store a new search at version 1.
        """
        return self.save_many([Write(search_id=search_id, search=search, expected_version=0)])[0]

    def save(self, search_id: str, search: Search, *, expected_version: int) -> StoredSearch:
        """
        Replace the stored search if it is still at ``expected_version``.
        """
        write = Write(search_id=search_id, search=search, expected_version=expected_version)
        return self.save_many([write])[0]

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        """
        Write a batch in one transaction: every search, or none.
        """
        batch = check_writes(writes)
        if not batch:
            return ()
        records = []
        with self._transaction(f"writing {len(batch)} search(es)") as db:
            for write in batch:
                check_versions(
                    write.search_id,
                    expected_version=write.expected_version,
                    actual_version=_stored_version(db, write.search_id),
                )
                records.append(_write(db, write))
        return tuple(records)

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        """
        Delete a stored search if it is still at ``expected_version`` (any, if ``None``).
        """
        check_search_id(search_id)
        if expected_version is not None:
            check_expected_version(expected_version, minimum=1)
        with self._transaction(f"deleting search {search_id!r}") as db:
            check_versions(
                search_id,
                expected_version=expected_version,
                actual_version=_stored_version(db, search_id),
            )
            db.execute("DELETE FROM searches WHERE id = ?", (search_id,))


def _stored_version(db: sqlite3.Connection, search_id: str) -> int:
    row = db.execute("SELECT version FROM searches WHERE id = ?", (search_id,)).fetchone()
    return 0 if row is None else int(row[0])


def _write(db: sqlite3.Connection, write: Write) -> StoredSearch:
    """
    Write one search whose version was checked, with a new sequence number.
    """
    (sequence,) = db.execute(
        "UPDATE sequence_counter SET last_sequence = last_sequence + 1 RETURNING last_sequence"
    ).fetchone()
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
