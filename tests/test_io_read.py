"""Readers of the data contract: every input format, real-world CSVs
(French Excel exports), round trips through write_network."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from graphkit.errors import GraphkitError, ValidationError
from graphkit.io import read_network, write_network
from graphkit.network import Network

ACTORS = pd.DataFrame({
    "id": ["pole_a", "sme_b", "lab_c", "park_d", "prog_e"],
    "name": ["Pôle Aérospatial", "PME; Systèmes", "Laboratoire \"LISA\"",
             "Zhongguancun", "COOPOL"],
    "type": ["pole", "sme", "lab", "park", "programme"],
    "country": ["FR", "FR", "FR", "CN", "FR"],
    "city": ["Toulouse", "Paris", None, "Beijing", "Paris"],
    "sectors": ["aeronautics;space", "ict", "environment", "ict;life sciences",
                None],
    "seeks": [None, "space", "ict", None, None],
    "lat": [43.6, 48.85, 48.79, 39.98, 48.86],
    "lon": [1.44, 2.35, 2.44, 116.31, 2.35],
    "source": ["public", "illustrative", "public", "public", "public"],
    "remark": ["x", None, "multi\nline", "y", "z"],
})
COOPS = pd.DataFrame({
    "source": ["sme_b", "sme_b", "lab_c", "sme_b"],
    "target": ["pole_a", "lab_c", "park_d", "park_d"],
    "type": ["member_of", "rd_partnership", "academic_partner",
             "delegation_visit"],
    "year": [2008, 2010, 2012, 2013],
    "programme": [None, None, None, "prog_e"],
    "weight": [1.0, 2.5, 1.0, 1.0],
    "note": [None, "joint project, phase 1", None, "mission; week 12"],
})


def small() -> Network:
    return Network(ACTORS, COOPS)


def write_csv(folder, name, text: str, encoding="utf-8", newline="\n"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(text.replace("\n", newline).encode(encoding))


def assert_same(a: Network, b: Network, check_dtype=True):
    pd.testing.assert_frame_equal(a.actors, b.actors, check_dtype=check_dtype)
    pd.testing.assert_frame_equal(a.cooperations, b.cooperations,
                                  check_dtype=check_dtype)


# ------------------------------------------------------------ formats
@pytest.mark.parametrize("target", ["folder", "net.xlsx", "net.json"])
def test_round_trip_every_format(tmp_path, target):
    path = tmp_path / target
    first = read_network(write_network(small(), tmp_path / "orig")[0].parent)
    written = write_network(first.network, path)
    assert all(p.exists() for p in written)
    again = read_network(path).network
    assert_same(first.network, again, check_dtype=(target == "folder"))
    assert again.actors.at["sme_b", "sectors"] == ("ict",)
    assert again.actors.at["pole_a", "sectors"] == ("aeronautics", "space")
    assert again.cooperations["year"].tolist() == [2008, 2010, 2012, 2013]
    assert again.actors.at["lab_c", "remark"] == "multi\nline"


def test_round_trip_of_generated_network_keeps_values(tmp_path):
    from graphkit.generate import generate_ecosystem
    net = generate_ecosystem(200, seed=3)
    for target in ("f", "g.json", "g.xlsx"):
        back = read_network(write_network(net, tmp_path / target)[0]
                            if target != "f" else
                            write_network(net, tmp_path / target)[0].parent)
        assert_same(net, back.network, check_dtype=False)


def test_json_input_accepts_lists_and_numbers(tmp_path):
    doc = {"actors": [
        {"id": 1, "name": "Pôle", "type": "Pôle", "country": "fr",
         "sectors": ["ict", "space"]},
        {"id": "s", "name": "PME", "type": "PME", "lat": "48,5", "lon": 2}],
        "cooperations": [{"source": "s", "target": 1, "type": "membre",
                          "year": 2010.0}]}
    p = tmp_path / "n.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    net = read_network(p).network
    assert list(net.actors.index) == ["1", "s"]
    assert net.actors.at["1", "type"] == "pole"
    assert net.actors.at["1", "country"] == "FR"
    assert net.actors.at["1", "sectors"] == ("ict", "space")
    assert net.actors.at["s", "lat"] == 48.5
    assert net.cooperations.loc[0, ["target", "type", "year"]].tolist() == \
        ["1", "member_of", 2010]


def test_excel_floats_for_ids_and_years(tmp_path):
    p = tmp_path / "book.xlsx"
    with pd.ExcelWriter(p) as xw:
        pd.DataFrame({"ID": [12.0, 13.0], "Name": ["A", "B"],
                      "Type": ["lab", "sme"], "lat": [45.1, None]}
                     ).to_excel(xw, sheet_name="Actors", index=False)
        pd.DataFrame({"source": [13.0], "target": [12.0], "type": ["R&D"],
                      "year": [2010.0], "weight": [2.0]}
                     ).to_excel(xw, sheet_name="cooperations", index=False)
    r = read_network(p)
    assert list(r.network.actors.index) == ["12", "13"]
    c = r.network.cooperations
    assert c.loc[0, ["source", "target", "type", "year", "weight"]].tolist() \
        == ["13", "12", "rd_partnership", 2010, 2.0]
    assert r.network.meta["inputs"][0]["rows"] == 3


def test_excel_problems_name_sheet_and_row(tmp_path):
    p = tmp_path / "book.xlsx"
    with pd.ExcelWriter(p) as xw:
        pd.DataFrame({"id": ["a", "a"], "name": ["A", "B"],
                      "type": ["lab", "lab"]}).to_excel(xw, sheet_name="actors",
                                                        index=False)
        pd.DataFrame({"source": ["a"], "target": ["zz"], "type": ["rd"]}
                     ).to_excel(xw, sheet_name="cooperations", index=False)
    with pytest.raises(ValidationError) as e:
        read_network(p)
    got = [(pr.file, pr.line, pr.column) for pr in e.value.problems]
    assert got == [("book.xlsx, sheet actors", 3, "id"),
                   ("book.xlsx, sheet cooperations", 2, "target")]


# ------------------------------------------------------------ real-world CSV
def test_french_excel_copy_of_the_example_loads_the_same(tmp_path, example_dir):
    """';' separator, Windows-1252, decimal comma, CRLF, quoted fields
    holding ';' (sectors) - the copy gives the same network. name_zh holds
    Chinese, which Windows-1252 cannot encode: it is left out of both."""
    original = read_network(example_dir).network
    actors = pd.read_csv(example_dir / "actors.csv", dtype=str,
                         keep_default_na=False).drop(columns=["name_zh"])
    coops = pd.read_csv(example_dir / "cooperations.csv", dtype=str,
                        keep_default_na=False)
    for df, cols in ((actors, ["lat", "lon"]), (coops, ["weight"])):
        for c in cols:
            df[c] = df[c].str.replace(".", ",", regex=False)
    assert actors["sectors"].str.contains(";").any()
    copy = tmp_path / "fr"
    copy.mkdir()
    for name, df in (("actors", actors), ("cooperations", coops)):
        df.to_csv(copy / f"{name}.csv", sep=";", index=False,
                  encoding="cp1252", lineterminator="\r\n")
    raw = (copy / "actors.csv").read_bytes()
    assert b"\r\n" in raw and b"48,8" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    loaded = read_network(copy)
    assert [i["encoding"] for i in loaded.network.meta["inputs"]] == \
        ["cp1252", "cp1252"]
    assert [i["separator"] for i in loaded.network.meta["inputs"]] == \
        [";", ";"]
    expected = Network(original.actors.drop(columns=["name_zh"]),
                       original.cooperations)
    assert_same(expected, loaded.network)


def test_utf8_bom_tab_separated_and_padding(tmp_path):
    write_csv(tmp_path, "actors.csv",
              "\ufeffid\tname\ttype\tcountry\n p1 \t Pôle  \t pôle \t fr \n"
              "s1\tPME\tPME\tFR\n", encoding="utf-8")
    write_csv(tmp_path, "cooperations.csv",
              "source\ttarget\ttype\ns1\tp1\tadhérent\n")
    r = read_network(tmp_path)
    a = r.network.actors
    assert list(a.index) == ["p1", "s1"]
    assert a.loc["p1", ["name", "type", "country"]].tolist() == \
        ["Pôle", "pole", "FR"]
    assert r.network.meta["inputs"][0]["encoding"] == "utf-8-sig"
    assert r.network.meta["inputs"][0]["separator"] == "\t"


def test_quoted_separator_and_newline_keep_line_numbers(tmp_path):
    write_csv(tmp_path, "actors.csv",
              'id;name;type\na;"Nom; avec\nretour";lab\nb;B;lab\nc;C;nope\n',
              newline="\r\n")
    write_csv(tmp_path, "cooperations.csv", "source;target;type\na;b;rd\n")
    with pytest.raises(ValidationError) as e:
        read_network(tmp_path)
    [p] = e.value.problems
    # line as a spreadsheet shows it: row 4 (header 1, a 2, b 3, c 4)
    assert (p.file, p.line, p.column, p.value) == ("actors.csv", 4, "type",
                                                   "nope")
    ok = read_network(tmp_path, lenient=True).network
    assert ok.actors.at["a", "name"] == "Nom; avec\r\nretour"


def test_blank_rows_are_not_data_but_keep_numbering(tmp_path):
    write_csv(tmp_path, "actors.csv",
              "id,name,type\na,A,lab\n\n,,\nb,B,unknownish\n")
    write_csv(tmp_path, "cooperations.csv", "source,target,type\n")
    with pytest.raises(ValidationError) as e:
        read_network(tmp_path)
    assert [(p.line, p.column) for p in e.value.problems] == [(5, "type")]
    r = read_network(tmp_path, lenient=True)
    assert r.counts["actors"] == {"read": 2, "loaded": 1, "rejected": 1}


def test_row_wider_than_header_is_located(tmp_path):
    write_csv(tmp_path, "actors.csv",
              "id;name;type\na;A;lab\nb;B;x;lab\nc;C;lab;\n")
    write_csv(tmp_path, "cooperations.csv", "source;target;type\na;c;rd\n")
    with pytest.raises(ValidationError) as e:
        read_network(tmp_path)
    [p] = e.value.problems
    assert (p.line, p.column) == (3, None)
    assert "4 fields but the header has 3" in p.reason
    r = read_network(tmp_path, lenient=True)
    assert list(r.network.actors.index) == ["a", "c"]
    assert r.rejects["line"].tolist() == [3]


# ------------------------------------------------------------ unreadable
@pytest.mark.parametrize("setup, words", [
    (lambda d: None, "no actors.csv"),
    (lambda d: (d / "actors.csv").write_text("id,name,type\n"), "no cooperations.csv"),
    (lambda d: ((d / "actors.csv").write_bytes(b"PK\x03\x04xx"),
                (d / "cooperations.csv").write_text("a")), "zip file"),
    (lambda d: ((d / "actors.csv").write_text(""),
                (d / "cooperations.csv").write_text("a")), "is empty"),
])
def test_unreadable_folder_names_the_file(tmp_path, setup, words):
    setup(tmp_path)
    with pytest.raises(GraphkitError) as e:
        read_network(tmp_path)
    assert not isinstance(e.value, ValidationError)
    assert words in str(e.value)


def test_unreadable_files(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(GraphkitError, match="x.xlsx: not readable as an Excel"):
        read_network(bad)
    book = tmp_path / "y.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(book, sheet_name="people", index=False)
    with pytest.raises(GraphkitError, match="no sheet 'actors' or "
                                            "'cooperations'.*'people'"):
        read_network(book)
    js = tmp_path / "z.json"
    js.write_text("[1, 2]")
    with pytest.raises(GraphkitError, match="z.json: must be a JSON object"):
        read_network(js)
    js.write_text("{nope")
    with pytest.raises(GraphkitError, match="z.json, line 1, column 2: not valid JSON"):
        read_network(js)
    with pytest.raises(GraphkitError, match="no such file"):
        read_network(tmp_path / "missing.json")
    (tmp_path / "one.csv").write_text("id\n")
    with pytest.raises(GraphkitError, match="give the folder"):
        read_network(tmp_path / "one.csv")


def test_meta_inputs_hash_and_rows(tmp_path):
    paths = write_network(small(), tmp_path)
    meta = read_network(tmp_path).network.meta
    import hashlib
    assert [i["path"] for i in meta["inputs"]] == [str(p) for p in paths]
    assert meta["inputs"][0]["sha256"] == hashlib.sha256(
        paths[0].read_bytes()).hexdigest()
    assert [i["rows"] for i in meta["inputs"]] == [5, 4]
    assert meta["counts"]["actors"] == {"read": 5, "loaded": 5, "rejected": 0}
    assert np.isclose(read_network(tmp_path).network.actors.at["sme_b", "lat"],
                      48.85)


def test_readme_example_is_valid(tmp_path):
    """The two tables shown in the README's data-contract section load."""
    import re
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(
        encoding="utf-8")
    section = readme.split("## Check your data: the data contract")[1]
    section = section.split("\n## ")[0]
    blocks = re.findall(r"```csv\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2
    for name, text in zip(("actors", "cooperations"), blocks):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    net = read_network(tmp_path).network
    assert net.actors.at["pole_aerospace", "sectors"] == ("aeronautics",
                                                          "space")
    assert net.actors.at["park_zgc", "lon"] == 116.31
    assert net.cooperations["type"].tolist() == ["member_of",
                                                 "delegation_visit"]
    assert net.cooperations.at[1, "note"] == "mission; one week"


def test_utf16_tab_text_from_excel(tmp_path):
    """Excel's "Unicode text" export: UTF-16 with BOM, tab separated."""
    write_csv(tmp_path, "actors.csv", "id\tname\ttype\nz\tZhōngguāncūn 中关村\tparc\n",
              encoding="utf-16")
    write_csv(tmp_path, "cooperations.csv", "source\ttarget\ttype\n")
    r = read_network(tmp_path)
    assert r.network.actors.at["z", "name"] == "Zhōngguāncūn 中关村"
    assert r.network.meta["inputs"][0]["encoding"] == "utf-16"
