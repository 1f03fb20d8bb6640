"""Prisons: admission, custody, affiliation as intelligence, separation orders, who sees
what, and the prison lane of a case's timeline (services and selectors)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from paccto.audit.models import AuditEntry
from paccto.cases import selectors as case_selectors
from paccto.cases import services as case_services
from paccto.core.choices import Role
from paccto.core.permissions import actor_for, visible_to
from paccto.entities.services import entity_create
from paccto.prisons import selectors, services
from paccto.prisons.models import Affiliation, Inmate, InmateEvent, SeparationOrder
from tests.cases_factories import make_case
from tests.factories import make_user
from tests.prisons_factories import admit, dated, identity, prison_officer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def officer():
    return prison_officer("CO", username="co.prison")


def refusals(event: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(details__event=event, details__refused=True))


def test_admission_records_the_person_the_inmate_and_its_first_event(officer):
    inmate = admit(officer, establishment="Cárcel La Picota", person_identity=identity("VE"))
    assert inmate.person.schema == "Person"
    assert inmate.person.owner_institution_id == officer.institution_id
    assert inmate.full_name == inmate.person.caption
    assert inmate.nationality == "VE"
    assert inmate.reference == f"CO-INM-{inmate.pk:07d}"
    event = InmateEvent.objects.get(inmate=inmate)
    assert (event.kind, event.to_value) == ("admission", "Cárcel La Picota")
    entry = AuditEntry.objects.filter(object_type="prisons.inmate", action="collect").get()
    assert entry.details["reference"] == inmate.reference


def test_an_existing_person_of_the_store_can_be_admitted_once_at_a_time(officer):
    person = entity_create(
        actor=actor_for(officer),
        schema="Person",
        properties={"firstName": "Iván", "lastName": "Ríos"},
    )
    first = admit(officer, person=person)
    assert first.person_id == person.pk
    with pytest.raises(ValidationError) as error:
        admit(officer, person=person)
    assert "already recorded in custody" in str(error.value)
    services.inmate_release(actor=actor_for(officer), inmate=first, released_on=TODAY)
    assert admit(officer, person=person).person_id == person.pk


DAY = timedelta(days=1)
BAD_ADMISSIONS = [  # dates as days from today (``dated``)
    ({"admission_date": DAY}, "admission_date", "admitted tomorrow"),
    (
        {"admission_date": 0 * DAY, "expected_release_date": -DAY},
        "expected_release_date",
        "released before being admitted",
    ),
    ({"sentence_type": ""}, "sentence_type", "sentenced without a sentence"),
    ({"sentence_months": None}, "sentence_months", "a fixed term without its length"),
    ({"sentence_months": 5000}, "sentence_months", "a length past a century"),
    ({"sentence_type": "life", "sentence_months": 12}, "sentence_months", "life with a length"),
    ({"sentence_court": " "}, "sentence_court", "no court"),
    ({"sentence_date": 3 * DAY}, "sentence_date", "sentenced in the future"),
    ({"legal_status": "remand"}, "sentence_type", "on remand with a sentence"),
    ({"legal_status": "free"}, "legal_status", "an unknown legal status"),
    ({"risk_level": "extreme"}, "risk_level", "an unknown risk level"),
    ({"register_number": ""}, "register_number", "no register number"),
    ({"establishment": "x" * 201}, "establishment", "an establishment name too long"),
    (
        {"person_identity": {"birth_date": "1980-01-01"}},
        "person_surname",
        "a person without a name",
    ),
    (
        {"person_identity": {"given_name": "A", "surname": "B", "nationality": "XX"}},
        "person_nationality",
        "an unknown nationality",
    ),
    (
        {"provenance": {"share_scope": "network"}},
        "share_network",
        "shared with a network not named",
    ),
    ({"provenance": {"handling_code": "H3"}}, "handling_note", "H3 without its restrictions"),
]


@pytest.mark.parametrize(
    ("changes", "field", "why"), BAD_ADMISSIONS, ids=[row[2] for row in BAD_ADMISSIONS]
)
def test_bad_admissions_are_refused_change_nothing_and_are_audited(officer, changes, field, why):
    before = (Inmate.objects.count(), InmateEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        admit(officer, **dated(changes))
    assert field in error.value.message_dict, why
    assert (Inmate.objects.count(), InmateEvent.objects.count()) == before
    [entry] = refusals("admit")
    assert field in entry.details["fields"]
    assert entry.actor_id == officer.pk


def test_a_register_number_is_unique_in_its_prison_service(officer):
    admit(officer, register_number="RN-1")
    with pytest.raises(ValidationError) as error:
        admit(officer, register_number="RN-1")
    assert "register_number" in error.value.message_dict
    admit(prison_officer("PE"), register_number="RN-1")  # another prison service


@pytest.mark.parametrize(
    ("country", "sector", "roles"),
    [
        ("CO", "police", (Role.ANALYST,)),
        ("CO", "police", (Role.PRISON_OFFICER,)),  # not a prison service
        ("CO", "penitentiary", (Role.ANALYST,)),
        ("CO", "penitentiary", ()),
    ],
)
def test_only_prison_officers_of_a_prison_service_admit(country, sector, roles):
    user = make_user(country, sector, roles)
    with pytest.raises(PermissionDenied):
        admit(user)


def test_release_before_admission_is_refused_and_audited(officer):
    inmate = admit(officer)
    actor = actor_for(officer)
    with pytest.raises(ValidationError) as error:
        services.inmate_release(
            actor=actor, inmate=inmate, released_on=inmate.admission_date - timedelta(days=1)
        )
    assert error.value.message_dict["released_on"] == ["The release comes before the admission."]
    inmate.refresh_from_db()
    assert inmate.status == "in_custody" and inmate.released_on is None
    assert refusals("release")[0].object_id == str(inmate.pk)
    services.inmate_release(actor=actor, inmate=inmate, released_on=TODAY, note="Sentence served")
    inmate.refresh_from_db()
    assert (inmate.status, inmate.released_on) == ("released", TODAY)
    with pytest.raises(ValidationError, match="already left custody"):
        services.inmate_release(actor=actor, inmate=inmate, released_on=TODAY)
    kinds = list(inmate.events.values_list("kind", flat=True))
    assert kinds == ["admission", "release"]


def test_a_release_cannot_be_recorded_in_advance(officer):
    inmate = admit(officer)
    with pytest.raises(ValidationError, match="in the future"):
        services.inmate_release(
            actor=actor_for(officer), inmate=inmate, released_on=TODAY + timedelta(days=1)
        )


def test_moves_between_establishments_are_kept_with_history(officer):
    inmate = admit(officer, establishment="La Picota")
    actor = actor_for(officer)
    services.inmate_move(actor=actor, inmate=inmate, to_establishment="Cómbita", on=TODAY)
    inmate.refresh_from_db()
    assert inmate.establishment == "Cómbita"
    move = inmate.events.get(kind="move")
    assert (move.from_value, move.to_value) == ("La Picota", "Cómbita")
    for place, on, field in (
        ("Cómbita", TODAY, "to_establishment"),
        ("Palmira", TODAY + timedelta(days=1), "on"),
        ("Palmira", inmate.admission_date - timedelta(days=1), "on"),
        ("Palmira", TODAY - timedelta(days=30), "on"),  # before the last move
    ):
        with pytest.raises(ValidationError) as error:
            services.inmate_move(actor=actor, inmate=inmate, to_establishment=place, on=on)
        assert field in error.value.message_dict


def test_updates_keep_release_dates_and_sentences_in_the_history(officer):
    inmate = admit(
        officer,
        legal_status="remand",
        sentence_type="",
        sentence_months=None,
        sentence_court="",
        sentence_date=None,
        expected_release_date=None,
    )
    actor = actor_for(officer)
    services.inmate_update(
        actor=actor,
        inmate=inmate,
        changes={
            "legal_status": "sentenced",
            "sentence_type": "imprisonment",
            "sentence_months": 60,
            "sentence_court": "Tribunal Superior de Bogotá",
            "sentence_date": TODAY,
            "expected_release_date": TODAY + timedelta(days=1500),
            "risk_level": "very_high",
        },
    )
    inmate.refresh_from_db()
    assert (inmate.legal_status, inmate.sentence_months, inmate.risk_level) == (
        "sentenced",
        60,
        "very_high",
    )
    assert set(inmate.events.values_list("kind", flat=True)) == {
        "admission",
        "sentenced",
        "release_date",
    }
    with pytest.raises(ValidationError) as error:
        services.inmate_update(actor=actor, inmate=inmate, changes={"legal_status": "remand"})
    assert "legal_status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.inmate_update(
            actor=actor,
            inmate=inmate,
            changes={"expected_release_date": inmate.admission_date - timedelta(days=2)},
        )
    assert "expected_release_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.inmate_update(actor=actor, inmate=inmate, changes={"status": "released"})
    assert "status" in error.value.message_dict
    inmate.refresh_from_db()
    assert inmate.status == "in_custody"


def test_separation_orders_refuse_oneself_duplicates_and_other_prison_services(officer):
    actor = actor_for(officer)
    a, b = admit(officer), admit(officer)
    foreign = admit(prison_officer("PE"))
    with pytest.raises(ValidationError) as error:
        services.separation_order_add(actor=actor, inmate=a, other=a, reason="Threats")
    assert error.value.message_dict["other"] == ["An inmate cannot be kept apart from himself."]
    with pytest.raises(ValidationError, match="your prison service"):
        services.separation_order_add(actor=actor, inmate=a, other=foreign, reason="Rivals")
    with pytest.raises(ValidationError) as error:
        services.separation_order_add(actor=actor, inmate=a, other=b, reason="")
    assert "reason" in error.value.message_dict
    assert SeparationOrder.objects.count() == 0
    assert len(refusals("separation")) == 3
    order = services.separation_order_add(actor=actor, inmate=a, other=b, reason="Rival groups")
    with pytest.raises(ValidationError, match="already kept apart"):
        services.separation_order_add(actor=actor, inmate=b, other=a, reason="Again")
    assert [s.pk for s in selectors.inmate_separations(actor=actor, inmate=b)] == [order.pk]
    services.separation_order_lift(actor=actor, order=order, reason="Group dismantled")
    with pytest.raises(ValidationError, match="already been lifted"):
        services.separation_order_lift(actor=actor, order=order, reason="Again")
    services.separation_order_add(actor=actor, inmate=b, other=a, reason="New threats")


def test_inmates_are_seen_as_their_share_scope_says_and_managed_by_their_prison_officers(officer):
    shared = admit(officer, provenance={"share_scope": "country"})
    private = admit(officer, provenance={"share_scope": "owner"})
    analyst = actor_for(make_user("CO", "police", (Role.ANALYST,)))
    foreign = actor_for(make_user("PT", "police", (Role.ANALYST,)))
    colleague = actor_for(make_user("CO", "penitentiary", (Role.ANALYST,)))
    no_role = actor_for(make_user("CO", "penitentiary", ()))
    assert set(visible_to(analyst, Inmate)) == {shared}
    assert set(visible_to(foreign, Inmate)) == set()
    assert set(visible_to(colleague, Inmate)) == {shared, private}
    assert set(visible_to(no_role, Inmate)) == set()
    assert set(visible_to(colleague, Inmate, "change")) == set()
    assert set(visible_to(actor_for(officer), Inmate, "change")) == {shared, private}
    with pytest.raises(Http404):
        selectors.inmate_get(actor=foreign, pk=shared.pk)
    with pytest.raises(PermissionDenied):
        services.inmate_release(actor=analyst, inmate=shared, released_on=TODAY)


def test_an_affiliation_is_intelligence_with_its_own_grade_handling_and_sharing(officer):
    inmate = admit(officer, provenance={"share_scope": "country"})
    actor = actor_for(officer)
    narrow = services.affiliation_add(
        actor=actor,
        inmate=inmate,
        group_name="Clan del Golfo",
        role="recruiter",
        source="seized_material",
        since=TODAY - timedelta(days=400),
        provenance={
            "source_reliability": "B",
            "information_reliability": "2",
            "handling_code": "H2",
            "share_scope": "owner",
        },
    )
    wide = services.affiliation_add(
        actor=actor,
        inmate=inmate,
        group_name="Los Rastrojos",
        role="associate",
        source="police",
        provenance={"share_scope": "country", "handling_code": "H1"},
    )
    assert narrow.grade == "B2"
    analyst = actor_for(make_user("CO", "police", (Role.ANALYST,)))
    assert list(selectors.inmate_affiliations(actor=analyst, inmate=inmate)) == [wide]
    assert set(selectors.inmate_affiliations(actor=actor, inmate=inmate)) == {narrow, wide}
    with pytest.raises(ValidationError) as error:
        services.affiliation_add(
            actor=actor, inmate=inmate, group_name="X", role="boss", source="other"
        )
    assert set(error.value.message_dict) == {"role"}
    with pytest.raises(ValidationError) as error:
        services.affiliation_add(
            actor=actor, inmate=inmate, group_name="X", role="member", source="other"
        )
    assert set(error.value.message_dict) == {"source_note"}
    with pytest.raises(ValidationError) as error:
        services.affiliation_end(
            actor=actor, affiliation=narrow, ended_on=TODAY - timedelta(days=500), reason="Left"
        )
    assert "ended_on" in error.value.message_dict
    services.affiliation_end(actor=actor, affiliation=narrow, ended_on=TODAY, reason="Left")
    assert Affiliation.objects.get(pk=narrow.pk).ended_on == TODAY
    with pytest.raises(PermissionDenied):
        services.affiliation_end(actor=analyst, affiliation=wide, ended_on=TODAY, reason="x")


def test_an_admission_linked_to_a_case_shows_on_its_timeline_for_participants(officer):
    investigator = make_user("CO", "police", (Role.INVESTIGATOR,))
    outsider = actor_for(make_user("CO", "prosecution", (Role.PROSECUTOR,)))
    case = make_case(investigator, reference="CO-2026-777")
    lead = actor_for(investigator)
    for stage in ("investigation", "prosecution", "trial", "sentence_execution"):
        case_services.case_change_stage(actor=lead, case=case, to_stage=stage, reason=stage)
    # Not a participant yet: the prison service may not link its inmate to the case.
    with pytest.raises(ValidationError) as error:
        admit(officer, case=case, provenance={"share_scope": "owner"})
    assert "case" in error.value.message_dict
    case_services.case_add_participant(
        actor=lead, case=case, role="member", institution=officer.institution
    )
    inmate = admit(officer, case=case, admission_date=TODAY, provenance={"share_scope": "owner"})
    disclosure = AuditEntry.objects.get(object_type="prisons.inmate", action="disclose")
    assert disclosure.recipients == [f"case:{case.pk}"]
    # The investigator takes part in the case: he sees the owner-only inmate through it.
    lead = actor_for(investigator)
    events = case_selectors.case_timeline_events(actor=lead, case=case)
    prison = [e for e in events if e.lane == "prison"]
    assert [e.title for e in prison] == [f"Admitted: {inmate.full_name}"]
    assert events[-1].lane == "prison"
    assert [e.lane for e in events].count("case") == 5
    assert inmate in visible_to(lead, Inmate)
    assert inmate not in visible_to(outsider, Inmate)


def test_the_demo_seeds_inmates_a_watch_a_report_and_a_transfer_once(settings):
    import io

    from django.core.management import call_command

    from paccto.prisons.models import (
        Affiliation,
        Enrolment,
        Inmate,
        PrisonReport,
        ReleaseWatch,
        TransferDossier,
    )

    settings.DEMO = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    inmates = Inmate.objects.filter(register_number__startswith="DEMO-")
    assert "demo inmates" in out.getvalue() and inmates.count() == 4
    assert set(inmates.values_list("owner_institution__country_id", flat=True)) == {"CO", "BR"}
    assert Affiliation.objects.filter(inmate__register_number="DEMO-CO-0001").exists()
    watch = ReleaseWatch.objects.get()
    assert watch.institution.sector == "police" and watch.inmate.register_number == "DEMO-CO-0001"
    assert PrisonReport.objects.filter(inmates=watch.inmate).exists()
    assert TransferDossier.objects.get().status == "consent"
    assert Enrolment.objects.filter(participant__username="co.prison").exists()
    assert services.release_alerts_run()["release_due"] == 1  # 45 days away, 60 of notice
    call_command("seed_demo", stdout=io.StringIO())
    assert inmates.count() == 4
