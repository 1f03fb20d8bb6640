"""The chain of custody of evidence as a hash chain, with the audit log's own pure helpers
(``audit.chain``: canonical JSON and SHA-256 over the previous hash). Each item of evidence
has its own chain, numbered from 1; its first event (registration) holds a snapshot of the
item and of its files' SHA-256, so a later change to the item shows too."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from paccto.audit import chain
from paccto.cases.models import CustodyEvent, CustodyHead, Evidence, EvidenceFile

CUSTODY_FIELDS = (
    "seq",
    "evidence_id",
    "kind",
    "at",
    "actor_id",
    "actor_username",
    "actor_institution_id",
    "actor_country",
    "from_holder_id",
    "from_holder",
    "to_holder_id",
    "to_holder",
    "place",
    "note",
    "details",
)
EVIDENCE_SNAPSHOT_FIELDS = (
    "jit_id",
    "number",
    "item",
    "evidence_type",
    "description",
    "seized_at",
    "seized_place",
    "seized_by",
    "registered_by_id",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="milliseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def evidence_snapshot(evidence: Evidence, files: Iterable[EvidenceFile]) -> dict[str, Any]:
    """What was registered: the item's fields and its files (name, size, SHA-256)."""
    return {
        "evidence": {name: _plain(getattr(evidence, name)) for name in EVIDENCE_SNAPSHOT_FIELDS},
        "files": [
            {"name": f.original_name, "sha256": f.sha256, "size": f.size, "stored": f.stored_name}
            for f in sorted(files, key=lambda f: f.stored_name)
        ],
    }


def event_values(event: CustodyEvent) -> dict[str, Any]:
    """The chained content of an event, as ``audit.chain`` reads entries."""
    return {name: getattr(event, name) for name in CUSTODY_FIELDS}


def event_digest(event: CustodyEvent) -> str:
    return chain.entry_digest(event_values(event), event.prev_hash, CUSTODY_FIELDS)


PROBLEM_LABELS = {
    "modified": _("modified"),
    "deleted": _("deleted"),
    "inserted": _("inserted"),
    "reordered": _("reordered"),
}


@dataclass(frozen=True)
class CustodyProblem:
    """One break in the custody of one item."""

    evidence_id: int
    reference: str
    problem: chain.ChainProblem

    def __str__(self) -> str:
        return f"{self.reference} {self.problem}"

    @property
    def label(self) -> str:
        return str(PROBLEM_LABELS.get(self.problem.kind, self.problem.kind))


@dataclass
class CustodyReport:
    items: int = 0
    events: int = 0
    files: int = 0
    problems: list[CustodyProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problems_of(self, evidence_id: int) -> list[CustodyProblem]:
        return [p for p in self.problems if p.evidence_id == evidence_id]


def _rows(evidence: Evidence) -> list[dict[str, Any]]:
    rows = []
    for values in (
        CustodyEvent.objects.filter(evidence=evidence)
        .order_by("seq", "pk")
        .values(*CUSTODY_FIELDS, "prev_hash", "entry_hash")
    ):
        rows.append(values)
    return rows


def _check_registration(
    evidence: Evidence, rows: Sequence[Mapping[str, Any]], files: list[EvidenceFile]
) -> list[chain.ChainProblem]:
    """The item and its files as they are now, against the snapshot sealed at
    registration (the first event of the chain)."""
    first = rows[0] if rows else None
    if first is None or first["seq"] != 1 or first["kind"] != "registered":
        return []  # the chain check already reports the missing registration
    sealed = first["details"].get("snapshot", {})
    now = evidence_snapshot(evidence, files)
    if sealed.get("evidence") != now["evidence"]:
        return [chain.ChainProblem(1, "modified", "the item differs from what was registered")]
    if sealed.get("files") != now["files"]:
        return [chain.ChainProblem(1, "modified", "the files differ from those registered")]
    return []


def _check_files(files: list[EvidenceFile], read: Callable[[EvidenceFile], bytes | None]):
    problems = []
    for f in files:
        content = read(f)
        if content is None:
            problems.append(chain.ChainProblem(1, "modified", f"file {f.original_name} missing"))
        elif hashlib.sha256(content).hexdigest() != f.sha256:
            problems.append(
                chain.ChainProblem(1, "modified", f"file {f.original_name} does not match")
            )
    return problems


def custody_verify(
    evidence_items: QuerySet[Evidence] | Iterable[Evidence],
    read_file: Callable[[EvidenceFile], bytes | None] | None = None,
) -> CustodyReport:
    """Verify the chain of custody of each item: every event against its hash and its
    place in the chain (modified, deleted, inserted, reordered), the end of the chain
    against the head, the item and its files against the registration snapshot, and, with
    ``read_file``, each stored file against its SHA-256."""
    report = CustodyReport()
    for evidence in evidence_items:
        report.items += 1
        rows = _rows(evidence)
        head = CustodyHead.objects.filter(evidence=evidence).values_list("seq", "entry_hash")
        head_row = head.first()
        count, problems = chain.verify_entries(
            rows, head=head_row or (0, chain.GENESIS), fields=CUSTODY_FIELDS
        )
        report.events += count
        files = list(EvidenceFile.objects.filter(evidence=evidence).order_by("pk"))
        report.files += len(files)
        problems += _check_registration(evidence, rows, files)
        if read_file is not None:
            problems += _check_files(files, read_file)
        report.problems += [CustodyProblem(evidence.pk, evidence.reference, p) for p in problems]
    return report
