"""What the analysis finds in the COOPOL example with the default settings:
the six deliberate gaps of examples/coopol/README.md, in the report's first
section."""
from __future__ import annotations

import pytest

from graphkit.analysis import compute
from graphkit.io import read_network
from graphkit.report.build import headline_gaps


@pytest.fixture(scope="module")
def res(example_dir):
    return compute(read_network(example_dir).network)


#: (rule, actor, other) of the README's structural gaps (the sixth, the
#: Minalogic × Zhangjiang white space, is checked with the white spaces).
DOCUMENTED = [("G1_SME_NO_ACADEMIC", "sme_ill_034", None),
              ("G4_PARK_NO_FRENCH", "park_chengdu", None),
              ("G3_POLE_NOT_ABROAD", "pole_techtera", None),
              ("G6_DORMANT_TIE", "sme_ill_001", "co_ill_190"),
              ("G7_PROGRAMME_IDLE", "prog_arcus", None)]


def _keys(g):
    return {(r, a, None if o != o else o) for r, a, o in
            zip(g["rule_id"], g["actor_id"], g["other_id"])}


def test_documented_gaps_found_with_defaults(res):
    found = _keys(res.gaps)
    for rule, actor, other in DOCUMENTED:
        assert any(r == rule and a == actor and (other is None or o == other)
                   for r, a, o in found), (rule, actor)


def test_documented_gaps_lead_the_report(res):
    top = _keys(headline_gaps(res.gaps))
    for rule, actor, other in DOCUMENTED:
        assert any(r == rule and a == actor for r, a, _ in top), (rule, actor)


def test_no_noise_for_a_french_reader(res):
    g = res.gaps
    # one-off and support ties are not dormant partnerships
    assert (g["rule_id"] == "G6_DORMANT_TIE").sum() <= 5
    # foreign actors only where a French actor is concerned
    country = res.network.actors["country"]
    for rule, a, o in zip(g["rule_id"], g["actor_id"], g["other_id"]):
        if rule != "G4_PARK_NO_FRENCH":
            assert country[a] == "FR" or (o == o and country[o] == "FR"), a


def test_white_spaces_mean_something(res):
    w = res.white_spaces
    top = w[w["gap"] > 0].sort_values("gap_rank").head(10)
    # the top cells are not a domain against itself
    assert (top["pole_domain"] != top["park_domain"]).all()
    # the planted white space: Minalogic × Zhangjiang, with who would act
    cell = top[(top["pole_id"] == "pole_minalogic")
               & (top["park_id"] == "park_zhangjiang")]
    assert len(cell) == 1
    assert cell["park_domain"].iloc[0] == "semiconductors"
    assert cell["french_actors"].iloc[0] and cell["foreign_actors"].iloc[0]
