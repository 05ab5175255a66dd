"""Brokerage roles of Gould and Fernandez (1989).

A broker ``b`` sits on an *open two-path* ``a -> b -> c``: ``a`` reaches
``c`` only through ``b`` (``a``, ``b``, ``c`` distinct, no tie ``a -> c``).
Its role depends on the groups of the three actors (country by default):

============== ============================ ==================================
role           groups                       in a cooperation network
============== ============================ ==================================
coordinator    a, b, c in the same group    links actors of its own country
itinerant      a and c together, b apart    an outsider linking two actors of
                                            another country (consultant)
representative a with b, c elsewhere        carries its group's ties out
gatekeeper     c with b, a elsewhere        lets outsiders into its group
liaison        a, b, c in three groups      links two groups it is in neither
============== ============================ ==================================

How cooperation ties give directions
------------------------------------
Gould and Fernandez define the roles on directed ties. In graphkit a tie of a
*directed* cooperation type (``directed=True`` in
:data:`graphkit.model.COOPERATION_TYPES`: training, delegation visit, funding,
supervision, support...) keeps the direction it was recorded with (source ->
target); a tie of an *undirected* type (R&D partnership, academic
partnership, seminar) counts in both directions. Parallel ties collapse to
one arc per direction. Each open two-path ``a -> b -> c`` is counted once per
ordered pair ``(a, c)`` for its broker ``b``; so an undirected path
``a - b - c`` with no ``a - c`` tie counts twice (``a->b->c`` and
``c->b->a``): as two coordinations, two itinerant or two liaison
brokerages, or one representative plus one gatekeeper brokerage. Actors
whose group is unknown (no country) form one group of their own, labelled
``"(unknown)"``.

The counts are computed with sparse products (per broker, in-neighbour and
out-neighbour counts by group) minus the closed triples enumerated from the
triangles of the tie graph, so they scale to 100 000 actors.
"""
from __future__ import annotations

import sys
from typing import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import GraphkitError
from ..model import COOPERATION_TYPES

ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")
UNKNOWN_GROUP = "(unknown)"
GROUP_BY = ("country", "type", "pole")

__all__ = ["brokerage", "brokerage_arcs", "ROLES", "GROUP_BY"]


def _network_arcs(network, types, since, until):
    """Directed arcs (source, target) of the network's ties."""
    t = network.ties(types, since, until)
    directed = t["type"].map(
        lambda k: COOPERATION_TYPES[k].directed).to_numpy(dtype=bool)
    s = t["source"].to_numpy(dtype=object)
    d = t["target"].to_numpy(dtype=object)
    src = np.concatenate([s, d[~directed]])
    dst = np.concatenate([d, s[~directed]])
    return src, dst


def network_groups(network, group_by: str = "country") -> pd.Series:
    """The grouping attribute of each actor (country, type or pôle).

    With ``"pole"`` an actor's group is the pôle it is a member of (the first
    by id when it has several), a pôle is its own group, and an actor in no
    pôle has an unknown group.
    """
    actors = network.actors
    if group_by in ("country", "type"):
        groups = actors[group_by].astype(object)
    elif group_by == "pole":
        poles = set(network.actors_of_type("pole"))
        member = {a: next((g for g in gs if g in poles), None)
                  for a, gs in network.membership().items()}
        groups = pd.Series([a if a in poles else member.get(a)
                            for a in actors.index], index=actors.index,
                           dtype=object)
    else:
        raise GraphkitError(
            f"unknown grouping {group_by!r}: choose one of {', '.join(GROUP_BY)}")
    return groups.where(groups.notna(), UNKNOWN_GROUP).astype(str)


