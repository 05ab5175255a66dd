"""Reading the two tables of the data contract as they are in the file.

This layer only opens files: it detects the encoding and separator of a CSV,
reads Excel sheets and JSON lists, and returns each table as raw values with
the place every row came from. Checking the values against the contract is
:mod:`graphkit.io.contract`'s work.

A file that cannot be read at all (missing, not a CSV, no such sheet...)
raises :class:`~graphkit.errors.GraphkitError` naming the file; a problem that
concerns a whole file but still lets it be read (a missing or repeated
column) is returned as a located :class:`~graphkit.errors.Problem`.
"""
from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import math
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import GraphkitError, Problem
from .guard import csv_untext, may_hold_marks, untext_cells
from .names import fold
from .limits import (CELL_BYTES, CSV_MEMORY_FACTOR, JSON_MEMORY_FACTOR,
                     XLSX_MEMORY_FACTOR, check_memory)

TABLES = ("actors", "cooperations")
#: The one header table: every name a table (sheet, CSV file, JSON key) and
#: each of its contract columns may carry, in English and French. Names are
#: matched whatever their case, accents and surrounding spaces (see
#: :func:`graphkit.io.names.fold`); add a name here and every reader
#: knows it.
HEADERS = {
    "actors": {
        "names": ("actors", "acteurs", "actor", "acteur"),
        "columns": {
            "id": ("identifiant", "identifier", "ident"),
            "name": ("nom", "raison sociale", "denomination"),
            "type": ("type d'acteur", "actor type", "categorie"),
            "country": ("pays", "country code", "code pays"),
            "city": ("ville", "commune"),
            "region": ("région",),
            "sectors": ("secteurs", "secteur", "domaines", "domaine",
                        "sector"),
            "seeks": ("cherche", "recherche", "recherché", "besoins"),
            "lat": ("latitude",),
            "lon": ("longitude", "lng"),
            "source": ("provenance", "origine des données"),
        }},
    "cooperations": {
        "names": ("cooperations", "coopérations", "cooperation",
                  "coopération", "collaborations"),
        "columns": {
            "source": ("de", "from", "acteur source"),
            "target": ("cible", "vers", "to", "acteur cible"),
            "type": ("type de coopération", "cooperation type", "nature"),
            "year": ("année", "an", "date"),
            "programme": ("program", "dispositif"),
            "weight": ("poids", "intensité"),
            "note": ("remarque", "commentaire", "notes", "comment"),
        }},
}
#: Columns of the contract (the canonical names of :data:`HEADERS`).
CONTRACT_COLUMNS = {table: tuple(spec["columns"])
                    for table, spec in HEADERS.items()}
SEPARATORS = (";", ",", "\t")


def column_names(table: str) -> dict[str, str]:
    """Folded name -> contract column, for every name :data:`HEADERS`
    gives the columns of ``table`` (the canonical names included).

    >>> column_names("cooperations")["annee"], column_names("actors")["pays"]
    ('year', 'country')
    """
    out = {}
    for col, aliases in HEADERS[table]["columns"].items():
        for name in (col, *aliases):
            out[fold(name)] = col
    return out


def table_of(name: str) -> str | None:
    """The table a sheet, file stem or JSON key names, or None.

    >>> table_of(" Coopérations "), table_of("ACTEURS"), table_of("x")
    ('cooperations', 'actors', None)
    """
    key = fold(name)
    for table, spec in HEADERS.items():
        if key in map(fold, spec["names"]):
            return table
    return None
@dataclass
class RawTable:
    """One table as read: raw cells and where each row is in the file.

    ``df`` holds the cells as objects (``str`` for CSV; ``str``, numbers,
    booleans, lists... for Excel and JSON), stripped, with empty cells as NA.
    ``lines`` is the spreadsheet line of each row (header = 1), or None for
    JSON, where a row is an item of a list (``items`` names it).
    """
    name: str
    file: str  # how problems name the file (or sheet)
    df: pd.DataFrame
    lines: np.ndarray | None
    #: file-level problems (header): they make the whole table unusable
    problems: list[Problem] = field(default_factory=list)
    #: row-level problems found while reading: (position, column, value, reason)
    row_problems: list[tuple] = field(default_factory=list)
    all_text: bool = False  # every non-missing cell is a str (CSV)
    #: columns whose every non-missing cell is a str (all of them for CSV)
    text_columns: frozenset = frozenset()
    #: columns whose every non-missing cell is an int or float (Excel, JSON)
    number_columns: frozenset = frozenset()

    def is_text(self, column: str) -> bool:
        return self.all_text or column in self.text_columns

    def where(self, pos: int) -> tuple[str, int | None]:
        """(file, line) of the row at position ``pos``."""
        if self.lines is None:
            return f"{self.file}, {self.name}[{pos}]", None
        return self.file, int(self.lines[pos])


