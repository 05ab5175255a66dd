"""What `pip install .` puts on a user's path: the graphkit package, its
entry point and `python -m graphkit`; no top-level module named `cli`, no
test server."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_installs_graphkit_only(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT),
                        "--no-deps", "-q", "-w",
                        str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    wheel = next(tmp_path.glob("*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        entry = next(n for n in names if n.endswith("entry_points.txt"))
        entry_points = z.read(entry).decode()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(
        (".dist-info", ".data"))}
    assert top == {"graphkit"}, top  # no cli.py beside it
    assert "graphkit/cli.py" in names and "graphkit/__main__.py" in names
    assert not any("testserver" in n or "neo4j_server" in n for n in names)
    assert "graphkit = graphkit.cli:entry" in entry_points


def test_python_m_graphkit_and_the_checkout_cli(tmp_path):
    for cmd in ([sys.executable, "-m", "graphkit", "--help"],
                [sys.executable, str(ROOT / "cli.py"), "--help"]):
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert r.stdout.startswith("Usage: graphkit ")
