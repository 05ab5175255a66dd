"""cypher/import/load_csv.cypher runs for real: the example's CSVs, written by
graphkit's own writer, loaded by the script as it is, give the known counts
and values, and a second run changes nothing."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from graphkit.io import read_network, write_network
from graphkit.model import ACTOR_LABEL, ACTOR_TYPES, COOPERATION_TYPES
from graphkit.neo4j import apply_schema, cypher_dir, pull_network
from graphkit.neo4j.files import split_statements

SCRIPT = cypher_dir() / "import" / "load_csv.cypher"
FILES = ("actors.csv", "cooperations.csv")
# Identity fields of the script's cooperation key ('csv:' + these, '|'-joined)
IDENTITY = ["source", "target", "type", "year", "programme", "note"]


def script_statements() -> list[str]:
    """The script's statements, read from its one copy, as a Browser user
    runs them (``file:///actors.csv`` is looked up in the server's import
    folder)."""
    text = SCRIPT.read_text(encoding="utf-8")
    for name in FILES:
        assert f"'file:///{name}'" in text, name
    return split_statements(text)


def csv_folder(server) -> Path:
    if server.import_dir is None:
        pytest.skip("NEO4J_URI is set: set GRAPHKIT_TEST_NEO4J_IMPORT_DIR to "
                    "that server's import folder to run the LOAD CSV script")
    return Path(server.import_dir)


def counts(driver, db):
    one = lambda q: driver.execute_query(q, database_=db).records[0]["n"]
    nodes = {label: one(f"MATCH (a:{label}) RETURN count(a) AS n")
             for label in [ACTOR_LABEL] + [t.label for t in ACTOR_TYPES.values()]}
    rels = {t.rel_type: one(f"MATCH ()-[r:{t.rel_type}]->() RETURN count(r) AS n")
            for t in COOPERATION_TYPES.values()}
    return nodes, rels


def test_load_csv_script_loads_the_example(neo4j_db, bolt_server, example_dir):
    driver, db = neo4j_db
    network = read_network(example_dir).network
    folder = csv_folder(bolt_server)
    written = write_network(network, folder)  # what `neo4j pull -o` writes
    assert [p.name for p in written] == list(FILES)
    statements = script_statements()
    assert len(statements) == len(ACTOR_TYPES) + len(COOPERATION_TYPES)

    apply_schema(driver, database=db)
    for statement in statements:
        driver.execute_query(statement, database_=db)

    actors, coops = network.actors, network.cooperations
    per_type = actors["type"].value_counts()
    expected_nodes = {ACTOR_LABEL: len(actors)} | {
        t.label: int(per_type.get(key, 0)) for key, t in ACTOR_TYPES.items()}
    # The script MERGEs cooperations on 'csv:' + the identity fields, so
    # exact duplicate rows become one relationship (push keeps them apart:
    # its key counts earlier identical rows). The example has one such
    # duplicate, hence counts of distinct identities, not of rows.
    distinct = coops.drop_duplicates(subset=IDENTITY)
    assert len(distinct) < len(coops)  # the case this comment is about
    per_rel = distinct["type"].value_counts()
    expected_rels = {t.rel_type: int(per_rel.get(key, 0))
                     for key, t in COOPERATION_TYPES.items()}
    assert counts(driver, db) == (expected_nodes, expected_rels)

    q = lambda text, **p: driver.execute_query(text, p, database_=db).records
    # a name with an accent, a comma and a quote, an extra column, lists
    ministry = actors.loc["ministry_economy"]
    [rec] = q("MATCH (a:Actor:Ministry {id: 'ministry_economy'}) "
              "RETURN a.name AS name, a.type AS type, a.sectors AS sectors, "
              "a.lat AS lat, a.lon AS lon, a.source AS source")
    assert rec["name"] == ministry["name"] == (
        "Ministère de l'Économie, des Finances et de l'Industrie (DGCIS)")
    assert rec["type"] == "ministry" and rec["sectors"] == []
    assert rec["source"] == ministry["source"]
    assert isinstance(rec["lat"], float) and rec["lat"] == ministry["lat"]
    assert rec["lon"] == ministry["lon"]
    multi = actors[actors["sectors"].map(len) > 1].iloc[0]
    [rec] = q("MATCH (a:Actor {id: $id}) RETURN a.sectors AS sectors, "
              "a.seeks AS seeks", id=multi.name)
    assert rec["sectors"] == list(multi["sectors"])
    assert rec["seeks"] == list(multi["seeks"])
    zh = actors[actors["name_zh"].notna()].iloc[0]
    [rec] = q("MATCH (a:Actor {id: $id}) RETURN a.name_zh AS zh", id=zh.name)
    assert rec["zh"] == zh["name_zh"]

    # a cooperation: year an integer, weight a float, no source/target/type
    # property, the note with its comma and accent
    row = coops[coops["note"].fillna("").str.contains(",")].iloc[0]
    rel = COOPERATION_TYPES[row["type"]].rel_type
    records = q(f"MATCH (:Actor {{id: $s}})-[r:{rel}]->(:Actor {{id: $t}}) "
                f"WHERE r.year = $year RETURN properties(r) AS p",
                s=row["source"], t=row["target"], year=int(row["year"]))
    assert len(records) == 1
    props = records[0]["p"]
    assert isinstance(props["year"], int) and props["year"] == row["year"]
    assert isinstance(props["weight"], float) and props["weight"] == row["weight"]
    assert props["note"] == row["note"]
    assert props["provenance"] == row["provenance"]
    assert props["key"].startswith("csv:")
    assert not {"source", "target", "type"} & set(props)
    [rec] = q("MATCH ()-[r]->() WHERE r.year IS NULL RETURN count(r) AS n")
    assert rec["n"] == distinct["year"].isna().sum()
    # an empty programme sets none (LOAD CSV reads an empty field as null)
    [rec] = q("MATCH ()-[r]->() RETURN count(r.programme) AS n, "
              "count(CASE WHEN r.programme = '' THEN 1 END) AS empty")
    assert (rec["n"], rec["empty"]) == (distinct["programme"].notna().sum(), 0)

    # a second run MERGEs onto what is there: no count changes
    for statement in statements:
        driver.execute_query(statement, database_=db)
    assert counts(driver, db) == (expected_nodes, expected_rels)

    # pull reads it back (no graphkit_managed needed): ids, types,
    # years, programmes
    pulled = pull_network(driver, database=db)
    assert pulled.meta["skipped"] == []
    assert sorted(pulled.actors.index) == sorted(actors.index)
    assert pulled.actors["type"].to_dict() == actors["type"].to_dict()
    ident = lambda c: sorted(
        tuple("" if pd.isna(v) else str(v) for v in r) for r in
        c[["source", "target", "type", "year", "programme"]]
        .itertuples(index=False, name=None))
    assert ident(pulled.cooperations) == ident(distinct)
