"""`graphkit validate`, `graphkit info` and `graphkit run` through click's
CliRunner: exit codes, messages, files written (and not written)."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from test_validate import ACTORS, COOPS, folder


@pytest.fixture
def runner():
    return CliRunner()


def test_validate_valid_data(runner, tmp_path):
    folder(tmp_path)
    res = runner.invoke(main, ["validate", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == "valid: 5 actors, 3 cooperations"
    assert not (tmp_path / "rejects.csv").exists()


def test_validate_done_when_case(runner, tmp_path):
    """Duplicate id, unknown type and a cooperation with a missing actor:
    all three reported with their lines, exit non-zero, no traceback."""
    folder(tmp_path, actors_extra="sme1,Encore,PME,FR,,\nx1,X,startupp,FR,,\n",
           coops_extra="lab1,ghost,R&D,2011,,\n")
    res = runner.invoke(main, ["validate", str(tmp_path)])
    assert res.exit_code == 1
    assert res.stdout == ""
    err = res.stderr
    assert "3 problems in the input" in err
    assert "actors.csv, line 7, column 'id': duplicate id (first on line 3)" \
        in err
    assert "actors.csv, line 8, column 'type': unknown actor type; did you " \
        "mean 'sme'? (value: 'startupp')" in err
    assert "cooperations.csv, line 5, column 'target': unknown actor" in err
    assert "Traceback" not in err
    assert isinstance(res.exception, SystemExit)
    assert not (tmp_path / "rejects.csv").exists()


def test_validate_lenient_writes_rejects_beside_data(runner, tmp_path):
    folder(tmp_path, actors_extra="bad1,,lab,FR,,\n",
           coops_extra="bad1,lab1,rd,2010,,\nlab1,sme1,rd,1700,,\n")
    res = runner.invoke(main, ["validate", str(tmp_path), "--lenient"])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "valid: 5 actors, 3 cooperations" in out
    assert "actors: 6 rows read, 5 loaded, 1 rejected" in out
    assert "cooperations: 5 rows read, 3 loaded, 2 rejected (1 because" in out
    path = tmp_path / "rejects.csv"
    assert f"wrote {path}" in out
    rej = pd.read_csv(path)
    assert rej[["file", "line", "column"]].values.tolist() == [
        ["actors.csv", 7, "name"], ["cooperations.csv", 5, "source"],
        ["cooperations.csv", 6, "year"]]


def test_validate_lenient_without_rejects_writes_nothing(runner, tmp_path):
    folder(tmp_path)
    res = runner.invoke(main, ["validate", str(tmp_path), "--lenient"])
    assert res.exit_code == 0
    assert not (tmp_path / "rejects.csv").exists()


def test_validate_workbook_rejects_go_beside_the_file(runner, tmp_path):
    book = tmp_path / "data" / "net.xlsx"
    book.parent.mkdir()
    with pd.ExcelWriter(book) as xw:
        pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"],
                      "type": ["lab", "nope"]}).to_excel(
            xw, sheet_name="actors", index=False)
        pd.DataFrame({"source": ["a"], "target": ["b"], "type": ["rd"]}
                     ).to_excel(xw, sheet_name="cooperations", index=False)
    res = runner.invoke(main, ["validate", str(book), "--lenient"])
    assert res.exit_code == 0, res.output
    rej = pd.read_csv(book.parent / "rejects.csv")
    assert rej["file"].tolist() == ["net.xlsx, sheet actors",
                                    "net.xlsx, sheet cooperations"]
    assert rej["line"].tolist() == [3, 2]


def test_unreadable_input_is_a_short_message(runner, tmp_path):
    (tmp_path / "actors.csv").write_text("id,name,type\n")
    res = runner.invoke(main, ["validate", str(tmp_path)])
    assert res.exit_code == 1
    assert "has no cooperations.csv" in res.stderr
    assert "Traceback" not in res.output


def test_no_data_is_a_usage_error(runner):
    res = runner.invoke(main, ["validate"])
    assert res.exit_code == 2
    assert "give DATA" in res.stderr


def test_info_text_and_json(runner, tmp_path):
    folder(tmp_path)
    res = runner.invoke(main, ["info", str(tmp_path), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "5 actors, 3 cooperation rows in the data" in res.stdout
    assert "connected components: 3 (largest: 3, 1, 1); actors without a " \
        "tie: 2" in res.stdout
    assert "counting memberships as links too: 2 connected components; " \
        "actors without any link: 1" in res.stdout
    assert "cross-border share of the tie weight: 42.9%" in res.stdout
    res = runner.invoke(main, ["info", str(tmp_path), "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["actor_types"] == {"lab": 1, "park": 1, "pole": 1,
                                "programme": 1, "sme": 1}
    assert d["countries"] == {"FR": 4, "CN": 1}
    assert d["cooperation_types"] == {"academic_partner": 1, "member_of": 1,
                                      "rd_partnership": 1}
    assert d["years"] == {"2008": 1, "2010": 1, "2012": 1}
    # prog1 takes part in no cooperation: its own component; the pôle is
    # reached by membership only, which the analysis' ties leave out
    assert d["with_memberships"] == {"components": 2,
                                     "largest_components": [4, 1],
                                     "actors_without_tie": 1}
    assert (d["figures"]["components"], d["figures"]["actors_without_tie"]) \
        == (3, 2)
    # rd sme1-lab1 (FR-FR, weight 2) and academic lab1-park1 (FR-CN, 1.5)
    assert d["figures"]["cross_border_share"] == pytest.approx(1.5 / 3.5)
    assert d["counts"]["actors"]["read"] == 5


def test_info_refuses_invalid_data(runner, tmp_path):
    folder(tmp_path, coops_extra="lab1,lab1,rd,2010,,\n")
    res = runner.invoke(main, ["info", str(tmp_path)])
    assert res.exit_code == 1
    assert "self-loop" in res.stderr


def test_run_lenient_writes_rejects_and_info_into_out(runner, tmp_path):
    data = folder(tmp_path / "data", actors_extra="bad1,,lab,FR,,\n",
                  coops_extra="bad1,lab1,rd,2010,,\n")
    out = tmp_path / "out"
    res = runner.invoke(main, ["run", str(data), "-o", str(out), "--lenient"])
    assert res.exit_code == 0, res.output
    assert f"wrote {out / 'info.json'}" in res.stdout
    assert f"wrote {out / 'rejects.csv'}" in res.stdout
    assert "actors: 6 rows read, 5 loaded, 1 rejected" in res.stdout
    info = json.loads((out / "info.json").read_text())
    assert info["counts"]["cooperations"] == {"read": 4, "loaded": 3,
                                              "rejected": 1}
    rej = pd.read_csv(out / "rejects.csv")
    assert rej["line"].tolist() == [7, 5]
    assert not (data / "rejects.csv").exists()
    assert not list(out.glob(".graphkit-stage-*"))


def test_run_refuses_invalid_data_and_writes_nothing(runner, tmp_path):
    data = folder(tmp_path / "data", actors_extra="bad1,,lab,FR,,\n")
    out = tmp_path / "out"
    res = runner.invoke(main, ["run", str(data), "-o", str(out)])
    assert res.exit_code == 1
    assert "actors.csv, line 7, column 'name': missing required value" \
        in res.stderr
    assert not out.exists() or not any(out.iterdir())
