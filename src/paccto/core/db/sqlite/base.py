"""SQLite with one writer at a time, queued by the kernel instead of SQLite's busy loop, and
write-ahead-log checkpoints taken out of that queue.

SQLite allows one write transaction at a time. When several server processes write at once,
SQLite's busy handler makes the losers sleep and retry (1, 2, 5, 10... up to 100 ms), which
wrecks latency under load. Here each write transaction first takes an exclusive ``flock`` on
a file beside the database: waiting writers sleep in the kernel and wake the moment the lock
is free, in turn. Reads (WAL) are never blocked.

Checkpoints copy the write-ahead log back into the database file and fsync it. SQLite runs
them inside the COMMIT that pushes the log past 1000 pages, while that writer (and so every
writer queued behind the lock) waits for the disk: with every page view audited, that showed
as rare stalls of a few hundred milliseconds. Connections therefore turn automatic
checkpoints off (``PRAGMA wal_autocheckpoint=0``) and each process runs a ``Checkpointer``
thread with its own connection: a passive checkpoint (which never blocks readers or writers)
once a second, and at once after every ``CHECKPOINT_EVERY_COMMITS`` commits of the process.
The trigger counts commits, not the log's file size, which stays large after the log
restarts.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.sqlite3 import base

CHECKPOINT_EVERY_COMMITS = 250
CHECKPOINT_INTERVAL_SECONDS = 1.0
RESTART_FRAMES = 4000  # about 16 MiB of log


@contextmanager
def writer_lock(path: str) -> Iterator[None]:
    """The exclusive lock every write transaction takes first (see ``DatabaseWrapper``)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


class Checkpointer:
    """A daemon thread of this process that runs passive checkpoints on one database file."""

    _instances: dict[tuple[int, str], Checkpointer] = {}
    _instances_lock = threading.Lock()

    def __init__(self, path: str) -> None:
        self.path = path
        self.commits = 0
        self.wake = threading.Event()
        self.thread = threading.Thread(target=self._run, name="sqlite-checkpointer", daemon=True)
        self.thread.start()

    @classmethod
    def for_path(cls, path: str) -> Checkpointer:
        # Keyed by process id too: threads do not survive a fork (gunicorn --preload).
        key = (os.getpid(), path)
        checkpointer = cls._instances.get(key)
        if checkpointer is None:
            with cls._instances_lock:
                checkpointer = cls._instances.get(key)
                if checkpointer is None:
                    checkpointer = cls._instances[key] = cls(path)
        return checkpointer

    def committed(self) -> None:
        self.commits += 1
        if self.commits % CHECKPOINT_EVERY_COMMITS == 0:
            self.wake.set()

    def checkpoint(self) -> None:
        # A connection per round: the file may have been replaced (tests, a restore), and
        # mode=rw never creates one.
        try:
            connection = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True, timeout=0)
        except sqlite3.Error:
            return
        try:
            _busy, log_frames, _done = connection.execute(
                "PRAGMA wal_checkpoint(PASSIVE)"
            ).fetchone()
            if log_frames > RESTART_FRAMES:
                # Under steady writes a checkpoint outside the lock never catches up with
                # the log, which then never restarts. The bulk is copied now; the rest is
                # copied with writers held back, so the next writer starts a new log.
                with writer_lock(f"{self.path}.writelock"):
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            pass  # busy: the next round tries again
        finally:
            connection.close()

    def _run(self) -> None:
        while True:
            self.wake.wait(CHECKPOINT_INTERVAL_SECONDS)
            self.wake.clear()
            self.checkpoint()


class DatabaseWrapper(base.DatabaseWrapper):
    _lock_fd: int | None = None
    _lock_held = False

    def _lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name:
            return None
        return f"{name}.writelock"

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if self._lock_path() is not None:
            connection.execute("PRAGMA wal_autocheckpoint=0")
            Checkpointer.for_path(str(self.settings_dict["NAME"]))
        return connection

    def _acquire_write_lock(self) -> None:
        path = self._lock_path()
        if path is None or self._lock_held:
            return
        if self._lock_fd is None:
            self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        self._lock_held = True

    def _release_write_lock(self) -> None:
        if self._lock_held and self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            self._lock_held = False

    def _start_transaction_under_autocommit(self) -> None:
        self._acquire_write_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> None:
        held = self._lock_held
        try:
            super()._commit()
        finally:
            self._release_write_lock()
        if held:
            Checkpointer.for_path(str(self.settings_dict["NAME"])).committed()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._release_write_lock()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None


def open_database_file(path: str, alias: str) -> DatabaseWrapper:
    """A connection wrapper on a database file of one's own, with the platform's SQLite
    settings, outside the configured connections (benchmarks and tests of this backend)."""
    from django.conf import settings

    return DatabaseWrapper(
        {
            "ENGINE": "paccto.core.db.sqlite",
            "NAME": path,
            "OPTIONS": settings.SQLITE_OPTIONS,
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        },
        alias=alias,
    )
