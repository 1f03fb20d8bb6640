"""Hit/no-hit: who holds a record of this person, without handing the record over."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.entities import services as entity_services
from paccto.hits import index, services
from paccto.hits.models import HitNotification, HitQuery

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Operation Condor, request 2026/117"


def _person(user, share="owner", **props):
    flags = {k: props.pop(k) for k in list(props) if k.startswith("is_")}
    return entity_services.entity_create(
        actor=actor_for(user),
        schema="Person",
        properties=props,
        flags=flags,
        provenance={"share_scope": share},
    )


@pytest.fixture
def paco(actors):
    return _person(
        actors.owner,
        firstName="Francisco",
        lastName="Vásquez",
        secondLastName="Ruiz",
        birthDate="1982-09-05",
        nationality="CO",
        idNumber="79.456.123",
        alias="El Flaco Vásquez",
    )


def _check(user, **query):
    return services.hit_check(actor=actor_for(user), query=query, justification=JUSTIFICATION)


def test_a_corrupted_query_finds_the_person_and_tells_the_owner(actors, paco):
    results = _check(
        actors.other_country,
        given_name="Paco",
        surname="Basquez",
        date_of_birth="1982-05-09",
    )
    assert [r.reference for r in results] == [paco.reference]
    hit = results[0]
    assert hit.owner_institution == paco.owner_institution.name and hit.owner_country == "CO"
    assert not hit.entitled and hit.caption == "" and hit.probability is None
    assert hit.features == ()  # no explanation of a record one may not see
    notification = HitNotification.objects.get()
    assert notification.owner_institution_id == paco.owner_institution_id
    assert notification.pk == hit.notification_id
    entry = AuditEntry.objects.filter(object_type="hits.hitquery").get()
    assert entry.justification == JUSTIFICATION
    assert entry.details["hits"] == [paco.reference]
    assert "Basquez" not in str(entry.details)  # the fields asked, not their values


def test_the_owner_sees_its_record_and_the_explanation(actors, paco):
    results = _check(actors.owner, full_name="Francisco Vasquez Ruiz", document_number="79456123")
    assert results[0].entitled and results[0].entity_id == paco.pk
    assert results[0].probability > 0.99
    assert {f.field for f in results[0].features} >= {"surname", "given name", "document"}
    assert not HitNotification.objects.exists()  # no notification of one's own hits


def test_aliases_are_found(actors, paco):
    results = _check(actors.other_institution, full_name="El Flaco Vasquez", nationality="co")
    assert [r.reference for r in results] == [paco.reference]


def test_absent_people_give_no_hit(actors, paco):
    assert _check(actors.other_country, given_name="Lucía", surname="Ferreira") == []
    check = HitQuery.objects.get()
    assert check.hit_count == 0 and check.answer == HitQuery.Answer.ANSWERED


def test_special_categories_are_hits_for_their_owner_only(actors):
    victim = _person(
        actors.owner,
        share="platform",
        firstName="Marta",
        lastName="Quispe",
        birthDate="1999-03-03",
        is_victim=True,
    )
    assert _check(actors.other_country, given_name="Marta", surname="Quispe") == []
    assert _check(actors.other_institution, given_name="Marta", surname="Quispe") == []
    assert not HitNotification.objects.exists()
    own = _check(actors.owner, given_name="Marta", surname="Quispe")
    assert [r.reference for r in own] == [victim.reference]


def test_shared_records_show_in_full_to_those_entitled(actors):
    shared = _person(actors.owner, share="country", firstName="Ana", lastName="Rojas")
    colleague = _check(actors.other_institution, given_name="Ana", surname="Rojas")
    assert colleague[0].entitled and colleague[0].entity_id == shared.pk
    foreign = _check(actors.other_country, given_name="Ana", surname="Rojas")
    assert not foreign[0].entitled


def test_the_index_follows_changes(actors, paco, monkeypatch):
    monkeypatch.setattr(index, "SYNC_SECONDS", 0.0)
    assert _check(actors.other_country, full_name="Francisco Vasquez Ruiz")
    entity_services.entity_update(
        actor=actor_for(actors.owner),
        entity=paco,
        properties={"firstName": "Gonzalo", "lastName": "Pereira", "birthDate": "1970-01-01"},
    )
    assert _check(actors.other_country, full_name="Francisco Vasquez Ruiz") == []
    assert _check(actors.other_country, given_name="Gonzalo", surname="Pereira")
    newcomer = _person(actors.owner, firstName="Tomás", lastName="Ibáñez")
    assert [r.reference for r in _check(actors.other_country, full_name="Tomas Ibanez")] == [
        newcomer.reference
    ]


def test_record_request_is_one_click_and_only_for_the_one_who_asked(actors, paco):
    hit = _check(actors.other_country, full_name="Francisco Vásquez Ruiz")[0]
    notification = HitNotification.objects.get(pk=hit.notification_id)
    services.hit_record_request(actor=actor_for(actors.other_country), notification=notification)
    notification.refresh_from_db()
    assert notification.requested_at is not None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"given_name": "Ana"}, "surname"),  # not enough to check
        ({}, "surname"),
        ({"full_name": "Ana Rojas", "date_of_birth": "05/09/1982"}, "date_of_birth"),
        ({"full_name": "Ana Rojas", "nationality": "Colombia"}, "nationality"),
        ({"full_name": "x" * 300}, "full_name"),
        # written where nothing is known: no name, no number to check
        ({"full_name": "N.N.", "date_of_birth": "1980-01-02"}, "surname"),
        ({"given_name": "NN", "surname": "Desconocido"}, "surname"),
        ({"full_name": "Sin nombre", "document_number": "S/N"}, "surname"),
    ],
)
def test_bad_queries_are_refused_and_change_nothing(actors, query, field):
    with pytest.raises(ValidationError) as info:
        _check(actors.owner, **query)
    assert field in info.value.message_dict
    assert (
        not HitQuery.objects.exists()
        and not AuditEntry.objects.filter(object_type="hits.hitquery").exists()
    )


def test_a_name_too_common_to_check_alone_asks_for_a_date_or_document(
    actors, signed_in, monkeypatch, settings
):
    """The index reads no posting list longer than its bound: a common name alone would find
    nobody, and "no hit" would wrongly reassure. The check asks for more. It is still a
    check: audited (which fields, no hits, why) and counted for the rate limit, else which
    names many persons hold could be probed without limit."""
    for year in (1961, 1975, 1990):
        _person(actors.owner, firstName="Ana", lastName="Rojas", birthDate=f"{year}-03-04")
    _person(actors.owner, firstName="Ana", lastName="Rojas", gender="female")  # read, undated
    index.index_reset()
    monkeypatch.setattr(index.hit_index(), "max_posting", 2)
    with translation.override("en"), pytest.raises(ValidationError) as info:
        _check(actors.owner, full_name="Ana Rojas")
    assert "date of birth or a document number" in info.value.message_dict["date_of_birth"][0]
    [check] = HitQuery.objects.all()
    # Not a "no hit": the row says the name alone was too common to answer.
    assert check.hit_count == 0 and check.answer == HitQuery.Answer.TOO_COMMON
    [entry] = AuditEntry.objects.filter(object_type="hits.hitquery")
    assert entry.details == {"fields": ["full_name"], "hits": [], "answer": "too common"}
    assert "Rojas" not in str(entry.details)
    settings.PACCTO_HITS_PER_HOUR = 3
    [hit] = _check(actors.owner, full_name="Ana Rojas", date_of_birth="1975-03-04")
    assert hit.probability > 0.9
    page = signed_in(actors.owner).post(
        "/hits/",
        {"full_name": "Ana Rojas", "justification": JUSTIFICATION},
        headers={"Accept-Language": "es"},
    )
    assert page.status_code == 400 and "fecha de nacimiento o un número de documento" in page.text
    assert HitQuery.objects.count() == 3
    with pytest.raises(services.RateLimited):  # the two refused checks counted
        _check(actors.owner, full_name="Ana Rojas")


def test_a_justification_is_required(actors):
    with pytest.raises(ValidationError):
        services.hit_check(
            actor=actor_for(actors.owner), query={"full_name": "A B"}, justification=" "
        )


def test_non_operational_roles_cannot_check(actors):
    with pytest.raises(PermissionDenied):
        _check(actors.co_dpo, full_name="Ana Rojas")


def test_rate_limit_stops_bulk_harvesting(actors, settings):
    settings.PACCTO_HITS_PER_HOUR = 3
    for _ in range(3):
        _check(actors.owner, full_name="Ana Rojas")
    with pytest.raises(services.RateLimited):
        _check(actors.owner, full_name="Ana Rojas")
    assert HitQuery.objects.count() == 3


# Pages and API -----------------------------------------------------------------------------


def test_page_check_and_request(actors, paco, signed_in):
    client = signed_in(actors.other_country)
    page = client.get("/hits/")
    assert page.status_code == 200 and b'data-testid="hit-form"' in page.content
    response = client.post(
        "/hits/",
        {
            "given_name": "Paco",
            "surname": "Vasquez",
            "date_of_birth": "1982-09-05",
            "justification": JUSTIFICATION,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and paco.reference in body
    assert "Francisco" not in body  # the record stays with its owner
    hit = HitNotification.objects.get()
    response = client.post(f"/hits/{hit.pk}/request/")
    assert response.status_code == 302
    hit.refresh_from_db()
    assert hit.requested_at is not None
    owner = signed_in(actors.owner)
    listing = owner.get("/hits/on-our-records/").content.decode()
    assert paco.reference in listing and actors.other_country.username in listing
    hit.refresh_from_db()
    assert hit.seen_at is not None


def test_page_bad_input_and_rate_limit(actors, signed_in, settings):
    client = signed_in(actors.owner)
    assert client.post("/hits/", {"given_name": "Ana", "justification": "x"}).status_code == 400
    assert client.post("/hits/", {"full_name": "Ana Rojas"}).status_code == 400
    settings.PACCTO_HITS_PER_HOUR = 1
    data = {"full_name": "Ana Rojas", "justification": "x"}
    assert client.post("/hits/", data).status_code == 200
    assert client.post("/hits/", data).status_code == 429


def test_api_check(actors, paco, signed_in):
    client = signed_in(actors.other_country)
    response = client.post(
        "/api/v1/hits",
        {"full_name": "Francisco Vasquez Ruiz", "justification": JUSTIFICATION},
        content_type="application/json",
    )
    assert response.status_code == 200
    hits = response.json()["hits"]
    assert hits[0]["reference"] == paco.reference and hits[0]["entitled"] is False
    assert hits[0]["band"] in {"high", "medium", "low"} and hits[0]["features"] == []
    bad = client.post(
        "/api/v1/hits", {"full_name": "A B"}, content_type="application/json"
    )  # no justification
    assert bad.status_code == 422
    wrong = client.post("/api/v1/hits", "[1,2", content_type="application/json")
    assert 400 <= wrong.status_code < 500
    owner = signed_in(actors.owner)
    listed = owner.get("/api/v1/hits/on-our-records").json()
    assert listed["items"][0]["reference"] == paco.reference if "items" in listed else listed


def test_page_explains_the_hit_in_the_user_s_language(actors, paco, signed_in):
    client = signed_in(actors.owner)
    query = {
        "full_name": "Francisco Vasquez Ruiz",
        "document_number": "79456123",
        "justification": JUSTIFICATION,
    }
    spanish = client.post("/hits/", query, headers={"Accept-Language": "es"}).content.decode()
    assert "Documento: el mismo número de documento" in spanish
    assert "document numbers: exact" not in spanish  # not the engine's English
    english = client.post("/hits/", query, headers={"Accept-Language": "en"}).content.decode()
    assert "Document: the same document number" in english
    assert "el mismo número de documento" not in english


def test_api_explanation_follows_the_language_and_codes_stay_stable(actors, paco, signed_in):
    client = signed_in(actors.owner)
    query = {"full_name": "Francisco Vasquez Ruiz", "document_number": "79456123"}
    answers = {}
    for language in ("es", "fr"):
        response = client.post(
            "/api/v1/hits",
            {**query, "justification": JUSTIFICATION},
            content_type="application/json",
            headers={"Accept-Language": language},
        )
        assert response.status_code == 200
        answers[language] = {f["field"]: f for f in response.json()["hits"][0]["features"]}
    es, fr = answers["es"]["document"], answers["fr"]["document"]
    assert es["explanation"] == "el mismo número de documento"
    assert fr["explanation"] == "le même numéro de document"
    assert (es["field"], es["level"], es["weight"]) == (fr["field"], fr["level"], fr["weight"])
    assert (es["field"], es["level"]) == ("document", "exact")
    assert answers["es"].keys() == answers["fr"].keys() >= {"surname", "given name"}


def test_api_rate_limit_answers_429(actors, signed_in, settings):
    settings.PACCTO_HITS_PER_HOUR = 1
    client = signed_in(actors.owner)
    data = {"full_name": "Ana Rojas", "justification": "x"}
    assert client.post("/api/v1/hits", data, content_type="application/json").status_code == 200
    response = client.post("/api/v1/hits", data, content_type="application/json")
    assert response.status_code == 429 and response.json()["detail"]


def test_the_list_of_hits_on_our_records_reads_a_fixed_number_of_queries(
    actors, signed_in, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(index, "SYNC_SECONDS", 0.0)  # each new record is checked at once
    for first in ("Ana", "Eva", "Rosa", "Lía"):
        _person(actors.owner, firstName=first, lastName="Quintero", secondLastName="Lopera")
        _check(actors.other_country, full_name=f"{first} Quintero Lopera")
    client = signed_in(actors.owner)
    with django_assert_max_num_queries(10):  # not one more per hit
        listed = client.get("/api/v1/hits/on-our-records").json()
    assert listed["count"] == 4


def test_namesakes_are_counted_by_person_not_by_alias(actors):
    """A person recorded with a full name besides its parts, and an alias with the same name,
    is one person: the name's frequency counts persons."""
    one = _person(
        actors.owner,
        firstName="Ximena",
        lastName="Urquijo",
        name="Ximena Urquijo",
        alias="Ximena Urquijo",
        nationality="CO",
    )
    [alone] = _check(actors.owner, given_name="Ximena", surname="Urquijo", nationality="CO")
    assert alone.entity_id == one.pk
    assert "name frequency" not in {f.field for f in alone.features}
    _person(actors.owner, firstName="Ximena", lastName="Urquijo", birthDate="1950-01-01")
    index.index_reset()
    shared = _check(actors.owner, given_name="Ximena", surname="Urquijo", nationality="CO")
    frequency = {f.field: f for f in shared[0].features}["name frequency"]
    assert frequency.explanation == "2 records share these names"
