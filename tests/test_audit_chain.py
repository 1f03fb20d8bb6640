"""The pure chain: each kind of tampering is detected and named (table of cases)."""

from datetime import UTC, datetime

import pytest

from paccto.audit.chain import GENESIS, entry_digest, verify_entries


def build(n: int) -> list[dict]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        entry = {
            "seq": seq,
            "at": datetime(2026, 1, 1, 12, 0, seq, 123000, tzinfo=UTC),
            "actor_id": 7,
            "actor_username": "co.analyst",
            "actor_institution_id": 3,
            "actor_country": "CO",
            "action": "consult",
            "object_type": "entities.person",
            "object_id": str(100 + seq),
            "justification": "case 2026/17",
            "recipients": [],
            "details": {"n": seq},
            "prev_hash": prev,
        }
        entry["entry_hash"] = entry_digest(entry, prev)
        prev = entry["entry_hash"]
        entries.append(entry)
    return entries


def rehash(entries, start):
    prev = entries[start - 1]["entry_hash"] if start else GENESIS
    for entry in entries[start:]:
        entry["prev_hash"] = prev
        entry["entry_hash"] = entry_digest(entry, prev)
        prev = entry["entry_hash"]


def modify(e):
    e[4]["justification"] = "none"
    return e


def modify_and_rehash_one(e):
    e[4]["object_id"] = "999"
    e[4]["entry_hash"] = entry_digest(e[4], e[4]["prev_hash"])
    return e


def delete(e):
    del e[4]
    return e


def delete_last(e):
    return e[:-1]


def reorder(e):
    e[4]["seq"], e[5]["seq"] = e[5]["seq"], e[4]["seq"]
    e[4], e[5] = e[5], e[4]
    return e


def insert(e):
    forged = dict(e[3], object_id="forged", details={"n": 0})
    forged["seq"] = 5
    forged["prev_hash"] = e[3]["entry_hash"]
    forged["entry_hash"] = entry_digest(forged, forged["prev_hash"])
    for later in e[4:]:
        later["seq"] += 1
    return [*e[:4], forged, *e[4:]]


def append_beyond_head(e):
    extra = dict(e[-1], seq=len(e) + 1, prev_hash=e[-1]["entry_hash"])
    extra["entry_hash"] = entry_digest(extra, extra["prev_hash"])
    return [*e, extra]


CASES = [
    # (tampering, expected kind, at seq, why)
    (modify, "modified", 5, "a field changed, its hash no longer matches"),
    (modify_and_rehash_one, "modified", 5, "rewritten with a fresh hash: the next link breaks"),
    (delete, "deleted", 5, "a missing sequence number"),
    (delete_last, "deleted", 10, "the chain ends before its recorded head"),
    (reorder, "reordered", 5, "two entries swapped places"),
    (insert, "inserted", 6, "an entry slipped in, later ones renumbered"),
    (append_beyond_head, "inserted", 11, "an entry past the recorded head"),
]


def test_an_intact_chain_verifies():
    entries = build(10)
    count, problems = verify_entries(entries, head=(10, entries[-1]["entry_hash"]))
    assert count == 10 and problems == []


@pytest.mark.parametrize(
    ("tamper", "kind", "seq", "why"), CASES, ids=[c[0].__name__ for c in CASES]
)
def test_tampering_is_detected_and_located(tamper, kind, seq, why):
    entries = build(10)
    head = (10, entries[-1]["entry_hash"])
    _, problems = verify_entries(tamper(entries), head=head)
    assert problems, why
    assert (problems[0].kind, problems[0].seq) == (kind, seq), (why, [str(p) for p in problems])


def test_the_time_is_chained_to_the_millisecond():
    entries = build(3)
    entries[1]["at"] = entries[1]["at"].replace(microsecond=124000)
    _, problems = verify_entries(entries)
    assert problems[0].kind == "modified"
