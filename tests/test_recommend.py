"""Partner recommendations, programme eligibility and the partners command."""
import numpy as np
import pandas as pd
import pytest

from graphkit.texts import reasons_text
from click.testing import CliRunner

from graphkit.cli import main
from graphkit import GraphkitError, Network
from graphkit.analysis.programmes import eligible_programmes
from graphkit.analysis.recommend import ROLE_FIT, recommend

ACTORS = [
    # id, name, type, country, sectors, seeks
    ("s1", "Alpha PME", "sme", "FR", "optics", "biotech"),
    ("s2", "Beta PME", "sme", "FR", "optics", ""),
    ("l1", "Labo Lyon", "lab", "FR", "biotech", ""),
    ("l2", "Tsinghua Lab", "lab", "CN", "biotech", ""),
    ("c1", "Firm CN", "company", "CN", "optics", ""),
    ("k1", "Zhangjiang Park", "park", "CN", "optics", ""),
    ("m1", "MOST", "ministry", "CN", "optics", ""),
    ("phc", "PHC Cai Yuanpei", "programme", "FR", "", ""),
    ("coopol", "COOPOL", "programme", "FR", "", ""),
]
COOPS = [
    ("s1", "c1", "rd_partnership", 2012),
    ("l2", "c1", "rd_partnership", 2013),
    ("s1", "l1", "academic_partner", 2014),
    ("s2", "c1", "rd_partnership", 2015),
    ("m1", "k1", "supervises", 2010),
    ("c1", "k1", "member_of", 2010),
]


@pytest.fixture(scope="module")
def network():
    a = pd.DataFrame(ACTORS, columns=["id", "name", "type", "country",
                                      "sectors", "seeks"])
    c = pd.DataFrame(COOPS, columns=["source", "target", "type", "year"])
    return Network(a, c)


@pytest.fixture(scope="module")
def recs(network):
    return recommend(network, top=20)


def test_reasons_name_the_real_common_partners(recs):
    row = recs[(recs["actor_id"] == "s1") & (recs["partner_id"] == "l2")].iloc[0]
    assert row["common_partners"] == 1
    assert row["broker_id"] == "c1"
    assert {"code": "common", "names": ["Firm CN"], "more": 0} in row["reason_codes"]
    assert {"code": "seeks", "actor": "Alpha PME", "domains": ["biotech"],
            "partner": "Tsinghua Lab"} in row["reason_codes"]
    reasons = reasons_text(row["reason_codes"], "en")
    assert "common partners: Firm CN" in reasons
    assert "Firm CN could introduce them" in reasons
    assert "Alpha PME seeks Biotechnology, which Tsinghua Lab works in" in reasons


def test_no_impossible_pair_ever(network, recs):
    tied = {frozenset(p) for p in zip(network.cooperations["source"],
                                      network.cooperations["target"])}
    types = network.actors["type"]
    for a, b in zip(recs["actor_id"], recs["partner_id"]):
        assert a != b
        assert frozenset((a, b)) not in tied
        assert frozenset((types[a], types[b])) in ROLE_FIT
    # ministries and programmes are never partners; only French sources
    assert not set(recs["partner_type"]) & {"ministry", "programme"}
    assert set(recs["actor_id"]) <= {"s1", "s2", "l1"}


def test_ranks_and_scores(recs):
    for _, g in recs.groupby("actor_id"):
        assert g["rank"].tolist() == list(range(1, len(g) + 1))
        assert g["score"].is_monotonic_decreasing
    assert recs["score"].between(0, 1).all()


def test_theme_candidates_need_not_be_two_hops_away(recs):
    # l1 and l2 share no partner but both work in biotech
    row = recs[(recs["actor_id"] == "l1") & (recs["partner_id"] == "l2")]
    assert len(row) == 1 and row["common_partners"].iloc[0] == 0
    assert "shared domains: Biotechnology" in reasons_text(
        row["reason_codes"].iloc[0], "en")


def test_programmes_by_year(network):
    # PHC Cai Yuanpei: French lab with Chinese lab, from 2009
    assert eligible_programmes(network, ["l1"], ["l2"], year=2015) == [["phc"]]
    assert eligible_programmes(network, ["l1"], ["l2"], year=2008) == [[]]
    # COOPOL: SME with an academic partner toward a Chinese park (member)
    assert eligible_programmes(network, ["s1"], ["k1"], year=2015) == [["coopol"]]
    assert eligible_programmes(network, ["s1"], ["k1"], year=2007) == [[]]
    # s2 has no academic partner
    assert eligible_programmes(network, ["s2"], ["k1"], year=2015) == [[]]


