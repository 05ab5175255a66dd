"""The one table writer of graphkit: every CSV and Excel file it writes goes
through :func:`write_csv` and :func:`write_xlsx` (and JSON through
:func:`write_json`), each file whole or not at all, with the formula guard
of :mod:`graphkit.io.guard` (no value from the data becomes a formula)."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from .guard import csv_cells, xlsx_needs_text_style
from .outputs import atomic_path

FORMATS = ("csv", "xlsx", "json")


def _plain(value):
    """A JSON-ready Python value (NaN/NA -> None, numpy -> Python)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _cell(value):
    """A CSV / Excel cell: lists become ';'-joined text."""
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return value


def records(df: pd.DataFrame, index: bool = True) -> list[dict]:
    """Rows of ``df`` as JSON-ready dicts (the index first when named)."""
    if index and df.index.name is not None:
        df = df.reset_index()
    names = [str(c) for c in df.columns]
    if not names:
        return [{} for _ in range(len(df))]
    return [dict(zip(names, row)) for row in
            zip(*(_plain_column(df.iloc[:, j]) for j in range(df.shape[1])))]


def _plain_column(col: pd.Series) -> list:
    """A column as JSON-ready Python values, converted at once when it is a
    numpy number or boolean column (NaN -> None), else value by value."""
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "biuf":
        values = col.to_numpy()
        if values.dtype.kind != "f":
            return values.tolist()
        out = values.astype(object)
        out[np.isnan(values)] = None
        return out.tolist()
    text = _text_values(col)
    if text is not None:
        return text.tolist()
    return [_plain(v) for v in col.tolist()]


def _text_values(col: pd.Series) -> np.ndarray | None:
    """The column as an object array of ``str`` and None (missing) when
    every value present is a ``str`` (checked in C: the common text column
    needs no look value by value); None otherwise."""
    values = col.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(values, skipna=True) not in ("string",
                                                             "empty"):
        return None
    missing = pd.isna(values)
    if missing.any():
        values = values.copy()
        values[missing] = None
    return values


def _columns(df: pd.DataFrame) -> tuple[list, list[pd.Series]]:
    """Names and columns of ``df`` as a sheet shows them: a named index as
    the first column, lists ``;``-joined (repeated names kept)."""
    flat = df.reset_index() if df.index.name is not None else df
    cols = [flat.iloc[:, j] for j in range(flat.shape[1])]
    return list(flat.columns), [_cells(c) if c.dtype == object else c
                                for c in cols]


def _cells(col: pd.Series) -> pd.Series:
    """An object column with its lists ``;``-joined (:func:`_cell`); a
    column of texts as it is."""
    if pd.api.types.infer_dtype(col.to_numpy(dtype=object), skipna=True) \
            in ("string", "empty"):
        return col
    return pd.Series([_cell(v) for v in col.tolist()], index=col.index,
                     dtype=object, name=col.name)


def _is_text(col: pd.Series) -> bool:
    return col.dtype == object or isinstance(col.dtype, pd.StringDtype)


def write_csv(df: pd.DataFrame, path) -> Path:
    """Write ``df`` to ``path`` as UTF-8 CSV with a comma, whole or not at
    all; a named index becomes the first column, lists are ``;``-joined.

    Text values (and column names) that a spreadsheet would run as a
    formula get the text marker ``'`` (see :mod:`graphkit.io.guard`);
    numbers are written as they are. Lines end with LF, or with CRLF when
    a value holds a carriage return (so that it is quoted).

    >>> import tempfile, os
    >>> p = write_csv(pd.DataFrame({"name": ["=1+1", "-2.5"], "x": [-1.5, 2]}),
    ...               os.path.join(tempfile.mkdtemp(), "t.csv"))
    >>> print(p.read_text(), end="")
    name,x
    '=1+1,-1.5
    -2.5,2.0

    The file is made a column at a time (:mod:`graphkit.io.csvfast`: the
    bytes pandas' ``to_csv`` writes, 3-4x faster); a column of a kind it
    does not make (dates, categories...) sends the whole file through
    pandas.
    """
    from .csvfast import write_lines
    header, cols = _named(df)
    path = Path(path)
    with atomic_path(path) as tmp:
        if not write_lines(header, cols, tmp):
            _pandas_csv(header, [_csv_column(c) for c in cols], tmp)
    return path


