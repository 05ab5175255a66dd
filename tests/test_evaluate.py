"""The back-test on generated data (small)."""
import numpy as np
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit import GraphkitError
from graphkit.analysis.evaluate import BASELINES, backtest_pairs, evaluate
from graphkit.generate import generate_ecosystem


@pytest.fixture(scope="module")
def net():
    return generate_ecosystem(1000, seed=3)


def test_table_shape_and_bounds(net):
    t = evaluate(net, 2012, k=(10, 50))
    assert list(t.index) == ["graphkit", *BASELINES]
    assert list(t.columns) == ["precision@10", "precision@50", "recall@10",
                               "recall@50", "auc"]
    assert ((t >= 0) & (t <= 1)).all().all()
    assert t.attrs["truth"] >= t.attrs["truth_in_candidates"] > 0


def test_scores_find_the_planted_signal(net):
    t = evaluate(net, 2012)
    # the random baseline is near 0.5 AUC; graphkit well above it
    assert abs(t.loc["random", "auc"] - 0.5) < 0.05
    assert t.loc["graphkit", "auc"] > 0.7
    assert t.loc["graphkit", "precision@100"] > t.loc["random", "precision@100"]


def test_same_candidates_and_truth_counted_by_hand(net):
    pairs, n_truth = backtest_pairs(net, 2012)
    assert not pairs.duplicated(["u", "v"]).any()
    # truth: tied after 2012, never up to 2012
    c = net.cooperations
    ties = c[c["type"] != "member_of"]
    old = {frozenset(p) for p, y in zip(zip(ties["source"], ties["target"]),
                                        ties["year"]) if y <= 2012}
    for u, v in pairs.loc[pairs["truth"], ["u", "v"]].itertuples(index=False):
        assert frozenset((u, v)) not in old
    assert pairs["truth"].sum() <= n_truth


def test_same_seed_same_table(net):
    a = evaluate(net, 2012, k=(10,))
    b = evaluate(net, 2012, k=(10,))
    assert np.allclose(a.to_numpy(), b.to_numpy(), equal_nan=True)


def test_bad_split_year(net):
    with pytest.raises(GraphkitError, match="split year"):
        evaluate(net, 2030)


def test_evaluate_command(tmp_path, net):
    from graphkit.io import write_network
    write_network(net, tmp_path / "data")
    res = CliRunner().invoke(main, ["evaluate", str(tmp_path / "data"),
                                    "--split-year", "2012", "--k", "10"])
    assert res.exit_code == 0, res.output
    assert "precision@10" in res.output and "graphkit" in res.output
