"""A summary of a network: what it holds and how connected it is.

:func:`info` returns plain Python values (ready for JSON); :func:`format_info`
renders them as text for ``graphkit info``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .model import COOPERATION_TYPES, DEFAULT_TIE_TYPES
from .network import Network

#: How many component sizes :func:`info` lists.
LARGEST = 5


def _counts(s: pd.Series) -> dict:
    """Value -> count, most frequent first, ties by value; missing as None."""
    values = s.to_numpy(dtype=object, na_value=None)
    vc = pd.Series(values, dtype=object).value_counts(dropna=False)
    items = sorted(((None if pd.isna(k) else k, v) for k, v in vc.items()),
                   key=lambda kv: (-kv[1], kv[0] is None, str(kv[0])))
    return {(None if k is None else (int(k) if isinstance(k, (int, np.integer))
                                     else str(k))): int(v) for k, v in items}


def _of_types(network: Network, types) -> np.ndarray:
    return network.cooperations["type"].isin(tuple(types)).to_numpy(bool)


def components(network: Network, types=None) -> np.ndarray:
    """Sizes of the connected components, largest first.

    Counted on the undirected graph of the cooperations of ``types`` (every
    cooperation type by default, membership included: belonging to a pôle
    connects). Every actor is in exactly one component, isolated actors in
    their own.
    """
    types = tuple(COOPERATION_TYPES) if types is None else tuple(types)
    n = len(network.actors)
    if n == 0:
        return np.zeros(0, dtype=int)
    u, v = network.endpoint_positions
    ok = (u >= 0) & (v >= 0) & _of_types(network, types)
    adj = sparse.coo_matrix((np.ones(ok.sum()), (u[ok], v[ok])), shape=(n, n))
    _count, labels = connected_components(adj, directed=False)
    return np.sort(np.bincount(labels))[::-1]


def cross_border_share(network: Network, types=None) -> dict:
    """Weighted share of cooperation between actors of different countries.

    Over the ties of ``types`` (every type but membership by default) whose
    two actors both have a country; ``unknown_weight`` is the weight of the
    ties left out because a country is missing.
    """
    mask = _of_types(network, DEFAULT_TIE_TYPES if types is None else types)
    country = pd.Series(network.actors["country"].to_numpy(
        dtype=object, na_value=None), dtype=object)
    codes, _ = pd.factorize(country, use_na_sentinel=True)
    codes = np.append(codes, -1)  # position -1 (unknown actor) -> no country
    u, v = network.endpoint_positions
    cs, ct = codes[u[mask]], codes[v[mask]]
    known = (cs >= 0) & (ct >= 0)
    w = network.cooperations["weight"].to_numpy(dtype=float)[mask]
    cross = known & (cs != ct)
    total = float(w[known].sum())
    return {"share": (float(w[cross].sum()) / total) if total else None,
            "cross_border_weight": float(w[cross].sum()),
            "known_weight": total,
            "unknown_weight": float(w[~known].sum())}


def info(network: Network) -> dict:
    """Counts, connected components and cross-border share of ``network``.

    Returns
    -------
    dict
        ``actors`` and ``cooperations`` (totals), ``actor_types``,
        ``countries``, ``cooperation_types``, ``years`` (value -> count,
        most frequent first; years in order), ``components`` (``count``,
        ``largest``: sizes of the :data:`LARGEST` largest, ``isolated``:
        actors with no cooperation at all), ``cross_border``
        (see :func:`cross_border_share`) and ``inputs`` / ``counts`` from
        the reader when known.

    Examples
    --------
    >>> a = pd.DataFrame({"id": ["p", "s", "c"], "name": ["P", "S", "C"],
    ...                   "type": ["pole", "sme", "company"],
    ...                   "country": ["FR", "FR", "CN"]})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "c"],
    ...                   "type": ["member_of", "rd_partnership"],
    ...                   "year": [2010, 2012], "weight": [1, 3]})
    >>> d = info(Network(a, c))
    >>> d["components"], d["cross_border"]["share"]
    ({'count': 1, 'largest': [3], 'isolated': 0}, 1.0)
    """
    a, c = network.actors, network.cooperations
    sizes = components(network)
    years = c["year"].dropna().astype(int).value_counts().sort_index()
    u, v = network.endpoint_positions
    degree = np.bincount(np.concatenate([u[u >= 0], v[v >= 0]]),
                         minlength=len(a))
    out = {
        "actors": int(len(a)),
        "cooperations": int(len(c)),
        "actor_types": _counts(a["type"]),
        "countries": _counts(a["country"]),
        "cooperation_types": _counts(c["type"]),
        "years": {int(y): int(n) for y, n in years.items()},
        "cooperations_without_year": int(c["year"].isna().sum()),
        "components": {"count": int(len(sizes)),
                       "largest": [int(s) for s in sizes[:LARGEST]],
                       "isolated": int((degree == 0).sum())},
        "cross_border": cross_border_share(network),
    }
    for key in ("name", "inputs", "counts"):
        if network.meta.get(key) is not None:
            out[key] = network.meta[key]
    return out


def format_info(summary: dict) -> str:
    """``info(network)`` as readable text (what ``graphkit info`` prints)."""
    def table(title, counts, limit=None):
        items = list(counts.items())
        shown = items if limit is None else items[:limit]
        lines = [f"{title}:"]
        lines += [f"  {'(none)' if k is None else k:<24} {v:>8}"
                  for k, v in shown]
        if len(items) > len(shown):
            rest = sum(v for _, v in items[len(shown):])
            lines.append(f"  {f'({len(items) - len(shown)} more)':<24} "
                         f"{rest:>8}")
        return lines

    s = summary
    lines = []
    if s.get("name"):
        lines.append(f"network: {s['name']}")
    lines.append(f"{s['actors']} actors, {s['cooperations']} cooperations")
    lines += table("actor types", s["actor_types"])
    lines += table("countries", s["countries"], limit=15)
    lines += table("cooperation types", s["cooperation_types"])
    years = s["years"]
    if years:
        lines += table("years", years)
    if s["cooperations_without_year"]:
        lines.append(f"  {'(no year)':<24} {s['cooperations_without_year']:>8}")
    comp = s["components"]
    lines.append(f"connected components: {comp['count']} (largest: "
                 f"{', '.join(map(str, comp['largest'])) or '-'}; isolated "
                 f"actors: {comp['isolated']})")
    cb = s["cross_border"]
    share = "n/a" if cb["share"] is None else f"{cb['share']:.1%}"
    lines.append(f"cross-border cooperation (by weight, membership left "
                 f"out): {share}")
    return "\n".join(lines)
