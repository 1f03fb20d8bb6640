"""A real PAcCTO server in its own processes (gunicorn), for durability tests and benchmarks.

It gets its own data directory and database (a fresh SQLite file, or a fresh database on the
PostgreSQL server named by DATABASE_URL), demo accounts, and API tokens.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Debian's Chromium, headless, without the background services that try to reach the
# internet (this machine's network is closed).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_postgres_url(base_url: str, name: str) -> str:
    """Create (or recreate) database ``name`` on the server of ``base_url``."""
    import psycopg

    parts = urlsplit(base_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


class PlatformServer:
    def __init__(
        self,
        data_dir: Path,
        database_url: str | None = None,
        workers: int = 4,
        threads: int = 1,
        gunicorn_args: tuple[str, ...] = (),
        start_timeout: float = 30,
    ):
        self.gunicorn_args = gunicorn_args
        self.start_timeout = start_timeout
        self.data_dir = data_dir
        self.threads = threads
        self.port = free_port()
        self.workers = workers
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PACCTO_", "DJANGO_"))}
        self.env.update(
            {
                "PACCTO_DATA_DIR": str(data_dir),
                "PACCTO_DEMO": "1",
                "PACCTO_SECURE": "0",
                "PACCTO_REQUIRE_MFA": "0",
                "DJANGO_SETTINGS_MODULE": "paccto.config.settings",
                "PACCTO_AUDIT_CHECKPOINT_EVERY": "0",
            }
        )
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def paccto(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "paccto", *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"paccto {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def prepare(self) -> None:
        self.paccto("migrate", "--noinput", "-v", "0")
        self.paccto("collectstatic", "--noinput", "-v", "0")
        self.paccto("seed-demo")

    def token(self, username: str, scope: str = "read") -> str:
        return self.paccto("create-token", username, "--scope", scope, "--days", "1").strip()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "paccto.config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--access-logfile",
                "/dev/null",
                "--error-logfile",
                "-",
                "--log-level",
                "warning",
                *self.gunicorn_args,
            ],
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise RuntimeError("the server did not start")

    def kill(self) -> None:
        """kill -9 the whole server: master and workers, mid-request."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


class TemporaryPostgres:
    """A throwaway PostgreSQL 15 cluster on a free loopback port (initdb in a temp dir)."""

    PGBIN = Path("/usr/lib/postgresql/15/bin")

    def __init__(self, workdir: Path, durable: bool = True) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.durable = durable

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True)

    @property
    def url(self) -> str:
        return f"postgres://paccto@127.0.0.1:{self.port}/paccto"

    @property
    def socket_url(self) -> str:
        """The same server through its Unix socket (what a same-machine install uses)."""
        from urllib.parse import quote

        return f"postgres://paccto@{quote(str(self.workdir), safe='')}:{self.port}/paccto"

    def __enter__(self) -> TemporaryPostgres:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # The server runs as the postgres user: it must reach its directory.
            for parent in self.workdir.parents:
                if parent == Path(tempfile.gettempdir()):
                    break
                parent.chmod(parent.stat().st_mode | 0o711)
            shutil.chown(self.workdir, "postgres", "postgres")
        data = self.workdir / "data"
        self._run(
            str(self.PGBIN / "initdb"),
            "-D",
            str(data),
            "-U",
            "paccto",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = f"-p {self.port} -k {self.workdir} -c listen_addresses=127.0.0.1"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off"
        self._run(
            str(self.PGBIN / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.workdir / "server.log"),
            "-w",
            "-o",
            options,
            "start",
        )
        fresh_postgres_url(self.url, "paccto")
        return self

    def __exit__(self, *exc: object) -> None:
        self._run(
            str(self.PGBIN / "pg_ctl"), "-D", str(self.workdir / "data"), "-m", "fast", "stop"
        )
