"""The network with its metrics, for Gephi, Cytoscape and other tools.

GEXF and GraphML (opened by Gephi and Cytoscape) and NetworkX node-link JSON
(read by d3, Cytoscape.js, ``networkx.node_link_graph``). Nodes carry the
actor columns and every metric; edges the merged tie (weight, number of
cooperations, cooperation types, first and last year).

GraphML and GEXF have no missing value and no list, so in every format a
missing value is left out of that node's attributes (the tools show it
empty) and a tuple becomes a ``;``-separated string.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd

from ..errors import GraphkitError
from ..network import Network, Ties
from .outputs import atomic_path
from .tables import _cell, _plain, json_text

FORMATS = ("gexf", "graphml", "json")
#: Actor columns exported beside the metrics.
ACTOR_ATTRIBUTES = ("name", "type", "country", "city", "region", "sectors",
                    "seeks", "lat", "lon")

__all__ = ["export_network", "export_graph", "FORMATS"]


def _value(v):
    """A plain Python value (None when missing), tuples joined with ';'."""
    return _cell(_plain(v))


def export_graph(source) -> nx.Graph:
    """The tie graph of an analysis (:class:`~graphkit.results.Results`)
    with actor columns and metrics as node attributes (missing values left
    out, tuples joined with ``;``), under the results' tie definition; a
    bare :class:`~graphkit.Network` gives the default ties and the actor
    columns only."""
    if isinstance(source, Network):
        network, metrics, ties = source, None, Ties()
        params = ties.as_dict()
    else:
        network, metrics = source.network, source.metrics
        ties, params = source.parameters.ties, source.parameters.as_dict()
    g = network.cooperation_graph(ties)
    out = nx.Graph()
    table = network.actors[list(ACTOR_ATTRIBUTES)]
    if metrics is not None:
        extra = [c for c in metrics.columns if c not in table.columns]
        table = table.join(metrics[extra], how="left")
    columns = list(table.columns)
    for actor_id, row in zip(table.index, table.itertuples(index=False)):
        attrs = {c: _value(v) for c, v in zip(columns, row)}
        out.add_node(str(actor_id),
                     **{k: v for k, v in attrs.items() if v is not None})
    for u, v, d in g.edges(data=True):
        attrs = {k: _value(x) for k, x in d.items()}
        out.add_edge(u, v, **{k: x for k, x in attrs.items() if x is not None})
    out.graph["name"] = str(network.meta.get("name") or "graphkit")
    out.graph["parameters"] = json.dumps(params, ensure_ascii=False,
                                         default=str)
    return out


def export_network(source, path, format: str | None = None) -> Path:
    """Write the network with its metrics as GEXF, GraphML or JSON.

    Parameters
    ----------
    source : Results or Network
        The results of :func:`graphkit.analysis.compute` (ties and metrics
        as computed there), or a bare network (actor attributes only).
    path : str or Path
        The file to write (whole or not at all).
    format : {"gexf", "graphml", "json"}, optional
        Taken from the file's extension when not given.

    Returns
    -------
    Path

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> from graphkit import Network
    >>> net = Network(pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"],
    ...                             "type": ["sme", "lab"]}),
    ...               pd.DataFrame({"source": ["a"], "target": ["b"],
    ...                             "type": ["rd_partnership"]}))
    >>> p = export_network(net, os.path.join(tempfile.mkdtemp(), "n.graphml"))
    >>> sorted(nx.read_graphml(p).edges())
    [('a', 'b')]
    """
    path = Path(path)
    fmt = (format or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise GraphkitError(f"unknown export format {fmt!r}: choose one of "
                            f"{', '.join(FORMATS)}")
    g = export_graph(source)
    with atomic_path(path) as tmp:
        if fmt == "gexf":
            gexf = g.copy()
            gexf.graph = {"name": g.graph["name"]}
            for node, d in gexf.nodes(data=True):  # Gephi shows the label
                d["label"] = d.get("name", node)
            nx.write_gexf(gexf, tmp)
        elif fmt == "graphml":
            nx.write_graphml(g, tmp)
        else:
            data = nx.node_link_data(g, edges="edges")
            data["graph"]["parameters"] = json.loads(g.graph["parameters"])
            Path(tmp).write_text(json_text(data, path), encoding="utf-8")
    return path
