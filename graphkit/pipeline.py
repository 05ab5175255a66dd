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

# ------------------------------------------------ analysis stages (issue 3)

# ------------------------------------------------ gap stages (issue 4)

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

# ------------------------------------------------ neo4j stages (issue 7)


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