@dataclass
class RawInput:
    """What a reader found: the two tables and the files they came from."""
    tables: dict[str, RawTable]
    inputs: list[dict]
    format: str


# ------------------------------------------------------------------ helpers
def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise GraphkitError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise GraphkitError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise GraphkitError(f"{path}: cannot be read ({exc.strerror})") from None


def _header_names(names, table: str, file: str,
                  line: int | None = 1) -> tuple[list[str], list[Problem]]:
    """Stripped header names, contract columns in lower case, unique.

    A column without a name is called ``column_N`` (N counted from 1, as a
    spreadsheet user counts); a repeated name is a file-level problem and the
    repeat is renamed ``name_N`` so the file can still be checked.
    """
    known = column_names(table)
    out, seen, problems = [], {}, []
    for i, raw in enumerate(names, start=1):
        name = "" if raw is None else str(raw).strip()
        name = known.get(fold(name), name) or f"column_{i}"
        if name in seen:
            problems.append(Problem(file, line, name, None,
                                    f"column '{name}' appears twice in the "
                                    f"header (columns {seen[name]} and {i})"))
            name = f"{name}_{i}"
        seen.setdefault(name, i)
        out.append(name)
    return out, problems


def _missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


_NUMBER_KINDS = {int, float, type(None)}


def _clean_objects(df: pd.DataFrame) -> tuple[pd.DataFrame, frozenset,
                                               frozenset]:
    """Strip strings and turn empty cells into None, in object columns.

    Also returns the columns holding only text (str or missing) and those
    holding only numbers (int, float or missing): both are cleaned the fast
    way and converted without a per-cell Python function later.
    """
    out, text, numbers = {}, set(), set()
    for col in df.columns:
        values = df[col].to_numpy(dtype=object)
        kinds = set(map(type, values))
        missing = pd.isna(values) if len(values) else np.zeros(0, bool)
        if kinds <= {str, type(None), float} and (
                float not in kinds
                or missing[[k is float for k in map(type, values)]].all()):
            values = values.copy()
            values[missing] = ""
            out[col] = _strip_text(values)
            text.add(col)
        elif kinds <= _NUMBER_KINDS:
            values = values.copy()
            values[missing] = None
            out[col] = values
            numbers.add(col)
        else:
            out[col] = pd.Series(values, dtype=object).map(
                lambda v: None if _missing(v)
                else (v.strip() if isinstance(v, str) else v)).to_numpy(
                    dtype=object)
    return (pd.DataFrame(out, index=df.index, dtype=object), frozenset(text),
            frozenset(numbers))


def _strip_text(values: np.ndarray) -> np.ndarray:
    """Strip every str of an object array and make empty ones None.

    ``map(str.strip, ...)`` runs in C: about 0.1 s for 500 000 cells.
    """
    out = np.empty(len(values), dtype=object)
    out[:] = list(map(str.strip, values))
    out[out == ""] = None
    return out


def _clean_text(df: pd.DataFrame, marks: bool = False) -> pd.DataFrame:
    """Strip every cell (all str) and turn empty cells into None; with
    ``marks``, also drop the text marker ``'`` graphkit's formula guard
    puts before ``=``, ``+``... (:mod:`graphkit.io.guard`)."""
    clean = (lambda v: untext_cells(_strip_text(v))) if marks else _strip_text
    return pd.DataFrame({col: clean(df[col].to_numpy(dtype=object))
                         for col in df.columns}, index=df.index, dtype=object)


# ------------------------------------------------------------------ CSV
#: Well-formed UTF-8 sequences of two to four bytes: a file holding some of
#: them and also bytes that are not UTF-8 mixes two encodings.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")


