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
  reading the stored hashes, writing only what changed).

Each variant gets a fresh server (its own JVM), so one variant's caches
and heap do not help or slow the next.

    python benchmarks/bench_neo4j.py                      # 10 000 and 100 000
    python benchmarks/bench_neo4j.py --sizes 10000 30000 --batch-size 5000
    python benchmarks/bench_neo4j.py --sweep 1000 2000 5000 10000   # batch sizes
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
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
from neo4j_server import bolt_server  # noqa: E402


def bare_push(driver, db, nodes, rels, batch_size, two_labels=False):
    """Seconds for the nodes, then the relationships, sent as they are."""
    t0 = time.perf_counter()
    for label, rows in nodes.items():
        # MERGE on the indexed key alone, as the reference figures were taken;
        # or with the type label, the graph graphkit writes
        labels = f"{ACTOR_LABEL}:{label}" if two_labels else ACTOR_LABEL
        q = (f"UNWIND $rows AS row MERGE (a:{labels} {{id: row.id}}) "
             f"SET a += row.props")
        for i in range(0, len(rows), batch_size):
            driver.execute_query(q, rows=rows[i:i + batch_size], database_=db)
    t1 = time.perf_counter()
    for rel, rows in rels.items():
        q = (f"UNWIND $rows AS row MATCH (s:{ACTOR_LABEL} {{id: row.source}}) "
             f"MATCH (t:{ACTOR_LABEL} {{id: row.target}}) "
             f"MERGE (s)-[r:{rel} {{key: row.key}}]->(t) SET r += row.props")
        for i in range(0, len(rows), batch_size):
            driver.execute_query(q, rows=rows[i:i + batch_size], database_=db)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def database(server, driver):
    name = server.fresh_database(driver)
    apply_schema(driver, name)
    return name


def line(label, n, m, t_nodes, t_rels):
    total = t_nodes + t_rels
    print(f"  {label:<28} {total:8.1f} s  {n / t_nodes if t_nodes else 0:9.0f} nodes/s"
          f"  {m / t_rels if t_rels else 0:9.0f} rels/s  "
          f"(nodes {t_nodes:.1f} s, relationships {t_rels:.1f} s)", flush=True)
    return total


@contextlib.contextmanager
def connected():
    """A fresh server (a new JVM, so one variant's caches and heap do not
    help or slow the next) and a driver, closed before the server."""
    with bolt_server() as server:
        driver = GraphDatabase.driver(server.uri,
                                      auth=(server.user, server.password))
        try:
            yield server, driver
        finally:
            driver.close()


def load():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(n, batch_size, two_labels=True):
    network = generate_ecosystem(n, seed=42)
    m = len(network.cooperations)
    print(f"\n{n} actors, {m} cooperations, batches of {batch_size} ({load()})",
          flush=True)
    nodes, rels = actor_rows(network), cooperation_rows(network)
    first, again = {}, {}
    variants = ((False, "bare"), (True, "bare, two labels"))
    for two, name in variants if two_labels else variants[:1]:
        with connected() as (server, driver):
            db = database(server, driver)
            first[two] = line(f"{name}, first push", n, m, *bare_push(
                driver, db, nodes, rels, batch_size, two))
            again[two] = line(f"{name}, re-push", n, m, *bare_push(
                driver, db, nodes, rels, batch_size, two))
    bare1, bare2 = first[False], again[False]
    with connected() as (server, driver):
        db = database(server, driver)

        def graphkit_push(label, expect):
            s = push_network(driver, network, database=db,
                             batch_size=batch_size)
            pre = s.seconds["schema"] + s.seconds["rows"] + s.seconds["read"]
            total = line(label, n, m, pre + s.seconds["nodes"],
                         s.seconds["relationships"])
            print(f"    phases: {s.seconds}")
            assert s.nodes[expect] == n and s.relationships[expect] == m, s
            return total

        gk1 = graphkit_push("graphkit, first push", "created")
        gk2 = graphkit_push("graphkit, re-push unchanged", "unchanged")
    two = (f"graphkit / bare two labels: {gk1 / first[True]:.2f}x   "
           if two_labels else "")
    print(f"  graphkit / bare, first push: {gk1 / bare1:.2f}x   {two}"
          f"graphkit first push / re-push: {gk1 / gk2:.1f}x   "
          f"bare first / re-push: {bare1 / bare2:.1f}x   ({load()})", flush=True)


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
    ap.add_argument("--two-labels-up-to", type=int, default=10**9,
                    help="run the two-label bare variant only up to this many "
                         "actors")
    args = ap.parse_args()
    print("server: " + ("NEO4J_URI" if os.environ.get("NEO4J_URI")
                        else "the tests' Neo4j 5 Community, a fresh one per variant"))
    if args.sweep:
        sweep(args.sizes[0], args.sweep)
    else:
        for n in args.sizes:
            measure(n, args.batch_size, n <= args.two_labels_up_to)


if __name__ == "__main__":
    main()
