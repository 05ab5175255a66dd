"""The validated network: pandas tables plus the NetworkX views analysis needs.

A :class:`Network` is built by the readers in :mod:`graphkit.io` (which
validate) or directly from two clean DataFrames. It never changes after it is
built; views are computed on demand and cached.

Tables
------
``actors``
    indexed by ``id`` (str); columns ``name``, ``type`` (a key of
    :data:`graphkit.model.ACTOR_TYPES`), ``country`` (ISO alpha-2, upper case,
    or NA), ``city``, ``region``, ``sectors`` and ``seeks`` (tuples of
    domain strings), ``lat``, ``lon`` (float or NaN), ``source``, then any
    extra column of the input.
``cooperations``
    a RangeIndex; columns ``source``, ``target`` (actor ids), ``type`` (a key
    of :data:`graphkit.model.COOPERATION_TYPES`), ``year`` (nullable Int64),
    ``programme`` (actor id or NA), ``weight`` (float > 0), ``note``, then
    extras.
"""
from __future__ import annotations

from functools import cached_property
from typing import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from .errors import GraphkitError
from .model import (ACTOR_TYPES, COOPERATION_TYPES, DEFAULT_TIE_TYPES,
                    GROUP_TYPES)

ACTOR_COLUMNS = ("name", "type", "country", "city", "region", "sectors",
                 "seeks", "lat", "lon", "source")
COOPERATION_COLUMNS = ("source", "target", "type", "year", "programme",
                       "weight", "note")


def _as_tuple(value) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return value
    if isinstance(value, (list, np.ndarray)):
        return tuple(str(v) for v in value)
    if value is None or (isinstance(value, float) and np.isnan(value)) \
            or value is pd.NA:
        return ()
    return tuple(p.strip() for p in str(value).split(";") if p.strip())