def text_position(text, offset: int) -> tuple[int, int]:
    """(line, column) of ``offset`` in ``text`` (str or bytes), both counted
    from 1 as an editor shows them (a column counts characters).

    >>> text_position("ab\\ncd", 4)
    (2, 2)
    """
    nl = "\n" if isinstance(text, str) else b"\n"
    line = text.count(nl, 0, offset) + 1
    start = text.rfind(nl, 0, offset) + 1
    head = text[start:offset]
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    return line, len(head) + 1


def _undecodable(data: bytes, exc: UnicodeDecodeError, file: str,
                 encoding: str, mixed: bool) -> GraphkitError:
    line, column = text_position(data, exc.start)
    byte = data[exc.start:exc.start + 1].hex().upper()
    if mixed:
        guess = data[exc.start:exc.start + 1].decode("cp1252", "replace")
        return GraphkitError(
            f"{file}, line {line}, column {column}: byte 0x{byte} is not "
            f"{encoding} (a Windows-1252 {guess!r}?) while the rest of the "
            f"file is {encoding}: the file mixes two encodings; save it again "
            f"as UTF-8")
    return GraphkitError(f"{file}, line {line}, column {column}: byte "
                         f"0x{byte} is not {encoding} text")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Text of a CSV file and the encoding found.

    UTF-8 (with or without BOM) is tried strictly first, then UTF-16 when a
    BOM says so, then Windows-1252 (what French Excel writes), then Latin-1.
    A file that is UTF-8 in places and something else elsewhere is refused
    where the first byte that is not UTF-8 is, never decoded half wrong.

    >>> decode("é".encode("cp1252"), "x.csv")
    ('é', 'cp1252')
    >>> decode(b"\\xef\\xbb\\xbfid", "x.csv")
    ('id', 'utf-8-sig')
    """
    if data[:4] == b"PK\x03\x04":
        raise GraphkitError(f"{file}: is a zip file (an Excel workbook?), not "
                            f"a CSV file; give the .xlsx file itself instead")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise GraphkitError(f"{file}: not readable as UTF-16 text") from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:  # a BOM says UTF-8: hold it to it
            exc.start += 3
            raise _undecodable(data, exc, file, "UTF-8", True) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise _undecodable(data, exc, file, "UTF-8", True) from None
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_separator(text: str) -> str:
    """The separator of a CSV text: the most frequent of ``;``, ``,`` and
    tab on the header line (outside quotes); ``,`` when none is there.

    >>> sniff_separator('id;name;"type, kind"\\n')
    ';'
    """
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "\r\n":
            break
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def _check_text(text: str, file: str) -> None:
    """Refuse, where they are, the characters no CSV text holds: NUL, and a
    byte-order mark anywhere but at the very start."""
    for ch, what in (("\x00", "a NUL character (byte 0); the file is not a "
                              "CSV text file, or is UTF-16 without its "
                              "byte-order mark"),
                     ("\ufeff", "a byte-order mark (U+FEFF) inside the "
                                "file; two files were pasted together? "
                                "Remove it")):
        at = text.find(ch)
        if at >= 0:
            line, column = text_position(text, at)
            raise GraphkitError(f"{file}, line {line}, column {column}: "
                                f"holds {what}")


def _csv_error(text: str, sep: str, file: str, exc: csv.Error
               ) -> GraphkitError:
    """Where a strict CSV reading failed, and why, in a user's words."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep,
                        quotechar='"', strict=True)
    start, record = 1, 1
    try:
        for _ in reader:
            start, record = reader.line_num + 1, record + 1
    except csv.Error:
        pass
    end = reader.line_num
    where = f"{file}, line {record}"
    if start != record:
        where += f" (text line {start})"
    if "end of data" in str(exc):
        opened = _opening_quote(text, start)
        return GraphkitError(
            f"{where}: a double quote opened here{opened} is never closed; "
            f"every line after it up to the end of the file ({end - start} "
            f"more) would be read as part of one field. Close the quote, or "
            f"double it (\"\") if it is part of the text")
    return GraphkitError(
        f"{where}: a quoted field is followed by other characters before "
        f"the next '{sep}' (text line {end}); a double quote inside a "
        f"quoted field must be doubled (\"\")")


