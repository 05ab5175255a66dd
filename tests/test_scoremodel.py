"""The combined score's model: fitted on the network's own ties."""
import sys

import numpy as np
import pandas as pd
import pytest

from graphkit import GraphkitError, Network
from graphkit.analysis import linkpred as lp
from graphkit.analysis import scoremodel as sm
from graphkit.analysis.evaluate import BASELINES, evaluate
from graphkit.generate import COMPLEMENTS, generate_ecosystem
from graphkit.model import ACTOR_TYPES

rc = sys.modules["graphkit.analysis.recommend"]


@pytest.fixture(scope="module")
def gen():
    return generate_ecosystem(2000, seed=1)


@pytest.fixture(scope="module")
def prep(gen):
    return rc.prepare(gen)


def _cell(a, b, border):
    index, prior, _, _ = rc._CELLS
    code = {k: i for i, k in enumerate(ACTOR_TYPES)}
    c = index[code[a], code[b], border]
    return c, prior[c]


def test_complementary_domains_are_the_planted_ones(prep):
    Z = lp.complementary_domains(prep.tm, prep.bits)
    found = {frozenset((prep.vocab[i], prep.vocab[j]))
             for i, j in zip(*np.nonzero(np.triu(Z)))}
    assert found == {frozenset(p) for p in COMPLEMENTS}


def test_a_type_pair_that_never_cooperates_is_learnt(prep):
    m = prep.model
    # the generator never ties a lab to a park: the prior (role fit 0.6)
    # gives way to the data
    c, prior = _cell("lab", "park", 1)
    assert m.cells[c] < prior - 2
    # the planted effects come out positive
    assert m.coef["seeks"] > 0.3 and m.coef["complementary"] > 0.3
    assert m.coef["same_group"] > 0.3
    # cases: the ties whose type pair can be recommended; about as many
    # controls drawn by degree
    assert m.cases > 5000 and 0.8 * m.cases < m.controls < 1.2 * m.cases


def test_a_small_network_keeps_the_prior():
    a = pd.DataFrame({"id": ["s", "l", "k"], "type": ["sme", "lab", "lab"],
                      "country": ["FR", "FR", "CN"]})
    c = pd.DataFrame({"source": ["s"], "target": ["l"],
                      "type": ["academic_partner"], "year": [2015]})
    m = rc.prepare(Network(a, c)).model
    for f, v in sm.PRIOR.items():
        assert abs(m.coef[f] - v) < 0.5, f
    prior = rc._CELLS[1]
    assert np.abs(m.cells - prior).max() < 0.5


def test_same_network_same_model(gen):
    a = rc.prepare(gen).model.describe()
    b = rc.prepare(gen).model.describe()
    assert a == b


def test_score_reads_against_the_typical_tie(prep):
    # the existing ties score 0.5 at their median under the model
    import scipy.sparse as sp
    A = sp.triu(prep.tm.A, k=1).tocoo()
    parts = rc.pair_parts(prep, A.row, A.col)
    s = prep.model.score(parts)
    s = s[s > 0]
    assert abs(np.median(s) - 0.5) < 0.02


def test_combined_score_beats_every_baseline_in_the_backtest(gen):
    t = evaluate(gen, 2012, k=(100,))
    best = t.loc[list(BASELINES), "precision@100"].max()
    assert t.loc["graphkit", "precision@100"] > best + 0.05
    assert t.loc["graphkit", "auc"] > t.loc[list(BASELINES), "auc"].max()


def test_unknown_weight_is_refused(gen):
    with pytest.raises(GraphkitError, match="unknown weight.*popularty"):
        rc.prepare(gen, weights={"popularty": 2})


def test_run_writes_the_model_beside_the_recommendations(example_dir, tmp_path):
    import json

    from graphkit.io import read_network
    from graphkit.pipeline import run
    net = read_network(example_dir).network
    results, _written = run(net, tmp_path, lang="en")
    meta = json.loads((tmp_path / "recommendations.json").read_text())["meta"]
    model = meta["score_model"]
    assert set(sm.FEATURES) <= set(model) and model["popularity"] == 2.0
    assert model["cases"] > 500  # the example's ties the model learnt from
    assert "sme-lab across borders" in model["type_pairs"]
    assert model == results.score_model
    rec = results.recommendations
    assert rec["score"].between(0, 1).all() and (rec["score"] > 0).all()
