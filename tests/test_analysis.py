"""The link analysis through its API and pages: what the chart and the analytics show is
what the entity store lets the actor see, and nothing leaks through counts or paths."""

from __future__ import annotations

import pytest

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.entities.services import entity_create, link_create
from tests.cases_factories import make_case, make_jit
from tests.matrix import PermissionMatrix

pytestmark = pytest.mark.django_db
PLATFORM = {"share_scope": "platform"}


@pytest.fixture(autouse=True)
def _english(settings):
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


class Net:
    """A small network. The owner (Colombian police) sees A-B-X-Y-C (A to C in 4 links);
    the Portuguese analyst also sees H, its own owner-only record, and its links B-H-C:
    a shortcut of 3 links that the owner must never learn of. S is the owner's victim
    (special category): shared on the platform, yet seen by the owner only."""

    def __init__(self, actors):
        co, pt = actor_for(actors.owner), actor_for(actors.other_country)

        def person(actor, name, **extra):
            return entity_create(
                actor=actor,
                schema="Person",
                properties={"firstName": name, "lastName": "Test"},
                provenance=extra.pop("provenance", PLATFORM),
                **extra,
            )

        self.a, self.b, self.x, self.y, self.c = (person(co, n) for n in "ABXYC")
        self.s = person(co, "S", flags={"is_victim": True})
        self.h = person(pt, "H", provenance={"share_scope": "owner"})
        for source, target in (
            (self.a, self.b),
            (self.b, self.x),
            (self.x, self.y),
            (self.y, self.c),
        ):
            link_create(
                actor=co, source=source, target=target, link_type="associate", provenance=PLATFORM
            )
        link_create(actor=co, source=self.a, target=self.s, link_type="family", provenance=PLATFORM)
        for source, target in ((self.b, self.h), (self.h, self.c)):
            link_create(
                actor=pt, source=source, target=target, link_type="called", provenance=PLATFORM
            )

    def ids(self, *names):
        return [getattr(self, n).pk for n in names]


@pytest.fixture
def net(actors):
    return Net(actors)


def post(client, user, path, body):
    from tests.factories import verify_session

    client.logout()
    verify_session(client, user)
    return client.post(f"/api/v1/analysis/{path}", body, content_type="application/json")


def messages(response):
    return " ".join(e["message"] for e in response.json()["errors"])


def node_ids(response):
    return {n["id"] for n in response.json()["nodes"]}


def test_expanding_shows_only_visible_neighbours(client, actors, net):
    body = {"entity_ids": net.ids("b"), "justification": "op"}
    owner = post(client, actors.owner, "expand", body)
    assert owner.status_code == 200
    assert node_ids(owner) == set(net.ids("a", "b", "x"))
    portugal = post(client, actors.other_country, "expand", body)
    assert node_ids(portugal) == set(net.ids("a", "b", "x", "h"))
    edges = {(e["source"], e["target"]) for e in portugal.json()["edges"]}
    assert (net.b.pk, net.h.pk) in edges


def test_special_category_person_is_seen_by_its_owner_only(client, actors, net):
    body = {"entity_ids": net.ids("a"), "justification": "op"}
    assert net.s.pk in node_ids(post(client, actors.owner, "expand", body))
    assert net.s.pk not in node_ids(post(client, actors.other_country, "expand", body))


def test_a_hidden_node_is_not_counted_by_the_analytics(client, actors, net):
    body = {"entity_ids": net.ids("a", "b", "x", "y", "c", "h", "s"), "justification": "op"}
    owner = post(client, actors.owner, "metrics", body).json()
    assert owner["node_count"] == 6  # H left out without a trace
    assert owner["edge_count"] == 5
    degree = {n["id"]: n["degree"] for n in owner["nodes"]}
    assert degree[net.b.pk] == 2 and degree[net.c.pk] == 1  # B-H and H-C not counted
    portugal = post(client, actors.other_country, "metrics", body).json()
    assert portugal["node_count"] == 6  # S is hidden from Portugal, H is not
    assert {n["id"]: n["degree"] for n in portugal["nodes"]}[net.b.pk] == 3


