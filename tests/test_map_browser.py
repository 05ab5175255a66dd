"""The map in a real browser: Debian's headless Chromium, network cut off.

Each test opens a small page (the hand-built network of test_map.py); one
opens the map `graphkit run examples/coopol` writes.
"""
from __future__ import annotations

import pytest

from graphkit.model import ACTOR_TYPES
from graphkit.render import render_map
from test_map import (XSS_IMG, XSS_SCRIPT, results_of, small_gaps,
                      small_metrics, small_network, small_recommendations)

READY = "() => window.graphkitReady === true"


@pytest.fixture(scope="module")
def map_file(tmp_path_factory):
    net = small_network()
    return render_map(results_of(net, metrics=small_metrics(net),
                                 recommendations=small_recommendations(),
                                 gaps=small_gaps()),
                      tmp_path_factory.mktemp("map") / "map.html", lang="fr")


@pytest.fixture
def page(offline_page, map_file):
    op = offline_page(map_file)
    op.dialogs = []

    def on_dialog(d):
        op.dialogs.append(d.message)
        d.dismiss()

    op.page.on("dialog", on_dialog)
    op.page.wait_for_function(READY, timeout=15000)
    return op


def _ids(p, dataset, hidden):
    """Actor ids (nodes: vis-network gets their index) or edge ids."""
    back = ".map(graphkit.aid)" if dataset == "nodes" else ""
    return sorted(p.evaluate(
        f"graphkit.{dataset}.get({{filter: x => {'' if hidden else '!'}x.hidden}})"
        f".map(x => x.id){back}"))


def hidden_ids(p, dataset):
    return _ids(p, dataset, True)


def visible_ids(p, dataset):
    return _ids(p, dataset, False)


def node_dom_position(p, node_id):
    """Page coordinates of a node's centre, as the user would click it."""
    return p.evaluate("""id => {
        const pos = graphkit.network.getPositions([graphkit.vid(id)])[graphkit.vid(id)];
        const dom = graphkit.network.canvasToDOM(pos);
        const box = document.getElementById('gk-network').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
    }""", node_id)


def test_offline_counts_and_no_error(page):
    p = page.page
    assert page.requests == []
    assert page.console_errors == [] and page.page_errors == []
    assert p.evaluate("graphkit.nodes.length") == 8
    # 10 cooperation edges (recommendations and gaps: drawn on focus only)
    assert p.evaluate("graphkit.edges.length") == 10
    assert len(visible_ids(p, "edges")) == 10
    assert p.evaluate("document.characterSet") == "UTF-8"
    assert "中关村科技园" in p.evaluate(
        "graphkit.nodes.get(graphkit.vid('park1')).name")
    assert p.text_content("#gk-counts").startswith("8 acteurs")
    assert "2020" in p.text_content("#gk-date")


def test_legend_is_there(page):
    legend = page.page.text_content("#gk-legend-body")
    for key in ("pole", "park", "sme", "lab", "embassy_service", "programme"):
        assert ACTOR_TYPES[key].fr in legend
    assert "partenariat de R&D" in legend
    assert "partenariat recommandé" in legend
    assert "communauté 1" in legend
    assert "nombre de partenaires (adhésions comprises)" in legend  # size


def test_search_by_name_and_by_id_focuses(page):
    p = page.page
    p.fill("#gk-search", "emile")  # accents and case ignored
    p.press("#gk-search", "Enter")
    assert p.evaluate("graphkit.selected()") == ["lab1"]
    assert p.is_visible("#gk-panel")
    assert p.text_content("#gk-panel-body h2") == "Laboratoire Émile"
    p.fill("#gk-search", "park1")
    p.click("#gk-search-go")
    assert p.evaluate("graphkit.selected()") == ["park1"]
    # the view moves onto it
    p.wait_for_function("""() => {
        const a = graphkit.network.getViewPosition();
        const b = graphkit.network.getPositions([graphkit.vid('park1')])[graphkit.vid('park1')];
        return Math.hypot(a.x - b.x, a.y - b.y) < 5;
    }""", timeout=3000)
    assert p.text_content("#gk-results").startswith("Zhongguancun")
    p.fill("#gk-search", "nobody at all")
    p.press("#gk-search", "Enter")
    assert p.text_content("#gk-search-msg") == "Aucun acteur ne correspond."


