"""Delegation missions worth travelling for, COOPOL style.

A pôle sends a delegation to K science parks: each SME of the pôle travels
with its academic partner, and meets there the partners the
recommendations (:func:`graphkit.analysis.recommend.recommend`) found for
it. The plan is built from those recommendations only.

A *meeting* is a recommended partnership (a, b) of the pôle — a is the pôle
or one of its members — whose partner b is a park or a member of a park,
and whose value is at or above the recommendation threshold. The value is
the calibrated ``probability`` when the recommendations have that column
(its ``horizon_years`` says within how many years), else their ``score``
(0..1), with :data:`SCORE_THRESHOLD` as the threshold; the plan says which
(``measure``). Every meeting keeps the recommendation's reasons
(``reason_codes``) and the programmes that could fund it.

How the parks are chosen
------------------------
A park is a candidate only when it holds at least one meeting: a park with
nothing above the threshold is never proposed, and when fewer parks
qualify than asked the plan says so (``parks_found < parks_asked``).

Each candidate park has a *domain fit* with the pôle: for each domain of
the pôle (its ``sectors``; its members' when it declares none), the best
match among the park's specialities (the park's ``sectors``; its members'
most frequent ones when it declares none), averaged over the pôle's
domains. A match is 1 for the same domain, else the network's own
complementarity of the two domains
(:func:`graphkit.analysis.linkpred.domain_affinity`, 0..1: how much more
often than chance ties join them). The fit is then taken relative to the
best candidate park of that pôle.

The parks are picked greedily: each step takes the park with the largest
``Σ value × (FIT_FLOOR + (1 - FIT_FLOOR) × relative fit)`` over its
meetings not yet covered by a chosen park (ties: the park id). So a park
far from the pôle's domains is chosen only when its meetings are much
stronger (the recommendations really are there).

Speed
-----
:func:`plan_missions` builds once, for every pôle: the membership index,
the academic partner of every SME (strongest tie), the parks of every
actor, the domain fit and the meetings by actor; each pôle then costs the
size of its own meetings (``benchmarks/bench_missions.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import GraphkitError
from ..model import ACADEMIC_TYPES
from ..network import Network, Ties
from . import linkpred as lp
from .recommend import check_actor, recommend

#: Threshold on ``score`` when the recommendations carry no calibrated
#: ``probability``: the case–control score reads 0.5 for "as likely as the
#: typical existing partnership", so 0.1 keeps pairs with at least a ninth
#: of those odds.
SCORE_THRESHOLD = 0.1

#: Weight of a park's meetings when its domains fit the pôle's least (the
#: best-fitting candidate park weighs 1).
FIT_FLOOR = 0.2

#: Specialities of a park that declares none: its members' most frequent.
MEMBER_DOMAINS = 3


@dataclass
class _Index:
    """What every pôle's plan reads, built once."""
    network: Network
    types: dict              # actor id -> type
    members: dict            # group id -> [member ids]
    parks_of: dict           # actor id -> [park ids] (itself when a park)
    academic: dict           # sme id -> academic partner id
    meetings: dict           # actor id -> [meeting dict], best first
    measure: str
    threshold: float | None
    vocab: list
    domains: dict            # actor id -> [domain index]
    affinity: np.ndarray     # domains x domains, 1 on the diagonal
    names: dict              # actor id -> name
    group_domains: dict = field(default_factory=dict)  # memo


def _measure(recs: pd.DataFrame) -> str:
    """``probability`` when the recommendations carry one (the time-aware
    ranking fills the column; the case–control score leaves it empty)."""
    if "probability" in recs.columns and recs["probability"].notna().any():
        return "probability"
    return "score"


def _list(v) -> list:
    if isinstance(v, (list, tuple, np.ndarray)):
        return [str(x) for x in v]
    if v is None or (isinstance(v, float) and np.isnan(v)) or v == "":
        return []
    return [x for x in str(v).split(";") if x]


def _academic_partners(network: Network, ties: Ties) -> dict:
    """SME id -> its strongest academic partner (tie weight, then id)."""
    t = network.ties(ties)
    types = network.actors["type"]
    s, d = t["source"].astype(object), t["target"].astype(object)
    w = t["weight"].astype(float) if "weight" in t else pd.Series(1.0, t.index)
    ts, td = s.map(types).to_numpy(), d.map(types).to_numpy()
    acad_d = np.isin(td, ACADEMIC_TYPES)
    acad_s = np.isin(ts, ACADEMIC_TYPES)
    pairs = pd.concat([
        pd.DataFrame({"sme": s[(ts == "sme") & acad_d].to_numpy(),
                      "ac": d[(ts == "sme") & acad_d].to_numpy(),
                      "w": w[(ts == "sme") & acad_d].to_numpy()}),
        pd.DataFrame({"sme": d[(td == "sme") & acad_s].to_numpy(),
                      "ac": s[(td == "sme") & acad_s].to_numpy(),
                      "w": w[(td == "sme") & acad_s].to_numpy()})])
    if not len(pairs):
        return {}
    g = pairs.groupby(["sme", "ac"], sort=False)["w"].sum().reset_index()
    g = g.sort_values(["sme", "w", "ac"], ascending=[True, False, True],
                      kind="mergesort").drop_duplicates("sme")
    return dict(zip(g["sme"], g["ac"]))


