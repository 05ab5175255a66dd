"""The map survives any data: actor ids that are names of JavaScript object
properties, very long names, huge notes (issue 16, point 7)."""
from __future__ import annotations

import time

import pandas as pd

from graphkit import Network
from graphkit.render import map_data, render_map
from graphkit.render.data import LABEL_MAX, NOTE_MAX

READY = "() => window.graphkitReady === true"
TRICKY = ["__proto__", "constructor", "toString", "hasOwnProperty",
          "valueOf", "__defineGetter__"]
LONG = "Région " + "très longue " * 9000  # ~108 000 characters


def tricky_network(note: str = "") -> Network:
    ids = TRICKY + ["long_region", "long_prog", "long_emb"]
    actors = pd.DataFrame({
        "id": ids,
        "name": TRICKY + [LONG, LONG + "p", LONG + "e"],
        "type": ["pole", "sme", "lab", "programme", "embassy_service", "park",
                 "region", "programme", "embassy_service"],
        "country": ["FR", "CN", "FR", "FR", "CN", "CN", "FR", "FR", "CN"],
    })
    rows = [("constructor", "__proto__", "member_of", note),
            ("toString", "__proto__", "rd_partnership", None),
            ("__proto__", "hasOwnProperty", "funded_by", None),
            ("valueOf", "constructor", "supports", None),
            ("long_region", "__proto__", "supports", None),
            ("long_prog", "toString", "rd_partnership", None),
            ("long_emb", "long_region", "supports", None),
            ("__defineGetter__", "long_emb", "rd_partnership", None)]
    coops = pd.DataFrame(rows, columns=["source", "target", "type", "note"])
    return Network(actors, coops)


def test_what_is_embedded_is_what_the_page_shows():
    d = map_data(tricky_network(note="n" * 3_000_000))
    labels = {n["id"]: n["label"] for n in d["nodes"]}
    assert len(labels["long_region"]) == LABEL_MAX
    assert labels["long_region"].endswith("\u2026")
    name = dict(zip(d["columns"], next(n for n in d["nodes"]
                                       if n["id"] == "long_region")["props"]))
    assert name["name"] == LONG  # the whole name, for the panel
    note = next(e for e in d["edges"] if e.get("notes"))["notes"][0]
    assert len(note) == NOTE_MAX


def test_tricky_ids_long_names_and_huge_notes_in_the_browser(
        tmp_path, offline_page):
    path = render_map(tricky_network(note="n" * 20_000_000),
                      tmp_path / "tricky.html")
    assert path.stat().st_size < 2_000_000  # the note is not copied whole
    for layer in (False, True):
        path = render_map(tricky_network(), tmp_path / f"t{layer}.html",
                          edge_layer=layer)
        t0 = time.perf_counter()
        op = offline_page(path)
        p = op.page
        p.wait_for_function(READY, timeout=15000)
        assert time.perf_counter() - t0 < 10  # no 73 s word-wrapping
        assert op.console_errors == [] and op.page_errors == []
        assert op.requests == []
        assert p.evaluate("graphkit.nodes.length") == 9
        for actor in TRICKY + ["long_region"]:
            assert p.evaluate("id => graphkit.focusNode(id)", actor)
            assert p.evaluate("graphkit.selected()") == [actor]
            head = p.text_content("#gk-panel-body h2")
            assert head == (actor if actor in TRICKY else LONG[:LABEL_MAX - 1] + "\u2026")
        # the panel keeps the whole name
        assert LONG.strip() in p.text_content("#gk-panel-body")
        p.evaluate("graphkit.showPanel('__proto__')")
        assert "Partenaires (4)" in p.text_content("#gk-panel-body")
        p.fill("#gk-search", "constructor")
        p.press("#gk-search", "Enter")
        assert p.evaluate("graphkit.selected()") == ["constructor"]
        p.uncheck("#gk-f-types input[data-key=pole]")
        assert p.evaluate("graphkit.visibleCounts().nodes") == 8
        assert op.console_errors == [] and op.page_errors == []


# ------------------------------------------------------------ large maps
import pytest  # noqa: E402


@pytest.fixture(scope="module")
def map_5k(tmp_path_factory):
    from graphkit.generate import generate_ecosystem
    net = generate_ecosystem(5000, seed=1)
    return net, render_map(net, tmp_path_factory.mktemp("big") / "g5k.html")


def test_grouped_overview_at_5000_actors_and_opening_a_group(map_5k,
                                                              offline_page):
    net, path = map_5k
    op = offline_page(path)
    p = op.page
    p.wait_for_function(READY, timeout=60000)
    v = p.evaluate("graphkit.view()")
    assert v["mode"] == "overview" and v["grouping"] == "pole"
    n_groups = p.evaluate("graphkit.nodes.length")
    assert 20 < n_groups < 600  # groups, not 5 000 actors
    assert p.evaluate("graphkit.edges.length") <= 1500
    assert "groupes" in p.text_content("#gk-counts")
    assert p.text_content("#gk-counts").startswith("5000 acteurs")
    # the largest group, opened: its actors and their partners
    big = p.evaluate("""() => {
        const ns = graphkit.nodes.get();
        ns.sort((a, b) => b.value - a.value);
        return ns[0].id; }""")
    p.evaluate("id => graphkit.openGroup(parseInt(id.slice(1)))", big)
    v = p.evaluate("graphkit.view()")
    assert v["mode"] == "group"
    shown = p.evaluate("graphkit.nodes.length")
    assert 10 < shown < 5000
    assert "Groupe" in p.text_content("#gk-view-note")
    # the actors keep their type's shape and colour (styles known up front)
    style = p.evaluate("""() => {
        const n = graphkit.data.nodes.find(x => x.type === 'pole');
        const o = graphkit.network.body.nodes[n.k];
        return o ? [o.options.shape, o.options.color.background] : null; }""")
    assert style in (None, ["hexagon", "#0072B2"])
    # by country: one group per country
    p.select_option("#gk-grouping", "country")
    countries = net.actors["country"].nunique()
    assert p.evaluate("graphkit.nodes.length") == countries
    # a search opens the actor's group and focuses it
    actor = net.actors.index[123]
    assert p.evaluate("id => graphkit.focusNode(id)", actor)
    assert p.evaluate("graphkit.selected()") == [actor]
    assert p.evaluate("graphkit.view().mode") == "group"
    # every actor, on request
    p.click("#gk-all")
    assert p.evaluate("graphkit.nodes.length") == 5000
    assert op.console_errors == [] and op.page_errors == []
    assert op.requests == []
