"""The formula guard: no value from the data becomes a spreadsheet formula,
in any CSV or Excel file graphkit writes, and graphkit reads its own data
contract files back exactly (rule: graphkit/io/guard.py)."""
from __future__ import annotations

import csv
import re

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from graphkit.cli import main
from graphkit.io import read_network, write_network, write_rejects
from graphkit.io.guard import csv_text, csv_untext
from graphkit.io.tables import write_csv, write_table, write_xlsx
from graphkit.network import Network

HYPERLINK = '=HYPERLINK("http://x","y")'
#: Hostile texts, each of them a formula or a number if a spreadsheet
#: were left to guess.
HOSTILE = [HYPERLINK, "+SUM(1,2)", "@SUM(1)", "-2+3", "\tx", "\rx", "-2.5"]
#: Texts that look marked already: they must come back as they are too.
QUOTED = ["'=x", "''", "'", "'ok'", "'-2.5"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")


# ------------------------------------------------------------- checks
def csv_fields(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [field for row in csv.reader(f) for field in row]


def assert_csv_safe(path):
    """No field a spreadsheet would run: none begins with a trigger
    character, except a '-' that begins a plain number."""
    bad = [f for f in csv_fields(path)
           if f[:1] in TRIGGERS and not NUMBER.match(f)]
    assert not bad, f"{path.name}: {bad}"


def xlsx_cells(path):
    wb = load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def assert_xlsx_safe(path):
    formulas = [(c.coordinate, c.value) for c in xlsx_cells(path)
                if c.data_type == "f"]
    assert not formulas, f"{path.name}: {formulas}"


def assert_folder_safe(folder, expect_csv=(), expect_xlsx=()):
    """Every CSV and workbook under ``folder`` is safe; the files named in
    ``expect_*`` exist and hold the hostile name (marked in CSV, as it is
    and typed text in Excel), so the check is not vacuous."""
    csvs = sorted(folder.rglob("*.csv"))
    books = sorted(folder.rglob("*.xlsx"))
    assert {p.name for p in csvs} >= set(expect_csv)
    assert {p.name for p in books} >= set(expect_xlsx)
    for p in csvs:
        assert_csv_safe(p)
    for p in books:
        assert_xlsx_safe(p)
    for name in expect_csv:
        assert "'" + HYPERLINK in csv_fields(folder / name), name
    for name in expect_xlsx:
        assert any(c.value == HYPERLINK and c.data_type == "s"
                   for c in xlsx_cells(folder / name)), name
    return csvs, books


# ------------------------------------------------------------- the rule
@pytest.mark.parametrize("text", HOSTILE + QUOTED + ["Pôle", "", "a=b",
                                                     "-", "-inf", "-1_0"])
def test_csv_mark_round_trips(text):
    written = csv_text(text)
    assert csv_untext(written) == text
    if text[:1] in TRIGGERS and text != "-2.5":
        assert written == "'" + text
    assert not (written[:1] in TRIGGERS and not NUMBER.match(written))


def test_numbers_are_never_marked():
    assert csv_text("-2.5") == "-2.5" and csv_text("-1e5") == "-1e5"
    assert csv_text("-inf") == "'-inf"  # a spreadsheet would run it
    assert csv_text("'ok") == "'ok"  # a quote before a letter is text


# ------------------------------------------------------------- writers
def hostile_table():
    return pd.DataFrame({"name": HOSTILE + QUOTED,
                         "value": [-2.5] * (len(HOSTILE) + len(QUOTED)),
                         "tags": [(t, "b") for t in HOSTILE + QUOTED]},
                        index=pd.Index(range(len(HOSTILE) + len(QUOTED)),
                                       name="=id"))


def test_write_csv_marks_text_and_keeps_numbers(tmp_path):
    path = write_csv(hostile_table(), tmp_path / "t.csv")
    assert_csv_safe(path)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["'=id", "name", "value", "tags"]
    names = [r[1] for r in rows[1:]]
    assert names == [csv_text(t) for t in HOSTILE + QUOTED]
    assert names[HOSTILE.index("-2.5")] == "-2.5"  # text, exactly
    assert {r[2] for r in rows[1:]} == {"-2.5"}  # a number, as a number
    back = pd.read_csv(path)
    assert back["value"].dtype == float and (back["value"] == -2.5).all()


def test_write_xlsx_types_text_as_text(tmp_path):
    path = write_xlsx({"t": hostile_table()}, tmp_path / "t.xlsx")
    assert_xlsx_safe(path)
    ws = load_workbook(path)["t"]
    rows = list(ws.iter_rows(min_row=2))
    # no quote added; a CR comes back as LF (XML normalises line ends)
    assert [r[1].value for r in rows] == [t.replace("\r", "\n")
                                          for t in HOSTILE + QUOTED]
    assert {r[1].data_type for r in rows} == {"s"}
    assert all(r[1].quotePrefix for r in rows[:len(HOSTILE)])
    assert {(r[2].value, r[2].data_type) for r in rows} == {(-2.5, "n")}
    assert ws["A1"].value == "=id" and ws["A1"].data_type == "s"


def test_xlsx_text_column_with_nothing_to_escape(tmp_path):
    """A column of texts none of which needs an XML escape is written on
    its own path: each trigger text still a text cell with the quote
    prefix, a missing value an empty cell; beside it, a column that needs
    escapes."""
    plain = [t for t in HOSTILE + QUOTED if "\r" not in t] + [None, "Pôle"]
    escaped = ["a&b", "<i>", "x>y", "=1&2"] + [None] * (len(plain) - 4)
    path = write_xlsx({"t": pd.DataFrame({"plain": plain,
                                          "escaped": escaped})},
                      tmp_path / "t.xlsx")
    assert_xlsx_safe(path)
    rows = list(load_workbook(path)["t"].iter_rows(min_row=2))
    assert [r[0].value for r in rows] == plain
    assert [r[1].value for r in rows] == escaped
    assert [r[0].data_type for r in rows] == ["s"] * (len(plain) - 2) \
        + ["n", "s"]  # openpyxl reads an empty cell as "n"
    assert [bool(r[0].quotePrefix) for r in rows] == [
        t is not None and t[:1] in TRIGGERS for t in plain]
    assert [bool(r[1].quotePrefix) for r in rows][:4] == [False] * 3 + [True]


def test_styled_workbook_cannot_leave_a_formula(tmp_path):
    def style(name, ws):  # a hook writing a formula-looking note
        ws.cell(row=ws.max_row + 2, column=1, value="=1+1")

    path = write_xlsx({"t": hostile_table()}, tmp_path / "t.xlsx", style=style)
    assert_xlsx_safe(path)
    assert any(c.value == "=1+1" for c in xlsx_cells(path))


def test_write_table_and_rejects(tmp_path):
    write_table(hostile_table(), tmp_path, "t")
    r = pd.DataFrame({"file": ["actors.csv"], "line": [3], "column": ["type"],
                      "value": [HYPERLINK], "reason": ["unknown actor type"]})
    write_rejects(r, tmp_path / "rejects.csv")
    assert_folder_safe(tmp_path, ["t.csv", "rejects.csv"], ["t.xlsx"])


# ------------------------------------------------ data contract round trip
def hostile_network():
    names = HOSTILE + QUOTED
    ids = [f"a{i}" for i in range(len(names))]
    actors = pd.DataFrame({
        "id": ids, "name": names, "type": ["lab"] * len(names),
        "country": ["FR"] * len(names), "city": names,
        "sectors": [(n, "ict") for n in names],
        "lat": [-2.5] * len(names), "lon": [1.0] * len(names),
        "=extra": names})
    coops = pd.DataFrame({"source": ids[:-1], "target": ids[1:],
                          "type": ["rd_partnership"] * (len(ids) - 1),
                          "note": names[:-1]})
    return Network(actors, coops)


def expected(text):
    """What reading keeps of a value: the contract strips spaces (tab and
    carriage return included) around every cell, whatever the format."""
    return text.strip() or None


@pytest.mark.parametrize("target", ["folder", "n.xlsx", "n.json"])
def test_contract_round_trip(tmp_path, target):
    net = hostile_network()
    paths = write_network(net, tmp_path / target)
    for p in paths:
        if p.suffix == ".csv":
            assert_csv_safe(p)
        if p.suffix == ".xlsx":
            assert_xlsx_safe(p)
    back = read_network(tmp_path / target).network
    names = [expected(t) for t in HOSTILE + QUOTED]
    assert back.actors["name"].tolist() == names
    assert back.actors["city"].tolist() == names
    assert back.actors["=extra"].tolist() == names
    assert [s[0] for s in back.actors["sectors"]] == names
    assert back.cooperations["note"].tolist() == names[:-1]
    assert back.actors["lat"].tolist() == [-2.5] * len(names)
    assert back.actors.loc["a0", "name"] == HYPERLINK


def test_a_marked_csv_from_elsewhere_reads_as_its_text(tmp_path):
    (tmp_path / "actors.csv").write_text(
        "id;name;type\n"
        "a;'=HYPERLINK(\"http://x\",\"y\");lab\n"
        "b;'+SUM(1,2);lab\n"
        "c; '@x ;lab\n"
        "d;'plain';lab\n", encoding="utf-8")
    (tmp_path / "cooperations.csv").write_text(
        "source;target;type\na;b;rd\n", encoding="utf-8")
    names = read_network(tmp_path).network.actors["name"].tolist()
    assert names == [HYPERLINK, "+SUM(1,2)", "@x", "'plain'"]


# ------------------------------------------------------------- the CLI
@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory, example_dir):
    """The coopol example with hostile names, a hostile id and a hostile
    extra column, plus a rejected row holding a formula (for --lenient)."""
    d = tmp_path_factory.mktemp("hostile")
    actors = pd.read_csv(example_dir / "actors.csv", dtype=str,
                         keep_default_na=False)
    coops = pd.read_csv(example_dir / "cooperations.csv", dtype=str,
                        keep_default_na=False)
    # the most connected actors, so the names reach every table
    degree = pd.concat([coops["source"], coops["target"]]).value_counts()
    top = [i for i in degree.index if i in set(actors["id"])][:len(HOSTILE)]
    # the first hostile name goes to an actor every analysis reports on: a
    # pôle with a documented gap (gaps.csv names French actors' gaps only)
    top = ["pole_techtera"] + [i for i in top if i != "pole_techtera"][:-1]
    rename = dict(zip(top, HOSTILE))
    actors["name"] = [rename.get(i, n) for i, n in
                      zip(actors["id"], actors["name"])]
    actors["city"] = [HYPERLINK if i in rename else c
                      for i, c in zip(actors["id"], actors["city"])]
    new_id = {top[1]: "+SUM(1,2)"}  # an id that looks like a formula
    actors["id"] = actors["id"].replace(new_id)
    coops["source"] = coops["source"].replace(new_id)
    coops["target"] = coops["target"].replace(new_id)
    actors["=extra"] = "@SUM(1)"
    coops["note"] = HYPERLINK
    bad = actors.iloc[[0]].assign(id="zz_bad", type="=HYPERLINK(1)",
                                  city=HYPERLINK)
    # as Excel writes CSV: CRLF, so a field holding a CR is quoted
    pd.concat([actors, bad]).to_csv(d / "actors.csv", index=False,
                                    lineterminator="\r\n")
    coops.to_csv(d / "cooperations.csv", index=False, lineterminator="\r\n")
    return d


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def test_cli_run(hostile_data, tmp_path):
    out = tmp_path / "out"
    invoke("run", hostile_data, "-o", out, "--lenient", "--lang", "en")
    csvs, books = assert_folder_safe(
        out,
        expect_csv=["metrics.csv", "gaps.csv", "recommendations.csv",
                    "rejects.csv"],
        expect_xlsx=["metrics.xlsx", "gaps.xlsx", "recommendations.xlsx",
                     "report.xlsx"])
    assert {p.name for p in books} >= {"summary.xlsx"}
    assert {p.name for p in csvs} >= {"white_spaces.csv"}
    assert "'=HYPERLINK(1)" in csv_fields(out / "rejects.csv")


def test_cli_analyse_gaps_report(hostile_data, tmp_path):
    invoke("analyse", hostile_data, "-o", tmp_path / "a", "--lenient")
    assert_folder_safe(tmp_path / "a", ["metrics.csv"], ["metrics.xlsx"])
    invoke("gaps", hostile_data, "-o", tmp_path / "g", "--lenient")
    assert_folder_safe(tmp_path / "g", ["gaps.csv", "rejects.csv"],
                       ["gaps.xlsx"])
    invoke("report", hostile_data, "-o", tmp_path / "r" / "report.xlsx",
           "--format", "xlsx", "--lenient", "--lang", "en")
    assert_folder_safe(tmp_path / "r", expect_xlsx=["report.xlsx"])


def test_cli_validate_lenient_rejects(hostile_data, tmp_path):
    # validate writes rejects.csv beside DATA: work on a copy
    import shutil
    data = tmp_path / "data"
    shutil.copytree(hostile_data, data)
    invoke("validate", data, "--lenient")
    assert_csv_safe(data / "rejects.csv")
    assert "'=HYPERLINK(1)" in csv_fields(data / "rejects.csv")
