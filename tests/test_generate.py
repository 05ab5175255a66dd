"""The synthetic ecosystem generator: determinism, size, validity, planted structure."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graphkit.errors import GraphkitError
from graphkit.generate import (COMPLEMENTS, DOMAINS, complements_of,
                               generate_ecosystem)
from graphkit.model import ACTOR_TYPES, COOPERATION_TYPES, GROUP_TYPES


@pytest.fixture(scope="module")
def net():
    return generate_ecosystem(2000, seed=7)


def test_same_seed_same_tables():
    a = generate_ecosystem(600, seed=3)
    b = generate_ecosystem(600, seed=3)
    pd.testing.assert_frame_equal(a.actors, b.actors)
    pd.testing.assert_frame_equal(a.cooperations, b.cooperations)
    assert a.meta == b.meta


def test_different_seed_differs():
    a = generate_ecosystem(600, seed=3)
    b = generate_ecosystem(600, seed=4)
    assert not a.cooperations[["source", "target"]].equals(
        b.cooperations[["source", "target"]])


@pytest.mark.parametrize("n", [50, 51, 333, 5000])
def test_exactly_n_actors(n):
    net = generate_ecosystem(n)
    assert len(net.actors) == n
    assert net.actors.index.is_unique
    ratio = (net.cooperations["type"] != "member_of").sum() / n
    assert 3 <= ratio <= 5


def test_too_small_or_bad_years_is_refused():
    with pytest.raises(GraphkitError, match="at least 50"):
        generate_ecosystem(49)
    with pytest.raises(GraphkitError, match="before start"):
        generate_ecosystem(100, start_year=2014, end_year=2005)
    with pytest.raises(GraphkitError, match="unknown parameters"):
        generate_ecosystem(100, wobble=3)


def test_every_cooperation_is_valid(net):
    a, c = net.actors, net.cooperations
    assert set(a["type"]) <= set(ACTOR_TYPES)
    assert set(c["type"]) <= set(COOPERATION_TYPES)
    assert c["source"].isin(a.index).all() and c["target"].isin(a.index).all()
    assert (c["source"] != c["target"]).all()
    assert c["year"].between(2005, 2014).all()
    assert (c["weight"] > 0).all()
    progs = c["programme"].dropna()
    assert len(progs) > 0
    assert (a.loc[progs, "type"] == "programme").all()
    members = c[c["type"] == "member_of"]
    assert a.loc[members["target"], "type"].isin(GROUP_TYPES).all()
    assert set(a["source"]) == {"generated"}
    assert a["lat"].between(-90, 90).all() and a["lon"].between(-180, 180).all()
    for col in ("sectors", "seeks"):
        assert {d for t in a[col] for d in t} <= set(DOMAINS)


def test_institutions_and_programmes_are_present(net):
    a = net.actors
    for i, t in [("prog_coopol", "programme"), ("prog_phc_cai_yuanpei",
                 "programme"), ("prog_arcus", "programme"),
                 ("agency_torch", "agency"), ("ministry_most", "ministry"),
                 ("embassy_fr_cn", "embassy_service")]:
        assert a.at[i, "type"] == t
    assert (a["type"] == "region").sum() >= 2
    assert set(a.loc[a["type"] == "park", "country"]) >= {"CN"}


def test_programmes_respect_their_years_and_actors(net):
    a, c = net.actors, net.cooperations
    coopol = c[c["programme"] == "prog_coopol"]
    assert len(coopol) and (coopol["year"] >= 2008).all()
    assert set(coopol["type"]) == {"delegation_visit"}
    assert (a.loc[coopol["source"], "type"] == "sme").all()
    assert (a.loc[coopol["target"], "type"] == "park").all()
    phc = c[c["programme"] == "prog_phc_cai_yuanpei"]
    assert len(phc) and (phc["year"] >= 2009).all()
    pairs = {tuple(sorted(p)) for p in zip(a.loc[phc["source"], "country"],
                                           a.loc[phc["target"], "country"])}
    assert pairs == {("CN", "FR")}
    assert (a.loc[phc["source"], "type"] == "lab").all()


def test_ties_grow_over_time(net):
    c = net.cooperations
    years = c.loc[c["type"] != "member_of", "year"].value_counts().sort_index()
    assert list(years.index) == list(range(2005, 2015))
    assert years[2014] > 2 * years[2005]


def _complementary(s1, s2) -> bool:
    return any(b in complements_of(x) for x in s1 for b in s2)


def test_ties_prefer_complementary_sectors(net):
    a, c = net.actors, net.cooperations
    t = c[c["type"].isin(["rd_partnership", "academic_partner", "training"])]
    sec = a["sectors"]
    observed = np.mean([_complementary(sec[u], sec[v])
                        for u, v in zip(t["source"], t["target"])])
    pool = a.index[a["type"].isin(["sme", "company", "lab",
                                   "training_centre"])].to_numpy()
    rng = np.random.default_rng(0)
    u, v = rng.choice(pool, 4000), rng.choice(pool, 4000)
    baseline = np.mean([_complementary(sec[x], sec[y])
                        for x, y in zip(u, v) if x != y])
    assert observed > 1.8 * baseline


def test_seeks_are_usually_complementary(net):
    a = net.actors
    m = a[a["type"].isin(["sme", "company", "lab", "training_centre"])]
    share = np.mean([_complementary(s, k) for s, k in zip(m["sectors"],
                                                          m["seeks"])])
    assert share > 0.6
    assert all(len(k) >= 1 for k in m["seeks"])


def test_ties_close_triangles_and_prefer_connected_actors(net):
    import networkx as nx
    g = net.cooperation_graph()
    # a G(n, m) graph with the same size has transitivity ~ density
    density = nx.density(g)
    assert nx.transitivity(g) > 5 * density
    degrees = np.array([d for _, d in g.degree()])
    assert degrees.max() > 8 * degrees.mean()  # heavy tail


def test_meta_records_planted_parameters(net):
    gen = net.meta["generator"]
    assert gen["seed"] == 7 and gen["n_actors"] == 2000
    assert gen["complements"] == [list(p) for p in COMPLEMENTS]
    assert gen["params"]["b_complement"] > 0
    assert gen["counts"]["cooperations"] == len(net.cooperations)


def test_complements_of_is_symmetric():
    for a, b in COMPLEMENTS:
        assert b in complements_of(a) and a in complements_of(b)
    assert all(complements_of(d) for d in DOMAINS)


# ------------------------------------------------------------------ CLI
def _generate(tmp_path, *args):
    from click.testing import CliRunner

    from graphkit.cli import main
    return CliRunner().invoke(main, ["generate", *args])


def test_cli_same_seed_same_files(tmp_path):
    for d in ("a", "b"):
        r = _generate(tmp_path, "--actors", "120", "--seed", "5",
                      "-o", str(tmp_path / d))
        assert r.exit_code == 0, r.output
        assert "120 actors" in r.output
    for name in ("actors.csv", "cooperations.csv", "generator.json"):
        assert (tmp_path / "a" / name).read_bytes() == \
            (tmp_path / "b" / name).read_bytes()
    actors = pd.read_csv(tmp_path / "a" / "actors.csv")
    assert len(actors) == 120
    assert list(actors.columns[:11]) == ["id", "name", "type", "country",
                                         "city", "region", "sectors", "seeks",
                                         "lat", "lon", "source"]


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_cli_other_formats(tmp_path, fmt):
    r = _generate(tmp_path, "--actors", "60", "-o", str(tmp_path),
                  "--format", fmt)
    assert r.exit_code == 0, r.output
    assert (tmp_path / f"network.{fmt}").stat().st_size > 0


def test_cli_refuses_too_few_actors_cleanly(tmp_path):
    r = _generate(tmp_path, "--actors", "10", "-o", str(tmp_path / "x"))
    assert r.exit_code == 1
    assert "at least 50" in r.output
    assert "Traceback" not in r.output
    assert not (tmp_path / "x" / "actors.csv").exists()


@pytest.mark.parametrize("fmt", ["", "network.xlsx", "network.json"])
def test_written_files_load_back_without_problem(tmp_path, fmt):
    from graphkit.io import read_network, write_network
    net = generate_ecosystem(300, seed=11)
    write_network(net, tmp_path / fmt if fmt else tmp_path)
    loaded = read_network(tmp_path / fmt if fmt else tmp_path)
    assert loaded.counts["actors"] == {"read": 300, "loaded": 300,
                                       "rejected": 0}
    n = len(net.cooperations)
    assert loaded.counts["cooperations"] == {"read": n, "loaded": n,
                                             "rejected": 0}
    back = loaded.network
    assert list(back.actors.index) == list(net.actors.index)
    assert list(back.actors["sectors"]) == list(net.actors["sectors"])
    assert back.cooperations["type"].tolist() == \
        net.cooperations["type"].tolist()
    assert back.cooperations["programme"].fillna("").tolist() == \
        net.cooperations["programme"].fillna("").tolist()
