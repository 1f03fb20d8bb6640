"""Reads of the link analysis: the part of the entity store's graph that an actor may see.

Every node comes from ``visible_to(actor, Entity)`` and every link from
``visible_to(actor, Link)`` (both of its ends visible), so a chart, a centrality, a count
or a path length is always a figure of what the actor sees, never of what is hidden.
Duplicates merged into another record are folded away, as in the entity search.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connection
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from paccto.core.collector import no_gc
from paccto.core.permissions import Actor, ProvenancePolicy, visible_to
from paccto.entities.models import Entity, Link

CHUNK = 900  # ids per IN (...) list: under SQLite's default limit of variables
MAX_NODES = 20_000  # the largest neighbourhood a request may gather
ENTITY_FIELDS = (
    "pk",
    "schema",
    "caption",
    "owner_institution__country_id",
    "source_reliability",
    "information_reliability",
    "special_category",
)
LINK_FIELDS = (
    "pk",
    "source_id",
    "target_id",
    "link_type",
    "start_date",
    "end_date",
    "source_reliability",
    "information_reliability",
)


# Markets read as text and decoded only when not empty: most rows have none, and decoding
# every row's JSON was the largest cost of loading a neighbourhood.
MARKETS = {"markets_text": Cast("criminal_markets", output_field=TextField())}


def markets(row: dict) -> list[str]:
    """The criminal markets of a loaded row."""
    text = row["markets_text"]
    if not text or text == "[]":
        return []
    value = json.loads(text)
    return [str(m) for m in value] if isinstance(value, list) else []


@dataclass(frozen=True)
class GraphFilters:
    """Which links a chart or an analysis follows. Empty means no restriction."""

    link_types: frozenset[str] = frozenset()
    date_from: date | None = None
    date_to: date | None = None
    markets: frozenset[str] = frozenset()
    source_reliability: frozenset[str] = frozenset()
    information_reliability: frozenset[str] = frozenset()

    def link_query(self) -> Q:
        q = Q()
        if self.link_types:
            q &= Q(link_type__in=sorted(self.link_types))
        if self.source_reliability:
            q &= Q(source_reliability__in=sorted(self.source_reliability))
        if self.information_reliability:
            q &= Q(information_reliability__in=sorted(self.information_reliability))
        # A link counts for a period when it overlaps it (open ends reach forever).
        if self.date_from:
            q &= Q(end_date__isnull=True) | Q(end_date__gte=self.date_from)
        if self.date_to:
            q &= Q(start_date__isnull=True) | Q(start_date__lte=self.date_to)
        return q

    def keeps_markets(self, markets: Iterable[str]) -> bool:
        """A link of a market filter: the link itself is stated for one of the markets."""
        return not self.markets or bool(self.markets.intersection(markets or ()))


@dataclass
class Subgraph:
    """Nodes (entity rows as dictionaries) and links (rows) that the actor may see."""

    nodes: dict[int, dict] = field(default_factory=dict)
    links: dict[int, dict] = field(default_factory=dict)

    def edges(self) -> list[tuple[int, int]]:
        return [(link["source_id"], link["target_id"]) for link in self.links.values()]

    def keep(self, node_ids: set[int], link_ids: set[int] | None = None) -> Subgraph:
        links = {
            pk: link
            for pk, link in self.links.items()
            if link["source_id"] in node_ids
            and link["target_id"] in node_ids
            and (link_ids is None or pk in link_ids)
        }
        return Subgraph({pk: n for pk, n in self.nodes.items() if pk in node_ids}, links)


def graph_entities(*, actor: Actor) -> QuerySet[Entity]:
    """The entities the actor may see on a chart (merged duplicates folded away)."""
    return visible_to(actor, Entity).filter(merged_into__isnull=True)


def graph_links(*, actor: Actor, filters: GraphFilters) -> QuerySet[Link]:
    """The links the actor may see (both ends visible and not merged away), filtered: the
    entity store's rule as one query (the reference the chart's loading is tested against)."""
    return (
        visible_to(actor, Link)
        .filter(source__merged_into__isnull=True, target__merged_into__isnull=True)
        .filter(filters.link_query())
    )


def link_statements(*, actor: Actor, filters: GraphFilters) -> QuerySet[Link]:
    """Links whose statement the actor may see: the provenance half of the entity store's
    link policy (``LinkPolicy`` is this policy plus "both ends visible"). The chart applies
    the other half to the rows, against the visible nodes it loads anyway by primary key,
    rather than in SQL, where SQLite would gather every visible entity of the store for
    each query: the same answer, a hundred times sooner on a large store."""
    return ProvenancePolicy().filter(actor, Link.objects.all(), "view").filter(filters.link_query())


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def graph_nodes(*, actor: Actor, entity_ids: Iterable[int], full: bool = True) -> dict[int, dict]:
    """The rows of the given entities that the actor may see; the others are left out
    without a trace. Analytics need no more than the ids (``full=False``)."""
    rows: dict[int, dict] = {}
    for chunk in _chunks(entity_ids):
        if not full:
            pks = graph_entities(actor=actor).filter(pk__in=chunk).values_list("pk", flat=True)
            rows.update((pk, {}) for pk in pks)
            continue
        for row in (
            graph_entities(actor=actor).filter(pk__in=chunk).values(*ENTITY_FIELDS, **MARKETS)
        ):
            rows[row["pk"]] = row
    return rows


def _incident_links(
    actor: Actor,
    node_ids: Iterable[int],
    filters: GraphFilters,
    nodes: dict[int, dict],
    among: set[int] | None = None,
    full: bool = True,
) -> dict[int, dict]:
    """The visible links touching some visible nodes (or, with ``among``, those between
    them). ``nodes`` holds the visible nodes known so far and gains the new ends found.
    Analytics need only the ends of each link (``full=False``)."""
    if not actor.is_authenticated:
        return {}
    candidates: list[dict] = []
    base = link_statements(actor=actor, filters=filters)
    for chunk in _chunks(node_ids):
        query = (
            Q(source_id__in=chunk)
            if among is not None
            else (Q(source_id__in=chunk) | Q(target_id__in=chunk))
        )
        if full:
            rows = base.filter(query).values(*LINK_FIELDS, **MARKETS)
        else:
            extra = [MARKETS["markets_text"]] if filters.markets else []
            rows = (
                {
                    "pk": values[0],
                    "source_id": values[1],
                    "target_id": values[2],
                    "markets_text": values[3] if extra else None,
                }
                for values in base.filter(query).values_list("pk", "source_id", "target_id", *extra)
            )
        for row in rows:
            if among is not None and row["target_id"] not in among:
                continue
            if filters.keeps_markets(markets(row)):
                candidates.append(row)
    unknown = {
        end
        for row in candidates
        for end in (row["source_id"], row["target_id"])
        if end not in nodes
    }
    if unknown and among is None:
        nodes.update(graph_nodes(actor=actor, entity_ids=unknown))
    return {
        row["pk"]: row
        for row in candidates
        if row["source_id"] in nodes and row["target_id"] in nodes
    }


def _column_rows(query: QuerySet, width: int) -> np.ndarray:
    """The rows of a ``values_list`` query of integer columns as an (n, width) array,
    fetched by the database cursor in batches (no model instance, no tuple kept)."""
    try:
        sql, params = query.query.sql_with_params()
    except EmptyResultSet:  # a query that can find nothing (the actor sees none)
        return np.empty((0, width), dtype=np.int64)
    with connection.cursor() as cursor, no_gc():
        cursor.execute(sql, params)
        batches = iter(lambda: cursor.fetchmany(100_000), [])
        values = itertools.chain.from_iterable(itertools.chain.from_iterable(batches))
        return np.fromiter(values, dtype=np.int64).reshape(-1, width)


def graph_arrays(*, actor: Actor, filters: GraphFilters) -> tuple[np.ndarray, np.ndarray]:
    """The whole graph that the actor may see, as arrays: the ids of the visible entities
    and the ends of the visible links (as filtered), one row each. What whole-store
    analytics run on: the rule of ``graph_links`` (a visible statement between two
    visible entities), with the ends checked in numpy rather than by two joins per link
    on a store of millions."""
    if not actor.is_authenticated:
        return np.empty(0, dtype=np.int64), np.empty((0, 2), dtype=np.int64)
    nodes = _column_rows(graph_entities(actor=actor).order_by().values_list("pk"), 1).ravel()
    links = link_statements(actor=actor, filters=filters).order_by()
    if filters.markets:
        rows = links.values_list("source_id", "target_id", *MARKETS.values())
        ends = np.array(
            [
                (source, target)
                for source, target, text in rows.iterator(chunk_size=10_000)
                if filters.keeps_markets(markets({"markets_text": text}))
            ],
            dtype=np.int64,
        ).reshape(-1, 2)
    else:
        ends = _column_rows(links.values_list("source_id", "target_id"), 2)
    visible = np.isin(ends, nodes)
    return nodes, ends[visible[:, 0] & visible[:, 1]]


def graph_between(
    *, actor: Actor, entity_ids: Iterable[int], filters: GraphFilters, full: bool = True
) -> Subgraph:
    """The subgraph induced by some entities: those the actor may see, and the visible
    links (as filtered) between them. What analytics of a chart run on (``full=False``:
    ids only)."""
    nodes = graph_nodes(actor=actor, entity_ids=entity_ids, full=full)
    wanted = set(nodes)
    links = _incident_links(actor, wanted, filters, nodes, among=wanted, full=full)
    return Subgraph(nodes, links)


def graph_expand(
    *,
    actor: Actor,
    entity_ids: Iterable[int],
    filters: GraphFilters,
    depth: int = 1,
    max_nodes: int | None = None,
) -> Subgraph:
    """The given entities that the actor may see and their visible neighbours up to
    ``depth`` links away (breadth first), with the links followed. Too large a
    neighbourhood is refused rather than cut at random."""
    max_nodes = MAX_NODES if max_nodes is None else max_nodes
    graph = Subgraph(graph_nodes(actor=actor, entity_ids=entity_ids))
    frontier = set(graph.nodes)
    for _step in range(depth):
        if not frontier:
            break
        known = dict(graph.nodes)
        found = _incident_links(actor, frontier, filters, known)
        new = set(known) - set(graph.nodes)
        if len(graph.nodes) + len(new) > max_nodes:
            raise ValidationError(
                {
                    "entity_ids": [
                        _(
                            "The neighbourhood is larger than %(max)s entities: "
                            "narrow the filters or expand fewer entities."
                        )
                        % {"max": max_nodes}
                    ]
                }
            )
        graph.links.update(found)
        graph.nodes.update(known)
        frontier = new
    return graph


def graph_for_paths(
    *, actor: Actor, ends: list[int], max_length: int, filters: GraphFilters
) -> Subgraph:
    """Enough of the visible graph to find every path of at most ``max_length`` links
    between the given entities: every node of such a path lies within half of it from one
    of its ends, so balls of that radius around each end hold all of them."""
    radius = (max_length + 1) // 2
    return graph_expand(actor=actor, entity_ids=ends, filters=filters, depth=radius)


def chart_seed_ids(*, actor: Actor, kind: str, pk: int) -> list[int]:
    """Where a chart starts: one entity, the entities linked to a case, or those of a
    JIT's case; each obtained through its own selector (404 for missing or forbidden)."""
    from paccto.cases.selectors import case_entities, case_get, jit_get
    from paccto.entities.selectors import entity_get

    if kind == "entity":
        return [entity_get(actor=actor, pk=pk).pk]
    if kind == "case":
        case = case_get(actor=actor, pk=pk)
        return sorted(case_entities(actor=actor, case=case).values_list("entity_id", flat=True))
    if kind == "jit":
        jit = jit_get(actor=actor, pk=pk)
        if jit.case_id is None:
            return []
        return sorted(
            graph_entities(actor=actor)
            .filter(case_links__case_id=jit.case_id)
            .values_list("pk", flat=True)
        )
    raise ValidationError({"kind": [_("Start from an entity, a case or a JIT.")]})


