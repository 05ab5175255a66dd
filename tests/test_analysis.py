"""Per-actor metrics: classic networks with published values, every engine
against NetworkX (the reference), tie parameters, outputs, CLI and run."""
from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import graphkit
from graphkit import GraphkitError, Network
from graphkit.texts import metric_doc, metric_label
from graphkit.analysis import (METRIC_COLUMNS, analyse,
                               compute, summarise)
from graphkit.analysis.metrics import metrics_table
from graphkit.io.results import write_results
from graphkit.network import Ties
from graphkit.results import Parameters
from graphkit.analysis import engines as E
from graphkit.io import read_network

CLASSIC = Path(__file__).parent / "data" / "classic"


@pytest.fixture(scope="module")
def classic():
    return {name: read_network(CLASSIC / name).network
            for name in ("florentine", "karate", "kite")}


@pytest.fixture(scope="module")
def classic_metrics(classic):
    return {name: analyse(net) for name, net in classic.items()}


def raw_betweenness(m):
    """Undo NetworkX's normalisation: pairs of actors (published form)."""
    n = len(m)
    return m["betweenness"] * (n - 1) * (n - 2) / 2


# ---------------------------------------------------------------- classics
def test_florentine_medici(classic_metrics):
    m = classic_metrics["florentine"]
    assert len(m) == 16 and m.at["pucci", "degree"] == 0
    # Padgett's marriage network: Medici 6 ties and betweenness 47.5
    # (Wasserman and Faust 1994, table 5.6), far ahead of Guadagni (23.17)
    assert m.at["medici", "degree"] == 6
    b = raw_betweenness(m)
    assert b["medici"] == pytest.approx(47.5)
    assert b["guadagni"] == pytest.approx(23.1667, abs=1e-3)
    assert b.idxmax() == "medici"
    # NetworkX documents 0.522 for Medici on the 15 connected families
    fifteen = analyse(Network(m.drop(index="pucci").reset_index(),
                              read_network(CLASSIC / "florentine")
                              .network.cooperations))
    assert fifteen.at["medici", "betweenness"] == pytest.approx(0.521978,
                                                                abs=1e-6)
    # Pucci is isolated: no closeness, undefined structural holes
    assert m.at["pucci", "closeness"] == 0.0
    assert math.isnan(m.at["pucci", "constraint"])
    assert m["closeness"].idxmax() == "medici"


def test_karate_club(classic_metrics):
    m = classic_metrics["karate"]
    assert m.at["m34", "degree"] == 17 and m.at["m01", "degree"] == 16
    b = raw_betweenness(m)
    # Zachary's club: the instructor's published (unnormalised) betweenness
    assert b["m01"] == pytest.approx(231.0714, abs=1e-3)
    # the others as NetworkX computes them on its own copy of the club
    ref = nx.betweenness_centrality(nx.karate_club_graph(), normalized=False,
                                    weight=None)
    for v, value in ref.items():
        assert b[f"m{v + 1:02d}"] == pytest.approx(value, abs=1e-9)
    assert list(b.sort_values(ascending=False).index[:4]) == \
        ["m01", "m34", "m33", "m03"]
    # eigenvector: the administrator (34) first, the instructor (1) second
    ev = m["eigenvector"].sort_values(ascending=False)
    assert list(ev.index[:2]) == ["m34", "m01"]
    assert ev["m34"] == pytest.approx(0.3734, abs=1e-4)
    assert ev["m01"] == pytest.approx(0.3555, abs=1e-4)
    # Louvain with a fixed seed: the same answer twice, modularity near the
    # published best for this graph (0.4198)
    s = summarise(read_network(CLASSIC / "karate").network, m)
    assert 0.40 <= s["modularity"] <= 0.4198 + 1e-4
    assert analyse(read_network(CLASSIC / "karate").network)["community"] \
        .tolist() == m["community"].tolist()


