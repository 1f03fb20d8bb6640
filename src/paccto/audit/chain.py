"""The pure part of the audit chain: canonical form, hashing and verification.

No Django imports: entries are plain mappings, so the same code verifies a live database,
an export file or a backup.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64

CHAINED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_username",
    "actor_institution_id",
    "actor_country",
    "action",
    "object_type",
    "object_id",
    "justification",
    "recipients",
    "details",
)


def canonical(entry: Mapping[str, Any], fields: Sequence[str] = CHAINED_FIELDS) -> str:
    """The canonical text of an entry's chained fields (UTC time in milliseconds).

    ``fields`` names what a chain covers: the audit log's by default; other chains (the
    chain of custody of evidence) name their own.
    """
    values: dict[str, Any] = {}
    for name in fields:
        value = entry[name]
        if isinstance(value, datetime):
            value = value.isoformat(timespec="milliseconds")
        values[name] = value
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_digest(
    entry: Mapping[str, Any], prev_hash: str, fields: Sequence[str] = CHAINED_FIELDS
) -> str:
    """SHA-256 of the previous hash followed by the entry's canonical text."""
    text = prev_hash + "\n" + canonical(entry, fields)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    """One break in the chain, located at a sequence number."""

    seq: int
    kind: str  # modified | deleted | inserted | reordered | checkpoint
    detail: str

    def __str__(self) -> str:
        return f"#{self.seq}: {self.kind}: {self.detail}"


def verify_entries(
    entries: Iterable[Mapping[str, Any]],
    head: tuple[int, str] | None = None,
    fields: Sequence[str] = CHAINED_FIELDS,
) -> tuple[int, list[ChainProblem]]:
    """Walk entries in ``seq`` order; return how many were read and every break found.

    Each entry carries ``seq`` (numbered from 1), ``prev_hash``, ``entry_hash`` and the
    chained ``fields``.

    - *modified*: an entry's content no longer matches its own hash;
    - *deleted*: a sequence number is missing, or the chain ends before its recorded head;
    - *inserted*: an entry links to the entry two places back (one was slipped in before it),
      or lies beyond the recorded head of the chain;
    - *reordered*: an entry links to an entry other than the one before it.
    """
    rows: list[tuple[int, str, str, bool]] = []
    for entry in entries:
        own_ok = entry_digest(entry, entry["prev_hash"], fields) == entry["entry_hash"]
        rows.append((int(entry["seq"]), entry["prev_hash"], entry["entry_hash"], own_ok))
    position = {entry_hash: i for i, (_, _, entry_hash, _) in enumerate(rows)}
    problems: list[ChainProblem] = []
    expected_seq = 1
    for i, (seq, prev_hash, _entry_hash, own_ok) in enumerate(rows):
        gap = seq != expected_seq
        if gap:
            problems.append(
                ChainProblem(expected_seq, "deleted", f"#{expected_seq}..#{seq - 1} missing")
            )
        expected_prev = rows[i - 1][2] if i else GENESIS
        links = prev_hash == expected_prev
        if not links and not gap:
            target = position.get(prev_hash)
            after_reorder = bool(problems) and problems[-1].kind == "reordered"
            if target is not None and target == i - 2 and not after_reorder:
                problems.append(ChainProblem(seq, "inserted", "an entry was slipped in before it"))
            elif target is not None or (i == 0 and prev_hash != GENESIS and own_ok):
                problems.append(
                    ChainProblem(seq, "reordered", "does not link to the entry before it")
                )
            elif own_ok and i:
                problems.append(
                    ChainProblem(rows[i - 1][0], "modified", "rewritten with a new hash")
                )
        if not own_ok and (links or gap or position.get(prev_hash) is None):
            problems.append(ChainProblem(seq, "modified", "content does not match its hash"))
        expected_seq = seq + 1
    if head is not None:
        head_seq, head_hash = head
        last_seq = rows[-1][0] if rows else 0
        if last_seq > head_seq:
            problems.append(
                ChainProblem(head_seq + 1, "inserted", "entries beyond the head of the chain")
            )
        elif last_seq < head_seq:
            problems.append(
                ChainProblem(last_seq + 1, "deleted", f"#{last_seq + 1}..#{head_seq} missing")
            )
        elif rows and rows[-1][2] != head_hash:
            problems.append(ChainProblem(last_seq, "modified", "last entry differs from the head"))
    return len(rows), problems
