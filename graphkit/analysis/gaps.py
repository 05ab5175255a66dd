"""Structural gap rules: the cooperation that is missing and should exist.

Each rule of :data:`RULES` has a stable id (its name and description, in
French and English, are in the catalogue :mod:`graphkit.texts`), a weight (how much a gap of that kind matters) and a function
``(GapContext) -> list of rows``. The rules read the vocabulary
(:mod:`graphkit.model`: ``ACADEMIC_TYPES``, ``INDUSTRIAL_TYPES``,
``GROUP_TYPES``, ``is_french``), not hard-coded type names, so a new rule is a
few lines: write the function, add a :class:`GapRule`.

Ranking
-------
Every gap gets ``severity = weight × (1 + log(1 + magnitude)) × importance``:

- ``weight`` is the rule's weight (0–1): how much a gap of that kind matters;
- ``magnitude`` is the opportunity lost: the number of members of a pôle
  that does not cooperate abroad, the partners of an SME that works with
  firms but with no laboratory, the members of a park with no French
  partner, the past cooperations of a dormant partnership, the years a
  programme has been without a beneficiary...;
- ``importance`` (0.5–1.5) is how much the actor weighs: 0.5 plus the mean
  of its percentile ranks among all actors in members (for a pôle or a
  park), activity (cooperation rows, its members' included) and centrality
  (distinct partners, its members' included: a group reaches through its
  members); for a gap between two actors (a dormant partnership), the mean
  of both.

:func:`find_gaps` returns the rows by decreasing severity (then rule id,
actor id).

What is not a gap
-----------------
- A tie seen once (one cooperation row, one year) or made only of support
  rows (funding, supervision, support, membership, a visit, a seminar) is
  not a *dormant partnership*: only partnership ties
  (:data:`PARTNERSHIP_TYPES`) seen in at least two years can go dormant.
- A foreign actor's gap is reported only when it concerns a French actor
  (a French actor on either side, or a foreign park that no French actor
  reaches), unless ``foreign=True``.

A gap says what it found as codes and values, never as a sentence:
``detail_code`` (a key of the catalogue's ``gap.*`` texts) and
``detail_values`` (a JSON-ready dict: names, counts, years); the outputs
write the sentence in the reader's language
(:func:`graphkit.texts.gap_detail`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from ..errors import GraphkitError
from ..model import (ACADEMIC_TYPES, GROUP_TYPES, INDUSTRIAL_TYPES, is_french)
from ..network import Network, Ties
from .programmes import latest_year

GAP_COLUMNS = ("rule_id", "actor_id", "actor_name", "other_id", "other_name",
               "detail_code", "detail_values", "severity", "magnitude",
               "importance")

#: Tie types that make a partnership, which can go dormant (funding,
#: supervision, support, membership, visits and seminars cannot).
PARTNERSHIP_TYPES: tuple[str, ...] = ("rd_partnership", "academic_partner",
                                      "training")

#: Rules whose gap concerns French actors whoever it names (a foreign park
#: that no French actor reaches).
_FRENCH_CONCERN = ("G4_PARK_NO_FRENCH",)


@dataclass
class GapContext:
    """What the rules look at, computed once."""
    network: Network
    dormant_years: int
    programme_years: int
    latest: int | None
    partners: dict[str, set]  # actor -> actors it has a tie with
    membership: dict[str, list[str]]
    ties: Ties = field(default_factory=Ties)
    importance: dict = field(default_factory=dict)  # actor -> 0.5–1.5

    def name(self, actor_id) -> str:
        return self.network.name(actor_id)

    def type(self, actor_id) -> str:
        return self.network.actors.at[actor_id, "type"]

    def country(self, actor_id):
        return self.network.actors.at[actor_id, "country"]

    def partners_of_types(self, actor_id, types) -> set:
        t = self.network.actors["type"]
        return {p for p in self.partners.get(actor_id, ()) if t.get(p) in types}


@dataclass(frozen=True)
class GapRule:
    id: str
    weight: float
    find: Callable[[GapContext], list[dict]] = field(compare=False)


def _row(ctx, actor_id, code, values, magnitude=0.0, other_id=None):
    return {"actor_id": actor_id, "actor_name": ctx.name(actor_id),
            "other_id": other_id,
            "other_name": ctx.name(other_id) if other_id is not None else None,
            "detail_code": code, "detail_values": values,
            "magnitude": float(magnitude)}


def _sme_no_academic(ctx: GapContext) -> list[dict]:
    rows = []
    poles = set(ctx.network.actors_of_type("pole"))
    for a in ctx.network.actors_of_type("sme"):
        groups = [g for g in ctx.membership.get(a, ()) if g in poles]
        if groups and not ctx.partners_of_types(a, ACADEMIC_TYPES):
            # an SME that already works with partners, but no laboratory,
            # loses more than one that works with nobody yet
            rows.append(_row(ctx, a, "sme_no_academic",
                             {"groups": [ctx.name(g) for g in groups]},
                             len(ctx.partners.get(a, ())), groups[0]))
    return rows


def _lab_no_industrial(ctx: GapContext) -> list[dict]:
    rows = []
    for a in ctx.network.actors_of_type("lab"):
        if not ctx.partners_of_types(a, INDUSTRIAL_TYPES):
            n = len(ctx.partners.get(a, ()))
            rows.append(_row(ctx, a, "lab_no_industrial", {"n": n}, n))
    return rows


def _group_reaches(ctx: GapContext, group_id, reached) -> tuple[list, bool]:
    """The members of a pôle or park, and whether the group itself or any
    member has a partner for which ``reached(partner_id)`` holds."""
    members = ctx.network.members(group_id)
    return members, any(reached(q) for m in [group_id, *members]
                        for q in ctx.partners.get(m, ()))


def _pole_not_abroad(ctx: GapContext) -> list[dict]:
    rows = []
    country = ctx.network.actors["country"]

    def abroad(q):
        return not pd.isna(country.get(q)) and not is_french(country.get(q))

    for p in ctx.network.actors_of_type("pole"):
        members, reached = _group_reaches(ctx, p, abroad)
        if not reached:
            rows.append(_row(ctx, p, "pole_not_abroad", {"n": len(members)},
                             len(members)))
    return rows


def _park_no_french(ctx: GapContext) -> list[dict]:
    rows = []
    country = ctx.network.actors["country"]
    for k in ctx.network.actors_of_type("park"):
        if is_french(country.get(k)):
            continue
        members, reached = _group_reaches(
            ctx, k, lambda q: is_french(country.get(q)))
        if not reached:
            rows.append(_row(ctx, k, "park_no_french", {"n": len(members)},
                             len(members)))
    return rows


def _isolated(ctx: GapContext) -> list[dict]:
    rows = []
    for a in ctx.network.actors.index:
        if not ctx.partners.get(a):
            groups = ctx.membership.get(a, [])
            rows.append(_row(ctx, a, "isolated", {"n": len(groups)},
                             len(groups)))
    return rows


def _dormant(ctx: GapContext) -> list[dict]:
    if ctx.latest is None:
        return []
    tt = ctx.network.tie_table(ctx.ties)
    partnership = tt["types"].map(
        lambda ts: any(x in PARTNERSHIP_TYPES for x in ts))
    lasting = tt["first_year"].notna() & (tt["last_year"] > tt["first_year"])
    tt = tt[tt["last_year"].notna() & partnership & lasting]
    cutoff = ctx.latest - ctx.dormant_years
    rows = []
    for u, v, last, w in zip(tt["u"], tt["v"], tt["last_year"], tt["count"]):
        if last <= cutoff:
            if is_french(ctx.country(v)) and not is_french(ctx.country(u)):
                u, v = v, u  # the French side is the actor concerned
            gap = ctx.latest - int(last)
            rows.append(_row(ctx, u, "dormant_tie",
                             {"other": ctx.name(v), "last": int(last),
                              "n": gap}, w, v))
    return rows


def _programme_idle(ctx: GapContext) -> list[dict]:
    if ctx.latest is None:
        return []
    c = ctx.network.cooperations
    if ctx.ties.since is not None:
        c = c[(c["year"] >= ctx.ties.since).fillna(False).to_numpy(bool)]
    if ctx.ties.until is not None:
        c = c[(c["year"] <= ctx.ties.until).fillna(False).to_numpy(bool)]
    since = ctx.latest - ctx.programme_years + 1
    rows = []
    for p in ctx.network.actors_of_type("programme"):
        uses = c[(c["programme"] == p)
                 | ((c["type"] == "funded_by") & (c["target"] == p))]
        years = uses["year"].dropna()
        if not (years >= since).any():
            last = int(years.max()) if len(years) else None
            idle = ctx.programme_years if last is None else ctx.latest - last
            rows.append(_row(
                ctx, p, "programme_idle" if last else "programme_never",
                {"n": ctx.programme_years, **({"last": last} if last else {})},
                idle))
    return rows


RULES: dict[str, GapRule] = {r.id: r for r in [
    GapRule("G1_SME_NO_ACADEMIC", 0.8, _sme_no_academic),
    GapRule("G2_LAB_NO_INDUSTRIAL", 0.7, _lab_no_industrial),
    GapRule("G3_POLE_NOT_ABROAD", 1.0, _pole_not_abroad),
    GapRule("G4_PARK_NO_FRENCH", 0.6, _park_no_french),
    GapRule("G5_ISOLATED", 0.3, _isolated),
    # a partnership that already worked is the cheapest to revive
    GapRule("G6_DORMANT_TIE", 0.8, _dormant),
    GapRule("G7_PROGRAMME_IDLE", 0.6, _programme_idle),
]}


def importance(network: Network, partners: dict[str, set],
               ties: Ties | None = None) -> dict:
    """How much each actor weighs, 0.5–1.5: 0.5 plus the mean of its
    percentile ranks in members, activity (cooperation rows of the tie
    definition, its members' included) and centrality (distinct partners
    outside the group, its members' included).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "s", "l"], "name": ["P", "S", "L"],
    ...                   "type": ["pole", "sme", "lab"], "country": ["FR"] * 3})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "l"],
    ...                   "type": ["member_of", "rd_partnership"]})
    >>> importance(Network(a, c), {"s": {"l"}, "l": {"s"}})
    {'p': 1.277778, 's': 1.111111, 'l': 1.111111}
    """
    ids = list(network.actors.index)
    if not ids:
        return {}
    rows = network.ties(ties)
    act = pd.concat([rows["source"], rows["target"]]).value_counts()
    members, activity, reach = {}, {}, {}
    for a in ids:
        ms = network.members(a)
        group = {a, *ms}
        members[a] = len(ms)
        activity[a] = sum(int(act.get(m, 0)) for m in group)
        reach[a] = len({q for m in group for q in partners.get(m, ())} - group)
    ranks = pd.DataFrame({"m": members, "a": activity, "r": reach}).rank(pct=True)
    return (0.5 + ranks.mean(axis=1)).round(6).to_dict()


def gap_context(network: Network, *, dormant_years: int = 5,
                programme_years: int = 5,
                ties: Ties | None = None) -> GapContext:
    ties = Ties.of(ties)
    tt = network.tie_table(ties)
    partners: dict[str, set] = {}
    for s, d in zip(tt["u"], tt["v"]):
        partners.setdefault(s, set()).add(d)
        partners.setdefault(d, set()).add(s)
    latest = latest_year(network)
    if ties.until is not None and latest is not None:
        latest = min(latest, ties.until)
    return GapContext(network, dormant_years, programme_years,
                      latest, partners,
                      network.membership(ties.since, ties.until), ties,
                      importance(network, partners, ties))


def _concerns_french(ctx: GapContext, rule_id: str, row: dict) -> bool:
    if rule_id in _FRENCH_CONCERN:
        return True
    return any(a is not None and is_french(ctx.country(a))
               for a in (row["actor_id"], row["other_id"]))


def find_gaps(network: Network, *, ties: Ties | None = None,
              dormant_years: int = 5, programme_years: int = 3,
              rules=None, foreign: bool = False) -> pd.DataFrame:
    """Every structural gap of ``network``, most important first.

    Parameters
    ----------
    network : Network
    ties : Ties, optional
        What counts as a tie (default: every type but membership, all
        years); the rules see only these ties and memberships of the window,
        and "the latest year" is the window's end when it has one.
    dormant_years : int
        A tie is dormant when its last cooperation is at least this many
        years before the latest year in the data.
    programme_years : int
        A programme is idle when none of the cooperations it funds (its id in
        ``programme``, or a ``funded_by`` tie to it) is in the last
        ``programme_years`` years of the data.
    rules : iterable of str, optional
        Rule ids to apply (default: every rule of :data:`RULES`).

    Returns
    -------
    DataFrame
        ``rule_id, actor_id, actor_name, other_id, other_name,
        detail_code, detail_values, severity, magnitude, importance``,
        sorted by decreasing ``severity`` (see the
        module docstring), then ``rule_id`` and ``actor_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "s"], "name": ["Pôle", "PME"],
    ...                   "type": ["pole", "sme"], "country": ["FR", "FR"]})
    >>> c = pd.DataFrame({"source": ["s"], "target": ["p"], "type": ["member_of"]})
    >>> find_gaps(Network(a, c), rules=["G1_SME_NO_ACADEMIC"])["actor_id"].tolist()
    ['s']
    """
    for name, value in (("dormant_years", dormant_years),
                        ("programme_years", programme_years)):
        if not isinstance(value, (int, np.integer)) or value < 1:
            raise GraphkitError(f"{name} must be a whole number of years ≥ 1, "
                                f"not {value!r}")
    chosen = list(RULES) if rules is None else list(rules)
    unknown = [r for r in chosen if r not in RULES]
    if unknown:
        raise GraphkitError(f"unknown gap rules: {', '.join(unknown)} "
                            f"(known: {', '.join(RULES)})")
    ctx = gap_context(network, dormant_years=dormant_years,
                      programme_years=programme_years, ties=ties)
    rows = []
    for rid in chosen:
        rule = RULES[rid]
        for row in rule.find(ctx):
            if not foreign and not _concerns_french(ctx, rid, row):
                continue
            row["rule_id"] = rid
            ends = [a for a in (row["actor_id"], row["other_id"])
                    if a is not None] if rid == "G6_DORMANT_TIE" \
                else [row["actor_id"]]
            row["importance"] = float(np.mean(
                [ctx.importance.get(a, 1.0) for a in ends]))
            row["severity"] = round(
                rule.weight * (1.0 + math.log1p(max(row["magnitude"], 0.0)))
                * row["importance"], 6)
            rows.append(row)
    df = pd.DataFrame(rows, columns=list(GAP_COLUMNS))
    df = df.astype({"rule_id": object, "actor_id": object, "actor_name": object,
                    "other_id": object, "other_name": object,
                    "detail_code": object, "detail_values": object,
                    "severity": float, "magnitude": float,
                    "importance": float})
    df = df.sort_values(["severity", "rule_id", "actor_id", "other_id"],
                        ascending=[False, True, True, True], kind="mergesort",
                        na_position="first")
    return df.reset_index(drop=True)