def test_krackhardt_kite(classic_metrics):
    m = classic_metrics["kite"]
    # Krackhardt (1990): Diane most ties, Heather the broker, Fernando and
    # Garth the closest; Jane the farthest
    assert m["degree"].idxmax() == "diane" and m.at["diane", "degree"] == 6
    b = raw_betweenness(m)
    assert b.idxmax() == "heather" and b["heather"] == pytest.approx(14)
    assert b["fernando"] == pytest.approx(8.3333, abs=1e-4)
    assert b["ike"] == pytest.approx(8)
    assert b["carol"] == 0 and b["jane"] == 0
    # Freeman closeness puts Fernando and Garth first (0.643); harmonic
    # closeness, counted by hand: Diane 6 partners at 1, Heather at 2, Ike
    # at 3, Jane at 4 -> (6 + 1/2 + 1/3 + 1/4) / 9; Fernando 5 at 1, 3 at 2,
    # Jane at 3 -> (5 + 3/2 + 1/3) / 9; Jane (1 + 1/2 + 2/3 + 5/4) / 9
    c = m["closeness"]
    assert c["diane"] == pytest.approx((6 + 1 / 2 + 1 / 3 + 1 / 4) / 9)
    assert c["fernando"] == pytest.approx((5 + 3 / 2 + 1 / 3) / 9)
    assert c["garth"] == c["fernando"]
    assert c["jane"] == pytest.approx((1 + 1 / 2 + 2 / 3 + 5 / 4) / 9)
    assert c.idxmin() == "jane"
    # everyone French: nothing crosses a border
    assert (m["cross_border_share"] == 0).all()


# ------------------------------------------------ engines against NetworkX
def _graphs():
    rng = np.random.default_rng(7)
    out = {}
    for name, g in (("karate", nx.Graph(nx.karate_club_graph())),
                    ("disconnected", nx.disjoint_union(
                        nx.krackhardt_kite_graph(), nx.path_graph(5))),
                    ("random", nx.gnp_random_graph(40, 0.12, seed=3))):
        g.add_node("isolated")
        for u, v in g.edges():
            # dyadic strengths: sums of 1/w are exact, so shortest-path ties
            # are the same for both implementations
            w = float(rng.choice([1, 2, 4]))
            g[u][v].update(weight=w, length=1 / w)
        out[name] = g
    return out


GRAPHS = _graphs()


def _close(got: dict, exp: dict, tol=1e-9):
    assert set(got) == set(exp)
    for k in exp:
        if isinstance(exp[k], float) and math.isnan(exp[k]):
            assert math.isnan(got[k]), k
        else:
            assert got[k] == pytest.approx(exp[k], abs=tol), k


@pytest.mark.parametrize("name", list(GRAPHS))
@pytest.mark.parametrize("weight", [None, "weight"])
def test_engines_give_networkx_answers(name, weight):
    g = GRAPHS[name]
    n = len(g)
    length = None if weight is None else "length"
    _close(E.betweenness(g, weight), nx.betweenness_centrality(g, weight=length))
    _close(E.harmonic_closeness(g, weight),
           {k: v / (n - 1) for k, v in
            nx.harmonic_centrality(g, distance=length).items()})
    _close(E.pagerank(g, weight), nx.pagerank(g, weight=weight, tol=1e-12, max_iter=10000),
           1e-8)
    _close(E.eigenvector(g, weight),
           nx.eigenvector_centrality(g, weight=weight, max_iter=100000,
                                     tol=1e-14), 1e-8)
    _close(E.constraint(g, weight), nx.constraint(g, weight=weight))
    # nodes=... takes NetworkX's per-node (definitional) path: its all-nodes
    # sparse path of 3.6 normalises weighted redundancy by the wrong node
    _close(E.effective_size(g, weight),
           nx.effective_size(g, weight=weight, nodes=list(g)))
    _close(E.clustering(g), nx.clustering(g))


