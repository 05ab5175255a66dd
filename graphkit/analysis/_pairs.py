"""Compiled kernels of the pair measures of link prediction.

:func:`common_sums` counts the common neighbours of pairs of actors and
sums weights over them; :func:`top_per_row` keeps the best entries of each
row of a pair list. Compiled by numba on first use and cached on disk
(``cache=True``), like :mod:`graphkit.analysis._paths`; kept apart from
:mod:`graphkit.analysis.linkpred` so that importing graphkit does not
import numba.
"""
from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True, nogil=True)
def common_sums(indptr, indices, a, b, weights, cn,
                sums):  # pragma: no cover - compiled, tested through linkpred
    """For each pair ``(a[i], b[i])`` of the CSR graph ``indptr, indices``
    (column indices sorted within each row): ``cn[i]``, the number of
    common neighbours, and ``sums[j, i]``, the sum of ``weights[j]`` over
    them, added in ascending neighbour order.

    The neighbours of ``a[i]`` (the end of fewer, chosen by the caller) are
    looked up among those of ``b[i]`` by binary search, each search
    starting where the last one stopped: the cost of a pair is
    ``deg(a) log deg(b)``, read from two rows of the matrix only (a hub
    paired with each of its leaves costs one search per leaf).
    """
    nw = weights.shape[0]
    for i in range(len(a)):
        x, y = a[i], b[i]
        lo, hi = indptr[y], indptr[y + 1]
        count = 0
        for p in range(indptr[x], indptr[x + 1]):
            if lo >= hi:
                break
            k = indices[p]
            h = hi
            while lo < h:
                m = (lo + h) >> 1
                if indices[m] < k:
                    lo = m + 1
                else:
                    h = m
            if lo < hi and indices[lo] == k:
                count += 1
                for j in range(nw):
                    sums[j, i] += weights[j, k]
                lo += 1
        cn[i] = count


@numba.njit(cache=True, nogil=True)
def top_per_row(r, score, most):  # pragma: no cover - compiled, tested through linkpred
    """Positions of the entries kept of a pair list whose rows ``r`` come in
    order (columns ascending within a row): per row, its ``most`` entries
    of highest ``score``, in that order, equal scores in the list's order;
    rows in their order. ``np.lexsort((column, -score, r))`` cut at
    ``most`` per row, without sorting the whole list."""
    n = len(r)
    out = np.empty(n, np.int64)
    kept = 0
    start = 0
    while start < n:
        stop = start + 1
        while stop < n and r[stop] == r[start]:
            stop += 1
        order = np.argsort(-score[start:stop], kind="mergesort")
        for j in range(min(most, stop - start)):
            out[kept] = start + order[j]
            kept += 1
        start = stop
    return out[:kept]
