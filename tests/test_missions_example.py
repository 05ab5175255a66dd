"""Missions on the bundled COOPOL example: known answers, the words a
reader sees, and `graphkit mission` == `graphkit run`."""
import json
import re

import pytest
from click.testing import CliRunner

from graphkit.analysis.compute import compute
from graphkit.cli import main, mission_lines
from graphkit.io.contract import read_network
from graphkit.texts import missions as words

#: Domains a microelectronics pôle's delegation is right to travel for.
MICROELECTRONICS = {"semiconductors", "micro_nano", "embedded_systems"}


@pytest.fixture(scope="module")
def example(example_dir):
    net = read_network(example_dir).network
    return net, compute(net, parts=["missions"])


def _meetings(plan):
    for park in plan["parks"]:
        for who in park["delegation"] + park["others"]:
            yield from who["meet"]


def test_minalogic_goes_where_microelectronics_is(example):
    _, res = example
    plan = res.missions["pole_minalogic"]
    assert plan["parks"], plan
    first = plan["parks"][0]
    assert set(first["specialities"]) & MICROELECTRONICS, first


def test_every_meeting_has_a_reason_and_is_above_threshold(example):
    _, res = example
    seen = 0
    for pole, plan in res.missions.items():
        threshold = plan["threshold"] or 0.0
        for park in plan["parks"]:
            assert park["covered"] > 0  # a park without a meeting is not proposed
        for m in _meetings(plan):
            seen += 1
            assert m["value"] >= threshold, (pole, m)
            for lang in ("fr", "en"):
                assert words.why(m, lang), (pole, m)
                assert words.chance(m, lang)
        assert plan["parks_found"] <= plan["parks_asked"]
    assert seen > 20


def test_tandems_travel_together(example):
    net, res = example
    types = net.actors["type"]
    tandems = [d for plan in res.missions.values() for park in plan["parks"]
               for d in park["delegation"]]
    assert tandems
    for d in tandems:
        assert types[d["sme_id"]] == "sme"
        if d["academic_id"] is not None:
            assert types[d["academic_id"]] in ("lab", "training_centre")


def _cli(*args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.output


def test_mission_and_run_give_the_same_plan(example_dir, tmp_path):
    opts = ["--until", "2012", "--seed", "7", "--lang", "en"]
    _cli("run", example_dir, "-o", tmp_path / "out", *opts)
    written = json.loads((tmp_path / "out" / "missions.json").read_text(
        encoding="utf-8"))
    for pole in ("pole_minalogic", "pole_lyonbiopole"):
        printed = json.loads(_cli("mission", example_dir, "--pole", pole,
                                  "--json", *opts))
        assert printed == written[pole]
        assert printed["parks"]
        text = _cli("mission", example_dir, "--pole", pole, *opts)
        assert text.splitlines() == mission_lines(written[pole], "en")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_mission_text_names_no_ids(example_dir, lang):
    out = _cli("mission", example_dir, "--pole", "pole_minalogic",
               "--parks", "5", "--lang", lang)
    lines = out.splitlines()
    assert lines[0].startswith("Minalogic (")
    assert not re.search(r"\b(pole|park|sme|lab|co|tc|prog)_\w+", out), out
    assert not re.search(r"\b1 (meetings|parks|rencontres|parcs)\b", out)
    assert " CN" not in out and ("China" in out or "Chine" in out)
    # fewer parks qualify than the 5 asked: said in plain words
    assert lines[1].startswith("Only 3 parks" if lang == "en" else
                               "Seuls 3 parcs")
    assert sum(1 for x in lines if re.match(r"\d\. ", x)) == 3
    assert ("could be funded by" if lang == "en"
            else "financement possible") in out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_missions_section_in_chromium(example, lang, tmp_path,
                                             offline_page):
    """The missions section as a reader sees it: tandems, partners by name
    and country, reasons, funding, plurals; no id."""
    from graphkit.report import build_report, write_report
    net, _ = example
    res = compute(net)
    path = write_report(build_report(res, lang=lang), tmp_path / "report.html",
                        ["html"])[0]
    op = offline_page(path)
    assert op.page_errors == []
    sec = op.page.locator("section#missions")
    text = sec.inner_text()
    assert not re.search(r"\b(pole|park|sme|lab|co|tc|prog)_\w+", text)
    assert not re.search(r"\b1 (meetings|parks|rencontres|parcs)\b", text)
    assert not re.search(r"\{\w+\}", text)
    assert ("China" if lang == "en" else "Chine") in text
    header = sec.locator("table thead").first.inner_text()
    for word in (("Why", "Funding", "Score", "Traveller") if lang == "en"
                 else ("Pourquoi", "Financement", "Note", "Voyageur")):
        assert word in header
    assert ("with" if lang == "en" else "avec") in \
        sec.locator("table tbody tr td:nth-child(3)").first.inner_text()
    assert ("Only 2 parks hold" if lang == "en" else "Seuls 2 parcs") in text
