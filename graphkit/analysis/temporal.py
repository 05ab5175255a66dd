"""The time-aware ranking: how likely a pair is to start cooperating within
the next ``horizon`` years, learnt from the network's own history.

How it learns
-------------
Let ``t`` be the latest year of the ties (or ``until``). For each training
window ``t0 = t - horizon, t - horizon - 1, …`` (at most :data:`WINDOWS`,
each with enough ties and new pairs, :data:`MIN_TIES`, :data:`MIN_NEW`):

* the network is cut at ``t0`` — every feature reads the ties up to ``t0``
  only (:func:`snapshot`);
* the candidate pairs of (a seeded sample of) its actors are generated
  exactly as for the recommendations
  (:func:`graphkit.analysis.recommend.candidates`);
* the label of a pair is 1 when it first cooperates in ``t0+1 … t0+horizon``.

A logistic regression on :data:`FEATURES` (standardised, ridge-penalised,
weighted back for the negatives left out of the sample) is fitted on the
pooled windows and applied to the network at ``t``: ``probability`` reads
"the chance that the pair starts cooperating within ``horizon`` years, as
pairs like it did in this network's past". No weight comes from anywhere
but the network given.

Calibration across years: a model fitted on one window and applied a year
later meets a larger network (more partners, more activity) and reads its
odds too high or too low. With two windows, the model of the earlier one
reads the latest one, and a Platt correction (an intercept and a slope on
its log-odds) is fitted there; the model of both windows applies it. A
window beyond the latest counts only with half the ties of the network at
``t`` (:data:`MIN_SHARE`). When the year before the latest window is too
young for that, it is read for its rate of new pairs only: the log-odds of
the rate are carried one year forward, and the model's log-odds shifted to
give that rate over the candidates at ``t`` (:func:`reference_window`).
Without an earlier year the model says ``calibrated: False``. A recommendation list keeps the pairs whose
probability is at least :data:`THRESHOLD_FACTOR` times the base rate.

The per-source order (``ranking="per_source"``, :func:`fit_order`): a
conditional logit on the same windows and features, which learns only how
a source's new partners stand out among its own candidates (what its list
shows), not how often sources find new partners.

The role fit (:data:`graphkit.analysis.recommend.ROLE_FIT`) is a feature
among others, and every pair of types gets its own effect within a country
and across borders: the data can overrule it.

When the network is too small or undated (no window with :data:`MIN_TIES`
ties and :data:`MIN_NEW` new pairs), the ranking falls back to the
case–control model of :mod:`graphkit.analysis.scoremodel` (itself the
documented :data:`~graphkit.analysis.scoremodel.PRIOR` on a network without
ties); the model description then says ``time_aware: False`` with the
reason, and its score is not a calibrated probability.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ..model import ACTOR_TYPES
from ..network import Network, Ties
from . import scoremodel as sm

#: Feature code -> what it is (the codes name the reasons of a score).
FEATURES = {
    "common_partners": "log(1 + common partners)",
    "adamic_adar": "Adamic–Adar: Σ 1/log(deg z) over the common partners",
    "resource_allocation": "resource allocation: Σ 1/deg z",
    "recent_common": "log(1 + common partners through ties of the last year)",
    "tie_strength": "Σ over common partners of the product of the two tie "
                    "weights (a shared small project weighs more)",
    "paths3": "log(1 + paths of length 3)",
    "degree_low": "log(1 + partners) of the less connected end",
    "degree_high": "log(1 + partners) of the better connected end",
    "active_low": "log(1 + partners of the last year), less active end",
    "active_high": "log(1 + partners of the last year), more active end",
    "strength_low": "log(1 + summed tie weight) of the end of less "
                    "(with 1/(n-1) weights: its projects)",
    "strength_high": "log(1 + summed tie weight) of the end of more",
    "same_country": "both in one country (0/1)",
    "shared_domains": "Jaccard overlap of the two actors' domains",
    "seeks": "one seeks a domain the other works in (0..1)",
    "complementary": "domains tied more often than chance (0..1)",
    "same_group": "both belong to one pôle or park (0/1)",
    "shared_programmes": "log(1 + programmes under which both have ties)",
    "role_fit": "the role-fit table's value for the pair (a prior)",
}

#: Years in one training window's future (the probability's horizon).
HORIZON = 1
#: A recommendation list keeps the pairs whose probability is at least this
#: many times the base rate (the rate of new pairs among the candidates).
THRESHOLD_FACTOR = 2.0
#: Training windows at most; their least ties and new pairs. With two or
#: more, the probability is calibrated across years (:func:`fit_rank_model`).
WINDOWS = 2
MIN_TIES = 30
MIN_NEW = 20
#: A window beyond the latest must hold at least this share of the ties of
#: the network the model is applied to: a network still being born
#: (Horizon 2020's first year held 379 projects, the second 4 700) teaches
#: odds, and a drift to correct, that its later self does not follow.
MIN_SHARE = 0.5
#: Ridge on the standardised coefficients, and the sample bounds.
RIDGE = 1.0
MAX_SOURCES = 2000
MAX_NEGATIVES = 300_000
#: Ridge of the per-source order (:func:`fit_order`) per new pair learnt
#: from, on the standardised coefficients. Chosen on the H2020 dev splits
#: (P@10/actor, P@100): 0.003 → 0.153, 0.25 (≤2015) and 0.124, 0.41 (≤2016);
#: 0.03 → 0.170, 0.76 and 0.124, 0.43; 0.3 → 0.178, 0.82 and 0.125, 0.47;
#: 1 → 0.177, 0.80 and 0.126, 0.48; 30 → 0.178, 0.79 and 0.129, 0.45.
ORDER_RIDGE = 0.3


def latest_year(network: Network, spec: Ties) -> int | None:
    """The latest year of a tie under ``spec`` (``spec.until`` if given)."""
    years = network.ties(spec)["year"].dropna()
    if not len(years):
        return None
    y = int(years.max())
    return y if spec.until is None else min(y, int(spec.until))


def cut(spec: Ties, t: int) -> Ties:
    """``spec`` restricted to the ties up to year ``t``."""
    return Ties(spec.types, spec.since, t, spec.weighted)


# ----------------------------------------------------------------- features
@dataclass
class History:
    """What the features read of one snapshot beyond the Prepared view:
    the year ``t``, the ties active in ``t`` and each actor's partners
    of that year."""
    t: int | None
    recent: sp.csr_matrix
    deg_recent: np.ndarray
    programmes: sp.csr_matrix  # (actors x programmes) ties under each


def history(prep) -> History:
    """The :class:`History` of a Prepared view (ties up to its year)."""
    tm = prep.tm
    last = tm.last
    t = int(last.data.max()) if last.nnz and last.data.max() > 0 else None
    R = last.copy()
    R.data = (R.data >= (t if t is not None else np.inf)).astype(float)
    R.eliminate_zeros()
    R = R.tocsr()
    n = prep.n
    ties = prep.network.ties(prep.spec or Ties.of())
    ties = ties[ties["programme"].notna()]
    _, prog = np.unique(ties["programme"].astype(str).to_numpy(),
                        return_inverse=True)
    s = tm.ids.get_indexer(ties["source"])
    d = tm.ids.get_indexer(ties["target"])
    ok = (s >= 0) & (d >= 0)
    k = int(prog.max()) + 1 if len(prog) else 1
    P = sp.csr_matrix((np.ones(2 * ok.sum()),
                       (np.r_[s[ok], d[ok]], np.r_[prog[ok], prog[ok]])),
                      shape=(n, k))
    P.data[:] = 1.0
    P.sum_duplicates()
    P.data[:] = 1.0
    return History(t, R, np.diff(R.indptr).astype(np.int64), P.tocsr())


def _rowdot(X: sp.csr_matrix, Y: sp.csr_matrix, r, c, chunk=400_000):
    out = np.zeros(len(r))
    for s in range(0, len(r), chunk):
        out[s:s + chunk] = np.asarray(
            X[r[s:s + chunk]].multiply(Y[c[s:s + chunk]]).sum(axis=1)).ravel()
    return out


def paths3(A: sp.csr_matrix, r: np.ndarray, c: np.ndarray,
           block: int = 512, max_gather: int = 20_000_000) -> np.ndarray:
    """Number of walks of length 3 from r to c: ``(A³)[r, c]``, by blocks
    of distinct sources (``A[block] @ A`` then a row product with A[c]).

    >>> A = sp.csr_matrix(np.array([[0, 1, 0, 0], [1, 0, 1, 0],
    ...                             [0, 1, 0, 1], [0, 0, 1, 0]], float))
    >>> paths3(A, np.array([0, 0]), np.array([3, 1])).tolist()
    [1.0, 2.0]
    >>> paths3(A, np.array([0, 0, 1]), np.array([3, 1, 2]),
    ...        max_gather=2).tolist()  # gathered a pair at a time: the same
    [1.0, 2.0, 3.0]
    """
    r = np.asarray(r, np.int64)
    c = np.asarray(c, np.int64)
    out = np.zeros(len(r))
    if not len(r):
        return out
    order = np.argsort(r, kind="stable")
    rs = r[order]
    uniq, start = np.unique(rs, return_index=True)
    bounds = np.r_[start, len(rs)]
    for b in range(0, len(uniq), block):
        u = uniq[b:b + block]
        A2 = (A[u] @ A).tocsr()
        lo, hi = bounds[b], bounds[min(b + block, len(uniq))]
        sel = order[lo:hi]
        local = np.searchsorted(u, r[sel])
        # gathering A2's rows once per pair may exceed 2**31 entries (many
        # pairs of a source with a dense third hop): chunks of bounded size
        size = np.cumsum(np.diff(A2.indptr)[local] + 1)
        cuts = np.searchsorted(size, np.arange(max_gather, size[-1] + max_gather,
                                               max_gather))
        start = 0
        for stop in np.r_[cuts[cuts < len(sel)], len(sel)]:
            if stop > start:
                part = sel[start:stop]
                out[part] = np.asarray(A2[local[start:stop]].multiply(
                    A[c[part]]).sum(axis=1)).ravel()
            start = stop
    return out


def pair_features(prep, hist: History, r, c, parts: dict | None = None,
                  fit: np.ndarray | None = None) -> np.ndarray:
    """(pairs × :data:`FEATURES`) matrix of the pairs (r, c) (row
    positions), read from the ties of ``prep`` only. ``parts`` (from
    :func:`graphkit.analysis.recommend.pair_parts`) and ``fit`` (role fit)
    are computed when not given."""
    rc_ = sys.modules["graphkit.analysis.recommend"]
    r = np.asarray(r, np.int64)
    c = np.asarray(c, np.int64)
    tm = prep.tm
    if parts is None:
        parts = rc_.pair_parts(prep, r, c)
    if fit is None:
        fit = rc_.role_fit(prep, r, c)
    deg = tm.deg.astype(float)
    aa_w = 1.0 / np.log(np.maximum(deg, 2.0))
    ra_w = 1.0 / np.maximum(deg, 1.0)
    A = tm.A
    aa = _rowdot((A @ sp.diags(aa_w)).tocsr(), A, r, c)
    ra = _rowdot((A @ sp.diags(ra_w)).tocsr(), A, r, c)
    cn = np.asarray(parts["common_partners"], float)
    rec = _rowdot(hist.recent, hist.recent, r, c)
    shared_w = _rowdot(tm.W, tm.W, r, c)
    p3 = paths3(A, r, c)
    da, db = deg[r], deg[c]
    ra_, rb_ = hist.deg_recent[r].astype(float), hist.deg_recent[c].astype(float)
    strength = np.asarray(tm.W.sum(axis=1)).ravel()
    sa, sb = strength[r], strength[c]
    same = (prep.ccode[r] >= 0) & (prep.ccode[r] == prep.ccode[c])
    return np.column_stack([
        np.log1p(cn), aa, ra, np.log1p(rec), shared_w, np.log1p(p3),
        np.log1p(np.minimum(da, db)), np.log1p(np.maximum(da, db)),
        np.log1p(np.minimum(ra_, rb_)), np.log1p(np.maximum(ra_, rb_)),
        np.log1p(np.minimum(sa, sb)), np.log1p(np.maximum(sa, sb)),
        same.astype(float), parts["sector_jaccard"], parts["seeks_match"],
        parts["complementarity"], (parts["shared_groups"] > 0).astype(float),
        np.log1p(_rowdot(hist.programmes, hist.programmes, r, c)), fit])


def type_cells(prep, r, c) -> np.ndarray:
    """Cell of each pair: (type a, type b) unordered, within a country or
    across borders, as one integer (-1 for an unknown type)."""
    k = len(ACTOR_TYPES)
    ta, tb = prep.tcode[r], prep.tcode[c]
    lo, hi = np.minimum(ta, tb), np.maximum(ta, tb)
    ca, cb = prep.ccode[r], prep.ccode[c]
    border = ((ca >= 0) & (cb >= 0) & (ca != cb)).astype(np.int64)
    return np.where((ta >= 0) & (tb >= 0), (lo * k + hi) * 2 + border, -1)


N_CELLS = len(ACTOR_TYPES) ** 2 * 2


# -------------------------------------------------------------------- model
@dataclass
class RankModel:
    """The fitted ranking (module docstring): ``probability(X, cells)``."""
    time_aware: bool
    horizon: int | None = None
    year: int | None = None
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    intercept: float = 0.0
    coef: np.ndarray | None = None
    cell_coef: np.ndarray | None = None
    windows: list = field(default_factory=list)
    reason: str = ""
    base_rate: float = 0.0
    fallback: object = None  # scoremodel.ScoreModel when not time-aware
    #: Correction ``(a, b)`` of the log-odds: probability = σ(a + b · log-odds):
    #: a Platt correction (two training windows), or the base-rate drift
    #: ``(a, 1)`` (an earlier year too young to learn from); (0, 1) when no
    #: earlier year shows how the odds move.
    platt: tuple = (0.0, 1.0)
    calibrated: bool = False
    calibration: str = ""
    #: The rate of new pairs among the candidates of the latest window.
    latest_rate: float = 0.0
    #: The rate expected in the horizon after ``year`` (the latest rate moved
    #: by the drift of the last two windows; the latest rate without one).
    expected_rate: float = 0.0
    #: Coefficients of the per-source order (:func:`fit_order`) on the
    #: standardised features, or None.
    order_coef: np.ndarray | None = None

    def order_score(self, X: np.ndarray) -> np.ndarray:
        """The per-source order of pairs of one source (higher first): a
        log-odds within the source's candidates, comparable only there."""
        return ((X - self.mean) / self.scale) @ self.order_coef

    def log_odds(self, X: np.ndarray, cells: np.ndarray) -> np.ndarray:
        Z = (X - self.mean) / self.scale
        cc = self.cell_coef[np.maximum(cells, 0)] * (cells >= 0)
        return self.intercept + Z @ self.coef + cc

    def probability(self, X: np.ndarray, cells: np.ndarray) -> np.ndarray:
        a, b = self.platt
        z = np.clip(a + b * self.log_odds(X, cells), -35, 35)
        return 1.0 / (1.0 + np.exp(-z))

    @property
    def threshold(self) -> float:
        """The least probability a recommendation shows:
        :data:`THRESHOLD_FACTOR` times the base rate the probabilities speak
        of (:attr:`expected_rate`, the rate of new pairs among the
        candidates expected after ``year``)."""
        return float(min(THRESHOLD_FACTOR * self.expected_rate, 0.5))

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Each feature's share of the log-odds against an average pair."""
        return (X - self.mean) / self.scale * self.coef

    def describe(self) -> dict:
        out = {"time_aware": self.time_aware, "calibrated": self.calibrated,
               "horizon_years": self.horizon, "year": self.year,
               "reason": self.reason}
        if self.time_aware:
            out.update(
                kind="logistic regression on the network's own history",
                base_rate=round(self.base_rate, 6),
                latest_rate=round(self.latest_rate, 6),
                expected_rate=round(self.expected_rate, 6),
                threshold=round(self.threshold, 6),
                calibration=self.calibration,
                platt=[round(float(v), 4) for v in self.platt],
                windows=self.windows, intercept=round(self.intercept, 4),
                coefficients={f: round(float(v), 4)
                              for f, v in zip(FEATURES, self.coef)},
                order_coefficients=None if self.order_coef is None else {
                    f: round(float(v), 4)
                    for f, v in zip(FEATURES, self.order_coef)},
                features=dict(FEATURES))
        elif self.fallback is not None:
            out.update(kind="case-control prior model (not a probability)",
                       **{"score_model": self.fallback.describe()})
        return out


