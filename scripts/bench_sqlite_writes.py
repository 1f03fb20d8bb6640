"""Write-transaction latency of the SQLite backend, with and without its checkpointer.

Three processes each commit small transactions (one row of about 1 KiB, like an audit entry)
through ``paccto.core.db.sqlite`` on one database file, a few milliseconds apart, and the
latency of every transaction (lock, BEGIN, INSERT, COMMIT) is recorded. ``--mode sqlite``
leaves checkpoints to SQLite (inside the COMMIT that passes 1000 pages of log, with the
writer lock held); ``--mode paccto`` is the platform's backend (checkpoints in a thread of
each process, outside the lock). Prints p50, p99, p99.9 and max, and the size of the log
at the end.

    .venv/bin/python scripts/bench_sqlite_writes.py --mode sqlite
    .venv/bin/python scripts/bench_sqlite_writes.py --mode paccto
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def writer(path: str, mode: str, transactions: int, queue: multiprocessing.Queue) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paccto.config.settings")
    import django

    django.setup()
    from paccto.core.db.sqlite import base

    if mode == "sqlite":  # the backend without its own checkpoints
        base.DatabaseWrapper.get_new_connection = base.base.DatabaseWrapper.get_new_connection
    db = base.open_database_file(path, "bench")
    db.ensure_connection()
    latencies = []
    for _ in range(transactions):
        start = time.perf_counter()
        db._start_transaction_under_autocommit()
        db.connection.execute("INSERT INTO entry (body) VALUES (?)", (os.urandom(512).hex(),))
        db.commit()
        latencies.append(time.perf_counter() - start)
        time.sleep(0.004)
    db.close()
    queue.put(latencies)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["sqlite", "paccto"], default="paccto")
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--transactions", type=int, default=3000, help="per process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="paccto-sqlite-bench-") as tmp:
        os.environ["PACCTO_DATA_DIR"] = tmp
        path = str(Path(tmp) / "bench.sqlite3")
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("CREATE INDEX entry_body ON entry (body)")
        connection.commit()
        connection.close()
        queue: multiprocessing.Queue = multiprocessing.Queue()
        processes = [
            multiprocessing.Process(target=writer, args=(path, args.mode, args.transactions, queue))
            for _ in range(args.processes)
        ]
        started = time.monotonic()
        for process in processes:
            process.start()
        latencies = sorted(t for _ in processes for t in queue.get())
        for process in processes:
            process.join()
        wall = time.monotonic() - started
        n = len(latencies)

        def ms(q: float) -> str:
            return f"{latencies[min(n - 1, int(n * q))] * 1000:.2f} ms"

        wal_path = Path(f"{path}-wal")  # removed by the last connection to close
        wal = wal_path.stat().st_size / 2**20 if wal_path.exists() else 0.0
        print(
            f"{args.mode}: {n} transactions in {wall:.1f} s; p50 {ms(0.5)}, p99 {ms(0.99)}, "
            f"p99.9 {ms(0.999)}, max {latencies[-1] * 1000:.1f} ms; log {wal:.1f} MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