def test_large_subgraphs_get_sampled_centralities_and_say_so(client, actors, net, monkeypatch):
    from paccto.analysis import selectors

    body = {"entity_ids": net.ids("a", "b", "x", "y", "c"), "justification": "op"}
    assert post(client, actors.owner, "metrics", body).json()["centrality_sample"] is None
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 3)
    monkeypatch.setattr(selectors, "CENTRALITY_SAMPLE", 2)
    assert post(client, actors.owner, "metrics", body).json()["centrality_sample"] == 2


def test_a_path_length_never_goes_through_a_hidden_node(client, actors, net):
    body = {"source": net.a.pk, "target": net.c.pk, "justification": "op", "max_length": 6}
    owner = post(client, actors.owner, "paths", body).json()
    assert owner["length"] == 4
    assert owner["paths"] == [net.ids("a", "b", "x", "y", "c")]
    assert net.h.pk not in node_ids_of(owner)
    portugal = post(client, actors.other_country, "paths", body).json()
    assert portugal["length"] == 3
    assert portugal["paths"] == [net.ids("a", "b", "h", "c")]


def node_ids_of(data):
    return {n["id"] for n in data["nodes"]}


def test_a_path_to_a_hidden_entity_answers_like_a_missing_one(client, actors, net):
    hidden = post(
        client,
        actors.owner,
        "paths",
        {"source": net.a.pk, "target": net.h.pk, "justification": "op"},
    )
    missing = post(
        client, actors.owner, "paths", {"source": net.a.pk, "target": 10**9, "justification": "op"}
    )
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_all_short_paths_with_slack_and_a_length_limit(client, actors, net):
    base = {"source": net.a.pk, "target": net.c.pk, "justification": "op"}
    short = post(
        client, actors.other_country, "paths", {**base, "slack": 1, "max_length": 4}
    ).json()
    assert short["paths"] == [net.ids("a", "b", "h", "c"), net.ids("a", "b", "x", "y", "c")]
    too_far = post(client, actors.owner, "paths", {**base, "max_length": 3}).json()
    assert too_far["paths"] == [] and too_far["length"] is None


def test_connecting_network_of_a_set(client, actors, net):
    body = {"entity_ids": net.ids("a", "y", "h"), "justification": "op"}
    owner = post(client, actors.owner, "connect", body).json()
    assert node_ids_of(owner) == set(net.ids("a", "b", "x", "y"))


def test_filters_follow_only_the_chosen_relations(client, actors, net):
    body = {
        "entity_ids": net.ids("a"),
        "justification": "op",
        "filters": {"link_types": ["family"]},
    }
    assert node_ids(post(client, actors.owner, "expand", body)) == set(net.ids("a", "s"))
    dated = {"entity_ids": net.ids("a"), "justification": "op", "filters": {"markets": ["drugs"]}}
    assert node_ids(post(client, actors.owner, "expand", dated)) == set(net.ids("a"))
    analysed = post(client, actors.owner, "metrics", {**dated, "entity_ids": net.ids("a", "b")})
    assert analysed.json()["edge_count"] == 0  # no link of that market between them
    family = {**body, "entity_ids": net.ids("a", "b", "s")}
    assert post(client, actors.owner, "metrics", family).json()["edge_count"] == 1


def test_bad_input_is_refused_with_a_clear_error(client, actors, net):
    no_reason = post(client, actors.owner, "expand", {"entity_ids": net.ids("a")})
    assert no_reason.status_code == 422
    bad_type = post(
        client,
        actors.owner,
        "expand",
        {"entity_ids": net.ids("a"), "justification": "x", "filters": {"link_types": ["knows"]}},
    )
    assert bad_type.status_code == 422
    period = {"date_from": "2026-05-01", "date_to": "2026-01-01"}
    backwards = post(
        client,
        actors.owner,
        "expand",
        {"entity_ids": net.ids("a"), "justification": "x", "filters": period},
    )
    assert backwards.status_code == 422 and "end comes before the start" in messages(backwards)
    same = post(
        client,
        actors.owner,
        "paths",
        {"source": net.a.pk, "target": net.a.pk, "justification": "x"},
    )
    assert same.status_code == 422 and "two different" in messages(same)


@pytest.mark.parametrize("route", ["expand", "metrics", "timeline", "connect"])
def test_ids_beyond_what_a_database_stores_are_refused_clearly(client, actors, net, route):
    """An id over 64 bits in a list was a database error (500 on SQLite)."""
    body = {"entity_ids": [net.a.pk, 2**63, 10**20], "justification": "op"}
    response = post(client, actors.owner, route, body)
    assert response.status_code == 422


