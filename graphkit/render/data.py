"""The data structure the map page is built from (nodes, edges, legend, texts).

:func:`map_data` turns a :class:`~graphkit.network.Network` and the analysis
tables into plain lists and dicts, ready for JSON; :func:`graphkit.render.render_map`
writes them into the page. Keeping the two apart lets tests check the
structure in Python and the page in a browser.
"""
from __future__ import annotations

import math
import os
from collections import deque
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from ..errors import GraphkitError
from ..model import ACTOR_TYPES, COOPERATION_TYPES, GROUP_TYPES
from ..network import ACTOR_COLUMNS, Network
from ..progress import bar
from ..results import Results
from ..textsafety import isolate
from ..analysis.figures import key_figures
from .layout import force_layout, geo_projection
from .pack import pack_groups
from .. import texts as tx
from ..texts import LANGS


def page_texts() -> dict[str, dict[str, str]]:
    """The fixed texts of the map page (the catalogue's ``map.*`` keys),
    for each language: the page switches between them without reloading."""
    return {lang: {k[4:]: v for k, v in tx.catalogue(lang).items()
                   if k.startswith("map.")} for lang in LANGS}


TEXTS = page_texts()

LAYOUTS = ("auto", "spring", "geo")
#: Colours of the recommended partnerships and of the gaps on the map.
RECOMMENDATION_COLOUR = "#ff00ff"
GAP_COLOUR = "#ff4500"
#: Border colours of the largest communities (the others get OTHER_COMMUNITY).
COMMUNITY_COLOURS = ("#000000", "#e6194b", "#3cb44b", "#4363d8", "#f58231",
                     "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990",
                     "#800000", "#808000")
OTHER_COMMUNITY = "#a9a9a9"
#: Physics is switched on (then off once stable) up to this many nodes.
PHYSICS_MAX_NODES = 300
#: Above this many edges they are drawn on one canvas layer (see map_data).
EDGE_LAYER_MIN_EDGES = 8000
#: Recommended partnerships drawn as edges: this many best per actor.
RECOMMENDED_EDGES_PER_ACTOR = 3
MIN_SIZE, MAX_SIZE = 8.0, 38.0
#: How the map draws each actor type: colours from the Okabe-Ito palette
#: (told apart with the common colour-vision deficiencies), each colour
#: shared by at most two types and told apart by shape; no shape that
#: holds its label (box, database, ellipse grow with long names).
TYPE_STYLE = {
    "pole": ("#0072B2", "hexagon"), "park": ("#D55E00", "diamond"),
    "sme": ("#E69F00", "dot"), "company": ("#E69F00", "square"),
    "lab": ("#009E73", "triangle"), "training_centre": ("#009E73", "triangleDown"),
    "agency": ("#CC79A7", "star"), "ministry": ("#CC79A7", "square"),
    "embassy_service": ("#56B4E9", "star"), "region": ("#999999", "dot"),
    "programme": ("#F0E442", "square"),
}
#: Above this many nodes the page opens on the grouped overview.
OVERVIEW_MIN_NODES = 150
#: Ways of grouping the actors in the overview (the page offers each).
GROUPINGS = ("pole", "community", "country")
#: The default size: partners on the map, memberships included, so that
#: pôles and parks (many members) stand out.
REACH = "reach"


