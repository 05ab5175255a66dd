"""Compiled engines for the heavy metrics, in NetworkX's shape.

Every function takes an undirected :class:`networkx.Graph` (the public graph
type of graphkit) and returns ``{node: value}`` like its NetworkX namesake,
which stays the reference implementation: the tests check that each one gives
NetworkX's answer on small graphs, weighted and unweighted, connected or not.

Engines, chosen by measurement on a 2-core machine (10 000 nodes, 40 000
edges): a numba kernel for the shortest-path metrics (betweenness and
harmonic closeness from one Dijkstra per source, :mod:`._paths`: igraph's
subset betweenness cost as much per source at 10 000 actors and 1.6 times
as much at 100 000, and returns no distances, so closeness needed a second
pass); python-igraph for clustering and Louvain (0.04 s against 6 s in
NetworkX); scipy sparse for PageRank, eigenvector centrality, Burt's
constraint and effective size (NetworkX 3.5+'s ``effective_size`` builds a
dense n x n matrix and runs out of memory at 100 000 nodes; the sparse
version works in row blocks).

Weights
-------
Cooperation weight is a *strength*: the more cooperations, the closer two
actors. Shortest-path metrics (betweenness, closeness) therefore use the path
length ``1 / weight``; PageRank, eigenvector centrality, constraint and
effective size use the weight itself; clustering is topological (unweighted).
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

if TYPE_CHECKING:  # imported where a NetworkX graph is read or an error raised
    import networkx as nx

from ..progress import bar
from ..randomness import seeded_igraph

__all__ = ["IndexedGraph", "betweenness", "harmonic_closeness",
           "shortest_path_metrics", "path_plan", "pagerank",
           "eigenvector", "clustering", "constraint", "effective_size",
           "louvain", "default_workers"]


@dataclass
class IndexedGraph:
    """An undirected graph as integer arrays (nodes ``0..n-1``).

    ``nodes`` keeps the graph's node order; ``u < v`` for every edge, and
    ``w`` holds the weights (1.0 when the graph has none).
    """
    nodes: list
    u: np.ndarray
    v: np.ndarray
    w: np.ndarray
    _igraph_cache: object = field(default=None, init=False, repr=False,
                                  compare=False)

    @classmethod
    def from_networkx(cls, g: nx.Graph, weight: str | None = "weight"):
        if g.is_directed() or g.is_multigraph():
            import networkx as nx

            raise nx.NetworkXNotImplemented(
                "engines take a simple undirected nx.Graph")
        nodes = list(g.nodes)
        index = {n: i for i, n in enumerate(nodes)}
        m = g.number_of_edges()
        u = np.empty(m, dtype=np.int64)
        v = np.empty(m, dtype=np.int64)
        w = np.ones(m, dtype=float)
        k = 0
        for a, b, d in g.edges(data=True):
            if a == b:
                continue  # self-loops carry no cooperation between actors
            i, j = index[a], index[b]
            u[k], v[k] = min(i, j), max(i, j)
            if weight is not None:
                w[k] = float(d.get(weight, 1.0))
            k += 1
        u, v, w = u[:k], v[:k], w[:k]
        if np.any(w <= 0) or not np.all(np.isfinite(w)):
            raise ValueError("edge weights must be finite and > 0")
        return cls(nodes, u, v, w)

    @property
    def n(self) -> int:
        return len(self.nodes)

    def igraph(self):
        """The igraph graph of these edges, built once (the metrics, the
        communities and the summary all read it; none changes it)."""
        if self._igraph_cache is None:
            self._igraph_cache = _igraph(self.n, self.u, self.v)
        return self._igraph_cache

    def adjacency(self, weighted: bool = True) -> sp.csr_matrix:
        """Symmetric sparse adjacency (weights or ones)."""
        data = self.w if weighted else np.ones_like(self.w)
        a = sp.coo_matrix((np.concatenate([data, data]),
                           (np.concatenate([self.u, self.v]),
                            np.concatenate([self.v, self.u]))),
                          shape=(self.n, self.n))
        return a.tocsr()

    def as_dict(self, values) -> dict:
        return {n: float(x) for n, x in zip(self.nodes, values)}


def _indexed(g, weight) -> IndexedGraph:
    return g if isinstance(g, IndexedGraph) else \
        IndexedGraph.from_networkx(g, weight)


# ------------------------------------------------------------ shortest paths
# Betweenness and harmonic closeness come from one pass per source of the
# compiled kernel (:func:`graphkit.analysis._paths.brandes`), in this process
# unless the caller asks for worker processes (``workers > 1``, fork): each
# worker then takes chunks of sources.
_WORKER: dict = {}

#: Components up to this many actors are always computed exactly (every
#: actor a source): they cost next to nothing and a pivot or two would
#: misjudge them.
SMALL_COMPONENT = 32


def _igraph(n, u, v):
    """An undirected igraph graph (a list of pairs builds twice as fast as
    a numpy array)."""
    import igraph as ig
    return ig.Graph(n=n, edges=list(zip(u.tolist(), v.tolist())),
                    directed=False)


def _paths_chunk(positions) -> np.ndarray:
    from ._paths import brandes
    w = _WORKER
    bc, inv = np.zeros(w["n"]), np.zeros(w["n"])
    brandes(w["indptr"], w["indices"], w["lengths"], w["weighted"],
            w["sources"][positions], w["scale"][positions], True, bc, inv,
            w["buckets"])
    return np.stack([bc, inv])


def _worker_init(state):
    _WORKER.clear()
    _WORKER.update(state)


def default_workers() -> int:
    """A suggestion for ``workers=``: the machine's cores (at most 8).

    Nothing uses it by default: functions run in this process unless the
    caller passes ``workers > 1``."""
    return max(1, min(os.cpu_count() or 1, 8))


def _run_chunks(func, items: np.ndarray, n: int, state: dict,
                workers: int, progress: bool, desc: str) -> list:
    """``func`` over chunks of ``items``: in this process, or in ``workers``
    forked processes when the caller asked for more than one (and the graph
    is large enough for it to pay)."""
    workers = max(1, int(workers))
    # chunks do not depend on the worker count, so neither does the sum
    per = max(1, min(200, len(items) // 16 or 1))
    chunks = [items[i:i + per] for i in range(0, len(items), per)]
    parallel = workers > 1 and len(chunks) > 1 and n >= 2000 and \
        "fork" in multiprocessing.get_all_start_methods()
    out = []
    with bar(len(items), desc, progress) as b:
        if not parallel:
            _worker_init(state)
            for c in chunks:
                out.append(func(c))
                b.update(len(c))
            _WORKER.clear()
        else:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(workers, initializer=_worker_init,
                          initargs=(state,)) as pool:
                for c, res in zip(chunks, pool.imap(func, chunks)):
                    out.append(res)
                    b.update(len(c))
    return out


@dataclass
class PathPlan:
    """The sources of one shortest-path pass and what they stand for.

    ``sources[i]`` counts ``scale[i]`` times (the size of its component
    over the number of its pivots); ``seen[v]`` is the number of sources
    other than ``v`` in ``v``'s component and ``reach[v]`` the number of
    other actors there. ``exact`` when every actor of a tied component is
    a source.
    """
    sources: np.ndarray
    scale: np.ndarray
    seen: np.ndarray
    reach: np.ndarray
    exact: bool


def path_plan(g, k: int | None = None, seed: int = 42) -> PathPlan:
    """The sources of the betweenness and closeness pass on ``g``.

    Exact (``k`` None or at least the number of actors): every actor.
    Otherwise ``k`` pivots spread over the connected components in
    proportion to their sizes (isolated actors lie on no path and reach
    nobody: they get none), drawn with ``seed`` in each component, a
    component in the order of its first actor; a component of at most
    :data:`SMALL_COMPONENT` actors, or no larger than its share, has every
    actor as a source.

    >>> import networkx as nx
    >>> p = path_plan(nx.path_graph(4), k=2)
    >>> p.sources.tolist(), p.exact
    ([0, 1, 2, 3], True)
    """
    ig_ = _indexed(g, None)
    n = ig_.n
    if k is None or k >= n:
        reach = (_component_sizes(ig_)[1] - 1).astype(float)
        return PathPlan(np.arange(n), np.ones(n), reach.copy(), reach, True)
    labels, size_of = _component_sizes(ig_)
    order = np.argsort(labels, kind="stable")  # actors by component
    bounds = np.searchsorted(labels[order], np.arange(labels.max() + 2))
    sizes = np.diff(bounds)
    tied = int(sizes[sizes > 1].sum())
    rng = np.random.default_rng(seed)
    sources, scale = [], []
    seen = np.zeros(n)
    exact = True
    for c in range(len(sizes)):  # labels follow the first actor's order
        size = int(sizes[c])
        if size < 2:
            continue
        members = order[bounds[c]:bounds[c + 1]]
        share = max(1, int(round(k * size / tied)))
        if size <= max(share, SMALL_COMPONENT):
            chosen, f = members, 1.0
            seen[members] = size - 1
        else:
            exact = False
            chosen = np.sort(rng.choice(members, size=share, replace=False))
            f = size / share
            seen[members] = share
            seen[chosen] = share - 1
        sources.append(chosen)
        scale.append(np.full(len(chosen), f))
    sources = np.concatenate(sources) if sources else np.zeros(0, np.int64)
    scale = np.concatenate(scale) if scale else np.zeros(0)
    return PathPlan(sources.astype(np.int64), scale, seen,
                    (size_of - 1).astype(float), exact)


def _component_sizes(ig_: IndexedGraph):
    """Component label of each actor (numbered in the order of their first
    actor) and the size of each actor's component."""
    from scipy.sparse.csgraph import connected_components
    if ig_.n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    _, labels = connected_components(ig_.adjacency(weighted=False),
                                     directed=False)
    return labels, np.bincount(labels)[labels]


