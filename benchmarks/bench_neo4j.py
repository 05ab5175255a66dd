"""Push speed: graphkit's push beside a bare UNWIND ... MERGE script.

Starts the tests' Neo4j 5 Community server (tests/neo4j_server.py; or uses
NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD: a scratch server — the script
empties its database), pushes
generated ecosystems (graphkit.generate.generate_ecosystem) and prints, for
each size, the first push and a re-push of unchanged data:

* bare: the same rows graphkit sends (built beforehand, not timed), one
  ``UNWIND $rows AS row MERGE (a:Actor {id: row.id}) SET a += row.props``
  (resp. ``MATCH s, MATCH t, MERGE (s)-[r:TYPE {key: row.key}]->(t) SET r +=
  row.props``) per batch through ``driver.execute_query``;
* bare, two labels: the same, but ``MERGE (a:Actor:<TypeLabel> {id: row.id})``
  per type label, so it writes the graph graphkit writes (the one-label
  bare script's nodes carry only ``:Actor``);
* graphkit: ``push_network`` end to end (schema check, building the rows,
  reading the stored hashes, writing only what changed);
* bulk: ``graphkit neo4j export-import`` (the files) and the real
  ``neo4j-admin database import full`` (Neo4j's AdminTool from the test
  server's jars) into a new store; a server started on it holds every
  actor and cooperation, and a push then finds everything unchanged.

Each variant gets a fresh server (its own JVM), so one variant's caches
and heap do not help or slow the next. Every line gives wall seconds and
CPU seconds (this process plus the server's JVM, from /proc): the machine
is shared, so the CPU figures and ratios are the steadier ones; with
``--rounds N`` the variants run N times, interleaved, and the ratios take
each variant's best round.

    python benchmarks/bench_neo4j.py                      # 10 000 and 100 000
    python benchmarks/bench_neo4j.py --sizes 10000 --rounds 2
    python benchmarks/bench_neo4j.py --sizes 100000 --two-labels-up-to 0
    python benchmarks/bench_neo4j.py --sweep 1000 2000 5000 10000   # batch sizes
    python benchmarks/bench_neo4j.py --gds    # GDS beside graphkit's engine
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# the test server lives with the tests, not in the package
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from neo4j import GraphDatabase  # noqa: E402

from graphkit.generate import generate_ecosystem  # noqa: E402
from graphkit.model import ACTOR_LABEL  # noqa: E402
from graphkit.neo4j import BATCH_SIZE, apply_schema, push_network  # noqa: E402
from graphkit.neo4j.mapping import actor_rows, cooperation_rows  # noqa: E402
from graphkit.neo4j.bulk import export_import  # noqa: E402
from neo4j_server import (admin_import, bolt_server, cpu_seconds,  # noqa: E402
                          server_on)


class Meter:
    """Wall seconds and CPU seconds (this process plus the server's JVM,
    read from /proc: the machine is shared, so CPU is the steadier figure)."""

    def __init__(self, server):
        self.pid = server.pid
        self.wall = self.cpu = 0.0
        self._start()

    def _now(self):
        return (time.perf_counter(),
                time.process_time() + cpu_seconds(self.pid))

    def _start(self):
        self._wall, self._cpu = self._now()

    def lap(self):
        """(wall, cpu) since the last lap."""
        wall, cpu = self._now()
        lap = (wall - self._wall, cpu - self._cpu)
        self._wall, self._cpu = wall, cpu
        return lap


def bare_push(driver, db, meter, nodes, rels, batch_size, two_labels=False):
    """(wall, cpu) of the nodes, then of the relationships, sent as they are."""
    meter.lap()
    for label, rows in nodes.items():
        # MERGE on the indexed key alone, as the reference figures were taken;
        # or with the type label, the graph graphkit writes
        labels = f"{ACTOR_LABEL}:{label}" if two_labels else ACTOR_LABEL
        q = (f"UNWIND $rows AS row MERGE (a:{labels} {{id: row.id}}) "
             f"SET a += row.props")
        for i in range(0, len(rows), batch_size):
            driver.execute_query(q, rows=rows[i:i + batch_size], database_=db)
    t_nodes = meter.lap()
    for rel, rows in rels.items():
        q = (f"UNWIND $rows AS row MATCH (s:{ACTOR_LABEL} {{id: row.source}}) "
             f"MATCH (t:{ACTOR_LABEL} {{id: row.target}}) "
             f"MERGE (s)-[r:{rel} {{key: row.key}}]->(t) SET r += row.props")
        for i in range(0, len(rows), batch_size):
            driver.execute_query(q, rows=rows[i:i + batch_size], database_=db)
    return t_nodes, meter.lap()


def database(server, driver):
    name = server.fresh_database(driver)
    apply_schema(driver, name)
    return name


def line(label, n, m, t_nodes, t_rels):
    """Print one variant; return its (wall, cpu) in total. ``t_nodes`` and
    ``t_rels`` are (wall, cpu); rates are per wall second."""
    wall, cpu = t_nodes[0] + t_rels[0], t_nodes[1] + t_rels[1]
    rate = lambda k, t: f"{k / t[0]:9.0f}" if t[0] else f"{'-':>9}"
    print(f"  {label:<32} {wall:7.1f} s {cpu:7.1f} s  {rate(n, t_nodes)} "
          f"{rate(m, t_rels)}   ({t_nodes[0]:.1f} + {t_rels[0]:.1f} s)",
          flush=True)
    return wall, cpu


HEADER = (f"  {'':<32} {'wall':>9} {'CPU':>9}  {'nodes/s':>9} {'rels/s':>9}"
          f"   (nodes + relationships, wall)")


@contextlib.contextmanager
def connected(home=None):
    """A fresh server (a new JVM, so one variant's caches and heap do not
    help or slow the next) and a driver, closed before the server."""
    with (server_on(home) if home else bolt_server()) as server:
        driver = GraphDatabase.driver(server.uri,
                                      auth=(server.user, server.password),
                                      notifications_min_severity="OFF")
        try:
            yield server, driver
        finally:
            driver.close()


def load():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def ratio(a, b):
    """``a / b`` for wall and CPU: "1.05x wall, 1.02x CPU"."""
    return f"{a[0] / b[0]:.2f}x wall, {a[1] / b[1]:.2f}x CPU"


def bulk(network, n, m):
    """Export the import files, run the real neo4j-admin on them, start a
    server on the store, check the counts, push the same network (finds
    everything unchanged)."""
    with tempfile.TemporaryDirectory(prefix="graphkit-bulk-") as tmp:
        tmp = Path(tmp)
        w0, c0 = time.perf_counter(), time.process_time()
        files = export_import(network, tmp / "files")
        export = (time.perf_counter() - w0, time.process_time() - c0)
        w0 = time.perf_counter()
        admin_cpu = admin_import(tmp / "home", *files, heap="1g")
        admin = (time.perf_counter() - w0, admin_cpu)
        print(f"  {'bulk: graphkit export-import':<32} {export[0]:7.1f} s "
              f"{export[1]:7.1f} s", flush=True)
        print(f"  {'bulk: neo4j-admin import full':<32} {admin[0]:7.1f} s "
              f"{admin[1]:7.1f} s  {n / admin[0]:9.0f} {m / admin[0]:9.0f}",
              flush=True)
        total = (export[0] + admin[0], export[1] + admin[1])
        print(f"  {'bulk: both':<32} {total[0]:7.1f} s {total[1]:7.1f} s  "
              f"{n / total[0]:9.0f} {m / total[0]:9.0f}", flush=True)
        with connected(tmp / "home") as (server, driver):
            got = driver.execute_query(
                "MATCH (a:Actor) WITH count(a) AS n "
                "MATCH ()-[r]->() RETURN n, count(r) AS m").records[0]
            assert (got["n"], got["m"]) == (n, m), got
            meter = Meter(server)
            s = push_network(driver, network)
            wall, cpu = meter.lap()
            assert not s.changed and s.nodes["unchanged"] == n, s
            print(f"  {'push after the import':<32} {wall:7.1f} s {cpu:7.1f} s"
                  f"   (everything unchanged)", flush=True)
    return total


def measure(n, batch_size, two_labels=True, with_bulk=True, rounds=1):
    """Each variant on a fresh server, ``rounds`` times, interleaved (bare,
    bare two labels, graphkit, bare, ...): the machine is shared, so the
    ratios use each variant's best round (least disturbed), CPU and wall."""
    network = generate_ecosystem(n, seed=42)
    m = len(network.cooperations)
    print(f"\n{n} actors, {m} cooperations, batches of {batch_size} ({load()})",
          flush=True)
    print(HEADER)
    nodes, rels = actor_rows(network), cooperation_rows(network)
    runs = {"bare": [], "bare, two labels": [], "graphkit": []}

    def bare(name, two, tag):
        with connected() as (server, driver):
            db = database(server, driver)
            meter = Meter(server)
            runs[name].append((
                line(f"{name}, first push{tag}", n, m, *bare_push(
                    driver, db, meter, nodes, rels, batch_size, two)),
                line(f"{name}, re-push{tag}", n, m, *bare_push(
                    driver, db, meter, nodes, rels, batch_size, two))))

    def graphkit(tag):
        with connected() as (server, driver):
            db = database(server, driver)
            meter = Meter(server)

            def push(label, expect):
                meter.lap()
                s = push_network(driver, network, database=db,
                                 batch_size=batch_size)
                wall, cpu = meter.lap()
                sec = s.seconds
                pre = sec["schema"] + sec["rows"] + sec["read"]
                share = (pre + sec["nodes"]) / wall if wall else 0
                total = line(label + tag, n, m, (pre + sec["nodes"], cpu * share),
                             (sec["relationships"], cpu * (1 - share)))
                print(f"    phases (wall s): {sec}")
                assert s.nodes[expect] == n and s.relationships[expect] == m, s
                return total

            runs["graphkit"].append((push("graphkit, first push", "created"),
                                     push("graphkit, re-push", "unchanged")))

    for r in range(rounds):
        tag = f" ({r + 1})" if rounds > 1 else ""
        bare("bare", False, tag)
        if two_labels:
            bare("bare, two labels", True, tag)
        graphkit(tag)
    if with_bulk:
        bulk(network, n, m)
    # best first push and best re-push of each variant, each (wall, cpu)
    best = {k: tuple((min(x[i][0] for x in v), min(x[i][1] for x in v))
                     for i in (0, 1)) for k, v in runs.items() if v}
    gk1, gk2 = best["graphkit"]
    print(f"  graphkit / bare, first push: {ratio(gk1, best['bare'][0])}")
    if two_labels:
        print(f"  graphkit / bare two labels, first push: "
              f"{ratio(gk1, best['bare, two labels'][0])}")
    print(f"  graphkit first push / graphkit re-push: {ratio(gk1, gk2)}   "
          f"bare first push / bare re-push: {ratio(*best['bare'])}"
          f"   ({load()})", flush=True)


