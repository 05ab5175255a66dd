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

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # NetworkX is imported by the views that build its graphs
    import networkx as nx

from .errors import GraphkitError
from .model import (ACTOR_TYPES, COOPERATION_TYPES, DEFAULT_TIE_TYPES,
                    GROUP_TYPES, normalise_cooperation_type,
                    suggest_cooperation_type)

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


@dataclass(frozen=True)
class Ties:
    """What counts as a tie: the one definition every analysis and every
    figure a person reads is computed under.

    Build it with :meth:`of`, which checks and normalises the values.

    Attributes
    ----------
    types : tuple of str
        Cooperation type keys, sorted (default: every type but membership).
    since, until : int or None
        Year window; a cooperation without a year is left out when a window
        is given.
    weighted : bool
        Ties weigh the sum of their cooperations' weights (else their count).

    Examples
    --------
    >>> Ties.of("R&D, academic", since=2010).types
    ('academic_partner', 'rd_partnership')
    >>> Ties.of(include_membership=True).includes_membership
    True
    """
    types: tuple[str, ...] = tuple(sorted(DEFAULT_TIE_TYPES))
    since: int | None = None
    until: int | None = None
    weighted: bool = True

    @classmethod
    def of(cls, types=None, since=None, until=None, *,
           include_membership: bool = False, weighted: bool = True) -> "Ties":
        """Check and normalise: ``types`` may be keys or aliases, or one
        comma-separated string; raises :class:`GraphkitError` on an unknown
        type, a year that is not an integer or an empty window."""
        if isinstance(types, Ties):
            return types
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
            if value is not None and (isinstance(value, bool) or
                                      not isinstance(value, (int, np.integer))):
                raise GraphkitError(f"{name} must be a year (an integer), "
                                    f"not {value!r}")
        if since is not None and until is not None and since > until:
            raise GraphkitError(
                f"empty year window: since {since} > until {until}")
        return cls(tuple(sorted(set(keys))),
                   None if since is None else int(since),
                   None if until is None else int(until), bool(weighted))

    @property
    def includes_membership(self) -> bool:
        return "member_of" in self.types

    @property
    def windowed(self) -> bool:
        return self.since is not None or self.until is not None

    def as_dict(self) -> dict:
        return {"types": list(self.types), "since": self.since,
                "until": self.until, "weighted": self.weighted}


#: Columns of :meth:`Network.tie_table`.
TIE_COLUMNS = ("u", "v", "weight", "count", "types", "first_year",
               "last_year", "cross_border")



