"""The one declaration of how a :class:`~graphkit.network.Network` lives in
Neo4j, and the Cypher generated from it.

Nodes
    ``(:Actor:<TypeLabel> {id, name, type, country, city, region, sectors,
    seeks, lat, lon, source, <extra columns>})`` — the type label is
    ``ACTOR_TYPES[type].label``; ``sectors`` and ``seeks`` are lists of
    strings; a missing value is an absent property.
Relationships
    ``(source)-[:<REL_TYPE> {key, year, programme, weight, note, <extras>}]->(target)``
    with ``COOPERATION_TYPES[type].rel_type``, in the direction of the
    cooperation row (undirected types too). ``key`` is the identity of one
    cooperation row: the first 20 hex digits of the SHA-1 of the Python
    ``repr`` of ``[source, target, type, year, programme, note]`` followed
    by ``#n``,
    where ``n`` counts earlier identical rows (0 for the first), so
    re-pushing finds the same
    relationship, and parallel cooperations (another year, programme or note,
    or an exact duplicate row) stay distinct. Changing the weight or an extra
    column updates the relationship; changing an identity field makes a new
    one (``--replace`` removes the old).
Bookkeeping (every node and relationship graphkit writes)
    ``graphkit_managed: true``; ``graphkit_hash``: hash of the properties and
    label written, which lets a re-push skip unchanged rows;
    ``graphkit_run``: the run id of the push that last wrote it. Properties
    whose name starts with ``graphkit_`` are graphkit's and never data.

Labels and relationship types come only from :mod:`graphkit.model`; values
only travel as parameters.
"""
from __future__ import annotations

import hashlib
import math
from collections import defaultdict

import numpy as np
import pandas as pd

from ..errors import GraphkitError
from ..model import ACTOR_LABEL, ACTOR_TYPES, COOPERATION_TYPES
from ..network import Network

PREFIX = "graphkit_"
MANAGED = PREFIX + "managed"
HASH = PREFIX + "hash"
RUN = PREFIX + "run"
METRICS = PREFIX + "metrics"  # names of the metric properties write-back set
KEY = "key"

TYPE_LABELS = {k: t.label for k, t in ACTOR_TYPES.items()}
REL_TYPES = {k: t.rel_type for k, t in COOPERATION_TYPES.items()}
LABEL_TO_TYPE = {v: k for k, v in TYPE_LABELS.items()}
REL_TO_TYPE = {v: k for k, v in REL_TYPES.items()}


