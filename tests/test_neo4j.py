"""Push, pull, --replace, write-back and connection errors against a real
Neo4j 5 (the tests' own, or NEO4J_URI)."""
from __future__ import annotations

import logging
import math

import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit.errors import GraphkitError
from graphkit.network import Network
from graphkit.neo4j import (connect, pull_network, push_network, safe_uri,
                            write_back)
from neo4j_server import free_port


def _cell(v):
    if isinstance(v, tuple):
        return v
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def canon(network: Network):
    """The network as comparable sets: (id, column, value) per actor cell,
    and a multiset of cooperation rows."""
    a = network.actors
    actors = sorted((i, c, _cell(v)) for i, row in zip(a.index, a.to_dict("records"))
                    for c, v in row.items() if _cell(v) is not None)
    c = network.cooperations
    coops = sorted(tuple((k, _cell(v)) for k, v in row.items()
                         if _cell(v) is not None)
                   for row in c.to_dict("records"))
    return actors, coops


def counts(driver, db):
    """Nodes, relationships and every property, as a comparable snapshot."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p", database_=db)
    rels, _, _ = driver.execute_query(
        "MATCH (s)-[r]->(t) RETURN s.id AS s, type(r) AS t, t.id AS d, "
        "properties(r) AS p", database_=db)
    snap = lambda recs: sorted(repr(sorted((k, repr(v)) for k, v in r.data().items()))
                               for r in recs)
    return len(nodes), len(rels), snap(nodes), snap(rels)


def foreign(driver, db):
    """Data graphkit did not write: a foreign node, a foreign relationship
    between foreign nodes, and one attached to a graphkit actor."""
    driver.execute_query(
        "CREATE (:Person {name: 'Alice'})-[:KNOWS {since: 2001}]->(:Person {name: 'Bob'})",
        database_=db)


def test_push_creates_the_vocabulary_shape(neo4j_db, small_network):
    driver, db = neo4j_db
    s = push_network(driver, small_network, database=db, batch_size=4)
    assert s.nodes["created"] == 13 and s.relationships["created"] == 14
    recs, _, _ = driver.execute_query(
        "MATCH (a:Actor) RETURN a.id AS id, labels(a) AS labels, a.name AS name, "
        "a.sectors AS sectors", database_=db)
    got = {(r["id"], tuple(sorted(r["labels"])), r["name"], tuple(r["sectors"]))
           for r in recs}
    assert ("pole_a", ("Actor", "Pole"), 'Pôle "Alpha" & co', ("ai", "health")) in got
    assert ("lab_cn", ("Actor", "Lab"), "清华大学人工智能实验室", ("ai", "robotics")) in got
    recs, _, _ = driver.execute_query(
        "MATCH (s:Actor)-[r]->(t:Actor) RETURN s.id AS s, type(r) AS t, t.id AS d, "
        "r.year AS y", database_=db)
    rels = {(r["s"], r["t"], r["d"], r["y"]) for r in recs}
    assert ("sme_1", "RD_PARTNERSHIP", "lab_1", 2012) in rels
    assert ("sme_1", "RD_PARTNERSHIP", "lab_1", 2014) in rels  # parallel kept
    assert ("torch", "SUPERVISES", "park_2", None) in rels
    assert len(recs) == 14
    recs, _, _ = driver.execute_query("SHOW CONSTRAINTS", database_=db)
    assert any(r["labelsOrTypes"] == ["Actor"] and r["properties"] == ["id"]
               for r in recs)


def test_push_twice_changes_nothing(neo4j_db, small_network):
    driver, db = neo4j_db
    foreign(driver, db)
    first = push_network(driver, small_network, database=db, run_id="r1")
    before = counts(driver, db)
    again = push_network(driver, small_network, database=db, run_id="r2")
    assert counts(driver, db) == before
    assert (again.nodes["created"], again.nodes["updated"], again.nodes["unchanged"]) == (0, 0, 13)
    assert (again.relationships["created"], again.relationships["unchanged"]) == (0, 14)
    forced = push_network(driver, small_network, database=db, run_id="r1",
                          force=True)
    assert forced.nodes["updated"] == 13 and forced.relationships["updated"] == 14
    assert counts(driver, db) == before
    assert first.nodes["created"] == 13


def test_push_then_pull_gives_back_the_network(neo4j_db, small_network):
    driver, db = neo4j_db
    foreign(driver, db)
    push_network(driver, small_network, database=db)
    pulled = pull_network(driver, database=db)
    assert canon(pulled) == canon(small_network)
    assert pulled.meta["skipped"] == []
    assert pulled.actors.at["park_1", "name_zh"] == "中关村"


def test_an_actor_graphkit_did_not_write_is_reported_and_left_alone(
        neo4j_db, small_network):
    """An :Actor someone created by hand with the id of a data row is not
    overwritten, relabelled nor marked as graphkit's; the cooperations
    touching it are not written; --replace never deletes it."""
    driver, db = neo4j_db
    driver.execute_query(
        "CREATE (:Actor:Analyst {id: 'sme_1', name: 'their own', note: 'x'})",
        database_=db)
    q = ("MATCH (a:Actor {id: 'sme_1'}) RETURN properties(a) AS p, "
         "labels(a) AS l, COUNT { (a)--() } AS degree")
    before = driver.execute_query(q, database_=db).records[0].data()
    s = push_network(driver, small_network, database=db)
    assert (s.nodes["created"], s.nodes["foreign"]) == (12, 1)
    assert s.foreign_ids == ["sme_1"]
    # sme_1 -> pole_a (member), sme_1 -> lab_1 twice
    assert (s.relationships["created"], s.relationships["foreign"]) == (11, 3)
    assert "left alone: 1 actor(s)" in str(s) and "sme_1" in str(s)
    assert driver.execute_query(q, database_=db).records[0].data() == before
    again = push_network(driver, small_network, database=db)
    assert again.nodes["foreign"] == 1 and not again.changed
    assert "nothing changed" in str(again)
    gone = small_network.subnetwork([i for i in small_network.actors.index
                                     if i != "sme_1"])
    r = push_network(driver, gone, database=db, replace=True)
    assert r.nodes["deleted"] == 0 and r.nodes["foreign"] == 0
    assert driver.execute_query(q, database_=db).records[0].data() == before


def test_push_updates_changed_rows(neo4j_db, small_network):
    driver, db = neo4j_db
    push_network(driver, small_network, database=db)
    a = small_network.actors.reset_index()
    a.loc[a["id"] == "sme_1", "name"] = "PME l'Étoile (renamed)"
    a.loc[a["id"] == "lab_1", "country"] = pd.NA  # a removed value
    c = small_network.cooperations.copy()
    c.loc[0, "weight"] = 5.0
    changed = Network(a, c)
    s = push_network(driver, changed, database=db)
    assert (s.nodes["created"], s.nodes["updated"], s.nodes["unchanged"]) == (0, 2, 11)
    assert (s.relationships["updated"], s.relationships["unchanged"]) == (1, 13)
    assert canon(pull_network(driver, database=db)) == canon(changed)


def test_push_changes_the_type_label(neo4j_db, small_network):
    driver, db = neo4j_db
    push_network(driver, small_network, database=db)
    a = small_network.actors.reset_index()
    a.loc[a["id"] == "sme_3", "type"] = "company"
    changed = Network(a, small_network.cooperations)
    s = push_network(driver, changed, database=db)
    assert s.nodes["updated"] == 1
    recs, _, _ = driver.execute_query(
        "MATCH (a:Actor {id: 'sme_3'}) RETURN labels(a) AS l", database_=db)
    assert sorted(recs[0]["l"]) == ["Actor", "Company"]
    assert canon(pull_network(driver, database=db)) == canon(changed)


def test_replace_removes_exactly_what_graphkit_wrote_and_data_lost(neo4j_db, small_network):
    driver, db = neo4j_db
    foreign(driver, db)
    push_network(driver, small_network, database=db)
    # a foreign relationship on an actor that stays, and one on an actor to go
    driver.execute_query(
        "MATCH (a:Actor {id: 'sme_1'}), (p:Person {name: 'Alice'}) "
        "CREATE (p)-[:ADVISES]->(a)", database_=db)
    driver.execute_query(
        "MATCH (a:Actor {id: 'emb'}), (p:Person {name: 'Bob'}) "
        "CREATE (p)-[:WORKS_AT]->(a)", database_=db)
    keep = [i for i in small_network.actors.index if i not in ("emb", "park_2")]
    smaller = small_network.subnetwork(keep)
    c = smaller.cooperations
    smaller = Network(smaller.actors.reset_index(),
                      c[~((c["type"] == "seminar"))])
    s = push_network(driver, smaller, database=db, replace=True)
    # park_2 goes; emb stays (a relationship graphkit did not write is attached)
    assert (s.nodes["deleted"], s.nodes["kept"]) == (1, 1)
    # seminar, torch->park_2, emb->pole_a
    assert s.relationships["deleted"] == 3
    recs, _, _ = driver.execute_query(
        "MATCH (a:Actor) RETURN a.id AS id", database_=db)
    assert {r["id"] for r in recs} == set(keep) | {"emb"}
    recs, _, _ = driver.execute_query(
        "MATCH (s)-[r]->(t) WHERE NOT type(r) IN $t "
        "RETURN coalesce(s.id, s.name) AS s, type(r) AS r, coalesce(t.id, t.name) AS t",
        {"t": sorted({"MEMBER_OF", "RD_PARTNERSHIP", "ACADEMIC_PARTNER",
                      "TRAINING", "DELEGATION_VISIT", "SEMINAR", "FUNDED_BY",
                      "SUPERVISES", "SUPPORTS"})}, database_=db)
    assert {tuple(r.values()) for r in recs} == {
        ("Alice", "KNOWS", "Bob"), ("Alice", "ADVISES", "sme_1"),
        ("Bob", "WORKS_AT", "emb")}
    recs, _, _ = driver.execute_query(
        "MATCH (p:Person) RETURN p.name AS n", database_=db)
    assert {r["n"] for r in recs} == {"Alice", "Bob"}
    pulled = pull_network(driver, database=db)
    assert {r for r in canon(pulled)[1]} == set(canon(smaller)[1])
    assert any("ADVISES" in str(p) for p in pulled.meta["skipped"])


def test_write_back_sets_metrics_and_replaces_suggestions(neo4j_db, small_network):
    driver, db = neo4j_db
    push_network(driver, small_network, database=db)
    metrics = pd.DataFrame({"betweenness": [0.5, 0.25], "community": [1, 2],
                            "pagerank": [0.1, float("nan")]},
                           index=pd.Index(["sme_1", "lab_1"], name="id"))
    rec = pd.DataFrame({"actor_id": ["sme_1", "sme_1", "sme_3"],
                        "partner_id": ["lab_cn", "park_1", "lab_1"],
                        "rank": [1, 2, 1], "score": [0.9, 0.5, 0.7],
                        "reasons": ["shared sector 'ai'", "<b>near</b>", "两者"],
                        "programmes": [("prog_phc",), (), ("prog_phc", "prog_coopol")]})
    out = write_back(driver, metrics, rec, database=db, run_id="run1")
    assert out["actors_scored"] == 2 and out["suggestions_created"] == 3
    recs, _, _ = driver.execute_query(
        "MATCH (a:Actor) WHERE a.betweenness IS NOT NULL "
        "RETURN a.id AS id, a.betweenness AS b, a.community AS c, a.pagerank AS p",
        database_=db)
    assert {tuple(r.values()) for r in recs} == {("sme_1", 0.5, 1, 0.1),
                                                 ("lab_1", 0.25, 2, None)}
    q = ("MATCH (a:Actor)-[r:SUGGESTED_PARTNER]->(b:Actor) RETURN a.id AS a, "
         "b.id AS b, r.rank AS rank, r.score AS score, r.reasons AS reasons, "
         "r.programmes AS p, r.run AS run")
    recs, _, _ = driver.execute_query(q, database_=db)
    assert {(r["a"], r["b"], r["rank"], r["reasons"], tuple(r["p"]), r["run"])
            for r in recs} == {
        ("sme_1", "lab_cn", 1, "shared sector 'ai'", ("prog_phc",), "run1"),
        ("sme_1", "park_1", 2, "<b>near</b>", (), "run1"),
        ("sme_3", "lab_1", 1, "两者", ("prog_phc", "prog_coopol"), "run1")}
    # a second run replaces the suggestions and drops metrics that are gone
    out = write_back(driver, metrics[["community"]].iloc[:1], rec.iloc[2:],
                     database=db, run_id="run2")
    assert out["suggestions_deleted"] == 3 and out["suggestions_created"] == 1
    recs, _, _ = driver.execute_query(q, database_=db)
    assert {(r["a"], r["b"], r["run"]) for r in recs} == {("sme_3", "lab_1", "run2")}
    recs, _, _ = driver.execute_query(
        "MATCH (a:Actor) WHERE a.betweenness IS NOT NULL OR a.community IS NOT NULL "
        "RETURN a.id AS id, a.betweenness AS b, a.community AS c", database_=db)
    assert {tuple(r.values()) for r in recs} == {("sme_1", None, 1)}
    # metrics and suggestions are not data: pull still gives the network
    assert canon(pull_network(driver, database=db)) == canon(small_network)
    # and a push keeps the scores (push does not touch properties it did not write)
    push_network(driver, small_network, database=db, force=True)
    recs, _, _ = driver.execute_query(
        "MATCH (a:Actor {id: 'sme_1'}) RETURN a.community AS c", database_=db)
    assert recs[0]["c"] == 1


def test_pull_reports_what_it_cannot_map(neo4j_db, small_network):
    driver, db = neo4j_db
    push_network(driver, small_network, database=db)
    driver.execute_query(
        "CREATE (:Actor {id: 'odd', name: 'no type'}) "
        "CREATE (:Actor:SME {name: 'no id'}) "
        "CREATE (:Actor:SME {id: 'hand', name: 'added by hand in Browser', country: 'fr'}) "
        "CREATE (:Actor:Lab {id: 'typo', name: 'Labo', country: 'Frankreich'})",
        database_=db)
    driver.execute_query(
        "MATCH (a:Actor {id: 'odd'}), (b:Actor {id: 'sme_1'}), (h:Actor {id: 'hand'}) "
        "CREATE (a)-[:RD_PARTNERSHIP {year: 2020}]->(b) "
        "CREATE (h)-[:RD_PARTNERSHIP {year: 2021}]->(b)", database_=db)
    pulled = pull_network(driver, database=db)
    reasons = [str(p) for p in pulled.meta["skipped"]]
    assert len(reasons) == 4, reasons
    # read, then checked against the data contract like a file
    assert any("Frankreich" in r and "ISO 3166" in r for r in reasons)
    assert "typo" not in pulled.actors.index
    assert pulled.actors.at["hand", "country"] == "FR"
    assert any("'odd'" in r and "type" in r for r in reasons)
    assert any("without an id" in r for r in reasons)
    assert any("odd -[RD_PARTNERSHIP]-> sme_1" in r for r in reasons)
    assert pulled.actors.at["hand", "type"] == "sme"
    c = pulled.cooperations
    assert len(c[(c["source"] == "hand") & (c["year"] == 2021)]) == 1


# ------------------------------------------------------------- connection
def test_connect_errors_are_short_and_never_show_the_password(bolt_server, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "not-the-password-42"
    with pytest.raises(GraphkitError, match="refused the credentials") as e:
        with connect(bolt_server.uri, bolt_server.user, secret):
            pass
    assert secret not in str(e.value) and secret not in caplog.text
    assert e.value.__cause__ is None
    with pytest.raises(GraphkitError, match="cannot reach Neo4j at bolt://127.0.0.1"):
        with connect(f"bolt://127.0.0.1:{free_port()}", "neo4j", secret):
            pass
    with pytest.raises(GraphkitError, match="scheme must be one of"):
        with connect("http://localhost:7474", "neo4j", secret):
            pass
    with pytest.raises(GraphkitError, match="--uri"):
        with connect(None, "neo4j", secret):
            pass
    with pytest.raises(GraphkitError, match="no database 'nowhere'"):
        with connect(bolt_server.uri, bolt_server.user, bolt_server.password,
                     database="nowhere"):
            pass
    assert secret not in caplog.text


def test_safe_uri_strips_credentials():
    assert safe_uri("neo4j://u:p@host:7687/x") == "neo4j://host:7687/x"


PASSWORDS = ["ab/Secret", "ab?Secret", "ab#Secret", "a@b@Secret",
             "ab%2FSecret", "ab%Secret", "s3/cr?t#@%x", "Secret"]


@pytest.mark.parametrize("password", PASSWORDS)
def test_credentials_in_the_uri_are_never_shown(bolt_server, password, caplog):
    """A password written unencoded in the URI, whatever it holds, appears
    in no message (nor any piece of it a URL parser would cut out)."""
    host = bolt_server.uri.split("://", 1)[1]
    uri = f"bolt://neo4j:{password}@{host}"
    assert safe_uri(uri) == bolt_server.uri
    caplog.set_level(logging.DEBUG)
    with pytest.raises(GraphkitError) as e:
        with connect(uri, "neo4j", password):
            pass
    shown = str(e.value) + caplog.text
    assert "Secret" not in shown and password not in shown
    assert bolt_server.uri in str(e.value) and "--password" in str(e.value)
    r = CliRunner().invoke(_cli_main(), ["neo4j", "pull", "-o", "x.json",
                                         "--uri", uri, "--password", password])
    assert r.exit_code == 1 and "Secret" not in r.output
    assert password not in r.output and "Traceback" not in r.output


def _cli_main():
    from graphkit.cli import main
    return main


def test_tests_refuse_to_empty_an_outside_database_holding_data(
        neo4j_db, bolt_server, monkeypatch):
    """NEO4J_URI may point at real work: the fixture must not wipe it."""
    from neo4j_server import BoltServer
    driver, db = neo4j_db
    driver.execute_query("CREATE (:Precious {name: 'keep me'})", database_=db)
    outside = BoltServer(bolt_server.uri, bolt_server.user,
                         bolt_server.password)
    monkeypatch.setenv("NEO4J_DATABASE", db or "")
    monkeypatch.delenv("GRAPHKIT_TEST_EMPTY_NEO4J", raising=False)
    with pytest.raises(RuntimeError, match="would delete the 1 nodes"):
        outside.fresh_database(driver)
    records, _, _ = driver.execute_query(
        "MATCH (n:Precious) RETURN n.name AS name", database_=db)
    assert [r["name"] for r in records] == ["keep me"]
    monkeypatch.setenv("GRAPHKIT_TEST_EMPTY_NEO4J", "1")
    assert outside.fresh_database(driver) == db
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n",
                                         database_=db)
    assert records[0]["n"] == 0
