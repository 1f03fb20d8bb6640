"""paccto xref / dedupe: CSV in, CSV out, no database."""

import csv
import dataclasses
import itertools
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from paccto.matching import xref as xref_module
from paccto.matching.compare import PersonRecord, compare_persons
from paccto.matching.forked import WorkerError
from paccto.matching.xref import (
    InputError,
    block_keys,
    candidate_pairs,
    dedupe,
    read_records,
    score_pairs,
    xref,
)

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


def test_unreadable_csv_is_refused_clearly(tmp_path):
    path = tmp_path / "huge.csv"
    huge = "x" * (csv.field_size_limit() + 1)
    path.write_text(f'id,full_name\n1,"{huge}"\n', encoding="utf-8")
    with pytest.raises(InputError, match="not a readable CSV file: field larger"):
        read_records(path)
    path.write_text("id,full_name\r1,Ana Silva\r2,Rui Costa\r", encoding="utf-8")
    assert [r.full_name for r in read_records(path)] == ["Ana Silva", "Rui Costa"]


def test_a_quote_left_open_is_refused_with_its_line(tmp_path):
    """A quoted field never closed would swallow every row after it: refused, with the line
    the reading stopped at; quoted fields over several lines are read, and the line of a
    duplicate id is the file's line."""
    path = tmp_path / "open.csv"
    path.write_text('id,full_name\n1,"Ana Silva\n2,Rui Costa\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3: .*unexpected end of data"):
        read_records(path)
    path.write_text('id,address\n1,"Rua A\nLisboa"\n\n1,Rua B\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 5: duplicate id '1'"):
        read_records(path)
    path.write_text('id,address\n1,"Rua A\nLisboa"\n2,Rua B\n', encoding="utf-8")
    assert [r.address for r in read_records(path)] == ["Rua A\nLisboa", "Rua B"]


def test_files_with_semicolons_or_tabs_are_read(tmp_path):
    """Spreadsheets set up for French, Spanish, Italian, Portuguese or Dutch save CSV with
    semicolons (in Latin-1, with CRLF line ends); others use tabs (Excel's "Unicode text" in
    UTF-16). The header row tells which: the records are the same as from commas."""
    expected = [
        PersonRecord(id="1", full_name="Ana Ruiz Pérez", date_of_birth="1980-07-15"),
        PersonRecord(id="2", full_name="José Gómez, hijo", date_of_birth="1975-01-31"),
    ]
    path = tmp_path / "people.csv"
    for text, encoding in (
        ('id;full_name;date_of_birth\r\n1;Ana Ruiz Pérez;15/07/1980\r\n'
         '2;"José Gómez, hijo";1975-01-31\r\n', "latin-1"),
        ('id\tfull_name\tdate_of_birth\n1\tAna Ruiz Pérez\t1980-07-15\n'
         '2\tJosé Gómez, hijo\t1975-01-31\n', "utf-8"),
        ('\ufeffid,full_name,date_of_birth\n1,Ana Ruiz Pérez,1980-07-15\n'
         '2,"José Gómez, hijo",1975-01-31\n', "utf-8"),
        ('id\tfull_name\tdate_of_birth\r\n1\tAna Ruiz Pérez\t1980-07-15\r\n'
         '2\tJosé Gómez, hijo\t1975-01-31\r\n', "utf-16"),  # Excel's "Unicode text"
    ):  # fmt: skip
        path.write_bytes(text.encode(encoding))
        assert read_records(path) == expected


def test_a_file_that_writes_h_for_men_reads_its_m_as_women(tmp_path):
    """Mexico's CURP and Spain's statistics write H (hombre) and M (mujer): in such a file
    M is a woman; elsewhere M is a man, as most files mean it."""
    from paccto.matching.compare import sex_code

    path = tmp_path / "people.csv"
    path.write_text("id,full_name,gender\n1,Ana Ruiz,M\n2,Luis Ruiz,H\n3,Eva Ruiz,m \n")
    assert [sex_code(r.gender) for r in read_records(path)] == ["f", "m", "f"]
    path.write_text("id,full_name,gender\n1,Ana Ruiz,M\n2,Luis Ruiz,Hombre\n3,Rui Costa,homem\n")
    assert [sex_code(r.gender) for r in read_records(path)] == ["f", "m", "m"]
    path.write_text("id,full_name,gender\n1,Ana Ruiz,F\n2,Luis Ruiz,M\n3,Rui Costa,Varón\n")
    assert [sex_code(r.gender) for r in read_records(path)] == ["f", "m", "m"]  # M: masculino
    path.write_text("id,full_name,gender\n1,Ana Ruiz,M\n2,Luis Ruiz,Varón\n3,Eva Ruiz,Mujer\n")
    assert [sex_code(r.gender) for r in read_records(path)] == ["f", "m", "f"]  # M: mujer
    path.write_text("id,full_name,gender\n1,Ana Ruiz,Femenino\n2,Luis Ruiz,M\n3,Rui,Varón\n")
    assert [sex_code(r.gender) for r in read_records(path)] == ["f", "m", "m"]
    path.write_text("id,full_name,gender\n1,Ana Ruiz,F\n2,Luis Ruiz,M\n3,Rui Costa,\n")
    assert [sex_code(r.gender) for r in read_records(path)] == ["f", "m", ""]
    # with the label written before each (a review's find: its M stayed a man)
    path.write_text("id,full_name,gender\n1,Ana Ruiz,Sexo: M\n2,Luis Ruiz,Sexo: H\n")
    assert [sex_code(r.gender) for r in read_records(path)] == ["f", "m"]


def test_a_file_that_writes_m_and_v_reads_them_by_its_nationalities(tmp_path):
    """M and V are man and vrouw in Dutch registers: a file of mostly Dutch-speaking
    nationalities (codes or words) reads V as a woman. V is varón and M mujer in Spanish
    registers, and a Dutch register of foreigners is no Spanish one: in other files, files
    without nationalities or half Dutch, M and V are read as neither; in files with a
    letter or word read as a woman, M is a man and V neither (``compare.sex_code``)."""
    from paccto.matching.compare import sex_code

    path = tmp_path / "people.csv"

    def sexes(rows):
        path.write_text("id,full_name,gender,nationality\n" + "".join(
            f"{k},Name {k},{sex},{nationality}\n" for k, (sex, nationality) in enumerate(rows)
        ))  # fmt: skip
        return [sex_code(r.gender) for r in read_records(path)]

    assert sexes([("V", "NL"), ("M", "NLD"), ("v", "SR"), ("V", "COL")]) == ["f", "m", "f", "f"]
    words = [("V", "Nederlandse"), ("M", "Belgische"), ("V", "Nederlander")]
    assert sexes(words) == ["f", "m", "f"]
    assert sexes([("M", "ES"), ("V", "ES"), ("m", "")]) == ["", "", ""]  # mujer, varón?
    assert sexes([("M", "COL"), ("V", "Colombiaanse"), ("V", "NL")]) == ["", "", ""]
    assert sexes([("M", ""), ("V", "")]) == ["", ""]
    assert sexes([("M", "NL"), ("V", "ES")]) == ["", ""]  # half: no majority
    assert sexes([("M", "ES"), ("Varón", "ES")]) == ["f", "m"]  # as H for hombre
    assert sexes([("M", "NL"), ("V", "NL"), ("W", "NL")]) == ["m", "", "f"]
    assert sexes([("M", "NL"), ("V", "NL"), ("Femenino", "NL")]) == ["m", "", "f"]
    assert sexes([("M", "Genovia"), ("V", "Wakanda")]) == ["", ""]  # a word not known


def test_a_file_without_any_known_column_is_refused(tmp_path):
    """Nothing to compare is an error, not an empty result that looks like no match."""
    path = tmp_path / "other.csv"
    path.write_text("nombre;apellido\nAna;Ruiz\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column of the header row has a known name"):
        read_records(path)


def test_rows_are_read_field_by_field_short_long_and_blank_alike(tmp_path):
    """Headers in any case and order (the last of two equal ones counts), cells trimmed,
    missing cells empty, extra cells ignored, a row without id numbered by its place."""
    path = tmp_path / "rows.csv"
    path.write_text(
        " Surname ,ID,given_name,other,surname\n"
        "x, a1 , Ana ,o,Rojas \n"
        "\n"
        "y,,Rui\n"
        "z,c3,Eva,o,Vega,more,cells\n",
        encoding="utf-8",
    )
    assert read_records(path) == [
        PersonRecord(id="a1", given_name="Ana", surname="Rojas"),
        PersonRecord(id="2", given_name="Rui"),
        PersonRecord(id="c3", given_name="Eva", surname="Vega"),
    ]


@pytest.mark.parametrize("empty_side", ["left", "right"])
def test_a_file_with_no_record_against_a_large_one_links_nothing(monkeypatch, empty_side):
    """A file of its header alone against one large enough for both cores (from
    ``PARALLEL_RECORDS``): no pair, no crash; deduplicated alone, each record its own."""
    monkeypatch.setattr(xref_module, "PARALLEL_RECORDS", 2)
    records = [PersonRecord(f"p{k}", given_name="Ana", surname=f"Quispe{k}") for k in range(6)]
    sides = (records, []) if empty_side == "right" else ([], records)
    assert xref(*sides, workers=2) == []
    assert xref(*sides, all_pairs=True, workers=2) == []
    assert dedupe([], workers=2) == []


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


class _Restarted(Exception):
    pass


def test_large_files_restart_the_command_once_with_huge_pages(files, tmp_path, monkeypatch):
    """From ``HUGE_PAGE_BYTES`` of input the command runs itself again, as it was given,
    with glibc's allocator asking for huge pages; the other tunables are kept. Not when it
    was told already, not for small files, not when called as a function."""
    from paccto.matching import cli

    calls = []

    def execve(path, argv, env):
        calls.append((path, argv, env))
        raise _Restarted

    monkeypatch.setattr(os, "execve", execve)
    monkeypatch.setattr(cli, "_transparent_huge_pages", lambda: True)
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")
    out = tmp_path / "out.csv"
    command = ["xref", str(files[0]), str(files[1]), "--out", str(out)]
    size = sum(p.stat().st_size for p in files)
    monkeypatch.setattr(cli, "HUGE_PAGE_BYTES", size)
    with pytest.raises(_Restarted):
        cli.main(command, restart=True)
    ((path, argv, env),) = calls
    assert path == sys.executable and argv == sys.orig_argv
    assert env["GLIBC_TUNABLES"] == "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"
    assert env["PATH"] == os.environ["PATH"]
    assert not out.exists()
    # Below the size, as a function, or told already: it runs here.
    monkeypatch.setattr(cli, "HUGE_PAGE_BYTES", size + 1)
    assert cli.main(command, restart=True) == 0
    monkeypatch.setattr(cli, "HUGE_PAGE_BYTES", size)
    assert cli.main(command) == 0
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0")
    assert cli.main(["dedupe", str(files[0]), "--out", str(out)], restart=True) == 0
    # Not where the kernel gives no huge pages.
    monkeypatch.delenv("GLIBC_TUNABLES")
    monkeypatch.setattr(cli, "_transparent_huge_pages", lambda: False)
    assert cli.main(command, restart=True) == 0
    assert len(calls) == 1


def test_a_restarted_command_links_as_it_would_have(files, tmp_path):
    """The real restart: the process runs again with huge pages asked for (its stats say
    so), and writes the same pairs."""
    found = {}
    for size in ("0", "10**12"):
        out, stats = tmp_path / f"{size}.csv", tmp_path / f"{size}.json"
        code = (
            "from paccto.matching import cli; "
            f"cli.HUGE_PAGE_BYTES = {size}; cli._transparent_huge_pages = lambda: True; "
            "from paccto.cli import main; main()"
        )
        env = {k: v for k, v in os.environ.items() if k != "GLIBC_TUNABLES"}
        options = ["--out", str(out), "--stats", str(stats)]
        result = subprocess.run(
            [sys.executable, "-c", code, "xref", *map(str, files), *options],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        found[size] = (out.read_text(encoding="utf-8"), json.loads(stats.read_text())["huge_pages"])
    assert found["0"][1] == 1 and found["10**12"][1] == 0
    assert found["0"][0] == found["10**12"][0] and found["0"][0].count("\n") == 3


def test_contact_columns_are_read(tmp_path):
    path = tmp_path / "contact.csv"
    path.write_text(
        "id,full_name,address,city,postcode,phone,email\n"
        "1,Ana Rojas,Calle Mayor 12,Sevilla,41001,+34 600 111 222,ana@example.org\n",
        encoding="utf-8",
    )
    (record,) = read_records(path)
    assert (record.address, record.city, record.postcode) == ("Calle Mayor 12", "Sevilla", "41001")
    assert (record.phone, record.email) == ("+34 600 111 222", "ana@example.org")


def test_blocks_by_address_phone_email_and_swapped_names():
    keys = block_keys(
        PersonRecord(
            given_name="Lucy",
            surname="Fitzpatrick",
            address="264 Ainsworth Street",
            phone="+34 600 111 222",
            email="Lucy@Example.org",
        )
    )
    swapped = block_keys(PersonRecord(given_name="Fitzpatrick", surname="Lucy"))
    assert "a:264ainsworthstreet" in keys
    assert "p:00111222" in keys
    assert "e:lucy@example.org" in keys
    assert keys & swapped, "given name and surname typed in each other's fields still meet"
    moved = block_keys(PersonRecord(full_name="Lucy Smith", address="ainsworth street 264"))
    assert "a:264ainsworthstreet" in moved, "the same words in another order"


def test_scoring_on_several_processes_gives_the_same_pairs(files, monkeypatch):
    left, right = (read_records(p) for p in files)
    pairs = candidate_pairs(left, right)
    alone = sorted(score_pairs(left, right, pairs, 0.5, workers=1))
    monkeypatch.setattr(xref_module, "SINGLE_PROCESS_PAIRS", 0)
    together = sorted(score_pairs(left, right, pairs * 300, 0.5, workers=2))
    assert sorted(set(together)) == alone


@pytest.mark.parametrize("one_file", [False, True])
@pytest.mark.parametrize("size", [1, 700, 10**9])
def test_grouped_candidate_pairs_are_the_sorted_ones_by_ranges_of_left_records(one_file, size):
    """The bound's tasks take the candidate pairs in groups of consecutive left records, in
    no order and with repeats: once sorted and without them, the same pairs as
    ``pair_keys``; a pair's repeats all in one group; the groups in order of left record."""
    left, right = _generated_records()
    blocks = xref_module.Blocks.of(left, None if one_file else right)
    expected = blocks.pair_keys()
    keys, groups = blocks.grouped_keys(len(left), size)
    assert len(expected) < len(keys) <= blocks.total, "repeats kept"
    assert groups[0][0] == 0 and groups[-1][1] == len(keys)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(groups))
    if size == 1:
        assert len(groups) > 100
    if size == 10**9:
        assert len(groups) == 1
    distinct = [np.unique(keys[begin:end]) for begin, end in groups]
    assert np.array_equal(np.concatenate(distinct), expected)
    # ranges of keys, so of left records (one record's pairs split only among more
    # groups than records)
    assert all(a.max() < b.min() for a, b in itertools.pairwise(distinct))


def _generated_records():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import gen_persons

    left, right, _ = gen_persons.generate(seed=11, households=150, namesake_groups=20)
    fields = set(PersonRecord.__dataclass_fields__)
    make = lambda rows: [PersonRecord(**{k: v for k, v in r.items() if k in fields}) for r in rows]  # noqa: E731
    return make(left), make(right)


@pytest.mark.parametrize("households", [True, False])
def test_the_vectorised_bound_never_undercuts_the_full_comparison(households):
    """The pre-score only discards pairs: on blocked and on random pairs it is never below
    compare_persons, and it is exact where it claims to be (dates, documents, contacts);
    with the family correction and without it."""
    import random

    import numpy as np

    from paccto.matching.compare import compare_persons, place_weight
    from paccto.matching.prescore import Prepared, upper_bound

    left, right = _generated_records()
    pairs = candidate_pairs(left, right)
    rng = random.Random(5)
    pairs += [(rng.randrange(len(left)), rng.randrange(len(right))) for _ in range(3000)]
    ia = np.array([i for i, _ in pairs])
    ib = np.array([j for _, j in pairs])
    bound = upper_bound(Prepared(left), ia, Prepared(right), ib, households=households)
    exact = np.array([compare_persons(left[i], right[j], households).log2_odds for i, j in pairs])
    assert (bound >= exact - 1e-9).all()
    matches = exact >= 0
    assert matches.sum() > 50
    assert (bound[~matches] < 0).mean() > 0.5, "the bound discards most non-matches"
    # With a log-odds to reach, the staged bound keeps every pair that reaches it, with the
    # same bound as without one or a looser one (the swapped readings' spelling tests are
    # left out where the names as given reach it already).
    staged = upper_bound(Prepared(left), ia, Prepared(right), ib, need=0.0, households=households)
    assert (staged[matches] >= bound[matches]).all()
    assert (staged[matches] == bound[matches]).mean() > 0.9
    assert ((staged >= -1e-9) == (bound >= -1e-9)).all()
    # Given the exact address, postcode and city (as xref gives them), still a bound, and
    # a tighter one: pairs of strangers kept only by the place at its best are let go.
    asked = []

    def places(ja, jb):
        asked.append(len(ja))
        return np.array(
            [place_weight(left[i], right[j], households) for i, j in zip(ja, jb, strict=True)]
        )

    placed = upper_bound(
        Prepared(left), ia, Prepared(right), ib, 0.0, households=households, exact_place=places
    )
    assert asked and sum(asked) < len(pairs) // 4  # asked only for the pairs in doubt
    assert (placed >= exact - 1e-9).all()
    assert (placed <= staged + 1e-9).all()
    assert ((placed >= -1e-9) & ~matches).sum() < ((staged >= -1e-9) & ~matches).sum()


HARD_FIELDED_NAMES = [
    PersonRecord(given_name="Paco", surname="Vieira Caza Grande"),
    PersonRecord(given_name="Ana", surname="", second_surname=""),
    PersonRecord(surname="Lopes Filho"),
    PersonRecord(given_name="Filho", surname="Lopes"),
    PersonRecord(given_name="Pedro Júnior", surname="Souza", second_surname="Neto"),
    PersonRecord(given_name="Isaac", surname="Anjos Neto"),  # Neto a mark and a surname
    PersonRecord(given_name="Kique Veto", surname="Pulido"),  # short forms spelt by ear
    PersonRecord(given_name="Isaac", surname="Anjos", second_surname="SOBRINHO."),
    # letters only, the mark as names reads it: accented, full-width (the prefilter folds)
    PersonRecord(given_name="Isaac", surname="Anjos", second_surname="Netô"),
    PersonRecord(given_name="Isaac", surname="Anjos", second_surname="\uff2e\uff25\uff34\uff2f"),
    PersonRecord(given_name="Isaac", surname="Anjos Sobrinhô  "),
    PersonRecord(given_name="María José", surname="de la Cruz", second_surname="Ruiz"),
    PersonRecord(given_name="Héctor", second_surname="Ñúñez"),
    PersonRecord(given_name="de la", surname="van der"),  # particles alone
    PersonRecord(given_name="Ö", surname="H", second_surname="Hh"),  # sounds left empty
    PersonRecord(given_name="Chema Pepe Paco Toño Zé Quique Lola Lupe Nacho", surname="Gil"),
    PersonRecord(surname="A B C D E F G H I J"),
    PersonRecord(full_name="Gil, Ana", given_name="", surname=""),
    PersonRecord(given_name="Vandenberg Deluca", surname="Willem"),  # surnames as given names
    PersonRecord(given_name="Marie", surname="Martin née Dupont"),  # married names
    PersonRecord(given_name="María", surname="López", second_surname="Vda. de García"),
    PersonRecord(given_name="Ana", surname="Lima", second_surname="e Silva"),  # no married name
    PersonRecord(given_name="Desconocido", surname="Pérez", second_surname="Gómez"),  # not known
    PersonRecord(given_name="Juan", surname="NN"),
    PersonRecord(given_name="NN", surname="NN"),
    PersonRecord(given_name="N.N.", surname="de Boer"),  # Dutch initials
    PersonRecord(given_name="Giampaolo", surname="Rizzo"),  # Gian Paolo, run together
    PersonRecord(given_name="Gian Paolo", surname="Rizzo"),
    PersonRecord(given_name="Mariachiara Lucia", surname="Rizzo"),  # a double name as one word
    PersonRecord(given_name="Juancarlos", surname="Pérez", second_surname="Gómez"),
    # a given name that begins with a particle, written apart and as one (La Toya, Latoya),
    # and a surname with its particle typed in the given-name field
    PersonRecord(given_name="La Toya", surname="Newball"),
    PersonRecord(given_name="La-Toya", surname="Newball"),  # hyphenated (a review's find)
    PersonRecord(given_name="Le-Rui", surname="Ma"),
    PersonRecord(given_name="Fernanda", surname="Ma"),
    PersonRecord(given_name="Latoya Marie", surname="Newbal"),
    PersonRecord(given_name="Del Roy", surname="Forbes"),
    PersonRecord(given_name="Del Valle", surname="Juan"),
    PersonRecord(given_name="Juan", surname="del Valle"),
    # a Chinese person's two names (compare.two_cultures), in fields, swapped and in one
    PersonRecord(given_name="Wei", surname="Li"),
    PersonRecord(given_name="Pablo", surname="Li"),
    PersonRecord(given_name="Li", surname="Xiao Hong"),
    PersonRecord(given_name="Sofía Lucía", surname="He"),
    PersonRecord(full_name="Zhang Yan Ping"),
    PersonRecord(full_name="Jorge Zhang"),
    # whole names in the given-name field (read as in one field too)
    PersonRecord(given_name="Juan García López"),
    PersonRecord(given_name="GARCÍA LÓPEZ, Juan", surname=" - "),
    PersonRecord(given_name="Dr. Juan"),
    PersonRecord(given_name="Juan NN", second_surname="?"),
    PersonRecord(given_name="Marie Martin née Dupont"),
    PersonRecord(given_name="Ana Beatriz dos Santos Silva Costa"),
    PersonRecord(given_name="Juan Carlos", surname="alias El Flaco"),
]


HARD_ONE_FIELD_NAMES = [
    PersonRecord(full_name=name)
    for name in (
        "Ana Beatriz dos Santos Silva",
        "María del Carmen López",
        "GARCÍA MÁRQUEZ, José Luis",
        "Juan",
        "",
        "Pedro Souza Filho",
        "Rui Wilson Neto",  # Neto a mark and a surname
        "Izaac Neto",
        "João Pedro Maria de Souza Lima Neto",  # more readings than READINGS
        "Chema Pepe Paco Toño Zé Quique Lola Lupe Nacho Gil",
        "Gil, Chema Pepe Paco Toño Zé Quique Lola Lupe Nacho",  # one reading, left open
        "Ö H Hh",
        "de la Cruz",
        "van der Berg Jan",
        "Marie Martin née Dupont",
        "Marie née Dupont",
        "Ana María Pérez López épouse Martin Jr",
        "DUPONT épouse MARTIN, Marie",
        "João Pedro Maria de Souza Lima viúva de Oliveira",
        "N.N.",
        "Fulano de Tal",
        "Sin nombre",
        "DESCONOCIDO, Juan",
        "GARCÍA LÓPEZ, NN",
        "NN García López",
        "Juan Carlos NN",
        "Desconocido Pérez Gómez",
        "Giambattista Vico",
        "Gian Battista Vico",
        "La Toya Brown",  # a given name with a particle, read joined too
        "BROWN, La Toya",
        "De la Cruz Juan",
    )
]


@pytest.mark.parametrize("written", ["1980-²9-01", "1980-1²-01", "1980-\u0660\u0665-\u0661\u0662"])
def test_dates_with_other_digits_do_not_stop_the_run(written):
    """Superscript digits pass str.isdigit but not int(): such a date is no full date."""
    record = PersonRecord(id="a", given_name="Ana", surname="Gil", date_of_birth=written)
    assert block_keys(record)
    assert xref([record], [replace(record, id="b")], workers=1)
    assert dedupe([record, replace(record, id="b")], workers=1)


@pytest.mark.parametrize("written", ["1900-01-01", "01/01/1900", "1899-12-30", "1900"])
def test_a_date_written_for_none_meets_namesakes_as_no_date(written):
    """1900-01-01 and its likes are no date for the comparison and for the blocks: the
    record meets its namesakes by name, as one without a date, among many namesakes."""
    import random

    rng = random.Random(3)
    left = [PersonRecord(id="x", full_name="Juan Pérez Gómez", date_of_birth=written)]
    right = [PersonRecord(id="t", full_name="Juan Pérez Gómez", date_of_birth="1985-03-02")]
    # as many namesakes as make the name's block too large to pair dated records
    right += [
        PersonRecord(id=f"n{k}", full_name="Juan Pérez Gómez", date_of_birth=f"{year}-06-15")
        for k, year in enumerate(rng.sample(range(1920, 2010), 80))
    ]
    assert compare_persons(left[0], right[0]).probability >= 0.5
    assert ("x", "t") in {(a, b) for a, b, _ in xref(left, right, all_pairs=True, workers=1)}


def _bounded_every_pair(left, right, households=True):
    """Every pair of left and right records, and compare_persons' log-odds of each, the
    bound never below it."""
    import numpy as np

    from paccto.matching.compare import compare_persons
    from paccto.matching.prescore import Prepared, upper_bound

    pairs = [(i, j) for i in range(len(left)) for j in range(len(right))]
    ia, ib = np.array([i for i, _ in pairs]), np.array([j for _, j in pairs])
    bound = upper_bound(Prepared(left), ia, Prepared(right), ib, households=households)
    exact = np.array([compare_persons(left[i], right[j], households).log2_odds for i, j in pairs])
    assert (bound >= exact - 1e-9).all(), [
        (pairs[k], bound[k], exact[k]) for k in range(len(pairs))
    ]
    return pairs, exact


def test_given_names_spelt_alike_are_bounded_and_linked():
    """Spellings of one given name that no table knows (``compare.spelt_alike``): the bound
    reads them as the comparison does, in fields and in one field, so xref links them; two
    names the tables know (Jorge, José) stay apart."""
    teixeira = {"date_of_birth": "1990-11-14", "gender": "F", "nationality": "BR"}
    correia = {"surname": "Correia", "date_of_birth": "1950-01-10", "gender": "F"}
    lima = {"date_of_birth": "1971-03-10", "gender": "F"}
    ruiz = {"surname": "Ruiz", "second_surname": "Soto", "date_of_birth": "1980-02-03"}
    left = [
        PersonRecord(id="l0", given_name="Suelen", surname="Teixeira Borges", **teixeira),
        PersonRecord(id="l1", given_name="Taynara Ana", **correia),
        PersonRecord(id="l2", full_name="Kethlyn da Silva Lima", **lima),
        PersonRecord(id="l3", given_name="Jorge", gender="M", **ruiz),
    ]
    right = [
        PersonRecord(id="r0", full_name="Sueli Teixeira Borges", **teixeira),
        PersonRecord(id="r1", given_name="Tainá Ana", **correia),
        PersonRecord(id="r2", given_name="Keteli", surname="da Silva Lima", **lima),
        PersonRecord(id="r3", given_name="José", gender="M", **ruiz),
    ]
    pairs, exact = _bounded_every_pair(left, right)
    assert all(exact[pairs.index((k, k))] >= 0 for k in range(3))
    assert exact[pairs.index((3, 3))] < 0
    linked = {(a, b) for a, b, _ in xref(left, right, workers=1)}
    assert linked == {("l0", "r0"), ("l1", "r1"), ("l2", "r2")}


def test_particle_given_names_and_a_chinese_person_s_two_names_are_bounded_and_linked():
    """A given name that begins with a particle, written apart, with a hyphen or as one word
    (``names.given_particle_joined``: La Toya, La-Toya, Latoya), and a Chinese person's
    two given names (``compare.two_cultures``: Wei Li, Pablo Li; Le-Rui Ma, Fernanda Ma):
    the bound reads them as the comparison does (a review found La-Toya bounded below it,
    never compared), so xref links them; two Western names with a Chinese surname that is
    as often English stay apart (Heike Lee, Susan Lee). In files without families: where
    families live together, the two cultures' names with one date of birth are taken for
    twins (``compare.family_feature``)."""
    born = {"date_of_birth": "1969-02-04", "gender": "F"}
    left = [
        PersonRecord(id="l0", given_name="La-Toya", surname="Brown", **born),
        PersonRecord(id="l1", given_name="La Toya", surname="Forbes", **born),
        PersonRecord(id="l2", given_name="Wei", surname="Li", **born),
        PersonRecord(id="l3", given_name="Le-Rui", surname="Ma", **born),
        PersonRecord(id="l4", given_name="Heike", surname="Lee", **born),
        PersonRecord(id="l5", full_name="Le Roy Campbell", **born),
    ]
    right = [
        PersonRecord(id="r0", given_name="Latoya", surname="Brown", **born),
        PersonRecord(id="r1", full_name="Latoya Forbes", **born),
        PersonRecord(id="r2", given_name="Paula", surname="Li", **born),
        PersonRecord(id="r3", given_name="Fernanda", surname="Ma", **born),
        PersonRecord(id="r4", given_name="Susan", surname="Lee", **born),
        PersonRecord(id="r5", given_name="Leroy", surname="Campbell", **born),
    ]
    for households in (False, True):
        pairs, exact = _bounded_every_pair(left, right, households)
        assert all(exact[pairs.index((k, k))] >= 0 for k in range(2 if households else 4))
        assert exact[pairs.index((4, 4))] < 0 <= exact[pairs.index((5, 5))]
    linked = {(a, b) for a, b, _ in xref(left, right, households=False, workers=1)}
    assert linked == {("l0", "r0"), ("l1", "r1"), ("l2", "r2"), ("l3", "r3"), ("l5", "r5")}


def test_names_not_known_are_bounded_as_the_comparison_reads_them():
    """N.N., Desconocido, Sin nombre in a field or as the whole name are no name for the
    comparison, the bound and the blocks alike: never a bound below the comparison."""
    born = {"date_of_birth": "1980-05-05", "gender": "M"}
    left = [
        PersonRecord(given_name="Desconocido", surname="Pérez", second_surname="Gómez", **born),
        PersonRecord(given_name="Juan", surname="NN", **born),
        PersonRecord(given_name="NN", surname="Pérez", second_surname="Gómez", **born),
        PersonRecord(full_name="N.N.", **born),
        PersonRecord(full_name="Sin nombre", **born),
        PersonRecord(given_name="Sin nombre", surname="Pérez", **born),
        PersonRecord(full_name="PÉREZ GÓMEZ, NN", **born),
        PersonRecord(full_name="DESCONOCIDO, Juan", **born),
    ]
    right = [
        PersonRecord(given_name="Juan", surname="Pérez", second_surname="Gómez", **born),
        PersonRecord(full_name="Juan Pérez Gómez", **born),
        PersonRecord(given_name="NN", surname="NN", **born),
        PersonRecord(full_name="Fulano de Tal", **born),
    ]
    pairs, exact = _bounded_every_pair(left, right)
    from dataclasses import replace

    left = [replace(r, id=f"l{i}") for i, r in enumerate(left)]
    right = [replace(r, id=f"r{j}") for j, r in enumerate(right)]
    linked = {(a, b) for a, b, _ in xref(left, right, all_pairs=True, workers=1)}
    expected = {(f"l{i}", f"r{j}") for (i, j), w in zip(pairs, exact, strict=True) if w >= 0}
    assert ("l0", "r0") in expected and ("l2", "r0") in expected  # the surnames and the date
    assert linked == expected


def test_whole_names_in_the_given_name_field_are_bounded_and_linked():
    """A whole name typed in the given-name field reads as a name in one field too: the
    bound and the blocks read it so (never a bound below the comparison), and xref links
    it to the same name in its fields."""
    born = {"date_of_birth": "1990-01-20", "gender": "M"}
    left = [
        PersonRecord(id="l0", given_name="Juan García López", **born),
        PersonRecord(id="l1", given_name="GARCÍA LÓPEZ, Juan", surname="-", **born),
        PersonRecord(id="l2", given_name="Juan Carlos Pérez", second_surname=" ", **born),
        PersonRecord(id="l3", given_name="Dr. Juan", **born),
    ]
    right = [
        PersonRecord(id="r0", given_name="Juan", surname="García", second_surname="López", **born),
        PersonRecord(id="r1", full_name="Juan Carlos Pérez Ruiz", **born),
        PersonRecord(id="r2", given_name="Pedro", surname="García", second_surname="López", **born),
        PersonRecord(id="r3", given_name="Juan Carlos", surname="Pérez", **born),
    ]
    _bounded_every_pair(left, right)
    linked = {(a, b) for a, b, _ in xref(left, right, workers=1)}
    assert {("l0", "r0"), ("l1", "r0"), ("l2", "r3")} <= linked
    assert not {(a, b) for a, b in linked if b == "r2"}  # a twin's name in its fields


@pytest.mark.parametrize("names", ["in fields", "in one field", "both"])
def test_names_put_together_in_arrays_get_what_each_name_gets(names):
    """``prescore._fielded_columns`` (names in separate fields, put together in arrays from
    their given-name and surname fields) and ``_one_field_columns`` (names in one field, from
    their readings) give every record the columns and the block key codes the general path
    (``_read_columns``: each distinct name's ``_Name``) gives it; with both kinds of name,
    ``_name_columns`` joins both paths' rows."""
    from paccto.matching import prescore

    left, right = _generated_records()
    everyone = left + right + HARD_FIELDED_NAMES + HARD_ONE_FIELD_NAMES
    # (names in fields with a married name read two ways: the one-field path takes them)
    fielded = [
        bool(r.given_name or r.surname or r.second_surname) and prescore._one_way(r)
        for r in everyone
    ]
    records = [
        r
        for r, f in zip(everyone, fielded, strict=True)
        if names == "both" or f == (names == "in fields")
    ]
    assert len(records) > 150
    general, general_keys = prescore._read_columns(records)
    path = {
        "in fields": prescore._fielded_columns,
        "in one field": prescore._one_field_columns,
        "both": prescore._name_columns,
    }[names]
    arrays, keys = path(records)
    assert set(arrays) == set(general)
    for name, column in general.items():
        if name in ("surnames", "given", "surname_forms", "surname_rests", "given_rests"):
            # sets: any order
            # (and which are kept of more than NAME_CODES, leaving the name open, is moot)
            assert arrays[name].shape == column.shape, name
            closed = ~general["open_names"]
            got = [set(row) - {0} for row in arrays[name][closed].tolist()]
            assert got == [set(row) - {0} for row in column[closed].tolist()], name
        else:
            assert np.array_equal(arrays[name], column), name
    for kind, (got, expected) in enumerate(zip(keys, general_keys, strict=True)):
        # The same (record, code) pairs; repeats and zero codes (empty sounds), which the key
        # codes drop, may differ.
        pairs = {p for p in zip(*(a.tolist() for a in got), strict=True) if p[1]}
        assert pairs == {p for p in zip(*(a.tolist() for a in expected), strict=True) if p[1]}
        # (kind 0: names half given; kind 4: surnames without a given name)
        assert len(pairs) > (0 if kind in (0, 4) else len(records))


def test_the_key_codes_group_records_as_the_keys_do():
    """The vectorised block codes put together exactly the records that share a key."""
    from collections import defaultdict

    from paccto.matching import prescore

    left, right = _generated_records()
    # and names whose given name has no sound (the initial H.: no key of an empty sound)
    records = (
        left
        + right
        + [
            PersonRecord(given_name="H.", surname="Pérez", date_of_birth="1972-06-21"),
            PersonRecord(given_name="Hh", surname="Smith", date_of_birth="1972-06-21"),
            PersonRecord(full_name="H. Pérez Gómez", date_of_birth="1972-06-21"),
        ]
    )
    records += [  # surnames without a given name, one with no sound (H)
        PersonRecord(surname="Quispe", second_surname="H"),
        PersonRecord(given_name="NN", surname="Hh", date_of_birth="1972-06-21"),
        PersonRecord(full_name="NN Barros Lima"),
        PersonRecord(given_name="Ana", surname="H", date_of_birth="1975-03-04"),
    ]
    by_key = defaultdict(set)
    for index, record in enumerate(records):
        for key in block_keys(record):
            by_key[key].add(index)
    # Worked out alone, and with the parts of the names a table worked out (as xref does).
    for reused in (None, prescore.Prepared(records).key_parts):
        by_code = defaultdict(set)
        codes, owners, dated = xref_module._key_codes(records, 0, reused)
        for key_code, owner in zip(codes.tolist(), owners.tolist(), strict=True):
            by_code[key_code].add(owner)
        assert len(codes) == sum(len(block_keys(r)) for r in records)
        assert sorted(map(sorted, by_key.values())) == sorted(map(sorted, by_code.values()))
    kinds = (
        (xref_module.DATE_FLAG, lambda key: key.startswith("b:")),
        (
            xref_module.NAME_ONLY_FLAG,
            lambda key: (key.startswith("sg:") and key.count(":") == 2) or key.startswith("sp:"),
        ),
        (xref_module.ADDRESS_FLAG, lambda key: key.startswith("a:")),
        (
            xref_module.NAME_DATE_FLAG,
            lambda key: key.startswith("sy:") or (key.startswith("sg:") and key.count(":") == 3),
        ),
    )
    for flag, kind in kinds:
        flagged = {frozenset(v) for c, v in by_code.items() if c & flag}
        assert flagged == {frozenset(v) for k, v in by_key.items() if kind(k)}
    assert dated.tolist() == [xref_module._dated(r.date_of_birth) for r in records]


def test_the_parts_keys_merged_are_the_whole_file_s_keys():
    """``_sorted``: the key codes of a file's parts (as the workers make them) merged are
    those of the whole file: by code, the records not dated first, then by record."""
    left, right = _generated_records()
    records = left + right
    whole = xref_module._sorted([xref_module._key_codes(records)])
    cuts = [0, 7, 300, len(records) // 2, len(records)]
    parts = [xref_module._key_codes(records[a:b], offset=a) for a, b in itertools.pairwise(cuts)]
    merged = xref_module._sorted(parts)
    assert parts == []  # let go of as they are merged
    for got, expected in zip(merged, whole, strict=True):
        assert got.dtype == expected.dtype
        assert np.array_equal(got, expected)


@pytest.mark.parametrize("n", [1, 1000, 1 << 60])  # the last: too wide for one number
def test_the_distinct_key_pairs_are_those_lexsort_gives(n):
    """``_distinct_pairs``: sorted by key then owner, each pair once, as np.lexsort."""
    rng = np.random.default_rng(n)
    keys = rng.integers(0, 1 << 63, size=50, dtype=np.uint64)[rng.integers(0, 50, 5000)]
    keys[:10] = np.uint64((1 << 64) - 1)  # the highest key
    owners = rng.integers(0, min(n, 1 << 62), size=5000).astype(np.int64)
    order = np.lexsort((owners, keys))
    expected = sorted(set(zip(keys[order].tolist(), owners[order].tolist(), strict=True)))
    got_keys, got_owners = xref_module._distinct_pairs(keys, owners, n)
    assert got_keys.dtype == np.uint64 and got_owners.dtype == np.int64
    assert list(zip(got_keys.tolist(), got_owners.tolist(), strict=True)) == expected
    empty = xref_module._distinct_pairs(keys[:0], owners[:0], n)
    assert len(empty[0]) == len(empty[1]) == 0


def test_document_numbers_with_two_characters_swapped_meet(monkeypatch):
    """Even with other dates of birth (which keep common names apart); another person's
    number of the same digits does not (in a large file, thousands share them)."""
    monkeypatch.setattr(xref_module, "RARE_NAME_BLOCK", 0)
    rui = dict(given_name="Rui", surname="Lopes")
    left = [PersonRecord(date_of_birth="1972-04-08", document_number="7156463", **rui)]
    right = [
        PersonRecord(date_of_birth="1988-06-13", document_number="7156436", **rui),
        PersonRecord(given_name="Ana", surname="Dias", document_number="7156400"),
        PersonRecord(given_name="Ana", surname="Dias", document_number="6417536"),
    ]
    assert candidate_pairs(left, right) == [(0, 0)]


def test_an_address_shared_by_many_blocks_only_its_residents_by_name(monkeypatch):
    """A small household meets by its address; at an address with more pairs than
    ``ADDRESS_BLOCK`` (a prison, a shelter) strangers do not, the same person still does
    by name and date."""
    prison = "Rua das Flores 12, Lisboa"
    left = [
        PersonRecord(given_name="Rui", surname="Lopes", date_of_birth="1972-04-08", address=prison),
        PersonRecord(given_name="Ana", surname="Dias", address="Via Roma 3"),
    ]
    right = [
        PersonRecord(given_name="Rui", surname="Lopes", date_of_birth="1972-04-08", address=prison),
        PersonRecord(given_name="Joana", surname="Reis", address=prison),
        PersonRecord(given_name="Eva", surname="Mota", address="via roma 3"),
    ]
    assert set(candidate_pairs(left, right)) == {(0, 0), (0, 1), (1, 2)}
    monkeypatch.setattr(xref_module, "ADDRESS_BLOCK", 1)  # as if the prison held hundreds
    assert set(candidate_pairs(left, right)) == {(0, 0), (1, 2)}


def test_the_name_alone_pairs_records_only_when_one_lacks_a_full_date(monkeypatch):
    """Two dated records meet by a common name with the year or with the day and month of
    birth; the name alone brings a record without a full date to every namesake, in two
    files and in one (whichever comes first). A rare name pairs all its records."""
    rare = candidate_pairs(
        [PersonRecord(given_name="Ana", surname="Quispe", date_of_birth="1980-05-17")],
        [PersonRecord(given_name="Ana", surname="Quispe", date_of_birth="1999-11-02")],
    )
    assert rare == [(0, 0)]
    monkeypatch.setattr(xref_module, "RARE_NAME_BLOCK", 0)  # as if Ana Quispe were common
    ana = dict(given_name="Ana", surname="Quispe")
    left = [
        PersonRecord(id="L1", date_of_birth="1980-05-17", **ana),
        PersonRecord(id="L2", date_of_birth="1980", **ana),
    ]
    right = [
        PersonRecord(id="R1", date_of_birth="1981-05-17", **ana),  # the year off by one
        PersonRecord(id="R2", date_of_birth="1980-06-18", **ana),  # the same year
        PersonRecord(id="R3", date_of_birth="1999-11-02", **ana),  # a namesake
        PersonRecord(id="R4", **ana),  # no date
        PersonRecord(id="R5", date_of_birth="1982-17-05", **ana),  # year, day and month
        PersonRecord(id="R6", date_of_birth="1955-53-09", **ana),  # no such month
        PersonRecord(id="R7", date_of_birth="1960-01-01", **ana),  # dated, nothing shared
    ]
    pairs = set(candidate_pairs(left, right))
    assert {(0, 0), (0, 1), (0, 3), (0, 4), (0, 5)} <= pairs
    assert (0, 2) not in pairs and (0, 6) not in pairs
    assert {(1, j) for j in range(7)} <= pairs, "a partial date meets every namesake"
    records = [right[2], right[3], left[0], right[0]]
    assert set(candidate_pairs(records, None)) == {(0, 1), (1, 2), (1, 3), (2, 3)}


def test_a_common_name_alone_pairs_no_one_but_other_keys_still_do(monkeypatch):
    """A name-alone block of more than ``NAME_BLOCK`` pairs (records without a date among
    many namesakes) gives no pairs: which namesake is meant, the name cannot say. The same
    records still meet by a shared document, phone or address."""
    monkeypatch.setattr(xref_module, "RARE_NAME_BLOCK", 0)  # as if Ana Quispe were common
    ana = dict(given_name="Ana", surname="Quispe")
    left = [PersonRecord(id="L1", **ana), PersonRecord(id="L2", phone="+51 912 345 678", **ana)]
    right = [
        PersonRecord(id="R1", date_of_birth="1980-05-17", **ana),
        PersonRecord(id="R2", date_of_birth="1991-02-03", phone="+51912345678", **ana),
        PersonRecord(id="R3", **ana),
    ]
    every = {(i, j) for i in range(2) for j in range(3)}
    assert set(candidate_pairs(left, right)) == every
    monkeypatch.setattr(xref_module, "NAME_BLOCK", 5)  # six pairs: as if thousands
    assert set(candidate_pairs(left, right)) == {(1, 1)}
    monkeypatch.setattr(xref_module, "NAME_BLOCK", 6)
    assert set(candidate_pairs(left, right)) == every
    # In one file: three undated records against the five (counted both ways, as the
    # block's rectangles are), the two dated against the three undated: 21.
    records = left + right
    monkeypatch.setattr(xref_module, "NAME_BLOCK", 21)
    assert len(candidate_pairs(records, None)) == 9  # the undated with one another and all
    monkeypatch.setattr(xref_module, "NAME_BLOCK", 20)
    assert candidate_pairs(records, None) == [(1, 3)]


def test_a_common_name_alone_still_pairs_within_a_postcode(monkeypatch):
    """Where the name-alone block is too large, a record without a date of birth still
    meets the namesakes of its postcode (written with or without its space), by the same
    rule: not two dated records."""
    monkeypatch.setattr(xref_module, "RARE_NAME_BLOCK", 0)  # as if Ana Quispe were common
    ana = dict(given_name="Ana", surname="Quispe")
    left = [PersonRecord(id="L1", postcode="15 001", **ana), PersonRecord(id="L2", **ana)]
    right = [
        PersonRecord(id="R1", date_of_birth="1980-05-17", postcode="15001", **ana),
        PersonRecord(id="R2", date_of_birth="1991-02-03", postcode="15002", **ana),
        PersonRecord(id="R3", date_of_birth="1991-02-03", **ana),
    ]
    monkeypatch.setattr(xref_module, "NAME_BLOCK", 5)  # six pairs: as if thousands
    assert set(candidate_pairs(left, right)) == {(0, 0)}
    dated = PersonRecord(id="L1", date_of_birth="1985-01-01", postcode="15001", **ana)
    assert set(candidate_pairs([dated], right)) == set()


def test_a_common_name_with_the_year_or_day_pairs_no_one_but_other_keys_still_do(monkeypatch):
    """A name's block with the birth year, or with the day and month, of more than
    ``NAME_DATE_BLOCK`` pairs (many namesakes born that year, or on that day) gives no
    pairs; a shared document still brings the same person together."""
    monkeypatch.setattr(xref_module, "RARE_NAME_BLOCK", 0)  # as if Ana Quispe were common
    ana = dict(given_name="Ana", surname="Quispe")
    left = [
        PersonRecord(date_of_birth="1980-05-17", **ana),
        PersonRecord(date_of_birth="1975-02-03", document_number="AB123456", **ana),
    ]
    right = [
        PersonRecord(date_of_birth="1980-06-18", **ana),  # the same year
        PersonRecord(date_of_birth="1981-05-17", **ana),  # the same day and month
        PersonRecord(date_of_birth="1975-12-30", document_number="AB123456", **ana),
    ]
    assert set(candidate_pairs(left, right)) == {(0, 0), (0, 1), (1, 2)}
    monkeypatch.setattr(xref_module, "NAME_DATE_BLOCK", 0)  # as if thousands
    assert set(candidate_pairs(left, right)) == {(1, 2)}


def test_a_year_given_alone_blocks_with_the_years_next_to_it(monkeypatch):
    """A year of birth given alone (1979), or as 1 January (1988-01-01, as registers write
    it), worked out from an age: its name blocks with the years before and after too, so
    that it meets the person's full date (born 1987-12-02: 1988 in a file of ages) in
    files where the name alone has too many namesakes to block; the comparison reads them
    as near ("near_year") and links them. A full date does not (1980-06-18, 1979-03-05:
    the name and the year before pair no one)."""
    monkeypatch.setattr(xref_module, "RARE_NAME_BLOCK", 0)  # as if every name were common
    monkeypatch.setattr(xref_module, "NAME_BLOCK", 0)  # the name alone: thousands
    maria = dict(given_name="María", surname="Rodríguez", second_surname="González")
    jose = dict(given_name="José", surname="García", second_surname="García")
    ana = dict(given_name="Ana", surname="Quispe")
    left = [
        PersonRecord(id="l1", date_of_birth="1987-12-02", **maria),
        PersonRecord(id="l2", date_of_birth="1991-06-19", **jose),
        PersonRecord(id="l3", date_of_birth="1980-06-18", **ana),
    ]
    right = [
        PersonRecord(id="r1", date_of_birth="1988-01-01", **maria),
        PersonRecord(id="r2", date_of_birth="1992", **jose),
        PersonRecord(id="r3", date_of_birth="1979-03-05", **ana),
    ]
    assert set(candidate_pairs(left, right)) == {(0, 0), (1, 1)}
    assert {(a, b) for a, b, _ in xref(left, right, workers=1)} == {("l1", "r1"), ("l2", "r2")}


def test_names_block_with_the_year_by_surname_and_initial_kept_through_spelling(monkeypatch):
    """With the year, a surname's sound blocks with a given name's initial, not alone: a
    namesake's brother born the same year is not a candidate, a respelt or mistyped name is
    (its first letter or its first sound kept: Bíctor, Éctor, Gosé; Hrstal). A surname
    alone meets the same surname with the same date of birth."""
    monkeypatch.setattr(xref_module, "RARE_NAME_BLOCK", 0)  # as if every name were common
    left = [
        PersonRecord(given_name="Víctor", surname="Pérez", date_of_birth="1980-03-14"),
        PersonRecord(given_name="Héctor", surname="Gómez", date_of_birth="1975-06-01"),
        PersonRecord(given_name="José", surname="Salamanca", date_of_birth="1969-01-02"),
        PersonRecord(given_name="Jean-Luc", surname="van Herstal", date_of_birth="1971-03-09"),
        PersonRecord(surname="Quispe", date_of_birth="1990-04-21"),  # no given name
    ]
    right = [
        PersonRecord(given_name="Bíctor", surname="Perez", date_of_birth="1980-11-25"),
        PersonRecord(given_name="Éctor", surname="Gomes", date_of_birth="1975-02-28"),
        PersonRecord(given_name="Gosé", surname="Salamanca", date_of_birth="1969-07-13"),
        PersonRecord(given_name="Jean-Luc", surname="van Hrstal", date_of_birth="1971-03-09"),
        PersonRecord(surname="Quispe", given_name="Rosa", date_of_birth="1990-04-21"),
        PersonRecord(given_name="Mario", surname="Pérez", date_of_birth="1980-03-15"),
    ]
    pairs = set(candidate_pairs(left, right))
    assert {(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)} <= pairs
    assert (0, 5) not in pairs, "the same surname and year, another given name"


def test_a_record_without_a_given_name_meets_the_surname_s_namesakes(monkeypatch):
    """A record with a surname and no given name (or one written for none: NN) meets every
    record of its surname's sound by the name alone, as a given name's initial would: when
    one of them has no full date. Two dated ones meet as before (the same date, or the
    same year between records without a given name): the surname with every initial would
    fill the name's blocks with the year or the day past their limits. Before, an undated
    "Silva" met no one by its name."""
    monkeypatch.setattr(xref_module, "RARE_NAME_BLOCK", 0)  # as if every name were common
    recife = dict(gender="F", nationality="BR", city="Recife", postcode="52011-040")
    left = [
        PersonRecord(id="L1", surname="Silva", second_surname="Bezerra", **recife),
        PersonRecord(given_name="NN", surname="Quispe", second_surname="Mamani"),
        PersonRecord(surname="Duarte", date_of_birth="1984-03-12"),
        PersonRecord(surname="Lopes", date_of_birth="1971-05-09"),
        PersonRecord(full_name="NN Barros", date_of_birth="1966-12-24"),
    ]
    right = [
        PersonRecord(
            id="R1",
            given_name="Maria",
            surname="Silva",
            second_surname="Bezerra",
            date_of_birth="1990-01-02",
            **recife,
        ),
        PersonRecord(given_name="Rosa", surname="Mamani", date_of_birth="1979-11-30"),
        PersonRecord(given_name="Wagner", surname="Duarte"),
        PersonRecord(given_name="Éder", surname="Lopes", date_of_birth="1971-05-09"),
        PersonRecord(given_name="Ana", surname="Lopes", date_of_birth="1995-05-10"),
        PersonRecord(given_name="Inês", surname="Barros", date_of_birth="1966"),
        PersonRecord(surname="Barros", date_of_birth="1966-07-01"),
    ]
    pairs = set(candidate_pairs(left, right))
    assert {(0, 0), (1, 1), (2, 2), (3, 3), (4, 5), (4, 6)} <= pairs
    assert (3, 4) not in pairs, "dated namesakes born on other days meet by other keys"
    linked = {(a, b) for a, b, _score in xref(left[:1], right[:1], households=False)}
    assert linked == {("L1", "R1")}


def test_the_fast_path_links_the_same_pairs_as_comparing_every_candidate():
    from paccto.matching.compare import compare_persons

    left, right = _generated_records()
    slow = {
        (left[i].id, right[j].id)
        for i, j in candidate_pairs(left, right)
        if compare_persons(left[i], right[j]).probability >= 0.5
    }
    fast = {(a, b) for a, b, _ in xref(left, right, 0.5, all_pairs=True)}
    assert fast == slow


def test_the_best_match_per_record_skips_only_pairs_that_cannot_be_it():
    left, right = _generated_records()
    position = {r.id: k for k, r in enumerate(right)}
    best: dict[str, tuple[float, int]] = {}  # ties go to the first right record
    for a, b, p in xref(left, right, 0.01, all_pairs=True):
        if a not in best or (p, -position[b]) > (best[a][0], -best[a][1]):
            best[a] = (p, position[b])
    stats: dict[str, float] = {}
    found = xref(left, right, 0.01, stats=stats)
    assert {(a, b) for a, b, _ in found} == {(a, right[k].id) for a, (_, k) in best.items()}
    assert stats["compared"] < stats["survivors"]


def test_stats_count_the_scored_pairs(files):
    left, right = (read_records(p) for p in files)
    stats: dict[str, float] = {}
    xref(left, right, 0.5, stats=stats)
    assert stats["pairs"] == len(candidate_pairs(left, right))
    # The preparation's parts are within it, the stages' seconds all measured.
    parts = stats["tables_seconds"] + stats["blocks_seconds"]
    assert 0 < parts <= stats["prepare_seconds"]
    assert stats["bound_seconds"] > 0 and stats["compare_seconds"] > 0


FAMILY = [  # a mother and her two sons at one address, and a neighbour
    ("F1", "Marta", "Quiroga", "1961-05-04", "Calle Sarandí 1250, Montevideo"),
    ("F2", "Bruno", "Quiroga", "1990-08-21", "Calle Sarandí 1250, Montevideo"),
    ("F3", "Tomás", "Quiroga", "1992-02-10", "Calle Sarandí 1250, Montevideo"),
    ("F4", "Irene", "Vidal", "1975-10-30", "Avenida Brasil 3021, Montevideo"),
]
# Bruno's record again with another given name: one person mistyped, or his brother born
# the same day (a twin)?
AGAIN = ("R1", "Julián", "Quiroga", "1990-08-21", "Calle Sarandí 1250, Montevideo")


def _people(rows):
    return [
        PersonRecord(id=i, given_name=g, surname=s, date_of_birth=d, address=a)
        for i, g, s, d, a in rows
    ]


def test_families_in_the_files_keep_a_shared_home_from_linking_other_given_names():
    """The family correction applies where the files show families living together
    (``household_share``): there the record is the twin's; in files of separate persons it
    is the same person mistyped, as FEBRL's duplicates are."""
    from paccto.matching.prescore import Prepared

    right = _people([AGAIN])
    with_family = _people(FAMILY)
    assert xref_module.household_share(Prepared(with_family)) == 0.75
    stats: dict[str, float] = {}
    assert xref(with_family, right, 0.5, stats=stats) == []
    assert stats["households"] == 1 and stats["household_share"] == 0.75
    # The same records without the mother and the brother: no family in the files.
    alone = [r for r in with_family if r.id in ("F2", "F4")]
    assert xref_module.household_share(Prepared(alone)) == 0.0
    stats = {}
    assert [(a, b) for a, b, _ in xref(alone, right, 0.5, stats=stats)] == [("F2", "R1")]
    assert stats["households"] == 0
    # Either way when told.
    assert xref(alone, right, 0.5, households=True) == []
    assert [(a, b) for a, b, _ in xref(with_family, right, 0.5, households=False)] == [("F2", "R1")]
    # Deduplication measures its one file the same way.
    clusters = dict(dedupe([*alone, *right], 0.5))
    assert clusters["R1"] == clusters["F2"] == "F2"
    clusters = dict(dedupe([*with_family, *right], 0.5))
    assert clusters["R1"] == "R1"


def test_the_command_line_takes_the_households_choice(tmp_path):
    from paccto.matching import cli

    fields = ("id", "given_name", "surname", "date_of_birth", "address")
    left, right = tmp_path / "left.csv", tmp_path / "right.csv"
    for path, rows in ((left, FAMILY), (right, [AGAIN])):
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(fields)
            writer.writerows(rows)
    found = {}
    for choice in ("auto", "no", "yes"):
        out = tmp_path / f"{choice}.csv"
        assert (
            cli.main(["xref", str(left), str(right), "--out", str(out), "--households", choice])
            == 0
        )
        found[choice] = [r["left_id"] for r in csv.DictReader(out.open(encoding="utf-8"))]
    assert found == {"auto": [], "no": ["F2"], "yes": []}


def test_the_command_line_reads_dates_as_files_write_them(tmp_path):
    """A file with day-first dates (15/07/1980) and a register's 00 for an unknown day
    and month links as the same file with ISO dates would."""
    from paccto.matching import cli

    fields = ("id", "given_name", "surname", "second_surname", "date_of_birth")
    rows = [
        ("L1", "Marta", "Quintero", "Ospina", "1980-07-15"),
        ("L2", "Hernán", "Villegas", "Mejía", "1974-11-02"),
        ("L3", "Lucía", "Ferreyra", "Acosta", "1991-03-09"),
    ]
    written = ["15/07/1980", "02.11.1974", "1991-00-00"]
    left, right, out = tmp_path / "left.csv", tmp_path / "right.csv", tmp_path / "out.csv"
    for path, dates in ((left, [r[4] for r in rows]), (right, written)):
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(fields)
            writer.writerows((*r[:4], d) for r, d in zip(rows, dates, strict=True))
    assert cli.main(["xref", str(left), str(right), "--out", str(out)]) == 0
    found = {r["left_id"]: float(r["score"]) for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(found) == {"L1", "L2", "L3"}
    assert found["L1"] == found["L2"] > found["L3"] >= 0.5  # a year only weighs less


def test_a_file_that_writes_the_month_first_links_as_with_iso_dates(tmp_path):
    """A file exported month first (03/14/1980, as spreadsheets set up for the United
    States write dates, with their time of day and its AM or PM) gives the same pairs and
    scores as the same file with ISO dates, its 02/05/1981 read as 5 February too, and a
    date of it written day first (30/6/1990: no month 30) read so."""
    from paccto.matching import cli

    fields = ("id", "given_name", "surname", "date_of_birth")
    rows = [
        ("L1", "Marta", "Quintero", "1980-03-14"),
        ("L2", "Hernán", "Villegas", "1974-12-25"),
        ("L3", "Lucía", "Ferreyra", "1981-02-05"),
        ("L4", "Kevin", "Baptiste", "1990-06-30"),
        ("L5", "Dayana", "Mosquera", "1986-08-17"),
        ("L6", "Wilson", "Quiñónez", "1979-11-21"),
        ("L7", "Shirley", "Palacios", "1992-10-28"),
    ]
    month_first = [
        "03/14/1980", "12/25/1974 12:00:00 AM", "02/05/1981", "30/6/1990", "8/17/86",
        "11/21/1979", "10/28/1992",
    ]  # fmt: skip
    scores = []
    for dates in ([r[3] for r in rows], month_first):
        left, right, out = tmp_path / "left.csv", tmp_path / "right.csv", tmp_path / "out.csv"
        for path, written in ((left, [r[3] for r in rows]), (right, dates)):
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(fields)
                writer.writerows((*r[:3], d) for r, d in zip(rows, written, strict=True))
        assert cli.main(["xref", str(left), str(right), "--out", str(out)]) == 0
        scores.append(list(csv.reader(out.open(encoding="utf-8"))))
    assert scores[1] == scores[0] and len(scores[0]) == 8


def _bound_and_exact(record, others, households=True):
    """The bound and compare_persons' log-odds of one record against each of others."""
    import numpy as np

    from paccto.matching.compare import compare_persons
    from paccto.matching.prescore import Prepared, upper_bound

    at = np.zeros(len(others), dtype=np.int64)
    bound = upper_bound(Prepared([record]), at, Prepared(others), np.arange(len(others)))
    exact = np.array([compare_persons(record, other, households).log2_odds for other in others])
    return bound, exact


def test_the_bound_knows_when_one_surname_or_the_second_given_name_differs():
    """Relatives share a surname or a first given name: the bound gives them what the
    comparison gives (the family correction included), not the top name weights; a typo
    in a surname or a missing second given name keeps the bound open."""

    home = dict(date_of_birth="1990-01-02", address="Rua Augusta 12", phone="+351 912345678")
    ana = PersonRecord(given_name="María José", surname="Costa", second_surname="Melo", **home)
    others = [
        PersonRecord(given_name="María Fernanda", surname="Costa", second_surname="Melo", **home),
        PersonRecord(given_name="María José", surname="Costa", second_surname="Azevedo", **home),
        PersonRecord(given_name="María Josefa", surname="Costa", second_surname="Mello", **home),
        PersonRecord(given_name="María", surname="Costa", second_surname="Melo", **home),
    ]
    bound, exact = _bound_and_exact(ana, others)
    assert (bound >= exact - 1e-9).all()
    assert bound[:2].tolist() == pytest.approx(exact[:2].tolist())
    assert exact[0] < 0 < exact[1], "a sister is not her; the same name with one surname is"


def test_a_second_given_name_cut_short_is_no_relative_s_and_the_bound_knows_it():
    """Registers whose fields hold ten characters cut Javier Humberto to Javier Hum: the
    same person at the same address and date, not a brother (no family correction); the
    bound gives what the comparison gives."""

    home = dict(date_of_birth="1990-02-08", address="Transversal 36X # 64E-70", phone="3191755611")
    family = dict(surname="Ortega", second_surname="Ibarra", **home)
    javier = PersonRecord(given_name="Javier Humberto", **family)
    others = [
        PersonRecord(given_name="Javier Hum", **family),
        PersonRecord(given_name="Javier Hu", **family),
        PersonRecord(given_name="Javier Andrés", **family),
    ]
    bound, exact = _bound_and_exact(javier, others)
    assert (bound >= exact - 1e-9).all()
    assert exact[0] > 10 and exact[1] > 10, "cut short: the same person"
    assert exact[2] < 0, "a brother"
    for other in others[:2]:
        levels = {f.field: f.level for f in compare_persons(javier, other).features}
        assert levels["given name"] == "first" and "family" not in levels


def test_given_names_a_scanner_misread_are_one_and_the_bound_knows_it():
    """A character reader reads m as rn, d as cl, h as li: Rarnón is Ramón mistyped (a
    typo), not another man at his address; as a second given name too. The bound gives at
    least what the comparison gives."""
    home = dict(date_of_birth="1961-04-30", address="Calle Mayor 3", phone="915551234")
    ramon = PersonRecord(given_name="Ramón", surname="Gil", second_surname="Soto", **home)
    pairs = [
        (ramon, PersonRecord(given_name="Rarnón", surname="Gil", second_surname="Soto", **home)),
        (
            PersonRecord(given_name="Andrés", surname="Gil", **home),
            PersonRecord(given_name="Anclrés", surname="Gil", **home),
        ),
        (
            PersonRecord(given_name="Luis Nathan", surname="Gil", **home),
            PersonRecord(given_name="Luis Natlian", surname="Gil", **home),
        ),
    ]
    for a, b in pairs:
        bound, exact = _bound_and_exact(a, [b])
        assert bound[0] >= exact[0] - 1e-9
        assert compare_persons(a, b).probability > 0.99
        levels = {f.field: f.level for f in compare_persons(a, b).features}
        assert "family" not in levels, levels
    clara = PersonRecord(given_name="Clara", surname="Gil", **home)
    levels = {f.field: f.level for f in compare_persons(clara, pairs[1][0]).features}
    assert levels["given name"] == "different", "not at the first letter: Dara is not Clara"


def test_the_bound_keeps_surnames_swapped_with_a_typo_open():
    """Surnames in the other order with one mistyped share a code like a relative's, but
    compare better than "one differs": the bound leaves them the top surname weight."""
    luiz = PersonRecord(
        given_name="Luiz", surname="Teixeira", second_surname="Câmara", date_of_birth="1990-01-02"
    )
    others = [
        PersonRecord(given_name="Luiz", surname="Câmara", second_surname="Tixeira",
                     date_of_birth="1990-01-02"),
        PersonRecord(given_name="Luiz", surname="Câmara", second_surname="Pereira",
                     date_of_birth="1990-01-02"),
    ]  # fmt: skip
    bound, exact = _bound_and_exact(luiz, others)
    assert (bound >= exact - 1e-9).all()
    assert exact[0] > exact[1] + 4, "swapped with a typo, against a relative's other surname"
    assert bound[1] == pytest.approx(exact[1])


def _written_otherwise_still_link(left, right):
    """Each left record and the right record at its place, one person written two ways:
    the bound never undercuts the comparison (either way round), which links them, and
    ``xref`` finds exactly those pairs."""
    import numpy as np

    from paccto.matching.prescore import Prepared, upper_bound

    at = np.zeros(1, dtype=np.int64)
    for i in range(len(left)):
        for one, others in ((left[i], right), (right[i], left)):
            bound, exact = _bound_and_exact(one, others)
            assert (bound >= exact - 1e-9).all()
            assert exact[i] > 0
            # and in stages, asked for the pair's own score (a higher threshold)
            staged = upper_bound(Prepared([one]), at, Prepared([others[i]]), at, need=exact[i])
            assert staged[0] >= exact[i] - 1e-9
    found = xref_module.xref(left, right, 0.5)
    assert {(a, b) for a, b, _ in found} == {(x.id, y.id) for x, y in zip(left, right)}


def test_initials_written_as_two_capitals_are_bounded_and_linked():
    """A given-name field of two capitals that are no name (EA, AS, PY: Dutch and French
    files write initials so, without their dots) is two initials: the bound reads them as
    the comparison does, and xref links them to the names written out; AL and LI stay names."""
    born = {"date_of_birth": "1994-04-05", "gender": "F"}
    left = [
        PersonRecord(id="1", given_name="Esther Anna", surname="de Haan", **born),
        PersonRecord(id="2", given_name="Anne-Sophie", surname="Richard", **born),
        PersonRecord(id="3", given_name="Pierre-Yves", surname="Petit", date_of_birth="1958-04-23",
                     gender="M"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="EA", surname="de Haan", **born),
        PersonRecord(id="b", given_name="AS", surname="Richard", **born),
        PersonRecord(id="c", given_name="PY", surname="Petit", date_of_birth="1958-04-23",
                     gender="M"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_reads_abbreviated_names_as_their_full_form():
    """Ma. Guadalupe Hdez. and Fco. Javier Ruiz Glez are María Guadalupe Hernández and
    Francisco Javier Ruiz González: the bound gives them what the comparison does (a short
    form, the same surnames), and blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Ma. Guadalupe", surname="Hdez.",
                     second_surname="López", date_of_birth="1984-03-02"),
        PersonRecord(id="2", given_name="Fco. Javier", surname="Ruiz", second_surname="Glez",
                     date_of_birth="1979-11-30"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="María Guadalupe", surname="Hernández",
                     second_surname="López", date_of_birth="1984-03-02"),
        PersonRecord(id="b", given_name="Francisco Javier", surname="Ruiz",
                     second_surname="González",
                     date_of_birth="1979-11-30"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_italian_given_names_run_together_with_an_m_link():
    """Gian before p or b is written with m when run together: Giampaolo is Gian Paolo,
    Giambattista Gian Battista. The bound gives them the short form the comparison
    gives, in fields and in one field, and blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Giampaolo", surname="Rizzo", date_of_birth="1961-04-09"),
        PersonRecord(id="2", full_name="Giambattista Ferraro", date_of_birth="1958-12-01"),
        PersonRecord(id="3", given_name="Giampiero", surname="Galli", date_of_birth="1970-07-17"),
    ]
    right = [
        PersonRecord(id="a", full_name="Gian Paolo Rizzo", date_of_birth="1961-04-09"),
        PersonRecord(
            id="b", given_name="Gian Battista", surname="Ferraro", date_of_birth="1958-12-01"
        ),
        PersonRecord(id="c", given_name="Gian Piero", surname="Galli", date_of_birth="1970-07-17"),
    ]
    _written_otherwise_still_link(left, right)


def test_a_second_surname_written_as_none_links():
    """S/A, Sin segundo apellido, No registra, Não consta in the second surname's field are
    no surname: the bound gives such pairs the comparison's score, and blocking finds them
    (they met as relatives with another second surname, -2 bits, below the threshold)."""
    left = [
        PersonRecord(id="1", given_name="Ana", surname="Ruiz", second_surname="Gómez",
                     date_of_birth="1987-05-04"),
        PersonRecord(id="2", given_name="Luis", surname="Mora", date_of_birth="1961-10-23"),
        PersonRecord(id="3", given_name="João", surname="Lima", second_surname="Rocha",
                     date_of_birth="1970-07-17"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Ana", surname="Ruiz", second_surname="S/A",
                     date_of_birth="1987-05-04"),
        PersonRecord(id="b", given_name="Luis", surname="Mora",
                     second_surname="Sin segundo apellido", date_of_birth="1961-10-23"),
        PersonRecord(id="c", given_name="João", surname="Lima", second_surname="Não consta",
                     date_of_birth="1970-07-17"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_a_number_with_and_without_its_series_letters_links():
    """A Venezuelan cédula written V-12.873.490 in one file and 12873490 in the other (a
    Brazilian RG with and without its state) links as "series letters": the bound gives
    the comparison's weight, and the number's digits block the pair where the names and
    dates are written too differently to (Yusmary / Yusmari, no date on one side)."""
    left = [
        PersonRecord(id="1", given_name="Yusmary", surname="Pacheco",
                     document_number="V-12.873.490"),
        PersonRecord(id="2", given_name="Thiago", surname="Moreira", second_surname="Lima",
                     date_of_birth="1985-03-02", document_number="SP 23.456.789"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", full_name="PACHECO RANGEL YUSMARI", date_of_birth="1994-02-11",
                     document_number="12873490"),
        PersonRecord(id="b", given_name="Tiago", surname="Moreira", date_of_birth="1985-03-02",
                     document_number="23456789"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)
    from paccto.matching.compare import compare_persons

    assert {f.field: f.level for f in compare_persons(left[0], right[0]).features}[
        "document"
    ] == "series letters"


def test_a_tax_number_and_the_identity_card_it_is_made_of_link():
    """A bank's or an employer's file gives the CUIL (20-30111222-0), the police file the
    DNI inside it (30.111.222): "identity number in a tax number", the bound giving the
    comparison's weight, the DNI's digits blocking the pair where the names and dates are
    written too differently to (a Peruvian RUC, an Ecuadorian one likewise)."""
    left = [
        PersonRecord(id="1", given_name="Yésica", surname="Benítez",
                     document_number="CUIL 27-30111222-5"),
        PersonRecord(id="2", full_name="Wilmer Quispe", date_of_birth="1979-06-30",
                     document_number="10301112225"),
        PersonRecord(id="3", given_name="Jefferson", surname="Cedeño", second_surname="Mora",
                     document_number="1728394055001"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", full_name="BENITEZ ROLON JESICA", date_of_birth="1983-10-02",
                     document_number="30.111.222"),
        PersonRecord(id="b", given_name="Wilmer Hugo", surname="Quispe", second_surname="Mamani",
                     date_of_birth="1979-06-30", document_number="DNI 30111222"),
        PersonRecord(id="c", full_name="Yeferson Zedeño", date_of_birth="1990-01-01",
                     document_number="172839405-5"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)
    for a, b in zip(left, right, strict=True):
        levels = {f.field: f.level for f in compare_persons(a, b).features}
        assert levels["document"] == "identity number in a tax number"


def test_a_tax_number_and_its_identity_number_are_one_person_not_a_family():
    """A CUIL and the DNI in it agree: at one address with another given name (a sister
    would share the rest), the shared home still counts, as for a document that agrees."""
    home = {"address": "Av. Corrientes 1234", "city": "Buenos Aires", "phone": "1143210987"}
    a = PersonRecord("1", given_name="Yésica", surname="Benítez", document_number="27-30111222-5",
                     **home)  # fmt: skip
    b = PersonRecord("2", given_name="Paola", surname="Benítez", document_number="30.111.222",
                     **home)  # fmt: skip
    fields = {f.field: f.level for f in compare_persons(a, b).features}
    assert fields["document"] == "identity number in a tax number" and "family" not in fields
    assert "family" in {
        f.field for f in compare_persons(a, replace(b, document_number="")).features
    }


def test_names_written_with_an_alias_link():
    """An alias or nickname written with the name (alias, (a), vulgo, a.k.a., in quotes or
    in brackets) is no part of it, in fields and in one field: the bound gives such pairs
    the comparison's score, and blocking finds them."""
    left = [
        PersonRecord(id="1", given_name="Joaquín", surname="Guzmán", second_surname="Loera",
                     date_of_birth="1957-04-04"),
        PersonRecord(id="2", full_name="Edson Arantes do Nascimento", date_of_birth="1940-10-23"),
        PersonRecord(id="3", given_name="Marco", surname="Rossi", date_of_birth="1970-07-17"),
        PersonRecord(id="4", full_name="Juan Pérez Gómez", date_of_birth="1990-01-23"),
        PersonRecord(id="5", given_name="Ana", surname="Ruiz", second_surname="Gómez",
                     nationality="VE"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", full_name="GUZMÁN LOERA JOAQUÍN (a) EL CHAPO",
                     date_of_birth="1957-04-04"),
        PersonRecord(id="b", given_name="Edson", surname="Arantes do Nascimento, vulgo Pelé",
                     date_of_birth="1940-10-23"),
        PersonRecord(id="c", given_name='Marco "il Biondo"', surname="Rossi",
                     date_of_birth="1970-07-17"),
        PersonRecord(id="d", given_name="Juan", surname="Pérez Gómez a.k.a. Johnny Walker",
                     date_of_birth="1990-01-23"),
        # a list of aliases, read in the surname field as in the whole name (the bound
        # once read the fields' words with the second alias left: below the comparison)
        PersonRecord(id="e", given_name="Ana", surname="Ruiz alias Nena, alias Nenita",
                     second_surname="Gómez", nationality="CO"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)
    found = {a: s for a, _, s in xref_module.xref(left, right, 0.5)}
    assert min(v for k, v in found.items() if k != "5") > 0.99


def test_dutch_articles_written_out_or_cut_link():
    """van 't Hof is van het Hof, 's Gravesande des Gravesande, in 't Veld Veld, in fields
    and in one field, and as Dutch lists sort them (Hof, van 't): the bound gives them the
    comparison's score, and blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Jan", surname="van 't Hof", date_of_birth="1961-04-09"),
        PersonRecord(id="2", full_name="Anna 's Gravesande", date_of_birth="1958-12-01"),
        PersonRecord(id="3", given_name="Piet", surname="in 't Veld", date_of_birth="1970-07-17"),
        PersonRecord(id="4", given_name="Kees", surname="op de Beek", date_of_birth="1990-01-23"),
        PersonRecord(id="5", full_name="Els 't Hooft", date_of_birth="1949-06-30"),
    ]
    right = [
        PersonRecord(id="a", given_name="Jan", surname="van het Hof", date_of_birth="1961-04-09"),
        PersonRecord(
            id="b", given_name="Anna", surname="des Gravesande", date_of_birth="1958-12-01"
        ),
        PersonRecord(id="c", given_name="Piet", surname="Veld", date_of_birth="1970-07-17"),
        PersonRecord(id="d", given_name="Kees", surname="Beek, op de", date_of_birth="1990-01-23"),
        PersonRecord(id="e", given_name="Els", surname="het Hooft", date_of_birth="1949-06-30"),
    ]
    _written_otherwise_still_link(left, right)


def test_the_bound_reads_nationalities_as_the_comparison_reads_them():
    """ESP is ES, D<< is DE; XX, N/A and Desconocida are none: the bound weighs each pair's
    nationality as the comparison does (exactly: the pairs' bounds differ by what their
    comparisons do), and xref links the passport's ESP with the register's ES."""
    one = PersonRecord(
        id="1", given_name="Lucía", surname="Navarro", date_of_birth="1988-02-14", nationality="ESP"
    )
    written = ("ES", "es", "XX", "N/A", "Desconocida", "FR", "FRA", "", "Española", "D<<")
    others = [replace(one, id=f"r{k}", nationality=n) for k, n in enumerate(written)]
    bound, exact = _bound_and_exact(one, others)
    assert (bound >= exact - 1e-9).all()
    assert np.allclose(bound - bound[0], exact - exact[0])
    assert exact[0] > exact[2] > exact[5]  # the same, none, different
    germany = replace(one, nationality="DE")
    bound, exact = _bound_and_exact(germany, [others[-1], others[0]])
    assert np.allclose(bound - bound[0], exact - exact[0]) and exact[0] > exact[1]
    found = xref_module.xref([one], [others[5], others[0]], 0.5)
    assert [(a, b) for a, b, _ in found] == [("1", "r0")]


def test_a_name_in_one_field_with_a_part_not_known_links_by_the_rest():
    """NN García López is García López with no given name, as in separate fields; Juan
    Carlos NN is Juan Carlos read as written (N.N. de Boer stays a Dutch name's initials):
    the bound gives them what the comparison gives, and xref links them."""
    left = [
        PersonRecord(id="1", full_name="NN García López", date_of_birth="1983-05-30"),
        PersonRecord(id="2", full_name="Juan Carlos NN", date_of_birth="1979-02-11",
                     document_number="AB1234567"),
        PersonRecord(id="3", full_name="Desconocido Quispe Mamani", date_of_birth="1990-10-01"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Pedro", surname="García", second_surname="López",
                     date_of_birth="1983-05-30"),
        PersonRecord(id="b", given_name="Juan Carlos", surname="Rojas",
                     date_of_birth="1979-02-11", document_number="AB1234567"),
        PersonRecord(id="c", full_name="Rosa Quispe Mamani", date_of_birth="1990-10-01"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_quechua_surnames_written_the_spanish_way_link():
    """Huamán and Waman, Ccahuana and Qawana are one surname each, written as
    Spanish spelling wrote Quechua: the bound gives them the comparison's "sound", and
    blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Rosa", surname="Huamán", second_surname="Quispe",
                     date_of_birth="1985-08-19"),
        PersonRecord(id="2", full_name="Elmer Ccahuana Mamani", date_of_birth="1977-01-23"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Rosa", surname="Waman", second_surname="Kispe",
                     date_of_birth="1985-08-19"),
        PersonRecord(id="b", given_name="Elmer", surname="Qawana", second_surname="Mamani",
                     date_of_birth="1977-01-23"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_keeps_given_names_run_together():
    """Juancarlos and Juan Carlos, Mariajosé and María José, Gianmarco and Gian Marco share
    no given-name word but compare as "joined", also where the names are typed in each
    other's fields: the bound gives them what the comparison does, and blocking finds the
    pairs."""
    left = [
        PersonRecord(id="1", given_name="Juancarlos", surname="Pérez", second_surname="Gómez",
                     date_of_birth="1980-01-02"),
        PersonRecord(id="2", full_name="Mariajosé Lopez Diaz", date_of_birth="1975-06-30"),
        PersonRecord(id="3", given_name="Joseluis", surname="Mendonça", gender="M",
                     date_of_birth="1966-12-09"),
        PersonRecord(id="4", given_name="Gianmarco", surname="Rossi", date_of_birth="1988-03-04"),
        PersonRecord(id="5", full_name="Mariagrazia Bianchi", date_of_birth="1979-11-23"),
        PersonRecord(id="6", given_name="Pierpaolo", surname="Conte", gender="M",
                     date_of_birth="1961-07-15"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Juan Carlos", surname="Perez", second_surname="Gomez",
                     date_of_birth="1980-01-02"),
        PersonRecord(id="b", full_name="María José López Díaz", date_of_birth="1975-06-30"),
        PersonRecord(id="c", given_name="Mendonça", surname="José Luis", gender="M",
                     date_of_birth="1966-12-09"),
        PersonRecord(id="d", given_name="Gian Marco", surname="Rossi", date_of_birth="1988-03-04"),
        PersonRecord(id="e", given_name="Maria Grazia", surname="Bianchi",
                     date_of_birth="1979-11-23"),
        PersonRecord(id="f", given_name="Conte", surname="Pier Paolo", gender="M",
                     date_of_birth="1961-07-15"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_abd_names_written_other_ways_link():
    """Abderrahim and Abdel Rahim, Abdulaziz and Abd el-Aziz, Abdallah and Abdullah: one
    Arabic name in three transliterations, in fields or in one, with and without a date;
    the bound gives them what the comparison does, and blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Abderrahim", surname="Benali",
                     date_of_birth="1980-01-02"),
        PersonRecord(id="2", full_name="Abdulaziz El Amrani", date_of_birth="1975-06-30"),
        PersonRecord(id="3", given_name="Abdallah", surname="Haddad", gender="M",
                     date_of_birth="1966-12-09", document_number="X1234567"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Abdel Rahim", surname="Benali",
                     date_of_birth="1980-01-02"),
        PersonRecord(id="b", given_name="Abd el-Aziz", surname="El Amrani",
                     date_of_birth="1975-06-30"),
        PersonRecord(id="c", full_name="HADDAD, Abdullah", gender="M",
                     document_number="X1234567"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_a_surname_with_a_spelling_variant_and_a_typo_beside_a_shared_one_links():
    """Mralez Ledesma for Morales Ledesma (a letter left out, z for s): one typo of two, in
    fields, in one field, and typed in the given-name field; the bound gives them
    what the comparison does, and blocking finds them."""
    left = [
        PersonRecord(id="1", given_name="Luz", surname="Mralez", second_surname="Ledesma",
                     date_of_birth="1944-08-25"),
        PersonRecord(id="2", full_name="Ana Mralez Ledesma", date_of_birth="1971-03-09"),
        PersonRecord(id="3", given_name="Mralez Ledesma", surname="Rosa",
                     date_of_birth="1967-03-23"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Luz", surname="Morales", second_surname="Ledesma",
                     date_of_birth="1944-08-25"),
        PersonRecord(id="b", given_name="Ana", surname="Morales", second_surname="Ledesma",
                     date_of_birth="1971-03-09"),
        PersonRecord(id="c", full_name="Rosa Morales Ledesma", date_of_birth="1967-03-23"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_keeps_surnames_written_with_their_particles_joined():
    """De Luca Rossi and Deluca Rossi, dos Santos and Dossantos share no surname word but
    compare as "joined": the bound gives them what the comparison does, also where one
    shared surname and one other would otherwise be a relative's ("one differs"), and where
    every space of the surnames was dropped (Soares da Silva, SOARESDASILVA); blocking
    finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Marco", surname="De Luca", second_surname="Rossi",
                     date_of_birth="1975-04-11"),
        PersonRecord(id="2", given_name="Ana Beatriz", surname="Dossantos",
                     date_of_birth="1990-11-02"),
        PersonRecord(id="3", full_name="Rosa Delacruz", date_of_birth="1969-08-23"),
        # every space dropped, the particles kept
        PersonRecord(id="4", given_name="José", surname="SOARESDASILVA",
                     date_of_birth="2001-03-18"),
        PersonRecord(id="5", given_name="Maria", surname="da Silva",
                     second_surname="dos Santos", date_of_birth="1973-02-28"),
        PersonRecord(id="6", full_name="Luiz de Souza Ferreira", date_of_birth="1974-02-22"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Marco", surname="Deluca", second_surname="Rossi",
                     date_of_birth="1975-04-11"),
        PersonRecord(id="b", given_name="Ana Beatriz", surname="dos Santos",
                     date_of_birth="1990-11-02"),
        PersonRecord(id="c", full_name="Rosa de la Cruz", date_of_birth="1969-08-23"),
        PersonRecord(id="d", given_name="José", surname="Soares da Silva",
                     date_of_birth="2001-03-18"),
        PersonRecord(id="e", given_name="MARIA", surname="DASILVADOSSANTOS",
                     date_of_birth="1973-02-28"),
        PersonRecord(id="f", given_name="Luiz", surname="deSouzaFerreira",
                     date_of_birth="1974-02-22"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_gives_a_surname_written_as_one_word_what_the_comparison_does():
    """O'Brien and OBrien, Mc Donald and McDonald (also typed in the given-name field),
    El-Amrani and Elamrani, Casa Grande Nunes and Casagrande Nunes compare as "joined":
    the bound gives them as much (not a typo's weight), and blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Sean", surname="O'Brien", date_of_birth="1977-02-14"),
        PersonRecord(id="2", given_name="Mc Donald", surname="Ian", date_of_birth="1964-09-30"),
        PersonRecord(id="3", full_name="Mohammed El-Amrani", date_of_birth="1991-07-08"),
        PersonRecord(id="4", given_name="Cecília", surname="Casa Grande",
                     second_surname="Nunes", date_of_birth="1959-11-04"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Sean", surname="OBrien", date_of_birth="1977-02-14"),
        PersonRecord(id="b", given_name="Ian", surname="McDonald", date_of_birth="1964-09-30"),
        PersonRecord(id="c", given_name="Mohamed", surname="Elamrani",
                     date_of_birth="1991-07-08"),
        PersonRecord(id="d", given_name="Cecília", surname="Casagrande",
                     second_surname="Nunes", date_of_birth="1959-11-04"),
    ]  # fmt: skip
    from paccto.matching.compare import compare_persons

    for a, b in zip(left, right, strict=True):
        assert "joined" in {f.level for f in compare_persons(a, b).features}
    _written_otherwise_still_link(left, right)
    # at a threshold near the pair's own score too (the bound's stages)
    assert [(a, b) for a, b, _ in xref_module.xref(left[:1], right[:1], 0.99)] == [("1", "a")]


def test_the_bound_reads_a_surname_without_its_arabic_article():
    """El Amrani, Al-Amrani and Amrani, Ar-Rashid and Al Rashid, El Sayed and As-Sayed are
    one surname (the article tells no family from another), written apart, joined (in
    another of its forms too: Ash-Shami, Alshami) or left out, in fields, in one field or
    surname first (al-Ayoubi Hamza): the bound gives what the comparison does, and blocking
    finds the pairs; El Amrani and El Idrissi share no surname. A garbled pair too, whose
    given names read as surnames meet the other's article glued to its surname (Ala
    Eddine, Al aEddine: the bound reads the glued surnames there)."""
    left = [
        PersonRecord(id="1", given_name="Mohamed", surname="El Amrani",
                     date_of_birth="1983-05-17", gender="M"),
        PersonRecord(id="2", full_name="Omar Ar-Rashid", date_of_birth="1979-12-01"),
        PersonRecord(id="3", given_name="Ahmed", surname="El Sayed", second_surname="Tahiri",
                     date_of_birth="1990-02-08"),
        PersonRecord(id="4", full_name="AL-HASSAN, Karim", date_of_birth="1986-10-23"),
        PersonRecord(id="5", given_name="Walid", surname="Ash-Shami",
                     date_of_birth="1972-06-30"),
        PersonRecord(id="6", full_name="Fatima Zahra El Idrissi", date_of_birth="1995-03-09"),
        PersonRecord(id="7", given_name="Karim", surname="Al-Hassan",
                     date_of_birth="1988-01-19"),
        PersonRecord(id="8", full_name="Hashimi Zerrouki Abd El Kader",
                     date_of_birth="1962-07-22"),
        PersonRecord(id="9", full_name="al-Ayoubi Hamza", date_of_birth="1999-04-02"),
        PersonRecord(id="10", full_name="AL-AYOUBI AL-BAGHDADI, Ala Eddine",
                     date_of_birth="1970-05-05"),
        PersonRecord(id="11", given_name="Salma", surname="Ibn Zein", date_of_birth="1961-01-03"),
        PersonRecord(id="12", full_name="Mohamed Elamrani", date_of_birth="1977-04-25"),
        PersonRecord(id="13", full_name="ALHAKIM, Noureddine", date_of_birth="1960-12-24"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", full_name="Mohammed Amrani", date_of_birth="1983-05-17",
                     gender="M"),
        PersonRecord(id="b", given_name="Omar", surname="Al Rashid",
                     date_of_birth="1979-12-01"),
        PersonRecord(id="c", given_name="Ahmed", surname="As-Sayed", second_surname="Tahiri",
                     date_of_birth="1990-02-08"),
        PersonRecord(id="d", given_name="Karim", surname="Alhassan",
                     date_of_birth="1986-10-23"),
        PersonRecord(id="e", full_name="Walid Alshami", date_of_birth="1972-06-30"),
        PersonRecord(id="f", given_name="Fatima Zahra", surname="Elidrissi",
                     date_of_birth="1995-03-09"),
        PersonRecord(id="g", given_name="Karim", surname="Alhasan", date_of_birth="1988-01-19"),
        PersonRecord(id="h", full_name="Abd El Kader Hashimi Zerrouki",
                     date_of_birth="1962-07-22"),
        PersonRecord(id="i", given_name="Hamza", surname="Al Ayoubi",
                     date_of_birth="1999-04-02"),
        PersonRecord(id="j", full_name="Ayoubi al-Baghdadi Al aEddine",
                     date_of_birth="1970-05-05"),
        PersonRecord(id="k", full_name="Salma Ibn Elzein", date_of_birth="1961-01-03"),
        PersonRecord(id="l", given_name="Mohamed", surname="Amrani", date_of_birth="1977-04-25"),
        PersonRecord(id="m", full_name="Hakim Noureddine", date_of_birth="1960-12-24"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)
    other = PersonRecord(id="x", given_name="Mohamed", surname="El Idrissi",
                         date_of_birth="1983-05-17", gender="M")  # fmt: skip
    assert xref_module.xref(left[:1], [other], 0.5) == []
    # a prefix of many families shared alone is no family: O'Brien, O'Connor; Ait Ali, Ait Ahmed
    for one, two in (("O'Brien", "O'Connor"), ("Ait Ali", "Ait Ahmed")):
        a = PersonRecord(id="p", given_name="Rachid", surname=one, date_of_birth="1990-10-10")
        b = PersonRecord(id="q", given_name="Rachid", surname=two, date_of_birth="1990-10-10")
        assert xref_module.xref([a], [b], 0.5) == []


def test_the_bound_reads_other_spellings_of_a_given_name_as_its_forms():
    """Brayan Stiven is Brian Steven as Spanish spelling writes it, Muhammad is Mohamed in
    another transliteration: bound and comparison agree, and blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Brayan Stiven", surname="Rojas",
                     second_surname="Pineda", date_of_birth="2001-06-14"),
        PersonRecord(id="2", given_name="Muhammad", surname="El Idrissi",
                     date_of_birth="1988-02-09"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Brian Steven", surname="Rojas",
                     second_surname="Pineda", date_of_birth="2001-06-14"),
        PersonRecord(id="b", given_name="Mohamed", surname="El Idrissi",
                     date_of_birth="1988-02-09"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_reads_a_given_name_in_another_language_as_its_form():
    """Giuseppe is José, Jean Pierre Juan Pedro, Guillaume William; Vandenberg is van der
    Berg with its particles joined (der for den), Dykstra Dijkstra, Sta. María Santa María:
    bound and comparison agree, and blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Giuseppe", surname="Russo", second_surname="Bianchi",
                     date_of_birth="1958-10-05"),
        PersonRecord(id="2", given_name="Jean Pierre", surname="Lefèvre",
                     date_of_birth="1961-04-18"),
        PersonRecord(id="3", given_name="Guillaume", surname="Martin",
                     date_of_birth="1970-01-30"),
        PersonRecord(id="4", full_name="Jan van der Berg", date_of_birth="1972-06-21"),
        PersonRecord(id="5", given_name="Pieter", surname="Dijkstra",
                     date_of_birth="1983-12-04"),
        PersonRecord(id="6", given_name="Ana", surname="Sta. María", second_surname="Rojas",
                     date_of_birth="1966-05-19"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="José", surname="Russo", second_surname="Bianchi",
                     date_of_birth="1958-10-05"),
        PersonRecord(id="b", given_name="Juan Pedro", surname="Lefèvre",
                     date_of_birth="1961-04-18"),
        PersonRecord(id="c", given_name="William", surname="Martin",
                     date_of_birth="1970-01-30"),
        PersonRecord(id="d", full_name="Johannes Vandenberg", date_of_birth="1972-06-21"),
        PersonRecord(id="e", given_name="Pieter", surname="Dykstra",
                     date_of_birth="1983-12-04"),
        PersonRecord(id="f", given_name="Ana", surname="Santa María", second_surname="Rojas",
                     date_of_birth="1966-05-19"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_reads_romanian_polish_greek_and_basque_given_names_as_their_forms():
    """Gheorghe is Jorge, Ioana Juana, Alexandru Alejandro, Vasile Basilio (a Romanian's
    passport and a Spanish or Italian record), Paweł Pablo, Giorgos Georgios, the Catalan
    Jordi Jorge, the Basque Iñaki Ignacio: bound and comparison agree, and blocking finds
    the pairs."""
    left = [
        PersonRecord(id="1", given_name="Gheorghe", surname="Popescu", date_of_birth="1976-08-02"),
        PersonRecord(id="2", given_name="Ioana", surname="Dumitrescu", date_of_birth="1990-01-23"),
        PersonRecord(id="3", full_name="Alexandru Ionescu", date_of_birth="1984-11-09"),
        PersonRecord(id="4", given_name="Vasile", surname="Munteanu", date_of_birth="1969-05-30"),
        PersonRecord(id="5", given_name="Paweł", surname="Kowalski", date_of_birth="1981-03-15"),
        PersonRecord(id="6", given_name="Giorgos", surname="Papadopoulos",
                     date_of_birth="1972-07-07"),
        PersonRecord(id="7", full_name="Jordi Puig Ferrer", date_of_birth="1980-10-10"),
        PersonRecord(id="8", given_name="Iñaki", surname="Etxeberria", date_of_birth="1977-04-04"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Jorge", surname="Popescu", date_of_birth="1976-08-02"),
        PersonRecord(id="b", given_name="Juana", surname="Dumitrescu", date_of_birth="1990-01-23"),
        PersonRecord(id="c", given_name="Alejandro", surname="Ionescu", date_of_birth="1984-11-09"),
        PersonRecord(id="d", given_name="Basilio", surname="Munteanu", date_of_birth="1969-05-30"),
        PersonRecord(id="e", given_name="Pablo", surname="Kowalski", date_of_birth="1981-03-15"),
        PersonRecord(id="f", given_name="Georgios", surname="Papadopoulos",
                     date_of_birth="1972-07-07"),
        PersonRecord(id="g", given_name="Jorge", surname="Puig", second_surname="Ferrer",
                     date_of_birth="1980-10-10"),
        PersonRecord(id="h", given_name="Ignacio", surname="Etxeberria",
                     date_of_birth="1977-04-04"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_reads_a_diminutive_as_the_name_it_is_made_of():
    """Jorgito is Jorge, Marquitos Marcos, Nachito Nacho (Ignacio), Joãozinho João, in a
    field or in one: bound and comparison agree, and blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Jorgito", surname="Rojas", second_surname="Pineda",
                     date_of_birth="2001-06-14"),
        PersonRecord(id="2", full_name="Marquitos Quintero Vélez", date_of_birth="1988-02-09"),
        PersonRecord(id="3", given_name="Nachito", surname="Arrieta", date_of_birth="1975-07-21"),
        PersonRecord(id="4", given_name="Joãozinho", surname="Siqueira",
                     date_of_birth="1990-10-02"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Jorge", surname="Rojas", second_surname="Pineda",
                     date_of_birth="2001-06-14"),
        PersonRecord(id="b", given_name="Marcos", surname="Quintero", second_surname="Vélez",
                     date_of_birth="1988-02-09"),
        PersonRecord(id="c", given_name="Ignacio", surname="Arrieta", date_of_birth="1975-07-21"),
        PersonRecord(id="d", full_name="João Siqueira", date_of_birth="1990-10-02"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_reads_a_joined_surname_typed_as_a_given_name():
    """Willem van der Berg written "Vandenberg Willem" in one field (read as the given name
    Vandenberg and the surname Willem), Ana de Luca with her names in each other's fields
    and the surname joined: the comparison reads the names swapped and the surnames joined
    (0.99); the bound did not take the joined surname as shared crosswise and fell under
    the threshold, so ``xref`` missed the pairs."""
    left = [
        PersonRecord(id="1", given_name="Willem", surname="van der Berg",
                     date_of_birth="1972-06-21"),
        PersonRecord(id="2", given_name="Ana", surname="de Luca", second_surname="Rossi",
                     date_of_birth="1980-02-11"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", full_name="Vandenberg Willem", date_of_birth="1972-06-21"),
        PersonRecord(id="b", given_name="Deluca Rossi", surname="Ana",
                     date_of_birth="1980-02-11"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_a_short_form_meets_the_name_in_another_language():
    """Tony is Antonio, Antoine is Antonio; Paco is Francisco, François is Francisco: the
    short form of one language against the full name of another compares as a short form
    (it was "different", -7 bits), and the bound and blocking follow."""
    left = [
        PersonRecord(id="1", given_name="Tony", surname="Martin", date_of_birth="1977-08-14"),
        PersonRecord(id="2", given_name="Paco", surname="Girard", second_surname="Rey",
                     date_of_birth="1969-03-03"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Antoine", surname="Martin", date_of_birth="1977-08-14"),
        PersonRecord(id="b", full_name="François Girard Rey", date_of_birth="1969-03-03"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_a_married_name_links_with_either_surname():
    """Marie Martin née Dupont is Marie Dupont and Marie Martin; María López Vda. de García
    is María López Fernández (her mother's surname left out) and María García. Each was
    read as one name with the marker a surname ("different", -6 bits)."""
    left = [
        PersonRecord(id="1", given_name="Marie", surname="Dupont", date_of_birth="1955-02-17"),
        PersonRecord(id="2", given_name="María", surname="López", second_surname="Fernández",
                     date_of_birth="1948-11-03"),
        PersonRecord(id="3", full_name="Anna Jansen geb. de Vries", date_of_birth="1962-05-30"),
        PersonRecord(id="4", given_name="Maria", surname="Rossi", date_of_birth="1971-09-09"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", full_name="Marie Martin née Dupont", date_of_birth="1955-02-17"),
        PersonRecord(id="b", full_name="María López Vda. de García",
                     date_of_birth="1948-11-03"),
        PersonRecord(id="c", given_name="Anna", surname="Jansen", date_of_birth="1962-05-30"),
        PersonRecord(id="d", given_name="Maria", surname="Bianchi", second_surname="in Rossi",
                     date_of_birth="1971-09-09"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_of_a_married_name_keeps_its_generation_mark():
    """A married name's readings all carry the name's generation mark, which the bound
    reads from the first: Marie Martin née Dupont Jr against Marie Martin Sr (the bound
    once read no mark from the married reading, and fell under the comparison)."""
    home = dict(date_of_birth="1990-01-02")
    for one, other in (
        (PersonRecord(full_name="Marie Martin née Dupont Jr", **home),
         PersonRecord(full_name="Marie Martin Sr", **home)),
        (PersonRecord(given_name="Marie", surname="Martin née Dupont Filho", **home),
         PersonRecord(given_name="Marie", surname="Martin Neto", **home)),
    ):  # fmt: skip
        for a, b in ((one, other), (other, one)):
            bound, exact = _bound_and_exact(a, [b])
            assert bound[0] >= exact[0] - 1e-9


def test_initials_run_together_link_as_initials_do():
    """JC Pérez is J. C. Pérez, which may be Juan Carlos Pérez: an initial each, as with
    the dots (it compared "different", -7 bits, and the pair was lost). An initial with no
    sound of its own (H.) made the block keys fail (an empty initial): it links too."""
    left = [
        PersonRecord(id="0", given_name="Hugo", surname="Pérez", second_surname="Gómez",
                     date_of_birth="1972-06-21", document_number="78234519"),
        PersonRecord(id="1", given_name="Juan Carlos", surname="Pérez", second_surname="Gómez",
                     date_of_birth="1972-06-21", document_number="43512876"),
        PersonRecord(id="2", full_name="María José López Rivas", date_of_birth="1980-02-11",
                     phone="+57 310 555 0101"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="z", given_name="H.", surname="Pérez", second_surname="Gómez",
                     date_of_birth="1972-06-21", document_number="78234519"),
        PersonRecord(id="a", given_name="JC", surname="Pérez", second_surname="Gómez",
                     date_of_birth="1972-06-21", document_number="43512876"),
        PersonRecord(id="b", full_name="LÓPEZ RIVAS, MJ", date_of_birth="1980-02-11",
                     phone="+57 310 555 0101"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_gives_exact_name_levels_only_to_the_same_words():
    """Names that share a sound but not their words (Souza and Sousa, Jorge and Jorje) can
    compare by sound or as a short form, never as exact: the bound gives them the best of
    those levels, not the exact ones."""
    import numpy as np

    from paccto.matching.compare import compare_persons

    home = dict(date_of_birth="1990-01-02", address="Rua Augusta 12", city="Lisboa")
    left = PersonRecord(given_name="Jorge", surname="Souza", second_surname="Melo", **home)
    others = [
        PersonRecord(given_name="Jorge", surname="Sousa", second_surname="Melo", **home),
        PersonRecord(given_name="Jorje", surname="Souza", second_surname="Melo", **home),
        PersonRecord(given_name="Jorge", surname="Souza", second_surname="Melo", **home),
    ]
    bound, exact = _bound_and_exact(left, others)
    levels = [{f.field: f.level for f in compare_persons(left, o).features} for o in others]
    assert [lv["surname"] for lv in levels] == ["sound", "both exact", "both exact"]
    assert [lv["given name"] for lv in levels] == ["exact", "short form", "exact"]
    # The best level of surnames that are not the same words is one typo of two (6 bits
    # against 5.5 by sound); before, the top ones: both exact (8), the given name exact (4.5).
    assert bound.tolist() == pytest.approx((exact + np.array([0.5, 0.0, 0.0])).tolist())


def test_the_bound_tests_the_spelling_of_swapped_names_that_share_no_code():
    """María Ceri and Beatriz María Nunes: her given name is one of the other's surnames
    when read with two, so the names may have been typed in each other's fields; but then
    Ceri would have to be Beatriz, which no spelling makes it. The bound says so (it gave
    them the swapped reading at a typo's weight); names really typed in each other's
    fields keep theirs, and a surname that is a short form of the other's given name too."""

    home = dict(date_of_birth="1990-01-02")
    maria = PersonRecord(given_name="María", surname="Ceri", **home)
    others = [
        PersonRecord(full_name="Beatriz María Nunes", **home),
        PersonRecord(given_name="Ceri", surname="María", **home),
    ]
    bound, exact = _bound_and_exact(maria, others)
    assert (bound >= exact - 1e-9).all()
    assert bound[0] < 0 < exact[1] <= bound[1], "the stranger falls under even odds"
    # A surname that is a short form of the other's given name (Paco, Francisco), the
    # fields exchanged: the bound once gave it a typo's weight, under the comparison's.
    paco = PersonRecord(given_name="Nunes Silva", surname="Paco", **home)
    francisco = PersonRecord(
        given_name="Francisco", surname="Nunes", second_surname="Silva", **home
    )
    bound, exact = _bound_and_exact(paco, [francisco])
    assert bound[0] >= exact[0] - 1e-9


@pytest.mark.parametrize("households", [True, False])
def test_the_bound_weighs_dates_of_birth_exactly_as_the_comparison(households):
    """Every level of date agreement, on arrays (the digits four bits each), gives what
    compare.birth_date_feature gives: digits transposed, day and month swapped, both with
    one more digit, a year off by one, a generation apart, partial and missing dates, 1
    January (the year alone too)."""
    import itertools

    import numpy as np

    from paccto.matching.compare import birth_date_feature
    from paccto.matching.prescore import Prepared, _date_weights

    dates = [
        "1985-03-12", "1985-03-21", "1985-12-03", "1958-03-12", "1985-03-13", "1986-03-12",
        "1985-12-04", "1986-12-03", "1985-30-12", "1958-30-12", "1985-03", "1985", "1986-03",
        "2003-03-12", "2003-12", "", "1985-31-02", "1895-03-12", "1985-03-2",
        "1904-03-12", "1965-12-03", "1943-03-12",  # a generation apart, the same day
        # 1 January, also read as the year alone (dates.year_placeholder)
        "1985-01-01", "1986-01-01", "1984-01-01", "1985-01-02", "1985-10-01", "1985-01-10",
        "1985-11-01", "1984-12-31", "1985-01", "1970-01-01", "1935-01-01", "1985-00-00",
    ]  # fmt: skip
    records = [PersonRecord(full_name="Ana Lima", date_of_birth=d) for d in dates]
    pairs = list(itertools.product(range(len(records)), repeat=2))
    ia = np.array([i for i, _ in pairs])
    ib = np.array([j for _, j in pairs])
    table = Prepared(records)
    weights = _date_weights(table, ia, table, ib, households)
    expected = [birth_date_feature(records[i], records[j], households) for i, j in pairs]
    assert weights.tolist() == [f.weight for f in expected]
    assert len({f.level for f in expected}) >= 10, "the table shows the levels"


def test_the_bound_weighs_documents_and_phones_exactly_as_the_comparison():
    """Documents and phones compared byte by byte in 64-bit words give what
    compare.document_feature and phone_feature give: the same, a check character, one
    character changed, two neighbours swapped, another length, two valid lifelong numbers
    of one scheme (documents longer than the rows are bounded)."""
    import itertools

    import numpy as np

    from paccto.matching.compare import document_feature, phone_feature
    from paccto.matching.prescore import Prepared, _document_weights, _phone_weights

    values = [
        ("AB123456", "912345678"), ("AB123465", "912345687"), ("AB12345", "91234567"),
        ("AB1234567", "9123456789"), ("BA123456", "192345678"), ("AB123457", "912345679"),
        ("K7" * 15, "1" * 12), ("K7" * 15 + "Y", "12"), ("12345678901234567890123", "123456"),
        ("12345678901234567890132", "123465"), ("", ""), ("A", "1"), ("ZZ9999999", "55512345"),
        # Valid lifelong numbers: two DNIs, two CPFs, a NIE (another scheme), one DNI mistyped
        ("43512876G", ""), ("78234519L", ""), ("945.807.302-24", ""), ("157.368.193-84", ""),
        ("X3636122Y", ""), ("43512867G", ""), ("S/N", ""),
        ("GAPA800412HJCRRN00", ""), ("GAPA800422HJCRRN00", ""),  # two valid CURPs: a typo
        # a number with and without its series letters (a cédula's V, an RG's state)
        ("V-12.873.490", ""), ("12873490", ""), ("E12873490", ""), ("SP 23.456.789", ""),
        ("23456789", ""), ("MG23456789", ""),
        # tax numbers made of an identity card's: CUILs, a RUC, their DNI, a wrong check
        ("20-30111222-0", ""), ("27-30111222-5", ""), ("30.111.222", ""), ("10301112225", ""),
        ("20-30111222-1", ""), ("1728394055001", ""), ("1728394055", ""),
    ]  # fmt: skip
    records = [PersonRecord(full_name="Ana Lima", document_number=d, phone=p) for d, p in values]
    pairs = list(itertools.product(range(len(records)), repeat=2))
    ia = np.array([i for i, _ in pairs])
    ib = np.array([j for _, j in pairs])
    table = Prepared(records)
    documents = [document_feature(records[i], records[j]) for i, j in pairs]
    phones = [phone_feature(records[i], records[j]) for i, j in pairs]
    weights = _document_weights(table, ia, table, ib)
    expected = np.array([f.weight for f in documents])
    # Numbers longer than the rows (24 characters) are bounded by an exact match.
    long = np.array([max(len(values[i][0]), len(values[j][0])) > 24 for i, j in pairs])
    assert weights[~long].tolist() == expected[~long].tolist()
    assert (weights[long] >= expected[long]).all()
    assert _phone_weights(table, ia, table, ib).tolist() == [f.weight for f in phones]
    assert len({f.level for f in documents}) == 8 and len({f.level for f in phones}) == 4


def test_the_bound_weighs_emails_as_the_mailboxes_the_comparison_reads():
    """A tag after + and Gmail's dots reach the same mailbox: the bound weighs emails
    exactly as compare.email_feature, and blocking by email finds the pair."""
    import itertools

    import numpy as np

    from paccto.matching.compare import email_feature
    from paccto.matching.prescore import Prepared, _contact_weights

    emails = [
        "ana.rojas+banco@outlook.com", "Ana.Rojas@outlook.com", "anarojas@outlook.com",
        "a.na.rojas@googlemail.com", "anarojas+x@gmail.com", "+ana@example.org", "",
        "ana@example.org",
    ]  # fmt: skip
    records = [PersonRecord(full_name="Ana Lima", email=e) for e in emails]
    pairs = list(itertools.product(range(len(records)), repeat=2))
    ia, ib = np.array([i for i, _ in pairs]), np.array([j for _, j in pairs])
    table = Prepared(records)
    expected = [email_feature(records[i], records[j]).weight for i, j in pairs]
    assert _contact_weights(table, ia, table, ib).tolist() == expected
    left = [PersonRecord(id="1", full_name="Ana Lima", email="a.na.rojas@googlemail.com")]
    right = [PersonRecord(id="a", full_name="Lucía Prado", email="anarojas+x@gmail.com")]
    assert candidate_pairs(left, right) == [(0, 0)]


def test_name_readings_left_out_could_not_have_done_better(monkeypatch):
    """``compare._name_features`` skips readings and swaps that could not weigh strictly
    more than the best so far: on blocked and random pairs of the generated files, and on
    names typed crosswise, its features are those of comparing every reading."""
    import random

    from paccto.matching import compare

    left, right = _generated_records()
    pairs = [(left[i], right[j]) for i, j in candidate_pairs(left, right)]
    rng = random.Random(7)
    pairs += [(rng.choice(left), rng.choice(right)) for _ in range(2000)]
    crosswise = [
        (
            PersonRecord(full_name="Ana María López García"),
            PersonRecord(full_name="López García Ana María"),
        ),
        (
            PersonRecord(given_name="Pérez", surname="Juan"),
            PersonRecord(given_name="Juan", surname="Pérez"),
        ),
        (
            PersonRecord(given_name="Gómez Ruiz", surname="Pepe"),
            PersonRecord(full_name="José Gómez Ruiz"),
        ),
    ]
    pairs += crosswise + [(b, a) for a, b in crosswise]
    pruned = [compare._name_features(a, b) for a, b in pairs]
    monkeypatch.setattr(compare, "BEST_NAME_WEIGHT", float("inf"))
    monkeypatch.setattr(compare, "BEST_SWAPPED_WEIGHT", float("inf"))
    every = [compare._name_features(a, b) for a, b in pairs]
    assert pruned == every
    assert sum(any(f.field == "name order" for f in fs) for fs in every) >= 3


def test_both_cores_give_what_one_gives(monkeypatch):
    """The forked paths (each file prepared in parts and the parts joined, the bound and the
    full comparison in worker processes) write what one process writes: xref, its --all,
    and dedupe."""
    left, right = _generated_records()
    alone = (
        xref(left, right, workers=1),
        xref(left, right, all_pairs=True, workers=1),
        dedupe(left + right, workers=1),
    )
    monkeypatch.setattr(xref_module, "PARALLEL_RECORDS", 0)
    monkeypatch.setattr(xref_module, "PART_RECORDS", 97)  # several parts a file
    monkeypatch.setattr(xref_module, "SINGLE_PROCESS_PAIRS", 0)
    monkeypatch.setattr(xref_module, "PARALLEL_COMPARE", 0)
    together = (
        xref(left, right, workers=2),
        xref(left, right, all_pairs=True, workers=2),
        dedupe(left + right, workers=2),
    )
    assert together == alone
    assert len(alone[0]) > 50 and len(left) > 4 * 97


@pytest.mark.parametrize(
    ("failure", "code", "message"),
    [
        (
            WorkerError("a worker process (pid 7) ended without answering"),
            1,
            "a worker process failed",
        ),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_the_command_line_says_when_a_worker_dies_or_it_is_interrupted(
    files, tmp_path, monkeypatch, capsys, failure, code, message
):
    from paccto.matching import cli

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(cli, "xref", fail)
    out = tmp_path / "pairs.csv"
    assert cli.main(["xref", str(files[0]), str(files[1]), "--out", str(out)]) == code
    assert f"paccto xref: {message}" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("command", ["xref", "dedupe"])
def test_the_command_runs_without_the_cyclic_collector_between_its_steps(
    files, tmp_path, monkeypatch, command
):
    """Read, linked and written with the collector off throughout (it walked the records
    each time it came back on between the steps); on again afterwards."""
    import gc

    from paccto.matching import cli

    seen = []
    for step in ("read_records", "write_csv"):
        real = getattr(cli, step)

        def watched(*args, _real=real, **kwargs):
            seen.append(gc.isenabled())
            return _real(*args, **kwargs)

        monkeypatch.setattr(cli, step, watched)
    out = tmp_path / "out.csv"
    inputs = [str(f) for f in (files if command == "xref" else files[:1])]
    assert gc.isenabled()
    assert cli.main([command, *inputs, "--out", str(out)]) == 0
    assert seen and not any(seen)
    assert gc.isenabled() and out.exists()


def test_the_bound_reads_c_cedilla_and_ss_alike():
    """Gonçalves and Gonssalves, Ruço (folded Ruco) and Russo share no sound code but
    compare as a typo (``names.cedilla_sound``), in fields or in one: the bound gives them
    what the comparison does, and blocking finds the pairs."""
    left = [
        PersonRecord(id="1", given_name="Ana", surname="Gonçalves", date_of_birth="1980-03-14",
                     gender="F", nationality="PT"),
        PersonRecord(id="2", full_name="Marco Ruço", date_of_birth="1969-11-02", gender="M"),
        PersonRecord(id="3", given_name="Maria da", surname="Conceição", gender="F",
                     date_of_birth="1990-05-21", city="Braga"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", full_name="Ana Gonssalves", date_of_birth="1980-03-14",
                     gender="F", nationality="PT"),
        PersonRecord(id="b", given_name="Marco", surname="Russo", date_of_birth="1969-11-02",
                     gender="M"),
        PersonRecord(id="c", given_name="Maria da", surname="Conseissão", gender="F",
                     date_of_birth="1990-05-21", city="Braga"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_reads_giovanni_battista_however_written():
    """Giambattista, Giovan Battista, Giovanni Battista: one name (a short form), in fields
    or in one; the bound gives them what the comparison does, and blocking finds the
    pairs."""
    left = [
        PersonRecord(id="1", given_name="Giovanni Battista", surname="Rossi",
                     date_of_birth="1950-01-01", city="Genova"),
        PersonRecord(id="2", full_name="Giambattista Esposito", date_of_birth="1961-07-30"),
        PersonRecord(id="3", given_name="Maria Giambattista", surname="Russo",
                     date_of_birth="1972-02-11"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", full_name="Giambattista Rossi", date_of_birth="1950-01-01",
                     city="Genova"),
        PersonRecord(id="b", given_name="Giovan Battista", surname="Esposito",
                     date_of_birth="1961-07-30"),
        PersonRecord(id="c", given_name="Maria Giovanbattista", surname="Russo",
                     date_of_birth="1972-02-11"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_the_bound_reads_a_surname_written_as_its_initial():
    """Juan Pérez G. and Juan Pérez García share a surname and the other's initial: the
    comparison's "one of two", which the bound gives (not "one differs"), and blocking
    finds the pairs."""
    left = [
        PersonRecord(id="1", full_name="Juan Pérez G.", date_of_birth="1980-03-14"),
        PersonRecord(id="2", given_name="Ana", surname="Lima", second_surname="Q.",
                     date_of_birth="1991-06-02", gender="F"),
    ]  # fmt: skip
    right = [
        PersonRecord(id="a", given_name="Juan", surname="Pérez", second_surname="García",
                     date_of_birth="1980-03-14"),
        PersonRecord(id="b", full_name="Ana Lima Quispe", date_of_birth="1991-06-02",
                     gender="F"),
    ]  # fmt: skip
    _written_otherwise_still_link(left, right)


def test_a_brother_and_a_sister_named_alike_are_not_linked():
    """Francisco (M) and Francisca (F), twins: the bound keeps the pair open (it reads the
    names as a typo apart), the comparison sets it below the threshold, and ``xref`` links
    neither; the same records without a sex are one person mistyped."""
    born = {"date_of_birth": "2003-05-05", "nationality": "ES"}
    left = [PersonRecord(id="1", full_name="Francisco Torres Vidal", gender="M", **born)]
    right = [PersonRecord(id="a", full_name="Francisca Torres Vidal", gender="F", **born)]
    bound, exact = _bound_and_exact(left[0], right)
    assert (bound >= exact - 1e-9).all()
    assert xref_module.xref(left, right, 0.5) == []
    unsexed = [dataclasses.replace(r, gender="") for r in (*left, *right)]
    assert [(a, b) for a, b, _ in xref_module.xref(unsexed[:1], unsexed[1:], 0.5)] == [("1", "a")]


def test_pairs_come_by_score_then_by_ids():
    left, right = _generated_records()
    for all_pairs in (False, True):
        found = xref(left, right, 0.01, all_pairs=all_pairs)
        assert len(found) > 50
        assert found == sorted(found, key=lambda row: (-row[2], row[0], row[1]))
        assert len({p for _, _, p in found}) < len(found)  # ties ordered by the ids


def _cut_file_pair(width=20):
    """Persons in split fields on the left, and the same persons on the right with the
    whole name in one field cut at ``width`` characters, as a fixed-width register keeps
    it; Faker's Spanish and Portuguese names. And strangers: for each person, another with
    the same first given name and date of birth, no second given name or another, and
    other surnames (as many as a large file holds for the commonest names)."""
    from faker import Faker

    fake = Faker(["es_ES", "es_MX", "pt_BR"])
    fake.seed_instance(7)
    left, right, strangers = [], [], []
    for k in range(400):
        given = f"{fake.first_name()} {fake.first_name()}"
        first, second = fake.last_name(), fake.last_name()
        dob = fake.date_of_birth(minimum_age=18, maximum_age=80).isoformat()
        strangers.append(
            PersonRecord(
                id=f"S{k}",
                # (half with the first given name alone: Maria for Maria Jose Garcia Lo)
                given_name=given.split()[0] + (f" {fake.first_name()}" if k % 2 else ""),
                surname=fake.last_name(),
                second_surname=fake.last_name(),
                date_of_birth=dob,
            )
        )
        left.append(
            PersonRecord(
                id=f"L{k}",
                given_name=given,
                surname=first,
                second_surname=second,
                date_of_birth=dob,
            )
        )
        right.append(
            PersonRecord(
                id=f"R{k}",
                full_name=f"{given} {first} {second}"[:width].rstrip(),
                date_of_birth=dob,
            )
        )
    return left, right, strangers


def _write(path, records):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["id", "full_name", "given_name", "surname", "second_surname", "date_of_birth"]
        )
        for r in records:
            writer.writerow(
                [r.id, r.full_name, r.given_name, r.surname, r.second_surname, r.date_of_birth]
            )


def test_a_field_cut_at_a_fixed_width_is_found_by_its_lengths():
    """``cut_widths``: many distinct values of one length, the lengths around it far fewer;
    natural lengths spread, and one value repeated (PERSONA DESCONOCIDA) is no width."""
    from paccto.matching.xref import cut_widths

    left, right, _ = _cut_file_pair()
    # (19: cut where a space was, and the space stripped)
    assert 20 in cut_widths([r.full_name for r in right]) <= {19, 20}
    whole = [f"{r.given_name} {r.surname} {r.second_surname}" for r in left]
    assert cut_widths(whole) == set()
    assert cut_widths(whole + ["PERSONA DESCONOCIDA"] * 500) == set()
    assert cut_widths([]) == set()


def test_a_value_cut_where_a_space_was_is_marked_too():
    """A value one shorter than the width was cut where a space was, the space stripped
    (Douglas Rodrigo dos): marked with the others, though few enough to show no width."""
    from paccto.matching.compare import is_cut
    from paccto.matching.xref import cut_widths, mark_cut_names

    _, right, _ = _cut_file_pair()
    file = [replace(r) for r in right if len(r.full_name) == 20]
    file += [replace(r) for r in right if len(r.full_name) == 19][:3]
    assert cut_widths([r.full_name for r in file]) == {20}
    assert mark_cut_names(file) == len(file)
    assert all(is_cut(r) for r in file[-3:])


def test_a_large_file_is_looked_at_in_a_sample_first():
    """``mark_cut_names`` looks for widths in every k-th record of a large file, then in
    all of them: the same records marked as looking at all at once; none in a file whose
    sample shows no width."""
    from paccto.matching.compare import is_cut
    from paccto.matching.xref import mark_cut_names

    left, right, _ = _cut_file_pair()
    every = [replace(r) for r in right]
    assert mark_cut_names(every) > 100
    sampled = [replace(r) for r in right]
    assert mark_cut_names(sampled, sample=150) == sum(map(is_cut, every))
    assert [is_cut(r) for r in sampled] == [is_cut(r) for r in every]
    whole = [PersonRecord(full_name=f"{r.given_name} {r.surname} {r.second_surname}") for r in left]
    assert mark_cut_names(whole, sample=150) == 0


def test_names_cut_at_a_fixed_width_link_to_the_whole_names(tmp_path):
    """A file whose names were cut at 20 characters (Manuel Francisco Dom): the records at
    that length are marked, their last word may begin the other's surname, and xref links
    them to the whole names. The same cut words in a file with no width to show for them
    stay different surnames; the bound stays a bound (their names left open)."""
    from paccto.matching.compare import is_cut, mark_cut

    left, right, strangers = _cut_file_pair()
    _write(tmp_path / "l.csv", left + strangers)
    _write(tmp_path / "r.csv", right)
    read_left, read_right = read_records(tmp_path / "l.csv"), read_records(tmp_path / "r.csv")
    marked = [r for r in read_right if is_cut(r)]
    assert len(marked) > 100 and all(len(r.full_name) in (19, 20) for r in marked)
    assert not any(map(is_cut, read_left))
    truth = {(f"L{k}", f"R{k}") for k in range(len(left))}
    found = {(a, b) for a, b, _ in xref(read_left, read_right, workers=1)}
    cut_truth = {(f"L{r.id[1:]}", r.id) for r in marked}
    assert len(cut_truth & found) >= 0.97 * len(cut_truth)
    # The strangers with the same given names and date of birth stay strangers, but where
    # their own surnames happen to begin as the cut letters do (Dom: Domingo, Domínguez).
    assert len(found - truth) <= len(strangers) // 50
    # Unmarked (a file of one such record shows no width), most cut words are other surnames.
    unmarked = [(left[int(r.id[1:])], replace(r)) for r in marked]  # new records, unmarked
    apart = [
        (whole, cut) for whole, cut in unmarked if compare_persons(whole, cut).probability < 0.5
    ]
    assert len(apart) > len(marked) // 3
    for whole, cut in apart:
        mark_cut(cut)
        assert compare_persons(whole, cut).probability >= 0.5
    # Marked records' bound never below the comparison, with the strangers beside them.
    _bounded_every_pair(read_left[:60] + read_left[len(left) : len(left) + 60], marked[:60])


@pytest.mark.parametrize(
    ("cut", "whole", "level"),
    [
        (
            ("Manuel Francisco", "Pereira Guer"),
            ("Manuel Francisco", "Pereira Guerreiro"),
            "cut short after one",
        ),
        (("Manuel Francisco", "Dom"), ("Manuel Francisco", "Domínguez Vega"), "cut short"),
        (("Petrus", "va"), ("Petrus", "van Wijk"), "cut to its initials"),
        (("Maria", "dos Sa"), ("Maria", "dos Santos Silva"), "cut to its initials"),
        (("Manuel Francisco", "Dom"), ("Manuel Francisco", "Martínez Vega"), "different"),
        (("Manuel Francisco", "Pereira Gue"), ("Manuel Francisco", "Pereira Silva"), "one differs"),
    ],
)
def test_a_surname_cut_short_begins_the_other(cut, whole, level):
    """``compare._cut_surname``: the letters left of a cut surname begin the other's
    surnames (particles dropped or kept), weighed by what is left; surnames they do not
    begin differ as before."""
    from paccto.matching.compare import mark_cut

    short = PersonRecord(given_name=cut[0], surname=cut[1], date_of_birth="1970-01-01")
    mark_cut(short)
    other = PersonRecord(given_name=whole[0], surname=whole[1], date_of_birth="1970-01-01")
    for a, b in ((short, other), (other, short)):
        feature = compare_persons(a, b).features[0]
        assert (feature.field, feature.level) == ("surname", level)


def test_a_chinese_name_beside_a_name_of_the_country_is_bounded_and_linked():
    """A Chinese person registered with a name of the country before the pinyin one, run
    together (Lucía Yanping; Yan Ping in another file): one given name shared, in the
    comparison, the bound (in fields and in one field) and xref; a sister named otherwise
    (Yanhong) is not."""
    left = [
        PersonRecord(id="a", given_name="Yan Ping", surname="Zhang", date_of_birth="1953-10-20"),
        PersonRecord(id="b", given_name="Hai Tao", surname="Ren", date_of_birth="1952-10-04"),
        PersonRecord(id="c", full_name="Wei Ming Zhou", date_of_birth="1970-01-09"),
    ]
    right = [
        PersonRecord(
            id="A", given_name="Lucía Yanping", surname="Zhang", date_of_birth="1953-10-20"
        ),
        PersonRecord(
            id="A2", given_name="Lucía Yanhong", surname="Zhang", date_of_birth="1953-10-20"
        ),
        PersonRecord(id="B", full_name="Paolo Haitao Ren", date_of_birth="1952-10-04"),
        PersonRecord(
            id="C", given_name="Andrés Weiming", surname="Zhou", date_of_birth="1970-01-09"
        ),
    ]
    levels = {
        (a.id, b.id): {f.field: f.level for f in compare_persons(a, b).features}["given name"]
        for a in left
        for b in right
    }
    assert levels["a", "A"] == levels["b", "B"] == levels["c", "C"] == "shared"
    assert levels["a", "A2"] == "different"
    _bounded_every_pair(left, right)
    _bounded_every_pair(right, left)
    found = {(a, b) for a, b, _ in xref(left, right, workers=1)}
    assert found == {("a", "A"), ("b", "B"), ("c", "C")}


def test_an_undated_record_reads_its_date_of_birth_from_its_curp():
    """A Mexican register that left the date out but kept the CURP: the CURP's date
    compares (``compare.fill_document_dates``), so the namesake born four years later is
    not the person, and the one born that day is."""
    undated = PersonRecord(
        "L1",
        given_name="Liliana",
        surname="Velásquez",
        second_surname="Montenegro",
        nationality="MX",
        document_number="VEML580710MYNLNL09",
    )
    namesake = PersonRecord(
        "R1",
        full_name="Liliana Velásquez Montenegro",
        date_of_birth="1962-01-31",
        gender="F",
        nationality="MX",
    )
    same = replace(namesake, id="R2", date_of_birth="1958-07-10")
    assert compare_persons(undated, namesake).probability >= 0.5  # by the names alone
    assert xref([replace(undated)], [namesake]) == []
    [(left, right, score)] = xref([replace(undated)], [namesake, same])
    assert (left, right) == ("L1", "R2") and score >= 0.99
    # the same in one file: the namesake is another person
    assert dedupe([replace(undated), namesake, same]) == [("L1", "L1"), ("R1", "R1"), ("R2", "L1")]


def test_a_date_from_the_curp_is_read_alike_by_the_blocks_the_bound_and_the_comparison():
    """The dates are written in before the tables and blocks are made: "A. Gómez" with only
    a CURP meets Ana Gómez born that day through the date's blocks (an initial and a
    surname alone block nothing), and the bound lets the pair through."""
    curp_only = PersonRecord("L1", full_name="A. Gómez", document_number="GOPA580710MDFRRN02")
    dated = PersonRecord("R1", given_name="Ana", surname="Gómez", date_of_birth="1958-07-10")
    others = [
        PersonRecord(f"R{k}", given_name="Ana", surname="Gómez", date_of_birth=f"19{k}-03-0{k}")
        for k in range(60, 68)
    ]
    [(left, right, score)] = xref([replace(curp_only)], [*others, dated])
    assert (left, right) == ("L1", "R1") and score >= 0.9


def test_a_date_the_number_writes_adds_nothing_to_the_number():
    """Two records with one CURP: the date it writes, taken from it or written alike, is no
    evidence beyond the number (a number copied from someone else's record comes with its
    date: Ana Gómez and María Pérez stay apart, 0.11 as without dates, where counting the
    date twice gave 0.96); the bound gives at least what the comparison gives, whichever
    dates and numbers the records write (``prescore``'s ``date_told``)."""
    import itertools

    curp = "GOPA580710MDFRRN02"
    ana = PersonRecord("L1", given_name="Ana", surname="Gómez", document_number=curp)
    maria = PersonRecord("R1", given_name="María", surname="Pérez", document_number=curp)
    assert xref([replace(ana)], [replace(maria)]) == []
    assert xref([replace(ana)], [replace(maria, date_of_birth="1958-07-10")]) == []
    filled = [replace(ana, date_of_birth="1958-07-10"), replace(maria, date_of_birth="1958-07-10")]
    features = {f.field: f for f in compare_persons(*filled).features}
    assert (features["date of birth"].level, features["date of birth"].weight) == (
        "from_document",
        0.0,
    )
    assert compare_persons(*filled).probability < 0.5
    # one date taken from the number, the other written otherwise: a copied number, the
    # date counting against as it did (a review's find: a first version read it as none)
    written = replace(maria, given_name="Ana", surname="Gómez", date_of_birth="1960-01-31")
    for a, b in ((filled[0], written), (written, filled[0])):
        date = {f.field: f for f in compare_persons(a, b).features}["date of birth"]
        assert (date.level, date.weight) == ("different", -6.0)
    # a number one character apart is most often the person's own mistyped: its date counts
    typo = replace(written, document_number="GOPA580710MDFRRM02", date_of_birth="1958-07-10")
    date = {f.field: f for f in compare_persons(filled[0], typo).features}["date of birth"]
    assert (date.level, date.weight) == ("exact", 7.0)
    # a NIR writes the year and month: the day still counts (exact 7 bits less same month 3)
    nir = "1 85 05 78 006 084 91"
    one, two = (
        PersonRecord(f"{k}", given_name=g, surname="Martin", date_of_birth="1985-05-12",
                     document_number=nir)
        for k, g in ((1, "Paul"), (2, "Pierre"))
    )  # fmt: skip
    date = {f.field: f for f in compare_persons(one, two).features}["date of birth"]
    assert (date.level, date.weight) == ("from_document", 4.0)
    # the bound, every pair of records of one name and sundry dates and numbers
    dates = ("", "1958-07-10", "1958-07-11", "1985-07-10", "1960-01-31")
    numbers = ("", curp, "GOPA580710MDFRRN12", "GOPA580711MDFRRN09", "RSSMRA85T10A562S")
    records = [
        PersonRecord(f"{i}", given_name="Ana", surname="Gómez", date_of_birth=d, document_number=n)
        for i, (d, n) in enumerate(itertools.product(dates, numbers))
    ]
    from paccto.matching.compare import fill_document_dates

    assert fill_document_dates(records) == 2  # (the empty date's records: CURP, codice)
    for record in records:
        bound, exact = _bound_and_exact(record, records)
        assert (bound >= exact - 1e-9).all(), record


def test_an_undated_record_reads_its_date_of_birth_from_its_rfc():
    """A Mexican tax file gives the RFC (the CURP's first ten characters and three of its
    own): its date compares, as a CURP's does."""
    rfc_only = PersonRecord("L1", full_name="Ana Gómez Pérez", document_number="GOPA-580710-K36")
    namesake = PersonRecord("R1", full_name="Ana Gómez Pérez", date_of_birth="1962-01-31")
    same = replace(namesake, id="R2", date_of_birth="1958-07-10")
    assert xref([replace(rfc_only)], [namesake]) == []
    [(left, right, _score)] = xref([replace(rfc_only)], [namesake, same])
    assert (left, right) == ("L1", "R2")


def test_the_command_keeps_openblas_to_one_thread(files, tmp_path, monkeypatch):
    """``paccto xref`` and ``dedupe`` set OPENBLAS_NUM_THREADS=1 before numpy is imported
    (its threads spun on both cores for nothing: 0.1 s of CPU time a run); a value the user
    set is kept; Django's commands are left alone."""
    import paccto.cli
    from paccto.matching import cli

    seen = []

    def run(argv, restart=False):
        seen.append((argv[0], os.environ.get("OPENBLAS_NUM_THREADS")))
        return 0

    def leave(code):
        raise SystemExit(code)

    monkeypatch.setattr(cli, "main", run)
    monkeypatch.setattr(os, "_exit", leave)
    # (set first, so that the value the command sets is undone after the test too)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "set")
    monkeypatch.delenv("OPENBLAS_NUM_THREADS")
    out = str(tmp_path / "out.csv")
    with pytest.raises(SystemExit):
        paccto.cli.main(["paccto", "xref", str(files[0]), str(files[1]), "--out", out])
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    with pytest.raises(SystemExit):
        paccto.cli.main(["paccto", "dedupe", str(files[0]), "--out", out])
    assert seen == [("xref", "1"), ("dedupe", "2")]
