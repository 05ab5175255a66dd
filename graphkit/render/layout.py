"""Node positions for the map, computed in Python, seeded and stable.

``force`` layouts use python-igraph's compiled Fruchterman-Reingold (the grid
variant above 1 000 nodes), well under two seconds at 20 000 nodes, where
NetworkX's ``spring_layout`` takes tens of seconds. ``geo`` projects latitude
and longitude with Web-Mercator; actors without coordinates are placed near
the pôles and parks they are members of, otherwise near the centre of their
country (the mean of the located actors of that country, else a built-in
centroid), otherwise in a row below the map. Actors sharing a place are
spread on a small sunflower spiral so that none hides another.
"""
from __future__ import annotations

import math

import numpy as np

from ..errors import GraphkitError
from ..randomness import seeded_igraph

#: Approximate centroids (lat, lon) of the countries most often met in the
#: data, used only for actors without coordinates in a country where no actor
#: has any.
COUNTRY_CENTROIDS: dict[str, tuple[float, float]] = {
    "FR": (46.6, 2.4), "CN": (35.0, 104.0), "DE": (51.1, 10.4),
    "GB": (54.0, -2.0), "IT": (42.8, 12.5), "ES": (40.2, -3.6),
    "BE": (50.6, 4.6), "NL": (52.2, 5.5), "CH": (46.8, 8.2),
    "US": (39.8, -98.6), "CA": (56.1, -106.3), "JP": (36.2, 138.3),
    "KR": (36.5, 127.9), "TW": (23.7, 121.0), "HK": (22.3, 114.2),
    "SG": (1.35, 103.8), "IN": (22.0, 79.0), "BR": (-10.0, -52.0),
    "AU": (-25.3, 133.8), "RU": (61.5, 105.3), "SE": (62.0, 15.0),
    "DK": (56.0, 10.0), "FI": (64.0, 26.0), "NO": (64.5, 12.0),
    "PL": (52.0, 19.4), "AT": (47.6, 14.1), "PT": (39.6, -8.0),
    "IE": (53.2, -8.2), "IL": (31.4, 35.0), "MA": (31.8, -7.1),
    "TN": (34.0, 9.0), "VN": (16.0, 107.8), "TH": (15.1, 101.0),
    "MX": (23.6, -102.5), "ZA": (-30.6, 22.9), "LU": (49.8, 6.1),
}

SPACING = 90.0  # pixels per sqrt(node) of the force layouts


def force_layout(n: int, edges: np.ndarray, seed: int = 42,
                 grid: str = "auto") -> np.ndarray:
    """Fruchterman-Reingold positions of ``n`` nodes, shape ``(n, 2)``.

    500 iterations up to 5 000 nodes, 200 above (the grid variant's
    cooling follows the count; 20 000 nodes then take under a second).

    Parameters
    ----------
    n : int
        Number of nodes, numbered 0..n-1.
    edges : ndarray of shape (m, 2)
        Integer node pairs.
    seed : int
        Seed of igraph's random numbers (start positions included): same
        input, same positions.
    grid : {"auto", "grid", "nogrid"}
        igraph's grid option (``auto`` uses the grid above 1 000 nodes).

    Returns
    -------
    ndarray
        Pixel coordinates centred on 0, about ``90 * sqrt(n)`` wide.

    Examples
    --------
    >>> import numpy as np
    >>> xy = force_layout(3, np.array([[0, 1], [1, 2]]), seed=1)
    >>> xy.shape, bool((force_layout(3, np.array([[0, 1], [1, 2]]), seed=1) == xy).all())
    ((3, 2), True)
    """
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    import igraph as ig
    g = ig.Graph(n=n, edges=np.asarray(edges, dtype=int).reshape(-1, 2).tolist())
    g.simplify()
    # igraph draws the start positions from the seeded generator (start
    # positions given from outside, if not centred, make the grid variant
    # twenty times slower)
    with seeded_igraph(seed):
        xy = np.asarray(g.layout_fruchterman_reingold(
            niter=500 if n <= 5000 else 200, grid=grid).coords, dtype=float)
    return _scale(xy, SPACING * math.sqrt(n))


def _scale(xy: np.ndarray, width: float) -> np.ndarray:
    xy = xy - (xy.max(axis=0) + xy.min(axis=0)) / 2
    span = float(np.abs(xy).max()) * 2
    width = max(width, 600.0)
    return xy * (width / span) if span > 0 else xy


