"""The ``paccto`` command: the project's management entry point.

``paccto migrate``, ``paccto seed-demo``, ``paccto audit verify``, ``paccto serve``... Any
Django management command works, with hyphens or underscores. Without settings it runs on the
embedded SQLite database in the data directory.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    own = argv is None  # this process's command line (which xref may run again)
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in ("xref", "dedupe"):
        # Cross-referencing needs no database and no settings: no Django at all. Nor
        # OpenBLAS's threads, which numpy starts when it is imported and which then spin
        # for their work (none: the engine does no linear algebra) on both cores: 0.1 s of
        # CPU time a run, a FEBRL-sized run's first stages slowed by it. Set before numpy
        # is imported; a value the user set is kept.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from paccto.matching.cli import main as matching_main

        code = matching_main(argv[1:], restart=own)
        # Out at once, without the interpreter's teardown of every record and table (about
        # 30 ms of a FEBRL-sized run, median of nine): the files are written and closed and
        # the worker processes gone by now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paccto.config.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if len(argv) > 1 and argv[1] == "runserver":
        import django

        from paccto.core.staticfiles import static_ensure_collected

        django.setup()
        static_ensure_collected()
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
