"""The compiled shortest-path kernel of betweenness and harmonic closeness.

One pass per source gives both metrics: Dijkstra (a breadth-first search
when every tie has length 1) counts the shortest paths, then Brandes'
accumulation walks the settled actors back from the farthest and adds
each one's dependency to ``bc`` and ``1 / distance`` to ``inv``.

Compiled by numba on first use and cached on disk (``cache=True``), so a
command pays the compilation once per installation. Kept apart from
:mod:`graphkit.analysis.engines` so that importing graphkit does not import
numba.
"""
from __future__ import annotations

import numba
import numpy as np

#: Two path lengths closer than this (relative) are equal: sums of
#: ``1 / weight`` such as 1/3 + 1/3 + 1/3 and 1 differ in the last bits.
#: igraph compares the same way; NetworkX's exact comparison agrees with
#: both whenever the sums are exact (dyadic strengths).
EPS = 1e-10


def integer_lengths(lengths: np.ndarray, most: int = 5040):
    """``lengths`` as whole numbers in a common unit, and the unit, when
    they are ``1 / w`` for whole strengths ``w`` whose least common
    multiple is at most ``most`` (cooperation counts: 1 to 7 give 420);
    ``None`` otherwise.

    >>> integer_lengths(1.0 / np.array([1.0, 2.0, 3.0]))
    (array([6., 3., 2.]), 6)
    >>> integer_lengths(np.array([0.3])) is None
    True
    """
    strengths = np.unique(np.round(1.0 / lengths))
    if len(strengths) == 0 or strengths[0] < 1 or strengths[-1] > most or \
            not np.allclose(1.0 / strengths[np.searchsorted(
                strengths, np.round(1.0 / lengths))], lengths,
                rtol=1e-12, atol=0):
        return None
    unit = int(np.lcm.reduce(strengths.astype(np.int64)))
    if unit > most:
        return None
    return np.round(unit * lengths), unit


@numba.njit(cache=True, nogil=True)
def brandes(indptr, indices, lengths, weighted, sources, scale, linear,
            bc, inv, buckets=0):  # pragma: no cover - compiled, tested through engines
    """Add, for each ``sources[i]``, ``scale[i]`` times its dependencies to
    ``bc`` and the inverse distances from it to ``inv``.

    ``indptr, indices, lengths``: the symmetric CSR of the graph (path
    lengths > 0; ignored when ``weighted`` is False). With ``linear``, the
    dependency of ``v`` on the pair ``(s, t)`` is weighted by
    ``d(s, v) / d(s, t)`` (Geisberger, Sanders & Schultes 2008): summed
    over every source each unordered pair then counts once, as in the
    exact betweenness; without it each pair counts twice (Brandes 2001).

    With ``buckets > 0`` every length is a whole number below ``buckets``
    (see :func:`integer_lengths`): distances are then exact, and Dijkstra
    takes the settled actors from a circular bucket queue (Dial 1969)
    instead of a heap. Whole distances (those, or hops when unweighted)
    are kept as integers: comparing them is a quarter faster than floats.
    """
    if weighted and buckets == 0:
        _brandes_heap(indptr, indices, lengths, sources, scale, linear, bc,
                      inv)
    else:
        _brandes_whole(indptr, indices, lengths, weighted, sources, scale,
                       linear, bc, inv, buckets)


@numba.njit(cache=True, nogil=True)
def _accumulate(indptr, order, count, dist, sigma, delta, pred, npred, f,
                linear, bc, inv):  # pragma: no cover - compiled
    """Brandes' accumulation of one source, farthest actors first, then
    the per-source arrays made ready for the next source."""
    for j in range(count - 1, 0, -1):
        w = order[j]
        dw = dist[w]
        inv[w] += 1.0 / dw
        if linear:
            coeff = (1.0 / dw + delta[w]) / sigma[w]
        else:
            coeff = (1.0 + delta[w]) / sigma[w]
        start = indptr[w]
        for e in range(start, start + npred[w]):
            v = pred[e]
            delta[v] += sigma[v] * coeff
        bc[w] += f * (delta[w] * dw if linear else delta[w])
    for j in range(count):
        v = order[j]
        sigma[v] = 0.0
        delta[v] = 0.0
        npred[v] = 0


