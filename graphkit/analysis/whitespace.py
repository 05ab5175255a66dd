"""Sector white spaces: each French pôle against each foreign park.

A cell is one pôle and one foreign park (and so the park's country). Its
*pôle side* is the pôle and its members, its *park side* the park and its
members: a group cooperates through its members.

``observed``
    the summed weight of the ties between the two sides.
``affinity`` (between two domains d ≠ e)
    the network's own complementarity of d and e,
    :func:`graphkit.analysis.linkpred.domain_affinity` (how much more often
    than chance ties join actors of d to actors of e anywhere in the data,
    scaled to 0..1), averaged with how often actors working in one seek the
    other. A shared domain (d = e) is not a white space by default: two
    actors in the same trade compete as often as they cooperate, and the
    heat map would be its own diagonal (``same_domain=True`` counts it with
    affinity 1).
``opportunity``
    what the domains predict: ``Σ affinity(d, e) × sqrt(n_d × n_e)`` over
    the domains d of the pôle side (n_d of its actors work in d) and e of
    the park side.
``pole_domain``, ``park_domain``
    the pair (d, e) that contributes most to the opportunity;
``french_actors``, ``foreign_actors``
    who would make it real: up to three actors of each side working in
    that pair's domains, the most connected first (ids joined by ";").
``gap``
    the opportunity of a cell where nothing is observed, 0 elsewhere (a cell
    is a white space when ``gap > 0``); ``gap_rank`` ranks the white spaces
    by decreasing opportunity (1 = the biggest), NA elsewhere.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import is_french
from ..network import Network, Ties
from . import linkpred as lp

COLUMNS = ("pole_id", "park_id", "park_country", "pole_domain",
           "park_domain", "observed", "opportunity", "gap", "gap_rank",
           "affinity", "n_pole_actors", "n_park_actors", "french_actors",
           "foreign_actors")

#: Actors named per side of a white space.
ACTORS_NAMED = 3


def _affinity(tm, bits, seeks, same_domain: bool) -> np.ndarray:
    aff = lp.domain_affinity(tm, bits)
    n_d = bits.sum(axis=0).astype(float)
    seek_co = bits.astype(float).T @ seeks.astype(float)
    share = np.divide(seek_co, n_d[:, None], out=np.zeros_like(seek_co),
                      where=n_d[:, None] > 0)
    share = (share + share.T) / 2
    out = (aff + share) / 2
    np.fill_diagonal(out, 1.0 if same_domain else 0.0)
    return out


def _sides(groups, members: dict, pos, n: int):
    """Binary CSR matrix, one row per group: the group and its members
    (each actor once), columns in actor order."""
    from scipy import sparse
    indptr, indices = [0], []
    for g in groups:
        idx = np.unique(pos([g, *members.get(g, [])]))
        idx = idx[idx >= 0]
        indices.append(idx)
        indptr.append(indptr[-1] + len(idx))
    indices = np.concatenate(indices) if indices else np.zeros(0, int)
    return sparse.csr_matrix((np.ones(len(indices)), indices, indptr),
                             shape=(len(groups), n))


def white_spaces(network: Network, *, types=None, since=None,
                 until=None, same_domain: bool = False) -> pd.DataFrame:
    """The white-space table, one row per French pôle and foreign park (see
    the module docstring).

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS`, sorted by ``gap_rank`` (white spaces
        first) then by decreasing ``observed``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "k", "s", "c"],
    ...                   "type": ["pole", "park", "sme", "company"],
    ...                   "country": ["FR", "CN", "FR", "CN"],
    ...                   "sectors": ["ict", "ict", "ict", "ict"]})
    >>> c = pd.DataFrame({"source": ["s", "c"], "target": ["p", "k"],
    ...                   "type": ["member_of"] * 2})
    >>> ws = white_spaces(Network(a, c), same_domain=True)
    >>> ws[["pole_id", "park_id", "observed", "gap", "gap_rank"]].values.tolist()
    [['p', 'k', 0.0, 2.0, 1]]
    >>> len(white_spaces(Network(a, c)))  # one domain: nothing to complement
    0
    """
    a = network.actors
    spec = types if isinstance(types, Ties) else Ties.of(types, since, until)
    tm = lp.tie_matrix(network, spec)
    doms = lp.domains(network)
    vocab = doms.vocab
    if not vocab:
        return pd.DataFrame(columns=list(COLUMNS))
    bits, seeks = doms.bits, doms.seek_bits
    affinity = _affinity(tm, bits, seeks, same_domain)
    french = a["country"].map(lambda c: not pd.isna(c) and is_french(c)
                              ).to_numpy(bool)
    types_ = a["type"].to_numpy(dtype=object)
    members: dict[str, list[str]] = {}
    for m, groups in network.membership(until=spec.until).items():
        for g in groups:
            members.setdefault(g, []).append(m)
    pos = tm.pos
    pole_ids = a.index[(types_ == "pole") & french]
    park_ids = a.index[(types_ == "park") & ~french]
    if not len(pole_ids) or not len(park_ids):
        return pd.DataFrame(columns=list(COLUMNS))
    P, K = _sides(pole_ids, members, pos, len(a)), \
        _sides(park_ids, members, pos, len(a))
    bits_f = bits.astype(float)
    # actors of each side per domain, then the observed weight between
    # every pôle side and every park side: two sparse products, not a
    # slice of W per cell
    n_pole, n_park = P @ bits_f, K @ bits_f
    observed = np.asarray((P @ tm.W.tocsr() @ K.T).todense(), dtype=float)
    deg = np.asarray(tm.deg).ravel()
    ids = np.asarray(tm.ids, dtype=object)

    def named(S, g, d):
        idx = S.indices[S.indptr[g]:S.indptr[g + 1]]
        who = sorted(idx[bits[idx, d]], key=lambda i: (-deg[i], str(ids[i])))
        return ";".join(str(ids[i]) for i in who[:ACTORS_NAMED])

    countries = a["country"].reindex(park_ids).to_numpy(dtype=object)
    sizes_p, sizes_k = np.diff(P.indptr), np.diff(K.indptr)
    flat = affinity.ravel()
    n_dom = affinity.shape[0]
    pole_arr = np.asarray(pole_ids, dtype=object)
    park_arr = np.asarray(park_ids, dtype=object)
    vocab_arr = np.asarray(vocab, dtype=object)
    # numbers only in the loop; the texts are taken once, in the final
    # order (a 1 667 × 833 table is 1.4 million rows at 100 000 actors)
    cols: dict[str, list] = {k: [] for k in ("p", "k", "best", "obs", "opp")}
    for p in np.flatnonzero(n_pole.any(axis=1)):
        # every park at once: contrib[k, d, e] = affinity[d, e] *
        # sqrt(n_p[d] * n_k[e]) (counts are whole: the product is exact)
        contrib = np.sqrt(n_pole[p][None, :, None] * n_park[:, None, :]) \
            * affinity[None, :, :]
        contrib = contrib.reshape(len(park_ids), -1)
        opp = contrib.sum(axis=1)
        ks = np.flatnonzero(opp > 0)
        if not len(ks):
            continue
        cols["p"].append(np.full(len(ks), p, dtype=np.int64))
        cols["k"].append(ks)
        cols["best"].append(np.argmax(contrib[ks], axis=1))
        cols["obs"].append(observed[p, ks])
        cols["opp"].append(np.round(opp[ks], 6))
    if not cols["p"]:
        return pd.DataFrame(columns=list(COLUMNS))
    p_, k_, best, obs, opp = (np.concatenate(cols[c]) for c in
                              ("p", "k", "best", "obs", "opp"))
    del cols
    gap = np.where(obs == 0, opp, 0.0)
    # the order: white spaces by decreasing opportunity, then the rest by
    # decreasing observed weight; ties by pôle id, then park id (as text)
    pole_rank, park_rank = _text_ranks(pole_arr), _text_ranks(park_arr)
    pr, kr = pole_rank[p_], park_rank[k_]
    is_gap = gap > 0
    gi = np.flatnonzero(is_gap)
    gi = gi[np.lexsort((kr[gi], pr[gi], -opp[gi]))]
    oi = np.flatnonzero(~is_gap)
    oi = oi[np.lexsort((kr[oi], pr[oi], -obs[oi]))]
    order = np.concatenate([gi, oi])
    p_, k_, best = p_[order], k_[order], best[order]
    d, e = np.divmod(best, n_dom)
    rank = pd.array(np.r_[np.arange(1, len(gi) + 1), np.zeros(len(oi), int)],
                    dtype="Int64")
    rank[len(gi):] = pd.NA
    return pd.DataFrame({
        "pole_id": pole_arr[p_], "park_id": park_arr[k_],
        "park_country": countries[k_],
        "pole_domain": vocab_arr[d], "park_domain": vocab_arr[e],
        "observed": obs[order], "opportunity": opp[order],
        "gap": gap[order], "gap_rank": rank,
        "affinity": np.round(flat[best], 6),
        "n_pole_actors": sizes_p[p_].astype(np.int64),
        "n_park_actors": sizes_k[k_].astype(np.int64),
        # one name list per (side, domain), not per row
        "french_actors": _per_pair(p_, d, n_dom, lambda g, x: named(P, g, x)),
        "foreign_actors": _per_pair(k_, e, n_dom,
                                    lambda g, x: named(K, g, x)),
    }, columns=list(COLUMNS))


def _text_ranks(ids: np.ndarray) -> np.ndarray:
    """Each id's place when the ids are sorted as texts."""
    out = np.empty(len(ids), dtype=np.int64)
    out[sorted(range(len(ids)), key=lambda i: str(ids[i]))] = \
        np.arange(len(ids))
    return out


def _per_pair(group: np.ndarray, dom: np.ndarray, n_dom: int, name
              ) -> np.ndarray:
    """``name(g, d)`` for every row, computed once per distinct pair."""
    codes, inv = np.unique(group * n_dom + dom, return_inverse=True)
    names = np.asarray([name(int(c // n_dom), int(c % n_dom)) for c in codes],
                       dtype=object)
    return names[inv.ravel()]


def white_space_matrix(table: pd.DataFrame, value: str = "observed"
                       ) -> pd.DataFrame:
    """Pivot :func:`white_spaces` to a matrix: pôles × parks.

    >>> t = pd.DataFrame({"pole_id": ["a", "a"], "park_id": ["x", "y"],
    ...                   "observed": [1.0, 0.0]})
    >>> white_space_matrix(t).values.tolist()
    [[1.0, 0.0]]
    """
    return table.pivot_table(index="pole_id", columns="park_id",
                             values=value, aggfunc="sum", fill_value=0)