def test_programmes_column(recs):
    row = recs[(recs["actor_id"] == "l1") & (recs["partner_id"] == "l2")].iloc[0]
    assert row["programmes"] == "phc"
    assert row["programme_names"] == "PHC Cai Yuanpei"


def test_french_reasons(network):
    fr = recommend(network, actors=["s1"], top=5)
    row = fr[fr["partner_id"] == "l2"].iloc[0]
    assert "partenaires communs\u00a0: Firm CN" in reasons_text(
        row["reason_codes"], "fr")


def test_filters_and_unknown_actor(network):
    only_cn = recommend(network, actors=["s2"], country="CN", top=10)
    assert set(only_cn["partner_country"]) == {"CN"}
    only_bio = recommend(network, actors=["s2"], sector="biotech", top=10)
    assert set(only_bio["partner_id"]) <= {"l1", "l2"}
    with pytest.raises(GraphkitError, match="closest ids: s1"):
        recommend(network, actors=["s11"])


def test_partners_command_on_the_example(example_dir):
    runner = CliRunner()
    res = runner.invoke(main, ["partners", str(example_dir), "pole_minalogic",
                               "--top", "3", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("Minalogic (pole_minalogic)")
    assert "  1. " in res.output and "  3. " in res.output
    bad = runner.invoke(main, ["partners", str(example_dir), "pole_minalogik"])
    assert bad.exit_code == 1
    assert "closest ids: pole_minalogic" in bad.output
    assert "Traceback" not in bad.output


def test_two_lists_abroad_and_at_home(network):
    rec = recommend(network, actors=["s1"], top=5, split_border=True)
    abroad = rec[rec["international"]]
    home = rec[~rec["international"]]
    # s1 (France) meets Tsinghua Lab (China) through Firm CN, and Beta PME
    # (France) through the same firm: one on each list, each ranked from 1
    assert "l2" in set(abroad["partner_id"]) and set(abroad["partner_country"]) == {"CN"}
    assert set(home["partner_id"]) == {"s2"} and list(home["rank"]) == [1]
    assert list(abroad["rank"]) == list(range(1, len(abroad) + 1))
    # --country narrows the list abroad only; the list at home stays
    de = recommend(network, actors=["s1"], top=5, split_border=True,
                   country="DE")
    assert not de["international"].any() and set(de["partner_id"]) == {"s2"}
    one = recommend(network, actors=["s1"], top=1, split_border=True)
    assert sorted(one["international"]) == [False, True]


def test_partners_command_shows_the_list_abroad_first(example_dir):
    res = CliRunner().invoke(main, ["partners", str(example_dir),
                                    "sme_ctibiotech", "--top", "2",
                                    "--lang", "en"])
    assert res.exit_code == 0, res.output
    out = res.output
    assert out.index("Partners abroad:") < out.index(
        "Partners in the same country:")
    abroad = out[out.index("Partners abroad:"):out.index(
        "Partners in the same country:")]
    assert "  1. " in abroad and "France" not in abroad


def test_affinity_table_is_the_max_over_the_domains_of_each_pair():
    import numpy as np
    from graphkit.analysis import linkpred as lp
    # three actors: domains {0}, {1, 2}, {0} (the first and the third share
    # a set); best[b, i]: affinity of domain i with b's best-matching domain
    bits = np.array([[1, 0, 0], [0, 1, 1], [1, 0, 0]], bool)
    best = np.array([[0.0, 0.7, 0.2], [0.9, 0.0, 0.4], [0.0, 0.7, 0.2]])
    inv, table = lp.affinity_table(bits, best)
    # pair (0, 1): actor 0's domain 0 against actor 1: best[1, 0] = 0.9
    # pair (1, 0): actor 1's domains 1, 2 against actor 0: max(0.7, 0.2)
    r, c = np.array([0, 1, 0, 2]), np.array([1, 0, 2, 1])
    assert lp.pair_affinity(bits, best, r, c, table=(inv, table)).tolist() \
        == [0.9, 0.7, 0.0, 0.9]
    assert inv[0] == inv[2] and table.shape == (2, 2)
    # the same without a table given; none beyond the limit of sets
    assert lp.pair_affinity(bits, best, r, c).tolist() == [0.9, 0.7, 0.0, 0.9]
    assert lp.affinity_table(bits, best, limit=1) is None


def _hub_and_circle(n):
    """A lab tied to n SMEs, each SME also tied to the next one (a circle)."""
    ids = [f"s{i}" for i in range(n)]
    a = pd.DataFrame({"id": ["hub"] + ids, "name": ["Hub"] + ids,
                      "type": ["lab"] + ["sme"] * n, "country": "FR"})
    src = ids + ids
    dst = ["hub"] * n + ids[1:] + ids[:1]
    c = pd.DataFrame({"source": src, "target": dst,
                      "type": "rd_partnership", "year": 2010})
    return Network(a, c)


def test_a_hub_introduces_a_bounded_number_and_measures_stay_exact(
        monkeypatch):
    from graphkit.analysis import linkpred as lp
    net = _hub_and_circle(40)
    full = recommend(net, top=3)
    monkeypatch.setattr(lp, "HUB_INTRODUCES", 5)
    cut = recommend(net, top=3)
    # every actor still gets partners, measured on every common partner
    assert set(cut["actor_id"]) == set(full["actor_id"])
    assert len(cut) and cut["common_partners"].notna().all()
    nb = {}
    for u, v in zip(net.cooperations["source"], net.cooperations["target"]):
        nb.setdefault(u, set()).add(v)
        nb.setdefault(v, set()).add(u)
    assert cut["common_partners"].tolist() == [
        len(nb[x] & nb[y]) for x, y in zip(cut["actor_id"], cut["partner_id"])]
    assert (cut["common_partners"] >= 1).any()
    # the blocks of rows keep to the walk budget (one row alone may not)
    tm = lp.tie_matrix(net)
    blocks = lp.two_hop_blocks(tm, np.arange(41), chunk=4096,
                               max_per_row=60, budget=20)
    assert sum(len(b) for b in blocks) == 41 and len(blocks) > 1


def test_partners_do_not_crowd_out_the_two_hop_candidates():
    # s sits in a group of five tied together; x0..x2 are tied to a only.
    # The best Adamic–Adar pairs of s are its own partners (3 in common
    # each): they are no candidates, so the 2 places go to x0..x2.
    group = ["s", "a", "b", "c", "d"]
    outer = ["x0", "x1", "x2"]
    a = pd.DataFrame({"id": group + outer, "name": group + outer,
                      "type": ["sme"] + ["lab"] * 7, "country": "FR"})
    pairs = [(u, v) for i, u in enumerate(group) for v in group[i + 1:]]
    pairs += [("a", x) for x in outer]
    c = pd.DataFrame({"source": [u for u, _ in pairs],
                      "target": [v for _, v in pairs],
                      "type": "rd_partnership", "year": 2015})
    net = Network(a, c)
    rec = recommend(net, actors=["s"], max_two_hop=2, theme_per_domain=0)
    assert len(rec) == 2
    assert set(rec["partner_id"]) <= set(outer)
    assert rec["common_partners"].tolist() == [1, 1]
    assert rec["broker_id"].tolist() == ["a", "a"]


def _agencies_partnering(k):
    """A lab L tied to a lab M; M tied to agency g0; agencies g1..gk each
    in an R&D partnership with a lab of their own."""
    ids = ["L", "M", "g0"] + [f"g{i}" for i in range(1, k + 1)] + \
        [f"l{i}" for i in range(1, k + 1)]
    types = ["lab", "lab", "agency"] + ["agency"] * k + ["lab"] * k
    a = pd.DataFrame({"id": ids, "name": ids, "type": types, "country": "FR"})
    src = ["L", "M"] + [f"g{i}" for i in range(1, k + 1)]
    dst = ["M", "g0"] + [f"l{i}" for i in range(1, k + 1)]
    c = pd.DataFrame({"source": src, "target": dst,
                      "type": "rd_partnership", "year": 2015})
    return Network(a, c)


def test_the_data_overrules_the_role_fit_table():
    # ROLE_FIT gives lab–agency 0: with the lab–agency partnerships the
    # data shows (M–g0 and 5 more), g0 is recommended to L by the default
    # ranking; with fewer than MIN_TYPE_TIES it is not
    from graphkit.analysis.recommend import MIN_TYPE_TIES, ROLE_FIT
    assert frozenset(("lab", "agency")) not in ROLE_FIT
    rec = recommend(_agencies_partnering(MIN_TYPE_TIES), actors=["L"])
    assert "g0" in set(rec["partner_id"])
    row = rec[rec["partner_id"] == "g0"].iloc[0]
    assert row["common_partners"] == 1 and row["broker_id"] == "M"
    assert row["score"] > 0
    few = recommend(_agencies_partnering(MIN_TYPE_TIES - 2), actors=["L"])
    assert "g0" not in set(few["partner_id"])
