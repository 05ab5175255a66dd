"""XLSX and JSON table writers benchmark: the former writers (a cell / a
row text at a time, kept as ``graphkit.io.tables._stream_xlsx_cells`` and
``_write_rows_json_texts``) against the column-at-a-time ones
(``_stream_xlsx``, the body of ``write_xlsx`` without a style, and
``write_rows_json``).

    python benchmarks/bench_tables.py [--recs 500000] [--metrics 100000]
                                      [--seed 42] [--repeat 1]

Two seeded tables: ``recommendations`` (``--recs`` rows, 26 columns as the
recommendations table: ids, names, types, 10 floats, ints, a boolean,
programme and reason texts, and long French and English explanations
shared by many rows) and ``metrics`` (``--metrics`` rows, 23 columns:
ids, names, countries, 15 floats, ints, a nullable Int64 and a boolean).
Each table is built in its own Python process, then written by each
writer in turn (old, new, old, new... ``--repeat`` times; ``cpu s`` is
the least process CPU time, ``time.process_time``, of one write). The two
writers' files must hold the same bytes (checked: the JSON files whole,
the workbooks member by member, as a zip entry's time is the second it was
written).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_csv import COUNTRIES, DOMAINS, NAME_WORDS  # noqa: E402

TYPES = ["sme", "lab", "pole", "company", "university"]
SENTENCES_FR = [
    "Ils partagent {n} partenaires, dont {a} et {b}.",
    "Tous deux travaillent en {d} ; le partenaire cherche « {e} ».",
    "{a} les relie déjà : un courtier naturel pour une première rencontre.",
    "Leurs rôles se complètent (PME <-> laboratoire), à l'étranger.",
    "Même programme H2020 « {d} » depuis 2018 & projets voisins.",
]
SENTENCES_EN = [
    "They share {n} partners, among them {a} and {b}.",
    'Both work in {d}; the partner seeks "{e}".',
    "{a} already links them: a natural broker for a first meeting.",
    "Their roles complement each other (SME <-> lab), abroad.",
]


def names(rng, n: int, prefix: str):
    """Actor-like names (bench_csv's words), each once."""
    import numpy as np
    return np.array([f"{prefix} {NAME_WORDS[i % len(NAME_WORDS)]} {i}"
                     for i in range(n)], dtype=object)


def texts(rng, n: int, sentences: list, actors):
    """``n`` explanations, each 2-4 sentences filled in."""
    import numpy as np
    out = []
    for i in range(n):
        k = rng.integers(2, 5)
        out.append(" ".join(
            sentences[s].format(n=rng.integers(1, 40),
                                a=actors[rng.integers(0, len(actors))],
                                b=actors[rng.integers(0, len(actors))],
                                d=DOMAINS[rng.integers(0, 10)],
                                e=DOMAINS[rng.integers(0, 10)])
            for s in rng.integers(0, len(sentences), k)))
    return np.array(out, dtype=object)


def recommendations(rows: int, seed: int):
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(seed)
    n = max(rows // 5, 10)
    ids = np.array([f"actor-{i:06d}" for i in range(n)], dtype=object)
    actors = names(rng, n, "r")
    types = np.array(TYPES, dtype=object)[rng.integers(0, 5, n)]
    country = np.array(COUNTRIES, dtype=object)[rng.integers(0, 10, n)]
    fr = texts(rng, max(rows // 8, 10), SENTENCES_FR, actors)
    en = texts(rng, max(rows // 8, 10), SENTENCES_EN, actors)
    codes = np.array(["common;shared", "common;broker", "shared;seeks",
                      "role", "common;shared;role", "broker;role"],
                     dtype=object)
    progs = np.array([f"H2020-{i:03d};FP7-{i % 37:02d}" for i in range(300)],
                     dtype=object)
    a, p = rng.integers(0, n, rows), rng.integers(0, n, rows)
    broker = rng.integers(0, n, rows)
    has_broker = rng.random(rows) < 0.4
    pick = rng.integers(0, len(fr), rows)

    def floats():
        return np.round(rng.random(rows) * rng.integers(1, 50), 6)
    return pd.DataFrame({
        "actor_id": ids[a], "actor_name": actors[a], "actor_type": types[a],
        "partner_id": ids[p], "partner_name": actors[p],
        "partner_type": types[p], "partner_country": country[p],
        "rank": np.tile(np.arange(1, 11), rows // 10 + 1)[:rows],
        "score": floats(), "probability": np.round(rng.random(rows), 4),
        "common_partners": rng.integers(0, 40, rows),
        "adamic_adar": floats(), "resource_allocation": floats(),
        "theme": floats(), "role_fit": floats(), "seeks_match": floats(),
        "shared_domains": np.array(DOMAINS, dtype=object)[
            rng.integers(0, 10, rows)],
        "broker_id": np.where(has_broker, ids[broker], None),
        "broker_name": np.where(has_broker, actors[broker], None),
        "reason_codes": codes[rng.integers(0, len(codes), rows)],
        "programmes": progs[rng.integers(0, len(progs), rows)],
        "programme_names": progs[rng.integers(0, len(progs), rows)],
        "international": country[p] != "FR",
        "why_fr": fr[pick], "why_en": en[pick],
        "novelty": floats(),
    })


def metrics(rows: int, seed: int):
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(seed + 1)
    cols = {"id": np.array([f"actor-{i:06d}" for i in range(rows)],
                           dtype=object),
            "name": names(rng, rows, "m"),
            "type": np.array(TYPES, dtype=object)[rng.integers(0, 5, rows)],
            "country": np.array(COUNTRIES, dtype=object)[
                rng.integers(0, 10, rows)],
            "degree": rng.integers(0, 300, rows),
            "ties": rng.integers(0, 900, rows)}
    for k in range(15):
        cols[f"m{k}"] = rng.random(rows) * 10.0 ** rng.integers(-3, 6)
    cols["community"] = pd.array(rng.integers(0, 500, rows), dtype="Int64")
    cols["community"][rng.random(rows) < 0.1] = pd.NA
    cols["french"] = rng.random(rows) < 0.5
    return pd.DataFrame(cols)


def digest(path: Path) -> str:
    h = hashlib.sha256()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                h.update(info.filename.encode() + b"\0" + z.read(info))
    else:
        h.update(path.read_bytes())
    return h.hexdigest()


def child(args) -> None:
    from graphkit.io import tables
    df = {"recommendations": lambda: recommendations(args.recs, args.seed),
          "metrics": lambda: metrics(args.metrics, args.seed)}[args.table]()
    writers = {
        ("xlsx", "old"): lambda p: tables._stream_xlsx_cells({"t": df}, p),
        ("xlsx", "new"): lambda p: tables._stream_xlsx({"t": df}, p),
        ("json", "old"): lambda p: tables._write_rows_json_texts({}, df, p),
        ("json", "new"): lambda p: tables.write_rows_json({}, df, p),
    }
    out = {}
    for fmt in ("xlsx", "json"):
        for _ in range(args.repeat):
            for who in ("old", "new"):
                path = Path(args.dir) / f"{who}.{fmt}"
                t = time.process_time()
                writers[fmt, who](path)
                cpu = time.process_time() - t
                r = out.setdefault(f"{fmt} {who}", {"cpu": cpu})
                r["cpu"] = min(r["cpu"], cpu)
                r["sha"] = digest(path)
                r["mb"] = path.stat().st_size / 2 ** 20
    print(json.dumps({"rows": len(df), "cols": df.shape[1], **out}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recs", type=int, default=500_000)
    ap.add_argument("--metrics", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--child", nargs=2, metavar=("TABLE", "DIR"))
    args = ap.parse_args()
    if args.child:
        args.table, args.dir = args.child
        return child(args)
    print(f"{'table':<16}{'rows':>8}{'cols':>5}  {'format':<6}{'file MB':>8}"
          f"{'old cpu s':>10}{'new cpu s':>10}{'ratio':>7}  same bytes")
    bad = []
    with tempfile.TemporaryDirectory() as d:
        for table in ("recommendations", "metrics"):
            run = subprocess.run(
                [sys.executable, __file__, "--recs", str(args.recs),
                 "--metrics", str(args.metrics), "--seed", str(args.seed),
                 "--repeat", str(args.repeat), "--child", table, d],
                check=True, capture_output=True, text=True)
            r = json.loads(run.stdout.splitlines()[-1])
            for fmt in ("xlsx", "json"):
                old, new = r[f"{fmt} old"], r[f"{fmt} new"]
                same = old["sha"] == new["sha"]
                print(f"{table:<16}{r['rows']:>8}{r['cols']:>5}  {fmt:<6}"
                      f"{new['mb']:>8.1f}{old['cpu']:>10.2f}"
                      f"{new['cpu']:>10.2f}{old['cpu'] / new['cpu']:>6.1f}x"
                      f"  {same}")
                if not same:
                    bad.append(f"{table} {fmt}")
    if bad:
        raise SystemExit(f"the writers differ: {', '.join(bad)}")


if __name__ == "__main__":
    main()
