"""A fast writer of plain (unstyled) Excel workbooks: tables of any size.

Writing a workbook cell by cell (openpyxl's write-only mode, xlsxwriter's
constant-memory mode) costs 6-70 µs a cell in Python; a table of
recommendations has millions of cells. Here each column of a block of
rows is turned into its cells' XML at once by Arrow compute (the pieces of
a cell, its reference, style and value, joined element-wise; a text's
number in the shared strings found by a hash table a column at a time, an
Arrow text column's distinct texts only), the block's rows joined and its
bytes streamed into the zip, so time and memory grow with the rows and
stay small. The former writer (one f-string per cell, about 0.5 µs a
cell) is kept as ``_write_plain_xlsx_cells``: the tests check that both
write the same bytes.

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
import pyarrow as pa
import pyarrow.compute as pc

from .arrowtext import (EMPTY, TEXT, data_bytes, float_reprs, holds,
                        holds_below, scalar)
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


def _sheet_head(header: list, stream, strings) -> list[str]:
    """Write a sheet's beginning and its header row; its column letters."""
    stream.write((_HEAD + f'<worksheet xmlns="{_NS}spreadsheetml/2006/main">'
                  "<sheetData>").encode())
    letters = [column_letter(j) for j in range(len(header))]
    stream.write(('<row r="1">' + "".join(
        _value_cell(f"{ltr}1", h, strings) for ltr, h in zip(letters, header))
        + "</row>").encode())
    return letters


def _sheet_xml(header: list, columns: list[np.ndarray], stream,
               strings: dict) -> None:
    letters = _sheet_head(header, stream, strings)
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
    _write(sheets, path, _fast_sheet_xml, _fast_strings_xml, _Strings())


def _write_plain_xlsx_cells(sheets, path) -> None:
    """:func:`write_plain_xlsx` a cell at a time (one f-string per cell: the
    former writer, whose bytes the column-at-a-time one must match; the
    tests compare)."""
    _write(sheets, path, _sheet_xml, _strings_xml, {})


def _write(sheets, path, sheet_xml, strings_xml, strings) -> None:
    """The workbook: its parts, each sheet by ``sheet_xml``, then the
    shared strings (``strings``: text -> number) by ``strings_xml``."""
    names = [str(n)[:31] for n in sheets] or ["Sheet1"]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=1) as zf:
        for name, text in _package(names).items():
            zf.writestr(name, text)
        tables = list(sheets.values()) or [([], [])]
        for i, (header, columns) in enumerate(tables, start=1):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w",
                         force_zip64=True) as stream:
                sheet_xml(header, columns, stream, strings)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as stream:
            strings_xml(strings, stream)


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


def _fast_sheet_xml(header: list, columns: list[np.ndarray], stream,
                    strings: dict) -> None:
    """:func:`_sheet_xml` a column at a time: each block's cells made per
    column by Arrow compute (:func:`_fast_cells`), joined into rows and
    written from the joined array's buffer (the same bytes)."""
    letters = _sheet_head(header, stream, strings)
    n = len(columns[0]) if columns else 0
    texts = _SheetTexts(columns, strings)
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        rows = pc.cast(pa.array(np.arange(start + 2, stop + 2)), TEXT)
        cells = [texts.cells(j, scalar(f'<c r="{ltr}'), rows, start, stop)
                 if j in texts.ids else
                 _fast_cells(ltr, rows, col[start:stop], strings)
                 for j, (ltr, col) in enumerate(zip(letters, columns))]
        stream.write(data_bytes(pc.binary_join_element_wise(
            _ROW, rows, _ROW_END, *cells, _ROW_CLOSE, EMPTY)))
    stream.write(b"</sheetData></worksheet>")


_ROW, _ROW_END, _ROW_CLOSE = scalar('<row r="'), scalar('">'), scalar("</row>")
_NUMBER, _BOOLEAN = scalar('"><v>'), scalar('" t="b"><v>')
_TEXT_CELL = scalar('" t="s"><v>')
_QUOTED_CELL = scalar(f'"{_QUOTED} t="s"><v>')
_CLOSE, _NUM_ERROR = scalar("</v></c>"), scalar('" t="e"><v>#NUM!</v></c>')
_ONE, _ZERO = scalar("1"), scalar("0")


