"""Child of bench_run.py: one graphkit command, timed stage by stage.

    PYTHONPATH=CHECKOUT python benchmarks/run_stages.py OUT.json -- run DATA -o DIR

Runs ``graphkit.cli.main(ARGS)`` in this process (the CLI path a user runs)
with timers wrapped around the stages of the checkout on PYTHONPATH: the
load (``cli.load_result``), each part of ``analysis.compute`` and each
output stage of ``pipeline.STAGES``; the writes of the table files are
sub-rows of ``tables``. Works on any revision that has these names (the
wrappers only read them), so ``--baseline REF`` is timed the same way.

Per stage: wall seconds, CPU seconds (this process and its finished
children), the peak resident set during the stage (Linux ``VmHWM``,
reset through ``/proc/self/clear_refs`` when a top-level stage starts) and
the resident set left when it ends (``VmRSS``: what the stage holds on to).
"""
from __future__ import annotations

import functools
import importlib
import json
import resource
import sys
import time
from pathlib import Path

ROWS: list[dict] = []
OUT: list[Path] = []
_DEPTH = [0]


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _status_gb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024 ** 2
    return float("nan")


def _hwm_gb() -> float:
    return _status_gb("VmHWM")


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def timed(name: str, func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        top = _DEPTH[0] == 0
        if top:
            _reset_peak()
        _DEPTH[0] += 1
        c, t = _cpu(), time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            _DEPTH[0] -= 1
            ROWS.append({"stage": name, "top": top,
                         "wall": time.perf_counter() - t, "cpu": _cpu() - c,
                         "peak_gb": _hwm_gb(), "rss_gb": _status_gb("VmRSS")})
            if top and OUT:  # kept when the parent stops a long run
                OUT[0].write_text(json.dumps({"rows": ROWS, "code": "stopped"}))
    return wrapper


def patch(module: str, attr: str, name: str) -> None:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return
    if hasattr(mod, attr):
        setattr(mod, attr, timed(name, getattr(mod, attr)))


def install() -> None:
    patch("graphkit.cli", "load_result", "load")
    for module, attr, name in (
            ("figures", "key_figures", "key figures"),
            ("metrics", "metrics_table", "metrics"),
            ("summary", "summarise", "summary"),
            ("gaps", "find_gaps", "gaps"),
            ("whitespace", "white_spaces", "white spaces"),
            ("recommend", "recommend", "recommendations"),
            ("missions", "plan_missions", "missions")):
        patch("graphkit.analysis." + module, attr, name)
    from graphkit import pipeline
    pipeline.STAGES[:] = [(n, timed(n, f)) for n, f in pipeline.STAGES]
    # the table files, as sub-rows of "tables" (or of the analyse command)
    import graphkit.io.results as results_io
    write_table = results_io.write_table

    def write_table_timed(table, outdir, stem, *args, **kwargs):
        return timed("  write " + stem, write_table)(table, outdir, stem,
                                                      *args, **kwargs)
    results_io.write_table = write_table_timed
    patch("graphkit.io.results", "write_summary", "  write summary")
    patch("graphkit.io.results", "worded", "  word gaps/recs")


def main() -> None:
    out = Path(sys.argv[1])
    OUT.append(out)
    args = sys.argv[sys.argv.index("--") + 1:]
    start_cpu, start = _cpu(), time.perf_counter()
    install()
    import graphkit.cli as cli
    # the console script's own entry (older checkouts: main)
    cli_main = getattr(cli, "entry", cli.main)
    code = 0
    try:
        cli_main(args, standalone_mode=False)
    except SystemExit as exc:
        code = exc.code or 0
    except Exception as exc:  # reported to the parent, which stops
        code = f"{type(exc).__name__}: {exc}"
    out.write_text(json.dumps({
        "rows": ROWS, "code": code, "wall": time.perf_counter() - start,
        "cpu_after_imports": _cpu() - start_cpu}))


if __name__ == "__main__":
    main()
