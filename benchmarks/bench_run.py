"""Benchmark: the whole main job, `graphkit run DATA -o OUT`, as a user runs it.

    python benchmarks/bench_run.py [--actors 1000,10000,30000,100000]
                                   [--real ../shared/data/cordis-h2020]
                                   [--baseline main] [--commands run,analyse]
                                   [--nx-limit 120] [--data-cache DIR]
                                   [--shapes star200k] [--json OUT.json]

For each generated ecosystem (:func:`graphkit.generate.generate_ecosystem`,
seed 1) and the real H2020 extract (turned into the data contract by
``graphkit import cordis``), each command runs in a child Python process
(:mod:`run_stages`: ``graphkit.cli.main`` with timers around the stages of
the checkout) and the table gives, per stage, wall seconds, CPU seconds and
the peak resident set during the stage; the total is the child's own
(``wait4``: interpreter start and imports included). Below the sizes, the
growth exponent of each stage's CPU seconds (least squares of log CPU on log
actors over the generated sizes; stages under 0.05 s are left out of the
fit, they are noise).

``--baseline REF`` also runs the code of git revision REF (a temporary
worktree) on the same data in the same session and prints the ratio of
total CPU seconds: this machine is shared and noisy, compare ratios.
Before any timing, each checkout runs ``graphkit analyse`` once on the
bundled example, so that numba's compiled kernel is in its disk cache
(compiled once per installation: a fresh worktree would otherwise pay the
compilation in its first timed command). ``--repeat N`` runs every command
N times and keeps the run of fewest CPU seconds (each run's total is
printed).

Beside the analysis, the plain NetworkX script that computes the same
metrics (weighted degree, exact betweenness, harmonic closeness, PageRank,
clustering, Burt's constraint, Louvain) runs in a child process stopped
after ``--nx-limit`` CPU seconds.

``--shapes star200k,clique1000,pair1m,isolated100k,undated100k`` runs the
degenerate shapes (one hub with 200 000 ties; one clique of 1 000 actors,
499 500 ties; 1 000 000 cooperation rows between one pair; 100 000 isolated
actors beside one tie; 100 000 ties none of which is dated) through
``analyse``, ``partners``, ``mission``, ``map`` and ``report``, each with
its CPU seconds and peak memory: each must finish or refuse with a message,
never a traceback. ``--actors ''`` runs the shapes alone.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES_SCRIPT = Path(__file__).resolve().parent / "run_stages.py"


def child(checkout: Path, args: list[str], timeout: float | None = None,
          limit_gb: float | None = None) -> dict:
    """``graphkit ARGS`` of ``checkout`` in a child process, timed stage by
    stage; total wall, CPU (child and its children) and peak RSS."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        report = Path(fh.name)

    def cap():
        if limit_gb:
            resource.setrlimit(resource.RLIMIT_AS, (int(limit_gb * 2 ** 30),) * 2)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(STAGES_SCRIPT), str(report), "--", *args],
        cwd=checkout, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, preexec_fn=cap)
    try:
        _out, err = proc.communicate(timeout=timeout)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
        status = "timeout"
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - start
    out = {"wall": wall, "err": err.decode(errors="replace")[-3000:]}
    try:
        out.update(json.loads(report.read_text() or "{}"))
    except (OSError, ValueError):
        pass
    report.unlink(missing_ok=True)
    out["status"] = status
    out["usage"] = usage
    return out


class ChildClock:
    """CPU and peak RSS of each finished child, from RUSAGE_CHILDREN deltas
    (peak is the maximum over children so far: each run starts a fresh
    child, so it is read from the child's own VmHWM rows when present)."""

    def __init__(self):
        self.last = resource.getrusage(resource.RUSAGE_CHILDREN)

    def take(self) -> float:
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (now.ru_utime + now.ru_stime) - (self.last.ru_utime
                                               + self.last.ru_stime)
        self.last = now
        return cpu


def run_command(checkout: Path, args: list[str], clock: ChildClock,
                timeout=None) -> dict:
    clock.take()  # what ran before (data, NetworkX) is not this command's
    res = child(checkout, args, timeout=timeout)
    res["cpu"] = clock.take()
    tops = [r["peak_gb"] for r in res.get("rows", [])]
    res["peak_gb"] = max(tops) if tops else float("nan")
    res["failed"] = res["status"] != 0 or res.get("code") not in (0, None)
    return res


def stage_table(res: dict) -> dict:
    """stage -> (wall, cpu, peak) summed over calls of the same stage."""
    out: dict[str, list] = {}
    for r in res.get("rows", []):
        w = out.setdefault(r["stage"], [0.0, 0.0, 0.0])
        w[0] += r["wall"]
        w[1] += r["cpu"]
        w[2] = max(w[2], r["peak_gb"])
    return out


