"""The map of a comparison (issue 15, point 5: "the map can show the same
difference"), in Chromium with the network cut off: two versions of a small
network that differ by known ties and actors."""
from __future__ import annotations

import pandas as pd
import pytest

from graphkit.analysis.compare import compare, compare_periods
from graphkit.network import Network
from graphkit.render.difference import difference_data
from graphkit.report.brief import build_brief, write_brief
from test_map import small_network

READY = "() => window.graphkitReady === true"


def two_versions():
    """The new version: ``emb`` left (its tie with pole1 goes), ``new1``
    entered with a tie to pole1, lab1-sme2 appeared, sme2-lab2 went."""
    old = small_network()
    actors = old.actors.reset_index().rename(columns={"index": "id"})
    actors = actors[actors["id"] != "emb"]
    actors = pd.concat([actors, pd.DataFrame([{
        "id": "new1", "name": "Nouvelle PME", "type": "sme", "country": "FR"}])])
    c = old.cooperations
    c = c[~((c["source"] == "sme2") & (c["target"] == "lab2"))
          & (c["source"] != "emb")]
    c = pd.concat([c, pd.DataFrame([
        {"source": "new1", "target": "pole1", "type": "rd_partnership", "year": 2021},
        {"source": "lab1", "target": "sme2", "type": "academic_partner", "year": 2021}])])
    return old, Network(actors, c, {"name": "Test network"})


APPEARED = {("new1", "pole1"), ("lab1", "sme2")}
DISAPPEARED = {("emb", "pole1"), ("lab2", "sme2")}
KEPT = {("lab1", "sme1"), ("lab1", "lab2"), ("park1", "pole1"), ("lab2", "prog")}


def _pairs(edges, key):
    return {tuple(sorted((e["from"], e["to"]))) for e in edges if e["type"] == key}


def test_the_data_holds_the_comparison_s_ties_and_actors():
    cmp = compare(*two_versions())
    d = difference_data(cmp)
    assert _pairs(d["edges"], "appeared") == APPEARED
    assert _pairs(d["edges"], "disappeared") == DISAPPEARED
    assert _pairs(d["edges"], "kept") == KEPT
    ring = {n["id"]: n["community"] for n in d["nodes"]}
    assert ring["new1"] == 0 and ring["emb"] == 1 and ring["pole1"] == -1
    assert [c["key"] for c in d["legend"]["cooperation_types"]] == \
        ["appeared", "disappeared", "kept"]
    # one truth: the header's counts are the brief's
    assert d["meta"]["difference"]["fr"] == ("2 liens apparus \u00B7 2 liens disparus"
                                             " \u00B7 4 liens conservés \u00B7 1 acteur entré"
                                             " \u00B7 1 acteur sorti")
    bullets = " ".join(build_brief(cmp, lang="fr").section("overview").blocks[1].bullets)
    assert "2 nouveaux liens" in bullets and "2 liens ont disparu" in bullets
    assert "1 acteur est entré" in bullets and "1 acteur a quitté" in bullets
    assert d["meta"]["difference"]["en"].startswith("2 ties appeared")


def test_two_periods_draw_their_difference():
    net = small_network()
    cmp = compare_periods(net, (2012, 2016), (2017, 2020))
    d = difference_data(cmp, lang="en")
    assert _pairs(d["edges"], "appeared") == {
        tuple(sorted(p)) for p in zip(cmp.ties_appeared["u"], cmp.ties_appeared["v"])}
    assert len(d["edges"]) == len(cmp.ties_appeared) + len(cmp.ties_disappeared) \
        + len(cmp.ties_kept)


@pytest.fixture(scope="module")
def brief_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp") / "out"
    write_brief(compare(*two_versions()), out, lang="fr")
    return out


def test_the_map_beside_the_brief_in_chromium(brief_dir, offline_page):
    assert (brief_dir / "brief.html").is_file()
    op = offline_page(brief_dir / "map.html")
    p = op.page
    p.wait_for_function(READY, timeout=15000)
    counts = p.text_content("#gk-counts")
    assert counts.startswith("2 liens apparus \u00B7 2 liens disparus \u00B7 "
                             "4 liens conservés \u00B7 1 acteur entré \u00B7 1 acteur sorti")
    assert p.text_content("#gk-title") == "Ce qui a changé\u00a0: Test network \u2192 Test network"
    legend = p.text_content("#gk-legend-body")
    assert "ce que devient le lien" in legend
    for words in ("lien apparu", "lien disparu", "lien conservé",
                  "acteur entré dans le réseau (1)", "acteur sorti du réseau (1)"):
        assert words in legend, legend
    # each class its own colour on the map
    colours = p.evaluate("""() => { const out = {};
        graphkit.edges.get().forEach(e => { out[e.color] = (out[e.color] || 0) + 1; });
        return out; }""")
    assert colours == {"#222222": 2, "#EE3377": 2, "#bbbbbb": 4}
    # the actors who entered and left are ringed in their colours
    ring = p.evaluate("""id => graphkit.network.body.nodes[graphkit.vid(id)].options.color.border""", "new1")
    assert ring.lower() == "#222222"
    ring = p.evaluate("""id => graphkit.network.body.nodes[graphkit.vid(id)].options.color.border""", "emb")
    assert ring.lower() == "#ee3377"
    # the filter by class hides the ties that disappeared
    p.uncheck("#gk-f-coops input[data-key=disappeared]")
    assert p.evaluate("graphkit.visibleCounts().edges") == 6
    p.click("#gk-lang")
    assert p.text_content("#gk-counts").startswith("2 ties appeared \u00B7 2 ties disappeared")
    assert "tie that appeared" in p.text_content("#gk-legend-body")
    assert op.requests == [] and op.console_errors == [] and op.page_errors == []