class Network:
    """The validated cooperation network.

    Parameters
    ----------
    actors, cooperations : DataFrame
        Clean tables in the shape described in the module docstring. The
        ``actors`` table may carry ``id`` as a column or as its index.
    meta : dict, optional
        Provenance: ``inputs`` (list of ``{"path", "sha256"}``), ``name``, and
        anything the reader knows (rows read / loaded / rejected).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "s", "l"], "name": ["Pôle", "PME", "Labo"],
    ...                   "type": ["pole", "sme", "lab"], "country": ["FR"] * 3})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "l"],
    ...                   "type": ["member_of", "academic_partner"], "year": [2010, 2012]})
    >>> net = Network(a, c)
    >>> [sorted(e) for e in net.cooperation_graph().edges()]
    [['l', 's']]
    >>> net.membership()
    {'s': ['p']}
    """

    def __init__(self, actors: pd.DataFrame, cooperations: pd.DataFrame,
                 meta: dict | None = None):
        actors = actors.copy()
        if "id" in actors.columns:
            actors = actors.set_index("id")
        actors.index = actors.index.astype(str)
        actors.index.name = "id"
        for col in ACTOR_COLUMNS:
            if col not in actors.columns:
                actors[col] = np.nan if col in ("lat", "lon") else pd.NA
        for col in ("sectors", "seeks"):
            actors[col] = pd.Series([_as_tuple(v) for v in actors[col]],
                                    index=actors.index, dtype=object)
        actors["lat"] = pd.to_numeric(actors["lat"]).astype(float)
        actors["lon"] = pd.to_numeric(actors["lon"]).astype(float)
        extras = [c for c in actors.columns if c not in ACTOR_COLUMNS]
        self.actors: pd.DataFrame = actors[list(ACTOR_COLUMNS) + extras]

        coops = cooperations.copy().reset_index(drop=True)
        for col in COOPERATION_COLUMNS:
            if col not in coops.columns:
                coops[col] = pd.NA
        coops["source"] = coops["source"].astype(str)
        coops["target"] = coops["target"].astype(str)
        coops["year"] = pd.to_numeric(coops["year"]).astype("Int64")
        coops["weight"] = pd.to_numeric(coops["weight"]).astype(float)
        coops["weight"] = coops["weight"].fillna(1.0)
        extras = [c for c in coops.columns if c not in COOPERATION_COLUMNS]
        self.cooperations: pd.DataFrame = coops[list(COOPERATION_COLUMNS) + extras]
        self.meta: dict = dict(meta or {})
        self._membership_cache: dict = {}

    # ------------------------------------------------------------------ basics
    def __len__(self) -> int:
        return len(self.actors)

    def __repr__(self) -> str:
        return (f"<Network {len(self.actors)} actors, "
                f"{len(self.cooperations)} cooperations>")

    @property
    def actor_extra_columns(self) -> list[str]:
        return [c for c in self.actors.columns if c not in ACTOR_COLUMNS]

    @property
    def cooperation_extra_columns(self) -> list[str]:
        return [c for c in self.cooperations.columns
                if c not in COOPERATION_COLUMNS]

    def actors_of_type(self, *types: str) -> pd.Index:
        return self.actors.index[self.actors["type"].isin(types)]

    def name(self, actor_id: str) -> str:
        return str(self.actors.at[actor_id, "name"])

    @cached_property
    def endpoint_positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Row positions in ``actors`` of each cooperation's source and
        target (-1 for an id that is not an actor), computed once."""
        ids = pd.Index(self.actors.index.to_numpy(dtype=object))
        c = self.cooperations
        return (ids.get_indexer(c["source"].to_numpy(dtype=object)),
                ids.get_indexer(c["target"].to_numpy(dtype=object)))

    # ------------------------------------------------------------------ views
    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """Every actor and every cooperation, as recorded (direction kept).

        Node attributes are the actor columns; edge keys are the row numbers
        of the cooperations table and edge attributes its columns.
        """
        g = nx.MultiDiGraph()
        for actor_id, row in zip(self.actors.index,
                                 self.actors.to_dict("records")):
            g.add_node(actor_id, **row)
        for i, row in enumerate(self.cooperations.to_dict("records")):
            g.add_edge(row["source"], row["target"], key=i, **row)
        return g

    def ties(self, types: Iterable[str] | None = None, since: int | None = None,
             until: int | None = None) -> pd.DataFrame:
        """The cooperation rows that count as ties under these parameters.

        ``types`` defaults to every type but membership. A row without a year
        is kept unless a window is asked for.
        """
        types = tuple(DEFAULT_TIE_TYPES if types is None else types)
        unknown = set(types) - set(COOPERATION_TYPES)
        if unknown:
            raise GraphkitError(
                f"unknown cooperation types: {', '.join(sorted(unknown))} "
                f"(known: {', '.join(COOPERATION_TYPES)})")
        c = self.cooperations
        mask = c["type"].isin(types).to_numpy().copy()
        year = c["year"]
        if since is not None:
            mask &= (year >= since).fillna(False).to_numpy(dtype=bool)
        if until is not None:
            mask &= (year <= until).fillna(False).to_numpy(dtype=bool)
        return c[mask]

    def cooperation_graph(self, types: Iterable[str] | None = None,
                          since: int | None = None, until: int | None = None,
                          weighted: bool = True) -> nx.Graph:
        """Undirected graph of cooperation ties between actors.

        Parallel cooperations between the same two actors are merged into
        one edge whose ``weight`` is the sum of their weights (their count
        when ``weighted`` is False), with ``count``, ``types`` (sorted tuple)
        and ``first_year`` / ``last_year``. Every actor is a node, isolated or
        not, with its ``type`` and ``country``.
        """
        t = self.ties(types, since, until)
        g = nx.Graph()
        g.add_nodes_from(
            (i, {"type": ty, "country": co, "name": nm})
            for i, ty, co, nm in zip(self.actors.index, self.actors["type"],
                                     self.actors["country"], self.actors["name"]))
        if len(t):
            s = t["source"].to_numpy(dtype=object)
            d = t["target"].to_numpy(dtype=object)
            lo = np.where(s <= d, s, d)
            hi = np.where(s <= d, d, s)
            df = pd.DataFrame({"u": lo, "v": hi,
                               "w": t["weight"].to_numpy() if weighted else 1.0,
                               "type": t["type"].to_numpy(),
                               "year": t["year"].to_numpy(dtype="float64",
                                                          na_value=np.nan)})
            agg = df.groupby(["u", "v"], sort=True).agg(
                weight=("w", "sum"), count=("w", "size"),
                types=("type", lambda x: tuple(sorted(set(x)))),
                first_year=("year", "min"), last_year=("year", "max"))
            g.add_edges_from(
                (u, v, {"weight": float(w), "count": int(n), "types": ty,
                        "first_year": None if np.isnan(fy) else int(fy),
                        "last_year": None if np.isnan(ly) else int(ly)})
                for (u, v), w, n, ty, fy, ly in zip(
                    agg.index, agg["weight"], agg["count"], agg["types"],
                    agg["first_year"], agg["last_year"]))
        g.graph.update(types=list(t["type"].unique()) if len(t) else [],
                       since=since, until=until, weighted=weighted)
        return g

    def membership(self, since: int | None = None,
                   until: int | None = None) -> dict[str, list[str]]:
        """Actor id -> sorted ids of the pôles and parks it is a member of.

        Computed once per year window (the network never changes); each
        call returns a fresh copy the caller may change.
        """
        key = (since, until)
        if key not in self._membership_cache:
            m = self.ties(("member_of",), since, until)
            groups = self.actors["type"]
            out: dict[str, set] = {}
            for s, d in zip(m["source"], m["target"]):
                if groups.get(d) in GROUP_TYPES:
                    out.setdefault(s, set()).add(d)
            self._membership_cache[key] = {k: sorted(v)
                                           for k, v in sorted(out.items())}
        return {k: list(v) for k, v in self._membership_cache[key].items()}

    @cached_property
    def _members_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for actor, groups in self.membership().items():
            for g in groups:
                index.setdefault(g, []).append(actor)
        return index

    def members(self, group_id: str) -> list[str]:
        """Sorted ids of the members of a pôle or park."""
        return list(self._members_index.get(group_id, ()))

    def subnetwork(self, actor_ids: Iterable[str]) -> "Network":
        """The network restricted to these actors and the ties among them."""
        keep = pd.Index(list(actor_ids)).intersection(self.actors.index)
        c = self.cooperations
        mask = c["source"].isin(keep) & c["target"].isin(keep)
        return Network(self.actors.loc[keep].reset_index(), c[mask], self.meta)

    def type_name(self, type_key: str, lang: str = "en") -> str:
        t = ACTOR_TYPES.get(type_key) or COOPERATION_TYPES.get(type_key)
        return t.name(lang) if t else type_key