MAX_ANALYSED = 20_000  # nodes a request may analyse at once
EXACT_LIMIT = 5_000  # above it, betweenness and closeness are estimated from sampled sources
CENTRALITY_SAMPLE = 500
MAX_TIMELINE_LANES = 50


def graph_metrics(*, actor: Actor, entity_ids: Iterable[int], filters: GraphFilters) -> dict:
    """Centralities, k-core and communities of the visible subgraph among some entities;
    on more than ``EXACT_LIMIT`` of them, betweenness and closeness are estimated from
    ``CENTRALITY_SAMPLE`` random sources (the answer says so)."""
    from paccto.analysis.network import Network

    ids = set(entity_ids)
    if len(ids) > MAX_ANALYSED:
        raise ValidationError(
            {"entity_ids": [_("At most %(max)s entities at once.") % {"max": MAX_ANALYSED}]}
        )
    graph = graph_between(actor=actor, entity_ids=ids, filters=filters, full=False)
    network = Network(graph.nodes, graph.edges())
    sample = CENTRALITY_SAMPLE if len(network) > EXACT_LIMIT else None
    return {
        "graph": graph,
        "metrics": network.metrics(sample),
        "edge_count": network.edge_count,
        "sample": sample,
    }


def graph_paths(
    *,
    actor: Actor,
    source: int,
    target: int,
    max_length: int,
    slack: int,
    filters: GraphFilters,
) -> tuple[Subgraph, list[list[int]]]:
    """The shortest paths (and those up to ``slack`` links longer) of at most
    ``max_length`` links between two visible entities, through visible links only."""
    from paccto.analysis.network import Network
    from paccto.entities.selectors import entity_get

    if source == target:
        raise ValidationError({"target": [_("Choose two different entities.")]})
    ends = [entity_get(actor=actor, pk=source).pk, entity_get(actor=actor, pk=target).pk]
    graph = graph_for_paths(actor=actor, ends=ends, max_length=max_length, filters=filters)
    network = Network(graph.nodes, graph.edges())
    paths = [
        path
        for path in network.shortest_paths(source, target, slack=slack)
        if len(path) - 1 <= max_length
    ]
    on_paths = {node for path in paths for node in path}
    return graph.keep(on_paths), paths


