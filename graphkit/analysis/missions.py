"""Delegation mission planning, COOPOL style.

A pôle sends a delegation to K science parks. :func:`plan_mission` picks the
parks that cover the most of the pôle's recommended partnerships (greedy
maximum coverage), and for each park lists the SME–lab pairs that should
travel (each SME of the pôle with its academic partner) and whom they should
meet there.

A recommended partnership (a, b) of the pôle — a is the pôle or one of its
members — is *covered* by park P when b is P or a member of P. The greedy
step takes the park covering the most partnerships not yet covered (ties:
the larger sum of their scores, then the park id).
"""
from __future__ import annotations

import pandas as pd

from ..errors import GraphkitError
from ..model import ACADEMIC_TYPES
from ..network import Network, Ties
from .recommend import check_actor, recommend


def _academic_partner(network: Network, sme: str, weights: dict) -> str | None:
    """The SME's strongest academic partner (by tie weight, then id)."""
    types = network.actors["type"]
    best = [(-w, p) for p, w in weights.get(sme, {}).items()
            if types.get(p) in ACADEMIC_TYPES]
    return min(best)[1] if best else None


def plan_mission(network: Network, pole_id: str, parks: int = 3,
                 recommendations: pd.DataFrame | None = None,
                 top: int = 20,
                 ties: Ties | None = None) -> dict:
    """The K parks a pôle's delegation should visit, and who goes where.

    Parameters
    ----------
    network : Network
    pole_id : str
        The pôle.
    parks : int
        How many parks to visit (K).
    recommendations : DataFrame, optional
        Output of :func:`~graphkit.analysis.recommend.recommend`; computed
        for the pôle and its members (``top`` each) when not given.
    ties : Ties, optional
        What counts as a tie (the academic partner each SME travels with,
        the memberships of the window).

    Returns
    -------
    dict
        ``pole_id, pole_name, parks_asked, total`` (recommended
        partnerships of the pôle), ``covered`` and ``parks``: one entry a
        chosen park, in the order chosen, with ``park_id, park_name,
        country, covered, score`` and ``delegation``: one entry an SME of
        the pôle with a partnership covered by the park — ``sme_id,
        sme_name, academic_id, academic_name`` (its strongest academic
        partner, None if it has none) and ``meet`` (the ids and names of the
        recommended partners there, best first) — then ``others``: the
        pôle's other members (labs...) and what they meet there.

    Examples
    --------
    >>> import pandas as pd
    >>> recs = pd.DataFrame({"actor_id": ["s"], "partner_id": ["k"], "score": [0.5]})
    >>> a = pd.DataFrame({"id": ["p", "s", "l", "k"], "name": ["P", "S", "L", "K"],
    ...                   "type": ["pole", "sme", "lab", "park"],
    ...                   "country": ["FR", "FR", "FR", "CN"]})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "l"],
    ...                   "type": ["member_of", "academic_partner"]})
    >>> plan = plan_mission(Network(a, c), "p", parks=1, recommendations=recs)
    >>> [(x["park_id"], x["delegation"][0]["academic_id"]) for x in plan["parks"]]
    [('k', 'l')]
    """
    check_actor(network, pole_id)
    if network.actors.at[pole_id, "type"] != "pole":
        raise GraphkitError(f"{pole_id!r} is not a pôle (it is a "
                            f"{network.actors.at[pole_id, 'type']})")
    if not isinstance(parks, int) or parks < 1:
        raise GraphkitError(f"parks must be a whole number ≥ 1, not {parks!r}")
    members = network.members(pole_id)
    side = [pole_id, *members]
    ties = Ties.of(ties)
    if recommendations is None:
        recommendations = recommend(network, actors=side, top=top, types=ties)
    recs = recommendations[recommendations["actor_id"].isin(side)]
    recs = recs[["actor_id", "partner_id", "score"]].drop_duplicates(
        ["actor_id", "partner_id"])
    types = network.actors["type"]
    park_ids = [k for k in network.actors_of_type("park")]
    membership = network.membership(ties.since, ties.until)
    # park -> {(a, b): score} it covers
    cover: dict[str, dict] = {k: {} for k in park_ids}
    for a, b, s in zip(recs["actor_id"], recs["partner_id"], recs["score"]):
        where = [b] if types.get(b) == "park" else []
        where += [g for g in membership.get(b, ()) if types.get(g) == "park"]
        for k in where:
            if k in cover:
                cover[k][(a, b)] = float(s)
    chosen, covered = [], set()
    for _ in range(min(parks, len(park_ids))):
        best = None
        for k in sorted(cover):
            new = {p: s for p, s in cover[k].items() if p not in covered}
            if not new or k in chosen:
                continue
            key = (-len(new), -sum(new.values()), k)
            if best is None or key < best[0]:
                best = (key, k, new)
        if best is None:
            break
        _, k, new = best
        chosen.append(k)
        covered |= set(new)
        chosen[-1] = (k, new)
    weights: dict[str, dict] = {}
    t = network.ties(ties)
    t = t[t["source"].isin(members) | t["target"].isin(members)]
    for s_, d_, w in zip(t["source"], t["target"], t["weight"]):
        weights.setdefault(s_, {}).setdefault(d_, 0.0)
        weights[s_][d_] += w
        weights.setdefault(d_, {}).setdefault(s_, 0.0)
        weights[d_][s_] += w
    out_parks = []
    for k, new in chosen:
        by_actor: dict[str, list] = {}
        for (a, b), s in sorted(new.items(), key=lambda x: (-x[1], x[0])):
            by_actor.setdefault(a, []).append(
                {"id": b, "name": network.name(b), "score": round(s, 6)})
        delegation, others = [], []
        for a, meet in sorted(by_actor.items()):
            if types.get(a) == "sme":
                ac = _academic_partner(network, a, weights)
                delegation.append({
                    "sme_id": a, "sme_name": network.name(a),
                    "academic_id": ac,
                    "academic_name": network.name(ac) if ac else None,
                    "meet": meet})
            else:
                others.append({"actor_id": a, "actor_name": network.name(a),
                               "actor_type": types.get(a), "meet": meet})
        country = network.actors.at[k, "country"]
        out_parks.append({
            "park_id": k, "park_name": network.name(k),
            "country": None if pd.isna(country) else str(country),
            "covered": len(new), "score": round(sum(new.values()), 6),
            "delegation": delegation, "others": others})
    return {"pole_id": pole_id, "pole_name": network.name(pole_id),
            "parks_asked": parks, "total": int(len(recs)),
            "covered": int(sum(p["covered"] for p in out_parks)),
            "parks": out_parks}


