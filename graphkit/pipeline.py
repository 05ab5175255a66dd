"""`graphkit run`: one analysis, every output, written whole or not at all.

:func:`run` computes the :class:`~graphkit.results.Results` once
(:func:`graphkit.analysis.compute`); each output stage is a function
``stage(ctx) -> None`` that reads ``ctx.results`` and writes its files into
``ctx.stage_dir``. Files reach the output folder only when every stage has
succeeded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .io.outputs import staged_dir
from .network import Network
from .results import Parameters, Results


@dataclass
class RunContext:
    results: Results
    stage_dir: Path
    lang: str = "fr"
    rejects: list | None = None
    neo4j: dict | None = None
    progress: bool = False
    outputs: dict = field(default_factory=dict)

    @property
    def network(self) -> Network:
        return self.results.network


STAGES: list[tuple[str, Callable[[RunContext], None]]] = []


def stage(name: str):
    def register(func):
        STAGES.append((name, func))
        return func
    return register


@stage("info")
def info_stage(ctx: RunContext) -> None:
    """``info.json`` (what the network holds and its key figures under the
    run's tie definition, with the inputs and the rows read, loaded and
    rejected) and, after a lenient load, ``rejects.csv`` (header only when
    nothing was rejected)."""
    import pandas as pd

    from .info import info
    from .io.contract import REJECT_COLUMNS
    from .io.results import write_info
    from .io.writers import write_rejects
    write_info(info(ctx.network, ctx.results.ties), ctx.stage_dir / "info.json")
    if ctx.rejects is not None:
        frame = pd.DataFrame(ctx.rejects) if ctx.rejects else \
            pd.DataFrame(columns=list(REJECT_COLUMNS))
        write_rejects(frame, ctx.stage_dir / "rejects.csv")


@stage("tables")
def tables_stage(ctx: RunContext) -> None:
    """metrics, summary, gaps, white spaces, recommendations and missions,
    as CSV / XLSX / JSON (see :func:`graphkit.io.results.write_results`)."""
    from .io.results import write_results
    write_results(ctx.results, ctx.stage_dir, lang=ctx.lang)


@stage("map")
def map_stage(ctx: RunContext) -> None:
    """map.html: the interactive map of the results."""
    from .render import render_map
    render_map(ctx.results, ctx.stage_dir / "map.html", lang=ctx.lang,
               progress=ctx.progress)


@stage("report")
def report_stage(ctx: RunContext) -> None:
    """report.html, report.md and report.xlsx in the run's language."""
    from .report import FORMATS, report_for_run, write_report
    write_report(report_for_run(ctx.results, lang=ctx.lang), ctx.stage_dir,
                 FORMATS)


@stage("neo4j")
def neo4j_stage(ctx: RunContext) -> None:
    """When a database is given (``ctx.neo4j``: ``uri``, ``user``,
    ``password``, ``database``): push the network (unless it was read from
    Neo4j), write back the run's metrics and recommendations, and write
    ``neo4j.json`` (what was written where; no password)."""
    settings = ctx.neo4j
    if not settings or not settings.get("uri"):
        return
    from .io.tables import write_json
    from .neo4j import connect, push_network, safe_uri, write_back
    database = settings.get("database")
    report = {"uri": safe_uri(settings["uri"]), "database": database}
    with connect(settings["uri"], settings.get("user") or "neo4j",
                 settings.get("password"), database) as driver:
        if ctx.network.meta.get("source") != "neo4j":
            pushed = push_network(driver, ctx.network, database=database,
                                  progress=ctx.progress)
            report["push"] = {"run_id": pushed.run_id, "actors": pushed.nodes,
                              "cooperations": pushed.relationships}
        report["write_back"] = write_back(
            driver, ctx.results.metrics, ctx.results.recommendations,
            database=database, progress=ctx.progress)
    ctx.outputs["neo4j"] = report
    write_json(report, ctx.stage_dir / "neo4j.json")


def run(network: Network, outdir, parameters: Parameters | None = None, *,
        lang: str = "fr", rejects: list | None = None,
        neo4j: dict | None = None, progress: bool = False
        ) -> tuple[Results, list[Path]]:
    """Analyse ``network`` once under ``parameters`` and write every output
    into ``outdir``; return the results and the files written.

    ``rejects`` (JSON-ready records of the rows a lenient load rejected)
    becomes ``rejects.csv``; ``neo4j`` (connection settings) adds the push
    and the write-back.
    """
    from .analysis import compute
    from .memory import release_free_memory
    results = compute(network, parameters, progress=progress)
    outdir = Path(outdir)
    with staged_dir(outdir) as stage_dir:
        ctx = RunContext(results, stage_dir, lang, rejects, neo4j, progress)
        for _name, func in STAGES:
            release_free_memory()  # what the last stage freed, not held
            func(ctx)
        written = sorted(p.relative_to(stage_dir)
                         for p in stage_dir.rglob("*") if p.is_file())
    return results, [outdir / p for p in written]