@pytest.mark.parametrize("name", list(GRAPHS))
def test_louvain_is_a_partition_as_good_as_networkx(name):
    g = GRAPHS[name]
    ours = E.louvain(g, "weight", seed=42)
    assert ours == E.louvain(g, "weight", seed=42)  # seeded
    groups = {}
    for node, c in ours.items():
        groups.setdefault(c, set()).add(node)
    q = nx.community.modularity(g, groups.values(), weight="weight")
    ref = nx.community.louvain_communities(g, weight="weight", seed=42)
    assert q >= nx.community.modularity(g, ref, weight="weight") - 0.02
    # numbered by decreasing size
    sizes = [len(groups[c]) for c in sorted(groups)]
    assert sizes == sorted(sizes, reverse=True)


def test_sampled_estimates_are_unbiased_and_seeded():
    g = nx.barabasi_albert_graph(300, 3, seed=1)
    exact = E.betweenness(g, None)
    full = E.betweenness(g, None, k=300)  # every node a pivot: exact
    _close(full, exact)
    a = E.betweenness(g, None, k=100, seed=5)
    assert a == E.betweenness(g, None, k=100, seed=5)
    assert a != E.betweenness(g, None, k=100, seed=6)
    # the estimate sums to about the exact total and ranks the hubs first
    assert sum(a.values()) == pytest.approx(sum(exact.values()), rel=0.1)
    top = sorted(exact, key=exact.get, reverse=True)[:10]
    top_a = sorted(a, key=a.get, reverse=True)[:10]
    assert len(set(top) & set(top_a)) >= 8
    hc = E.harmonic_closeness(g, None)
    ha = E.harmonic_closeness(g, None, k=100, seed=5)
    errors = np.array([abs(hc[v] - ha[v]) for v in g])
    assert errors.mean() < 0.01 and errors.max() < 0.05
    assert np.mean([ha[v] - hc[v] for v in g]) == pytest.approx(0, abs=0.005)


def test_fractional_strengths_take_the_heap_and_give_networkx_answers():
    # strengths 0.5 are no whole numbers: Dijkstra runs on its heap, not
    # on the bucket queue of whole lengths the other graphs use
    from graphkit.analysis._paths import integer_lengths
    g = nx.Graph(GRAPHS["random"])
    rng = np.random.default_rng(11)
    for u, v in g.edges():
        w = float(rng.choice([0.5, 1, 2]))
        g[u][v].update(weight=w, length=1 / w)
    assert integer_lengths(np.array([2.0, 1.0, 0.5])) is None
    n = len(g)
    _close(E.betweenness(g, "weight"),
           nx.betweenness_centrality(g, weight="length"))
    _close(E.harmonic_closeness(g, "weight"),
           {k: v / (n - 1) for k, v in
            nx.harmonic_centrality(g, distance="length").items()})


def test_pivots_spread_over_components_and_small_ones_are_exact():
    # a 400-actor component, a 300-actor one, a 5-actor path, 10 isolated
    big = nx.barabasi_albert_graph(400, 2, seed=3)
    mid = nx.relabel_nodes(nx.barabasi_albert_graph(300, 2, seed=4),
                           lambda v: v + 400)
    g = nx.union(big, mid)
    nx.add_path(g, range(700, 705))
    g.add_nodes_from(range(705, 715))
    plan = E.path_plan(g, k=70, seed=1)
    src = plan.sources
    # 40 and 30 pivots in proportion to size, every actor of the path,
    # none isolated
    assert (src < 400).sum() == 40 and ((src >= 400) & (src < 700)).sum() == 30
    assert sorted(src[src >= 700].tolist()) == [700, 701, 702, 703, 704]
    assert not plan.exact
    assert plan.scale[src < 400].tolist() == [10.0] * 40
    assert plan.scale[(src >= 400) & (src < 700)].tolist() == [10.0] * 30
    assert (E.path_plan(g, k=70, seed=1).sources == src).all()
    assert not (E.path_plan(g, k=70, seed=2).sources == src).all()
    b, c, _ = E.shortest_path_metrics(g, None, k=70, seed=1)
    n = len(g)
    # the path of 5 is computed exactly: its middle lies between 2 x 2
    # pairs, 3 actors away from the ends in harmonic terms
    assert b[702] == pytest.approx(4 * 2 / ((n - 1) * (n - 2)))
    assert c[700] == pytest.approx((1 + 1 / 2 + 1 / 3 + 1 / 4) / (n - 1))
    assert b[710] == 0 and c[710] == 0
    exact = E.betweenness(g, None)
    top = sorted(exact, key=exact.get, reverse=True)[:10]
    assert len(set(top) & set(sorted(b, key=b.get, reverse=True)[:10])) >= 8


