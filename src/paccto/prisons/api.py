"""Prisons in the API: inmates and their custody, affiliations, separation orders, release
watches, intelligence reports (sent through secure exchange), transfers of sentenced
persons with their documents, the academies' catalogue and enrolment, statistics. Anything
one may not see answers 404, audited.

No ``from __future__ import annotations`` here: django-ninja reads the parameter types
(``Query[...]``) at import."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from paccto.accounts.models import User
from paccto.api.auth import require_write
from paccto.api.pagination import Pagination
from paccto.cases.models import Case
from paccto.core.models import Country, Network
from paccto.core.permissions import Actor, actor_for, can
from paccto.entities import selectors as entity_selectors
from paccto.prisons import selectors, services
from paccto.prisons.models import Inmate
from paccto.prisons.permissions import (
    can_admit_inmates,
    can_use_prisons,
    can_watch_inmates,
    is_transfer_authority,
)
from paccto.prisons.schemas import (
    AffiliationIn,
    AffiliationOut,
    CompletionIn,
    CourseDetailOut,
    CourseOut,
    EndIn,
    EnrolIn,
    EnrolmentOut,
    EventOut,
    InmateIn,
    InmateOut,
    InmatePatch,
    InmateSummaryOut,
    LiftIn,
    MoveIn,
    ReleaseIn,
    ReportIn,
    ReportOut,
    SeparationIn,
    SeparationOut,
    SessionIn,
    SessionOut,
    StatisticsRowOut,
    TransferDocumentOut,
    TransferIn,
    TransferOut,
    TransferStepIn,
    TransferSummaryOut,
    WatchIn,
    WatchOut,
)

router = Router(tags=["prisons"])
T = TypeVar("T")
INMATE = "prisons.inmate"


class InmateFilter(Schema):
    q: str = ""
    status: str = ""
    risk_level: str = ""
    mine: bool = False


class Justified(Schema):
    justification: str = ""


def _found(
    actor: Actor, get: Callable[..., T], object_type: str, pk: int, action: str = "view"
) -> T:
    """One record through its selector, or 404 with the attempt audited."""
    try:
        return get(actor=actor, pk=pk, action=action)
    except Http404:
        services.prisons_access_refused(
            actor=actor, object_type=object_type, object_id=pk, attempted=action, via="api"
        )
        raise


def _inmate(actor: Actor, pk: int, action: str = "view") -> Inmate:
    return _found(actor, selectors.inmate_get, INMATE, pk, action)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this."))


def _case(actor: Actor, case_id: int | None) -> Case | None:
    """A case for the services to check (participation); an unknown id is no case, refused
    word for word as the services refuse a case the caller takes no part in (the same
    field too: the answer does not tell whether a case exists)."""
    if case_id is None:
        return None
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise ValidationError(
            {"case": [_("Choose a case your institution takes part in as lead or member.")]}
        )
    return case


def _inmate_out(actor: Actor, inmate: Inmate) -> SimpleNamespace:
    """The inmate as the caller may see it (an object: the schema's resolvers read the
    owner institution and each event's author as attributes)."""
    return SimpleNamespace(
        **{
            name: getattr(inmate, name)
            for name in (
                "id",
                "reference",
                "full_name",
                "establishment",
                "status",
                "legal_status",
                "admission_date",
                "expected_release_date",
                "risk_level",
                "register_number",
                "birth_date",
                "nationality",
                "released_on",
                "sentence_type",
                "sentence_months",
                "sentence_court",
                "sentence_date",
                "case_id",
                "grade",
                "handling_code",
                "handling_note",
                "share_scope",
            )
        },
        **{
            "owner_institution": inmate.owner_institution,
            "person_reference": (
                inmate.person.reference if can(actor, "view", inmate.person) else None
            ),
            "events": list(selectors.inmate_events(inmate=inmate)),
            "affiliations": list(selectors.inmate_affiliations(actor=actor, inmate=inmate)),
            "separations": list(selectors.inmate_separations(actor=actor, inmate=inmate)),
        },
    )


def _justification(value: str) -> str:
    value = value.strip()[:500]
    if not value:
        raise ValidationError({"justification": [_("A justification is required.")]})
    return value


@router.get("/prisons/inmates", response=list[InmateSummaryOut])
@paginate(Pagination)
def prisons_inmate_list(request: HttpRequest, filters: Query[InmateFilter]):
    """Inmates the caller may see (own prison service, shared, or linked to the caller's
    cases); the search is audited."""
    actor = actor_for(request.user)
    _require(can_use_prisons(actor))
    query = {
        "q": filters.q[:100],
        "status": filters.status[:12],
        "risk_level": filters.risk_level[:10],
    }
    inmates = selectors.inmate_list(actor=actor, mine=filters.mine, **query)
    services.inmate_search_record(actor=actor, query=query, count=inmates.count())
    return inmates


@router.post("/prisons/inmates", response={201: InmateOut})
def prisons_inmate_create(request: HttpRequest, body: InmateIn):
    """Admit a person (``person_id`` of the entity store, or ``person`` to record) to the
    caller's prison service (prison officers)."""
    require_write(request)
    actor = actor_for(request.user)
    person = None
    if body.person_id is not None:
        try:
            person = entity_selectors.entity_get(actor=actor, pk=body.person_id)
        except Http404:
            raise ValidationError(
                {"person_id": [_("Choose a person of the entity store you may see.")]}
            ) from None
    inmate = services.inmate_admit(
        actor=actor,
        person=person,
        person_identity=body.person.model_dump() if body.person else {},
        register_number=body.register_number,
        establishment=body.establishment,
        admission_date=body.admission_date,
        legal_status=body.legal_status,
        expected_release_date=body.expected_release_date,
        sentence_type=body.sentence_type,
        sentence_months=body.sentence_months,
        sentence_court=body.sentence_court,
        sentence_date=body.sentence_date,
        case=_case(actor, body.case_id),
        risk_level=body.risk_level,
        provenance=body.provenance.model_dump(),
    )
    return Status(201, _inmate_out(actor, selectors.inmate_get(actor=actor, pk=inmate.pk)))


@router.get("/prisons/inmates/{int:inmate_id}", response=InmateOut)
def prisons_inmate_detail(request: HttpRequest, inmate_id: int, params: Query[Justified]):
    """An inmate's record with its custody history, the affiliations and separation orders
    the caller may see; ``justification`` required and audited."""
    actor = actor_for(request.user)
    inmate = _inmate(actor, inmate_id)
    services.inmate_consult(
        actor=actor, inmate=inmate, justification=_justification(params.justification), via="api"
    )
    return _inmate_out(actor, inmate)


@router.patch("/prisons/inmates/{int:inmate_id}", response=InmateOut)
def prisons_inmate_update(request: HttpRequest, inmate_id: int, body: InmatePatch):
    """Change risk level, expected release date, legal status and sentence, case, register
    number or provenance (prison officers of the owner)."""
    require_write(request)
    actor = actor_for(request.user)
    inmate = _inmate(actor, inmate_id, "change")
    changes = body.model_dump(exclude_unset=True)
    provenance = changes.pop("provenance", None)
    if provenance:
        changes.update(provenance)
    if "case_id" in changes:
        changes["case"] = _case(actor, changes.pop("case_id"))
    services.inmate_update(actor=actor, inmate=inmate, changes=changes)
    return _inmate_out(actor, selectors.inmate_get(actor=actor, pk=inmate.pk))


@router.post("/prisons/inmates/{int:inmate_id}/moves", response={201: EventOut})
def prisons_inmate_move(request: HttpRequest, inmate_id: int, body: MoveIn):
    """Move the inmate to another establishment (watchers are told)."""
    require_write(request)
    actor = actor_for(request.user)
    inmate = _inmate(actor, inmate_id, "change")
    return Status(
        201,
        services.inmate_move(
            actor=actor,
            inmate=inmate,
            to_establishment=body.to_establishment,
            on=body.on,
            note=body.note,
        ),
    )


@router.post("/prisons/inmates/{int:inmate_id}/release", response=InmateSummaryOut)
def prisons_inmate_release(request: HttpRequest, inmate_id: int, body: ReleaseIn):
    """Record the release (watchers are told); not before the admission."""
    require_write(request)
    actor = actor_for(request.user)
    inmate = _inmate(actor, inmate_id, "change")
    return services.inmate_release(
        actor=actor, inmate=inmate, released_on=body.released_on, note=body.note
    )


@router.post("/prisons/inmates/{int:inmate_id}/affiliations", response={201: AffiliationOut})
def prisons_affiliation_create(request: HttpRequest, inmate_id: int, body: AffiliationIn):
    """Record an organised-crime affiliation, with its grade, source, handling code and
    share scope."""
    require_write(request)
    actor = actor_for(request.user)
    inmate = _inmate(actor, inmate_id, "change")
    return Status(
        201,
        services.affiliation_add(
            actor=actor,
            inmate=inmate,
            group_name=body.group_name,
            role=body.role,
            source=body.source,
            source_note=body.source_note,
            since=body.since,
            provenance=body.provenance.model_dump(),
        ),
    )


@router.post("/prisons/affiliations/{int:affiliation_id}/end", response=AffiliationOut)
def prisons_affiliation_end(request: HttpRequest, affiliation_id: int, body: EndIn):
    require_write(request)
    actor = actor_for(request.user)
    affiliation = _found(
        actor, selectors.affiliation_get, "prisons.affiliation", affiliation_id, "change"
    )
    return services.affiliation_end(
        actor=actor, affiliation=affiliation, ended_on=body.ended_on, reason=body.reason
    )


@router.post("/prisons/inmates/{int:inmate_id}/separations", response={201: SeparationOut})
def prisons_separation_create(request: HttpRequest, inmate_id: int, body: SeparationIn):
    """Keep two inmates of the caller's prison service apart, with the reason."""
    require_write(request)
    actor = actor_for(request.user)
    inmate = _inmate(actor, inmate_id, "change")
    other = _inmate(actor, body.other_id, "change")
    return Status(
        201,
        services.separation_order_add(actor=actor, inmate=inmate, other=other, reason=body.reason),
    )


@router.post("/prisons/separations/{int:separation_id}/lift", response=SeparationOut)
def prisons_separation_lift(request: HttpRequest, separation_id: int, body: LiftIn):
    require_write(request)
    actor = actor_for(request.user)
    order = _found(
        actor, selectors.separation_get, "prisons.separationorder", separation_id, "change"
    )
    return services.separation_order_lift(actor=actor, order=order, reason=body.reason)


@router.post("/prisons/inmates/{int:inmate_id}/watches", response={201: WatchOut})
def prisons_watch_create(request: HttpRequest, inmate_id: int, body: WatchIn):
    """Ask to be told before the inmate's release or transfer, and when it happens
    (police, customs and prosecution)."""
    require_write(request)
    actor = actor_for(request.user)
    inmate = _inmate(actor, inmate_id)
    return Status(
        201,
        services.watch_create(
            actor=actor, inmate=inmate, reason=body.reason, days_before=body.days_before
        ),
    )


@router.get("/prisons/watches", response=list[WatchOut])
@paginate(Pagination)
def prisons_watch_list(request: HttpRequest, active: bool = True):
    """The caller's institution's watches and the alerts they sent."""
    actor = actor_for(request.user)
    _require(can_watch_inmates(actor))
    return selectors.watch_list(actor=actor, active=active)


@router.post("/prisons/watches/{int:watch_id}/end", response=WatchOut)
def prisons_watch_end(request: HttpRequest, watch_id: int):
    require_write(request)
    actor = actor_for(request.user)
    watch = _found(actor, selectors.watch_get, "prisons.releasewatch", watch_id, "change")
    return services.watch_end(actor=actor, watch=watch)


@router.get("/prisons/reports", response=list[ReportOut])
@paginate(Pagination)
def prisons_report_list(request: HttpRequest, category: str = ""):
    """The intelligence reports the caller may see (their messages are)."""
    actor = actor_for(request.user)
    _require(can_use_prisons(actor))
    return selectors.report_list(actor=actor, category=category[:30])


@router.post("/prisons/reports", response={201: ReportOut})
def prisons_report_create(request: HttpRequest, body: ReportIn):
    """Write a report about inmates of the caller's prison service and send it through
    secure exchange (attachments uploaded first with ``POST /exchange/attachments``)."""
    require_write(request)
    actor = actor_for(request.user)
    _require(can_admit_inmates(actor))
    network = None
    if body.network:
        network = Network.objects.filter(key=body.network).first()
        if network is None:
            raise ValidationError({"network": [_("Unknown network.")]})
    inmates = list(
        Inmate.objects.filter(pk__in=body.inmate_ids).select_related("person", "owner_institution")
    )
    if len(inmates) != len(set(body.inmate_ids)):
        raise ValidationError({"inmate_ids": [_("Choose inmates of your prison service.")]})
    report = services.prison_report_send(
        actor=actor,
        category=body.category,
        inmates=inmates,
        occurred_on=body.occurred_on,
        subject=body.subject,
        body=body.body,
        recipient_ids=body.recipient_ids,
        network=network,
        language=body.language,
        criminal_markets=body.criminal_markets,
        case_reference=body.case_reference,
        handling_code=body.handling_code,
        handling_note=body.handling_note,
        source_reliability=body.source_reliability,
        information_reliability=body.information_reliability,
        phone_numbers=body.phone_numbers,
        attachment_ids=body.attachment_ids,
    )
    return Status(201, selectors.report_get(actor=actor, pk=report.pk))


@router.get("/prisons/reports/{int:report_id}", response=ReportOut)
def prisons_report_detail(request: HttpRequest, report_id: int):
    """Read a report (reading its message: audited, marked read by a recipient)."""
    from paccto.exchange.services import message_open

    actor = actor_for(request.user)
    report = _found(
        actor,
        lambda actor, pk, action: selectors.report_get(actor=actor, pk=pk),
        "prisons.prisonreport",
        report_id,
    )
    message_open(actor=actor, message=report.message)
    return report


@router.get("/prisons/transfers", response=list[TransferSummaryOut])
@paginate(Pagination)
def prisons_transfer_list(request: HttpRequest, status: str = ""):
    """Transfer dossiers of the caller's state (prison services, central authorities)."""
    actor = actor_for(request.user)
    _require(is_transfer_authority(actor))
    return selectors.transfer_list(actor=actor, status=status[:20])


@router.post("/prisons/transfers", response={201: TransferOut})
def prisons_transfer_create(request: HttpRequest, body: TransferIn):
    """Open the dossier of a sentenced inmate's transfer to another state."""
    require_write(request)
    actor = actor_for(request.user)
    inmate = _inmate(actor, body.inmate_id)
    dossier = services.transfer_open(
        actor=actor,
        inmate=inmate,
        instrument=body.instrument,
        administering_country=Country.objects.filter(pk=body.administering_country.upper()).first(),
        request_reference=body.request_reference,
    )
    return Status(201, selectors.transfer_get(actor=actor, pk=dossier.pk))


@router.get("/prisons/transfers/{int:transfer_id}", response=TransferOut)
def prisons_transfer_detail(request: HttpRequest, transfer_id: int):
    actor = actor_for(request.user)
    return _found(actor, selectors.transfer_get, "prisons.transferdossier", transfer_id)


@router.post("/prisons/transfers/{int:transfer_id}/steps", response=TransferOut)
def prisons_transfer_step(request: HttpRequest, transfer_id: int, body: TransferStepIn):
    """Take the next step (``consent``, ``sentencing_decision``, ``forward``,
    ``administering_decision``, ``adapt``, ``transfer``, ``withdraw``); out of order: 422."""
    require_write(request)
    actor = actor_for(request.user)
    dossier = _found(actor, selectors.transfer_get, "prisons.transferdossier", transfer_id)
    data = body.model_dump(exclude_unset=True)
    step = data.pop("step")
    services.transfer_step(actor=actor, dossier=dossier, step=step, data=data)
    return selectors.transfer_get(actor=actor, pk=dossier.pk)


@router.post("/prisons/transfer-documents", response={201: TransferDocumentOut})
def prisons_transfer_document_upload(
    request: HttpRequest,
    dossier_id: Form[int],
    kind: Form[str],
    file: File[UploadedFile],
):
    """Attach a document (``certificate``, ``judgment``, ``other``) to a dossier, before it
    is forwarded (multipart: ``dossier_id``, ``kind``, ``file``)."""
    require_write(request)
    actor = actor_for(request.user)
    dossier = _found(actor, selectors.transfer_get, "prisons.transferdossier", dossier_id)
    document = services.transfer_document_add(
        actor=actor,
        dossier=dossier,
        kind=kind[:20],
        upload=file,
    )
    return Status(201, document)


@router.get("/prisons/transfer-documents/{int:document_id}", response={200: None})
def prisons_transfer_document_download(request: HttpRequest, document_id: int):
    """Download a document (audited); 409 when the file no longer matches its SHA-256."""
    import io

    actor = actor_for(request.user)
    document = _found(
        actor,
        lambda actor, pk, action: selectors.transfer_document_get(actor=actor, pk=pk),
        "prisons.transferdocument",
        document_id,
    )
    try:
        content = services.transfer_document_open(actor=actor, document=document)
    except services.TransferDocumentIntegrityError:
        return JsonResponse(
            {"detail": _("This file no longer matches the one received: it is not sent.")},
            status=409,
        )
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=document.file_name,
        content_type=document.media_type,
    )
    response["X-Content-SHA256"] = document.sha256
    return response


