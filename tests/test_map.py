"""The map's data structure, layout, options and files (Python side).

The browser side is in test_map_browser.py; both use the small hand-built
network below, whose answers are known.
"""
from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit import GraphkitError, Network
from graphkit.analysis.figures import key_figures
from graphkit.model import ACTOR_TYPES, COOPERATION_TYPES
from graphkit.render import (TEXTS, map_data, neighbourhood, page, render_map,
                             script_json)
from graphkit.render.data import TYPE_STYLE
from graphkit.render.htmlpage import page_data
from graphkit.render.layout import force_layout, geo_layout
from graphkit.results import Parameters, Results

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>window.pwned=1</script>"


def small_network() -> Network:
    """Two groups (a pôle, a park), their members, an embassy service and a
    programme; two names and an extra column hold markup."""
    actors = pd.DataFrame([
        ("pole1", "Pôle Alpha", "pole", "FR", 45.19, 5.72, "ok"),
        ("park1", "Zhongguancun 中关村科技园", "park", "CN", 39.98, 116.31, "ok"),
        ("sme1", XSS_IMG, "sme", "FR", np.nan, np.nan, XSS_SCRIPT),
        ("sme2", XSS_SCRIPT, "sme", "CN", 39.9, 116.4, "ok"),
        ("lab1", "Laboratoire Émile", "lab", "FR", 45.2, 5.7, "ok"),
        ("lab2", "清华大学 Lab", "lab", "CN", np.nan, np.nan, "ok"),
        ("emb", "Service scientifique Pékin", "embassy_service", "CN",
         np.nan, np.nan, "ok"),
        ("prog", "PHC Cai Yuanpei", "programme", "FR", np.nan, np.nan, "ok"),
    ], columns=["id", "name", "type", "country", "lat", "lon", "remark"])
    rows = [
        ("sme1", "pole1", "member_of", 2015),
        ("lab1", "pole1", "member_of", None),
        ("sme2", "park1", "member_of", 2014),
        ("lab2", "park1", "member_of", None),
        ("sme1", "lab1", "rd_partnership", 2016, None, "<b>joint patent</b>"),
        ("lab1", "sme1", "rd_partnership", 2018),
        ("lab1", "lab2", "academic_partner", 2019, "prog"),
        ("pole1", "park1", "delegation_visit", 2017),
        ("emb", "pole1", "supports", None),
        ("lab2", "prog", "funded_by", 2020),
        ("sme2", "lab2", "training", 2012),
    ]
    coops = pd.DataFrame([r + (None,) * (6 - len(r)) for r in rows],
                         columns=["source", "target", "type", "year",
                                  "programme", "note"])
    return Network(actors, coops, {"name": "Test network"})


def small_metrics(net: Network) -> pd.DataFrame:
    ids = list(net.actors.index)
    return pd.DataFrame({
        "name": list(net.actors["name"]),
        "betweenness": [0.5, 0.4, 0.0, 0.1, 0.6, 0.3, 0.0, 0.0],
        "degree": [3, 3, 2, 2, 3, 3, 1, 1],
        "community": [0, 1, 0, 1, 0, 1, 0, 1],
    }, index=pd.Index(ids, name="id"))


def small_recommendations() -> pd.DataFrame:
    return pd.DataFrame([
        ("sme1", "x", "lab2", "清华大学 Lab", 1, 0.8,
         [{"code": "shared", "domains": ["<b>ai</b>"]}],
         "prog", "PHC Cai Yuanpei"),
        ("sme1", "x", "park1", "Zhongguancun", 2, 0.5,
         [{"code": "broker", "name": "B"}], "", ""),
        ("sme1", "x", "emb", "Service", 4, 0.1,
         [{"code": "role", "types": ["sme", "embassy_service"],
           "abroad": False}], "", ""),
    ], columns=["actor_id", "actor_name", "partner_id", "partner_name", "rank",
                "score", "reason_codes", "programmes", "programme_names"])


def small_gaps() -> pd.DataFrame:
    return pd.DataFrame([
        ("G1", "sme2", XSS_SCRIPT, None, None, "sme_no_academic",
         {"groups": [XSS_SCRIPT]}, 0.9),
        ("G5", "pole1", "Pôle Alpha", "park1", "Zhongguancun", "dormant_tie",
         {"other": "Zhongguancun", "last": 2010, "n": 8}, 0.4),
    ], columns=["rule_id", "actor_id", "actor_name", "other_id", "other_name",
                "detail_code", "detail_values", "severity"])


