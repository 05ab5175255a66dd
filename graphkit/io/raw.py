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
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import GraphkitError, Problem
from .guard import csv_untext, may_hold_marks, untext_cells
from .names import fold

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


def _drop_empty_rows(df: pd.DataFrame, lines: np.ndarray | None):
    """Rows where every cell is empty are not data (trailing Excel rows)."""
    keep = df.notna().any(axis=1).to_numpy()
    if keep.all():
        return df, lines
    return (df[keep].reset_index(drop=True),
            None if lines is None else lines[keep])


# ------------------------------------------------------------------ CSV
def decode(data: bytes, file: str) -> tuple[str, str]:
    """Text of a CSV file and the encoding found.

    UTF-8 (with or without BOM) is tried strictly first, then UTF-16 when a
    BOM says so, then Windows-1252 (what French Excel writes), then Latin-1.

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
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
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


def _parse_fast(text: str, sep: str, width: int) -> pd.DataFrame | None:
    """pandas' C parser, all cells as str; None when a row is wider than
    the header (pandas would drop or shift its extra fields)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            df = pd.read_csv(io.StringIO(text), sep=sep, quotechar='"',
                             header=0, dtype=object, na_filter=False,
                             keep_default_na=False, skip_blank_lines=False,
                             index_col=False, engine="c")
        except (pd.errors.ParserError, pd.errors.ParserWarning,
                pd.errors.EmptyDataError):
            return None
    return df if df.shape[1] == width else None


def _parse_careful(text: str, sep: str, width: int, file: str):
    """Python's csv module: every row, the wide ones flagged."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep,
                               quotechar='"'))[1:]
    except csv.Error as exc:
        raise GraphkitError(f"{file}: not readable as CSV ({exc})") from None
    too_long = [(i, len(r)) for i, r in enumerate(rows)
                if len(r) > width and any(f.strip() for f in r[width:])]
    fixed = [r if len(r) == width else (r + [""] * (width - len(r)))[:width]
             for r in rows]
    df = pd.DataFrame(fixed, columns=range(width), dtype=object) if fixed \
        else pd.DataFrame({c: pd.Series([], dtype=object)
                           for c in range(width)})
    return df, too_long


def read_csv_table(path: Path, table: str) -> tuple[RawTable, dict]:
    """One CSV table of the contract, whatever its encoding and separator."""
    data = _read_bytes(path)
    file = path.name
    text, encoding = decode(data, file)
    if "\x00" in text:
        raise GraphkitError(f"{file}: holds NUL bytes; it is not a CSV text "
                            f"file")
    if not text.strip():
        raise GraphkitError(f"{file}: is empty; it needs at least a header "
                            f"line")
    sep = sniff_separator(text)
    try:
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except (csv.Error, StopIteration) as exc:
        raise GraphkitError(f"{file}: not readable as CSV ({exc})") from None
    if not any(h.strip() for h in header):
        raise GraphkitError(f"{file}: the first line, the header naming the "
                            f"columns, is empty")
    header, problems = _header_names([csv_untext(h.strip()) for h in header],
                                     table, file)
    width = len(header)
    df, too_long = _parse_fast(text, sep, width), []
    if df is None:  # rows wider than the header: the careful, slower way
        df, too_long = _parse_careful(text, sep, width, file)
    df.columns = header
    df = _clean_text(df, marks=may_hold_marks(text))
    lines = np.arange(2, len(df) + 2)
    keep = df.notna().any(axis=1).to_numpy().copy()
    keep[[i for i, _ in too_long]] = True
    position = np.cumsum(keep) - 1
    # a row with too many fields is flagged, never read as data silently
    row_problems = [(int(position[i]), None, None,
                     f"this row has {n} fields but the header has {width}; a "
                     f"field holding the separator '{sep}' must be in double "
                     f"quotes") for i, n in too_long]
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
def read_xlsx(path: Path) -> RawInput:
    """The sheets ``actors`` and ``cooperations`` of a workbook (names matched
    whatever their case); lines are the sheet's row numbers."""
    import openpyxl
    data = _read_bytes(path)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                    data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise GraphkitError(f"{path.name}: not readable as an Excel .xlsx "
                            f"workbook ({exc})") from None
    try:
        sheets = {}
        for name in wb.sheetnames:
            sheets.setdefault(table_of(name), name)
        missing = [t for t in TABLES if t not in sheets]
        if missing:
            raise GraphkitError(
                f"{path.name}: has no sheet {' or '.join(map(repr, missing))}"
                f" (its sheets: {', '.join(map(repr, wb.sheetnames))}); the "
                f"workbook needs sheets 'actors' and 'cooperations'")
        tables = {}
        rows_total = 0
        for table in TABLES:
            sheet = sheets[table]
            file = f"{path.name}, sheet {sheet}"
            rows = [list(r) for r in wb[sheet].iter_rows(min_row=1,
                                                        values_only=True)]
            start = next((i for i, r in enumerate(rows)
                          if any(not _missing(v) for v in r)), None)
            if start is None:
                raise GraphkitError(f"{file}: is empty; it needs at least a "
                                    f"header row")
            header, problems = _header_names(rows[start], table, file,
                                             start + 1)
            width = len(header)
            body = [(r + [None] * width)[:width] for r in rows[start + 1:]]
            df = pd.DataFrame(body, columns=header, dtype=object) if body \
                else pd.DataFrame({c: pd.Series([], dtype=object)
                                   for c in header})
            df, text, numbers = _clean_objects(df)
            lines = np.arange(start + 2, start + 2 + len(df))
            df, lines = _drop_empty_rows(df, lines)
            tables[table] = RawTable(table, file, df, lines, problems,
                                     text_columns=text,
                                     number_columns=numbers)
            rows_total += len(df)
    finally:
        wb.close()
    return RawInput(tables, [{"path": str(path), "sha256": _sha256(data),
                              "rows": rows_total}], "xlsx")


# ------------------------------------------------------------------ JSON
def read_json(path: Path) -> RawInput:
    """``{"actors": [...], "cooperations": [...]}``; each item an object."""
    data = _read_bytes(path)
    file = path.name
    try:
        doc = json.loads(decode(data, file)[0])
    except (json.JSONDecodeError, RecursionError) as exc:
        raise GraphkitError(f"{file}: not valid JSON ({exc})") from None
    if isinstance(doc, dict):
        for key in list(doc):
            table = table_of(key)
            if table and table not in doc:
                doc[table] = doc[key]
    if not isinstance(doc, dict) or not all(
            isinstance(doc.get(t), list) for t in TABLES):
        raise GraphkitError(f"{file}: must be a JSON object with lists "
                            f"'actors' and 'cooperations'")
    tables, total = {}, 0
    for table in TABLES:
        items = doc[table]
        row_problems = [(i, None, None, "this item is not an object "
                         "({\"column\": value, ...})")
                        for i, item in enumerate(items)
                        if not isinstance(item, dict)]
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


def read_raw(path) -> RawInput:
    """Open ``path`` (folder, .xlsx or .json) and return its raw tables."""
    path = Path(path)
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
