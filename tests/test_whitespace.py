"""Sector white spaces on a small network with known cells."""
import pandas as pd

from graphkit import Network
from graphkit.analysis.whitespace import white_space_matrix, white_spaces


def _net():
    a = pd.DataFrame([
        ("p", "pole", "FR", "ict"), ("s", "sme", "FR", "ict"),
        ("t", "sme", "FR", "health"), ("q", "pole", "FR", "health"),
        ("u", "sme", "FR", "health"),
        ("k", "park", "CN", "ict;biotech"), ("c", "company", "CN", "ict"),
        ("b", "lab", "CN", "biotech")],
        columns=["id", "type", "country", "sectors"])
    c = pd.DataFrame([
        ("s", "p", "member_of", 1.0), ("t", "p", "member_of", 1.0),
        ("u", "q", "member_of", 1.0),
        ("c", "k", "member_of", 1.0), ("b", "k", "member_of", 1.0),
        ("s", "c", "rd_partnership", 2.0),
        ("t", "b", "rd_partnership", 1.0)],
        columns=["source", "target", "type", "weight"])
    return Network(a, c)


def test_cells_are_poles_against_parks():
    ws = white_spaces(_net()).set_index(["pole_id", "park_id"])
    # p's members s, t tie with k's members c (2) and b (1)
    assert ws.loc[("p", "k"), "observed"] == 3.0
    assert ws.loc[("p", "k"), "gap"] == 0 and pd.isna(ws.loc[("p", "k"),
                                                             "gap_rank"])
    assert ws.loc[("p", "k"), "park_country"] == "CN"
    # q (health) never reaches k (ict, biotech): a white space, between
    # different domains, naming who would make it real
    q = ws.loc[("q", "k")]
    assert q["observed"] == 0 and q["gap"] > 0 and q["gap_rank"] == 1
    assert q["pole_domain"] == "health" and q["park_domain"] != "health"
    assert set(q["french_actors"].split(";")) <= {"q", "u"}
    assert set(q["foreign_actors"].split(";")) <= {"k", "c", "b"}
    m = white_space_matrix(ws.reset_index(), "gap")
    assert set(m.index) == {"p", "q"} and list(m.columns) == ["k"]


def test_same_domain_is_not_a_white_space_unless_asked():
    ws = white_spaces(_net())
    assert (ws["pole_domain"] != ws["park_domain"]).all()
    both = white_spaces(_net(), same_domain=True)
    assert (both["opportunity"].to_numpy()
            >= ws.set_index(["pole_id", "park_id"]).loc[
                list(zip(both["pole_id"], both["park_id"])),
                "opportunity"].to_numpy()).all()


def test_no_domains_gives_empty_table():
    a = pd.DataFrame({"id": ["p"], "type": ["pole"], "country": ["FR"]})
    ws = white_spaces(Network(a, pd.DataFrame(columns=["source", "target", "type"])))
    assert len(ws) == 0 and "gap_rank" in ws.columns
