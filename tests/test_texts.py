"""The one catalogue (graphkit.texts): both languages complete, plurals,
Babel formatting, names; and no internal id in what a person reads."""
import json
import re

import openpyxl
import pytest
from click.testing import CliRunner

from graphkit import texts
from graphkit.cli import main
from graphkit.render.htmlpage import page_data
from graphkit.texts import (country_name, domain_name, fmt, humanise,
                            raw_catalogue, text)

from report_data import html_text

#: Keys whose text reads the same in French and English (words of both).
SAME_IN_BOTH = {"actor_type.programme", "map.programmes", "map.col_lat",
                "map.col_lon", "map.col_source", "map.col_type", "map.score",
                "metric.type.label", "metric.pagerank.label",
                "ties.between", "text.park_country"}

RULE_ID = re.compile(r"\bG\d_[A-Z_]+\b")


def test_every_key_in_both_languages_and_translated():
    fr, en = raw_catalogue("fr"), raw_catalogue("en")
    assert set(fr) == set(en), set(fr) ^ set(en)
    assert {k for k in fr if fr[k] == en[k]} == SAME_IN_BOTH


@pytest.mark.parametrize("n, fr, en", [
    (0, "acteur sans aucune coopération", "actor with no cooperation at all"),
    (1, "acteur sans aucune coopération (membre d'un groupe)",
     "actor with no cooperation at all (member of one group)"),
    (2, "acteur sans aucune coopération (membre de 2 groupes)",
     "actor with no cooperation at all (member of 2 groups)")])
def test_plural_forms(n, fr, en):
    """Babel's plural rules through the catalogue; the French « de »
    elided before a vowel (test_elision)."""
    assert text("gap.isolated", "fr", n=n) == fr
    assert text("gap.isolated", "en", n=n) == en


def test_plural_partners():
    assert "(1 autre partenaire)" in text("gap.lab_no_industrial", "fr", n=1)
    assert "(2 autres partenaires)" in text("gap.lab_no_industrial", "fr", n=2)
    assert "(1 other partner)" in text("gap.lab_no_industrial", "en", n=1)
    assert text("count.actors", "fr", n=1_000_000) == "1\u202f000\u202f000 acteurs"


def test_babel_formatting():
    assert fmt.integer(1498, "fr") == "1\u202f498"
    assert fmt.integer(1498, "en") == "1,498"
    assert fmt.percent(0.296, "fr") == "29,6\u00a0%"
    assert fmt.percent(0.296, "en") == "29.6%"


def test_names():
    assert country_name("CN", "fr") == "Chine"
    assert country_name("CN", "en") == "China"
    assert country_name("UK", "fr") == "Royaume-Uni"
    assert country_name("EL", "en") == "Greece"
    assert country_name("QQ", "en") == "QQ"
    assert humanise("agri_food") == "Agri food"
    assert domain_name("agri_food", "fr") == "Agroalimentaire"
    assert domain_name("quantum_sensing", "en") == "Quantum sensing"
    assert texts.type_name("sme", "fr") == "PME"
    assert texts.rule_name("G1_SME_NO_ACADEMIC", "fr").startswith("PME")


def test_every_domain_of_the_example_has_a_name(example_dir):
    import pandas as pd
    from graphkit.generate import DOMAINS
    a = pd.read_csv(example_dir / "actors.csv")
    used = {d for c in ("sectors", "seeks") for v in a[c].dropna()
            for d in str(v).split(";")} | set(DOMAINS)
    for d in used:
        for lang in ("fr", "en"):
            assert f"domain.{d}" in raw_catalogue(lang), d


def _domain_ids(example_dir):
    import pandas as pd
    a = pd.read_csv(example_dir / "actors.csv")
    return {d.strip() for c in ("sectors", "seeks") for v in a[c].dropna()
            for d in str(v).split(";") if "_" in d}


def _leaks(visible: str, domains: set) -> list[str]:
    found = RULE_ID.findall(visible)
    found += [w for w in re.findall(r"\b[a-z]+_[a-z_]+\b", visible)
              if w in domains]
    return sorted(set(found))


@pytest.fixture(scope="module", params=["fr", "en"])
def run_out(request, tmp_path_factory, example_dir):
    out = tmp_path_factory.mktemp(f"run_{request.param}")
    result = CliRunner().invoke(main, ["run", str(example_dir), "-o", str(out),
                                       "--lang", request.param])
    assert result.exit_code == 0, result.output
    return request.param, out


