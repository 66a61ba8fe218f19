"""
The PostgreSQL fixtures: one real server for the session, a fresh schema for every test.

The server is started by the tests (see ``pg_server``). Under CI (the ``CI``
variable set, as ``.ci/run`` does) a server that cannot start fails every
PostgreSQL test; on a desk without one they are skipped, and the reason is
printed.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from typing import Any

import pg_server
import psycopg
import pytest

_schemas = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    try:
        url, stop = pg_server.start()
    except Exception as error:
        if os.environ.get("CI"):
            raise
        reason = f"PostgreSQL could not start here ({type(error).__name__}: {error})"
        print(reason, file=sys.stderr)  # noqa: T201 - say why, beside the skip
        pytest.skip(reason)
    yield url
    stop()


@pytest.fixture
def connection(postgres_url: str) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(postgres_url, autocommit=True) as opened:
        yield opened


@pytest.fixture
def schema(postgres_url: str) -> Iterator[str]:
    """
    A schema name no other test uses; dropped (with its tables) after the test.
    """
    name = f"test_{os.getpid()}_{next(_schemas)}"
    yield name
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
