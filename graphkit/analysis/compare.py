"""What changed: two versions of the data, or two periods of one network.

:func:`compare` takes an earlier and a later state, each a
:class:`~graphkit.network.Network` and a :class:`~graphkit.network.Ties`
(two versions of the data under one tie definition, or one network under
two year windows: :func:`compare_periods`), and returns a
:class:`Comparison` of codes and values (ids, years, counts; no wording):

``ties_appeared`` / ``ties_disappeared``
    pairs of partners in the later tie table and not in the earlier one,
    and the reverse (the merged tie table of
    :meth:`~graphkit.network.Network.tie_table`, so a pair is one row
    however many cooperations it holds);
``actors_entered`` / ``actors_left``
    versions: ids in one actor table and not the other; periods: actors
    with a tie in one window and none in the other;
``went_dormant``
    partnerships of the earlier state (partnership ties,
    :data:`graphkit.analysis.gaps.PARTNERSHIP_TYPES`, seen in at least two
    years, the definition of a dormant tie) with no cooperation at all in
    the later *window* although both actors still cooperate there with
    others. The later window is the second period, or, for two versions,
    the years the new data covers after the old data's last year (none:
    nothing can have gone dormant, ``dormant_window`` is None);
``gaps_closed`` / ``gaps_opened``
    gaps (:func:`graphkit.analysis.gaps.find_gaps`) of one state and not
    the other, matched on rule and actors;
``recommendations`` / ``came_true``
    the partnerships recommended from the earlier state (each pair once),
    and those among them that became ties in the later state;
    ``hit_rate`` is their share (None when nothing was recommended);
``ties_kept``
    pairs of partners in both tie tables (the map of the comparison
    draws them beside those that changed);
``figures``
    :func:`graphkit.analysis.figures.key_figures` of both states (the same
    figures as everywhere else) and their differences.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import GraphkitError
from ..network import Network, Ties
from ..results import Parameters

__all__ = ["Comparison", "compare", "compare_periods", "parse_periods",
           "FIGURE_KEYS"]

#: Key figures compared, in the brief's order (numbers only).
FIGURE_KEYS = ("actors", "cooperations", "partner_pairs",
               "cross_border_cooperations", "cross_border_share",
               "components", "largest_component", "actors_without_tie",
               "first_year", "last_year")

PAIR_COLUMNS = ("u", "v", "count", "weight", "types", "first_year",
                "last_year")


@dataclass
class Comparison:
    """Two states of a cooperation network, compared (see the module
    docstring). ``mode`` is ``"versions"`` or ``"periods"``; ``before`` and
    ``after`` hold each state's network and tie definition."""
    mode: str
    before: Network
    after: Network
    ties_before: Ties
    ties_after: Ties
    parameters: Parameters
    ties_appeared: pd.DataFrame
    ties_disappeared: pd.DataFrame
    actors_entered: list[str]
    actors_left: list[str]
    went_dormant: pd.DataFrame
    dormant_window: tuple[int, int] | None
    gaps_closed: pd.DataFrame
    gaps_opened: pd.DataFrame
    recommendations: pd.DataFrame
    came_true: pd.DataFrame
    figures_before: dict
    figures_after: dict
    meta: dict = field(default_factory=dict)
    #: pairs of partners in both tie tables (the later one's rows); the
    #: map of the comparison draws them beside those that changed
    ties_kept: pd.DataFrame | None = None

    @property
    def hit_rate(self) -> float | None:
        n = len(self.recommendations)
        return len(self.came_true) / n if n else None

    def figure_changes(self) -> list[tuple[str, object, object, object]]:
        """(key, before, after, after - before) for :data:`FIGURE_KEYS`
        (the difference None when a side is None)."""
        out = []
        for k in FIGURE_KEYS:
            a, b = self.figures_before.get(k), self.figures_after.get(k)
            out.append((k, a, b, None if a is None or b is None else b - a))
        return out


def _pairs(tt: pd.DataFrame) -> pd.Index:
    return pd.MultiIndex.from_arrays([tt["u"], tt["v"]])