def test_type_filter_hides_what_it_should(page):
    p = page.page
    p.uncheck("#gk-f-types input[data-key=sme]")
    assert hidden_ids(p, "nodes") == ["sme1", "sme2"]
    visible = visible_ids(p, "edges")
    edges = p.evaluate("graphkit.data.edges")
    expected = sorted(e["id"] for e in edges
                      if "sme1" not in (e["from"], e["to"])
                      and "sme2" not in (e["from"], e["to"]))
    assert visible == expected and len(expected) == 6
    p.check("#gk-f-types input[data-key=sme]")
    assert hidden_ids(p, "nodes") == []
    assert len(visible_ids(p, "edges")) == 10
    # country: the Chinese actors go, and every edge touching one
    p.click("#gk-filters summary >> text=Pays")
    p.uncheck("#gk-f-countries input[data-key=CN]")
    assert hidden_ids(p, "nodes") == ["emb", "lab2", "park1", "sme2"]
    shown = {(e["from"], e["to"]) for e in edges if e["id"] in visible_ids(p, "edges")}
    assert shown == {("sme1", "pole1"), ("lab1", "pole1"), ("lab1", "sme1")}
    assert "à l'écran\u00a0: 4 acteurs, 3 liens" in p.text_content("#gk-counts")
    # "none" says so, and the view fits what is left
    p.click("#gk-f-types >> text=rien")
    assert p.is_visible("#gk-empty")
    assert "Aucun acteur ne correspond" in p.text_content("#gk-empty")
    p.click("#gk-f-types >> text=tout")
    assert not p.is_visible("#gk-empty")


def test_year_and_cooperation_filters(page):
    p = page.page
    p.fill("#gk-year-from", "2016")
    p.fill("#gk-year-to", "2017")
    p.dispatch_event("#gk-year-to", "change")
    p.dispatch_event("#gk-year-from", "change")
    edges = {e["id"]: e for e in p.evaluate("graphkit.data.edges")}
    shown = {(edges[i]["from"], edges[i]["to"], edges[i]["type"])
             for i in visible_ids(p, "edges")}
    # dated 2016-2017, plus the undated (memberships of lab1/lab2, support)
    assert shown == {("lab1", "sme1", "rd_partnership"),
                     ("pole1", "park1", "delegation_visit"),
                     ("lab1", "pole1", "member_of"),
                     ("lab2", "park1", "member_of"),
                     ("emb", "pole1", "supports")}
    p.check("#gk-undated")
    assert len(visible_ids(p, "edges")) == 2
    # nodes left without visible edges stay visible
    assert hidden_ids(p, "nodes") == []
    p.click("#gk-reset")
    p.uncheck("#gk-f-coops input[data-key=member_of]")
    assert len(visible_ids(p, "edges")) == 6
    assert hidden_ids(p, "nodes") == []