def test_parallel_workers_give_the_serial_answer():
    g = nx.barabasi_albert_graph(2100, 2, seed=2)
    one = E.betweenness(g, None, k=200, workers=1)
    two = E.betweenness(g, None, k=200, workers=2)
    _close(two, one, 1e-12)
    _close(E.harmonic_closeness(g, None, k=200, workers=2),
           E.harmonic_closeness(g, None, k=200, workers=1), 1e-12)


# ------------------------------------------------------------ parameters
@pytest.fixture(scope="module")
def small():
    actors = pd.DataFrame({
        "id": ["p", "a", "b", "c", "x"], "name": ["P", "A", "B", "C", "X"],
        "type": ["pole", "sme", "lab", "park", "sme"],
        "country": ["FR", "FR", "FR", "CN", pd.NA]})
    coops = pd.DataFrame(
        [("a", "p", "member_of", 2008, 1.0),
         ("a", "b", "rd_partnership", 2010, 3.0),
         ("a", "b", "academic_partner", 2014, 1.0),
         ("b", "c", "rd_partnership", 2012, 2.0),
         ("a", "c", "delegation_visit", 2016, 1.0),
         ("c", "x", "seminar", None, 1.0)],
        columns=["source", "target", "type", "year", "weight"])
    return Network(actors, coops)


def test_table_shape_and_attrs(small):
    res = compute(small, parts=["metrics"])
    m = res.metrics
    assert list(m.columns) == list(METRIC_COLUMNS)
    assert list(m.index) == ["p", "a", "b", "c", "x"]
    assert not m.attrs  # parameters travel in the results, not in attrs
    assert res.parameters.as_dict() == {
        "types": sorted(t for t in graphkit.COOPERATION_TYPES
                        if t != "member_of"),
        "since": None, "until": None, "weighted": True, "exact": False,
        "seed": 42, "group_by": "country", "top": 10, "dormant_years": 5,
        "programme_years": 3, "parks": 3, "workers": 1,
        "foreign_gaps": False}
    assert res.approximations == []
    assert res.figures["actors"] == 5 and res.figures["partner_pairs"] == 4
    # a: ties to b (3 + 1) and c (1); b French, c Chinese
    assert m.at["a", "degree"] == 2 and m.at["a", "weighted_degree"] == 5
    assert m.at["a", "cross_border_share"] == pytest.approx(1 / 5)
    assert m.at["a", "partner_types"] == 2
    assert (m.at["a", "first_year"], m.at["a", "last_year"]) == (2010, 2016)
    # c - x has no year: c's years come from its dated ties; x has none
    assert pd.isna(m.at["x", "first_year"])
    # x has no country: its tie is left out of the cross-border share
    assert math.isnan(m.at["x", "cross_border_share"])
    assert m.at["c", "cross_border_share"] == pytest.approx(1.0)
    # p is only a member target: isolated
    assert m.at["p", "degree"] == 0 and math.isnan(m.at["p", "constraint"])
    for col in METRIC_COLUMNS:
        for lang in ("fr", "en"):
            assert metric_label(col, lang).strip() and metric_label(col, lang) != col
            assert metric_doc(col, lang).strip()