def _pair_rows(tt: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    return tt[keep][list(PAIR_COLUMNS)].reset_index(drop=True)


def _active(tt: pd.DataFrame) -> set:
    return set(tt["u"]) | set(tt["v"])


def _gap_keys(g: pd.DataFrame) -> pd.Series:
    return (g["rule_id"].astype(str) + "\x1f" + g["actor_id"].astype(str)
            + "\x1f" + g["other_id"].astype("string").fillna(""))


def _dormant(before: Network, tb: Ties, after: Network, window: Ties | None
             ) -> pd.DataFrame:
    from .gaps import PARTNERSHIP_TYPES
    cols = ["u", "v", "count", "first_year", "last_year"]
    if window is None:
        return pd.DataFrame(columns=cols)
    kinds = tuple(t for t in tb.types if t in PARTNERSHIP_TYPES)
    if not kinds:
        return pd.DataFrame(columns=cols)
    part = before.tie_table(Ties.of(kinds, tb.since, tb.until,
                                    weighted=tb.weighted))
    repeated = part[part["first_year"] < part["last_year"]]
    later = after.tie_table(window)
    active = _active(later)
    still = repeated["u"].isin(active) & repeated["v"].isin(active)
    renewed = _pairs(repeated).isin(_pairs(later))
    out = repeated[still.to_numpy() & ~renewed]
    return out[cols].reset_index(drop=True)


def compare(before: Network, after: Network, *,
            ties_before: Ties | None = None, ties_after: Ties | None = None,
            parameters: Parameters | None = None, mode: str = "versions"
            ) -> Comparison:
    """Compare an earlier state of a network with a later one.

    Parameters
    ----------
    before, after : Network
        The two states (the same object for two periods).
    ties_before, ties_after : Ties, optional
        The tie definition of each state (default ``parameters.ties``).
    parameters : Parameters, optional
        Everything else (seed, recommendations per actor, gap thresholds).
    mode : {"versions", "periods"}

    Returns
    -------
    Comparison

    Examples
    --------
    >>> cmp = compare(*two_versions())
    >>> cmp.ties_appeared[["u", "v"]].values.tolist(), len(cmp.ties_disappeared)
    ([['b', 'c']], 0)
    >>> cmp.figure_changes()[2]
    ('partner_pairs', 1, 2, 1)
    """
    from .compute import compute, empty_window_message
    from .figures import key_figures
    if mode not in ("versions", "periods"):
        raise GraphkitError(f"unknown comparison mode {mode!r}")
    params = parameters or Parameters()
    tb = Ties.of(ties_before or params.ties)
    ta = Ties.of(ties_after or params.ties)
    fb, fa = key_figures(before, tb), key_figures(after, ta)
    for net, fig in ((before, fb), (after, fa)):
        message = empty_window_message(net, fig)
        if message:
            raise GraphkitError(message)
    tt_b, tt_a = before.tie_table(tb), after.tie_table(ta)
    in_a = _pairs(tt_b).isin(_pairs(tt_a))
    in_b = _pairs(tt_a).isin(_pairs(tt_b))
    if mode == "versions":
        ids_b, ids_a = set(before.actors.index), set(after.actors.index)
        # the years the new data covers beyond the old data's last year
        last_b, last_a = fb["last_year"], fa["last_year"]
        window = (last_b + 1, last_a) if last_b is not None and \
            last_a is not None and last_a > last_b else None
    else:
        ids_b, ids_a = _active(tt_b), _active(tt_a)
        window = (ta.since, ta.until)
    later = None if window is None else Ties.of(ta.types, window[0],
                                                window[1],
                                                weighted=ta.weighted)
    if later is not None and not len(after.tie_table(later)):
        later = None
    res_b = compute(before, Parameters(tb, **_rest(params)),
                    parts=["gaps", "recommendations"])
    res_a = compute(after, Parameters(ta, **_rest(params)), parts=["gaps"])
    gb, ga = res_b.gaps, res_a.gaps
    kb, ka = _gap_keys(gb), _gap_keys(ga)
    recs = _distinct(res_b.recommendations)
    a = recs["actor_id"].astype(str).to_numpy(dtype=object)
    b = recs["partner_id"].astype(str).to_numpy(dtype=object)
    rec_pairs = pd.MultiIndex.from_arrays([np.where(a <= b, a, b),
                                           np.where(a <= b, b, a)])
    new_pairs = _pairs(tt_a[~in_b])
    true = recs[rec_pairs.isin(new_pairs)].reset_index(drop=True)
    return Comparison(
        mode=mode, before=before, after=after, ties_before=tb, ties_after=ta,
        parameters=params,
        ties_appeared=_pair_rows(tt_a, ~in_b),
        ties_disappeared=_pair_rows(tt_b, ~in_a),
        actors_entered=sorted(ids_a - ids_b),
        actors_left=sorted(ids_b - ids_a),
        went_dormant=_dormant(before, tb, after, later),
        dormant_window=None if later is None else window,
        gaps_closed=gb[~kb.isin(set(ka)).to_numpy()].reset_index(drop=True),
        gaps_opened=ga[~ka.isin(set(kb)).to_numpy()].reset_index(drop=True),
        recommendations=recs.reset_index(drop=True), came_true=true,
        figures_before=fb, figures_after=fa,
        ties_kept=_pair_rows(tt_a, in_b))


def two_versions() -> tuple[Network, Network]:
    """Two versions of a three-actor network (the examples of the
    docstrings): the second adds a tie between C and B in 2011."""
    a = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"],
                      "type": ["sme", "lab", "sme"], "country": ["FR"] * 3})
    c = pd.DataFrame({"source": ["a"], "target": ["b"],
                      "type": ["rd_partnership"], "year": [2010]})
    c2 = pd.concat([c, pd.DataFrame({"source": ["c"], "target": ["b"],
                                     "type": ["academic_partner"],
                                     "year": [2011]})])
    return Network(a, c), Network(a, c2)