def _write_csv_pandas(df: pd.DataFrame, path) -> Path:
    """:func:`write_csv` through pandas' ``to_csv`` alone (the writer the
    column-at-a-time one must match byte for byte; the tests compare)."""
    header, cols = _guarded(df)
    path = Path(path)
    with atomic_path(path) as tmp:
        _pandas_csv(header, cols, tmp)
    return path


def _named(df: pd.DataFrame) -> tuple[list[str], list[pd.Series]]:
    """The header of ``df``'s CSV (its names as texts, marked: see
    :mod:`graphkit.io.guard`) and its columns (:func:`_columns`), values
    not marked yet."""
    names, cols = _columns(df)
    return csv_cells([str(c) for c in names]).tolist(), cols


def _guarded(df: pd.DataFrame) -> tuple[list[str], list[pd.Series]]:
    """The header and the columns of ``df`` as its CSV holds them: names
    and text values marked (:func:`_csv_column`)."""
    header, cols = _named(df)
    return header, [_csv_column(c) for c in cols]


def _pandas_csv(header: list[str], cols: list[pd.Series], path) -> None:
    """``header`` and ``cols`` written by pandas' ``to_csv`` (Python's csv
    module), with CRLF for the whole file when it holds a CR."""
    guarded = pd.DataFrame(dict(enumerate(cols)),
                           index=cols[0].index if cols else None)
    guarded.columns = header
    guarded.to_csv(path, index=False, encoding="utf-8")
    if _holds_cr(path):
        # Python's csv module quotes a field holding a carriage return
        # only when the line terminator holds one; unquoted, the CR
        # would split the row for every reader.
        guarded.to_csv(path, index=False, encoding="utf-8",
                       lineterminator="\r\n")


def _csv_column(col: pd.Series) -> pd.Series:
    """A column with its text values marked (:func:`~.guard.csv_cells`);
    numbers, and text columns with nothing to mark, as they are."""
    if not _is_text(col):
        return col
    values = col.to_numpy(dtype=object)
    marked = csv_cells(values)
    if marked is values:
        return col
    return pd.Series(marked, index=col.index, dtype=object)


def _holds_cr(path, chunk: int = 1 << 24) -> bool:
    with open(path, "rb") as f:
        while block := f.read(chunk):
            if b"\r" in block:
                return True
    return False


