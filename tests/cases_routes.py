"""Permission-matrix rows of the cases app (pages and API), and the records they need.

The case belongs to the owner's institution (Colombian police), with the Portuguese police
(``other_country``) taking part as a member. The team (JIT) has the owner as space
administrator and leader and ``other_country`` as member; to everyone else any of its
URLs answers 404, like a missing one.
"""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from paccto.cases import services
from paccto.core.permissions import actor_for
from tests.cases_factories import PDF, make_case, make_jit, register_evidence
from tests.factories import make_user

OPERATIONAL = dict(owner=200, other_institution=200, other_country=200)
MEMBERS = dict(owner=200, other_country=200)
CASE_RECORD_KEYS = (
    "case",
    "case_link",
    "jit",
    "jit_evidence",
    "jit_file",
    "jit_task",
    "jit_extra_member",
    "closed_jit",
    "pt_participant",
)


CASE_MESSAGE_KEYS = ("case_message",)


def case_message_records(actors, records) -> dict:
    """The message from the owner to the Portuguese police (a member of the case), linked
    to the case by the owner."""
    link = services.case_link_message(
        actor=actor_for(actors.owner), case=records["case"], message=records["message"]
    )
    return {"case_message": link}


def case_records(actors, entity, organisation) -> dict:
    owner = actors.owner
    case = make_case(owner, reference="CO-MATRIX-1")
    services.case_add_participant(
        actor=actor_for(owner),
        case=case,
        role="member",
        institution=actors.other_country.institution,
    )
    participant = services.case_add_participant(
        actor=actor_for(owner), case=case, role="observer", user=actors.other_institution
    )
    participant.delete()  # a participant to remove is made per test below
    link = services.case_link_entity(
        actor=actor_for(owner), case=case, entity=organisation, justification="matrix"
    )
    extra = make_user("PT", "police", ("investigator",), username="pt.extra")
    make_user("CO", "police", ("investigator",), username="co.extra")  # not yet a member
    jit = make_jit(owner, actors.other_country, extra, case=case)
    evidence = register_evidence(owner, jit)
    task = services.jit_task_create(
        actor=actor_for(owner), jit=jit, title="Trace", assignee=owner, due_date=date(2026, 6, 1)
    )
    closed = make_jit(owner, actors.other_country, name="Closed team")
    services.jit_close(
        actor=actor_for(owner),
        jit=closed,
        objectives_met="yes",
        cooperation_quality="4",
        lessons_learned="Share earlier",
    )
    return {
        "case": case,
        "case_link": link,
        "jit": jit,
        "jit_evidence": evidence,
        "jit_file": evidence.files.get(),
        "jit_task": task,
        "jit_extra_member": jit.members.get(user=extra),
        "closed_jit": closed,
        "pt_participant": case.participants.get(institution=actors.other_country.institution),
    }


def _jit_payload(actors, records):
    return {
        "name": "Matrix team",
        "legal_basis": "ameripol_2023",
        "purpose": "Matrix",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "party_ids": [actors.owner.institution_id, actors.other_country.institution_id],
        "members": [{"username": "co.owner"}, {"username": "pt.other"}],
        "leader": "co.owner",
    }


def _evidence_form(actors, records):
    return {
        "item": "USB stick",
        "evidence_type": "digital",
        "description": "Found in a container",
        "seized_at": "2026-03-02T10:30",
        "seized_place": "Lisboa",
        "seized_by": "Agente Silva",
        "files": SimpleUploadedFile("report.pdf", PDF),
    }


