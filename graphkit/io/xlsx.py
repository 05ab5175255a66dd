"""A fast writer of plain (unstyled) Excel workbooks: tables of any size.

Writing a workbook cell by cell (openpyxl's write-only mode, xlsxwriter's
constant-memory mode) costs 6-70 µs a cell in Python; a table of
recommendations has millions of cells. Here each column is turned into its
cells' XML at once (one f-string per cell, no object per cell) and the sheet
is streamed into the zip a block of rows at a time, so time and memory grow
with the rows and stay small: about 0.5 µs a cell.

The workbook is the smallest SpreadsheetML package Excel, LibreOffice and
openpyxl open: a workbook, one worksheet per table, a style sheet of two
cell formats (the default, and text with Excel's quote prefix) and the
table of shared strings (each distinct text once, escaped once; a cell
holds its number, as Excel itself writes texts: the sheet is a third the
size of inline strings, and so are the time to join and compress it).
Numbers are number cells, booleans boolean cells, missing values
empty cells, an infinite number the error ``#NUM!``; every other value is a
text cell (``t="s"``), never a formula, and a text beginning with a
trigger character of :mod:`graphkit.io.guard` has the quote prefix, as
Excel gives a text typed with a leading apostrophe.

Excel holds at most :data:`MAX_ROWS` rows a sheet: callers check
(:func:`graphkit.io.tables.write_table` writes CSV and JSON only above it).
"""
from __future__ import annotations

import math
import re
import zipfile
from typing import Mapping

import numpy as np
import pandas as pd

from .guard import TRIGGERS

__all__ = ["write_plain_xlsx", "MAX_ROWS", "column_letter"]

#: Rows of an Excel sheet, header included (Excel 2007 and later).
MAX_ROWS = 1_048_576

_BLOCK = 20_000  # rows joined and compressed at a time
_NS = "http://schemas.openxmlformats.org/"
_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def column_letter(j: int) -> str:
    """Excel's name of the 0-based column ``j`` ('A', ..., 'Z', 'AA')."""
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:  # as XML reads a CR back, and as openpyxl wrote it
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ILLEGAL.search(text):  # not allowed in XML: Excel's own escape
        text = _ILLEGAL.sub(lambda m: "_x%04X_" % ord(m.group()), text)
    return text


#: The style of a text beginning with a trigger: Excel's quote prefix.
_QUOTED = ' s="1"'


def _text_cell(ref: str, text: str, strings: dict) -> str:
    """A text cell: the number of ``text`` in the shared strings."""
    style = _QUOTED if text[:1] in TRIGGERS else ""
    return f'<c r="{ref}"{style} t="s"><v>{strings.setdefault(text, len(strings))}</v></c>'


def _value_cell(ref: str, v, strings: dict) -> str:
    """One cell of a column of mixed values."""
    if v is None:
        return ""
    cls = v.__class__
    if cls is str:
        return _text_cell(ref, v, strings)
    if cls is bool:
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if cls is int:
        return f'<c r="{ref}"><v>{v}</v></c>'
    if cls is float:
        if math.isnan(v):
            return ""
        if math.isinf(v):
            return f'<c r="{ref}" t="e"><v>#NUM!</v></c>'
        return f'<c r="{ref}"><v>{v!r}</v></c>'
    if hasattr(v, "isoformat"):
        return _text_cell(ref, v.isoformat(sep=" ") if hasattr(v, "hour")
                          else v.isoformat(), strings)
    return _text_cell(ref, str(v), strings)


def _column_cells(letter: str, rows: list[str], values: np.ndarray,
                  strings: dict) -> list:
    """The XML of each cell of one column (rows ``rows``), at once for a
    column of numbers or of texts; ``strings`` (text -> number) gains the
    texts met."""
    kind = values.dtype.kind
    if kind in "iu":
        return [f'<c r="{letter}{r}"><v>{v}</v></c>'
                for r, v in zip(rows, values.tolist())]
    if kind == "b":
        return [f'<c r="{letter}{r}" t="b"><v>{int(v)}</v></c>'
                for r, v in zip(rows, values.tolist())]
    if kind == "f":
        finite = np.isfinite(values)
        if finite.all():
            return [f'<c r="{letter}{r}"><v>{v!r}</v></c>'
                    for r, v in zip(rows, values.tolist())]
    cells = values.tolist()
    if kind == "O" and _all_texts(cells):
        # texts and missing values (most text columns of a table): one
        # look-up and one f-string per cell, nothing else
        number = strings.setdefault
        return ["" if v is None else
                f'<c r="{letter}{r}"{_QUOTED if v[:1] in TRIGGERS else ""}'
                f' t="s"><v>{number(v, len(strings))}</v></c>'
                for r, v in zip(rows, cells)]
    return [_value_cell(f"{letter}{r}", v, strings)
            for r, v in zip(rows, cells)]


