"""paccto xref / dedupe: CSV in, CSV out, no database."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paccto.matching.xref import InputError, candidate_pairs, dedupe, read_records, xref

LEFT = """id,full_name,date_of_birth,gender,nationality,document_number
L1,José Luis García Márquez,1970-03-14,M,CO,79.123.456
L2,Ana Beatriz dos Santos Silva,1990-11-02,F,BR,
L3,Carlos Andrés Pérez Gómez,2001-01-05,M,VE,
L4,Pedro Alonso Ruiz,1980-02-02,M,ES,
"""
RIGHT = """id,given_name,surname,second_surname,date_of_birth,gender,extra
R1,Jose Luis,Garcia,Marquez,1970-03-14,M,ignored
R2,Ana Beatriz,Santos,,1990-11-02,F,
R3,Juan David,Pérez,Gómez,2001-01-05,M,
R9,Lucía,Fernández,Castro,1999-09-09,F,
"""


@pytest.fixture
def files(tmp_path):
    left, right = tmp_path / "left.csv", tmp_path / "right.csv"
    left.write_text(LEFT, encoding="utf-8")
    right.write_text(RIGHT, encoding="latin-1", errors="replace")
    return left, right


def test_xref_finds_the_same_persons_and_not_the_twin_or_the_stranger(files):
    left, right = (read_records(p) for p in files)
    pairs = {(a, b) for a, b, _ in xref(left, right, threshold=0.5)}
    assert pairs == {("L1", "R1"), ("L2", "R2")}


def test_latin1_files_are_read(files):
    right = read_records(files[1])
    assert right[2].surname == "Pérez"


def test_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,full_name\n1,A B\n1,C D\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate id"):
        read_records(path)


def test_dedupe_clusters_duplicates(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "id,full_name,date_of_birth\n"
        "a,Francisco Javier Vázquez Ruiz,1982-05-09\n"
        "b,Sofía Morales Vega,1979-02-03\n"
        "c,Paco Vasquez Ruiz,1982-09-05\n"
        "d,Daniela Morales Vega,1983-12-19\n",
        encoding="utf-8",
    )
    clusters = dict(dedupe(read_records(path)))
    assert clusters == {"a": "a", "b": "b", "c": "a", "d": "d"}


def test_blocking_keeps_the_true_pairs(files):
    left, right = (read_records(p) for p in files)
    assert (0, 0) in candidate_pairs(left, right) and (1, 1) in candidate_pairs(left, right)


def test_the_command_line_needs_no_database_or_settings(files, tmp_path):
    out = tmp_path / "pairs.csv"
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "paccto",
            "xref",
            str(files[0]),
            str(files[1]),
            "--out",
            str(out),
            "--threshold",
            "0.5",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["left_id", "right_id", "score"]
    assert {(r[0], r[1]) for r in rows[1:]} == {("L1", "R1"), ("L2", "R2")}
    assert all(0.5 <= float(r[2]) <= 1.0 for r in rows[1:])
    assert not (Path(tmp_path) / ".local").exists(), "no data directory was created"
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "paccto",
            "xref",
            str(files[0]),
            str(tmp_path / "missing.csv"),
            "--out",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "missing.csv" in bad.stderr
