"""A synthetic ecosystem of any size, in the data contract.

:func:`generate_ecosystem` builds a :class:`~graphkit.network.Network` that
looks like the French pôles de compétitivité and their foreign partners:

* **groups**: pôles (FR) and science parks (mostly CN, some other
  countries), each with a *theme* of 1–3 technology domains, a city and a
  size drawn from a log-normal law;
* **members**: French SMEs, labs and training centres (``member_of`` a
  pôle); foreign companies and labs (``member_of`` a park). A member takes
  its first sector from its group's theme (probability ``p_theme``), adds 0–2
  more at random, and *seeks* 1–2 domains, usually one that is
  complementary to one of its own sectors (probability ``p_seek_complement``,
  see :data:`COMPLEMENTS`);
* **institutions**: the TORCH Centre (agency, CN) under MOST (ministry, CN),
  France's foreign and economy ministries, one embassy science service per
  foreign country, the French regions of the pôles, and three programmes
  ``prog_coopol``, ``prog_phc_cai_yuanpei`` and ``prog_arcus``.

Ties form year by year (``start_year`` .. ``end_year``, more each year:
``growth`` per year). Each year candidate pairs of members are proposed in
vectorised batches — a share drawn with probability proportional to
``(degree + 1)`` of each end (preferential attachment) and a share by
closing triangles (a partner of a partner) — and each candidate is kept with
probability::

    min(1, p0 * mix[type_u, type_v]
              * (1 + b_complement*complementary + b_seeks*seeks_match
                 + b_overlap*shared_sector)
              * (1 + gamma * min(common_partners, 3))
              * (cross_border if countries differ else 1)
              * (same_group if both in one group else 1))

so a pair is more likely to cooperate when both ends are well connected,
when their sectors are complementary or one offers what the other seeks, and
when they already share partners. The kept pair becomes an
``rd_partnership``, ``academic_partner`` or ``training`` tie depending on the
two actor types. French lab – Chinese lab ties may carry the PHC Cai Yuanpei
programme (from 2009) or ARCUS (2007–2010); French SMEs pay delegation visits
to parks whose theme matches what they seek, part of them under COOPOL
(from 2008). A few seminars (pôle – park), ``funded_by`` (programme ->
ministry / region), ``supervises`` (MOST -> TORCH -> Chinese parks,
ministry -> embassy services) and ``supports`` (region -> pôle, embassy ->
programme) ties complete the picture.

Every parameter is recorded in ``network.meta["generator"]``. Only
``numpy.random.default_rng(seed)`` draws numbers: the same arguments give
the same tables.
"""
from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
from scipy import sparse

from .errors import GraphkitError
from .network import Network
from .progress import bar

#: Technology domains used in ``sectors`` and ``seeks`` (generator and example).
DOMAINS: tuple[str, ...] = (
    "aeronautics", "space", "embedded_systems", "micro_nano", "ict", "health",
    "biotech", "chemistry", "energy", "textiles", "maritime", "agri_food",
    "vehicles", "manufacturing", "plants", "rail", "sustainable_cities",
    "optoelectronics", "semiconductors", "displays", "new_materials",
    "digital_content", "secure_communications", "environment",
    "agro_resources")

#: Planted complementarity: pairs of domains whose actors need each other.
COMPLEMENTS: tuple[tuple[str, str], ...] = (
    ("health", "biotech"), ("embedded_systems", "semiconductors"),
    ("aeronautics", "new_materials"), ("space", "optoelectronics"),
    ("micro_nano", "semiconductors"), ("ict", "secure_communications"),
    ("ict", "digital_content"), ("displays", "optoelectronics"),
    ("chemistry", "new_materials"), ("chemistry", "environment"),
    ("energy", "sustainable_cities"), ("energy", "new_materials"),
    ("textiles", "new_materials"), ("maritime", "energy"),
    ("agri_food", "plants"), ("agri_food", "biotech"),
    ("agro_resources", "chemistry"), ("agro_resources", "plants"),
    ("vehicles", "embedded_systems"), ("vehicles", "energy"),
    ("manufacturing", "ict"), ("rail", "embedded_systems"),
    ("sustainable_cities", "environment"), ("health", "micro_nano"),
    ("displays", "semiconductors"), ("aeronautics", "embedded_systems"),
)


def complements_of(domain: str) -> tuple[str, ...]:
    """Domains planted as complementary to ``domain`` (sorted).

    >>> complements_of("health")
    ('biotech', 'micro_nano')
    """
    out = {b for a, b in COMPLEMENTS if a == domain}
    out |= {a for a, b in COMPLEMENTS if b == domain}
    return tuple(sorted(out))


