"""The cooperation-gap report: content, scope, consistency across the three
formats and with the run's CSV files, safety, Excel layout, CLI."""
import datetime as dt

import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit import GraphkitError
from graphkit.analysis import compute
from graphkit.io import write_network
from graphkit.network import Ties
from graphkit.pipeline import run as run_pipeline
from graphkit.report import build_report, to_html, to_markdown, write_report
from graphkit.results import Parameters
from graphkit.texts import catalogue, gap_detail

from report_data import (html_tables, html_text, md_tables, parse_number,
                         small_network, xlsx_cells)

SECTIONS = ["overview", "summary", "glance", "key_actors", "gaps", "white_spaces",
            "recommendations", "missions", "methods"]


@pytest.fixture(scope="module")
def net():
    return small_network()


@pytest.fixture(scope="module")
def results(net):
    return compute(net)


def key_figure(rep, label_key):
    table = rep.section("summary").tables[0]
    label = catalogue(rep.lang)[label_key]
    return dict((r[0], r[1]) for r in table.rows)[label]


# ----------------------------------------------------------------- content
def test_every_section_in_order(net, results):
    rep = build_report(results, lang="en", today=dt.date(2026, 12, 1))
    assert [s.key for s in rep.sections] == SECTIONS
    assert rep.subtitle == "Whole network — 1 December 2026"
    assert key_figure(rep, "fig.actors") == 14
    assert key_figure(rep, "fig.cooperations") == 10   # membership excluded
    # s1-l2 l1-l2 p1-k1 e1-p1 s2-c1 cross the border
    assert key_figure(rep, "fig.international") == 5
    assert key_figure(rep, "fig.first_year") == 2012
    assert key_figure(rep, "fig.gaps") == len(results.gaps)
    summary = rep.section("summary")
    text = " ".join(p for b in summary.blocks for p in b.paragraphs)
    assert ("The network counts 14 actors from 3 countries and 10 "
            "cooperations from 2012 to 2018.") in text
    bullets = [b.bullets for b in summary.blocks if b.bullets]
    assert len(bullets[0]) == min(5, len(results.gaps))
    # the first gap bullet is the most severe gap
    g0 = results.gaps.iloc[0]
    detail = gap_detail(g0["detail_code"], g0["detail_values"], "en")
    assert bullets[0][0] == f"{g0['actor_name']}: {detail}."


def test_key_actors_come_from_the_metrics(net, results):
    rep = build_report(results, lang="en")
    central = rep.section("key_actors").tables[0]
    labs = [r for r in central.rows if r[0] == "research laboratory"]
    # the labs, highest betweenness first: Kappa (l1) then Lambda (l2)
    assert [r[1] for r in labs] == ["Kappa", "Lambda"]
    assert labs[0][4] == results.metrics.at["l1", "betweenness"]
    brokers = rep.section("key_actors").tables[1]
    top = results.metrics["brokerage_total"].idxmax()
    assert brokers.rows[0][0] == results.metrics.at[top, "name"]


def test_recommendations_pairs_shown_once(net, results):
    rep = build_report(results, lang="en")
    table = rep.section("recommendations").tables[0]
    pairs = [frozenset((r[1], r[2])) for r in table.rows]
    assert len(pairs) == len(set(pairs))
    best = results.recommendations["score"].max()
    assert table.rows[0][3] == best


def test_methods_record_inputs_and_parameters(tmp_path, example_dir):
    from graphkit.io import read_network
    network = read_network(example_dir).network
    results = compute(network, Parameters(Ties.of(since=2010), seed=7))
    rep = build_report(results, lang="en")
    methods = rep.section("methods")
    inputs, params = methods.tables
    import hashlib
    digest = hashlib.sha256((example_dir / "actors.csv").read_bytes()).hexdigest()
    assert [str(example_dir / "actors.csv"), len(network.actors), digest] \
        in inputs.rows
    values = dict(params.rows)
    assert values["Random seed"] == "7"
    assert values["Scope: from year"] == "2010"
    assert "--since 2010" in values["Command"] and "--seed 7" in values["Command"]