def _fast_cells(letter: str, rows: pa.Array, values: np.ndarray,
                strings: dict) -> pa.Array:
    """:func:`_column_cells` as one Arrow array (no nulls): the pieces of
    each cell (its reference, style, value) joined element-wise; a text's
    number in ``strings`` given to each distinct text of the column in
    order of first appearance (as cell by cell); a column of mixed values
    cell by cell."""
    ref = scalar(f'<c r="{letter}')
    if isinstance(values, pa.Array):  # nulls missing
        return _arrow_cells(ref, rows, values, strings)
    kind = values.dtype.kind
    if kind in "iu":
        return pc.binary_join_element_wise(
            ref, rows, _NUMBER, pc.cast(pa.array(values), TEXT), _CLOSE,
            EMPTY)
    if kind == "b":
        return pc.binary_join_element_wise(
            ref, rows, _BOOLEAN, pc.if_else(pa.array(values), _ONE, _ZERO),
            _CLOSE, EMPTY)
    if kind == "f":
        finite = np.isfinite(values)
        cells = pc.binary_join_element_wise(
            ref, rows, _NUMBER, float_reprs(np.where(finite, values, 0)),
            _CLOSE, EMPTY)
        if finite.all():
            return cells
        inf = pc.binary_join_element_wise(ref, rows, _NUM_ERROR, EMPTY)
        return pc.if_else(pa.array(finite), cells, pc.if_else(
            pa.array(np.isinf(values)), inf, EMPTY))
    if kind == "O":
        cells = values.tolist()
        if _all_texts(cells):
            return _shared_cells(ref, rows, values, strings)
    return pa.array(_column_cells(letter, [str(r) for r in rows.to_pylist()],
                                  values, strings), TEXT)


def _shared_cells(ref, rows: pa.Array, values: np.ndarray,
                  strings: dict) -> pa.Array:
    """The cells of a column of texts and None (see :func:`_fast_cells`)."""
    codes = strings.numbers(values)
    present = codes >= 0
    if not present.any():
        return pc.fill_null(pa.nulls(len(values), TEXT), EMPTY)
    return _numbered_cells(ref, rows, np.where(present, codes, 0), present,
                           strings)


def _arrow_cells(ref, rows: pa.Array, values: pa.Array, strings) -> pa.Array:
    """The cells of an Arrow array of integers or booleans (a null an empty
    cell: a nullable column's missing value; texts: :class:`_SheetTexts`)."""
    if pa.types.is_boolean(values.type):
        cells = pc.binary_join_element_wise(
            ref, rows, _BOOLEAN, pc.if_else(values, _ONE, _ZERO), _CLOSE,
            EMPTY)
    elif pa.types.is_integer(values.type):
        cells = pc.binary_join_element_wise(
            ref, rows, _NUMBER, pc.cast(values, TEXT), _CLOSE, EMPTY)
    else:
        raise TypeError(f"no cells of Arrow {values.type}")
    return pc.fill_null(cells, EMPTY)


class _SheetTexts:
    """The Arrow text columns of a sheet, numbered in the shared strings a
    block at a time without a Python object per cell.

    Each distinct text of the sheet has an id (the columns' dictionaries
    encoded, then their union: Arrow's hash tables); a text gets its
    number in the shared strings the first time a block meets it, the new
    texts of a block's column in order of first appearance (as cell by
    cell), through :meth:`_Strings.numbers` (which knows the texts met in
    other columns, sheets and headers): one Python object per distinct
    text of the sheet."""

    def __init__(self, columns: list, strings):
        self.strings = strings
        self.ids: dict[int, np.ndarray] = {}  # column -> id of each cell
        found = [(j, pc.dictionary_encode(c)) for j, c in enumerate(columns)
                 if isinstance(c, pa.Array) and (pa.types.is_string(c.type)
                                                 or pa.types.is_large_string(
                                                     c.type))]
        if not found:
            return
        union = pc.dictionary_encode(pa.concat_arrays(
            [e.dictionary.cast(TEXT) for _, e in found]))
        self.texts = union.dictionary
        # the id of each column's texts, then -1 for a missing cell
        sheet_id = np.append(np.asarray(union.indices, dtype=np.int64), -1)
        start = 0
        for j, encoded in found:
            at = np.asarray(encoded.indices.fill_null(-1), dtype=np.int64)
            self.ids[j] = sheet_id[np.where(at >= 0, start + at, -1)]
            start += len(encoded.dictionary)
        #: each text's number in the shared strings (-1: not met yet)
        self.number = np.full(len(self.texts), -1, np.int64)

    def cells(self, j: int, ref, rows: pa.Array, start: int,
              stop: int) -> pa.Array:
        """The cells of rows ``start:stop`` of the column ``j``."""
        ids = self.ids[j][start:stop]
        present = ids >= 0
        if not present.any():
            return pc.fill_null(pa.nulls(len(ids), TEXT), EMPTY)
        at = np.where(present, ids, 0)
        new = present & (self.number[at] < 0)
        if new.any():
            met, first = np.unique(ids[new], return_index=True)
            met = met[np.argsort(first)]  # in order of first appearance
            self.number[met] = self.strings.numbers(
                self.texts.take(pa.array(met)).to_numpy(zero_copy_only=False))
        return _numbered_cells(ref, rows, self.number[at], present,
                               self.strings)