def _meetings(recs: pd.DataFrame, side: set, parks_of: dict, threshold,
              measure: str) -> dict:
    """actor id -> its meetings (recommendations of an actor of ``side``
    to someone in a park, at or above the threshold), best first."""
    if not len(recs):
        return {}
    keep = recs["partner_id"].isin(list(parks_of)).to_numpy(bool) \
        & recs["actor_id"].isin(list(side)).to_numpy(bool)
    value = pd.to_numeric(recs[measure], errors="coerce").to_numpy(float)
    keep &= ~np.isnan(value)
    if threshold is not None:
        keep &= value >= threshold
    r = recs[keep].assign(_value=value[keep])
    r = r.sort_values(["actor_id", "_value", "partner_id"],
                      ascending=[True, False, True], kind="mergesort")
    r = r.drop_duplicates(["actor_id", "partner_id"])

    def col(name, default=None):
        return r[name].astype(object).tolist() if name in r.columns \
            else [default] * len(r)

    def number(v, cast=float):
        return None if v is None or pd.isna(v) else round(cast(v), 6)

    out: dict[str, list] = {}
    for a, b, name, typ, cc, v, sc, h, why, prog, pnames in zip(
            col("actor_id"), col("partner_id"), col("partner_name"),
            col("partner_type"), col("partner_country"), col("_value"),
            col("score"), col("horizon_years"), col("reason_codes"),
            col("programmes"), col("programme_names")):
        out.setdefault(a, []).append({
            "id": b, "name": name, "type": typ, "country": cc,
            "value": round(float(v), 6),
            "probability": round(float(v), 6) if measure == "probability"
            else None,
            "score": number(sc), "horizon_years": number(h, int),
            "reason_codes": why if isinstance(why, str) else list(why or []),
            "programmes": _list(prog), "programme_names": _list(pnames)})
    return out


def _index(network: Network, recommendations: pd.DataFrame,
           ties: Ties, threshold=None) -> _Index:
    a = network.actors
    type_col = a["type"].astype(object)
    types = dict(zip(a.index, type_col))
    membership = network.membership(until=ties.until)
    members: dict[str, list] = {}
    parks_of: dict[str, list] = {}
    for actor, groups in membership.items():
        for g in groups:
            members.setdefault(g, []).append(actor)
            if types.get(g) == "park":
                parks_of.setdefault(actor, []).append(g)
    for k in a.index[type_col == "park"]:
        parks_of.setdefault(k, []).insert(0, k)
    pole_side = set(a.index[type_col == "pole"])
    for p in list(pole_side):
        pole_side.update(members.get(p, ()))
    measure = _measure(recommendations)
    if threshold is None and measure == "score":
        threshold = SCORE_THRESHOLD
    if threshold is None:
        threshold = recommendations.attrs.get("threshold")
    meetings = _meetings(recommendations, pole_side, parks_of,
                         threshold, measure)
    doms = lp.domains(network) if "sectors" in a.columns else None
    vocab = doms.vocab if doms is not None else []
    if vocab:
        bits = doms.bits
        affinity = lp.domain_affinity(lp.tie_matrix(network, ties), bits)
        np.fill_diagonal(affinity, 1.0)
        pos = {k: i for i, k in enumerate(a.index)}
        wanted = set(pole_side) | set(a.index[type_col == "park"])
        domains = {x: np.flatnonzero(bits[pos[x]]).tolist() for x in wanted}
    else:
        affinity, domains = np.zeros((0, 0)), {}
    name = a["name"].astype(object) if "name" in a.columns else \
        pd.Series(index=a.index, dtype=object)
    names = dict(zip(a.index, name.where(name.notna(), a.index.to_series())))
    return _Index(network, types, members, parks_of,
                  _academic_partners(network, ties), meetings, measure,
                  None if threshold is None else float(threshold), vocab,
                  domains, affinity, names)


def _group_domains(ix: _Index, g: str) -> list[int]:
    """A pôle's or park's domains: its own, else its members' most
    frequent (:data:`MEMBER_DOMAINS`)."""
    got = ix.group_domains.get(g)
    if got is not None:
        return got
    got = ix.domains.get(g) or []
    if not got:
        counts: dict[int, int] = {}
        for m in ix.members.get(g, ()):
            for d in ix.domains.get(m) or ():
                counts[d] = counts.get(d, 0) + 1
        got = [d for d, _ in sorted(counts.items(),
                                    key=lambda x: (-x[1], x[0]))[:MEMBER_DOMAINS]]
    ix.group_domains[g] = got
    return got


