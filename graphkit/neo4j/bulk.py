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
from ..io.guard import csv_text
from ..io.outputs import staged_dir
from ..model import ACTOR_LABEL
from ..network import Network
from .mapping import RUN, actor_rows, cooperation_rows

#: the command that loads the files (printed by the CLI)
COMMAND = ("neo4j-admin database import full {database} --nodes={dir}/actors.csv "
           "--relationships={dir}/cooperations.csv --multiline-fields=true")


def _kind(values) -> str:
    """The import type of a column from its (non-null) values."""
    kinds = set()
    for v in values:
        if v is None:
            continue
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("long")
        elif isinstance(v, float):
            kinds.add("double")
        elif isinstance(v, list):
            kinds.add("string[]")
        else:
            kinds.add("string")
    if kinds <= {"long", "double"} and "double" in kinds:
        return "double"
    return kinds.pop() if len(kinds) == 1 else "string"


def _cell(value, kind: str, where: str) -> str:
    if value is None:
        return ""
    if kind == "string[]":
        parts = [str(v) for v in value]
        if any(";" in p for p in parts):
            raise GraphkitError(f"{where}: a list item holds ';', the import's "
                                f"array separator; push this network instead")
        text = ";".join(parts)
    elif kind == "boolean":
        return "true" if value else "false"
    elif kind in ("long", "double"):
        return repr(value)
    else:
        text = str(value)
    if csv_text(text) != text:
        raise GraphkitError(
            f"{where}: the value begins with a character a spreadsheet reads "
            f"as a formula ({text[:1]!r}); graphkit never writes a live "
            f"formula into a CSV and the import would store a mark with it: "
            f"load this network with `graphkit neo4j push` instead")
    return text


def _write(path: Path, fixed: list[str], fixed_rows, props: list[dict],
           what: str, ids: list[str]) -> None:
    columns = sorted({k for p in props for k in p})
    kinds = {c: _kind(p.get(c) for p in props) for c in columns}
    header = fixed + [f"{c}:{kinds[c]}" for c in columns]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        out.writerow(header)
        for ident, head, p in zip(ids, fixed_rows, props):
            out.writerow(head + [_cell(p.get(c), kinds[c],
                                       f"{what} {ident!r}, column {c!r}")
                                 for c in columns])


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