def print_run(label: str, res: dict) -> None:
    print(f"\n### {label}: total {res['wall']:.1f} s wall, {res['cpu']:.1f} "
          f"CPU s, peak {res['peak_gb']:.2f} GB"
          + ("  ** FAILED **" if res["failed"] else ""), flush=True)
    if res["failed"]:
        print("    status", res["status"], res.get("code"), "\n   ",
              res["err"][-1500:].replace("\n", "\n    "))
    print(f"    {'stage':<22} {'wall s':>8} {'cpu s':>8} {'peak GB':>8}")
    for name, (w, c, p) in stage_table(res).items():
        print(f"    {name:<22} {w:>8.2f} {c:>8.2f} {p:>8.2f}")


def exponent(sizes, values) -> float | None:
    pts = [(math.log(n), math.log(v)) for n, v in zip(sizes, values)
           if v and v >= 0.05]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


def growth_table(label: str, sizes: list[int], runs: list[dict]) -> None:
    tables = [stage_table(r) for r in runs]
    names: list[str] = []
    for t in tables:
        names += [n for n in t if n not in names]
    print(f"\n### {label}: CPU seconds per stage and growth exponent")
    head = "".join(f"{n:>10}" for n in sizes)
    print(f"    {'stage':<22}{head} {'exponent':>9}")
    for name in names + ["TOTAL (process)", "peak GB"]:
        if name == "TOTAL (process)":
            vals = [r["cpu"] for r in runs]
        elif name == "peak GB":
            vals = [r["peak_gb"] for r in runs]
        else:
            vals = [t.get(name, [0, 0, 0])[1] for t in tables]
        e = exponent(sizes, vals)
        cells = "".join(f"{v:>10.2f}" for v in vals)
        print(f"    {name:<22}{cells} {'' if e is None else f'n^{e:.2f}':>9}")


# ------------------------------------------------------------ NetworkX side
NX_SCRIPT = r"""
import sys, resource, time, pandas as pd, networkx as nx
data = sys.argv[1]
a = pd.read_csv(data + '/actors.csv', keep_default_na=False)
c = pd.read_csv(data + '/cooperations.csv', keep_default_na=False)
c = c[c['type'] != 'member_of']
c['weight'] = pd.to_numeric(c['weight'], errors='coerce').fillna(1.0)
w = c.assign(a=c[['source','target']].min(axis=1),
             b=c[['source','target']].max(axis=1)).groupby(['a','b'])['weight'].sum()
g = nx.Graph()
g.add_nodes_from(a['id'])
g.add_weighted_edges_from((u, v, x) for (u, v), x in w.items() if u != v)
for u, v, d in g.edges(data=True):
    d['length'] = 1.0 / d['weight']
dict(g.degree(weight='weight'))
nx.betweenness_centrality(g, weight='length')
nx.harmonic_centrality(g, distance='length')
nx.pagerank(g, weight='weight')
nx.clustering(g)
nx.constraint(g, weight='weight')
nx.community.louvain_communities(g, weight='weight', seed=1)
print('ok')
"""


def run_networkx(data: Path, limit: float) -> str:
    def cap():
        resource.setrlimit(resource.RLIMIT_CPU, (int(limit), int(limit) + 5))
        resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))
    clock = ChildClock()
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", NX_SCRIPT, str(data)],
                          capture_output=True, text=True, preexec_fn=cap)
    cpu = clock.take()
    if proc.returncode == 0 and "ok" in proc.stdout:
        return f"{time.perf_counter() - t:.1f} s wall, {cpu:.1f} CPU s"
    if cpu >= limit - 1:
        return f"> {limit:.0f} CPU s (stopped)"
    return "failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1][:80]


# ------------------------------------------------------------ data
def generated(n: int, seed: int, cache: Path) -> Path:
    data = cache / f"gen{n}-seed{seed}"
    if not (data / "cooperations.csv").exists():
        from graphkit.generate import generate_ecosystem
        from graphkit.io import write_network
        tmp = cache / f".tmp-gen{n}"
        shutil.rmtree(tmp, ignore_errors=True)
        write_network(generate_ecosystem(n, seed=seed), tmp)
        tmp.rename(data)
    return data


def real(path: Path, cache: Path) -> Path:
    """The H2020 extract in the data contract: the importer of ``graphkit
    import cordis`` (read_participations, build_network: the extract is
    participations, not a CORDIS download, so the CLI does not read it)."""
    data = cache / "cordis-h2020"
    if not (data / "cooperations.csv").exists():
        from graphkit.io import write_network
        from graphkit.io.cordis import build_network, read_participations
        parts = read_participations(
            path / "participations-2014-2017.csv.gz",
            path / "programme-parts-2014-2017.csv.gz")
        write_network(build_network(parts).network, data)
    return data