def brokerage_arcs(nodes: list, src, dst, groups) -> pd.DataFrame:
    """Gould-Fernandez role counts from explicit arcs.

    Parameters
    ----------
    nodes : list
        Every actor id (the rows of the result, in this order).
    src, dst : array-like
        Arc ends: ``src[i] -> dst[i]``. Self-loops and repeats are ignored.
    groups : array-like
        The group of each node, aligned with ``nodes``.

    Returns
    -------
    DataFrame indexed by node with the five role counts and
    ``brokerage_total`` (integers).
    """
    n = len(nodes)
    index = pd.Index(nodes)
    si = index.get_indexer(pd.Index(src, dtype=object))
    di = index.get_indexer(pd.Index(dst, dtype=object))
    if (si < 0).any() or (di < 0).any():
        raise GraphkitError("a tie names an actor that is not in the network")
    keep = si != di
    si, di = si[keep], di[keep]
    codes, _labels = pd.factorize(pd.Series(list(groups), dtype=object))
    codes = np.asarray(codes, dtype=np.int64)
    ngroups = int(codes.max()) + 1 if n else 0
    a = sp.csr_matrix((np.ones(len(si)), (si, di)), shape=(n, n))
    a.data[:] = 1.0  # duplicates summed by csr: back to 0/1
    a.sum_duplicates()
    a.data[:] = 1.0
    h = sp.csr_matrix((np.ones(n), (np.arange(n), codes)), shape=(n, ngroups))
    ig = (a.T @ h).tocsr()          # in-neighbours of b by group
    og = (a @ h).tocsr()            # out-neighbours of b by group
    rec = (a.multiply(a.T) @ h).tocsr()  # reciprocal neighbours by group
    rows = np.arange(n)

    def own(m):
        return np.asarray(m[rows, codes]).ravel() if n else np.zeros(0)

    i_tot = np.asarray(ig.sum(axis=1)).ravel()
    o_tot = np.asarray(og.sum(axis=1)).ravel()
    r_tot = np.asarray(rec.sum(axis=1)).ravel()
    i_own, o_own, r_own = own(ig), own(og), own(rec)
    same_pairs = np.asarray(ig.multiply(og).sum(axis=1)).ravel()

    # every two-path a -> b -> c with a != c, by role
    coordinator = i_own * o_own - r_own
    itinerant = (same_pairs - r_tot) - coordinator
    representative = i_own * (o_tot - o_own)
    gatekeeper = (i_tot - i_own) * o_own
    liaison = (i_tot - i_own) * (o_tot - o_own) - (same_pairs - i_own * o_own)
    counts = np.vstack([coordinator, itinerant, gatekeeper, representative,
                        liaison]).astype(np.int64)

    # minus the closed ones (a -> c exists), counted by role
    counts -= _closed_by_role(a, codes, n)
    out = pd.DataFrame(counts.T, index=index, columns=list(ROLES))
    out["brokerage_total"] = out[list(ROLES)].sum(axis=1)
    out.index.name = "id"
    return out


def _closed_by_role(a: sp.csr_matrix, codes: np.ndarray, n: int,
                    listing: float | None = None) -> np.ndarray:
    """Per broker b (columns) and role (rows, in :data:`ROLES` order), the
    closed two-paths a -> b -> c: those with an arc a -> c too.

    Does not list the triangles when there are many (a clique of 1 000
    actors has 166 million):
    the closed two-paths through the arc a -> b are ``(A @ A.T)[a, b]``, a
    product needed only on the arcs (:func:`engines._masked_product`,
    near-linear whatever the degrees). Restricting a or c to b's group, or
    a and c to one group, is the same product with the arcs inside groups
    (``S``) in place of ``A``; the five roles follow by inclusion-exclusion.
    When the triangles are few (at most ``listing``, by default four per
    actor and arc; counted by igraph without listing them), they are listed
    instead: cheaper on a sparse network.
    """
    from .engines import _igraph, _masked_product
    if a.nnz == 0:
        return np.zeros((len(ROLES), n), dtype=np.int64)
    sym = (a + a.T).tocoo()
    half = sym.row < sym.col
    h = _igraph(n, sym.row[half], sym.col[half])
    deg = np.asarray(h.degree(), dtype=float)
    triangles = h.transitivity_undirected(mode="zero") \
        * float((deg * (deg - 1) / 2).sum()) / 3
    if triangles <= (4 * (n + a.nnz) if listing is None else listing):
        return _closed_listed(a, codes, n, h)
    coo = a.tocoo()
    inside = codes[coo.row] == codes[coo.col]
    s = sp.csr_matrix((np.ones(int(inside.sum())),
                       (coo.row[inside], coo.col[inside])), shape=(n, n))
    at, st = a.T.tocsr(), s.T.tocsr()

    def through(first, x, y):
        """sum over a of first[a, b] * (x @ y)[a, b], for every b."""
        if first.nnz == 0:
            return np.zeros(n)
        p = _masked_product(x.tocsr(), y, first, False, "brokerage")
        return np.asarray(first.multiply(p).sum(axis=0)).ravel()

    every = through(a, a, at)
    ab = through(s, a, at)      # a in b's group
    cb = through(a, a, st)      # c in b's group
    ac = through(a, s, at)      # a and c in one group
    all3 = through(s, a, st)    # all three in one group
    closed = np.vstack([all3,                      # coordinator
                        ac - all3,                 # itinerant
                        cb - all3,                 # gatekeeper
                        ab - all3,                 # representative
                        every - ab - cb - ac + 2 * all3])  # liaison
    return np.rint(closed).astype(np.int64)


