"""
The tables of the PostgreSQL store, their schema version, and the forward migrations.

The tables live in a PostgreSQL schema of their own (``pipeline_core`` by
default), which also records its schema version in ``schema_version``.
:func:`migrate` brings it forward to :data:`SCHEMA_VERSION`, running each
missing step of :data:`MIGRATIONS` in one transaction that holds a
transaction-level advisory lock, so that two processes starting at once
migrate once.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from typing import Any

import psycopg

from pipeline_core.exceptions import InvalidValueError, StoreFailureError

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "check_schema_name",
    "migrate",
    "migrate_async",
    "schema_version",
    "schema_version_async",
]

MIGRATIONS: tuple[str, ...] = (
    # 1: the searches, the opportunity index beside them, and the sequence counter (one row).
    """
    CREATE TABLE {schema}.schema_version (version integer NOT NULL);
    INSERT INTO {schema}.schema_version (version) VALUES (0);
    CREATE TABLE {schema}.sequence_counter (
        last_sequence bigint NOT NULL,
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row)
    );
    INSERT INTO {schema}.sequence_counter (last_sequence) VALUES (0);
    CREATE TABLE {schema}.searches (
        id       text PRIMARY KEY,
        version  integer NOT NULL CHECK (version >= 1),
        sequence bigint NOT NULL UNIQUE CHECK (sequence >= 1),
        document text NOT NULL
    );
    CREATE TABLE {schema}.opportunities (
        search_id      text NOT NULL REFERENCES {schema}.searches (id) ON DELETE CASCADE,
        position       integer NOT NULL,
        opportunity_id text NOT NULL,
        stage          text NOT NULL,
        live           boolean NOT NULL,
        PRIMARY KEY (search_id, position)
    );
    """,
    # 2: find_opportunities(stage=..., live_only=...) without a scan.
    "CREATE INDEX opportunities_by_stage ON {schema}.opportunities (stage, live);",
)
"""The steps: step ``n`` (from 1) takes the tables from version ``n - 1`` to ``n``."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this adapter reads and writes."""

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def check_schema_name(name: object) -> str:
    """
    Return ``name`` if it can name the PostgreSQL schema that holds the tables.

    Args:
        name: Lower-case letters, digits and underscores, not starting with a
            digit, at most 63 characters.

    Returns:
        The name, unchanged.

    Raises:
        InvalidValueError: the name is anything else.
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InvalidValueError(
            "not a schema name",
            path="schema",
            received=name,
            allowed="lower-case letters, digits and _, not starting with a digit, 1-63 long",
        )
    return name


def _statements(schema: str, target: int, before: int) -> list[str]:
    statements = []
    for step in range(before, target):
        statements += [part for part in MIGRATIONS[step].split(";") if part.strip()]
        statements.append(f"UPDATE {{schema}}.schema_version SET version = {step + 1}")
    return [statement.format(schema=schema) for statement in statements]


def _refuse_newer(before: int, target: int) -> None:
    if before > target:
        raise StoreFailureError(
            f"the tables are at schema version {before}, newer than {target}: "
            "upgrade pipeline-core-postgres to use them"
        )


_LOCK = "SELECT pg_advisory_xact_lock(hashtext('pipeline_core_postgres:' || %s))"
_EXISTS = "SELECT to_regclass(%s) IS NOT NULL"


def schema_version(connection: psycopg.Connection[Any], schema: str = "pipeline_core") -> int:
    """
    Return the schema version of the tables in ``schema`` (``0`` when there are none yet).

    Args:
        connection: An open connection.
        schema: The PostgreSQL schema that holds the tables.

    Returns:
        The version.
    """
    table = f"{check_schema_name(schema)}.schema_version"
    if not _first(connection.execute(_EXISTS, (table,)).fetchone()):
        return 0
    return _first(connection.execute(f"SELECT version FROM {table}").fetchone())


async def schema_version_async(
    connection: psycopg.AsyncConnection[Any], schema: str = "pipeline_core"
) -> int:
    """
    Return the schema version of the tables in ``schema``, on an async connection.

    Args:
        connection: An open async connection.
        schema: The PostgreSQL schema that holds the tables.

    Returns:
        The version.
    """
    table = f"{check_schema_name(schema)}.schema_version"
    if not _first(await (await connection.execute(_EXISTS, (table,))).fetchone()):
        return 0
    return _first(await (await connection.execute(f"SELECT version FROM {table}")).fetchone())


def _first(row: tuple[Any, ...] | None) -> int:
    assert row is not None  # noqa: S101 - a SELECT of one value returns one row
    return int(row[0])


def migrate(
    connection: psycopg.Connection[Any],
    *,
    schema: str = "pipeline_core",
    target: int = SCHEMA_VERSION,
) -> int:
    """
    Bring the tables in ``schema`` forward to version ``target``, in one transaction.

    Args:
        connection: An open connection, not inside a transaction.
        schema: The PostgreSQL schema that holds (or will hold) the tables.
        target: The version to reach (by default the adapter's own).

    Returns:
        The version the tables were at before.

    Raises:
        StoreFailureError: the tables are newer than ``target``; nothing changed.
        psycopg.Error: a step failed; the transaction was rolled back.
    """
    check_schema_name(schema)
    with connection.transaction():
        connection.execute(_LOCK, (schema,))
        connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        before = schema_version(connection, schema)
        _refuse_newer(before, target)
        for statement in _statements(schema, target, before):
            connection.execute(statement)
    return before


async def migrate_async(
    connection: psycopg.AsyncConnection[Any],
    *,
    schema: str = "pipeline_core",
    target: int = SCHEMA_VERSION,
) -> int:
    """
    Bring the tables in ``schema`` forward to version ``target``, on an async connection.

    Args:
        connection: An open async connection, not inside a transaction.
        schema: The PostgreSQL schema that holds (or will hold) the tables.
        target: The version to reach (by default the adapter's own).

    Returns:
        The version the tables were at before.

    Raises:
        StoreFailureError: the tables are newer than ``target``; nothing changed.
        psycopg.Error: a step failed; the transaction was rolled back.
    """
    check_schema_name(schema)
    async with connection.transaction():
        await connection.execute(_LOCK, (schema,))
        await connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        before = await schema_version_async(connection, schema)
        _refuse_newer(before, target)
        for statement in _statements(schema, target, before):
            await connection.execute(statement)
    return before
