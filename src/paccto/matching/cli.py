"""``paccto xref LEFT.csv RIGHT.csv --out pairs.csv`` and ``paccto dedupe IN.csv --out
clusters.csv``: cross-referencing on the command line, with no database and no settings."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from paccto.core.progress import ProgressBar
from paccto.matching.forked import WorkerError
from paccto.matching.xref import InputError, dedupe, read_records, write_csv, xref


def _threshold(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError("the threshold is between 0 and 1")
    return number


HOUSEHOLDS = {"auto": None, "yes": True, "no": False}
LARGE_RUN = 200_000  # records from which the command keeps the memory it frees (below)


def keep_freed_memory() -> bool:
    """Tell the C library (glibc's ``mallopt``) to keep the memory it frees for the next
    allocations: arrays up to 32 MiB from its heap rather than mapped apart, and the heap
    not handed back to the system. A large run makes and drops many arrays of tens of
    megabytes; memory freshly given by the system costs a page fault and zeroing a page
    (and on a virtual machine that hands free memory back to its host, more: see
    docs/operations.md), memory kept does not. 1 000 000 x 1 000 000, two alternated
    pairs: 67.0 / 68.8 -> 63.6 / 65.8 s, peak 5.27 -> 5.45 GiB. Only for the command: a
    long-lived process would keep its peak. Whether it was done (not on another C
    library)."""
    try:
        import ctypes  # only for large runs: its import costs a small run's time

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    trim_threshold, top_pad, mmap_threshold = -1, -2, -3  # glibc's M_ options
    return bool(
        mallopt(mmap_threshold, 32 << 20)
        and mallopt(trim_threshold, (1 << 31) - 1)
        and mallopt(top_pad, 256 << 20)
    )


def _households(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--households",
        choices=tuple(HOUSEHOLDS),
        default="auto",
        help="whether the data holds families living together, so that a shared address, "
        "surname and date of birth with other given names may be a relative (auto: measured "
        "in the files; see the stats' household_share)",
    )


def main(argv: list[str]) -> int:
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
    bar = ProgressBar("Comparing", stream=sys.stderr)
    stats: dict[str, float] = {}
    start = time.perf_counter()
    try:
        if args.command == "xref":
            left, right = read_records(args.left), read_records(args.right)
            stats.update(records=len(left) + len(right), read_seconds=time.perf_counter() - start)
            if len(left) + len(right) >= LARGE_RUN:
                keep_freed_memory()
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
            if len(records) >= LARGE_RUN:
                keep_freed_memory()
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