def neo_value(value):
    """A table cell as a Neo4j property value (None removes the property).

    >>> neo_value(("a", "b")), neo_value(float("nan")), neo_value(np.int64(3))
    (['a', 'b'], None, 3)
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (tuple, list, np.ndarray)):
        return [str(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, str):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def _digest(payload) -> str:
    """Hash of a structure of str / int / float / bool / None / lists /
    dicts: its ``repr``, which is deterministic for these types (dicts in
    insertion order, i.e. column order) and much faster than JSON."""
    return _sha(repr(payload))


def _column(series: pd.Series) -> list:
    """The cells of one column as Neo4j values (iterating Python lists is
    much faster than iterating pandas rows)."""
    values = series.tolist()
    dtype = series.dtype
    if dtype.kind == "f":
        return [None if v != v else v for v in values]
    if dtype.kind in "iub" and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
        return values
    if dtype != object and pd.api.types.is_string_dtype(dtype):
        return [v if isinstance(v, str) else None for v in values]
    return [neo_value(v) for v in values]


def _columns(df: pd.DataFrame, cols) -> list[list]:
    return [_column(df[c]) for c in cols]


def _check_columns(columns, what: str) -> None:
    bad = [c for c in columns if str(c).startswith(PREFIX)
           or (what == "cooperations" and c == KEY)]
    if bad:
        raise GraphkitError(
            f"{what} column(s) {bad} cannot be pushed to Neo4j: names starting "
            f"with {PREFIX!r}{' and key' if what == 'cooperations' else ''} are "
            f"graphkit's bookkeeping; rename the column(s)")


def actor_rows(network: Network) -> dict[str, list[dict]]:
    """Type label -> rows ``{"id", "hash", "props"}`` of its actors."""
    actors = network.actors
    _check_columns(actors.columns, "actors")
    cols = [str(c) for c in actors.columns]
    out: dict[str, list[dict]] = defaultdict(list)
    ids = [str(i) for i in actors.index]
    for actor_id, values in zip(ids, zip(*_columns(actors, actors.columns))):
        props = dict(zip(cols, values))
        label = TYPE_LABELS[props["type"]]
        digest = _digest([label, props])
        props[HASH] = digest
        props[MANAGED] = True
        out[label].append({"id": actor_id, "hash": digest, "props": props})
    return dict(out)


def cooperation_rows(network: Network) -> dict[str, list[dict]]:
    """Relationship type -> rows ``{"key", "source", "target", "hash", "props"}``."""
    coops = network.cooperations
    _check_columns(coops.columns, "cooperations")
    cols = [c for c in coops.columns if c not in ("source", "target", "type")]
    names = [str(c) for c in cols]
    sources = [str(v) for v in coops["source"].tolist()]
    targets = [str(v) for v in coops["target"].tolist()]
    types = coops["type"].tolist()
    seen: dict[str, int] = defaultdict(int)
    out: dict[str, list[dict]] = defaultdict(list)
    for src, dst, kind, values in zip(sources, targets, types,
                                      zip(*_columns(coops, cols))):
        props = dict(zip(names, values))
        ident = repr([src, dst, kind, props["year"], props["programme"],
                      props["note"]])
        n = seen[ident]
        seen[ident] = n + 1
        key = _sha(f"{ident}#{n}")
        rel = REL_TYPES[kind]
        digest = _sha(f"{rel}{ident}{props!r}")
        props[KEY] = key
        props[HASH] = digest
        props[MANAGED] = True
        out[rel].append({"key": key, "source": src, "target": dst,
                         "hash": digest, "props": props})
    return dict(out)


def create_statement(label: str) -> str:
    """Statement creating the actors of one type label (from the vocabulary)
    that push found missing.

    ``MERGE`` on ``Actor.id`` alone uses the unique constraint's index; the
    type label and the properties are set only ``ON CREATE``, so a batch the
    driver retries creates nothing twice, and an ``:Actor`` someone else
    created with that id meanwhile is left as it is (push never writes onto
    a node it did not write). The server's ``nodes_created`` counts what
    was created.
    """
    if label not in LABEL_TO_TYPE:
        raise ValueError(f"not a graphkit type label: {label!r}")
    return (f"UNWIND $rows AS row\n"
            f"MERGE (a:{ACTOR_LABEL} {{id: row.id}})\n"
            f"ON CREATE SET a:{label}, a += row.props, a.{RUN} = $run\n"
            f"RETURN count(*) AS rows")


def update_statement() -> str:
    """Statement rewriting the properties of existing actors (``+=``: the
    properties graphkit did not write, e.g. write-back's metrics, stay)."""
    return (f"UNWIND $rows AS row\n"
            f"MATCH (a:{ACTOR_LABEL} {{id: row.id}}) WHERE a.{MANAGED} = true\n"
            f"SET a += row.props, a.{RUN} = $run\n"
            f"RETURN count(*) AS rows")


def relabel_statement(label: str) -> str:
    """Give existing actors (ids in ``$ids``) type label ``label`` and no
    other type label: run before :func:`update_statement` when a type changed."""
    if label not in LABEL_TO_TYPE:
        raise ValueError(f"not a graphkit type label: {label!r}")
    others = ":".join(sorted(l for l in LABEL_TO_TYPE if l != label))
    return (f"UNWIND $ids AS id\n"
            f"MATCH (a:{ACTOR_LABEL} {{id: id}}) WHERE a.{MANAGED} = true\n"
            f"REMOVE a:{others}\n"
            f"SET a:{label}\n"
            f"RETURN count(*) AS rows")


def relationship_statement(rel_type: str) -> str:
    """MERGE statement of the cooperations of one relationship type, new or
    changed: the ends are found through the ``Actor.id`` index and only if
    graphkit wrote them; the relationship by its ``key`` among those between
    the two (idempotent, so a retried batch does no harm)."""
    if rel_type not in REL_TO_TYPE:
        raise ValueError(f"not a graphkit relationship type: {rel_type!r}")
    return (f"UNWIND $rows AS row\n"
            f"MATCH (s:{ACTOR_LABEL} {{id: row.source}}) WHERE s.{MANAGED} = true\n"
            f"MATCH (t:{ACTOR_LABEL} {{id: row.target}}) WHERE t.{MANAGED} = true\n"
            f"MERGE (s)-[r:{rel_type} {{{KEY}: row.key}}]->(t)\n"
            f"SET r += row.props, r.{RUN} = $run\n"
            f"RETURN count(*) AS rows")