def shortest_path_metrics(g, weight: str | None = "weight",
                          k: int | None = None, seed: int = 42,
                          progress: bool = False, workers: int = 1):
    """Betweenness and harmonic closeness (each ``{node: value}``, as
    :func:`betweenness` and :func:`harmonic_closeness`) from one pass of
    shortest paths, and the :class:`PathPlan` of that pass.

    Exact without ``k``; with ``k``, estimated from the pivots of
    :func:`path_plan`: betweenness by Brandes' accumulation with linear
    scaling (Geisberger, Sanders & Schultes 2008: a pivot's dependency
    on a pair counts in proportion to the pivot's distance to the middle
    actor, which removes the overestimate of actors near pivots), scaled
    by the component's size over its pivots; closeness by the mean
    inverse distance from the pivots of the actor's component.
    """
    ig_, n, lengths = _path_setup(g, weight)
    plan = path_plan(ig_, k, seed)
    if n < 2 or len(ig_.u) == 0:
        zero = ig_.as_dict(np.zeros(n))
        return zero, dict(zero), plan
    a = sp.coo_matrix((np.concatenate([lengths, lengths]) if lengths is not
                       None else np.ones(2 * len(ig_.u)),
                       (np.concatenate([ig_.u, ig_.v]),
                        np.concatenate([ig_.v, ig_.u]))),
                      shape=(n, n)).tocsr()
    from ._paths import integer_lengths
    data, unit, buckets = a.data.astype(float), 1, 0
    whole = integer_lengths(data) if lengths is not None else None
    if whole is not None:  # exact distances, a bucket queue
        data, unit = whole
        buckets = int(data.max()) + 1
    state = {"n": n, "indptr": a.indptr.astype(np.int64),
             "indices": a.indices.astype(np.int64), "lengths": data,
             "weighted": lengths is not None, "buckets": buckets,
             "sources": plan.sources, "scale": plan.scale}
    parts = _run_chunks(_paths_chunk, np.arange(len(plan.sources)), n, state,
                        workers, progress, "shortest paths" +
                        ("" if plan.exact else " (sampled)"))
    bc, inv = np.sum(parts, axis=0) if parts else np.zeros((2, n))
    inv = inv * unit  # distances were counted in units of 1 / unit
    between = bc * 2.0 / ((n - 1) * (n - 2)) if n > 2 else np.zeros(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        close = np.where(plan.seen > 0, inv * plan.reach /
                         np.maximum(plan.seen, 1), 0.0) / (n - 1)
    return ig_.as_dict(between), ig_.as_dict(close), plan


def _path_setup(g, weight):
    """The indexed graph, its size and the path lengths (1 / weight)."""
    ig_ = _indexed(g, weight)
    lengths = (1.0 / ig_.w) if weight is not None else None
    return ig_, ig_.n, lengths


def betweenness(g, weight: str | None = "weight", k: int | None = None,
                seed: int = 42, progress: bool = False,
                workers: int = 1) -> dict:
    """Betweenness centrality, normalised as in NetworkX.

    Equals ``nx.betweenness_centrality(g, weight=<1/weight>)`` (normalised
    by ``2 / ((n - 1)(n - 2))``). With ``k``, the pivot estimate of
    :func:`shortest_path_metrics`: ``k`` sources spread over the
    components (:func:`path_plan`), drawn with ``seed``, linear scaling.

    Parameters
    ----------
    g : nx.Graph or IndexedGraph
    weight : str or None
        Edge strength attribute; path length is ``1 / weight``.
    k : int, optional
        Number of pivots (exact when None or ``k >= n``).
    seed : int
    progress : bool
    workers : int
        Processes sharing the sources: 1 (default) computes in this
        process; more fork a pool of that many (only from 2 000 nodes on).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.path_graph(3)
    >>> betweenness(g)
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    return shortest_path_metrics(g, weight, k, seed, progress, workers)[0]


def harmonic_closeness(g, weight: str | None = "weight", k: int | None = None,
                       seed: int = 42, progress: bool = False,
                       workers: int = 1) -> dict:
    """Harmonic closeness, ``sum(1 / d(v, u)) / (n - 1)``.

    Equals ``nx.harmonic_centrality(g, distance=<1/weight>)`` divided by
    ``n - 1``, so it lies in [0, 1] when weights are 1 and unreachable
    actors simply add nothing (disconnected networks make sense). With
    ``k``, the estimate from the pivots of :func:`path_plan` (distances
    are symmetric): the mean of ``1 / d(p, v)`` over the pivots ``p`` of
    ``v``'s component other than ``v``, times the number of other actors
    there.

    Examples
    --------
    >>> import networkx as nx
    >>> harmonic_closeness(nx.path_graph(3), weight=None)
    {0: 0.75, 1: 1.0, 2: 0.75}
    """
    return shortest_path_metrics(g, weight, k, seed, progress, workers)[1]


# ------------------------------------------------------------ spectral
def pagerank(g, weight: str | None = "weight", alpha: float = 0.85,
             tol: float = 1e-12, max_iter: int = 1000) -> dict:
    """PageRank by sparse power iteration, as ``nx.pagerank(g, alpha,
    weight=weight)``: isolated actors (dangling) spread their score evenly.

    scipy sparse rather than igraph's PRPACK: PRPACK's time swung from 1 ms
    to 0.9 s on the same 1 000-actor graph on a busy 2-core machine, the
    power iteration stays steady (about 0.1 s at 100 000 actors).

    Examples
    --------
    >>> import networkx as nx
    >>> pr = pagerank(nx.star_graph(3), weight=None)
    >>> round(pr[0], 3)
    0.48
    """
    ig_ = _indexed(g, weight)
    n = ig_.n
    if n == 0:
        return {}
    a = ig_.adjacency(weighted=weight is not None)
    s = np.asarray(a.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inv = np.where(s > 0, 1.0 / s, 0.0)
    at = (sp.diags(inv) @ a).T.tocsr()  # column-stochastic transpose
    dangling = s == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (at @ x + x[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            break
    else:
        import networkx as nx

        raise nx.PowerIterationFailedConvergence(max_iter)
    return ig_.as_dict(x)


def eigenvector(g, weight: str | None = "weight") -> dict:
    """Eigenvector centrality, unit Euclidean norm, as
    ``nx.eigenvector_centrality_numpy`` (scipy's sparse eigensolver).

    On a disconnected network the leading eigenvector lives on the component
    with the largest eigenvalue; actors of other components score 0.

    Examples
    --------
    >>> import networkx as nx
    >>> ev = eigenvector(nx.path_graph(3), weight=None)
    >>> [round(ev[i], 4) for i in range(3)]
    [0.5, 0.7071, 0.5]
    """
    ig_ = _indexed(g, weight)
    n = ig_.n
    if n == 0:
        return {}
    if len(ig_.u) == 0:
        return ig_.as_dict(np.full(n, 1.0 / np.sqrt(n)))
    a = ig_.adjacency(weighted=weight is not None).astype(float)
    if n < 3:
        vals, vecs = np.linalg.eigh(a.toarray())
        x = vecs[:, -1]
    else:
        from scipy.sparse.linalg import eigsh
        rng = np.random.default_rng(0)
        vals, vecs = eigsh(a, k=1, which="LA", v0=rng.random(n) + 0.5,
                           tol=1e-10, maxiter=max(1000, 10 * n))
        x = vecs[:, 0]
    x = x * np.sign(x.sum()) if x.sum() != 0 else x
    x = np.where(np.abs(x) < 1e-12, 0.0, x)
    x = np.abs(x)
    return ig_.as_dict(x / np.linalg.norm(x))


# ------------------------------------------------------------ local structure
def clustering(g) -> dict:
    """Local clustering coefficient (topological, ``nx.clustering(g)``).

    Examples
    --------
    >>> import networkx as nx
    >>> clustering(nx.complete_graph(3))
    {0: 1.0, 1: 1.0, 2: 1.0}
    """
    ig_ = _indexed(g, None)
    if ig_.n == 0:
        return {}
    vals = ig_.igraph().transitivity_local_undirected(mode="zero")
    return ig_.as_dict(vals)


def _row_blocks(n: int, nnz_per_row: np.ndarray, budget: int = 20_000_000):
    """Row ranges whose two-step neighbourhoods stay within ``budget``."""
    start, acc = 0, 0
    for i, c in enumerate(nnz_per_row):
        acc += int(c)
        if acc > budget and i > start:
            yield start, i
            start, acc = i, int(c)
    if start < n:
        yield start, n


def constraint(g, weight: str | None = "weight", progress: bool = False) -> dict:
    """Burt's constraint, as ``nx.constraint(g, weight=weight)``.

    ``c(i) = sum_j (p_ij + sum_q p_iq p_qj)^2`` over i's partners j, with
    ``p_ij`` the share of i's tie weight that goes to j. NaN for isolated
    actors. Sparse: the indirect term is computed only on existing ties, in
    row blocks.

    Examples
    --------
    >>> import networkx as nx
    >>> c = constraint(nx.star_graph(2), weight=None)
    >>> c[0], c[1]
    (0.5, 1.0)
    """
    ig_ = _indexed(g, weight)
    n = ig_.n
    a = ig_.adjacency(weighted=weight is not None)
    s = np.asarray(a.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inv = np.where(s > 0, 1.0 / s, 0.0)
    p = sp.diags(inv) @ a
    p = p.tocsr()
    mask = (a > 0).astype(float).tocsr()
    # local constraint on each tie: (p_ij + (P @ P)_ij)^2, summed by row;
    # P @ P is only needed on existing ties (the pattern of p)
    indirect = _masked_product(p, p, mask, progress, "constraint")
    local = (p + indirect)
    local.data = local.data ** 2
    vals = np.asarray(local.sum(axis=1)).ravel()
    vals = np.where(s > 0, vals, np.nan)
    return ig_.as_dict(vals)


def _masked_product(x: sp.csr_matrix, y: sp.csr_matrix,
                    pattern: sp.csr_matrix, progress: bool,
                    desc: str) -> sp.csr_matrix:
    """``x @ y`` on the nonzero pattern of ``pattern`` only, never the
    whole product.

    The whole product holds a path i -> q -> j for every pair of ties
    through q: for a hub q of degree d that is d^2 entries (4e10 for a
    star of 200 000 ties) that the pattern then throws away. So the
    middle actors are split: through a *light* q (fewer two-step paths
    than a pass over the pattern's entries) the product is computed in
    row blocks and masked; a *heavy* q adds ``x[i, q] * y[q, j]`` to every
    entry (i, j) of the pattern at once (one vectorised pass each). There
    are few heavy actors (their paths add up to at most the whole
    product), so the cost stays near linear whatever the degrees.
    """
    n = x.shape[0]
    pattern = (pattern != 0).astype(float).tocsr()
    pattern.sort_indices()
    entries = pattern.nnz
    paths = np.bincount(x.indices, minlength=x.shape[1]) * np.diff(y.indptr)
    heavy = np.flatnonzero(paths > entries + n)
    if len(heavy):
        keep = np.ones(x.shape[1])
        keep[heavy] = 0.0
        x_light = (x @ sp.diags(keep)).tocsr()
        x_light.eliminate_zeros()
    else:
        x_light = x
    ylen = np.diff(y.indptr).astype(float)
    cost = np.asarray(x_light @ ylen).ravel() + 1
    parts = []
    blocks = list(_row_blocks(n, cost))
    with bar(len(blocks) + len(heavy), desc, progress) as b:
        for lo, hi in blocks:
            parts.append((x_light[lo:hi] @ y).multiply(pattern[lo:hi])
                         .tocsr())
            b.update(1)
        out = sp.vstack(parts).tocsr() if parts else sp.csr_matrix((n, n))
        if len(heavy):
            rows = np.repeat(np.arange(n), np.diff(pattern.indptr))
            cols = pattern.indices
            vals = np.zeros(entries)
            xc, yr = x.tocsc(), y
            for q in heavy.tolist():
                col = np.zeros(n)
                col[xc.indices[xc.indptr[q]:xc.indptr[q + 1]]] = \
                    xc.data[xc.indptr[q]:xc.indptr[q + 1]]
                row = np.zeros(y.shape[1])
                row[yr.indices[yr.indptr[q]:yr.indptr[q + 1]]] = \
                    yr.data[yr.indptr[q]:yr.indptr[q + 1]]
                vals += col[rows] * row[cols]
                b.update(1)
            out = out + sp.csr_matrix((vals, cols, pattern.indptr),
                                      shape=pattern.shape)
    return out


def effective_size(g, weight: str | None = "weight",
                   progress: bool = False) -> dict:
    """Burt's effective size, as ``nx.effective_size(g, weight=weight)``.

    ``e(u) = sum_v (1 - sum_w p_uw m_vw)`` over u's partners v, where
    ``m_vw`` is v's tie weight to w divided by v's strongest tie. With unit
    weights this is Borgatti's ``n - 2t/n``. NaN for isolated actors. Sparse
    and blockwise, so it runs on 100 000 actors.

    Examples
    --------
    >>> import networkx as nx
    >>> e = effective_size(nx.complete_graph(3), weight=None)
    >>> e[0]
    1.0
    """
    ig_ = _indexed(g, weight)
    a = ig_.adjacency(weighted=weight is not None)
    s = np.asarray(a.sum(axis=1)).ravel()
    deg = np.diff(a.indptr)
    with np.errstate(divide="ignore"):
        inv = np.where(s > 0, 1.0 / s, 0.0)
    rowmax = np.asarray(a.max(axis=1).todense()).ravel() if a.nnz else \
        np.zeros(ig_.n)
    with np.errstate(divide="ignore"):
        invmax = np.where(rowmax > 0, 1.0 / rowmax, 0.0)
    p = (sp.diags(inv) @ a).tocsr()
    m = (sp.diags(invmax) @ a).tocsr()
    ones = (a > 0).astype(float).tocsr()
    # sum_{v in N(u)} sum_w p_uw m_vw = rowsum(P o (A1 @ M))
    redundancy = np.asarray(p.multiply(_masked_product(
        ones, m, p, progress, "effective size")).sum(axis=1)).ravel()
    vals = np.where(deg > 0, deg - redundancy, np.nan)
    return ig_.as_dict(vals)


# ------------------------------------------------------------ communities
def louvain(g, weight: str | None = "weight", seed: int = 42,
            resolution: float = 1.0) -> dict:
    """Louvain communities (igraph's multilevel), seeded and deterministic.

    Returns ``{node: community number}``; communities are numbered 0, 1, ...
    by decreasing size, ties broken by their first node in graph order.
    Isolated actors form communities of their own. igraph draws from
    Python's ``random`` module, seeded for the call and put back as it was
    (see :func:`graphkit.randomness.seeded_igraph`).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.union(nx.complete_graph(4), nx.complete_graph(range(4, 7)))
    >>> sorted(set(louvain(g).values()))
    [0, 1]
    """
    import igraph as ig
    ig_ = _indexed(g, weight)
    n = ig_.n
    if n == 0:
        return {}
    h = ig_.igraph()
    weights = ig_.w.tolist() if weight is not None and len(ig_.w) else None
    with seeded_igraph(seed):
        part = h.community_multilevel(weights=weights, resolution=resolution)
    membership = np.asarray(part.membership)
    return {nd: int(c) for nd, c in zip(ig_.nodes, _renumber(membership))}


def _renumber(membership: np.ndarray) -> np.ndarray:
    """Community labels by decreasing size, then first appearance."""
    labels, first, counts = np.unique(membership, return_index=True,
                                      return_counts=True)
    order = np.lexsort((first, -counts))
    new = np.empty(len(labels), dtype=np.int64)
    new[order] = np.arange(len(labels))
    return new[np.searchsorted(labels, membership)]