@router.get("/prisons/courses", response=list[CourseOut])
def prisons_course_list(request: HttpRequest, topic: str = "", language: str = ""):
    """The prison academies' catalogue (every signed-in user)."""
    return selectors.course_list(
        actor=actor_for(request.user), topic=topic[:20], language=language[:2]
    )


@router.get("/prisons/courses/{int:course_id}", response=CourseDetailOut)
def prisons_course_detail(request: HttpRequest, course_id: int):
    actor = actor_for(request.user)
    course = _found(actor, selectors.course_get, "prisons.course", course_id)
    return {
        **{
            name: getattr(course, name)
            for name in ("id", "code", "topic", "title", "description", "languages", "hours")
        },
        "provider": course.provider,
        "sessions": list(selectors.course_sessions(course=course)),
    }


@router.post("/prisons/courses/{int:course_id}/sessions", response={201: SessionOut})
def prisons_session_create(request: HttpRequest, course_id: int, body: SessionIn):
    """Schedule a session (prison officers of the academy giving the course)."""
    require_write(request)
    actor = actor_for(request.user)
    course = _found(actor, selectors.course_get, "prisons.course", course_id)
    return Status(
        201,
        services.session_create(
            actor=actor,
            course=course,
            starts_on=body.starts_on,
            ends_on=body.ends_on,
            language=body.language,
            capacity=body.capacity,
            online=body.online,
            place=body.place,
        ),
    )


