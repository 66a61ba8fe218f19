"""
A real PostgreSQL server for the tests, started by the tests themselves.

``pgserver`` is a pip wheel that bundles the PostgreSQL binaries (initdb,
pg_ctl, postgres), so a fresh machine with only Python and pip gets a real
server: :func:`start` runs initdb in a new temporary directory and starts
the server on a Unix socket there (no TCP port, nothing shared). As root,
PostgreSQL refuses to run, so pgserver creates an unprivileged system user
``pgserver`` (with ``useradd``), hands it the data directory and runs the
server as that user.

``PIPELINE_CORE_POSTGRES_URL`` points the tests at a server of your own
instead (each test works in a fresh PostgreSQL schema, dropped after it).
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Callable
from typing import Any

import psycopg

from pipeline_core_postgres import PostgresStore

URL_VARIABLE = "PIPELINE_CORE_POSTGRES_URL"


def start() -> tuple[str, Callable[[], None]]:
    """
    Start a server (or take the one named by ``PIPELINE_CORE_POSTGRES_URL``).

    Returns:
        Its connection URI, and the function that stops it and deletes its data.
    """
    url = os.environ.get(URL_VARIABLE)
    if url:
        return url, lambda: None
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI containers): it is not our problem.
        warnings.simplefilter("ignore")
        from pgserver.postgres_server import get_server  # noqa: PLC0415 - PostgreSQL tests only

        server = get_server(tempfile.mkdtemp(prefix="pipeline-core-pg-"), cleanup_mode="delete")
    return server.get_uri(), server.cleanup


def open_store(url: str, schema: str) -> PostgresStore:
    """
    Open a store on a new connection of its own (picklable with ``functools.partial``).
    """
    return PostgresStore(psycopg.connect(url, autocommit=True), schema=schema)


def connect(url: str) -> psycopg.Connection[Any]:
    """
    Open an autocommit connection.
    """
    return psycopg.connect(url, autocommit=True)
