"""The combined score's model: how ties form in *this* network, learnt from it.

Each candidate pair gets the odds ``λ`` of becoming a tie::

    log λ = b0 + Σ_f β_f · x_f + γ[cell] + popularity · log((1+deg_a)(1+deg_b) / (1+d̄)²)
    score = λ / (λ + λ_ref)

with the features ``x`` of :data:`FEATURES` (triadic closure, the themes, a
shared pôle / park), ``cell`` the pair of actor types within a country or
across borders (the data's own role fit), ``deg`` the numbers of partners
and ``d̄`` their mean; ``λ_ref`` is the median ``λ`` of the network's
existing ties, so a score of 0.5 reads "as likely as the typical
partnership that exists", 0.9 "nine times the odds of it".

``b0``, ``β`` and ``γ`` are fitted by :func:`fit` as a case–control logistic
regression: the cases are the network's ties, the controls as many pairs
drawn with probability proportional to the degree of each end (what
preferential attachment alone would tie). The fitted odds are thus how much
more often than popularity alone explains each feature and each type pair
come with a tie — e.g. a type pair that never cooperates in the data gets a
strongly negative ``γ`` however popular its ends. A ridge penalty pulls the
coefficients toward :data:`PRIOR` (and ``γ`` toward ``log`` of
:data:`~graphkit.analysis.recommend.ROLE_FIT`, or of
:data:`~graphkit.analysis.recommend.UNLISTED_FIT` for a pair of types the
table does not list), so a small network with few ties stays close to the
prior and a large one speaks for itself. Only the pairs of types that may
be recommended (:attr:`~graphkit.analysis.recommend.Prepared.cell_ok`)
are learnt from.

``popularity`` is not fitted (the controls already match the degrees); it
says how much more than in proportion well-connected actors gain new ties,
and was calibrated with the back-test (``benchmarks/bench_backtest.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

#: Feature name -> what it is (all in the recommendations' components).
FEATURES = {
    "common_partners": "log(1 + number of common partners)",
    "seeks": "one seeks a domain the other works in (0/1)",
    "shared_sector": "the two share a domain (0/1)",
    "complementary": "a domain of one and a domain of the other are tied "
                     "significantly more often than chance in the data "
                     "(linkpred.complementary_domains, 0/1)",
    "same_group": "both belong to one pôle or park (0/1)",
}

#: Where the ridge pulls the feature coefficients when the data are few.
PRIOR = {"common_partners": 1.0, "seeks": 1.0, "shared_sector": 0.5,
         "complementary": 1.0, "same_group": 0.7}

#: Exponent of the popularity term (back-test calibrated, see module doc).
POPULARITY = 2.0

#: Ridge strength toward the prior (in units of one pair's log-likelihood).
PRIOR_STRENGTH = 1.0


@dataclass
class ScoreModel:
    """Fitted coefficients of the combined score (module docstring)."""
    intercept: float
    coef: dict
    cells: np.ndarray  # γ per cell column
    popularity: float = POPULARITY
    mean_degree: float = 0.0
    reference: float = 0.0  # log λ_ref
    cases: int = 0
    controls: int = 0
    cell_names: list = field(default_factory=list)

    def log_odds(self, parts: dict) -> np.ndarray:
        """``log λ`` of pairs from their parts (see :func:`design`)."""
        X = design(parts)
        lin = self.intercept + X @ np.array([self.coef[f] for f in FEATURES])
        cell = parts["cell"]
        gamma = np.where(cell >= 0, self.cells[np.maximum(cell, 0)], -np.inf)
        da, db = parts["deg_a"], parts["deg_b"]
        pop = np.log((1.0 + da) * (1.0 + db)) - 2 * np.log1p(self.mean_degree)
        return lin + gamma + self.popularity * pop

    def score(self, parts: dict) -> np.ndarray:
        """``λ / (λ + λ_ref)`` in 0..1; pairs without a cell (a type
        unknown) score 0."""
        z = self.log_odds(parts) - self.reference
        with np.errstate(over="ignore"):
            return np.where(np.isfinite(z), 1.0 / (1.0 + np.exp(-z)), 0.0)

    def describe(self) -> dict:
        """The coefficients, for ``meta`` and the docs."""
        out = {"intercept": round(self.intercept, 4),
               "reference": round(self.reference, 4),
               **{f: round(v, 4) for f, v in self.coef.items()},
               "popularity": self.popularity, "cases": self.cases,
               "controls": self.controls}
        if self.cell_names:
            out["type_pairs"] = {n: round(float(v), 4)
                                 for n, v in zip(self.cell_names, self.cells)}
        return out


def design(parts: dict) -> np.ndarray:
    """Feature matrix (pairs × :data:`FEATURES`) from the pair parts
    ``common_partners, seeks_match, sector_jaccard, complementary,
    shared_groups``."""
    return np.column_stack([
        np.log1p(np.asarray(parts["common_partners"], float)),
        (np.asarray(parts["seeks_match"]) > 0).astype(float),
        (np.asarray(parts["sector_jaccard"]) > 0).astype(float),
        np.asarray(parts["complementary"], float),
        (np.asarray(parts["shared_groups"]) > 0).astype(float)])


def prior_model(cell_prior: np.ndarray, mean_degree: float) -> ScoreModel:
    """The model before any data: :data:`PRIOR` and the role fit."""
    return ScoreModel(0.0, dict(PRIOR), cell_prior.copy(),
                      mean_degree=mean_degree)


def fit(parts: dict, y: np.ndarray, cell_prior: np.ndarray,
        mean_degree: float, *, strength: float = PRIOR_STRENGTH,
        iterations: int = 50) -> ScoreModel:
    """Penalised logistic regression (Newton's method) of cases ``y = 1``
    against controls ``y = 0``; see the module docstring.

    >>> rng = np.random.default_rng(0)
    >>> n = 4000
    >>> parts = {"common_partners": rng.integers(0, 3, n),
    ...          "seeks_match": rng.integers(0, 2, n),
    ...          "sector_jaccard": np.zeros(n), "complementary": np.zeros(n),
    ...          "shared_groups": np.zeros(n), "cell": np.zeros(n, int)}
    >>> y = (rng.random(n) < 1 / (1 + np.exp(1 - 2 * parts["seeks_match"])))
    >>> m = fit(parts, y.astype(float), np.zeros(1), 1.0)
    >>> abs(m.coef["seeks"] - 2.0) < 0.2   # planted 2.0; the prior says 1.0
    True
    >>> abs(m.coef["common_partners"]) < 0.2  # no effect planted; prior 1.0
    True
    """
    y = np.asarray(y, float)
    cell = np.asarray(parts["cell"], np.int64)
    k_f, k_c = len(FEATURES), len(cell_prior)
    X = np.column_stack([np.ones(len(y)), design(parts)])
    prior = np.r_[0.0, [PRIOR[f] for f in FEATURES], cell_prior]
    pen = np.r_[0.0, np.full(k_f + k_c, strength)]
    # the type pairs' effects are a one-hot block of X, never built: its
    # products are sums per cell (``cells``), 1.5 -> 0.1 CPU s at 10 000
    b = newton_logit(X, y, None, prior, pen, iterations, cells=(cell, k_c))
    return ScoreModel(float(b[0]), dict(zip(FEATURES, b[1:1 + k_f].tolist())),
                      b[1 + k_f:], mean_degree=mean_degree,
                      cases=int(y.sum()), controls=int(len(y) - y.sum()))


def newton_logit(X, y, w, prior, pen, iterations: int = 50, cells=None):
    """Weighted, ridge-penalised logistic regression by Newton's method,
    the step halved until the loss goes down. ``X`` has the intercept
    column; the ridge pulls ``β`` toward ``prior`` with strengths ``pen``.
    Returns ``β``.

    ``cells=(cell, k)``: the design also has ``k`` one-hot columns after
    ``X``'s, row ``i``'s 1 in column ``cell[i]`` (none when ``cell[i]`` is
    negative; ``β`` has ``k`` more entries). They are not built: ``X β`` adds ``β[cell]``, and the
    gradient and Hessian of that block are sums per cell (``bincount``),
    the same products in ``n · X-columns`` instead of ``n · (columns + k)²``.

    The products are of a few columns (``X.T @ X``: features × features):
    BLAS runs them in this thread. Its worker threads only wait for such
    products, spinning: on the shared 2-core machine they cost 4 to 9 CPU
    s per fit at 10 000 actors, against 0.2 s in one thread (and one thread
    sums in one order wherever it runs)."""
    with threadpool_limits(1, user_api="blas"):
        return _newton_logit(X, y, w, prior, pen, iterations, cells)


def _newton_logit(X, y, w, prior, pen, iterations, cells=None):
    y = np.asarray(y, float)
    w = np.ones(len(y)) if w is None else np.asarray(w, float)
    d = X.shape[1]
    cell, k = cells if cells is not None else (None, 0)
    # the rows with a cell (None: every row)
    at = None
    if k:
        cell = np.asarray(cell, np.int64)
        if (cell < 0).any():
            at = np.flatnonzero(cell >= 0)
            cell = cell[at]

    def effect(beta):  # the one-hot block's part of X β, per row
        if at is None:
            return beta[d:][cell]
        out = np.zeros(len(y))
        out[at] = beta[d:][cell]
        return out

    def per_cell(v):  # (one-hot)ᵀ v
        return np.bincount(cell, v if at is None else v[at], minlength=k)

    def z_of(beta):
        z = X @ beta[:d]
        return z + effect(beta) if k else z

    def xt(v):  # (X | one-hot)ᵀ v
        out = X.T @ v
        return np.r_[out, per_cell(v)] if k else out

    def gram(s):  # (X | one-hot)ᵀ diag(s) (X | one-hot)
        top = (X * s[:, None]).T @ X
        if not k:
            return top
        H = np.zeros((d + k, d + k))
        H[:d, :d] = top
        for j in range(d):
            H[j, d:] = H[d:, j] = per_cell(s * X[:, j])
        H[np.arange(d, d + k), np.arange(d, d + k)] = per_cell(s)
        return H

    def loss(beta):
        z = z_of(beta)
        return float(np.sum(w * (np.logaddexp(0.0, z) - y * z))
                     + 0.5 * np.sum(pen * (beta - prior) ** 2))

    b = prior.copy()
    rate = min(max(np.average(y, weights=w), 1e-6), 1 - 1e-6)
    offset = X[:, 1:] @ prior[1:d]
    if k:
        offset = offset + effect(prior)
    b[0] = np.log(rate / (1 - rate)) - float(np.mean(offset))
    current = loss(b)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z_of(b), -35, 35)))
        g = xt(w * (y - p)) - pen * (b - prior)
        H = gram(w * p * (1 - p)) + np.diag(pen) + 1e-9 * np.eye(len(b))
        step = np.linalg.solve(H, g)
        t = 1.0
        while t > 1e-6:
            trial = loss(b + t * step)
            if trial <= current:
                break
            t /= 2
        else:
            break
        b = b + t * step
        done = current - trial < 1e-9 * max(1.0, abs(current))
        current = trial
        if done:
            break
    return b
