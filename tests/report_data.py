"""A small network with known answers for the report tests (names are
neutral ASCII so that every French or English word in a report comes from
the catalogues)."""
from __future__ import annotations

import pandas as pd

from graphkit import Network

ACTORS = [
    # id, name, type, country, sectors, seeks
    ("p1", "Alpha", "pole", "FR", "ai;bio", "ai"),
    ("p2", "Beta", "pole", "FR", "nrg", "nrg"),
    ("s1", "Gamma", "sme", "FR", "ai", "bio"),
    ("s2", "Delta", "sme", "FR", "nrg", "ai"),
    ("s3", "Omega", "sme", "FR", "bio", "ai"),
    ("l1", "Kappa", "lab", "FR", "ai;bio", "ai"),
    ("l2", "Lambda", "lab", "CN", "ai", "bio"),
    ("c1", "Sigma", "company", "CN", "nrg", "ai"),
    ("t1", "Tau", "training_centre", "FR", "bio", ""),
    ("k1", "Zeta", "park", "CN", "ai;nrg", "bio"),
    ("k2", "Eta", "park", "CN", "bio", "nrg"),
    ("e1", "Theta", "embassy_service", "CN", "", ""),
    ("g1", "Iota", "programme", "FR", "", ""),
    ("x1", "Xi", "sme", "DE", "ai", ""),
]
COOPS = [
    # source, target, type, year, programme
    ("s1", "p1", "member_of", 2010, None),
    ("s3", "p1", "member_of", 2010, None),
    ("l1", "p1", "member_of", 2010, None),
    ("s2", "p2", "member_of", 2011, None),
    ("l2", "k1", "member_of", 2012, None),
    ("c1", "k1", "member_of", 2012, None),
    ("s1", "l1", "rd_partnership", 2012, None),
    ("s1", "l2", "rd_partnership", 2015, "g1"),
    ("l1", "l2", "academic_partner", 2014, None),
    ("l1", "t1", "training", 2013, None),
    ("p1", "k1", "delegation_visit", 2016, None),
    ("e1", "p1", "supports", 2016, None),
    ("s2", "c1", "rd_partnership", 2017, "g1"),
    ("l2", "c1", "rd_partnership", 2017, None),
    ("s3", "l1", "seminar", 2018, None),
    ("s1", "g1", "funded_by", 2015, None),
]


def small_network(names=None) -> Network:
    """The test network; ``names`` maps ids to other names."""
    names = names or {}
    a = pd.DataFrame(ACTORS, columns=["id", "name", "type", "country",
                                      "sectors", "seeks"])
    a["name"] = [names.get(i, n) for i, n in zip(a["id"], a["name"])]
    c = pd.DataFrame(COOPS, columns=["source", "target", "type", "year",
                                     "programme"])
    return Network(a, c, meta={"name": "small"})


def html_text(html: str) -> str:
    """The visible text of a report page (style and tags removed, entities
    decoded)."""
    import html as h
    import re
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return h.unescape(re.sub(r"<[^>]+>", " ", html))


def xlsx_cells(path) -> dict[str, list[list]]:
    """Sheet name -> rows of cell values of a workbook."""
    from openpyxl import load_workbook
    wb = load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
            for ws in wb.worksheets}


def xlsx_text(path) -> str:
    return " ".join([*xlsx_cells(path)] + [
        str(v) for rows in xlsx_cells(path).values() for r in rows
        for v in r if isinstance(v, str)])


def html_tables(html: str) -> dict[str, list[list[str]]]:
    """Table id -> rows (header row first) of cell texts of a report page."""
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tables, self.current, self.row, self.cell = {}, None, None, None

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.current = dict(attrs).get("id")
                self.tables[self.current] = []
            elif tag == "tr" and self.current is not None:
                self.row = []
            elif tag in ("td", "th") and self.row is not None:
                self.cell = []

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None:
                self.row.append("".join(self.cell))
                self.cell = None
            elif tag == "tr" and self.row is not None:
                self.tables[self.current].append(self.row)
                self.row = None
            elif tag == "table":
                self.current = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    p = P()
    p.feed(html)
    return p.tables


def md_tables(md: str) -> dict[str, list[list[str]]]:
    """Table title -> rows (header first) of a report in Markdown."""
    import re
    out, title, lines = {}, None, md.splitlines()
    for i, line in enumerate(lines):
        m = re.fullmatch(r"\*\*(.+)\*\*", line)
        if m:
            title = re.sub(r"\\(.)", r"\1", m.group(1))
            out[title] = []
        elif line.startswith("|") and title is not None:
            if re.fullmatch(r"\|(-+:?\|)+", line.replace("---:", "---")):
                continue
            cells = [re.sub(r"\\(.)", r"\1", c.strip())
                     for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            out[title].append(cells)
    return out


def parse_number(text: str) -> float:
    """A number as the report prints it, in French or English."""
    t = text.replace("\u202f", "").replace("\u00a0", "").replace("%", "")
    if "," in t and "." not in t:
        t = t.replace(",", ".")
    return float(t.replace(",", ""))