def test_tie_parameters(small):
    only_rd = analyse(small, types=["R&D"])
    assert Ties.of(["R&D"]).types == ("rd_partnership",)
    assert only_rd.at["a", "weighted_degree"] == 3
    # a - b - c is the only path; 5 actors: normalised by 2 / (4 * 3)
    assert only_rd.at["b", "betweenness"] == pytest.approx(1 / 6)
    window = analyse(small, since=2011, until=2015)
    assert window.at["a", "degree"] == 1 and window.at["x", "degree"] == 0
    assert compute(small, Parameters(Ties.of(since=2011, until=2015)),
                   parts=["metrics"]).metrics.equals(window)
    unweighted = analyse(small, weighted=False)
    assert unweighted.at["a", "weighted_degree"] == 3  # cooperations
    member = analyse(small, include_membership=True)
    assert member.at["p", "degree"] == 1
    assert "member_of" in Ties.of(include_membership=True).types
    # weights change the shortest paths: a-b (4) and b-c (2) beat a-c (1)
    w = analyse(small)
    assert w.at["b", "betweenness"] > 0
    assert analyse(small, weighted=False).at["b", "betweenness"] == 0
    with pytest.raises(GraphkitError, match="unknown cooperation type"):
        analyse(small, types=["friendship"])
    with pytest.raises(GraphkitError, match="empty year window"):
        analyse(small, since=2015, until=2010)
    with pytest.raises(GraphkitError, match="grouping"):
        analyse(small, group_by="colour")


def test_approximation_is_recorded():
    net = graphkit.Network(
        pd.DataFrame({"id": [f"n{i}" for i in range(60)],
                      "name": [f"N{i}" for i in range(60)],
                      "type": ["sme"] * 60, "country": ["FR", "CN"] * 30}),
        pd.DataFrame({"source": [f"n{i}" for i in range(59)],
                      "target": [f"n{i + 1}" for i in range(59)],
                      "type": ["rd_partnership"] * 59}))
    _m, approx = metrics_table(net, Ties(), approx_threshold=50, pivots=20,
                               seed=3)
    assert [a["metric"] for a in approx] == ["betweenness", "closeness"]
    # one shortest-path pass from the same 20 pivots gives both
    assert [a["detail"] for a in approx] == \
        ["k=20 of n=60 actors", "k=20 of n=60 actors"]
    assert all(a["seed"] == 3 for a in approx)
    exact, approx = metrics_table(net, Ties(), approx_threshold=50, pivots=20,
                                  exact=True)
    assert approx == []
    assert exact.at["n30", "betweenness"] == pytest.approx(
        2 * 29 * 30 / (59 * 58))


# ---------------------------------------------------------------- outputs
def test_outputs_agree_across_formats(small, tmp_path):
    res = compute(small, parts=["metrics", "summary"])
    m, s = res.metrics, res.summary
    written = write_results(res, tmp_path)
    assert sorted(p.name for p in written) == [
        "metrics.csv", "metrics.json", "metrics.xlsx", "summary.json",
        "summary.xlsx"]
    csv = pd.read_csv(tmp_path / "metrics.csv", keep_default_na=False,
                      na_values=[""]).set_index("id")
    xlsx = pd.read_excel(tmp_path / "metrics.xlsx").set_index("id")
    payload = json.loads((tmp_path / "metrics.json").read_text("utf-8"))
    js = pd.DataFrame(payload["rows"]).set_index("id")
    assert payload["meta"]["parameters"]["seed"] == 42
    assert payload["meta"]["approximations"] == []
    for col in METRIC_COLUMNS:
        for frame in (csv, xlsx, js):
            a, b = m[col], frame.loc[m.index, col]
            if a.dtype.kind in "fi" or str(a.dtype) == "Int64":
                np.testing.assert_allclose(
                    pd.to_numeric(a).astype(float).to_numpy(),
                    pd.to_numeric(b).astype(float).to_numpy(), rtol=1e-12,
                    equal_nan=True, err_msg=col)
            else:
                assert [str(v) for v in a.fillna("")] == \
                    [str(v) for v in b.fillna("")], col
    summary = json.loads((tmp_path / "summary.json").read_text("utf-8"))
    assert summary["actors"] == 5 and summary["partner_pairs"] == 4
    sheets = pd.read_excel(tmp_path / "summary.xlsx", sheet_name=None)
    assert list(sheets) == ["network", "size_by_type", "size_by_country",
                            "cross_border_by_year", "groups"]


