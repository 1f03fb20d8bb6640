"""Cases and joint investigation teams in the API. A team and everything in it answers
404 to anyone who is not a current member, like a missing one."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from paccto.accounts.models import User
from paccto.api.auth import require_write
from paccto.api.pagination import Pagination
from paccto.cases import selectors, services
from paccto.cases.custody import custody_verify
from paccto.cases.models import Case, Jit
from paccto.cases.schemas import (
    CaseDetailOut,
    CaseEntityIn,
    CaseEntityOut,
    CaseIn,
    CaseMessageIn,
    CaseMessageOut,
    CaseOut,
    CasePatch,
    CustodyEventOut,
    CustodyIn,
    CustodyReportOut,
    EvaluationIn,
    EvaluationOut,
    EvidenceDetailOut,
    EvidenceIn,
    EvidenceOut,
    JitDetailOut,
    JitIn,
    JitOut,
    MeetingIn,
    MeetingOut,
    MemberIn,
    MemberOut,
    ParticipantIn,
    ParticipantOut,
    ReasonIn,
    StageChangeOut,
    StageIn,
    TaskIn,
    TaskOut,
    TaskPatch,
    TimelineEventOut,
)
from paccto.core.models import Institution
from paccto.core.permissions import actor_for
from paccto.entities.selectors import entity_get

router = Router(tags=["cases"])


class CaseFilter(Schema):
    q: str = ""
    stage: str = ""


def _case_detail(request: HttpRequest, case: Case) -> dict[str, Any]:
    actor = actor_for(request.user)
    services.case_consult(actor=actor, case=case)
    return {
        **{f: getattr(case, f) for f in CaseOut.model_fields if f != "owner_institution"},
        "owner_institution": case.owner_institution,
        "summary": case.summary,
        "allowed_stages": services.case_allowed_stages(case),
        "participants": list(selectors.case_participants(case=case)),
        "timeline": list(selectors.case_timeline(case=case)),
        "entities": list(selectors.case_entities(actor=actor, case=case)),
        "jits": list(selectors.case_jits(actor=actor, case=case)),
    }


@router.get("/cases", response=list[CaseOut])
@paginate(Pagination)
def case_list(request: HttpRequest, filters: Query[CaseFilter]):
    return selectors.case_list(
        actor=actor_for(request.user), q=filters.q[:100], stage=filters.stage[:20]
    )


@router.post("/cases", response={201: CaseOut})
def case_create(request: HttpRequest, body: CaseIn):
    require_write(request)
    case = services.case_create(actor=actor_for(request.user), **body.model_dump())
    return Status(201, case)


@router.get("/cases/{int:case_id}", response=CaseDetailOut)
def case_detail(request: HttpRequest, case_id: int):
    case = selectors.case_get(actor=actor_for(request.user), pk=case_id)
    return _case_detail(request, case)


@router.get("/cases/{int:case_id}/timeline", response=list[TimelineEventOut])
def case_timeline(request: HttpRequest, case_id: int):
    """Everything that happened to the case along the chain that the caller may see."""
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    services.case_consult(actor=actor, case=case)
    return selectors.case_timeline_events(actor=actor, case=case)


@router.patch("/cases/{int:case_id}", response=CaseOut)
def case_update(request: HttpRequest, case_id: int, body: CasePatch):
    require_write(request)
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    return services.case_update(actor=actor, case=case, **body.model_dump(exclude_none=True))


@router.post("/cases/{int:case_id}/stage", response=StageChangeOut)
def case_stage_change(request: HttpRequest, case_id: int, body: StageIn):
    require_write(request)
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    return services.case_change_stage(
        actor=actor, case=case, to_stage=body.to_stage, reason=body.reason
    )


@router.post("/cases/{int:case_id}/participants", response={201: ParticipantOut})
def case_participant_add(request: HttpRequest, case_id: int, body: ParticipantIn):
    require_write(request)
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    institution = user = None
    if body.institution_id is not None:
        institution = Institution.objects.filter(pk=body.institution_id).first()
        if institution is None:
            raise ValidationError({"institution_id": [_("Unknown institution.")]})
    if body.username:
        user = User.objects.filter(username=body.username, is_active=True).first()
        if user is None:
            raise ValidationError({"username": [_("No active account has this username.")]})
    participant = services.case_add_participant(
        actor=actor, case=case, role=body.role, institution=institution, user=user
    )
    return Status(201, participant)


@router.delete("/cases/{int:case_id}/participants/{int:participant_id}", response={204: None})
def case_participant_remove(request: HttpRequest, case_id: int, participant_id: int):
    require_write(request)
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    participant = selectors.case_participant_get(actor=actor, case=case, pk=participant_id)
    services.case_remove_participant(actor=actor, participant=participant)
    return Status(204, None)


@router.post("/cases/{int:case_id}/entities", response={201: CaseEntityOut})
def case_entity_link(request: HttpRequest, case_id: int, body: CaseEntityIn):
    require_write(request)
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    entity = entity_get(actor=actor, pk=body.entity_id)
    link = services.case_link_entity(
        actor=actor, case=case, entity=entity, justification=body.justification, note=body.note
    )
    return Status(201, link)


@router.post("/cases/{int:case_id}/entities/{int:link_id}/unlink", response={204: None})
def case_entity_unlink(request: HttpRequest, case_id: int, link_id: int, body: ReasonIn):
    require_write(request)
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    link = selectors.case_entity_link_get(actor=actor, case=case, pk=link_id)
    services.case_unlink_entity(actor=actor, link=link, reason=body.reason)
    return Status(204, None)


@router.get("/cases/{int:case_id}/messages", response=list[CaseMessageOut])
@paginate(Pagination)
def case_message_list(request: HttpRequest, case_id: int):
    """The messages linked to the case that the caller may read through secure exchange;
    the others are left out (linking a message gives nobody access to it)."""
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    return selectors.case_messages(actor=actor, case=case)


@router.post("/cases/{int:case_id}/messages", response={201: CaseMessageOut})
def case_message_link(request: HttpRequest, case_id: int, body: CaseMessageIn):
    """Link a message the caller reads to the case (its leads and members)."""
    from paccto.exchange.services import message_access

    require_write(request)
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    message = message_access(actor=actor, pk=body.message_id)
    link = services.case_link_message(actor=actor, case=case, message=message)
    return Status(201, selectors.case_message_link_get(actor=actor, case=case, pk=link.pk))


@router.delete("/cases/{int:case_id}/messages/{int:link_id}", response={204: None})
def case_message_unlink(request: HttpRequest, case_id: int, link_id: int):
    """Take a message out of the case (its leads and members who read the message)."""
    require_write(request)
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=case_id)
    link = selectors.case_message_link_get(actor=actor, case=case, pk=link_id)
    services.case_unlink_message(actor=actor, link=link)
    return Status(204, None)


# --- joint investigation teams ----------------------------------------------------------------


def _jit(request: HttpRequest, jit_id: int) -> Jit:
    return selectors.jit_get(actor=actor_for(request.user), pk=jit_id)


def _member(jit: Jit, username: str | None) -> User | None:
    return selectors.jit_member_user(jit=jit, username=username) if username else None


def _jit_detail(jit: Jit) -> Jit:
    jit.parties_list = [p.institution for p in selectors.jit_parties(jit=jit)]  # type: ignore[attr-defined]
    jit.members_list = list(selectors.jit_members(jit=jit))  # type: ignore[attr-defined]
    return jit


@router.get("/jits", response=list[JitOut])
@paginate(Pagination)
def jit_list(request: HttpRequest):
    return selectors.jit_list(actor=actor_for(request.user))


@router.post("/jits", response={201: JitDetailOut})
def jit_create(request: HttpRequest, body: JitIn):
    require_write(request)
    actor = actor_for(request.user)
    case = selectors.case_get(actor=actor, pk=body.case_id) if body.case_id else None
    jit = services.jit_create(
        actor=actor,
        name=body.name,
        case=case,
        legal_basis=body.legal_basis,
        legal_basis_text=body.legal_basis_text,
        purpose=body.purpose,
        start_date=body.start_date,
        end_date=body.end_date,
        party_ids=body.party_ids,
        members=[(m.username, m.function) for m in body.members],
        leader=body.leader,
        administrator=body.administrator,
    )
    return Status(201, _jit_detail(jit))


@router.get("/jits/{int:jit_id}", response=JitDetailOut)
def jit_detail(request: HttpRequest, jit_id: int):
    return _jit_detail(_jit(request, jit_id))


@router.post("/jits/{int:jit_id}/members", response={201: MemberOut})
def jit_member_add(request: HttpRequest, jit_id: int, body: MemberIn):
    require_write(request)
    jit = _jit(request, jit_id)
    member = services.jit_add_member(
        actor=actor_for(request.user), jit=jit, username=body.username, function=body.function
    )
    return Status(201, member)


@router.delete("/jits/{int:jit_id}/members/{int:member_id}", response={204: None})
def jit_member_remove(request: HttpRequest, jit_id: int, member_id: int):
    require_write(request)
    actor = actor_for(request.user)
    jit = _jit(request, jit_id)
    member = selectors.jit_member_get(actor=actor, jit=jit, pk=member_id)
    services.jit_remove_member(actor=actor, jit=jit, member=member)
    return Status(204, None)


@router.get("/jits/{int:jit_id}/evidence", response=list[EvidenceOut])
@paginate(Pagination)
def jit_evidence_list(request: HttpRequest, jit_id: int):
    jit = _jit(request, jit_id)
    return selectors.evidence_list(actor=actor_for(request.user), jit=jit)


@router.post("/jits/{int:jit_id}/evidence", response={201: EvidenceOut})
def jit_evidence_register(
    request: HttpRequest,
    jit_id: int,
    body: Form[EvidenceIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    require_write(request)
    jit = _jit(request, jit_id)
    evidence = services.evidence_register(
        actor=actor_for(request.user), jit=jit, files=files or [], **body.model_dump()
    )
    return Status(
        201, selectors.evidence_get(actor=actor_for(request.user), jit=jit, pk=evidence.pk)
    )


@router.get("/jits/{int:jit_id}/evidence/{int:evidence_id}", response=EvidenceDetailOut)
def jit_evidence_detail(request: HttpRequest, jit_id: int, evidence_id: int):
    actor = actor_for(request.user)
    evidence = selectors.evidence_get(actor=actor, jit=_jit(request, jit_id), pk=evidence_id)
    services.evidence_consult(actor=actor, evidence=evidence)
    evidence.custody_list = list(selectors.custody_events(evidence=evidence))  # type: ignore[attr-defined]
    return evidence


@router.api_operation(
    ["PATCH", "PUT", "DELETE"],
    "/jits/{int:jit_id}/evidence/{int:evidence_id}",
    response={422: dict},
)
def jit_evidence_change(request: HttpRequest, jit_id: int, evidence_id: int):
    """Evidence cannot be changed once registered: refused (422) and audited."""
    import json

    require_write(request)
    actor = actor_for(request.user)
    evidence = selectors.evidence_get(actor=actor, jit=_jit(request, jit_id), pk=evidence_id)
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = {}
    fields = [str(k)[:50] for k in body] if isinstance(body, dict) else []
    services.evidence_change_refuse(actor=actor, evidence=evidence, fields=fields)


@router.post(
    "/jits/{int:jit_id}/evidence/{int:evidence_id}/custody", response={201: CustodyEventOut}
)
def jit_custody_record(request: HttpRequest, jit_id: int, evidence_id: int, body: CustodyIn):
    require_write(request)
    actor = actor_for(request.user)
    jit = _jit(request, jit_id)
    evidence = selectors.evidence_get(actor=actor, jit=jit, pk=evidence_id)
    event = services.custody_record(
        actor=actor,
        evidence=evidence,
        kind=body.kind,
        to_holder=_member(jit, body.to_holder),
        place=body.place,
        note=body.note,
    )
    return Status(201, event)


@router.get("/jits/{int:jit_id}/files/{int:file_id}", response={200: None, 409: dict})
def jit_file_download(request: HttpRequest, jit_id: int, file_id: int):
    """The file, after its SHA-256 is checked; the download joins the chain of custody."""
    actor = actor_for(request.user)
    file = selectors.evidence_file_get(actor=actor, jit=_jit(request, jit_id), pk=file_id)
    try:
        content = services.evidence_file_download(actor=actor, file=file)
    except services.EvidenceIntegrityError:
        return Status(409, {"detail": integrity_message(file.original_name)})
    return file_response(content, file.content_type, file.original_name)


def integrity_message(name: str) -> str:
    return _(
        "“%(name)s” no longer matches the SHA-256 recorded at its upload: it was not sent. "
        "The space administrator has to look into it."
    ) % {"name": name}


def file_response(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@router.get("/jits/{int:jit_id}/custody/verify", response=CustodyReportOut)
def jit_custody_verify(request: HttpRequest, jit_id: int):
    """Verify the chain of custody of every item of the team."""
    actor = actor_for(request.user)
    jit = _jit(request, jit_id)
    report = custody_verify(
        selectors.evidence_list(actor=actor, jit=jit), read_file=services.custody_verify_files
    )
    return {
        "ok": report.ok,
        "items": report.items,
        "events": report.events,
        "files": report.files,
        "problems": [
            {
                "evidence_id": p.evidence_id,
                "reference": p.reference,
                "seq": p.problem.seq,
                "kind": p.problem.kind,
                "detail": p.problem.detail,
            }
            for p in report.problems
        ],
    }


@router.get("/jits/{int:jit_id}/tasks", response=list[TaskOut])
def jit_task_list(request: HttpRequest, jit_id: int):
    return list(selectors.jit_tasks(actor=actor_for(request.user), jit=_jit(request, jit_id)))


@router.post("/jits/{int:jit_id}/tasks", response={201: TaskOut})
def jit_task_create(request: HttpRequest, jit_id: int, body: TaskIn):
    require_write(request)
    jit = _jit(request, jit_id)
    task = services.jit_task_create(
        actor=actor_for(request.user),
        jit=jit,
        title=body.title,
        description=body.description,
        assignee=_member(jit, body.assignee),
        due_date=body.due_date,
    )
    return Status(201, task)


@router.patch("/jits/{int:jit_id}/tasks/{int:task_id}", response=TaskOut)
def jit_task_update(request: HttpRequest, jit_id: int, task_id: int, body: TaskPatch):
    require_write(request)
    actor = actor_for(request.user)
    jit = _jit(request, jit_id)
    task = selectors.jit_task_get(actor=actor, jit=jit, pk=task_id)
    assignee = _member(jit, body.assignee)
    if body.assignee and assignee is None:
        raise ValidationError({"assignee": [_("Choose a member of the team.")]})
    return services.jit_task_update(
        actor=actor, task=task, status=body.status, assignee=assignee, due_date=body.due_date
    )


@router.get("/jits/{int:jit_id}/meetings", response=list[MeetingOut])
def jit_meeting_list(request: HttpRequest, jit_id: int):
    return list(selectors.jit_meetings(actor=actor_for(request.user), jit=_jit(request, jit_id)))


@router.post("/jits/{int:jit_id}/meetings", response={201: MeetingOut})
def jit_meeting_create(request: HttpRequest, jit_id: int, body: MeetingIn):
    require_write(request)
    jit = _jit(request, jit_id)
    attendees = [_member(jit, name) for name in body.attendees]
    if any(a is None for a in attendees):
        raise ValidationError({"attendees": [_("Every attendee must be a member of the team.")]})
    meeting = services.jit_meeting_create(
        actor=actor_for(request.user),
        jit=jit,
        held_at=body.held_at,
        title=body.title,
        attendees=[a for a in attendees if a is not None],
        minutes=body.minutes,
    )
    return Status(201, meeting)


@router.post("/jits/{int:jit_id}/close", response=EvaluationOut)
def jit_close(request: HttpRequest, jit_id: int, body: EvaluationIn):
    """Close the team with its joint evaluation: the space becomes read-only."""
    require_write(request)
    jit = _jit(request, jit_id)
    return services.jit_close(
        actor=actor_for(request.user),
        jit=jit,
        objectives_met=body.objectives_met,
        cooperation_quality=body.cooperation_quality,
        lessons_learned=body.lessons_learned,
        legal_obstacles=body.legal_obstacles,
        statements={s.institution_id: s.text for s in body.statements},
    )


@router.get("/jits/{int:jit_id}/evaluation", response={200: EvaluationOut, 404: dict})
def jit_evaluation(request: HttpRequest, jit_id: int):
    from django.http import Http404

    evaluation = selectors.jit_evaluation(jit=_jit(request, jit_id))
    if evaluation is None:
        raise Http404
    return evaluation
