"""write_network / write_rejects: files whole or not at all; info()."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from graphkit.errors import GraphkitError
from graphkit.analysis.figures import key_figures
from graphkit.info import format_info, info
from graphkit.network import Ties
from graphkit.io import LoadResult, read_network, write_network, write_rejects
from graphkit.network import Network

A = pd.DataFrame({"id": ["p", "s", "l", "c", "x"],
                  "name": ["Pôle", "PME", "Labo", "Co", "Lone"],
                  "type": ["pole", "sme", "lab", "company", "lab"],
                  "country": ["FR", "FR", "FR", "CN", None]})
C = pd.DataFrame({"source": ["s", "s", "l", "c"],
                  "target": ["p", "l", "c", "x"],
                  "type": ["member_of", "rd_partnership", "academic_partner",
                           "rd_partnership"],
                  "year": [2009, 2010, None, 2012],
                  "weight": [1.0, 2.0, 3.0, 5.0],
                  "note": ["ok", "ok", "ok", "ok"]})


def test_folder_written_whole_or_not_at_all(tmp_path):
    bad = C.copy()
    # a lone surrogate: not encodable (an object column: pandas' Arrow-backed
    # strings refuse it at once)
    bad["note"] = pd.Series(["ok", "ok", "ok", "\ud800"], dtype=object)
    out = tmp_path / "out"
    with pytest.raises(UnicodeEncodeError):
        write_network(Network(A, bad), out)
    assert not out.exists() or not any(out.iterdir())
    with pytest.raises(UnicodeEncodeError):
        write_network(Network(A, bad), tmp_path / "n.json")
    assert not list(tmp_path.glob("*n.json*"))  # neither file nor temp file


def test_files_written_and_json_shape(tmp_path):
    paths = write_network(Network(A, C), tmp_path / "d")
    assert [p.name for p in paths] == ["actors.csv", "cooperations.csv"]
    header = paths[0].read_text(encoding="utf-8").splitlines()[0]
    assert header == "id,name,type,country,city,region,sectors,seeks,lat,lon,source"
    [p] = write_network(Network(A, C), tmp_path / "n.json")
    doc = json.loads(p.read_text(encoding="utf-8"))
    assert set(doc) == {"actors", "cooperations"}
    assert doc["actors"][0]["id"] == "p" and doc["actors"][0]["sectors"] == []
    assert doc["cooperations"][2]["year"] is None
    with pytest.raises(GraphkitError, match="cannot tell how to write"):
        write_network(Network(A, C), tmp_path / "n.csv")


def test_write_rejects_round_trip(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    (d / "actors.csv").write_text("id,name,type\na,A,lab\nb,,lab\n")
    (d / "cooperations.csv").write_text("source,target,type\na,b,rd\n")
    r = read_network(d, lenient=True)
    path = write_rejects(r.rejects, tmp_path / "rejects.csv")
    back = pd.read_csv(path)
    assert back[["file", "line", "column", "reason"]].values.tolist() == [
        ["actors.csv", 3, "name", "missing required value"],
        ["cooperations.csv", 2, "target",
         "actor 'b' was rejected (actors.csv, line 3)"]]


def test_info_known_answers():
    net = Network(A, C)
    d = info(net)
    assert d["actor_types"] == {"lab": 2, "company": 1, "pole": 1, "sme": 1}
    assert d["countries"] == {"FR": 3, "CN": 1, None: 1}
    assert d["years"] == {2009: 1, 2010: 1, 2012: 1}
    assert d["cooperations_without_year"] == 1
    f = d["figures"]
    # the analysis' ties leave the pôle, reached by membership only, alone
    assert (f["components"], f["largest_components"],
            f["actors_without_tie"]) == (2, [4, 1], 1)
    assert d["with_memberships"] == {"components": 1,
                                     "largest_components": [5],
                                     "actors_without_tie": 0}
    assert (f["cooperations"], f["memberships"], f["partner_pairs"]) == \
        (3, 1, 3)
    # ties without membership: s-l FR-FR 2, l-c FR-CN 3; c-x has no country
    assert f["cross_border_share"] == 3 / 5
    assert f["cross_border_pairs"] == 1
    rd = Ties.of(["rd_partnership"])
    assert list(net.components(rd)) == [2, 2, 1]
    assert key_figures(net, rd)["cross_border_share"] == 0.0
    text = format_info(d, "en")
    assert "5 actors, 4 cooperation rows in the data" in text
    assert "3 cooperations between 3 pairs of partners (1 membership " \
        "counted apart)" in text
    assert "cross-border share of the tie weight: 60.0%" in text
    assert "counting memberships as links too: 1 connected component;" in text
    fr = format_info(d, "fr")
    assert "3 coopérations entre 3 paires de partenaires (1 adhésion comptée " \
        "à part)" in fr
    assert "part transfrontalière du poids des liens\u202f: 60,0\u00a0%" in fr \
        or "part transfrontalière du poids des liens\u00a0: 60,0\u00a0%" in fr


def test_load_result_whole():
    r = LoadResult.whole(Network(A, C))
    assert r.counts["cooperations"] == {"read": 4, "loaded": 4, "rejected": 0}
    assert r.rejects.empty and "4 rows read, 4 loaded" in r.summary()


def test_table_json_rows_known_text(tmp_path):
    """The rows of a table's JSON file, written a column at a time, are
    the text the JSON encoder gives each row: texts (quotes, accents,
    a '%' in a name), whole numbers, floats (a missing one null),
    booleans, lists and a column of mixed values; an infinite number
    refuses the file, naming where it is."""
    from graphkit.io.tables import write_table
    df = pd.DataFrame({"id": ["a", 'b"q', None],
                       "taux %": [0.1, float("nan"), -2.5e-7],
                       "n": [1, 2, 3], "ok": [True, False, True],
                       "list": [["x", "é"], [], None],
                       "mixed": [1, "deux", 3.5]})
    path = write_table(df, tmp_path, "t", formats=("json",),
                       meta={"m": 1})[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[5:8] == [
        '{"id": "a", "taux %": 0.1, "n": 1, "ok": true, "list": ["x", "é"], '
        '"mixed": 1},',
        '{"id": "b\\"q", "taux %": null, "n": 2, "ok": false, "list": [], '
        '"mixed": "deux"},',
        '{"id": null, "taux %": -2.5e-07, "n": 3, "ok": true, "list": null, '
        '"mixed": 3.5}']
    assert json.loads(path.read_text(encoding="utf-8"))["rows"][1]["id"] \
        == 'b"q'
    df.loc[2, "taux %"] = float("inf")
    with pytest.raises(GraphkitError, match="t.json: taux % is not a finite"):
        write_table(df, tmp_path, "t", formats=("json",), meta={})


def test_table_json_written_in_chunks_reads_as_one(tmp_path):
    """A table longer than a JSON chunk: the file holds every row once, in
    order, one a line, NaN as null; a NaN in a later chunk still refuses
    the file whole."""
    from graphkit.io.tables import JSON_CHUNK, write_table
    n = 2 * JSON_CHUNK + 7
    df = pd.DataFrame({"i": range(n), "x": [0.5 if i % 3 else float("nan")
                                          for i in range(n)],
                       "t": [None if i == n - 1 else f"r{i}"
                             for i in range(n)]})
    (path,) = write_table(df, tmp_path, "t", formats=["json"], meta={"m": 1})
    text = path.read_text(encoding="utf-8")
    got = json.loads(text)
    assert got["meta"] == {"m": 1}
    assert len(got["rows"]) == n
    assert got["rows"][0] == {"i": 0, "x": None, "t": "r0"}
    assert got["rows"][JSON_CHUNK] == {"i": JSON_CHUNK, "x": 0.5,
                                       "t": f"r{JSON_CHUNK}"}
    assert got["rows"][-1] == {"i": n - 1, "x": 0.5, "t": None}
    # the head's five lines, a line a row, the end
    assert text.count("\n") == 5 + n + 1
    empty = write_table(df.iloc[:0], tmp_path, "e", formats=["json"])[0]
    assert json.loads(empty.read_text())["rows"] == []
    bad = pd.DataFrame({"v": [1.0] * (JSON_CHUNK + 1)})
    bad.loc[JSON_CHUNK, "v"] = float("inf")
    with pytest.raises(GraphkitError, match="not a finite number"):
        write_table(bad, tmp_path, "bad", formats=["json"])
    assert not (tmp_path / "bad.json").exists()
