"""Benchmark (issue 17): kill `graphkit run` at random moments, check that
OUT is always one whole run and that the next run cleans what a kill left.

Generates a small network, runs ``python -m graphkit run DATA -o OUT`` in a
child process, sends SIGKILL after a random delay (spread over the whole
run, swap included), and after each kill checks OUT: absent (no run ever
finished) or exactly the files its marker lists, with their sizes. A last
run must finish and leave no staging or backup folder beside OUT.

    python benchmarks/bench_kill.py [--kills 50] [--actors 60] [--seed 1]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = ".graphkit-run.json"


def run_command(data: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "graphkit", "run", str(data), "-o",
            str(out), "--lang", "en"]


def check_whole(out: Path) -> str:
    """'absent' or 'whole'; raises AssertionError when OUT is mixed or
    partial."""
    if not out.exists():
        return "absent"
    marker = out / MARKER
    assert marker.is_file(), f"{out} has no {MARKER}: partial"
    files = json.loads(marker.read_text())["files"]
    found = {p.relative_to(out).as_posix(): p.stat().st_size
             for p in out.rglob("*") if p.is_file() and p.name != MARKER}
    assert found == files, f"{out} differs from its marker: mixed or partial"
    return "whole"


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(f".{out.name}.graphkit-"))


def kill_runs(data: Path, out: Path, kills: int, seed: int = 1,
              env: dict | None = None) -> dict:
    """Run and kill ``kills`` times; return the counts of what OUT was."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    start = time.perf_counter()
    subprocess.run(run_command(data, out), check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    full = time.perf_counter() - start
    rng = random.Random(seed)
    seen = {"absent": 0, "whole": 0, "finished": 0}
    for _ in range(kills):
        proc = subprocess.Popen(run_command(data, out), env=env,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.1) * full)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        else:
            seen["finished"] += 1
        proc.wait()
        seen[check_whole(out)] += 1
    subprocess.run(run_command(data, out), check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert check_whole(out) == "whole"
    assert leftovers(out) == [], leftovers(out)
    seen["seconds_per_run"] = round(full, 2)
    return seen


def small_network(folder: Path, actors: int = 60, seed: int = 1) -> Path:
    sys.path.insert(0, str(ROOT))
    from graphkit.generate import generate_ecosystem
    from graphkit.io import write_network
    write_network(generate_ecosystem(actors, seed=seed), folder)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--actors", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = small_network(Path(tmp) / "data", args.actors, args.seed)
        seen = kill_runs(data, Path(tmp) / "out", args.kills, args.seed)
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
