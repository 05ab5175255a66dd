"""Pushing a Network into Neo4j: batched, idempotent, safe beside other data."""
from __future__ import annotations

import time
import uuid

from dataclasses import dataclass, field

from ..errors import GraphkitError
from ..model import ACTOR_LABEL
from ..network import Network
from ..progress import bar
from .files import apply_schema
from .mapping import (HASH, KEY, LABEL_TO_TYPE, MANAGED, REL_TYPES,
                      actor_rows, cooperation_rows, create_statement,
                      relabel_statement, relationship_statement,
                      update_statement)

#: Rows per transaction: large enough to amortise a round trip, small
#: enough for a default Neo4j heap (benchmarks/bench_neo4j.py).
BATCH_SIZE = 5000


@dataclass
class PushSummary:
    """What a push did.

    ``created``: written for the first time. ``updated``: already there but
    its properties or type label differed from the data (graphkit's stored
    hash differed), so it was rewritten. ``unchanged``: already there with
    the same hash; nothing was sent. ``deleted`` (with ``replace``): graphkit
    had written it and the data no longer has it. ``kept``: stale actors not
    deleted because relationships graphkit did not write are attached.
    ``foreign`` (actors): ids of the data held by an ``:Actor`` graphkit did
    not write, left as they are (listed in ``foreign_ids``); (cooperations):
    not written because an end is such an actor.
    """
    run_id: str
    nodes: dict = field(default_factory=lambda: dict.fromkeys(
        ("created", "updated", "unchanged", "deleted", "kept", "foreign"), 0))
    relationships: dict = field(default_factory=lambda: dict.fromkeys(
        ("created", "updated", "unchanged", "deleted", "missing_endpoint",
         "foreign"), 0))
    foreign_ids: list = field(default_factory=list)
    #: wall-clock seconds of each phase: schema, rows (building them in
    #: Python), read (graphkit's stored hashes), nodes, relationships, replace
    seconds: dict = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the push wrote or deleted anything."""
        return any(d[k] for d in (self.nodes, self.relationships)
                   for k in ("created", "updated", "deleted"))

    def __str__(self) -> str:
        n, r = self.nodes, self.relationships
        text = (f"actors: {n['created']} created, {n['updated']} updated, "
                f"{n['unchanged']} unchanged, {n['deleted']} deleted")
        if n["kept"]:
            text += (f", {n['kept']} kept (relationships graphkit did not "
                     f"write are attached)")
        text += (f"\ncooperations: {r['created']} created, {r['updated']} "
                 f"updated, {r['unchanged']} unchanged, {r['deleted']} deleted")
        if r["missing_endpoint"]:
            text += f", {r['missing_endpoint']} not written (actor missing)"
        if n["foreign"]:
            shown = ", ".join(self.foreign_ids[:5])
            more = ", ..." if len(self.foreign_ids) > 5 else ""
            text += (f"\nleft alone: {n['foreign']} actor(s) whose id is held "
                     f"by an :Actor node graphkit did not write ({shown}{more})"
                     f", and {r['foreign']} cooperation(s) touching them")
        if not self.changed:
            text += "\nnothing changed"
        return text


def _batches(rows, size):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _write(tx, statement, **params):
    result = tx.run(statement, **params)
    record = result.single()
    counters = result.consume().counters
    return (record[0] if record else 0), counters


def write_batches(session, statement, rows, batch_size, name="rows", **params):
    """Run ``statement`` once per batch of ``rows`` (passed as ``$<name>``),
    each in a managed write transaction; yield ``(batch, n, counters)`` with
    ``n`` the statement's single returned number."""
    for chunk in _batches(rows, batch_size):
        n, counters = session.execute_write(_write, statement,
                                            **{name: chunk}, **params)
        yield chunk, n, counters


def _collected(session, query: str) -> list:
    """The one list a ``RETURN collect(...) AS rows`` query returns (one
    record instead of one per row: about twice as fast to stream)."""
    return session.execute_read(
        lambda tx: tx.run(query).single()["rows"]) or []