def _opening_quote(text: str, line: int) -> str:
    """' (column N)': where the unclosed quote of a record beginning on
    text ``line`` opens: the last quote that leaves the quotes of the
    record odd."""
    pos = 0
    for _ in range(line - 1):
        pos = text.find("\n", pos) + 1
    quoted, opened = False, None
    for i in range(pos, len(text)):
        if text[i] == '"':
            quoted = not quoted
            if quoted:
                opened = i
        elif text[i] == "\n" and not quoted:
            break
    if opened is None:
        return ""
    return f" (column {text_position(text, opened)[1]})"


def _parse(text: str, sep: str, file: str) -> list[list[str]]:
    """Every record of the text, strictly: an unclosed quote or text after a
    closing quote is refused with its line, never read silently."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep,
                               quotechar='"', strict=True))
    except csv.Error as exc:
        raise _csv_error(text, sep, file, exc) from None


def read_csv_table(path: Path, table: str) -> tuple[RawTable, dict]:
    """One CSV table of the contract, whatever its encoding and separator.

    Every record a strict CSV parser sees is a row: it is loaded, counted as
    empty (every cell empty), or flagged (its field count is not the
    header's); nothing else is refused or dropped without a located problem.
    """
    data = _read_bytes(path)
    file = path.name
    check_memory(len(data) * CSV_MEMORY_FACTOR, file)
    text, encoding = decode(data, file)
    _check_text(text, file)
    if not text.strip():
        raise GraphkitError(f"{file}: is empty; it needs at least a header "
                            f"line")
    sep = sniff_separator(text)
    records = _parse(text, sep, file)
    if not records or not any(h.strip() for h in records[0]):
        raise GraphkitError(f"{file}: the first line, the header naming the "
                            f"columns, is empty")
    header, problems = _header_names(
        [csv_untext(h.strip()) for h in records[0]], table, file)
    width = len(header)
    rows = records[1:]
    del records
    # a row with too many fields (not just empty ones after the last
    # column) or too few is flagged, never read as data silently
    wrong = [(i, len(r)) for i, r in enumerate(rows)
             if len(r) != width and any(
                 f.strip() for f in (r if len(r) < width else r[width:]))]
    if any(len(r) != width for r in rows):
        rows = [r if len(r) == width else (r + [""] * (width - len(r)))[:width]
                for r in rows]
    df = pd.DataFrame(rows, columns=header, dtype=object) if rows \
        else pd.DataFrame({c: pd.Series([], dtype=object) for c in header})
    del rows
    df = _clean_text(df, marks=may_hold_marks(text))
    lines = np.arange(2, len(df) + 2)
    keep = df.notna().any(axis=1).to_numpy().copy()
    keep[[i for i, _ in wrong]] = True
    position = np.cumsum(keep) - 1
    row_problems = [(int(position[i]), None, None,
                     f"this row has {n} field{'s' if n > 1 else ''} but the header "
                     f"has {width}; "
                     + (f"a field holding the separator '{sep}' must be in "
                        f"double quotes" if n > width else
                        "a line break inside a field that is not in double "
                        "quotes splits a row in two"))
                    for i, n in wrong]
    if not keep.all():
        df, lines = df[keep].reset_index(drop=True), lines[keep]
    raw = RawTable(table, file, df, lines, problems, row_problems,
                   all_text=True)
    info = {"path": str(path), "sha256": _sha256(data), "rows": len(df),
            "encoding": encoding, "separator": sep}
    return raw, info


def _find_file(folder: Path, table: str) -> Path:
    """``<table>.csv`` in ``folder``, or a CSV file under another name the
    header table gives it (``acteurs.csv``, ``Coopérations.csv``)."""
    exact = folder / f"{table}.csv"
    if exact.is_file():
        return exact
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() == ".csv" and p.is_file() and \
                table_of(p.stem) == table:
            return p
    raise GraphkitError(f"{folder}: has no {table}.csv; a data folder holds "
                        f"actors.csv and cooperations.csv")


def read_folder(folder: Path) -> RawInput:
    tables, inputs = {}, []
    for table in TABLES:
        raw, info = read_csv_table(_find_file(folder, table), table)
        tables[table] = raw
        inputs.append(info)
    return RawInput(tables, inputs, "csv")


# ------------------------------------------------------------------ Excel
def _sheet_rows(wb, ws):
    """(row number, cells) of every row the sheet's XML holds, each cell a
    dict (``column``, ``value``, ``data_type``, ``formula``): the real
    extent of the sheet, whatever dimension it declares (a stray cell at
    XFD1048576 costs one cell, not a billion)."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            cell["formula"] = element.find(FORMULA_TAG) is not None
            return cell

    with ws._get_source() as src:
        parser = Parser(src, ws._shared_strings, data_only=True,
                        epoch=wb.epoch, date_formats=wb._date_formats,
                        timedelta_formats=wb._timedelta_formats)
        yield from parser.parse()


def _cell_name(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter
    return f"{get_column_letter(column)}{row}"


def _read_sheet(wb, ws, table: str, file: str) -> RawTable:
    """One sheet as a raw table, read cell by cell: the header is the first
    row holding a value, and a row holding none is not data; a formula without a cached value, an error value
    and a value in a column without a header are row problems naming their
    cell."""
    header_row, header, rows = None, None, []
    for number, cells in _sheet_rows(wb, ws):
        cells = [c for c in cells if c["formula"] or c["data_type"] == "e"
                 or not _missing(c["value"])]
        if not cells:
            continue
        if header_row is None:
            width = max(c["column"] for c in cells)
            check_memory(width * CELL_BYTES * 64, file, "read (its header "
                         f"is {width} columns wide)")
            names = [None] * width
            for c in cells:
                names[c["column"] - 1] = c["value"]
            header_row, header = number, names
            continue
        rows.append((number, cells))
    if header_row is None:
        raise GraphkitError(f"{file}: is empty; it needs at least a header "
                            f"row")
    names, problems = _header_names(header, table, file, header_row)
    width = len(names)
    check_memory(len(rows) * width * CELL_BYTES, file)
    body, lines, row_problems = [], [], []
    for number, cells in rows:
        values = [None] * width
        for c in cells:
            col, value = c["column"], c["value"]
            where = _cell_name(number, col)
            name = names[col - 1] if col <= width else None
            if c["formula"] and value is None:
                row_problems.append((len(body), name, None, (
                    f"cell {where} holds a formula without a computed value "
                    f"(the workbook was written by a program, not saved by "
                    f"Excel); open and save it in Excel, or paste the values")))
            elif c["data_type"] == "e":
                row_problems.append((len(body), name, value, (
                    f"cell {where} holds the Excel error {value}, not data: "
                    f"the formula that gave it failed")))
            elif col > width:
                row_problems.append((len(body), None, value, (
                    f"cell {where} holds a value but its column has no name "
                    f"in the header (line {header_row})")))
            else:
                values[col - 1] = value
        body.append(values)
        lines.append(number)
    df = pd.DataFrame(body, columns=names, dtype=object) if body \
        else pd.DataFrame({c: pd.Series([], dtype=object) for c in names})
    df, text, numbers = _clean_objects(df)
    return RawTable(table, file, df, np.array(lines, dtype=int), problems,
                    row_problems, text_columns=text, number_columns=numbers)


def _sheets(path: Path, names: list[str]) -> dict[str, str]:
    """The sheet of each table, matched whatever its case and spaces; two
    sheets that could both be a table are refused."""
    found: dict[str, list[str]] = {}
    for name in names:
        table = table_of(name)
        if table is not None:
            found.setdefault(table, []).append(name)
    for table in TABLES:
        if len(found.get(table, ())) > 1:
            raise GraphkitError(
                f"{path.name}: sheets {' and '.join(map(repr, found[table]))}"
                f" could both be the {table} table; rename or remove one")
    missing = [t for t in TABLES if t not in found]
    if missing:
        raise GraphkitError(
            f"{path.name}: has no sheet {' or '.join(map(repr, missing))}"
            f" (its sheets: {', '.join(map(repr, names))}); the "
            f"workbook needs sheets 'actors' and 'cooperations'")
    return {t: found[t][0] for t in TABLES}


def _xlsx_size(data: bytes, file: str) -> None:
    """Refuse a workbook whose sheets, unpacked, need more memory than the
    machine has (a zip of a few KB can unpack to gigabytes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist()
                           if i.filename.startswith("xl/"))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with it
    check_memory(unpacked * XLSX_MEMORY_FACTOR, file)


def read_xlsx(path: Path) -> RawInput:
    """The sheets ``actors`` and ``cooperations`` of a workbook (names matched
    whatever their case); lines are the sheet's row numbers."""
    import openpyxl
    data = _read_bytes(path)
    _xlsx_size(data, path.name)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                    data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError,
            TypeError) as exc:
        raise GraphkitError(f"{path.name}: not readable as an Excel .xlsx "
                            f"workbook ({exc})") from None
    try:
        sheets = _sheets(path, wb.sheetnames)
        tables = {}
        rows_total = 0
        for table in TABLES:
            sheet = sheets[table]
            file = f"{path.name}, sheet {sheet}"
            try:
                raw = _read_sheet(wb, wb[sheet], table, file)
            except (KeyError, ValueError, TypeError, SyntaxError) as exc:
                raise GraphkitError(f"{file}: not readable ({exc})") from None
            tables[table] = raw
            rows_total += len(raw.df)
    finally:
        wb.close()
    return RawInput(tables, [{"path": str(path), "sha256": _sha256(data),
                              "rows": rows_total}], "xlsx")


# ------------------------------------------------------------------ JSON
def read_json(path: Path) -> RawInput:
    """``{"actors": [...], "cooperations": [...]}``; each item an object."""
    data = _read_bytes(path)
    file = path.name
    check_memory(len(data) * JSON_MEMORY_FACTOR, file)
    text = decode(data, file)[0]
    _check_text(text.replace("\x00", " "), file)  # NUL: json says where
    doc = _load_json(text, file)
    _check_surrogates(doc, text, file)
    if isinstance(doc, dict):  # French or other names of the two tables
        for key in list(doc):
            table = table_of(key)
            if table and table not in doc:
                doc[table] = doc[key]
    if not isinstance(doc, dict) or not all(
            isinstance(doc.get(t), list) for t in TABLES):
        raise GraphkitError(f"{file}: must be a JSON object with lists "
                            f"'actors' and 'cooperations'")
    if getattr(doc, "repeated", None):
        key = doc.repeated[0]
        raise GraphkitError(f"{file}: the key {key!r} appears more than once "
                            f"in the top object{_key_line(text, key)}; only "
                            f"one can be read, so neither is")
    tables, total = {}, 0
    for table in TABLES:
        items = doc[table]
        row_problems = [(i, None, None, "this item is not an object "
                         "({\"column\": value, ...})")
                        for i, item in enumerate(items)
                        if not isinstance(item, dict)]
        row_problems += [(i, item.repeated[0], None,
                          f"the key {item.repeated[0]!r} appears more than "
                          f"once in this item; only one can be read, so "
                          f"neither is")
                         for i, item in enumerate(items)
                         if getattr(item, "repeated", None)]
        items = [item if isinstance(item, dict) else {} for item in items]
        names = list(dict.fromkeys(itertools.chain.from_iterable(items)))
        header, hp = _header_names(names, table, file, None)
        if header != names:  # keys to rename (case, spaces, repeats)
            rename = dict(zip(names, header))
            items = [{rename[k]: v for k, v in item.items()}
                     for item in items]
        df = pd.DataFrame(items, columns=header, dtype=object) if items \
            else pd.DataFrame({c: pd.Series([], dtype=object) for c in header})
        df, text, numbers = _clean_objects(df.reindex(columns=header))
        tables[table] = RawTable(table, file, df, None, hp, row_problems,
                                 text_columns=text, number_columns=numbers)
        total += len(df)
    return RawInput(tables, [{"path": str(path), "sha256": _sha256(data),
                              "rows": total}], "json")


class _Object(dict):
    """A JSON object; ``repeated`` names the keys it holds more than once
    (``json`` would keep the last silently)."""
    repeated: tuple = ()


def _object(pairs):
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen, repeated = set(), []
        for key, _ in pairs:
            if key in seen and key not in repeated:
                repeated.append(key)
            seen.add(key)
        obj.repeated = tuple(repeated)
    return obj


#: digits a JSON number may have (no value of the contract needs more; and
#: Python refuses to convert integers of more than 4 300 digits)
MAX_DIGITS = 100


class _NotJSON(ValueError):
    """A value ``json`` would read but the contract refuses; ``pattern``
    finds it in the text."""
    def __init__(self, reason: str, pattern: str):
        super().__init__(reason)
        self.pattern = pattern


def _number(kind):
    def parse(text: str):
        if len(text) > MAX_DIGITS:
            raise _NotJSON(f"a number of {len(text)} characters; no value of "
                           f"the contract needs more than {MAX_DIGITS}",
                           r"[:\[,]\s*(" + re.escape(text[:MAX_DIGITS]) + ")")
        return kind(text)
    return parse


def _constant(name: str):
    raise _NotJSON(f"{name} is not a JSON value (a number JSON cannot hold)",
                   r"[:\[,]\s*(" + re.escape(name) + r")\b")


def _load_json(text: str, file: str):
    """The JSON document of ``text``: duplicate keys recorded, NaN and
    Infinity (not JSON) and numbers of more than 100 digits refused, each
    where it is."""
    try:
        return json.loads(text, object_pairs_hook=_object,
                          parse_constant=_constant, parse_int=_number(int),
                          parse_float=_number(float))
    except json.JSONDecodeError as exc:
        raise GraphkitError(f"{file}, line {exc.lineno}, column {exc.colno}: "
                            f"not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise GraphkitError(f"{file}: not readable: its values are nested "
                            f"too deep") from None
    except _NotJSON as exc:
        found = re.search(exc.pattern, text)
        where = ""
        if found:
            where = ", line {}, column {}".format(
                *text_position(text, found.start(1)))
        raise GraphkitError(f"{file}{where}: {exc}") from None
    except ValueError as exc:
        raise GraphkitError(f"{file}: not valid JSON ({exc})") from None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_surrogates(doc, text: str, file: str) -> None:
    """Refuse a lone UTF-16 surrogate written as an escape (``"\\ud800"``):
    JSON lets it through, but it is half a character, which no file can
    hold and no table can store. Says where it is."""
    if not _SURROGATE_ESCAPE.search(text):  # a pair decodes to one character
        return

    def where(node, path):
        if isinstance(node, str):
            return path if _SURROGATE.search(node) else None
        items = node.items() if isinstance(node, dict) else \
            enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(key, str) and _SURROGATE.search(key):
                return path + [(key, "key")]
            found = where(value, path + [(key, None)])
            if found:
                return found
        return None

    path = where(doc, [])
    if not path:
        return
    parts = []
    for i, (key, kind) in enumerate(path):
        if kind == "key":
            parts.append(f"a key ({ascii(key)})")
        elif isinstance(key, int):
            parts.append(f"item {key + 1}")
        elif i == 0:
            parts.append(str(key))
        else:
            parts.append(f"column {key!r}")
    raise GraphkitError(
        f"{file}: {', '.join(parts)}: holds half of a UTF-16 surrogate pair "
        f"written as an escape (\\uD800 to \\uDFFF) without its other half; "
        f"that is no character. Write the character itself or both halves")


def _key_line(text: str, key: str) -> str:
    """' (again on line N)': the line of the second ``"key":`` in text."""
    found = list(re.finditer(re.escape(json.dumps(key)) + r"\s*:", text))
    if len(found) < 2:
        return ""
    return f" (again on line {text_position(text, found[1].start())[0]})"


def read_raw(path) -> RawInput:
    """Open ``path`` (folder, .xlsx or .json) and return its raw tables."""
    path = Path(path)
    try:
        return _read_raw(path)
    except MemoryError:  # the estimates above were not enough
        raise GraphkitError(f"{path}: not enough memory to read it; split it "
                            f"into smaller files") from None


def _read_raw(path: Path) -> RawInput:
    if path.is_dir():
        return read_folder(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise GraphkitError(f"{path}: no such file or folder")
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".json":
        return read_json(path)
    if suffix == ".csv":
        raise GraphkitError(
            f"{path}: give the folder that holds actors.csv and "
            f"cooperations.csv, not one CSV file")
    raise GraphkitError(f"{path}: not a data folder, .xlsx workbook or .json "
                        f"file")
