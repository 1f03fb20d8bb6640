"""Judicial cooperation in the API: requests for each side (lists, drafting, persons and
assets, human-rights answers, steps, deadline extension, files), the reference data they
use, and court outcomes. A record one may not see answers 404, and the attempt is audited;
what the rules refuse answers 422 (or 403 for a step of the other side), audited too."""

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from paccto.api.auth import require_write
from paccto.api.pagination import Pagination
from paccto.cases.api import file_response
from paccto.cases.models import Case
from paccto.cases.selectors import case_get
from paccto.core.models import Institution
from paccto.core.permissions import Actor, actor_for
from paccto.entities.models import Entity
from paccto.entities.selectors import entity_get
from paccto.judicial import machine, selectors, services
from paccto.judicial.models import Judgment, JudicialRequest, LegalBasis, RefusalGround
from paccto.judicial.permissions import request_sides
from paccto.judicial.schemas import (
    AttachmentOut,
    ChoiceOut,
    DeadlineRuleOut,
    EntityIn,
    EntityOut,
    EventOut,
    ExtensionIn,
    FinalIn,
    JudgmentIn,
    JudgmentOut,
    LegalBasisOut,
    RequestFilter,
    RequestIn,
    RequestOut,
    RequestPatch,
    RequestSummaryOut,
    SafeguardsIn,
    TransitionIn,
)
from paccto.judicial.services.access import REQUEST, Errors

router = Router(tags=["judicial cooperation"])
INSTITUTION_FIELDS = {
    "executing_institution_id": "executing_institution",
    "requesting_central_authority_id": "requesting_central_authority",
    "executing_central_authority_id": "executing_central_authority",
}


def _request(actor: Actor, pk: int, action: str = "view") -> JudicialRequest:
    try:
        return selectors.judicial_request_get(actor=actor, pk=pk, action=action)
    except Http404:
        services.judicial_access_refused(actor=actor, object_type=REQUEST, object_id=pk, via="api")
        raise


def _judgment(actor: Actor, pk: int, action: str = "view") -> Judgment:
    try:
        return selectors.judgment_get(actor=actor, pk=pk, action=action)
    except Http404:
        services.judicial_access_refused(
            actor=actor, object_type="judicial.judgment", object_id=pk, via="api"
        )
        raise


