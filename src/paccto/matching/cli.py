"""``paccto xref LEFT.csv RIGHT.csv --out pairs.csv`` and ``paccto dedupe IN.csv --out
clusters.csv``: cross-referencing on the command line, with no database and no settings."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from paccto.core.collector import no_gc
from paccto.core.progress import ProgressBar
from paccto.matching.forked import WorkerError
from paccto.matching.xref import InputError, dedupe, read_records, write_csv, xref


def _threshold(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError("the threshold is between 0 and 1")
    return number


HOUSEHOLDS = {"auto": None, "yes": True, "no": False}


def _households(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--households",
        choices=tuple(HOUSEHOLDS),
        default="auto",
        help="whether the data holds families living together, so that a shared address, "
        "surname and date of birth with other given names may be a relative (auto: measured "
        "in the files; see the stats' household_share)",
    )


# glibc's allocator asking the kernel for transparent huge pages (glibc 2.35 and later; an
# older one ignores it). On this project's 2-core VM the kernel's time of a 1 000 000 x
# 1 000 000 run went 27-29 -> 20-24 s and its wall time down 1.1-5.6 s in each of six
# alternated pairs (86-113 s); at 500 000 a side the difference was within the noise, at
# 200 000 the run was 0.3-0.6 s slower (more memory zeroed than used). Hence only for large
# files.
HUGE_PAGES = "glibc.malloc.hugetlb=1"
HUGE_PAGE_BYTES = 150_000_000  # the input files' size from which a run restarts with it
THP_SETTING = Path("/sys/kernel/mm/transparent_hugepage/enabled")


def _transparent_huge_pages() -> bool:
    """Whether the kernel gives transparent huge pages to memory that asks for them."""
    try:
        return "[never]" not in THP_SETTING.read_text(encoding="ascii")
    except OSError:
        return False


def _hugetlb() -> str | None:
    """What glibc's allocator was told (by us or by the user: ``glibc.malloc.hugetlb=0``
    keeps a run from restarting) of huge pages, if anything."""
    for tunable in os.environ.get("GLIBC_TUNABLES", "").split(":"):
        name, _, value = tunable.partition("=")
        if name == "glibc.malloc.hugetlb":
            return value
    return None


def _restart_with_huge_pages(paths: list[Path]) -> None:
    """Start this command again, once, with glibc's allocator asking for huge pages
    (``HUGE_PAGES``) where the input files are large. The allocator reads its settings when
    a process starts, so the command line is run again as it was given (``sys.orig_argv``),
    its environment otherwise the same; the worker processes, forked, inherit it."""
    if not sys.platform.startswith("linux") or not sys.executable or _hugetlb() is not None:
        return
    try:
        size = sum(path.stat().st_size for path in paths)
    except OSError:
        return  # the read reports it
    if size < HUGE_PAGE_BYTES or not _transparent_huge_pages():
        return
    tunables = [t for t in os.environ.get("GLIBC_TUNABLES", "").split(":") if t]
    env = dict(os.environ, GLIBC_TUNABLES=":".join([*tunables, HUGE_PAGES]))
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, sys.orig_argv, env)  # noqa: S606 (this very command, again)


def main(argv: list[str], restart: bool = False) -> int:
    """The ``xref`` and ``dedupe`` commands. ``restart``: ``argv`` is this process's own
    command line, which may be run again with other allocator settings
    (``_restart_with_huge_pages``)."""
    parser = argparse.ArgumentParser(prog="paccto", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    x = commands.add_parser("xref", help="link the persons of two CSV files")
    x.add_argument("left", type=Path)
    x.add_argument("right", type=Path)
    x.add_argument("--out", type=Path, required=True)
    x.add_argument("--threshold", type=_threshold, default=0.5)
    x.add_argument("--all", action="store_true", help="every pair, not only the best per left")
    x.add_argument("--stats", type=Path, help="write record and pair counts and timings (JSON)")
    _households(x)
    d = commands.add_parser("dedupe", help="find the duplicates inside one CSV file")
    d.add_argument("input", type=Path)
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--threshold", type=_threshold, default=0.5)
    d.add_argument("--stats", type=Path, help="write record and pair counts and timings (JSON)")
    _households(d)
    args = parser.parse_args(argv)
    if restart:
        _restart_with_huge_pages(
            [args.left, args.right] if args.command == "xref" else [args.input]
        )
    # The cyclic garbage collector off for the whole command, not only around each step: the
    # records live until the end, and each time it came back on it walked them all (and
    # again as they grew older), at 1 000 000 records a side seconds between the steps.
    with no_gc():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    bar = ProgressBar("Comparing", stream=sys.stderr)
    stats: dict[str, float] = {"huge_pages": int(_hugetlb() not in (None, "0"))}
    start = time.perf_counter()
    try:
        if args.command == "xref":
            left, right = read_records(args.left), read_records(args.right)
            stats.update(records=len(left) + len(right), read_seconds=time.perf_counter() - start)
            rows = xref(
                left,
                right,
                args.threshold,
                args.all,
                progress=bar.update,
                stats=stats,
                households=HOUSEHOLDS[args.households],
            )
            write_csv(args.out, ("left_id", "right_id", "score"), rows)
        else:
            records = read_records(args.input)
            stats.update(records=len(records), read_seconds=time.perf_counter() - start)
            write_csv(
                args.out,
                ("id", "cluster_id"),
                dedupe(
                    records,
                    args.threshold,
                    progress=bar.update,
                    stats=stats,
                    households=HOUSEHOLDS[args.households],
                ),
            )
        if args.stats:
            stats["seconds"] = time.perf_counter() - start
            args.stats.write_text(json.dumps(stats), encoding="utf-8")
    except (InputError, OSError) as exc:
        print(f"paccto {args.command}: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    except WorkerError as exc:  # a worker process killed (out of memory?) or failing
        print(f"paccto {args.command}: a worker process failed: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    except KeyboardInterrupt:
        print(f"paccto {args.command}: interrupted", file=sys.stderr)  # noqa: T201
        return 130
    finally:
        bar.finish()
    return 0