def test_markup_in_names_is_text_and_never_runs(page):
    p = page.page
    assert p.evaluate("typeof window.pwned") == "undefined"
    assert page.dialogs == []
    assert p.evaluate("graphkit.nodes.get(graphkit.vid('sme1')).name") == XSS_IMG
    assert p.evaluate("graphkit.nodes.get(graphkit.vid('sme2')).name") == XSS_SCRIPT
    p.evaluate("graphkit.showPanel('sme1')")
    body = p.text_content("#gk-panel-body")
    assert XSS_IMG in body and XSS_SCRIPT in body  # name and extra column
    assert "<b>joint patent</b>" in body  # a cooperation note, as text
    p.evaluate("graphkit.showPanel('sme2')")
    assert XSS_SCRIPT in p.text_content("#gk-panel-body")
    p.fill("#gk-search", "<img")
    p.press("#gk-search", "Enter")
    assert XSS_IMG in p.text_content("#gk-results")
    # the hover tooltip is plain text too
    p.click("#gk-panel-close")
    # closing the panel widens the map; vis-network resizes its canvas on a
    # later frame, which moves the node on screen: wait for that first
    p.wait_for_function("""() => {
        const box = document.getElementById('gk-network').getBoundingClientRect();
        const c = document.querySelector('#gk-network canvas').getBoundingClientRect();
        return Math.abs(box.width - c.width) < 1;
    }""", timeout=5000)
    p.evaluate("graphkit.network.moveTo({position: graphkit.network.getPositions([graphkit.vid('sme1')])[graphkit.vid('sme1')], scale: 1.5})")
    x, y = node_dom_position(p, "sme1")
    p.mouse.move(x - 3, y - 3)
    p.mouse.move(x, y, steps=3)
    p.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    assert XSS_IMG in p.text_content("div.vis-tooltip")
    assert p.evaluate("document.querySelectorAll('img, b, #gk-main script').length") == 0
    assert p.evaluate("typeof window.pwned") == "undefined"
    assert page.dialogs == [] and page.page_errors == []


def test_click_opens_the_details_panel(page):
    p = page.page
    assert not p.is_visible("#gk-panel")
    p.evaluate("graphkit.network.moveTo({position: graphkit.network.getPositions([graphkit.vid('pole1')])[graphkit.vid('pole1')], scale: 1.5})")
    x, y = node_dom_position(p, "pole1")
    p.mouse.click(x, y)
    assert p.is_visible("#gk-panel")
    text = p.text_content("#gk-panel-body")
    assert text.startswith("Pôle Alpha")
    assert "Propriétés" in text and "Indicateurs" in text
    assert "Partenaires (4)" in text  # sme1, lab1, park1, emb
    assert "G5" in text
    assert "aucune coopération avec Zhongguancun depuis 2010 (8\u00a0ans)" in text \
        or "aucune coopération avec Zhongguancun depuis 2010 (8 ans)" in text
    # a partner in the panel is clickable and focuses that actor
    p.click("#gk-panel-body button.gk-link >> text=Service scientifique Pékin")
    assert p.evaluate("graphkit.selected()") == ["emb"]
    p.evaluate("graphkit.showPanel('sme1')")
    text = p.text_content("#gk-panel-body")
    assert "Partenaires recommandés (3)" in text
    assert "domaines partagés\u00a0: <b>ai</b>" in text and "PHC Cai Yuanpei" in text


def test_focus_on_one_actor(page):
    """Clicking or searching an actor dims the rest, keeps its partners
    bright and shows its own recommended partners and gaps only."""
    p = page.page
    assert p.evaluate("graphkit.focusSets().selected") is None
    p.fill("#gk-search", "Pôle Alpha")
    p.press("#gk-search", "Enter")
    f = p.evaluate("graphkit.focusSets()")
    assert f["selected"] == "pole1"
    assert sorted(f["partners"]) == ["emb", "lab1", "park1", "sme1"]
    assert f["recs"] == [] and f["gaps"] == ["park1"]  # G5, pole1's own gap
    p.evaluate("graphkit.focusNode('sme1')")
    f = p.evaluate("graphkit.focusSets()")
    # sme1's recommended partners on the map; not pole1's gap
    assert f["recs"] == ["lab2", "park1", "emb"] and f["gaps"] == []
    p.uncheck("#gk-recs")
    assert p.evaluate("graphkit.focusSets().recs") == []
    p.check("#gk-recs")
    # the panel speaks words: no ids, no long decimals
    text = p.text_content("#gk-panel-body")
    assert "identifiant" not in text and "0,0000" not in text
    assert "sur 8" in text  # ranks, not raw figures
    # the canvas is dimmed around the focus: a pixel far from it is pale
    p.evaluate("graphkit.clearFocus()")
    assert p.evaluate("graphkit.focusSets().selected") is None
    assert page.console_errors == [] and page.page_errors == []