def _fit(ix: _Index, pole_dom: list[int], park_dom: list[int]):
    """(fit 0..1, the best (pôle domain, park domain) pair or None)."""
    if not pole_dom or not park_dom:
        return 0.0, None
    sub = ix.affinity[np.ix_(pole_dom, park_dom)]
    best = np.unravel_index(int(np.argmax(sub)), sub.shape)
    return float(sub.max(axis=1).mean()), (ix.vocab[pole_dom[best[0]]],
                                            ix.vocab[park_dom[best[1]]])


def _plan(ix: _Index, pole_id: str, parks: int) -> dict:
    net, types = ix.network, ix.types
    countries = net.actors["country"]
    side = [pole_id, *sorted(ix.members.get(pole_id, ()))]
    # park -> {(a, b): meeting}
    cover: dict[str, dict] = {}
    total = set()
    for a in side:
        for m in ix.meetings.get(a, ()):
            total.add((a, m["id"]))
            for k in ix.parks_of.get(m["id"], ()):
                cover.setdefault(k, {})[(a, m["id"])] = m
    pole_dom = _group_domains(ix, pole_id)
    fits = {k: _fit(ix, pole_dom, _group_domains(ix, k)) for k in cover}
    best_fit = max((f for f, _ in fits.values()), default=0.0)
    weight = {k: 1.0 if best_fit <= 0 else
              FIT_FLOOR + (1 - FIT_FLOOR) * fits[k][0] / best_fit
              for k in cover}
    chosen, covered = [], set()
    while len(chosen) < parks:
        best = None
        for k, pairs in cover.items():  # a chosen park has nothing new
            gain = sum(m["value"] for p, m in pairs.items()
                       if p not in covered)
            if gain <= 0:
                continue
            key = (-gain * weight[k], k)
            if best is None or key < best:
                best = key
        if best is None:
            break
        k = best[1]
        new = {p: m for p, m in cover[k].items() if p not in covered}
        covered |= set(new)
        chosen.append((k, new))
    out_parks = []
    for k, new in chosen:
        by_actor: dict[str, list] = {}
        for (a, _b), m in sorted(new.items(),
                                 key=lambda x: (-x[1]["value"], x[0])):
            by_actor.setdefault(a, []).append(m)
        delegation, others = [], []
        # travellers with the best meeting first (ties: id)
        for a, meet in sorted(by_actor.items(),
                              key=lambda x: (-x[1][0]["value"], x[0])):
            if types.get(a) == "sme":
                ac = ix.academic.get(a)
                delegation.append({
                    "sme_id": a, "sme_name": str(ix.names[a]),
                    "academic_id": ac,
                    "academic_name": str(ix.names[ac]) if ac else None,
                    "meet": meet})
            else:
                others.append({"actor_id": a, "actor_name": str(ix.names[a]),
                               "actor_type": types.get(a), "meet": meet})
        country = countries.get(k)
        fit, pair = fits[k]
        out_parks.append({
            "park_id": k, "park_name": str(ix.names[k]),
            "country": None if pd.isna(country) else str(country),
            "specialities": [ix.vocab[d] for d in _group_domains(ix, k)],
            "fit": round(fit, 6),
            "fit_domains": list(pair) if pair else None,
            "covered": len(new),
            "value": round(sum(m["value"] for m in new.values()), 6),
            "delegation": delegation, "others": others})
    horizons = {m.get("horizon_years") for _, new in chosen
                for m in new.values()} - {None}
    return {"pole_id": pole_id, "pole_name": str(ix.names[pole_id]),
            "pole_domains": [ix.vocab[d] for d in pole_dom],
            "measure": ix.measure, "threshold": ix.threshold,
            "horizon_years": horizons.pop() if len(horizons) == 1 else None,
            "parks_asked": parks, "parks_found": len(out_parks),
            "parks_qualifying": len(cover),
            "total": len(total),
            "covered": int(sum(p["covered"] for p in out_parks)),
            "parks": out_parks}


def _check(network: Network, pole_id: str, parks) -> None:
    check_actor(network, pole_id)
    if network.actors.at[pole_id, "type"] != "pole":
        raise GraphkitError(f"{pole_id!r} is not a pôle (it is a "
                            f"{network.actors.at[pole_id, 'type']})")
    if isinstance(parks, bool) or not isinstance(parks, (int, np.integer)) \
            or parks < 1:
        raise GraphkitError(f"parks must be a whole number ≥ 1, not {parks!r}")


