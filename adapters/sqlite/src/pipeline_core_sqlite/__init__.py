"""
pipeline-core-sqlite: a pipeline_core ``SearchStore`` in one SQLite database file.

::

    from pipeline_core_sqlite import SQLiteStore

    with SQLiteStore("searches.db") as store:
        record = store.add("ada", search)

See :class:`SQLiteStore` and the how-to :doc:`/how-to/sqlite-store`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from pipeline_core_sqlite.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
from pipeline_core_sqlite.store import SQLiteStore

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SQLiteStore", "migrate", "schema_version"]
