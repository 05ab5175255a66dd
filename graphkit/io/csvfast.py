"""CSV lines made a column at a time with Arrow (the writer of
:func:`graphkit.io.tables.write_csv`).

The bytes are those pandas' ``DataFrame.to_csv(index=False,
encoding="utf-8")`` writes through Python's csv module (QUOTE_MINIMAL),
which :func:`graphkit.io.tables._write_csv_pandas` still does and the tests
compare byte for byte:

- a float is numpy's text of it (``values.astype(str)``: ``1e+16``,
  ``-0.0``, ``inf``), an integer its digits, a boolean ``True`` /
  ``False``, any other value its ``str()``; missing (None, NaN, NA, NaT)
  is empty;
- a field holding ``,``, ``"``, LF or CR is quoted, its ``"`` doubled (a
  CR sends the whole file to CRLF lines, as write_csv always did, so that
  the CR is quoted); a row that is one empty field is ``""``;
- lines end with LF, or CRLF for the whole file when it holds a CR.

:data:`BLOCK` rows are turned into text at a time (memory stays that of a
block), each block's lines written from the data buffer of one Arrow
array. A column of another kind (dates, categories, complex...) makes
:func:`write_lines` decline the file (pandas writes it).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .arrowtext import (EMPTY, TEXT, arrow_array, data_bytes, float_reprs,
                        offsets_and_data, scalar, whole_digits)
from .guard import _MARKED, csv_cells

#: Rows turned into CSV lines at once.
BLOCK = 10_000

_QUOTE, _TWO_QUOTES, _COMMA = scalar('"'), scalar('""'), scalar(",")
_TRUE, _FALSE = scalar("True"), scalar("False")
#: What makes a field quoted (the CR only matters in CRLF files, which are
#: the only files that hold one).
_QUOTED = r'[,"\n\r]'


def _kind(col: pd.Series) -> str | None:
    """How a column's cells are made: 'f' numpy float, 'i' numpy integer,
    'b' numpy bool, 'I' / 'B' nullable integer / boolean, 'a' Arrow-backed
    text, 'o' value by value; None for a kind left to pandas."""
    dtype = col.dtype
    if isinstance(dtype, np.dtype):
        if dtype.kind in "fiub":
            return "i" if dtype.kind == "u" else dtype.kind
        return "o" if dtype == object else None
    if isinstance(dtype, pd.StringDtype):
        return "a" if dtype.storage == "pyarrow" else "o"
    if isinstance(dtype, pd.core.dtypes.dtypes.BaseMaskedDtype):
        # nullable Int64/boolean: pandas writes str() of each value; a
        # nullable float goes through its astype(str): left to pandas
        return {"i": "I", "u": "I", "b": "B"}.get(dtype.kind)
    return None


def _cells(col: pd.Series, kind: str, start: int, stop: int) -> pa.Array:
    """The texts of rows ``start:stop`` of ``col`` (no nulls)."""
    if kind == "f":
        return _floats(col.to_numpy()[start:stop])
    if kind == "i":
        return pc.cast(pa.array(col.to_numpy()[start:stop]), TEXT)
    if kind == "b":
        return pc.if_else(pa.array(col.to_numpy()[start:stop]), _TRUE,
                          _FALSE)
    if kind in "IB":  # the digits of str(int), True / False; NA empty
        values = arrow_array(col.array[start:stop])
        text = pc.if_else(values, _TRUE, _FALSE) if kind == "B" \
            else pc.cast(values, TEXT)
        return pc.fill_null(text, EMPTY)
    if kind == "a":
        return _marked(pc.fill_null(
            arrow_array(col.array[start:stop]).cast(TEXT), EMPTY))
    values = np.asarray(col.array[start:stop].astype(object)) \
        if not isinstance(col.dtype, np.dtype) \
        else col.to_numpy()[start:stop]
    values = csv_cells(values)  # as tables._csv_column: str values only
    missing = pd.isna(values)
    if missing.any():
        values = values.copy()
        values[missing] = ""
    if pd.api.types.infer_dtype(values, skipna=False) != "string":
        # the csv module writes a str as it is, anything else as str()
        values = np.array([v if isinstance(v, str) else str(v)
                           for v in values], dtype=object)
    return pa.array(values, type=TEXT)


def _floats(values: np.ndarray) -> pa.Array:
    """numpy's texts of floats (``values.astype(str)``, as pandas writes
    them), NaN empty; a float64 that is a whole number below 2**53 (but
    -0.0) is written from its integer, the digits then ``.0`` (what numpy
    writes for it, made 10x faster)."""
    if values.dtype != np.float64:
        text = values.astype(str)
        text[np.isnan(values)] = ""
        return pa.array(text, type=TEXT)
    whole, text = whole_digits(values)
    if whole.all():
        return text
    rest = values[~whole]
    # numpy's text of a float64 is its repr (shortest digits, the same
    # exponent rule), which float_reprs makes twice as fast
    other = float_reprs(rest)
    nan = np.isnan(rest)
    if nan.any():
        other = pc.if_else(pa.array(nan), EMPTY, other)
    return pc.replace_with_mask(text, pa.array(~whole), other)


#: The first bytes of a text the formula guard may mark (all ASCII).
_MARK_FIRST = np.zeros(256, bool)
_MARK_FIRST[[ord(c) for c in _MARKED]] = True


def _marked(text: pa.Array) -> pa.Array:
    """``text`` with its values marked as :func:`~.guard.csv_cells` marks
    them (found by their first byte here, each one checked there)."""
    offsets, data = offsets_and_data(text)
    starts = offsets[:-1]
    if not len(data):
        return text
    first = data[np.minimum(starts, len(data) - 1)]
    hits = np.flatnonzero((offsets[1:] > starts) & _MARK_FIRST[first])
    if not len(hits):
        return text
    values = np.empty(len(hits), dtype=object)
    values[:] = text.take(hits).to_pylist()
    marked = csv_cells(values)
    if marked is values:
        return text
    where = np.zeros(len(text), bool)
    where[hits] = True
    return pc.replace_with_mask(text, pa.array(where),
                                pa.array(marked, type=TEXT))


def _quoted(text: pa.Array) -> tuple[pa.Array, bool]:
    """``text`` with each field that needs it quoted, ``"`` doubled, and
    whether it holds a CR."""
    offsets, data = offsets_and_data(text)
    raw = data[offsets[0]:offsets[-1]].tobytes()
    cr = b"\r" in raw
    if not (cr or any(c in raw for c in (b",", b'"', b"\n"))):
        return text, False
    need = pc.match_substring_regex(text, _QUOTED)
    quoted = pc.binary_join_element_wise(  # those fields only
        _QUOTE, pc.replace_substring(pc.filter(text, need), '"', '""'),
        _QUOTE, EMPTY)
    return pc.replace_with_mask(text, need, quoted), cr


def _lines(fields: list[pa.Array], end: str) -> pa.Array:
    """Each row of ``fields`` as one CSV line ending with ``end``."""
    if len(fields) == 1:  # the csv module writes a lone empty field ""
        fields = [pc.if_else(pc.equal(fields[0], EMPTY), _TWO_QUOTES,
                             fields[0])]
    last = pc.binary_join_element_wise(fields[-1], EMPTY, scalar(end))
    return pc.binary_join_element_wise(*fields[:-1], last, _COMMA)


def _write(header: list[str], cols: list[pd.Series], kinds: list[str],
           path, end: str) -> bool:
    """Write the file with lines ending ``end``; False (the file left
    unfinished) when LF lines meet a carriage return."""
    text = [k in "ao" for k in kinds]  # only texts hold , " LF or CR
    with open(path, "wb") as f:
        if not _put(f, [pa.array([h], type=TEXT) for h in header],
                    [True] * len(header), end):
            return False
        n = len(cols[0])
        for start in range(0, n, BLOCK):
            stop = min(start + BLOCK, n)
            if not _put(f, [_cells(c, k, start, stop)
                            for c, k in zip(cols, kinds)], text, end):
                return False
    return True


def _put(f, cells: list[pa.Array], text: list[bool], end: str) -> bool:
    """Write one block of rows (its cells, column by column; ``text``:
    which columns may need quotes); False when LF lines meet a CR."""
    fields, cr = [], False
    for cell, t in zip(cells, text):
        if t:
            cell, has_cr = _quoted(cell)
            cr = cr or has_cr
        fields.append(cell)
    if cr and end == "\n":
        return False
    f.write(data_bytes(_lines(fields, end)))
    return True


def write_lines(header: list[str], cols: list[pd.Series], path) -> bool:
    """Write ``header`` (the names, marked) and ``cols`` (the columns, their
    text values marked here: :func:`graphkit.io.tables._named`) to ``path``
    as CSV; False, writing nothing that counts, when pandas must write the
    file (a column of another kind, a text that is not UTF-8, a block too
    large for Arrow)."""
    kinds = [_kind(c) for c in cols]
    if not cols or None in kinds:
        return False
    try:
        return (_write(header, cols, kinds, path, "\n")
                or _write(header, cols, kinds, path, "\r\n"))
    except (pa.ArrowException, UnicodeError):
        # a lone surrogate: pandas raises its own UnicodeEncodeError
        return False