# ------------------------------------------------------------------ helpers
def _missing(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def _text(v) -> str:
    """Any cell as the text the page shows."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return "; ".join(_text(x) for x in v if not _missing(x))
    if _missing(v):
        return ""
    if isinstance(v, (float, np.floating)):
        return f"{float(v):.10g}"
    return isolate(str(v))


def _texts(col: pd.Series) -> list[str]:
    """A column as the texts the page shows (fast path for string columns)."""
    if pd.api.types.is_string_dtype(col.dtype) and col.dtype != object:
        return [isolate(x) for x in col.fillna("").astype(str).tolist()]
    return ["; ".join(x) if type(x) is tuple and all(type(y) is str for y in x)
            else _text(x) for x in col.tolist()]


#: Actor columns holding technology domains (shown by display name).
DOMAIN_COLUMNS = ("sectors", "seeks")


def _domain_texts(col: pd.Series) -> list:
    """A column of domains as ``{"fr": ..., "en": ...}`` display names
    ("" when empty)."""
    out = []
    said: dict = {}  # a few hundred sets of domains among thousands of actors
    for v in col.tolist():
        if isinstance(v, (list, tuple, np.ndarray)) or not _missing(v):
            v = list(v) if isinstance(v, (list, tuple, np.ndarray)) else str(v)
            key = v if type(v) is str else tuple(v) if all(
                type(x) is str for x in v) else None  # texts only are kept
            names = said.get(key) if key is not None else None
            if names is None:
                names = _both(lambda lang: tx.domain_names(v, lang))
                names = names if names["fr"] else ""
                if key is not None:
                    said[key] = names
            out.append(names)
        else:
            out.append("")
    return out


def _number(v):
    """A metric value for JSON: float with 4 significant digits, or None."""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    if math.isnan(f) or math.isinf(f):
        return None
    return float(f"{f:.4g}")


def _numbers(col: pd.Series) -> list:
    """:func:`_number` of each cell of a numeric column (one pass over a
    float array, no call per cell)."""
    values = pd.to_numeric(col, errors="coerce").to_numpy(
        dtype=float, na_value=np.nan)
    values = np.where(np.isfinite(values), values, np.nan).tolist()
    return [None if x != x else float(f"{x:.4g}") for x in values]


def _str_or_none(v):
    return None if _missing(v) else str(v)


def _metric_label(col: str) -> dict:
    """A metric's name and meaning in each language, from the catalogue."""
    out = {}
    for lang in LANGS:
        out[f"label_{lang}"] = tx.metric_label(col, lang)
        out[f"meaning_{lang}"] = tx.metric_doc(col, lang)
    return out


def _reach_label() -> dict:
    out = {}
    for lang in LANGS:
        out[f"label_{lang}"] = tx.text("map.size_reach", lang)
        out[f"meaning_{lang}"] = tx.text("map.size_reach_doc", lang)
    return out


def _both(render) -> dict:
    """``render(lang)`` for each language: ``{"fr": ..., "en": ...}``."""
    return {lang: render(lang) for lang in LANGS}


def neighbourhood(network: Network, focus: str, depth: int) -> list[str]:
    """Ids within ``depth`` hops of ``focus``, over every cooperation type
    (membership included), in breadth-first order.

    >>> a = pd.DataFrame({"id": list("abcd"), "name": list("ABCD"), "type": ["sme"] * 4})
    >>> c = pd.DataFrame({"source": list("abc"), "target": list("bcd"), "type": ["rd_partnership"] * 3})
    >>> neighbourhood(Network(a, c), "a", 2)
    ['a', 'b', 'c']
    """
    if focus not in network.actors.index:
        import difflib
        close = difflib.get_close_matches(str(focus), list(network.actors.index),
                                          n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise GraphkitError(f"--focus: no actor has the id {focus!r}{hint}")
    adj: dict[str, set] = {}
    c = network.cooperations
    for s, t in zip(c["source"].tolist(), c["target"].tolist()):
        adj.setdefault(s, set()).add(t)
        adj.setdefault(t, set()).add(s)
    seen = {focus: 0}
    order = [focus]
    queue = deque([focus])
    while queue:
        u = queue.popleft()
        if seen[u] >= depth:
            continue
        for v in sorted(adj.get(u, ())):
            if v not in seen:
                seen[v] = seen[u] + 1
                order.append(v)
                queue.append(v)
    return order


def _data_date(network: Network) -> str | None:
    years = network.cooperations["year"].dropna()
    if len(years):
        return str(int(years.max()))
    stamps = []
    for item in network.meta.get("inputs") or []:
        path = item.get("path") if isinstance(item, dict) else item
        try:
            stamps.append(os.path.getmtime(path))
        except (OSError, TypeError):
            continue
    if stamps:
        return datetime.fromtimestamp(max(stamps), timezone.utc).date().isoformat()
    date = network.meta.get("date")
    return str(date) if date else None


def _check_options(lang, layout, depth, seed, size_by):
    if lang not in LANGS:
        raise GraphkitError(f"unknown language {lang!r} (use 'fr' or 'en')")
    if layout not in LAYOUTS:
        raise GraphkitError(f"unknown layout {layout!r} "
                            f"(use {', '.join(LAYOUTS)})")
    if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)) \
            or depth < 0:
        raise GraphkitError(f"--depth must be a whole number ≥ 0, not {depth!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise GraphkitError(f"the seed must be a whole number, not {seed!r}")
    if not isinstance(size_by, str) or not size_by:
        raise GraphkitError(f"--size-by must name a metric, not {size_by!r}")


# ------------------------------------------------------------------ public
def map_data(source: Results | Network, *, lang: str = "fr",
             size_by: str = REACH, layout: str = "auto",
             focus: str | None = None, depth: int = 1, collapse: bool = False,
             seed: int | None = None, title: str | None = None,
             physics: bool | None = None, edge_layer: bool | None = None,
             progress: bool = False, compact: bool = False) -> dict:
    """Everything the map page shows, as plain JSON-ready data.

    Parameters
    ----------
    source : Results or Network
        The results of :func:`graphkit.analysis.compute`, read as they are
        (the map computes no analysis): the key figures of the header, the
        metrics (one column per metric; ``community`` gives the border
        colour), the recommendations (shown in the panel and, the ``3`` best
        per actor, as dashed edges behind a toggle) and the gaps (in the
        panel and, when ``other_id`` is on the map, as dotted edges). A bare
        Network draws the actors and cooperations only, nodes sized by their
        number of partners.
    lang : {"fr", "en"}
        Language shown first (the page carries both and can switch).
    size_by : str
        What sizes the nodes: ``reach`` (default: partners on the map,
        memberships included, so pôles and parks stand out) or a metric
        column (falls back to the degree when there are no metrics).
    layout : {"auto", "spring", "geo"}
        ``auto`` and ``spring``: seeded Fruchterman-Reingold computed in
        Python; ``geo``: Web-Mercator from lat/lon (see
        :mod:`graphkit.render.layout`).
    focus : str, optional
        Show only the actors within ``depth`` hops of this actor id.
    depth : int
        Hops around ``focus`` (any cooperation type, membership included).
    collapse : bool
        Merge the members of each pôle and park into the group node (an
        actor member of several goes to the first by id); edges between
        groups are aggregated, internal ones counted on the node.
    seed : int, optional
        Seed of the layout (default: the seed of the results, else 42).
    title : str, optional
        Page title (default: a fixed text, or the network's ``meta["name"]``).
    physics : bool, optional
        vis-network physics (stopped once stable); by default on only up to
        300 nodes and never with the geographic layout, so large maps are
        usable at once and places stay put.
    edge_layer : bool, optional
        Draw the cooperation edges on one canvas layer beneath the nodes
        instead of as vis-network edges (whose per-edge set-up dominates the
        first draw of large maps). By default above 8 000 edges. The
        recommended and gap edges stay vis-network edges; edge tooltips and
        arrows are then not shown.
    progress : bool
        Show a progress bar on stderr.
    compact : bool
        ``recommendations`` already in the packed form the page carries
        (:func:`graphkit.render.pack.pack_groups`) instead of one dict per
        recommendation: what :func:`render_map` uses, as at national scale
        those dicts take hundreds of MB. The page is the same.

    Returns
    -------
    dict
        ``meta``, ``texts`` (``fr`` and ``en`` tables with the same keys),
        ``legend``, ``columns``, ``metrics``, ``nodes``, ``edges``,
        ``recommended_edges``, ``gap_edges``, ``recommendations``,
        ``gaps``, ``filters``, ``options``.

    Examples
    --------
    >>> a = pd.DataFrame({"id": ["p", "s"], "name": ["Pôle", "PME"],
    ...                   "type": ["pole", "sme"], "country": ["FR", "FR"]})
    >>> c = pd.DataFrame({"source": ["s"], "target": ["p"], "type": ["member_of"]})
    >>> d = map_data(Network(a, c), lang="en")
    >>> [n["id"] for n in d["nodes"]], len(d["edges"]), d["meta"]["size_by"]
    (['p', 's'], 1, 'reach')
    """
    if isinstance(source, Results):
        network, results = source.network, source
        if seed is None:
            seed = results.parameters.seed
        figures = results.figures
    else:
        network, results = source, None
        figures = key_figures(network)
    seed = 42 if seed is None else seed
    _check_options(lang, layout, depth, seed, size_by)
    metrics = results.metrics if results is not None else None
    recommendations = results.recommendations if results is not None else None
    gaps = results.gaps if results is not None else None
    data = _map_data(network, metrics, recommendations, gaps, lang,
                     size_by, layout, focus, depth, collapse, seed, title,
                     physics, edge_layer, progress,
                     results.reason_words if results is not None else None,
                     compact)
    data["meta"]["figures"] = {k: figures[k] for k in (
        "actors", "cooperations", "memberships", "partner_pairs")}
    return data


#: What the page draws of a name (the panel shows it whole), and what it
#: keeps of a note or any other cell: a page embeds what it shows.
LABEL_MAX = 60
NOTE_MAX = 500
NOTES_PER_EDGE = 5
CELL_MAX = 200_000


def _cap(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut.

    >>> _cap("abcdef", 4), _cap("abc", 4)
    ('abc…', 'abc')
    """
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


class _Scope:
    """What the map draws: the network (after ``--focus``), the actors kept
    as nodes (after ``--collapse``) and where each collapsed actor went."""

    def __init__(self, network, focus, depth, collapse):
        self.full = network
        self.focus_info = None
        if focus is not None:
            ids = neighbourhood(network, str(focus), int(depth))
            network = network.subnetwork(ids)
            self.focus_info = {"id": str(focus),
                               "name": _cap(network.name(str(focus)), LABEL_MAX),
                               "depth": int(depth)}
        self.network = network
        self.collapse = bool(collapse)
        self.rep: dict[str, str] = {}
        self.members_count: dict[str, int] = {}
        actors = network.actors
        ids = list(actors.index)
        if collapse:
            for actor, groups in network.membership().items():
                if actors.at[actor, "type"] in GROUP_TYPES:
                    continue  # a pôle stays a node even inside a park
                self.rep[actor] = groups[0]
                self.members_count[groups[0]] = \
                    self.members_count.get(groups[0], 0) + 1
            ids = [i for i in ids if i not in self.rep]
        self.ids = ids
        self.on_map = set(ids)
        self.kept = actors.loc[ids]

    def place(self, a):
        """Where actor ``a`` is drawn (its group when collapsed), or None."""
        a = self.rep.get(a, a)
        return a if a in self.on_map else None


def _merge_edges(scope: _Scope):
    """One edge per (pair, cooperation type): summed weight, count, years,
    programmes and the first notes; and the cooperations inside a collapsed
    group, counted by group. Returns ``(edges, keys, internal)``."""
    c = scope.network.cooperations
    rep, on_map = scope.rep, scope.on_map
    merged: dict[tuple, int] = {}
    weights: list[float] = []
    counts: list[int] = []
    years_of: list = []  # None, one year, or a set of years
    extras: dict[int, tuple] = {}  # programmes and notes, where any
    internal: dict[str, int] = {}
    years = c["year"].to_numpy(dtype="float64", na_value=np.nan).tolist()
    undirected = {k for k, t in COOPERATION_TYPES.items() if not t.directed}
    for s, t, ty, w, y, prog, note in zip(
            c["source"].tolist(), c["target"].tolist(), c["type"].tolist(),
            c["weight"].tolist(), years, c["programme"].tolist(),
            c["note"].tolist()):
        u, v = rep.get(s, s), rep.get(t, t)
        if u == v:
            internal[u] = internal.get(u, 0) + 1
            continue
        if u not in on_map or v not in on_map:
            continue  # a hand-built Network may name unknown actors
        if v < u and ty in undirected:
            u, v = v, u
        # one slot per merged edge in flat lists, not a list and a set
        # each: fewer containers for the cyclic collector to walk
        e = merged.get((u, v, ty))
        if e is None:
            e = merged[(u, v, ty)] = len(weights)
            weights.append(0.0)
            counts.append(0)
            years_of.append(None)
        weights[e] += float(w)
        counts[e] += 1
        if not math.isnan(y):
            y = int(y)
            ys = years_of[e]
            if ys is None:
                years_of[e] = y
            elif type(ys) is int:
                if ys != y:
                    years_of[e] = {ys, y}
            else:
                ys.add(y)
        if not (_missing(prog) and _missing(note)):
            extra = extras.get(e) or extras.setdefault(e, ({}, {}))
            if not _missing(prog):
                extra[0][str(prog)] = None
            if not _missing(note) and len(extra[1]) < NOTES_PER_EDGE:
                # only what the page shows: the first notes, cut
                text = _cap(str(note)[:NOTE_MAX + 1].strip(), NOTE_MAX)
                if text:
                    extra[1][text] = None
    keys = sorted(merged)
    names_of = scope.full.actors["name"]
    edges = []
    for k, (u, v, ty) in enumerate(keys):
        e = merged[(u, v, ty)]
        w, n, ys, extra = weights[e], counts[e], years_of[e], extras.get(e)
        edge = {"id": f"e{k}", "from": u, "to": v, "type": ty,
                "weight": round(w, 6), "count": n,
                "years": [] if ys is None else [ys] if type(ys) is int
                else sorted(ys),
                "width": 1.0 if ty == "member_of"
                else round(1.0 + 2.0 * math.log1p(w), 2)}
        if extra:
            if extra[0]:
                edge["programmes"] = [_cap(_text(names_of.get(p, p)), LABEL_MAX)
                                      for p in extra[0]]
            if extra[1]:
                edge["notes"] = list(extra[1])
        edges.append(edge)
    return edges, keys, internal


def _positions(scope: _Scope, keys, layout, seed):
    """Node positions (seeded force layout, or geographic) and, for the
    geographic layout, the projection the basemap is drawn with."""
    ids, kept = scope.ids, scope.kept
    where = pd.Index(ids)
    if layout == "geo":
        index = {a: k for k, a in enumerate(ids)}
        groups_of = scope.network.membership()
        group_idx = [[index[g] for g in groups_of.get(a, []) if g in index]
                     for a in ids]
        country = [_str_or_none(x) for x in kept["country"].tolist()]
        return geo_projection(kept["lat"].to_numpy(), kept["lon"].to_numpy(),
                              country, group_idx)
    pairs = np.column_stack([where.get_indexer([k[0] for k in keys]),
                             where.get_indexer([k[1] for k in keys])]
                            ).astype(int).reshape(-1, 2)
    return force_layout(len(ids), pairs, seed=int(seed)), None


def _metric_table(metrics, ids):
    """The numeric metric columns, in the order of ``ids`` (or None)."""
    if metrics is None or not len(metrics.columns):
        return None, []
    m = metrics.copy()
    if "actor_id" in m.columns and m.index.name != "id":
        m = m.set_index("actor_id")
    m.index = m.index.astype(str)
    m = m.reindex(ids)
    cols = [col for col in m.columns
            if pd.api.types.is_numeric_dtype(m[col])
            and not pd.api.types.is_bool_dtype(m[col])]
    return m, cols


def _size_values(mvalues, metric_cols, size_by, ids, keys):
    """The raw values sizing the nodes and the metric they come from:
    ``reach`` counts each actor's partners on the map, memberships
    included; a metric column of the results otherwise (the number of
    partners without memberships when there are no metrics)."""
    if size_by == REACH:
        reach: dict[str, set] = {}
        for u, v, _ in keys:
            reach.setdefault(u, set()).add(v)
            reach.setdefault(v, set()).add(u)
        return np.array([len(reach.get(a, ())) for a in ids], dtype=float), \
            REACH
    if mvalues is not None:
        if size_by not in metric_cols:
            raise GraphkitError(
                f"--size-by: no metric {size_by!r} (choose from "
                f"{', '.join(metric_cols) or 'none'})")
        return (pd.to_numeric(mvalues[size_by], errors="coerce")
                .to_numpy(float), size_by)
    partners: dict[str, set] = {}
    for u, v, ty in keys:
        if ty != "member_of":
            partners.setdefault(u, set()).add(v)
            partners.setdefault(v, set()).add(u)
    return np.array([len(partners.get(a, ())) for a in ids], dtype=float), \
        "degree"


def _community_ranks(mvalues):
    """(community column or None, community -> rank by size)."""
    if mvalues is None or "community" not in mvalues.columns:
        return None, {}
    communities = mvalues["community"]
    counts = communities.dropna().value_counts()
    order = sorted(counts.index, key=lambda k: (-counts[k], str(k)))
    return communities, {k: r for r, k in enumerate(order)}


def _nodes(scope: _Scope, xy, sizes, mvalues, metric_cols, communities,
           community_rank, internal):
    """The nodes: drawn label (cut), type, country, position, size,
    community rank and every property and metric for the panel."""
    ids, kept, actors = scope.ids, scope.kept, scope.network.actors
    columns = ["id"] + list(actors.columns)
    texts_by_col = [kept.index.tolist()] + [
        _domain_texts(kept[col]) if col in DOMAIN_COLUMNS
        else [_cap(x, CELL_MAX) for x in _texts(kept[col])]
        for col in actors.columns]
    metric_table = [_numbers(mvalues[col]) for col in metric_cols] \
        if mvalues is not None else []
    comm_values = communities.tolist() if communities is not None else None
    names = texts_by_col[columns.index("name")]
    types = kept["type"].tolist()
    country_codes = [_str_or_none(x) or "" for x in kept["country"].tolist()]
    nodes = []
    for k, a in enumerate(ids):
        g = -1
        if comm_values is not None and not _missing(comm_values[k]):
            g = community_rank.get(comm_values[k], -1)
        node = {"id": a, "label": _cap(names[k] or a, LABEL_MAX),
                "type": types[k], "country": country_codes[k],
                "x": round(float(xy[k, 0]), 1), "y": round(float(xy[k, 1]), 1),
                "size": sizes[k], "community": g,
                "props": [col[k] for col in texts_by_col],
                "metrics": [col[k] for col in metric_table]}
        if scope.collapse and types[k] in GROUP_TYPES:
            node["members"] = scope.members_count.get(a, 0)
            node["internal"] = internal.get(a, 0)
        nodes.append(node)
    return columns, country_codes, nodes


def _legend(kept, keys, raw, size_used, communities, community_rank):
    type_counts = kept["type"].value_counts()
    coop_counts = pd.Series([ty for _, _, ty in keys]).value_counts() \
        if keys else pd.Series(dtype=int)
    finite = len(raw) and not np.isnan(raw).all()
    return {
        "actor_types": [
            {"key": t.key, **_both(lambda lang: tx.type_name(t.key, lang)),
             "colour": TYPE_STYLE.get(t.key, (t.colour, t.shape))[0],
             "shape": TYPE_STYLE.get(t.key, (t.colour, t.shape))[1],
             "count": int(type_counts[t.key])}
            for t in ACTOR_TYPES.values() if t.key in type_counts.index],
        "cooperation_types": [
            {"key": t.key, **_both(lambda lang: tx.type_name(t.key, lang)),
             "colour": t.colour, "dashes": t.dashes, "directed": t.directed,
             "count": int(coop_counts[t.key])}
            for t in COOPERATION_TYPES.values() if t.key in coop_counts.index],
        "size": {"metric": size_used, **(_reach_label() if size_used == REACH
                                         else _metric_label(size_used)),
                 "min": _number(np.nanmin(raw)) if finite else None,
                 "max": _number(np.nanmax(raw)) if finite else None},
        "communities": [
            {"rank": r, "id": _text(k), "colour": COMMUNITY_COLOURS[r],
             "count": int((communities == k).sum())}
            for k, r in community_rank.items() if r < len(COMMUNITY_COLOURS)],
        "other_community_colour": OTHER_COMMUNITY,
        "recommendation_colour": RECOMMENDATION_COLOUR,
        "gap_colour": GAP_COLOUR,
    }


def _groupings(scope: _Scope, nodes, keys, seed, geo=False) -> list[dict]:
    """The groups of the overview, for each way of grouping: by pôle or park
    (actors in no group: by country), by community (when the results have
    one) and by country. Each grouping lists its groups (kind, reference,
    the name of its largest member, position) and the group of each node;
    the page sizes, labels and links them from what the filters leave."""
    membership = scope.network.membership()
    by_size = sorted(range(len(nodes)), key=lambda k: -nodes[k]["size"])
    kind_of = dict(zip(scope.kept.index, scope.kept["type"].tolist()))
    index = {a["id"]: k for k, a in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v, _ in keys],
                    dtype=np.int64).reshape(-1, 2)
    out = []
    for way in GROUPINGS:
        if way == "community" and all(n["community"] < 0 for n in nodes):
            continue  # no communities in the results
        refs: dict[tuple, int] = {}
        of = []
        for n in nodes:
            if way == "pole":
                if n["type"] in GROUP_TYPES:
                    ref = (n["type"], n["id"])
                else:
                    mine = [g for g in membership.get(n["id"], ())
                            if g in scope.on_map]
                    ref = (kind_of[mine[0]], mine[0]) if mine \
                        else ("rest", n["country"])
            elif way == "community":
                ref = ("community", n["community"])
            else:
                ref = ("country", n["country"])
            of.append(refs.setdefault(ref, len(refs)))
        groups = [{"kind": kind, "ref": ref, "biggest": None}
                  for kind, ref in refs]
        for k in by_size:
            g = groups[of[k]]
            if g["biggest"] is None:
                g["biggest"] = nodes[k]["label"]
        # the pairs of groups with a tie between them, each once
        ga, gb = np.asarray(of, dtype=np.int64)[ends.T]
        cross = ga != gb
        pairs = np.unique(np.stack([np.minimum(ga, gb), np.maximum(ga, gb)],
                                   axis=1)[cross], axis=0)
        if geo:  # on the map: a group where its actors are
            sums = np.zeros((len(groups), 3))
            np.add.at(sums, np.array(of, dtype=int), np.array(
                [[n["x"], n["y"], 1.0] for n in nodes]).reshape(-1, 3))
            xy = sums[:, :2] / np.maximum(sums[:, 2:], 1.0)
        else:
            xy = force_layout(len(groups), pairs.reshape(-1, 2),
                              seed=int(seed)) * 2.5
        for g, (x, y) in zip(groups, xy.tolist()):
            g["x"], g["y"] = round(x, 1), round(y, 1)
        out.append({"key": way, "groups": groups, "of": of})
    return out


def _filters(kept, edges):
    countries = kept["country"].map(_str_or_none).fillna("").value_counts()
    all_years = [y for e in edges for y in (e["years"][:1] + e["years"][-1:])]
    return {
        "countries": [{"code": code, "count": int(n)} for code, n in
                      sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))],
        "year_min": min(all_years) if all_years else None,
        "year_max": max(all_years) if all_years else None,
    }


def _map_data(network, metrics, recommendations, gaps, lang, size_by, layout,
              focus, depth, collapse, seed, title, physics, edge_layer,
              progress, words=None, compact=False):
    steps = bar(total=5, desc="map", enabled=progress, unit="step")
    scope = _Scope(network, focus, depth, collapse)
    edges, keys, internal = _merge_edges(scope)
    steps.update()
    xy, projection = _positions(scope, keys, layout, seed)
    steps.update()
    mvalues, metric_cols = _metric_table(metrics, scope.ids)
    raw, size_used = _size_values(mvalues, metric_cols, size_by, scope.ids,
                                  keys)
    communities, community_rank = _community_ranks(mvalues)
    columns, country_codes, nodes = _nodes(
        scope, xy, _sizes(raw), mvalues, metric_cols, communities,
        community_rank, internal)
    steps.update()
    recs_by_actor, rec_edges = _recommendations(recommendations, scope.place,
                                                words, lang, compact)
    gaps_by_actor, gap_edges = _gaps(gaps, scope.place)
    steps.update()
    n_nodes = len(nodes)
    if physics is None:  # geographic positions must stay where they are
        physics_on = n_nodes <= PHYSICS_MAX_NODES and layout != "geo"
    else:
        physics_on = bool(physics)
    full = scope.full
    meta = {
        "title": _cap(str(title) if title else str(full.meta.get("name") or ""),
                      200),
        "lang": lang, "date": _data_date(full),
        "nodes": n_nodes, "links": len(edges),
        "size_by": size_used, "layout": "geo" if layout == "geo" else "spring",
        "physics": physics_on, "seed": int(seed), "collapsed": scope.collapse,
        # the geographic view draws its ties itself, as arcs across borders
        "edge_layer": (len(edges) > EDGE_LAYER_MIN_EDGES or layout == "geo")
        if edge_layer is None else bool(edge_layer),
        "focus": scope.focus_info,
        # on the map, crowded actors are clustered by place instead
        "overview": n_nodes > OVERVIEW_MIN_NODES and layout != "geo",
        "geo": projection,
    }
    steps.update()
    steps.close()
    return {
        "meta": meta, "texts": TEXTS,
        "legend": _legend(scope.kept, keys, raw, size_used, communities,
                          community_rank),
        "columns": columns,
        "country_names": {c: _both(lambda lang: tx.country_name(c, lang))
                          for c in sorted(set(country_codes) - {""})},
        "metrics": [{"key": col, **_metric_label(col)}
                    for col in metric_cols],
        "nodes": nodes, "edges": edges, "recommended_edges": rec_edges,
        "gap_edges": gap_edges, "recommendations": recs_by_actor,
        "gaps": gaps_by_actor, "filters": _filters(scope.kept, edges),
        "groupings": _groupings(scope, nodes, keys, seed,
                                geo=projection is not None),
    }


def _sizes(raw: np.ndarray) -> list[float]:
    if not len(raw):
        return []
    v = np.nan_to_num(np.asarray(raw, dtype=float), nan=np.nan)
    finite = v[~np.isnan(v)]
    if not len(finite):
        return [MIN_SIZE] * len(v)
    lo, hi = float(finite.min()), float(finite.max())
    lo = min(lo, 0.0)
    span = hi - lo
    rel = np.where(np.isnan(v), 0.0, (v - lo) / span if span > 0 else 0.0)
    return [round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(r), 1)
            for r in rel]


def _rows(df: pd.DataFrame | None) -> list[dict]:
    if df is None or not len(df):
        return []
    return df.to_dict("records")


def _recommendations(recs, place, words=None, lang=None, compact=False):
    """The recommendations of each actor on the map and the recommended
    edges; the reasons in both languages through ``words`` (a
    :class:`graphkit.texts.ReasonWords`: the sentences the table files of
    the same results already made are not made again; those of a language
    other than ``lang`` are not kept). ``compact``: the recommendations in
    the page's packed form (:func:`graphkit.render.pack.pack_groups`), made
    from columns with no dict per row."""
    groups: dict[str, list] = {}  # actor -> its rows, in table order
    pairs: dict[tuple, dict] = {}
    n = 0 if recs is None else len(recs)
    # column by column: one pass per column, no dict per row
    def col(name):
        return recs[name].tolist() if name in recs.columns else [None] * n
    if n:
        actors, partners = col("actor_id"), col("partner_id")
        ranks = _numbers(recs["rank"]) if "rank" in recs.columns else [None] * n
        scores = _numbers(recs["score"]) if "score" in recs.columns \
            else [None] * n
        for i, (a, p, rank) in enumerate(zip(actors, partners, ranks)):
            a, p = _str_or_none(a), _str_or_none(p)
            if a is None or p is None:
                continue
            u = place(a)
            if u == a:
                groups.setdefault(a, []).append(i)
            v = place(p)
            if u is None or v is None or u == v:
                continue
            if rank is not None and rank > RECOMMENDED_EDGES_PER_ACTOR:
                continue
            key = (min(u, v), max(u, v))
            if key not in pairs:
                pairs[key] = {"from": u, "to": v, "score": scores[i],
                              "rank": rank}
    edges = [{"id": f"r{k}", **pairs[key]} for k, key in enumerate(sorted(pairs))]
    names = list(groups)
    order = [i for a in names for i in groups[a]]
    columns = {}
    if order:
        words = words or tx.ReasonWords()
        pnames, progs, progs2 = (col("partner_name"), col("programme_names"),
                                 col("programmes"))
        columns = {
            "partner_id": [str(partners[i]) for i in order],
            "partner_name": [_cap(_text(pnames[i]) or str(partners[i]),
                                  LABEL_MAX) for i in order],
            "rank": [ranks[i] for i in order],
            "score": [scores[i] for i in order],
            "reasons": {},
            "programmes": [_text(progs[i]) or _text(progs2[i])
                           for i in order]}
        for lg in LANGS:
            said = words.column(recs, lg, keep=lg == lang) \
                if "reason_codes" in recs.columns else None
            columns["reasons"][lg] = [said[i] for i in order] \
                if said is not None else [""] * len(order)
    if compact:
        return pack_groups(names, [len(groups[a]) for a in names],
                           columns), edges
    by_actor: dict[str, list] = {}
    keys = list(columns)
    rows = zip(*(columns[k] if k != "reasons" else
                 [dict(zip(LANGS, r)) for r in zip(*columns[k].values())]
                 for k in keys)) if order else iter(())
    for a in names:
        by_actor[a] = [dict(zip(keys, next(rows))) for _ in groups[a]]
    return by_actor, edges


def _gaps(gaps, place):
    by_actor: dict[str, list] = {}
    pairs: dict[tuple, dict] = {}
    for row in _rows(gaps):
        a = _str_or_none(row.get("actor_id"))
        if a is None:
            continue
        other = _str_or_none(row.get("other_id"))
        entry = {"rule_id": _text(row.get("rule_id")),
                 "rule": _both(lambda lang: tx.rule_name(row.get("rule_id"), lang)),
                 "detail": _both(lambda lang: tx.gap_detail(
                     row.get("detail_code"), row.get("detail_values"), lang)),
                 "other_id": other,
                 "other_name": _cap(_text(row.get("other_name")), LABEL_MAX),
                 "severity": _number(row.get("severity"))}
        u = place(a)
        if u == a:
            by_actor.setdefault(a, []).append(entry)
        v = place(other) if other is not None else None
        if u is None or v is None or u == v:
            continue
        key = (min(u, v), max(u, v))
        pairs.setdefault(key, {"from": u, "to": v, "rule_id": entry["rule_id"]})
    edges = [{"id": f"g{k}", **pairs[key]} for k, key in enumerate(sorted(pairs))]
    return by_actor, edges
