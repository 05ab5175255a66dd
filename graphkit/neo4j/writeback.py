"""Writing graphkit's scores and suggested partnerships back into Neo4j."""
from __future__ import annotations

import uuid

import pandas as pd

from ..errors import GraphkitError
from ..model import ACTOR_LABEL, SUGGESTED_PARTNER
from ..network import ACTOR_COLUMNS
from .mapping import MANAGED, METRICS, PREFIX, neo_value
from ..progress import bar
from .push import BATCH_SIZE, _write, write_batches

RECOMMENDATION_ENDS = ("actor_id", "partner_id")


def _metric_rows(metrics: pd.DataFrame) -> tuple[list[str], list[dict]]:
    # descriptive columns (name, type, country...) are the actor's data
    metrics = metrics[[c for c in metrics.columns
                       if c not in ACTOR_COLUMNS and c != "id"]]
    names = [str(c) for c in metrics.columns]
    bad = [c for c in names if c.startswith(PREFIX)]
    if bad:
        raise GraphkitError(f"metric column(s) {bad} would overwrite "
                            f"graphkit's bookkeeping in Neo4j")
    rows = [{"id": str(i), "props": {c: neo_value(v) for c, v in zip(names, vals)}}
            for i, vals in zip(metrics.index, metrics.itertuples(index=False,
                                                                  name=None))]
    return names, rows


def _suggestion_rows(rec: pd.DataFrame) -> list[dict]:
    missing = [c for c in RECOMMENDATION_ENDS if c not in rec.columns]
    if missing:
        raise GraphkitError(f"recommendations table lacks column(s) {missing}")
    cols = [c for c in rec.columns if c not in RECOMMENDATION_ENDS]
    rows = []
    for values in rec.itertuples(index=False, name=None):
        r = dict(zip(rec.columns, values))
        props = {str(c): neo_value(r[c]) for c in cols}
        rows.append({"source": str(r["actor_id"]), "target": str(r["partner_id"]),
                     "props": props})
    return rows


def write_back(driver, metrics: pd.DataFrame | None,
               recommendations: pd.DataFrame | None, *,
               database: str | None = None, run_id: str | None = None,
               batch_size: int = BATCH_SIZE, progress: bool = False) -> dict:
    """Set the metrics as actor properties and replace the suggestions.

    Parameters
    ----------
    driver : neo4j.Driver
    metrics : DataFrame or None
        Indexed by actor id (``graphkit.analysis.analyse``); every column
        but the actor's own data (``name``, ``type``, ``country``... are
        left out) becomes a property of that name on the ``:Actor``
        (``betweenness``, ``community``, ``pagerank``...; NaN removes it). The names are also
        listed in ``graphkit_metrics`` so :func:`pull_network` leaves them
        out and the next write-back removes metrics that are gone.
    recommendations : DataFrame or None
        ``actor_id``, ``partner_id`` and the columns that become properties
        of ``(:Actor)-[:SUGGESTED_PARTNER {rank, score, reasons, programmes,
        run}]->(:Actor)`` (lists stay lists). Every ``SUGGESTED_PARTNER``
        graphkit wrote before is deleted first: the suggestions in the
        database are this run's only.
    database : str, optional
    run_id : str, optional
        The ``run`` property of the suggestions (default: a new uuid).
    batch_size : int
    progress : bool

    Returns
    -------
    dict
        ``actors_scored``, ``actors_missing`` (ids in ``metrics`` not in the
        database), ``suggestions_created``, ``suggestions_deleted``,
        ``suggestions_missing`` (an end not in the database), ``run_id``.
    """
    run_id = run_id or uuid.uuid4().hex
    out = dict(actors_scored=0, actors_missing=0, suggestions_created=0,
               suggestions_deleted=0, suggestions_missing=0, run_id=run_id)
    with driver.session(database=database) as session:
        if metrics is not None:
            names, rows = _metric_rows(metrics)
            previous = session.execute_read(lambda tx: [
                (r["id"], r["names"]) for r in tx.run(
                    f"MATCH (a:{ACTOR_LABEL}) WHERE a.{METRICS} IS NOT NULL "
                    f"RETURN a.id AS id, a.{METRICS} AS names")])
            now = set(names)
            current = {r["id"] for r in rows}
            # metrics of an earlier run that this one no longer has
            old_names = sorted({n for _, ns in previous for n in ns} - now)
            for r in rows:
                r["props"].update(dict.fromkeys(old_names))
            clear = [{"id": i, "props": dict.fromkeys(ns)}
                     for i, ns in previous if i not in current]
            set_stmt = (f"UNWIND $rows AS row MATCH (a:{ACTOR_LABEL} {{id: row.id}}) "
                        f"SET a += row.props, a.{METRICS} = $names "
                        f"RETURN count(*) AS n")
            clear_stmt = (f"UNWIND $rows AS row MATCH (a:{ACTOR_LABEL} {{id: row.id}}) "
                          f"SET a += row.props REMOVE a.{METRICS} "
                          f"RETURN count(*) AS n")
            with bar(len(rows), "neo4j write-back: metrics", progress,
                     unit="actor") as pbar:
                for chunk, n, _ in write_batches(session, set_stmt, rows,
                                                 batch_size, names=names):
                    out["actors_scored"] += n
                    out["actors_missing"] += len(chunk) - n
                    pbar.update(len(chunk))
            for _ in write_batches(session, clear_stmt, clear, batch_size):
                pass
        if recommendations is not None:
            rows = _suggestion_rows(recommendations)
            delete = (f"MATCH ()-[r:{SUGGESTED_PARTNER}]->() "
                      f"WHERE r.{MANAGED} = true WITH r LIMIT $n "
                      f"DELETE r RETURN count(*) AS n")
            while True:
                n, c = session.execute_write(_write, delete, n=batch_size)
                out["suggestions_deleted"] += c.relationships_deleted
                if c.relationships_deleted == 0:
                    break
            create = (f"UNWIND $rows AS row "
                      f"MATCH (s:{ACTOR_LABEL} {{id: row.source}}) "
                      f"MATCH (t:{ACTOR_LABEL} {{id: row.target}}) "
                      f"CREATE (s)-[r:{SUGGESTED_PARTNER}]->(t) "
                      f"SET r += row.props, r.run = $run, r.{MANAGED} = true "
                      f"RETURN count(*) AS n")
            with bar(len(rows), "neo4j write-back: suggestions", progress,
                     unit="row") as pbar:
                for chunk, n, c in write_batches(session, create, rows,
                                                 batch_size, run=run_id):
                    out["suggestions_created"] += c.relationships_created
                    out["suggestions_missing"] += len(chunk) - n
                    pbar.update(len(chunk))
    return out
