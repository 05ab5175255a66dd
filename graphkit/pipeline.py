"""`graphkit run`: every stage that exists, outputs written whole or not at all.

Each stage is a function ``stage(ctx) -> None`` that reads what earlier stages
put in ``ctx.results`` and writes its files into ``ctx.stage_dir``. Files reach
the output folder only when every stage has succeeded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .io.outputs import staged_dir
from .network import Network


@dataclass
class RunContext:
    network: Network
    stage_dir: Path
    options: dict = field(default_factory=dict)
    results: dict = field(default_factory=dict)
    progress: bool = False

    def option(self, name, default=None):
        value = self.options.get(name)
        return default if value is None else value


STAGES: list[tuple[str, Callable[[RunContext], None]]] = []


def stage(name: str):
    def register(func):
        STAGES.append((name, func))
        return func
    return register


# ------------------------------------------------ foundation stages (issue 2)
@stage("foundation")
def foundation_stage(ctx: RunContext) -> None:
    """``info.json`` (the network summary, with the inputs and the rows read,
    loaded and rejected) and, after a lenient load, ``rejects.csv``
    (header only when nothing was rejected), from ``ctx.options["rejects"]``
    (JSON-ready records of the rejected rows)."""
    import json

    import pandas as pd

    from .info import info
    from .io.contract import REJECT_COLUMNS
    from .io.outputs import write_text
    from .io.tables import _plain
    from .io.writers import write_rejects
    summary = info(ctx.network)
    ctx.results["info"] = summary
    write_text(ctx.stage_dir / "info.json",
               json.dumps(_plain(summary), ensure_ascii=False, indent=1))
    rejects = ctx.options.get("rejects")
    if rejects is not None:
        frame = pd.DataFrame(rejects) if rejects else \
            pd.DataFrame(columns=list(REJECT_COLUMNS))
        write_rejects(frame, ctx.stage_dir / "rejects.csv")


# ------------------------------------------------ analysis stages (issue 3)
@stage("analysis")
def analysis_stage(ctx: RunContext) -> None:
    """Per-actor metrics and the network summary: metrics.csv/.xlsx/.json,
    summary.json/.xlsx; ctx.results["metrics"] and ["summary"]."""
    from .analysis import analyse, summarise, write_metrics
    metrics = analyse(ctx.network, since=ctx.option("since"),
                      until=ctx.option("until"),
                      exact=bool(ctx.option("exact", False)),
                      seed=ctx.option("seed", 42), progress=ctx.progress)
    summary = summarise(ctx.network, metrics)
    ctx.results["metrics"] = metrics
    ctx.results["summary"] = summary
    write_metrics(metrics, ctx.stage_dir, summary)


# ------------------------------------------------ gap stages (issue 4)
@stage("gaps")
def _gap_stage(ctx: RunContext) -> None:
    """gaps, white spaces, recommendations and mission plans."""
    from .analysis.gaps import find_gaps, write_gap_outputs
    from .analysis.missions import plan_missions
    from .analysis.recommend import recommend, write_recommendations
    from .analysis.whitespace import white_spaces, write_white_spaces
    from .io.outputs import write_text
    import json
    net, lang = ctx.network, ctx.option("lang", "fr")
    since, until = ctx.option("since"), ctx.option("until")
    gaps = find_gaps(net, lang=lang)
    ws = white_spaces(net, since=since, until=until)
    rec = recommend(net, lang=lang, since=since, until=until,
                    seed=ctx.option("seed", 42), progress=ctx.progress,
                    metrics=ctx.results.get("metrics"))
    missions = plan_missions(net, rec, parks=3, lang=lang)
    ctx.results.update(gaps=gaps, white_spaces=ws, recommendations=rec,
                       missions=missions)
    meta = {"lang": lang, "since": since, "until": until}
    write_gap_outputs(gaps, ctx.stage_dir, meta=meta)
    write_white_spaces(ws, ctx.stage_dir, meta=meta)
    write_recommendations(rec, ctx.stage_dir, meta=dict(
        meta, score_model=rec.attrs.get("score_model")))
    write_text(ctx.stage_dir / "missions.json",
               json.dumps(missions, ensure_ascii=False, indent=1))


# ------------------------------------------------ map stages (issue 5)
@stage("map")
def map_stage(ctx: RunContext) -> None:
    """map.html: the interactive map, sized by the metrics and overlaid with
    the recommendations and gaps earlier stages left in ``ctx.results``
    (each optional)."""
    from .render import render_map
    render_map(ctx.network, ctx.stage_dir / "map.html",
               metrics=ctx.results.get("metrics"),
               recommendations=ctx.results.get("recommendations"),
               gaps=ctx.results.get("gaps"), lang=ctx.option("lang", "fr"),
               seed=ctx.option("seed", 42), progress=ctx.progress)

# ------------------------------------------------ report stages (issue 6)
@stage("report")
def report_stage(ctx: RunContext) -> None:
    """report.html, report.md and report.xlsx in ``--lang`` (French by
    default), from the results earlier stages left in ``ctx.results``."""
    from .report import FORMATS, report_for_run, write_report
    report = report_for_run(ctx.network, ctx.results, ctx.options,
                            progress=ctx.progress)
    write_report(report, ctx.stage_dir, FORMATS)

# ------------------------------------------------ neo4j stages (issue 7)
@stage("neo4j")
def neo4j_stage(ctx: RunContext) -> None:
    """When a database is configured (``--uri`` / ``NEO4J_URI``): push the
    network (unless it was read from Neo4j), write back the metrics and
    recommendations earlier stages left in ``ctx.results`` (computed here if
    absent), and write ``neo4j.json`` (what was written where; no password)."""
    uri = ctx.option("uri")
    if not uri:
        return
    import json

    from .io.outputs import write_text
    from .neo4j import connect, push_network, safe_uri, scores, write_back
    metrics, rec = scores(ctx.network, seed=ctx.option("seed", 42),
                          lang=ctx.option("lang", "fr"),
                          metrics=ctx.results.get("metrics"),
                          recommendations=ctx.results.get("recommendations"),
                          progress=ctx.progress)
    database = ctx.option("database")
    report = {"uri": safe_uri(uri), "database": database}
    with connect(uri, ctx.option("user", "neo4j"), ctx.option("password"),
                 database) as driver:
        if ctx.network.meta.get("source") != "neo4j":
            pushed = push_network(driver, ctx.network, database=database,
                                  progress=ctx.progress)
            report["push"] = {"run_id": pushed.run_id, "actors": pushed.nodes,
                              "cooperations": pushed.relationships}
        report["write_back"] = write_back(driver, metrics, rec,
                                          database=database,
                                          progress=ctx.progress)
    ctx.results["neo4j"] = report
    write_text(ctx.stage_dir / "neo4j.json",
               json.dumps(report, ensure_ascii=False, indent=1))


def run(network: Network, outdir, options: dict | None = None,
        progress: bool = False) -> list[Path]:
    """Run every stage on ``network`` and return the files written to outdir."""
    outdir = Path(outdir)
    with staged_dir(outdir) as stage_dir:
        ctx = RunContext(network, stage_dir, dict(options or {}), {}, progress)
        for _name, func in STAGES:
            func(ctx)
        written = sorted(p.relative_to(stage_dir)
                         for p in stage_dir.rglob("*") if p.is_file())
    return [outdir / p for p in written]
