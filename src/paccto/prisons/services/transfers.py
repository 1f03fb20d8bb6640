"""Transfers of sentenced persons between states: opening the dossier, then the steps of a
state machine, each time-stamped (``TransferStep``), each taken by the state whose turn it
is. A step out of order, or against the rules of the instrument (no consent and no legal
exception, dates in the wrong order, an adaptation that aggravates the sentence), is
refused with a clear error, changes nothing, and is audited.

opened → consent (consent, or an exception the instrument allows) → approved by the
sentencing state (or refused) → forwarded with the certificate and the judgment →
accepted by the administering state (or refused) → adaptation decided → transferred.
The sentencing state may withdraw the dossier until the transfer."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.filestore import PrivateFileStore
from paccto.core.filetypes import EVIDENCE
from paccto.core.models import Country
from paccto.core.permissions import Actor, can
from paccto.core.uploads import Chunked, upload_receive
from paccto.prisons.choices import (
    FIXED_TERM,
    INSTRUMENT_EXCEPTIONS,
    NATIONALITY_EXCEPTIONS,
    TRANSFER_CLOSED,
    AlertKind,
    ConsentException,
    CustodyStatus,
    InmateEventKind,
    LegalStatus,
    TransferDocumentKind,
    TransferInstrument,
    TransferStatus,
    TransferStepKind,
)
from paccto.prisons.models import (
    Inmate,
    InmateEvent,
    TransferDocument,
    TransferDossier,
    TransferStep,
)
from paccto.prisons.permissions import is_transfer_authority
from paccto.prisons.selectors import instrument_countries
from paccto.prisons.services.access import Errors, prisons_refuse
from paccto.prisons.services.watches import alerts_for_event

TRANSFER_FILES = PrivateFileStore("transfers")
MAX_TEXT = 5000
# Documents are attached by the sentencing state until it forwards the dossier.
DOCUMENT_STATUSES = frozenset(
    {TransferStatus.OPENED, TransferStatus.CONSENT, TransferStatus.SENTENCING_APPROVED}
)


class TransferDocumentIntegrityError(Exception):
    """A stored document no longer matches the SHA-256 recorded on its arrival."""


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    return str(value or "").strip()[:limit]


def _step(
    actor: Actor,
    dossier: TransferDossier,
    kind: str,
    before: str,
    decided_on: date | None = None,
    note: str = "",
) -> TransferStep:
    assert actor.user_id is not None and actor.institution_id is not None
    return TransferStep.objects.create(
        dossier=dossier,
        kind=kind,
        from_status=before,
        to_status=dossier.status,
        by_id=actor.user_id,
        institution_id=actor.institution_id,
        decided_on=decided_on,
        note=note,
    )


def transfer_open(
    *,
    actor: Actor,
    inmate: Inmate,
    instrument: str,
    administering_country: Country | None,
    request_reference: str = "",
) -> TransferDossier:
    """Open the dossier of a sentenced inmate's transfer to another state (the
    administering state), for the actor's state, which sentenced him."""
    if not is_transfer_authority(actor) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(_("Only prison services and central authorities work on transfers."))
    sentencing = inmate.owner_institution.country_id
    if actor.country_id != sentencing:
        raise PermissionDenied(_("The sentencing state opens the dossier."))
    errors = Errors()
    if (
        inmate.legal_status != LegalStatus.SENTENCED
        or inmate.sentence_date is None
        or not inmate.in_custody
    ):
        errors.add("inmate", _("Only a sentenced person in custody is transferred."))
    elif TransferDossier.objects.filter(inmate=inmate).exclude(status__in=TRANSFER_CLOSED).exists():
        errors.add("inmate", _("A transfer of this person is already under way."))
    if instrument not in TransferInstrument.values:
        errors.add("instrument", _("Choose the legal instrument."))
    if administering_country is None:
        errors.add("administering_country", _("Choose the administering state."))
    elif administering_country.pk == sentencing:
        errors.add("administering_country", _("The person is transferred to another state."))
    elif instrument in TransferInstrument.values:
        states = instrument_countries(instrument)
        if states is not None and not {sentencing, administering_country.pk} <= states:
            errors.add(
                "instrument",
                _("%(instrument)s does not apply between these two states.")
                % {"instrument": TransferInstrument(instrument).label},
            )
    if errors:
        prisons_refuse(actor=actor, event="transfer_open", errors=errors, obj=inmate)
    assert administering_country is not None and inmate.sentence_date is not None
    with transaction.atomic():
        dossier = TransferDossier.objects.create(
            inmate=inmate,
            instrument=instrument,
            sentencing_country_id=sentencing,
            administering_country=administering_country,
            opened_by_institution_id=actor.institution_id,
            request_reference=_text(request_reference, 100),
            person_name=inmate.full_name,
            person_birth_date=inmate.birth_date,
            person_nationality=inmate.nationality,
            sentence_type=inmate.sentence_type,
            sentence_months=inmate.sentence_months,
            sentence_court=inmate.sentence_court,
            sentence_date=inmate.sentence_date,
            created_by_id=actor.user_id,
        )
        _step(actor, dossier, TransferStepKind.OPEN, "")
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=dossier,
            details={
                "reference": dossier.reference,
                "inmate": inmate.reference,
                "instrument": instrument,
                "to": administering_country.pk,
            },
        )
    return dossier