def existing_nodes(session) -> dict[str, tuple]:
    """Id -> (stored hash or None, is graphkit's, type labels) of every actor."""
    types = set(LABEL_TO_TYPE)
    return {i: (h, m is True, frozenset(ls) & types)
            for i, h, m, ls in _collected(
                session, f"MATCH (a:{ACTOR_LABEL}) RETURN collect([a.id, "
                         f"a.{HASH}, a.{MANAGED}, labels(a)]) AS rows")}


def existing_relationships(session, rel_types) -> dict[str, dict[str, str]]:
    """Relationship type -> (key -> stored hash) of every relationship of
    ``rel_types`` graphkit wrote, read in one query (one plan, one scan of
    those types)."""
    rel_types = list(rel_types)
    out: dict[str, dict[str, str]] = {t: {} for t in rel_types}
    for kind, key, digest in _collected(
            session, f"MATCH ()-[r:{'|'.join(rel_types)}]->() "
                     f"WHERE r.{MANAGED} = true "
                     f"RETURN collect([type(r), r.{KEY}, r.{HASH}]) AS rows"):
        out[kind][key] = digest
    return out


def holds_actors(session) -> bool:
    """Whether any ``:Actor`` node is there (the count store answers at
    once): a first push into an empty database has nothing to read."""
    return session.execute_read(lambda tx: tx.run(
        f"MATCH (a:{ACTOR_LABEL}) RETURN count(a) > 0 AS any").single()["any"])


@dataclass
class PushPlan:
    """What a push will write, worked out from the rows of the network and
    what the database holds, before any write.

    Per type label (in the order of the rows): ``create_nodes`` (ids the
    database lacks), ``update_nodes`` (there, but the stored hash differs,
    or ``force``), ``relabel`` (ids among the updated whose type label
    changes). Per relationship type: ``create_relationships`` (keys the
    database lacks) and ``update_relationships`` (stored hash differs).
    With ``replace``: ``stale_relationships`` (keys graphkit wrote that the
    data no longer has, per type) and ``stale_actors`` (ids of actors
    graphkit wrote that the data no longer has), both sorted. ``foreign``:
    ids of the data held by an ``:Actor`` graphkit did not write (sorted):
    nothing is written to them, nor any cooperation touching them
    (``foreign_relationships`` counts those), and they are never stale.
    """
    create_nodes: dict = field(default_factory=dict)
    update_nodes: dict = field(default_factory=dict)
    relabel: dict = field(default_factory=dict)
    create_relationships: dict = field(default_factory=dict)
    update_relationships: dict = field(default_factory=dict)
    stale_relationships: dict = field(default_factory=dict)
    stale_actors: list = field(default_factory=list)
    foreign: list = field(default_factory=list)
    foreign_relationships: int = 0
    unchanged_nodes: int = 0
    unchanged_relationships: int = 0

    @property
    def rows(self) -> int:
        """Rows to send (created and updated, nodes and relationships)."""
        return sum(len(r) for d in (self.create_nodes, self.update_nodes,
                                    self.create_relationships,
                                    self.update_relationships)
                   for r in d.values())