def results_of(net: Network, metrics=None, recommendations=None,
               gaps=None) -> Results:
    """Results holding hand-made tables (what the map reads)."""
    return Results(net, Parameters(), key_figures(net), metrics=metrics,
                   recommendations=recommendations, gaps=gaps)


@pytest.fixture
def net():
    return small_network()


def edge_of(data, u, v, ty):
    found = [e for e in data["edges"] if {e["from"], e["to"]} == {u, v}
             and e["type"] == ty]
    assert len(found) == 1
    return found[0]


# ------------------------------------------------------------ structure
def test_nodes_and_edges_match_the_network(net):
    d = map_data(net)
    assert [n["id"] for n in d["nodes"]] == list(net.actors.index)
    # 11 cooperations; the two sme1-lab1 R&D rows merge into one edge
    assert len(d["edges"]) == 10
    rd = edge_of(d, "sme1", "lab1", "rd_partnership")
    assert (rd["count"], rd["years"], rd["weight"]) == (2, [2016, 2018], 2.0)
    assert edge_of(d, "emb", "pole1", "supports")["years"] == []
    assert rd["notes"] == ["<b>joint patent</b>"] and "programmes" not in rd
    assert edge_of(d, "lab1", "lab2", "academic_partner")["programmes"] == [
        "PHC Cai Yuanpei"]
    # 8 actors drawn; 11 cooperation rows: 7 cooperations + 4 memberships
    assert d["meta"]["nodes"] == 8 and d["meta"]["figures"]["actors"] == 8
    assert (d["meta"]["figures"]["cooperations"],
            d["meta"]["figures"]["memberships"]) == (7, 4)
    assert d["meta"]["figures"]["cooperations"] + \
        d["meta"]["figures"]["memberships"] == 11
    assert d["meta"]["date"] == "2020"
    assert d["meta"]["title"] == "Test network"
    assert d["filters"]["year_min"] == 2012 and d["filters"]["year_max"] == 2020
    # small: vis-network edges and physics; the canvas edge layer on request
    assert d["meta"]["edge_layer"] is False and d["meta"]["physics"] is True
    assert map_data(net, edge_layer=True, physics=False)["meta"]["edge_layer"] is True


def test_every_column_reaches_the_panel_as_text(net):
    d = map_data(net)
    assert d["columns"][:3] == ["id", "name", "type"]
    assert "remark" in d["columns"]
    sme1 = next(n for n in d["nodes"] if n["id"] == "sme1")
    props = dict(zip(d["columns"], sme1["props"]))
    assert props["name"] == XSS_IMG and props["remark"] == XSS_SCRIPT
    assert props["lat"] == "" and props["country"] == "FR"
    assert all(isinstance(p, str) for p in sme1["props"])


def test_legend_comes_from_the_vocabulary(net):
    d = map_data(net)
    types = {t["key"]: t for t in d["legend"]["actor_types"]}
    assert set(types) == {"pole", "park", "sme", "lab", "embassy_service",
                          "programme"}
    assert types["park"]["colour"] == TYPE_STYLE["park"][0]
    assert types["programme"]["shape"] == "square"  # no label-holding shape
    assert types["sme"]["count"] == 2
    assert types["pole"]["fr"] == ACTOR_TYPES["pole"].fr
    coops = {t["key"]: t for t in d["legend"]["cooperation_types"]}
    assert coops["rd_partnership"]["colour"] == COOPERATION_TYPES["rd_partnership"].colour
    assert coops["rd_partnership"]["count"] == 1


def test_text_tables_have_the_same_keys_and_differ():
    assert set(TEXTS) == {"fr", "en"}
    assert TEXTS["fr"].keys() == TEXTS["en"].keys()
    differ = [k for k in TEXTS["fr"] if TEXTS["fr"][k] != TEXTS["en"][k]]
    assert len(differ) > 0.8 * len(TEXTS["fr"])
    # every text key the page script asks for exists
    from graphkit.render.htmlpage import HERE
    js = (HERE / "map.js").read_text(encoding="utf-8")
    html = (HERE / "map.html").read_text(encoding="utf-8")
    used = set(re.findall(r'\bt\("([a-z_]+)"\)', js))
    used |= set(re.findall(r'data-tp?="([a-z_]+)"', html))
    assert used and used <= TEXTS["fr"].keys()


