"""Reading a Network back from Neo4j (what graphkit pushed, and what analysts
added in graphkit's shape)."""
from __future__ import annotations

import pandas as pd

from ..errors import Problem
from ..model import ACTOR_LABEL, SUGGESTED_PARTNER, normalise_actor_type
from ..network import ACTOR_COLUMNS, COOPERATION_COLUMNS, Network
from .mapping import KEY, LABEL_TO_TYPE, METRICS, PREFIX, REL_TO_TYPE

WHERE = "neo4j"


def _problem(value, reason) -> Problem:
    return Problem(WHERE, None, None, value, reason)


def _actor_type(labels, props):
    found = sorted({LABEL_TO_TYPE[l] for l in labels if l in LABEL_TO_TYPE})
    if len(found) == 1:
        return found[0], None
    if len(found) > 1:
        stated = normalise_actor_type(props.get("type"))
        if stated in found:
            return stated, None
        return None, f"several type labels ({', '.join(sorted(labels))})"
    stated = normalise_actor_type(props.get("type"))
    if stated:
        return stated, None
    return None, (f"no type label among {', '.join(sorted(LABEL_TO_TYPE))} and "
                  f"no known type property")


def pull_network(driver, database: str | None = None) -> Network:
    """Read the graphkit-shaped part of a database as a :class:`Network`.

    Reads the ``:Actor`` nodes that have an ``id`` and one known type label
    (or a known ``type`` property), and the relationships of the vocabulary's
    cooperation types between two of them. Everything else is left alone;
    what looks like graphkit's but cannot be mapped (an ``:Actor`` without id
    or type, a cooperation to a node that is not a readable actor, an unknown
    relationship type on an actor) is reported in ``network.meta["skipped"]``
    (a list of :class:`graphkit.Problem`), never silently dropped.
    ``SUGGESTED_PARTNER`` relationships and ``graphkit_*`` bookkeeping and
    metric properties (written back by :func:`write_back`) are not data and
    are not read. What is read is then checked against the data contract
    like a file (``graphkit.io.contract.validate``): a row that breaks it
    (say a country typed "France" in Neo4j Browser) is left out and its
    problem reported in ``skipped`` too.

    Actors come sorted by id, cooperations by (source, target, type, year,
    key), so the same database always gives the same tables.

    Examples
    --------
    >>> with connect(uri, user, password) as driver:  # doctest: +SKIP
    ...     network = pull_network(driver)
    """
    rel_types = sorted(REL_TO_TYPE)
    skipped: list[Problem] = []
    with driver.session(database=database) as session:
        nodes = session.execute_read(lambda tx: [
            (r["labels"], r["props"]) for r in tx.run(
                f"MATCH (a:{ACTOR_LABEL}) RETURN labels(a) AS labels, "
                f"properties(a) AS props")])
        rels = session.execute_read(lambda tx: [
            (r["s"], r["t"], r["type"], r["props"]) for r in tx.run(
                f"MATCH (s:{ACTOR_LABEL})-[r]->(t:{ACTOR_LABEL}) "
                f"WHERE type(r) IN $types RETURN s.id AS s, t.id AS t, "
                f"type(r) AS type, properties(r) AS props", types=rel_types)])
        outside = session.execute_read(lambda tx: [
            (r["type"], r["n"]) for r in tx.run(
                f"MATCH (s)-[r]->(t) WHERE type(r) IN $types "
                f"AND NOT (s:{ACTOR_LABEL} AND t:{ACTOR_LABEL}) "
                f"RETURN type(r) AS type, count(*) AS n", types=rel_types)])
        foreign = session.execute_read(lambda tx: [
            (r["type"], r["n"]) for r in tx.run(
                f"MATCH (s:{ACTOR_LABEL})-[r]-() WHERE NOT type(r) IN $types "
                f"RETURN type(r) AS type, count(DISTINCT r) AS n",
                types=rel_types + [SUGGESTED_PARTNER])])
    actor_records, ids = [], set()
    for labels, props in nodes:
        actor_id = props.get("id")
        if actor_id is None or str(actor_id).strip() == "":
            skipped.append(_problem(props.get("name"),
                                    f":{ACTOR_LABEL} node without an id"))
            continue
        kind, reason = _actor_type(labels, props)
        if kind is None:
            skipped.append(_problem(actor_id, f"actor not read: {reason}"))
            continue
        metrics = set(props.get(METRICS) or ())
        rec = {k: v for k, v in props.items()
               if not k.startswith(PREFIX) and k not in metrics}
        rec["id"], rec["type"] = str(actor_id), kind
        ids.add(rec["id"])
        actor_records.append(rec)
    coop_records = []
    for s, t, rel, props in rels:
        if s not in ids or t not in ids:
            skipped.append(_problem(
                f"{s} -[{rel}]-> {t}",
                "cooperation not read: one end is not a readable actor"))
            continue
        rec = {k: v for k, v in props.items() if not k.startswith(PREFIX)}
        rec.update(source=str(s), target=str(t), type=REL_TO_TYPE[rel])
        coop_records.append(rec)
    for rel, n in outside:
        skipped.append(_problem(rel, f"{n} {rel} relationship(s) not read: "
                                     f"one end is not an :{ACTOR_LABEL}"))
    for rel, n in sorted(foreign):
        skipped.append(_problem(rel, f"{n} {rel} relationship(s) on actors not "
                                     f"read: not a graphkit cooperation type"))
    result = _validated(*_tables(actor_records, coop_records))
    network = result.network
    network.meta.update(name="neo4j", source="neo4j", database=database,
                        skipped=skipped + list(result.problems))
    return network


def _validated(actors: pd.DataFrame, coops: pd.DataFrame):
    """Check what was read against the data contract, as a file would be
    (a hand-typed country "France", a year "soon"...): rows that break it
    are left out and their problems reported; the rest is normalised."""
    from ..io.contract import validate
    from ..io.raw import RawInput, RawTable

    def table(name, df, what):
        df = df.astype(object).where(df.notna(), pd.NA).reset_index(drop=True)
        return RawTable(name, f"{WHERE} {what}", df, None)

    raw = RawInput({"actors": table("actors", actors, f":{ACTOR_LABEL}"),
                    "cooperations": table("cooperations", coops,
                                          "relationships")},
                   [], "neo4j")
    return validate(raw, lenient=True, name="neo4j")


def _tables(actor_records, coop_records):
    actors = pd.DataFrame(actor_records)
    extras = sorted(c for c in actors.columns
                    if c not in ACTOR_COLUMNS and c != "id")
    actors = actors.reindex(columns=["id", *ACTOR_COLUMNS, *extras])
    actors = actors.sort_values("id", kind="stable").reset_index(drop=True)
    coops = pd.DataFrame(coop_records)
    extras = sorted(c for c in coops.columns
                    if c not in COOPERATION_COLUMNS and c != KEY)
    coops = coops.reindex(columns=[*COOPERATION_COLUMNS, KEY, *extras])
    if len(coops):
        year = pd.to_numeric(coops["year"]).astype("Int64")
        order = pd.DataFrame({"s": coops["source"], "t": coops["target"],
                              "ty": coops["type"], "y": year,
                              "k": coops[KEY].astype(str)})
        coops = coops.loc[order.sort_values(["s", "t", "ty", "y", "k"],
                                            na_position="first").index]
    coops = coops.drop(columns=[KEY]).reset_index(drop=True)
    return actors, coops
