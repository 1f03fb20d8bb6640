"""Checks the audit log in the database: the chain, the head and the signed checkpoints."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from paccto.audit import chain, signing
from paccto.audit.models import AuditCheckpoint, AuditEntry, AuditHead


@dataclass
class VerificationReport:
    entries: int = 0
    checkpoints: int = 0
    problems: list[chain.ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _iter_entries(until: int, batch: int = 5000) -> Iterator[dict[str, Any]]:
    """Entries up to ``until`` in sequence order, read in batches."""
    fields = (*chain.CHAINED_FIELDS, "prev_hash", "entry_hash")
    last = 0
    while True:
        rows = list(
            AuditEntry.objects.filter(seq__gt=last, seq__lte=until)
            .order_by("seq")
            .values(*fields)[:batch]
        )
        if not rows:
            return
        yield from rows
        last = rows[-1]["seq"]


def audit_verify(progress: Callable[[int, int], None] | None = None) -> VerificationReport:
    """Verify the whole chain and every checkpoint; report each break by sequence number."""
    head = AuditHead.objects.filter(pk=1).first() or AuditHead(seq=0, entry_hash=chain.GENESIS)
    # The platform keeps writing while we verify: check the chain up to the head we read.
    until = head.seq
    total = AuditEntry.objects.filter(seq__lte=until).count()
    hashes: dict[int, str] = {}

    def tracked() -> Iterator[dict[str, Any]]:
        for n, entry in enumerate(_iter_entries(until), start=1):
            hashes[entry["seq"]] = entry["entry_hash"]
            if progress and (n % 1000 == 0 or n == total):
                progress(n, total)
            yield entry

    count, problems = chain.verify_entries(tracked(), head=(head.seq, head.entry_hash))
    report = VerificationReport(entries=count, problems=problems)
    trusted = {k.strip() for k in settings.PACCTO_AUDIT_TRUSTED_KEYS if k.strip()}
    if settings.PACCTO_AUDIT_KEY_PATH.exists():
        key = signing.load_or_create_key(settings.PACCTO_AUDIT_KEY_PATH)
        trusted.add(signing.public_key_hex(key))
    for checkpoint in AuditCheckpoint.objects.filter(seq__lte=until).order_by("seq"):
        report.checkpoints += 1
        at_iso = checkpoint.at.isoformat(timespec="milliseconds")
        if checkpoint.public_key not in trusted or not signing.checkpoint_signature_valid(
            checkpoint.public_key,
            checkpoint.signature,
            checkpoint.seq,
            checkpoint.entry_hash,
            at_iso,
        ):
            report.problems.append(
                chain.ChainProblem(checkpoint.seq, "checkpoint", "signature is not valid")
            )
        elif hashes.get(checkpoint.seq) != checkpoint.entry_hash:
            report.problems.append(
                chain.ChainProblem(
                    checkpoint.seq, "checkpoint", "chain differs from the signed checkpoint"
                )
            )
    # An entry stored past the head without moving it (a forgery) shows as a sequence number
    # above the head read *after* it: committed appends never leave the head behind.
    highest = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    head_after = AuditHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
    if highest > head_after:
        report.problems.append(
            chain.ChainProblem(head_after + 1, "inserted", "entries beyond the head of the chain")
        )
    return report