# ------------------------------------------------------------ size, metrics
def test_reach_makes_poles_and_parks_stand_out(net):
    d = map_data(results_of(net, metrics=small_metrics(net)))
    assert d["meta"]["size_by"] == "reach"
    size = {n["id"]: n["size"] for n in d["nodes"]}
    # pole1: sme1, lab1 (members), park1, emb; the programme: lab2 only
    assert size["pole1"] == max(size.values()) > size["prog"]
    assert "partenaires" in d["legend"]["size"]["label_fr"]


def test_without_metrics_size_is_the_degree(net):
    d = map_data(net, size_by="betweenness")
    assert d["meta"]["size_by"] == "degree" and d["metrics"] == []
    size = {n["id"]: n["size"] for n in d["nodes"]}
    # lab1 has 2 partners (sme1, lab2) besides its membership; prog has 1
    assert size["lab1"] > size["prog"]
    assert all(n["community"] == -1 for n in d["nodes"])


def test_metrics_size_and_communities(net):
    d = map_data(results_of(net, metrics=small_metrics(net)),
                 size_by="betweenness")
    size = {n["id"]: n["size"] for n in d["nodes"]}
    assert size["lab1"] == max(size.values()) and size["sme1"] == min(size.values())
    assert [m["key"] for m in d["metrics"]] == ["betweenness", "degree", "community"]
    assert d["metrics"][0]["label_fr"] and d["metrics"][0]["label_en"]
    comm = {n["id"]: n["community"] for n in d["nodes"]}
    assert comm["pole1"] == comm["sme1"] != comm["park1"]
    assert len(d["legend"]["communities"]) == 2
    with pytest.raises(GraphkitError, match="no metric 'nonsense'"):
        map_data(results_of(net, metrics=small_metrics(net)),
                 size_by="nonsense")


# ------------------------------------------------------------ layout
def test_layout_is_seeded_and_stable(net):
    a = map_data(net, seed=7)
    b = map_data(net, seed=7)
    c = map_data(net, seed=8)
    pos = lambda d: [(n["x"], n["y"]) for n in d["nodes"]]  # noqa: E731
    assert pos(a) == pos(b)
    assert pos(a) != pos(c)
    assert len(set(pos(a))) == 8  # no two nodes on one spot
    xy = force_layout(50, np.array([[i, i + 1] for i in range(49)]), seed=1)
    assert xy.shape == (50, 2) and np.isfinite(xy).all()


def test_geo_layout_places_actors_without_coordinates(net):
    d = map_data(net, layout="geo")
    pos = {n["id"]: np.array([n["x"], n["y"]]) for n in d["nodes"]}
    # Beijing is east (right) and south (lower: y grows downwards) of Grenoble
    assert pos["park1"][0] > pos["pole1"][0]
    assert pos["park1"][1] > pos["pole1"][1]
    # sme1 has no coordinates: placed near its pôle, not on it
    assert 0 < np.linalg.norm(pos["sme1"] - pos["pole1"]) < 50
    # lab2 near its park; emb (CN, no group) near the Chinese actors
    assert np.linalg.norm(pos["lab2"] - pos["park1"]) < 50
    assert np.linalg.norm(pos["emb"] - pos["park1"]) < np.linalg.norm(pos["emb"] - pos["pole1"])
    assert len({tuple(p) for p in pos.values()}) == 8
    assert d["meta"]["layout"] == "geo"
    assert d["meta"]["physics"] is False  # places stay put, even when small


def test_geo_layout_without_any_coordinates_is_refused():
    with pytest.raises(GraphkitError, match="lat/lon"):
        geo_layout([np.nan], [np.nan], ["FR"], [[]])
    # unknown country and no group: a row below the map, still finite
    xy = geo_layout([45.0, np.nan], [5.0, np.nan], ["FR", "ZZ"], [[], []])
    assert np.isfinite(xy).all() and xy[1, 1] > xy[0, 1]


# ------------------------------------------------------------ focus, collapse
def test_focus_keeps_the_neighbourhood(net):
    assert neighbourhood(net, "sme1", 1) == ["sme1", "lab1", "pole1"]
    d = map_data(net, focus="sme1", depth=1)
    assert {n["id"] for n in d["nodes"]} == {"sme1", "lab1", "pole1"}
    assert {e["type"] for e in d["edges"]} == {"member_of", "rd_partnership"}
    assert d["meta"]["focus"] == {"id": "sme1", "name": XSS_IMG, "depth": 1}
    d0 = map_data(net, focus="prog", depth=0)
    assert [n["id"] for n in d0["nodes"]] == ["prog"] and d0["edges"] == []
    with pytest.raises(GraphkitError, match="did you mean sme1"):
        map_data(net, focus="sme_1")
    with pytest.raises(GraphkitError, match="depth"):
        map_data(net, focus="sme1", depth=-1)


