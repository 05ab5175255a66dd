"""``ranking="auto"``: the ranking chosen by measurement on the network
given, not on ours.

How it chooses
--------------
Let ``t`` be the latest year of the ties (or ``until``). The latest window
of the network's history is held out: the network is cut at
``t0 = t - 1`` (every tie of year ``t`` hidden), and each candidate ranking
of :data:`CANDIDATES` is fitted on what lies up to ``t0`` only — the
case–control model on the ties up to ``t0``, the per-source order on the
training windows before ``t0`` (:func:`graphkit.analysis.temporal.
fit_rank_model` of the network cut at ``t0``). Both then rank the same
candidates (:func:`graphkit.analysis.recommend.candidates`) of a seeded
sample of at most :data:`MAX_SOURCES` actors with a tie up to ``t0``, and
are scored on the pairs that first cooperate in year ``t``:

* per-actor precision@10: the new partners among each source's 10 best
  candidates, over 10, averaged over the sources with a new partner;
* global precision@100: the new pairs among the 100 best candidate pairs.

A challenger replaces :data:`DEFAULT` only when it is better on the
per-actor precision and not worse on the global one (the lists people read
first, without losing the global order); otherwise the default stays. When
the network is undated, or too short to hold a year out and still fit the
challenger on what lies before it, the choice is :data:`DEFAULT` and
``reason`` says why.

What it costs: the candidates and two or three model fits on the network
cut at ``t0`` (about what the per-source order costs to fit on the whole
network), once per network view.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np

from ..network import Network, Ties
from . import temporal as tp

#: The ranking kept when nothing is measured, or nothing beats it.
DEFAULT = "case_control"
#: The rankings compared (the default first).
CANDIDATES = ("case_control", "per_source")
#: Sources of the self back-test at most (a seeded sample beyond).
MAX_SOURCES = 3000
#: Lengths of the per-actor and global lists scored.
K_ACTOR = 10
K_GLOBAL = 100
#: Least new pairs in the held-out year among the sampled sources.
MIN_NEW = 20


@dataclass
class Choice:
    """The ranking chosen by :func:`choose_ranking`, why, and the measured
    figures of each ranking (``measures``: ranking -> {"p_at_10_actor",
    "p_at_100", and for the record "p_at_500", "p_at_2000"})."""
    ranking: str
    reason_code: str  # measured | undated | too_short | no_history | too_few_new
    reason: str
    held_out: int | None = None
    fitted_until: int | None = None
    sources: int = 0
    sources_with_new: int = 0
    new_pairs: int = 0
    measures: dict = field(default_factory=dict)

    def describe(self) -> dict:
        return {"chosen": self.ranking, "reason_code": self.reason_code,
                "reason": self.reason, "held_out_year": self.held_out,
                "fitted_until": self.fitted_until, "sources": self.sources,
                "sources_with_new": self.sources_with_new,
                "new_pairs": self.new_pairs,
                "measures": {k: dict(v) for k, v in self.measures.items()},
                "rule": (f"a ranking replaces {DEFAULT} only when its "
                         f"per-actor precision@{K_ACTOR} is higher and its "
                         f"precision@{K_GLOBAL} not lower")}


def choose_ranking(network: Network, spec: Ties, *, weights=None,
                   seed: int = 42, candidate_args=None,
                   max_sources: int = MAX_SOURCES) -> Choice:
    """The self back-test of the module docstring: the :class:`Choice`."""
    rc_ = sys.modules["graphkit.analysis.recommend"]
    t = tp.latest_year(network, spec)
    if t is None:
        return Choice(DEFAULT, "undated", "no dated tie: no year to hold out "
                      "and measure the rankings on")
    t0 = t - 1
    prep = rc_.prepare(network, types=tp.cut(spec, t0), weights=weights)
    if prep.tm.A.nnz // 2 < tp.MIN_TIES:
        return Choice(DEFAULT, "too_short", (
            f"too short a history: fewer than {tp.MIN_TIES} ties up to {t0}, "
            f"so {t} cannot be held out"), held_out=t, fitted_until=t0)
    ranker = prep.ranker
    if not ranker.time_aware:
        return Choice(DEFAULT, "no_history", (
            f"too short a history: holding {t} out leaves no year before "
            f"{t0} to learn the per-source order from"),
            held_out=t, fitted_until=t0)
    n = prep.n
    later = network.ties(Ties(spec.types, t0 + 1, t, spec.weighted))
    s = prep.tm.ids.get_indexer(later["source"])
    d = prep.tm.ids.get_indexer(later["target"])
    ok = (s >= 0) & (d >= 0) & (s != d)
    new = np.unique(np.r_[s[ok].astype(np.int64) * n + d[ok],
                          d[ok].astype(np.int64) * n + s[ok]])
    rng = np.random.default_rng(seed)
    rows = np.flatnonzero(prep.tm.deg > 0)
    if len(rows) > max_sources:
        rows = np.sort(rng.choice(rows, max_sources, replace=False))
    # the new partners of each source (those already tied are not new)
    src_new = np.bincount(new // n, minlength=n)[rows] if len(new) else \
        np.zeros(len(rows), np.int64)
    cand = rc_.candidates(prep, rows, **(candidate_args or {}))
    r = cand["r"].to_numpy(np.int64)
    c = cand["c"].to_numpy(np.int64)
    y = rc_._in_sorted(r * n + c, new)
    has = src_new > 0
    base = dict(held_out=t, fitted_until=t0, sources=int(len(rows)),
                sources_with_new=int(has.sum()),
                new_pairs=int(src_new.sum()))
    if y.sum() < MIN_NEW:
        return Choice(DEFAULT, "too_few_new", (
            f"too few new pairs in {t} among the candidates ({int(y.sum())}, "
            f"at least {MIN_NEW} needed) to measure the rankings"), **base)
    jitter = rng.random(n)
    measures = {}
    for name in CANDIDATES:
        score, _ = rc_.score_candidates(prep, cand, name)
        measures[name] = _precisions(r, c, score, y, jitter, rows[has])
    best = DEFAULT
    for name in CANDIDATES:
        m, d0 = measures[name], measures[best]
        if m["p_at_10_actor"] > d0["p_at_10_actor"] \
                and m["p_at_100"] >= d0["p_at_100"]:
            best = name
    figures = "; ".join(f"{k} {v['p_at_10_actor']:.3f} / {v['p_at_100']:.2f}"
                        for k, v in measures.items())
    return Choice(best, "measured", (
        f"measured on the new pairs of {t}, fitted on the ties up to {t0} "
        f"(precision@{K_ACTOR} per actor / precision@{K_GLOBAL}): "
        f"{figures}"), measures=measures, **base)


def _precisions(r, c, score, y, jitter, sources) -> dict:
    """Per-actor precision@K_ACTOR over ``sources`` (each list over
    K_ACTOR, a source without candidates counting 0) and the global
    precision@K_GLOBAL (and @500, @2000, recorded, not used by the rule),
    exact ties broken by ``jitter`` of the partner.

    >>> y = np.array([True, False, False, True])
    >>> m = _precisions(np.array([0, 0, 1, 1]), np.array([1, 2, 0, 2]),
    ...                 np.array([0.9, 0.8, 0.7, 0.1]), y, np.zeros(3),
    ...                 np.array([0, 1]))
    >>> m["p_at_10_actor"], m["p_at_100"]
    (0.1, 0.5)
    """
    order = np.lexsort((jitter[c], -score, r))
    rs = r[order]
    starts = np.r_[0, np.flatnonzero(rs[1:] != rs[:-1]) + 1] if len(rs) \
        else np.zeros(0, np.int64)
    rank = np.arange(len(rs)) - np.repeat(starts, np.diff(np.r_[starts,
                                                                len(rs)]))
    top = order[rank < K_ACTOR]
    hits = np.bincount(r[top], weights=y[top].astype(float),
                       minlength=int(max(r.max(initial=0),
                                         sources.max(initial=0))) + 1)
    p10 = float(np.mean(hits[sources] / K_ACTOR)) if len(sources) else 0.0
    g = np.lexsort((jitter[c], -score))
    out = {"p_at_10_actor": round(p10, 4)}
    for k in (K_GLOBAL, 500, 2000):
        out[f"p_at_{k}"] = round(float(y[g[:k]].mean()) if len(g) else 0.0, 4)
    return out