PROGRAMMES = {
    "prog_coopol": "COOPOL Innovation",
    "prog_phc_cai_yuanpei": "PHC Cai Yuanpei",
    "prog_arcus": "ARCUS",
}
#: First year each programme carries ties (ARCUS also has a last year).
COOPOL_FROM, PHC_FROM, ARCUS_YEARS = 2008, 2009, (2007, 2010)

# city, region, lat, lon (approximate city centres)
FR_CITIES = (
    ("Toulouse", "Midi-Pyrénées", 43.60, 1.44),
    ("Bordeaux", "Aquitaine", 44.84, -0.58),
    ("Grenoble", "Rhône-Alpes", 45.19, 5.72),
    ("Lyon", "Rhône-Alpes", 45.76, 4.84),
    ("Paris", "Île-de-France", 48.86, 2.35),
    ("Marseille", "Provence-Alpes-Côte d'Azur", 43.30, 5.37),
    ("Nice", "Provence-Alpes-Côte d'Azur", 43.70, 7.27),
    ("Rennes", "Bretagne", 48.11, -1.68),
    ("Brest", "Bretagne", 48.39, -4.49),
    ("Nantes", "Pays de la Loire", 47.22, -1.55),
    ("Angers", "Pays de la Loire", 47.47, -0.55),
    ("Lille", "Nord-Pas-de-Calais", 50.63, 3.06),
    ("Strasbourg", "Alsace", 48.57, 7.75),
    ("Montpellier", "Languedoc-Roussillon", 43.61, 3.88),
    ("Clermont-Ferrand", "Auvergne", 45.78, 3.08),
    ("Orléans", "Centre", 47.90, 1.90),
    ("Reims", "Champagne-Ardenne", 49.26, 4.03),
    ("Dijon", "Bourgogne", 47.32, 5.04),
    ("Besançon", "Franche-Comté", 47.24, 6.02),
    ("Rouen", "Haute-Normandie", 49.44, 1.10),
    ("Caen", "Basse-Normandie", 49.18, -0.37),
    ("Nancy", "Lorraine", 48.69, 6.18),
    ("Limoges", "Limousin", 45.83, 1.26),
    ("Poitiers", "Poitou-Charentes", 46.58, 0.34),
    ("Amiens", "Picardie", 49.89, 2.30),
    ("Ajaccio", "Corse", 41.93, 8.74),
)
CN_CITIES = (
    ("Beijing", "Beijing", 39.90, 116.40),
    ("Shanghai", "Shanghai", 31.23, 121.47),
    ("Shenzhen", "Guangdong", 22.54, 114.06),
    ("Wuhan", "Hubei", 30.59, 114.31),
    ("Suzhou", "Jiangsu", 31.30, 120.62),
    ("Xiamen", "Fujian", 24.48, 118.09),
    ("Chengdu", "Sichuan", 30.66, 104.07),
    ("Xi'an", "Shaanxi", 34.34, 108.94),
    ("Tianjin", "Tianjin", 39.13, 117.20),
    ("Hangzhou", "Zhejiang", 30.27, 120.15),
    ("Nanjing", "Jiangsu", 32.06, 118.80),
    ("Guangzhou", "Guangdong", 23.13, 113.26),
    ("Dalian", "Liaoning", 38.91, 121.61),
    ("Hefei", "Anhui", 31.82, 117.23),
    ("Changsha", "Hunan", 28.23, 112.94),
)
OTHER_CITIES = (  # country, city, region, lat, lon
    ("DE", "Munich", "Bayern", 48.14, 11.58),
    ("US", "Boston", "Massachusetts", 42.36, -71.06),
    ("JP", "Tsukuba", "Ibaraki", 36.08, 140.08),
    ("KR", "Daejeon", "Daejeon", 36.35, 127.38),
    ("IN", "Bangalore", "Karnataka", 12.97, 77.59),
    ("SG", "Singapore", "Singapore", 1.35, 103.82),
    ("CA", "Montréal", "Québec", 45.50, -73.57),
    ("BR", "Campinas", "São Paulo", -22.91, -47.06),
    ("GB", "Cambridge", "England", 52.21, 0.12),
    ("TW", "Hsinchu", "Hsinchu", 24.80, 120.97),
)

# member types in the pool, in this order (codes 0..3)
POOL_TYPES = ("sme", "company", "lab", "training_centre")
SME, COMPANY, LAB, TRAINING = range(4)

