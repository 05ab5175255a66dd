"""Explained partner recommendations for every French SME, lab and pôle.

How a pair is found
-------------------
Candidates of an actor come from two places:

* the network: every actor two hops away over the cooperation graph (sparse
  products, :mod:`graphkit.analysis.linkpred`) that is not a partner yet, at
  most ``max_two_hop`` per actor (those with the highest Adamic–Adar);
* the themes: an inverted index by domain. For each domain an actor works in
  (``sectors``) or looks for (``seeks``), the ``theme_per_domain``
  best-connected actors of every type that fits its role and work in that
  domain, and those that look for a domain it works in. They need not be
  anywhere near it in the graph.

A pair is never a candidate when it is the same actor, when the two are
already partners (any tie, membership included) or when :data:`ROLE_FIT`
gives their two types 0 and the data does not show these two types
partnering (fewer than :data:`MIN_TYPE_TIES` R&D or academic partnerships:
:func:`recommendable`).

How a pair is scored
--------------------
Components (all in the output):

``common_partners``
    number of common partners; ``adamic_adar`` Σ 1/log(deg(z)) and
    ``resource_allocation`` Σ 1/deg(z) over the common partners z.
``theme``
    the mean of three numbers in 0..1: the Jaccard overlap of the two
    actors' sectors, the seeks match (domains one seeks that the other
    works in, both ways, over the domains both seek) and the
    complementarity (the largest affinity between a domain of one and a
    domain of the other, :func:`graphkit.analysis.linkpred.domain_affinity`:
    how much more often than chance ties join those domains in the data).
``role_fit``
    from :data:`ROLE_FIT`: how much sense the pair of types makes, within a
    country and across borders (lab–lab across borders 1, within 0.5...).

The combined ``score`` (0..1) comes from a model of how ties form in the
network at hand, fitted on its own ties
(:mod:`graphkit.analysis.scoremodel`): the odds of a pair grow with the
popularity of its ends, with its common partners (log), with a sought
domain the other works in, a shared domain, a pair of domains tied
significantly more often than chance
(:func:`~graphkit.analysis.linkpred.complementary_domains`) and a shared
pôle or park, and depend on its pair of types within a country or across
borders — each effect measured as how much more often than popularity
alone it comes with a tie in the data. :data:`ROLE_FIT` is the prior of
the type effects, which a network with few ties keeps, and a filter the
data overrules: a pair of types it gives 0 is recommended where the data
shows such pairs partnering (prior :data:`UNLISTED_FIT`). 0.5 reads "as likely as the
typical existing partnership". The back-test
(:func:`graphkit.analysis.evaluate.evaluate`, ``benchmarks/bench_backtest.py``)
calibrated the popularity exponent (:data:`WEIGHTS`).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import GraphkitError
from ..model import ACTOR_TYPES, _fold
from ..network import Network, Ties
from ..progress import track
from . import linkpred as lp
from . import scoremodel as sm
from . import temporal as tp
from . import choice as ch
from .programmes import PROGRAMMES, eligible_programmes, programme_actors

#: (type a, type b) -> (fit within one country, fit across borders). Pairs
#: not listed are candidates only where the data shows the two types
#: partnering (:func:`recommendable`).
ROLE_FIT: dict[frozenset, tuple[float, float]] = {frozenset(k): v for k, v in {
    ("sme", "lab"): (1.0, 1.0),
    ("sme", "training_centre"): (0.6, 0.6),
    ("sme", "company"): (0.6, 0.7),
    ("sme", "sme"): (0.4, 0.5),
    ("sme", "park"): (0.3, 0.8),
    ("lab", "lab"): (0.5, 1.0),
    ("lab", "company"): (0.8, 0.8),
    ("lab", "training_centre"): (0.5, 0.6),
    ("lab", "park"): (0.3, 0.6),
    ("training_centre", "training_centre"): (0.3, 0.6),
    ("training_centre", "company"): (0.5, 0.5),
    ("company", "company"): (0.3, 0.4),
    ("company", "park"): (0.2, 0.5),
    ("pole", "park"): (0.5, 1.0),
    ("pole", "pole"): (0.0, 0.6),
    ("pole", "lab"): (0.0, 0.4),
    ("pole", "company"): (0.0, 0.3),
}.items()}

#: Actor types recommended for by default (French actors only).
DEFAULT_SOURCE_TYPES = ("sme", "lab", "pole")

#: Tuning of the combined score (:mod:`graphkit.analysis.scoremodel`):
#: ``popularity`` the exponent of the degree term, ``prior_strength`` the
#: ridge toward the prior, ``max_cases`` the ties (and as many controls) the
#: model is fitted on at most (a seeded sample beyond).
WEIGHTS = {"popularity": sm.POPULARITY, "prior_strength": sm.PRIOR_STRENGTH,
           "max_cases": 100_000}

COLUMNS = ("actor_id", "actor_name", "actor_type", "partner_id",
           "partner_name", "partner_type", "partner_country", "rank", "score",
           "common_partners", "adamic_adar", "resource_allocation", "theme",
           "role_fit", "shared_domains", "seeks_match", "broker_id",
           "broker_name", "reason_codes", "programmes", "programme_names",
           "international", "probability", "horizon_years")

#: Common partners named in a reason (the others are counted).
REASON_NAMES = 3


def _type_codes():
    keys = list(ACTOR_TYPES)
    code = {k: i for i, k in enumerate(keys)}
    n = len(keys)
    same = np.zeros((n, n))
    cross = np.zeros((n, n))
    for pair, (s, c) in ROLE_FIT.items():
        a, b = (tuple(pair) * 2)[:2]
        same[code[a], code[b]] = same[code[b], code[a]] = s
        cross[code[a], code[b]] = cross[code[b], code[a]] = c
    return code, same, cross


#: Prior role fit of a pair of types :data:`ROLE_FIT` does not list: such a
#: pair is recommended only where the data shows its types partnering
#: (:data:`MIN_TYPE_TIES`), and its type effect is then learnt from them.
UNLISTED_FIT = 0.05


def _cells():
    """The cells of the score model: (type a, type b, across borders), one
    per pair of types. Returns ``(index, prior, names, listed)``:
    ``index[ta, tb, border]`` the cell's column, ``prior`` log(role fit)
    (log :data:`UNLISTED_FIT` where the table gives 0), ``names``
    ("sme-lab across borders"...) and ``listed`` (the table gives more
    than 0) per column."""
    _, same, cross = _type_codes()
    n = len(same)
    index = np.full((n, n, 2), -1, dtype=np.int64)
    prior, names, listed = [], [], []
    keys = list(ACTOR_TYPES)
    for a in range(n):
        for b in range(a, n):
            for border, fit in ((0, same[a, b]), (1, cross[a, b])):
                index[a, b, border] = index[b, a, border] = len(prior)
                prior.append(np.log(fit if fit > 0 else UNLISTED_FIT))
                listed.append(fit > 0)
                names.append(f"{keys[a]}-{keys[b]}"
                             + (" across borders" if border else ""))
    return index, np.array(prior), names, np.array(listed)


@dataclass
class Prepared:
    """Everything the scoring needs, computed once per network view."""
    network: Network
    tm: lp.TieMatrix
    tcode: np.ndarray  # type code of each actor
    country: np.ndarray  # upper-case country or ""
    ccode: np.ndarray  # country code (0 = unknown)
    sectors: np.ndarray  # uint64 masks
    seeks: np.ndarray
    vocab: list[str]
    member_keys: np.ndarray  # sorted keys r*n+c of member_of pairs (both ways)
    bits: np.ndarray  # (actors x domains) sectors, boolean
    best: np.ndarray  # linkpred.best_affinity of the sectors
    groups: "sp.csr_matrix"  # (actors x actors) membership of pôles/parks
    best_sig: np.ndarray  # linkpred.best_affinity of complementary_domains
    weights: dict
    spec: Ties | None = None  # the ties this view was built from
    type_ok: np.ndarray | None = None  # (types x types) partnered in the data

    @property
    def n(self):
        return len(self.tm.ids)

    @cached_property
    def cell_ok(self) -> np.ndarray:
        """Per cell of the score model: may its pairs be recommended (the
        role fit gives more than 0, or the data shows the two types
        partnering, :func:`recommendable`)."""
        index, _, _, listed = _CELLS
        ok = listed.copy()
        if self.type_ok is not None:
            ta, tb = np.nonzero(self.type_ok)
            ok[index[ta, tb, 0]] = True
            ok[index[ta, tb, 1]] = True
        return ok

    @cached_property
    def affinity(self):
        """:func:`linkpred.affinity_table` of ``best``, built once."""
        return lp.affinity_table(self.bits, self.best)

    @cached_property
    def affinity_sig(self):
        """:func:`linkpred.affinity_table` of ``best_sig``, built once."""
        return lp.affinity_table(self.bits, self.best_sig)

    @cached_property
    def model(self) -> sm.ScoreModel:
        """The case–control model, fitted on this network's ties (the
        fallback of :attr:`ranker`)."""
        return fit_model(self)

    @cached_property
    def history(self) -> tp.History:
        """:func:`graphkit.analysis.temporal.history` of this view, built
        once (the features of every block of candidates read it)."""
        return tp.history(self)

    @cached_property
    def ranker(self) -> tp.RankModel:
        """The time-aware ranking learnt from this network's history
        (:mod:`graphkit.analysis.temporal`), or the fallback."""
        model = tp.fit_rank_model(self.network, self.spec or Ties.of(),
                                  weights=self.weights)
        if not model.time_aware:
            model.fallback = self.model
        return model

    @cached_property
    def choice(self) -> ch.Choice:
        """The ranking ``ranking="auto"`` uses, chosen by a back-test on
        this view's own latest year (:mod:`graphkit.analysis.choice`)."""
        return ch.choose_ranking(self.network, self.spec or Ties.of(),
                                 weights=self.weights)


