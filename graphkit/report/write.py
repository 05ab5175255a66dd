"""Writing a :class:`Report` as self-contained HTML, Markdown and Excel.

HTML: one file, inline CSS, inline SVG, no script and no request to any
other host; printable on A4 (page breaks before major sections, table
headers repeated, no row cut). Every string from the data is escaped.
Markdown: headings, paragraphs and pipe tables for wikis.
Excel: one sheet per table, translated headers, column widths fitted,
frozen header row, real numbers.
"""
from __future__ import annotations

import re
from html import escape as _escape
from pathlib import Path

from ..errors import GraphkitError
from ..io.outputs import write_text
from ..textsafety import BIDI, bdi_html
from ..texts import Texts, fmt
from .model import Report, Table
from .svg import heat_colour

FORMATS = ("html", "md", "xlsx")

CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       font-size: 10.5pt; line-height: 1.4; color: #222; margin: 0 auto;
       max-width: 190mm; padding: 8mm 4mm; }
h1 { font-size: 20pt; margin: 0 0 2mm; color: #1f3b66; }
.subtitle { color: #555; margin: 0 0 6mm; }
h2 { font-size: 15pt; color: #1f3b66; border-bottom: 2px solid #1f3b66;
     padding-bottom: 1mm; margin-top: 10mm; break-after: avoid; }
section.major > h2 { break-before: page; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
div.head { break-inside: avoid; page-break-inside: avoid; }
div.head::after { content: ""; display: block; height: 30mm;
                  margin-bottom: -30mm; }
nav ol { columns: 2; padding-left: 5mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 1mm;
        font-size: 9pt; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, figure, .keep { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #ccc; padding: 1.2mm 1.6mm; text-align: left;
         vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
table#inputs td:last-child { overflow-wrap: anywhere; font-family:
         "DejaVu Sans Mono", monospace; font-size: 7.5pt; }
th { background: #eef2f8; }
table.wide { font-size: 7.5pt; }
table.wide th, table.wide td { padding: 1mm; }
td.num { text-align: right; white-space: nowrap; }
caption { caption-side: top; text-align: left; font-weight: bold;
          padding-bottom: 1mm; }
table.heat { width: auto; font-size: 8pt; }
table.heat td.num { text-align: center; }
table.heat th:not(:first-child) { writing-mode: vertical-rl;
  transform: rotate(180deg); white-space: nowrap; vertical-align: bottom; }
table.heat td:first-child { white-space: nowrap; }
p.note { color: #666; font-size: 8.5pt; margin-top: 0; }
figure { margin: 3mm 0; }
figcaption { font-size: 9pt; color: #555; }
svg { display: block; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt;
       overflow-wrap: anywhere; }
section.front h2 { border-bottom: none; margin-top: 4mm; }
section.front li { margin-bottom: 1.5mm; }
caption.same { position: absolute; left: -9999px; }
@media print { nav { break-before: page; } body { padding: 0; } }
"""

NUMERIC = ("int", "float", "score", "pct", "year")


def escape(text, quote: bool = True) -> str:
    """HTML-escaped text; a value from the data isolated by the report
    (bidirectional controls, see :func:`graphkit.textsafety.isolate`) in
    ``<bdi>``, so it cannot reverse the sentence around it."""
    out = bdi_html(_escape(text, quote))
    # a value from the data that reached the text without isolate() (a name
    # inside a sentence of the catalogue): isolate the whole text
    outside = re.sub(r"<bdi>.*?</bdi>", "", out, flags=re.S)
    if BIDI.search(outside):
        out = f"<bdi>{out}</bdi>"
    return out


# ----------------------------------------------------------------- HTML
def _html_table(table: Table, lang: str, heading: str = "") -> str:
    cls = ' class="heat"' if table.heat else (
        ' class="wide"' if len(table.headers) > 7 else "")
    # a caption that repeats the heading above it stays for screen readers
    same = ' class="same"' if heading and heading == table.title else ""
    out = [f'<table id="{escape(table.key)}"{cls}>',
           f"<caption{same}>{escape(table.title)}</caption><thead><tr>"]
    out += [f'<th scope="col">{escape(h)}</th>' for h in table.headers]
    out.append("</tr></thead><tbody>")
    heat_vals = [r[j] for r in table.rows for j in table.heat
                 if r[j] is not None]
    lo, hi = (min(heat_vals), max(heat_vals)) if heat_vals else (0, 0)
    for i, row in enumerate(table.rows):
        out.append("<tr>")
        for j, kind in enumerate(table.kinds):
            text = escape(table.cell(i, j, lang))
            attrs = ' class="num"' if kind in NUMERIC else ""
            if j in table.heat:
                attrs += f' style="background:{heat_colour(row[j], lo, hi)}"'
            out.append(f"<td{attrs}>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    if table.note:
        out.append(f'<p class="note">{escape(table.note)}</p>')
    return "".join(out)


def to_html(report: Report) -> str:
    """The report as one self-contained HTML document."""
    t = Texts(report.lang)
    lang = report.lang
    out = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>",
           '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(report.title)} — {escape(report.subtitle)}</title>",
           f"<style>{CSS}</style>", "</head>", "<body>",
           f"<header><h1>{escape(report.title)}</h1>"
           f'<p class="subtitle">{escape(report.subtitle)}</p></header>',
           ]
    # the first page: who it is for, the scope, findings and actions
    front = [s for s in report.sections if s.key == "overview"]
    rest = [s for s in report.sections if s.key != "overview"]
    nav = [f'<nav aria-label="{escape(t("toc"))}"><h2 class="toc">'
           f'{escape(t("toc"))}</h2><ol>']
    nav += [f'<li><a href="#{escape(s.key)}">{escape(s.title)}</a></li>'
            for s in rest]
    nav.append("</ol></nav>")
    for k, s in enumerate(front + rest):
        if s is (rest[0] if rest else None):
            out += nav
        kind = ' class="front"' if s in front else (
            ' class="major"' if k > len(front) else "")
        out.append(f'<section id="{escape(s.key)}"{kind}>'
                   f"<h2>{escape(s.title)}</h2>")
        for b in s.blocks:
            out.append('<div class="block">')
            if b.heading or b.paragraphs:
                # heading and its sentences stay together, and never end a page
                out.append('<div class="head">')
                if b.heading:
                    out.append(f"<h3>{escape(b.heading)}</h3>")
                out += [f"<p>{escape(p)}</p>" for p in b.paragraphs]
                out.append("</div>")
            if b.bullets:
                out.append("<ul>" + "".join(f"<li>{escape(x)}</li>"
                                            for x in b.bullets) + "</ul>")
            if b.figure is not None:
                out.append(f'<figure id="{escape(b.figure.key)}">'
                           f"{b.figure.svg}<figcaption>"
                           f"{escape(b.figure.caption)}</figcaption></figure>")
            if b.table is not None:
                out.append(_html_table(b.table, lang, b.heading))
            out.append("</div>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out)


# ----------------------------------------------------------------- Markdown
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(text: str) -> str:
    """Text safe in Markdown: markup characters backslashed, HTML escaped,
    line breaks flattened (a table cell stays on one line)."""
    text = escape(str(text), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _md_table(table: Table, lang: str, heading: str = "") -> list[str]:
    out = [] if heading and heading == table.title else \
        [f"**{md_escape(table.title)}**", ""]
    out += ["| " + " | ".join(md_escape(h) for h in table.headers) + " |",
           "|" + "|".join("---:" if k in NUMERIC else "---"
                          for k in table.kinds) + "|"]
    for i in range(len(table.rows)):
        out.append("| " + " | ".join(md_escape(table.cell(i, j, lang))
                                     for j in range(len(table.kinds))) + " |")
    if table.note:
        out += ["", f"*{md_escape(table.note)}*"]
    out.append("")
    return out


def to_markdown(report: Report) -> str:
    """The report as Markdown (figures appear as their tables)."""
    out = [f"# {md_escape(report.title)}", "", md_escape(report.subtitle), ""]
    for s in report.sections:
        out += [f"## {md_escape(s.title)}", ""]
        for b in s.blocks:
            if b.heading:
                out += [f"### {md_escape(b.heading)}", ""]
            for p in b.paragraphs:
                out += [md_escape(p), ""]
            if b.bullets:
                out += [f"- {md_escape(x)}" for x in b.bullets] + [""]
            if b.figure is not None:
                out += [f"*{md_escape(b.figure.caption)}*", ""]
            if b.table is not None:
                out += _md_table(b.table, report.lang, b.heading)
    return "\n".join(out).rstrip() + "\n"


# ----------------------------------------------------------------- Excel
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(tables: list[Table]) -> list[str]:
    names, seen = [], set()
    for tb in tables:
        base = _BAD_SHEET.sub(" ", tb.sheet or tb.title or tb.key).strip()[:31]
        name, n = base or "table", 2
        while name.lower() in seen:
            suffix = f" ({n})"
            name = base[:31 - len(suffix)] + suffix
            n += 1
        seen.add(name.lower())
        names.append(name)
    return names


def _excel_value(v, kind):
    if fmt.is_missing(v):
        return None
    if kind in ("int", "year"):
        try:
            return int(v)
        except (TypeError, ValueError):
            return str(v)
    if kind in ("float", "score", "pct"):
        try:
            return float(v)
        except (TypeError, ValueError):
            return str(v)
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    return str(v)  # stored as text, never a formula: graphkit.io.guard


_NUMBER_FORMATS = {"int": "#,##0", "year": "0", "float": "0.0000",
                   "score": "0.00", "pct": "0.0%"}


def _style_sheet(tb: Table, ws) -> None:
    """Bold shaded header, number formats, wrapped long text, fitted
    widths, heat-map fills, frozen header row and the table's note."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    head_fill = PatternFill("solid", fgColor="EEF2F8")
    for c in ws[1]:
        c.font, c.fill = Font(bold=True), head_fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
    rows = tb.rows
    heat_vals = [r[j] for r in rows for j in tb.heat if r[j] is not None]
    lo, hi = (min(heat_vals), max(heat_vals)) if heat_vals else (0, 0)
    widths = [len(str(h)) for h in tb.headers]
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, (r, cells) in enumerate(zip(rows, ws.iter_rows(min_row=2))):
        for j, cell in enumerate(cells):
            k = tb.kind(i, j)
            text = fmt.value(r[j], k, "en")
            widths[j] = max(widths[j], len(text))
            if k in _NUMBER_FORMATS:
                cell.number_format = _NUMBER_FORMATS[k]
            elif len(text) > 60:
                cell.alignment = wrap
            if j in tb.heat:
                colour = heat_colour(r[j], lo, hi).lstrip("#").upper()
                cell.fill = PatternFill("solid", fgColor=colour)
    for j in range(len(tb.headers)):
        ws.column_dimensions[get_column_letter(j + 1)].width = \
            min(max(widths[j] + 2, 8), 60)
    ws.freeze_panes = "A2"
    if tb.note:
        ws.cell(row=len(rows) + 3, column=1, value=tb.note)


def write_xlsx(report: Report, path) -> Path:
    """The report's tables as a workbook, one sheet per table, through
    graphkit's one Excel writer (:func:`graphkit.io.tables.write_xlsx`)."""
    import pandas as pd

    from ..io.tables import write_xlsx as write_workbook
    tables = dict(zip(_sheet_names(report.tables), report.tables))
    sheets = {name: pd.DataFrame(
        [[_excel_value(v, tb.kind(i, j)) for j, v in enumerate(r)]
         for i, r in enumerate(tb.rows)], columns=list(tb.headers),
        dtype=object) for name, tb in tables.items()}
    return write_workbook(sheets or {"report": pd.DataFrame()}, path,
                          style=lambda name, ws: name in tables
                          and _style_sheet(tables[name], ws))


# ----------------------------------------------------------------- public
def write_report(report: Report, path, formats=None) -> list[Path]:
    """Write ``report`` in each of ``formats`` and return the paths written.

    Parameters
    ----------
    report : Report
    path : path
        A folder (files ``report.html``, ``report.md``, ``report.xlsx`` go
        inside) or a file name: its stem is used for every format and its
        suffix, when it is one of the formats, is always written.
    formats : iterable of {"html", "md", "xlsx"}, optional
        Formats to write (beside the file's own). Default: every format
        for a folder, the file's own format for a file name.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from graphkit import Network
    >>> from graphkit.analysis import compute
    >>> from graphkit.report import build_report
    >>> a = pd.DataFrame({"id": ["p", "s", "l"], "name": ["P", "S", "L"],
    ...                   "type": ["pole", "sme", "lab"], "country": ["FR"] * 3})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "l"],
    ...                   "type": ["member_of", "academic_partner"]})
    >>> report = build_report(compute(Network(a, c)))
    >>> d = tempfile.mkdtemp()
    >>> [p.name for p in write_report(report, d, ["md", "xlsx"])]
    ['report.md', 'report.xlsx']
    """
    path = Path(path)
    if formats is None:
        formats = () if path.suffix and not path.is_dir() else FORMATS
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise GraphkitError(f"unknown report format(s) {', '.join(unknown)}: "
                            f"choose among {', '.join(FORMATS)}")
    if path.is_dir():  # a folder, whatever its name ('out.2024')
        stem = path / "report"
    elif path.suffix.lstrip(".").lower() in FORMATS:
        stem = path.with_suffix("")
        own = path.suffix.lstrip(".").lower()
        if own not in formats:
            formats.insert(0, own)
    elif path.suffix:
        raise GraphkitError(f"{path}: the report file must end in "
                            f".html, .md or .xlsx (or be a folder)")
    else:
        stem = path / "report"
    written = []
    for f in formats:
        target = stem.with_name(stem.name + "." + f)
        if f == "html":
            written.append(write_text(target, to_html(report)))
        elif f == "md":
            written.append(write_text(target, to_markdown(report)))
        else:
            written.append(write_xlsx(report, target))
    return written
