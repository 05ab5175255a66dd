"""Library calls leave the process and their inputs as they found them: no
garbage-collector switch, no process pool unless asked, no global random
state changed, no argument modified."""
from __future__ import annotations

import gc
import json
import multiprocessing
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graphkit import ValidationError
from graphkit.analysis import engines as E
from graphkit.generate import generate_ecosystem
from graphkit.io.contract import validate
from graphkit.io.raw import read_raw
from graphkit.neo4j.mapping import actor_rows, cooperation_rows
from graphkit.randomness import seeded_igraph
from graphkit.analysis import compute
from graphkit.render import map_data
from graphkit.render.layout import force_layout


@pytest.fixture(scope="module")
def net():
    return generate_ecosystem(300, seed=3)


def test_no_call_switches_the_garbage_collector_off(net, monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    res = compute(net)
    map_data(res)
    actor_rows(net)
    cooperation_rows(net)
    assert calls == []


def test_no_pool_unless_workers_are_asked_for(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("a process pool was started")
    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    g = nx.connected_watts_strogatz_graph(2500, 6, 0.1, seed=1)
    E.betweenness(g, None, k=100)
    E.harmonic_closeness(g, None, k=100)
    with pytest.raises(AssertionError, match="pool"):
        E.betweenness(g, None, k=100, workers=2)


def test_the_worker_count_does_not_change_the_answer():
    g = nx.connected_watts_strogatz_graph(2500, 6, 0.1, seed=2)
    assert E.betweenness(g, None, k=300, workers=1) == \
        E.betweenness(g, None, k=300, workers=2)


def test_seeded_igraph_calls_leave_random_state_as_it_was(net):
    import igraph as ig
    random.seed(123)
    before = random.getstate()
    np_before = np.random.get_state()[1].copy()
    one = E.louvain(nx.karate_club_graph(), weight=None, seed=5)
    xy = force_layout(30, np.array([[i, i + 1] for i in range(29)]), seed=5)
    assert random.getstate() == before
    assert (np.random.get_state()[1] == np_before).all()
    # a generator the caller installed in igraph stays installed
    mine = random.Random(7)
    ig.set_random_number_generator(mine)
    try:
        state = mine.getstate()
        E.louvain(nx.karate_club_graph(), weight=None, seed=5)
        assert mine.getstate() != state  # igraph still draws from it
    finally:
        ig.set_random_number_generator(random)
    assert E.louvain(nx.karate_club_graph(), weight=None, seed=5) == one
    assert (force_layout(30, np.array([[i, i + 1] for i in range(29)]),
                         seed=5) == xy).all()


def test_seeded_igraph_restores_on_error():
    before = random.getstate()
    with pytest.raises(ZeroDivisionError):
        with seeded_igraph(1):
            1 / 0
    assert random.getstate() == before


def _snapshot(df: pd.DataFrame):
    return (list(df.columns), df.to_json(orient="split", default_handler=str),
            json.dumps(df.attrs, default=str))


def test_library_calls_leave_their_inputs_unchanged(net):
    actors, coops = _snapshot(net.actors), _snapshot(net.cooperations)
    res = compute(net)
    m = res.metrics
    metrics = _snapshot(m)
    recs, gaps = _snapshot(res.recommendations), _snapshot(res.gaps)
    map_data(res, collapse=True)
    map_data(res, layout="geo")
    actor_rows(net)
    cooperation_rows(net)
    assert _snapshot(net.actors) == actors
    assert _snapshot(net.cooperations) == coops
    assert _snapshot(m) == metrics
    assert _snapshot(res.recommendations) == recs
    assert _snapshot(res.gaps) == gaps


def test_validate_leaves_the_raw_tables_unchanged(tmp_path):
    (tmp_path / "n.json").write_text(json.dumps({
        "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "cooperations": [{"source": "a", "target": "b",
                          "type": "rd_partnership"}]}))
    raw = read_raw(tmp_path / "n.json")
    columns = {k: list(t.df.columns) for k, t in raw.tables.items()}
    try:
        validate(raw, lenient=True)  # no actor has a type
    except ValidationError:
        pass  # here only whether the input changed matters
    assert {k: list(t.df.columns) for k, t in raw.tables.items()} == columns
