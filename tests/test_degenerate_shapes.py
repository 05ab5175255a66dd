"""Degenerate shapes, at small size, through every command a user runs.

A hub with every tie (star), a network that is one clique, many
cooperation rows between one pair, many isolated actors beside one tie, a
network with no dated tie, one actor and no actor at all. Each command
(`analyse`, `gaps`, `partners`, `mission`, `map`, `report`, `run`) either
finishes with its outputs or refuses with one clear line and a non-zero
exit; never a traceback. The large versions of these shapes are timed by
benchmarks/bench_run.py --shapes.
"""
from __future__ import annotations

import itertools
import json
import traceback
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.cli import main

ACTOR_COLUMNS = ["id", "name", "type", "country", "sectors"]
COOP_COLUMNS = ["source", "target", "type", "year"]
HUB = {"id": "hub", "name": "Pôle Hub", "type": "pole", "country": "FR",
       "sectors": "ai"}


def _others(n: int, kind: str = "sme") -> list[dict]:
    return [{"id": f"a{i}", "name": f"Organisation {i}", "type": kind,
             "country": "FR" if i % 2 else "DE",
             "sectors": "ai;biotech" if i % 3 else "ai"} for i in range(n)]


def shape(name: str, n: int) -> tuple[list[dict], list[tuple]]:
    """Actors and cooperations of the shape ``name`` with about ``n``
    actors (the hub ``hub`` is always there except in ``empty``)."""
    others = _others(n)
    if name == "star":  # one hub, every tie on it
        return [HUB] + others, [(a["id"], "hub", "rd_partnership",
                                 2010 + i % 5) for i, a in enumerate(others)]
    if name == "clique":  # everyone with everyone
        people = [HUB] + others
        return people, [(a["id"], b["id"], "rd_partnership", 2012)
                        for a, b in itertools.combinations(people, 2)]
    if name == "pair":  # many cooperation rows between one pair
        return [HUB] + others[:1], [("a0", "hub", "rd_partnership",
                                     2005 + i % 10) for i in range(n * 20)]
    if name == "isolated":  # one tie, every other actor alone
        lab = {"id": "lab", "name": "Laboratoire", "type": "lab",
               "country": "FR", "sectors": "ai"}
        return [HUB, lab] + others, [("lab", "hub", "academic_partner",
                                      2011)]
    if name == "undated":  # no cooperation has a year
        return [HUB] + others, [
            (a["id"], "hub" if i % 3 or i == 0 else f"a{i - 1}",
             "rd_partnership", None) for i, a in enumerate(others)]
    if name == "one":
        return [HUB], []
    if name == "empty":
        return [], []
    raise ValueError(name)


SHAPES = ("star", "clique", "pair", "isolated", "undated", "one", "empty")


def write_shape(folder: Path, name: str, n: int) -> Path:
    actors, coops = shape(name, n)
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(actors, columns=ACTOR_COLUMNS).to_csv(
        folder / "actors.csv", index=False)
    pd.DataFrame(coops, columns=COOP_COLUMNS).to_csv(
        folder / "cooperations.csv", index=False)
    return folder


#: Every command a user runs on a network, with the files it must write
#: when it finishes (relative to its output folder ``out``).
COMMANDS = {
    "analyse": (["analyse", "{data}", "-o", "{out}"],
                ["metrics.csv", "metrics.xlsx", "metrics.json",
                 "summary.json", "summary.xlsx"]),
    "gaps": (["gaps", "{data}", "-o", "{out}"],
             ["gaps.csv", "gaps.xlsx", "gaps.json", "white_spaces.csv"]),
    "partners": (["partners", "{data}", "hub", "--lang", "en"], []),
    "mission": (["mission", "{data}", "--pole", "hub", "--json"], []),
    "map": (["map", "{data}", "-o", "{out}/map.html"], ["map.html"]),
    "report": (["report", "{data}", "-o", "{out}"],
               ["report.html", "report.md", "report.xlsx"]),
    "run": (["run", "{data}", "-o", "{out}"],
            ["metrics.csv", "gaps.csv", "recommendations.csv",
             "missions.json", "map.html", "report.html", "info.json"]),
}


def run_command(command: str, data: Path, out: Path):
    args, files = COMMANDS[command]
    args = [a.format(data=data, out=out) for a in args]
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    return result, files


def check_outcome(result, files: list[str], out: Path, what: str) -> str:
    """Finished with every file, or refused in one line, exit 1; returns
    "ok" or "refused"."""
    if result.exception is not None and not isinstance(result.exception,
                                                       SystemExit):
        tb = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"{what}: traceback\n{tb}")
    assert "Traceback" not in result.output, what
    if result.exit_code == 0:
        missing = [f for f in files if not (out / f).is_file()]
        assert not missing, f"{what}: finished without {missing}"
        return "ok"
    assert result.exit_code == 1, (what, result.exit_code, result.output)
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert lines, f"{what}: refused without a word"
    message = lines[-1]
    assert message.startswith("Error: ") and len(message) > 20, (what,
                                                                 message)
    # nothing half-written: outputs appear whole or not at all
    assert not any((out / f).exists() for f in files), what
    return "refused"


