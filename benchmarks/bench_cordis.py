"""CORDIS benchmark: the whole real H2020 extract (2014-2017) through
graphkit's own code, stage by stage.

    python benchmarks/bench_cordis.py [--data ../shared/data/cordis-h2020]
                                      [--max-participants N] [--no-run]

Stages: ``read`` (read_participations: the cleaned participation table and
the programme parts), ``build`` (build_network: actors, pairs, weights),
``write`` (write_network: actors.csv + cooperations.csv), ``load``
(read_network: the written files validated as any user's data) and
``run`` (``graphkit run``: the analysis, tables, map and report).

Every stage runs in its own Python process, which first does the stages
before it; ``seconds`` is the stage's own wall time and ``peak MB`` the
process's maximum resident set size when the stage ends (interpreter,
libraries and the earlier stages' data included: the ``baseline`` row is
importing graphkit and nothing else).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
STAGES = ("baseline", "read", "build", "write", "load", "run")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(name: str, data: Path, work: Path, max_participants) -> dict:
    """Do the stages up to ``name``; time the last one."""
    from graphkit.io import read_network, write_network
    from graphkit.io.cordis import build_network, read_participations
    out: dict = {}
    upto = STAGES.index(name)

    def timed(step, func):
        started = time.perf_counter()
        value = func()
        if step == name:
            out["seconds"] = round(time.perf_counter() - started, 2)
        return value

    if upto >= 1:
        parts = timed("read", lambda: read_participations(
            data / "participations-2014-2017.csv.gz",
            data / "programme-parts-2014-2017.csv.gz"))
        out["rows"] = parts.participations_read
    if 2 <= upto <= 3:
        result = timed("build", lambda: build_network(
            parts, max_participants=max_participants))
        out["rows"] = len(result.network.cooperations)
        out["summary"] = result.summary()
        if upto == 3:
            timed("write", lambda: write_network(result.network,
                                                 work / "net"))
    if upto == 4:
        net = timed("load", lambda: read_network(work / "net").network)
        out["rows"] = len(net.actors) + len(net.cooperations)
    if upto == 5:
        from graphkit.cli import main
        started = time.perf_counter()
        try:
            main(["run", str(work / "net"), "-o", str(work / "out"),
                  "--lang", "en"], standalone_mode=False)
        finally:
            out["seconds"] = round(time.perf_counter() - started, 2)
        out["rows"] = len(list((work / "out").rglob("*")))
    out["peak_mb"] = round(peak_mb(), 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path,
                    default=ROOT.parent / "shared" / "data" / "cordis-h2020")
    ap.add_argument("--max-participants", type=int, default=None)
    ap.add_argument("--no-run", action="store_true",
                    help="Stop after loading (skip graphkit run).")
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        import graphkit  # noqa: F401  (the baseline imports graphkit)
        print(json.dumps(stage(args.stage, args.data, args.work,
                               args.max_participants)))
        return
    stages = STAGES[:-1] if args.no_run else STAGES
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'stage':<10}{'seconds':>10}{'peak MB':>10}{'rows':>10}")
        for name in stages:
            cmd = [sys.executable, __file__, "--stage", name, "--data",
                   str(args.data), "--work", tmp]
            if args.max_participants:
                cmd += ["--max-participants", str(args.max_participants)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode:
                sys.exit(f"stage {name} failed:\n{proc.stderr}")
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"{name:<10}{res.get('seconds', ''):>10}"
                  f"{res['peak_mb']:>10}{res.get('rows', ''):>10}")
            if "summary" in res and name == "build":
                summary = res["summary"]
        print(summary)


if __name__ == "__main__":
    main()
