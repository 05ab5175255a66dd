"""The Cypher library: every query runs with known answers on a real Bolt
server; every .cypher file uses only the vocabulary's labels and types."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from graphkit.errors import GraphkitError
from graphkit.model import (ACTOR_LABEL, ACTOR_TYPES, COOPERATION_TYPES,
                            SUGGESTED_PARTNER)
from graphkit.neo4j import (cypher_dir, get_query, list_queries, parse_params,
                            push_network, run_query, schema_statements,
                            write_back)
from graphkit.neo4j.files import split_statements, strip_comments
from graphkit.neo4j.library import example_params

LABELS = {ACTOR_LABEL} | {t.label for t in ACTOR_TYPES.values()}
REL_TYPES = {t.rel_type for t in COOPERATION_TYPES.values()} | {SUGGESTED_PARTNER}
REQUIRED = {"ecosystem_overview", "pole_international_footprint",
            "smes_without_academic_partner", "parks_without_french_partner",
            "top_brokers", "suggested_partners", "shortest_path",
            "cooperation_by_year", "sector_white_spaces",
            "coopol_mission_candidates", "programme_beneficiaries",
            "dormant_ties"}


def cypher_files():
    root = cypher_dir()
    return sorted(root.rglob("*.cypher"))


def names_used(text: str):
    """Labels and relationship types a Cypher text mentions (comments and
    string literals removed first; upper-case literals are kept apart as
    they name relationship types in ``type(r) = '...'`` tests)."""
    text = strip_comments(text)
    literals = re.findall(r"'([^'\\]*)'", text)
    text = re.sub(r"'[^'\\]*'|\"[^\"\\]*\"", "''", text)
    labels, rels = set(), set()
    # relationship patterns: [r:TYPE|TYPE*..8 {...}]
    for m in re.finditer(r"\[\s*\w*\s*:\s*([A-Za-z_|:\s]+)", text):
        rels |= {t.strip() for t in re.split(r"[|:]", m.group(1)) if t.strip()}
    # node patterns (x:Label:Label {…}) and label predicates  x:Label
    no_rels = re.sub(r"\[[^\]]*\]", "[]", text)
    no_maps = re.sub(r"\{[^{}]*\}", "{}", no_rels)
    for m in re.finditer(r"\b\w+((?:\s*:\s*[A-Za-z_]\w*)+)", no_maps):
        labels |= {t.strip() for t in m.group(1).split(":") if t.strip()}
    for m in re.finditer(r"\(\s*((?::\s*[A-Za-z_]\w*)+)", no_maps):
        labels |= {t.strip() for t in m.group(1).split(":") if t.strip()}
    consts = {x for x in literals if re.fullmatch(r"[A-Z][A-Z_]{2,}", x)}
    return labels, rels | consts


def test_library_has_every_query_asked_for():
    assert REQUIRED <= {q.name for q in list_queries()}


@pytest.mark.parametrize("path", cypher_files(), ids=lambda p: p.name)
def test_cypher_uses_only_the_vocabulary(path):
    text = path.read_text(encoding="utf-8")
    labels, rels = names_used(text)
    assert labels <= LABELS, labels - LABELS
    assert rels <= REL_TYPES, rels - REL_TYPES
    assert labels or rels or path.name == "schema.cypher"


def test_the_label_checker_catches_strangers():
    labels, rels = names_used(
        "MATCH (a:Actor:Startup {id: $x})-[:KNOWS|RD_PARTNERSHIP]->(b) "
        "WHERE b:Spy AND type(r) = 'LIKES' RETURN a.name AS n")
    assert labels == {"Actor", "Startup", "Spy"}
    assert rels == {"KNOWS", "RD_PARTNERSHIP", "LIKES"}


def test_every_query_has_a_header():
    for q in list_queries():
        assert len(q.description) > 30, q.name
        params = set(re.findall(r"\$(\w+)", q.text))
        assert params == set(q.params), q.name


def test_schema_covers_the_vocabulary():
    text = " ".join(schema_statements())
    assert all("IF NOT EXISTS" in s for s in schema_statements())
    assert "REQUIRE a.id IS UNIQUE" in text
    for t in COOPERATION_TYPES.values():
        assert f"[r:{t.rel_type}]-() ON (r.key)" in text, t.rel_type


def test_params_are_parsed_and_checked():
    assert parse_params(["pole=pole_a", "before=2012", "x=0.5", "s='2012'"]) == {
        "pole": "pole_a", "before": 2012, "x": 0.5, "s": "2012"}
    with pytest.raises(GraphkitError, match="key=value"):
        parse_params(["pole"])
    with pytest.raises(GraphkitError, match="did you mean 'dormant_ties'"):
        get_query("dormant_tie")


def test_header_params_are_the_runners_defaults(neo4j_db, example_dir):
    """Each `:param` line is what Neo4j Browser would use and what the
    runner uses for a parameter not given; queries reading write-back's
    output say so while it has not run."""
    from graphkit.io import read_network
    from graphkit.neo4j.library import missing_steps
    driver, db = neo4j_db
    push_network(driver, read_network(example_dir).network, database=db)
    for query in list_queries():
        assert query.defaults.keys() == query.params.keys()
        given = run_query(driver, query.name, {
            k: v for k, v in example_params(query).items()
            if k not in query.optional}, database=db)
        default = run_query(driver, query.name, database=db)
        assert default.equals(given), query.name
        if query.name in ("top_brokers", "suggested_partners"):
            assert query.needs == ("write-back",)
            assert default.empty
            [hint] = missing_steps(driver, query.name, database=db)
            assert "graphkit neo4j write-back" in hint
        else:
            assert missing_steps(driver, query.name, database=db) == []
    path = run_query(driver, "shortest_path", database=db)
    assert path.at[0, "path"].startswith("pole_systematic -[")
    assert path.at[0, "path"].endswith("]- park_zhongguancun")
    assert path.at[0, "path"].count(" -[") == path.at[0, "hops"]


def test_unknown_params_are_named(neo4j_db):
    driver, db = neo4j_db
    with pytest.raises(GraphkitError, match="takes no parameter.*colour"):
        run_query(driver, "dormant_ties", {"before": 2012, "colour": "red"},
                  database=db)


def rows(df: pd.DataFrame, *cols):
    return {tuple(tuple(v) if isinstance(v, list) else v for v in r)
            for r in df[list(cols)].itertuples(index=False, name=None)}


def test_every_query_gives_the_known_answer(neo4j_db, small_network):
    driver, db = neo4j_db
    push_network(driver, small_network, database=db)
    metrics = pd.DataFrame({"betweenness": [0.6, 0.3, 0.1],
                            "constraint": [0.2, 0.5, 0.9], "community": [0, 0, 1]},
                           index=["pole_a", "lab_1", "sme_1"])
    rec = pd.DataFrame({"actor_id": ["sme_2", "sme_2"],
                        "partner_id": ["lab_1", "park_2"], "rank": [2, 1],
                        "score": [0.4, 0.8], "reasons": ["ai", "health"],
                        "programmes": [(), ("prog_coopol",)]})
    write_back(driver, metrics, rec, database=db, run_id="r")
    q = lambda name, **p: run_query(driver, name, p, database=db)

    overview = q("ecosystem_overview")
    assert rows(overview, "type", "actors", "french", "foreign") == {
        ("pole", 2, 2, 0), ("sme", 3, 3, 0), ("lab", 2, 1, 1), ("park", 2, 0, 2),
        ("programme", 2, 2, 0), ("agency", 1, 0, 1), ("embassy_service", 1, 0, 1)}
    assert overview.set_index("type").at["park", "cooperations"] == 4

    fp = q("pole_international_footprint", pole="pole_a")
    assert {(c, p, tuple(sorted(v))) for c, p, v in
            fp[["country", "partner", "via"]].itertuples(index=False)} == {
        ("CN", "emb", ("pole_a",)), ("CN", "lab_cn", ("lab_1", "sme_3")),
        ("CN", "park_1", ("pole_a",))}
    assert fp.set_index("partner").at["park_1", "cooperations"] == 2

    assert rows(q("smes_without_academic_partner", country="FR"), "sme", "poles") == {
        ("sme_2", ("pole_b",))}
    assert rows(q("smes_without_academic_partner"), "sme") == {("sme_2",)}
    assert rows(q("parks_without_french_partner"), "park") == {("park_2",)}
    brokers = q("top_brokers", limit=2)
    assert list(brokers["actor"]) == ["pole_a", "lab_1"]
    assert list(q("suggested_partners", actor="sme_2")["partner"]) == ["park_2", "lab_1"]
    path = q("shortest_path", source="sme_1", target="park_1")
    assert rows(path, "path", "hops") == {
        ("sme_1 -[MEMBER_OF]- pole_a -[DELEGATION_VISIT]- park_1", 2)} or rows(
        path, "path", "hops") == {("sme_1 -[MEMBER_OF]- pole_a -[SEMINAR]- park_1", 2)}
    [rec] = driver.execute_query(  # a path, which Neo4j Browser draws
        get_query("shortest_path").text, source="sme_1", target="park_1",
        database_=db).records
    assert type(rec["path"]).__name__ == "Path" and len(rec["path"]) == 2
    assert rows(q("cooperation_by_year"), "year", "cooperation", "cooperations") == {
        (2008, "ACADEMIC_PARTNER", 1), (2012, "RD_PARTNERSHIP", 1),
        (2013, "DELEGATION_VISIT", 1), (2013, "SEMINAR", 1),
        (2013, "SUPPORTS", 1), (2013, "FUNDED_BY", 1),
        (2014, "RD_PARTNERSHIP", 1), (2015, "ACADEMIC_PARTNER", 1)}
    assert rows(q("sector_white_spaces"), "sector", "french_actors",
                "foreign_actors") == {("health", 3, 1)}
    assert rows(q("coopol_mission_candidates", pole="pole_a"), "candidate",
                "shared_sectors") == {("park_2", ("health",))}
    assert rows(q("programme_beneficiaries", programme="prog_phc"),
                "beneficiary", "cooperations") == {
        ("sme_1", 1), ("lab_1", 1), ("sme_3", 1), ("lab_cn", 1)}
    assert rows(q("programme_beneficiaries", programme="prog_coopol"),
                "beneficiary", "cooperations") == {("pole_a", 2), ("park_1", 1)}
    assert rows(q("dormant_ties", before=2012), "actor", "partner", "last_year") == {
        ("lab_1", "lab_cn", 2008)}


def test_every_query_runs_on_the_example(neo4j_db, example_dir):
    from graphkit.io import read_network
    driver, db = neo4j_db
    network = read_network(example_dir).network
    push_network(driver, network, database=db)
    for query in list_queries():
        df = run_query(driver, query.name, example_params(query), database=db)
        if query.name not in ("top_brokers", "suggested_partners"):
            assert len(df), query.name  # no write-back here
    overview = run_query(driver, "ecosystem_overview", database=db)
    assert overview["actors"].sum() == len(network.actors)
    assert dict(zip(overview["type"], overview["actors"])) == \
        network.actors["type"].value_counts().to_dict()
    by_year = run_query(driver, "cooperation_by_year", database=db)
    ties = network.ties()
    assert by_year["cooperations"].sum() == ties["year"].notna().sum()

    # three answers checked against the same question asked with pandas
    a = network.actors
    country, kind = a["country"].to_dict(), a["type"].to_dict()
    q = lambda name, **p: run_query(driver, name, p, database=db)

    parks = set(a.index[a["type"] == "park"])
    with_fr = {x for s, t in zip(ties["source"], ties["target"])
               for x, y in ((s, t), (t, s)) if x in parks and country.get(y) == "FR"}
    assert set(q("parks_without_french_partner")["park"]) == parks - with_fr

    smes = set(a.index[a["type"] == "sme"])
    acad = ties[ties["type"].isin(["rd_partnership", "academic_partner", "training"])]
    tied = {x for s, t in zip(acad["source"], acad["target"])
            for x, y in ((s, t), (t, s))
            if x in smes and kind.get(y) in ("lab", "training_centre")}
    assert set(q("smes_without_academic_partner")["sme"]) == smes - tied

    dated = ties[ties["year"].notna()]
    last = {}
    for s, t, y in zip(dated["source"], dated["target"], dated["year"]):
        pair = (min(s, t), max(s, t))
        last[pair] = max(last.get(pair, 0), int(y))
    expected = {(u, v, y) for (u, v), y in last.items() if y < 2010}
    assert rows(q("dormant_ties", before=2010), "actor", "partner", "last_year") == expected
