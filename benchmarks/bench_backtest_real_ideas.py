"""Scores measured toward issue 12's bar on real H2020 data, outside the
package: project-level signals, proximity × activity products, rank
fusion, models fitted on the window before the split, and a separate
global score (docs/recommendations.md, "Measured 2026-12-06 (branch bar)").

    python benchmarks/bench_backtest_real_ideas.py [--splits 2015 2016]
                                                   [--fitted] [--data DIR]

Same protocol as ``bench_backtest_real.py`` (its CORDIS -> Network
adapter, its French sources with a tie, its truth: pairs of actors known at
the split first tied after it; per-actor precision@10 over the sources
with a new partner; global precision@100 over the best pairs of the lists
of 500 per source; the same seeded tie-break). Unlike graphkit's row of
that benchmark, every score here ranks, like the heuristics, every pair
with at least one common partner (paths3 and the products too). The five
heuristics are recomputed and printed first: they must match the
benchmark's figures (≤2015: common neighbours 0.158 / 0.68, Adamic–Adar
0.162 / 0.66, resource allocation 0.138 / 0.70; ≤2016: 0.120 / 0.39,
0.118 / 0.40, 0.103 / 0.44).

Time-honest: at split Y only the projects starting up to Y are read (their
members, size, role, contribution, start and end dates: the end date of a
project started by Y is known at Y). With ``--fitted`` the models are
fitted on the window Y−1 → Y (features from the projects starting up to
Y−1, labels: pairs first tied in Y, every source of 3 000 sampled with
seed 11) and applied at Y; no label after Y is read.

Scores (s the source, c the candidate; products use 1 + the count):

* ``recent``/``running``/``nproj``: the candidate's projects started in
  the 365 days before the cut / still running after it / all; ``_s``: the
  same of the source too (changes only the global list); ``coord``: its
  coordinator roles (a feature of the fitted models);
* ``cos``: cosine of the two actors' programme-part profiles (their
  projects' parts);
* ``w``: shared tie weight Σ_o W_so·W_oc (W: Σ 1/(n−1) over shared
  projects); ``p3``: paths of length 3;
* ``cn_running`` / ``cn_small``: common partners through ties of projects
  still running at the cut / of projects of at most 10 members;
* ``proj_sumfrac`` / ``proj_sumsq``: for each project p of s, the share
  k_p of its other members already tied to c; Σ_p k_p, Σ_p k_p²
  (how much of one of s's consortia c already knows);
* ``rrf(...)``: reciprocal-rank fusion within each source, Σ 1/(60 + rank);
* ``logit`` / ``clogit`` (``--fitted``): pointwise ridge logistic
  regression / conditional logit per source on 22 features (log counts
  above, cos, same country, type pair, the candidate's and source's
  degree and activity);
* ``X -> global`` (``--fitted``): the per-source order X for the lists, and
  for the global list a logistic score of (log rank in the source's list,
  source degree and activity, pair counts, candidate degree and activity)
  over the first 100 of each list, fitted on the window Y−1 → Y.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import minimize

import bench_backtest_real as B
from graphkit.analysis import linkpred as lp

TYPES3 = ("lab", "company", "agency")
HEUR = ("common_neighbours", "adamic_adar", "resource_allocation",
        "jaccard", "preferential_attachment")


class Split:
    """The network at the end of ``year`` and what is known of its
    projects then; the truth (pairs first tied after ``year``, or in
    ``label_year`` only)."""

    def __init__(self, raw, p, parts, pairs, year, sources="fr",
                 label_year=None):
        net = B.network_until(p, parts, pairs, year)
        tm = lp.tie_matrix(net)
        n, ids = len(tm.ids), tm.ids
        self.year, self.net, self.tm, self.n = year, net, tm, n
        self.rows = np.unique(B.cand_rows(net, tm, sources))
        later = pairs[pairs["year"] > year] if label_year is None else \
            pairs[pairs["year"] == label_year]
        s, d = ids.get_indexer(later["u"]), ids.get_indexer(later["v"])
        ok = (s >= 0) & (d >= 0)
        T = sp.csr_matrix((np.ones(ok.sum()), (s[ok], d[ok])), shape=(n, n))
        T = ((T + T.T) > 0).astype(np.int8).tocsr()
        T = (T - T.multiply(tm.A > 0)).tocsr()
        T.eliminate_zeros()
        self.T = T
        self.truth_per_src = np.asarray(T[self.rows].sum(axis=1)).ravel()
        A = tm.A
        self.aa_m = (sp.diags(1.0 / np.log(np.maximum(tm.deg, 2.0))) @ A).tocsr()
        self.ra_m = (sp.diags(1.0 / np.maximum(tm.deg, 1.0)) @ A).tocsr()
        self.W = tm.W.tocsr()
        self.tiebreak = np.random.default_rng(7).random(n)
        # projects starting up to the cut only
        r = raw[(raw["start_year"] <= year) & raw["pic"].isin(ids)]
        pj, pcode = np.unique(r["rcn"].to_numpy(), return_inverse=True)
        oi = ids.get_indexer(r["pic"])
        self.Bip = sp.csr_matrix((np.ones(len(r)), (oi, pcode)),
                                 shape=(n, len(pj)))
        self.psize = np.asarray(self.Bip.sum(axis=0)).ravel()
        pend = r.groupby(pcode)["end"].first().to_numpy()
        cut = pd.Timestamp(f"{year}-12-31")

        def cnt(mask):
            return np.bincount(oi[mask], minlength=n).astype(float)
        self.nproj = cnt(np.ones(len(r), bool))
        self.recent = cnt((r["start"] > cut - pd.Timedelta(days=365)).to_numpy())
        self.running = cnt((r["end"] > cut).to_numpy())
        self.coord = cnt((r["role"] == "coordinator").to_numpy())
        C = (self.Bip @ self.Bip.T).tocsr()
        C.setdiag(0)
        C.eliminate_zeros()
        self.C = C
        self.A_running = self._ties(pend > np.datetime64(cut))
        self.A_small = self._ties(self.psize <= 10)
        pp = r[["rcn", "pic"]].merge(parts, on="rcn")
        _, ppc = np.unique(pp["programme_part"], return_inverse=True)
        Pm = sp.csr_matrix((np.ones(len(pp)), (ids.get_indexer(pp["pic"]),
                                               ppc)), shape=(n, ppc.max() + 1))
        nr = np.sqrt(np.asarray(Pm.multiply(Pm).sum(axis=1)).ravel())
        self.Pn = (sp.diags(1 / np.maximum(nr, 1e-9)) @ Pm).tocsr()
        _, self.ccode = np.unique(net.actors["country"].astype(str),
                                  return_inverse=True)
        typ = net.actors["type"].astype(str).to_numpy()
        self.tcode = np.array([TYPES3.index(t) if t in TYPES3 else 2
                               for t in typ])
        self.BipT = self.Bip.T.tocsr()

    def _ties(self, pmask):
        Bs = self.Bip.tocsc()[:, np.flatnonzero(pmask)]
        M = (Bs @ Bs.T).tocsr()
        M.setdiag(0)
        M.eliminate_zeros()
        M.data[:] = 1.0
        return M


class Block:
    """Dense (len(block) × n) features of a block of sources, built on
    demand and kept."""

    def __init__(self, sp_, block):
        self.s, self.b, self._f = sp_, block, {}
        A = sp_.tm.A
        self.forbid = A[block].toarray() > 0
        self.forbid[np.arange(len(block)), block] = True

    def __getitem__(self, k):
        if k not in self._f:
            self._f[k] = self._make(k)
        return self._f[k]

    def _make(self, k):
        s, b = self.s, self.b
        A = s.tm.A
        one, z = np.ones((len(b), 1)), np.ones((1, s.n))
        if k == "cn":
            return (A[b] @ A).toarray()
        if k == "mask":
            return (self["cn"] > 0) & ~self.forbid
        if k == "aa":
            return (A[b] @ s.aa_m).toarray()
        if k == "ra":
            return (A[b] @ s.ra_m).toarray()
        if k == "w":
            return (s.W[b] @ s.W).toarray()
        if k == "p3":
            return ((A[b] @ A) @ A).toarray()
        if k == "cc":
            return (s.C[b] @ s.C).toarray()
        if k == "cos":
            return (s.Pn[b] @ s.Pn.T).toarray()
        if k == "same":
            return (s.ccode[b][:, None] == s.ccode[None, :]).astype(float)
        if k == "cn_running":
            return (s.A_running[b] @ s.A_running).toarray()
        if k == "cn_small":
            return (s.A_small[b] @ s.A_small).toarray()
        if k in ("proj_sumfrac", "proj_sumsq"):
            sf, sq = np.zeros((len(b), s.n)), np.zeros((len(b), s.n))
            for i, src in enumerate(b):
                ps = s.Bip.indices[s.Bip.indptr[src]:s.Bip.indptr[src + 1]]
                if len(ps):
                    fr = (s.BipT[ps] @ A).toarray() / np.maximum(
                        s.psize[ps] - 1, 1)[:, None]
                    sf[i], sq[i] = fr.sum(0), (fr ** 2).sum(0)
            self._f["proj_sumfrac"], self._f["proj_sumsq"] = sf, sq
            return self._f[k]
        if k in ("recent", "running", "nproj", "coord"):
            return getattr(s, k)[None, :] * one
        if k in ("recent_s", "running_s", "nproj_s"):
            return getattr(s, k[:-2])[b][:, None] * z
        if k == "deg":
            return s.tm.deg[None, :].astype(float) * one
        if k == "deg_s":
            return s.tm.deg[b][:, None].astype(float) * z
        if k.startswith("type:"):
            a, c = (TYPES3.index(x) for x in k[5:].split("-"))
            ts, tc = s.tcode[b][:, None], s.tcode[None, :]
            return (((ts == a) & (tc == c)) | ((ts == c) & (tc == a))).astype(float)
        raise KeyError(k)

    def rank(self, v):
        """1 = best within each source's candidates (stable ties)."""
        v = np.where(self["mask"], v, -np.inf)
        o = np.argsort(-v, axis=1, kind="stable")
        r = np.empty_like(o)
        np.put_along_axis(r, o, np.broadcast_to(np.arange(v.shape[1]),
                                                v.shape).copy(), axis=1)
        return r + 1.0


