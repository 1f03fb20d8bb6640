"""The link analysis in the API (``/api/v1/analysis/``). Every call states why it consults
personal data, is audited, and answers only with what the caller may see."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router

from paccto.analysis import selectors, services
from paccto.analysis.permissions import can_analyse
from paccto.analysis.schemas import (
    ConnectIn,
    ExpandIn,
    GraphOut,
    MetricsIn,
    MetricsOut,
    PathsIn,
    PathsOut,
    StartIn,
    TimelineIn,
    TimelineOut,
    graph_out,
)
from paccto.core.permissions import Actor, actor_for

router = Router(tags=["analysis"])


def _analyst(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    if not can_analyse(actor):
        raise PermissionDenied
    return actor


@router.post("/analysis/start", response=GraphOut, by_alias=True)
def chart_start(request: HttpRequest, body: StartIn):
    """The first entities of a chart (an entity, a case's, a JIT's) and their neighbours."""
    actor = _analyst(request)
    seeds = selectors.chart_seed_ids(actor=actor, kind=body.kind, pk=body.id)
    graph = selectors.graph_expand(actor=actor, entity_ids=seeds, filters=body.filters.to_filters())
    services.analysis_record(
        actor=actor,
        operation="chart",
        entity_ids=graph.nodes,
        justification=body.justification,
        details={"start": {"kind": body.kind, "id": body.id}},
    )
    return graph_out(graph)


@router.post("/analysis/expand", response=GraphOut, by_alias=True)
def chart_expand(request: HttpRequest, body: ExpandIn):
    """The visible neighbours of some entities, up to ``depth`` links away."""
    actor = _analyst(request)
    graph = selectors.graph_expand(
        actor=actor,
        entity_ids=body.entity_ids,
        filters=body.filters.to_filters(),
        depth=body.depth,
    )
    services.analysis_record(
        actor=actor, operation="chart", entity_ids=graph.nodes, justification=body.justification
    )
    return graph_out(graph)


@router.post("/analysis/metrics", response=MetricsOut)
def chart_metrics(request: HttpRequest, body: MetricsIn):
    """Degree, betweenness, closeness, eigenvector, PageRank, k-core and Leiden communities
    of the visible subgraph among the given entities."""
    actor = _analyst(request)
    result = selectors.graph_metrics(
        actor=actor, entity_ids=body.entity_ids, filters=body.filters.to_filters()
    )
    metrics = result["metrics"]
    services.analysis_record(
        actor=actor,
        operation="metrics",
        entity_ids=result["graph"].nodes,
        justification=body.justification,
    )
    return {
        "node_count": len(metrics),
        "edge_count": result["edge_count"],
        "community_count": len({m.community for m in metrics}),
        "centrality_sample": result["sample"],
        "nodes": [
            {"id": m.node, **{k: v for k, v in vars(m).items() if k != "node"}} for m in metrics
        ],
    }


@router.post("/analysis/paths", response=PathsOut, by_alias=True)
def chart_paths(request: HttpRequest, body: PathsIn):
    """Shortest paths between two entities (and paths up to ``slack`` links longer)."""
    actor = _analyst(request)
    graph, paths = selectors.graph_paths(
        actor=actor,
        source=body.source,
        target=body.target,
        max_length=body.max_length,
        slack=body.slack,
        filters=body.filters.to_filters(),
    )
    services.analysis_record(
        actor=actor,
        operation="paths",
        entity_ids=graph.nodes,
        justification=body.justification,
        details={"source": body.source, "target": body.target},
    )
    return {**graph_out(graph), "paths": paths, "length": len(paths[0]) - 1 if paths else None}


@router.post("/analysis/connect", response=GraphOut, by_alias=True)
def chart_connect(request: HttpRequest, body: ConnectIn):
    """The network connecting a set of entities (shortest paths between every pair)."""
    actor = _analyst(request)
    graph = selectors.graph_connecting(
        actor=actor,
        entity_ids=body.entity_ids,
        max_length=body.max_length,
        filters=body.filters.to_filters(),
    )
    services.analysis_record(
        actor=actor, operation="connect", entity_ids=graph.nodes, justification=body.justification
    )
    return graph_out(graph)


@router.post("/analysis/timeline", response=TimelineOut)
def chart_timeline(request: HttpRequest, body: TimelineIn):
    """Events of entities, cases and messages, one lane per entity."""
    actor = _analyst(request)
    lanes, events = selectors.entity_timeline(actor=actor, entity_ids=body.entity_ids)
    services.analysis_record(
        actor=actor, operation="timeline", entity_ids=lanes, justification=body.justification
    )
    return {
        "lanes": [{"entity_id": pk, "caption": caption} for pk, caption in lanes.items()],
        "events": [
            {
                "entity_id": e.entity_id,
                "at": e.event.at,
                "lane": e.event.lane,
                "title": e.event.title,
                "detail": e.event.detail,
                "who": e.event.who,
                "url": e.event.url,
            }
            for e in events
        ],
    }