def _weights(weights: dict | None) -> dict:
    unknown = set(weights or ()) - set(WEIGHTS)
    if unknown:
        raise GraphkitError(f"unknown weight(s) {', '.join(sorted(unknown))} "
                            f"(known: {', '.join(WEIGHTS)})")
    return dict(WEIGHTS, **(weights or {}))


def prepare(network: Network, *, types=None, since=None, until=None,
            weights: dict | None = None) -> Prepared:
    """Tie matrix, type codes, countries and domain masks of ``network``
    (``types`` may be a :class:`Ties`)."""
    spec = types if isinstance(types, Ties) else Ties.of(types, since, until)
    until = spec.until
    tm = lp.tie_matrix(network, spec)
    code, _, _ = _type_codes()
    actors = network.actors
    tcode = actors["type"].map(code).fillna(-1).astype(int).to_numpy()
    country = actors["country"].astype(object).map(
        lambda c: "" if pd.isna(c) else str(c).upper()).to_numpy(dtype=object)
    doms = lp.domains(network)
    vocab = doms.vocab
    m = network.ties(("member_of",), None, until)
    s = tm.ids.get_indexer(m["source"])
    d = tm.ids.get_indexer(m["target"])
    ok = (s >= 0) & (d >= 0)
    n = len(tm.ids)
    keys = np.unique(np.concatenate([s[ok].astype(np.int64) * n + d[ok],
                                     d[ok].astype(np.int64) * n + s[ok]]))
    sectors, bits = doms.sectors, doms.bits
    best = lp.best_affinity(bits, lp.domain_affinity(tm, bits))
    best_sig = lp.best_affinity(bits, lp.complementary_domains(tm, bits))
    G = sp.csr_matrix((np.ones(ok.sum()), (s[ok], d[ok])), shape=(n, n))
    G.data[:] = 1.0
    _, ccode = np.unique(country.astype(str), return_inverse=True)
    ccode = np.where(country == "", -1, ccode.ravel())
    return Prepared(network, tm, tcode, country, ccode, sectors,
                    doms.seeks, vocab, keys,
                    bits, best, G.tocsr(), best_sig, _weights(weights), spec,
                    _types_partnered(network, spec, tcode, tm))


