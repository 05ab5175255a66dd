"""Issue 17, point 5: text from the data cannot break a file, spoof a page
or drive a terminal."""
from __future__ import annotations

import shutil
import xml.dom.minidom
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.render.htmlpage import page_data
from graphkit.io import read_network

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "coopol"
RLO = "\u202e"


def example_with_name(tmp_path, actor_id, name) -> Path:
    d = tmp_path / "data"
    shutil.copytree(EXAMPLE, d)
    a = pd.read_csv(d / "actors.csv", dtype=str, keep_default_na=False)
    a.loc[a["id"] == actor_id, "name"] = name
    a.to_csv(d / "actors.csv", index=False)
    return d


def test_validate_flags_bidi_and_invisible_characters(tmp_path):
    d = example_with_name(tmp_path, "pole_minalogic", f"Mina{RLO}logic")
    res = CliRunner().invoke(main, ["validate", str(d)])
    assert res.exit_code == 0, res.output
    assert "warning: actors.csv, line" in res.stderr
    assert "bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)" in \
        res.stderr
    r = read_network(example_with_name(tmp_path / "b", "pole_minalogic",
                                       "Mina\u200blogic"))
    assert any("U+200B (ZERO WIDTH SPACE)" in w.reason for w in r.warnings)
    r = read_network(example_with_name(tmp_path / "c", "pole_minalogic",
                                       "Minаlogic"))  # Cyrillic a
    assert any("mixes Latin and Cyrillic" in w.reason for w in r.warnings)


def test_report_and_map_isolate_a_name_with_bidi_controls(tmp_path):
    d = example_with_name(tmp_path, "pole_minalogic", f"Mina{RLO}logic")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["run", str(d), "-o", str(out),
                                    "--lang", "en"])
    assert res.exit_code == 0, res.output
    html = (out / "report.html").read_text()
    assert f"<bdi>Mina{RLO}logic</bdi>" in html
    # every RLO of the page is inside a <bdi> that ends it
    for piece in html.split(RLO)[1:]:
        assert piece.split("</", 1)[1].startswith("bdi>")
    page = (out / "map.html").read_text()
    labels = [n["label"] for n in page_data(page)["nodes"]]
    assert f"\u2068Mina{RLO}logic\u2069" in labels
    assert "unicode-bidi: isolate" in page


def test_terminal_output_escapes_control_characters(tmp_path):
    d = example_with_name(tmp_path, "pole_minalogic", f"Mina{RLO}logic")
    res = CliRunner().invoke(main, ["partners", str(d), "pole_minalogic",
                                    "--top", "2", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("\\u2068Mina\\u202elogic\\u2069") or \
        res.stdout.startswith("Mina\\u202elogic")
    assert RLO not in res.stdout


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_exports_stay_well_formed_xml_after_a_lenient_clean(tmp_path, fmt):
    d = example_with_name(tmp_path, "pole_minalogic", "Mina\x0blogic\x01")
    out = tmp_path / f"n.{fmt}"
    res = CliRunner().invoke(main, ["export", str(d), "-o", str(out),
                                    "--lenient"])
    assert res.exit_code == 0, res.output
    assert "control character removed" in res.stderr
    xml.dom.minidom.parse(str(out))  # well-formed
    strict = CliRunner().invoke(main, ["export", str(d), "-o",
                                       str(tmp_path / f"s.{fmt}")])
    assert strict.exit_code == 1 and "U+000B" in strict.stderr