def on_pairs(f):
    """A score of the block, -inf where no common partner."""
    return lambda bl: np.where(bl["cn"] > 0, f(bl), -np.inf)


def rrf(*keys, k0=60):
    return on_pairs(lambda bl: sum(1.0 / (k0 + bl.rank(bl[k])) for k in keys))


L1 = np.log1p

#: name -> score of a block (higher first); every idea of the table.
IDEAS = {
    "common_neighbours": on_pairs(lambda b: b["cn"]),
    "adamic_adar": on_pairs(lambda b: b["aa"]),
    "resource_allocation": on_pairs(lambda b: b["ra"]),
    "jaccard": on_pairs(lambda b: b["cn"] / (b["deg"] + b["deg_s"] - b["cn"])),
    "preferential_attachment": lambda b: np.where(
        b["deg"] > 0, b["deg"] * b["deg_s"], -np.inf),
    # proximity x activity (project-level activity)
    "cn×recent": on_pairs(lambda b: b["cn"] * (1 + b["recent"])),
    "aa×running": on_pairs(lambda b: b["aa"] * (1 + b["running"])),
    "aa×nproj": on_pairs(lambda b: b["aa"] * (1 + b["nproj"])),
    "w×recent×recent_s": on_pairs(
        lambda b: b["w"] * (1 + b["recent"]) * (1 + b["recent_s"])),
    "w×nproj×nproj_s": on_pairs(
        lambda b: b["w"] * (1 + b["nproj"]) * (1 + b["nproj_s"])),
    # programme parts, country
    "cn×(1+cos)": on_pairs(lambda b: b["cn"] * (1 + b["cos"])),
    "cn×(1+same country)": on_pairs(lambda b: b["cn"] * (1 + b["same"])),
    # ties by project
    "cn_running": on_pairs(lambda b: b["cn_running"]),
    "cn_small": on_pairs(lambda b: b["cn_small"]),
    "proj_sumfrac": on_pairs(lambda b: b["proj_sumfrac"]),
    "log p3 + log w + proj_sumsq": on_pairs(
        lambda b: L1(b["p3"]) + L1(10 * b["w"]) + b["proj_sumsq"]),
    # references of earlier sections
    "p3": on_pairs(lambda b: b["p3"]),
    "log w + log p3": on_pairs(lambda b: np.log(b["w"] + 1e-12) + np.log1p(b["p3"])),
    "log1p(10 w) + log1p(p3)": on_pairs(lambda b: L1(10 * b["w"]) + L1(b["p3"])),
    # rank fusion
    "rrf(p3,w,cn,ra)": rrf("p3", "w", "cn", "ra"),
    "rrf(p3,w,aa,cos)": rrf("p3", "w", "aa", "cos"),
    "rrf(p3,w,cn,ra,cn_running)": rrf("p3", "w", "cn", "ra", "cn_running"),
}

