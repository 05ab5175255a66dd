"""Per-actor metrics of the cooperation network, as one table.

:func:`analyse` is the entry point: it decides what counts as a tie (types,
year window, weights), computes every metric with the compiled engines of
:mod:`graphkit.analysis.engines` (exact below ``approx_threshold`` actors or
with ``exact=True``, pivot-sampled betweenness and closeness above);
:func:`metrics_table` also returns the approximations made, which
:func:`graphkit.analysis.compute` keeps in the results object.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from ..errors import GraphkitError
from ..network import Ties
from ..progress import bar
from . import engines
from .brokerage import GROUP_BY, ROLES, brokerage

#: Columns of the table :func:`analyse` returns, in order.
METRIC_COLUMNS = ("name", "type", "country", "degree", "weighted_degree",
                  "betweenness", "closeness", "pagerank", "eigenvector",
                  "clustering", "constraint", "effective_size", "community",
                  "cross_border_share", "partner_types", "first_year",
                  "last_year", *ROLES, "brokerage_total")

#: Above this many actors, betweenness and closeness are estimated from
#: pivots unless ``exact=True``.
APPROX_THRESHOLD = 5000
#: Number of pivots (shortest-path sources) of the betweenness and
#: closeness estimates (one pass gives both: ``engines.shortest_path_metrics``
#: with linear scaling, pivots spread over the components). Chosen by
#: ``benchmarks/bench_pivots.py``: the sampled top-100 overlaps the exact
#: top-100 by at least 90 % on the 10 000-actor ecosystem over pivot seeds
#: 42, 1, 2, 3, 4 (betweenness: lowest 88 % with 1000 pivots, 91 % with
#: 1200, 92 % with 1300; closeness: lowest 96 % with 1300).
PIVOTS = 1300
#: Work budget of the estimates, in pivots x ties: on larger networks the
#: number of pivots shrinks so that the time stays bounded (never below
#: :data:`MIN_PIVOTS`). 1300 pivots x 40 000 ties = the 10 000-actor case.
PIVOT_BUDGET = 5.2e7
MIN_PIVOTS = 500


def auto_pivots(ties: int) -> int:
    """Default number of pivots for a network with this many ties.

    >>> auto_pivots(40_000), auto_pivots(400_000)
    (1300, 500)
    """
    if ties <= 0:
        return PIVOTS
    return int(min(PIVOTS, max(MIN_PIVOTS, PIVOT_BUDGET // ties)))


__all__ = ["analyse", "metrics_table", "indexed_ties",
           "METRIC_COLUMNS", "APPROX_THRESHOLD", "PIVOTS", "auto_pivots"]


def indexed_ties(network, types=None, since=None, until=None,
                 weighted: bool = True):
    """The :meth:`Network.tie_table` of ``network`` as an
    :class:`engines.IndexedGraph` (``types`` may be a :class:`Ties`), with
    per-edge first and last years.

    Returns ``(graph, first_year, last_year)``; years are float arrays (NaN
    when unknown).
    """
    spec = types if isinstance(types, Ties) else \
        Ties.of(types, since, until, weighted=weighted)
    return network.view("indexed_ties", spec,
                        lambda: _indexed_ties(network, spec))


def _indexed_ties(network, spec: Ties):
    nodes = list(network.actors.index)
    tt = network.tie_table(spec)
    index = pd.Index(nodes)
    a = index.get_indexer(tt["u"]).astype(np.int64)
    b = index.get_indexer(tt["v"]).astype(np.int64)
    u, v = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((v, u))  # edges in actor order, as the engines expect
    g = engines.IndexedGraph(nodes, u[order], v[order],
                             tt["weight"].to_numpy(dtype=float)[order])
    return (g, tt["first_year"].to_numpy(dtype=float)[order],
            tt["last_year"].to_numpy(dtype=float)[order])


def _per_node(n, u, v, values, how):
    both = np.concatenate([u, v])
    vals = np.concatenate([values, values])
    s = pd.Series(vals).groupby(both)
    res = getattr(s, how)()
    out = np.full(n, np.nan)
    out[res.index.to_numpy()] = res.to_numpy()
    return out


def analyse(network, *, types: Iterable[str] | None = None,
            since: int | None = None, until: int | None = None,
            weighted: bool = True, exact: bool = False, seed: int = 42,
            progress: bool = False, group_by: str = "country",
            include_membership: bool = False,
            approx_threshold: int = APPROX_THRESHOLD,
            pivots: int | None = None, workers: int = 1) -> pd.DataFrame:
    """Every per-actor metric of the cooperation network, as one table.

    Parameters
    ----------
    network : graphkit.Network
    types : iterable of str, optional
        Cooperation types that count as ties (keys or aliases); default
        every type but membership (``member_of``).
    since, until : int, optional
        Year window; cooperations without a year are left out when a window
        is given.
    weighted : bool
        Use cooperation weights (strength; path length ``1 / weight``). When
        False every tie counts 1 and ``weighted_degree`` counts cooperations.
    exact : bool
        Exact betweenness and closeness whatever the size.
    seed : int
        Seed of Louvain and of the pivot sampling.
    progress : bool
        Show a progress bar on standard error.
    group_by : {"country", "type", "pole"}
        Grouping of the brokerage roles.
    include_membership : bool
        Count membership as a tie too.
    approx_threshold : int
        Above this many actors (and unless ``exact``), betweenness and
        closeness are estimated from pivots.
    pivots : int, optional
        Sources of the betweenness and closeness estimates (one
        shortest-path pass gives both). Default :func:`auto_pivots`: 1300,
        fewer on networks above 40 000 ties (500 at 400 000) so the time
        stays bounded.
    workers : int
        Processes for betweenness and closeness: 1 (default) in this
        process, more forks a pool of that many.

    Returns
    -------
    DataFrame
        Indexed by actor id (every actor, isolated ones included), with the
        columns of :data:`METRIC_COLUMNS`, documented in
        the catalogue :mod:`graphkit.texts` (the parameters and the
        approximations travel in :class:`graphkit.results.Results`, from
        :func:`graphkit.analysis.compute`). Metrics undefined for an isolated actor (constraint, effective size,
        cross-border share, years) are missing (NaN / NA).

    Examples
    --------
    >>> import pandas as pd
    >>> from graphkit import Network
    >>> a = pd.DataFrame({"id": ["p", "s", "l"], "name": ["P", "S", "L"],
    ...                   "type": ["pole", "sme", "lab"],
    ...                   "country": ["FR", "FR", "CN"]})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "l"],
    ...                   "type": ["rd_partnership", "academic_partner"],
    ...                   "year": [2010, 2012]})
    >>> m = analyse(Network(a, c))
    >>> int(m.loc["s", "degree"]), float(m.loc["s", "betweenness"])
    (2, 1.0)
    >>> float(m.loc["s", "cross_border_share"])
    0.5
    >>> int(m.loc["s", "representative"]), int(m.loc["s", "gatekeeper"])
    (1, 1)
    """
    spec = Ties.of(types, since, until, include_membership=include_membership,
                   weighted=weighted)
    table, _approximations = metrics_table(
        network, spec, exact=exact, seed=seed, group_by=group_by,
        approx_threshold=approx_threshold, pivots=pivots, progress=progress,
        workers=workers)
    return table


@dataclass
class MetricContext:
    """What every metric of :data:`METRICS` reads, computed once."""
    network: object
    ties: Ties
    g: engines.IndexedGraph
    first: np.ndarray  # per-edge first year (NaN when unknown)
    last: np.ndarray
    wkey: str | None   # "weight", or None when unweighted
    k: int | None      # betweenness pivots (None: exact)
    seed: int
    group_by: str
    progress: bool
    workers: int
    approximations: list = field(default_factory=list)
    paths: dict | None = None  # betweenness, closeness and their plan

    @property
    def n(self) -> int:
        return self.g.n

    @property
    def ends(self) -> np.ndarray:
        return np.concatenate([self.g.u, self.g.v])


@dataclass(frozen=True)
class Metric:
    """One step of :func:`metrics_table`: ``compute(ctx)`` returns the
    values of ``columns`` (one array per column, in actor order)."""
    name: str
    columns: tuple[str, ...]
    compute: Callable[[MetricContext], dict]


def _degree(ctx):
    g = ctx.g
    return {"degree": np.bincount(ctx.ends, minlength=ctx.n).astype(np.int64),
            "weighted_degree": np.bincount(
                ctx.ends, weights=np.concatenate([g.w, g.w]),
                minlength=ctx.n)}


def _shortest_paths(ctx):
    """Betweenness and closeness from one pass of shortest paths, run by
    whichever of the two metrics comes first."""
    if ctx.paths is None:
        between, close, plan = engines.shortest_path_metrics(
            ctx.g, ctx.wkey, k=ctx.k, seed=ctx.seed, progress=ctx.progress,
            workers=ctx.workers)
        ctx.paths = {"betweenness": _values(between, ctx.g),
                     "closeness": _values(close, ctx.g), "plan": plan}
    return ctx.paths


def _approximation(ctx, metric: str, method: str) -> None:
    plan = ctx.paths["plan"]
    if ctx.k is not None and not plan.exact:
        k = len(plan.sources)
        ctx.approximations.append(
            {"metric": metric, "method": method, "seed": ctx.seed, "k": k,
             "n": int(ctx.n), "detail": f"k={k} of n={ctx.n} actors"})


def _betweenness(ctx):
    values = _shortest_paths(ctx)["betweenness"]
    _approximation(ctx, "betweenness", "pivot sampling (Brandes-Pich) with "
                   "linear scaling (Geisberger-Sanders-Schultes): shortest "
                   "paths from k sources drawn at random in each connected "
                   "component in proportion to its size, scaled by the "
                   "component's size over its sources")
    return {"betweenness": values}


def _closeness(ctx):
    values = _shortest_paths(ctx)["closeness"]
    _approximation(ctx, "closeness", "pivot sampling: harmonic closeness "
                   "from the distances to the k sources of the betweenness "
                   "(the same shortest-path pass), the mean over the "
                   "sources of the actor's component")
    return {"closeness": values}


def _community(ctx):
    return {"community": np.asarray(
        list(engines.louvain(ctx.g, ctx.wkey, seed=ctx.seed).values()),
        dtype=np.int64)}


def _partners(ctx):
    """Cross-border share of the actor's tie weight, partner types, years."""
    g, n, ends = ctx.g, ctx.n, ctx.ends
    actors = ctx.network.actors
    country = actors["country"].astype(object).to_numpy()
    known = pd.notna(country)
    both = known[g.u] & known[g.v]
    cross = both & (country[g.u] != country[g.v])
    cross_w = np.bincount(ends, weights=np.concatenate([g.w * cross] * 2),
                          minlength=n)
    known_w = np.bincount(ends, weights=np.concatenate([g.w * both] * 2),
                          minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(known_w > 0, cross_w / known_w, np.nan)
    ptype = actors["type"].astype(object).to_numpy()
    pairs = pd.DataFrame({"a": ends,
                          "t": np.concatenate([ptype[g.v], ptype[g.u]])})
    nt = pairs.drop_duplicates().groupby("a").size()
    partner_types = np.zeros(n, dtype=np.int64)
    partner_types[nt.index.to_numpy()] = nt.to_numpy()
    fy = _per_node(n, g.u, g.v, ctx.first, "min")
    ly = _per_node(n, g.u, g.v, ctx.last, "max")
    return {"cross_border_share": share, "partner_types": partner_types,
            "first_year": pd.array([pd.NA if np.isnan(x) else int(x)
                                    for x in fy], dtype="Int64"),
            "last_year": pd.array([pd.NA if np.isnan(x) else int(x)
                                   for x in ly], dtype="Int64")}


def _brokerage(ctx):
    t = ctx.ties
    roles = brokerage(ctx.network, ctx.group_by, types=list(t.types),
                      since=t.since, until=t.until)
    return {col: roles[col].to_numpy() for col in roles.columns}


def _engine(name, column=None, **fixed):
    """A metric that is one engine function of the graph (and its weight
    key, and the progress flag when the engine takes it)."""
    func = getattr(engines, name)

    def compute(ctx):
        kwargs = dict(fixed)
        if name in ("constraint", "effective_size"):
            kwargs["progress"] = ctx.progress
        if name == "clustering":
            return {column or name: _values(func(ctx.g), ctx.g)}
        return {column or name: _values(func(ctx.g, ctx.wkey, **kwargs),
                                        ctx.g)}
    return compute


#: The metrics of :func:`metrics_table`, in the order of its columns: a new
#: metric is a function of the :class:`MetricContext` and one line here.
METRICS: tuple[Metric, ...] = (
    Metric("degree", ("degree", "weighted_degree"), _degree),
    Metric("betweenness", ("betweenness",), _betweenness),
    Metric("closeness", ("closeness",), _closeness),
    Metric("pagerank", ("pagerank",), _engine("pagerank")),
    Metric("eigenvector", ("eigenvector",), _engine("eigenvector")),
    Metric("clustering", ("clustering",), _engine("clustering")),
    Metric("constraint", ("constraint",), _engine("constraint")),
    Metric("effective_size", ("effective_size",), _engine("effective_size")),
    Metric("community", ("community",), _community),
    Metric("partners", ("cross_border_share", "partner_types", "first_year",
                        "last_year"), _partners),
    Metric("brokerage", (*ROLES, "brokerage_total"), _brokerage),
)


def metrics_table(network, ties: Ties, *, exact: bool = False,
                  seed: int = 42, group_by: str = "country",
                  approx_threshold: int = APPROX_THRESHOLD,
                  pivots: int | None = None, progress: bool = False,
                  workers: int = 1) -> tuple[pd.DataFrame, list[dict]]:
    """:func:`analyse` under one :class:`Ties`: the metrics table (every
    metric of :data:`METRICS`) and the approximations made (``{"metric",
    "method", "seed", "k", "n", "detail"}``; empty when every metric is
    exact)."""
    if group_by not in GROUP_BY:
        raise GraphkitError(f"unknown grouping {group_by!r}: choose one of "
                            f"{', '.join(GROUP_BY)}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise GraphkitError(f"seed must be an integer, not {seed!r}")
    actors = network.actors
    g, first, last = indexed_ties(network, ties)
    approximate = (not exact) and g.n > approx_threshold
    if pivots is None:
        pivots = auto_pivots(len(g.u))
    ctx = MetricContext(network, ties, g, first, last,
                        "weight" if ties.weighted else None,
                        pivots if approximate and pivots < g.n else None,
                        int(seed), group_by, progress, workers)
    out = pd.DataFrame(index=actors.index.copy())
    for col in ("name", "type", "country"):
        out[col] = actors[col]
    with bar(len(METRICS), "analysis", progress, unit="metric") as b:
        for metric in METRICS:
            values = metric.compute(ctx)
            for col in metric.columns:
                out[col] = values[col]
            b.set_postfix_str(metric.name)
            b.update(1)
    return out, ctx.approximations


def _values(result: dict, g) -> np.ndarray:
    return np.fromiter((result[v] for v in g.nodes), dtype=float,
                       count=g.n)