def _xlsx_value(value):
    """A cell value openpyxl stores as it is: numbers as numbers, missing as
    an empty cell, lists ``;``-joined, anything else as its text."""
    if isinstance(value, str):
        return str(value)  # numpy's str_ too: the guard looks for str
    value = _plain(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return _cell(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if hasattr(value, "isoformat"):  # dates and times: openpyxl's own type
        return value
    return str(value)


def _xlsx_column(col: pd.Series) -> list:
    if col.dtype.kind in "biuf":
        return col.astype(object).where(col.notna(), None).tolist()
    return [_xlsx_value(v) for v in col.tolist()]


def _text_cells(ws, row: list) -> list:
    """A row for ``ws.append``: a text that begins with a trigger character
    becomes a cell typed text (never ``f``) with Excel's quote prefix."""
    if not any(v.__class__ is str and xlsx_needs_text_style(v) for v in row):
        return row
    from openpyxl.cell import WriteOnlyCell
    out = []
    for v in row:
        if v.__class__ is str and xlsx_needs_text_style(v):
            v = _as_text(WriteOnlyCell(ws, value=v))
        out.append(v)
    return out


def _as_text(cell):
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def write_xlsx(sheets: Mapping[str, pd.DataFrame], path, *,
               style: Callable | None = None) -> Path:
    """Write each DataFrame of ``sheets`` as a sheet of the workbook
    ``path`` (header row first), whole or not at all.

    A named index becomes the first column, lists are ``;``-joined, missing
    values are empty cells, numbers stay numbers and every text is a text
    cell, never a formula (see :mod:`graphkit.io.guard`). Sheet names are
    cut to Excel's 31 characters.

    Without ``style`` the sheets are streamed a column at a time
    (:mod:`graphkit.io.xlsx`: time and memory stay small). With ``style``, ``style(name, worksheet)`` is
    called for each sheet once its rows are in, to set fonts, fills, number
    formats, widths...; any cell it leaves holding a formula is turned back
    into text.

    >>> import tempfile, os, openpyxl
    >>> p = write_xlsx({"t": pd.DataFrame({"name": ["=1+1"], "x": [-2.5]})},
    ...                os.path.join(tempfile.mkdtemp(), "t.xlsx"))
    >>> [(c.value, c.data_type) for c in openpyxl.load_workbook(p)["t"][2]]
    [('=1+1', 's'), (-2.5, 'n')]
    """
    path = Path(path)
    if style is None:
        with atomic_path(path) as tmp:
            _stream_xlsx(sheets, tmp)
        return path
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(str(name)[:31])
        names, cols = _columns(df)
        ws.append(_text_cells(ws, [_xlsx_value(c) for c in names]))
        for row in zip(*map(_xlsx_column, cols)):
            ws.append(_text_cells(ws, list(row)))
        style(name, ws)
        for cells in ws.iter_rows():
            for cell in cells:
                if cell.data_type == "f":
                    _as_text(cell)
    if not sheets:
        wb.create_sheet("Sheet1")
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _stream_xlsx(sheets: Mapping[str, pd.DataFrame], path) -> None:
    """The unstyled workbook through :func:`graphkit.io.xlsx.write_plain_xlsx`
    (a column at a time: 10-40x faster than openpyxl's write-only mode; an
    Arrow-backed text column given as its Arrow array)."""
    from .xlsx import write_plain_xlsx
    write_plain_xlsx(_sheet_tables(sheets, _arrow_sheet_column), path)


def _stream_xlsx_cells(sheets: Mapping[str, pd.DataFrame], path) -> None:
    """:func:`_stream_xlsx` by the former cell-at-a-time writer (whose bytes
    the column-at-a-time one must match; the tests compare)."""
    from .xlsx import _write_plain_xlsx_cells
    _write_plain_xlsx_cells(_sheet_tables(sheets, _sheet_column), path)


def _sheet_tables(sheets: Mapping[str, pd.DataFrame], column) -> dict:
    tables = {}
    for name, df in sheets.items():
        names, cols = _columns(df)
        tables[name] = ([_xlsx_value(c) for c in names],
                        [column(c) for c in cols])
    return tables


def _arrow_sheet_column(col: pd.Series):
    """:func:`_sheet_column`, but an Arrow-backed text column, a nullable
    integer or boolean one as its Arrow array (its missing values null)."""
    dtype = col.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow" \
            or isinstance(dtype, pd.core.dtypes.dtypes.BaseMaskedDtype) \
            and dtype.kind in "iub":
        from .arrowtext import TEXT, arrow_array
        values = arrow_array(col.array)
        return values.cast(TEXT) if dtype.kind not in "iub" else values
    return _sheet_column(col)


def _sheet_column(col: pd.Series) -> np.ndarray:
    """A column's cell values: a numpy number or boolean column as it is,
    any other as Python values (:func:`_xlsx_value`)."""
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "biuf":
        return col.to_numpy()
    text = _text_values(col)
    if text is not None:
        return text
    out = np.empty(len(col), dtype=object)
    out[:] = [_xlsx_value(v) for v in col.tolist()]
    return out


def _not_finite(obj, where: str = "") -> str | None:
    """Where the first infinite or NaN number of ``obj`` is ('rows[3].x')."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return where or "the value"
    if isinstance(obj, dict):
        items = obj.items()
    elif isinstance(obj, (list, tuple)):
        items = ((f"[{i}]", v) for i, v in enumerate(obj))
    else:
        return None
    for key, value in items:
        key = str(key)
        found = _not_finite(value, where + (key if key.startswith("[") else
                                            ("." if where else "") + key))
        if found:
            return found
    return None


def json_text(obj, file, indent: int | None = 1) -> str:
    """``obj`` as JSON text, always valid JSON: a number that is infinite or
    NaN (which JSON cannot hold) raises a GraphkitError naming ``file`` and
    where the number is, never writes ``Infinity``."""
    try:
        return json.dumps(obj, ensure_ascii=False, indent=indent,
                          allow_nan=False)
    except ValueError:
        from ..errors import GraphkitError
        raise GraphkitError(f"{Path(file).name}: {_not_finite(obj)} is not a "
                            f"finite number, which JSON cannot hold") \
            from None


def write_json(obj, path) -> Path:
    """Write ``obj`` (JSON-ready: see :func:`records`) as indented UTF-8
    JSON, whole or not at all. Values are kept exactly, never marked; a
    number JSON cannot hold refuses the file (see :func:`json_text`)."""
    path = Path(path)
    text = json_text(obj, path)
    with atomic_path(path) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
    return path


#: Rows of a table turned into JSON at once (:func:`write_rows_json`).
JSON_CHUNK = 20_000


def write_rows_json(meta: dict, rows, path) -> Path:
    """``{"meta": meta, "rows": rows}`` as UTF-8 JSON, one row a line (the
    rows through the C encoder: Python's indenting encoder is 10x slower
    on a large table), whole or not at all; a number JSON cannot hold
    refuses the file (see :func:`json_text`). ``rows`` is a list of
    JSON-ready dicts or a DataFrame, whose rows (its :func:`records`) are
    encoded a column at a time and written :data:`JSON_CHUNK` rows at a
    time (the text of the whole table never held at once): each column's
    texts at once with Arrow compute and the rows joined by Arrow
    (:func:`_arrow_row_texts`) where it can, else as
    :func:`_write_rows_json_texts` does (the same bytes)."""
    if not isinstance(rows, pd.DataFrame):
        return _write_rows_json_texts(meta, rows, path)
    from .arrowtext import data_bytes
    path = Path(path)
    head = _rows_head(meta, path)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            f.write(head.encode("utf-8"))
            if not len(rows):
                f.write(b"]}\n")
                return path
            for i in range(0, len(rows), JSON_CHUNK):
                chunk = rows.iloc[i:i + JSON_CHUNK]
                lines = _arrow_row_texts(chunk)
                if lines is None:  # each row followed by ",\n"
                    f.write(("".join(t + ",\n" for t in _chunk_texts(
                        chunk, path))).encode("utf-8"))
                else:
                    f.write(data_bytes(lines))
            f.seek(-2, 2)  # the last row's ",\n"
            f.truncate()
            f.write(b"\n]}\n")
    return path


def _rows_head(meta: dict, path) -> str:
    """The file of :func:`write_rows_json` up to its first row."""
    head = json_text({"meta": meta}, path)
    return head[:head.rindex("}")].rstrip() + ',\n "rows": [\n'


def _write_rows_json_texts(meta: dict, rows, path) -> Path:
    """:func:`write_rows_json` a row text at a time (:func:`_chunk_texts`:
    the former writer, whose bytes the Arrow one must match; the tests
    compare), and the writer of a list of rows."""
    path = Path(path)
    if isinstance(rows, pd.DataFrame):
        chunks = (rows.iloc[i:i + JSON_CHUNK]
                  for i in range(0, len(rows), JSON_CHUNK))
    else:
        chunks = iter([rows] if len(rows) else [])
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(_rows_head(meta, path))
            sep = ""
            for chunk in chunks:
                f.write(sep + ",\n".join(_chunk_texts(chunk, path)))
                sep = ",\n"
            f.write("\n]}\n" if len(rows) else "]}\n")
    return path


def _chunk_texts(rows, path) -> list[str]:
    """The JSON text of each row of ``rows`` (a DataFrame: a column at a
    time where :func:`_row_texts` can, else row by row; or a list of
    dicts)."""
    lines = _row_texts(rows) if isinstance(rows, pd.DataFrame) else None
    if lines is not None:
        return lines
    if isinstance(rows, pd.DataFrame):
        rows = records(rows)
    try:  # one encoder for every row (json.dumps with options builds one
        return list(map(_ENCODE_ROW, rows))  # per call)
    except ValueError:  # the number JSON cannot hold, named
        return [json_text(r, path, indent=None) for r in rows]


_ENCODE_ROW = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
_TEXT = json.encoder.encode_basestring  # a str as JSON (ensure_ascii=False)


def _row_texts(df: pd.DataFrame) -> list[str] | None:
    """The JSON text of each row of :func:`records` ``(df)``, exactly as
    the encoder writes it, made a column at a time (each value of a
    column of texts, numbers or booleans through one C call, no dict per
    row); None when :func:`records` must be encoded row by row (repeated
    or no column names, a number JSON cannot hold)."""
    df, names = _named_columns(df)
    if names is None:
        return None
    cols = []
    for j in range(df.shape[1]):
        texts = _value_texts(_plain_column(df.iloc[:, j]))
        if texts is None:
            return None
        cols.append(texts)
    template = "{" + ", ".join(_TEXT(n).replace("%", "%%") + ": %s"
                               for n in names) + "}"
    return [template % row for row in zip(*cols)]


def _named_columns(df: pd.DataFrame) -> tuple[pd.DataFrame, list | None]:
    """``df`` with its named index as its first column, and its column
    names as texts (None when some repeat, or there are none: the rows
    are then encoded row by row)."""
    if df.index.name is not None:
        df = df.reset_index()
    names = [str(c) for c in df.columns]
    return df, (names if names and len(set(names)) == len(names) else None)


def _value_texts(values: list) -> list[str] | None:
    """The JSON text of each value of a column (:func:`_plain_column`),
    through one C call each; None when the column must be encoded row by
    row (a number JSON cannot hold: refused with its place)."""
    kinds = set(map(type, values)) - {type(None)}
    if kinds <= {str}:
        return [_NULL if v is None else _TEXT(v) for v in values]
    if kinds <= {bool}:
        return [_NULL if v is None else "true" if v else "false"
                for v in values]
    if kinds <= {int} or kinds <= {float}:
        if float in kinds and not all(
                math.isfinite(v) for v in values if v is not None):
            return None  # refused, with its place, row by row
        return [_NULL if v is None else v.__repr__() for v in values]
    try:
        return list(map(_ENCODE_ROW, values))
    except ValueError:
        return None


_NULL = "null"


def _arrow_row_texts(df: pd.DataFrame):
    """:func:`_row_texts` as one Arrow array, each row's text followed by
    ``,\\n``: each column's texts made at once (:func:`_arrow_texts`), the
    rows joined element-wise between the names' texts; None when
    :func:`_chunk_texts` must make them (repeated or no column names, a
    number JSON cannot hold, a text Arrow cannot take)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from .arrowtext import EMPTY, TEXT, scalar
    df, names = _named_columns(df)
    if names is None:
        return None
    pieces = []
    for j, name in enumerate(names):
        try:
            texts = _arrow_texts(df.iloc[:, j])
        except (pa.ArrowException, UnicodeError):
            return None  # a lone surrogate: the former path raises
        if texts is None:
            return None
        pieces += [scalar(("{" if j == 0 else ", ") + _TEXT(name) + ": "),
                   texts]
    return pc.binary_join_element_wise(*pieces, scalar("},\n"), EMPTY)


def _arrow_texts(col: pd.Series):
    """The JSON texts of a column (:func:`_value_texts`) as one Arrow array
    of no nulls: a numpy number or boolean column, a nullable integer or
    boolean one, and a column of texts by Arrow compute (a float through
    :func:`~.arrowtext.float_reprs`: ``repr``'s text); any other column
    value by value; None for a number JSON cannot hold."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from .arrowtext import TEXT, arrow_array, float_reprs, scalar
    null = scalar(_NULL)
    dtype = col.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        values = col.to_numpy()
        if dtype.kind == "b":
            return pc.if_else(pa.array(values), scalar("true"),
                              scalar("false"))
        if dtype.kind in "iu":
            return pc.cast(pa.array(values), TEXT)
        nan = np.isnan(values)
        if np.isinf(values).any():
            return None  # refused, with its place, row by row
        text = float_reprs(np.where(nan, 0, values))
        return pc.if_else(pa.array(nan), null, text) if nan.any() else text
    if isinstance(dtype, pd.core.dtypes.dtypes.BaseMaskedDtype) \
            and dtype.kind in "iub":
        values = pa.array(col.array)
        text = pc.if_else(values, scalar("true"), scalar("false")) \
            if dtype.kind == "b" else pc.cast(values, TEXT)
        return pc.fill_null(text, null)
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return _json_strings(arrow_array(col.array).cast(TEXT))
    values = _text_values(col) if _is_text(col) else None
    if values is not None:
        return _json_strings(pa.array(values, TEXT))
    texts = _value_texts(_plain_column(col))
    return None if texts is None else pa.array(texts, TEXT)


def _json_strings(values):
    """``encode_basestring`` (:data:`_TEXT`) of each text of ``values`` (an
    Arrow array), ``null`` for a null: backslashes and quotes escaped by
    Arrow, a text holding a control character by :data:`_TEXT` itself."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from .arrowtext import EMPTY, TEXT, holds, holds_below, scalar
    quote = scalar('"')
    text = values
    for char, escaped in (("\\", "\\\\"), ('"', '\\"')):
        if holds(values, ord(char)):
            text = pc.replace_substring(text, char, escaped)
    text = pc.binary_join_element_wise(quote, text, quote, EMPTY)
    if len(holds_below(values, 0x20)):
        control = np.asarray(pc.fill_null(
            pc.match_substring_regex(values, r"[\x00-\x1f]"), False))
        text = pc.replace_with_mask(text, pa.array(control), pa.array(
            [_TEXT(v) for v in values.filter(pa.array(control)).to_pylist()],
            TEXT))
    return pc.fill_null(text, scalar(_NULL))


def write_table(df: pd.DataFrame, outdir, stem: str,
                formats: Iterable[str] = FORMATS, meta: dict | None = None,
                sheet: str | None = None) -> list[Path]:
    """Write ``df`` as ``outdir/stem.csv``, ``.xlsx`` and ``.json``.

    The JSON file is ``{"meta": meta, "rows": [...]}``, so the parameters
    a table was computed with travel with it. CSV is UTF-8 with a comma.
    CSV and Excel go through :func:`write_csv` and :func:`write_xlsx`.

    Returns the paths written.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = outdir / f"{stem}.{fmt}"
        if fmt == "csv":
            write_csv(df, path)
        elif fmt == "xlsx":
            write_xlsx({sheet or stem: df}, path)
        elif fmt == "json":
            write_rows_json(_plain(meta or {}), df, path)
        else:
            raise ValueError(f"unknown table format {fmt!r}")
        written.append(path)
    return written


def write_summary(summary: dict, outdir) -> list[Path]:
    """Write ``summary.json`` (every entry; tables as lists of rows) and
    ``summary.xlsx`` (a ``network`` sheet of the numbers, then one sheet per
    table) of :func:`graphkit.analysis.summarise`. Each file whole or not at
    all. Returns the paths written."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    tables = {k: v for k, v in summary.items() if isinstance(v, pd.DataFrame)}
    scalars = {k: v for k, v in summary.items()
               if not isinstance(v, pd.DataFrame)}
    payload = {k: _plain(v) for k, v in scalars.items()}
    payload.update({k: records(v) for k, v in tables.items()})
    numbers = pd.DataFrame(
        [(k, v if not isinstance(v, (list, dict)) else json.dumps(_plain(v)))
         for k, v in scalars.items()], columns=["measure", "value"])
    return [write_json(payload, outdir / "summary.json"),
            write_xlsx({"network": numbers, **tables},
                       outdir / "summary.xlsx")]
