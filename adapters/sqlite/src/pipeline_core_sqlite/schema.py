"""
The tables of the SQLite store, their schema version, and the forward migrations between versions.

The database records its own schema version in the ``schema_version``
table. :func:`migrate` brings a database forward to
:data:`SCHEMA_VERSION` by running each missing step of :data:`MIGRATIONS`
in order, in one ``BEGIN IMMEDIATE`` transaction, so two processes opening
the same file at once cannot both migrate it, and a failed migration leaves
the database at the version it had.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import sqlite3

from pipeline_core.exceptions import StoreFailureError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate", "schema_version"]

MIGRATIONS: tuple[str, ...] = (
    # 1: the searches, the opportunity index beside them, and the sequence counter.
    # The CHECKs keep the columns typed: SQLite would otherwise store text in an INTEGER column.
    """
    CREATE TABLE schema_version (version INTEGER NOT NULL);
    INSERT INTO schema_version (version) VALUES (0);
    CREATE TABLE sequence_counter (
        last_sequence INTEGER NOT NULL CHECK (typeof(last_sequence) = 'integer')
    );
    INSERT INTO sequence_counter (last_sequence) VALUES (0);
    CREATE TABLE searches (
        id       TEXT PRIMARY KEY CHECK (typeof(id) = 'text'),
        version  INTEGER NOT NULL CHECK (typeof(version) = 'integer' AND version >= 1),
        sequence INTEGER NOT NULL UNIQUE
                 CHECK (typeof(sequence) = 'integer' AND sequence >= 1),
        document TEXT NOT NULL  -- the interchange format, as JSON text
    );
    CREATE TABLE opportunities (
        search_id      TEXT NOT NULL REFERENCES searches (id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        opportunity_id TEXT NOT NULL,
        stage          TEXT NOT NULL,
        live           INTEGER NOT NULL CHECK (live IN (0, 1)),
        PRIMARY KEY (search_id, position)
    );
    """,
    # 2: find_opportunities(stage=..., live_only=...) without a scan.
    "CREATE INDEX opportunities_by_stage ON opportunities (stage, live);",
)
"""The migration steps: step ``n`` (from 1) takes a database from version ``n - 1`` to ``n``."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this adapter reads and writes."""


def schema_version(db: sqlite3.Connection) -> int:
    """
    Return the schema version recorded in a database (``0`` for a new, empty one).

    Args:
        db: An open connection.

    Returns:
        The version.
    """
    known = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if known is None:
        return 0
    return int(db.execute("SELECT version FROM schema_version").fetchone()[0])


def migrate(db: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> int:
    """
    Bring a database forward to schema version ``target``, in one transaction.

    Args:
        db: An open connection in autocommit mode (``isolation_level=None``),
            outside any transaction.
        target: The version to reach (by default the adapter's own).

    Returns:
        The version the database was at before.

    Raises:
        StoreFailureError: the database is at a version newer than
            ``target`` (written by a newer adapter), or a step failed; the
            database is left at the version it had.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        before = _migrate(db, target)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return before


def _migrate(db: sqlite3.Connection, target: int) -> int:
    before = schema_version(db)
    if before > target:
        raise StoreFailureError(
            f"the database is at schema version {before}, newer than {target}: "
            "upgrade pipeline-core-sqlite to use it"
        )
    for step in range(before, target):
        for statement in MIGRATIONS[step].split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("UPDATE schema_version SET version = ?", (step + 1,))
    return before
