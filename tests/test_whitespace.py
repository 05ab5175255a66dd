"""Sector white spaces on a small network with known cells."""
import pandas as pd

from graphkit import Network
from graphkit.analysis.whitespace import white_space_matrix, white_spaces


def test_cells_observed_and_gaps():
    a = pd.DataFrame([
        ("p", "pole", "FR", "ict"), ("s", "sme", "FR", "ict"),
        ("t", "sme", "FR", "health"),
        ("k", "park", "CN", "ict;biotech"), ("c", "company", "CN", "ict"),
        ("b", "lab", "CN", "biotech")],
        columns=["id", "type", "country", "sectors"])
    c = pd.DataFrame([
        ("s", "p", "member_of", 1.0), ("t", "p", "member_of", 1.0),
        ("c", "k", "member_of", 1.0), ("b", "k", "member_of", 1.0),
        ("s", "c", "rd_partnership", 2.0),
        ("t", "b", "rd_partnership", 1.0)],
        columns=["source", "target", "type", "weight"])
    ws = white_spaces(Network(a, c)).set_index(["pole_domain", "park_domain"])
    # ict (p, s) x ict (k, c): the s–c tie, weight 2
    assert ws.loc[("ict", "ict"), "observed"] == 2.0
    assert ws.loc[("health", "biotech"), "observed"] == 1.0
    assert ws.loc[("ict", "biotech"), "observed"] == 0.0
    assert ws.loc[("ict", "ict"), "n_pole_actors"] == 2
    assert ws.loc[("ict", "ict"), "n_park_actors"] == 2
    # shared domain, observed -> not a gap; health x ict never cooperates
    assert ws.loc[("ict", "ict"), "gap"] == 0
    assert pd.isna(ws.loc[("ict", "ict"), "gap_rank"])
    gaps = ws[ws["gap"] > 0]
    assert sorted(gaps["gap_rank"].tolist()) == list(range(1, len(gaps) + 1))
    assert (gaps["observed"] == 0).all()
    m = white_space_matrix(ws.reset_index())
    assert m.loc["ict", "ict"] == 2.0
    assert set(m.index) == {"ict", "health"}


def test_no_domains_gives_empty_table():
    a = pd.DataFrame({"id": ["p"], "type": ["pole"], "country": ["FR"]})
    ws = white_spaces(Network(a, pd.DataFrame(columns=["source", "target", "type"])))
    assert len(ws) == 0 and "gap_rank" in ws.columns