MISSION_COLUMNS = ["order", "park_id", "park_name", "traveller_id",
                   "traveller_name", "with_academic", "meet_id", "meet_name",
                   "score"]


def mission_table(plan: dict) -> pd.DataFrame:
    """One row a (park, traveller, person to meet) of a plan, for printing."""
    rows = []
    for order, park in enumerate(plan["parks"], 1):
        travellers = ([(d["sme_id"], d["sme_name"], d["academic_name"],
                        d["meet"]) for d in park["delegation"]]
                      + [(o["actor_id"], o["actor_name"], None, o["meet"])
                         for o in park["others"]])
        for tid, tname, academic, meet in travellers:
            for m in meet:
                rows.append(dict(zip(MISSION_COLUMNS, (
                    order, park["park_id"], park["park_name"], tid, tname,
                    academic, m["id"], m["name"], m["score"]))))
    return pd.DataFrame(rows, columns=MISSION_COLUMNS)


def plan_missions(network: Network, recommendations: pd.DataFrame, *,
                  parks: int = 3, poles=None,
                  ties: Ties | None = None) -> dict:
    """pôle id -> :func:`plan_mission`, for every pôle (or the given ones)."""
    poles = sorted(network.actors_of_type("pole")) if poles is None else poles
    return {p: plan_mission(network, p, parks, recommendations,
                            ties=ties) for p in poles}
