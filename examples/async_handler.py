"""
A FastAPI-style async handler over an async store, run without a web framework.

Run it:  python examples/async_handler.py

``record_application`` is what a FastAPI, Starlette or Litestar endpoint
would call: it awaits the store, and :func:`update_search_async` re-applies
the change when another request saved the search first. Here two "requests"
arrive at once, on the async in-memory store; in production, pass an
``AsyncPostgresStore`` (``pipeline-core-postgres``) opened on a
``psycopg_pool.AsyncConnectionPool`` at start-up, and nothing else changes.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pipeline_core as pc
from pipeline_core.aio import AsyncInMemoryStore, AsyncSearchStore, update_search_async


async def record_application(
    store: AsyncSearchStore, search_id: str, payload: dict[str, str]
) -> dict[str, object]:
    """
    The handler: add one application to a stored search, and answer with its new version.
    """
    opportunity = pc.Opportunity.from_dict(
        {
            "id": payload["id"],
            "organization": payload["organization"],
            "title": payload["title"],
            "source": "job_board",
            "events": [{"type": "applied", "at": payload["at"]}],
        }
    )
    saved = await update_search_async(store, search_id, lambda search: search.add(opportunity))
    return {"search": search_id, "version": saved.version, "opportunities": len(saved.search)}


async def main() -> None:
    store = AsyncInMemoryStore()
    await store.add("ada", pc.Search())
    at = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC).isoformat()
    requests = [
        {"id": "acme-pm", "organization": "Acme", "title": "Product Manager", "at": at},
        {"id": "globex-ops", "organization": "Globex", "title": "Ops Lead", "at": at},
    ]
    answers = await asyncio.gather(*(record_application(store, "ada", r) for r in requests))
    for answer in answers:
        print(f"200 OK {answer}")
    final = await store.get("ada")
    print(f"Stored: version {final.version}, {sorted(o.id for o in final.search.opportunities)}")


if __name__ == "__main__":
    asyncio.run(main())
