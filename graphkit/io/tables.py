"""Writing result tables (metrics, gaps, recommendations...) as CSV, Excel
and JSON, each file whole or not at all. One writer for every table."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

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
    return [{k: _plain(v) for k, v in row.items()}
            for row in df.to_dict("records")]


def write_table(df: pd.DataFrame, outdir, stem: str,
                formats: Iterable[str] = FORMATS, meta: dict | None = None,
                sheet: str | None = None) -> list[Path]:
    """Write ``df`` as ``outdir/stem.csv``, ``.xlsx`` and ``.json``.

    The JSON file is ``{"meta": meta, "rows": [...]}``, so the parameters
    a table was computed with travel with it. CSV is UTF-8 with a comma.

    Returns the paths written.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    flat = df.reset_index() if df.index.name is not None else df
    flat = flat.apply(lambda col: col.map(_cell)
                      if col.dtype == object else col)
    written = []
    for fmt in formats:
        path = outdir / f"{stem}.{fmt}"
        with atomic_path(path) as tmp:
            if fmt == "csv":
                flat.to_csv(tmp, index=False, encoding="utf-8")
            elif fmt == "xlsx":
                with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                    flat.to_excel(xw, sheet_name=(sheet or stem)[:31],
                                  index=False)
            elif fmt == "json":
                payload = {"meta": _plain(meta or {}),
                           "rows": records(df)}
                Path(tmp).write_text(json.dumps(payload, ensure_ascii=False,
                                                indent=1), encoding="utf-8")
            else:
                raise ValueError(f"unknown table format {fmt!r}")
        written.append(path)
    return written