def case_routes(Route, expect) -> list:
    jit = lambda a, r: f"/cases/jits/{r['jit'].pk}"  # noqa: E731
    api_jit = lambda a, r: f"/api/v1/jits/{r['jit'].pk}"  # noqa: E731
    case = lambda a, r: f"/cases/{r['case'].pk}"  # noqa: E731
    api_case = lambda a, r: f"/api/v1/cases/{r['case'].pk}"  # noqa: E731
    lead_only = dict(owner=302, other_country=403)
    api_lead_only = dict(owner=200, other_country=403)
    return [
        # Case pages: participants see the case; its leads change it.
        Route("cases:case_list", "/cases/?q=CO", expect(302, 200)),
        Route("cases:case_create", "/cases/new/", expect(302, 403, **OPERATIONAL)),
        Route(
            "cases:case_create",
            "/cases/new/",
            expect(302, 403, owner=400, other_institution=400, other_country=400),
            "post",
            {},
        ),
        Route("cases:case_detail", lambda a, r: f"{case(a, r)}/", expect(302, 404, **MEMBERS)),
        Route(
            "cases:case_edit",
            lambda a, r: f"{case(a, r)}/edit/",
            expect(302, 404, owner=200, other_country=403),
        ),
        Route(
            "cases:case_stage",
            lambda a, r: f"{case(a, r)}/stage/",
            expect(302, 404, **lead_only),
            "post",
            {"to_stage": "investigation", "reason": "matrix"},
        ),
        Route(
            "cases:participant_add",
            lambda a, r: f"{case(a, r)}/participants/",
            expect(302, 404, **lead_only),
            "post",
            lambda a, r: {
                "institution": str(a.other_institution.institution_id),
                "role": "observer",
            },
        ),
        Route(
            "cases:participant_remove",
            lambda a, r: f"{case(a, r)}/participants/{r['pt_participant'].pk}/remove/",
            expect(302, 404, **lead_only),
            "post",
            {},
        ),
        Route(
            "cases:entity_link",
            lambda a, r: f"{case(a, r)}/entities/",
            expect(302, 404, owner=302),
            "post",
            lambda a, r: {"entity": str(r["entity"].pk), "justification": "matrix"},
        ),
        Route(
            "cases:entity_unlink",
            lambda a, r: f"{case(a, r)}/entities/{r['case_link'].pk}/unlink/",
            expect(302, 404, **lead_only),
            "post",
            {"reason": "matrix"},
        ),
        # Messages linked to a case: leads and members who read the message.
        Route(
            "cases:message_unlink",
            lambda a, r: f"{case(a, r)}/messages/{r['case_message'].pk}/unlink/",
            expect(302, 404, owner=302, other_country=302),
            "post",
            {},
        ),
        # Teams: members only; 404 for everyone else.
        Route("cases:jit_list", "/cases/jits/", expect(302, 200)),
        Route("cases:jit_create", "/cases/jits/new/", expect(302, 403, **OPERATIONAL)),
        Route(
            "cases:jit_create",
            "/cases/jits/new/",
            expect(302, 403, owner=400, other_institution=400, other_country=400),
            "post",
            {},
        ),
        Route("cases:jit_detail", lambda a, r: f"{jit(a, r)}/", expect(302, 404, **MEMBERS)),
        Route(
            "cases:jit_member_add",
            lambda a, r: f"{jit(a, r)}/members/",
            expect(302, 404, owner=302, other_country=403),
            "post",
            {"username": "co.extra"},
        ),
        Route(
            "cases:jit_member_remove",
            lambda a, r: f"{jit(a, r)}/members/{r['jit_extra_member'].pk}/remove/",
            expect(302, 404, owner=302, other_country=403),
            "post",
            {},
        ),
        Route(
            "cases:evidence_create",
            lambda a, r: f"{jit(a, r)}/evidence/new/",
            expect(302, 404, **MEMBERS),
        ),
        Route(
            "cases:evidence_create",
            lambda a, r: f"{jit(a, r)}/evidence/new/",
            expect(302, 404, owner=302, other_country=302),
            "post",
            _evidence_form,
        ),
        Route(
            "cases:evidence_detail",
            lambda a, r: f"{jit(a, r)}/evidence/{r['jit_evidence'].pk}/",
            expect(302, 404, **MEMBERS),
        ),
        Route(
            "cases:custody_record",
            lambda a, r: f"{jit(a, r)}/evidence/{r['jit_evidence'].pk}/custody/",
            expect(302, 404, owner=302, other_country=302),
            "post",
            {"kind": "accessed", "note": "matrix"},
        ),
        Route(
            "cases:file_download",
            lambda a, r: f"{jit(a, r)}/files/{r['jit_file'].pk}/",
            expect(302, 404, **MEMBERS),
        ),
        Route(
            "cases:custody_verify",
            lambda a, r: f"{jit(a, r)}/custody/verify/",
            expect(302, 404, **MEMBERS),
        ),
        Route(
            "cases:task_create",
            lambda a, r: f"{jit(a, r)}/tasks/",
            expect(302, 404, owner=302, other_country=302),
            "post",
            {"title": "Matrix", "assignee": "pt.other", "due_date": "2026-07-01"},
        ),
        Route(
            "cases:task_update",
            lambda a, r: f"{jit(a, r)}/tasks/{r['jit_task'].pk}/",
            expect(302, 404, owner=302, other_country=302),
            "post",
            {"status": "done"},
        ),
        Route(
            "cases:meeting_create",
            lambda a, r: f"{jit(a, r)}/meetings/",
            expect(302, 404, owner=302, other_country=302),
            "post",
            {
                "held_at": "2026-04-01T09:00",
                "title": "Kick-off",
                "attendees": ["co.owner", "pt.other"],
                "minutes": "Agreed",
            },
        ),
        Route(
            "cases:jit_close",
            lambda a, r: f"{jit(a, r)}/close/",
            expect(302, 404, owner=200, other_country=403),
        ),
        Route(
            "cases:jit_close",
            lambda a, r: f"{jit(a, r)}/close/",
            expect(302, 404, owner=302, other_country=403),
            "post",
            {"objectives_met": "partly", "cooperation_quality": "3", "lessons_learned": "x"},
        ),
        # API
        Route("api:case_list", "/api/v1/cases", expect(401, 200)),
        Route(
            "api:case_create",
            "/api/v1/cases",
            expect(401, 403, owner=201, other_institution=201, other_country=201),
            "post",
            {"reference": "API-1", "title": "Matrix"},
            json=True,
        ),
        Route("api:case_detail", api_case, expect(401, 404, **MEMBERS)),
        Route(
            "api:case_timeline",
            lambda a, r: f"/api/v1/cases/{r['case'].pk}/timeline",
            expect(401, 404, **MEMBERS),
        ),
        Route(
            "api:case_update",
            api_case,
            expect(401, 404, **api_lead_only),
            "patch",
            {"title": "Renamed"},
            json=True,
        ),
        Route(
            "api:case_stage_change",
            lambda a, r: f"{api_case(a, r)}/stage",
            expect(401, 404, **api_lead_only),
            "post",
            {"to_stage": "investigation", "reason": "matrix"},
            json=True,
        ),
        Route(
            "api:case_participant_add",
            lambda a, r: f"{api_case(a, r)}/participants",
            expect(401, 404, owner=201, other_country=403),
            "post",
            lambda a, r: {"role": "observer", "institution_id": a.other_institution.institution_id},
            json=True,
        ),
        Route(
            "api:case_participant_remove",
            lambda a, r: f"{api_case(a, r)}/participants/{r['pt_participant'].pk}",
            expect(401, 404, owner=204, other_country=403),
            "delete",
        ),
        Route(
            "api:case_entity_link",
            lambda a, r: f"{api_case(a, r)}/entities",
            expect(401, 404, owner=201),
            "post",
            lambda a, r: {"entity_id": r["entity"].pk, "justification": "matrix"},
            json=True,
        ),
        Route(
            "api:case_entity_unlink",
            lambda a, r: f"{api_case(a, r)}/entities/{r['case_link'].pk}/unlink",
            expect(401, 404, owner=204, other_country=403),
            "post",
            {"reason": "matrix"},
            json=True,
        ),
        Route(
            "api:case_message_list",
            lambda a, r: f"{api_case(a, r)}/messages",
            expect(401, 404, owner=200, other_country=200),
        ),
        Route(
            "api:case_message_link",
            lambda a, r: f"{api_case(a, r)}/messages",
            expect(401, 404, owner=201, other_country=201),
            "post",
            lambda a, r: {"message_id": r["message"].pk},
            json=True,
        ),
        Route(
            "api:case_message_unlink",
            lambda a, r: f"{api_case(a, r)}/messages/{r['case_message'].pk}",
            expect(401, 404, owner=204, other_country=204),
            "delete",
        ),
        Route("api:jit_list", "/api/v1/jits", expect(401, 200)),
        Route(
            "api:jit_create",
            "/api/v1/jits",
            expect(401, 403, owner=201, other_country=201, other_institution=422),
            "post",
            _jit_payload,
            json=True,
        ),
        Route("api:jit_detail", api_jit, expect(401, 404, **MEMBERS)),
        Route(
            "api:jit_member_add",
            lambda a, r: f"{api_jit(a, r)}/members",
            expect(401, 404, owner=201, other_country=403),
            "post",
            {"username": "co.extra"},
            json=True,
        ),
        Route(
            "api:jit_member_remove",
            lambda a, r: f"{api_jit(a, r)}/members/{r['jit_extra_member'].pk}",
            expect(401, 404, owner=204, other_country=403),
            "delete",
        ),
        Route(
            "api:jit_evidence_list",
            lambda a, r: f"{api_jit(a, r)}/evidence",
            expect(401, 404, **MEMBERS),
        ),
        Route(
            "api:jit_evidence_register",
            lambda a, r: f"{api_jit(a, r)}/evidence",
            expect(401, 404, owner=201, other_country=201),
            "post",
            lambda a, r: {**_evidence_form(a, r), "seized_at": "2026-03-02T10:30:00Z"},
        ),
        Route(
            "api:jit_evidence_detail",
            lambda a, r: f"{api_jit(a, r)}/evidence/{r['jit_evidence'].pk}",
            expect(401, 404, **MEMBERS),
        ),
        Route(
            "api:jit_evidence_change",
            lambda a, r: f"{api_jit(a, r)}/evidence/{r['jit_evidence'].pk}",
            expect(401, 404, owner=422, other_country=422),
            "patch",
            {"item": "Something else"},
            json=True,
        ),
        Route(
            "api:jit_custody_record",
            lambda a, r: f"{api_jit(a, r)}/evidence/{r['jit_evidence'].pk}/custody",
            expect(401, 404, owner=201, other_country=201),
            "post",
            {"kind": "copied", "note": "matrix"},
            json=True,
        ),
        Route(
            "api:jit_file_download",
            lambda a, r: f"{api_jit(a, r)}/files/{r['jit_file'].pk}",
            expect(401, 404, **MEMBERS),
        ),
        Route(
            "api:jit_custody_verify",
            lambda a, r: f"{api_jit(a, r)}/custody/verify",
            expect(401, 404, **MEMBERS),
        ),
        Route(
            "api:jit_task_list", lambda a, r: f"{api_jit(a, r)}/tasks", expect(401, 404, **MEMBERS)
        ),
        Route(
            "api:jit_task_create",
            lambda a, r: f"{api_jit(a, r)}/tasks",
            expect(401, 404, owner=201, other_country=201),
            "post",
            {"title": "Matrix", "assignee": "pt.other", "due_date": "2026-07-01"},
            json=True,
        ),
        Route(
            "api:jit_task_create",
            lambda a, r: f"/api/v1/jits/{r['closed_jit'].pk}/tasks",
            expect(401, 404, owner=422, other_country=422),
            "post",
            {"title": "Too late", "assignee": "pt.other", "due_date": "2026-07-01"},
            json=True,
        ),
        Route(
            "api:jit_task_update",
            lambda a, r: f"{api_jit(a, r)}/tasks/{r['jit_task'].pk}",
            expect(401, 404, **MEMBERS),
            "patch",
            {"status": "in_progress"},
            json=True,
        ),
        Route(
            "api:jit_meeting_list",
            lambda a, r: f"{api_jit(a, r)}/meetings",
            expect(401, 404, **MEMBERS),
        ),
        Route(
            "api:jit_meeting_create",
            lambda a, r: f"{api_jit(a, r)}/meetings",
            expect(401, 404, owner=201, other_country=201),
            "post",
            {
                "held_at": "2026-04-01T09:00:00Z",
                "title": "Kick-off",
                "attendees": ["co.owner"],
                "minutes": "Agreed",
            },
            json=True,
        ),
        Route(
            "api:jit_close",
            lambda a, r: f"{api_jit(a, r)}/close",
            expect(401, 404, owner=200, other_country=403),
            "post",
            {"objectives_met": "yes", "cooperation_quality": "5", "lessons_learned": "x"},
            json=True,
        ),
        Route(
            "api:jit_evaluation",
            lambda a, r: f"/api/v1/jits/{r['closed_jit'].pk}/evaluation",
            expect(401, 404, **MEMBERS),
        ),
    ]
