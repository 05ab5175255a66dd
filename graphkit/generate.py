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
from types import SimpleNamespace

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
    n_actors, seed, start_year, end_year, P = _check_arguments(
        n_actors, seed, start_year, end_year, params)
    rng = np.random.default_rng(seed)
    years = np.arange(start_year, end_year + 1)
    # each step draws from rng in turn: their order fixes the tables
    g = _groups(rng, n_actors, P)
    inst = _institutions(g)
    n_members = n_actors - len(inst) - g.n_poles - g.n_parks
    if n_members < 20:
        raise GraphkitError("generate: too few actors for the fixed "
                            "institutions; ask for more")
    m = _members(rng, n_members, g, P)
    ids = _ids(n_actors, g, m)
    ties = _yearly_ties(rng, years, n_actors, g, m, P, progress)
    actors = _actor_table(rng, inst, g, m, ids)
    frames = [_membership_rows(rng, start_year, end_year, m, ids),
              _member_tie_rows(rng, m, ties, ids, P)]
    if ties.vu:
        frames.append(_visit_rows(rng, ties, ids, P))
    seminars = _seminar_rows(rng, years, ties.seminar_quotas, g, ids)
    if seminars is not None:
        frames.append(seminars)
    frames.append(_institutional_rows(start_year, g, ids))
    coops = _cooperation_table(frames, start_year, end_year)
    meta = _meta(n_actors, seed, start_year, end_year, P, g, inst, n_members,
                 ties, coops)
    return Network(actors, coops, meta)


def _check_arguments(n_actors, seed, start_year, end_year, params):
    """The arguments as integers and the planted parameters (defaults
    overridden by ``params``); :class:`GraphkitError` when they make no
    ecosystem."""
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
    return n_actors, seed, start_year, end_year, {**DEFAULTS, **params}


def _groups(rng, n_actors: int, P: dict) -> SimpleNamespace:
    """Pôles (FR) and science parks (mostly CN): where they are, their theme
    (a mask of 1-3 domains) and their log-normal size; the French regions
    of the pôles and the foreign countries of the parks."""
    n_poles = max(2, round(n_actors / 60))
    n_parks = max(1, round(n_actors / 120))
    pole_city = rng.integers(0, len(FR_CITIES), n_poles)
    is_cn = rng.random(n_parks) < P["cn_park_share"]
    is_cn[0] = True  # TORCH always has a park to supervise
    park_cn_city = rng.integers(0, len(CN_CITIES), n_parks)
    park_other = rng.integers(0, len(OTHER_CITIES), n_parks)
    park_country = np.where(is_cn, "CN",
                            np.array([c[0] for c in OTHER_CITIES])[park_other])
    # city, region, lat, lon of each park
    place = [CN_CITIES[park_cn_city[i]] if is_cn[i]
             else OTHER_CITIES[park_other[i]][1:] for i in range(n_parks)]
    pole_theme = _random_domain_masks(rng, n_poles, 1, 3)
    park_theme = _random_domain_masks(rng, n_parks, 1, 3)
    pole_size = rng.lognormal(0.0, 0.8, n_poles)
    park_size = rng.lognormal(0.0, 0.8, n_parks)
    return SimpleNamespace(
        n_poles=n_poles, n_parks=n_parks, pole_city=pole_city, is_cn=is_cn,
        park_country=park_country, park_city=[p[0] for p in place],
        park_region=[p[1] for p in place],
        park_lat=np.array([p[2] for p in place]),
        park_lon=np.array([p[3] for p in place]),
        pole_theme=pole_theme, park_theme=park_theme, pole_size=pole_size,
        park_size=park_size,
        regions=sorted({FR_CITIES[c][1] for c in pole_city}),
        foreign_countries=sorted(set(park_country.tolist())))


def _institutions(g: SimpleNamespace) -> list[tuple]:
    """The fixed institutions, the regions of the pôles and one embassy
    science service per foreign country, as rows ``(id, name, type,
    country, city, region, lat, lon)``. Draws nothing."""
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
    for r in g.regions:
        c = city_of[r]
        inst.append((f"region_{slug(r)}", f"Région {r}", "region", "FR",
                     c[0], r, c[2], c[3]))
    for cc in g.foreign_countries:
        if cc == "CN":
            city = ("Beijing", "Beijing", 39.90, 116.40)
        else:
            o = next(o for o in OTHER_CITIES if o[0] == cc)
            city = o[1:]
        inst.append((f"embassy_fr_{cc.lower()}",
                     f"Service science et technologie, ambassade de France "
                     f"({cc})", "embassy_service", "FR", *city))
    return inst


