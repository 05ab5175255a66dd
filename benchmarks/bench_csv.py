"""CSV writer benchmark: pandas' ``to_csv`` (the former body of write_csv,
kept as ``graphkit.io.tables._write_csv_pandas``) against the
column-at-a-time writer (:mod:`graphkit.io.csvfast`, ``write_csv``).

    python benchmarks/bench_csv.py [--rows 1400000] [--recs 500000]
                                   [--seed 42] [--repeat 1]

Two seeded tables: ``white_spaces`` (``--rows`` rows: ids, countries and
repeated domain texts, actor lists, floats, ints and a nullable Int64, as
the white spaces table) and ``recommendations`` (``--recs`` rows: names
with commas and quotes, long reason texts). Each table is written by each
writer in its own Python process (the table built first, then the write
alone measured): ``cpu s`` is the process CPU time of the write
(``time.process_time``), ``peak MB`` the process's peak resident memory
during the write (VmHWM, reset through ``/proc/self/clear_refs`` once the
table is built: what the write adds on top of the table is ``peak MB`` -
``table MB``). The two files must be the same bytes (checked).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DOMAINS = ["aéronautique et spatial", "santé, biotechnologies",
           "numérique / logiciel", "énergie (solaire, éolien)",
           "matériaux avancés", "agroalimentaire", "mobilité durable",
           "optique-photonique", "eau & environnement", "textile technique"]
COUNTRIES = ["CN", "DE", "US", "JP", "KR", "IT", "ES", "GB", "IN", "BR"]


#: Words of actor-like names: most plain, some with commas, quotes,
#: accents or a leading '-' / '=' (the formula guard marks those).
NAME_WORDS = ["Institut", "Laboratoire", 'Société "Alpha", SA', "Pôle",
              "-Beta", "=Gamma", "Université de Lyon, ENS", "Zhōng 中关村"]


def names(rng, n: int, prefix: str):
    """Actor-like names (:data:`NAME_WORDS`), drawn with repeats."""
    import numpy as np
    base = np.array([f"{prefix} {w} {i}" for i, w in enumerate(
        NAME_WORDS * (n // 8 + 1))][:n], dtype=object)
    return base[rng.integers(0, n, n)] if len(base) else base


def white_spaces(rows: int, seed: int):
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(seed)
    poles = np.array([f"pole-{i:04d}" for i in range(400)], dtype=object)
    parks = np.array([f"park-{i:05d}" for i in range(3500)], dtype=object)
    actors = names(rng, 100_000, "a")
    lists = np.array([";".join(actors[rng.integers(0, len(actors), 3)])
                      for _ in range(20_000)], dtype=object)
    obs = np.where(rng.random(rows) < 0.7, 0.0,
                   rng.integers(1, 40, rows).astype(float))
    opp = np.round(rng.gamma(2.0, 3.0, rows), 6)
    gap = np.where(obs == 0, opp, 0.0)
    rank = pd.array(np.arange(1, rows + 1), dtype="Int64")
    rank[obs > 0] = pd.NA
    return pd.DataFrame({
        "pole_id": poles[rng.integers(0, len(poles), rows)],
        "park_id": parks[rng.integers(0, len(parks), rows)],
        "park_country": np.array(COUNTRIES, dtype=object)[
            rng.integers(0, len(COUNTRIES), rows)],
        "pole_domain": np.array(DOMAINS, dtype=object)[
            rng.integers(0, len(DOMAINS), rows)],
        "park_domain": np.array(DOMAINS, dtype=object)[
            rng.integers(0, len(DOMAINS), rows)],
        "observed": obs, "opportunity": opp, "gap": gap, "gap_rank": rank,
        "affinity": np.round(rng.random(rows), 6),
        "n_pole_actors": rng.integers(1, 300, rows),
        "n_park_actors": rng.integers(1, 300, rows),
        "french_actors": lists[rng.integers(0, len(lists), rows)],
        "foreign_actors": lists[rng.integers(0, len(lists), rows)],
    })


def recommendations(rows: int, seed: int):
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(seed + 1)
    actors = names(rng, 100_000, "r")
    ids = np.array([f"actor-{i:06d}" for i in range(100_000)], dtype=object)
    words = DOMAINS + ["shares 3 partners (a, b, c)", 'broker "X"',
                       "same programme H2020", "complementary roles",
                       "near (12 km)", "strong tie strength 0.82"]
    reasons = np.array(["; ".join(rng.choice(words, 8)) + f" - case {i}"
                        for i in range(50_000)], dtype=object)
    a = rng.integers(0, len(ids), rows)
    p = rng.integers(0, len(ids), rows)
    return pd.DataFrame({
        "actor_id": ids[a], "actor_name": actors[a],
        "partner_id": ids[p], "partner_name": actors[p],
        "rank": np.tile(np.arange(1, 11), rows // 10 + 1)[:rows],
        "score": rng.random(rows), "probability": np.round(rng.random(rows), 4),
        "international": rng.random(rows) < 0.3,
        "reason_codes": reasons[rng.integers(0, len(reasons), rows)],
        "reasons": reasons[rng.integers(0, len(reasons), rows)],
    })


def vm(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(args) -> None:
    from graphkit.io import tables
    build = {"white_spaces": lambda: white_spaces(args.rows, args.seed),
             "recommendations": lambda: recommendations(args.recs, args.seed)}
    df = build[args.table]()
    write = {"pandas": tables._write_csv_pandas,
             "fast": tables.write_csv}[args.writer]
    write(df.head(1000), Path(args.out).with_suffix(".warm"))  # imports
    table_mb = vm("VmRSS")
    try:
        Path("/proc/self/clear_refs").write_text("5")
        reset = True
    except OSError:
        reset = False
    cpu = []
    for _ in range(args.repeat):
        t = time.process_time()
        write(df, args.out)
        cpu.append(time.process_time() - t)
    peak = vm("VmHWM")
    digest = hashlib.sha256()
    with open(args.out, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    print(json.dumps({"cpu": min(cpu), "peak": peak,
                      "table": table_mb, "reset": reset, "sha": digest.hexdigest(),
                      "rows": len(df), "mb": Path(args.out).stat().st_size
                      / 2 ** 20}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_400_000)
    ap.add_argument("--recs", type=int, default=500_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--child", nargs=3, metavar=("TABLE", "WRITER", "OUT"))
    args = ap.parse_args()
    if args.child:
        args.table, args.writer, args.out = args.child
        return child(args)
    print(f"{'table':<16}{'rows':>9}{'file MB':>9}  {'writer':<7}"
          f"{'cpu s':>8}{'table MB':>10}{'peak MB':>9}")
    with tempfile.TemporaryDirectory() as d:
        for table in ("white_spaces", "recommendations"):
            res = {}
            for writer in ("pandas", "fast"):
                out = Path(d) / f"{table}-{writer}.csv"
                run = subprocess.run(
                    [sys.executable, __file__, "--rows", str(args.rows),
                     "--recs", str(args.recs), "--seed", str(args.seed),
                     "--repeat", str(args.repeat),
                     "--child", table, writer, str(out)],
                    check=True, capture_output=True, text=True)
                r = res[writer] = json.loads(run.stdout.splitlines()[-1])
                print(f"{table:<16}{r['rows']:>9}{r['mb']:>9.1f}  "
                      f"{writer:<7}{r['cpu']:>8.2f}{r['table']:>10.0f}"
                      f"{r['peak']:>9.0f}" + ("" if r["reset"] else
                                              "  (peak of the process)"))
                out.unlink()
            same = res["pandas"]["sha"] == res["fast"]["sha"]
            print(f"{table:<16} pandas/fast cpu ratio "
                  f"{res['pandas']['cpu'] / res['fast']['cpu']:.1f}x, "
                  f"same bytes: {same}")
            if not same:
                raise SystemExit(f"{table}: the two writers differ")


if __name__ == "__main__":
    main()