#: What each shape must do: the shapes with a tie finish every command;
#: without a tie, the analysis refuses (nothing to analyse) and `partners`
#: answers that it has no candidate, or refuses an unknown actor.
EXPECTED = {s: "ok" for s in ("star", "clique", "pair", "isolated",
                              "undated")}


@pytest.mark.parametrize("name", SHAPES)
def test_every_command_finishes_or_refuses(tmp_path, name):
    data = write_shape(tmp_path / "data", name, 12)
    outcomes = {}
    for command in COMMANDS:
        out = tmp_path / command
        result, files = run_command(command, data, out)
        outcomes[command] = check_outcome(result, files, out,
                                          f"{name} / {command}")
    if name in EXPECTED:
        assert set(outcomes.values()) == {"ok"}, outcomes
    elif name == "one":
        assert outcomes["partners"] == "ok"
        assert {outcomes[c] for c in COMMANDS if c != "partners"} == \
            {"refused"}, outcomes
    else:
        assert set(outcomes.values()) == {"refused"}, outcomes


def test_refusals_say_why(tmp_path):
    """The one line of a refusal names the reason in words."""
    one = write_shape(tmp_path / "one", "one", 0)
    result, _ = run_command("analyse", one, tmp_path / "a")
    assert result.output.strip().splitlines()[-1].startswith(
        "Error: no cooperation of the types analysed")
    empty = write_shape(tmp_path / "empty", "empty", 0)
    result, _ = run_command("partners", empty, tmp_path / "p")
    assert result.output.strip().splitlines()[-1] == \
        "Error: unknown actor id 'hub'"


def test_star_answers_are_right(tmp_path):
    """The star's figures are the known ones: the hub sits on every path,
    its partners on none; the partners of a leaf are its fellow leaves."""
    n = 9
    data = write_shape(tmp_path / "data", "star", n)
    result, _ = run_command("analyse", data, tmp_path / "a")
    assert result.exit_code == 0, result.output
    m = pd.read_csv(tmp_path / "a" / "metrics.csv").set_index("id")
    assert m.loc["hub", "degree"] == n
    assert m.loc["hub", "betweenness"] == pytest.approx(1.0)
    assert (m.drop("hub")["betweenness"] == 0).all()
    assert (m.drop("hub")["degree"] == 1).all()
    assert m.loc["hub", "constraint"] == pytest.approx(1 / n)
    summary = json.loads((tmp_path / "a" / "summary.json").read_text())
    assert summary["components"] == 1


def test_pair_rows_add_up_to_one_tie(tmp_path):
    """Many rows between one pair are one tie whose weight is their sum."""
    data = write_shape(tmp_path / "data", "pair", 10)  # 200 rows
    result, _ = run_command("analyse", data, tmp_path / "a")
    assert result.exit_code == 0, result.output
    m = pd.read_csv(tmp_path / "a" / "metrics.csv").set_index("id")
    assert m.loc["hub", "degree"] == 1 and m.loc["a0", "degree"] == 1
    assert m.loc["hub", "weighted_degree"] == pytest.approx(200.0)
    assert m.loc["hub", "first_year"] == 2005
    assert m.loc["hub", "last_year"] == 2014


FEW = settings(max_examples=12, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture,
                                      HealthCheck.too_slow])


@FEW
@given(name=st.sampled_from(SHAPES), n=st.integers(0, 40),
       command=st.sampled_from(sorted(COMMANDS)))
def test_any_size_of_any_shape(tmp_path_factory, name, n, command):
    """Any size of any shape, any command: finished or refused, never a
    traceback."""
    base = tmp_path_factory.mktemp("shape")
    data = write_shape(base / "data", name, n)
    result, files = run_command(command, data, base / "out")
    check_outcome(result, files, base / "out", f"{name}({n}) / {command}")


def test_brokerage_of_a_clique_is_zero_and_both_counts_agree():
    """A clique has no open two-path: every brokerage role is 0 (counted
    without listing its triangles); on any graph, counting the closed
    two-paths by sparse products equals listing the triangles."""
    import importlib

    import networkx as nx
    import numpy as np
    import scipy.sparse as sp
    B = importlib.import_module("graphkit.analysis.brokerage")
    g = nx.complete_graph(60)
    nx.set_node_attributes(g, {v: "FR" if v % 3 else "DE" for v in g},
                           "country")
    roles = B.brokerage(g)
    assert (roles.to_numpy() == 0).all()
    rng = np.random.default_rng(7)
    for trial in range(40):
        n = int(rng.integers(2, 30))
        m = int(rng.integers(0, n * n // 2 + 1))
        si, di = rng.integers(0, n, m), rng.integers(0, n, m)
        if trial % 2:
            si, di = np.r_[si, di], np.r_[di, si]
        keep = si != di
        a = sp.csr_matrix((np.ones(int(keep.sum())), (si[keep], di[keep])),
                          shape=(n, n))
        a.data[:] = 1.0
        codes = rng.integers(0, int(rng.integers(1, 4)), n)
        listed = B._closed_by_role(a, codes, n, listing=float("inf"))
        products = B._closed_by_role(a, codes, n, listing=-1)
        assert (listed == products).all(), trial