@dataclass(frozen=True)
class Step:
    """A step of the state machine: who takes it, from which statuses, and how."""

    side: str  # "sentencing" or "administering": the state whose turn it is
    allowed: frozenset[str]
    kind: str
    apply: Callable[[Actor, TransferDossier, Mapping[str, Any], Errors, date], date | None]


def _decided_on(errors: Errors, data: Mapping[str, Any], today: date, after: date | None) -> date:
    on = data.get("decided_on") or today
    if not isinstance(on, date):
        errors.add("decided_on", _("Enter a valid date."))
        return today
    if on > today:
        errors.add("decided_on", _("This date is in the future."))
    elif after is not None and on < after:
        errors.add(
            "decided_on",
            _("This date comes before the previous step (%(date)s).") % {"date": after.isoformat()},
        )
    return on


def _nationalities(dossier: TransferDossier) -> set[str]:
    return {code.strip().upper() for code in dossier.person_nationality.split(",") if code.strip()}


def _consent(
    actor: Actor, dossier: TransferDossier, data: Mapping[str, Any], errors: Errors, today: date
) -> date | None:
    given = data.get("consent_given")
    exception = str(data.get("consent_exception") or "")
    note = _text(data.get("note"), 1000)
    instrument = TransferInstrument(dossier.instrument)
    if given:
        on = data.get("consent_date")
        if not isinstance(on, date):
            errors.add("consent_date", _("Give the date of the consent."))
        elif on > today:
            errors.add("consent_date", _("This date is in the future."))
        elif on < dossier.sentence_date:
            errors.add("consent_date", _("The consent comes before the sentence."))
        if exception:
            errors.add("consent_exception", _("The person consents: no exception is needed."))
        dossier.consent_given, dossier.consent_date = True, on if isinstance(on, date) else None
        dossier.consent_exception, dossier.consent_note = "", note
        return dossier.consent_date
    allowed = INSTRUMENT_EXCEPTIONS.get(instrument, frozenset())
    if not exception:
        errors.add(
            "consent_exception",
            _("A transfer needs the person's consent or a legal exception."),
        )
    elif exception not in ConsentException.values:
        errors.add("consent_exception", _("Choose one of the allowed values."))
    elif not allowed:
        errors.add(
            "consent_exception",
            _("%(instrument)s allows no transfer without the person's consent.")
            % {"instrument": instrument.label},
        )
    elif exception not in allowed:
        errors.add(
            "consent_exception",
            _("This exception does not apply under %(instrument)s.")
            % {"instrument": instrument.label},
        )
    elif (
        exception in NATIONALITY_EXCEPTIONS
        and dossier.administering_country_id not in _nationalities(dossier)
    ):
        errors.add(
            "consent_exception",
            _("This exception needs the person to be a national of %(country)s.")
            % {"country": dossier.administering_country.name},
        )
    if exception and not note:
        errors.add("note", _("State the facts on which the exception rests."))
    dossier.consent_given, dossier.consent_date = False, None
    dossier.consent_exception, dossier.consent_note = exception, note
    return today


