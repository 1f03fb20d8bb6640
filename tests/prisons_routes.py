"""Permission-matrix rows of the prisons app (pages and API), and the records they need.

The records belong to a prison officer of Colombia's prison service (no profile here is a
prison officer, a transfer authority or an academy): two inmates shared with Colombia, an
affiliation, a separation order between them, a release watch of the owner (Colombian
police analyst), an intelligence report sent to the owner's institution, a transfer
dossier to Spain with its certificate, a session of the shipped RAP catalogue with the
officer enrolled. Police and prosecutors of Colombia see the inmates and watch them;
the Portuguese analyst sees none of them; nobody of the profiles manages them (404), opens
a transfer (403) or enrols staff (403); the catalogue is every signed-in user's.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from paccto.core.permissions import actor_for
from tests.prisons_factories import PDF

PRISON_RECORD_KEYS = (
    "inmate",
    "other_inmate",
    "affiliation",
    "separation",
    "watch",
    "report",
    "dossier",
    "transfer_document",
    "course",
    "session",
    "enrolment",
)
OPERATIONAL = dict(owner=200, other_institution=200, other_country=200)
COLOMBIA = dict(owner=200, other_institution=200)  # police and prosecutors who see the inmates
HIDDEN = dict(owner=404, other_institution=404, other_country=404)  # managed by prison officers
OPERATIONAL_403 = dict(owner=403, other_institution=403, other_country=403)


def _inmate(a, r) -> str:
    return f"/prisons/inmates/{r['inmate'].pk}"


def _api_inmate(a, r) -> str:
    return f"/api/v1/prisons/inmates/{r['inmate'].pk}"


def _today() -> str:
    return timezone.localdate().isoformat()


def prisons_routes(Route, expect) -> list:
    return [
        # Pages ---------------------------------------------------------------------------
        Route("prisons:inmate_list", "/prisons/", expect(302, 403, **OPERATIONAL)),
        Route("prisons:inmate_create", "/prisons/inmates/new/", expect(302, 403)),
        Route(
            "prisons:inmate_create",
            "/prisons/inmates/new/",
            expect(302, 403),
            "post",
            {"register_number": "RN-1"},
        ),
        Route(
            "prisons:inmate_detail",
            lambda a, r: f"{_inmate(a, r)}/?justification=matrix",
            expect(302, 404, **COLOMBIA),
        ),
        Route(
            "prisons:inmate_edit",
            lambda a, r: f"{_inmate(a, r)}/edit/",
            expect(302, 404),
        ),
        Route(
            "prisons:inmate_move",
            lambda a, r: f"{_inmate(a, r)}/move/",
            expect(302, 404),
            "post",
            {"to_establishment": "Cómbita"},
        ),
        Route(
            "prisons:inmate_release",
            lambda a, r: f"{_inmate(a, r)}/release/",
            expect(302, 404),
            "post",
            lambda a, r: {"released_on": _today()},
        ),
        Route(
            "prisons:affiliation_create",
            lambda a, r: f"{_inmate(a, r)}/affiliations/",
            expect(302, 404),
            "post",
            {"group_name": "Clan del Golfo", "role": "member", "source": "seized_material"},
        ),
        Route(
            "prisons:affiliation_end",
            lambda a, r: f"/prisons/affiliations/{r['affiliation'].pk}/end/",
            expect(302, 404),
            "post",
            {"reason": "matrix"},
        ),
        Route(
            "prisons:separation_create",
            lambda a, r: f"{_inmate(a, r)}/separations/",
            expect(302, 404),
            "post",
            lambda a, r: {"other": r["other_inmate"].pk, "reason": "matrix"},
        ),
        Route(
            "prisons:separation_lift",
            lambda a, r: f"/prisons/separations/{r['separation'].pk}/lift/",
            expect(302, 404),
            "post",
            {"reason": "matrix"},
        ),
        Route(
            "prisons:watch_create",
            lambda a, r: f"{_inmate(a, r)}/watches/",
            # the owner's institution watches already: told so on the inmate page
            expect(302, 403, owner=302, other_institution=302, other_country=404),
            "post",
            {"reason": "matrix", "days_before": "30", "justification": "matrix"},
        ),
        Route("prisons:watch_list", "/prisons/watches/", expect(302, 403, **OPERATIONAL)),
        Route(
            "prisons:watch_end",
            lambda a, r: f"/prisons/watches/{r['watch'].pk}/end/",
            expect(302, 403, owner=302, other_institution=404, other_country=404),
            "post",
            {},
        ),
        Route(
            "prisons:transfer_create",
            lambda a, r: f"{_inmate(a, r)}/transfer/",
            expect(302, 403),
        ),
        Route("prisons:report_list", "/prisons/reports/", expect(302, 403, **OPERATIONAL)),
        Route("prisons:report_create", "/prisons/reports/new/", expect(302, 403)),
        Route(
            "prisons:report_detail",
            lambda a, r: f"/prisons/reports/{r['report'].pk}/",
            expect(302, 403, owner=200, other_institution=404, other_country=404),
        ),
        Route("prisons:transfer_list", "/prisons/transfers/", expect(302, 403)),
        Route(
            "prisons:transfer_detail",
            lambda a, r: f"/prisons/transfers/{r['dossier'].pk}/",
            expect(302, 403),
        ),
        Route(
            "prisons:transfer_step",
            lambda a, r: f"/prisons/transfers/{r['dossier'].pk}/steps/",
            expect(302, 403),
            "post",
            {"step": "withdraw"},
        ),
        Route(
            "prisons:transfer_document_upload",
            "/prisons/transfers/documents/",
            expect(302, 403),
            "post",
            lambda a, r: {"dossier": r["dossier"].pk, "kind": "judgment"},
        ),
        Route(
            "prisons:transfer_document_download",
            lambda a, r: f"/prisons/transfer-documents/{r['transfer_document'].pk}/",
            expect(302, 403),
        ),
        Route("prisons:course_list", "/prisons/academy/", expect(302, 200)),
        Route(
            "prisons:course_detail",
            lambda a, r: f"/prisons/academy/courses/{r['course'].pk}/",
            expect(302, 200),
        ),
        Route(
            "prisons:session_create",
            lambda a, r: f"/prisons/academy/courses/{r['course'].pk}/sessions/",
            expect(302, 404),
            "post",
            {"language": "es", "capacity": "10"},
        ),
        Route(
            "prisons:session_detail",
            lambda a, r: f"/prisons/academy/sessions/{r['session'].pk}/",
            expect(302, 200),
        ),
        Route(
            "prisons:enrolment_create",
            lambda a, r: f"/prisons/academy/sessions/{r['session'].pk}/enrol/",
            expect(302, 403),
            "post",
            {},
        ),
        Route(
            "prisons:enrolment_withdraw",
            lambda a, r: f"/prisons/academy/enrolments/{r['enrolment'].pk}/withdraw/",
            expect(302, 404),
            "post",
            {},
        ),
        Route(
            "prisons:enrolment_complete",
            lambda a, r: f"/prisons/academy/enrolments/{r['enrolment'].pk}/complete/",
            expect(302, 404),
            "post",
            {"attended": "on"},
        ),
        Route("prisons:statistics", "/prisons/statistics/", expect(302, 403, **OPERATIONAL)),
        # API -----------------------------------------------------------------------------
        Route(
            "api:prisons_inmate_list", "/api/v1/prisons/inmates", expect(401, 403, **OPERATIONAL)
        ),
        Route(
            "api:prisons_inmate_create",
            "/api/v1/prisons/inmates",
            expect(401, 403),
            "post",
            lambda a, r: {
                "person": {"given_name": "Iván", "surname": "Rojas", "nationality": "CO"},
                "register_number": "RN-MATRIX",
                "establishment": "La Picota",
                "admission_date": _today(),
                "legal_status": "remand",
            },
            json=True,
        ),
        Route(
            "api:prisons_inmate_detail",
            lambda a, r: f"{_api_inmate(a, r)}?justification=matrix",
            expect(401, 404, **COLOMBIA),
        ),
        Route(
            "api:prisons_inmate_update",
            _api_inmate,
            expect(401, 404),
            "patch",
            {"risk_level": "low"},
            json=True,
        ),
        Route(
            "api:prisons_inmate_move",
            lambda a, r: f"{_api_inmate(a, r)}/moves",
            expect(401, 404),
            "post",
            {"to_establishment": "Cómbita"},
            json=True,
        ),
        Route(
            "api:prisons_inmate_release",
            lambda a, r: f"{_api_inmate(a, r)}/release",
            expect(401, 404),
            "post",
            lambda a, r: {"released_on": _today()},
            json=True,
        ),
        Route(
            "api:prisons_affiliation_create",
            lambda a, r: f"{_api_inmate(a, r)}/affiliations",
            expect(401, 404),
            "post",
            {"group_name": "Clan del Golfo", "role": "member", "source": "seized_material"},
            json=True,
        ),
        Route(
            "api:prisons_affiliation_end",
            lambda a, r: f"/api/v1/prisons/affiliations/{r['affiliation'].pk}/end",
            expect(401, 404),
            "post",
            {"reason": "matrix"},
            json=True,
        ),
        Route(
            "api:prisons_separation_create",
            lambda a, r: f"{_api_inmate(a, r)}/separations",
            expect(401, 404),
            "post",
            lambda a, r: {"other_id": r["other_inmate"].pk, "reason": "matrix"},
            json=True,
        ),
        Route(
            "api:prisons_separation_lift",
            lambda a, r: f"/api/v1/prisons/separations/{r['separation'].pk}/lift",
            expect(401, 404),
            "post",
            {"reason": "matrix"},
            json=True,
        ),
        Route(
            "api:prisons_watch_create",
            lambda a, r: f"{_api_inmate(a, r)}/watches",
            # the owner's institution watches already: 422; who may not see the inmate: 404
            expect(401, 404, owner=422, other_institution=201),
            "post",
            {"reason": "matrix", "days_before": 30},
            json=True,
        ),
        Route("api:prisons_watch_list", "/api/v1/prisons/watches", expect(401, 403, **OPERATIONAL)),
        Route(
            "api:prisons_watch_end",
            lambda a, r: f"/api/v1/prisons/watches/{r['watch'].pk}/end",
            expect(401, 404, owner=200),
            "post",
            {},
            json=True,
        ),
        Route(
            "api:prisons_report_list", "/api/v1/prisons/reports", expect(401, 403, **OPERATIONAL)
        ),
        Route(
            "api:prisons_report_create",
            "/api/v1/prisons/reports",
            expect(401, 403),
            "post",
            lambda a, r: {
                "category": "incident",
                "inmate_ids": [r["inmate"].pk],
                "occurred_on": _today(),
                "subject": "Matriz",
                "body": "Informe de la matriz de permisos.",
                "recipient_ids": [a.owner.institution_id],
                "handling_code": "H1",
            },
            json=True,
        ),
        Route(
            "api:prisons_report_detail",
            lambda a, r: f"/api/v1/prisons/reports/{r['report'].pk}",
            expect(401, 404, owner=200),
        ),
        Route("api:prisons_transfer_list", "/api/v1/prisons/transfers", expect(401, 403)),
        Route(
            "api:prisons_transfer_create",
            "/api/v1/prisons/transfers",
            # the inmate first (404 for who may not see it), then who may open a transfer
            expect(401, 404, owner=403, other_institution=403),
            "post",
            lambda a, r: {
                "inmate_id": r["inmate"].pk,
                "instrument": "bilateral",
                "administering_country": "ES",
            },
            json=True,
        ),
        Route(
            "api:prisons_transfer_detail",
            lambda a, r: f"/api/v1/prisons/transfers/{r['dossier'].pk}",
            expect(401, 404),
        ),
        Route(
            "api:prisons_transfer_step",
            lambda a, r: f"/api/v1/prisons/transfers/{r['dossier'].pk}/steps",
            expect(401, 404),
            "post",
            {"step": "withdraw"},
            json=True,
        ),
        Route(
            "api:prisons_transfer_document_upload",
            "/api/v1/prisons/transfer-documents",
            expect(401, 404),
            "post",
            lambda a, r: {"dossier_id": r["dossier"].pk, "kind": "judgment", "file": _pdf()},
        ),
        Route(
            "api:prisons_transfer_document_download",
            lambda a, r: f"/api/v1/prisons/transfer-documents/{r['transfer_document'].pk}",
            expect(401, 404),
        ),
        Route("api:prisons_course_list", "/api/v1/prisons/courses", expect(401, 200)),
        Route(
            "api:prisons_course_detail",
            lambda a, r: f"/api/v1/prisons/courses/{r['course'].pk}",
            expect(401, 200),
        ),
        Route(
            "api:prisons_session_create",
            lambda a, r: f"/api/v1/prisons/courses/{r['course'].pk}/sessions",
            expect(401, 403),  # the catalogue is everyone's; its academy schedules sessions
            "post",
            {"language": "es", "capacity": 10},
            json=True,
        ),
        Route(
            "api:prisons_session_detail",
            lambda a, r: f"/api/v1/prisons/sessions/{r['session'].pk}",
            expect(401, 200),
        ),
        Route(
            "api:prisons_session_enrolments",
            lambda a, r: f"/api/v1/prisons/sessions/{r['session'].pk}/enrolments",
            expect(401, 200),
        ),
        Route(
            "api:prisons_enrolment_create",
            lambda a, r: f"/api/v1/prisons/sessions/{r['session'].pk}/enrolments",
            expect(401, 403),
            "post",
            {},
            json=True,
        ),
        Route(
            "api:prisons_enrolment_withdraw",
            lambda a, r: f"/api/v1/prisons/enrolments/{r['enrolment'].pk}/withdraw",
            expect(401, 404),
            "post",
            {},
            json=True,
        ),
        Route(
            "api:prisons_enrolment_complete",
            lambda a, r: f"/api/v1/prisons/enrolments/{r['enrolment'].pk}/completion",
            expect(401, 404),
            "post",
            {"attended": True},
            json=True,
        ),
        Route(
            "api:prisons_statistics", "/api/v1/prisons/statistics", expect(401, 403, **OPERATIONAL)
        ),
    ]


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("judgment.pdf", PDF, content_type="application/pdf")


def prison_records(actors) -> dict:
    """Two inmates of Colombia's prison service shared with Colombia, an affiliation, a
    separation order, the owner's watch, a report to the owner's institution, a transfer
    dossier to Spain with its certificate, a session of the catalogue with an enrolment."""
    from paccto.core.models import Country
    from paccto.core.uploads import Upload
    from paccto.prisons import services
    from paccto.prisons.models import Course
    from tests.prisons_factories import admit, prison_officer

    officer = prison_officer("CO", username="co.prison.matrix")
    actor = actor_for(officer)
    today = timezone.localdate()
    inmate, other = admit(officer), admit(officer)
    affiliation = services.affiliation_add(
        actor=actor,
        inmate=inmate,
        group_name="Clan del Golfo",
        role="member",
        source="seized_material",
        provenance={"share_scope": "country"},
    )
    separation = services.separation_order_add(
        actor=actor, inmate=inmate, other=other, reason="Rival groups"
    )
    watch = services.watch_create(actor=actor_for(actors.owner), inmate=inmate, reason="matrix")
    report = services.prison_report_send(
        actor=actor,
        category="incident",
        inmates=[inmate],
        occurred_on=today,
        subject="Teléfono incautado",
        body="Un teléfono incautado en el patio 3.",
        recipient_ids=[actors.owner.institution_id],
        handling_code="H1",
    )
    dossier = services.transfer_open(
        actor=actor,
        inmate=other,
        instrument="bilateral",
        administering_country=Country.objects.get(pk="ES"),
    )
    document = services.transfer_document_add(
        actor=actor, dossier=dossier, kind="certificate", upload=Upload("certificate.pdf", PDF)
    )
    course = Course.objects.get(code="rap-organised-crime")
    academy = prison_officer("CO", username="co.academy.matrix")
    session = services.session_create(
        actor=actor_for(academy),
        course=course,
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=22),
        language="es",
        capacity=5,
        place="Funza",
    )
    enrolment = services.enrolment_create(actor=actor, session=session)
    return {
        "inmate": inmate,
        "other_inmate": other,
        "affiliation": affiliation,
        "separation": separation,
        "watch": watch,
        "report": report,
        "dossier": dossier,
        "transfer_document": document,
        "course": course,
        "session": session,
        "enrolment": enrolment,
    }