#: Default planted parameters (see the module docstring).
DEFAULTS = dict(
    coops_per_actor=4.0,     # non-membership cooperation rows per actor
    growth=1.2,              # ties formed in year y+1 / ties in year y
    foreign_share=0.4,       # share of members that are foreign
    cn_park_share=0.75,      # share of parks that are Chinese
    p_theme=0.8,             # first sector taken from the group's theme
    p_seek_complement=0.8,   # a seek is complementary to an own sector
    p0=0.08,                 # base acceptance of a candidate pair
    b_complement=3.0, b_seeks=3.0, b_overlap=1.0,
    gamma=1.0,               # per common partner (capped at 3)
    cross_border=0.35, same_group=2.0,
    triadic_share=0.3,       # share of candidates proposed by closure
    visit_share=0.06,        # share of ties that are SME -> park visits
    seminar_share=0.01,
    p_coopol=0.5, p_phc=0.5, p_arcus=0.3,
)
MIX = np.array([  # sme, company, lab, training_centre
    [0.5, 0.7, 1.0, 0.4],
    [0.7, 0.5, 0.8, 0.3],
    [1.0, 0.8, 0.8, 0.3],
    [0.4, 0.3, 0.3, 0.05],
])

_DOM_INDEX = {d: i for i, d in enumerate(DOMAINS)}
_COMP_MASK = np.zeros(len(DOMAINS), dtype=np.int64)
for _a, _b in COMPLEMENTS:
    _COMP_MASK[_DOM_INDEX[_a]] |= 1 << _DOM_INDEX[_b]
    _COMP_MASK[_DOM_INDEX[_b]] |= 1 << _DOM_INDEX[_a]
_SUFFIX = ("Systems", "Technologies", "Solutions", "Innovation", "Labs",
           "Industries", "Dynamics", "Engineering")


def _bits(masks: np.ndarray, bit: int) -> np.ndarray:
    return (masks >> bit) & 1


def _mask_to_tuple(masks: np.ndarray) -> list[tuple[str, ...]]:
    cache: dict[int, tuple[str, ...]] = {}
    out = []
    for m in masks.tolist():
        t = cache.get(m)
        if t is None:
            t = tuple(d for i, d in enumerate(DOMAINS) if m >> i & 1)
            cache[m] = t
        out.append(t)
    return out


def _complement_mask(masks: np.ndarray) -> np.ndarray:
    out = np.zeros_like(masks)
    for i in range(len(DOMAINS)):
        out |= np.where(_bits(masks, i) == 1, _COMP_MASK[i], 0)
    return out


def _random_domain_masks(rng, n, k_low, k_high, weights=None) -> np.ndarray:
    """n masks of k_low..k_high distinct domains (Gumbel top-k)."""
    d = len(DOMAINS)
    w = np.ones(d) if weights is None else np.asarray(weights, float)
    keys = np.log(w)[None, :] - np.log(-np.log(rng.random((n, d))))
    order = np.argsort(-keys, axis=1)
    k = rng.integers(k_low, k_high + 1, size=n)
    masks = np.zeros(n, dtype=np.int64)
    for j in range(k_high):
        take = j < k
        masks |= np.where(take, np.int64(1) << order[:, j].astype(np.int64), 0)
    return masks


def _lowest_bit(masks: np.ndarray) -> np.ndarray:
    return np.log2(masks & -masks).astype(np.int64)


def _pick_bit(rng, masks: np.ndarray) -> np.ndarray:
    """One set bit of each (non-zero) mask, uniformly."""
    n = len(masks)
    counts = np.zeros(n, dtype=np.int64)
    for i in range(len(DOMAINS)):
        counts += _bits(masks, i)
    target = (rng.random(n) * counts).astype(np.int64)
    out = np.zeros(n, dtype=np.int64)
    seen = np.zeros(n, dtype=np.int64)
    for i in range(len(DOMAINS)):
        b = _bits(masks, i)
        out = np.where((b == 1) & (seen == target), i, out)
        seen += b
    return out


def _year_quotas(rng, total: int, years: np.ndarray, growth: float):
    w = growth ** (years - years[0]).astype(float)
    return rng.multinomial(total, w / w.sum())