def fit_logistic(X, cells, y, w, ridge: float = RIDGE) -> dict:
    """Standardise ``X``, fit :func:`newton_logit` with one effect per type
    cell; returns the pieces of a :class:`RankModel`."""
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale
    # one effect per cell that has rows (negative: no cell), summed per
    # cell by newton_logit rather than built as one-hot columns
    cells = np.asarray(cells, np.int64)
    used = np.unique(cells[cells >= 0])
    index = np.where(cells >= 0, np.searchsorted(used, cells), -1)
    D = np.column_stack([np.ones(len(y)), Z])
    k = Z.shape[1]
    prior = np.zeros(1 + k + len(used))
    pen = np.r_[0.0, np.full(k, ridge), np.full(len(used), ridge)]
    b = sm.newton_logit(D, y, w, prior, pen, cells=(index, len(used)))
    cell_coef = np.zeros(N_CELLS)
    cell_coef[used] = b[1 + k:]
    return dict(mean=mean, scale=scale, intercept=float(b[0]),
                coef=b[1:1 + k], cell_coef=cell_coef)


# ------------------------------------------------------------------ training
def training_window(network: Network, spec: Ties, t0: int, horizon: int,
                    rng, *, weights=None, candidate_args=None,
                    least_ties: int = MIN_TIES):
    """Features, cells and labels of the candidate pairs at ``t0``
    (labels: first tie in ``t0+1 … t0+horizon``), or None when too thin
    (fewer than ``least_ties`` ties or :data:`MIN_NEW` new pairs)."""
    rc_ = sys.modules["graphkit.analysis.recommend"]
    if len(network.tie_table(cut(spec, t0))) < least_ties:
        return None
    prep = rc_.prepare(network, types=cut(spec, t0), weights=weights)
    if prep.tm.A.nnz // 2 < MIN_TIES:
        return None
    later = network.ties(Ties(spec.types, t0 + 1, t0 + horizon,
                              spec.weighted))
    s = prep.tm.ids.get_indexer(later["source"])
    d = prep.tm.ids.get_indexer(later["target"])
    ok = (s >= 0) & (d >= 0) & (s != d)
    n = prep.n
    new = np.unique(np.r_[s[ok].astype(np.int64) * n + d[ok],
                          d[ok].astype(np.int64) * n + s[ok]])
    rows = np.flatnonzero(prep.tm.deg > 0)
    if len(rows) > MAX_SOURCES:
        rows = np.sort(rng.choice(rows, MAX_SOURCES, replace=False))
    cand = rc_.candidates(prep, rows, **(candidate_args or {}))
    r, c = cand["r"].to_numpy(np.int64), cand["c"].to_numpy(np.int64)
    y = np.isin(r * n + c, new)
    if y.sum() < MIN_NEW:
        return None
    w = np.ones(len(y))
    neg = np.flatnonzero(~y)
    if len(neg) > MAX_NEGATIVES:
        keep = np.sort(rng.choice(neg, MAX_NEGATIVES, replace=False))
        q = MAX_NEGATIVES / len(neg)
        sel = np.sort(np.r_[np.flatnonzero(y), keep])
        w = np.where(y, 1.0, 1.0 / q)[sel]
        cand, y, r, c = cand.iloc[sel], y[sel], r[sel], c[sel]
    X = candidate_features(prep, history(prep), cand)
    return X, type_cells(prep, r, c), y.astype(float), w, {
        "until": int(t0), "labels": f"{t0 + 1}–{t0 + horizon}",
        "pairs": int(len(y)), "new_pairs": int(y.sum())}, r


