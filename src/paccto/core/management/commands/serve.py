"""Serve the platform: gunicorn (production WSGI server), the task worker, and a clock
that asks the worker to sign an audit checkpoint every few minutes and to run the exchange
clock (reminders and escalations of requests) every minute. One process tree, stopped
together."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform with gunicorn and the background worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
        parser.add_argument("--threads", type=int, default=1)
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the task worker."
        )
        parser.add_argument("--checkpoint-every", type=int, default=300, help="Seconds.")
        parser.add_argument(
            "--exchange-clock-every",
            type=int,
            default=60,
            help="Seconds between passes of the exchange clock.",
        )

    def handle(self, *args, **options):
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)  # new release: new files
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE
            ),
        }
        children = [
            subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "paccto.config.wsgi:application",
                    "--bind",
                    f"{options['host']}:{options['port']}",
                    "--workers",
                    str(options["workers"]),
                    "--threads",
                    str(options["threads"]),
                    "--access-logfile",
                    "-" if options["verbosity"] > 1 else "/dev/null",
                    "--graceful-timeout",
                    "10",
                    "--limit-request-line",
                    "8190",
                    # One hit/no-hit index built by the master, shared by the workers.
                    *(["--preload"] if settings.PACCTO_HITS_WARM else []),
                ],
                env=env,
            )
        ]
        if not options["no_worker"]:
            children.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "paccto",
                        "db_worker",
                        "--queue-name",
                        "*",
                        "--interval",
                        "1",
                        "--verbosity",
                        "0",
                    ],
                    env=env,
                )
            )

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        next_checkpoint = time.monotonic() + options["checkpoint_every"]
        # Protection orders past their validity are marked expired, hourly.
        next_expiry = time.monotonic() + 60
        next_exchange_clock = time.monotonic() + options["exchange_clock_every"]
        failed = False
        try:
            while not stopping:
                if any(child.poll() is not None for child in children):
                    self.stderr.write("A child process stopped; stopping the platform.")
                    failed = True
                    break
                if not options["no_worker"] and time.monotonic() >= next_checkpoint:
                    from paccto.audit.tasks import audit_checkpoint_task

                    audit_checkpoint_task.enqueue()
                    next_checkpoint = time.monotonic() + options["checkpoint_every"]
                if not options["no_worker"] and time.monotonic() >= next_expiry:
                    from paccto.protection.tasks import protection_expire_task

                    protection_expire_task.enqueue()
                    next_expiry = time.monotonic() + 3600
                if not options["no_worker"] and time.monotonic() >= next_exchange_clock:
                    from paccto.exchange.tasks import exchange_clock_task

                    exchange_clock_task.enqueue()
                    next_exchange_clock = time.monotonic() + options["exchange_clock_every"]
                time.sleep(0.5)
        finally:
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        if failed:
            raise SystemExit(1)
