"""Validation: every kind of problem, located; one pass; lenient accounting
with cascades."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from graphkit.errors import ValidationError
from graphkit.io import read_network

ACTORS = """id,name,type,country,lat,lon
pole1,Pôle,pôle,fr,43.6,1.4
sme1,PME,PME,FR,,
lab1,Labo,laboratoire,FR,,
prog1,COOPOL,programme,FR,,
park1,Parc,parc,CN,40,116
"""
COOPS = """source,target,type,year,programme,weight
sme1,pole1,membre,2008,,
sme1,lab1,R&D,2010,prog1,2
lab1,park1,academic,2012,,1.5
"""


def folder(tmp_path, actors_extra="", coops_extra="", actors=ACTORS,
           coops=COOPS):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "actors.csv").write_text(actors + actors_extra,
                                         encoding="utf-8")
    (tmp_path / "cooperations.csv").write_text(coops + coops_extra,
                                               encoding="utf-8")
    return tmp_path


def problems(path, lenient=False):
    with pytest.raises(ValidationError) as e:
        read_network(path, lenient=lenient)
    return [(p.file, p.line, p.column, p.value, p.reason)
            for p in e.value.problems]


def test_clean_input_loads_with_aliases_normalised(tmp_path):
    r = read_network(folder(tmp_path))
    a, c = r.network.actors, r.network.cooperations
    assert a["type"].tolist() == ["pole", "sme", "lab", "programme", "park"]
    assert a.at["pole1", "country"] == "FR"
    assert c["type"].tolist() == ["member_of", "rd_partnership",
                                  "academic_partner"]
    assert c["weight"].tolist() == [1.0, 2.0, 1.5]
    assert r.network.meta["name"] == tmp_path.name
    assert r.network.meta["format"] == "csv"
    assert r.rejects.empty and list(r.rejects.columns)[:5] == [
        "file", "line", "column", "value", "reason"]
    assert r.counts == {"actors": {"read": 5, "loaded": 5, "rejected": 0},
                        "cooperations": {"read": 3, "loaded": 3,
                                         "rejected": 0}}


def test_done_when_duplicate_unknown_type_missing_actor(tmp_path):
    """The issue's Done-when case: all three, with their lines, at once."""
    folder(tmp_path, actors_extra="sme1,Encore,PME,FR,,\nx1,X,startupp,FR,,\n",
           coops_extra="lab1,ghost,R&D,2011,,\n")
    got = problems(tmp_path)
    assert [(f, line, col) for f, line, col, _, _ in got] == [
        ("actors.csv", 7, "id"), ("actors.csv", 8, "type"),
        ("cooperations.csv", 5, "target")]
    assert got[0][4] == "duplicate id (first on line 3)"
    assert got[1][3] == "startupp" and "did you mean 'sme'?" in got[1][4]
    assert got[2][3] == "ghost" and got[2][4].startswith("unknown actor")


@pytest.mark.parametrize("actor_row, column, value, reason", [
    (",Nameless,lab,FR,,", "id", None, "missing required value"),
    ("a9,,lab,FR,,", "name", None, "missing required value"),
    ("a9,A,,FR,,", "type", None, "missing required value"),
    ("a9,A,labb,FR,,", "type", "labb", "unknown actor type; did you mean 'lab'?"),
    ("a9,A,lab,Frankreich,,", "country", "Frankreich",
     "not an ISO 3166-1 alpha-2 country code (two letters, e.g. FR, CN) nor "
     "a country name in French or English"),
    ("a9,A,lab,UK,,", "country", "UK",
     "not an ISO 3166-1 alpha-2 country code (two letters, e.g. FR, CN) nor "
     "a country name in French or English; the United Kingdom is GB"),
    ("a9,A,lab,FR,91,", "lat", "91", "outside -90..90"),
    ("a9,A,lab,FR,,-180.5", "lon", "-180.5", "outside -180..180"),
    ("a9,A,lab,FR,north,", "lat", "north", "not a number"),
    ("a9,A,lab,FR,inf,", "lat", "inf", "not a finite number"),
])
def test_every_actor_problem_located(tmp_path, actor_row, column, value,
                                     reason):
    folder(tmp_path, actors_extra=actor_row + "\n")
    assert problems(tmp_path) == [("actors.csv", 7, column, value, reason)]


