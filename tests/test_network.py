"""The Network and its views, on a small network worked out by hand."""
import networkx as nx
import pandas as pd
import pytest

from graphkit.errors import GraphkitError
from graphkit.network import Network


@pytest.fixture
def net():
    actors = pd.DataFrame({
        "id": ["p1", "s1", "s2", "l1", "k1", "c1"],
        "name": ["Pôle", "PME 1", "PME 2", "Labo", "Parc", "Cie"],
        "type": ["pole", "sme", "sme", "lab", "park", "company"],
        "country": ["FR", "FR", "FR", "FR", "CN", "CN"],
        "sectors": ["health;biotech", "health", None, "biotech", "ict", ""],
        "colour": ["x", "y", "z", "u", "v", "w"],  # an extra column
    })
    coops = pd.DataFrame({
        "source": ["s1", "s2", "s1", "s1", "l1", "c1", "s1"],
        "target": ["p1", "p1", "l1", "l1", "k1", "k1", "c1"],
        "type": ["member_of", "member_of", "academic_partner", "rd_partnership",
                 "rd_partnership", "member_of", "delegation_visit"],
        "year": [2008, 2009, 2010, 2013, 2011, 2008, None],
        "weight": [1, 1, 2, 1.5, 1, 1, 1],
    })
    return Network(actors, coops)


def test_tables(net):
    assert list(net.actors.index) == ["p1", "s1", "s2", "l1", "k1", "c1"]
    assert net.actors.at["p1", "sectors"] == ("health", "biotech")
    assert net.actors.at["s2", "sectors"] == ()
    assert net.actor_extra_columns == ["colour"]
    assert str(net.cooperations["year"].dtype) == "Int64"
    assert net.cooperations["weight"].tolist() == [1, 1, 2, 1.5, 1, 1, 1]


def test_cooperation_graph_merges_parallel_ties_and_excludes_membership(net):
    g = net.cooperation_graph()
    assert set(g.nodes) == set(net.actors.index)  # isolated p1, s2 kept
    assert {frozenset(e) for e in g.edges} == {
        frozenset(("s1", "l1")), frozenset(("l1", "k1")), frozenset(("s1", "c1"))}
    e = g.edges["s1", "l1"]
    assert e["weight"] == 3.5 and e["count"] == 2
    assert e["types"] == ("academic_partner", "rd_partnership")
    assert (e["first_year"], e["last_year"]) == (2010, 2013)
    assert g.edges["s1", "c1"]["first_year"] is None


def test_cooperation_graph_parameters(net):
    assert net.cooperation_graph(weighted=False).edges["s1", "l1"]["weight"] == 2
    g = net.cooperation_graph(since=2011)  # undated rows drop out of a window
    assert {frozenset(e) for e in g.edges} == {
        frozenset(("s1", "l1")), frozenset(("l1", "k1"))}
    assert g.edges["s1", "l1"]["weight"] == 1.5
    g = net.cooperation_graph(types=["member_of"], until=2008)
    assert {frozenset(e) for e in g.edges} == {
        frozenset(("s1", "p1")), frozenset(("c1", "k1"))}
    with pytest.raises(GraphkitError, match="unknown cooperation type"):
        net.cooperation_graph(types=["friendship"])


def test_membership(net):
    assert net.membership() == {"c1": ["k1"], "s1": ["p1"], "s2": ["p1"]}
    assert net.members("p1") == ["s1", "s2"]


def test_full_graph_keeps_every_row_and_direction(net):
    g = net.graph
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_edges() == 7
    assert g.has_edge("s1", "p1") and not g.has_edge("p1", "s1")
    assert g.nodes["p1"]["colour"] == "x"


def test_subnetwork(net):
    sub = net.subnetwork(["s1", "l1", "p1"])
    assert len(sub) == 3
    assert len(sub.cooperations) == 3


def test_membership_is_cached_but_callers_cannot_change_it(net):
    first = net.membership()
    first["s1"].append("nowhere")
    first["zz"] = ["p1"]
    assert net.membership() == {"c1": ["k1"], "s1": ["p1"], "s2": ["p1"]}
    net.members("p1").append("zz")
    assert net.members("p1") == ["s1", "s2"]
    assert net.members("k1") == ["c1"] and net.members("l1") == []
    assert net.membership(until=2008) == {"c1": ["k1"], "s1": ["p1"]}


def test_country_pairs_known_and_cross_border():
    """Both countries known, and known and different; an actor without a
    country or an id not in the network is unknown."""
    import numpy as np
    a = pd.DataFrame({"id": ["a", "b", "c", "d"], "name": list("ABCD"),
                      "type": ["lab"] * 4, "country": ["FR", None, "CN", "FR"]})
    c = pd.DataFrame({"source": ["a"], "target": ["c"],
                      "type": ["rd_partnership"]})
    net = Network(a, c)
    x = np.array(["a", "a", "b", "c", "zz", "d", "a"], dtype=object)
    y = np.array(["b", "c", "d", "d", "a", "a", "d"], dtype=object)
    known, cross = net.country_pairs(x, y)
    assert known.tolist() == [False, True, False, True, False, True, True]
    assert cross.tolist() == [False, True, False, True, False, False, False]
