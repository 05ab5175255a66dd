"""The geographic map in a real browser, network cut off (issue 16, point
4): Natural Earth's countries drawn under the actors from the atlas embedded
in the page, crowded actors clustered by place, ties between countries as
arcs, zoom from the world to a region."""
from __future__ import annotations

import json

import pytest

from graphkit.generate import generate_ecosystem
from graphkit.io import read_network
from graphkit.render import map_data, render_map
from graphkit.render.htmlpage import ATLAS_FILE, atlas
from graphkit.render.layout import geo_projection, mercator
from test_map import XSS_IMG, XSS_SCRIPT

READY = "() => window.graphkitReady === true"
SEA, LAND = (0xdb, 0xe7, 0xf1), (0xf3, 0xf0, 0xe8)

# share of the drawing's pixels that are sea, land, and neither (markers, ties)
PIXELS = """() => {
    const c = graphkit.network.canvas.frame.canvas, g = c.getContext('2d');
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let sea = 0, land = 0, other = 0;
    const near = (i, rgb) => Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) < 6;
    for (let i = 0; i < d.length; i += 4 * 7) {
        if (near(i, %s)) sea++; else if (near(i, %s)) land++; else other++;
    }
    const n = sea + land + other;
    return [sea / n, land / n, other / n];
}""" % (json.dumps(SEA), json.dumps(LAND))


def test_the_atlas_is_vendored_whole_with_its_licence():
    topo = atlas()
    assert topo["type"] == "Topology" and len(topo["arcs"]) > 1000
    names = {g["properties"]["name"] for g in topo["objects"]["countries"]["geometries"]}
    assert {"France", "China", "Germany", "Brazil"} <= names
    licence = (ATLAS_FILE.parent / "ATLAS-LICENSE.txt").read_text(encoding="utf-8")
    assert "Natural Earth" in licence and "public domain" in licence and "ISC" in licence


def test_the_projection_places_the_basemap_under_the_actors():
    lat, lon = [48.85, 39.9, 45.76], [2.35, 116.4, 4.84]
    xy, p = geo_projection(lat, lon, ["FR", "CN", "FR"], [[], [], []])
    again = mercator(lat, lon) * p["scale"] - [p["dx"], p["dy"]]
    assert abs(again - xy).max() < 1e-6
    assert xy[1, 0] > xy[0, 0] and xy[0, 1] < xy[2, 1]  # Beijing east, Paris north of Lyon


def test_only_the_geographic_map_carries_the_atlas(tmp_path):
    net = generate_ecosystem(60, seed=1)
    spring = render_map(net, tmp_path / "s.html").stat().st_size
    geo = render_map(net, tmp_path / "g.html", layout="geo").stat().st_size
    assert geo - spring > 100_000  # the atlas, compressed or not
    d = map_data(net, layout="geo")
    assert d["meta"]["geo"]["scale"] > 0 and not d["meta"]["overview"]
    assert map_data(net)["meta"]["geo"] is None


@pytest.fixture(scope="module")
def example_geo(example_dir, tmp_path_factory):
    net = read_network(example_dir).network
    return render_map(net, tmp_path_factory.mktemp("geo") / "geo.html",
                      layout="geo")


def test_geo_view_draws_the_basemap_clusters_and_arcs(example_geo, offline_page):
    op = offline_page(example_geo, viewport=(1400, 900))
    p = op.page
    p.wait_for_function(READY, timeout=20000)
    p.wait_for_timeout(300)
    stats = p.evaluate("graphkit.geoStats")
    assert stats["basemapDrawn"] >= 1
    sea, land, other = p.evaluate(PIXELS)
    assert sea > 0.15 and land > 0.25 and 0.005 < other < 0.5, (sea, land, other)
    # actors crowd in French and Chinese cities: numbered markers
    assert stats["clusters"] >= 3 and stats["clustered"] > 100
    # ties between France and China are arcs
    assert stats["arcs"] > 10
    # a click on the largest marker zooms in on it
    scale = p.evaluate("graphkit.network.getScale()")
    box = p.evaluate("""() => { const cs = graphkit.clusters(); let b = 0;
        cs.forEach((c, i) => { if (c.members.length > cs[b].members.length) b = i; });
        const c = cs[b];
        const d = graphkit.network.canvasToDOM({x: c.x, y: c.y});
        const r = graphkit.network.canvas.frame.canvas.getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""")
    p.mouse.click(box[0], box[1])
    assert p.evaluate("graphkit.network.getScale()") > scale * 2
    # fewer actors clustered, more drawn alone
    after = p.evaluate("graphkit.geoStats")
    assert after["clustered"] < stats["clustered"]
    alone = p.evaluate("graphkit.nodes.get({filter: x => !x.hidden && typeof x.id === 'number'}).length")
    assert alone > 0
    p.evaluate("graphkit.openCluster('c0')")
    # focus on one actor still works on the map
    assert p.evaluate("graphkit.focusNode(graphkit.data.nodes[0].id)")
    assert op.console_errors == [] and op.page_errors == [] and op.requests == []


def test_geo_names_stay_text(tmp_path, offline_page):
    net = generate_ecosystem(60, seed=3)
    a = net.actors.copy()
    a.iloc[0, a.columns.get_loc("name")] = XSS_SCRIPT
    a.iloc[1, a.columns.get_loc("name")] = XSS_IMG
    from graphkit import Network
    path = render_map(Network(a.reset_index(), net.cooperations), tmp_path / "x.html",
                      layout="geo")
    op = offline_page(path)
    p = op.page
    p.wait_for_function(READY, timeout=20000)
    p.evaluate("graphkit.network.moveTo({scale: 20})")
    p.evaluate("graphkit.recluster()")
    assert p.evaluate("window.pwned") is None
    assert p.evaluate("graphkit.focusNode(graphkit.data.nodes[0].id)")
    assert XSS_SCRIPT in p.text_content("#gk-panel-body")
    assert op.console_errors == [] and op.page_errors == [] and op.requests == []


def test_markers_never_pile_up(tmp_path, offline_page):
    """From the first view to x64, no two markers (numbered or single
    actors) are drawn within 4 px of each other; vis-network holds only the
    actors drawn alone."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_map import GEO_STEPS, RESET
    path = render_map(generate_ecosystem(800, seed=4), tmp_path / "p.html",
                      layout="geo")
    op = offline_page(path, viewport=(1400, 900))
    p = op.page
    p.wait_for_function(READY, timeout=20000)
    assert p.evaluate("graphkit.nodes.length") < 800 / 4  # a world view: mostly markers
    p.evaluate(RESET)
    assert p.evaluate(GEO_STEPS["piled"]) == 0
    assert op.console_errors == [] and op.page_errors == [] and op.requests == []
