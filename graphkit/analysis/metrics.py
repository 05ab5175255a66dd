"""Per-actor metrics of the cooperation network, as one table.

:func:`analyse` is the entry point: it decides what counts as a tie (types,
year window, weights), computes every metric with the compiled engines of
:mod:`graphkit.analysis.engines` (exact below ``approx_threshold`` actors or
with ``exact=True``, pivot-sampled betweenness and closeness above) and
records the parameters and approximations in ``df.attrs``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import GraphkitError
from ..model import (COOPERATION_TYPES, DEFAULT_TIE_TYPES,
                     normalise_cooperation_type, suggest_cooperation_type)
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
#: Number of pivots (shortest-path sources) of the betweenness estimate;
#: closeness uses half as many. Chosen by ``benchmarks/bench_analysis.py``:
#: the sampled top-100 overlaps the exact top-100 by at least 90 % on the
#: 10 000-actor ecosystem (betweenness: 84-87 % with 1000 pivots, 91-93 %
#: with 2000; closeness: 93 % with 1000).
PIVOTS = 2000
#: Work budget of the estimates, in pivots x ties: on larger networks the
#: number of pivots shrinks so that the time stays bounded (never below
#: :data:`MIN_PIVOTS`). 2000 pivots x 40 000 ties = the 10 000-actor case.
PIVOT_BUDGET = 8e7
MIN_PIVOTS = 500


def auto_pivots(ties: int) -> int:
    """Default number of pivots for a network with this many ties.

    >>> auto_pivots(40_000), auto_pivots(400_000)
    (2000, 500)
    """
    if ties <= 0:
        return PIVOTS
    return int(min(PIVOTS, max(MIN_PIVOTS, PIVOT_BUDGET // ties)))

ENGINE = "igraph+scipy"

__all__ = ["analyse", "tie_parameters", "indexed_ties", "METRIC_COLUMNS",
           "APPROX_THRESHOLD", "PIVOTS", "auto_pivots", "write_metrics"]


def tie_parameters(types=None, since=None, until=None,
                   include_membership: bool = False) -> dict:
    """Check and normalise what counts as a tie.

    ``types`` may be an iterable of cooperation type keys or aliases (or a
    comma-separated string); ``None`` means every type but membership.
    Raises :class:`GraphkitError` on an unknown type or an empty window.

    >>> tie_parameters("R&D, academic")["types"]
    ['academic_partner', 'rd_partnership']
    """
    if isinstance(types, str):
        types = [t for t in (p.strip() for p in types.split(",")) if t]
    if types is None:
        keys = list(DEFAULT_TIE_TYPES)
    else:
        keys = []
        for t in types:
            key = normalise_cooperation_type(t)
            if key is None:
                hint = suggest_cooperation_type(t)
                raise GraphkitError(
                    f"unknown cooperation type {t!r}"
                    + (f" (did you mean {hint!r}?)" if hint else "")
                    + f"; valid types: {', '.join(COOPERATION_TYPES)}")
            keys.append(key)
        if not keys:
            raise GraphkitError("no cooperation type given")
    if include_membership and "member_of" not in keys:
        keys.append("member_of")
    for name, value in (("since", since), ("until", until)):
        if value is not None and not isinstance(value, (int, np.integer)):
            raise GraphkitError(f"{name} must be a year (an integer), "
                                f"not {value!r}")
    if since is not None and until is not None and since > until:
        raise GraphkitError(f"empty year window: since {since} > until {until}")
    return {"types": sorted(set(keys)),
            "since": None if since is None else int(since),
            "until": None if until is None else int(until)}


def indexed_ties(network, types=None, since=None, until=None,
                 weighted: bool = True):
    """The tie graph of ``network`` as an :class:`engines.IndexedGraph`
    (same merge as :meth:`Network.cooperation_graph`, without building
    NetworkX objects), with per-edge first and last years.

    Returns ``(graph, first_year, last_year)``; years are float arrays (NaN
    when unknown).
    """
    nodes = list(network.actors.index)
    t = network.ties(types, since, until)
    index = pd.Index(nodes)
    s = index.get_indexer(t["source"])
    d = index.get_indexer(t["target"])
    keep = (s >= 0) & (d >= 0) & (s != d)
    s, d = s[keep], d[keep]
    w = t["weight"].to_numpy(dtype=float)[keep] if weighted \
        else np.ones(keep.sum())
    year = t["year"].to_numpy(dtype="float64", na_value=np.nan)[keep]
    lo, hi = np.minimum(s, d), np.maximum(s, d)
    df = pd.DataFrame({"u": lo, "v": hi, "w": w, "y": year})
    agg = df.groupby(["u", "v"], sort=True).agg(
        w=("w", "sum"), fy=("y", "min"), ly=("y", "max"))
    u = agg.index.get_level_values(0).to_numpy(dtype=np.int64)
    v = agg.index.get_level_values(1).to_numpy(dtype=np.int64)
    g = engines.IndexedGraph(nodes, u, v, agg["w"].to_numpy(dtype=float))
    return g, agg["fy"].to_numpy(), agg["ly"].to_numpy()


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
        Sources of the betweenness estimate (closeness uses half as many: a
        mean of bounded terms, it converges faster). Default
        :func:`auto_pivots`: 2000, fewer on networks above 40 000 ties
        (500 at 400 000) so the time stays bounded.
    workers : int
        Processes for betweenness and closeness: 1 (default) in this
        process, more forks a pool of that many.

    Returns
    -------
    DataFrame
        Indexed by actor id (every actor, isolated ones included), with the
        columns of :data:`METRIC_COLUMNS`, documented in
        :data:`graphkit.analysis.METRIC_DOCS`. ``attrs["parameters"]``
        records the parameters, ``attrs["approximations"]`` a list of
        ``{"metric", "method", "seed", "detail"}`` (empty when exact).
        Metrics undefined for an isolated actor (constraint, effective size,
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
    ties = tie_parameters(types, since, until, include_membership)
    if group_by not in GROUP_BY:
        raise GraphkitError(f"unknown grouping {group_by!r}: choose one of "
                            f"{', '.join(GROUP_BY)}")
    if not isinstance(seed, (int, np.integer)):
        raise GraphkitError(f"seed must be an integer, not {seed!r}")
    seed = int(seed)
    actors = network.actors
    g, first, last = indexed_ties(network, ties["types"], ties["since"],
                                  ties["until"], weighted)
    n = g.n
    wkey = "weight" if weighted else None
    approximate = (not exact) and n > approx_threshold
    if pivots is None:
        pivots = auto_pivots(len(g.u))
    k = pivots if approximate and pivots < n else None
    approximations = []

    out = pd.DataFrame(index=actors.index.copy())
    out["name"] = actors["name"]
    out["type"] = actors["type"]
    out["country"] = actors["country"]
    steps = ["degree", "betweenness", "closeness", "pagerank", "eigenvector",
             "clustering", "constraint", "effective_size", "community",
             "brokerage"]
    with bar(len(steps), "analysis", progress, unit="metric") as b:
        def done(name):
            b.set_postfix_str(name)
            b.update(1)

        deg = np.bincount(np.concatenate([g.u, g.v]), minlength=n)
        wdeg = np.bincount(np.concatenate([g.u, g.v]),
                           weights=np.concatenate([g.w, g.w]), minlength=n)
        out["degree"] = deg.astype(np.int64)
        out["weighted_degree"] = wdeg
        done("degree")
        out["betweenness"] = _values(engines.betweenness(
            g, wkey, k=k, seed=seed, progress=progress, workers=workers), g)
        done("betweenness")
        kc = None if k is None else max(1, k // 2)
        out["closeness"] = _values(engines.harmonic_closeness(
            g, wkey, k=kc, seed=seed, progress=progress, workers=workers), g)
        done("closeness")
        if k is not None:
            approximations += [
                {"metric": "betweenness", "method": "pivot sampling "
                 "(Brandes-Pich): shortest paths from k random sources, "
                 "scaled by n/k", "seed": seed,
                 "detail": f"k={k} of n={n} actors"},
                {"metric": "closeness", "method": "pivot sampling: harmonic "
                 "closeness from the distances to k random sources", "seed":
                 seed, "detail": f"k={kc} of n={n} actors"}]
        out["pagerank"] = _values(engines.pagerank(g, wkey), g)
        done("pagerank")
        out["eigenvector"] = _values(engines.eigenvector(g, wkey), g)
        done("eigenvector")
        out["clustering"] = _values(engines.clustering(g), g)
        done("clustering")
        out["constraint"] = _values(engines.constraint(
            g, wkey, progress=progress), g)
        done("constraint")
        out["effective_size"] = _values(engines.effective_size(
            g, wkey, progress=progress), g)
        done("effective_size")
        out["community"] = np.asarray(
            [c for c in engines.louvain(g, wkey, seed=seed).values()],
            dtype=np.int64)
        done("community")

        country = actors["country"].astype(object).to_numpy()
        known = pd.notna(country)
        both = known[g.u] & known[g.v]
        cross = both & (country[g.u] != country[g.v])
        cross_w = np.bincount(np.concatenate([g.u, g.v]),
                              weights=np.concatenate([g.w * cross] * 2),
                              minlength=n)
        known_w = np.bincount(np.concatenate([g.u, g.v]),
                              weights=np.concatenate([g.w * both] * 2),
                              minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            out["cross_border_share"] = np.where(known_w > 0,
                                                 cross_w / known_w, np.nan)
        ptype = actors["type"].astype(object).to_numpy()
        pairs = pd.DataFrame({"a": np.concatenate([g.u, g.v]),
                              "t": np.concatenate([ptype[g.v], ptype[g.u]])})
        nt = pairs.drop_duplicates().groupby("a").size()
        partner_types = np.zeros(n, dtype=np.int64)
        partner_types[nt.index.to_numpy()] = nt.to_numpy()
        out["partner_types"] = partner_types
        fy = _per_node(n, g.u, g.v, first, "min")
        ly = _per_node(n, g.u, g.v, last, "max")
        out["first_year"] = pd.array(
            [pd.NA if np.isnan(x) else int(x) for x in fy], dtype="Int64")
        out["last_year"] = pd.array(
            [pd.NA if np.isnan(x) else int(x) for x in ly], dtype="Int64")

        roles = brokerage(network, group_by, types=ties["types"],
                          since=ties["since"], until=ties["until"])
        for col in roles.columns:
            out[col] = roles[col].to_numpy()
        done("brokerage")

    out.attrs["parameters"] = {
        "types": ties["types"], "since": ties["since"],
        "until": ties["until"], "weighted": bool(weighted),
        "exact": bool(exact), "seed": seed, "group_by": group_by,
        "engine": ENGINE, "approx_threshold": int(approx_threshold),
        "pivots": int(pivots), "actors": n, "ties": int(len(g.u))}
    out.attrs["approximations"] = approximations
    return out


def _values(result: dict, g) -> np.ndarray:
    return np.fromiter((result[v] for v in g.nodes), dtype=float,
                       count=g.n)


def write_metrics(metrics: pd.DataFrame, outdir, summary: dict | None = None,
                  formats=("csv", "xlsx", "json")) -> list[Path]:
    """Write ``metrics.csv``, ``metrics.xlsx`` and ``metrics.json`` (and,
    given a ``summary``, ``summary.json`` and ``summary.xlsx``) into outdir.

    The JSON files carry ``meta``: the parameters and approximations the
    metrics were computed with. Every file is written whole or not at all.

    Returns the paths written.
    """
    from ..io.tables import write_table
    meta = {"parameters": metrics.attrs.get("parameters", {}),
            "approximations": metrics.attrs.get("approximations", [])}
    written = write_table(metrics, outdir, "metrics", formats=formats,
                          meta=meta)
    if summary is not None:
        from .summary import write_summary
        written += write_summary(summary, outdir)
    return written