# ----------------------------------------------------------------- scope
def test_scope_of_a_pole(net, results):
    rep = build_report(results, lang="en", pole="p1")
    # p1, its members s1 s3 l1, and their partners l2 t1 k1 e1 g1
    assert key_figure(rep, "fig.actors") == 9
    assert rep.subtitle.startswith("Pôle: Alpha")
    recs = rep.section("recommendations").tables[0].rows
    focus = {"Alpha", "Gamma", "Omega", "Kappa"}
    assert recs and all(r[1] in focus or r[2] in focus for r in recs)
    missions = [b.heading for b in rep.section("missions").blocks if b.heading]
    assert missions == ["Mission of Alpha"]
    params = dict(rep.section("methods").tables[1].rows)
    assert params["Scope: pôle"] == "p1"


def test_scope_of_a_country_and_a_year(net, results):
    rep = build_report(results, lang="en", country="cn")
    # CN actors l2 c1 k1 k2 e1 and their partners s1 l1 s2 p1
    assert key_figure(rep, "fig.actors") == 9
    # the missions shown are those visiting a Chinese park
    missions = [b.heading for b in rep.section("missions").blocks if b.heading]
    assert missions and all(h.startswith("Mission of ") for h in missions)
    rep = build_report(results, lang="fr", country="DE")
    para = rep.section("summary").blocks[0].paragraphs
    assert para[0] == ("Ce rapport porte sur 1 acteur de ce pays (Allemagne) "
                       "et leurs partenaires.")
    assert para[1].endswith("1 acteur de 1 pays et 0 coopération, aucune datée.")
    assert rep.section("missions").blocks[0].paragraphs == [
        catalogue("fr")["empty.missions"]]
    rep = build_report(compute(net, Parameters(Ties.of(since=2016))),
                               lang="en")
    assert key_figure(rep, "fig.cooperations") == 5
    assert key_figure(rep, "fig.first_year") == 2016
    rep = build_report(compute(net, Parameters(Ties.of(since=2013,
                                                       until=2016))),
                               lang="en")
    # 2013 training, 2014 academic, 2015 R&D and funding, 2016 visit and support
    assert key_figure(rep, "fig.cooperations") == 6
    assert key_figure(rep, "fig.last_year") == 2016


@pytest.mark.parametrize("kw, message", [
    ({"pole": "nope"}, "no actor has this id"),
    ({"pole": "s1"}, "not a pôle"),
    ({"country": "ZZ"}, "no actor of this country"),
    ({"lang": "de"}, "language"),
])
def test_bad_scope_is_refused(net, results, kw, message):
    with pytest.raises(GraphkitError, match=message):
        build_report(results, **kw)


def test_bad_year_is_refused():
    # the year window is part of the results' tie definition now
    with pytest.raises(GraphkitError, match="must be a year"):
        Parameters(Ties.of(since="soon"))


# ----------------------------------------------------------------- safety
EVIL = {"s1": '<script>alert("s1")</script>',
        "l1": '<img src=x onerror="alert(1)"> & co',
        "k1": "Park | *bold* [link](http://example.com)"}


def test_data_strings_are_text_in_html_and_markdown(tmp_path):
    net = small_network(EVIL)
    rep = build_report(compute(net), lang="en")
    html = to_html(rep)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;s1&quot;)&lt;/script&gt;" in html
    assert EVIL["s1"] in html_text(html)
    md = to_markdown(rep)
    assert "<script" not in md and "<img" not in md
    assert "\\[link\\](http://example.com)" in md and "Park \\| \\*bold\\*" in md


def test_excel_cells_are_not_formulas(tmp_path):
    net = small_network({"s1": "=HYPERLINK(\"http://evil\")"})
    rep = build_report(compute(net), lang="en")
    (xlsx,) = write_report(rep, tmp_path / "r.xlsx")
    from openpyxl import load_workbook
    wb = load_workbook(xlsx)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == "=HYPERLINK(\"http://evil\")" and c.data_type == "s"
               for c in cells)  # the text as it is, typed text


# ----------------------------------------------------------------- Excel
def test_excel_one_sheet_per_table(net, tmp_path):
    rep = build_report(compute(net), lang="fr")
    (xlsx,) = write_report(rep, tmp_path / "rapport.xlsx")
    from openpyxl import load_workbook
    wb = load_workbook(xlsx)
    assert len(wb.sheetnames) == len(rep.tables)
    assert len(set(wb.sheetnames)) == len(wb.sheetnames)
    ws = wb["Chiffres clés"]
    assert [c.value for c in ws[1]] == ["Indicateur", "Valeur"]
    assert ws["B2"].value == 14 and isinstance(ws["B2"].value, int)
    assert ws.freeze_panes == "A2"
    ws = wb["Acteurs par type"]
    assert [c.value for c in ws[1]] == ["Type d'acteur", "Nombre", "Part"]
    assert ws["C2"].number_format == "0.0%"
    assert 8 <= ws.column_dimensions["A"].width <= 60
    # the widest column fits its longest text
    assert ws.column_dimensions["A"].width >= len("pôle de compétitivité")


