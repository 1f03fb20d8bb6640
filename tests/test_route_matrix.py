"""Every route of the platform, page and API, under the permission matrix.

One row per route: how to call it and what each actor must get. A route added without a row
here fails ``test_every_route_is_in_the_matrix``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from paccto.accounts import services
from paccto.audit.services import audit_record
from paccto.core.models import Institution
from paccto.core.permissions import actor_for
from paccto.entities.models import ImportBatch
from tests.analysis_routes import analysis_routes
from tests.cases_routes import (
    CASE_MESSAGE_KEYS,
    CASE_RECORD_KEYS,
    case_message_records,
    case_records,
    case_routes,
)
from tests.exchange_routes import EXCHANGE_RECORD_KEYS, exchange_records, exchange_routes
from tests.factories import first_institution, verify_session
from tests.judicial_routes import JUDICIAL_RECORD_KEYS, judicial_records, judicial_routes
from tests.matrix import each_actor_in_a_savepoint
from tests.policy_routes import POLICY_RECORD_KEYS, policy_records_for, policy_routes
from tests.prisons_routes import PRISON_RECORD_KEYS, prison_records, prisons_routes
from tests.protection_routes import PROTECTION_RECORD_KEYS, protection_records, protection_routes

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
ROUTES += case_routes(Route, expect)
ROUTES += protection_routes(Route, expect)
ROUTES += exchange_routes(Route, expect)
ROUTES += judicial_routes(Route, expect)
ROUTES += prisons_routes(Route, expect)
ROUTES += analysis_routes(Route, expect)
ROUTES += policy_routes(Route, expect)
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


class Records(dict):
    """The records the routes use. Costly groups of them (a case with a team and evidence, a
    protection order) are made only for the routes that ask for one of their keys."""

    def __init__(self, records: dict, lazy: dict[tuple[str, ...], Any]) -> None:
        super().__init__(records)
        self._lazy = dict(lazy)

    def __missing__(self, key):
        for keys, build in list(self._lazy.items()):
            if key in keys:
                del self._lazy[keys]
                self.update(build(self))
                return self[key]
        raise KeyError(key)


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
    base = {
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
    return Records(
        base,
        {
            CASE_RECORD_KEYS: lambda r: case_records(actors, r["entity"], r["organisation"]),
            PROTECTION_RECORD_KEYS: lambda r: protection_records(),
            EXCHANGE_RECORD_KEYS: lambda r: exchange_records(actors),
            JUDICIAL_RECORD_KEYS: lambda r: judicial_records(actors),
            CASE_MESSAGE_KEYS: lambda r: case_message_records(actors, r),
            PRISON_RECORD_KEYS: lambda r: prison_records(actors),
            POLICY_RECORD_KEYS: lambda r: policy_records_for(actors),
        },
    )


def _call(route: Route, profile: str, actors, url: str, data: Any) -> str | None:
    """One actor's request; the reason it is wrong, or None."""
    client = Client()
    user = actors.get(profile)
    if user is not None:
        verify_session(client, user)
    kwargs: dict[str, Any] = dict(route.extra)
    if data is not None:
        kwargs["data"] = data
        if route.json:
            kwargs["content_type"] = "application/json"
    response = getattr(client, route.method)(url, **kwargs)
    expected = route.expected[profile]
    if response.status_code != expected:
        status = response.status_code
        return f"{profile}: {route.method.upper()} {url} -> {status}, expected {expected}"
    downloads = ("api:exchange_attachment_download", "api:judicial_attachment_download")
    download = route.name in downloads and response.status_code == 200
    is_file = "/export." in url or "/files/" in url or download
    json_expected = url.startswith("/api/v1/") and "docs" not in url and not is_file
    if json_expected and not response["Content-Type"].startswith("application/json"):
        return f"{profile}: {url} answered {response['Content-Type']}, not JSON"
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_route(actors, records, route):
    """Every actor calls the route on the same records. Each call runs in a savepoint rolled
    back afterwards, so a write by one actor (a revoked token, a disabled user) never changes
    what the next one meets, and the records are made once per route, not once per actor."""
    url = route.url(actors, records) if callable(route.url) else route.url

    def data(profile: str) -> Any:
        # Made anew for each actor (an uploaded file is read by the first request), before
        # the savepoint: records it builds stay for the next actors.
        return route.data(actors, records) if callable(route.data) else route.data

    wrong = each_actor_in_a_savepoint(
        PROFILES, lambda profile, made: _call(route, profile, actors, url, made), data
    )
    assert not wrong, "\n".join(wrong)
