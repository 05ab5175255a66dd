"""Work done once: a command computes the results object once, and no stage
rebuilds a view of the network that another stage already built.

Each builder is wrapped with a counter (the real function still runs), then
the command runs as a user runs it; the counts are the number of distinct
views asked for, never more.
"""
from __future__ import annotations

import collections
import functools
import importlib

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.network import Network

#: Builders that each stage used to call again (module, function).
BUILDERS = (
    ("graphkit.analysis.figures", "_key_figures"),
    ("graphkit.analysis.metrics", "_indexed_ties"),
    ("graphkit.analysis.metrics", "metrics_table"),
    ("graphkit.analysis.summary", "summarise"),
    ("graphkit.analysis.gaps", "find_gaps"),
    ("graphkit.analysis.whitespace", "white_spaces"),
    ("graphkit.analysis.recommend", "recommend"),
    ("graphkit.analysis.missions", "plan_missions"),
    ("graphkit.analysis.linkpred", "_tie_matrix"),
    ("graphkit.analysis.linkpred", "_domains"),
)
#: Views of the network itself, built once per tie definition.
NETWORK_VIEWS = ("_merge_ties", "_components")


@pytest.fixture
def counts(monkeypatch):
    seen = collections.Counter()

    def counted(label, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            seen[label] += 1
            return func(*args, **kwargs)
        return wrapper

    for module, name in BUILDERS:
        mod = importlib.import_module(module)
        monkeypatch.setattr(mod, name, counted(name, getattr(mod, name)))
    for name in NETWORK_VIEWS:
        monkeypatch.setattr(Network, name,
                            counted(name, getattr(Network, name)))
    return seen


def test_run_computes_every_part_and_view_once(example_dir, tmp_path,
                                               counts):
    result = CliRunner().invoke(main, ["run", str(example_dir), "-o",
                                       str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    # each analysis once, whatever reads it (tables, map, report)
    for name in ("metrics_table", "summarise", "find_gaps", "white_spaces",
                 "recommend", "plan_missions", "_indexed_ties"):
        assert counts[name] == 1, (name, dict(counts))
    # the white spaces, the recommendations and the missions read one tie
    # matrix and one set of domain masks
    assert counts["_tie_matrix"] == 1, dict(counts)
    assert counts["_domains"] == 1, dict(counts)
    # one merged tie table: info.json's second tie definition (memberships
    # as links) is counted from the rows (figures.link_figures), not merged
    assert counts["_key_figures"] == 1, dict(counts)
    assert counts["_merge_ties"] == 1, dict(counts)
    assert counts["_components"] == 1, dict(counts)


@pytest.mark.parametrize("command", ["analyse", "report", "map"])
def test_each_command_computes_once(example_dir, tmp_path, counts, command):
    out = tmp_path / ("map.html" if command == "map" else "out")
    result = CliRunner().invoke(main, [command, str(example_dir), "-o",
                                       str(out)])
    assert result.exit_code == 0, result.output
    assert counts["metrics_table"] == 1, dict(counts)
    assert counts["_indexed_ties"] == 1, dict(counts)
    assert counts["_key_figures"] == 1, dict(counts)
    assert counts["_merge_ties"] == 1, dict(counts)
    assert all(v <= 1 for v in counts.values()), dict(counts)


def test_run_words_each_recommendation_once_per_language(example_dir,
                                                         tmp_path,
                                                         monkeypatch):
    """The table files word the reasons in the run's language, the map in
    both: the map takes the table files' sentences, makes the other
    language's only."""
    from graphkit import texts
    made = collections.Counter()
    column = texts.ReasonWords.column

    def counted(self, table, lang, make=None, keep=True):
        if (id(table), lang) not in self._columns:
            made[lang] += 1
        return column(self, table, lang, make, keep)

    monkeypatch.setattr(texts.ReasonWords, "column", counted)
    result = CliRunner().invoke(main, ["run", str(example_dir), "-o",
                                       str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert made == {"fr": 1, "en": 1}, dict(made)


def test_info_counts_links_with_memberships_as_the_key_figures_would(
        example_dir):
    """info.json's figures with memberships as links come from the rows
    (no second merged tie table) and equal what key_figures states."""
    import pandas as pd
    from graphkit.analysis.figures import key_figures, link_figures
    from graphkit.io import read_network
    from graphkit.model import COOPERATION_TYPES
    from graphkit.network import Ties
    every = Ties.of(tuple(COOPERATION_TYPES))
    a = pd.DataFrame({"id": list("abcdef"), "name": list("ABCDEF"),
                      "type": ["pole", "sme", "lab", "sme", "lab", "company"],
                      "country": ["FR"] * 5 + ["CN"]})
    c = pd.DataFrame({"source": ["b", "c", "d", "e", "e"],
                      "target": ["a", "b", "d", "f", "f"],
                      "type": ["member_of", "rd_partnership", "rd_partnership",
                               "seminar", "seminar"]})
    for net in (read_network(example_dir).network, Network(a, c)):
        for spec in (every, Ties.of(None)):
            k = key_figures(net, spec)
            assert link_figures(net, spec) == {key: k[key] for key in (
                "components", "largest_components", "actors_without_tie")}
    # d's only tie is with itself: without a tie, alone in its component
    assert link_figures(Network(a, c), every) == {
        "components": 3, "largest_components": [3, 2, 1],
        "actors_without_tie": 1}