def plan_push(nodes: dict, rels: dict, stored: dict, stored_rels: dict, *,
              force: bool = False, replace: bool = False) -> PushPlan:
    """The :class:`PushPlan` of rows ``nodes`` (:func:`actor_rows`) and
    ``rels`` (:func:`cooperation_rows`) against what the database holds:
    ``stored`` as :func:`existing_nodes` returns it, ``stored_rels`` as
    :func:`existing_relationships` does. Pure: no I/O.

    Examples
    --------
    >>> nodes = {"Sme": [{"id": "a", "hash": "h1"}, {"id": "b", "hash": "h2"},
    ...                  {"id": "c", "hash": "h3"}]}
    >>> stored = {"b": ("old", True, frozenset({"Lab"})),
    ...           "c": (None, False, frozenset()),
    ...           "z": ("h9", True, frozenset({"Sme"}))}
    >>> plan = plan_push(nodes, {}, stored, {}, replace=True)
    >>> [r["id"] for r in plan.create_nodes["Sme"]], plan.relabel, plan.stale_actors
    (['a'], {'Sme': ['b']}, ['z'])
    >>> plan.foreign
    ['c']
    """
    plan = PushPlan()
    plan.foreign = sorted(r["id"] for rows in nodes.values() for r in rows
                          if r["id"] in stored and not stored[r["id"]][1])
    foreign = set(plan.foreign)
    if foreign:
        nodes = {label: [r for r in rows if r["id"] not in foreign]
                 for label, rows in nodes.items()}
        kept = {rel: [r for r in rows if r["source"] not in foreign
                      and r["target"] not in foreign]
                for rel, rows in rels.items()}
        plan.foreign_relationships = (sum(map(len, rels.values()))
                                      - sum(map(len, kept.values())))
        rels = kept
    for label, rows in nodes.items():
        send = [r for r in rows if force or r["id"] not in stored
                or stored[r["id"]][0] != r["hash"]]
        plan.unchanged_nodes += len(rows) - len(send)
        plan.create_nodes[label] = [r for r in send if r["id"] not in stored]
        plan.update_nodes[label] = [r for r in send if r["id"] in stored]
        plan.relabel[label] = [r["id"] for r in plan.update_nodes[label]
                               if stored[r["id"]][2] != {label}]
    for rel, rows in rels.items():
        have = stored_rels.get(rel, {})
        send = [r for r in rows if force or have.get(r["key"]) != r["hash"]]
        plan.unchanged_relationships += len(rows) - len(send)
        plan.create_relationships[rel] = [r for r in send
                                          if r["key"] not in have]
        plan.update_relationships[rel] = [r for r in send if r["key"] in have]
    if replace:
        current_ids = {r["id"] for rows in nodes.values() for r in rows} | foreign
        for rel, have in stored_rels.items():
            current = {r["key"] for r in rels.get(rel, ())}
            plan.stale_relationships[rel] = sorted(set(have) - current)
        plan.stale_actors = sorted(i for i, (_, managed, *_) in stored.items()
                                   if managed and i not in current_ids)
    return plan


