import pytest

from paccto.accounts import services
from paccto.accounts.models import User
from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(actors):
    def make(user, scope="write"):
        _, secret = services.api_token_create(
            actor=actor_for(user), user=user, name="t", scope=scope, days=5
        )
        return {"Authorization": f"Bearer {secret}"}

    return make


def test_openapi_schema_and_docs_are_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/institutions" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_list_endpoints_paginate_and_filter(client, actors, token):
    auth = token(actors.owner)
    page = client.get("/api/v1/institutions?sector=penitentiary&page_size=10", headers=auth).json()
    assert page["count"] >= 38 and len(page["items"]) == 10 and page["page"] == 1
    assert {i["sector"] for i in page["items"]} == {"penitentiary"}
    co = client.get("/api/v1/institutions?country=CO&network=ameripol", headers=auth).json()
    assert co["count"] >= 1 and all(i["country"] == "CO" for i in co["items"])


def test_countries_and_networks(client, actors, token):
    auth = token(actors.owner)
    countries = client.get("/api/v1/countries?grouping=mercosur", headers=auth).json()
    assert {c["code"] for c in countries} >= {"AR", "BR", "PY", "UY", "BO", "VE"}
    ve = client.get("/api/v1/countries/VE", headers={**auth, "Accept-Language": "en"}).json()
    assert {"code": "mercosur", "name": "Mercosur", "status": "suspended"} in ve["groupings"]
    network = client.get("/api/v1/networks/ameripol", headers=auth).json()
    assert any(m["is_contact_point"] for m in network["members"])


def test_reading_the_directory_through_the_api_is_audited(client, actors, token):
    auth = token(actors.owner)
    before = AuditEntry.objects.filter(action="consult").count()
    client.get("/api/v1/institutions?q=policia", headers=auth)
    entry = AuditEntry.objects.filter(action="consult").order_by("-seq").first()
    assert AuditEntry.objects.filter(action="consult").count() == before + 1
    assert entry.details == {"search": {"q": "policia"}, "via": "api"}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Authentication required: a valid token or session."),
        ("fr", None),
        ("pt", None),
    ],
)
def test_errors_are_json_and_translated(client, language, message):
    response = client.get("/api/v1/institutions", headers={"Accept-Language": language})
    assert response.status_code == 401
    detail = response.json()["detail"]
    if message:
        assert detail == message
    else:
        assert detail != "Authentication required: a valid token or session."


def test_malformed_json_wrong_types_and_missing_fields_get_422(client, actors, token):
    auth = {**token(actors.co_admin), "Accept-Language": "es"}
    before = (User.objects.count(), AuditEntry.objects.count())
    response = client.post(
        "/api/v1/users", data="{not json", content_type="application/json", headers=auth
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "El cuerpo de la solicitud no es un JSON válido."
    for body in ("[]", '{"username": 5}', '{"username": "x", "roles": "analyst"}'):
        response = client.post(
            "/api/v1/users", data=body, content_type="application/json", headers=auth
        )
        assert response.status_code == 422, body
        assert response.json()["detail"] == "La solicitud no es válida."
    assert (User.objects.count(), AuditEntry.objects.count()) == before


def test_oversized_body_gets_413_and_writes_nothing(client, actors, token, settings):
    auth = token(actors.co_admin)
    before = User.objects.count()
    body = '{"username": "' + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    response = client.post(
        "/api/v1/users", data=body, content_type="application/json", headers=auth
    )
    assert response.status_code == 413
    assert User.objects.count() == before


def test_out_of_range_pages_are_refused_not_crashed(client, actors, token):
    auth = token(actors.owner)
    assert (
        client.get("/api/v1/institutions?page=99999999999999999999", headers=auth).status_code
        == 422
    )
    assert client.get("/api/v1/institutions?page_size=100000", headers=auth).status_code == 422
    assert client.get("/api/v1/institutions?page=500", headers=auth).json()["items"] == []


def test_unknown_and_foreign_ids_answer_404(client, actors, token):
    auth = token(actors.fr_admin)
    assert client.get("/api/v1/users/999999", headers=auth).status_code == 404
    foreign = client.get(f"/api/v1/users/{actors.owner.pk}", headers=auth)
    assert foreign.status_code == 404
    assert foreign.json() == client.get("/api/v1/users/999999", headers=auth).json()
    assert client.get("/api/v1/institutions/999999", headers=auth).status_code == 404


def test_revoked_and_malformed_tokens_get_401(client, actors):
    token, secret = services.api_token_create(
        actor=actor_for(actors.owner), user=actors.owner, name="t", scope="read", days=1
    )
    services.api_token_revoke(actor=actor_for(actors.owner), token=token)
    for value in (f"Bearer {secret}", "Bearer pct_nope", "Bearer " + "x" * 5000, "Basic abc"):
        assert client.get("/api/v1/me", headers={"Authorization": value}).status_code == 401


def test_admin_creates_an_account_through_the_api(client, actors, token):
    from tests.factories import first_institution

    auth = token(actors.co_admin)
    body = {
        "username": "co.new.analyst",
        "first_name": "Ana",
        "last_name": "Rojas",
        "institution_id": first_institution("CO", "police").pk,
        "roles": ["analyst"],
    }
    response = client.post(
        "/api/v1/users", data=body, content_type="application/json", headers=auth
    )
    assert response.status_code == 201 and response.json()["roles"] == ["analyst"]
    body["username"] = "pt.new"
    body["institution_id"] = first_institution("PT", "police").pk
    response = client.post(
        "/api/v1/users", data=body, content_type="application/json", headers=auth
    )
    assert response.status_code == 403
    body["username"] = "co.bad"
    body["institution_id"] = first_institution("CO", "police").pk
    body["roles"] = ["wizard"]
    response = client.post(
        "/api/v1/users", data=body, content_type="application/json", headers=auth
    )
    assert response.status_code == 422
    assert not User.objects.filter(username__in=["pt.new", "co.bad"]).exists()


def test_user_list_endpoint_query_count_is_bounded(
    client, actors, token, django_assert_max_num_queries
):
    auth = token(actors.platform_admin)
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/users?page_size=50", headers=auth)
    assert response.status_code == 200 and response.json()["count"] >= 9
