"""Network analytics on a graph of entities and links, with igraph (C core).

Pure: no Django. The caller builds the graph from what the actor may see, so every figure
here is a figure of that subgraph only. Links are treated as undirected (who called whom
matters less to centrality than that they are connected); parallel links between the same
pair count once.
"""

from __future__ import annotations

import itertools
import math
import os
import pickle
import random
import signal
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import igraph as ig
import numpy as np

from paccto.core.collector import no_gc

# From this many links, PageRank runs beside Leiden in a forked process (two cores).
PARALLEL_LINKS = 500_000
METRICS = ("degree", "betweenness", "closeness", "eigenvector", "pagerank", "coreness")


class _Forked:
    """A function run in a forked child process while the parent goes on; ``result()``
    waits for its value. The child shares the parent's memory (the graph is not copied),
    touches no file or connection of the parent's and leaves with ``os._exit``. igraph
    keeps Python's lock while it computes, so a thread would not run side by side."""

    def __init__(self, function: Callable[[], object]) -> None:
        self.read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child's coverage is not collected
            _child(function, self.read, write)
        os.close(write)

    def result(self) -> object:
        with os.fdopen(self.read, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(self.pid, 0)
        if not payload:
            raise RuntimeError("the child process ended without an answer")
        ok, value = pickle.loads(payload)  # noqa: S301 - our own child's bytes
        if not ok:
            raise RuntimeError(f"the child process failed: {value}")
        return value


def _child(function: Callable[[], object], read: int, write: int) -> None:
    """The forked child's whole life: whatever happens (even its answer failing to be
    written), it leaves with ``os._exit`` and never returns into the parent's code (a copy
    of a worker going on with the worker's tasks)."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        os.close(read)
        try:
            payload = pickle.dumps((True, function()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # reported to the parent
            payload = pickle.dumps((False, repr(error)))
        with os.fdopen(write, "wb") as out:
            out.write(payload)
        code = 0
    finally:
        os._exit(code)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (``np.unique`` of numpy 2.4 takes seconds on millions)."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


@dataclass(frozen=True)
class NodeMetrics:
    """The figures of one node: centralities (betweenness and closeness normalised to
    [0, 1], eigenvector scaled so that the highest is 1), k-core and community."""

    node: int
    degree: int
    betweenness: float
    closeness: float
    eigenvector: float
    pagerank: float
    coreness: int
    community: int


class Network:
    """An undirected simple graph over external node ids (entity primary keys)."""

    def __init__(self, nodes: Iterable[int], edges: Iterable[tuple[int, int]]) -> None:
        node_array = np.fromiter(nodes, dtype=np.int64)
        edge_array = np.array(list(edges), dtype=np.int64).reshape(-1, 2)
        self._build(node_array, edge_array)

    @classmethod
    def from_arrays(cls, nodes: np.ndarray, edges: np.ndarray) -> Network:
        """A network over an array of node ids and an (m, 2) array of links between them:
        the whole store's graph (a million nodes, five million links) without a Python
        tuple per link."""
        network = cls.__new__(cls)
        network._build(np.asarray(nodes, dtype=np.int64), np.asarray(edges, dtype=np.int64))
        return network

    def _build(self, nodes: np.ndarray, edges: np.ndarray) -> None:
        """Links with an end outside the nodes and loops are dropped, parallel links (in
        either direction) kept once, all in numpy; igraph gets the links sorted, which it
        indexes about twice as fast as links in random order."""
        ids = _sorted_unique(nodes)
        n = len(ids)
        self.ids: list[int] = ids.tolist()
        self.index: dict[int, int] = dict(zip(self.ids, range(n), strict=True))
        if n == 0 or len(edges) == 0:
            self.graph = ig.Graph(n=n, directed=False)
            return
        ends = np.searchsorted(ids, edges)
        found = ids[np.minimum(ends, n - 1)] == edges
        keep = found[:, 0] & found[:, 1] & (ends[:, 0] != ends[:, 1])
        low = np.minimum(ends[keep, 0], ends[keep, 1])
        high = np.maximum(ends[keep, 0], ends[keep, 1])
        pairs = _sorted_unique(low * n + high)
        low, high = np.divmod(pairs, n)
        with no_gc():  # millions of pairs, none of them garbage
            edge_list = list(zip(low.tolist(), high.tolist(), strict=True))
            self.graph = ig.Graph(n=n, edges=edge_list, directed=False)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def edge_count(self) -> int:
        return int(self.graph.ecount())

    def degree(self) -> dict[int, int]:
        return dict(zip(self.ids, self.graph.degree(), strict=True))

    def betweenness(self, sample: int | None = None, seed: int = 42) -> dict[int, float]:
        """Betweenness normalised by the (n-1)(n-2)/2 pairs, as networkx does. Exact, or
        with ``sample`` sources drawn at random (Brandes and Pich's estimator: the shortest
        paths from those sources only, scaled by n / sample), when exact costs too much."""
        n = len(self.ids)
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        if sample is None or sample >= n:
            values = self.graph.betweenness(directed=False)
        else:
            sources = random.Random(seed).sample(range(n), sample)
            partial = self.graph.betweenness(directed=False, sources=sources)
            values = [v * n / sample for v in partial]
        return {node: v * scale for node, v in zip(self.ids, values, strict=True)}

    def closeness(self, sample: int | None = None, seed: int = 42) -> dict[int, float]:
        """Closeness within each node's component, scaled by the component's share of the
        graph (Wasserman-Faust, as networkx): isolated nodes get 0. Exact, or with the mean
        distance estimated from ``sample`` random sources (Eppstein and Wang)."""
        n = len(self.ids)
        membership = self.graph.connected_components().membership
        counts: dict[int, int] = {}
        for component in membership:
            counts[component] = counts.get(component, 0) + 1
        if sample is None or sample >= n:
            values = [
                None if v is None or math.isnan(v) else float(v)
                for v in self.graph.closeness(normalized=True)
            ]
        else:
            sources = random.Random(seed).sample(range(n), sample)
            with no_gc():  # a row of distances per source: millions of floats
                rows = np.array(self.graph.distances(source=sources), dtype=float)
            reached = np.isfinite(rows) & (rows > 0)
            found = reached.sum(axis=0)
            total = np.where(reached, rows, 0.0).sum(axis=0)
            values = [
                float(count / length) if count else None
                for count, length in zip(found.tolist(), total.tolist(), strict=True)
            ]
        out: dict[int, float] = {}
        for i, node in enumerate(self.ids):
            value = values[i]
            reach = counts[membership[i]] - 1
            if value is None or reach == 0 or n < 2:
                out[node] = 0.0
            else:
                out[node] = value * reach / (n - 1)
        return out

    def eigenvector(self) -> dict[int, float]:
        if self.graph.ecount() == 0:
            return dict.fromkeys(self.ids, 0.0)
        with warnings.catch_warnings():
            # igraph warns on disconnected graphs; the figures stay per component.
            warnings.simplefilter("ignore", RuntimeWarning)
            values = self.graph.eigenvector_centrality()
        return {node: max(0.0, float(v)) for node, v in zip(self.ids, values, strict=True)}

    def pagerank(self, damping: float = 0.85) -> dict[int, float]:
        # PRPACK (igraph's default): three to five times faster than ARPACK here, on a
        # neighbourhood of 10,000 nodes as on the whole store's million.
        values = self.graph.pagerank(directed=False, damping=damping)
        return {node: float(v) for node, v in zip(self.ids, values, strict=True)}

    def coreness(self) -> dict[int, int]:
        """The k-core each node belongs to (the largest k with the node in the k-core)."""
        return dict(zip(self.ids, self.graph.coreness(), strict=True))

    def communities(self, seed: int = 42) -> dict[int, int]:
        """Leiden communities (modularity, igraph's own implementation: as good as the
        leidenalg package here and twenty times faster), numbered by size, largest first;
        a fixed seed keeps the colours of a chart stable between runs."""
        return self._numbered(self._leiden(seed))

    def _leiden(self, seed: int) -> list[int]:
        """Each node's Leiden community, as igraph numbers them."""
        if self.graph.vcount() == 0:
            return []
        ig.set_random_number_generator(random.Random(seed))
        try:
            clusters = self.graph.community_leiden(objective_function="modularity")
        finally:
            ig.set_random_number_generator(random)
        return list(clusters.membership)

    def _numbered(self, membership: list[int]) -> dict[int, int]:
        """Communities renumbered by size, largest first (ties: the lowest node first)."""
        members: dict[int, list[int]] = {}
        for vertex, community in enumerate(membership):
            members.setdefault(community, []).append(vertex)
        order = sorted(members, key=lambda c: (-len(members[c]), members[c][0]))
        renumber = {old: new for new, old in enumerate(order)}
        return {self.ids[i]: renumber[c] for i, c in enumerate(membership)}

    def rank_and_communities(
        self, damping: float = 0.85, seed: int = 42, parallel_from: int = PARALLEL_LINKS
    ) -> tuple[dict[int, float], dict[int, int]]:
        """PageRank and Leiden communities: on a graph of ``parallel_from`` links or more,
        side by side, Leiden in a forked process (the same figures as one after the other).
        Leiden is the one forked because it runs no OpenMP: a child forked from a process
        whose OpenMP threads have run (PageRank's PRPACK) hangs at its first parallel loop."""
        if self.graph.ecount() < parallel_from or not hasattr(os, "fork"):
            return self.pagerank(damping), self.communities(seed)
        child = _Forked(lambda: self._leiden(seed))
        try:
            rank = self.pagerank(damping)
        finally:
            membership = child.result()
        assert isinstance(membership, list)
        return rank, self._numbered(membership)

    def metrics(self, sample: int | None = None) -> list[NodeMetrics]:
        """Every figure of every node (betweenness and closeness estimated from ``sample``
        sources when given)."""
        degree = self.degree()
        betweenness, closeness = self.betweenness(sample), self.closeness(sample)
        eigen, core = self.eigenvector(), self.coreness()
        rank, community = self.rank_and_communities()
        return [
            NodeMetrics(
                node=node,
                degree=degree[node],
                betweenness=betweenness[node],
                closeness=closeness[node],
                eigenvector=eigen[node],
                pagerank=rank[node],
                coreness=core[node],
                community=community[node],
            )
            for node in self.ids
        ]

    def shortest_paths(
        self, source: int, target: int, slack: int = 0, limit: int = 50
    ) -> list[list[int]]:
        """Every shortest path between two nodes, plus (``slack`` > 0) the simple paths up
        to ``slack`` links longer, shortest first, at most ``limit``. None if unconnected."""
        if source not in self.index or target not in self.index or source == target:
            return []
        s, t = self.index[source], self.index[target]
        shortest = self.graph.get_all_shortest_paths(s, to=t)
        if not shortest:
            return []
        length = len(shortest[0]) - 1
        paths = {tuple(p) for p in shortest}
        if slack > 0:
            # Only nodes on some walk short enough can be on such a path: search there.
            reach = length + slack
            from_s = self.graph.distances(source=[s])[0]
            from_t = self.graph.distances(source=[t])[0]
            keep = [v for v in range(len(self.ids)) if from_s[v] + from_t[v] <= reach]
            sub = self.graph.induced_subgraph(keep)
            local = {v: k for k, v in enumerate(keep)}
            found = sub.get_all_simple_paths(
                local[s], to=local[t], maxlen=reach, max_results=limit * 4
            )
            paths.update(tuple(keep[k] for k in path) for path in found)
        ordered = sorted(paths, key=lambda p: (len(p), [self.ids[i] for i in p]))[:limit]
        return [[self.ids[i] for i in path] for path in ordered]

    def connecting_network(self, nodes: Iterable[int]) -> tuple[set[int], set[tuple[int, int]]]:
        """The nodes and links of the shortest paths joining every pair of the given
        nodes (those in the graph): how a set of people and objects hangs together."""
        wanted = sorted({self.index[n] for n in nodes if n in self.index})
        keep_nodes: set[int] = {self.ids[i] for i in wanted}
        keep_edges: set[tuple[int, int]] = set()
        for k, s in enumerate(wanted):
            targets = wanted[k + 1 :]
            if not targets:
                continue
            for t in targets:
                for path in self.graph.get_all_shortest_paths(s, to=t):
                    ids = [self.ids[i] for i in path]
                    keep_nodes.update(ids)
                    for a, b in itertools.pairwise(ids):
                        keep_edges.add((a, b) if a < b else (b, a))
        return keep_nodes, keep_edges
