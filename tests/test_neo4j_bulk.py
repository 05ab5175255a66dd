"""Bulk load: `graphkit neo4j export-import DIR` writes what the real
`neo4j-admin database import full` (from the test server's own jars) reads;
the imported graph equals a push of the same network."""
from __future__ import annotations

import os

import pytest

from graphkit.errors import GraphkitError
from graphkit.neo4j import push_network
from graphkit.neo4j.bulk import export_import

NODES = ("MATCH (a:Actor) RETURN a.id AS id, labels(a) AS labels, "
         "properties(a) AS p ORDER BY id")
RELS = ("MATCH (s:Actor)-[r]->(t:Actor) RETURN s.id AS s, t.id AS t, "
        "type(r) AS type, properties(r) AS p ORDER BY r.key")


def _graph(driver, db=None):
    def clean(p):  # an empty list is absent after an import (docs/neo4j.md)
        return {k: v for k, v in p.items() if k != "graphkit_run" and v != []}
    nodes = [(r["id"], sorted(r["labels"]), clean(r["p"]))
             for r in driver.execute_query(NODES, database_=db).records]
    rels = [(r["s"], r["t"], r["type"], clean(r["p"]))
            for r in driver.execute_query(RELS, database_=db).records]
    return nodes, rels


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")),
                    reason="neo4j-admin runs on the tests' own server's jars")
def test_admin_import_equals_push(neo4j_db, small_network, tmp_path):
    from neo4j import GraphDatabase
    from neo4j_server import admin_import, server_on
    driver, db = neo4j_db
    push_network(driver, small_network, database=db)
    pushed = _graph(driver, db)
    files = export_import(small_network, tmp_path / "bulk")
    header = files[0].read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id:ID(Actor),:LABEL,")
    assert "sectors:string[]" in header and "lat:double" in header
    admin_import(tmp_path / "home", *files)
    with server_on(tmp_path / "home") as server, GraphDatabase.driver(
            server.uri, auth=(server.user, server.password)) as other:
        imported = _graph(other)
        for got, want in zip(imported, pushed):
            assert len(got) == len(want)
            for g, w in zip(got, want):
                assert g == w
        # a push after the import finds everything unchanged
        summary = push_network(other, small_network)
        assert not summary.changed
        assert summary.nodes["unchanged"] == len(small_network.actors)


def test_formula_values_are_refused(small_network, tmp_path):
    small_network.actors.loc["sme_3", "name"] = "=HYPERLINK(\"x\")"
    with pytest.raises(GraphkitError, match="'sme_3', column 'name'"):
        export_import(small_network, tmp_path / "bulk")
    assert not (tmp_path / "bulk").exists()


def test_list_items_holding_the_separator_are_refused(small_network, tmp_path):
    small_network.actors.at["lab_1", "sectors"] = ["ai", "robotics; drones"]
    with pytest.raises(GraphkitError, match="'lab_1', column 'sectors'.*';'"):
        export_import(small_network, tmp_path / "bulk")
    assert not (tmp_path / "bulk").exists()