def _decision(
    data: Mapping[str, Any], errors: Errors, approve: str, refuse: str
) -> tuple[str, str]:
    decision = str(data.get("decision") or "")
    grounds = _text(data.get("grounds"))
    if decision not in (approve, refuse):
        errors.add("decision", _("Choose to approve or to refuse."))
    elif decision == refuse and not grounds:
        errors.add("grounds", _("State the grounds of the refusal."))
    return decision, grounds


def _sentencing_decision(
    actor: Actor, dossier: TransferDossier, data: Mapping[str, Any], errors: Errors, today: date
) -> date | None:
    decision, grounds = _decision(data, errors, "approve", "refuse")
    on = _decided_on(errors, data, today, dossier.consent_date)
    dossier.sentencing_decided_on, dossier.sentencing_grounds = on, grounds
    if decision == "refuse":
        dossier.status, dossier.refused_by_id = (
            TransferStatus.REFUSED,
            dossier.sentencing_country_id,
        )
    else:
        dossier.status = TransferStatus.SENTENCING_APPROVED
    return on


def _forward(
    actor: Actor, dossier: TransferDossier, data: Mapping[str, Any], errors: Errors, today: date
) -> date | None:
    kinds = set(dossier.documents.values_list("kind", flat=True))
    if not {TransferDocumentKind.CERTIFICATE, TransferDocumentKind.JUDGMENT} <= kinds:
        errors.add("documents", _("Attach the certificate and the judgment before forwarding."))
    return today


def _administering_decision(
    actor: Actor, dossier: TransferDossier, data: Mapping[str, Any], errors: Errors, today: date
) -> date | None:
    decision, grounds = _decision(data, errors, "accept", "refuse")
    on = _decided_on(errors, data, today, dossier.sentencing_decided_on)
    dossier.administering_decided_on, dossier.administering_grounds = on, grounds
    if decision == "refuse":
        dossier.status = TransferStatus.REFUSED
        dossier.refused_by_id = dossier.administering_country_id
    else:
        dossier.status = TransferStatus.ACCEPTED
    return on


def _adapt(
    actor: Actor, dossier: TransferDossier, data: Mapping[str, Any], errors: Errors, today: date
) -> date | None:
    adapted = bool(data.get("adapted"))
    months = data.get("adapted_sentence_months")
    grounds = _text(data.get("grounds"))
    on = _decided_on(errors, data, today, dossier.administering_decided_on)
    if adapted:
        if isinstance(months, bool) or not isinstance(months, int) or months < 1:
            errors.add("adapted_sentence_months", _("Give the adapted length in months."))
        elif (
            dossier.sentence_type in FIXED_TERM
            and dossier.sentence_months
            and months > dossier.sentence_months
        ):
            errors.add(
                "adapted_sentence_months",
                _(
                    "The adapted sentence may not be longer than the one imposed "
                    "(%(months)d months)."
                )
                % {"months": dossier.sentence_months},
            )
        if not grounds:
            errors.add("grounds", _("State the grounds of the adaptation."))
    elif months not in (None, ""):
        errors.add("adapted_sentence_months", _("The sentence is kept as imposed: no length."))
    planned = data.get("planned_transfer_date")
    if planned is not None and (not isinstance(planned, date) or planned < on):
        errors.add("planned_transfer_date", _("The transfer comes after the adaptation."))
    dossier.adapted = adapted
    dossier.adapted_sentence_months = months if adapted and isinstance(months, int) else None
    dossier.adaptation_grounds, dossier.adapted_on = grounds, on
    dossier.planned_transfer_date = planned if isinstance(planned, date) else None
    return on


