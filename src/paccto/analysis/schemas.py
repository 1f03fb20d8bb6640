"""The link analysis in the API: what a chart asks for and what it gets back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from paccto.analysis.selectors import GraphFilters, Subgraph, markets
from paccto.core.schemas import Id
from paccto.entities.choices import LinkType
from paccto.entities.schemas import Markets

LinkTypeName = Literal[tuple(LinkType.values)]  # type: ignore[valid-type]
Ids = list[Id]


class FiltersIn(Schema):
    link_types: list[LinkTypeName] = Field(default_factory=list, max_length=20)
    date_from: date | None = None
    date_to: date | None = None
    markets: list[Markets] = Field(default_factory=list, max_length=9)
    source_reliability: list[Literal["A", "B", "C", "X"]] = Field(
        default_factory=list, max_length=4
    )
    information_reliability: list[Literal["1", "2", "3", "4"]] = Field(
        default_factory=list, max_length=4
    )

    def to_filters(self) -> GraphFilters:
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValidationError({"date_to": [_("The end comes before the start.")]})
        return GraphFilters(
            link_types=frozenset(self.link_types),
            date_from=self.date_from,
            date_to=self.date_to,
            markets=frozenset(self.markets),
            source_reliability=frozenset(self.source_reliability),
            information_reliability=frozenset(self.information_reliability),
        )


class Justified(Schema):
    justification: str = Field(..., min_length=1, max_length=500)
    filters: FiltersIn = Field(default_factory=FiltersIn)


class StartIn(Justified):
    kind: Literal["entity", "case", "jit"]
    id: int = Field(..., ge=1, le=2**62)


class ExpandIn(Justified):
    entity_ids: Ids = Field(..., min_length=1, max_length=2000)
    depth: int = Field(1, ge=1, le=3)


class MetricsIn(Justified):
    entity_ids: Ids = Field(..., min_length=1, max_length=20_000)


class PathsIn(Justified):
    source: int = Field(..., ge=1, le=2**62)
    target: int = Field(..., ge=1, le=2**62)
    max_length: int = Field(4, ge=1, le=6)
    slack: int = Field(0, ge=0, le=2)


class ConnectIn(Justified):
    entity_ids: Ids = Field(..., min_length=2, max_length=50)
    max_length: int = Field(4, ge=1, le=6)


class TimelineIn(Schema):
    justification: str = Field(..., min_length=1, max_length=500)
    entity_ids: Ids = Field(..., min_length=1, max_length=50)


class NodeOut(Schema):
    id: int
    schema_name: str = Field(..., alias="schema")
    caption: str
    country: str
    criminal_markets: list[str]
    grade: str


class EdgeOut(Schema):
    id: int
    source: int
    target: int
    link_type: str
    label: str
    start_date: date | None
    end_date: date | None
    criminal_markets: list[str]
    grade: str


class GraphOut(Schema):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class NodeMetricsOut(Schema):
    id: int
    degree: int
    betweenness: float
    closeness: float
    eigenvector: float
    pagerank: float
    coreness: int
    community: int


class MetricsOut(Schema):
    node_count: int
    edge_count: int
    community_count: int
    centrality_sample: int | None = None  # betweenness and closeness estimated from these
    nodes: list[NodeMetricsOut]


class PathsOut(GraphOut):
    paths: list[list[int]]
    length: int | None


class TimelineLaneOut(Schema):
    entity_id: int
    caption: str


class TimelineEventOut(Schema):
    entity_id: int
    at: datetime
    lane: str
    title: str
    detail: str
    who: str
    url: str


class TimelineOut(Schema):
    lanes: list[TimelineLaneOut]
    events: list[TimelineEventOut]


def graph_out(graph: Subgraph) -> dict:
    """A subgraph as the chart draws it (Cytoscape's nodes and edges)."""
    labels = dict(LinkType.choices)
    return {
        "nodes": [
            {
                "id": pk,
                "schema": row["schema"],
                "caption": row["caption"],
                "country": row["owner_institution__country_id"] or "",
                "criminal_markets": markets(row),
                "grade": f"{row['source_reliability']}{row['information_reliability']}",
            }
            for pk, row in sorted(graph.nodes.items())
        ],
        "edges": [
            {
                "id": pk,
                "source": row["source_id"],
                "target": row["target_id"],
                "link_type": row["link_type"],
                "label": str(labels.get(row["link_type"], row["link_type"])),
                "start_date": row["start_date"],
                "end_date": row["end_date"],
                "criminal_markets": markets(row),
                "grade": f"{row['source_reliability']}{row['information_reliability']}",
            }
            for pk, row in sorted(graph.links.items())
        ],
    }