def generate_ecosystem(n_actors: int, seed: int = 42, start_year: int = 2005,
                       end_year: int = 2014, progress: bool = False,
                       **params) -> Network:
    """Generate a synthetic pôles / parks ecosystem of ``n_actors`` actors.

    Parameters
    ----------
    n_actors : int
        Exact number of actors (at least 50).
    seed : int, default 42
        Seed of :func:`numpy.random.default_rng`; the same arguments give
        identical tables.
    start_year, end_year : int
        Years over which ties form (more ties each year).
    progress : bool
        Show a progress bar (one step per year).
    **params
        Override any planted parameter of :data:`DEFAULTS`.

    Returns
    -------
    Network
        With ``meta["generator"]`` recording every parameter, the
        complementarity table and the counts.

    Raises
    ------
    GraphkitError
        For fewer than 50 actors, an empty year range or an unknown parameter.

    Examples
    --------
    >>> net = generate_ecosystem(200, seed=1)
    >>> len(net.actors)
    200
    >>> net.meta["generator"]["seed"]
    1
    >>> set(net.cooperations["type"]) >= {"member_of", "rd_partnership"}
    True
    """
    try:
        n_actors = int(n_actors)
        seed = int(seed)
        start_year, end_year = int(start_year), int(end_year)
    except (TypeError, ValueError) as exc:
        raise GraphkitError(f"generate: bad number ({exc})") from None
    if n_actors < 50:
        raise GraphkitError(f"generate: --actors must be at least 50 "
                            f"(got {n_actors})")
    if end_year < start_year:
        raise GraphkitError(f"generate: end year {end_year} is before start "
                            f"year {start_year}")
    unknown = set(params) - set(DEFAULTS)
    if unknown:
        raise GraphkitError(f"generate: unknown parameters {sorted(unknown)}")
    P = {**DEFAULTS, **params}
    rng = np.random.default_rng(seed)
    years = np.arange(start_year, end_year + 1)

    # ------------------------------------------------------------ groups
    n_poles = max(2, round(n_actors / 60))
    n_parks = max(1, round(n_actors / 120))
    pole_city = rng.integers(0, len(FR_CITIES), n_poles)
    is_cn = rng.random(n_parks) < P["cn_park_share"]
    is_cn[0] = True  # TORCH always has a park to supervise
    park_cn_city = rng.integers(0, len(CN_CITIES), n_parks)
    park_other = rng.integers(0, len(OTHER_CITIES), n_parks)
    park_country = np.where(is_cn, "CN",
                            np.array([c[0] for c in OTHER_CITIES])[park_other])
    park_city = [CN_CITIES[park_cn_city[i]][0] if is_cn[i]
                 else OTHER_CITIES[park_other[i]][1] for i in range(n_parks)]
    park_region = [CN_CITIES[park_cn_city[i]][1] if is_cn[i]
                   else OTHER_CITIES[park_other[i]][2] for i in range(n_parks)]
    park_lat = np.array([CN_CITIES[park_cn_city[i]][2] if is_cn[i]
                         else OTHER_CITIES[park_other[i]][3]
                         for i in range(n_parks)])
    park_lon = np.array([CN_CITIES[park_cn_city[i]][3] if is_cn[i]
                         else OTHER_CITIES[park_other[i]][4]
                         for i in range(n_parks)])
    pole_theme = _random_domain_masks(rng, n_poles, 1, 3)
    park_theme = _random_domain_masks(rng, n_parks, 1, 3)
    pole_size = rng.lognormal(0.0, 0.8, n_poles)
    park_size = rng.lognormal(0.0, 0.8, n_parks)

    regions = sorted({FR_CITIES[c][1] for c in pole_city})
    foreign_countries = sorted(set(park_country.tolist()))

    # ------------------------------------------------------------ institutions
    inst = [  # id, name, type, country, city, region, lat, lon
        ("prog_coopol", PROGRAMMES["prog_coopol"], "programme", "FR", "Paris",
         "Île-de-France", 48.86, 2.35),
        ("prog_phc_cai_yuanpei", PROGRAMMES["prog_phc_cai_yuanpei"],
         "programme", "FR", "Paris", "Île-de-France", 48.86, 2.35),
        ("prog_arcus", PROGRAMMES["prog_arcus"], "programme", "FR", "Paris",
         "Île-de-France", 48.86, 2.35),
        ("agency_torch", "Torch High Technology Industry Development Center",
         "agency", "CN", "Beijing", "Beijing", 39.90, 116.40),
        ("ministry_most", "Ministry of Science and Technology (MOST)",
         "ministry", "CN", "Beijing", "Beijing", 39.90, 116.40),
        ("ministry_maee", "Ministère des Affaires étrangères et européennes",
         "ministry", "FR", "Paris", "Île-de-France", 48.86, 2.35),
        ("ministry_economy", "Ministère de l'Économie", "ministry", "FR",
         "Paris", "Île-de-France", 48.86, 2.35),
    ]
    city_of = {c[1]: c for c in FR_CITIES}  # region -> a city in it
    for r in regions:
        c = city_of[r]
        inst.append((f"region_{slug(r)}", f"Région {r}", "region", "FR",
                     c[0], r, c[2], c[3]))
    for cc in foreign_countries:
        if cc == "CN":
            city = ("Beijing", "Beijing", 39.90, 116.40)
        else:
            o = next(o for o in OTHER_CITIES if o[0] == cc)
            city = o[1:]
        inst.append((f"embassy_fr_{cc.lower()}",
                     f"Service science et technologie, ambassade de France "
                     f"({cc})", "embassy_service", "FR", *city))

    n_members = n_actors - len(inst) - n_poles - n_parks
    if n_members < 20:
        raise GraphkitError("generate: too few actors for the fixed "
                            "institutions; ask for more")

    # ------------------------------------------------------------ members
    foreign = rng.random(n_members) < P["foreign_share"]
    foreign[: min(2, n_members)] = [False, True][: min(2, n_members)]
    u = rng.random(n_members)
    ptype = np.where(foreign, np.where(u < 0.8, COMPANY, LAB),
                     np.where(u < 0.55, SME, np.where(u < 0.85, LAB, TRAINING)))
    group = np.where(
        foreign,
        rng.choice(n_parks, n_members, p=park_size / park_size.sum()),
        rng.choice(n_poles, n_members, p=pole_size / pole_size.sum()))
    theme = np.where(foreign, park_theme[np.minimum(group, n_parks - 1)],
                     pole_theme[np.minimum(group, n_poles - 1)])
    first = np.where(rng.random(n_members) < P["p_theme"],
                     _pick_bit(rng, theme), rng.integers(0, len(DOMAINS),
                                                         n_members))
    sectors = (np.int64(1) << first) | np.where(
        rng.random(n_members) < 0.6, _random_domain_masks(rng, n_members, 1, 2),
        0)
    comp = _complement_mask(sectors)
    seek1 = np.where((rng.random(n_members) < P["p_seek_complement"])
                     & (comp != 0), _pick_bit(rng, np.where(comp != 0, comp, 1)),
                     rng.integers(0, len(DOMAINS), n_members))
    seeks = np.int64(1) << seek1
    two = rng.random(n_members) < 0.3
    seeks |= np.where(two, np.int64(1) << rng.integers(0, len(DOMAINS),
                                                        n_members), 0)
    seeks &= ~sectors
    seeks = np.where(seeks == 0, np.int64(1) << _lowest_bit(
        np.where(comp & ~sectors != 0, comp & ~sectors,
                 ~sectors & ((1 << len(DOMAINS)) - 1))), seeks)
    m_country = np.where(foreign, park_country[np.minimum(group, n_parks - 1)],
                         "FR")
    m_city_idx = np.where(foreign, -1, pole_city[np.minimum(group, n_poles - 1)])
    g_lat = np.where(foreign, park_lat[np.minimum(group, n_parks - 1)],
                     np.array([c[2] for c in FR_CITIES])[
                         pole_city[np.minimum(group, n_poles - 1)]])
    g_lon = np.where(foreign, park_lon[np.minimum(group, n_parks - 1)],
                     np.array([c[3] for c in FR_CITIES])[
                         pole_city[np.minimum(group, n_poles - 1)]])
    m_lat = np.round(g_lat + rng.normal(0, 0.08, n_members), 4)
    m_lon = np.round(g_lon + rng.normal(0, 0.08, n_members), 4)
    # group key unique across pôles and parks, to test "same group"
    gkey = np.where(foreign, n_poles + group, group)
    country_code = np.unique(m_country, return_inverse=True)[1]

    # ------------------------------------------------------------ ids
    width = len(str(n_actors))
    pole_ids = [f"pole_{i + 1:0{width}d}" for i in range(n_poles)]
    park_ids = [f"park_{i + 1:0{width}d}" for i in range(n_parks)]
    prefix = np.array(["sme", "co", "lab", "tc"])[ptype]
    rank = np.zeros(n_members, dtype=np.int64)  # 1, 2, ... within a type
    for t in range(len(POOL_TYPES)):
        sel = ptype == t
        rank[sel] = np.arange(1, sel.sum() + 1)
    member_ids = [f"{p}_{r:0{width}d}"
                  for p, r in zip(prefix.tolist(), rank.tolist())]

    # ------------------------------------------------------------ ties
    total = round(P["coops_per_actor"] * n_actors)
    n_visits = max(len(years), round(P["visit_share"] * total))
    n_seminars = max(1, round(P["seminar_share"] * total))
    n_main = max(0, total - n_visits - n_seminars)
    quotas = _year_quotas(rng, n_main, years, P["growth"])
    visit_quotas = _year_quotas(rng, n_visits, years, P["growth"])
    seminar_quotas = _year_quotas(rng, n_seminars, years, P["growth"])

    deg = np.zeros(n_members, dtype=np.int64)
    eu = np.zeros(0, dtype=np.int64)
    ev = np.zeros(0, dtype=np.int64)
    ey = np.zeros(0, dtype=np.int64)
    keys = np.zeros(0, dtype=np.int64)  # sorted u * n + v, u < v
    hmax = 1 + P["gamma"] * 3
    rate = 0.05  # acceptance rate of candidates, updated after each batch
    fr_sme = np.flatnonzero((ptype == SME) & ~foreign)
    vu, vv, vy = [], [], []
    with bar(total=len(years), desc="generate", enabled=progress,
             unit="year") as pbar:
        for yi, year in enumerate(years):
            need = int(quotas[yi])
            adj = None
            if len(eu):
                adj = sparse.csr_matrix(
                    (np.ones(2 * len(eu), dtype=np.int8),
                     (np.concatenate([eu, ev]), np.concatenate([ev, eu]))),
                    shape=(n_members, n_members))
                adj.sum_duplicates()
                adj.data[:] = 1
            got_u, got_v = [], []
            tries = 0
            while need > 0 and tries < 30:
                tries += 1
                batch = int(min(500_000, max(2000, 1.25 * need / rate)))
                n_tri = int(batch * P["triadic_share"]) if adj is not None else 0
                pw = (deg + 1).astype(float)
                pw /= pw.sum()
                a = rng.choice(n_members, batch - n_tri, p=pw)
                b = rng.choice(n_members, batch - n_tri, p=pw)
                if n_tri:
                    e = rng.integers(0, len(eu), n_tri)
                    flip = rng.random(n_tri) < 0.5
                    x = np.where(flip, ev[e], eu[e])
                    mid = np.where(flip, eu[e], ev[e])
                    start = adj.indptr[mid]
                    cnt = adj.indptr[mid + 1] - start
                    y = adj.indices[start + (rng.random(n_tri) * cnt)
                                    .astype(np.int64)]
                    a = np.concatenate([a, x])
                    b = np.concatenate([b, y])
                r = rng.random(len(a))
                ok = a != b
                a, b, r = a[ok], b[ok], r[ok]
                lo, hi = np.minimum(a, b), np.maximum(a, b)
                f = (MIX[ptype[lo], ptype[hi]]
                     * (1 + P["b_complement"] * ((comp[lo] & sectors[hi]) != 0)
                        + P["b_seeks"] * (((seeks[lo] & sectors[hi]) != 0)
                                          | ((seeks[hi] & sectors[lo]) != 0))
                        + P["b_overlap"] * ((sectors[lo] & sectors[hi]) != 0))
                     * np.where(country_code[lo] != country_code[hi],
                                P["cross_border"], 1.0)
                     * np.where(gkey[lo] == gkey[hi], P["same_group"], 1.0))
                f *= P["p0"]
                keep = r < np.minimum(1.0, f * hmax)
                lo, hi, r, f = lo[keep], hi[keep], r[keep], f[keep]
                if adj is not None and len(lo):
                    cn = np.asarray(adj[lo].multiply(adj[hi]).sum(axis=1)).ravel()
                else:
                    cn = np.zeros(len(lo))
                keep = r < np.minimum(1.0, f * (1 + P["gamma"]
                                                * np.minimum(cn, 3)))
                k = lo[keep] * n_members + hi[keep]
                k, first_at = np.unique(k, return_index=True)
                k = k[np.argsort(first_at)]  # keep proposal order
                if len(keys):
                    pos = np.searchsorted(keys, k).clip(max=len(keys) - 1)
                    k = k[keys[pos] != k]
                rate = max(0.01, len(k) / batch)
                k = k[:need]
                if len(k):
                    keys = np.sort(np.concatenate([keys, k]))
                    got_u.append(k // n_members)
                    got_v.append(k % n_members)
                    need -= len(k)
            if got_u:
                nu = np.concatenate(got_u)
                nv = np.concatenate(got_v)
                np.add.at(deg, nu, 1)
                np.add.at(deg, nv, 1)
                eu = np.concatenate([eu, nu])
                ev = np.concatenate([ev, nv])
                ey = np.concatenate([ey, np.full(len(nu), year)])
            # SME -> park delegation visits, to parks whose theme they seek
            nvis = int(visit_quotas[yi])
            if nvis and len(fr_sme):
                pw = (deg[fr_sme] + 1).astype(float)
                s = fr_sme[rng.choice(len(fr_sme), nvis * 8, p=pw / pw.sum())]
                pk = rng.choice(n_parks, nvis * 8,
                                p=park_size / park_size.sum())
                match = (seeks[s] & park_theme[pk]) != 0
                acc = rng.random(nvis * 8) < np.where(match, 1.0, 0.15)
                s, pk = s[acc][:nvis], pk[acc][:nvis]
                vu.append(s)
                vv.append(pk)
                vy.append(np.full(len(s), year))
            if progress:
                pbar.update(1)

    # ------------------------------------------------------------ tables
    actor_ids = np.array([i[0] for i in inst] + pole_ids + park_ids
                         + member_ids, dtype=object)
    name_words = np.array([d.replace("_", " ").title() for d in DOMAINS],
                          dtype=object)
    m_first = name_words[first]
    suffix = np.array(_SUFFIX, dtype=object)[rng.integers(0, len(_SUFFIX),
                                                          n_members)]
    member_names = []
    for i, (t, w, sfx) in enumerate(zip(ptype.tolist(), m_first.tolist(),
                                        suffix.tolist())):
        if t in (SME, COMPANY):
            member_names.append(f"{w} {sfx} {rank[i]}")
        elif t == LAB:
            member_names.append(f"{w} Research Lab {rank[i]}")
        else:
            member_names.append(f"{w} Training Centre {rank[i]}")
    fr_city = [c[0] for c in FR_CITIES]
    fr_region = [c[1] for c in FR_CITIES]
    member_city = [park_city[g] if fo else fr_city[c]
                   for fo, g, c in zip(foreign.tolist(), group.tolist(),
                                       m_city_idx.tolist())]
    member_region = [park_region[g] if fo else fr_region[c]
                     for fo, g, c in zip(foreign.tolist(), group.tolist(),
                                         m_city_idx.tolist())]
    actors = pd.DataFrame({
        "id": actor_ids,
        "name": [i[1] for i in inst]
        + [f"Pôle {name_words[_lowest_bit(pole_theme[i:i + 1])[0]]} "
           f"{FR_CITIES[pole_city[i]][0]} {i + 1}" for i in range(n_poles)]
        + [f"{park_city[i]} {name_words[_lowest_bit(park_theme[i:i + 1])[0]]}"
           f" Park {i + 1}" for i in range(n_parks)]
        + member_names,
        "type": [i[2] for i in inst] + ["pole"] * n_poles + ["park"] * n_parks
        + np.array(POOL_TYPES, dtype=object)[ptype].tolist(),
        "country": [i[3] for i in inst] + ["FR"] * n_poles
        + park_country.tolist() + m_country.tolist(),
        "city": [i[4] for i in inst] + [FR_CITIES[c][0] for c in pole_city]
        + park_city + member_city,
        "region": [i[5] for i in inst] + [FR_CITIES[c][1] for c in pole_city]
        + park_region + member_region,
        "sectors": [()] * len(inst) + _mask_to_tuple(pole_theme)
        + _mask_to_tuple(park_theme) + _mask_to_tuple(sectors),
        "seeks": [()] * (len(inst) + n_poles + n_parks)
        + _mask_to_tuple(seeks),
        "lat": np.concatenate([[i[6] for i in inst],
                               [FR_CITIES[c][2] for c in pole_city], park_lat,
                               m_lat]),
        "lon": np.concatenate([[i[7] for i in inst],
                               [FR_CITIES[c][3] for c in pole_city], park_lon,
                               m_lon]),
        "source": "generated",
    })

    mid = np.array(member_ids, dtype=object)
    frames = []

    # memberships: founders at the start, the others join over the years
    join = np.where(rng.random(n_members) < 0.6, start_year,
                    rng.integers(start_year, end_year + 1, n_members))
    grp_ids = np.array(pole_ids + park_ids, dtype=object)
    frames.append(pd.DataFrame({
        "source": mid, "target": grp_ids[gkey], "type": "member_of",
        "year": join, "programme": None, "weight": 1.0}))

    # member-member ties
    tl, th = ptype[eu], ptype[ev]
    has_tc = (tl == TRAINING) | (th == TRAINING)
    industrial = np.isin(tl, (SME, COMPANY)) & np.isin(th, (SME, COMPANY))
    mixed = (np.isin(tl, (SME, COMPANY)) & (th == LAB)) | (
        (tl == LAB) & np.isin(th, (SME, COMPANY)))
    ctype = np.where(has_tc, "training", np.where(
        industrial, "rd_partnership", np.where(
            mixed, np.where(rng.random(len(eu)) < 0.6, "rd_partnership",
                            "academic_partner"), "academic_partner")))
    flip = np.where(has_tc, th == TRAINING, rng.random(len(eu)) < 0.5)
    src = np.where(flip, ev, eu)
    dst = np.where(flip, eu, ev)
    fr_cn_labs = ((ptype[eu] == LAB) & (ptype[ev] == LAB)
                  & (((m_country[eu] == "FR") & (m_country[ev] == "CN"))
                     | ((m_country[eu] == "CN") & (m_country[ev] == "FR"))))
    rp = rng.random(len(eu))
    prog = np.where(fr_cn_labs & (ey >= PHC_FROM) & (rp < P["p_phc"]),
                    "prog_phc_cai_yuanpei", np.where(
                        fr_cn_labs & (ey >= ARCUS_YEARS[0])
                        & (ey <= ARCUS_YEARS[1]) & (rp < P["p_arcus"]),
                        "prog_arcus", None))
    weight = 1.0 + rng.poisson(0.5, len(eu))
    frames.append(pd.DataFrame({
        "source": mid[src], "target": mid[dst], "type": ctype, "year": ey,
        "programme": prog, "weight": weight}))

    # visits
    if vu:
        s = np.concatenate(vu)
        pk = np.concatenate(vv)
        y = np.concatenate(vy)
        coopol = (y >= COOPOL_FROM) & (rng.random(len(s)) < P["p_coopol"])
        frames.append(pd.DataFrame({
            "source": mid[s], "target": np.array(park_ids, dtype=object)[pk],
            "type": "delegation_visit", "year": y,
            "programme": np.where(coopol, "prog_coopol", None),
            "weight": 1.0}))

    # seminars pôle - park, on a shared or complementary theme when possible
    sem_year = np.repeat(years, seminar_quotas)
    if len(sem_year):
        n_s = len(sem_year)
        po = rng.integers(0, n_poles, n_s * 8)
        pa = rng.integers(0, n_parks, n_s * 8)
        fit = ((pole_theme[po] & (park_theme[pa] | _complement_mask(
            park_theme[pa]))) != 0)
        acc = rng.random(n_s * 8) < np.where(fit, 1.0, 0.2)
        po, pa = po[acc], pa[acc]
        n_s = min(n_s, len(po))
        frames.append(pd.DataFrame({
            "source": np.array(pole_ids, dtype=object)[po[:n_s]],
            "target": np.array(park_ids, dtype=object)[pa[:n_s]],
            "type": "seminar", "year": sem_year[:n_s], "programme": None,
            "weight": 1.0}))

    # institutional ties
    inst_rows = [
        ("ministry_most", "agency_torch", "supervises", start_year, None),
        ("prog_coopol", "ministry_economy", "funded_by", COOPOL_FROM, None),
        ("prog_coopol", "ministry_most", "funded_by", COOPOL_FROM, None),
        ("prog_phc_cai_yuanpei", "ministry_maee", "funded_by", PHC_FROM, None),
        ("prog_arcus", "ministry_maee", "funded_by", ARCUS_YEARS[0], None),
    ]
    arcus_region = ("region_languedoc_roussillon"
                    if "Languedoc-Roussillon" in regions
                    else f"region_{slug(regions[0])}")
    inst_rows.append(("prog_arcus", arcus_region, "funded_by",
                      ARCUS_YEARS[0], None))
    for cc in foreign_countries:
        inst_rows.append(("ministry_maee", f"embassy_fr_{cc.lower()}",
                          "supervises", start_year, None))
    if "CN" in foreign_countries:
        inst_rows += [
            ("embassy_fr_cn", "prog_coopol", "supports", COOPOL_FROM, None),
            ("embassy_fr_cn", "prog_phc_cai_yuanpei", "supports", PHC_FROM,
             None)]
    for i in np.flatnonzero(is_cn):
        inst_rows.append(("agency_torch", park_ids[i], "supervises",
                          start_year, None))
    for i, c in enumerate(pole_city.tolist()):
        inst_rows.append((f"region_{slug(FR_CITIES[c][1])}", pole_ids[i],
                          "supports", start_year, None))
    frames.append(pd.DataFrame(inst_rows, columns=[
        "source", "target", "type", "year", "programme"]).assign(weight=1.0))

    coops = pd.concat(frames, ignore_index=True)
    coops["year"] = coops["year"].astype("Int64")
    coops["programme"] = coops["programme"].astype("string")
    coops["note"] = pd.Series(pd.NA, index=coops.index, dtype="string")
    coops.loc[coops["year"] > end_year, "year"] = end_year
    coops.loc[coops["year"] < start_year, "year"] = start_year

    meta = {
        "name": f"generated ecosystem ({n_actors} actors, seed {seed})",
        "generator": {
            "function": "graphkit.generate.generate_ecosystem",
            "n_actors": n_actors, "seed": seed,
            "start_year": start_year, "end_year": end_year,
            "params": {k: (float(v) if isinstance(v, (int, float)) else v)
                       for k, v in P.items()},
            "type_mix": {"types": list(POOL_TYPES), "matrix": MIX.tolist()},
            "domains": list(DOMAINS),
            "complements": [list(p) for p in COMPLEMENTS],
            "programme_years": {"prog_coopol": [COOPOL_FROM, None],
                                "prog_phc_cai_yuanpei": [PHC_FROM, None],
                                "prog_arcus": list(ARCUS_YEARS)},
            "counts": {"poles": n_poles, "parks": n_parks,
                       "members": n_members, "institutions": len(inst),
                       "member_ties": int(len(eu)),
                       "visits": int(sum(len(x) for x in vu)),
                       "cooperations": int(len(coops))},
        },
    }
    return Network(actors, coops, meta)


def slug(text: str) -> str:
    """Lower-case ASCII id fragment of a name.

    >>> slug("Provence-Alpes-Côte d'Azur")
    'provence_alpes_cote_d_azur'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "_".join("".join(c if c.isalnum() else " " for c in text).split())