def test_language_switch_changes_the_texts(page):
    p = page.page
    assert p.text_content("#gk-filters h2") == "Filtres"
    assert p.get_attribute("#gk-search", "placeholder") == "nom ou identifiant"
    p.click("#gk-lang")
    assert p.text_content("#gk-filters h2") == "Filters"
    assert p.get_attribute("#gk-search", "placeholder") == "name or id"
    assert p.evaluate("document.documentElement.lang") == "en"
    assert ACTOR_TYPES["pole"].en in p.text_content("#gk-legend-body")
    assert p.text_content("#gk-counts").startswith("8 actors")
    p.click("#gk-lang")
    assert p.text_content("#gk-filters h2") == "Filtres"


def test_run_on_the_example_writes_a_working_map(example_dir, tmp_path,
                                                 offline_page):
    from graphkit.io import read_network
    from graphkit.pipeline import run
    from graphkit.results import Parameters
    result = read_network(example_dir)
    net = getattr(result, "network", result)
    _results, written = run(net, tmp_path / "out", Parameters(seed=42),
                            lang="fr")
    path = tmp_path / "out" / "map.html"
    assert path in written
    op = offline_page(path)
    p = op.page
    p.wait_for_function(READY, timeout=20000)
    assert op.requests == [] and op.console_errors == [] and op.page_errors == []
    # 277 actors: the first view groups them by pôle or park
    assert p.evaluate("graphkit.view().mode") == "overview"
    assert 10 < p.evaluate("graphkit.nodes.length") < 60
    p.click("#gk-all")
    assert p.evaluate("graphkit.nodes.length") == len(net.actors)
    data_edges = p.evaluate("graphkit.data.edges.length")
    assert data_edges > 0 and p.evaluate(
        "graphkit.edges.get({filter: e => !e.hidden}).length") == data_edges
    first = net.actors.index[0]
    p.fill("#gk-search", first)
    p.press("#gk-search", "Enter")
    assert p.evaluate("graphkit.selected()") == [first]
    assert p.is_visible("#gk-panel")


def test_edge_layer_draws_and_filters_the_edges(tmp_path, offline_page):
    """Large maps draw cooperation edges on one canvas layer; forced here on
    the small network so that the answers are known."""
    net = small_network()
    path = render_map(results_of(net, recommendations=small_recommendations()),
                      tmp_path / "layer.html", edge_layer=True)
    op = offline_page(path)
    p = op.page
    p.wait_for_function(READY, timeout=15000)
    assert op.console_errors == [] and op.page_errors == []
    # neither the DataSet nor vis-network holds them: the layer draws them
    assert p.evaluate("graphkit.edges.length") == 0
    assert p.evaluate("Object.keys(graphkit.network.body.edges).length") == 0
    assert p.evaluate("graphkit.layerStats.segments") == 10
    drawn = p.evaluate("graphkit.layerStats.drawn")
    p.uncheck("#gk-f-types input[data-key=sme]")
    p.wait_for_function(f"() => graphkit.layerStats.drawn > {drawn}", timeout=5000)
    assert p.evaluate("graphkit.layerStats.segments") == 6
    assert hidden_ids(p, "nodes") == ["sme1", "sme2"]
    p.check("#gk-f-types input[data-key=sme]")
    assert p.evaluate("graphkit.layerStats.segments") == 10
    p.evaluate("graphkit.focusNode('sme1')")
    assert p.evaluate("graphkit.focusSets().recs") == ["lab2", "park1", "emb"]