def gds_agreement():
    """Graph Data Science beside graphkit's own engine on the example:
    shared top 10 per metric, Spearman correlation, modularity of the two
    community partitions; weighted ties (the default) and counted ones."""
    import networkx as nx
    from networkx.algorithms.community import modularity

    from graphkit.analysis import analyse
    from graphkit.io import read_network
    from graphkit.network import Ties
    from graphkit.neo4j.gds import analyse_in_database
    root = Path(__file__).resolve().parents[1]
    network = read_network(root / "examples" / "coopol").network
    with connected() as (server, driver):
        push_network(driver, network)
        print(f"\nGraph Data Science beside graphkit's engine on "
              f"examples/coopol ({len(network.actors)} actors), exact")
        print(f"  {'ties':<9} {'metric':<12} {'top 10 shared':>13} "
              f"{'Spearman':>9}")
        for weighted in (True, False):
            spec = Ties.of(weighted=weighted)
            ours = analyse(network, exact=True, weighted=weighted)
            theirs = analyse_in_database(driver, network, spec)
            kind = "weighted" if weighted else "counted"
            for metric in ("betweenness", "closeness", "pagerank"):
                top = lambda s: set(s.sort_values(ascending=False,
                                                  kind="stable").index[:10])
                shared = len(top(ours[metric]) & top(theirs[metric]))
                rho = ours[metric].corr(theirs[metric], method="spearman")
                print(f"  {kind:<9} {metric:<12} {shared:>10}/10 {rho:9.3f}")
            ties = network.tie_table(spec)
            g = nx.Graph()
            g.add_nodes_from(network.actors.index)
            g.add_weighted_edges_from(zip(ties["u"], ties["v"], ties["weight"])
                                      if weighted else
                                      ((u, v, 1.0) for u, v in
                                       zip(ties["u"], ties["v"])))
            q = lambda labels: modularity(g, [set(x) for x in labels.groupby(
                labels).groups.values()], weight="weight")
            print(f"  {kind:<9} {'community':<12} modularity graphkit "
                  f"{q(ours['community']):.3f}, GDS Louvain "
                  f"{q(theirs['community']):.3f}; communities "
                  f"{ours['community'].nunique()} vs "
                  f"{theirs['community'].nunique()}")
            same = theirs["component"].nunique() == nx.number_connected_components(g)
            print(f"  {kind:<9} {'component':<12} "
                  f"{theirs['component'].nunique()} components "
                  f"({'the same as' if same else 'NOT the same as'} graphkit's ties)")


