"""Writes to the evidence register and its chain of custody. Evidence is fixed once
registered: afterwards only custody events are appended (hand-over, access, copy,
analysis, download, return), each chained to the previous one by its hash."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.accounts.models import User
from paccto.audit import chain
from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.cases import custody
from paccto.cases.choices import MANUAL_CUSTODY_KINDS, CustodyKind
from paccto.cases.models import CustodyEvent, CustodyHead, Evidence, EvidenceFile, Jit
from paccto.cases.permissions import actor_user_id
from paccto.cases.services.jits import jit_refuse_if_closed
from paccto.core.filestore import FileIntegrityError, PrivateFileStore
from paccto.core.filetypes import EVIDENCE
from paccto.core.permissions import Actor
from paccto.core.uploads import Chunked, uploads_receive

EVIDENCE_FILES = PrivateFileStore("evidence")
CUSTODY_AUDIT = {
    CustodyKind.HANDED_OVER: AuditAction.DISCLOSE,
    CustodyKind.COPIED: AuditAction.DISCLOSE,
    CustodyKind.RETURNED: AuditAction.DISCLOSE,
    CustodyKind.ACCESSED: AuditAction.CONSULT,
    CustodyKind.ANALYSED: AuditAction.CONSULT,
    CustodyKind.DOWNLOADED: AuditAction.CONSULT,
}


class EvidenceIntegrityError(Exception):
    """A stored file no longer matches the SHA-256 recorded at its upload."""


def _now_ms() -> datetime:
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _member_users(jit: Jit) -> dict[int, User]:
    return {
        m.user_id: m.user for m in jit.members.filter(left_at__isnull=True).select_related("user")
    }


def _require_member(actor: Actor, jit: Jit) -> None:
    if actor.user_id is None or actor.user_id not in _member_users(jit):
        raise PermissionDenied(_("Only the members of the team may do this."))


def _append(
    *,
    actor: Actor,
    evidence: Evidence,
    head: CustodyHead,
    kind: str,
    to_holder: User | None,
    from_holder: User | None,
    place: str = "",
    note: str = "",
    details: dict[str, Any] | None = None,
) -> CustodyEvent:
    """Chain one event after the locked head and move the head (in the caller's
    transaction)."""
    event = CustodyEvent(
        evidence=evidence,
        seq=head.seq + 1,
        kind=kind,
        at=_now_ms(),
        actor_id=actor.user_id,
        actor_username=actor.username[:150],
        actor_institution_id=actor.institution_id,
        actor_country=actor.country_id or "",
        from_holder_id=from_holder.pk if from_holder else None,
        from_holder=from_holder.username if from_holder else "",
        to_holder_id=to_holder.pk if to_holder else None,
        to_holder=to_holder.username if to_holder else "",
        place=place.strip()[:300],
        note=note.strip()[:1000],
        details=details or {},
        prev_hash=head.entry_hash,
    )
    event.entry_hash = custody.event_digest(event)
    event.save(force_insert=True)
    head.seq, head.entry_hash = event.seq, event.entry_hash
    return event


def _locked_head(evidence: Evidence) -> CustodyHead:
    # "of self": PostgreSQL locks no row on the nullable side of the holder's join.
    return (
        CustodyHead.objects.select_for_update(of=("self",))
        .select_related("holder")
        .get(evidence=evidence)
    )


EARLIEST_SEIZURE = 1900  # the year before which no seizure time is read
# How far ahead of the server's clock a seizure time may be: a clock set a little fast.
SEIZURE_CLOCK_SLACK = timedelta(days=1)


def _seizure_time(seized_at: datetime) -> datetime:
    """A seizure time in the platform's time zone when it has none (an API client's); one
    before 1900 or in the future refused (year 1 without a zone could not be turned into
    UTC for the custody snapshot)."""
    wrong = ValidationError({"seized_at": [_("This date is out of range.")]})
    if seized_at.year < EARLIEST_SEIZURE:
        raise wrong
    if timezone.is_naive(seized_at):
        seized_at = timezone.make_aware(seized_at)
    if seized_at > timezone.now() + SEIZURE_CLOCK_SLACK:
        raise wrong
    return seized_at


def evidence_register(
    *,
    actor: Actor,
    jit: Jit,
    item: str,
    evidence_type: str,
    description: str,
    seized_at: datetime,
    seized_place: str,
    seized_by: str,
    files: Sequence[Chunked] = (),
) -> Evidence:
    """Register an item of evidence with its files in the team's register; the
    registering member holds it first. The files go through the platform's upload checks
    (``core.uploads``: any file but a program, under a name that does not lie about its
    content, up to ``PACCTO_EVIDENCE_MAX_BYTES`` in all, the size of one upload request),
    streamed to the store with their SHA-256. The registration opens the item's chain of
    custody with a snapshot of what was registered."""
    _require_member(actor, jit)
    jit_refuse_if_closed(actor=actor, jit=jit, attempt="evidence_register")
    seized_at = _seizure_time(seized_at)
    evidence = Evidence(
        jit=jit,
        number=1,
        item=item.strip(),
        evidence_type=evidence_type,
        description=description.strip(),
        seized_at=seized_at.replace(microsecond=0),
        seized_place=seized_place.strip(),
        seized_by=seized_by.strip(),
        registered_by_id=actor_user_id(actor),
    )
    evidence.full_clean(exclude=["number"], validate_constraints=False)
    received = uploads_receive(
        actor=actor,
        store=EVIDENCE_FILES,
        uploads=files,
        limit=settings.PACCTO_EVIDENCE_MAX_BYTES,
        total_limit=settings.PACCTO_EVIDENCE_MAX_BYTES,
        accept=EVIDENCE,
        field="files",
        object_type="cases.evidencefile",
    )
    try:
        with transaction.atomic():
            # The team's row serialises registrations, so numbers follow each other.
            list(Jit.objects.select_for_update().filter(pk=jit.pk).values_list("pk", flat=True))
            last = Evidence.objects.filter(jit=jit).aggregate(n=Max("number"))["n"] or 0
            evidence.number = last + 1
            evidence.save(force_insert=True)
            records = [
                EvidenceFile(
                    evidence=evidence,
                    original_name=f.file_name,
                    stored_name=f.stored_name,
                    sha256=f.sha256,
                    size=f.size,
                    content_type=f.media_type,
                )
                for f in received
            ]
            EvidenceFile.objects.bulk_create(records)
            holder = User.objects.get(pk=actor_user_id(actor))
            head = CustodyHead.objects.create(
                evidence=evidence, seq=0, entry_hash=chain.GENESIS, holder=holder
            )
            _append(
                actor=actor,
                evidence=evidence,
                head=head,
                kind=CustodyKind.REGISTERED,
                to_holder=holder,
                from_holder=None,
                place=evidence.seized_place,
                details={"snapshot": custody.evidence_snapshot(evidence, records)},
            )
            head.save()
            audit_record(
                actor=actor,
                action=AuditAction.COLLECT,
                obj=evidence,
                details={
                    "jit": jit.pk,
                    "reference": evidence.reference,
                    "files": [{"sha256": r.sha256, "size": r.size} for r in records],
                },
            )
    except BaseException:
        for f in received:
            EVIDENCE_FILES.remove(f.stored_name)
        raise
    return evidence


def custody_record(
    *,
    actor: Actor,
    evidence: Evidence,
    kind: str,
    to_holder: User | None = None,
    place: str = "",
    note: str = "",
) -> CustodyEvent:
    """Append what happened to an item: handed over to another member (by its holder or
    the space administrator), accessed, copied, analysed, or returned (custody ends)."""
    jit = evidence.jit
    _require_member(actor, jit)
    jit_refuse_if_closed(actor=actor, jit=jit, attempt=f"custody_{kind}")
    if kind not in MANUAL_CUSTODY_KINDS:
        raise ValidationError({"kind": [_("Choose one of the allowed values.")]})
    members = _member_users(jit)
    if kind == CustodyKind.HANDED_OVER and (to_holder is None or to_holder.pk not in members):
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=AuditAction.DISCLOSE,
                obj=evidence,
                justification=jit.reference,
                recipients=[f"user:{to_holder.pk}"] if to_holder else [],
                details={"refused": "hand_over_to_non_member", "jit": jit.pk},
            )
        raise ValidationError(
            {"to_holder": [_("The item can only be handed over to a member of the team.")]}
        )
    with transaction.atomic():
        head = _locked_head(evidence)
        holder = head.holder
        if holder is None:
            raise ValidationError(_("This item was returned: its custody has ended."))
        new_holder: User | None = holder
        if kind == CustodyKind.HANDED_OVER:
            if actor.user_id not in (holder.pk, jit.administrator_id):
                raise ValidationError(
                    _("Only the holder of the item or the space administrator hands it over.")
                )
            assert to_holder is not None  # checked above
            if to_holder.pk == holder.pk:
                raise ValidationError({"to_holder": [_("This member already holds the item.")]})
            new_holder = to_holder
        elif kind == CustodyKind.RETURNED:
            if not note.strip():
                raise ValidationError({"note": [_("Say to whom the item was returned.")]})
            new_holder = None
        event = _append(
            actor=actor,
            evidence=evidence,
            head=head,
            kind=kind,
            to_holder=new_holder,
            from_holder=holder,
            place=place,
            note=note,
        )
        head.holder = new_holder
        head.save(update_fields=["seq", "entry_hash", "holder"])
        audit_record(
            actor=actor,
            action=CUSTODY_AUDIT[CustodyKind(kind)],
            obj=evidence,
            justification=jit.reference,
            recipients=[f"user:{new_holder.pk}"]
            if kind == CustodyKind.HANDED_OVER and new_holder
            else [],
            details={"custody": kind, "seq": event.seq, "jit": jit.pk},
        )
    return event


def evidence_file_download(*, actor: Actor, file: EvidenceFile) -> bytes:
    """The content of an evidence file, checked against its SHA-256 first. The download
    is appended to the item's chain of custody and audited; a file that no longer matches
    is not handed out (and the failed check is audited)."""
    evidence = file.evidence
    _require_member(actor, evidence.jit)
    try:
        content = EVIDENCE_FILES.read_verified(file.stored_name, file.sha256)
    except FileIntegrityError:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=AuditAction.CONSULT,
                obj=file,
                justification=evidence.jit.reference,
                details={"integrity": "failed", "evidence": evidence.pk},
            )
        raise EvidenceIntegrityError(file.original_name) from None
    with transaction.atomic():
        head = _locked_head(evidence)
        _append(
            actor=actor,
            evidence=evidence,
            head=head,
            kind=CustodyKind.DOWNLOADED,
            to_holder=head.holder,
            from_holder=head.holder,
            details={"file": file.stored_name, "sha256": file.sha256},
        )
        head.save(update_fields=["seq", "entry_hash"])
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            obj=file,
            justification=evidence.jit.reference,
            details={"evidence": evidence.pk, "sha256": file.sha256},
            personal_data=True,
        )
    return content


def evidence_change_refuse(*, actor: Actor, evidence: Evidence, fields: list[str]) -> None:
    """Evidence cannot be changed once registered: the attempt is audited and refused."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=evidence,
            details={"refused": "evidence_immutable", "fields": sorted(fields)[:20]},
        )
    raise ValidationError(
        _(
            "Evidence cannot be changed once it is registered: record what happens to it "
            "in its chain of custody."
        )
    )


def evidence_consult(*, actor: Actor, evidence: Evidence) -> None:
    """Record that a member opened an item of evidence (audited, not a custody event)."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        obj=evidence,
        justification=evidence.jit.reference,
        personal_data=True,
    )


def custody_verify_files(file: EvidenceFile) -> bytes | None:
    """Read a stored file for verification (no custody event: nobody receives it)."""
    return EVIDENCE_FILES.read(file.stored_name)
