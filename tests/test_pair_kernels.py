"""The compiled pair kernels (graphkit.analysis._pairs) against plain
set arithmetic and numpy's lexsort, on random graphs and lists."""
import numpy as np
import pytest
import scipy.sparse as sp

from graphkit.analysis import linkpred as lp
from graphkit.analysis._pairs import top_per_row


def _graph(n, p, rng):
    upper = np.triu(rng.random((n, n)) < p, 1)
    return sp.csr_matrix((upper | upper.T).astype(np.int8))


@pytest.mark.parametrize("seed", range(6))
def test_common_sums_counts_and_sums_over_the_common_neighbours(seed):
    rng = np.random.default_rng(seed)
    n = 60
    A = _graph(n, [0.02, 0.1, 0.4][seed % 3], rng)
    nb = [set(A.indices[A.indptr[i]:A.indptr[i + 1]]) for i in range(n)]
    r = rng.integers(0, n, 400)
    c = rng.integers(0, n, 400)
    w1, w2 = rng.random(n), rng.random(n)
    cn, (s1, s2) = lp.common_sums(A, r, c, [w1, w2])
    common = [sorted(nb[a] & nb[b]) for a, b in zip(r, c)]
    assert cn.tolist() == [float(len(x)) for x in common]
    # summed in ascending neighbour order, as bincount summed them
    assert s1.tolist() == [float(sum(w1[k] for k in x)) if x else 0.0
                           for x in common]
    assert s2.tolist() == [float(sum(w2[k] for k in x)) if x else 0.0
                           for x in common]
    # no weights: the counts alone; unsorted column indices are sorted
    assert lp.common_sums(A, r, c)[0].tolist() == cn.tolist()
    shuffled = A.copy()
    for i in range(n):
        lo, hi = shuffled.indptr[i], shuffled.indptr[i + 1]
        shuffled.indices[lo:hi] = shuffled.indices[lo:hi][::-1]
    shuffled.has_sorted_indices = False
    assert lp.common_sums(shuffled, r, c)[0].tolist() == cn.tolist()


def test_common_sums_of_a_hub_and_its_leaves():
    # one hub tied to 5 000 leaves, and leaves 0-1 tied: the hub shares
    # leaf 1 with leaf 0, and two leaves share the hub
    n = 5_001
    rows = np.r_[np.zeros(5_000, int), np.arange(1, n), 1, 2]
    cols = np.r_[np.arange(1, n), np.zeros(5_000, int), 2, 1]
    A = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    cn, _ = lp.common_sums(A, [0, 1, 3, 0], [1, 2, 4, 3])
    assert cn.tolist() == [1.0, 1.0, 1.0, 0.0]
    assert lp.common_sums(A, [], [])[0].tolist() == []


@pytest.mark.parametrize("seed", range(5))
def test_top_per_row_is_lexsort_cut_per_row(seed):
    rng = np.random.default_rng(seed)
    r = np.sort(rng.integers(0, 30, 500))
    c = np.zeros(len(r), np.int64)
    for v in np.unique(r):  # columns ascending within each row
        at = np.flatnonzero(r == v)
        c[at] = np.sort(rng.choice(1000, len(at), replace=False))
    score = rng.integers(0, 4, len(r)) / 4.0  # many equal scores
    most = [1, 3, 10, 1000, 2][seed]
    order = np.lexsort((c, -score, r))
    rs = r[order]
    starts = np.r_[0, np.flatnonzero(rs[1:] != rs[:-1]) + 1]
    rank = np.arange(len(rs)) - np.repeat(starts, np.diff(np.r_[starts, len(rs)]))
    expected = order[rank < most]
    assert top_per_row(r, score, most).tolist() == expected.tolist()
    assert top_per_row(r[:0], score[:0], most).tolist() == []
