"""The delegation mission planner on cases solved by hand."""
import pandas as pd
import pytest

from graphkit import GraphkitError, Network
from graphkit.analysis.missions import (SCORE_THRESHOLD, mission_table,
                                        plan_mission, plan_missions)
from graphkit.texts import missions as words


@pytest.fixture(scope="module")
def case():
    a = pd.DataFrame([
        ("P", "Pôle", "pole", "FR"), ("s1", "PME 1", "sme", "FR"),
        ("s2", "PME 2", "sme", "FR"), ("l1", "Labo 1", "lab", "FR"),
        ("l2", "Labo 2", "lab", "FR"),
        ("K1", "Parc 1", "park", "CN"), ("K2", "Parc 2", "park", "CN"),
        ("K3", "Parc 3", "park", "CN"), ("K4", "Parc 4", "park", "CN"),
        ("x1", "X1", "company", "CN"), ("x2", "X2", "company", "CN"),
        ("x3", "X3", "lab", "CN"), ("x4", "X4", "company", "CN"),
        ("x5", "X5", "company", "CN")],
        columns=["id", "name", "type", "country"])
    c = pd.DataFrame([
        ("s1", "P", "member_of", 1), ("s2", "P", "member_of", 1),
        ("l1", "P", "member_of", 1), ("s1", "l1", "academic_partner", 1),
        ("s1", "l2", "academic_partner", 3),  # l2 the stronger partner
        ("x1", "K1", "member_of", 1), ("x2", "K1", "member_of", 1),
        ("x3", "K2", "member_of", 1), ("x4", "K3", "member_of", 1),
        ("x5", "K4", "member_of", 1)],
        columns=["source", "target", "type", "weight"])
    recs = pd.DataFrame([("s1", "x1", 0.9), ("s1", "x3", 0.8),
                         ("s2", "x2", 0.5), ("s2", "x3", 0.4),
                         ("l1", "x3", 0.3), ("s2", "x4", 0.9),
                         ("s1", "x5", SCORE_THRESHOLD / 2),  # below: K4 out
                         ("zz", "x4", 1.0)],  # not the pôle's: ignored
                        columns=["actor_id", "partner_id", "score"])
    return Network(a, c), recs


def test_greedy_by_value_solved_by_hand(case):
    net, recs = case
    plan = plan_mission(net, "P", parks=2, recommendations=recs)
    # K2 holds 0.8 + 0.4 + 0.3 = 1.5, K1 0.9 + 0.5 = 1.4, K3 0.9
    assert [(p["park_id"], p["covered"], p["value"]) for p in plan["parks"]
            ] == [("K2", 3, 1.5), ("K1", 2, 1.4)]
    assert plan["total"] == 6 and plan["covered"] == 5
    assert plan["measure"] == "score" and plan["threshold"] == SCORE_THRESHOLD
    k2 = plan["parks"][0]
    # each SME travels with its strongest academic partner (l2: weight 3)
    assert [(d["sme_id"], d["academic_id"], [m["id"] for m in d["meet"]])
            for d in k2["delegation"]] == [("s1", "l2", ["x3"]),
                                           ("s2", None, ["x3"])]
    assert [(o["actor_id"], [m["id"] for m in o["meet"]])
            for o in k2["others"]] == [("l1", ["x3"])]


def test_no_park_below_the_threshold_and_fewer_parks_said(case):
    net, recs = case
    plan = plan_mission(net, "P", parks=10, recommendations=recs)
    assert [p["park_id"] for p in plan["parks"]] == ["K2", "K1", "K3"]
    assert plan["parks_found"] == 3 and plan["parks_asked"] == 10
    assert words.fewer(plan, "en") == ("Only 3 parks hold a meeting above "
                                       "the recommendation threshold (10 "
                                       "asked).")
    assert words.fewer(plan, "fr").startswith("Seuls 3 parcs offrent")
    one = plan_mission(net, "P", parks=2, recommendations=recs[
        recs["partner_id"] == "x3"])
    assert words.fewer(one, "en").startswith("Only one park holds")
    none = plan_mission(net, "P", parks=2, recommendations=recs[
        recs["partner_id"] == "x5"])
    assert none["parks"] == [] and words.fewer(none, "fr").startswith(
        "Aucun parc n'offre")
    assert words.fewer(plan_mission(net, "P", parks=3, recommendations=recs),
                       "en") == ""
    table = mission_table(plan)
    assert len(table) == 6 and (table["value"] >= SCORE_THRESHOLD).all()


