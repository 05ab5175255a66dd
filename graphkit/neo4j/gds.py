"""Analysis inside the database: Graph Data Science (GDS) through the
official ``graphdatascience`` client.

:func:`analyse_in_database` projects the cooperation graph graphkit pushed
with the tie definition of :class:`graphkit.network.Ties` (types, year
window, weighted or counted, membership when included), runs PageRank,
betweenness (sampled where graphkit samples), harmonic closeness, Louvain
and weakly connected components in the database, writes the scores as actor
properties and returns them as a table in the shape of graphkit's own
metrics table (``graphkit.analysis.metrics.metrics_table``). See
``docs/neo4j.md`` for how the definitions differ.
"""
from __future__ import annotations

import uuid

import pandas as pd

from ..errors import GraphkitError
from ..model import ACTOR_LABEL
from ..network import Network, Ties
from .mapping import MANAGED, METRICS, REL_TYPES

#: GDS column -> (algorithm, write mode property); the order of the table.
GDS_METRICS = ("betweenness", "closeness", "pagerank", "community", "component")

#: Cypher projection of the ties: one undirected relationship per pair of
#: actors graphkit wrote that cooperate under the tie definition, weighing
#: the sum of the cooperations' weights (or their count), with ``distance``
#: = 1 / weight (graphkit's path length); every actor is a node, isolated
#: ones included. Relationship types are passed as a parameter list (their
#: names come from the vocabulary) and compared with type(r).
PROJECTION = f"""
MATCH (a:{ACTOR_LABEL}) WHERE a.{MANAGED} = true
OPTIONAL MATCH (a)-[r]-(b:{ACTOR_LABEL})
  WHERE b.{MANAGED} = true AND a.id < b.id AND type(r) IN $types
    AND ($since IS NULL OR (r.year IS NOT NULL AND r.year >= $since))
    AND ($until IS NULL OR (r.year IS NOT NULL AND r.year <= $until))
WITH a, b, sum(CASE WHEN r IS NULL THEN 0.0
                    WHEN $weighted THEN coalesce(toFloat(r.weight), 1.0)
                    ELSE 1.0 END) AS w
WITH a, CASE WHEN w > 0 THEN b END AS b, w
WITH gds.graph.project($name, a, b,
       {{relationshipProperties: {{weight: w, distance: 1.0 / w}}}},
       {{undirectedRelationshipTypes: ['*']}}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
"""


def client(driver, database: str | None = None):
    """The official ``graphdatascience`` client on ``driver`` (it checks
    the server's GDS version and runs the procedures); a clear error when
    the server has no GDS."""
    try:
        from graphdatascience import GraphDataScience
    except ImportError:  # pragma: no cover - a dependency of graphkit
        raise GraphkitError("the graphdatascience package is missing: "
                            "pip install graphdatascience") from None
    try:
        gds = GraphDataScience(driver, database=database)
    except Exception as exc:  # noqa: BLE001 - the client's own errors
        raise GraphkitError(
            f"this Neo4j server has no usable Graph Data Science library "
            f"({str(exc).splitlines()[0][:200]}); install the GDS plugin or "
            f"use graphkit's own engine (graphkit analyse)") from None
    return gds


