"""The SQLite backend: writers queued on a file lock, checkpoints outside the commit.

These tests open their own database file through the backend, whatever database the suite
runs on.
"""

from __future__ import annotations

import os
import time

import pytest

from paccto.core.db.sqlite import base
from paccto.core.db.sqlite.base import DatabaseWrapper, open_database_file


@pytest.fixture(autouse=True)
def own_database(django_db_blocker):
    """These tests use a database of their own, not the suite's."""
    with django_db_blocker.unblock():
        yield


ROW = "x" * 20000  # five pages each: 250 commits pass SQLite's own 1000-page trigger


def wrapper(path) -> DatabaseWrapper:
    return open_database_file(str(path), "sqlite-backend-test")


def write(db: DatabaseWrapper) -> None:
    db._start_transaction_under_autocommit()
    assert db._lock_held
    db.connection.execute("INSERT INTO t VALUES (?)", (ROW,))
    db.commit()
    assert not db._lock_held


def test_checkpoints_run_in_a_thread_after_enough_commits_not_inside_them(tmp_path, monkeypatch):
    # No timed rounds during the test: only the commit count may wake the checkpointer.
    monkeypatch.setattr(base, "CHECKPOINT_INTERVAL_SECONDS", 60.0)
    path = tmp_path / "db.sqlite3"
    db = wrapper(path)
    db.ensure_connection()
    try:
        assert db.connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        assert db.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        db.connection.execute("CREATE TABLE t (x TEXT)")
        time.sleep(0.2)  # let the checkpointer's first round pass
        size_before = os.path.getsize(path)
        for _ in range(base.CHECKPOINT_EVERY_COMMITS - 1):
            write(db)
        time.sleep(0.3)
        # SQLite alone would have copied the log back inside a COMMIT by now (1000 pages).
        assert os.path.getsize(path) == size_before
        assert os.path.getsize(f"{path}-wal") > 200 * len(ROW)
        write(db)
        deadline = time.monotonic() + 5
        while os.path.getsize(path) < 200 * len(ROW) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert os.path.getsize(path) > 200 * len(ROW)
        assert db.connection.execute("SELECT count(*) FROM t").fetchone()[0] == (
            base.CHECKPOINT_EVERY_COMMITS
        )
    finally:
        db.close()


def test_a_failed_transaction_releases_the_writer_lock(tmp_path):
    db = wrapper(tmp_path / "db.sqlite3")
    db.ensure_connection()
    try:
        db.connection.execute("CREATE TABLE t (x TEXT)")
        db._start_transaction_under_autocommit()
        assert db._lock_held
        db.rollback()
        assert not db._lock_held
        write(db)  # the lock can be taken again
    finally:
        db.close()