def test_timeline_page_refuses_ids_beyond_what_a_database_stores(client, actors, net):
    from tests.factories import verify_session

    verify_session(client, actors.owner)
    response = client.get(f"/analysis/timeline/?justification=op&entity={10**20}")
    assert response.status_code == 400


def test_too_large_a_neighbourhood_is_refused(client, actors, net, monkeypatch):
    from paccto.analysis import selectors

    monkeypatch.setattr(selectors, "MAX_NODES", 2)
    response = post(
        client, actors.owner, "expand", {"entity_ids": net.ids("b"), "justification": "x"}
    )
    assert response.status_code == 422
    assert "larger than 2 entities" in messages(response)


def test_every_analysis_is_audited_with_its_justification(client, actors, net):
    before = AuditEntry.objects.count()
    post(
        client,
        actors.owner,
        "metrics",
        {"entity_ids": net.ids("a", "b", "h"), "justification": "Op. Marea"},
    )
    entry = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == "combine" and entry.justification == "Op. Marea"
    assert entry.details["ids"] == net.ids("a", "b")  # only what was shown


def test_a_chart_starts_from_a_case_or_a_jit(client, actors, net):
    from paccto.cases.services import case_link_entity

    case = make_case(actors.owner)
    case_link_entity(actor=actor_for(actors.owner), case=case, entity=net.a, justification="x")
    from_case = post(
        client, actors.owner, "start", {"kind": "case", "id": case.pk, "justification": "x"}
    )
    assert node_ids(from_case) == set(net.ids("a", "b", "s"))
    jit = make_jit(actors.owner, actors.other_country, case=case)
    from_jit = post(
        client, actors.other_country, "start", {"kind": "jit", "id": jit.pk, "justification": "x"}
    )
    assert from_jit.status_code == 200
    # Portugal's member sees the case's records it may see, never the owner's victim.
    assert net.a.pk in node_ids(from_jit) and net.s.pk not in node_ids(from_jit)
    outsider = post(
        client,
        actors.other_institution,
        "start",
        {"kind": "jit", "id": jit.pk, "justification": "x"},
    )
    assert outsider.status_code == 404


def test_timeline_page_has_a_lane_per_visible_entity(client, actors, net):
    from tests.factories import verify_session

    verify_session(client, actors.owner)
    ids = "&".join(f"entity={pk}" for pk in net.ids("a", "h", "b"))
    url = f"/analysis/timeline/?justification=op&{ids}"
    response = client.get(url)
    assert response.status_code == 200
    lanes = [lane["entity_id"] for lane in response.context["lanes"]]
    assert lanes == [net.a.pk, net.b.pk]
    assert "H Test" not in response.content.decode()
    titles = [e.event.title for e in response.context["events"]]
    assert "Recorded" in titles


def test_timeline_without_justification_asks_for_one(client, actors, net):
    from tests.factories import verify_session

    verify_session(client, actors.owner)
    response = client.get(f"/analysis/timeline/?entity={net.a.pk}")
    assert response.status_code == 400
    assert "justification" in response.content.decode().lower()


class TestChartPageForAnalysts(PermissionMatrix):
    matrix = {
        "anonymous": 302,
        "owner": 200,
        "other_country": 200,
        "other_institution": 200,
        "colleague_no_role": 403,
        "co_admin": 403,
        "co_dpo": 403,
    }

    def request(self, client, actors):
        return "/analysis/?kind=entity&id=1&justification=x", {}


class TestExpandingAnotherCountrysOwnerOnlyRecord(PermissionMatrix):
    api = True
    method = "post"
    matrix = {
        "anonymous": 401,
        "owner": 200,
        "other_country": 200,
        "other_institution": 200,
        "colleague_no_role": 403,
        "platform_admin": 403,
    }

    def prepare(self, actors):
        self.net = Net(actors)

    def request(self, client, actors):
        return "/api/v1/analysis/start", {
            "data": {"kind": "entity", "id": self.net.b.pk, "justification": "x"},
            "content_type": "application/json",
        }