def component_sizes(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Sizes of the connected components of ``n`` nodes linked by the
    pairs of positions ``(u[i], v[i])``, largest first; a node without a
    link is a component of its own."""
    if n == 0:
        return np.zeros(0, dtype=int)
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components
    adj = sparse.coo_matrix((np.ones(len(u)), (u, v)), shape=(n, n))
    _count, labels = connected_components(adj, directed=False)
    return np.sort(np.bincount(labels))[::-1]

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
        self._tie_cache: dict = {}
        self._views: dict = {}

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
        import networkx as nx

        g = nx.MultiDiGraph()
        for actor_id, row in zip(self.actors.index,
                                 self.actors.to_dict("records")):
            g.add_node(actor_id, **row)
        for i, row in enumerate(self.cooperations.to_dict("records")):
            g.add_edge(row["source"], row["target"], key=i, **row)
        return g

    def ties(self, types: Iterable[str] | Ties | None = None,
             since: int | None = None, until: int | None = None
             ) -> pd.DataFrame:
        """The cooperation rows that count as ties under these parameters
        (a :class:`Ties`, or its ``types``, ``since`` and ``until``).

        ``types`` defaults to every type but membership. A row without a year
        is kept unless a window is asked for.
        """
        spec = types if isinstance(types, Ties) else \
            Ties.of(types, since, until)
        c = self.cooperations
        mask = c["type"].isin(spec.types).to_numpy().copy()
        year = c["year"]
        if spec.since is not None:
            mask &= (year >= spec.since).fillna(False).to_numpy(dtype=bool)
        if spec.until is not None:
            mask &= (year <= spec.until).fillna(False).to_numpy(dtype=bool)
        return c[mask]

    def tie_table(self, ties: Ties | None = None) -> pd.DataFrame:
        """The merged tie table: one row per pair of actors that cooperate
        under ``ties`` (default :class:`Ties`), the one merge every analysis
        and every figure reads.

        Columns :data:`TIE_COLUMNS`: ``u`` < ``v`` (actor ids), ``weight``
        (sum of the cooperations' weights, or their count when
        ``ties.weighted`` is False), ``count`` (cooperation rows),
        ``types`` (sorted tuple), ``first_year`` / ``last_year`` (float, NaN
        when unknown), ``cross_border`` (both countries known and different).
        Rows are sorted by (u, v). Computed once per :class:`Ties`.

        >>> import pandas as pd
        >>> a = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"],
        ...                   "type": ["sme", "lab"], "country": ["FR", "CN"]})
        >>> c = pd.DataFrame({"source": ["a", "b"], "target": ["b", "a"],
        ...                   "type": ["rd_partnership"] * 2,
        ...                   "year": [2010, 2012], "weight": [1, 2]})
        >>> row = Network(a, c).tie_table().iloc[0]
        >>> row["u"], row["v"], float(row["weight"]), int(row["count"])
        ('a', 'b', 3.0, 2)
        >>> row["types"], float(row["last_year"]), bool(row["cross_border"])
        (('rd_partnership',), 2012.0, True)
        """
        spec = ties if isinstance(ties, Ties) else Ties.of(ties)
        if spec not in self._tie_cache:
            self._tie_cache[spec] = self._merge_ties(spec)
        return self._tie_cache[spec]

    def _merge_ties(self, spec: Ties) -> pd.DataFrame:
        t = self.ties(spec)
        s = t["source"].to_numpy(dtype=object)
        d = t["target"].to_numpy(dtype=object)
        keep = s != d
        s, d = s[keep], d[keep]
        lo = np.where(s <= d, s, d)
        hi = np.where(s <= d, d, s)
        w = t["weight"].to_numpy(dtype=float)[keep] if spec.weighted \
            else np.ones(int(keep.sum()))
        df = pd.DataFrame({"u": lo, "v": hi, "w": w,
                           "type": t["type"].to_numpy(dtype=object)[keep],
                           "year": t["year"].to_numpy(dtype="float64",
                                                      na_value=np.nan)[keep]})
        if not len(df):
            return pd.DataFrame({
                "u": pd.Series(dtype=object), "v": pd.Series(dtype=object),
                "weight": pd.Series(dtype=float),
                "count": pd.Series(dtype=np.int64),
                "types": pd.Series(dtype=object),
                "first_year": pd.Series(dtype=float),
                "last_year": pd.Series(dtype=float),
                "cross_border": pd.Series(dtype=bool)})
        g = df.groupby(["u", "v"], sort=True)
        agg = g.agg(weight=("w", "sum"), count=("w", "size"),
                    first_year=("year", "min"), last_year=("year", "max"))
        agg["types"] = self._pair_types(g.ngroup().to_numpy(), df["type"],
                                        len(agg))
        agg = agg.reset_index()
        agg["cross_border"] = self.country_pairs(agg["u"], agg["v"])[1]
        agg["count"] = agg["count"].astype(np.int64)
        return agg[list(TIE_COLUMNS)]

    @staticmethod
    def _pair_types(pair: np.ndarray, types: pd.Series, n: int) -> np.ndarray:
        """The sorted tuple of the cooperation types of each pair (``pair``:
        the pair number of each row): a bit mask per pair from the few
        distinct types, then one tuple per distinct mask (a tuple built
        per group by pandas was 80 % of the merge on real data)."""
        names = sorted(set(types.tolist()))
        code = pd.Categorical(types, categories=names).codes.astype(np.int64)
        key = np.unique(pair * len(names) + code)
        masks = np.zeros(n, dtype=np.int64)
        np.bitwise_or.at(masks, key // len(names),
                         np.left_shift(1, key % len(names)))
        distinct, which = np.unique(masks, return_inverse=True)
        kinds = np.empty(len(distinct), dtype=object)
        for j, m in enumerate(distinct.tolist()):
            kinds[j] = tuple(t for k, t in enumerate(names) if m >> k & 1)
        return kinds[which]

    def country_pairs(self, a_ids, b_ids) -> tuple[np.ndarray, np.ndarray]:
        """For pairs of actor ids: whether both countries are known, and
        whether they are known and different (the one definition of
        "cross-border")."""
        # countries as numbers (-1: unknown), looked up by position
        codes = self.view("country_codes", None, lambda: np.append(
            pd.factorize(self.actors["country"])[0], -1))
        pos = self.actors.index.get_indexer  # -1 (an unknown id) -> -1
        ca = codes[pos(pd.Index(a_ids, dtype=object))]
        cb = codes[pos(pd.Index(b_ids, dtype=object))]
        known = (ca >= 0) & (cb >= 0)
        return known, known & (ca != cb)

    def view(self, name: str, key, build):
        """The view ``name`` of this network for ``key`` (a hashable, e.g.
        a :class:`Ties`): ``build()`` the first time, the same object after
        (the network never changes). The analyses keep what they derive
        from the network here (the indexed graph of the metrics, the key
        figures, the components), so that no stage of a command rebuilds
        what another one built; callers must not change what they get."""
        k = (name, key)
        if k not in self._views:
            self._views[k] = build()
        return self._views[k]

    def components(self, ties: Ties | None = None) -> np.ndarray:
        """Sizes of the connected components under ``ties``, largest first;
        every actor is in one, an actor without a tie in its own."""
        spec = ties if isinstance(ties, Ties) else Ties.of(ties)
        out = self.view("components", spec, lambda: self._components(spec))
        return out.copy()

    def _components(self, ties: Ties) -> np.ndarray:
        tt = self.tie_table(ties)
        pos = self.actors.index.get_indexer
        return component_sizes(len(self.actors), pos(tt["u"]), pos(tt["v"]))

    def cooperation_graph(self, types: Iterable[str] | Ties | None = None,
                          since: int | None = None, until: int | None = None,
                          weighted: bool = True) -> nx.Graph:
        """Undirected graph of cooperation ties between actors: the
        :meth:`tie_table` as NetworkX edges (attributes ``weight``,
        ``count``, ``types``, ``first_year`` / ``last_year`` as int or None,
        ``cross_border``). Every actor is a node, isolated or not, with its
        ``type``, ``country`` and ``name``.
        """
        spec = types if isinstance(types, Ties) else \
            Ties.of(types, since, until, weighted=weighted)
        tt = self.tie_table(spec)
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(
            (i, {"type": ty, "country": co, "name": nm})
            for i, ty, co, nm in zip(self.actors.index, self.actors["type"],
                                     self.actors["country"], self.actors["name"]))
        g.add_edges_from(
            (u, v, {"weight": float(w), "count": int(n), "types": ty,
                    "first_year": None if np.isnan(fy) else int(fy),
                    "last_year": None if np.isnan(ly) else int(ly),
                    "cross_border": bool(cb)})
            for u, v, w, n, ty, fy, ly, cb in tt.itertuples(index=False,
                                                            name=None))
        g.graph.update(types=sorted(set().union(*tt["types"])) if len(tt)
                       else [], since=spec.since, until=spec.until,
                       weighted=spec.weighted)
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
            # the target's type looked up at once, not row by row
            kind = self.actors["type"].reindex(m["target"]).to_numpy(
                dtype=object)
            keep = pd.Series(kind).isin(GROUP_TYPES).to_numpy()
            out: dict[str, set] = {}
            for s, d in zip(m["source"].to_numpy(dtype=object)[keep].tolist(),
                            m["target"].to_numpy(dtype=object)[keep].tolist()):
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