def sweep(n, sizes):
    network = generate_ecosystem(n, seed=42)
    m = len(network.cooperations)
    print(f"\nbatch size sweep: graphkit first push of {n} actors, {m} cooperations")
    for b in sizes:
        with connected() as (server, driver):
            db = database(server, driver)
            s = push_network(driver, network, database=db, batch_size=b)
        t = sum(s.seconds.values())
        print(f"  batch {b:>6}: {t:6.1f} s  {n / (s.seconds['nodes']):7.0f} nodes/s  "
              f"{m / s.seconds['relationships']:7.0f} rels/s", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    ap.add_argument("--sweep", type=int, nargs="*", default=None,
                    help="batch sizes to compare on the first size")
    ap.add_argument("--gds", action="store_true",
                    help="only compare Graph Data Science's metrics with "
                         "graphkit's on the example (top 10 shared)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run every variant this many times, interleaved; "
                         "ratios from each variant's best round")
    ap.add_argument("--no-bulk", action="store_true",
                    help="skip the bulk import (export-import + neo4j-admin)")
    ap.add_argument("--two-labels-up-to", type=int, default=10**9,
                    help="run the two-label bare variant only up to this many "
                         "actors")
    args = ap.parse_args()
    print("server: " + ("NEO4J_URI" if os.environ.get("NEO4J_URI")
                        else "the tests' Neo4j 5 Community, a fresh one per variant"))
    if args.gds:
        gds_agreement()
    elif args.sweep:
        sweep(args.sizes[0], args.sweep)
    else:
        for n in args.sizes:
            measure(n, args.batch_size, n <= args.two_labels_up_to,
                    not args.no_bulk, args.rounds)


if __name__ == "__main__":
    main()