@router.get("/prisons/sessions/{int:session_id}", response=SessionOut)
def prisons_session_detail(request: HttpRequest, session_id: int):
    actor = actor_for(request.user)
    return _found(actor, selectors.session_get, "prisons.coursesession", session_id)


@router.get("/prisons/sessions/{int:session_id}/enrolments", response=list[EnrolmentOut])
def prisons_session_enrolments(request: HttpRequest, session_id: int):
    """The enrolments of a session the caller may see (own staff's; all for the
    academy)."""
    actor = actor_for(request.user)
    session = _found(actor, selectors.session_get, "prisons.coursesession", session_id)
    return list(selectors.session_enrolments(actor=actor, session=session))


@router.post("/prisons/sessions/{int:session_id}/enrolments", response={201: EnrolmentOut})
def prisons_enrolment_create(request: HttpRequest, session_id: int, body: EnrolIn):
    """Enrol a prison officer of the caller's institution (the caller by default): RAP
    member institutions only; never twice, never over capacity."""
    require_write(request)
    actor = actor_for(request.user)
    session = _found(actor, selectors.session_get, "prisons.coursesession", session_id)
    participant = None
    if body.participant_id is not None:
        participant = User.objects.filter(
            pk=body.participant_id, institution_id=actor.institution_id or 0
        ).first()
        if participant is None:
            raise ValidationError(
                {"participant_id": [_("Only prison staff of your institution can be enrolled.")]}
            )
    return Status(
        201, services.enrolment_create(actor=actor, session=session, participant=participant)
    )