#: Partnerships between two actor types that make the pair recommendable
#: even where :data:`ROLE_FIT` says 0 (the data overrules the table).
MIN_TYPE_TIES = 5
PARTNERSHIP_TYPES = ("rd_partnership", "academic_partner")


def _types_partnered(network, spec, tcode, tm) -> np.ndarray:
    k = len(ACTOR_TYPES)
    t = network.ties(Ties(tuple(x for x in spec.types
                                if x in PARTNERSHIP_TYPES) or ("rd_partnership",),
                          spec.since, spec.until))
    s = tm.ids.get_indexer(t["source"])
    d = tm.ids.get_indexer(t["target"])
    ok = (s >= 0) & (d >= 0)
    ts, td = tcode[s[ok]], tcode[d[ok]]
    ok = (ts >= 0) & (td >= 0)
    counts = np.zeros((k, k), np.int64)
    np.add.at(counts, (ts[ok], td[ok]), 1)
    counts = counts + counts.T
    return counts >= MIN_TYPE_TIES


_CELLS = _cells()


def role_fit(prep: Prepared, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Role fit of the pairs (r, c) (row positions), 0 when impossible."""
    _, same, cross = _type_codes()
    ta, tb = prep.tcode[r], prep.tcode[c]
    valid = (ta >= 0) & (tb >= 0)
    ta, tb = np.where(valid, ta, 0), np.where(valid, tb, 0)
    ca, cb = prep.ccode[r], prep.ccode[c]
    border = (ca >= 0) & (cb >= 0) & (ca != cb)
    fit = np.where(border, cross[ta, tb], same[ta, tb])
    return np.where(valid & (r != c), fit, 0.0)


def _theme_pairs(prep: Prepared, rows: np.ndarray, per_domain: int):
    """The inverted index by domain (see module doc), built once for the
    sources at ``rows``: returns ``pairs(block)``, the (r, c) pairs of the
    sources in ``block`` (some of ``rows``)."""
    n = prep.n
    D = len(prep.vocab)
    if not D or per_domain <= 0:
        return lambda block: (np.zeros(0, np.int64), np.zeros(0, np.int64))
    _, same, cross = _type_codes()
    fits = np.maximum(same, cross) > 0
    if prep.type_ok is not None:
        fits = fits | prep.type_ok

    def incidence(masks):
        bits = np.unpackbits(masks.view(np.uint8), axis=1, bitorder="little")
        a, d = np.nonzero(bits[:, :D])
        return a.astype(np.int64), d.astype(np.int64)

    has_a, has_d = incidence(prep.sectors)
    seek_a, seek_d = incidence(prep.seeks)

    def top_index(a, d):
        """Per (domain, type): the ``per_domain`` actors of highest degree,
        grouped by domain: ``(first, t, c)``, the actors of domain k at
        ``first[k]:first[k + 1]``."""
        t = prep.tcode[a]
        keep = t >= 0
        a, d, t = a[keep], d[keep], t[keep]
        order = np.lexsort((a, -prep.tm.deg[a], t, d))
        a, d, t = a[order], d[order], t[order]
        grp = d * 1000 + t
        starts = np.r_[0, np.flatnonzero(grp[1:] != grp[:-1]) + 1]
        rank = np.arange(len(a)) - np.repeat(starts, np.diff(np.r_[starts, len(a)]))
        keep = rank < per_domain
        first = np.r_[0, np.cumsum(np.bincount(d[keep], minlength=D))]
        return first, t[keep], a[keep]

    is_src = np.zeros(n, bool)
    is_src[rows] = True
    # source domains: what it works in or seeks -> actors working in it
    sd = np.unique(np.r_[has_a, seek_a] * D + np.r_[has_d, seek_d])
    sd = sd[is_src[sd // D]]
    # source works in d -> actors seeking d
    sw = has_a * D + has_d
    sw = sw[is_src[has_a]]
    joins = [(sd, top_index(has_a, has_d)), (sw, top_index(seek_a, seek_d))]

    def pairs(block):
        in_block = np.zeros(n, bool)
        in_block[block] = True
        out_r, out_c = [], []
        for left, (first, t, c) in joins:
            left = left[in_block[left // D]]
            r, d = left // D, left % D
            size = first[d + 1] - first[d]
            at = np.repeat(first[d] - np.cumsum(size) + size, size) \
                + np.arange(int(size.sum()))
            r = np.repeat(r, size)
            ok = fits[prep.tcode[r], t[at]] & (r != c[at])
            out_r.append(r[ok])
            out_c.append(c[at][ok])
        return np.concatenate(out_r), np.concatenate(out_c)

    return pairs


def _popular_actors(prep: Prepared, popular: int) -> np.ndarray:
    """The ``popular`` actors of most partners in the latest year (then
    most partners in all), each with a partner."""
    if popular <= 0:
        return np.zeros(0, np.int64)
    tm = prep.tm
    last = tm.last
    t = last.data.max() if last.nnz else 0
    recent = np.bincount(last.tocoo().row[last.tocoo().data >= t],
                         minlength=prep.n) if last.nnz else np.zeros(prep.n)
    order = np.lexsort((np.arange(prep.n), -tm.deg, -recent))
    top = order[:popular]
    return top[tm.deg[top] > 0].astype(np.int64)


def recommendable(prep: Prepared, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Pairs that may be recommended: the role fit gives their types more
    than 0, or the data holds at least :data:`MIN_TYPE_TIES` partnerships
    (R&D or academic) between these two types."""
    cell = _cell_of(prep, r, c)
    return (cell >= 0) & prep.cell_ok[np.maximum(cell, 0)]


def _cell_of(prep: Prepared, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The score model's cell of the pairs (r, c) (:func:`_cells`): their
    pair of types, within a country or across borders; -1 when a type is
    unknown or the pair is one actor."""
    ta, tb = prep.tcode[r], prep.tcode[c]
    ca, cb = prep.ccode[r], prep.ccode[c]
    border = ((ca >= 0) & (cb >= 0) & (ca != cb)).astype(np.int64)
    valid = (ta >= 0) & (tb >= 0) & (r != c)
    return np.where(valid, _CELLS[0][np.maximum(ta, 0), np.maximum(tb, 0),
                                     border], -1)


def candidates(prep: Prepared, rows, *, max_two_hop: int = 60,
               theme_per_domain: int = 10, popular: int = 0,
               chunk: int = 4096,
               progress: bool = False) -> pd.DataFrame:
    """Every candidate pair of the actors at row positions ``rows``, scored.

    Returns a DataFrame of row positions ``r``, ``c`` (ordered by ``r``
    then ``c``) and the components ``common_partners, adamic_adar,
    resource_allocation, jaccard, preferential_attachment, theme,
    role_fit`` and the :func:`pair_parts` the score model reads (pairs
    already tied, or that :func:`recommendable` does not allow, are
    removed). Common partners, Adamic–Adar and resource allocation are
    measured for every pair, however it was found. ``popular`` adds the
    actors most active in the latest year to every source's candidates.
    The tables of :func:`candidate_blocks`, one after the other.
    """
    return pd.concat(list(candidate_blocks(
        prep, rows, max_two_hop=max_two_hop,
        theme_per_domain=theme_per_domain, popular=popular, chunk=chunk,
        progress=progress)), ignore_index=True)


def candidate_blocks(prep: Prepared, rows, *, max_two_hop: int = 60,
                     theme_per_domain: int = 10, popular: int = 0,
                     chunk: int = 4096, progress: bool = False):
    """The table of :func:`candidates`, one block of sources at a time (at
    least one table, maybe empty): every block's pairs are found, measured
    and may be ranked before the next block's exist, so the memory holds
    one block (of :func:`~graphkit.analysis.linkpred.two_hop_blocks`),
    never every candidate of every source."""
    rows = np.unique(np.asarray(rows, dtype=np.int64))
    tm = prep.tm
    n = np.int64(prep.n)
    plan = lp.two_hop_blocks(tm, rows, chunk, max_two_hop)
    two_hop = lp.two_hop_pairs(tm, rows, max_per_row=max_two_hop,
                               blocks=plan)
    theme = _theme_pairs(prep, rows, theme_per_domain)
    popular_c = _popular_actors(prep, popular)
    A = tm.A.tocoo()
    tie_keys = np.unique(A.row.astype(np.int64) * n + A.col)
    del A
    if not plan:
        yield _block_candidates(prep, None, theme(rows), tie_keys)
        return
    for block, found in track(zip(plan, two_hop), total=len(plan),
                              desc="two-hop pairs", enabled=progress,
                              unit="block"):
        tr, tc = theme(block)
        tr = np.r_[tr, np.repeat(block, len(popular_c))]
        tc = np.r_[tc, np.tile(popular_c, len(block))]
        yield _block_candidates(prep, found, (tr, tc), tie_keys)


def _in_sorted(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """``np.isin(keys, sorted_keys)`` for sorted unique ``sorted_keys``,
    without sorting them again."""
    if not len(sorted_keys):
        return np.zeros(len(keys), bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


def _block_candidates(prep: Prepared, found, themed, tie_keys) -> pd.DataFrame:
    """The candidates table of one block: the two-hop pairs ``found``
    (``(r, c, cn, aa, ra)`` from :func:`~graphkit.analysis.linkpred.two_hop_pairs`,
    or None) and the pairs ``themed`` ``(r, c)`` found by theme or
    popularity, measured once deduplicated."""
    n = np.int64(prep.n)
    tr, tc = (np.asarray(x, np.int64) for x in themed)
    nan = np.full(len(tr), np.nan)  # measured below, once deduplicated
    parts = ([found] if found is not None else []) + [(tr, tc, nan, nan, nan)]
    r = np.concatenate([p[0] for p in parts]).astype(np.int64)
    c = np.concatenate([p[1] for p in parts]).astype(np.int64)
    cn = np.concatenate([p[2] for p in parts])
    aa = np.concatenate([p[3] for p in parts])
    ra = np.concatenate([p[4] for p in parts])
    del parts, tr, tc, nan
    key = r * n + c
    key, first = np.unique(key, return_index=True)  # two-hop rows come first
    r, c, cn, aa, ra = r[first], c[first], cn[first], aa[first], ra[first]
    # drop the pairs not recommendable and existing partners
    keep = recommendable(prep, r, c) & ~_in_sorted(key, tie_keys) \
        & ~_in_sorted(key, prep.member_keys)
    del key, first
    r, c, cn, aa, ra = r[keep], c[keep], cn[keep], aa[keep], ra[keep]
    fit = role_fit(prep, r, c)
    # pairs found by theme or popularity: their common partners too
    todo = np.isnan(cn)
    if todo.any():
        ps = lp.pair_scores(prep.tm, r[todo], c[todo])
        cn[todo] = ps["common_neighbours"].to_numpy()
        aa[todo] = ps["adamic_adar"].to_numpy()
        ra[todo] = ps["resource_allocation"].to_numpy()
        del ps
    deg = prep.tm.deg.astype(float)
    union = deg[r] + deg[c] - cn
    jac = np.divide(cn, union, out=np.zeros(len(r)), where=union > 0)
    parts = pair_parts(prep, r, c, cn)
    theme = (parts["sector_jaccard"] + parts["seeks_match"]
             + parts["complementarity"]) / 3.0
    # copy=False: fresh arrays, kept as they are (no 2-D block copied)
    return pd.DataFrame({
        "r": r, "c": c, "common_partners": cn.astype(np.int64),
        "adamic_adar": aa, "resource_allocation": ra, "jaccard": jac,
        "preferential_attachment": deg[r] * deg[c], "theme": theme,
        "role_fit": fit, **{k: parts[k] for k in (
            "sector_jaccard", "seeks_match", "complementarity",
            "complementary", "shared_groups", "cell", "deg_a", "deg_b")}},
        copy=False)


def pair_parts(prep: Prepared, r: np.ndarray, c: np.ndarray,
               cn: np.ndarray | None = None) -> dict:
    """What the score model reads of the pairs (r, c) (row positions):
    ``common_partners`` (computed when ``cn`` is None), ``sector_jaccard``,
    ``seeks_match``, ``complementarity`` (0..1), ``complementary`` (0/1:
    :func:`~graphkit.analysis.linkpred.complementary_domains`), ``shared_groups``, ``cell`` (:func:`_cells`; -1 when
    a type is unknown or the pair is one actor), ``deg_a``, ``deg_b``."""
    r = np.asarray(r, np.int64)
    c = np.asarray(c, np.int64)
    A = prep.tm.A
    if cn is None:
        cn = lp.common_sums(A, r, c)[0]
    sa, sb = prep.sectors[r], prep.sectors[c]
    ka, kb = prep.seeks[r], prep.seeks[c]
    inter = lp.popcount(sa & sb)
    uni = lp.popcount(sa | sb)
    sj = np.divide(inter, uni, out=np.zeros(len(r)), where=uni > 0)
    sm_n = lp.popcount(ka & sb) + lp.popcount(kb & sa)
    sm_d = lp.popcount(ka) + lp.popcount(kb)
    seeks = np.divide(sm_n, sm_d, out=np.zeros(len(r)), where=sm_d > 0)
    comp = lp.pair_affinity(prep.bits, prep.best, r, c, table=prep.affinity)
    shared = (np.asarray(prep.groups[r].multiply(prep.groups[c]).sum(axis=1)
                         ).ravel() if len(r) else np.zeros(0))
    cell = _cell_of(prep, r, c)
    deg = prep.tm.deg
    return {"common_partners": np.asarray(cn, float), "sector_jaccard": sj,
            "seeks_match": seeks, "complementarity": comp,
            "complementary": (lp.pair_affinity(prep.bits, prep.best_sig, r, c,
                                               table=prep.affinity_sig)
                              > 0.5).astype(np.int64),
            "shared_groups": shared.astype(np.int64), "cell": cell,
            "deg_a": deg[r].astype(float), "deg_b": deg[c].astype(float)}


def fit_model(prep: Prepared, seed: int = 42) -> sm.ScoreModel:
    """Fit the score model on ``prep``'s ties (cases) against as many pairs
    drawn in proportion to the degrees of their ends (controls); see
    :mod:`graphkit.analysis.scoremodel`. Seeded: the same network gives
    the same model."""
    w = prep.weights
    prior = _CELLS[1]
    deg = prep.tm.deg.astype(float)
    mean_degree = float(deg.mean()) if len(deg) else 0.0
    A = sp.triu(prep.tm.A, k=1).tocoo()
    cr, cc = A.row.astype(np.int64), A.col.astype(np.int64)
    rng = np.random.default_rng(seed)
    if len(cr) > w["max_cases"]:
        pick = np.sort(rng.choice(len(cr), int(w["max_cases"]), replace=False))
        cr, cc = cr[pick], cc[pick]
    model, ties = sm.prior_model(prior, mean_degree), None
    if len(cr):
        p = deg / deg.sum()
        xr = rng.choice(prep.n, len(cr), p=p)
        xc = rng.choice(prep.n, len(cr), p=p)
        y = np.r_[np.ones(len(cr)), np.zeros(len(xr))]
        parts = pair_parts(prep, np.r_[cr, xr], np.r_[cc, xc])
        cell = parts["cell"]
        # learnt from the pairs of types that may be recommended only
        ok = (cell >= 0) & prep.cell_ok[np.maximum(cell, 0)]
        ties = {k: v[:len(cr)][ok[:len(cr)]] for k, v in parts.items()}
        if ok[:len(cr)].any() and ok[len(cr):].any():
            model = sm.fit({k: v[ok] for k, v in parts.items()}, y[ok],
                           prior, mean_degree, strength=w["prior_strength"])
    model.popularity = float(w["popularity"])
    model.cell_names = list(_CELLS[2])
    # λ_ref: the median odds of the existing ties under the model
    z = model.log_odds(ties) if ties is not None else np.zeros(0)
    z = z[np.isfinite(z)]
    model.reference = float(np.median(z)) if len(z) else 0.0
    return model


def combined_score(cand: pd.DataFrame, model: sm.ScoreModel) -> np.ndarray:
    """The combined score of candidate pairs (from :func:`candidates`)
    under ``model`` (``Prepared.model``): 0..1, see
    :mod:`graphkit.analysis.scoremodel`."""
    return model.score({k: cand[k].to_numpy() for k in (
        "common_partners", "seeks_match", "sector_jaccard", "complementary",
        "shared_groups", "cell", "deg_a", "deg_b")})


#: The scores :func:`recommend` can rank by: the case–control model
#: (default), the time-aware probability (:mod:`graphkit.analysis.temporal`)
#: or its per-source order (``per_source``: learnt from the same history to
#: order each source's candidates, no probability); ``auto``: the one of
#: case_control and per_source that a back-test on the network's own latest
#: year measures better (:mod:`graphkit.analysis.choice`).
RANKINGS = ("case_control", "temporal", "per_source", "auto")


def _check_ranking(ranking: str) -> None:
    if ranking not in RANKINGS:
        raise GraphkitError(f"unknown ranking {ranking!r} (use "
                            f"{' or '.join(RANKINGS)})")


def resolve_ranking(prep: Prepared, ranking: str) -> str:
    """The ranking that scores: ``auto`` resolved to :attr:`Prepared.choice`."""
    _check_ranking(ranking)
    return prep.choice.ranking if ranking == "auto" else ranking


def describe_ranking(prep: Prepared, ranking: str) -> dict:
    """The description of the model that scores under ``ranking`` (the
    case–control model's, or the time-aware ranking's); with ``auto``,
    ``ranking`` (the one chosen) and ``selection`` (the choice and the
    measured figures of each ranking, :meth:`Choice.describe`) added."""
    used = resolve_ranking(prep, ranking)
    out = prep.ranker.describe() if used != "case_control" \
        else prep.model.describe()
    if ranking == "auto":
        out = dict(out, ranking=used, selection=prep.choice.describe())
    return out


def score_candidates(prep: Prepared, cand: pd.DataFrame,
                     ranking: str = "temporal"):
    """The score of candidate pairs (from :func:`candidates`): with a
    time-aware :attr:`Prepared.ranker`, the probability that the pair
    starts cooperating within its horizon; else the fallback
    :func:`combined_score`. Returns ``(score, features)`` (the feature
    matrix of :data:`graphkit.analysis.temporal.FEATURES`, or None)."""
    ranking = resolve_ranking(prep, ranking)
    if ranking == "case_control":
        return combined_score(cand, prep.model), None
    model = prep.ranker
    if not model.time_aware:
        return combined_score(cand, prep.model), None
    X = tp.candidate_features(prep, prep.history, cand)
    if ranking == "per_source":  # an order within each source, 0..1
        return 1.0 / (1.0 + np.exp(-np.clip(model.order_score(X), -35, 35))), X
    cells = tp.type_cells(prep, cand["r"].to_numpy(np.int64),
                          cand["c"].to_numpy(np.int64))
    return model.probability(X, cells), X


def closest_ids(network: Network, actor_id: str, n: int = 3) -> list[str]:
    """The ids (or the ids of the names) closest to ``actor_id``."""
    ids = [str(i) for i in network.actors.index]
    found = difflib.get_close_matches(str(actor_id), ids, n=n, cutoff=0.4)
    if len(found) < n:
        names = {_fold(nm): i for i, nm in zip(ids, network.actors["name"])
                 if not pd.isna(nm)}
        for nm in difflib.get_close_matches(_fold(actor_id), list(names),
                                            n=n, cutoff=0.4):
            if names[nm] not in found:
                found.append(names[nm])
    return found[:n]


def check_actor(network: Network, actor_id: str) -> None:
    """Raise GraphkitError naming the closest ids when the id is unknown."""
    if actor_id not in network.actors.index:
        near = closest_ids(network, actor_id)
        hint = f"; closest ids: {', '.join(near)}" if near else ""
        raise GraphkitError(f"unknown actor id {actor_id!r}{hint}")


def default_sources(network: Network) -> pd.Index:
    """French SMEs, labs and pôles."""
    a = network.actors
    fr = a["country"].astype(object).map(
        lambda c: not pd.isna(c) and str(c).upper() == "FR")
    return a.index[a["type"].isin(DEFAULT_SOURCE_TYPES) & fr.astype(bool)]


def recommend(network: Network, *, actors=None, top: int = 10,
              types=None, since=None, until=None,
              seed: int = 42, progress: bool = False, metrics=None,
              sector: str | None = None, country: str | None = None,
              max_two_hop: int = 60, theme_per_domain: int = 10,
              weights: dict | None = None, year: int | None = None,
              with_model: bool = False, ranking: str = "case_control",
              min_probability: float | None = None,
              split_border: bool = False):
    """Ranked, explained partner recommendations.

    Parameters
    ----------
    network : Network
    actors : iterable of str, optional
        Actor ids to recommend for (any type). Default: every French SME,
        lab and pôle.
    top : int
        Recommendations per actor.
    types, since, until
        Which ties make the cooperation graph (``types`` may be a
        :class:`Ties`).
    seed : int
        Breaks exact ties between candidates reproducibly.
    progress : bool
        Show a progress bar.
    metrics : DataFrame, optional
        Engineer B's metrics table (indexed by actor id); its
        ``betweenness`` column picks the broker, else the degree does.
    sector, country : str, optional
        Keep only partners working in this sector / in this country.
    max_two_hop, theme_per_domain : int
        Bounds of the candidate generation (module docstring).
    weights : dict, optional
        Override :data:`WEIGHTS`.
    year : int, optional
        Year of reference of programme eligibility (default: latest year).
    with_model : bool
        Also return the fitted score model (its description: coefficients,
        type-pair effects, the ties it learnt from).
    ranking : {"case_control", "temporal", "per_source", "auto"}
        The score: the case–control model (default), the time-aware
        ranking learnt from the network's history, whose score is the
        probability of a tie within its horizon, or ``per_source``: an
        order of each actor's candidates learnt from the same history (a
        conditional logit per source, :func:`graphkit.analysis.temporal.
        fit_order`; its 0–1 score orders one actor's list and is no
        probability). Both fall back to the case–control model on a network
        without enough history, and say so in the model description.
        ``auto``: case_control or per_source, whichever a back-test on the
        network's own latest year measures better
        (:mod:`graphkit.analysis.choice`); the model description says which
        (``ranking``), why and with what figures (``selection``).
    min_probability : float, optional
        With a calibrated probability (``ranking="temporal"`` on a dated
        network), the least probability a recommendation shows; default
        the model's threshold,
        :data:`~graphkit.analysis.temporal.THRESHOLD_FACTOR` times the base
        rate (the rate of new pairs among the candidates of the latest
        training window): a list shows fewer, better partners rather than
        always ``top``. 0 keeps every candidate. The threshold used is in
        ``table.attrs["threshold"]`` (None without a probability).
    split_border : bool
        Two lists per actor: ``top`` partners abroad (another country, both
        countries known; only in ``country`` when it is given) and ``top``
        at home (the rest, whatever ``country`` says), each ranked from 1;
        the ``international`` column tells the lists apart.

    Returns
    -------
    DataFrame
        One row a recommendation, columns :data:`COLUMNS`: ranked per
        ``actor_id`` by ``score``; ``programmes`` is the ';'-joined ids of
        the programme actors the pair is eligible for and
        ``programme_names`` their names; ``reason_codes`` says why, as a
        list of ``{"code": ..., values}`` (``common``: the first common
        partners' ``names`` and how many ``more``; ``shared``: the
        ``domains`` both work in; ``seeks``: the ``domains`` the ``actor``
        seeks and the ``partner`` works in; ``broker``: the ``name`` of who
        could introduce them; ``role``: the two ``types`` and whether the
        partner is ``abroad``), written as a sentence by the outputs
        (:func:`graphkit.texts.reasons_text`); ``probability`` (0–1) is
        the chance that the pair starts cooperating within
        ``horizon_years`` years, fitted and calibrated on the network's
        own history — only with ``ranking="temporal"`` on a dated network
        with enough history (else NaN and None: the case–control score
        orders pairs but is not a probability). With ``with_model``, the pair
        ``(table, model description)``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["s", "l1", "l2", "c"],
    ...                   "name": ["PME", "Labo 1", "Labo 2", "Firm"],
    ...                   "type": ["sme", "lab", "lab", "company"],
    ...                   "country": ["FR", "FR", "CN", "CN"]})
    >>> c = pd.DataFrame({"source": ["s", "l2"], "target": ["c", "c"],
    ...                   "type": ["rd_partnership"] * 2, "year": [2015, 2016]})
    >>> rec = recommend(Network(a, c), actors=["s"])
    >>> rec[["partner_id", "common_partners", "broker_id"]].values.tolist()
    [['l2', 1, 'c']]
    """
    if not isinstance(top, (int, np.integer)) or top < 1:
        raise GraphkitError(f"top must be a whole number ≥ 1, not {top!r}")
    _check_ranking(ranking)
    if actors is None:
        sources = default_sources(network)
    else:
        sources = [str(a) for a in actors]
        for a in sources:
            check_actor(network, a)
    prep = prepare(network, types=types, since=since, until=until,
                   weights=weights)
    rows = prep.tm.pos(sources)
    asked, ranking = ranking, resolve_ranking(prep, ranking)
    temporal = ranking == "temporal" and prep.ranker.time_aware
    # a probability only where the score is one (the time-aware ranking
    # fitted on the network's history); the case–control score is not
    horizon = prep.ranker.horizon if temporal else None
    threshold = None
    if temporal:
        threshold = float(prep.ranker.threshold if min_probability is None
                          else min_probability)
    wanted = None
    if sector is not None:
        folded = _fold(sector)
        wanted = np.array([any(_fold(s) == folded for s in v)
                           for v in network.actors["sectors"]], dtype=bool)
    jitter = np.random.default_rng(seed).permutation(prep.n)
    # each block of sources ranked as it comes: only its top is kept
    kept = [_ranked(prep, cand, ranking, top=top, country=country,
                    wanted=wanted, threshold=threshold, temporal=temporal,
                    jitter=jitter, split_border=split_border)
            for cand in candidate_blocks(prep, rows, max_two_hop=max_two_hop,
                                         theme_per_domain=theme_per_domain,
                                         progress=progress)]
    cand = pd.concat(kept, ignore_index=True)
    del kept
    out = _explain(prep, cand, metrics, year)
    out["probability"] = cand["probability"].round(6).to_numpy(float)
    out["horizon_years"] = pd.Series([horizon] * len(out), dtype=object)
    out.attrs["threshold"] = threshold
    model = describe_ranking(prep, asked) if with_model else None
    return (out, model) if with_model else out


def _ranked(prep: Prepared, cand: pd.DataFrame, ranking: str, *, top,
            country, wanted, threshold, temporal, jitter,
            split_border) -> pd.DataFrame:
    """The ``top`` candidates of each source of one block of
    :func:`candidate_blocks` (of each list, abroad and at home, with
    ``split_border``), ranked by score, exact ties broken by ``jitter`` of
    the partner; partners out of ``country`` or not working in a
    ``wanted`` sector, and scores under ``threshold``, left out. Adds
    ``score``, ``probability`` and ``rank``."""
    r, c = cand["r"].to_numpy(), cand["c"].to_numpy()
    sel = np.ones(len(cand), bool)
    if country is not None:
        abroad = across_borders(prep, r, c)
        there = prep.country[c] == str(country).upper()
        sel &= ((there & abroad) | ~abroad) if split_border else there
    if wanted is not None:
        sel &= wanted[c]
    if not sel.all():
        cand, r, c = cand[sel], r[sel], c[sel]
    score, _ = score_candidates(prep, cand, ranking)
    if threshold is not None:
        sel = score >= threshold
        cand, r, c, score = cand[sel], r[sel], c[sel], score[sel]
    rr = r * 2 + across_borders(prep, r, c) if split_border else r
    # one list abroad, one at home with split_border: rank within each
    order = np.lexsort((jitter[c], -score, rr))
    rr = rr[order]
    starts = np.r_[0, np.flatnonzero(rr[1:] != rr[:-1]) + 1] if len(rr) else \
        np.zeros(0, np.int64)
    rank = np.arange(len(rr)) - np.repeat(starts, np.diff(np.r_[starts, len(rr)]))
    keep = order[rank < top]
    out = cand.iloc[keep].reset_index(drop=True)
    out["score"] = score[keep]
    out["probability"] = out["score"] if temporal else np.nan
    out["rank"] = rank[rank < top] + 1
    return out


def across_borders(prep: Prepared, r, c) -> np.ndarray:
    """Pairs (r, c) in two countries, both known."""
    a, b = prep.ccode[r], prep.ccode[c]
    return (a >= 0) & (b >= 0) & (a != b)


def _explain(prep: Prepared, cand: pd.DataFrame, metrics,
             year) -> pd.DataFrame:
    net = prep.network
    a = net.actors
    ids = prep.tm.ids.to_numpy(dtype=object)
    names = a["name"].astype(object).where(a["name"].notna(), a.index.to_series()
                                           ).to_numpy(dtype=object)
    types = a["type"].astype(object).to_numpy()
    r = cand["r"].to_numpy(np.int64)
    c = cand["c"].to_numpy(np.int64)
    if metrics is not None and "betweenness" in getattr(metrics, "columns", ()):
        imp = metrics["betweenness"].reindex(prep.tm.ids).fillna(0.0).to_numpy(float)
    else:
        imp = prep.tm.deg.astype(float)
    # the order common partners are named in: most central first, then by
    # id; one rank per actor, so a pair's partners sort on a list lookup
    by_id = np.argsort(ids, kind="stable")
    rank = np.empty(len(ids), dtype=np.int64)
    rank[by_id[np.argsort(-imp[by_id], kind="stable")]] = np.arange(len(ids))
    rank_of = rank.tolist().__getitem__
    A = prep.tm.A
    nb_cache: dict[int, set] = {}

    def nbrs(x):
        got = nb_cache.get(x)
        if got is None:
            got = nb_cache[x] = set(A.indices[A.indptr[x]:A.indptr[x + 1]].tolist())
        return got

    dom_cache: dict[bytes, list] = {}

    def domains(mask):
        k = mask.tobytes()
        got = dom_cache.get(k)
        if got is None:
            got = dom_cache[k] = lp.mask_domains(mask, prep.vocab)
        return got

    S, K = prep.sectors, prep.seeks
    # the reasons that repeat across rows (the shared domains, the broker,
    # the pair of roles) are one object each, shared by the rows that give
    # them: at national scale the table holds 500 000 lists of reasons,
    # which the outputs only read
    shared_of: dict[bytes, dict] = {}
    broker_of: dict[int, dict] = {}
    role_of: dict[tuple, dict] = {}
    brokers, broker_names, reasons, shared_txt = [], [], [], []
    for i, j, ncommon in zip(r.tolist(), c.tolist(),
                             cand["common_partners"].tolist()):
        why = []
        broker = None
        if ncommon > 0:
            order = sorted(nbrs(i) & nbrs(j), key=rank_of)
            broker = order[0]
            why.append({"code": "common",
                        "names": [str(names[z]) for z in order[:REASON_NAMES]],
                        "more": max(len(order) - REASON_NAMES, 0)})
        mask = S[i] & S[j]
        shared = domains(mask)
        if shared:
            k = mask.tobytes()
            why.append(shared_of.get(k) or shared_of.setdefault(
                k, {"code": "shared", "domains": list(shared)}))
        for x, y in ((i, j), (j, i)):
            want = domains(K[x] & S[y])
            if want:
                why.append({"code": "seeks", "actor": str(names[x]),
                            "domains": list(want), "partner": str(names[y])})
        if broker is not None:
            why.append(broker_of.get(broker) or broker_of.setdefault(
                broker, {"code": "broker", "name": str(names[broker])}))
        abroad = bool(prep.country[i] and prep.country[j]
                      and prep.country[i] != prep.country[j])
        k = (types[i], types[j], abroad)
        why.append(role_of.get(k) or role_of.setdefault(
            k, {"code": "role", "types": [str(types[i]), str(types[j])],
                "abroad": abroad}))
        reasons.append(why)
        shared_txt.append(";".join(shared))
        brokers.append(None if broker is None else ids[broker])
        broker_names.append(None if broker is None else names[broker])
    progs = eligible_programmes(net, ids[r], ids[c], year=year)
    joined: dict[tuple, tuple] = {}  # a few sets of programmes, many rows
    for ps in progs:
        k = tuple(ps)
        if k not in joined:
            joined[k] = (";".join(ps), ";".join(net.name(p) for p in ps))
    progs = [joined[tuple(ps)] for ps in progs]
    out = pd.DataFrame({
        "actor_id": ids[r], "actor_name": names[r], "actor_type": types[r],
        "partner_id": ids[c], "partner_name": names[c], "partner_type": types[c],
        "partner_country": prep.country[c],
        "rank": cand["rank"].to_numpy(np.int64),
        "score": cand["score"].round(6).to_numpy(),
        "common_partners": cand["common_partners"].to_numpy(np.int64),
        "adamic_adar": cand["adamic_adar"].round(6).to_numpy(),
        "resource_allocation": cand["resource_allocation"].round(6).to_numpy(),
        "theme": cand["theme"].round(6).to_numpy(),
        "role_fit": cand["role_fit"].to_numpy(),
        "shared_domains": shared_txt,
        "seeks_match": cand["seeks_match"].round(6).to_numpy(),
        "broker_id": brokers, "broker_name": broker_names,
        "reason_codes": reasons,
        "programmes": [p[0] for p in progs],
        "programme_names": [p[1] for p in progs],
        "international": across_borders(prep, r, c)},
        columns=list(COLUMNS[:COLUMNS.index("international") + 1]))
    for col in ("actor_id", "actor_name", "actor_type", "partner_id",
                "partner_name", "partner_type", "partner_country",
                "shared_domains", "broker_id", "broker_name", "reason_codes",
                "programmes", "programme_names"):
        out[col] = out[col].astype(object)
    return out



__all__ = ["ROLE_FIT", "WEIGHTS", "COLUMNS", "recommend", "candidates",
           "combined_score", "prepare", "role_fit", "check_actor",
           "closest_ids", "default_sources",
           "PROGRAMMES", "programme_actors"]
