"""The delegation mission planner on a case solved by hand."""
import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit import GraphkitError, Network
from graphkit.analysis.missions import mission_table, plan_mission


@pytest.fixture(scope="module")
def case():
    a = pd.DataFrame([
        ("P", "Pôle", "pole", "FR"), ("s1", "PME 1", "sme", "FR"),
        ("s2", "PME 2", "sme", "FR"), ("l1", "Labo 1", "lab", "FR"),
        ("K1", "Parc 1", "park", "CN"), ("K2", "Parc 2", "park", "CN"),
        ("K3", "Parc 3", "park", "CN"),
        ("x1", "X1", "company", "CN"), ("x2", "X2", "company", "CN"),
        ("x3", "X3", "lab", "CN"), ("x4", "X4", "company", "CN")],
        columns=["id", "name", "type", "country"])
    c = pd.DataFrame([
        ("s1", "P", "member_of"), ("s2", "P", "member_of"),
        ("l1", "P", "member_of"), ("s1", "l1", "academic_partner"),
        ("x1", "K1", "member_of"), ("x2", "K1", "member_of"),
        ("x3", "K2", "member_of"), ("x4", "K3", "member_of")],
        columns=["source", "target", "type"])
    recs = pd.DataFrame([("s1", "x1", 0.9), ("s1", "x3", 0.8),
                         ("s2", "x2", 0.5), ("s2", "x3", 0.4),
                         ("l1", "x3", 0.3), ("s2", "x4", 0.9),
                         ("zz", "x4", 1.0)],  # not the pôle's: ignored
                        columns=["actor_id", "partner_id", "score"])
    return Network(a, c), recs


def test_greedy_coverage_solved_by_hand(case):
    net, recs = case
    plan = plan_mission(net, "P", parks=2, recommendations=recs)
    # K2 covers 3 partnerships, K1 then 2, K3 only 1
    assert [(p["park_id"], p["covered"]) for p in plan["parks"]] == [
        ("K2", 3), ("K1", 2)]
    assert plan["total"] == 6 and plan["covered"] == 5
    k2 = plan["parks"][0]
    assert [(d["sme_id"], d["academic_id"], [m["id"] for m in d["meet"]])
            for d in k2["delegation"]] == [("s1", "l1", ["x3"]),
                                           ("s2", None, ["x3"])]
    assert [(o["actor_id"], [m["id"] for m in o["meet"]])
            for o in k2["others"]] == [("l1", ["x3"])]
    k1 = plan["parks"][1]
    assert [(d["sme_id"], [m["id"] for m in d["meet"]])
            for d in k1["delegation"]] == [("s1", ["x1"]), ("s2", ["x2"])]


def test_more_parks_than_useful(case):
    net, recs = case
    plan = plan_mission(net, "P", parks=10, recommendations=recs)
    assert [p["park_id"] for p in plan["parks"]] == ["K2", "K1", "K3"]
    assert plan["covered"] == plan["total"] == 6
    table = mission_table(plan)
    assert len(table) == 6 and table["order"].tolist()[0] == 1


def test_bad_pole(case):
    net, recs = case
    with pytest.raises(GraphkitError, match="not a pôle"):
        plan_mission(net, "s1", recommendations=recs)
    with pytest.raises(GraphkitError, match="closest ids"):
        plan_mission(net, "PP", recommendations=recs)


def test_mission_command_on_the_example(example_dir):
    res = CliRunner().invoke(main, ["mission", str(example_dir), "--pole",
                                    "pole_minalogic", "--parks", "2",
                                    "--lang", "en"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("Minalogic (pole_minalogic)")
    assert sum(1 for x in lines if x[:2] in ("1.", "2.")) == 2