def _date(errors: Errors, key: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.add(key, _("Enter a valid date."))
        return None


def _visible_entity(actor: Actor, pk: int | None) -> Entity | None:
    if pk is None:
        return None
    try:
        return entity_get(actor=actor, pk=pk)
    except Http404:
        return None


def _values(actor: Actor, data: dict[str, Any], errors: Errors) -> dict[str, Any]:
    """Request values from a body: ids to institutions, legal basis and case (None when
    unknown or not visible: the services say so), dates parsed."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in INSTITUTION_FIELDS:
            values[INSTITUTION_FIELDS[key]] = (
                Institution.objects.filter(pk=value).first() if value else None
            )
            if value and values[INSTITUTION_FIELDS[key]] is None:
                errors.add(INSTITUTION_FIELDS[key], _("Unknown institution."))
        elif key == "legal_basis":
            values["legal_basis"] = LegalBasis.objects.filter(key=value, active=True).first()
        elif key == "case_id":
            case = None
            if value:
                try:
                    case = case_get(actor=actor, pk=value)
                except Http404:
                    errors.add("case", _("Choose a case you take part in."))
            values["case"] = case
        elif key in ("facts_from", "facts_to"):
            values[key] = _date(errors, key, value)
        else:
            values[key] = value
    return values


def _out(actor: Actor, req: JudicialRequest) -> dict[str, Any]:
    sides = request_sides(actor, req)
    return {
        **{
            name: getattr(req, name)
            for name in (
                "id",
                "number",
                "request_type",
                "status",
                "title",
                "urgency",
                "requesting_institution",
                "executing_institution",
                "requesting_central_authority",
                "executing_central_authority",
                "case_id",
                "sent_at",
                "updated_at",
                "due_at",
                "legal_basis_detail",
                "offence",
                "facts",
                "facts_from",
                "facts_to",
                "criminal_markets",
                "measures",
                "urgency_reasons",
                "language",
                "created_at",
            )
        },
        "overdue": req.is_overdue,
        "legal_basis": req.legal_basis.key,
        "legal_basis_name": req.legal_basis.name,
        "sides": sorted(sides),
        "allowed_steps": machine.allowed_steps(req.status, sides),
        "safeguards_required": services.safeguards_required_for(req),
        "safeguards_missing": services.safeguards_missing(req),
        "safeguards": list(selectors.request_safeguards(request=req)),
        "entities": list(selectors.request_entities(request=req)),
        "attachments": list(selectors.request_attachments(request=req)),
        "deadlines": list(selectors.request_deadlines(request=req)),
    }


@router.get("/judicial/requests", response=list[RequestSummaryOut])
@paginate(Pagination)
def judicial_request_list(request: HttpRequest, filters: Query[RequestFilter]):
    """The requests the caller sees, overdue first: ``box`` ``outgoing`` or ``incoming``,
    ``status``, ``request_type``, ``overdue``, ``q`` (number or subject), ``case_id``."""
    actor = actor_for(request.user)
    case: Case | None = None
    if filters.case_id:
        case = case_get(actor=actor, pk=filters.case_id)
    return selectors.judicial_request_list(
        actor=actor,
        box=filters.box,
        status=filters.status,
        request_type=filters.request_type,
        overdue=filters.overdue,
        q=filters.q,
        case=case,
    )


@router.post("/judicial/requests", response={201: RequestOut})
def judicial_request_create(request: HttpRequest, body: RequestIn):
    """Draft a request of the caller's institution (judges and prosecutors)."""
    require_write(request)
    actor = actor_for(request.user)
    errors = Errors()
    values = _values(actor, body.model_dump(), errors)
    if errors:
        services.judicial_refuse(actor=actor, event="create", errors=errors)
    created = services.judicial_request_create(actor=actor, values=services.RequestValues(**values))
    return Status(201, _out(actor, created))


@router.get("/judicial/requests/{int:request_id}", response=RequestOut)
def judicial_request_detail(request: HttpRequest, request_id: int):
    """One request, with its deadlines, human-rights answers, persons, files and the steps
    the caller may take (audited)."""
    actor = actor_for(request.user)
    req = _request(actor, request_id)
    services.judicial_request_consult(actor=actor, request=req, via="api")
    return _out(actor, req)


@router.patch("/judicial/requests/{int:request_id}", response=RequestOut)
def judicial_request_update(request: HttpRequest, request_id: int, body: RequestPatch):
    """Change a draft (the requesting institution's judges and prosecutors)."""
    require_write(request)
    actor = actor_for(request.user)
    req = _request(actor, request_id)
    errors = Errors()
    changes = _values(actor, body.model_dump(exclude_unset=True), errors)
    if errors:
        services.judicial_refuse(actor=actor, event="update", errors=errors, obj=req)
    services.judicial_request_update(actor=actor, request=req, changes=changes)
    return _out(actor, req)


@router.get("/judicial/requests/{int:request_id}/events", response=list[EventOut])
def judicial_request_events(request: HttpRequest, request_id: int):
    """The history of a request: every step, who, when, why."""
    actor = actor_for(request.user)
    return list(selectors.request_events(request=_request(actor, request_id)))


@router.post("/judicial/requests/{int:request_id}/entities", response={201: EntityOut})
def judicial_request_entity_add(request: HttpRequest, request_id: int, body: EntityIn):
    """Name a person or an asset of the entity store on a request (requesting side)."""
    require_write(request)
    actor = actor_for(request.user)
    req = _request(actor, request_id)
    link = services.request_entity_add(
        actor=actor,
        request=req,
        entity=_visible_entity(actor, body.entity_id),
        role=body.role,
        note=body.note,
    )
    return Status(201, link)


@router.put("/judicial/requests/{int:request_id}/safeguards", response=RequestOut)
def judicial_request_safeguards(request: HttpRequest, request_id: int, body: SafeguardsIn):
    """Answer human-rights questions (requesting side): yes or no, explained; a yes on the
    death penalty with the assurance given."""
    require_write(request)
    actor = actor_for(request.user)
    req = _request(actor, request_id)
    services.safeguards_answer(
        actor=actor, request=req, answers=[a.model_dump() for a in body.answers]
    )
    return _out(actor, req)


@router.post("/judicial/requests/{int:request_id}/transitions", response={201: EventOut})
def judicial_request_transition(request: HttpRequest, request_id: int, body: TransitionIn):
    """Take a step (``send``, ``confirm_receipt``, ``recognise``, ``refuse`` with a
    ``ground``, ``ask_clarification``...): see ``allowed_steps`` on the request."""
    require_write(request)
    actor = actor_for(request.user)
    req = _request(actor, request_id)
    ground = None
    if body.ground:
        ground = RefusalGround.objects.filter(key=body.ground).first()
    event = services.judicial_request_transition(
        actor=actor, request=req, action=body.action, reason=body.reason, ground=ground
    )
    return Status(201, event)


@router.post("/judicial/requests/{int:request_id}/extension", response=RequestOut)
def judicial_request_extend(request: HttpRequest, request_id: int, body: ExtensionIn):
    """Extend the running deadline once, before it runs out, with a notice (executing
    side)."""
    require_write(request)
    actor = actor_for(request.user)
    req = _request(actor, request_id)
    services.request_deadline_extend(actor=actor, request=req, notice=body.notice)
    return _out(actor, req)


@router.post("/judicial/attachments", response={201: list[AttachmentOut]})
def judicial_attachment_upload(
    request: HttpRequest, request_id: Form[int], file: File[list[UploadedFile]]
):
    """Attach files to a request (multipart: ``request_id`` and one or more ``file``)."""
    require_write(request)
    actor = actor_for(request.user)
    req = _request(actor, request_id)
    return Status(201, services.request_attachments_add(actor=actor, request=req, uploads=file))


@router.get("/judicial/attachments/{int:attachment_id}", response={200: None})
def judicial_attachment_download(request: HttpRequest, attachment_id: int):
    """Download a file of a request (audited); 409 when it no longer matches its SHA-256."""
    actor = actor_for(request.user)
    try:
        attachment = selectors.request_attachment_get(actor=actor, pk=attachment_id)
    except Http404:
        services.judicial_access_refused(
            actor=actor,
            object_type="judicial.requestattachment",
            object_id=attachment_id,
            via="api",
        )
        raise
    try:
        content = services.request_attachment_open(actor=actor, attachment=attachment)
    except services.RequestFileIntegrityError as exc:
        return JsonResponse({"detail": str(exc)}, status=409)
    response = file_response(content, attachment.media_type, attachment.file_name)
    response["X-Content-SHA256"] = attachment.sha256
    return response


@router.get("/judicial/legal-bases", response=list[LegalBasisOut])
def judicial_legal_basis_list(
    request: HttpRequest,
    request_type: str = "",
    requesting_country: str = "",
    executing_country: str = "",
):
    """The legal bases (reference data); give a kind of request and two states to see the
    ones that apply."""
    return [
        {**{f: getattr(b, f) for f in LegalBasisOut.model_fields if f != "name"}, "name": b.name}
        for b in selectors.legal_basis_list(
            request_type=request_type[:40],
            requesting_country=requesting_country[:2].upper(),
            executing_country=executing_country[:2].upper(),
        )
    ]


@router.get("/judicial/refusal-grounds", response=list[ChoiceOut])
def judicial_refusal_ground_list(request: HttpRequest, request_type: str = ""):
    """The grounds an executing authority may give for refusing (reference data)."""
    return [
        {"code": g.key, "label": g.label, "request_types": g.request_types}
        for g in selectors.refusal_ground_list(request_type=request_type[:40])
    ]


@router.get("/judicial/deadline-rules", response=list[DeadlineRuleOut])
def judicial_deadline_rule_list(request: HttpRequest):
    """The deadlines of the executing side per legal basis, kind, urgency and phase."""
    return list(selectors.deadline_rule_list())


@router.get("/judicial/judgments", response=list[JudgmentOut])
@paginate(Pagination)
def judicial_judgment_list(request: HttpRequest, case_id: int | None = None):
    """The judgments of the cases the caller takes part in (of one case with ``case_id``)."""
    actor = actor_for(request.user)
    case = case_get(actor=actor, pk=case_id) if case_id else None
    return selectors.judgment_list(actor=actor, case=case)


@router.post("/judicial/judgments", response={201: JudgmentOut})
def judicial_judgment_create(request: HttpRequest, body: JudgmentIn):
    """Record a court outcome of a case (judges and prosecutors taking part in it)."""
    require_write(request)
    actor = actor_for(request.user)
    case = case_get(actor=actor, pk=body.case_id)
    errors = Errors()
    court = Institution.objects.filter(pk=body.court_id).first() if body.court_id else None
    judgment_date = _date(errors, "judgment_date", body.judgment_date)
    final_on = _date(errors, "final_on", body.final_on)
    defendant = _visible_entity(actor, body.defendant_id)
    if body.defendant_id and defendant is None:
        errors.add("defendant", _("Choose a person of the entity store you may see."))
    if errors:
        services.judicial_refuse(actor=actor, event="judgment_record", errors=errors, obj=case)
    judgment = services.judgment_record(
        actor=actor,
        case=case,
        values=services.JudgmentValues(
            court=court,
            judgment_date=judgment_date,
            judgment_type=body.judgment_type,
            offences=body.offences,
            court_reference=body.court_reference,
            defendant=defendant,
            sentence_type=body.sentence_type,
            sentence_months=body.sentence_months,
            sentence_days=body.sentence_days,
            fine_amount=body.fine_amount,
            fine_currency=body.fine_currency,
            confiscation_ordered=body.confiscation_ordered,
            confiscation_details=body.confiscation_details,
            finality=body.finality,
            final_on=final_on,
        ),
    )
    return Status(201, judgment)


@router.get("/judicial/judgments/{int:judgment_id}", response=JudgmentOut)
def judicial_judgment_detail(request: HttpRequest, judgment_id: int):
    actor = actor_for(request.user)
    judgment = _judgment(actor, judgment_id)
    services.judgment_consult(
        actor=actor, judgment=judgment, case_reference=judgment.case.reference
    )
    return judgment


@router.post("/judicial/judgments/{int:judgment_id}/final", response=JudgmentOut)
def judicial_judgment_final(request: HttpRequest, judgment_id: int, body: FinalIn):
    """Record the day a judgment became final."""
    require_write(request)
    actor = actor_for(request.user)
    judgment = _judgment(actor, judgment_id)
    errors = Errors()
    final_on = _date(errors, "final_on", body.final_on)
    if errors:
        services.judicial_refuse(actor=actor, event="judgment_final", errors=errors, obj=judgment)
    return services.judgment_mark_final(actor=actor, judgment=judgment, final_on=final_on)
