"""Gap rules: each on a network built to trigger it and one built not to."""
import pandas as pd
import pytest

from graphkit.texts import gap_detail

from graphkit import GraphkitError, Network
from graphkit.analysis.gaps import RULES, find_gaps


def net(actors, coops=()):
    a = pd.DataFrame(actors, columns=["id", "name", "type", "country"])
    c = pd.DataFrame(list(coops), columns=["source", "target", "type", "year"])
    return Network(a, c)


POLE = ("p", "Pôle", "pole", "FR")
SME = ("s", "PME", "sme", "FR")
LAB = ("l", "Labo", "lab", "FR")
CNLAB = ("cl", "Labo CN", "lab", "CN")
PARK = ("k", "Parc", "park", "CN")


def ids(network, rule, **kw):
    g = find_gaps(network, rules=[rule], **kw)
    return sorted(zip(g["actor_id"], g["other_id"].fillna("")))


def test_g1_sme_without_academic_partner():
    bad = net([POLE, SME], [("s", "p", "member_of", 2010)])
    good = net([POLE, SME, LAB], [("s", "p", "member_of", 2010),
                                  ("s", "l", "academic_partner", 2011)])
    lone = net([SME])  # not a pôle member: not this rule
    assert ids(bad, "G1_SME_NO_ACADEMIC") == [("s", "p")]
    assert ids(good, "G1_SME_NO_ACADEMIC") == []
    assert ids(lone, "G1_SME_NO_ACADEMIC") == []


def test_g2_lab_without_industrial_partner():
    bad = net([LAB, CNLAB], [("l", "cl", "academic_partner", 2010)])
    good = net([LAB, SME], [("s", "l", "rd_partnership", 2010)])
    assert ids(bad, "G2_LAB_NO_INDUSTRIAL", foreign=True) == [("cl", ""),
                                                              ("l", "")]
    # the Chinese lab's gap concerns no French actor: left out by default
    assert ids(bad, "G2_LAB_NO_INDUSTRIAL") == [("l", "")]
    assert ids(good, "G2_LAB_NO_INDUSTRIAL") == []


def test_g3_pole_whose_members_stay_home():
    home = [("s", "p", "member_of", 2010), ("s", "l", "rd_partnership", 2011)]
    bad = net([POLE, SME, LAB], home)
    good = net([POLE, SME, LAB, CNLAB],
               home + [("s", "cl", "rd_partnership", 2012)])
    assert ids(bad, "G3_POLE_NOT_ABROAD") == [("p", "")]
    assert ids(good, "G3_POLE_NOT_ABROAD") == []


def test_g4_park_without_french_partner():
    bad = net([PARK, CNLAB], [("cl", "k", "member_of", 2010)])
    good = net([PARK, CNLAB, SME], [("cl", "k", "member_of", 2010),
                                    ("s", "cl", "rd_partnership", 2011)])
    assert ids(bad, "G4_PARK_NO_FRENCH") == [("k", "")]
    assert ids(good, "G4_PARK_NO_FRENCH") == []


def test_g5_isolated_actor():
    n = net([SME, LAB, CNLAB, ("fl", "Labo isolé", "lab", "FR")],
            [("s", "l", "rd_partnership", 2010)])
    assert ids(n, "G5_ISOLATED") == [("fl", "")]
    assert ids(n, "G5_ISOLATED", foreign=True) == [("cl", ""), ("fl", "")]


def test_g6_dormant_tie_relative_to_latest_year():
    coops = [("s", "l", "rd_partnership", 2007),
             ("s", "l", "rd_partnership", 2008),
             ("s", "cl", "rd_partnership", 2015)]
    n = net([SME, LAB, CNLAB], coops)
    # latest year 2015: 2008 is 7 years before
    assert ids(n, "G6_DORMANT_TIE", dormant_years=5) == [("l", "s")]
    assert ids(n, "G6_DORMANT_TIE", dormant_years=8) == []
    g = find_gaps(n, rules=["G6_DORMANT_TIE"])
    assert g["detail_code"].iloc[0] == "dormant_tie"
    assert g["detail_values"].iloc[0] == {"other": "Lab", "last": 2008, "n": 7} \
        or g["detail_values"].iloc[0]["last"] == 2008
    assert "depuis 2008" in gap_detail(g["detail_code"].iloc[0],
                                       g["detail_values"].iloc[0], "fr")


def test_one_off_and_support_ties_are_not_dormant_partnerships():
    coops = [("s", "l", "rd_partnership", 2005),           # seen once
             ("s", "cl", "supports", 2005), ("s", "cl", "supports", 2006),
             ("l", "cl", "academic_partner", 2015)]
    n = net([SME, LAB, CNLAB], coops)
    assert ids(n, "G6_DORMANT_TIE") == []


def test_severity_weighs_the_actors_importance():
    # two pôles without a foreign partner: the bigger one ranks first
    big = ("pb", "Grand pôle", "pole", "FR")
    small = ("ps", "Petit pôle", "pole", "FR")
    members = [(f"m{i}", f"Membre {i}", "sme", "FR") for i in range(4)]
    coops = [(f"m{i}", "pb", "member_of", 2010) for i in range(3)] \
        + [("m3", "ps", "member_of", 2010), ("m0", "m1", "rd_partnership", 2011),
           ("m1", "m2", "rd_partnership", 2012)]
    g = find_gaps(net([big, small, *members], coops),
                  rules=["G3_POLE_NOT_ABROAD"])
    assert g["actor_id"].tolist() == ["pb", "ps"]
    assert g["importance"].iloc[0] > g["importance"].iloc[1]


def test_g7_programme_without_recent_beneficiary():
    prog = ("phc", "PHC Cai Yuanpei", "programme", "FR")
    c = pd.DataFrame({"source": ["l", "s"], "target": ["cl", "l"],
                      "type": ["academic_partner", "rd_partnership"],
                      "year": [2009, 2016], "programme": ["phc", None]})
    a = pd.DataFrame([LAB, CNLAB, SME, prog],
                     columns=["id", "name", "type", "country"])
    n = Network(a, c)
    assert ids(n, "G7_PROGRAMME_IDLE", programme_years=5) == [("phc", "")]
    assert ids(n, "G7_PROGRAMME_IDLE", programme_years=8) == []


def test_ranking_and_columns():
    n = net([POLE, SME, LAB], [("s", "p", "member_of", 2010)])
    g = find_gaps(n)
    assert list(g.columns[:6]) == ["rule_id", "actor_id", "actor_name",
                                   "other_id", "other_name", "detail_code"]
    assert g["severity"].is_monotonic_decreasing
    # the pôle that does not cooperate abroad (weight 1) comes first
    assert g["rule_id"].iloc[0] == "G3_POLE_NOT_ABROAD"
    assert set(g["rule_id"]) <= set(RULES)


def test_every_rule_has_both_languages():
    from graphkit.texts import catalogue
    for rule in RULES.values():
        for key in (f"rule.{rule.id}", f"rule.{rule.id}.short"):
            assert catalogue("fr")[key] != catalogue("en")[key]
            assert len(catalogue("fr")[key]) <= (31 if "short" in key else 200)


def test_bad_options_raise_clean_errors():
    n = net([SME])
    with pytest.raises(GraphkitError, match="unknown gap rules"):
        find_gaps(n, rules=["G99"])
    with pytest.raises(GraphkitError, match="dormant_years"):
        find_gaps(n, dormant_years=0)
