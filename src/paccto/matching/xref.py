"""Cross-referencing of two person files, and deduplication of one, without a database.

Records are grouped into blocks by phonetic surname with birth year, phonetic surname with
given-name initial (either way round), date of birth, document number, address, phone and
email; only pairs sharing a block are compared. Blocks
larger than ``MAX_BLOCK`` (very common names without other evidence) are skipped for that
key: the other keys still bring such pairs together when they share a date or a document.
"""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from pathlib import Path

from paccto.matching.compare import PersonRecord, compare_persons
from paccto.matching.documents import document_key
from paccto.matching.names import given_name_forms, phonetic
from paccto.matching.text import digits, tokens

MAX_BLOCK = 400
COLUMNS = tuple(f.name for f in fields(PersonRecord))
Progress = Callable[[int, int], None]


class InputError(ValueError):
    """A file that cannot be read as person records, with the reason."""


def read_records(path: Path) -> list[PersonRecord]:
    """Person records from a CSV file whose headers use the exchange names (others ignored).
    UTF-8, or Latin-1 when the file is not valid UTF-8. Ids must be unique."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise InputError(f"{path}: no header row")
    headers = {h.strip().lower(): h for h in reader.fieldnames if h}
    records, seen = [], set()
    for number, row in enumerate(reader, start=2):
        values = {c: (row.get(headers[c]) or "").strip() for c in COLUMNS if c in headers}
        record_id = values.get("id") or str(number - 1)
        if record_id in seen:
            raise InputError(f"{path}: line {number}: duplicate id {record_id!r}")
        seen.add(record_id)
        values["id"] = record_id
        records.append(PersonRecord(**values))
    return records


def block_keys(record: PersonRecord) -> set[str]:
    """The blocks a record belongs to."""
    keys: set[str] = set()
    year = record.date_of_birth[:4]
    for name in record.names:
        for surname in name.surnames[:2]:
            sound = phonetic(surname)
            if year:
                keys.add(f"sy:{sound}:{year}")
            for given in name.given[:1]:
                for form in given_name_forms(given):
                    keys.add(f"sg:{sound}:{form[:1]}")
                # names typed in each other's fields
                keys.add(f"sg:{phonetic(given)}:{surname[:1]}")
        for given in name.given[:1]:
            if year:
                keys.add(f"sy:{phonetic(given)}:{year}")
    document = document_key(record.document_number)
    if len(document) >= 5:
        keys.add(f"d:{document[:-1]}")
        keys.add(f"d:{document}")
    if len(record.date_of_birth) == 10:
        keys.add(f"b:{record.date_of_birth}")
    address = "".join(sorted(tokens(record.address)))
    if len(address) >= 6:
        keys.add(f"a:{address}")
    phone = digits(record.phone)[-8:]
    if len(phone) >= 6:
        keys.add(f"p:{phone}")
    email = record.email.strip().casefold()
    if "@" in email:
        keys.add(f"e:{email}")
    return keys


def _blocks(records: Iterable[PersonRecord], side: int) -> dict[str, list[tuple[int, int]]]:
    blocks: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in block_keys(record):
            blocks[key].append((side, index))
    return blocks


def candidate_pairs(
    left: list[PersonRecord], right: list[PersonRecord] | None
) -> list[tuple[int, int]]:
    """Index pairs (left, right) to compare; within one file when ``right`` is None."""
    blocks = _blocks(left, 0)
    if right is not None:
        for key, members in _blocks(right, 1).items():
            blocks[key].extend(members)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        lefts = [i for side, i in members if side == 0]
        rights = [i for side, i in members if side == 1] if right is not None else lefts
        if len(lefts) * len(rights) > MAX_BLOCK * MAX_BLOCK // 4:
            continue
        for i in lefts:
            for j in rights:
                if right is not None or i < j:
                    pairs.add((i, j))
    return sorted(pairs)


_WORKER_RECORDS: tuple[list[PersonRecord], list[PersonRecord]] = ([], [])
SINGLE_PROCESS_PAIRS = 40_000  # below this, starting worker processes costs more than it saves


def _set_worker_records(left: list[PersonRecord], right: list[PersonRecord]) -> None:
    global _WORKER_RECORDS  # one copy of the records per worker process
    _WORKER_RECORDS = (left, right)


def _score(
    left: list[PersonRecord],
    right: list[PersonRecord],
    pairs: list[tuple[int, int]],
    threshold: float,
) -> list[tuple[int, int, float]]:
    out = []
    for i, j in pairs:
        probability = compare_persons(left[i], right[j]).probability
        if probability >= threshold:
            out.append((i, j, probability))
    return out


def _score_chunk(args: tuple[list[tuple[int, int]], float]) -> list[tuple[int, int, float]]:
    pairs, threshold = args
    return _score(*_WORKER_RECORDS, pairs, threshold)


def score_pairs(
    left: list[PersonRecord],
    right: list[PersonRecord],
    pairs: list[tuple[int, int]],
    threshold: float,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Iterator[tuple[int, int, float]]:
    """Compare candidate pairs on every core; yield those at or above the threshold."""
    workers = workers or os.cpu_count() or 1
    if len(pairs) < SINGLE_PROCESS_PAIRS:
        workers = 1
    chunk = max(1000, len(pairs) // (workers * 8) or 1)
    chunks = [pairs[k : k + chunk] for k in range(0, len(pairs), chunk)]
    done = 0
    if workers == 1 or len(chunks) <= 1:
        for part in chunks:
            yield from _score(left, right, part, threshold)
            done += len(part)
            if progress:
                progress(done, len(pairs))
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_set_worker_records, initargs=(left, right)
    ) as pool:
        jobs = [(part, threshold) for part in chunks]
        for part, result in zip(chunks, pool.map(_score_chunk, jobs), strict=True):
            yield from result
            done += len(part)
            if progress:
                progress(done, len(pairs))


def xref(
    left: list[PersonRecord],
    right: list[PersonRecord],
    threshold: float = 0.5,
    all_pairs: bool = False,
    progress: Progress | None = None,
) -> list[tuple[str, str, float]]:
    """Pairs (left id, right id, score) at or above the threshold; the best per left record
    unless ``all_pairs``."""
    scored = score_pairs(left, right, candidate_pairs(left, right), threshold, progress)
    if all_pairs:
        found = [(left[i].id, right[j].id, p) for i, j, p in scored]
    else:
        best: dict[int, tuple[int, float]] = {}
        for i, j, p in scored:
            if i not in best or p > best[i][1]:
                best[i] = (j, p)
        found = [(left[i].id, right[j].id, p) for i, (j, p) in best.items()]
    return sorted(found, key=lambda row: (-row[2], row[0], row[1]))


def dedupe(
    records: list[PersonRecord], threshold: float = 0.5, progress: Progress | None = None
) -> list[tuple[str, str]]:
    """(id, cluster id) for every record: records linked by a pair at or above the threshold
    share a cluster, named after its first id in file order."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in score_pairs(
        records, records, candidate_pairs(records, None), threshold, progress
    ):
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [(record.id, records[root(i)].id) for i, record in enumerate(records)]


def _formula_safe(value: str) -> str:
    return f"'{value}" if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def write_csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [f"{v:.4f}" if isinstance(v, float) else _formula_safe(str(v)) for v in row]
            )