def _transfer(
    actor: Actor, dossier: TransferDossier, data: Mapping[str, Any], errors: Errors, today: date
) -> date | None:
    on = data.get("transfer_date")
    after = dossier.adapted_on or dossier.administering_decided_on
    if not isinstance(on, date):
        errors.add("transfer_date", _("Give the date of the transfer."))
        return None
    if on > today:
        errors.add("transfer_date", _("A transfer is recorded once it has happened."))
    elif after is not None and on < after:
        errors.add(
            "transfer_date",
            _("This date comes before the previous step (%(date)s).") % {"date": after.isoformat()},
        )
    if not dossier.inmate.in_custody:
        errors.add("__all__", _("The inmate has already left custody."))
    dossier.transfer_date = on
    return on


def _withdraw(
    actor: Actor, dossier: TransferDossier, data: Mapping[str, Any], errors: Errors, today: date
) -> date | None:
    if not _text(data.get("note")):
        errors.add("note", _("State the reason."))
    return today


OPEN_STATUSES = frozenset(TransferStatus.values) - TRANSFER_CLOSED
STEPS: dict[str, tuple[Step, str]] = {
    "consent": (
        Step("sentencing", frozenset({TransferStatus.OPENED}), TransferStepKind.CONSENT, _consent),
        TransferStatus.CONSENT,
    ),
    "sentencing_decision": (
        Step(
            "sentencing",
            frozenset({TransferStatus.CONSENT}),
            TransferStepKind.SENTENCING_DECISION,
            _sentencing_decision,
        ),
        "",  # approved or refused: set by the step
    ),
    "forward": (
        Step(
            "sentencing",
            frozenset({TransferStatus.SENTENCING_APPROVED}),
            TransferStepKind.FORWARD,
            _forward,
        ),
        TransferStatus.FORWARDED,
    ),
    "administering_decision": (
        Step(
            "administering",
            frozenset({TransferStatus.FORWARDED}),
            TransferStepKind.ADMINISTERING_DECISION,
            _administering_decision,
        ),
        "",
    ),
    "adapt": (
        Step("administering", frozenset({TransferStatus.ACCEPTED}), TransferStepKind.ADAPT, _adapt),
        TransferStatus.ADAPTED,
    ),
    "transfer": (
        Step(
            "sentencing", frozenset({TransferStatus.ADAPTED}), TransferStepKind.TRANSFER, _transfer
        ),
        TransferStatus.TRANSFERRED,
    ),
    "withdraw": (
        Step("sentencing", OPEN_STATUSES, TransferStepKind.WITHDRAW, _withdraw),
        TransferStatus.WITHDRAWN,
    ),
}
STEP_NAMES = tuple(STEPS)


def transfer_step(
    *, actor: Actor, dossier: TransferDossier, step: str, data: Mapping[str, Any]
) -> TransferDossier:
    """Take one step of a dossier (``STEP_NAMES``) with its data: ``consent_given``,
    ``consent_date``, ``consent_exception`` and ``note`` (consent); ``decision``,
    ``decided_on`` and ``grounds`` (the states' decisions); ``adapted``,
    ``adapted_sentence_months``, ``grounds``, ``decided_on`` and
    ``planned_transfer_date`` (adaptation); ``transfer_date`` (transfer); ``note``
    (withdrawal, and with any step)."""
    if step not in STEPS:
        prisons_refuse(
            actor=actor,
            event="transfer_step",
            errors={"step": [_("Unknown step.")]},
            obj=dossier,
        )
    rule, target = STEPS[step]
    if not can(actor, rule.side, dossier):
        raise PermissionDenied(
            _("This step is taken by the sentencing state.")
            if rule.side == "sentencing"
            else _("This step is taken by the administering state.")
        )
    if dossier.status not in rule.allowed:
        prisons_refuse(
            actor=actor,
            event=step,
            errors={
                "__all__": [
                    _("This step is not possible now: the dossier is “%(status)s”.")
                    % {"status": dossier.get_status_display()}
                ]
            },
            obj=dossier,
        )
    before = dossier.status
    today = timezone.localdate()
    errors = Errors()
    decided_on = rule.apply(actor, dossier, data, errors, today)
    if errors:
        dossier.refresh_from_db()
        prisons_refuse(actor=actor, event=step, errors=errors, obj=dossier)
    if target:
        dossier.status = target
    note = _text(data.get("note") or data.get("grounds"))
    with transaction.atomic():
        dossier.updated_at = timezone.now()
        dossier.save()
        _step(actor, dossier, rule.kind, before, decided_on, note)
        if step == "transfer" and decided_on is not None:
            _inmate_transferred(actor, dossier, decided_on)
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=dossier,
            details={
                "reference": dossier.reference,
                "event": step,
                "from": before,
                "to": dossier.status,
            },
        )
    return dossier


