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
    # the example's default: a French SME three steps from a Chinese park
    assert path.at[0, "path"] == (
        "sme_ctibiotech -[RD_PARTNERSHIP]- sme_ill_082 -[RD_PARTNERSHIP]- "
        "sme_ill_130 -[DELEGATION_VISIT]- park_zhangjiang")
    assert path.at[0, "hops"] == 3


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


ALL_TYPES = [t.rel_type for t in COOPERATION_TYPES.values()]


def test_every_query_answers_the_example_as_pandas_does(neo4j_db, example_dir):
    """Each library query, with its header's defaults (what Neo4j Browser
    runs), after graphkit's own write-back, against the same question
    asked of the example's tables with pandas / networkx."""
    import networkx as nx

    from graphkit.analysis import compute
    from graphkit.io import read_network
    from graphkit.io.results import worded
    from graphkit.results import Parameters
    driver, db = neo4j_db
    network = read_network(example_dir).network
    push_network(driver, network, database=db)
    results = compute(network, Parameters(), parts=["metrics",
                                                    "recommendations"])
    recs = worded("recommendations", results.recommendations, "en")
    write_back(driver, results.metrics, recs, database=db, run_id="example")
    default = {q.name: example_params(q) for q in list_queries()}
    q = lambda name: run_query(driver, name, database=db)  # header defaults

    a, c = network.actors, network.cooperations
    country, kind = a["country"].to_dict(), a["type"].to_dict()
    foreign = {i for i, x in country.items() if isinstance(x, str) and x != "FR"}
    sectors = {i: set(s) if isinstance(s, (list, tuple)) else set()
               for i, s in a["sectors"].items()}
    no_member = c[c["type"] != "member_of"]
    members = c[c["type"] == "member_of"]

    # top_brokers: graphkit's own betweenness, its 10 highest
    m = results.metrics
    want = (m.assign(actor=m.index).sort_values(["betweenness", "actor"],
                                                ascending=[False, True]))
    got = q("top_brokers")
    assert default["top_brokers"]["limit"] == 10 == len(got)
    assert list(got["actor"]) == list(want["actor"][:10])
    assert got["betweenness"].round(9).tolist() == \
        want["betweenness"][:10].round(9).tolist()

    # suggested_partners: graphkit's recommendations of that actor, by rank
    actor = default["suggested_partners"]["actor"]
    mine = recs[recs["actor_id"] == actor].sort_values(["rank", "partner_id"])
    got = q("suggested_partners")
    assert len(mine) > 0
    assert list(got["partner"]) == list(mine["partner_id"])
    assert list(got["rank"]) == list(mine["rank"])
    assert list(got["reasons"]) == list(mine["reasons"])

    # shortest_path: a path of the shortest length networkx finds, each
    # step a cooperation of the type it names
    src, dst = (default["shortest_path"][k] for k in ("source", "target"))
    g = nx.Graph()
    pairs = {}
    for s, t, ty in zip(c["source"], c["target"], c["type"]):
        g.add_edge(s, t)
        pairs.setdefault(frozenset((s, t)), set()).add(
            COOPERATION_TYPES[ty].rel_type)
    far = max(nx.single_source_shortest_path_length(g, src, cutoff=8).items(),
              key=lambda kv: (kv[1], kv[0]))[0]
    for target in (dst, far):
        got = run_query(driver, "shortest_path",
                        {"source": src, "target": target}, database=db)
        hops = nx.shortest_path_length(g, src, target)
        assert got.at[0, "hops"] == hops
        steps = re.split(r" -\[(\w+)\]- ", got.at[0, "path"])
        ids, types = steps[0::2], steps[1::2]
        assert ids[0] == src and ids[-1] == target and len(types) == hops
        for u, v, ty in zip(ids, ids[1:], types):
            assert ty in pairs[frozenset((u, v))], (u, v, ty)
        assert list(got.at[0, "names"]) == [a.at[i, "name"] for i in ids]
    assert hops >= 3  # the farthest actor from the source

    # pole_international_footprint: foreign partners of the pôle and its members
    pole = default["pole_international_footprint"]["pole"]
    insiders = {pole} | set(members["source"][members["target"] == pole])
    expect = {}
    for s, t in zip(no_member["source"], no_member["target"]):
        for i, f in ((s, t), (t, s)):
            if i in insiders and f in foreign:
                e = expect.setdefault(f, [set(), 0])
                e[0].add(i)
                e[1] += 1
    got = q("pole_international_footprint")
    assert len(got) == len(expect) > 5
    assert {(p, country[p], tuple(sorted(v)), n) for p, v, n in zip(
        got["partner"], got["via"], got["cooperations"])} == {
        (p, country[p], tuple(sorted(v)), n) for p, (v, n) in expect.items()}
    assert list(got["country"]) == sorted(got["country"])

    # sector_white_spaces: sectors held on both sides with no R&D-like tie
    near = c[c["type"].isin(["rd_partnership", "academic_partner", "training",
                             "delegation_visit", "seminar"])]
    tied = {frozenset(p) for p in zip(near["source"], near["target"])}
    expect = set()
    for sector in set().union(*sectors.values()):
        have = [i for i in a.index if sector in sectors[i]
                and isinstance(country[i], str)]
        fr = [i for i in have if country[i] == "FR"]
        ab = [i for i in have if country[i] != "FR"]
        if fr and ab and not any(frozenset((x, y)) in tied
                                 for x in fr for y in ab):
            expect.add((sector, len(fr), len(ab)))
    assert rows(q("sector_white_spaces"), "sector", "french_actors",
                "foreign_actors") == expect

    # coopol_mission_candidates: foreign parks, labs, companies and SMEs in
    # the sectors of the pôle and its members, tied to none of them
    pole = default["coopol_mission_candidates"]["pole"]
    insiders = {pole} | set(members["source"][members["target"] == pole])
    pool = set().union(*(sectors[i] for i in insiders))
    near_insiders = {y for s, t in zip(near["source"], near["target"])
                     for x, y in ((s, t), (t, s)) if x in insiders}
    expect = {(i, tuple(sorted(sectors[i] & pool))) for i in a.index
              if kind[i] in ("park", "lab", "company", "sme") and i in foreign
              and i not in near_insiders and sectors[i] & pool}
    got = q("coopol_mission_candidates")
    assert len(expect) > 5
    assert {(i, tuple(sorted(s))) for i, s in
            zip(got["candidate"], got["shared_sectors"])} == expect
    assert got["shared_sectors"].map(len).is_monotonic_decreasing

    # programme_beneficiaries: both ends of the cooperations the programme
    # supported, and who it funds
    prog = default["programme_beneficiaries"]["programme"]
    counted = {}
    paid = c[(c["type"] != "member_of") & (c["type"] != "supervises")]
    for row, (s, t, ty, p) in enumerate(zip(paid["source"], paid["target"],
                                            paid["type"], paid["programme"])):
        ends = {s, t} if p == prog else set()
        if ty == "funded_by" and t == prog:
            ends.add(s)
        for e in ends:
            counted.setdefault(e, set()).add(row)
    got = q("programme_beneficiaries")
    assert len(counted) > 5
    assert dict(zip(got["beneficiary"], got["cooperations"])) == {
        e: len(r) for e, r in counted.items()}