class TestStartingFromAHiddenRecordAnswersNotFound(PermissionMatrix):
    api = True
    method = "post"
    matrix = {"owner": 404, "other_institution": 404, "other_country": 200}

    def prepare(self, actors):
        self.net = Net(actors)

    def request(self, client, actors):
        return "/api/v1/analysis/start", {
            "data": {"kind": "entity", "id": self.net.h.pk, "justification": "x"},
            "content_type": "application/json",
        }


@pytest.mark.parametrize("profile", ["owner", "other_country", "other_institution", "co_admin"])
def test_the_charts_loading_equals_the_entity_stores_link_rule(actors, net, profile):
    """The chart checks "both ends visible" on the rows rather than in SQL: it must find
    exactly the links that ``visible_to(actor, Link)`` gives, for every actor."""
    from paccto.analysis.selectors import GraphFilters, graph_between, graph_expand, graph_links
    from paccto.entities.models import Entity

    actor = actor_for(actors.get(profile))
    every = list(Entity.objects.values_list("pk", flat=True))
    reference = set(graph_links(actor=actor, filters=GraphFilters()).values_list("pk", flat=True))
    assert set(graph_between(actor=actor, entity_ids=every, filters=GraphFilters()).links) == (
        reference
    )
    expanded = graph_expand(actor=actor, entity_ids=every, filters=GraphFilters())
    assert set(expanded.links) == reference


@pytest.mark.parametrize("profile", ["owner", "other_country", "other_institution", "co_admin"])
@pytest.mark.parametrize("link_types", [frozenset(), frozenset({"associate"})])
def test_the_whole_graphs_arrays_equal_the_entity_stores_rules(actors, net, profile, link_types):
    """Whole-store analytics read the graph as arrays, with the ends checked in numpy: the
    same entities as ``graph_entities`` and the same links as ``graph_links``."""
    from paccto.analysis.selectors import GraphFilters, graph_arrays, graph_entities, graph_links

    actor = actor_for(actors.get(profile))
    filters = GraphFilters(link_types=link_types)
    nodes, ends = graph_arrays(actor=actor, filters=filters)
    assert sorted(nodes.tolist()) == sorted(
        graph_entities(actor=actor).values_list("pk", flat=True)
    )
    reference = graph_links(actor=actor, filters=filters).values_list("source_id", "target_id")
    assert sorted(map(tuple, ends.tolist())) == sorted(reference)
    if profile == "owner":
        assert net.h.pk not in nodes.tolist() and net.s.pk in nodes.tolist()


def test_the_demo_network_gives_the_demo_case_a_chart(client, db, settings):
    import io

    settings.DEMO = True
    from django.core.management import call_command

    from paccto.accounts.models import User
    from paccto.cases.models import Case
    from paccto.core.demo import DEMO_CASE_REFERENCE, DEMO_NETWORK_SOURCE
    from paccto.entities.models import Entity

    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo network of 19 entities" in out.getvalue()
    call_command("seed_demo", stdout=io.StringIO())  # a second run adds nothing
    assert Entity.objects.filter(source_ref=DEMO_NETWORK_SOURCE).count() == 19
    case = Case.objects.get(reference=DEMO_CASE_REFERENCE)
    investigator = User.objects.get(username="co.investigator")
    body = {"kind": "case", "id": case.pk, "justification": "demo"}
    chart = post(client, investigator, "start", body).json()
    assert len(chart["nodes"]) >= 8 and len(chart["edges"]) >= 7
    metrics = post(
        client,
        investigator,
        "metrics",
        {"entity_ids": sorted(node_ids_of(chart)), "justification": "demo"},
    ).json()
    assert metrics["community_count"] >= 1


def test_entity_case_and_jit_pages_open_their_chart(client, actors, net):
    from paccto.cases.services import case_link_entity
    from tests.factories import verify_session

    case = make_case(actors.owner)
    case_link_entity(actor=actor_for(actors.owner), case=case, entity=net.a, justification="x")
    jit = make_jit(actors.owner, actors.other_country, case=case)
    verify_session(client, actors.owner)
    pages = {
        f"/entities/{net.a.pk}/?justification=op": f"kind=entity&amp;id={net.a.pk}&amp;",
        f"/cases/{case.pk}/": f"kind=case&amp;id={case.pk}&amp;",
        f"/cases/jits/{jit.pk}/": f"kind=jit&amp;id={jit.pk}&amp;",
    }
    for url, chart in pages.items():
        assert f"/analysis/?{chart}justification=" in client.get(url).content.decode(), url