def _shape_frames(kind: str, n: int):
    """Actors and cooperations of a degenerate shape of size ``n`` (one
    French pôle ``hub`` and SMEs ``s0..``; see tests/test_degenerate_shapes.py
    for the same shapes at small size)."""
    import numpy as np
    import pandas as pd
    people = {"star": n, "clique": n - 1, "pair": 1, "isolated": n,
              "undated": n}[kind]
    i = np.arange(people)
    ids = np.char.add("s", i.astype(str)).astype(object)
    actors = pd.DataFrame({
        "id": np.r_[["hub"], ids], "name": np.r_[["Hub"], np.char.add(
            "Org ", i.astype(str)).astype(object)],
        "type": ["pole"] + ["sme"] * people,
        "country": np.r_[["FR"], np.where(i % 2 == 1, "FR", "DE")],
        "sectors": ["ai"] + ["ai;biotech"] * people})
    if kind == "star":      # n ties on one hub
        src, dst, year = ids, np.full(n, "hub", object), 2010 + i % 10
    elif kind == "clique":  # n actors, every pair tied
        everyone = np.r_[["hub"], ids]
        a, b = np.triu_indices(len(everyone), k=1)
        src, dst, year = everyone[a], everyone[b], np.full(len(a), 2012)
    elif kind == "pair":    # n cooperation rows between one pair
        src, dst = np.full(n, "s0", object), np.full(n, "hub", object)
        year = 2005 + np.arange(n) % 10
    elif kind == "isolated":  # n actors alone beside one tie
        actors.loc[len(actors)] = ["lab", "Lab", "lab", "FR", "ai"]
        src, dst, year = np.array(["lab"]), np.array(["hub"]), [2011]
    else:                   # undated: n ties, no year anywhere
        src = ids
        dst = np.where((i % 3 == 0) & (i > 0),
                       np.char.add("s", np.maximum(i - 1, 0).astype(str)),
                       "hub").astype(object)
        year = [None] * n
    coops = pd.DataFrame({"source": src, "target": dst,
                          "type": "rd_partnership", "year": year})
    return actors, coops


#: The degenerate shapes of ``--shapes``: name -> (kind, size).
SHAPES = {"star200k": ("star", 200_000), "clique1000": ("clique", 1000),
          "pair1m": ("pair", 1_000_000), "isolated100k": ("isolated", 100_000),
          "undated100k": ("undated", 100_000)}


def shape_data(name: str, cache: Path) -> Path:
    """The degenerate shape ``name`` of :data:`SHAPES` as a data folder."""
    kind, n = SHAPES[name]
    data = cache / f"shape-{name}"
    if not (data / "cooperations.csv").exists():
        actors, coops = _shape_frames(kind, n)
        data.mkdir(parents=True, exist_ok=True)
        actors.to_csv(data / "actors.csv", index=False)
        coops.to_csv(data / "cooperations.csv", index=False)
    return data


def commands(names: list[str], data: Path, out: Path) -> dict:
    table = {
        "run": ["run", str(data), "-o", str(out / "run")],
        "analyse": ["analyse", str(data), "-o", str(out / "analyse")],
        "gaps": ["gaps", str(data), "-o", str(out / "gaps")],
        "partners": ["partners", str(data), "hub"],
        "mission": ["mission", str(data), "--pole", "hub"],
        "map": ["map", str(data), "-o", str(out / "map.html")],
        "report": ["report", str(data), "-o", str(out / "report")],
    }
    return {n: table[n] for n in names}