def _members(rng, n_members: int, g: SimpleNamespace,
             P: dict) -> SimpleNamespace:
    """The member pool: French SMEs, labs and training centres in pôles,
    foreign companies and labs in parks. Each gets a type, a group, sectors
    (first from the group's theme with probability ``p_theme``), what it
    seeks (usually a complement of its sectors), a country and a place near
    its group's city."""
    foreign = rng.random(n_members) < P["foreign_share"]
    foreign[: min(2, n_members)] = [False, True][: min(2, n_members)]
    u = rng.random(n_members)
    ptype = np.where(foreign, np.where(u < 0.8, COMPANY, LAB),
                     np.where(u < 0.55, SME, np.where(u < 0.85, LAB, TRAINING)))
    group = np.where(
        foreign,
        rng.choice(g.n_parks, n_members, p=g.park_size / g.park_size.sum()),
        rng.choice(g.n_poles, n_members, p=g.pole_size / g.pole_size.sum()))
    theme = np.where(foreign, g.park_theme[np.minimum(group, g.n_parks - 1)],
                     g.pole_theme[np.minimum(group, g.n_poles - 1)])
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
    m_country = np.where(foreign, g.park_country[np.minimum(group, g.n_parks - 1)],
                         "FR")
    m_city_idx = np.where(foreign, -1, g.pole_city[np.minimum(group, g.n_poles - 1)])
    g_lat = np.where(foreign, g.park_lat[np.minimum(group, g.n_parks - 1)],
                     np.array([c[2] for c in FR_CITIES])[
                         g.pole_city[np.minimum(group, g.n_poles - 1)]])
    g_lon = np.where(foreign, g.park_lon[np.minimum(group, g.n_parks - 1)],
                     np.array([c[3] for c in FR_CITIES])[
                         g.pole_city[np.minimum(group, g.n_poles - 1)]])
    m_lat = np.round(g_lat + rng.normal(0, 0.08, n_members), 4)
    m_lon = np.round(g_lon + rng.normal(0, 0.08, n_members), 4)
    # group key unique across pôles and parks, to test "same group"
    gkey = np.where(foreign, g.n_poles + group, group)
    country_code = np.unique(m_country, return_inverse=True)[1]

    return SimpleNamespace(
        n=n_members, foreign=foreign, ptype=ptype, group=group, first=first,
        sectors=sectors, comp=comp, seeks=seeks, m_country=m_country,
        m_city_idx=m_city_idx, m_lat=m_lat, m_lon=m_lon, gkey=gkey,
        country_code=country_code)


def _ids(n_actors: int, g: SimpleNamespace,
         m: SimpleNamespace) -> SimpleNamespace:
    """Ids of the pôles, parks and members (``sme_0001``...: numbered within
    each type, zero-padded to the width of ``n_actors``) and each member's
    rank within its type. Draws nothing."""
    width = len(str(n_actors))
    pole_ids = [f"pole_{i + 1:0{width}d}" for i in range(g.n_poles)]
    park_ids = [f"park_{i + 1:0{width}d}" for i in range(g.n_parks)]
    prefix = np.array(["sme", "co", "lab", "tc"])[m.ptype]
    rank = np.zeros(m.n, dtype=np.int64)  # 1, 2, ... within a type
    for t in range(len(POOL_TYPES)):
        sel = m.ptype == t
        rank[sel] = np.arange(1, sel.sum() + 1)
    member_ids = [f"{p}_{r:0{width}d}"
                  for p, r in zip(prefix.tolist(), rank.tolist())]

    return SimpleNamespace(poles=pole_ids, parks=park_ids,
                           members=member_ids, rank=rank)


