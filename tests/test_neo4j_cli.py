"""graphkit neo4j push / pull / write-back / query / queries and graphkit
run with a database, through CliRunner against a real Bolt server."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.io import read_network, write_network
from neo4j_server import free_port

from test_neo4j import canon


@pytest.fixture
def cli(bolt_server, neo4j_db):
    """Invoke graphkit with the test server's connection options."""
    driver, db = neo4j_db
    conn = ["--uri", bolt_server.uri, "--user", bolt_server.user,
            "--password", bolt_server.password]
    if db:
        conn += ["--database", db]

    def invoke(*args, connect=True):
        args = list(args) + (conn if connect else [])
        return CliRunner().invoke(main, args, env={"NEO4J_URI": None,
                                                   "NEO4J_PASSWORD": None})
    invoke.driver, invoke.db = driver, db
    invoke.uri, invoke.password = bolt_server.uri, bolt_server.password
    return invoke


@pytest.fixture
def data_dir(tmp_path, small_network):
    write_network(small_network, tmp_path / "data")
    return tmp_path / "data"


def test_push_pull_query_through_the_cli(cli, data_dir, tmp_path, small_network):
    r = cli("neo4j", "push", str(data_dir))
    assert r.exit_code == 0, r.output
    assert "actors: 13 created, 0 updated, 0 unchanged" in r.output
    assert "cooperations: 14 created" in r.output
    r = cli("neo4j", "push", str(data_dir))
    assert "actors: 0 created, 0 updated, 13 unchanged, 0 deleted" in r.output
    assert "cooperations: 0 created, 0 updated, 14 unchanged, 0 deleted" in r.output
    assert r.output.rstrip().endswith("nothing changed")
    r = cli("neo4j", "pull", "-o", str(tmp_path / "back"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "back" / "actors.csv").is_file()
    assert canon(read_network(tmp_path / "back").network) == \
        canon(read_network(data_dir).network)
    r = cli("neo4j", "query", "dormant_ties", "--param", "before=2012")
    assert r.exit_code == 0, r.output
    assert "lab_1" in r.output and "lab_cn" in r.output and "2008" in r.output
    r = cli("neo4j", "query", "sector_white_spaces", "--csv",
            str(tmp_path / "ws.csv"))
    assert r.exit_code == 0, r.output
    ws = pd.read_csv(tmp_path / "ws.csv")
    assert list(ws["sector"]) == ["health"]
    r = cli("neo4j", "query", "shortest_path", "--param", "source=sme_1",
            "--param", "target=park_1")
    assert r.exit_code == 0, r.output
    assert "sme_1 -[MEMBER_OF]- pole_a -[" in r.output
    r = cli("neo4j", "query", "top_brokers")  # its header's limit, 10
    assert r.exit_code == 0, r.output
    assert "(no rows)" in r.output and "no write-back yet" in r.output
    r = cli("neo4j", "query", "pole_international_footprint", "-p",
            "pole=pole_nope")
    assert r.exit_code == 0, r.output
    assert "(no rows)" in r.output
    assert "no actor with id 'pole_nope' in the database (parameter pole)" \
        in r.output
    r = cli("neo4j", "query", "pole_international_footprint", "-p",
            "pole=pole_a")
    assert "no actor" not in r.output and "park_1" in r.output


def test_write_back_through_the_cli(cli, data_dir):
    cli("neo4j", "push", str(data_dir))
    r = cli("neo4j", "write-back", str(data_dir), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "13 actors scored" in r.output
    recs, _, _ = cli.driver.execute_query(
        "MATCH (a:Actor) WHERE a.betweenness IS NOT NULL RETURN count(a) AS n",
        database_=cli.db)
    assert recs[0]["n"] == 13
    recs, _, _ = cli.driver.execute_query(
        "MATCH ()-[r:SUGGESTED_PARTNER]->() RETURN count(r) AS n, "
        "count(DISTINCT r.run) AS runs", database_=cli.db)
    first = recs[0]["n"]
    assert first > 0 and recs[0]["runs"] == 1
    r = cli("neo4j", "write-back", "--from-neo4j", "--lang", "en")
    assert r.exit_code == 0, r.output
    recs, _, _ = cli.driver.execute_query(
        "MATCH ()-[r:SUGGESTED_PARTNER]->() RETURN count(r) AS n, "
        "count(DISTINCT r.run) AS runs", database_=cli.db)
    assert (recs[0]["n"], recs[0]["runs"]) == (first, 1)  # replaced, same data
    r = cli("neo4j", "query", "top_brokers", "-p", "limit=3")
    assert r.exit_code == 0 and len(r.output.strip().splitlines()) == 4


def test_run_writes_back_when_a_database_is_configured(cli, data_dir, tmp_path):
    r = cli("run", str(data_dir), "-o", str(tmp_path / "out"), "--lang", "en")
    assert r.exit_code == 0, r.output
    # says where it pushes before it does, never the password
    first = r.output.splitlines()[0]
    assert f"pushed to Neo4j at {cli.uri}" in first
    assert cli.password not in r.output
    report = json.loads((tmp_path / "out" / "neo4j.json").read_text())
    assert report["push"]["actors"]["created"] == 13
    assert report["write_back"]["actors_scored"] == 13
    assert "password" not in json.dumps(report).lower()
    recs, _, _ = cli.driver.execute_query(
        "MATCH ()-[r:SUGGESTED_PARTNER]->() RETURN count(r) AS n", database_=cli.db)
    assert recs[0]["n"] == report["write_back"]["suggestions_created"] > 0


def test_connection_errors_exit_1_with_a_short_message(cli, bolt_server, data_dir):
    secret = "wrong-password-123"
    r = cli("neo4j", "push", str(data_dir), "--uri", bolt_server.uri, "--user",
            bolt_server.user, "--password", secret, connect=False)
    assert r.exit_code == 1
    assert "refused the credentials" in r.output
    assert secret not in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1
    r = cli("neo4j", "pull", "-o", "x", "--uri", f"bolt://127.0.0.1:{free_port()}",
            "--password", secret, connect=False)
    assert r.exit_code == 1 and "cannot reach Neo4j" in r.output
    assert secret not in r.output and "Traceback" not in r.output
    r = cli("neo4j", "query", "ecosystem_overview", connect=False)
    assert r.exit_code == 1 and "--uri" in r.output and "NEO4J_URI" in r.output
    r = cli("neo4j", "query", "ecosystem_overview", "--uri",
            "bolt://u:hidden-pass@127.0.0.1:1", connect=False)
    assert r.exit_code == 1 and "hidden-pass" not in r.output


def test_run_with_a_wrong_password_fails_first_and_writes_nothing(
        cli, bolt_server, data_dir, tmp_path):
    secret = "wrong-password-456"
    out = tmp_path / "out"
    r = cli("run", str(data_dir), "-o", str(out), "--uri", bolt_server.uri,
            "--user", bolt_server.user, "--password", secret, connect=False)
    assert r.exit_code == 1 and "refused the credentials" in r.output
    assert secret not in r.output and "Traceback" not in r.output
    assert not out.exists()  # checked before any stage ran


def test_queries_lists_the_library(cli):
    r = cli("neo4j", "queries", connect=False)
    assert r.exit_code == 0
    assert "dormant_ties  --param before=2012" in r.output
    assert "shortest_path  --param source='sme_ctibiotech' --param target=" in r.output


def test_no_driver_warnings_on_a_database_graphkit_never_wrote(cli, data_dir,
                                                              caplog):
    """On a fresh database the server notes "property key does not exist"
    for graphkit_hash, betweenness...: graphkit's connection asks for no
    notifications, so none reaches the terminal as a driver warning."""
    import logging
    caplog.set_level(logging.INFO, logger="neo4j")
    assert cli("neo4j", "push", str(data_dir)).exit_code == 0
    r = cli("neo4j", "query", "top_brokers")
    assert r.exit_code == 0 and "no write-back yet" in r.output
    noisy = [x.getMessage()[:80] for x in caplog.records
             if x.name.startswith("neo4j") and x.levelno >= logging.WARNING]
    assert noisy == []


ODD_PASSWORD = "s3/cr?t#@%x 'é\""


def test_a_password_with_url_characters_works_and_is_never_shown(
        cli, bolt_server, data_dir, tmp_path):
    """A real user whose password holds / ? # @ % (and quotes, spaces,
    accents): accepted through --password and NEO4J_PASSWORD, never shown
    when something fails; a missing database and an unreachable server
    are one line and exit 1."""
    admin = cli.driver
    admin.execute_query(
        "CREATE OR REPLACE USER graphkit_odd SET PLAINTEXT PASSWORD $pw "
        "CHANGE NOT REQUIRED", pw=ODD_PASSWORD, database_="system")
    try:
        opts = ["--uri", bolt_server.uri, "--user", "graphkit_odd"]
        r = cli("neo4j", "push", str(data_dir), *opts, "--password",
                ODD_PASSWORD, connect=False)
        assert r.exit_code == 0, r.output
        assert "actors: 13 created" in r.output
        r = CliRunner().invoke(main, ["neo4j", "pull", "-o",
                                      str(tmp_path / "back"), *opts],
                               env={"NEO4J_PASSWORD": ODD_PASSWORD,
                                    "NEO4J_URI": None})
        assert r.exit_code == 0, r.output
        assert "pulled 13 actors and 14 cooperations" in r.output
        failing = [
            (["--database", "nowhere", "--password", ODD_PASSWORD],
             "has no database 'nowhere'"),
            (["--password", ODD_PASSWORD[:-1]], "refused the credentials"),
        ]
        for extra, expect in failing:
            r = cli("neo4j", "push", str(data_dir), *opts, *extra,
                    connect=False)
            assert r.exit_code == 1, r.output
            assert expect in r.output
            assert len(r.output.strip().splitlines()) == 1, r.output
            for piece in ("s3/cr", "t#@%x", ODD_PASSWORD[:-1]):
                assert piece not in r.output
        r = cli("neo4j", "push", str(data_dir), "--uri",
                f"bolt://127.0.0.1:{free_port()}", "--password", ODD_PASSWORD,
                connect=False)
        assert r.exit_code == 1 and "cannot reach Neo4j" in r.output
        assert len(r.output.strip().splitlines()) == 1
        assert "s3/cr" not in r.output and "t#@%x" not in r.output
    finally:
        admin.execute_query("DROP USER graphkit_odd IF EXISTS",
                            database_="system")
