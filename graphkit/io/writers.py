"""Writing a network in the data contract (CSV folder, Excel, JSON) and the
rejected rows of a lenient load. Every file is written whole or not at all."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd

from ..errors import GraphkitError
from ..network import Network
from .outputs import atomic_path, staged_dir
from .tables import _cell, _plain

#: The names of the two tables, as files (``<name>.csv``), sheets and JSON keys.
TABLES = ("actors", "cooperations")


def _flat_tables(network: Network) -> dict[str, pd.DataFrame]:
    """The two tables as they are written: ``id`` first, lists ``;``-joined."""
    actors = network.actors.reset_index()
    coops = network.cooperations.reset_index(drop=True)
    out = {}
    for name, df in zip(TABLES, (actors, coops)):
        out[name] = df.apply(lambda col: col.map(_cell)
                             if col.dtype == object else col)
    return out


def _json_column(s: pd.Series) -> list:
    """A column as JSON-ready Python values (missing -> None), converted by
    pandas at once; object columns (tuples, mixed extras) cell by cell."""
    if s.dtype == object:
        return [_plain(v) for v in s]
    return s.to_numpy(dtype=object, na_value=None).tolist()


def _write_json(network: Network, path, chunk: int = 50_000) -> None:
    """``{"actors": [...], "cooperations": [...]}``, a chunk of rows at a
    time (memory stays small; floats keep their exact repr)."""
    tables = {"actors": network.actors.reset_index(),
              "cooperations": network.cooperations.reset_index(drop=True)}
    with open(path, "w", encoding="utf-8") as f:
        f.write("{")
        for k, (name, df) in enumerate(tables.items()):
            f.write(("," if k else "") + json.dumps(name) + ":[")
            names = [str(c) for c in df.columns]
            rows = zip(*(_json_column(df[c]) for c in df.columns))
            first = True
            while True:
                part = [dict(zip(names, r))
                        for r in itertools.islice(rows, chunk)]
                if not part:
                    break
                f.write(("" if first else ",")
                        + json.dumps(part, ensure_ascii=False)[1:-1])
                first = False
            f.write("]")
        f.write("}\n")


def _write_xlsx(flat: dict[str, pd.DataFrame], path) -> None:
    """openpyxl in write-only mode: rows streamed, memory stays small."""
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    for name, df in flat.items():
        ws = wb.create_sheet(name)
        ws.append([str(c) for c in df.columns])
        cols = [df[c].astype(object).where(df[c].notna(), None).tolist()
                for c in df.columns]
        for row in zip(*cols):
            ws.append(row)
    wb.save(path)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".json"):
        return suffix[1:]
    if suffix in ("", ) or path.is_dir():
        return "folder"
    raise GraphkitError(
        f"{path}: cannot tell how to write it; give a folder, a .xlsx or a "
        f".json path")


def write_network(network: Network, path) -> list[Path]:
    """Write ``network`` in the data contract and return the files written.

    Parameters
    ----------
    network : Network
        The network to write.
    path : str or Path
        A folder (``actors.csv`` + ``cooperations.csv``: UTF-8, comma,
        ``;``-joined ``sectors`` / ``seeks``, extra columns kept), an
        ``.xlsx`` workbook (sheets ``actors`` and ``cooperations``) or a
        ``.json`` file (``{"actors": [...], "cooperations": [...]}``).

    Returns
    -------
    list of Path
        The files written. A folder's two files appear together or not at
        all; a workbook or JSON file appears whole or not at all.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "s"], "name": ["Pôle", "PME"],
    ...                   "type": ["pole", "sme"], "country": ["FR", "FR"]})
    >>> c = pd.DataFrame({"source": ["s"], "target": ["p"], "type": ["member_of"]})
    >>> [p.name for p in write_network(Network(a, c), tempfile.mkdtemp())]
    ['actors.csv', 'cooperations.csv']
    """
    path = Path(path)
    kind = _kind(path)
    if kind == "json":
        with atomic_path(path) as tmp:
            _write_json(network, tmp)
        return [path]
    flat = _flat_tables(network)
    if kind == "xlsx":
        with atomic_path(path) as tmp:
            _write_xlsx(flat, tmp)
        return [path]
    with staged_dir(path) as stage:
        for name, df in flat.items():
            df.to_csv(stage / f"{name}.csv", index=False, encoding="utf-8")
    return [path / f"{name}.csv" for name in TABLES]


def write_rejects(rejects: pd.DataFrame, path) -> Path:
    """Write the rejected rows of a lenient load to ``path`` (UTF-8 CSV).

    ``rejects`` has the columns ``file, line, column, value, reason`` then
    the raw fields of each rejected row (see :func:`graphkit.io.read_network`).

    >>> import tempfile, os, pandas as pd
    >>> r = pd.DataFrame({"file": ["actors.csv"], "line": [3], "column": ["type"],
    ...                   "value": ["?"], "reason": ["unknown actor type"]})
    >>> write_rejects(r, os.path.join(tempfile.mkdtemp(), "rejects.csv")).name
    'rejects.csv'
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        rejects.to_csv(tmp, index=False, encoding="utf-8")
    return path