def reference_window(network: Network, spec: Ties, t: int, rng, *,
                     weights=None, candidate_args=None):
    """Features and cells of the candidate pairs of (a seeded sample of)
    the actors at ``t``: what the model is applied to, without labels."""
    rc_ = sys.modules["graphkit.analysis.recommend"]
    prep = rc_.prepare(network, types=cut(spec, t), weights=weights)
    rows = np.flatnonzero(prep.tm.deg > 0)
    if len(rows) > MAX_SOURCES:
        rows = np.sort(rng.choice(rows, MAX_SOURCES, replace=False))
    cand = rc_.candidates(prep, rows, **(candidate_args or {}))
    if len(cand) > MAX_NEGATIVES:
        cand = cand.iloc[np.sort(rng.choice(len(cand), MAX_NEGATIVES,
                                            replace=False))]
    r, c = cand["r"].to_numpy(np.int64), cand["c"].to_numpy(np.int64)
    return (candidate_features(prep, history(prep), cand),
            type_cells(prep, r, c))


def candidate_features(prep, hist: History, cand) -> np.ndarray:
    """:func:`pair_features` of a candidates table (its parts reused)."""
    r, c = cand["r"].to_numpy(np.int64), cand["c"].to_numpy(np.int64)
    parts = {k: cand[k].to_numpy() for k in (
        "common_partners", "sector_jaccard", "seeks_match", "complementarity",
        "shared_groups")}
    return pair_features(prep, hist, r, c, parts, cand["role_fit"].to_numpy())


