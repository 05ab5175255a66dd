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
    named_cache: dict = {}

    def named(S, g, d):
        key = (id(S), g, d)
        if key not in named_cache:
            idx = S.indices[S.indptr[g]:S.indptr[g + 1]]
            who = sorted(idx[bits[idx, d]],
                         key=lambda i: (-deg[i], str(ids[i])))
            named_cache[key] = ";".join(str(ids[i])
                                        for i in who[:ACTORS_NAMED])
        return named_cache[key]

    countries = a["country"].reindex(park_ids).to_numpy(dtype=object)
    sizes_p, sizes_k = np.diff(P.indptr), np.diff(K.indptr)
    flat = affinity.ravel()
    n_dom = affinity.shape[0]
    pole_arr = np.asarray(pole_ids, dtype=object)
    park_arr = np.asarray(park_ids, dtype=object)
    vocab_arr = np.asarray(vocab, dtype=object)
    parts = []
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
        best = np.argmax(contrib[ks], axis=1)
        d, e = np.divmod(best, n_dom)
        obs, o = observed[p, ks], np.round(opp[ks], 6)
        parts.append({
            "pole_id": np.full(len(ks), pole_arr[p], dtype=object),
            "park_id": park_arr[ks], "park_country": countries[ks],
            "pole_domain": vocab_arr[d], "park_domain": vocab_arr[e],
            "observed": obs, "opportunity": o,
            "gap": np.where(obs == 0, o, 0.0),
            "affinity": np.round(flat[best], 6),
            "n_pole_actors": np.full(len(ks), sizes_p[p], dtype=np.int64),
            "n_park_actors": sizes_k[ks].astype(np.int64),
            "french_actors": [named(P, p, x) for x in d.tolist()],
            "foreign_actors": [named(K, k, x) for k, x in
                               zip(ks.tolist(), e.tolist())]})
    if not parts:
        return pd.DataFrame(columns=list(COLUMNS))
    df = pd.DataFrame({c: (np.concatenate([q[c] for q in parts])
                           if c != "gap_rank" else None) for c in COLUMNS})
    rank = pd.Series(pd.NA, index=df.index, dtype="Int64")
    gaps = df[df["gap"] > 0].sort_values(["opportunity", "pole_id", "park_id"],
                                         ascending=[False, True, True])
    rank[gaps.index] = np.arange(1, len(gaps) + 1)
    df["gap_rank"] = rank
    df = df.sort_values(["gap_rank", "observed", "pole_id", "park_id"],
                        ascending=[True, False, True, True],
                        na_position="last", kind="mergesort")
    return df[list(COLUMNS)].reset_index(drop=True)


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
