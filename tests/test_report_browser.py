"""The report in headless Chromium: offline, every section shown, data as
text, and printed by Chromium to clean A4 pages."""
import re

import pytest

from graphkit.io import read_network
from graphkit.analysis import compute
from graphkit.report import build_report, write_report

from report_data import small_network

SECTIONS = ["summary", "glance", "key_actors", "gaps", "white_spaces",
            "recommendations", "missions", "methods"]
A4 = (595.28, 841.89)  # points


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page of a PDF written by
    Chromium (its page objects are plain dictionaries)."""
    sizes = []
    for m in re.finditer(rb"/Type\s*/Page(?![s\w])", pdf):
        start = pdf.rfind(b"obj", 0, m.start())
        end = pdf.find(b"endobj", m.end())
        box = re.search(rb"/MediaBox\s*\[\s*([\d.\s-]+)\]", pdf[start:end])
        if box is None:
            # inherited from the page tree
            box = re.search(rb"/MediaBox\s*\[\s*([\d.\s-]+)\]", pdf)
        x0, y0, x1, y1 = (float(v) for v in box.group(1).split())
        sizes.append((x1 - x0, y1 - y0))
    return sizes


@pytest.fixture(scope="module")
def example_report(tmp_path_factory, example_dir):
    """report.html of `graphkit run examples/coopol -o out` (French)."""
    from graphkit.pipeline import run
    network = read_network(example_dir).network
    out = tmp_path_factory.mktemp("example")
    _results, paths = run(network, out, lang="fr")
    written = {p.name for p in paths}
    assert {"report.html", "report.md", "report.xlsx"} <= written
    return out / "report.html"


def test_example_report_in_chromium_prints_on_a4(example_report, offline_page,
                                                 tmp_path):
    op = offline_page(example_report)
    page = op.page
    assert op.requests == []
    assert op.console_errors == [] and op.page_errors == []
    for key in SECTIONS:
        sec = page.locator(f"section#{key}")
        assert sec.count() == 1, key
        assert sec.locator("h2").inner_text().strip(), key
    assert page.locator("svg rect.bar").count() > 5
    assert page.locator("table#white_space_matrix td[style*=background]").count() > 0
    page.emulate_media(media="print")
    # a major section starts a new page when printed
    assert page.eval_on_selector(
        "section#glance > h2", "e => getComputedStyle(e).breakBefore") == "page"
    assert page.eval_on_selector(
        "thead", "e => getComputedStyle(e).display") == "table-header-group"
    pdf = page.pdf(format="A4", print_background=True)
    sizes = pdf_pages(pdf)
    print(f"\nexamples/coopol report: {len(sizes)} A4 pages")
    assert len(sizes) >= len(SECTIONS)
    for w, h in sizes:
        assert w == pytest.approx(A4[0], abs=2) and h == pytest.approx(A4[1], abs=2)
    # no table wider than the printed page (A4 less the margins: 182 mm)
    page.set_viewport_size({"width": 688, "height": 1000})
    over = page.eval_on_selector_all("table", """ts => ts.map(t =>
        [t.id, t.getBoundingClientRect().right
               - document.body.getBoundingClientRect().right])""")
    assert [t for t, d in over if d > 1] == []


def test_data_markup_stays_text_in_the_browser(offline_page, tmp_path):
    evil = '<img src=x onerror="document.title=\'pwned\'"><b>Bold</b>'
    net = small_network({"s1": evil, "l1": "<script>window.pwned=1</script>"})
    rep = build_report(compute(net), lang="en")
    (html,) = write_report(rep, tmp_path / "report.html")
    op = offline_page(html)
    page = op.page
    assert page.locator("img").count() == 0
    assert page.locator("b").count() == 0
    assert page.locator("script").count() == 0
    assert page.evaluate("window.pwned === undefined")
    assert "pwned" not in page.title()
    body = page.inner_text("body")
    assert evil in body and "<script>window.pwned=1</script>" in body
    assert op.requests == [] and op.page_errors == []