def fit_rank_model(network: Network, spec: Ties, *, horizon: int = HORIZON,
                   seed: int = 42, weights=None,
                   candidate_args=None) -> RankModel:
    """Fit the time-aware ranking of ``network`` under ``spec`` (module
    docstring); a :class:`RankModel` with ``time_aware=False`` and the
    reason when the history is too thin."""
    t = latest_year(network, spec)
    if t is None:
        return RankModel(False, reason="no dated tie: no history to learn from")
    rng = np.random.default_rng(seed)
    got = []
    least = max(MIN_TIES, int(MIN_SHARE * len(network.tie_table(cut(spec, t)))))
    for h in ([horizon, 1] if horizon > 1 else [1]):
        for t0 in range(t - h, t - h - WINDOWS, -1):
            win = training_window(network, spec, t0, h, rng, weights=weights,
                                  candidate_args=candidate_args,
                                  least_ties=least if got else MIN_TIES)
            if win is not None:
                got.append(win)
        if got:
            horizon = h
            break
    if not got:
        return RankModel(False, year=t, reason=(
            f"too little history: no year before {t} with {MIN_TIES} ties "
            f"and {MIN_NEW} new pairs among the candidates after it"))
    parts = _fit_windows(got)
    y0, w0 = got[0][2], got[0][3]
    latest = float(np.average(y0, weights=w0))
    platt, expected, calibrated = (0.0, 1.0), latest, False
    how = ("one training window: the probability is fitted on it and not "
           "carried across years (no earlier year with enough ties and new "
           "pairs)")
    if len(got) >= 2:
        # how a model one window behind reads the latest window: the Platt
        # correction of its log-odds, kept for the model of every window
        older = _fit_windows(got[1:])
        X0, cells0 = got[0][0], got[0][1]
        z = RankModel(True, **older).log_odds(X0, cells0)
        D = np.column_stack([np.ones(len(z)), z])
        platt = tuple(float(v) for v in sm.newton_logit(
            D, y0, w0, np.array([0.0, 1.0]), np.array([0.0, 1e-6])))
        calibrated = True
        how = (f"Platt correction fitted on the latest window "
               f"({got[0][4]['labels']}) read by the model of the earlier ones")
    else:
        # the year before the latest window is too young to learn from (less
        # than MIN_SHARE of the ties): read for its rate of new pairs only
        prev = training_window(network, spec, got[0][4]["until"] - 1, horizon,
                               rng, weights=weights,
                               candidate_args=candidate_args)
        if prev is not None:
            before = float(np.average(prev[2], weights=prev[3]))
            # the drift of the base rate carried one year forward: its
            # log-odds move after the latest window as they moved into it
            expected = float(_sigmoid(2 * _logit(latest) - _logit(before)))
            # given that mean over the candidates of the network at t (whose
            # features have grown since the latest window)
            X, cells = reference_window(network, spec, t, rng,
                                        weights=weights,
                                        candidate_args=candidate_args)
            z = RankModel(True, **parts).log_odds(X, cells)
            platt = (_intercept_for(z, np.ones(len(z)), expected), 1.0)
            calibrated = True
            how = (f"base-rate drift carried one year forward: new pairs "
                   f"among the candidates {before:.4f} ({prev[4]['labels']}), "
                   f"then {latest:.4f} ({got[0][4]['labels']}), so "
                   f"{expected:.4f} expected after {t}; the log-odds shifted "
                   f"by {platt[0]:+.3f} give that mean over the candidates "
                   f"at {t}")
    return RankModel(True, horizon=horizon, year=t,
                     windows=[g[4] for g in got],
                     base_rate=float(np.average(
                         np.concatenate([g[2] for g in got]),
                         weights=np.concatenate([g[3] for g in got]))),
                     platt=platt, calibrated=calibrated,
                     calibration=how, latest_rate=latest,
                     expected_rate=expected,
                     order_coef=fit_order(got, parts["mean"], parts["scale"]),
                     **parts)


