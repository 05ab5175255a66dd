"""Outputs are written whole or not at all."""
import json

import pandas as pd
import pytest

from graphkit.io.outputs import atomic_path, staged_dir
from graphkit.io.tables import write_table


def test_atomic_path_leaves_old_file_on_error(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_staged_dir_moves_all_or_nothing(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        with staged_dir(out) as stage:
            (stage / "one.csv").write_text("1")
            raise RuntimeError("stage two failed")
    assert not out.exists()
    with staged_dir(out) as stage:
        (stage / "one.csv").write_text("1")
        (stage / "sub").mkdir()
        (stage / "sub" / "two.csv").write_text("2")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file()) == [".graphkit-run.json", "one.csv",
                                      "sub/two.csv"]


def test_write_table_three_formats_agree(tmp_path):
    df = pd.DataFrame({"score": [0.5, float("nan")], "tags": [("a", "b"), ()]},
                      index=pd.Index(["x", "y"], name="id"))
    paths = write_table(df, tmp_path, "t", meta={"seed": 42})
    assert [p.name for p in paths] == ["t.csv", "t.xlsx", "t.json"]
    csv = pd.read_csv(tmp_path / "t.csv")
    assert csv["id"].tolist() == ["x", "y"] and csv.at[0, "tags"] == "a;b"
    xl = pd.read_excel(tmp_path / "t.xlsx")
    assert xl.at[0, "score"] == 0.5
    js = json.loads((tmp_path / "t.json").read_text())
    assert js["meta"] == {"seed": 42}
    assert js["rows"] == [{"id": "x", "score": 0.5, "tags": ["a", "b"]},
                          {"id": "y", "score": None, "tags": []}]


def test_atomic_path_gives_the_usual_file_mode(tmp_path):
    import os
    umask = os.umask(0o022)
    try:
        with atomic_path(tmp_path / "b.txt") as tmp:
            tmp.write_text("x")
    finally:
        os.umask(umask)
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o644