def test_collapse_merges_members_into_their_group(net):
    d = map_data(net, collapse=True)
    ids = {n["id"] for n in d["nodes"]}
    assert ids == {"pole1", "park1", "emb", "prog"}
    pole = next(n for n in d["nodes"] if n["id"] == "pole1")
    # members sme1, lab1; internal: 2 memberships + 2 R&D rows
    assert (pole["members"], pole["internal"]) == (2, 4)
    # lab1-lab2 becomes pole1-park1 academic; the visit stays
    assert edge_of(d, "pole1", "park1", "academic_partner")["count"] == 1
    assert edge_of(d, "pole1", "park1", "delegation_visit")["count"] == 1
    assert edge_of(d, "park1", "prog", "funded_by")["years"] == [2020]
    assert len(d["edges"]) == 4  # + emb supports pole1


# ------------------------------------------------------------ recs, gaps
def test_recommendations_and_gaps(net):
    d = map_data(results_of(net, recommendations=small_recommendations(),
                            gaps=small_gaps()))
    recs = d["recommendations"]["sme1"]
    assert [r["partner_id"] for r in recs] == ["lab2", "park1", "emb"]
    assert recs[0]["reasons"] == {"fr": "domaines partagés\u00a0: <b>ai</b>",
                                  "en": "shared domains: <b>ai</b>"}
    assert recs[0]["programmes"] == "PHC Cai Yuanpei"
    # rank 4 is listed but not drawn
    assert {(e["from"], e["to"]) for e in d["recommended_edges"]} == {
        ("sme1", "lab2"), ("sme1", "park1")}
    assert [g["rule_id"] for g in d["gaps"]["sme2"]] == ["G1"]
    assert [(e["from"], e["to"]) for e in d["gap_edges"]] == [("pole1", "park1")]
    # without them: nothing to toggle
    bare = map_data(net)
    assert bare["recommended_edges"] == [] and bare["recommendations"] == {}


def test_compact_recommendations_are_the_same_page(net, tmp_path):
    """render_map builds the recommendations straight in the packed form
    (no dict per row); the page is the one the plain data gives, and the
    English sentences the page needs are not kept for later outputs."""
    from graphkit.render.pack import encode, pack, unpack
    res = results_of(net, recommendations=small_recommendations(),
                     gaps=small_gaps())
    plain = map_data(res, lang="en")
    compact = map_data(res, lang="en", compact=True)
    assert compact["recommended_edges"] == plain["recommended_edges"]
    assert pack(compact) == pack(plain)
    assert unpack(pack(compact))["recommendations"] == plain["recommendations"]
    assert [r["partner_id"] for r in unpack(pack(compact))[
        "recommendations"]["sme1"]] == ["lab2", "park1", "emb"]
    assert encode(compact) == encode(plain)
    kept = {lang for (_, lang) in res.reason_words._columns}
    assert kept == {"en"}  # the page's language; French made, not kept
    path = render_map(res, tmp_path / "m.html", lang="en")
    assert page_data(path.read_text(encoding="utf-8"))["recommendations"] \
        == plain["recommendations"]
    empty = map_data(net, compact=True)["recommendations"]
    assert unpack(pack({"recommendations": empty}))["recommendations"] == {}


# ------------------------------------------------------------ page, files
def test_data_blob_cannot_break_out_of_its_script(net, tmp_path):
    assert script_json({"a": XSS_SCRIPT}) == (
        '{"a": "\\u003c/script\\u003e\\u003cscript\\u003ewindow.pwned=1'
        '\\u003c/script\\u003e"}')
    out = render_map(results_of(net, gaps=small_gaps()),
                     tmp_path / "map.html")
    text = out.read_text(encoding="utf-8")
    assert XSS_SCRIPT not in text and XSS_IMG not in text
    assert text.lower().count("</script") == 3  # data, vis-network, map.js
    data = page_data(text)
    assert data["nodes"][2]["label"] == XSS_IMG
    assert "中关村科技园" in json.dumps(data, ensure_ascii=False)  # UTF-8 kept
    # the data travels packed: base64 only, nothing that can close the element
    blob = re.search(r'id="graphkit-data"[^>]*>(.*?)</script>', text, re.S).group(1)
    assert re.fullmatch(r"[A-Za-z0-9+/=]+", blob.strip())