def push_network(driver, network: Network, *, database: str | None = None,
                 batch_size: int = BATCH_SIZE, replace: bool = False,
                 force: bool = False, run_id: str | None = None,
                 progress: bool = False) -> PushSummary:
    """Write ``network`` into Neo4j; pushing it again changes nothing.

    The schema (``cypher/schema.cypher``) is applied first. Graphkit reads
    the hashes it stored at its last push and sends only new and changed
    rows in batches — ``UNWIND $rows AS row MERGE (a:Actor {id: row.id}) ON
    CREATE SET ...`` for the actors it found missing, ``MATCH ... SET`` for
    the changed ones, ``MATCH ... MATCH ... MERGE (s)-[r:TYPE {key}]->(t)
    SET ...`` for cooperations; one statement per type label and
    relationship type, generated from the vocabulary — through managed
    transactions, which the driver retries on transient errors (deadlocks,
    leader changes, lost connections) for up to 30 s. An ``:Actor`` graphkit
    did not write whose id the data uses is reported and left alone, with
    the cooperations touching it.

    Parameters
    ----------
    driver : neo4j.Driver
        From :func:`graphkit.neo4j.connect` (or your own).
    network : Network
    database : str, optional
        Target database (None: the server's default).
    batch_size : int
        Rows per transaction.
    replace : bool
        Also remove what graphkit wrote before and the data no longer has
        (nodes and relationships carrying ``graphkit_managed``); nothing
        graphkit did not write is touched, and a stale actor that carries a
        relationship graphkit did not write is kept.
    force : bool
        Rewrite every row even when its stored hash says it is unchanged
        (e.g. to undo hand edits made in Neo4j Browser).
    run_id : str, optional
        Stored as ``graphkit_run`` on what this push writes (default: new uuid).
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    PushSummary

    Examples
    --------
    >>> with connect(uri, user, password) as driver:  # doctest: +SKIP
    ...     print(push_network(driver, network))
    actors: 60 created, 0 updated, 0 unchanged, 0 deleted
    cooperations: 140 created, 0 updated, 0 unchanged, 0 deleted
    """
    if batch_size < 1:
        raise GraphkitError("batch size must be at least 1")
    run_id = run_id or uuid.uuid4().hex
    summary = PushSummary(run_id)
    clock = _Clock(summary.seconds)
    apply_schema(driver, database)
    clock("schema")
    nodes = actor_rows(network)
    rels = cooperation_rows(network)
    clock("rows")
    with driver.session(database=database) as session:
        if holds_actors(session):
            stored = existing_nodes(session)
            stored_rels = existing_relationships(session, REL_TYPES.values())
        else:  # graphkit's relationships only join actors: nothing to read
            stored, stored_rels = {}, {}
        clock("read")
        plan = plan_push(nodes, rels, stored, stored_rels, force=force,
                         replace=replace)
        summary.nodes["unchanged"] += plan.unchanged_nodes
        summary.relationships["unchanged"] += plan.unchanged_relationships
        summary.nodes["foreign"] = len(plan.foreign)
        summary.foreign_ids = plan.foreign
        summary.relationships["foreign"] = plan.foreign_relationships
        with bar(plan.rows, "neo4j push", progress, unit="row") as pbar:
            for label, ids in plan.relabel.items():
                for _ in write_batches(session, relabel_statement(label),
                                       ids, batch_size, "ids"):
                    pass
            for label, new in plan.create_nodes.items():
                for chunk, _, c in write_batches(
                        session, create_statement(label), new, batch_size,
                        run=run_id):
                    summary.nodes["created"] += c.nodes_created
                    pbar.update(len(chunk))
                for chunk, n, _ in write_batches(
                        session, update_statement(), plan.update_nodes[label],
                        batch_size, run=run_id):
                    summary.nodes["updated"] += n
                    pbar.update(len(chunk))
            clock("nodes")
            for rel, new in plan.create_relationships.items():
                rows = new + plan.update_relationships[rel]
                for chunk, n, c in write_batches(
                        session, relationship_statement(rel), rows, batch_size,
                        run=run_id):
                    summary.relationships["created"] += c.relationships_created
                    summary.relationships["updated"] += n - c.relationships_created
                    summary.relationships["missing_endpoint"] += len(chunk) - n
                    pbar.update(len(chunk))
            clock("relationships")
        if replace:
            _replace(session, summary, plan, batch_size)
            clock("replace")
    return summary


class _Clock:
    def __init__(self, into: dict):
        self.into, self.last = into, time.perf_counter()

    def __call__(self, phase: str) -> None:
        now = time.perf_counter()
        self.into[phase] = round(now - self.last, 3)
        self.last = now


def _replace(session, summary, plan: "PushPlan", batch_size):
    """Delete what the plan found stale: relationships first, then the
    relationships graphkit wrote on stale actors, then those actors when
    nothing else is attached."""
    for rel, stale in plan.stale_relationships.items():
        statement = (f"UNWIND $keys AS k MATCH ()-[r:{rel} {{{KEY}: k}}]->() "
                     f"WHERE r.{MANAGED} = true DELETE r RETURN count(*) AS n")
        for _, _, c in write_batches(session, statement, stale, batch_size,
                                     "keys"):
            summary.relationships["deleted"] += c.relationships_deleted
    stale_ids = plan.stale_actors
    detach = (f"UNWIND $ids AS id MATCH (a:{ACTOR_LABEL} {{id: id}})-[r]-() "
              f"WHERE a.{MANAGED} = true AND r.{MANAGED} = true "
              f"DELETE r RETURN count(*) AS n")
    delete = (f"UNWIND $ids AS id MATCH (a:{ACTOR_LABEL} {{id: id}}) "
              f"WHERE a.{MANAGED} = true AND NOT EXISTS {{ (a)--() }} "
              f"DELETE a RETURN count(*) AS n")
    for _, _, c in write_batches(session, detach, stale_ids, batch_size, "ids"):
        summary.relationships["deleted"] += c.relationships_deleted
    for chunk, _, c in write_batches(session, delete, stale_ids, batch_size,
                                     "ids"):
        summary.nodes["deleted"] += c.nodes_deleted
        summary.nodes["kept"] += len(chunk) - c.nodes_deleted
