"""Back-test of the recommendations on REAL data: EU Horizon 2020
co-participation, projects starting 2014–2017 (../shared/data/cordis-h2020,
read its README).

    python benchmarks/bench_backtest_real.py [--splits 2015 2016] [--sources fr|all]
                                             [--data DIR] [--ranking temporal|per_source|auto]

The network at a split year Y is built from the projects starting up to Y
only (actors, their programme parts, their ties); the truth is the pairs of
actors known at Y that first take part in a project together after Y, with
an end among the source actors. For graphkit and for each plain heuristic
(common neighbours, Adamic–Adar, resource allocation, Jaccard, preferential
attachment), computed for the SAME source actors and lists of the SAME
length, it prints:

* per-actor precision@10 and recall@10: each source's list of 10 (fewer
  when a heuristic has fewer pairs with a score > 0; the denominator stays
  10), averaged over the sources with at least one new partner;
* global precision@100 / @500: the best 100 / 500 (source, partner) pairs
  of all the lists of 500 per source;
* AUC: over every truth pair and 200 000 pairs drawn uniformly from the
  (source, actor) pairs not tied at Y (seeded); pairs a score does not
  rank (graphkit's non-candidates) rank last.

With ``--ranking temporal`` it also prints how the probability was
calibrated, the reliability table (mean probability against the rate of a
first tie within the model's horizon, by decile of the candidates) and the
lists of 10 cut at the model's threshold (rows kept, their precision).

The adapter from CORDIS rows to a graphkit Network lives here on purpose
(the importer graphkit/io/cordis.py is written apart): organisations by PIC,
type PRC -> company, HES/REC -> lab, PUB/OTH -> agency, country UK -> GB and
EL -> GR; a tie = two organisations in one project, dated by its start
year, weighing 1/(n-1) in a project of n (large consortia make cliques),
its ``programme`` the project's programme part (the first when several).
The programme parts are NOT made the actors' ``sectors``: sectors carry no
year, so sectors built from every project up to Y would tell the model,
trained on the years before Y, which pairs meet in the next projects (a
leak we measured: it made the learned ranking worse than common
neighbours); the dated ``programme`` of the ties says the same honestly.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd
import scipy.sparse as sp

from graphkit.network import Network
import graphkit.analysis.recommend  # noqa: F401  (the module, not the function)
rc = sys.modules["graphkit.analysis.recommend"]

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis-h2020"
TYPES = {"PRC": "company", "HES": "lab", "REC": "lab", "PUB": "agency",
         "OTH": "agency"}
COUNTRIES = {"UK": "GB", "EL": "GR"}
HEURISTICS = ("common_neighbours", "adamic_adar", "resource_allocation",
              "jaccard", "preferential_attachment")


def load(data: Path):
    p = pd.read_csv(data / "participations-2014-2017.csv.gz",
                    keep_default_na=False, dtype=str)
    parts = pd.read_csv(data / "programme-parts-2014-2017.csv.gz",
                        keep_default_na=False, dtype=str)
    p = p[["rcn", "pic", "type", "country", "start_year"]].drop_duplicates(
        ["rcn", "pic"])
    p["start_year"] = p["start_year"].astype(int)
    return p, parts


def project_pairs(p: pd.DataFrame) -> pd.DataFrame:
    """Every pair of organisations of each project: rcn, u, v, year, weight."""
    g = p[["rcn", "pic", "start_year"]]
    size = g.groupby("rcn")["pic"].transform("size")
    g = g.assign(n=size)[size > 1]
    j = g.merge(g[["rcn", "pic"]], on="rcn", suffixes=("", "_b"))
    j = j[j["pic"] < j["pic_b"]]
    return pd.DataFrame({"rcn": j["rcn"].to_numpy(), "u": j["pic"].to_numpy(),
                         "v": j["pic_b"].to_numpy(),
                         "year": j["start_year"].to_numpy(),
                         "weight": 1.0 / (j["n"].to_numpy() - 1)})


def network_until(p, parts, pairs, year: int) -> Network:
    """The Network as CORDIS showed it at the end of ``year``."""
    seen = p[p["start_year"] <= year]
    first = seen.drop_duplicates("pic").set_index("pic")
    actors = pd.DataFrame({
        "id": first.index, "name": first.index,
        "type": first["type"].map(TYPES).to_numpy(),
        "country": first["country"].replace(COUNTRIES).to_numpy()})
    pr = pairs[pairs["year"] <= year]
    part = parts.sort_values(["rcn", "programme_part"]).drop_duplicates(
        "rcn").set_index("rcn")["programme_part"]
    coops = pd.DataFrame({"source": pr["u"].to_numpy(),
                          "target": pr["v"].to_numpy(),
                          "type": "rd_partnership",
                          "year": pr["year"].to_numpy(),
                          "programme": pr["rcn"].map(part).to_numpy(),
                          "weight": pr["weight"].to_numpy()})
    return Network(actors, coops, {"name": f"cordis-h2020 ≤{year}"})


# ------------------------------------------------------------ the scorers
def heuristic_block(name, tm, block, mats):
    """Dense (len(block) × n) scores of a heuristic; -inf: not ranked."""
    A, A_aa, A_ra = mats
    deg = tm.deg.astype(float)
    B = A[block]
    if name == "preferential_attachment":
        s = np.tile(deg[block][:, None] * deg[None, :], 1)
        s[:, deg == 0] = -np.inf
        return s
    cn = (B @ A).toarray()
    if name == "common_neighbours":
        s = cn
    elif name == "adamic_adar":
        s = (B @ A_aa).toarray()
    elif name == "resource_allocation":
        s = (B @ A_ra).toarray()
    else:
        union = deg[block][:, None] + deg[None, :] - cn
        s = np.divide(cn, union, out=np.zeros_like(cn), where=union > 0)
    return np.where(cn > 0, s, -np.inf)


def top_lists(s, Tb, tiebreak, per_source: int, k_list: int):
    """The lists of one block of sources: each row's best ``per_source``
    columns of the scores ``s`` (``-inf``: not ranked), ordered by score
    then the seeded ``tiebreak``; returns the hits among each row's first
    ``k_list`` (``Tb``: the truth of the block) and the (score, hit) of
    every listed pair, for the global lists."""
    kk = min(per_source, s.shape[1] - 1)
    key = s + 1e-9 * tiebreak[None, :] * np.isfinite(s)
    top = np.argpartition(-key, kk - 1, axis=1)[:, :kk]
    tv = np.take_along_axis(key, top, axis=1)
    o = np.argsort(-tv, axis=1, kind="stable")
    top = np.take_along_axis(top, o, axis=1)
    tv = np.take_along_axis(tv, o, axis=1)
    fin = np.isfinite(tv)
    hit = np.take_along_axis(Tb, top, axis=1) & fin
    return hit[:, :k_list].sum(axis=1), np.c_[tv[fin], hit[fin]]


def evaluate_split(p, parts, pairs, year, sources_kind, ranking, seed=7,
                   chunk=256, per_source=500, k_list=10):
    net = network_until(p, parts, pairs, year)
    t0 = time.perf_counter()
    M, prep, cand = graphkit_scores_fn(net, sources_kind, ranking)
    t_gk = time.perf_counter() - t0
    tm = prep.tm
    n = prep.n
    ids = tm.ids
    rows = np.unique(cand_rows(net, tm, sources_kind))
    # truth: pairs of known actors, first tied after the split
    later = pairs[pairs["year"] > year]
    s, d = ids.get_indexer(later["u"]), ids.get_indexer(later["v"])
    ok = (s >= 0) & (d >= 0)
    s, d = s[ok], d[ok]
    T = sp.csr_matrix((np.ones(len(s)), (s, d)), shape=(n, n))
    T = ((T + T.T) > 0).astype(np.int8).tocsr()
    T = (T - T.multiply(tm.A > 0)).tocsr()
    T.eliminate_zeros()
    is_src = np.zeros(n, bool)
    is_src[rows] = True
    truth_per_src = np.asarray(T[rows].sum(axis=1)).ravel()
    A = tm.A
    aa_w = 1.0 / np.log(np.maximum(tm.deg, 2.0))
    ra_w = 1.0 / np.maximum(tm.deg, 1.0)
    mats = (A, (sp.diags(aa_w) @ A).tocsr(), (sp.diags(ra_w) @ A).tocsr())
    rng = np.random.default_rng(seed)
    tiebreak = rng.random(n)
    methods = ("graphkit",) + HEURISTICS
    per = {m: [] for m in methods}  # (hits@10, listed) per source
    glob = {m: [] for m in methods}  # (score, truth) of the top per_source
    for start in range(0, len(rows), chunk):
        block = rows[start:start + chunk]
        Tb = T[block].toarray() > 0
        forbid = (A[block].toarray() > 0)
        forbid[np.arange(len(block)), block] = True
        for m in methods:
            if m == "graphkit":
                g = M[block].toarray()
                s = np.where(g > 0, g - 1.0, -np.inf)
            else:
                s = heuristic_block(m, tm, block, mats)
            s[forbid] = -np.inf
            hits, listed = top_lists(s, Tb, tiebreak, per_source, k_list)
            per[m].append(hits)
            glob[m].append(listed)
    has = truth_per_src > 0
    out = {}
    for m in methods:
        h10 = np.concatenate(per[m])
        g = np.concatenate(glob[m])
        order = np.argsort(-g[:, 0], kind="stable")
        gh = g[order, 1]
        out[m] = {"P@10/actor": float(np.mean(h10[has] / k_list)),
                  "R@10/actor": float(np.mean(h10[has] / truth_per_src[has])),
                  "P@100": float(gh[:100].mean()),
                  "P@500": float(gh[:500].mean())}
    # AUC over the truth pairs and uniformly drawn non-tied pairs
    tr = T[rows].tocoo()
    pos_r, pos_c = rows[tr.row], tr.col
    m_neg = 200_000
    nr = rows[rng.integers(0, len(rows), m_neg)]
    nc = rng.integers(0, n, m_neg)
    bad = (nr == nc) | (np.asarray(A[nr, nc]).ravel() > 0) | \
        (np.asarray(T[nr, nc]).ravel() > 0)
    nr, nc = nr[~bad], nc[~bad]
    ar, ac = np.r_[pos_r, nr], np.r_[pos_c, nc]
    y = np.r_[np.ones(len(pos_r)), np.zeros(len(nr))].astype(bool)
    from graphkit.analysis.linkpred import pair_scores
    ps = pair_scores(tm, ar, ac)
    gk = np.asarray(M[ar, ac]).ravel()
    col = {"graphkit": np.where(gk > 0, gk - 1.0, -1.0),
           "common_neighbours": ps["common_neighbours"].to_numpy(),
           "adamic_adar": ps["adamic_adar"].to_numpy(),
           "resource_allocation": ps["resource_allocation"].to_numpy(),
           "jaccard": ps["jaccard"].to_numpy(),
           "preferential_attachment": ps["preferential_attachment"].to_numpy()}
    from scipy.stats import rankdata
    for m in methods:
        rk = rankdata(col[m])
        npos, nneg = y.sum(), (~y).sum()
        out[m]["AUC"] = float((rk[y].sum() - npos * (npos + 1) / 2)
                              / (npos * nneg))
    # reliability: graphkit's probability against the rate observed within
    # its horizon (the pairs first tied in year+1 … year+horizon), by decile
    # of the candidates; and the lists cut at the model's threshold
    rel, above = None, None
    if ranking == "temporal" and prep.ranker.time_aware:
        h = prep.ranker.horizon
        soon = pairs[(pairs["year"] > year) & (pairs["year"] <= year + h)]
        s2, d2 = ids.get_indexer(soon["u"]), ids.get_indexer(soon["v"])
        ok2 = (s2 >= 0) & (d2 >= 0)
        H = sp.csr_matrix((np.ones(int(ok2.sum())), (s2[ok2], d2[ok2])),
                          shape=(n, n))
        H = ((H + H.T) > 0).astype(np.int8).tocsr()
        gc = M[rows].tocoo()
        prob = gc.data - 1.0
        hit = np.asarray(H[rows[gc.row], gc.col]).ravel() > 0
        hit &= np.asarray(A[rows[gc.row], gc.col]).ravel() == 0
        dec = pd.qcut(pd.Series(prob).rank(method="first"), 10, labels=False)
        rel = pd.DataFrame({"decile": dec + 1, "predicted": prob,
                            "observed": hit}).groupby("decile").agg(
            pairs=("observed", "size"), predicted=("predicted", "mean"),
            observed=("observed", "mean"))
        thr = prep.ranker.threshold
        top10 = pd.DataFrame({"r": gc.row, "p": prob, "hit": hit}).sort_values(
            ["r", "p"], ascending=[True, False]).groupby("r").head(k_list)
        kept = top10[top10["p"] >= thr]
        above = dict(threshold=thr, rows_all=len(top10), rows_kept=len(kept),
                     sources_kept=int(kept["r"].nunique()),
                     precision_all=float(top10["hit"].mean()),
                     precision_kept=float(kept["hit"].mean()) if len(kept)
                     else float("nan"))
    table = pd.DataFrame.from_dict(out, orient="index")
    info = dict(year=year, actors=n, ties=int(A.nnz // 2), sources=len(rows),
                sources_with_new=int(has.sum()),
                new_pairs=int(len(pos_r)), seconds=t_gk,
                model=prep.ranker.describe() if ranking != "case_control"
                else {},
                reliability=rel, above=above,
                choice=prep.choice.describe() if ranking == "auto" else None)
    return table, info


def cand_rows(net, tm, kind):
    a = net.actors
    if kind == "all":
        keep = np.ones(len(a), bool)
    else:
        keep = (a["country"].astype(str).str.upper() == "FR").to_numpy()
    rows = np.flatnonzero(keep & (tm.deg > 0))
    return rows


#: Two-hop candidates per source (``--max-two-hop``; recommend's default).
MAX_TWO_HOP = 60


def graphkit_scores_fn(net, kind, ranking):
    """graphkit's candidates of the sources and their scores, as a sparse
    (n × n) matrix holding score + 1 (0: not a candidate)."""
    prep = rc.prepare(net)
    rows = cand_rows(net, prep.tm, kind)
    cand = rc.candidates(prep, rows, max_two_hop=MAX_TWO_HOP)
    score, _ = rc.score_candidates(prep, cand, ranking)
    n = prep.n
    r, c = cand["r"].to_numpy(), cand["c"].to_numpy()
    M = sp.csr_matrix((score + 1.0, (r, c)), shape=(n, n))
    return M, prep, cand


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--splits", type=int, nargs="+", default=[2015, 2016])
    ap.add_argument("--sources", choices=("fr", "all"), default="fr")
    ap.add_argument("--ranking", choices=rc.RANKINGS, default="case_control")
    ap.add_argument("--max-two-hop", type=int, default=MAX_TWO_HOP,
                    help="two-hop candidates per source")
    args = ap.parse_args()
    globals()["MAX_TWO_HOP"] = args.max_two_hop
    p, parts = load(args.data)
    pairs = project_pairs(p)
    pd.set_option("display.width", 200)
    for year in args.splits:
        table, info = evaluate_split(p, parts, pairs, year, args.sources,
                                     args.ranking)
        print(f"\n== split ≤{year} → {year + 1}–2017: {info['actors']} actors, "
              f"{info['ties']} ties; {info['sources']} sources "
              f"({args.sources}), {info['sources_with_new']} with a new "
              f"partner; {info['new_pairs']} new pairs; graphkit "
              f"{info['seconds']:.1f} s, ranking {args.ranking}")
        d = info["model"] if args.ranking != "case_control" else {
            "time_aware": False, "horizon_years": None, "reason": ""}
        if args.ranking == "auto":
            print(f"auto chose {info['choice']['chosen']}: "
                  f"{info['choice']['reason']}")
        print(f"model: time_aware={d['time_aware']} horizon={d['horizon_years']}"
              f" windows={d.get('windows')} {d['reason']}")
        if d.get("coefficients"):
            print("coefficients:", d["coefficients"])
        if args.ranking == "per_source" and d.get("order_coefficients"):
            print("per-source order:", d["order_coefficients"])
        print(table.round(4).to_string())
        if info["reliability"] is not None:
            print(f"calibration: {d.get('calibration')}; platt "
                  f"{d.get('platt')}")
            print(f"reliability of graphkit's probability (a first tie within "
                  f"{d['horizon_years']} year(s), observed within the same "
                  f"horizon), by decile of its candidates:")
            print(info["reliability"].round(4).to_string())
            a = info["above"]
            print(f"lists of 10 cut at the threshold "
                  f"{a['threshold']:.4f} ({rc.tp.THRESHOLD_FACTOR:g}× the base "
                  f"rate): {a['rows_kept']} of {a['rows_all']} rows kept, "
                  f"{a['sources_kept']} sources with a list; precision within "
                  f"the horizon {a['precision_kept']:.4f} (all rows: "
                  f"{a['precision_all']:.4f})")
        best = table.drop(index="graphkit")
        for col in ("P@10/actor", "P@100"):
            b = best[col].idxmax()
            print(f"{col}: graphkit {table.loc['graphkit', col]:.4f} / best "
                  f"heuristic {b} {best.loc[b, col]:.4f} = "
                  f"{table.loc['graphkit', col] / best.loc[b, col]:.2f}×")


if __name__ == "__main__":
    main()