def _inmate_transferred(actor: Actor, dossier: TransferDossier, on: date) -> None:
    """The inmate leaves the sentencing state's custody; those watching are told."""
    inmate = dossier.inmate
    inmate.status, inmate.released_on = CustodyStatus.TRANSFERRED, on
    inmate.updated_at = timezone.now()
    inmate.save(update_fields=["status", "released_on", "updated_at"])
    InmateEvent.objects.create(
        inmate=inmate,
        kind=InmateEventKind.TRANSFER_ABROAD,
        on=on,
        by_id=actor.user_id,
        institution_id=actor.institution_id,
        from_value=inmate.establishment[:200],
        to_value=dossier.administering_country.name[:200],
        note=dossier.reference,
    )
    alerts_for_event(inmate=inmate, kind=AlertKind.TRANSFERRED, on=on, final=True)


def transfer_document_add(
    *, actor: Actor, dossier: TransferDossier, kind: str, upload: Chunked
) -> TransferDocument:
    """Attach a document (the certificate, the judgment...) to a dossier of the actor's
    state, before it is forwarded. The file is streamed into the store outside the web
    root, checked (its kind sniffed, programs and lying extensions refused) and its SHA-256
    kept; a refused one leaves nothing behind."""
    if (
        not can(actor, "sentencing", dossier)
        or actor.user_id is None
        or actor.institution_id is None
    ):
        raise PermissionDenied(_("The sentencing state attaches the documents."))
    errors = Errors()
    if kind not in TransferDocumentKind.values:
        errors.add("kind", _("Choose the kind of document."))
    if dossier.status not in DOCUMENT_STATUSES:
        errors.add("__all__", _("Documents are attached before the dossier is forwarded."))
    if errors:
        prisons_refuse(actor=actor, event="document", errors=errors, obj=dossier)
    try:
        received = upload_receive(
            actor=actor,
            store=TRANSFER_FILES,
            upload=upload,
            limit=settings.PACCTO_PRISONS_DOCUMENT_MAX_BYTES,
            accept=EVIDENCE,
            field="file",
            object_type="prisons.transferdocument",
        )
    except ValidationError as exc:
        prisons_refuse(actor=actor, event="document", errors=exc.message_dict, obj=dossier)
    try:
        with transaction.atomic():
            document = TransferDocument.objects.create(
                dossier=dossier,
                kind=kind,
                file_name=received.file_name,
                media_type=received.media_type,
                size=received.size,
                sha256=received.sha256,
                stored_name=received.stored_name,
                uploaded_by_id=actor.user_id,
                institution_id=actor.institution_id,
            )
            audit_record(
                actor=actor,
                action=AuditAction.COLLECT,
                obj=document,
                details={
                    "dossier": dossier.reference,
                    "kind": kind,
                    "file": received.file_name,
                    "sha256": document.sha256,
                    "size": document.size,
                },
            )
    except BaseException:
        TRANSFER_FILES.remove(received.stored_name)
        raise
    return document


def transfer_document_open(*, actor: Actor, document: TransferDocument) -> bytes:
    """The content of a document the actor may see, checked against its SHA-256; the
    download is audited (and so is a refused one)."""
    content = TRANSFER_FILES.read(document.stored_name)
    intact = content is not None and hashlib.sha256(content).hexdigest() == document.sha256
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            obj=document,
            justification=document.dossier.reference,
            details={"file": document.file_name, "sha256": document.sha256}
            | ({} if intact else {"refused": "integrity"}),
            personal_data=True,
        )
    if not intact or content is None:
        raise TransferDocumentIntegrityError(document.pk)
    return content
