"""Sector white spaces: French pôles' domains against foreign parks' domains.

Sides
-----
The *pôle side* of domain d: the French pôles with d in their sectors and
the members of French pôles with d in their sectors. The *park side* of
domain e: the foreign parks with e in their sectors and the members of
foreign parks with e in their sectors.

Cells (one per pair d, e that both sides have)
-----------------------------------------------
``observed``
    the summed weight of the ties between the pôle side of d and the park
    side of e.
``affinity``
    1 when d = e (shared domain); otherwise the complementarity of d and e,
    :func:`graphkit.analysis.linkpred.domain_affinity` — how much more often
    than chance ties join actors of d to actors of e anywhere in the data,
    scaled to 0..1 — plus, averaged in, how often actors working in one
    seek the other (share of the actors of d seeking e and of e seeking d).
``opportunity``
    ``affinity × sqrt(n_pole × n_park)``, the affinity times the size of
    the two sides (geometric mean of their actor counts).
``gap``
    the opportunity of a cell where nothing is observed, 0 elsewhere (a cell
    is a white space when ``gap > 0``); ``gap_rank`` ranks the white spaces
    by decreasing opportunity (1 = the biggest), NA elsewhere.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..model import is_french
from ..network import Network, Ties
from . import linkpred as lp

COLUMNS = ("pole_domain", "park_domain", "observed", "opportunity", "gap",
           "gap_rank", "affinity", "n_pole_actors", "n_park_actors")


def white_spaces(network: Network, *, types=None, since=None,
                 until=None) -> pd.DataFrame:
    """The white-space table in long format (see the module docstring).

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS`, sorted by ``gap_rank`` (gaps first) then by
        decreasing ``observed``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "k", "s", "c"], "type": ["pole", "park", "sme", "company"],
    ...                   "country": ["FR", "CN", "FR", "CN"],
    ...                   "sectors": ["ict", "ict", "ict", "ict"]})
    >>> c = pd.DataFrame({"source": ["s", "c"], "target": ["p", "k"],
    ...                   "type": ["member_of"] * 2})
    >>> ws = white_spaces(Network(a, c))
    >>> ws[["pole_domain", "park_domain", "observed", "gap", "gap_rank"]].values.tolist()
    [['ict', 'ict', 0.0, 2.0, 1]]
    """
    a = network.actors
    spec = types if isinstance(types, Ties) else Ties.of(types, since, until)
    since, until = spec.since, spec.until
    tm = lp.tie_matrix(network, spec)
    vocab = lp.domain_vocabulary(a["sectors"], a["seeks"])
    if not vocab:
        return pd.DataFrame(columns=list(COLUMNS))
    bits = lp.mask_bits(lp.domain_masks(a["sectors"], vocab), len(vocab))
    seeks = lp.mask_bits(lp.domain_masks(a["seeks"], vocab), len(vocab))
    french = a["country"].map(lambda c: not pd.isna(c) and is_french(c)
                              ).to_numpy(bool)
    types_ = a["type"].to_numpy(dtype=object)
    membership = network.membership(until=until)
    pole_side = np.zeros(len(a), bool)
    park_side = np.zeros(len(a), bool)
    pole_side[(types_ == "pole") & french] = True
    park_side[(types_ == "park") & ~french] = True
    pos = {k: i for i, k in enumerate(a.index)}
    for m, groups in membership.items():
        for g in groups:
            gi = pos[g]
            if types_[gi] == "pole" and french[gi]:
                pole_side[pos[m]] = True
            if types_[gi] == "park" and not french[gi]:
                park_side[pos[m]] = True
    P = sp.csr_matrix(bits & pole_side[:, None], dtype=float)
    K = sp.csr_matrix(bits & park_side[:, None], dtype=float)
    observed = np.asarray((P.T @ tm.W @ K).todense())
    aff = lp.domain_affinity(tm, bits)
    # seeks co-occurrence: share of actors of i seeking j, symmetrised
    n_d = bits.sum(axis=0).astype(float)
    seek_co = (bits.astype(float).T @ seeks.astype(float))
    share = np.divide(seek_co, n_d[:, None], out=np.zeros_like(seek_co),
                      where=n_d[:, None] > 0)
    share = (share + share.T) / 2
    affinity = np.where(np.eye(len(vocab), dtype=bool), 1.0,
                        (aff + share) / 2)
    n_pole = np.asarray(P.sum(axis=0)).ravel()
    n_park = np.asarray(K.sum(axis=0)).ravel()
    di, ej = np.nonzero((n_pole[:, None] > 0) & (n_park[None, :] > 0))
    opp = affinity[di, ej] * np.sqrt(n_pole[di] * n_park[ej])
    obs = observed[di, ej]
    df = pd.DataFrame({"pole_domain": np.array(vocab, dtype=object)[di],
                       "park_domain": np.array(vocab, dtype=object)[ej],
                       "observed": obs.astype(float),
                       "opportunity": np.round(opp, 6),
                       "gap": np.where(obs == 0, np.round(opp, 6), 0.0),
                       "affinity": np.round(affinity[di, ej], 6),
                       "n_pole_actors": n_pole[di].astype(np.int64),
                       "n_park_actors": n_park[ej].astype(np.int64)})
    rank = pd.Series(pd.NA, index=df.index, dtype="Int64")
    gaps = df[df["gap"] > 0].sort_values(["opportunity", "pole_domain",
                                      "park_domain"],
                                     ascending=[False, True, True])
    rank[gaps.index] = np.arange(1, len(gaps) + 1)
    df["gap_rank"] = rank
    df = df.sort_values(["gap_rank", "observed", "pole_domain", "park_domain"],
                        ascending=[True, False, True, True],
                        na_position="last", kind="mergesort")
    return df[list(COLUMNS)].reset_index(drop=True)


def white_space_matrix(table: pd.DataFrame, value: str = "observed"
                       ) -> pd.DataFrame:
    """Pivot :func:`white_spaces` to a matrix: pôle domains × park domains.

    >>> t = pd.DataFrame({"pole_domain": ["a", "a"], "park_domain": ["a", "b"],
    ...                   "observed": [1.0, 0.0]})
    >>> white_space_matrix(t).values.tolist()
    [[1.0, 0.0]]
    """
    return table.pivot_table(index="pole_domain", columns="park_domain",
                             values=value, aggfunc="sum", fill_value=0)