def analyse_in_database(driver, network: Network, ties: Ties | None = None, *,
                        database: str | None = None, seed: int = 42,
                        exact: bool = False) -> pd.DataFrame:
    """Run the centralities and communities in the database with GDS.

    ``network`` must have been pushed (:func:`graphkit.neo4j.push_network`);
    it gives the actors' order and descriptive columns. Betweenness is
    sampled where graphkit's engine samples (``exact`` False and more
    actors than its threshold), from as many pivots as it draws, with
    ``seed``; closeness is exact. Writes ``betweenness``, ``closeness``, ``pagerank``,
    ``community`` and ``component`` on every ``:Actor`` graphkit wrote (and
    lists them in ``graphkit_metrics``), and returns them, indexed by actor
    id, after ``name``, ``type``, ``country``.
    """
    spec = ties if isinstance(ties, Ties) else Ties.of(ties)
    gds = client(driver, database)
    from ..analysis.metrics import APPROX_THRESHOLD, auto_pivots
    sample = None
    if not exact and len(network.actors) > APPROX_THRESHOLD:
        sample = auto_pivots(len(network.tie_table(spec)))
    name = f"graphkit-{uuid.uuid4().hex[:12]}"
    params = {"types": [REL_TYPES[t] for t in spec.types],
              "since": spec.since, "until": spec.until,
              "weighted": bool(spec.weighted), "name": name}
    projected = gds.run_cypher(PROJECTION, params)
    try:
        n = int(projected["nodes"].iloc[0])
        weight = {"relationshipWeightProperty": "weight"}
        between = {"relationshipWeightProperty": "distance"}
        if sample is not None and sample < n:
            between.update(samplingSize=int(sample), samplingSeed=int(seed))
        for algorithm, config in (
                ("betweenness", dict(between, writeProperty="betweenness")),
                ("closeness.harmonic", {"writeProperty": "closeness"}),
                ("pageRank", dict(weight, writeProperty="pagerank",
                                  dampingFactor=0.85, maxIterations=100,
                                  tolerance=1e-10)),
                ("louvain", dict(weight, writeProperty="community",
                                 concurrency=1)),
                ("wcc", {"writeProperty": "component"})):
            gds.run_cypher(f"CALL gds.{algorithm}.write($name, $config) "
                           f"YIELD nodePropertiesWritten RETURN "
                           f"nodePropertiesWritten",
                           {"name": name, "config": config})
    finally:
        gds.run_cypher("CALL gds.graph.drop($name, false) YIELD graphName "
                       "RETURN graphName", {"name": name})
    rows = gds.run_cypher(
        f"MATCH (a:{ACTOR_LABEL}) WHERE a.{MANAGED} = true "
        f"SET a.{METRICS} = $metrics "
        f"RETURN a.id AS id, a.betweenness AS betweenness, "
        f"a.closeness AS closeness, a.pagerank AS pagerank, "
        f"a.community AS community, a.component AS component",
        {"metrics": list(GDS_METRICS)})
    return gds_table(network, rows)


def gds_table(network: Network, rows: pd.DataFrame) -> pd.DataFrame:
    """The scores read back from the database in graphkit's table shape:
    one row per actor of ``network`` (in its order), ``name``, ``type``,
    ``country``, then :data:`GDS_METRICS`; scaled as graphkit's engine
    scales them (betweenness normalised by (n-1)(n-2)/2, closeness by
    n-1, PageRank summing to 1; communities and components renumbered from
    0 by size, largest first)."""
    actors = network.actors
    out = pd.DataFrame(index=actors.index.copy())
    for col in ("name", "type", "country"):
        out[col] = actors[col]
    rows = rows.set_index("id").reindex(out.index.astype(str))
    missing = rows["pagerank"].isna().sum()
    if missing:
        raise GraphkitError(f"{missing} actor(s) of the data are not in the "
                            f"database: run `graphkit neo4j push` first")
    n = len(out)
    pairs = (n - 1) * (n - 2) / 2
    out["betweenness"] = (rows["betweenness"].to_numpy(float) / pairs
                          if pairs > 0 else 0.0)
    out["closeness"] = rows["closeness"].to_numpy(float)
    pr = rows["pagerank"].to_numpy(float)
    out["pagerank"] = pr / pr.sum() if pr.sum() > 0 else pr
    for col in ("community", "component"):
        labels = rows[col].to_numpy()
        order = pd.Series(labels).value_counts(sort=True)
        ranks = {lab: i for i, lab in enumerate(
            sorted(order.index, key=lambda x: (-order[x], x)))}
        out[col] = [ranks[x] for x in labels]
    return out
