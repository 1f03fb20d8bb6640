"""Permission-matrix rows of judicial cooperation (pages and API) and of the case's hand-off
to the prosecution, with the records they need (built only for the routes that ask).

The case belongs to the owner (Colombian police, its lead) with Colombia's prosecution
service (where ``other_institution`` is a prosecutor) as member, at the prosecution stage.
That prosecutor sent a request in the case to Spain's prosecution service, has a draft to
Spain with a file, and recorded a judgment. The owner, police of the requesting state
taking part in the case, reads the sent request (never the draft) and acts on nothing; the
Portuguese police (``other_country``, outside the case) and everyone else get 404.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from paccto.cases import services as case_services
from paccto.core.permissions import actor_for
from paccto.judicial import services
from tests.cases_factories import make_case
from tests.factories import institution
from tests.judicial_data import PDF, answer_all, draft, person, step

JUDICIAL_RECORD_KEYS = (
    "judicial_case",
    "judicial_request",
    "judicial_draft",
    "judicial_attachment",
    "judicial_judgment",
    "judicial_entity",
)
OPERATIONAL = dict(owner=200, other_institution=200, other_country=200)
READERS = dict(owner=200, other_institution=200)
PROSECUTOR = dict(other_institution=200)


def judicial_records(actors) -> dict:
    owner, prosecutor = actors.owner, actors.other_institution
    case = make_case(owner, reference="CO-MATRIX-J")
    case_services.case_add_participant(
        actor=actor_for(owner), case=case, role="member", institution=prosecutor.institution
    )
    for stage in ("investigation", "prosecution"):
        case_services.case_change_stage(
            actor=actor_for(owner), case=case, to_stage=stage, reason="matrix"
        )
    request = draft(prosecutor, "es-fiscalia-general", case=case)
    answer_all(prosecutor, request)
    step(prosecutor, request, "send")
    pending = draft(prosecutor, "es-fiscalia-general")
    attachment = services.request_attachments_add(
        actor=actor_for(prosecutor),
        request=pending,
        uploads=[services.attachments.Upload("note.pdf", PDF)],
    )[0]
    judgment = services.judgment_record(
        actor=actor_for(prosecutor),
        case=case,
        values=services.JudgmentValues(
            court=institution("co-corte-suprema"),
            judgment_date=timezone.localdate() - timedelta(days=2),
            judgment_type="conviction",
            offences="Drug trafficking",
            sentence_type="imprisonment",
            sentence_months=48,
        ),
    )
    return {
        "judicial_case": case,
        "judicial_request": request,
        "judicial_draft": pending,
        "judicial_attachment": attachment,
        "judicial_judgment": judgment,
        "judicial_entity": person(prosecutor),
    }


def judicial_routes(Route, expect) -> list:
    sent = lambda a, r: f"/judicial/{r['judicial_request'].pk}"  # noqa: E731
    pending = lambda a, r: f"/judicial/{r['judicial_draft'].pk}"  # noqa: E731
    api_sent = lambda a, r: f"/api/v1/judicial/requests/{r['judicial_request'].pk}"  # noqa: E731
    api_draft = lambda a, r: f"/api/v1/judicial/requests/{r['judicial_draft'].pk}"  # noqa: E731
    judgment = lambda a, r: f"/judicial/judgments/{r['judicial_judgment'].pk}"  # noqa: E731
    api_judgment = lambda a, r: f"/api/v1/judicial/judgments/{r['judicial_judgment'].pk}"  # noqa: E731
    today = lambda a, r: {"final_on": timezone.localdate().isoformat()}  # noqa: E731
    return [
        Route("judicial:request_list", "/judicial/?box=outgoing", expect(302, 403, **OPERATIONAL)),
        Route("judicial:request_create", "/judicial/new/", expect(302, 403, **PROSECUTOR)),
        Route(
            "judicial:request_create",
            "/judicial/new/",
            expect(302, 403, other_institution=400),
            "post",
            {},
        ),
        Route(
            "judicial:request_detail", lambda a, r: f"{sent(a, r)}/", expect(302, 404, **READERS)
        ),
        Route(
            "judicial:request_edit",
            lambda a, r: f"{pending(a, r)}/edit/",
            expect(302, 404, **PROSECUTOR),
        ),
        Route(
            "judicial:request_safeguards",
            lambda a, r: f"{pending(a, r)}/safeguards/",
            expect(302, 404, **PROSECUTOR),
        ),
        Route(
            "judicial:request_entity_add",
            lambda a, r: f"{pending(a, r)}/entities/",
            expect(302, 404, other_institution=302),
            "post",
            lambda a, r: {"entity": r["judicial_entity"].pk, "role": "suspect"},
        ),
        Route(
            "judicial:request_step",
            lambda a, r: f"{sent(a, r)}/steps/",
            expect(302, 404, owner=403, other_institution=302),
            "post",
            {"action": "withdraw", "reason": "matrix"},
        ),
        Route(
            "judicial:request_extend",
            lambda a, r: f"{sent(a, r)}/extend/",
            expect(302, 404, owner=403, other_institution=403),
            "post",
            {"notice": "matrix"},
        ),
        Route(
            "judicial:attachment_upload",
            "/judicial/attachments/",
            expect(302, 404, other_institution=302),
            "post",
            lambda a, r: {
                "request": r["judicial_draft"].pk,
                "files": SimpleUploadedFile("more.pdf", PDF),
            },
        ),
        Route(
            "judicial:attachment_download",
            lambda a, r: f"/judicial/attachments/{r['judicial_attachment'].pk}/",
            expect(302, 404, **PROSECUTOR),
        ),
        Route("judicial:judgment_list", "/judicial/judgments/", expect(302, 403, **OPERATIONAL)),
        Route(
            "judicial:judgment_create",
            lambda a, r: f"/judicial/cases/{r['judicial_case'].pk}/judgments/new/",
            expect(302, 404, owner=403, other_institution=200),
        ),
        Route(
            "judicial:judgment_detail",
            lambda a, r: f"{judgment(a, r)}/",
            expect(302, 404, **READERS),
        ),
        Route(
            "judicial:judgment_final",
            lambda a, r: f"{judgment(a, r)}/final/",
            expect(302, 404, owner=403, other_institution=302),
            "post",
            today,
        ),
        Route(
            "cases:case_take_lead",
            lambda a, r: f"/cases/{r['judicial_case'].pk}/take-lead/",
            expect(302, 404, owner=403, other_institution=302),
            "post",
            {"reason": "Indictment filed"},
        ),
        # API
        Route(
            "api:judicial_request_list", "/api/v1/judicial/requests?box=incoming", expect(401, 200)
        ),
        Route(
            "api:judicial_request_create",
            "/api/v1/judicial/requests",
            expect(401, 403, other_institution=422),
            "post",
            {"request_type": "mla_evidence"},
            json=True,
        ),
        Route("api:judicial_request_detail", api_sent, expect(401, 404, **READERS)),
        Route(
            "api:judicial_request_update",
            api_draft,
            expect(401, 404, **PROSECUTOR),
            "patch",
            {"title": "Matrix subject"},
            json=True,
        ),
        Route(
            "api:judicial_request_events",
            lambda a, r: f"{api_sent(a, r)}/events",
            expect(401, 404, **READERS),
        ),
        Route(
            "api:judicial_request_entity_add",
            lambda a, r: f"{api_draft(a, r)}/entities",
            expect(401, 404, other_institution=201),
            "post",
            lambda a, r: {"entity_id": r["judicial_entity"].pk, "role": "suspect"},
            json=True,
        ),
        Route(
            "api:judicial_request_safeguards",
            lambda a, r: f"{api_draft(a, r)}/safeguards",
            expect(401, 404, **PROSECUTOR),
            "put",
            {"answers": [{"question": "torture", "answer": False, "explanation": "None."}]},
            json=True,
        ),
        Route(
            "api:judicial_request_transition",
            lambda a, r: f"{api_sent(a, r)}/transitions",
            expect(401, 404, owner=403, other_institution=201),
            "post",
            {"action": "withdraw", "reason": "matrix"},
            json=True,
        ),
        Route(
            "api:judicial_request_extend",
            lambda a, r: f"{api_sent(a, r)}/extension",
            expect(401, 404, owner=403, other_institution=403),
            "post",
            {"notice": "matrix"},
            json=True,
        ),
        Route(
            "api:judicial_attachment_upload",
            "/api/v1/judicial/attachments",
            expect(401, 404, other_institution=201),
            "post",
            lambda a, r: {
                "request_id": r["judicial_draft"].pk,
                "file": SimpleUploadedFile("more.pdf", PDF),
            },
        ),
        Route(
            "api:judicial_attachment_download",
            lambda a, r: f"/api/v1/judicial/attachments/{r['judicial_attachment'].pk}",
            expect(401, 404, **PROSECUTOR),
        ),
        Route(
            "api:judicial_legal_basis_list",
            "/api/v1/judicial/legal-bases?request_type=extradition",
            expect(401, 200),
        ),
        Route(
            "api:judicial_refusal_ground_list", "/api/v1/judicial/refusal-grounds", expect(401, 200)
        ),
        Route(
            "api:judicial_deadline_rule_list", "/api/v1/judicial/deadline-rules", expect(401, 200)
        ),
        Route("api:judicial_judgment_list", "/api/v1/judicial/judgments", expect(401, 200)),
        Route(
            "api:judicial_judgment_create",
            "/api/v1/judicial/judgments",
            expect(401, 404, owner=403, other_institution=422),
            "post",
            lambda a, r: {"case_id": r["judicial_case"].pk, "judgment_type": "conviction"},
            json=True,
        ),
        Route("api:judicial_judgment_detail", api_judgment, expect(401, 404, **READERS)),
        Route(
            "api:judicial_judgment_final",
            lambda a, r: f"{api_judgment(a, r)}/final",
            expect(401, 404, owner=403, other_institution=200),
            "post",
            today,
            json=True,
        ),
        Route(
            "api:case_take_lead",
            lambda a, r: f"/api/v1/cases/{r['judicial_case'].pk}/take-lead",
            expect(401, 404, owner=403, other_institution=200),
            "post",
            {"reason": "Indictment filed"},
            json=True,
        ),
    ]