def test_summary_values(small):
    s = summarise(small)
    assert s["density"] == pytest.approx(4 / 10)
    assert (s["components"], s["largest_component"],
            s["actors_without_tie"]) == (2, 4, 1)
    assert s["size_by_type"].loc["sme", "actors"] == 2
    assert s["size_by_country"].loc["(unknown)", "actors"] == 1
    by_year = s["cross_border_by_year"]
    # 2012: b (FR) - c (CN), weight 2, crosses; 2014: a - b stays in FR
    assert by_year.loc[2012, "cross_border_share"] == 1.0
    assert by_year.loc[2014, "cross_border_share"] == 0.0
    assert 2008 not in by_year.index  # membership is not a tie
    # the pôle p: member a, whose partners b and c are reached (2 countries)
    g = s["groups"]
    assert g.loc["p", ["members", "partners_reached", "countries_reached"]] \
        .tolist() == [1, 2, 2]
    assert g.loc["p", "cooperations_rd_partnership"] == 1
    # park c: no members, reaches a, b (FR) and x (no country)
    assert g.loc["c", ["members", "partners_reached", "countries_reached"]] \
        .tolist() == [0, 3, 1]
    # assortativity by country as NetworkX computes it (known countries)
    gg = small.cooperation_graph()
    gg.remove_node("x")
    assert s["assortativity_country"] == pytest.approx(
        nx.attribute_assortativity_coefficient(gg, "country"))


# ---------------------------------------------------------------- CLI, run
def test_cli_analyse_and_run(example_dir, tmp_path):
    from graphkit.cli import main
    r = CliRunner().invoke(main, ["analyse", str(example_dir), "-o",
                                  str(tmp_path / "a"), "--types",
                                  "rd_partnership,academic_partner",
                                  "--since", "2008", "--group-by", "pole"])
    assert r.exit_code == 0, r.output
    meta = json.loads((tmp_path / "a" / "metrics.json").read_text())["meta"]
    assert meta["parameters"]["types"] == ["academic_partner",
                                           "rd_partnership"]
    assert meta["parameters"]["group_by"] == "pole"
    assert meta["parameters"]["since"] == 2008
    for name in ("metrics.csv", "metrics.xlsx", "summary.json",
                 "summary.xlsx"):
        assert (tmp_path / "a" / name).is_file()
    bad = CliRunner().invoke(main, ["analyse", str(example_dir), "-o",
                                    str(tmp_path / "b"), "--types", "hugs"])
    assert bad.exit_code == 1 and "unknown cooperation type" in bad.output
    assert "Traceback" not in bad.output and not (tmp_path / "b").exists()
    from graphkit.pipeline import run
    net = read_network(example_dir).network
    res, _written = run(net, tmp_path / "run",
                        Parameters(Ties.of(since=2006), seed=7))
    meta = json.loads((tmp_path / "run" / "metrics.json").read_text())["meta"]
    assert res.parameters.seed == 7 and meta["parameters"]["seed"] == 7
    assert meta["parameters"]["since"] == 2006
    assert res.summary["actors"] == len(net.actors)


def test_top_level_api(small):
    assert graphkit.analyse is analyse
