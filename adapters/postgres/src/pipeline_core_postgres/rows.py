"""
What the sync and async stores share: their SQL, rows turned into records, and wrapped errors.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import psycopg

from pipeline_core.exceptions import StoreFailureError
from pipeline_core.storage import (
    OpportunityEntry,
    SearchEntry,
    StoredSearch,
    Write,
    encode_search,
    opportunity_entries,
    stored_from_row,
)
from pipeline_core_postgres.schema import check_schema_name

__all__ = [
    "ISOLATION",
    "PreparedWrite",
    "Statements",
    "counter",
    "driver_errors",
    "prepare_write",
    "to_entries",
    "to_opportunities",
    "to_stored",
]

ISOLATION = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"
"""The first statement of every transaction: see :class:`~pipeline_core_postgres.PostgresStore`."""


@attrs.frozen
class Statements:
    """
    The SQL of every operation, for the tables in one PostgreSQL schema.

    Args:
        schema: The schema that holds the tables (a checked name).
    """

    schema: str = attrs.field(validator=lambda _i, _a, value: check_schema_name(value))

    @property
    def get(self) -> str:
        """Read one search's version, sequence and document."""
        return f"SELECT version, sequence, document FROM {self.schema}.searches WHERE id = %s"

    @property
    def list_searches(self) -> str:
        """List every search, by id in code point order."""
        return f'SELECT id, version, sequence FROM {self.schema}.searches ORDER BY id COLLATE "C"'

    @property
    def changed_since(self) -> str:
        """List the searches written after a sequence number."""
        return (
            f"SELECT id, version, sequence FROM {self.schema}.searches"
            " WHERE sequence > %s ORDER BY sequence"
        )

    @property
    def find_opportunities(self) -> str:
        """List the opportunities, optionally by stage and liveness."""
        return (
            "SELECT o.search_id, s.version, o.opportunity_id, o.position, o.stage, o.live"
            f" FROM {self.schema}.opportunities AS o"
            f" JOIN {self.schema}.searches AS s ON s.id = o.search_id"
            " WHERE (%(stage)s::text IS NULL OR o.stage = %(stage)s)"
            " AND (o.live OR NOT %(live_only)s)"
            ' ORDER BY o.search_id COLLATE "C", o.position'
        )

    @property
    def last_sequence(self) -> str:
        """Read the sequence counter."""
        return f"SELECT last_sequence FROM {self.schema}.sequence_counter"

    @property
    def lock_counter(self) -> str:
        """Read the counter and lock its row until the transaction ends: writers queue here."""
        return f"SELECT last_sequence FROM {self.schema}.sequence_counter FOR UPDATE"

    @property
    def set_counter(self) -> str:
        """Store the last sequence number a write stamped."""
        return f"UPDATE {self.schema}.sequence_counter SET last_sequence = %s"

    @property
    def version_of(self) -> str:
        """Read one search's stored version."""
        return f"SELECT version FROM {self.schema}.searches WHERE id = %s"

    @property
    def insert(self) -> str:
        """Add a search."""
        return (
            f"INSERT INTO {self.schema}.searches (id, version, sequence, document)"
            " VALUES (%(id)s, %(version)s, %(sequence)s, %(document)s)"
        )

    @property
    def update(self) -> str:
        """Replace a search (and drop its old opportunity entries)."""
        return (
            f"WITH dropped AS (DELETE FROM {self.schema}.opportunities WHERE search_id = %(id)s)"
            f" UPDATE {self.schema}.searches SET version = %(version)s,"
            " sequence = %(sequence)s, document = %(document)s WHERE id = %(id)s"
        )

    @property
    def insert_opportunity(self) -> str:
        """Add one opportunity entry."""
        return (
            f"INSERT INTO {self.schema}.opportunities"
            " (search_id, position, opportunity_id, stage, live) VALUES (%s, %s, %s, %s, %s)"
        )

    @property
    def delete(self) -> str:
        """Delete a search (its opportunity entries go with it)."""
        return f"DELETE FROM {self.schema}.searches WHERE id = %s"


@contextlib.contextmanager
def driver_errors(operation: str) -> Iterator[None]:
    """
    Raise every psycopg error of the block as a StoreFailureError naming the operation.

    Args:
        operation: What was being done, for the message.

    Yields:
        Nothing: the block runs inside.

    Raises:
        StoreFailureError: the block raised a ``psycopg.Error`` (its cause).
    """
    try:
        yield
    except psycopg.Error as error:
        raise StoreFailureError(
            f"PostgreSQL: {operation} failed ({type(error).__name__}: {error})".strip()
        ) from error


def counter(row: tuple[Any, ...] | None) -> int:
    """
    Return the value of the sequence counter's row.

    Args:
        row: The row read from the counter table.

    Returns:
        The last sequence number.

    Raises:
        StoreFailureError: the row is missing (someone deleted it).
    """
    if row is None:
        raise StoreFailureError("PostgreSQL: the sequence counter row is missing")
    return int(row[0])


def to_stored(search_id: str, row: tuple[Any, ...]) -> StoredSearch:
    """
    Return the stored search of one row, or raise CorruptSearchError naming the search.

    Args:
        search_id: The search's id.
        row: Its version, sequence number and document.

    Returns:
        The stored search.

    Raises:
        CorruptSearchError: the document is not valid interchange data.
    """
    version, sequence, document = row
    return stored_from_row(search_id, version, sequence, document)


def to_entries(rows: Iterable[tuple[Any, ...]]) -> tuple[SearchEntry, ...]:
    """
    Return the entries of ``(id, version, sequence)`` rows.

    Args:
        rows: The rows.

    Returns:
        One entry per row.
    """
    return tuple(SearchEntry(id=i, version=v, sequence=s) for i, v, s in rows)


def to_opportunities(rows: Iterable[tuple[Any, ...]]) -> tuple[OpportunityEntry, ...]:
    """
    Return the opportunity entries of the rows of :attr:`Statements.find_opportunities`.

    Args:
        rows: The rows.

    Returns:
        One entry per row.
    """
    return tuple(
        OpportunityEntry(
            search_id=search_id,
            search_version=version,
            opportunity_id=opportunity_id,
            position=position,
            stage=stage,
            live=live,
        )
        for search_id, version, opportunity_id, position, stage, live in rows
    )


@attrs.frozen
class PreparedWrite:
    """
    One checked write, ready to run: the record it stores and the parameters of its statements.

    Args:
        record: The stored search the write returns.
        statement: The SQL that writes the search (an insert or an update).
        parameters: That statement's parameters (the document encoded).
        opportunities: The rows of its opportunity entries.
    """

    record: StoredSearch
    statement: str
    parameters: dict[str, Any]
    opportunities: list[tuple[Any, ...]]


def prepare_write(statements: Statements, write: Write, sequence: int) -> PreparedWrite:
    """
    Return what to execute for a write whose version was checked, stamped with ``sequence``.

    Args:
        statements: The SQL of the store.
        write: The write.
        sequence: Its change sequence number.

    Returns:
        The prepared write.
    """
    record = StoredSearch(
        id=write.search_id,
        version=write.expected_version + 1,
        sequence=sequence,
        search=write.search,
    )
    parameters = {
        "id": record.id,
        "version": record.version,
        "sequence": record.sequence,
        "document": encode_search(record.search),
    }
    return PreparedWrite(
        record=record,
        statement=statements.insert if write.expected_version == 0 else statements.update,
        parameters=parameters,
        opportunities=[
            (e.search_id, e.position, e.opportunity_id, e.stage, e.live)
            for e in opportunity_entries(record)
        ],
    )
