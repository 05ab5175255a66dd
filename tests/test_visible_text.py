"""What a reader sees: the example's report and "what changed" brief, in
French and English, opened in headless Chromium; the assertions read the
visible text (``document.body.innerText``) and the visible headings."""
import re

import pytest

from graphkit.analysis import compute
from graphkit.analysis.compare import compare_periods
from graphkit.generate import DOMAINS
from graphkit.io import read_network
from graphkit.report import build_report, write_report
from graphkit.report.brief import build_brief

#: A rule id such as G6_DORMANT_TIE.
RULE_ID = re.compile(r"\bG\d+_[A-Z_]+\b")
#: A snake_case id such as agri_food or sme_ill_034.
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
#: A placeholder of the catalogue left unfilled.
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.]*\}")
#: A count and a noun that disagree: « 1 autres », « 2 groupe », « (s) ».
NOUNS_FR = ("autre", "acteur", "coopération", "membre", "groupe",
            "partenaire", "partenariat", "parc", "écart", "lien", "an")
NOUNS_EN = ("actor", "cooperation", "member", "group", "partner",
            "partnership", "park", "gap", "tie", "year")


def broken_plurals(text: str, nouns) -> list[str]:
    out = re.findall(r"\w+\(s\)", text)
    words = "|".join(nouns)
    out += re.findall(rf"(?<![\d\u202f,.])\b1 (?:{words}|other)s\b", text)
    out += re.findall(rf"(?<![\u202f,.])\b(?:[02-9]|\d\d+) (?:{words})\b(?!s)",
                      text)
    return out


def visible_problems(text: str, lang: str) -> dict[str, list[str]]:
    # file names and paths are what the reader types: they keep their ids
    plain = re.sub(r"\S*/\S*|\S+\.(?:csv|json|xlsx|md|html)\b", " ", text)
    problems = {
        "rule ids": RULE_ID.findall(plain),
        "snake_case ids": SNAKE.findall(plain),
        "placeholders": PLACEHOLDER.findall(plain),
        "broken plurals": broken_plurals(
            plain, NOUNS_FR if lang == "fr" else NOUNS_EN),
        "country codes": re.findall(r"\b(?:CN|FR)\b|Pays\s*:\s*[A-Z]{2}\b"
                                    r"|Country:\s*[A-Z]{2}\b", plain),
        "domain ids": [d for d in DOMAINS if "_" in d or d in (
            "ict", "biotech", "micro_nano")
            if re.search(rf"\b{d}\b", plain)],
        "missing values": re.findall(r"\b(?:nan|NaN|null)\b|[a-z,:] None\b",
                                     plain),
    }
    if lang == "fr":
        # « de » + vowel is elided (« membre d'Axelera »)
        problems["elisions"] = re.findall(
            r"\b[Dd]e [AEIOUÉÈÊÀaeiouéèêà][\w-]*", plain)
    return {k: v for k, v in problems.items() if v}


@pytest.fixture(scope="module")
def pages(tmp_path_factory, example_dir):
    """The example's report and its 2008–2010 / 2012–2014 brief, both
    languages, as HTML files."""
    net = read_network(example_dir).network
    res = compute(net)
    cmp = compare_periods(net, (2008, 2010), (2012, 2014))
    out = tmp_path_factory.mktemp("visible")
    paths = {}
    for lang in ("fr", "en"):
        paths[("report", lang)] = write_report(
            build_report(res, lang=lang), out / f"report_{lang}.html")[0]
        paths[("brief", lang)] = write_report(
            build_brief(cmp, lang=lang), out / f"brief_{lang}.html")[0]
    return paths


@pytest.mark.parametrize("kind", ["report", "brief"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_visible_text_speaks_the_readers_language(pages, offline_page,
                                                      kind, lang):
    op = offline_page(pages[(kind, lang)])
    text = op.page.evaluate("document.body.innerText")
    assert len(text) > 2000
    assert visible_problems(text, lang) == {}
    # countries by name
    assert ("Chine" if lang == "fr" else "China") in text
    # no heading repeated by the heading or caption the reader sees next
    heads = op.page.evaluate("""() => [...document.querySelectorAll(
        'h1, h2, h3, caption')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.right > 0 && r.left >= 0; })
        .map(e => e.innerText.trim())""")
    assert heads and all(a != b for a, b in zip(heads, heads[1:])), heads


def test_the_report_ranks_its_recommendations_once(pages, offline_page):
    """One ranking in the recommendation table: 1, 2, 3… down the rows
    (not each actor's own rank, which read 1, 2, 1, 1, 2…)."""
    op = offline_page(pages[("report", "fr")])
    ranks = op.page.evaluate("""() => [...document.querySelectorAll(
        'table#recommendations tbody tr td:first-child')]
        .map(td => td.innerText.trim())""")
    assert ranks == [str(i) for i in range(1, len(ranks) + 1)]
    assert len(ranks) > 10


def test_the_checks_catch_what_they_look_for():
    """The checks above fail on the faults of issue 15."""
    bad = ("Écarts : G6_DORMANT_TIE, agri_food, {name}, 1 autres "
           "partenaires, membre de 1 groupe(s), membre de Axelera, Pays : CN")
    found = visible_problems(bad, "fr")
    assert set(found) == {"rule ids", "snake_case ids", "placeholders",
                          "broken plurals", "country codes", "domain ids",
                          "elisions"}
    assert set(visible_problems("2 group, 1 years, 1 others, value None",
                                "en")) == {"broken plurals", "missing values"}
    assert visible_problems(
        "membre d'Axelera, 1 autre partenaire, 2 ans, 12,5 % ; "
        "voir white_spaces.csv", "fr") == {}
