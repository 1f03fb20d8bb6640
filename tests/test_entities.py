import pytest

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.entities import services
from paccto.entities.models import Entity
from paccto.entities.schemata import PropertyError, caption_for, properties_clean

pytestmark = pytest.mark.django_db

# (schema, properties, expected clean properties or error property, why)
PROPERTY_CASES = [
    (
        "Person",
        {"firstName": " Ana  María ", "lastName": "Rojas", "birthDate": "1984-07-21"},
        {"firstName": ["Ana María"], "lastName": ["Rojas"], "birthDate": ["1984-07-21"]},
        "spaces are normalised, ISO dates kept",
    ),
    ("Person", {"birthDate": "1984"}, {"birthDate": ["1984"]}, "a year alone is a known date"),
    ("Person", {"birthDate": "1984-02-30"}, "birthDate", "a date that does not exist"),
    ("Person", {"birthDate": "21/07/1984"}, "birthDate", "only ISO dates"),
    ("Person", {"nationality": ["co", "ES"]}, {"nationality": ["CO", "ES"]}, "country codes"),
    ("Person", {"nationality": "XX"}, "nationality", "unknown country code"),
    ("Person", {"idNumber": "12.345.678-9"}, {"idNumber": ["123456789"]}, "document numbers"),
    ("Person", {"shoeSize": "42"}, "shoeSize", "unknown property"),
    ("Person", {"firstName": ""}, "properties", "nothing to record"),
    ("Phone", {"number": "+57 (601) 555-0101"}, {"number": ["+576015550101"]}, "phone digits"),
    ("Email", {"address": "no-at-sign"}, "address", "not an e-mail address"),
    ("Organisation", {"country": "CO"}, "name", "an organisation needs a name"),
    ("Firearm", {"serialNumber": "ab 123"}, {"serialNumber": ["AB123"]}, "serials"),
    (
        "Person",
        {"alias": ["El Flaco", "el flaco", "El Flaco"]},
        {"alias": ["El Flaco", "el flaco"]},
        "exact duplicates dropped",
    ),
]


@pytest.mark.parametrize(("schema", "raw", "expected", "why"), PROPERTY_CASES)
def test_properties_are_checked_and_normalised(schema, raw, expected, why):
    if isinstance(expected, str):
        with pytest.raises(PropertyError) as info:
            properties_clean(schema, raw)
        assert info.value.args[1] == expected, why
    else:
        assert properties_clean(schema, raw) == expected, why


def test_captions():
    person = {"firstName": ["Ana"], "lastName": ["Rojas"], "secondLastName": ["Díaz"]}
    assert caption_for("Person", person) == "Ana Rojas Díaz"
    assert caption_for("Person", {"name": ["João da Silva"]}) == "João da Silva"
    assert caption_for("Vehicle", {"registrationNumber": ["ABC123"], "make": ["Ford"]}) == (
        "ABC123 Ford"
    )


def test_create_keeps_history_and_audits_in_the_same_transaction(actors):
    actor = actor_for(actors.owner)
    entity = services.entity_create(
        actor=actor,
        schema="Person",
        properties={"firstName": "Ana", "lastName": "Rojas"},
        provenance={"source_reliability": "B", "information_reliability": "2"},
    )
    assert entity.owner_institution_id == actors.owner.institution_id
    assert entity.grade == "B2" and entity.version == 1
    services.entity_update(
        actor=actor,
        entity=entity,
        properties={"firstName": "Ana", "lastName": "Rojas Díaz"},
        note="second surname",
    )
    assert [v.version for v in entity.versions.all()] == [2, 1]
    assert entity.versions.get(version=1).properties["lastName"] == ["Rojas"]
    actions = AuditEntry.objects.filter(object_id=str(entity.pk)).values_list("action", flat=True)
    assert sorted(actions) == ["alter", "collect"]


def test_victims_are_special_category_and_only_persons_can_be(actors):
    from django.core.exceptions import ValidationError

    actor = actor_for(actors.owner)
    victim = services.entity_create(
        actor=actor, schema="Person", properties={"firstName": "X"}, flags={"is_victim": True}
    )
    assert victim.special_category
    with pytest.raises(ValidationError):
        services.entity_create(
            actor=actor, schema="Vehicle", properties={"make": "Ford"}, flags={"is_minor": True}
        )


def test_only_operational_roles_of_the_owner_change_a_record(actors):
    from django.core.exceptions import PermissionDenied

    entity = services.entity_create(
        actor=actor_for(actors.owner),
        schema="Vehicle",
        properties={"make": "Ford"},
        provenance={"share_scope": "platform"},
    )
    for who in (actors.other_country, actors.colleague_no_role, actors.platform_admin):
        with pytest.raises(PermissionDenied):
            services.entity_update(actor=actor_for(who), entity=entity, properties={"make": "Kia"})
    entity.refresh_from_db()
    assert entity.properties == {"make": ["Ford"]} and entity.version == 1