@pytest.mark.parametrize("coop_row, column, value, reason", [
    (",lab1,rd,2010,,", "source", None, "missing required value"),
    ("lab1,,rd,2010,,", "target", None, "missing required value"),
    ("lab1,sme1,,2010,,", "type", None, "missing required value"),
    ("nobody,lab1,rd,2010,,", "source", "nobody",
     "unknown actor: no actor in actors.csv has this id"),
    ("lab1,lab1,rd,2010,,", "target", "lab1",
     "self-loop: source and target are the same actor"),
    ("lab1,sme1,partenariat académiqe,2010,,", "type", "partenariat académiqe",
     "unknown cooperation type; did you mean 'academic_partner'?"),
    ("lab1,sme1,rd,20x0,,", "year", "20x0", "not a number"),
    ("lab1,sme1,rd,2010.5,,", "year", "2010.5", "not a whole number"),
    ("lab1,sme1,rd,1899,,", "year", "1899", "outside 1900..2100"),
    ("lab1,sme1,rd,2101,,", "year", "2101", "outside 1900..2100"),
    ("lab1,sme1,rd,2010,,0", "weight", "0", "must be greater than 0"),
    ("lab1,sme1,rd,2010,,-2", "weight", "-2", "must be greater than 0"),
    ("lab1,sme1,rd,2010,,heavy", "weight", "heavy", "not a number"),
    ("lab1,sme1,rd,2010,pole1,", "programme", "pole1",
     "this is a pole actor, not a programme"),
    ("lab1,sme1,rd,2010,prog9,", "programme", "prog9",
     "not an actor id: programme must be the id of a programme actor in "
     "actors.csv"),
])
def test_every_cooperation_problem_located(tmp_path, coop_row, column, value,
                                           reason):
    folder(tmp_path, coops_extra=coop_row + "\n")
    assert problems(tmp_path) == [("cooperations.csv", 5, column, value,
                                   reason)]


def test_year_from_excel_as_float_text_is_fine(tmp_path):
    folder(tmp_path, coops_extra="lab1,sme1,rd,2011.0,,\n")
    assert read_network(tmp_path).network.cooperations["year"].tolist() == \
        [2008, 2010, 2012, 2011]


def test_missing_required_column_is_a_file_problem_even_lenient(tmp_path):
    folder(tmp_path, actors="id,label,type\na,A,lab\n",
           coops="source,type\na,rd\n")
    for lenient in (False, True):
        got = problems(tmp_path, lenient=lenient)
        assert [(f, line, col) for f, line, col, _, _ in got] == [
            ("actors.csv", 1, "name"), ("cooperations.csv", 1, "target")]
        assert "the header has: id, label, type" in got[0][4]


def test_repeated_column_is_a_file_problem(tmp_path):
    folder(tmp_path, actors="id,name,type,ID\na,A,lab,b\n")
    got = problems(tmp_path, lenient=True)
    assert got[0][:3] == ("actors.csv", 1, "id")
    assert "appears twice" in got[0][4]


def test_all_problems_in_one_pass_in_file_order(tmp_path):
    folder(tmp_path,
           actors_extra="bad1,,???,XX,100,\nsme1,Dup,sme,FR,,\n",
           coops_extra="bad1,bad1,???,1700,,0\n")
    got = problems(tmp_path)
    assert [(f, line, col) for f, line, col, _, _ in got] == [
        ("actors.csv", 7, "name"), ("actors.csv", 7, "type"),
        ("actors.csv", 7, "country"), ("actors.csv", 7, "lat"),
        ("actors.csv", 8, "id"),
        ("cooperations.csv", 5, "target"), ("cooperations.csv", 5, "type"),
        ("cooperations.csv", 5, "year"), ("cooperations.csv", 5, "weight")]


