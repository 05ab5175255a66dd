"""The map's tools in a real browser, network cut off (issue 16): who can
introduce us (paths), the year slider, the PNG export."""
from __future__ import annotations

import base64

from test_map import (results_of, small_gaps, small_metrics, small_network,
                      small_recommendations)
from graphkit.render import render_map

READY = "() => window.graphkitReady === true"


def open_small(tmp_path, offline_page):
    net = small_network()
    path = render_map(results_of(net, metrics=small_metrics(net),
                                 recommendations=small_recommendations(),
                                 gaps=small_gaps()), tmp_path / "m.html")
    op = offline_page(path)
    op.page.wait_for_function(READY, timeout=15000)
    return op


def test_a_path_between_two_actors(tmp_path, offline_page):
    op = open_small(tmp_path, offline_page)
    p = op.page
    # sme2 - lab2 - lab1 - sme1; sme2 - park1 - pole1 - sme1
    assert sorted(p.evaluate("graphkit.shortestPaths('sme2', 'sme1', 5)")) == [
        ["sme2", "lab2", "lab1", "sme1"], ["sme2", "park1", "pole1", "sme1"]]
    p.fill("#gk-path-from", "Zhongguancun")
    p.fill("#gk-path-to", "Émile")
    p.click("#gk-path-go")
    listed = p.text_content("#gk-path-list")
    assert "Zhongguancun" in listed and "Laboratoire Émile" in listed
    assert p.evaluate("graphkit.state.paths.length") >= 1
    # filters cut the chains: none left says so
    p.evaluate("graphkit.showPaths('prog', 'emb')")
    p.uncheck("#gk-f-coops input[data-key=funded_by]")
    p.click("#gk-path-go")
    assert p.evaluate("graphkit.shortestPaths('prog', 'emb', 5)") == []
    assert op.console_errors == [] and op.page_errors == [] and op.requests == []


def test_the_year_slider_changes_what_is_shown(tmp_path, offline_page):
    op = open_small(tmp_path, offline_page)
    p = op.page
    all_edges = p.evaluate("graphkit.visibleCounts().edges")
    all_nodes = p.evaluate("graphkit.visibleCounts().nodes")
    p.evaluate("graphkit.setYear(2014)")
    # 2012 training, 2014 membership, and the undated ties
    assert p.evaluate("graphkit.visibleCounts().edges") < all_edges
    hidden = sorted(p.evaluate(
        "graphkit.nodes.get({filter: x => x.hidden}).map(x => graphkit.aid(x.id))"))
    assert "prog" in hidden  # first tie in 2020
    assert p.text_content("#gk-year-shown") == "2014"
    p.evaluate("graphkit.setYear(2020)")
    assert p.evaluate("graphkit.visibleCounts().nodes") == all_nodes
    p.click("#gk-play")
    p.wait_for_function("() => document.getElementById('gk-year-shown').textContent !== '2020'",
                        timeout=5000)
    p.click("#gk-play")  # pause
    assert op.console_errors == [] and op.page_errors == []


def test_png_export_yields_an_image(tmp_path, offline_page):
    op = open_small(tmp_path, offline_page)
    p = op.page
    url = p.evaluate("graphkit.exportPng()")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    width = int.from_bytes(png[16:20], "big")
    assert width > 600
    with p.expect_download() as d:
        p.click("#gk-export")
    assert d.value.suggested_filename.endswith(".png")
    assert op.console_errors == [] and op.page_errors == [] and op.requests == []


def test_the_overview_names_its_largest_groups(tmp_path, offline_page):
    """The first view of a large map names its largest groups at a size that
    reads (drawn by the page, the largest first, none over another)."""
    from graphkit.generate import generate_ecosystem
    path = render_map(generate_ecosystem(600, seed=2), tmp_path / "o.html")
    op = offline_page(path)
    p = op.page
    p.wait_for_function(READY, timeout=20000)
    p.wait_for_function("() => graphkit.view().stats.labelled > 0", timeout=5000)
    stats = p.evaluate("graphkit.view().stats")
    assert p.evaluate("graphkit.view().mode") == "overview"
    assert 5 <= stats["labelled"] <= min(40, stats["groups"])
    # opening a group leaves the actors' own labels
    p.evaluate("graphkit.openGroup(0)")
    assert p.evaluate("graphkit.view().mode") == "group"
    assert op.console_errors == [] and op.page_errors == [] and op.requests == []


def test_the_page_names_the_largest_actors_none_over_another(tmp_path, offline_page):
    """Every actor view names its largest actors (vis-network draws no
    label), at most 40 at a time; a focus names the actor and its own."""
    from graphkit.generate import generate_ecosystem
    path = render_map(generate_ecosystem(600, seed=2), tmp_path / "n.html")
    op = offline_page(path)
    p = op.page
    p.wait_for_function(READY, timeout=20000)
    p.evaluate("graphkit.setView('all')")
    p.wait_for_function("() => graphkit.labelStats.actors > 0", timeout=5000)
    assert 5 <= p.evaluate("graphkit.labelStats.actors") <= 40
    # vis-network holds no names: it never measures them
    assert p.evaluate("graphkit.nodes.get().filter(n => n.label).length") == 0
    largest = p.evaluate("graphkit.data.nodes.reduce((a, b) => b.size > a.size ? b : a).id")
    p.evaluate(f"graphkit.focusNode({largest!r})")
    p.wait_for_function("() => graphkit.labelStats.focus > 0", timeout=5000)
    # the focus shows the actor's partners: all on screen
    inside = p.evaluate("""() => { const f = graphkit.focusSets(), c = graphkit.network.canvas.frame.canvas;
        return f.partners.every(id => { const q = graphkit.network.canvasToDOM(
            graphkit.network.getPositions([graphkit.vid(id)])[graphkit.vid(id)]);
            return q.x >= 0 && q.y >= 0 && q.x <= c.clientWidth && q.y <= c.clientHeight; }); }""")
    assert inside
    assert op.console_errors == [] and op.page_errors == [] and op.requests == []
