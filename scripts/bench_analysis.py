"""Link-analysis benchmark: a synthetic criminal network stored in the platform's database
(SQLite in a fresh data directory, bulk inserts), then the timings the issue asks for:

- a 10,000-node neighbourhood loaded through the analysis selectors (the permission engine
  included) plus degree, PageRank, eigenvector, k-core and Leiden (target <= 1 s);
- exact betweenness and closeness on it (target <= 10 s);
- whole-graph PageRank and Leiden, loading the links from the database (target <= 30 s);

each next to networkx on the same graph (Louvain for networkx, which has no Leiden).

Usage: python scripts/bench_analysis.py [--entities 1000000] [--links 5000000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def setup(data_dir: str) -> None:
    os.environ["PACCTO_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paccto.config.settings")
    os.environ.setdefault("PACCTO_SECURE", "0")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)


def generate(entities: int, links: int, seed: int = 7) -> tuple[int, object]:
    """Organisations of 5-40 members with a few leaders, ties between groups through
    brokers, phones and vehicles: a skewed, clustered network like real ones. Written with
    executemany into the platform's own tables (the ORM's bulk_create is ten times slower
    at this size); everything is shared with the country so an analyst of it sees it."""
    from django.db import connection

    from paccto.accounts.models import User
    from paccto.core.models import Institution

    institution = Institution.objects.filter(country_id="CO", sector="police").first()
    user = User.objects.create(username="bench.analyst", institution=institution)

    rng = random.Random(seed)
    now = datetime.now(UTC).isoformat(sep=" ")
    common = (institution.pk, "B", "2", "H0", "", "country", None, False, "[]", now, now)
    entity_sql = (
        "INSERT INTO entities_entity (id, owner_institution_id, source_reliability, "
        "information_reliability, handling_code, handling_note, share_scope, share_network_id, "
        "special_category, criminal_markets, created_at, review_at, schema, caption, "
        "properties, is_victim, is_witness, is_minor, is_informant, source_kind, source_ref, "
        "updated_at, version, pending) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,0,0,0,'import','',?,1,0)"
    )
    link_sql = (
        "INSERT INTO entities_link (owner_institution_id, source_reliability, "
        "information_reliability, handling_code, handling_note, share_scope, share_network_id, "
        "special_category, criminal_markets, created_at, review_at, source_id, target_id, "
        "link_type, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'')"
    )
    base = 1_000_000_000  # ids of their own, after anything the platform holds
    kinds = ["Person"] * 7 + ["Organisation", "Vehicle", "Phone"]
    rows = ((base + i, *common, kinds[i % 10], f"E{i}", "{}", now) for i in range(entities))
    connection.ensure_connection()
    raw = connection.connection
    raw.execute("BEGIN")
    raw.executemany(entity_sql, rows)
    raw.execute("COMMIT")
    types = ["associate", "member_of", "called", "uses", "owns", "paid", "leads", "family"]
    group_size = 20

    def link_rows():
        made = 0
        while made < links:
            a = rng.randrange(entities)
            if rng.random() < 0.8:  # inside its group
                group = a // group_size
                b = group * group_size + rng.randrange(group_size)
            elif rng.random() < 0.7:  # a neighbouring group (regional ties)
                b = (a + rng.randrange(group_size, group_size * 50)) % entities
            else:  # a hub: brokers, money launderers, shared phones
                b = int(entities * rng.random() ** 3)
            if a == b or b >= entities:
                continue
            made += 1
            yield (*common, base + a, base + b, types[made % len(types)])

    raw.execute("BEGIN")
    raw.executemany(link_sql, link_rows())
    raw.execute("COMMIT")
    return base, user


def neighbourhood_ids(actor, seed_id: int, size: int) -> set[int]:
    """The ids of a neighbourhood of ``size`` entities around one, breadth first, as an
    analyst builds it by expanding a chart step by step."""
    from paccto.analysis.selectors import GraphFilters, graph_expand

    ids = {seed_id}
    frontier = {seed_id}
    while len(ids) < size and frontier:
        step = graph_expand(
            actor=actor, entity_ids=frontier, filters=GraphFilters(), max_nodes=10**7
        )
        new = set(sorted(set(step.nodes) - ids)[: size - len(ids)])
        ids |= new
        frontier = new
    return ids


def neighbourhood(actor, ids: set[int]):
    """The subgraph among the neighbourhood's entities, loaded as ``POST
    /api/v1/analysis/metrics`` loads it (permission engine included)."""
    from paccto.analysis.selectors import GraphFilters, graph_between

    return graph_between(actor=actor, entity_ids=ids, filters=GraphFilters(), full=False)


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def networkx_graph(nodes, edges):
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--links", type=int, default=5_000_000)
    parser.add_argument("--neighbourhood", type=int, default=10_000)
    parser.add_argument("--skip-networkx-exact", action="store_true")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="paccto-bench-analysis-")
    setup(data_dir)
    import networkx as nx
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    from paccto.analysis.network import Network
    from paccto.core.permissions import actor_for

    (base, user), generate_s = timed(lambda: generate(args.entities, args.links))
    from paccto.accounts.models import User

    user = User.objects.get(pk=user.pk)
    user._role_codes = ["analyst"]  # the actor as the permission engine sees an analyst
    actor = actor_for(user)
    print(f"generated {args.entities:,} entities and {args.links:,} links in {generate_s:.1f} s")

    seed = base  # entity 0 sits in a hub region: a realistic start
    rows = []

    ids, expand_s = timed(lambda: neighbourhood_ids(actor, seed, args.neighbourhood))
    print(f"neighbourhood of {len(ids):,} built by expanding in {expand_s:.2f} s", flush=True)

    def load_and_fast():
        graph = neighbourhood(actor, ids)
        network = Network(graph.nodes, graph.edges())
        network.degree(), network.pagerank(), network.eigenvector(), network.coreness()
        network.communities()
        return graph, network

    (graph, network), fast_s = timed(load_and_fast)
    _, load_s = timed(lambda: neighbourhood(actor, ids))
    nxg = networkx_graph(graph.nodes, graph.edges())
    _, nx_fast = timed(
        lambda: (
            dict(nxg.degree()),
            _pagerank_python(nxg),
            nx.eigenvector_centrality(nxg, max_iter=500),
            nx.core_number(nxg),
            nx.community.louvain_communities(nxg, seed=1),
        )
    )
    rows.append(
        (
            f"neighbourhood {len(network):,} nodes / {network.edge_count:,} links: "
            f"load ({load_s:.2f} s) + degree, PageRank, eigenvector, k-core, Leiden",
            fast_s,
            nx_fast,
            1.0,
        )
    )
    print(f"neighbourhood loaded in {load_s:.2f} s", flush=True)
    _, exact_s = timed(lambda: (network.betweenness(), network.closeness()))
    nx_exact = None
    if not args.skip_networkx_exact:
        _, nx_exact = timed(lambda: (nx.betweenness_centrality(nxg), nx.closeness_centrality(nxg)))
    rows.append(("exact betweenness + closeness", exact_s, nx_exact, 10.0))
    sample = 500
    _, sampled_s = timed(
        lambda: (network.betweenness(sample=sample), network.closeness(sample=sample))
    )
    exact_b, sampled_b = network.betweenness(), network.betweenness(sample=sample)
    exact_c, sampled_c = network.closeness(), network.closeness(sample=sample)
    error_b = max(abs(exact_b[k] - sampled_b[k]) for k in exact_b)
    error_c = max(abs(exact_c[k] - sampled_c[k]) for k in exact_c)
    top = set(sorted(exact_b, key=exact_b.get, reverse=True)[:20])
    found = len(top & set(sorted(sampled_b, key=sampled_b.get, reverse=True)[:20]))
    rows.append(
        (
            f"sampled ({sample} sources) betweenness + closeness: max error "
            f"{error_b:.4f} (of max {max(exact_b.values()):.4f}) / {error_c:.4f}, "
            f"top 20 found {found}",
            sampled_s,
            None,
            1.0,
        )
    )

    def whole():
        start = time.perf_counter()
        from django.db import connection

        cursor = connection.cursor()
        cursor.execute("SELECT source_id, target_id FROM entities_link")
        import numpy as np

        pairs = np.array(cursor.fetchall(), dtype=np.int64) - base
        loaded = time.perf_counter()
        whole_network = Network.from_arrays(args.entities, pairs.tolist())
        built = time.perf_counter()
        whole_network.pagerank()
        ranked = time.perf_counter()
        whole_network.communities()
        print(
            f"whole graph: read {loaded - start:.2f} s, build {built - loaded:.2f} s, "
            f"PageRank {ranked - built:.2f} s, Leiden {time.perf_counter() - ranked:.2f} s"
        )
        return whole_network

    whole_network, whole_s = timed(whole)
    rows.append(
        (
            f"whole graph {len(whole_network):,} nodes: load + PageRank + Leiden",
            whole_s,
            None,
            30.0,
        )
    )
    print()
    print(f"{'measure':<110} {'igraph s':>9} {'networkx s':>11} {'target s':>9}")
    for label, ours, theirs, target in rows:
        theirs_text = f"{theirs:.2f}" if theirs is not None else "-"
        print(f"{label:<110} {ours:>9.2f} {theirs_text:>11} {target:>9.0f}")


if __name__ == "__main__":
    main()
