"""The back-test: do graphkit's suggestions anticipate the partnerships
that really form?

:func:`evaluate` hides every cooperation after ``split_year``, builds the
candidate pairs of the French SMEs, labs and pôles from what is left (the
same candidates :func:`graphkit.analysis.recommend.recommend` ranks), and
scores them with graphkit's combined score and with each single baseline:
common neighbours, Jaccard, Adamic–Adar, resource allocation, preferential
attachment and random. Every score ranks the SAME candidate pairs.

Truth: the pairs tied after ``split_year`` (any tie but membership) that were
not tied up to it, that make sense by role (:data:`ROLE_FIT` > 0) and have an
end among the actors recommended for. ``recall@k`` counts against every such
pair, also those the candidate generation missed; ``AUC`` is computed over
the candidates (positives: candidates in the truth).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import GraphkitError
from ..network import Network
from . import recommend as rc

BASELINES = ("common_neighbours", "jaccard", "adamic_adar",
             "resource_allocation", "preferential_attachment", "random")


def split_network(network: Network, split_year: int) -> Network:
    """The network as it was at the end of ``split_year`` (rows without a
    year are dropped: nobody knows when they happened)."""
    c = network.cooperations
    keep = (c["year"] <= split_year).fillna(False).to_numpy(dtype=bool)
    return Network(network.actors, c[keep], network.meta)


def backtest_pairs(network: Network, split_year: int, *, actors=None,
                   types=None, weights=None, seed: int = 42,
                   max_two_hop: int = 60, theme_per_domain: int = 10,
                   ranking: str = "case_control"):
    """Candidate pairs (unordered) with every score and the truth flag.

    Returns ``(pairs, n_truth)``: a DataFrame with ``u``, ``v`` (actor ids),
    one column per score (``graphkit`` and :data:`BASELINES`) and ``truth``,
    and the number of truth pairs in all.
    """
    years = network.cooperations["year"].dropna()
    if not len(years):
        raise GraphkitError("evaluate: no cooperation has a year, so there "
                            "is nothing to split")
    lo, hi = int(years.min()), int(years.max())
    if not lo <= split_year < hi:
        raise GraphkitError(f"evaluate: the split year must be within the "
                            f"data's years and before the last one "
                            f"({lo}–{hi - 1}), not {split_year}")
    train = split_network(network, split_year)
    prep = rc.prepare(train, types=types, weights=weights)
    sources = rc.default_sources(train) if actors is None else list(actors)
    rows = prep.tm.pos(sources)
    rows = rows[rows >= 0]
    cand = rc.candidates(prep, rows, max_two_hop=max_two_hop,
                         theme_per_domain=theme_per_domain)
    n = prep.n
    r, c = cand["r"].to_numpy(np.int64), cand["c"].to_numpy(np.int64)
    key = np.minimum(r, c) * n + np.maximum(r, c)
    key, first = np.unique(key, return_index=True)
    cand = cand.iloc[first].reset_index(drop=True)
    # truth
    later = network.ties(types, since=split_year + 1)
    s = prep.tm.ids.get_indexer(later["source"])
    d = prep.tm.ids.get_indexer(later["target"])
    ok = (s >= 0) & (d >= 0) & (s != d)
    s, d = s[ok].astype(np.int64), d[ok].astype(np.int64)
    is_src = np.zeros(n, bool)
    is_src[rows] = True
    ok = is_src[s] | is_src[d]
    s, d = s[ok], d[ok]
    ok = rc.role_fit(prep, s, d) > 0
    s, d = s[ok], d[ok]
    tkey = np.unique(np.minimum(s, d) * n + np.maximum(s, d))
    A = prep.tm.A.tocoo()
    old = A.row.astype(np.int64) * n + A.col
    tkey = tkey[~np.isin(tkey, old) & ~np.isin(tkey, prep.member_keys)]
    rng = np.random.default_rng(seed)
    pairs = pd.DataFrame({
        "u": prep.tm.ids.to_numpy(dtype=object)[cand["r"].to_numpy()],
        "v": prep.tm.ids.to_numpy(dtype=object)[cand["c"].to_numpy()],
        "graphkit": rc.score_candidates(prep, cand, ranking)[0],
        "common_neighbours": cand["common_partners"].to_numpy(float),
        "jaccard": cand["jaccard"].to_numpy(),
        "adamic_adar": cand["adamic_adar"].to_numpy(),
        "resource_allocation": cand["resource_allocation"].to_numpy(),
        "preferential_attachment": cand["preferential_attachment"].to_numpy(),
        "random": rng.random(len(cand)),
        "truth": np.isin(key, tkey)})
    return pairs, int(len(tkey))


def _metrics(score: np.ndarray, truth: np.ndarray, n_truth: int, ks,
             tiebreak: np.ndarray) -> dict:
    order = np.lexsort((tiebreak, -score))
    hits = np.cumsum(truth[order])
    out = {}
    for k in ks:
        got = int(hits[min(k, len(hits)) - 1]) if len(hits) else 0
        out[f"precision@{k}"] = got / k
        out[f"recall@{k}"] = got / n_truth if n_truth else 0.0
    npos = int(truth.sum())
    nneg = len(truth) - npos
    if npos and nneg:
        from scipy.stats import rankdata  # 0.5 s to import: only here
        ranks = rankdata(score)
        out["auc"] = float((ranks[truth].sum() - npos * (npos + 1) / 2)
                           / (npos * nneg))
    else:
        out["auc"] = float("nan")
    return out


def evaluate(network: Network, split_year: int, *, k=(10, 50, 100),
             seed: int = 42, actors=None, types=None, weights=None,
             max_two_hop: int = 60, theme_per_domain: int = 10,
             ranking: str = "case_control") -> pd.DataFrame:
    """Back-test graphkit's combined score against the single baselines.

    Parameters
    ----------
    network : Network
        The full network, cooperations dated.
    split_year : int
        Cooperations after this year are hidden and are the truth.
    k : iterable of int
        Cut-offs of precision@k and recall@k over the ranked candidates.
    seed : int
        Seeds the random baseline and the order of exact ties.
    actors, types, weights, max_two_hop, theme_per_domain, ranking
        As in :func:`graphkit.analysis.recommend.recommend`.

    Returns
    -------
    DataFrame
        Indexed by ``score`` (``graphkit`` then :data:`BASELINES`), columns
        ``precision@k``, ``recall@k`` for each k, then ``auc``;
        ``attrs`` holds ``candidates``, ``truth`` (pairs in all) and
        ``truth_in_candidates``.

    Examples
    --------
    >>> from graphkit.generate import generate_ecosystem
    >>> net = generate_ecosystem(300, seed=1)
    >>> table = evaluate(net, 2012, k=(10,))
    >>> list(table.columns)
    ['precision@10', 'recall@10', 'auc']
    """
    ks = sorted({int(x) for x in k})
    if not ks or ks[0] < 1:
        raise GraphkitError("evaluate: k must be whole numbers ≥ 1")
    pairs, n_truth = backtest_pairs(
        network, split_year, actors=actors, types=types, weights=weights,
        seed=seed, max_two_hop=max_two_hop, theme_per_domain=theme_per_domain,
        ranking=ranking)
    truth = pairs["truth"].to_numpy(bool)
    tiebreak = np.random.default_rng(seed + 1).random(len(pairs))
    rows = {}
    for name in ("graphkit", *BASELINES):
        rows[name] = _metrics(pairs[name].to_numpy(float), truth, n_truth, ks,
                              tiebreak)
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "score"
    cols = [f"precision@{x}" for x in ks] + [f"recall@{x}" for x in ks] + ["auc"]
    table = table[cols]
    table.attrs.update(candidates=int(len(pairs)), truth=n_truth,
                       truth_in_candidates=int(truth.sum()),
                       split_year=int(split_year))
    return table
