"""Bulk load: the CSV files ``neo4j-admin database import full`` reads.

For the first load of a large network (the transactional ``push`` is for
everything after): ``actors.csv`` (``id:ID(Actor)``, ``:LABEL`` =
``Actor;<TypeLabel>``, typed properties) and ``cooperations.csv``
(``:START_ID(Actor)``, ``:END_ID(Actor)``, ``:TYPE``, typed properties).
The rows, keys, hashes and bookkeeping are push's own
(:func:`~graphkit.neo4j.mapping.actor_rows`,
:func:`~graphkit.neo4j.mapping.cooperation_rows`), so the imported graph is
the graph a push writes, and a later push finds every row unchanged.
Labels and types come only from the vocabulary. Load with::

    neo4j-admin database import full neo4j --nodes=actors.csv \\
        --relationships=cooperations.csv --multiline-fields=true
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..errors import GraphkitError
from ..io.guard import MARK, TRIGGERS, needs_mark
from ..io.outputs import staged_dir
from ..model import ACTOR_LABEL
from ..network import Network
from .mapping import RUN, actor_rows, cooperation_rows

#: the command that loads the files (printed by the CLI)
COMMAND = ("neo4j-admin database import full {database} --nodes={dir}/actors.csv "
           "--relationships={dir}/cooperations.csv --multiline-fields=true")


_KINDS = {bool: "boolean", int: "long", float: "double", list: "string[]",
          str: "string"}


def _kind(values) -> str:
    """The import type of a column from its (non-null) values."""
    kinds = {_KINDS.get(t, "string") for t in set(map(type, values))
             if t is not type(None)}
    if kinds <= {"long", "double"} and "double" in kinds:
        return "double"
    return kinds.pop() if len(kinds) == 1 else "string"


def _texts(values, kind: str, where) -> list[str]:
    """One column's cells as import text; ``where(i)`` names row ``i`` in an
    error (built only then)."""
    if kind == "boolean":
        return ["" if v is None else "true" if v else "false" for v in values]
    if kind in ("long", "double"):
        return ["" if v is None else repr(v) for v in values]
    if kind == "string[]":
        out = []
        for i, v in enumerate(values):
            if v is None:
                out.append("")
                continue
            parts = [str(x) for x in v]
            if any(";" in p for p in parts):
                raise GraphkitError(
                    f"{where(i)}: a list item holds ';', the import's array "
                    f"separator; push this network instead")
            out.append(";".join(parts))
    else:
        out = ["" if v is None else str(v) for v in values]
    for i, text in enumerate(out):
        if text and text[0] in _FIRST and needs_mark(text):
            raise GraphkitError(
                f"{where(i)}: the value begins with a character a spreadsheet "
                f"reads as a formula ({text[:1]!r}); graphkit never writes a "
                f"live formula into a CSV and the import would store a mark "
                f"with it: load this network with `graphkit neo4j push` instead")
    return out


#: first characters :func:`needs_mark` may object to (a cheap pre-check)
_FIRST = TRIGGERS | {MARK}


def _write(path: Path, fixed: list[str], fixed_rows, props: list[dict],
           what: str, ids: list[str]) -> None:
    columns = sorted({k for p in props for k in p})
    header, cells = list(fixed), []
    for c in columns:
        values = [p.get(c) for p in props]
        kind = _kind(values)
        header.append(f"{c}:{kind}")
        cells.append(_texts(values, kind,
                            lambda i, c=c: f"{what} {ids[i]!r}, column {c!r}"))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        out.writerow(header)
        out.writerows(head + list(row) for head, row in
                      zip(fixed_rows, zip(*cells) if cells else
                          ([] for _ in fixed_rows)))


def export_import(network: Network, outdir, *, run_id: str = "bulk-import"
                  ) -> list[Path]:
    """Write ``actors.csv`` and ``cooperations.csv`` for ``neo4j-admin
    database import full`` into ``outdir`` (whole or not at all).

    Raises :class:`GraphkitError` naming the actor or cooperation and the
    column of a value that cannot go into an import file as it is (a text
    a spreadsheet would read as a formula; a list item holding ``;``).
    """
    nodes = [(label, r) for label, rows in actor_rows(network).items()
             for r in rows]
    rels = [(rel, r) for rel, rows in cooperation_rows(network).items()
            for r in rows]
    with staged_dir(Path(outdir)) as stage:
        _write(stage / "actors.csv", [f"id:ID({ACTOR_LABEL})", ":LABEL"],
               [[r["id"], f"{ACTOR_LABEL};{label}"] for label, r in nodes],
               [dict(r["props"], **{RUN: run_id}) for _, r in nodes],
               "actor", [r["id"] for _, r in nodes])
        _write(stage / "cooperations.csv",
               [f":START_ID({ACTOR_LABEL})", f":END_ID({ACTOR_LABEL})", ":TYPE"],
               [[r["source"], r["target"], rel] for rel, r in rels],
               [dict(r["props"], **{RUN: run_id}) for _, r in rels],
               "cooperation", [f"{r['source']} -> {r['target']}" for _, r in rels])
    return [Path(outdir) / "actors.csv", Path(outdir) / "cooperations.csv"]
