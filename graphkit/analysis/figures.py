"""The key figures of a network under one tie definition.

Every figure a person reads in more than one place (``graphkit info``,
``info.json``, ``summary.json``, the map header, the report) comes from
:func:`key_figures`, computed once per :class:`~graphkit.network.Ties` from
the network's merged tie table. Two kinds of count are kept apart and named:

``cooperations``
    cooperation rows of the tie types, in the year window (what the data
    lists; memberships are rows too but not ties unless asked for);
``partner_pairs``
    pairs of actors with at least one such cooperation (what the map draws
    as one link, and what degree counts).
"""
from __future__ import annotations

import numpy as np

from ..network import Network, Ties, component_sizes

__all__ = ["key_figures", "link_figures", "LARGEST"]

#: How many component sizes :func:`key_figures` lists.
LARGEST = 5


def key_figures(network: Network, ties: Ties | None = None) -> dict:
    """The headline figures of ``network`` under ``ties``.

    Returns
    -------
    dict
        ``actors``; ``cooperations`` (rows that count as ties);
        ``memberships`` (``member_of`` rows in the window, counted apart
        unless they are ties); ``partner_pairs``; ``components``,
        ``largest_components`` (sizes of the :data:`LARGEST` largest),
        ``largest_component``, ``actors_without_tie``;
        ``cross_border_share`` (share of the tie weight between actors of two
        different countries, over the pairs whose two countries are known;
        None when there is none), ``cross_border_pairs``,
        ``cross_border_cooperations``; ``first_year`` / ``last_year`` of
        the ties (None when undated); ``ties`` (the definition, as a dict).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "s", "c"], "name": ["P", "S", "C"],
    ...                   "type": ["pole", "sme", "company"],
    ...                   "country": ["FR", "FR", "CN"]})
    >>> c = pd.DataFrame({"source": ["s", "s", "c"], "target": ["p", "c", "s"],
    ...                   "type": ["member_of", "rd_partnership", "seminar"],
    ...                   "year": [2010, 2012, 2013], "weight": [1, 3, 1]})
    >>> f = key_figures(Network(a, c))
    >>> f["cooperations"], f["partner_pairs"], f["memberships"]
    (2, 1, 1)
    >>> f["components"], f["actors_without_tie"], f["cross_border_share"]
    (2, 1, 1.0)
    """
    spec = ties if isinstance(ties, Ties) else Ties.of(ties)
    figures = network.view("key_figures", spec,
                           lambda: _key_figures(network, spec))
    return {k: list(v) if isinstance(v, list) else dict(v)
            if isinstance(v, dict) else v for k, v in figures.items()}


def link_figures(network: Network, ties: Ties | None = None) -> dict:
    """``components``, ``largest_components`` and ``actors_without_tie`` of
    :func:`key_figures` under ``ties``, from the cooperation rows alone (no
    merged tie table: what ``info`` states for a second tie definition,
    memberships counted as links, costs one sparse pass).

    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "s", "c", "x"], "name": list("PSCX"),
    ...                   "type": ["pole", "sme", "company", "lab"],
    ...                   "country": ["FR", "FR", "CN", "FR"]})
    >>> c = pd.DataFrame({"source": ["s", "x"], "target": ["p", "x"],
    ...                   "type": ["member_of", "rd_partnership"]})
    >>> link_figures(Network(a, c), ("member_of", "rd_partnership"))
    {'components': 3, 'largest_components': [2, 1, 1], 'actors_without_tie': 2}
    """
    spec = ties if isinstance(ties, Ties) else Ties.of(ties)
    n = len(network.actors)
    rows = network.ties(spec)
    pos = network.actors.index.get_indexer
    u, v = pos(rows["source"]), pos(rows["target"])
    keep = (u != v) & (u >= 0) & (v >= 0)  # a tie with oneself links no one
    u, v = u[keep], v[keep]
    sizes = component_sizes(n, u, v)
    linked = np.zeros(n, bool)
    linked[u] = linked[v] = True
    return {"components": int(len(sizes)),
            "largest_components": [int(x) for x in sizes[:LARGEST]],
            "actors_without_tie": int(n - linked.sum())}


def _key_figures(network: Network, spec: Ties) -> dict:
    tt = network.tie_table(spec)
    rows = network.ties(spec)
    rows = rows[rows["source"] != rows["target"]]
    members = network.ties(Ties.of(("member_of",), spec.since, spec.until))
    sizes = network.components(spec)
    pos = network.actors.index.get_indexer
    degree = np.bincount(np.concatenate([pos(tt["u"]), pos(tt["v"])]),
                         minlength=len(network.actors))
    known, cross = network.country_pairs(tt["u"], tt["v"])
    w = tt["weight"].to_numpy(dtype=float)
    known_w = float(w[known].sum())
    years = tt[["first_year", "last_year"]]
    first, last = years["first_year"].min(), years["last_year"].max()
    return {
        "ties": spec.as_dict(),
        "actors": int(len(network.actors)),
        "cooperations": int(len(rows)),
        "memberships": 0 if spec.includes_membership else int(len(members)),
        "partner_pairs": int(len(tt)),
        "components": int(len(sizes)),
        "largest_components": [int(s) for s in sizes[:LARGEST]],
        "largest_component": int(sizes[0]) if len(sizes) else 0,
        "actors_without_tie": int((degree == 0).sum()),
        "cross_border_share": (float(w[cross].sum()) / known_w)
        if known_w else None,
        "cross_border_pairs": int(cross.sum()),
        "cross_border_cooperations": int(tt["count"].to_numpy()[cross].sum()),
        "first_year": None if np.isnan(first) else int(first),
        "last_year": None if np.isnan(last) else int(last),
    }
