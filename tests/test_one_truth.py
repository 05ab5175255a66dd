"""One analysis, one truth: every figure that appears in more than one output
of a run is the same figure, format by format (JSON, CSV, XLSX, HTML, MD, the
map header as the browser shows it, the CLI)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.render.htmlpage import page_data

from conftest import OfflinePage


def _number(text: str) -> float:
    """A number as the report prints it, French or English."""
    text = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    return float(text.replace(",", ".").rstrip("%"))


def _report_figures(report_md: str, lang: str) -> dict:
    """The figures the report's executive summary states, read back from its
    sentences (so a wording change that loses a figure fails here)."""
    if lang == "fr":
        n = r"([\d\u00a0\u202f ]*\d)"
        sp = r"[\s\u00a0\u202f]*"
        pats = {
            "actors": rf"compte {n} acteurs",
            "cooperations": rf"acteurs? de {n} pays et {n} coopérations",
            "cross_border_cooperations": rf"frontière{sp}:{sp}{n}, soit",
            "cross_border_share": rf"soit ([\d,]+){sp}%",
            "components": rf"Composantes connexes[^:]*:{sp}{n}",
            "gaps": rf"Écarts relevés{sp}:{sp}{n}",
            "recommendations": rf"recommandés{sp}:{sp}{n}",
        }
    else:
        pats = {
            "actors": r"counts ([\d,]+) actors",
            "cooperations": r"countr(?:y|ies) and ([\d,]+) cooperations",
            "cross_border_cooperations": r"border: ([\d,]+), carrying",
            "cross_border_share": r"carrying ([\d.]+)%",
            "components": r"Connected components[^:]*: ([\d,]+)",
            "gaps": r"Gaps found: ([\d,]+)",
            "recommendations": r"recommended: ([\d,]+)",
        }
    out = {}
    for key, pat in pats.items():
        m = re.search(pat, report_md)
        assert m, f"the report ({lang}) no longer states {key}: {pat}"
        raw = m.group(m.lastindex).strip()
        out[key] = _number(raw if lang == "fr" else raw.replace(",", ""))
    out["cross_border_share"] /= 100
    return out


def _xlsx_key_figures(path: Path) -> list:
    ws = openpyxl.load_workbook(path).worksheets[0]
    return [row[1] for row in ws.iter_rows(min_row=2, values_only=True)
            if row[0] is not None]


def _map_data(path: Path) -> dict:
    return page_data(path.read_text(encoding="utf-8"))


def _map_header(browser, path: Path) -> str:
    p = OfflinePage(browser, path)
    try:
        p.page.goto(p.url)
        p.page.wait_for_function(
            "document.getElementById('gk-counts').textContent.length > 0")
        return p.page.inner_text("#gk-counts")
    finally:
        p.context.close()


def _check_run(out: Path, lang: str, browser, cli_info: dict) -> dict:
    info = json.loads((out / "info.json").read_text("utf-8"))
    f = info["figures"]
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    # info.json, summary.json and `graphkit info --json` state the same
    for key in ("actors", "cooperations", "memberships", "partner_pairs",
                "components", "largest_component", "actors_without_tie",
                "cross_border_share", "cross_border_cooperations"):
        assert summary[key] == f[key], key
        assert cli_info["figures"][key] == f[key], key
    assert cli_info["figures"]["ties"] == f["ties"]
    # the metrics table counts the same partner pairs
    metrics = pd.read_csv(out / "metrics.csv")
    assert metrics["degree"].sum() == 2 * f["partner_pairs"]
    assert len(metrics) == f["actors"]
    # the tables the report counts
    gaps = pd.read_csv(out / "gaps.csv")
    lone = metrics[metrics["degree"] == 0]
    assert len(lone) == f["actors_without_tie"]
    # isolated actors are gaps for a French reader when they are French
    assert (gaps["rule_id"] == "G5_ISOLATED").sum() == \
        (lone["country"] == "FR").sum()
    recs = pd.read_csv(out / "recommendations.csv")
    # the report, in its three formats
    md = (out / "report.md").read_text("utf-8")
    rep = _report_figures(md, lang)
    assert rep["actors"] == f["actors"]
    assert rep["cooperations"] == f["cooperations"]
    assert rep["cross_border_cooperations"] == f["cross_border_cooperations"]
    assert rep["cross_border_share"] == pytest.approx(
        f["cross_border_share"], abs=0.0005)
    assert rep["components"] == f["components"]
    assert rep["gaps"] == len(gaps) and rep["recommendations"] == len(recs)
    html = (out / "report.html").read_text("utf-8")
    assert _report_figures(re.sub(r"<[^>]+>", "", html), lang) == rep
    xl = _xlsx_key_figures(out / "report.xlsx")
    assert xl[0] == f["actors"] and xl[2] == f["cooperations"]
    assert xl[3] == f["cross_border_cooperations"]
    assert (xl[4], xl[5]) == (f["first_year"], f["last_year"])
    assert (xl[6], xl[7]) == (len(gaps), len(recs))
    # the map: the data it embeds and the header the browser shows
    data = _map_data(out / "map.html")
    assert data["meta"]["figures"] == {k: f[k] for k in (
        "actors", "cooperations", "memberships", "partner_pairs")}
    header = _map_header(browser, out / "map.html")
    numbers = [int(x) for x in re.findall(r"\d+", header.replace("\u202f", ""))]
    assert numbers[:3] == [f["actors"], f["cooperations"], f["memberships"]]
    # the recommendations the map shows are the run's, all of them
    shown = sum(len(v) for v in data["recommendations"].values())
    assert shown == len(recs)
    return f


def test_every_output_of_a_run_states_the_same_figures(example_dir, tmp_path,
                                                        browser):
    runner = CliRunner()
    out = tmp_path / "out"
    r = runner.invoke(main, ["run", str(example_dir), "-o", str(out),
                             "--lang", "en"])
    assert r.exit_code == 0, r.output
    info = runner.invoke(main, ["info", str(example_dir), "--json"])
    f = _check_run(out, "en", browser, json.loads(info.stdout))
    # the example's known answers: memberships are counted apart
    assert (f["actors"], f["cooperations"], f["memberships"]) == (277, 763, 204)
    text = runner.invoke(main, ["info", str(example_dir), "--lang", "en"]).stdout
    assert f"{f['cooperations']} cooperations between {f['partner_pairs']} " \
        "pairs of partners" in text
    assert f"connected components: {f['components']} " in text


def test_a_windowed_run_states_the_window_everywhere(example_dir, tmp_path,
                                                     browser):
    runner = CliRunner()
    out = tmp_path / "out"
    r = runner.invoke(main, ["run", str(example_dir), "-o", str(out),
                             "--since", "2006", "--until", "2012"])
    assert r.exit_code == 0, r.output
    info = runner.invoke(main, ["info", str(example_dir), "--json",
                                "--since", "2006", "--until", "2012"])
    assert info.exit_code == 0, info.output
    f = _check_run(out, "fr", browser, json.loads(info.stdout))
    assert (f["first_year"], f["last_year"]) == (2006, 2012)
    assert f["cooperations"] < 763
    # the gap rules see the window too: dormant ties are dated inside it,
    # and the isolated actors are the actors without a tie in the window
    gaps = pd.read_csv(out / "gaps.csv")
    # (a partnership seen in one year of the window only is not dormant)
    dormant = gaps.loc[gaps["rule_id"] == "G6_DORMANT_TIE", "detail"]
    assert all(2006 <= int(y) <= 2012 for d in dormant
               for y in re.findall(r"\b(20\d\d)\b", d))
    metrics = pd.read_csv(out / "metrics.csv")
    lone = metrics[metrics["degree"] == 0]
    assert len(lone) == f["actors_without_tie"]
    assert (gaps["rule_id"] == "G5_ISOLATED").sum() == \
        (lone["country"] == "FR").sum()


def test_a_scoped_report_labels_what_comes_from_outside_the_scope(
        example_dir, tmp_path):
    runner = CliRunner()
    out = tmp_path / "techtera.md"
    r = runner.invoke(main, ["report", str(example_dir), "-o", str(out),
                             "--pole", "pole_techtera", "--since", "2010",
                             "--lang", "en"])
    assert r.exit_code == 0, r.output
    md = out.read_text("utf-8")
    m = re.search(r"Within this scope: ([\d,]+) actors? from [\d,]+ "
                  r"countr(?:y|ies) and ([\d,]+) cooperations", md)
    assert m, md[:2000]
    # the key actors are the scope's, and their degree is labelled as
    # counted over the whole network
    assert "whole network" in md


def test_an_empty_window_says_so_plainly(example_dir, tmp_path):
    runner = CliRunner()
    for cmd in (["run", str(example_dir), "-o", str(tmp_path / "run")],
                ["report", str(example_dir), "-o", str(tmp_path / "r.html")],
                ["info", str(example_dir)]):
        r = runner.invoke(main, cmd + ["--since", "2030"])
        assert r.exit_code == 1, (cmd, r.output)
        assert "no cooperation from 2030" in r.output
        assert "dated 2005–2014" in r.output
        assert "Traceback" not in r.output
    assert not (tmp_path / "run").exists()
    assert not (tmp_path / "r.html").exists()