def _yearly_ties(rng, years: np.ndarray, n_actors: int, g: SimpleNamespace,
                 m: SimpleNamespace, P: dict,
                 progress: bool) -> SimpleNamespace:
    """Member-member ties and SME -> park visits formed year by year.

    Splits the cooperation budget (``coops_per_actor * n_actors``) into
    main ties, visits and seminars, each spread over the years (``growth``);
    then, each year, proposes candidate pairs until the year's quota of new
    ties is met (:func:`_propose_ties`) and draws its visits
    (:func:`_visits_of_year`). Returns the tie ends ``eu < ev`` and years
    ``ey``, the visits ``vu`` (member), ``vv`` (park), ``vy`` (year) per
    year, and the seminar quotas for :func:`_seminar_rows`.
    """
    total = round(P["coops_per_actor"] * n_actors)
    n_visits = max(len(years), round(P["visit_share"] * total))
    n_seminars = max(1, round(P["seminar_share"] * total))
    n_main = max(0, total - n_visits - n_seminars)
    quotas = _year_quotas(rng, n_main, years, P["growth"])
    visit_quotas = _year_quotas(rng, n_visits, years, P["growth"])
    seminar_quotas = _year_quotas(rng, n_seminars, years, P["growth"])

    deg = np.zeros(m.n, dtype=np.int64)
    eu = np.zeros(0, dtype=np.int64)
    ev = np.zeros(0, dtype=np.int64)
    ey = np.zeros(0, dtype=np.int64)
    keys = np.zeros(0, dtype=np.int64)  # sorted u * n + v, u < v
    rate = 0.05  # acceptance rate of candidates, updated after each batch
    fr_sme = np.flatnonzero((m.ptype == SME) & ~m.foreign)
    vu, vv, vy = [], [], []
    with bar(total=len(years), desc="generate", enabled=progress,
             unit="year") as pbar:
        for yi, year in enumerate(years):
            adj = None
            if len(eu):
                adj = sparse.csr_matrix(
                    (np.ones(2 * len(eu), dtype=np.int8),
                     (np.concatenate([eu, ev]), np.concatenate([ev, eu]))),
                    shape=(m.n, m.n))
                adj.sum_duplicates()
                adj.data[:] = 1
            got_u, got_v, keys, rate = _propose_ties(
                rng, int(quotas[yi]), rate, keys, deg, adj, eu, ev, m, P)
            if got_u:
                nu = np.concatenate(got_u)
                nv = np.concatenate(got_v)
                np.add.at(deg, nu, 1)
                np.add.at(deg, nv, 1)
                eu = np.concatenate([eu, nu])
                ev = np.concatenate([ev, nv])
                ey = np.concatenate([ey, np.full(len(nu), year)])
            _visits_of_year(rng, int(visit_quotas[yi]), year, fr_sme, deg, g,
                            m, (vu, vv, vy))
            if progress:
                pbar.update(1)
    return SimpleNamespace(eu=eu, ev=ev, ey=ey, vu=vu, vv=vv, vy=vy,
                           seminar_quotas=seminar_quotas)


def _affinity(lo, hi, m: SimpleNamespace, P: dict) -> np.ndarray:
    """Acceptance probability of the candidate pairs ``lo``-``hi`` before
    the common-partner factor: ``p0`` times the type mix, complementarity,
    seeks and shared sectors, cross-border and same-group factors."""
    f = (MIX[m.ptype[lo], m.ptype[hi]]
         * (1 + P["b_complement"] * ((m.comp[lo] & m.sectors[hi]) != 0)
            + P["b_seeks"] * (((m.seeks[lo] & m.sectors[hi]) != 0)
                              | ((m.seeks[hi] & m.sectors[lo]) != 0))
            + P["b_overlap"] * ((m.sectors[lo] & m.sectors[hi]) != 0))
         * np.where(m.country_code[lo] != m.country_code[hi],
                    P["cross_border"], 1.0)
         * np.where(m.gkey[lo] == m.gkey[hi], P["same_group"], 1.0))
    f *= P["p0"]
    return f


