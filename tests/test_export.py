"""Exports read back with NetworkX's own readers: same nodes, edges, values."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit import GraphkitError
from graphkit.analysis import METRIC_COLUMNS, compute
from graphkit.io import read_network
from graphkit.io.export import export_network

FLORENTINE = Path(__file__).parent / "data" / "classic" / "florentine"


@pytest.fixture(scope="module")
def florentine():
    net = read_network(FLORENTINE).network
    return net, compute(net, parts=["metrics"])


def _read(path: Path, fmt: str) -> nx.Graph:
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "graphml":
        return nx.read_graphml(path)
    return nx.node_link_graph(json.loads(path.read_text("utf-8")),
                              edges="edges")


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_round_trip(florentine, tmp_path, fmt):
    net, res = florentine
    m = res.metrics
    path = export_network(res, tmp_path / f"florentine.{fmt}")
    g = _read(path, fmt)
    assert set(g.nodes) == set(net.actors.index)
    expected = {tuple(sorted(e)) for e in net.cooperation_graph().edges()}
    assert {tuple(sorted(e)) for e in g.edges()} == expected
    for actor in net.actors.index:
        attrs = g.nodes[actor]
        if fmt == "gexf":  # Gephi shows the name as the node label
            assert attrs["label"] == net.actors.at[actor, "name"]
        for col in METRIC_COLUMNS:
            value = m.at[actor, col]
            if pd.isna(value):
                assert col not in attrs, (actor, col)
            elif isinstance(value, str):
                assert attrs[col] == value
            else:
                assert float(attrs[col]) == pytest.approx(float(value),
                                                          rel=1e-12), col
    u, v = "medici", "tornabuoni"
    assert float(g.edges[u, v]["weight"]) == 1.0
    assert g.edges[u, v]["types"] == "rd_partnership"


def test_bad_format_and_cli(florentine, tmp_path):
    net, res = florentine
    with pytest.raises(GraphkitError, match="unknown export format"):
        export_network(res, tmp_path / "x.dot")
    from graphkit.cli import main
    out = tmp_path / "f.graphml"
    r = CliRunner().invoke(main, ["export", str(FLORENTINE), "--format",
                                  "graphml", "-o", str(out)])
    assert r.exit_code == 0, r.output
    g = nx.read_graphml(out)
    assert g.nodes["medici"]["degree"] == 6
    r = CliRunner().invoke(main, ["export", str(FLORENTINE), "-o",
                                  str(tmp_path / "f.txt")])
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert not (tmp_path / "f.txt").exists()
