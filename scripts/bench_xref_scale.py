"""Batch cross-referencing at scale: ``paccto xref`` on two files of N generated persons.

    .venv/bin/python scripts/bench_xref_scale.py --size 200000
    .venv/bin/python scripts/bench_xref_scale.py --size 1000000

The files are generated first (not timed): households (shared surnames, address and phone;
siblings, twins with one date of birth, sons named after their fathers) drawn from name,
street and city pools that Faker gives per locale (the locales of scripts/gen_persons.py),
with numpy for the draws. Half the people of each file are in the other one; the right file
is written the way gen_persons.py's second agency writes it (its ``typo``, ``respell`` and
``short_form``, accents and case lost, surnames missing or swapped, day and month swapped,
another document, a move). Then ``paccto xref`` runs end to end in a fresh process, and the
script prints its wall time, its memory (what the run takes of the machine at its peak,
its forked workers included, pages they share counted once: the machine's memory in use
above what it was before, sampled every 0.2 s, so run it on an otherwise idle machine; and
the largest process's peak resident set), the candidate pairs it scored, the pairs per
second per core, and precision, recall and F1 against the generator's truth.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_persons as gp

POOL = 400  # names of each kind per locale


def _memory_in_use() -> int:
    """The machine's memory in use (KiB), as ``free`` counts it: neither free nor page
    cache nor reclaimable kernel caches."""
    fields = {}
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0])
    cached = fields["Buffers"] + fields["Cached"] + fields.get("SReclaimable", 0)
    return fields["MemTotal"] - fields["MemFree"] - cached


def run_measured(command: list[str]) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of a command: the machine's memory in use above
    what it was before, every 0.2 s (reading the processes' own page tables instead,
    /proc/PID/smaps_rollup, slowed a 1M run by a sixth)."""
    before = _memory_in_use()
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _memory_in_use() - before)
        time.sleep(0.2)
    wall = time.perf_counter() - start
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return wall, peak


