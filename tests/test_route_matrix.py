"""Every route of the platform, page and API, under the permission matrix.

One row per route: how to call it and what each actor must get. A route added without a row
here fails ``test_every_route_is_in_the_matrix``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLResolver, get_resolver

from paccto.accounts import services
from paccto.audit.services import audit_record
from paccto.core.models import Institution
from paccto.core.permissions import actor_for
from paccto.entities.models import ImportBatch
from tests.exchange_helpers import pdf
from tests.factories import first_institution, verify_session

PROFILES = (
    "anonymous",
    "owner",
    "colleague_no_role",
    "other_institution",
    "other_country",
    "co_admin",
    "fr_admin",
    "co_dpo",
    "fr_dpo",
    "platform_admin",
)
SIGNED_IN = PROFILES[1:]
ADMINS = ("co_admin", "fr_admin", "platform_admin")


def expect(anonymous: int, default: int, **overrides: int) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, default), **overrides}


@dataclass
class Route:
    name: str
    url: Any  # str, or a function of the fixtures returning one
    expected: dict[str, int]
    method: str = "get"
    data: Any = None
    json: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def owner_token(actors, records):
    return f"/accounts/profile/tokens/{records['token'].pk}/revoke/"


ROUTES = [
    # Directory pages: every signed-in user.
    Route("core:dashboard", "/", expect(302, 200)),
    Route("core:country_list", "/directory/countries/", expect(302, 200)),
    Route("core:country_detail", "/directory/countries/PE/", expect(302, 200)),
    Route("core:institution_list", "/directory/institutions/?sector=police", expect(302, 200)),
    Route(
        "core:institution_detail",
        lambda a, r: f"/directory/institutions/{r['institution'].pk}/",
        expect(302, 200),
    ),
    Route("core:network_list", "/directory/networks/", expect(302, 200)),
    Route("core:network_detail", "/directory/networks/ameripol/", expect(302, 200)),
    Route("core:criminal_market_list", "/directory/criminal-markets/", expect(302, 200)),
    Route("core:health", "/healthz", expect(200, 200)),
    # Accounts
    Route("accounts:login", "/accounts/sign-in/", expect(200, 302)),
    Route("accounts:logout", "/accounts/sign-out/", expect(302, 302), method="post"),
    Route("accounts:mfa_verify", "/accounts/mfa/verify/", expect(302, 200)),
    Route("accounts:mfa_setup", "/accounts/mfa/setup/", expect(302, 200)),
    Route("accounts:profile", "/accounts/profile/", expect(302, 200)),
    Route("accounts:password_change", "/accounts/profile/password/", expect(302, 400), "post", {}),
    Route("accounts:token_create", "/accounts/profile/tokens/", expect(302, 400), "post", {}),
    Route("accounts:token_revoke", owner_token, expect(302, 404, owner=302), "post", {}),
    Route("accounts:language", "/accounts/language/", expect(302, 302), "post", {"language": "it"}),
    Route("accounts:user_list", "/accounts/users/", expect(302, 200)),
    Route(
        "accounts:user_create",
        "/accounts/users/new/",
        expect(302, 403, co_admin=200, fr_admin=200, platform_admin=200),
    ),
    Route(
        "accounts:user_detail",
        lambda a, r: f"/accounts/users/{a.other_institution.pk}/",
        expect(302, 404, other_institution=200, co_admin=200, co_dpo=200, platform_admin=200),
    ),
    Route(
        "accounts:user_manage",
        lambda a, r: f"/accounts/users/{a.other_institution.pk}/manage/",
        expect(302, 404, co_admin=302, platform_admin=302),
        "post",
        {"op": "disable"},
    ),
    # Audit: data-protection officers of the actor's country only.
    Route("audit:entry_search", "/audit/", expect(302, 200)),
    Route(
        "audit:entry_detail",
        lambda a, r: f"/audit/{r['entry'].pk}/",
        expect(302, 404, co_dpo=200),
    ),
    # API: 401 without credentials, JSON everywhere.
    Route("api:openapi-json", "/api/v1/openapi.json", expect(200, 200)),
    Route("api:openapi-view", "/api/v1/docs", expect(200, 200)),
    Route("api:country_list", "/api/v1/countries", expect(401, 200)),
    Route("api:country_detail", "/api/v1/countries/BR", expect(401, 200)),
    Route("api:grouping_list", "/api/v1/groupings", expect(401, 200)),
    Route("api:institution_list", "/api/v1/institutions", expect(401, 200)),
    Route(
        "api:institution_detail",
        lambda a, r: f"/api/v1/institutions/{r['institution'].pk}",
        expect(401, 200),
    ),
    Route("api:network_list", "/api/v1/networks", expect(401, 200)),
    Route("api:network_detail", "/api/v1/networks/ameripol", expect(401, 200)),
    Route("api:criminal_market_list", "/api/v1/criminal-markets", expect(401, 200)),
    Route("api:sector_list", "/api/v1/sectors", expect(401, 200)),
    Route("api:me", "/api/v1/me", expect(401, 200)),
    Route(
        "api:me_language",
        "/api/v1/me/language",
        expect(401, 200),
        "put",
        {"language": "nl"},
        json=True,
    ),
    Route("api:my_tokens", "/api/v1/me/tokens", expect(401, 200)),
    Route("api:user_list", "/api/v1/users", expect(401, 200)),
    Route(
        "api:user_create",
        "/api/v1/users",
        expect(401, 403, co_admin=201, platform_admin=201),
        "post",
        lambda a, r: {
            "username": "co.matrix.new",
            "institution_id": first_institution("CO", "police").pk,
            "roles": ["analyst"],
        },
        json=True,
    ),
    Route(
        "api:user_detail",
        lambda a, r: f"/api/v1/users/{a.other_institution.pk}",
        expect(401, 404, other_institution=200, co_admin=200, co_dpo=200, platform_admin=200),
    ),
    Route(
        "api:user_active",
        lambda a, r: f"/api/v1/users/{a.other_institution.pk}/active",
        expect(401, 404, co_admin=200, platform_admin=200),
        "put",
        {"active": False},
        json=True,
    ),
    Route("api:entry_list", "/api/v1/audit/entries", expect(401, 200)),
    Route(
        "api:entry_detail",
        lambda a, r: f"/api/v1/audit/entries/{r['entry'].pk}",
        expect(401, 404, co_dpo=200),
    ),
]
OPERATIONAL_CREATE = dict(owner=201, other_institution=201, other_country=201)
COUNTRY_SHARED = dict(owner=200, other_institution=200)
ROUTES += [
    # Entity store: operational roles; a record shared with its country.
    Route("api:schema_list", "/api/v1/entities/schemata", expect(401, 200)),
    Route("api:entity_list", "/api/v1/entities?justification=matrix", expect(401, 200)),
    Route(
        "api:entity_export",
        "/api/v1/entities/export.csv?justification=matrix",
        expect(401, 200),
    ),
    Route(
        "api:entity_export_ftm",
        "/api/v1/entities/export.ftm.jsonl?justification=matrix",
        expect(401, 200),
    ),
    Route(
        "api:entity_create",
        "/api/v1/entities",
        expect(401, 403, **OPERATIONAL_CREATE),
        "post",
        {"schema": "Vehicle", "properties": {"make": "Ford"}},
        json=True,
    ),
    Route(
        "api:entity_detail",
        lambda a, r: f"/api/v1/entities/{r['entity'].pk}?justification=matrix",
        expect(401, 404, **COUNTRY_SHARED),
    ),
    Route(
        "api:entity_update",
        lambda a, r: f"/api/v1/entities/{r['entity'].pk}",
        expect(401, 404, owner=200),
        "patch",
        {"properties": {"firstName": "Eva"}},
        json=True,
    ),
    Route(
        "api:entity_versions",
        lambda a, r: f"/api/v1/entities/{r['entity'].pk}/versions?justification=matrix",
        expect(401, 404, **COUNTRY_SHARED),
    ),
    Route(
        "api:link_create",
        "/api/v1/links",
        expect(401, 404, owner=201, other_institution=201),
        "post",
        lambda a, r: {
            "source_id": r["entity"].pk,
            "target_id": r["organisation"].pk,
            "link_type": "member_of",
        },
        json=True,
    ),
]
OPERATIONAL_PAGE = dict(owner=200, other_institution=200, other_country=200)
ROUTES += [
    Route("entities:entity_list", "/entities/?justification=matrix", expect(302, 200)),
    Route(
        "entities:entity_create",
        "/entities/new/?schema=Vehicle",
        expect(302, 403, **OPERATIONAL_PAGE),
    ),
    Route(
        "entities:entity_detail",
        lambda a, r: f"/entities/{r['entity'].pk}/?justification=matrix",
        expect(302, 404, **COUNTRY_SHARED),
    ),
    Route(
        "entities:entity_edit",
        lambda a, r: f"/entities/{r['entity'].pk}/edit/",
        expect(302, 404, owner=200),
    ),
    Route(
        "entities:link_create",
        lambda a, r: f"/entities/{r['entity'].pk}/links/",
        expect(302, 404, owner=302, other_institution=302),
        "post",
        lambda a, r: {
            "target": str(r["organisation"].pk),
            "link_type": "member_of",
            "source_reliability": "X",
            "information_reliability": "4",
            "handling_code": "H0",
            "share_scope": "owner",
        },
    ),
]
ROUTES += [
    Route("entities:import_list", "/entities/imports/", expect(302, 403, **OPERATIONAL_PAGE)),
    Route(
        "entities:import_detail",
        lambda a, r: f"/entities/imports/{r['import_batch'].pk}/",
        expect(302, 403, owner=200, other_institution=404, other_country=404),
    ),
    Route(
        "entities:import_detail",
        lambda a, r: f"/entities/imports/{r['import_batch'].pk}/",
        expect(302, 403, owner=302, other_institution=404, other_country=404),
        "post",
        {"action": "discard"},
    ),
]
ROUTES += [
    Route(
        "entities:entity_merge",
        lambda a, r: f"/entities/{r['entity'].pk}/merge/",
        expect(302, 403, owner=302, other_institution=404, other_country=404),
        "post",
        lambda a, r: {"target": str(r["duplicate"].pk), "reason": "matrix"},
    ),
    Route(
        "entities:entity_unmerge",
        lambda a, r: f"/entities/merges/{r['merge'].pk}/undo/",
        expect(302, 403, owner=302, other_institution=404, other_country=404),
        "post",
        {"reason": "matrix"},
    ),
]
XREF_OWNER = dict(owner=200, other_institution=404, other_country=404)
ROUTES += [
    Route("xref:run_list", "/xref/", expect(302, 403, **OPERATIONAL_PAGE)),
    Route(
        "xref:run_list",
        "/xref/",
        expect(302, 403, owner=302, other_institution=400, other_country=400),
        "post",
        lambda a, r: {
            "left_batch": r["dataset"].pk,
            "threshold": "0.5",
            "justification": "matrix",
        },
    ),
    Route(
        "xref:run_detail",
        lambda a, r: f"/xref/{r['xref_run'].pk}/",
        expect(302, 403, **XREF_OWNER),
    ),
    Route(
        "xref:review",
        lambda a, r: f"/xref/candidates/{r['candidate'].pk}/review/",
        expect(302, 403, owner=302, other_institution=404, other_country=404),
        "post",
        {"decision": "unsure"},
    ),
    Route("api:xref_run_list", "/api/v1/xref/runs", expect(401, 200)),
    Route(
        "api:xref_run_create",
        "/api/v1/xref/runs",
        expect(401, 404, owner=201),
        "post",
        lambda a, r: {"left_batch_id": r["dataset"].pk, "justification": "matrix"},
        json=True,
    ),
    Route(
        "api:xref_candidate_list",
        lambda a, r: f"/api/v1/xref/runs/{r['xref_run'].pk}/candidates",
        expect(401, 404, owner=200),
    ),
    Route(
        "api:xref_candidate_review",
        lambda a, r: f"/api/v1/xref/candidates/{r['candidate'].pk}/review",
        expect(401, 404, owner=200),
        "post",
        {"decision": "unsure"},
        json=True,
    ),
]
HIT_QUERY = {"full_name": "Ana Rojas", "justification": "matrix"}
ROUTES += [
    # Hit/no-hit: operational roles check; owners see the hits on their records.
    Route("hits:check", "/hits/", expect(302, 403, **OPERATIONAL_PAGE)),
    Route("hits:check", "/hits/", expect(302, 403, **OPERATIONAL_PAGE), "post", HIT_QUERY),
    Route("hits:notification_list", "/hits/on-our-records/", expect(302, 403, **OPERATIONAL_PAGE)),
    Route(
        "hits:record_request",
        lambda a, r: f"/hits/{r['hit'].pk}/request/",
        expect(302, 403, other_country=302, owner=404, other_institution=404),
        "post",
        {},
    ),
    Route(
        "api:hit_check",
        "/api/v1/hits",
        expect(401, 403, **OPERATIONAL_PAGE),
        "post",
        HIT_QUERY,
        json=True,
    ),
    Route("api:hit_notification_list", "/api/v1/hits/on-our-records", expect(401, 200)),
    Route(
        "api:hit_record_request",
        lambda a, r: f"/api/v1/hits/{r['hit'].pk}/request",
        expect(401, 404, other_country=200),
        "post",
        {},
        json=True,
    ),
]
# Secure exchange: operational roles; a message from the owner (Colombian police) to the
# Portuguese police with an attachment, and a pending request to forward H2 content of the
# owner, asked by the Portuguese police.
OPERATIONAL_API = dict(owner=200, other_institution=200, other_country=200)
SENDER_AND_RECIPIENT = dict(owner=200, other_country=200)
FR_POLICE = lambda a, r: first_institution("FR", "police").pk  # noqa: E731
ROUTES += [
    Route("exchange:inbox", "/exchange/", expect(302, 403, **OPERATIONAL_PAGE)),
    Route("exchange:outbox", "/exchange/outbox/", expect(302, 403, **OPERATIONAL_PAGE)),
    Route("exchange:thread_list", "/exchange/threads/", expect(302, 403, **OPERATIONAL_PAGE)),
    Route(
        "exchange:thread_detail",
        lambda a, r: f"/exchange/threads/{r['message'].thread_id}/",
        expect(302, 403, other_institution=404, **SENDER_AND_RECIPIENT),
    ),
    Route("exchange:search", "/exchange/search/?q=juan", expect(302, 403, **OPERATIONAL_PAGE)),
    Route("exchange:message_compose", "/exchange/compose/", expect(302, 403, **OPERATIONAL_PAGE)),
    Route(
        "exchange:message_compose",
        "/exchange/compose/",
        expect(302, 403, owner=400, other_institution=400, other_country=400),
        "post",
        {"subject": ""},
    ),
    Route(
        "exchange:message_detail",
        lambda a, r: f"/exchange/messages/{r['message'].pk}/",
        expect(302, 403, other_institution=404, **SENDER_AND_RECIPIENT),
    ),
    Route(
        "exchange:message_acknowledge",
        lambda a, r: f"/exchange/messages/{r['message'].pk}/acknowledge/",
        expect(302, 403, owner=404, other_institution=404, other_country=302),
        "post",
        {},
    ),
    Route(
        "exchange:message_forward",
        lambda a, r: f"/exchange/messages/{r['message'].pk}/forward/",
        expect(302, 403, owner=302, other_institution=404, other_country=302),
        "post",
        lambda a, r: {"targets": [str(FR_POLICE(a, r))], "note": "matrix"},
    ),
    Route(
        "exchange:mention_create",
        lambda a, r: f"/exchange/messages/{r['message'].pk}/entities/new/?schema=Phone",
        expect(302, 403, other_institution=404, **SENDER_AND_RECIPIENT),
    ),
    Route(
        "exchange:mention_link",
        lambda a, r: f"/exchange/messages/{r['message'].pk}/entities/link/",
        expect(302, 403, owner=302, other_institution=404, other_country=404),
        "post",
        lambda a, r: {"entity": r["entity"].reference},
    ),
    Route(
        "exchange:attachment_download",
        lambda a, r: f"/exchange/attachments/{r['attachment'].pk}/",
        expect(302, 403, other_institution=404, **SENDER_AND_RECIPIENT),
    ),
    Route(
        "exchange:forward_request_list",
        "/exchange/forward-requests/",
        expect(302, 403, **OPERATIONAL_PAGE),
    ),
    Route(
        "exchange:forward_request_decide",
        lambda a, r: f"/exchange/forward-requests/{r['forward_request'].pk}/decide/",
        expect(302, 403, owner=302, other_institution=404, other_country=404),
        "post",
        {"decision": "refuse", "note": "matrix"},
    ),
    Route("exchange:notification_list", "/exchange/notifications/", expect(302, 200)),
    Route(
        "exchange:defaults_list",
        "/exchange/defaults/",
        expect(302, 403, co_admin=200, fr_admin=200, platform_admin=200),
    ),
    Route(
        "exchange:defaults_edit",
        lambda a, r: f"/exchange/defaults/{a.owner.institution_id}/",
        expect(302, 403, co_admin=200, fr_admin=404, platform_admin=200),
    ),
    Route("api:exchange_inbox", "/api/v1/exchange/inbox", expect(401, 200)),
    Route("api:exchange_outbox", "/api/v1/exchange/outbox", expect(401, 200)),
    Route(
        "api:exchange_message_search",
        "/api/v1/exchange/messages?q=juan",
        expect(401, 403, **OPERATIONAL_API),
    ),
    Route(
        "api:exchange_message_send",
        "/api/v1/exchange/messages",
        expect(401, 403, owner=201, other_institution=201, other_country=201),
        "post",
        lambda a, r: {
            "message_type": "request",
            "recipient_ids": [FR_POLICE(a, r)],
            "subject": "Matriz",
            "body": "Solicitud de la matriz de permisos.",
            "handling_code": "H0",
            "instrument": "eu-2023-977",
            "urgency": "normal",
        },
        json=True,
    ),
    Route(
        "api:exchange_message_detail",
        lambda a, r: f"/api/v1/exchange/messages/{r['message'].pk}",
        expect(401, 404, **SENDER_AND_RECIPIENT),
    ),
    Route(
        "api:exchange_message_acknowledge",
        lambda a, r: f"/api/v1/exchange/messages/{r['message'].pk}/acknowledge",
        expect(401, 404, other_country=200),
        "post",
        {},
        json=True,
    ),
    Route(
        "api:exchange_message_forward",
        lambda a, r: f"/api/v1/exchange/messages/{r['message'].pk}/forward",
        expect(401, 404, owner=201, other_country=201),
        "post",
        lambda a, r: {"target_ids": [FR_POLICE(a, r)]},
        json=True,
    ),
    Route(
        "api:exchange_message_mention",
        lambda a, r: f"/api/v1/exchange/messages/{r['message'].pk}/entities",
        expect(401, 404, owner=201),
        "post",
        lambda a, r: {"entity_id": r["entity"].pk},
        json=True,
    ),
    Route("api:exchange_thread_list", "/api/v1/exchange/threads", expect(401, 200)),
    Route(
        "api:exchange_thread_detail",
        lambda a, r: f"/api/v1/exchange/threads/{r['message'].thread_id}",
        expect(401, 404, **SENDER_AND_RECIPIENT),
    ),
    Route(
        "api:exchange_attachment_upload",
        "/api/v1/exchange/attachments",
        expect(401, 403, owner=201, other_institution=201, other_country=201),
        "post",
        lambda a, r: {"file": pdf("matriz.pdf")},
    ),
    Route(
        "api:exchange_attachment_download",
        lambda a, r: f"/api/v1/exchange/attachments/{r['attachment'].pk}",
        expect(401, 404, **SENDER_AND_RECIPIENT),
    ),
    Route(
        "api:exchange_forward_request_list", "/api/v1/exchange/forward-requests", expect(401, 200)
    ),
    Route(
        "api:exchange_forward_request_decide",
        lambda a, r: f"/api/v1/exchange/forward-requests/{r['forward_request'].pk}/decide",
        expect(401, 404, owner=200),
        "post",
        {"grant": False},
        json=True,
    ),
    Route("api:exchange_notification_list", "/api/v1/exchange/notifications", expect(401, 200)),
    Route(
        "api:exchange_notifications_read",
        "/api/v1/exchange/notifications/read",
        expect(401, 200),
        "post",
        {},
        json=True,
    ),
    Route("api:exchange_clock_rule_list", "/api/v1/exchange/clock-rules", expect(401, 200)),
    Route(
        "api:exchange_defaults_detail",
        lambda a, r: f"/api/v1/exchange/defaults/{a.owner.institution_id}",
        expect(
            401, 404, owner=200, colleague_no_role=200, co_admin=200, co_dpo=200, platform_admin=200
        ),
    ),
    Route(
        "api:exchange_defaults_update",
        lambda a, r: f"/api/v1/exchange/defaults/{a.owner.institution_id}",
        expect(
            401, 404, owner=403, colleague_no_role=403, co_dpo=403, co_admin=200, platform_admin=200
        ),
        "put",
        {"handling_code": "H1"},
        json=True,
    ),
]
ROUTES_BY_NAME = {route.name: route for route in ROUTES}
UNCHECKED = {"api:api-root"}  # the API root answers 404 by design: nothing lives there


def all_route_names() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix)
            else:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def test_every_route_is_in_the_matrix():
    missing = all_route_names() - set(ROUTES_BY_NAME) - UNCHECKED
    assert not missing, f"routes without a permission-matrix row: {sorted(missing)}"


def _xref(actors, owner, batch):
    from paccto.entities.services import entity_create
    from paccto.xref.models import MatchCandidate, XrefRun

    run = XrefRun.objects.create(
        owner_institution_id=owner.institution_id,
        created_by=actors.owner,
        left_batch=batch,
        justification="matrix",
        status="done",
    )
    a = entity_create(actor=owner, schema="Person", properties={"firstName": "Iris"})
    b = entity_create(actor=owner, schema="Person", properties={"firstName": "Iris"})
    candidate = MatchCandidate.objects.create(run=run, left=a, right=b, probability=0.9)
    return {"xref_run": run, "candidate": candidate}


def _merge(owner):
    from paccto.entities.services import entity_create, entity_merge

    kept = entity_create(actor=owner, schema="Person", properties={"firstName": "Eva"})
    dup = entity_create(actor=owner, schema="Person", properties={"firstName": "Eva"})
    return entity_merge(actor=owner, kept=kept, merged=dup, reason="matrix")


def _hit(actors, owner):
    from paccto.entities.services import entity_create
    from paccto.hits.models import HitNotification, HitQuery

    record = entity_create(actor=owner, schema="Person", properties={"firstName": "Rosa"})
    asker = actors.other_country
    query = HitQuery.objects.create(
        user=asker, institution_id=asker.institution_id, justification="matrix"
    )
    return HitNotification.objects.create(
        query=query, entity=record, owner_institution_id=owner.institution_id, band="high"
    )


@pytest.fixture
def records(actors):
    token, _ = services.api_token_create(
        actor=actor_for(actors.owner), user=actors.owner, name="t", scope="read", days=1
    )
    entry = audit_record(
        actor=actor_for(actors.owner), action="collect", object_type="x", object_id="1"
    )
    from paccto.entities.services import entity_create

    owner = actor_for(actors.owner)
    shared = {"share_scope": "country"}
    batch = ImportBatch.objects.create(
        owner_institution_id=owner.institution_id,
        created_by=actors.owner,
        file_name="persons.csv",
        stored_name=secrets.token_hex(16),
        sha256="0" * 64,
        schema="Person",
        headers=["name"],
        mapping={"name": "name"},
    )
    dataset = ImportBatch.objects.create(
        owner_institution_id=owner.institution_id,
        created_by=actors.owner,
        file_name="dataset.csv",
        stored_name=secrets.token_hex(16),
        sha256="0" * 64,
        schema="Person",
        status="done",
    )
    from paccto.exchange.services import message_forward
    from tests.exchange_helpers import send

    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    secret = send(actors.owner, actors.other_country, handling_code="H2")
    forward_request = message_forward(
        actor=actor_for(actors.other_country),
        message=secret,
        target_ids=[actors.other_institution.institution_id],
    )
    return {
        "message": message,
        "attachment": message.attachments.get(),
        "forward_request": forward_request,
        "token": token,
        "entry": entry,
        "institution": Institution.objects.first(),
        "entity": entity_create(
            actor=owner, schema="Person", properties={"firstName": "Ana"}, provenance=shared
        ),
        "organisation": entity_create(
            actor=owner, schema="Organisation", properties={"name": "X"}, provenance=shared
        ),
        "hit": _hit(actors, owner),
        "duplicate": entity_create(actor=owner, schema="Person", properties={"firstName": "An"}),
        "merge": _merge(owner),
        "import_batch": batch,
        "dataset": dataset,
        **_xref(actors, owner, dataset),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "profile"),
    [(r, p) for r in ROUTES for p in PROFILES],
    ids=[f"{r.name}-{p}" for r in ROUTES for p in PROFILES],
)
def test_route(client, actors, records, route, profile):
    user = actors.get(profile)
    if user is not None:
        verify_session(client, user)
    url = route.url(actors, records) if callable(route.url) else route.url
    data = route.data(actors, records) if callable(route.data) else route.data
    kwargs: dict[str, Any] = dict(route.extra)
    if data is not None:
        kwargs["data"] = data
        if route.json:
            kwargs["content_type"] = "application/json"
    response = getattr(client, route.method)(url, **kwargs)
    expected = route.expected[profile]
    assert response.status_code == expected, (
        f"{profile}: {route.method.upper()} {url} -> {response.status_code}, expected {expected}"
    )
    download = route.name == "api:exchange_attachment_download" and response.status_code == 200
    if url.startswith("/api/v1/") and "docs" not in url and "/export." not in url and not download:
        assert response["Content-Type"].startswith("application/json")