def graph_connecting(
    *, actor: Actor, entity_ids: list[int], max_length: int, filters: GraphFilters
) -> Subgraph:
    """The network joining a set of visible entities: every shortest path of at most
    ``max_length`` links between two of them."""
    from paccto.analysis.network import Network

    ends = sorted(graph_nodes(actor=actor, entity_ids=entity_ids))
    if len(ends) < 2:
        raise ValidationError({"entity_ids": [_("Choose at least two entities.")]})
    graph = graph_for_paths(actor=actor, ends=ends, max_length=max_length, filters=filters)
    network = Network(graph.nodes, graph.edges())
    nodes, pairs = network.connecting_network(ends)
    link_ids = {
        pk
        for pk, link in graph.links.items()
        if tuple(sorted((link["source_id"], link["target_id"]))) in pairs
    }
    return graph.keep(nodes | set(ends), link_ids)


def entity_timeline(*, actor: Actor, entity_ids: Iterable[int]) -> tuple[dict[int, str], list]:
    """The events of visible entities from every registered source, oldest first, and the
    lanes (entity id -> caption) in the order asked."""
    from paccto.analysis.timeline import entity_timeline_sources

    wanted = list(dict.fromkeys(entity_ids))[:MAX_TIMELINE_LANES]
    nodes = graph_nodes(actor=actor, entity_ids=wanted)
    lanes = {pk: nodes[pk]["caption"] for pk in wanted if pk in nodes}
    events = [event for source in entity_timeline_sources() for event in source(actor, lanes)]
    events = [event for event in events if event.entity_id in lanes]
    return lanes, sorted(events, key=lambda e: (e.event.at, e.entity_id))