def test_no_internal_id_in_report_and_sheets(run_out, example_dir):
    lang, out = run_out
    domains = _domain_ids(example_dir)
    assert domains >= {"agri_food", "micro_nano"}
    visible = html_text((out / "report.html").read_text("utf-8"))
    assert not _leaks(visible, domains), _leaks(visible, domains)
    md = re.sub(r"\\(.)", r"\1", (out / "report.md").read_text("utf-8"))
    md = md.replace(md[md.find("graphkit run"):].split("\n")[0], "")  # command
    assert not _leaks(md, domains), _leaks(md, domains)
    books = sorted(out.glob("*.xlsx"))
    assert books
    for book in books:
        names = openpyxl.load_workbook(book, read_only=True).sheetnames
        joined = " ".join(names)
        assert not _leaks(joined, domains), (book.name, names)
    assert "Chine" in visible if lang == "fr" else "China" in visible


def test_no_internal_id_on_the_map(run_out, example_dir, offline_page):
    lang, out = run_out
    domains = _domain_ids(example_dir)
    html = (out / "map.html").read_text("utf-8")
    data = page_data(html)
    shown = json.dumps([data["texts"], data["legend"], data["metrics"],
                        [n["props"][2:] for n in data["nodes"]]],
                       ensure_ascii=False)  # props minus id and name
    assert not _leaks(shown, domains), _leaks(shown, domains)
    page = offline_page(out / "map.html").page
    page.wait_for_function("() => window.graphkitReady === true")
    actor = next(a for a, rows in data["gaps"].items()
                 if any(g["rule_id"] == "G1_SME_NO_ACADEMIC" for g in rows))
    page.evaluate(f"graphkit.showPanel({json.dumps(actor)})")
    body = page.evaluate("document.body.innerText")
    assert "G1_SME_NO_ACADEMIC" not in body and (
        "sans partenaire académique" in body if lang == "fr"
        else "no academic partner" in body)
    assert not _leaks(body, domains), _leaks(body, domains)
    for row in data["gaps"].values():
        for g in row:
            assert not _leaks(g["detail"][lang] + g["rule"][lang], domains)
    for row in data["recommendations"].values():
        for r in row:
            assert not _leaks(r["reasons"][lang], domains)


@pytest.mark.parametrize("values, fr", [
    ({"groups": "Axelera"}, "PME membre d'Axelera sans partenaire"),
    ({"groups": "EMC2"}, "PME membre d'EMC2 sans partenaire"),
    ({"groups": "Minalogic"}, "PME membre de Minalogic sans partenaire"),
    ({"groups": "Yuanxun"}, "PME membre de Yuanxun sans partenaire")])
def test_elision(values, fr):
    """« de » elides before a vowel, never before a consonant or y."""
    assert text("gap.sme_no_academic", "fr", **values).startswith(fr)
    assert text("gap.sme_no_academic", "en", **values).startswith(
        "SME member of " + values["groups"])


def test_shared_reason_objects_worded_once_and_rightly():
    """A reason object that rows share is worded once per column; reasons
    read from JSON text (new objects each row, whose ids Python reuses)
    are never taken for one another."""
    import pandas as pd
    role = {"code": "role", "types": ["sme", "lab"], "abroad": True}
    rows = [[{"code": "shared", "domains": ["agri_food"]}, role],
            [role],
            json.dumps([{"code": "role", "types": ["lab", "sme"], "abroad": False}]),
            json.dumps([{"code": "role", "types": ["sme", "sme"], "abroad": True}]),
            [{"code": "broker", "name": "Lab A"}, role]]
    table = pd.DataFrame({"reason_codes": rows})
    words = texts.ReasonWords().column(table, "en")
    assert words == [texts.reasons_text(r, "en") for r in rows]
    assert words[1] == "SME with research laboratory abroad"
    assert words[2] != words[3] and words[3].endswith("abroad")
    memo: dict = {}
    for r in rows:
        texts.reasons_text(r, "fr", memo)
    assert [v[0] for v in memo.values()].count(role) == 1  # worded once
    assert all(v[0]["code"] != "role" or v[0] is role for v in memo.values())