@numba.njit(cache=True, nogil=True)
def _brandes_whole(indptr, indices, lengths, weighted, sources, scale,
                   linear, bc, inv, buckets):  # pragma: no cover - compiled
    """:func:`brandes` when distances are whole numbers: hops (breadth-first
    search) or the whole lengths of a bucket queue."""
    n = len(indptr) - 1
    far = np.iinfo(np.int64).max  # not reached yet
    dist = np.full(n, far, np.int64)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    order = np.empty(n, np.int64)
    # the predecessors of w on its shortest paths, in w's own slots of
    # ``indices`` (w has at most its degree of them)
    pred = np.empty(len(indices), np.int64)
    npred = np.zeros(n, np.int64)
    whole = np.empty(len(indices) if weighted else 0, np.int64)
    for e in range(len(whole)):
        whole[e] = np.int64(lengths[e])
    entry = np.empty(len(indices) + 1 if weighted else 0, np.int64)
    link = np.empty(len(indices) + 1 if weighted else 0, np.int64)
    first = np.full(max(buckets, 1), -1, np.int64)  # a bucket's chain
    for i in range(len(sources)):
        s = sources[i]
        count = 0
        dist[s] = 0
        sigma[s] = 1.0
        if weighted:
            # bucket b holds the waiting actors at distance b (modulo the
            # number of buckets: all waiting distances lie within one
            # length of the current one), as a chain of entries. An actor
            # is settled when its entry at its final distance comes out;
            # an entry left from a longer path no longer matches its
            # distance, and a settled actor is never improved or matched
            # again (lengths are at least 1).
            used = 1
            entry[0] = s
            link[0] = -1  # the next entry of the chain, or -1
            first[0] = 0
            waiting = 1
            current = 0
            while waiting > 0:
                b = current % buckets
                e = first[b]
                if e < 0:
                    current += 1
                    continue
                first[b] = link[e]
                waiting -= 1
                v = entry[e]
                if dist[v] != current:
                    continue  # reached again on a shorter path
                order[count] = v
                count += 1
                sv = sigma[v]
                for e in range(indptr[v], indptr[v + 1]):
                    w = indices[e]
                    alt = current + whole[e]
                    dw = dist[w]
                    if alt < dw:
                        dist[w] = alt
                        sigma[w] = sv
                        pred[indptr[w]] = v
                        npred[w] = 1
                        b = alt % buckets
                        entry[used] = w
                        link[used] = first[b]
                        first[b] = used
                        used += 1
                        waiting += 1
                    elif alt == dw:
                        sigma[w] += sv
                        pred[indptr[w] + npred[w]] = v
                        npred[w] += 1
        else:
            order[0] = s
            count = 1
            head = 0
            while head < count:
                v = order[head]
                head += 1
                d1 = dist[v] + 1
                sv = sigma[v]
                for e in range(indptr[v], indptr[v + 1]):
                    w = indices[e]
                    dw = dist[w]
                    if dw == far:
                        dist[w] = d1
                        order[count] = w
                        count += 1
                        dw = d1
                    if dw == d1:
                        sigma[w] += sv
                        pred[indptr[w] + npred[w]] = v
                        npred[w] += 1
        _accumulate(indptr, order, count, dist, sigma, delta, pred, npred,
                    scale[i], linear, bc, inv)
        for j in range(count):
            dist[order[j]] = far


@numba.njit(cache=True, nogil=True)
def _brandes_heap(indptr, indices, lengths, sources, scale, linear, bc,
                  inv):  # pragma: no cover - compiled
    """:func:`brandes` with real lengths: Dijkstra on a heap, lengths
    closer than :data:`EPS` (relative) equal."""
    n = len(indptr) - 1
    dist = np.full(n, np.inf)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    order = np.empty(n, np.int64)
    done = np.zeros(n, np.bool_)
    pred = np.empty(len(indices), np.int64)
    npred = np.zeros(n, np.int64)
    heap_d = np.empty(len(indices) + 1)
    heap_v = np.empty(len(indices) + 1, np.int64)
    for i in range(len(sources)):
        s = sources[i]
        count = 0
        dist[s] = 0.0
        sigma[s] = 1.0
        # 4-ary heap of (distance, actor) (shallower than a binary one:
        # 20 % faster at 10 000 actors); stale entries are skipped
        size = 1
        heap_d[0] = 0.0
        heap_v[0] = s
        while size > 0:
            d = heap_d[0]
            v = heap_v[0]
            size -= 1
            if size > 0:
                last_d = heap_d[size]
                last_v = heap_v[size]
                j = 0
                while True:
                    c = 4 * j + 1
                    if c >= size:
                        break
                    best = c
                    bd = heap_d[c]
                    end = min(c + 4, size)
                    for cc in range(c + 1, end):
                        if heap_d[cc] < bd:
                            bd = heap_d[cc]
                            best = cc
                    if bd < last_d:
                        heap_d[j] = bd
                        heap_v[j] = heap_v[best]
                        j = best
                    else:
                        break
                heap_d[j] = last_d
                heap_v[j] = last_v
            if done[v]:
                continue
            done[v] = True
            order[count] = v
            count += 1
            for e in range(indptr[v], indptr[v + 1]):
                w = indices[e]
                if done[w]:
                    continue
                alt = d + lengths[e]
                dw = dist[w]
                tol = EPS * alt
                if alt < dw - tol:
                    dist[w] = alt
                    sigma[w] = sigma[v]
                    pred[indptr[w]] = v
                    npred[w] = 1
                    j = size
                    size += 1
                    while j > 0:
                        p = (j - 1) >> 2
                        if heap_d[p] > alt:
                            heap_d[j] = heap_d[p]
                            heap_v[j] = heap_v[p]
                            j = p
                        else:
                            break
                    heap_d[j] = alt
                    heap_v[j] = w
                elif alt <= dw + tol:
                    sigma[w] += sigma[v]
                    pred[indptr[w] + npred[w]] = v
                    npred[w] += 1
        _accumulate(indptr, order, count, dist, sigma, delta, pred, npred,
                    scale[i], linear, bc, inv)
        for j in range(count):
            v = order[j]
            dist[v] = np.inf
            done[v] = False
