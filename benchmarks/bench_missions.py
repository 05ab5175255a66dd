"""CPU time of the mission plans of every pôle, old against new, on
generated networks.

    python benchmarks/bench_missions.py [--sizes 1000 10000 30000]
                                        [--baseline REV] [--old-max N]

For each size: generate the ecosystem (seed 42), recommend for every
French SME, lab and pôle (not timed against anything: both planners read
the same table), then plan every pôle's mission with the baseline's
``plan_missions`` (the file graphkit/analysis/missions.py at REV, default
the commit this branch started from, read with ``git show`` and run in this
process) and with the current one, each on a fresh copy of the network so
that neither finds the other's caches. Prints the CPU seconds of both, their
ratio, and the growth exponent of each (the slope of log CPU seconds
against log actors between the smallest and the largest size).
"""
import argparse
import importlib.util
import math
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphkit.analysis.missions import plan_missions  # noqa: E402
from graphkit.analysis.recommend import recommend  # noqa: E402
from graphkit.generate import generate_ecosystem  # noqa: E402
from graphkit.network import Network  # noqa: E402

#: The commit before this planner (main's HEAD when it was written).
BASELINE = "56b9089"


def baseline_module(rev: str):
    """graphkit/analysis/missions.py at ``rev``, imported inside the
    graphkit.analysis package (its relative imports resolve)."""
    src = subprocess.run(["git", "show", f"{rev}:graphkit/analysis/missions.py"],
                         cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout
    name = "graphkit.analysis._missions_baseline"
    spec = importlib.util.spec_from_loader(name, loader=None)
    mod = importlib.util.module_from_spec(spec)
    mod.__package__ = "graphkit.analysis"
    exec(compile(src, f"{rev}:missions.py", "exec"), mod.__dict__)
    return mod


def fresh(net: Network) -> Network:
    return Network(net.actors.reset_index(), net.cooperations, net.meta)


def cpu(func, *args, **kwargs):
    t0 = time.process_time()
    out = func(*args, **kwargs)
    return time.process_time() - t0, out


def slope(points):
    (n0, t0), (n1, t1) = points[0], points[-1]
    return math.log(max(t1, 1e-6) / max(t0, 1e-6)) / math.log(n1 / n0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", type=int, nargs="+",
                   default=[1_000, 10_000, 30_000])
    p.add_argument("--baseline", default=BASELINE)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--old-max", type=int, default=30_000,
                   help="Run the baseline only up to this many actors (it "
                        "took 501 s at 100 000).")
    args = p.parse_args()
    old = baseline_module(args.baseline)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True).stdout.strip()
    print(f"baseline {args.baseline} (old) against the working tree of "
          f"{head} (new); CPU seconds of plan_missions for every pôle")
    print(f"{'actors':>8} {'pôles':>6} {'rec rows':>9} {'old s':>8} "
          f"{'new s':>8} {'old/new':>8} {'parks old':>9} {'parks new':>9}")
    olds, news = [], []
    for n in args.sizes:
        net = generate_ecosystem(n, seed=args.seed)
        recs = recommend(net, top=10, seed=args.seed)
        poles = sorted(net.actors_of_type("pole"))
        t_new, p_new = cpu(plan_missions, fresh(net), recs, parks=3)
        news.append((n, t_new))
        parks_new = sum(len(x["parks"]) for x in p_new.values())
        if n > args.old_max:
            print(f"{n:>8} {len(poles):>6} {len(recs):>9} {'–':>8} "
                  f"{t_new:>8.2f} {'–':>8} {'–':>9} {parks_new:>9}",
                  flush=True)
            continue
        t_old, p_old = cpu(old.plan_missions, fresh(net), recs, parks=3)
        olds.append((n, t_old))
        parks_old = sum(len(x["parks"]) for x in p_old.values())
        print(f"{n:>8} {len(poles):>6} {len(recs):>9} {t_old:>8.2f} "
              f"{t_new:>8.2f} {t_old / max(t_new, 1e-6):>8.1f} "
              f"{parks_old:>9} {parks_new:>9}", flush=True)
    if len(olds) > 1:
        print(f"growth exponent (CPU ~ actors^k, {olds[0][0]} to "
              f"{olds[-1][0]}): old k = {slope(olds):.2f}, new k = "
              f"{slope(news[:len(olds)]):.2f}")
    if len(news) > len(olds) > 0:
        print(f"new k from {news[0][0]} to {news[-1][0]} actors: "
              f"{slope(news):.2f}")


if __name__ == "__main__":
    main()
