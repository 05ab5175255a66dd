"""Likely duplicates: `graphkit validate` warns naming both rows;
`graphkit dedupe` merges them and writes merges.csv for review."""
from __future__ import annotations

import pandas as pd
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.io import read_network
from graphkit.io.dedupe import find_duplicates

ACTORS = """id;name;type;country;pic
thu;Tsinghua University;lab;CN;
pole;Aerospace Valley;pôle;FR;
thu2;TSINGHUA UNIVERSITY;laboratoire;Chine;
thales;Thales S.A.;entreprise;FR;
thales_uk;Thales;entreprise;GB;
p6;Université Paris 6;lab;FR;
p7;Université Paris 7;lab;FR;
fhg;Fraunhofer Gesellschaft;lab;DE;999
fhg2;Fraunhofer-Institut IIS;lab;DE;999
lyon;Universite Claude Bernard Lyon;lab;FR;
lyon2;Université Claude-Bernard Lyon;lab;FR;
"""
COOPS = """source;target;type;year
thu;pole;R&D;2010
thu2;pole;R&D;2012
thu;thu2;R&D;2013
p6;p7;R&D;2014
"""


def data(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    (d / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (d / "cooperations.csv").write_text(COOPS, encoding="utf-8")
    return d


def test_find_duplicates_reasons(tmp_path):
    pairs = find_duplicates(read_network(data(tmp_path)).network.actors)
    assert pairs[["id_a", "id_b", "reason"]].values.tolist() == [
        ["thu", "thu2", "same country, same name after normalisation"],
        ["fhg", "fhg2", "same pic"],
        ["lyon", "lyon2", "same country, same name after normalisation"]]


def test_validate_warns_naming_both_rows(tmp_path):
    res = CliRunner().invoke(main, ["validate", str(data(tmp_path))])
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == "valid: 11 actors, 4 cooperations"
    assert ("warning: likely the same organisation: actors.csv, line 2 "
            "(id 'thu', 'Tsinghua University') and actors.csv, line 4 "
            "(id 'thu2', 'TSINGHUA UNIVERSITY'): same country, same name "
            "after normalisation") in res.stderr
    assert "line 9 (id 'fhg'" in res.stderr and "same pic" in res.stderr
    assert "'p6'" not in res.stderr and "thales_uk" not in res.stderr


def test_dedupe_writes_merged_network_and_reviewable_merges(tmp_path):
    src = data(tmp_path)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["dedupe", str(src),
                                    "-o", str(out)])
    assert res.exit_code == 0, res.output
    net = read_network(out).network
    assert "thu2" not in net.actors.index and "thu" in net.actors.index
    c = net.cooperations
    assert c[["source", "target"]].values.tolist() == [
        ["thu", "pole"], ["thu", "pole"], ["p6", "p7"]]
    merges = pd.read_csv(out / "merges.csv", dtype=str)
    assert merges[["keep_id", "merge_id", "merge"]].values.tolist() == [
        ["thu", "thu2", "yes"], ["fhg", "fhg2", "yes"],
        ["lyon", "lyon2", "yes"]]
    # the reviewer says the two Fraunhofer rows are two institutes
    merges.loc[merges["merge_id"] == "fhg2", "merge"] = "no"
    merges.to_csv(tmp_path / "reviewed.csv", index=False)
    out2 = tmp_path / "out2"
    res = CliRunner().invoke(main, ["dedupe", str(src), "-o",
                                    str(out2), "--merges",
                                    str(tmp_path / "reviewed.csv")])
    assert res.exit_code == 0, res.output
    kept = read_network(out2).network.actors.index
    assert {"fhg", "fhg2"} <= set(kept) and "lyon2" not in kept
