"""Analysis inside the database with Graph Data Science, against the real
Neo4j 5 + GDS the tests start (tests/neo4j_server.py loads the plugin: these
tests fail, never skip, when GDS is not there)."""
from __future__ import annotations

import pytest

from graphkit.analysis import analyse
from graphkit.io import read_network
from graphkit.network import Ties
from graphkit.neo4j import push_network
from graphkit.neo4j.gds import analyse_in_database


def test_gds_is_loaded(neo4j_db):
    driver, db = neo4j_db
    from graphdatascience import GraphDataScience
    gds = GraphDataScience(driver, database=db)
    assert str(gds.server_version()).startswith("2.13")


@pytest.fixture(scope="module")
def example():
    from conftest import EXAMPLE
    return read_network(EXAMPLE).network


def _top(series, k=10):
    return set(series.sort_values(ascending=False, kind="stable").index[:k])


def test_gds_agrees_with_graphkit_on_the_example(neo4j_db, example):
    driver, db = neo4j_db
    push_network(driver, example, database=db)
    ours = analyse(example, exact=True)
    theirs = analyse_in_database(driver, example, Ties.of(), database=db)
    assert list(theirs.index) == list(ours.index)
    # same tie definition, same shortest paths (length 1/weight): the same
    # top 10 for betweenness and PageRank
    for metric in ("betweenness", "pagerank"):
        assert _top(theirs[metric]) == _top(ours[metric]), metric
        assert theirs[metric].corr(ours[metric], method="spearman") > 0.95
    # GDS's harmonic closeness counts hops (it takes no weights) where
    # graphkit's weighs paths 1/weight: weighted, 6 of the top 10 shared ...
    assert len(_top(theirs["closeness"]) & _top(ours["closeness"])) >= 6
    # components: the same partition as graphkit's tie table gives
    ties = example.tie_table(Ties.of())
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(example.actors.index)
    g.add_edges_from(zip(ties["u"], ties["v"]))
    assert theirs["component"].nunique() == nx.number_connected_components(g)
    # Louvain: a partition of the same quality (modularity within 0.05)
    from networkx.algorithms.community import modularity
    def q(labels):
        groups = labels.groupby(labels).groups.values()
        return modularity(g, [set(x) for x in groups])
    assert abs(q(theirs["community"]) - q(ours["community"])) < 0.05
    # written on the actors, listed as graphkit's metrics
    rec = driver.execute_query(
        "MATCH (a:Actor) WHERE a.pagerank IS NOT NULL "
        "RETURN count(a) AS n, collect(DISTINCT a.graphkit_metrics)[0] AS m",
        database_=db).records[0]
    assert rec["n"] == len(example.actors)
    assert set(rec["m"]) >= {"betweenness", "closeness", "pagerank", "community"}
    # ... and counted ties (weighted=False), the same closeness exactly
    ours = analyse(example, exact=True, weighted=False)
    theirs = analyse_in_database(driver, example, Ties.of(weighted=False),
                                 database=db)
    assert theirs["closeness"].round(9).equals(ours["closeness"].round(9))
    for metric in ("pagerank", "closeness"):
        assert _top(theirs[metric]) == _top(ours[metric]), metric
    # counted, many shortest paths tie: equal up to the order of equal paths
    assert len(_top(theirs["betweenness"]) & _top(ours["betweenness"])) >= 9
    assert theirs["betweenness"].corr(ours["betweenness"], "spearman") > 0.95


def test_gds_tie_definition_years(neo4j_db, small_network):
    """since/until and the types reach the projection: with R&D only from
    2013, sme_1–lab_1 (2014) is the one tie."""
    driver, db = neo4j_db
    push_network(driver, small_network, database=db)
    t = analyse_in_database(driver, small_network,
                            Ties.of("rd_partnership", since=2013), database=db)
    assert t["component"].nunique() == len(small_network.actors) - 1
    assert t.loc["sme_1", "component"] == t.loc["lab_1", "component"]


def test_cli_neo4j_analyse(neo4j_db, bolt_server, tmp_path):
    """`graphkit neo4j analyse` pushes, says where (no password), and writes
    the metric table whole."""
    import pandas as pd
    from click.testing import CliRunner

    from conftest import EXAMPLE
    from graphkit.cli import main
    out = tmp_path / "out"
    r = CliRunner().invoke(main, [
        "neo4j", "analyse", str(EXAMPLE), "-o", str(out), "--uri",
        bolt_server.uri, "--user", bolt_server.user, "--password",
        bolt_server.password])
    assert r.exit_code == 0, r.output
    assert f"pushing to {bolt_server.uri}" in r.output
    assert bolt_server.password not in r.output
    table = pd.read_csv(out / "metrics.csv")
    assert len(table) == 277
    assert {"pagerank", "betweenness", "closeness", "community",
            "component"} <= set(table.columns)