@router.post("/prisons/enrolments/{int:enrolment_id}/withdraw", response=EnrolmentOut)
def prisons_enrolment_withdraw(request: HttpRequest, enrolment_id: int):
    require_write(request)
    actor = actor_for(request.user)
    enrolment = _found(
        actor, selectors.enrolment_get, "prisons.enrolment", enrolment_id, "withdraw"
    )
    return services.enrolment_withdraw(actor=actor, enrolment=enrolment)


@router.post("/prisons/enrolments/{int:enrolment_id}/completion", response=EnrolmentOut)
def prisons_enrolment_complete(request: HttpRequest, enrolment_id: int, body: CompletionIn):
    """The academy records attendance and the certificate."""
    require_write(request)
    actor = actor_for(request.user)
    enrolment = _found(
        actor, selectors.enrolment_get, "prisons.enrolment", enrolment_id, "complete"
    )
    return services.enrolment_complete(
        actor=actor, enrolment=enrolment, attended=body.attended, certificate=body.certificate
    )


@router.get("/prisons/statistics", response=list[StatisticsRowOut])
def prisons_statistics(request: HttpRequest):
    """Inmates in custody by country, affiliation and risk level: counts only."""
    _require(can_use_prisons(actor_for(request.user)))
    return selectors.inmate_statistics()