def pools(seed: int) -> dict[str, dict[str, list[str]]]:
    from faker import Faker

    out: dict[str, dict[str, list[str]]] = {}
    for country, (locale, system, _) in gp.COUNTRIES.items():
        fake = Faker(locale)
        fake.seed_instance(seed)
        extra = gp.EXTRA_GIVEN[system]
        out[country] = {
            "M": sorted({fake.first_name_male() for _ in range(POOL)}) + extra["M"] * 3,
            "F": sorted({fake.first_name_female() for _ in range(POOL)}) + extra["F"] * 3,
            "S": sorted({fake.last_name() for _ in range(POOL * 2)}),
            "street": [fake.street_address().replace("\n", ", ") for _ in range(POOL)],
            "city": [fake.city() for _ in range(POOL // 4)],
            "postcode": [fake.postcode() for _ in range(POOL // 2)],
        }
    return out


def population(size: int, seed: int) -> list[dict[str, object]]:
    """``size`` people in households, as dicts (entity, country, sex, given, surnames...)."""
    rng = np.random.default_rng(seed)
    names = pools(seed)
    countries = list(gp.COUNTRIES)
    weights = np.array([gp.COUNTRIES[c][2] for c in countries], dtype=float)
    people: list[dict[str, object]] = []
    pyrng = random.Random(seed)
    while len(people) < size:
        batch = 50_000
        country_of = rng.choice(len(countries), size=batch, p=weights / weights.sum())
        members = rng.choice([1, 1, 2, 2, 3, 4], size=batch)
        for h in range(batch):
            country = countries[country_of[h]]
            pool = names[country]
            system = gp.COUNTRIES[country][1]
            family = [pyrng.choice(pool["S"]) for _ in range(2 if system != "single" else 1)]
            if country in gp.PARTICLES and pyrng.random() < 0.2:
                family[-1] = f"{pyrng.choice(gp.PARTICLES[country])} {family[-1]}"
            street = f"{pyrng.choice(pool['street'])}"
            if pyrng.random() < 0.7:
                street = f"{street} {pyrng.randrange(1, 60)}"
            home = (street, pyrng.choice(pool["city"]), pyrng.choice(pool["postcode"]))
            phone = f"+{pyrng.randrange(10, 99)} {pyrng.randrange(10**7, 10**9)}"
            base = 1940 + pyrng.randrange(50)
            used: set[str] = set()
            twin_dob = None
            for k in range(int(members[h])):
                sex = pyrng.choice("MF")
                given = pyrng.choice(pool[sex])
                while given in used:
                    given = pyrng.choice(pool[sex])
                used.add(given)
                words = given.split()
                if system != "single" and len(words) == 1 and pyrng.random() < 0.4:
                    words.append(pyrng.choice(pool[sex]).split()[0])
                year = base + (0 if k == 0 else 22 + 2 * k)
                dob = f"{year}-{pyrng.randrange(1, 13):02d}-{pyrng.randrange(1, 29):02d}"
                if k >= 2 and pyrng.random() < 0.2 and twin_dob:
                    dob = twin_dob
                twin_dob = dob
                document = f"{pyrng.randrange(10**7, 10**9)}"
                if country == "ES":
                    number = pyrng.randrange(10**7, 10**8)
                    document = f"{number}{gp.DNI_LETTERS[number % 23]}"
                people.append(
                    {
                        "entity": len(people),
                        "country": country,
                        "system": system,
                        "sex": sex,
                        "given": words,
                        "surnames": list(family),
                        "dob": dob,
                        "document": document,
                        "address": home[0],
                        "city": home[1],
                        "postcode": home[2],
                        "phone": phone if pyrng.random() < 0.6 else phone[:-3] + "777",
                        "email": "",
                    }
                )
                if len(people) >= size:
                    return people
    return people


def corrupt(p: dict[str, object], rng: random.Random, level: float) -> dict[str, object]:
    q = dict(p)
    given, surnames = list(p["given"]), list(p["surnames"])  # type: ignore[call-overload]

    def chance(x: float) -> bool:
        return rng.random() < x * level

    if chance(0.2):
        form = gp.short_form(given, rng)
        if form:
            given = form
    if len(given) > 1 and chance(0.25):
        given = given[:1]
    if chance(0.2):
        surnames = [gp.drop_particle(s) for s in surnames]
    if len(surnames) >= 2 and chance(0.15):
        surnames = surnames[:1] if p["system"] == "iberian" else surnames[-1:]
    if chance(0.2):
        if rng.random() < 0.5:
            given[0] = gp.respell(given[0], rng)
        else:
            surnames[-1] = gp.respell(surnames[-1], rng)
    if chance(0.15):
        if rng.random() < 0.5:
            given[0] = gp.typo(given[0], rng)
        else:
            words = surnames[0].split()
            words[-1] = gp.typo(words[-1], rng)
            surnames[0] = " ".join(words)
    dob = str(p["dob"])
    r = rng.random()
    if r < 0.04 * level:
        dob = ""
    elif r < 0.08 * level and int(dob[8:]) <= 12:
        dob = f"{dob[:4]}-{dob[8:]}-{dob[5:7]}"
    elif r < 0.12 * level:
        i = rng.choice([2, 3, 6, 9])
        dob = dob[:i] + str(rng.randrange(10)) + dob[i + 1 :]
    document = str(p["document"])
    r = rng.random()
    if r < 0.3 * level:
        document = ""
    elif r < 0.4 * level:
        document = f"P{rng.randrange(10**6, 10**7)}"
    if chance(0.15):
        q["address"], q["postcode"] = "", ""
    elif chance(0.15):
        q["address"] = f"{rng.randrange(1, 99)} {gp.typo(str(p['address']), rng)}"
    if chance(0.3):
        q["phone"] = ""
    if chance(0.1):
        q["sex"] = ""
    q.update(given=given, surnames=surnames, dob=dob, document=document)
    return q


def render(p: dict[str, object], record_id: str, rng: random.Random, messy: bool) -> list[str]:
    given = " ".join(p["given"])  # type: ignore[call-overload]
    surnames: list[str] = list(p["surnames"])  # type: ignore[call-overload]
    full = first = last = second = ""
    if messy and rng.random() < 0.4:
        full = " ".join([given, *surnames])
    elif messy and rng.random() < 0.03:
        first, last = " ".join(surnames), given
    else:
        first = given
        if p["system"] == "iberian":
            last, second = surnames[0], " ".join(surnames[1:])
        else:
            last = " ".join(surnames)
    fields = [full, first, last, second]
    if messy:
        fields = [
            (gp.strip_accents(f) if rng.random() < 0.3 else f).upper() if rng.random() < 0.25 else f
            for f in fields
        ]
    return [
        record_id,
        *fields,
        str(p["dob"]),
        str(p["sex"]),
        str(p["country"]),
        str(p["document"]),
        str(p["address"]),
        str(p["city"]),
        str(p["postcode"]),
        str(p["phone"]),
        "",
    ]


def generate(size: int, out: Path, seed: int = 7) -> tuple[Path, Path, set[tuple[str, str]]]:
    """Two files of ``size`` records, half of each in the other, and the true pairs."""
    common = size // 2
    people = population(2 * size - common, seed)
    rng = random.Random(seed)
    order = list(range(len(people)))
    rng.shuffle(order)
    left_people = order[:size]
    right_people = order[:common] + order[size:]
    rng.shuffle(right_people)
    truth: set[tuple[str, str]] = set()
    left_id = {}
    paths = out / "left.csv", out / "right.csv"
    with paths[0].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(gp.COLUMNS)
        for k, e in enumerate(left_people):
            left_id[e] = f"L{k:07d}"
            writer.writerow(render(corrupt(people[e], rng, 0.2), left_id[e], rng, False))
    with paths[1].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(gp.COLUMNS)
        for k, e in enumerate(right_people):
            record_id = f"R{k:07d}"
            writer.writerow(render(corrupt(people[e], rng, 1.0), record_id, rng, True))
            if e in left_id:
                truth.add((left_id[e], record_id))
    return paths[0], paths[1], truth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        left, right, truth = generate(args.size, folder)
        print(f"generated 2 x {args.size:,} persons in {time.perf_counter() - start:.1f} s")
        out = folder / "pairs.csv"
        stats = folder / "stats.json"
        command = [sys.executable, "-m", "paccto", "xref", str(left), str(right)]
        command += ["--out", str(out), "--threshold", str(args.threshold), "--stats", str(stats)]
        wall, footprint_kib = run_measured(command)
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with out.open(encoding="utf-8") as handle:
            found = {(r["left_id"], r["right_id"]) for r in csv.DictReader(handle)}
        info = json.loads(stats.read_text(encoding="utf-8"))
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    pairs = int(info["pairs"])
    cores = os.cpu_count() or 1
    print(f"size            {args.size:,} x {args.size:,}")
    print(f"wall            {wall:.1f} s")
    print(f"peak memory     {footprint_kib / 1024 / 1024:.2f} GiB (workers included)")
    print(f"largest process {peak_kib / 1024 / 1024:.2f} GiB (peak RSS)")
    print(f"huge pages      {'yes' if info.get('huge_pages') else 'no'} (paccto.matching.cli)")
    print(f"candidate pairs {pairs:,}")
    print(f"pairs/s/core    {pairs / wall / cores:,.0f} (end to end, {cores} cores)")
    print(f"precision       {precision:.4f}")
    print(f"recall          {recall:.4f}")
    print(f"F1              {f1:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
