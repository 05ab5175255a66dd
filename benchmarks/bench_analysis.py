"""Benchmark of the analysis engine against plain NetworkX.

    python benchmarks/bench_analysis.py [--sizes 1000,10000,100000]
                                        [--limit 60] [--seed 42]

For each generated ecosystem (:func:`graphkit.generate.generate_ecosystem`)
it prints, per metric, graphkit's seconds and peak memory next to the plain
NetworkX script's (each NetworkX metric runs in a child process stopped after
``--limit`` seconds, with its address space capped at 8 GB so a dense n x n
matrix fails instead of swapping), and their ratio; then the whole
``analyse`` (default and ``--exact``) and ``summarise`` times, and on the
10 000-actor network how far the sampled top-100 overlaps the exact top-100.

Peak memory is the process's peak resident set above what it held before the
metric (Linux ``VmHWM``, reset through ``/proc/self/clear_refs``); the
shortest-path metrics also run in worker processes, whose peak is the
``workers`` figure.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

METRICS = ("degree", "betweenness", "closeness", "pagerank", "eigenvector",
           "clustering", "constraint", "effective_size", "community",
           "brokerage")


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak():
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


LAST_CPU = {}


def measure(func):
    """(seconds, peak MB above the start) of ``func()``; its CPU seconds
    (this process and its finished workers) go to ``LAST_CPU["s"]``."""
    _reset_peak()
    base = _rss_mb("VmRSS")
    c = _cpu()
    t = time.perf_counter()
    func()
    seconds = time.perf_counter() - t
    LAST_CPU["s"] = _cpu() - c
    return seconds, max(0.0, _rss_mb("VmHWM") - base)


def network(n: int, seed: int):
    from graphkit.generate import generate_ecosystem
    return generate_ecosystem(n, seed=seed)


# ------------------------------------------------------------ NetworkX side
def nx_metric(name: str, n: int, seed: int) -> dict:
    """Run one metric the plain NetworkX way (in a child process)."""
    import networkx as nx
    g = network(n, seed).cooperation_graph()
    for _u, _v, d in g.edges(data=True):
        d["length"] = 1.0 / d["weight"]
    funcs = {
        "degree": lambda: dict(g.degree(weight="weight")),
        "betweenness": lambda: nx.betweenness_centrality(g, weight="length"),
        "closeness": lambda: nx.harmonic_centrality(g, distance="length"),
        "pagerank": lambda: nx.pagerank(g, weight="weight"),
        "eigenvector": lambda: nx.eigenvector_centrality(
            g, weight="weight", max_iter=1000),
        "clustering": lambda: nx.clustering(g),
        "constraint": lambda: nx.constraint(g, weight="weight"),
        "effective_size": lambda: nx.effective_size(g, weight="weight"),
        "community": lambda: nx.community.louvain_communities(
            g, weight="weight", seed=seed),
    }
    if name not in funcs:
        return {"status": "no NetworkX equivalent"}
    try:
        seconds, peak = measure(funcs[name])
    except MemoryError:
        return {"status": "out of memory (8 GB cap)"}
    except nx.PowerIterationFailedConvergence:
        return {"status": "did not converge"}
    return {"status": "ok", "seconds": seconds, "peak_mb": peak,
            "cpu": LAST_CPU["s"]}


def run_nx(name: str, n: int, seed: int, limit: float) -> dict:
    cmd = [sys.executable, __file__, "--nx-metric", name, "--n", str(n),
           "--seed", str(seed)]

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))
    try:
        # the child also generates the network: allow for it on top
        out = subprocess.run(cmd, capture_output=True, text=True,
                             timeout=limit + 30 + n / 2000, preexec_fn=cap)
    except subprocess.TimeoutExpired:
        return {"status": f"> {limit:.0f} s (stopped)"}
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        tail = (out.stderr.strip().splitlines() or ["?"])[-1]
        return {"status": "failed: " + tail[:60]}
    res = json.loads(lines[-1])
    if res.get("status") == "ok" and res["seconds"] > limit:
        return {"status": f"> {limit:.0f} s (stopped)"}
    return res


# ------------------------------------------------------------ graphkit side
def graphkit_metrics(net, seed: int, workers: int = 1) -> dict:
    """Each metric the way analyse computes it (with ``workers`` processes
    for the shortest-path metrics)."""
    from graphkit.analysis import engines as E
    from graphkit.analysis.brokerage import brokerage
    from graphkit.analysis.metrics import (APPROX_THRESHOLD, auto_pivots,
                                           indexed_ties)
    import numpy as np
    g, _, _ = indexed_ties(net)
    k = auto_pivots(len(g.u)) if g.n > APPROX_THRESHOLD else None
    # closeness comes from the same pivots as betweenness (one pass in
    # metrics_table; timed here on its own, so the two rows count it twice)
    kc = k
    funcs = {
        "degree": lambda: np.bincount(np.concatenate([g.u, g.v]),
                                      weights=np.concatenate([g.w, g.w]),
                                      minlength=g.n),
        "betweenness": lambda: E.betweenness(g, "weight", k=k, seed=seed,
                                              workers=workers),
        "closeness": lambda: E.harmonic_closeness(g, "weight", k=kc,
                                                  seed=seed, workers=workers),
        "pagerank": lambda: E.pagerank(g, "weight"),
        "eigenvector": lambda: E.eigenvector(g, "weight"),
        "clustering": lambda: E.clustering(g),
        "constraint": lambda: E.constraint(g, "weight"),
        "effective_size": lambda: E.effective_size(g, "weight"),
        "community": lambda: E.louvain(g, "weight", seed=seed),
        "brokerage": lambda: brokerage(net),
    }
    out = {}
    for name in METRICS:
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        seconds, peak = measure(funcs[name])
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out[name] = {"seconds": seconds, "peak_mb": peak,
                     "cpu": LAST_CPU["s"],
                     "workers_mb": workers / 1024 if workers > children
                     else None,
                     "method": ("sampled, %d pivots" % (
                                k if name == "betweenness" else kc)
                                if k and name in ("betweenness", "closeness")
                                else "exact")}
    return out, g


def top_overlap(exact: dict, approx: dict, top: int = 100) -> float:
    a = set(sorted(exact, key=lambda v: (-exact[v], str(v)))[:top])
    b = set(sorted(approx, key=lambda v: (-approx[v], str(v)))[:top])
    return len(a & b) / top


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--limit", type=float, default=60.0)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--exact-up-to", type=int, default=10000,
                   help="run analyse(exact=True) up to this size")
    p.add_argument("--workers", type=int, default=None,
                   help="processes of betweenness and closeness (default: "
                        "the machine's cores, engines.default_workers())")
    p.add_argument("--nx-metric")
    p.add_argument("--n", type=int)
    args = p.parse_args()
    if args.nx_metric:
        print(json.dumps(nx_metric(args.nx_metric, args.n, args.seed)))
        return

    from graphkit.analysis import metrics_table, summarise
    from graphkit.analysis import engines as E
    from graphkit.network import Ties
    workers = args.workers or E.default_workers()
    print(f"cores: {os.cpu_count()}, load average at start: "
          f"{os.getloadavg()[0]:.1f}, NetworkX time limit {args.limit:.0f} s "
          "(wall); cpu s = CPU seconds of the process and its workers")
    for n in (int(s) for s in args.sizes.split(",")):
        net = network(n, args.seed)
        ours, g = graphkit_metrics(net, args.seed, workers)
        print(f"\n## {n} actors, {len(g.u)} ties "
              f"({len(net.cooperations)} cooperation rows)")
        print(f"{'metric':<15} {'graphkit s':>10} {'cpu s':>7} {'MB':>9} "
              f"{'method':<20} {'NetworkX s':>12} {'cpu s':>7} {'MB':>7} "
              f"{'ratio':>8}")
        for name in METRICS:
            o = ours[name]
            ref = run_nx(name, n, args.seed, args.limit)
            nxc = ""
            if ref["status"] == "ok":
                nxs = f"{ref['seconds']:.3f}"
                nxc = f"{ref['cpu']:.2f}"
                nxm = f"{ref['peak_mb']:.0f}"
                ratio = f"{ref['seconds'] / max(o['seconds'], 1e-6):.0f}x"
            else:
                nxs, nxm = ref["status"], ""
                ratio = (f"> {args.limit / max(o['seconds'], 1e-6):.0f}x"
                         if ref["status"].startswith(">") else "")
            mb = f"{o['peak_mb']:.0f}"
            if o["workers_mb"]:
                mb += f"+w{o['workers_mb']:.0f}"
            print(f"{name:<15} {o['seconds']:>10.3f} {o['cpu']:>7.2f} "
                  f"{mb:>9} {o['method']:<20} {nxs:>12} {nxc:>7} {nxm:>7} "
                  f"{ratio:>8}", flush=True)
        holder = {}
        # analyse's work, with the approximations it made
        seconds, peak = measure(lambda: holder.update(
            zip(("m", "approx"), metrics_table(net, Ties(), workers=workers))))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"analyse (default): {seconds:.2f} s ({LAST_CPU['s']:.1f} CPU "
              f"s), peak +{peak:.0f} MB (process peak so far {rss:.0f} MB)")
        seconds_s, _ = measure(lambda: summarise(net, holder["m"]))
        print(f"summarise: {seconds_s:.2f} s")
        if n <= args.exact_up_to:
            seconds, peak = measure(lambda: holder.update(
                e=metrics_table(net, Ties(), exact=True, workers=workers)[0]))
            print(f"analyse --exact: {seconds:.2f} s ({LAST_CPU['s']:.1f} "
                  f"CPU s), peak +{peak:.0f} MB")
            if holder["approx"]:
                e, m = holder["e"], holder["m"]
                for col in ("betweenness", "closeness"):
                    ov = top_overlap(e[col].to_dict(), m[col].to_dict())
                    verdict = "ok" if ov >= 0.9 else "BELOW 90 %"
                    print(f"top-100 overlap, sampled vs exact {col}: "
                          f"{ov:.0%} ({verdict})")
    print(f"\nworkers per shortest-path metric: {workers}")


if __name__ == "__main__":
    main()
