"""Benchmark: the whole main job, `graphkit run DATA -o OUT`, as a user runs it.

Runs the command in a child process (``python cli.py run`` of a checkout) on
generated ecosystems and prints wall seconds, CPU seconds (the child and its
workers) and the child's peak memory. With ``--baseline REF`` the same data
is also run by the code of git revision REF (checked out into a temporary
worktree) in the same session, and the ratio is printed beside it: this
machine is shared and noisy, so compare ratios, not seconds.

    python benchmarks/bench_run.py [--actors 1000,10000] [--seed 1]
                                   [--baseline 12d46cc] [--repeat 1]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed_run(checkout: Path, data: Path, out: Path) -> dict:
    """Run ``python cli.py run DATA -o OUT`` of ``checkout``; wall, CPU and
    peak RSS of the child (and its children)."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "cli.py", "run", str(data), "-o", str(out)],
        cwd=checkout, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{checkout}: graphkit run failed:\n{err[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "peak_gb": usage.ru_maxrss / 1024 ** 2}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", default="1000,10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--baseline", default=None,
                    help="git revision to run beside the working tree")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per variant (the best is kept)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from graphkit.generate import generate_ecosystem
    from graphkit.io import write_network

    tmp = Path(tempfile.mkdtemp(prefix="bench-run-"))
    variants = [("graphkit (this tree)", ROOT)]
    if args.baseline:
        base = tmp / "baseline"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(base),
                        args.baseline], cwd=ROOT, check=True)
        variants.append((f"baseline {args.baseline}", base))
    try:
        print(f"cores: {os.cpu_count()}, load average at start: "
              f"{os.getloadavg()[0]:.1f}; best of {args.repeat}")
        print(f"{'actors':>7} {'variant':<28} {'wall s':>8} {'cpu s':>8} "
              f"{'peak GB':>8} {'cpu ratio':>10}")
        for n in (int(x) for x in args.actors.split(",")):
            data = tmp / f"gen{n}"
            write_network(generate_ecosystem(n, seed=args.seed), data)
            rows = []
            for label, checkout in variants:
                best = None
                for i in range(args.repeat):
                    r = timed_run(checkout, data, tmp / f"out-{n}-{i}")
                    shutil.rmtree(tmp / f"out-{n}-{i}", ignore_errors=True)
                    if best is None or r["cpu"] < best["cpu"]:
                        best = r
                rows.append((label, best))
            ref = rows[-1][1]["cpu"]
            for label, r in rows:
                print(f"{n:>7} {label:<28} {r['wall']:>8.1f} {r['cpu']:>8.1f} "
                      f"{r['peak_gb']:>8.2f} {r['cpu'] / ref:>9.2f}x",
                      flush=True)
    finally:
        if args.baseline:
            subprocess.run(["git", "worktree", "remove", "--force",
                            str(tmp / "baseline")], cwd=ROOT)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