FEATS = {
    "lcn": lambda b: L1(b["cn"]), "laa": lambda b: L1(b["aa"]),
    "lra": lambda b: L1(10 * b["ra"]), "lw": lambda b: L1(10 * b["w"]),
    "lp3": lambda b: L1(b["p3"]), "lcc": lambda b: L1(b["cc"]),
    "cos": lambda b: b["cos"], "same": lambda b: b["same"],
    "ll": lambda b: b["type:lab-lab"], "lc": lambda b: b["type:lab-company"],
    "cc_": lambda b: b["type:company-company"],
    "la": lambda b: b["type:lab-agency"],
    "ca": lambda b: b["type:company-agency"],
    "aa_": lambda b: b["type:agency-agency"],
    "lcdeg": lambda b: L1(b["deg"]), "lcrec": lambda b: L1(b["recent"]),
    "lcrun": lambda b: L1(b["running"]),
    "lccoord": lambda b: L1(b["coord"]),
    "crecratio": lambda b: b["recent"] / np.maximum(b["nproj"], 1),
    "lsdeg": lambda b: L1(b["deg_s"]), "lsrec": lambda b: L1(b["recent_s"]),
    "lsrun": lambda b: L1(b["running_s"]),
}
GLOBAL_FEATS = ("lrank", "lsdeg", "lsrun", "lsrec", "lcn", "lp3", "lw",
                "lra", "lcdeg", "lcrun")