def test_probability_contract(case):
    """Recommendations with a calibrated probability (and its horizon) are
    valued by it, worded as a chance; the score is not shown."""
    net, recs = case
    p = recs.assign(probability=[0.12, 0.30, 0.05, 0.04, 0.2, 0.02, 0.01, .9],
                    horizon_years=3)
    plan = plan_mission(net, "P", parks=1, recommendations=p)
    assert plan["measure"] == "probability" and plan["horizon_years"] == 3
    # K2: 0.30 + 0.04 + 0.2 beats K1: 0.12 + 0.05
    assert [x["park_id"] for x in plan["parks"]] == ["K2"]
    m = plan["parks"][0]["delegation"][0]["meet"][0]
    assert words.chance(m, "en") == "30% within 3 years"
    assert words.chance(m, "fr").replace("\xa0", " ") == "30 % d'ici 3 ans"
    assert "probability" in words.measure_note(plan, "en")
    # the threshold the recommendations carry is kept
    p.attrs["threshold"] = 0.1
    plan = plan_mission(net, "P", parks=5, recommendations=p)
    assert {x["park_id"] for x in plan["parks"]} == {"K1", "K2"}
    assert all(m["value"] >= 0.1 for x in plan["parks"]
               for d in x["delegation"] + x["others"] for m in d["meet"])


def test_domain_fit_decides_between_equal_meetings():
    a = pd.DataFrame([
        ("P", "Micro", "pole", "FR", "micro_nano"),
        ("s", "S", "sme", "FR", "micro_nano"),
        ("H", "Health park", "park", "CN", "health"),
        ("C", "Chip park", "park", "CN", "semiconductors"),
        ("h", "Hosp", "company", "CN", "health"),
        ("c", "Chip", "company", "CN", "semiconductors"),
        ("z", "Z", "lab", "FR", "semiconductors"),
        ("y", "Y", "lab", "FR", "micro_nano")],
        columns=["id", "name", "type", "country", "sectors"])
    c = pd.DataFrame([
        ("s", "P", "member_of"), ("h", "H", "member_of"),
        ("c", "C", "member_of"), ("y", "z", "rd_partnership"),
        ("s", "z", "rd_partnership")],  # micro_nano ties semiconductors
        columns=["source", "target", "type"])
    net = Network(a, c)
    recs = pd.DataFrame([("s", "h", 0.5), ("s", "c", 0.5)],
                        columns=["actor_id", "partner_id", "score"])
    plan = plan_mission(net, "P", parks=1, recommendations=recs)
    assert [p["park_id"] for p in plan["parks"]] == ["C"]
    assert plan["parks"][0]["specialities"] == ["semiconductors"]
    assert plan["parks"][0]["fit_domains"] == ["micro_nano", "semiconductors"]
    # ... unless the recommendations really are in the health park
    recs.loc[0, "score"] = 0.99
    recs.loc[1, "score"] = 0.15
    plan = plan_mission(net, "P", parks=1, recommendations=recs)
    assert [p["park_id"] for p in plan["parks"]] == ["H"]


def test_every_pole_at_once_equals_one_by_one(case):
    net, recs = case
    both = plan_missions(net, recs, parks=2)
    assert both == {"P": plan_mission(net, "P", 2, recs)}


def test_bad_pole(case):
    net, recs = case
    with pytest.raises(GraphkitError, match="not a pôle"):
        plan_mission(net, "s1", recommendations=recs)
    with pytest.raises(GraphkitError, match="closest ids"):
        plan_mission(net, "PP", recommendations=recs)
    with pytest.raises(GraphkitError, match="whole number"):
        plan_missions(net, recs, parks=0)
