"""
Saves and reads per second of each store, with one writer and with eight.

Run it:  pip install -e adapters/sqlite -e adapters/postgres && python benchmarks/bench_adapters.py

Three stores, timed in this one run on the same sample search: the in-memory store, the
SQLite package on a file in a temporary directory, and the PostgreSQL package on a pool of
8 connections to a server started here with pgserver (as the tests do). "8 writers" are
threads that each write a search of their own (no conflicts: this measures throughput,
not retries); reads are ``get`` of those searches. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

from psycopg_pool import ConnectionPool

import pipeline_core as pc
from pipeline_core.testing import sample_search
from pipeline_core_postgres import PostgresStore
from pipeline_core_sqlite import SQLiteStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "adapters" / "helpers"))
import pg_server


def rate(store: pc.SearchStore, writers: int, operations: int, *, read: bool) -> float:
    """
    Operations per second of ``writers`` threads, each doing ``operations`` on its own search.
    """
    search = sample_search(variant=1)

    def work(number: int) -> None:
        search_id = f"w{writers}-{number}-{'r' if read else 's'}"
        record = store.add(search_id, search)
        barrier.wait()
        for _ in range(operations):
            if read:
                store.get(search_id)
            else:
                record = store.save(search_id, search, expected_version=record.version)

    barrier = threading.Barrier(writers + 1)
    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return writers * operations / (time.perf_counter() - start)


def row(name: str, store: pc.SearchStore, operations: int) -> str:
    figures = [
        rate(store, writers, operations // writers, read=read)
        for read in (False, True)
        for writers in (1, 8)
    ]
    return f"| {name} | " + " | ".join(f"{figure:,.0f}" for figure in figures) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--operations", type=int, default=800, help="per figure (default 800)")
    operations = parser.parse_args().operations
    print("| store | saves/s, 1 writer | saves/s, 8 writers | reads/s, 1 | reads/s, 8 |")
    print("|---|---|---|---|---|")
    print(row("in-memory", pc.InMemoryStore(), operations))
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "b.db") as store:
        print(row("SQLite (file, WAL)", store, operations))
    url, stop = pg_server.start()
    try:
        with ConnectionPool(url, min_size=8, max_size=8) as pool:
            print(row("PostgreSQL (pool of 8)", PostgresStore(pool, schema="bench"), operations))
    finally:
        stop()


if __name__ == "__main__":
    main()