def evaluate(sp_, scores, per_source=500, k_list=10, chunk=256):
    """bench_backtest_real.evaluate_split's lists and measures, for
    ``scores`` (name -> f(Block) dense, -inf: not ranked)."""
    rows, T = sp_.rows, sp_.T
    per = {m: [] for m in scores}
    glob = {m: [] for m in scores}
    for start in range(0, len(rows), chunk):
        block = rows[start:start + chunk]
        bl = Block(sp_, block)
        Tb = T[block].toarray() > 0
        for m, f in scores.items():
            s = np.array(f(bl), dtype=float)
            s[bl.forbid] = -np.inf
            hits, listed = B.top_lists(s, Tb, sp_.tiebreak, per_source,
                                       k_list)
            per[m].append(hits)
            glob[m].append(listed)
    has = sp_.truth_per_src > 0
    out = {}
    for m in scores:
        h10 = np.concatenate(per[m])
        g = np.concatenate(glob[m])
        gh = g[np.argsort(-g[:, 0], kind="stable"), 1]
        out[m] = {"P@10/actor": float(np.mean(h10[has] / k_list)),
                  "P@100": float(gh[:100].mean()),
                  "P@500": float(gh[:500].mean())}
    return pd.DataFrame.from_dict(out, orient="index")


# ------------------------------------------------------------ fitted models
def fit_logit(X, y, ridge=1.0):
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z1 = np.c_[np.ones(len(X)), (X - mu) / sd]

    def fg(b):
        t = Z1 @ b
        p = 1 / (1 + np.exp(-t))
        g = -Z1.T @ (y - p)
        g[1:] += ridge * b[1:]
        return (-(y * t - np.logaddexp(0, t)).sum()
                + 0.5 * ridge * (b[1:] ** 2).sum()), g
    return mu, sd, minimize(fg, np.zeros(Z1.shape[1]), jac=True,
                            method="L-BFGS-B").x


def fit_clogit(X, y, g, ridge=1.0):
    """Conditional logit: a softmax over each source's candidates, the
    sources with a new pair."""
    mu, sd = X.mean(0), X.std(0) + 1e-9
    k = np.isin(g, np.unique(g[y]))
    Z, yy = (X[k] - mu) / sd, y[k]
    _, gi = np.unique(g[k], return_inverse=True)
    G = gi.max() + 1
    npos = np.bincount(gi, weights=yy, minlength=G)

    def fg(b):
        t = Z @ b
        mx = np.full(G, -np.inf)
        np.maximum.at(mx, gi, t)
        e = np.exp(t - mx[gi])
        se = np.bincount(gi, weights=e, minlength=G)
        p = e / se[gi]
        return (-(yy * t).sum() + (npos * (np.log(se) + mx)).sum()
                + 0.5 * ridge * (b ** 2).sum(),
                -Z.T @ yy + Z.T @ (p * npos[gi]) + ridge * b)
    b = minimize(fg, np.zeros(Z.shape[1]), jac=True, method="L-BFGS-B").x
    return mu, sd, np.r_[0.0, b]


def _global_feats(bl, rank, r, c):
    d = {"lrank": np.log(rank[r, c])}
    return np.column_stack([d[k] if k in d else FEATS[k](bl)[r, c]
                            for k in GLOBAL_FEATS])


