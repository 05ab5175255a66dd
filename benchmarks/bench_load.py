"""Load benchmark: generate, write, read + validate a large ecosystem.

    python benchmarks/bench_load.py [--actors 100000] [--seed 42]
                                    [--formats csv,csv-fr,csv-bad,json] [--xlsx]

Every step runs in its own Python process, so each peak memory figure is
that step's own: ``peak MB`` is the process's maximum resident set size
(``resource.getrusage``), which includes the interpreter and libraries (the
``baseline`` row: importing graphkit and nothing else) and, for the write
steps, the generated network held in memory. ``seconds`` is the wall time
of the step alone (generation before a write is not counted).

Formats: ``csv`` (the data contract as write_network writes it: UTF-8,
comma), ``csv-fr`` (what French Excel saves: ``;``, Windows-1252, decimal
comma, CRLF), ``csv-bad`` (1 actor in 100 of an unknown type, 1
cooperation in 50 with a bad year, read with ``lenient=True``: rejects and
cascades), ``json``, and ``xlsx`` with ``--xlsx`` (openpyxl is slow on
hundreds of thousands of rows; measure it on a smaller ``--actors``).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def target(folder: Path, fmt: str) -> Path:
    return {"csv": folder / "csv", "csv-fr": folder / "csv-fr",
            "csv-bad": folder / "csv-bad",
            "json": folder / "net.json", "xlsx": folder / "net.xlsx"}[fmt]


def write_french(network, folder: Path) -> None:
    """The tables as French Excel saves them."""
    from graphkit.io.outputs import staged_dir
    from graphkit.io.writers import _flat_tables
    with staged_dir(folder) as stage:
        for name, df in _flat_tables(network).items():
            df = df.copy()
            for col in ("lat", "lon", "weight"):
                if col in df:
                    df[col] = df[col].map(
                        lambda v: "" if v != v else str(v).replace(".", ","))
            df.to_csv(stage / f"{name}.csv", sep=";", index=False,
                      encoding="cp1252", errors="replace",
                      lineterminator="\r\n")


def write_bad(network, folder: Path) -> None:
    """The CSV tables with 1 actor in 100 of an unknown type and 1
    cooperation in 50 with a bad year (read leniently: rejects, cascades)."""
    from graphkit.io.outputs import staged_dir
    from graphkit.io.writers import _flat_tables
    flat = _flat_tables(network)
    flat["actors"].loc[flat["actors"].index[::100], "type"] = "pmee"
    flat["cooperations"]["year"] = flat["cooperations"]["year"].astype(object)
    flat["cooperations"].loc[flat["cooperations"].index[::50], "year"] = "1800"
    with staged_dir(folder) as stage:
        for name, df in flat.items():
            df.to_csv(stage / f"{name}.csv", index=False)


def step(name: str, folder: Path, actors: int, seed: int) -> dict:
    """Run one step in this process and return its figures."""
    import graphkit  # noqa: F401
    out: dict = {"step": name}
    if name == "baseline":
        out["seconds"] = 0.0
    elif name == "generate" or name.startswith("write "):
        from graphkit.generate import generate_ecosystem
        t = time.perf_counter()
        net = generate_ecosystem(actors, seed=seed)
        gen = time.perf_counter() - t
        out["rows"] = f"{len(net.actors)} + {len(net.cooperations)}"
        if name == "generate":
            out["seconds"] = gen
        else:
            from graphkit.io import write_network
            fmt = name.split(" ", 1)[1]
            t = time.perf_counter()
            if fmt == "csv-fr":
                write_french(net, target(folder, fmt))
            elif fmt == "csv-bad":
                write_bad(net, target(folder, fmt))
            else:
                write_network(net, target(folder, fmt))
            out["seconds"] = time.perf_counter() - t
            path = target(folder, fmt)
            files = [path] if path.is_file() else list(path.glob("*.csv"))
            out["MB on disk"] = sum(p.stat().st_size for p in files) / 2**20
    elif name.startswith("read "):
        from graphkit.io import read_network
        fmt = name.split(" ", 1)[1]
        t = time.perf_counter()
        r = read_network(target(folder, fmt), lenient=(fmt == "csv-bad"))
        out["seconds"] = time.perf_counter() - t
        c = r.counts
        out["rows"] = f"{c['actors']['loaded']} + {c['cooperations']['loaded']}"
        rejected = c["actors"]["rejected"] + c["cooperations"]["rejected"]
        if rejected:
            out["rows"] += f" ({rejected} rejected)"
        t = time.perf_counter()
        from graphkit.info import info
        info(r.network)
        out["info s"] = time.perf_counter() - t
    else:
        raise SystemExit(f"unknown step {name!r}")
    out["peak MB"] = peak_mb()
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--actors", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--formats", default="csv,csv-fr,csv-bad,json")
    ap.add_argument("--xlsx", action="store_true",
                    help="also write and read the Excel workbook")
    ap.add_argument("--step", help=argparse.SUPPRESS)
    ap.add_argument("--dir", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.step:  # a child: one step, figures as JSON on stdout
        print(json.dumps(step(args.step, Path(args.dir), args.actors,
                              args.seed)))
        return

    formats = [f for f in args.formats.split(",") if f]
    if args.xlsx and "xlsx" not in formats:
        formats.append("xlsx")
    steps = ["baseline", "generate"]
    steps += [f"write {f}" for f in formats] + [f"read {f}" for f in formats]
    print(f"bench_load: {args.actors} actors, seed {args.seed}, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_load_") as d:
        for name in steps:
            res = subprocess.run(
                [sys.executable, __file__, "--step", name, "--dir", d,
                 "--actors", str(args.actors), "--seed", str(args.seed)],
                capture_output=True, text=True, cwd=ROOT)
            if res.returncode:
                sys.stderr.write(res.stderr)
                raise SystemExit(f"step {name!r} failed")
            rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
            r = rows[-1]
            print(f"  {name:<14} {r['seconds']:8.2f} s  {r['peak MB']:8.0f} MB"
                  f"  {r.get('rows', '')}", flush=True)
    cols = ["step", "seconds", "peak MB", "rows", "MB on disk", "info s"]
    print()
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        cells = []
        for c in cols:
            v = r.get(c, "")
            cells.append(f"{v:.2f}" if isinstance(v, float) and c != "peak MB"
                         else f"{v:.0f}" if isinstance(v, float) else str(v))
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