def _propose_ties(rng, need: int, rate: float, keys, deg, adj, eu, ev,
                  m: SimpleNamespace, P: dict):
    """New ties of one year: batches of candidate pairs, drawn by
    preferential attachment (``deg + 1``) and, a ``triadic_share`` of them,
    by closing triangles, kept with :func:`_affinity` times the
    common-partner factor, until ``need`` new pairs (at most 30 batches).

    Returns ``(got_u, got_v, keys, rate)``: the new ends (lists of arrays),
    the sorted pair keys so far and the last acceptance rate.
    """
    hmax = 1 + P["gamma"] * 3
    got_u, got_v = [], []
    tries = 0
    while need > 0 and tries < 30:
        tries += 1
        batch = int(min(500_000, max(2000, 1.25 * need / rate)))
        n_tri = int(batch * P["triadic_share"]) if adj is not None else 0
        pw = (deg + 1).astype(float)
        pw /= pw.sum()
        a = rng.choice(m.n, batch - n_tri, p=pw)
        b = rng.choice(m.n, batch - n_tri, p=pw)
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
        f = _affinity(lo, hi, m, P)
        keep = r < np.minimum(1.0, f * hmax)
        lo, hi, r, f = lo[keep], hi[keep], r[keep], f[keep]
        if adj is not None and len(lo):
            cn = np.asarray(adj[lo].multiply(adj[hi]).sum(axis=1)).ravel()
        else:
            cn = np.zeros(len(lo))
        keep = r < np.minimum(1.0, f * (1 + P["gamma"]
                                        * np.minimum(cn, 3)))
        k = lo[keep] * m.n + hi[keep]
        k, first_at = np.unique(k, return_index=True)
        k = k[np.argsort(first_at)]  # keep proposal order
        if len(keys):
            pos = np.searchsorted(keys, k).clip(max=len(keys) - 1)
            k = k[keys[pos] != k]
        rate = max(0.01, len(k) / batch)
        k = k[:need]
        if len(k):
            keys = np.sort(np.concatenate([keys, k]))
            got_u.append(k // m.n)
            got_v.append(k % m.n)
            need -= len(k)
    return got_u, got_v, keys, rate


def _visits_of_year(rng, nvis: int, year, fr_sme, deg, g: SimpleNamespace,
                    m: SimpleNamespace, into: tuple) -> None:
    """``nvis`` SME -> park delegation visits of ``year``, appended to
    ``into`` (members, parks, years); French SMEs drawn by degree, parks by
    size, kept always when the park's theme is what the SME seeks, else
    with probability 0.15."""
    vu, vv, vy = into
    # SME -> park delegation visits, to parks whose theme they seek
    if nvis and len(fr_sme):
        pw = (deg[fr_sme] + 1).astype(float)
        s = fr_sme[rng.choice(len(fr_sme), nvis * 8, p=pw / pw.sum())]
        pk = rng.choice(g.n_parks, nvis * 8,
                        p=g.park_size / g.park_size.sum())
        match = (m.seeks[s] & g.park_theme[pk]) != 0
        acc = rng.random(nvis * 8) < np.where(match, 1.0, 0.15)
        s, pk = s[acc][:nvis], pk[acc][:nvis]
        vu.append(s)
        vv.append(pk)
        vy.append(np.full(len(s), year))


def _actor_table(rng, inst: list, g: SimpleNamespace, m: SimpleNamespace,
                 ids: SimpleNamespace) -> pd.DataFrame:
    """The actors table: institutions, pôles, parks, then members, whose
    names are drawn from their first sector, a suffix and their rank."""
    actor_ids = np.array([i[0] for i in inst] + ids.poles + ids.parks
                         + ids.members, dtype=object)
    name_words = np.array([d.replace("_", " ").title() for d in DOMAINS],
                          dtype=object)
    m_first = name_words[m.first]
    suffix = np.array(_SUFFIX, dtype=object)[rng.integers(0, len(_SUFFIX),
                                                          m.n)]
    rank = ids.rank
    member_names = []
    for i, (t, w, sfx) in enumerate(zip(m.ptype.tolist(), m_first.tolist(),
                                        suffix.tolist())):
        if t in (SME, COMPANY):
            member_names.append(f"{w} {sfx} {rank[i]}")
        elif t == LAB:
            member_names.append(f"{w} Research Lab {rank[i]}")
        else:
            member_names.append(f"{w} Training Centre {rank[i]}")
    fr_city = [c[0] for c in FR_CITIES]
    fr_region = [c[1] for c in FR_CITIES]
    member_city = [g.park_city[k] if fo else fr_city[c]
                   for fo, k, c in zip(m.foreign.tolist(), m.group.tolist(),
                                       m.m_city_idx.tolist())]
    member_region = [g.park_region[k] if fo else fr_region[c]
                     for fo, k, c in zip(m.foreign.tolist(), m.group.tolist(),
                                         m.m_city_idx.tolist())]
    return pd.DataFrame({
        "id": actor_ids,
        "name": [i[1] for i in inst]
        + [f"Pôle {name_words[_lowest_bit(g.pole_theme[i:i + 1])[0]]} "
           f"{FR_CITIES[g.pole_city[i]][0]} {i + 1}"
           for i in range(g.n_poles)]
        + [f"{g.park_city[i]} "
           f"{name_words[_lowest_bit(g.park_theme[i:i + 1])[0]]}"
           f" Park {i + 1}" for i in range(g.n_parks)]
        + member_names,
        "type": [i[2] for i in inst] + ["pole"] * g.n_poles
        + ["park"] * g.n_parks
        + np.array(POOL_TYPES, dtype=object)[m.ptype].tolist(),
        "country": [i[3] for i in inst] + ["FR"] * g.n_poles
        + g.park_country.tolist() + m.m_country.tolist(),
        "city": [i[4] for i in inst] + [FR_CITIES[c][0] for c in g.pole_city]
        + g.park_city + member_city,
        "region": [i[5] for i in inst]
        + [FR_CITIES[c][1] for c in g.pole_city] + g.park_region
        + member_region,
        "sectors": [()] * len(inst) + _mask_to_tuple(g.pole_theme)
        + _mask_to_tuple(g.park_theme) + _mask_to_tuple(m.sectors),
        "seeks": [()] * (len(inst) + g.n_poles + g.n_parks)
        + _mask_to_tuple(m.seeks),
        "lat": np.concatenate([[i[6] for i in inst],
                               [FR_CITIES[c][2] for c in g.pole_city],
                               g.park_lat, m.m_lat]),
        "lon": np.concatenate([[i[7] for i in inst],
                               [FR_CITIES[c][3] for c in g.pole_city],
                               g.park_lon, m.m_lon]),
        "source": "generated",
    })


def _membership_rows(rng, start_year: int, end_year: int,
                     m: SimpleNamespace, ids: SimpleNamespace) -> pd.DataFrame:
    """``member_of`` rows: founders join at the start, the others over the
    years."""
    join = np.where(rng.random(m.n) < 0.6, start_year,
                    rng.integers(start_year, end_year + 1, m.n))
    grp_ids = np.array(ids.poles + ids.parks, dtype=object)
    return pd.DataFrame({
        "source": np.array(ids.members, dtype=object),
        "target": grp_ids[m.gkey], "type": "member_of",
        "year": join, "programme": None, "weight": 1.0})


def _member_tie_rows(rng, m: SimpleNamespace, ties: SimpleNamespace,
                     ids: SimpleNamespace, P: dict) -> pd.DataFrame:
    """Member-member rows: the type follows the two actor types
    (``training`` with a training centre, ``rd_partnership`` between
    companies, either with a lab, else ``academic_partner``), the direction
    is drawn, French-Chinese lab pairs may carry PHC Cai Yuanpei or ARCUS,
    the weight is ``1 + Poisson(0.5)``."""
    eu, ev, ey, ptype = ties.eu, ties.ev, ties.ey, m.ptype
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
    country = m.m_country
    fr_cn_labs = ((ptype[eu] == LAB) & (ptype[ev] == LAB)
                  & (((country[eu] == "FR") & (country[ev] == "CN"))
                     | ((country[eu] == "CN") & (country[ev] == "FR"))))
    rp = rng.random(len(eu))
    prog = np.where(fr_cn_labs & (ey >= PHC_FROM) & (rp < P["p_phc"]),
                    "prog_phc_cai_yuanpei", np.where(
                        fr_cn_labs & (ey >= ARCUS_YEARS[0])
                        & (ey <= ARCUS_YEARS[1]) & (rp < P["p_arcus"]),
                        "prog_arcus", None))
    weight = 1.0 + rng.poisson(0.5, len(eu))
    mid = np.array(ids.members, dtype=object)
    return pd.DataFrame({
        "source": mid[src], "target": mid[dst], "type": ctype, "year": ey,
        "programme": prog, "weight": weight})


def _visit_rows(rng, ties: SimpleNamespace, ids: SimpleNamespace,
                P: dict) -> pd.DataFrame:
    """``delegation_visit`` rows (SME -> park), part of them under COOPOL
    from its first year."""
    s = np.concatenate(ties.vu)
    pk = np.concatenate(ties.vv)
    y = np.concatenate(ties.vy)
    coopol = (y >= COOPOL_FROM) & (rng.random(len(s)) < P["p_coopol"])
    return pd.DataFrame({
        "source": np.array(ids.members, dtype=object)[s],
        "target": np.array(ids.parks, dtype=object)[pk],
        "type": "delegation_visit", "year": y,
        "programme": np.where(coopol, "prog_coopol", None),
        "weight": 1.0})


def _seminar_rows(rng, years: np.ndarray, quotas: np.ndarray,
                  g: SimpleNamespace,
                  ids: SimpleNamespace) -> pd.DataFrame | None:
    """``seminar`` rows pôle - park, on a shared or complementary theme
    when possible (None when the quotas are all zero)."""
    sem_year = np.repeat(years, quotas)
    if not len(sem_year):
        return None
    n_s = len(sem_year)
    po = rng.integers(0, g.n_poles, n_s * 8)
    pa = rng.integers(0, g.n_parks, n_s * 8)
    fit = ((g.pole_theme[po] & (g.park_theme[pa] | _complement_mask(
        g.park_theme[pa]))) != 0)
    acc = rng.random(n_s * 8) < np.where(fit, 1.0, 0.2)
    po, pa = po[acc], pa[acc]
    n_s = min(n_s, len(po))
    return pd.DataFrame({
        "source": np.array(ids.poles, dtype=object)[po[:n_s]],
        "target": np.array(ids.parks, dtype=object)[pa[:n_s]],
        "type": "seminar", "year": sem_year[:n_s], "programme": None,
        "weight": 1.0})


def _institutional_rows(start_year: int, g: SimpleNamespace,
                        ids: SimpleNamespace) -> pd.DataFrame:
    """Programmes ``funded_by`` ministries and a region; MOST -> TORCH ->
    Chinese parks and ministry -> embassy services ``supervises``; embassy
    -> programmes and region -> pôle ``supports``. Draws nothing."""
    regions, foreign_countries = g.regions, g.foreign_countries
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
    for i in np.flatnonzero(g.is_cn):
        inst_rows.append(("agency_torch", ids.parks[i], "supervises",
                          start_year, None))
    for i, c in enumerate(g.pole_city.tolist()):
        inst_rows.append((f"region_{slug(FR_CITIES[c][1])}", ids.poles[i],
                          "supports", start_year, None))
    return pd.DataFrame(inst_rows, columns=[
        "source", "target", "type", "year", "programme"]).assign(weight=1.0)


def _cooperation_table(frames: list, start_year: int,
                       end_year: int) -> pd.DataFrame:
    """The row groups as one cooperations table in the contract's types,
    years clipped to the window."""
    coops = pd.concat(frames, ignore_index=True)
    coops["year"] = coops["year"].astype("Int64")
    coops["programme"] = coops["programme"].astype("string")
    coops["note"] = pd.Series(pd.NA, index=coops.index, dtype="string")
    coops.loc[coops["year"] > end_year, "year"] = end_year
    coops.loc[coops["year"] < start_year, "year"] = start_year
    return coops


def _meta(n_actors, seed, start_year, end_year, P, g, inst, n_members,
          ties, coops) -> dict:
    """``network.meta``: the name and every parameter and count of the
    generator."""
    return {
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
            "counts": {"poles": g.n_poles, "parks": g.n_parks,
                       "members": n_members, "institutions": len(inst),
                       "member_ties": int(len(ties.eu)),
                       "visits": int(sum(len(x) for x in ties.vu)),
                       "cooperations": int(len(coops))},
        },
    }


def slug(text: str) -> str:
    """Lower-case ASCII id fragment of a name.

    >>> slug("Provence-Alpes-Côte d'Azur")
    'provence_alpes_cote_d_azur'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "_".join("".join(c if c.isalnum() else " " for c in text).split())