def test_write_report_paths(net, results, tmp_path):
    rep = build_report(results, lang="en")
    assert [p.name for p in write_report(rep, tmp_path)] == [
        "report.html", "report.md", "report.xlsx"]
    assert [p.name for p in write_report(rep, tmp_path / "a.md", ["xlsx"])] \
        == ["a.md", "a.xlsx"]
    with pytest.raises(GraphkitError, match="must end in"):
        write_report(rep, tmp_path / "a.pdf")
    with pytest.raises(GraphkitError, match="unknown report format"):
        write_report(rep, tmp_path, ["docx"])


# ----------------------------------------------------------------- one run
@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    run_pipeline(small_network(), out, Parameters(seed=42), lang="fr")
    return out


def test_run_writes_the_three_report_files_in_french(run_dir):
    for name in ("report.html", "report.md", "report.xlsx"):
        assert (run_dir / name).stat().st_size > 1000
    assert '<html lang="fr">' in (run_dir / "report.html").read_text("utf-8")


def test_numbers_agree_across_formats_and_with_the_csv_files(run_dir):
    metrics = pd.read_csv(run_dir / "metrics.csv")
    recs = pd.read_csv(run_dir / "recommendations.csv")
    html = html_tables((run_dir / "report.html").read_text("utf-8"))
    md = md_tables((run_dir / "report.md").read_text("utf-8"))
    xl = xlsx_cells(run_dir / "report.xlsx")
    fr = catalogue("fr")
    # the number of actors
    n = len(metrics)
    assert parse_number(html["key_figures"][1][1]) == n
    assert parse_number(md[fr["table.key_figures"]][1][1]) == n
    assert xl[fr["sheet.key_figures"]][1][1] == n
    # the betweenness of the most central actor
    top = metrics.sort_values("betweenness", ascending=False).iloc[0]
    row = next(r for r in html["central_actors"][1:] if r[1] == top["name"])
    assert parse_number(row[4]) == pytest.approx(top["betweenness"], abs=5e-5)
    row = next(r for r in md[fr["table.central"]][1:] if r[1] == top["name"])
    assert parse_number(row[4]) == pytest.approx(top["betweenness"], abs=5e-5)
    row = next(r for r in xl[fr["sheet.central"]][1:] if r[1] == top["name"])
    assert row[4] == pytest.approx(top["betweenness"], rel=1e-9)
    # the score of the strongest recommendation
    best = recs["score"].max()
    assert parse_number(html["recommendations"][1][3]) == pytest.approx(best, abs=5e-3)
    assert parse_number(md[fr["table.recommendations"]][1][3]) == pytest.approx(best, abs=5e-3)
    assert xl[fr["sheet.recommendations"]][1][3] == pytest.approx(best, rel=1e-9)
    # and the number of gaps
    gaps = pd.read_csv(run_dir / "gaps.csv")
    assert parse_number(html["key_figures"][7][1]) == len(gaps)


# ----------------------------------------------------------------- CLI
@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    write_network(small_network(), d)
    return d


def test_cli_report(data_dir, tmp_path):
    from graphkit.cli import main
    r = CliRunner().invoke(main, ["report", str(data_dir), "-o",
                                  str(tmp_path / "r.html"), "--lang", "en",
                                  "--pole", "p1", "--format", "xlsx"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.xlsx"]
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "Pôle: Alpha" in html and "--pole p1" in html
    r = CliRunner().invoke(main, ["report", str(data_dir), "-o",
                                  str(tmp_path / "all")])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "report.html", "report.md", "report.xlsx"]


def test_cli_bad_pole_is_a_clean_error(data_dir, tmp_path):
    from graphkit.cli import main
    r = CliRunner().invoke(main, ["report", str(data_dir), "-o",
                                  str(tmp_path / "r.html"), "--pole", "s1"])
    assert r.exit_code == 1
    assert "not a pôle" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "r.html").exists()


def test_same_input_same_report(net):
    day = dt.date(2026, 12, 1)
    first = to_html(build_report(compute(net), lang="fr",
                                 today=day))
    again = to_html(build_report(compute(small_network()),
                                 lang="fr", today=day))
    assert first == again
