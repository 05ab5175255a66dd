"""The push plan, without a database: what a push would create, update,
relabel and delete, from the network's rows and what the database holds."""
from __future__ import annotations

from graphkit.neo4j.mapping import actor_rows, cooperation_rows
from graphkit.neo4j.push import plan_push


def _stored_as_written(nodes, rels):
    """What the database holds right after a push of these rows."""
    stored = {r["id"]: (r["hash"], True, frozenset({label}))
              for label, rows in nodes.items() for r in rows}
    stored_rels = {rel: {r["key"]: r["hash"] for r in rows}
                   for rel, rows in rels.items()}
    return stored, stored_rels


def _ids(plan_part):
    return {label: sorted(r.get("id", r.get("key")) for r in rows)
            for label, rows in plan_part.items() if rows}


def test_empty_database_creates_everything(small_network):
    nodes, rels = actor_rows(small_network), cooperation_rows(small_network)
    plan = plan_push(nodes, rels, {}, {})
    assert _ids(plan.create_nodes) == {label: sorted(r["id"] for r in rows)
                                       for label, rows in nodes.items()}
    assert sum(map(len, plan.create_relationships.values())) == 14
    assert not _ids(plan.update_nodes) and not _ids(plan.update_relationships)
    assert not any(plan.relabel.values())
    assert plan.rows == 13 + 14
    assert (plan.unchanged_nodes, plan.unchanged_relationships) == (0, 0)


def test_same_data_again_sends_nothing_unless_forced(small_network):
    nodes, rels = actor_rows(small_network), cooperation_rows(small_network)
    stored, stored_rels = _stored_as_written(nodes, rels)
    plan = plan_push(nodes, rels, stored, stored_rels, replace=True)
    assert plan.rows == 0
    assert (plan.unchanged_nodes, plan.unchanged_relationships) == (13, 14)
    assert plan.stale_actors == []
    assert not any(plan.stale_relationships.values())
    forced = plan_push(nodes, rels, stored, stored_rels, force=True)
    assert sum(map(len, forced.update_nodes.values())) == 13
    assert sum(map(len, forced.update_relationships.values())) == 14
    assert not any(forced.create_nodes.values())


def test_changes_relabels_and_stale_rows(small_network):
    nodes, rels = actor_rows(small_network), cooperation_rows(small_network)
    stored, stored_rels = _stored_as_written(nodes, rels)
    # the database holds sme_1 as a Lab with an old hash, one actor and one
    # cooperation the data no longer has, and an actor graphkit did not write
    h, managed, _ = stored["sme_1"]
    stored["sme_1"] = ("old", managed, frozenset({"Lab"}))
    stored["gone"] = ("h", True, frozenset({"Sme"}))
    stored["theirs"] = (None, False, frozenset())
    rel = next(iter(stored_rels))
    stored_rels[rel]["stale-key"] = "h"
    first_rel = next(iter(rels.values()))[0]
    stored_rels[[k for k, v in rels.items() if first_rel in v][0]][
        first_rel["key"]] = "changed"
    plan = plan_push(nodes, rels, stored, stored_rels, replace=True)
    sme_label = next(label for label, rows in nodes.items()
                     if any(r["id"] == "sme_1" for r in rows))
    assert _ids(plan.update_nodes) == {sme_label: ["sme_1"]}
    assert {k: v for k, v in plan.relabel.items() if v} == {
        sme_label: ["sme_1"]}
    assert _ids(plan.update_relationships) == {
        [k for k, v in rels.items() if first_rel in v][0]: [first_rel["key"]]}
    assert plan.stale_actors == ["gone"]  # "theirs" is not graphkit's
    assert plan.stale_relationships[rel] == ["stale-key"]
    assert plan.rows == 2
    # without replace nothing is marked stale
    assert plan_push(nodes, rels, stored, stored_rels).stale_actors == []


def test_an_id_held_by_a_node_graphkit_did_not_write_is_left_alone(small_network):
    nodes, rels = actor_rows(small_network), cooperation_rows(small_network)
    stored = {"lab_1": (None, False, frozenset({"Lab"}))}
    plan = plan_push(nodes, rels, stored, {}, replace=True)
    assert plan.foreign == ["lab_1"]
    sent = [r["id"] for d in (plan.create_nodes, plan.update_nodes)
            for rows in d.values() for r in rows]
    assert "lab_1" not in sent and len(sent) == 12
    touching = [r for rows in rels.values() for r in rows
                if "lab_1" in (r["source"], r["target"])]
    assert plan.foreign_relationships == len(touching) == 4
    assert not any(r in touching for d in (plan.create_relationships,
                                           plan.update_relationships)
                   for rows in d.values() for r in rows)
    assert plan.stale_actors == [] and not any(plan.relabel.values())
