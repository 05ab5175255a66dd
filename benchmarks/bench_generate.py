"""Time and peak memory of generate_ecosystem, and of writing, loading and
validating what it generates.

    python benchmarks/bench_generate.py [N ...]     # default 1000 10000 100000

Each step runs in a fresh process so its peak resident memory (ru_maxrss,
minus the interpreter's and imports' baseline, "+MB") is its own. Prints
a table with wall-clock and CPU seconds (CPU time is the steadier figure
on a shared machine).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STEP = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from graphkit.generate import generate_ecosystem
from graphkit.io import read_network, write_network
n, step, folder = {n}, {step!r}, {folder!r}
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t, c = time.perf_counter(), time.process_time()
if step == "generate":
    net = generate_ecosystem(n, seed=42)
    rows = len(net.cooperations)
elif step == "write":
    net = generate_ecosystem(n, seed=42)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t, c = time.perf_counter(), time.process_time()
    write_network(net, folder)
    rows = len(net.cooperations)
else:
    r = read_network(folder)
    assert r.counts["actors"]["rejected"] == 0
    assert r.counts["cooperations"]["rejected"] == 0
    rows = r.counts["cooperations"]["loaded"]
dt, dc = time.perf_counter() - t, time.process_time() - c
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": dt, "cpu": dc, "peak_mb": peak / 1024,
                  "delta_mb": max(0, peak - base) / 1024, "rows": rows}}))
"""


def run(n: int, step: str, folder: str) -> dict:
    code = STEP.format(root=str(ROOT), n=n, step=step, folder=folder)
    out = subprocess.run([sys.executable, "-c", code], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(sizes):
    print(f"{'actors':>8} {'step':<16} {'cooperations':>12} {'seconds':>8} "
          f"{'cpu s':>7} {'peak MB':>8} {'+MB':>7}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            for step in ("generate", "write", "load+validate"):
                r = run(n, step, folder)
                print(f"{n:>8} {step:<16} {r['rows']:>12} {r['seconds']:>8.2f} {r['cpu']:>7.2f} "
                      f"{r['peak_mb']:>8.0f} {r['delta_mb']:>7.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