def fitted_ideas(raw, p, parts, pairs, year, n_src=3000, top_rank=100):
    """The models of the window year−1 → year, as scores of IDEAS' form."""
    tr = Split(raw, p, parts, pairs, year - 1, "all", label_year=year)
    rng = np.random.default_rng(11)
    src = np.sort(rng.choice(tr.rows, min(n_src, len(tr.rows)),
                             replace=False))
    orders = {"w+p3": lambda b: FEATS["lw"](b) + FEATS["lp3"](b),
              "rrf(p3,w,cn,ra)": IDEAS["rrf(p3,w,cn,ra)"]}
    X, y, g, GX = [], [], [], {m: ([], []) for m in orders}
    for st in range(0, len(src), 256):
        block = src[st:st + 256]
        bl = Block(tr, block)
        r, c = np.nonzero(bl["mask"])
        yb = tr.T[block].toarray() > 0
        X.append(np.column_stack([FEATS[k](bl)[r, c] for k in FEATS]))
        y.append(yb[r, c])
        g.append(block[r])
        for m, f in orders.items():
            rank = bl.rank(f(bl) + 1e-9 * tr.tiebreak[None, :])
            r2, c2 = np.nonzero(bl["mask"] & (rank <= top_rank))
            GX[m][0].append(_global_feats(bl, rank, r2, c2))
            GX[m][1].append(yb[r2, c2])
    X, y, g = np.vstack(X), np.concatenate(y), np.concatenate(g)
    lin = {"logit": fit_logit(X, y), "clogit": fit_clogit(X, y, g)}
    glob = {m: fit_logit(np.vstack(a), np.concatenate(b))
            for m, (a, b) in GX.items()}
    out = {}
    for nm, (mu, sd, b) in lin.items():
        out[nm] = on_pairs(lambda bl, mu=mu, sd=sd, b=b: b[0] + sum(
            b[j + 1] * (f(bl) - mu[j]) / sd[j]
            for j, f in enumerate(FEATS.values())))
    for m, (mu, sd, b) in glob.items():
        def gscore(bl, m=m, mu=mu, sd=sd, b=b):
            rank = bl.rank(orders[m](bl) + 1e-9 * bl.s.tiebreak[None, :])
            r, c = np.nonzero(bl["mask"] & (rank <= top_rank))
            s = np.full(rank.shape, -np.inf)
            s[r, c] = b[0] + ((_global_feats(bl, rank, r, c) - mu) / sd) @ b[1:]
            return s
        out[f"{m} -> global"] = gscore
    return out, {"training pairs": len(y), "new": int(y.sum())}


def load_raw(data):
    r = pd.read_csv(data / "participations-2014-2017.csv.gz",
                    keep_default_na=False, dtype=str)
    r = r.drop_duplicates(["rcn", "pic"]).copy()
    r["start_year"] = r["start_year"].astype(int)
    r["start"] = pd.to_datetime(r["start_date"])
    r["end"] = pd.to_datetime(r["end_date"], errors="coerce")
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=B.DATA)
    ap.add_argument("--splits", type=int, nargs="+", default=[2015, 2016])
    ap.add_argument("--fitted", action="store_true",
                    help="also the models fitted on the window Y−1 → Y")
    args = ap.parse_args()
    raw = load_raw(args.data)
    p, parts = B.load(args.data)
    pairs = B.project_pairs(p)
    pd.set_option("display.width", 200)
    for year in args.splits:
        t0 = time.process_time()
        scores = dict(IDEAS)
        if args.fitted:
            more, info = fitted_ideas(raw, p, parts, pairs, year)
            scores.update(more)
            print(f"fitted on {year - 1} → {year}: {info}")
        sp_ = Split(raw, p, parts, pairs, year)
        tab = evaluate(sp_, scores)
        best = tab.loc[list(HEUR)].max()
        tab["×best P@10"] = tab["P@10/actor"] / best["P@10/actor"]
        tab["×best P@100"] = tab["P@100"] / best["P@100"]
        later = f"{year + 1}–2017" if year + 1 < 2017 else "2017"
        print(f"\n== split ≤{year} → {later}: {sp_.n} actors, "
              f"{len(sp_.rows)} sources, {(sp_.truth_per_src > 0).sum()} with "
              f"a new partner; {time.process_time() - t0:.0f} CPU s")
        print(tab.round(4).to_string())


if __name__ == "__main__":
    main()