def _all_texts(cells: list) -> bool:
    """Whether every cell is a ``str`` or None."""
    return all(v.__class__ is str for v in cells if v is not None)


def _sheet_xml(header: list, columns: list[np.ndarray], stream,
               strings: dict) -> None:
    stream.write((_HEAD + f'<worksheet xmlns="{_NS}spreadsheetml/2006/main">'
                  "<sheetData>").encode())
    letters = [column_letter(j) for j in range(len(header))]
    stream.write(('<row r="1">' + "".join(
        _value_cell(f"{ltr}1", h, strings) for ltr, h in zip(letters, header))
        + "</row>").encode())
    n = len(columns[0]) if columns else 0
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        rows = [str(i + 2) for i in range(start, stop)]
        cells = [_column_cells(ltr, rows, col[start:stop], strings)
                 for ltr, col in zip(letters, columns)]
        stream.write("".join(
            f'<row r="{r}">' + "".join(parts) + "</row>"
            for r, *parts in zip(rows, *cells)).encode())
    stream.write(b"</sheetData></worksheet>")


def _package(names: list[str]) -> dict[str, str]:
    sheets = "".join(
        f'<sheet name="{_escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1))
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_NS}officeDocument/2006/'
        f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1))
    styles_id, strings_id = len(names) + 1, len(names) + 2
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/>' for i in range(1, len(names) + 1))
    return {
        "[Content_Types].xml": _HEAD + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType='
            '"application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'sharedStrings+xml"/>' + overrides + "</Types>"),
        "_rels/.rels": _HEAD + (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_NS}'
            'officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": _HEAD + (
            f'<workbook xmlns="{_NS}spreadsheetml/2006/main" xmlns:r="{_NS}'
            f'officeDocument/2006/relationships"><sheets>{sheets}</sheets>'
            "</workbook>"),
        "xl/_rels/workbook.xml.rels": _HEAD + (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships">{rels}<Relationship Id="rId{styles_id}" '
            f'Type="{_NS}officeDocument/2006/relationships/styles" '
            f'Target="styles.xml"/><Relationship Id="rId{strings_id}" '
            f'Type="{_NS}officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'),
        "xl/styles.xml": _HEAD + (
            f'<styleSheet xmlns="{_NS}spreadsheetml/2006/main">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
            '</font></fonts><fills count="2"><fill><patternFill '
            'patternType="none"/></fill><fill><patternFill '
            'patternType="gray125"/></fill></fills><borders count="1">'
            "<border><left/><right/><top/><bottom/><diagonal/></border>"
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" '
            'fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" '
            'quotePrefix="1" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" '
            'builtinId="0"/></cellStyles></styleSheet>'),
    }


def write_plain_xlsx(sheets: Mapping[str, tuple[list, list[np.ndarray]]],
                     path) -> None:
    """Write ``sheets`` (name -> (header, columns as arrays of cell values:
    numbers, booleans, None, texts)) as the workbook ``path``.

    >>> import tempfile, os, openpyxl
    >>> p = os.path.join(tempfile.mkdtemp(), "t.xlsx")
    >>> write_plain_xlsx({"t": (["name", "x"], [np.array(["=1+1", "a&b"],
    ...                   dtype=object), np.array([-2.5, np.nan])])}, p)
    >>> [[(c.value, c.data_type) for c in row]
    ...  for row in openpyxl.load_workbook(p)["t"].iter_rows()]
    [[('name', 's'), ('x', 's')], [('=1+1', 's'), (-2.5, 'n')], [('a&b', 's'), (None, 'n')]]
    """
    names = [str(n)[:31] for n in sheets] or ["Sheet1"]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=1) as zf:
        for name, text in _package(names).items():
            zf.writestr(name, text)
        tables = list(sheets.values()) or [([], [])]
        strings: dict[str, int] = {}
        for i, (header, columns) in enumerate(tables, start=1):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w",
                         force_zip64=True) as stream:
                _sheet_xml(header, columns, stream, strings)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as stream:
            _strings_xml(strings, stream)


def _strings_xml(strings: dict, stream) -> None:
    """The shared strings, in the order of their numbers."""
    stream.write((_HEAD + f'<sst xmlns="{_NS}spreadsheetml/2006/main" '
                  f'uniqueCount="{len(strings)}">').encode())
    texts = list(strings)
    for start in range(0, len(texts), _BLOCK):
        stream.write("".join(
            f'<si><t xml:space="preserve">{_escape(t)}</t></si>'
            for t in texts[start:start + _BLOCK]).encode())
    stream.write(b"</sst>")


def frame_columns(df: pd.DataFrame) -> tuple[list, list[np.ndarray]]:
    """Header and column arrays of ``df`` (already flattened: see
    :func:`graphkit.io.tables._columns`)."""
    return [str(c) for c in df.columns], [
        df.iloc[:, j].to_numpy() for j in range(df.shape[1])]
