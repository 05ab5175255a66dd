"""Gould and Fernandez brokerage roles on a network counted by hand."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graphkit import GraphkitError, Network
from graphkit.analysis import analyse, brokerage
from graphkit.analysis.brokerage import ROLES

# The hand-worked network. Countries: f* France, c* China, d* Germany; p is a
# pôle that f1 belongs to. Undirected ties count both ways, the training tie
# only f2 -> d1.
#
#   f4 - f1 - f3        f2 -> d1 (training, 2015)
#         \   /
#          f2 - c1 - c2 - d2 - c3
#
# Broker f1: in = out = {f2, f3, f4}. (f2,f3), (f3,f2) closed (f2-f3 tie);
#   (f2,f4), (f4,f2), (f3,f4), (f4,f3) open, all French: coordinator 4.
# Broker f2: in = {f1, f3, c1}, out = {f1, f3, c1, d1}.
#   (f1,f3), (f3,f1) closed; (f1,c1), (f1,d1), (f3,c1), (f3,d1): a with b,
#   c elsewhere: representative 4; (c1,f1), (c1,f3): c with b: gatekeeper 2;
#   (c1,d1): CN, FR, DE: liaison 1. Total 7.
# Broker c1: in = out = {f2, c2}: (f2,c2) gatekeeper, (c2,f2) representative.
# Broker c2: in = out = {c1, d2}: (c1,d2) representative, (d2,c1) gatekeeper.
# Broker d2: in = out = {c2, c3}: (c2,c3), (c3,c2) Chinese pair, d2 German:
#   itinerant 2.
# f3: its two partners are tied (closed); f4, c3: one partner; d1: nothing
# leaves it (the training arc only enters): 0. p: membership is no tie.
EXPECTED = {
    "f1": dict(coordinator=4),
    "f2": dict(representative=4, gatekeeper=2, liaison=1),
    "c1": dict(gatekeeper=1, representative=1),
    "c2": dict(gatekeeper=1, representative=1),
    "d2": dict(itinerant=2),
}


@pytest.fixture(scope="module")
def hand():
    ids = ["f1", "f2", "f3", "f4", "c1", "c2", "c3", "d1", "d2", "p"]
    country = {"f": "FR", "c": "CN", "d": "DE", "p": "FR"}
    actors = pd.DataFrame({
        "id": ids, "name": [i.upper() for i in ids],
        "type": ["sme"] * 9 + ["pole"],
        "country": [country[i[0]] for i in ids]})
    ties = [("f1", "f2", "rd_partnership", 2010),
            ("f1", "f3", "rd_partnership", 2010),
            ("f2", "f3", "seminar", 2010),
            ("f1", "f4", "academic_partner", 2011),
            ("f2", "c1", "rd_partnership", 2011),
            ("c1", "c2", "academic_partner", 2012),
            ("f2", "d1", "training", 2015),
            ("d2", "c2", "rd_partnership", 2012),
            ("d2", "c3", "rd_partnership", 2012),
            ("f1", "p", "member_of", 2009)]
    coops = pd.DataFrame(ties, columns=["source", "target", "type", "year"])
    return Network(actors, coops)


def _expected_frame(expected, index):
    rows = {a: {r: expected.get(a, {}).get(r, 0) for r in ROLES}
            for a in index}
    df = pd.DataFrame.from_dict(rows, orient="index")[list(ROLES)]
    df["brokerage_total"] = df.sum(axis=1)
    return df


def test_hand_worked_counts(hand):
    got = brokerage(hand)
    exp = _expected_frame(EXPECTED, hand.actors.index)
    assert list(got.index) == list(hand.actors.index)
    assert list(got.columns) == [*ROLES, "brokerage_total"]
    pd.testing.assert_frame_equal(got, exp, check_names=False,
                                  check_dtype=False)


def test_membership_and_year_window(hand):
    # membership as a tie: f1 -> p is an arc out of f1; (f2,p), (f3,p),
    # (f4,p) are open French triples: coordinator 4 + 3 = 7.
    with_m = brokerage(hand, types=["rd_partnership", "academic_partner",
                                    "seminar", "training", "member_of"])
    assert with_m.at["f1", "coordinator"] == 7
    # until 2012 drops the training arc f2 -> d1: f2 loses (f1,d1), (f3,d1)
    # (representative) and (c1,d1) (liaison).
    early = brokerage(hand, until=2012)
    assert early.loc["f2", ["representative", "gatekeeper", "liaison"]] \
        .tolist() == [2, 2, 0]


def test_group_by_type_and_pole(hand):
    # every broker and its partners are SMEs: each brokerage is coordination
    by_type = brokerage(hand, group_by="type")
    assert (by_type["coordinator"] == by_type["brokerage_total"]).all()
    assert by_type["brokerage_total"].sum() == 4 + 7 + 2 + 2 + 2
    # by pôle: f1 and p are in group p, everybody else unknown (one group):
    # f1's (f2,f4)-type paths join unknown actors through f1: itinerant 4
    by_pole = brokerage(hand, group_by="pole")
    assert by_pole.at["f1", "itinerant"] == 4
    with pytest.raises(GraphkitError, match="unknown grouping"):
        brokerage(hand, group_by="sector")


def test_analyse_carries_the_roles(hand):
    m = analyse(hand)
    exp = _expected_frame(EXPECTED, hand.actors.index)
    for col in exp.columns:
        assert m[col].tolist() == exp[col].tolist(), col


def _brute_force(g: nx.DiGraph, attr: str) -> dict:
    """Definition, triple by triple (independent of the sparse counting)."""
    res = {v: dict.fromkeys(ROLES, 0) for v in g}
    for b in g:
        for a in g.predecessors(b):
            for c in g.successors(b):
                if len({a, b, c}) < 3 or g.has_edge(a, c):
                    continue
                ga, gb, gc = (g.nodes[x][attr] for x in (a, b, c))
                role = ("coordinator" if ga == gb == gc else
                        "itinerant" if ga == gc else
                        "gatekeeper" if gb == gc else
                        "representative" if ga == gb else "liaison")
                res[b][role] += 1
    return res


@pytest.mark.parametrize("seed", range(6))
def test_matches_the_definition_on_random_graphs(seed):
    rng = np.random.default_rng(seed)
    g = nx.gnp_random_graph(25, 0.18, seed=seed, directed=seed % 2 == 0)
    for v in g:
        g.nodes[v]["country"] = "ABC"[int(rng.integers(0, 3))]
    got = brokerage(g)
    exp = _brute_force(g if g.is_directed() else g.to_directed(), "country")
    for v in g:
        assert got.loc[v, list(ROLES)].tolist() == [exp[v][r] for r in ROLES]
