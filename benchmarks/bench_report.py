"""Benchmark: the cooperation-gap report of the generated ecosystem.

Times each step ``graphkit report`` takes — the parts of
:func:`graphkit.analysis.compute`, one by one with the same calls and
parameters (metrics + summary, gaps: rules + white spaces, recommendations,
missions of every pôle, as ``graphkit report`` and ``graphkit run`` plan
them; ``--pole ID`` for those pôles only), building the report, writing
HTML, Markdown and Excel — on ``generate_ecosystem(N, seed=42)`` (10 000
actors by default), and prints wall-clock and CPU seconds.

    python benchmarks/bench_report.py [--actors 10000] [--lang fr] [--out DIR]
                                      [--pole ID ...]

The aim: the report, all three formats, written in under 30 s
on a 2-core machine. Wall-clock figures depend on what else the machine is
running; the load average is printed beside them.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphkit.analysis import (find_gaps, key_figures,  # noqa: E402
                               metrics_table, plan_missions, recommend,
                               summarise, white_spaces)
from graphkit.generate import generate_ecosystem  # noqa: E402
from graphkit.report import (build_report, to_html,  # noqa: E402
                             to_markdown, write_xlsx)
from graphkit.results import Parameters, Results  # noqa: E402
from graphkit.io.outputs import write_text  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the metrics
    use a process pool)."""
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ch.ru_utime + ch.ru_stime


class Clock:
    def __init__(self):
        self.rows = []

    def __call__(self, name, func, *args, **kw):
        w, c = time.perf_counter(), cpu_seconds()
        out = func(*args, **kw)
        self.rows.append((name, time.perf_counter() - w, cpu_seconds() - c))
        return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", type=int, default=10_000)
    ap.add_argument("--lang", default="fr", choices=["fr", "en"])
    ap.add_argument("--out", default=None, help="folder for the report files")
    ap.add_argument("--pole", dest="poles", action="append", metavar="ID",
                    help="plan this pôle's mission only (repeatable; "
                         "default: every pôle, as graphkit report and "
                         "graphkit run do)")
    args = ap.parse_args(argv)
    out = Path(args.out or tempfile.mkdtemp(prefix="bench-report-"))
    out.mkdir(parents=True, exist_ok=True)
    clock = Clock()
    net = clock("generate (not counted)", generate_ecosystem, args.actors,
                seed=42)
    lang = args.lang
    # graphkit.analysis.compute(net, params, lang=lang,
    # mission_poles=args.poles), its parts timed one by one
    params = Parameters(seed=42)
    ties = params.ties
    figures = clock("analysis: key figures", key_figures, net, ties)
    metrics, approximations = clock(
        "analysis: metrics", metrics_table, net, ties, exact=params.exact,
        seed=params.seed, group_by=params.group_by)
    summary = clock("analysis: summary", summarise, net, metrics, types=ties)
    gaps = clock("gaps: rules", find_gaps, net, ties=ties,
                 dormant_years=params.dormant_years,
                 programme_years=params.programme_years, lang=lang)
    ws = clock("gaps: white spaces", white_spaces, net, types=ties)
    recs, score_model = clock(
        "recommendations", recommend, net, top=params.top, lang=lang,
        types=ties, seed=params.seed, metrics=metrics, with_model=True)
    missions = clock("missions (every pôle)" if args.poles is None else
                     f"missions ({len(args.poles)} pôle(s))", plan_missions,
                     net, recs, parks=params.parks, poles=args.poles,
                     lang=lang, ties=ties)
    results = Results(net, params, figures, metrics=metrics,
                      approximations=approximations, summary=summary,
                      gaps=gaps, white_spaces=ws, recommendations=recs,
                      score_model=score_model, missions=missions, lang=lang)
    rep = clock("report: build", build_report, results, lang=lang)
    clock("report: write html", lambda: write_text(out / "report.html",
                                                   to_html(rep)))
    clock("report: write md", lambda: write_text(out / "report.md",
                                                 to_markdown(rep)))
    clock("report: write xlsx", write_xlsx, rep, out / "report.xlsx")

    print(f"report of generate_ecosystem({args.actors}, seed=42): "
          f"{len(net.actors)} actors, {len(net.cooperations)} cooperations; "
          f"{len(gaps)} gaps, {len(recs)} recommendations, "
          f"{len(missions)} mission plans")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"{'step':28s} {'wall s':>8s} {'cpu s':>8s}  (cpu: this process "
          f"and its worker processes)")
    for name, w, c in clock.rows:
        print(f"{name:28s} {w:8.2f} {c:8.2f}")
    counted = clock.rows[1:]
    wall = sum(w for _, w, _ in counted)
    cpu = sum(c for _, _, c in counted)
    report_wall = sum(w for n, w, _ in counted if n.startswith("report"))
    print(f"{'total (without generate)':28s} {wall:8.2f} {cpu:8.2f}")
    print(f"report build + writing alone: {report_wall:.2f} s wall")
    for f in ("report.html", "report.md", "report.xlsx"):
        print(f"{f}: {(out / f).stat().st_size / 1024:.0f} KiB")
    print(f"files in {out}")


if __name__ == "__main__":
    main()