def _numbered_cells(ref, rows: pa.Array, at: np.ndarray,
                    present: np.ndarray, strings) -> pa.Array:
    """Text cells holding the numbers ``at`` of their shared strings (with
    the quote prefix where the text begins with a trigger); empty where
    not ``present``."""
    quoted = strings.quoted[:len(strings)]
    cells = pc.binary_join_element_wise(
        ref, rows, pc.if_else(pa.array(quoted[at]), _QUOTED_CELL, _TEXT_CELL),
        pc.cast(pa.array(at), TEXT), _CLOSE, EMPTY)
    return cells if present.all() else pc.if_else(pa.array(present), cells,
                                                  EMPTY)


class _Strings:
    """The shared strings of :func:`write_plain_xlsx` (text -> number, as
    the ``dict`` of the cell-at-a-time writer: each new text the next
    number) numbered a column at a time: pandas' hash table of Python
    objects gives each value its number, the texts it has not met the
    next ones in order of first appearance."""

    def __init__(self):
        try:  # a private class of pandas: a dict if a release drops it
            from pandas._libs.hashtable import ObjectVector, PyObjectHashTable
            self.table, self._vector = PyObjectHashTable(), ObjectVector
        except ImportError:
            self.table, self._vector = None, None
        self._dict: dict[str, int] = {}
        self.texts: list[str] = []
        #: whether each text begins with a trigger (:data:`_QUOTED`)
        self.quoted = np.zeros(1024, bool)

    def __len__(self) -> int:
        return len(self.texts)

    def __iter__(self):
        return iter(self.texts)

    def setdefault(self, text: str, default=None) -> int:
        return int(self.numbers(np.array([text], dtype=object))[0])

    def numbers(self, values: np.ndarray) -> np.ndarray:
        """The number of each text of ``values`` (str or None: -1)."""
        n = len(self.texts)
        if self.table is not None:
            met = self._vector()
            codes = self.table.get_labels(values, met, n, -1)
            new = met.to_array().tolist()
        else:
            number = self._dict.setdefault
            codes = np.array([-1 if v is None else number(v, len(self._dict))
                              for v in values], dtype=np.int64)
            new = list(self._dict)[n:]
        if new:
            self.texts.extend(new)
            if len(self.texts) > len(self.quoted):
                self.quoted = np.concatenate(
                    [self.quoted, np.zeros(len(self.texts) + len(self.quoted),
                                           bool)])
            self.quoted[n:len(self.texts)] = [t[:1] in TRIGGERS for t in new]
        return codes


#: :data:`_ILLEGAL` for Arrow's regular expressions (RE2).
_ILLEGAL_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]"
_SI, _SI_END = scalar('<si><t xml:space="preserve">'), scalar("</t></si>")


def _fast_strings_xml(strings: dict, stream) -> None:
    """:func:`_strings_xml` with each block's texts escaped and wrapped by
    Arrow compute (a text holding a character XML forbids escaped by
    :func:`_escape`; a block Arrow cannot take, a text that is not valid
    UTF-8, as before)."""
    stream.write((_HEAD + f'<sst xmlns="{_NS}spreadsheetml/2006/main" '
                  f'uniqueCount="{len(strings)}">').encode())
    texts = list(strings)
    for start in range(0, len(texts), _BLOCK):
        block = texts[start:start + _BLOCK]
        try:
            text = pa.array(block, TEXT)
        except (pa.ArrowException, UnicodeError):
            stream.write("".join(
                f'<si><t xml:space="preserve">{_escape(t)}</t></si>'
                for t in block).encode())
            continue
        escaped = text
        for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"),
                         ("\r\n", "\n"), ("\r", "\n")):
            if holds(text, ord(old[0])):
                escaped = pc.replace_substring(escaped, old, new)
        if len(np.setdiff1d(holds_below(text, 0x20), [9, 10, 13])) \
                or holds(text, 0xEF):  # \ufffe and \uffff begin with EF
            illegal = np.asarray(pc.match_substring_regex(text, _ILLEGAL_RE2))
            if illegal.any():
                escaped = pc.replace_with_mask(
                    escaped, pa.array(illegal), pa.array(
                        [_escape(block[i]) for i in np.flatnonzero(illegal)],
                        TEXT))
        text = escaped
        stream.write(data_bytes(pc.binary_join_element_wise(
            _SI, text, _SI_END, EMPTY)))
    stream.write(b"</sst>")


def frame_columns(df: pd.DataFrame) -> tuple[list, list[np.ndarray]]:
    """Header and column arrays of ``df`` (already flattened: see
    :func:`graphkit.io.tables._columns`)."""
    return [str(c) for c in df.columns], [
        df.iloc[:, j].to_numpy() for j in range(df.shape[1])]
