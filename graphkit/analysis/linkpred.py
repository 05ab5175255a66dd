"""Sparse link prediction: neighbourhood scores of actor pairs with scipy.

Every score of a pair (common neighbours, Jaccard, Adamic–Adar, resource
allocation, preferential attachment) is computed from one sparse adjacency
matrix, by sparse products over blocks of rows — never by per-pair NetworkX
loops (Adamic–Adar over every two-hop pair of a 10 000-node graph takes
seconds in NetworkX and a tenth of a second this way).

Domains (``sectors`` / ``seeks``) are held as bit masks, one bit a domain, so
the overlap of two actors' domains is a popcount.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..network import Network, Ties


@dataclass
class TieMatrix:
    """The undirected cooperation ties of a network as a sparse matrix.

    ``ids`` gives the actor id of each row; ``A`` is binary (one entry per
    tied pair, both directions), ``W`` holds the summed tie weights, ``last``
    the last year of cooperation of each pair (0 when unknown) and ``deg``
    the number of distinct partners of each actor.
    """
    ids: pd.Index
    A: sp.csr_matrix
    W: sp.csr_matrix
    last: sp.csr_matrix
    deg: np.ndarray
    #: :func:`_introducers` per cap, built once (the matrix is not changed)
    _introduced: dict = field(default_factory=dict, repr=False,
                              compare=False)

    def pos(self, actor_ids) -> np.ndarray:
        return self.ids.get_indexer(list(actor_ids))

    def neighbours(self, i: int) -> np.ndarray:
        return self.A.indices[self.A.indptr[i]:self.A.indptr[i + 1]]


def tie_matrix(network: Network, types=None, since: int | None = None,
               until: int | None = None) -> TieMatrix:
    """The :class:`TieMatrix` of ``network`` from its
    :meth:`Network.tie_table` (``types`` may be a :class:`Ties`), built
    once per tie definition and kept on the network (:meth:`Network.view`):
    the white spaces, the recommendations and the missions read the same
    one. Callers must not change it.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["a", "b", "c"], "type": ["sme", "lab", "lab"]})
    >>> c = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
    ...                   "type": ["rd_partnership"] * 2, "year": [2010, 2011]})
    >>> net = Network(a, c)
    >>> tm = tie_matrix(net)
    >>> tm.deg.tolist()
    [1, 2, 1]
    >>> tie_matrix(net) is tm  # once per tie definition
    True
    """
    spec = types if isinstance(types, Ties) else Ties.of(types, since, until)
    return network.view("tie_matrix", spec,
                        lambda: _tie_matrix(network, spec))


def _tie_matrix(network: Network, spec: Ties) -> TieMatrix:
    ids = network.actors.index
    tt = network.tie_table(spec)
    n = len(ids)
    lo = ids.get_indexer(tt["u"])
    hi = ids.get_indexer(tt["v"])
    w = tt["weight"].to_numpy(dtype=float)
    y = np.nan_to_num(tt["last_year"].to_numpy(dtype=float), nan=0.0)
    rows = np.concatenate([lo, hi])
    cols = np.concatenate([hi, lo])
    W = sp.csr_matrix((np.concatenate([w, w]), (rows, cols)), shape=(n, n))
    last = sp.csr_matrix((np.concatenate([y, y]), (rows, cols)), shape=(n, n))
    A = W.copy()
    A.data = np.ones_like(A.data)
    A.sort_indices()
    W.sort_indices()
    deg = np.diff(A.indptr).astype(np.int64)
    return TieMatrix(ids, A.tocsr(), W.tocsr(), last.tocsr(), deg)


def _weights(deg: np.ndarray):
    d = deg.astype(float)
    aa = 1.0 / np.log(np.maximum(d, 2.0))
    ra = 1.0 / np.maximum(d, 1.0)
    return aa, ra


#: Most partners an intermediary introduces when candidates are chosen by
#: their best Adamic–Adar (``max_per_row``): a hub with more partners than
#: this introduces its most connected ones only. Without the bound, a hub of
#: 200 000 partners makes each of them a candidate of every other (4·10^10
#: pairs to rank). The kept pairs are measured on every common partner.
HUB_INTRODUCES = 1000

#: Most two-step walks one block of source rows expands at once.
WALK_BUDGET = 4_000_000


def _introducers(tm: TieMatrix, cap: int) -> sp.csr_matrix:
    """``tm.A`` with each row of more than ``cap`` entries cut to its
    ``cap`` most connected partners (ties broken by position); built once
    per tie matrix and cap."""
    A = tm.A
    if cap is None or not len(tm.deg) or tm.deg.max() <= cap:
        return A
    got = tm._introduced.get(cap)
    if got is None:
        got = tm._introduced[cap] = _cut_rows(tm, cap)
    return got


def _cut_rows(tm: TieMatrix, cap: int) -> sp.csr_matrix:
    A = tm.A
    coo = A.tocoo()
    order = np.lexsort((coo.col, -tm.deg[coo.col], coo.row))
    row, col = coo.row[order], coo.col[order]
    first = np.r_[0, np.flatnonzero(row[1:] != row[:-1]) + 1]
    rank = np.arange(len(row)) - np.repeat(first, np.diff(np.r_[first, len(row)]))
    keep = rank < cap
    return sp.csr_matrix((coo.data[order][keep], (row[keep], col[keep])),
                         shape=A.shape)


def two_hop_blocks(tm: TieMatrix, rows: np.ndarray, chunk: int = 4096,
                   max_per_row: int | None = None,
                   budget: int = WALK_BUDGET) -> list:
    """The blocks of ``rows`` that :func:`two_hop_pairs` expands in turn: at
    most ``chunk`` rows and about ``budget`` two-step walks each (a row with
    more walks alone)."""
    rows = np.asarray(rows, dtype=np.int64)
    cap = HUB_INTRODUCES if max_per_row is not None else None
    deg = np.diff(_introducers(tm, cap).indptr).astype(np.int64)
    walks = np.asarray(tm.A[rows] @ deg).ravel().astype(np.int64) \
        if len(rows) else np.zeros(0, np.int64)
    blocks, start, load = [], 0, 0
    for i, w in enumerate(walks.tolist()):
        if i > start and (i - start >= chunk or load + w > budget):
            blocks.append(rows[start:i])
            start, load = i, 0
        load += w
    if start < len(rows):
        blocks.append(rows[start:])
    return blocks


def two_hop_pairs(tm: TieMatrix, rows: np.ndarray, chunk: int = 4096,
                  max_per_row: int | None = None, blocks: list | None = None):
    """Every pair (r, c), r in ``rows``, with at least one common neighbour.

    Yields blocks ``(r, c, common_neighbours, adamic_adar,
    resource_allocation)`` of numpy arrays; self pairs and pairs already
    tied are left out. With
    ``max_per_row``, only the pairs of each row with the highest Adamic–Adar
    are kept (ties broken by column position) — a bound on the work when hubs
    join many actors — and a hub introduces its :data:`HUB_INTRODUCES` most
    connected partners only; where that cut anything, the three measures
    are NaN (the caller measures the kept pairs on every common partner).
    Blocks of rows as :func:`two_hop_blocks` makes them unless given.
    """
    A = tm.A
    cap = HUB_INTRODUCES if max_per_row is not None else None
    A2 = _introducers(tm, cap)
    cut = A2 is not A
    aa_w, ra_w = _weights(tm.deg)
    A_aa = (sp.diags(aa_w) @ A2).tocsr()
    A_ra = (sp.diags(ra_w) @ A2).tocsr()
    if blocks is None:
        blocks = two_hop_blocks(tm, rows, chunk, max_per_row)
    for block in blocks:
        B = A[block]
        cn, aa, ra = (sp.csr_matrix(B @ M) for M in (A2, A_aa, A_ra))
        for M in (cn, aa, ra):
            M.sort_indices()
        # entries in (row, column) order; the three products share one
        # pattern (positive weights), so their values are aligned as they
        # are, without sorting keys
        r_loc = np.repeat(np.arange(len(block), dtype=np.int64),
                          np.diff(cn.indptr))
        c = cn.indices.astype(np.int64)
        cn_v = cn.data
        key = r_loc * A.shape[0] + c  # sorted: rows in order, indices sorted
        if _same_pattern(cn, aa) and _same_pattern(cn, ra):
            aa_v, ra_v = aa.data, ra.data
        else:
            aa_v = _aligned(aa.tocoo(), key, A.shape[0])
            ra_v = _aligned(ra.tocoo(), key, A.shape[0])
        r = block[r_loc]
        # not a candidate: the actor itself, or a partner it has already
        # (dense groups make partners the best Adamic–Adar pairs: kept, they
        # would fill a row's ``max_per_row`` places and leave none)
        Bc = B.tocoo()
        tied = np.isin(key, Bc.row.astype(np.int64) * A.shape[0] + Bc.col)
        keep = (r != c) & ~tied
        r, c, cn_v, aa_v, ra_v = r[keep], c[keep], cn_v[keep], aa_v[keep], ra_v[keep]
        if max_per_row is not None and len(r):
            # each row's best by Adamic–Adar, ties by column (the entries
            # come in (row, column) order)
            from ._pairs import top_per_row
            keep = top_per_row(r, aa_v, int(max_per_row))
            r, c, cn_v, aa_v, ra_v = r[keep], c[keep], cn_v[keep], aa_v[keep], ra_v[keep]
        if cut:
            cn_v = aa_v = ra_v = np.full(len(r), np.nan)
        yield r, c, cn_v.astype(float), aa_v, ra_v


def _same_pattern(a: sp.csr_matrix, b: sp.csr_matrix) -> bool:
    """Whether two CSR matrices with sorted indices hold the same entries."""
    return np.array_equal(a.indptr, b.indptr) and \
        np.array_equal(a.indices, b.indices)


def _aligned(m: sp.coo_matrix, key_sorted: np.ndarray, n: int) -> np.ndarray:
    k = m.row.astype(np.int64) * n + m.col
    order = np.argsort(k, kind="stable")
    k, v = k[order], m.data[order]
    idx = np.searchsorted(k, key_sorted)
    idx = np.minimum(idx, len(k) - 1) if len(k) else idx
    out = np.zeros(len(key_sorted))
    if len(k):
        hit = k[idx] == key_sorted
        out[hit] = v[idx[hit]]
    return out


def common_sums(A, r, c, weights=()):
    """For the pairs (r[i], c[i]) of the binary symmetric CSR matrix ``A``:
    the number of common neighbours and, for each vector of ``weights``,
    its sum over them. Each pair walks the neighbours of its end with fewer
    and looks them up in the other's row (the compiled
    :func:`graphkit.analysis._pairs.common_sums`), so the cost is the sum
    of the smaller degrees: a hub paired with each of its 200 000 leaves
    costs 200 000 lookups, where ``A[r].multiply(A[c])`` copied the hub's
    row once per pair (and overflowed scipy's indices).

    >>> import scipy.sparse as sp
    >>> A = sp.csr_matrix(np.array([[0, 1, 1, 1], [1, 0, 1, 0],
    ...                             [1, 1, 0, 1], [1, 0, 1, 0]]))
    >>> # 1 and 3 share 0 and 2; 0 and 2 share 1 and 3
    >>> cn, (s,) = common_sums(A, [1, 1, 0], [3, 3, 2], [np.arange(4.0)])
    >>> cn.tolist(), s.tolist()
    ([2.0, 2.0, 2.0], [2.0, 2.0, 4.0])
    """
    from . import _pairs
    r = np.asarray(r, dtype=np.int64)
    c = np.asarray(c, dtype=np.int64)
    weights = [np.asarray(w, dtype=float) for w in weights]
    if len(r) == 0:
        return np.zeros(0), [np.zeros(0) for _ in weights]
    A = sp.csr_matrix(A)
    if not A.has_sorted_indices:
        A = A.sorted_indices()
    deg = np.diff(A.indptr)
    small = deg[r] <= deg[c]
    a = np.where(small, r, c)
    b = np.where(small, c, r)
    w = np.vstack(weights) if weights else np.zeros((0, A.shape[0]))
    cn = np.zeros(len(r))
    sums = np.zeros((len(weights), len(r)))
    _pairs.common_sums(A.indptr, A.indices, a, b, w, cn, sums)
    return cn, list(sums)


def pair_scores(tm: TieMatrix, r: np.ndarray, c: np.ndarray) -> pd.DataFrame:
    """Neighbourhood scores of arbitrary pairs (row positions ``r``, ``c``).

    Columns ``common_neighbours``, ``jaccard``, ``adamic_adar``,
    ``resource_allocation``, ``preferential_attachment``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": list("abcd"), "type": ["lab"] * 4})
    >>> c = pd.DataFrame({"source": list("aab"), "target": list("bcd"),
    ...                   "type": ["rd_partnership"] * 3})
    >>> tm = tie_matrix(Network(a, c))
    >>> s = pair_scores(tm, tm.pos(["b"]), tm.pos(["c"]))
    >>> s["common_neighbours"].tolist(), round(float(s["jaccard"].iloc[0]), 3)
    ([1.0], 0.5)
    """
    r = np.asarray(r, dtype=np.int64)
    c = np.asarray(c, dtype=np.int64)
    aa_w, ra_w = _weights(tm.deg)
    cn, (aa, ra) = common_sums(tm.A, r, c, (aa_w, ra_w))
    du, dv = tm.deg[r].astype(float), tm.deg[c].astype(float)
    union = du + dv - cn
    jac = np.divide(cn, union, out=np.zeros(len(r)), where=union > 0)
    return pd.DataFrame({"common_neighbours": cn, "jaccard": jac,
                         "adamic_adar": aa, "resource_allocation": ra,
                         "preferential_attachment": du * dv})


def common_neighbours(tm: TieMatrix, i: int, j: int) -> np.ndarray:
    """Row positions of the common neighbours of ``i`` and ``j`` (sorted)."""
    return np.intersect1d(tm.neighbours(i), tm.neighbours(j),
                          assume_unique=True)


# ------------------------------------------------------------ domain masks
@dataclass
class Domains:
    """The domains of a network's actors: the vocabulary (:func:`domain_vocabulary`
    of ``sectors`` and ``seeks``), the masks (:func:`domain_masks`) of both
    columns and their boolean matrices (:func:`mask_bits`)."""
    vocab: list
    sectors: np.ndarray
    seeks: np.ndarray
    bits: np.ndarray
    seek_bits: np.ndarray


def domains(network: Network) -> Domains:
    """The :class:`Domains` of ``network``, built once and kept on it
    (:meth:`Network.view`; callers must not change them)."""
    return network.view("domains", None, lambda: _domains(network))


def _domains(network: Network) -> Domains:
    a = network.actors
    vocab = domain_vocabulary(a["sectors"], a["seeks"])
    sectors = domain_masks(a["sectors"], vocab)
    seeks = domain_masks(a["seeks"], vocab)
    return Domains(vocab, sectors, seeks, mask_bits(sectors, len(vocab)),
                   mask_bits(seeks, len(vocab)))


def domain_vocabulary(*columns: pd.Series) -> list[str]:
    """Sorted domains used in these tuple columns (case kept, spaces trimmed)."""
    seen = set()
    for col in columns:
        for values in col:
            seen.update(str(v).strip() for v in values)
    seen.discard("")
    return sorted(seen)


def domain_masks(column: pd.Series, vocabulary: list[str]) -> np.ndarray:
    """One row of uint64 words a value of ``column``: bit k = domain k."""
    words = max(1, (len(vocabulary) + 63) // 64)
    pos = {d: k for k, d in enumerate(vocabulary)}
    out = np.zeros((len(column), words), dtype=np.uint64)
    for i, values in enumerate(column):
        for v in values:
            k = pos.get(str(v).strip())
            if k is not None:
                out[i, k // 64] |= np.uint64(1) << np.uint64(k % 64)
    return out


def popcount(masks: np.ndarray) -> np.ndarray:
    """Number of bits set in each row of a mask array."""
    return np.bitwise_count(masks).sum(axis=1).astype(np.int64)


def mask_domains(mask_row: np.ndarray, vocabulary: list[str]) -> list[str]:
    """The domains whose bits are set in one mask row."""
    out = []
    for w, word in enumerate(mask_row):
        word = int(word)
        while word:
            low = word & -word
            k = low.bit_length() - 1
            out.append(vocabulary[w * 64 + k])
            word ^= low
    return out


def mask_bits(masks: np.ndarray, n_domains: int) -> np.ndarray:
    """Boolean (actors × domains) matrix of a mask array."""
    bits = np.unpackbits(np.ascontiguousarray(masks).view(np.uint8), axis=1,
                         bitorder="little")
    return bits[:, :n_domains].astype(bool)


def _domain_counts(tm: TieMatrix, bits: np.ndarray):
    """Observed and expected (from how many tie ends each domain has)
    numbers of ties between an actor working in domain i and one working
    in domain j."""
    S = sp.csr_matrix(bits.astype(float))
    C = np.asarray((S.T @ tm.A @ S).todense())
    ends = C.sum(axis=1)
    total = ends.sum()
    D = bits.shape[1]
    expected = np.outer(ends, ends) / total if total else np.zeros((D, D))
    return C, expected


def domain_affinity(tm: TieMatrix, bits: np.ndarray, *,
                    scaled: bool = True) -> np.ndarray:
    """How much more often than chance ties join domain i to domain j.

    ``bits`` is the (actors × domains) sector matrix. The lift
    ``observed(i, j) / expected(i, j)`` of the number of ties between an
    actor working in i and one working in j — expected from how many tie
    ends each domain has — scaled to 0..1 by the largest lift off the
    diagonal; the diagonal (a shared domain, counted apart) is 0. This is
    the data's own definition of complementary domains. With
    ``scaled=False`` the lift itself (1: as often as chance).
    """
    D = bits.shape[1]
    if D == 0 or tm.A.nnz == 0:
        return np.zeros((D, D))
    C, expected = _domain_counts(tm, bits)
    lift = np.divide(C, expected, out=np.zeros((D, D)), where=expected > 0)
    np.fill_diagonal(lift, 0.0)
    top = lift.max()
    return lift / top if scaled and top > 0 else lift


def complementary_domains(tm: TieMatrix, bits: np.ndarray,
                          z: float = 3.0) -> np.ndarray:
    """(domains × domains) 0/1: domains i ≠ j tied significantly more often
    than chance — the observed count ``z`` Poisson standard deviations
    above the expected one (:func:`domain_affinity`'s counts). A lift of
    1.1 on a few ties is noise; on thousands it is not.
    """
    D = bits.shape[1]
    if D == 0 or tm.A.nnz == 0:
        return np.zeros((D, D))
    C, expected = _domain_counts(tm, bits)
    excess = np.divide(C - expected, np.sqrt(expected),
                       out=np.zeros((D, D)), where=expected > 0)
    out = (excess > z).astype(float)
    np.fill_diagonal(out, 0.0)
    return out


def best_affinity(bits: np.ndarray, affinity: np.ndarray) -> np.ndarray:
    """(actors × domains): for actor b and domain i, max over b's domains j
    of ``affinity[i, j]``."""
    n, D = bits.shape
    out = np.zeros((n, D))
    for i in range(D):
        out[:, i] = np.where(bits, affinity[i][None, :], 0.0).max(axis=1) \
            if D else 0.0
    return out


def affinity_table(bits: np.ndarray, best: np.ndarray, limit: int = 4000):
    """``(inv, table)``: the distinct sector sets of the actors (``inv``:
    each actor's) and the complementarity of every pair of them, or None
    beyond ``limit`` distinct sets. Built one set at a time, each row the
    max over the set's own domains only, so its cost is the sets' domains
    × sets (a max over every domain cost domains × sets²)."""
    if bits.shape[1] == 0:
        return None
    uniq, inv = np.unique(bits, axis=0, return_inverse=True)
    inv = inv.ravel()
    if len(uniq) > limit:
        return None
    rep = np.zeros(len(uniq), dtype=np.int64)
    rep[inv] = np.arange(len(inv))
    # col_t[j, b]: the affinity of domain j to set b; a row of the table
    # is the max over its set's domains, and 0 from the domains it lacks
    col_t = np.ascontiguousarray(best[rep].T)
    D = bits.shape[1]
    table = np.empty((len(uniq), len(uniq)))
    for a, have in enumerate(uniq):
        js = np.flatnonzero(have)
        row = col_t[js].max(axis=0) if len(js) else np.full(len(uniq), -np.inf)
        table[a] = np.maximum(row, 0.0) if len(js) < D else row
    return inv, table


def pair_affinity(bits: np.ndarray, best: np.ndarray, r: np.ndarray,
                  c: np.ndarray, chunk: int = 1_000_000,
                  table=None) -> np.ndarray:
    """Complementarity of pairs: max over (i in r's domains, j in c's) of
    the affinity — from :func:`best_affinity`.

    Computed once per distinct pair of sector sets (actors share them), so
    millions of pairs cost a table look-up each; ``table`` (from
    :func:`affinity_table`) is that table when already built.
    """
    if bits.shape[1] == 0:
        return np.zeros(len(r))
    if table is None:
        table = affinity_table(bits, best)
    if table is not None:
        inv, tab = table
        return tab[inv[r], inv[c]]
    out = np.zeros(len(r))
    for s in range(0, len(r), chunk):
        rr, cc = r[s:s + chunk], c[s:s + chunk]
        out[s:s + chunk] = np.where(bits[rr], best[cc], 0.0).max(axis=1) \
            if bits.shape[1] else 0.0
    return out
