"""The score model's fit: the type pairs' one-hot block is summed per cell,
never built, and gives the coefficients of the full design."""
from __future__ import annotations

import numpy as np
import pytest

from graphkit.analysis.scoremodel import newton_logit


@pytest.mark.parametrize("weighted", [False, True])  # weighted: with no-cell rows
def test_cells_as_sums_give_the_coefficients_of_the_one_hot_design(weighted):
    rng = np.random.default_rng(3)
    n, k = 3000, 7
    X = np.column_stack([np.ones(n), rng.normal(size=n),
                         rng.integers(0, 2, n).astype(float)])
    cell = rng.integers(0, k, n)
    cell[cell == 5] = 4  # one cell without rows: its prior holds it
    if weighted:
        cell[::10] = -1  # rows of no cell: no one-hot column is 1
    effect = np.array([0.5, -1.0, 0.0, 1.5, -0.5, 0.0, 2.0])
    z = X @ np.array([-1.0, 0.8, -0.6]) + effect[cell]
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(float)
    w = rng.uniform(0.5, 2.0, n) if weighted else None
    prior = np.r_[0.0, 0.3, 0.3, rng.normal(size=k)]
    pen = np.r_[0.0, np.full(2 + k, 2.0)]
    full = np.column_stack([X, np.eye(k)[cell] * (cell >= 0)[:, None]])
    dense = newton_logit(full, y, w, prior, pen)
    summed = newton_logit(X, y, w, prior, pen, cells=(cell, k))
    # equal within the solver's own stopping tolerance
    np.testing.assert_allclose(summed, dense, rtol=0, atol=1e-6)
    assert summed[3 + 5] == pytest.approx(prior[3 + 5])  # no data, prior
    assert summed[3 + 6] > summed[3 + 1] + 1.5  # the planted order found