def test_page_is_self_contained(net, tmp_path):
    text = render_map(net, tmp_path / "map.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in text
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", text, re.I)
    assert not re.search(r"(cdn|unpkg|jsdelivr|bootstrap)[\w.-]*\.(com|net|org)",
                         text, re.I)
    assert "default-src 'none'" in text  # the CSP forbids any other host
    assert text == page(map_data(net))


def test_render_is_deterministic_and_atomic(net, tmp_path):
    a = render_map(net, tmp_path / "a.html", seed=3).read_bytes()
    b = render_map(net, tmp_path / "b.html", seed=3).read_bytes()
    assert a == b
    with pytest.raises(GraphkitError, match="language"):
        render_map(net, tmp_path / "c.html", lang="de")
    with pytest.raises(GraphkitError, match="layout"):
        render_map(net, tmp_path / "c.html", layout="circle")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]


def test_map_stage_writes_map_html(net, tmp_path):
    from graphkit.pipeline import RunContext, map_stage
    results = Results(net, Parameters(seed=5), key_figures(net),
                      metrics=small_metrics(net),
                      recommendations=small_recommendations())
    ctx = RunContext(results, tmp_path, lang="en")
    map_stage(ctx)
    text = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text and page_data(text)["meta"]["size_by"] == "reach"


# ------------------------------------------------------------ CLI
def write_csv_folder(net: Network, folder):
    folder.mkdir()
    a = net.actors.reset_index()[["id", "name", "type", "country", "lat", "lon"]]
    a.to_csv(folder / "actors.csv", index=False)
    net.cooperations[["source", "target", "type", "year"]].to_csv(
        folder / "cooperations.csv", index=False)
    return folder


def test_cli_map(tmp_path):
    from graphkit.cli import main
    data = write_csv_folder(small_network(), tmp_path / "data")
    out = tmp_path / "out" / "map.html"
    r = CliRunner().invoke(main, ["map", str(data), "-o", str(out), "--lang",
                                  "en", "--focus", "pole1", "--depth", "1",
                                  "--title", "Alpha <b>", "--no-recommendations"])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "<title>Alpha &lt;b&gt;</title>" in text
    d = page_data(text)
    assert {n["id"] for n in d["nodes"]} == {"pole1", "sme1", "lab1", "park1", "emb"}
    bad = CliRunner().invoke(main, ["map", str(data), "-o", str(out),
                                    "--focus", "nobody", "--no-recommendations"])
    assert bad.exit_code == 1 and "no actor has the id 'nobody'" in bad.output
    assert "Traceback" not in bad.output
    assert CliRunner().invoke(main, ["map", "--help"]).exit_code == 0


def test_the_inlined_vis_network_shows_string_titles_as_text():
    """Tooltips are plain strings: safe only because this vis-network sets
    them with innerText (some versions used innerHTML)."""
    from graphkit.render.htmlpage import VIS_VERSION, vis_assets
    js, css = vis_assets()
    assert f"@version {VIS_VERSION}" in js
    assert "this.frame.innerText=t" in js
    assert "</script" not in js.lower() and "</style" not in css.lower()


def test_pack_keeps_lists_and_kinds_apart():
    """Lists of ints or of texts are told apart by their tuples; 1, 1.0 and
    True stay what they were, in lists and alone, with None beside them."""
    from graphkit.render.pack import pack, unpack
    lists = [[1], [True], [1.0], [1], ["1"], [], [1, "a"], [1], [], ["1"]]
    single = [1.5, None, 1.5, None, 2.5, 1.5, None, 1.5, 1.5, 1.5]
    mixed = [1, 1.0, True, 1, 1, 1, 1.0, True, 1, 1]
    rows = [{"id": f"n{i}", "y": y, "s": s, "m": m}
            for i, (y, s, m) in enumerate(zip(lists, single, mixed))]
    back = unpack(pack({"nodes": rows}))["nodes"]
    assert back == rows
    assert [type(r["m"]) for r in back] == [type(m) for m in mixed]
    assert [[type(x) for x in r["y"]] for r in back] == \
        [[type(x) for x in y] for y in lists]
    # lists of ints only: stored once each, [1] three times by one index
    years = [[2010], [2010, 2011], [2010], [], [2010], [2010, 2011]]
    col = pack({"nodes": [{"id": f"n{i}", "y": y} for i, y in
                          enumerate(years)]})["nodes"]["c"]["y"]
    assert col == {"d": [[2010], [2010, 2011], []], "x": [0, 1, 0, 2, 0, 1]}