def _closed_listed(a: sp.csr_matrix, codes: np.ndarray, n: int, h
                   ) -> np.ndarray:
    """:func:`_closed_by_role` from the triangles of ``h`` (the igraph
    graph of the arcs, both ways), listed."""
    out = np.zeros((len(ROLES), n), dtype=np.int64)
    closed = _closed_triples(a, n, h)
    if len(closed):
        ta, tb, tc = closed.T
        ga, gb, gc = codes[ta], codes[tb], codes[tc]
        role = np.select(
            [(ga == gb) & (gb == gc), (ga == gc) & (ga != gb),
             (gc == gb) & (ga != gb), (ga == gb) & (gc != gb)],
            [0, 1, 2, 3], default=4)
        np.add.at(out, (role, tb), 1)
    return out


def _closed_triples(a: sp.csr_matrix, n: int, h) -> np.ndarray:
    """Every (a, b, c), distinct, with arcs a->b, b->c and a->c."""
    tri = np.asarray(h.list_triangles(), dtype=np.int64).reshape(-1, 3)
    if len(tri) == 0:
        return np.zeros((0, 3), dtype=np.int64)
    coo = a.tocoo()
    keys = np.sort(coo.row.astype(np.int64) * n + coo.col)

    def has(x, y):
        k = x * n + y
        pos = np.searchsorted(keys, k)
        pos = np.minimum(pos, len(keys) - 1)
        return keys[pos] == k

    found = []
    for p in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1),
              (2, 1, 0)):
        x, y, z = tri[:, p[0]], tri[:, p[1]], tri[:, p[2]]
        ok = has(x, y) & has(y, z) & has(x, z)
        found.append(np.column_stack([x[ok], y[ok], z[ok]]))
    return np.vstack(found)


def brokerage(network, group_by: str = "country",
              types: Iterable[str] | None = None, since: int | None = None,
              until: int | None = None) -> pd.DataFrame:
    """Gould and Fernandez (1989) brokerage role counts of every actor.

    Parameters
    ----------
    network : Network or networkx graph
        A :class:`graphkit.Network` (its ties under ``types``, ``since``,
        ``until``; directed types keep their direction, undirected ones count
        both ways), or a NetworkX graph: an undirected graph's edges count
        both ways, a directed graph's arcs one way.
    group_by : str
        For a Network: ``"country"`` (default), ``"type"`` or ``"pole"``.
        For a NetworkX graph: the node attribute holding the group.
    types, since, until
        Which cooperations count as ties (Network only); membership is
        excluded by default.

    Returns
    -------
    DataFrame
        Indexed by actor id, columns ``coordinator``, ``itinerant``,
        ``gatekeeper``, ``representative``, ``liaison`` and
        ``brokerage_total`` (integers).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(g, {"a": "FR", "b": "FR", "c": "CN"}, "country")
    >>> brokerage(g).loc["b"].to_dict()["representative"]
    1
    """
    nx = sys.modules.get("networkx")  # a NetworkX graph means it is loaded
    if nx is not None and isinstance(network, nx.Graph):
        g = network
        nodes = list(g.nodes)
        attr = nx.get_node_attributes(g, group_by)
        groups = [UNKNOWN_GROUP if attr.get(v) is None or attr.get(v) != attr.get(v)
                  else str(attr[v]) for v in nodes]
        edges = list(g.edges())
        src = [u for u, _ in edges]
        dst = [v for _, v in edges]
        if not g.is_directed():
            src, dst = src + dst, dst + src
        return brokerage_arcs(nodes, np.asarray(src, dtype=object),
                              np.asarray(dst, dtype=object), groups)
    groups = network_groups(network, group_by)
    src, dst = _network_arcs(network, types, since, until)
    return brokerage_arcs(list(network.actors.index), src, dst,
                          groups.to_numpy())