def fit_order(got, mean, scale, ridge: float = ORDER_RIDGE) -> np.ndarray:
    """Coefficients ``b`` of a conditional logit: within the candidates of
    one source in one window, the chance that a pair is one of its new
    partners is ``w·exp(Z b) / Σ w·exp(Z b)`` over the source's candidates
    (``Z`` the standardised features, ``w`` the weights of the sampled
    negatives). Only the order within a source is learnt: what the source's
    list shows, whatever its activity. Ridge ``ridge`` × new pairs on ``b``;
    L-BFGS from 0 (deterministic)."""
    from scipy.optimize import minimize
    Z = np.vstack([(g[0] - mean) / scale for g in got])
    y = np.concatenate([g[2] for g in got])
    w = np.concatenate([g[3] for g in got])
    # one group per (window, source)
    src = np.concatenate([g[5] + (i << 40) for i, g in enumerate(got)])
    _, group = np.unique(src, return_inverse=True)
    has = np.bincount(group, weights=y) > 0
    keep = has[group]
    Z, y, w, group = Z[keep], y[keep], w[keep], group[keep]
    if not len(y):
        return np.zeros(len(mean))
    _, group = np.unique(group, return_inverse=True)
    k = int(group.max()) + 1
    npos = np.bincount(group, weights=y, minlength=k)
    lam = ridge * float(y.sum())

    def loss(b):
        z = Z @ b
        top = np.full(k, -np.inf)
        np.maximum.at(top, group, z)
        e = w * np.exp(z - top[group])
        total = np.bincount(group, weights=e, minlength=k)
        share = e / total[group]
        value = (npos * (top + np.log(total))).sum() - (y * z).sum()
        grad = Z.T @ (share * npos[group]) - Z.T @ y
        return value + lam * b @ b, grad + 2 * lam * b

    return minimize(loss, np.zeros(Z.shape[1]), jac=True,
                    method="L-BFGS-B").x


def _logit(q: float) -> float:
    q = min(max(q, 1e-9), 1 - 1e-9)
    return float(np.log(q / (1 - q)))


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


def _intercept_for(z: np.ndarray, w: np.ndarray, rate: float) -> float:
    """The shift ``d`` of the log-odds ``z`` whose weighted mean probability
    σ(z + d) is ``rate`` (bisection: the mean grows with ``d``).

    >>> z = np.array([-3.0, -1.0, 0.0])
    >>> d = _intercept_for(z, np.ones(3), 0.2)
    >>> round(float(_sigmoid(z + d).mean()), 6)
    0.2
    """
    lo, hi = -30.0, 30.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if np.average(_sigmoid(z + mid), weights=w) < rate:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _fit_windows(got) -> dict:
    X = np.vstack([g[0] for g in got])
    cells = np.concatenate([g[1] for g in got])
    y = np.concatenate([g[2] for g in got])
    w = np.concatenate([g[3] for g in got])
    return fit_logistic(X, cells, y, w)
