"""Network analytics on small graphs with known answers (checked by hand and against
networkx, which the benchmark also runs): tables of cases, as the matching tests are."""

from __future__ import annotations

import pytest

from paccto.analysis.network import Network

PATH5 = [(1, 2), (2, 3), (3, 4), (4, 5)]
STAR = [(0, 1), (0, 2), (0, 3), (0, 4)]
# Two triangles joined by one bridge (3-4): two communities, the bridge ends broker.
BARBELL = [(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (5, 6), (4, 6)]


@pytest.mark.parametrize(
    ("edges", "extra", "metric", "expected", "why"),
    [
        (STAR, [], "degree", {0: 4, 1: 1, 2: 1, 3: 1, 4: 1}, "the hub touches everyone"),
        (
            STAR,
            [],
            "betweenness",
            {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0},
            "every pair of leaves passes through the hub",
        ),
        (
            PATH5,
            [],
            "betweenness",
            {1: 0.0, 2: 0.5, 3: 2 / 3, 4: 0.5, 5: 0.0},
            "the middle of a chain carries the most pairs",
        ),
        (
            PATH5,
            [],
            "closeness",
            {1: 0.4, 2: 4 / 7, 3: 2 / 3, 4: 4 / 7, 5: 0.4},
            "(n-1) / sum of distances",
        ),
        (
            STAR,
            [9],
            "closeness",
            {0: 0.8, 1: 0.8 * 4 / 7, 2: 0.8 * 4 / 7, 3: 0.8 * 4 / 7, 4: 0.8 * 4 / 7, 9: 0.0},
            "an isolated node is 0, others scaled by their component's share",
        ),
        (BARBELL, [], "coreness", {1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2}, "triangles are 2-cores"),
        (PATH5, [], "coreness", {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}, "a chain is a 1-core"),
        (
            STAR,
            [],
            "eigenvector",
            {0: 1.0, 1: 0.5, 2: 0.5, 3: 0.5, 4: 0.5},
            "leaves get 1/sqrt(4) of the hub's score",
        ),
    ],
)
def test_centralities_have_the_known_values(edges, extra, metric, expected, why):
    nodes = {n for edge in edges for n in edge} | set(extra)
    values = getattr(Network(nodes, edges), metric)()
    assert values == pytest.approx(expected, abs=1e-6), why


def test_pagerank_sums_to_one_and_ranks_the_hub_first():
    rank = Network(range(5), STAR).pagerank()
    assert sum(rank.values()) == pytest.approx(1.0)
    assert max(rank, key=rank.get) == 0
    assert rank[1] == pytest.approx(rank[4])


def test_leiden_finds_the_two_triangles_of_a_barbell():
    communities = Network(range(1, 7), BARBELL).communities()
    assert communities[1] == communities[2] == communities[3]
    assert communities[4] == communities[5] == communities[6]
    assert communities[1] != communities[4]


@pytest.mark.parametrize(
    ("edges", "source", "target", "slack", "expected", "why"),
    [
        (PATH5, 1, 5, 0, [[1, 2, 3, 4, 5]], "one chain, one path"),
        (BARBELL, 1, 6, 0, [[1, 3, 4, 6]], "through the bridge"),
        ([(1, 2), (2, 4), (1, 3), (3, 4)], 1, 4, 0, [[1, 2, 4], [1, 3, 4]], "two equal ways"),
        (
            BARBELL,
            1,
            6,
            1,
            [[1, 3, 4, 6], [1, 2, 3, 4, 6], [1, 3, 4, 5, 6]],
            "one detour allowed: the longer ways come after the shortest",
        ),
        ([*PATH5, (7, 8)], 1, 8, 0, [], "unconnected: no path, not an error"),
        (PATH5, 1, 99, 0, [], "unknown node: no path"),
    ],
)
def test_paths(edges, source, target, slack, expected, why):
    nodes = {n for edge in edges for n in edge}
    assert Network(nodes, edges).shortest_paths(source, target, slack=slack) == expected, why


def test_connecting_network_joins_a_set_through_the_shortest_paths_only():
    nodes, edges = Network(range(1, 7), BARBELL).connecting_network([2, 5])
    # 2-3-4-5 is the only shortest path; 1 and 6 stay out.
    assert nodes == {2, 3, 4, 5}
    assert edges == {(2, 3), (3, 4), (4, 5)}


def test_parallel_links_and_loops_count_once():
    network = Network([1, 2], [(1, 2), (2, 1), (1, 2), (1, 1)])
    assert network.edge_count == 1
    assert network.degree() == {1: 1, 2: 1}


def test_metrics_of_every_node_of_an_empty_graph():
    assert Network([], []).metrics() == []


def test_sampled_centralities_are_exact_with_every_source_and_close_with_a_few():
    import random

    import igraph as ig

    random.seed(2026)  # igraph draws from Python's generator: the same graph every run
    graph = ig.Graph.Barabasi(1000, 2)
    network = Network(range(1000), graph.get_edgelist())
    assert network.betweenness(sample=1000) == pytest.approx(network.betweenness())
    exact, sampled = network.betweenness(), network.betweenness(sample=250)
    assert max(abs(exact[k] - sampled[k]) for k in exact) < 0.25 * max(exact.values())
    top = sorted(exact, key=exact.get, reverse=True)[:3]
    assert set(top) & set(sorted(sampled, key=sampled.get, reverse=True)[:10]) == set(top)
    close, estimated = network.closeness(), network.closeness(sample=250)
    assert max(abs(close[k] - estimated[k]) for k in close) < 0.05


def test_a_network_from_arrays_is_the_network_from_tuples():
    import numpy as np

    nodes = [40, 10, 30, 20, 10]
    # Unknown ends (99), a loop, parallel links in both directions.
    edges = [(10, 20), (20, 10), (30, 99), (30, 30), (40, 30), (10, 20), (20, 40)]
    from_tuples = Network(nodes, edges)
    from_arrays = Network.from_arrays(np.array(nodes), np.array(edges))
    assert from_arrays.ids == from_tuples.ids == [10, 20, 30, 40]
    assert from_arrays.graph.get_edgelist() == from_tuples.graph.get_edgelist()
    assert from_arrays.graph.get_edgelist() == [(0, 1), (1, 3), (2, 3)]
    assert Network.from_arrays(np.array([], dtype=int), np.empty((0, 2), dtype=int)).metrics() == []


def test_pagerank_and_leiden_side_by_side_give_the_figures_of_one_after_the_other():
    """The forked path (used from 500,000 links) on a small graph, in a process whose
    OpenMP threads have already run, as a long-lived one's have: a child forked from such a
    process hangs if it runs OpenMP, which the alarm turns into a failure."""
    import random
    import signal

    import igraph as ig

    random.seed(2026)
    network = Network(range(2000), ig.Graph.Barabasi(2000, 3).get_edgelist())
    sequential = network.pagerank(), network.communities()

    def hung(signum, frame):
        raise TimeoutError("the forked computation hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        side_by_side = network.rank_and_communities(parallel_from=0)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    # PRPACK's parallel sums may differ in the last bits from one run to the next.
    assert side_by_side[0] == pytest.approx(sequential[0], rel=1e-9)
    assert side_by_side[1] == sequential[1]
    assert len(set(sequential[1].values())) > 1


_ESCAPE_SCRIPT = """
import os, time
from paccto.analysis.network import _Forked
parent = os.getpid()
try:  # as a caller would: a task runner catches a task's errors and goes on
    child = _Forked(lambda: time.sleep(0.3) or list(range(100_000)))
finally:
    if os.getpid() != parent:
        print("escaped", flush=True)  # a copy of the parent going on with its work
        os._exit(0)
os.close(child.read)  # the child's answer has nowhere to go: its write fails
_, status = os.waitpid(child.pid, 0)
print("child exit", os.waitstatus_to_exitcode(status), flush=True)
"""


def test_a_forked_child_whose_answer_cannot_be_written_never_returns_into_the_parent_s_code():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", _ESCAPE_SCRIPT], capture_output=True, text=True, timeout=60
    ).stdout
    assert "escaped" not in out
    assert "child exit 1" in out
