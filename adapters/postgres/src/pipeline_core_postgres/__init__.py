"""
pipeline-core-postgres: a pipeline_core ``SearchStore`` in PostgreSQL, on psycopg 3, sync and async.

::

    import psycopg
    from pipeline_core_postgres import PostgresStore

    with psycopg.connect("dbname=app", autocommit=True) as connection:
        store = PostgresStore(connection)
        record = store.add("ada", search)

See :class:`PostgresStore`, :class:`AsyncPostgresStore` and the how-to
:doc:`/how-to/postgres-store`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from pipeline_core_postgres.aio import AsyncConnectionPool, AsyncPostgresStore
from pipeline_core_postgres.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    migrate,
    migrate_async,
    schema_version,
    schema_version_async,
)
from pipeline_core_postgres.store import ConnectionPool, PostgresStore

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AsyncConnectionPool",
    "AsyncPostgresStore",
    "ConnectionPool",
    "PostgresStore",
    "migrate",
    "migrate_async",
    "schema_version",
    "schema_version_async",
]