def mercator(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Web-Mercator projection in degrees-of-longitude units (y grows south).

    >>> mercator(np.array([0.0, 45.0]), np.array([10.0, 2.0])).round(2).tolist()
    [[10.0, 0.0], [2.0, -50.5]]
    """
    lat = np.clip(np.asarray(lat, dtype=float), -85.0, 85.0)
    y = np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))
    return np.column_stack([np.asarray(lon, dtype=float), -y])


def geo_layout(lat, lon, country, groups: list[list[int]],
               scale: float | None = None) -> np.ndarray:
    """Web-Mercator positions, with a place for actors without coordinates
    (the positions of :func:`geo_projection`)."""
    return geo_projection(lat, lon, country, groups, scale)[0]


def geo_projection(lat, lon, country, groups: list[list[int]],
                   scale: float | None = None) -> tuple[np.ndarray, dict]:
    """Web-Mercator positions and the projection that gave them.

    Parameters
    ----------
    lat, lon : array-like of float
        Coordinates (NaN when unknown).
    country : sequence of str or None
        ISO alpha-2 code of each node.
    groups : list of list of int
        For each node, the indices of the pôles and parks it is a member of.
    scale : float, optional
        Pixels per degree of longitude; by default chosen so the located
        actors span about ``max(4000, 60 * sqrt(n))`` pixels.

    Returns
    -------
    (ndarray, dict)
        The positions, and ``{"scale", "dx", "dy"}``: a point at
        (lat, lon) is drawn at ``mercator(lat, lon) * scale - (dx, dy)``
        (the basemap is drawn with it).

    Raises
    ------
    GraphkitError
        When no actor has coordinates.

    Examples
    --------
    >>> xy, p = geo_projection([0.0, 10.0], [0.0, 20.0], ["FR", "FR"], [[], []])
    >>> (mercator(np.array([10.0]), np.array([20.0]))[0] * p["scale"]
    ...  - (p["dx"], p["dy"])).round(1).tolist() == xy[1].round(1).tolist()
    True
    """
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    n = len(lat)
    known = ~(np.isnan(lat) | np.isnan(lon))
    if n and not known.any():
        raise GraphkitError(
            "the geographic layout needs coordinates, and no actor has lat/lon;"
            " use --layout auto or spring")
    xy = np.full((n, 2), np.nan)
    xy[known] = mercator(lat[known], lon[known])
    # 1. near the groups the actor belongs to
    for i in np.flatnonzero(~known):
        placed = [xy[g] for g in groups[i] if known[g]]
        if placed:
            xy[i] = np.mean(placed, axis=0)
    # 2. centre of the country: located actors, else the built-in centroid
    by_country: dict[str, list] = {}
    for i in np.flatnonzero(known):
        by_country.setdefault(country[i], []).append(xy[i])
    missing = np.flatnonzero(np.isnan(xy[:, 0]))
    for i in missing:
        c = country[i]
        if c in by_country:
            xy[i] = np.mean(by_country[c], axis=0)
        elif c in COUNTRY_CENTROIDS:
            xy[i] = mercator(np.array([COUNTRY_CENTROIDS[c][0]]),
                             np.array([COUNTRY_CENTROIDS[c][1]]))[0]
    # 3. a row below the located actors
    rest = np.flatnonzero(np.isnan(xy[:, 0]))
    if len(rest):
        lo = np.nanmin(xy, axis=0)
        hi = np.nanmax(xy, axis=0)
        step = max((hi[0] - lo[0]) / max(len(rest), 1), 0.5)
        for k, i in enumerate(rest):
            xy[i] = (lo[0] + k * step, hi[1] + 5.0)
    span = float(np.ptp(xy, axis=0).max()) if n else 0.0
    if scale is None:
        target = max(4000.0, 60.0 * math.sqrt(n))
        scale = target / span if span > 0 else 1.0
    xy = xy * scale
    shift = xy.mean(axis=0) if n else np.zeros(2)
    return _spread(xy - shift), {"scale": float(scale),
                                 "dx": float(shift[0]), "dy": float(shift[1])}


def _spread(xy: np.ndarray, gap: float = 18.0) -> np.ndarray:
    """Move actors sharing a position onto a sunflower spiral around it."""
    out = xy.copy()
    seen: dict[tuple, int] = {}
    golden = math.pi * (3 - math.sqrt(5))
    for i, (x, y) in enumerate(np.round(xy, 1)):
        k = seen.get((x, y), 0)
        seen[(x, y)] = k + 1
        if k:
            r = gap * math.sqrt(k)
            out[i, 0] += r * math.cos(k * golden)
            out[i, 1] += r * math.sin(k * golden)
    return out
