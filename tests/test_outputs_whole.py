"""Issue 17, point 4: a run's outputs replace OUT as a whole, or not at all."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.errors import GraphkitError
from graphkit.io import outputs
from graphkit.io.outputs import MARKER, clean_leftovers, staged_dir

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "bench_kill", ROOT / "benchmarks" / "bench_kill.py")
bench_kill = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_kill)


def write_run(out, files, fail=False):
    with staged_dir(out) as stage:
        for name, text in files.items():
            (stage / name).write_text(text)
        if fail:
            raise RuntimeError("a stage failed")


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_out_is_replaced_as_a_whole(tmp_path):
    out = tmp_path / "out"
    write_run(out, {"info.json": "{}", "old.csv": "1"})
    assert names(out) == [MARKER, "info.json", "old.csv"]
    write_run(out, {"info.json": "{}", "new.csv": "2"})
    assert names(out) == [MARKER, "info.json", "new.csv"]  # no old file
    assert names(tmp_path) == ["out"]  # no stage, no backup


def test_a_failed_run_leaves_the_previous_outputs_whole(tmp_path):
    out = tmp_path / "out"
    write_run(out, {"info.json": "{}", "a.csv": "old"})
    with pytest.raises(RuntimeError):
        write_run(out, {"info.json": "{}", "a.csv": "new", "b.csv": "x"},
                  fail=True)
    assert names(out) == [MARKER, "a.csv", "info.json"]
    assert (out / "a.csv").read_text() == "old"
    assert names(tmp_path) == ["out"]


def test_without_an_exchange_the_two_renames_keep_a_backup(tmp_path,
                                                           monkeypatch):
    """Where the system cannot swap two folders in one step, OUT goes to a
    backup and the stage takes its place; a run killed between the two
    renames leaves the backup, which the next run puts back."""
    monkeypatch.setattr(outputs, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    write_run(out, {"info.json": "{}", "a.csv": "1"})
    write_run(out, {"info.json": "{}", "b.csv": "2"})
    assert names(out) == [MARKER, "b.csv", "info.json"]
    # the state a kill between the two renames leaves (a dead process id)
    dead = subprocess.run([sys.executable, "-c", "import os; "
                           "print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    backup = tmp_path / f".out.graphkit-old-{dead}-0a1b2c3d"
    stage = tmp_path / f".out.graphkit-stage-{dead}-0a1b2c3d"
    os.rename(out, backup)
    stage.mkdir()
    (stage / "half.csv").write_text("x")
    assert sorted(p.name for p in clean_leftovers(out)) == sorted(
        [backup.name, stage.name])
    assert names(out) == [MARKER, "b.csv", "info.json"]
    assert names(tmp_path) == ["out"]


def test_a_live_runs_stage_is_left_alone(tmp_path):
    out = tmp_path / "out"
    mine = tmp_path / f".out.graphkit-stage-{os.getpid()}-00000000"
    mine.mkdir()
    legacy = out / ".graphkit-stage-abc"
    legacy.mkdir(parents=True)
    (out / "info.json").write_text("{}")
    assert clean_leftovers(out) == [legacy]
    assert mine.exists()


def test_a_folder_graphkit_did_not_write_is_not_replaced(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    with pytest.raises(GraphkitError, match="holds files graphkit did not "
                                            "write"):
        write_run(out, {"info.json": "{}"})
    assert names(out) == ["thesis.docx"]


@pytest.mark.parametrize("case", ["read-only", "parent is a file",
                                  "out is a file"])
def test_an_unwritable_out_is_one_clear_line(tmp_path, case):
    if case == "read-only":
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        parent = tmp_path / "ro"
        parent.mkdir()
        out = parent / "out"
        parent.chmod(0o555)
    elif case == "parent is a file":
        (tmp_path / "f").write_text("x")
        out = tmp_path / "f" / "out"
    else:
        out = tmp_path / "out"
        out.write_text("x")
    try:
        with pytest.raises(GraphkitError) as e:
            write_run(out, {"info.json": "{}"})
    finally:
        if case == "read-only":
            parent.chmod(0o755)
    assert str(e.value).startswith(f"{out}: ")
    assert "\n" not in str(e.value)


def test_a_disk_full_while_writing_keeps_the_old_run(tmp_path, monkeypatch,
                                                     data_folder):
    out = tmp_path / "out"
    runner = CliRunner()
    res = runner.invoke(main, ["run", str(data_folder), "-o", str(out)])
    assert res.exit_code == 0, res.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    import graphkit.pipeline as pipeline

    def full(ctx):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES[:2]
                        + [("disk", full)])
    res = runner.invoke(main, ["run", str(data_folder), "-o", str(out)])
    assert res.exit_code == 1
    assert "the outputs cannot be written (No space left on device)" in \
        res.stderr
    assert "Traceback" not in res.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.fixture
def data_folder(tmp_path):
    return bench_kill.small_network(tmp_path / "data", actors=50)


def test_killed_runs_never_leave_out_mixed_or_partial(tmp_path, data_folder):
    """`graphkit run` killed at random moments (the benchmark
    benchmarks/bench_kill.py does it 50 times): OUT is always absent or one
    whole run, and the next run cleans what the kills left."""
    kills = int(os.environ.get("GRAPHKIT_KILLS", "4"))
    seen = bench_kill.kill_runs(data_folder, tmp_path / "out", kills)
    assert seen["absent"] == 0  # a first run finished before the kills
    assert seen["whole"] == kills