def _rest(params: Parameters) -> dict:
    d = {k: getattr(params, k) for k in Parameters.__dataclass_fields__}
    del d["ties"]
    return d


def _distinct(recs: pd.DataFrame) -> pd.DataFrame:
    """Recommendations with each pair once, the best-scored row kept."""
    if not len(recs):
        return recs
    a = recs["actor_id"].astype(str)
    b = recs["partner_id"].astype(str)
    key = np.where(a <= b, a + "\x1f" + b, b + "\x1f" + a)
    order = recs.assign(_k=key).sort_values(
        ["score", "_k"], ascending=[False, True], kind="mergesort")
    return order[~order["_k"].duplicated()].drop(columns="_k")


def parse_periods(text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """``"2008-2010,2012-2014"`` → ((2008, 2010), (2012, 2014)); a single
    year stands for itself. Raises :class:`GraphkitError` with the reason.

    >>> parse_periods("2008-2010, 2012-2014")
    ((2008, 2010), (2012, 2014))
    >>> parse_periods("2012,2010-2011")
    Traceback (most recent call last):
    ...
    graphkit.errors.GraphkitError: --periods '2012,2010-2011': the first period must end before the second begins
    """
    parts = [p.strip() for p in str(text).split(",")]
    out = []
    for p in parts:
        bits = [b.strip() for b in p.replace("–", "-").split("-")]
        try:
            years = [int(b) for b in bits]
        except ValueError:
            years = []
        if len(parts) != 2 or len(years) not in (1, 2) \
                or years[0] > years[-1]:
            raise GraphkitError(
                f"--periods {text!r}: give two year ranges such as "
                f"2008-2010,2012-2014")
        out.append((years[0], years[-1]))
    if out[0][1] >= out[1][0]:
        raise GraphkitError(f"--periods {text!r}: the first period must "
                            f"end before the second begins")
    return out[0], out[1]


def compare_periods(network: Network, first: tuple[int, int],
                    second: tuple[int, int],
                    parameters: Parameters | None = None) -> Comparison:
    """Compare two year windows of one network (the tie types and weights
    of ``parameters.ties``, its years replaced by each window)."""
    params = parameters or Parameters()
    t = params.ties
    windows = [Ties.of(t.types, a, b, weighted=t.weighted)
               for a, b in (first, second)]
    return compare(network, network, ties_before=windows[0],
                   ties_after=windows[1], parameters=params, mode="periods")