@pytest.fixture
def api(client, actors):
    from tests.factories import verify_session

    def as_user(user):
        client.logout()
        verify_session(client, user)
        return client

    return as_user


def test_api_create_read_with_justification_and_update(api, actors):
    client = api(actors.owner)
    body = {
        "schema": "Person",
        "properties": {"firstName": "Ana", "lastName": "Rojas", "nationality": "CO"},
        "provenance": {"share_scope": "country", "criminal_markets": ["drugs"]},
    }
    created = client.post("/api/v1/entities", data=body, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["reference"].startswith("CO-PER-") and data["schema"] == "Person"
    pk = data["id"]
    assert client.get(f"/api/v1/entities/{pk}").status_code == 422  # no justification
    detail = client.get(f"/api/v1/entities/{pk}", {"justification": "Case 2026/17"})
    assert detail.status_code == 200 and detail.json()["properties"]["lastName"] == ["Rojas"]
    entry = AuditEntry.objects.filter(action="consult", object_id=str(pk)).latest("seq")
    assert entry.justification == "Case 2026/17"
    patched = client.patch(
        f"/api/v1/entities/{pk}",
        data={"properties": {"firstName": "Ana", "lastName": "Rojas"}, "note": "fix"},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["version"] == 2
    versions = client.get(f"/api/v1/entities/{pk}/versions", {"justification": "audit"})
    assert [v["version"] for v in versions.json()] == [2, 1]


def test_api_refuses_bad_properties_and_writes_nothing(api, actors):
    client = api(actors.owner)
    before = (Entity.objects.count(), AuditEntry.objects.count())
    response = client.post(
        "/api/v1/entities",
        data={"schema": "Person", "properties": {"birthDate": "1984-13-01"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "birthDate"]
    assert (Entity.objects.count(), AuditEntry.objects.count()) == before


def test_entities_of_others_are_not_found_and_victims_stay_with_the_owner(api, actors):
    owner = actor_for(actors.owner)
    shared = services.entity_create(
        actor=owner,
        schema="Person",
        properties={"firstName": "Shared"},
        provenance={"share_scope": "platform"},
    )
    victim = services.entity_create(
        actor=owner,
        schema="Person",
        properties={"firstName": "Victim"},
        flags={"is_victim": True},
        provenance={"share_scope": "platform"},
    )
    private = services.entity_create(actor=owner, schema="Person", properties={"firstName": "P"})
    client = api(actors.other_country)
    params = {"justification": "check"}
    assert client.get(f"/api/v1/entities/{shared.pk}", params).status_code == 200
    assert client.get(f"/api/v1/entities/{victim.pk}", params).status_code == 404
    assert client.get(f"/api/v1/entities/{private.pk}", params).status_code == 404
    listed = client.get("/api/v1/entities", params).json()
    assert [e["caption"] for e in listed["items"]] == ["Shared"]
    change = client.patch(
        f"/api/v1/entities/{shared.pk}", data={"note": "x"}, content_type="application/json"
    )
    assert change.status_code == 404


def test_links_need_both_ends_visible(api, actors):
    owner = actor_for(actors.owner)
    a = services.entity_create(
        actor=owner,
        schema="Person",
        properties={"firstName": "A"},
        provenance={"share_scope": "platform"},
    )
    b = services.entity_create(
        actor=owner,
        schema="Organisation",
        properties={"name": "Cartel"},
        provenance={"share_scope": "platform"},
    )
    hidden = services.entity_create(actor=owner, schema="Phone", properties={"number": "+5712345"})
    client = api(actors.owner)
    for target in (b, hidden):
        link = client.post(
            "/api/v1/links",
            data={
                "source_id": a.pk,
                "target_id": target.pk,
                "link_type": "member_of",
                "provenance": {"share_scope": "platform"},
            },
            content_type="application/json",
        )
        assert link.status_code == 201
    other = api(actors.other_country)
    detail = other.get(f"/api/v1/entities/{a.pk}", {"justification": "x"}).json()
    assert [link["target_caption"] for link in detail["links"]] == ["Cartel"]
    refused = other.post(
        "/api/v1/links",
        data={"source_id": a.pk, "target_id": hidden.pk, "link_type": "uses"},
        content_type="application/json",
    )
    assert refused.status_code == 404


PROVENANCE_FORM = {
    "source_reliability": "B",
    "information_reliability": "2",
    "handling_code": "H0",
    "share_scope": "country",
}


def test_pages_record_consult_with_a_reason_edit_and_link(api, actors):
    client = api(actors.owner)
    response = client.post(
        "/entities/new/?schema=Person",
        {
            **PROVENANCE_FORM,
            "p_firstName": "Ana",
            "p_lastName": "Rojas",
            "p_nationality": "co; es",
            "is_victim": "on",
        },
    )
    assert response.status_code == 302
    entity = Entity.objects.get(caption="Ana Rojas")
    assert entity.properties["nationality"] == ["CO", "ES"] and entity.special_category
    # Without a reason, the page asks for one and shows no data.
    page = client.get(f"/entities/{entity.pk}/")
    assert page.status_code == 200 and "Rojas" not in page.content.decode()
    page = client.get(f"/entities/{entity.pk}/", {"justification": "Operation Jaguar"})
    assert "Rojas" in page.content.decode()
    assert AuditEntry.objects.filter(
        action="consult", object_id=str(entity.pk), justification="Operation Jaguar"
    ).exists()
    edit = client.post(
        f"/entities/{entity.pk}/edit/",
        {**PROVENANCE_FORM, "p_firstName": "Ana", "p_lastName": "Rojas Díaz", "note": "surname"},
    )
    assert edit.status_code == 302
    entity.refresh_from_db()
    assert entity.version == 2 and not entity.special_category
    other = services.entity_create(
        actor=actor_for(actors.owner), schema="Phone", properties={"number": "+573001234567"}
    )
    link = client.post(
        f"/entities/{entity.pk}/links/",
        {**PROVENANCE_FORM, "target": other.reference, "link_type": "uses"},
    )
    assert link.status_code == 302
    assert entity.links_out.get().target_id == other.pk


def test_bad_property_on_the_page_is_shown_and_nothing_recorded(api, actors):
    client = api(actors.owner)
    before = Entity.objects.count()
    response = client.post(
        "/entities/new/?schema=Person", {**PROVENANCE_FORM, "p_birthDate": "1984-13-45"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["p_birthDate"]
    assert Entity.objects.count() == before


def test_entity_search_page_needs_a_justification(api, actors):
    services.entity_create(
        actor=actor_for(actors.owner), schema="Person", properties={"firstName": "Zoe"}
    )
    client = api(actors.owner)
    assert "Zoe" not in client.get("/entities/", {"q": "zoe"}).content.decode()
    page = client.get("/entities/", {"q": "zoe", "justification": "case 12"}).content.decode()
    assert "Zoe" in page


def test_csv_export_is_formula_safe_withholds_special_categories_and_h2_of_others(api, actors):
    import csv
    import io

    owner = actor_for(actors.owner)
    services.entity_create(
        actor=owner,
        schema="Organisation",
        properties={"name": '=HYPERLINK("http://x")'},
        provenance={"share_scope": "platform"},
    )
    services.entity_create(
        actor=owner,
        schema="Person",
        properties={"firstName": "Hidden", "lastName": "Victim"},
        flags={"is_victim": True},
    )
    services.entity_create(
        actor=owner,
        schema="Phone",
        properties={"number": "+5712345678"},
        provenance={"share_scope": "platform", "handling_code": "H2"},
    )
    client = api(actors.owner)
    assert client.get("/api/v1/entities/export.csv").status_code == 422
    response = client.get("/api/v1/entities/export.csv", {"justification": "Report to court"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    names = {r["name"] for r in rows}
    assert '\'=HYPERLINK("http://x")' in names
    assert "Victim" not in response.content.decode() and "[withheld: special category]" in names
    assert len(rows) == 3
    entry = AuditEntry.objects.filter(action="disclose").latest("seq")
    assert entry.justification == "Report to court" and entry.details["count"] == 3
    # Another country's analyst sees the shared records but may not take the H2 one away.
    other = api(actors.other_country)
    rows = list(
        csv.DictReader(
            io.StringIO(
                other.get("/api/v1/entities/export.csv", {"justification": "x"}).content.decode()
            )
        )
    )
    assert [r["kind"] for r in rows] == ["Organisation"]


def test_the_search_page_offers_the_export_of_its_results(api, actors):
    services.entity_create(
        actor=actor_for(actors.owner), schema="Vehicle", properties={"make": "Ford"}
    )
    client = api(actors.owner)
    page = client.get("/entities/", {"schema": "Vehicle", "justification": "check"})
    link = page.content.decode().split('data-testid="export-csv"')[0].rsplit('href="', 1)[1]
    export = client.get(link.split('"')[0].replace("&amp;", "&"))
    assert export.status_code == 200 and "Ford" in export.content.decode()
