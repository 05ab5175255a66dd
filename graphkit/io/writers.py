"""Writing a network in the data contract (CSV folder, Excel, JSON) and the
rejected rows of a lenient load. Every file is written whole or not at all."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd

from ..errors import GraphkitError
from ..network import Network
from .outputs import atomic_path, staged_files
from .tables import _plain, json_text, write_csv, write_xlsx

#: The names of the two tables, as files (``<name>.csv``), sheets and JSON keys.
TABLES = ("actors", "cooperations")


def _tables(network: Network) -> dict[str, pd.DataFrame]:
    """The two tables as they are written, ``id`` first."""
    return dict(zip(TABLES, (network.actors.reset_index(),
                             network.cooperations.reset_index(drop=True))))


def _json_column(s: pd.Series) -> list:
    """A column as JSON-ready Python values (missing -> None), converted by
    pandas at once; object columns (tuples, mixed extras) cell by cell."""
    if s.dtype == object:
        return [_plain(v) for v in s]
    return s.to_numpy(dtype=object, na_value=None).tolist()


def _write_json(network: Network, path, chunk: int = 50_000) -> None:
    """``{"actors": [...], "cooperations": [...]}``, a chunk of rows at a
    time (memory stays small; floats keep their exact repr)."""
    tables = _tables(network)
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
                        + json_text(part, path, indent=None)[1:-1])
                first = False
            f.write("]")
        f.write("}\n")


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
        CSV and Excel go through the one writer and its formula guard
        (:mod:`graphkit.io.guard`): what :func:`~graphkit.io.read_network`
        reads back is what was written.

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
    if kind == "xlsx":
        return [write_xlsx(_tables(network), path)]
    with staged_files(path) as stage:
        for name, df in _tables(network).items():
            write_csv(df, stage / f"{name}.csv")
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
    return write_csv(rejects, path)