def plan_mission(network: Network, pole_id: str, parks: int = 3,
                 recommendations: pd.DataFrame | None = None,
                 top: int = 20, ties: Ties | None = None,
                 threshold: float | None = None) -> dict:
    """The parks a pôle's delegation should visit (at most ``parks``), who
    travels, whom they meet and why (module docstring).

    Parameters
    ----------
    network : Network
    pole_id : str
        The pôle.
    parks : int
        How many parks to visit at most (K).
    recommendations : DataFrame, optional
        Output of :func:`~graphkit.analysis.recommend.recommend`; computed
        for the pôle and its members (``top`` each) when not given.
    ties : Ties, optional
        What counts as a tie (the academic partner each SME travels with,
        the memberships, the domains' complementarity).
    threshold : float, optional
        The least value of a meeting (default: the recommendations'
        ``attrs["threshold"]`` with a ``probability`` column, else
        :data:`SCORE_THRESHOLD`).

    Returns
    -------
    dict
        ``pole_id, pole_name, pole_domains``, ``measure`` ("probability" or
        "score"), ``threshold``, ``horizon_years``, ``parks_asked``,
        ``parks_found`` (fewer when fewer parks hold a meeting),
        ``parks_qualifying``, ``total`` (meetings of the pôle in any park),
        ``covered`` and ``parks``: one entry a chosen park, in the order
        chosen, with ``park_id, park_name, country, specialities, fit,
        fit_domains, covered, value`` and ``delegation``: one entry an SME
        with a meeting there — ``sme_id, sme_name, academic_id,
        academic_name`` (its strongest academic partner, None if it has
        none) and ``meet`` — then ``others``: the pôle itself and its other
        members with meetings there. A meeting is ``id, name, type,
        country, value, probability, score, horizon_years, reason_codes,
        programmes, programme_names``, the best first.

    Examples
    --------
    >>> import pandas as pd
    >>> recs = pd.DataFrame({"actor_id": ["s"], "partner_id": ["k"],
    ...                      "score": [0.5]})
    >>> a = pd.DataFrame({"id": ["p", "s", "l", "k"], "name": ["P", "S", "L", "K"],
    ...                   "type": ["pole", "sme", "lab", "park"],
    ...                   "country": ["FR", "FR", "FR", "CN"]})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "l"],
    ...                   "type": ["member_of", "academic_partner"]})
    >>> plan = plan_mission(Network(a, c), "p", parks=1, recommendations=recs)
    >>> [(x["park_id"], x["delegation"][0]["academic_id"]) for x in plan["parks"]]
    [('k', 'l')]
    """
    _check(network, pole_id, parks)
    ties = Ties.of(ties)
    if recommendations is None:
        side = [pole_id, *network.members(pole_id)]
        recommendations = recommend(network, actors=side, top=top, types=ties)
    return _plan(_index(network, recommendations, ties, threshold),
                 pole_id, int(parks))


def plan_missions(network: Network, recommendations: pd.DataFrame, *,
                  parks: int = 3, poles=None, ties: Ties | None = None,
                  threshold: float | None = None) -> dict:
    """pôle id -> :func:`plan_mission`, for every pôle (or the given ones),
    from one index of the network and the recommendations."""
    poles = sorted(network.actors_of_type("pole")) if poles is None \
        else list(poles)
    for p in poles:
        _check(network, p, parks)
    ix = _index(network, recommendations, Ties.of(ties), threshold)
    return {p: _plan(ix, p, int(parks)) for p in poles}


MISSION_COLUMNS = ["order", "park_id", "park_name", "park_country",
                   "traveller_id", "traveller_name", "with_academic",
                   "meet_id", "meet_name", "meet_type", "meet_country",
                   "value", "probability", "score", "horizon_years",
                   "reason_codes", "programme_names"]


def mission_table(plan: dict) -> pd.DataFrame:
    """One row a (park, traveller, partner to meet) of a plan, in the plan's
    order (the catalogue words it: :mod:`graphkit.texts.missions`)."""
    rows = []
    for order, park in enumerate(plan["parks"], 1):
        travellers = ([(d["sme_id"], d["sme_name"], d["academic_name"],
                        d["meet"]) for d in park["delegation"]]
                      + [(o["actor_id"], o["actor_name"], None, o["meet"])
                         for o in park["others"]])
        for tid, tname, academic, meet in travellers:
            for m in meet:
                rows.append(dict(zip(MISSION_COLUMNS, (
                    order, park["park_id"], park["park_name"],
                    park["country"], tid, tname, academic, m["id"],
                    m["name"], m["type"], m["country"], m["value"],
                    m["probability"], m["score"], m["horizon_years"],
                    m["reason_codes"], m["programme_names"]))))
    return pd.DataFrame(rows, columns=MISSION_COLUMNS)
