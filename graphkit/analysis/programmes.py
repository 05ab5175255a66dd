"""Which cooperation programme could fund a suggested partnership.

Eligibility is data: one :class:`ProgrammeRule` a programme, with the names
that identify its actor in the data, the first (and last) year it runs, and a
vectorised predicate over candidate pairs. A rule applies only when the
network holds a ``programme`` actor matching it (by id or by name), and only
when the year of reference (the latest year in the data unless given) is
within the programme's years. Adding a programme is a few lines.

Rules
-----
``phc_cai_yuanpei``
    PHC Cai Yuanpei (Partenariat Hubert Curien France–China, from 2009): a
    French lab with a Chinese lab.
``coopol``
    COOPOL (from 2008): a French SME that already has an academic partner,
    toward a Chinese science park (the park itself or one of its members).
``arcus``
    ARCUS (from 2007): a region-backed academic consortium — a French lab or
    training centre whose region is in the data as a ``region`` actor, or
    that has a tie with a region actor, with a foreign lab or training centre.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from ..model import ACADEMIC_TYPES, _fold
from ..network import Network


@dataclass
class PairContext:
    """What the predicates look at, one entry a candidate pair."""
    a_type: np.ndarray
    b_type: np.ndarray
    a_country: np.ndarray
    b_country: np.ndarray
    a_has_academic: np.ndarray  # a already has an academic partner
    b_has_academic: np.ndarray
    a_in_cn_park: np.ndarray  # a is a Chinese park or a member of one
    b_in_cn_park: np.ndarray
    a_region_backed: np.ndarray  # a's region is an actor / a is tied to one
    b_region_backed: np.ndarray

    @property
    def a_fr(self):
        return self.a_country == "FR"

    @property
    def b_fr(self):
        return self.b_country == "FR"


@dataclass(frozen=True)
class ProgrammeRule:
    key: str
    fr: str
    en: str
    names: tuple[str, ...]  # folded words that identify the programme actor
    since: int | None
    until: int | None
    eligible: Callable[[PairContext], np.ndarray] = field(compare=False)


def _phc(ctx):
    return ((ctx.a_type == "lab") & (ctx.b_type == "lab")
            & ((ctx.a_fr & (ctx.b_country == "CN"))
               | (ctx.b_fr & (ctx.a_country == "CN"))))


def _coopol(ctx):
    return (((ctx.a_type == "sme") & ctx.a_fr & ctx.a_has_academic
             & ctx.b_in_cn_park)
            | ((ctx.b_type == "sme") & ctx.b_fr & ctx.b_has_academic
               & ctx.a_in_cn_park))


def _arcus(ctx):
    a_ac = np.isin(ctx.a_type, ACADEMIC_TYPES)
    b_ac = np.isin(ctx.b_type, ACADEMIC_TYPES)
    return (a_ac & b_ac
            & ((ctx.a_fr & ctx.a_region_backed & ~ctx.b_fr)
               | (ctx.b_fr & ctx.b_region_backed & ~ctx.a_fr)))


PROGRAMMES: dict[str, ProgrammeRule] = {r.key: r for r in [
    ProgrammeRule("phc_cai_yuanpei", "PHC Cai Yuanpei", "PHC Cai Yuanpei",
                  ("cai yuanpei", "phc cai yuanpei", "phc_cai_yuanpei"),
                  2009, None, _phc),
    ProgrammeRule("coopol", "COOPOL", "COOPOL", ("coopol",), 2008, None,
                  _coopol),
    ProgrammeRule("arcus", "ARCUS", "ARCUS", ("arcus",), 2007, None, _arcus),
]}


def latest_year(network: Network) -> int | None:
    """The latest cooperation year in the data (None when no row has one)."""
    y = network.cooperations["year"].dropna()
    return int(y.max()) if len(y) else None


def programme_actors(network: Network) -> dict[str, str]:
    """Programme rule key -> id of the ``programme`` actor it matches.

    An actor matches a rule when its folded id or name contains one of the
    rule's names (``"PHC Cai Yuanpei (Chine)"`` matches ``phc_cai_yuanpei``).
    The first matching actor by id wins.
    """
    progs = network.actors[network.actors["type"] == "programme"]
    found: dict[str, str] = {}
    for actor_id in sorted(progs.index):
        words = (_fold(actor_id), _fold(progs.at[actor_id, "name"]))
        for key, rule in PROGRAMMES.items():
            if key in found:
                continue
            if any(_fold(n) in w for n in rule.names for w in words):
                found[key] = actor_id
    return found


def programme_context(network: Network, a_ids, b_ids,
                      tie_partners: dict[str, set] | None = None) -> PairContext:
    """Build the :class:`PairContext` of the pairs (a_ids[i], b_ids[i])."""
    actors = network.actors
    types = actors["type"].astype(object).to_numpy()
    country = actors["country"].astype(object).fillna("").map(
        lambda c: str(c).upper()).to_numpy()
    pos = actors.index.get_indexer
    ai, bi = pos(list(a_ids)), pos(list(b_ids))
    ties = network.ties()
    academic = set(actors.index[actors["type"].isin(ACADEMIC_TYPES)])
    has_ac = set(ties["source"][ties["target"].isin(academic)]) | set(
        ties["target"][ties["source"].isin(academic)])
    cn_parks = set(actors.index[(actors["type"] == "park")
                                & (actors["country"] == "CN")])
    in_cn_park = set(cn_parks)
    for member, groups in network.membership().items():
        if cn_parks.intersection(groups):
            in_cn_park.add(member)
    regions = actors[actors["type"] == "region"]
    region_names = {_fold(n) for n in regions["name"].dropna()} | {
        _fold(i) for i in regions.index}
    region_ids = set(regions.index)
    tied_to_region = set(ties["source"][ties["target"].isin(region_ids)]) | set(
        ties["target"][ties["source"].isin(region_ids)])
    backed = set(tied_to_region)
    if region_names:
        reg = actors["region"].dropna()
        backed |= set(reg.index[reg.map(lambda r: _fold(r) in region_names)])
    idx = actors.index.to_numpy(dtype=object)

    def flag(s, which):
        return np.array([x in s for x in idx[which]], dtype=bool)

    return PairContext(types[ai], types[bi], country[ai], country[bi],
                       flag(has_ac, ai), flag(has_ac, bi),
                       flag(in_cn_park, ai), flag(in_cn_park, bi),
                       flag(backed, ai), flag(backed, bi))


def eligible_programmes(network: Network, a_ids, b_ids, *,
                        year: int | None = None) -> list[list[str]]:
    """The programme actor ids each pair (a_ids[i], b_ids[i]) is eligible for.

    Only programmes present in the data count, and only those running in
    ``year`` (default: the latest year in the data).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["fr", "cn", "phc"], "name": ["L", "L", "PHC Cai Yuanpei"],
    ...                   "type": ["lab", "lab", "programme"],
    ...                   "country": ["FR", "CN", "FR"]})
    >>> c = pd.DataFrame({"source": ["fr"], "target": ["phc"],
    ...                   "type": ["funded_by"], "year": [2012]})
    >>> net = Network(a, c)
    >>> eligible_programmes(net, ["fr"], ["cn"])
    [['phc']]
    >>> eligible_programmes(net, ["fr"], ["cn"], year=2005)
    [[]]
    """
    a_ids, b_ids = list(a_ids), list(b_ids)
    out: list[list[str]] = [[] for _ in a_ids]
    if not a_ids:
        return out
    present = programme_actors(network)
    if year is None:
        year = latest_year(network)
    live = {k: v for k, v in present.items()
            if year is None
            or ((PROGRAMMES[k].since is None or year >= PROGRAMMES[k].since)
                and (PROGRAMMES[k].until is None or year <= PROGRAMMES[k].until))}
    if not live:
        return out
    ctx = programme_context(network, a_ids, b_ids)
    for key, actor_id in sorted(live.items()):
        ok = np.asarray(PROGRAMMES[key].eligible(ctx), dtype=bool)
        for i in np.flatnonzero(ok):
            out[i].append(actor_id)
    return out