# ------------------------------------------------------------ lenient
def test_lenient_accounting_and_cascades(tmp_path):
    folder(tmp_path,
           actors_extra="bad1,,lab,FR,,\nsme1,Dup,sme,FR,,\nprog2,P2,programme,XX,,\n",
           coops_extra=("bad1,lab1,rd,2010,,\n"      # cascade: source rejected
                        "lab1,sme1,rd,2010,prog2,\n"  # cascade: programme rejected
                        "lab1,ghost,rd,2010,,\n"      # own problem
                        "lab1,sme1,rd,2010,,\n"))     # fine
    r = read_network(tmp_path, lenient=True)
    assert r.counts == {"actors": {"read": 8, "loaded": 5, "rejected": 3},
                        "cooperations": {"read": 7, "loaded": 4,
                                         "rejected": 3}}
    for c in r.counts.values():
        assert c["read"] == c["loaded"] + c["rejected"]
    assert r.cascaded == 2
    assert list(r.network.actors.index) == ["pole1", "sme1", "lab1", "prog1",
                                            "park1"]
    assert r.network.actors.at["sme1", "name"] == "PME"  # the first one kept
    assert len(r.network.cooperations) == 4
    rej = r.rejects
    assert len(rej) == 6  # one line per rejected row
    assert rej[["file", "line"]].values.tolist() == [
        ["actors.csv", 7], ["actors.csv", 8], ["actors.csv", 9],
        ["cooperations.csv", 5], ["cooperations.csv", 6],
        ["cooperations.csv", 7]]
    assert rej.loc[3, "reason"] == \
        "actor 'bad1' was rejected (actors.csv, line 7)"
    assert rej.loc[4, "column"] == "programme"
    assert rej.loc[4, "reason"] == \
        "actor 'prog2' was rejected (actors.csv, line 9)"
    # the raw fields of the row follow
    assert rej.loc[5, "target"] == "ghost" and rej.loc[1, "name"] == "Dup"
    assert r.network.meta["counts"] == r.counts
    assert r.summary() == (
        "actors: 8 rows read, 5 loaded, 3 rejected\n"
        "cooperations: 7 rows read, 4 loaded, 3 rejected (2 because an "
        "actor they name was rejected)")


def test_lenient_row_with_several_problems_joins_them(tmp_path):
    folder(tmp_path, coops_extra="lab1,sme1,???,1700,,0\n")
    r = read_network(tmp_path, lenient=True)
    [row] = r.rejects.to_dict("records")
    assert row["column"] == "type | year | weight"
    assert row["value"] == "??? | 1700 | 0"
    assert row["reason"].count(" | ") == 2
    assert len(r.problems) == 3


def test_json_problems_name_the_item(tmp_path):
    doc = {"actors": [{"id": "a", "name": "A", "type": "lab"},
                      {"id": "a", "name": "B", "type": "lab"}, 7],
           "cooperations": [{"source": "a", "target": "b", "type": "rd"}]}
    p = tmp_path / "n.json"
    p.write_text(json.dumps(doc))
    got = problems(p)
    assert [(f, line, col) for f, line, col, _, _ in got] == [
        ("n.json, actors[1]", None, "id"), ("n.json, actors[2]", None, None),
        ("n.json, cooperations[0]", None, "target")]
    assert got[0][4] == "duplicate id (first on actors[0])"
    r = read_network(p, lenient=True)
    assert r.network.meta["name"] == "n"
    assert r.counts["actors"] == {"read": 3, "loaded": 1, "rejected": 2}
    assert r.rejects["file"].tolist()[0] == "n.json, actors[1]"
    assert pd.isna(r.rejects["line"]).all()


def test_json_key_no_item_has_is_missing_in_each(tmp_path):
    p = tmp_path / "n.json"
    p.write_text(json.dumps({"actors": [{"id": "a", "type": "lab"}],
                             "cooperations": []}))
    got = problems(p)
    assert got == [("n.json, actors[0]", None, "name", None,
                    "missing required value")]
