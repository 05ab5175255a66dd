"""Time (and peak memory) of the recommendations for a large ecosystem.

    python benchmarks/bench_recommend.py [--actors 100000] [--top 10]

Prints the time to generate, to recommend for every French SME, lab and
pôle (wall and CPU seconds of this process: the machine is shared, compare
CPU), the number of rows and the peak resident memory.
"""
import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphkit.analysis.recommend import default_sources, recommend
from graphkit.generate import generate_ecosystem

p = argparse.ArgumentParser()
p.add_argument("--actors", type=int, default=100_000)
p.add_argument("--top", type=int, default=10)
p.add_argument("--seed", type=int, default=42)
args = p.parse_args()

t0 = time.perf_counter()
net = generate_ecosystem(args.actors, seed=args.seed)
t1 = time.perf_counter()
print(f"generate {args.actors} actors, {len(net.cooperations)} cooperations: "
      f"{t1 - t0:.1f} s")
n_src = len(default_sources(net))
t1 = time.perf_counter()
c1 = time.process_time()
rec = recommend(net, top=args.top)
t2 = time.perf_counter()
cpu = time.process_time() - c1
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"recommend for {n_src} French SMEs/labs/pôles (top {args.top}): "
      f"{t2 - t1:.1f} s ({cpu:.1f} CPU s), {len(rec)} rows, "
      f"{rec['programmes'].astype(bool).sum()} with a programme, "
      f"peak RSS {peak:.0f} MiB")
