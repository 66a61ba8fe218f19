"""
Keep searches in SQLite with the ``pipeline-core-sqlite`` package.

Run it:  pip install -e adapters/sqlite && python examples/sqlite_package.py

It saves a search to a database file in a temporary directory, reloads it
through a second store, shows a stale save being refused, and lists what
changed: everything ``examples/sqlite_store.py`` shows, with the adapter
installed instead of copied.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pipeline_core as pc
from pipeline_core.storage import update_search
from pipeline_core_sqlite import SCHEMA_VERSION, SQLiteStore

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
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "searches.db"
        with SQLiteStore(path) as store:
            print(f"A SQLite store at schema version {SCHEMA_VERSION} (WAL mode, busy timeout).")
            record = store.add("ada", pc.Search.from_dict(DEMO))
            print(f"Saved 'ada': version {record.version}, change #{record.sequence}.")

        with SQLiteStore(path) as store:
            stale = store.get("ada")
            print(f"Reloaded by a second store: equal to what was saved: {stale == record}.")

            screened = pc.Advanced(
                at=dt.datetime(2026, 9, 21, 15, tzinfo=dt.UTC), stage="screening"
            )
            saved = update_search(store, "ada", lambda search: search.record("acme-ops", screened))
            print(f"update_search saved version {saved.version}, change #{saved.sequence}.")
            try:
                store.save("ada", stale.search, expected_version=stale.version)
            except pc.ConflictError as conflict:
                print(f"A save from the stale copy was refused: {conflict}")
            changed = [entry.id for entry in store.changed_since(record.sequence)]
            print(f"Changed since #{record.sequence}: {changed}")


if __name__ == "__main__":
    main()
