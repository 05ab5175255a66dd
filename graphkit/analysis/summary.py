"""Network-level results: size, density, components, modularity,
assortativity, cross-border share by year, per-pôle and per-park summaries.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import GROUP_TYPES
from ..network import Ties
from .figures import key_figures
from .metrics import indexed_ties, metrics_table

__all__ = ["summarise", "assortativity", "SUMMARY_TABLES"]

#: The DataFrame entries of :func:`summarise`'s result (one sheet each).
SUMMARY_TABLES = ("size_by_type", "size_by_country", "cross_border_by_year",
                  "groups")


def assortativity(u: np.ndarray, v: np.ndarray, values) -> float:
    """Attribute assortativity of ties ``u[i] - v[i]`` (Newman 2003).

    Equals ``nx.attribute_assortativity_coefficient`` on the same graph;
    ties touching an actor whose value is missing are left out. NaN when
    fewer than one tie remains or every tie joins the same value.

    >>> assortativity(np.array([0, 2]), np.array([1, 3]), ["a", "a", "b", "b"])
    1.0
    """
    values = pd.Series(list(values), dtype=object)
    codes, _ = pd.factorize(values)
    cu, cv = codes[u], codes[v]
    keep = (cu >= 0) & (cv >= 0)
    cu, cv = cu[keep], cv[keep]
    if len(cu) == 0:
        return float("nan")
    k = int(max(cu.max(), cv.max())) + 1
    e = np.zeros((k, k))
    np.add.at(e, (cu, cv), 1.0)
    np.add.at(e, (cv, cu), 1.0)
    e /= e.sum()
    a = e.sum(axis=1)
    b = e.sum(axis=0)
    ab = float(a @ b)
    if np.isclose(ab, 1.0):
        return float("nan")
    return float((np.trace(e) - ab) / (1.0 - ab))


def _modularity(g, membership: np.ndarray, weighted: bool) -> float:
    if len(g.u) == 0:
        return float("nan")
    h = g.igraph()
    return float(h.modularity(membership.tolist(),
                              weights=g.w.tolist() if weighted else None))


def _cross_border_by_year(network, ties) -> pd.DataFrame:
    t = network.ties(ties)
    country = network.actors["country"].astype(object)
    cs = t["source"].map(country)
    ct = t["target"].map(country)
    known = cs.notna() & ct.notna() & t["year"].notna()
    d = pd.DataFrame({"year": t["year"][known].astype("int64"),
                      "weight": t["weight"][known],
                      "cross": (cs[known] != ct[known]).astype(float)})
    d["cross_weight"] = d["weight"] * d["cross"]
    out = d.groupby("year").agg(cooperations=("weight", "size"),
                                weight=("weight", "sum"),
                                cross_border_cooperations=("cross", "sum"),
                                cross_border_weight=("cross_weight", "sum"))
    out["cross_border_cooperations"] = \
        out["cross_border_cooperations"].astype("int64")
    out["cross_border_share"] = out["cross_border_weight"] / out["weight"]
    return out.sort_index()


def _groups(network, ties) -> pd.DataFrame:
    actors = network.actors
    groups = actors.index[actors["type"].isin(GROUP_TYPES)]
    cols = ["name", "type", "members", "partners_reached",
            "countries_reached"]
    if len(groups) == 0:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="id"))
    pairs = [(a, gid) for a, gs in network.membership(
        ties.since, ties.until).items() for gid in gs]
    pairs += [(gid, gid) for gid in groups]
    mem = pd.DataFrame(pairs, columns=["actor", "group"]).drop_duplicates()
    t = network.ties(ties)
    t = t.assign(row=np.arange(len(t)))
    sides = []
    for here, other in (("source", "target"), ("target", "source")):
        s = t[[here, other, "type", "row"]].merge(
            mem, left_on=here, right_on="actor")
        sides.append(pd.DataFrame({"group": s["group"], "other": s[other],
                                   "type": s["type"], "row": s["row"]}))
    inv = pd.concat(sides, ignore_index=True)
    inside = inv.merge(mem.rename(columns={"actor": "other"}),
                       on=["other", "group"], how="left", indicator=True)
    inv["inside"] = (inside["_merge"] == "both").to_numpy()
    by_type = (inv.drop_duplicates(["group", "row"])
               .groupby(["group", "type"]).size().unstack(fill_value=0))
    outside = inv[~inv["inside"]]
    country = actors["country"].astype(object)
    out = pd.DataFrame(index=pd.Index(groups, name="id"))
    out["name"] = actors.loc[groups, "name"]
    out["type"] = actors.loc[groups, "type"]
    members = mem[mem["actor"] != mem["group"]].groupby("group").size()
    out["members"] = members.reindex(groups, fill_value=0).to_numpy()
    reached = outside.drop_duplicates(["group", "other"])
    out["partners_reached"] = reached.groupby("group").size().reindex(
        groups, fill_value=0).to_numpy()
    rc = reached.assign(country=reached["other"].map(country)).dropna(
        subset=["country"])
    out["countries_reached"] = rc.drop_duplicates(["group", "country"]).groupby(
        "group").size().reindex(groups, fill_value=0).to_numpy()
    for ty in ties.types:
        col = by_type[ty] if ty in by_type.columns else pd.Series(dtype=int)
        out[f"cooperations_{ty}"] = col.reindex(groups, fill_value=0) \
            .to_numpy().astype("int64")
    return out.sort_index()


def summarise(network, metrics: pd.DataFrame | None = None, *, types=None,
              since=None, until=None, weighted: bool = True,
              exact: bool = False, seed: int = 42, group_by: str = "country",
              include_membership: bool = False,
              progress: bool = False) -> dict:
    """Network-level results under the same tie parameters as :func:`analyse`.

    Parameters
    ----------
    network : graphkit.Network
    metrics : DataFrame, optional
        The result of :func:`analyse` under the same tie parameters (its
        communities give the modularity); computed when not given.
    types, since, until, weighted, exact, seed, group_by, include_membership
        As in :func:`analyse` (``types`` may be a :class:`~graphkit.Ties`).
        Pass the ones ``metrics`` was computed with: nothing is read from
        the table itself.

    Returns
    -------
    dict
        The key figures (:func:`graphkit.analysis.figures.key_figures`:
        ``actors``, ``cooperations``, ``memberships``, ``partner_pairs``,
        ``components``, ``largest_component``, ``actors_without_tie``,
        ``cross_border_share``...), then ``density``, ``communities``,
        ``modularity``, ``assortativity_country``, ``assortativity_type``
        (numbers); ``size_by_type``, ``size_by_country``,
        ``cross_border_by_year`` and ``groups`` (DataFrames; ``groups`` has
        one row per pôle and park: members, partners reached outside it,
        countries reached, cooperations by type involving it or a member).

    Examples
    --------
    >>> import pandas as pd
    >>> from graphkit import Network
    >>> net = Network(
    ...     pd.DataFrame({"id": list("psl"), "name": list("PSL"),
    ...                   "type": ["pole", "sme", "lab"],
    ...                   "country": ["FR", "FR", "CN"]}),
    ...     pd.DataFrame({"source": list("ss"), "target": list("pl"),
    ...                   "type": ["member_of", "academic_partner"]}))
    >>> s = summarise(net)
    >>> s["density"], int(s["groups"].loc["p", "partners_reached"])
    (0.3333333333333333, 1)
    """
    spec = types if isinstance(types, Ties) else Ties.of(
        types, since, until, include_membership=include_membership,
        weighted=weighted)
    if metrics is None:
        metrics, _ = metrics_table(network, spec, exact=exact, seed=seed,
                                   group_by=group_by, progress=progress)
    g, _, _ = indexed_ties(network, spec)
    n = g.n
    actors = network.actors
    size_by_type = actors.groupby("type").size().rename("actors").to_frame()
    size_by_type.index.name = "type"
    size_by_country = actors.groupby(
        actors["country"].astype(object).fillna("(unknown)")).size() \
        .rename("actors").to_frame()
    size_by_country.index.name = "country"
    membership = metrics["community"].reindex(actors.index).to_numpy(
        dtype=np.int64)
    figures = key_figures(network, spec)
    out = {
        **{k: v for k, v in figures.items() if k != "ties"},
        "density": float(2 * len(g.u) / (n * (n - 1))) if n > 1 else 0.0,
        "communities": int(len(np.unique(membership))) if n else 0,
        "modularity": _modularity(g, membership, spec.weighted),
        "assortativity_country": assortativity(
            g.u, g.v, actors["country"].astype(object)),
        "assortativity_type": assortativity(
            g.u, g.v, actors["type"].astype(object)),
        "size_by_type": size_by_type.sort_values("actors", ascending=False,
                                                 kind="stable"),
        "size_by_country": size_by_country.sort_values(
            "actors", ascending=False, kind="stable"),
        "cross_border_by_year": _cross_border_by_year(network, spec),
        "groups": _groups(network, spec),
    }
    return out