def verdict(res: dict) -> str:
    """ok, timeout, refused (with the message) or CRASH (an exception the
    CLI would print as a traceback; run_stages.py catches it and names it)."""
    err, code = res["err"].strip(), res.get("code")
    if res["status"] == "timeout":
        return "timeout"
    if isinstance(code, str):  # an exception out of graphkit.cli.main
        kind = code.split(":", 1)[0]
        if kind in ("ClickException", "UsageError", "BadParameter"):
            return "refused: " + code.split(":", 1)[-1].strip()[:100]
        return "CRASH: " + code[:120]
    if "Traceback" in err:
        return "CRASH: " + err.splitlines()[-1][:100]
    if res["failed"]:
        return "refused: " + (err.splitlines() or ["?"])[-1][:100]
    return "ok"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", default="1000,10000,30000,100000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--real", default=str(next(
        (p for p in (ROOT.parent / "shared", Path("/work/shared"))
         if p.exists()), ROOT.parent / "shared") / "data" / "cordis-h2020"),
                    help="CORDIS folder ('' to skip)")
    ap.add_argument("--commands", default="run,analyse")
    ap.add_argument("--baseline", default=None,
                    help="git revision to run beside the working tree")
    ap.add_argument("--nx-limit", type=float, default=120.0,
                    help="CPU seconds the NetworkX script may take (0: skip)")
    ap.add_argument("--data-cache", default=None,
                    help="keep the generated data here between runs")
    ap.add_argument("--shapes", default="",
                    help="degenerate shapes to run, comma separated: "
                         + ", ".join(SHAPES))
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs of each command; the one of fewest CPU "
                         "seconds is kept")
    ap.add_argument("--json", default=None, help="write every figure here")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))

    tmp = Path(tempfile.mkdtemp(prefix="bench-run-"))
    cache = Path(args.data_cache) if args.data_cache else tmp / "data"
    cache.mkdir(parents=True, exist_ok=True)
    variants = [("this tree", ROOT)]
    if args.baseline:
        base = tmp / "baseline"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(base),
                        args.baseline], cwd=ROOT, check=True)
        variants.append((f"baseline {args.baseline}", base))
    sizes = [int(x) for x in args.actors.split(",") if x]
    names = [c for c in args.commands.split(",") if c]
    clock = ChildClock()
    everything: dict = {}
    try:
        print(f"cores: {os.cpu_count()}, load average at start: "
              f"{os.getloadavg()[0]:.1f}; CPU seconds include the child's "
              "workers; peak = VmHWM of the stage (GB)")
        for vlabel, checkout in variants:  # numba's kernel compiled, cached
            run_command(checkout, ["analyse", str(ROOT / "examples" / "coopol"),
                                   "-o", str(tmp / "warm")], clock,
                        args.timeout)
        print("warm-up: each checkout ran graphkit analyse on "
              "examples/coopol once, untimed", flush=True)
        datasets = [(f"{n} actors", n, generated(n, args.seed, cache))
                    for n in sizes]
        if args.real:
            datasets.append(("CORDIS H2020 2014-17", None,
                             real(Path(args.real), cache)))
        for label, n, data in datasets:
            print(f"\n## {label} ({data})", flush=True)
            for vlabel, checkout in variants:
                for cmd, argv in commands(names, data, tmp / "out").items():
                    tries = []
                    for _ in range(max(1, args.repeat)):
                        tries.append(run_command(checkout, argv, clock,
                                                 args.timeout))
                        shutil.rmtree(tmp / "out", ignore_errors=True)
                    res = min(tries, key=lambda r: r["cpu"])
                    if len(tries) > 1:
                        print(f"\n    {cmd}, {vlabel}: {len(tries)} runs, "
                              "CPU s " + ", ".join(f"{r['cpu']:.1f}"
                                                   for r in tries)
                              + "; the lowest kept", flush=True)
                    everything.setdefault(vlabel, {}).setdefault(
                        cmd, {})[label] = res | {"usage": None}
                    print_run(f"{label}, graphkit {cmd}, {vlabel}", res)
            if len(variants) > 1:
                for cmd in names:
                    a = everything[variants[0][0]][cmd][label]["cpu"]
                    b = everything[variants[1][0]][cmd][label]["cpu"]
                    print(f"\n    {cmd}: this tree {a:.1f} CPU s, "
                          f"{variants[1][0]} {b:.1f} CPU s: {a / b:.2f}x")
            if args.nx_limit:
                print(f"\n    plain NetworkX, the same metrics: "
                      f"{run_networkx(data, args.nx_limit)}", flush=True)
        for vlabel, _ in variants:
            for cmd in names:
                runs = [everything[vlabel][cmd][f"{n} actors"] for n in sizes]
                if len(runs) >= 2:
                    growth_table(f"graphkit {cmd}, {vlabel}", sizes, runs)
        for shape in (s for s in args.shapes.split(",") if s):
            data = shape_data(shape, cache)
            kind, size = SHAPES[shape]
            print(f"\n## degenerate shape {shape}: {kind} of {size} "
                  f"({data})")
            for cmd, argv in commands(["analyse", "partners", "mission",
                                       "map", "report"], data,
                                      tmp / "out").items():
                res = run_command(ROOT, argv, clock, args.timeout)
                shutil.rmtree(tmp / "out", ignore_errors=True)
                everything.setdefault("shapes", {})[f"{shape} {cmd}"] = \
                    res | {"usage": None}
                print(f"    {cmd:<9} {res['cpu']:>8.1f} CPU s "
                      f"{res['peak_gb']:>6.2f} GB  {verdict(res)}",
                      flush=True)
        if args.json:
            Path(args.json).write_text(json.dumps(everything, indent=1,
                                                  default=str))
    finally:
        if args.baseline:
            subprocess.run(["git", "worktree", "remove", "--force",
                            str(tmp / "baseline")], cwd=ROOT)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
